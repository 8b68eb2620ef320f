/**
 * Injection: workbook text that starts with = + - @ or holds control characters is written as
 * text by both hosts — never a formula, never a character that breaks the file — and the file
 * still opens in openpyxl. (The page shows such text as text: test/browser.)
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calculateWorkbook } from "../../src/excel/host";
import { demoBranch } from "../../src/workbook/demo";
import { runEngine } from "../../src/workbook/engine";
import { TEMPLATE_HEADER_ROW, templateGrid } from "../../src/workbook/template";
import { describeOutput } from "../../src/workbook/output";
import { type readGrids, workbookBytes, writeRequest } from "../../src/xlsx/host";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { tempDir } from "../support/files";

const HOSTILE = [
  '=HYPERLINK("http://evil.example/","点我")',
  "=1+1",
  "+SUM(1,2)",
  "-2+3",
  "@SUM(A1)",
  "=cmd|' /C calc'!A0",
  "名\u0000字\u0007带\u001b控制符",
  "tab\there\nnewline",
];
/**
 * What a name is written as: runs of white space (tab, newline) read as one space, as every
 * text cell is, and control characters removed.
 */
// eslint-disable-next-line no-control-regex -- the point is to match control characters
const written = (s: string): string => s.replace(/\s+/g, " ").trim().replace(/[\u0000-\u001f]/g, "");

function hostileGrids(): ReturnType<typeof readGrids> {
  const sheets = demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) }));
  const roster = sheets.find((s) => s.name === "党员名册")?.grid as unknown[][];
  HOSTILE.forEach((name, i) => {
    (roster[TEMPLATE_HEADER_ROW + i] as unknown[])[1] = name; // the members, under the guidance and the header
  });
  return sheets;
}

test("Office.js host: every hostile name lands in 综合评定 as text, none as a formula", async () => {
  const f = fakeEnv(fakeFromGrids(hostileGrids()));
  await calculateWorkbook(f.env);
  const grid = f.workbook.grid("综合评定");
  for (const name of HOSTILE) {
    const r = grid.findIndex((row) => row[1] === written(name));
    expect(r).toBeGreaterThan(1);
    const cell = f.workbook.cell("综合评定", `B${r + 1}`);
    expect(cell.formula).toBeNull();
    expect(cell.numberFormat).toBe("@");
  }
});

test("exceljs host: the written file opens in openpyxl with every hostile name as a string", async () => {
  const run = runEngine(hostileGrids(), { fallbackYear: 2026 });
  const wb = new ExcelJS.Workbook();
  writeRequest(wb, { sheets: run.outputs.map((o) => describeOutput(o, "测试")), replace: [], templates: [] });
  const file = path.join(tempDir(), "hostile.xlsx");
  await fs.writeFile(file, await workbookBytes(wb));
  const py = spawnSync(
    "/usr/bin/python3",
    ["-c", "import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1])['综合评定']\nprint(json.dumps([[c.value,c.data_type] for c in ws['B'][2:]],ensure_ascii=False))", file],
    { encoding: "utf8" },
  );
  expect(py.status).toBe(0);
  const cells = JSON.parse(py.stdout) as [string, string][];
  for (const name of HOSTILE) expect(cells).toContainEqual([written(name), "s"]);
});
