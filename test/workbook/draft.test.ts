/**
 * Draft or final (issue 12): a result is final only when no 错误 is left; an 错误 in a row of
 * the other 考评期 is a 提示 that says so; essential data the whole branch lacks is an 错误.
 * Through the engine, so the same rule holds for every host (they all run it via session.ts).
 */
import type { Issue } from "../../src/core/issues";
import { describe as word } from "../../src/messages/zh-CN";
import { runEngine } from "../../src/workbook/engine";
import { expectIssue, expectIssues, expectNoIssue, removeSheet, set, settingsSheet, toSheets, validWorkbook, type Workbook, YEAR } from "./grid";

function run(wb: Workbook, period?: "上半年" | "年终") {
  return runEngine(toSheets(wb), { fallbackYear: YEAR, ...(period ? { period } : {}) });
}

const errors = (issues: readonly Issue[]): string[] => issues.filter((i) => i.level === "错误").map((i) => `${i.sheet}!${i.cell} ${i.code}`);

describe("draft or final", () => {
  test("the valid workbook is final: no 错误, verdict final", () => {
    const r = run(validWorkbook());
    expect(errors(r.issues)).toEqual([]);
    expect(r.verdict).toEqual({ final: true, errors: 0 });
  });

  test("one 错误 of this period makes a draft that counts it", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!C2", "√");
    const r = run(wb);
    expect(errors(r.issues)).toEqual(["学习考勤!C2 mark_invalid"]);
    expect(r.verdict).toEqual({ final: false, errors: 1 });
    // Still computed: an error blocks only what it touches.
    expect(r.result.members.find((m) => m.member.id === "001")?.total).not.toBeNull();
  });
});

describe("an 错误 in a row of the other period does not block this period", () => {
  function withFirstHalfOverride(): Workbook {
    const wb = validWorkbook();
    // A 上半年 row of 张三 with a 支委会评定 and no 调整理由, computed at 年终.
    wb["评议打分"]?.push(["上半年", "001", "张三", "优秀", 10, 2, 0, 0, 8, 2, 0, 0, "合格", null]);
    return wb;
  }

  test("年终: the 上半年 row's override without reason is a 提示 marked outside, the result final", () => {
    const r = run(withFirstHalfOverride());
    const i = expectIssue(r.issues, "评议打分!M5", "override_without_reason", "提示");
    expect(i.outside).toBe("上半年");
    expect(word(i).problem).toContain("只计入上半年，不影响本期的计算结果");
    expect(r.verdict.final).toBe(true);
  });

  test("上半年: the same row is this period's, so it is an 错误 and the result a draft", () => {
    const r = run(withFirstHalfOverride(), "上半年");
    const i = expectIssue(r.issues, "评议打分!M5", "override_without_reason", "错误");
    expect(i.outside).toBeUndefined();
    expect(r.verdict.final).toBe(false);
  });

  test("年终 rows with errors stay 错误 when 上半年 is computed the other way round", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!E2", "十");
    // Computing 上半年: row 2 is a 年终 row, so its not_a_number is outside the period.
    const half = run(wb, "上半年");
    const i = expectIssue(half.issues, "评议打分!E2", "not_a_number", "提示");
    expect(i.outside).toBe("年终");
    // Computing 年终, the same cell is an 错误.
    expectIssue(run(wb).issues, "评议打分!E2", "not_a_number", "错误");
  });

  test("an unknown 编号 in a row of the other period is a 提示 too", () => {
    const wb = validWorkbook();
    wb["评议打分"]?.push(["上半年", "099", "赵六", null, 1, 0, 0, 0, 0, 0, 0, 0, null, null]);
    const r = run(wb);
    expect(expectIssue(r.issues, "评议打分!B5", "unknown_member", "提示").outside).toBe("上半年");
    expect(r.verdict.final).toBe(true);
  });
});

describe("上半年: sessions and activities dated after June count only at 年终", () => {
  test("an invalid mark in the September session is a 提示 marked 年终; the same mark in March is an 错误", () => {
    const wb = validWorkbook();
    set(wb, "学习考勤!D2", "√"); // 2010-09-20 党课
    const half = run(wb, "上半年");
    const i = expectIssue(half.issues, "学习考勤!D2", "mark_invalid", "提示");
    expect(i.outside).toBe("年终");
    expect(word(i).problem).toContain("只计入年终，不影响本期的计算结果");
    expect(half.verdict.final).toBe(true);
    // At 年终 the September session counts: the same cell is an 错误 and the result a draft.
    expectIssue(run(wb).issues, "学习考勤!D2", "mark_invalid", "错误");

    const march = validWorkbook();
    set(march, "学习考勤!C2", "√"); // 2010-03-15 集中学习
    expectIssue(run(march, "上半年").issues, "学习考勤!C2", "mark_invalid", "错误");
  });

  test("an activity row dated in October with an invalid 加分 is a 提示 at 上半年, an 错误 at 年终", () => {
    const wb = validWorkbook();
    set(wb, "活动记录!G3", "两分"); // 李四, 2010-10-08
    const half = run(wb, "上半年");
    expect(expectIssue(half.issues, "活动记录!G3", "not_a_number", "提示").outside).toBe("年终");
    expect(half.verdict.final).toBe(true);
    expectIssue(run(wb).issues, "活动记录!G3", "not_a_number", "错误");
  });

  test("an October activity row of an unknown 编号 is a 提示 at 上半年; an April one stays an 错误", () => {
    const wb = validWorkbook();
    wb["活动记录"]?.push(["099", "赵六", "2010-10-09", "读书笔记", "读书", "支部", 0]);
    wb["活动记录"]?.push(["098", "钱七", "2010-04-09", "读书笔记", "读书", "支部", 0]);
    const half = run(wb, "上半年");
    expect(expectIssue(half.issues, "活动记录!A4", "unknown_member", "提示").outside).toBe("年终");
    expectIssue(half.issues, "活动记录!A5", "unknown_member", "错误");
  });
});

describe("essential data missing is an 错误", () => {
  test("年终 without a 评议打分 sheet: one votes_missing 错误 naming the sheet, no separate sheet_missing", () => {
    const wb = validWorkbook();
    removeSheet(wb, "评议打分");
    const r = run(wb);
    const i = expectIssue(r.issues, "评议打分", "votes_missing", "错误");
    expect(i.params).toEqual({ period: "年终", sheetMissing: true });
    expectNoIssue(r.issues, "sheet_missing");
    expectNoIssue(r.issues, "component_missing", "评议打分");
    expect(word(i).fix).toContain("创建模板");
    expect(r.verdict.final).toBe(false);
  });

  test("年终 with a 评议打分 sheet but no vote of the period: votes_missing, sheet present", () => {
    const wb = validWorkbook();
    for (const row of wb["评议打分"]?.slice(1) ?? []) row[0] = "上半年";
    const r = run(wb);
    expect(expectIssue(r.issues, "评议打分", "votes_missing", "错误").params).toEqual({ period: "年终", sheetMissing: false });
    expect(r.verdict).toEqual({ final: false, errors: 1 });
  });

  test("上半年 without votes stays a 提示 per component (the half-year vote is optional)", () => {
    const wb = validWorkbook();
    removeSheet(wb, "评议打分");
    const r = run(wb, "上半年");
    expectNoIssue(r.issues, "votes_missing");
    expectIssue(r.issues, "评议打分", "component_missing", "提示");
    expect(errors(r.issues)).toEqual([]);
  });

  test("votes of only one kind are enough: no 错误 when 群众 votes are missing", () => {
    const wb = validWorkbook();
    for (const row of wb["评议打分"]?.slice(1) ?? []) for (let c = 8; c <= 11; c++) row[c] = null;
    const r = run(wb);
    expectNoIssue(r.issues, "votes_missing");
    expect(expectIssue(r.issues, "评议打分", "component_missing", "提示").params.component).toBe("mass");
  });

  test("no session in the period while 学习 has weight is an 错误; with 学习权重 0 a 提示", () => {
    const wb = validWorkbook();
    wb["学习考勤"] = [["编号", "姓名"], ["001", "张三"], ["002", "李四"], ["003", "王五"]];
    const r = run(wb);
    const i = expectIssue(r.issues, "学习考勤", "component_missing", "错误");
    expect(i.params).toEqual({ component: "study", who: null, period: "年终" });
    expect(word(i).fix).toContain("学习权重");

    const zero = validWorkbook();
    zero["学习考勤"] = wb["学习考勤"];
    zero["参数设置"] = settingsSheet(["考评年度", YEAR], ["学习权重", 0], ["承诺践诺权重", 40], ["党员互评权重", 40], ["群众评议权重", 20]);
    const z = run(zero);
    expectIssue(z.issues, "学习考勤", "component_missing", "提示");
  });

  test("a roster without a member is an 错误", () => {
    const wb = validWorkbook();
    wb["党员名册"] = [wb["党员名册"]?.[0] ?? []];
    const r = run(wb);
    expectIssues(
      r.issues.filter((i) => i.code === "roster_empty"),
      [["党员名册!A2", "roster_empty", "错误"]],
    );
    expect(r.verdict.final).toBe(false);
  });
});
