/**
 * Every issue code, reason, flag and roll-up note is worded, from one typed sample each: the
 * sample tables are mapped over the codes, so a new code without a sample does not compile.
 * The wording is checked for holes (undefined, NaN, an unreplaced ${…}), not for its words:
 * tests assert codes and cells, the wording may be improved freely. The samples also keep the
 * rule that params carry data and codes, never sentences chosen by the code.
 */
import { type Issue, type IssueCode, type IssueParamsByCode, issue } from "../../src/core/issues";
import type { Flag, FlagCode, MemberFacts, Nomination, Reason, ReasonCode } from "../../src/core/types";
import { nominationReason } from "../../src/messages/nominations";
import { flagText, reasonText } from "../../src/messages/reasons";
import { rollupDraftTitle, rollupNoteText, skipText } from "../../src/messages/rollup";
import { describe as wording, issueLine, jsonParams, type Wording } from "../../src/messages/zh-CN";
import type { RollupNote, RollupNoteCode, RollupNoteParamsByCode, SkipReason } from "../../src/workbook/rollup";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const HOLES = ["undefined", "null", "NaN", "[object", "${"];

// Data in the samples is deliberately Chinese where a secretary would type Chinese, so that
// the check below can tell data fields from code fields.
const ISSUES: { readonly [K in IssueCode]: IssueParamsByCode[K] } = {
  sheet_missing: { sheet: "学习考勤" },
  header_not_found: { sheet: "党员名册", headers: ["编号", "姓名"], rows: 10 },
  column_missing: { column: "姓名", sheet: "党员名册" },
  column_ignored: { header: "备注" },
  output_sheet_foreign: { sheet: "综合评定" },
  roster_empty: {},
  summary_rows_skipped: { cells: "A12、A13", labels: "合计、出勤率", count: 2 },
  limit_exceeded: { what: "columns", value: 1200, max: 1000 },
  id_blank: { name: "张三" },
  id_duplicate: { id: "001", first: "A2" },
  name_blank: { id: "001" },
  name_mismatch: { id: "001", name: "张叁", rosterName: "张三" },
  name_ambiguous: { name: "张三", reason: "same_name" },
  unknown_member: {
    id: "G05",
    name: "陈静",
    places: ["个人承诺!A12", "个人承诺!A13", "个人承诺!A14", "学习考勤!A6", "活动记录!A23", "活动记录!A24", "评议打分!B6", "评议打分!B33"],
    rosterId: "G50",
    rosterName: "陈静",
    rosterRow: null,
    follows: ["attendance", "absence", "pledges", "peer", "mass"],
  },
  row_duplicate: { key: "001 张三", first: "A2" },
  not_a_number: { value: "十二", column: "加分" },
  fullwidth_digits: { value: "１２", column: "加分" },
  not_in_list: { value: "良好", column: "支委会评定", allowed: "优秀、合格、基本合格、不合格" },
  vote_negative: { value: -2, column: "互评优秀" },
  vote_fraction: { value: 1.5, column: "互评优秀" },
  vote_count_high: { names: ["王建国", "李秀英"], counts: [26, 27], cells: ["E2", "E3"], voters: 25, rosterRows: ["党员名册!A6"] },
  date_invalid: { value: "九月", column: "日期" },
  year_month_unreadable: { value: "九五年", column: "入党时间" },
  year_month_ambiguous: { value: "2001.1", column: "入党时间", year: 2001 },
  date_outside_year: { date: "2009-12-31", year: 2010, column: "日期" },
  formula_error: { value: "#N/A", column: "加分" },
  setting_invalid: { label: "考评期", value: "全年", default: "年终" },
  setting_out_of_range: { label: "优秀比例上限", value: "150%", min: "0%", max: "100%", default: "15%" },
  setting_unknown: { label: "奖金" },
  setting_missing: { labels: "支部名称、考评年度", count: 2 },
  setting_duplicate: { label: "考评年度" },
  weights_sum: { sum: 110, weights: "40/30/25/15" },
  thresholds_order: { values: "70/90/60" },
  vote_values_over_full_mark: { fullMark: 10, highest: 100 },
  year_inferred: { year: 2010 },
  likely_wrong_year: { year: 2010, found: 2009, foundCount: 18, outside: 20, sessions: 24, inferred: false },
  likely_wrong_roster: { unknown: 36, rows: 40, ids: ["001", "002", "003"], idCount: 12, rosterIds: ["G01", "G02", "G03"] },
  session_outside_year: { header: "2009-12-20 集中学习", year: 2010, found: 2009 },
  session_column_empty: { header: "2010-09-20 集中学习" },
  mark_blank: { name: "张三", count: 2, cells: "C2、D2" },
  mark_invalid: { value: "√", name: "李四" },
  attendance_missing_member: { id: "003", name: "王五" },
  weight_invalid: { value: "-1" },
  score_out_of_range: { value: 120 },
  completion_blank: { name: "张三" },
  pledge_late: { name: "张三", date: "2010-09-15", deadline: "2010-09-14" },
  pledge_none: { name: "张三" },
  activity_no_date: { name: "张三" },
  period_invalid: { value: "下半年" },
  vote_blocks_period_unknown: { cells: "A2、P2", unread: "A2、P2", blocks: 2 },
  override_without_reason: { name: "张三", grade: "合格", reasonCell: "N2" },
  override_not_graded: { name: "张三", category: "预备党员" },
  category_blank: { name: "张三", column: "党员类别", assumed: "full_member" },
  excluded_no_reason: { name: "张三" },
  component_missing: { component: "peer", who: null, period: "年终" },
  votes_missing: { period: "年终", sheetMissing: true },
  tie_at_cap: { name: "张三", total: 92.5, cap: 3 },
  ballot_header_unknown: { header: "G09 赵六", rosterName: null },
  ballot_column_duplicate: { header: "王建国", name: "王建国", first: "C1" },
  ballot_members_missing: { names: ["张三", "李四"], kind: "peer" },
  ballot_mark_invalid: { value: "√", name: "张三", kind: "peer" },
  ballots_over_cap: { cells: ["互评计票!A5", "互评计票!A9"], counts: [5, 6], cap: 4, void: false },
  ballots_over_issued: { kind: "mass", returned: 31, issued: 30 },
  ballots_over_roster: { returned: 40, members: 12 },
  ballot_tally_conflict: { name: "张三", kind: "peer", ballots: [5, 3, 0, 0], typed: [6, 2, 0, 0], tallySheet: "互评计票", tallyCell: "C1" },
  flag_mass: { name: "张三", share: 0.755, min: 80 },
  flag_peer: { name: "张三", share: 0.25, max: 20 },
  flag_absence: { name: "张三", days: 290, limit: 180 },
};

/** The other branches of a few wordings: the same codes with their other kind of values. */
const MORE_ISSUES: readonly Issue[] = [
  issue("sheet_missing", "错误", "党员名册", "", { sheet: "党员名册" }),
  issue("limit_exceeded", "错误", "党员名册", "", { what: "members", value: 20001, max: 20000 }),
  issue("limit_exceeded", "错误", "活动记录", "", { what: "rows", value: 100001, max: 100000 }),
  issue("id_blank", "错误", "党员名册", "A3", { name: "" }),
  issue("unknown_member", "错误", "个人承诺", "A3", { id: "099", name: "", places: ["个人承诺!A3"], rosterId: null, rosterName: null, rosterRow: null, follows: [] }),
  issue("unknown_member", "错误", "个人承诺", "A3", { id: "G05", name: "陈静", places: ["个人承诺!A3", "评议打分!B6"], rosterId: null, rosterName: null, rosterRow: "党员名册!A6", follows: [] }),
  issue("vote_count_high", "提示", "评议打分", "E3", { names: ["李四"], counts: [3], cells: ["E3"], voters: 2, rosterRows: [] }),
  issue("likely_wrong_year", "提示", "参数设置", "", { year: 2027, found: 2026, foundCount: 24, outside: 24, sessions: 24, inferred: true }),
  issue("name_ambiguous", "错误", "个人承诺", "A3", { name: "张三", reason: "not_in_roster" }),
  issue("category_blank", "提示", "活动记录", "D3", { name: "张三", column: "类别", assumed: "bonus_only" }),
  issue("component_missing", "提示", "学习考勤", "", { component: "study", who: null, period: "上半年" }),
  issue("component_missing", "提示", "评议打分", "B3", { component: "mass", who: "张三", period: "年终" }),
  issue("override_not_graded", "错误", "评议打分", "M3", { name: "张三", category: "不参评" }),
  issue("ballot_header_unknown", "错误", "互评计票", "C1", { header: "G01 李四", rosterName: "王建国" }),
  issue("ballots_over_cap", "提示", "互评计票", "A5", { cells: ["互评计票!A5"], counts: [5], cap: 4, void: true }),
];

const REASONS: { readonly [K in ReasonCode]: Extract<Reason, { code: K }> } = {
  late_pledge: { code: "late_pledge", deduction: 5 },
  component_zero: { code: "component_zero", component: "study" },
  component_spread: { code: "component_spread", component: "mass" },
  bonus_capped: { code: "bonus_capped", sum: 7.5, cap: 5 },
  gate_sanction: { code: "gate_sanction" },
  gate_absence: { code: "gate_absence", count: 4, limit: 3 },
  gate_no_pledge: { code: "gate_no_pledge" },
  gate_pledge_returned: { code: "gate_pledge_returned", count: 1 },
  gate_pledge_undone: { code: "gate_pledge_undone", pledges: 3, undone: 1 },
  cap_tie: { code: "cap_tie", total: 92.5, cap: 3 },
  cap_over: { code: "cap_over", cap: 3 },
  override: { code: "override", grade: "优秀", reason: "抗洪抢险表现突出" },
  probationary: { code: "probationary" },
  excluded: { code: "excluded", reason: "长期病假" },
};

const FLAGS: { readonly [K in FlagCode]: Extract<Flag, { code: K }> } = {
  flag_mass: { code: "flag_mass", share: 0.755, min: 80 },
  flag_peer: { code: "flag_peer", share: 0.25, max: 20 },
  flag_absence: { code: "flag_absence", days: 290, limit: 180 },
};

const NOTES: { readonly [K in RollupNoteCode]: RollupNoteParamsByCode[K] } = {
  rollup_mixed_year: { groups: [{ key: 2026, branches: ["甲支部", "乙支部"] }, { key: 2025, branches: ["一", "二", "三", "四", "五", "六"] }] },
  rollup_mixed_period: { groups: [{ key: "上半年", branches: ["甲支部"] }, { key: "年终", branches: ["乙支部"] }] },
  rollup_branch_name_twice: { name: "第一党支部", files: ["一支部.xlsx", "一支部-新.xlsx"] },
  rollup_same_content: { first: "一支部.xlsx" },
  rollup_branch_draft: { errors: 7 },
};

const SKIPS: { readonly [K in SkipReason["code"]]: Extract<SkipReason, { code: K }> } = {
  rollup_file_unreadable: { code: "rollup_file_unreadable", unreadable: { code: "branch_missing", file: "一支部.xlsx" } },
  rollup_branch_refused: { code: "rollup_branch_refused" },
  rollup_branch_errors: { code: "rollup_branch_errors", errors: 7 },
};

/**
 * Params that carry the secretary's data (names, cells' text, headers, sheets, labels, files)
 * or a value of the domain model (a grade, a member category, a period, all Chinese by
 * definition in src/core/types.ts). Every other field is a code or a number: no CJK.
 */
const DATA_FIELDS = new Set([
  "sheet", "headers", "column", "header", "name", "id", "rosterName", "key", "first", "value", "allowed",
  "date", "deadline", "label", "labels", "default", "cells", "reasonCell", "who",
  "grade", "category", "period", "reason", "branches", "files",
  "places", "rosterRow", "names", "rosterRows", "ids", "rosterIds", "tallySheet",
]);

/** Each text is there, in Chinese, and without a hole where a value failed to arrive. */
function expectWorded(what: string, texts: readonly string[]): void {
  for (const text of texts) {
    expect({ what, text, empty: text.trim() === "" }).toEqual({ what, text, empty: false });
    expect({ what, text, chinese: CJK.test(text) }).toEqual({ what, text, chinese: true });
    for (const hole of HOLES) expect({ what, text, hole: text.includes(hole) }).toEqual({ what, text, hole: false });
    // Typeset as Chinese: no ASCII space beside Chinese punctuation, no punctuation doubled.
    expect({ what, text, spaced: SPACED.exec(text)?.[0] ?? null }).toEqual({ what, text, spaced: null });
    expect({ what, text, doubled: DOUBLED.exec(text)?.[0] ?? null }).toEqual({ what, text, doubled: null });
  }
}

const SPACED = / [，。：；、！？（）“”」]|[，。：；、！？（）“”「] /;
const DOUBLED = /[，。：；、！？]{2,}/;

function expectWording(what: string, w: Wording): void {
  expectWorded(what, [w.problem, w.fix]);
}

/** The fields of a sample (nested in lists and objects) that hold CJK but are not data. */
function cjkCodeFields(value: unknown, field = ""): string[] {
  if (typeof value === "string") return CJK.test(value) && !DATA_FIELDS.has(field) ? [`${field}=${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v) => cjkCodeFields(v, field));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => cjkCodeFields(v, k));
  return [];
}

const issues: Issue[] = [
  ...(Object.keys(ISSUES) as IssueCode[]).map((code) => issue(code, "提示", "学习考勤", "C2", ISSUES[code])),
  ...MORE_ISSUES,
];

describe("issue wording", () => {
  test.each(issues.map((i) => [i.code, i] as const))("%s: problem and fix are worded", (_code, i) => {
    expectWording(i.code, wording(i));
    expectWorded(i.code, [issueLine(i)]);
  });

  test.each(issues.map((i) => [i.code, i] as const))("%s: --json params are plain values", (_code, i) => {
    for (const [k, v] of Object.entries(jsonParams(i))) {
      expect({ k, type: typeof v }).toEqual({ k, type: expect.stringMatching(/^(string|number)$/) });
      expect(String(v)).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  test("the params of every code carry codes and numbers, not words chosen by the code", () => {
    expect(issues.flatMap((i) => cjkCodeFields(i.params).map((f) => `${i.code}: ${f}`))).toEqual([]);
  });
});

describe("reason and flag wording", () => {
  test.each(Object.values(REASONS).map((r) => [r.code, r] as const))("%s", (code, r) => {
    expectWorded(code, [reasonText(r)]);
    expect(cjkCodeFields(r)).toEqual([]);
  });

  test("a reason for 不参评 without 不参评原因 is still worded", () => {
    expectWorded("excluded", [reasonText({ code: "excluded", reason: "" })]);
  });

  test.each(Object.values(FLAGS).map((f) => [f.code, f] as const))("%s", (code, f) => {
    expectWorded(code, [flagText(f)]);
    expect(cjkCodeFields(f)).toEqual([]);
  });
});

describe("roll-up wording", () => {
  test.each(Object.entries(NOTES))("%s", (code, params) => {
    const note = { file: "", level: "提示", code, params } as RollupNote;
    expectWording(code, rollupNoteText(note));
    expect(cjkCodeFields(params)).toEqual([]);
  });

  test.each(Object.values(SKIPS).map((s) => [s.code, s] as const))("%s", (code, s) => {
    expectWording(code, skipText(s));
  });

  test("the roll-up's draft title line names the branches and the errors", () => {
    const line = rollupDraftTitle(2, 9);
    expectWorded("rollup draft title", [line]);
    expect(line).toBe("草稿：2 个支部的数据有 9 条错误未改正，汇总结果不可作为最终结果");
  });
});

describe("推荐理由 wording", () => {
  const facts: MemberFacts = {
    sessions: 24, present: 20, late: 2, leave: 1, makeUp: 1, absent: 0, unexcused: 0, attendanceRate: 0.95,
    outputCounts: { 读书笔记: 4, 心得体会: 2, 建言献策: 3 }, outputRate: 1,
    pledgeCount: 3, pledgesDone: 2, pledgeReturned: 0,
    peerVotes: 20, peerExcellentShare: 0.85, peerFailShare: 0, massVotes: 30, massSatisfiedShare: 0.9,
    awards: ["所级征文一等奖", "支部知识竞赛二等奖", "院级演讲比赛三等奖", "所级优秀论文"], bonusRaw: 3, longestAbsenceDays: 0,
  };
  const nomination: Nomination = {
    order: 1, memberId: "A1", name: "张三", total: 96.5, pledge: 95, category: "所级推荐",
    basis: { period: "年终", facts, rank: 1 },
  };

  test.each([
    ["with every fact", nomination],
    ["上半年, 支部表彰, no rank", { ...nomination, category: "支部表彰", basis: { period: "上半年", facts, rank: null } }],
    ["without facts", { ...nomination, basis: { ...nomination.basis, facts: null } }],
  ] as const)("%s", (what, n) => {
    expectWorded(what, [nominationReason(n)]);
  });
});
