/**
 * The exceljs host, for the command line and the browser page alike (no file system here):
 * .xlsx workbook ↔ host-neutral grids. Reads every sheet into grids, writes the
 * template and the output sheets, and never changes a cell of a sheet it does not own.
 */
import ExcelJS from "exceljs";
import { type Issue, issue } from "../core/issues";
import { EXCEL_ERRORS } from "../excel/cells";
import { a1, columnLetters, parseA1 } from "../core/address";
import { type CellValue, type Grid, isCellError, safeText } from "../workbook/cells";
import { GUIDE_SHEET_NAME, OUTPUT_HEADER_ROW, OUTPUT_SHEETS, TEMPLATE_ROWS } from "../workbook/layout";
import { isOwnOutputGrid, type OutputSheet, type TableSheet } from "../workbook/output";
import { type AlignRect, type CellStyle, type FreeSheet, type Look, LOOKS, type Rect } from "../workbook/sheetdoc";
import type { SheetGrid } from "../workbook/parse";
import { guideLines, type TemplateSheet } from "../workbook/template";
import { LINE_POINTS, wrappedLines } from "../workbook/yearend";

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

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFC00000" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFFFFFFF" }, name: "等线", size: 11 };
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14, name: "等线", color: { argb: "FFC00000" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};

function a4(ws: ExcelJS.Worksheet, titleRow: number, headerText: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    // Each output sheet counts its own pages: LibreOffice otherwise goes on from the sheet before.
    firstPageNumber: 1,
    printTitlesRow: `${titleRow}:${titleRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddHeader: `&C${headerText.replace(/&/g, "&&")}`, oddFooter: "&C第 &P 页，共 &N 页" };
}

function listFormula(values: readonly string[]): string {
  return `"${values.join(",")}"`;
}

/** Fill a cell from the neutral model; text is cleaned and is never a formula. */
function setCell(cell: ExcelJS.Cell, v: CellValue): void {
  if (v === null || v === "") return;
  if (typeof v === "string") cell.value = safeText(v);
  else if (isCellError(v)) cell.value = safeText(v.error);
  else cell.value = v;
}

// ---------------------------------------------------------------------------------- template

export function addTemplateSheet(wb: ExcelJS.Workbook, sheet: TemplateSheet, branch: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  const header = ws.getRow(1);
  let col = 1;
  const lastRow = Math.max(TEMPLATE_ROWS + 1, sheet.rows.length + 1);
  for (const c of sheet.columns) {
    const span = c.span ?? 1;
    for (let k = 0; k < span; k++) ws.getColumn(col + k).width = c.width;
    const cell = header.getCell(col);
    if (c.header !== "") cell.value = c.header;
    if (c.note) cell.note = c.note;
    if (c.numFmt) for (let k = 0; k < span; k++) ws.getColumn(col + k).numFmt = c.numFmt;
    if (c.list) {
      const range = `${columnLetters(col)}2:${columnLetters(col + span - 1)}${lastRow}`;
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
  for (let c = 1; c <= lastCol; c++) {
    const cell = header.getCell(c);
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.border = THIN;
  }
  header.height = 22;
  for (const c of sheet.cellLists ?? []) {
    validationsOf(ws).model[`${columnLetters(c.col + 1)}${c.row + 2}`] = {
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
    const r = ws.getRow(i + 2);
    row.forEach((v, j) => {
      const cell = r.getCell(j + 1);
      setCell(cell, v);
      const fmt = sheet.columns[j]?.numFmt;
      if (v instanceof Date) cell.numFmt = fmt ?? "yyyy-mm-dd";
    });
  });
  a4(ws, 1, `${branch} ${sheet.name}`);
  return ws;
}

export function addGuideSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(GUIDE_SHEET_NAME);
  ws.getColumn(1).width = 110;
  guideLines().forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = TITLE_FONT;
    else if (/^[一二三四五六]、/.test(line)) cell.font = { bold: true };
  });
  a4(ws, 1, GUIDE_SHEET_NAME);
  ws.pageSetup.orientation = "portrait";
  return ws;
}

export function buildTemplateWorkbook(sheets: readonly TemplateSheet[], branch: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "创先争优考评助手";
  addGuideSheet(wb);
  for (const s of sheets) addTemplateSheet(wb, s, branch);
  // Open on the roster: the first sheet she fills.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: "visible" }];
  return wb;
}

// ----------------------------------------------------------------------------------- outputs

/** The output sheets in this workbook that the tool wrote (their A1 carries the mark): replaced on the next calc. */
export function ownOutputSheetNames(wb: ExcelJS.Workbook): string[] {
  return OUTPUT_SHEETS.map((d) => d.name).filter((name) => {
    const ws = wb.getWorksheet(name);
    return ws !== undefined && isOwnOutputGrid([[toCellValue(ws.getCell(1, 1).value)]]);
  });
}

/** Output-sheet names that are taken by a sheet the tool did not write (never overwritten). */
export function foreignOutputIssues(grids: readonly SheetGrid[]): Issue[] {
  const out: Issue[] = [];
  for (const def of OUTPUT_SHEETS) {
    const g = grids.find((s) => s.name === def.name);
    if (g && g.grid.some((row) => row.some((v) => v !== null && v !== "")) && !isOwnOutputGrid(g.grid)) {
      out.push(issue("output_sheet_foreign", "错误", def.name, "A1", { sheet: def.name }));
    }
  }
  return out;
}

const GRADE_FILLS: Readonly<Record<string, string>> = { 优秀: "FFE2EFDA", 待定: "FFFFF2CC", 基本合格: "FFFCE4D6", 不合格: "FFF8CBAD" };

function writeOutputSheet(wb: ExcelJS.Workbook, out: TableSheet, branchHeader: string): void {
  const ws = wb.addWorksheet(out.name, { views: [{ state: "frozen", xSplit: 0, ySplit: OUTPUT_HEADER_ROW }] });
  ws.getCell(1, 1).value = safeText(out.title);
  ws.getCell(1, 1).font = TITLE_FONT;
  const header = ws.getRow(OUTPUT_HEADER_ROW);
  out.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.border = THIN;
  });
  const gradeCols = out.columns.map((c, i) => (c.header.endsWith("等次") ? i : -1)).filter((i) => i >= 0);
  // One style object per kind of body cell, shared by every cell of that kind: exceljs
  // recognises a style object it has seen and skips rebuilding its XML, which per-cell
  // objects cost on every save (1.3 s of CPU at 5,000 members, a third of the whole write).
  // Made per sheet, and never changed once a cell holds it.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (c: number, v: CellValue): Partial<ExcelJS.Style> => {
    const fmt = out.columns[c]?.numFmt;
    const numFmt = fmt && typeof v === "number" ? fmt : undefined;
    const wrap = (out.columns[c]?.width ?? 0) >= 30;
    const fill = gradeCols.includes(c) && typeof v === "string" ? GRADE_FILLS[v] : undefined;
    const key = `${numFmt ?? ""}|${wrap ? 1 : 0}|${fill ?? ""}`;
    let style = styles.get(key);
    if (!style) {
      style = {};
      if (numFmt) style.numFmt = numFmt;
      style.border = THIN;
      if (wrap) style.alignment = { wrapText: true, vertical: "top" };
      if (fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
      styles.set(key, style);
    }
    return style;
  };
  out.rows.forEach((row, r) => {
    const xr = ws.getRow(OUTPUT_HEADER_ROW + 1 + r);
    let lines = 1;
    row.forEach((v, c) => {
      const cell = xr.getCell(c + 1);
      setCell(cell, v);
      cell.style = styleOf(c, v);
      const width = out.columns[c]?.width ?? 0;
      if (width >= 30 && typeof v === "string") lines = Math.max(lines, wrappedLines(v, width));
    });
    // A stored height for rows of wrapped text: LibreOffice (and a printout from it) keeps a
    // row's stored height and would print the first line of a long 说明 or 推荐理由 only.
    // (Excel grows such rows itself when the add-in writes them.)
    if (lines > 1) xr.height = lines * LINE_POINTS;
  });
  if (out.rows.length > 0) {
    ws.autoFilter = { from: { row: OUTPUT_HEADER_ROW, column: 1 }, to: { row: OUTPUT_HEADER_ROW + out.rows.length, column: out.columns.length } };
  }
  a4(ws, OUTPUT_HEADER_ROW, `${branchHeader} ${out.name}`);
}

// ------------------------------------------------------------------------------ free sheets

const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/** A look of sheetdoc's LOOKS as exceljs style parts (fonts in 等线, as the table sheets). */
function exceljsStyle(look: Look): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (look.bold !== undefined || look.italic !== undefined || look.size !== undefined || look.color !== undefined) {
    style.font = {
      name: "等线",
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
const FREE_STYLES = Object.fromEntries(Object.entries(LOOKS).map(([k, look]) => [k, exceljsStyle(look)])) as Readonly<Record<CellStyle, Partial<ExcelJS.Style>>>;

function eachCell(rect: Rect, f: (row: number, col: number) => void): void {
  for (let r = rect.row; r < rect.row + rect.rows; r++) for (let c = rect.col; c < rect.col + rect.cols; c++) f(r, c);
}

/**
 * Write a free sheet (年度总结, 推荐表) cell by cell: values, looks, formats, merges, heights,
 * print setup. exceljs cannot draw charts, so the chart note says so in words instead.
 */
function writeFreeSheet(wb: ExcelJS.Workbook, out: FreeSheet): void {
  const ws = wb.addWorksheet(out.name, out.freezeRows > 0 ? { views: [{ state: "frozen", xSplit: 0, ySplit: out.freezeRows }] } : {});
  out.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Each cell's look (style, format, alignment), in a grid; cells with the same look share one
  // style object, which exceljs serialises once (see writeOutputSheet).
  type Look = { style?: CellStyle; numFmt?: string; align?: Omit<AlignRect, "rect"> };
  const looks: (Look | undefined)[][] = [];
  const lookOf = (r: number, c: number): Look => {
    const row = (looks[r] ??= []);
    return (row[c] ??= {});
  };
  for (const s of out.styles) eachCell(s.rect, (r, c) => (lookOf(r, c).style = s.style));
  for (const f of out.numFmts) eachCell(f.rect, (r, c) => (lookOf(r, c).numFmt = f.numFmt));
  for (const a of out.aligns ?? []) {
    eachCell(a.rect, (r, c) => {
      const l = lookOf(r, c);
      l.align = { ...l.align, ...(a.horizontal ? { horizontal: a.horizontal } : {}), ...(a.vertical ? { vertical: a.vertical } : {}) };
    });
  }
  const note = out.chartNote;
  if (note) lookOf(note.row, note.col).style = "note";

  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styleFor = (l: Look): Partial<ExcelJS.Style> => {
    const key = `${l.style ?? ""}|${l.numFmt ?? ""}|${l.align?.horizontal ?? ""}|${l.align?.vertical ?? ""}`;
    let style = shared.get(key);
    if (!style) {
      const base = l.style ? FREE_STYLES[l.style] : {};
      style = { ...base };
      if (l.numFmt) style.numFmt = l.numFmt;
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
      if (l) xr.getCell(c + 1).style = styleFor(l);
    });
  });

  out.cells.forEach((row, r) => {
    const xr = ws.getRow(r + 1);
    row.forEach((v, c) => {
      if (v !== null) setCell(xr.getCell(c + 1), v);
    });
  });
  if (note) ws.getCell(note.row + 1, note.col + 1).value = safeText(note.notDrawn);
  for (const m of out.merges) ws.mergeCellsWithoutStyle(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  for (const h of out.rowHeights) ws.getRow(h.row + 1).height = h.points;

  const p = out.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: p.orientation,
    firstPageNumber: 1,
    fitToPage: p.fitToWidth,
    ...(p.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(p.titleRows ? { printTitlesRow: `${p.titleRows[0]}:${p.titleRows[1]}` } : {}),
    // exceljs puts a "$" before each corner as given: "A3:F97" became $A3:$F97, a range with
    // relative rows, which LibreOffice ignores (the whole sheet printed). "A$3:F$97" gives $A$3:$F$97.
    ...(p.area ? { printArea: p.area.replace(/([A-Z]+)\$?(\d+)/g, "$1$$$2") } : {}),
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddHeader: `&C${safeText(p.header).replace(/&/g, "&&")}`, oddFooter: "&C第 &P 页，共 &N 页" };
  // A break above row n is exceljs's break after row n − 1.
  for (const b of p.rowBreaks) if (b >= 2) ws.getRow(b - 1).addPageBreak();
}

/**
 * Replace the tool's own output sheets with new ones, in a fixed order at the end of the
 * workbook, so a second run gives the same workbook. A sheet named like an output sheet that
 * the tool did not write is left exactly as it is (see foreignOutputIssues).
 */
export function writeOutputs(wb: ExcelJS.Workbook, outputs: readonly OutputSheet[], branchHeader: string): string[] {
  const skipped: string[] = [];
  for (const out of outputs) {
    const existing = wb.getWorksheet(out.name);
    if (existing) {
      const grid = sheetGrid(existing);
      const empty = !grid.some((row) => row.some((v) => v !== null && v !== ""));
      if (!empty && !isOwnOutputGrid(grid)) {
        skipped.push(out.name);
        continue;
      }
      wb.removeWorksheet(existing.id);
    }
  }
  for (const out of outputs) {
    if (skipped.includes(out.name)) continue;
    if (out.kind === "table") writeOutputSheet(wb, out, branchHeader);
    else writeFreeSheet(wb, out);
  }
  return skipped;
}

/** The workbook as .xlsx bytes, validations folded first (see compactValidations). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  for (const ws of wb.worksheets) compactValidations(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
