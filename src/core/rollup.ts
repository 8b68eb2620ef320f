/**
 * What the institute roll-up (src/workbook/rollup.ts) says about itself, as data: its own
 * notes and why a branch was left out. Here in the core so that src/messages, which words
 * them (messages/rollup.ts), imports nothing but the core.
 */
import type { FileProblem } from "./files";
import type { IssueLevel } from "./issues";
import type { Period } from "./types";

/** Why a file given as a branch was not read as one: a file problem (worded in messages/files.ts). */
export type Unreadable = FileProblem;

/** Branches named under one year or period, in the order the note lists them. */
export interface BranchGroup<K> {
  readonly key: K;
  /** The branches' labels (支部 as the roll-up names them). */
  readonly branches: readonly string[];
}

/**
 * The values each note of the roll-up itself carries (not a cell's issue in a branch
 * workbook): names and files as data, worded in src/messages/rollup.ts.
 */
export interface RollupNoteParamsByCode {
  /** Years, latest first. */
  readonly rollup_mixed_year: { readonly groups: readonly BranchGroup<number>[] };
  readonly rollup_mixed_period: { readonly groups: readonly BranchGroup<Period>[] };
  readonly rollup_branch_name_twice: { readonly name: string; readonly files: readonly string[] };
  /** first: the file (as labelled) whose copy this one is. */
  readonly rollup_same_content: { readonly first: string };
  /**
   * A branch merged as a draft (verdictOf: 错误 left in this period's data): its members and
   * nominees are in the roll-up, marked. errors: how many 错误 make it a draft.
   */
  readonly rollup_branch_draft: { readonly errors: number };
}

export type RollupNoteCode = keyof RollupNoteParamsByCode;

/** A problem of the roll-up itself, for 问题清单; a union on code, like Issue. */
export type RollupNote<C extends RollupNoteCode = RollupNoteCode> = {
  readonly [K in C]: {
    /** The file it is about; "" for the whole roll-up. */
    readonly file: string;
    readonly level: IssueLevel;
    readonly code: K;
    readonly params: RollupNoteParamsByCode[K];
  };
}[C];

/** Why a branch was left out of the roll-up; worded in src/messages/rollup.ts. */
export type SkipReason =
  /** Not read as a branch workbook: the caller's reason, if it gave one. */
  | { readonly code: "rollup_file_unreadable"; readonly unreadable: Unreadable | null }
  /** Over the limits of src/workbook/limits.ts, so not computed. */
  | { readonly code: "rollup_branch_refused" }
  /** A draft (errors: its 错误), left out only because the caller asked for final branches alone (--strict). */
  | { readonly code: "rollup_branch_errors"; readonly errors: number };

/** 问题清单's code column for a branch left out: a file problem keeps its own code. */
export function skipCode(s: SkipReason): string {
  return s.code === "rollup_file_unreadable" && s.unreadable ? unreadableCode(s.unreadable) : s.code;
}

/** 问题清单's code for a file not read as a branch: missing, not a branch, or unreadable. */
export function unreadableCode(p: Unreadable): "rollup_file_missing" | "rollup_not_branch" | "rollup_file_unreadable" {
  if (p.code === "branch_missing") return "rollup_file_missing";
  if (p.code === "not_a_branch" || p.code === "is_rollup") return "rollup_not_branch";
  return "rollup_file_unreadable";
}

