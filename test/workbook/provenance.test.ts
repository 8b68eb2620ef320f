/**
 * The stamp an .xls/.ods's result .xlsx carries (src/xlsx/provenance.ts): the tool's own
 * untouched result is recognised as such whatever its content, an edit of her sheets is seen,
 * and the stamp survives a write and a read by exceljs.
 */
import ExcelJS from "exceljs";
import { convertedFrom, stampConverted } from "../../src/xlsx/provenance";
import { bookFromBytes, workbookBytes } from "../../src/xlsx/host";

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
});
