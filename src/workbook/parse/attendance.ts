/**
 * 学习考勤 → sessions and marks: every header cell beyond 编号/姓名 that starts with a date is
 * a session; each member's row holds a mark per session.
 */
import { a1 } from "../../core/address";
import { type Day, firstHalfWindow, formatDay, inWindow, ymdOf } from "../../core/dates";
import { type Issue, issue, outsidePeriod } from "../../core/issues";
import { type AttendanceRow, type Mark, MARKS, type MarkCell, type Session } from "../../core/types";
import { cellText, foldFullWidth, isBlank, isCellError, normalizeSpaces } from "../cells";
import { ATTENDANCE_SHEET } from "../layout";
import { parseDatePrefix, parseDateValue } from "../values";
import { cellOf, repeatsHeader, rowIsBlank } from "./header";
import { MemberSheetParser } from "./roster";

const MARK_SET: ReadonlyMap<string, Mark> = new Map(MARKS.map((m) => [m, m]));

export class AttendanceParser extends MemberSheetParser {
  parseAttendance(): { sessions: Session[]; attendance: AttendanceRow[] } {
    const s = this.open(ATTENDANCE_SHEET, "提示");
    if (!s) return { sessions: [], attendance: [] };
    const year = this.settings.year;
    const columns: { col: number; session: Session }[] = [];
    for (const o of s.header.others) {
      const cell = a1(s.header.row, o.col);
      const title = cellText(o.value);
      let day: Day | null = null;
      let rest = "";
      if (o.value instanceof Date) {
        day = parseDateValue(o.value, year);
      } else if (typeof o.value === "string") {
        const p = parseDatePrefix(o.value, year);
        if (p && p.day === null) {
          this.issues.push(issue("date_invalid", "错误", s.name, cell, { value: title, column: "场次标题" }));
          continue;
        }
        if (p) {
          day = p.day;
          rest = p.rest;
        }
      }
      if (day === null) {
        this.issues.push(issue("column_ignored", "提示", s.name, cell, { header: title }));
        continue;
      }
      if (ymdOf(day).y !== year) {
        this.issues.push(issue("session_outside_year", "提示", s.name, cell, { header: title, year, found: ymdOf(day).y }));
        continue;
      }
      columns.push({ col: o.col, session: { date: day, title: rest || formatDay(day), ref: { sheet: s.name, cell } } });
    }

    // A column nobody has a mark in is a session not held yet (planned ahead): not counted.
    const dataRows: number[] = [];
    for (let r = s.header.row + 1; r < s.grid.length; r++) if (!rowIsBlank(s.grid[r]) && !repeatsHeader(s, s.grid[r])) dataRows.push(r);
    const held = columns.filter((c) => {
      const any = dataRows.some((r) => !isBlank(cellOf(s.grid, r, c.col)));
      if (!any && dataRows.length > 0) this.issues.push(issue("session_column_empty", "提示", s.name, c.session.ref.cell, { header: cellText(cellOf(s.grid, s.header.row, c.col)) }));
      return any;
    });

    // Computing 上半年, a session after June counts only at 年终: a 错误 in its marks blocks
    // nothing of this result and becomes a 提示 that says so (docs/scoring.md, "Draft or final").
    const half = this.settings.period === "上半年" ? firstHalfWindow(year) : null;
    const late = new Set(held.filter((c) => half !== null && !inWindow(c.session.date, half)).map((c) => c.col));
    const markIssue = (i: Issue, col: number): void => void this.issues.push(late.has(col) ? outsidePeriod(i, "年终") : i);

    const attendance: AttendanceRow[] = [];
    const seen = new Map<string, string>();
    for (const row of this.rows(s)) {
      const m = this.resolve(s, row);
      if (!m) continue;
      const dup = seen.get(m.id);
      if (dup !== undefined) {
        this.issues.push(issue("row_duplicate", "错误", s.name, row.addr("id"), { key: `${m.id} ${m.name}`, first: dup }));
        continue;
      }
      seen.set(m.id, row.addr("id"));
      const blanks: string[] = [];
      const marks: MarkCell[] = held.map((c) => {
        const v = cellOf(s.grid, row.r, c.col);
        // Nearly every cell is a mark typed as listed: one lookup, no cleaning, no address.
        if (typeof v === "string") {
          const exact = MARK_SET.get(v);
          if (exact !== undefined) return exact;
        }
        const cell = a1(row.r, c.col);
        if (isBlank(v)) {
          blanks.push(cell);
          return "blank";
        }
        if (isCellError(v)) {
          markIssue(issue("formula_error", "错误", s.name, cell, { value: v.error, column: cellText(cellOf(s.grid, s.header.row, c.col)) }), c.col);
          return "invalid";
        }
        const t = normalizeSpaces(foldFullWidth(cellText(v))).replace(/\s+/g, "");
        const mark = MARK_SET.get(t);
        if (mark !== undefined) return mark;
        markIssue(issue("mark_invalid", "错误", s.name, cell, { value: cellText(v), name: m.name }), c.col);
        return "invalid";
      });
      if (blanks.length > 0 && m.participating) {
        this.issues.push(issue("mark_blank", "提示", s.name, blanks[0] as string, { name: m.name, count: blanks.length, cells: blanks.slice(0, 5).join("、") + (blanks.length > 5 ? "…" : "") }));
      }
      attendance.push({ memberId: m.id, marks, ref: { sheet: s.name, cell: row.addr("name") } });
    }
    if (held.length > 0) {
      for (const m of this.members) {
        if (m.participating && !seen.has(m.id)) {
          this.issues.push(issue("attendance_missing_member", "提示", s.name, "", { id: m.id, name: m.name }));
        }
      }
    }
    this.close(s);
    return { sessions: held.map((c) => c.session), attendance };
  }
}

