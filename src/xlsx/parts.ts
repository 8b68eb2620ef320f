/**
 * Parts of an .xlsx package that exceljs cannot carry through a read and a write. Both the
 * command line and the page check for them, so that nothing is dropped without a word.
 */
import JSZip from "jszip";

const DROPPED_PARTS: readonly { readonly prefix: string; readonly what: string }[] = [
  { prefix: "xl/charts/", what: "图表" },
  { prefix: "xl/chartsheets/", what: "图表工作表" },
  { prefix: "xl/pivotTables/", what: "数据透视表" },
  { prefix: "xl/slicers/", what: "切片器" },
  { prefix: "xl/timelines/", what: "日程表" },
  { prefix: "xl/threadedComments/", what: "批注（新版）" },
  { prefix: "xl/vbaProject.bin", what: "宏" },
];

/**
 * A package opened once for the two questions asked of it before exceljs reads it: which parts
 * it has (is it a workbook at all? see packageProblem) and what exceljs would lose. Throws on a
 * bad zip.
 */
export interface PackageParts {
  readonly names: readonly string[];
  /**
   * What writing this package back through exceljs would lose, in Chinese. Charts on a sheet
   * in `replaced` (the tool's own output sheets, about to be written anew: the add-in draws
   * 年度总结's charts) are not a loss: the sheet goes with them either way.
   */
  wouldLose(replaced?: readonly string[]): Promise<string[]>;
  /**
   * An OpenDocument package's media type (its mimetype part, else its manifest's entry for
   * "/"), or "" when it is not one. Asked of a zip that holds no .xlsx workbook: an .ods
   * re-zipped by another tool no longer starts with its mimetype, which is how the first bytes
   * tell an .ods, yet LibreOffice opens it.
   */
  odfMediaType(): Promise<string>;
}

export async function packageParts(data: ArrayBuffer | Uint8Array): Promise<PackageParts> {
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files);
  return {
    names,
    odfMediaType: async () => {
      const mimetype = (await textOf(zip, "mimetype")).trim();
      if (mimetype !== "") return mimetype;
      const root = /<manifest:file-entry\b[^>]*manifest:full-path="\/"[^>]*>/.exec(await textOf(zip, "META-INF/manifest.xml"))?.[0] ?? "";
      return /manifest:media-type="([^"]*)"/.exec(root)?.[1] ?? "";
    },
    wouldLose: async (replaced = []) => {
      const ownCharts = replaced.length > 0 ? await chartsOnSheets(zip, replaced) : new Set<string>();
      const lost = (p: (typeof DROPPED_PARTS)[number]): boolean =>
        p.prefix === "xl/charts/"
          ? names.some((n) => /^xl\/charts\/chart\d*\.xml$/.test(n) && !ownCharts.has(n))
          : names.some((n) => n.startsWith(p.prefix));
      return DROPPED_PARTS.filter(lost).map((p) => p.what);
    },
  };
}

/**
 * Whether an OpenDocument package has a password to open: its manifest (never encrypted itself)
 * lists encryption data for the parts. SheetJS does not look, and takes the encrypted
 * content.xml for a damaged zip entry. False when the zip or its manifest cannot be read.
 */
export async function odfEncrypted(data: ArrayBuffer | Uint8Array): Promise<boolean> {
  try {
    return /<manifest:encryption-data\b/.test(await textOf(await JSZip.loadAsync(data), "META-INF/manifest.xml"));
  } catch {
    return false;
  }
}

async function textOf(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  return f ? f.async("string") : "";
}

/** Relationship targets of one type in a .rels part, as part names. */
async function targets(zip: JSZip, relsPath: string, type: string): Promise<string[]> {
  const xml = await textOf(zip, relsPath);
  const out: string[] = [];
  for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const t = /\bType\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? "";
    const target = /\bTarget\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (target !== undefined && t.endsWith(`/${type}`)) out.push(resolveTarget(relsPath, target));
  }
  return out;
}

const relsOf = (part: string): string => part.replace(/([^/]*)$/, "_rels/$1.rels");

/** XML text or an attribute value as the string it stands for: the five named entities and character references. */
export const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
    if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return named[e.toLowerCase()] ?? "";
  });

/** The chart parts drawn on the named worksheets: workbook → sheet → drawing → chart. */
async function chartsOnSheets(zip: JSZip, sheetNames: readonly string[]): Promise<Set<string>> {
  const workbook = await textOf(zip, "xl/workbook.xml");
  const rels = await textOf(zip, "xl/_rels/workbook.xml.rels");
  const charts = new Set<string>();
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = unescapeXml(/\bname\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? "");
    const rid = /\br:id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (!sheetNames.includes(name) || rid === undefined) continue;
    const rel = (rels.match(/<Relationship\b[^>]*>/g) ?? []).find((r) => new RegExp(`\\bId\\s*=\\s*"${rid}"`).test(r));
    const target = rel && /\bTarget\s*=\s*"([^"]*)"/.exec(rel)?.[1];
    if (!target) continue;
    const sheet = resolveTarget("xl/_rels/workbook.xml.rels", target);
    for (const drawing of await targets(zip, relsOf(sheet), "drawing")) {
      for (const chart of await targets(zip, relsOf(drawing), "chart")) charts.add(chart);
    }
  }
  return charts;
}

/** The folder of the part a .rels file describes: xl/worksheets/_rels/sheet2.xml.rels → xl/worksheets. */
function sourceFolder(relsPath: string): string[] {
  return relsPath.replace(/(^|\/)_rels\/[^/]*$/, "").split("/").filter((p) => p !== "");
}

/** A target (relative to the source folder, or absolute) as a part name without the leading slash. */
function resolveTarget(relsPath: string, target: string): string {
  const out = target.startsWith("/") ? [] : sourceFolder(relsPath);
  for (const seg of target.replace(/^\/+/, "").split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** A part name as a target relative to the source folder of relsPath. */
function relativeTarget(relsPath: string, part: string): string {
  const from = sourceFolder(relsPath);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

const DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const VML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";

/**
 * The package as exceljs can read it. Other writers name parts differently, and exceljs finds
 * a sheet's notes only under its own names: openpyxl (and the tools built on it) writes
 * absolute targets (Target="/xl/comments/comment1.xml") and puts the notes in
 * xl/comments/comment1.xml and xl/drawings/commentsDrawing1.vml, and exceljs then fails with
 * "Cannot read properties of undefined (reading 'comments')" — the file would be called
 * corrupt. Here every internal target becomes relative, and note parts are renamed to
 * xl/commentsN.xml and xl/drawings/vmlDrawingN.vml (content types follow). Both forms are
 * valid packages; only the names change. Likewise the few valid spellings exceljs misreads
 * (see below). Returns the bytes unchanged when nothing needs it; throws on a bad zip.
 */
export async function withRelativeTargets(data: ArrayBuffer | Uint8Array): Promise<ArrayBuffer | Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const names = new Set(Object.keys(zip.files));
  const renames = new Map<string, string>();
  const freeName = (make: (k: number) => string): string => {
    let k = 1;
    while (names.has(make(k))) k++;
    names.add(make(k));
    return make(k);
  };
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    if (!name.endsWith(".rels") || zip.files[name]?.dir) continue;
    const xml = await (zip.file(name) as JSZip.JSZipObject).async("string");
    const fixed = xml.replace(/<Relationship\b[^>]*>/g, (tag) => {
      // External targets (links, URLs) are not part names: left alone.
      if (/TargetMode\s*=\s*"External"/.test(tag)) return tag;
      const m = /\bTarget\s*=\s*"([^"]*)"/.exec(tag);
      if (!m) return tag;
      let part = resolveTarget(name, m[1] as string);
      const type = /\bType\s*=\s*"([^"]*)"/.exec(tag)?.[1];
      if (type === COMMENTS_REL && !/^xl\/comments\d+\.xml$/.test(part) && zip.file(part)) {
        part = renames.get(part) ?? renames.set(part, freeName((k) => `xl/comments${k}.xml`)).get(part) as string;
      } else if (type === VML_REL && !/^xl\/drawings\/vmlDrawing\d+\.vml$/.test(part) && zip.file(part)) {
        part = renames.get(part) ?? renames.set(part, freeName((k) => `xl/drawings/vmlDrawing${k}.vml`)).get(part) as string;
      }
      const target = relativeTarget(name, part);
      return target === m[1] ? tag : tag.replace(m[0], `Target="${target}"`);
    });
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  for (const [from, to] of renames) {
    zip.file(to, await (zip.file(from) as JSZip.JSZipObject).async("uint8array"));
    zip.remove(from);
  }
  // A note's text may be one plain <t> (openpyxl writes that) or rich-text runs <r><t>; exceljs
  // reads only runs and would keep the note with its text gone. A plain <t> becomes one run.
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/comments\d+\.xml$/.test(name)) continue;
    const xml = await (zip.file(name) as JSZip.JSZipObject).async("string");
    const fixed = xml.replace(/<text>(\s*)(<t\b[^>]*>[\s\S]*?<\/t>)(\s*)<\/text>/g, "<text>$1<r>$2</r>$3</text>");
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  // A drawing (the anchor of a chart or picture) may use the spreadsheetDrawing namespace as the
  // default one (<wsDr xmlns="…">, as openpyxl writes it); exceljs knows the elements only by
  // their usual xdr: prefix and fails ("reading 'anchors'"). Same elements, prefixed.
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/drawings\/[^/]+\.xml$/.test(name)) continue;
    const xml = await (zip.file(name) as JSZip.JSZipObject).async("string");
    if (!xml.includes(`<wsDr xmlns="${DRAWING_NS}"`) || xml.split('xmlns="').length !== 2) continue;
    const fixed = xml.replace(`<wsDr xmlns="${DRAWING_NS}"`, `<wsDr xmlns:xdr="${DRAWING_NS}"`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s>/])/g, "<$1xdr:$2");
    zip.file(name, fixed);
    changed = true;
  }
  // The 1904 date system as LibreOffice writes it, date1904="true" (xsd:boolean allows true
  // and 1): exceljs knows only "1" and would read every date four years and a day early.
  const book = zip.file("xl/workbook.xml");
  if (book) {
    const xml = await book.async("string");
    const fixed = xml.replace(/<workbookPr\b[^>]*>/, (tag) => tag.replace(/\bdate1904\s*=\s*(["'])\s*true\s*\1/, 'date1904="1"'));
    if (fixed !== xml) {
      zip.file("xl/workbook.xml", fixed);
      changed = true;
    }
  }
  const types = zip.file("[Content_Types].xml");
  if (types && renames.size > 0) {
    let xml = await types.async("string");
    for (const [from, to] of renames) xml = xml.split(`PartName="/${from}"`).join(`PartName="/${to}"`);
    zip.file("[Content_Types].xml", xml);
  }
  if (!changed && renames.size === 0) return data;
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
