/**
 * Start-up of taskpane.html, the page Office opens (the manifest's SourceLocation): office.js is
 * already loaded by a <script> in the page's <head>, as Microsoft requires; this script waits
 * for Office.onReady and mounts the UI on the open workbook. Kept apart from the Excel.run work
 * (src/excel) and from the UI (src/ui), so tests drive the same app with a fake Excel.
 * index.html (browser.ts) is the page for a plain browser: file mode, no office.js.
 *
 * Whatever goes wrong, the pane says so in Chinese with what to try (src/messages/startup.ts),
 * never a “正在加载…” that stays forever.
 */
import { officeEnv } from "../excel/env";
import { excelBackend, MIN_API } from "../excel/backend";
import type { ExcelEnv } from "../excel/host";
import { startupText, type StartupProblem } from "../messages/startup";
import { mountApp } from "../ui/app";
import { h, replaceChildren } from "../ui/dom";

declare global {
  interface Window {
    /** Set by the browser tests (a strict fake of Excel) before this script runs. */
    __APPRAISAL_EXCEL__?: ExcelEnv;
    /** Set by the browser tests before this script runs: the time limit for Office.onReady, in ms. */
    __APPRAISAL_OFFICE_TIMEOUT_MS__?: number;
  }
}

/**
 * How long Office may take to answer before the pane says so. Office on a slow network takes a
 * few seconds; 15 s is well past that and still short enough that she is not left waiting.
 */
export const OFFICE_TIMEOUT_MS = 15_000;

function timeLimit(): number {
  const v = window.__APPRAISAL_OFFICE_TIMEOUT_MS__;
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : OFFICE_TIMEOUT_MS;
}

function show(root: HTMLElement, p: StartupProblem): void {
  const t = startupText(p);
  const link = t.browserPage ? h("a", { id: "browser-page" }, t.browserPage) : null;
  // index.html sits beside this page in the deployed folder.
  if (link) link.href = "index.html";
  replaceChildren(
    root,
    h(
      "div",
      { class: "alert", id: "startup-problem", role: "alert", dataset: { code: p.code } },
      h("p", {}, t.problem),
      h("ul", {}, ...t.tries.map((s) => h("li", {}, s)), link ? h("li", {}, link) : null),
    ),
  );
}

/**
 * Office.onReady, with a time limit: when the limit passes first, onLate is called and the wait
 * goes on — Office that answers late still gets the pane (the message said it would).
 */
export function readyWithin<T>(ready: Promise<T>, ms: number, onLate: () => void): Promise<T> {
  const timer = setTimeout(onLate, ms);
  return ready.finally(() => clearTimeout(timer));
}

async function start(): Promise<void> {
  const root = document.getElementById("app") as HTMLElement;
  const injected = window.__APPRAISAL_EXCEL__;
  if (injected) {
    mountApp(root, excelBackend(injected));
    return;
  }
  // The <script> in <head> ran (or failed) before this deferred script: no Office, no office.js.
  if (typeof Office === "undefined") {
    show(root, { code: "office_js_missing" });
    return;
  }
  const limit = timeLimit();
  const info = await readyWithin(Office.onReady(), limit, () => show(root, { code: "office_timeout", seconds: Math.ceil(limit / 1000) }));
  if (info.host !== Office.HostType.Excel) {
    // A plain browser (host null). File mode would work here too, but this page has already
    // fetched office.js and its files from Microsoft's CDN, and office.js outside Office reaches
    // for Microsoft's telemetry (the page's policy blocks that frame): send her to index.html,
    // the page that fetches nothing from anywhere, rather than work on her files here.
    show(root, { code: "not_in_excel" });
    return;
  }
  if (!Office.context.requirements.isSetSupported("ExcelApi", MIN_API)) {
    show(root, { code: "excel_too_old", minApi: MIN_API });
    return;
  }
  mountApp(root, excelBackend(officeEnv()));
}

void start();
