/**
 * 承诺践诺, 党员互评, 群众评议, the bonus, the weighted total and missing components
 * (domain.md, "Default scoring model" and "Fine print").
 */
import type { Pledge } from "../../src/core/types";
import {
  activities,
  activity,
  attendance,
  day,
  fullOutput,
  member,
  pledge,
  result,
  run,
  session,
  vote,
  type VoteSpec,
} from "./builders";

const A = "A1";

describe("承诺践诺: Σ(权重 × value) ÷ Σ 权重", () => {
  test.each<{ name: string; pledges: Partial<Pledge>[]; score: number }>([
    { name: "完成", pledges: [{ completion: "完成" }], score: 100 },
    { name: "基本完成", pledges: [{ completion: "基本完成" }], score: 70 },
    { name: "未完成", pledges: [{ completion: "未完成" }], score: 0 },
    { name: "blank 完成情况", pledges: [{ completion: null }], score: 0 },
    // (2 × 100 + 1 × 70) / 3 = 270 / 3 = 90
    { name: "weights 2 and 1", pledges: [{ weight: 2 }, { weight: 1, completion: "基本完成" }], score: 90 },
    // (3 × 100 + 1 × 0) / 4 = 75
    { name: "weights 3 and 1", pledges: [{ weight: 3 }, { weight: 1, completion: "未完成" }], score: 75 },
    // (100 + 70 + 0) / 3 = 56.666… → 56.67
    { name: "three kinds", pledges: [{}, { completion: "基本完成" }, { completion: "未完成" }], score: 56.67 },
    // (1.5 × 100 + 0.5 × 70) / 2 = (150 + 35) / 2 = 92.5
    { name: "fractional weights", pledges: [{ weight: 1.5 }, { weight: 0.5, completion: "基本完成" }], score: 92.5 },
    // 考核得分 overrides: (85 + 100) / 2 = 92.5
    { name: "考核得分 85 on 未完成", pledges: [{ completion: "未完成", score: 85 }, {}], score: 92.5 },
    { name: "考核得分 60 on 完成", pledges: [{ score: 60 }], score: 60 },
    // a 考核得分 of 0 is a value, not a blank: (0 + 100) / 2 = 50
    { name: "考核得分 0", pledges: [{ score: 0 }, {}], score: 50 },
    // (2 × 70 + 1 × 0 + 1 × 95) / 4 = 235 / 4 = 58.75
    {
      name: "mixed",
      pledges: [{ weight: 2, completion: "基本完成" }, { completion: "未完成" }, { completion: "基本完成", score: 95 }],
      score: 58.75,
    },
    // a 退回修改 row still counts in the score
    { name: "退回修改 row", pledges: [{ review: "退回修改" }, { completion: "基本完成" }], score: 85 }, // (100 + 70) / 2
    // Σ 权重 = 0 scores 0
    { name: "Σ 权重 = 0", pledges: [{ weight: 0 }, { weight: 0, completion: "基本完成" }], score: 0 },
    // a weight-0 row drops out: (0 × 100 + 1 × 70) / 1 = 70
    { name: "one weight 0", pledges: [{ weight: 0 }, { completion: "基本完成" }], score: 70 },
  ])("$name → $score", ({ pledges, score }) => {
    const r = run({}, { members: [member(A)], pledges: pledges.map((p) => pledge(A, p)) });
    expect(result(r, A).components.pledge).toBe(score);
    expect(r.issues.filter((i) => i.code === "pledge_none")).toHaveLength(0);
  });

  test("no pledge row: 0 and a pledge_none 提示", () => {
    const r = run({}, { members: [member(A), member("A2")], pledges: [pledge("A2")] });
    expect(result(r, A).components.pledge).toBe(0);
    const none = r.issues.filter((i) => i.code === "pledge_none");
    expect(none).toHaveLength(1);
    expect(none[0]?.level).toBe("提示");
    expect(none[0]?.params.name).toBe("党员A1");
  });

  test.each([
    // the deadline defaults to 2010-09-14; late means strictly after it
    { lateDeduction: 0, submitted: day(9, 20), deadline: null, score: 100 }, // no deduction by default
    { lateDeduction: 10, submitted: day(9, 14), deadline: null, score: 100 }, // on the deadline: not late
    { lateDeduction: 10, submitted: day(9, 15), deadline: null, score: 90 }, // 100 − 10 = 90
    { lateDeduction: 10, submitted: day(9, 15), deadline: day(9, 30), score: 100 }, // own deadline 9/30
  ])(
    "late pledges: deduction $lateDeduction, submitted $submitted, deadline $deadline → $score",
    ({ lateDeduction, submitted, deadline, score }) => {
      const r = run({ lateDeduction, pledgeDeadline: deadline }, { members: [member(A)], pledges: [pledge(A, { submitted })] });
      expect(result(r, A).components.pledge).toBe(score);
    },
  );
});

describe("党员互评 and 群众评议: Σ(votes × value) ÷ Σ votes", () => {
  test.each<{ peer: VoteSpec["peer"]; score: number }>([
    { peer: { 优秀: 3 }, score: 100 },
    { peer: { 合格: 2 }, score: 85 },
    { peer: { 基本合格: 1 }, score: 70 },
    { peer: { 不合格: 4 }, score: 50 },
    { peer: { 优秀: 1, 合格: 1 }, score: 92.5 }, // (100 + 85) / 2 = 92.5
    { peer: { 优秀: 1, 合格: 2 }, score: 90 }, // (100 + 170) / 3 = 90
    { peer: { 优秀: 10, 合格: 5, 基本合格: 3, 不合格: 2 }, score: 86.75 }, // (1000 + 425 + 210 + 100) / 20 = 86.75
    { peer: { 合格: 1, 基本合格: 1, 不合格: 1 }, score: 68.33 }, // 205 / 3 = 68.333… → 68.33
    { peer: { 优秀: 2, 不合格: 1 }, score: 83.33 }, // 250 / 3 = 83.333… → 83.33
    { peer: { 优秀: 1, 合格: 7 }, score: 86.88 }, // 695 / 8 = 86.875 → 86.88 (half-up)
    { peer: { 合格: 5, 基本合格: 1, 不合格: 2 }, score: 74.38 }, // 595 / 8 = 74.375 → 74.38 (half-up)
  ])("互评 $peer → $score", ({ peer, score }) => {
    const r = run({}, { members: [member(A)], pledges: [pledge(A)], votes: [vote(A, { peer: peer ?? {} })] });
    expect(result(r, A).components.peer).toBe(score);
  });

  test.each<{ mass: VoteSpec["mass"]; score: number }>([
    { mass: { 满意: 5 }, score: 100 },
    { mass: { 比较满意: 1 }, score: 85 },
    { mass: { 基本满意: 3 }, score: 70 },
    { mass: { 不满意: 2 }, score: 50 },
    { mass: { 满意: 1, 比较满意: 1, 基本满意: 1, 不满意: 1 }, score: 76.25 }, // 305 / 4 = 76.25
    { mass: { 满意: 3, 不满意: 5 }, score: 68.75 }, // (300 + 250) / 8 = 68.75
    { mass: { 满意: 2, 基本满意: 1 }, score: 90 }, // 270 / 3 = 90
    { mass: { 比较满意: 2, 不满意: 1 }, score: 73.33 }, // 220 / 3 = 73.333… → 73.33
    { mass: { 满意: 1, 比较满意: 7 }, score: 86.88 }, // 695 / 8 = 86.875 → 86.88 (half-up)
  ])("群众 $mass → $score", ({ mass, score }) => {
    const r = run({}, { members: [member(A)], pledges: [pledge(A)], votes: [vote(A, { mass: mass ?? {} })] });
    expect(result(r, A).components.mass).toBe(score);
  });
});

describe("评议票满分: vote values on another scale (10/7/5/2) give the same 0–100 component", () => {
  const tenScale = { peerExcellent: 10, peerQualified: 7, peerBasic: 5, peerFail: 2, massSatisfied: 10, massFairly: 7, massBasic: 5, massNot: 2, voteFullMark: 10 };
  test.each<{ peer: VoteSpec["peer"]; score: number }>([
    { peer: { 优秀: 3 }, score: 100 },
    { peer: { 合格: 2 }, score: 70 },
    { peer: { 不合格: 1 }, score: 20 },
    { peer: { 优秀: 1, 合格: 2 }, score: 80 }, // (10 + 14) / 3 = 8 → × 100 / 10 = 80
    { peer: { 优秀: 1, 基本合格: 1, 不合格: 1 }, score: 56.67 }, // 17 / 3 = 5.666… → 56.67
    { peer: { 优秀: 1, 合格: 7 }, score: 73.75 }, // 59 / 8 = 7.375 → 73.75
  ])("互评 $peer on 10/7/5/2 → $score", ({ peer, score }) => {
    const r = run(tenScale, { members: [member(A)], pledges: [pledge(A)], votes: [vote(A, { peer: peer ?? {}, mass: { 满意: 1, 不满意: 1 } })] });
    expect(result(r, A).components.peer).toBe(score);
    expect(result(r, A).components.mass).toBe(60); // (10 + 2) / 2 = 6 → 60
  });

  test("the default 满分 100 leaves the 100/85/70/50 scores as they are", () => {
    const r = run({ voteFullMark: 100 }, { members: [member(A)], pledges: [pledge(A)], votes: [vote(A, { peer: { 优秀: 1, 合格: 7 } })] });
    expect(result(r, A).components.peer).toBe(86.88);
  });
});

describe("total = Σ weight × component (+ bonus), from the rounded components", () => {
  test("0.3 × 80 + 0.3 × 100 + 0.25 × 85 + 0.15 × 70 = 85.75", () => {
    const parts = {
      members: [member(A)],
      sessions: [session(day(3, 1))],
      attendance: [attendance(A, ["出席"])],
      activities: activities(A, "建言献策", 5), // 学习 = 70 × 1 + 30 × (0 + 0 + 1) / 3 = 80
      pledges: [pledge(A)], // 100
      votes: [vote(A, { peer: { 合格: 4 }, mass: { 基本满意: 2 } })], // 85, 70
    };
    const r = result(run({}, parts), A);
    expect(r.components).toEqual({ study: 80, pledge: 100, peer: 85, mass: 70 });
    expect(r.total).toBe(85.75); // 24 + 30 + 21.25 + 10.5 = 85.75
  });

  test("x.xx5 rounds up: 0.3 × 70 + 0.3 × 100 + 0.25 × 86.75 + 0.15 × 76.25 = 84.125 → 84.13", () => {
    const parts = {
      members: [member(A)],
      sessions: [session(day(3, 1))],
      attendance: [attendance(A, ["出席"])], // 学习 70 (no output)
      pledges: [pledge(A)],
      votes: [
        vote(A, {
          peer: { 优秀: 10, 合格: 5, 基本合格: 3, 不合格: 2 }, // 86.75
          mass: { 满意: 1, 比较满意: 1, 基本满意: 1, 不满意: 1 }, // 76.25
        }),
      ],
    };
    // 21 + 30 + 21.6875 + 11.4375 = 84.125 → 84.13
    expect(result(run({}, parts), A).total).toBe(84.13);
  });

  test("half-up on the exact value: 69.995 → 70, hence 合格 (the double is 69.99499…)", () => {
    const parts = {
      members: [member(A)],
      sessions: [1, 2, 3, 4].map((d) => session(day(3, d))),
      // (0.5 + 0.5 + 0 + 0) / 4 = 0.25; 学习 = 70 × 0.25 + 30 × 1 = 47.5
      attendance: [attendance(A, ["请假", "请假", "缺席", "缺席"])],
      activities: fullOutput(A),
      pledges: [pledge(A, { score: 92.21 })], // 92.21
      votes: [
        vote(A, {
          peer: { 合格: 1, 基本合格: 1, 不合格: 1 }, // 205 / 3 = 68.333… → 68.33
          mass: { 比较满意: 2, 不满意: 1 }, // 220 / 3 = 73.333… → 73.33
        }),
      ],
    };
    const r = result(run({}, parts), A);
    expect(r.components).toEqual({ study: 47.5, pledge: 92.21, peer: 68.33, mass: 73.33 });
    // 0.3 × 47.5 + 0.3 × 92.21 + 0.25 × 68.33 + 0.15 × 73.33
    // = 14.25 + 27.663 + 17.0825 + 10.9995 = 69.995 → 70
    expect(r.total).toBe(70);
    expect(r.suggested).toBe("合格");
  });

  test("the ≥ 90 test uses the rounded total: 89.995 → 90 → 优秀", () => {
    const parts = {
      members: [member(A)],
      sessions: [1, 2, 3, 4].map((d) => session(day(3, d))),
      // (1 + 1 + 0.8 + 0.8) / 4 = 0.9; 学习 = 70 × 0.9 + 30 × 1 = 93
      attendance: [attendance(A, ["出席", "出席", "迟到", "迟到"])],
      activities: fullOutput(A),
      pledges: [pledge(A)], // 100
      votes: [
        vote(A, {
          peer: { 合格: 5, 基本合格: 1, 不合格: 2 }, // 595 / 8 = 74.375 → 74.38
          mass: { 满意: 1, 比较满意: 2 }, // 270 / 3 = 90
        }),
      ],
    };
    const r = result(run({ excellentCap: null }, parts), A);
    expect(r.components).toEqual({ study: 93, pledge: 100, peer: 74.38, mass: 90 });
    // 27.9 + 30 + 18.595 + 13.5 = 89.995 → 90
    expect(r.total).toBe(90);
    expect(r.suggested).toBe("优秀");
  });
});

describe("bonus (岗位奉献): Σ 加分 in the period, at most +5, no lower bound", () => {
  // Base 80: only 承诺践诺 (考核得分 80) is present; 学习, 互评, 群众 are missing and their
  // weights spread, so the base is 30 × 80 / 30 = 80.
  const base = { members: [member(A)], pledges: [pledge(A, { score: 80 })] };

  test.each<{ name: string; bonuses: { bonus: number; date?: number | null; category?: string }[]; bonus: number; total: number }>([
    { name: "none", bonuses: [], bonus: 0, total: 80 },
    { name: "+3", bonuses: [{ bonus: 3 }], bonus: 3, total: 83 },
    { name: "+5 exactly", bonuses: [{ bonus: 5 }], bonus: 5, total: 85 },
    { name: "+3 +4 = 7 → 5", bonuses: [{ bonus: 3 }, { bonus: 4 }], bonus: 5, total: 85 },
    { name: "+2.5 +2.5 +1 = 6 → 5", bonuses: [{ bonus: 2.5 }, { bonus: 2.5 }, { bonus: 1 }], bonus: 5, total: 85 },
    { name: "−3 (no lower bound)", bonuses: [{ bonus: -3 }], bonus: -3, total: 77 },
    { name: "−12", bonuses: [{ bonus: -12 }], bonus: -12, total: 68 },
    { name: "−2 +4 = 2", bonuses: [{ bonus: -2 }, { bonus: 4 }], bonus: 2, total: 82 },
    { name: "+8 −4 = 4 (the sum is capped, not each row)", bonuses: [{ bonus: 8 }, { bonus: -4 }], bonus: 4, total: 84 },
    { name: "+20 −10 = 10 → 5", bonuses: [{ bonus: 20 }, { bonus: -10 }], bonus: 5, total: 85 },
    { name: "+1.25", bonuses: [{ bonus: 1.25 }], bonus: 1.25, total: 81.25 },
    {
      name: "any category counts",
      bonuses: [{ bonus: 1, category: "竞赛获奖" }, { bonus: 2, category: "读书笔记" }, { bonus: 0.5, category: "志愿服务" }],
      bonus: 3.5,
      total: 83.5,
    },
    {
      name: "outside the year or without a date: not counted",
      bonuses: [{ bonus: 4, date: day(12, 31, 2009) }, { bonus: 4, date: day(1, 1, 2011) }, { bonus: 4, date: null }, { bonus: 1 }],
      bonus: 1,
      total: 81,
    },
  ])("$name → bonus $bonus, total $total", ({ bonuses, bonus, total }) => {
    const acts = bonuses.map((b) =>
      activity(A, b.category ?? "志愿服务", b.date === undefined ? day(5, 4) : b.date, { bonus: b.bonus }),
    );
    const r = result(run({}, { ...base, activities: acts }), A);
    expect(r.bonus).toBe(bonus);
    expect(r.total).toBe(total);
  });

  test("上半年: only bonuses dated 1 January – 30 June count", () => {
    const acts = [activity(A, "志愿服务", day(6, 30), { bonus: 2 }), activity(A, "志愿服务", day(7, 1), { bonus: 2 })];
    const r = result(run({ period: "上半年" }, { ...base, activities: acts }), A);
    expect(r.bonus).toBe(2);
    expect(r.total).toBe(82); // 80 + 2
  });

  test.each([
    { score: 100, bonus: 5, total: 100 }, // 100 + 5 = 105 → capped at 100
    { score: 98, bonus: 5, total: 100 }, // 98 + 5 = 103 → 100
    { score: 96, bonus: 4, total: 100 }, // 96 + 4 = 100
    { score: 95.5, bonus: 4, total: 99.5 }, // 95.5 + 4 = 99.5
    { score: 0, bonus: -3, total: 0 }, // 0 − 3 = −3 → clamped at 0
  ])("total capped to [0, 100]: $score + $bonus → $total", ({ score, bonus, total }) => {
    const parts = {
      members: [member(A)],
      pledges: [pledge(A, { score })],
      activities: [activity(A, "竞赛获奖", day(5, 4), { bonus })],
    };
    expect(result(run({}, parts), A).total).toBe(total);
  });
});

describe("missing components", () => {
  // pledge 80 (考核得分), 互评 90 (1 优秀 + 2 合格: 270 / 3), 群众 100, and no session in the period
  const noStudy = {
    members: [member(A)],
    pledges: [pledge(A, { score: 80 })],
    votes: [vote(A, { peer: { 优秀: 1, 合格: 2 }, mass: { 满意: 4 } })],
  };

  test("no sessions: 学习 is missing and its weight is spread in proportion", () => {
    const r = run({}, noStudy);
    const m = result(r, A);
    expect(m.components).toEqual({ study: null, pledge: 80, peer: 90, mass: 100 });
    // (30 × 80 + 25 × 90 + 15 × 100) / 70 = (2400 + 2250 + 1500) / 70 = 6150 / 70 = 87.857… → 87.86
    expect(m.total).toBe(87.86);
    // Issue 12: a branch with no session while 学习 has weight is a draft — an 错误, not a 提示.
    const hint = r.issues.find((i) => i.code === "component_missing" && i.params.component === "study");
    expect(hint?.level).toBe("错误");
  });

  test("no sessions with missingComponent zero: 学习 scores 0", () => {
    const m = result(run({ missingComponent: "zero" }, noStudy), A);
    expect(m.components).toEqual({ study: 0, pledge: 80, peer: 90, mass: 100 });
    // 0.3 × 0 + 0.3 × 80 + 0.25 × 90 + 0.15 × 100 = 0 + 24 + 22.5 + 15 = 61.5
    expect(m.total).toBe(61.5);
  });

  // 学习 70 (one session 出席, no output), pledge 100
  const withStudy = {
    members: [member(A)],
    sessions: [session(day(3, 1))],
    attendance: [attendance(A, ["出席"])],
    pledges: [pledge(A)],
  };

  test.each<{ name: string; votes: VoteSpec | null; spread: number; zero: number }>([
    // (30 × 70 + 30 × 100) / 60 = 5100 / 60 = 85;  zero: 21 + 30 = 51
    { name: "no vote row", votes: null, spread: 85, zero: 51 },
    // a vote row with every count 0 is no votes
    { name: "a vote row of zeros", votes: {}, spread: 85, zero: 51 },
    // 互评 missing, 群众 70: (2100 + 3000 + 15 × 70) / 75 = 6150 / 75 = 82;  zero: 21 + 30 + 0 + 10.5 = 61.5
    { name: "only 群众 votes", votes: { mass: { 基本满意: 3 } }, spread: 82, zero: 61.5 },
    // 群众 missing, 互评 100: (2100 + 3000 + 25 × 100) / 85 = 7600 / 85 = 89.411… → 89.41;  zero: 21 + 30 + 25 = 76
    { name: "only 互评 votes", votes: { peer: { 优秀: 2 } }, spread: 89.41, zero: 76 },
  ])("$name → spread $spread, zero $zero", ({ votes, spread, zero }) => {
    const parts = { ...withStudy, votes: votes === null ? [] : [vote(A, votes)] };
    expect(result(run({}, parts), A).total).toBe(spread);
    expect(result(run({ missingComponent: "zero" }, parts), A).total).toBe(zero);
  });

  test("a missing vote component is null (spread) and 0 (zero)", () => {
    const parts = { ...withStudy, votes: [vote(A, { peer: { 优秀: 2 } })] };
    expect(result(run({}, parts), A).components.mass).toBeNull();
    expect(result(run({ missingComponent: "zero" }, parts), A).components.mass).toBe(0);
  });
});
