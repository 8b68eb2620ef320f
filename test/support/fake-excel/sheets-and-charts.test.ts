/**
 * The fake's model of what the add-in's free sheets use: merged cells, borders, RangeAreas
 * (getRanges), row heights, print areas, page breaks and charts — each as Office.js documents
 * it, and failing loudly where Excel's answer is not known.
 */
import { createFakeExcel, FakeWorkbook } from "./index";

function form(): FakeWorkbook {
  return FakeWorkbook.fromGrids([
    {
      name: "推荐表",
      rows: [
        ["推荐表", "左上以外", "x"],
        ["姓名", "张三", null],
        ["等次", "人数", "出勤率"],
        ["优秀", 3, 0.9],
        ["合格", 20, 0.8],
      ],
    },
    { name: "Sheet2", rows: [] },
  ]);
}

describe("merged cells", () => {
  test("merge keeps the top-left value only; across merges each row; unmerge undoes any area it meets", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      ws.getRange("A1:C1").merge();
      ws.getRange("D2:F3").merge(true);
      await ctx.sync();
    });
    expect(wb.grid("推荐表")[0]).toEqual(["推荐表"]);
    expect(wb.sheet("推荐表").merges).toEqual(["A1:C1", "D2:F2", "D3:F3"]);
    expect(wb.cell("推荐表", "B1").mergedArea).toBe("A1:C1");
    expect(wb.cell("推荐表", "A2").mergedArea).toBeNull();

    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("推荐表").getRange("E3").unmerge();
      await ctx.sync();
    });
    expect(wb.sheet("推荐表").merges).toEqual(["A1:C1", "D2:F2"]);
  });

  test("a block holding merged areas absorbs them; one cutting through a merged area is not modelled", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      ws.getRange("B2:C2").merge();
      ws.getRange("A2:D3").merge();
      await ctx.sync();
    });
    expect(wb.sheet("推荐表").merges).toEqual(["A2:D3"]);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("推荐表").getRange("D3:E3").merge();
        await ctx.sync();
      }),
    ).rejects.toThrow(/not modelled/);
  });

  test("a value for a cell under a merged area (not its top-left) is not modelled; the top-left takes one", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("推荐表").getRange("A1:C1").merge();
      await ctx.sync();
    });
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("推荐表").getRange("A1:B1").values = [["标题", "x"]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/under the merged area A1:C1/);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("推荐表").getRange("A1:C1").values = [["新标题", null, null]];
      await ctx.sync();
    });
    expect(wb.grid("推荐表")[0]).toEqual(["新标题"]);
  });

  test("getMergedAreasOrNullObject (ExcelApi 1.13): whole areas the range meets, or a null object", async () => {
    const wb = form();
    const excel = createFakeExcel(wb, { maxApiVersion: "1.13" });
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      ws.getRange("A1:C1").merge();
      ws.getRange("B4:C5").merge();
      const some = ws.getRange("B1:B4").getMergedAreasOrNullObject();
      const none = ws.getRange("A3").getMergedAreasOrNullObject();
      some.load("address,areaCount,cellCount");
      none.load("isNullObject");
      await ctx.sync();
      expect([some.address, some.areaCount, some.cellCount]).toEqual(["推荐表!A1:C1, 推荐表!B4:C5", 2, 7]);
      expect(none.isNullObject).toBe(true);
    });
    await createFakeExcel(wb).run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem("推荐表").getRange("A1").getMergedAreasOrNullObject()).toThrow(/ApiNotFound.*1\.13/);
      await ctx.sync();
    });
    await createFakeExcel(wb, { maxApiVersion: "1.1" }).run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem("推荐表").getRange("A1:B1").merge()).toThrow(/ApiNotFound.*1\.2/);
      await ctx.sync();
    });
  });
});

describe("borders and RangeAreas", () => {
  test("edges and inside lines of a block; a line shows from either cell; reads are uniform or null", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("推荐表").getRange("B2:C3");
      for (const i of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
        r.format.borders.getItem(i).style = "Continuous";
        r.format.borders.getItem(i).color = "#bfbfbf";
      }
      await ctx.sync();
      const top = r.format.borders.getItem("EdgeTop");
      const aroundA = ctx.workbook.worksheets.getItem("推荐表").getRange("A2:A3").format.borders.getItem("EdgeRight");
      const onlyA = ctx.workbook.worksheets.getItem("推荐表").getRange("A2:A3").format.borders.getItem("EdgeLeft");
      top.load("style,color");
      aroundA.load("style");
      onlyA.load("style");
      await ctx.sync();
      expect([top.style, top.color]).toEqual(["Continuous", "#BFBFBF"]);
      expect(aroundA.style).toBe("Continuous"); // B2:B3's left edge is A2:A3's right
      expect(onlyA.style).toBe("None");
    });
    const line = { style: "Continuous", color: "#BFBFBF" };
    expect(wb.cell("推荐表", "B2").borders).toEqual({ top: line, bottom: line, left: line, right: line });
    expect(wb.cell("推荐表", "A2").borders).toEqual({ top: null, bottom: null, left: null, right: line });
    expect(wb.cell("推荐表", "B1").borders.bottom).toEqual(line);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("推荐表").getRange("A1").format.borders.getItem("EdgeTop").style = "Thick" as Excel.BorderLineStyle;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await excel.run(async (ctx) => {
      const borders = ctx.workbook.worksheets.getItem("推荐表").getRange("A1").format.borders;
      expect(() => borders.getItem("DiagonalUp")).toThrow(/not modelled/);
      await ctx.sync();
    });
  });

  test("getRanges (ExcelApi 1.9): one format write reaches every block; row heights on entire rows", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      const areas = ws.getRanges("A1:B1, D4; C2");
      areas.format.fill.color = "#F2F2F2";
      areas.format.font.bold = true;
      areas.format.borders.getItem("EdgeBottom").style = "Continuous";
      ws.getRanges("2:2,5:6").format.rowHeight = 40;
      areas.load("address,areaCount,cellCount");
      await ctx.sync();
      expect([areas.address, areas.areaCount, areas.cellCount]).toEqual(["推荐表!A1:B1, 推荐表!D4, 推荐表!C2", 3, 4]);
      const fill = areas.format.fill;
      fill.load("color");
      await ctx.sync();
      expect(fill.color).toBe("#F2F2F2");
    });
    for (const a of ["A1", "B1", "D4", "C2"]) expect(wb.cell("推荐表", a)).toMatchObject({ fillColor: "#F2F2F2", bold: true });
    expect(wb.cell("推荐表", "C1").fillColor).toBeNull();
    expect(wb.cell("推荐表", "D4").borders.bottom).toEqual({ style: "Continuous", color: "#000000" });
    expect(wb.sheet("推荐表").rowHeights).toEqual({ 2: 40, 5: 40, 6: 40 });
  });

  test("getRanges refuses an address over 8,192 characters and another sheet's cells, at sync; needs 1.9", async () => {
    const excel = createFakeExcel(form());
    const long = Array.from({ length: 1200 }, (_, i) => `A${i * 2 + 1}:B${i * 2 + 1}`).join(",");
    expect(long.length).toBeGreaterThan(8192);
    for (const address of [long, "Sheet2!A1, A2", "A1,,B2"]) {
      await expect(
        excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("推荐表").getRanges(address).format.font.bold = true;
          await ctx.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidArgument" });
    }
    await createFakeExcel(form(), { maxApiVersion: "1.8" }).run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem("推荐表").getRanges("A1")).toThrow(/ApiNotFound.*1\.9/);
      await ctx.sync();
    });
  });
});

describe("print area and page breaks (ExcelApi 1.9)", () => {
  test("setPrintArea takes an address, a Range or a RangeAreas of this sheet", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    const set = (pick: (ws: Excel.Worksheet) => Excel.Range | Excel.RangeAreas | string) =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("推荐表");
        ws.pageLayout.setPrintArea(pick(ws));
        await ctx.sync();
      });
    await set(() => "A2:F40");
    expect(wb.sheet("推荐表").pageLayout.printArea).toBe("$A$2:$F$40");
    await set((ws) => ws.getRange("B1:C9"));
    expect(wb.sheet("推荐表").pageLayout.printArea).toBe("$B$1:$C$9");
    await set((ws) => ws.getRanges("A1:F20,A22:F40"));
    expect(wb.sheet("推荐表").pageLayout.printArea).toBe("$A$1:$F$20,$A$22:$F$40");
    await expect(set(() => "Sheet2!A1:B2")).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("setPrintMargins in inches or centimetres is kept in points; margins not given stay", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    expect(wb.sheet("推荐表").pageLayout.margins).toEqual({ top: 54, bottom: 54, left: 50.4, right: 50.4, header: 21.6, footer: 21.6 });
    await excel.run(async (ctx) => {
      const layout = ctx.workbook.worksheets.getItem("推荐表").pageLayout;
      layout.setPrintMargins("Inches", { left: 0.5, right: 0.5 });
      layout.setPrintMargins("Centimeters", { top: 2.54 });
      layout.load("leftMargin,topMargin,bottomMargin");
      await ctx.sync();
      expect([layout.leftMargin, layout.topMargin]).toEqual([36, 72]);
    });
    expect(wb.sheet("推荐表").pageLayout.margins).toEqual({ top: 72, bottom: 54, left: 36, right: 36, header: 21.6, footer: 21.6 });
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("推荐表").pageLayout.setPrintMargins("Inches", { gutter: 1 } as Excel.PageLayoutMarginOptions);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("horizontalPageBreaks.add puts a break above the range, even when its result is not used", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const breaks = ctx.workbook.worksheets.getItem("推荐表").horizontalPageBreaks;
      breaks.add("A21");
      breaks.add("C41:D41");
      const b = breaks.add("A21");
      b.load("rowIndex");
      await ctx.sync();
      expect(b.rowIndex).toBe(20);
    });
    expect(wb.sheet("推荐表").rowBreaks).toEqual([21, 41]);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("推荐表").horizontalPageBreaks.add("A1");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("推荐表").horizontalPageBreaks.removePageBreaks();
      await ctx.sync();
    });
    expect(wb.sheet("推荐表").rowBreaks).toEqual([]);
    await createFakeExcel(wb, { maxApiVersion: "1.8" }).run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem("推荐表").horizontalPageBreaks).toThrow(/ApiNotFound.*1\.9/);
      await ctx.sync();
    });
  });
});

describe("charts", () => {
  test("add over a text header row and a text first column: one series per value column, named by the header", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      const chart = ws.charts.add("ColumnClustered", ws.getRange("A3:C5"), "Columns");
      chart.series.load("count");
      ws.charts.load("count");
      await ctx.sync();
      expect(chart.series.count).toBe(2);
      expect(ws.charts.count).toBe(1);
    });
    expect(wb.sheet("推荐表").charts).toEqual([
      {
        name: "Chart 1",
        chartType: "ColumnClustered",
        title: "",
        titleVisible: false,
        position: null,
        series: [
          { name: "人数", values: "B4:B5", categories: "A4:A5" },
          { name: "出勤率", values: "C4:C5", categories: "A4:A5" },
        ],
      },
    ]);
  });

  test("values only, then category labels, title and position set; a one-series chart is titled by its series", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      const chart = ws.charts.add("LineMarkers", ws.getRange("B3:B5"), "Columns");
      chart.title.load("text,visible");
      await ctx.sync();
      expect([chart.title.text, chart.title.visible]).toEqual(["人数", true]);
      chart.series.getItemAt(0).setXAxisValues(ws.getRange("A4:A5"));
      chart.title.text = "各等次人数";
      chart.setPosition("E2", ws.getRange("J12:K14"));
      await ctx.sync();
    });
    expect(wb.sheet("推荐表").charts[0]).toMatchObject({
      chartType: "LineMarkers",
      title: "各等次人数",
      position: "E2:K14",
      series: [{ name: "人数", values: "B4:B5", categories: "A4:A5" }],
    });
  });

  test("an add whose result is not used still makes the chart; the chart goes with its sheet", async () => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("推荐表");
      ws.charts.add("Pie", ws.getRange("B3:B5"), "Columns");
      await ctx.sync();
    });
    expect(wb.sheet("推荐表").charts).toHaveLength(1);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("推荐表").delete();
      const again = ctx.workbook.worksheets.add("推荐表");
      again.charts.load("count");
      await ctx.sync();
      expect(again.charts.count).toBe(0);
    });
  });

  test("what Excel would have to guess is not modelled: Auto, a number header, dates or a blank corner", async () => {
    const wb = FakeWorkbook.fromGrids([{ name: "图", rows: [["日期", "人数"], [40441, 3], [40448, 4], [null, null], [2010, 2011], [1, 2]] }]);
    wb.setNumberFormat("图", "A2:A3", "yyyy-mm-dd");
    const excel = createFakeExcel(wb);
    const add = (address: string, seriesBy: "Auto" | "Columns" = "Columns") =>
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("图");
        ws.charts.add("ColumnClustered", ws.getRange(address), seriesBy);
        await ctx.sync();
      });
    await expect(add("A1:B3", "Auto")).rejects.toThrow(/not modelled/);
    await expect(add("A1:B3")).rejects.toThrow(/dates in the first column/);
    await expect(add("A5:B6")).rejects.toThrow(/first row is not all text/);
    await expect(add("A4:B6")).rejects.toThrow(/blank top-left/);
    await expect(add("B1:B3")).resolves.toBeUndefined();
    await expect(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("图");
        ws.charts.add("Pie", ws.getRange("B1:B3"), "Columns").series.getItemAt(1).setXAxisValues(ws.getRange("A2:A3"));
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await createFakeExcel(wb, { maxApiVersion: "1.6" }).run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("图");
      expect(() => ws.charts.getItemAt(0).series.getItemAt(0).setXAxisValues(ws.getRange("A2:A3"))).toThrow(/ApiNotFound.*1\.7/);
      await ctx.sync();
    });
  });
});

test("dump: two workbooks built the same way dump equal, whatever their sheets' internal ids", async () => {
  const build = async (extra: boolean): Promise<unknown> => {
    const wb = form();
    const excel = createFakeExcel(wb);
    await excel.run(async (ctx) => {
      if (extra) {
        ctx.workbook.worksheets.add("临时").load("name");
        await ctx.sync();
        ctx.workbook.worksheets.getItem("临时").delete();
      }
      const ws = ctx.workbook.worksheets.add("结果");
      ws.getRange("A1:B3").values = [["标题", ""], ["人数", ""], [3, ""]];
      ws.getRange("A1:B1").merge();
      ws.charts.add("Pie", ws.getRange("A2:A3"), "Columns");
      await ctx.sync();
    });
    return wb.dump();
  };
  const a = await build(false);
  expect(await build(true)).toEqual(a);
  expect(JSON.stringify(a)).not.toContain("fake-sheet");
});
