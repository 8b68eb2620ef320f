/**
 * Test helpers that speak spreadsheet: a workbook is a map from sheet name to rows, cells are
 * addressed as "学习考勤!D7", and issues are asserted by sheet, cell and code.
 *
 * `validWorkbook()` is a small, complete and issue-free workbook (year 2010, 年终, three members);
 * every test copies it and changes one thing.
 */
import { parseA1 } from "../../src/core/address";
import type { Issue, IssueCode, IssueLevel } from "../../src/core/issues";
import { DEFAULT_SETTINGS, SETTING_DEFS, settingValueText } from "../../src/core/settings";
import type { Period } from "../../src/core/types";
import type { CellValue } from "../../src/workbook/cells";
import { parseWorkbook, type ParseResult, type SheetGrid } from "../../src/workbook/parse";

export type Row = CellValue[];
/** Sheet name → rows (row 1 first). Insertion order is the workbook's sheet order. */
export type Workbook = Record<string, Row[]>;

/** A date cell as exceljs hands it over: the day at UTC midnight. */
export function date(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

/** An error value such as #N/A. */
export function err(code = "#N/A"): CellValue {
  return { error: code };
}

/** Rows as arrays, one array per spreadsheet row. */
export function rows(...rs: Row[]): Row[] {
  return rs.map((r) => [...r]);
}

// ------------------------------------------------------------------ the valid workbook

export const YEAR = 2010;

export const SETTINGS_HEADER: Row = ["参数", "值", "说明"];
export const ROSTER_HEADER: Row = ["编号", "姓名", "性别", "党员类别", "党小组", "入党时间", "岗位/职务", "参评状态", "不参评原因", "本年受处分", "备注"];
export const PLEDGE_HEADER: Row = ["编号", "姓名", "承诺类型", "承诺内容", "完成时限", "权重", "提交日期", "支部审核", "完成情况", "未完成原因", "考核得分"];
export const ATTENDANCE_HEADER: Row = ["编号", "姓名", "2010-03-15 集中学习", "2010-09-20 党课"];
export const ACTIVITY_HEADER: Row = ["编号", "姓名", "日期", "类别", "内容", "级别", "加分"];
export const VOTES_HEADER: Row = [
  "期次", "编号", "姓名", "自评等次",
  "互评优秀", "互评合格", "互评基本合格", "互评不合格",
  "群众满意", "群众比较满意", "群众基本满意", "群众不满意",
  "支委会评定", "调整理由",
];

/** Every setting at its default (so nothing is "missing"), year 2010, period 年终. */
export function fullSettingsRows(): Row[] {
  const values = { ...DEFAULT_SETTINGS, branchName: "光栅室党支部", year: YEAR };
  return [SETTINGS_HEADER, ...SETTING_DEFS.map((d): Row => [d.label, settingValueText(d, values), d.note])];
}

/**
 * Cell map of the valid workbook (1-based rows as in Excel):
 *
 * 党员名册   A 编号 | B 姓名 | … ; rows 2–4: 001 张三, 002 李四, 003 王五 (预备党员)
 * 个人承诺   A 编号 | B 姓名 | … | F 权重 | G 提交日期 | H 支部审核 | I 完成情况 | J 未完成原因 | K 考核得分; rows 2–4
 * 学习考勤   A 编号 | B 姓名 | C 2010-03-15 集中学习 | D 2010-09-20 党课; rows 2–4
 * 活动记录   A 编号 | B 姓名 | C 日期 | D 类别 | E 内容 | F 级别 | G 加分; rows 2–3
 * 评议打分   A 期次 | B 编号 | C 姓名 | D 自评等次 | E–H 互评 | I–L 群众 | M 支委会评定 | N 调整理由; rows 2–4
 */
export function validWorkbook(): Workbook {
  return {
    参数设置: fullSettingsRows(),
    党员名册: rows(
      ROSTER_HEADER,
      ["001", "张三", "男", "正式党员", "第一党小组", date(2001, 7, 1), "研究员", "参评", null, "无", null],
      ["002", "李四", "女", "正式党员", "第一党小组", date(2005, 7, 1), "工程师", "参评", null, "无", null],
      ["003", "王五", "男", "预备党员", "第二党小组", date(2009, 12, 1), "博士后", "参评", null, "无", null],
    ),
    个人承诺: rows(
      PLEDGE_HEADER,
      ["001", "张三", "党员承诺", "全年读书笔记4篇", "2010年12月", 1, "2010-09-10", "通过", "完成", null, null],
      ["002", "李四", "岗位承诺", "完成设备调试", "2010年12月", 2, "2010-09-01", "通过", "基本完成", "设备延期", 80],
      ["003", "王五", "党员承诺", "按时参加组织生活", "2010年12月", null, date(2010, 9, 14), "通过", "完成", null, null],
    ),
    学习考勤: rows(
      ATTENDANCE_HEADER,
      ["001", "张三", "出席", "出席"],
      ["002", "李四", "迟到", "出席"],
      ["003", "王五", "请假", "补学"],
    ),
    活动记录: rows(
      ACTIVITY_HEADER,
      ["001", "张三", "2010-04-01", "读书笔记", "读《党章》", "支部", 0],
      ["002", "李四", date(2010, 10, 8), "竞赛获奖", "所青年创新竞赛二等奖", "所级", 2],
    ),
    评议打分: rows(
      VOTES_HEADER,
      ["年终", "001", "张三", "优秀", 10, 2, 0, 0, 8, 2, 0, 0, null, null],
      ["年终", "002", "李四", "合格", 6, 6, 0, 0, 5, 5, 0, 0, null, null],
      [null, "003", "王五", "合格", 4, 8, 0, 0, 4, 6, 0, 0, null, null],
    ),
  };
}

/**
 * validWorkbook with believable 互评 counts: 张三 2 优秀, 李四 1 优秀 + 1 合格, 王五 2 合格 —
 * no more votes than the other voters (its own counts, 12 each, are more than 3 members cast).
 */
export function believableVotes(): Workbook {
  const wb = validWorkbook();
  for (const [row, e, f] of [
    [2, 2, 0],
    [3, 1, 1],
    [4, 0, 2],
  ] as const) {
    set(wb, `评议打分!E${row}`, e);
    set(wb, `评议打分!F${row}`, f);
  }
  return wb;
}

// ------------------------------------------------------------------ addressing cells

/** "D7" → { row: 6, col: 3 } (0-based). */
export function at(address: string): { row: number; col: number } {
  const p = parseA1(address);
  if (!p) throw new Error(`not an A1 address: ${address}`);
  return p;
}

function split(where: string): { sheet: string; cell: string } {
  const i = where.lastIndexOf("!");
  return i < 0 ? { sheet: where, cell: "" } : { sheet: where.slice(0, i), cell: where.slice(i + 1) };
}

function sheetRows(wb: Workbook, sheet: string): Row[] {
  const g = wb[sheet];
  if (!g) throw new Error(`no sheet ${sheet} in the test workbook`);
  return g;
}

/** Write one cell, e.g. set(wb, "学习考勤!D3", "√"); rows and columns grow as needed. */
export function set(wb: Workbook, where: string, value: CellValue): void {
  const { sheet, cell } = split(where);
  const g = sheetRows(wb, sheet);
  const { row, col } = at(cell);
  while (g.length <= row) g.push([]);
  const r = g[row] as Row;
  while (r.length <= col) r.push(null);
  r[col] = value;
}

export function get(wb: Workbook, where: string): CellValue {
  const { sheet, cell } = split(where);
  const { row, col } = at(cell);
  return sheetRows(wb, sheet)[row]?.[col] ?? null;
}

/** Append a row at the bottom of a sheet; returns its 1-based row number. */
export function addRow(wb: Workbook, sheet: string, row: Row): number {
  const g = sheetRows(wb, sheet);
  g.push([...row]);
  return g.length;
}

/** Replace a whole row (1-based). */
export function setRow(wb: Workbook, sheet: string, rowNumber: number, row: Row): void {
  const g = sheetRows(wb, sheet);
  while (g.length < rowNumber) g.push([]);
  g[rowNumber - 1] = [...row];
}

/** Insert rows above row 1 (a title, a blank line …): every address below moves down. */
export function insertRowsAbove(wb: Workbook, sheet: string, ...above: Row[]): void {
  sheetRows(wb, sheet).unshift(...above.map((r) => [...r]));
}

/** Insert a column before the 1-based column `col` in every row (the header gets `header`). */
export function insertColumn(wb: Workbook, sheet: string, col: number, header: CellValue, fill: CellValue = null): void {
  sheetRows(wb, sheet).forEach((r, i) => {
    while (r.length < col - 1) r.push(null);
    r.splice(col - 1, 0, i === 0 ? header : fill);
  });
}

/** Reorder every row's columns: `order` lists the old 1-based column numbers, new order. */
export function reorderColumns(wb: Workbook, sheet: string, order: readonly number[]): void {
  const g = sheetRows(wb, sheet);
  for (let i = 0; i < g.length; i++) {
    const r = g[i] as Row;
    g[i] = order.map((c) => r[c - 1] ?? null);
  }
}

export function removeSheet(wb: Workbook, sheet: string): void {
  sheetRows(wb, sheet);
  delete wb[sheet];
}

/** A small 参数设置 sheet: header in row 1, then one [参数, 值] row each (row 2 onwards). */
export function settingsSheet(...pairs: [string, CellValue][]): Row[] {
  return [SETTINGS_HEADER, ...pairs.map(([k, v]): Row => [k, v])];
}

export function toSheets(wb: Workbook): SheetGrid[] {
  return Object.entries(wb).map(([name, grid]) => ({ name, grid }));
}

export interface ParseOpts {
  readonly fallbackYear?: number;
  readonly period?: Period;
}

export function parse(wb: Workbook, opts: ParseOpts = {}): ParseResult {
  return parseWorkbook(toSheets(wb), {
    fallbackYear: opts.fallbackYear ?? YEAR,
    ...(opts.period ? { period: opts.period } : {}),
  });
}

// ------------------------------------------------------------------ asserting issues

export function show(i: Issue): string {
  return `${i.level} ${i.cell ? `${i.sheet}!${i.cell}` : i.sheet} ${i.code} ${JSON.stringify(i.params)}`;
}

function listing(issues: readonly Issue[]): string {
  return issues.length === 0 ? "  (no issues)" : issues.map((i) => `  ${show(i)}`).join("\n");
}

/**
 * The issue with this code at this place ("学习考勤!D7", or "参数设置" for a whole-sheet issue);
 * fails with the full issue list when there is none. Checks the level when given.
 */
export function expectIssue<C extends IssueCode>(issues: readonly Issue[], where: string, code: C, level?: IssueLevel): Extract<Issue, { code: C }> {
  const { sheet, cell } = split(where);
  const hit = issues.find((i): i is Extract<Issue, { code: C }> => i.sheet === sheet && i.cell === cell && i.code === code);
  if (!hit) throw new Error(`expected ${code} at ${where}; got:\n${listing(issues)}`);
  if (level !== undefined && hit.level !== level) throw new Error(`expected ${code} at ${where} to be ${level}, is ${hit.level}`);
  return hit;
}

/** No issue with this code (anywhere, or at `where` when given). */
export function expectNoIssue(issues: readonly Issue[], code: IssueCode, where?: string): void {
  const place = where === undefined ? null : split(where);
  const hits = issues.filter((i) => i.code === code && (!place || (i.sheet === place.sheet && i.cell === place.cell)));
  if (hits.length > 0) throw new Error(`expected no ${code}${where ? ` at ${where}` : ""}; got:\n${listing(hits)}`);
}

/** Exactly these issues, as "level sheet!cell code" lines, in any order. */
export function expectIssues(issues: readonly Issue[], expected: readonly [where: string, code: IssueCode, level: IssueLevel][]): void {
  const key = (where: string, code: string, level: string): string => `${level} ${where} ${code}`;
  const got = issues.map((i) => key(i.cell ? `${i.sheet}!${i.cell}` : i.sheet, i.code, i.level)).sort();
  const want = expected.map(([w, c, l]) => key(w, c, l)).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`issues differ.\nexpected:\n${want.map((x) => `  ${x}`).join("\n") || "  (none)"}\ngot:\n${listing(issues)}`);
  }
}

export function withCode<C extends IssueCode>(issues: readonly Issue[], code: C): Extract<Issue, { code: C }>[] {
  return issues.filter((i): i is Extract<Issue, { code: C }> => i.code === code);
}

/** Issues other than the given codes (to look past expected noise such as setting_missing). */
export function except(issues: readonly Issue[], ...codes: IssueCode[]): Issue[] {
  return issues.filter((i) => !codes.includes(i.code));
}

/** The 值 cell of a setting in `fullSettingsRows()`, e.g. settingCell("考评年度") → "参数设置!B3". */
export function settingCell(label: string): string {
  const i = SETTING_DEFS.findIndex((d) => d.label === label);
  if (i < 0) throw new Error(`no setting ${label}`);
  return `参数设置!B${i + 2}`;
}
