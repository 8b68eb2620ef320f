/**
 * Reading one cell as a typed value. Readers never throw: they return the value, or
 * "invalid" together with the issue that says why, so one bad cell blocks only itself.
 */
import { type Day, dayFromDate, dayFromExcelSerial, dayFromYMD, isValidYMD, ymdOf } from "../core/dates";
import { type Issue, type IssueCode, issue } from "../core/issues";
import { type CellValue, cellText, foldFullWidth, hasFullWidthDigits, isBlank, isCellError, normalizeSpaces } from "./cells";

export const INVALID = Symbol("invalid");

/**
 * No count, weight, score or bonus is this large on purpose, and sums of larger ones overflow
 * to Infinity, which the Office.js host cannot write (a crash): beyond it a number is not read.
 */
export const MAX_MAGNITUDE = 1e15;
export type Read<T> = T | null | typeof INVALID;

export class CellReader {
  readonly issues: Issue[] = [];
  constructor(readonly sheet: string) {}

  /**
   * Run a read whose problem the caller reports itself, in more specific words: issues of the
   * given codes raised by `read` are dropped, all others (full-width hints, #N/A) are kept.
   */
  instead<T>(codes: readonly IssueCode[], read: () => T): T {
    const start = this.issues.length;
    const out = read();
    const raised = this.issues.splice(start);
    this.issues.push(...raised.filter((i) => !codes.includes(i.code)));
    return out;
  }

  private push(i: Issue): void {
    this.issues.push(i);
  }

  /** An error value (#N/A, #REF!) in any cell is reported once and read as invalid. */
  private checkError(v: CellValue, cell: string, header: string): boolean {
    if (isCellError(v)) {
      this.push(issue("formula_error", "错误", this.sheet, cell, { value: v.error, column: header }));
      return true;
    }
    return false;
  }

  /** Text with full-width ASCII folded; a 提示 when full-width digits were typed. */
  private folded(v: string, cell: string, header: string): string {
    const t = normalizeSpaces(v);
    if (hasFullWidthDigits(t)) this.push(issue("fullwidth_digits", "提示", this.sheet, cell, { value: t, column: header }));
    return normalizeSpaces(foldFullWidth(t));
  }

  text(v: CellValue, cell: string, header: string): string {
    if (this.checkError(v, cell, header)) return "";
    return cellText(v);
  }

  id(v: CellValue, cell: string, header: string): string {
    if (this.checkError(v, cell, header)) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
    if (typeof v === "string") return this.folded(v, cell, header).replace(/\s+/g, "");
    return cellText(v);
  }

  number(v: CellValue, cell: string, header: string): Read<number> {
    if (isBlank(v)) return null;
    if (this.checkError(v, cell, header)) return INVALID;
    if (typeof v === "number" && Math.abs(v) <= MAX_MAGNITUDE) return v;
    if (typeof v === "string") {
      const t = this.folded(v, cell, header).replace(/[\s,]/g, "");
      // A digit string too long for a double (400 nines) is Infinity: no more a number than NaN is.
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) && Math.abs(Number(t)) <= MAX_MAGNITUDE) return Number(t);
      this.push(issue("not_a_number", "错误", this.sheet, cell, { value: normalizeSpaces(v), column: header }));
      return INVALID;
    }
    this.push(issue("not_a_number", "错误", this.sheet, cell, { value: cellText(v), column: header }));
    return INVALID;
  }

  /** A vote count: a non-negative whole number; text that is a number counts as one. */
  count(v: CellValue, cell: string, header: string): number {
    const n = this.number(v, cell, header);
    if (n === null || n === INVALID) return 0;
    if (n < 0) {
      this.push(issue("vote_negative", "错误", this.sheet, cell, { value: n, column: header }));
      return 0;
    }
    if (!Number.isInteger(n)) {
      this.push(issue("vote_fraction", "错误", this.sheet, cell, { value: n, column: header }));
      return 0;
    }
    return n;
  }

  date(v: CellValue, cell: string, header: string, year: number): Read<Day> {
    if (isBlank(v)) return null;
    if (this.checkError(v, cell, header)) return INVALID;
    const day = parseDateValue(v, year);
    if (day === null) {
      this.push(issue("date_invalid", "错误", this.sheet, cell, { value: cellText(v), column: header }));
      return INVALID;
    }
    if (typeof v === "string" && hasFullWidthDigits(v)) {
      this.push(issue("fullwidth_digits", "提示", this.sheet, cell, { value: normalizeSpaces(v), column: header }));
    }
    return day;
  }

  /**
   * A year and month for display (出生年月): a date cell or a full date as text gives
   * "1980年5月"; "1980-05", "1980.5", "1980年5月" give the same; any other text is kept as typed,
   * because the field is only printed on a form, never computed with.
   */
  yearMonth(v: CellValue, cell: string, header: string, year: number): string {
    if (isBlank(v)) return "";
    if (this.checkError(v, cell, header)) return "";
    const day = typeof v === "number" && Number.isInteger(v) && v >= 1900 && v <= 2200 ? null : parseDateValue(v, year);
    if (day !== null) {
      const { y, m } = ymdOf(day);
      return `${y}年${m}月`;
    }
    const t = this.text(v, cell, header);
    const ym = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(foldFullWidth(t));
    if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) return `${Number(ym[1])}年${Number(ym[2])}月`;
    return t;
  }

  list<T extends string>(v: CellValue, cell: string, header: string, list: readonly T[], synonyms: Readonly<Record<string, T>> = {}): Read<T> {
    if (isBlank(v)) return null;
    if (this.checkError(v, cell, header)) return INVALID;
    const t = normalizeSpaces(foldFullWidth(cellText(v))).replace(/\s+/g, "");
    const found = list.find((x) => x === t) ?? synonyms[t];
    if (found !== undefined) return found;
    this.push(issue("not_in_list", "错误", this.sheet, cell, { value: cellText(v), column: header, allowed: list.join("、") }));
    return INVALID;
  }
}

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/,
  /^(\d{4})(\d{2})(\d{2})(?!\d)/,
];
const MONTH_DAY_PATTERNS: readonly RegExp[] = [/^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/, /^(\d{1,2})\s*\/\s*(\d{1,2})(?![\d/])/];

export interface DatePrefix {
  readonly day: Day | null;
  /** The text after the date (a session's title). */
  readonly rest: string;
  /** The date was written without a year. */
  readonly yearless: boolean;
}

/**
 * The date a text begins with, in every form domain.md lists: 2010-09-20, 2010/9/20,
 * 2010.9.20, 2010年9月20日, 9月20日, 9/20 (month/day; no year means 考评年度).
 * Returns null when the text does not begin with a date at all, and day null when it begins
 * with something date-shaped that is not a real date (2月30日).
 */
export function parseDatePrefix(raw: string, year: number): DatePrefix | null {
  const t = normalizeSpaces(foldFullWidth(raw));
  for (const re of DATE_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return { day: isValidYMD(y, mo, d) ? dayFromYMD(y, mo, d) : null, rest: t.slice(m[0].length).trim(), yearless: false };
  }
  for (const re of MONTH_DAY_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const [mo, d] = [Number(m[1]), Number(m[2])];
    return { day: isValidYMD(year, mo, d) ? dayFromYMD(year, mo, d) : null, rest: t.slice(m[0].length).trim(), yearless: true };
  }
  return null;
}

/** A date cell's value: a Date, an Excel serial, yyyymmdd, or text in a listed form. */
export function parseDateValue(v: CellValue, year: number): Day | null {
  if (v instanceof Date) return dayFromDate(v);
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 19000101 && v <= 22001231) {
      const y = Math.floor(v / 10000);
      const mo = Math.floor(v / 100) % 100;
      const d = v % 100;
      return isValidYMD(y, mo, d) ? dayFromYMD(y, mo, d) : null;
    }
    // A date typed into a cell formatted as a number shows as its serial (40441 = 2010-09-20).
    if (v >= 1 && v < 2958466) return dayFromExcelSerial(v);
    return null;
  }
  if (typeof v === "string") {
    const p = parseDatePrefix(v, year);
    // The whole cell must be the date (a trailing time of day is allowed).
    if (!p || p.day === null || !/^(\d{1,2}:\d{2}(:\d{2})?)?$/.test(p.rest)) return null;
    return p.day;
  }
  return null;
}
