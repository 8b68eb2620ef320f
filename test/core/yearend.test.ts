/**
 * The year-end figures (年度总结, 推荐表) from hand-made inputs: every expected number is counted
 * by hand in the comment above it, never with the code under test.
 */
import { appraise } from "../../src/core/appraise";
import { deedsDraft, pledgeWords, yearEnd, type YearEnd } from "../../src/core/yearend";
import { type AppraisalInput, type MarkCell, NO_MONTH } from "../../src/core/types";
import { activity, attendance, day, input, member, pledge, session, vote } from "./builders";

function figures(inp: AppraisalInput): YearEnd {
  return yearEnd(inp, appraise(inp));
}

const of = (ye: YearEnd, id: string): YearEnd["members"][number] => {
  const m = ye.members.find((x) => x.result.member.id === id);
  if (!m) throw new Error(`no ${id}`);
  return m;
};

/**
 * Four sessions (two in each half), three 计分 members (A, B 正式; P 预备) and X 不参评.
 *        3/1    5/1    9/1    11/1
 * A      出席   迟到   出席   出席
 * B      请假   缺席   补学   (blank)
 * P      出席   出席   invalid 迟到
 * X      出席   出席   出席   出席     (not counted anywhere)
 */
const SESSIONS = [session(day(3, 1), "集中学习"), session(day(5, 1), "党课"), session(day(9, 1), "2010-09-01"), session(day(11, 1), "专题学习")];
const MARKS: Record<string, MarkCell[]> = {
  A: ["出席", "迟到", "出席", "出席"],
  B: ["请假", "缺席", "补学", "blank"],
  P: ["出席", "出席", "invalid", "迟到"],
  X: ["出席", "出席", "出席", "出席"],
};

function branch(period: "上半年" | "年终"): AppraisalInput {
  return input(
    { period },
    {
      members: [
        member("A", { name: "甲", post: "研究员", joinDate: { value: day(7, 1, 2001), typed: "2001-07-01" }, gender: "女", birth: { value: { year: 1975, month: 3 }, typed: "1975.03" } }),
        member("B", { name: "乙" }),
        member("P", { name: "丙", category: "预备党员" }),
        member("X", { name: "丁", participating: false, exclusionReason: "出国" }),
      ],
      sessions: SESSIONS,
      attendance: Object.entries(MARKS).map(([id, marks]) => attendance(id, marks)),
      pledges: [
        pledge("A", { content: "带头践行三严三保" }),
        pledge("A", { content: "完成光栅调试", type: "岗位承诺" }),
        pledge("B", { completion: "基本完成" }),
        pledge("B", { completion: "未完成", review: "退回修改" }),
        pledge("B", { completion: null }),
        pledge("X", { completion: "完成" }),
      ],
      activities: [
        activity("A", "读书笔记", day(2, 1)),
        activity("A", "建言献策", day(8, 1)),
        activity("A", "竞赛获奖", day(10, 1), { content: "所青年创新竞赛二等奖", level: "所级" }),
        activity("A", "竞赛获奖", day(4, 1), { content: "院技能竞赛三等奖", level: "院级" }),
        activity("A", "志愿服务", day(6, 1)),
        activity("B", "建言献策", day(3, 3)),
        activity("B", "心得体会", null),
        activity("X", "建言献策", day(3, 3)),
      ],
      votes: [
        vote("A", { peer: { 优秀: 8, 合格: 2 }, mass: { 满意: 6, 比较满意: 3, 不满意: 1 } }),
        vote("A", { period: "上半年", peer: { 优秀: 1, 合格: 9 }, mass: { 满意: 1 } }),
        vote("B", { peer: { 合格: 10 }, mass: { 满意: 10 } }),
      ],
    },
  );
}

describe("年终: the whole year", () => {
  const ye = figures(branch("年终"));

  test("each session counts the 计分 members: (出席 + 迟到) ÷ 应到", () => {
    expect(ye.sessions.map((s) => [s.present, s.late, s.leave, s.makeUp, s.absent, s.expected])).toEqual([
      // 3/1: A 出席, B 请假, P 出席
      [2, 0, 1, 0, 0, 3],
      // 5/1: A 迟到, B 缺席, P 出席
      [1, 1, 0, 0, 1, 3],
      // 9/1: A 出席, B 补学, P invalid (→ 缺席/未填)
      [1, 0, 0, 1, 1, 3],
      // 11/1: A 出席, B blank, P 迟到
      [1, 1, 0, 0, 1, 3],
    ]);
    // 2/3, 2/3, 1/3, 2/3
    expect(ye.sessions.map((s) => s.rate)).toEqual([2 / 3, 2 / 3, 1 / 3, 2 / 3]);
    // A header that was only a date has no 学习内容.
    expect(ye.sessions.map((s) => s.title)).toEqual(["集中学习", "党课", "", "专题学习"]);
  });

  test("the branch: counts, 出勤率 over all sessions, pledges of 计分 members only", () => {
    const b = ye.branch;
    expect([b.members, b.scored, b.excluded, b.graded, b.probationary, b.sessions]).toEqual([4, 3, 1, 2, 1, 4]);
    // 应到 3 × 4 = 12; 出席 + 迟到 = 2 + 2 + 1 + 2 = 7
    expect([b.expected, b.attended, b.attendanceRate]).toEqual([12, 7, 7 / 12]);
    // A: 2 完成; B: 基本完成, 未完成 (退回修改), blank; X 不参评 is not counted.
    expect(b.pledges).toEqual({ count: 5, done: 2, mostly: 1, notDone: 1, blank: 1, returned: 1 });
    expect(b.pledgeRate).toBe(2 / 5);
    // A 读书笔记 1, 建言献策 1; B 建言献策 1 (the undated 心得体会 counts nowhere); X not counted.
    expect(b.outputs).toEqual({ 读书笔记: 1, 心得体会: 0, 建言献策: 2 });
    expect(b.suggestionMembers).toBe(2);
    // Two awards, by level order 院级 before 所级.
    expect(b.awards).toBe(2);
    expect(b.awardsByLevel).toEqual([
      { level: "院级", count: 1 },
      { level: "所级", count: 1 },
    ]);
  });

  test("a member's line: pledges, head-count attendance, awards by date, the period's vote row", () => {
    const a = of(ye, "A");
    expect(a.pledges).toEqual({ count: 2, done: 2, mostly: 0, notDone: 0, blank: 0, returned: 0 });
    // 出席 3 + 迟到 1 of 4.
    expect([a.attended, a.sessions, a.attendanceRate]).toEqual([4, 4, 1]);
    expect(a.awards.map((x) => [x.name, x.level])).toEqual([
      ["院技能竞赛三等奖", "院级"],
      ["所青年创新竞赛二等奖", "所级"],
    ]);
    expect(a.otherActivities).toEqual([{ category: "志愿服务", count: 1 }]);
    expect(a.votes?.period).toBe("年终");
    expect(a.votes?.peer.优秀).toBe(8);
    const b = of(ye, "B");
    // B: only 补学 and 请假, never 出席 or 迟到.
    expect([b.attended, b.attendanceRate]).toEqual([0, 0]);
    const x = of(ye, "X");
    expect([x.scored, x.pledges.count, x.attendanceRate, x.votes]).toEqual([false, 0, null, null]);
  });

  test("践诺情况 in words", () => {
    expect(pledgeWords(of(ye, "A"))).toBe("2 项全部完成");
    expect(pledgeWords(of(ye, "B"))).toBe("基本完成 1 项、未完成 1 项、1 项未填完成情况、1 项退回修改");
    expect(pledgeWords(of(ye, "P"))).toBe("未提交承诺");
    expect(pledgeWords(of(ye, "X"))).toBe("");
  });
});

describe("上半年: only January to June", () => {
  const ye = figures(branch("上半年"));

  test("only the first half's sessions, activities and vote rows", () => {
    expect(ye.sessions.map((s) => s.date)).toEqual([day(3, 1), day(5, 1)]);
    // 应到 3 × 2 = 6; 出席 + 迟到 = 2 + 2 = 4
    expect([ye.branch.expected, ye.branch.attended]).toEqual([6, 4]);
    // A's 读书笔记 2/1 counts, the 8/1 建言献策 does not; B's 3/3 建言献策 counts.
    expect(ye.branch.outputs).toEqual({ 读书笔记: 1, 心得体会: 0, 建言献策: 1 });
    // Only the 4/1 award is in the first half.
    expect(of(ye, "A").awards.map((x) => x.name)).toEqual(["院技能竞赛三等奖"]);
    expect(of(ye, "A").votes?.peer.优秀).toBe(1);
    // B has no 上半年 vote row.
    expect(of(ye, "B").votes).toBeNull();
    // Pledges use 完成情况 in both periods.
    expect(ye.branch.pledges.count).toBe(5);
  });

  test("no nominees in the first half", () => {
    expect(ye.nominees).toEqual([]);
    expect([ye.branch.branchNominees, ye.branch.instituteNominees]).toEqual([0, 0]);
  });
});

describe("主要事迹: a draft from the member's own data", () => {
  /**
   * One nominee: N, full attendance, two kept pledges, output, an award, votes; M1 and M2 have
   * nothing but a pledge, so the cap ⌊3 ÷ 3⌋ = 1 leaves room for N alone.
   */
  function nomineeInput(over: Parameters<typeof member>[1] = {}): AppraisalInput {
    return input(
      {},
      { members: [member("M1"), member("M2")], pledges: [pledge("M1"), pledge("M2")] },
      {
        members: [member("N", { name: "赵一", ...over })],
        sessions: [session(day(3, 1)), session(day(4, 1))],
        attendance: [attendance("N", ["出席", "出席"])],
        pledges: [pledge("N", { content: "按时参加组织生活" }), pledge("N", { content: "完成实验室制度修订", type: "岗位承诺" })],
        activities: [
          ...["读书笔记", "读书笔记", "读书笔记", "读书笔记", "心得体会", "心得体会", "建言献策"].map((c) => activity("N", c, day(3, 2))),
          activity("N", "竞赛获奖", day(5, 1), { content: "所学习竞赛一等奖", level: "所级" }),
        ],
        votes: [vote("N", { peer: { 优秀: 9, 合格: 1 }, mass: { 满意: 8, 比较满意: 1, 基本满意: 1 } })],
      },
    );
  }

  test("the nominee is listed with the facts of every point", () => {
    const ye = figures(nomineeInput({ post: "副研究员", joinDate: { value: day(7, 1, 2005), typed: "2005-07-01" } }));
    expect(ye.nominees.map((m) => m.result.member.id)).toEqual(["N"]);
    const text = deedsDraft(ye, ye.nominees[0] as YearEnd["members"][number]);
    expect(text).toContain("赵一同志，现任副研究员，2005年7月入党。");
    expect(text).toContain("作出个人承诺 2 项，全部完成：“按时参加组织生活”（完成）；“完成实验室制度修订”（完成）");
    // 2 sessions, both 出席.
    expect(text).toContain("全年支部组织学习 2 次，本人参加 2 次（出席 2 次），出勤率 100%");
    expect(text).toContain("撰写读书笔记 4 篇、心得体会 2 篇");
    expect(text).toContain("建言献策 1 条");
    expect(text).toContain("获所学习竞赛一等奖（所级）");
    // 优秀 9 of 10 = 90%; 满意 + 比较满意 = 9 of 10 = 90%.
    expect(text).toContain("党员互评获优秀票 9 票（共 10 票，占 90%）");
    expect(text).toContain("群众评议获满意票 8 票、比较满意票 1 票（共 10 票，满意率 90%）");
    expect(text).toContain("在 3 名参评党员中排名第 1，最终等次为优秀");
    expect(text.split("\n").slice(1, 5).map((l) => l.slice(0, 2))).toEqual(["一是", "二是", "三是", "四是"]);
  });

  test("nothing is invented: no post, no 入党时间 → neither is mentioned", () => {
    const ye = figures(nomineeInput({ post: "", joinDate: NO_MONTH }));
    const text = deedsDraft(ye, ye.nominees[0] as YearEnd["members"][number]);
    expect(text.split("\n")[0]).toBe("赵一同志。2010年主要表现如下：");
    expect(text).not.toContain("现任");
    expect(text).not.toContain("入党");
  });
});

test("the figures do not depend on the order of 活动记录 rows", () => {
  const inp = branch("年终");
  const a = figures(inp);
  const b = figures({ ...inp, activities: [...inp.activities].reverse() });
  expect(b.branch).toEqual(a.branch);
  expect(b.members.map((m) => m.awards)).toEqual(a.members.map((m) => m.awards));
  expect(b.members.map((m) => m.otherActivities)).toEqual(a.members.map((m) => m.otherActivities));
});

test("the per-session counts add up to the appraisal's own per-member counts", () => {
  const inp = branch("年终");
  const r = appraise(inp);
  const ye = yearEnd(inp, r);
  const facts = r.members.flatMap((m) => (m.facts ? [m.facts] : []));
  const sum = (f: (x: (typeof facts)[number]) => number): number => facts.reduce((n, x) => n + f(x), 0);
  const sessions = (k: "present" | "late" | "leave" | "makeUp" | "absent"): number => ye.sessions.reduce((n, s) => n + s[k], 0);
  expect([sessions("present"), sessions("late"), sessions("leave"), sessions("makeUp"), sessions("absent")]).toEqual([
    sum((x) => x.present),
    sum((x) => x.late),
    sum((x) => x.leave),
    sum((x) => x.makeUp),
    sum((x) => x.absent),
  ]);
});
