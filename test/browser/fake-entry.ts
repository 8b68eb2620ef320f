/**
 * Injected into the task pane page before its own script (playwright addInitScript): a fake
 * Excel with an empty workbook, handed to the page as window.__APPRAISAL_EXCEL__, and kept on
 * window.__FAKE__ so the test can look inside the workbook.
 */
import { createFakeExcel, FakeWorkbook } from "../support/fake-excel";

const workbook = FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]);
const excel = createFakeExcel(workbook);
const w = window as unknown as Record<string, unknown>;
w.__APPRAISAL_EXCEL__ = { run: (batch: Parameters<typeof excel.run>[0]) => excel.run(batch), supports: (v: string) => excel.requirements.isSetSupported("ExcelApi", v) };
w.__FAKE__ = { workbook, excel };
