/** Test helpers for real files: temporary folders, the demo and template workbooks. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { readGrids } from "../../src/xlsx/host";
import type { SheetGrid } from "../../src/workbook/parse";

export function tempDir(prefix = "appraisal-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function gridsOf(file: string): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return readGrids(wb);
}

export function gridOf(grids: readonly SheetGrid[], name: string): SheetGrid["grid"] {
  const g = grids.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}; have ${grids.map((s) => s.name).join(", ")}`);
  return g.grid;
}

export const REPO = path.resolve(__dirname, "../..");
export const CLI = path.join(REPO, "bin", "appraisal.js");
