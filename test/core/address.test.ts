/**
 * The one A1 helper. Expected values are written out by hand from Excel's own numbering
 * (A = 1, Z = 26, AA = 27, XFD = 16384; row 1 is index 0).
 */
import { a1, columnLetters, columnNumber, isEntireColumn, isEntireRow, MAX_COLS, MAX_ROWS, parseA1, parseRange, rangeA1 } from "../../src/core/address";

describe("columns", () => {
  test.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"],
  ])("column %i is %s and back", (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
    expect(columnNumber(letters.toLowerCase())).toBe(n);
  });

  test("not a column inside the sheet: 0", () => {
    for (const s of ["", "XFE", "ZZZ", "AAAA", "A1", "1", "Ａ", "$A", "é"]) expect({ s, n: columnNumber(s) }).toEqual({ s, n: 0 });
  });
});

describe("cells", () => {
  test("a1 takes 0-based indices", () => {
    expect(a1(0, 0)).toBe("A1");
    expect(a1(6, 3)).toBe("D7");
    expect(a1(99, 26)).toBe("AA100");
  });

  test("parseA1 gives 0-based indices, with $, lower case and spaces around", () => {
    expect(parseA1("D7")).toEqual({ row: 6, col: 3 });
    expect(parseA1("$D$7")).toEqual({ row: 6, col: 3 });
    expect(parseA1(" aa100 ")).toEqual({ row: 99, col: 26 });
    expect(parseA1("XFD1048576")).toEqual({ row: MAX_ROWS - 1, col: MAX_COLS - 1 });
  });

  test("parseA1: anything but one cell inside the sheet is null", () => {
    for (const s of ["", "A", "7", "A0", "XFE1", "A1048577", "A1:B2", "A:A", "1A", "A-1", "A1.5", "Sheet1!A1", "R1C1"]) {
      expect({ s, p: parseA1(s) }).toEqual({ s, p: null });
    }
  });

  test("a1 and parseA1 are inverse", () => {
    for (const [r, c] of [
      [0, 0],
      [9, 25],
      [10, 26],
      [1000, 700],
      [MAX_ROWS - 1, MAX_COLS - 1],
    ] as const) {
      expect(parseA1(a1(r, c))).toEqual({ row: r, col: c });
    }
  });
});

describe("ranges", () => {
  test("blocks, in either corner order", () => {
    expect(parseRange("B3")).toEqual({ row: 2, col: 1, rows: 1, cols: 1 });
    expect(parseRange("B2:D10")).toEqual({ row: 1, col: 1, rows: 9, cols: 3 });
    expect(parseRange("D10:B2")).toEqual({ row: 1, col: 1, rows: 9, cols: 3 });
    expect(parseRange("$A$1:$C$3")).toEqual({ row: 0, col: 0, rows: 3, cols: 3 });
  });

  test("entire columns and rows", () => {
    const cols = parseRange("A:C");
    expect(cols).toEqual({ row: 0, col: 0, rows: MAX_ROWS, cols: 3 });
    expect(cols && isEntireColumn(cols)).toBe(true);
    const rows = parseRange("$3:$5");
    expect(rows).toEqual({ row: 2, col: 0, rows: 3, cols: MAX_COLS });
    expect(rows && isEntireRow(rows)).toBe(true);
  });

  test("not one area: null", () => {
    for (const s of ["", "A", "3", "A1:B", "A:3", "A1:B2:C3", "A1,B2", "A0:B2", "XFE:XFE"]) expect({ s, r: parseRange(s) }).toEqual({ s, r: null });
  });

  test("rangeA1 writes what parseRange reads", () => {
    expect(rangeA1({ row: 2, col: 1, rows: 1, cols: 1 })).toBe("B3");
    expect(rangeA1({ row: 1, col: 1, rows: 9, cols: 3 })).toBe("B2:D10");
    expect(rangeA1({ row: 1, col: 1, rows: 9, cols: 3 }, true)).toBe("$B$2:$D$10");
    expect(rangeA1({ row: 0, col: 0, rows: MAX_ROWS, cols: 3 })).toBe("A:C");
    expect(rangeA1({ row: 2, col: 0, rows: 3, cols: MAX_COLS }, true)).toBe("$3:$5");
    for (const s of ["B3", "B2:D10", "A:C", "3:5", "AA10:XFD1048576"]) expect(rangeA1(parseRange(s) ?? { row: -1, col: -1, rows: 0, cols: 0 })).toBe(s);
  });
});
