/**
 * How much a workbook may hold. Beyond these, the tool refuses with a clear message instead
 * of running out of memory in the middle (a browser tab or Excel on the web would simply die).
 * 5,000 members × 104 sessions — a large institute — is well inside them.
 */
import { type Issue, issue } from "../core/issues";
import { READ_SHEETS } from "./layout";
import { findSheet, type SheetGrid } from "./parse";

export const LIMITS = {
  /** Data rows in any one input sheet (活动记录 grows fastest: members × events). */
  rows: 100_000,
  /** Columns in any one input sheet (学习考勤: one per session). */
  columns: 1_000,
  /** Members in 党员名册. */
  members: 20_000,
} as const;

/** The limit issues for a sheet of this size, or none. */
export function sizeIssues(sheet: string, rows: number, columns: number): Issue[] {
  const out: Issue[] = [];
  const isRoster = sheet === "党员名册";
  const maxRows = isRoster ? LIMITS.members + 15 : LIMITS.rows;
  if (rows > maxRows) out.push(issue("limit_exceeded", "错误", sheet, "", { what: isRoster ? "members" : "rows", value: rows, max: isRoster ? LIMITS.members : LIMITS.rows }));
  if (columns > LIMITS.columns) out.push(issue("limit_exceeded", "错误", sheet, "", { what: "columns", value: columns, max: LIMITS.columns }));
  return out;
}

/** The limit issues of every input sheet in a workbook's grids. */
export function limitIssues(sheets: readonly SheetGrid[]): Issue[] {
  return READ_SHEETS.flatMap((def) => {
    const s = findSheet(sheets, def);
    if (!s) return [];
    const columns = s.grid.reduce((m, r) => Math.max(m, r.length), 0);
    return sizeIssues(def.name, s.grid.length, columns);
  });
}
