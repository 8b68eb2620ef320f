/**
 * What the task pane says when it cannot start: office.js did not load, Office did not answer
 * in time, the page was opened outside Excel, or the Excel is too old. Each says what is wrong
 * and what to try; src/taskpane/taskpane.ts shows them instead of a “正在加载…” that never ends.
 */

/** The host Microsoft serves office.js from: a firewall or proxy that blocks it stops the add-in. */
export const OFFICE_JS_HOST = "appsforoffice.microsoft.com";

export type StartupProblem =
  /** office.js itself did not load (network, proxy, blocked CDN). */
  | { readonly code: "office_js_missing" }
  /** office.js loaded, but Office.onReady did not resolve within the time limit. */
  | { readonly code: "office_timeout"; readonly seconds: number }
  /** Office.onReady resolved without a host: the page is open in a plain browser. */
  | { readonly code: "not_in_excel" }
  /** Excel answered, but lacks the requirement set the add-in needs. */
  | { readonly code: "excel_too_old"; readonly minApi: string };

export interface StartupText {
  /** What is wrong, in one sentence. */
  readonly problem: string;
  /** What to try, one step a line. */
  readonly tries: readonly string[];
  /** When the browser page is the way out: the words of the link to it. */
  readonly browserPage?: string;
}

const REOPEN = "关闭任务窗格后重新打开考评助手（“开始”选项卡 → 创先争优 → 打开考评助手）";
const NETWORK = `检查网络是否连通，以及防火墙或代理是否拦截了 ${OFFICE_JS_HOST}（考评助手从微软的这个地址加载 Office 组件）`;
const WEB = "在 Excel 网页版中试用（浏览器打开 Microsoft 365 的 Excel，加载同一个加载项）";
const BROWSER_PAGE = "在浏览器中打开考评助手网页版，处理 .xlsx 文件";

export function startupText(p: StartupProblem): StartupText {
  switch (p.code) {
    case "office_js_missing":
      return {
        problem: "无法加载 Office 组件（office.js），考评助手不能连接 Excel。",
        tries: [NETWORK, REOPEN, WEB],
      };
    case "office_timeout":
      return {
        problem: `无法连接 Office：等待 ${p.seconds} 秒后 Office 仍未就绪。`,
        tries: [REOPEN, NETWORK, WEB, "如果 Office 稍后就绪，考评助手会自动继续。"],
      };
    case "not_in_excel":
      return {
        problem: "此页面是 Excel 加载项的任务窗格，需要在 Excel 中打开。",
        tries: ["如果您是在 Excel 中看到此消息，请" + REOPEN],
        browserPage: BROWSER_PAGE,
      };
    case "excel_too_old":
      return {
        problem: `此版本的 Excel 太旧：考评助手需要 ExcelApi ${p.minApi}。`,
        tries: ["请使用 Excel 2019 或更新版本、Microsoft 365 或 Excel 网页版"],
      };
  }
}
