/**
 * The fake Excel's own tests: they pin down the Office.js behaviours the host tests rely on
 * (batching, PropertyNotLoaded, payload limits, null objects, requirement sets, formulas).
 */
import { createFakeExcel, FakeOfficeError, FakeWorkbook, quoteSheetName } from "./index";

const utf8 = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), "utf8");

function roster(): FakeWorkbook {
  return FakeWorkbook.fromGrids([
    { name: "党员名册", rows: [["姓名", "出生日期"], ["张三", 32874], ["李四", null]] },
    { name: "Sheet 2", rows: [] },
  ]);
}

describe("load and sync", () => {
  test("reading a property before load + sync throws PropertyNotLoaded", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("党员名册").getRange("A1:B2");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load("values");
      expect(() => range.values).toThrow(/PropertyNotLoaded/); // queued, not yet synced
      await ctx.sync();
      expect(() => range.address).toThrow(FakeOfficeError); // loaded values only
      try {
        void range.rowCount;
      } catch (e) {
        expect(e).toMatchObject({ code: "PropertyNotLoaded", debugInfo: { errorLocation: "Range.rowCount" } });
      }
    });
  });

  test("after load + sync the loaded properties read back as Excel gives them", async () => {
    const wb = roster();
    wb.setNumberFormat("党员名册", "B2:B3", "yyyy-mm-dd");
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("党员名册").getRange("A1:B3");
      range.load(["values", "numberFormat"]);
      range.load({ select: "address,rowIndex,columnIndex", expand: "format/font" });
      range.load("rowCount, columnCount");
      await ctx.sync();
      expect(range.values).toEqual([
        ["姓名", "出生日期"],
        ["张三", 32874], // a date is a serial number; its number format says it is a date
        ["李四", ""],
      ]);
      expect(range.numberFormat).toEqual([
        ["General", "General"],
        ["General", "yyyy-mm-dd"],
        ["General", "yyyy-mm-dd"],
      ]);
      expect([range.address, range.rowIndex, range.columnIndex, range.rowCount, range.columnCount]).toEqual(["党员名册!A1:B3", 0, 0, 3, 2]);
      expect(range.format.font.bold).toBe(false);
      expect(range.format.font.name).toBe("Calibri");
    });
  });

  test("a property written in the batch is not readable until loaded again", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("党员名册").getRange("C1");
      cell.values = [["备注"]];
      expect(() => cell.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(() => cell.values).toThrow(/PropertyNotLoaded/);
      cell.load("values");
      await ctx.sync();
      expect(cell.values).toEqual([["备注"]]);
    });
  });

  test("worksheets: items/name, items, and the collection shorthand", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/PropertyNotLoaded/);
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["党员名册", "Sheet 2"]);
      expect(() => sheets.items[0]?.position).toThrow(/PropertyNotLoaded/);
      sheets.load("items");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.position])).toEqual([
        ["党员名册", 0],
        ["Sheet 2", 1],
      ]);
      const again = ctx.workbook.worksheets;
      again.load("name");
      await ctx.sync();
      expect(again.items).toHaveLength(2);
    });
  });

  test("load by property tree and nested paths", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const header = ctx.workbook.worksheets.getItem("党员名册").getRange("A1:B1");
      header.format.font.bold = true;
      header.format.fill.color = "#dce6f1";
      await ctx.sync();
      header.load({ values: true, format: { fill: { color: true }, font: { $all: true } } });
      const mixed = ctx.workbook.worksheets.getItem("党员名册").getRange("A1:A2");
      mixed.load("format/font/bold");
      await ctx.sync();
      expect(header.values).toEqual([["姓名", "出生日期"]]);
      expect(header.format.fill.color).toBe("#DCE6F1");
      expect(header.format.font.bold).toBe(true);
      expect(mixed.format.font.bold).toBeNull(); // cells differ → null, as Office.js reports
    });
  });
});

describe("batching and Excel.run", () => {
  test("a write is not in the workbook before a sync", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("党员名册").getRange("A2").values = [["王五"]];
      expect(wb.cell("党员名册", "A2").value).toBe("张三");
      await ctx.sync();
      expect(wb.cell("党员名册", "A2").value).toBe("王五");
    });
  });

  test("when the batch resolves, Excel.run sends what is still queued in a final sync", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    const result = await excel.run((ctx) => {
      ctx.workbook.worksheets.getItem("党员名册").getRange("A2").values = [["王五"]];
      return Promise.resolve("done");
    });
    expect(result).toBe("done");
    expect(wb.cell("党员名册", "A2").value).toBe("王五");
    expect(excel.stats.syncs).toBe(1);
    expect(excel.stats.finalSyncs).toBe(1);
    expect(excel.stats.requests[0]).toMatchObject({ ops: 1, final: true });
  });

  test("nothing queued → no final request", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("党员名册").getRange("A1").load("values");
      await ctx.sync();
    });
    expect(excel.stats.syncs).toBe(1);
    expect(excel.stats.finalSyncs).toBe(0);
  });

  test("when the batch rejects, queued writes are dropped", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("党员名册").getRange("A2").values = [["王五"]];
        await Promise.resolve();
        throw new Error("host failed");
      }),
    ).rejects.toThrow("host failed");
    expect(wb.cell("党员名册", "A2").value).toBe("张三");
    expect(excel.stats.syncs).toBe(0);
  });

  test("objects cannot queue anything after run; loaded values stay readable", async () => {
    const excel = createFakeExcel(roster());
    const range = await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("党员名册").getRange("A1");
      r.load("values");
      await ctx.sync();
      return r;
    });
    expect(range.values).toEqual([["姓名"]]);
    expect(() => {
      range.values = [["x"]];
    }).toThrow(/InvalidObjectPath/);
  });

  test("a batch that returns no promise fails like Excel.run", async () => {
    const excel = createFakeExcel(roster());
    const notAsync = (() => undefined) as unknown as (c: Excel.RequestContext) => Promise<void>;
    await expect(excel.run(notAsync)).rejects.toMatchObject({ code: "RunMustReturnPromise" });
  });

  test("methods that return objects are lazy: an unused add() creates nothing, an unused getItem() fails nothing", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("没用上");
      ctx.workbook.worksheets.getItem("不存在");
      await ctx.sync();
    });
    expect(wb.sheetNames()).toEqual(["党员名册", "Sheet 2"]);
  });

  test("a proxy stays bound to its sheet after a rename", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet 2");
      ws.name = "学习考勤";
      ws.getRange("A1").values = [["日期"]];
      await ctx.sync();
      ws.getRange("B1").values = [["出勤"]];
      await ctx.sync();
    });
    expect(wb.grid("学习考勤")).toEqual([["日期", "出勤"]]);
  });
});

describe("request counting and payload limits", () => {
  test("each sync is counted with its request and response size", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    const big = Array.from({ length: 200 }, (_, i) => [`党员${i}`, i, "备注：按时参加组织生活"]);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet 2");
      ws.getRange("A1").values = [["x"]];
      await ctx.sync();
      ws.getRange("A1:C200").values = big;
      await ctx.sync();
      await ctx.sync(); // an explicit empty sync still counts
      const r = ws.getRange("A1:C200");
      r.load("values");
      await ctx.sync();
    });
    const [small, large, empty, read] = excel.stats.requests;
    expect(excel.stats.syncs).toBe(4);
    expect(small?.ops).toBe(1);
    expect(large?.bytes).toBeGreaterThan(utf8(big));
    expect((large?.bytes ?? 0) - (small?.bytes ?? 0)).toBeGreaterThanOrEqual(utf8(big) - utf8([["x"]]));
    expect(empty).toMatchObject({ ops: 0, responseBytes: utf8({ Results: [] }) });
    expect(read?.responseBytes).toBeGreaterThan(utf8(big));
    expect(excel.stats.maxRequestBytes).toBe(large?.bytes);
    expect(excel.stats.maxResponseBytes).toBe(read?.responseBytes);
    excel.stats.reset();
    expect(excel.stats).toMatchObject({ syncs: 0, requests: [], maxRequestBytes: 0, maxResponseBytes: 0 });
  });

  test("a request over the limit rejects with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb, { payloadLimitBytes: 10_000 });
    const rows = Array.from({ length: 300 }, (_, i) => [`第${i}行`, "一二三四五六七八九十"]);
    const failure = excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet 2");
      ws.name = "改名了"; // in the same request: must not happen either
      ws.getRange("A1:B300").values = rows;
      await ctx.sync();
    });
    await expect(failure).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(wb.sheetNames()).toEqual(["党员名册", "Sheet 2"]);
    expect(wb.grid("Sheet 2")).toEqual([]);
    expect(excel.stats.requests[0]?.bytes).toBeGreaterThan(10_000);
  });

  test("a response over the limit rejects with ResponsePayloadSizeLimitExceeded and applies nothing", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`第${i}行`, "一二三四五六七八九十"]);
    const wb = FakeWorkbook.fromGrids([{ name: "数据", rows }]);
    const excel = createFakeExcel(wb, { payloadLimitBytes: 10_000 });
    const failure = excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("数据");
      ws.getRange("C1").values = [["写入"]];
      ws.getRange("A1:B400").load("values");
      await ctx.sync();
    });
    await expect(failure).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(wb.cell("数据", "C1").value).toBe("");
  });
});

describe("values and number formats", () => {
  test("a values array must match the range exactly, else the sync rejects with InvalidArgument", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    const failure = excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet 2");
      ws.getRange("D1").values = [["之前"]];
      ws.getRange("A1:B2").values = [["a", "b", "c"], ["d", "e", "f"]];
      ws.getRange("E1").values = [["之后"]];
      await ctx.sync();
    });
    await expect(failure).rejects.toMatchObject({ code: "InvalidArgument" });
    // Excel stops at the failing operation; what ran before it stays.
    expect(wb.grid("Sheet 2")).toEqual([["", "", "", "之前"]]);
  });

  test("ragged rows, NaN and undefined are refused; null leaves a cell alone; one value fills the range", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    const write = (values: unknown) =>
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("党员名册").getRange("A2:B3").values = values as string[][];
        await ctx.sync();
      });
    await expect(write([["a", "b"], ["c"]])).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(write([["a", Number.NaN], ["c", "d"]])).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(write([["a", undefined], ["c", "d"]])).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(write(null)).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(wb.grid("党员名册")).toEqual([["姓名", "出生日期"], ["张三", 32874], ["李四"]]);
    await write([[null, 1], ["", null]]);
    expect(wb.grid("党员名册")).toEqual([["姓名", "出生日期"], ["张三", 1]]); // row 3 is blank now
    await write("同");
    expect(wb.grid("党员名册")).toEqual([["姓名", "出生日期"], ["同", "同"], ["同", "同"]]);
  });

  test('"=SUM(1)" is text in a "@" cell and a formula otherwise', async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet 2");
      const text = ws.getRange("A1:A2");
      text.numberFormat = [["@"], ["@"]]; // before the values, in the same request
      text.values = [["=SUM(1)"], ["-cmd|' /C calc'!A0"]];
      ws.getRange("B1:B2").values = [["=SUM(1)"], ["-cmd|' /C calc'!A0"]];
      await ctx.sync();
    });
    expect(wb.cell("Sheet 2", "A1")).toMatchObject({ value: "=SUM(1)", formula: null, numberFormat: "@" });
    expect(wb.cell("Sheet 2", "A2")).toMatchObject({ value: "-cmd|' /C calc'!A0", formula: null });
    expect(wb.cell("Sheet 2", "B1")).toMatchObject({ formula: "=SUM(1)" });
    expect(wb.cell("Sheet 2", "B2").formula).toBe("=-cmd|' /C calc'!A0");
  });

  test("the format must be there before the value: formatting afterwards does not undo a formula", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Sheet 2").getRange("A1");
      cell.values = [["=1+1"]];
      cell.numberFormat = [["@"]];
      await ctx.sync();
    });
    expect(wb.cell("Sheet 2", "A1")).toMatchObject({ formula: "=1+1", numberFormat: "@" });
  });

  test("text is typed in as Excel would: numbers and TRUE/FALSE convert unless the cell is text", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet 2");
      ws.getRange("A1:D1").values = [["007", "-2.5", "TRUE", "+"]];
      const t = ws.getRange("A2:B2");
      t.numberFormat = "@" as unknown as string[][];
      t.values = [["007", "TRUE"]];
      await ctx.sync();
    });
    expect(wb.grid("Sheet 2")).toEqual([
      [7, -2.5, true, "+"],
      ["007", "TRUE"],
    ]);
  });

  test("dates come back as serial numbers; the number format says they are dates", async () => {
    const wb = FakeWorkbook.fromGrids([{ name: "学习考勤", rows: [["姓名", 45292, 45323]] }]);
    wb.setNumberFormat("学习考勤", "B1:C1", "yyyy-mm-dd");
    const excel = createFakeExcel(wb);
    const read = await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("学习考勤").getRange("A1:C1");
      r.load("values,numberFormat");
      await ctx.sync();
      return { values: r.values, formats: r.numberFormat };
    });
    expect(read).toEqual({ values: [["姓名", 45292, 45323]], formats: [["General", "yyyy-mm-dd", "yyyy-mm-dd"]] });
  });
});

describe("null objects", () => {
  test("getItemOrNullObject: isNullObject after load + sync; chained objects are null too", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("结果");
      const present = ctx.workbook.worksheets.getItemOrNullObject("党员名册");
      expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
      missing.load("isNullObject");
      present.load("name");
      const cell = missing.getRange("A1");
      cell.load("values");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("党员名册");
      expect(cell.isNullObject).toBe(true);
      expect(() => cell.values).toThrow(/null object/);
      expect(() => missing.name).toThrow(/null object/);
      // Writes and calls on a null object are ignored, as in Office.js.
      missing.getRange("A1").values = [["x"]];
      missing.activate();
      await ctx.sync();
    });
    expect(excel.stats.ignoredNullObjectCalls).toBe(2);
    expect(wb.sheetNames()).toEqual(["党员名册", "Sheet 2"]);
    expect(wb.activeSheet()).toBe("党员名册");
  });

  test("getUsedRangeOrNullObject: null on an empty sheet, else the bounding box", async () => {
    const wb = FakeWorkbook.fromGrids([
      { name: "空", rows: [] },
      { name: "数据", rows: [[null, null, null], [null, "a", null], [null, null, null], [null, null, 5]] },
    ]);
    wb.setNumberFormat("数据", "E7", "0.00");
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const empty = ctx.workbook.worksheets.getItem("空").getUsedRangeOrNullObject(true);
      const values = ctx.workbook.worksheets.getItem("数据").getUsedRangeOrNullObject(true);
      const withFormats = ctx.workbook.worksheets.getItem("数据").getUsedRangeOrNullObject();
      empty.load("isNullObject");
      values.load("isNullObject,address,rowIndex,columnIndex,rowCount,columnCount");
      withFormats.load("address");
      await ctx.sync();
      expect(empty.isNullObject).toBe(true);
      expect(() => empty.rowCount).toThrow(FakeOfficeError);
      expect(values.isNullObject).toBe(false);
      expect([values.address, values.rowIndex, values.columnIndex, values.rowCount, values.columnCount]).toEqual(["数据!B2:C4", 1, 1, 3, 2]);
      expect(withFormats.address).toBe("数据!B2:E7"); // a formatted cell counts unless valuesOnly
    });
  });
});

describe("worksheets", () => {
  test("add, activate, select, delete", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const added = sheets.add("综合评定");
      added.getRange("A1").values = [["结果"]];
      added.activate();
      added.getRange("B3").select();
      sheets.getItem("Sheet 2").delete();
      added.load("name,position");
      await ctx.sync();
      expect([added.name, added.position]).toEqual(["综合评定", 1]);
    });
    expect(wb.sheetNames()).toEqual(["党员名册", "综合评定"]);
    expect(wb.activeSheet()).toBe("综合评定");
    expect(wb.selection()).toEqual({ sheet: "综合评定", address: "B3" });

    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("综合评定").delete(); // the active sheet: its neighbour becomes active
      await ctx.sync();
    });
    expect(wb.activeSheet()).toBe("党员名册");
  });

  test("add fails at sync for a taken name (case-insensitive) or an invalid one", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    const add = (name: string) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.add(name);
        ws.load("name");
        await ctx.sync();
      });
    await expect(add("sheet 2")).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(add("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二")).rejects.toMatchObject({ code: "InvalidArgument" });
    for (const bad of ["a:b", "a/b", "a\\b", "a?b", "a*b", "a[b]", "", "'x"]) await expect(add(bad)).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(wb.sheetNames()).toEqual(["党员名册", "Sheet 2"]);
  });

  test("getItem fails at sync (not at the call) with ItemNotFound; the last sheet cannot be deleted", async () => {
    const wb = FakeWorkbook.fromGrids([{ name: "唯一", rows: [] }]);
    const excel = createFakeExcel(wb);
    await expect(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("不存在");
        ws.load("name");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("唯一").delete();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  test("getActiveWorksheet and getActiveCell", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet 2").getRange("C4:D5").select();
      const active = ctx.workbook.worksheets.getActiveWorksheet();
      const cell = ctx.workbook.getActiveCell();
      active.load("name");
      cell.load("address");
      await ctx.sync();
      expect(active.name).toBe("Sheet 2");
      expect(cell.address).toBe("'Sheet 2'!C4");
    });
  });
});

describe("requirement sets", () => {
  test("isSetSupported answers for ExcelApi up to maxApiVersion", () => {
    const excel = createFakeExcel(roster(), { maxApiVersion: "1.8" });
    expect(excel.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(excel.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(excel.requirements.isSetSupported("ExcelApi")).toBe(true);
    expect(excel.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
    expect(createFakeExcel(roster()).requirements.isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(createFakeExcel(roster()).requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  });

  test("members above the version throw ApiNotFound when called; below it they work", async () => {
    const old = createFakeExcel(roster(), { maxApiVersion: "1.7" });
    await old.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("党员名册");
      expect(() => ws.pageLayout).toThrow(/ApiNotFound.*Worksheet\.pageLayout.*ExcelApi 1\.9/);
      expect(() => ws.autoFilter).toThrow(/ApiNotFound/);
      expect(() => ws.getRange("A2:A3").dataValidation).toThrow(/ApiNotFound.*ExcelApi 1\.8/);
      ws.freezePanes.freezeRows(1); // 1.7: fine
      ctx.workbook.application.suspendApiCalculationUntilNextSync(); // 1.6: fine
      await ctx.sync();
    });
    const ancient = createFakeExcel(roster(), { maxApiVersion: "1.3" });
    await ancient.run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItemOrNullObject("x")).toThrow(/ApiNotFound/);
      expect(() => ctx.workbook.worksheets.getItem("党员名册").getUsedRangeOrNullObject()).toThrow(/ApiNotFound/);
      expect(() => ctx.workbook.worksheets.getItem("党员名册").getRangeByIndexes(0, 0, 1, 1)).toThrow(/ApiNotFound/);
      expect(() => ctx.workbook.application.suspendApiCalculationUntilNextSync()).toThrow(/ApiNotFound/);
      await ctx.sync();
    });
  });

  test("a scalar property above the version fails at sync (Office.js does not check it on the client)", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb, { maxApiVersion: "1.6" });
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("党员名册").tabColor = "#FF0000";
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(wb.sheet("党员名册").tabColor).toBe("");
  });
});

describe("addresses, formatting and sheet settings", () => {
  test("addresses quote sheet names the way Excel does", async () => {
    expect(quoteSheetName("学习考勤")).toBe("学习考勤");
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("Sheet 2")).toBe("'Sheet 2'");
    expect(quoteSheetName("2024")).toBe("'2024'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("学习（考勤）")).toBe("'学习（考勤）'");
    expect(quoteSheetName("O'Neil")).toBe("'O''Neil'");
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("党员名册").getRange("b2:a1");
      const b = ctx.workbook.worksheets.getItem("Sheet 2").getRange("C:D");
      const c = ctx.workbook.worksheets.getItem("Sheet 2").getRange("'Sheet 2'!$3:$3");
      a.load("address");
      b.load("address,rowCount");
      c.load("address,columnCount");
      await ctx.sync();
      expect(a.address).toBe("党员名册!A1:B2");
      expect([b.address, b.rowCount]).toEqual(["'Sheet 2'!C:D", 1048576]);
      expect([c.address, c.columnCount]).toEqual(["'Sheet 2'!3:3", 16384]);
    });
  });

  test("formatting, widths, frozen rows, page layout, auto filter and validations are recorded", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb, { maxApiVersion: "1.9" });
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("党员名册");
      const header = ws.getRange("A1:B1");
      header.format.font.bold = true;
      header.format.font.color = "#ffffff";
      header.format.font.size = 12;
      header.format.fill.color = "#C00000";
      header.format.horizontalAlignment = "Center";
      header.format.verticalAlignment = "Center";
      header.format.wrapText = true;
      ws.getRange("B:B").format.columnWidth = 80;
      ws.getRange("A2").format.rowHeight = 30;
      ws.freezePanes.freezeRows(1);
      ws.tabColor = "#00b050";
      ws.pageLayout.orientation = "Landscape";
      ws.pageLayout.paperSize = "A4";
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.setPrintTitleRows("$1:$1");
      ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = "第一党支部 && 2024";
      ws.autoFilter.apply(ws.getRange("A1:B3"));
      const list = ws.getRange("B2:B3").dataValidation;
      list.rule = { list: { inCellDropDown: true, source: "优秀,合格,基本合格,不合格" } };
      list.errorAlert = { showAlert: true, style: "Stop", title: "输入值不在列表中", message: "请选择列表中的一项" };
      list.prompt = { showPrompt: true, title: "评定等次", message: "从下拉列表选择" };
      await ctx.sync();
    });
    expect(wb.cell("党员名册", "A1")).toMatchObject({
      bold: true,
      fontColor: "#FFFFFF",
      fontSize: 12,
      fillColor: "#C00000",
      horizontalAlignment: "Center",
      verticalAlignment: "Center",
      wrapText: true,
    });
    expect(wb.cell("党员名册", "A2")).toMatchObject({ bold: false, fillColor: null, rowHeight: 30, columnWidth: 48 });
    expect(wb.cell("党员名册", "B9").columnWidth).toBe(80);
    const sheet = wb.sheet("党员名册");
    expect(sheet).toMatchObject({ frozenRows: 1, tabColor: "#00B050", autoFilter: "A1:B3", columnWidths: { B: 80 }, rowHeights: { 2: 30 } });
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      printTitleRows: "$1:$1",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHeader: "第一党支部 && 2024",
    });
    expect(sheet.validations).toEqual([
      {
        address: "B2:B3",
        rule: { list: { inCellDropDown: true, source: "优秀,合格,基本合格,不合格" } },
        errorAlert: { showAlert: true, style: "Stop", title: "输入值不在列表中", message: "请选择列表中的一项" },
        prompt: { showPrompt: true, title: "评定等次", message: "从下拉列表选择" },
      },
    ]);
  });

  test("Excel's data-validation limits are enforced; clear() removes the validation", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    const set = (apply: (dv: Excel.DataValidation) => void) =>
      excel.run(async (ctx) => {
        apply(ctx.workbook.worksheets.getItem("党员名册").getRange("B2:B3").dataValidation);
        await ctx.sync();
      });
    await expect(set((dv) => (dv.prompt = { showPrompt: true, title: "t", message: "长".repeat(256) }))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(set((dv) => (dv.errorAlert = { showAlert: true, style: "Stop", title: "标".repeat(33), message: "" }))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(set((dv) => (dv.rule = { list: { inCellDropDown: true, source: "选项,".repeat(90) } }))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(set((dv) => (dv.rule = { list: { inCellDropDown: true, source: "a" }, custom: { formula: "=1" } }))).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(wb.sheet("党员名册").validations).toEqual([]);
    await set((dv) => (dv.rule = { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }));
    expect(wb.sheet("党员名册").validations).toHaveLength(1);
    await set((dv) => dv.clear());
    expect(wb.sheet("党员名册").validations).toEqual([]);
  });

  test("Range navigation: getCell, getResizedRange, getRangeByIndexes, getRow", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("党员名册");
      const base = ws.getRange("B2:C4");
      const parts = [base.getCell(1, 1), base.getResizedRange(1, -1), ws.getRangeByIndexes(2, 0, 2, 3), base.getRow(2)];
      parts.forEach((p) => p.load("address"));
      await ctx.sync();
      expect(parts.map((p) => p.address)).toEqual(["党员名册!C3", "党员名册!B2:B5", "党员名册!A3:C4", "党员名册!B4:C4"]);
    });
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("党员名册").getRangeByIndexes(0, 0, 0, 1).load("address");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("clear() resets contents and formats", async () => {
    const wb = roster();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("党员名册").getRange("A1:B2");
      r.format.font.bold = true;
      await ctx.sync();
      r.clear();
      await ctx.sync();
    });
    expect(wb.grid("党员名册")).toEqual([[], [], ["李四"]]);
    expect(wb.cell("党员名册", "A1").bold).toBe(false);
  });
});

describe("strictness of the fake itself", () => {
  test("members the fake does not model fail loudly", async () => {
    const excel = createFakeExcel(roster());
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("党员名册").getRange("A1") as unknown as Record<string, unknown>;
      expect(() => r["text"]).toThrow(/not modelled/);
      expect(() => {
        r["valuesAsJson"] = [[1]];
      }).toThrow(/not modelled/);
      expect(() => {
        r["address"] = "B2";
      }).toThrow(/read-only/);
      expect(() => ctx.workbook.worksheets.getItem("党员名册").getRange("A1").load("text")).toThrow(/not modelled/);
      await ctx.sync();
    });
  });

  test("FakeWorkbook helpers: fromGrids, grid, cell", () => {
    const wb = FakeWorkbook.fromGrids([{ name: "表", rows: [["=1+1", null, true], [], [null, 3, ""]] }]);
    expect(wb.sheetNames()).toEqual(["表"]);
    expect(wb.grid("表")).toEqual([["=1+1", "", true], [], ["", 3]]);
    expect(wb.cell("表", "A1")).toMatchObject({ value: "=1+1", formula: null, numberFormat: "General" }); // fromGrids stores literal text
    expect(() => wb.grid("无")).toThrow(/no sheet/);
    expect(wb.activeSheet()).toBe("表");
    expect(wb.selection()).toEqual({ sheet: "表", address: "A1" });
  });
});
