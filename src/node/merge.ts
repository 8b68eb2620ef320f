/**
 * `appraisal merge`: many branch workbooks → one institute (所党委) workbook. Each branch file
 * is only read (never opened for writing), its input sheets are computed afresh (its own
 * output sheets are not trusted), and the roll-up (src/workbook/rollup.ts) is written to a new
 * file atomically. Printing and exit codes stay in cli.ts.
 */
import { createHash } from "node:crypto";
import { constants as fsc, promises as fs, type Stats } from "node:fs";
import path from "node:path";
import { naturalCompare } from "../core/numbers";
import type { Period } from "../core/types";
import { type BranchFile, buildRollup, type Rollup, type RollupNote } from "../workbook/rollup";
import { type FileProblem, MAX_FILE_BYTES } from "../core/files";
import { filePort, loadWorkbookFile, UserError, writeFileAtomic } from "./files";
import type { Progress } from "./terminal";
import { branchSession, rollupSession, type WorkbookKind, workbookKindSession } from "../workbook/session";

export interface MergeOptions {
  /** Compute every branch for this 考评期 (default: each branch's own 参数设置). */
  readonly period?: Period;
  /** Overwrite an existing output that is not a roll-up (kept as .bak). */
  readonly force?: boolean;
  /** Leave drafts out (branches with 错误), for an institute that wants final branches only. */
  readonly strict?: boolean;
  readonly progress?: Progress;
}

/** A file left out because it was given twice (same path, or identical content). */
export interface RepeatedFile {
  readonly file: string;
  readonly sameAs: string;
  readonly how: "path" | "content";
}

export interface MergeOutcome {
  readonly rollup: Rollup;
  /** The file written; null when no branch could be merged (then nothing is written). */
  readonly written: string | null;
  /** The previous output kept as .bak, when there was one. */
  readonly backup: string | null;
  readonly repeated: readonly RepeatedFile[];
  /** Each roll-up file label → the path as given, for messages such as "appraisal check <path>". */
  readonly paths: ReadonlyMap<string, string>;
}

const thisYear = (): number => new Date().getFullYear();

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

/** How the roll-up names each file: the base name, or the path below the common folder when two share a base name. */
export function fileLabels(files: readonly string[]): string[] {
  const abs = files.map((f) => path.resolve(f));
  const bases = abs.map((f) => path.basename(f));
  if (new Set(bases).size === bases.length) return bases;
  const parts = abs.map((f) => path.dirname(f).split(path.sep));
  let common = parts[0] ?? [];
  for (const p of parts) {
    let k = 0;
    while (k < common.length && k < p.length && common[k] === p[k]) k++;
    common = common.slice(0, k);
  }
  const root = common.join(path.sep) || path.sep;
  return abs.map((f) => path.relative(root, f).split(path.sep).join("/"));
}

/** What the output file is now, to decide whether it may be replaced. */
async function outputState(out: string): Promise<"none" | WorkbookKind> {
  const st = await statOrNull(out);
  if (!st) return "none";
  if (st.isDirectory()) throw new UserError({ code: "is_folder", file: out, output: true });
  try {
    const { wb } = await loadWorkbookFile(out);
    return await workbookKindSession(filePort(wb));
  } catch {
    return "other";
  }
}

function relabel(p: FileProblem, label: string): FileProblem {
  return "file" in p ? { ...p, file: label } : p;
}

/** Read one branch file and compute it; a file that cannot be a branch workbook says why. */
async function readBranch(file: string, label: string, options: MergeOptions): Promise<BranchFile> {
  let read;
  try {
    const { wb } = await loadWorkbookFile(file);
    read = await branchSession(filePort(wb), { fallbackYear: thisYear(), ...(options.period ? { period: options.period } : {}) });
  } catch (e) {
    if (!(e instanceof UserError) || !e.problem) throw e;
    // The problem names the file as given; the roll-up names it by its label.
    return { file: label, unreadable: relabel(e.problem, label) };
  }
  if (read.kind === "rollup") return { file: label, unreadable: { code: "is_rollup" } };
  if (read.kind === "other") return { file: label, unreadable: { code: "not_a_branch", sheets: read.sheets } };
  const run = read.run;
  // Keep only what the roll-up reads: the parsed input and the output grids can be large.
  return { file: label, run: { refused: run.refused, result: run.result, issues: run.issues, verdict: run.verdict } };
}

/**
 * Merge `inputs` into `out`. Throws UserError (nothing read or written) when the output is
 * one of the inputs, or exists and is not a roll-up this tool wrote (unless `force`).
 * Per-file problems do not throw: they are in the outcome (rollup.skipped, rollup.drafts) and
 * in 问题清单.
 */
export async function mergeFiles(out: string, inputs: readonly string[], options: MergeOptions = {}): Promise<MergeOutcome> {
  if (inputs.length === 0) throw new UserError("请至少指定一个支部工作簿：appraisal merge 全所汇总.xlsx 一支部.xlsx 二支部.xlsx …");
  if (!/\.xlsx$/i.test(out)) {
    throw new UserError(`汇总文件名须以 .xlsx 结尾（现为“${out}”）。第一个参数是要写出的汇总文件：appraisal merge 全所汇总.xlsx 一支部.xlsx 二支部.xlsx …`);
  }
  const outAbs = path.resolve(out);
  const outStat = await statOrNull(outAbs);
  const sameFile = (a: Stats | null, b: Stats | null): boolean => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

  // Distinct files: the same path (or a link to the same file) given twice is read once.
  const repeated: RepeatedFile[] = [];
  const distinct: { file: string; abs: string; stat: Stats | null }[] = [];
  for (const file of inputs) {
    const abs = path.resolve(file);
    const stat = await statOrNull(abs);
    if (abs === outAbs || sameFile(stat, outStat)) {
      throw new UserError(`汇总文件“${out}”也在要汇总的支部工作簿中；汇总不会改动支部文件，请为汇总另取一个文件名`);
    }
    const seen = distinct.find((d) => d.abs === abs || sameFile(d.stat, stat));
    if (seen) repeated.push({ file, sameAs: seen.file, how: "path" });
    else distinct.push({ file, abs, stat });
  }

  // Fail before reading forty files, not after.
  const outDir = path.dirname(outAbs);
  try {
    await fs.access(outDir, fsc.W_OK);
  } catch {
    throw new UserError({ code: "folder_not_writable", folder: outDir });
  }
  const state = await outputState(out);
  if ((state === "branch" || state === "other") && !options.force) {
    throw new UserError({ code: "output_exists", file: out, holds: state });
  }

  const labels = fileLabels(distinct.map((d) => d.file));
  const order = distinct.map((d, i) => ({ ...d, label: labels[i] as string })).sort((a, b) => a.label.length - b.label.length || naturalCompare(a.label, b.label));
  const paths = new Map(order.map((d) => [d.label, d.file]));
  const p = options.progress;
  const files: BranchFile[] = [];
  const notes: RollupNote[] = [];
  const byHash = new Map<string, string>();
  for (const [k, d] of order.entries()) {
    p?.step((k / order.length) * 0.85, `读取 ${d.label}（${k + 1}/${order.length}）…`);
    // Identical content under two names is one branch. The shortest name is kept (a copy is
    // usually the longer name: "…-副本", "… (1)"), then the first in natural order.
    const readable = d.stat !== null && d.stat.isFile() && d.stat.size <= MAX_FILE_BYTES;
    const bytes = readable ? await fs.readFile(d.abs).catch(() => null) : null;
    if (bytes) {
      const hash = createHash("sha256").update(bytes).digest("hex");
      const first = byHash.get(hash);
      if (first !== undefined) {
        repeated.push({ file: d.file, sameAs: order.find((o) => o.label === first)?.file ?? first, how: "content" });
        notes.push({ file: d.label, level: "提示", code: "rollup_same_content", params: { first } });
        continue;
      }
      byHash.set(hash, d.label);
    }
    if (d.stat === null) {
      // Not file_missing: its fix suggests `appraisal init`, and here the file was meant to exist.
      files.push({ file: d.label, unreadable: { code: "branch_missing", file: d.label } });
      continue;
    }
    files.push(await readBranch(d.file, d.label, options));
  }

  p?.step(0.88, "汇总…");
  const rollup = buildRollup(files, notes, { strict: options.strict ?? false, advice: { host: "cli" } });
  if (rollup.merged.length === 0) {
    p?.done();
    return { rollup, written: null, backup: null, repeated, paths };
  }
  p?.step(0.92, "写入汇总表…");
  // The roll-up is a new workbook, built by exceljs (loaded only here).
  const { newWorkbook, workbookBytes, xlsxPort } = await import("../xlsx/host");
  const wb = newWorkbook();
  await rollupSession(xlsxPort(wb), rollup);
  const bytes = await workbookBytes(wb);
  const backup = state !== "none";
  await writeFileAtomic(out, bytes, { backup });
  p?.step(1, "完成");
  p?.done();
  return { rollup, written: out, backup: backup ? `${out}.bak` : null, repeated, paths };
}
