/**
 * What the package writer (src/xlsx/inject.ts, through calcFile, ballotsFile, addMissingSheets)
 * writes into her .xlsx is valid and consistent, whoever saved the workbook last: the demo as
 * exceljs writes it, the same demo saved again by openpyxl and by LibreOffice, two workbooks of
 * the corpus, and a minimal package (no styles part, no docProps/app.xml, no defined names)
 * built here by hand.
 *
 * Each is judged by readers we did not write: the ISO schemas (validate-xlsx) for every part
 * the tool wrote or changed; package_check.py (zipfile + lxml) for what a schema cannot see
 * (style indexes and counts, relationships, sheet names and ids, the sheets a sheet-scoped name
 * points at, content types, docProps/app.xml's sheet list); openpyxl for the print titles and
 * areas, frozen rows and merges of the tool's sheets, as the sheet descriptions handed to the
 * writer say; LibreOffice, printing each to PDF. A second calc must give the same package, byte
 * for byte; ballots and calc must be valid in either order, and add-missing before calc (the
 * input sheets it adds frozen, printed and noted as the template says); her own defined names
 * must follow her sheets when a tool sheet before them goes; the workbook must open on the
 * sheet it did.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { a1, columnLetters, rangeA1 } from "../../src/core/address";
import { addMissingSheets, ballotsFile, calcFile, initWorkbook } from "../../src/node/commands";
import { OUTPUT_SHEETS } from "../../src/workbook/layout";
import type { FreeSheet } from "../../src/workbook/sheetdoc";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import type { WriteRequest } from "../../src/workbook/session";
import { workbookBytes } from "../../src/xlsx/host";
import * as inject from "../../src/xlsx/inject";
import { asEarlierVersion, CORPUS } from "../reliability/corpus";
import { REPO, tempDir } from "../support/files";
import { saveAllWithLibreOffice, saveWithLibreOffice } from "../support/pdf";

const PY = "/usr/bin/python3";
const VALIDATE = path.resolve(REPO, "..", "shared", "ooxml-schemas", "validate-xlsx");
const CHECK = path.join(__dirname, "package_check.py");
const INSPECT = path.join(REPO, "test", "interop", "inspect_xlsx.py");
const LO_TIMEOUT = 120_000;

// ------------------------------------------------------------------------ readers of ours

function run(cmd: string, args: readonly string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A python script (openpyxl) run on files; it must succeed. */
function python(script: string, ...args: string[]): string {
  const r = run(PY, ["-c", script, ...args]);
  if (r.status !== 0) throw new Error(`python failed:\n${r.out}`);
  return r.out;
}

interface Checked {
  readonly problems: string[];
  readonly workbookPart: string;
  readonly stylesPart: string | null;
  readonly sheets: { name: string; sheetId: number; state: string; part: string | null; tabSelected: boolean }[];
  readonly activeTab: number;
  readonly definedNames: { name: string; localSheetId: number | null; value: string; hidden: boolean }[];
  readonly titles: string[] | null;
}

function checked(file: string): Checked {
  const r = run(PY, [CHECK, file]);
  if (r.status !== 0) throw new Error(`package_check.py failed on ${file}:\n${r.out}`);
  return JSON.parse(r.out) as Checked;
}

const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** validate-xlsx on these parts of `file`: how many SpreadsheetML parts it checked, and its verdict. */
function validate(file: string, parts: readonly string[]): { checkedParts: number; valid: boolean; out: string } {
  const r = run(VALIDATE, [file, `^(?:${parts.map(regexEscape).join("|")})$`]);
  const m = /schema: (\d+)\/(\d+) SpreadsheetML parts valid/.exec(r.out);
  if (!m) throw new Error(`validate-xlsx said:\n${r.out}`);
  return { checkedParts: Number(m[2]), valid: r.status === 0 && m[1] === m[2], out: r.out };
}

interface PySheet {
  name: string;
  notes: Record<string, string>;
  freeze: string | null;
  printTitleRows: string | null;
  printTitleCols: string | null;
  printArea: string | null;
  merged: string[];
}

function inspect(file: string): PySheet[] {
  const r = run(PY, [INSPECT, file, "1"]);
  if (r.status !== 0) throw new Error(`openpyxl failed on ${file}:\n${r.out}`);
  return (JSON.parse(r.out) as { sheets: PySheet[] }).sheets;
}

/** Every part of the package (directories left out), by name, uncompressed. */
async function partsOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const out = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, Buffer.from(await entry.async("uint8array")));
  return out;
}

/** The parts of `after` that are new or differ from `before`. */
function changedParts(before: ReadonlyMap<string, Buffer>, after: ReadonlyMap<string, Buffer>): string[] {
  return [...after].filter(([name, bytes]) => !before.get(name)?.equals(bytes)).map(([name]) => name);
}

// ------------------------------------------------------------------------ the tool's writes

/** The writer itself, watched: every request the sessions hand it (the original still runs). */
const writes = jest.spyOn(inject, "writeIntoPackage");

function lastRequest(): WriteRequest {
  const call = writes.mock.calls.at(-1);
  if (!call) throw new Error("the writer was not called");
  return call[1];
}

/** calc in place; what the writer was asked to write. */
async function calc(file: string): Promise<WriteRequest> {
  writes.mockClear();
  await calcFile(file);
  return lastRequest();
}

async function ballots(file: string): Promise<WriteRequest> {
  writes.mockClear();
  const r = await ballotsFile(file);
  if (r.written === null) throw new Error(`ballots wrote nothing into ${file}`);
  return lastRequest();
}

/** The names of the sheets a request writes, and of those it replaces. */
const toolSheets = (r: WriteRequest): Set<string> => new Set([...r.sheets.map((s) => s.name), ...r.templates.map((t) => t.sheet.name), ...r.replace]);

// ---------------------------------------------------------------------------- the workbooks

const ROSTER = [
  ["编号", "姓名", "性别", "党员类别", "党小组", "入党时间", "岗位/职务", "参评状态", "不参评原因", "本年受处分"],
  ["001", "张三", "男", "正式党员", "第一党小组", "2001-07-01", "研究员", "参评", "", "无"],
  ["002", "李四", "女", "正式党员", "第一党小组", "2010-06-30", "工程师", "参评", "", "无"],
  ["003", "王五", "男", "预备党员", "第二党小组", "2026-03-01", "助理研究员", "参评", "", "无"],
];

const xmlText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/**
 * The smallest workbook package Excel opens, holding a branch roster: the content types, the
 * package and workbook relationships, the workbook and one sheet of inline strings. No styles
 * part, no docProps, no defined names, no bookViews.
 */
async function minimalPackage(file: string): Promise<void> {
  const col = (c: number): string => String.fromCharCode(65 + c);
  const rows = ROSTER.map((r, i) => `<row r="${i + 1}">${r.map((v, c) => (v === "" ? "" : `<c r="${col(c)}${i + 1}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`)).join("")}</row>`).join("");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    "xl/workbook.xml",
    `${HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="党员名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file("xl/_rels/workbook.xml.rels", `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  zip.file("xl/worksheets/sheet1.xml", `${HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
  await fs.writeFile(file, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

/** A corpus workbook, built as corpus.test.ts builds it: the demo as earlier versions wrote it, then changed. */
async function corpusWorkbook(name: string, file: string): Promise<void> {
  const c = CORPUS.find((x) => x.name === name);
  if (!c) throw new Error(`no corpus case ${name}`);
  await initWorkbook(file, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  asEarlierVersion(wb);
  c.build(wb);
  await fs.writeFile(file, await workbookBytes(wb));
}

const resaveWithOpenpyxl = (file: string): string => python("import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[1])", file);

interface Variant {
  readonly label: string;
  readonly make: (file: string, dir: string) => Promise<void>;
}

const VARIANTS: readonly Variant[] = [
  { label: "the demo (exceljs)", make: (f) => initWorkbook(f, { demo: true }) },
  {
    label: "the demo saved by openpyxl",
    make: async (f) => {
      await initWorkbook(f, { demo: true });
      resaveWithOpenpyxl(f);
    },
  },
  {
    label: "the demo saved by LibreOffice",
    make: async (f, dir) => {
      const demo = path.join(dir, "lo-source", path.basename(f));
      await fs.mkdir(path.dirname(demo), { recursive: true });
      await initWorkbook(demo, { demo: true });
      const { file } = await saveWithLibreOffice(demo, "xlsx", path.dirname(f), LO_TIMEOUT);
      if (file !== f) throw new Error(`LibreOffice wrote ${file}, not ${f}`);
    },
  },
  { label: "corpus: hidden-sheets", make: (f) => corpusWorkbook("hidden-sheets", f) },
  { label: "corpus: emoji-and-rare-cjk-names", make: (f) => corpusWorkbook("emoji-and-rare-cjk-names", f) },
  { label: "a minimal package (no styles, app.xml or defined names)", make: minimalPackage },
];
const LABELS = VARIANTS.map((v) => v.label);

interface Calculated {
  /** The workbook after one calc. */
  readonly file: string;
  /** The workbook as made, before any calc. */
  readonly made: string;
  readonly request: WriteRequest;
  readonly beforeParts: Map<string, Buffer>;
  readonly afterParts: Map<string, Buffer>;
  /** The package after a second calc of the same file. */
  readonly secondParts: Map<string, Buffer>;
  readonly before: Checked;
  readonly after: Checked;
}

let dir = "";
const done = new Map<string, Calculated>();

function got(label: string): Calculated {
  const c = done.get(label);
  if (!c) throw new Error(`${label} was not made`);
  return c;
}

/**
 * Everything a package the tool wrote into must be: the parts it wrote (the workbook part,
 * the styles part, the sheets of `request`) and any other part that changed, schema-valid;
 * nothing inconsistent.
 */
function expectValidAndConsistent(file: string, request: WriteRequest, before: ReadonlyMap<string, Buffer>, after: ReadonlyMap<string, Buffer>): Checked {
  const c = checked(file);
  const written = toolSheets(request);
  const parts = [c.workbookPart, ...(c.stylesPart === null ? [] : [c.stylesPart]), ...c.sheets.filter((s) => written.has(s.name) && s.part !== null).map((s) => s.part as string)];
  const v = validate(file, [...new Set([...parts, ...changedParts(before, after)])]);
  expect(v.out).toMatch(/schema: (\d+)\/\1 /);
  expect(v.valid).toBe(true);
  expect(v.checkedParts).toBeGreaterThanOrEqual(parts.length);
  expect(c.problems).toEqual([]);
  return c;
}

beforeAll(async () => {
  dir = tempDir("package-write-");
  const files = VARIANTS.map((_, i) => path.join(dir, `v${i}`, "支部.xlsx"));
  // Made side by side (LibreOffice is the slow one); calculated one at a time, so that each
  // request the writer is handed is the calc's own.
  await Promise.all(
    VARIANTS.map(async (v, i) => {
      const file = files[i] as string;
      await fs.mkdir(path.dirname(file), { recursive: true });
      await v.make(file, path.dirname(file));
    }),
  );
  for (const [i, v] of VARIANTS.entries()) {
    const file = files[i] as string;
    const sub = path.dirname(file);
    await fs.copyFile(file, path.join(sub, "made.xlsx"));
    const beforeParts = await partsOf(file);
    const before = checked(file);
    const request = await calc(file);
    // The first result kept aside; the second calc is of the same file at the same path (the
    // path is in the advice 问题清单 gives).
    const first = path.join(sub, "first", "支部.xlsx");
    await fs.mkdir(path.dirname(first), { recursive: true });
    await fs.copyFile(file, first);
    await calc(file);
    done.set(v.label, { file: first, made: path.join(sub, "made.xlsx"), request, beforeParts, afterParts: await partsOf(first), secondParts: await partsOf(file), before, after: checked(first) });
  }
}, 180_000);

afterAll(async () => {
  writes.mockRestore();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe("calc writes a valid, consistent package, whoever saved it last", () => {
  test.each(LABELS)("%s: every part the tool wrote or changed is valid against the SpreadsheetML schemas", (label) => {
    const c = got(label);
    const changed = changedParts(c.beforeParts, c.afterParts);
    // Among them, a worksheet part for each sheet written.
    expect(changed.filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p)).length).toBeGreaterThanOrEqual(c.request.sheets.length);
    expectValidAndConsistent(c.file, c.request, c.beforeParts, c.afterParts);
  });

  test.each(LABELS)("%s: consistent: style indexes and counts, relationships, sheet names and ids, defined names, content types, app.xml", (label) => {
    const c = got(label);
    expect(c.before.problems).toEqual([]); // her file was sound: whatever is found below, the tool did
    expect(c.after.problems).toEqual([]);
    const names = c.after.sheets.map((s) => s.name);
    // Every sheet written is there, once.
    for (const s of c.request.sheets) expect(names.filter((n) => n === s.name)).toHaveLength(1);
    // docProps/app.xml lists the sheets if it listed them before (exceljs's does; openpyxl and
    // LibreOffice write none, and the minimal package has no app.xml): no third kind here.
    const listed = c.before.titles !== null && JSON.stringify(c.before.titles) === JSON.stringify(c.before.sheets.map((s) => s.name));
    expect(listed || c.before.titles === null).toBe(true);
    if (listed) expect(c.after.titles).toEqual(names);
    else expect(c.after.titles).toBeNull();
    if (label === "the demo (exceljs)") expect(listed).toBe(true);
  });

  test.each(LABELS)("%s: openpyxl reads each tool sheet's print titles, print area, frozen rows and merges as its description says", (label) => {
    const c = got(label);
    const sheets = inspect(c.file);
    const result = c.request.sheets.find((s) => s.name === "综合评定");
    // The description under test is not empty: 综合评定 repeats its header row on every page.
    expect(result?.print.titleRows).toBeDefined();
    for (const d of c.request.sheets) {
      const s = sheets.find((x) => x.name === d.name);
      expect(s).toBeDefined();
      expect(described(d)).toEqual(read(s as PySheet));
    }
  });

  test.each(LABELS)("%s: a second calc gives the same package: the same parts, byte for byte", (label) => {
    const c = got(label);
    expect([...c.secondParts.keys()].sort()).toEqual([...c.afterParts.keys()].sort());
    const differ = [...c.afterParts].filter(([name, bytes]) => !c.secondParts.get(name)?.equals(bytes)).map(([name]) => name);
    expect(differ).toEqual([]);
  });

  test.each(LABELS)("%s: opens on the sheet it was last shown on when that is hers, with no other tab selected", (label) => {
    const c = got(label);
    const shown = c.before.sheets[c.before.activeTab]?.name;
    expect(shown).toBeDefined();
    if (toolSheets(c.request).has(shown as string)) return; // the tool's own: see "the tab shown" below
    expect(c.after.sheets[c.after.activeTab]?.name).toBe(shown);
    const selected = c.after.sheets.filter((s) => s.tabSelected).map((s) => s.name);
    expect(selected.filter((n) => n !== shown)).toEqual([]);
  });

  test("LibreOffice prints every one of them to PDF", async () => {
    const pdfs = path.join(dir, "pdf");
    await fs.mkdir(pdfs, { recursive: true });
    const copies = await Promise.all(LABELS.map(async (label, i) => {
      const copy = path.join(pdfs, `v${i}.xlsx`);
      await fs.copyFile(got(label).file, copy);
      return copy;
    }));
    // One LibreOffice for all: its start-up is most of the time.
    const { files } = await saveAllWithLibreOffice(copies, "pdf", path.join(pdfs, "out"), LO_TIMEOUT);
    for (const f of files) expect((await fs.stat(f)).size).toBeGreaterThan(1000);
  }, LO_TIMEOUT);
});

/** What a sheet description asks for, in openpyxl's terms. */
function described(d: FreeSheet): Omit<PySheet, "name" | "notes"> {
  return {
    freeze: d.freezeRows > 0 ? `A${d.freezeRows + 1}` : null,
    printTitleRows: d.print.titleRows ? `$${d.print.titleRows[0]}:$${d.print.titleRows[1]}` : null,
    printTitleCols: d.print.titleColumns ? `$${columnLetters(d.print.titleColumns[0])}:$${columnLetters(d.print.titleColumns[1])}` : null,
    printArea: d.print.area ? d.print.area.replace(/\$/g, "") : null,
    merged: d.merges.filter((m) => m.rows * m.cols > 1).map((m) => rangeA1(m)).sort(),
  };
}

/** What openpyxl read, the print area without its sheet name and dollars. */
function read(s: PySheet): Omit<PySheet, "name" | "notes"> {
  return {
    freeze: s.freeze,
    printTitleRows: s.printTitleRows,
    printTitleCols: s.printTitleCols,
    printArea: s.printArea === null ? null : s.printArea.split(",").map((r) => r.replace(/^.*!/, "").replace(/\$/g, "")).join(","),
    merged: [...s.merged].sort(),
  };
}

// -------------------------------------------------------------------- ballots, names, tabs

/** A copy of `file` at dir/<sub>/支部.xlsx (calc's advice names the path, so each case has its own folder). */
async function copyTo(file: string, sub: string): Promise<string> {
  const to = path.join(dir, sub, "支部.xlsx");
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.copyFile(file, to);
  return to;
}

/** init --add-missing in place; what the writer was asked to write. */
async function addMissing(file: string): Promise<WriteRequest> {
  writes.mockClear();
  const r = await addMissingSheets(file);
  if (r.written === null) throw new Error(`add-missing wrote nothing into ${file}`);
  return lastRequest();
}

type Command = "calc" | "ballots" | "add-missing";
const COMMANDS: Readonly<Record<Command, (file: string) => Promise<WriteRequest>>> = { calc, ballots, "add-missing": addMissing };

/** Run one command in place and check what it wrote: its changed parts valid, the package consistent. */
async function step(file: string, command: Command): Promise<{ checked: Checked; request: WriteRequest }> {
  const before = await partsOf(file);
  const request = await COMMANDS[command](file);
  return { checked: expectValidAndConsistent(file, request, before, await partsOf(file)), request };
}

const ORDERS = [["ballots", "calc"], ["calc", "ballots"]] as const;
const ORDER_CASES = ["the demo (exceljs)", "the demo saved by openpyxl", "a minimal package (no styles, app.xml or defined names)"].flatMap((label) => ORDERS.map((order) => [label, order.join(" then ")] as const));

describe("ballots and calc, in either order", () => {
  test.each(ORDER_CASES)("%s: %s: valid and consistent after each", async (label, order) => {
    const file = await copyTo(got(label).made, `order-${LABELS.indexOf(label)}-${order.replace(/ /g, "-")}`);
    let last: Checked | null = null;
    for (const command of order.split(" then ") as Command[]) last = (await step(file, command)).checked;
    const names = last?.sheets.map((s) => s.name) ?? [];
    // Both commands' sheets are there, once each.
    for (const n of ["测评票", "综合评定", "问题清单"]) expect(names.filter((x) => x === n)).toHaveLength(1);
  });
});

/** The demo saved by openpyxl (its notes under xl/comments/), then two input sheets deleted in openpyxl. */
const DELETE_SHEETS = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for name in sys.argv[2:]:
    del wb[name]
wb.save(sys.argv[1])
`;

describe("init --add-missing, then calc", () => {
  test.each([
    ["a minimal package (no styles, app.xml or defined names)", [] as string[]],
    ["the demo saved by openpyxl", ["活动记录", "评议打分"]],
  ] as const)("%s: the input sheets added are valid and consistent, frozen, printed and noted as the template says; calc after them too", async (label, deleted) => {
    const file = await copyTo(got(label).made, `add-missing-${LABELS.indexOf(label)}`);
    if (deleted.length > 0) python(DELETE_SHEETS, file, ...deleted);
    const { request } = await step(file, "add-missing");
    const added = request.templates.filter((t) => !t.exists);
    expect(added.length).toBeGreaterThanOrEqual(Math.max(2, deleted.length));
    for (const name of deleted) expect(added.map((t) => t.sheet.name)).toContain(name);
    const sheets = inspect(file);
    for (const t of added) {
      const s = sheets.find((x) => x.name === t.sheet.name) as PySheet;
      const titleColumns = t.sheet.titleColumns;
      expect({ name: s.name, freeze: s.freeze, printTitleRows: s.printTitleRows, printTitleCols: s.printTitleCols }).toEqual({
        name: t.sheet.name,
        freeze: a1(TEMPLATE_HEADER_ROW, t.sheet.freezeCols ?? 0),
        printTitleRows: `$${TEMPLATE_HEADER_ROW}:$${TEMPLATE_HEADER_ROW}`,
        printTitleCols: titleColumns ? `$A:$${columnLetters(titleColumns)}` : null,
      });
      // Every header cell's note, in the header row.
      const noted = t.sheet.columns.filter((c) => c.note !== "").length;
      expect(Object.keys(s.notes).filter((at) => new RegExp(`^[A-Z]+${TEMPLATE_HEADER_ROW}$`).test(at))).toHaveLength(noted);
    }
    await step(file, "calc");
  });
});

/**
 * Her names on a computed demo, saved by openpyxl with a tool sheet (问题清单) moved in front of
 * all of hers and the workbook shown on 学习考勤: a print area of 党员名册, a name of 党员名册 only
 * and a workbook-level name.
 */
const HER_NAMES = `
import sys, openpyxl
from openpyxl.workbook.defined_name import DefinedName
wb = openpyxl.load_workbook(sys.argv[1])
wb.move_sheet("问题清单", offset=-wb.sheetnames.index("问题清单"))
wb["党员名册"].print_area = "A2:K30"
names = [DefinedName("支部名单", attr_text="'党员名册'!$B$3:$B$30"),
         DefinedName("名册表头", localSheetId=wb.sheetnames.index("党员名册"), attr_text="'党员名册'!$A$2:$K$2")]
for n in names:
    wb.defined_names.append(n)
shown = wb.sheetnames.index("学习考勤")
wb.active = shown
for i, ws in enumerate(wb.worksheets):
    ws.sheet_view.tabSelected = i == shown
wb.save(sys.argv[1])
`;

/** Shown on `name` (activeTab, and only its tab selected), as openpyxl saves it. */
const SHOW = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
shown = wb.sheetnames.index(sys.argv[2])
wb.active = shown
for i, ws in enumerate(wb.worksheets):
    ws.sheet_view.tabSelected = i == shown
wb.save(sys.argv[1])
`;

describe("her defined names and the tab shown, when a tool sheet stood before her sheets", () => {
  let before: Checked;
  let after: Checked;

  beforeAll(async () => {
    const file = await copyTo(got("the demo (exceljs)").file, "her-names");
    python(HER_NAMES, file);
    before = checked(file);
    after = (await step(file, "calc")).checked;
  });

  test("the workbook as she saved it: 问题清单 first, her three names, shown on 学习考勤", () => {
    expect(before.problems).toEqual([]);
    expect(before.sheets[0]?.name).toBe("问题清单");
    const roster = before.sheets.findIndex((s) => s.name === "党员名册");
    expect(before.definedNames).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "_xlnm.Print_Area", localSheetId: roster, value: "'党员名册'!$A$2:$K$30" }),
        expect.objectContaining({ name: "名册表头", localSheetId: roster }),
        expect.objectContaining({ name: "支部名单", localSheetId: null }),
      ]),
    );
    expect(before.sheets[before.activeTab]?.name).toBe("学习考勤");
  });

  test("after calc (问题清单 removed from the front, written at the end), each of her names is on the same sheet as before", () => {
    const own = new Set(OUTPUT_SHEETS.map((d) => d.name));
    const sheetAt = (c: Checked, i: number | null): string | null => (i === null ? null : (c.sheets[i]?.name ?? `#${i}`));
    const hers = before.definedNames.filter((n) => !own.has(sheetAt(before, n.localSheetId) ?? ""));
    expect(hers.length).toBeGreaterThanOrEqual(3);
    for (const n of hers) {
      const now = after.definedNames.filter((m) => m.name === n.name && m.value === n.value && (m.localSheetId === null) === (n.localSheetId === null));
      expect({ name: n.name, value: n.value, sheets: now.map((m) => sheetAt(after, m.localSheetId)) }).toEqual({ name: n.name, value: n.value, sheets: [sheetAt(before, n.localSheetId)] });
    }
    // The remapping was needed: 党员名册 moved one place forward.
    expect(after.sheets.findIndex((s) => s.name === "党员名册")).toBe(before.sheets.findIndex((s) => s.name === "党员名册") - 1);
  });

  test("it still opens on 学习考勤, the only tab selected", () => {
    expect(after.sheets[after.activeTab]?.name).toBe("学习考勤");
    expect(after.sheets.filter((s) => s.tabSelected).map((s) => s.name)).toEqual(["学习考勤"]);
  });
});

/**
 * The package shown on sheet `name`: activeTab its index, its sheet view the only one selected;
 * the workbook and sheet parts edited as text (whoever wrote them).
 */
async function showSheet(file: string, name: string): Promise<void> {
  const c = checked(file);
  const index = c.sheets.findIndex((s) => s.name === name);
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  zip.file("xl/workbook.xml", wb.replace(/(<(?:\w+:)?workbookView\b[^>]*?)(?: activeTab="\d+")?(\s*\/?>)/, `$1 activeTab="${index}"$2`));
  for (const s of c.sheets) {
    const xml = s.part === null ? undefined : await zip.file(s.part)?.async("string");
    if (xml === undefined || s.part === null) continue;
    const plain = xml.replace(/ tabSelected="(?:1|true)"/g, "");
    zip.file(s.part, s.name === name ? plain.replace(/<((?:\w+:)?sheetView)\b/, `<$1 tabSelected="1"`) : plain);
  }
  await fs.writeFile(file, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

describe("the tab shown", () => {
  test.each([
    ["the computed demo (exceljs), saved by openpyxl on 综合评定", "the demo (exceljs)", (f: string) => Promise.resolve(void python(SHOW, f, "综合评定"))],
    ["the computed demo saved by LibreOffice, edited to show 综合评定", "the demo saved by LibreOffice", (f: string) => showSheet(f, "综合评定")],
  ] as const)("%s: calc opens it on the new 综合评定, the only tab selected", async (_what, label, show) => {
    const file = await copyTo(got(label).file, `shown-${LABELS.indexOf(label)}`);
    await show(file);
    const before = checked(file);
    expect(before.sheets[before.activeTab]?.name).toBe("综合评定");
    expect(before.sheets.filter((s) => s.tabSelected).map((s) => s.name)).toEqual(["综合评定"]);
    const { checked: after } = await step(file, "calc");
    expect(after.sheets[after.activeTab]?.name).toBe("综合评定");
    expect(after.sheets.filter((s) => s.tabSelected).map((s) => s.name)).toEqual(["综合评定"]);
  });
});

describe("package_check.py finds each fault it looks for", () => {
  test("a style index past cellXfs, a wrong count, a duplicate relationship Id, print titles of another sheet and twice for one, an Override for a missing part", async () => {
    const file = await copyTo(got("the demo (exceljs)").file, "broken");
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const edit = async (name: string, change: (s: string) => string): Promise<void> => {
      const text = await zip.file(name)?.async("string");
      if (text === undefined) throw new Error(`no ${name}`);
      const changed = change(text);
      if (changed === text) throw new Error(`${name} unchanged`);
      zip.file(name, changed);
    };
    await edit("xl/styles.xml", (s) => s.replace(/<cellXfs count="(\d+)"/, (_, n: string) => `<cellXfs count="${Number(n) + 1}"`));
    await edit("xl/worksheets/sheet8.xml", (s) => s.replace(/ s="\d+"/, ` s="9999"`));
    await edit("xl/_rels/workbook.xml.rels", (s) => s.replace(/Id="rId5"/, `Id="rId4"`));
    await edit("xl/workbook.xml", (s) => s.replace(/(<definedName name="_xlnm.Print_Titles" localSheetId=")1(")/, "$12$2"));
    await edit("[Content_Types].xml", (s) => s.replace("</Types>", `<Override PartName="/xl/nothing.xml" ContentType="application/xml"/></Types>`));
    await fs.writeFile(file, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const problems = checked(file).problems.join("\n");
    expect(problems).toMatch(/cellXfs count=\d+ but \d+ <xf>/);
    expect(problems).toMatch(/s=9999, only \d+ cellXfs/);
    expect(problems).toMatch(/relationship Id rId4 used twice/);
    expect(problems).toMatch(/_xlnm.Print_Titles of sheet 2 \(党员名册\) refers to 参数设置/);
    expect(problems).toMatch(/defined name _xlnm.print_titles given twice for sheet 2/);
    expect(problems).toMatch(/Override for \/xl\/nothing.xml/);
  });
});
