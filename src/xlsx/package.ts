/**
 * Her .xlsx or .xlsm as a package of parts, read without building a model of the workbook:
 * which sheets there are (workbook.xml and its relationships), and, for the sheets asked for,
 * their values as grids (the sheet part, shared strings, the styles' number formats for dates,
 * the 1904 flag, merged cells). Parts nobody asks about are never inflated. The writer
 * (inject.ts) adds the tool's sheets to the same package, leaving every other part as it was.
 *
 * The grids are the ones the exceljs reader gave (test/xlsx/package-read.test.ts reads every
 * corpus workbook both ways); where exceljs was wrong, this reader is not, and the test names
 * each case: `_xHHHH_` escapes in inline strings, booleans written "true", ISO dates (t="d"),
 * and the built-in Chinese date formats 27–36 and 50–58, which exceljs took for numbers.
 */
import { packageProblem } from "../core/files";
import { FileProblemError } from "../messages/files";
import { type CellValue, EXCEL_ERRORS, type Grid } from "../workbook/cells";
import { parseA1 } from "../core/address";
import { ZipArchive, ZipError } from "./zip";
import { tags, unescapeXstring, walkXml } from "./xml";

// -------------------------------------------------------------------------- relationships

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE = {
  calcChain: `${REL_NS}/calcChain`,
  officeDocument: `${REL_NS}/officeDocument`,
  worksheet: `${REL_NS}/worksheet`,
  sharedStrings: `${REL_NS}/sharedStrings`,
  styles: `${REL_NS}/styles`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
} as const;

export interface Rel {
  readonly id: string;
  /** The relationship type (a URI; Strict packages use the purl.oclc.org ones). */
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
  /** The part the target names, without the leading slash ("" for an external target). */
  readonly part: string;
}

/** Is `type` this relationship type, in the transitional or the Strict namespace? */
export const isRel = (type: string, kind: keyof typeof REL_TYPE): boolean => type.endsWith(`/${kind}`);

/** The .rels part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export const relsOf = (part: string): string => part.replace(/([^/]*)$/, "_rels/$1.rels");

/** The folder of the part a .rels file describes: xl/worksheets/_rels/sheet2.xml.rels → xl/worksheets. */
function sourceFolder(relsPath: string): string[] {
  return relsPath.replace(/(^|\/)_rels\/[^/]*$/, "").split("/").filter((p) => p !== "");
}

/** A target (relative to the source's folder, or absolute) as a part name without the leading slash. */
export function resolveTarget(relsPath: string, target: string): string {
  const out = target.startsWith("/") ? [] : sourceFolder(relsPath);
  let t = target.replace(/^\/+/, "");
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all: the name as written.
  }
  for (const seg of t.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** A part name as a target relative to the folder of the part `relsPath` describes. */
export function relativeTarget(relsPath: string, part: string): string {
  const from = sourceFolder(relsPath);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

export function parseRels(relsPath: string, xml: string | undefined): Rel[] {
  if (xml === undefined) return [];
  return tags(xml, "Relationship").map((t) => {
    const external = /^external$/i.test(t.attrs.TargetMode ?? "");
    const target = t.attrs.Target ?? "";
    return { id: t.attrs.Id ?? "", type: t.attrs.Type ?? "", target, external, part: external ? "" : resolveTarget(relsPath, target) };
  });
}

// ------------------------------------------------------------------------------- numbers

/** exceljs's test for a date format: a date or time letter outside quotes and brackets. */
export function isDateFormatCode(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/**
 * The built-in number formats (ECMA-376 §18.8.30) that are dates or times, with the codes
 * Chinese Excel and WPS show for the locale-dependent ones (27–36, 50–58).
 */
const BUILTIN_DATE_IDS: ReadonlySet<number> = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A serial day as the Date exceljs made of it (UTC midnight plus the time of day). */
export function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** Which cell styles (cellXfs indexes) show numbers as dates. */
export function dateStyles(stylesXml: string | undefined): boolean[] {
  if (stylesXml === undefined) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let depth: "numFmts" | "cellXfs" | null = null;
  walkXml(stylesXml, {
    open(name, a) {
      if (name === "numFmts" || name === "cellXfs") depth = name;
      else if (depth === "numFmts" && name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (depth === "cellXfs" && name === "xf") xfs.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === "numFmts" || name === "cellXfs") depth = null;
    },
  });
  return xfs.map((id) => (custom.has(id) ? isDateFormatCode(custom.get(id)) : BUILTIN_DATE_IDS.has(id)));
}

// ---------------------------------------------------------------------------------- strings

/** The shared strings, each as its text: rich-text runs joined, phonetic guides (rPh) left out. */
export function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  walkXml(xml, {
    open(name, _a, selfClosing) {
      if (name === "si") {
        current = [];
        if (selfClosing) {
          out.push("");
          current = null;
        }
      } else if (name === "rPh") phonetic += selfClosing ? 0 : 1;
      else if (name === "t" && !selfClosing) inT = true;
    },
    text(t) {
      if (inT && phonetic === 0 && current) current.push(t);
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si" && current) {
        out.push(unescapeXstring(current.join("")));
        current = null;
      }
    },
  });
  return out;
}

// ----------------------------------------------------------------------------------- sheets

export interface SheetRead {
  readonly grid: Grid;
  /** The odd-page footer as written ("" when none). */
  readonly footer: string;
  /** The merged ranges, as written ("A1:L1"). */
  readonly merges: readonly string[];
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

const asText = (s: string): CellValue => (EXCEL_ERRORS.has(s) ? { error: s } : s);

/** A sheet part's values as a grid (formulas give their cached value), and its footer. */
export function readSheetXml(xml: string, ctx: SheetContext): SheetRead {
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  let footer = "";
  let inData = false;
  let row = 0;
  let col = 0;
  // The cell being read.
  let t = "";
  let s = -1;
  let formula = false;
  let text: string[] | null = null;
  let collecting: "v" | "is" | "footer" | null = null;
  let inT = false;
  let phonetic = 0;
  let hasValue = false;
  let cellRow = 0;
  let cellCol = 0;
  walkXml(xml, {
    open(name, a, selfClosing) {
      if (inData) {
        switch (name) {
          case "row": {
            const r = Number(a.r);
            row = Number.isInteger(r) && r > 0 ? r : row + 1;
            col = 0;
            return;
          }
          case "c": {
            const ref = a.r === undefined ? null : parseA1(a.r);
            // parseA1 is zero-based; rows and columns here are one-based, as in the file.
            cellRow = ref ? ref.row + 1 : row;
            cellCol = ref ? ref.col + 1 : col + 1;
            col = cellCol;
            t = a.t ?? "n";
            s = a.s === undefined ? 0 : Number(a.s);
            formula = false;
            hasValue = false;
            text = [];
            return;
          }
          case "f":
            formula = true;
            return;
          case "v":
            if (!selfClosing) collecting = "v";
            hasValue = true;
            return;
          case "is":
            if (!selfClosing) collecting = "is";
            hasValue = true;
            return;
          case "rPh":
            if (!selfClosing) phonetic++;
            return;
          case "t":
            if (!selfClosing) inT = true;
            return;
        }
        return;
      }
      if (name === "sheetData" && !selfClosing) inData = true;
      else if (name === "mergeCell" && a.ref !== undefined) merges.push(a.ref);
      else if (name === "oddFooter" && !selfClosing) {
        collecting = "footer";
        text = [];
      }
    },
    text(chunk) {
      if (collecting === "v" || collecting === "footer" || (collecting === "is" && inT && phonetic === 0)) text?.push(chunk);
    },
    close(name) {
      if (collecting === "footer" && name === "oddFooter") {
        footer = (text ?? []).join("");
        collecting = null;
        return;
      }
      if (!inData) return;
      switch (name) {
        case "v":
        case "is":
          collecting = null;
          return;
        case "t":
          inT = false;
          return;
        case "rPh":
          phonetic--;
          return;
        case "sheetData":
          inData = false;
          return;
        case "c": {
          const v = hasValue ? cellValue(t, s, formula, (text ?? []).join(""), ctx) : null;
          if (v !== null && cellRow > 0 && cellCol > 0) {
            const r = (rows[cellRow - 1] ??= []);
            r[cellCol - 1] = v;
          }
          text = null;
          return;
        }
      }
    },
  });
  // A merged range keeps its value in the top-left cell only; the others read as empty.
  for (const ref of merges) {
    const [a, b] = ref.split(":");
    const tl = parseA1(a ?? "");
    const br = b === undefined ? tl : parseA1(b);
    if (!tl || !br) continue;
    // Zero-based, as parseA1 gives them.
    for (let r = tl.row; r <= Math.min(br.row, rows.length - 1); r++) {
      const line = rows[r];
      if (!line) continue;
      for (let c = tl.col; c <= Math.min(br.col, line.length - 1); c++) if (r !== tl.row || c !== tl.col) line[c] = null;
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const line = (rows[i] ??= []);
    for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = null;
  }
  return { grid: rows, footer, merges };
}

function cellValue(t: string, s: number, formula: boolean, raw: string, ctx: SheetContext): CellValue {
  const number = (): CellValue => {
    if (raw.trim() === "") return null;
    const n = Number(raw);
    if (!Number.isFinite(n)) return null;
    return ctx.dates[s] ? serialToDate(n, ctx.date1904) : n;
  };
  switch (t) {
    case "s": {
      if (formula) return number();
      const str = ctx.strings[Number(raw)];
      return str === undefined ? null : asText(str);
    }
    case "str":
      return asText(unescapeXstring(raw));
    case "inlineStr":
      return asText(unescapeXstring(raw));
    case "b":
      return raw.trim() === "1" || /^true$/i.test(raw.trim());
    case "e":
      return { error: raw };
    case "d": {
      const d = isoDate(raw);
      return d ?? asText(raw);
    }
    default:
      return number();
  }
}

/** An ISO 8601 date or date-time of a t="d" cell, read as UTC (as a serial would be). */
function isoDate(raw: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?/.exec(raw.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.round(Number(m[7] ?? 0) * 1000));
  return Number.isNaN(ms) ? null : new Date(ms);
}

// ---------------------------------------------------------------------------------- package

export type SheetKind = "worksheet" | "chartsheet" | "other";

export interface SheetInfo {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  readonly state: "visible" | "hidden" | "veryHidden";
  /** The part it is in ("" when the relationship is missing). */
  readonly part: string;
  readonly kind: SheetKind;
}

const corrupt = (file: string | undefined): FileProblemError => new FileProblemError({ code: "file_corrupt", ...(file === undefined ? {} : { file }), format: "xlsx" });

/**
 * An open .xlsx/.xlsm package: the zip, the workbook part and its sheets. Throws a
 * FileProblemError (named `file`) when the bytes are no workbook we can read: a zip that holds
 * something else says what (packageProblem), anything else is a damaged file.
 */
export class XlsxPackage {
  readonly zip: ZipArchive;
  readonly file: string | undefined;
  readonly workbookPart: string;
  sheets: readonly SheetInfo[] = [];
  /** The workbook part's relationships, as read by refresh(). */
  workbookRels: readonly Rel[] = [];
  date1904 = false;
  private context: SheetContext | null = null;
  private readonly reads = new Map<string, SheetRead>();

  private constructor(zip: ZipArchive, file: string | undefined) {
    this.zip = zip;
    this.file = file;
    const root = parseRels("_rels/.rels", zip.text("_rels/.rels")).find((r) => isRel(r.type, "officeDocument") && !r.external);
    this.workbookPart = root?.part && zip.has(root.part) ? root.part : "xl/workbook.xml";
    this.refresh();
  }

  /** Read the workbook part again (after a write changed its sheets). */
  refresh(): void {
    const xml = this.zip.text(this.workbookPart);
    if (xml === undefined) throw corrupt(this.file);
    const rels = parseRels(relsOf(this.workbookPart), this.zip.text(relsOf(this.workbookPart)));
    this.workbookRels = rels;
    const pr = tags(xml, "workbookPr")[0];
    this.date1904 = /^(1|true)$/i.test((pr?.attrs.date1904 ?? "").trim());
    this.sheets = tags(xml, "sheet").map((t) => {
      const rid = t.attrs["r:id"] ?? Object.entries(t.attrs).find(([k]) => /:id$/.test(k))?.[1] ?? "";
      const rel = rels.find((r) => r.id === rid);
      const kind: SheetKind = !rel ? "other" : isRel(rel.type, "worksheet") ? "worksheet" : /\/chartsheet$/.test(rel.type) ? "chartsheet" : "other";
      const state = t.attrs.state === "hidden" || t.attrs.state === "veryHidden" ? t.attrs.state : "visible";
      return { name: t.attrs.name ?? "", sheetId: Number(t.attrs.sheetId ?? 0), rid, state, part: rel?.part ?? "", kind };
    });
    this.reads.clear();
    this.context = null;
  }

  static open(bytes: Uint8Array, file?: string): XlsxPackage {
    let zip: ZipArchive;
    try {
      zip = ZipArchive.open(bytes);
    } catch (e) {
      if (e instanceof ZipError) throw corrupt(file);
      throw e;
    }
    const problem = packageProblem(zip.names(), file);
    if (problem) throw new FileProblemError(problem);
    try {
      return new XlsxPackage(zip, file);
    } catch (e) {
      if (e instanceof FileProblemError) throw e;
      throw corrupt(file);
    }
  }

  /**
   * Saved as Strict Open XML (ISO/IEC 29500 strict: other namespaces for the same elements).
   * Read like any other; but the tool's sheets, written in the transitional namespaces, cannot
   * go into it.
   */
  get strict(): boolean {
    const root = tags(this.zip.text(this.workbookPart) ?? "", "workbook")[0]?.text ?? "";
    return root.includes("http://purl.oclc.org/ooxml/spreadsheetml/main");
  }

  /** Is the workbook macro-enabled (an .xlsm's content type), whatever its file is called? */
  get macroEnabled(): boolean {
    const types = this.zip.text("[Content_Types].xml") ?? "";
    const override = tags(types, "Override").find((t) => (t.attrs.PartName ?? "").replace(/^\//, "").toLowerCase() === this.workbookPart.toLowerCase());
    return /macroEnabled/i.test(override?.attrs.ContentType ?? "");
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): SheetInfo | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** The part a workbook relationship of this kind points at (styles, sharedStrings), if any. */
  workbookRelPart(kind: "styles" | "sharedStrings" | "calcChain"): string | undefined {
    const rel = this.workbookRels.find((r) => isRel(r.type, kind) && !r.external);
    return rel && this.zip.has(rel.part) ? rel.part : undefined;
  }

  private ctx(): SheetContext {
    if (!this.context) {
      const part = (kind: "styles" | "sharedStrings"): string | undefined => {
        const p = this.workbookRelPart(kind);
        return p === undefined ? undefined : this.zip.text(p);
      };
      this.context = { strings: sharedStrings(part("sharedStrings")), dates: dateStyles(part("styles")), date1904: this.date1904 };
    }
    return this.context;
  }

  /** A worksheet's values and footer, read once; an empty grid for a chart sheet. Throws file_corrupt when its part is missing or damaged. */
  read(name: string): SheetRead {
    let r = this.reads.get(name);
    if (r) return r;
    const info = this.sheet(name);
    try {
      const xml = info && info.kind === "worksheet" ? this.zip.text(info.part) : undefined;
      // A worksheet the workbook lists whose part is not in the zip: a damaged file, never an
      // empty sheet (which the template would fill in).
      if (info?.kind === "worksheet" && xml === undefined) throw corrupt(this.file);
      r = xml === undefined ? { grid: [], footer: "", merges: [] } : readSheetXml(xml, this.ctx());
    } catch (e) {
      if (e instanceof FileProblemError) throw e;
      throw corrupt(this.file);
    }
    this.reads.set(name, r);
    return r;
  }

  /** Does this worksheet hold something besides values: a drawing (chart, picture), a table, notes, a pivot table? */
  hasObjects(name: string): boolean {
    const info = this.sheet(name);
    if (!info || info.kind !== "worksheet") return info !== undefined;
    return parseRels(relsOf(info.part), this.zip.text(relsOf(info.part))).some((r) => /\/(drawing|table|comments|pivotTable|oleObject|control|threadedComment)$/.test(r.type));
  }

  /** The package's bytes: every part not written anew copied as stored. */
  bytes(): Uint8Array {
    return this.zip.bytes();
  }
}
