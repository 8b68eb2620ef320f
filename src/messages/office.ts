/**
 * What the task pane and the ribbon say when Excel itself fails a request: by the error's
 * code (OfficeExtension.Error.code, or the host's own AppraisalSyncTimeout), what happened in
 * words a secretary knows, and what to do. Every sentence says whether her results are safe:
 * the host builds new results beside the old ones and swaps them in only when complete
 * (src/excel/host.ts), so a failure never leaves half a result.
 */

/** Said after each failure of a calculation: the swap's promise, in her words. */
const RESULTS_SAFE = "工作簿中原有的结果表保持不变（新结果只在全部写完后才替换旧结果）";

const TEXT: Readonly<Record<string, (seconds: number) => string>> = {
  InvalidOperationInCellEditMode: () => `Excel 正处于单元格编辑状态，无法读写工作簿。请先按 Enter 或 Esc 结束编辑，再点击按钮。${RESULTS_SAFE}。`,
  InvalidOperation: () =>
    `Excel 拒绝了这次操作：可能有单元格正在编辑、有对话框未关闭，或工作簿处于共同编辑、受保护状态。请按 Enter 或 Esc 结束编辑、关闭对话框后重试。${RESULTS_SAFE}。`,
  GeneralException: () =>
    `Excel 内部出错，已改为分批重试仍未完成（Excel 网页版一次处理的数据过多时常见）。${RESULTS_SAFE}。请保存工作簿，关闭后重新打开再试；数据很多时可改用桌面版 Excel，或在浏览器中用考评助手网页版计算文件。`,
  RequestPayloadSizeLimitExceeded: () =>
    `工作簿的数据量超出了 Excel 网页版单次处理的上限，分批重试后仍未完成。${RESULTS_SAFE}。请删去无关的工作表后重试，或使用桌面版 Excel。`,
  ResponsePayloadSizeLimitExceeded: () => "工作簿的数据量超出了 Excel 网页版单次读取的上限，分批读取后仍未完成。请删去无关的工作表或长文本后重试，或使用桌面版 Excel。",
  ItemNotFound: () => `找不到要读写的工作表或单元格：可能在计算过程中有工作表被改名、删除或移动。${RESULTS_SAFE}。请在计算完成前不要修改工作表，然后重新计算。`,
  AccessDenied: () => "工作簿受保护或为只读，无法写入。请取消保护或另存一份后重试。",
  InsufficientPermissions: () => "工作簿受保护或为只读，无法写入。请取消保护或另存一份后重试。",
  ItemAlreadyExists: () => "工作簿中已有同名的工作表。请将其改名后重试。",
  AppraisalSyncTimeout: (seconds) =>
    `Excel 在 ${seconds} 秒内没有响应（网络中断，或 Excel 正忙）。${RESULTS_SAFE}：结果表要么是上次的，要么是本次完整写入的，不会只写一半。请检查网络，稍后重新计算；如 Excel 一直没有响应，请保存并重新打开工作簿。`,
};

/** The codes worded above (the wording test prints each). */
export const OFFICE_FAILURE_CODES: readonly string[] = Object.keys(TEXT);

/** The Chinese sentence for a failure of Excel with this code, or null when the code is not one we know. */
export function officeFailureText(code: string, seconds = 0): string | null {
  const t = TEXT[code];
  return t ? t(seconds) : null;
}

/** The look could not be applied after the data was written (host.ts, the last request). */
export const LOOK_FAILED =
  "结果已全部写入，但打印设置、图表或筛选按钮未能完成（Excel 拒绝了最后一步）。结果数据不受影响；再点一次“一键计算”即可补上，或手动设置打印。";

/** Anything else: never a stack trace, always what to try. */
export function unknownFailureText(message: string): string {
  return `操作未完成：${message || "未知原因"}。请重试；如仍出错，请关闭并重新打开考评助手。`;
}
