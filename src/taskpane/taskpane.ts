/**
 * Task pane start-up: wait for Office, pick the host, mount the app. Kept apart from the
 * Excel.run work (src/excel) so that tests drive the same app with a fake Excel.
 */
import { excelBackend, MIN_API } from "../excel/backend";
import type { ExcelEnv } from "../excel/host";
import { mountApp } from "../ui/app";
import { h, replaceChildren } from "../ui/dom";

declare global {
  interface Window {
    /** Set by the browser tests (a strict fake of Excel) before this script runs. */
    __APPRAISAL_EXCEL__?: ExcelEnv;
  }
}

function officeEnv(): ExcelEnv {
  return {
    run: (batch) => Excel.run(batch),
    supports: (v) => Office.context.requirements.isSetSupported("ExcelApi", v),
  };
}

function outsideExcel(root: HTMLElement): void {
  replaceChildren(
    root,
    h("header", { class: "top" }, h("h1", {}, "创先争优考评助手")),
    h("p", { class: "note" }, "此页面是 Excel 加载项的任务窗格，请在 Excel 中通过“开始 → 创先争优 → 打开考评助手”打开。"),
  );
}

async function start(): Promise<void> {
  const root = document.getElementById("app") as HTMLElement;
  const injected = window.__APPRAISAL_EXCEL__;
  if (injected) {
    mountApp(root, excelBackend(injected));
    return;
  }
  if (typeof Office === "undefined") {
    outsideExcel(root);
    return;
  }
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) {
    outsideExcel(root);
    return;
  }
  if (!Office.context.requirements.isSetSupported("ExcelApi", MIN_API)) {
    replaceChildren(root, h("p", { class: "alert" }, `此版本的 Excel 太旧（需要 ExcelApi ${MIN_API}，即 Excel 2019 或更新版本、Microsoft 365 或 Excel 网页版）。`));
    return;
  }
  mountApp(root, excelBackend(officeEnv()));
}

void start();
