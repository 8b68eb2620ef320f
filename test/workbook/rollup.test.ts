/**
 * The institute roll-up on engine runs, no files (issue 12: "merge keeps every branch it can
 * read"). A branch with 错误 is merged as a draft and marked in every sheet; --strict leaves it
 * out with its reason; the titles and page header say 草稿 only when a merged branch is a
 * draft; an 错误 in a row of the other 考评期 is a 提示 and does not make a draft.
 * Expected values come from each branch's own engine run, never from the roll-up code.
 */
import type { CellValue } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { type EngineRun, runEngine } from "../../src/workbook/engine";
import { OUTPUT_MARK } from "../../src/workbook/layout";
import { footerOf } from "../../src/workbook/sheetdoc";
import { type BranchFile, buildRollup, isRollupSummaryGrid, ROLLUP_SUMMARY_SHEET, type Rollup } from "../../src/workbook/rollup";
import type { TableSheet } from "../../src/workbook/output";
import { type HostPort, rollupSession, type WriteRequest } from "../../src/workbook/session";
import { expectIssue, set, toSheets, type Workbook } from "./grid";

const YEAR = 2026;

/** The demo branch as a workbook of grids, named `branch`, 编号 and 姓名 prefixed so that no two branches share one. */
function demo(branch: string, prefix: string): Workbook {
  const wb: Workbook = {};
  for (const s of demoBranch(YEAR).sheets) {
    const header = s.columns.map((c) => c.header);
    const id = header.indexOf("编号");
    const name = header.indexOf("姓名");
    wb[s.name] = [
      header,
      ...s.rows.map((r) => {
        const row: CellValue[] = [...r];
        if (s.name === "参数设置" && row[0] === "支部名称") row[1] = branch;
        const idValue = row[id];
        const nameValue = row[name];
        if (typeof idValue === "string") row[id] = `${prefix}${idValue}`;
        if (typeof nameValue === "string") row[name] = `${prefix}${nameValue}`;
        return row;
      }),
    ];
  }
  return wb;
}

function run(wb: Workbook, period?: "上半年" | "年终"): EngineRun {
  return runEngine(toSheets(wb), { fallbackYear: YEAR, ...(period ? { period } : {}) });
}

const file = (name: string, r: EngineRun): BranchFile => ({ file: name, run: { refused: r.refused, result: r.result, issues: r.issues, verdict: r.verdict } });
const notABranch: BranchFile = { file: "通知.xlsx", unreadable: { code: "not_a_branch", sheets: ["Sheet1"] } };

function sheet(r: Rollup, name: string): TableSheet {
  const s = r.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

type Plain = string | number | boolean | null;

/** Rows as objects keyed by header; the roll-up writes no dates or error values. */
function records(s: TableSheet): Record<string, Plain>[] {
  const plain = (v: CellValue | undefined): Plain => {
    if (v === undefined || v === null) return null;
    if (typeof v === "object") throw new Error(`unexpected cell ${JSON.stringify(v)} in ${s.name}`);
    return v;
  };
  return s.rows.map((row) => Object.fromEntries(s.columns.map((c, i) => [c.header, plain(row[i])])));
}

/** The roll-up's sheets as the session writes them, through a host that only records the write. */
async function written(r: Rollup): Promise<WriteRequest> {
  const writes: WriteRequest[] = [];
  const port: HostPort = {
    sheetNames: () => Promise.resolve([]),
    extents: () => Promise.resolve([]),
    read: () => Promise.resolve({ grids: [], firstCells: [], footers: [] }),
    write: (req) => {
      writes.push(req);
      return Promise.resolve();
    },
  };
  await rollupSession(port, r);
  expect(writes).toHaveLength(1);
  return writes[0] as WriteRequest;
}

const scored = (r: EngineRun): number => r.result.members.filter((m) => m.rank !== null && m.total !== null).length;
const institute = (r: EngineRun): string[] => r.result.nominations.filter((n) => n.category === "所级推荐").map((n) => n.memberId);

// 第一党支部: final. 第二党支部: two invalid marks in 学习考勤 (D2, D3 of this year's sessions): a draft.
const one = run(demo("第一党支部", "A"));
const twoBook = demo("第二党支部", "B");
set(twoBook, "学习考勤!D2", "病假");
set(twoBook, "学习考勤!D3", "病假");
const two = run(twoBook);
const DRAFT_LINE = "草稿：1 个支部的数据有 2 条错误未改正，汇总结果不可作为最终结果";

describe("the fixture is what the tests say it is", () => {
  test("第一党支部 is final, 第二党支部 a draft with 2 错误; both have 所级推荐", () => {
    expect(one.verdict).toEqual({ final: true, errors: 0 });
    expect(two.verdict).toEqual({ final: false, errors: 2 });
    expectIssue(two.issues, "学习考勤!D2", "mark_invalid", "错误");
    expectIssue(two.issues, "学习考勤!D3", "mark_invalid", "错误");
    expect(institute(one).length).toBeGreaterThan(0);
    expect(institute(two).length).toBeGreaterThan(0);
  });
});

describe("a branch with 错误 is merged as a draft, marked in every sheet", () => {
  const r = buildRollup([notABranch, file("二支部.xlsx", two), file("一支部.xlsx", one)]);

  test("merged, drafts and left out", () => {
    expect(r.merged.map((b) => b.name)).toEqual(["第一党支部", "第二党支部"]);
    expect(r.drafts.map((b) => b.name)).toEqual(["第二党支部"]);
    expect(r.merged.map((b) => b.draft)).toEqual([false, true]);
    expect(r.skipped.map((b) => b.file)).toEqual(["通知.xlsx"]);
    expect(r.final).toBe(false);
  });

  test("支部汇总: the draft's status is 草稿 with its count of 错误, its numbers are counted; 合计 says how many drafts", () => {
    const rows = records(sheet(r, "支部汇总"));
    expect(rows.map((x) => [x.支部名称, x.状态])).toEqual([
      ["第一党支部", "已汇总"],
      ["第二党支部", "已汇总（草稿：2 条错误）"],
      ["通知", "未汇总：不是支部考评工作簿：找不到“党员名册”表（工作表：Sheet1）"],
      ["合计", "已汇总 2 个，其中草稿 1 个，未汇总 1 个"],
    ]);
    const draft = rows[1] as Record<string, Plain>;
    expect(draft).toMatchObject({ 错误: 2, 党员数: two.result.summary.members, 参评: two.result.summary.scored, 所级推荐: institute(two).length });
    expect(rows[3]?.党员数).toBe(one.result.summary.members + two.result.summary.members);
    expect(rows[3]?.所级推荐).toBe(institute(one).length + institute(two).length);
  });

  test("党员总表: every scored member of both branches; 结果 草稿 for the draft's, 最终 for the other's", () => {
    const rows = records(sheet(r, "党员总表"));
    expect(sheet(r, "党员总表").columns.slice(0, 3).map((c) => c.header)).toEqual(["支部", "结果", "编号"]);
    const of = (branch: string): Record<string, Plain>[] => rows.filter((x) => x.支部 === branch);
    expect(of("第一党支部")).toHaveLength(scored(one));
    expect(of("第二党支部")).toHaveLength(scored(two));
    expect(rows).toHaveLength(scored(one) + scored(two));
    expect(new Set(of("第一党支部").map((x) => x.结果))).toEqual(new Set(["最终"]));
    expect(new Set(of("第二党支部").map((x) => x.结果))).toEqual(new Set(["草稿"]));
    // The draft's numbers are the engine's: 综合得分 of its first-ranked member.
    const top = two.result.members.find((m) => m.rank === 1);
    expect(of("第二党支部")[0]).toMatchObject({ 编号: top?.member.id, 综合得分: top?.total ?? null, 支部内排名: 1 });
  });

  test("所级推荐: the draft's nominees are ranked with the others and marked 待核实", () => {
    const rows = records(sheet(r, "所级推荐"));
    expect(sheet(r, "所级推荐").columns.slice(0, 4).map((c) => c.header)).toEqual(["名次", "支部", "结果", "编号"]);
    expect(rows.filter((x) => x.支部 === "第二党支部").map((x) => x.编号).sort()).toEqual([...institute(two)].sort());
    expect(rows.filter((x) => x.支部 === "第一党支部").map((x) => x.编号).sort()).toEqual([...institute(one)].sort());
    for (const x of rows) expect(x.结果).toBe(x.支部 === "第二党支部" ? "待核实" : "最终");
    expect(sheet(r, "所级推荐").title).toContain(`其中 ${institute(two).length} 人来自草稿支部，待核实`);
  });

  test("问题清单: the draft's note, then its 错误; the file left out with its reason", () => {
    const rows = records(sheet(r, "问题清单"));
    const draft = rows.filter((x) => x.文件 === "二支部.xlsx");
    expect(draft.slice(0, 3).map((x) => [x.级别, x.工作表, x.单元格, x.代码])).toEqual([
      ["提示", "", "", "rollup_branch_draft"],
      ["错误", "学习考勤", "D2", "mark_invalid"],
      ["错误", "学习考勤", "D3", "mark_invalid"],
    ]);
    expect(String(draft[0]?.问题)).toContain("按草稿汇总：本支部数据有 2 条错误未改正");
    expect(rows.filter((x) => x.文件 === "通知.xlsx").map((x) => [x.级别, x.代码])).toEqual([["错误", "rollup_not_branch"]]);
    expect(r.notes.filter((n) => n.code === "rollup_branch_draft")).toEqual([{ file: "二支部.xlsx", level: "提示", code: "rollup_branch_draft", params: { errors: 2 } }]);
  });

  test("every title starts with the red draft line; every page header says 草稿", async () => {
    for (const s of r.sheets) {
      expect(s.title.startsWith(`${DRAFT_LINE} — ${s.name} — 全所汇总 2026年 年终`)).toBe(true);
      // The mark is in the page footer, not in the printed title.
      expect(s.title.includes(OUTPUT_MARK)).toBe(false);
    }
    expect(r.pageHeader).toBe("全所汇总 2026年 年终（草稿）");
    const req = await written(r);
    expect(req.sheets.map((s) => [s.name, s.print.header])).toEqual(r.sheets.map((s) => [s.name, `全所汇总 2026年 年终（草稿） ${s.name}`]));
    expect(req.sheets.map((s) => footerOf(s))).toEqual(r.sheets.map(() => `${OUTPUT_MARK} 第 &P 页`));
    expect(req.sheets.every((s) => s.styles.some((st) => st.style === "title" && st.rect.row === 0 && st.rect.col === 0))).toBe(true);
    expect(req.sheets.map((s) => s.cells[0]?.[0])).toEqual(r.sheets.map((s) => s.title));
  });
});

describe("--strict: drafts are left out, with their reason", () => {
  const r = buildRollup([notABranch, file("二支部.xlsx", two), file("一支部.xlsx", one)], [], { strict: true });

  test("the draft is listed as left out; the roll-up of the rest is final", () => {
    expect(r.merged.map((b) => b.name)).toEqual(["第一党支部"]);
    expect(r.drafts).toEqual([]);
    expect(r.final).toBe(true);
    expect(r.skipped.map((b) => [b.file, b.skip])).toEqual([
      ["二支部.xlsx", { code: "rollup_branch_errors", errors: 2 }],
      ["通知.xlsx", { code: "rollup_file_unreadable", unreadable: { code: "not_a_branch", sheets: ["Sheet1"] } }],
    ]);
  });

  test("支部汇总 and 问题清单 give the reason; 党员总表 and 所级推荐 hold only the final branch", () => {
    const summary = records(sheet(r, "支部汇总"));
    expect(summary.find((x) => x.支部名称 === "第二党支部")).toMatchObject({ 状态: "未汇总：是草稿（有 2 条错误），按 --strict 只汇总最终结果", 错误: 2, 党员数: null });
    expect(summary.at(-1)?.状态).toBe("已汇总 1 个，未汇总 2 个");
    const issues = records(sheet(r, "问题清单")).filter((x) => x.文件 === "二支部.xlsx");
    expect(issues.slice(0, 3).map((x) => [x.级别, x.单元格, x.代码])).toEqual([
      ["错误", "", "rollup_branch_errors"],
      ["错误", "D2", "mark_invalid"],
      ["错误", "D3", "mark_invalid"],
    ]);
    expect(issues.some((x) => x.代码 === "rollup_branch_draft")).toBe(false);
    expect(new Set(records(sheet(r, "党员总表")).map((x) => `${String(x.支部)} ${String(x.结果)}`))).toEqual(new Set(["第一党支部 最终"]));
    expect(new Set(records(sheet(r, "所级推荐")).map((x) => `${String(x.支部)} ${String(x.结果)}`))).toEqual(new Set(["第一党支部 最终"]));
  });

  test("no title or page header says 草稿 when no merged branch is a draft", async () => {
    for (const s of r.sheets) expect(s.title).not.toContain("草稿：");
    expect(sheet(r, "支部汇总").title.startsWith("支部汇总 — 全所汇总 2026年 年终")).toBe(true);
    expect(r.pageHeader).toBe("全所汇总 2026年 年终");
    const req = await written(r);
    for (const s of req.sheets) expect(s.print.header).toBe(`全所汇总 2026年 年终 ${s.name}`);
  });
});

describe("an 错误 in a row of the other 考评期 does not make a draft", () => {
  // 评议打分 row 2 is the demo's 上半年 row of A-G01; computing 年终, its bad 互评 count is a 提示.
  const book = demo("第三党支部", "C");
  set(book, "评议打分!E2", "十");
  const three = run(book);

  test("the branch is final at 年终, a draft at 上半年 (the same cell is then this period's)", () => {
    expect(expectIssue(three.issues, "评议打分!E2", "not_a_number", "提示").outside).toBe("上半年");
    expect(three.verdict).toEqual({ final: true, errors: 0 });
    const half = run(book, "上半年");
    expectIssue(half.issues, "评议打分!E2", "not_a_number", "错误");
    expect(half.verdict.final).toBe(false);
  });

  test("merged as final: status 已汇总, members 最终, no draft note, no 草稿 in titles", () => {
    const r = buildRollup([file("三支部.xlsx", three), file("一支部.xlsx", one)]);
    expect(r.final).toBe(true);
    expect(r.drafts).toEqual([]);
    expect(records(sheet(r, "支部汇总")).map((x) => [x.支部名称, x.错误, x.状态])).toEqual([
      ["第一党支部", 0, "已汇总"],
      ["第三党支部", 0, "已汇总"],
      ["合计", 0, "已汇总 2 个，未汇总 0 个"],
    ]);
    expect(new Set(records(sheet(r, "党员总表")).map((x) => x.结果))).toEqual(new Set(["最终"]));
    expect(new Set(records(sheet(r, "所级推荐")).map((x) => x.结果))).toEqual(new Set(["最终"]));
    const listed = records(sheet(r, "问题清单")).filter((x) => x.文件 === "三支部.xlsx");
    expect(listed.find((x) => x.单元格 === "E2" && x.工作表 === "评议打分")).toMatchObject({ 级别: "提示", 代码: "not_a_number" });
    expect(listed.some((x) => x.代码 === "rollup_branch_draft" || x.级别 === "错误")).toBe(false);
    for (const s of r.sheets) expect(s.title).not.toContain("草稿");
    expect(r.pageHeader).toBe("全所汇总 2026年 年终");
  });
});

test("a roll-up is known by 全所汇总 in 支部汇总's A1 and the mark in its footer, or in A1 as earlier versions wrote it", () => {
  const a1 = (text: string): string[][] => [[text]];
  expect(isRollupSummaryGrid(ROLLUP_SUMMARY_SHEET, a1("支部汇总 — 全所汇总 2026年 年终"), `&C${OUTPUT_MARK} 第 &P 页`)).toBe(true);
  expect(isRollupSummaryGrid(ROLLUP_SUMMARY_SHEET, a1(`支部汇总 — 全所汇总 2026年 年终 ${OUTPUT_MARK}`), "")).toBe(true);
  // Not without the mark, not without 全所汇总, not under another name.
  expect(isRollupSummaryGrid(ROLLUP_SUMMARY_SHEET, a1("支部汇总 — 全所汇总 2026年 年终"), "&C第 &P 页")).toBe(false);
  expect(isRollupSummaryGrid(ROLLUP_SUMMARY_SHEET, a1("我的支部汇总"), `&C${OUTPUT_MARK}`)).toBe(false);
  expect(isRollupSummaryGrid("汇总", a1("支部汇总 — 全所汇总 2026年 年终"), `&C${OUTPUT_MARK}`)).toBe(false);
});
