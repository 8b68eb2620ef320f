/**
 * Every issue code, reason, flag and roll-up note is worded, from one typed sample each: the
 * sample tables are mapped over the codes, so a new code without a sample does not compile.
 * The wording is checked for holes (undefined, NaN, an unreplaced ${…}), not for its words:
 * tests assert codes and cells, the wording may be improved freely. The samples also keep the
 * rule that params carry data and codes, never sentences chosen by the code.
 */
import type { Issue } from "../../src/core/issues";
import type { Flag, FlagCode, MemberFacts, Nomination, Reason, ReasonCode } from "../../src/core/types";
import { nominationReason } from "../../src/messages/nominations";
import { flagText, reasonText } from "../../src/messages/reasons";
import { rollupDraftTitle, rollupNoteText, skipText } from "../../src/messages/rollup";
import { type AdviceHost, describe as wording, draftStatus, draftTitle, issueLine, jsonParams, NOTHING_TO_COMPUTE, type Wording } from "../../src/messages/zh-CN";
import { BALLOTS_NOT_MADE, ballotDoneLines, ballotDraftLead, ballotDraftTail, ballotForeignFix, ballotsNoPrintSetup } from "../../src/messages/ballots";
import { fileProblemLine, fileProblemText } from "../../src/messages/files";
import { LOOK_FAILED, OFFICE_FAILURE_CODES, officeFailureText, unknownFailureText } from "../../src/messages/office";
import { startupText } from "../../src/messages/startup";
import type { RollupNote, RollupNoteCode, RollupNoteParamsByCode, SkipReason } from "../../src/workbook/rollup";
import { SAMPLE_ISSUES } from "../support/issue-samples";
import { FILE_PROBLEM_SAMPLES, STARTUP_PROBLEM_SAMPLES } from "../support/message-samples";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const HOLES = ["undefined", "null", "NaN", "[object", "${"];

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

const issues: readonly Issue[] = SAMPLE_ISSUES;

const HOSTS: readonly AdviceHost[] = ["excel", "page", "cli"];

describe("issue wording", () => {
  test.each(issues.map((i) => [i.code, i] as const))("%s: problem and fix are worded, for every host", (_code, i) => {
    expectWording(i.code, wording(i));
    expectWorded(i.code, [issueLine(i)]);
    for (const host of HOSTS) {
      expectWording(`${i.code} (${host})`, wording(i, { host }));
      expectWorded(`${i.code} (${host})`, [issueLine(i, { host, file: "第一支部 2026.xlsx" })]);
    }
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

/** The catalogs beyond the issue codes, each printed from samples and held to the same typesetting. */
describe("every other message catalog", () => {
  test.each(FILE_PROBLEM_SAMPLES.map((p) => [p.code, p] as const))("file problem %s", (code, p) => {
    const t = fileProblemText(p);
    expectWording(code, t);
    expectWorded(code, [fileProblemLine(p)]);
  });

  test.each(STARTUP_PROBLEM_SAMPLES.map((p) => [p.code, p] as const))("start-up problem %s", (code, p) => {
    const t = startupText(p);
    expectWorded(code, [t.problem, ...t.tries, ...(t.browserPage ? [t.browserPage] : [])]);
  });

  test.each(OFFICE_FAILURE_CODES.map((c) => [c] as const))("Excel failure %s", (code) => {
    expectWorded(code, [officeFailureText(code, 120) ?? ""]);
  });

  test("the task pane's other sentences: a look not applied, an unknown failure", () => {
    expectWorded("LOOK_FAILED", [LOOK_FAILED, unknownFailureText("网络错误"), unknownFailureText("")]);
  });

  test("打印测评票's sentences, in the pane and on the page, final and draft", () => {
    const base = { year: 2026, period: "年终" as const, members: 28, created: ["互评计票", "群众计票"], kept: ["群众计票"] };
    for (const place of [{ kind: "excel" as const }, { kind: "file" as const, name: "第一支部-测评票.xlsx" }]) {
      for (const draft of [false, true]) expectWorded(`ballots ${place.kind} ${String(draft)}`, ballotDoneLines({ ...base, place }, draft));
    }
    expectWorded("ballots", [ballotDraftLead(3), ballotDraftTail(true), ballotDraftTail(false), BALLOTS_NOT_MADE, ballotForeignFix("测评票"), ballotsNoPrintSetup("ExcelApi 1.9")]);
  });

  test("the draft and empty-roster lines every host shows", () => {
    expectWorded("draft", [draftTitle(3), draftStatus(3), NOTHING_TO_COMPUTE]);
  });
});
