/**
 * The Office.js host: the session of src/workbook/session.ts inside the open workbook. This
 * file moves cells and nothing else: the port's four calls, each one context.sync() (a round
 * trip of Excel on the web), so a calculation costs a fixed number whatever the roster's size:
 *   calculate: 1 sheet names · 2 used-range extents · 3 values · 4 the new sheets' data
 *              5 the swap · 6 print setup, charts and filters
 *   check:     the first three;   create template: names · extents · writes.
 * A read or write is split over more syncs only when one request would pass ~4 MB (or when
 * Excel fails a big request: it is tried again in smaller ones).
 *
 * Never lose the previous results: Excel does not roll a failed request back (what ran
 * before the failing operation stays), so output sheets are built hidden under temporary
 * names and swapped in — old deleted, new renamed — in a request of their own once they are
 * complete. A failure while building removes the half-built sheets (the previous results
 * were never touched); a failure during the swap finishes it (every new sheet is complete by
 * then). The look (page setup, charts, filter buttons) comes last, and its failure is a note,
 * never lost data.
 *
 * Every function takes an ExcelEnv (Excel.run and the requirement-set check), so the task
 * pane passes the real ones and the tests pass a strict fake.
 */
import type { Period } from "../core/types";
import { columnLetters } from "../core/address";
import type { CellValue } from "../workbook/cells";
import type { EngineRun } from "../workbook/engine";
import { HEADER_SEARCH_ROWS } from "../workbook/parse";
import { type BallotResult, ballotSession, calculateSession, checkSession, type HostPort, type SessionOptions, type SheetExtent, templateSession, type TemplateWrite, type WriteRequest } from "../workbook/session";
import { LOOKS, PAGE_FOOTER, PAGE_MARGINS, type PrintSpec } from "../workbook/sheetdoc";
import { type CellValidation, TEMPLATE_HEADER_ROW, templateLayout } from "../workbook/template";
import { denseGrid, jsonBytes, placeBlock, toOfficeBlock } from "./cells";
import { applyLookTo, freeSheetPlans } from "./free";
import { ACTION_BYTES, packPlans, PATH_BYTES, PLAN_BYTES, pointsFromChars, REQUEST_BUDGET_BYTES, type WritePlan } from "./plans";

export { REQUEST_BUDGET_BYTES };

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelEnv {
  readonly run: ExcelRun;
  /** Office.context.requirements.isSetSupported("ExcelApi", version) */
  readonly supports: (version: string) => boolean;
  /** How long one context.sync() may take before we give up on it (default SYNC_TIMEOUT_MS). */
  readonly syncTimeoutMs?: number;
}

/**
 * Excel never gives up on a request by itself: a lost connection to Excel on the web can
 * leave context.sync() pending for ever. Two minutes is far above the slowest request we
 * measured (a 5,000-member write), and short enough that a secretary is told what happened.
 */
export const SYNC_TIMEOUT_MS = 120_000;

/** Thrown when Excel has not answered a request within the time limit. */
export class SyncTimeoutError extends Error {
  readonly code = "AppraisalSyncTimeout";
  constructor(readonly ms: number) {
    super(`Excel did not answer within ${ms} ms`);
  }
}

/** context.sync() with the time limit. */
async function syncWithin(context: Excel.RequestContext, env: ExcelEnv): Promise<void> {
  const ms = env.syncTimeoutMs ?? SYNC_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      context.sync(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SyncTimeoutError(ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The names output sheets are built under until complete. A leftover one (a run cut short) is the tool's to delete. */
export const TEMP_SHEET_PREFIX = "~考评助手临时";
export const isTempSheet = (name: string): boolean => name.startsWith(TEMP_SHEET_PREFIX);
const tempName = (i: number): string => `${TEMP_SHEET_PREFIX}${i + 1}`;

/**
 * Failures a write is tried again for, in requests half the size: Excel on the web answers
 * some big payloads with HTTP 500, which Office.js reports as GeneralException ("An internal
 * error has occurred", OfficeDev/office-js#1314, office-js-docs-reference#354).
 */
const RETRY_SMALLER = new Set(["GeneralException", "RequestPayloadSizeLimitExceeded"]);
/** Below this a request is small enough that a failure is not about its size. */
const MIN_REQUEST_BYTES = 128 * 1024;

/**
 * What one cell costs in a read response, for planning reads before we see them: a mark like
 * "出席" is 9 bytes of JSON, a number 3–6. Measured on generated branches: 8.5 bytes a cell.
 * When real text is longer and Excel refuses the response, the read is retried in smaller
 * slices (see readValues), so a low estimate costs a round trip, never a failure.
 */
const BYTES_PER_CELL_READ = 9;
/** The response budget of one read: Excel on the web refuses responses over 5 MB. */
const READ_BUDGET_BYTES = 4.75 * 1024 * 1024;

/** What could not be done because this Excel is too old, in words for the task pane. */
export interface Degraded {
  readonly feature: string;
  readonly needs: string;
}

// ------------------------------------------------------------------------------------ reading

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

function codeOf(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e).code) : "";
}

/** Load the values of every block (row slices within `budget` each, one sync a slice). */
async function readValues(
  context: Excel.RequestContext,
  blocks: readonly Block[],
  budget: number,
  cells: Map<string, CellValue[][]>,
  firstCells: readonly { range: Excel.Range; footer: Excel.HeaderFooter | null }[],
  counter: { syncs: number },
  env: ExcelEnv,
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
    if (i === 0) {
      for (const o of firstCells) {
        o.range.load("values");
        o.footer?.load("centerFooter");
      }
    }
    counter.syncs++; // a refused request is a round trip too
    await syncWithin(context, env);
    for (const { b, values, formats } of loads) {
      placeBlock(cells.get(b.sheet) as CellValue[][], values.values, b.row, b.col, formats ? (formats.numberFormat as string[][]) : undefined);
    }
  }
}

// ------------------------------------------------------------------------------------ writing

/** A template sheet's print setup (templateLayout's PrintSpec); ExcelApi 1.9. */
function pageSetup(ws: Excel.Worksheet, print: PrintSpec, env: ExcelEnv): void {
  if (!env.supports("1.9")) return;
  ws.pageLayout.paperSize = "A4";
  ws.pageLayout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  ws.pageLayout.zoom = print.fitToWidth ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: print.scale ?? 100 };
  if (print.titleRows) ws.pageLayout.setPrintTitleRows(`$${print.titleRows[0]}:$${print.titleRows[1]}`);
  if (print.titleColumns) ws.pageLayout.setPrintTitleColumns(`$${columnLetters(print.titleColumns[0])}:$${columnLetters(print.titleColumns[1])}`);
  ws.pageLayout.setPrintMargins("Inches", PAGE_MARGINS);
  ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = print.header.replace(/&/g, "&&");
  ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
}

const OPERATORS = { between: "Between", greaterThanOrEqual: "GreaterThanOrEqualTo", lessThanOrEqual: "LessThanOrEqualTo" } as const;

/** An operand of a template rule as Office.js takes it: a number, or a formula with its "=". */
const operand = (f: string): number | string => (/^-?\d+(\.\d+)?$/.test(f) ? Number(f) : `=${f}`);

/** A number or date rule of the template (template.ts) as an Office.js validation rule; null below ExcelApi 1.8. */
function officeRule(v: CellValidation, env: ExcelEnv): Excel.DataValidationRule | null {
  if (!env.supports("1.8")) return null;
  const basic = {
    formula1: operand(v.formula1),
    ...(v.formula2 !== undefined ? { formula2: operand(v.formula2) } : {}),
    operator: OPERATORS[v.operator],
  };
  if (v.type === "whole") return { wholeNumber: basic };
  if (v.type === "decimal") return { decimal: basic };
  // A date rule's operands are ISO dates, which Office.js takes as they are.
  return { date: { formula1: v.formula1, ...(v.formula2 !== undefined ? { formula2: v.formula2 } : {}), operator: OPERATORS[v.operator] } };
}

/** Apply the batches, a sync each; `counter.syncs` counts the requests sent, failed ones included. */
async function applyBatches(context: Excel.RequestContext, batches: readonly WritePlan[][], env: ExcelEnv, counter: { syncs: number }): Promise<void> {
  for (const batch of batches) {
    // Nothing in the workbook depends on our sheets, so Excel need not recalculate while we write.
    if (env.supports("1.6")) context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const p of batch) p.apply(context);
    counter.syncs++;
    await syncWithin(context, env);
  }
}

/** `replace`: a sheet of that name is the tool's to remake (a 计票 sheet with no ballot yet): deleted first. */
function templatePlan(t: TemplateWrite, env: ExcelEnv, replace = false): WritePlan {
  const { sheet, exists } = t;
  const layout = templateLayout(sheet, t.header);
  const width = layout.columns;
  const body = toOfficeBlock(sheet.rows, width, sheet.columns.flatMap((c) => Array<string | undefined>(c.span ?? 1).fill(c.numFmt)));
  return {
    bytes: jsonBytes(body.values) + jsonBytes(body.numberFormat) + 4096,
    apply: (context) => {
      const sheets = context.workbook.worksheets;
      // OrNullObject: a retry after a failed request may find it already gone.
      if (replace && !exists) sheets.getItemOrNullObject(sheet.name).delete();
      const ws = exists ? sheets.getItem(sheet.name) : sheets.add(sheet.name);
      const headers: string[] = [];
      sheet.columns.forEach((c) => {
        for (let k = 0; k < (c.span ?? 1); k++) headers.push(k === 0 ? c.header : "");
      });
      const last = columnLetters(width);
      const h = TEMPLATE_HEADER_ROW;
      const top = h + 1;
      // Row 1: the guidance, merged over the first page's columns (after a wide sheet's title columns), wrapped.
      const from = layout.guidanceFrom;
      const guidance = ws.getRange(`${columnLetters(from)}1:${columnLetters(from + layout.guidanceColumns - 1)}1`);
      const first = ws.getRange(`${columnLetters(from)}1`);
      first.numberFormat = [["@"]];
      first.values = [[sheet.guidance]];
      if (layout.guidanceColumns > 1) guidance.merge(false);
      applyLookTo(guidance.format, LOOKS.paragraph);
      guidance.format.rowHeight = layout.guidancePoints;
      const header = ws.getRange(`A${h}:${last}${h}`);
      header.numberFormat = [headers.map(() => "@")];
      header.values = [headers];
      applyLookTo(ws.getRange(`A${h}:${columnLetters(headers.filter((x) => x !== "").length || 1)}${h}`).format, LOOKS.header);
      header.format.rowHeight = layout.headerPoints;
      let col = 1;
      const lastRow = layout.lastRow;
      for (const c of sheet.columns) {
        const span = c.span ?? 1;
        const cols = `${columnLetters(col)}:${columnLetters(col + span - 1)}`;
        ws.getRange(cols).format.columnWidth = pointsFromChars(c.width);
        const data = ws.getRange(`${columnLetters(col)}${top}:${columnLetters(col + span - 1)}${lastRow}`);
        if (c.numFmt) data.numberFormat = Array.from({ length: lastRow - h }, () => Array<string>(span).fill(c.numFmt as string));
        if (env.supports("1.8")) {
          const rule = c.validation ? officeRule(c.validation, env) : null;
          if (c.validation && rule) {
            data.dataValidation.rule = rule;
            data.dataValidation.errorAlert = {
              showAlert: true,
              style: c.validation.style === "stop" ? "Stop" : "Warning",
              title: c.validation.title,
              message: c.validation.message,
            };
          }
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
          const dv = ws.getRange(`${columnLetters(cl.col + 1)}${cl.row + top}`).dataValidation;
          dv.rule = { list: { inCellDropDown: true, source: cl.list.join(",") } };
          // The same alert as the file host writes (its absence left Excel's English default).
          dv.errorAlert = { showAlert: true, style: "Stop", title: "输入值不在列表中", message: `请选择：${cl.list.join("、")}` };
        }
      }
      if (sheet.rows.length > 0) {
        const range = ws.getRangeByIndexes(h, 0, sheet.rows.length, width);
        range.numberFormat = body.numberFormat;
        range.values = body.values;
      }
      // The guidance and header rows, and the first columns where the sheet has them (编号 and
      // 姓名 of 学习考勤, 期次 and 票号 of 计票).
      if (sheet.freezeCols) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, h, sheet.freezeCols));
      else ws.freezePanes.freezeRows(h);
      pageSetup(ws, layout.print, env);
    },
  };
}

// ------------------------------------------------------------------------------------ the port

/**
 * The session's port on one Excel.run context. Each call is one sync (reads split further only
 * when Excel refuses a response as too big); `syncs` counts them.
 */
function officePort(context: Excel.RequestContext, env: ExcelEnv): HostPort & { readonly syncs: () => number; readonly lookFailure: () => unknown } {
  const counter = { syncs: 0 };
  const sheets = context.workbook.worksheets;
  let names: readonly string[] = [];
  let lookFailure: unknown = null;
  const sync = async (): Promise<void> => {
    counter.syncs++;
    await syncWithin(context, env);
  };
  /** Delete these sheets where they exist; one request. */
  const removeSheets = async (list: readonly string[]): Promise<void> => {
    if (list.length === 0) return;
    removalPlan(list).apply(context);
    await sync();
  };
  /** A complete new sheet takes its own name and is shown. */
  const showAs = (temp: string, name: string): void => {
    const ws = sheets.getItem(temp);
    ws.name = name;
    ws.visibility = "Visible";
  };
  return {
    syncs: () => counter.syncs,
    lookFailure: () => lookFailure,
    sheetNames: async () => {
      sheets.load("items/name");
      await sync();
      names = sheets.items.map((ws) => ws.name);
      // Half-built sheets of a run cut short are not hers: neither read nor shown as hers.
      return names.filter((n) => !isTempSheet(n));
    },
    extents: async (list) => {
      const used = list.map((name) => {
        const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
        range.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
        return { name, range };
      });
      await sync();
      return used.map(({ name, range: r }): SheetExtent =>
        r.isNullObject ? { name, top: 0, left: 0, rows: 0, cols: 0 } : { name, top: r.rowIndex, left: r.columnIndex, rows: r.rowCount, cols: r.columnCount },
      );
    },
    read: async (extents, firstCellsOf) => {
      const blocks: Block[] = extents.map((e) => ({ sheet: e.name, row: e.top, col: e.left, rows: e.rows, cols: e.cols }));
      // The footer carries the mark of the tool's own sheets; it is read (as written) only
      // with ExcelApi 1.9, and in the same sync as A1. Without it A1 carries the mark.
      const readFooters = env.supports("1.9");
      const firstCells = firstCellsOf.map((name) => {
        const ws = sheets.getItem(name);
        return { name, range: ws.getRange("A1"), footer: readFooters ? ws.pageLayout.headersFooters.defaultForAllPages : null };
      });
      let cells = new Map<string, CellValue[][]>();
      const estimate = blocks.reduce((n, b) => n + b.rows * b.cols, 0) * BYTES_PER_CELL_READ;
      for (let budget = READ_BUDGET_BYTES; ; budget = Math.min(budget, estimate) / 2) {
        try {
          cells = new Map(extents.map((e) => [e.name, []]));
          await readValues(context, blocks, budget, cells, firstCells, counter, env);
          break;
        } catch (e) {
          // Longer text than estimated, or Excel on the web failing a big answer: read again in slices half the size.
          const code = codeOf(e);
          if ((code !== "ResponsePayloadSizeLimitExceeded" && code !== "GeneralException") || budget < 64 * 1024) throw e;
        }
      }
      return {
        grids: extents.map((e) => ({ name: e.name, grid: denseGrid(cells.get(e.name) ?? []) })),
        firstCells: firstCells.map((o) => {
          const v = (o.range.values as unknown[][])[0]?.[0];
          return v === "" || v === undefined ? null : (v as CellValue);
        }),
        footers: firstCells.map((o) => (readFooters ? (o.footer?.centerFooter ?? "") : "")),
      };
    },
    write: async (request: WriteRequest) => {
      const temps = request.sheets.map((_, i) => tempName(i));
      const built = request.sheets.map((sheet, i) => freeSheetPlans(sheet, env.supports, temps[i]));
      const added = request.templates.filter((t) => !t.exists).map((t) => t.sheet.name);
      // 1. The new sheets' data, hidden under temporary names; the previous results untouched.
      let stale = names.filter(isTempSheet);
      for (let budget = REQUEST_BUDGET_BYTES; ; budget /= 2) {
        const plans: WritePlan[] = [
          ...(stale.length > 0 ? [removalPlan(stale)] : []),
          ...built.flatMap((b) => b.data),
          ...request.templates.map((t) => templatePlan(t, env, request.replace.includes(t.sheet.name))),
        ];
        try {
          await applyBatches(context, packPlans(plans, budget), env, counter);
          break;
        } catch (e) {
          // A request Excel never answered may still run: sending more now could only make it worse.
          if (e instanceof SyncTimeoutError) throw e;
          await removeSheets([...temps, ...added]).catch(() => undefined);
          if (!RETRY_SMALLER.has(codeOf(e)) || budget / 2 < MIN_REQUEST_BYTES) throw e;
          stale = [];
        }
      }
      // 2. The swap, in a request of its own: every new sheet is complete.
      const swap = (): void => {
        for (const [i, sheet] of request.sheets.entries()) {
          if (request.replace.includes(sheet.name)) sheets.getItemOrNullObject(sheet.name).delete();
          showAs(temps[i] as string, sheet.name);
        }
        if (request.activate) sheets.getItem(request.activate).activate();
      };
      if (request.sheets.length > 0 || request.activate) {
        try {
          swap();
          await sync();
        } catch (e) {
          if (e instanceof SyncTimeoutError) throw e;
          await finishSwap(e);
        }
      }
      // 3. The look, last: a failure here costs print setup or a chart, never data.
      const looks = built.flatMap((b) => b.looks);
      if (looks.length > 0) {
        try {
          await applyBatches(context, packPlans(looks), env, counter);
        } catch (e) {
          if (e instanceof SyncTimeoutError) throw e;
          lookFailure = e;
        }
      }

      /** The swap failed part-way (Excel keeps what ran before the failure): finish it from what is there. */
      async function finishSwap(cause: unknown): Promise<void> {
        sheets.load("items/name");
        await sync();
        const now = new Set(sheets.items.map((ws) => ws.name));
        for (const [i, sheet] of request.sheets.entries()) {
          const temp = temps[i] as string;
          if (!now.has(temp)) {
            // Renamed already, perhaps not yet shown.
            sheets.getItem(sheet.name).visibility = "Visible";
            continue;
          }
          if (now.has(sheet.name)) sheets.getItem(sheet.name).delete(); // the old one, not yet deleted
          showAs(temp, sheet.name);
        }
        if (request.activate) sheets.getItem(request.activate).activate();
        try {
          await sync();
        } catch {
          throw cause;
        }
      }
    },
  };
}

/** Delete these sheets where they exist (leftover temporary sheets of a run cut short, half-built ones). */
function removalPlan(list: readonly string[]): WritePlan {
  return {
    bytes: PLAN_BYTES + list.length * (2 * PATH_BYTES + ACTION_BYTES + 64),
    apply: (context) => {
      for (const n of list) context.workbook.worksheets.getItemOrNullObject(n).delete();
    },
  };
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
  /** The results were written but their look (print setup, charts, filters) failed: say so. */
  readonly lookFailed: boolean;
}

const sessionOptions = (period: Period | undefined): SessionOptions => ({
  fallbackYear: new Date().getFullYear(),
  // 问题清单's fixes name the task pane's buttons.
  advice: { host: "excel" },
  ...(period ? { period } : {}),
});

/** 检查数据: read and list the problems; nothing is written. Three syncs. */
export async function checkWorkbook(env: ExcelEnv, period?: Period): Promise<CheckOutcome> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const run = await checkSession(port, sessionOptions(period));
    return { run, syncs: port.syncs() };
  });
}

/** What this Excel cannot do of the output sheets' setup, in words for the task pane. */
export function outputDegraded(env: ExcelEnv): Degraded[] {
  return env.supports("1.9") ? [] : [{ feature: "结果表的 A4 打印设置（纸张、标题行、页眉、推荐表的打印区域和分页）和筛选按钮", needs: "ExcelApi 1.9" }];
}

/** 一键计算: read, compute, write the output sheets. Six syncs for any roster size. */
export async function calculateWorkbook(env: ExcelEnv, period?: Period): Promise<CalcOutcome> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const c = await calculateSession(port, sessionOptions(period));
    return { run: c.run, syncs: port.syncs(), skipped: c.skipped, degraded: c.written.length > 0 ? outputDegraded(env) : [], lookFailed: port.lookFailure() !== null };
  });
}

/** 打印测评票: the 测评票 sheet and, when missing, the 计票 sheets. Six syncs for any roster size. */
export async function makeBallots(env: ExcelEnv, period?: Period): Promise<BallotResult & { readonly syncs: number; readonly degraded: readonly Degraded[]; readonly lookFailed: boolean }> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const b = await ballotSession(port, sessionOptions(period));
    return { ...b, syncs: port.syncs(), degraded: b.written.length > 0 ? outputDegraded(env) : [], lookFailed: port.lookFailure() !== null };
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

/**
 * 创建/补全模板: add the input sheets that are missing (with the demo branch's data when
 * `demo`), fill the header of an input sheet that exists but is empty, and never touch a
 * sheet that has data. Five syncs (names, extents, the sheets, the swap, their print setup).
 */
export async function createTemplate(env: ExcelEnv, options: { demo?: boolean } = {}): Promise<TemplateOutcome> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const t = await templateSession(port, { demo: Boolean(options.demo), year: new Date().getFullYear() });
    const degraded: Degraded[] = [];
    if (!env.supports("1.8")) degraded.push({ feature: "下拉列表、数值和日期的输入限制及填写提示", needs: "ExcelApi 1.8" });
    if (!env.supports("1.9")) degraded.push({ feature: "A4 打印设置", needs: "ExcelApi 1.9" });
    return { created: t.created, kept: t.kept, degraded, syncs: port.syncs() };
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
