/**
 * 反馈单: the result told to each member (向本人反馈), one slip per 参评 member in roster
 * order — the four component scores, 奉献加分, 综合得分, 排名 of N, 建议等次 and 最终等次 with the
 * 支委会's 调整理由, both kinds of votes, what kept them from 优秀, the 提醒 in words, and a line
 * for the 支部书记's signature. Written at 年终, and at 上半年 when 反馈单-上半年 says so.
 *
 * Two slips to an A4 portrait page: the first padded to half the page, a cut line, the second,
 * a page break. Past FEEDBACK_MAX_SLIPS members the sheet holds one line saying why instead. Every line is one cell of plain text that runs on over the empty cells beside it, and
 * centred text is put in the middle one of seven equal columns: a slip has no merged cell. In
 * the add-in each merge is a command of its own, and at thousands of slips they cost round
 * trips; the row heights are few and alike, so they go in as a handful of commands too.
 */
import { a1 } from "../core/address";
import type { MemberYear, YearEnd } from "../core/yearend";
import { GRADES, MASS_LEVELS, type Reason } from "../core/types";
import { flagText, reasonText } from "../messages/reasons";
import { safeText } from "./cells";
import { FEEDBACK_SHEET } from "./layout";
import type { FreeSheet, PrintSpec } from "./sheetdoc";
import { Doc } from "./yearend";

/** Seven equal columns: the score table's label column and six scores; column D is the middle. */
export const FEEDBACK_WIDTHS = [11, 11, 11, 11, 11, 11, 11];
const COLS = FEEDBACK_WIDTHS.length;
const MIDDLE = 3;
/** A slip's lines of text are cut to this many width units (a CJK character is two). */
const LINE_UNITS = FEEDBACK_WIDTHS.reduce((a, b) => a + b, 0) - 3;
/** The first slip's row (zero-based): row 1 is the sheet's title, row 2 blank. */
const START = 2;

/** Row heights in points. Few and equal on purpose: rows of one height are one command. */
const HEADING_POINTS = 26;
const ROW_POINTS = 20;
const SIGN_POINTS = 30;
const CUT_POINTS = 24;
/** What an A4 portrait page holds below the page header (see ballots.ts). */
const PAGE_POINTS = 700;
/** The first slip's share of a page, the cut line below it. */
const HALF_POINTS = (PAGE_POINTS - CUT_POINTS) / 2;

export const FEEDBACK_HEADING = "民主评议党员结果反馈单";
export const CUT_LINE = "✂ - - - - - - - - - - - - - - 沿此线剪开 - - - - - - - - - - - - - -";
export const SIGN_LINE = "支部书记（签字）：________    日期：____年__月__日";
export const HALF_YEAR_NOTE = "上半年不生成反馈单，可在参数设置中开启（“反馈单-上半年”填“是”）。";
const SCORE = "0.00";

/**
 * The most slips one calculation writes. A 党支部 has at most a few dozen members (more than 50
 * and it is usually split), so real branches are far below this. Past it the slips are not
 * written and the sheet says why: at 5,000 members they would be about 8 MB of cells, three
 * more round trips of the add-in on top of 一键计算's six, for a roster no branch has.
 */
export const FEEDBACK_MAX_SLIPS = 1000;

/** Does this period have slips? 年终 always; 上半年 by the setting. */
export function feedbackWanted(ye: YearEnd): boolean {
  return ye.settings.period === "年终" || ye.settings.feedbackHalfYear;
}

/** Why the sheet has no slips, in one line (null: it has them). */
export function noSlipsNote(ye: YearEnd): string | null {
  if (!feedbackWanted(ye)) return HALF_YEAR_NOTE;
  const n = ye.members.filter((m) => m.scored).length;
  if (n === 0) return "本考评期没有参评党员，因此没有反馈单。";
  if (n > FEEDBACK_MAX_SLIPS) {
    return `参评党员 ${n} 人，超过反馈单一次生成的上限 ${FEEDBACK_MAX_SLIPS} 人，未生成反馈单；请按党支部（或党小组）分别建立工作簿计算。`;
  }
  return null;
}

/** The title's words after the sheet's name and period. */
export function feedbackTitleExtra(ye: YearEnd): string {
  const n = ye.members.filter((m) => m.scored).length;
  if (!feedbackWanted(ye)) return "（上半年不生成反馈单）";
  return noSlipsNote(ye) === null ? `（参评 ${n} 人，每人一份）` : `（参评 ${n} 人，未生成反馈单）`;
}

/** Text cut into lines of at most LINE_UNITS width units, for cells that do not wrap. */
export function cutLines(text: string, units = LINE_UNITS): string[] {
  const lines: string[] = [];
  let cur = "";
  let used = 0;
  for (const ch of text) {
    const w = ch.charCodeAt(0) >= 0x2000 ? 2.1 : 1;
    if (used + w > units && cur !== "") {
      lines.push(cur);
      cur = "";
      used = 0;
    }
    cur += ch;
    used += w;
  }
  if (cur !== "" || lines.length === 0) lines.push(cur);
  return lines;
}

const isGateOrCap = (r: Reason): boolean => r.code.startsWith("gate_") || r.code === "cap_tie" || r.code === "cap_over";

/** The slip's lines of running text below the score table, before the signature. */
function textLines(ye: YearEnd, m: MemberYear, scored: number): string[] {
  const r = m.result;
  const s = ye.settings;
  const lines: string[] = [`排名：第 ${r.rank ?? ""} 名 / 共 ${scored} 人    建议等次：${r.suggested}    最终等次：${r.final}`];
  for (const x of r.reasons) if (x.code === "override") lines.push(...cutLines(`支委会调整理由：${x.reason}`));
  const v = m.votes;
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  if (v) {
    const peer = GRADES.map((g) => v.peer[g]);
    const mass = MASS_LEVELS.map((g) => v.mass[g]);
    lines.push(`党员互评票：${GRADES.map((g, i) => `${g} ${peer[i] ?? 0} 票`).join("，")}（共 ${sum(peer)} 票）`);
    lines.push(`群众评议票：${MASS_LEVELS.map((g, i) => `${g} ${mass[i] ?? 0} 票`).join("，")}（共 ${sum(mass)} 票）`);
  } else {
    lines.push("党员互评票、群众评议票：本期没有评议票");
  }
  if (r.graded && r.final !== "优秀") {
    const why = r.reasons.filter(isGateOrCap).map((x) => reasonText(x));
    const overridden = r.reasons.some((x) => x.code === "override");
    if (why.length === 0 && !overridden && r.total !== null && r.total < s.thresholdExcellent) {
      why.push(`综合得分 ${r.total.toFixed(2)} 低于优秀分数线 ${s.thresholdExcellent} 分`);
    }
    if (why.length > 0) lines.push(...cutLines(`未评为优秀的原因：${why.join("；")}`));
  }
  lines.push(...cutLines(`提醒：${r.flags.length > 0 ? r.flags.map((f) => flagText(f)).join("；") : "无"}`));
  const notes = r.reasons.filter((x) => x.code !== "override" && !isGateOrCap(x)).map((x) => reasonText(x));
  if (notes.length > 0) lines.push(...cutLines(`说明：${notes.join("；")}`));
  return lines;
}

/** A slip's height in points: heading, the line under it, the score table, the text, the signature. */
const slipPoints = (lines: number): number => HEADING_POINTS + 3 * ROW_POINTS + lines * ROW_POINTS + SIGN_POINTS;

/** Writes one slip at `top`; returns the row after it. */
function writeSlip(d: Doc, ye: YearEnd, m: MemberYear, lines: readonly string[], top: number, draft: boolean): number {
  const r = m.result;
  const who = r.member;
  const s = ye.settings;
  let row = top;
  // A slip is cut off and handed over alone: a draft says so on the slip itself.
  d.set(row, MIDDLE, draft ? `${FEEDBACK_HEADING}（草稿）` : FEEDBACK_HEADING);
  d.style(row, MIDDLE, 1, 1, "title");
  d.align(row, MIDDLE, 1, 1, { horizontal: "center" });
  d.height(row, HEADING_POINTS);
  row += 1;
  const probationary = who.category === "预备党员" ? "（预备党员）" : "";
  d.set(row, 0, `${safeText(s.branchName) || "党支部"}    ${s.year}年 ${s.period}    姓名：${safeText(who.name)}${probationary}    编号：${safeText(who.id)}`);
  d.style(row, 0, 1, 1, "line");
  d.height(row, ROW_POINTS);
  row += 1;
  const c = r.components;
  d.row(row, 0, ["项目", "学习", "承诺践诺", "党员互评", "群众评议", "奉献加分", "综合得分"]);
  d.row(row + 1, 0, ["得分", c.study, c.pledge, c.peer, c.mass, r.bonus, r.total]);
  d.style(row, 0, 1, COLS, "label");
  d.style(row + 1, 0, 1, 1, "label");
  d.style(row + 1, 1, 1, COLS - 1, "value");
  d.fmt(row + 1, 1, 1, COLS - 1, SCORE);
  d.height(row, ROW_POINTS);
  d.height(row + 1, ROW_POINTS);
  row += 2;
  for (const line of lines) {
    d.set(row, 0, line);
    d.height(row, ROW_POINTS);
    row += 1;
  }
  d.style(row - lines.length, 0, lines.length, 1, "line");
  // Right-aligned in the last column: the text runs on leftwards over the empty cells.
  d.set(row, COLS - 1, SIGN_LINE);
  d.style(row, COLS - 1, 1, 1, "line");
  d.align(row, COLS - 1, 1, 1, { horizontal: "right" });
  d.height(row, SIGN_POINTS);
  return row + 1;
}

/**
 * 反馈单 as a free sheet. `title` is row 1 (with the draft line of a draft);
 * `pageHeader` the printed page header's first part (pageHeaderOf); `draft` puts （草稿） in
 * every slip's heading.
 */
export function feedbackSheet(ye: YearEnd, title: string, pageHeader: string, draft: boolean): FreeSheet {
  const d = new Doc();
  d.set(0, 0, title);
  d.style(0, 0, 1, 1, "title");
  d.height(0, 24);
  const note = noSlipsNote(ye);
  const slips = note === null ? ye.members.filter((m) => m.scored) : [];
  let row = START;
  if (note !== null) {
    d.set(row, 0, note);
    d.style(row, 0, 1, 1, "note");
  }
  const breaks: number[] = [];
  let onPage = 0;
  let used = 0;
  for (const m of slips) {
    const lines = textLines(ye, m, slips.length);
    const points = slipPoints(lines.length);
    // Two to a page, the cut line between; a slip too long to share a page starts a new one.
    if (onPage === 1 && Math.max(used, HALF_POINTS) + CUT_POINTS + points <= PAGE_POINTS) {
      // The first slip is padded to half the page, so the cut line halves the sheet of paper.
      if (used < HALF_POINTS) {
        d.padTo(row + 1);
        d.height(row, HALF_POINTS - used);
        row += 1;
        used = HALF_POINTS;
      }
      d.set(row, MIDDLE, CUT_LINE);
      d.style(row, MIDDLE, 1, 1, "note");
      d.align(row, MIDDLE, 1, 1, { horizontal: "center", vertical: "middle" });
      d.height(row, CUT_POINTS);
      row += 1;
      used += CUT_POINTS;
      onPage = 2;
    } else {
      if (onPage > 0) breaks.push(row + 1);
      onPage = 1;
      used = 0;
    }
    row = writeSlip(d, ye, m, lines, row, draft);
    used += points;
  }
  const print: PrintSpec = {
    orientation: "portrait",
    ...(slips.length > 0 ? { area: `${a1(START, 0)}:${a1(row - 1, COLS - 1)}` } : {}),
    rowBreaks: breaks,
    fitToWidth: true,
    header: `${pageHeader} ${FEEDBACK_SHEET.name}`,
    // The pages are known (a page break before each page but the first): the total is written
    // out, as LibreOffice's &N would count the whole workbook's pages.
    ...(slips.length > 0 ? { footer: `第 &P 页，共 ${breaks.length + 1} 页` } : {}),
  };
  return d.sheet(FEEDBACK_SHEET.name, title, FEEDBACK_WIDTHS, print);
}
