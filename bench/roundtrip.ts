/**
 * (b) `appraisal calc` end to end (calcFile: open, check, compute, write the output sheets,
 * save atomically) against plain exceljs on the same file (load, save). Each sample is its
 * own child process (see child.ts), so the time includes what a real run pays (a cold JIT)
 * and maxRSS is that run's peak memory.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { calcFile } from "../src/node/commands";
import { Progress } from "../src/node/terminal";
import { type WorkbookKind, writeBranchFile } from "./workbooks";

export interface RoundTripSample {
  readonly ms: number;
  readonly maxRssBytes: number;
  /** calc only: ms per phase, from calcFile's own progress steps. */
  readonly phases?: Readonly<Record<string, number>>;
}

/** calcFile's progress labels (src/node/commands.ts), each the start of a phase. */
const PHASES: Readonly<Record<string, string>> = {
  读取: "load",
  检查数据: "read cells",
  计算: "compute",
  写入结果表: "output sheets",
  // Since issue 17 the package is opened at once and the sheets are read inside the session,
  // so calcFile reports reading, computing and writing as one step.
  "检查、计算并写入结果表": "read, compute, write",
  保存: "save",
  完成: "done",
};

/** calcFile's progress steps, timed: each label is the phase that starts there. */
class Clock extends Progress {
  private last = performance.now();
  private label = "start";
  readonly phases: Record<string, number> = {};

  constructor() {
    super(process.stderr);
  }

  override step(_fraction: number, label: string): void {
    this.lap();
    this.label = PHASES[label.replace(/…$/, "").split(" ")[0] ?? ""] ?? label;
  }

  override done(): void {
    this.lap();
  }

  private lap(): void {
    const now = performance.now();
    if (this.label !== "start" && this.label !== "done") this.phases[this.label] = (this.phases[this.label] ?? 0) + (now - this.last);
    this.last = now;
  }
}

const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

export async function plainRoundTrip(file: string, out: string): Promise<RoundTripSample> {
  const t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(file)) as unknown as ArrayBuffer);
  await fs.writeFile(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  return { ms: performance.now() - t, maxRssBytes: maxRss() };
}

export async function calcRoundTrip(file: string, out: string): Promise<RoundTripSample> {
  const clock = new Clock();
  const t = performance.now();
  await calcFile(file, { out, progress: clock });
  return { ms: performance.now() - t, maxRssBytes: maxRss(), phases: clock.phases };
}

export async function makeBranchFile(dir: string, kind: WorkbookKind, members: number, sessions: number): Promise<{ file: string; bytes: number }> {
  const file = await writeBranchFile(dir, kind, members, sessions);
  return { file, bytes: (await fs.stat(file)).size };
}
