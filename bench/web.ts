/**
 * (d) The task pane's first-load JavaScript (gzipped) and time to interactive, and (e) the
 * page computing 5,000 members in file mode, in headless Chromium (Debian's, through
 * playwright-core; helpers from test/support/browser.ts).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { guard, launch, serve } from "../test/support/browser";
import { median } from "./stats";

export interface BundleReport {
  readonly buildMs: number;
  /** The scripts the page's HTML loads, gzipped (level 9) and raw. */
  readonly firstLoad: readonly { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
  readonly firstLoadGzipBytes: number;
  /** Scripts of the other pages (Office's task pane page, the ribbon command, its result dialog). */
  readonly otherPages: readonly { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
  /** Every other script: loaded on demand (the file-mode worker and its chunk). */
  readonly lazy: readonly { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
  /** Which scripts carry exceljs. */
  readonly exceljsIn: readonly string[];
  readonly exceljsInFirstLoad: boolean;
}

export function buildWeb(repo: string, out: string): number {
  const t = performance.now();
  const cli = path.join(repo, "node_modules", "webpack-cli", "bin", "cli.js");
  const r = spawnSync(process.execPath, [cli, "--mode", "production", "--env", "publicUrl=https://x.example.org/", "--env", "provider=bench", "--output-path", out], { cwd: repo, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t;
}

export function bundleReport(web: string, buildMs: number): BundleReport {
  const scriptsOf = (page: string): string[] => [...readFileSync(path.join(web, page), "utf8").matchAll(/src="?([^"\s>]+\.js)/g)].map((m) => m[1] as string);
  const first = scriptsOf("index.html");
  const others = readdirSync(web).filter((f) => f.endsWith(".html") && f !== "index.html").flatMap(scriptsOf);
  const size = (file: string): { file: string; bytes: number; gzipBytes: number } => {
    const buf = readFileSync(path.join(web, file));
    return { file, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
  };
  const all = readdirSync(web).filter((f) => f.endsWith(".js"));
  const exceljsIn = all.filter((f) => readFileSync(path.join(web, f), "utf8").includes("exceljs"));
  const firstLoad = first.map(size);
  return {
    buildMs,
    firstLoad,
    firstLoadGzipBytes: firstLoad.reduce((n, s) => n + s.gzipBytes, 0),
    otherPages: all.filter((f) => !first.includes(f) && others.includes(f)).map(size),
    lazy: all.filter((f) => !first.includes(f) && !others.includes(f)).map(size),
    exceljsIn,
    exceljsInFirstLoad: exceljsIn.some((f) => first.includes(f)),
  };
}

/** Installed before the page's own script: long tasks and the moment the buttons exist. */
const OBSERVE = `
  window.__bench = { ready: 0, longtasks: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longtasks.push([e.startTime, e.duration]); })
    .observe({ type: "longtask", buffered: true });
  new MutationObserver((_, mo) => {
    if (document.getElementById("btn-calc")) { window.__bench.ready = performance.now(); mo.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
`;

interface PageBench {
  ready: number;
  longtasks: [number, number][];
}

export interface LoadSample {
  /** The buttons are in the page (the app is mounted). */
  readonly readyMs: number;
  /** Ready, and no long task after it: the later of the two. */
  readonly ttiMs: number;
  readonly domContentLoadedMs: number;
  readonly loadMs: number;
  readonly firstContentfulPaintMs: number;
  readonly longestTaskMs: number;
  /** Scripts fetched until interactive (a lazy chunk here would be a regression). */
  readonly scripts: readonly string[];
}

async function loadOnce(browser: Browser, url: string, cpuSlowdown: number): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  try {
    await guard(context, new URL(url).origin + "/");
    await context.addInitScript({ content: OBSERVE });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(path.basename(new URL(r.url()).pathname));
    });
    if (cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
    }
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("#btn-calc");
    await page.waitForTimeout(500); // let any long task after mounting show up
    const m = await page.evaluate(() => {
      const b = (window as unknown as { __bench: PageBench }).__bench;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      return { b, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : 0 };
    });
    const lastLongEnd = Math.max(0, ...m.b.longtasks.map(([s, d]) => s + d));
    return {
      readyMs: m.b.ready,
      ttiMs: Math.max(m.b.ready, lastLongEnd),
      domContentLoadedMs: m.dcl,
      loadMs: m.load,
      firstContentfulPaintMs: m.fcp,
      longestTaskMs: Math.max(0, ...m.b.longtasks.map(([, d]) => d)),
      scripts,
    };
  } finally {
    await context.close();
  }
}

export interface LoadReport {
  readonly cpuSlowdown: number;
  readonly runs: number;
  readonly medians: Omit<LoadSample, "scripts">;
  readonly samples: readonly LoadSample[];
}

export async function benchLoad(browser: Browser, url: string, runs: number, cpuSlowdown: number): Promise<LoadReport> {
  await loadOnce(browser, url, cpuSlowdown); // warm the browser (not the page: every run has a new context, an empty cache)
  const samples: LoadSample[] = [];
  for (let k = 0; k < runs; k++) samples.push(await loadOnce(browser, url, cpuSlowdown));
  const med = (f: (s: LoadSample) => number): number => median(samples.map(f));
  return {
    cpuSlowdown,
    runs,
    medians: {
      readyMs: med((s) => s.readyMs),
      ttiMs: med((s) => s.ttiMs),
      domContentLoadedMs: med((s) => s.domContentLoadedMs),
      loadMs: med((s) => s.loadMs),
      firstContentfulPaintMs: med((s) => s.firstContentfulPaintMs),
      longestTaskMs: med((s) => s.longestTaskMs),
    },
    samples,
  };
}

export interface ComputeSample {
  /** Choosing the file → its name shown (read and loaded by exceljs in the worker). */
  readonly openMs: number;
  /** 一键计算 → the previews shown. */
  readonly calcMs: number;
  readonly totalMs: number;
  /** The longest main-thread task (longtask observer; tasks under 50 ms are not reported). */
  readonly longestTaskMs: number;
  readonly longTasks: number;
  /** Σ (task − 50 ms) over long tasks. */
  readonly blockingMs: number;
}

async function computeOnce(browser: Browser, url: string, file: string): Promise<ComputeSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  try {
    await guard(context, new URL(url).origin + "/");
    await context.addInitScript({ content: OBSERVE });
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector("#btn-calc");
    await page.waitForTimeout(300);
    const since = await page.evaluate(() => performance.now());
    const t0 = performance.now();
    await page.setInputFiles("#file-input", file);
    const name = path.basename(file);
    await page.waitForFunction((n) => document.querySelector("#where")?.textContent === n, name, { timeout: 180_000, polling: "raf" });
    const t1 = performance.now();
    await page.click("#btn-calc");
    await page.waitForSelector("#previews:not([hidden])", { timeout: 300_000 });
    const t2 = performance.now();
    if (!/计分/.test((await page.textContent("#summary")) ?? "")) throw new Error("the page did not compute");
    if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    const tasks = await page.evaluate((s) => (window as unknown as { __bench: PageBench }).__bench.longtasks.filter(([start]) => start >= s), since);
    return {
      openMs: t1 - t0,
      calcMs: t2 - t1,
      totalMs: t2 - t0,
      longestTaskMs: Math.max(0, ...tasks.map(([, d]) => d)),
      longTasks: tasks.length,
      blockingMs: tasks.reduce((n, [, d]) => n + Math.max(0, d - 50), 0),
    };
  } finally {
    await context.close();
  }
}

export interface ComputeReport {
  readonly members: number;
  readonly sessions: number;
  readonly fileBytes: number;
  readonly runs: number;
  readonly medians: ComputeSample;
  readonly samples: readonly ComputeSample[];
}

export async function benchCompute(browser: Browser, url: string, file: string, fileBytes: number, members: number, sessions: number, runs: number): Promise<ComputeReport> {
  const samples: ComputeSample[] = [];
  for (let k = 0; k < runs; k++) samples.push(await computeOnce(browser, url, file));
  const med = (f: (s: ComputeSample) => number): number => median(samples.map(f));
  return {
    members,
    sessions,
    fileBytes,
    runs,
    medians: {
      openMs: med((s) => s.openMs),
      calcMs: med((s) => s.calcMs),
      totalMs: med((s) => s.totalMs),
      longestTaskMs: med((s) => s.longestTaskMs),
      longTasks: med((s) => s.longTasks),
      blockingMs: med((s) => s.blockingMs),
    },
    samples,
  };
}

export { launch, serve };
