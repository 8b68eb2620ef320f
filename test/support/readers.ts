/**
 * The two .xlsx readers the package reader is checked against (test/xlsx/package-read*.test.ts):
 * the exceljs host's, which it replaced, and the package reader itself; and grids as compared.
 */
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../../src/workbook/cells";
import type { SheetGrid } from "../../src/workbook/parse";
import { readGrids } from "../../src/xlsx/host";
import { XlsxPackage } from "../../src/xlsx/package";

/** A cell as compared: a Date by its time (so a day off shows as numbers, not as two Date objects). */
export type Plain = string | number | boolean | null | { readonly date: number } | { readonly error: string };

export interface PlainSheet {
  readonly name: string;
  readonly grid: Plain[][];
}

export const plainValue = (v: CellValue | undefined): Plain => (v === undefined ? null : v instanceof Date ? { date: v.getTime() } : v);

/**
 * A grid without its trailing empty cells and trailing empty rows: exceljs listed the cells a
 * merge covers as empty cells, the package reader need not.
 */
export function plainGrid(grid: Grid): Plain[][] {
  const out = grid.map((row) => {
    const r = Array.from(row, plainValue);
    while (r.length > 0 && r[r.length - 1] === null) r.pop();
    return r;
  });
  while (out.length > 0 && (out[out.length - 1] as Plain[]).length === 0) out.pop();
  return out;
}

export const plainGrids = (grids: readonly SheetGrid[]): PlainSheet[] => grids.map((s) => ({ name: s.name, grid: plainGrid(s.grid) }));

/** The grids as the exceljs host read them: `xlsx.load`, then readGrids. */
export async function exceljsGrids(bytes: Uint8Array): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return readGrids(wb);
}

/** The grids as the package reader reads them, every sheet in the workbook's order. */
export function packageGrids(bytes: Uint8Array): SheetGrid[] {
  const pkg = XlsxPackage.open(bytes);
  return pkg.sheets.map((s) => ({ name: s.name, grid: pkg.read(s.name).grid }));
}
