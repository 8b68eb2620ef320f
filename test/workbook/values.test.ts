/**
 * One cell → one typed value (src/workbook/values.ts). Readers never throw: a bad cell is read
 * as INVALID (or a safe fallback) together with an issue on that very cell.
 */
import { dayFromYMD } from "../../src/core/dates";
import type { CellValue } from "../../src/workbook/cells";
import { CellReader, INVALID, parseDatePrefix, parseDateValue } from "../../src/workbook/values";
import { date, err, expectIssues } from "./grid";

const S = "评议打分";
const reader = (): CellReader => new CellReader(S);

describe("CellReader.number", () => {
  test("a number is itself, a blank is null, with no issue", () => {
    const r = reader();
    expect(r.number(12.5, "E2", "权重")).toBe(12.5);
    expect(r.number(null, "E2", "权重")).toBeNull();
    expect(r.number("  \u3000", "E2", "权重")).toBeNull();
    expect(r.issues).toEqual([]);
  });

  test("a number stored as text is a number, with no issue", () => {
    const r = reader();
    expect(r.number("12", "E2", "权重")).toBe(12);
    expect(r.number(" -3.5 ", "E3", "权重")).toBe(-3.5);
    expect(r.number("1,000", "E4", "权重")).toBe(1000);
    expect(r.issues).toEqual([]);
  });

  test("full-width digits read as half-width with a fullwidth_digits 提示 on the cell", () => {
    const r = reader();
    expect(r.number("１２", "E2", "互评优秀")).toBe(12);
    expect(r.number("３．５", "E3", "互评优秀")).toBe(3.5);
    expectIssues(r.issues, [
      [`${S}!E2`, "fullwidth_digits", "提示"],
      [`${S}!E3`, "fullwidth_digits", "提示"],
    ]);
  });

  test("text that is not a number is not_a_number and INVALID", () => {
    const r = reader();
    expect(r.number("十二", "F7", "加分")).toBe(INVALID);
    expect(r.number("12票", "F8", "加分")).toBe(INVALID);
    expect(r.number(true, "F9", "加分")).toBe(INVALID);
    expect(r.number(date(2010, 1, 1), "F10", "加分")).toBe(INVALID);
    expectIssues(r.issues, [
      [`${S}!F7`, "not_a_number", "错误"],
      [`${S}!F8`, "not_a_number", "错误"],
      [`${S}!F9`, "not_a_number", "错误"],
      [`${S}!F10`, "not_a_number", "错误"],
    ]);
    expect(r.issues[0]?.params).toMatchObject({ value: "十二", column: "加分" });
  });

  test("an error value is formula_error (once) and INVALID", () => {
    const r = reader();
    expect(r.number(err("#N/A"), "G3", "加分")).toBe(INVALID);
    expectIssues(r.issues, [[`${S}!G3`, "formula_error", "错误"]]);
    expect(r.issues[0]?.params).toMatchObject({ value: "#N/A", column: "加分" });
  });
});

describe("CellReader.count (vote counts)", () => {
  test("whole numbers, as numbers or text; blank is 0", () => {
    const r = reader();
    expect(r.count(12, "E2", "互评优秀")).toBe(12);
    expect(r.count("12", "E2", "互评优秀")).toBe(12);
    expect(r.count(null, "E2", "互评优秀")).toBe(0);
    expect(r.count(0, "E2", "互评优秀")).toBe(0);
    expect(r.issues).toEqual([]);
  });

  test("full-width digits: 12 with a 提示", () => {
    const r = reader();
    expect(r.count("１２", "F5", "互评合格")).toBe(12);
    expectIssues(r.issues, [[`${S}!F5`, "fullwidth_digits", "提示"]]);
  });

  test("negative → vote_negative, fractional → vote_fraction, both read as 0", () => {
    const r = reader();
    expect(r.count(-2, "E2", "互评优秀")).toBe(0);
    expect(r.count("-1", "E3", "互评优秀")).toBe(0);
    expect(r.count(2.5, "E4", "互评优秀")).toBe(0);
    expect(r.count("0.5", "E5", "互评优秀")).toBe(0);
    expectIssues(r.issues, [
      [`${S}!E2`, "vote_negative", "错误"],
      [`${S}!E3`, "vote_negative", "错误"],
      [`${S}!E4`, "vote_fraction", "错误"],
      [`${S}!E5`, "vote_fraction", "错误"],
    ]);
  });

  test("text or an error value reads as 0 with its issue", () => {
    const r = reader();
    expect(r.count("十", "E2", "互评优秀")).toBe(0);
    expect(r.count(err("#REF!"), "E3", "互评优秀")).toBe(0);
    expectIssues(r.issues, [
      [`${S}!E2`, "not_a_number", "错误"],
      [`${S}!E3`, "formula_error", "错误"],
    ]);
  });
});

describe("CellReader.id and text", () => {
  test("编号: numbers as their digits, full-width folded (提示), spaces removed", () => {
    const r = reader();
    expect(r.id(7, "A2", "编号")).toBe("7");
    expect(r.id(" 001 ", "A3", "编号")).toBe("001");
    expect(r.id("００１", "A4", "编号")).toBe("001");
    expect(r.id("Ｄ－００２", "A5", "编号")).toBe("D-002");
    expect(r.id("D 00\u30003", "A6", "编号")).toBe("D003");
    expectIssues(r.issues, [
      [`${S}!A4`, "fullwidth_digits", "提示"],
      [`${S}!A5`, "fullwidth_digits", "提示"],
    ]);
  });

  test("an error value in 编号 is formula_error and reads as blank", () => {
    const r = reader();
    expect(r.id(err(), "A2", "编号")).toBe("");
    expect(r.text(err("#VALUE!"), "B2", "姓名")).toBe("");
    expectIssues(r.issues, [
      [`${S}!A2`, "formula_error", "错误"],
      [`${S}!B2`, "formula_error", "错误"],
    ]);
  });

  test("text trims ASCII, full-width and no-break spaces", () => {
    const r = reader();
    expect(r.text("\u3000张三\u00a0 ", "B2", "姓名")).toBe("张三");
    expect(r.text(12, "B2", "姓名")).toBe("12");
    expect(r.text(null, "B2", "姓名")).toBe("");
    expect(r.issues).toEqual([]);
  });
});

describe("CellReader.list", () => {
  const GRADES = ["优秀", "合格", "基本合格", "不合格"] as const;

  test("a listed value, also with spaces or full width around it", () => {
    const r = reader();
    expect(r.list("优秀", "D2", "自评等次", GRADES)).toBe("优秀");
    expect(r.list(" 基本 合格\u3000", "D3", "自评等次", GRADES)).toBe("基本合格");
    expect(r.list(null, "D4", "自评等次", GRADES)).toBeNull();
    expect(r.issues).toEqual([]);
  });

  test("a synonym maps to its listed value", () => {
    const r = reader();
    expect(r.list("年底", "A2", "期次", ["上半年", "年终"] as const, { 年底: "年终" })).toBe("年终");
    expect(r.issues).toEqual([]);
  });

  test("anything else is not_in_list and INVALID", () => {
    const r = reader();
    expect(r.list("良好", "M4", "支委会评定", GRADES)).toBe(INVALID);
    expect(r.list(1, "M5", "支委会评定", GRADES)).toBe(INVALID);
    expectIssues(r.issues, [
      [`${S}!M4`, "not_in_list", "错误"],
      [`${S}!M5`, "not_in_list", "错误"],
    ]);
    expect(r.issues[0]?.params).toMatchObject({ value: "良好", column: "支委会评定", allowed: "优秀、合格、基本合格、不合格" });
  });
});

describe("CellReader.date", () => {
  test("dates in every accepted form", () => {
    const r = reader();
    const d = dayFromYMD(2010, 9, 20);
    expect(r.date(date(2010, 9, 20), "C2", "日期", 2010)).toBe(d);
    expect(r.date("2010-09-20", "C2", "日期", 2010)).toBe(d);
    expect(r.date("2010/9/20", "C2", "日期", 2010)).toBe(d);
    expect(r.date("2010.9.20", "C2", "日期", 2010)).toBe(d);
    expect(r.date("2010年9月20日", "C2", "日期", 2010)).toBe(d);
    expect(r.date("9月20日", "C2", "日期", 2010)).toBe(d);
    expect(r.date("9/20", "C2", "日期", 2010)).toBe(d);
    expect(r.date(40441, "C2", "日期", 2010)).toBe(d); // an Excel serial shown as a number
    expect(r.date(20100920, "C2", "日期", 2010)).toBe(d); // yyyymmdd typed as a number
    expect(r.date("2010-09-20 14:30", "C2", "日期", 2010)).toBe(d);
    expect(r.issues).toEqual([]);
  });

  test("full-width digits and punctuation are accepted with a 提示", () => {
    const r = reader();
    expect(r.date("２０１０－０９－２０", "C5", "日期", 2010)).toBe(dayFromYMD(2010, 9, 20));
    expect(r.date("２０１０．９．２０", "C6", "日期", 2010)).toBe(dayFromYMD(2010, 9, 20));
    expectIssues(r.issues, [
      [`${S}!C5`, "fullwidth_digits", "提示"],
      [`${S}!C6`, "fullwidth_digits", "提示"],
    ]);
  });

  test("impossible or non-dates are date_invalid; blank is null", () => {
    const r = reader();
    expect(r.date("2月30日", "C2", "日期", 2010)).toBe(INVALID);
    expect(r.date("2010-13-01", "C3", "日期", 2010)).toBe(INVALID);
    expect(r.date("下周一", "C4", "日期", 2010)).toBe(INVALID);
    expect(r.date("2010-09-20 集中学习", "C5", "日期", 2010)).toBe(INVALID); // a date cell holds only the date
    expect(r.date(true, "C6", "日期", 2010)).toBe(INVALID);
    expect(r.date(null, "C7", "日期", 2010)).toBeNull();
    expectIssues(r.issues, [
      [`${S}!C2`, "date_invalid", "错误"],
      [`${S}!C3`, "date_invalid", "错误"],
      [`${S}!C4`, "date_invalid", "错误"],
      [`${S}!C5`, "date_invalid", "错误"],
      [`${S}!C6`, "date_invalid", "错误"],
    ]);
  });

  test("an error value is formula_error, not date_invalid", () => {
    const r = reader();
    expect(r.date(err("#DIV/0!"), "C2", "日期", 2010)).toBe(INVALID);
    expectIssues(r.issues, [[`${S}!C2`, "formula_error", "错误"]]);
  });
});

describe("parseDatePrefix (session headers)", () => {
  const Y = 2010;
  const cases: [string, number, number, number, string, boolean][] = [
    ["2010-09-20 集中学习", 2010, 9, 20, "集中学习", false],
    ["9月20日 党课", 2010, 9, 20, "党课", true],
    ["9月20号党课", 2010, 9, 20, "党课", true],
    ["9/20", 2010, 9, 20, "", true],
    ["9 / 20 专题学习", 2010, 9, 20, "专题学习", true],
    ["2010/9/20", 2010, 9, 20, "", false],
    ["2010.9.20", 2010, 9, 20, "", false],
    ["2010年9月20日", 2010, 9, 20, "", false],
    ["2010年9月20日组织生活会", 2010, 9, 20, "组织生活会", false],
    ["２０１０－０９－２０　集中学习", 2010, 9, 20, "集中学习", false],
    ["９月２０日 党课", 2010, 9, 20, "党课", true],
    ["９／２０", 2010, 9, 20, "", true],
    ["2009-12-30 补课", 2009, 12, 30, "补课", false],
  ];
  test.each(cases)("%s", (text, y, m, d, rest, yearless) => {
    expect(parseDatePrefix(text, Y)).toEqual({ day: dayFromYMD(y, m, d), rest, yearless });
  });

  test("no year means the year passed in (考评年度)", () => {
    expect(parseDatePrefix("3/8", 2011)?.day).toBe(dayFromYMD(2011, 3, 8));
    expect(parseDatePrefix("3月8日", 2011)?.day).toBe(dayFromYMD(2011, 3, 8));
  });

  test("date-shaped but impossible: day null", () => {
    expect(parseDatePrefix("2月30日 党课", 2010)).toMatchObject({ day: null });
    expect(parseDatePrefix("2010-02-29", 2010)).toMatchObject({ day: null });
    expect(parseDatePrefix("13/1", 2010)).toMatchObject({ day: null });
    expect(parseDatePrefix("2月29日", 2012)?.day).toBe(dayFromYMD(2012, 2, 29));
  });

  test("text that does not begin with a date: null", () => {
    for (const t of ["序号", "备注", "党课 9月20日", "920", "", "第3次学习", "9/20/2010"]) expect(parseDatePrefix(t, 2010)).toBeNull();
  });
});

describe("parseDateValue", () => {
  test("Date, serial, yyyymmdd and text", () => {
    const d = dayFromYMD(2010, 9, 20);
    expect(parseDateValue(date(2010, 9, 20), 2010)).toBe(d);
    expect(parseDateValue(40441, 2010)).toBe(d);
    expect(parseDateValue(20100920, 2010)).toBe(d);
    expect(parseDateValue("9月20日", 2010)).toBe(d);
  });

  test("nothing that is not a date", () => {
    expect(parseDateValue(new Date(NaN), 2010)).toBeNull();
    expect(parseDateValue(20100231, 2010)).toBeNull();
    expect(parseDateValue(-5, 2010)).toBeNull();
    expect(parseDateValue(true, 2010)).toBeNull();
    expect(parseDateValue(null, 2010)).toBeNull();
    expect(parseDateValue({ error: "#N/A" }, 2010)).toBeNull();
  });
});

describe("CellReader.monthCell (入党时间, 出生年月)", () => {
  const ym = (year: number, month: number): { year: number; month: number } => ({ year, month });

  test("year and month in every usual form, as a number or text, read as that month", () => {
    const r = reader();
    const cases: [number | string, { year: number; month: number }][] = [
      [2001.07, ym(2001, 7)],
      ["2001.07", ym(2001, 7)],
      [2001.7, ym(2001, 7)],
      ["2001.7", ym(2001, 7)],
      [2001.12, ym(2001, 12)],
      ["2001.10", ym(2001, 10)],
      ["2001.1", ym(2001, 1)],
      ["2003-07", ym(2003, 7)],
      ["2006/7", ym(2006, 7)],
      ["1995年5月", ym(1995, 5)],
      ["1995年5月份", ym(1995, 5)],
      [" 1995 年 5 月 ", ym(1995, 5)],
      [200107, ym(2001, 7)],
      ["200107", ym(2001, 7)],
    ];
    for (const [v, want] of cases) expect([v, r.monthCell(v, "F2", "入党时间")]).toEqual([v, { value: want, typed: String(v).trim() }]);
    expect(r.issues).toEqual([]);
  });

  test("full-width digits read the same, with the usual fullwidth_digits 提示", () => {
    const r = reader();
    expect(r.monthCell("１９９５年５月", "F2", "入党时间")).toEqual({ value: ym(1995, 5), typed: "１９９５年５月" });
    expectIssues(r.issues, [[`${S}!F2`, "fullwidth_digits", "提示"]]);
  });

  test("a whole date (date cell, serial, text) stays a whole date", () => {
    const r = reader();
    expect(r.monthCell(date(2001, 7, 1), "F2", "入党时间")).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "2001-07-01" });
    expect(r.monthCell("2001-07-01", "F3", "入党时间")).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "2001-07-01" });
    expect(r.monthCell("2001年7月1日", "F4", "入党时间")).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "2001年7月1日" });
    // Office.js hands a date cell of a data row over as its serial: 37073 is 2001-07-01.
    expect(r.monthCell(37073, "F5", "入党时间")).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "37073" });
    expect(r.monthCell(20010701, "F6", "入党时间")).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "20010701" });
    expect(r.issues).toEqual([]);
  });

  test("2001.07 typed into a date-formatted cell arrives as 1905-06-23 01:40: read as the number typed", () => {
    const r = reader();
    // What exceljs (and the Office.js host) hand over for serial n in a date-formatted cell.
    const asDate = (n: number): Date => new Date(Math.round((n - 25569) * 86_400_000));
    expect(asDate(2001.07).toISOString()).toBe("1905-06-23T01:40:48.000Z");
    expect(r.monthCell(asDate(2001.07), "F2", "入党时间")).toEqual({ value: ym(2001, 7), typed: "2001.07" });
    expect(r.monthCell(asDate(1995.5), "F3", "入党时间")).toEqual({ value: ym(1995, 5), typed: "1995.5" });
    expect(r.monthCell(asDate(2001.1), "F4", "入党时间")).toEqual({ value: null, typed: "2001.1" });
    expect(r.monthCell(asDate(2001), "F5", "入党时间")).toEqual({ value: null, typed: "2001" });
    expectIssues(r.issues, [
      [`${S}!F4`, "year_month_ambiguous", "提示"],
      [`${S}!F5`, "year_month_unreadable", "提示"],
    ]);
  });

  test("2001.1 as a number may be 2001.10 with the zero dropped: year_month_ambiguous, kept as typed", () => {
    const r = reader();
    expect(r.monthCell(2001.1, "F2", "入党时间")).toEqual({ value: null, typed: "2001.1" });
    expect(r.monthCell(2001.10, "F3", "入党时间")).toEqual({ value: null, typed: "2001.1" });
    expectIssues(r.issues, [
      [`${S}!F2`, "year_month_ambiguous", "提示"],
      [`${S}!F3`, "year_month_ambiguous", "提示"],
    ]);
    expect(r.issues[0]?.params).toEqual({ value: "2001.1", column: "入党时间", year: 2001 });
  });

  test("what is not a year and month is a 提示, kept as typed, and never a date serial", () => {
    const r = reader();
    const kept: [CellValue, string][] = [
      [2001, "2001"],
      [2001.13, "2001.13"],
      [2001.071, "2001.071"],
      ["1980年代", "1980年代"],
      ["1980-13", "1980-13"],
      ["7月1日", "7月1日"],
      ["2001-02-30", "2001-02-30"],
      [true, "TRUE"],
    ];
    kept.forEach(([v, typed], i) => expect(r.monthCell(v, `F${i + 2}`, "出生年月")).toEqual({ value: null, typed }));
    expectIssues(
      r.issues,
      kept.map((_, i) => [`${S}!F${i + 2}`, "year_month_unreadable", "提示"]),
    );
    expect(r.issues[0]?.params).toEqual({ value: "2001", column: "出生年月" });
  });

  test("a blank is nothing; an error value is reported on its cell and read as nothing", () => {
    const r = reader();
    expect(r.monthCell(null, "F2", "出生年月")).toEqual({ value: null, typed: "" });
    expect(r.monthCell("  ", "F3", "出生年月")).toEqual({ value: null, typed: "" });
    expect(r.monthCell(err("#N/A"), "F6", "出生年月")).toEqual({ value: null, typed: "" });
    expectIssues(r.issues, [[`${S}!F6`, "formula_error", "错误"]]);
  });
});
