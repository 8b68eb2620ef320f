/**
 * Problems in the secretary's data are values, not exceptions (the Zod / HyperFormula way):
 * each has a code, a level, the sheet and A1 cell it is about, and the values involved. The
 * Chinese wording lives in messages.ts, produced from the code, so tests assert codes and
 * cells while the wording can be improved freely.
 */

import { parseA1 } from "./address";

export type IssueLevel = "错误" | "提示";

export type IssueCode =
  // workbook structure
  | "sheet_missing"
  | "header_not_found"
  | "column_missing"
  | "column_ignored"
  | "output_sheet_foreign"
  | "roster_empty"
  | "limit_exceeded"
  // keys and matching
  | "id_blank"
  | "id_duplicate"
  | "name_blank"
  | "name_mismatch"
  | "name_ambiguous"
  | "unknown_member"
  | "row_duplicate"
  // cell values
  | "not_a_number"
  | "fullwidth_digits"
  | "not_in_list"
  | "vote_negative"
  | "vote_fraction"
  | "vote_count_high"
  | "date_invalid"
  | "date_outside_year"
  | "formula_error"
  // settings
  | "setting_invalid"
  | "setting_out_of_range"
  | "setting_unknown"
  | "setting_missing"
  | "setting_duplicate"
  | "weights_sum"
  | "thresholds_order"
  | "year_inferred"
  // 学习考勤
  | "session_outside_year"
  | "session_column_empty"
  | "mark_blank"
  | "mark_invalid"
  | "attendance_missing_member"
  // 个人承诺 / 活动记录 / 评议打分
  | "weight_invalid"
  | "score_out_of_range"
  | "completion_blank"
  | "pledge_late"
  | "pledge_none"
  | "activity_no_date"
  | "period_invalid"
  | "override_without_reason"
  | "override_not_graded"
  | "category_blank"
  | "excluded_no_reason"
  // results
  | "component_missing"
  | "tie_at_cap"
  | "flag_mass"
  | "flag_peer"
  | "flag_absence";

export type IssueParams = Readonly<Record<string, string | number>>;

export interface Issue {
  readonly code: IssueCode;
  readonly level: IssueLevel;
  readonly sheet: string;
  /** A1 address, or "" when the issue is about a whole sheet. */
  readonly cell: string;
  readonly params: IssueParams;
}

export function issue(
  code: IssueCode,
  level: IssueLevel,
  sheet: string,
  cell: string,
  params: IssueParams = {},
): Issue {
  return { code, level, sheet, cell, params };
}

export const isError = (i: Issue): boolean => i.level === "错误";

/** An issue's cell as a position for sorting; no cell ("" — the whole sheet) comes before A1. */
function positionOf(cell: string): { row: number; col: number } {
  return parseA1(cell) ?? { row: -1, col: -1 };
}

/**
 * Errors first, then sheets in workbook order, then reading order inside a sheet. The sort is
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
        (a.it.level === b.it.level ? 0 : a.it.level === "错误" ? -1 : 1) ||
        sheetRank(a.it.sheet) - sheetRank(b.it.sheet) ||
        a.pos.row - b.pos.row ||
        a.pos.col - b.pos.col ||
        a.index - b.index,
    )
    .map((x) => x.it);
}
