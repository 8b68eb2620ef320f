/**
 * The host-neutral cell model. Hosts (exceljs, Office.js) turn their cells into these values;
 * the parser and the output builders know nothing else.
 *
 * - a date-formatted cell arrives as a Date (exceljs does this itself; the Office.js host
 *   converts serials whose number format is a date format);
 * - a formula arrives as its cached result;
 * - an error value (#N/A, #REF!) arrives as a CellError, so it can be reported, not crash.
 */
export interface CellError {
  readonly error: string;
}

export type CellValue = string | number | boolean | Date | CellError | null;

export type Grid = readonly (readonly CellValue[])[];

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && normalizeSpaces(v) === "");
}

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let n = col;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 address from 0-based grid indices. */
export function a1(rowIndex: number, colIndex: number): string {
  return `${columnLetters(colIndex + 1)}${rowIndex + 1}`;
}

export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** ASCII space, ideographic space U+3000, NBSP and other Unicode spaces. */
const SPACES = /[\s\u00a0\u3000\u2000-\u200b\ufeff]+/g;

export function normalizeSpaces(s: string): string {
  return s.replace(SPACES, " ").trim();
}

/** Full-width ASCII (！ to ～) to half-width: ０１２ → 012, （） → (). */
export function foldFullWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function hasFullWidthDigits(s: string): boolean {
  return /[\uff10-\uff19]/.test(s);
}

/** How a header or a 参数 name is compared: no spaces at all, full-width folded, lower case. */
export function headerKey(s: string): string {
  return foldFullWidth(s).replace(SPACES, "").replace(/[*＊]/g, "").toLowerCase();
}

/** A cell as plain text, for text columns. Numbers keep their shortest form. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return normalizeSpaces(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const t = v.getTime();
    if (!Number.isFinite(t)) return "";
    return v.toISOString().slice(0, 10);
  }
  return v.error;
}

/**
 * Characters that cannot stand in an .xlsx file (XML 1.0) or that only confuse a reader:
 * C0 controls except tab and newline. Output text is cleaned with this before any host writes it.
 */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to match control characters
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "");
}
