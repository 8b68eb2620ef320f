/**
 * The demo's data laid out as branches lay it out (issue 12, item 6), through both hosts: the
 * command line's calcFile on a real .xlsx with merged cells, and the Office.js host on the fake
 * Excel fed what exceljs reads from the same file. The 综合评定 must equal that of the same data
 * in the template's layout, cell for cell.
 *
 * - 评议打分: 上半年 on the left, 年终 on the right, the headers said again; either a merged
 *   title above each block and no 期次 column, or a 期次 column in each block.
 * - 学习考勤: either a two-row header (dates, topics beneath; 编号/姓名 merged over both rows)
 *   or the dates in a row above the 编号/姓名 row (topics in it); the first date merged over the
 *   first two sessions, which fall on the same day.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import type { Issue } from "../../src/core/issues";
import { calculateWorkbook } from "../../src/excel/host";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { cellText } from "../../src/workbook/cells";
import { OUTPUT_HEADER_ROW } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { valuesOf } from "../reliability/corpus";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { gridOf, gridsOf, tempDir } from "../support/files";

const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

function replaceSheet(wb: ExcelJS.Workbook, name: string, rows: readonly (readonly ExcelJS.CellValue[])[]): ExcelJS.Worksheet {
  wb.removeWorksheet(sheet(wb, name).id);
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => r.forEach((v, j) => {
    if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
  }));
  return ws;
}

/** The demo, with its second session moved to the first one's day (two sessions on 2026-01-08). */
async function demo(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  sheet(wb, "学习考勤").getCell(TEMPLATE_HEADER_ROW, 4).value = "2026-01-08 组织生活会";
  return wb;
}

const utc = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** 学习考勤 with the date and topic of each "2026-01-08 专题学习" header in two rows. */
function attendanceInTwoRows(wb: ExcelJS.Workbook, datesAbove: boolean): void {
  // The template's header row and the members below it (its guidance line above is not kept).
  const all = valuesOf(sheet(wb, "学习考勤"));
  const [header = [], ...members] = all.slice(TEMPLATE_HEADER_ROW - 1);
  // The demo's session headers are text: "2026-01-08 专题学习".
  const text = (h: ExcelJS.CellValue): string => (typeof h === "string" ? h : "");
  const dates = header.map((h, c) => (c < 2 ? (datesAbove ? null : h) : utc(text(h).slice(0, 10))));
  const topics = header.map((h, c) => (c < 2 ? (datesAbove ? h : null) : text(h).slice(11)));
  const ws = replaceSheet(wb, "学习考勤", [dates, topics, ...members]);
  if (!datesAbove) {
    ws.mergeCells("A1:A2");
    ws.mergeCells("B1:B2");
  }
  ws.mergeCells("C1:D1"); // one date over the day's two sessions
}

/** 评议打分 as two blocks: 上半年 left, 年终 right, one blank column between. */
function votesInTwoBlocks(wb: ExcelJS.Workbook, how: "titles" | "期次"): void {
  const [header = [], ...rows] = valuesOf(sheet(wb, "评议打分")).slice(TEMPLATE_HEADER_ROW - 1);
  const from = how === "titles" ? 1 : 0; // without 期次, the blocks start at 编号
  const part = (r: readonly ExcelJS.CellValue[]): ExcelJS.CellValue[] => header.map((_, c) => r[c] ?? null).slice(from);
  const first = rows.filter((r) => r[0] === "上半年").map(part);
  const last = rows.filter((r) => r[0] === "年终").map(part);
  const width = header.length - from;
  const blank = Array<null>(width).fill(null);
  const body = [[...part(header), null, ...part(header)], ...Array.from({ length: Math.max(first.length, last.length) }, (_, i) => [...(first[i] ?? blank), null, ...(last[i] ?? blank)])];
  if (how === "期次") {
    replaceSheet(wb, "评议打分", body);
    return;
  }
  const titles = Array<ExcelJS.CellValue>(2 * width + 1).fill(null);
  titles[0] = "2026年上半年民主评议";
  titles[width + 1] = "2026年年终民主评议";
  const ws = replaceSheet(wb, "评议打分", [titles, ...body]);
  ws.mergeCells(1, 1, 1, width);
  ws.mergeCells(1, width + 2, 1, 2 * width + 1);
}

const key = (i: Issue): string => `${i.level} ${i.cell ? `${i.sheet}!${i.cell}` : i.sheet} ${i.code}`;

/** The data rows of a written 综合评定, as text. */
const resultRows = (grid: readonly (readonly unknown[])[]): string[][] =>
  grid.slice(OUTPUT_HEADER_ROW).map((r) => r.map((v) => (typeof v === "number" ? String(v) : cellText(v as never))));

describe("the demo laid out as branches do, through the command line and the fake Excel", () => {
  const cases = [
    // Two rows above the members in both layouts (the template's guidance and header; the two
    // header rows here): a member's marks stay on the same sheet row, so no cell moves.
    { name: "two-row 学习考勤 header, 评议打分 blocks with titles", datesAbove: false, votes: "titles" as const },
    { name: "dates above the 学习考勤 header row, 评议打分 blocks with 期次 columns", datesAbove: true, votes: "期次" as const },
  ];
  test.each(cases)("$name: the same 综合评定 as the template's layout", async ({ datesAbove, votes }) => {
    const dir = tempDir();
    const demoFile = path.join(dir, "demo.xlsx");
    await initWorkbook(demoFile, { demo: true });
    const standard = await demo(demoFile);
    const standardFile = path.join(dir, "standard.xlsx");
    await standard.xlsx.writeFile(standardFile);
    const laidOut = await demo(demoFile);
    attendanceInTwoRows(laidOut, datesAbove);
    votesInTwoBlocks(laidOut, votes);
    const laidOutFile = path.join(dir, "laid-out.xlsx");
    await laidOut.xlsx.writeFile(laidOutFile);

    const a = await calcFile(standardFile, { out: path.join(dir, "standard-out.xlsx") });
    const b = await calcFile(laidOutFile, { out: path.join(dir, "laid-out-out.xlsx") });

    // The same problems at the same cells (the members' rows did not move: see the cases).
    expect(b.run.issues.map(key)).toEqual(a.run.issues.map(key));
    expect(a.run.verdict.final).toBe(true);
    expect(b.run.verdict.final).toBe(true);

    // Both periods' votes read, each from its block; the sessions with their topics.
    const votesOf = (run: typeof a.run): string[] => run.parsed.input.votes.map((v) => `${v.period} ${v.memberId} ${JSON.stringify(v.peer)} ${JSON.stringify(v.mass)}`).sort();
    expect(votesOf(b.run)).toEqual(votesOf(a.run));
    expect(b.run.parsed.input.votes).toHaveLength(54);
    expect(b.run.parsed.input.sessions.map((s) => s.title)).toEqual(a.run.parsed.input.sessions.map((s) => s.title));
    expect(b.run.parsed.input.sessions.slice(0, 2).map((s) => s.ref.cell)).toEqual(["C1", "D2"]); // the merged date; the topic under its blank part

    // 综合评定 written by the command line, then by the Office.js host from the same file.
    const written = resultRows(gridOf(await gridsOf(path.join(dir, "standard-out.xlsx")), "综合评定"));
    expect(written).toHaveLength(28);
    expect(resultRows(gridOf(await gridsOf(path.join(dir, "laid-out-out.xlsx")), "综合评定"))).toEqual(written);
    const f = fakeEnv(fakeFromGrids(await gridsOf(laidOutFile)));
    const c = await calculateWorkbook(f.env);
    expect(c.run.issues.map(key)).toEqual(a.run.issues.map(key));
    expect(resultRows(f.workbook.grid("综合评定"))).toEqual(written);
  });
});
