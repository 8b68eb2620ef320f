/**
 * Messages between the page and the file-mode worker. The worker owns the workbook (exceljs
 * and all the work), so the page never freezes and never loads exceljs itself.
 */
import type { Issue } from "../core/issues";
import type { AppraisalSummary, Period } from "../core/types";
import type { CellValue } from "../workbook/cells";
import type { FileProblem } from "../workbook/files";

export type Request =
  | { readonly id: number; readonly type: "open"; readonly name: string; readonly bytes: ArrayBuffer }
  | { readonly id: number; readonly type: "blank" }
  | { readonly id: number; readonly type: "demo" }
  | { readonly id: number; readonly type: "check"; readonly period?: Period }
  | { readonly id: number; readonly type: "calc"; readonly period?: Period }
  | { readonly id: number; readonly type: "download" };

export interface Preview {
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Rows in the sheet; `rows` holds at most the first PREVIEW_ROWS. */
  readonly total: number;
}

export const PREVIEW_ROWS = 200;

export interface RunResult {
  readonly summary: AppraisalSummary;
  readonly branch: string;
  readonly year: number;
  readonly period: Period;
  readonly issues: readonly Issue[];
  readonly previews: readonly Preview[];
  readonly skipped: readonly string[];
}

export interface Opened {
  readonly name: string;
  readonly sheets: readonly string[];
  /** Parts of the file that exceljs cannot write back (charts, pivot tables…), in Chinese. */
  readonly wouldLose: readonly string[];
}

export type Reply =
  | { readonly id: number; readonly type: "progress"; readonly fraction: number; readonly label: string }
  | { readonly id: number; readonly type: "opened"; readonly file: Opened }
  | { readonly id: number; readonly type: "run"; readonly result: RunResult }
  | { readonly id: number; readonly type: "bytes"; readonly name: string; readonly bytes: ArrayBuffer }
  /** A problem as data, never an Error's message: the page words it (src/messages/files.ts). */
  | { readonly id: number; readonly type: "error"; readonly problem: FileProblem };
