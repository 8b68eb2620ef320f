/**
 * Flags for the 支委会 (never an automatic grade): 群众 满意 + 比较满意 strictly under 50%;
 * 互评 不合格 strictly more than half; a run of consecutive unexcused marks spanning ≥ 180 days.
 */
import type { Day } from "../../src/core/dates";
import type { MarkCell } from "../../src/core/types";
import { attendance, day, fullOutput, member, pledge, result, run, session, vote, type VoteSpec } from "./builders";

const A = "A1";

describe("群众 flag: 满意 + 比较满意 under 50% of 群众 votes", () => {
  test.each<{ mass: VoteSpec["mass"]; flagged: boolean }>([
    { mass: { 满意: 2, 比较满意: 2, 基本满意: 4 }, flagged: false }, // 4 / 8 = 50%: not under
    { mass: { 满意: 5, 不满意: 5 }, flagged: false }, // 5 / 10 = 50%
    { mass: { 满意: 1, 比较满意: 2, 基本满意: 4 }, flagged: true }, // 3 / 7 = 42.9%
    { mass: { 满意: 2, 不满意: 3 }, flagged: true }, // 2 / 5 = 40%
    { mass: { 基本满意: 1 }, flagged: true }, // 0%
    { mass: { 比较满意: 1 }, flagged: false }, // 100%
    { mass: { 满意: 51, 基本满意: 49 }, flagged: false }, // 51%
    { mass: { 满意: 49, 基本满意: 51 }, flagged: true }, // 49%
    { mass: {}, flagged: false }, // no 群众 votes: nothing to flag
  ])("$mass → flagged $flagged", ({ mass, flagged }) => {
    const r = run({}, { members: [member(A)], pledges: [pledge(A)], votes: [vote(A, { peer: { 优秀: 1 }, mass: mass ?? {} })] });
    const issues = r.issues.filter((i) => i.code === "flag_mass");
    expect(issues).toHaveLength(flagged ? 1 : 0);
    expect(result(r, A).flags).toHaveLength(flagged ? 1 : 0);
    for (const i of issues) expect(i.level).toBe("提示");
  });
});

describe("互评 flag: 不合格 more than half of 互评 votes", () => {
  test.each<{ peer: VoteSpec["peer"]; flagged: boolean }>([
    { peer: { 优秀: 5, 不合格: 5 }, flagged: false }, // 5 / 10 = half: not more
    { peer: { 基本合格: 1, 不合格: 1 }, flagged: false }, // 1 / 2
    { peer: { 优秀: 4, 不合格: 6 }, flagged: true }, // 6 / 10
    { peer: { 合格: 2, 不合格: 3 }, flagged: true }, // 3 / 5
    { peer: { 不合格: 1 }, flagged: true }, // 1 / 1
    { peer: { 优秀: 49, 不合格: 51 }, flagged: true }, // 51%
    { peer: { 合格: 3 }, flagged: false },
    { peer: {}, flagged: false }, // no 互评 votes
  ])("$peer → flagged $flagged", ({ peer, flagged }) => {
    const r = run({}, { members: [member(A)], pledges: [pledge(A)], votes: [vote(A, { peer: peer ?? {}, mass: { 满意: 1 } })] });
    const issues = r.issues.filter((i) => i.code === "flag_peer");
    expect(issues).toHaveLength(flagged ? 1 : 0);
    expect(result(r, A).flags).toHaveLength(flagged ? 1 : 0);
  });
});

describe("absence flag: consecutive 缺席 / blank / invalid spanning 180 days or more", () => {
  test.each<{ name: string; sessions: [Day, MarkCell][]; days: number; flagged: boolean }>([
    // 3/1 → 8/28 = 31 + 30 + 31 + 30 + 31 + 27 = 180 days
    { name: "180 days", sessions: [[day(3, 1), "缺席"], [day(8, 28), "缺席"]], days: 180, flagged: true },
    { name: "179 days", sessions: [[day(3, 1), "缺席"], [day(8, 27), "缺席"]], days: 179, flagged: false },
    {
      name: "three in a row",
      sessions: [[day(3, 1), "缺席"], [day(5, 1), "缺席"], [day(8, 28), "缺席"]],
      days: 180,
      flagged: true,
    },
    {
      name: "blank and invalid extend the run",
      sessions: [[day(3, 1), "缺席"], [day(6, 1), "blank"], [day(8, 28), "invalid"]],
      days: 180,
      flagged: true,
    },
    // 3/1 → 6/1 = 92 days, then the run is broken
    { name: "请假 breaks it", sessions: [[day(3, 1), "缺席"], [day(6, 1), "请假"], [day(8, 28), "缺席"]], days: 0, flagged: false },
    { name: "迟到 breaks it", sessions: [[day(3, 1), "缺席"], [day(6, 1), "迟到"], [day(8, 28), "缺席"]], days: 0, flagged: false },
    { name: "补学 breaks it", sessions: [[day(3, 1), "缺席"], [day(6, 1), "补学"], [day(8, 28), "缺席"]], days: 0, flagged: false },
    { name: "出席 breaks it", sessions: [[day(3, 1), "缺席"], [day(6, 1), "出席"], [day(8, 28), "缺席"]], days: 0, flagged: false },
    {
      // 3/1 → 6/1 = 31 + 30 + 31 = 92; 7/1 → 12/1 = 31 + 31 + 30 + 31 + 30 = 153
      name: "the longest of two runs",
      sessions: [[day(3, 1), "缺席"], [day(6, 1), "缺席"], [day(6, 20), "出席"], [day(7, 1), "缺席"], [day(12, 1), "blank"]],
      days: 153,
      flagged: false,
    },
    {
      // 1/4 → 12/31 = 364 − 3 = 361
      name: "a run inside attended sessions",
      sessions: [[day(1, 2), "出席"], [day(1, 4), "缺席"], [day(12, 31), "缺席"]],
      days: 361,
      flagged: true,
    },
    {
      // counted in date order, not column order: 3/1 缺席, 6/1 出席, 8/28 缺席
      name: "columns out of date order, broken",
      sessions: [[day(8, 28), "缺席"], [day(6, 1), "出席"], [day(3, 1), "缺席"]],
      days: 0,
      flagged: false,
    },
    // Two sessions on one day count as one day, attended if either was: column order is irrelevant.
    {
      name: "same day, absent column first: the day was attended",
      sessions: [[day(3, 1), "缺席"], [day(3, 1), "出席"], [day(8, 28), "缺席"]],
      days: 0,
      flagged: false,
    },
    {
      name: "same day, attended column first: the day was attended",
      sessions: [[day(3, 1), "出席"], [day(3, 1), "缺席"], [day(8, 28), "缺席"]],
      days: 0,
      flagged: false,
    },
    {
      // 3/1 (both sessions missed) → 8/28 = 180
      name: "same day, both missed: one unexcused day",
      sessions: [[day(3, 1), "缺席"], [day(3, 1), "blank"], [day(8, 28), "缺席"]],
      days: 180,
      flagged: true,
    },
    {
      name: "columns out of date order, unbroken",
      sessions: [[day(8, 28), "缺席"], [day(3, 1), "缺席"], [day(6, 1), "缺席"]],
      days: 180,
      flagged: true,
    },
  ])("$name → $days days, flagged $flagged", ({ sessions, days, flagged }) => {
    const r = run(
      {},
      {
        members: [member(A)],
        pledges: [pledge(A)],
        sessions: sessions.map(([d]) => session(d)),
        attendance: [attendance(A, sessions.map(([, m]) => m))],
      },
    );
    expect(result(r, A).facts?.longestAbsenceDays).toBe(days);
    expect(r.issues.filter((i) => i.code === "flag_absence")).toHaveLength(flagged ? 1 : 0);
    expect(result(r, A).flags).toHaveLength(flagged ? 1 : 0);
  });

  test("a member missing from 学习考勤 (all blank) is flagged: 3/1 → 9/1 = 184 days", () => {
    const r = run({}, { members: [member(A)], pledges: [pledge(A)], sessions: [session(day(3, 1)), session(day(9, 1))] });
    expect(result(r, A).facts?.longestAbsenceDays).toBe(184);
    expect(r.issues.filter((i) => i.code === "flag_absence")).toHaveLength(1);
  });
});

describe("flags never change a grade", () => {
  /** 学习 100 (4 × 出席, full output), pledge 100; the votes are the test's. */
  function strong(votes: VoteSpec) {
    return {
      members: [member(A)],
      sessions: [1, 2, 3, 4].map((d) => session(day(3, d))),
      attendance: [attendance(A, ["出席", "出席", "出席", "出席"])],
      activities: fullOutput(A),
      pledges: [pledge(A)],
      votes: [vote(A, votes)],
    };
  }

  test("互评 flag on a 优秀: 6 不合格 + 4 优秀 → 互评 (300 + 400) / 10 = 70", () => {
    const m = result(run({ excellentCap: null }, strong({ peer: { 优秀: 4, 不合格: 6 }, mass: { 满意: 1 } })), A);
    expect(m.total).toBe(92.5); // 30 + 30 + 0.25 × 70 + 15 = 92.5
    expect(m.flags).toHaveLength(1);
    expect(m.final).toBe("优秀");
  });

  test("群众 flag on a 优秀: 2 满意 + 3 不满意 → 群众 (200 + 150) / 5 = 70", () => {
    const m = result(run({ excellentCap: null }, strong({ peer: { 优秀: 1 }, mass: { 满意: 2, 不满意: 3 } })), A);
    expect(m.total).toBe(95.5); // 30 + 30 + 25 + 0.15 × 70 = 95.5
    expect(m.flags).toHaveLength(1);
    expect(m.final).toBe("优秀");
  });

  test("absence flag on a 优秀 with only 2 absences", () => {
    // 8 出席 in January, then 缺席 on 3/1 and 8/28 (180 days apart): attendance 8 / 10 = 0.8
    // 学习 = 70 × 0.8 + 30 = 86; total = 0.3 × 86 + 30 + 25 + 15 = 95.8; 2 unexcused < 3
    const dates = [...[10, 11, 12, 13, 14, 15, 16, 17].map((d) => day(1, d)), day(3, 1), day(8, 28)];
    const marks: MarkCell[] = ["出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "缺席", "缺席"];
    const parts = {
      ...strong({ peer: { 优秀: 1 }, mass: { 满意: 1 } }),
      sessions: dates.map((d) => session(d)),
      attendance: [attendance(A, marks)],
    };
    const m = result(run({ excellentCap: null }, parts), A);
    expect(m.total).toBe(95.8);
    expect(m.flags).toHaveLength(1);
    expect(m.final).toBe("优秀");
  });
});
