/**
 * npm run bench — the benchmarks of docs/performance.md (not part of the test suite).
 *
 *   (a) core computation vs a loop that touches every input cell once
 *   (b) appraisal calc end to end vs plain exceljs load + save, with peak memory
 *   (c) the Office.js host on the strict fake: syncs and request sizes
 *   (d) the task pane's first-load JavaScript and its time to interactive
 *   (e) the page computing 5,000 members in file mode
 *
 * Prints the tables and writes bench/results.json. Medians of RUNS runs (5; `--runs N` to
 * change, `--only a,b,c,d,e` for some sections: such a partial run writes
 * bench/dist/results-partial.json instead). Each Node measurement runs in a child process of
 * its own (child.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CoreResult } from "./core";
import type { OfficeCase } from "./officejs";
import type { RoundTripSample } from "./roundtrip";
import type { WorkbookKind } from "./workbooks";
import { kb, linearFit, mb, median, ms, powerExponent, table } from "./stats";
import { benchCompute, benchLoad, buildWeb, bundleReport, launch, serve, type BundleReport, type ComputeReport, type LoadReport } from "./web";

const BENCH_DIR = path.resolve(__dirname, "..", "..", "..", "bench");
const REPO = path.dirname(BENCH_DIR);
const CHILD = path.join(__dirname, "child.js");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const RUNS = Number(option("runs") ?? 5);
const ONLY = new Set((option("only") ?? "a,b,c,d,e").split(","));
const REQUEST_LIMIT = 4 * 1024 * 1024;

function child<T>(task: string, args: Record<string, unknown>): { result: T; wallMs: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CHILD, task, JSON.stringify(args)], { cwd: REPO, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (r.status !== 0 || !line) throw new Error(`bench task ${task} ${JSON.stringify(args)} failed (${r.status}):\n${r.stderr}`);
  return { result: JSON.parse(line.slice(7)) as T, wallMs };
}

function say(s: string): void {
  process.stderr.write(`${s}\n`);
}

function machine(): Record<string, unknown> {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cpus: os.cpus().length,
    cpuModel: model.trim(),
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

// -------------------------------------------------------------------------------- (a) core

interface CoreSection {
  readonly members: CoreResult[];
  readonly sessions: CoreResult[];
  readonly fitMembers: ReturnType<typeof linearFit> & { exponent: number };
  readonly fitSessions: ReturnType<typeof linearFit> & { exponent: number };
  /** The same fits on process CPU time (less disturbed by other load on the machine). */
  readonly fitMembersCpu: ReturnType<typeof linearFit> & { exponent: number };
  readonly fitSessionsCpu: ReturnType<typeof linearFit> & { exponent: number };
}

function sectionCore(): CoreSection {
  const core = (members: number, sessions: number): CoreResult => {
    say(`(a) core ${members} members × ${sessions} sessions…`);
    return child<CoreResult>("core", { members, sessions, runs: RUNS, phases: sessions === 50 && [100, 1000, 10000].includes(members) }).result;
  };
  const members = [100, 500, 1000, 2000, 5000, 10000].map((n) => core(n, 50));
  const at1000 = members.find((r) => r.members === 1000) as CoreResult;
  const sessions = [10, 25, 100, 200].map((s) => core(1000, s));
  sessions.splice(2, 0, at1000);
  const fit = (rs: CoreResult[], x: (r: CoreResult) => number, y: (r: CoreResult) => number): CoreSection["fitMembers"] => {
    const pts = rs.map((r) => [x(r), y(r)] as const);
    return { ...linearFit(pts), exponent: powerExponent(pts) };
  };
  const wall = (r: CoreResult): number => r.coreMs;
  const cpu = (r: CoreResult): number => r.cpuMs.core;
  return {
    members,
    sessions,
    fitMembers: fit(members, (r) => r.members, wall),
    fitSessions: fit(sessions, (r) => r.sessions, wall),
    fitMembersCpu: fit(members, (r) => r.members, cpu),
    fitSessionsCpu: fit(sessions, (r) => r.sessions, cpu),
  };
}

// ------------------------------------------------------------------------ (b) round trips

interface RoundTripSize {
  readonly kind: WorkbookKind;
  readonly members: number;
  readonly sessions: number;
  readonly fileBytes: number;
  readonly plain: readonly RoundTripSample[];
  readonly calc: readonly RoundTripSample[];
  readonly plainMs: number;
  readonly calcMs: number;
  readonly ratio: number;
  /** calc/plain of each interleaved pair (plain, then calc), lowest and highest. */
  readonly pairRatios: readonly [number, number];
  readonly plainPeakBytes: number;
  readonly calcPeakBytes: number;
  readonly calcPhasesMs: Readonly<Record<string, number>>;
}

interface RoundTripSection {
  readonly idleRssBytes: number;
  readonly sizes: RoundTripSize[];
}

function sectionRoundTrip(dir: string, files: Files): RoundTripSection {
  const idle = child<{ maxRssBytes: number }>("idle", {}).result.maxRssBytes;
  const sizes: RoundTripSize[] = [];
  for (const [kind, members] of [["template", 1000], ["template", 5000], ["bare", 5000]] as const) {
    const f = branchFile(dir, files, kind, members);
    const plain: RoundTripSample[] = [];
    const calc: RoundTripSample[] = [];
    for (let k = 0; k < RUNS; k++) {
      say(`(b) ${kind} workbook, ${members} members, run ${k + 1}/${RUNS}…`);
      const out = path.join(dir, `out-${kind}-${members}.xlsx`);
      plain.push(child<RoundTripSample>("plain", { file: f.file, out }).result);
      calc.push(child<RoundTripSample>("calc", { file: f.file, out }).result);
      rmSync(out, { force: true });
    }
    const pairs = calc.map((c, i) => c.ms / (plain[i] as RoundTripSample).ms);
    const phaseNames = Object.keys(calc[0]?.phases ?? {});
    const calcPhasesMs = Object.fromEntries(phaseNames.map((p) => [p, median(calc.map((c) => c.phases?.[p] ?? 0))]));
    sizes.push({
      kind,
      members,
      sessions: 50,
      fileBytes: f.bytes,
      plain,
      calc,
      plainMs: median(plain.map((s) => s.ms)),
      calcMs: median(calc.map((s) => s.ms)),
      ratio: median(calc.map((s) => s.ms)) / median(plain.map((s) => s.ms)),
      pairRatios: [Math.min(...pairs), Math.max(...pairs)],
      plainPeakBytes: median(plain.map((s) => s.maxRssBytes)),
      calcPeakBytes: median(calc.map((s) => s.maxRssBytes)),
      calcPhasesMs,
    });
  }
  return { idleRssBytes: idle, sizes };
}

type Files = Map<string, { file: string; bytes: number }>;

function branchFile(dir: string, files: Files, kind: WorkbookKind, members: number): { file: string; bytes: number } {
  let f = files.get(`${kind}-${members}`);
  if (!f) {
    say(`making the ${kind} workbook of ${members} members…`);
    f = child<{ file: string; bytes: number }>("make-file", { dir, kind, members, sessions: 50 }).result;
    files.set(`${kind}-${members}`, f);
  }
  return f;
}

// ---------------------------------------------------------------------- (c) Office.js host

function sectionOffice(): OfficeCase[] {
  const out: OfficeCase[] = [];
  for (const members of [10, 500, 5000]) {
    say(`(c) Office.js host, ${members} members…`);
    out.push(...child<OfficeCase[]>("office", { members }).result);
  }
  out.push(...child<OfficeCase[]>("office-scratch", {}).result);
  return out;
}

// ---------------------------------------------------------------------------- (d) (e) web

interface WebSection {
  readonly chromium: string;
  readonly bundle?: BundleReport;
  readonly load?: LoadReport[];
  readonly compute?: ComputeReport;
}

async function sectionWeb(dir: string, files: Files): Promise<WebSection> {
  say("(d) building the pages (webpack, production)…");
  const web = path.join(dir, "web");
  const bundle = bundleReport(web, buildWeb(REPO, web));
  const server = await serve(web);
  const browser = await launch();
  try {
    let load: LoadReport[] | undefined;
    let compute: ComputeReport | undefined;
    if (ONLY.has("d")) {
      load = [];
      for (const slowdown of [1, 4]) {
        say(`(d) time to interactive, CPU ×${slowdown}…`);
        load.push(await benchLoad(browser, `${server.url}index.html`, RUNS, slowdown));
      }
    }
    if (ONLY.has("e")) {
      const f = branchFile(dir, files, "template", 5000);
      say("(e) the page computing 5,000 members…");
      compute = await benchCompute(browser, `${server.url}index.html`, f.file, f.bytes, 5000, 50, RUNS);
    }
    return { chromium: browser.version(), bundle, ...(load ? { load } : {}), ...(compute ? { compute } : {}) };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------- the report

interface Target {
  readonly what: string;
  readonly target: string;
  readonly result: string;
  readonly met: boolean;
}

function report(r: { core?: CoreSection; roundTrip?: RoundTripSection; office?: OfficeCase[]; web?: WebSection }): { text: string; targets: Target[] } {
  const parts: string[] = [];
  const targets: Target[] = [];
  if (r.core) {
    const c = r.core;
    parts.push(
      "(a) Core computation (parse + appraise + output grids), medians, ms",
      table(
        ["members × sessions", "cells", "touch every cell", "cellText every cell", "score floor", "core", "core CPU", "ns/cell", "parse", "appraise", "outputs", "core ÷ touch", "core ÷ cellText", "core ÷ floor"],
        [...c.members, ...c.sessions.filter((s) => s.sessions !== 50)].map((x) => [
          `${x.members} × ${x.sessions}`,
          String(x.cells),
          ms(x.touchMs),
          ms(x.textMs),
          ms(x.floorMs),
          ms(x.coreMs),
          ms(x.cpuMs.core),
          ((x.coreMs * 1e6) / x.cells).toFixed(0),
          x.parseMs === null ? "" : ms(x.parseMs),
          x.appraiseMs === null ? "" : ms(x.appraiseMs),
          x.outputsMs === null ? "" : ms(x.outputsMs),
          `${(x.coreMs / x.touchMs).toFixed(0)}×`,
          `${(x.coreMs / x.textMs).toFixed(1)}×`,
          `${(x.coreMs / x.floorMs).toFixed(1)}×`,
        ]),
      ),
      `growth with members (50 sessions): ${ms(c.fitMembers.intercept)} ms + ${(c.fitMembers.slope * 1000).toFixed(1)} µs/member, R² ${c.fitMembers.r2.toFixed(4)}, exponent ${c.fitMembers.exponent.toFixed(2)}`,
      `growth with sessions (1,000 members): ${ms(c.fitSessions.intercept)} ms + ${ms(c.fitSessions.slope)} ms/session, R² ${c.fitSessions.r2.toFixed(4)}, exponent ${c.fitSessions.exponent.toFixed(2)}`,
      `on CPU time: ${ms(c.fitMembersCpu.intercept)} ms + ${(c.fitMembersCpu.slope * 1000).toFixed(1)} µs/member (R² ${c.fitMembersCpu.r2.toFixed(4)}, exponent ${c.fitMembersCpu.exponent.toFixed(2)}); ${ms(c.fitSessionsCpu.intercept)} ms + ${ms(c.fitSessionsCpu.slope)} ms/session (R² ${c.fitSessionsCpu.r2.toFixed(4)}, exponent ${c.fitSessionsCpu.exponent.toFixed(2)})`,
      "",
    );
    for (const x of c.members.filter((m) => [100, 1000, 10000].includes(m.members))) {
      const ratio = x.coreMs / x.touchMs;
      targets.push({ what: `(a) core ÷ touch-every-cell, ${x.members} × 50`, target: "≤ 3×", result: `${ratio.toFixed(0)}× (${ms(x.coreMs)} vs ${ms(x.touchMs)} ms)`, met: ratio <= 3 });
    }
  }
  if (r.roundTrip) {
    const rt = r.roundTrip;
    parts.push(
      "(b) appraisal calc end to end vs plain exceljs load + save, medians (each run a fresh process)",
      table(
        ["workbook", "members", "file", "exceljs load+save", "appraisal calc", "ratio", "each pair", "peak RSS exceljs", "peak RSS calc"],
        rt.sizes.map((s) => [s.kind, String(s.members), `${mb(s.fileBytes)} MB`, `${ms(s.plainMs)} ms`, `${ms(s.calcMs)} ms`, `${s.ratio.toFixed(2)}×`, `${s.pairRatios[0].toFixed(2)}–${s.pairRatios[1].toFixed(2)}×`, `${mb(s.plainPeakBytes)} MB`, `${mb(s.calcPeakBytes)} MB`]),
      ),
      `a child process that only loads the modules peaks at ${mb(rt.idleRssBytes)} MB`,
      ...rt.sizes.map((s) => `calc phases, ${s.kind} ${s.members}: ${Object.entries(s.calcPhasesMs).map(([k, v]) => `${k} ${ms(v)}`).join(" · ")} ms`),
      "",
    );
    // Issue 17: calc writes into her package instead of rebuilding it through exceljs, so at
    // 5,000 members it must take at most half the time and half the peak memory of a bare
    // exceljs load + save of the same file.
    for (const s of rt.sizes) {
      const limit = s.members >= 5000 ? 0.5 : 1;
      targets.push({ what: `(b) calc ÷ exceljs load+save, time, ${s.kind} ${s.members}`, target: `≤ ${limit}×`, result: `${s.ratio.toFixed(2)}× (pairs ${s.pairRatios[0].toFixed(2)}–${s.pairRatios[1].toFixed(2)}×)`, met: s.ratio <= limit });
      const peak = s.calcPeakBytes / s.plainPeakBytes;
      targets.push({ what: `(b) calc ÷ exceljs load+save, peak RSS, ${s.kind} ${s.members}`, target: `≤ ${limit}×`, result: `${peak.toFixed(2)}× (${mb(s.calcPeakBytes)} vs ${mb(s.plainPeakBytes)} MB)`, met: peak <= limit });
    }
  }
  if (r.office) {
    parts.push(
      "(c) Office.js host on the strict fake: round trips and payloads",
      table(
        ["operation", "workbook", "syncs", "largest request", "largest response"],
        r.office.map((o) => [o.operation, o.workbook, String(o.syncs), `${kb(o.maxRequestBytes)} KB`, `${kb(o.maxResponseBytes)} KB`]),
      ),
      "",
    );
    for (const op of ["一键计算", "创建模板"] as const) {
      const sized = r.office.filter((o) => o.operation === op && [10, 500, 5000].includes(o.members));
      const counts = [...new Set(sized.map((o) => o.syncs))];
      // 6: three reads, then the write as build · swap · look (never losing the previous results, issue 14).
      targets.push({ what: `(c) ${op} syncs at 10 / 500 / 5,000 members`, target: op === "一键计算" ? "same at every size, ≤ 6" : "same at every size", result: sized.map((o) => o.syncs).join(" / "), met: counts.length === 1 && (op !== "一键计算" || (counts[0] as number) <= 6) });
    }
    const biggest = Math.max(...r.office.map((o) => o.maxRequestBytes));
    targets.push({ what: "(c) largest request, any case", target: "≤ 4 MB", result: `${mb(biggest)} MB`, met: biggest <= REQUEST_LIMIT });
  }
  if (r.web) {
    const w = r.web;
    if (w.bundle) {
      const b = w.bundle;
      parts.push(
        `(d) the page's JavaScript (webpack production build, ${ms(b.buildMs / 1000)} s; gzip -9)`,
        table(
          ["script", "loaded", "raw", "gzipped", "exceljs"],
          [
            ...b.firstLoad.map((s) => [s.file, "first load", s] as const),
            ...b.lazy.map((s) => [s.file, "on demand (file mode)", s] as const),
            ...b.otherPages.map((s) => [s.file, "another page (ribbon)", s] as const),
          ].map(([file, when, s]) => [
            file,
            when,
            `${kb(s.bytes)} KB`,
            `${kb(s.gzipBytes)} KB`,
            b.exceljsIn.includes(file) ? "yes" : "",
          ]),
        ),
      );
      targets.push({ what: "(d) first-load JavaScript, gzipped", target: "≤ 150 KB", result: `${kb(b.firstLoadGzipBytes)} KB`, met: b.firstLoadGzipBytes <= 150 * 1024 });
      const lazyOnly = !b.exceljsInFirstLoad && b.exceljsIn.length > 0;
      targets.push({ what: "(d) exceljs only in an on-demand chunk", target: "yes", result: lazyOnly ? `yes (${b.exceljsIn.join(", ")})` : `no (${b.exceljsIn.join(", ")})`, met: lazyOnly });
    }
    if (w.load) {
      parts.push(
        `time to interactive in headless Chromium ${w.chromium} (file mode, 127.0.0.1, empty cache), medians, ms`,
        table(
          ["CPU", "first contentful paint", "DOMContentLoaded", "load", "buttons ready", "interactive", "longest task", "scripts fetched"],
          w.load.map((l) => [`×${l.cpuSlowdown}`, ms(l.medians.firstContentfulPaintMs), ms(l.medians.domContentLoadedMs), ms(l.medians.loadMs), ms(l.medians.readyMs), ms(l.medians.ttiMs), ms(l.medians.longestTaskMs), [...new Set(l.samples.flatMap((s) => s.scripts))].join(", ")]),
        ),
      );
    }
    parts.push("");
    if (w.compute) {
      const c = w.compute;
      parts.push(
        `(e) the page computing ${c.members} members × ${c.sessions} sessions (${mb(c.fileBytes)} MB file), medians`,
        table(
          ["open (worker load)", "一键计算", "total", "longest main-thread task", "long tasks", "blocking time"],
          [[`${ms(c.medians.openMs)} ms`, `${ms(c.medians.calcMs)} ms`, `${ms(c.medians.totalMs)} ms`, `${ms(c.medians.longestTaskMs)} ms`, String(c.medians.longTasks), `${ms(c.medians.blockingMs)} ms`]],
        ),
        "",
      );
    }
  }
  parts.push("Targets", table(["measure", "target", "result", "met"], targets.map((t) => [t.what, t.target, t.result, t.met ? "yes" : "NO"])));
  return { text: parts.join("\n"), targets };
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), "appraisal-bench-"));
  const files: Files = new Map();
  const info = machine();
  try {
    const seconds: Record<string, number> = {};
    const timed = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
      const t = performance.now();
      const r = await f();
      seconds[name] = Math.round((performance.now() - t) / 1000);
      return r;
    };
    const core = ONLY.has("a") ? await timed("a", sectionCore) : undefined;
    const roundTrip = ONLY.has("b") ? await timed("b", () => sectionRoundTrip(dir, files)) : undefined;
    const office = ONLY.has("c") ? await timed("c", sectionOffice) : undefined;
    const web = ONLY.has("d") || ONLY.has("e") ? await timed("d+e", () => sectionWeb(dir, files)) : undefined;
    const { text, targets } = report({ ...(core ? { core } : {}), ...(roundTrip ? { roundTrip } : {}), ...(office ? { office } : {}), ...(web ? { web } : {}) });
    const results = {
      generatedAt: new Date().toISOString(),
      machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))), chromium: web?.chromium },
      runs: RUNS,
      benchSeconds: Math.round((performance.now() - started) / 1000),
      sectionSeconds: seconds,
      targets,
      core,
      roundTrip,
      office,
      web,
    };
    const full = ["a", "b", "c", "d", "e"].every((x) => ONLY.has(x));
    const written = full ? path.join(BENCH_DIR, "results.json") : path.join(BENCH_DIR, "dist", "results-partial.json");
    writeFileSync(written, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${text}\n\n${info.cpus as number} × ${String(info.cpuModel)}, ${mb(info.memoryBytes as number)} MB, Node ${process.version}; ${results.benchSeconds} s; written ${path.relative(REPO, written)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
