/**
 * Which .xlsx the tool made from an .xls/.ods, and whether anyone has changed it since.
 *
 * `appraisal calc 支部.xls` writes 支部.xlsx beside it. Run again, it may replace that file only
 * if it is its own earlier result, untouched: otherwise she may have gone on working in the
 * .xlsx, and replacing it would lose what she typed. The result carries a stamp in its document
 * properties (备注, dc:description): the source's name, when it was written, and a checksum of
 * every sheet that is not one of the tool's output sheets. Excel, WPS and LibreOffice keep the
 * description but rewrite the modified time on every save; a checksum over the grids catches an
 * edit by any program that does not.
 */
import type ExcelJS from "exceljs";
import { ownOutputSheetNames, sheetGrid } from "./host";

const STAMP = /^由考评助手从“(.+)”生成；校验 ([0-9a-f]{28}) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/;

/**
 * Two 53-bit string hashes with different seeds (cyrb53), as 28 hex digits: change detection,
 * not security. A 53-bit number has 13 or 14 hex digits, so each half is padded to 14: the
 * stamp's pattern is of a fixed length.
 */
function checksum(text: string): string {
  const half = (seed: number): string => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
  };
  return half(1) + half(2);
}

/** The checksum of her sheets (every sheet but the tool's own output sheets): names, order and values. */
function contentChecksum(book: ExcelJS.Workbook): string {
  const own = new Set(ownOutputSheetNames(book));
  const sheets = book.worksheets.filter((w) => !own.has(w.name)).map((w) => [w.name, w.state, sheetGrid(w)]);
  return checksum(JSON.stringify(sheets));
}

/** Stamp `book`, about to be written as the result of converting `source` (a file name, no folder). */
export function stampConverted(book: ExcelJS.Workbook, source: string, now: Date = new Date()): void {
  // core.xml keeps whole seconds.
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  book.modified = at;
  book.description = `由考评助手从“${source}”生成；校验 ${contentChecksum(book)} ${at.toISOString().replace(/\.000Z$/, "Z")}`;
}

/**
 * What a workbook's stamp says: null when it has none (not made by converting an .xls/.ods);
 * else the source it was made from and whether it is as the tool wrote it.
 */
export function convertedFrom(book: ExcelJS.Workbook): { readonly source: string; readonly unchanged: boolean } | null {
  const m = STAMP.exec(typeof book.description === "string" ? book.description : "");
  if (!m) return null;
  const [, source = "", sum, at] = m;
  const modified = book.modified instanceof Date && !Number.isNaN(book.modified.getTime()) ? book.modified.toISOString().replace(/\.000Z$/, "Z") : "";
  return { source, unchanged: modified === at && contentChecksum(book) === sum };
}
