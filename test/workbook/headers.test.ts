/**
 * Headers never clipped: every header cell of every sheet the tool writes gets the row height
 * its wrapped text needs. LibreOffice prints a row at its stored height (the default when none
 * is stored) and Excel does not grow a row it was given a height for, so 年度总结's 缺席/未填 in
 * a 7-character column printed half.
 *
 * The estimate here is the test's own, not the writer's (wrappedLines): a CJK character is two
 * widths of "0" and other characters one; a line holds the column's width less one character of
 * padding; a line of 11-point text needs 14 points.
 */
import { buildRollup } from "../../src/workbook/rollup";
import { ballotFormsSheet } from "../../src/workbook/ballots";
import type { CellValue } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { runEngine } from "../../src/workbook/engine";
import { describeOutput } from "../../src/workbook/output";
import type { FreeSheet } from "../../src/workbook/sheetdoc";
import { templateGrid } from "../../src/workbook/template";

/** Excel's default row height in points. */
const DEFAULT_ROW = 15;
const POINTS_PER_LINE = 14;

function linesNeeded(text: string, width: number): number {
  let lines = 0;
  for (const para of text.split("\n")) {
    let units = 0;
    for (const ch of para) units += /[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 2 : 1;
    lines += Math.max(1, Math.ceil(units / (width - 1)));
  }
  return lines;
}

/** Header cells whose lines do not fit their row: "sheet A3 缺席/未填: 2 lines in 15 pt". */
function clipped(sheet: FreeSheet): string[] {
  const heights = new Map(sheet.rowHeights.map((h) => [h.row, h.points]));
  const out: string[] = [];
  for (const st of sheet.styles.filter((s) => s.style === "header")) {
    for (let r = st.rect.row; r < st.rect.row + st.rect.rows; r++) {
      for (let c = st.rect.col; c < st.rect.col + st.rect.cols; c++) {
        const v: CellValue | undefined = sheet.cells[r]?.[c];
        if (typeof v !== "string" || v === "") continue;
        const merge = sheet.merges.find((m) => m.row <= r && r < m.row + m.rows && m.col === c);
        let width = 0;
        for (let k = c; k < c + (merge ? merge.cols : 1); k++) width += sheet.widths[k] ?? 8.43;
        const lines = linesNeeded(v, width);
        const points = heights.get(r) ?? DEFAULT_ROW;
        if (lines * POINTS_PER_LINE > points) out.push(`${sheet.name} R${r + 1}C${c + 1} ${v}: ${lines} lines in ${points} pt`);
      }
    }
  }
  return out;
}

const demoSheets = (): { name: string; grid: CellValue[][] }[] => demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) }));

test("every header cell of every output sheet of the computed demo fits its row", () => {
  const run = runEngine(demoSheets(), { fallbackYear: 2026 });
  const sheets = run.outputs.map((o) => describeOutput(o, "示例"));
  expect(sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"]));
  // The test sees the header cells it judges: 缺席/未填 among them, in its narrow column.
  expect(sheets.flatMap((s) => s.styles.filter((st) => st.style === "header")).length).toBeGreaterThan(5);
  expect(sheets.find((s) => s.name === "年度总结")?.cells.some((r) => r.includes("缺席/未填"))).toBe(true);
  expect(sheets.flatMap(clipped)).toEqual([]);
});

test("the ballots and the roll-up's tables too", () => {
  const run = runEngine(demoSheets(), { fallbackYear: 2026 });
  const ballots = ballotFormsSheet(run.parsed.input.members, run.result.settings, { period: "年终", errors: 0 });
  const rollup = buildRollup([{ file: "示例.xlsx", run: { refused: run.refused, result: run.result, issues: run.issues, verdict: run.verdict } }]);
  const sheets = [ballots, ...rollup.sheets.map((o) => describeOutput(o, rollup.pageHeader))];
  expect(sheets.flatMap(clipped)).toEqual([]);
});

test("the test's estimate would catch the clipped header it was written for", () => {
  // 缺席/未填 in 年度总结's 7-character column at the default height.
  const sheet: FreeSheet = {
    kind: "free",
    name: "x",
    title: "x",
    widths: [7],
    cells: [["缺席/未填"]],
    numFmts: [],
    merges: [],
    styles: [{ rect: { row: 0, col: 0, rows: 1, cols: 1 }, style: "header" }],
    rowHeights: [],
    charts: [],
    freezeRows: 0,
    print: { orientation: "portrait", rowBreaks: [], fitToWidth: true, header: "" },
  };
  expect(clipped(sheet)).toEqual(["x R1C1 缺席/未填: 2 lines in 15 pt"]);
});
