/**
 * The year-end figures (src/core/yearend.ts) → two free sheets, cell by cell:
 * - 年度总结: 一 支部概况, 二 等次分布 (+ a bar chart), 三 各次学习出勤 (+ a line chart of 出勤率),
 *   四 党员个人总结, one line per roster member;
 * - 推荐表: one A4 portrait 优秀共产党员推荐表 per nominee, a page each.
 * Both hosts write exactly these cells; only the add-in draws the charts.
 */
import { dateFromDay } from "../core/dates";
import { ratioToText } from "../core/numbers";
import { deedsDraft, DISTRIBUTION_GRADES, type MemberYear, monthCellText, nominationWords, pledgeWords, type YearEnd } from "../core/yearend";
import { a1 } from "../core/address";
import { type CellValue, safeText } from "./cells";
import { FORMS_SHEET, YEAR_SUMMARY_SHEET } from "./layout";
import type { AlignRect, CellStyle, ChartSpec, FormatRect, FreeSheet, PrintSpec, Rect, StyledRect } from "./sheetdoc";


const PCT = "0.0%";
const SCORE = "0.00";
const WHOLE = "0";
const DATE = "yyyy-mm-dd";

/** A free sheet under construction: cells and the rectangles of looks, formats and merges. */
export class Doc {
  readonly cells: CellValue[][] = [];
  readonly merges: Rect[] = [];
  readonly styles: StyledRect[] = [];
  readonly numFmts: FormatRect[] = [];
  readonly aligns: AlignRect[] = [];
  readonly heights: { row: number; points: number }[] = [];

  /**
   * Text is cleaned of control characters and is never a formula (hosts write values); empty
   * text is a blank cell, as a host reads it back.
   */
  set(row: number, col: number, v: CellValue): void {
    while (this.cells.length <= row) this.cells.push([]);
    const r = this.cells[row] as CellValue[];
    while (r.length < col) r.push(null);
    const text = typeof v === "string" ? safeText(v) : null;
    r[col] = text === null ? v : text === "" ? null : text;
  }

  /** Values along a row from `col`. */
  row(row: number, col: number, values: readonly CellValue[]): void {
    values.forEach((v, i) => this.set(row, col + i, v));
  }

  style(row: number, col: number, rows: number, cols: number, style: CellStyle): void {
    if (rows > 0 && cols > 0) this.styles.push({ rect: { row, col, rows, cols }, style });
  }

  fmt(row: number, col: number, rows: number, cols: number, numFmt: string): void {
    if (rows > 0 && cols > 0) this.numFmts.push({ rect: { row, col, rows, cols }, numFmt });
  }

  merge(row: number, col: number, rows: number, cols: number): void {
    this.merges.push({ row, col, rows, cols });
  }

  align(row: number, col: number, rows: number, cols: number, a: Omit<AlignRect, "rect">): void {
    this.aligns.push({ rect: { row, col, rows, cols }, ...a });
  }

  height(row: number, points: number): void {
    this.heights.push({ row, points });
  }

  /** Rows written so far (the next free row). */
  get length(): number {
    return this.cells.length;
  }

  /** Pad with empty rows up to `row` (exclusive), so the next write starts there. */
  padTo(row: number): void {
    while (this.cells.length < row) this.cells.push([]);
  }

  /** The finished sheet: what was written, under this name, title, widths and print setup. */
  sheet(name: string, title: string, widths: readonly number[], print: PrintSpec, extra: Pick<FreeSheet, "charts"> = { charts: [] }): FreeSheet {
    return withHeaderHeights({
      kind: "free",
      name,
      title: safeText(title),
      mark: true,
      widths,
      cells: this.cells,
      numFmts: this.numFmts,
      merges: this.merges,
      styles: this.styles,
      aligns: this.aligns,
      rowHeights: this.heights,
      ...extra,
      freezeRows: 0,
      print,
    });
  }
}

function periodText(ye: YearEnd): string {
  const s = ye.settings;
  return s.period === "上半年" ? `${s.year}年1月1日至6月30日（上半年）` : `${s.year}年1月1日至12月31日（年终）`;
}

/** The page header, as on the table sheets: "<支部> <年>年 <考评期> <表名>". */
// ------------------------------------------------------------------------------- 年度总结

/** Columns A–L: 四's twelve columns set the grid; 一, 二 and 三 fit into it. */
const SUMMARY_WIDTHS = [10, 10, 11, 7, 9, 7, 8, 9, 7, 10, 9, 28];
/** The charts' height in rows (they sit below the last row, over empty cells). */
const CHART_ROWS = 16;

interface Figure {
  readonly label: string;
  readonly value: number | null;
  readonly numFmt: string;
  readonly note: string;
}

function figures(ye: YearEnd): Figure[] {
  const b = ye.branch;
  const s = ye.settings;
  const n = (label: string, value: number | null, note = ""): Figure => ({ label, value, numFmt: WHOLE, note });
  const p = (label: string, value: number | null, note: string): Figure => ({ label, value, numFmt: PCT, note });
  const excluded = ye.members
    .filter((m) => !m.scored)
    .map((m) => `${m.result.member.name}${m.result.member.exclusionReason ? `：${m.result.member.exclusionReason}` : ""}`);
  const cap =
    b.excellentCap === null
      ? "优秀比例：不定比例"
      : `优秀名额上限 ${b.excellentCap} 人（${s.excellentCapBase === "all" ? "全体正式党员" : "评定等次"}人数的 ${s.excellentCap ? ratioToText(s.excellentCap) : ""}）`;
  const span = s.period === "上半年" ? "上半年" : "全年";
  const levels = b.awardsByLevel.map((l) => `${l.level || "未填级别"} ${l.count} 项`).join("、");
  const half = s.period === "上半年";
  return [
    n("党员总数（人）", b.members, "党员名册中的全部党员"),
    n("参评（人）", b.scored),
    n("不参评（人）", b.excluded, excluded.length > 0 ? excluded.join("；") : ""),
    n("计分人数（人）", b.scored, "参评党员均计算综合得分并排名（含预备党员）"),
    n("评定等次人数（人）", b.graded, "参评的正式党员；优秀比例以此为基数"),
    n("预备党员（人）", b.probationary, "计分排名，不评定等次"),
    n("优秀（人）", b.perGrade.优秀, cap),
    n("合格（人）", b.perGrade.合格),
    n("基本合格（人）", b.perGrade.基本合格),
    n("不合格（人）", b.perGrade.不合格),
    n("待定（人）", b.perGrade.待定, "综合得分与优秀比例分界线并列，待支委会确定"),
    n("学习次数（次）", b.sessions, `统计期间：${periodText(ye)}`),
    p(
      `${span}出勤率`,
      b.attendanceRate,
      b.attendanceRate === null ? "统计期间内没有学习场次" : `（出席+迟到）÷ 应到 = ${b.attended} ÷ ${b.expected}；应到 = 计分人数 × 学习次数`,
    ),
    n("承诺项数（项）", b.pledges.count, "计分党员在个人承诺表中的全部承诺"),
    n("其中完成（项）", b.pledges.done),
    n("其中基本完成（项）", b.pledges.mostly),
    n("其中未完成（项）", b.pledges.notDone),
    n("其中未填（项）", b.pledges.blank, "完成情况一栏未填写"),
    p("承诺完成率", b.pledgeRate, b.pledgeRate === null ? "没有承诺记录" : `完成项数 ÷ 承诺项数 = ${b.pledges.done} ÷ ${b.pledges.count}`),
    n("读书笔记（篇）", b.outputs.读书笔记, "活动记录中统计期间内的记录，下同"),
    n("心得体会（篇）", b.outputs.心得体会),
    n("建言献策（条）", b.outputs.建言献策, `${b.suggestionMembers} 名党员提出建言（计分 ${b.scored} 人）`),
    n("竞赛获奖（项）", b.awards, levels),
    n("支部表彰（人）", half ? null : b.branchNominees, half ? "上半年不产生表彰推荐" : `最终等次为优秀且承诺践诺不低于 ${s.nominationPledgeMin} 分的正式党员`),
    n(
      "推荐所级评选（人）",
      half ? null : b.instituteNominees,
      half ? "" : `名额为评定等次人数的 ${ratioToText(s.instituteRatio)}（至少 ${s.instituteMin} 名），按支部表彰顺序推荐；推荐表见“推荐表”工作表`,
    ),
  ];
}

/** 一's and 二's 说明: columns D to L, merged a row at a time. */
const NOTE_COL = 3;

/**
 * A 说明 cell of 一 or 二 over D:L, its row as tall as its wrapped text (the list of members
 * not scored can be long): LibreOffice prints a row at its stored height, and text taller
 * than its row would cross the row's lines.
 */
function noteCell(d: Doc, row: number, note: string): void {
  d.merge(row, NOTE_COL, 1, SUMMARY_WIDTHS.length - NOTE_COL);
  const lines = wrappedLines(note, SUMMARY_WIDTHS.slice(NOTE_COL).reduce((a, b) => a + b, 0));
  if (lines > 1) d.height(row, lines * LINE_POINTS + 4);
}

const MEMBER_HEADERS = ["编号", "姓名", "承诺项数", "完成", "基本完成", "未完成", "出勤率", "综合得分", "排名", "最终等次", "表彰", "践诺情况"];
const SESSION_HEADERS = ["日期", "出勤率", "学习内容", "应到", "出席", "迟到", "请假", "补学", "缺席/未填"];

function memberLine(m: MemberYear): CellValue[] {
  const r = m.result;
  const t = m.pledges;
  const c = (v: number): number | null => (m.scored ? v : null);
  return [
    r.member.id,
    r.member.name,
    c(t.count),
    c(t.done),
    c(t.mostly),
    c(t.notDone),
    m.attendanceRate,
    r.total,
    r.rank,
    r.final,
    m.nomination ? m.nomination.category : "",
    m.scored ? pledgeWords(m) : `不参评${r.member.exclusionReason ? `：${r.member.exclusionReason}` : ""}`,
  ];
}

/**
 * 年度总结 as a free sheet. `title` is row 1 (the draft line of a draft); `pageHeader` the first
 * part of the printed page header (pageHeaderOf in output.ts).
 *
 * Nothing on it speaks of the program: every explanation is a 说明 cell of a table (or is in
 * docs/yearend.md). The two charts are placed below the last row, over cells that hold
 * nothing: the add-in draws them there, and a host that cannot draw charts (exceljs) leaves no
 * empty block and no note in their place.
 */
export function yearSummarySheet(ye: YearEnd, title: string, pageHeader: string): FreeSheet {
  const d = new Doc();
  const width = SUMMARY_WIDTHS.length;
  d.set(0, 0, title);
  d.style(0, 0, 1, 1, "title");
  d.height(0, 24);

  // 一、支部概况: 项目 (A:B) | 数值 (C) | 说明 (D:L): the explanations are the table's column.
  let row = 2;
  d.set(row, 0, "一、支部概况");
  d.style(row, 0, 1, width, "section");
  row += 1;
  d.row(row, 0, ["项目", null, "数值", "说明"]);
  d.merge(row, 0, 1, 2);
  d.merge(row, NOTE_COL, 1, width - NOTE_COL);
  d.style(row, 0, 1, width, "header");
  row += 1;
  const items = figures(ye);
  const first = row;
  items.forEach((f, i) => {
    d.row(row, 0, [f.label, null, f.value, f.note || null]);
    d.merge(row, 0, 1, 2);
    noteCell(d, row, f.note);
    // One format rectangle per run of rows with the same format.
    const runStart = i === 0 || items[i - 1]?.numFmt !== f.numFmt;
    if (runStart) {
      let k = i;
      while (items[k + 1]?.numFmt === f.numFmt) k += 1;
      d.fmt(row, 2, k - i + 1, 1, f.numFmt);
    }
    row += 1;
  });
  d.style(first, 0, items.length, 2, "label");
  d.style(first, 2, items.length, 1, "value");
  d.style(first, NOTE_COL, items.length, width - NOTE_COL, "text");
  d.align(first, NOTE_COL, items.length, width - NOTE_COL, { vertical: "middle" });
  row += 1;

  // 二、等次分布: 等次 | 人数 | 占比 | 说明 (the basis of 占比, who is not graded).
  const charts: ChartSpec[] = [];
  d.set(row, 0, "二、等次分布");
  d.style(row, 0, 1, width, "section");
  row += 1;
  const gradeTop = row;
  d.row(row, 0, ["等次", "人数", "占比", "说明"]);
  d.merge(row, NOTE_COL, 1, width - NOTE_COL);
  d.style(row, 0, 1, width, "header");
  row += 1;
  const graded = ye.branch.graded;
  const gradeNotes = [`占比 = 人数 ÷ 评定等次人数（${graded} 人）`, `预备党员 ${ye.branch.probationary} 人计分但不评定等次，不参评 ${ye.branch.excluded} 人`];
  DISTRIBUTION_GRADES.forEach((g, i) => {
    const count = ye.branch.perGrade[g];
    d.row(row, 0, [g, count, graded > 0 ? count / graded : null, gradeNotes[i] ?? null]);
    noteCell(d, row, gradeNotes[i] ?? "");
    row += 1;
  });
  d.style(gradeTop + 1, 0, DISTRIBUTION_GRADES.length, 1, "label");
  d.style(gradeTop + 1, 1, DISTRIBUTION_GRADES.length, 2, "value");
  d.style(gradeTop + 1, NOTE_COL, DISTRIBUTION_GRADES.length, width - NOTE_COL, "text");
  d.align(gradeTop + 1, NOTE_COL, DISTRIBUTION_GRADES.length, width - NOTE_COL, { vertical: "middle" });
  d.fmt(gradeTop + 1, 1, DISTRIBUTION_GRADES.length, 1, WHOLE);
  d.fmt(gradeTop + 1, 2, DISTRIBUTION_GRADES.length, 1, PCT);
  row += 1;
  d.padTo(row);

  // 三、各次学习出勤: 日期 | 出勤率 | 学习内容 | 应到 | 出席 | 迟到 | 请假 | 补学 | 缺席/未填 (日期 and
  // 出勤率 side by side: they are the line chart's categories and series). 出勤率's formula is
  // in 一's 说明.
  const sec3 = row;
  d.set(row, 0, "三、各次学习出勤");
  d.style(row, 0, 1, width, "section");
  row += 1;
  const sessTop = row;
  let attendanceChart: Omit<ChartSpec, "at"> | null = null;
  if (ye.sessions.length === 0) {
    d.set(row, 0, "统计期间内没有学习场次（学习考勤表中没有本期日期的列）。");
    d.style(row, 0, 1, 1, "note");
    row += 2;
  } else {
    d.row(row, 0, SESSION_HEADERS);
    d.style(row, 0, 1, SESSION_HEADERS.length, "header");
    row += 1;
    for (const x of ye.sessions) {
      d.row(row, 0, [dateFromDay(x.date), x.rate, x.title, x.expected, x.present, x.late, x.leave, x.makeUp, x.absent]);
      row += 1;
    }
    const n = ye.sessions.length;
    const sum = (k: "expected" | "present" | "late" | "leave" | "makeUp" | "absent"): number => ye.sessions.reduce((a, x) => a + x[k], 0);
    d.row(row, 0, ["合计", ye.branch.attendanceRate, `${n} 次`, sum("expected"), sum("present"), sum("late"), sum("leave"), sum("makeUp"), sum("absent")]);
    d.style(sessTop + 1, 0, n + 1, SESSION_HEADERS.length, "value");
    d.style(row, 0, 1, 1, "label");
    d.fmt(sessTop + 1, 0, n, 1, DATE);
    d.fmt(sessTop + 1, 1, n + 1, 1, PCT);
    d.fmt(sessTop + 1, 3, n + 1, 6, WHOLE);
    row += 2;
    attendanceChart = { type: "line", title: "各次学习出勤率", data: { row: sessTop, col: 0, rows: 1 + n, cols: 2 } };
  }
  d.padTo(row);

  // 四、党员个人总结: one line per roster member, in roster order.
  const sec4 = row;
  d.set(row, 0, "四、党员个人总结");
  d.style(row, 0, 1, width, "section");
  row += 1;
  d.row(row, 0, MEMBER_HEADERS);
  d.style(row, 0, 1, MEMBER_HEADERS.length, "header");
  row += 1;
  const memTop = row;
  const wordsWidth = SUMMARY_WIDTHS[MEMBER_HEADERS.length - 1] as number;
  for (const m of ye.members) {
    const line = memberLine(m);
    d.row(row, 0, line);
    // A row keeps its stored height in some readers (LibreOffice): a wrapped 践诺情况 gets room.
    const words = line[line.length - 1];
    const lines = typeof words === "string" ? wrappedLines(words, wordsWidth) : 1;
    if (lines > 1) d.height(row, lines * LINE_POINTS + 2);
    row += 1;
  }
  const n = ye.members.length;
  if (n > 0) {
    d.style(memTop, 0, n, MEMBER_HEADERS.length - 1, "value");
    d.style(memTop, MEMBER_HEADERS.length - 1, n, 1, "text");
    // Centred like the short cells beside it: the row is as tall as its wrapped lines.
    d.align(memTop, MEMBER_HEADERS.length - 1, n, 1, { vertical: "middle" });
    d.fmt(memTop, 2, n, 4, WHOLE);
    d.fmt(memTop, 6, n, 1, PCT);
    d.fmt(memTop, 7, n, 1, SCORE);
    d.fmt(memTop, 8, n, 1, WHOLE);
  }

  // The charts, side by side one row below the last: over empty cells, so where they are not
  // drawn nothing is left blank between the tables.
  const chartRow = row + 1;
  const half = Math.floor(width / 2);
  charts.push({
    type: "bar",
    title: "等次分布（人）",
    data: { row: gradeTop, col: 0, rows: 1 + DISTRIBUTION_GRADES.length, cols: 2 },
    at: { row: chartRow, col: 0, rows: CHART_ROWS, cols: attendanceChart ? half : width },
  });
  if (attendanceChart) charts.push({ ...attendanceChart, at: { row: chartRow, col: half, rows: CHART_ROWS, cols: width - half } });

  const print: PrintSpec = {
    orientation: "portrait",
    rowBreaks: [sec3 + 1, sec4 + 1],
    fitToWidth: true,
    header: `${pageHeader} ${YEAR_SUMMARY_SHEET.name}`,
  };
  return d.sheet(YEAR_SUMMARY_SHEET.name, title, SUMMARY_WIDTHS, print, { charts });
}

// --------------------------------------------------------------------------------- 推荐表

/** Six columns, label | value three times: fits A4 portrait at 100%. */
const FORM_WIDTHS = [12, 16, 12, 16, 12, 16];
const FORM_COLS = FORM_WIDTHS.length;
/** The first form's first row (zero-based): row 1 is the sheet's title, row 2 blank. */
const FORM_START = 2;
const FIELD_ROW_POINTS = 24;
const OPINION_POINTS = 110;
/** 主要事迹 between these heights: a form must stay on one A4 page. */
const DEEDS_MIN_POINTS = 160;
const DEEDS_MAX_POINTS = 300;
export const SIGNATURE_LINE = "（盖章）        年    月    日";

/**
 * How many lines a wrapped text takes in a cell `width` characters wide: a CJK character is
 * about two widths of "0". An estimate, generous on purpose: clipped text on paper is worse
 * than a little white space.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = width - 2;
  let lines = 0;
  for (const para of text.split("\n")) {
    let units = 0;
    for (const ch of para) units += ch.charCodeAt(0) >= 0x2000 ? 2.1 : 1;
    lines += Math.max(1, Math.ceil(units / perLine));
  }
  return lines;
}

/** A line of wrapped text is about 15 points. */
export const LINE_POINTS = 15;

/**
 * The sheet with every header row tall enough for its wrapped text: a header cell's lines at
 * its width (a merged header: the merged columns' width) set the row's height, never below a
 * height the sheet already gives it. LibreOffice prints a row at its stored height and Excel
 * does not grow a row it was given a height for, so a 缺席/未填 in a narrow column printed half.
 */
export function withHeaderHeights(sheet: FreeSheet): FreeSheet {
  const need = new Map<number, number>();
  for (const st of sheet.styles) {
    if (st.style !== "header") continue;
    for (let r = st.rect.row; r < st.rect.row + st.rect.rows; r++) {
      for (let c = st.rect.col; c < st.rect.col + st.rect.cols; c++) {
        const v = sheet.cells[r]?.[c];
        if (typeof v !== "string" || v === "") continue;
        const m = sheet.merges.find((x) => x.row <= r && r < x.row + x.rows && x.col === c);
        let width = 0;
        for (let k = c; k < c + (m ? m.cols : 1); k++) width += sheet.widths[k] ?? 9;
        const lines = wrappedLines(v, width);
        if (lines > 1) need.set(r, Math.max(need.get(r) ?? 0, lines * LINE_POINTS + 4));
      }
    }
  }
  if (need.size === 0) return sheet;
  const heights = sheet.rowHeights.map((h) => ({ row: h.row, points: Math.max(h.points, need.get(h.row) ?? 0) }));
  const given = new Set(heights.map((h) => h.row));
  for (const [row, points] of need) if (!given.has(row)) heights.push({ row, points });
  heights.sort((a, b) => a.row - b.row);
  return { ...sheet, rowHeights: heights };
}

/** The 主要事迹 box's height, within bounds so that the form keeps to one page. */
function deedsPoints(text: string): number {
  const lines = wrappedLines(text, FORM_WIDTHS.slice(1).reduce((a, b) => a + b, 0));
  return Math.min(DEEDS_MAX_POINTS, Math.max(DEEDS_MIN_POINTS, lines * LINE_POINTS + 12));
}

/** Writes one form at `top`; returns the row after it. */
function writeForm(d: Doc, ye: YearEnd, m: MemberYear, top: number, draft: boolean): number {
  const r = m.result;
  const who = r.member;
  const s = ye.settings;
  let row = top;
  // A form is printed and handed in on its own page: a draft says so in its heading too.
  d.set(row, 0, draft ? "优秀共产党员推荐表（草稿）" : "优秀共产党员推荐表");
  d.merge(row, 0, 1, FORM_COLS);
  d.style(row, 0, 1, FORM_COLS, "title");
  d.align(row, 0, 1, FORM_COLS, { horizontal: "center", vertical: "middle" });
  d.height(row, 34);
  row += 1;

  const fieldTop = row;
  d.row(row, 0, ["推荐类别", m.nomination ? nominationWords(m.nomination.category) : "", null, null, "考评年度", `${s.year}年`]);
  d.merge(row, 1, 1, 3);
  row += 1;
  d.row(row, 0, ["姓名", who.name, "性别", who.gender || null, "出生年月", monthCellText(who.birth, false) || null]);
  row += 1;
  d.row(row, 0, ["入党时间", monthCellText(who.joinDate, true) || null, "岗位/职务", who.post || null, "党小组", who.group || null]);
  row += 1;
  d.row(row, 0, ["所在党支部", s.branchName || null, null, null, "编号", who.id]);
  d.merge(row, 1, 1, 3);
  row += 1;
  d.row(row, 0, ["综合得分", r.total, "排名", r.rank, "最终等次", r.final]);
  d.fmt(row, 1, 1, 1, SCORE);
  d.fmt(row, 3, 1, 1, '"第"0"名"');
  row += 1;
  for (let k = fieldTop; k < row; k++) d.height(k, FIELD_ROW_POINTS);
  for (let c = 0; c < FORM_COLS; c += 2) {
    d.style(fieldTop, c, row - fieldTop, 1, "label");
    d.style(fieldTop, c + 1, row - fieldTop, 1, "value");
  }
  d.align(fieldTop, 0, row - fieldTop, FORM_COLS, { horizontal: "center", vertical: "middle" });

  const box = (label: string, value: string, points: number, sign: boolean): void => {
    d.row(row, 0, [label, value || null]);
    d.merge(row, 1, 1, FORM_COLS - 1);
    d.style(row, 0, 1, 1, "label");
    d.style(row, 1, 1, FORM_COLS - 1, "text");
    d.align(row, 0, 1, 1, { horizontal: "center", vertical: "middle" });
    if (sign) d.align(row, 1, 1, FORM_COLS - 1, { horizontal: "right", vertical: "bottom" });
    d.height(row, points);
    row += 1;
  };
  const deeds = deedsDraft(ye, m);
  box("主要事迹", deeds, deedsPoints(deeds), false);
  box("党支部意见", SIGNATURE_LINE, OPINION_POINTS, true);
  box("上级党组织意见", SIGNATURE_LINE, OPINION_POINTS, true);

  // Two short lines rather than one merged, wrapped cell: a note overflows to the right and
  // costs no merge (the add-in issues one command per merge).
  const notes = [
    `填表说明：1. “主要事迹”是依据本支部 ${s.year}年${s.period}考评数据整理的初稿，请核实、修改后使用。`,
    "2. 空白栏目请手工填写；党支部意见、上级党组织意见由相应党组织填写并盖章。",
  ];
  for (const line of notes) {
    d.set(row, 0, line);
    d.style(row, 0, 1, 1, "note");
    row += 1;
  }
  return row;
}

/** 推荐表 as a free sheet: a form per nominee, each starting a new page. */
export function nominationFormsSheet(ye: YearEnd, title: string, pageHeader: string, draft: boolean): FreeSheet {
  const d = new Doc();
  d.set(0, 0, title);
  d.style(0, 0, 1, 1, "title");
  d.height(0, 24);
  const breaks: number[] = [];
  let row = FORM_START;
  if (ye.nominees.length === 0) {
    const why =
      ye.settings.period === "上半年"
        ? "上半年不产生表彰推荐；年终考评后，此处为每名推荐人选生成一份优秀共产党员推荐表。"
        : `本考评期没有表彰推荐人选（最终等次为优秀且承诺践诺不低于 ${ye.settings.nominationPledgeMin} 分的正式党员方可推荐），因此没有推荐表。`;
    d.set(row, 0, why);
    d.style(row, 0, 1, 1, "note");
    row += 1;
  }
  ye.nominees.forEach((m, i) => {
    if (i > 0) breaks.push(row + 1);
    row = writeForm(d, ye, m, row, draft);
    // One blank row between forms on screen; the page break puts the next form on its own page.
    if (i < ye.nominees.length - 1) row += 1;
  });
  const last = d.length;
  const print: PrintSpec = {
    orientation: "portrait",
    ...(ye.nominees.length > 0 ? { area: `${a1(FORM_START, 0)}:${a1(last - 1, FORM_COLS - 1)}` } : {}),
    rowBreaks: breaks,
    fitToWidth: true,
    header: `${pageHeader} ${FORMS_SHEET.name}`,
    // A form a page: the footer numbers the forms. The total is written out, not &N, which
    // LibreOffice counts over the whole workbook.
    ...(ye.nominees.length > 0 ? { footer: `第 &P 份，共 ${ye.nominees.length} 份` } : {}),
  };
  return d.sheet(FORMS_SHEET.name, title, FORM_WIDTHS, print);
}
