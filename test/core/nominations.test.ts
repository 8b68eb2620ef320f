/**
 * 表彰推荐 (年终 only): 最终等次 优秀 and 承诺践诺 ≥ 90 → 支部表彰, ordered by total, 承诺践诺,
 * attendance rate, then 编号 in natural order; the first max(1, ⌊10% × graded⌋) → 所级推荐.
 */
import type { MarkCell, Member, Nomination } from "../../src/core/types";
import { nominationReason } from "../../src/messages/nominations";
import {
  activity,
  attendance,
  day,
  fullOutput,
  member,
  type Parts,
  pledge,
  run,
  session,
  vote,
  withTotal,
} from "./builders";

/** The 推荐理由 as the sheets show it. */
const reasonOf = (n: Nomination | undefined): string => (n ? nominationReason(n) : "");

const SESSIONS = [1, 2, 3, 4].map((d) => session(day(3, d)));
const ALL_PRESENT: MarkCell[] = ["出席", "出席", "出席", "出席"];
const ONE_LATE: MarkCell[] = ["出席", "出席", "出席", "迟到"];

interface Spec {
  readonly marks: MarkCell[];
  /** 考核得分 on a 完成 pledge, or null for plain 完成 (100). */
  readonly pledgeScore: number | null;
  readonly peer: { 优秀: number; 合格: number };
  readonly bonus: number;
  readonly over?: Partial<Member>;
}

/** 4 sessions, full output, 群众 10 满意 (100); the rest from the spec. */
function nominee(id: string, spec: Spec): Parts {
  return {
    members: [member(id, spec.over ?? {})],
    attendance: [attendance(id, spec.marks)],
    activities: [...fullOutput(id), ...(spec.bonus === 0 ? [] : [activity(id, "志愿服务", day(5, 4), { bonus: spec.bonus })])],
    pledges: [pledge(id, { score: spec.pledgeScore })],
    votes: [vote(id, { peer: spec.peer, mass: { 满意: 10 } })],
  };
}

const P90 = { 优秀: 1, 合格: 2 }; // (100 + 170) / 3 = 90

/**
 * The 年终 branch: 9 graded members (A1–A8, A10) and one 预备党员; no cap, so that the
 * grades are the thresholds and gates only.
 */
function branch(): Parts[] {
  return [
    // 学习 100, pledge 100, 互评 (300 + 85) / 4 = 96.25 → 30 + 30 + 24.0625 + 15 = 99.0625 → 99.06
    nominee("A1", { marks: ALL_PRESENT, pledgeScore: null, peer: { 优秀: 3, 合格: 1 }, bonus: 0 }),
    // 学习 100, pledge 100, 互评 90 → 30 + 30 + 22.5 + 15 = 97.5
    nominee("A5", { marks: ALL_PRESENT, pledgeScore: null, peer: P90, bonus: 0 }),
    // 学习 100, pledge 95, 互评 90, bonus 1.5 → 30 + 28.5 + 22.5 + 15 + 1.5 = 97.5
    nominee("A3", { marks: ALL_PRESENT, pledgeScore: 95, peer: P90, bonus: 1.5 }),
    // attendance 3.8 / 4 = 0.95 → 学习 66.5 + 30 = 96.5; pledge 95, 互评 90, bonus 2.55
    // → 28.95 + 28.5 + 22.5 + 15 + 2.55 = 97.5 (same total and pledge as A3, lower attendance)
    nominee("A10", { marks: ONE_LATE, pledgeScore: 95, peer: P90, bonus: 2.55 }),
    nominee("A4", { marks: ONE_LATE, pledgeScore: 95, peer: P90, bonus: 2.55 }),
    nominee("A2", { marks: ONE_LATE, pledgeScore: 95, peer: P90, bonus: 2.55 }),
    // pledge exactly 90: 30 + 27 + 22.5 + 15 = 94.5 → eligible
    nominee("A7", { marks: ALL_PRESENT, pledgeScore: 90, peer: P90, bonus: 0 }),
    // pledge 89.99: 30 + 26.997 + 22.5 + 15 = 94.497 → 94.5, 优秀 but not eligible
    nominee("A6", { marks: ALL_PRESENT, pledgeScore: 89.99, peer: P90, bonus: 0 }),
    // 97.5 but sanctioned → 合格 → not eligible
    nominee("A8", { marks: ALL_PRESENT, pledgeScore: null, peer: P90, bonus: 0, over: { sanctioned: true } }),
    // 预备党员 with 100: never nominated, and not in the graded count
    nominee("P1", { marks: ALL_PRESENT, pledgeScore: null, peer: { 优秀: 1, 合格: 0 }, bonus: 0, over: { category: "预备党员" } }),
    { sessions: SESSIONS },
  ];
}

describe("who is nominated and in which order", () => {
  const r = run({ excellentCap: null }, ...branch());

  test("the totals are as computed by hand", () => {
    const totals = Object.fromEntries(r.members.map((m) => [m.member.id, m.total]));
    expect(totals).toEqual({ A1: 99.06, A5: 97.5, A3: 97.5, A10: 97.5, A4: 97.5, A2: 97.5, A7: 94.5, A6: 94.5, A8: 97.5, P1: 100 });
  });

  test("order: total, then 承诺践诺, then attendance rate, then 编号 in natural order", () => {
    // A1 99.06 first; A5 (pledge 100) before A3 (95); A3 (attendance 1) before A2/A4/A10 (0.95);
    // A2 < A4 < A10 in natural order; A7 94.5 last. A6 (89.99), A8 (合格), P1 (预备) are out.
    expect(r.nominations.map((n) => n.memberId)).toEqual(["A1", "A5", "A3", "A2", "A4", "A10", "A7"]);
    expect(r.nominations.map((n) => n.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test("所级推荐: max(1, ⌊10% × 9⌋) = 1, the rest 支部表彰; each member listed once", () => {
    expect(r.nominations.map((n) => n.category)).toEqual(["所级推荐", "支部表彰", "支部表彰", "支部表彰", "支部表彰", "支部表彰", "支部表彰"]);
    expect(r.summary).toMatchObject({ graded: 9, branchNominees: 7, instituteNominees: 1 });
  });

  test("each row carries the member's total and 承诺践诺", () => {
    expect(r.nominations.map((n) => [n.memberId, n.total, n.pledge])).toEqual([
      ["A1", 99.06, 100],
      ["A5", 97.5, 100],
      ["A3", 97.5, 95],
      ["A2", 97.5, 95],
      ["A4", 97.5, 95],
      ["A10", 97.5, 95],
      ["A7", 94.5, 90],
    ]);
    expect(r.nominations[0]?.name).toBe("党员A1");
  });

  test("the reason sentence is built from the member's own numbers", () => {
    const a1 = reasonOf(r.nominations.find((n) => n.memberId === "A1"));
    expect(a1).toMatch(/[\u4e00-\u9fff]/);
    expect(a1).toContain("4 次"); // 4 sessions, attended 4
    expect(a1).toContain("99.06"); // the total
    expect(a1).toContain("100%"); // attendance rate
    expect(a1).toContain("所级");

    const a2 = reasonOf(r.nominations.find((n) => n.memberId === "A2"));
    expect(a2).toContain("97.5");
    // 出席 ×3 and 迟到 ×1: the 出勤率 is the head count, 4 of 4 = 100% (as on the 年度总结 and the
    // 推荐表), not the marks' weighted mean (1 + 1 + 1 + 0.8) / 4 = 95% that the 学习 score uses.
    expect(a2).toContain("参加 4 次，出勤率 100%");
    expect(a2).not.toContain("补学");
    expect(a2).toContain("承诺践诺得分 95");
    expect(a2).not.toContain("所级");
  });
});

describe("eligibility uses the final grade", () => {
  test("a 支委会 override to 优秀 is nominated, a 待定 or 合格 by cap is not", () => {
    // cap ⌊6/3⌋ = 2: 100 优秀, 95 and 95 待定, 92 合格 (over the cap) …
    const parts = [
      withTotal("A1", 100),
      withTotal("A2", 95),
      withTotal("A3", 95),
      { ...withTotal("A4", 92), votes: [vote("A4", { peer: { 优秀: 10 }, mass: { 满意: 10 }, override: "优秀", overrideReason: "见义勇为" })] },
      withTotal("A5", 80),
      withTotal("A6", 70),
    ];
    const r = run({}, ...parts);
    expect(r.nominations.map((n) => n.memberId)).toEqual(["A1", "A4"]);
  });

  test("承诺践诺 below 90 is not nominated even with 优秀", () => {
    const parts = {
      members: [member("A1")],
      pledges: [pledge("A1", { score: 85 })],
      votes: [vote("A1", { peer: { 优秀: 3 }, mass: { 满意: 3 } })],
    };
    const r = run({ excellentCap: null }, parts);
    // (30 × 85 + 2500 + 1500) / 70 = 6550 / 70 = 93.571… → 93.57 → 优秀
    expect(r.members[0]?.total).toBe(93.57);
    expect(r.members[0]?.final).toBe("优秀");
    expect(r.nominations).toHaveLength(0);
  });
});

describe("所级 quota = max(1, ⌊10% × graded⌋)", () => {
  test.each([
    { graded: 5, quota: 1 }, // ⌊0.5⌋ = 0 → at least 1
    { graded: 9, quota: 1 }, // ⌊0.9⌋ = 0 → 1
    { graded: 10, quota: 1 }, // ⌊1⌋ = 1
    { graded: 19, quota: 1 }, // ⌊1.9⌋ = 1
    { graded: 20, quota: 2 }, // ⌊2⌋ = 2
    { graded: 29, quota: 2 }, // ⌊2.9⌋ = 2
    { graded: 30, quota: 3 }, // ⌊3⌋ = 3
    { graded: 60, quota: 5 }, // ⌊6⌋ = 6, but only 5 are eligible
  ])("$graded graded → $quota 所级推荐", ({ graded, quota }) => {
    const eligible = [100, 99, 98, 97, 96].map((t, i) => withTotal(`A${i + 1}`, t));
    const others = Array.from({ length: graded - 5 }, (_, i) => withTotal(`B${i + 1}`, 80));
    const r = run({ excellentCap: null }, ...eligible, ...others);
    expect(r.nominations.map((n) => n.memberId)).toEqual(["A1", "A2", "A3", "A4", "A5"]);
    expect(r.nominations.filter((n) => n.category === "所级推荐").map((n) => n.memberId)).toEqual(
      ["A1", "A2", "A3", "A4", "A5"].slice(0, quota),
    );
  });

  test("预备党员 are not in the graded count", () => {
    // 19 graded → ⌊1.9⌋ = 1; counting the 6 预备党员 too (25) would give 2
    const eligible = [100, 99, 98].map((t, i) => withTotal(`A${i + 1}`, t));
    const others = Array.from({ length: 16 }, (_, i) => withTotal(`B${i + 1}`, 80));
    const probationary = Array.from({ length: 6 }, (_, i) => withTotal(`P${i + 1}`, 80, { category: "预备党员" }));
    const r = run({ excellentCap: null }, ...eligible, ...others, ...probationary);
    expect(r.nominations.filter((n) => n.category === "所级推荐")).toHaveLength(1);
  });

  test("no eligible member: no nominations", () => {
    const r = run({ excellentCap: null }, withTotal("A1", 85), withTotal("A2", 80));
    expect(r.nominations).toEqual([]);
  });
});
