/**
 * Office.js cell values ↔ the host-neutral model. Excel hands dates over as serial numbers
 * and error values as strings ("#N/A"); the number format says which numbers are dates.
 */
import { dayFromDate, dayFromExcelSerial, excelSerialFromDay, MS_PER_DAY } from "../core/dates";
import { type CellValue, EXCEL_ERRORS, type Grid, isCellError, safeText } from "../workbook/cells";

export { EXCEL_ERRORS };


/** Is this Excel number format a date (or date-time) format? Quoted text and [..] are ignored. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === "General" || format === "@") return false;
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .toLowerCase();
  // y (year) or d (day) only occur in date formats; "m" alone is ambiguous with minutes.
  return /[yd]/.test(bare);
}

/** One Office.js value as the neutral model. `format` is its number format when known. */
export function fromOffice(v: unknown, format?: string): CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") {
    // The time of day is kept, as exceljs keeps it: 2001.07 typed into a date-formatted
    // 入党时间 is told from 2001.7 only by it (CellReader.monthCell).
    if (isDateFormat(format) && v >= 1) return new Date(Math.round((dayFromExcelSerial(v) + (v - Math.floor(v))) * MS_PER_DAY));
    return v;
  }
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return EXCEL_ERRORS.has(v) ? { error: v } : v;
  return null;
}

/**
 * Office.js values of a block whose top-left cell is at (rowOffset, colOffset) of the sheet,
 * placed into a grid that starts at A1 as the parser expects. `formats` covers the first
 * rows (where the headers are); the rest are read without it.
 */
export function placeBlock(
  into: CellValue[][],
  values: readonly (readonly unknown[])[],
  rowOffset: number,
  colOffset: number,
  formats?: readonly (readonly string[])[],
): void {
  values.forEach((row, r) => {
    const target = (into[rowOffset + r] ??= []);
    row.forEach((v, c) => {
      const cell = fromOffice(v, formats?.[r]?.[c]);
      if (cell !== null || target[colOffset + c] !== undefined) target[colOffset + c] = cell;
    });
  });
}

/** Fill the holes a sparse grid has, so every row is an array of CellValue. */
export function denseGrid(rows: CellValue[][]): Grid {
  const out: CellValue[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const dense: CellValue[] = [];
    for (let c = 0; c < row.length; c++) dense.push(row[c] ?? null);
    out.push(dense);
  }
  return out;
}

export interface OfficeBlock {
  readonly values: (string | number | boolean)[][];
  readonly numberFormat: string[][];
}

/**
 * A grid as Office.js values and number formats. Every text cell gets the text format "@",
 * so text that starts with = + - @ is stored as text and never becomes a formula.
 */
export function toOfficeBlock(rows: readonly (readonly CellValue[])[], width: number, numFmts: readonly (string | undefined)[]): OfficeBlock {
  const values: (string | number | boolean)[][] = [];
  const numberFormat: string[][] = [];
  for (const row of rows) {
    const vr: (string | number | boolean)[] = [];
    const fr: string[] = [];
    for (let c = 0; c < width; c++) {
      const v = row[c] ?? null;
      if (v === null) {
        vr.push("");
        fr.push("General");
      } else if (typeof v === "number") {
        vr.push(v);
        fr.push(numFmts[c] ?? "General");
      } else if (typeof v === "boolean") {
        vr.push(v);
        fr.push("General");
      } else if (v instanceof Date) {
        const day = dayFromDate(v);
        vr.push(day === null ? "" : excelSerialFromDay(day));
        fr.push("yyyy-mm-dd");
      } else {
        vr.push(safeText(isCellError(v) ? v.error : v));
        fr.push("@");
      }
    }
    values.push(vr);
    numberFormat.push(fr);
  }
  return { values, numberFormat };
}

/** Bytes a 2-D block takes in a request, as JSON: what Excel on the web counts. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
