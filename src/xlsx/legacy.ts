/**
 * The two other formats branch files come in: .xls (BIFF8, as Excel 97–2003, WPS and
 * LibreOffice save it) and .ods (LibreOffice). SheetJS (@e965/xlsx, see CONTRIBUTING.md) reads
 * them, and this file copies what it read into an exceljs workbook: from there on the session,
 * the grids and the writer are the ones an .xlsx goes through, so one branch gives one result
 * whatever it was saved as. Loaded only when such a file is opened (the page's worker fetches
 * it as a chunk of its own).
 *
 * Carried over: sheet names, order and visibility (for an .ods read here); values, with her
 * number formats (a number in a date format becomes a date, in the workbook's 1900 or 1904
 * system, by exceljs's own rule); merged cells (for an .ods, those over an empty first cell read
 * here); column widths, row heights and hidden rows and columns (.xls only: the .ods reader
 * gives neither); light solid cell fills (.xls, see isLightFill); notes; web links; page headers and footers (read
 * here: SheetJS does not). Not carried (SheetJS does not read them): fonts, borders,
 * alignment, data validations, conditional formats, charts, pictures, the rest of the print
 * setup, freeze panes; a formula keeps only its computed result. `notCarried`
 * says so, and the README's section on .xls/.ods lists it for her.
 */
import * as XLSX from "@e965/xlsx";
import * as cptable from "@e965/xlsx/dist/cpexcel";
import ExcelJS from "exceljs";
import type { FileProblem, WorkbookFormat } from "../core/files";
import { FileProblemError } from "../messages/files";
import { unescapeXml } from "./parts";
import { isDateFormatCode, serialToDate } from "./package";

// Code pages decode the text of Excel 5/95 (BIFF5) files, which are not Unicode: a Chinese one
// is in code page 936. Without them such text would come out garbled, without a word.
XLSX.set_cptable(cptable);

/** What the new .xlsx cannot hold of her file, in Chinese, for the line that says it was converted. */
export interface Converted {
  readonly format: Exclude<WorkbookFormat, "xlsx">;
  readonly notCarried: readonly string[];
}

type SheetJsBook = XLSX.WorkBook;

interface CfbEntry {
  readonly name: string;
  /** 2: a stream; 5: the root. */
  readonly type: number;
  readonly size: number;
  readonly content?: ArrayLike<number>;
}

interface CfbContainer {
  readonly FileIndex: readonly CfbEntry[];
}

/** SheetJS's container reader (OLE compound files and zips), typed `any` by the library. */
const CFB = XLSX.CFB as {
  read(data: Uint8Array, options: { type: "array" }): CfbContainer;
  find(container: CfbContainer, path: string): CfbEntry | null;
};
type Cell = XLSX.CellObject;

/** BIFF error codes as Excel shows them (the .ods reader gives the text itself). */
const ERROR_CODES: Readonly<Record<number, string>> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

/**
 * A note's text as she typed it. SheetJS's .xls reader appends the bytes of the record after
 * the text, from a NUL on ("…对应到人\u0000\b\u0000…"); no note holds a NUL of its own.
 */
function noteText(comments: readonly { readonly t?: string }[]): string {
  return comments
    .map((c) => (c.t ?? "").split("\u0000")[0] ?? "")
    .join("\n")
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .trim();
}

function cellValue(cell: Cell, date1904: boolean): ExcelJS.CellValue {
  switch (cell.t) {
    case "n":
      if (typeof cell.v !== "number") return null;
      return isDateFormatCode(typeof cell.z === "string" ? cell.z : undefined) ? serialToDate(cell.v, date1904) : cell.v;
    case "s":
      return typeof cell.v === "string" ? cell.v : null;
    case "b":
      return typeof cell.v === "boolean" ? cell.v : null;
    case "d":
      return cell.v instanceof Date ? cell.v : null;
    case "e": {
      const text = typeof cell.v === "number" ? ERROR_CODES[cell.v] : typeof cell.w === "string" ? cell.w : undefined;
      return text ? { error: text as ExcelJS.CellErrorValue["error"] } : null;
    }
    default:
      // "z": a cell with a look but no value.
      return null;
  }
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Whether a fill can be carried without its font: SheetJS gives a cell's fill but not its font,
 * so a header she made white on dark red would come out black on dark red, unreadable (seen on
 * the demo's .xls printed by LibreOffice). Only fills light enough for black text are carried
 * (relative luminance above 0.4: the pale yellows and greens branch files mark rows with).
 */
export function isLightFill(rgb: string): boolean {
  if (!/^[0-9A-F]{6}$/i.test(rgb)) return false;
  const channel = (at: number): number => {
    const c = parseInt(rgb.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4) > 0.4;
}

/** One SheetJS sheet into a new exceljs worksheet. Returns whether it held a formula. */
function copySheet(from: XLSX.WorkSheet, to: ExcelJS.Worksheet, date1904: boolean): boolean {
  let formulas = false;
  const rows = (from["!data"] ?? []) as (Cell[] | undefined)[];
  rows.forEach((row, r) => {
    if (!row) return;
    const xr = to.getRow(r + 1);
    row.forEach((cell, c) => {
      if (!cell) return;
      if (cell.f !== undefined) formulas = true;
      const value = cellValue(cell, date1904);
      const format = typeof cell.z === "string" && cell.z !== "General" ? cell.z : undefined;
      const fill = (cell.s as { patternType?: string; fgColor?: { rgb?: string } } | undefined) ?? undefined;
      const note = Array.isArray(cell.c) ? noteText(cell.c) : "";
      if (value === null && format === undefined && !fill?.fgColor?.rgb && note === "") return;
      const xc = xr.getCell(c + 1);
      const link = cell.l?.Target;
      xc.value = typeof value === "string" && typeof link === "string" && SAFE_LINK.test(link) ? { text: value, hyperlink: link } : value;
      if (format !== undefined) xc.numFmt = format;
      const rgb = fill?.fgColor?.rgb;
      if (fill?.patternType === "solid" && typeof rgb === "string" && isLightFill(rgb)) {
        xc.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${rgb.toUpperCase()}` } };
      }
      if (note !== "") xc.note = note;
    });
  });
  for (const m of from["!merges"] ?? []) {
    if (m.s.r === m.e.r && m.s.c === m.e.c) continue;
    try {
      to.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
    } catch {
      // Two merges that overlap (a damaged file): the first stands. A merge is a look; the
      // value of its top-left cell is kept either way.
    }
  }
  (from["!cols"] ?? []).forEach((col, i) => {
    if (!col) return;
    const xcol = to.getColumn(i + 1);
    if (typeof col.width === "number" && col.width > 0) xcol.width = col.width;
    if (col.hidden) xcol.hidden = true;
  });
  (from["!rows"] ?? []).forEach((row, i) => {
    if (!row) return;
    const xr = to.getRow(i + 1);
    if (typeof row.hpt === "number" && row.hpt > 0) xr.height = row.hpt;
    if (row.hidden) xr.hidden = true;
  });
  return formulas;
}

// ------------------------------------------------------------------ page headers and footers

/**
 * A sheet's page header and footer in Excel's code (“&C第 &P 页”), which SheetJS does not read.
 * They are her look, and the tool's own output sheets are known by the mark in their footer:
 * without it, a result sheet saved in an .xls would be taken for one of hers, and not replaced.
 */
interface HeaderFooter {
  readonly header: string;
  readonly footer: string;
}

/** .xls: the HEADER (0x14) and FOOTER (0x15) records of each sheet's substream, by sheet name. */
function xlsHeaderFooters(stream: Uint8Array): Map<string, HeaderFooter> {
  const u16 = (at: number): number => (stream[at] ?? 0) | ((stream[at + 1] ?? 0) << 8);
  const u32 = (at: number): number => (u16(at) | (u16(at + 2) << 16)) >>> 0;
  /** An XLUnicodeString (2-byte count) or ShortXLUnicodeString (1-byte count) at `at`. */
  const text = (at: number, end: number, shortCount: boolean): string => {
    const count = shortCount ? (stream[at] ?? 0) : u16(at);
    const flags = stream[at + (shortCount ? 1 : 2)] ?? 0;
    const start = at + (shortCount ? 2 : 3);
    const wide = (flags & 1) === 1;
    const bytes = stream.subarray(start, Math.min(end, start + count * (wide ? 2 : 1)));
    return wide ? new TextDecoder("utf-16le").decode(bytes) : String.fromCharCode(...bytes);
  };
  // The workbook globals list each sheet and where its substream starts (BOUNDSHEET8, 0x85).
  const sheets: { name: string; at: number }[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = u16(at);
    const size = u16(at + 2);
    if (type === 0x0085) sheets.push({ at: u32(at + 4), name: text(at + 10, at + 4 + size, true) });
    if (type === 0x000a) break; // EOF of the globals
    at += 4 + size;
  }
  const out = new Map<string, HeaderFooter>();
  for (const sheet of sheets) {
    let header = "";
    let footer = "";
    let depth = 0;
    for (let at = sheet.at; at + 4 <= stream.length; ) {
      const type = u16(at);
      const size = u16(at + 2);
      const body = at + 4;
      if (type === 0x0809) depth += 1; // BOF: a chart inside the sheet opens a substream of its own
      else if (type === 0x000a && --depth <= 0) break;
      else if (depth === 1 && size > 0 && type === 0x0014) header = text(body, body + size, false);
      else if (depth === 1 && size > 0 && type === 0x0015) footer = text(body, body + size, false);
      at = body + size;
    }
    out.set(sheet.name, { header, footer });
  }
  return out;
}


/** The fields of an ODF header or footer, as Excel's codes. */
const ODF_FIELDS: Readonly<Record<string, string>> = { "page-number": "&P", "page-count": "&N", "sheet-name": "&A", date: "&D", time: "&T", title: "&F", "file-name": "&F" };

/** An ODF <style:header>/<style:footer> element's content in Excel's code. */
function odfRegionText(xml: string): string {
  const regions = [...xml.matchAll(/<style:region-(left|center|right)\b[^>]*>([\s\S]*?)<\/style:region-\1>/g)];
  const parts = regions.length > 0 ? regions.map((m) => [m[1] === "left" ? "&L" : m[1] === "right" ? "&R" : "&C", m[2] ?? ""] as const) : ([["&C", xml]] as const);
  return parts
    .map(([code, body]) => {
      let out = "";
      let field: string | null = null;
      let paragraphs = 0;
      for (const token of body.match(/<[^>]*>|[^<]+/g) ?? []) {
        if (!token.startsWith("<")) {
          if (field === null) out += unescapeXml(token).replace(/&/g, "&&");
          continue;
        }
        const name = /^<\/?text:([a-z-]+)/.exec(token)?.[1];
        if (name === undefined) continue;
        if (token.startsWith("</")) {
          if (name === field) field = null;
        } else if (name === "p" && paragraphs++ > 0) out += "\n";
        else if (name === "s") out += " ".repeat(Number(/text:c="(\d+)"/.exec(token)?.[1] ?? "1"));
        else if (name === "tab" || name === "line-break") out += name === "tab" ? " " : "\n";
        else if (ODF_FIELDS[name] !== undefined) {
          out += ODF_FIELDS[name];
          if (!token.endsWith("/>")) field = name;
        }
      }
      return out.trim() === "" ? "" : code + out;
    })
    .join("");
}

/** .ods: each table's page style (content.xml) and that style's header and footer (styles.xml). */
function odsHeaderFooters(content: string, styles: string): Map<string, HeaderFooter> {
  const masterOf = new Map<string, string>();
  for (const tag of content.match(/<style:style\b[^>]*style:family="table"[^>]*>/g) ?? []) {
    const name = /style:name="([^"]*)"/.exec(tag)?.[1];
    const master = /style:master-page-name="([^"]*)"/.exec(tag)?.[1];
    if (name !== undefined && master !== undefined) masterOf.set(name, master);
  }
  const pages = new Map<string, HeaderFooter>();
  for (const m of styles.matchAll(/<style:master-page\b([^>]*)>([\s\S]*?)<\/style:master-page>/g)) {
    const name = /style:name="([^"]*)"/.exec(m[1] ?? "")?.[1];
    if (name === undefined) continue;
    const part = (kind: "header" | "footer"): string => {
      const el = new RegExp(`<style:${kind}(\\s[^>]*)?>([\\s\\S]*?)<\\/style:${kind}>`).exec(m[2] ?? "");
      return el && !/style:display="false"/.test(el[1] ?? "") ? odfRegionText(el[2] ?? "") : "";
    };
    pages.set(name, { header: part("header"), footer: part("footer") });
  }
  const out = new Map<string, HeaderFooter>();
  for (const tag of content.match(/<table:table\b[^>]*>/g) ?? []) {
    const name = /table:name="([^"]*)"/.exec(tag)?.[1];
    const style = /table:style-name="([^"]*)"/.exec(tag)?.[1];
    const page = pages.get(masterOf.get(style ?? "") ?? "Default") ?? pages.get("Default");
    if (name !== undefined && page) out.set(unescapeXml(name), page);
  }
  return out;
}

/** An .ods's content.xml and styles.xml as text; empty when they cannot be read (what is read from them is a look, not data). */
function odsParts(bytes: Uint8Array): { content: string; styles: string } {
  try {
    const zip = CFB.read(bytes, { type: "array" });
    const part = (name: string): string => {
      const f = CFB.find(zip, name);
      return f?.content ? new TextDecoder().decode(Uint8Array.from(f.content)) : "";
    };
    return { content: part("content.xml"), styles: part("styles.xml") };
  } catch {
    return { content: "", styles: "" };
  }
}

/** Headers and footers by sheet name; an empty map when the file's parts cannot be read (they are a look, not data). */
function headerFooters(format: Converted["format"], workbookStream: Uint8Array | null, ods: { content: string; styles: string }): Map<string, HeaderFooter> {
  try {
    if (format === "xls") return workbookStream ? xlsHeaderFooters(workbookStream) : new Map<string, HeaderFooter>();
    return odsHeaderFooters(ods.content, ods.styles);
  } catch {
    return new Map();
  }
}

/** What SheetJS's .ods reader leaves out of a table: whether it is hidden, and some merges. */
interface OdsTableLooks {
  readonly hidden: boolean;
  readonly merges: XLSX.Range[];
}

/**
 * .ods: what SheetJS's reader misses in content.xml. A table hidden by its style
 * (<style:table-properties table:display="false"/>): without this, her hidden sheet would be
 * shown in the new .xlsx. And a merge whose first cell is empty: LibreOffice writes that cell
 * as an empty element (<table:table-cell table:number-columns-spanned="9" …/>), and the reader
 * takes a span only from a cell with content, so the merge would be lost (an .xls of the same
 * sheet keeps it). By table name.
 */
function odsTableLooks(content: string): Map<string, OdsTableLooks> {
  const hiddenStyles = new Set<string>();
  for (const m of content.matchAll(/<style:style\b[^>]*>/g)) {
    const tag = m[0];
    if (!/style:family="table"/.test(tag) || tag.endsWith("/>")) continue;
    const name = /style:name="([^"]*)"/.exec(tag)?.[1];
    const end = content.indexOf("</style:style>", (m.index ?? 0) + tag.length);
    const body = content.slice((m.index ?? 0) + tag.length, end < 0 ? undefined : end);
    if (name !== undefined && /<style:table-properties\b[^>]*table:display="false"/.test(body)) hiddenStyles.add(name);
  }
  const count = (attrs: string, name: string): number => {
    const n = Number(new RegExp(`table:${name}="(\\d+)"`).exec(attrs)?.[1] ?? "1");
    return Number.isSafeInteger(n) && n > 0 ? n : 1;
  };
  const out = new Map<string, OdsTableLooks>();
  let table: OdsTableLooks | null = null;
  let depth = 0; // a table inside a cell (an old sub-table) is not one of the sheets
  let row = 0;
  let col = 0;
  let rowRepeat = 1;
  // The name is followed by a space, "/" or ">": table:table-row is not table:table.
  for (const m of content.matchAll(/<(\/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>/g)) {
    const closing = m[1] === "/";
    const kind = m[2];
    const attrs = m[3] ?? "";
    const empty = attrs.endsWith("/");
    if (kind === "table") {
      if (closing) {
        depth -= 1;
        if (depth === 0) table = null;
      } else if (!empty && ++depth === 1) {
        const name = /table:name="([^"]*)"/.exec(attrs)?.[1];
        const style = /table:style-name="([^"]*)"/.exec(attrs)?.[1];
        table = { hidden: style !== undefined && hiddenStyles.has(style), merges: [] };
        if (name !== undefined) out.set(unescapeXml(name), table);
        row = 0;
      }
      continue;
    }
    if (!table || depth !== 1) continue;
    if (kind === "table-row") {
      if (closing) row += rowRepeat;
      else {
        rowRepeat = count(attrs, "number-rows-repeated");
        col = 0;
        if (empty) row += rowRepeat;
      }
      continue;
    }
    if (closing) continue;
    const repeat = count(attrs, "number-columns-repeated");
    if (kind === "table-cell" && empty && repeat === 1 && rowRepeat === 1) {
      const width = count(attrs, "number-columns-spanned");
      const height = count(attrs, "number-rows-spanned");
      if (width * height > 1) table.merges.push({ s: { r: row, c: col }, e: { r: row + height - 1, c: col + width - 1 } });
    }
    col += repeat;
  }
  return out;
}

/** SheetJS's reading of an .ods completed from content.xml (see odsTableLooks). */
function addOdsTableLooks(source: SheetJsBook, content: string): void {
  let looks: Map<string, OdsTableLooks>;
  try {
    looks = odsTableLooks(content);
  } catch {
    return; // a look, not data
  }
  source.SheetNames.forEach((name, i) => {
    const found = looks.get(name);
    const sheet = source.Sheets[name];
    if (!found || !sheet) return;
    if (found.hidden) {
      const book = (source.Workbook ??= {});
      const sheets = (book.Sheets ??= []);
      sheets[i] = { ...(sheets[i] ?? {}), Hidden: 1 };
    }
    const merges = (sheet["!merges"] ??= []);
    const at = new Set(merges.map((m) => `${m.s.r},${m.s.c}`));
    for (const m of found.merges) if (!at.has(`${m.s.r},${m.s.c}`)) merges.push(m);
  });
}

const STATES = { 0: "visible", 1: "hidden", 2: "veryHidden" } as const;

/** A SheetJS workbook as an exceljs one, and what did not come across. */
export function toExcelJs(source: SheetJsBook, format: Converted["format"], pages: ReadonlyMap<string, HeaderFooter> = new Map()): { book: ExcelJS.Workbook; converted: Converted } {
  const book = new ExcelJS.Workbook();
  const date1904 = Boolean(source.Workbook?.WBProps?.date1904);
  if (date1904) book.properties.date1904 = true;
  let formulas = false;
  source.SheetNames.forEach((name, i) => {
    const hidden = source.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    const ws = book.addWorksheet(name, { state: STATES[hidden] });
    const sheet = source.Sheets[name];
    if (sheet && copySheet(sheet, ws, date1904)) formulas = true;
    const page = pages.get(name);
    if (page && (page.header !== "" || page.footer !== "")) {
      ws.headerFooter = { ...(page.header !== "" ? { oddHeader: page.header } : {}), ...(page.footer !== "" ? { oddFooter: page.footer } : {}) };
    }
  });
  // Excel will not open a workbook whose sheets are all hidden; SheetJS reads such a file's
  // flags as they are, so the first sheet is shown.
  if (book.worksheets.length > 0 && book.worksheets.every((w) => w.state !== "visible")) {
    const first = book.worksheets[0];
    if (first) first.state = "visible";
  }
  const notCarried = ["字体", "边框", "对齐", "下拉列表", "条件格式", "图表和图片", "打印设置（页眉页脚除外）", "自动换行", ...(format === "ods" ? ["列宽", "行高", "底色"] : ["深色底色"])];
  return { book, converted: { format, notCarried: formulas ? [...notCarried, "公式（只保留计算结果）"] : notCarried } };
}

/** What SheetJS's own errors mean to her. */
function problemOf(error: unknown, format: Converted["format"], name: string | undefined): FileProblem {
  const message = error instanceof Error ? error.message : String(error);
  const file = name === undefined ? {} : { file: name };
  if (/password|encrypt/i.test(message)) return { code: "encrypted", ...file };
  if (/not a spreadsheet/i.test(message)) return { code: "zip_not_workbook", ...file, holds: "opendocument" };
  return { code: "file_corrupt", ...file, format };
}

/**
 * An OLE compound file's streams, told apart before the .xls reader runs: what else an OLE file
 * can be (an encrypted .xlsx, a Word 97 document renamed .xls), and a workbook stream shorter
 * than its directory says (a file cut off in a copy), which the reader may not notice.
 */
function oleWorkbook(bytes: Uint8Array, name: string | undefined): FileProblem | Uint8Array {
  const file = name === undefined ? {} : { file: name };
  let entries: readonly CfbEntry[];
  try {
    entries = CFB.read(bytes, { type: "array" }).FileIndex;
  } catch {
    return { code: "file_corrupt", ...file, format: "xls" };
  }
  const stream = (n: string): CfbEntry | undefined => entries.find((e) => e.type === 2 && e.name === n);
  if (stream("EncryptedPackage")) return { code: "encrypted", ...file };
  const workbook = stream("Workbook") ?? stream("Book");
  if (!workbook) {
    if (stream("WordDocument")) return { code: "zip_not_workbook", ...file, holds: "word" };
    if (stream("PowerPoint Document")) return { code: "zip_not_workbook", ...file, holds: "powerpoint" };
    return { code: "not_a_workbook", ...file, ...(name === undefined ? {} : { extension: /\.[^./\\]+$/.exec(name)?.[0] ?? "" }) };
  }
  if (!workbook.content || workbook.content.length < workbook.size) return { code: "file_corrupt", ...file, format: "xls" };
  return Uint8Array.from(workbook.content);
}

/**
 * An .xls or .ods file's bytes as an exceljs workbook. Throws a FileProblemError, never a
 * library's error: an encrypted file, a document of another kind, or a damaged one.
 */
export function readLegacy(bytes: Uint8Array, format: Converted["format"], name?: string): { book: ExcelJS.Workbook; converted: Converted } {
  let stream: Uint8Array | null = null;
  if (format === "xls") {
    const read = oleWorkbook(bytes, name);
    if (!(read instanceof Uint8Array)) throw new FileProblemError(read);
    stream = read;
  }
  let source: SheetJsBook;
  // The .ods reader prints a line to the console for each number format it simplifies; that
  // is noise to her (the page's console, the terminal), and the value is read either way.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    source = XLSX.read(bytes, { type: "array", dense: true, cellNF: true, cellStyles: true, cellDates: false, cellHTML: false, cellText: false, bookVBA: false });
  } catch (e) {
    throw new FileProblemError(problemOf(e, format, name));
  } finally {
    console.error = consoleError;
  }
  if (source.SheetNames.length === 0) throw new FileProblemError({ code: "file_corrupt", ...(name === undefined ? {} : { file: name }), format });
  const ods = format === "ods" ? odsParts(bytes) : { content: "", styles: "" };
  if (format === "ods") addOdsTableLooks(source, ods.content);
  return toExcelJs(source, format, headerFooters(format, stream, ods));
}
