/**
 * Rank, 建议等次, the 优秀 gates, the 优秀 cap, the 支委会 override, 预备党员 and 不参评
 * (domain.md, "Grades" and "Fine print"). Most cases use `withTotal`, a member whose only
 * deviation from full marks is a 扣分 activity, so the total is stated directly.
 */
import type { Settings } from "../../src/core/settings";
import type { FinalGrade, MarkCell, Pledge } from "../../src/core/types";
import {
  attendance,
  day,
  finalsOf,
  fullOutput,
  member,
  type Parts,
  pledge,
  result,
  run,
  session,
  suggestedOf,
  vote,
  withTotal,
} from "./builders";

/** Members A1, A2, … with the given totals. */
function team(totals: readonly number[]): Parts[] {
  return totals.map((t, i) => withTotal(`A${i + 1}`, t));
}

describe("rank: competition ranking by total over all scored members", () => {
  test("95, 90, 90, 80 → 1, 2, 2, 4", () => {
    const r = run({}, ...team([95, 90, 90, 80]));
    expect(r.members.map((m) => m.rank)).toEqual([1, 2, 2, 4]);
  });

  test("预备党员 are ranked, 不参评 are not", () => {
    const r = run(
      {},
      withTotal("A1", 95),
      withTotal("A2", 90),
      withTotal("P1", 92, { category: "预备党员" }),
      withTotal("X1", 99, { participating: false, exclusionReason: "出国" }),
      withTotal("A3", 90),
    );
    // scored totals 95, 92, 90, 90 → 1, 2, 3, 3
    expect(Object.fromEntries(r.members.map((m) => [m.member.id, m.rank]))).toEqual({ A1: 1, P1: 2, A2: 3, A3: 3, X1: null });
  });
});

describe("建议等次 from the total: 优秀 ≥ 90, 合格 ≥ 70, 基本合格 ≥ 60, else 不合格", () => {
  test.each<{ total: number; grade: FinalGrade }>([
    { total: 100, grade: "优秀" },
    { total: 90, grade: "优秀" },
    { total: 89.99, grade: "合格" },
    { total: 70, grade: "合格" },
    { total: 69.99, grade: "基本合格" },
    { total: 60, grade: "基本合格" },
    { total: 59.99, grade: "不合格" },
    { total: 12.5, grade: "不合格" },
  ])("$total → $grade", ({ total, grade }) => {
    const m = result(run({ excellentCap: null }, withTotal("A1", total)), "A1");
    expect(m.total).toBe(total);
    expect(m.suggested).toBe(grade);
    expect(m.final).toBe(grade);
  });
});

describe("gates for 优秀", () => {
  describe("本年受处分", () => {
    test.each<{ total: number; gate: boolean; grade: FinalGrade }>([
      { total: 95, gate: true, grade: "合格" }, // 优秀 → 合格
      { total: 95, gate: false, grade: "优秀" }, // gate switched off
      { total: 80, gate: true, grade: "合格" }, // gates only demote 优秀
      { total: 65, gate: true, grade: "基本合格" }, // not demoted further
    ])("total $total, gate $gate → $grade", ({ total, gate, grade }) => {
      const r = run({ excellentCap: null, gateSanction: gate }, withTotal("A1", total, { sanctioned: true }));
      expect(result(r, "A1").suggested).toBe(grade);
    });

    test("the reason names the sanction", () => {
      const m = result(run({ excellentCap: null }, withTotal("A1", 95, { sanctioned: true })), "A1");
      expect(m.reasons).toContainEqual({ code: "gate_sanction" });
    });
  });

  describe("3 or more unexcused absences (缺席, blank, invalid) in the period", () => {
    /**
     * 10 sessions, 7 出席 + the three marks given; full output, pledge 100, votes 100:
     * total = 0.3 × 学习 + 30 + 25 + 15, 学习 = 70 × attendance + 30.
     */
    function absences(rest: readonly MarkCell[]): Parts {
      const marks: MarkCell[] = ["出席", "出席", "出席", "出席", "出席", "出席", "出席", ...rest];
      return {
        members: [member("A1")],
        sessions: marks.map((_, i) => session(day(3, 1 + i))),
        attendance: [attendance("A1", marks)],
        activities: fullOutput("A1"),
        pledges: [pledge("A1")],
        votes: [vote("A1", { peer: { 优秀: 10 }, mass: { 满意: 10 } })],
      };
    }

    test.each<{ rest: MarkCell[]; total: number; grade: FinalGrade }>([
      // attendance 0.7 → 学习 49 + 30 = 79 → 23.7 + 70 = 93.7; 3 缺席 → 合格
      { rest: ["缺席", "缺席", "缺席"], total: 93.7, grade: "合格" },
      { rest: ["缺席", "缺席", "blank"], total: 93.7, grade: "合格" },
      { rest: ["缺席", "blank", "invalid"], total: 93.7, grade: "合格" },
      { rest: ["blank", "blank", "blank"], total: 93.7, grade: "合格" },
      // attendance 7.5 / 10 = 0.75 → 学习 52.5 + 30 = 82.5 → 24.75 + 70 = 94.75; 2 unexcused → 优秀
      { rest: ["缺席", "缺席", "请假"], total: 94.75, grade: "优秀" },
      // attendance 7.8 / 10 = 0.78 → 学习 54.6 + 30 = 84.6 → 25.38 + 70 = 95.38; 2 unexcused → 优秀
      { rest: ["缺席", "缺席", "迟到"], total: 95.38, grade: "优秀" },
      { rest: ["缺席", "blank", "补学"], total: 95.38, grade: "优秀" },
    ])("7 出席 + $rest → total $total, $grade", ({ rest, total, grade }) => {
      const m = result(run({ excellentCap: null }, absences(rest)), "A1");
      expect(m.total).toBe(total);
      expect(m.suggested).toBe(grade);
    });

    test("4 缺席: 6 出席 → 学习 42 + 30 = 72 → 21.6 + 70 = 91.6, still 合格", () => {
      const parts = absences(["缺席", "缺席", "缺席"]);
      const marks: MarkCell[] = ["出席", "出席", "出席", "出席", "出席", "出席", "缺席", "缺席", "缺席", "缺席"];
      const m = result(run({ excellentCap: null }, { ...parts, attendance: [attendance("A1", marks)] }), "A1");
      expect(m.total).toBe(91.6);
      expect(m.suggested).toBe("合格");
      expect(m.reasons).toContainEqual(expect.objectContaining({ code: "gate_absence", count: 4 }));
    });

    test("the gate can be switched off", () => {
      const m = result(run({ excellentCap: null, gateAbsence: false }, absences(["缺席", "缺席", "缺席"])), "A1");
      expect(m.suggested).toBe("优秀");
    });
  });

  describe("pledges: none, any 退回修改, any 完成情况 not 完成 (考核得分 does not change the gate)", () => {
    /** Votes 100, no sessions: total = (30 × 承诺践诺 + 25 × 100 + 15 × 100) / 70. */
    function withPledges(pledges: Partial<Pledge>[]): Parts {
      return {
        members: [member("A1")],
        pledges: pledges.map((p) => pledge("A1", p)),
        votes: [vote("A1", { peer: { 优秀: 10 }, mass: { 满意: 10 } })],
      };
    }

    test.each<{ name: string; pledges: Partial<Pledge>[]; total: number; on: FinalGrade; off: FinalGrade }>([
      // (30 × 100 + 2500 + 1500) / 70 = 100 in every case below with a pledge score of 100
      { name: "all 完成 and 通过", pledges: [{}, {}], total: 100, on: "优秀", off: "优秀" },
      { name: "one 退回修改 (still scored)", pledges: [{}, { review: "退回修改" }], total: 100, on: "合格", off: "优秀" },
      { name: "基本完成 with 考核得分 100", pledges: [{}, { completion: "基本完成", score: 100 }], total: 100, on: "合格", off: "优秀" },
      { name: "blank 完成情况 with 考核得分 100", pledges: [{ completion: null, score: 100 }], total: 100, on: "合格", off: "优秀" },
      // the 未完成 row has weight 0, so the score is 100 but the gate still fails
      { name: "未完成 with weight 0", pledges: [{}, { completion: "未完成", weight: 0 }], total: 100, on: "合格", off: "优秀" },
      // (60 + 100) / 2 = 80; (30 × 80 + 2500 + 1500) / 70 = 6400 / 70 = 91.428… → 91.43; both 完成 → passes
      { name: "完成 with 考核得分 60", pledges: [{ score: 60 }, {}], total: 91.43, on: "优秀", off: "优秀" },
    ])("$name → total $total, gate on $on, off $off", ({ pledges, total, on, off }) => {
      const m = result(run({ excellentCap: null }, withPledges(pledges)), "A1");
      expect(m.total).toBe(total);
      expect(m.suggested).toBe(on);
      expect(result(run({ excellentCap: null, gatePledge: false }, withPledges(pledges)), "A1").suggested).toBe(off);
    });

    test("no pledge at all fails the gate", () => {
      // 承诺践诺 weight 0 so that the total can reach 90 without a pledge:
      // weights 0 / 0 / 60 / 40, 学习 missing → (60 × 100 + 40 × 100) / 100 = 100
      const weights: Partial<Settings> = { excellentCap: null, weightStudy: 0, weightPledge: 0, weightPeer: 60, weightMass: 40 };
      const parts = { members: [member("A1")], votes: [vote("A1", { peer: { 优秀: 1 }, mass: { 满意: 1 } })] };
      const m = result(run(weights, parts), "A1");
      expect(m.total).toBe(100);
      expect(m.suggested).toBe("合格");
      expect(m.reasons).toContainEqual({ code: "gate_no_pledge" });
      expect(result(run({ ...weights, gatePledge: false }, parts), "A1").suggested).toBe("优秀");
    });
  });

  test("several failing gates give several reasons", () => {
    const parts: Parts = {
      ...withTotal("A1", 100, { sanctioned: true }),
      pledges: [pledge("A1", { review: "退回修改" })],
    };
    const m = result(run({ excellentCap: null }, parts), "A1");
    expect(m.suggested).toBe("合格");
    expect(m.reasons).toContainEqual({ code: "gate_sanction" });
    expect(m.reasons).toContainEqual({ code: "gate_pledge_returned", count: 1 });
  });
});

describe("the 优秀 cap: at most ⌊1/3 × graded⌋, highest totals kept, boundary ties 待定", () => {
  test.each<{ name: string; totals: number[]; finals: FinalGrade[]; ties: string[] }>([
    {
      // ⌊6/3⌋ = 2: 100, 98 stay 优秀; 96, 94 become 合格
      name: "over the cap",
      totals: [100, 98, 96, 94, 80, 70],
      finals: ["优秀", "优秀", "合格", "合格", "合格", "合格"],
      ties: [],
    },
    {
      // place 2 (95) = place 3 (95): both 待定, 92 合格
      name: "tie at the boundary",
      totals: [100, 95, 95, 92, 80, 70],
      finals: ["优秀", "待定", "待定", "合格", "合格", "合格"],
      ties: ["A2", "A3"],
    },
    {
      // three 95s for 2 places: all 待定, none 优秀 (fewer than the cap)
      name: "tie for every place",
      totals: [95, 95, 95, 80, 80, 80],
      finals: ["待定", "待定", "待定", "合格", "合格", "合格"],
      ties: ["A1", "A2", "A3"],
    },
    {
      // the tie sits inside the cap (places 1 and 2), place 3 is 95: it stands
      name: "tie inside the cap",
      totals: [100, 100, 95, 80, 70, 60],
      finals: ["优秀", "优秀", "合格", "合格", "合格", "基本合格"],
      ties: [],
    },
    {
      // the tie sits below the boundary (places 3 and 4): it stands, both 合格
      name: "tie below the boundary",
      totals: [100, 98, 93, 93, 80, 70],
      finals: ["优秀", "优秀", "合格", "合格", "合格", "合格"],
      ties: [],
    },
    {
      // 2 candidates for 2 places, tied: there is no place 3, so no boundary tie
      name: "tie with exactly cap candidates",
      totals: [95, 95, 80, 80, 80, 80],
      finals: ["优秀", "优秀", "合格", "合格", "合格", "合格"],
      ties: [],
    },
    {
      // ⌊9/3⌋ = 3: 99, 98, 97 优秀; 91 合格
      name: "nine members",
      totals: [99, 98, 97, 91, 80, 80, 75, 70, 65],
      finals: ["优秀", "优秀", "优秀", "合格", "合格", "合格", "合格", "合格", "基本合格"],
      ties: [],
    },
    {
      // ⌊2/3⌋ = 0: every candidate becomes 合格, no tie
      name: "cap 0",
      totals: [95, 95],
      finals: ["合格", "合格"],
      ties: [],
    },
    {
      // ⌊1/3⌋ = 0
      name: "a single member",
      totals: [100],
      finals: ["合格"],
      ties: [],
    },
  ])("$name: $totals → $finals", ({ totals, finals, ties }) => {
    const r = run({}, ...team(totals));
    expect(r.members.map((m) => m.final)).toEqual(finals);
    const tieIssues = r.issues.filter((i) => i.code === "tie_at_cap");
    expect(tieIssues.map((i) => i.params.name).sort()).toEqual(ties.map((id) => `党员${id}`).sort());
    for (const i of tieIssues) expect(i.level).toBe("提示");
  });

  test("the highest totals are kept whatever the roster order", () => {
    const r = run({}, ...team([70, 80, 94, 96, 98, 100]));
    // A6 100 and A5 98 are the two 优秀 (cap ⌊6/3⌋ = 2)
    expect(r.members.map((m) => m.final)).toEqual(["合格", "合格", "合格", "合格", "优秀", "优秀"]);
  });

  test("the demoted ones say 超出优秀比例, the tied ones say 并列", () => {
    const r = run({}, ...team([100, 95, 95, 92, 80, 70]));
    expect(result(r, "A4").reasons.map((x) => x.code)).toContain("cap_over");
    expect(result(r, "A2").reasons.map((x) => x.code)).toContain("cap_tie");
    expect(result(r, "A3").reasons.map((x) => x.code)).toContain("cap_tie");
    expect(result(r, "A1").reasons.map((x) => x.code)).not.toContain("cap_over");
    expect(result(r, "A5").reasons.map((x) => x.code)).not.toContain("cap_over"); // 80 was never a candidate
  });

  test("cap 0: each candidate is demoted with 超出优秀比例", () => {
    const r = run({}, ...team([95, 95]));
    for (const m of r.members) expect(m.reasons.map((x) => x.code)).toContain("cap_over");
    expect(r.summary.excellentCap).toBe(0);
  });

  test("excellentCap null (不定比例): no cap", () => {
    const r = run({ excellentCap: null }, ...team([95, 95, 95]));
    expect(r.members.map((m) => m.final)).toEqual(["优秀", "优秀", "优秀"]);
    expect(r.summary.excellentCap).toBeNull();
  });

  test("another ratio: 30% of 10 = 3", () => {
    const r = run({ excellentCap: { num: 30, den: 100 } }, ...team([99, 98, 97, 96, 80, 80, 80, 80, 80, 80]));
    expect(r.members.slice(0, 4).map((m) => m.final)).toEqual(["优秀", "优秀", "优秀", "合格"]);
  });

  test("the graded base counts only 参评 正式党员", () => {
    const r = run(
      {},
      withTotal("A1", 95),
      withTotal("A2", 94),
      withTotal("A3", 80),
      withTotal("P1", 99, { category: "预备党员" }),
      withTotal("P2", 99, { category: "预备党员" }),
      withTotal("P3", 99, { category: "预备党员" }),
      withTotal("X1", 99, { participating: false }),
      withTotal("X2", 99, { participating: false }),
      withTotal("X3", 99, { participating: false }),
    );
    // graded = 3 → cap ⌊3/3⌋ = 1 (with 6 or 9 members it would be 2 or 3)
    expect(r.summary.excellentCap).toBe(1);
    expect(r.summary.graded).toBe(3);
    expect(finalsOf(r)).toEqual({
      A1: "优秀",
      A2: "合格",
      A3: "合格",
      P1: "不评定等次",
      P2: "不评定等次",
      P3: "不评定等次",
      X1: "不参评",
      X2: "不参评",
      X3: "不参评",
    });
  });

  test("优秀比例基数 全体正式党员: the 不参评 正式党员 count in the base, 预备党员 do not", () => {
    const parts = [
      withTotal("A1", 95),
      withTotal("A2", 94),
      withTotal("A3", 80),
      withTotal("P1", 99, { category: "预备党员" as const }),
      withTotal("X1", 99, { participating: false }),
      withTotal("X2", 99, { participating: false }),
      withTotal("X3", 99, { participating: false, category: "预备党员" as const }),
    ];
    // 参评正式党员 A1–A3: 3; 全体正式党员 A1–A3, X1, X2: 5 (at 1/3 both give 1, so 1/2 here).
    expect(run({ excellentCap: { num: 1, den: 2 } }, ...parts).summary.excellentCap).toBe(1); // ⌊3/2⌋
    const all = run({ excellentCap: { num: 1, den: 2 }, excellentCapBase: "all" }, ...parts);
    expect(all.summary.excellentCap).toBe(2); // ⌊5/2⌋
    expect(all.summary.graded).toBe(3); // the graded members themselves do not change
    expect(finalsOf(all)).toMatchObject({ A1: "优秀", A2: "优秀", A3: "合格", X1: "不参评" });
  });

  test("gates run before the cap: a gated member does not take a place", () => {
    const r = run(
      {},
      withTotal("A1", 100, { sanctioned: true }),
      withTotal("A2", 98),
      withTotal("A3", 96),
      withTotal("A4", 80),
      withTotal("A5", 70),
      withTotal("A6", 60),
    );
    // cap 2; A1 is 合格 by the gate, so A2 and A3 are the two 优秀
    expect(suggestedOf(r)).toEqual({ A1: "合格", A2: "优秀", A3: "优秀", A4: "合格", A5: "合格", A6: "基本合格" });
  });
});

describe("the 支委会 override", () => {
  const totals = [100, 98, 96, 94, 80, 70]; // cap 2: A1, A2 优秀; A3, A4 合格

  test("sets 最终等次 and does not re-run the cap (a third 优秀)", () => {
    expect(result(run({}, ...team(totals)), "A3").final).toBe("合格");
    const withOverride = team(totals).map((p, i) =>
      i === 2 ? { ...p, votes: [vote("A3", { peer: { 优秀: 10 }, mass: { 满意: 10 }, override: "优秀", overrideReason: "抗洪抢险表现突出" })] } : p,
    );
    const o = run({}, ...withOverride);
    expect(finalsOf(o)).toEqual({ A1: "优秀", A2: "优秀", A3: "优秀", A4: "合格", A5: "合格", A6: "合格" });
    expect(result(o, "A3").suggested).toBe("合格");
    expect(result(o, "A3").reasons).toContainEqual({ code: "override", grade: "优秀", reason: "抗洪抢险表现突出" });
    expect(o.summary.perGrade.优秀).toBe(3);
  });

  test("overriding a 优秀 down does not promote the next one", () => {
    const parts = team(totals).map((p, i) =>
      i === 0 ? { ...p, votes: [vote("A1", { peer: { 优秀: 10 }, mass: { 满意: 10 }, override: "合格", overrideReason: "群众意见较大" })] } : p,
    );
    const r = run({}, ...parts);
    expect(finalsOf(r)).toEqual({ A1: "合格", A2: "优秀", A3: "合格", A4: "合格", A5: "合格", A6: "合格" });
    expect(result(r, "A1").suggested).toBe("优秀");
  });

  test("resolves 待定 members", () => {
    const over = (id: string, grade: "优秀" | "合格") => ({
      votes: [vote(id, { peer: { 优秀: 10 }, mass: { 满意: 10 }, override: grade, overrideReason: "支委会投票" })],
    });
    const parts = team([100, 95, 95, 92, 80, 70]);
    const r = run({}, ...parts.map((p, i) => (i === 1 ? { ...p, ...over("A2", "优秀") } : i === 2 ? { ...p, ...over("A3", "合格") } : p)));
    expect(suggestedOf(r)).toMatchObject({ A2: "待定", A3: "待定" });
    expect(finalsOf(r)).toMatchObject({ A1: "优秀", A2: "优秀", A3: "合格" });
  });

  test("can set any of the four grades", () => {
    const p = withTotal("A1", 95);
    const parts = { ...p, votes: [vote("A1", { peer: { 优秀: 10 }, mass: { 满意: 10 }, override: "不合格", overrideReason: "严重违纪" })] };
    const m = result(run({ excellentCap: null }, parts), "A1");
    expect(m.suggested).toBe("优秀");
    expect(m.final).toBe("不合格");
  });

  test("on a 预备党员: an override_not_graded 错误 and ignored", () => {
    const p = withTotal("P1", 95, { category: "预备党员" });
    const parts = { ...p, votes: [vote("P1", { peer: { 优秀: 10 }, mass: { 满意: 10 }, override: "优秀", overrideReason: "表现好" })] };
    const r = run({}, parts, withTotal("A1", 80));
    expect(result(r, "P1").final).toBe("不评定等次");
    const errors = r.issues.filter((i) => i.code === "override_not_graded");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.level).toBe("错误");
  });

  test("on a 不参评 member: an override_not_graded 错误 and ignored", () => {
    const parts = {
      members: [member("X1", { participating: false, exclusionReason: "出国" })],
      votes: [vote("X1", { override: "优秀", overrideReason: "表现好" })],
    };
    const r = run({}, parts, withTotal("A1", 80));
    expect(result(r, "X1").final).toBe("不参评");
    expect(r.issues.filter((i) => i.code === "override_not_graded")).toHaveLength(1);
  });

  test("counts only from the current period's row", () => {
    const p = withTotal("A1", 80);
    const parts = {
      ...p,
      votes: [
        ...(p.votes ?? []),
        vote("A1", { period: "上半年", peer: { 不合格: 3 }, override: "优秀", overrideReason: "上半年表现突出" }),
      ],
    };
    const m = result(run({ excellentCap: null }, parts), "A1");
    expect(m.final).toBe("合格"); // 年终: the 上半年 override does not count
    expect(m.components.peer).toBe(100); // and neither do its votes
  });
});

describe("预备党员 and 不参评", () => {
  test("预备党员: scored and ranked; 建议等次 and 最终等次 不评定等次", () => {
    const r = run({}, withTotal("P1", 99, { category: "预备党员" }), withTotal("A1", 95), withTotal("A2", 85), withTotal("A3", 75));
    const p = result(r, "P1");
    expect(p.scored).toBe(true);
    expect(p.graded).toBe(false);
    expect(p.total).toBe(99);
    expect(p.rank).toBe(1);
    expect(p.suggested).toBe("不评定等次");
    expect(p.final).toBe("不评定等次");
    expect(p.reasons).toContainEqual({ code: "probationary" });
    // graded 3 → cap 1: A1 is 优秀 (P1 does not use the place)
    expect(result(r, "A1").final).toBe("优秀");
    expect(r.summary.probationary).toBe(1);
  });

  test("不参评: no scores, no rank, 不参评, the reason in 说明", () => {
    const r = run(
      {},
      withTotal("X1", 99, { participating: false, exclusionReason: "长期病休" }),
      withTotal("A1", 95),
      { members: [member("X2", { participating: false, exclusionReason: "出国学习" })] },
    );
    const x = result(r, "X1");
    expect(x.scored).toBe(false);
    expect(x.graded).toBe(false);
    expect(x.components).toEqual({ study: null, pledge: null, peer: null, mass: null });
    expect(x.bonus).toBeNull();
    expect(x.total).toBeNull();
    expect(x.rank).toBeNull();
    expect(x.suggested).toBe("不参评");
    expect(x.final).toBe("不参评");
    expect(x.reasons).toEqual([{ code: "excluded", reason: "长期病休" }]);
    expect(result(r, "A1").rank).toBe(1);
    // counted nowhere: no pledge_none for X2, not in the graded base
    expect(r.issues.filter((i) => i.code === "pledge_none")).toHaveLength(0);
    expect(r.summary).toMatchObject({ members: 3, scored: 1, graded: 1, excluded: 2 });
  });
});
