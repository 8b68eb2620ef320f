import type * as Commands from "../../src/commands/commands";

/**
 * The ribbon's 一键计算 dialog text: a draft is said as a draft, never as 计算完成 (issue 12).
 * The module registers its action on load, so a minimal Office global is in place first.
 */
const associated: string[] = [];
Object.assign(globalThis, {
  Office: {
    onReady: (f: () => void) => {
      f();
      return Promise.resolve();
    },
    actions: { associate: (name: string) => void associated.push(name) },
  },
});

// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the Office global above
const { resultText } = require("../../src/commands/commands") as typeof Commands;

const summary = { scored: 25, perGrade: { 优秀: 7, 合格: 16, 基本合格: 1, 不合格: 1 }, branchNominees: 7, instituteNominees: 2 };

test("the command registers 一键计算 as the manifest's action id", () => {
  expect(associated).toEqual(["calculate"]);
});

test("a final result: 计算完成, no draft wording", () => {
  const t = resultText(summary, 0, "年终");
  expect(t.split("\n")[0]).toBe("计算完成：计分 25 人。");
  expect(t).not.toContain("草稿");
  expect(t).toContain("表彰推荐：支部表彰 7 人，其中所级 2 人。");
});

test("a draft: 已计算（草稿）——有 N 条错误 first, never 计算完成, and how to make it final", () => {
  const t = resultText(summary, 3, "年终");
  expect(t.split("\n")[0]).toBe("已计算（草稿）——有 3 条错误。计分 25 人。");
  expect(t).not.toContain("计算完成");
  expect(t).toContain("请按“问题清单”表改正错误后重新计算");
});
