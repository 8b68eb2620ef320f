/**
 * calc keeps her package byte for byte. Her workbook is the demo branch as writers we did not
 * write leave it (package_keep_fixtures.py): openpyxl's chart on 党员名册 and chart sheet,
 * LibreOffice's pivot table, LibreOffice's .xlsm with a VBA project, and Excel 365's threaded
 * comments with custom XML and printer settings (made by hand as Excel writes them). Each goes
 * through calc in place, calc -o, a second calc, ballots, and (one of them) init --add-missing
 * after openpyxl deleted an input sheet; after each step the parts are compared with the file
 * before it, read by Python's zipfile and ElementTree (package_facts.py), not by our zip.ts:
 *
 * - every part outside the index parts the tool may edit is there, its bytes unchanged;
 * - the index parts changed only by additions: her content types, <sheet>s, workbook
 *   relationships, other workbook elements and defined names are all still there, and her
 *   styles' lists are a prefix of the new ones;
 * - a second calc changes nothing at all; an .xlsm stays macro-enabled with its VBA project;
 * - openpyxl opens every result, LibreOffice converts every result, and the SpreadsheetML
 *   schemas accept every part we wrote.
 */
import { execFile, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { addMissingSheets, ballotsFile, calcFile, initWorkbook } from "../../src/node/commands";
import { BALLOT_SHEET, OUTPUT_SHEETS, PLEDGE_SHEET } from "../../src/workbook/layout";
import { REPO, tempDir } from "../support/files";
import { saveAllWithLibreOffice } from "../support/pdf";

const run = promisify(execFile);
const PYTHON = "/usr/bin/python3";
const MAKE = path.join(__dirname, "package_keep_fixtures.py");
const FACTS = path.join(__dirname, "package_facts.py");
const VALIDATE = path.resolve(REPO, "..", "shared", "ooxml-schemas", "validate-xlsx");
const MACRO_ENABLED = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
const OUTPUT_NAMES = OUTPUT_SHEETS.map((d) => d.name);

// ------------------------------------------------------------------------------ package facts

interface SheetFacts {
  readonly name: string;
  readonly sheetId: string;
  readonly rid: string;
  readonly state: string;
  readonly part: string | null;
}
interface RelFacts {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly mode: string;
}
/** What package_facts.py reads from a file. */
interface Facts {
  /** Part name → SHA-256 of its decompressed bytes. */
  readonly parts: Readonly<Record<string, string>>;
  readonly defaults: readonly { ext: string; type: string }[];
  readonly overrides: readonly { part: string; type: string }[];
  readonly workbookPart: string;
  readonly workbookType: string | null;
  readonly workbookRels: readonly RelFacts[];
  readonly stylesPart: string | null;
  readonly sheets: readonly SheetFacts[];
  /** The workbook element's children, as canonical XML. */
  readonly workbookChildren: readonly { tag: string; xml: string }[];
  readonly definedNames: readonly { sheet: string | null; attrs: Record<string, string>; text: string }[];
  /** numFmts, fonts, fills, borders, cellStyleXfs, cellXfs, cellStyles, dxfs: each entry as canonical XML. */
  readonly styles: Readonly<Record<string, readonly string[]>>;
}

async function python<T>(args: readonly string[]): Promise<T> {
  const { stdout } = await run(PYTHON, [...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

const relsOf = (part: string): string => part.replace(/([^/]*)$/, "_rels/$1.rels");

/** The parts calc may edit in place: the index parts (see src/xlsx/inject.ts). */
function indexParts(f: Facts): Set<string> {
  return new Set(["[Content_Types].xml", f.workbookPart, relsOf(f.workbookPart), "docProps/app.xml", ...(f.stylesPart ? [f.stylesPart] : [])]);
}

/**
 * What of `before` is not in `after`, as readable lines (none: all kept). Every step here starts
 * from a file without the sheets it writes (a calc on a calc's result is compared whole, with
 * `differences`), so nothing of `before` may go.
 */
function lost(before: Facts, after: Facts): string[] {
  const out: string[] = [];
  const index = indexParts(before);

  for (const [part, hash] of Object.entries(before.parts)) {
    if (index.has(part)) continue;
    if (!(part in after.parts)) out.push(`part ${part} is gone`);
    else if (after.parts[part] !== hash) out.push(`part ${part} changed`);
  }

  for (const d of before.defaults) if (!after.defaults.some((a) => a.ext === d.ext && a.type === d.type)) out.push(`[Content_Types].xml lost Default ${d.ext} ${d.type}`);
  for (const o of before.overrides) {
    if (!after.overrides.some((a) => a.part === o.part && a.type === o.type)) out.push(`[Content_Types].xml lost Override ${o.part} ${o.type}`);
  }

  const hers = before.sheets;
  for (const s of hers) {
    const a = after.sheets.find((x) => x.name === s.name);
    if (!a) out.push(`<sheet name="${s.name}"> is gone`);
    else if (a.sheetId !== s.sheetId || a.rid !== s.rid || a.state !== s.state) out.push(`<sheet name="${s.name}"> was sheetId ${s.sheetId} ${s.rid} ${s.state}, is ${a.sheetId} ${a.rid} ${a.state}`);
  }
  const order = after.sheets.map((s) => s.name).filter((n) => hers.some((s) => s.name === n));
  if (order.join("|") !== hers.map((s) => s.name).join("|")) out.push(`her sheets were ${hers.map((s) => s.name).join(", ")}, are in the order ${order.join(", ")}`);

  const wbRels = relsOf(before.workbookPart);
  for (const r of before.workbookRels) {
    if (!after.workbookRels.some((a) => a.id === r.id && a.type === r.type && a.target === r.target && a.mode === r.mode)) out.push(`${wbRels} lost ${r.id} ${r.type} ${r.target}`);
  }

  // The workbook's other elements (workbookPr, pivotCaches, calcPr, extLst…) are hers: unchanged.
  const edited = new Set(["sheets", "definedNames", "bookViews"]);
  for (const c of before.workbookChildren) {
    if (edited.has(c.tag)) continue;
    if (!after.workbookChildren.some((a) => a.xml === c.xml)) out.push(`workbook <${c.tag}> changed or is gone: ${c.xml.slice(0, 300)}`);
  }
  for (const d of before.definedNames) {
    if (!after.definedNames.some((a) => a.sheet === d.sheet && a.text === d.text && JSON.stringify(a.attrs) === JSON.stringify(d.attrs))) out.push(`definedName ${JSON.stringify(d)} is gone`);
  }

  for (const [list, entries] of Object.entries(before.styles)) {
    const now = after.styles[list] ?? [];
    const at = entries.findIndex((e, i) => now[i] !== e);
    if (at >= 0) out.push(`styles <${list}>: her entry ${at} ${entries[at]} is now ${now[at] ?? "gone"}`);
  }
  return out;
}

/** Parts whose bytes differ, or that only one of the two has. */
function differences(a: Facts, b: Facts): string[] {
  const names = new Set([...Object.keys(a.parts), ...Object.keys(b.parts)]);
  return [...names].filter((n) => a.parts[n] !== b.parts[n]).sort();
}

const sheetNames = (f: Facts): string[] => f.sheets.map((s) => s.name);

// ------------------------------------------------------------------------------ the fixtures

interface Fixture {
  readonly name: string;
  /** What the writer we did not write put in her package, checked before the tool runs. */
  readonly has: RegExp[];
  readonly ext: ".xlsx" | ".xlsm";
}

const FIXTURES: readonly Fixture[] = [
  { name: "chart", ext: ".xlsx", has: [/^xl\/charts\/chart\d+\.xml$/, /^xl\/chartsheets\/sheet\d+\.xml$/, /^xl\/drawings\/drawing\d+\.xml$/] },
  { name: "pivot", ext: ".xlsx", has: [/^xl\/pivotTables\/pivotTable\d+\.xml$/, /^xl\/pivotCache\/pivotCacheDefinition\d+\.xml$/, /^xl\/pivotCache\/pivotCacheRecords\d+\.xml$/] },
  { name: "macro", ext: ".xlsm", has: [/^xl\/vbaProject\.bin$/] },
  {
    name: "threaded",
    ext: ".xlsx",
    has: [/^xl\/threadedComments\/threadedComment1\.xml$/, /^xl\/persons\/person\.xml$/, /^customXml\/item1\.xml$/, /^customXml\/itemProps1\.xml$/, /^xl\/printerSettings\/printerSettings1\.bin$/],
  },
];

/** The files of one fixture: hers as made, after each step, and the -o result. */
interface Steps {
  readonly her: string;
  readonly calc: string;
  readonly out: string;
  readonly calcAgain: string;
  readonly ballots: string;
  /** Her file right after calc -o (which must not touch it). */
  readonly afterOut: string;
}

let dir = "";
const steps = new Map<string, Steps>();
let dropped = "";
let completed = "";
let addedSheets: readonly string[] = [];
let facts: Record<string, Facts> = {};
let openpyxlErrors: Record<string, string | null> = {};
let converted: Record<string, Facts> = {};
/** What validate-xlsx printed for each result. */
let validation: Record<string, string> = {};

const factsOf = (file: string): Facts => {
  const f = facts[file];
  if (!f) throw new Error(`no facts read for ${file}`);
  return f;
};
const stepsOf = (name: string): Steps => {
  const s = steps.get(name);
  if (!s) throw new Error(`no fixture ${name}`);
  return s;
};

/** calc in place, calc -o, calc in place again, ballots: each state kept as a copy. */
async function runSteps(fx: Fixture, her: string): Promise<Steps> {
  const work = path.join(dir, "work", fx.name);
  mkdirSync(work, { recursive: true });
  const file = path.join(work, `${fx.name}${fx.ext}`);
  copyFileSync(her, file);
  const snap = (label: string): string => {
    const to = path.join(dir, "states", `${fx.name}-${label}${fx.ext}`);
    copyFileSync(file, to);
    return to;
  };
  await calcFile(file);
  const calc = snap("calc");
  const out = path.join(dir, "states", `${fx.name}-o${fx.ext}`);
  await calcFile(file, { out });
  const afterOut = snap("after-o");
  await calcFile(file);
  const calcAgain = snap("calc-again");
  const b = await ballotsFile(file);
  if (b.written !== file) throw new Error(`ballots wrote ${String(b.written)}, not ${file}`);
  const ballots = snap("ballots");
  return { her, calc, out, calcAgain, ballots, afterOut };
}

/** What validate-xlsx printed for a file (it exits 1 when a part is invalid: that is in the text). */
async function validate(file: string): Promise<string> {
  try {
    return (await run(VALIDATE, [file], { encoding: "utf8" })).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ""}${err.stderr ?? ""}`;
  }
}
const invalidParts = (out: string): string[] => [...out.matchAll(/^INVALID (\S+):/gm)].map((m) => m[1] as string);

/**
 * The parts validate-xlsx flags in `result` that are ours: not a part of hers that the schemas
 * flag in `her` too, unchanged (her file is validated only when something is flagged).
 */
function flaggedOurs(result: string, her: string): string[] {
  const flagged = invalidParts(validation[result] ?? "");
  if (flagged.length === 0) return [];
  const hers = new Set(invalidParts(spawnSync(VALIDATE, [her], { encoding: "utf8" }).stdout));
  return flagged.filter((p) => !(hers.has(p) && factsOf(her).parts[p] === factsOf(result).parts[p]));
}

beforeAll(async () => {
  dir = tempDir("package-keep-");
  for (const d of ["her", "states", "lo"]) mkdirSync(path.join(dir, d), { recursive: true });
  const demo = path.join(dir, "demo.xlsx");
  await initWorkbook(demo, { demo: true });
  const her = (fx: Fixture): string => path.join(dir, "her", `${fx.name}${fx.ext}`);
  const byName = (name: string): Fixture => FIXTURES.find((f) => f.name === name) as Fixture;

  // LibreOffice takes ten seconds or so: it makes its two while the others go through the steps.
  const libreoffice = run(PYTHON, [MAKE, "libreoffice", demo, her(byName("pivot")), her(byName("macro"))], { encoding: "utf8", timeout: 120_000 });
  await run(PYTHON, [MAKE, "chart", demo, her(byName("chart"))]);
  await run(PYTHON, [MAKE, "threaded", demo, her(byName("threaded"))]);
  for (const name of ["chart", "threaded"]) steps.set(name, await runSteps(byName(name), her(byName(name))));

  // init --add-missing after openpyxl deleted 个人承诺 (and so re-saved her file its own way).
  dropped = path.join(dir, "states", "chart-dropped.xlsx");
  copyFileSync(her(byName("chart")), dropped);
  await run(PYTHON, [MAKE, "drop-sheet", dropped, PLEDGE_SHEET.name]);
  const work = path.join(dir, "work", "add-missing");
  mkdirSync(work, { recursive: true });
  const file = path.join(work, "chart-dropped.xlsx");
  copyFileSync(dropped, file);
  const r = await addMissingSheets(file);
  addedSheets = r.added;
  completed = path.join(dir, "states", "chart-completed.xlsx");
  copyFileSync(file, completed);

  await libreoffice;
  for (const name of ["pivot", "macro"]) steps.set(name, await runSteps(byName(name), her(byName(name))));

  const results = [...[...steps.values()].flatMap((s) => [s.out, s.ballots]), completed];
  const all = [...[...steps.values()].flatMap((s) => [s.her, s.calc, s.out, s.afterOut, s.calcAgain, s.ballots]), dropped, completed];
  const [f, o, lo, v] = await Promise.all([
    python<Record<string, Facts>>([FACTS, "facts", ...all]),
    python<Record<string, string | null>>([FACTS, "openpyxl", ...results]),
    saveAllWithLibreOffice(results, "xlsx", path.join(dir, "lo"), 120_000).then(({ files }) => python<Record<string, Facts>>([FACTS, "facts", ...files])),
    // Two at a time: each runs xmllint once per part.
    (async () => {
      const out: Record<string, string> = {};
      const queue = [...results];
      await Promise.all(
        [0, 1].map(async () => {
          for (let next = queue.shift(); next !== undefined; next = queue.shift()) out[next] = await validate(next);
        }),
      );
      return out;
    })(),
  ]);
  facts = f;
  openpyxlErrors = o;
  converted = Object.fromEntries(results.map((file) => [file, lo[path.join(dir, "lo", `${path.basename(file, path.extname(file))}.xlsx`)] as Facts]));
  validation = v;
}, 180_000);

// ------------------------------------------------------------------------------ the tests

describe.each(FIXTURES.map((fx) => [fx.name, fx] as const))("%s: calc keeps her package", (name, fx) => {
  test("her file has what its writer put in it", () => {
    const her = factsOf(stepsOf(name).her);
    for (const re of fx.has) expect([re.source, Object.keys(her.parts).some((p) => re.test(p))]).toEqual([re.source, true]);
    expect(sheetNames(her)).toEqual(expect.arrayContaining(["党员名册", "参数设置"]));
    expect(sheetNames(her).filter((n) => OUTPUT_NAMES.includes(n))).toEqual([]);
  });

  test("calc in place: every part of hers is kept, the index parts only gain; the tool's sheets are added", () => {
    const s = stepsOf(name);
    expect(lost(factsOf(s.her), factsOf(s.calc))).toEqual([]);
    expect(sheetNames(factsOf(s.calc))).toEqual(expect.arrayContaining(OUTPUT_NAMES));
  });

  test("calc -o: her parts kept in the copy, her file untouched, and the copy is what a calc in place gives", () => {
    const s = stepsOf(name);
    expect(lost(factsOf(s.her), factsOf(s.out))).toEqual([]);
    expect(sheetNames(factsOf(s.out))).toEqual(expect.arrayContaining(OUTPUT_NAMES));
    expect(differences(factsOf(s.calc), factsOf(s.afterOut))).toEqual([]);
    expect(differences(factsOf(s.calcAgain), factsOf(s.out))).toEqual([]);
  });

  test("a second calc changes nothing: the package is identical part for part", () => {
    const s = stepsOf(name);
    expect(differences(factsOf(s.calc), factsOf(s.calcAgain))).toEqual([]);
  });

  test("ballots: everything before it is kept (hers and calc's), 测评票 is added", () => {
    const s = stepsOf(name);
    expect(lost(factsOf(s.calcAgain), factsOf(s.ballots))).toEqual([]);
    expect(lost(factsOf(s.her), factsOf(s.ballots))).toEqual([]);
    expect(sheetNames(factsOf(s.ballots))).toEqual(expect.arrayContaining([...OUTPUT_NAMES, BALLOT_SHEET.name]));
  });

  test("openpyxl opens the results and LibreOffice converts them, with her sheets and the tool's", () => {
    const s = stepsOf(name);
    for (const file of [s.out, s.ballots]) {
      expect([path.basename(file), openpyxlErrors[file]]).toEqual([path.basename(file), null]);
      const lo = converted[file];
      expect(lo).toBeDefined();
      expect(sheetNames(lo as Facts)).toEqual(expect.arrayContaining([...sheetNames(factsOf(s.her)), ...OUTPUT_NAMES]));
    }
  });

  test("the schemas accept every SpreadsheetML part of the results (a part flagged only if she had it, unchanged)", () => {
    const s = stepsOf(name);
    for (const file of [s.out, s.ballots]) {
      expect(validation[file]).toMatch(/^schema: \d+\/\d+ SpreadsheetML parts valid$/m);
      expect([path.basename(file), flaggedOurs(file, s.her)]).toEqual([path.basename(file), []]);
    }
  });
});

describe(".xlsm stays .xlsm", () => {
  test("her VBA project is kept byte for byte and the workbook stays macro-enabled, in place and with -o to an .xlsm", () => {
    const s = stepsOf("macro");
    const vba = factsOf(s.her).parts["xl/vbaProject.bin"];
    expect(vba).toMatch(/^[0-9a-f]{64}$/);
    expect(factsOf(s.her).workbookType).toBe(MACRO_ENABLED);
    for (const file of [s.calc, s.out, s.calcAgain, s.ballots]) {
      expect([path.basename(file), factsOf(file).parts["xl/vbaProject.bin"], factsOf(file).workbookType]).toEqual([path.basename(file), vba, MACRO_ENABLED]);
      expect(factsOf(file).workbookRels.some((r) => r.type.endsWith("/vbaProject"))).toBe(true);
    }
  });
});

describe("init --add-missing after openpyxl deleted an input sheet", () => {
  test("the sheet is added back and everything openpyxl left is kept", () => {
    const before = factsOf(dropped);
    const after = factsOf(completed);
    expect(sheetNames(before)).not.toContain(PLEDGE_SHEET.name);
    expect(addedSheets).toContain(PLEDGE_SHEET.name);
    expect(sheetNames(after)).toContain(PLEDGE_SHEET.name);
    expect(lost(before, after)).toEqual([]);
    // The chart, the chart sheet and its drawing openpyxl wrote back are among what is kept.
    expect(Object.keys(before.parts).filter((p) => /^xl\/(charts|chartsheets)\//.test(p)).length).toBeGreaterThanOrEqual(3);
  });

  test("openpyxl and LibreOffice open the completed workbook, and the schemas accept our parts", () => {
    expect(openpyxlErrors[completed]).toBeNull();
    expect(sheetNames(converted[completed] as Facts)).toContain(PLEDGE_SHEET.name);
    expect(validation[completed]).toMatch(/^schema: \d+\/\d+ SpreadsheetML parts valid$/m);
    expect(flaggedOurs(completed, dropped)).toEqual([]);
  });
});

describe("-o gives the result the kind of package its name says (Excel refuses a mismatch)", () => {
  /** calc `her` (a fresh copy) with -o `out`: refused (nothing written), or the workbook content type written. */
  async function calcTo(her: string, out: string): Promise<string> {
    const work = path.join(dir, "work", `to-${path.basename(out)}`);
    mkdirSync(work, { recursive: true });
    const file = path.join(work, path.basename(her));
    copyFileSync(her, file);
    const target = path.join(work, out);
    const refused = await calcFile(file, { out: target }).then(
      () => false,
      () => true,
    );
    if (refused) return existsSync(target) ? "refused, yet written" : "refused, nothing written";
    return (await python<Record<string, Facts>>([FACTS, "facts", target]))[target]?.workbookType ?? "no workbook type";
  }

  // Excel opens a package by its extension: a macro-enabled workbook named .xlsx is "file format
  // or file extension is not valid", and so is a plain one named .xlsm.
  test("regression (xlsm-to-xlsx): -o 结果.xlsx from her .xlsm is refused or not macro-enabled", async () => {
    expect(await calcTo(stepsOf("macro").her, "结果.xlsx")).toMatch(/^(refused, nothing written|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml)$/);
  });

  test("regression (xlsx-to-xlsm): -o 结果.xlsm from her .xlsx is refused or macro-enabled", async () => {
    expect(await calcTo(stepsOf("chart").her, "结果.xlsm")).toMatch(/^(refused, nothing written|application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml)$/);
  });
});

test("the comparison is not blind: the calc result read backwards, or her file with a part changed and an element gone, is reported", () => {
  const s = stepsOf("pivot");
  expect(lost(factsOf(s.calc), factsOf(s.her))).toEqual(
    expect.arrayContaining([
      `<sheet name="${OUTPUT_NAMES[0] as string}"> is gone`,
      expect.stringMatching(/^part xl\/worksheets\/sheet\d+\.xml is gone$/),
      expect.stringMatching(/^\[Content_Types\]\.xml lost Override \/xl\/worksheets\//),
      expect.stringMatching(/^xl\/_rels\/workbook\.xml\.rels lost /),
      expect.stringMatching(/^styles <cellXfs>: her entry \d+ .* is now gone$/),
    ]),
  );
  const her = factsOf(s.her);
  const pivot = Object.keys(her.parts).find((p) => p.startsWith("xl/pivotTables/")) as string;
  const tampered: Facts = { ...her, parts: { ...her.parts, [pivot]: "0" }, workbookChildren: her.workbookChildren.filter((c) => c.tag !== "pivotCaches") };
  expect(lost(her, tampered)).toEqual([`part ${pivot} changed`, expect.stringMatching(/^workbook <pivotCaches> changed or is gone/)]);
});
