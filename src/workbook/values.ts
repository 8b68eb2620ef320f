/**
 * Reading one cell as a typed value. Readers never throw: they return the value, or
 * "invalid" together with the issue that says why, so one bad cell blocks only itself.
 */
import { type Day, dayFromDate, dayFromExcelSerial, dayFromYMD, excelSerialFromDay, isValidYMD, MS_PER_DAY } from "../core/dates";
import { type Issue, type IssueCode, issue } from "../core/issues";
import { type MonthCell, NO_MONTH, type YearMonth } from "../core/types";
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
   * 入党时间 or 出生年月: a whole date, or a year and month in any usual form — 2001.07 (a number
   * or text), 2001.7, 2003-07, 2006/7, 1995年5月, 200107, full-width digits. A number whose
   * whole part is a year (1900–2200) is always read as year.month, never as a date serial (which
   * would print 2001.07 as 1905年6月23日). What cannot be read is a 提示, kept as typed
   * (`typed`), and used nowhere; no score depends on these columns.
   *
   * A number with one decimal that is 1 (2001.1) is January as typed, but also what Excel keeps
   * of 2001.10 (October): it is a 提示 (year_month_ambiguous), not a guess. The cell's number
   * format, which could tell them apart, is not part of the grid (neither host reads the format
   * of data cells); 2001.10 typed as text, 2001-10 or 2001年10月 are read as October.
   */
  monthCell(v: CellValue, cell: string, header: string): MonthCell {
    if (isBlank(v)) return NO_MONTH;
    if (this.checkError(v, cell, header)) return NO_MONTH;
    const typed = cellText(v);
    const unreadable = (): MonthCell => {
      this.push(issue("year_month_unreadable", "提示", this.sheet, cell, { value: typed, column: header }));
      return { value: null, typed };
    };
    if (v instanceof Date) {
      const day = dayFromDate(v);
      if (day === null) return unreadable();
      // 2001.07 typed into a date-formatted cell (the template's 入党时间 is yyyy-mm-dd) arrives
      // as the date of serial 2001.07, 1905-06-23 01:40: no member joined or was born in
      // 1905-06 … 1906-01, so it is the number she typed, read as that number.
      const serial = excelSerialFromDay(day) + (v.getTime() / MS_PER_DAY - day);
      if (serial >= MIN_YEAR && serial < MAX_YEAR + 1) return this.monthCell(Math.round(serial * 1e6) / 1e6, cell, header);
      return { value: day, typed };
    }
    if (typeof v === "number") {
      const whole = Math.trunc(v);
      if (whole >= MIN_YEAR && whole <= MAX_YEAR) {
        const ym = yearMonthOfNumber(v);
        if (ym === "ambiguous") {
          this.push(issue("year_month_ambiguous", "提示", this.sheet, cell, { value: typed, column: header, year: whole }));
          return { value: null, typed };
        }
        return ym === null ? unreadable() : { value: ym, typed };
      }
      // 200107: year and month run together (yyyymmdd and serials are parseDateValue's).
      if (Number.isInteger(v) && v >= MIN_YEAR * 100 && v <= MAX_YEAR * 100 + 12) {
        return validMonth(whole % 100) ? { value: { year: Math.floor(whole / 100), month: whole % 100 }, typed } : unreadable();
      }
      const day = parseDateValue(v, MIN_YEAR);
      return day === null ? unreadable() : { value: day, typed };
    }
    if (typeof v !== "string") return unreadable();
    if (hasFullWidthDigits(v)) this.push(issue("fullwidth_digits", "提示", this.sheet, cell, { value: normalizeSpaces(v), column: header }));
    const t = normalizeSpaces(foldFullWidth(v));
    const ym = YEAR_MONTH_TEXT.map((re) => re.exec(t)).find((m) => m !== null);
    if (ym) {
      const [year, month] = [Number(ym[1]), Number(ym[2])];
      return year >= MIN_YEAR && year <= MAX_YEAR && validMonth(month) ? { value: { year, month }, typed } : unreadable();
    }
    // A whole date with its year; a date without one (7月1日) would be 考评年度's, a year nobody typed.
    const p = parseDatePrefix(t, MIN_YEAR);
    if (p && !p.yearless && p.day !== null && /^(\d{1,2}:\d{2}(:\d{2})?)?$/.test(p.rest)) return { value: p.day, typed };
    return unreadable();
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

/** The years a 入党时间 / 出生年月 can be in (isValidYMD's range). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const validMonth = (m: number): boolean => Number.isInteger(m) && m >= 1 && m <= 12;

/** A year and month as text: 2003-07, 2006/7, 2001.07, 2001.7, 1995年5月, 1995年5月份, 200107. */
const YEAR_MONTH_TEXT: readonly RegExp[] = [/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月份?)?$/, /^(\d{4})(\d{2})$/];

/**
 * A number whose whole part is a year, as year.month: 2001.07 and 2001.7 are July, 2001.12
 * December; 2001.1 is "ambiguous" (January, or 2001.10 with the zero dropped); a bare year, a
 * 13th month or three decimals are null. The decimals are read from the number's shortest
 * text, which is what Excel shows in a General cell.
 */
function yearMonthOfNumber(v: number): YearMonth | "ambiguous" | null {
  const [whole, decimals] = String(v).split(".");
  if (decimals === undefined || decimals.length > 2) return null;
  if (decimals === "1") return "ambiguous";
  const month = Number(decimals);
  return validMonth(month) ? { year: Number(whole), month } : null;
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
