/**
 * The ribbon's 一键计算: computes without opening the pane, then tells the result in a small
 * dialog (counts only — no member data leaves the workbook, not even into the dialog URL).
 *
 * Office keeps the ribbon button busy until the command calls `event.completed()`, and ends a
 * command that never does after five minutes (the manifest's ExecuteFunction action). So the
 * command completes exactly once on every path: after Office has answered the dialog request
 * (opened or failed), after a failure of the calculation itself, or when its own time limit
 * runs out first.
 */
import { officeEnv } from "../excel/env";
import { calculateWorkbook } from "../excel/host";
import { draftStatus } from "../messages/zh-CN";
import { friendlyError } from "../ui/app";

/**
 * How long the command may take before it completes anyway: under the five minutes after which
 * Office ends a function command itself (and shows its own error instead of ours).
 */
export const COMMAND_TIME_LIMIT_MS = 270_000;

/** The dialog errors of displayDialogAsync (learn.microsoft.com, "Handle errors and events in the Office dialog box"). */
export const DIALOG_ERRORS = {
  /** The URL's domain is not the add-in's own (or not in AppDomains). */
  untrustedDomain: 12004,
  /** The URL is http:, not https:. */
  httpsRequired: 12005,
  /** This add-in already has a dialog open: the last result, still on screen. */
  alreadyOpen: 12007,
} as const;

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

/**
 * A failure in words, from its code alone: an error's message may quote the workbook (a sheet
 * name, a cell's text), and the dialog's text travels in its URL. A code is Office's identifier
 * (InvalidOperationInCellEditMode, …); friendlyError words the known ones.
 */
export function failureText(e: unknown): string {
  const raw = typeof e === "object" && e !== null && "code" in e ? String(e.code) : "";
  const code = /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(raw) ? raw : "";
  return friendlyError(Object.assign(new Error(code), { code }));
}

/** The result dialog this command opened last and that is still open, if this page still runs. */
let lastDialog: Office.Dialog | null = null;

/** How the telling ended: shown, or not (with the dialog error's code, if Office gave one). */
export type Told = { readonly shown: true } | { readonly shown: false; readonly code: number | null };

/**
 * When no dialog can be shown. Excel has no notification surface for a command without a pane:
 * `item.notificationMessages` is Outlook's (Office.context.mailbox does not exist in Excel), and
 * `Office.addin.showAsTaskpane()` needs a shared runtime this add-in does not declare. Excel's
 * team names the dialog as its one way to notify (office-js issue #4994). What is left is the
 * workbook itself — the calculation has already written its sheets and brought 综合评定 or
 * 问题清单 to the front — so nothing more is written to cells, and the code goes to the console
 * for whoever checks the deployment (12004/12005 mean a wrong address in the manifest).
 */
function notShown(code: number | null): Told {
  console.warn(`一键计算：结果对话框未能打开（${code ?? "无错误码"}）；结果见工作簿中的“综合评定”或“问题清单”表。`);
  return { shown: false, code };
}

/** Open the result dialog; resolves when Office has answered, never rejects. */
function tell(text: string): Promise<Told> {
  return new Promise<Told>((resolve) => {
    const open = (mayRetry: boolean): void => {
      try {
        const url = new URL("result.html", window.location.href);
        url.searchParams.set("text", text);
        Office.context.ui.displayDialogAsync(url.toString(), { height: 28, width: 32, displayInIframe: true }, (result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) {
            const dialog = result.value;
            lastDialog = dialog;
            // 12006: she closed it; nothing is left to close before the next result.
            dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
              if (lastDialog === dialog) lastDialog = null;
            });
            resolve({ shown: true });
            return;
          }
          const code = typeof result.error?.code === "number" ? result.error.code : null;
          // The last result is still open: replace it with this one, once.
          const previous = lastDialog;
          if (code === DIALOG_ERRORS.alreadyOpen && mayRetry && previous) {
            lastDialog = null;
            try {
              previous.close();
            } catch {
              // Already gone with its page: the retry tells.
            }
            open(false);
            return;
          }
          resolve(notShown(code));
        });
      } catch {
        resolve(notShown(null));
      }
    };
    open(true);
  });
}

/** The calculation, as the dialog's text; a failure becomes its wording. */
async function calculationText(): Promise<string> {
  try {
    // The same Office.js host as the task pane (src/excel/env.ts).
    const c = await calculateWorkbook(officeEnv());
    return resultText(c.run.result.summary, c.run.verdict.errors, c.run.result.settings.period);
  } catch (e) {
    return failureText(e);
  }
}

/** 一键计算, as the manifest's `calculate` action. Resolves once `event.completed()` has been called. */
export async function calculate(event: Office.AddinCommands.Event): Promise<void> {
  let completed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const complete = (): void => {
    if (completed) return;
    completed = true;
    if (timer !== undefined) clearTimeout(timer);
    event.completed();
  };
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, COMMAND_TIME_LIMIT_MS);
  });
  const work = (async (): Promise<void> => {
    const text = await calculationText();
    // Past the time limit the command is over and its page may go at any moment: no dialog then.
    if (!completed) await tell(text);
  })();
  try {
    await Promise.race([work, timeUp]);
  } finally {
    complete();
  }
}

void Office.onReady(() => {
  Office.actions.associate("calculate", (event: Office.AddinCommands.Event) => {
    void calculate(event);
  });
});
