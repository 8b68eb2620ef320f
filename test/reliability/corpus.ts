/**
 * The bad-workbook corpus: one row per way a secretary's (or a hostile) workbook can go wrong,
 * each built as a real .xlsx with exceljs — most from the demo workbook that
 * `initWorkbook(file, { demo: true })` writes, a few from nothing — with what both hosts must
 * make of it.
 *
 * The demo, as the addresses below use it (year 2026, 年终; 28 members G01–G28, G12 孙丽
 * 不参评, G27 冯晓东 and G28 于洁 预备党员):
 *   参数设置  A 参数 | B 值 | C 说明; one row per setting in template order: 2 支部名称, 3 考评年度,
 *            4 考评期, 6–9 the four weights, 34 奉献加分上限, 35 优秀分数线, 36 合格分数线,
 *            42 优秀比例上限, 44 所级推荐比例 … 49 承诺迟交扣分, 50 优秀比例基数, 51 评议票满分,
 *            52 测评票-列入预备党员
 *   党员名册  A 编号 | B 姓名 | … | H 参评状态 | I 不参评原因 | J 本年受处分; rows 2–29 = G01–G28
 *   个人承诺  A 编号 | B 姓名 | … | F 权重 | G 提交日期 | H 支部审核 | I 完成情况 | K 考核得分; rows 2–65
 *            (G01 rows 2–3, G02 4–5 (K4 = 81), G03 6–8 (K7 = 77), G04 9–11, G05 12–14, …)
 *   学习考勤  A 编号 | B 姓名 | C–Z 24 sessions (C1 "2026-01-08 专题学习" …); rows 2–29 = G01–G28
 *   活动记录  A 编号 | B 姓名 | C 日期 | D 类别 | E 内容 | F 级别 | G 加分; rows 2–165 (G01 rows 2–9)
 *   评议打分  A 期次 | B 编号 | C 姓名 | D 自评 | E–H 互评 | I–L 群众 | M 支委会评定 | N 调整理由;
 *            rows 2–28 上半年, rows 29–55 年终 (G01 29, G02 30, G03 31, G05 33, … G27 54, G28 55)
 * and its own four 提示 (DEMO_ISSUES).
 *
 * That is the demo as versions before the template's guidance line wrote it, the header in row 1
 * (asEarlierVersion): the corpus keeps testing workbooks made then, and the template's own
 * layout (guidance in row 1, header in row 2) is tested everywhere else.
 */
import type ExcelJS from "exceljs";
import type { IssueCode, IssueLevel } from "../../src/core/issues";
import type { EngineRun } from "../../src/workbook/engine";
import { tableSheets } from "../../src/workbook/output";

export type Where = string;
export type ExpectedIssue = readonly [where: Where, code: IssueCode, level: IssueLevel];

export interface Expectation {
  /** 问题清单 rows that must be listed: "sheet!cell" (or "sheet" for a whole-sheet row), code, level. */
  readonly issues: readonly ExpectedIssue[];
  /** The list is exactly `issues` (as a multiset), nothing more. */
  readonly exact?: boolean;
  /** Codes that must not be listed at all. */
  readonly absent?: readonly IssueCode[];
  /** Rows of 综合评定 (roster members) … */
  readonly members: number;
  /** … and how many of them got a 综合得分. */
  readonly computed: number;
  /** Demo cases: every member's 综合得分 is the unmodified demo's, but for these 编号. */
  readonly totalsAsDemoExcept?: readonly string[];
  /** Anything else, on the run (both hosts' runs are checked to agree first). */
  readonly check?: (run: EngineRun) => void;
}

export interface CorpusCase {
  /** What the workbook breaks; also its file name. */
  readonly name: string;
  readonly from: "demo" | "scratch";
  /** Changes the loaded demo workbook, or fills an empty one. */
  readonly build: (wb: ExcelJS.Workbook) => void;
  readonly expect: Expectation;
}

// ------------------------------------------------------------------------- building helpers

/**
 * The demo workbook as the template wrote it before its guidance line: each input sheet's row 1
 * (the guidance, merged) removed, so the header is row 1 and the members start in row 2, the
 * drop-downs and rules moved up with them and only the header row frozen.
 */
export function asEarlierVersion(wb: ExcelJS.Workbook): void {
  for (const name of ["参数设置", "党员名册", "个人承诺", "学习考勤", "活动记录", "评议打分"]) {
    const ws = sheet(wb, name);
    for (const at of ["A1", "C1"]) if (ws.getCell(at).isMerged) ws.unMergeCells(at);
    ws.spliceRows(1, 1);
    // exceljs keeps validations by address and does not move them with the rows.
    const dv = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations;
    const moved: Record<string, unknown> = {};
    for (const [address, rule] of Object.entries(dv.model)) {
      const up = address.replace(/([A-Z]+)(\d+)/g, (_, col: string, row: string) => `${col}${Number(row) - 1}`);
      if (!/[A-Z]0\b/.test(up)) moved[up] = rule;
    }
    dv.model = moved;
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
  }
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`corpus: no sheet ${name} (have ${wb.worksheets.map((w) => w.name).join(", ")})`);
  return ws;
}

function split(where: Where): [string, string] {
  const i = where.lastIndexOf("!");
  return [where.slice(0, i), where.slice(i + 1)];
}

/**
 * Set one cell, e.g. put(wb, "评议打分!E31", 40, "G03"). The optional 编号 guards the address:
 * the row must be that member's, so a changed demo fails loudly instead of testing nothing.
 */
function put(wb: ExcelJS.Workbook, where: Where, value: ExcelJS.CellValue, memberId?: string): void {
  const [name, address] = split(where);
  const ws = sheet(wb, name);
  const cell = ws.getCell(address);
  if (memberId !== undefined) {
    const row = ws.getRow(Number(cell.row));
    const ids: unknown[] = [];
    row.eachCell((c) => ids.push(c.value));
    if (!ids.includes(memberId)) throw new Error(`corpus: ${where} is not on ${memberId}'s row (row has ${ids.slice(0, 3).join(" ")})`);
  }
  cell.value = value;
}

/** Give a member another name in every sheet (so nothing else differs). */
function rename(wb: ExcelJS.Workbook, id: string, newName: string): void {
  for (const ws of wb.worksheets) {
    let idCol = 0;
    let nameCol = 0;
    ws.getRow(1).eachCell((c, col) => {
      if (c.value === "编号") idCol = col;
      if (c.value === "姓名") nameCol = col;
    });
    if (idCol === 0 || nameCol === 0) continue;
    ws.eachRow((row) => {
      if (row.getCell(idCol).value === id) row.getCell(nameCol).value = newName;
    });
  }
}

/** Rows selected and cleared (Delete key): values gone, the rows' formats stay. */
function clearRows(ws: ExcelJS.Worksheet, from: number, to: number): void {
  for (let r = from; r <= to; r++) ws.getRow(r).eachCell((c) => (c.value = null));
}

function removeSheet(wb: ExcelJS.Workbook, name: string): void {
  wb.removeWorksheet(sheet(wb, name).id);
}

function addSheet(wb: ExcelJS.Workbook, name: string, rows: readonly (readonly ExcelJS.CellValue[])[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
    });
  });
  return ws;
}

/** A Date as exceljs reads a date cell: the day at UTC midnight. */
const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** A sheet's values from row 1, column A first (exceljs rows are 1-based). */
export function valuesOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row.push(ws.getCell(r, c).value);
    out.push(row);
  }
  return out;
}

/**
 * 评议打分 as two blocks side by side, the headers said again: 上半年 on the left, 年终 on the
 * right, a blank column between. "期次": each block keeps its 期次 column; "titles": no 期次, a
 * merged title above each block; "bare": neither.
 */
function votesSideBySide(wb: ExcelJS.Workbook, how: "期次" | "titles" | "bare"): void {
  const [header = [], ...rows] = valuesOf(sheet(wb, "评议打分"));
  const from = how === "期次" ? 0 : 1;
  const part = (r: readonly ExcelJS.CellValue[]): ExcelJS.CellValue[] => header.map((_, c) => r[c] ?? null).slice(from);
  const first = rows.filter((r) => r[0] === "上半年").map(part);
  const last = rows.filter((r) => r[0] === "年终").map(part);
  const width = header.length - from;
  const blank = Array<null>(width).fill(null);
  const body = [[...part(header), null, ...part(header)], ...Array.from({ length: Math.max(first.length, last.length) }, (_, i) => [...(first[i] ?? blank), null, ...(last[i] ?? blank)])];
  const titles = Array<ExcelJS.CellValue>(2 * width + 1).fill(null);
  titles[0] = "上半年民主评议";
  titles[width + 1] = "年终民主评议";
  removeSheet(wb, "评议打分");
  const ws = addSheet(wb, "评议打分", how === "titles" ? [titles, ...body] : body);
  if (how === "titles") {
    ws.mergeCells(1, 1, 1, width);
    ws.mergeCells(1, width + 2, 1, 2 * width + 1);
  }
}

/**
 * 学习考勤 with each "2026-01-08 专题学习" header split into a date and a topic: the dates in the
 * 编号/姓名 row and the topics beneath (编号, 姓名 merged over both rows), or the dates in a row
 * above the 编号/姓名 row, which holds the topics.
 */
function attendanceHeaderInTwoRows(wb: ExcelJS.Workbook, datesAbove: boolean): void {
  const [header = [], ...members] = valuesOf(sheet(wb, "学习考勤"));
  const text = (h: ExcelJS.CellValue): string => (typeof h === "string" ? h : "");
  const dates = header.map((h, c) => (c < 2 ? (datesAbove ? null : h) : day(Number(text(h).slice(0, 4)), Number(text(h).slice(5, 7)), Number(text(h).slice(8, 10)))));
  const topics = header.map((h, c) => (c < 2 ? (datesAbove ? h : null) : text(h).slice(11)));
  removeSheet(wb, "学习考勤");
  const ws = addSheet(wb, "学习考勤", [dates, topics, ...members]);
  if (!datesAbove) {
    ws.mergeCells("A1:A2");
    ws.mergeCells("B1:B2");
  }
}

const ROSTER_HEADER = ["编号", "姓名", "性别", "党员类别", "党小组", "入党时间", "岗位/职务", "参评状态", "不参评原因", "本年受处分", "备注"];
const VOTES_HEADER = ["期次", "编号", "姓名", "自评等次", "互评优秀", "互评合格", "互评基本合格", "互评不合格", "群众满意", "群众比较满意", "群众基本满意", "群众不满意", "支委会评定", "调整理由"];

/** The demo's own 提示, as its unmodified file lists them. */
export const DEMO_ISSUES: readonly ExpectedIssue[] = [
  ["党员名册!B22", "flag_absence", "提示"], // G21 梁晨, on a field posting March–October
  ["个人承诺!G20", "pledge_late", "提示"], // G08 黄丽华's first pledge, 5 days late
  ["学习考勤!C6", "mark_blank", "提示"], // G05 陈静, first session blank
  ["学习考勤!E21", "mark_blank", "提示"], // G20 罗红
];

/** The demo's issues with some of them at another place (a renamed sheet, rows inserted above). */
function demoIssuesMoved(moves: Readonly<Record<Where, Where>>): ExpectedIssue[] {
  return DEMO_ISSUES.map(([where, code, level]): ExpectedIssue => [moves[where] ?? where, code, level]);
}

const ALL_DEMO = { members: 28, computed: 27 } as const;

// -------------------------------------------------------------------------------- the corpus

export const CORPUS: readonly CorpusCase[] = [
  // ---------------------------------------------------------------- sheets
  {
    name: "missing-sheet-活动记录",
    from: "demo",
    build: (wb) => removeSheet(wb, "活动记录"),
    expect: {
      issues: [...DEMO_ISSUES, ["活动记录", "sheet_missing", "提示"]],
      exact: true,
      ...ALL_DEMO,
      // Study output and bonus are gone, the rest stands: every scored member still has 学习 from attendance.
      check: (run) => {
        for (const m of run.result.members.filter((x) => x.scored)) expect(m.components.study).not.toBeNull();
      },
    },
  },
  {
    name: "missing-sheet-参数设置",
    from: "demo",
    build: (wb) => removeSheet(wb, "参数设置"),
    expect: {
      // Defaults are the demo's settings; the year comes from the session headers (2026).
      issues: [...DEMO_ISSUES, ["参数设置", "sheet_missing", "提示"], ["参数设置", "year_inferred", "提示"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.result.settings.year).toBe(2026),
    },
  },
  {
    name: "renamed-sheet-党员名册-to-Sheet2",
    from: "demo",
    build: (wb) => {
      sheet(wb, "党员名册").name = "Sheet2";
    },
    expect: {
      issues: [
        ["党员名册", "sheet_missing", "错误"],
      ],
      // One cause, one error: rows of other sheets are not each reported against an absent roster.
      absent: ["unknown_member"],
      members: 0,
      computed: 0,
    },
  },
  {
    name: "renamed-sheet-党员名册-to-alias-花名册",
    from: "demo",
    build: (wb) => {
      sheet(wb, "党员名册").name = "花名册";
    },
    expect: {
      issues: demoIssuesMoved({ "党员名册!B22": "花名册!B22" }),
      exact: true,
      absent: ["sheet_missing"],
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "sheet-names-with-trailing-spaces",
    from: "demo",
    build: (wb) => {
      sheet(wb, "个人承诺").name = "个人承诺 ";
      sheet(wb, "评议打分").name = "评议打分  ";
    },
    expect: {
      // Found under their own names, and the 问题清单 names the sheet as it is.
      issues: demoIssuesMoved({ "个人承诺!G20": "个人承诺 !G20" }),
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "hidden-sheets",
    from: "demo",
    build: (wb) => {
      sheet(wb, "活动记录").state = "hidden";
      sheet(wb, "参数设置").state = "veryHidden";
      const old = wb.addWorksheet("2025年旧数据", { state: "hidden" });
      old.getCell("A1").value = "编号";
      old.getCell("B1").value = "姓名";
      old.getCell("A2").value = "G01";
    },
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "empty-workbook",
    from: "scratch",
    build: (wb) => {
      wb.addWorksheet("Sheet1");
    },
    expect: {
      issues: [
        ["参数设置", "sheet_missing", "提示"],
        ["党员名册", "sheet_missing", "错误"],
        ["个人承诺", "sheet_missing", "提示"],
        ["学习考勤", "sheet_missing", "提示"],
        ["活动记录", "sheet_missing", "提示"],
        ["评议打分", "sheet_missing", "提示"],
      ],
      members: 0,
      computed: 0,
    },
  },
  {
    name: "only-the-roster",
    from: "scratch",
    build: (wb) => {
      addSheet(wb, "党员名册", [
        ROSTER_HEADER,
        ["001", "张三", "男", "正式党员", null, null, null, "参评", null, "无"],
        ["002", "李四", "女", "正式党员", null, null, null, null, null, null],
        ["003", "王五", "男", "预备党员"],
      ]);
    },
    expect: {
      issues: [
        ["参数设置", "sheet_missing", "提示"],
        ["参数设置", "year_inferred", "提示"],
        ["个人承诺", "sheet_missing", "提示"],
        ["学习考勤", "sheet_missing", "提示"],
        ["活动记录", "sheet_missing", "提示"],
        // Essential data missing: said once each, as 错误 (the result is a draft).
        ["学习考勤", "component_missing", "错误"],
        ["评议打分", "votes_missing", "错误"],
        ["党员名册!B2", "pledge_none", "提示"],
        ["党员名册!B3", "pledge_none", "提示"],
        ["党员名册!B4", "pledge_none", "提示"],
      ],
      members: 3,
      computed: 3,
      // Nothing but pledges is left to score, and nobody has one: 0 each, ranked 1, 1, 1.
      check: (run) => expect(run.result.members.map((m) => [m.member.id, m.total, m.rank])).toEqual([["001", 0, 1], ["002", 0, 1], ["003", 0, 1]]),
    },
  },
  // ---------------------------------------------------------------- the roster
  {
    name: "empty-roster",
    from: "demo",
    build: (wb) => clearRows(sheet(wb, "党员名册"), 2, 29), // selected and deleted: the header stays
    expect: {
      issues: [
        ["党员名册!A2", "roster_empty", "错误"],
      ],
      absent: ["unknown_member"],
      members: 0,
      computed: 0,
    },
  },
  {
    name: "roster-sheet-blank",
    from: "demo",
    build: (wb) => {
      removeSheet(wb, "党员名册");
      wb.addWorksheet("党员名册");
    },
    expect: {
      issues: [
        ["党员名册!A1", "roster_empty", "错误"],
      ],
      absent: ["sheet_missing", "header_not_found", "unknown_member"],
      members: 0,
      computed: 0,
    },
  },
  {
    name: "member-in-two-roster-rows",
    from: "demo",
    build: (wb) => {
      sheet(wb, "党员名册").getRow(30).values = ["G05", "陈静", "女", "正式党员", "第二党小组", day(1999, 7, 1), "工程师", "参评", null, "无"];
    },
    expect: {
      issues: [...DEMO_ISSUES, ["党员名册!A30", "id_duplicate", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "roster-入党时间-typed-as-year-and-month",
    from: "demo",
    build: (wb) => {
      put(wb, "党员名册!F2", 2001.07, "G01"); // a number: not Excel serial 2001 (1905-06-23)
      put(wb, "党员名册!F3", "1995年5月", "G02");
      put(wb, "党员名册!F4", "２００３－０７", "G03");
      put(wb, "党员名册!F5", 2001.1, "G04"); // January, or 2001.10 with the zero dropped
      put(wb, "党员名册!F6", "九五年", "G05");
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["党员名册!F4", "fullwidth_digits", "提示"],
        ["党员名册!F5", "year_month_ambiguous", "提示"],
        ["党员名册!F6", "year_month_unreadable", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      // No score uses 入党时间.
      totalsAsDemoExcept: [],
      check: (run) =>
        expect(run.parsed.input.members.slice(0, 5).map((m) => m.joinDate)).toEqual([
          { value: { year: 2001, month: 7 }, typed: "2001.07" },
          { value: { year: 1995, month: 5 }, typed: "1995年5月" },
          { value: { year: 2003, month: 7 }, typed: "２００３－０７" },
          { value: null, typed: "2001.1" },
          { value: null, typed: "九五年" },
        ]),
    },
  },
  {
    name: "footer-合计-and-出勤率-rows",
    from: "demo",
    build: (wb) => {
      // Under the members, as branches total their sheets: a blank row, then the totals.
      sheet(wb, "党员名册").getRow(31).values = ["合计", "28人"];
      sheet(wb, "学习考勤").getRow(31).values = [null, "出勤率：", ...Array.from({ length: 24 }, () => "96%")];
      sheet(wb, "学习考勤").getRow(32).values = ["平\u3000均", null, ...Array.from({ length: 24 }, () => 0.96)];
      sheet(wb, "评议打分").getRow(56).values = ["合计", null, null, null, 200, 300, 20, 0, 250, 200, 40, 10];
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["党员名册!A31", "summary_rows_skipped", "提示"],
        ["学习考勤!B31", "summary_rows_skipped", "提示"],
        ["评议打分!A56", "summary_rows_skipped", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => {
        const skipped = run.issues.filter((i) => i.code === "summary_rows_skipped").map((i) => [i.sheet, i.params]);
        expect(skipped).toEqual([
          ["党员名册", { cells: "A31", labels: "合计", count: 1 }],
          ["学习考勤", { cells: "B31、A32", labels: "出勤率、平均", count: 2 }],
          ["评议打分", { cells: "A56", labels: "合计", count: 1 }],
        ]);
      },
    },
  },
  {
    name: "same-name-under-a-second-编号",
    from: "demo",
    build: (wb) => {
      sheet(wb, "党员名册").getRow(30).values = ["G29", "陈静", "女", "正式党员", "第二党小组", day(1999, 7, 1), "工程师", "参评", null, "无"];
    },
    expect: {
      // A 29th member with no data at all: listed, scored from nothing, every gap said.
      // (Missing from 学习考勤, every session counts as 缺席: a year-long run, so the absence flag too.)
      issues: [
        ...DEMO_ISSUES,
        ["党员名册!B30", "pledge_none", "提示"],
        ["学习考勤", "attendance_missing_member", "提示"],
        ["党员名册!B30", "component_missing", "提示"],
        ["党员名册!B30", "component_missing", "提示"],
        ["党员名册!B30", "flag_absence", "提示"],
      ],
      exact: true,
      members: 29,
      computed: 28,
      totalsAsDemoExcept: ["G29"],
    },
  },
  {
    name: "header-repeated-mid-table",
    from: "demo",
    build: (wb) => {
      // Two lists pasted one under the other, each with its header.
      const roster = sheet(wb, "党员名册");
      roster.spliceRows(16, 0, ROSTER_HEADER);
      const votes = sheet(wb, "评议打分");
      votes.spliceRows(29, 0, VOTES_HEADER);
    },
    expect: {
      // The repeated header is not a member called 姓名: nothing about it, and nobody extra.
      issues: demoIssuesMoved({ "党员名册!B22": "党员名册!B23" }),
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "probationary-member-overridden-to-优秀",
    from: "demo",
    build: (wb) => {
      put(wb, "评议打分!M54", "优秀", "G27");
      put(wb, "评议打分!N54", "表现突出，支委会研究评为优秀");
    },
    expect: {
      issues: [...DEMO_ISSUES, ["评议打分!M54", "override_not_graded", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.result.members.find((m) => m.member.id === "G27")?.final).toBe("不评定等次"),
    },
  },
  {
    name: "every-member-不参评",
    from: "demo",
    build: (wb) => {
      const ws = sheet(wb, "党员名册");
      for (let r = 2; r <= 29; r++) {
        ws.getCell(`H${r}`).value = "不参评";
        ws.getCell(`I${r}`).value = "全支部外派";
      }
    },
    expect: {
      // Nobody is scored, so no gaps or flags are said; what stays is about the data itself:
      // G21's 支委会评定 now names a 不参评 member, and G08's pledge was still late.
      issues: [
        ["评议打分!M48", "override_not_graded", "错误"],
        ["个人承诺!G20", "pledge_late", "提示"],
      ],
      exact: true,
      members: 28,
      computed: 0,
      check: (run) => {
        expect(run.result.members.every((m) => m.final === "不参评" && m.total === null && m.rank === null)).toBe(true);
        expect(run.result.nominations).toEqual([]);
      },
    },
  },
  {
    name: "name-of-150-characters",
    from: "demo",
    build: (wb) => rename(wb, "G05", `陈静${"（挂职锻炼期间兼任野外观测站临时党小组联络员）".repeat(7)}`.slice(0, 150)),
    expect: {
      issues: DEMO_ISSUES,
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.result.members.find((m) => m.member.id === "G05")?.member.name).toHaveLength(150),
    },
  },
  {
    name: "emoji-and-rare-cjk-names",
    from: "demo",
    build: (wb) => {
      rename(wb, "G01", "王建国😀");
      rename(wb, "G02", "𠀀秀英"); // U+20000, outside the BMP
      rename(wb, "G03", "张👨‍👩‍👧伟"); // a ZWJ family in the middle
      rename(wb, "G04", "刘\u{2A6D6}洋");
    },
    expect: {
      issues: DEMO_ISSUES,
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => {
        const names = run.result.members.map((m) => m.member.name);
        for (const n of ["王建国😀", "𠀀秀英", "张👨‍👩‍👧伟", "刘\u{2A6D6}洋"]) expect(names).toContain(n);
      },
    },
  },
  {
    name: "text-that-looks-like-formulas",
    from: "demo",
    build: (wb) => {
      rename(wb, "G06", '=HYPERLINK("http://x.invalid","点我")');
      rename(wb, "G07", "+1+1");
      rename(wb, "G08", "@SUM(A1)");
    },
    expect: {
      issues: DEMO_ISSUES,
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(tableSheets(run.outputs)[0]?.rows.map((r) => r[1])).toEqual(expect.arrayContaining(["+1+1", "@SUM(A1)"])),
    },
  },
  {
    name: "numeric-编号-in-roster-text-elsewhere",
    from: "scratch",
    build: (wb) => {
      // Excel turned the roster's 001 into 1; the vote sheet kept "001" as text.
      addSheet(wb, "党员名册", [ROSTER_HEADER, [1, "张三"], [2, "李四"], [3, "王五"]]);
      addSheet(wb, "评议打分", [VOTES_HEADER, ["年终", "001", "张三", null, 1, 1], ["年终", "2", "李四", null, 2], ["年终", 3, "王五", null, 0, 2]]);
    },
    expect: {
      // "001" is not 1 (编号 are text keys): said at the cell; "2" and 3 match.
      issues: [["评议打分!B2", "unknown_member", "错误"]],
      absent: ["vote_count_high"],
      members: 3,
      computed: 3,
      check: (run) => expect(run.result.members.map((m) => m.components.peer)).toEqual([null, 100, 85]),
    },
  },
  // ---------------------------------------------------------------- headers and layout
  {
    name: "header-moved-down-under-title-rows",
    from: "demo",
    build: (wb) => {
      const roster = sheet(wb, "党员名册");
      roster.spliceRows(1, 0, ["光栅室党支部 2026 年党员名册"], ["填表人：组织委员", null, "日期：2026-12-20"], []);
      roster.mergeCells("A1:K1");
      sheet(wb, "学习考勤").spliceRows(1, 0, ["学习考勤表"], []);
    },
    expect: {
      issues: [
        ["党员名册!B25", "flag_absence", "提示"],
        ["个人承诺!G20", "pledge_late", "提示"],
        ["学习考勤!C8", "mark_blank", "提示"],
        ["学习考勤!E23", "mark_blank", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "header-below-row-15",
    from: "demo",
    build: (wb) => {
      const roster = sheet(wb, "党员名册");
      roster.spliceRows(1, 0, ...Array.from({ length: 16 }, (_, i) => (i === 0 ? ["党员名册（说明见下）"] : [`说明第 ${i} 行`])));
    },
    expect: {
      issues: [
        ["党员名册!A1", "header_not_found", "错误"],
      ],
      absent: ["unknown_member"],
      members: 0,
      computed: 0,
    },
  },
  {
    name: "headers-with-extra-and-fullwidth-spaces",
    from: "demo",
    build: (wb) => {
      put(wb, "党员名册!A1", " 编 号 ");
      put(wb, "党员名册!B1", "姓\u3000名");
      put(wb, "党员名册!H1", "参评状态\u00a0");
      put(wb, "个人承诺!I1", "完成　情况");
      put(wb, "个人承诺!K1", "考核得分 ");
      put(wb, "评议打分!E1", "互评  优秀");
      put(wb, "评议打分!A1", "\u3000期次\u3000");
      put(wb, "活动记录!G1", "加　分");
    },
    expect: { issues: DEMO_ISSUES, exact: true, absent: ["column_missing"], ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "table-shifted-right-and-down",
    from: "demo",
    build: (wb) => {
      const roster = sheet(wb, "党员名册");
      roster.spliceColumns(1, 0, [], []);
      roster.spliceRows(1, 0, []);
      const votes = sheet(wb, "评议打分");
      votes.spliceColumns(1, 0, []);
    },
    expect: {
      issues: demoIssuesMoved({ "党员名册!B22": "党员名册!D23" }),
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "required-column-deleted",
    from: "demo",
    build: (wb) => sheet(wb, "个人承诺").spliceColumns(9, 1), // 完成情况
    expect: {
      // Said once for the column, then per pledge (at its row, the column being gone).
      issues: [["个人承诺!A1", "column_missing", "错误"], ["个人承诺!A2", "completion_blank", "提示"], ["个人承诺!A65", "completion_blank", "提示"]],
      ...ALL_DEMO,
    },
  },
  {
    name: "mass-vote-columns-deleted",
    from: "demo",
    build: (wb) => sheet(wb, "评议打分").spliceColumns(9, 4), // 群众满意 … 群众不满意
    expect: {
      // Optional columns: 群众评议 is missing for everyone, and its weight is spread.
      issues: [...DEMO_ISSUES, ["评议打分", "component_missing", "提示"]],
      exact: true,
      ...ALL_DEMO,
      check: (run) => expect(run.result.members.filter((m) => m.scored).every((m) => m.components.mass === null && m.components.peer !== null)).toBe(true),
    },
  },
  {
    name: "merged-cells-in-data-rows",
    from: "demo",
    build: (wb) => {
      // 党小组 merged over three rows (text only), and G05's three pledges under one merged 编号/姓名.
      sheet(wb, "党员名册").mergeCells("E2:E4");
      const p = sheet(wb, "个人承诺");
      p.mergeCells("A12:A14");
      p.mergeCells("B12:B14");
    },
    expect: {
      // Merged cells keep their value in the top-left cell only: the two rows below are said to
      // have no 编号, exactly where, and G05 keeps only the first pledge.
      issues: [...DEMO_ISSUES, ["个人承诺!A13", "id_blank", "错误"], ["个人承诺!A14", "id_blank", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G05"],
    },
  },
  {
    name: "blank-rows-in-the-middle",
    from: "demo",
    build: (wb) => {
      sheet(wb, "党员名册").spliceRows(11, 0, [], []);
      sheet(wb, "个人承诺").spliceRows(6, 0, []);
      sheet(wb, "学习考勤").spliceRows(4, 0, [], [], []);
      sheet(wb, "评议打分").spliceRows(29, 0, []);
    },
    expect: {
      issues: [
        ["党员名册!B24", "flag_absence", "提示"],
        ["个人承诺!G21", "pledge_late", "提示"],
        ["学习考勤!C9", "mark_blank", "提示"],
        ["学习考勤!E24", "mark_blank", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "10000-formatted-blank-rows-at-the-end",
    from: "demo",
    build: (wb) => {
      const ws = sheet(wb, "学习考勤");
      const border: Partial<ExcelJS.Borders> = { top: { style: "thin" }, bottom: { style: "thin" } };
      for (let r = 30; r < 10030; r++) {
        const row = ws.getRow(r);
        row.height = 18;
        const cell = row.getCell(1);
        cell.border = border;
        cell.numFmt = "@";
      }
    },
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  // ---------------------------------------------------------------- cell values
  {
    name: "formulas-with-cached-results",
    from: "demo",
    build: (wb) => {
      put(wb, "党员名册!B2", { formula: 'CONCATENATE("王","建国")', result: "王建国" }, "G01");
      put(wb, "个人承诺!F3", { formula: "1+1", result: 2 }, "G01");
      put(wb, "评议打分!E29", { formula: "10+9", result: 19 }, "G01");
      put(wb, "评议打分!F29", { formula: "2*2", result: 4 }, "G01");
      put(wb, "学习考勤!C2", { formula: 'IF(TRUE,"出席","缺席")', result: "出席" }, "G01");
      put(wb, "活动记录!C2", { formula: "DATE(2026,1,20)", result: day(2026, 1, 20) }, "G01");
    },
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "error-values-NA-REF-in-input-cells",
    from: "demo",
    build: (wb) => {
      put(wb, "个人承诺!K4", { error: "#N/A" }, "G02"); // was 81
      put(wb, "学习考勤!D4", { error: "#REF!" }, "G03"); // was 缺席
      put(wb, "评议打分!E33", { formula: "E32/0", result: { error: "#DIV/0!" } }, "G05");
      put(wb, "活动记录!C11", { error: "#VALUE!" }, "G02");
      put(wb, "党员名册!J3", { formula: "VLOOKUP(A3,X:Y,2,0)", result: { error: "#N/A" } }, "G02");
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["党员名册!J3", "formula_error", "错误"],
        ["个人承诺!K4", "formula_error", "错误"],
        ["学习考勤!D4", "formula_error", "错误"],
        ["活动记录!C11", "formula_error", "错误"],
        ["评议打分!E33", "formula_error", "错误"],
      ],
      exact: true,
      ...ALL_DEMO,
      // G02 loses a score and a note's date, G05 its 优秀 votes; G03's #REF! counts as 缺席, as before.
      totalsAsDemoExcept: ["G02", "G05"],
    },
  },
  {
    name: "rich-text-cells",
    from: "demo",
    build: (wb) => {
      put(wb, "党员名册!B2", { richText: [{ text: "王" }, { text: "建国", font: { bold: true, color: { argb: "FFFF0000" } } }] }, "G01");
      put(wb, "评议打分!B33", { richText: [{ text: "G0" }, { text: "5", font: { italic: true } }] }, "陈静");
      put(wb, "学习考勤!C2", { richText: [{ text: "出" }, { text: "席", font: { underline: true } }] }, "G01");
      put(wb, "个人承诺!I2", { richText: [{ text: "完成", font: { bold: true } }] }, "G01");
    },
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "dates-typed-as-text",
    from: "demo",
    build: (wb) => {
      put(wb, "活动记录!C2", "2026年1月20日", "G01");
      put(wb, "活动记录!C3", "2026/4/11", "G01");
      put(wb, "活动记录!C4", "2026.7.22", "G01");
      put(wb, "活动记录!C5", "10月18日", "G01");
      put(wb, "活动记录!C6", "20260321", "G01");
      put(wb, "活动记录!C7", "2026-08-08 09:30", "G01");
      put(wb, "活动记录!C8", " 2026 年 10 月 25 日 ", "G01");
      put(wb, "活动记录!C9", 46143, "G01"); // 2026-05-01 as a serial in a General cell
      put(wb, "个人承诺!G2", "2026-9-11", "G01");
      put(wb, "个人承诺!G3", "８月26日", "G01");
      put(wb, "党员名册!F2", "1990年7月1日", "G01");
    },
    expect: { issues: [...DEMO_ISSUES, ["个人承诺!G3", "fullwidth_digits", "提示"]], exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "impossible-and-out-of-year-dates",
    from: "demo",
    build: (wb) => {
      put(wb, "活动记录!C9", "2026-02-30", "G01"); // G01's 志愿服务, +1
      put(wb, "活动记录!C10", "13/45", "G02");
      put(wb, "活动记录!C11", day(2025, 12, 31), "G02");
      put(wb, "个人承诺!G4", "2026年13月1日", "G02");
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["个人承诺!G4", "date_invalid", "错误"],
        ["活动记录!C9", "date_invalid", "错误"],
        ["活动记录!C10", "date_invalid", "错误"],
        ["活动记录!C11", "date_outside_year", "错误"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G01", "G02"],
    },
  },
  {
    name: "numbers-stored-as-text",
    from: "demo",
    build: (wb) => {
      const votes = sheet(wb, "评议打分");
      for (let r = 2; r <= 55; r++) {
        for (let c = 5; c <= 12; c++) {
          const cell = votes.getCell(r, c);
          if (typeof cell.value === "number") cell.value = c % 2 === 0 ? ` ${cell.value} ` : String(cell.value);
        }
      }
      put(wb, "个人承诺!F3", "2", "G01");
      put(wb, "个人承诺!K4", "81", "G02");
      put(wb, "活动记录!G9", "1", "G01");
      put(wb, "参数设置!B3", "2026");
      put(wb, "参数设置!B35", "90");
    },
    expect: { issues: DEMO_ISSUES, exact: true, absent: ["not_a_number"], ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "fullwidth-digits",
    from: "demo",
    build: (wb) => {
      put(wb, "评议打分!E29", "１９", "G01");
      put(wb, "个人承诺!A2", "Ｇ０１", "王建国");
      put(wb, "个人承诺!K4", "８１", "G02");
      put(wb, "活动记录!G9", "１", "G01");
      put(wb, "参数设置!B35", "９０");
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["个人承诺!A2", "fullwidth_digits", "提示"],
        ["个人承诺!K4", "fullwidth_digits", "提示"],
        ["活动记录!G9", "fullwidth_digits", "提示"],
        ["评议打分!E29", "fullwidth_digits", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "percent-strings",
    from: "demo",
    build: (wb) => {
      put(wb, "个人承诺!K4", "81%", "G02"); // a score is points, not a percentage
      put(wb, "参数设置!B6", 0.3); // 学习权重 as a percent-formatted number
      sheet(wb, "参数设置").getCell("B6").numFmt = "0%";
      put(wb, "参数设置!B7", "３０％"); // 承诺践诺权重
      put(wb, "参数设置!B8", "25 %"); // 党员互评权重
      put(wb, "参数设置!B44", 0.1); // 所级推荐比例
    },
    expect: {
      issues: [...DEMO_ISSUES, ["个人承诺!K4", "not_a_number", "错误"]],
      exact: true,
      ...ALL_DEMO,
      // 81% is not read as a score: G02's 基本完成 pledge counts 70 instead.
      totalsAsDemoExcept: ["G02"],
    },
  },
  {
    name: "negative-numbers",
    from: "demo",
    build: (wb) => {
      put(wb, "评议打分!F30", -3, "G02");
      put(wb, "个人承诺!F6", -1, "G03");
      put(wb, "个人承诺!K7", -5, "G03");
      put(wb, "活动记录!G19", -2, "G04"); // a deduction: allowed
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["个人承诺!F6", "weight_invalid", "错误"],
        ["个人承诺!K7", "score_out_of_range", "错误"],
        ["评议打分!F30", "vote_negative", "错误"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G02", "G03", "G04"],
    },
  },
  {
    name: "absurdly-large-numbers",
    from: "demo",
    build: (wb) => {
      put(wb, "评议打分!F30", 1e15, "G02");
      put(wb, "个人承诺!F6", 1.7e308, "G03");
      put(wb, "个人承诺!K7", 1.7e308, "G03");
      put(wb, "活动记录!G19", 1.7e308, "G04");
      put(wb, "评议打分!I31", 1.7e308, "G03");
      put(wb, "评议打分!J31", 1.7e308, "G03");
    },
    expect: {
      // 10^15 votes are read (and are too many); 1.7 × 10^308 is no number anyone meant, and
      // sums of such overflow to Infinity, which Excel refuses to take: not read, said where.
      issues: [
        ...DEMO_ISSUES,
        ["个人承诺!F6", "weight_invalid", "错误"],
        ["个人承诺!K7", "not_a_number", "错误"],
        ["活动记录!G19", "not_a_number", "错误"],
        ["评议打分!E30", "vote_count_high", "提示"],
        ["评议打分!I31", "not_a_number", "错误"],
        ["评议打分!J31", "not_a_number", "错误"],
        // G03's 满意 and 比较满意 are gone, so what is left is under half satisfied: a flag, rightly.
        ["评议打分!B31", "flag_mass", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G02", "G03", "G04"],
      check: (run) => {
        for (const m of run.result.members.filter((x) => x.scored)) {
          expect(Number.isFinite(m.total)).toBe(true);
          expect(m.total).toBeLessThanOrEqual(100);
          for (const v of Object.values(m.components)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
        }
      },
    },
  },
  {
    name: "booleans-in-cells",
    from: "demo",
    build: (wb) => {
      put(wb, "学习考勤!C2", true, "G01");
      put(wb, "党员名册!J2", false, "G01");
      put(wb, "评议打分!E29", true, "G01");
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["党员名册!J2", "not_in_list", "错误"],
        ["学习考勤!C2", "mark_invalid", "错误"],
        ["评议打分!E29", "not_a_number", "错误"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G01"],
    },
  },
  {
    name: "attendance-marks-spaced-and-unknown",
    from: "demo",
    build: (wb) => {
      put(wb, "学习考勤!C2", " 出 席 ", "G01");
      put(wb, "学习考勤!D2", "出席\u3000", "G01");
      put(wb, "学习考勤!E2", "√", "G01");
      put(wb, "学习考勤!F2", "病假", "G01");
    },
    expect: {
      issues: [...DEMO_ISSUES, ["学习考勤!E2", "mark_invalid", "错误"], ["学习考勤!F2", "mark_invalid", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G01"],
    },
  },
  {
    name: "a-very-long-text-cell",
    from: "demo",
    build: (wb) => put(wb, "个人承诺!D2", "结合岗位实际，".repeat(4000), "G01"), // 28,000 characters
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  // ---------------------------------------------------------------- votes
  {
    name: "more-votes-than-voters",
    from: "demo",
    build: (wb) => {
      put(wb, "评议打分!E31", 40, "G03"); // 40 + 13 + 5 + 2 = 60 votes; 26 other 参评 members
      put(wb, "评议打分!E4", 30, "G03"); // 上半年: 30 + 13 + 6 + 2 = 51
    },
    expect: {
      // One row for the sheet (one cause, one message), at its first cell, naming both rows.
      issues: [...DEMO_ISSUES, ["评议打分!E4", "vote_count_high", "提示"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G03"],
      check: (run) => {
        const high = run.issues.filter((i) => i.code === "vote_count_high").map((i) => i.params);
        expect(high).toEqual([{ names: ["张伟", "张伟"], counts: [51, 60], cells: ["E4", "E31"], voters: 26, rosterRows: [] }]);
      },
    },
  },
  {
    name: "vote-row-for-an-unknown-编号",
    from: "demo",
    build: (wb) => {
      sheet(wb, "评议打分").getRow(56).values = ["年终", "G99", "陌生人", "合格", 5, 5, 0, 0, 3, 3, 0, 0];
    },
    expect: { issues: [...DEMO_ISSUES, ["评议打分!B56", "unknown_member", "错误"]], exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  // ---------------------------------------------------------------- one cause, one message
  {
    name: "roster-编号-retyped",
    from: "demo",
    // 陈静's 编号 retyped in the roster only: her 12 rows elsewhere are one 错误 that asks
    // "是否为 G50 陈静？" and says what she is left without; her own hints are folded into it.
    build: (wb) => put(wb, "党员名册!A6", "G50", "G05"),
    expect: {
      issues: [...DEMO_ISSUES.filter(([where]) => where !== "学习考勤!C6"), ["个人承诺!A12", "unknown_member", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G05"], // her 综合得分 is now G50's, without her rows
      check: (run) => {
        const [unknown] = run.issues.filter((i) => i.code === "unknown_member");
        expect(unknown?.params).toEqual({
          id: "G05",
          name: "陈静",
          places: [
            "个人承诺!A12", "个人承诺!A13", "个人承诺!A14", "学习考勤!A6",
            "活动记录!A23", "活动记录!A24", "活动记录!A25", "活动记录!A26", "活动记录!A27", "活动记录!A28",
            "评议打分!B6", "评议打分!B33",
          ],
          rosterId: "G50",
          rosterName: "陈静",
          rosterRow: null,
          follows: ["attendance", "absence", "pledges", "peer", "mass"],
        });
      },
    },
  },
  {
    name: "roster-编号-blanked",
    from: "demo",
    // The user's case: one roster 编号 gone. Her rows elsewhere are one 错误 pointing at the roster
    // row; the 18 vote rows now one more than the voters are one 提示 that names the likely cause.
    build: (wb) => put(wb, "党员名册!A6", null, "G05"),
    expect: {
      issues: [
        ...DEMO_ISSUES.filter(([where]) => where !== "学习考勤!C6"),
        ["党员名册!A6", "id_blank", "错误"],
        ["个人承诺!A12", "unknown_member", "错误"],
        ["评议打分!E2", "vote_count_high", "提示"],
      ],
      exact: true,
      members: 27,
      computed: 26,
      check: (run) => {
        const unknown = run.issues.find((i) => i.code === "unknown_member");
        expect(unknown?.code === "unknown_member" && [unknown.params.places.length, unknown.params.rosterId, unknown.params.rosterRow]).toEqual([12, null, "党员名册!A6"]);
        const high = run.issues.find((i) => i.code === "vote_count_high");
        expect(high?.code === "vote_count_high" && [high.params.cells.length, high.params.voters, high.params.rosterRows]).toEqual([19, 25, ["党员名册!A6"]]);
      },
    },
  },
  {
    name: "考评年度-one-year-off",
    from: "demo",
    // Every session is of 2026, 考评年度 says 2027: one leading 提示 names the cause, before the
    // 错误 it explains (no session in the year, activities outside it).
    build: (wb) => put(wb, "参数设置!B3", 2027),
    expect: {
      issues: [["参数设置", "likely_wrong_year", "提示"], ["学习考勤", "component_missing", "错误"]],
      ...ALL_DEMO,
      check: (run) => {
        const [first] = run.issues;
        expect(first?.code === "likely_wrong_year" && first.params).toEqual({ year: 2027, found: 2026, foundCount: 24, outside: 24, sessions: 24, inferred: false });
        expect(run.issues.filter((i) => i.code === "likely_wrong_year")).toHaveLength(1);
      },
    },
  },
  {
    name: "roster-of-another-numbering",
    from: "demo",
    // The roster numbers its members 1–28, every other sheet G01–G28: one leading 提示 says the
    // roster and the sheets disagree; each 编号 is one row suggesting the member of that 姓名.
    build: (wb) => {
      for (let r = 2; r <= 29; r++) put(wb, `党员名册!A${r}`, r - 1, `G${String(r - 1).padStart(2, "0")}`);
    },
    expect: {
      issues: [["党员名册", "likely_wrong_roster", "提示"], ["个人承诺!A12", "unknown_member", "错误"]],
      ...ALL_DEMO,
      check: (run) => {
        const [first] = run.issues;
        expect(first?.code === "likely_wrong_roster" && first.params).toEqual({ unknown: 310, rows: 310, ids: ["G01", "G02", "G03"], idCount: 28, rosterIds: ["1", "2", "3"] });
        const unknown = run.issues.filter((i) => i.code === "unknown_member");
        expect(unknown).toHaveLength(28);
        expect(unknown.find((i) => i.code === "unknown_member" && i.params.id === "G05")?.params).toMatchObject({ rosterId: "5", rosterName: "陈静" });
      },
    },
  },
  {
    name: "vote-row-twice",
    from: "demo",
    build: (wb) => {
      sheet(wb, "评议打分").getRow(56).values = ["年终", "G03", "张伟", "合格", 20, 0, 0, 0, 10, 0, 0, 0];
    },
    expect: { issues: [...DEMO_ISSUES, ["评议打分!B56", "row_duplicate", "错误"]], exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "unknown-期次-in-a-vote-row",
    from: "demo",
    build: (wb) => put(wb, "评议打分!A31", "第三季度", "G03"),
    expect: {
      // The row is ignored, so G03 has no 年终 votes: both vote components are missing for him.
      issues: [...DEMO_ISSUES, ["评议打分!A31", "period_invalid", "错误"], ["党员名册!B4", "component_missing", "提示"], ["党员名册!B4", "component_missing", "提示"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: ["G03"],
    },
  },
  // ---------------------------------------------------------------- draft or final (docs/scoring.md)
  {
    name: "override-without-reason-in-the-other-period",
    from: "demo",
    // Computing 年终, a 上半年 row's 支委会评定 without 调整理由 touches nothing of the result.
    build: (wb) => put(wb, "评议打分!M2", "优秀", "G01"),
    expect: {
      issues: [...DEMO_ISSUES, ["评议打分!M2", "override_without_reason", "提示"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => {
        expect(run.issues.find((i) => i.code === "override_without_reason")?.outside).toBe("上半年");
        expect(run.verdict).toEqual({ final: true, errors: 0 });
      },
    },
  },
  {
    name: "no-年终-votes-at-year-end",
    from: "demo",
    build: (wb) => clearRows(sheet(wb, "评议打分"), 29, 55), // the 年终 rows deleted, 上半年 kept
    expect: {
      issues: [...DEMO_ISSUES, ["评议打分", "votes_missing", "错误"]],
      exact: true,
      ...ALL_DEMO,
      check: (run) => {
        expect(run.issues.find((i) => i.code === "votes_missing")?.params).toEqual({ period: "年终", sheetMissing: false });
        expect(run.verdict).toEqual({ final: false, errors: 1 });
      },
    },
  },
  {
    name: "no-评议打分-sheet-at-year-end",
    from: "demo",
    build: (wb) => removeSheet(wb, "评议打分"),
    expect: {
      issues: [...DEMO_ISSUES, ["评议打分", "votes_missing", "错误"]],
      exact: true,
      ...ALL_DEMO,
      check: (run) => expect(run.verdict).toEqual({ final: false, errors: 1 }),
    },
  },
  // ---------------------------------------------------------------- 学习考勤 sessions
  {
    name: "duplicate-session-columns",
    from: "demo",
    build: (wb) => {
      const ws = sheet(wb, "学习考勤");
      for (let r = 1; r <= 29; r++) ws.getCell(r, 27).value = ws.getCell(r, 3).value; // AA = a copy of C
    },
    // Found, not fixed: the copy counts as a 25th session (see the report); nothing crashes or is lost.
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO },
  },
  {
    name: "session-header-on-2月30日",
    from: "demo",
    build: (wb) => {
      const ws = sheet(wb, "学习考勤");
      ws.getCell("AA1").value = "2月30日 党课";
      for (let r = 2; r <= 29; r++) ws.getCell(r, 27).value = "出席";
    },
    expect: { issues: [...DEMO_ISSUES, ["学习考勤!AA1", "date_invalid", "错误"]], exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "session-headers-as-dates-and-odd-columns",
    from: "demo",
    build: (wb) => {
      const ws = sheet(wb, "学习考勤");
      ws.getCell("AA1").value = day(2026, 12, 28); // a real date header, 2026-12-28
      ws.getCell("AB1").value = "2025-12-30 上年度";
      ws.getCell("AC1").value = "备注";
      ws.getCell("AD1").value = 12; // a plain number is not a session
      ws.getCell("AE1").value = "12/31 年终总结"; // planned, nobody marked yet
      for (let r = 2; r <= 29; r++) {
        ws.getCell(r, 27).value = "出席";
        ws.getCell(r, 28).value = "出席";
      }
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["学习考勤!AB1", "session_outside_year", "提示"],
        ["学习考勤!AC1", "column_ignored", "提示"],
        ["学习考勤!AD1", "column_ignored", "提示"],
        ["学习考勤!AE1", "session_column_empty", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      check: (run) => expect(run.parsed.input.sessions).toHaveLength(25),
    },
  },
  // ---------------------------------------------------------------- 参数设置
  {
    name: "weights-that-do-not-add-up",
    from: "demo",
    build: (wb) => put(wb, "参数设置!B6", "40%"),
    expect: { issues: [...DEMO_ISSUES, ["参数设置!B6", "weights_sum", "错误"]], exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "thresholds-out-of-order",
    from: "demo",
    build: (wb) => put(wb, "参数设置!B36", 95), // 合格分数线 above 优秀分数线
    expect: {
      issues: [...DEMO_ISSUES, ["参数设置!B35", "thresholds_order", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.result.settings.thresholdQualified).toBe(70),
    },
  },
  {
    name: "unknown-考评期",
    from: "demo",
    build: (wb) => put(wb, "参数设置!B4", "全年度"),
    expect: {
      issues: [...DEMO_ISSUES, ["参数设置!B4", "setting_invalid", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.result.settings.period).toBe("年终"),
    },
  },
  {
    name: "考评年度-blank",
    from: "demo",
    build: (wb) => put(wb, "参数设置!B3", null),
    expect: { issues: [...DEMO_ISSUES, ["参数设置", "year_inferred", "提示"]], exact: true, ...ALL_DEMO, totalsAsDemoExcept: [] },
  },
  {
    name: "settings-duplicated-unknown-and-out-of-range",
    from: "demo",
    build: (wb) => {
      const ws = sheet(wb, "参数设置");
      // Well below the last setting (rows 2–52 today), so that settings appended later do not collide.
      ws.getRow(60).values = ["学习权重", "50%"];
      ws.getRow(61).values = ["不存在的参数", 1];
      put(wb, "参数设置!B34", 500); // 奉献加分上限, 0–20
      put(wb, "参数设置!B42", "2/1"); // 优秀比例上限 over 100%
    },
    expect: {
      issues: [
        ...DEMO_ISSUES,
        ["参数设置!B34", "setting_out_of_range", "错误"],
        ["参数设置!B42", "setting_out_of_range", "错误"],
        ["参数设置!A60", "row_duplicate", "错误"],
        ["参数设置!A61", "setting_unknown", "提示"],
      ],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  {
    name: "text-that-looks-like-an-error-value",
    from: "demo",
    build: (wb) => {
      put(wb, "党员名册!K2", "#N/A", "G01"); // 备注 typed as text
      put(wb, "个人承诺!J4", "#REF!", "G02"); // 未完成原因
    },
    expect: {
      // Office.js reports an error cell as the text "#N/A", so both hosts read such text as the error.
      issues: [...DEMO_ISSUES, ["党员名册!K2", "formula_error", "错误"]],
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
    },
  },
  // ---------------------------------------------------------------- layouts branches have (issue 12, item 6)
  {
    name: "votes-in-two-blocks-with-a-期次-column-each",
    from: "demo",
    build: (wb) => votesSideBySide(wb, "期次"),
    expect: {
      issues: DEMO_ISSUES,
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.parsed.input.votes.map((v) => v.period).sort().join()).toBe([...Array<string>(27).fill("上半年"), ...Array<string>(27).fill("年终")].join()),
    },
  },
  {
    name: "votes-in-two-blocks-under-merged-titles",
    from: "demo",
    build: (wb) => votesSideBySide(wb, "titles"),
    expect: { issues: DEMO_ISSUES, exact: true, ...ALL_DEMO, totalsAsDemoExcept: [], check: (run) => expect(run.parsed.input.votes).toHaveLength(54) },
  },
  {
    name: "votes-in-two-blocks-that-say-no-period",
    from: "demo",
    build: (wb) => votesSideBySide(wb, "bare"),
    expect: {
      // Refused loudly at the repeated headers; neither block scores 年终 (the result is a draft).
      // One cause, one message: no "no vote at all" beside it — the votes are there, unread.
      issues: [...DEMO_ISSUES, ["评议打分!A1", "vote_blocks_period_unknown", "错误"]],
      exact: true,
      ...ALL_DEMO,
      check: (run) => expect(run.parsed.input.votes).toEqual([]),
    },
  },
  {
    name: "attendance-two-row-header-merged",
    from: "demo",
    build: (wb) => attendanceHeaderInTwoRows(wb, false),
    expect: {
      issues: demoIssuesMoved({ "学习考勤!C6": "学习考勤!C7", "学习考勤!E21": "学习考勤!E22" }),
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.parsed.input.sessions.map((s) => s.title).slice(0, 2)).toEqual(["专题学习", "组织生活会"]),
    },
  },
  {
    name: "attendance-dates-above-the-header-row",
    from: "demo",
    build: (wb) => attendanceHeaderInTwoRows(wb, true),
    expect: {
      issues: demoIssuesMoved({ "学习考勤!C6": "学习考勤!C7", "学习考勤!E21": "学习考勤!E22" }),
      exact: true,
      ...ALL_DEMO,
      totalsAsDemoExcept: [],
      check: (run) => expect(run.parsed.input.sessions).toHaveLength(24),
    },
  },
];
