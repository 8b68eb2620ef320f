/**
 * The file-mode worker: holds the open workbook (her package), runs the same engine and writes
 * the same output sheets into it as the command line, off the page's main thread. exceljs is a
 * chunk of its own, fetched only to build a new workbook (空白模板, 示例支部) or to convert an
 * .xls/.ods: opening, computing and downloading an .xlsx never load it.
 */
import type { Period } from "../core/types";
import { ballotSession, calculateSession, checkSession, templateSession } from "../workbook/session";
import { ballotView } from "../ui/ballots";
import { type Book, bookBytes, readBook, sheetNamesOf } from "../xlsx/open";
import { XlsxPackage } from "../xlsx/package";
import { packagePort } from "../xlsx/port";
import { PREVIEW_ROWS, type Reply, type Request, type RunResult } from "./protocol";
import { tableSheets } from "../workbook/output";
import { FileProblemError } from "../messages/files";
import { baseName, SNIFF_BYTES, sniffWorkbook, workbookFormat } from "../core/files";

const scope = self as unknown as { postMessage: (m: Reply, transfer?: Transferable[]) => void; onmessage: ((e: MessageEvent<Request>) => void) | null };

let workbook: Book | null = null;
let fileName = "考评工作簿.xlsx";
let computed = false;

function reply(m: Reply, transfer: Transferable[] = []): void {
  scope.postMessage(m, transfer);
}

function progress(id: number, fraction: number, label: string): void {
  reply({ id, type: "progress", fraction, label });
}

function need(): Book {
  if (!workbook) throw new FileProblemError({ code: "no_workbook" });
  return workbook;
}

async function compute(id: number, period: Period | undefined, write: boolean): Promise<RunResult> {
  const wb = need();
  progress(id, 0.3, write ? "检查、计算并生成结果表…" : "检查数据…");
  // 问题清单's fixes name what the page offers, not the add-in's buttons.
  const options = { fallbackYear: new Date().getFullYear(), advice: { host: "page" as const }, ...(period ? { period } : {}) };
  const port = packagePort(wb);
  const { run, skipped } = write ? await calculateSession(port, options) : { run: await checkSession(port, options), skipped: [] };
  if (write && !run.refused) computed = true;
  const s = run.result.settings;
  return {
    summary: run.result.summary,
    branch: s.branchName,
    year: s.year,
    period: s.period,
    issues: run.issues,
    previews: tableSheets(run.outputs).slice(0, 2).map((o) => ({
      name: o.name,
      title: o.title,
      header: o.columns.map((c) => c.header),
      rows: o.rows.slice(0, PREVIEW_ROWS),
      total: o.rows.length,
    })),
    skipped,
  };
}

/** The blank template's file name (the demo's is named after it). */
const BLANK_NAME = "创先争优考评.xlsx";

/** A new template (blank, or the demo branch) as a saved file's bytes. */
async function templateBytes(demo: boolean): Promise<Uint8Array> {
  const { newWorkbook, workbookBytes, xlsxPort } = await import("../xlsx/host");
  const wb = newWorkbook();
  await templateSession(xlsxPort(wb), { demo, year: new Date().getFullYear() });
  return workbookBytes(wb);
}

/**
 * The extension of what is handed back: her package, so an .xlsm (macros) stays .xlsm — Excel
 * refuses a file whose name and content disagree — and anything else is an .xlsx.
 */
const extensionOf = (book: Book): string => (book.macroEnabled ? ".xlsm" : ".xlsx");

/** The bytes as an ArrayBuffer of their own, to transfer to the page. */
function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function handle(req: Request): Promise<void> {
  switch (req.type) {
    case "blank":
    case "demo": {
      // Give it a real file's round trip, so what the page computes is what a saved file holds.
      workbook = XlsxPackage.open(await templateBytes(req.type === "demo"));
      fileName = req.type === "demo" ? "示例支部-创先争优考评.xlsx" : BLANK_NAME;
      computed = false;
      reply({ id: req.id, type: "opened", file: { name: fileName, sheets: sheetNamesOf(workbook) } });
      return;
    }
    case "template": {
      // A file of its own: the workbook she has open (and its results) stays as it is.
      const buffer = bufferOf(await templateBytes(false));
      reply({ id: req.id, type: "bytes", name: BLANK_NAME, bytes: buffer }, [buffer]);
      return;
    }
    case "open": {
      // The old workbook goes first: if this file cannot be read, nothing is left open that
      // a 一键计算 could silently compute in its place.
      workbook = null;
      computed = false;
      // The same look at the bytes, and the same limit, as the command line.
      const size = req.bytes.byteLength;
      const head = new Uint8Array(req.bytes, 0, Math.min(size, SNIFF_BYTES));
      const sniffed = sniffWorkbook(head, size, req.name);
      if (sniffed) throw new FileProblemError(sniffed);
      // An .xls or .ods loads its reader (a chunk of its own) now, and only now.
      const format = workbookFormat(head);
      progress(req.id, 0.1, format === "xlsx" ? "读取文件…" : `读取 .${format} 文件…`);
      let read;
      try {
        read = await readBook(req.bytes, req.name, format);
      } catch (e) {
        // The same words as the command line: a zip holding a Word document is said to be one.
        throw e instanceof FileProblemError ? e : new FileProblemError({ code: "file_corrupt", file: req.name, format });
      }
      workbook = read.book;
      fileName = req.name;
      computed = false;
      const converted = read.converted ? { converted: read.converted } : {};
      reply({ id: req.id, type: "opened", file: { name: fileName, sheets: sheetNamesOf(workbook), ...converted } });
      return;
    }
    case "check":
      reply({ id: req.id, type: "run", result: await compute(req.id, req.period, false) });
      return;
    case "calc":
      reply({ id: req.id, type: "run", result: await compute(req.id, req.period, true) });
      return;
    case "ballots": {
      // The ballots go into the open workbook (as the add-in puts them into hers), so the
      // 计票 sheets are there to fill, and the copy with them is handed over to print from.
      const wb = need();
      progress(req.id, 0.3, "生成测评票…");
      const b = await ballotSession(packagePort(wb), { fallbackYear: new Date().getFullYear(), ...(req.period ? { period: req.period } : {}) });
      if (b.written.length === 0) {
        reply({ id: req.id, type: "ballots", view: ballotView(b), file: null });
        return;
      }
      progress(req.id, 0.7, "生成文件…");
      const buffer = bufferOf(bookBytes(wb));
      const name = `${baseName(fileName)}-测评票${extensionOf(wb)}`;
      reply({ id: req.id, type: "ballots", view: ballotView(b), file: { name, bytes: buffer } }, [buffer]);
      return;
    }
    case "download": {
      const wb = need();
      progress(req.id, 0.5, "生成文件…");
      const buffer = bufferOf(bookBytes(wb));
      // An .xlsx (an .xlsm for a workbook with macros), whatever was opened: her .xls/.ods is
      // never what is handed back.
      const base = baseName(fileName);
      const ext = extensionOf(wb);
      reply({ id: req.id, type: "bytes", name: computed ? `${base}-计算结果${ext}` : `${base}${ext}`, bytes: buffer }, [buffer]);
      return;
    }
  }
}

scope.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  handle(req).catch((err: unknown) => {
    // Anything else is a bug of ours: the page asks for a report and shows no English or stack;
    // the console keeps the detail for whoever looks.
    if (!(err instanceof FileProblemError)) console.error(err);
    reply({ id: req.id, type: "error", problem: err instanceof FileProblemError ? err.problem : { code: "internal" } });
  });
};
