/**
 * 打印测评票 as the UI sees it, whatever the host: the Office.js backend and the page's worker
 * both turn the session's BallotResult into this plain view (the worker sends it across as
 * data), so the pane and the page say the same thing. Kept apart from app.ts so that the
 * worker can use it without the DOM code.
 */
import type { Issue } from "../core/issues";
import type { Period } from "../core/types";
import type { BallotResult } from "../workbook/session";

export interface BallotView {
  readonly branch: string;
  readonly year: number;
  readonly period: Period;
  /** Members on each ballot. */
  readonly members: number;
  /** 计票 sheets made (or remade while empty), and those kept because ballots are typed in. */
  readonly created: readonly string[];
  readonly kept: readonly string[];
  /** 错误 of the roster or 参数设置 the ballots were built from: they are a draft. */
  readonly errors: readonly Issue[];
  /** Why nothing was written (a sheet of hers called 测评票, a workbook over the limits); empty when written. */
  readonly refused: readonly Issue[];
  /** What this host could not set up (an old Excel), in words. */
  readonly notes: readonly string[];
}

/** The codes that stop the ballots from being written at all (ballotSession). */
const REFUSING = new Set<Issue["code"]>(["output_sheet_foreign", "limit_exceeded"]);

export function ballotView(b: BallotResult, notes: readonly string[] = []): BallotView {
  const s = b.run.result.settings;
  const written = b.written.length > 0;
  return {
    branch: s.branchName,
    year: s.year,
    period: s.period,
    members: b.members,
    created: b.created,
    kept: b.kept,
    errors: b.errors,
    refused: written ? [] : b.run.issues.filter((i) => REFUSING.has(i.code)),
    notes: written ? notes : [],
  };
}
