/**
 * The Office.js host: the session of src/workbook/session.ts inside the open workbook. This
 * file moves cells and nothing else: the port's four calls, each one context.sync() (a round
 * trip of Excel on the web), so a calculation costs a fixed number whatever the roster's size:
 *   calculate: 1 sheet names · 2 used-range extents · 3 values · 4 all writes
 *   check:     the first three;   create template: names · extents · writes.
 * A read or write is split over more syncs only when one request would pass ~4 MB.
 *
 * Every function takes an ExcelEnv (Excel.run and the requirement-set check), so the task
 * pane passes the real ones and the tests pass a strict fake.
 */
import type { Period } from "../core/types";
import { columnLetters } from "../core/address";
import type { CellValue } from "../workbook/cells";
import type { EngineRun } from "../workbook/engine";
import { TEMPLATE_ROWS } from "../workbook/layout";
import { HEADER_SEARCH_ROWS } from "../workbook/parse";
import { type BallotResult, ballotSession, calculateSession, checkSession, type HostPort, type SheetExtent, templateSession, type TemplateWrite, type WriteRequest } from "../workbook/session";
import { LOOKS, PAGE_FOOTER, PAGE_MARGINS } from "../workbook/sheetdoc";
import { denseGrid, jsonBytes, placeBlock, toOfficeBlock } from "./cells";
import { applyLookTo, freeSheetPlans } from "./free";
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

function pageSetup(ws: Excel.Worksheet, titleRows: string, header: string, env: ExcelEnv): void {
  if (!env.supports("1.9")) return;
  ws.pageLayout.paperSize = "A4";
  ws.pageLayout.orientation = "Landscape";
  ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  ws.pageLayout.setPrintTitleRows(titleRows);
  ws.pageLayout.setPrintMargins("Inches", PAGE_MARGINS);
  ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = header.replace(/&/g, "&&");
  ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
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

/** `replace`: a sheet of that name is the tool's to remake (a 计票 sheet with no ballot yet): deleted first. */
function templatePlan(t: TemplateWrite, env: ExcelEnv, replace = false): WritePlan {
  const { sheet, exists } = t;
  const width = sheet.columns.reduce((n, c) => n + (c.span ?? 1), 0);
  const body = toOfficeBlock(sheet.rows, width, sheet.columns.flatMap((c) => Array<string | undefined>(c.span ?? 1).fill(c.numFmt)));
  return {
    bytes: jsonBytes(body.values) + jsonBytes(body.numberFormat) + 4096,
    apply: (context) => {
      const sheets = context.workbook.worksheets;
      if (replace && !exists) sheets.getItem(sheet.name).delete();
      const ws = exists ? sheets.getItem(sheet.name) : sheets.add(sheet.name);
      const headers: string[] = [];
      sheet.columns.forEach((c) => {
        for (let k = 0; k < (c.span ?? 1); k++) headers.push(k === 0 ? c.header : "");
      });
      const last = columnLetters(width);
      const header = ws.getRange(`A1:${last}1`);
      header.numberFormat = [headers.map(() => "@")];
      header.values = [headers];
      applyLookTo(ws.getRange(`A1:${columnLetters(headers.filter((h) => h !== "").length || 1)}1`).format, LOOKS.header);
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
      // The header row, and the first columns where the sheet has them (期次 and 票号 of 计票).
      if (sheet.freezeCols) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, 1, sheet.freezeCols));
      else ws.freezePanes.freezeRows(1);
      pageSetup(ws, "$1:$1", t.header, env);
    },
  };
}

// ------------------------------------------------------------------------------------ the port

/**
 * The session's port on one Excel.run context. Each call is one sync (reads split further only
 * when Excel refuses a response as too big); `syncs` counts them.
 */
function officePort(context: Excel.RequestContext, env: ExcelEnv): HostPort & { readonly syncs: () => number } {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  return {
    syncs: () => syncs,
    sheetNames: async () => {
      sheets.load("items/name");
      await context.sync();
      syncs++;
      return sheets.items.map((ws) => ws.name);
    },
    extents: async (names) => {
      const used = names.map((name) => {
        const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
        range.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
        return { name, range };
      });
      await context.sync();
      syncs++;
      return used.map(({ name, range: r }): SheetExtent =>
        r.isNullObject ? { name, top: 0, left: 0, rows: 0, cols: 0 } : { name, top: r.rowIndex, left: r.columnIndex, rows: r.rowCount, cols: r.columnCount },
      );
    },
    read: async (extents, firstCellsOf) => {
      const blocks: Block[] = extents.map((e) => ({ sheet: e.name, row: e.top, col: e.left, rows: e.rows, cols: e.cols }));
      const firstCells = firstCellsOf.map((name) => ({ name, range: sheets.getItem(name).getRange("A1") }));
      let cells = new Map<string, CellValue[][]>();
      const counter = { syncs: 0 };
      const estimate = blocks.reduce((n, b) => n + b.rows * b.cols, 0) * BYTES_PER_CELL_READ;
      for (let budget = READ_BUDGET_BYTES; ; budget = Math.min(budget, estimate) / 2) {
        try {
          cells = new Map(extents.map((e) => [e.name, []]));
          await readValues(context, blocks, budget, cells, firstCells, counter);
          break;
        } catch (e) {
          // Longer text than estimated: read again in slices half the size.
          if (codeOf(e) !== "ResponsePayloadSizeLimitExceeded" || budget < 64 * 1024) throw e;
        }
      }
      syncs += counter.syncs;
      return {
        grids: extents.map((e) => ({ name: e.name, grid: denseGrid(cells.get(e.name) ?? []) })),
        firstCells: firstCells.map((o) => {
          const v = (o.range.values as unknown[][])[0]?.[0];
          return v === "" || v === undefined ? null : (v as CellValue);
        }),
      };
    },
    write: async (request: WriteRequest) => {
      const plans = [
        ...request.sheets.flatMap((sheet) => freeSheetPlans(sheet, request.replace.includes(sheet.name), env.supports)),
        ...request.templates.map((t) => templatePlan(t, env, request.replace.includes(t.sheet.name))),
      ];
      syncs += await applyBatches(context, packPlans(plans), env, (c) => {
        if (request.activate) c.workbook.worksheets.getItem(request.activate).activate();
      });
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
}

const sessionOptions = (period: Period | undefined): { fallbackYear: number; period?: Period } => ({
  fallbackYear: new Date().getFullYear(),
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

/** 一键计算: read, compute, write the output sheets. Four syncs for any roster size. */
export async function calculateWorkbook(env: ExcelEnv, period?: Period): Promise<CalcOutcome> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const c = await calculateSession(port, sessionOptions(period));
    return { run: c.run, syncs: port.syncs(), skipped: c.skipped, degraded: c.written.length > 0 ? outputDegraded(env) : [] };
  });
}

/** 打印测评票: the 测评票 sheet and, when missing, the 计票 sheets. Four syncs for any roster size. */
export async function makeBallots(env: ExcelEnv, period?: Period): Promise<BallotResult & { readonly syncs: number; readonly degraded: readonly Degraded[] }> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const b = await ballotSession(port, sessionOptions(period));
    return { ...b, syncs: port.syncs(), degraded: b.written.length > 0 ? outputDegraded(env) : [] };
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
 * sheet that has data. Three syncs.
 */
export async function createTemplate(env: ExcelEnv, options: { demo?: boolean } = {}): Promise<TemplateOutcome> {
  return env.run(async (context) => {
    const port = officePort(context, env);
    const t = await templateSession(port, { demo: Boolean(options.demo), year: new Date().getFullYear() });
    const degraded: Degraded[] = [];
    if (!env.supports("1.8")) degraded.push({ feature: "下拉列表和填写提示", needs: "ExcelApi 1.8" });
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
