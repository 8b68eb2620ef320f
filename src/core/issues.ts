/**
 * Problems in the secretary's data are values, not exceptions (the Zod / HyperFormula way):
 * each has a code, a level, the sheet and A1 cell it is about, and the values involved. The
 * Chinese wording lives in src/messages/zh-CN.ts, produced from the code, so tests assert codes and
 * cells while the wording can be improved freely.
 */

import { parseA1 } from "./address";
import type { BallotKind, ComponentKey, Flag, FlagCode, Grade, MemberCategory, Period } from "./types";

export type IssueLevel = "错误" | "提示";

/** Which limit of LIMITS (src/workbook/limits.ts) a sheet went over. */
export type LimitKind = "members" | "rows" | "columns";

/** Why a row without 编号 could not be matched by its name. */
export type NameAmbiguity = "same_name" | "not_in_roster";

/**
 * A hint about a roster member that an unknown 编号's rows explain (src/workbook/collapse.ts):
 * the member's 学习考勤 row, 个人承诺 or 评议打分 row is there under a mistyped 编号, so the
 * member "has none" (attendance_missing_member, pledge_none, component_missing of 党员互评 or
 * 群众评议) and, without attendance, is flagged for a run of absences (flag_absence).
 */
export type UnknownFollow = "attendance" | "absence" | "pledges" | "peer" | "mass";

/** What a blank category is taken as: 党员类别 → 正式党员; 活动记录's 类别 → bonus only. */
export type BlankCategoryAssumption = "full_member" | "bonus_only";

/** A flag's numbers, without its code (the issue's code is the flag's). */
type FlagData<C extends FlagCode> = Omit<Extract<Flag, { code: C }>, "code">;

/** An issue that carries nothing but where it is. */
type NoParams = Readonly<Record<never, never>>;

/**
 * The values each issue code carries. Strings are the secretary's own data (a name, a cell's
 * text, a header, a sheet name, a setting's label) or cell addresses; anything the code chose
 * is a literal code or a number, worded in src/messages/zh-CN.ts.
 */
export interface IssueParamsByCode {
  // workbook structure
  readonly sheet_missing: { readonly sheet: string };
  /** headers: the key headers a header row must have (from the layout). */
  readonly header_not_found: { readonly sheet: string; readonly headers: readonly string[]; readonly rows: number };
  readonly column_missing: { readonly column: string; readonly sheet: string };
  readonly column_ignored: { readonly header: string };
  readonly output_sheet_foreign: { readonly sheet: string };
  readonly roster_empty: NoParams;
  /**
   * 合计 / 出勤率 / 平均 / 小计 rows (no member's row) skipped in a sheet: cells are the label
   * cells, labels what they say, both joined with 、 as the sheet shows them.
   */
  readonly summary_rows_skipped: { readonly cells: string; readonly labels: string; readonly count: number };
  readonly limit_exceeded: { readonly what: LimitKind; readonly value: number; readonly max: number };
  // keys and matching
  readonly id_blank: { readonly name: string };
  readonly id_duplicate: { readonly id: string; readonly first: string };
  readonly name_blank: { readonly id: string };
  readonly name_mismatch: { readonly id: string; readonly name: string; readonly rosterName: string };
  readonly name_ambiguous: { readonly name: string; readonly reason: NameAmbiguity };
  /**
   * One unknown 编号, however many rows name it (src/workbook/collapse.ts): places are all of
   * them as "sheet!A1", the issue's own cell first. rosterId/rosterName: the one roster member
   * whose 姓名 the rows give (a suggestion), else null; rosterRow: the 党员名册 row of that name
   * ignored for a blank 编号, else null; follows: the member's hints these rows explain, folded in.
   */
  readonly unknown_member: {
    readonly id: string;
    readonly name: string;
    readonly places: readonly string[];
    readonly rosterId: string | null;
    readonly rosterName: string | null;
    readonly rosterRow: string | null;
    readonly follows: readonly UnknownFollow[];
  };
  /** key: the row's key as shown (a setting's label, or 编号 and 姓名). */
  readonly row_duplicate: { readonly key: string; readonly first: string };
  // cell values
  readonly not_a_number: { readonly value: string; readonly column: string };
  readonly fullwidth_digits: { readonly value: string; readonly column: string };
  /** allowed: the drop-down list's values, joined as the list shows them. */
  readonly not_in_list: { readonly value: string; readonly column: string; readonly allowed: string };
  readonly vote_negative: { readonly value: number; readonly column: string };
  readonly vote_fraction: { readonly value: number; readonly column: string };
  /**
   * Every vote row of one sheet whose 互评 votes outnumber the voters, in one issue
   * (src/workbook/collapse.ts): names, counts and cells (A1 in the issue's sheet) go together.
   * rosterRows: 党员名册 rows ignored (blank or repeated 编号) that may explain it, as "sheet!A1".
   */
  readonly vote_count_high: {
    readonly names: readonly string[];
    readonly counts: readonly number[];
    readonly cells: readonly string[];
    readonly voters: number;
    readonly rosterRows: readonly string[];
  };
  readonly date_invalid: { readonly value: string; readonly column: string };
  /** 入党时间 / 出生年月 that is no year and month: kept as typed, computed with nowhere. */
  readonly year_month_unreadable: { readonly value: string; readonly column: string };
  /** A number like 2001.1: January, or October with Excel's trailing zero dropped (2001.10). */
  readonly year_month_ambiguous: { readonly value: string; readonly column: string; readonly year: number };
  readonly date_outside_year: { readonly date: string; readonly year: number; readonly column: string };
  readonly formula_error: { readonly value: string; readonly column: string };
  // settings
  readonly setting_invalid: { readonly label: string; readonly value: string; readonly default: string };
  /** min/max: the range as entered ("0%" for a ratio). */
  readonly setting_out_of_range: {
    readonly label: string;
    readonly value: string;
    readonly min: number | string;
    readonly max: number | string;
    readonly default: string;
  };
  readonly setting_unknown: { readonly label: string };
  /** labels: the settings' labels, joined. */
  readonly setting_missing: { readonly labels: string; readonly count: number };
  readonly setting_duplicate: { readonly label: string };
  /** weights: the four weights as entered, "30/30/25/15". */
  readonly weights_sum: { readonly sum: number; readonly weights: string };
  /** values: the three thresholds as entered, "90/70/60". */
  readonly thresholds_order: { readonly values: string };
  /** A vote value (互评/群众分值) above 评议票满分: the highest such value. */
  readonly vote_values_over_full_mark: { readonly fullMark: number; readonly highest: number };
  readonly year_inferred: { readonly year: number };
  // likely causes, listed first (LEADING_CODES)
  /**
   * Most sessions of 学习考勤 are outside 考评年度: outside of sessions in all, foundCount of
   * them in year found (the most frequent); inferred: 考评年度 was not filled in.
   */
  readonly likely_wrong_year: {
    readonly year: number;
    readonly found: number;
    readonly foundCount: number;
    readonly outside: number;
    readonly sessions: number;
    readonly inferred: boolean;
  };
  /**
   * Most rows of the other sheets name a 编号 not in 党员名册: unknown of rows, ids of them
   * (the first few, with idCount in all), rosterIds: the roster's first few 编号 for comparison.
   */
  readonly likely_wrong_roster: {
    readonly unknown: number;
    readonly rows: number;
    readonly ids: readonly string[];
    readonly idCount: number;
    readonly rosterIds: readonly string[];
  };
  // 学习考勤
  /** found: the session's own year. */
  readonly session_outside_year: { readonly header: string; readonly year: number; readonly found: number };
  readonly session_column_empty: { readonly header: string };
  /** cells: the first few blank cells' addresses, joined. */
  readonly mark_blank: { readonly name: string; readonly count: number; readonly cells: string };
  readonly mark_invalid: { readonly value: string; readonly name: string };
  readonly attendance_missing_member: { readonly id: string; readonly name: string };
  // 个人承诺 / 活动记录 / 评议打分
  readonly weight_invalid: { readonly value: string };
  readonly score_out_of_range: { readonly value: number };
  readonly completion_blank: { readonly name: string };
  readonly pledge_late: { readonly name: string; readonly date: string; readonly deadline: string };
  readonly pledge_none: { readonly name: string };
  readonly activity_no_date: { readonly name: string };
  readonly period_invalid: { readonly value: string };
  /**
   * 评议打分 has blocks side by side (the headers said again) and nothing says the period of
   * some: cells, every block's first header cell; unread, those of the blocks not read.
   */
  readonly vote_blocks_period_unknown: { readonly cells: string; readonly unread: string; readonly blocks: number };
  /** reasonCell: the 调整理由 cell, or the column's header when the sheet has none. */
  readonly override_without_reason: { readonly name: string; readonly grade: Grade; readonly reasonCell: string };
  readonly override_not_graded: { readonly name: string; readonly category: MemberCategory | "不参评" };
  readonly category_blank: { readonly name: string; readonly column: string; readonly assumed: BlankCategoryAssumption };
  readonly excluded_no_reason: { readonly name: string };
  // 互评计票 / 群众计票 (one row per ballot, one column per member)
  /** A column header that names no roster member; rosterName: its 编号's member when the 姓名 names another. */
  readonly ballot_header_unknown: { readonly header: string; readonly rosterName: string | null };
  /** A second column for one member: first is the first column's header cell. */
  readonly ballot_column_duplicate: { readonly header: string; readonly name: string; readonly first: string };
  /** Members on the ballot (参评) with no column in the sheet. */
  readonly ballot_members_missing: { readonly names: readonly string[]; readonly kind: BallotKind };
  /** A mark that is none of the kind's four: not counted for that member. */
  readonly ballot_mark_invalid: { readonly value: string; readonly name: string; readonly kind: BallotKind };
  /** 互评 ballots with more 优秀 than the cap: their first cells and 优秀 counts; void: 超比例选票 = 作废. */
  readonly ballots_over_cap: { readonly cells: readonly string[]; readonly counts: readonly number[]; readonly cap: number; readonly void: boolean };
  /** More ballots typed than the setting says were handed out: the kind's round is not used. */
  readonly ballots_over_issued: { readonly kind: BallotKind; readonly returned: number; readonly issued: number };
  /** More 互评 ballots than members on the roster. */
  readonly ballots_over_roster: { readonly returned: number; readonly members: number };
  /**
   * 评议打分 holds counts of a kind for a member that differ from the ballots' tally: both in
   * the kind's mark order; tallyCell: the member's column header in tallySheet.
   */
  readonly ballot_tally_conflict: {
    readonly name: string;
    readonly kind: BallotKind;
    readonly ballots: readonly number[];
    readonly typed: readonly number[];
    readonly tallySheet: string;
    readonly tallyCell: string;
  };
  // results
  /** who: the member's name, or null when nobody in the branch has the data. */
  readonly component_missing: { readonly component: ComponentKey; readonly who: string | null; readonly period: Period };
  /** Not a single 互评 or 群众 vote of the period (年终); sheetMissing: 评议打分 itself is missing. */
  readonly votes_missing: { readonly period: Period; readonly sheetMissing: boolean };
  readonly tie_at_cap: { readonly name: string; readonly total: number; readonly cap: number };
  readonly flag_mass: { readonly name: string } & FlagData<"flag_mass">;
  readonly flag_peer: { readonly name: string } & FlagData<"flag_peer">;
  readonly flag_absence: { readonly name: string } & FlagData<"flag_absence">;
}

export type IssueCode = keyof IssueParamsByCode;

/**
 * An issue of code C; `Issue` alone is the union of every code's, so a switch on `code`
 * narrows `params` to that code's values.
 */
export type Issue<C extends IssueCode = IssueCode> = {
  readonly [K in C]: {
    readonly code: K;
    readonly level: IssueLevel;
    readonly sheet: string;
    /** A1 address, or "" when the issue is about a whole sheet. */
    readonly cell: string;
    readonly params: IssueParamsByCode[K];
    /**
     * Set when the issue is in a row of the other 考评期 (a 上半年 row of 评议打分 while 年终 is
     * computed): it cannot touch this result, so it is listed as a 提示 saying so (see
     * outsidePeriod) and does not make the result a draft.
     */
    readonly outside?: Period;
  };
}[C];

export function issue<C extends IssueCode>(code: C, level: IssueLevel, sheet: string, cell: string, params: IssueParamsByCode[C]): Issue<C> {
  return { code, level, sheet, cell, params };
}

export const isError = (i: Issue): boolean => i.level === "错误";

/** An unknown 编号 in one row, as a parser finds it; collapse.ts gathers its other rows. */
export function unknownMember(sheet: string, cell: string, id: string, name: string): Issue<"unknown_member"> {
  return issue("unknown_member", "错误", sheet, cell, { id, name, places: [`${sheet}!${cell}`], rosterId: null, rosterName: null, rosterRow: null, follows: [] });
}

/** One vote row with more 互评 votes than voters, as the parser finds it; collapse.ts gathers the sheet's. */
export function voteCountHigh(sheet: string, cell: string, name: string, count: number, voters: number): Issue<"vote_count_high"> {
  return issue("vote_count_high", "提示", sheet, cell, { names: [name], counts: [count], cells: [cell], voters, rosterRows: [] });
}

/**
 * The likely cause of many issues at once (考评年度 wrong, a wrong roster): one 提示 that
 * sorts before every other row of 问题清单, so she reads the cause before its consequences.
 * A 提示, not an 错误: the rows it explains are listed and counted on their own already.
 */
export const LEADING_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(["likely_wrong_year", "likely_wrong_roster"]);

export const isLeading = (i: Issue): boolean => LEADING_CODES.has(i.code);

/**
 * An issue found in a row that belongs to another 考评期 than the one computed: a 错误 there
 * blocks nothing of this result, so it becomes a 提示 that says which period it is in.
 */
export function outsidePeriod(i: Issue, period: Period): Issue {
  return i.level === "错误" ? { ...i, level: "提示", outside: period } : i;
}

/**
 * Draft or final — the one rule every host shows (docs/scoring.md): a result is final when
 * no 错误 is left; an 错误 of another period's row is a 提示 already (outsidePeriod). A draft
 * is still computed and written, but marked 草稿 everywhere it shows.
 */
export interface Verdict {
  readonly final: boolean;
  /** The 错误 that make it a draft. */
  readonly errors: number;
}

export function verdictOf(issues: readonly Issue[]): Verdict {
  const errors = issues.filter(isError).length;
  return { final: errors === 0, errors };
}

/** An issue's cell as a position for sorting; no cell ("" — the whole sheet) comes before A1. */
function positionOf(cell: string): { row: number; col: number } {
  return parseA1(cell) ?? { row: -1, col: -1 };
}

/**
 * Likely causes first (LEADING_CODES), then errors, then sheets in workbook order, then
 * reading order inside a sheet. The sort is
 * stable, so issues on the same cell keep the order they were found in.
 */
export function sortIssues(issues: readonly Issue[], sheetOrder: readonly string[]): Issue[] {
  const sheetRank = (s: string): number => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  return issues
    .map((it, index) => ({ it, index, pos: positionOf(it.cell) }))
    .sort(
      (a, b) =>
        Number(isLeading(b.it)) - Number(isLeading(a.it)) ||
        (a.it.level === b.it.level ? 0 : a.it.level === "错误" ? -1 : 1) ||
        sheetRank(a.it.sheet) - sheetRank(b.it.sheet) ||
        a.pos.row - b.pos.row ||
        a.pos.col - b.pos.col ||
        a.index - b.index,
    )
    .map((x) => x.it);
}
