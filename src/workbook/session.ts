/**
 * The one calculation session: check, calculate and create the template against a small host
 * port. Every host — the Office.js add-in, the browser page's worker, the command line —
 * implements HostPort and calls these functions; the policy lives here and only here: which
 * sheets are input sheets, which are the tool's own, what a foreign sheet in an output's place
 * means, what the page header says, what is written, replaced and activated.
 *
 * The port is shaped by the costliest host: in Office.js every call is a context.sync(), a
 * round trip of Excel on the web. So the session asks in a fixed number of calls whatever the
 * workbook's size — names, extents, cells, then one write — and hosts that hold the workbook
 * in memory (exceljs) answer each call at once.
 */
import { type Issue, isError, issue } from "../core/issues";
import type { Period } from "../core/types";
import type { AdviceOptions } from "../messages/zh-CN";
import { defaultSettings } from "../core/settings";
import type { CellValue } from "./cells";
import { demoBranch } from "./demo";
import { type EngineRun, runEngine } from "./engine";
import { ballotFormsSheet, ballotMembers, tallySheets } from "./ballots";
import { BALLOT_SHEET, GUIDE_SHEET_NAME, INPUT_SHEETS, OUTPUT_SHEETS, READ_SHEETS, ROSTER_SHEET, SETTINGS_SHEET, TALLY_RESULT_SHEET } from "./layout";
import { sizeIssues } from "./limits";
import { describeOutput, isOwnOutputGrid, pageHeaderOf } from "./output";
import { findSheet, type SheetGrid } from "./parse";
import { isRollupSummaryGrid, ROLLUP_SUMMARY_SHEET, type Rollup } from "./rollup";
import type { FreeSheet } from "./sheetdoc";
import { guideSheet } from "./guide";
import { TEMPLATE_HEADER_ROW, type TemplateSheet, templateGrid, templateSheets } from "./template";

/**
 * Where a sheet's values are: the block from (top, left), zero-based, of `rows` × `cols`
 * cells. rows = 0 when the sheet holds no value (formatting alone does not count).
 */
export interface SheetExtent {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
}

export interface ReadResult {
  /** One grid per requested extent, in order; each grid starts at A1 (rows and columns above and left of the block are empty). */
  readonly grids: readonly SheetGrid[];
  /** The value of A1 of each sheet asked for by name, in order. */
  readonly firstCells: readonly CellValue[];
  /**
   * The centre page footer of each of those sheets, in order ("" when it has none, or the host
   * cannot read footers): the tool's own output sheets carry OUTPUT_MARK there.
   */
  readonly footers: readonly string[];
}

/** An input sheet for the template: its header, drop-downs and rows; `exists` = fill the empty sheet of that name. */
export interface TemplateWrite {
  readonly sheet: TemplateSheet;
  readonly exists: boolean;
  /**
   * The printed page header: the sheet's name. Never the branch's: an input sheet is written
   * once and filled in all year, and a name set in 参数设置 later would leave it stale.
   */
  readonly header: string;
}

export interface WriteRequest {
  /** Sheets described cell by cell, added in this order at the end of the workbook. */
  readonly sheets: readonly FreeSheet[];
  /** Sheets of these names are the tool's own (or empty): delete them before writing the new ones. */
  readonly replace: readonly string[];
  /** Input sheets of the template, written after `sheets`. */
  readonly templates: readonly TemplateWrite[];
  /** The sheet to show when done. */
  readonly activate?: string;
}

/**
 * What a host does for the session. Each call is one round trip in the Office.js host (more
 * only when one request would be too big); an in-memory host answers at once.
 */
export interface HostPort {
  /** Every sheet's name, in workbook order. */
  sheetNames(): Promise<readonly string[]>;
  /** Where each named sheet's values are. */
  extents(names: readonly string[]): Promise<readonly SheetExtent[]>;
  /** The cells of each extent, and A1 and the page footer of each sheet in `firstCells`. */
  read(extents: readonly SheetExtent[], firstCells: readonly string[]): Promise<ReadResult>;
  /** Write sheets and template sheets, replacing the tool's own. */
  write(request: WriteRequest): Promise<void>;
}

export interface SessionOptions {
  readonly period?: Period;
  /** The year assumed when 考评年度 is missing; the caller's clock (the core has none). */
  readonly fallbackYear: number;
  /** Whose ways the written 问题清单's fixes name: each host passes its own. */
  readonly advice?: AdviceOptions;
}

/** A sheet that is neither an input sheet, empty, nor the tool's own: never written over. */
const foreignIssue = (name: string): Issue => issue("output_sheet_foreign", "错误", name, "A1", { sheet: name });

interface Read {
  readonly grids: readonly SheetGrid[];
  readonly limits: readonly Issue[];
  /** Sheets other than the input sheets that are empty or the tool's own: safe to replace. */
  readonly own: readonly string[];
  /** Sheets other than the input sheets that hold something the tool did not write. */
  readonly foreign: readonly string[];
  /** How many rows each sheet's values reach (0: empty). */
  readonly rows: ReadonlyMap<string, number>;
}

/** The input sheets' grids, and which other sheets are the tool's own: three port calls. */
async function readWorkbook(port: HostPort): Promise<Read> {
  const names = await port.sheetNames();
  const stubs = names.map((name) => ({ name, grid: [] as SheetGrid["grid"] }));
  const inputs = new Set<string>();
  for (const def of READ_SHEETS) {
    const hit = findSheet(stubs, def);
    if (hit) inputs.add(hit.name);
  }
  // Every other sheet is probed: any of them may bear an output's name, and which names the
  // outputs take is known only after the computation.
  const extents = await port.extents(names);
  const toRead: SheetExtent[] = [];
  const probe: string[] = [];
  const own: string[] = [];
  const limits: Issue[] = [];
  for (const e of extents) {
    if (inputs.has(e.name)) {
      if (e.rows === 0) continue;
      // Too big to read safely: say so and leave its values unread (see limits.ts).
      const tooBig = sizeIssues(e.name, e.top + e.rows, e.left + e.cols);
      if (tooBig.length > 0) limits.push(...tooBig);
      else toRead.push(e);
    } else if (e.rows === 0) own.push(e.name); // an empty sheet is safe to replace
    else probe.push(e.name);
  }
  const read = await port.read(toRead, probe);
  const foreign: string[] = [];
  probe.forEach((name, i) => {
    if (isOwnOutputGrid([[read.firstCells[i] ?? null]], read.footers[i] ?? "")) own.push(name);
    else foreign.push(name);
  });
  const byName = new Map(read.grids.map((g) => [g.name, g]));
  const grids = names.filter((n) => inputs.has(n)).map((name) => byName.get(name) ?? { name, grid: [] });
  return { grids, limits, own, foreign, rows: new Map(extents.map((e) => [e.name, e.top + e.rows])) };
}

/**
 * Compute, with an output_sheet_foreign 错误 for every output whose name a foreign sheet
 * takes. The names in OUTPUT_SHEETS are known beforehand; should an output of another name
 * meet a foreign sheet, the computation runs once more with that issue too (the engine is
 * deterministic, so only the issue list changes).
 */
function compute(read: Read, options: SessionOptions): { run: EngineRun; skipped: string[] } {
  const engine = (skipped: readonly string[]): EngineRun =>
    runEngine(read.grids, {
      fallbackYear: options.fallbackYear,
      hostIssues: [...read.limits, ...skipped.map(foreignIssue)],
      keepTallyResult: read.own.includes(TALLY_RESULT_SHEET.name),
      ...(options.period ? { period: options.period } : {}),
      ...(options.advice ? { advice: options.advice } : {}),
    });
  const known = new Set(OUTPUT_SHEETS.map((d) => d.name));
  let skipped = read.foreign.filter((n) => known.has(n));
  let run = engine(skipped);
  const missed = run.outputs.map((o) => o.name).filter((n) => read.foreign.includes(n) && !skipped.includes(n));
  if (missed.length > 0) {
    skipped = [...skipped, ...missed];
    run = engine(skipped);
  }
  return { run, skipped };
}

/** The first part of every printed page header of one branch's sheets: "第一党支部 2010年 年终（草稿）". */
export function branchHeader(run: EngineRun): string {
  return pageHeaderOf(run.result.settings, run.verdict);
}

/** 检查数据: read and list the problems; nothing is written. */
export async function checkSession(port: HostPort, options: SessionOptions): Promise<EngineRun> {
  return compute(await readWorkbook(port), options).run;
}

export interface CalcResult {
  readonly run: EngineRun;
  /** Output sheets left alone because a sheet the tool did not write has their name. */
  readonly skipped: readonly string[];
  /** The sheets written, in order (none when the workbook was refused for its size). */
  readonly written: readonly string[];
}

/**
 * 一键计算: read, compute, and write every output sheet the tool may write, replacing its own
 * earlier ones, in a fixed order at the end of the workbook (a re-run gives the same
 * workbook); the first output is shown. Over the limits nothing was computed, so nothing is
 * written and the previous results stay.
 */
export async function calculateSession(port: HostPort, options: SessionOptions): Promise<CalcResult> {
  const read = await readWorkbook(port);
  const { run, skipped } = compute(read, options);
  if (run.refused) return { run, skipped: [], written: [] };
  const header = branchHeader(run);
  const sheets = run.outputs.filter((o) => !skipped.includes(o.name)).map((o) => describeOutput(o, header));
  const written = sheets.map((s) => s.name);
  await port.write({
    sheets,
    replace: read.own.filter((n) => written.includes(n)),
    templates: [],
    ...(written[0] !== undefined ? { activate: written[0] } : {}),
  });
  return { run, skipped, written };
}

export interface BallotResult {
  readonly run: EngineRun;
  /** The sheets written: 测评票, unless a sheet of hers has its name (then run lists it). */
  readonly written: readonly string[];
  /** 错误 in the roster or 参数设置 the ballots are built from (any: the ballots say 草稿). */
  readonly errors: readonly Issue[];
  /** How many members are on each ballot. */
  readonly members: number;
  /** 计票 sheets added (or filled, being empty), and those kept because they hold data. */
  readonly created: readonly string[];
  readonly kept: readonly string[];
}

/**
 * 打印测评票: the two blank ballots from the roster, for the period computed (the option, else
 * 参数设置's 考评期), into the tool's own 测评票 sheet. Only the roster and 参数设置 go into a
 * ballot, so only their 错误 make it a draft; a sheet of hers called 测评票 is never written over.
 */
export async function ballotSession(port: HostPort, options: SessionOptions): Promise<BallotResult> {
  const read = await readWorkbook(port);
  const foreign = read.foreign.includes(BALLOT_SHEET.name) ? [foreignIssue(BALLOT_SHEET.name)] : [];
  const run = runEngine(read.grids, {
    fallbackYear: options.fallbackYear,
    hostIssues: [...read.limits, ...foreign],
    ...(options.period ? { period: options.period } : {}),
  });
  const sources = new Set([findSheet(read.grids, ROSTER_SHEET)?.name ?? ROSTER_SHEET.name, findSheet(read.grids, SETTINGS_SHEET)?.name ?? SETTINGS_SHEET.name]);
  const errors = run.issues.filter((i) => isError(i) && sources.has(i.sheet));
  const input = run.parsed.input;
  if (run.refused || foreign.length > 0) return { run, written: [], errors, members: 0, created: [], kept: [] };
  const settings = run.result.settings;
  const sheet = ballotFormsSheet(input.members, settings, { period: settings.period, errors: errors.length });
  const members = ballotMembers(input.members, settings).length;
  // The 计票 sheets: made when missing; remade when they hold no ballot yet (a header row at
  // most, under the guidance line the tool wrote), so that a roster changed since follows;
  // never touched once a ballot is typed in.
  const present = new Set([...read.grids.map((g) => g.name), ...read.own, ...read.foreign]);
  const templates: TemplateWrite[] = [];
  const created: string[] = [];
  const kept: string[] = [];
  const remade: string[] = [];
  for (const t of tallySheets(input.members, settings)) {
    if (holdsMoreThanHeader(read, t)) {
      kept.push(t.name);
      continue;
    }
    if (present.has(t.name)) remade.push(t.name);
    templates.push({ sheet: t, exists: false, header: t.name });
    created.push(t.name);
  }
  await port.write({ sheets: [sheet], replace: [...read.own.filter((n) => n === BALLOT_SHEET.name), ...remade], templates, activate: BALLOT_SHEET.name });
  return { run, written: [sheet.name], errors, members, created, kept };
}

/**
 * Does a 计票 sheet hold anything beyond what the tool writes above its ballots? The header
 * alone (one row, as earlier versions wrote it), or the guidance line the tool writes now and
 * a header, is no ballot. Anything else — a second row under a header in row 1, a row 1 she
 * changed — is kept: a ballot lost is worse than a stale header.
 */
function holdsMoreThanHeader(read: Read, t: TemplateSheet): boolean {
  const rows = read.rows.get(t.name) ?? 0;
  if (rows <= 1) return false;
  if (rows > TEMPLATE_HEADER_ROW) return true;
  const blank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === "";
  const first = read.grids.find((g) => g.name === t.name)?.grid[0] ?? [];
  const written = templateGrid(t)[0] ?? [];
  const width = Math.max(first.length, written.length);
  for (let c = 0; c < width; c++) if (!(first[c] === written[c] || (blank(first[c]) && blank(written[c])))) return true;
  return false;
}

/** What a workbook is to the roll-up: a branch workbook, a roll-up the tool wrote, or neither. */
export type WorkbookKind = "branch" | "rollup" | "other";

async function kindOf(port: HostPort): Promise<{ kind: WorkbookKind; names: readonly string[] }> {
  const names = await port.sheetNames();
  if (findSheet(names.map((name) => ({ name, grid: [] })), ROSTER_SHEET)) return { kind: "branch", names };
  // A roll-up's 支部汇总 sheet says "全所汇总" in its A1 and carries the mark in its footer (or A1).
  const summaries = names.filter((n) => n === ROLLUP_SUMMARY_SHEET);
  if (summaries.length === 0) return { kind: "other", names };
  const probe = (await port.extents(summaries)).filter((e) => e.rows > 0).map((e) => e.name);
  const read = probe.length > 0 ? await port.read([], probe) : { firstCells: [], footers: [] };
  const rollup = probe.some((name, i) => isRollupSummaryGrid(name, [[read.firstCells[i] ?? null]], read.footers[i] ?? ""));
  return { kind: rollup ? "rollup" : "other", names };
}

/** Is this workbook a branch's, a roll-up the tool wrote, or neither? (May merge replace it?) */
export async function workbookKindSession(port: HostPort): Promise<WorkbookKind> {
  return (await kindOf(port)).kind;
}

export type BranchRead =
  | { readonly kind: "branch"; readonly run: EngineRun }
  | { readonly kind: "rollup" }
  | { readonly kind: "other"; readonly sheets: readonly string[] };

/**
 * Read a workbook as one branch of the institute roll-up (appraisal merge), or tell what else
 * it is. A branch is computed from its input sheets alone: a sheet of hers in an output's
 * place does not matter to a roll-up, which writes nothing into the branch.
 */
export async function branchSession(port: HostPort, options: SessionOptions): Promise<BranchRead> {
  const { kind, names } = await kindOf(port);
  if (kind === "rollup") return { kind };
  if (kind === "other") return { kind, sheets: names };
  const read = await readWorkbook(port);
  const run = runEngine(read.grids, {
    fallbackYear: options.fallbackYear,
    hostIssues: read.limits,
    ...(options.period ? { period: options.period } : {}),
  });
  return { kind: "branch", run };
}

/** The institute roll-up's sheets, written into a workbook of their own (appraisal merge). */
export async function rollupSession(port: HostPort, rollup: Rollup): Promise<void> {
  const sheets = rollup.sheets.map((o) => describeOutput(o, rollup.pageHeader));
  await port.write({ sheets, replace: [], templates: [], ...(sheets[0] ? { activate: sheets[0].name } : {}) });
}

export interface TemplateResult {
  /** Input sheets added, or filled because they were empty. */
  readonly created: readonly string[];
  /** Input sheets that already had data and were left untouched. */
  readonly kept: readonly string[];
}

/**
 * 创建/补全模板: add the input sheets that are missing (with the demo branch's data when
 * `demo`), fill the header of an input sheet that exists but is empty, add the 使用说明 sheet
 * when missing, and never touch a sheet that has data. The roster is shown when it was made
 * (the first sheet she fills), else the first sheet made.
 */
export async function templateSession(port: HostPort, options: { readonly demo?: boolean; readonly year: number }): Promise<TemplateResult> {
  const names = await port.sheetNames();
  const stubs = names.map((name) => ({ name, grid: [] as SheetGrid["grid"] }));
  const existing = INPUT_SHEETS.map((def) => ({ def, hit: findSheet(stubs, def) }));
  const found = existing.flatMap((e) => (e.hit ? [e.hit.name] : []));
  const extents = await port.extents(found);
  const withData = new Set(extents.filter((e) => e.rows > 0).map((e) => e.name));
  const content = options.demo ? demoBranch().sheets : templateSheets({ ...defaultSettings(), year: options.year });
  const templates: TemplateWrite[] = [];
  const created: string[] = [];
  const kept: string[] = [];
  for (const e of existing) {
    if (e.hit && withData.has(e.hit.name)) {
      kept.push(e.def.name);
      continue;
    }
    const sheet = content.find((s) => s.name === e.def.name) as TemplateSheet;
    templates.push({ sheet: e.hit ? { ...sheet, name: e.hit.name } : sheet, exists: Boolean(e.hit), header: e.hit ? e.hit.name : e.def.name });
    created.push(e.def.name);
  }
  const roster = created.indexOf(ROSTER_SHEET.name);
  const show = templates[roster >= 0 ? roster : 0];
  const sheets = names.includes(GUIDE_SHEET_NAME) ? [] : [guideSheet()];
  if (sheets.length === 0 && templates.length === 0) return { created, kept };
  await port.write({ sheets, replace: [], templates, ...(show ? { activate: show.sheet.name } : {}) });
  return { created, kept };
}
