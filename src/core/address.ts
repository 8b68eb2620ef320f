/**
 * A1 addresses, the one implementation every layer uses (core is pure, so the workbook layer,
 * both hosts and the test fakes can all import it).
 *
 * Conventions: `a1`, `parseA1`, `parseRange` and `Rect` are zero-based (grid indices), because
 * that is how every caller holds a position; `columnLetters` and `columnNumber` are one-based,
 * because they translate Excel's own column numbering (A = 1).
 */

/** The size of an Excel sheet; an address beyond it is not a cell reference. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A block of cells: top-left corner and size, zero-based. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
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

/** Column letters to the 1-based number: "A" → 1, "XFD" → 16384; 0 when not a column inside the sheet. */
export function columnNumber(letters: string): number {
  // Hand-rolled rather than a regex: it runs on every cell of exceljs's expanded validations.
  if (letters.length < 1 || letters.length > 3) return 0;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) | 0x20; // lower case folded
    if (c < 97 || c > 122) return 0;
    n = n * 26 + (c - 96);
  }
  return n <= MAX_COLS ? n : 0;
}

/** A1 address from 0-based grid indices: (6, 3) → "D7". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col + 1)}${row + 1}`;
}

type Part = { kind: "cell"; row: number; col: number } | { kind: "col"; col: number } | { kind: "row"; row: number };

/** One side of a range: "B3", "$B$3", "B" (a column) or "3" (a row), zero-based. */
function parsePart(text: string): Part | null {
  const bare = text.includes("$") ? text.replace(/\$/g, "") : text;
  const m = /^([A-Za-z]*)(\d*)$/.exec(bare);
  if (!m || bare === "") return null;
  const letters = m[1] as string;
  const digits = m[2] as string;
  const col = letters === "" ? -1 : columnNumber(letters) - 1;
  // Seven digits at most: a longer run of digits is never a row inside the sheet.
  const row = digits === "" || digits.length > 7 ? -1 : Number(digits) - 1;
  if (letters !== "" && col < 0) return null;
  if (digits !== "" && (row < 0 || row >= MAX_ROWS)) return null;
  if (letters !== "" && digits !== "") return { kind: "cell", row, col };
  return letters !== "" ? { kind: "col", col } : { kind: "row", row };
}

/** "D7", "$D$7", " d7 " → { row: 6, col: 3 } (0-based); null when not one cell inside the sheet. */
export function parseA1(address: string): { row: number; col: number } | null {
  const p = parsePart(address.trim());
  return p && p.kind === "cell" ? { row: p.row, col: p.col } : null;
}

/**
 * "B3", "B2:D10", "D10:B2", "$A$1:$C$3", "A:C" (entire columns), "1:3" (entire rows) → Rect;
 * null when not one area inside the sheet. A lone "A" or "3" is not a reference (Excel agrees).
 */
export function parseRange(address: string): Rect | null {
  const parts = address.trim().split(":");
  if (parts.length > 2) return null;
  const a = parsePart(parts[0] as string);
  if (!a) return null;
  if (parts.length === 1) return a.kind === "cell" ? { row: a.row, col: a.col, rows: 1, cols: 1 } : null;
  const b = parsePart(parts[1] as string);
  if (!b) return null;
  if (a.kind === "cell" && b.kind === "cell") {
    return { row: Math.min(a.row, b.row), col: Math.min(a.col, b.col), rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
  }
  if (a.kind === "col" && b.kind === "col") return { row: 0, col: Math.min(a.col, b.col), rows: MAX_ROWS, cols: Math.abs(a.col - b.col) + 1 };
  if (a.kind === "row" && b.kind === "row") return { row: Math.min(a.row, b.row), col: 0, rows: Math.abs(a.row - b.row) + 1, cols: MAX_COLS };
  return null;
}

export function isEntireColumn(r: Rect): boolean {
  return r.row === 0 && r.rows === MAX_ROWS;
}

export function isEntireRow(r: Rect): boolean {
  return r.col === 0 && r.cols === MAX_COLS;
}

/**
 * Rect → "B3", "B2:D10", "A:C" (entire columns) or "1:3" (entire rows), the way Excel writes
 * them; `absolute` puts "$" before every part ("$B$2:$D$10", "$1:$3").
 */
export function rangeA1(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isEntireColumn(r) && !isEntireRow(r)) return `${d}${columnLetters(r.col + 1)}:${d}${columnLetters(r.col + r.cols)}`;
  if (isEntireRow(r)) return `${d}${r.row + 1}:${d}${r.row + r.rows}`;
  const first = `${d}${columnLetters(r.col + 1)}${d}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return first;
  return `${first}:${d}${columnLetters(r.col + r.cols)}${d}${r.row + r.rows}`;
}
