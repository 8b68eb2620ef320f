/**
 * Nothing lost, measured by a reader we did not write: openpyxl dumps every cell of every
 * sheet the tool does not own (value, formula, type, number format, font, fill, border,
 * alignment, protection, comments, links, merges, validations, widths, panes, conditional
 * formats) before and after `calc`; the dumps must be identical.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { OUTPUT_SHEETS } from "../../src/workbook/layout";
import { workbookBytes } from "../../src/xlsx/host";
import { tempDir } from "../support/files";
import { asEarlierVersion, CORPUS } from "./corpus";

const OWN = OUTPUT_SHEETS.map((d) => d.name);

function dump(file: string): Record<string, unknown> {
  const r = spawnSync("/usr/bin/python3", [path.join(__dirname, "dump_cells.py"), file, ...OWN], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The demo, dressed the way a secretary's real file looks after a year of use. */
async function richWorkbook(file: string): Promise<void> {
  await initWorkbook(file, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const roster = wb.getWorksheet("党员名册") as ExcelJS.Worksheet;
  roster.getCell("B3").font = { bold: true, italic: true, color: { argb: "FF0070C0" }, name: "楷体", size: 12 };
  roster.getCell("B4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  roster.getCell("B5").border = { bottom: { style: "double", color: { argb: "FFFF0000" } } };
  roster.getCell("K3").value = { richText: [{ text: "调入", font: { bold: true } }, { text: "（2026年3月）" }] };
  roster.getCell("K4").value = { text: "个人主页", hyperlink: "https://example.org/" };
  roster.getCell("K5").note = "支委会 3 月讨论过";
  roster.getCell("K5").value = "见批注";
  roster.getColumn(11).width = 33;
  roster.getRow(6).height = 30;
  roster.addConditionalFormatting({ ref: "B2:B29", rules: [{ type: "containsText", operator: "containsText", text: "王", style: { font: { color: { argb: "FF9C0006" } } }, priority: 1 }] });
  const notes = wb.addWorksheet("支部台账");
  notes.getCell("A1").value = "月份";
  notes.getCell("B1").value = "党费（元）";
  notes.mergeCells("A10:C10");
  notes.getCell("A10").value = "合计";
  for (let m = 1; m <= 6; m++) {
    notes.getCell(`A${m + 1}`).value = `${m}月`;
    notes.getCell(`B${m + 1}`).value = 100 + m;
    notes.getCell(`B${m + 1}`).numFmt = "#,##0.00";
  }
  notes.getCell("B8").value = { formula: "SUM(B2:B7)", result: 621 };
  notes.getCell("B9").value = { formula: "B8/6", result: 103.5 };
  notes.getCell("C2").value = new Date(Date.UTC(2026, 0, 15));
  notes.getCell("C2").numFmt = "yyyy\"年\"m\"月\"d\"日\"";
  notes.getCell("D2").alignment = { horizontal: "center", wrapText: true, textRotation: 45 };
  notes.getCell("D2").value = "竖排";
  notes.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  const hidden = wb.addWorksheet("旧数据", { state: "hidden" });
  hidden.getCell("A1").value = "2025年的名册";
  await fs.writeFile(file, await workbookBytes(wb));
}

/**
 * Regression (openpyxl-resaved-workbook): a file last saved by openpyxl, or a tool built on it,
 * has absolute relationship targets, notes under xl/comments/comment1.xml and note text as a
 * plain <t>. exceljs failed to open it ("reading 'comments'": called corrupt), and once it
 * opened, kept every note with its text gone. See withRelativeTargets in src/xlsx/parts.ts.
 */
async function resavedByOpenpyxl(file: string): Promise<void> {
  await richWorkbook(file);
  const r = spawnSync("/usr/bin/python3", ["-c", "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[1])", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
}

describe("every cell the tool does not own is identical before and after calc (openpyxl)", () => {
  test.each([
    ["the demo", (f: string) => initWorkbook(f, { demo: true })],
    ["a year-old workbook with styles, formulas, notes, links, merges and a hidden sheet", richWorkbook],
    ["the same workbook last saved by openpyxl (absolute part names, plain-text notes)", resavedByOpenpyxl],
  ])("%s", async (_label, make) => {
    const dir = tempDir();
    const file = path.join(dir, "in.xlsx");
    await make(file);
    const before = dump(file);
    await calcFile(file, { out: path.join(dir, "once.xlsx") });
    await calcFile(path.join(dir, "once.xlsx"), { out: path.join(dir, "twice.xlsx") });
    expect(dump(path.join(dir, "once.xlsx"))).toEqual(before);
    expect(dump(path.join(dir, "twice.xlsx"))).toEqual(before);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(7);
  }, 60_000);
});

test("every corpus workbook: every cell the tool does not own is identical after calc (openpyxl)", async () => {
  const dir = tempDir();
  const demo = path.join(dir, "demo.xlsx");
  await initWorkbook(demo, { demo: true });
  const demoBytes = await fs.readFile(demo);
  const pairs: string[] = [];
  for (const c of CORPUS) {
    const wb = new ExcelJS.Workbook();
    if (c.from === "demo") {
      await wb.xlsx.load(demoBytes as unknown as ArrayBuffer);
      asEarlierVersion(wb); // the layout the corpus's addresses are written for
    }
    c.build(wb);
    const file = path.join(dir, `${c.name}.xlsx`);
    const out = path.join(dir, `${c.name}.out.xlsx`);
    await fs.writeFile(file, await workbookBytes(wb));
    await calcFile(file, { out });
    pairs.push(file, out);
  }
  const r = spawnSync("/usr/bin/python3", [path.join(__dirname, "dump_cells.py"), "--pairs", OWN.join("|"), ...pairs], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  expect(r.stderr).toBe("");
  const result = JSON.parse(r.stdout) as Record<string, unknown>;
  expect(Object.keys(result)).toHaveLength(CORPUS.length);
  const changed = Object.entries(result).filter(([, diffs]) => diffs !== null);
  expect(changed).toEqual([]);
}, 300_000);
