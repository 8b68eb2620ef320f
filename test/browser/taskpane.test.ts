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
  // 检查 shows the problems and their count, never a summary that could pass for results.
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("检查完成"));
  const errorCount = await page.locator("#issues li.issue.error").count();
  expect(await page.textContent("#status")).toMatch(new RegExp(`^检查完成：${errorCount} 个错误、\\d+ 个提示。有错误时计算的结果将是草稿。$`));
  expect(await page.isHidden("#summary")).toBe(true);
  // The pane has no file to download and no 下载空白模板: 创建模板 writes into her workbook.
  expect(await page.locator("#btn-download").count()).toBe(0);
  expect(await page.textContent("#btn-template")).toBe("创建模板");
  // 使用说明: the guide beside the pane's page, opened as a page of its own.
  expect(await page.getAttribute("#help-link", "href")).toBe("help.html");
  expect(await page.getAttribute("#help-link", "target")).toBe("_blank");
  expect((await page.request.get(`${server.url}help.html`)).status()).toBe(200);

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
  // In Excel the results are written into her workbook: there “已写入” is what is true.
  expect(await fresh.page.textContent("#status")).toBe(`计算完成，结果已写入 ${OUTPUT_SHEETS.map((d) => d.name).join("、")}。`);

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
  expect(status).toContain("结果已写入，各表标有“草稿”");
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

/** Her edits, made through the injected Excel: values into a range (adding the sheet if asked), or a sheet renamed. */
type Edit = { readonly sheet: string; readonly range: string; readonly values: string[][]; readonly add?: boolean } | { readonly rename: string; readonly to: string };
const onWorkbook = (page: Page, edits: readonly Edit[]): Promise<void> =>
  page.evaluate(async (list) => {
    const w = window as unknown as { __APPRAISAL_EXCEL__: { run: (b: (c: Excel.RequestContext) => Promise<void>) => Promise<void> } };
    await w.__APPRAISAL_EXCEL__.run(async (context) => {
      const sheets = context.workbook.worksheets;
      for (const e of list) {
        if ("rename" in e) sheets.getItem(e.rename).name = e.to;
        else (e.add ? sheets.add(e.sheet) : sheets.getItem(e.sheet)).getRange(e.range).values = e.values;
      }
      await context.sync();
    });
  }, edits);

const fakeGrid = (page: Page, name: string): Promise<unknown[][]> =>
  page.evaluate((n) => (window as unknown as { __FAKE__: { workbook: { grid(n: string): unknown[][] } } }).__FAKE__.workbook.grid(n), name);

/** The 编号 on the printed forms: the rows whose first cell is a row number. */
const ballotIds = (grid: unknown[][]): unknown[] => grid.filter((r) => typeof r[0] === "number" || (typeof r[0] === "string" && /^\d+$/.test(r[0]))).map((r) => r[1]);

test("打印测评票 in the pane: 测评票 and the two 计票 sheets written, and said; a re-run keeps a 计票 sheet with a ballot", async () => {
  const { page, outside, errors } = await open(320);
  await page.click("#btn-demo");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已创建"));
  await page.click("#btn-ballots");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已生成测评票"));
  expect(await page.textContent("#status")).toBe(
    "已生成测评票（2026年 年终）：党员互评、群众评议各一式，27 人；请在“测评票”工作表中打印（文件 → 打印）。" +
      "已创建“互评计票”“群众计票”工作表，收回的票每张录入一行。",
  );
  expect(await page.locator("#status.draft").count()).toBe(0);
  expect((await sheetNames(page)).slice(-3)).toEqual(["测评票", "互评计票", "群众计票"]);
  // 27 参评 members (G12 孙丽 不参评 is left off) on each of the two forms.
  const ids = ballotIds(await fakeGrid(page, "测评票"));
  expect(ids).toHaveLength(54);
  expect(ids).not.toContain("G12");
  const peer = await fakeGrid(page, "互评计票");
  expect(peer[0]?.slice(0, 3)).toEqual(["期次", "票号", "G01 王建国"]);
  expect(peer[0]?.filter((v) => v !== null && v !== "")).toHaveLength(2 + 27);
  await page.screenshot({ path: path.join(artifactDir(), "taskpane-ballots-320.png"), fullPage: true });

  // One ballot typed into 互评计票, then 上半年: that sheet is kept as it is, the empty one remade.
  await onWorkbook(page, [{ sheet: "互评计票", range: "A2:D2", values: [["", "1", "优秀", "合格"]] }]);
  const typed = await fakeGrid(page, "互评计票");
  expect(typed[1]?.slice(2, 4)).toEqual(["优秀", "合格"]);
  await page.selectOption("#period", "上半年");
  await page.click("#btn-ballots");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("上半年"));
  expect(await page.textContent("#status")).toBe(
    "已生成测评票（2026年 上半年）：党员互评、群众评议各一式，27 人；请在“测评票”工作表中打印（文件 → 打印）。" +
      "已创建“群众计票”工作表，收回的票每张录入一行。“互评计票”已有录入的票，未改动。",
  );
  expect(await fakeGrid(page, "互评计票")).toEqual(typed);
  expect((await sheetNames(page)).filter((n) => n === "测评票")).toHaveLength(1);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
}, 120_000);

test("打印测评票 in the pane: a sheet of hers called 测评票 is named and left alone; a roster with 错误 gives 草稿 ballots with the first error", async () => {
  const { page, errors } = await open(320);
  await page.click("#btn-demo");
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已创建"));
  await onWorkbook(page, [{ sheet: "测评票", range: "A1", values: [["我自己的测评票"]], add: true }]);
  const before = await sheetNames(page);
  await page.click("#btn-ballots");
  await page.waitForSelector("#alert:not([hidden])");
  expect(await page.textContent("#alert")).toBe(
    "未生成测评票，工作簿未改动：测评票!A1：工作表“测评票”不是本工具生成的，未覆盖。" +
      "将该表改名（例如“测评票（手工）”）后重新点击“打印测评票”，测评票会写入新的“测评票”表。",
  );
  expect(await sheetNames(page)).toEqual(before);
  expect((await fakeGrid(page, "测评票"))[0]?.[0]).toBe("我自己的测评票");
  expect(await page.locator("#btn-ballots").isDisabled()).toBe(false);

  // Renamed, and 李秀英 given 王建国's 编号: the ballots are made, as a draft, and it says why.
  await onWorkbook(page, [
    { rename: "测评票", to: "测评票（手工）" },
    { sheet: "党员名册", range: "A3", values: [["G01"]] },
  ]);
  await page.click("#btn-ballots");
  await page.waitForSelector("#status.draft");
  const status = (await page.textContent("#status")) ?? "";
  expect(status).toMatch(/^已生成测评票（草稿）——党员名册或参数设置有 \d+ 条错误/);
  expect(status).toContain("党员名册!A3");
  expect(status).toContain("测评票标有“草稿”：改正错误后重新点击“打印测评票”，再打印。");
  expect(status).toContain("测评票（2026年 年终，党员互评、群众评议各一式，");
  expect(status).not.toContain("请在“测评票”工作表中打印");
  expect(await page.isHidden("#alert")).toBe(true);
  expect(String((await fakeGrid(page, "测评票"))[0]?.[0])).toMatch(/^草稿：数据有 \d+ 条错误未改正/);
  expect((await fakeGrid(page, "测评票（手工）"))[0]?.[0]).toBe("我自己的测评票");
  await page.screenshot({ path: path.join(artifactDir(), "taskpane-ballots-draft-320.png"), fullPage: true });
  expect(errors).toEqual([]);
}, 120_000);
