/**
 * vote_count_high: a member's 党员互评 votes come from the other 参评 members of the roster, so
 * a vote row whose 互评 counts add up to more than them is a typing slip (提示). The counts are
 * still used as typed.
 *
 * validWorkbook() has 3 参评 members (张三, 李四, 王五), so each has 2 possible voters; its own
 * counts (12 votes each) are set down to at most 2 here before each check.
 */
import type { Issue } from "../../src/core/issues";
import { runEngine } from "../../src/workbook/engine";
import { parseWorkbook } from "../../src/workbook/parse";
import { believableVotes, expectIssue, expectIssues, expectNoIssue, reorderColumns, set, toSheets, validWorkbook, type Workbook, withCode, YEAR } from "./grid";

function issuesOf(wb: Workbook): Issue[] {
  return parseWorkbook(toSheets(wb), { fallbackYear: YEAR, checkVoteTotals: true }).issues;
}

describe("vote_count_high", () => {
  test("believable counts: no hint", () => {
    expectIssues(issuesOf(believableVotes()), []);
  });

  test("exactly as many votes as other members is fine", () => {
    const wb = believableVotes();
    set(wb, "评议打分!F2", 0); // 张三: 2 + 0 = 2 = the two others
    expectNoIssue(issuesOf(wb), "vote_count_high");
  });

  test("one vote too many: a 提示 on the row's first 互评 cell, with the numbers", () => {
    const wb = believableVotes();
    set(wb, "评议打分!H3", 1); // 李四: 1 + 1 + 0 + 1 = 3 > 2
    const issues = issuesOf(wb);
    expectIssues(issues, [["评议打分!E3", "vote_count_high", "提示"]]);
    expect(expectIssue(issues, "评议打分!E3", "vote_count_high").params).toEqual({ names: ["李四"], counts: [3], cells: ["E3"], voters: 2, rosterRows: [] });
  });

  test("the votes are still used as typed", () => {
    const wb = believableVotes();
    set(wb, "评议打分!E2", 30);
    const r = parseWorkbook(toSheets(wb), { fallbackYear: YEAR, checkVoteTotals: true });
    expect(r.input.votes.find((v) => v.memberId === "001")?.peer).toEqual({ 优秀: 30, 合格: 0, 基本合格: 0, 不合格: 0 });
  });

  test("a 不参评 member is not a voter: two others become one", () => {
    const wb = believableVotes();
    set(wb, "党员名册!H4", "不参评"); // 王五
    set(wb, "党员名册!I4", "长期病假");
    // 张三 2 > 1 and 李四 2 > 1; 王五's own row is not scored and not checked.
    const issues = issuesOf(wb);
    expect(withCode(issues, "vote_count_high").map((i) => [i.cell, i.params.voters])).toEqual([
      ["E2", 1],
      ["E3", 1],
    ]);
  });

  test("the hint points at the leftmost 互评 column when the columns are reordered", () => {
    const wb = believableVotes();
    // A 期次 | B 编号 | C 姓名 | D 自评 | E 互评不合格 | F 互评基本合格 | G 互评合格 | H 互评优秀 | I… 群众
    reorderColumns(wb, "评议打分", [1, 2, 3, 4, 8, 7, 6, 5, 9, 10, 11, 12, 13, 14]);
    set(wb, "评议打分!H4", 5); // 王五: 5 优秀 + 2 合格 = 7 > 2
    expectIssues(issuesOf(wb), [["评议打分!E4", "vote_count_high", "提示"]]);
  });

  test("群众 votes are not limited by the roster", () => {
    const wb = believableVotes();
    set(wb, "评议打分!I2", 300);
    expectNoIssue(issuesOf(wb), "vote_count_high");
  });

  test("a bad count counts 0: -4 votes plus 2 is not too many", () => {
    const wb = believableVotes();
    set(wb, "评议打分!F2", -4); // vote_negative, read as 0 → 张三 2 + 0
    const issues = issuesOf(wb);
    expectIssues(issues, [["评议打分!F2", "vote_negative", "错误"]]);
  });

  test("every period's row is checked", () => {
    const wb = believableVotes();
    set(wb, "评议打分!A5", "上半年");
    set(wb, "评议打分!B5", "002");
    set(wb, "评议打分!E5", 9);
    expectIssues(issuesOf(wb), [["评议打分!E5", "vote_count_high", "提示"]]);
  });

  test("runEngine turns the check on; the parser alone leaves it off; the sheet's rows are one issue", () => {
    const wb = validWorkbook(); // 12 互评 votes each in a 3-member branch
    expect(withCode(parseWorkbook(toSheets(wb), { fallbackYear: YEAR }).issues, "vote_count_high")).toEqual([]);
    const run = runEngine(toSheets(wb), { fallbackYear: YEAR });
    // One cause, one message (src/workbook/collapse.ts): one row for the sheet, naming each member.
    expect(withCode(run.issues, "vote_count_high").map((i) => [`${i.sheet}!${i.cell}`, i.params])).toEqual([
      ["评议打分!E2", { names: ["张三", "李四", "王五"], counts: [12, 12, 12], cells: ["E2", "E3", "E4"], voters: 2, rosterRows: [] }],
    ]);
  });
});
