/**
 * Calendar days as integers (days since 1970-01-01, UTC). The appraisal only ever compares
 * whole dates, so a day number avoids every time-zone trap a Date would bring.
 */
export type Day = number;

export const MS_PER_DAY = 86_400_000;

export function isValidYMD(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The day number of a valid calendar date; callers check validity with isValidYMD first. */
export function dayFromYMD(y: number, m: number, d: number): Day {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function ymdOf(day: Day): { y: number; m: number; d: number } {
  const t = new Date(day * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function formatDay(day: Day): string {
  const { y, m, d } = ymdOf(day);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A date in the short form used in sentences: 9月20日. */
export function formatMonthDay(day: Day): string {
  const { m, d } = ymdOf(day);
  return `${m}月${d}日`;
}

/** A JS Date as hosts hand it over (exceljs: the cell's date at UTC midnight). */
export function dayFromDate(date: Date): Day | null {
  const t = date.getTime();
  if (!Number.isFinite(t)) return null;
  return Math.floor(t / MS_PER_DAY);
}

export function dateFromDay(day: Day): Date {
  return new Date(day * MS_PER_DAY);
}

/** Excel's serial date (1900 system, with its fictitious 1900-02-29) to a day number. */
export function dayFromExcelSerial(serial: number): Day {
  // Serial 25569 is 1970-01-01; serials below 61 sit before Excel's phantom leap day.
  const whole = Math.floor(serial);
  return whole - 25569 + (whole < 61 ? 1 : 0);
}

export function excelSerialFromDay(day: Day): number {
  return day + 25569;
}

export interface PeriodWindow {
  readonly start: Day;
  readonly end: Day;
}

export function yearWindow(year: number): PeriodWindow {
  return { start: dayFromYMD(year, 1, 1), end: dayFromYMD(year, 12, 31) };
}

export function firstHalfWindow(year: number): PeriodWindow {
  return { start: dayFromYMD(year, 1, 1), end: dayFromYMD(year, 6, 30) };
}

export function inWindow(day: Day, w: PeriodWindow): boolean {
  return day >= w.start && day <= w.end;
}
