/**
 * Layouts real branch files have (issue 12, item 6): read right, or refused loudly — never
 * silently wrong. Here: 入党时间 / 出生年月 typed as a year and month, and 合计 / 出勤率 / 平均 /
 * 小计 rows under (or between) the members.
 */
import { dayFromYMD } from "../../src/core/dates";
import type { MonthCell } from "../../src/core/types";
import type { CellValue } from "../../src/workbook/cells";
import { addRow, date, expectIssue, expectIssues, parse, type Row, set, validWorkbook, withCode } from "./grid";

// ------------------------------------------------------------------ 入党时间 and 出生年月

/** The valid workbook with 张三's 入党时间 (F2) and 出生年月 (a column L) both set to `v`. */
function withMonths(v: CellValue): ReturnType<typeof validWorkbook> {
  const wb = validWorkbook();
  set(wb, "党员名册!L1", "出生年月");
  set(wb, "党员名册!F2", v);
  set(wb, "党员名册!L2", v);
  return wb;
}

function monthsOf(v: CellValue): { joinDate: MonthCell; birth: MonthCell } {
  const r = parse(withMonths(v));
  const m = r.input.members[0];
  if (!m) throw new Error("张三 is missing");
  return { joinDate: m.joinDate, birth: m.birth };
}

describe("入党时间 and 出生年月 typed as a year and month", () => {
  const july2001 = { year: 2001, month: 7 };
  const forms: [what: string, typed: CellValue, value: { year: number; month: number }, shown: string][] = [
    ["2001.07 as a number (not Excel serial 2001, 1905-06-23)", 2001.07, july2001, "2001.07"],
    ["2001.07 as text", "2001.07", july2001, "2001.07"],
    ["2001.7 as a number", 2001.7, july2001, "2001.7"],
    ["2001.7 as text", "2001.7", july2001, "2001.7"],
    ["2003-07", "2003-07", { year: 2003, month: 7 }, "2003-07"],
    ["2006/7", "2006/7", { year: 2006, month: 7 }, "2006/7"],
    ["1995年5月", "1995年5月", { year: 1995, month: 5 }, "1995年5月"],
    ["2001.10 as text is October", "2001.10", { year: 2001, month: 10 }, "2001.10"],
    ["2001.1 as text is January", "2001.1", { year: 2001, month: 1 }, "2001.1"],
    ["2001.12 as a number", 2001.12, { year: 2001, month: 12 }, "2001.12"],
    ["200107 (year and month run together)", 200107, july2001, "200107"],
  ];

  test.each(forms)("%s is read as that month, with no issue", (_what, typed, value, shown) => {
    const r = parse(withMonths(typed));
    expectIssues(r.issues, []);
    expect(monthsOf(typed)).toEqual({ joinDate: { value, typed: shown }, birth: { value, typed: shown } });
  });

  test("full-width digits (２００１．０７) are read as that month, with the usual fullwidth_digits 提示", () => {
    const r = parse(withMonths("２００１．０７"));
    expectIssues(r.issues, [
      ["党员名册!F2", "fullwidth_digits", "提示"],
      ["党员名册!L2", "fullwidth_digits", "提示"],
    ]);
    expect(monthsOf("２００１．０７")).toEqual({ joinDate: { value: july2001, typed: "２００１．０７" }, birth: { value: july2001, typed: "２００１．０７" } });
  });

  test("a whole date still is one: a date cell and 2001-07-01 as text", () => {
    expect(monthsOf(date(2001, 7, 1))).toEqual({
      joinDate: { value: dayFromYMD(2001, 7, 1), typed: "2001-07-01" },
      birth: { value: dayFromYMD(2001, 7, 1), typed: "2001-07-01" },
    });
    const r = parse(withMonths("2001-07-01"));
    expectIssues(r.issues, []);
    expect(r.input.members[0]?.joinDate).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "2001-07-01" });
  });

  test("2001.1 as a number may be 2001.10 with Excel's zero dropped: year_month_ambiguous, kept as typed", () => {
    const r = parse(withMonths(2001.1));
    expectIssues(r.issues, [
      ["党员名册!F2", "year_month_ambiguous", "提示"],
      ["党员名册!L2", "year_month_ambiguous", "提示"],
    ]);
    expect(expectIssue(r.issues, "党员名册!F2", "year_month_ambiguous").params).toEqual({ value: "2001.1", column: "入党时间", year: 2001 });
    expect(r.input.members[0]?.joinDate).toEqual({ value: null, typed: "2001.1" });
  });

  test("what is no year and month is a 提示 (not an 错误: no score uses it), kept as typed", () => {
    const r = parse(withMonths("九五年"));
    expectIssues(r.issues, [
      ["党员名册!F2", "year_month_unreadable", "提示"],
      ["党员名册!L2", "year_month_unreadable", "提示"],
    ]);
    expect(expectIssue(r.issues, "党员名册!L2", "year_month_unreadable").params).toEqual({ value: "九五年", column: "出生年月" });
    expect(r.input.members[0]?.birth).toEqual({ value: null, typed: "九五年" });
  });

  test("a bare year (2001) is no month and no date serial either", () => {
    const r = parse(withMonths(2001));
    expectIssues(r.issues, [
      ["党员名册!F2", "year_month_unreadable", "提示"],
      ["党员名册!L2", "year_month_unreadable", "提示"],
    ]);
    expect(r.input.members[0]?.joinDate).toEqual({ value: null, typed: "2001" });
  });
});

// ------------------------------------------------------------------ summary rows

describe("合计 / 出勤率 / 平均 / 小计 rows", () => {
  test("党员名册: a 合计 row at the foot is skipped with one 提示, not an 错误", () => {
    const wb = validWorkbook();
    addRow(wb, "党员名册", []);
    addRow(wb, "党员名册", ["合计", "3人"]);
    const r = parse(wb);
    expectIssues(r.issues, [["党员名册!A6", "summary_rows_skipped", "提示"]]);
    expect(expectIssue(r.issues, "党员名册!A6", "summary_rows_skipped").params).toEqual({ cells: "A6", labels: "合计", count: 1 });
    expect(r.input.members.map((m) => m.id)).toEqual(["001", "002", "003"]);
  });

  test("学习考勤: 出勤率 and 平 均 rows (label under 姓名, spaces, colon) are one 提示 naming both", () => {
    const wb = validWorkbook();
    addRow(wb, "学习考勤", [null, "出勤率：", "100%", "100%"]);
    addRow(wb, "学习考勤", ["平\u3000均", null, 0.9, 1]);
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!B5", "summary_rows_skipped", "提示"]]);
    expect(expectIssue(r.issues, "学习考勤!B5", "summary_rows_skipped").params).toEqual({ cells: "B5、A6", labels: "出勤率、平均", count: 2 });
    expect(r.input.attendance.map((a) => a.memberId)).toEqual(["001", "002", "003"]);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("学习考勤: a session nobody attended yet is still not held when only the 出勤率 row has a value", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!E1", "2010-12-20 党课");
    addRow(wb, "学习考勤", [null, "出勤率", "100%", "100%", "0%"]);
    const r = parse(wb);
    expectIssues(r.issues, [
      ["学习考勤!E1", "session_column_empty", "提示"],
      ["学习考勤!B5", "summary_rows_skipped", "提示"],
    ]);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("个人承诺 and 评议打分: 合计 rows (合计：, full-width colon) at the foot are skipped", () => {
    const wb = validWorkbook();
    addRow(wb, "个人承诺", ["合计", null, null, null, null, 4]);
    addRow(wb, "评议打分", ["合计：", null, null, null, 20, 16, 0, 0, 17, 13, 0, 0]);
    addRow(wb, "评议打分", []);
    addRow(wb, "评议打分", ["总计", null, null, null, 20, 16, 0, 0, 17, 13, 0, 0]);
    const r = parse(wb);
    expectIssues(r.issues, [
      ["个人承诺!A5", "summary_rows_skipped", "提示"],
      ["评议打分!A5", "summary_rows_skipped", "提示"],
    ]);
    expect(expectIssue(r.issues, "评议打分!A5", "summary_rows_skipped").params).toEqual({ cells: "A5、A7", labels: "合计、总计", count: 2 });
    expect(r.input.pledges).toHaveLength(3);
    expect(r.input.votes).toHaveLength(3);
  });

  test("活动记录: a 小计 row between members never names a member: skipped with the same 提示", () => {
    const wb = validWorkbook();
    const rowsBefore = wb["活动记录"] as Row[];
    rowsBefore.splice(2, 0, ["小计", null, null, null, null, null, 0]);
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!A3", "summary_rows_skipped", "提示"]]);
    expect(r.input.activities.map((a) => a.memberId)).toEqual(["001", "002"]);
  });

  test("合计 elsewhere in a member's row (备注) is data: the row is the member's", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!K2", "合计");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.members.map((m) => [m.id, m.note])).toEqual([
      ["001", "合计"],
      ["002", ""],
      ["003", ""],
    ]);
  });

  test("a 合计 without its numbers, under a member with no 编号: the member is still an 错误, the 合计 a 提示", () => {
    const wb = validWorkbook();
    addRow(wb, "党员名册", [null, "赵六", "女"]);
    addRow(wb, "党员名册", ["合计"]);
    const r = parse(wb);
    expectIssues(r.issues, [
      ["党员名册!A5", "id_blank", "错误"],
      ["党员名册!A6", "summary_rows_skipped", "提示"],
    ]);
    expect(withCode(r.issues, "summary_rows_skipped")).toHaveLength(1);
  });
});
