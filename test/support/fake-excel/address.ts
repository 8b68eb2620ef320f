/**
 * A1 addresses: parsing, formatting and Excel's quoting of sheet names.
 *
 * Quoting: Excel leaves a sheet name bare in a reference when it is made only of letters
 * (any script — 学习考勤 is letters), digits and underscores, starts with a letter or
 * underscore, and does not itself read as a cell reference (A1, XFD10, R1C1, R, C). Anything
 * else — spaces, punctuation including full-width （）, a leading digit, a period — is
 * wrapped in single quotes with inner quotes doubled: 'My Sheet'!A1, '2024'!A1, 'O''Neil'!A1.
 * So `Range.address` is "学习考勤!A1:B2" but "'学习 考勤'!A1:B2".
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, zero-based. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" → 0, "XFD" → 16383; -1 when not a column inside the grid. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n >= 1 && n <= MAX_COLS ? n - 1 : -1;
}

type Part = { kind: "cell"; row: number; col: number } | { kind: "col"; col: number } | { kind: "row"; row: number };

function parsePart(text: string): Part | null {
  const bare = text.replace(/\$/g, "");
  let m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(bare);
  if (m) {
    const col = columnIndex(m[1] as string);
    const row = Number(m[2]) - 1;
    return col >= 0 && row >= 0 && row < MAX_ROWS ? { kind: "cell", row, col } : null;
  }
  m = /^([A-Za-z]{1,3})$/.exec(bare);
  if (m) {
    const col = columnIndex(m[1] as string);
    return col >= 0 ? { kind: "col", col } : null;
  }
  m = /^(\d{1,7})$/.exec(bare);
  if (m) {
    const row = Number(m[1]) - 1;
    return row >= 0 && row < MAX_ROWS ? { kind: "row", row } : null;
  }
  return null;
}

/**
 * "B3", "$B$3", "B2:D10", "D10:B2", "A:A", "A:C", "1:1", "$1:$3" → Rect; null when not a
 * valid single-area reference. A lone "A" or "1" is not a reference (Excel agrees).
 */
export function parseA1(address: string): Rect | null {
  const parts = address.trim().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parsePart(parts[0] as string);
  if (!a) return null;
  if (parts.length === 1) return a.kind === "cell" ? { row: a.row, col: a.col, rows: 1, cols: 1 } : null;
  const b = parsePart(parts[1] as string);
  if (!b || b.kind !== a.kind) return null;
  if (a.kind === "cell" && b.kind === "cell") {
    const row = Math.min(a.row, b.row);
    const col = Math.min(a.col, b.col);
    return { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
  }
  if (a.kind === "col" && b.kind === "col") {
    return { row: 0, col: Math.min(a.col, b.col), rows: MAX_ROWS, cols: Math.abs(a.col - b.col) + 1 };
  }
  if (a.kind === "row" && b.kind === "row") {
    return { row: Math.min(a.row, b.row), col: 0, rows: Math.abs(a.row - b.row) + 1, cols: MAX_COLS };
  }
  return null;
}

export function isEntireColumn(r: Rect): boolean {
  return r.row === 0 && r.rows === MAX_ROWS;
}

export function isEntireRow(r: Rect): boolean {
  return r.col === 0 && r.cols === MAX_COLS;
}

/** Rect → "B3", "B2:D10", "A:C" (entire columns) or "1:3" (entire rows), without "$". */
export function formatRect(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isEntireColumn(r) && !isEntireRow(r)) {
    return `${d}${columnLetters(r.col)}:${d}${columnLetters(r.col + r.cols - 1)}`;
  }
  if (isEntireRow(r)) return `${d}${r.row + 1}:${d}${r.row + r.rows}`;
  const first = `${d}${columnLetters(r.col)}${d}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return first;
  return `${first}:${d}${columnLetters(r.col + r.cols - 1)}${d}${r.row + r.rows}`;
}

function readsAsReference(name: string): boolean {
  const cell = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (cell && columnIndex(cell[1] as string) >= 0) return true;
  return /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
}

/** The sheet name as Excel writes it in front of "!" (see the file comment for the rule). */
export function quoteSheetName(name: string): string {
  const bare = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !readsAsReference(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheetName: string, r: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${formatRect(r, absolute)}`;
}

/** "'My Sheet'!A1" → { sheet: "My Sheet", local: "A1" }; "A1" → { sheet: null, local: "A1" }. */
export function splitSheet(address: string): { sheet: string | null; local: string } | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address };
  const head = address.slice(0, bang);
  const local = address.slice(bang + 1);
  if (head.startsWith("'")) {
    if (!head.endsWith("'") || head.length < 3) return null;
    const inner = head.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ""))) return null;
    return { sheet: inner.replace(/''/g, "'"), local };
  }
  return head.length > 0 ? { sheet: head, local } : null;
}

/** Does `inner` lie completely inside `outer`? */
export function contains(outer: Rect, inner: Rect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols;
}
