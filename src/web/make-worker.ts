/** webpack turns this into a separate worker bundle (with exceljs), loaded only when called. */
export function makeWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url), { name: "appraisal-file-worker" });
}
