/**
 * The Office.js host: the same engine and layout as the command line, inside the open
 * workbook. Every function takes an ExcelEnv (Excel.run and the requirement-set check) so the
 * task pane passes the real ones and the tests pass a strict fake.
 *
 * Round trips are the cost that matters (each context.sync() is a network hop in Excel on the
 * web), so reads and writes are batched into a fixed number of syncs:
 *   calculate: 1 sheet names · 2 used-range sizes · 3 all values · 4 all writes
 *   check:     the first three;   create template: names · emptiness · writes.
 * A read or write is split over more syncs only when one request would pass ~4 MB.
 *
 * Output sheets are tables (综合评定, 表彰推荐, 问题清单: written here) or free sheets laid out
 * cell by cell (年度总结, 推荐表: written by free.ts, with merges, styles, print setup and
 * native charts). Either kind replaces the tool's own sheet of that name and never a sheet
 * the tool did not write.
 */
import type { Issue } from "../core/issues";
import { issue } from "../core/issues";
import type { Period } from "../core/types";
import { columnLetters } from "../core/address";
import { type CellValue } from "../workbook/cells";
import { demoBranch } from "../workbook/demo";
import { type EngineRun, runEngine } from "../workbook/engine";
import { GUIDE_SHEET_NAME, INPUT_SHEETS, OUTPUT_HEADER_ROW, OUTPUT_SHEETS, TEMPLATE_ROWS } from "../workbook/layout";
import { isOwnOutputGrid, type OutputSheet, type TableSheet } from "../workbook/output";
import { sizeIssues } from "../workbook/limits";
import { findSheet, HEADER_SEARCH_ROWS, type SheetGrid } from "../workbook/parse";
import { guideLines, type TemplateSheet, templateSheets } from "../workbook/template";
import { defaultSettings } from "../core/settings";
import { denseGrid, jsonBytes, placeBlock, toOfficeBlock } from "./cells";
import { FOOTER, freeSheetPlans, MARGINS } from "./free";
import { packPlans, pointsFromChars, REQUEST_BUDGET_BYTES, type WritePlan } from "./plans";

export { REQUEST_BUDGET_BYTES };

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelEnv {
  readonly run: ExcelRun;
  /** Office.context.requirements.isSetSupported("ExcelApi", version) */
  readonly supports: (version: string) => boolean;
}

/**
 * What one cell costs in a read response, for planning reads before we see them: a mark like
 * "出席" is 9 bytes of JSON, a number 3–6. Measured on generated branches: 8.5 bytes a cell.
 * When real text is longer and Excel refuses the response, the read is retried in smaller
 * slices (see readValues), so a low estimate costs a round trip, never a failure.
 */
const BYTES_PER_CELL_READ = 9;
/** The response budget of one read: Excel on the web refuses responses over 5 MB. */
const READ_BUDGET_BYTES = 4.75 * 1024 * 1024;

const HEADER_FILL = "#C00000";
const HEADER_FONT = "#FFFFFF";
const TITLE_COLOR = "#C00000";

/** What could not be done because this Excel is too old, in words for the task pane. */
export interface Degraded {
  readonly feature: string;
  readonly needs: string;
}

// ------------------------------------------------------------------------------------ reading

interface ReadSheets {
  readonly grids: SheetGrid[];
  /** Input sheets beyond the limits, left unread. */
  readonly limits: readonly Issue[];
  /**
   * Sheets other than the input sheets that hold something the tool did not write: an
   * output of that name is never written over (and is reported).
   */
  readonly foreign: readonly string[];
  /** Sheets other than the input sheets that are empty or the tool's own (safe to replace). */
  readonly own: readonly string[];
  readonly syncs: number;
}

interface Block {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** Split blocks into row slices so that no slice is estimated above the budget. */
function sliceBlocks(blocks: readonly Block[], budget: number): Block[][] {
  if (blocks.length === 0) return [[]];
  const batches: Block[][] = [];
  let current: Block[] = [];
  let used = 0;
  for (const b of blocks) {
    const maxRows = Math.max(1, Math.floor(budget / (b.cols * BYTES_PER_CELL_READ)));
    for (let start = 0; start < b.rows; start += maxRows) {
      const slice: Block = { ...b, row: b.row + start, rows: Math.min(maxRows, b.rows - start) };
      const cost = slice.rows * slice.cols * BYTES_PER_CELL_READ;
      if (used + cost > budget && current.length > 0) {
        batches.push(current);
        current = [];
        used = 0;
      }
      current.push(slice);
      used += cost;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Read every input sheet (and the first cell of any sheet named like an output) in three
 * syncs: names, used-range sizes, values (plus the header rows' number formats, which tell
 * date headers from numbers).
 */
async function readWorkbook(context: Excel.RequestContext): Promise<ReadSheets> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  syncs++;
  const names = sheets.items.map((ws) => ws.name);
  const stubs = names.map((name) => ({ name, grid: [] as SheetGrid["grid"] }));
  const inputNames = new Set<string>();
  for (const def of INPUT_SHEETS) {
    const hit = findSheet(stubs, def);
    if (hit) inputNames.add(hit.name);
  }
  // Every other sheet is probed (its size, then its A1): any of them may bear an output's
  // name, and which names the outputs take is known only after the computation.
  const otherNames = names.filter((n) => !inputNames.has(n));

  const used = [...inputNames, ...otherNames].map((name) => {
    const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
    range.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
    return { name, range };
  });
  await context.sync();
  syncs++;

  const blocks: Block[] = [];
  const limits: Issue[] = [];
  const own: string[] = [];
  const foreign: string[] = [];
  const outputFirstCells: { name: string; range: Excel.Range }[] = [];
  for (const u of used) {
    if (u.range.isNullObject) {
      if (!inputNames.has(u.name)) own.push(u.name); // an empty sheet is safe to replace
      continue;
    }
    if (inputNames.has(u.name)) {
      // Too big to read safely: say so and leave its values unread (see limits.ts).
      const tooBig = sizeIssues(u.name, u.range.rowIndex + u.range.rowCount, u.range.columnIndex + u.range.columnCount);
      if (tooBig.length > 0) {
        limits.push(...tooBig);
        continue;
      }
      blocks.push({ sheet: u.name, row: u.range.rowIndex, col: u.range.columnIndex, rows: u.range.rowCount, cols: u.range.columnCount });
    } else {
      const a1 = sheets.getItem(u.name).getRange("A1");
      outputFirstCells.push({ name: u.name, range: a1 });
    }
  }

  let cells = new Map<string, CellValue[][]>();
  const counter = { syncs: 0 };
  const estimate = blocks.reduce((n, b) => n + b.rows * b.cols, 0) * BYTES_PER_CELL_READ;
  for (let budget = READ_BUDGET_BYTES; ; budget = Math.min(budget, estimate) / 2) {
    try {
      cells = new Map([...inputNames].map((n) => [n, []]));
      await readValues(context, blocks, budget, cells, outputFirstCells, counter);
      break;
    } catch (e) {
      // Longer text than estimated: read again in slices half the size.
      if (codeOf(e) !== "ResponsePayloadSizeLimitExceeded" || budget < 64 * 1024) throw e;
    }
  }
  syncs += counter.syncs;
  for (const o of outputFirstCells) {
    const first = (o.range.values as unknown[][])[0] ?? [];
    const grid = [first.map((v) => (v === "" ? null : (v as CellValue)))];
    if (isOwnOutputGrid(grid)) own.push(o.name);
    else foreign.push(o.name);
  }
  const grids = names.filter((n) => inputNames.has(n)).map((name) => ({ name, grid: denseGrid(cells.get(name) ?? []) }));
  return { grids, limits, own, foreign, syncs };
}

function codeOf(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e).code) : "";
}

/** Load the values of every block (row slices within `budget` each, one sync a slice). */
async function readValues(
  context: Excel.RequestContext,
  blocks: readonly Block[],
  budget: number,
  cells: Map<string, CellValue[][]>,
  firstCells: readonly { range: Excel.Range }[],
  counter: { syncs: number },
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const batches = sliceBlocks(blocks, budget);
  for (let i = 0; i < batches.length; i++) {
    const loads = (batches[i] as Block[]).map((b) => {
      const ws = sheets.getItem(b.sheet);
      const values = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
      values.load("values");
      // Number formats only for the rows a header can be in: they tell a date header from a number.
      const headerRows = Math.max(0, Math.min(b.rows, HEADER_SEARCH_ROWS - b.row));
      const formats = headerRows > 0 ? ws.getRangeByIndexes(b.row, b.col, headerRows, b.cols) : null;
      formats?.load("numberFormat");
      return { b, values, formats };
    });
    if (i === 0) for (const o of firstCells) o.range.load("values");
    counter.syncs++; // a refused request is a round trip too
    await context.sync();
    for (const { b, values, formats } of loads) {
      placeBlock(cells.get(b.sheet) as CellValue[][], values.values, b.row, b.col, formats ? (formats.numberFormat as string[][]) : undefined);
    }
  }
}

// ------------------------------------------------------------------------------------ writing

function formatHeader(range: Excel.Range): void {
  range.format.fill.color = HEADER_FILL;
  range.format.font.color = HEADER_FONT;
  range.format.font.bold = true;
  range.format.horizontalAlignment = "Center";
  range.format.verticalAlignment = "Center";
  range.format.wrapText = true;
}

function pageSetup(ws: Excel.Worksheet, titleRows: string, header: string, env: ExcelEnv): void {
  if (!env.supports("1.9")) return;
  ws.pageLayout.paperSize = "A4";
  ws.pageLayout.orientation = "Landscape";
  ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  ws.pageLayout.setPrintTitleRows(titleRows);
  ws.pageLayout.setPrintMargins("Inches", MARGINS);
  ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = header.replace(/&/g, "&&");
  ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = FOOTER;
}

/**
 * The writes for one output sheet, as closures queued into a sync. Big data blocks are cut
 * into row slices so that no single request passes the budget.
 */
function outputPlans(out: TableSheet, replace: boolean, branchHeader: string, env: ExcelEnv): WritePlan[] {
  const width = out.columns.length;
  const last = columnLetters(width);
  const block = toOfficeBlock(out.rows, width, out.columns.map((c) => c.numFmt));
  const head: WritePlan = {
    bytes: jsonBytes(out.title) + jsonBytes(out.columns.map((c) => c.header)) + 2048,
    apply: (context) => {
      const sheets = context.workbook.worksheets;
      if (replace) sheets.getItem(out.name).delete();
      const ws = sheets.add(out.name);
      const title = ws.getRange("A1");
      title.numberFormat = [["@"]];
      title.values = [[out.title]];
      title.format.font.bold = true;
      title.format.font.size = 14;
      title.format.font.color = TITLE_COLOR;
      const header = ws.getRange(`A${OUTPUT_HEADER_ROW}:${last}${OUTPUT_HEADER_ROW}`);
      header.values = [out.columns.map((c) => c.header)];
      formatHeader(header);
      out.columns.forEach((c, i) => {
        ws.getRange(`${columnLetters(i + 1)}:${columnLetters(i + 1)}`).format.columnWidth = pointsFromChars(c.width);
      });
      ws.freezePanes.freezeRows(OUTPUT_HEADER_ROW);
      pageSetup(ws, `$${OUTPUT_HEADER_ROW}:$${OUTPUT_HEADER_ROW}`, `${branchHeader} ${out.name}`, env);
    },
  };
  const plans: WritePlan[] = [head];
  const rowBytes = out.rows.length > 0 ? (jsonBytes(block.values) + jsonBytes(block.numberFormat)) / out.rows.length : 0;
  const sliceRows = rowBytes > 0 ? Math.max(1, Math.floor((REQUEST_BUDGET_BYTES * 0.9) / rowBytes)) : out.rows.length;
  for (let start = 0; start < out.rows.length; start += sliceRows) {
    const end = Math.min(out.rows.length, start + sliceRows);
    const values = block.values.slice(start, end);
    const formats = block.numberFormat.slice(start, end);
    plans.push({
      bytes: Math.ceil(rowBytes * (end - start)),
      apply: (context) => {
        const range = context.workbook.worksheets.getItem(out.name).getRangeByIndexes(OUTPUT_HEADER_ROW + start, 0, end - start, width);
        // Formats first: a text cell is "@" before its value arrives, so "=…" stays text.
        range.numberFormat = formats;
        range.values = values;
      },
    });
  }
  if (out.rows.length > 0) {
    plans.push({
      bytes: 1024,
      apply: (context) => {
        const ws = context.workbook.worksheets.getItem(out.name);
        const body = ws.getRange(`A${OUTPUT_HEADER_ROW + 1}:${last}${OUTPUT_HEADER_ROW + out.rows.length}`);
        body.format.verticalAlignment = "Top";
        out.columns.forEach((c, i) => {
          if (c.width >= 30) ws.getRange(`${columnLetters(i + 1)}${OUTPUT_HEADER_ROW + 1}:${columnLetters(i + 1)}${OUTPUT_HEADER_ROW + out.rows.length}`).format.wrapText = true;
        });
        if (env.supports("1.9")) ws.autoFilter.apply(ws.getRange(`A${OUTPUT_HEADER_ROW}:${last}${OUTPUT_HEADER_ROW + out.rows.length}`));
      },
    });
  }
  return plans;
}

async function applyBatches(context: Excel.RequestContext, batches: readonly WritePlan[][], env: ExcelEnv, finish?: (c: Excel.RequestContext) => void): Promise<number> {
  let syncs = 0;
  for (let i = 0; i < batches.length; i++) {
    // Nothing in the workbook depends on our sheets, so Excel need not recalculate while we write.
    if (env.supports("1.6")) context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const p of batches[i] as WritePlan[]) p.apply(context);
    if (i === batches.length - 1) finish?.(context);
    await context.sync();
    syncs++;
  }
  return syncs;
}

// ------------------------------------------------------------------------------- operations

export interface CheckOutcome {
  readonly run: EngineRun;
  readonly syncs: number;
}

export interface CalcOutcome extends CheckOutcome {
  /** Output sheets left alone because the tool did not write them. */
  readonly skipped: readonly string[];
  /** Setup this Excel could not apply to the output sheets (below ExcelApi 1.9: printing). */
  readonly degraded: readonly Degraded[];
}

function engineOptions(period: Period | undefined, hostIssues: Issue[]): Parameters<typeof runEngine>[1] {
  return { fallbackYear: new Date().getFullYear(), hostIssues, ...(period ? { period } : {}) };
}

/**
 * Compute, with an output_sheet_foreign 错误 for every output whose name a sheet the tool did
 * not write already takes. The names in OUTPUT_SHEETS are known beforehand; should an output
 * of another name meet a foreign sheet, the computation runs once more with that issue too
 * (the engine is deterministic, so only the issue list changes).
 */
function runWithForeign(read: ReadSheets, period: Period | undefined): { run: EngineRun; skipped: string[] } {
  const foreignIssue = (name: string): Issue => issue("output_sheet_foreign", "错误", name, "A1", { sheet: name });
  const known = new Set(OUTPUT_SHEETS.map((d) => d.name));
  let skipped = read.foreign.filter((n) => known.has(n));
  let run = runEngine(read.grids, engineOptions(period, [...read.limits, ...skipped.map(foreignIssue)]));
  const missed = run.outputs.map((o) => o.name).filter((n) => read.foreign.includes(n) && !skipped.includes(n));
  if (missed.length > 0) {
    skipped = [...skipped, ...missed];
    run = runEngine(read.grids, engineOptions(period, [...read.limits, ...skipped.map(foreignIssue)]));
  }
  return { run, skipped };
}

/** 检查数据: read and list the problems; nothing is written. Three syncs. */
export async function checkWorkbook(env: ExcelEnv, period?: Period): Promise<CheckOutcome> {
  return env.run(async (context) => {
    const read = await readWorkbook(context);
    return { run: runWithForeign(read, period).run, syncs: read.syncs };
  });
}

/** What this Excel cannot do of the output sheets' setup, in words for the task pane. */
export function outputDegraded(env: ExcelEnv): Degraded[] {
  return env.supports("1.9") ? [] : [{ feature: "结果表的 A4 打印设置（纸张、标题行、页眉、推荐表的打印区域和分页）和筛选按钮", needs: "ExcelApi 1.9" }];
}

/** The writes of every output sheet, tables and free sheets alike. */
export function outputSheetPlans(out: OutputSheet, replace: boolean, branchHeader: string, env: ExcelEnv): WritePlan[] {
  return out.kind === "table" ? outputPlans(out, replace, branchHeader, env) : freeSheetPlans(out, replace, env.supports);
}

/** 一键计算: read, compute, write the output sheets. Four syncs for any roster size. */
export async function calculateWorkbook(env: ExcelEnv, period?: Period): Promise<CalcOutcome> {
  return env.run(async (context) => {
    const read = await readWorkbook(context);
    const { run, skipped } = runWithForeign(read, period);
    // Over the limits nothing was computed, so nothing is written: the previous results stay.
    if (run.refused) return { run, syncs: read.syncs, skipped: [], degraded: [] };
    const s = run.result.settings;
    const branchHeader = `${s.branchName || "党支部"} ${s.year}年 ${s.period}`;
    const plans = run.outputs
      .filter((o) => !skipped.includes(o.name))
      .flatMap((o) => outputSheetPlans(o, read.own.includes(o.name), branchHeader, env));
    const syncs = await applyBatches(context, packPlans(plans), env, (c) => {
      c.workbook.worksheets.getItem(run.outputs[0]?.name ?? "").activate();
    });
    return { run, syncs: read.syncs + syncs, skipped, degraded: outputDegraded(env) };
  });
}

// ---------------------------------------------------------------------------------- template

export interface TemplateOutcome {
  readonly created: readonly string[];
  /** Input sheets that already had data and were left untouched. */
  readonly kept: readonly string[];
  readonly degraded: readonly Degraded[];
  readonly syncs: number;
}

function templatePlan(sheet: TemplateSheet, exists: boolean, env: ExcelEnv): WritePlan {
  const width = sheet.columns.reduce((n, c) => n + (c.span ?? 1), 0);
  const body = toOfficeBlock(sheet.rows, width, sheet.columns.flatMap((c) => Array<string | undefined>(c.span ?? 1).fill(c.numFmt)));
  return {
    bytes: jsonBytes(body.values) + jsonBytes(body.numberFormat) + 4096,
    apply: (context) => {
      const sheets = context.workbook.worksheets;
      const ws = exists ? sheets.getItem(sheet.name) : sheets.add(sheet.name);
      const headers: string[] = [];
      sheet.columns.forEach((c) => {
        for (let k = 0; k < (c.span ?? 1); k++) headers.push(k === 0 ? c.header : "");
      });
      const last = columnLetters(width);
      const header = ws.getRange(`A1:${last}1`);
      header.numberFormat = [headers.map(() => "@")];
      header.values = [headers];
      formatHeader(ws.getRange(`A1:${columnLetters(headers.filter((h) => h !== "").length || 1)}1`));
      let col = 1;
      const lastRow = Math.max(TEMPLATE_ROWS + 1, sheet.rows.length + 1);
      for (const c of sheet.columns) {
        const span = c.span ?? 1;
        const cols = `${columnLetters(col)}:${columnLetters(col + span - 1)}`;
        ws.getRange(cols).format.columnWidth = pointsFromChars(c.width);
        const data = ws.getRange(`${columnLetters(col)}2:${columnLetters(col + span - 1)}${lastRow}`);
        if (c.numFmt) data.numberFormat = Array.from({ length: lastRow - 1 }, () => Array<string>(span).fill(c.numFmt as string));
        if (env.supports("1.8")) {
          if (c.list) {
            data.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(",") } };
            data.dataValidation.errorAlert = {
              showAlert: true,
              style: c.openList ? "Information" : "Stop",
              title: "输入值不在列表中",
              message: `请选择：${c.list.join("、")}`,
            };
          }
          // The fill-in note appears when a cell of the column is selected.
          if (c.note) data.dataValidation.prompt = { showPrompt: true, title: c.header || "填写说明", message: c.note.slice(0, 255) };
        }
        col += span;
      }
      if (env.supports("1.8")) {
        for (const cl of sheet.cellLists ?? []) {
          ws.getRange(`${columnLetters(cl.col + 1)}${cl.row + 2}`).dataValidation.rule = { list: { inCellDropDown: true, source: cl.list.join(",") } };
        }
      }
      if (sheet.rows.length > 0) {
        const range = ws.getRangeByIndexes(1, 0, sheet.rows.length, width);
        range.numberFormat = body.numberFormat;
        range.values = body.values;
      }
      ws.freezePanes.freezeRows(1);
      pageSetup(ws, "$1:$1", sheet.name, env);
    },
  };
}

function guidePlan(): WritePlan {
  const lines = guideLines();
  return {
    bytes: jsonBytes(lines) + 1024,
    apply: (context) => {
      const ws = context.workbook.worksheets.add(GUIDE_SHEET_NAME);
      const range = ws.getRange(`A1:A${lines.length}`);
      range.numberFormat = lines.map(() => ["@"]);
      range.values = lines.map((l) => [l]);
      range.format.wrapText = true;
      ws.getRange("A:A").format.columnWidth = pointsFromChars(110);
      const title = ws.getRange("A1");
      title.format.font.bold = true;
      title.format.font.size = 14;
      title.format.font.color = TITLE_COLOR;
    },
  };
}

/**
 * 创建/补全模板: add the input sheets that are missing (with the demo branch's data when
 * `demo`), fill the header of an input sheet that exists but is empty, and never touch a
 * sheet that has data. Three syncs.
 */
export async function createTemplate(env: ExcelEnv, options: { demo?: boolean } = {}): Promise<TemplateOutcome> {
  return env.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const names = sheets.items.map((ws) => ws.name);
    const stubs = names.map((name) => ({ name, grid: [] as SheetGrid["grid"] }));
    const existing = INPUT_SHEETS.map((def) => ({ def, hit: findSheet(stubs, def) }));
    const probes = existing
      .filter((e) => e.hit)
      .map((e) => {
        const r = sheets.getItem((e.hit as SheetGrid).name).getUsedRangeOrNullObject(true);
        r.load("isNullObject");
        return { name: e.def.name, r };
      });
    await context.sync();
    const withData = new Set(probes.filter((p) => !p.r.isNullObject).map((p) => p.name));

    const demo = options.demo ? demoBranch() : null;
    const content = demo ? demo.sheets : templateSheets({ ...defaultSettings(), year: new Date().getFullYear() });
    const degraded: Degraded[] = [];
    if (!env.supports("1.8")) degraded.push({ feature: "下拉列表和填写提示", needs: "ExcelApi 1.8" });
    if (!env.supports("1.9")) degraded.push({ feature: "A4 打印设置", needs: "ExcelApi 1.9" });
    const plans: WritePlan[] = [];
    const created: string[] = [];
    if (!names.includes(GUIDE_SHEET_NAME)) plans.push(guidePlan());
    for (const e of existing) {
      if (withData.has(e.def.name)) continue;
      const sheet = content.find((s) => s.name === e.def.name) as TemplateSheet;
      plans.push(templatePlan(e.hit ? { ...sheet, name: e.hit.name } : sheet, Boolean(e.hit), env));
      created.push(e.def.name);
    }
    const syncs = await applyBatches(context, packPlans(plans), env, (c) => {
      const first = created[1] ?? created[0];
      if (first) c.workbook.worksheets.getItem(first).activate();
    });
    return { created, kept: [...withData], degraded, syncs: 2 + syncs };
  });
}

// ------------------------------------------------------------------------------------ select

/** Jump to a problem's cell (or its sheet, when the problem is about the whole sheet). */
export async function selectCell(env: ExcelEnv, sheet: string, cell: string): Promise<boolean> {
  return env.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load("isNullObject");
    await context.sync();
    if (ws.isNullObject) return false;
    ws.activate();
    ws.getRange(cell || "A1").select();
    await context.sync();
    return true;
  });
}
