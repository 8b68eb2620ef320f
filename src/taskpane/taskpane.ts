/**
 * Start-up of the one page: inside Excel it drives the open workbook (Office.js); in a plain
 * browser it works on .xlsx files (file mode). Kept apart from the Excel.run work (src/excel)
 * and from the UI (src/ui), so tests drive the same app with a fake Excel.
 *
 * office.js is loaded only when Office opened the page (the manifest's URLs carry ?host=excel,
 * and Office adds _host_Info): a browser in file mode fetches nothing from anywhere.
 */
import { excelBackend, MIN_API } from "../excel/backend";
import type { ExcelEnv } from "../excel/host";
import { mountApp } from "../ui/app";
import { h, replaceChildren } from "../ui/dom";
import { fileBackend } from "../web/file-backend";
import { makeWorker } from "../web/make-worker";

declare global {
  interface Window {
    /** Set by the browser tests (a strict fake of Excel) before this script runs. */
    __APPRAISAL_EXCEL__?: ExcelEnv;
  }
}

/** Where office.js comes from: Microsoft's CDN in production, a local copy in development. */
declare const __OFFICE_JS__: string;

function officeEnv(): ExcelEnv {
  return {
    run: (batch) => Excel.run(batch),
    supports: (v) => Office.context.requirements.isSetSupported("ExcelApi", v),
  };
}

export function openedByOffice(search: string): boolean {
  const q = new URLSearchParams(search);
  return q.get("host") === "excel" || q.has("_host_Info");
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`无法加载 ${src}`));
    document.head.appendChild(s);
  });
}

async function start(): Promise<void> {
  const root = document.getElementById("app") as HTMLElement;
  const injected = window.__APPRAISAL_EXCEL__;
  if (injected) {
    mountApp(root, excelBackend(injected));
    return;
  }
  if (!openedByOffice(window.location.search)) {
    mountApp(root, fileBackend(makeWorker), { demoAtStart: new URLSearchParams(window.location.search).has("demo") });
    return;
  }
  try {
    await loadScript(__OFFICE_JS__);
  } catch {
    replaceChildren(root, h("p", { class: "alert" }, "无法加载 Office 组件（office.js）。请检查网络后重新打开考评助手。"));
    return;
  }
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) {
    mountApp(root, fileBackend(makeWorker));
    return;
  }
  if (!Office.context.requirements.isSetSupported("ExcelApi", MIN_API)) {
    replaceChildren(root, h("p", { class: "alert" }, `此版本的 Excel 太旧（需要 ExcelApi ${MIN_API}，即 Excel 2019 或更新版本、Microsoft 365 或 Excel 网页版）。`));
    return;
  }
  mountApp(root, excelBackend(officeEnv()));
}

void start();
