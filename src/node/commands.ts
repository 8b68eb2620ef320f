/**
 * What each CLI command does, as functions the tests can also call: open, compute, write.
 * Printing and exit codes stay in cli.ts.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { type Issue, verdictOf } from "../core/issues";
import type { AppraisalResult, Period } from "../core/types";
import { nominationReason } from "../messages/nominations";
import { flagText, reasonText } from "../messages/reasons";
import { type AdviceOptions, describe, issueLine, type JsonParams, jsonParams } from "../messages/zh-CN";
import type { EngineRun } from "../workbook/engine";
import { ballotSession, calculateSession, checkSession, type SessionOptions, templateSession } from "../workbook/session";
import { ensureFolder, filePort, type LoadedWorkbook, UserError, loadWorkbookFile, writeFileAtomic } from "./files";
import type { Progress } from "./terminal";
import { type Book, bookBytes, sheetNamesOf } from "../xlsx/open";
import type { Converted } from "../xlsx/legacy";
import { convertedFrom, stampConverted } from "../xlsx/provenance";
import { baseName } from "../core/files";

export interface CalcOptions {
  readonly out?: string;
  /** Replace the .xlsx an .xls/.ods's results go to even if it is not the tool's own untouched result. */
  readonly force?: boolean;
  readonly period?: Period;
  readonly progress?: Progress;
}

export interface CalcOutcome {
  readonly run: EngineRun;
  readonly written: string;
  readonly skippedSheets: readonly string[];
  /** An .xls/.ods read and written as a new .xlsx (`written`); the source is unchanged. */
  readonly converted: Converted | null;
}

const thisYear = (): number => new Date().getFullYear();

/** Advice on the command line names its commands, with the file she gave. */
export const cliAdvice = (file: string): AdviceOptions => ({ host: "cli", file });

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the results of `file` go, and whether the file there is kept as .bak. An .xlsx is
 * written back (or to -o). An .xls/.ods is never changed: its results go to -o or to the
 * .xlsx of the same name beside it, which is replaced only if the tool made it from this file
 * and nobody has changed it since (provenance.ts), or with `force`.
 */
async function resultTarget(file: string, loaded: LoadedWorkbook, options: CalcOptions, hasOutputOption = true): Promise<{ target: string; backup: boolean }> {
  // The result is her package, so -o takes its kind: an .xlsm (macros) to an .xlsm name, any
  // other to an .xlsx — Excel refuses a file whose extension and content disagree. A name
  // without an extension gets the right one.
  if (loaded.wb.strict) throw new UserError({ code: "strict_ooxml", file });
  const macro = loaded.wb.macroEnabled;
  const extension = macro ? ".xlsm" : ".xlsx";
  // -o 收集 where 收集 is a folder: said so, not written as 收集.xlsx beside it.
  if (options.out !== undefined && (await fs.stat(options.out).catch(() => null))?.isDirectory()) throw new UserError({ code: "is_folder", file: options.out, output: true });
  const out = options.out !== undefined && path.extname(options.out) === "" ? `${options.out}${extension}` : options.out;
  if (out !== undefined && path.extname(out).toLowerCase() !== extension) throw new UserError({ code: "output_not_xlsx", file: out, ...(macro ? { macro } : {}) });
  if (!loaded.converted) {
    const inPlace = out === undefined || path.resolve(out) === path.resolve(file);
    return { target: out ?? file, backup: inPlace };
  }
  const target = out ?? path.join(path.dirname(file), `${baseName(path.basename(file))}.xlsx`);
  // An .xls or .ods named .xlsx (as some systems export, or renamed by hand): its “same-name
  // .xlsx” is itself, and -o may name it too. Her file is never replaced by its conversion.
  if (path.resolve(target) === path.resolve(file)) {
    const kind = loaded.converted.format === "xls" ? " .xls 工作簿" : " .ods 表格";
    const orOut = hasOutputOption ? `，或用 -o 指定另一个结果文件（如 -o ${baseName(path.basename(file))}-结果.xlsx）` : "";
    throw new UserError(`“${file}”实际是${kind}，只是扩展名为 ${path.extname(file)}，结果不能写回原文件，未作改动。请在 Excel 或 WPS 中把它另存为 .xlsx 工作簿后再试${orOut}`);
  }
  if (out !== undefined) return { target: out, backup: false };
  if (!(await exists(target)) || options.force) return { target, backup: true };
  const source = path.basename(file);
  let stamp: ReturnType<typeof convertedFrom> = null;
  try {
    stamp = convertedFrom((await loadWorkbookFile(target)).wb);
  } catch {
    // Not a workbook we can read: not ours either.
  }
  if (stamp?.source === source && stamp.unchanged) return { target, backup: true };
  throw new UserError({ code: "result_exists", file: target, source, edited: stamp?.source === source });
}

/** Save `wb` as the result of `file`: a converted .xls/.ods's result is stamped first (provenance.ts). */
async function saveResult(wb: Book, file: string, loaded: LoadedWorkbook, where: { target: string; backup: boolean }): Promise<void> {
  if (loaded.converted) stampConverted(wb, path.basename(file));
  await writeFileAtomic(where.target, bookBytes(wb), { backup: where.backup });
}

export async function initWorkbook(file: string, options: { demo?: boolean; force?: boolean } = {}): Promise<void> {
  if (!/^\.xlsx$/i.test(path.extname(file))) throw new UserError({ code: "output_not_xlsx", file });
  if (!options.force && (await exists(file))) {
    throw new UserError(`文件“${file}”已存在，未覆盖。换一个文件名，或加 --force 覆盖（原文件保留为 .bak）`);
  }
  // A new workbook is built by exceljs (loaded only here): there is nothing of hers to keep.
  const { newWorkbook, workbookBytes, xlsxPort } = await import("../xlsx/host");
  const wb = newWorkbook();
  await templateSession(xlsxPort(wb), { demo: Boolean(options.demo), year: thisYear() });
  await writeFileAtomic(file, await workbookBytes(wb), { backup: Boolean(options.force) });
}

export interface AddMissingOutcome {
  /** Sheets added, in workbook order (the input sheets that were missing, and 使用说明). */
  readonly added: readonly string[];
  /** Input sheets that were there but empty: their header was written. */
  readonly filled: readonly string[];
  /** The file written, or null: nothing was missing, and the file was not touched. */
  readonly written: string | null;
  /** An .xls/.ods: the completed workbook is a new .xlsx (`written`). */
  readonly converted: Converted | null;
}

/**
 * appraisal init --add-missing: the template's missing input sheets (and 使用说明) added to a
 * workbook she already has, by the session that fills in the add-in's “创建模板”; a sheet with
 * data is never touched. Written back atomically, the previous file kept as .bak.
 */
export async function addMissingSheets(file: string): Promise<AddMissingOutcome> {
  const loaded = await loadWorkbookFile(file);
  const { wb } = loaded;
  if (wb.strict) throw new UserError({ code: "strict_ooxml", file });
  const before = new Set(sheetNamesOf(wb));
  const r = await templateSession(filePort(wb), { year: thisYear() });
  const added = sheetNamesOf(wb).filter((n) => !before.has(n));
  // An input sheet created but not new was there, empty (perhaps under another accepted name).
  const filled = r.created.filter((n) => !added.includes(n));
  if (added.length === 0 && filled.length === 0) return { added, filled, written: null, converted: loaded.converted };
  // An .xls/.ods stays as it is: the completed workbook is the .xlsx beside it.
  const where = await resultTarget(file, loaded, {}, false);
  await saveResult(wb, file, loaded, where);
  return { added, filled, written: where.target, converted: loaded.converted };
}

/** Read a workbook and compute; nothing is written. */
export async function computeFile(file: string, options: CalcOptions = {}): Promise<{ run: EngineRun }> {
  const p = options.progress;
  p?.step(0.05, `读取 ${path.basename(file)}…`);
  const { wb } = await loadWorkbookFile(file);
  p?.step(0.45, "检查并计算…");
  const run = await checkSession(filePort(wb), sessionOptions(options, file));
  return { run };
}

const sessionOptions = (options: CalcOptions, file: string): SessionOptions => ({
  fallbackYear: thisYear(),
  advice: cliAdvice(file),
  ...(options.period ? { period: options.period } : {}),
});

export async function calcFile(file: string, options: CalcOptions = {}): Promise<CalcOutcome> {
  const p = options.progress;
  p?.step(0.05, `读取 ${path.basename(file)}…`);
  const loaded = await loadWorkbookFile(file);
  const { wb } = loaded;
  // Where the result goes is settled before any work: a refusal costs her nothing.
  const where = await resultTarget(file, loaded, options);
  p?.step(0.45, "检查、计算并写入结果表…");
  const { run, skipped } = await calculateSession(filePort(wb), sessionOptions(options, file));
  if (run.refused) {
    const lines = run.issues.filter((i) => i.code === "limit_exceeded").map((i) => `  ${issueLine(i, cliAdvice(file))}`);
    throw new UserError(`“${file}”超出处理上限，未计算，文件未改动：\n${lines.join("\n")}`);
  }
  p?.step(0.8, "保存…");
  await saveResult(wb, file, loaded, where);
  p?.step(1, "完成");
  p?.done();
  return { run, written: where.target, skippedSheets: skipped, converted: loaded.converted };
}

export interface BallotsOutcome {
  readonly run: EngineRun;
  /** The file written, or null when nothing was (a sheet of hers is called 测评票, or too big). */
  readonly written: string | null;
  /** 错误 in the roster or 参数设置: the ballots are marked 草稿. */
  readonly errors: readonly Issue[];
  readonly members: number;
  /** 计票 sheets made (or filled) and kept (they hold data). */
  readonly created: readonly string[];
  readonly kept: readonly string[];
  /** An .xls/.ods: the ballots went into a new .xlsx (`written`). */
  readonly converted: Converted | null;
}

/** appraisal ballots: write the 测评票 sheet (both blank ballots from the roster) into the workbook. */
export async function ballotsFile(file: string, options: CalcOptions = {}): Promise<BallotsOutcome> {
  const loaded = await loadWorkbookFile(file);
  const { wb } = loaded;
  const where = await resultTarget(file, loaded, options);
  const r = await ballotSession(filePort(wb), sessionOptions(options, file));
  if (r.written.length === 0) return { run: r.run, written: null, errors: r.errors, members: r.members, created: [], kept: [], converted: loaded.converted };
  await saveResult(wb, file, loaded, where);
  return { run: r.run, written: where.target, errors: r.errors, members: r.members, created: r.created, kept: r.kept, converted: loaded.converted };
}

export async function demo(dir: string, progress?: Progress): Promise<CalcOutcome> {
  await ensureFolder(dir);
  const file = path.join(dir, "示例支部-创先争优考评.xlsx");
  progress?.step(0.02, "生成示例支部…");
  await initWorkbook(file, { demo: true, force: true });
  // The demo is regenerated from scratch, so the .bak of an earlier demo is noise.
  await fs.rm(`${file}.bak`, { force: true });
  const outcome = await calcFile(file, progress ? { progress } : {});
  await fs.rm(`${file}.bak`, { force: true });
  return outcome;
}

// ------------------------------------------------------------------------------ JSON shapes

/** One issue as `--json` prints it: where, the code, the wording, and the values. */
export interface IssueJson {
  readonly level: Issue["level"];
  readonly sheet: string;
  readonly cell: string;
  readonly code: Issue["code"];
  readonly problem: string;
  readonly fix: string;
  readonly params: JsonParams;
  /** Only on an issue in a row of another 考评期 (a 提示 that blocks nothing): that period. */
  readonly outside?: Period;
}

export function issueJson(i: Issue, advice: AdviceOptions = { host: "cli" }): IssueJson {
  const d = describe(i, advice);
  return {
    level: i.level,
    sheet: i.sheet,
    cell: i.cell,
    code: i.code,
    problem: d.problem,
    fix: d.fix,
    params: jsonParams(i),
    ...(i.outside !== undefined ? { outside: i.outside } : {}),
  };
}

export function resultJson(result: AppraisalResult, issues: readonly Issue[], advice: AdviceOptions = { host: "cli" }): unknown {
  const s = result.settings;
  const nominee = (n: AppraisalResult["nominations"][number]): unknown => ({
    order: n.order,
    id: n.memberId,
    name: n.name,
    total: n.total,
    pledge: n.pledge,
    category: n.category,
    reason: nominationReason(n),
  });
  const verdict = verdictOf(issues);
  return {
    branch: s.branchName,
    year: s.year,
    period: s.period,
    // Draft or final (core/issues.ts verdictOf): a draft has 错误 left and is not a result to hand in.
    final: verdict.final,
    errors: verdict.errors,
    summary: result.summary,
    members: result.members.map((m) => ({
      id: m.member.id,
      name: m.member.name,
      category: m.member.category,
      participating: m.member.participating,
      components: m.components,
      bonus: m.bonus,
      total: m.total,
      rank: m.rank,
      suggested: m.suggested,
      final: m.final,
      // Worded, as --json always printed them: the codes are for the program, not the reader.
      reasons: m.reasons.map(reasonText),
      flags: m.flags.map(flagText),
    })),
    nominations: {
      branch: result.nominations.map(nominee),
      institute: result.nominations.filter((n) => n.category === "所级推荐").map(nominee),
    },
    issues: issues.map((i) => issueJson(i, advice)),
  };
}
