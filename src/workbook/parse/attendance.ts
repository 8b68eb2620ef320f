/**
 * 学习考勤 → sessions and marks: every header cell beyond 编号/姓名 that starts with a date is
 * a session; each member's row holds a mark per session.
 */
import { a1 } from "../../core/address";
import { type Day, firstHalfWindow, formatDay, inWindow, ymdOf } from "../../core/dates";
import { type Issue, issue, outsidePeriod } from "../../core/issues";
import { type AttendanceRow, type Mark, MARKS, type MarkCell, type Session } from "../../core/types";
import { type CellValue, cellText, foldFullWidth, type Grid, headerKey, isBlank, isCellError, normalizeSpaces } from "../cells";
import { ATTENDANCE_SHEET } from "../layout";
import { parseDatePrefix, parseDateValue } from "../values";
import { cellOf, isDataRow, type OpenSheet } from "./header";
import { MemberSheetParser } from "./roster";

const MARK_SET: ReadonlyMap<string, Mark> = new Map(MARKS.map((m) => [m, m]));

export class AttendanceParser extends MemberSheetParser {
  parseAttendance(): { sessions: Session[]; attendance: AttendanceRow[] } {
    const s = this.open(ATTENDANCE_SHEET, "提示");
    if (!s) return { sessions: [], attendance: [] };
    const year = this.settings.year;
    const layout = this.sessionLayout(s.grid, s.header.row, new Set(s.header.cols.values()), s.name);
    const columns = layout.columns;
    // With a topic row beneath the header, the members' rows start below it.
    const body: OpenSheet<"id" | "name"> = layout.topicRow === null ? s : { ...s, header: { ...s.header, row: layout.topicRow } };

    // A column nobody has a mark in is a session not held yet (planned ahead): not counted.
    const dataRows: number[] = [];
    for (let r = body.header.row + 1; r < s.grid.length; r++) if (isDataRow(s, s.grid[r])) dataRows.push(r);
    const held = columns.filter((c) => {
      const any = dataRows.some((r) => !isBlank(cellOf(s.grid, r, c.col)));
      if (!any && dataRows.length > 0) this.issues.push(issue("session_column_empty", "提示", s.name, c.session.ref.cell, { header: c.header }));
      return any;
    });

    // Computing 上半年, a session after June counts only at 年终: a 错误 in its marks blocks
    // nothing of this result and becomes a 提示 that says so (docs/scoring.md, "Draft or final").
    const half = this.settings.period === "上半年" ? firstHalfWindow(year) : null;
    const late = new Set(held.filter((c) => half !== null && !inWindow(c.session.date, half)).map((c) => c.col));
    const markIssue = (i: Issue, col: number): void => void this.issues.push(late.has(col) ? outsidePeriod(i, "年终") : i);

    const attendance: AttendanceRow[] = [];
    const seen = new Map<string, string>();
    for (const row of this.rows(body)) {
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
          markIssue(issue("formula_error", "错误", s.name, cell, { value: v.error, column: c.header }), c.col);
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

  /**
   * The session columns and where the header ends. Three layouts (docs/workbook.md):
   * - one header row whose cells begin with the date (the template's);
   * - a date row above the 编号/姓名 row, which holds each session's topic (or nothing) beneath;
   * - the 编号/姓名 row holding the dates, and a topic row beneath it (编号 and 姓名 merged over
   *   both rows, so blank there, or said again): that row is header, not a member without 编号.
   * A merged date cell keeps its value in its top-left cell only; a topic column under the
   * blank part of it takes the date on its left, but only when its cells are marks (a column of
   * remarks next to a session is never a session by position alone).
   */
  private sessionLayout(grid: Grid, h: number, keyCols: ReadonlySet<number>, sheet: string): SessionLayout {
    const year = this.settings.year;
    const head = grid[h] ?? [];
    const aboveRow = h > 0 ? (grid[h - 1] ?? []) : [];
    const width = Math.max(head.length, aboveRow.length, (grid[h + 1] ?? []).length);
    // The row above is a date row only when every cell it has beside 编号/姓名 is a date: a
    // title row or a "填表日期" line above the header gives no column a date.
    const aboveCells = aboveRow.map((v, c) => ({ v, c })).filter(({ v, c }) => !keyCols.has(c) && !isBlank(v));
    const dateRow = aboveCells.length > 0 && aboveCells.every(({ v }) => this.dateOf(v, year) !== null);
    const found: Found[] = [];
    for (let c = 0; c < width; c++) {
      if (keyCols.has(c)) continue;
      const hv = cellOf(grid, h, c);
      const own = this.dateOf(hv, year);
      if (own !== null) {
        found.push({ col: c, kind: "header", date: own, cell: a1(h, c), header: cellText(hv) });
        continue;
      }
      const av = dateRow ? cellOf(grid, h - 1, c) : null;
      const above = isBlank(hv) || typeof hv === "string" ? this.dateOf(av, year) : null;
      if (above !== null) {
        const topic = cellText(hv);
        found.push({ col: c, kind: "above", date: above.day === null ? above : { day: above.day, rest: joinTitle(above.rest, topic) }, cell: a1(h - 1, c), header: joinTitle(cellText(av), topic) });
        continue;
      }
      found.push({ col: c, kind: isBlank(hv) ? "blank" : "other", date: null, cell: a1(h, c), header: cellText(hv) });
    }

    // The row beneath: a topic row when its 编号/姓名 cells are blank (merged from above) or say
    // the headers again, and its cells under the sessions hold text but not one mark or date.
    const topicRow = this.isTopicRow(grid, h, keyCols, found) ? h + 1 : null;
    const topicOf = (c: number): string => (topicRow === null ? "" : cellText(cellOf(grid, topicRow, c)));
    const dataFrom = (topicRow ?? h) + 1;
    const marksOnly = (c: number): boolean => {
      let marks = 0;
      for (let r = dataFrom; r < grid.length; r++) {
        const v = cellOf(grid, r, c);
        if (isBlank(v)) continue;
        if (markOf(v) === undefined) return false;
        marks++;
      }
      return marks > 0;
    };

    const columns: SessionColumn[] = [];
    // The last dated column on the left, while only the blank part of a merge lies between.
    let left: { date: Day; kind: Found["kind"]; header: string } | null = null;
    for (const f of found) {
      let day: Day;
      let rest: string;
      let cell = f.cell;
      let header = f.header;
      if (f.date !== null) {
        if (f.date.day === null) {
          this.issues.push(issue("date_invalid", "错误", sheet, f.cell, { value: f.header, column: "场次标题" }));
          left = null;
          continue;
        }
        day = f.date.day;
        rest = f.kind === "header" ? joinTitle(f.date.rest, topicOf(f.col)) : f.date.rest;
        left = { date: day, kind: f.kind, header: f.kind === "header" ? f.header : cellText(cellOf(grid, h - 1, f.col)) };
      } else {
        // Under the blank part of a merged date (in the date row above, or in the header row
        // with a topic row beneath): the date on the left, if this column holds marks.
        const topic = f.kind === "other" ? f.header : topicOf(f.col);
        const mergedUnder =
          left !== null && topic !== "" && ((left.kind === "above" && f.kind === "other") || (left.kind === "header" && f.kind === "blank" && topicRow !== null));
        if (left === null || !mergedUnder || !marksOnly(f.col)) {
          if (f.kind === "other") this.issues.push(issue("column_ignored", "提示", sheet, f.cell, { header: f.header }));
          else if (topic !== "") this.issues.push(issue("column_ignored", "提示", sheet, a1(topicRow ?? h, f.col), { header: topic }));
          left = null;
          continue;
        }
        day = left.date;
        rest = topic;
        cell = f.kind === "other" ? f.cell : a1(topicRow ?? h, f.col);
        header = joinTitle(left.header, topic);
      }
      if (ymdOf(day).y !== year) {
        this.issues.push(issue("session_outside_year", "提示", sheet, cell, { header, year, found: ymdOf(day).y }));
        continue;
      }
      columns.push({ col: f.col, header, session: { date: day, title: rest || formatDay(day), ref: { sheet, cell } } });
    }
    return { columns, topicRow };
  }

  /** A cell's date, as a session header reads it: null when it is no date at all. */
  private dateOf(v: CellValue, year: number): { day: Day | null; rest: string } | null {
    if (v instanceof Date) {
      const day = parseDateValue(v, year);
      return day === null ? null : { day, rest: "" };
    }
    if (typeof v !== "string") return null;
    const p = parseDatePrefix(v, year);
    return p === null ? null : { day: p.day, rest: p.rest };
  }

  private isTopicRow(grid: Grid, h: number, keyCols: ReadonlySet<number>, found: readonly Found[]): boolean {
    const row = grid[h + 1];
    if (!row) return false;
    for (const c of keyCols) {
      const v = cellOf(grid, h + 1, c);
      const head = cellOf(grid, h, c);
      if (!isBlank(v) && !(typeof v === "string" && typeof head === "string" && headerKey(v) === headerKey(head))) return false;
    }
    let topics = 0;
    for (const f of found) {
      if (f.kind === "other") continue;
      const v = cellOf(grid, h + 1, f.col);
      if (isBlank(v)) continue;
      if (typeof v !== "string" || markOf(v) !== undefined || this.dateOf(v, this.settings.year) !== null) return false;
      topics++;
    }
    return topics > 0;
  }
}

/** One column of the header as sessionLayout sorts it. */
interface Found {
  readonly col: number;
  /** header: dated in the header row; above: dated in the row above; blank / other: not dated. */
  readonly kind: "header" | "above" | "blank" | "other";
  readonly date: { readonly day: Day | null; readonly rest: string } | null;
  readonly cell: string;
  readonly header: string;
}

interface SessionColumn {
  readonly col: number;
  readonly session: Session;
  /** The column's header as the messages name it. */
  readonly header: string;
}

interface SessionLayout {
  readonly columns: readonly SessionColumn[];
  /** The topic row beneath the header row, when there is one (0-based). */
  readonly topicRow: number | null;
}

/** A session's title from the text after its date and its topic. */
function joinTitle(a: string, b: string): string {
  return a === "" ? b : b === "" ? a : `${a} ${b}`;
}

/** A cell as an attendance mark, cleaned as the marks are read; undefined when it is none. */
function markOf(v: CellValue): Mark | undefined {
  if (typeof v !== "string") return undefined;
  return MARK_SET.get(v) ?? MARK_SET.get(normalizeSpaces(foldFullWidth(v)).replace(/\s+/g, ""));
}
