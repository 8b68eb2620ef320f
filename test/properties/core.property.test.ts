/**
 * Properties of appraise() over random AppraisalInputs (test/properties/arbitraries.ts):
 * it never throws, every number and grade stays inside the contract, the 优秀 cap holds,
 * nominations are the right members once each, and the result depends neither on the run nor
 * on the order of any input rows.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { appraise } from "../../src/core/appraise";
import type { AppraisalInput } from "../../src/core/types";
import { nominationReason } from "../../src/messages/nominations";
import { activity, day, fullOutput, input as makeInput, member, pledge, result as resultOf, seededRandom, shuffleInput, vote } from "../core/builders";
import { inputArb, runs } from "./arbitraries";
import { checkCap, checkIssues, checkMembers, checkNominations, checkSummary, issueBag, perMember } from "./invariants";

const CORE_RUNS = 200;

/** Freeze every object and array of an input: a write into it then throws (modules are strict). */
function deepFreeze<T>(x: T): T {
  if (typeof x === "object" && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe("appraise() on random inputs", () => {
  test("never throws; components, bonus, total and rank are in range; grades are allowed and consistent", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = appraise(input);
        checkMembers(input, result);
        checkSummary(result);
      }),
      runs(CORE_RUNS),
    );
  });

  test("优秀 stays within the cap (支委会 overrides aside); a boundary tie is one total, all 待定", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkCap(input, appraise(input));
      }),
      runs(CORE_RUNS),
    );
  });

  test("nominations: final 优秀 only, each member once, 所级 at the top of the 支部表彰 list", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkNominations(input, appraise(input));
      }),
      runs(CORE_RUNS),
    );
  });

  test("every issue has a level, a sheet, an A1 cell or none, and a wording without holes", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkIssues(appraise(input).issues);
      }),
      runs(CORE_RUNS),
    );
  });

  test("computing twice gives the same result, and the input (deep-frozen) is never written to", () => {
    fc.assert(
      fc.property(inputArb, (input: AppraisalInput) => {
        deepFreeze(input);
        const first = appraise(input);
        const second = appraise(input);
        // isDeepStrictEqual is fast; expect() only runs to print the difference.
        if (!isDeepStrictEqual(second, first)) expect(second).toEqual(first);
      }),
      runs(CORE_RUNS),
    );
  });

  test("shuffling members, pledges, sessions (with their marks), activities and votes changes no member's result", () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const a = appraise(input);
        const b = appraise(shuffleInput(input, seededRandom(seed)));
        expect(perMember(b)).toEqual(perMember(a));
        expect(issueBag(b.issues)).toEqual(issueBag(a.issues));
        expect(b.nominations).toEqual(a.nominations);
        expect(b.summary).toEqual(a.summary);
      }),
      runs(CORE_RUNS),
    );
  });
});

/** The shrunk counter-examples of the shuffle property, kept as plain cases (both fixed in appraise.ts). */
describe("counter-examples found by the properties", () => {
  test("two 竞赛获奖 of one day without 内容 are named in the same order whatever the row order", () => {
    // A1 is the only 优秀 of three (cap ⌊1/3 × 3⌋ = 1) and is nominated; its two awards of
    // 5月1日 have no 内容, so they show as their 级别: 所级 and 支部.
    const base = {
      members: [member("A1"), member("A2"), member("A3")],
      pledges: [pledge("A1")],
      votes: [vote("A1", { peer: { 优秀: 10 }, mass: { 满意: 10 } })],
      activities: fullOutput("A1"),
    };
    const first = activity("A1", "竞赛获奖", day(5, 1), { level: "所级" });
    const second = activity("A1", "竞赛获奖", day(5, 1), { level: "支部" });
    const a = appraise(makeInput({}, base, { activities: [first, second] }));
    const b = appraise(makeInput({}, base, { activities: [second, first] }));
    expect(a.nominations.map(nominationReason)[0]).toContain("获所级、支部");
    expect(b.nominations).toEqual(a.nominations);
  });

  test("加分 26.78 − 24.5 + 2.72 is 5 in every row order: not over a cap of 5", () => {
    // In this order the doubles add up to 5.000000000000002; in the reverse order to 5.
    const bonuses = [26.78, -24.5, 2.72].map((b) => activity("A1", "其他", day(3, 1), { bonus: b }));
    const parts = { members: [member("A1")], pledges: [pledge("A1")] };
    const a = resultOf(appraise(makeInput({}, parts, { activities: bonuses })), "A1");
    const b = resultOf(appraise(makeInput({}, parts, { activities: [...bonuses].reverse() })), "A1");
    expect(a.bonus).toBe(5);
    expect(a.reasons.filter((r) => r.code === "bonus_capped")).toEqual([]);
    expect(b.reasons).toEqual(a.reasons);
  });
});
