/**
 * 年度总结 and 推荐表 in a real .xlsx: the demo through the command line's calcFile, read back by
 * python3-openpyxl (a reader we did not write): values, number formats, merges, print area,
 * manual page breaks, print titles, orientation, fit to width, page header, the chart note and
 * no chart parts. A second calc replaces both sheets; a foreign sheet of the same name stays.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { a1 } from "../../src/core/address";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { cellText } from "../../src/workbook/cells";
import { FORMS_SHEET, OUTPUT_MARK, YEAR_SUMMARY_SHEET } from "../../src/workbook/layout";
import type { FreeSheet } from "../../src/workbook/sheetdoc";
import { SIGNATURE_LINE } from "../../src/workbook/yearend";
import { workbookBytes } from "../../src/xlsx/host";
import { gridOf, gridsOf, tempDir } from "../support/files";

/** What openpyxl sees of one sheet: every non-empty cell with its number format, and the setup. */
const INSPECT = `
import datetime, json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames}
for name in sys.argv[2:]:
    ws = wb[name]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            v = c.value
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = v.isoformat()
            cells[c.coordinate] = {"v": v, "t": c.data_type, "fmt": c.number_format}
    fit = ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None
    out[name] = {
        "cells": cells,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "printArea": ws.print_area,
        "printTitleRows": ws.print_title_rows,
        "rowBreaks": [b.id for b in ws.row_breaks.brk],
        "orientation": ws.page_setup.orientation,
        "paperSize": ws.page_setup.paperSize,
        "fitToPage": fit,
        "fitToWidth": ws.page_setup.fitToWidth,
        "fitToHeight": ws.page_setup.fitToHeight,
        "header": ws.oddHeader.center.text,
        "footer": ws.oddFooter.center.text,
        "firstPageNumber": ws.page_setup.firstPageNumber,
        "useFirstPageNumber": ws.page_setup.useFirstPageNumber,
        "freeze": ws.freeze_panes,
        "heights": {str(k): d.height for k, d in ws.row_dimensions.items() if d.height is not None},
    }
print(json.dumps(out, ensure_ascii=False))
`;

interface PyCell {
  v: string | number | boolean;
  t: string;
  fmt: string;
}
interface PySheet {
  cells: Record<string, PyCell>;
  merges: string[];
  printArea: string | string[] | null;
  printTitleRows: string | null;
  rowBreaks: number[];
  orientation: string | null;
  paperSize: number | null;
  fitToPage: boolean | null;
  fitToWidth: number | null;
  fitToHeight: number | null;
  header: string | null;
  footer: string | null;
  firstPageNumber: number | null;
  useFirstPageNumber: boolean | null;
  freeze: string | null;
  heights: Record<string, number>;
}

function inspect(file: string, ...sheets: string[]): { sheets: string[] } & Record<string, PySheet> {
  const r = spawnSync("/usr/bin/python3", ["-c", INSPECT, file, ...sheets], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { sheets: string[] } & Record<string, PySheet>;
}

const area = (a: string | string[] | null): string => (Array.isArray(a) ? a.join(",") : (a ?? "")).replace(/\$/g, "").replace(/^'?[^!]*'?!/, "");

describe("the computed demo holds 年度总结 and 推荐表 as openpyxl reads them", () => {
  let dir: string;
  let out: string;
  let summary: FreeSheet;
  let forms: FreeSheet;
  let py: { sheets: string[] } & Record<string, PySheet>;

  beforeAll(async () => {
    dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    await initWorkbook(file, { demo: true });
    out = path.join(dir, "out.xlsx");
    const { run } = await calcFile(file, { out });
    const find = (name: string): FreeSheet => {
      const o = run.outputs.find((x) => x.name === name);
      if (!o || o.kind !== "free") throw new Error(`no ${name}`);
      return o;
    };
    summary = find(YEAR_SUMMARY_SHEET.name);
    forms = find(FORMS_SHEET.name);
    py = inspect(out, YEAR_SUMMARY_SHEET.name, FORMS_SHEET.name);
  }, 60_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("the five output sheets follow the input sheets, in order", () => {
    expect(py.sheets.slice(-6)).toEqual(["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"]);
  });

  test("every cell of both models is in the file with its value; numbers stay numbers, text stays text", () => {
    for (const [sheet, model] of [
      [py[YEAR_SUMMARY_SHEET.name] as PySheet, summary],
      [py[FORMS_SHEET.name] as PySheet, forms],
    ] as const) {
      model.cells.forEach((row, r) =>
        row.forEach((v, c) => {
          const got = sheet.cells[a1(r, c)];
          if (v === null) {
            // Empty in the model: empty in the file (no chart note: exceljs draws no chart and says nothing of it).
            expect({ cell: a1(r, c), got }).toEqual({ cell: a1(r, c), got: undefined });
          } else if (v instanceof Date) {
            expect({ cell: a1(r, c), v: got?.v }).toEqual({ cell: a1(r, c), v: v.toISOString().slice(0, 19) });
          } else if (typeof v === "number") {
            expect({ cell: a1(r, c), v: got?.v, t: got?.t }).toEqual({ cell: a1(r, c), v, t: "n" });
          } else {
            expect({ cell: a1(r, c), v: got?.v, t: got?.t }).toEqual({ cell: a1(r, c), v, t: "s" });
          }
        }),
      );
    }
  });

  test("年度总结: title, the mark in the footer, percent formats, no chart note, portrait A4 with page breaks before 三 and 四", () => {
    const s = py[YEAR_SUMMARY_SHEET.name] as PySheet;
    expect(String(s.cells.A1?.v)).toContain("年度总结 — ");
    expect(String(s.cells.A1?.v)).not.toContain(OUTPUT_MARK);
    // The mark, then the page number, which restarts on this sheet.
    expect([s.footer, s.firstPageNumber, s.useFirstPageNumber]).toEqual([`${OUTPUT_MARK} 第 &P 页`, 1, true]);
    expect(Object.values(s.cells).some((c) => String(c.v).includes("命令行"))).toBe(false);
    // Every rate cell is a number shown as 0.0%.
    const rateLabels = Object.entries(s.cells).filter(([, c]) => c.v === "全年出勤率" || c.v === "承诺完成率");
    expect(rateLabels).toHaveLength(2);
    for (const [addr] of rateLabels) {
      const value = s.cells[`C${addr.slice(1)}`];
      expect(value?.t).toBe("n");
      expect(value?.fmt).toBe("0.0%");
    }
    const rateHeader = Object.entries(s.cells).find(([, c]) => c.v === "出勤率" && c.fmt === "General");
    expect(rateHeader).toBeDefined();
    const sections = ["三、各次学习出勤", "四、党员个人总结"].map((t) => Number(Object.entries(s.cells).find(([, c]) => c.v === t)?.[0].slice(1)));
    // A break after row n puts row n + 1 on a new page.
    expect(s.rowBreaks).toEqual(sections.map((r) => r - 1));
    expect([s.orientation, s.paperSize, s.fitToPage, s.fitToWidth, s.fitToHeight]).toEqual(["portrait", 9, true, 1, 0]);
    expect(s.printTitleRows).toBeNull();
    expect(s.header).toBe("光栅室党支部（示例） 2026年 年终 年度总结");
    expect(s.merges).toEqual(expect.arrayContaining(["A5:B5", "A6:B6"]));
    expect(s.freeze).toBeNull();
  });

  test("推荐表: one form per nominee, print area over all of them, a break above each but the first", () => {
    const s = py[FORMS_SHEET.name] as PySheet;
    const titleRows = Object.entries(s.cells)
      .filter(([, c]) => c.v === "优秀共产党员推荐表")
      .map(([addr]) => Number(addr.slice(1)))
      .sort((a, b) => a - b);
    expect(titleRows.length).toBeGreaterThan(1);
    expect(s.rowBreaks).toEqual(titleRows.slice(1).map((r) => r - 1));
    const lastRow = Math.max(...Object.keys(s.cells).map((a) => Number(a.replace(/^[A-Z]+/, ""))));
    expect(area(s.printArea)).toBe(`A${titleRows[0]}:F${lastRow}`);
    expect(s.printTitleRows).toBeNull();
    expect([s.orientation, s.paperSize, s.fitToPage, s.fitToWidth, s.fitToHeight]).toEqual(["portrait", 9, true, 1, 0]);
    expect(s.header).toBe("光栅室党支部（示例） 2026年 年终 推荐表");
    // A form a page, numbered as forms of the sheet's own: 第 k 份，共 N 份.
    expect([s.footer, s.firstPageNumber, s.useFirstPageNumber]).toEqual([`${OUTPUT_MARK} 第 &P 份，共 ${titleRows.length} 份`, 1, true]);
    for (const t of titleRows) {
      // Title across the form, 主要事迹 and the two opinion boxes across the value columns.
      expect(s.merges).toEqual(expect.arrayContaining([`A${t}:F${t}`, `B${t + 6}:F${t + 6}`, `B${t + 7}:F${t + 7}`, `B${t + 8}:F${t + 8}`]));
      expect([s.cells[`A${t + 7}`]?.v, s.cells[`B${t + 7}`]?.v]).toEqual(["党支部意见", SIGNATURE_LINE]);
      expect([s.cells[`A${t + 8}`]?.v, s.cells[`B${t + 8}`]?.v]).toEqual(["上级党组织意见", SIGNATURE_LINE]);
      // The boxes are tall enough to write in.
      expect(s.heights[String(t + 6)]).toBeGreaterThanOrEqual(150);
      expect(s.heights[String(t + 7)]).toBeGreaterThanOrEqual(100);
    }
    expect(s.merges.length).toBe(forms.merges.length);
  });

  test("exceljs draws no chart: the file has no chart parts", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    // (xl/drawings/vmlDrawing*.vml are the input sheets' header notes, not charts.)
    expect(Object.keys(zip.files).filter((n) => n.startsWith("xl/charts/") || n.startsWith("xl/drawings/drawing"))).toEqual([]);
  });

  test("a second calc replaces both sheets with the same cells", async () => {
    const twice = path.join(dir, "twice.xlsx");
    const { run } = await calcFile(out, { out: twice });
    expect(run.issues.filter((i) => i.code === "output_sheet_foreign")).toEqual([]);
    const a = await gridsOf(out);
    const b = await gridsOf(twice);
    expect(b.map((s) => s.name)).toEqual(a.map((s) => s.name));
    for (const name of [YEAR_SUMMARY_SHEET.name, FORMS_SHEET.name]) expect(gridOf(b, name)).toEqual(gridOf(a, name));
    const again = inspect(twice, YEAR_SUMMARY_SHEET.name, FORMS_SHEET.name);
    for (const name of [YEAR_SUMMARY_SHEET.name, FORMS_SHEET.name]) {
      const x = again[name] as PySheet;
      const y = py[name] as PySheet;
      expect([x.merges, x.rowBreaks, area(x.printArea)]).toEqual([y.merges, y.rowBreaks, area(y.printArea)]);
    }
  });
});

test("a sheet she named 年度总结 herself is left alone, and the problem is listed", async () => {
  const dir = tempDir();
  const file = path.join(dir, "foreign.xlsx");
  await initWorkbook(file, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.addWorksheet("年度总结").getCell("A1").value = "支部自己写的年度总结";
  await fs.writeFile(file, await workbookBytes(wb));

  const { run, skippedSheets } = await calcFile(file);
  expect(skippedSheets).toEqual(["年度总结"]);
  expect(run.issues.find((i) => i.code === "output_sheet_foreign")).toMatchObject({ sheet: "年度总结", cell: "A1", level: "错误" });
  const after = await gridsOf(file);
  expect(gridOf(after, "年度总结")).toEqual([["支部自己写的年度总结"]]);
  expect(cellText(gridOf(after, "推荐表")[0]?.[0])).toContain("推荐表 — ");
  await fs.rm(dir, { recursive: true, force: true });
});
