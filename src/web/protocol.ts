/**
 * Messages between the page and the file-mode worker. The worker owns the workbook (exceljs
 * and all the work), so the page never freezes and never loads exceljs itself.
 */
import type { Issue } from "../core/issues";
import type { AppraisalSummary, Period } from "../core/types";
import type { FileProblem } from "../core/files";
import type { Opened, Preview } from "../ui/app";
import type { BallotView } from "../ui/ballots";

export type Request =
  | { readonly id: number; readonly type: "open"; readonly name: string; readonly bytes: ArrayBuffer }
  | { readonly id: number; readonly type: "blank" }
  | { readonly id: number; readonly type: "demo" }
  /** 下载空白模板: a blank template's bytes, leaving the open workbook as it is. */
  | { readonly id: number; readonly type: "template" }
  | { readonly id: number; readonly type: "check"; readonly period?: Period }
  | { readonly id: number; readonly type: "calc"; readonly period?: Period }
  | { readonly id: number; readonly type: "ballots"; readonly period?: Period }
  | { readonly id: number; readonly type: "download" };

/** How many rows of each table the worker sends the page for its preview. */
export const PREVIEW_ROWS = 200;

// The page's view of a file and of a table belongs to the UI (src/ui/app.ts); the worker fills them.
export type { Opened, Preview };

export interface RunResult {
  readonly summary: AppraisalSummary;
  readonly branch: string;
  readonly year: number;
  readonly period: Period;
  readonly issues: readonly Issue[];
  readonly previews: readonly Preview[];
  readonly skipped: readonly string[];
}


export type Reply =
  | { readonly id: number; readonly type: "progress"; readonly fraction: number; readonly label: string }
  | { readonly id: number; readonly type: "opened"; readonly file: Opened }
  | { readonly id: number; readonly type: "run"; readonly result: RunResult }
  | { readonly id: number; readonly type: "bytes"; readonly name: string; readonly bytes: ArrayBuffer }
  /** 打印测评票: what was made and, unless nothing was written, the workbook holding it. */
  | { readonly id: number; readonly type: "ballots"; readonly view: BallotView; readonly file: { readonly name: string; readonly bytes: ArrayBuffer } | null }
  /** A problem as data, never an Error's message: the page words it (src/messages/files.ts). */
  | { readonly id: number; readonly type: "error"; readonly problem: FileProblem };
