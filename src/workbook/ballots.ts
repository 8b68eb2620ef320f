/**
 * 测评票: the two printable blank ballots of 民主评议, built from the roster — 党员互评测评票
 * (优秀/合格/基本合格/不合格) and 群众评议测评票 (满意/比较满意/基本满意/不满意). One row per 参评
 * member (预备党员 marked 不评定等次，供参考, or left out by a setting); 不参评 members are not on
 * them. Each form is A4 portrait and starts on a page of its own; a long roster continues on
 * further pages with the table's header row written again at the top of each (a sheet has one
 * set of print-title rows, and the two forms have different headers, so the repeat is written,
 * not left to print titles). Ballots are anonymous: nothing on them names the voter.
 */
import { a1 } from "../core/address";
import { onBallot } from "../core/rules";
import type { Settings } from "../core/settings";
import { GRADES, MASS_LEVELS, type Member, type Period, PERIODS } from "../core/types";
import { draftTitle } from "../messages/zh-CN";
import { type CellValue, safeText } from "./cells";
import { pageHeaderOf } from "./output";
import { BALLOT_SHEET, type BallotKind, MASS_TALLY_SHEET_NAME, PEER_TALLY_SHEET_NAME } from "./layout";
import type { FreeSheet, PrintSpec } from "./sheetdoc";
import type { TemplateSheet } from "./template";
import { Doc, LINE_POINTS, wrappedLines } from "./yearend";

/** 序号, 编号, 姓名, the four mark boxes, 意见建议. */
export const BALLOT_WIDTHS = [4, 7, 16, 8, 8, 8, 8, 17];
const COLS = BALLOT_WIDTHS.length;
/** Points: a member's row (room for a tick), the header row. */
const ROW_POINTS = 18;
const HEADER_POINTS = 24;
/**
 * What one A4 portrait page holds below the page header, in points: 11.69 in minus the top and
 * bottom margins (0.75 in each) is 733 pt; a little is kept back for the printer's own rounding.
 */
const PAGE_POINTS = 700;


export interface BallotOptions {
  /** The period the ballots are for (the --period option, else 参数设置's 考评期). */
  readonly period: Period;
  /** 错误 in the roster or settings the ballots are built from: > 0 marks them 草稿. */
  readonly errors: number;
}

/** The members on a ballot: the 参评 ones, 预备党员 unless the setting leaves them out. */
export function ballotMembers(members: readonly Member[], settings: Settings): Member[] {
  return members.filter((m) => onBallot(settings, m));
}

const FORM_TITLE: Record<BallotKind, string> = { peer: "党员互评测评票", mass: "群众评议测评票" };

function instructions(kind: BallotKind, settings: Settings): string[] {
  const marks = kind === "peer" ? GRADES.join("、") : MASS_LEVELS.join("、");
  const cap =
    kind === "peer" && settings.excellentCap !== null
      ? `评为“优秀”的人数一般不超过参评党员的 ${settings.excellentCap.den === 100 ? `${settings.excellentCap.num}%` : `${settings.excellentCap.num}/${settings.excellentCap.den}`}。`
      : "";
  return [
    `1. 请对每名党员在“${marks}”中选一项，在对应格内打“√”；不选视为弃权。${cap}`,
    "2. 本票不记名，请勿在票上书写本人姓名或作任何标记；“意见建议”可填可不填。",
    "3. 标明“预备党员”的，其评议结果供参考，不评定等次。填好后投入票箱。",
  ];
}

/** Writes one form at `top`; returns the rows that start a new page within it (one-based). */
function writeBallot(d: Doc, kind: BallotKind, members: readonly Member[], settings: Settings, o: BallotOptions, top: number): number[] {
  const breaks: number[] = [];
  const marks: readonly string[] = kind === "peer" ? GRADES : MASS_LEVELS;
  let row = top;
  const draft = o.errors > 0 ? "（草稿）" : "";

  d.set(row, 0, `${safeText(settings.branchName) || "党支部"}民主评议党员${FORM_TITLE[kind]}${draft}`);
  d.merge(row, 0, 1, COLS);
  d.style(row, 0, 1, COLS, "title");
  d.align(row, 0, 1, COLS, { horizontal: "center", vertical: "middle" });
  d.height(row, 28);
  row += 1;
  d.set(row, 0, `${settings.year}年 ${o.period}`);
  d.merge(row, 0, 1, COLS);
  d.align(row, 0, 1, COLS, { horizontal: "center", vertical: "middle" });
  d.height(row, 20);
  row += 1;
  let used = 28 + 20;
  const width = BALLOT_WIDTHS.reduce((a, b) => a + b, 0);
  for (const line of instructions(kind, settings)) {
    d.set(row, 0, line);
    d.merge(row, 0, 1, COLS);
    d.style(row, 0, 1, COLS, "paragraph");
    const points = wrappedLines(line, width) * LINE_POINTS + 2;
    d.height(row, points);
    used += points;
    row += 1;
  }
  // The 票号 box, top right: filled in by the counting team, so that a ballot typed into 计票
  // can be found again on paper.
  d.set(row, COLS - 2, "票号");
  d.style(row, COLS - 2, 1, 1, "label");
  d.style(row, COLS - 1, 1, 1, "value");
  d.height(row, 24);
  used += 24;
  row += 1;

  const header = (): void => {
    d.row(row, 0, ["序号", "编号", "姓名", ...marks, "意见建议"]);
    d.style(row, 0, 1, COLS, "header");
    d.height(row, HEADER_POINTS);
    row += 1;
  };
  header();
  used += HEADER_POINTS;
  members.forEach((m, i) => {
    const probationary = m.category === "预备党员";
    const points = ROW_POINTS;
    if (used + points > PAGE_POINTS) {
      breaks.push(row + 1);
      header();
      used = HEADER_POINTS;
    }
    // A 预备党员 is on the ballot for reference: the name says 预备党员 and the 意见建议 cell
    // starts with 不评定等次，供参考 (the voter writes after it).
    const name: CellValue = probationary ? `${safeText(m.name)}（预备党员）` : safeText(m.name);
    d.row(row, 0, [i + 1, safeText(m.id), name]);
    if (probationary) d.set(row, 3 + marks.length, "不评定等次，供参考");
    d.style(row, 0, 1, 3, "value");
    d.style(row, 3, 1, marks.length, "value");
    d.style(row, 3 + marks.length, 1, 1, "text");
    d.align(row, 0, 1, 2, { horizontal: "center", vertical: "middle" });
    d.height(row, points);
    used += points;
    row += 1;
  });
  return breaks;
}

/**
 * 测评票 as a free sheet: the sheet's title row (not printed), then the 党员互评 form, then the
 * 群众评议 form on a new page.
 */
export function ballotFormsSheet(members: readonly Member[], settings: Settings, o: BallotOptions): FreeSheet {
  const d = new Doc();
  const on = ballotMembers(members, settings);
  const branch = settings.branchName ? `${safeText(settings.branchName)} ` : "";
  const title = `${o.errors > 0 ? `${draftTitle(o.errors)} — ` : ""}${BALLOT_SHEET.name} — ${branch}${settings.year}年 ${o.period}（党员互评、群众评议各一式，${on.length} 人）`;
  d.set(0, 0, title);
  d.style(0, 0, 1, 1, "title");
  d.height(0, 24);
  const start = 2;
  d.padTo(start);
  const breaks = writeBallot(d, "peer", on, settings, o, start);
  const massTop = d.length + 1;
  d.padTo(massTop);
  breaks.push(massTop + 1, ...writeBallot(d, "mass", on, settings, o, massTop));
  const print: PrintSpec = {
    orientation: "portrait",
    area: `${a1(start, 0)}:${a1(d.length - 1, COLS - 1)}`,
    rowBreaks: breaks,
    fitToWidth: true,
    header: `${pageHeaderOf({ ...settings, period: o.period }, { final: o.errors === 0, errors: o.errors })} ${BALLOT_SHEET.name}`,
    // A page break before each page but the first: the total is known, and written out (see PAGE_FOOTER).
    footer: `第 &P 页，共 ${breaks.length + 1} 页`,
  };
  return d.sheet(BALLOT_SHEET.name, title, BALLOT_WIDTHS, print);
}

/**
 * 互评计票 and 群众计票, the input sheets the ballots are typed into: 期次 (blank = the period in
 * 参数设置), 票号 (from the paper ballot, to find it again), then one column per member on the
 * ballot headed `编号 姓名`, with the four marks as a drop-down. One row per ballot; nothing
 * names the voter. The header row and the first two columns stay in view while she types.
 */
export function tallySheets(members: readonly Member[], settings: Settings): TemplateSheet[] {
  const on = ballotMembers(members, settings);
  const sheet = (name: string, marks: readonly string[]): TemplateSheet => ({
    name,
    guidance: `每张选票一行：按票上所选，在每名党员一列下选 ${marks.join("、")}，空白为弃权；期次留空为本次考评期，票号照抄纸质票。`,
    columns: [
      { header: "期次", width: 8, note: "上半年 或 年终；留空为参数设置中的考评期", list: PERIODS },
      { header: "票号", width: 8, note: "纸质测评票上的票号（可不填），便于核对；每张票填一行" },
      ...on.map((m) => {
        const header = `${safeText(m.id)} ${safeText(m.name)}`;
        return { header, width: Math.max(9, wrappedWidth(header)), note: `${marks.join(" / ")}；空白为弃权`, list: marks };
      }),
    ],
    rows: [],
    // 期次 and 票号 stay in view while she types, and print on every page of a wide roster.
    freezeCols: 2,
    titleColumns: 2,
  });
  return [sheet(PEER_TALLY_SHEET_NAME, GRADES), sheet(MASS_TALLY_SHEET_NAME, MASS_LEVELS)];
}

/** A header's width in characters (a CJK character is two), plus a little room. */
function wrappedWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) >= 0x2000 ? 2 : 1;
  return Math.min(20, units + 2);
}
