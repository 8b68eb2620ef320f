/**
 * File mode in headless Chromium: the page outside Excel opens the demo, computes in a worker,
 * and downloads a workbook whose output sheets equal `appraisal calc`'s cell for cell, which
 * openpyxl reads. Nothing is requested outside 127.0.0.1. Hostile names stay text.
 */
import { spawnSync } from "node:child_process";
import { promises as fs, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { fileProblemLine } from "../../src/messages/files";
import { NOTHING_TO_COMPUTE } from "../../src/messages/zh-CN";
import { ballotsFile, calcFile, initWorkbook } from "../../src/node/commands";
import { loadWorkbookFile } from "../../src/node/files";
import { cellText, type Grid } from "../../src/workbook/cells";
import { OUTPUT_SHEETS } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { readGrids, workbookBytes } from "../../src/xlsx/host";
import { ballotedDemo } from "../support/ballots";
import { artifactDir, guard, launch, serve } from "../support/browser";
import { cli, gridOf, gridsOf, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";
import { saveWithLibreOffice } from "../support/pdf";
import { wordDocument } from "../support/zips";
import { buildWeb } from "../support/webbuild";

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let web: string;

beforeAll(async () => {
  web = buildWeb("production");
  server = await serve(web);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (g: Grid): string[][] =>
  g.map((r) => {
    const out = r.map((v) => (typeof v === "number" ? String(v) : cellText(v)));
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  });

async function open(width: number, query = ""): Promise<{ page: Page; outside: string[]; errors: string[]; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  const outside = await guard(context, server.url);
  const page = await context.newPage();
  const errors: string[] = [];
  // Every address the page asks for, from the first: its worker's scripts and chunks included.
  const requests: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${server.url}index.html${query}`);
  await page.waitForSelector("#btn-calc");
  return { page, outside, errors, requests };
}

async function calcAndDownload(page: Page, dir: string): Promise<string> {
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#btn-download")]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The notes about the open file (what its download will not hold; that it is an .xls/.ods read into a new workbook). */
const CONVERTED_NOTE = "#notes .note.lose";

/** The demo as an .xlsx, and LibreOffice's .xls or .ods of it under the same name, made once per format for this file. */
const legacyDemos = new Map<"xls" | "ods", Promise<{ xlsx: string; file: string; ms: number }>>();
function legacyDemo(format: "xls" | "ods"): Promise<{ xlsx: string; file: string; ms: number }> {
  let made = legacyDemos.get(format);
  if (!made) {
    made = (async () => {
      const dir = tempDir();
      const xlsx = path.join(dir, "示例支部-创先争优考评.xlsx");
      await initWorkbook(xlsx, { demo: true });
      const { file, ms } = await saveWithLibreOffice(xlsx, format, dir, 120_000);
      return { xlsx, file, ms };
    })();
    legacyDemos.set(format, made);
  }
  return made;
}

/** Open a file with the page's file input and wait until the page names it. */
async function openFile(page: Page, file: string, timeout = 60_000): Promise<void> {
  await page.setInputFiles("#file-input", file);
  await page.waitForFunction((name) => document.querySelector("#where")?.textContent === name, path.basename(file), { timeout });
}

/** The built scripts that hold SheetJS (its banner and its code-page hook survive minifying). */
const sheetJsChunks = (): string[] =>
  readdirSync(web).filter((f) => f.endsWith(".js") && /SheetJS|set_cptable/.test(readFileSync(path.join(web, f), "utf8")));

test("the page in a plain browser: demo, compute, download — the same outputs as appraisal calc", async () => {
  const { page, outside, errors } = await open(1280, "?demo");
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  expect(await page.isVisible("#btn-open")).toBe(true);
  const dir = tempDir();
  const downloaded = await calcAndDownload(page, dir);
  expect(path.basename(downloaded)).toBe("示例支部-创先争优考评-计算结果.xlsx");

  // The previews are the output sheets as tables.
  const rows = await page.locator("#previews [data-sheet='综合评定'] tbody.record").count();
  expect(rows).toBe(28);
  expect(await page.textContent("#summary")).toContain("表彰推荐：支部表彰 8 人");
  await page.screenshot({ path: path.join(artifactDir(), "filemode-1280.png"), fullPage: true });

  // The command line on the same input gives the same output sheets, cell for cell.
  const input = path.join(dir, "demo.xlsx");
  const viaCli = path.join(dir, "cli.xlsx");
  await initWorkbook(input, { demo: true });
  await calcFile(input, { out: viaCli });
  const fromPage = await gridsOf(downloaded);
  const fromCli = await gridsOf(viaCli);
  for (const def of OUTPUT_SHEETS) expect(text(gridOf(fromPage, def.name))).toEqual(text(gridOf(fromCli, def.name)));
  // … and every input sheet as the demo wrote it.
  for (const s of await gridsOf(input)) expect(text(gridOf(fromPage, s.name))).toEqual(text(s.grid));

  // A reader we did not write opens it.
  const py = spawnSync("/usr/bin/python3", [path.join(__dirname, "..", "interop", "inspect_xlsx.py"), downloaded], { encoding: "utf8" });
  expect(py.status).toBe(0);
  const sheets = (JSON.parse(py.stdout) as { sheets: { name: string }[] }).sheets.map((s) => s.name);
  expect(sheets).toEqual(expect.arrayContaining(OUTPUT_SHEETS.map((d) => d.name)));

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

/** What a person sees of the buttons of file mode: their words, and whether they can be pressed. */
const buttonState = (page: Page, id: string): Promise<{ text: string; visible: boolean; enabled: boolean }> =>
  page.evaluate((sel) => {
    const b = document.querySelector(sel) as HTMLButtonElement;
    return { text: b.textContent ?? "", visible: b.offsetParent !== null, enabled: !b.disabled };
  }, id);

/** The page's width beyond the viewport: the body must not scroll sideways at the task pane's width. */
const pageWidth = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth);

/** The header cells of a preview, as shown. */
const previewHeader = (page: Page, sheet: string): Promise<string[]> => page.locator(`#previews [data-sheet='${sheet}'] thead th`).allTextContents();

/** Each record of a preview: its 编号 and the prose shown under it ("" when none). */
const previewProse = (page: Page, sheet: string): Promise<{ id: string; prose: string; height: number }[]> =>
  page.evaluate((name) => {
    const preview = document.querySelector(`#previews [data-sheet='${name}']`) as Element;
    const header = [...preview.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
    const at = header.indexOf("编号");
    return [...preview.querySelectorAll("tbody.record")].map((b) => {
      const main = b.querySelector("tr.main") as HTMLElement;
      return { id: main.children[at]?.textContent ?? "", prose: b.querySelector("tr.prose")?.textContent ?? "", height: main.getBoundingClientRect().height };
    });
  }, sheet);

test("at 350 px: 载入示例支部, 检查 shows only the problems, 一键计算 offers 下载计算结果; previews lead with 编号…最终等次, prose under the rows", async () => {
  const dir = tempDir();
  const { page, outside, errors } = await open(350, "?demo");
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  expect(await page.textContent("#status")).toBe("已载入示例支部：示例支部-创先争优考评.xlsx。点击“一键计算”计算它。");
  expect(await buttonState(page, "#btn-template")).toEqual({ text: "下载空白模板", visible: true, enabled: true });
  expect(await buttonState(page, "#btn-demo")).toEqual({ text: "载入示例支部", visible: true, enabled: true });
  // Nothing computed yet: nothing to download as a result.
  expect(await buttonState(page, "#btn-download")).toEqual({ text: "下载计算结果", visible: false, enabled: false });
  expect(await pageWidth(page)).toBeLessThanOrEqual(350);

  // 检查数据: the problems and a count of them, no summary, no previews.
  await page.click("#btn-check");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("检查完成"), undefined, { timeout: 120_000 });
  const hints = await page.locator("#issues li.issue.hint").count();
  expect(await page.locator("#issues li.issue.error").count()).toBe(0);
  expect(hints).toBeGreaterThan(0);
  expect(await page.textContent("#status")).toBe(`检查完成：0 个错误、${hints} 个提示。`);
  expect(await page.isHidden("#summary")).toBe(true);
  expect(await page.isHidden("#previews")).toBe(true);
  expect(await page.locator("#summary .stat, #previews table").count()).toBe(0);
  expect(await buttonState(page, "#btn-download")).toMatchObject({ visible: false, enabled: false });
  await page.screenshot({ path: path.join(artifactDir(), "filemode-check-350.png"), fullPage: true });

  // 一键计算: the results are ready to download, and 下载计算结果 is the next button, in the primary look.
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
  const status = (await page.textContent("#status")) ?? "";
  expect(status).toBe(`计算完成：${OUTPUT_SHEETS.map((d) => d.name).join("、")} 已生成，点击“下载计算结果”保存。`);
  expect(status).not.toContain("已写入");
  expect(await buttonState(page, "#btn-download")).toEqual({ text: "下载计算结果", visible: true, enabled: true });
  expect(await page.getAttribute("#btn-download", "class")).toContain("primary");
  // Set apart: straight under the status, before the summary.
  expect(await page.evaluate(() => document.querySelector("#status")?.nextElementSibling?.contains(document.querySelector("#btn-download")))).toBe(true);

  // 综合评定: the five columns she looks for first, on screen at 350 px; 提醒 and 说明 under the rows.
  const header = await previewHeader(page, "综合评定");
  expect(header).toEqual(["编号", "姓名", "综合得分", "排名", "最终等次", "党员类别", "学习", "承诺践诺", "党员互评", "群众评议", "奉献加分", "建议等次"]);
  const lastLead = await page.locator("#previews [data-sheet='综合评定'] thead th").nth(4).boundingBox();
  expect((lastLead?.x ?? Infinity) + (lastLead?.width ?? 0)).toBeLessThanOrEqual(350);
  expect(await pageWidth(page)).toBeLessThanOrEqual(350);

  // The prose under each record is the sheet's, as appraisal calc writes it; rows without any have none.
  const input = path.join(dir, "demo.xlsx");
  const viaCli = path.join(dir, "cli.xlsx");
  await initWorkbook(input, { demo: true });
  await calcFile(input, { out: viaCli });
  const cli = await gridsOf(viaCli);
  const expectedProse = (sheet: string, columns: readonly string[]): { id: string; prose: string }[] => {
    const [, head = [], ...body] = text(gridOf(cli, sheet));
    return body.map((r) => ({
      id: r[head.indexOf("编号")] ?? "",
      prose: columns.map((c) => ({ c, t: (r[head.indexOf(c)] ?? "").trim() })).filter((x) => x.t !== "").map((x) => `${x.c}：${x.t}`).join(""),
    }));
  };
  const overall = await previewProse(page, "综合评定");
  expect(overall.map(({ id, prose }) => ({ id, prose }))).toEqual(expectedProse("综合评定", ["提醒", "说明"]));
  expect(overall.some((r) => r.prose === "")).toBe(true);
  expect(overall.some((r) => r.prose.startsWith("说明："))).toBe(true);

  // 表彰推荐: 推荐理由 under each nominee, and no row stretched into an empty box beside it.
  expect(await previewHeader(page, "表彰推荐")).toEqual(["序号", "编号", "姓名", "综合得分", "承诺践诺", "推荐类别"]);
  const nominees = await previewProse(page, "表彰推荐");
  expect(nominees.map(({ id, prose }) => ({ id, prose }))).toEqual(expectedProse("表彰推荐", ["推荐理由"]));
  expect(nominees).toHaveLength(8);
  for (const r of [...overall, ...nominees]) expect({ id: r.id, oneLine: r.height < 40 }).toEqual({ id: r.id, oneLine: true });
  await page.screenshot({ path: path.join(artifactDir(), "filemode-calc-350.png"), fullPage: true });

  // At 1280 px every table fits its box: 说明 and 推荐理由 read without scrolling sideways.
  await page.setViewportSize({ width: 1280, height: 900 });
  const fit = await page.evaluate(() =>
    [...document.querySelectorAll("#previews .table-wrap")].map((w) => {
      const box = w.getBoundingClientRect();
      const prose = [...w.querySelectorAll(".prose-text")].map((p) => p.getBoundingClientRect().right);
      return { overflow: w.scrollWidth - w.clientWidth, proseBeyond: prose.filter((r) => r > box.right + 0.5).length };
    }),
  );
  expect(fit).toEqual([
    { overflow: 0, proseBeyond: 0 },
    { overflow: 0, proseBeyond: 0 },
  ]);
  await page.screenshot({ path: path.join(artifactDir(), "filemode-calc-1280.png"), fullPage: true });
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

test("a failed open forgets the file before it: no name, summary, problems, previews or download, and nothing left to compute", async () => {
  const dir = tempDir();
  const bad = path.join(dir, "名单.xlsx");
  await fs.writeFile(bad, "编号,姓名\n1,张三\n");
  const { page, errors } = await open(350, "?demo");
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
  expect(await buttonState(page, "#btn-download")).toMatchObject({ visible: true, enabled: true });

  await page.setInputFiles("#file-input", bad);
  await page.waitForSelector("#alert:not([hidden])");
  expect(await page.textContent("#alert")).toContain("名单.xlsx");
  expect(await page.textContent("#where")).toBe("未打开工作簿");
  for (const box of ["#summary", "#issues", "#previews"]) expect({ box, hidden: await page.isHidden(box), text: await page.textContent(box) }).toEqual({ box, hidden: true, text: "" });
  expect(await buttonState(page, "#btn-download")).toMatchObject({ visible: false, enabled: false });
  expect(await buttonState(page, "#btn-ballots")).toMatchObject({ enabled: false });
  expect(await pageWidth(page)).toBeLessThanOrEqual(350);
  await page.screenshot({ path: path.join(artifactDir(), "filemode-failed-open-350.png"), fullPage: true });

  // The demo is gone from the worker too: 一键计算 says there is no workbook, and shows no results.
  await page.click("#btn-calc");
  await page.waitForFunction(() => document.querySelector("#alert")?.textContent?.includes("还没有打开工作簿"));
  expect(await page.textContent("#alert")).toBe(fileProblemLine({ code: "no_workbook" }));
  expect(await page.isHidden("#summary")).toBe(true);
  expect(await page.isHidden("#previews")).toBe(true);
  expect(errors).toEqual([]);
}, 180_000);

test("下载空白模板 downloads the blank template, the same as appraisal init, and leaves the open file and its results alone", async () => {
  const dir = tempDir();
  const { page, outside, errors } = await open(1280, "?demo");
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click("#btn-template")]);
  expect(download.suggestedFilename()).toBe("创先争优考评.xlsx");
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("已下载空白模板"));
  expect(await page.textContent("#status")).toBe("已下载空白模板：创先争优考评.xlsx。填写后用“打开工作簿”打开，再点击“一键计算”。");

  const cli = path.join(dir, "cli.xlsx");
  await initWorkbook(cli, { demo: false });
  const fromPage = await gridsOf(file);
  const fromCli = await gridsOf(cli);
  expect(fromPage.map((g) => g.name)).toEqual(fromCli.map((g) => g.name));
  for (const s of fromCli) expect({ sheet: s.name, grid: text(gridOf(fromPage, s.name)) }).toEqual({ sheet: s.name, grid: text(s.grid) });

  // The demo and its results are still what the page shows and what 下载计算结果 gives.
  expect(await page.textContent("#where")).toBe("示例支部-创先争优考评.xlsx");
  expect(await page.isVisible("#previews")).toBe(true);
  const [result] = await Promise.all([page.waitForEvent("download"), page.click("#btn-download")]);
  expect(result.suggestedFilename()).toBe("示例支部-创先争优考评-计算结果.xlsx");
  const computed = path.join(dir, "computed.xlsx");
  await result.saveAs(computed);
  expect(text(gridOf(await gridsOf(computed), "综合评定")).length).toBeGreaterThan(2);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

test("使用说明: a link on the page to help.html, served beside it, nothing from outside", async () => {
  const { page, outside, errors } = await open(350);
  const link = page.locator("#help-link");
  expect(await link.textContent()).toBe("使用说明");
  expect(await link.getAttribute("href")).toBe("help.html");
  // A page of its own (in the task pane, the pane stays where it is).
  expect(await link.getAttribute("target")).toBe("_blank");
  const [help] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await help.waitForLoadState("load");
  expect(help.url()).toBe(`${server.url}help.html`);
  expect(await help.title()).toContain("创先争优考评助手");
  expect((await page.request.get(`${server.url}help.html`)).status()).toBe(200);
  expect(await pageWidth(page)).toBeLessThanOrEqual(350);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 60_000);

test("at 360 px: open a file with hostile names; they show as text and are written as text", async () => {
  const dir = tempDir();
  const src = path.join(dir, "hostile.xlsx");
  await initWorkbook(src, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const roster = wb.getWorksheet("党员名册") as ExcelJS.Worksheet;
  const hostile = ["<img src=x onerror=window.__pwned=1>", '=HYPERLINK("http://x","y")', "@SUM(1)", "+1+1"];
  hostile.forEach((n, i) => {
    roster.getCell(`B${TEMPLATE_HEADER_ROW + 1 + i}`).value = n;
  });
  await fs.writeFile(src, await workbookBytes(wb));

  const { page, outside, errors } = await open(360);
  await page.setInputFiles("#file-input", src);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "hostile.xlsx");
  const downloaded = await calcAndDownload(page, dir);

  const shown = (await page.textContent("#previews")) ?? "";
  for (const n of hostile) expect(shown).toContain(n);
  expect(await page.locator("#previews img, #issues img").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: path.join(artifactDir(), "filemode-360.png"), fullPage: true });

  // openpyxl: the names are plain strings in 综合评定, never formulas.
  const py = spawnSync(
    "/usr/bin/python3",
    ["-c", "import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1])['综合评定']\nprint(json.dumps([[c.value,c.data_type] for c in ws['B'][2:]],ensure_ascii=False))", downloaded],
    { encoding: "utf8" },
  );
  expect(py.status).toBe(0);
  const cells = JSON.parse(py.stdout) as [string, string][];
  for (const n of hostile) expect(cells).toContainEqual([n, "s"]);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

test("a draft in file mode: 已计算（草稿） in the error colour with the first errors, 草稿 in the download; corrected, 计算完成", async () => {
  const dir = tempDir();
  const src = path.join(dir, "草稿.xlsx");
  await initWorkbook(src, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  (wb.getWorksheet("学习考勤") as ExcelJS.Worksheet).getCell("D7").value = "病假";
  await fs.writeFile(src, await workbookBytes(wb));

  const { page, errors } = await open(360);
  await page.setInputFiles("#file-input", src);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "草稿.xlsx");
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
  const status = page.locator("#status");
  expect(await status.textContent()).toContain("已计算（草稿）——有 1 条错误");
  expect(await status.textContent()).toContain("学习考勤!D7");
  expect(await status.textContent()).not.toContain("计算完成");
  // Nothing is written anywhere until she downloads it.
  expect(await status.textContent()).toContain("下载的结果各表标有“草稿”；在原文件中改正错误后重新打开、计算，即为最终结果。");
  expect(await status.textContent()).not.toContain("已写入");
  // The error colour: the same red as an 错误 in the list.
  const colours = await page.evaluate(() => ({
    status: getComputedStyle(document.querySelector("#status.draft") as Element).color,
    error: getComputedStyle(document.querySelector(".issue.error .badge") as Element).backgroundColor,
  }));
  expect(colours.status).toBe(colours.error);
  await page.screenshot({ path: path.join(artifactDir(), "filemode-draft-360.png"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#btn-download")]);
  const downloaded = path.join(dir, download.suggestedFilename());
  await download.saveAs(downloaded);
  expect(cellText(gridOf(await gridsOf(downloaded), "综合评定")[0]?.[0])).toMatch(/^草稿：数据有 1 条错误未改正/);
  // Downloaded, the notice stays: the file is a draft.
  expect(await status.textContent()).toContain("已下载");
  expect(await status.textContent()).toContain("已计算（草稿）——有 1 条错误");

  // Corrected and opened again: final, no mark.
  (wb.getWorksheet("学习考勤") as ExcelJS.Worksheet).getCell("D7").value = "请假";
  const fixed = path.join(dir, "改正.xlsx");
  await fs.writeFile(fixed, await workbookBytes(wb));
  await page.setInputFiles("#file-input", fixed);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "改正.xlsx");
  await page.click("#btn-calc");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("计算完成"), undefined, { timeout: 120_000 });
  expect(await page.locator("#status.draft").count()).toBe(0);
  const again = await calcAndDownload(page, dir);
  expect(await page.locator("#status.draft").count()).toBe(0);
  expect(cellText(gridOf(await gridsOf(again), "综合评定")[0]?.[0])).not.toContain("草稿");
  expect(errors).toEqual([]);
}, 180_000);

/** The 编号 on the printed forms: the rows of 测评票 whose first cell is a row number. */
const ballotIds = (g: Grid): string[] => text(g).filter((r) => /^\d+$/.test(r[0] ?? "")).map((r) => r[1] ?? "");

test("打印测评票 on the page: the demo's ballots downloaded as <name>-测评票.xlsx, the same sheets as appraisal ballots", async () => {
  const blank = await open(360);
  // No file open: nothing to make ballots from.
  expect(await blank.page.locator("#btn-ballots").isDisabled()).toBe(true);

  const { page, outside, errors } = await open(360, "?demo");
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  const dir = tempDir();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.click("#btn-ballots")]);
  expect(download.suggestedFilename()).toBe("示例支部-创先争优考评-测评票.xlsx");
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已生成测评票"));
  expect(await page.textContent("#status")).toBe(
    "已生成测评票（2026年 年终）：党员互评、群众评议各一式，27 人；已下载为“示例支部-创先争优考评-测评票.xlsx”，请用 WPS 或 LibreOffice 打开后在“测评票”工作表中打印。" +
      "已创建“互评计票”“群众计票”工作表，收回的票每张录入一行（录入在下载的文件中，再用它计算）。",
  );
  await page.screenshot({ path: path.join(artifactDir(), "filemode-ballots-360.png"), fullPage: true });

  // Opened with exceljs: the three sheets after her own, 27 参评 members (G12 孙丽 不参评 left off).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name).slice(-3)).toEqual(["测评票", "互评计票", "群众计票"]);
  const grids = readGrids(wb);
  const ids = ballotIds(gridOf(grids, "测评票"));
  expect(ids).toHaveLength(2 * 27);
  expect(ids).not.toContain("G12");
  for (const name of ["互评计票", "群众计票"]) {
    const header = text(gridOf(grids, name))[TEMPLATE_HEADER_ROW - 1] ?? [];
    expect(header.slice(0, 3)).toEqual(["期次", "票号", "G01 王建国"]);
    expect(header).toHaveLength(2 + 27);
  }
  // The command line on the same demo writes the same three sheets, cell for cell.
  const input = path.join(dir, "demo.xlsx");
  await initWorkbook(input, { demo: true });
  await ballotsFile(input);
  const viaCli = await gridsOf(input);
  for (const name of ["测评票", "互评计票", "群众计票"]) expect(text(gridOf(grids, name))).toEqual(text(gridOf(viaCli, name)));
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

test("打印测评票 on the page from a roster with 错误: 草稿 ballots downloaded, the status in the error colour with the first error", async () => {
  const dir = tempDir();
  const src = path.join(dir, "名册有误.xlsx");
  await initWorkbook(src, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  (wb.getWorksheet("党员名册") as ExcelJS.Worksheet).getCell(`A${TEMPLATE_HEADER_ROW + 2}`).value = "G01"; // 李秀英 given 王建国's 编号
  await fs.writeFile(src, await workbookBytes(wb));

  const { page, errors } = await open(360);
  await page.setInputFiles("#file-input", src);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "名册有误.xlsx");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.click("#btn-ballots")]);
  expect(download.suggestedFilename()).toBe("名册有误-测评票.xlsx");
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await page.waitForSelector("#status.draft");
  const status = (await page.textContent("#status")) ?? "";
  expect(status).toMatch(/^已生成测评票（草稿）——党员名册或参数设置有 \d+ 条错误/);
  expect(status).toContain(`党员名册!A${TEMPLATE_HEADER_ROW + 2}`);
  expect(status).toContain("测评票标有“草稿”：改正错误后重新点击“打印测评票”，再打印。");
  expect(status).toContain("已下载为“名册有误-测评票.xlsx”");
  expect(status).not.toContain("请用 WPS 或 LibreOffice 打开后在“测评票”工作表中打印");
  const colours = await page.evaluate(() => getComputedStyle(document.querySelector("#status.draft") as Element).color);
  expect(colours).toBe("rgb(164, 38, 44)");
  const ballots = gridOf(await gridsOf(file), "测评票");
  expect(cellText(ballots[0]?.[0])).toMatch(/^草稿：数据有 \d+ 条错误未改正/);
  // Two members share G01: the second is left out of the roster, so 26 on each form.
  expect(ballotIds(ballots)).toHaveLength(2 * 26);
  await page.screenshot({ path: path.join(artifactDir(), "filemode-ballots-draft-360.png"), fullPage: true });
  expect(errors).toEqual([]);
}, 180_000);

test("a ballot workbook opened on the page: 一键计算 counts 互评计票/群众计票 to the same outputs as the demo's typed tallies", async () => {
  const dir = tempDir();
  const { typed, balloted, built } = await ballotedDemo(dir, { init: (file) => initWorkbook(file, { demo: true }), ballots: (file) => ballotsFile(file) });

  const { page, outside, errors } = await open(1280);
  await page.setInputFiles("#file-input", balloted);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "balloted.xlsx");
  const downloaded = await calcAndDownload(page, dir);
  expect(await page.locator("#status.draft").count()).toBe(0);
  await calcFile(typed);
  const fromPage = await gridsOf(downloaded);
  const fromTyped = await gridsOf(typed);
  for (const def of OUTPUT_SHEETS) expect({ sheet: def.name, grid: text(gridOf(fromPage, def.name)) }).toEqual({ sheet: def.name, grid: text(gridOf(fromTyped, def.name)) });
  // 计票结果 counts every ballot typed.
  const tally = text(gridOf(fromPage, "计票结果"));
  expect(tally[0]?.[0]).toContain(`党员互评收回 ${built.peerBallots} 张，群众评议收回 ${built.massBallots} 张`);
  expect(fromTyped.map((g) => g.name)).not.toContain("计票结果");
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 240_000);

test("an empty roster on the page: the summary says there is nothing to compute, with no grade counts", async () => {
  const dir = tempDir();
  const src = path.join(dir, "空白.xlsx");
  await initWorkbook(src, { demo: false });
  const { page, errors } = await open(360);
  await page.setInputFiles("#file-input", src);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "空白.xlsx");
  await page.click("#btn-calc");
  await page.waitForFunction(() => document.querySelector("#summary")?.textContent?.includes("没有可计算的内容"), undefined, { timeout: 120_000 });
  expect(await page.locator("#summary .stat").count()).toBe(0);
  expect(await page.textContent("#summary")).toContain(NOTHING_TO_COMPUTE);
  expect(errors).toEqual([]);
}, 180_000);

test("a CSV named .xlsx gets the command line's sentence; an old .xls (tiny.xls) is read, not refused", async () => {
  const dir = tempDir();
  const bad = path.join(dir, "名单.xlsx");
  await fs.writeFile(bad, "编号,姓名\n1,张三\n");
  const { page, errors } = await open(360);
  await page.setInputFiles("#file-input", bad);
  await page.waitForSelector("#alert:not([hidden])");
  // The same sentence the command line prints for the same file (src/messages/files.ts).
  expect(await page.textContent("#alert")).toBe(fileProblemLine({ code: "disguised", file: "名单.xlsx", holds: "text" }));
  expect(cli(["check", "名单.xlsx"], dir).err).toContain(`错误：${fileProblemLine({ code: "disguised", file: "名单.xlsx", holds: "text" })}`);

  // A real .xls (LibreOffice's, one sheet “a”) opens: no alert, the note that it is converted,
  // and 检查数据 finds what the command line finds in it — no 党员名册.
  const xls = path.join(dir, "旧表.xls");
  await fs.copyFile(path.join(__dirname, "..", "fixtures", "tiny.xls"), xls);
  await page.setInputFiles("#file-input", xls);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "旧表.xls");
  expect(await page.isHidden("#alert")).toBe(true);
  expect(await page.textContent("#status")).toBe("已打开 旧表.xls。点击“检查数据”或“一键计算”。");
  expect(await page.locator(CONVERTED_NOTE).allTextContents()).toEqual([expect.stringContaining(".xls 工作簿")]);
  await page.click("#btn-check");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("检查完成"), undefined, { timeout: 120_000 });
  const shown = await page.locator("#issues li.issue").evaluateAll((li) => li.map((e) => `${e.classList.contains("error") ? "错误" : "提示"} ${(e as HTMLElement).dataset.code ?? ""} ${e.querySelector(".addr")?.textContent ?? ""}`));
  expect(shown).toContainEqual("错误 sheet_missing 党员名册");
  const viaCli = cli(["check", "旧表.xls"], dir);
  expect(viaCli.code).toBe(1);
  // One 错误 on the page for each the command line lists, and the same number of 提示.
  expect({ errors: shown.filter((l) => l.startsWith("错误")).length, hints: shown.filter((l) => l.startsWith("提示")).length }).toEqual({
    errors: viaCli.out.split("\n").filter((l) => /^\s+错误 /.test(l)).length,
    hints: viaCli.out.split("\n").filter((l) => /^\s+提示 /.test(l)).length,
  });
  expect(errors).toEqual([]);
}, 120_000);

test("5,000 members open and compute in the worker; the page stays responsive (measured)", async () => {
  const dir = tempDir();
  const file = path.join(dir, "big.xlsx");
  const wb = new ExcelJS.Workbook();
  for (const s of bigBranch(5000, 50)) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.grid) ws.addRow(row.map((v) => (v === null ? null : v)));
  }
  await fs.writeFile(file, await workbookBytes(wb));
  expect(readGrids(wb).find((g) => g.name === "党员名册")?.grid.length).toBe(5001);

  const { page, errors } = await open(1280);
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __progress: string[] };
    w.__longest = 0;
    w.__progress = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: "longtask", buffered: false });
    new MutationObserver(() => w.__progress.push(document.querySelector("#status")?.textContent ?? "")).observe(document.querySelector("#status") as Node, { childList: true, characterData: true, subtree: true });
  });
  const started = Date.now();
  await page.setInputFiles("#file-input", file);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "big.xlsx", undefined, { timeout: 120_000 });
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 180_000 });
  const seconds = (Date.now() - started) / 1000;
  const m = await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __progress: string[] };
    return { longest: w.__longest, progress: w.__progress };
  });
  expect(await page.textContent("#summary")).toMatch(/计分/);
  expect(m.progress.some((p) => /\d+%$/.test(p))).toBe(true);
  expect(errors).toEqual([]);
  // A timing is a benchmark, not a test: recorded for docs/performance.md, not asserted.
  await fs.writeFile(path.join(artifactDir(), "filemode-5000.json"), JSON.stringify({ members: 5000, sessions: 50, seconds, longestMainThreadTaskMs: m.longest }, null, 2));
}, 300_000);

test("the page's own script does not contain exceljs: only the worker's chunk does", () => {
  const html = readFileSync(path.join(web, "index.html"), "utf8");
  const scripts = [...html.matchAll(/src="?([^"\s>]+\.js)/g)].map((x) => x[1] as string);
  expect(scripts.length).toBeGreaterThanOrEqual(1);
  for (const s of scripts) expect(readFileSync(path.join(web, s), "utf8")).not.toContain("exceljs");
  const all = readdirSync(web).filter((f) => f.endsWith(".js"));
  expect(all.some((f) => readFileSync(path.join(web, f), "utf8").includes("exceljs"))).toBe(true);
});

test("a Word document renamed .xlsx: 不是 Excel 工作簿, in the command line's words, not every sheet missing", async () => {
  const dir = tempDir();
  const doc = path.join(dir, "总结.xlsx");
  await fs.writeFile(doc, await wordDocument());
  const { page, errors } = await open(360);
  await page.setInputFiles("#file-input", doc);
  await page.waitForSelector("#alert:not([hidden])");
  expect(await page.textContent("#alert")).toBe(fileProblemLine({ code: "zip_not_workbook", file: "总结.xlsx", holds: "word" }));
  expect(await page.textContent("body")).not.toContain("缺少工作表");
  expect(errors).toEqual([]);
}, 60_000);

test("advice on the page names what the page has (下载空白模板), in the list and in the downloaded 问题清单, never the add-in's 创建模板", async () => {
  const dir = tempDir();
  const src = path.join(dir, "缺表.xlsx");
  await initWorkbook(src, { demo: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  wb.removeWorksheet((wb.getWorksheet("学习考勤") as ExcelJS.Worksheet).id);
  await fs.writeFile(src, await workbookBytes(wb));
  const { page, errors } = await open(1280);
  await page.setInputFiles("#file-input", src);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent === "缺表.xlsx");
  await page.click("#btn-check");
  await page.waitForSelector('#issues li[data-code="sheet_missing"]', { timeout: 120_000 });
  const fix = (await page.textContent('#issues li[data-code="sheet_missing"] .fix')) ?? "";
  expect(fix).toContain("“下载空白模板”");
  expect(fix).toContain("“学习考勤”");
  expect(fix).not.toMatch(/创建模板|appraisal/);
  const downloaded = await calcAndDownload(page, dir);
  const issues = text(gridOf(await gridsOf(downloaded), "问题清单"));
  const row = issues.find((r) => r.includes("sheet_missing")) ?? [];
  expect(row.join(" ")).toContain("“下载空白模板”");
  expect(row.join(" ")).not.toMatch(/创建模板|appraisal/);
  expect(errors).toEqual([]);
}, 180_000);

/** What the page shows of a computed result: the summary, the status and the previews, as text. */
const shownResult = (page: Page): Promise<{ summary: string; status: string; previews: string }> =>
  page.evaluate(() => ({
    summary: document.querySelector("#summary")?.textContent ?? "",
    status: document.querySelector("#status")?.textContent ?? "",
    previews: document.querySelector("#previews")?.textContent ?? "",
  }));

async function compute(page: Page): Promise<void> {
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
}

test.each(["xls", "ods"] as const)(
  "the demo saved as .%s by LibreOffice, on the page: the note, the .xlsx's summary, and 示例支部-创先争优考评-计算结果.xlsx with appraisal calc's output sheets",
  async (format) => {
    const { xlsx, file, ms } = await legacyDemo(format);
    const dir = tempDir();
    const { page, outside, errors } = await open(1280);
    const started = Date.now();
    await openFile(page, file);
    const opened = Date.now();
    expect(await page.isHidden("#alert")).toBe(true);
    // The note: which format, that the download is a new .xlsx and hers stays as it is, and
    // what the new file will not hold — the reader's own list for this file.
    const notes = await page.locator(CONVERTED_NOTE).allTextContents();
    expect(notes).toHaveLength(1);
    const note = notes[0] ?? "";
    expect(note).toContain(format === "xls" ? ".xls 工作簿" : ".ods 表格");
    expect(note).toContain("新的 .xlsx 工作簿");
    expect(note).toContain("原文件不会改动");
    const { converted } = await loadWorkbookFile(file);
    expect(converted?.format).toBe(format);
    for (const item of converted?.notCarried ?? []) expect(note).toContain(item);
    expect(await page.isVisible(CONVERTED_NOTE)).toBe(true);

    await compute(page);
    const computedAt = Date.now();
    const fromLegacy = await shownResult(page);
    expect(fromLegacy.summary).toContain("表彰推荐：支部表彰 8 人");
    // Computed, she still reads that the download is a new .xlsx.
    expect(await page.locator(CONVERTED_NOTE).allTextContents()).toEqual([note]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#btn-download")]);
    expect(download.suggestedFilename()).toBe("示例支部-创先争优考评-计算结果.xlsx");
    const downloaded = path.join(dir, download.suggestedFilename());
    await download.saveAs(downloaded);

    // The .xlsx it was saved from, on the same page: no note, and the same summary, status and previews.
    const xlsxStarted = Date.now();
    await openFile(page, xlsx);
    expect(await page.locator(CONVERTED_NOTE).count()).toBe(0);
    await compute(page);
    const xlsxSeconds = (Date.now() - xlsxStarted) / 1000;
    expect(await shownResult(page)).toEqual(fromLegacy);

    // The command line on the .xlsx: the same output sheets, cell for cell.
    const viaCli = path.join(dir, "cli.xlsx");
    await calcFile(xlsx, { out: viaCli });
    const fromPage = await gridsOf(downloaded);
    const fromCli = await gridsOf(viaCli);
    for (const def of OUTPUT_SHEETS) expect({ sheet: def.name, grid: text(gridOf(fromPage, def.name)) }).toEqual({ sheet: def.name, grid: text(gridOf(fromCli, def.name)) });
    // … and her input sheets with the values she typed.
    for (const s of await gridsOf(xlsx)) expect({ sheet: s.name, grid: text(gridOf(fromPage, s.name)) }).toEqual({ sheet: s.name, grid: text(s.grid) });
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    // A timing is a benchmark, not a test: recorded, not asserted.
    const timing = {
      format,
      bytes: (await fs.stat(file)).size,
      libreOfficeSaveMs: ms,
      openSeconds: (opened - started) / 1000,
      openAndComputeSeconds: (computedAt - started) / 1000,
      xlsxOpenAndComputeSecondsAfter: xlsxSeconds,
    };
    await fs.writeFile(path.join(artifactDir(), `filemode-${format}.json`), JSON.stringify(timing, null, 2));
  },
  240_000,
);

test("the SheetJS chunk is fetched only when an .xls or .ods is opened: not for the demo, not for an .xlsx", async () => {
  const chunks = sheetJsChunks();
  expect(chunks.length).toBeGreaterThanOrEqual(1);
  const { xlsx, file } = await legacyDemo("xls");
  const { page, outside, errors, requests } = await open(1280, "?demo");
  const fetched = (): string[] => requests.map((u) => path.basename(new URL(u).pathname)).filter((f) => chunks.includes(f));
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  await compute(page);
  // The worker and its exceljs chunk were fetched: the record holds what the worker asks for.
  const scripts = (): string[] => requests.filter((u) => u.endsWith(".js")).map((u) => path.basename(new URL(u).pathname));
  expect(scripts().some((f) => f.startsWith("appraisal-file-worker."))).toBe(true);
  expect(fetched()).toEqual([]);
  await openFile(page, xlsx);
  await compute(page);
  expect(fetched()).toEqual([]);
  const beforeXls = new Set(scripts());

  await openFile(page, file);
  expect(fetched()).toEqual(chunks);
  // Opened again, it is not fetched again.
  await compute(page);
  await openFile(page, xlsx);
  await openFile(page, file);
  expect(fetched()).toEqual(chunks);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  // Recorded for the report: what an .xls costs to fetch, over what the demo and an .xlsx fetch.
  const extra = [...new Set(scripts())].filter((f) => !beforeXls.has(f)).map((f) => ({ file: f, bytes: readFileSync(path.join(web, f)).length, sheetJs: chunks.includes(f) }));
  await fs.writeFile(path.join(artifactDir(), "filemode-sheetjs-chunk.json"), JSON.stringify(extra, null, 2));
}, 180_000);

/** Bytes that look like an encrypted stream: noise (fixed, so every run reads the same file). */
function noise(length: number, seed = 20261206): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

test("a cut-off or scrambled .xls on the page: the command line's sentence, and nothing of the .xls before it stays", async () => {
  const { file } = await legacyDemo("xls");
  const good = new Uint8Array(readFileSync(file));
  const dir = tempDir();
  const truncated = path.join(dir, "截断.xls");
  await fs.writeFile(truncated, good.subarray(0, Math.floor(good.length / 2)));
  // Its OLE signature, then noise: an .xls whose contents cannot be made out.
  const scrambled = path.join(dir, "乱码.xls");
  await fs.writeFile(scrambled, Buffer.concat([good.subarray(0, 8), noise(good.length - 8)]));

  const { page, outside, errors } = await open(350);
  for (const [kind, bad] of [
    ["truncated", truncated],
    ["scrambled", scrambled],
  ] as const) {
    const name = path.basename(bad);
    await openFile(page, file);
    await compute(page);
    expect(await page.locator(CONVERTED_NOTE).count()).toBe(1);
    expect(await buttonState(page, "#btn-download")).toMatchObject({ visible: true, enabled: true });

    await page.setInputFiles("#file-input", bad);
    await page.waitForFunction((n) => document.querySelector("#alert")?.textContent?.includes(n), name);
    const line = fileProblemLine({ code: "file_corrupt", file: name, format: "xls" });
    expect(await page.textContent("#alert")).toBe(line);
    const viaCli = cli(["calc", name], dir);
    expect({ code: viaCli.code, err: viaCli.err.trim() }).toEqual({ code: 2, err: `错误：${line}` });

    expect(await page.textContent("#where")).toBe("未打开工作簿");
    expect(await page.locator(CONVERTED_NOTE).count()).toBe(0);
    for (const box of ["#summary", "#issues", "#previews"]) expect({ box, hidden: await page.isHidden(box), text: await page.textContent(box) }).toEqual({ box, hidden: true, text: "" });
    expect(await buttonState(page, "#btn-download")).toMatchObject({ visible: false, enabled: false });
    expect(await buttonState(page, "#btn-ballots")).toMatchObject({ enabled: false });
    expect(await pageWidth(page)).toBeLessThanOrEqual(350);
    await page.screenshot({ path: path.join(artifactDir(), `filemode-xls-${kind}-350.png`), fullPage: true });
    // The .xls before it is gone from the worker too.
    await page.click("#btn-calc");
    await page.waitForFunction(() => document.querySelector("#alert")?.textContent?.includes("还没有打开工作簿"));
    expect(await page.textContent("#alert")).toBe(fileProblemLine({ code: "no_workbook" }));
    expect(await page.isHidden("#previews")).toBe(true);
  }
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

test("an .xls on the page at 350 and 1280 px: the note wraps inside the page, opened and computed (screenshots)", async () => {
  const { file } = await legacyDemo("xls");
  const { page, outside, errors } = await open(350);
  await openFile(page, file);
  /** The note's box and the page's width: nothing past the viewport, the note's words inside its box. */
  const fits = (): Promise<{ page: number; noteRight: number; noteOverflow: number; lines: number }> =>
    page.evaluate((sel) => {
      const n = document.querySelector(sel) as HTMLElement;
      const r = n.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(n).lineHeight) || 20;
      return { page: document.documentElement.scrollWidth, noteRight: r.right, noteOverflow: n.scrollWidth - n.clientWidth, lines: Math.round(r.height / lineHeight) };
    }, CONVERTED_NOTE);
  const shots: Record<string, { page: number; noteRight: number; noteOverflow: number; lines: number }> = {};
  for (const [stage, widths] of [
    ["opened", [350, 1280]],
    ["calc", [1280, 350]],
  ] as const) {
    if (stage === "calc") await compute(page);
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.isVisible(CONVERTED_NOTE)).toBe(true);
      const f = await fits();
      expect({ stage, width, page: f.page <= width, note: f.noteRight <= width, overflow: f.noteOverflow }).toEqual({ stage, width, page: true, note: true, overflow: 0 });
      shots[`${stage}-${width}`] = f;
      await page.screenshot({ path: path.join(artifactDir(), `filemode-xls-${stage}-${width}.png`), fullPage: true });
    }
  }
  await fs.writeFile(path.join(artifactDir(), "filemode-xls-note.json"), JSON.stringify(shots, null, 2));
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

/** The built scripts that hold exceljs (its name survives minifying in its license banner and code). */
const exceljsChunks = (): string[] => readdirSync(web).filter((f) => f.endsWith(".js") && readFileSync(path.join(web, f), "utf8").includes("exceljs"));

// Issue 17: an .xlsx is read from its package and written into it; exceljs builds only new
// workbooks. So opening, checking, computing and downloading her .xlsx fetch no exceljs chunk;
// 示例支部 and 空白模板 (new workbooks) do.
test("the exceljs chunk is not fetched to open, compute and download an .xlsx; only 示例支部 and 空白模板 fetch it", async () => {
  const chunks = exceljsChunks();
  expect(chunks.length).toBeGreaterThanOrEqual(1);
  const dir = tempDir();
  const xlsx = path.join(dir, "第一支部.xlsx");
  await initWorkbook(xlsx, { demo: true });
  const { page, outside, errors, requests } = await open(1280);
  const fetched = (): string[] => [...new Set(requests.map((u) => path.basename(new URL(u).pathname)).filter((f) => chunks.includes(f)))];
  await openFile(page, xlsx);
  await page.click("#btn-check");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("检查完成"), undefined, { timeout: 120_000 });
  const downloaded = await calcAndDownload(page, dir);
  expect(path.basename(downloaded)).toBe("第一支部-计算结果.xlsx");
  expect(fetched()).toEqual([]);
  // The download is her package with the results in it, as appraisal calc writes it.
  const viaCli = path.join(dir, "cli.xlsx");
  await calcFile(xlsx, { out: viaCli });
  const fromPage = await gridsOf(downloaded);
  const fromCli = await gridsOf(viaCli);
  for (const def of OUTPUT_SHEETS) expect({ sheet: def.name, grid: gridOf(fromPage, def.name) }).toEqual({ sheet: def.name, grid: gridOf(fromCli, def.name) });
  // A new workbook is built by exceljs: now, and only now, its chunk comes.
  await page.click("#btn-demo");
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"));
  expect(fetched()).toEqual(chunks);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);

// Regression: the page named every download .xlsx, and an .xlsm's download (her package, its
// macros kept) would have been a macro-enabled workbook named .xlsx, which Excel refuses.
test("an .xlsm on the page downloads as …-计算结果.xlsm, still macro-enabled, its other parts as they were", async () => {
  const dir = tempDir();
  const xlsx = path.join(dir, "base.xlsx");
  await initWorkbook(xlsx, { demo: true });
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await fs.readFile(xlsx));
  const macroType = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
  const types = ((await zip.file("[Content_Types].xml")?.async("string")) ?? "").replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", macroType);
  expect(types).toContain(macroType);
  zip.file("[Content_Types].xml", types);
  const xlsm = path.join(dir, "宏支部.xlsm");
  await fs.writeFile(xlsm, await zip.generateAsync({ type: "nodebuffer" }));
  const { page, outside, errors } = await open(1280);
  await openFile(page, xlsm);
  const downloaded = await calcAndDownload(page, dir);
  expect(path.basename(downloaded)).toBe("宏支部-计算结果.xlsm");
  const back = await JSZip.loadAsync(await fs.readFile(downloaded));
  expect(await back.file("[Content_Types].xml")?.async("string")).toContain(macroType);
  expect(await back.file("xl/theme/theme1.xml")?.async("string")).toBe(await zip.file("xl/theme/theme1.xml")?.async("string"));
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);
