/**
 * Header detection: columns are found by header text (with aliases), never by position, in
 * the first 15 rows, after trimming ASCII / U+3000 / NBSP spaces and folding full width.
 */
import type { Member, VoteRow } from "../../src/core/types";
import {
  addRow,
  expectIssue,
  expectIssues,
  insertColumn,
  insertRowsAbove,
  parse,
  reorderColumns,
  set,
  setRow,
  validWorkbook,
} from "./grid";

/** Parsed records without their cell references, to compare two layouts of the same data. */
const members = (ms: readonly Member[]): unknown[] => ms.map(({ ref: _ref, ...rest }) => rest);
const votes = (vs: readonly VoteRow[]): unknown[] => vs.map(({ ref: _r, overrideRef: _o, ...rest }) => rest);

const baseline = parse(validWorkbook());

test("the valid workbook parses with no issue at all", () => {
  expectIssues(baseline.issues, []);
  expect(baseline.input.members.map((m) => m.id)).toEqual(["001", "002", "003"]);
  expect(baseline.input.pledges).toHaveLength(3);
  expect(baseline.input.sessions).toHaveLength(2);
  expect(baseline.input.attendance).toHaveLength(3);
  expect(baseline.input.activities).toHaveLength(2);
  expect(baseline.input.votes).toHaveLength(3);
  expect(baseline.input.settings).toMatchObject({ year: 2010, period: "年终", branchName: "光栅室党支部" });
  expect(baseline.sheetNames).toMatchObject({ 参数设置: "参数设置", 党员名册: "党员名册", 评议打分: "评议打分" });
});

describe("columns are found by header text", () => {
  test("reordered columns read the same values, and issues point at the moved cells", () => {
    const wb = validWorkbook();
    // 党员名册: 姓名 first, 编号 last; 评议打分: 编号, 群众…, 互评…, 期次 …
    reorderColumns(wb, "党员名册", [2, 11, 10, 9, 8, 7, 6, 5, 4, 3, 1]);
    reorderColumns(wb, "评议打分", [2, 3, 9, 10, 11, 12, 5, 6, 7, 8, 4, 14, 13, 1]);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(members(r.input.members)).toEqual(members(baseline.input.members));
    expect(votes(r.input.votes)).toEqual(votes(baseline.input.votes));
    expect(r.input.members[0]?.ref).toEqual({ sheet: "党员名册", cell: "A2" }); // 姓名 is now column A

    // 互评优秀 is now column G: a negative count there is reported at G3.
    set(wb, "评议打分!G3", -1);
    const r2 = parse(wb);
    expectIssues(r2.issues, [["评议打分!G3", "vote_negative", "错误"]]);
    expect(r2.input.votes.find((v) => v.memberId === "002")?.peer.优秀).toBe(0);
  });

  test("reordered 学习考勤: session columns before 编号 and 姓名", () => {
    const wb = validWorkbook();
    reorderColumns(wb, "学习考勤", [4, 2, 3, 1]); // D 党课 → A, B 姓名, C 集中学习, A 编号 → D
    set(wb, "学习考勤!A3", "√");
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!A3", "mark_invalid", "错误"]]);
    expect(r.input.sessions.map((s) => s.ref.cell)).toEqual(["A1", "C1"]);
    expect(r.input.attendance.find((a) => a.memberId === "002")?.marks).toEqual(["invalid", "迟到"]);
  });

  test("extra unknown columns are read around (and not reported outside 学习考勤)", () => {
    const wb = validWorkbook();
    insertColumn(wb, "党员名册", 1, "序号", 1);
    insertColumn(wb, "评议打分", 3, "联系电话备用", "x");
    insertColumn(wb, "个人承诺", 12, "我的备注", "已核对");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(members(r.input.members)).toEqual(members(baseline.input.members));
    expect(votes(r.input.votes)).toEqual(votes(baseline.input.votes));
    expect(r.input.pledges.map((p) => p.weight)).toEqual([1, 2, 1]);
    // 编号 moved to B in 党员名册, so a blank one is reported there.
    set(wb, "党员名册!B3", null);
    expectIssue(parse(wb).issues, "党员名册!B3", "id_blank", "错误");
  });

  test("a missing required column is column_missing at the header row", () => {
    const wb = validWorkbook();
    reorderColumns(wb, "活动记录", [1, 2, 4, 5, 6, 7]); // drop 日期
    insertRowsAbove(wb, "活动记录", ["2010年活动记录"]);
    const r = parse(wb);
    expectIssue(r.issues, "活动记录!A2", "column_missing", "错误");
    expect(r.input.activities).toHaveLength(2); // the rows are still read
  });
});

describe("title rows above the header", () => {
  test("one title row: addresses move down by one", () => {
    const wb = validWorkbook();
    insertRowsAbove(wb, "评议打分", ["光栅室党支部 2010 年民主评议票数汇总"]);
    set(wb, "评议打分!E4", "五");
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!E4", "not_a_number", "错误"]]);
    expect(r.input.votes).toHaveLength(3);
    expect(r.input.votes[0]?.ref).toEqual({ sheet: "评议打分", cell: "B3" });
  });

  test("several title rows, blank rows and notes mentioning 编号 in between", () => {
    const wb = validWorkbook();
    insertRowsAbove(wb, "党员名册", ["党员名册"], [], ["说明：编号每人唯一", null, "填表人：", "组织委员"], [null, null]);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(members(r.input.members)).toEqual(members(baseline.input.members));
    expect(r.input.members[0]?.ref.cell).toBe("B6");
  });

  test("header in row 15 is found", () => {
    const wb = validWorkbook();
    insertRowsAbove(wb, "活动记录", ...Array.from({ length: 14 }, (_, i) => [`第 ${i + 1} 行标题`]));
    set(wb, "活动记录!C16", "2009-05-01");
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!C16", "date_outside_year", "错误"]]);
    expect(r.input.activities).toHaveLength(2);
  });

  test("header in row 16 is header_not_found (错误 at A1) and the sheet reads as empty", () => {
    const wb = validWorkbook();
    insertRowsAbove(wb, "活动记录", ...Array.from({ length: 15 }, (_, i) => [`第 ${i + 1} 行标题`]));
    const r = parse(wb);
    expectIssues(r.issues, [["活动记录!A1", "header_not_found", "错误"]]);
    expect(r.input.activities).toEqual([]);
    // everything else is still read
    expect(r.input.members).toHaveLength(3);
    expect(r.input.votes).toHaveLength(3);
  });

  test("a sheet with data but no recognisable header is header_not_found", () => {
    const wb = validWorkbook();
    setRow(wb, "个人承诺", 1, ["人员", "名字?", "内容"]);
    const r = parse(wb);
    expectIssues(r.issues, [["个人承诺!A1", "header_not_found", "错误"]]);
    expect(r.input.pledges).toEqual([]);
  });
});

describe("header text is compared after trimming spaces and folding full width", () => {
  test("ASCII, U+3000 and NBSP spaces around and inside headers", () => {
    const wb = validWorkbook();
    setRow(wb, "党员名册", 1, [" 编号 ", "\u3000姓名\u3000", "性 别", "\u00a0党员类别\u00a0", "党小组\t", " 入党时间", "岗位/职务 ", "参评\u3000状态", "不参评原因", "本年受处分\u00a0", "备注"]);
    setRow(wb, "评议打分", 1, [
      "期次\u3000", " 编号", "姓名 ", "自评 等次",
      "互评\u00a0优秀", " 互评合格 ", "互评基本合格", "互评不合格",
      "群众满意", "群众比较满意", "群众基本满意", "\u3000群众不满意\u3000",
      "支委会评定", "调整理由",
    ]);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(members(r.input.members)).toEqual(members(baseline.input.members));
    expect(votes(r.input.votes)).toEqual(votes(baseline.input.votes));
  });

  test("full-width characters in headers (岗位／职务, ＊ required marks)", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!G1", "岗位／职务");
    set(wb, "党员名册!A1", "＊编号");
    set(wb, "党员名册!B1", "*姓名");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.members.map((m) => m.post)).toEqual(["研究员", "工程师", "博士后"]);
  });

  test("a sheet name with stray spaces or full width still matches", () => {
    const wb = validWorkbook();
    const { 评议打分: grid, ...rest } = wb;
    const r = parse({ ...rest, " 评议打分\u3000": grid ?? [] });
    expectIssues(r.issues, []);
    expect(r.input.votes).toHaveLength(3);
    expect(r.sheetNames.评议打分).toBe(" 评议打分\u3000");
  });
});

describe("header aliases", () => {
  test("党员编号 / 党员姓名 / 党员身份 / 是否参评 in 党员名册", () => {
    const wb = validWorkbook();
    set(wb, "党员名册!A1", "党员编号");
    set(wb, "党员名册!B1", "党员姓名");
    set(wb, "党员名册!D1", "党员身份");
    set(wb, "党员名册!H1", "是否参评");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(members(r.input.members)).toEqual(members(baseline.input.members));
  });

  test("工号 in 学习考勤, 考评期 for 期次 and 支委会意见 for 支委会评定 in 评议打分", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!A1", "工号");
    set(wb, "评议打分!A1", "考评期");
    set(wb, "评议打分!M1", "支委会意见");
    set(wb, "评议打分!M2", "优秀");
    set(wb, "评议打分!N2", "群众评价突出");
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.attendance).toHaveLength(3);
    expect(r.input.votes[0]).toMatchObject({ period: "年终", override: "优秀", overrideReason: "群众评价突出" });
    expect(r.input.votes[0]?.overrideRef).toEqual({ sheet: "评议打分", cell: "M2" });
  });

  test("a sheet under an alias name (名册, 考勤) is found", () => {
    const wb = validWorkbook();
    const { 党员名册: roster, 学习考勤: att, ...rest } = wb;
    const r = parse({ ...rest, 名册: roster ?? [], 考勤: att ?? [] });
    expectIssues(r.issues, []);
    expect(r.sheetNames).toMatchObject({ 党员名册: "名册", 学习考勤: "考勤" });
    expect(r.input.members).toHaveLength(3);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("a header repeated: the first column counts, the second is read around", () => {
    const wb = validWorkbook();
    insertColumn(wb, "活动记录", 8, "加分", 99);
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(r.input.activities.map((a) => a.bonus)).toEqual([0, 2]);
  });

  test("a new member row added below the others is read", () => {
    const wb = validWorkbook();
    const n = addRow(wb, "党员名册", ["004", "赵六", "女", "正式党员", null, null, null, null, null, null, null]);
    expect(n).toBe(5);
    const r = parse(wb);
    expect(r.input.members.map((m) => m.id)).toEqual(["001", "002", "003", "004"]);
    // 赵六 has no 学习考勤 row: every session blank, with a 提示.
    expectIssues(r.issues, [["学习考勤", "attendance_missing_member", "提示"]]);
  });
});
