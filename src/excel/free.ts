/**
 * Writing a FreeSheet (src/workbook/sheetdoc.ts) with Office.js: values and number formats in
 * row slices, merged areas, the named styles, widths and heights, frozen rows, page setup,
 * page breaks and native charts — as write plans (plans.ts) that pack into as few syncs as
 * the request budget allows.
 *
 * The number of commands grows with merges, style blocks, tall rows, page breaks and charts,
 * never with cells: values and number formats go in as 2-D arrays, each style is applied to
 * blocks (with ExcelApi 1.9 to many blocks at once through Worksheet.getRanges), and cells
 * styled alike are first joined into as few blocks as possible.
 */
import { dayFromDate, excelSerialFromDay } from "../core/dates";
import { a1, columnLetters, rangeA1 } from "../core/address";
import { type CellValue, safeText } from "../workbook/cells";
import { CELL_STYLES, type CellStyle, type ChartSpec, FONT_NAME, footerOf, type FreeSheet, type Look, LOOKS, PAGE_MARGINS, type Rect, titleWithMark } from "../workbook/sheetdoc";
import { jsonBytes } from "./cells";
import { ACTION_BYTES, chunkedPlans, PATH_BYTES, PLAN_BYTES, pointsFromChars, REQUEST_BUDGET_BYTES, type WritePlan } from "./plans";

/** Office.context.requirements.isSetSupported("ExcelApi", version) */
export type Supports = (version: string) => boolean;

// ------------------------------------------------------------------------------------ looks

// The looks are data in sheetdoc.ts (LOOKS), shared with the exceljs host.

const BORDER_ITEMS = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

/** Everything of a look but its lines (see applyBorders). */
function applyLook(format: Excel.RangeFormat, look: Look): void {
  if (hasFont(look)) format.font.name = FONT_NAME;
  if (look.bold !== undefined) format.font.bold = look.bold;
  if (look.italic !== undefined) format.font.italic = look.italic;
  if (look.size !== undefined) format.font.size = look.size;
  if (look.color !== undefined) format.font.color = look.color;
  if (look.fill !== undefined) format.fill.color = look.fill;
  if (look.hAlign !== undefined) format.horizontalAlignment = H_ALIGN[look.hAlign];
  if (look.vAlign !== undefined) format.verticalAlignment = V_ALIGN[look.vAlign];
  if (look.wrap !== undefined) format.wrapText = look.wrap;
}

/** Thin lines of one colour around and between every cell of the target. */
function applyBorders(format: Excel.RangeFormat, color: string): void {
  for (const item of BORDER_ITEMS) {
    const b = format.borders.getItem(item);
    b.style = "Continuous";
    b.color = color;
  }
}

/** A whole look, lines included, on one target (the template's header row). */
export function applyLookTo(format: Excel.RangeFormat, look: Look): void {
  applyLook(format, look);
  if (look.border !== undefined) applyBorders(format, look.border);
}

/** Request bytes of applyBorders on one target (the target's own path not included). */
const BORDER_BYTES = (2 + BORDER_ITEMS.length) * PATH_BYTES + 2 * BORDER_ITEMS.length * ACTION_BYTES;

/** A cell's alignment on top of its style (sheetdoc AlignRect), as Office.js names it. */
interface Align {
  readonly h?: "Left" | "Center" | "Right";
  readonly v?: "Top" | "Center" | "Bottom";
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

const hasFont = (look: Look): boolean => look.bold !== undefined || look.italic !== undefined || look.size !== undefined || look.color !== undefined;

/** Request bytes of applyLook on one target (the target's own path not included). */
export function lookBytes(look: Look): number {
  const set = ["bold", "italic", "size", "color"].filter((k) => (look as Record<string, unknown>)[k] !== undefined).length;
  const font = set > 0 ? set + 1 : 0; // and the font's name
  const own = ["fill", "hAlign", "vAlign", "wrap"].filter((k) => (look as Record<string, unknown>)[k] !== undefined).length;
  const paths = 1 + (font > 0 ? 1 : 0) + (look.fill !== undefined ? 1 : 0);
  return paths * PATH_BYTES + (font + own) * ACTION_BYTES;
}

// ------------------------------------------------------------------------------------ blocks

/**
 * Cells (row, col) as few blocks as a simple sweep finds: runs along each row, and a run
 * continues the block above when it spans the same columns. Cells need not be sorted.
 */
export function blocksOf(cells: Iterable<readonly [number, number]>): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const [r, c] of cells) {
    const row = byRow.get(r);
    if (row) row.push(c);
    else byRow.set(r, [c]);
  }
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(byRow.get(r))].sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && (cols[j + 1] as number) === (cols[j] as number) + 1) j++;
      const col = cols[i] as number;
      const width = j - i + 1;
      const key = `${col}:${width}`;
      const above = open.get(key);
      if (above && above.row + above.rows === r) {
        next.set(key, { ...above, rows: above.rows + 1 });
        open.delete(key);
      } else next.set(key, { row: r, col, rows: 1, cols: width });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Paint rects in order, later ones over earlier ones: the last value each cell got. */
function paint<T>(items: readonly { readonly rect: Rect; readonly value: T }[]): Map<string, { row: number; col: number; value: T }> {
  const out = new Map<string, { row: number; col: number; value: T }>();
  for (const { rect, value } of items) {
    for (let r = rect.row; r < rect.row + rect.rows; r++) for (let c = rect.col; c < rect.col + rect.cols; c++) out.set(`${r},${c}`, { row: r, col: c, value });
  }
  return out;
}

export interface StyleBlocks {
  /** Each style's blocks, for everything of its look but the lines. */
  readonly looks: Map<CellStyle, Rect[]>;
  /** The lines, by colour, over every cell whose style has them: a form's boxes are a few blocks whatever their styles. */
  readonly borders: Map<string, Rect[]>;
}

/**
 * Each style's blocks. A cell takes the last style listed over it, whole (as an exceljs cell
 * takes one style object), so the blocks of different styles never overlap and the order
 * they are applied in does not matter.
 */
export function styleBlocks(sheet: FreeSheet): StyleBlocks {
  const cells = paint(sheet.styles.map((s) => ({ rect: s.rect, value: s.style })));
  const byStyle = new Map<CellStyle, [number, number][]>();
  const byBorder = new Map<string, [number, number][]>();
  const add = <K>(m: Map<K, [number, number][]>, k: K, cell: [number, number]): void => {
    const list = m.get(k);
    if (list) list.push(cell);
    else m.set(k, [cell]);
  };
  for (const { row, col, value } of cells.values()) {
    add(byStyle, value, [row, col]);
    const border = LOOKS[value].border;
    if (border !== undefined) add(byBorder, border, [row, col]);
  }
  const looks = new Map<CellStyle, Rect[]>();
  for (const style of CELL_STYLES) {
    const list = byStyle.get(style);
    if (list) looks.set(style, blocksOf(list));
  }
  const borders = new Map<string, Rect[]>();
  for (const [color, list] of [...byBorder].sort((a, b) => (a[0] < b[0] ? -1 : 1))) borders.set(color, blocksOf(list));
  return { looks, borders };
}

/**
 * The alignment overrides' blocks, one list per combination. Later overrides win per
 * direction, as in the exceljs host.
 */
export function alignBlocks(sheet: FreeSheet): { align: Align; rects: Rect[] }[] {
  const cells = new Map<string, { row: number; col: number; align: Align }>();
  for (const a of sheet.aligns ?? []) {
    const patch: Align = { ...(a.horizontal ? { h: H_ALIGN[a.horizontal] } : {}), ...(a.vertical ? { v: V_ALIGN[a.vertical] } : {}) };
    for (let r = a.rect.row; r < a.rect.row + a.rect.rows; r++) {
      for (let c = a.rect.col; c < a.rect.col + a.rect.cols; c++) {
        const k = `${r},${c}`;
        cells.set(k, { row: r, col: c, align: { ...cells.get(k)?.align, ...patch } });
      }
    }
  }
  const byKey = new Map<string, { align: Align; cells: [number, number][] }>();
  for (const { row, col, align } of cells.values()) {
    const k = `${align.h ?? ""}|${align.v ?? ""}`;
    const g = byKey.get(k);
    if (g) g.cells.push([row, col]);
    else byKey.set(k, { align, cells: [[row, col]] });
  }
  return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => ({ align: g.align, rects: blocksOf(g.cells) }));
}

/**
 * Merged areas as merge commands: single-row areas of the same columns in consecutive rows
 * become one merge(across) of their block.
 */
export function mergeCommands(merges: readonly Rect[]): { rect: Rect; across: boolean }[] {
  const single = merges.filter((m) => m.rows === 1 && m.cols > 1);
  const out: { rect: Rect; across: boolean }[] = merges.filter((m) => m.rows > 1 && m.rows * m.cols > 1).map((rect) => ({ rect, across: false }));
  const byCols = new Map<string, Rect[]>();
  for (const m of single) {
    const key = `${m.col}:${m.cols}`;
    const list = byCols.get(key);
    if (list) list.push(m);
    else byCols.set(key, [m]);
  }
  for (const list of byCols.values()) {
    list.sort((a, b) => a.row - b.row);
    const runs: Rect[] = [];
    for (const m of list) {
      const last = runs[runs.length - 1];
      if (last && m.row === last.row + last.rows) runs[runs.length - 1] = { ...last, rows: last.rows + 1 };
      else runs.push(m);
    }
    for (const rect of runs) out.push({ rect, across: rect.rows > 1 });
  }
  return out.sort((a, b) => a.rect.row - b.rect.row || a.rect.col - b.rect.col);
}

type OfficeValue = string | number | boolean;

function officeValue(v: CellValue): OfficeValue {
  if (v === null) return "";
  if (typeof v === "string") return safeText(v);
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    const day = dayFromDate(v);
    return day === null ? "" : excelSerialFromDay(day);
  }
  return safeText(v.error);
}

export interface FreeBlock {
  readonly width: number;
  readonly values: OfficeValue[][];
  /** null = leave the cell's format as it is (General on a new sheet). */
  readonly formats: (string | null)[][];
}

/**
 * The sheet's cells as Office.js arrays. Text is "@" so that "=…", "+1" or "@x" stay text;
 * numbers and dates take the last number-format block over them (dates default to
 * yyyy-mm-dd). `markInTitle`: this Excel cannot write the page footer that carries
 * OUTPUT_MARK, so A1 carries it after the title (titleWithMark).
 */
export function freeBlock(sheet: FreeSheet, markInTitle = false): FreeBlock {
  const rows = sheet.cells.length;
  let width = Math.max(sheet.widths.length, 1);
  for (let r = 0; r < sheet.cells.length; r++) width = Math.max(width, sheet.cells[r]?.length ?? 0);
  const fmts = paint(sheet.numFmts.map((f) => ({ rect: f.rect, value: f.numFmt })));
  const values: OfficeValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const vr: OfficeValue[] = [];
    const fr: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      let v: CellValue = sheet.cells[r]?.[c] ?? null;
      if (markInTitle && r === 0 && c === 0 && sheet.mark) v = titleWithMark(sheet);
      vr.push(officeValue(v));
      if (v === null || typeof v === "boolean") fr.push(null);
      else if (typeof v === "number") fr.push(fmts.get(`${r},${c}`)?.value ?? null);
      else if (v instanceof Date) fr.push(fmts.get(`${r},${c}`)?.value ?? "yyyy-mm-dd");
      else fr.push("@");
    }
    values.push(vr);
    formats.push(fr);
  }
  return { width, values, formats };
}

// ------------------------------------------------------------------------------------ plans

export const CHART_TYPES: Readonly<Record<ChartSpec["type"], "ColumnClustered" | "Pie" | "LineMarkers">> = {
  bar: "ColumnClustered",
  pie: "Pie",
  line: "LineMarkers",
};

/** Longest address handed to one Worksheet.getRanges (Excel refuses somewhere past 8,000 characters). */
export const RANGES_ADDRESS_CHARS = 2000;

/** Addresses joined with "," into groups of at most RANGES_ADDRESS_CHARS characters. */
export function addressGroups(addresses: readonly string[], limit = RANGES_ADDRESS_CHARS): string[] {
  const groups: string[] = [];
  let cur = "";
  for (const a of addresses) {
    if (cur !== "" && cur.length + 1 + a.length > limit) {
      groups.push(cur);
      cur = "";
    }
    cur = cur === "" ? a : `${cur},${a}`;
  }
  if (cur !== "") groups.push(cur);
  return groups;
}

const sheetOf = (context: Excel.RequestContext, name: string): Excel.Worksheet => context.workbook.worksheets.getItem(name);

/** Consecutive columns of equal width as one command each. */
function widthRuns(widths: readonly number[]): { first: number; last: number; points: number }[] {
  const runs: { first: number; last: number; points: number }[] = [];
  widths.forEach((w, i) => {
    const points = pointsFromChars(w);
    const prev = runs[runs.length - 1];
    if (prev && prev.points === points && prev.last === i - 1) prev.last = i;
    else runs.push({ first: i, last: i, points });
  });
  return runs;
}

/** A free sheet's writes: the data (under the name it is built as) and the looks (under its own name). */
export interface FreeSheetPlans {
  /** The sheet added (hidden when built under another name), widths, frozen rows, values, merges, styles, heights. */
  readonly data: WritePlan[];
  /** Page setup, page breaks, filter buttons and charts: run after the sheet has its own name, and only the look depends on them. */
  readonly looks: WritePlan[];
}

/**
 * Everything one free sheet needs, as plans in the order they must run. The data is built on
 * a new sheet called `buildAs` (a temporary name: see host.ts, the swap keeps the previous
 * results until the new ones are complete), added hidden when that is not the sheet's own
 * name; the looks address the sheet by its own name, after the swap.
 */
export function freeSheetPlans(sheet: FreeSheet, supports: Supports, buildAs: string = sheet.name): FreeSheetPlans {
  const name = buildAs;
  const printing = supports("1.9");
  const p = sheet.print;
  const widths = widthRuns(sheet.widths);
  const header = safeText(p.header).replace(/&/g, "&&");
  const footer = footerOf(sheet);
  const hidden = buildAs !== sheet.name;
  const hiddenCols = blocksOf((sheet.hiddenCols ?? []).map((c) => [0, c] as const)).map((b) => `${columnLetters(b.col + 1)}:${columnLetters(b.col + b.cols)}`);
  const headBytes =
    PLAN_BYTES +
    PATH_BYTES * (4 + widths.length + hiddenCols.length) +
    ACTION_BYTES * (3 + widths.length + hiddenCols.length) +
    jsonBytes(name) * 3 +
    (printing ? 4 * PATH_BYTES + ACTION_BYTES + jsonBytes(footer) : 0);
  const plans: WritePlan[] = [
    {
      bytes: headBytes,
      apply: (context) => {
        const ws = context.workbook.worksheets.add(name);
        if (hidden) ws.visibility = "Hidden";
        for (const w of widths) ws.getRange(`${columnLetters(w.first + 1)}:${columnLetters(w.last + 1)}`).format.columnWidth = w.points;
        for (const cols of hiddenCols) ws.getRange(cols).columnHidden = true;
        if (sheet.freezeRows > 0) ws.freezePanes.freezeRows(sheet.freezeRows);
        // The footer carries OUTPUT_MARK: written with the data, not with the look (whose
        // failure is only a note), so a sheet complete enough to be swapped in is known as the
        // tool's own on the next run. Without ExcelApi 1.9 A1 carries the mark (freeBlock).
        if (printing) ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = footer;
      },
    },
  ];
  const looks: WritePlan[] = [];
  if (printing) {
    looks.push({
      bytes: PLAN_BYTES + PATH_BYTES * 4 + ACTION_BYTES * 7 + jsonBytes(sheet.name) + jsonBytes(header) + jsonBytes(p.area ?? "") + 128,
      apply: (context) => {
        const layout = sheetOf(context, sheet.name).pageLayout;
        layout.paperSize = "A4";
        layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
        if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows[0]}:$${p.titleRows[1]}`);
        if (p.titleColumns) layout.setPrintTitleColumns(`$${columnLetters(p.titleColumns[0])}:$${columnLetters(p.titleColumns[1])}`);
        if (!p.fitToWidth && p.scale !== undefined) layout.zoom = { scale: p.scale };
        if (p.area) layout.setPrintArea(p.area);
        layout.setPrintMargins("Inches", PAGE_MARGINS);
        // Each sheet counts its own pages, as the file host's pageSetup says (firstPageNumber 1).
        layout.firstPageNumber = 1;
        const hf = layout.headersFooters.defaultForAllPages;
        hf.centerHeader = header;
      },
    });
  }

  // Values, in row slices within the budget; in each, the formats before the values.
  const block = freeBlock(sheet, !printing);
  // Each row in both arrays, with the commas between rows.
  const rowBytes = block.values.map((row, r) => jsonBytes(row) + jsonBytes(block.formats[r]) + 2);
  const sliceBudget = REQUEST_BUDGET_BYTES * 0.9;
  for (let start = 0; start < block.values.length; ) {
    let end = start;
    let bytes = 0;
    while (end < block.values.length && (end === start || bytes + (rowBytes[end] as number) <= sliceBudget)) bytes += rowBytes[end++] as number;
    const values = block.values.slice(start, end);
    const formats = block.formats.slice(start, end);
    const anyFormat = formats.some((row) => row.some((f) => f !== null));
    const top = start;
    plans.push({
      bytes: bytes + PLAN_BYTES + PATH_BYTES + 2 * ACTION_BYTES,
      apply: (context) => {
        const range = sheetOf(context, name).getRangeByIndexes(top, 0, values.length, block.width);
        if (anyFormat) range.numberFormat = formats;
        range.values = values;
      },
    });
    start = end;
  }

  // Merges, after the values (a merge keeps the top-left value).
  const merges = mergeCommands(sheet.merges);
  plans.push(
    ...chunkedPlans(
      merges,
      (m) => PATH_BYTES + ACTION_BYTES + rangeA1(m.rect).length,
      (context, part) => {
        const ws = sheetOf(context, name);
        for (const m of part) ws.getRange(rangeA1(m.rect)).merge(m.across);
      },
    ),
  );

  // Styles: with ExcelApi 1.9 one set of commands per style (per few hundred blocks), else
  // per block; the lines once per colour over all the cells that have them.
  const blocks = styleBlocks(sheet);
  const targets: { look: Look | null; border: string | null; address: string }[] = [];
  const spread = (rects: readonly Rect[]): string[] => {
    const addresses = rects.map((r) => rangeA1(r));
    return printing ? addressGroups(addresses) : addresses;
  };
  for (const [style, rects] of blocks.looks) for (const address of spread(rects)) targets.push({ look: LOOKS[style], border: null, address });
  for (const [color, rects] of blocks.borders) for (const address of spread(rects)) targets.push({ look: null, border: color, address });
  plans.push(
    ...chunkedPlans(
      targets,
      (t) => PATH_BYTES + t.address.length + (t.look ? lookBytes(t.look) : BORDER_BYTES),
      (context, part) => {
        const ws = sheetOf(context, name);
        for (const t of part) {
          const format = (printing ? ws.getRanges(t.address) : ws.getRange(t.address)).format;
          if (t.look) applyLook(format, t.look);
          if (t.border) applyBorders(format, t.border);
        }
      },
    ),
  );

  // Alignment overrides, after the styles they adjust.
  const alignTargets: { align: Align; address: string }[] = [];
  for (const { align, rects } of alignBlocks(sheet)) {
    const addresses = rects.map((r) => rangeA1(r));
    for (const address of printing ? addressGroups(addresses) : addresses) alignTargets.push({ align, address });
  }
  plans.push(
    ...chunkedPlans(
      alignTargets,
      (t) => 2 * PATH_BYTES + 2 * ACTION_BYTES + t.address.length,
      (context, part) => {
        const ws = sheetOf(context, name);
        for (const t of part) {
          const format = (printing ? ws.getRanges(t.address) : ws.getRange(t.address)).format;
          if (t.align.h) format.horizontalAlignment = t.align.h;
          if (t.align.v) format.verticalAlignment = t.align.v;
        }
      },
    ),
  );

  // Row heights: rows of one height together (getRanges), else runs of consecutive rows.
  const heightTargets: { address: string; points: number }[] = [];
  const byHeight = new Map<number, number[]>();
  // Pushed, not copied: a copy per row was quadratic (50,000 rows of 反馈单 at 5,000 members).
  for (const h of sheet.rowHeights) {
    const rows = byHeight.get(h.points);
    if (rows) rows.push(h.row);
    else byHeight.set(h.points, [h.row]);
  }
  for (const [points, rows] of byHeight) {
    const runs = blocksOf(rows.map((r) => [r, 0] as const)).map((b) => `${b.row + 1}:${b.row + b.rows}`);
    for (const address of printing ? addressGroups(runs) : runs) heightTargets.push({ address, points });
  }
  plans.push(
    ...chunkedPlans(
      heightTargets,
      (t) => 2 * PATH_BYTES + ACTION_BYTES + t.address.length,
      (context, part) => {
        const ws = sheetOf(context, name);
        for (const t of part) (printing ? ws.getRanges(t.address) : ws.getRange(t.address)).format.rowHeight = t.points;
      },
    ),
  );

  // Manual page breaks: one command each (the API takes one range per break).
  if (printing) {
    const breaks = [...new Set(p.rowBreaks)].filter((r) => r > 1).sort((a, b) => a - b);
    looks.push(
      ...chunkedPlans(
        breaks,
        (r) => PATH_BYTES + 10 + String(r).length,
        (context, part) => {
          const pageBreaks = sheetOf(context, sheet.name).horizontalPageBreaks;
          for (const r of part) pageBreaks.add(`A${r}`);
        },
      ),
    );
  }

  // The filter buttons need ExcelApi 1.9, as the print setup does.
  const filter = sheet.filter;
  if (filter && printing) {
    looks.push({
      bytes: PLAN_BYTES + 2 * PATH_BYTES + ACTION_BYTES + rangeA1(filter).length,
      apply: (context) => {
        const ws = sheetOf(context, sheet.name);
        ws.autoFilter.apply(ws.getRange(rangeA1(filter)));
      },
    });
  }

  for (const chart of sheet.charts) looks.push(chartPlan(sheet.name, chart));
  return { data: plans, looks };
}

/**
 * A native chart over `data`: the value columns (with their header row, which names the
 * series) make the chart, then every series gets the first column as its category labels.
 * Handing Excel the value columns only leaves it nothing to guess: it would take a first
 * column of dates for a series of its own.
 */
function chartPlan(sheetName: string, chart: ChartSpec): WritePlan {
  const d = chart.data;
  if (d.cols < 2 || d.rows < 2) throw new Error(`chart "${chart.title}": data ${rangeA1(d)} needs a header row, a category column and a value column`);
  const series = d.cols - 1;
  const at = chart.at;
  return {
    bytes: PLAN_BYTES + PATH_BYTES * (5 + 3 * series) + ACTION_BYTES * (4 + series) + jsonBytes(chart.title) + 64,
    apply: (context) => {
      const ws = sheetOf(context, sheetName);
      const made = ws.charts.add(CHART_TYPES[chart.type], ws.getRangeByIndexes(d.row, d.col + 1, d.rows, series), "Columns");
      made.title.text = safeText(chart.title);
      made.title.visible = true;
      for (let i = 0; i < series; i++) made.series.getItemAt(i).setXAxisValues(ws.getRangeByIndexes(d.row + 1, d.col, d.rows - 1, 1));
      made.setPosition(a1(at.row, at.col), a1(at.row + at.rows - 1, at.col + at.cols - 1));
    },
  };
}
