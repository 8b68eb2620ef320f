/**
 * Issue 16, items 2, 3 and 5, on real files: LibreOffice saves the same workbooks as .xlsx, .xls
 * (BIFF8) and .ods, and the tool must read a branch the same whichever of the three she saved,
 * compute the same result from each, leave her .xls/.ods as they are, and write a new .xlsx that
 * the standard's schemas, openpyxl and LibreOffice all accept, with her looks carried.
 *
 * The workbooks, each written with exceljs and then saved by LibreOffice in all three formats:
 * - the demo after a calc (so every output sheet is in it too);
 * - a real branch: the demo's data as branches lay it out — two merged title rows above
 *   党员名册's header, 入党时间 as date cells and as text (2005年7月, ２００１．０７), full-width text
 *   (编号 Ｇ０４; ＡＩ课题组, a full-width space, 组长), 学习考勤's session dates as date cells above a row of topics (one
 *   typed as text, 2026年2月5日) and 评议打分 in two blocks under merged titles (test/support/
 *   layouts.ts), activities on the year's first and last days, a note, a web link, a hidden sheet,
 *   a column width and a page header and footer of hers;
 * - the same branch in the 1904 date system;
 * - a generated 5,000-member branch, for read times: a benchmark written to
 *   test-artifacts/legacy-formats/read-times.json, never asserted.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseRange } from "../../src/core/address";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { loadWorkbookFile } from "../../src/node/files";
import type { CellValue, Grid } from "../../src/workbook/cells";
import { NOMINATION_SHEET, OUTPUT_HEADER_ROW, OUTPUT_SHEETS, RESULT_SHEET } from "../../src/workbook/layout";
import type { SheetGrid } from "../../src/workbook/parse";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { valuesOf } from "../reliability/corpus";
import { cli, REPO, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";
import { attendanceInTwoRows, replaceSheet, secondSessionOnFirstDay, sheet, votesInTwoBlocks } from "../support/layouts";
import { saveWithLibreOffice } from "../support/pdf";

const FORMATS = ["xlsx", "xls", "ods"] as const;
type Format = (typeof FORMATS)[number];
const LEGACY = ["xls", "ods"] as const;
const OWN = new Set(OUTPUT_SHEETS.map((s) => s.name));
const VALIDATE = path.resolve(REPO, "..", "shared", "ooxml-schemas", "validate-xlsx");
const INSPECT = path.join(__dirname, "inspect_xlsx.py");
const ARTIFACTS = path.join(REPO, "test-artifacts", "legacy-formats");
const LO_TIMEOUT = 240_000;

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

// ------------------------------------------------------------------------------ the workbooks

/** 入党时间 as the real branch types it in some rows, by 编号 (the others keep the demo's date cells). */
const TYPED_JOIN: Readonly<Record<string, ExcelJS.CellValue>> = { G02: "2005年7月", G03: "２００１．０７", G05: utc(2001, 7, 1) };
const NOTE = "支部书记\n2026年换届";
const LINK = "https://example.org/dangyuan";
const HEADER = "&C光栅室党支部党员名册";
const FOOTER = "&L组织委员制表&R第 &P 页，共 &N 页";

/** The demo's data as a real branch lays it out (see the top of this file), in the 1900 or the 1904 date system. */
async function realBranch(file: string, date1904: boolean): Promise<void> {
  await initWorkbook(file, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  if (date1904) wb.properties.date1904 = true;

  secondSessionOnFirstDay(wb);
  attendanceInTwoRows(wb, false);
  // One session's date typed as text; the same day.
  const typedDate = sheet(wb, "学习考勤").getCell("F1");
  const day = typedDate.value;
  if (!(day instanceof Date)) throw new Error(`学习考勤!F1 is not a date: ${JSON.stringify(day)}`);
  typedDate.value = `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
  votesInTwoBlocks(wb, "titles");

  // The year's first and last days: a reader a day off in some time zone puts one of them outside 2026.
  const activities = sheet(wb, "活动记录");
  activities.getCell(TEMPLATE_HEADER_ROW + 1, 3).value = utc(2026, 12, 31);
  activities.getCell(TEMPLATE_HEADER_ROW + 2, 3).value = utc(2026, 1, 1);

  const [header = [], ...members] = valuesOf(sheet(wb, "党员名册")).slice(TEMPLATE_HEADER_ROW - 1);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`党员名册 has no ${name}`);
    return i;
  };
  const rows = members.map((r) => {
    const row = [...r];
    const id = typeof row[0] === "string" ? row[0] : "";
    const typed = TYPED_JOIN[id];
    if (typed !== undefined) row[col("入党时间")] = typed;
    if (id === "G04") row[0] = "Ｇ０４";
    if (id === "G06") row[col("岗位/职务")] = "ＡＩ课题组　组长";
    return row;
  });
  const roster = replaceSheet(wb, "党员名册", [["光栅室党支部党员名册"], ["填报：组织委员　　２０２６年１２月"], header, ...rows]);
  roster.mergeCells(1, 1, 1, header.length);
  roster.mergeCells(2, 1, 2, header.length);
  roster.getColumn(2).width = 14.5;
  roster.headerFooter = { oddHeader: HEADER, oddFooter: FOOTER };
  roster.getCell(4, col("备注") + 1).value = { text: "党员之家", hyperlink: LINK };
  roster.getCell("B4").note = NOTE;

  const old = wb.addWorksheet("往年名册", { state: "hidden" });
  old.addRow(["编号", "姓名"]);
  old.addRow(["G99", "赵　六"]);
  await wb.xlsx.writeFile(file);
}

async function writeGrids(file: string, grids: readonly SheetGrid[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of grids) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.grid) ws.addRow(row.map((v) => v as ExcelJS.CellValue));
  }
  await wb.xlsx.writeFile(file);
}

/** A workbook as exceljs wrote it, and LibreOffice's saves of it, one folder per format. */
interface Saved {
  readonly base: string;
  readonly source: string;
  readonly files: Readonly<Record<Format, string>>;
}

interface Conversion {
  readonly workbook: string;
  readonly format: Format;
  readonly ms: number;
}

/** `jobs` run `width` at a time: each LibreOffice has its own profile, and the machine has few CPUs. */
async function inParallel<T>(jobs: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const k = next++;
      out[k] = await (jobs[k] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

// ------------------------------------------------------------------------------ reading

interface Read {
  readonly grids: SheetGrid[];
  /** "name state" for every sheet, in order. */
  readonly states: string[];
  readonly merges: ReadonlyMap<string, readonly string[]>;
  readonly date1904: boolean;
  readonly ms: number;
}

/** A file as the command line reads it: loadWorkbookFile, then the grids. */
async function read(file: string, withMerges = true): Promise<Read> {
  const t = performance.now();
  const { wb } = await loadWorkbookFile(file);
  const grids = wb.sheets.map((s) => ({ name: s.name, grid: wb.read(s.name).grid }));
  const ms = performance.now() - t;
  return {
    grids,
    states: wb.sheets.map((s) => `${s.name} ${s.state}`),
    merges: new Map(withMerges ? wb.sheets.map((s) => [s.name, [...wb.read(s.name).merges].sort()] as const) : []),
    date1904: wb.date1904,
    ms,
  };
}

/**
 * Numbers to 15 significant digits: LibreOffice writes a number into .xlsx and .ods as text with
 * 15 significant digits (0.7222222222222222, 13/18 in 年度总结, is stored as 0.722222222222222),
 * while .xls holds the binary double itself. Only the tool's output sheets hold such fractions;
 * her input sheets are compared exactly.
 */
const to15 = (grid: Grid): Grid => grid.map((row) => row.map((v) => (typeof v === "number" ? Number(v.toPrecision(15)) : v)));

/** The grids as compared across formats: exact, or (`lossy`) the output sheets' numbers to 15 digits. */
const view = (r: Read, lossy: boolean): SheetGrid[] => r.grids.map((s) => ({ name: s.name, grid: lossy && OWN.has(s.name) ? to15(s.grid) : s.grid }));

/** Values found in the cells a merge covers (all but its top-left): none may be. */
function coveredValues(r: Read): string[] {
  const found: string[] = [];
  for (const s of r.grids) {
    for (const range of r.merges.get(s.name) ?? []) {
      const rect = parseRange(range);
      if (!rect) throw new Error(`not a range: ${range}`);
      for (let i = rect.row; i < rect.row + rect.rows; i++) {
        for (let j = rect.col; j < rect.col + rect.cols; j++) {
          const v = s.grid[i]?.[j] ?? null;
          if ((i !== rect.row || j !== rect.col) && v !== null) found.push(`${s.name}!${range} ${JSON.stringify(v)}`);
        }
      }
    }
  }
  return found;
}

const gridOf = (r: Read, name: string): Grid => {
  const s = r.grids.find((g) => g.name === name);
  if (!s) throw new Error(`no sheet ${name}; have ${r.grids.map((g) => g.name).join(", ")}`);
  return s.grid;
};

// ---------------------------------------------------------------------------- openpyxl

interface PySheet {
  readonly name: string;
  readonly state: string;
  readonly rows: unknown[][];
  readonly merged: string[];
  readonly header: Record<"left" | "center" | "right", string | null>;
  readonly footer: Record<"left" | "center" | "right", string | null>;
  readonly widths: Record<string, number>;
  readonly notes: Record<string, string>;
  readonly links: Record<string, string>;
}

function openpyxl(file: string): PySheet[] {
  const r = spawnSync("/usr/bin/python3", [INSPECT, file, "100000"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`inspect_xlsx.py failed on ${file}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { sheets: PySheet[] }).sheets;
}

/**
 * Cells as both readers can say them: a date as openpyxl's naive ISO form, an error as its code;
 * each row without its trailing empty cells, the sheet without its trailing empty rows (openpyxl
 * fills every row out to the sheet's last column).
 */
function plain(rows: readonly (readonly unknown[])[]): unknown[][] {
  const out = rows.map((row) => {
    const r = row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 19) : v !== null && typeof v === "object" && "error" in v ? (v as { error: string }).error : (v ?? null)));
    while (r.length > 0 && r[r.length - 1] === null) r.pop();
    return r;
  });
  while (out.length > 0 && (out[out.length - 1] as unknown[]).length === 0) out.pop();
  return out;
}

// ------------------------------------------------------------------------------ setup

let root = "";
const saved = {} as Record<"demo" | "branch" | "branch1904" | "big", Saved>;
let conversions: Conversion[] = [];

beforeAll(async () => {
  root = tempDir("legacy-formats-");
  const sources: [keyof typeof saved, string, (file: string) => Promise<void>][] = [
    [
      "demo",
      "示例支部",
      async (f) => {
        await initWorkbook(f, { demo: true });
        await calcFile(f);
      },
    ],
    ["branch", "第一党支部", (f) => realBranch(f, false)],
    ["branch1904", "第二党支部", (f) => realBranch(f, true)],
    ["big", "大支部", (f) => writeGrids(f, bigBranch(5000, 24))],
  ];
  for (const [key, base, make] of sources) {
    const source = path.join(root, key, "source", `${base}.xlsx`);
    mkdirSync(path.dirname(source), { recursive: true });
    await make(source);
    const files = Object.fromEntries(FORMATS.map((f) => [f, path.join(root, key, f, `${base}.${f}`)])) as Record<Format, string>;
    saved[key] = { base, source, files };
  }
  const jobs = sources.flatMap(([key]) =>
    FORMATS.map((format) => async (): Promise<Conversion> => {
      const s = saved[key];
      const { file, ms } = await saveWithLibreOffice(s.source, format, path.dirname(s.files[format]), LO_TIMEOUT);
      if (file !== s.files[format]) throw new Error(`LibreOffice wrote ${file}, not ${s.files[format]}`);
      return { workbook: key, format, ms };
    }),
  );
  conversions = await inParallel(jobs, 3);
}, 900_000);

// ------------------------------------------------------------------------------ item 2: reading

describe("LibreOffice's .xlsx, .xls and .ods of one workbook read as the same grids", () => {
  test.each(["demo", "branch"] as const)("%s: sheets, order, visibility, every value, dates and merges", async (key) => {
    const s = saved[key];
    const source = await read(s.source);
    for (const format of FORMATS) {
      const r = await read(s.files[format]);
      const lossy = format !== "xls"; // see to15
      expect({ format, states: r.states }).toEqual({ format, states: source.states });
      expect({ format, grids: view(r, lossy) }).toEqual({ format, grids: view(source, lossy) });
      expect({ format, merges: r.merges }).toEqual({ format, merges: source.merges });
      expect({ format, covered: coveredValues(r) }).toEqual({ format, covered: [] });
    }
    // What the comparisons stand on: merges there are, and (the branch) what she typed, as typed.
    expect([...source.merges.values()].flat().length).toBeGreaterThan(3);
    if (key !== "branch") return;
    const xls = await read(s.files.xls);
    expect(xls.states).toContain("往年名册 hidden");
    expect(xls.merges.get("党员名册")).toEqual(["A1:L1", "A2:L2"]);
    const roster = gridOf(xls, "党员名册");
    const row = (id: string): readonly CellValue[] => roster.find((r) => r[0] === id) ?? [];
    expect([row("G02")[5], row("G03")[5], row("G05")[5]]).toEqual(["2005年7月", "２００１．０７", utc(2001, 7, 1)]);
    expect(row("G01")[5]).toBeInstanceOf(Date);
    expect(row("Ｇ０４")).toHaveLength(roster[2]?.length ?? -1); // the full-width 编号 kept as typed
    expect(row("G06")[6]).toBe("ＡＩ课题组　组长");
    // The line is merged over the table's width: its value is in the first cell, the rest are empty.
    expect(roster[1]?.[0]).toBe("填报：组织委员　　２０２６年１２月");
    expect(roster[1]?.slice(1).filter((v) => v !== null)).toEqual([]);
    const attendance = gridOf(xls, "学习考勤");
    expect(attendance[0]?.slice(2, 6)).toEqual([utc(2026, 1, 8), null, expect.any(Date), expect.stringMatching(/^2026年\d+月\d+日$/)]);
  });
});

// ---------------------------------------------------------------- item 3: the 1904 date system

describe("a workbook in the 1904 date system", () => {
  test("its .xls and .ods read the same dates as its .xlsx, and as the same branch in the 1900 system", async () => {
    const s = saved.branch1904;
    // Each file really is in the 1904 system (else this proves nothing): LibreOffice's
    // .xlsx says date1904="true", its .xls a DATEMODE of 1904, its .ods a null date of 1904-01-01.
    const workbookXml = await (await JSZip.loadAsync(readFileSync(s.files.xlsx))).file("xl/workbook.xml")?.async("string");
    expect(workbookXml).toMatch(/<workbookPr\b[^>]*\bdate1904="(true|1)"/);
    const content = await (await JSZip.loadAsync(readFileSync(s.files.ods))).file("content.xml")?.async("string");
    expect(content).toMatch(/<table:null-date table:date-value="1904-01-01"/);

    const source = await read(s.source);
    const the1900 = await read(saved.branch.source);
    expect(source.date1904).toBe(true);
    expect(the1900.date1904).toBe(false);
    // The same dates in both systems, as exceljs reads its own files.
    expect(source.grids).toEqual(the1900.grids);
    for (const format of FORMATS) {
      const r = await read(s.files[format]);
      expect({ format, date1904: r.date1904 }).toEqual({ format, date1904: true });
      expect({ format, grids: r.grids }).toEqual({ format, grids: source.grids });
    }
  });

  test.each(LEGACY)("the .xlsx written from its .%s keeps her dates: openpyxl reads them as the tool does", async (format) => {
    const dir = path.join(root, "calc", "branch1904", format);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, path.basename(saved.branch1904.files[format]));
    copyFileSync(saved.branch1904.files[format], file);
    const { written } = await calcFile(file);
    const ours = await read(file);
    const py = openpyxl(written);
    for (const name of ["党员名册", "学习考勤", "活动记录", "个人承诺"]) {
      expect({ name, rows: plain(py.find((s) => s.name === name)?.rows ?? []) }).toEqual({ name, rows: plain(gridOf(ours, name)) });
    }
    expect(plain(gridOf(ours, "活动记录")).map((r) => r[2])).toEqual(expect.arrayContaining(["2026-01-01T00:00:00", "2026-12-31T00:00:00"]));
  });

  test("check --json on its .xls and .ods says the same in Asia/Shanghai and America/New_York, and the same as on its .xlsx", () => {
    // The two zones are really different for the command line's process.
    const offset = (tz: string): string =>
      spawnSync(process.execPath, ["-e", "process.stdout.write(String(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()))"], { encoding: "utf8", env: { ...process.env, TZ: tz } }).stdout;
    expect([offset("Asia/Shanghai"), offset("America/New_York")]).toEqual(["-480", "300"]);

    const runs = FORMATS.flatMap((format) =>
      ["Asia/Shanghai", "America/New_York"].map((tz) => {
        const r = cli(["check", saved.branch1904.files[format], "--json"], undefined, { TZ: tz });
        return { format, tz, code: r.code, out: r.out, err: r.err };
      }),
    );
    const first = runs[0] as (typeof runs)[number];
    expect(first.code).toBe(0);
    for (const r of runs) expect({ format: r.format, tz: r.tz, code: r.code, out: r.out }).toEqual({ format: r.format, tz: r.tz, code: first.code, out: first.out });
    // The activities on 2026-01-01 and 2026-12-31 are inside the year; the dates were read
    // (a late pledge is told by its date).
    const issues = JSON.parse(first.out) as { code: string; params: Record<string, unknown> }[];
    expect(issues.map((i) => i.code)).not.toContain("date_outside_year");
    expect(issues.filter((i) => i.code === "pledge_late").map((i) => i.params.date)).toEqual([expect.stringMatching(/^2026-/)]);
  });
});

// ------------------------------------------------------------------ item 4: calc on each format

interface Calculated {
  readonly file: string;
  readonly written: string;
  readonly result: { readonly [name: string]: Grid };
  readonly issues: string[];
}

/** calcFile on a copy of each of LibreOffice's files, each format in a folder of its own (支部.xlsx and 支部.xls would share one result). */
const calculated = new Map<string, Calculated>();

async function calcEach(key: "demo" | "branch"): Promise<Record<Format, Calculated>> {
  const out = {} as Record<Format, Calculated>;
  for (const format of FORMATS) {
    const cached = calculated.get(`${key} ${format}`);
    if (cached) {
      out[format] = cached;
      continue;
    }
    const dir = path.join(root, "calc", key, format);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, path.basename(saved[key].files[format]));
    copyFileSync(saved[key].files[format], file);
    const before = readFileSync(file);
    const o = await calcFile(file);
    if (format === "xlsx") {
      expect(o.converted).toBeNull();
      expect(o.written).toBe(file);
    } else {
      // Hers unchanged, byte for byte; the result is <name>.xlsx beside it, and nothing else was written.
      expect({ format, unchanged: readFileSync(file).equals(before) }).toEqual({ format, unchanged: true });
      expect(o.converted?.format).toBe(format);
      expect(o.written).toBe(path.join(dir, `${saved[key].base}.xlsx`));
      expect(readdirSync(dir).sort()).toEqual([`${saved[key].base}.${format}`, `${saved[key].base}.xlsx`].sort());
    }
    const r = await read(o.written, false);
    const c: Calculated = {
      file,
      written: o.written,
      result: { [RESULT_SHEET.name]: gridOf(r, RESULT_SHEET.name), [NOMINATION_SHEET.name]: gridOf(r, NOMINATION_SHEET.name) },
      issues: o.run.issues.map((i) => `${i.level} ${i.sheet}!${i.cell} ${i.code}`),
    };
    calculated.set(`${key} ${format}`, c);
    out[format] = c;
  }
  return out;
}

describe("calcFile on LibreOffice's .xlsx, .xls and .ods", () => {
  test.each(["demo", "branch"] as const)("%s: the same 综合评定 and 表彰推荐 from each; the .xls and .ods untouched, the results new .xlsx files beside them", async (key) => {
    const c = await calcEach(key);
    const members = c.xlsx.result[RESULT_SHEET.name] ?? [];
    expect(members.length - OUTPUT_HEADER_ROW).toBe(28); // the demo's 28 members, one row each
    expect((c.xlsx.result[NOMINATION_SHEET.name] ?? []).length).toBeGreaterThan(OUTPUT_HEADER_ROW);
    for (const format of LEGACY) {
      expect({ format, issues: c[format].issues }).toEqual({ format, issues: c.xlsx.issues });
      expect({ format, result: c[format].result }).toEqual({ format, result: c.xlsx.result });
    }
  });
});

// ------------------------------------------------- item 5: the .xlsx written from an .xls or .ods

describe("the .xlsx written from an .xls or .ods", () => {
  const cases = (["demo", "branch"] as const).flatMap((key) => LEGACY.map((format) => ({ key, format })));
  const opened = new Map<string, string>();

  beforeAll(async () => {
    // LibreOffice opens each result (saved as CSV: its first sheet), a few at a time.
    await inParallel(
      cases.map(({ key, format }) => async () => {
        const c = (await calcEach(key))[format];
        // 76: UTF-8 (the default follows the locale, ASCII here).
        const { file } = await saveWithLibreOffice(c.written, "csv", path.join(root, "opened", key, format), LO_TIMEOUT, "Text - txt - csv (StarCalc):44,34,76");
        opened.set(`${key} ${format}`, file);
      }),
      2,
    );
  }, 600_000);

  test.each(cases)("$key from .$format: every part valid to the standard's schemas, LibreOffice opens it, openpyxl reads her sheets as the tool read them", async ({ key, format }) => {
    const c = (await calcEach(key))[format];
    const v = spawnSync(VALIDATE, [c.written], { encoding: "utf8" });
    expect({ status: v.status, out: v.stdout }).toEqual({ status: 0, out: expect.stringMatching(/^schema: (\d+)\/\1 SpreadsheetML parts valid$/m) });

    const ours = await read(c.file);
    const hers = ours.grids.filter((s) => !OWN.has(s.name));
    const csv = readFileSync(opened.get(`${key} ${format}`) ?? "", "utf8");
    const first = hers[0]?.grid[0]?.[0];
    expect(typeof first).toBe("string");
    expect(csv).toContain(first as string);

    const py = openpyxl(c.written);
    // Her sheets first, in her order; then the tool's output sheets.
    expect(py.map((s) => s.name).slice(0, hers.length)).toEqual(hers.map((s) => s.name));
    expect(py.map((s) => s.name).filter((n) => OWN.has(n))).toEqual(OUTPUT_SHEETS.map((s) => s.name));
    for (const s of hers) {
      const p = py.find((x) => x.name === s.name);
      expect({ sheet: s.name, rows: plain(p?.rows ?? []) }).toEqual({ sheet: s.name, rows: plain(s.grid) });
    }
    expect(py.filter((s) => s.state !== "visible").map((s) => `${s.name} ${s.state}`)).toEqual(ours.states.filter((s) => !s.endsWith(" visible")));
  });

  test.each(LEGACY)("the branch's looks carried from its .%s: merges, page header and footer, note, link, hidden sheet (and from the .xls a column width)", async (format) => {
    const c = (await calcEach("branch"))[format];
    const py = openpyxl(c.written);
    const roster = py.find((s) => s.name === "党员名册");
    expect(roster?.merged).toEqual(expect.arrayContaining(["A1:L1", "A2:L2"]));
    expect(roster?.header).toEqual({ left: null, center: "光栅室党支部党员名册", right: null });
    expect(roster?.footer).toEqual({ left: "组织委员制表", center: null, right: "第 &P 页，共 &N 页" });
    // The note as she typed it: SheetJS reads an .xls note with the record's bytes after a NUL.
    expect(roster?.notes).toEqual({ B4: NOTE });
    expect(Object.values(roster?.links ?? {})).toEqual([LINK]);
    // .ods: the reader gives no column widths (converted.notCarried says 列宽).
    if (format === "xls") expect(roster?.widths.B).toBeCloseTo(14.5, 1);
    expect(py.find((s) => s.name === "评议打分")?.merged.length).toBe(2); // the two blocks' titles
    expect(py.find((s) => s.name === "往年名册")?.state).toBe("hidden");
  });
});

// --------------------------------------------------------------------- benchmark, not asserted

describe("read times (a benchmark: written to test-artifacts/legacy-formats/read-times.json, never asserted)", () => {
  test("the demo and a 5,000-member branch, from LibreOffice's .xlsx, .xls and .ods; the big branch reads the same from each", async () => {
    const rows: { workbook: string; format: Format; bytes: number; readMs: number; libreOfficeSaveMs: number }[] = [];
    for (const key of ["demo", "big"] as const) {
      const reads = {} as Record<Format, Read>;
      // The median of a few runs for the demo; one run of the big branch (seconds each).
      const runs = key === "demo" ? 5 : 1;
      for (const format of FORMATS) {
        const file = saved[key].files[format];
        const times: number[] = [];
        for (let k = 0; k < runs; k++) {
          reads[format] = await read(file, false);
          times.push(reads[format].ms);
        }
        const median = times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? -1;
        const conversion = conversions.find((x) => x.workbook === key && x.format === format);
        rows.push({ workbook: key, format, bytes: statSync(file).size, readMs: Math.round(median), libreOfficeSaveMs: conversion?.ms ?? -1 });
      }
      if (key === "big") {
        expect(gridOf(reads.xlsx, "党员名册").length).toBe(5001);
        for (const format of LEGACY) expect({ format, grids: reads[format].grids }).toEqual({ format, grids: reads.xlsx.grids });
      }
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, "read-times.json"), `${JSON.stringify({ note: "loadWorkbookFile + readGrids on this machine (the demo: median of 5 runs; the big branch: one run); LibreOffice's save ran 3 at a time; not asserted", rows }, null, 2)}\n`);
    process.stdout.write(`read times (ms): ${rows.map((r) => `${r.workbook}.${r.format} ${r.readMs}`).join(", ")}\n`);
  }, 300_000);
});
