/**
 * The task pane in real headless Chromium, on the built page, with the strict fake Excel
 * injected: create the template, load the demo, compute, see the summary and the problems,
 * jump to a cell. Screenshots at 320 px and 800 px go to test-artifacts/.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { artifactDir, bundle, guard, launch, serve } from "../support/browser";
import { buildWeb } from "../support/webbuild";
import { OUTPUT_SHEETS } from "../../src/workbook/layout";

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let fakeScript: string;

beforeAll(async () => {
  const web = buildWeb("development");
  fakeScript = await bundle("test/browser/fake-entry.ts");
  server = await serve(web);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  outside: string[];
  errors: string[];
}

async function open(width: number): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  const outside = await guard(context, server.url);
  await context.addInitScript({ path: fakeScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector("#btn-calc");
  return { page, outside, errors };
}

/** The fake workbook's sheet names and one sheet's grid, read inside the page. */
const sheetNames = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __FAKE__: { workbook: { sheetNames(): string[] } } }).__FAKE__.workbook.sheetNames());

test("create the template, load the demo, compute, see the summary and the problems", async () => {
  const { page, outside, errors } = await open(320);

  await page.click("#btn-template");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已创建"));
  expect(await sheetNames(page)).toEqual(["Sheet1", "使用说明", "参数设置", "党员名册", "个人承诺", "学习考勤", "活动记录", "评议打分"]);

  // A template with no members: checking lists the empty roster as an error.
  await page.click("#btn-check");
  await page.waitForSelector("#issues li.issue.error");
  expect(await page.textContent("#issues")).toContain("党员名册中没有党员");

  // The demo goes into an empty workbook; here the input sheets exist, so use a fresh pane.
  const fresh = await open(320);
  await fresh.page.click("#btn-demo");
  await fresh.page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已创建"));

  // While it works, the buttons are disabled.
  const clicked = fresh.page.click("#btn-calc");
  await clicked;
  await fresh.page.waitForSelector("#summary:not([hidden])");
  await fresh.page.waitForFunction(() => !document.querySelector("#btn-calc")?.hasAttribute("disabled"));
  const summary = (await fresh.page.textContent("#summary")) ?? "";
  expect(summary).toContain("2026年 年终");
  expect(summary).toMatch(/8\s*优秀/);
  expect(summary).toContain("表彰推荐：支部表彰 8 人，其中推荐所级 2 人");
  expect((await sheetNames(fresh.page)).slice(-OUTPUT_SHEETS.length)).toEqual(OUTPUT_SHEETS.map((d) => d.name));
  expect(OUTPUT_SHEETS.map((d) => d.name)).toEqual(["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"]);
  expect(await fresh.page.textContent("#status")).toContain("计算完成");

  // The problems list, with a clickable address that selects the cell in the workbook.
  const first = fresh.page.locator("#issues li.issue").first();
  const address = ((await first.locator(".addr").textContent()) ?? "").trim();
  expect(address).toMatch(/^[^!]+![A-Z]+\d+$/);
  await first.locator(".addr").click();
  const [sheet, cell] = address.split("!");
  await fresh.page.waitForFunction(
    ([s, c]) => {
      const sel = (window as unknown as { __FAKE__: { workbook: { selection(): { sheet: string; address: string } | null } } }).__FAKE__.workbook.selection();
      return sel !== null && sel.sheet === s && sel.address === c;
    },
    [sheet, cell],
  );

  const dir = artifactDir();
  await fresh.page.screenshot({ path: path.join(dir, "taskpane-320.png"), fullPage: true });
  await page.screenshot({ path: path.join(dir, "taskpane-320-template-check.png"), fullPage: true });
  expect(errors).toEqual([]);
  expect(fresh.errors).toEqual([]);
  expect(outside).toEqual([]);
  expect(fresh.outside).toEqual([]);
}, 120_000);

test("at 800 px, and a hostile name is shown as text, not markup", async () => {
  const { page, errors } = await open(800);
  await page.click("#btn-demo");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已创建"));
  // Rename a member in 学习考勤 only: the name mismatch puts the hostile text into the problem list.
  await page.evaluate(async () => {
    const w = window as unknown as { __APPRAISAL_EXCEL__: { run: (b: (c: Excel.RequestContext) => Promise<void>) => Promise<void> } };
    await w.__APPRAISAL_EXCEL__.run(async (context) => {
      context.workbook.worksheets.getItem("学习考勤").getRange("B3").values = [["<img src=x onerror=window.__pwned=1>"]];
      await context.sync();
    });
  });
  await page.click("#btn-check");
  await page.waitForSelector("#issues li[data-code='name_mismatch']");
  const text = (await page.textContent("#issues li[data-code='name_mismatch']")) ?? "";
  expect(text).toContain("<img src=x onerror=window.__pwned=1>");
  expect(await page.locator("#issues img").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.click("#btn-calc");
  await page.waitForSelector("#summary:not([hidden])");
  await page.screenshot({ path: path.join(artifactDir(), "taskpane-800.png"), fullPage: true });
  expect(errors).toEqual([]);
}, 120_000);

test("an error from Excel is shown in plain Chinese, and the buttons come back", async () => {
  const { page } = await open(320);
  // No input sheets at all and a workbook that refuses writes: make every sync fail.
  await page.evaluate(() => {
    const w = window as unknown as { __APPRAISAL_EXCEL__: { run: unknown } };
    w.__APPRAISAL_EXCEL__.run = () => Promise.reject(Object.assign(new Error("locked"), { code: "InvalidOperationInCellEditMode" }));
  });
  await page.click("#btn-calc");
  await page.waitForSelector("#alert:not([hidden])");
  expect(await page.textContent("#alert")).toContain("单元格编辑状态");
  expect(await page.locator("#btn-calc").isDisabled()).toBe(false);
}, 60_000);

test("a draft in the pane: 已计算（草稿）in the error colour with the first error, 草稿 in the sheets; corrected, final", async () => {
  const { page, errors } = await open(320);
  await page.click("#btn-demo");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已创建"));
  const setD7 = (value: string): Promise<void> =>
    page.evaluate(async (v) => {
      const w = window as unknown as { __APPRAISAL_EXCEL__: { run: (b: (c: Excel.RequestContext) => Promise<void>) => Promise<void> } };
      await w.__APPRAISAL_EXCEL__.run(async (context) => {
        context.workbook.worksheets.getItem("学习考勤").getRange("D7").values = [[v]];
        await context.sync();
      });
    }, value);
  const resultTitle = (): Promise<string> =>
    page.evaluate(() => {
      const v = (window as unknown as { __FAKE__: { workbook: { grid(n: string): unknown[][] } } }).__FAKE__.workbook.grid("综合评定")[0]?.[0];
      return typeof v === "string" ? v : "";
    });

  await setD7("病假");
  await page.click("#btn-calc");
  await page.waitForSelector("#status.draft");
  const status = (await page.textContent("#status")) ?? "";
  expect(status).toContain("已计算（草稿）——有 1 条错误");
  expect(status).toContain("学习考勤!D7");
  expect(status).not.toContain("计算完成");
  expect(await page.textContent("#summary h2")).toContain("（草稿）");
  const colours = await page.evaluate(() => ({
    status: getComputedStyle(document.querySelector("#status.draft") as Element).color,
    error: getComputedStyle(document.querySelector(".issue.error .badge") as Element).backgroundColor,
  }));
  expect(colours.status).toBe(colours.error);
  expect(await resultTitle()).toMatch(/^草稿：数据有 1 条错误未改正，结果不可作为最终结果/);
  await page.screenshot({ path: path.join(artifactDir(), "taskpane-draft-320.png"), fullPage: true });

  await setD7("请假");
  await page.click("#btn-calc");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("计算完成"));
  expect(await page.locator("#status.draft").count()).toBe(0);
  expect(await page.textContent("#summary h2")).not.toContain("草稿");
  expect(await resultTitle()).not.toContain("草稿");
  expect(errors).toEqual([]);
}, 120_000);
