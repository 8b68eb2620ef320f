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

/**
 * What Excel's values API reports for an error cell. Office.js cannot tell such a string from
 * the same text typed into a cell, so both hosts read either as the error (the exceljs host in
 * toCellValue, src/xlsx/host.ts).
 */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

export type Grid = readonly (readonly CellValue[])[];

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

/**
 * How far a grid's values reach: the rows down to the last one holding a value, the columns
 * out to the furthest value. An empty string is no value; a space is (unlike isBlank: a host
 * reports what is in the cells). Both file ports answer `extents` with it.
 */
export function valueExtent(grid: Grid): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  grid.forEach((row, r) => {
    for (let c = row.length - 1; c >= 0; c--) {
      const v = row[c];
      if (v === null || v === undefined || v === "") continue;
      rows = r + 1;
      cols = Math.max(cols, c + 1);
      break;
    }
  });
  return { rows, cols };
}

export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // Most text cells start with a visible character: no need to fold the whole string.
  if (v.length > 0 && !isSpaceCode(v.charCodeAt(0))) return false;
  return normalizeSpaces(v) === "";
}

/** ASCII space, ideographic space U+3000, NBSP and other Unicode spaces. */
const SPACES = /[\s\u00a0\u3000\u2000-\u200b\ufeff]+/g;

/** Is this UTF-16 code unit one of SPACES (or a control character, which \s partly covers)? */
function isSpaceCode(c: number): boolean {
  return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Does the string need folding: a space other than a single ASCII space between two visible
 * characters, or a space at either end? One pass over the code units, no allocation; the
 * parser calls normalizeSpaces on nearly every cell and nearly every cell is already clean
 * (profile: the unconditional replace + trim was 16% of parsing a 2,000-member branch).
 */
function needsSpaceFold(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (isSpaceCode(s.charCodeAt(0)) || isSpaceCode(s.charCodeAt(n - 1))) return true;
  for (let i = 1; i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (isSpaceCode(s.charCodeAt(i + 1))) return true;
    } else if (isSpaceCode(c)) return true;
  }
  return false;
}

export function normalizeSpaces(s: string): string {
  return needsSpaceFold(s) ? s.replace(SPACES, " ").trim() : s;
}

/** Full-width ASCII (！ to ～) to half-width: ０１２ → 012, （） → (). */
export function foldFullWidth(s: string): string {
  // Checked first: a replace with a callback costs a fresh string even when nothing matches.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  }
  return s;
}

export function hasFullWidthDigits(s: string): boolean {
  return /[\uff10-\uff19]/.test(s);
}

/** How a header or a 参数 name is compared: no spaces at all, full-width folded, lower case. */
export function headerKey(s: string): string {
  // After folding, ＊ is *. Each replace only when needed: the parser keys every 编号 and 姓名
  // cell (to tell a repeated header row from a member), and those need neither.
  let t = foldFullWidth(s);
  if (hasSpaceCode(t)) t = t.replace(SPACES, "");
  if (t.includes("*")) t = t.replace(/\*/g, "");
  return t.toLowerCase();
}

function hasSpaceCode(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return true;
  return false;
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
