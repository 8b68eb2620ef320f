/**
 * A strict in-memory fake of the part of the Excel JavaScript API (Office.js) the add-in uses.
 *
 *   const workbook = FakeWorkbook.fromGrids([{ name: "党员名册", rows: [["姓名"], ["张三"]] }]);
 *   const excel = createFakeExcel(workbook, { maxApiVersion: "1.7" });
 *   const env = { run: excel.run, supports: (v: string) => excel.requirements.isSetSupported("ExcelApi", v) };
 *   … run the host code …
 *   expect(workbook.grid("结果")).toEqual(…); expect(excel.stats.syncs).toBe(4);
 *
 * `run` mirrors `Excel.run` as implemented in the Office.js runtime
 * (@microsoft/office-js excel-web-16.00.debug.js, `ClientRequestContext._runCommon`): when the
 * batch's promise RESOLVES, operations still queued are sent in one final sync (counted in
 * `stats.syncs` and `stats.finalSyncs`; nothing is sent when the queue is empty). When the
 * batch REJECTS (or throws), whatever is still queued is dropped and never reaches the
 * workbook. A batch that does not return a promise fails with RunMustReturnPromise. After
 * `run` settles, queuing anything on its objects throws InvalidObjectPath; values already
 * loaded stay readable.
 *
 * Charts, merged cells, borders, RangeAreas (getRanges), print areas and page breaks are
 * modelled as far as the add-in's free sheets use them (charts.ts, objects.ts).
 *
 * Strictness beyond Office.js (each marked "fake:" in its error message):
 *  - reading a property you wrote yourself throws PropertyNotLoaded until it is loaded again
 *    (Office.js would echo the written value back);
 *  - reading a property of a null object throws (Office.js returns undefined);
 *  - a member the fake does not model throws "FakeExcel: … is not modelled" instead of being
 *    undefined, and assigning an unknown property throws;
 *  - NaN, ±Infinity, undefined and Date objects in `values` are refused (JSON would send them
 *    as null or as an ISO string).
 * Writes and calls on a null object are ignored, as in Office.js, and counted in
 * `stats.ignoredNullObjectCalls`.
 */
import { Engine, type FakeFault, FakeExcelStats } from "./core";
import { runMustReturnPromise } from "./errors";
import { FakeRequestContext } from "./objects";
import type { FakeWorkbook } from "./workbook";

export { qualifiedAddress, quoteSheetName } from "./address";
export { type FakeFault, type FakeRequestRecord, FakeExcelStats } from "./core";
export { FakeOfficeError } from "./errors";
export { FakeRequestContext } from "./objects";
export {
  type CellScalar,
  type CellSnapshot,
  type ChartSnapshot,
  FakeWorkbook,
  type GridInput,
  type PageLayoutSnapshot,
  type SheetSnapshot,
  type ValidationSnapshot,
} from "./workbook";

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set the fake Excel supports. Default "1.12". */
  readonly maxApiVersion?: string;
  /** Largest request and response, in UTF-8 bytes of JSON. Default 5 MB, as Excel on the web. */
  readonly payloadLimitBytes?: number;
  /** Requests above this many bytes fail as a whole with GeneralException (Excel on the web's HTTP 500 on big payloads). */
  readonly failRequestsOverBytes?: number;
}

export interface FakeExcel {
  /** Like `Excel.run`; cast nothing — the context is passed as an Excel.RequestContext. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Like `Office.context.requirements`: true for "ExcelApi" versions up to `maxApiVersion`. */
  readonly requirements: { isSetSupported(name: string, version?: string): boolean };
  readonly stats: FakeExcelStats;
  /** Play back a failure at a later request (see FakeFault); each fault is used once. */
  inject(fault: FakeFault): void;
}

export function createFakeExcel(workbook: FakeWorkbook, options: FakeExcelOptions = {}): FakeExcel {
  const maxApiVersion = options.maxApiVersion ?? "1.12";
  if (!/^1\.\d+$/.test(maxApiVersion)) throw new Error(`createFakeExcel: maxApiVersion "${maxApiVersion}" is not like "1.9"`);
  const limit = options.payloadLimitBytes ?? 5 * 1024 * 1024;
  const stats = new FakeExcelStats();
  const engine = new Engine(workbook, maxApiVersion, limit, stats);
  if (options.failRequestsOverBytes !== undefined) engine.failRequestsOverBytes = options.failRequestsOverBytes;

  async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const context = new FakeRequestContext(engine);
    try {
      const pending: unknown = batch(context as unknown as Excel.RequestContext);
      if (pending === null || typeof pending !== "object" || typeof (pending as { then?: unknown }).then !== "function") throw runMustReturnPromise();
      const result = await (pending as Promise<T>);
      await context._finalSync();
      return result;
    } finally {
      context._close();
    }
  }

  return {
    run,
    requirements: {
      isSetSupported: (name: string, version?: string) => name.toLowerCase() === "excelapi" && engine.supports(version ?? "1.1"),
    },
    stats,
    inject: (fault) => engine.faults.push(fault),
  };
}
