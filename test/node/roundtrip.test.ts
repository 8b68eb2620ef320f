/**
 * Round trips through real .xlsx files: what the exceljs host writes, it reads back to the
 * same grids; calc changes no input cell; a second calc gives the same workbook.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { XlsxPackage } from "../../src/xlsx/package";
import { addMissingSheets, ballotsFile, calcFile, computeFile, initWorkbook } from "../../src/node/commands";
import { compactValidations, readGrids, workbookBytes } from "../../src/xlsx/host";
import { cellText, type Grid } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { runEngine } from "../../src/workbook/engine";
import { INPUT_SHEETS, OUTPUT_SHEETS, OUTPUT_HEADER_ROW } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW, templateGrid } from "../../src/workbook/template";
import { CLI, gridOf, gridsOf, tempDir } from "../support/files";
import { tableSheets } from "../../src/workbook/output";

const OUTPUT_NAMES = OUTPUT_SHEETS.map((s) => s.name);

/** Grids compared as text so a Date and its read-back Date compare equal. */
function textGrid(g: Grid): string[][] {
  const rows = g.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "number" ? String(v) : cellText(v))));
  // Trailing empty cells and rows carry no data.
  const trimmed = rows.map((r) => {
    const out = [...r];
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  });
  while (trimmed.length > 0 && (trimmed[trimmed.length - 1] as string[]).length === 0) trimmed.pop();
  return trimmed;
}

describe("demo workbook through a real file", () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, "demo.xlsx");
    await initWorkbook(file, { demo: true });
  });

  test("every input sheet reads back as the grid that was written", async () => {
    const grids = await gridsOf(file);
    for (const sheet of demoBranch().sheets) {
      expect(textGrid(gridOf(grids, sheet.name))).toEqual(textGrid(templateGrid(sheet)));
    }
  });

  test("calc writes the outputs the engine computes from the same grids, cell for cell", async () => {
    const before = await gridsOf(file);
    const expected = runEngine(before, { fallbackYear: 2026 });
    const out = path.join(dir, "out.xlsx");
    await calcFile(file, { out });
    const after = await gridsOf(out);
    for (const o of tableSheets(expected.outputs)) {
      const g = textGrid(gridOf(after, o.name));
      expect(g[0]?.[0]).toBe(o.title);
      expect(g[OUTPUT_HEADER_ROW - 1]).toEqual(o.columns.map((c) => c.header));
      expect(g.slice(OUTPUT_HEADER_ROW)).toEqual(textGrid(o.rows));
    }
    expect(expected.result.members).toHaveLength(28);
  });

  test("calc changes no cell of any input sheet and keeps every other sheet", async () => {
    const out = path.join(dir, "out2.xlsx");
    await calcFile(file, { out });
    const before = await gridsOf(file);
    const after = await gridsOf(out);
    expect(after.map((s) => s.name)).toEqual([...before.map((s) => s.name), ...OUTPUT_NAMES]);
    for (const s of before) expect(textGrid(gridOf(after, s.name))).toEqual(textGrid(s.grid));
  });

  test("a second calc gives the same workbook", async () => {
    const once = path.join(dir, "once.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    await calcFile(file, { out: once });
    await calcFile(once, { out: twice });
    const a = await gridsOf(once);
    const b = await gridsOf(twice);
    expect(b.map((s) => s.name)).toEqual(a.map((s) => s.name));
    for (const s of a) expect(textGrid(gridOf(b, s.name))).toEqual(textGrid(s.grid));
  });

  test("calc in place keeps the previous file as .bak, byte for byte", async () => {
    const target = path.join(dir, "inplace.xlsx");
    await fs.copyFile(file, target);
    const original = await fs.readFile(target);
    await calcFile(target);
    expect((await fs.readFile(`${target}.bak`)).equals(original)).toBe(true);
    expect((await gridsOf(target)).map((s) => s.name)).toEqual(expect.arrayContaining(OUTPUT_NAMES));
    const leftovers = (await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
  });
});

describe("the secretary's own changes survive", () => {
  test("a sheet she named 综合评定 is not overwritten and the problem is listed", async () => {
    const dir = tempDir();
    const file = path.join(dir, "foreign.xlsx");
    await initWorkbook(file, { demo: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const mine = wb.addWorksheet("综合评定");
    mine.getCell("A1").value = "我自己的汇总";
    mine.getCell("B2").value = 42;
    await fs.writeFile(file, await workbookBytes(wb));

    const { run, skippedSheets } = await calcFile(file);
    expect(skippedSheets).toEqual(["综合评定"]);
    expect(run.issues.find((i) => i.code === "output_sheet_foreign")).toMatchObject({ sheet: "综合评定", cell: "A1", level: "错误" });
    const after = await gridsOf(file);
    expect(textGrid(gridOf(after, "综合评定"))).toEqual([["我自己的汇总"], ["", "42"]]);
    const issuesSheet = textGrid(gridOf(after, "问题清单"));
    expect(issuesSheet.some((r) => r.includes("output_sheet_foreign"))).toBe(true);
  });

  test("her extra sheet and extra columns stay, and results are the same with columns reordered and a title row above", async () => {
    const dir = tempDir();
    const file = path.join(dir, "moved.xlsx");
    await initWorkbook(file, { demo: true });
    const base = runEngine(await gridsOf(file), { fallbackYear: 2026 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const roster = wb.getWorksheet("党员名册") as ExcelJS.Worksheet;
    roster.spliceColumns(2, 0, ["我的备注列"]); // an extra column before 姓名
    roster.spliceRows(1, 0, ["2026年党员名册（支部自用）"], []); // a title and a blank row above the header
    const notes = wb.addWorksheet("我的笔记");
    notes.getCell("A1").value = "=SUM(1,2) 只是文字";
    await fs.writeFile(file, await workbookBytes(wb));

    const { run } = await calcFile(file);
    expect(run.result.members.map((m) => [m.member.id, m.total, m.final])).toEqual(
      base.result.members.map((m) => [m.member.id, m.total, m.final]),
    );
    const after = await gridsOf(file);
    expect(gridOf(after, "我的笔记")[0]?.[0]).toBe("=SUM(1,2) 只是文字");
    expect(gridOf(after, "党员名册")[0]?.[0]).toBe("2026年党员名册（支部自用）");
  });
});

describe("drop-down validations", () => {
  test("survive a read and write as one rule per range, with no overlaps", async () => {
    const dir = tempDir();
    const file = path.join(dir, "dv.xlsx");
    await initWorkbook(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("评议打分") as ExcelJS.Worksheet;
    compactValidations(ws);
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    // Under the guidance line and the header: the three drop-downs, and the eight vote counts' whole-number rules.
    expect(Object.keys(model).sort()).toEqual(["A3:A502", "D3:D502", "E3:E502", "F3:F502", "G3:G502", "H3:H502", "I3:I502", "J3:J502", "K3:K502", "L3:L502", "M3:M502"]);
  });
});

test("the blank template has every input sheet with its headers and nothing else to fix but the roster", async () => {
  const dir = tempDir();
  const file = path.join(dir, "blank.xlsx");
  await initWorkbook(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const grids = readGrids(wb);
  for (const def of INPUT_SHEETS) {
    expect(gridOf(grids, def.name)[0]?.filter((v) => v !== null && v !== "")).toEqual([def.guidance]);
    const header = gridOf(grids, def.name)[TEMPLATE_HEADER_ROW - 1] ?? [];
    expect(header.slice(0, def.columns.length)).toEqual(def.columns.map((c) => c.header));
  }
  const run = runEngine(grids, { fallbackYear: 2026 });
  expect(run.issues.filter((i) => i.level === "错误").map((i) => i.code)).toEqual(["roster_empty"]);
  expect(run.result.settings.year).toBe(new Date().getFullYear());
});

describe("charts (regression: calc refused, or -o dropped, a workbook with a chart)", () => {
  /** A real chart, drawn by openpyxl (a writer we did not write) on the named sheet. */
  function drawChart(file: string, sheet: string): void {
    const script = [
      "import sys, openpyxl",
      "from openpyxl.chart import BarChart, Reference",
      "wb = openpyxl.load_workbook(sys.argv[1]); ws = wb[sys.argv[2]]",
      "c = BarChart(); c.add_data(Reference(ws, min_col=2, min_row=1, max_row=5), titles_from_data=True)",
      "ws.add_chart(c, 'H2'); wb.save(sys.argv[1])",
    ].join("\n");
    const r = spawnSync("/usr/bin/python3", ["-c", script, file, sheet], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  }

  const partsOf = async (file: string): Promise<Map<string, Buffer>> => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const out = new Map<string, Buffer>();
    for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("nodebuffer"));
    return out;
  };

  // The add-in draws 年度总结's charts; the next calc from the command line rewrites that sheet
  // (with the note instead of charts), and its chart parts go with it. A chart on her own sheet
  // stays, part for part.
  test("a chart on her sheet is kept by calc in place and by -o; one on the tool's own 年度总结 goes with that sheet", async () => {
    const dir = tempDir();
    const file = path.join(dir, "charts.xlsx");
    await initWorkbook(file, { demo: true });
    await calcFile(file);
    drawChart(file, "年度总结");
    drawChart(file, "党员名册");
    const before = await partsOf(file);
    const charts = [...before.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(2);
    await calcFile(file, { out: path.join(dir, "copy.xlsx") });
    await calcFile(file);
    for (const written of [file, path.join(dir, "copy.xlsx")]) {
      const after = await partsOf(written);
      const kept = [...after.keys()].filter((n) => /^xl\/charts\//.test(n));
      // One chart left: hers, byte for byte, with the drawing that places it on 党员名册.
      expect(kept).toHaveLength(1);
      expect(after.get(kept[0] as string)?.equals(before.get(kept[0] as string) as Buffer)).toBe(true);
      // exceljs cannot read openpyxl's drawing part; our reader and openpyxl can.
      const pkg = XlsxPackage.open(await fs.readFile(written));
      expect(pkg.read("综合评定").grid[0]?.[0]).toBeTruthy();
      const r = spawnSync("/usr/bin/python3", ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print(len(wb['党员名册']._charts), wb['综合评定']['A1'].value)", written], { encoding: "utf8" });
      expect(r.stdout).toMatch(/^1 \S/);
      const types = after.get("[Content_Types].xml")?.toString() ?? "";
      for (const name of after.keys()) if (/\.xml$/.test(name) && !name.startsWith("_rels") && !name.includes("/_rels/")) expect([name, types.includes(`/${name}"`) || /Extension="xml"/.test(types)]).toEqual([name, true]);
    }
  });
});

describe("-o names a file of her package's kind", () => {
  /** The demo as an .xlsm: its workbook part typed macro-enabled, as Excel types it. */
  async function demoXlsm(file: string): Promise<void> {
    const xlsx = `${file}.tmp.xlsx`;
    await initWorkbook(xlsx, { demo: true });
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(xlsx));
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    const macro = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(macro).not.toBe(types);
    zip.file("[Content_Types].xml", macro);
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
    await fs.rm(xlsx);
  }

  test("a name without an extension gets .xlsx from an .xlsx and .xlsm from an .xlsm; the other extension is refused, nothing written", async () => {
    const dir = tempDir();
    const xlsx = path.join(dir, "支部.xlsx");
    await initWorkbook(xlsx, { demo: true });
    expect((await calcFile(xlsx, { out: path.join(dir, "结果") })).written).toBe(path.join(dir, "结果.xlsx"));
    const xlsm = path.join(dir, "宏.xlsm");
    await demoXlsm(xlsm);
    expect((await calcFile(xlsm, { out: path.join(dir, "宏结果") })).written).toBe(path.join(dir, "宏结果.xlsm"));
    await expect(calcFile(xlsm, { out: path.join(dir, "x.xlsx") })).rejects.toMatchObject({ problem: { code: "output_not_xlsx", macro: true } });
    await expect(calcFile(xlsx, { out: path.join(dir, "y.xlsm") })).rejects.toMatchObject({ problem: { code: "output_not_xlsx" } });
    expect((await fs.readdir(dir)).sort()).toEqual(["宏.xlsm", "宏结果.xlsm", "支部.xlsx", "结果.xlsx"].sort());
  });
});

// A Strict Open XML workbook (Excel's “Strict Open XML 电子表格”): the same elements in other
// namespaces. It is read and checked; the tool's sheets, in the transitional namespaces, are not
// written into it — refused in Chinese, the file untouched, rather than a package Excel repairs.
test("a Strict Open XML workbook is checked, and calc, ballots and add-missing refuse to write into it (strict_ooxml), the file untouched", async () => {
  const dir = tempDir();
  const file = path.join(dir, "严格.xlsx");
  await initWorkbook(file, { demo: true });
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const strict = (xml: string): string =>
    xml
      .split("http://schemas.openxmlformats.org/spreadsheetml/2006/main").join("http://purl.oclc.org/ooxml/spreadsheetml/main")
      .split("http://schemas.openxmlformats.org/officeDocument/2006/relationships").join("http://purl.oclc.org/ooxml/officeDocument/relationships");
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) zip.file(name, strict((await zip.file(name)?.async("string")) ?? ""));
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
  const before = await fs.readFile(file);
  const { run } = await computeFile(file);
  expect(run.result.members.length).toBeGreaterThan(20);
  for (const attempt of [() => calcFile(file), () => calcFile(file, { out: path.join(dir, "结果.xlsx") }), () => ballotsFile(file), () => addMissingSheets(file)]) {
    await expect(attempt()).rejects.toMatchObject({ problem: { code: "strict_ooxml", file } });
  }
  expect((await fs.readFile(file)).equals(before)).toBe(true);
  expect(await fs.readdir(dir)).toEqual(["严格.xlsx"]);
});

// Regression: her sheets are read when the session asks for them, not at opening; a damaged
// sheet part then escaped as a FileProblemError, which the command line took for a bug of ours.
test("a damaged sheet part, found only when read: check and calc say file_corrupt (exit 2), never 内部错误", async () => {
  const dir = tempDir();
  const file = path.join(dir, "坏.xlsx");
  await initWorkbook(file, { demo: true });
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const part = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && n !== "xl/worksheets/sheet1.xml") as string;
  const xml = (await zip.file(part)?.async("string")) ?? "";
  zip.file(part, xml.slice(0, Math.floor(xml.length / 2)));
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
  const before = await fs.readFile(file);
  await expect(calcFile(file)).rejects.toMatchObject({ problem: { code: "file_corrupt", file } });
  for (const command of ["check", "calc"]) {
    const r = spawnSync(process.execPath, [CLI, command, file], { encoding: "utf8" });
    expect({ command, code: r.status }).toEqual({ command, code: 2 });
    expect(r.stderr).toContain("已损坏或不完整");
    expect(r.stderr).not.toContain("程序内部出错");
  }
  expect((await fs.readFile(file)).equals(before)).toBe(true);
});
