/**
 * 反馈单 (issue 13 item 6): one slip per 参评 member, as a sheet description. The slips of a
 * small branch cell by cell — an override with its 理由, a member held back by the cap, flags in
 * words, draft marks, two slips to a page — and the sheet through the engine (demo branch,
 * 上半年 with and without the setting).
 */
import type { Settings } from "../../src/core/settings";
import type { FinalGrade, Flag, MemberResult, Reason, VoteRow } from "../../src/core/types";
import type { MemberYear, YearEnd } from "../../src/core/yearend";
import { cellText, type CellValue } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { runEngine } from "../../src/workbook/engine";
import { CUT_LINE, cutLines, FEEDBACK_MAX_SLIPS, feedbackSheet, feedbackTitleExtra, HALF_YEAR_NOTE, SIGN_LINE } from "../../src/workbook/feedback";
import { OUTPUT_MARK, OUTPUT_SHEETS } from "../../src/workbook/layout";
import type { FreeSheet } from "../../src/workbook/sheetdoc";
import { templateGrid } from "../../src/workbook/template";
import { member, settings } from "../core/builders";

const s = (over: Partial<Settings> = {}): Settings => settings({ branchName: "光栅室党支部", year: 2026, period: "年终", ...over });

interface Spec {
  readonly id: string;
  readonly name: string;
  readonly rank: number | null;
  readonly total: number | null;
  readonly suggested: FinalGrade;
  readonly final: FinalGrade;
  readonly reasons?: readonly Reason[];
  readonly flags?: readonly Flag[];
  readonly votes?: boolean;
  readonly probationary?: boolean;
  readonly scored?: boolean;
}

const votes = (id: string): VoteRow => ({
  period: "年终",
  memberId: id,
  selfGrade: null,
  peer: { 优秀: 6, 合格: 3, 基本合格: 1, 不合格: 0 },
  mass: { 满意: 4, 比较满意: 2, 基本满意: 1, 不满意: 1 },
  override: null,
  overrideReason: "",
  ref: { sheet: "评议打分", cell: "A2" },
  overrideRef: { sheet: "评议打分", cell: "K2" },
});

/** A roster member's year as the sheet reads it: only result, scored and votes are used. */
function year(x: Spec): MemberYear {
  const scored = x.scored ?? true;
  const result: MemberResult = {
    member: member(x.id, { name: x.name, category: x.probationary ? "预备党员" : "正式党员", participating: scored }),
    scored,
    graded: scored && !x.probationary,
    components: scored ? { study: 90, pledge: 95.5, peer: 88, mass: 80 } : { study: null, pledge: null, peer: null, mass: null },
    bonus: scored ? 2 : null,
    total: x.total,
    rank: x.rank,
    suggested: x.suggested,
    final: x.final,
    flags: x.flags ?? [],
    reasons: x.reasons ?? [],
    facts: null,
  };
  return { result, scored, votes: x.votes === false || !scored ? null : votes(x.id) } as unknown as MemberYear;
}

function yearEnd(specs: readonly Spec[], over: Partial<Settings> = {}): YearEnd {
  const members = specs.map(year);
  return { settings: s(over), members } as unknown as YearEnd;
}

const SPECS: Spec[] = [
  // Overridden from 合格 to 优秀 by the 支委会, with a flag.
  {
    id: "G01",
    name: "王芳",
    rank: 2,
    total: 91.2,
    suggested: "合格",
    final: "优秀",
    reasons: [
      { code: "cap_over", cap: 1 },
      { code: "override", grade: "优秀", reason: "外派期间坚持线上学习" },
    ],
    flags: [{ code: "flag_mass", share: 0.455, min: 50 }],
  },
  // Held back by the cap.
  { id: "G02", name: "李明", rank: 1, total: 93, suggested: "合格", final: "合格", reasons: [{ code: "cap_over", cap: 1 }] },
  { id: "X1", name: "赵六", rank: null, total: null, suggested: "不参评", final: "不参评", scored: false },
  // Below the line, no votes, a 预备党员.
  { id: "G03", name: "于洁", rank: 3, total: 80.5, suggested: "不评定等次", final: "不评定等次", probationary: true, votes: false, reasons: [{ code: "probationary" }] },
  { id: "G04", name: "周强", rank: 4, total: 75, suggested: "合格", final: "合格" },
];

/** Cells as text, strings exactly as written (cellText would fold the runs of spaces). */
const texts = (sheet: FreeSheet): string[][] => sheet.cells.map((r) => r.map((v: CellValue) => (typeof v === "string" ? v : cellText(v))));
const at = (sheet: FreeSheet, row: number, col: number): CellValue => sheet.cells[row]?.[col] ?? null;
/** Zero-based rows whose middle cell (D) is a slip's heading. */
const headings = (sheet: FreeSheet): number[] => texts(sheet).flatMap((r, i) => (i > 0 && (r[3] ?? "").startsWith("民主评议党员结果反馈单") ? [i] : []));

test("one slip per 参评 member in roster order, each cell as written; 不参评 members have none", () => {
  const sheet = feedbackSheet(yearEnd(SPECS), `反馈单 — 光栅室党支部 2026年 年终 ${OUTPUT_MARK}`, "光栅室党支部 2026年 年终", false);
  const t = texts(sheet);
  expect(sheet.name).toBe("反馈单");
  expect(headings(sheet)).toEqual([2, 14, 24, 35]);
  expect(t.flat().join("|")).not.toContain("赵六");
  // The first slip, row by row (A–G; the heading and cut line in D, the signature in G).
  expect(t.slice(2, 16)).toEqual([
    ["", "", "", "民主评议党员结果反馈单"],
    ["光栅室党支部    2026年 年终    姓名：王芳    编号：G01"],
    ["项目", "学习", "承诺践诺", "党员互评", "群众评议", "奉献加分", "综合得分"],
    ["得分", "90", "95.5", "88", "80", "2", "91.2"],
    ["排名：第 2 名 / 共 4 人    建议等次：合格    最终等次：优秀"],
    ["支委会调整理由：外派期间坚持线上学习"],
    ["党员互评票：优秀 6 票，合格 3 票，基本合格 1 票，不合格 0 票（共 10 票）"],
    ["群众评议票：满意 4 票，比较满意 2 票，基本满意 1 票，不满意 1 票（共 8 票）"],
    // 最终等次 is 优秀: nothing kept them from it, though the cap reason is in 综合评定's 说明.
    ["提醒：群众满意率 45.5%（低于 50%）"],
    ["", "", "", "", "", "", SIGN_LINE],
    // Blank, its height padding the first slip to half the page; then the cut line.
    [],
    ["", "", "", CUT_LINE],
    ["", "", "", "民主评议党员结果反馈单"],
    ["光栅室党支部    2026年 年终    姓名：李明    编号：G02"],
  ]);
  expect(at(sheet, 5, 6)).toBe(91.2); // numbers stay numbers, formatted 0.00
  expect(sheet.numFmts).toContainEqual({ rect: { row: 5, col: 1, rows: 1, cols: 6 }, numFmt: "0.00" });
  // The member held back by the cap.
  expect(t.slice(16, 26).map((r) => r.join("|").replace(/\|+$/, ""))).toEqual([
    "项目|学习|承诺践诺|党员互评|群众评议|奉献加分|综合得分",
    "得分|90|95.5|88|80|2|93",
    "排名：第 1 名 / 共 4 人    建议等次：合格    最终等次：合格",
    "党员互评票：优秀 6 票，合格 3 票，基本合格 1 票，不合格 0 票（共 10 票）",
    "群众评议票：满意 4 票，比较满意 2 票，基本满意 1 票，不满意 1 票（共 8 票）",
    "未评为优秀的原因：超出优秀比例（上限 1 人）",
    "提醒：无",
    `||||||${SIGN_LINE}`,
    // A page break: no cut line after a page's second slip.
    "|||民主评议党员结果反馈单",
    "光栅室党支部    2026年 年终    姓名：于洁（预备党员）    编号：G03",
  ]);
  // The 预备党员 without votes; then a member below the 优秀 line, the reason in words.
  expect(t.slice(28, 33).map((r) => r[0] ?? "")).toEqual([
    "排名：第 3 名 / 共 4 人    建议等次：不评定等次    最终等次：不评定等次",
    "党员互评票、群众评议票：本期没有评议票",
    "提醒：无",
    "说明：预备党员，不评定等次",
    "",
  ]);
  expect(t[42]?.[0]).toBe("未评为优秀的原因：综合得分 75.00 低于优秀分数线 90 分");
});

test("two slips to an A4 page: a cut line between them, a page break after every second; the print area leaves the title out", () => {
  const sheet = feedbackSheet(yearEnd(SPECS), `反馈单 ${OUTPUT_MARK}`, "光栅室党支部 2026年 年终", false);
  const h = headings(sheet);
  // One-based break rows: above the third slip's heading.
  expect(sheet.print.rowBreaks).toEqual([(h[2] as number) + 1]);
  const cuts = texts(sheet).flatMap((r, i) => (r[3] === CUT_LINE ? [i] : []));
  expect(cuts).toEqual([(h[1] as number) - 1, (h[3] as number) - 1]);
  expect(sheet.print.area).toBe(`A3:G${sheet.cells.length}`);
  expect(sheet.print.orientation).toBe("portrait");
  expect(sheet.print.header).toBe("光栅室党支部 2026年 年终 反馈单");
  // Each page's slips and cut line within the page's points (~700 below the header).
  const heights = new Map(sheet.rowHeights.map((x) => [x.row, x.points]));
  const pages = [2, ...sheet.print.rowBreaks.map((b) => b - 1), sheet.cells.length];
  for (let p = 0; p + 1 < pages.length; p++) {
    let sum = 0;
    for (let r = pages[p] as number; r < (pages[p + 1] as number); r++) sum += heights.get(r) ?? 0;
    expect(sum).toBeLessThanOrEqual(700);
    expect(sum).toBeGreaterThan(400); // two slips really share the page
  }
  // The first slip and the blank row under it take half the page (700 − the cut line's 24) ÷ 2:
  // the cut line halves the paper.
  let first = 0;
  for (let r = 2; r < (cuts[0] as number); r++) first += heights.get(r) ?? 0;
  expect(first).toBe(338);
  // No merged cell at all: the add-in would spend a command on each.
  expect(sheet.merges).toEqual([]);
});

test("many slips: a break after every second slip, on the row of the next slip's heading", () => {
  const specs: Spec[] = Array.from({ length: 9 }, (_, i) => ({ id: `G${i + 1}`, name: `党员${i + 1}`, rank: i + 1, total: 95 - i, suggested: "合格", final: "合格" }));
  const sheet = feedbackSheet(yearEnd(specs), `反馈单 ${OUTPUT_MARK}`, "x", false);
  const h = headings(sheet);
  expect(h).toHaveLength(9);
  expect(sheet.print.rowBreaks).toEqual([h[2], h[4], h[6], h[8]].map((r) => (r as number) + 1));
});

test("a draft: every slip's heading says （草稿）", () => {
  const sheet = feedbackSheet(yearEnd(SPECS), `反馈单 ${OUTPUT_MARK}`, "x（草稿）", true);
  expect(headings(sheet).map((r) => at(sheet, r, 3))).toEqual(Array(4).fill("民主评议党员结果反馈单（草稿）"));
});

test("a long 调整理由 is cut into lines that fit the slip's width, none lost", () => {
  const long = "该同志外派野外观测站期间坚持线上自学并按时汇报思想，".repeat(4);
  const lines = cutLines(`支委会调整理由：${long}`);
  expect(lines.length).toBeGreaterThan(2);
  expect(lines.join("")).toBe(`支委会调整理由：${long}`);
  const specs: Spec[] = [{ ...(SPECS[0] as Spec), reasons: [{ code: "override", grade: "优秀", reason: long }] }];
  const t = texts(feedbackSheet(yearEnd(specs), "t", "x", false));
  expect(t.slice(7, 7 + lines.length).map((r) => r[0])).toEqual(lines);
});

test("past FEEDBACK_MAX_SLIPS 参评 members no slip is written, and the sheet says why", () => {
  const specs: Spec[] = Array.from({ length: FEEDBACK_MAX_SLIPS + 1 }, (_, i) => ({ id: `M${i + 1}`, name: `党员${i + 1}`, rank: i + 1, total: 80, suggested: "合格", final: "合格" }));
  const ye = yearEnd(specs);
  const sheet = feedbackSheet(ye, "t", "x", false);
  expect(headings(sheet)).toEqual([]);
  expect(texts(sheet)[2]).toEqual([`参评党员 ${FEEDBACK_MAX_SLIPS + 1} 人，超过反馈单一次生成的上限 ${FEEDBACK_MAX_SLIPS} 人，未生成反馈单；请按党支部（或党小组）分别建立工作簿计算。`]);
  expect(feedbackTitleExtra(ye)).toBe(`（参评 ${FEEDBACK_MAX_SLIPS + 1} 人，未生成反馈单）`);
  expect(headings(feedbackSheet(yearEnd(specs.slice(1)), "t", "x", false))).toHaveLength(FEEDBACK_MAX_SLIPS);
});

// ------------------------------------------------------------------------- through the engine

function demo(period: "上半年" | "年终", edit?: (grid: CellValue[][]) => void): FreeSheet {
  const sheets = demoBranch().sheets.map((x) => ({ name: x.name, grid: templateGrid(x).map((r) => [...r]) }));
  const settingsGrid = sheets.find((x) => x.name === "参数设置")?.grid;
  if (settingsGrid) edit?.(settingsGrid);
  const run = runEngine(sheets, { fallbackYear: 2026, period });
  const o = run.outputs.find((x) => x.name === "反馈单");
  if (!o || o.kind !== "free") throw new Error("no 反馈单");
  return o;
}

test("the demo at 年终: 反馈单 between 推荐表 and 问题清单, a slip for each 参评 member, the override's 理由 on its slip", () => {
  const names = OUTPUT_SHEETS.map((x) => x.name);
  expect(names.slice(names.indexOf("推荐表"))).toEqual(["推荐表", "反馈单", "问题清单"]);
  const sheets = demoBranch().sheets.map((x) => ({ name: x.name, grid: templateGrid(x) }));
  const run = runEngine(sheets, { fallbackYear: 2026, period: "年终" });
  expect(run.outputs.map((o) => o.name)).toEqual(names);
  const sheet = demo("年终");
  expect(sheet.title).toContain("（参评 27 人，每人一份）");
  expect(headings(sheet)).toHaveLength(run.result.summary.scored);
  // The demo's 理由 is longer than a line: cut, every character kept.
  expect(texts(sheet).map((r) => r[0] ?? "").join("")).toContain("支委会调整理由：外派野外观测站期间坚持线上自学并按时汇报思想，经支委会研究评为合格");
});

test("上半年: one line saying it is off and how to turn it on; with 反馈单-上半年 是, the slips", () => {
  const off = demo("上半年");
  expect(off.title).toContain("（上半年不生成反馈单）");
  expect(off.title).not.toContain(OUTPUT_MARK);
  expect(off.mark).toBe(true);
  expect(texts(off).slice(1)).toEqual([[], [HALF_YEAR_NOTE]]);
  expect(off.print.area).toBeUndefined();
  const on = demo("上半年", (grid) => {
    const row = grid.findIndex((r) => r[0] === "反馈单-上半年");
    (grid[row] as CellValue[])[1] = "是";
  });
  expect(headings(on).length).toBe(27);
  expect(texts(on)[3]?.[0]).toContain("2026年 上半年");
});
