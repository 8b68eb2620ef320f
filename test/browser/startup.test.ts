/**
 * Start-up of the two pages of the production build in headless Chromium.
 *
 * taskpane.html, Office's page: office.js comes from Microsoft's CDN by a <script> in <head>.
 * Here the CDN is played by the local copy (node_modules/@microsoft/office-js/dist), with
 * office.js's follow-on files (o15apptofilemappingtable.js, excel-*.js, office_strings.js …)
 * served, blocked or held back as each case needs; anything else outside the test server is
 * aborted. When Office does not answer in time, office.js does not load, or the page is not in
 * Excel, the pane says so in Chinese instead of “正在加载…” forever.
 *
 * index.html, the page a plain browser opens: it asks nothing of anyone but its own server,
 * and never office.js.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { guard, launch, serve } from "../support/browser";
import { REPO } from "../support/files";
import { buildWeb } from "../support/webbuild";

const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = path.join(REPO, "node_modules", "@microsoft", "office-js", "dist");

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  server = await serve(buildWeb("production"));
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the stand-in CDN does with a file: serve the local copy, abort, or wait for a signal. */
type Cdn = "serve" | "block" | Promise<void>;

interface OfficePage {
  readonly page: Page;
  /** Every request that left the test server, and whether the stand-in CDN answered it. */
  readonly outside: { url: string; served: boolean }[];
  readonly errors: string[];
  readonly openedAt: number;
}

async function cdnRoute(route: Route, file: string, how: Cdn, outside: OfficePage["outside"]): Promise<void> {
  const entry = { url: route.request().url(), served: false };
  outside.push(entry);
  if (how !== "serve" && how !== "block") await how;
  const local = path.join(OFFICE_DIST, file);
  if (how === "block" || !existsSync(local)) {
    await route.abort();
    return;
  }
  entry.served = true;
  await route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(local) });
}

/** Opens taskpane.html as the manifest names it, with the stand-in CDN and the time limit given. */
async function openOfficePage(officeJs: Cdn, followOn: Cdn, limitMs?: number): Promise<OfficePage> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 360, height: 700 }, locale: "zh-CN" });
  const outside: OfficePage["outside"] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) await route.continue();
    else if (url.startsWith(CDN)) {
      const file = url.slice(CDN.length).split("?")[0] as string;
      await cdnRoute(route, file, file === "office.js" ? officeJs : followOn, outside);
    } else {
      outside.push({ url, served: false });
      await route.abort();
    }
  });
  if (limitMs !== undefined) await context.addInitScript(`window.__APPRAISAL_OFFICE_TIMEOUT_MS__ = ${limitMs};`);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const openedAt = Date.now();
  // Not "load": a follow-on file held back by the stand-in CDN holds the load event too.
  await page.goto(`${server.url}taskpane.html?host=excel`, { waitUntil: "domcontentloaded" });
  return { page, outside, errors, openedAt };
}

const problem = async (page: Page): Promise<{ code: string | null; text: string }> => {
  const el = page.locator("#startup-problem");
  return { code: await el.getAttribute("data-code"), text: (await el.textContent()) ?? "" };
};

test("office.js in the head of Office's page: the first script, plain (not async or deferred), from the CDN", async () => {
  const { page } = await openOfficePage("serve", "block", 60_000);
  const scripts = await page.evaluate(() =>
    [...document.querySelectorAll("script")].map((s) => ({ src: s.getAttribute("src"), inHead: s.parentElement === document.head, async: s.async, defer: s.defer })),
  );
  expect(scripts[0]).toEqual({ src: `${CDN}office.js`, inHead: true, async: false, defer: false });
  // The page's own script follows, deferred (office.js appends its follow-on files after it).
  const own = scripts.findIndex((s) => s.src?.startsWith("taskpane."));
  expect(own).toBeGreaterThan(0);
  expect(scripts[own]?.defer).toBe(true);
  expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
  await page.context().close();
}, 60_000);

test("Office never answers (office.js loads, its follow-on files are blocked): after the time limit the pane says what is wrong and what to try", async () => {
  const limit = 1500;
  const { page, outside, errors, openedAt } = await openOfficePage("serve", "block", limit);
  // Until the limit, it is loading.
  expect(await page.textContent("#app")).toBe("正在加载…");
  await page.waitForSelector("#startup-problem", { timeout: 10_000 });
  expect(Date.now() - openedAt).toBeGreaterThanOrEqual(limit);
  const { code, text } = await problem(page);
  expect(code).toBe("office_timeout");
  expect(text).toContain("无法连接 Office：等待 2 秒后 Office 仍未就绪。");
  expect(text).toContain("关闭任务窗格后重新打开");
  expect(text).toContain("appsforoffice.microsoft.com");
  expect(text).toContain("Excel 网页版");
  expect(text).not.toContain("正在加载");
  // office.js came from the stand-in CDN; what it asked for next was blocked.
  expect(outside.filter((o) => o.served).map((o) => o.url)).toEqual([`${CDN}office.js`]);
  expect(outside.filter((o) => !o.served).length).toBeGreaterThan(0);
  expect(outside.every((o) => o.url.startsWith(CDN))).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);

test("without a limit set, the pane waits the documented 15 s before saying so", async () => {
  const { page, openedAt } = await openOfficePage("serve", "block");
  await page.waitForTimeout(12_000);
  expect(await page.textContent("#app")).toBe("正在加载…");
  await page.waitForSelector("#startup-problem", { timeout: 15_000 });
  expect(Date.now() - openedAt).toBeGreaterThanOrEqual(15_000);
  expect((await problem(page)).text).toContain("等待 15 秒后");
  await page.context().close();
}, 60_000);

test("office.js itself does not load: the pane says so at once, with what to try", async () => {
  const { page, errors, openedAt } = await openOfficePage("block", "block", 30_000);
  await page.waitForSelector("#startup-problem", { timeout: 10_000 });
  expect(Date.now() - openedAt).toBeLessThan(30_000);
  const { code, text } = await problem(page);
  expect(code).toBe("office_js_missing");
  expect(text).toContain("无法加载 Office 组件（office.js）");
  expect(text).toContain("appsforoffice.microsoft.com");
  expect(text).toContain("关闭任务窗格后重新打开");
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);

test("Office that answers after the limit still gets going: the message, then what Office said", async () => {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const { page, errors } = await openOfficePage("serve", held, 1000);
  await page.waitForSelector("#startup-problem[data-code='office_timeout']", { timeout: 10_000 });
  release();
  // In a plain browser Office answers “no host”: the pane moves on to that.
  await page.waitForSelector("#startup-problem[data-code='not_in_excel']", { timeout: 15_000 });
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);

test("taskpane.html in a plain browser (Office answers with no host): it says it belongs in Excel and links to index.html", async () => {
  const { page, outside, errors } = await openOfficePage("serve", "serve", 30_000);
  await page.waitForSelector("#startup-problem", { timeout: 15_000 });
  const { code, text } = await problem(page);
  expect(code).toBe("not_in_excel");
  expect(text).toContain("此页面是 Excel 加载项的任务窗格，需要在 Excel 中打开。");
  // Even here the page has fetched office.js and more from Microsoft (the page's policy keeps
  // office.js's telemetry frame out): why the plain browser's page is index.html instead.
  expect(outside.filter((o) => o.served).map((o) => o.url)).toEqual([`${CDN}office.js`, `${CDN}o15apptofilemappingtable.js`]);
  expect(outside.every((o) => o.url.startsWith(CDN))).toBe(true);
  await page.click("#browser-page");
  await page.waitForSelector("#btn-open");
  expect(page.url()).toBe(`${server.url}index.html`);
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);

test("index.html asks nothing of anyone but its own server, and never office.js: opened, demo loaded, computed", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const outside = await guard(context, server.url);
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}index.html?demo`);
  await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"), undefined, { timeout: 60_000 });
  await page.click("#btn-calc");
  await page.waitForSelector("#previews:not([hidden])", { timeout: 120_000 });
  expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("undefined");
  expect(requests.length).toBeGreaterThan(3);
  expect(outside).toEqual([]);
  expect(requests.filter((u) => /office/i.test(u))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
