/**
 * The tool's sheets as SpreadsheetML parts: a sheet description (sheetdoc.ts: tables, 年度总结,
 * 推荐表, 使用说明) or a template input sheet (template.ts) to worksheet XML, with its notes
 * (comments and their VML shapes) and the defined names it needs (print area, print titles,
 * filter). Looks come from the StyleBook, which adds them to her styles part. Strings are
 * written inline, so her shared-strings part is never touched.
 *
 * Elements are written in the order CT_Worksheet requires (ECMA-376 Part 1, §18.3.1.99);
 * test/xlsx/package-write.test.ts validates every part against the schemas.
 */
import { a1, columnLetters, type Rect } from "../core/address";
import { MS_PER_DAY } from "../core/dates";
import { type CellValue, isCellError, safeText } from "../workbook/cells";
import { type AlignRect, type CellLook, cellLooks, FONT_NAME, footerOf, type FreeSheet, type Look, LOOKS, PAGE_FOOTER, PAGE_MARGINS, type PrintSpec } from "../workbook/sheetdoc";
import { type CellValidation, TEMPLATE_HEADER_ROW, templateLayout, type TemplateSheet } from "../workbook/template";
import type { StyleBook, XfSpec } from "./styles";
import { escapeXml, escapeXstring } from "./xml";

export const SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook-level name the sheet needs; the writer gives it the sheet's index. */
export interface SheetName {
  readonly name: "_xlnm.Print_Area" | "_xlnm.Print_Titles" | "_xlnm._FilterDatabase";
  readonly value: string;
  readonly hidden?: boolean;
}

export interface Note {
  /** Zero-based. */
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export interface SheetPart {
  readonly xml: string;
  readonly names: readonly SheetName[];
  /** Cell notes (the template's header notes): the writer adds the comments and VML parts. */
  readonly notes: readonly Note[];
}

export interface SheetContext {
  readonly styles: StyleBook;
  readonly date1904: boolean;
  /** This sheet is the one shown when the workbook opens. */
  readonly selected: boolean;
}

/** The relationship id the worksheet's legacyDrawing (its notes' shapes) uses in its own .rels. */
export const NOTES_VML_RID = "rId2";
export const NOTES_COMMENTS_RID = "rId1";

// ------------------------------------------------------------------------------------ values

/** A date as its serial in the workbook's date system (the inverse of serialToDate). */
export function dateSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / MS_PER_DAY - (date1904 ? 1462 : 0);
}

/** One cell's XML: its value (inline text, number, boolean) and look; "" for an empty cell without one. */
function cellXml(ref: string, v: CellValue | undefined, s: number | undefined, date1904: boolean): string {
  const style = s !== undefined && s !== 0 ? ` s="${s}"` : "";
  if (v === null || v === undefined || v === "") return style ? `<c r="${ref}"${style}/>` : "";
  if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${String(v)}</v></c>` : style ? `<c r="${ref}"${style}/>` : "";
  if (typeof v === "boolean") return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) return `<c r="${ref}"${style}><v>${String(dateSerial(v, date1904))}</v></c>`;
  const text = safeText(isCellError(v) ? v.error : v);
  if (text === "") return style ? `<c r="${ref}"${style}/>` : "";
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXstring(text)}</t></is></c>`;
}

// ------------------------------------------------------------------------------------- looks

const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;
const vertical = (v: "top" | "middle" | "bottom" | undefined): XfSpec["vertical"] => (v === "middle" ? "center" : v);

/** A look of sheetdoc's LOOKS (with a format and alignment on top) as a cell format. */
function xfOf(look: Look | undefined, numFmt: string | undefined, align: Omit<AlignRect, "rect"> | undefined, forceWrap: boolean): XfSpec {
  const l = look ?? {};
  const hasFont = l.bold !== undefined || l.italic !== undefined || l.size !== undefined || l.color !== undefined;
  const horizontal = align?.horizontal ?? l.hAlign;
  const v = vertical(align?.vertical ?? l.vAlign);
  const wrap = forceWrap ? true : l.wrap;
  return {
    ...(hasFont ? { font: { name: FONT_NAME, ...(l.bold ? { bold: true } : {}), ...(l.italic ? { italic: true } : {}), ...(l.size !== undefined ? { size: l.size } : {}), ...(l.color ? { color: argb(l.color) } : {}) } } : {}),
    ...(l.fill ? { fill: argb(l.fill) } : {}),
    ...(l.border ? { border: argb(l.border) } : {}),
    ...(numFmt !== undefined ? { numFmt } : {}),
    ...(horizontal !== undefined ? { horizontal } : {}),
    ...(v !== undefined ? { vertical: v } : {}),
    ...(wrap !== undefined ? { wrap } : {}),
  };
}

// ------------------------------------------------------------------------------------- parts

const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** A4, margins, header and footer, fit: the print setup of every sheet the tool writes. */
function printXml(print: PrintSpec, footer: string): { pageSetup: string; headerFooter: string; fit: boolean } {
  const attrs = [`paperSize="9"`, `orientation="${print.orientation}"`];
  if (!print.fitToWidth && print.scale !== undefined) attrs.push(`scale="${print.scale}"`);
  if (print.fitToWidth) attrs.push(`fitToWidth="1"`, `fitToHeight="0"`);
  // Each sheet counts its own pages: LibreOffice otherwise goes on from the sheet before.
  attrs.push(`firstPageNumber="1"`, `useFirstPageNumber="1"`);
  const m = PAGE_MARGINS;
  const header = `&C${safeText(print.header).replace(/&/g, "&&")}`;
  return {
    pageSetup: `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/><pageSetup ${attrs.join(" ")}/>`,
    headerFooter: `<headerFooter><oddHeader>${escapeXml(header)}</oddHeader><oddFooter>${escapeXml(`&C${footer}`)}</oddFooter></headerFooter>`,
    fit: print.fitToWidth,
  };
}

function printNames(sheet: string, print: PrintSpec): SheetName[] {
  const out: SheetName[] = [];
  if (print.area) out.push({ name: "_xlnm.Print_Area", value: `${sheetRef(sheet)}!${print.area.replace(/\$/g, "").replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}` });
  const titles: string[] = [];
  if (print.titleColumns) titles.push(`${sheetRef(sheet)}!$${columnLetters(print.titleColumns[0])}:$${columnLetters(print.titleColumns[1])}`);
  if (print.titleRows) titles.push(`${sheetRef(sheet)}!$${print.titleRows[0]}:$${print.titleRows[1]}`);
  if (titles.length > 0) out.push({ name: "_xlnm.Print_Titles", value: titles.join(",") });
  return out;
}

function sheetViewXml(selected: boolean, freezeRows: number, freezeCols: number): string {
  const tab = selected ? ` tabSelected="1"` : "";
  if (freezeRows <= 0 && freezeCols <= 0) return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  const pane = freezeRows > 0 && freezeCols > 0 ? "bottomRight" : freezeRows > 0 ? "bottomLeft" : "topRight";
  const split = `${freezeCols > 0 ? ` xSplit="${freezeCols}"` : ""}${freezeRows > 0 ? ` ySplit="${freezeRows}"` : ""}`;
  return `<sheetViews><sheetView${tab} workbookViewId="0"><pane${split} topLeftCell="${a1(freezeRows, freezeCols)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`;
}

interface ColSpec {
  readonly width: number;
  readonly hidden?: boolean;
  readonly style?: number;
}

/** <cols>, runs of equal columns joined. */
function colsXml(cols: readonly (ColSpec | undefined)[]): string {
  const out: string[] = [];
  for (let i = 0; i < cols.length; ) {
    const c = cols[i];
    if (!c) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < cols.length && cols[j + 1] && (cols[j + 1] as ColSpec).width === c.width && (cols[j + 1] as ColSpec).hidden === c.hidden && (cols[j + 1] as ColSpec).style === c.style) j++;
    out.push(`<col min="${i + 1}" max="${j + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ""}${c.hidden ? ` hidden="1"` : ""} customWidth="1"/>`);
    i = j + 1;
  }
  return out.length > 0 ? `<cols>${out.join("")}</cols>` : "";
}

const rectRef = (r: Rect): string => {
  const tl = a1(r.row, r.col);
  const br = a1(r.row + r.rows - 1, r.col + r.cols - 1);
  return tl === br ? tl : `${tl}:${br}`;
};

function mergesXml(merges: readonly Rect[]): string {
  const list = merges.filter((m) => m.rows * m.cols > 1);
  return list.length > 0 ? `<mergeCells count="${list.length}">${list.map((m) => `<mergeCell ref="${rectRef(m)}"/>`).join("")}</mergeCells>` : "";
}

function worksheet(parts: {
  fit: boolean;
  dimension: string;
  views: string;
  cols: string;
  rows: string[];
  autoFilter?: string;
  merges: string;
  validations?: string;
  print: { pageSetup: string; headerFooter: string };
  rowBreaks?: string;
  legacyDrawing?: boolean;
}): string {
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${SML_NS}" xmlns:r="${R_NS}">`,
    parts.fit ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "",
    `<dimension ref="${parts.dimension}"/>`,
    parts.views,
    `<sheetFormatPr defaultRowHeight="15"/>`,
    parts.cols,
    `<sheetData>`,
    ...parts.rows,
    `</sheetData>`,
    parts.autoFilter ?? "",
    parts.merges,
    parts.validations ?? "",
    parts.print.pageSetup,
    parts.print.headerFooter,
    parts.rowBreaks ?? "",
    parts.legacyDrawing ? `<legacyDrawing r:id="${NOTES_VML_RID}"/>` : "",
    `</worksheet>`,
  ].join("");
}

/** One <row>: its cells in column order, its height. */
function rowXml(r: number, cells: string, height: number | undefined): string {
  const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : "";
  return cells === "" && ht === "" ? "" : `<row r="${r + 1}"${ht}>${cells}</row>`;
}

/**
 * A sheet description (sheetdoc.ts) as a worksheet part: every value, look, format, merge,
 * height, hidden column, filter and print setting, the mark in the footer. Charts are the
 * add-in's alone (the sheet leaves their cells empty).
 */
export function freeSheetPart(out: FreeSheet, ctx: SheetContext): SheetPart {
  const looks = cellLooks(out);
  const xfs = new Map<string, number>();
  const xfFor = (l: CellLook | undefined, v: CellValue | undefined): number | undefined => {
    const numeric = typeof v === "number" || v instanceof Date;
    // A number format only where a number is (as the add-in does: text shows alike under any).
    const numFmt = numeric ? (l?.numFmt ?? (v instanceof Date ? "yyyy-mm-dd" : undefined)) : undefined;
    if (!l?.style && numFmt === undefined && !l?.align) return undefined;
    const key = `${l?.style ?? ""}|${numFmt ?? ""}|${l?.align?.horizontal ?? ""}|${l?.align?.vertical ?? ""}`;
    let s = xfs.get(key);
    if (s === undefined) {
      // Text in a merged box (主要事迹, the signature line) wraps whatever its alignment.
      const wrap = l?.align !== undefined && l.style === "text";
      s = ctx.styles.xf(xfOf(l?.style ? LOOKS[l.style] : undefined, numFmt, l?.align, wrap));
      xfs.set(key, s);
    }
    return s;
  };
  const heights = new Map(out.rowHeights.map((h) => [h.row, h.points]));
  const rowCount = Math.max(out.cells.length, looks.length, ...out.rowHeights.map((h) => h.row + 1));
  const rows: string[] = [];
  let lastCol = out.widths.length;
  for (let r = 0; r < rowCount; r++) {
    const values = out.cells[r] ?? [];
    const lookRow = looks[r] ?? [];
    const width = Math.max(values.length, lookRow.length);
    lastCol = Math.max(lastCol, width);
    let cells = "";
    for (let c = 0; c < width; c++) cells += cellXml(a1(r, c), values[c], xfFor(lookRow[c], values[c]), ctx.date1904);
    rows.push(rowXml(r, cells, heights.get(r)));
  }
  const hidden = new Set(out.hiddenCols ?? []);
  const cols: (ColSpec | undefined)[] = out.widths.map((w, i) => ({ width: w, ...(hidden.has(i) ? { hidden: true } : {}) }));
  for (const c of hidden) if (!cols[c]) cols[c] = { width: 9, hidden: true };
  const names = printNames(out.name, out.print);
  const f = out.filter;
  if (f) names.push({ name: "_xlnm._FilterDatabase", value: `${sheetRef(out.name)}!${rectRef(f).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`, hidden: true });
  const breaks = out.print.rowBreaks.filter((b) => b >= 2);
  const print = printXml(out.print, footerOf(out));
  const xml = worksheet({
    fit: print.fit,
    dimension: rowCount > 0 && lastCol > 0 ? `A1:${a1(rowCount - 1, lastCol - 1)}` : "A1",
    views: sheetViewXml(ctx.selected, out.freezeRows, 0),
    cols: colsXml(cols),
    rows,
    ...(f ? { autoFilter: `<autoFilter ref="${rectRef(f)}"/>` } : {}),
    merges: mergesXml(out.merges),
    print,
    // A break above row n is a break after row n − 1 (brk id is the last row of a page).
    ...(breaks.length > 0 ? { rowBreaks: `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${b - 1}" max="16383" man="1"/>`).join("")}</rowBreaks>` } : {}),
  });
  return { xml, names, notes: [] };
}

// ---------------------------------------------------------------------------------- template

function validationXml(sqref: string, v: CellValidation | { list: readonly string[]; open: boolean }, date1904: boolean): string {
  if ("list" in v) {
    return `<dataValidation type="list" errorStyle="${v.open ? "information" : "stop"}" allowBlank="1" showErrorMessage="1" errorTitle="输入值不在列表中" error="${escapeXml(`请选择：${v.list.join("、")}`)}" sqref="${sqref}"><formula1>${escapeXml(`"${v.list.join(",")}"`)}</formula1></dataValidation>`;
  }
  // A date rule's bounds are serials of the workbook's own date system.
  const operand = (f: string): string => (v.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(f) ? String(dateSerial(new Date(`${f}T00:00:00Z`), date1904)) : f);
  return (
    `<dataValidation type="${v.type}" errorStyle="${v.style}" operator="${v.operator}" allowBlank="1" showErrorMessage="1" errorTitle="${escapeXml(v.title)}" error="${escapeXml(v.message)}" sqref="${sqref}">` +
    `<formula1>${escapeXml(operand(v.formula1))}</formula1>${v.formula2 !== undefined ? `<formula2>${escapeXml(operand(v.formula2))}</formula2>` : ""}</dataValidation>`
  );
}

/**
 * A template input sheet (template.ts) as a worksheet part: the guidance line (merged,
 * wrapped), the header row (look, notes, widths, formats), drop-downs and number/date rules
 * over the data rows, the rows given, frozen header, A4 — as templateLayout says.
 */
export function templateSheetPart(sheet: TemplateSheet, pageHeader: string, ctx: SheetContext): SheetPart {
  const layout = templateLayout(sheet, pageHeader);
  const top = TEMPLATE_HEADER_ROW; // zero-based first data row
  const paragraph = ctx.styles.xf(xfOf(LOOKS.paragraph, undefined, undefined, false));
  const header = ctx.styles.xf(xfOf(LOOKS.header, undefined, undefined, false));
  const cols: (ColSpec | undefined)[] = [];
  const colStyle: (number | undefined)[] = [];
  const headerCells: CellValue[] = [];
  const notes: Note[] = [];
  const validations: string[] = [];
  let col = 0;
  for (const c of sheet.columns) {
    const span = c.span ?? 1;
    const style = c.numFmt ? ctx.styles.xf({ numFmt: c.numFmt }) : undefined;
    for (let k = 0; k < span; k++) {
      cols[col + k] = { width: c.width, ...(style !== undefined ? { style } : {}) };
      colStyle[col + k] = style;
    }
    if (c.header !== "") headerCells[col] = c.header;
    if (c.note) notes.push({ row: TEMPLATE_HEADER_ROW - 1, col, text: c.note });
    const range = `${columnLetters(col + 1)}${top + 1}:${columnLetters(col + span)}${layout.lastRow}`;
    if (c.list) validations.push(validationXml(range, { list: c.list, open: Boolean(c.openList) }, ctx.date1904));
    else if (c.validation) validations.push(validationXml(range, c.validation, ctx.date1904));
    col += span;
  }
  const lastCol = col;
  for (const c of sheet.cellLists ?? []) validations.push(validationXml(a1(c.row + top, c.col), { list: c.list, open: false }, ctx.date1904));
  const rows: string[] = [];
  // Row 1: the guidance, over the columns of the first printed page.
  const from = layout.guidanceFrom - 1;
  let guidance = "";
  for (let c = 0; c < lastCol; c++) {
    const inBox = c >= from && c < from + layout.guidanceColumns;
    guidance += cellXml(a1(0, c), c === from ? sheet.guidance : null, inBox && c === from ? paragraph : colStyle[c], ctx.date1904);
  }
  rows.push(rowXml(0, guidance, layout.guidancePoints));
  let head = "";
  for (let c = 0; c < lastCol; c++) head += cellXml(a1(TEMPLATE_HEADER_ROW - 1, c), headerCells[c] ?? null, header, ctx.date1904);
  rows.push(rowXml(TEMPLATE_HEADER_ROW - 1, head, layout.headerPoints));
  const dateStyle = new Map<number, number>();
  sheet.rows.forEach((row, i) => {
    let cells = "";
    row.forEach((v, c) => {
      let s = colStyle[c];
      // A date in a column without a format of its own shows as a date.
      if (v instanceof Date && s === undefined) {
        s = dateStyle.get(c) ?? ctx.styles.xf({ numFmt: "yyyy-mm-dd" });
        dateStyle.set(c, s);
      }
      cells += cellXml(a1(i + top, c), v, s, ctx.date1904);
    });
    rows.push(rowXml(i + top, cells, undefined));
  });
  const merge: Rect[] = layout.guidanceColumns > 1 ? [{ row: 0, col: from, rows: 1, cols: layout.guidanceColumns }] : [];
  const print = printXml(layout.print, layout.print.footer ?? PAGE_FOOTER);
  const lastRow = Math.max(TEMPLATE_HEADER_ROW, top + sheet.rows.length);
  const xml = worksheet({
    fit: print.fit,
    dimension: `A1:${a1(lastRow - 1, Math.max(lastCol, 1) - 1)}`,
    views: sheetViewXml(ctx.selected, TEMPLATE_HEADER_ROW, sheet.freezeCols ?? 0),
    cols: colsXml(cols),
    rows,
    merges: mergesXml(merge),
    ...(validations.length > 0 ? { validations: `<dataValidations count="${validations.length}">${validations.join("")}</dataValidations>` } : {}),
    print,
    legacyDrawing: notes.length > 0,
  });
  return { xml, names: printNames(sheet.name, layout.print), notes };
}

// ------------------------------------------------------------------------------------ notes

/** The comments part of a sheet's notes. */
export function commentsXml(notes: readonly Note[]): string {
  const list = notes
    .map((n) => `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="${FONT_NAME}"/><charset val="134"/></rPr><t xml:space="preserve">${escapeXstring(safeText(n.text))}</t></r></text></comment>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${SML_NS}"><authors><author>创先争优考评助手</author></authors><commentList>${list}</commentList></comments>`;
}

/**
 * The VML shapes Excel draws notes with (the legacy drawing every reader still expects beside
 * the comments part). `block` is the drawing's shape-id block (o:idmap), unique in the workbook.
 */
export function notesVml(notes: readonly Note[], block: number): string {
  const shapes = notes
    .map((n, i) => {
      const anchor = `${n.col + 1}, 6, ${Math.max(0, n.row - 1)}, 14, ${n.col + 3}, 2, ${n.row + 3}, 16`;
      return (
        `<v:shape id="_x0000_s${block * 1024 + 1 + i}" type="#_x0000_t202" style="position:absolute;margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:${i + 1};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
        `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>` +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes}</xml>`
  );
}
