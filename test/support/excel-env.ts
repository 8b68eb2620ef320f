/** A fake Excel (test/support/fake-excel) as the host's ExcelEnv, and workbooks to put in it. */
import { dayFromDate, excelSerialFromDay, MS_PER_DAY } from "../../src/core/dates";
import type { ExcelEnv } from "../../src/excel/host";
import { a1 } from "../../src/core/address";
import { type CellValue, isCellError } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import type { SheetGrid } from "../../src/workbook/parse";
import { templateGrid } from "../../src/workbook/template";
import { createFakeExcel, type FakeExcel, FakeWorkbook } from "./fake-excel";

export interface FakeSetup {
  readonly workbook: FakeWorkbook;
  readonly excel: FakeExcel;
  readonly env: ExcelEnv;
}

export function fakeEnv(workbook: FakeWorkbook, maxApiVersion = "1.12"): FakeSetup {
  const excel = createFakeExcel(workbook, { maxApiVersion });
  return { workbook, excel, env: { run: (batch) => excel.run(batch), supports: (v) => excel.requirements.isSetSupported("ExcelApi", v) } };
}

/**
 * The grids an exceljs read gives, as Excel holds them: dates become serial numbers (time of day
 * kept) with a date number format, error values the "#N/A" strings Excel reports.
 */
export function fakeFromGrids(grids: readonly SheetGrid[]): FakeWorkbook {
  const dates: { sheet: string; cell: string }[] = [];
  const wb = FakeWorkbook.fromGrids(
    grids.map((g) => ({
      name: g.name,
      rows: g.grid.map((row, r) =>
        row.map((v: CellValue, c) => {
          if (v instanceof Date) {
            dates.push({ sheet: g.name, cell: a1(r, c) });
            // With its time of day, as Excel holds it (2001.07 typed into a date cell is 1905-06-23 01:40).
            const day = dayFromDate(v) ?? 0;
            return excelSerialFromDay(day) + (v.getTime() - day * MS_PER_DAY) / MS_PER_DAY;
          }
          if (isCellError(v)) return v.error;
          return v;
        }),
      ),
    })),
  );
  for (const d of dates) wb.setNumberFormat(d.sheet, d.cell, "yyyy-mm-dd");
  return wb;
}

/** The demo branch as Excel holds it after 载入示例支部. */
export function demoFake(): FakeWorkbook {
  return fakeFromGrids(demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) })));
}
