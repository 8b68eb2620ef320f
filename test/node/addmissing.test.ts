/**
 * `appraisal init --add-missing`: a workbook she already has gets the template's missing input
 * sheets (and 使用说明), and nothing of hers changes. Her sheets are compared cell by cell by a
 * reader we did not write (openpyxl: values, formulas, types, styles, notes, links, merges,
 * validations, widths, heights, panes), before and after.
 */
import { spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { initWorkbook } from "../../src/node/commands";
import { workbookBytes } from "../../src/xlsx/host";
import { cli, CLI, expectNoStack, gridsOf, tempDir } from "../support/files";

const DUMP = path.join(__dirname, "..", "reliability", "dump_cells.py");

function dump(file: string): Record<string, unknown> {
  const r = spawnSync("/usr/bin/python3", [DUMP, file], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The demo without 学习考勤, 活动记录 and 使用说明, with a sheet of her own, saved by openpyxl. */
async function partialWorkbook(file: string): Promise<void> {
  await initWorkbook(file, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const name of ["学习考勤", "活动记录", "使用说明"]) wb.removeWorksheet((wb.getWorksheet(name) as ExcelJS.Worksheet).id);
  const own = wb.addWorksheet("支部台账");
  own.getCell("A1").value = "月份";
  own.getCell("B1").value = "党费（元）";
  own.getCell("A2").value = "1月";
  own.getCell("B2").value = 101.5;
  own.getCell("B2").numFmt = "#,##0.00";
  own.getCell("B3").value = { formula: "B2*2", result: 203 };
  own.getCell("A4").note = "支委会 3 月讨论过";
  own.mergeCells("A6:C6");
  own.getCell("A6").value = "合计";
  own.getColumn(2).width = 21;
  const roster = wb.getWorksheet("党员名册") as ExcelJS.Worksheet;
  roster.getCell("B3").font = { bold: true, color: { argb: "FF0070C0" }, name: "楷体", size: 12 };
  await fs.writeFile(file, await workbookBytes(wb));
  // Her file last saved by another writer, as a real one would be.
  const r = spawnSync("/usr/bin/python3", ["-c", "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[1])", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
}

beforeAll(() => {
  if (!existsSync(path.join(path.dirname(CLI), "..", "dist", "node", "cli.js"))) {
    throw new Error("dist/ is missing: run `npm run build:cli` (npm test does it first)");
  }
});

describe("appraisal init --add-missing", () => {
  test("adds only the missing sheets; every sheet of hers is unchanged cell for cell; a second run changes nothing", async () => {
    const dir = tempDir();
    const file = path.join(dir, "第一支部.xlsx");
    await partialWorkbook(file);
    const before = dump(file);
    const hers = Object.keys(before);
    expect([...hers].sort()).toEqual(["参数设置", "党员名册", "个人承诺", "评议打分", "支部台账"].sort());
    const original = await fs.readFile(file);

    // Where she is, the advice names the command that exists here, with her file.
    const checked = cli(["check", file]);
    expect(checked.out).toContain(`appraisal init --add-missing ${file}`);
    expect(checked.out).not.toContain("创建模板");

    const r = cli(["init", "--add-missing", file]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("已添加：使用说明、学习考勤、活动记录");
    expect(r.out).toContain("已保存");

    const after = dump(file);
    expect(Object.keys(after).sort()).toEqual([...hers, "学习考勤", "活动记录", "使用说明"].sort());
    for (const name of hers) expect({ name, sheet: after[name] }).toEqual({ name, sheet: before[name] });
    // The added sheets are the template's: headers in place, the guide has its text.
    const grids = await gridsOf(file);
    const header = grids.find((g) => g.name === "学习考勤")?.grid.find((row) => row.includes("编号"));
    expect(header).toEqual(expect.arrayContaining(["编号", "姓名"]));
    expect(grids.find((g) => g.name === "使用说明")?.grid.length ?? 0).toBeGreaterThan(5);
    // The previous file is kept, byte for byte.
    expect(await fs.readFile(`${file}.bak`)).toEqual(original);
    // Nothing is missing any more.
    expect(cli(["check", file]).out).not.toContain("缺少工作表");

    const written = await fs.readFile(file);
    const mtime = (await fs.stat(file)).mtimeMs;
    const again = cli(["init", "--add-missing", file]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("不缺少工作表，文件未改动");
    expect(await fs.readFile(file)).toEqual(written);
    expect((await fs.stat(file)).mtimeMs).toBe(mtime);
  });

  test("a missing file, a folder, --demo and --force are refused in Chinese, nothing written", async () => {
    const dir = tempDir();
    const missing = cli(["init", "--add-missing", path.join(dir, "没有.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("找不到文件");
    expect(existsSync(path.join(dir, "没有.xlsx"))).toBe(false);
    const folder = cli(["init", "--add-missing", dir]);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain("是一个文件夹");
    const file = path.join(dir, "支部.xlsx");
    await initWorkbook(file, { demo: true });
    const bytes = await fs.readFile(file);
    for (const flag of ["--demo", "--force"]) {
      const r = cli(["init", "--add-missing", flag, file]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`不能与 ${flag} 同时使用`);
      expectNoStack(r);
    }
    expect(await fs.readFile(file)).toEqual(bytes);
  });

  // Regression: the command line refused a workbook with a chart, as exceljs would have lost it.
  test("a workbook with a chart keeps it: the chart part is byte for byte as it was", async () => {
    const dir = tempDir();
    const file = path.join(dir, "图表.xlsx");
    await partialWorkbook(file);
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    zip.file("xl/charts/chart1.xml", '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
    const chart = await (zip.file("xl/charts/chart1.xml") as InstanceType<typeof JSZip>["files"][string]).async("nodebuffer");
    const r = cli(["init", "--add-missing", file]);
    expect(r.code).toBe(0);
    const after = await JSZip.loadAsync(await fs.readFile(file));
    expect((await (after.file("xl/charts/chart1.xml") as InstanceType<typeof JSZip>["files"][string]).async("nodebuffer")).equals(chart)).toBe(true);
    expect((await fs.readdir(dir)).sort()).toEqual(["图表.xlsx", "图表.xlsx.bak"]);
  });
});
