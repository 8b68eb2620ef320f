/**
 * 学习考勤: one column per study session, its header beginning with the session's date; marks
 * 出席 / 迟到 / 请假 / 补学 / 缺席.
 */
import { dayFromYMD, formatDay } from "../../src/core/dates";
import {
  addRow,
  date,
  err,
  expectIssue,
  expectIssues,
  expectNoIssue,
  insertColumn,
  parse,
  set,
  setRow,
  settingCell,
  validWorkbook,
  withCode,
} from "./grid";

const ALL_PRESENT = ["出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席"];

describe("session headers in every listed format", () => {
  test("ISO, M月D日, M/D, Y/M/D, Y.M.D, Y年M月D日, an Excel date and full-width digits", () => {
    const wb = validWorkbook();
    setRow(wb, "学习考勤", 1, [
      "编号",
      "姓名",
      "2010-01-08 集中学习", // C
      "2月5日 党课", // D
      "3/12", // E
      "2010/4/9", // F
      "2010.5.14", // G
      "2010年6月11日", // H
      date(2010, 7, 9), // I: a date-formatted header cell arrives as a Date
      "８月１３日　专题学习", // J: full-width digits and space
    ]);
    for (const r of [2, 3, 4]) {
      set(wb, `学习考勤!C${r}`, "出席");
      set(wb, `学习考勤!D${r}`, "出席");
      for (const c of ["E", "F", "G", "H", "I", "J"]) set(wb, `学习考勤!${c}${r}`, "出席");
    }
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.sessions.map((s) => formatDay(s.date))).toEqual([
      "2010-01-08", "2010-02-05", "2010-03-12", "2010-04-09", "2010-05-14", "2010-06-11", "2010-07-09", "2010-08-13",
    ]);
    expect(r.input.sessions.map((s) => s.title)).toEqual(["集中学习", "党课", "2010-03-12", "2010-04-09", "2010-05-14", "2010-06-11", "2010-07-09", "专题学习"]);
    expect(r.input.sessions.map((s) => s.ref.cell)).toEqual(["C1", "D1", "E1", "F1", "G1", "H1", "I1", "J1"]);
    expect(r.input.attendance.map((a) => a.marks)).toEqual([ALL_PRESENT, ALL_PRESENT, ALL_PRESENT]);
  });

  test("no year in the header means 考评年度; a dated header outside it is session_outside_year and ignored", () => {
    const wb = validWorkbook();
    set(wb, settingCell("考评年度"), 2011);
    setRow(wb, "学习考勤", 1, ["编号", "姓名", "2010-09-20 集中学习", "9/20", "9月21日 党课", date(2010, 12, 30), "2011年1月5日"]);
    for (const r of [2, 3, 4]) for (const c of ["C", "D", "E", "F", "G"]) set(wb, `学习考勤!${c}${r}`, "出席");
    const r = parse(wb);
    expectIssue(r.issues, "学习考勤!C1", "session_outside_year", "提示");
    expectIssue(r.issues, "学习考勤!F1", "session_outside_year", "提示");
    expect(withCode(r.issues, "session_outside_year")).toHaveLength(2);
    expect(r.input.sessions.map((s) => formatDay(s.date))).toEqual(["2011-09-20", "2011-09-21", "2011-01-05"]);
    expect(r.input.attendance[0]?.marks).toHaveLength(3);
  });

  test("the Excel-date header keeps the date's own year (outside 考评年度 → ignored)", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!E1", date(2009, 12, 25));
    for (const r of [2, 3, 4]) set(wb, `学习考勤!E${r}`, "出席");
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!E1", "session_outside_year", "提示"]]);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("序号, 备注 and other headers are column_ignored 提示", () => {
    const wb = validWorkbook();
    insertColumn(wb, "学习考勤", 1, "序号", 1);
    insertColumn(wb, "学习考勤", 6, "备注", "调入");
    insertColumn(wb, "学习考勤", 7, "党课 9月20日", "出席"); // the date must come first
    const r = parse(wb);
    expectIssues(r.issues, [
      ["学习考勤!A1", "column_ignored", "提示"],
      ["学习考勤!F1", "column_ignored", "提示"],
      ["学习考勤!G1", "column_ignored", "提示"],
    ]);
    expect(r.input.sessions.map((s) => s.ref.cell)).toEqual(["D1", "E1"]);
    expect(r.input.attendance[0]?.marks).toEqual(["出席", "出席"]);
  });

  test("a plain number header (920, or a serial 40441 not formatted as a date) is not a session", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!E1", 920);
    set(wb, "学习考勤!F1", 40441);
    for (const r of [2, 3, 4]) {
      set(wb, `学习考勤!E${r}`, "出席");
      set(wb, `学习考勤!F${r}`, "出席");
    }
    const r = parse(wb);
    expectIssues(r.issues, [
      ["学习考勤!E1", "column_ignored", "提示"],
      ["学习考勤!F1", "column_ignored", "提示"],
    ]);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("an impossible date such as 2月30日 is date_invalid and not a session", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!E1", "2月30日 党课");
    set(wb, "学习考勤!F1", "2010-13-01 集中学习");
    for (const r of [2, 3, 4]) {
      set(wb, `学习考勤!E${r}`, "出席");
      set(wb, `学习考勤!F${r}`, "出席");
    }
    const r = parse(wb);
    expectIssues(r.issues, [
      ["学习考勤!E1", "date_invalid", "错误"],
      ["学习考勤!F1", "date_invalid", "错误"],
    ]);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("a session column where nobody has a mark is session_column_empty and not counted", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!E1", "2010-11-15 党课");
    set(wb, "学习考勤!F1", "2010-12-20 组织生活会");
    set(wb, "学习考勤!F4", "出席");
    const r = parse(wb);
    // F has one mark: it was held, so the two blanks in it are mark_blank.
    expectIssues(r.issues, [
      ["学习考勤!E1", "session_column_empty", "提示"],
      ["学习考勤!F2", "mark_blank", "提示"],
      ["学习考勤!F3", "mark_blank", "提示"],
    ]);
    expect(r.input.sessions.map((s) => s.ref.cell)).toEqual(["C1", "D1", "F1"]);
    expect(r.input.attendance.map((a) => a.marks)).toEqual([
      ["出席", "出席", "blank"],
      ["迟到", "出席", "blank"],
      ["请假", "补学", "出席"],
    ]);
  });

  test("a blank session column in an otherwise blank sheet: nothing to count, no mark_blank", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [["编号", "姓名", "2010-11-15 党课"]];
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.sessions).toEqual([]);
  });
});

describe("marks", () => {
  test("every listed mark, also with spaces or full-width padding", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!C2", " 缺席 ");
    set(wb, "学习考勤!D2", "\u3000迟 到\u00a0");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.attendance[0]?.marks).toEqual(["缺席", "迟到"]);
  });

  test("a mark not in the list (√, 病假) is mark_invalid and read as invalid", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!D3", "√");
    set(wb, "学习考勤!C4", "病假");
    const r = parse(wb);
    expectIssues(r.issues, [
      ["学习考勤!D3", "mark_invalid", "错误"],
      ["学习考勤!C4", "mark_invalid", "错误"],
    ]);
    expect(expectIssue(r.issues, "学习考勤!D3", "mark_invalid").params).toMatchObject({ value: "√", name: "李四" });
    expect(r.input.attendance.map((a) => a.marks)).toEqual([
      ["出席", "出席"],
      ["迟到", "invalid"],
      ["invalid", "补学"],
    ]);
  });

  test("blank marks: one mark_blank per member row, at the first blank cell", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!E1", "2010-10-18 党课");
    set(wb, "学习考勤!E2", "出席");
    // 张三: C and D blank → one issue at C2 (count 2); 李四: only E blank → at E3.
    set(wb, "学习考勤!C2", null);
    set(wb, "学习考勤!D2", "  ");
    const r = parse(wb);
    expectIssues(r.issues, [
      ["学习考勤!C2", "mark_blank", "提示"],
      ["学习考勤!E3", "mark_blank", "提示"],
      ["学习考勤!E4", "mark_blank", "提示"],
    ]);
    expect(expectIssue(r.issues, "学习考勤!C2", "mark_blank").params).toMatchObject({ name: "张三", count: 2, cells: "C2、D2" });
    expect(r.input.attendance[0]?.marks).toEqual(["blank", "blank", "出席"]);
  });

  test("an error value in a mark cell is formula_error and counts as invalid", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!D2", err("#N/A"));
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!D2", "formula_error", "错误"]]);
    expect(r.input.attendance[0]?.marks).toEqual(["出席", "invalid"]);
  });
});

describe("rows of 学习考勤", () => {
  test("a row whose 编号 is not in the roster is unknown_member and ignored", () => {
    const wb = validWorkbook();
    addRow(wb, "学习考勤", ["099", "赵六", "出席", "出席"]);
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!A5", "unknown_member", "错误"]]);
    expect(r.input.attendance.map((a) => a.memberId)).toEqual(["001", "002", "003"]);
  });

  test("a second row for the same member is row_duplicate and ignored", () => {
    const wb = validWorkbook();
    addRow(wb, "学习考勤", ["002", "李四", "缺席", "缺席"]);
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!A5", "row_duplicate", "错误"]]);
    expect(r.input.attendance.find((a) => a.memberId === "002")?.marks).toEqual(["迟到", "出席"]);
  });

  test("a blank 编号 with a unique 姓名 is matched by name", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!A3", null);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.attendance.map((a) => a.memberId)).toEqual(["001", "002", "003"]);
  });

  test("a member missing from 学习考勤 is attendance_missing_member (whole sheet)", () => {
    const wb = validWorkbook();
    wb.学习考勤 = wb.学习考勤?.slice(0, 3) ?? [];
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤", "attendance_missing_member", "提示"]]);
    expect(expectIssue(r.issues, "学习考勤", "attendance_missing_member").params).toMatchObject({ id: "003", name: "王五" });
    expect(r.input.attendance).toHaveLength(2);
  });

  test("a 不参评 member gets no mark_blank", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!H4", "不参评");
    set(wb, "党员名册!I4", "长期病假");
    set(wb, "学习考勤!C4", null);
    set(wb, "学习考勤!D4", null);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expectNoIssue(r.issues, "mark_blank");
  });

  test("session dates are day numbers of the header's date", () => {
    const r = parse(validWorkbook());
    expect(r.input.sessions.map((s) => s.date)).toEqual([dayFromYMD(2010, 3, 15), dayFromYMD(2010, 9, 20)]);
  });
});
