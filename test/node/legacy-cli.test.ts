/**
 * The command line with .xls and .ods files (issue 16), spawned as she runs it: real files
 * LibreOffice wrote (the demo branch saved as .xls and .ods), the ways such files come broken
 * or disguised, files with a password to open made by LibreOffice itself, and where the
 * results of an .xls/.ods go (a new .xlsx beside it, replaced only when it is the tool's own
 * untouched result). Messages are asserted word for word through fileProblemLine and savedLine,
 * so the terminal says what the page says; never a stack trace.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, promises as fs, readdirSync } from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type FileProblem, SNIFF_BYTES, sniffWorkbook, workbookFormat } from "../../src/core/files";
import { fileProblemLine } from "../../src/messages/files";
import { initWorkbook } from "../../src/node/commands";
import { savedLine } from "../../src/node/cli";
import { loadWorkbookFile } from "../../src/node/files";
import { cli, CLI, expectNoStack, gridsOf, type Ran, REPO, tempDir } from "../support/files";
import { saveWithLibreOffice } from "../support/pdf";
import { binaryWorkbookZip, numbersZip, openDocumentText, rezipped } from "../support/zips";

/** SheetJS's container library (OLE compound files), typed `any` by SheetJS: what is used here. */
interface CfbApi {
  utils: { cfb_new(): unknown; cfb_add(cfb: unknown, name: string, content: Uint8Array): void };
  write(cfb: unknown, options: { type: "buffer"; fileType: "cfb" }): Buffer;
  read(data: Uint8Array, options: { type: "buffer" }): { FileIndex: { name: string; type: number; content?: ArrayLike<number> }[] };
}
const CFB = XLSX.CFB as CfbApi;

const ENCRYPT = path.join(REPO, "test", "support", "encrypt_with_libreoffice.py");
const OUTPUT_SHEETS = ["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"];

/** Never a stack trace nor an English error class: not even "    at " or "Error:". */
function expectClean(r: Ran): void {
  expectNoStack(r);
  expect(r.err).not.toContain("    at ");
  expect(`${r.out}${r.err}`).not.toContain("Error:");
}

/** The command failed with exactly this file problem, as its only line. */
function expectProblem(r: Ran, problem: FileProblem): void {
  expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: `错误：${fileProblemLine(problem)}\n` });
  expect(r.out).toBe("");
  expectClean(r);
}

/** A copy of `source` named `name` in a folder of its own (so nothing else is there). */
function place(source: string, name: string, folder = tempDir("legacy-")): string {
  const file = path.join(folder, name);
  copyFileSync(source, file);
  return file;
}

async function write(name: string, bytes: Uint8Array | string, folder = tempDir("legacy-")): Promise<string> {
  const file = path.join(folder, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** An OLE compound file holding these streams, as SheetJS's container library writes one. */
function oleFile(streams: Record<string, Uint8Array>): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, content);
  return CFB.write(cfb, { type: "buffer", fileType: "cfb" });
}

/** `bytes`, checked to be an OLE file the first look lets through: what it is is told only by the .xls reader. */
function pastSniff(bytes: Buffer, name: string): Buffer {
  expect(sniffWorkbook(bytes.subarray(0, SNIFF_BYTES), bytes.length, name)).toBeNull();
  expect(workbookFormat(bytes)).toBe("xls");
  return bytes;
}

/**
 * An OLE file whose directory entry for `stream` lies past the first SNIFF_BYTES: 700 small
 * streams whose names sort before it fill the directory ahead of it.
 */
function longDirectory(stream: string): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (let i = 0; i < 700; i++) CFB.utils.cfb_add(cfb, `A${String(i).padStart(4, "0")}`, new Uint8Array([i & 0xff]));
  CFB.utils.cfb_add(cfb, stream, new Uint8Array(5000).fill(0x41));
  return CFB.write(cfb, { type: "buffer", fileType: "cfb" });
}

/** A BIFF8 record: type, length, data. */
function biffRecord(type: number, data: readonly number[]): Buffer {
  const b = Buffer.alloc(4 + data.length);
  b.writeUInt16LE(type, 0);
  b.writeUInt16LE(data.length, 2);
  Buffer.from(data).copy(b, 4);
  return b;
}

/** The files in a folder, sorted: what a command left behind. */
const filesIn = (folder: string): string[] => readdirSync(folder).sort();

/** The members as `calc --json` prints them (and the period, the nominations): a result to compare across formats. */
function calcResult(file: string): unknown {
  const out = path.join(tempDir("legacy-json-"), "结果.xlsx");
  const r = cli(["calc", file, "-o", out, "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out) as { members: unknown; nominations: unknown; summary: unknown; period: unknown; year: unknown; branch: unknown };
  return { branch: j.branch, year: j.year, period: j.period, summary: j.summary, members: j.members, nominations: j.nominations };
}

let demoXlsx: string;
/** The demo branch as LibreOffice saves it as .xls (MS Excel 97) and as .ods. */
let demoXls: string;
let demoOds: string;

beforeAll(async () => {
  if (!existsSync(path.join(path.dirname(CLI), "..", "dist", "node", "cli.js"))) {
    throw new Error("dist/ is missing: run `npm run build:cli` (npm test does it first)");
  }
  const dir = tempDir("legacy-demo-");
  demoXlsx = path.join(dir, "示例.xlsx");
  await initWorkbook(demoXlsx, { demo: true });
  demoXls = (await saveWithLibreOffice(demoXlsx, "xls", path.join(dir, "lo"))).file;
  demoOds = (await saveWithLibreOffice(demoXlsx, "ods", path.join(dir, "lo"))).file;
}, 120_000);

describe("broken and disguised files: one exact line, exit 2, nothing written", () => {
  const truncated = (source: () => string, fraction: number) => async (name: string): Promise<string> => {
    const bytes = await fs.readFile(source());
    return write(name, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  };
  const cases: [string, string, (name: string) => Promise<string>, FileProblem][] = [
    ["a LibreOffice .xls cut at 50%", "名单.xls", truncated(() => demoXls, 0.5), { code: "file_corrupt", file: "名单.xls", format: "xls" }],
    ["a LibreOffice .xls cut at 90%", "名单.xls", truncated(() => demoXls, 0.9), { code: "file_corrupt", file: "名单.xls", format: "xls" }],
    ["a LibreOffice .ods cut at 50%", "名单.ods", truncated(() => demoOds, 0.5), { code: "file_corrupt", file: "名单.ods", format: "ods" }],
    ["a LibreOffice .ods cut at 90%", "名单.ods", truncated(() => demoOds, 0.9), { code: "file_corrupt", file: "名单.ods", format: "ods" }],
    ["an OpenDocument text renamed .ods", "通知.ods", async (name) => write(name, await openDocumentText()), { code: "zip_not_workbook", file: "通知.ods", holds: "opendocument" }],
    ["an OpenDocument text re-zipped (mimetype not first) renamed .ods", "通知.ods", async (name) => write(name, await openDocumentText(false)), { code: "zip_not_workbook", file: "通知.ods", holds: "opendocument" }],
    ["a CSV named 名单.xls", "名单.xls", (name) => write(name, "编号,姓名,党员类别\r\n1,张三,正式党员\r\n"), { code: "disguised", file: "名单.xls", holds: "text" }],
    // A Chinese Windows exports CSV in GBK (code page 936): the same text, in other bytes.
    ["a GBK CSV named 名单.xls", "名单.xls", (name) => write(name, Buffer.from("b1e0bac52cd0d5c3fb2cb5b3d4b1c0e0b1f00d0a312cd5c5c8fd2cd5fdcabdb5b3d4b10d0a", "hex")), { code: "disguised", file: "名单.xls", holds: "text" }],
    ["an HTML table named 导出.xls", "导出.xls", (name) => write(name, '<html><head><meta charset="utf-8"></head><body><table><tr><td>编号</td><td>姓名</td></tr><tr><td>1</td><td>张三</td></tr></table></body></html>'), { code: "disguised", file: "导出.xls", holds: "html" }],
    ["Excel 2003 XML named 导出.xls", "导出.xls", (name) => write(name, '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="名单"/></Workbook>'), { code: "disguised", file: "导出.xls", holds: "xml" }],
    // WPS's own format is an OLE file with a workbook stream, as an .xls is: told by its name.
    ["a .et (WPS)", "支部.et", (name) => Promise.resolve(place(demoXls, name)), { code: "et", file: "支部.et" }],
    ["an .xlsb (a zip with xl/workbook.bin)", "支部.xlsb", async (name) => write(name, await binaryWorkbookZip()), { code: "xlsb", file: "支部.xlsb" }],
    ["an .xlsb renamed .xlsx", "支部.xlsx", async (name) => write(name, await binaryWorkbookZip()), { code: "xlsb", file: "支部.xlsx" }],
    ["a .numbers", "支部.numbers", async (name) => write(name, await numbersZip()), { code: "numbers", file: "支部.numbers" }],
    ["a .numbers renamed .xlsx", "支部.xlsx", async (name) => write(name, await numbersZip()), { code: "numbers", file: "支部.xlsx" }],
    ["an old Word document (OLE, WordDocument stream) named .xls", "名单.xls", (name) => write(name, oleFile({ WordDocument: Buffer.from("名单".repeat(40)), "1Table": new Uint8Array(512) })), { code: "zip_not_workbook", file: "名单.xls", holds: "word" }],
    // The OLE directory past the bytes sniffed (Word puts it at the end of a long document): the .xls reader tells it.
    ["an old Word document named .xls whose directory lies past the first 64 KB", "名单.xls", (name) => write(name, pastSniff(longDirectory("WordDocument"), name)), { code: "zip_not_workbook", file: "名单.xls", holds: "word" }],
    ["an old PowerPoint file named .xls", "汇报.xls", (name) => write(name, oleFile({ "PowerPoint Document": new Uint8Array(600) })), { code: "zip_not_workbook", file: "汇报.xls", holds: "powerpoint" }],
    // A workbook stream that opens and closes its global section and has no sheet at all.
    ["an .xls with no sheet", "空表.xls", (name) => write(name, oleFile({ Workbook: Buffer.concat([biffRecord(0x0809, [0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0, 0, 0, 0, 0x06, 0x03, 0, 0]), biffRecord(0x000a, [])]) })), { code: "file_corrupt", file: "空表.xls", format: "xls" }],
    ["an OLE file of no known kind named .xls", "附件.xls", (name) => write(name, pastSniff(oleFile({ Contents: new Uint8Array(200 * 1024) }), name)), { code: "not_a_workbook", file: "附件.xls", extension: ".xls" }],
  ];

  test.each(cases)("%s", async (label, name, make, problem) => {
    const file = await make(name);
    const folder = path.dirname(file);
    const before = await fs.readFile(file);
    // Every command opens files the same way (loadWorkbookFile): ballots and init --add-missing
    // are asked too for the first cases, check and calc for all.
    const commands = cases.findIndex((c) => c[0] === label) < 3 ? [["check"], ["calc"], ["ballots"], ["init", "--add-missing"]] : [["check"], ["calc"]];
    for (const command of commands) expectProblem(cli([...command, name], folder), problem);
    // Nothing new beside it (no result .xlsx, no .bak), and the file itself untouched.
    expect(filesIn(folder)).toEqual([name]);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  test("an .xls missing only the end of its last sector (directory slack, no stream) is read whole: nothing of hers is lost", async () => {
    const bytes = await fs.readFile(demoXls);
    const file = await write("名单.xls", bytes.subarray(0, bytes.length - 40));
    // The last 128 bytes are an unused directory entry (LibreOffice pads the directory's last
    // sector with them): name length 0, object type 0. No stream's content is in what is cut.
    const entry = bytes.subarray(bytes.length - 128);
    expect({ nameLength: entry.readUInt16LE(64), type: entry[66] }).toEqual({ nameLength: 0, type: 0 });
    expect(calcResult(file)).toEqual(calcResult(demoXls));
  });

  test("merge: a damaged .xls among branches is left out with the same words, the others are merged", async () => {
    const folder = tempDir("legacy-merge-");
    const cut = await fs.readFile(demoXls);
    await fs.writeFile(path.join(folder, "二支部.xls"), cut.subarray(0, Math.floor(cut.length * 0.9)));
    place(demoXls, "一支部.xls", folder);
    const r = cli(["merge", "汇总.xlsx", "一支部.xls", "二支部.xls"], folder);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`未汇总：二支部.xls：${fileProblemLine({ code: "file_corrupt", file: "二支部.xls", format: "xls" })}\n`);
    expect(r.out).toMatch(/全所汇总 \d{4}年 年终：支部 1 个，党员 28 人/);
    expectClean(r);
  });
});

describe("password-protected files made by LibreOffice (.xls, .ods, .xlsx)", () => {
  let folder: string;
  const files = { xls: "加密.xls", ods: "加密表.ods", xlsx: "加密簿.xlsx" } as const;

  beforeAll(() => {
    folder = tempDir("legacy-encrypted-");
    // LibreOffice's own "save with password" of the demo, over UNO (--convert-to cannot set one).
    const r = spawnSync(
      "/usr/bin/python3",
      [ENCRYPT, demoXlsx, "考评2026", `${path.join(folder, files.xls)}:MS Excel 97`, `${path.join(folder, files.ods)}:calc8`, `${path.join(folder, files.xlsx)}:Calc MS Excel 2007 XML`],
      { encoding: "utf8", timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`encrypt_with_libreoffice.py failed (${r.status ?? r.signal}): ${r.stderr}${r.error?.message ?? ""} (Debian python3-uno: scripts/ensure-test-deps.js)`);
  }, 150_000);

  test("the files are encrypted as each format encrypts (checked without our reader)", async () => {
    // .xls: a FILEPASS record (0x002F) right after the workbook stream's first BOF.
    const xls = CFB.read(await fs.readFile(path.join(folder, files.xls)), { type: "buffer" });
    const stream = Buffer.from(xls.FileIndex.find((e) => e.name === "Workbook")?.content ?? []);
    const bofLength = stream.readUInt16LE(2);
    expect(stream.readUInt16LE(4 + bofLength)).toBe(0x002f);
    // .ods: the manifest lists encryption data for content.xml.
    const ods = await JSZip.loadAsync(await fs.readFile(path.join(folder, files.ods)));
    expect(await ods.file("META-INF/manifest.xml")?.async("string")).toMatch(/full-path="content\.xml"[^>]*>\s*<manifest:encryption-data/);
    // .xlsx: an OLE container with EncryptionInfo and EncryptedPackage, no zip.
    const xlsx = CFB.read(await fs.readFile(path.join(folder, files.xlsx)), { type: "buffer" });
    expect(xlsx.FileIndex.map((e) => e.name)).toEqual(expect.arrayContaining(["EncryptionInfo", "EncryptedPackage"]));
  });

  test.each(Object.values(files))("%s: check, calc, ballots, init --add-missing and merge say it has a password; nothing is written", async (name) => {
    const before = await fs.readFile(path.join(folder, name));
    const others = filesIn(folder);
    for (const command of [["check"], ["calc"], ["ballots"], ["init", "--add-missing"]]) {
      expectProblem(cli([...command, name], folder), { code: "encrypted", file: name });
    }
    const merged = cli(["merge", "汇总.xlsx", name], folder);
    expect(merged.code).toBe(2);
    expect(merged.err).toBe(`未汇总：${name}：${fileProblemLine({ code: "encrypted", file: name })}\n错误：没有可以汇总的支部工作簿，未写出“汇总.xlsx”\n`);
    expectClean(merged);
    expect(filesIn(folder)).toEqual(others);
    expect((await fs.readFile(path.join(folder, name))).equals(before)).toBe(true);
  });
});

describe("results of an .xls go to a new .xlsx beside it", () => {
  /** What savedLine says for this source, with the reader's own list of what was not carried. */
  async function expectedSaved(source: string, written: string): Promise<string> {
    const { converted } = await loadWorkbookFile(source);
    expect(converted).not.toBeNull();
    return savedLine(written, converted);
  }

  const savedLines = (r: Ran): string[] => r.out.split("\n").filter((l) => l.startsWith("已保存"));

  test("calc writes <base>.xlsx with the .xlsx's results, says so in one line, and leaves the .xls as it was", async () => {
    const xls = place(demoXls, "一支部.xls");
    const folder = path.dirname(xls);
    const original = await fs.readFile(xls);
    const r = cli(["calc", "一支部.xls"], folder);
    expect(r.code).toBe(0);
    expectClean(r);
    expect(savedLines(r)).toEqual([await expectedSaved(xls, "一支部.xlsx")]);
    expect(savedLines(r)[0]).toMatch(/^已保存为新的 \.xlsx 工作簿：一支部\.xlsx（原 \.xls 工作簿未改动；.+未带入新文件）$/);
    expect(filesIn(folder)).toEqual(["一支部.xls", "一支部.xlsx"]);
    expect((await fs.readFile(xls)).equals(original)).toBe(true);
    expect((await gridsOf(path.join(folder, "一支部.xlsx"))).map((g) => g.name)).toEqual(expect.arrayContaining(OUTPUT_SHEETS));
    // The same branch gives the same result whichever format it was saved in.
    expect(calcResult(xls)).toEqual(calcResult(demoXlsx));
  });

  test("run again, calc replaces its own untouched result; an edit of it is refused, and --force replaces it keeping .bak", async () => {
    const xls = place(demoXls, "一支部.xls");
    const folder = path.dirname(xls);
    const result = path.join(folder, "一支部.xlsx");
    expect(cli(["calc", "一支部.xls"], folder).code).toBe(0);
    const first = await fs.readFile(result);

    // Again: no refusal; the file is written anew (its stamp has the new time).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = cli(["calc", "一支部.xls"], folder);
    expect(again.code).toBe(0);
    expectClean(again);
    expect(savedLines(again)).toEqual([await expectedSaved(xls, "一支部.xlsx")]);
    expect((await fs.readFile(result)).equals(first)).toBe(false);
    expect((await fs.readFile(`${result}.bak`)).equals(first)).toBe(true);

    // She goes on working in the .xlsx (a cell of 党员名册 changed, saved by exceljs).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result);
    const roster = wb.getWorksheet("党员名册") as ExcelJS.Worksheet;
    const cell = roster.getCell("B4");
    const name = cell.value;
    if (typeof name !== "string") throw new Error(`党员名册!B4 holds ${JSON.stringify(name)}, not a name`);
    cell.value = `${name}（已核）`;
    await wb.xlsx.writeFile(result);
    const edited = await fs.readFile(result);

    const refused = cli(["calc", "一支部.xls"], folder);
    expectProblem(refused, { code: "result_exists", file: "一支部.xlsx", source: "一支部.xls", edited: true });
    expect((await fs.readFile(result)).equals(edited)).toBe(true);
    expect((await fs.readFile(`${result}.bak`)).equals(first)).toBe(true);
    // ballots and init --add-missing go to the same file, and refuse alike.
    expectProblem(cli(["ballots", "一支部.xls"], folder), { code: "result_exists", file: "一支部.xlsx", source: "一支部.xls", edited: true });

    const forced = cli(["calc", "一支部.xls", "--force"], folder);
    expect(forced.code).toBe(0);
    expectClean(forced);
    expect((await fs.readFile(`${result}.bak`)).equals(edited)).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(result);
    expect((back.getWorksheet("党员名册") as ExcelJS.Worksheet).getCell("B4").value).not.toBe(cell.value);
  });

  test("a <base>.xlsx not made from it is not replaced (edited: false); --force replaces it keeping .bak", async () => {
    const xls = place(demoXls, "一支部.xls");
    const folder = path.dirname(xls);
    const foreign = path.join(folder, "一支部.xlsx");
    await initWorkbook(foreign);
    const before = await fs.readFile(foreign);
    for (const command of [["calc"], ["ballots"]]) {
      expectProblem(cli([...command, "一支部.xls"], folder), { code: "result_exists", file: "一支部.xlsx", source: "一支部.xls", edited: false });
    }
    expect((await fs.readFile(foreign)).equals(before)).toBe(true);
    // The result of another .xls of the same base name (二支部's, copied over) is not this one's either.
    const other = place(demoXls, "二支部.xls", folder);
    expect(cli(["calc", path.basename(other)], folder).code).toBe(0);
    await fs.copyFile(path.join(folder, "二支部.xlsx"), foreign);
    expectProblem(cli(["calc", "一支部.xls"], folder), { code: "result_exists", file: "一支部.xlsx", source: "一支部.xls", edited: false });

    const forced = cli(["calc", "一支部.xls", "--force"], folder);
    expect(forced.code).toBe(0);
    expect((await fs.readFile(`${foreign}.bak`)).equals(await fs.readFile(path.join(folder, "二支部.xlsx")))).toBe(true);
  });

  test("the result re-saved by LibreOffice: an export keeps it the tool's own, a Save after a change does not", async () => {
    const xls = place(demoXls, "一支部.xls");
    const folder = path.dirname(xls);
    const result = path.join(folder, "一支部.xlsx");
    expect(cli(["calc", "一支部.xls"], folder).code).toBe(0);

    // `soffice --convert-to xlsx` keeps the document's modified time and every value: what
    // she typed is all there, so the stamp still matches and calc replaces it (nothing of hers is lost).
    const exported = (await saveWithLibreOffice(result, "xlsx", path.join(folder, "lo"))).file;
    await fs.copyFile(exported, result);
    const stamp = async (): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(result);
      return `${String(wb.description)} ${wb.modified?.toISOString() ?? ""}`;
    };
    expect(await stamp()).toMatch(/^由考评助手从“一支部\.xls”生成；校验 [0-9a-f]{28} (\S+)Z (\1)\.000Z$/);
    const replaced = cli(["calc", "一支部.xls"], folder);
    expect(replaced.code).toBe(0);
    expectClean(replaced);

    // A Save in LibreOffice after any change (here none to the values) sets the modified time:
    // the file is hers now, and is not replaced.
    const saved = spawnSync("/usr/bin/python3", [ENCRYPT, "--save", result], { encoding: "utf8", timeout: 120_000 });
    expect({ status: saved.status, stderr: saved.stderr }).toEqual({ status: 0, stderr: "" });
    expect(await stamp()).not.toMatch(/(\S+)Z \1\.000Z$/);
    const after = await fs.readFile(result);
    expectProblem(cli(["calc", "一支部.xls"], folder), { code: "result_exists", file: "一支部.xlsx", source: "一支部.xls", edited: true });
    expect((await fs.readFile(result)).equals(after)).toBe(true);
  }, 120_000);

  test("-o names the result: not an .xls (output_not_xlsx, nothing written), any .xlsx", async () => {
    const xls = place(demoXls, "一支部.xls");
    const folder = path.dirname(xls);
    for (const command of ["calc", "ballots"]) expectProblem(cli([command, "一支部.xls", "-o", "结果.xls"], folder), { code: "output_not_xlsx", file: "结果.xls" });
    expectProblem(cli(["calc", "一支部.xls", "-o", "结果.ods"], folder), { code: "output_not_xlsx", file: "结果.ods" });
    expect(filesIn(folder)).toEqual(["一支部.xls"]);

    const r = cli(["calc", "一支部.xls", "-o", "other.xlsx"], folder);
    expect(r.code).toBe(0);
    expect(savedLines(r)).toEqual([await expectedSaved(xls, "other.xlsx")]);
    // -o means no result beside the .xls.
    expect(filesIn(folder)).toEqual(["other.xlsx", "一支部.xls"]);
  });

  test("ballots writes the 测评票 into <base>.xlsx, with the same one line", async () => {
    const xls = place(demoXls, "一支部.xls");
    const folder = path.dirname(xls);
    const r = cli(["ballots", "一支部.xls"], folder);
    expect(r.code).toBe(0);
    expectClean(r);
    expect(savedLines(r)).toEqual([await expectedSaved(xls, "一支部.xlsx")]);
    expect((await gridsOf(path.join(folder, "一支部.xlsx"))).map((g) => g.name)).toContain("测评票");
    expect(filesIn(folder)).toEqual(["一支部.xls", "一支部.xlsx"]);
  });

  test("init --add-missing on an .xls lacking sheets: the completed workbook is <base>.xlsx, the .xls unchanged", async () => {
    const folder = tempDir("legacy-addmissing-");
    const partial = path.join(folder, "src", "一支部.xlsx");
    mkdirSync(path.dirname(partial));
    await initWorkbook(partial, { demo: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(partial);
    wb.removeWorksheet((wb.getWorksheet("活动记录") as ExcelJS.Worksheet).id);
    await wb.xlsx.writeFile(partial);
    const xls = (await saveWithLibreOffice(partial, "xls", folder)).file;
    const original = await fs.readFile(xls);

    const r = cli(["init", "--add-missing", "一支部.xls"], folder);
    expect(r.code).toBe(0);
    expectClean(r);
    expect(r.out).toBe(`已添加：活动记录\n${await expectedSaved(xls, "一支部.xlsx")}\n`);
    expect((await fs.readFile(xls)).equals(original)).toBe(true);
    expect((await gridsOf(path.join(folder, "一支部.xlsx"))).map((g) => g.name)).toContain("活动记录");
    // Once more: the .xls still lacks the sheet, and the result is its own untouched one, so it is written again.
    expect(cli(["init", "--add-missing", "一支部.xls"], folder).code).toBe(0);
  }, 60_000);

  test("an .xls named .xlsm is read as the .xls it is, and its result is <base>.xlsx beside it", async () => {
    const file = place(demoXls, "宏表.xlsm");
    const folder = path.dirname(file);
    const r = cli(["calc", "宏表.xlsm"], folder);
    expect(r.code).toBe(0);
    expect(savedLines(r)).toEqual([await expectedSaved(file, "宏表.xlsx")]);
    expect(filesIn(folder)).toEqual(["宏表.xlsm", "宏表.xlsx"]);
  });

  test("an .xls or .ods named .xlsx is never replaced by its own result", async () => {
    for (const [source, format] of [[demoXls, ".xls 工作簿"], [demoOds, ".ods 表格"]] as const) {
      const file = place(source, "伪装.xlsx");
      const folder = path.dirname(file);
      const before = await fs.readFile(file);
      const said = `错误：“伪装.xlsx”实际是 ${format}，只是扩展名为 .xlsx，结果不能写回原文件，未作改动。请在 Excel 或 WPS 中把它另存为 .xlsx 工作簿后再试`;
      const all = [["calc", "伪装.xlsx"], ["calc", "伪装.xlsx", "--force"], ["calc", "伪装.xlsx", "-o", "伪装.xlsx"], ["ballots", "伪装.xlsx"]];
      // The .ods goes the same way through resultTarget: two of them suffice.
      for (const args of format === ".xls 工作簿" ? all : all.slice(0, 2)) {
        const r = cli(args, folder);
        expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 2, err: `${said}，或用 -o 指定另一个结果文件（如 -o 伪装-结果.xlsx）\n` });
        expectClean(r);
      }
      expect(filesIn(folder)).toEqual(["伪装.xlsx"]);
      expect((await fs.readFile(file)).equals(before)).toBe(true);
      // With -o elsewhere it is read and computed as what it is.
      expect(cli(["calc", "伪装.xlsx", "-o", "伪装-结果.xlsx"], folder).code).toBe(0);
    }
  });
});

describe("merge and check read .xls and .ods branches as they read .xlsx", () => {
  test("merge 汇总.xlsx a.xls b.ods gives the roll-up of the same branches as .xlsx", async () => {
    const folder = tempDir("legacy-merge-");
    // Two branches: the demo, and the demo under another branch name.
    const a = path.join(folder, "a.xlsx");
    const b = path.join(folder, "b.xlsx");
    await initWorkbook(a, { demo: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    const settings = wb.getWorksheet("参数设置") as ExcelJS.Worksheet;
    expect(settings.getCell("A3").value).toBe("支部名称");
    settings.getCell("B3").value = "第二党支部";
    await wb.xlsx.writeFile(b);
    await saveWithLibreOffice(a, "xls", folder);
    await saveWithLibreOffice(b, "ods", folder);

    const legacy = cli(["merge", "汇总-旧格式.xlsx", "a.xls", "b.ods"], folder);
    const modern = cli(["merge", "汇总.xlsx", "a.xlsx", "b.xlsx"], folder);
    expect(legacy.code).toBe(0);
    expect(modern.code).toBe(0);
    expectClean(legacy);
    const plain = (s: string): string => s.replace(/\b([ab])\.(xls|ods)\b/g, "$1.xlsx").replace(/汇总-旧格式/g, "汇总");
    // The table's columns are as wide as the file names: compared with its padding collapsed.
    const words = (s: string): string => s.replace(/[ ─]+/g, " ");
    expect(words(plain(legacy.out))).toBe(words(modern.out));
    expect(modern.out).toMatch(/支部 2 个，党员 56 人/);
    const sheets = async (f: string): Promise<unknown> => JSON.parse(plain(JSON.stringify(await gridsOf(path.join(folder, f))))) as unknown;
    expect(await sheets("汇总-旧格式.xlsx")).toEqual(await sheets("汇总.xlsx"));
  }, 90_000);

  test("an .ods re-zipped by another tool (mimetype not first) is read as the .ods it is", async () => {
    const file = await write("重新压缩.ods", await rezipped(await fs.readFile(demoOds)));
    const head = await fs.readFile(file);
    expect(head.subarray(30, 38).toString("latin1")).not.toBe("mimetype");
    expect(calcResult(file)).toEqual(calcResult(demoOds));
    const r = cli(["calc", "重新压缩.ods"], path.dirname(file));
    expect(r.code).toBe(0);
    expect(r.out).toContain("已保存为新的 .xlsx 工作簿：重新压缩.xlsx（原 .ods 表格未改动；");
  });

  test("check on the .ods prints the issues and none of the library's console noise", () => {
    // SheetJS's own .ods reader does print it for this file: the CLI must be what silences it.
    const direct = spawnSync(process.execPath, ["-e", `require("@e965/xlsx").read(require("fs").readFileSync(${JSON.stringify(demoOds)}), { type: "buffer" })`], { cwd: REPO, encoding: "utf8" });
    expect(direct.stderr).toContain("ODS number format may be incorrect");

    const ods = place(demoOds, "一支部.ods");
    const r = cli(["check", "一支部.ods"], path.dirname(ods));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^问题清单：错误 0 条，提示 \d+ 条/);
    expect(r.err).toBe("");
    expect(`${r.out}${r.err}`).not.toMatch(/ODS|number format|Could not|unrecognized/i);
    // And the .ods is read as the .xlsx is.
    expect(cli(["check", "一支部.ods", "--json"], path.dirname(ods)).out).toBe(cli(["check", demoXlsx, "--json"]).out);
  });
});
