/**
 * The stamp an .xls/.ods's result .xlsx carries (src/xlsx/provenance.ts): the tool's own
 * untouched result is recognised as such whatever its content, an edit of her sheets is seen,
 * and the stamp survives a save by another program (exceljs here).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { convertedFrom, stampConverted } from "../../src/xlsx/provenance";
import { workbookBytes } from "../../src/xlsx/host";
import { XlsxPackage } from "../../src/xlsx/package";
import { tempDir } from "../support/files";

async function book(names: readonly string[]): Promise<XlsxPackage> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("党员名册");
  names.forEach((n, i) => (ws.getCell(i + 1, 1).value = n));
  return XlsxPackage.open(await workbookBytes(wb));
}

/** The package reopened from its bytes, as the next run reads the file. */
const reopen = (pkg: XlsxPackage): XlsxPackage => XlsxPackage.open(pkg.bytes());

/** The package as another program (exceljs here) changed and saved it. */
async function editedBy(pkg: XlsxPackage, edit: (wb: ExcelJS.Workbook) => void): Promise<XlsxPackage> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(pkg.bytes() as unknown as ArrayBuffer);
  edit(wb);
  return XlsxPackage.open(new Uint8Array(await wb.xlsx.writeBuffer()));
}

describe("provenance stamp", () => {
  test("the tool's own result is recognised for any content (the checksum's length does not depend on it)", async () => {
    // 40 different contents: each half of the checksum has 13 or 14 hex digits about half the
    // time, so a stamp pattern of one fixed shorter length fails most of these.
    for (let k = 0; k < 40; k++) {
      const wb = await book([`党员${k}`, `编号G${k * 7}`]);
      stampConverted(wb, "支部.xls", new Date(Date.UTC(2025, 0, 2, 3, 4, 5)));
      expect(convertedFrom(wb)).toEqual({ source: "支部.xls", unchanged: true });
      expect(convertedFrom(reopen(wb))).toEqual({ source: "支部.xls", unchanged: true });
    }
  });

  test("an edit of her sheets, or another modified time, is a change", async () => {
    const wb = await book(["张三", "李四"]);
    stampConverted(wb, "支部.ods");
    // exceljs keeps the stamp's time when it saves (Excel and WPS do not), so only the edit tells.
    const edited = await editedBy(wb, (e) => ((e.getWorksheet("党员名册") as ExcelJS.Worksheet).getCell("A2").value = "王五"));
    expect(convertedFrom(edited)).toEqual({ source: "支部.ods", unchanged: false });
    const untouched = await editedBy(wb, () => undefined);
    expect(convertedFrom(untouched)).toEqual({ source: "支部.ods", unchanged: true });

    const resaved = await editedBy(wb, (e) => (e.modified = new Date(e.modified.getTime() + 60_000)));
    expect(convertedFrom(resaved)).toEqual({ source: "支部.ods", unchanged: false });
  });

  test("a workbook with no stamp, or another description, has none", async () => {
    const wb = await book(["张三"]);
    expect(convertedFrom(wb)).toBeNull();
    expect(convertedFrom(await editedBy(wb, (e) => (e.description = "由考评助手从“支部.xls”生成")))).toBeNull();
  });

  test("on a computed branch: the stamp reads back whole; renaming or adding a sheet of hers is a change; the tool's own output sheets are not hers", async () => {
    const file = path.join(tempDir(), "示例.xlsx");
    await initWorkbook(file, { demo: true });
    await calcFile(file);
    const stamped = XlsxPackage.open(await fs.readFile(file));
    stampConverted(stamped, "一支部（2026）.xls", new Date("2026-12-06T08:30:15.789Z"));
    const back = reopen(stamped);
    const described = await editedBy(back, () => undefined);
    expect(/<dc:description>([^<]*)</.exec(described.zip.text("docProps/core.xml") ?? "")?.[1]).toMatch(/^由考评助手从“一支部（2026）\.xls”生成；校验 [0-9a-f]{28} 2026-12-06T08:30:15Z$/);
    expect(convertedFrom(back)).toEqual({ source: "一支部（2026）.xls", unchanged: true });

    const renamed = await editedBy(back, (e) => ((e.getWorksheet("学习考勤") as ExcelJS.Worksheet).name = "考勤"));
    expect(convertedFrom(renamed)?.unchanged).toBe(false);
    const added = await editedBy(back, (e) => (e.addWorksheet("备忘").getCell("A1").value = "x"));
    expect(convertedFrom(added)?.unchanged).toBe(false);
    // A later calc rewrites 综合评定 and the rest: that is no edit of hers.
    const recomputed = await editedBy(back, (e) => ((e.getWorksheet("综合评定") as ExcelJS.Worksheet).getCell("A5").value = "新结果"));
    expect(convertedFrom(recomputed)?.unchanged).toBe(true);
  }, 60_000);
});
