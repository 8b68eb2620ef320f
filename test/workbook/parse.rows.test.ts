/**
 * Row-level problems in 党员名册, 个人承诺, 活动记录 and 评议打分: each one is an issue on its
 * cell, and only the row (or the cell) it is about is affected.
 */
import { dayFromYMD } from "../../src/core/dates";
import {
  addRow,
  date,
  err,
  expectIssue,
  expectIssues,
  parse,
  set,
  settingCell,
  validWorkbook,
  withCode,
} from "./grid";

describe("党员名册", () => {
  test("a blank 编号 is id_blank and the row is ignored", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!A3", null);
    set(wb, "学习考勤!A3", null); // 李四 found by name elsewhere would be unknown now
    const r = parse(wb);
    expectIssue(r.issues, "党员名册!A3", "id_blank", "错误");
    expect(r.input.members.map((m) => m.id)).toEqual(["001", "003"]);
  });

  test("a duplicate 编号 is id_duplicate on the later row, which is ignored", () => {
    const wb = validWorkbook();
    addRow(wb, "党员名册", ["001", "赵六", "女", "正式党员", null, null, null, null, null, null, null]);
    const r = parse(wb);
    expectIssues(r.issues, [["党员名册!A5", "id_duplicate", "错误"]]);
    expect(expectIssue(r.issues, "党员名册!A5", "id_duplicate").params).toMatchObject({ id: "001", first: "A2" });
    expect(r.input.members.map((m) => `${m.id} ${m.name}`)).toEqual(["001 张三", "002 李四", "003 王五"]);
  });

  test("编号 with full-width digits is folded (提示) and matches the other sheets", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!A2", "００１");
    const r = parse(wb);
    expectIssues(r.issues, [["党员名册!A2", "fullwidth_digits", "提示"]]);
    expect(r.input.members[0]?.id).toBe("001");
    expect(r.input.pledges.filter((p) => p.memberId === "001")).toHaveLength(1);
  });

  test("编号 typed as numbers in one sheet and as text in another still match", () => {
    const wb = validWorkbook();
    for (const [r, id] of [[2, 1], [3, 2], [4, 3]] as const) {
      set(wb, `党员名册!A${r}`, id);
      set(wb, `个人承诺!A${r}`, String(id));
      set(wb, `学习考勤!A${r}`, ` ${id} `);
      set(wb, `评议打分!B${r}`, id);
    }
    set(wb, "活动记录!A2", "1");
    set(wb, "活动记录!A3", 2);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.members.map((m) => m.id)).toEqual(["1", "2", "3"]);
    expect(r.input.pledges.map((p) => p.memberId)).toEqual(["1", "2", "3"]);
    expect(r.input.attendance.map((a) => a.memberId)).toEqual(["1", "2", "3"]);
    expect(r.input.votes.map((v) => v.memberId)).toEqual(["1", "2", "3"]);
    expect(r.input.activities.map((a) => a.memberId)).toEqual(["1", "2"]);
  });

  test("a roster with a header and no members is roster_empty at the first data row", () => {
    const wb = validWorkbook();
    wb.党员名册 = [["党员名册"], ["编号", "姓名"]];
    const r = parse(wb);
    expectIssue(r.issues, "党员名册!A3", "roster_empty", "错误");
    expect(r.input.members).toEqual([]);
  });

  test("a blank 党员名册 sheet is roster_empty too", () => {
    const wb = validWorkbook();
    wb.党员名册 = [];
    const r = parse(wb);
    expectIssue(r.issues, "党员名册!A1", "roster_empty", "错误");
    expect(r.input.members).toEqual([]);
  });

  test("a missing 党员名册 sheet is sheet_missing 错误", () => {
    const wb = validWorkbook();
    delete wb.党员名册;
    const r = parse(wb);
    expectIssue(r.issues, "党员名册", "sheet_missing", "错误");
    expect(r.input.members).toEqual([]);
  });

  test("member fields: category, status, sanction, join date", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!H3", "不参评");
    set(wb, "党员名册!I3", "出国");
    set(wb, "党员名册!J2", "有");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.members.map((m) => [m.id, m.category, m.participating, m.sanctioned, m.exclusionReason])).toEqual([
      ["001", "正式党员", true, true, ""],
      ["002", "正式党员", false, false, "出国"],
      ["003", "预备党员", true, false, ""],
    ]);
    expect(r.input.members[0]?.joinDate).toEqual({ value: dayFromYMD(2001, 7, 1), typed: "2001-07-01" });
  });

  test("a 党员类别 not in the list is not_in_list and counts as 正式党员", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!D4", "积极分子");
    const r = parse(wb);
    expectIssues(r.issues, [["党员名册!D4", "not_in_list", "错误"]]);
    expect(r.input.members[2]?.category).toBe("正式党员");
  });
});

describe("matching rows to members (个人承诺)", () => {
  test("an unknown 编号 is unknown_member and the row is ignored", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!A3", "099");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!A3", "unknown_member", "错误"]]);
    expect(r.input.pledges.map((p) => p.memberId)).toEqual(["001", "003"]);
  });

  test("a 姓名 differing from the roster is name_mismatch 提示; the row is still used by 编号", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!B2", "张叁");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!B2", "name_mismatch", "提示"]]);
    expect(expectIssue(r.issues, "个人承诺!B2", "name_mismatch").params).toMatchObject({ id: "001", name: "张叁", rosterName: "张三" });
    expect(r.input.pledges.map((p) => p.memberId)).toEqual(["001", "002", "003"]);
  });

  test("a blank 编号 with a unique 姓名 is matched by name, silently", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!A3", null);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.pledges.map((p) => p.memberId)).toEqual(["001", "002", "003"]);
  });

  test("a blank 编号 with a name not in the roster is name_ambiguous and ignored", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!A3", null);
    set(wb, "个人承诺!B3", "赵六");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!A3", "name_ambiguous", "错误"]]);
    expect(r.input.pledges.map((p) => p.memberId)).toEqual(["001", "003"]);
  });

  test("a blank 编号 with a name two members share is name_ambiguous and ignored", () => {
    const wb = validWorkbook();
    addRow(wb, "党员名册", ["004", "张三", "女", "正式党员", null, null, null, null, null, null, null]);
    addRow(wb, "学习考勤", ["004", "张三", "出席", "出席"]);
    set(wb, "个人承诺!A2", null);
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!A2", "name_ambiguous", "错误"]]);
    expect(r.input.pledges.map((p) => p.memberId)).toEqual(["002", "003"]);
  });

  test("a row with content but neither 编号 nor 姓名 is id_blank", () => {
    const wb = validWorkbook();
    addRow(wb, "个人承诺", [null, null, "党员承诺", "多读书", null, null, null, null, "完成"]);
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!A5", "id_blank", "错误"]]);
    expect(r.input.pledges).toHaveLength(3);
  });
});

describe("个人承诺 values", () => {
  test("a text 权重 is one weight_invalid (not also not_a_number) and counts as 1", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!F3", "重要");
    const r = parse(wb);
    expectIssue(r.issues, "个人承诺!F3", "weight_invalid", "错误");
    expect(r.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual(["个人承诺!F3 weight_invalid"]);
    expect(r.input.pledges[1]?.weight).toBe(1);
  });

  test("a negative 权重 is weight_invalid and counts as 1; a blank one is 1 silently; 0 stays 0", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!F2", -2);
    set(wb, "个人承诺!F3", 0);
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!F2", "weight_invalid", "错误"]]);
    expect(r.input.pledges.map((p) => p.weight)).toEqual([1, 0, 1]);
  });

  test("权重 as text '2' or full-width '２' is 2", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!F2", "2");
    set(wb, "个人承诺!F4", "２");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!F4", "fullwidth_digits", "提示"]]);
    expect(r.input.pledges.map((p) => p.weight)).toEqual([2, 2, 2]);
  });

  test("考核得分 outside 0–100 is score_out_of_range and ignored", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!K3", 120);
    set(wb, "个人承诺!K2", -5);
    set(wb, "个人承诺!K4", 100);
    const r = parse(wb);
    expectIssues(r.issues, [
      ["个人承诺!K2", "score_out_of_range", "错误"],
      ["个人承诺!K3", "score_out_of_range", "错误"],
    ]);
    expect(r.input.pledges.map((p) => p.score)).toEqual([null, null, 100]);
  });

  test("a text 考核得分 is not_a_number and ignored", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!K3", "良");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!K3", "not_a_number", "错误"]]);
    expect(r.input.pledges[1]?.score).toBeNull();
  });

  test("a blank 完成情况 is completion_blank 提示 (not when 考核得分 is filled)", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!I2", null);
    set(wb, "个人承诺!I3", null); // row 3 has 考核得分 80
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!I2", "completion_blank", "提示"]]);
    expect(r.input.pledges.map((p) => p.completion)).toEqual([null, null, "完成"]);
  });

  test("a 完成情况 or 支部审核 not in the list is not_in_list", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!I2", "已完成");
    set(wb, "个人承诺!H4", "同意");
    const r = parse(wb);
    expectIssues(r.issues, [
      ["个人承诺!I2", "not_in_list", "错误"],
      ["个人承诺!H4", "not_in_list", "错误"],
    ]);
    expect(r.input.pledges[0]?.completion).toBeNull();
    expect(r.input.pledges[2]?.review).toBeNull();
  });

  test("submitted after the default deadline (考评年度-09-14, strictly after) is pledge_late", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!G2", "2010-09-15");
    set(wb, "个人承诺!G3", date(2010, 9, 14)); // on the deadline: not late
    set(wb, "个人承诺!G4", "9月30日");
    const r = parse(wb);
    expectIssues(r.issues, [
      ["个人承诺!G2", "pledge_late", "提示"],
      ["个人承诺!G4", "pledge_late", "提示"],
    ]);
    expect(expectIssue(r.issues, "个人承诺!G2", "pledge_late").params).toMatchObject({ name: "张三", date: "2010-09-15", deadline: "2010-09-14" });
    expect(r.input.pledges.map((p) => p.submitted)).toEqual([dayFromYMD(2010, 9, 15), dayFromYMD(2010, 9, 14), dayFromYMD(2010, 9, 30)]);
  });

  test("the deadline follows 考评年度 and the 承诺提交截止日期 setting", () => {
    const wb = validWorkbook();
    set(wb, settingCell("承诺提交截止日期"), "9月20日");
    set(wb, "个人承诺!G2", "2010-09-20");
    set(wb, "个人承诺!G3", "2010-09-21");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!G3", "pledge_late", "提示"]]);
  });

  test("a 提交日期 outside 考评年度 is date_outside_year 提示 (the date is kept)", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!G2", "2009-12-20");
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!G2", "date_outside_year", "提示"]]);
    expect(r.input.pledges[0]?.submitted).toBe(dayFromYMD(2009, 12, 20));
  });

  test("an error value in 权重 is formula_error and weight_invalid; the pledge still counts", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!F3", err("#N/A"));
    const r = parse(wb);
    expectIssue(r.issues, "个人承诺!F3", "formula_error", "错误");
    expect(r.input.pledges[1]?.weight).toBe(1);
  });
});

describe("活动记录", () => {
  test("a date outside 考评年度 is date_outside_year 错误 and the date becomes null", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!C2", "2009-12-31");
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!C2", "date_outside_year", "错误"]]);
    expect(r.input.activities[0]).toMatchObject({ memberId: "001", date: null, category: "读书笔记" });
  });

  test("an activity without a date is activity_no_date 提示 and kept with date null", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!C3", null);
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!C3", "activity_no_date", "提示"]]);
    expect(r.input.activities[1]).toMatchObject({ memberId: "002", date: null, bonus: 2 });
  });

  test("an impossible date is date_invalid; the row is kept without a date", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!C2", "2010-02-30");
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!C2", "date_invalid", "错误"]]);
    expect(r.input.activities[0]?.date).toBeNull();
  });

  test("text in 加分 is not_a_number and reads as 0; an error value is formula_error", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!G2", "两分");
    set(wb, "活动记录!G3", err("#N/A"));
    const r = parse(wb);
    expectIssues(r.issues, [
      ["活动记录!G2", "not_a_number", "错误"],
      ["活动记录!G3", "formula_error", "错误"],
    ]);
    expect(r.input.activities.map((a) => a.bonus)).toEqual([0, 0]);
  });

  test("negative 加分 (a deduction) and text '1.5' are numbers", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!G2", -1);
    set(wb, "活动记录!G3", "1.5");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.activities.map((a) => a.bonus)).toEqual([-1, 1.5]);
  });

  test("an unknown 编号 is unknown_member and the row is ignored", () => {
    const wb = validWorkbook();
    addRow(wb, "活动记录", ["999", "路人", "2010-05-01", "志愿服务", null, null, 1]);
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!A4", "unknown_member", "错误"]]);
    expect(r.input.activities).toHaveLength(2);
  });

  test("a blank 类别 is category_blank 提示; an unlisted one is kept as typed", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!D2", null);
    set(wb, "活动记录!D3", "义务献血");
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!D2", "category_blank", "提示"]]);
    expect(r.input.activities.map((a) => a.category)).toEqual(["", "义务献血"]);
  });
});

describe("评议打分", () => {
  test("vote counts as text: '12' is 12 silently, '１２' is 12 with fullwidth_digits", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!E2", "12");
    set(wb, "评议打分!F2", "１２");
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!F2", "fullwidth_digits", "提示"]]);
    expect(r.input.votes[0]?.peer).toEqual({ 优秀: 12, 合格: 12, 基本合格: 0, 不合格: 0 });
  });

  test("negative and fractional counts are vote_negative / vote_fraction and read as 0", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!E3", -3);
    set(wb, "评议打分!I3", 2.5);
    const r = parse(wb);
    expectIssues(r.issues, [
      ["评议打分!E3", "vote_negative", "错误"],
      ["评议打分!I3", "vote_fraction", "错误"],
    ]);
    expect(r.input.votes[1]?.peer.优秀).toBe(0);
    expect(r.input.votes[1]?.mass.满意).toBe(0);
    expect(r.input.votes[1]?.peer.合格).toBe(6); // the rest of the row stands
  });

  test("text in a count is not_a_number (0); an error value is formula_error (0)", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!G2", "两");
    set(wb, "评议打分!L4", err("#REF!"));
    const r = parse(wb);
    expectIssues(r.issues, [
      ["评议打分!G2", "not_a_number", "错误"],
      ["评议打分!L4", "formula_error", "错误"],
    ]);
    expect(r.input.votes[0]?.peer.基本合格).toBe(0);
    expect(r.input.votes[2]?.mass.不满意).toBe(0);
  });

  test("a grade not in the list in 自评等次 or 支委会评定 is not_in_list; the override is dropped", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!D2", "良好");
    set(wb, "评议打分!M3", "很好");
    set(wb, "评议打分!N3", "表现突出");
    const r = parse(wb);
    expectIssues(r.issues, [
      ["评议打分!D2", "not_in_list", "错误"],
      ["评议打分!M3", "not_in_list", "错误"],
    ]);
    expect(r.input.votes[0]?.selfGrade).toBeNull();
    expect(r.input.votes[1]?.override).toBeNull();
  });

  test("an override without 调整理由 is override_without_reason and dropped", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!M2", "合格");
    set(wb, "评议打分!M3", "优秀");
    set(wb, "评议打分!N3", "群众评价突出");
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!M2", "override_without_reason", "错误"]]);
    expect(expectIssue(r.issues, "评议打分!M2", "override_without_reason").params).toMatchObject({ name: "张三", grade: "合格", reasonCell: "N2" });
    expect(r.input.votes.map((v) => v.override)).toEqual([null, "优秀", null]);
  });

  test("a blank 期次 is the current period", () => {
    const r = parse(validWorkbook());
    expect(r.input.votes.map((v) => v.period)).toEqual(["年终", "年终", "年终"]);
    const wb = validWorkbook();
    set(wb, settingCell("考评期"), "上半年");
    expect(parse(wb).input.votes.map((v) => v.period)).toEqual(["年终", "年终", "上半年"]);
  });

  test("an unknown 期次 is period_invalid and the row is ignored", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!A2", "下半年");
    const r = parse(wb);
    expectIssue(r.issues, "评议打分!A2", "period_invalid", "错误");
    // One issue for the one bad cell: the specific code, not also the generic not_in_list.
    expect(r.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual(["评议打分!A2 period_invalid"]);
    expect(r.input.votes.map((v) => v.memberId)).toEqual(["002", "003"]);
  });

  test("duplicate rows for the same 期次 + 编号: row_duplicate on the later one, which is ignored", () => {
    const wb = validWorkbook();
    addRow(wb, "评议打分", ["年终", "001", "张三", "合格", 1, 1, 1, 1, 1, 1, 1, 1, null, null]);
    addRow(wb, "评议打分", ["年终", "003", "王五", "合格", 9, 0, 0, 0, 9, 0, 0, 0, null, null]); // row 4 has a blank 期次 = 年终
    addRow(wb, "评议打分", ["上半年", "001", "张三", "合格", 3, 3, 0, 0, 3, 3, 0, 0, null, null]); // another period: fine
    const r = parse(wb);
    expectIssues(r.issues, [
      ["评议打分!B5", "row_duplicate", "错误"],
      ["评议打分!B6", "row_duplicate", "错误"],
    ]);
    expect(r.input.votes.map((v) => `${v.period} ${v.memberId} ${v.peer.优秀}`)).toEqual(["年终 001 10", "年终 002 6", "年终 003 4", "上半年 001 3"]);
  });

  test("a period synonym (年底) is accepted", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!A2", "年底");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.votes[0]?.period).toBe("年终");
  });

  test("an unknown 编号 is unknown_member at the 编号 cell and the row is ignored", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!B3", "007");
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!B3", "unknown_member", "错误"]]);
    expect(r.input.votes.map((v) => v.memberId)).toEqual(["001", "003"]);
  });

  test("a 姓名 differing from the roster is name_mismatch; the votes count", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!C4", "王 伍");
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!C4", "name_mismatch", "提示"]]);
    expect(r.input.votes).toHaveLength(3);
  });

  test("a vote row with every count blank is no votes", () => {
    const wb = validWorkbook();
    for (const c of ["E", "F", "G", "H", "I", "J", "K", "L"]) set(wb, `评议打分!${c}3`, null);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.votes[1]?.peer).toEqual({ 优秀: 0, 合格: 0, 基本合格: 0, 不合格: 0 });
    expect(r.input.votes[1]?.mass).toEqual({ 满意: 0, 比较满意: 0, 基本满意: 0, 不满意: 0 });
  });

  test("the --period option overrides 考评期, also for blank 期次 rows", () => {
    const r = parse(validWorkbook(), { period: "上半年" });
    expect(r.input.settings.period).toBe("上半年");
    expect(r.input.votes.map((v) => v.period)).toEqual(["年终", "年终", "上半年"]);
    expect(withCode(r.issues, "setting_invalid")).toEqual([]);
  });
});
