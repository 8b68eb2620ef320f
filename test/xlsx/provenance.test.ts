/**
 * The stamp an .xls/.ods's result .xlsx carries (src/xlsx/provenance.ts): the tool's own
 * untouched result is recognised as such whatever its content, an edit of her sheets is seen,
 * and the stamp survives a write and a read by exceljs.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { convertedFrom, stampConverted } from "../../src/xlsx/provenance";
import { bookFromBytes, workbookBytes } from "../../src/xlsx/host";
import { tempDir } from "../support/files";

function book(names: readonly string[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("党员名册");
  names.forEach((n, i) => (ws.getCell(i + 1, 1).value = n));
  return wb;
}

describe("provenance stamp", () => {
  test("the tool's own result is recognised for any content (the checksum's length does not depend on it)", async () => {
    // 40 different contents: each half of the checksum has 13 or 14 hex digits about half the
    // time, so a stamp pattern of one fixed shorter length fails most of these.
    for (let k = 0; k < 40; k++) {
      const wb = book([`党员${k}`, `编号G${k * 7}`]);
      stampConverted(wb, "支部.xls", new Date(Date.UTC(2025, 0, 2, 3, 4, 5)));
      expect(convertedFrom(wb)).toEqual({ source: "支部.xls", unchanged: true });
      const again = await bookFromBytes(await workbookBytes(wb));
      expect(convertedFrom(again)).toEqual({ source: "支部.xls", unchanged: true });
    }
  });

  test("an edit of her sheets, or another modified time, is a change", async () => {
    const wb = book(["张三", "李四"]);
    stampConverted(wb, "支部.ods");
    const edited = await bookFromBytes(await workbookBytes(wb));
    (edited.getWorksheet("党员名册") as ExcelJS.Worksheet).getCell("A2").value = "王五";
    expect(convertedFrom(edited)).toEqual({ source: "支部.ods", unchanged: false });

    const resaved = await bookFromBytes(await workbookBytes(wb));
    resaved.modified = new Date(resaved.modified.getTime() + 60_000);
    expect(convertedFrom(resaved)).toEqual({ source: "支部.ods", unchanged: false });
  });

  test("a workbook with no stamp, or another description, has none", () => {
    const wb = book(["张三"]);
    expect(convertedFrom(wb)).toBeNull();
    wb.description = "由考评助手从“支部.xls”生成";
    expect(convertedFrom(wb)).toBeNull();
  });

  test("on a computed branch: the stamp reads back whole; renaming or adding a sheet of hers is a change; the tool's own output sheets are not hers", async () => {
    const file = path.join(tempDir(), "示例.xlsx");
    await initWorkbook(file, { demo: true });
    await calcFile(file);
    const stamped = await bookFromBytes(await fs.readFile(file));
    stampConverted(stamped, "一支部（2026）.xls", new Date("2026-12-06T08:30:15.789Z"));
    const bytes = await workbookBytes(stamped);
    const fresh = (): Promise<ExcelJS.Workbook> => bookFromBytes(bytes);
    const back = await fresh();
    expect(back.description).toMatch(/^由考评助手从“一支部（2026）\.xls”生成；校验 [0-9a-f]{28} 2026-12-06T08:30:15Z$/);
    expect(convertedFrom(back)).toEqual({ source: "一支部（2026）.xls", unchanged: true });

    const renamed = await fresh();
    (renamed.getWorksheet("学习考勤") as ExcelJS.Worksheet).name = "考勤";
    expect(convertedFrom(renamed)?.unchanged).toBe(false);
    const added = await fresh();
    added.addWorksheet("备忘").getCell("A1").value = "x";
    expect(convertedFrom(added)?.unchanged).toBe(false);
    // A later calc rewrites 综合评定 and the rest: that is no edit of hers.
    const recomputed = await fresh();
    (recomputed.getWorksheet("综合评定") as ExcelJS.Worksheet).getCell("A5").value = "新结果";
    expect(convertedFrom(await bookFromBytes(await workbookBytes(recomputed)))?.unchanged).toBe(true);
  }, 60_000);
});
