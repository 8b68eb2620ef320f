/**
 * 互评计票 / 群众计票 (issue 13 items 3 and 4): ballots typed one row each give the counts of
 * 评议打分, exactly; and each ballot check is a 问题清单 row at its cell.
 */
import type { Issue } from "../../src/core/issues";
import { type CellValue, cellText } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { runEngine } from "../../src/workbook/engine";
import type { SheetGrid } from "../../src/workbook/parse";
import { templateGrid } from "../../src/workbook/template";
import { ballotsFromVotes } from "../support/ballots";
import { believableVotes, expectIssue, expectNoIssue, parse, set, settingCell, show, toSheets, type Workbook, withCode } from "./grid";

const demoSheets = (): SheetGrid[] => demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s).map((r) => [...r]) }));
const run = (sheets: readonly SheetGrid[]) => runEngine(sheets, { fallbackYear: 2026 });

/** A setting's value in a grid workbook (参数设置 rows written by fullSettingsRows). */
function setSetting(sheets: SheetGrid[], label: string, value: string): SheetGrid[] {
  return sheets.map((s) => (s.name !== "参数设置" ? s : { name: s.name, grid: s.grid.map((r) => (r[0] === label ? [r[0], value, ...r.slice(2)] : r)) }));
}

describe("ballots give the same result as the typed tallies", () => {
  test("the demo: identical scores, grades, nominations and output sheets, to the decimal", () => {
    // Without the 优秀 cap: the demo's typed counts (about 12 优秀 per ballot) could only come
    // from ballots over the cap, which the next test shows are said.
    const demo = () => setSetting(demoSheets(), "优秀比例上限", "不定比例");
    const typed = run(demo());
    const built = ballotsFromVotes(demo(), "年终");
    expect(built.peerBallots).toBeGreaterThan(10);
    expect(built.massBallots).toBeGreaterThan(10);
    const fromBallots = run(built.sheets);
    // The counts really came from the ballots: 评议打分 holds none of the period any more.
    const cleared = run(built.sheets.filter((s) => !s.name.endsWith("计票")));
    expect(cleared.issues.map((i) => i.code)).toContain("votes_missing");

    expect(fromBallots.issues.map(show)).toEqual(typed.issues.map(show));
    expect(fromBallots.result.members).toEqual(typed.result.members);
    expect(fromBallots.result.nominations).toEqual(typed.result.nominations);
    const outputs = (r: typeof typed) => r.outputs.filter((o) => o.name !== "计票结果");
    expect(outputs(fromBallots)).toEqual(outputs(typed));
  });

  test("the demo with its 优秀 cap: the same results; the one difference is the 提示 on ballots over the cap", () => {
    const typed = run(demoSheets());
    const fromBallots = run(ballotsFromVotes(demoSheets(), "年终").sheets);
    expect(fromBallots.result.members).toEqual(typed.result.members);
    const extra = fromBallots.issues.filter((i) => !typed.issues.some((t) => show(t) === show(i)));
    expect(extra.map((i) => [i.code, i.level, i.sheet])).toEqual([["ballots_over_cap", "提示", "互评计票"]]);
    expect(fromBallots.issues.length).toBe(typed.issues.length + 1);
    const sheets = (r: typeof typed) => r.outputs.filter((o) => o.name !== "计票结果" && o.name !== "问题清单");
    expect(sheets(fromBallots)).toEqual(sheets(typed));
  });
});

/** believableVotes (张三 001, 李四 002, 王五 003 预备党员) with its 互评 counts given as ballots instead. */
function withPeerBallots(ballots: (string | null)[][], header: (string | null)[] = ["期次", "票号", "001 张三", "002 李四", "003 王五"]): Workbook {
  const wb = believableVotes();
  // 2 正式党员: the cap would be 0 and every 优秀 over it; the cap's own test sets it back.
  set(wb, settingCell("优秀比例上限"), "不定比例");
  for (const r of [2, 3, 4]) for (const c of "EFGH") set(wb, `评议打分!${c}${r}`, null);
  wb["互评计票"] = [header, ...ballots];
  return wb;
}

const issuesOf = (wb: Workbook): Issue[] => run(toSheets(wb)).issues.slice();

describe("tallies", () => {
  test("counts per member, blank = abstention, a blank row skipped, columns found by 编号, 姓名 or both", () => {
    const wb = withPeerBallots(
      [
        [null, "1", "优秀", "优秀", "合格"],
        [null, null, null, null, null],
        ["年终", "2", "优秀", "合格", null],
      ],
      ["期次", "票号", "001 张三", "李四", "003"],
    );
    const p = parse(wb);
    const votes = new Map(p.input.votes.map((v) => [v.memberId, v]));
    expect(votes.get("001")?.peer).toEqual({ 优秀: 2, 合格: 0, 基本合格: 0, 不合格: 0 });
    expect(votes.get("002")?.peer).toEqual({ 优秀: 1, 合格: 1, 基本合格: 0, 不合格: 0 });
    expect(votes.get("003")?.peer).toEqual({ 优秀: 0, 合格: 1, 基本合格: 0, 不合格: 0 });
    // 群众 counts still come from 评议打分, and so do 自评 and the rest of the row.
    expect(votes.get("001")?.mass).toEqual({ 满意: 8, 比较满意: 2, 基本满意: 0, 不满意: 0 });
    expect(votes.get("001")?.selfGrade).toBe("优秀");
    const peer = p.tallies.peer;
    expect(peer).toMatchObject({ sheet: "互评计票", returned: 2, voided: 0, used: true, issued: null });
    expect(peer?.members.map((m) => [m.member.id, m.cell, m.abstained])).toEqual([
      ["001", "C1", 0],
      ["002", "D1", 0],
      ["003", "E1", 1],
    ]);
    expect(p.issues.filter((i) => i.sheet === "互评计票").map(show)).toEqual([]);
  });

  test("the same counts typed in 评议打分 as well: no issue; different ones: an 错误 naming both places, the ballots counted", () => {
    const ballots = [
      [null, "1", "优秀", "优秀", "合格"],
      [null, "2", "优秀", "合格", "合格"],
    ];
    const same = withPeerBallots(ballots);
    set(same, "评议打分!E2", 2);
    expectNoIssue(issuesOf(same), "ballot_tally_conflict");
    const differ = withPeerBallots(ballots);
    set(differ, "评议打分!E2", 3);
    const i = expectIssue(issuesOf(differ), "评议打分!B2", "ballot_tally_conflict", "错误");
    expect(i.params).toEqual({ name: "张三", kind: "peer", ballots: [2, 0, 0, 0], typed: [3, 0, 0, 0], tallySheet: "互评计票", tallyCell: "C1" });
    expect(parse(differ).input.votes.find((v) => v.memberId === "001")?.peer.优秀).toBe(2);
  });

  test("a member with ballots and no 评议打分 row gets one from the ballots", () => {
    const wb = withPeerBallots([[null, "1", "合格", "优秀", "合格"]]);
    wb["评议打分"] = (wb["评议打分"] ?? []).slice(0, 1);
    const v = parse(wb).input.votes.find((x) => x.memberId === "002");
    expect(v).toMatchObject({ period: "年终", selfGrade: null, override: null, peer: { 优秀: 1, 合格: 0, 基本合格: 0, 不合格: 0 }, ref: { sheet: "互评计票", cell: "D1" } });
  });
});

describe("ballot checks, each at its cell", () => {
  test("a mark not in the list (√, ×, 好): 错误 at the cell, not counted", () => {
    const wb = withPeerBallots([
      [null, "1", "√", "优秀", "好"],
      [null, "2", "优秀", "×", "合格"],
    ]);
    const issues = issuesOf(wb);
    for (const [cell, value, name] of [
      ["C2", "√", "张三"],
      ["E2", "好", "王五"],
      ["D3", "×", "李四"],
    ] as const) {
      expect(expectIssue(issues, `互评计票!${cell}`, "ballot_mark_invalid", "错误").params).toEqual({ value, name, kind: "peer" });
    }
    const t = parse(wb).tallies.peer;
    expect(t?.members.map((m) => [m.counts, m.invalid])).toEqual([
      [[1, 0, 0, 0], 1],
      [[1, 0, 0, 0], 1],
      [[0, 1, 0, 0], 1],
    ]);
  });

  test("a header that names no roster member: 错误 at the header cell; a 编号 of one member with another's 姓名 too", () => {
    const wb = withPeerBallots([[null, "1", "优秀", "优秀", "合格", "合格"]], ["期次", "票号", "001 张三", "002 王五", "003 王五", "赵六"]);
    const issues = issuesOf(wb);
    expect(expectIssue(issues, "互评计票!D1", "ballot_header_unknown", "错误").params).toEqual({ header: "002 王五", rosterName: "李四" });
    expect(expectIssue(issues, "互评计票!F1", "ballot_header_unknown", "错误").params).toEqual({ header: "赵六", rosterName: null });
    // 李四 has no column now: a 提示 at the header row names them.
    expect(expectIssue(issues, "互评计票!F1", "ballot_members_missing", "提示").params).toEqual({ names: ["李四"], kind: "peer" });
  });

  test("two columns for one member: 错误 at the second, not counted", () => {
    const wb = withPeerBallots([[null, "1", "优秀", "优秀", "合格", "不合格"]], ["期次", "票号", "001 张三", "002 李四", "003 王五", "张三"]);
    expect(expectIssue(issuesOf(wb), "互评计票!F1", "ballot_column_duplicate", "错误").params).toEqual({ header: "张三", name: "张三", first: "C1" });
    expect(parse(wb).input.votes.find((v) => v.memberId === "001")?.peer).toEqual({ 优秀: 1, 合格: 0, 基本合格: 0, 不合格: 0 });
  });

  test("more ballots than issued: 错误 at the first ballot over, and that kind's ballots are not used", () => {
    const wb = withPeerBallots([
      [null, "1", "优秀", "优秀", "合格"],
      [null, "2", "优秀", "合格", "合格"],
      [null, "3", "合格", "合格", "合格"],
    ]);
    set(wb, settingCell("互评发出票数"), 2);
    const issues = issuesOf(wb);
    expect(expectIssue(issues, "互评计票!B4", "ballots_over_issued", "错误").params).toEqual({ kind: "peer", returned: 3, issued: 2 });
    expect(parse(wb).tallies.peer?.used).toBe(false);
    // Not used: no 互评 votes at all for anyone (评议打分's were cleared).
    expect(parse(wb).input.votes.every((v) => v.peer.优秀 + v.peer.合格 === 0)).toBe(true);
    // Issued as many as typed: fine.
    set(wb, settingCell("互评发出票数"), 3);
    expectNoIssue(issuesOf(wb), "ballots_over_issued");
  });

  test("a ballot with more 优秀 than the cap: a 提示 by default and counted; void when 超比例选票 is 作废", () => {
    // 3 members, 2 正式: the cap is floor(2 / 3) = 0, so any 优秀 for a 正式党员 is over it.
    const ballots = [
      [null, "1", "优秀", "合格", "优秀"],
      [null, "2", "合格", "合格", "优秀"],
    ];
    const wb = withPeerBallots(ballots);
    set(wb, settingCell("优秀比例上限"), "1/3");
    const hint = expectIssue(issuesOf(wb), "互评计票!B2", "ballots_over_cap", "提示");
    // Row 3's 优秀 is for the 预备党员 王五, who is not graded: not over the cap.
    expect(hint.params).toEqual({ cells: ["互评计票!B2"], counts: [1], cap: 0, void: false });
    expect(parse(wb).tallies.peer).toMatchObject({ returned: 2, voided: 0 });
    set(wb, settingCell("超比例选票"), "作废");
    expect(expectIssue(issuesOf(wb), "互评计票!B2", "ballots_over_cap", "提示").params.void).toBe(true);
    const t = parse(wb).tallies.peer;
    expect(t).toMatchObject({ returned: 2, voided: 1 });
    expect(t?.members[0]?.counts).toEqual([0, 1, 0, 0]);
  });

  test("a ballot of the other period is checked, not counted, and its 错误 are 提示; an unknown 期次 is an 错误", () => {
    const wb = withPeerBallots([
      [null, "1", "优秀", "合格", "合格"],
      ["上半年", "1", "好", "合格", "合格"],
      ["明年", "2", "优秀", "合格", "合格"],
    ]);
    const issues = issuesOf(wb);
    const bad = expectIssue(issues, "互评计票!C3", "ballot_mark_invalid", "提示");
    expect(bad.outside).toBe("上半年");
    expectIssue(issues, "互评计票!A4", "period_invalid", "错误");
    expect(parse(wb).tallies.peer?.returned).toBe(1);
  });

  test("more 互评 ballots than members on the roster: an 错误", () => {
    const wb = withPeerBallots(Array.from({ length: 4 }, (_, i) => [null, String(i + 1), "合格", "合格", "合格"]));
    expect(expectIssue(issuesOf(wb), "互评计票!A1", "ballots_over_roster", "错误").params).toEqual({ returned: 4, members: 3 });
  });

  test("a 合计 row under the ballots is skipped with one 提示; a title row above the header is read past", () => {
    const wb = withPeerBallots([
      [null, "1", "优秀", "合格", "合格"],
      ["合计", null, "1", "1", "1"],
    ]);
    wb["互评计票"] = [["第一党支部 党员互评计票"], ...(wb["互评计票"] ?? [])];
    const issues = issuesOf(wb);
    expectIssue(issues, "互评计票!A4", "summary_rows_skipped", "提示");
    expect(withCode(issues, "ballot_mark_invalid")).toEqual([]);
    expect(parse(wb).tallies.peer?.returned).toBe(1);
  });
});

describe("计票结果", () => {
  const texts = (rows: readonly (readonly CellValue[])[]): string[][] => rows.map((r) => r.map((v) => cellText(v)));

  test("head of 发出/收回/有效/作废 per kind, then each member's counts, abstentions and marks not counted", () => {
    const wb = withPeerBallots([
      [null, "1", "优秀", "优秀", "好"],
      [null, "2", "合格", null, "合格"],
    ]);
    set(wb, settingCell("互评发出票数"), 3);
    const out = run(toSheets(wb)).outputs.find((o) => o.name === "计票结果");
    if (out?.kind !== "free") throw new Error("no 计票结果");
    const t = texts(out.cells);
    expect(t[0]?.[0]).toContain("计票结果");
    expect(t[0]?.[0]).toContain("党员互评收回 2 张，群众评议无计票表");
    expect(t[3]?.slice(0, 8)).toEqual(["类别", "", "", "发出", "收回", "有效", "作废", "说明"]);
    expect(t[4]?.slice(0, 8)).toEqual(["党员互评票", "", "", "3", "2", "2", "0", ""]);
    expect(t[5]?.slice(0, 8)).toEqual(["群众评议票", "", "", "", "", "", "", "没有计票表"]);
    const rows = t.filter((r) => /^\d+$/.test(r[0] ?? "") && r[1] !== "");
    expect(rows.map((r) => r.slice(0, 9))).toEqual([
      ["1", "001", "张三", "1", "1", "0", "0", "0", "0"],
      ["2", "002", "李四", "1", "0", "0", "0", "1", "0"],
      ["3", "003", "王五（预备）", "0", "1", "0", "0", "0", "1"],
    ]);
    expect(out.print.orientation).toBe("portrait");
  });

  test("a void round says so in the head and counts nothing as valid", () => {
    const wb = withPeerBallots([
      [null, "1", "优秀", "优秀", "合格"],
      [null, "2", "合格", "合格", "合格"],
    ]);
    set(wb, settingCell("互评发出票数"), 1);
    const out = run(toSheets(wb)).outputs.find((o) => o.name === "计票结果");
    if (out?.kind !== "free") throw new Error("no 计票结果");
    expect(texts(out.cells)[4]?.slice(0, 8)).toEqual(["党员互评票", "", "", "1", "2", "0", "2", "收回多于发出，本轮全部不采用"]);
  });

  test("no 计票 sheet: no 计票结果, unless an earlier one of the tool's is there to be rewritten", () => {
    const sheets = toSheets(believableVotes());
    expect(run(sheets).outputs.map((o) => o.name)).not.toContain("计票结果");
    const kept = runEngine(sheets, { fallbackYear: 2010, keepTallyResult: true }).outputs.find((o) => o.name === "计票结果");
    if (kept?.kind !== "free") throw new Error("no 计票结果");
    expect(texts(kept.cells).flat().join("")).toContain("没有计票表");
  });
});
