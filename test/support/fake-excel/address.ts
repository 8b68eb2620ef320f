/**
 * A1 addresses: parsing, formatting and Excel's quoting of sheet names.
 *
 * Quoting: Excel leaves a sheet name bare in a reference when it is made only of letters
 * (any script — 学习考勤 is letters), digits and underscores, starts with a letter or
 * underscore, and does not itself read as a cell reference (A1, XFD10, R1C1, R, C). Anything
 * else — spaces, punctuation including full-width （）, a leading digit, a period — is
 * wrapped in single quotes with inner quotes doubled: 'My Sheet'!A1, '2024'!A1, 'O''Neil'!A1.
 * So `Range.address` is "学习考勤!A1:B2" but "'学习 考勤'!A1:B2".
 *
 * The addresses themselves (cells, blocks, entire rows and columns) are the product's own
 * src/core/address.ts: the fake must read them exactly as the hosts write them.
 */
import { columnNumber, type Rect, rangeA1 } from "../../../src/core/address";


function readsAsReference(name: string): boolean {
  const cell = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (cell && columnNumber(cell[1] as string) > 0) return true;
  return /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
}

/** The sheet name as Excel writes it in front of "!" (see the file comment for the rule). */
export function quoteSheetName(name: string): string {
  const bare = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !readsAsReference(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheetName: string, r: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${rangeA1(r, absolute)}`;
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
