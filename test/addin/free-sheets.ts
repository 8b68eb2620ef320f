/**
 * Free sheets built by hand for the add-in's writer tests, shaped like the real ones
 * (src/workbook/yearend.ts) but sized at will: forms of 20 rows with 8 merged areas each, and a
 * 年度总结-like sheet with a bar chart, a line chart over dates and a table of any length.
 */
import { a1 } from "../../src/core/address";
import type { CellValue } from "../../src/workbook/cells";
import { OUTPUT_MARK } from "../../src/workbook/layout";
import type { AlignRect, CellStyle, ChartSpec, FormatRect, FreeSheet, Rect } from "../../src/workbook/sheetdoc";

/** Text a secretary might type that Excel would otherwise take for a formula. */
export const HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "@x", "-2+3", "=1+1"] as const;

class Builder {
  readonly cells: CellValue[][] = [];
  readonly merges: Rect[] = [];
  readonly styles: { rect: Rect; style: CellStyle }[] = [];
  readonly numFmts: FormatRect[] = [];
  readonly aligns: AlignRect[] = [];
  readonly rowHeights: { row: number; points: number }[] = [];

  set(row: number, col: number, v: CellValue): void {
    const r = (this.cells[row] ??= []);
    while (r.length < col) r.push(null);
    r[col] = v;
  }
  row(row: number, values: readonly CellValue[]): void {
    values.forEach((v, c) => this.set(row, c, v));
  }
  style(row: number, col: number, rows: number, cols: number, style: CellStyle): void {
    this.styles.push({ rect: { row, col, rows, cols }, style });
  }
  merge(row: number, col: number, rows: number, cols: number): void {
    this.merges.push({ row, col, rows, cols });
  }
  fmt(row: number, col: number, rows: number, cols: number, numFmt: string): void {
    this.numFmts.push({ rect: { row, col, rows, cols }, numFmt });
  }
  height(row: number, points: number): void {
    this.rowHeights.push({ row, points });
  }
  padTo(rows: number): void {
    while (this.cells.length < rows) this.cells.push([]);
    for (let r = 0; r < this.cells.length; r++) this.cells[r] ??= [];
  }
}

export const FORM_ROWS = 20;
const FORM_COLS = 6;

/** `n` forms of 20 rows each (the last row blank), 8 merged areas a form, a page break before each but the first. */
export function formsSheet(n: number, name = "推荐表"): FreeSheet {
  const b = new Builder();
  const breaks: number[] = [];
  for (let i = 0; i < n; i++) {
    const top = i * FORM_ROWS;
    if (i > 0) breaks.push(top + 1);
    b.set(top, 0, i === 0 ? `推荐表 ${OUTPUT_MARK}` : "优秀共产党员推荐表");
    b.merge(top, 0, 1, FORM_COLS);
    b.style(top, 0, 1, FORM_COLS, "title");
    b.aligns.push({ rect: { row: top, col: 0, rows: 1, cols: FORM_COLS }, horizontal: "center", vertical: "middle" });
    b.height(top, 34);
    const f = top + 1;
    b.row(f, ["推荐类别", "所级推荐", null, null, "考评年度", "2010年"]);
    b.merge(f, 1, 1, 3);
    b.row(f + 1, ["姓名", `党员${i + 1}`, "性别", i % 2 ? "女" : "男", "出生年月", "1980年5月"]);
    b.row(f + 2, ["入党时间", new Date(Date.UTC(2001, 6, 1)), "岗位/职务", "研究员", "党小组", "第一小组"]);
    b.row(f + 3, ["所在党支部", "第一党支部", null, null, "编号", `D${String(i + 1).padStart(4, "0")}`]);
    b.merge(f + 3, 1, 1, 3);
    b.row(f + 4, ["综合得分", 95.5 - (i % 10) / 10, "排名", i + 1, "最终等次", "优秀"]);
    b.fmt(f + 4, 1, 1, 1, "0.00");
    b.fmt(f + 4, 3, 1, 1, '"第"0"名"');
    b.fmt(f + 2, 1, 1, 1, "yyyy\"年\"m\"月\"");
    for (let c = 0; c < FORM_COLS; c += 2) {
      b.style(f, c, 5, 1, "label");
      b.style(f, c + 1, 5, 1, "value");
    }
    b.aligns.push({ rect: { row: f, col: 0, rows: 5, cols: FORM_COLS }, horizontal: "center", vertical: "middle" });
    for (let k = f; k < f + 5; k++) b.height(k, 22);
    b.set(top + 6, 0, "主要事迹");
    b.merge(top + 6, 0, 1, FORM_COLS);
    b.style(top + 6, 0, 1, FORM_COLS, "section");
    b.set(top + 7, 0, `该同志全年出勤率 ${90 + (i % 10)}%，按期完成个人承诺 3 项，群众满意率 95%。`.repeat(3));
    b.merge(top + 7, 0, 6, FORM_COLS);
    b.style(top + 7, 0, 6, FORM_COLS, "text");
    for (const [row, label] of [
      [top + 13, "党支部意见"],
      [top + 15, "上级党组织意见"],
    ] as const) {
      b.row(row, [label, "（盖章）    年  月  日"]);
      b.merge(row, 1, 2, FORM_COLS - 1);
      b.style(row, 0, 2, 1, "label");
      b.style(row, 1, 2, FORM_COLS - 1, "text");
      b.aligns.push({ rect: { row, col: 1, rows: 2, cols: FORM_COLS - 1 }, horizontal: "right", vertical: "bottom" });
      b.height(row, 30);
      b.height(row + 1, 30);
    }
    b.set(top + 17, 0, "填表说明：主要事迹为初稿，请核实后使用。");
    b.merge(top + 17, 0, 1, FORM_COLS);
    b.style(top + 17, 0, 1, FORM_COLS, "note");
    // Text she typed that must stay text, and numbers that must stay numbers.
    b.row(top + 18, [HOSTILE[i % HOSTILE.length] as string, 12, "@备注", 0.5, "+86 10 1234", "-"]);
    b.style(top + 18, 0, 1, FORM_COLS, "value");
    b.fmt(top + 18, 3, 1, 1, "0.0%");
  }
  b.padTo(n * FORM_ROWS - 1);
  return {
    kind: "free",
    name,
    title: `推荐表 ${OUTPUT_MARK}`,
    widths: [12, 14, 10, 12, 10, 16],
    cells: b.cells,
    numFmts: b.numFmts,
    merges: b.merges,
    styles: b.styles,
    aligns: b.aligns,
    rowHeights: b.rowHeights,
    charts: [],
    freezeRows: 0,
    print: { orientation: "portrait", area: `A1:${a1(n * FORM_ROWS - 2, FORM_COLS - 1)}`, rowBreaks: breaks, fitToWidth: true, header: "第一党支部 2010年 年终 推荐表 & 附件" },
  };
}

export const GRADES = ["优秀", "合格", "基本合格", "不合格", "待定"] as const;
export const SESSIONS = 12;
/** Zero-based row of the member table's header in summarySheet. */
export const MEMBER_HEADER_ROW = 34;

/** A 年度总结-like sheet: figures, a grade table with a bar chart, sessions by date with a line chart, `members` member rows. */
export function summarySheet(members: number, name = "年度总结"): FreeSheet {
  const b = new Builder();
  const width = 10;
  const title = `年度总结 — 第一党支部 2010年 年终 ${OUTPUT_MARK}`;
  b.set(0, 0, title);
  b.style(0, 0, 1, 1, "title");
  b.height(0, 24);
  b.set(1, 0, "本表由考评助手生成。");
  b.style(1, 0, 1, 1, "note");
  b.set(2, 0, "一、等次分布");
  b.style(2, 0, 1, width, "section");
  b.row(3, ["等次", "人数", "占比"]);
  b.style(3, 0, 1, 3, "header");
  GRADES.forEach((g, i) => b.row(4 + i, [g, 10 - i * 2, (10 - i * 2) / 30]));
  b.style(4, 0, GRADES.length, 1, "label");
  b.style(4, 1, GRADES.length, 2, "value");
  b.fmt(4, 1, GRADES.length, 1, "0");
  b.fmt(4, 2, GRADES.length, 1, "0.0%");
  const charts: ChartSpec[] = [{ type: "bar", title: "等次分布（人）", data: { row: 3, col: 0, rows: 1 + GRADES.length, cols: 2 }, at: { row: 3, col: 4, rows: 12, cols: 6 } }];
  b.set(16, 0, "二、各次学习出勤");
  b.style(16, 0, 1, width, "section");
  b.row(17, ["日期", "出勤率", "学习内容"]);
  b.style(17, 0, 1, 3, "header");
  for (let k = 0; k < SESSIONS; k++) b.row(18 + k, [new Date(Date.UTC(2010, k, 20)), 0.7 + k / 50, k % 2 ? "党课" : "集中学习"]);
  b.style(18, 0, SESSIONS, 3, "value");
  b.fmt(18, 0, SESSIONS, 1, "yyyy-mm-dd");
  b.fmt(18, 1, SESSIONS, 1, "0.0%");
  charts.push({ type: "line", title: "各次学习出勤率", data: { row: 17, col: 0, rows: 1 + SESSIONS, cols: 2 }, at: { row: 17, col: 4, rows: 14, cols: 6 } });
  b.set(33, 0, "三、党员个人总结");
  b.style(33, 0, 1, width, "section");
  b.row(MEMBER_HEADER_ROW, ["编号", "姓名", "党员类别", "学习", "承诺践诺", "综合得分", "排名", "最终等次", "出勤", "说明"]);
  b.style(MEMBER_HEADER_ROW, 0, 1, width, "header");
  for (let m = 0; m < members; m++) {
    const total = 60 + ((m * 37) % 400) / 10;
    b.row(MEMBER_HEADER_ROW + 1 + m, [
      `D${String(m + 1).padStart(5, "0")}`,
      m === 0 ? HOSTILE[0] : `党员${m + 1}`,
      m % 9 === 0 ? "预备党员" : "正式党员",
      70 + (m % 30),
      80 + (m % 20),
      total,
      m + 1,
      total >= 90 ? "优秀" : "合格",
      0.8 + (m % 20) / 100,
      m % 5 === 0 ? "本年缺席 3 次，不评优秀" : null,
    ]);
  }
  if (members > 0) {
    b.style(MEMBER_HEADER_ROW + 1, 0, members, width, "value");
    b.style(MEMBER_HEADER_ROW + 1, width - 1, members, 1, "text");
    b.fmt(MEMBER_HEADER_ROW + 1, 3, members, 3, "0.00");
    b.fmt(MEMBER_HEADER_ROW + 1, 8, members, 1, "0.0%");
  }
  b.padTo(b.cells.length);
  return {
    kind: "free",
    name,
    title,
    widths: [10, 10, 10, 8, 8, 8, 6, 8, 8, 30],
    cells: b.cells,
    numFmts: b.numFmts,
    merges: [],
    styles: b.styles,
    aligns: [],
    rowHeights: b.rowHeights,
    charts,
    freezeRows: 1,
    print: { orientation: "landscape", titleRows: [MEMBER_HEADER_ROW + 1, MEMBER_HEADER_ROW + 1], rowBreaks: [17, 34], fitToWidth: true, header: "第一党支部 2010年 年终 年度总结" },
  };
}
