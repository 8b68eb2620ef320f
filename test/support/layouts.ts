/**
 * The demo's sheets laid out as branches lay them out (issue 12, item 6), on an exceljs
 * workbook the template wrote (guidance in row 1, header in TEMPLATE_HEADER_ROW): used by the
 * layout tests and by the .xls/.ods tests, which save such a branch with LibreOffice.
 */
import type ExcelJS from "exceljs";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { valuesOf } from "../reliability/corpus";

export const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** `name` replaced by a new sheet of the same name (at the end) holding `rows` from A1, values only. */
export function replaceSheet(wb: ExcelJS.Workbook, name: string, rows: readonly (readonly ExcelJS.CellValue[])[]): ExcelJS.Worksheet {
  wb.removeWorksheet(sheet(wb, name).id);
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => r.forEach((v, j) => {
    if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
  }));
  return ws;
}

/** The demo's second session moved to the first one's day: two sessions on 2026-01-08, so one date can be merged over both. */
export function secondSessionOnFirstDay(wb: ExcelJS.Workbook): void {
  sheet(wb, "学习考勤").getCell(TEMPLATE_HEADER_ROW, 4).value = "2026-01-08 组织生活会";
}

const utc = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * 学习考勤 with the date and topic of each "2026-01-08 专题学习" header in two rows (dates as date
 * cells): the dates in the 编号/姓名 row and the topics beneath (编号/姓名 merged over both
 * rows), or (`datesAbove`) the dates in a row above the 编号/姓名 row, which holds the topics.
 * The first date is merged over the first two sessions (see secondSessionOnFirstDay).
 */
export function attendanceInTwoRows(wb: ExcelJS.Workbook, datesAbove: boolean): void {
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

/**
 * 评议打分 as two blocks: 上半年 left, 年终 right, one blank column between, the headers said
 * again; either a merged title above each block and no 期次 column ("titles"), or a 期次 column
 * in each block.
 */
export function votesInTwoBlocks(wb: ExcelJS.Workbook, how: "titles" | "期次"): void {
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
