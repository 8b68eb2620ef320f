/**
 * The add-in writing free sheets (年度总结, 推荐表 and sheets built alike, see free-sheets.ts) on
 * the strict fake Excel: cells, merges, formats, looks, print setup and native charts; the
 * same workbook after a second run; foreign sheets left alone; ExcelApi 1.7; round trips and
 * request sizes; honest request estimates; formula-like text kept as text.
 */
import type * as EngineModule from "../../src/workbook/engine";
import { a1 } from "../../src/core/address";
import { dayFromDate, excelSerialFromDay } from "../../src/core/dates";
import { freeSheetPlans } from "../../src/excel/free";
import { LOOKS } from "../../src/workbook/sheetdoc";
import { calculateWorkbook, checkWorkbook, REQUEST_BUDGET_BYTES } from "../../src/excel/host";
import type { EngineRun } from "../../src/workbook/engine";
import { OUTPUT_MARK, OUTPUT_SHEETS } from "../../src/workbook/layout";
import type { OutputSheet } from "../../src/workbook/output";
import type { FreeSheet } from "../../src/workbook/sheetdoc";
import { demoFake, fakeEnv } from "../support/excel-env";
import { createFakeExcel, FakeWorkbook } from "../support/fake-excel";
import { FORM_ROWS, formsSheet, HOSTILE, MEMBER_HEADER_ROW, SESSIONS, summarySheet } from "./free-sheets";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";

/** When set, 一键计算 writes these outputs instead of the engine's (the engine still computes). */
let mockOutputs: ((run: EngineRun) => OutputSheet[]) | null = null;
jest.mock("../../src/workbook/engine", () => {
  const actual = jest.requireActual<typeof EngineModule>("../../src/workbook/engine");
  return {
    ...actual,
    runEngine: (...args: Parameters<typeof actual.runEngine>): EngineRun => {
      const run = actual.runEngine(...args);
      return mockOutputs ? { ...run, outputs: mockOutputs(run) } : run;
    },
  };
});
afterEach(() => {
  mockOutputs = null;
});

/** The engine's outputs with these free sheets in place of (or beside) its own. */
function withSheets(...sheets: FreeSheet[]): (run: EngineRun) => OutputSheet[] {
  return (run) => [...run.outputs.filter((o) => !sheets.some((s) => s.name === o.name)), ...sheets];
}

const serial = (y: number, m: number, d: number): number => excelSerialFromDay(dayFromDate(new Date(Date.UTC(y, m - 1, d))) ?? 0);
const line = (color: string) => ({ style: "Continuous", color });

describe("推荐表: forms with merges, looks, heights and print setup", () => {
  test("30 forms: every cell, merged area, format and look where it belongs; A4 portrait, one form a page", async () => {
    const f = fakeEnv(demoFake());
    mockOutputs = withSheets(formsSheet(30));
    const c = await calculateWorkbook(f.env);
    expect(c.syncs).toBe(6);
    const wb = f.workbook;
    const grid = wb.grid("推荐表");
    expect(grid[0]?.[0]).toBe(`推荐表 ${OUTPUT_MARK}`);
    expect(grid[20]).toEqual(["优秀共产党员推荐表"]);
    expect(grid[22]).toEqual(["姓名", "党员2", "性别", "女", "出生年月", "1980年5月"]);

    const sheet = wb.sheet("推荐表");
    expect(sheet.merges).toHaveLength(30 * 8);
    expect(sheet.merges.slice(0, 8)).toEqual(["A1:F1", "B2:D2", "B5:D5", "A7:F7", "A8:F13", "B14:F15", "B16:F17", "A18:F18"]);
    expect(wb.cell("推荐表", "C2").mergedArea).toBe("B2:D2");

    // Numbers keep their formats; a date is a serial with its format; text is "@".
    expect(wb.cell("推荐表", "B6")).toMatchObject({ value: 95.5, numberFormat: "0.00" });
    expect(wb.cell("推荐表", "D6")).toMatchObject({ value: 1, numberFormat: '"第"0"名"' });
    expect(wb.cell("推荐表", "B4")).toMatchObject({ value: serial(2001, 7, 1), numberFormat: 'yyyy"年"m"月"' });
    expect(wb.cell("推荐表", "A2")).toMatchObject({ value: "推荐类别", numberFormat: "@" });

    // The looks: labels bold on the light fill with black lines, centred; the deeds box wraps, top-left.
    expect(wb.cell("推荐表", "A3")).toMatchObject({ bold: true, fillColor: "#F2F2F2", horizontalAlignment: "Center", verticalAlignment: "Center", wrapText: true });
    expect(wb.cell("推荐表", "A3").borders).toEqual({ top: line("#000000"), bottom: line("#000000"), left: line("#000000"), right: line("#000000") });
    expect(wb.cell("推荐表", "B3")).toMatchObject({ bold: false, fillColor: null, horizontalAlignment: "Center", verticalAlignment: "Center" });
    expect(wb.cell("推荐表", "A8")).toMatchObject({ wrapText: true, horizontalAlignment: "Left", verticalAlignment: "Top" });
    expect(wb.cell("推荐表", "A7")).toMatchObject({ bold: true, fillColor: "#FCE4D6", fontSize: 12 });
    expect(wb.cell("推荐表", "A1")).toMatchObject({ bold: true, fontSize: 14, fontColor: "#C00000", horizontalAlignment: "Center" });
    expect(wb.cell("推荐表", "A18")).toMatchObject({ italic: true, fontSize: 9, fontColor: "#7F7F7F" });
    // The signature line sits at the bottom right of its box, which still wraps.
    expect(wb.cell("推荐表", "B14")).toMatchObject({ horizontalAlignment: "Right", verticalAlignment: "Bottom", wrapText: true });

    expect(sheet.rowHeights).toMatchObject({ 1: 34, 2: 22, 6: 22, 14: 30, 21: 34 });
    expect(sheet.columnWidths).toEqual({ A: 95, B: 110, C: 80, D: 95, E: 80, F: 125 });
    expect(sheet.frozenRows).toBe(0);
    expect(sheet.rowBreaks).toEqual(Array.from({ length: 29 }, (_, i) => (i + 1) * FORM_ROWS + 1));
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Portrait",
      paperSize: "A4",
      printTitleRows: null,
      printArea: "$A$1:$F$599",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      margins: { left: 36, right: 36, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
      centerHeader: "第一党支部 2010年 年终 推荐表 && 附件",
    });
    // The fixture is not marked as the tool's own: its footer is the page number alone.
    expect(sheet.pageLayout.headersFooters.centerFooter).toBe("第 &P 页");
    expect(sheet.pageLayout.firstPageNumber).toBe(1);
  });

  test("text that Excel would read as a formula or a number stays text in a free sheet", async () => {
    const f = fakeEnv(demoFake());
    mockOutputs = withSheets(formsSheet(HOSTILE.length));
    await calculateWorkbook(f.env);
    HOSTILE.forEach((h, i) => {
      const cell = f.workbook.cell("推荐表", `A${i * FORM_ROWS + 19}`);
      expect(cell).toMatchObject({ value: h, formula: null, numberFormat: "@" });
    });
    expect(f.workbook.cell("推荐表", "C19")).toMatchObject({ value: "@备注", formula: null });
    expect(f.workbook.cell("推荐表", "E19")).toMatchObject({ value: "+86 10 1234", formula: null });
    expect(f.workbook.cell("推荐表", "B19")).toMatchObject({ value: 12, numberFormat: "General" });
    expect(f.workbook.cell("推荐表", "D19")).toMatchObject({ value: 0.5, numberFormat: "0.0%" });
  });

  test("the real 推荐表 and 年度总结 keep a hostile member name as text", async () => {
    const wb = demoFake();
    const roster = wb.grid("党员名册");
    const f = fakeEnv(FakeWorkbook.fromGrids(wb.sheetNames().map((n) => ({ name: n, rows: n === "党员名册" ? roster.map((r, i) => (i === TEMPLATE_HEADER_ROW ? [r[0] ?? "", HOSTILE[0], ...r.slice(2)] : r)) : wb.grid(n) }))));
    await calculateWorkbook(f.env);
    for (const name of ["年度总结", "推荐表"]) {
      const grid = f.workbook.grid(name);
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === HOSTILE[0]) expect(f.workbook.cell(name, a1(r, c)).formula).toBeNull();
        }),
      );
      expect(grid.some((row) => row.includes(HOSTILE[0]))).toBe(name === "年度总结" || grid.length > 3);
    }
  });
});

describe("年度总结: native charts beside their tables", () => {
  test("a bar chart of the grades and a line chart over the session dates, placed and titled; no note about them", async () => {
    const f = fakeEnv(demoFake());
    mockOutputs = withSheets(summarySheet(300));
    await calculateWorkbook(f.env);
    const sheet = f.workbook.sheet("年度总结");
    expect(sheet.charts).toEqual([
      { name: "Chart 1", chartType: "ColumnClustered", title: "等次分布（人）", titleVisible: true, position: "E4:J15", series: [{ name: "人数", values: "B5:B9", categories: "A5:A9" }] },
      { name: "Chart 2", chartType: "LineMarkers", title: "各次学习出勤率", titleVisible: true, position: "E18:J31", series: [{ name: "出勤率", values: `B19:B${18 + SESSIONS}`, categories: `A19:A${18 + SESSIONS}` }] },
    ]);
    expect(f.workbook.cell("年度总结", "D3")).toMatchObject({ value: "" });
    expect(f.workbook.cell("年度总结", "A19")).toMatchObject({ value: serial(2010, 1, 20), numberFormat: "yyyy-mm-dd" });
    expect(f.workbook.cell("年度总结", "A35")).toMatchObject({ value: "编号", fillColor: "#C00000", fontColor: "#FFFFFF", bold: true });
    expect(f.workbook.cell("年度总结", "A35").borders.top).toEqual(line("#BFBFBF"));
    expect(f.workbook.cell("年度总结", "F36")).toMatchObject({ numberFormat: "0.00", verticalAlignment: "Center" });
    expect(f.workbook.cell("年度总结", "J36")).toMatchObject({ wrapText: true, verticalAlignment: "Top" });
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.pageLayout).toMatchObject({ orientation: "Landscape", printTitleRows: `$${MEMBER_HEADER_ROW + 1}:$${MEMBER_HEADER_ROW + 1}`, printArea: null });
    expect(sheet.rowBreaks).toEqual([17, 34]);
  });

  test("a pie chart is a pie; a chart without a value column is a programming error", () => {
    const pie: FreeSheet = { ...summarySheet(0), charts: [{ type: "pie", title: "等次", data: { row: 3, col: 0, rows: 6, cols: 2 }, at: { row: 3, col: 4, rows: 10, cols: 5 } }] };
    const bad: FreeSheet = { ...pie, charts: [{ ...(pie.charts[0] as FreeSheet["charts"][number]), data: { row: 3, col: 0, rows: 6, cols: 1 } }] };
    expect(() => freeSheetPlans(bad, () => true)).toThrow(/needs a header row, a category column and a value column/);
    return (async () => {
      const f = fakeEnv(demoFake());
      mockOutputs = withSheets(pie);
      await calculateWorkbook(f.env);
      expect(f.workbook.sheet("年度总结").charts.map((x) => [x.chartType, x.series.length])).toEqual([["Pie", 1]]);
    })();
  });
});

describe("a second run, foreign sheets, old Excel", () => {
  test("the demo's 年度总结 and 推荐表: a second 一键计算 gives the same workbook, charts and all", async () => {
    const f = fakeEnv(demoFake());
    await calculateWorkbook(f.env);
    const first = f.workbook.dump();
    expect(f.workbook.sheet("年度总结").charts).toHaveLength(2);
    expect(f.workbook.sheet("推荐表").merges.length).toBeGreaterThan(0);
    await calculateWorkbook(f.env);
    expect(f.workbook.dump()).toEqual(first);
    expect(f.workbook.sheet("年度总结").charts).toHaveLength(2);
  });

  test("built sheets too: twice 一键计算, the same workbook", async () => {
    const f = fakeEnv(demoFake());
    mockOutputs = withSheets(summarySheet(100), formsSheet(12));
    await calculateWorkbook(f.env);
    const first = f.workbook.dump();
    await calculateWorkbook(f.env);
    expect(f.workbook.dump()).toEqual(first);
  });

  test("a sheet she named 推荐表 is left alone, merged areas and all, and reported", async () => {
    const wb = demoFake();
    const f = fakeEnv(FakeWorkbook.fromGrids([...wb.sheetNames().map((n) => ({ name: n, rows: wb.grid(n) })), { name: "推荐表", rows: [["我的推荐表"], ["张三", "优秀"]] }]));
    const c = await calculateWorkbook(f.env);
    expect(c.skipped).toEqual(["推荐表"]);
    expect(f.workbook.grid("推荐表")).toEqual([["我的推荐表"], ["张三", "优秀"]]);
    expect(f.workbook.sheet("推荐表")).toMatchObject({ merges: [], rowBreaks: [], charts: [], pageLayout: { paperSize: "Letter" } });
    expect(c.run.issues.filter((i) => i.code === "output_sheet_foreign").map((i) => i.sheet)).toEqual(["推荐表"]);
    expect(f.workbook.sheet("年度总结").charts).toHaveLength(2);
  });

  test("an output whose name no table has: a foreign sheet of that name is found after the computation, kept and reported", async () => {
    const wb = demoFake();
    const f = fakeEnv(FakeWorkbook.fromGrids([...wb.sheetNames().map((n) => ({ name: n, rows: wb.grid(n) })), { name: "临时汇总", rows: [["她的表"]] }]));
    expect(OUTPUT_SHEETS.map((d) => d.name)).not.toContain("临时汇总");
    mockOutputs = withSheets(formsSheet(2, "临时汇总"));
    const c = await calculateWorkbook(f.env);
    expect(c.skipped).toEqual(["临时汇总"]);
    expect(f.workbook.grid("临时汇总")).toEqual([["她的表"]]);
    expect(c.run.issues.some((i) => i.code === "output_sheet_foreign" && i.sheet === "临时汇总")).toBe(true);
    const check = await checkWorkbook(f.env);
    expect(check.run.issues.some((i) => i.code === "output_sheet_foreign" && i.sheet === "临时汇总")).toBe(true);
    expect(check.syncs).toBe(3);
  });

  test("ExcelApi 1.7: no page-layout calls, styles block by block, charts still drawn, printing reported as missing", async () => {
    const f = fakeEnv(demoFake(), "1.7");
    mockOutputs = withSheets(summarySheet(50), formsSheet(30));
    const c = await calculateWorkbook(f.env);
    expect(c.syncs).toBe(6);
    expect(c.degraded).toEqual([{ feature: expect.stringContaining("A4 打印设置"), needs: "ExcelApi 1.9" }]);
    for (const name of ["年度总结", "推荐表", "综合评定"]) {
      expect(f.workbook.sheet(name)).toMatchObject({ rowBreaks: [], pageLayout: { paperSize: "Letter", orientation: "Portrait", printArea: null, printTitleRows: null, centerHeader: "" } });
    }
    expect(f.workbook.sheet("推荐表").merges).toHaveLength(30 * 8);
    expect(f.workbook.cell("推荐表", "A3")).toMatchObject({ bold: true, fillColor: "#F2F2F2", horizontalAlignment: "Center" });
    expect(f.workbook.cell("推荐表", "B14")).toMatchObject({ horizontalAlignment: "Right", verticalAlignment: "Bottom" });
    expect(f.workbook.sheet("年度总结").charts).toHaveLength(2);
    expect(f.workbook.sheet("年度总结").rowHeights).toMatchObject({ 1: 24 });
  });
});

describe("round trips and request sizes", () => {
  /** 一键计算 of the demo with these sheets in place of its free sheets: syncs, largest request, commands. */
  async function measure(...sheets: FreeSheet[]): Promise<{ syncs: number; maxRequest: number; commands: number; writeCommands: number }> {
    const f = fakeEnv(demoFake());
    mockOutputs = withSheets(...sheets);
    const c = await calculateWorkbook(f.env);
    expect(c.syncs).toBe(f.excel.stats.syncs);
    const writes = f.excel.stats.requests.slice(3);
    return {
      syncs: c.syncs,
      maxRequest: f.excel.stats.maxRequestBytes,
      commands: f.excel.stats.requests.reduce((n, r) => n + r.ops, 0),
      writeCommands: writes.reduce((n, r) => n + r.ops, 0),
    };
  }

  test("30 forms and a 5,000-row 年度总结 with two charts: 6 syncs, every request within the budget", async () => {
    const m = await measure(formsSheet(30), summarySheet(5000));
    expect(m.syncs).toBe(6);
    expect(m.maxRequest).toBeLessThan(REQUEST_BUDGET_BYTES);
  });

  test("commands grow with forms (merges, blocks, breaks), not with cells: 1,250 forms within the budget", async () => {
    const small = await measure(formsSheet(30));
    const big = await measure(formsSheet(1250));
    expect(big.maxRequest).toBeLessThan(REQUEST_BUDGET_BYTES);
    // 1,250 forms are 25,000 rows and 150,000 cells; per form, a handful of commands.
    const perForm = (big.writeCommands - small.writeCommands) / (1250 - 30);
    expect(perForm).toBeLessThan(12);
    expect(big.syncs).toBeLessThanOrEqual(7);
  });

  test("a longer table adds bytes, not commands", async () => {
    const a = await measure(summarySheet(500));
    const b = await measure(summarySheet(5000));
    expect(b.writeCommands).toBe(a.writeCommands);
  });
});

test("each plan's byte estimate is at least what it sends, and not far above", async () => {
  for (const [sheet, version] of [
    [formsSheet(40), "1.12"],
    [formsSheet(40), "1.7"],
    [summarySheet(2000), "1.12"],
  ] as const) {
    const wb = FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]);
    const excel = createFakeExcel(wb, { maxApiVersion: version });
    const built = freeSheetPlans(sheet, (v: string) => excel.requirements.isSetSupported("ExcelApi", v));
    for (const plan of [...built.data, ...built.looks]) {
      await excel.run(async (ctx) => {
        plan.apply(ctx);
        await ctx.sync();
      });
      const sent = excel.stats.requests[excel.stats.requests.length - 1]?.bytes ?? 0;
      expect(plan.bytes).toBeGreaterThanOrEqual(sent);
      expect(plan.bytes).toBeLessThan(sent * 2.5 + 1024);
    }
  }
});

test("the looks are the exceljs host's (src/xlsx/host.ts FREE_STYLES)", () => {
  expect(LOOKS.header).toMatchObject({ fill: "#C00000", color: "#FFFFFF", bold: true, border: "#BFBFBF" });
  expect(LOOKS.label).toMatchObject({ fill: "#F2F2F2", border: "#000000" });
  expect(LOOKS.section).toMatchObject({ fill: "#FCE4D6", size: 12 });
});
