/**
 * (a) Core computation — parse + appraise + output grids (runEngine) — on generated grids,
 * against two floors: a loop that touches every input cell once, and one that also turns
 * every cell into clean text with the project's own normaliser (what any parser of these
 * sheets must do at least once per cell). Runs inside a child process (see child.ts).
 */
import { appraise } from "../src/core/appraise";
import { sortIssues } from "../src/core/issues";
import { DEFAULT_SETTINGS } from "../src/core/settings";
import { markValue } from "../src/core/rules";
import { MARKS } from "../src/core/types";
import { cellText } from "../src/workbook/cells";
import { runEngine } from "../src/workbook/engine";
import { buildOutputs } from "../src/workbook/output";
import { parseWorkbook, SHEET_ORDER, type SheetGrid } from "../src/workbook/parse";
import { bigBranch } from "../test/support/generate";
import { median } from "./stats";

export interface CoreResult {
  readonly members: number;
  readonly sessions: number;
  readonly cells: number;
  readonly runs: number;
  /** Medians, ms. */
  readonly touchMs: number;
  readonly textMs: number;
  /** scoreFloor: read, sum per member, rank. */
  readonly floorMs: number;
  readonly coreMs: number;
  /** null when the phases were not timed apart. */
  readonly parseMs: number | null;
  readonly appraiseMs: number | null;
  readonly outputsMs: number | null;
  /** Medians of process CPU time, ms. */
  readonly cpuMs: { readonly touch: number; readonly text: number; readonly floor: number; readonly core: number };
  readonly coreSamples: readonly number[];
  readonly checksum: number;
}

/** The baseline: every input cell read once, with just enough work that it is not optimised away. */
export function touchEveryCell(grids: readonly SheetGrid[]): number {
  let acc = 0;
  for (const g of grids) {
    for (const row of g.grid) {
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === "string") acc += v.length;
        else if (typeof v === "number") acc += 1;
        else if (v !== null && v !== undefined) acc += 2;
      }
    }
  }
  return acc;
}

/** Every input cell as normalised text once (cellText: spaces folded and trimmed). */
export function textEveryCell(grids: readonly SheetGrid[]): number {
  let acc = 0;
  for (const g of grids) for (const row of g.grid) for (let c = 0; c < row.length; c++) acc += cellText(row[c]).length;
  return acc;
}

const VALUE_OF: ReadonlyMap<string, number> = new Map([
  ...MARKS.map((m): [string, number] => [m, markValue(DEFAULT_SETTINGS, m)]),
  ["完成", 100],
  ["基本完成", 70],
  ["未完成", 0],
]);

/**
 * The least any scorer of these sheets must do: read every cell once into a value (a mark or
 * a 完成情况 through one map lookup, a number as itself), add it into its member's sum (the
 * 编号 in column A), then rank the members by sum. No validation, no issues, no addresses, no
 * periods, weights or gates: a floor, not a scorer. Section (a) shows the core against it.
 */
export function scoreFloor(grids: readonly SheetGrid[]): number {
  const sums = new Map<string, number>();
  for (const g of grids) {
    for (let r = 1; r < g.grid.length; r++) {
      const row = g.grid[r] as readonly unknown[];
      const id = row[0];
      if (typeof id !== "string") continue;
      let sum = sums.get(id) ?? 0;
      for (let c = 1; c < row.length; c++) {
        const v = row[c];
        if (typeof v === "number") sum += v;
        else if (typeof v === "string") sum += VALUE_OF.get(v) ?? 0;
      }
      sums.set(id, sum);
    }
  }
  const ranked = [...sums].sort((a, b) => b[1] - a[1]);
  return ranked.length + (ranked[0]?.[1] ?? 0);
}

interface Sample {
  readonly wall: number;
  /** Process CPU time (all threads: includes the collector's helpers), less sensitive than wall time to other load on the machine. */
  readonly cpu: number;
}

// No forced collection before a sample: gc() also shrinks the young generation, and the run
// after it is then slower (a third, at 1,000 members) than any run a user ever sees.
function time(f: () => unknown): Sample {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

/** One sample of a fast loop: repeated until it has run ≥ 20 ms, the time of one pass. */
function timeRepeated(f: () => unknown): Sample {
  const c = process.cpuUsage();
  const t = performance.now();
  let n = 0;
  do {
    f();
    n++;
  } while (performance.now() - t < 20);
  const wall = (performance.now() - t) / n;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 / n };
}

/**
 * `phases`: also time parse, appraise and the output grids apart (the sizes of the table);
 * the growth series only needs the whole.
 */
export function benchCore(members: number, sessions: number, runs: number, phases: boolean): CoreResult {
  const grids = bigBranch(members, sessions);
  const cells = grids.reduce((n, g) => n + g.grid.reduce((m, r) => m + r.length, 0), 0);
  const options = { fallbackYear: 2026 };
  let checksum = 0;
  // Warm-up: the JIT optimises the loops only after enough work, which small branches reach
  // only after many runs (at least 2 runs and 2 s of work). Then interleaved samples, so that
  // drift and other load on the machine hit all alike.
  const warm = performance.now();
  for (let k = 0; k < 2 || performance.now() - warm < 2000; k++) checksum += runEngine(grids, options).outputs.length + touchEveryCell(grids) + textEveryCell(grids) + scoreFloor(grids);
  const touch: Sample[] = [];
  const text: Sample[] = [];
  const floor: Sample[] = [];
  const core: Sample[] = [];
  const parse: Sample[] = [];
  const score: Sample[] = [];
  const outputs: Sample[] = [];
  for (let k = 0; k < runs; k++) {
    touch.push(timeRepeated(() => (checksum += touchEveryCell(grids))));
    text.push(timeRepeated(() => (checksum += textEveryCell(grids))));
    floor.push(timeRepeated(() => (checksum += scoreFloor(grids))));
    core.push(time(() => (checksum += runEngine(grids, options).outputs.length)));
    if (!phases) continue;
    // The same work in its three phases (engine.ts), timed apart.
    let parsed: ReturnType<typeof parseWorkbook> | undefined;
    let result: ReturnType<typeof appraise> | undefined;
    parse.push(time(() => (parsed = parseWorkbook(grids, options))));
    const p = parsed as ReturnType<typeof parseWorkbook>;
    score.push(time(() => (result = appraise(p.input))));
    const r = result as ReturnType<typeof appraise>;
    outputs.push(time(() => (checksum += buildOutputs(p.input, r, sortIssues([...p.issues, ...r.issues], SHEET_ORDER)).length)));
  }
  const wall = (xs: Sample[]): number | null => (xs.length > 0 ? median(xs.map((x) => x.wall)) : null);
  return {
    members,
    sessions,
    cells,
    runs,
    touchMs: wall(touch) as number,
    textMs: wall(text) as number,
    floorMs: wall(floor) as number,
    coreMs: wall(core) as number,
    parseMs: wall(parse),
    appraiseMs: wall(score),
    outputsMs: wall(outputs),
    cpuMs: { touch: median(touch.map((x) => x.cpu)), text: median(text.map((x) => x.cpu)), floor: median(floor.map((x) => x.cpu)), core: median(core.map((x) => x.cpu)) },
    coreSamples: core.map((x) => x.wall),
    checksum,
  };
}
