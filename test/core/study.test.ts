/**
 * 学习 = 70% attendance + 30% study output (domain.md, "Default scoring model" and "Fine print").
 */
import type { MarkCell } from "../../src/core/types";
import { activities, activity, attendance, day, member, pledge, result, run, session } from "./builders";

const A = "A1";

/** One member A1 with the given marks on sessions dated 1 Mar, 2 Mar, … of 2010. */
function withMarks(marks: readonly MarkCell[]) {
  return {
    members: [member(A)],
    pledges: [pledge(A)],
    sessions: marks.map((_, i) => session(day(3, 1 + i))),
    attendance: [attendance(A, marks)],
  };
}

describe("attendance mark values (no study output, so 学习 = 70 × attendance)", () => {
  test.each<{ mark: MarkCell; rate: number; study: number }>([
    { mark: "出席", rate: 1, study: 70 }, // 0.7 × 1 × 100 + 0.3 × 0 = 70
    { mark: "迟到", rate: 0.8, study: 56 }, // 0.7 × 0.8 × 100 = 56
    { mark: "补学", rate: 0.8, study: 56 }, // 0.7 × 0.8 × 100 = 56
    { mark: "请假", rate: 0.5, study: 35 }, // 0.7 × 0.5 × 100 = 35
    { mark: "缺席", rate: 0, study: 0 }, // 0.7 × 0 = 0
    { mark: "blank", rate: 0, study: 0 }, // blank counts as 缺席
    { mark: "invalid", rate: 0, study: 0 }, // an unknown mark (√, 病假) counts as 缺席
  ])("$mark → attendance $rate, 学习 $study", ({ mark, rate, study }) => {
    const r = result(run({}, withMarks([mark])), A);
    expect(r.facts?.attendanceRate).toBeCloseTo(rate, 10);
    expect(r.components.study).toBe(study);
  });

  test.each<{ marks: MarkCell[]; study: number }>([
    // (1 + 0.8 + 0.5 + 0) / 4 = 0.575; 70 × 0.575 = 40.25
    { marks: ["出席", "迟到", "请假", "缺席"], study: 40.25 },
    // (1 + 0.8 + 0 + 0) / 4 = 0.45; 70 × 0.45 = 31.5
    { marks: ["出席", "补学", "blank", "invalid"], study: 31.5 },
    // (7 × 1 + 0.5) / 8 = 0.9375; 70 × 0.9375 = 65.625 → 65.63 (half-up)
    { marks: ["出席", "出席", "出席", "出席", "出席", "出席", "出席", "请假"], study: 65.63 },
    // (1 + 1 + 0.5) / 3 = 0.8333…; 70 × 0.8333… = 58.333… → 58.33
    { marks: ["出席", "出席", "请假"], study: 58.33 },
  ])("attendance is the mean mark value: $marks → 学习 $study", ({ marks, study }) => {
    expect(result(run({}, withMarks(marks)), A).components.study).toBe(study);
  });

  test("blank and invalid marks are counted as 缺席 and as unexcused", () => {
    const f = result(run({}, withMarks(["缺席", "blank", "invalid", "请假", "出席"])), A).facts;
    expect(f?.absent).toBe(3); // 缺席 + blank + invalid
    expect(f?.unexcused).toBe(3);
    expect(f?.leave).toBe(1);
    expect(f?.present).toBe(1);
  });

  test("a member missing from 学习考勤 has every session blank", () => {
    const r = result(
      run({}, { members: [member(A)], pledges: [pledge(A)], sessions: [session(day(3, 1)), session(day(4, 1))] }),
      A,
    );
    expect(r.components.study).toBe(0); // (0 + 0) / 2 = 0 → 0.7 × 0 + 0.3 × 0 = 0
    expect(r.facts?.unexcused).toBe(2);
  });
});

describe("study output: mean of min(1, count ÷ quota) over 读书笔记, 心得体会, 建言献策", () => {
  /** One session, 出席 (attendance 1), so 学习 = 70 + 30 × output. */
  function withOutput(notes: number, essays: number, ideas: number, date = day(3, 1)) {
    return {
      ...withMarks(["出席"]),
      activities: [
        ...activities(A, "读书笔记", notes, date),
        ...activities(A, "心得体会", essays, date),
        ...activities(A, "建言献策", ideas, date),
      ],
    };
  }

  test.each([
    // 年终 quotas 4 / 2 / 1
    { notes: 0, essays: 0, ideas: 0, study: 70 }, // output 0 → 70
    { notes: 2, essays: 0, ideas: 0, study: 75 }, // (2/4 + 0 + 0) / 3 = 1/6; 70 + 30/6 = 75
    { notes: 3, essays: 0, ideas: 0, study: 77.5 }, // (3/4) / 3 = 0.25; 70 + 7.5 = 77.5
    { notes: 0, essays: 1, ideas: 0, study: 75 }, // (1/2) / 3 = 1/6; 70 + 5 = 75
    { notes: 0, essays: 0, ideas: 5, study: 80 }, // min(1, 5/1) / 3 = 1/3; 70 + 10 = 80
    { notes: 1, essays: 1, ideas: 1, study: 87.5 }, // (0.25 + 0.5 + 1) / 3 = 1.75/3; 70 + 17.5 = 87.5
    { notes: 8, essays: 1, ideas: 0, study: 85 }, // (min(1, 2) + 0.5 + 0) / 3 = 0.5; 70 + 15 = 85
    { notes: 4, essays: 2, ideas: 1, study: 100 }, // (1 + 1 + 1) / 3 = 1; 70 + 30 = 100
    { notes: 9, essays: 9, ideas: 9, study: 100 }, // each capped at 1 → 100
  ])("年终: $notes 笔记, $essays 心得, $ideas 建言 → 学习 $study", ({ notes, essays, ideas, study }) => {
    expect(result(run({}, withOutput(notes, essays, ideas)), A).components.study).toBe(study);
  });

  test.each([
    // 上半年 quotas 2 / 1 / 1
    { notes: 1, essays: 0, ideas: 0, study: 75 }, // (1/2) / 3 = 1/6; 70 + 5 = 75
    { notes: 2, essays: 0, ideas: 0, study: 80 }, // (2/2) / 3 = 1/3; 70 + 10 = 80
    { notes: 1, essays: 1, ideas: 0, study: 85 }, // (0.5 + 1 + 0) / 3 = 0.5; 70 + 15 = 85
    { notes: 2, essays: 1, ideas: 1, study: 100 }, // (1 + 1 + 1) / 3 = 1 → 100
    { notes: 4, essays: 2, ideas: 1, study: 100 }, // capped at 1 each → 100
  ])("上半年: $notes 笔记, $essays 心得, $ideas 建言 → 学习 $study", ({ notes, essays, ideas, study }) => {
    expect(result(run({ period: "上半年" }, withOutput(notes, essays, ideas)), A).components.study).toBe(study);
  });

  test("only the exact 类别 names count toward output", () => {
    const others = ["读书心得", "心得", "笔记", "建议", "建言", "竞赛获奖", "志愿服务", "读书笔记（摘抄）"];
    const parts = { ...withMarks(["出席"]), activities: others.map((c) => activity(A, c, day(3, 1))) };
    const r = result(run({}, parts), A);
    expect(r.components.study).toBe(70); // output 0 → 70 × 1 + 30 × 0
    expect(r.facts?.outputCounts).toEqual({ 读书笔记: 0, 心得体会: 0, 建言献策: 0 });
  });

  test("年终: activities outside the year or without a date do not count", () => {
    const parts = {
      ...withMarks(["出席"]),
      activities: [
        ...activities(A, "读书笔记", 4, day(12, 31, 2009)),
        ...activities(A, "读书笔记", 4, day(1, 1, 2011)),
        activity(A, "心得体会", null),
        activity(A, "心得体会", null),
        activity(A, "建言献策", null),
        // these two count: first and last day of the year → 2 notes
        activity(A, "读书笔记", day(1, 1)),
        activity(A, "读书笔记", day(12, 31)),
      ],
    };
    // (2/4 + 0 + 0) / 3 = 1/6; 70 + 5 = 75
    expect(result(run({}, parts), A).components.study).toBe(75);
  });

  test("上半年: only activities dated 1 January – 30 June count", () => {
    const parts = {
      ...withMarks(["出席"]),
      activities: [
        activity(A, "读书笔记", day(6, 30)), // counts
        ...activities(A, "读书笔记", 5, day(7, 1)), // second half: no
        ...activities(A, "心得体会", 3, day(12, 31, 2009)), // last year: no
        activity(A, "建言献策", null), // no date: no
      ],
    };
    // (min(1, 1/2) + 0 + 0) / 3 = 1/6; 70 + 5 = 75
    expect(result(run({ period: "上半年" }, parts), A).components.study).toBe(75);
  });
});

describe("学习 = 70% attendance + 30% output, kept unrounded until the component", () => {
  test.each<{ marks: MarkCell[]; notes: number; essays: number; ideas: number; study: number }>([
    // attendance (1 + 0.8) / 2 = 0.9; output (2/4 + 2/2 + 1/1) / 3 = 2.5/3
    // 100 × (0.7 × 0.9 + 0.3 × 2.5/3) = 63 + 25 = 88
    { marks: ["出席", "迟到"], notes: 2, essays: 2, ideas: 1, study: 88 },
    // attendance 0.5; output (1/4 + 0 + 0) / 3 = 1/12
    // 100 × (0.7 × 0.5 + 0.3/12) = 35 + 2.5 = 37.5
    { marks: ["请假"], notes: 1, essays: 0, ideas: 0, study: 37.5 },
    // attendance (1 + 1 + 0.5) / 3 = 5/6; output (1/4) / 3 = 1/12
    // 100 × (0.7 × 5/6 + 0.3/12) = 58.333… + 2.5 = 60.8333… → 60.83
    { marks: ["出席", "出席", "请假"], notes: 1, essays: 0, ideas: 0, study: 60.83 },
    // attendance (1 + 0.8 + 0.5) / 3 = 2.3/3; output (0 + 1/2 + 0) / 3 = 1/6
    // 100 × (0.7 × 2.3/3 + 0.3/6) = 53.666… + 5 = 58.666… → 58.67
    { marks: ["出席", "迟到", "请假"], notes: 0, essays: 1, ideas: 0, study: 58.67 },
  ])("$marks, $notes/$essays/$ideas → 学习 $study", ({ marks, notes, essays, ideas, study }) => {
    const parts = {
      ...withMarks(marks),
      activities: [
        ...activities(A, "读书笔记", notes),
        ...activities(A, "心得体会", essays),
        ...activities(A, "建言献策", ideas),
      ],
    };
    expect(result(run({}, parts), A).components.study).toBe(study);
  });

  test("sessions outside the 考评年度 are not part of 年终", () => {
    const parts = {
      members: [member(A)],
      sessions: [session(day(12, 31, 2009)), session(day(3, 1)), session(day(1, 1, 2011))],
      attendance: [attendance(A, ["缺席", "出席", "缺席"])],
    };
    const r = result(run({}, parts), A);
    expect(r.facts?.sessions).toBe(1);
    expect(r.components.study).toBe(70); // only 3/1 出席: 70 × 1 + 30 × 0
  });
});
