/**
 * The institute (所党委) roll-up: the engine's run on each branch workbook → the five tables of
 * one institute workbook (支部汇总, 党员总表, 所级推荐, 重复人员, 问题清单). Pure and
 * deterministic: the caller reads the files and runs the engine (src/node/merge.ts); the same
 * files in any order give the same cells, because branches are sorted here (see compareBranches).
 */
import type { Issue, IssueLevel, Verdict } from "../core/issues";
import { type RollupNote, type SkipReason, type Unreadable, skipCode } from "../core/rollup";
import { naturalCompare, roundHalfUp } from "../core/numbers";
import type { AppraisalResult, FinalGrade, MemberResult, Nomination } from "../core/types";

// The roll-up's notes and skip reasons are data the core defines and messages/ words.
export type { BranchGroup, RollupNote, RollupNoteCode, RollupNoteParamsByCode, SkipReason, Unreadable } from "../core/rollup";
export { skipCode };
import { nominationReason } from "../messages/nominations";
import { rollupDraftTitle, rollupNoteText, skipText } from "../messages/rollup";
import { type AdviceOptions, describe } from "../messages/zh-CN";
import { headerKey, normalizeSpaces, safeText } from "./cells";
import { ISSUES_SHEET, OUTPUT_MARK, type OutputColumn, RESULT_SHEET } from "./layout";
import { draftHeader, type TableSheet, withDraftLine } from "./output";

/** What the roll-up needs of an engine run (an EngineRun is one). */
export interface BranchRun {
  readonly refused: boolean;
  readonly result: AppraisalResult;
  readonly issues: readonly Issue[];
  /** Final, or a draft with this many 错误 (verdictOf): a draft is merged, marked 草稿. */
  readonly verdict: Verdict;
}

/** One input file, as the caller could read it. */
export interface BranchFile {
  /** The file as the roll-up names it (merge.ts: the base name, or a path when two share one). */
  readonly file: string;
  /** The engine's run on the file's input sheets; absent when it is not a branch workbook. */
  readonly run?: BranchRun;
  /** Why there is no run: a file problem (missing, not an .xlsx, unreadable, not a branch workbook). */
  readonly unreadable?: Unreadable;
}

export interface BranchEntry {
  readonly file: string;
  /** 支部名称 from 参数设置, else the file name without its extension. */
  readonly name: string;
  /** How 支部 columns name it: the name, with the file added when two files share the name. */
  readonly label: string;
  readonly merged: boolean;
  /** Merged as a draft: 错误 are left in its data (its members 草稿, its nominees 待核实). */
  readonly draft: boolean;
  /** Why it was not merged (null when merged). */
  readonly skip: SkipReason | null;
  readonly run: BranchRun | null;
  readonly errors: number;
  readonly hints: number;
}

export interface Occurrence {
  readonly branch: BranchEntry;
  readonly member: MemberResult;
}

export type DuplicateKind = "编号、姓名" | "编号" | "姓名";

export interface DuplicateGroup {
  readonly kind: DuplicateKind;
  readonly value: string;
  readonly occurrences: readonly Occurrence[];
  readonly advice: string;
}

export interface RankedNominee {
  /** Competition ranking (1, 2, 2, 4) on 综合得分 across every merged branch. */
  readonly rank: number;
  readonly branch: BranchEntry;
  readonly nomination: Nomination;
}

export interface Rollup {
  /** Every input file in roll-up order: merged or not. */
  readonly branches: readonly BranchEntry[];
  /** Every branch merged, drafts included. */
  readonly merged: readonly BranchEntry[];
  /** The merged branches that are drafts (a subset of merged). */
  readonly drafts: readonly BranchEntry[];
  /** No merged branch is a draft: the roll-up's titles and page header carry no 草稿. */
  readonly final: boolean;
  readonly skipped: readonly BranchEntry[];
  readonly duplicates: readonly DuplicateGroup[];
  readonly nominees: readonly RankedNominee[];
  /** The roll-up's own notes: the caller's, then mixed years or periods, a branch name twice. */
  readonly notes: readonly RollupNote[];
  /** How many rows of 问题清单 are 错误 and 提示. */
  readonly listed: { readonly errors: number; readonly hints: number };
  /** "2026年 年终", or every year and period found when the branches differ. */
  readonly period: string;
  /** The printed page header's first part: "全所汇总 2026年 年终", with （草稿） when not final. */
  readonly pageHeader: string;
  readonly sheets: readonly TableSheet[];
}

export interface RollupOptions {
  /** Leave drafts out (listed with their reason), for an institute that wants final branches only. */
  readonly strict?: boolean;
  /** Whose ways 问题清单's fixes name; a branch's own file is named in its advice. */
  readonly advice?: AdviceOptions;
}

export const ROLLUP_SHEET_NAMES = ["支部汇总", "党员总表", "所级推荐", "重复人员", "问题清单"] as const;

const t = (s: string): string => safeText(s);
const num2 = "0.00";
const int = "0";

const SUMMARY_COLUMNS: readonly OutputColumn[] = [
  { header: "序号", width: 6, numFmt: int },
  { header: "支部名称", width: 22 },
  { header: "文件", width: 24 },
  { header: "考评年度", width: 8, numFmt: int },
  { header: "考评期", width: 8 },
  { header: "党员数", width: 7, numFmt: int },
  { header: "参评", width: 6, numFmt: int },
  { header: "评定等次人数", width: 8, numFmt: int },
  { header: "优秀", width: 6, numFmt: int },
  { header: "合格", width: 6, numFmt: int },
  { header: "基本合格", width: 8, numFmt: int },
  { header: "不合格", width: 7, numFmt: int },
  { header: "待定", width: 6, numFmt: int },
  { header: "平均综合得分", width: 9, numFmt: num2 },
  { header: "支部表彰", width: 8, numFmt: int },
  { header: "所级推荐", width: 8, numFmt: int },
  { header: "错误", width: 6, numFmt: int },
  { header: "提示", width: 6, numFmt: int },
  { header: "状态", width: 30 },
];

/** 党员总表's and 所级推荐's 结果 of a final branch's rows. */
const RESULT_FINAL = "最终";
/** 党员总表's 结果 of a draft branch's members. */
const RESULT_DRAFT = "草稿";
/** 所级推荐's 结果 for a nominee of a draft branch: the nomination may change once it is corrected. */
const RESULT_UNCONFIRMED = "待核实";

const MEMBER_COLUMNS: readonly OutputColumn[] = [
  { header: "支部", width: 22 },
  // 结果 (最终/草稿) is the branch's verdict, so it stands by 支部: the block 编号 … 综合得分 stays
  // as in each branch's 综合评定, and 最终等次 keeps its place by 支部内排名. The header is 结果,
  // not 状态 or 最终, so that it is not read as a member's grade.
  { header: "结果", width: 6 },
  // 编号 … 综合得分: the same columns as each branch's 综合评定, so the two read alike.
  ...RESULT_SHEET.columns.slice(0, RESULT_SHEET.columns.findIndex((c) => c.header === "综合得分") + 1),
  { header: "支部内排名", width: 8, numFmt: int },
  { header: "最终等次", width: 10 },
  { header: "重复提醒", width: 36 },
];

const NOMINEE_COLUMNS: readonly OutputColumn[] = [
  { header: "名次", width: 6, numFmt: int },
  { header: "支部", width: 22 },
  // By 支部, as in 党员总表: 待核实 is about the branch's data, and 名次 stays the first column.
  { header: "结果", width: 7 },
  { header: "编号", width: 10 },
  { header: "姓名", width: 10 },
  { header: "综合得分", width: 9, numFmt: num2 },
  { header: "承诺践诺", width: 9, numFmt: num2 },
  { header: "推荐理由", width: 80 },
];

const DUPLICATE_COLUMNS: readonly OutputColumn[] = [
  { header: "组", width: 5, numFmt: int },
  { header: "重复项", width: 10 },
  { header: "值", width: 16 },
  { header: "支部", width: 22 },
  { header: "文件", width: 24 },
  { header: "单元格", width: 14 },
  { header: "编号", width: 10 },
  { header: "姓名", width: 10 },
  { header: "参评情况", width: 10 },
  { header: "说明", width: 44 },
];

// 序号, then which file, then 级别 … 代码: the columns of each branch's own 问题清单.
const ISSUE_COLUMNS: readonly OutputColumn[] = [
  ...ISSUES_SHEET.columns.slice(0, 1),
  { header: "支部", width: 22 },
  { header: "文件", width: 24 },
  ...ISSUES_SHEET.columns.slice(1),
];

// ----------------------------------------------------------------------------------- order

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105: the ordinals in branch names. */
function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch] ?? 0;
  }
  return total + digit;
}

/** 第十一党支部 sorts as 第11党支部, so branches come in their numbered order. */
function branchSortKey(name: string): string {
  return name.replace(/第([零〇一二两三四五六七八九十百]+)/g, (_, n: string) => `第${chineseNumber(n)}`);
}

/**
 * Roll-up order: 支部名称 in natural order, with the ordinal of 第…支部 read as a number
 * (第二 before 第十, 第2 before 第10); then the name as written; then the file name.
 */
export function compareBranches(a: { name: string; file: string }, b: { name: string; file: string }): number {
  return (
    naturalCompare(branchSortKey(a.name), branchSortKey(b.name)) ||
    naturalCompare(a.name, b.name) ||
    naturalCompare(a.file, b.file)
  );
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, "") || base;
}

function entries(files: readonly BranchFile[], strict: boolean): BranchEntry[] {
  const raw = files.map((f) => {
    const run = f.run ?? null;
    const errors = run ? run.issues.filter((i) => i.level === "错误").length : 0;
    const hints = run ? run.issues.length - errors : 0;
    const name = normalizeSpaces(run?.result.settings.branchName ?? "") || fileStem(f.file);
    let skip: SkipReason | null = null;
    if (!run) skip = { code: "rollup_file_unreadable", unreadable: f.unreadable ?? null };
    else if (run.refused) skip = { code: "rollup_branch_refused" };
    else if (strict && !run.verdict.final) skip = { code: "rollup_branch_errors", errors: run.verdict.errors };
    const draft = skip === null && run !== null && !run.verdict.final;
    return { file: f.file, name, run, errors, hints, merged: skip === null, draft, skip };
  });
  raw.sort(compareBranches);
  const nameCount = new Map<string, number>();
  for (const r of raw) nameCount.set(r.name, (nameCount.get(r.name) ?? 0) + 1);
  return raw.map((r) => ({ ...r, label: (nameCount.get(r.name) ?? 0) > 1 ? `${r.name}（${r.file}）` : r.name }));
}

// ------------------------------------------------------------------------------ duplicates

function duplicateGroups(merged: readonly BranchEntry[]): DuplicateGroup[] {
  const byId = new Map<string, Occurrence[]>();
  const byName = new Map<string, Occurrence[]>();
  const add = (map: Map<string, Occurrence[]>, key: string, o: Occurrence): void => {
    if (key === "") return;
    const list = map.get(key);
    if (list) list.push(o);
    else map.set(key, [o]);
  };
  for (const branch of merged) {
    for (const member of branch.run?.result.members ?? []) {
      const o = { branch, member };
      add(byId, member.member.id.trim(), o);
      // A two-character name padded with a full-width space for alignment is the same name.
      add(byName, headerKey(member.member.name), o);
    }
  }
  const inTwoBranches = (list: readonly Occurrence[]): boolean => new Set(list.map((o) => o.branch)).size > 1;
  const setKey = (list: readonly Occurrence[]): string =>
    list
      .map((o) => `${merged.indexOf(o.branch)}:${o.member.member.ref.cell}`)
      .sort()
      .join("|");
  const ids = [...byId.entries()].filter(([, list]) => inTwoBranches(list));
  const names = [...byName.entries()].filter(([, list]) => inTwoBranches(list));
  const nameSets = new Map(names.map(([key, list]) => [setKey(list), key]));
  const combined = new Set<string>();
  const groups: DuplicateGroup[] = [];
  const branchCount = (list: readonly Occurrence[]): number => new Set(list.map((o) => o.branch)).size;
  for (const [id, list] of ids) {
    const nameKey = nameSets.get(setKey(list));
    if (nameKey !== undefined) {
      combined.add(nameKey);
      groups.push({
        kind: "编号、姓名",
        value: `${id} ${normalizeSpaces((list[0] as Occurrence).member.member.name)}`,
        occurrences: list,
        advice: `编号和姓名都相同：可能是同一名党员在 ${branchCount(list)} 个支部登记（如组织关系转接），请确认只在一个支部参评`,
      });
      continue;
    }
    groups.push({ kind: "编号", value: id, occurrences: list, advice: "编号相同、姓名不同：请核对编号是否填错（全所编号应唯一）" });
  }
  for (const [key, list] of names) {
    if (combined.has(key)) continue;
    groups.push({
      kind: "姓名",
      value: normalizeSpaces((list[0] as Occurrence).member.member.name),
      occurrences: list,
      advice: "姓名相同、编号不同：可能是同名的不同党员，也可能是同一人，请核对",
    });
  }
  // Each list is already in roll-up order of the branches, then roster order (built that way).
  const kindOrder: readonly DuplicateKind[] = ["编号、姓名", "编号", "姓名"];
  return groups.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || naturalCompare(a.value, b.value));
}

/** For each member found in a duplicate group: "编号与 第二党支部 相同；姓名与 第十党支部 相同". */
function duplicateHints(groups: readonly DuplicateGroup[]): Map<MemberResult, string> {
  const parts = new Map<MemberResult, string[]>();
  for (const g of groups) {
    for (const o of g.occurrences) {
      const others = [...new Set(g.occurrences.filter((x) => x.branch !== o.branch).map((x) => x.branch.label))];
      if (others.length === 0) continue;
      const what = g.kind === "编号、姓名" ? "编号和姓名" : g.kind;
      const list = parts.get(o.member) ?? [];
      // Branches that number their members 1, 2, 3… share every 编号: keep the cell short.
      const where = others.length <= 3 ? `${others.join("、")} ` : `${others.slice(0, 3).join("、")} 等 ${others.length} 个支部`;
      list.push(`${what}与 ${where}相同`);
      parts.set(o.member, list);
    }
  }
  return new Map([...parts.entries()].map(([m, p]) => [m, p.join("；")]));
}

// ------------------------------------------------------------------------------ nominations

function attendanceKey(m: MemberResult | undefined): number {
  const rate = m?.facts?.attendanceRate;
  return rate === null || rate === undefined ? -1 : roundHalfUp(rate * 100, 2);
}

/**
 * Every 所级推荐 of every merged branch, in one list: 综合得分, 承诺践诺 and attendance rate
 * descending (the branch's own tie-breaks), then roll-up order of the branches, then the
 * branch's own order. 名次 is competition ranking on 综合得分 alone: equal totals share it.
 */
function rankNominees(merged: readonly BranchEntry[]): RankedNominee[] {
  const list = merged.flatMap((branch, b) => {
    const result = branch.run?.result;
    if (!result) return [];
    const byId = new Map(result.members.map((m) => [m.member.id, m]));
    return result.nominations
      .filter((n) => n.category === "所级推荐")
      .map((nomination) => ({ branch, b, nomination, rate: attendanceKey(byId.get(nomination.memberId)) }));
  });
  list.sort(
    (x, y) =>
      y.nomination.total - x.nomination.total ||
      y.nomination.pledge - x.nomination.pledge ||
      y.rate - x.rate ||
      x.b - y.b ||
      x.nomination.order - y.nomination.order,
  );
  let rank = 0;
  return list.map((x, i) => {
    if (i === 0 || (list[i - 1] as (typeof list)[number]).nomination.total !== x.nomination.total) rank = i + 1;
    return { rank, branch: x.branch, nomination: x.nomination };
  });
}

// ------------------------------------------------------------------------------------ notes

function mixedNotes(merged: readonly BranchEntry[]): RollupNote[] {
  const notes: RollupNote[] = [];
  const spread = <K extends string | number>(key: (s: AppraisalResult["settings"]) => K): Map<K, string[]> => {
    const m = new Map<K, string[]>();
    for (const b of merged) {
      const k = key((b.run as BranchRun).result.settings);
      m.set(k, [...(m.get(k) ?? []), b.label]);
    }
    return m;
  };
  const years = spread((s) => s.year);
  if (years.size > 1) {
    const groups = [...years.entries()].sort((a, b) => b[0] - a[0]).map(([key, branches]) => ({ key, branches }));
    notes.push({ file: "", level: "提示", code: "rollup_mixed_year", params: { groups } });
  }
  const periods = spread((s) => s.period);
  if (periods.size > 1) {
    const groups = [...periods.entries()].sort((a, b) => naturalCompare(a[0], b[0])).map(([key, branches]) => ({ key, branches }));
    notes.push({ file: "", level: "提示", code: "rollup_mixed_period", params: { groups } });
  }
  return notes;
}

function sameNameNotes(all: readonly BranchEntry[]): RollupNote[] {
  const byName = new Map<string, BranchEntry[]>();
  for (const b of all) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
  return [...byName.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([name, list]): RollupNote => ({ file: "", level: "提示", code: "rollup_branch_name_twice", params: { name, files: list.map((b) => b.file) } }));
}

function periodLabel(merged: readonly BranchEntry[]): string {
  const years = [...new Set(merged.map((b) => (b.run as BranchRun).result.settings.year))].sort((a, b) => a - b);
  const periods = [...new Set(merged.map((b) => (b.run as BranchRun).result.settings.period))].sort((a, b) => naturalCompare(a, b));
  if (years.length === 0) return "";
  return `${years.join("、")}年 ${periods.join("、")}`;
}

// ----------------------------------------------------------------------------------- tables

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function scoredMembers(b: BranchEntry): MemberResult[] {
  const members = (b.run?.result.members ?? []).map((m, i) => ({ m, i })).filter((x) => x.m.rank !== null && x.m.total !== null);
  members.sort((x, y) => (x.m.rank as number) - (y.m.rank as number) || x.i - y.i);
  return members.map((x) => x.m);
}

function averageTotal(members: readonly MemberResult[]): number | null {
  return members.length === 0 ? null : roundHalfUp(sum(members.map((m) => m.total as number)) / members.length, 2);
}

const GRADE_COLUMNS: readonly FinalGrade[] = ["优秀", "合格", "基本合格", "不合格", "待定"];

/** The 错误 that make a merged branch a draft. */
const draftErrors = (b: BranchEntry): number => b.run?.verdict.errors ?? 0;

/** "已汇总 4 个，其中草稿 1 个，未汇总 2 个": 合计's 状态 and 支部汇总's title. */
function mergedCount(all: readonly BranchEntry[], merged: readonly BranchEntry[]): string {
  const drafts = merged.filter((b) => b.draft).length;
  return `已汇总 ${merged.length} 个${drafts ? `，其中草稿 ${drafts} 个` : ""}，未汇总 ${all.length - merged.length} 个`;
}

function summarySheet(all: readonly BranchEntry[], merged: readonly BranchEntry[], title: (s: string, extra: string) => string): TableSheet {
  const rows = all.map((b, i) => {
    const head = [i + 1, t(b.name), t(b.file)];
    const s = b.run?.result.settings;
    const yearPeriod = s ? [s.year, s.period] : [null, null];
    const status = b.skip !== null ? t(`未汇总：${skipText(b.skip).problem}`) : b.draft ? `已汇总（草稿：${draftErrors(b)} 条错误）` : "已汇总";
    if (!b.merged || !b.run) return [...head, ...yearPeriod, ...Array<null>(11).fill(null), b.run ? b.errors : null, b.run ? b.hints : null, status];
    const sm = b.run.result.summary;
    return [
      ...head,
      ...yearPeriod,
      sm.members,
      sm.scored,
      sm.graded,
      ...GRADE_COLUMNS.map((g) => sm.perGrade[g]),
      averageTotal(scoredMembers(b)),
      sm.branchNominees,
      sm.instituteNominees,
      b.errors,
      b.hints,
      status,
    ];
  });
  const sums = merged.map((b) => (b.run as BranchRun).result.summary);
  const total = (f: (s: AppraisalResult["summary"]) => number): number => sum(sums.map(f));
  const years = [...new Set(merged.map((b) => (b.run as BranchRun).result.settings.year))];
  const periods = [...new Set(merged.map((b) => (b.run as BranchRun).result.settings.period))];
  rows.push([
    null,
    "合计",
    `${all.length} 个文件`,
    years.length === 1 ? (years[0] as number) : null,
    periods.length === 1 ? (periods[0] as string) : null,
    total((s) => s.members),
    total((s) => s.scored),
    total((s) => s.graded),
    ...GRADE_COLUMNS.map((g) => total((s) => s.perGrade[g])),
    averageTotal(merged.flatMap(scoredMembers)),
    total((s) => s.branchNominees),
    total((s) => s.instituteNominees),
    sum(all.map((b) => b.errors)),
    sum(all.map((b) => b.hints)),
    mergedCount(all, merged),
  ]);
  return {
    kind: "table",
    name: "支部汇总",
    title: title("支部汇总", `（文件 ${all.length} 个：${mergedCount(all, merged)}；党员 ${total((s) => s.members)} 人）`),
    columns: SUMMARY_COLUMNS,
    rows,
  };
}

function memberSheet(merged: readonly BranchEntry[], hints: ReadonlyMap<MemberResult, string>, title: (s: string, extra: string) => string): TableSheet {
  const rows = merged.flatMap((b) =>
    scoredMembers(b).map((m) => {
      const c = m.components;
      const result = b.draft ? RESULT_DRAFT : RESULT_FINAL;
      return [t(b.label), result, t(m.member.id), t(m.member.name), m.member.category, c.study, c.pledge, c.peer, c.mass, m.bonus, m.total, m.rank, m.final, t(hints.get(m) ?? "")];
    }),
  );
  const grades = GRADE_COLUMNS.map((g) => `${g} ${sum(merged.map((b) => (b.run as BranchRun).result.summary.perGrade[g]))}`).join("，");
  const drafts = rows.filter((r) => r[1] === RESULT_DRAFT).length;
  const inDrafts = drafts ? `；其中 ${drafts} 人所在支部为草稿，结果标为草稿` : "";
  return { kind: "table", name: "党员总表", title: title("党员总表", `（计分党员 ${rows.length} 人：${grades}${inDrafts}）`), columns: MEMBER_COLUMNS, rows };
}

function nomineeSheet(nominees: readonly RankedNominee[], title: (s: string, extra: string) => string): TableSheet {
  const branches = new Set(nominees.map((n) => n.branch)).size;
  const unconfirmed = nominees.filter((n) => n.branch.draft).length;
  const extra = unconfirmed ? `；其中 ${unconfirmed} 人来自草稿支部，待核实` : "";
  return {
    kind: "table",
    name: "所级推荐",
    title: title("所级推荐", nominees.length ? `（${nominees.length} 人，来自 ${branches} 个支部；名次按综合得分${extra}）` : "（没有所级推荐：上半年不产生表彰推荐）"),
    columns: NOMINEE_COLUMNS,
    rows: nominees.map((n) => [
      n.rank,
      t(n.branch.label),
      n.branch.draft ? RESULT_UNCONFIRMED : RESULT_FINAL,
      t(n.nomination.memberId),
      t(n.nomination.name),
      n.nomination.total,
      n.nomination.pledge,
      t(nominationReason(n.nomination)),
    ]),
  };
}

function duplicateSheet(groups: readonly DuplicateGroup[], title: (s: string, extra: string) => string): TableSheet {
  const rows = groups.flatMap((g, k) =>
    g.occurrences.map((o) => {
      const ref = o.member.member.ref;
      return [k + 1, g.kind, t(g.value), t(o.branch.label), t(o.branch.file), t(`${ref.sheet}!${ref.cell}`), t(o.member.member.id), t(o.member.member.name), o.member.final, g.advice];
    }),
  );
  return { kind: "table", name: "重复人员", title: title("重复人员", groups.length ? `（${groups.length} 组，${rows.length} 人次）` : "（未发现重复的编号或姓名）"), columns: DUPLICATE_COLUMNS, rows };
}

function issueSheet(all: readonly BranchEntry[], notes: readonly RollupNote[], title: (s: string, extra: string) => string, advice: AdviceOptions = {}): TableSheet {
  const rows: (string | number | null)[][] = [];
  const add = (branch: string, file: string, level: IssueLevel, sheet: string, cell: string, problem: string, fix: string, code: string): void => {
    rows.push([rows.length + 1, t(branch), t(file), level, t(sheet), cell, t(problem), t(fix), code]);
  };
  const addNote = (branch: string, n: RollupNote): void => {
    const w = rollupNoteText(n);
    add(branch, n.file, n.level, "", "", w.problem, w.fix, n.code);
  };
  for (const n of notes.filter((x) => x.file === "")) addNote("", n);
  for (const b of all) {
    if (b.skip !== null) {
      const w = skipText(b.skip);
      add(b.name, b.file, "错误", "", "", `未汇总：${w.problem}`, w.fix, skipCode(b.skip));
    }
    for (const n of notes.filter((x) => x.file === b.file)) addNote(b.name, n);
    for (const i of b.run?.issues ?? []) {
      const d = describe(i, { ...advice, file: b.file });
      add(b.name, b.file, i.level, i.sheet, i.cell, d.problem, d.fix, i.code);
    }
  }
  // Notes about files that are not in the roll-up (a copy given twice) come last.
  const known = new Set(all.map((b) => b.file));
  for (const n of notes.filter((x) => x.file !== "" && !known.has(x.file))) addNote("", n);
  const errors = rows.filter((r) => r[3] === "错误").length;
  return { kind: "table", name: "问题清单", title: title("问题清单", `（错误 ${errors} 条，提示 ${rows.length - errors} 条）`), columns: ISSUE_COLUMNS, rows };
}

/**
 * The roll-up of `files`. A file is merged when it was read as a branch workbook and computed
 * (not refused for size). A branch with 错误 is merged as a draft — 草稿 in 支部汇总 with its
 * count of 错误, its members 草稿 in 党员总表, its nominees 待核实 in 所级推荐, a note in 问题清单,
 * and every title and page header says 草稿 — unless `strict`, which leaves drafts out with
 * their reason. The others are listed in 支部汇总 with the reason and in 问题清单 with their
 * issues. `notes` are the caller's (a file given twice).
 */
export function buildRollup(files: readonly BranchFile[], notes: readonly RollupNote[] = [], options: RollupOptions = {}): Rollup {
  const all = entries(files, options.strict ?? false);
  const merged = all.filter((b) => b.merged);
  const drafts = merged.filter((b) => b.draft);
  const skipped = all.filter((b) => !b.merged);
  const duplicates = duplicateGroups(merged);
  const nominees = rankNominees(merged);
  // By file, then by what the note says: the order a reader sees, whatever the caller's order.
  const sortedNotes = [...notes].sort((a, b) => naturalCompare(a.file, b.file) || naturalCompare(rollupNoteText(a).problem, rollupNoteText(b).problem));
  const draftNotes = drafts.map((b): RollupNote => ({ file: b.file, level: "提示", code: "rollup_branch_draft", params: { errors: draftErrors(b) } }));
  const allNotes = [...sortedNotes, ...mixedNotes(merged), ...sameNameNotes(all), ...draftNotes];
  const period = periodLabel(merged);
  const final = drafts.length === 0;
  const draftLine = final ? null : rollupDraftTitle(drafts.length, sum(drafts.map(draftErrors)));
  const title = (sheet: string, extra: string): string => withDraftLine(`${sheet} — 全所汇总${period ? ` ${period}` : ""}${extra}`, draftLine);
  const issues = issueSheet(all, allNotes, title, options.advice);
  const errors = issues.rows.filter((r) => r[3] === "错误").length;
  const sheets = [
    summarySheet(all, merged, title),
    memberSheet(merged, duplicateHints(duplicates), title),
    nomineeSheet(nominees, title),
    duplicateSheet(duplicates, title),
    issues,
  ];
  return {
    branches: all,
    merged,
    drafts,
    final,
    skipped,
    duplicates,
    nominees,
    notes: allNotes,
    listed: { errors, hints: issues.rows.length - errors },
    period,
    pageHeader: draftHeader(`全所汇总 ${period}`, final),
    sheets,
  };
}

/** The roll-up's first sheet: its A1 and footer tell a roll-up the tool wrote from any other workbook. */
export const ROLLUP_SUMMARY_SHEET = "支部汇总";

/**
 * Is this sheet (read back from a workbook) the 支部汇总 sheet of a roll-up this tool wrote?
 * A1 says 全所汇总, and the mark is in its page footer (`footer`, "" when the host could not
 * read it) or, written by an earlier version or an Excel without footers, in A1.
 */
export function isRollupSummaryGrid(name: string, grid: readonly (readonly unknown[])[], footer = ""): boolean {
  const a1 = grid[0]?.[0];
  return name === ROLLUP_SUMMARY_SHEET && typeof a1 === "string" && a1.includes("全所汇总") && (footer.includes(OUTPUT_MARK) || a1.includes(OUTPUT_MARK));
}
