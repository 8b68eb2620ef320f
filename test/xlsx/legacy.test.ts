/**
 * src/xlsx/legacy.ts in isolation: the choices it makes about looks, on SheetJS books built by
 * hand. Real .xls/.ods files made by LibreOffice are read in test/interop/legacy-formats.test.ts.
 */
import type ExcelJS from "exceljs";
import type { WorkBook } from "@e965/xlsx";
import { isLightFill, toExcelJs } from "../../src/xlsx/legacy";

test("only fills light enough for black text are carried: the font that went with a dark one is not known", () => {
  // The template's header red, black, navy: her white header text would come out black on them.
  for (const dark of ["C00000", "000000", "1F4E79", "808080"]) expect(isLightFill(dark)).toBe(false);
  // Pale yellow, pale green, white, light grey: rows she marked.
  for (const light of ["FFF2CC", "E2EFDA", "FFFFFF", "D9D9D9", "FFFF00"]) expect(isLightFill(light)).toBe(true);
  for (const bad of ["", "FFF", "GGGGGG", "FFFFFF00"]) expect(isLightFill(bad)).toBe(false);

  const book = {
    SheetNames: ["党员名册"],
    Sheets: {
      党员名册: {
        "!ref": "A1:B1",
        "!data": [
          [
            { t: "s", v: "编号", s: { patternType: "solid", fgColor: { rgb: "C00000" } } },
            { t: "s", v: "G01", s: { patternType: "solid", fgColor: { rgb: "FFF2CC" } } },
          ],
        ],
      },
    },
  } as unknown as WorkBook;
  const { book: out, converted } = toExcelJs(book, "xls");
  const ws = out.getWorksheet("党员名册") as ExcelJS.Worksheet;
  expect(ws.getCell("A1").value).toBe("编号");
  expect(ws.getCell("A1").fill).toBeUndefined();
  expect(ws.getCell("B1").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } });
  expect(converted.notCarried).toContain("深色底色");
});
