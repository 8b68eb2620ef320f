/**
 * The ribbon's 一键计算: computes without opening the pane, then tells the result in a small
 * dialog (counts only — no member data leaves the workbook, not even into the dialog URL).
 */
import { calculateWorkbook, type ExcelEnv } from "../excel/host";
import { draftStatus } from "../messages/zh-CN";
import { friendlyError } from "../ui/app";

function env(): ExcelEnv {
  return { run: (batch) => Excel.run(batch), supports: (v) => Office.context.requirements.isSetSupported("ExcelApi", v) };
}

function tell(text: string): void {
  const url = new URL("result.html", window.location.href);
  url.searchParams.set("text", text);
  Office.context.ui.displayDialogAsync(url.toString(), { height: 28, width: 32, displayInIframe: true });
}

/** What the dialog says after a calculation. */
export function resultText(summary: { scored: number; perGrade: Record<string, number>; branchNominees: number; instituteNominees: number }, errors: number, period: string): string {
  const g = summary.perGrade;
  // A draft is never called 计算完成 (the rule of verdictOf in core/issues.ts).
  const lines = [
    errors > 0 ? `${draftStatus(errors)}。计分 ${summary.scored} 人。` : `计算完成：计分 ${summary.scored} 人。`,
    `优秀 ${g.优秀 ?? 0}，合格 ${g.合格 ?? 0}，基本合格 ${g.基本合格 ?? 0}，不合格 ${g.不合格 ?? 0}${g.待定 ? `，待定 ${g.待定}（须支委会确定）` : ""}。`,
    period === "年终" ? `表彰推荐：支部表彰 ${summary.branchNominees} 人，其中所级 ${summary.instituteNominees} 人。` : "上半年不产生表彰推荐。",
    errors > 0 ? "结果为草稿，各表已标明：请按“问题清单”表改正错误后重新计算。" : "结果见“综合评定”表。",
  ];
  return lines.join("\n");
}

async function calculate(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const c = await calculateWorkbook(env());
    tell(resultText(c.run.result.summary, c.run.verdict.errors, c.run.result.settings.period));
  } catch (e) {
    tell(friendlyError(e));
  } finally {
    event.completed();
  }
}

void Office.onReady(() => {
  Office.actions.associate("calculate", (event: Office.AddinCommands.Event) => {
    void calculate(event);
  });
});
