/**
 * Bad input, hostile input, nothing lost: every workbook of the corpus (corpus.ts) is written
 * as a real .xlsx and run through both hosts — the command line's calcFile (exceljs) and the
 * Office.js host on the strict fake Excel, fed what exceljs reads from the same file. For each:
 * no crash and no unhandled rejection; the expected 问题清单 rows at their exact cells; what the
 * problem does not touch is still computed; and both hosts list the same problems and write the
 * same 综合评定.
 *
 * A summary of the run (case → issue codes, members computed) goes to
 * test-artifacts/corpus-summary.json.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Issue } from "../../src/core/issues";
import { calculateWorkbook } from "../../src/excel/host";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { type CellValue, cellText } from "../../src/workbook/cells";
import { OUTPUT_HEADER_ROW } from "../../src/workbook/layout";
import { workbookBytes } from "../../src/xlsx/host";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { gridsOf, REPO, tempDir } from "../support/files";
import { asEarlierVersion, CORPUS, type CorpusCase, type ExpectedIssue } from "./corpus";
import { tableSheets } from "../../src/workbook/output";

const SUMMARY_FILE = path.join(REPO, "test-artifacts", "corpus-summary.json");

/** One 问题清单 row as the tests compare it: level, sheet!cell (or sheet), code. */
const rowKey = (level: string, sheet: string, cell: string, code: string): string => `${level} ${cell ? `${sheet}!${cell}` : sheet} ${code}`;
const issueKey = (i: Issue): string => rowKey(i.level, i.sheet, i.cell, i.code);
const expectedKey = ([where, code, level]: ExpectedIssue): string => `${level} ${where} ${code}`;

/** The data rows of a written 问题清单 (序号, 级别, 工作表, 单元格, 问题, 处理建议, 代码). */
function writtenIssueRows(grid: readonly (readonly (string | number | boolean)[])[]): string[] {
  return grid.slice(OUTPUT_HEADER_ROW).map((r) => rowKey(String(r[1] ?? ""), String(r[2] ?? ""), String(r[3] ?? ""), String(r[6] ?? "")));
}

/** Cells as text, trailing blanks dropped: what the secretary sees, whichever host wrote it. */
function textRows(rows: readonly (readonly unknown[])[]): string[][] {
  return rows.map((r) => {
    const out = r.map((v) => (typeof v === "number" ? String(v) : cellText(v as CellValue)));
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  });
}

interface CaseSummary {
  readonly from: CorpusCase["from"];
  readonly members: number;
  readonly computed: number;
  readonly errors: number;
  readonly hints: number;
  readonly codes: Readonly<Record<string, number>>;
}

let dir = "";
let demoBytes = Buffer.alloc(0);
let demoTotals = new Map<string, number | null>();
const summary: Record<string, CaseSummary> = {};
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  dir = tempDir("corpus-");
  const demo = path.join(dir, "demo.xlsx");
  await initWorkbook(demo, { demo: true });
  // The corpus's addresses are those of the demo with its header in row 1 (see corpus.ts).
  const earlier = new ExcelJS.Workbook();
  await earlier.xlsx.readFile(demo);
  asEarlierVersion(earlier);
  await fs.writeFile(demo, await workbookBytes(earlier));
  demoBytes = await fs.readFile(demo);
  const base = await calcFile(demo, { out: path.join(dir, "demo.out.xlsx") });
  demoTotals = new Map(base.run.result.members.map((m) => [m.member.id, m.total]));
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await fs.mkdir(path.dirname(SUMMARY_FILE), { recursive: true });
  const out = { cases: Object.keys(summary).length, hosts: ["exceljs (calcFile)", "Office.js (fake Excel)"], results: summary };
  await fs.writeFile(SUMMARY_FILE, `${JSON.stringify(out, null, 2)}\n`);
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeCase(c: CorpusCase): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (c.from === "demo") await wb.xlsx.load(demoBytes as unknown as ArrayBuffer);
  c.build(wb);
  const file = path.join(dir, `${c.name}.xlsx`);
  await fs.writeFile(file, await workbookBytes(wb));
  return file;
}

test("the corpus: at least 40 workbooks, each with its own name", () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
});

test.each(CORPUS)("$name", async (c) => {
  const file = await writeCase(c);
  const out = path.join(dir, `${c.name}.out.xlsx`);

  // The command line's way, then the add-in's way on what exceljs reads from the same file.
  const cli = await calcFile(file, { out });
  const fake = fakeEnv(fakeFromGrids(await gridsOf(file)));
  const addin = await calculateWorkbook(fake.env);
  await new Promise((resolve) => setImmediate(resolve));
  expect(rejections).toEqual([]);

  // Both hosts list the same problems and write the same 综合评定 (what calcFile writes is
  // its run's output grids, cell for cell: test/node/roundtrip.test.ts).
  const issues = cli.run.issues.map(issueKey);
  expect(addin.run.issues.map(issueKey)).toEqual(issues);
  expect(writtenIssueRows(fake.workbook.grid("问题清单"))).toEqual(issues);
  const [result] = tableSheets(cli.run.outputs);
  expect(textRows(fake.workbook.grid("综合评定").slice(OUTPUT_HEADER_ROW))).toEqual(textRows(result?.rows ?? []));

  // The rows that matter, at their exact cells.
  const e = c.expect;
  const missing = e.issues.map(expectedKey).filter((k) => !issues.includes(k));
  expect({ missing, listed: issues }).toEqual({ missing: [], listed: issues });
  if (e.exact) expect([...issues].sort()).toEqual(e.issues.map(expectedKey).sort());
  for (const code of e.absent ?? []) expect(cli.run.issues.filter((i) => i.code === code).map(issueKey)).toEqual([]);

  // What the problem does not touch is still computed.
  const members = cli.run.result.members;
  expect(members).toHaveLength(e.members);
  expect(members.filter((m) => m.total !== null)).toHaveLength(e.computed);
  expect(fake.workbook.grid("综合评定").length - OUTPUT_HEADER_ROW).toBe(e.members);
  if (e.totalsAsDemoExcept) {
    const except = new Set(e.totalsAsDemoExcept);
    const got = Object.fromEntries(members.filter((m) => demoTotals.has(m.member.id) && !except.has(m.member.id)).map((m) => [m.member.id, m.total]));
    const want = Object.fromEntries([...demoTotals].filter(([id]) => !except.has(id)));
    expect(got).toEqual(want);
  }
  e.check?.(cli.run);

  const codes: Record<string, number> = {};
  for (const i of cli.run.issues) codes[i.code] = (codes[i.code] ?? 0) + 1;
  summary[c.name] = {
    from: c.from,
    members: members.length,
    computed: members.filter((m) => m.total !== null).length,
    errors: cli.run.issues.filter((i) => i.level === "错误").length,
    hints: cli.run.issues.filter((i) => i.level === "提示").length,
    codes: Object.fromEntries(Object.entries(codes).sort(([a], [b]) => a.localeCompare(b))),
  };
});
