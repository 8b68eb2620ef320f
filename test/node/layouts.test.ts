/**
 * 入党时间 typed as a year and month, through the command line's calcFile on a real .xlsx
 * written with exceljs: the 推荐表 prints the month she typed (2001年7月), never the date of
 * Excel serial 2001 (1905年6月23日).
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { cellText } from "../../src/workbook/cells";
import { FORMS_SHEET } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { gridOf, gridsOf, tempDir } from "../support/files";

/** How each roster row's 入党时间 is typed, by the row's place (i % 3) among the members. */
const TYPED: readonly { readonly value: number | string; readonly numFmt: string; readonly printed: string }[] = [
  { value: 2001.07, numFmt: "General", printed: "2001年7月" },
  { value: "1995年5月", numFmt: "@", printed: "1995年5月" },
  { value: "2006/7", numFmt: "@", printed: "2006年7月" },
];

/** Each form's [姓名, 入党时间] as the 推荐表 prints them. */
function formsOf(form: readonly (readonly unknown[])[]): [string, string][] {
  const out: [string, string][] = [];
  form.forEach((row, r) => {
    if (row[0] === "入党时间") out.push([cellText(form[r - 1]?.[1] as never), cellText(row[1] as never)]);
  });
  return out;
}

test("calcFile: 入党时间 2001.07 (a number), 1995年5月 and 2006/7 print as typed months on the 推荐表", async () => {
  const dir = tempDir();
  const file = path.join(dir, "支部.xlsx");
  const first = path.join(dir, "第一次.xlsx");
  const out = path.join(dir, "结果.xlsx");
  await initWorkbook(file, { demo: true });
  // Who is nominated, from a first run on the demo as it is (入党时间 whole dates).
  await calcFile(file, { out: first });
  const nominees = formsOf(gridOf(await gridsOf(first), FORMS_SHEET.name)).map(([name]) => name);
  expect(nominees.length).toBeGreaterThanOrEqual(TYPED.length);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const roster = wb.getWorksheet("党员名册");
  if (!roster) throw new Error("no 党员名册");
  const header = roster.getRow(TEMPLATE_HEADER_ROW).values as unknown[];
  const joinCol = header.indexOf("入党时间");
  const nameCol = header.indexOf("姓名");
  expect([joinCol > 0, nameCol > 0]).toEqual([true, true]);
  const expected = new Map<string, string>();
  for (let r = TEMPLATE_HEADER_ROW + 1; r <= roster.rowCount; r++) {
    const k = nominees.indexOf(cellText(roster.getCell(r, nameCol).value as string));
    if (k < 0) continue;
    const t = TYPED[k % TYPED.length] as (typeof TYPED)[number];
    const cell = roster.getCell(r, joinCol);
    cell.value = t.value;
    cell.numFmt = t.numFmt;
    expected.set(nominees[k] as string, t.printed);
  }
  await wb.xlsx.writeFile(file);

  const { run } = await calcFile(file, { out });
  expect(run.issues.filter((i) => i.code === "year_month_unreadable" || i.code === "year_month_ambiguous")).toEqual([]);

  const form = gridOf(await gridsOf(out), FORMS_SHEET.name);
  const printed = formsOf(form);
  expect(printed).toEqual(nominees.map((name) => [name, expected.get(name)]));
  expect(printed.slice(0, 3).map(([, p]) => p)).toEqual(["2001年7月", "1995年5月", "2006年7月"]);
  // The 主要事迹 draft says the same month; no date nobody typed is anywhere on the forms.
  const all = form.map((row) => row.map((v) => cellText(v)).join("|")).join("\n");
  for (const [name] of printed) expect(all).toContain(`${name}同志，`);
  for (const p of new Set(printed.map(([, x]) => x))) expect(all).toContain(`${p}入党`);
  expect(all).not.toMatch(/190[56]年/);
});
