/**
 * 上半年 vs 年终: 上半年 uses the sessions, activities and vote rows of 1 January – 30 June
 * and has gates and the cap but no nominations (domain.md, "Period" and "Fine print").
 */
import type { MarkCell, Period } from "../../src/core/types";
import { activities, activity, attendance, day, member, pledge, result, run, session, vote } from "./builders";

const A = "A1";

describe("sessions by period", () => {
  test.each<{ period: Period; study: number; sessions: number }>([
    // 上半年: only 3/1 出席 → attendance 1 → 70
    { period: "上半年", study: 70, sessions: 1 },
    // 年终: 3/1 出席 and 9/1 缺席 → (1 + 0) / 2 = 0.5 → 35
    { period: "年终", study: 35, sessions: 2 },
  ])("3/1 出席, 9/1 缺席 in $period → 学习 $study", ({ period, study, sessions }) => {
    const parts = {
      members: [member(A)],
      sessions: [session(day(3, 1)), session(day(9, 1))],
      attendance: [attendance(A, ["出席", "缺席"])],
    };
    const m = result(run({ period }, parts), A);
    expect(m.components.study).toBe(study);
    expect(m.facts?.sessions).toBe(sessions);
  });

  test.each<{ period: Period; study: number }>([
    // 上半年: 1/1 请假 and 6/30 迟到 → (0.5 + 0.8) / 2 = 0.65 → 70 × 0.65 = 45.5
    { period: "上半年", study: 45.5 },
    // 年终: + 7/1 缺席 → 1.3 / 3 = 0.4333… → 70 × 0.4333… = 30.333… → 30.33
    { period: "年终", study: 30.33 },
  ])("window edges 1/1, 6/30 in 上半年, 7/1 not: $period → $study", ({ period, study }) => {
    const parts = {
      members: [member(A)],
      sessions: [session(day(1, 1)), session(day(6, 30)), session(day(7, 1))],
      attendance: [attendance(A, ["请假", "迟到", "缺席"])],
    };
    expect(result(run({ period }, parts), A).components.study).toBe(study);
  });

  test("上半年 with no session before July: 学习 is missing", () => {
    const parts = {
      members: [member(A)],
      pledges: [pledge(A, { score: 80 })],
      sessions: [session(day(9, 1))],
      attendance: [attendance(A, ["出席"])],
    };
    const m = result(run({ period: "上半年" }, parts), A);
    expect(m.components.study).toBeNull();
    expect(m.total).toBe(80); // only 承诺践诺: 30 × 80 / 30
  });
});

describe("vote rows by period", () => {
  const parts = {
    members: [member(A)],
    pledges: [pledge(A)],
    votes: [
      vote(A, { period: "上半年", peer: { 优秀: 2 }, mass: { 基本满意: 2 } }), // 100, 70
      vote(A, { period: "年终", peer: { 合格: 2 }, mass: { 满意: 1 } }), // 85, 100
    ],
  };

  test.each<{ period: Period; peer: number; mass: number }>([
    { period: "上半年", peer: 100, mass: 70 },
    { period: "年终", peer: 85, mass: 100 },
  ])("$period uses its own row: 互评 $peer, 群众 $mass", ({ period, peer, mass }) => {
    const m = result(run({ period }, parts), A);
    expect(m.components.peer).toBe(peer);
    expect(m.components.mass).toBe(mass);
  });

  test("年终 without a 年终 row: 互评 and 群众 are missing", () => {
    const only = { ...parts, votes: parts.votes.slice(0, 1) };
    const m = result(run({}, only), A);
    expect(m.components.peer).toBeNull();
    expect(m.components.mass).toBeNull();
  });
});

describe("the absence gate counts absences in the period only", () => {
  // 6 出席 in the first half, 3 缺席 in the second; activities 2 笔记, 1 心得, 1 建言 on 3/1;
  // pledge 100 and vote rows of 100 for both periods.
  const marks: MarkCell[] = ["出席", "出席", "出席", "出席", "出席", "出席", "缺席", "缺席", "缺席"];
  const dates = [day(1, 10), day(2, 10), day(3, 10), day(4, 10), day(5, 10), day(6, 10), day(7, 10), day(8, 10), day(9, 10)];
  const parts = {
    members: [member(A)],
    sessions: dates.map((d) => session(d)),
    attendance: [attendance(A, marks)],
    activities: [...activities(A, "读书笔记", 2), ...activities(A, "心得体会", 1), ...activities(A, "建言献策", 1)],
    pledges: [pledge(A)],
    votes: [
      vote(A, { period: "上半年", peer: { 优秀: 5 }, mass: { 满意: 5 } }),
      vote(A, { period: "年终", peer: { 优秀: 5 }, mass: { 满意: 5 } }),
    ],
  };

  test("上半年: no absence in the half → 优秀", () => {
    const m = result(run({ period: "上半年", excellentCap: null }, parts), A);
    // attendance 6 / 6 = 1; output (2/2 + 1/1 + 1/1) / 3 = 1 → 学习 100; total 100
    expect(m.total).toBe(100);
    expect(m.facts?.unexcused).toBe(0);
    expect(m.final).toBe("优秀");
  });

  test("年终: 3 缺席 → 合格", () => {
    const m = result(run({ period: "年终", excellentCap: null }, parts), A);
    // attendance 6 / 9; output (2/4 + 1/2 + 1/1) / 3 = 2/3
    // 学习 = 100 × (0.7 × 6/9 + 0.3 × 2/3) = 46.666… + 20 = 66.666… → 66.67
    // total = 0.3 × 66.67 + 30 + 25 + 15 = 20.001 + 70 = 90.001 → 90 → 优秀, then the gate → 合格
    expect(m.components.study).toBe(66.67);
    expect(m.total).toBe(90);
    expect(m.facts?.unexcused).toBe(3);
    expect(m.final).toBe("合格");
  });
});

describe("上半年 applies the cap and the flags, and has no nominations", () => {
  function h1(id: string, total: number) {
    // pledge 100, 上半年 votes 100, no sessions → base 100; a 扣分 on 3/1 sets the total
    return {
      members: [member(id)],
      pledges: [pledge(id)],
      votes: [vote(id, { period: "上半年", peer: { 优秀: 3 }, mass: { 满意: 3 } })],
      activities: total < 100 ? [activity(id, "扣分", day(3, 1), { bonus: total - 100 })] : [],
    };
  }

  test("cap ⌊3/3⌋ = 1 in 上半年", () => {
    const r = run({ period: "上半年" }, h1("A1", 100), h1("A2", 98), h1("A3", 96));
    expect(r.members.map((m) => m.final)).toEqual(["优秀", "合格", "合格"]);
  });

  test("an eligible member is nominated in 年终 only", () => {
    const both = { ...h1("A1", 100), votes: [vote("A1", { period: "上半年", peer: { 优秀: 3 }, mass: { 满意: 3 } }), vote("A1", { peer: { 优秀: 3 }, mass: { 满意: 3 } })] };
    expect(run({ period: "年终", excellentCap: null }, both).nominations).toHaveLength(1);
    const r = run({ period: "上半年", excellentCap: null }, both);
    expect(result(r, "A1").final).toBe("优秀");
    expect(r.nominations).toHaveLength(0);
  });

  test.each<{ period: Period; flagged: boolean }>([
    // 上半年 sessions 1/4 and 6/30: 177 days; 年终 adds 12/31: 1/4 → 12/31 = 361 days
    { period: "上半年", flagged: false },
    { period: "年终", flagged: true },
  ])("absence flag in $period: flagged $flagged", ({ period, flagged }) => {
    const parts = {
      members: [member(A)],
      pledges: [pledge(A)],
      sessions: [session(day(1, 4)), session(day(6, 30)), session(day(12, 31))],
      attendance: [attendance(A, ["缺席", "缺席", "缺席"])],
    };
    expect(result(run({ period }, parts), A).flags).toHaveLength(flagged ? 1 : 0);
  });

  test("absence flag in 上半年: 1/1 → 6/30 = 180 days", () => {
    const parts = {
      members: [member(A)],
      pledges: [pledge(A)],
      sessions: [session(day(1, 1)), session(day(6, 30)), session(day(7, 1))],
      attendance: [attendance(A, ["缺席", "缺席", "出席"])],
    };
    const m = result(run({ period: "上半年" }, parts), A);
    expect(m.facts?.longestAbsenceDays).toBe(180);
    expect(m.flags).toHaveLength(1);
  });
});
