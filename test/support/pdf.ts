/**
 * Printing a workbook for real: LibreOffice (Debian `libreoffice-calc-nogui`) converts an .xlsx
 * to PDF with the workbook's own print setup, and poppler (`poppler-utils`) reads the pages back:
 * their size, their text, and PNG images a person looks at. Both are installed by
 * scripts/ensure-test-deps.js; when they are missing these helpers throw, they never skip.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./files";

export interface PdfPage {
  /** One-based. */
  readonly number: number;
  /** In PostScript points; A4 is 595.3 × 841.9. */
  readonly width: number;
  readonly height: number;
  /** `pdftotext -layout`: the page as lines of text, columns kept apart by spaces. */
  readonly text: string;
  /**
   * `pdftotext -raw`: the text in the order it was drawn — LibreOffice draws cell by cell, so a
   * wrapped cell's lines stay together, and the part of a cell clipped by its row is absent.
   */
  readonly raw: string;
}

export interface Conversion {
  readonly pdf: string;
  readonly ms: number;
}

const MISSING = "（Debian 软件包 libreoffice-calc-nogui 与 poppler-utils；npm test 先运行 scripts/ensure-test-deps.js 安装它们）";

function tool(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message} ${MISSING}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Print `xlsx` to `<outDir>/<same name>.pdf` with LibreOffice (see saveWithLibreOffice). */
export async function xlsxToPdf(xlsx: string, outDir: string, timeoutMs = 60_000): Promise<Conversion> {
  const { file, ms } = await saveWithLibreOffice(xlsx, "pdf", outDir, timeoutMs);
  return { pdf: file, ms };
}

/**
 * Save `input` as `<outDir>/<same name>.<extension>` with a LibreOffice of its own — a real
 * file of another writer: a PDF, or the workbook as LibreOffice writes .xls (BIFF8), .ods or
 * .xlsx. `filter` names the export filter where the extension alone is ambiguous ("MS Excel 97").
 * A fresh user profile per call (so a LibreOffice already running, or a stale lock, cannot
 * interfere), its own process group (killed whole on timeout). soffice may exit 0 without
 * writing anything, so success is the file existing and being new, and a failure says what
 * soffice printed.
 */
export async function saveWithLibreOffice(input: string, extension: string, outDir: string, timeoutMs = 60_000, filter?: string): Promise<{ file: string; ms: number }> {
  const { files, ms } = await saveAllWithLibreOffice([input], extension, outDir, timeoutMs, filter);
  return { file: files[0] as string, ms };
}

/**
 * saveWithLibreOffice for many files in one LibreOffice run (it starts once, ~3 s, then takes
 * each file in turn): `<outDir>/<same name>.<extension>` for each input, in order. The inputs'
 * names must differ.
 */
export async function saveAllWithLibreOffice(inputs: readonly string[], extension: string, outDir: string, timeoutMs = 60_000, filter?: string): Promise<{ files: string[]; ms: number }> {
  mkdirSync(outDir, { recursive: true });
  const files = inputs.map((input) => path.join(outDir, `${path.basename(input, path.extname(input))}.${extension}`));
  if (new Set(files).size !== files.length) throw new Error(`saveAllWithLibreOffice: two inputs would be saved as the same file in ${outDir}: ${inputs.join(", ")}`);
  inputs.forEach((input, i) => {
    if (path.resolve(files[i] as string) === path.resolve(input)) throw new Error(`saveWithLibreOffice would overwrite its input ${input}: give another outDir`);
  });
  for (const file of files) rmSync(file, { force: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  const args = ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", filter ? `${extension}:${filter}` : extension, "--outdir", outDir, ...inputs];
  const started = Date.now();
  try {
    const { code, output, timedOut, spawnError } = await new Promise<{ code: number | null; output: string; timedOut: boolean; spawnError: Error | null }>((resolve) => {
      const child = spawn("soffice", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (b: Buffer) => (output += b.toString("utf8")));
      child.stderr.on("data", (b: Buffer) => (output += b.toString("utf8")));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        // soffice is a script around oosplash and soffice.bin: end the whole group we started.
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        resolve({ code: null, output, timedOut, spawnError: e });
      });
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve({ code: c, output, timedOut, spawnError: null });
      });
    });
    if (spawnError) throw new Error(`soffice could not run: ${spawnError.message} ${MISSING}`);
    const what = `soffice ${args.join(" ")}`;
    if (timedOut) throw new Error(`${what} did not finish within ${timeoutMs} ms. It printed:\n${output}`);
    if (code !== 0) throw new Error(`${what} exited with ${code}. It printed:\n${output}`);
    const missing = files.filter((f) => !existsSync(f) || statSync(f).size === 0);
    if (missing.length > 0) throw new Error(`${what} exited 0 but wrote no ${missing.join(", ")}. It printed:\n${output}`);
    return { files, ms: Date.now() - started };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Every page: size from `pdfinfo`, text from `pdftotext -layout` and `-raw` (pages split at its form feeds). */
export function pdfPages(pdf: string): PdfPage[] {
  const info = tool("pdfinfo", [pdf]);
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`pdfinfo found no pages in ${pdf}:\n${info}`);
  const sizes = new Map<number, { width: number; height: number }>();
  for (const m of tool("pdfinfo", ["-f", "1", "-l", String(count), pdf]).matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    sizes.set(Number(m[1]), { width: Number(m[2]), height: Number(m[3]) });
  }
  // pdftotext ends every page with a form feed: one call instead of one per page.
  const texts = tool("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"]).split("\f");
  const raws = tool("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"]).split("\f");
  if (texts.length < count || raws.length < count) throw new Error(`pdftotext gave ${texts.length} and ${raws.length} pages, pdfinfo says ${count}`);
  return Array.from({ length: count }, (_, i) => {
    const size = sizes.get(i + 1);
    if (!size) throw new Error(`pdfinfo gave no size for page ${i + 1} of ${pdf}`);
    return { number: i + 1, ...size, text: texts[i] as string, raw: raws[i] as string };
  });
}

/** The text of one page, as `pdftotext -f N -l N -layout` gives it. */
export function pageText(pdf: string, page: number): string {
  return tool("pdftotext", ["-f", String(page), "-l", String(page), "-layout", "-enc", "UTF-8", pdf, "-"]);
}

/**
 * Every page as a PNG at 60 dpi in test-artifacts/pdf/<name>/ (emptied first), kept after the
 * run for a person to look at. Returns the files in page order.
 */
export function pdfPngs(pdf: string, name: string): string[] {
  const dir = path.join(REPO, "test-artifacts", "pdf", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  tool("pdftoppm", ["-r", "60", "-png", pdf, path.join(dir, "page")]);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** A4 in points, either way round, within a point. */
export function isA4(page: PdfPage): "portrait" | "landscape" | null {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 1;
  if (near(page.width, 595.3) && near(page.height, 841.9)) return "portrait";
  if (near(page.width, 841.9) && near(page.height, 595.3)) return "landscape";
  return null;
}

/** A word as `pdftotext -bbox` places it: its box in points from the page's top left. */
export interface PdfWord {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** The words of every page, with their boxes (`pdftotext -bbox`), page 1 first. */
export function pdfWords(pdf: string): PdfWord[][] {
  const xml = tool("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"]);
  const unescape = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return xml
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: unescape(m[5] as string),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      })),
    );
}

/** Pairs of words whose boxes overlap by more than `slack` points both ways: text printed over text. */
export function overlappingWords(words: readonly PdfWord[], slack = 0.5): [PdfWord, PdfWord][] {
  const out: [PdfWord, PdfWord][] = [];
  const byTop = [...words].sort((a, b) => a.yMin - b.yMin);
  for (let i = 0; i < byTop.length; i++) {
    const a = byTop[i] as PdfWord;
    for (let j = i + 1; j < byTop.length; j++) {
      const b = byTop[j] as PdfWord;
      if (b.yMin >= a.yMax - slack) break;
      const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (x > slack && y > slack) out.push([a, b]);
    }
  }
  return out;
}
