/**
 * One call from grids to everything a host writes: parse, appraise, sort the issues, build the
 * output grids. Hosts only move cells in and out.
 */
import { appraise } from "../core/appraise";
import { type Issue, sortIssues, type Verdict, verdictOf } from "../core/issues";
import type { AppraisalResult, Period } from "../core/types";
import type { AdviceOptions } from "../messages/zh-CN";
import { collapseIssues } from "./collapse";
import { VOTES_SHEET } from "./layout";
import { limitIssues } from "./limits";
import { buildOutputs, type OutputSheet } from "./output";
import { parseWorkbook, type ParseResult, SHEET_ORDER, type SheetGrid } from "./parse";

export interface EngineOptions {
  readonly fallbackYear: number;
  readonly period?: Period;
  /** Issues the host found itself (a foreign sheet in an output's place), listed with the rest. */
  readonly hostIssues?: readonly Issue[];
  /** The workbook holds a 计票结果 the tool wrote: rewrite it even without 计票 sheets now. */
  readonly keepTallyResult?: boolean;
  /** Whose ways 问题清单's fixes name (the add-in's, the page's, the command line's). */
  readonly advice?: AdviceOptions;
}

export interface EngineRun {
  /** A limit was exceeded: nothing was computed and hosts write nothing (see limits.ts). */
  readonly refused: boolean;
  readonly parsed: ParseResult;
  readonly result: AppraisalResult;
  readonly issues: readonly Issue[];
  /** Final, or a draft with this many 错误 (verdictOf): every output and every host says which. */
  readonly verdict: Verdict;
  readonly outputs: readonly OutputSheet[];
}

export function runEngine(sheets: readonly SheetGrid[], options: EngineOptions): EngineRun {
  const tooBig = [...(options.hostIssues ?? []).filter((i) => i.code === "limit_exceeded"), ...limitIssues(sheets)];
  if (tooBig.length > 0) {
    // Parse nothing: the point is not to spend the memory. An empty computation carries the issues.
    const parsed = parseWorkbook([], { fallbackYear: options.fallbackYear });
    const result = appraise(parsed.input);
    const issues = sortIssues([...(options.hostIssues ?? []).filter((i) => i.code !== "limit_exceeded"), ...tooBig], SHEET_ORDER);
    return { refused: true, parsed, result, issues, verdict: verdictOf(issues), outputs: buildOutputs(parsed.input, result, issues, undefined, false, options.advice) };
  }
  const parsed = parseWorkbook(sheets, { fallbackYear: options.fallbackYear, checkVoteTotals: true, ...(options.period ? { period: options.period } : {}) });
  const result = appraise(parsed.input);
  const own = collapseIssues(oneCause([...parsed.issues, ...result.issues]), parsed.input, parsed.sheetNames);
  const issues = sortIssues([...(options.hostIssues ?? []), ...own], SHEET_ORDER);
  return { refused: false, parsed, result, issues, verdict: verdictOf(issues), outputs: buildOutputs(parsed.input, result, issues, parsed.tallies, options.keepTallyResult === true, options.advice) };
}

/** Check only: the same issues a calculation would list. */
export function checkSheets(sheets: readonly SheetGrid[], options: EngineOptions): readonly Issue[] {
  return runEngine(sheets, options).issues;
}

/**
 * One cause, one message (the rest is in collapse.ts): a missing 评议打分 sheet at 年终 is said
 * once, as the votes_missing 错误 naming the sheet, not also as a sheet_missing 提示; votes in
 * blocks of unknown period are said by that 错误 alone.
 */
function oneCause(issues: readonly Issue[]): Issue[] {
  // Votes in blocks whose period is unknown are in the sheet, just not read: the block's 错误
  // says so, and "no vote at all" would send her looking for votes she has typed.
  if (issues.some((i) => i.code === "vote_blocks_period_unknown")) issues = issues.filter((i) => i.code !== "votes_missing");
  const votesMissing = issues.some((i) => i.code === "votes_missing");
  const sheetGone = issues.some((i) => i.code === "sheet_missing" && i.params.sheet === VOTES_SHEET.name);
  if (!votesMissing || !sheetGone) return [...issues];
  return issues
    .filter((i) => !(i.code === "sheet_missing" && i.params.sheet === VOTES_SHEET.name))
    .map((i) => (i.code === "votes_missing" ? { ...i, params: { ...i.params, sheetMissing: true } } : i));
}
