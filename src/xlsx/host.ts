/**
 * The exceljs host: new workbooks the tool builds from nothing (the blank template and the
 * demo of `init`, the institute roll-up of `merge`) and the .xlsx an .xls/.ods is converted
 * into. Her own .xlsx is never read or written through exceljs: package.ts reads it and
 * inject.ts writes into it, so that nothing exceljs does not understand is lost. No file
 * system here: the command line and the browser page both use it.
 */
import ExcelJS from "exceljs";
import { a1, columnLetters, parseA1 } from "../core/address";
import { type CellValue, EXCEL_ERRORS, type Grid, isCellError, safeText, valueExtent } from "../workbook/cells";
import { ROSTER_SHEET } from "../workbook/layout";
import type { SheetGrid } from "../workbook/parse";
import type { HostPort, WriteRequest } from "../workbook/session";
import { type CellLook, cellLooks, type CellStyle, FONT_NAME, footerOf, type FreeSheet, type Look, LOOKS, PAGE_FOOTER, PAGE_MARGINS, type PrintSpec } from "../workbook/sheetdoc";
import { guideSheet } from "../workbook/guide";
import { type CellValidation, TEMPLATE_HEADER_ROW, templateLayout, type TemplateSheet } from "../workbook/template";

// ------------------------------------------------------------------------------------ reading

type Raw = ExcelJS.CellValue | undefined;

/** One exceljs cell value as the neutral model: formulas give their cached result. */
export function toCellValue(v: Raw): CellValue {
  if (v === null || v === undefined) return null;
  // Text that reads "#N/A" is an error value to the Office.js host, which cannot tell them apart.
  if (typeof v === "string") return EXCEL_ERRORS.has(v) ? { error: v } : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v && typeof v.error === "string") return { error: v.error };
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((p) => p.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: Raw }).result;
      if (result !== null && typeof result === "object" && !(result instanceof Date) && "error" in result) {
        return { error: String((result as { error: unknown }).error) };
      }
      return toCellValue(result);
    }
    if ("text" in v && "hyperlink" in v) return toCellValue(v.text);
  }
  return null;
}

export function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merged range keeps its value in the top-left cell only; the others are empty.
      out[col - 1] = cell.type === ExcelJS.ValueType.Merge ? null : toCellValue(cell.value);
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    rows[rowNumber - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return rows;
}

export function readGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  return wb.worksheets.map((ws) => ({ name: ws.name, grid: sheetGrid(ws) }));
}

// ------------------------------------------------------------------- data validation repair

interface ValidationModel {
  model: Record<string, unknown>;
}

function validationsOf(ws: ExcelJS.Worksheet): ValidationModel {
  // `dataValidations` exists at run time but is missing from exceljs's typings.
  return (ws as unknown as { dataValidations: ValidationModel }).dataValidations;
}

/**
 * exceljs expands every validation range to one entry per cell on reading, and on writing
 * regroups them with a bug that emits overlapping ranges (D10:D200 and D2:D200). Before any
 * write we fold the cells back into rectangles — one rule per range, none overlapping — so a
 * round trip keeps the secretary's drop-downs as they were.
 */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  const dv = validationsOf(ws);
  // Rules that are equal (deep) share one group; each group is a set of row intervals per column.
  // Linear in the number of cells: exceljs hands every cell of a range the same rule object,
  // so each object is serialised once, and intervals are appended, not copied (both were per
  // cell, quadratic in a column's length: 3.3 s of a 5,000-member save).
  const groups = new Map<string, { rule: unknown; cols: Map<number, [number, number][]> }>();
  const keys = new Map<unknown, string>();
  for (const [address, rule] of Object.entries(dv.model)) {
    if (rule === undefined) continue;
    const [a, b] = address.split(":");
    const tl = parseA1(a ?? "");
    const br = b === undefined ? tl : parseA1(b);
    if (!tl || !br) continue;
    let key = keys.get(rule);
    if (key === undefined) keys.set(rule, (key = JSON.stringify(rule)));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { rule, cols: new Map() }));
    for (let col = tl.col; col <= br.col; col++) {
      const list = g.cols.get(col);
      if (list) list.push([tl.row, br.row]);
      else g.cols.set(col, [[tl.row, br.row]]);
    }
  }
  const model: Record<string, unknown> = {};
  for (const g of groups.values()) {
    // Join touching or overlapping intervals in each column.
    const runs: { col: number; top: number; bottom: number }[] = [];
    for (const [col, intervals] of [...g.cols.entries()].sort((x, y) => x[0] - y[0])) {
      intervals.sort((x, y) => x[0] - y[0]);
      let [top, bottom] = intervals[0] as [number, number];
      for (const [t, b] of intervals.slice(1)) {
        if (t <= bottom + 1) bottom = Math.max(bottom, b);
        else {
          runs.push({ col, top, bottom });
          [top, bottom] = [t, b];
        }
      }
      runs.push({ col, top, bottom });
    }
    // Side-by-side runs over the same rows become one block. A column's runs do not overlap,
    // so column, top and bottom name one run.
    const used = new Set<number>();
    const at = new Map<string, number>();
    runs.forEach((o, k) => at.set(`${o.col}:${o.top}:${o.bottom}`, k));
    runs.forEach((run, i) => {
      if (used.has(i)) return;
      let right = run.col;
      for (;;) {
        const j = at.get(`${right + 1}:${run.top}:${run.bottom}`) ?? -1;
        if (j < 0 || used.has(j)) break;
        used.add(j);
        right += 1;
      }
      const tl = a1(run.top, run.col);
      const br = a1(run.bottom, right);
      model[tl === br ? tl : `${tl}:${br}`] = g.rule;
    });
  }
  dv.model = model;
}

// ------------------------------------------------------------------------------------ styles

/** A4, fitted to the width, margins and footer as every sheet the tool prints (sheetdoc.ts). */
function a4(ws: ExcelJS.Worksheet, print: PrintSpec, footer: string = print.footer ?? PAGE_FOOTER): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: print.orientation,
    // Each sheet counts its own pages: LibreOffice otherwise goes on from the sheet before.
    firstPageNumber: 1,
    fitToPage: print.fitToWidth,
    ...(print.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(print.titleRows ? { printTitlesRow: `${print.titleRows[0]}:${print.titleRows[1]}` } : {}),
    ...(print.titleColumns ? { printTitlesColumn: `${columnLetters(print.titleColumns[0])}:${columnLetters(print.titleColumns[1])}` } : {}),
    ...(!print.fitToWidth && print.scale !== undefined ? { scale: print.scale } : {}),
    // exceljs puts a "$" before each corner as given: "A3:F97" became $A3:$F97, a range with
    // relative rows, which LibreOffice ignores (the whole sheet printed). "A$3:F$97" gives $A$3:$F$97.
    ...(print.area ? { printArea: print.area.replace(/([A-Z]+)\$?(\d+)/g, "$1$$$2") } : {}),
    margins: { ...PAGE_MARGINS },
  };
  ws.headerFooter = { oddHeader: `&C${safeText(print.header).replace(/&/g, "&&")}`, oddFooter: `&C${footer}` };
}

/** A sheet's centre footer as written (oddFooter "&C…"), "" when it has none. */
function footerText(ws: ExcelJS.Worksheet): string {
  const f = ws.headerFooter?.oddFooter;
  return typeof f === "string" ? f : "";
}

function listFormula(values: readonly string[]): string {
  return `"${values.join(",")}"`;
}

/** A number or date rule of the template (template.ts) as exceljs's validation model. */
function ruleModel(v: CellValidation): Record<string, unknown> {
  return {
    type: v.type,
    operator: v.operator,
    allowBlank: true,
    formulae: v.formula2 === undefined ? [v.formula1] : [v.formula1, v.formula2],
    showErrorMessage: true,
    errorStyle: v.style,
    errorTitle: v.title,
    error: v.message,
  };
}

/**
 * A column width as exceljs must be given it: exceljs takes a width of exactly 9 for its own
 * default and leaves the column out of the file, where Excel then shows its real default of
 * 8.43. A hair more than 9 is written and shows as 9.
 */
const widthOf = (chars: number): number => (chars === 9 ? 9.0001 : chars);

/** Fill a cell from the neutral model; text is cleaned and is never a formula. */
function setCell(cell: ExcelJS.Cell, v: CellValue): void {
  if (v === null || v === "") return;
  if (typeof v === "string") cell.value = safeText(v);
  else if (isCellError(v)) cell.value = safeText(v.error);
  else cell.value = v;
}

// ---------------------------------------------------------------------------------- template

/**
 * An input sheet of the template: the guidance line (merged, wrapped), the header row (the
 * header look, notes, widths, formats), drop-downs and number/date rules over the data rows,
 * the rows given, frozen header, A4 — as templateLayout says. `into` is an existing empty
 * sheet of that name to fill instead of adding one.
 */
export function addTemplateSheet(wb: ExcelJS.Workbook, sheet: TemplateSheet, pageHeader: string, into?: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const ws = into ?? wb.addWorksheet(sheet.name);
  const layout = templateLayout(sheet, pageHeader);
  const top = TEMPLATE_HEADER_ROW + 1;
  ws.views = [{ state: "frozen", xSplit: sheet.freezeCols ?? 0, ySplit: TEMPLATE_HEADER_ROW }];
  const from = layout.guidanceFrom;
  const guidance = ws.getCell(1, from);
  setCell(guidance, sheet.guidance);
  guidance.style = STYLES.paragraph;
  if (layout.guidanceColumns > 1) ws.mergeCellsWithoutStyle(1, from, 1, from + layout.guidanceColumns - 1);
  ws.getRow(1).height = layout.guidancePoints;
  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  let col = 1;
  const lastRow = layout.lastRow;
  for (const c of sheet.columns) {
    const span = c.span ?? 1;
    for (let k = 0; k < span; k++) ws.getColumn(col + k).width = widthOf(c.width);
    const cell = header.getCell(col);
    if (c.header !== "") cell.value = c.header;
    if (c.note) cell.note = c.note;
    if (c.numFmt) for (let k = 0; k < span; k++) ws.getColumn(col + k).numFmt = c.numFmt;
    const range = `${columnLetters(col)}${top}:${columnLetters(col + span - 1)}${lastRow}`;
    if (c.validation) validationsOf(ws).model[range] = ruleModel(c.validation);
    if (c.list) {
      validationsOf(ws).model[range] = {
        type: "list",
        allowBlank: true,
        formulae: [listFormula(c.list)],
        showErrorMessage: true,
        errorStyle: c.openList ? "information" : "stop",
        errorTitle: "输入值不在列表中",
        error: `请选择：${c.list.join("、")}`,
      };
    }
    col += span;
  }
  const lastCol = col - 1;
  for (let c = 1; c <= lastCol; c++) header.getCell(c).style = STYLES.header;
  header.height = layout.headerPoints;
  for (const c of sheet.cellLists ?? []) {
    validationsOf(ws).model[`${columnLetters(c.col + 1)}${c.row + top}`] = {
      type: "list",
      allowBlank: true,
      formulae: [listFormula(c.list)],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "输入值不在列表中",
      error: `请选择：${c.list.join("、")}`,
    };
  }
  sheet.rows.forEach((row, i) => {
    const r = ws.getRow(i + top);
    row.forEach((v, j) => {
      const cell = r.getCell(j + 1);
      setCell(cell, v);
      const fmt = sheet.columns[j]?.numFmt;
      if (v instanceof Date) cell.numFmt = fmt ?? "yyyy-mm-dd";
    });
  });
  a4(ws, layout.print);
  return ws;
}

/** A new workbook holding the template: 使用说明 and these input sheets, opened on the roster. */
export function buildTemplateWorkbook(sheets: readonly TemplateSheet[]): ExcelJS.Workbook {
  const wb = newWorkbook();
  const roster = sheets.find((s) => s.name === ROSTER_SHEET.name) ?? sheets[0];
  writeRequest(wb, {
    sheets: [guideSheet()],
    replace: [],
    templates: sheets.map((sheet) => ({ sheet, exists: false, header: sheet.name })),
    ...(roster ? { activate: roster.name } : {}),
  });
  return wb;
}

/** An empty workbook as the tool makes one (its author named). */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "创先争优考评助手";
  return wb;
}

// ------------------------------------------------------------------------------ free sheets

const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/** A look of sheetdoc's LOOKS as exceljs style parts. */
function exceljsStyle(look: Look): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (look.bold !== undefined || look.italic !== undefined || look.size !== undefined || look.color !== undefined) {
    style.font = {
      name: FONT_NAME,
      ...(look.bold !== undefined ? { bold: look.bold } : {}),
      ...(look.italic !== undefined ? { italic: look.italic } : {}),
      ...(look.size !== undefined ? { size: look.size } : {}),
      ...(look.color !== undefined ? { color: { argb: argb(look.color) } } : {}),
    };
  }
  if (look.fill !== undefined) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
  if (look.border !== undefined) {
    const line = { style: "thin" as const, color: { argb: argb(look.border) } };
    style.border = { top: line, bottom: line, left: line, right: line };
  }
  if (look.hAlign !== undefined || look.vAlign !== undefined || look.wrap !== undefined) {
    style.alignment = {
      ...(look.vAlign !== undefined ? { vertical: look.vAlign } : {}),
      ...(look.hAlign !== undefined ? { horizontal: look.hAlign } : {}),
      ...(look.wrap !== undefined ? { wrapText: look.wrap } : {}),
    };
  }
  return style;
}

/** The look of each named style (sheetdoc.ts LOOKS, shared with the add-in), as exceljs style parts. */
const STYLES = Object.fromEntries(Object.entries(LOOKS).map(([k, look]) => [k, exceljsStyle(look)])) as Readonly<Record<CellStyle, Partial<ExcelJS.Style>>>;

/**
 * Write a sheet description (tables, 年度总结, 推荐表, 使用说明) cell by cell: values, looks,
 * formats, merges, heights, hidden columns, filter, print setup, the mark in the footer. exceljs
 * cannot draw charts: they are left out (the sheet places them over empty cells, so nothing is
 * left blank where they would be).
 */
function writeFreeSheet(wb: ExcelJS.Workbook, out: FreeSheet): void {
  const ws = wb.addWorksheet(out.name, out.freezeRows > 0 ? { views: [{ state: "frozen", xSplit: 0, ySplit: out.freezeRows }] } : {});
  out.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = widthOf(w);
  });
  // Each cell's look (style, format, alignment), in a grid. Cells with the same look share one
  // style object: exceljs recognises a style object it has seen and skips rebuilding its XML,
  // which per-cell objects cost on every save (1.3 s of CPU at 5,000 members).
  const looks = cellLooks(out);

  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styleFor = (l: CellLook, numeric: boolean): Partial<ExcelJS.Style> => {
    // A number format only where a number is: the add-in gives text cells "@" instead, and
    // text shows the same under any format.
    const numFmt = numeric ? l.numFmt : undefined;
    const key = `${l.style ?? ""}|${numFmt ?? ""}|${l.align?.horizontal ?? ""}|${l.align?.vertical ?? ""}`;
    let style = shared.get(key);
    if (!style) {
      const base = l.style ? STYLES[l.style] : {};
      style = { ...base };
      if (numFmt) style.numFmt = numFmt;
      if (l.align) {
        const alignment: Partial<ExcelJS.Alignment> = { ...base.alignment };
        if (l.align.horizontal) alignment.horizontal = l.align.horizontal;
        if (l.align.vertical) alignment.vertical = l.align.vertical;
        // Text in a merged box (主要事迹, the signature line) wraps whatever its alignment.
        if (l.style === "text") alignment.wrapText = true;
        style.alignment = alignment;
      }
      shared.set(key, style);
    }
    return style;
  };
  looks.forEach((row, r) => {
    const xr = ws.getRow(r + 1);
    row.forEach((l, c) => {
      const v = out.cells[r]?.[c];
      if (l) xr.getCell(c + 1).style = styleFor(l, typeof v === "number" || v instanceof Date);
    });
  });

  out.cells.forEach((row, r) => {
    const xr = ws.getRow(r + 1);
    row.forEach((v, c) => {
      if (v !== null) setCell(xr.getCell(c + 1), v);
    });
  });
  for (const m of out.merges) ws.mergeCellsWithoutStyle(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  for (const h of out.rowHeights) ws.getRow(h.row + 1).height = h.points;
  const f = out.filter;
  if (f) ws.autoFilter = { from: { row: f.row + 1, column: f.col + 1 }, to: { row: f.row + f.rows, column: f.col + f.cols } };
  for (const c of out.hiddenCols ?? []) ws.getColumn(c + 1).hidden = true;
  // The mark in the footer: exceljs always writes one (footerOf).
  a4(ws, out.print, footerOf(out));
  // A break above row n is exceljs's break after row n − 1.
  for (const b of out.print.rowBreaks) if (b >= 2) ws.getRow(b - 1).addPageBreak();
}

/** Show this sheet when the file is opened, and only this one selected (no accidental group). */
function activate(wb: ExcelJS.Workbook, name: string): void {
  const sheets = wb.worksheets;
  const index = sheets.findIndex((w) => w.name === name);
  if (index < 0) return;
  for (const w of sheets) {
    // exceljs reads and writes tabSelected but its typings lack it.
    const view = (w.views as (typeof w.views)[number][] | null)?.[0] as { tabSelected?: boolean } | undefined;
    if (view) view.tabSelected = w.name === name;
  }
  const prior = (wb.views as (typeof wb.views)[number][] | null | undefined)?.[0];
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, visibility: "visible", ...prior, firstSheet: 0, activeTab: index }];
}

/**
 * Carry out a session's write (see session.ts): delete the tool's own sheets named in
 * `replace`, add the described sheets in order at the end, then the template's input sheets.
 */
export function writeRequest(wb: ExcelJS.Workbook, request: WriteRequest): void {
  for (const name of request.replace) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  for (const sheet of request.sheets) writeFreeSheet(wb, sheet);
  for (const t of request.templates) addTemplateSheet(wb, t.sheet, t.header, t.exists ? wb.getWorksheet(t.sheet.name) : undefined);
  if (request.activate) activate(wb, request.activate);
}

/**
 * The exceljs workbook as the session's host port. The workbook is in memory, so every call
 * answers at once; grids are read once and kept until the next write.
 */
export function xlsxPort(wb: ExcelJS.Workbook): HostPort {
  const grids = new Map<string, Grid>();
  const gridOf = (name: string): Grid => {
    let g = grids.get(name);
    if (!g) {
      const ws = wb.getWorksheet(name);
      g = ws ? sheetGrid(ws) : [];
      grids.set(name, g);
    }
    return g;
  };
  return {
    sheetNames: () => Promise.resolve(wb.worksheets.map((w) => w.name)),
    extents: (names) =>
      Promise.resolve(
        names.map((name) => ({ name, top: 0, left: 0, ...valueExtent(gridOf(name)) })),
      ),
    read: (extents, firstCells) =>
      Promise.resolve({
        grids: extents.map((e) => ({ name: e.name, grid: gridOf(e.name) })),
        firstCells: firstCells.map((n) => gridOf(n)[0]?.[0] ?? null),
        footers: firstCells.map((n) => {
          const ws = wb.getWorksheet(n);
          return ws ? footerText(ws) : "";
        }),
      }),
    write: (request) => {
      grids.clear();
      writeRequest(wb, request);
      return Promise.resolve();
    },
  };
}

/** The workbook as .xlsx bytes, validations folded first (see compactValidations). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  for (const ws of wb.worksheets) compactValidations(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
