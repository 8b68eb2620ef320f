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
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { gridOf, gridsOf, tempDir } from "../support/files";
import { attendanceInTwoRows, secondSessionOnFirstDay, votesInTwoBlocks } from "../support/layouts";

/** The demo, with its second session moved to the first one's day (two sessions on 2026-01-08). */
async function demo(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  secondSessionOnFirstDay(wb);
  return wb;
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
