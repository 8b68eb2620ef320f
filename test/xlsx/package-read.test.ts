/**
 * The package reader (src/xlsx/package.ts: XlsxPackage.open(bytes).read(name).grid) gives the
 * grids the exceljs reader gave (`readGrids` of src/xlsx/host.ts after `xlsx.load`): every
 * workbook of the corpus (test/reliability/corpus.ts, built as corpus.test.ts builds them), the
 * demo before and after `calc` wrote the tool's sheets into it, and branches laid out as
 * support/layouts.ts lays them out; and the same files saved again by openpyxl and by
 * LibreOffice, one in the 1904 date system. Grids are compared without their trailing empty
 * cells and rows (support/readers.ts); all else is identical, dates to the millisecond.
 * exceljs cannot open some of openpyxl's files (notes under xl/comments/): those are compared
 * with what openpyxl reads (openpyxl_resave.py).
 *
 * Then small packages made by hand, one for each thing exceljs read wrongly, named after
 * exceljs's mistake and checked against what Excel means by the XML; and what XlsxPackage
 * refuses.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseA1 } from "../../src/core/address";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { FileProblemError } from "../../src/messages/files";
import { type CellValue, EXCEL_ERRORS } from "../../src/workbook/cells";
import type { SheetGrid } from "../../src/workbook/parse";
import { workbookBytes } from "../../src/xlsx/host";
import { XlsxPackage } from "../../src/xlsx/package";
import { asEarlierVersion, CORPUS } from "../reliability/corpus";
import { tempDir } from "../support/files";
import { attendanceInTwoRows, secondSessionOnFirstDay, votesInTwoBlocks } from "../support/layouts";
import { saveAllWithLibreOffice } from "../support/pdf";
import { exceljsGrids, packageGrids, type Plain, plainGrid, plainGrids, type PlainSheet } from "../support/readers";
import { wordDocument } from "../support/zips";

/** How many values of each kind were compared: the comparisons are not of empty grids. */
const seen = new Map<string, number>();

function count(grids: readonly SheetGrid[]): void {
  for (const v of grids.flatMap((s) => s.grid.flat())) {
    if (v === null) continue;
    const kind = v instanceof Date ? "date" : typeof v === "object" ? "error" : typeof v;
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
  }
}

async function expectAsExceljs(bytes: Uint8Array): Promise<void> {
  const now = packageGrids(bytes);
  expect(plainGrids(now)).toEqual(plainGrids(await exceljsGrids(bytes)));
  count(now);
}

// ---------------------------------------------------------------------------- the workbooks

/**
 * The corpus workbooks also saved by openpyxl and LibreOffice (each writer takes about a second
 * a workbook, so not all 69): those whose cells hold something besides the demo's plain text,
 * numbers and dates.
 */
const RESAVED_CASES = [
  "formulas-with-cached-results",
  "error-values-NA-REF-in-input-cells",
  "rich-text-cells",
  "booleans-in-cells",
  "emoji-and-rare-cjk-names",
  "a-very-long-text-cell",
  "text-that-looks-like-an-error-value",
  "text-that-looks-like-formulas",
  "absurdly-large-numbers",
  "impossible-and-out-of-year-dates",
  "session-headers-as-dates-and-odd-columns",
  "merged-cells-in-data-rows",
  "hidden-sheets",
  "empty-workbook",
];

/** The demo laid out as branches lay it out (support/layouts.ts); the first also in the 1904 date system. */
const LAYOUTS: Readonly<Record<string, (wb: ExcelJS.Workbook) => void>> = {
  "layout-dates-over-topics-votes-under-titles": (wb) => {
    secondSessionOnFirstDay(wb);
    attendanceInTwoRows(wb, false);
    votesInTwoBlocks(wb, "titles");
  },
  "layout-dates-above-votes-with-期次": (wb) => {
    attendanceInTwoRows(wb, true);
    votesInTwoBlocks(wb, "期次");
  },
};
const TWIN_1900 = "layout-dates-over-topics-votes-under-titles";
const TWIN_1904 = "layout-1904";

/**
 * Cells of LibreOffice's files that exceljs read wrongly, with what they hold (see "a formula
 * gives its cached result" below): LibreOffice writes FALSE as the formula FALSE() with a cached
 * 0, which exceljs dropped, and #VALUE! as a formula with that cached error, which in a date
 * column exceljs made an Invalid Date.
 */
const EXCELJS_WRONG_ON_LIBREOFFICE: Readonly<Record<string, Readonly<Record<string, Plain>>>> = {
  "booleans-in-cells": { "党员名册!J2": false },
  "error-values-NA-REF-in-input-cells": { "活动记录!C11": { error: "#VALUE!" } },
};

/** Sheets as openpyxl read them (openpyxl_resave.py), as cell values: text that reads as an error value is one, as both hosts take it. */
type OpenpyxlCell = null | string | number | boolean | { error: string } | { date: number[] };

function fromOpenpyxl(sheets: readonly { name: string; rows: OpenpyxlCell[][] }[]): PlainSheet[] {
  const value = (v: OpenpyxlCell): CellValue => {
    if (typeof v === "string") return EXCEL_ERRORS.has(v) ? { error: v } : v;
    if (v !== null && typeof v === "object" && "date" in v) {
      const [y = 0, m = 1, d = 1, h = 0, mi = 0, s = 0, us = 0] = v.date;
      return new Date(Date.UTC(y, m - 1, d, h, mi, s, Math.round(us / 1000)));
    }
    return v;
  };
  return sheets.map((s) => ({ name: s.name, grid: plainGrid(s.rows.map((r) => r.map(value))) }));
}

let dir = "";
/** The demo as corpus.test.ts builds its cases on: header in row 1 (asEarlierVersion). */
let earlierDemo: Uint8Array = new Uint8Array();
/** Corpus workbooks already built (the ones saved again by the other writers). */
const built = new Map<string, Uint8Array>();
/** Workbook → its file, for the other writers. */
const sources = new Map<string, string>();

interface OtherWriters {
  readonly libreoffice: ReadonlyMap<string, string>;
  readonly openpyxl: ReadonlyMap<string, { readonly file: string; readonly read: PlainSheet[] }>;
}
/** LibreOffice and openpyxl at work while the corpus is compared. */
let saving: Promise<OtherWriters> | null = null;
const others = (): Promise<OtherWriters> => saving ?? Promise.reject(new Error("the other writers were not started (beforeAll failed)"));

async function buildCase(c: (typeof CORPUS)[number]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (c.from === "demo") await wb.xlsx.load(earlierDemo as unknown as ArrayBuffer);
  c.build(wb);
  return workbookBytes(wb);
}

async function saveAgain(files: readonly string[]): Promise<OtherWriters> {
  const keys = [...sources.keys()];
  const lo = saveAllWithLibreOffice(files, "xlsx", path.join(dir, "libreoffice"), 300_000);
  const py = promisify(execFile)("/usr/bin/python3", [path.join(__dirname, "openpyxl_resave.py"), path.join(dir, "openpyxl"), ...files], { encoding: "utf8", maxBuffer: 1 << 28 });
  const [{ files: saved }, { stdout }] = await Promise.all([lo, py]);
  const read = JSON.parse(stdout) as Record<string, { name: string; rows: OpenpyxlCell[][] }[]>;
  return {
    libreoffice: new Map(keys.map((k, i) => [k, saved[i] as string])),
    openpyxl: new Map(
      keys.map((k, i) => {
        const file = path.join(dir, "openpyxl", path.basename(files[i] as string));
        const sheets = read[file];
        if (!sheets) throw new Error(`openpyxl_resave.py said nothing of ${file}`);
        return [k, { file, read: fromOpenpyxl(sheets) }];
      }),
    ),
  };
}

beforeAll(async () => {
  dir = tempDir("package-read-");
  const source = (key: string, bytes: Uint8Array): void => {
    const file = path.join(dir, "source", `${key}.xlsx`);
    writeFileSync(file, bytes);
    sources.set(key, file);
  };
  mkdirSync(path.join(dir, "source"));
  mkdirSync(path.join(dir, "openpyxl"));
  const demoFile = path.join(dir, "示例支部.xlsx");
  await initWorkbook(demoFile, { demo: true });
  const demo = readFileSync(demoFile);
  source("demo", demo);
  const calc = path.join(dir, "示例支部.calc.xlsx");
  await calcFile(demoFile, { out: calc });
  source("demo-after-calc", readFileSync(calc));
  const layout = async (build: (wb: ExcelJS.Workbook) => void, date1904 = false): Promise<Uint8Array> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(demo as unknown as ArrayBuffer);
    if (date1904) wb.properties.date1904 = true;
    build(wb);
    return workbookBytes(wb);
  };
  for (const [key, build] of Object.entries(LAYOUTS)) source(key, await layout(build));
  source(TWIN_1904, await layout(LAYOUTS[TWIN_1900] as (wb: ExcelJS.Workbook) => void, true));

  const earlier = new ExcelJS.Workbook();
  await earlier.xlsx.load(demo as unknown as ArrayBuffer);
  asEarlierVersion(earlier);
  earlierDemo = await workbookBytes(earlier);
  for (const name of RESAVED_CASES) {
    const c = CORPUS.find((x) => x.name === name);
    if (!c) throw new Error(`no corpus case ${name}`);
    built.set(name, await buildCase(c));
    source(name, built.get(name) as Uint8Array);
  }
  saving = saveAgain([...sources.values()]);
  // Awaited by the tests below; a failure is theirs, not an unhandled rejection now.
  saving.catch(() => undefined);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the package reader gives the grids exceljs gave", () => {
  test("the demo as init writes it", async () => {
    await expectAsExceljs(readFileSync(sources.get("demo") as string));
  });

  test("the demo after calc: the tool's sheets written into the package (inline strings)", async () => {
    const bytes = readFileSync(sources.get("demo-after-calc") as string);
    const pkg = XlsxPackage.open(bytes);
    // What the comparison stands on: a sheet inject.ts wrote, its text as inline strings.
    expect(pkg.zip.text(pkg.sheet("综合评定")?.part ?? "")).toContain('t="inlineStr"');
    await expectAsExceljs(bytes);
  });

  test.each([...Object.keys(LAYOUTS), TWIN_1904])("the demo laid out as a branch lays it out: %s", async (key) => {
    await expectAsExceljs(readFileSync(sources.get(key) as string));
  });

  test.each(CORPUS)("corpus: $name", async (c) => {
    await expectAsExceljs(built.get(c.name) ?? (await buildCase(c)));
  });
});

describe("files of other writers: the corpus's and the demo's saved again by LibreOffice and openpyxl", () => {
  const keys = ["demo", "demo-after-calc", ...Object.keys(LAYOUTS), TWIN_1904, ...RESAVED_CASES];
  /** The openpyxl copies exceljs could not open, compared with what openpyxl reads instead. */
  const notByExceljs: string[] = [];

  // The 1904 copy is not: exceljs took LibreOffice's date1904="true" for the 1900 system (see
  // below); it is compared with its 1900 twin instead.
  test.each(keys.filter((k) => k !== TWIN_1904))("saved by LibreOffice: %s", async (key) => {
    const bytes = readFileSync((await others()).libreoffice.get(key) as string);
    const want = plainGrids(await exceljsGrids(bytes));
    for (const [at, value] of Object.entries(EXCELJS_WRONG_ON_LIBREOFFICE[key] ?? {})) {
      const [name = "", ref = ""] = at.split("!");
      const cell = parseA1(ref);
      const row = cell ? want.find((s) => s.name === name)?.grid[cell.row] : undefined;
      if (!cell || !row) throw new Error(`no cell ${at}`);
      while (row.length < cell.col) row.push(null);
      row[cell.col] = value;
    }
    const now = packageGrids(bytes);
    expect(plainGrids(now)).toEqual(want);
    count(now);
  }, 300_000);

  test.each(keys)("saved by openpyxl: %s", async (key) => {
    const saved = (await others()).openpyxl.get(key);
    if (!saved) throw new Error(`openpyxl did not save ${key}`);
    const bytes = readFileSync(saved.file);
    const want = await exceljsGrids(bytes).then(plainGrids, () => {
      notByExceljs.push(key);
      return saved.read;
    });
    const now = packageGrids(bytes);
    expect(plainGrids(now)).toEqual(want);
    count(now);
  }, 300_000);

  test("exceljs could not open just the openpyxl copies with notes (xl/comments/…), and those were compared with openpyxl", async () => {
    const { openpyxl } = await others();
    const withNotes = keys.filter((k) => XlsxPackage.open(readFileSync(openpyxl.get(k)?.file ?? "")).zip.names().some((n) => n.startsWith("xl/comments/")));
    expect(withNotes.length).toBeGreaterThan(0);
    expect(notByExceljs).toEqual(withNotes);
  });

  test("a 1904 workbook saved by LibreOffice (date1904=\"true\") reads as its 1900 twin, day for day", async () => {
    const { libreoffice } = await others();
    const pkg = XlsxPackage.open(readFileSync(libreoffice.get(TWIN_1904) as string));
    expect(pkg.zip.text(pkg.workbookPart)).toMatch(/<workbookPr\b[^>]*\bdate1904="true"/);
    expect(pkg.date1904).toBe(true);
    const twin = packageGrids(readFileSync(libreoffice.get(TWIN_1900) as string));
    expect(plainGrids(pkg.sheets.map((s) => ({ name: s.name, grid: pkg.read(s.name).grid })))).toEqual(plainGrids(twin));
    // What the comparison stands on: dates, and LibreOffice wrote them as 1904 serials (1,462 days fewer).
    expect(twin.flatMap((s) => s.grid.flat()).filter((v) => v instanceof Date).length).toBeGreaterThan(100);
    const serial = (file: string): number => {
      const p = XlsxPackage.open(readFileSync(file));
      const xml = p.zip.text(p.sheet("活动记录")?.part ?? "") ?? "";
      return Number(/<c r="C3"[^>]*>(?:<f[^>]*>[^<]*<\/f>)?<v>([^<]*)<\/v>/.exec(xml)?.[1]);
    };
    expect(serial(libreoffice.get(TWIN_1900) as string) - serial(libreoffice.get(TWIN_1904) as string)).toBe(1462);
  }, 300_000);

  test("what was compared: thousands of strings and numbers, hundreds of dates, and booleans and error values", () => {
    expect(Object.fromEntries(seen)).toEqual({
      string: expect.any(Number) as number,
      number: expect.any(Number) as number,
      date: expect.any(Number) as number,
      boolean: expect.any(Number) as number,
      error: expect.any(Number) as number,
    });
    expect(seen.get("string")).toBeGreaterThan(5000);
    expect(seen.get("number")).toBeGreaterThan(5000);
    expect(seen.get("date")).toBeGreaterThan(100);
  });
});

// ------------------------------------------------------------------ packages made by hand

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const OPENXML = "application/vnd.openxmlformats-officedocument.spreadsheetml";

interface Made {
  /** Each sheet's name and its sheetData's content (or, `raw`, the whole part as text or bytes). */
  readonly sheets: readonly { readonly name: string; readonly data?: string; readonly raw?: string | Uint8Array }[];
  /** Each <si> of the shared strings, as written. */
  readonly strings?: readonly string[];
  /** cellXfs after the default one (s="1", s="2" …): their numFmtId. */
  readonly formats?: readonly number[];
  /** Every SpreadsheetML element written with the prefix x: (`<x:worksheet xmlns:x=…>`, `<x:c>`), as .NET libraries do. */
  readonly prefixed?: boolean;
  /** workbookPr's date1904 as written ("1", "true" …). */
  readonly date1904?: string;
  /** The parts stored, not deflated: their bytes are in the zip as written. */
  readonly stored?: boolean;
}

/** SpreadsheetML written with the prefix x: instead of the default namespace. */
const withPrefix = (xml: string): string => xml.replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, "<$1x:$2").replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`);

function styles(formats: readonly number[]): string {
  const xf = (id: number): string => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id === 0 ? "" : ' applyNumberFormat="1"'}/>`;
  return (
    `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${formats.length + 1}">${[0, ...formats].map(xf).join("")}</cellXfs></styleSheet>`
  );
}

/** The smallest package Excel opens with these sheets, shared strings and number formats. */
async function made(m: Made): Promise<Uint8Array> {
  const ml = (xml: string): string => DECL + (m.prefixed ? withPrefix(xml) : xml);
  const zip = new JSZip();
  const sheetPart = (i: number): string => `xl/worksheets/sheet${i + 1}.xml`;
  const override = (part: string, type: string): string => `<Override PartName="/${part}" ContentType="${OPENXML}.${type}+xml"/>`;
  zip.file(
    "[Content_Types].xml",
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      override("xl/workbook.xml", "sheet.main") +
      m.sheets.map((_, i) => override(sheetPart(i), "worksheet")).join("") +
      override("xl/styles.xml", "styles") +
      (m.strings ? override("xl/sharedStrings.xml", "sharedStrings") : "") +
      "</Types>",
  );
  const rel = (id: string, type: string, target: string): string => `<Relationship Id="${id}" Type="${OFFICE_REL}/${type}" Target="${target}"/>`;
  zip.file("_rels/.rels", `${DECL}<Relationships xmlns="${PKG_REL}">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>`);
  zip.file("xl/workbook.xml", ml(`<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_REL}">${m.date1904 === undefined ? "" : `<workbookPr date1904="${m.date1904}"/>`}<sheets>${m.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`));
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${DECL}<Relationships xmlns="${PKG_REL}">${m.sheets.map((_, i) => rel(`rId${i + 1}`, "worksheet", `worksheets/sheet${i + 1}.xml`)).join("")}` +
      rel("rIdS", "styles", "styles.xml") +
      (m.strings ? rel("rIdT", "sharedStrings", "sharedStrings.xml") : "") +
      "</Relationships>",
  );
  zip.file("xl/styles.xml", ml(styles(m.formats ?? [])));
  if (m.strings) zip.file("xl/sharedStrings.xml", ml(`<sst xmlns="${MAIN}" count="${m.strings.length}" uniqueCount="${m.strings.length}">${m.strings.join("")}</sst>`));
  m.sheets.forEach((s, i) => zip.file(sheetPart(i), s.raw ?? ml(`<worksheet xmlns="${MAIN}"><sheetData>${s.data ?? ""}</sheetData></worksheet>`)));
  return zip.generateAsync({ type: "uint8array", compression: m.stored ? "STORE" : "DEFLATE" });
}

/** A package of one sheet 表1 holding `data` (sheetData's content). */
const oneSheet = (data: string, more: Omit<Made, "sheets"> = {}): Promise<Uint8Array> => made({ sheets: [{ name: "表1", data }], ...more });

/** Sheet 表1 as the package reader reads it, compared as the corpus is. */
async function read(bytes: Promise<Uint8Array>): Promise<Plain[][]> {
  return plainGrid(XlsxPackage.open(await bytes).read("表1").grid);
}

const date = (iso: string): Plain => ({ date: new Date(iso).getTime() });
const inline = (ref: string, t: string): string => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;

describe("where exceljs read the XML wrongly, the package reader reads what Excel shows", () => {
  test("phonetic guides (rPh) are no part of a string: exceljs lost the whole of an inline string that had one", async () => {
    const ruby = '<rPh sb="0" eb="2"><t>ちょうさん</t></rPh>';
    const strings = [`<si><t>张三</t>${ruby}<phoneticPr fontId="0"/></si>`, `<si><r><t>李</t></r><r><t>四</t></r>${ruby}</si>`];
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>王五</t>${ruby}</is></c></row>`;
    expect(await read(oneSheet(data, { strings }))).toEqual([["张三", "李四", "王五"]]);
  });

  test("_xHHHH_ escapes in an inline string are decoded: exceljs left _x000D_ and _x0009_ in the text", async () => {
    // _x005F_ escapes the underscore: "_x005F_x000D_" is the text "_x000D_" itself.
    const data = `<row r="1">${inline("A1", "第一行_x000D_\n第二行_x0009_制表")}${inline("B1", "原文_x005F_x000D_")}<c r="C1" t="s"><v>0</v></c></row>`;
    expect(await read(oneSheet(data, { strings: ["<si><t>共享_x000D_串</t></si>"] }))).toEqual([["第一行\r\n第二行\t制表", "原文_x000D_", "共享\r串"]]);
  });

  test('ISO dates (t="d") are dates: exceljs read 2026-07-01 as the number 2026 (a day of 1905 in a date format)', async () => {
    const data = '<row r="1"><c r="A1" t="d"><v>2026-07-01</v></c><c r="B1" t="d"><v>2026-07-01T08:30:00</v></c><c r="C1" t="d" s="1"><v>2026-12-31T00:00:00</v></c></row>';
    expect(await read(oneSheet(data, { formats: [14] }))).toEqual([[date("2026-07-01T00:00:00Z"), date("2026-07-01T08:30:00Z"), date("2026-12-31T00:00:00Z")]]);
  });

  test('booleans written "true" and "false": exceljs read "false" as TRUE', async () => {
    const data = '<row r="1"><c r="A1" t="b"><v>true</v></c><c r="B1" t="b"><v>false</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c></row>';
    expect(await read(oneSheet(data))).toEqual([[true, false, true, false]]);
  });

  test("the built-in Chinese date formats (numFmtId 27–36, 50–58; 31 yyyy年m月d日, 57, 58) make a number a date: exceljs read 46204 as a number", async () => {
    const ids = [31, 57, 58, 27, 28, 29, 30, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56];
    // 46204.5 is noon on 2026-07-01; a time format shows the time of that day.
    const data = ids.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="${i + 1}"><v>46204.5</v></c></row>`).join("");
    expect(await read(oneSheet(data, { formats: ids }))).toEqual(ids.map(() => [date("2026-07-01T12:00:00Z")]));
    // Not every built-in format is a date: General, 0.00, 0%, @ keep the number.
    const plain = [0, 2, 9, 49];
    const numbers = `<row r="1">${plain.map((_, i) => `<c r="${"ABCD"[i] ?? ""}1" s="${i + 1}"><v>46204.5</v></c>`).join("")}</row>`;
    expect(await read(oneSheet(numbers, { formats: plain }))).toEqual([[46204.5, 46204.5, 46204.5, 46204.5]]);
  });

  test("parts written with a namespace prefix (<x:worksheet xmlns:x=…>, <x:c>): exceljs could not open the package", async () => {
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>46204</v></c>${inline("C1", "内联")}<c r="D1" t="b"><v>1</v></c></row>`;
    const bytes = oneSheet(data, { strings: ["<si><r><t>共</t></r><r><t>享</t></r></si>"], formats: [14], prefixed: true });
    // What the test stands on: no element in the default namespace.
    const sheetXml = await (await JSZip.loadAsync(await bytes)).file("xl/worksheets/sheet1.xml")?.async("string");
    expect(sheetXml).toMatch(/<x:worksheet xmlns:x="[^"]+"><x:sheetData><x:row r="1"><x:c /);
    expect(await read(bytes)).toEqual([["共享", date("2026-07-01T00:00:00Z"), "内联", true]]);
  });

  test('date1904="true", as LibreOffice writes it: exceljs took only "1", and put every date of such a workbook 4 years and a day early', async () => {
    // 2026-07-01 is day 46204 of the 1900 system and day 44742 of the 1904 one.
    const flags: [string | undefined, number][] = [["true", 44742], ["1", 44742], ["false", 46204], ["0", 46204], [undefined, 46204]];
    for (const [date1904, serial] of flags) {
      const bytes = made({ sheets: [{ name: "表1", data: `<row r="1"><c r="A1" s="1"><v>${serial}</v></c></row>` }], formats: [14], ...(date1904 === undefined ? {} : { date1904 }) });
      expect({ date1904, grid: await read(bytes) }).toEqual({ date1904, grid: [[date("2026-07-01T00:00:00Z")]] });
    }
  });

  test("cells and rows without an r attribute follow the one before: exceljs refused the sheet (Invalid row number in model)", async () => {
    const data = `<row><c><v>1</v></c><c t="inlineStr"><is><t>乙</t></is></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c><v>7</v></c></row><row r="5"><c><v>8</v></c><c><v>9</v></c></row><row><c r="C6"><v>10</v></c></row>`;
    expect(await read(oneSheet(data))).toEqual([[1, "乙", null, null, 5, 6], [7], [], [], [8, 9], [null, null, 10]]);
  });

  test("rich text, shared or inline, reads as its runs joined, spaces kept (as exceljs read it)", async () => {
    const runs = '<r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve"> 三 </t></r>';
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is>${runs}</is></c></row>`;
    expect(await read(oneSheet(data, { strings: [`<si>${runs}</si>`] }))).toEqual([["张 三 ", "张 三 "]]);
  });

  test("a formula gives its cached result: exceljs dropped a cached 0, FALSE or empty text, and made a cached error in a date-formatted cell an Invalid Date", async () => {
    const data =
      '<row r="1"><c r="A1" t="str"><f>"甲"&amp;"乙"</f><v>甲乙</v></c><c r="B1" t="b"><f>1=1</f><v>1</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c r="D1" t="b"><f>1=0</f><v>0</v></c><c r="E1"><f>1-1</f><v>0</v></c><c r="F1" t="str"><f>""</f><v></v></c>' +
      '<c r="G1" t="e" s="1"><f>NA()</f><v>#N/A</v></c><c r="H1" s="1"><f>DATE(2026,7,1)</f><v>46204</v></c><c r="I1"><f>1+1</f><v>2</v></c></row>';
    expect(await read(oneSheet(data, { formats: [14] }))).toEqual([["甲乙", true, { error: "#DIV/0!" }, false, 0, "", { error: "#N/A" }, date("2026-07-01T00:00:00Z"), 2]]);
  });

  test("a formula without a cached value (never calculated) reads as empty", async () => {
    const data = '<row r="1"><c r="A1"><f>1+1</f></c><c r="B1" t="str"><f>"x"</f></c><c r="C1"><f>2+2</f><v></v></c><c r="D1"><v>4</v></c></row>';
    expect(await read(oneSheet(data))).toEqual([[null, null, null, 4]]);
  });

  test("CDATA in a <t> is text like any other: exceljs dropped it", async () => {
    const data = `<row r="1">${inline("A1", "<![CDATA[<甲&乙>]]>")}<c r="B1" t="s"><v>0</v></c></row>`;
    expect(await read(oneSheet(data, { strings: ["<si><t>前<![CDATA[<中>]]>后</t></si>"] }))).toEqual([["<甲&乙>", "前<中>后"]]);
  });

  test("a sheet part in UTF-16 (with its byte-order mark, as XML allows): exceljs refused it (disallowed character)", async () => {
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c>${inline("B1", "张三𠀀")}<c r="C1"><v>3</v></c></row>`;
    const text = `<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`;
    const raw = new Uint8Array(2 + 2 * text.length);
    raw.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) raw.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + 2 * i);
    expect(await read(made({ sheets: [{ name: "表1", raw }], strings: ["<si><t>党员</t></si>"] }))).toEqual([["党员", "张三𠀀", 3]]);
  });
});

// ------------------------------------------------------------------------------- refusals

function problemOf(f: () => unknown): FileProblemError["problem"] | string {
  try {
    f();
  } catch (e) {
    return e instanceof FileProblemError ? e.problem : `not a FileProblemError: ${String(e)}`;
  }
  return "no error";
}

describe("what XlsxPackage.open refuses", () => {
  test("a zip that holds a Word document: zip_not_workbook, holding word", async () => {
    const bytes = await wordDocument();
    expect(problemOf(() => XlsxPackage.open(bytes, "总结.xlsx"))).toEqual({ code: "zip_not_workbook", file: "总结.xlsx", holds: "word" });
  });

  const WORKSHEET = `<worksheet xmlns="${MAIN}">`;
  const damaged: [string, () => Promise<Uint8Array>][] = [
    ["an end tag that does not match", () => twoSheets({ raw: `${DECL}${WORKSHEET}<sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>` })],
    ["cut off in the middle", () => twoSheets({ raw: `${DECL}${WORKSHEET}<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v` })],
    [
      "well-formed XML whose bytes fail the zip's CRC",
      async () => {
        const bytes = await twoSheets({ data: '<row r="1"><c r="A1" t="inlineStr"><is><t>MARK-A</t></is></c></row>' }, true);
        const at = Buffer.from(bytes).indexOf("MARK-A");
        if (at < 0) throw new Error("the stored sheet is not in the zip as written");
        bytes[at + 5] = "B".charCodeAt(0);
        return bytes;
      },
    ],
    [
      "its part missing from the zip (a worksheet listed, never an empty sheet to fill in)",
      async () => {
        const zip = await JSZip.loadAsync(await twoSheets({ data: "" }));
        zip.remove("xl/worksheets/sheet2.xml");
        return zip.generateAsync({ type: "uint8array" });
      },
    ],
  ];

  /** 名册 (sound) and 坏表 as given. */
  function twoSheets(bad: { readonly data?: string; readonly raw?: string }, stored = false): Promise<Uint8Array> {
    return made({ sheets: [{ name: "名册", data: '<row r="1"><c r="A1"><v>1</v></c></row>' }, { name: "坏表", ...bad }], stored });
  }

  test.each(damaged)("a damaged sheet (%s): file_corrupt when that sheet is read, the other sheets still read", async (_, make) => {
    const pkg = XlsxPackage.open(await make(), "支部.xlsx");
    expect(pkg.sheetNames()).toEqual(["名册", "坏表"]);
    expect(problemOf(() => pkg.read("坏表"))).toEqual({ code: "file_corrupt", file: "支部.xlsx", format: "xlsx" });
    expect(plainGrid(pkg.read("名册").grid)).toEqual([[1]]);
  });
});
