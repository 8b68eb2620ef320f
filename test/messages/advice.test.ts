/**
 * Advice names what exists where she is. The add-in's task pane has “创建模板” (it fills in
 * missing sheets); the browser page has none (its blank template is a separate download, 下载空白模板);
 * the command line has `appraisal init --add-missing`. Every issue's wording, for every host,
 * names no other host's button or command; the advice-giving ones name their own; and each host
 * passes its own kind down to the 问题清单 it writes.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { issue } from "../../src/core/issues";
import { calculateWorkbook } from "../../src/excel/host";
import { type AdviceHost, describe as wording, issueLine } from "../../src/messages/zh-CN";
import { calcFile, initWorkbook, resultJson } from "../../src/node/commands";
import { mergeFiles } from "../../src/node/merge";
import { cellText } from "../../src/workbook/cells";
import { workbookBytes } from "../../src/xlsx/host";
import { demoFake, fakeEnv } from "../support/excel-env";
import { FakeWorkbook } from "../support/fake-excel";
import { gridOf, gridsOf, tempDir } from "../support/files";
import { SAMPLE_ISSUES } from "../support/issue-samples";

/** What names each host's way, and so must not appear in another host's advice. */
const OWN: Readonly<Record<AdviceHost, RegExp>> = {
  excel: /“创建模板”/,
  page: /“下载空白模板”/,
  cli: /appraisal /,
};
const FOREIGN: Readonly<Record<AdviceHost, RegExp>> = {
  excel: /下载空白模板|appraisal/,
  page: /创建模板|appraisal/,
  // The command line has no buttons at all.
  cli: /创建模板|下载空白模板|“打印测评票”|“一键计算”|“检查数据”/,
};
const HOSTS: readonly AdviceHost[] = ["excel", "page", "cli"];

/** The wordings that give such advice: a missing sheet (the roster, another, 评议打分 at 年终) and an unknown setting. */
const ADVISING = [
  issue("sheet_missing", "提示", "学习考勤", "", { sheet: "学习考勤" }),
  issue("sheet_missing", "错误", "党员名册", "", { sheet: "党员名册" }),
  issue("votes_missing", "错误", "评议打分", "", { period: "年终", sheetMissing: true }),
  issue("setting_unknown", "提示", "参数设置", "A9", { label: "奖金" }),
];

describe("every wording, for every host, names only that host's ways", () => {
  test.each(HOSTS.flatMap((host) => SAMPLE_ISSUES.map((i) => [host, i.code, i] as const)))("%s: %s", (host, _code, i) => {
    const w = wording(i, { host, file: "第一支部.xlsx" });
    expect({ code: i.code, host, fix: w.fix, problem: w.problem }).toEqual({ code: i.code, host, fix: expect.not.stringMatching(FOREIGN[host]), problem: expect.not.stringMatching(FOREIGN[host]) });
  });

  test.each(HOSTS.flatMap((host) => ADVISING.map((i) => [host, `${i.code} ${i.sheet}`, i] as const)))("%s: %s names its own way", (host, _what, i) => {
    expect(wording(i, { host }).fix).toMatch(OWN[host]);
  });

  test("the command line's advice is a command to run on her file, quoted when the path has a space", () => {
    const missing = ADVISING[0] ?? SAMPLE_ISSUES[0];
    if (!missing) throw new Error("no sample");
    expect(wording(missing, { host: "cli", file: "第一支部.xlsx" }).fix).toContain("运行 appraisal init --add-missing 第一支部.xlsx 补全");
    expect(issueLine(missing, { host: "cli", file: "我的 文件/第一支部.xlsx" })).toContain('appraisal init --add-missing "我的 文件/第一支部.xlsx" 补全');
    // Without a file, a placeholder that reads as one.
    expect(wording(missing, { host: "cli" }).fix).toContain("appraisal init --add-missing 文件名.xlsx");
  });

  test("the page's advice says which sheet to copy from the blank template", () => {
    const missing = ADVISING[0];
    if (!missing) throw new Error("no sample");
    expect(wording(missing, { host: "page" }).fix).toContain("把其中的“学习考勤”表复制到本工作簿");
  });
});

/** The fix column of the 问题清单 rows about a missing 学习考勤. */
const missingFixes = (rows: readonly (readonly unknown[])[]): string[] =>
  rows.filter((r) => r.some((c) => cellText(c as never) === "sheet_missing")).map((r) => r.map((c) => cellText(c as never)).join(" "));

describe("each host passes its own", () => {
  test("the add-in (on the fake Excel): the 问题清单 it writes says “创建模板”", async () => {
    const demo = demoFake();
    const wb = FakeWorkbook.fromGrids(demo.sheetNames().filter((n) => n !== "学习考勤").map((n) => ({ name: n, rows: demo.grid(n) })));
    const f = fakeEnv(wb);
    await calculateWorkbook(f.env);
    const fixes = missingFixes(f.workbook.grid("问题清单"));
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toMatch(OWN.excel);
    expect(fixes[0]).not.toMatch(FOREIGN.excel);
  });

  test("the command line: its lines, its --json and the 问题清单 it writes name appraisal init --add-missing with her file; merge's 问题清单 names each branch's file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "缺表.xlsx");
    await initWorkbook(file, { demo: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.removeWorksheet((wb.getWorksheet("学习考勤") as ExcelJS.Worksheet).id);
    await fs.writeFile(file, await workbookBytes(wb));

    const out = path.join(dir, "结果.xlsx");
    const c = await calcFile(file, { out });
    const fixes = missingFixes(gridOf(await gridsOf(out), "问题清单"));
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toContain(`appraisal init --add-missing ${file}`);
    expect(fixes[0]).not.toMatch(FOREIGN.cli);
    const json = resultJson(c.run.result, c.run.issues, { host: "cli", file }) as { issues: { code: string; fix: string }[] };
    expect(json.issues.find((i) => i.code === "sheet_missing")?.fix).toContain(`appraisal init --add-missing ${file}`);

    const rollup = path.join(dir, "全所汇总.xlsx");
    await mergeFiles(rollup, [file]);
    const rollupFixes = missingFixes(gridOf(await gridsOf(rollup), "问题清单"));
    expect(rollupFixes).toHaveLength(1);
    expect(rollupFixes[0]).toContain("appraisal init --add-missing 缺表.xlsx");
  });
});
