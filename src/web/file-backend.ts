/**
 * File mode: the Backend for a plain browser (WPS and LibreOffice users). The workbook lives
 * in a worker, exceljs is loaded only there, and nothing leaves the machine: the file is read
 * from disk by the browser and the result is handed back as a download.
 */
import { FileProblemError } from "../messages/files";
import type { Backend, FileOps, RunView } from "../ui/app";
import type { Opened, Reply, Request, RunResult } from "./protocol";

/** The file's bytes with the media type its name says: an .xlsm (macros kept) or an .xlsx. */
const xlsxBlob = (bytes: ArrayBuffer, name = ""): Blob =>
  new Blob([bytes], { type: /\.xlsm$/i.test(name) ? "application/vnd.ms-excel.sheet.macroEnabled.12" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };
type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export function fileBackend(makeWorker: () => Worker): Backend {
  let worker: Worker | null = null;
  let next = 1;
  const pending = new Map<number, Pending>();
  let progress: (fraction: number, label: string) => void = () => undefined;
  let current: Opened | null = null;

  function ensure(): Worker {
    if (worker) return worker;
    const w = makeWorker();
    w.onmessage = (e: MessageEvent<Reply>) => {
      const m = e.data;
      if (m.type === "progress") {
        progress(m.fraction, m.label);
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === "error") p.reject(new FileProblemError(m.problem));
      else p.resolve(m);
    };
    w.onerror = (e) => {
      // The worker itself failed (it did not load, or ran out of memory): nothing the user did.
      console.error(e.message);
      for (const p of pending.values()) p.reject(new FileProblemError({ code: "internal" }));
      pending.clear();
    };
    worker = w;
    return w;
  }

  function ask(body: Body, transfer: Transferable[] = []): Promise<Reply> {
    const id = next++;
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ensure().postMessage({ ...body, id }, transfer);
    });
  }

  async function opened(body: Body, transfer: Transferable[] = []): Promise<Opened> {
    const r = await ask(body, transfer);
    if (r.type !== "opened") throw new Error("unexpected reply");
    current = r.file;
    return r.file;
  }

  async function run(body: Body): Promise<RunResult> {
    const r = await ask(body);
    if (r.type !== "run") throw new Error("unexpected reply");
    return r.result;
  }

  /**
   * Work on the open file needs one: after a failed open there is none (the worker dropped the
   * old one too), and saying so beats computing the file she meant to replace.
   */
  function needOpen(): void {
    if (current === null) throw new FileProblemError({ code: "no_workbook" });
  }

  const view = (r: RunResult): RunView & { skipped: readonly string[] } => ({ ...r });

  const file: FileOps = {
    open: async (f: File) => {
      current = null;
      // The browser cannot read a file that was moved, changed or locked after it was chosen.
      const bytes = await f.arrayBuffer().catch(() => {
        throw new FileProblemError({ code: "file_locked", file: f.name });
      });
      return opened({ type: "open", name: f.name, bytes }, [bytes]);
    },
    blank: () => opened({ type: "blank" }),
    demo: () => opened({ type: "demo" }),
    template: async () => {
      const r = await ask({ type: "template" });
      if (r.type !== "bytes") throw new Error("unexpected reply");
      return { name: r.name, blob: xlsxBlob(r.bytes, r.name) };
    },
    download: async () => {
      needOpen();
      const r = await ask({ type: "download" });
      if (r.type !== "bytes") throw new Error("unexpected reply");
      return { name: r.name, blob: xlsxBlob(r.bytes, r.name) };
    },
    onProgress: (cb) => {
      progress = cb;
    },
    current: () => current,
  };

  return {
    where: () => (current ? current.name : "未打开工作簿"),
    createTemplate: async (demo) => {
      const o = await (demo ? file.demo() : file.blank());
      return { created: o.sheets.filter((s) => s !== "使用说明"), kept: [], notes: [] };
    },
    check: async (period) => {
      needOpen();
      return view(await run({ type: "check", ...(period ? { period } : {}) }));
    },
    calculate: async (period) => {
      needOpen();
      return view(await run({ type: "calc", ...(period ? { period } : {}) }));
    },
    ballots: async (period) => {
      needOpen();
      const r = await ask({ type: "ballots", ...(period ? { period } : {}) });
      if (r.type !== "ballots") throw new Error("unexpected reply");
      return r.file ? { ...r.view, download: { name: r.file.name, blob: xlsxBlob(r.file.bytes, r.file.name) } } : r.view;
    },
    file,
  };
}
