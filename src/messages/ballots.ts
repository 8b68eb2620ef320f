/**
 * What the 打印测评票 button says when it is done, in the task pane (the ballots are in her
 * workbook) and on the browser page (the ballots are in a downloaded copy). The session
 * (src/workbook/session.ts ballotSession) hands over names and counts; the words are here.
 */
import type { Period } from "../core/types";

/** Where the ballots ended up: her open workbook in Excel, or a file the page downloaded. */
export type BallotPlace = { readonly kind: "excel" } | { readonly kind: "file"; readonly name: string };

export interface BallotWords {
  readonly year: number;
  readonly period: Period;
  /** Members on each ballot. */
  readonly members: number;
  /** 计票 sheets made (or remade while empty), and those kept because ballots are typed in. */
  readonly created: readonly string[];
  readonly kept: readonly string[];
  readonly place: BallotPlace;
}

const quoted = (names: readonly string[]): string => names.map((n) => `“${n}”`).join("");

/**
 * The sentences after the ballots were written: what is on them, where to print them, which
 * 计票 sheets are there to type the returned ballots into. A draft is not to be printed yet:
 * it says where the ballots are, not how to print them (ballotDraftLead/Tail say the rest).
 */
export function ballotDoneLines(w: BallotWords, draft = false): string[] {
  const what = `党员互评、群众评议各一式，${w.members} 人`;
  const first =
    w.place.kind === "excel"
      ? draft
        ? `测评票（${w.year}年 ${w.period}，${what}）已写入“测评票”工作表。`
        : `已生成测评票（${w.year}年 ${w.period}）：${what}；请在“测评票”工作表中打印（文件 → 打印）。`
      : draft
        ? `测评票（${w.year}年 ${w.period}，${what}）已下载为“${w.place.name}”。`
        : `已生成测评票（${w.year}年 ${w.period}）：${what}；已下载为“${w.place.name}”，请用 WPS 或 LibreOffice 打开后在“测评票”工作表中打印。`;
  const lines = [first];
  const typeIn = w.place.kind === "excel" ? "收回的票每张录入一行。" : "收回的票每张录入一行（录入在下载的文件中，再用它计算）。";
  if (w.created.length > 0) lines.push(`已创建${quoted(w.created)}工作表，${typeIn}`);
  if (w.kept.length > 0) lines.push(`${quoted(w.kept)}已有录入的票，未改动。`);
  return lines;
}

/** The head of a draft's status: the ballots are made, but from a roster or 参数设置 with 错误. */
export function ballotDraftLead(errors: number): string {
  return `已生成测评票（草稿）——党员名册或参数设置有 ${errors} 条错误`;
}

/** After the first errors of a draft: what the draft mark means and what to do. */
export function ballotDraftTail(more: boolean): string {
  return `${more ? "其余点击“检查数据”查看。" : ""}测评票标有“草稿”：改正错误后重新点击“打印测评票”，再打印。`;
}

/** Nothing was written (a sheet of hers called 测评票, or a workbook over the limits); the reasons follow. */
export const BALLOTS_NOT_MADE = "未生成测评票，工作簿未改动：";

/** What to do about a sheet of hers called 测评票 (the calculation's wording says 重新计算). */
export function ballotForeignFix(sheet: string): string {
  return `将该表改名（例如“${sheet}（手工）”）后重新点击“打印测评票”，测评票会写入新的“${sheet}”表`;
}

/** An Excel older than ExcelApi 1.9 writes the ballots without their page setup. */
export function ballotsNoPrintSetup(needs: string): string {
  return `此版本的 Excel 不能由加载项设置打印格式（需要 ${needs}）：打印前请在“测评票”工作表手动设置 A4 纵向、缩放到一页宽。`;
}
