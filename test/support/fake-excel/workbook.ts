/**
 * The document side of the fake: sheets as sparse cell stores plus the sheet-level state an
 * add-in sets (widths, frozen rows, validations, page layout, auto filter, tab colour), and
 * the `FakeWorkbook` helpers tests use to set a workbook up and to assert on it.
 *
 * Nothing here knows about batching; `core.ts`/`objects.ts` apply queued operations to a copy
 * of `WorkbookState` at sync time.
 */
import { columnLetters, isEntireColumn, isEntireRow, MAX_COLS, MAX_ROWS, parseRange, type Rect, rangeA1 } from "../../../src/core/address";
import { contains } from "./address";

export type CellScalar = string | number | boolean;

/** Cell formatting the fake keeps. Absent = Excel's default (see DEFAULT_FORMAT). */
export interface FormatState {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  /** null = no fill */
  fillColor?: string | null;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  /** Each cell's own border sides (Range.format.borders); "None" = no line. */
  borderTopStyle?: string;
  borderTopColor?: string;
  borderBottomStyle?: string;
  borderBottomColor?: string;
  borderLeftStyle?: string;
  borderLeftColor?: string;
  borderRightStyle?: string;
  borderRightColor?: string;
}
export type FormatKey = keyof FormatState;
export type EffectiveFormat = { [K in FormatKey]-?: Exclude<FormatState[K], undefined> };

/** Excel's defaults for a new workbook (Office theme, Calibri 11). */
export const DEFAULT_FORMAT: EffectiveFormat = {
  bold: false,
  italic: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Calibri",
  fillColor: null,
  wrapText: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  borderTopStyle: "None",
  borderTopColor: "#000000",
  borderBottomStyle: "None",
  borderBottomColor: "#000000",
  borderLeftStyle: "None",
  borderLeftColor: "#000000",
  borderRightStyle: "None",
  borderRightColor: "#000000",
};
export type BorderSide = "Top" | "Bottom" | "Left" | "Right";
/** Points: 8.43 characters (64 px) wide, 15 pt (20 px) high. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export interface CellState {
  value: CellScalar;
  /** Set when the value was written as a formula; `value` then holds the same text (the fake does not calculate). */
  formula: string | null;
  numberFormat: string;
  format: FormatState;
}

export interface ValidationState {
  rect: Rect;
  rule: Excel.DataValidationRule | null;
  errorAlert: Excel.DataValidationErrorAlert | null;
  prompt: Excel.DataValidationPrompt | null;
}

export const MARGIN_KEYS = ["top", "bottom", "left", "right", "header", "footer"] as const;
export type MarginKey = (typeof MARGIN_KEYS)[number];

export const HEADER_FOOTER_KEYS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;
export type HeaderFooterKey = (typeof HEADER_FOOTER_KEYS)[number];

export interface PageLayoutState {
  orientation: string;
  paperSize: string;
  /** "$1:$1" form, or null when none was set. */
  printTitleRows: string | null;
  /** "$A:$B" form, or null when none was set. */
  printTitleColumns: string | null;
  /** The print area's blocks, or null for "everything used". */
  printArea: Rect[] | null;
  /** Page margins in points. */
  margins: Record<MarginKey, number>;
  zoom: Excel.PageLayoutZoomOptions;
  headersFooters: Record<HeaderFooterKey, string>;
  /** "" (automatic: on from the sheet before) or the number of the sheet's first page. */
  firstPageNumber: number | "";
}

/** One series of a chart: its name and the cells it plots. */
export interface ChartSeriesState {
  name: string;
  /** The name's cell when Excel took it from the source's first row. */
  nameRect: Rect | null;
  values: Rect;
  /** Category (x-axis) labels, or null for 1, 2, 3, … */
  categories: Rect | null;
}

export interface ChartState {
  readonly id: string;
  name: string;
  chartType: string;
  title: { text: string; visible: boolean };
  /** Top-left and bottom-right cells it covers (setPosition); null until placed (Excel puts it at a default spot). */
  position: { start: Rect; end: Rect } | null;
  series: ChartSeriesState[];
}

export interface SheetState {
  readonly id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, CellState>;
  colWidths: Map<number, number>;
  /** Zero-based hidden columns (Range.columnHidden). */
  hiddenCols: Set<number>;
  rowHeights: Map<number, number>;
  defaultColWidth: number;
  defaultRowHeight: number;
  /** Formatting applied to entire columns / entire rows (e.g. getRange("A:A").format…). */
  colFormats: Map<number, FormatState>;
  rowFormats: Map<number, FormatState>;
  frozenRows: number;
  frozenColumns: number;
  validations: ValidationState[];
  pageLayout: PageLayoutState;
  autoFilter: Rect | null;
  tabColor: string;
  /** The selected range on this sheet, local A1 ("A1" by default). */
  selection: Rect;
  /** Merged areas (Range.merge); none overlap. */
  merges: Rect[];
  /** Zero-based rows with a manual page break above them, ascending. */
  rowBreaks: number[];
  charts: ChartState[];
}

export interface WorkbookState {
  sheets: SheetState[];
  activeId: string | null;
  nextId: number;
}

export const cellKey = (row: number, col: number): number => row * MAX_COLS + col;
export const keyRow = (key: number): number => Math.floor(key / MAX_COLS);
export const keyCol = (key: number): number => key % MAX_COLS;

export function newSheetState(doc: WorkbookState, name: string): SheetState {
  const sheet: SheetState = {
    id: `{fake-sheet-${doc.nextId++}}`,
    name,
    visibility: "Visible",
    cells: new Map(),
    colWidths: new Map(),
    hiddenCols: new Set(),
    rowHeights: new Map(),
    defaultColWidth: DEFAULT_COLUMN_WIDTH,
    defaultRowHeight: DEFAULT_ROW_HEIGHT,
    colFormats: new Map(),
    rowFormats: new Map(),
    frozenRows: 0,
    frozenColumns: 0,
    validations: [],
    pageLayout: {
      orientation: "Portrait",
      paperSize: "Letter",
      printTitleRows: null,
      printTitleColumns: null,
      printArea: null,
      // Excel's "Normal" margins: 0.75 in top and bottom, 0.7 in left and right, 0.3 in header and footer.
      margins: { top: 54, bottom: 54, left: 50.4, right: 50.4, header: 21.6, footer: 21.6 },
      zoom: { scale: 100 },
      headersFooters: { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" },
      firstPageNumber: "",
    },
    autoFilter: null,
    tabColor: "",
    selection: { row: 0, col: 0, rows: 1, cols: 1 },
    merges: [],
    rowBreaks: [],
    charts: [],
  };
  doc.sheets.push(sheet);
  if (doc.activeId === null) doc.activeId = sheet.id;
  return sheet;
}

/** Excel compares sheet names case-insensitively. */
export function findSheet(doc: WorkbookState, name: string): SheetState | undefined {
  const key = name.toLocaleUpperCase();
  return doc.sheets.find((s) => s.name.toLocaleUpperCase() === key);
}

/** Why Excel would refuse this sheet name, or null when it is fine. */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== "string") return "a sheet name must be a string";
  if (name.length === 0) return "a sheet name cannot be empty";
  if (name.length > 31) return `sheet name "${name}" is longer than 31 characters`;
  if (/[:\\/?*[\]]/.test(name)) return `sheet name "${name}" contains one of : \\ / ? * [ ]`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" begins or ends with an apostrophe`;
  if (name.toUpperCase() === "HISTORY") return '"History" is reserved by Excel';
  return null;
}

// ------------------------------------------------------------------------------ cell writes

function isDefaultCell(c: CellState): boolean {
  return c.value === "" && c.formula === null && c.numberFormat === "General" && Object.keys(c.format).length === 0;
}

export function cellAt(sheet: SheetState, row: number, col: number): CellState | undefined {
  return sheet.cells.get(cellKey(row, col));
}

/** The cell, created when missing; call `tidyCell` after changing it. */
export function touchCell(sheet: SheetState, row: number, col: number): CellState {
  const key = cellKey(row, col);
  let c = sheet.cells.get(key);
  if (!c) {
    c = { value: "", formula: null, numberFormat: "General", format: {} };
    sheet.cells.set(key, c);
  }
  return c;
}

export function tidyCell(sheet: SheetState, row: number, col: number): void {
  const key = cellKey(row, col);
  const c = sheet.cells.get(key);
  if (c && isDefaultCell(c)) sheet.cells.delete(key);
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * How Excel stores one value written through `Range.values`, given the cell's number format
 * at that moment. In a text ("@") cell every string stays text. Otherwise, as when typed:
 *  - "=…" is a formula;
 *  - "+…"/"-…" is a number when the rest is a plain number, else a formula ("-abc" → =-abc),
 *    as the Range.values JSDoc warns ("starts with +, - or = … interprets this value as a formula");
 *  - plain decimal numbers become numbers ("007" → 7) and TRUE/FALSE become booleans.
 * Not modelled (stay text): dates, times, percentages, currency and thousands separators,
 * and a leading "@".
 */
export function storedValue(input: CellScalar, numberFormat: string): { value: CellScalar; formula: string | null } {
  if (typeof input !== "string" || numberFormat === "@") return { value: input, formula: null };
  const trimmed = input.trim();
  if (input.startsWith("=") && input.length > 1) return { value: input, formula: input };
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed), formula: null };
  if ((input.startsWith("+") || input.startsWith("-")) && input.length > 1) return { value: `=${input}`, formula: `=${input}` };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true", formula: null };
  return { value: input, formula: null };
}

export function writeValue(sheet: SheetState, row: number, col: number, input: CellScalar): void {
  const c = touchCell(sheet, row, col);
  const stored = storedValue(input, c.numberFormat);
  c.value = stored.value;
  c.formula = stored.formula;
  tidyCell(sheet, row, col);
}

export function writeNumberFormat(sheet: SheetState, row: number, col: number, format: string): void {
  touchCell(sheet, row, col).numberFormat = format;
  tidyCell(sheet, row, col);
}

// ------------------------------------------------------------------------------ merged areas

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** The merged area a cell lies in, if any. */
export function mergedAreaAt(sheet: SheetState, row: number, col: number): Rect | undefined {
  return sheet.merges.find((m) => row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols);
}

/**
 * Merge one block: merged areas lying inside it are absorbed; the values of every cell but
 * the top-left are dropped ("the value of a merged range is specified in the cell of the
 * range's upper-left corner", Range.Merge). Returns a problem when an existing merged area
 * sticks out of the block (Excel would widen the block first; the fake does not model that).
 */
export function mergeBlock(sheet: SheetState, rect: Rect): string | null {
  if (rect.rows * rect.cols === 1) return null;
  const partial = sheet.merges.find((m) => overlaps(m, rect) && !contains(rect, m));
  if (partial) return `merging ${rangeA1(rect)} across part of the merged area ${rangeA1(partial)}`;
  sheet.merges = sheet.merges.filter((m) => !contains(rect, m));
  for (const [r, c, cell] of storedCellsIn(sheet, rect)) {
    if (r === rect.row && c === rect.col) continue;
    cell.value = "";
    cell.formula = null;
    tidyCell(sheet, r, c);
  }
  sheet.merges.push(rect);
  return null;
}

/** Unmerge every merged area that meets the block (as Range.unmerge does). */
export function unmergeBlock(sheet: SheetState, rect: Rect): void {
  sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
}

// ------------------------------------------------------------------------------ borders

export const BORDER_SIDES: readonly BorderSide[] = ["Top", "Bottom", "Left", "Right"];
const OPPOSITE: Record<BorderSide, BorderSide> = { Top: "Bottom", Bottom: "Top", Left: "Right", Right: "Left" };
const STEP: Record<BorderSide, [number, number]> = { Top: [-1, 0], Bottom: [1, 0], Left: [0, -1], Right: [0, 1] };

export function borderKey(side: BorderSide, prop: "Style" | "Color"): FormatKey {
  return `border${side}${prop}` as FormatKey;
}

export interface BorderLine {
  readonly style: string;
  readonly color: string;
}

/**
 * The line drawn on one side of a cell: its own side, else the neighbour's facing side
 * (Excel draws the line between two cells when either has it).
 */
export function effectiveBorder(sheet: SheetState, row: number, col: number, side: BorderSide): BorderLine | null {
  const own = effectiveFormat(sheet, row, col);
  if (own[borderKey(side, "Style")] !== "None") return { style: own[borderKey(side, "Style")] as string, color: own[borderKey(side, "Color")] as string };
  const [dr, dc] = STEP[side];
  const r = row + dr;
  const c = col + dc;
  if (r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLS) return null;
  const other = effectiveFormat(sheet, r, c);
  const o = OPPOSITE[side];
  return other[borderKey(o, "Style")] !== "None" ? { style: other[borderKey(o, "Style")] as string, color: other[borderKey(o, "Color")] as string } : null;
}

// ------------------------------------------------------------------------------ formatting

export function effectiveFormat(sheet: SheetState, row: number, col: number): EffectiveFormat {
  return { ...DEFAULT_FORMAT, ...sheet.colFormats.get(col), ...sheet.rowFormats.get(row), ...cellAt(sheet, row, col)?.format };
}

/** Cells stored inside `rect`, without visiting the empty ones. */
export function* storedCellsIn(sheet: SheetState, rect: Rect): Generator<[number, number, CellState]> {
  const area = rect.rows * rect.cols;
  if (area <= sheet.cells.size) {
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const cell = cellAt(sheet, r, c);
        if (cell) yield [r, c, cell];
      }
    }
    return;
  }
  for (const [key, cell] of [...sheet.cells]) {
    const r = keyRow(key);
    const c = keyCol(key);
    if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols) yield [r, c, cell];
  }
}

function setOn<K extends FormatKey>(target: FormatState, key: K, value: FormatState[K]): void {
  target[key] = value;
}

/** Largest block the fake formats cell by cell (entire columns/rows are kept per column/row). */
export const MAX_CELL_BY_CELL = 2_000_000;

export function applyFormat<K extends FormatKey>(sheet: SheetState, rect: Rect, key: K, value: FormatState[K]): boolean {
  if (isEntireColumn(rect) || isEntireRow(rect)) {
    const byCol = isEntireColumn(rect);
    const store = byCol ? sheet.colFormats : sheet.rowFormats;
    const first = byCol ? rect.col : rect.row;
    const count = byCol ? rect.cols : rect.rows;
    for (let i = first; i < first + count; i++) {
      const f = store.get(i) ?? {};
      setOn(f, key, value);
      store.set(i, f);
    }
    for (const [r, c, cell] of storedCellsIn(sheet, rect)) {
      delete cell.format[key];
      tidyCell(sheet, r, c);
    }
    return true;
  }
  if (rect.rows * rect.cols > MAX_CELL_BY_CELL) return false;
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    for (let c = rect.col; c < rect.col + rect.cols; c++) setOn(touchCell(sheet, r, c).format, key, value);
  }
  return true;
}

export function columnWidthOf(sheet: SheetState, col: number): number {
  return sheet.colWidths.get(col) ?? sheet.defaultColWidth;
}

export function rowHeightOf(sheet: SheetState, row: number): number {
  return sheet.rowHeights.get(row) ?? sheet.defaultRowHeight;
}

// ------------------------------------------------------------------------------ used range

function hasFormatting(c: CellState): boolean {
  return c.numberFormat !== "General" || Object.keys(c.format).length > 0;
}

/**
 * The bounding box of cells with a value (or formula); with `valuesOnly` false also of cells
 * with a number format or cell formatting. Formatting of entire columns/rows, column widths,
 * row heights and data validation do not extend it. null when there is none.
 */
export function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [key, c] of sheet.cells) {
    if (c.value === "" && c.formula === null && (valuesOnly || !hasFormatting(c))) continue;
    const r = keyRow(key);
    const col = keyCol(key);
    top = Math.min(top, r);
    left = Math.min(left, col);
    bottom = Math.max(bottom, r);
    right = Math.max(right, col);
  }
  return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
}

// ------------------------------------------------------------------------------ validations

export function upsertValidation(sheet: SheetState, rect: Rect, patch: Partial<Omit<ValidationState, "rect">>): void {
  const same = sheet.validations.find((v) => sameRect(v.rect, rect));
  if (same) {
    Object.assign(same, patch);
    return;
  }
  // A new validation replaces the ones it covers completely; partial overlaps are kept (list order = order applied).
  sheet.validations = sheet.validations.filter((v) => !contains(rect, v.rect));
  sheet.validations.push({ rect, rule: null, errorAlert: null, prompt: null, ...patch });
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

// ------------------------------------------------------------------------------ FakeWorkbook

export interface CellSnapshot extends EffectiveFormat {
  /** "" when blank; a formula cell shows its formula text (the fake does not calculate). */
  readonly value: CellScalar;
  /** The formula when the cell holds one, else null. */
  readonly formula: string | null;
  readonly numberFormat: string;
  readonly columnWidth: number;
  readonly rowHeight: number;
  /** The lines drawn around the cell (its own sides or its neighbours' facing ones). */
  readonly borders: Readonly<Record<"top" | "bottom" | "left" | "right", BorderLine | null>>;
  /** Local address of the merged area the cell is in, or null. */
  readonly mergedArea: string | null;
}

export interface ValidationSnapshot {
  /** Local A1 address, e.g. "C2:C201". */
  readonly address: string;
  readonly rule: Excel.DataValidationRule | null;
  readonly errorAlert: Excel.DataValidationErrorAlert | null;
  readonly prompt: Excel.DataValidationPrompt | null;
}

export interface PageLayoutSnapshot {
  readonly orientation: string;
  readonly paperSize: string;
  readonly printTitleRows: string | null;
  readonly printTitleColumns: string | null;
  /** "$A$2:$F$40" (blocks joined by ","), or null when none was set. */
  readonly printArea: string | null;
  /** Margins in points. */
  readonly margins: Readonly<Record<MarginKey, number>>;
  readonly zoom: Excel.PageLayoutZoomOptions;
  readonly centerHeader: string;
  readonly headersFooters: Readonly<Record<HeaderFooterKey, string>>;
  readonly firstPageNumber: number | "";
}

export interface SheetSnapshot {
  readonly name: string;
  readonly position: number;
  readonly visibility: "Visible" | "Hidden" | "VeryHidden";
  readonly tabColor: string;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly validations: readonly ValidationSnapshot[];
  readonly pageLayout: PageLayoutSnapshot;
  /** Local address of the auto-filtered range, or null. */
  readonly autoFilter: string | null;
  /** Local address of the selection on this sheet. */
  readonly selection: string;
  /** Widths set on columns, by letter (columns left at the default are absent). */
  readonly columnWidths: Readonly<Record<string, number>>;
  /** Hidden columns, by letter, left to right. */
  readonly hiddenColumns: readonly string[];
  /** Heights set on rows, by 1-based row number. */
  readonly rowHeights: Readonly<Record<number, number>>;
  /** Merged areas, local addresses, top to bottom then left to right. */
  readonly merges: readonly string[];
  /** One-based rows with a manual page break above them. */
  readonly rowBreaks: readonly number[];
  readonly charts: readonly ChartSnapshot[];
}

export interface ChartSnapshot {
  readonly name: string;
  readonly chartType: string;
  readonly title: string;
  readonly titleVisible: boolean;
  /** Local address from the top-left to the bottom-right cell it covers, or null when never placed. */
  readonly position: string | null;
  /** Series with local addresses of their values and category labels. */
  readonly series: readonly { readonly name: string; readonly values: string; readonly categories: string | null }[];
}

function boundingRect(a: Rect, b: Rect): Rect {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rows: Math.max(a.row + a.rows, b.row + b.rows) - row, cols: Math.max(a.col + a.cols, b.col + b.cols) - col };
}

export type GridInput = (string | number | boolean | null)[][];

/** The workbook behind a fake Excel: sheets in order, the active sheet and its selection. */
export class FakeWorkbook {
  /** @internal The live state; replaced wholesale by each successful sync. */
  _state: WorkbookState = { sheets: [], activeId: null, nextId: 1 };

  /**
   * Sheets filled with literal cell contents: null and "" are blank, strings are stored as
   * text exactly as given (no formula or number conversion), numbers and booleans as such.
   * The first sheet is active with A1 selected.
   */
  static fromGrids(sheets: readonly { name: string; rows: GridInput }[]): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const { name, rows } of sheets) {
      const problem = sheetNameProblem(name);
      if (problem) throw new Error(`FakeWorkbook.fromGrids: ${problem}`);
      if (findSheet(wb._state, name)) throw new Error(`FakeWorkbook.fromGrids: duplicate sheet "${name}"`);
      const sheet = newSheetState(wb._state, name);
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === "") return;
          if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`FakeWorkbook.fromGrids: ${v} in ${name} is not a cell value`);
          touchCell(sheet, r, c).value = v;
        }),
      );
    }
    return wb;
  }

  /** An independent copy: the same sheets, cells, looks and charts. */
  clone(): FakeWorkbook {
    const wb = new FakeWorkbook();
    wb._state = structuredClone(this._state);
    return wb;
  }

  sheetNames(): string[] {
    return this._state.sheets.map((s) => s.name);
  }

  private sheetOrThrow(name: string): SheetState {
    const s = findSheet(this._state, name);
    if (!s) throw new Error(`FakeWorkbook: no sheet "${name}" (sheets: ${this.sheetNames().join(", ")})`);
    return s;
  }

  private rectOrThrow(address: string): Rect {
    const r = parseRange(address);
    if (!r) throw new Error(`FakeWorkbook: "${address}" is not an A1 address`);
    return r;
  }

  /**
   * The values from A1 down to the last row with a value: "" for blanks, each row cut after
   * its last value (so rows can differ in length; an empty row is []). Formula cells show
   * their formula text.
   */
  grid(name: string): CellScalar[][] {
    const sheet = this.sheetOrThrow(name);
    const used = usedRect(sheet, true);
    if (!used) return [];
    const out: CellScalar[][] = [];
    for (let r = 0; r < used.row + used.rows; r++) {
      const row: CellScalar[] = [];
      for (let c = 0; c < used.col + used.cols; c++) row.push(cellAt(sheet, r, c)?.value ?? "");
      while (row.length > 0 && row[row.length - 1] === "") row.pop();
      out.push(row);
    }
    return out;
  }

  /** One cell: value, formula, number format, effective formatting, its column width and row height. */
  cell(name: string, address: string): CellSnapshot {
    const sheet = this.sheetOrThrow(name);
    const r = this.rectOrThrow(address);
    const c = cellAt(sheet, r.row, r.col);
    const merged = mergedAreaAt(sheet, r.row, r.col);
    return {
      value: c?.value ?? "",
      formula: c?.formula ?? null,
      numberFormat: c?.numberFormat ?? "General",
      ...effectiveFormat(sheet, r.row, r.col),
      columnWidth: columnWidthOf(sheet, r.col),
      rowHeight: rowHeightOf(sheet, r.row),
      borders: {
        top: effectiveBorder(sheet, r.row, r.col, "Top"),
        bottom: effectiveBorder(sheet, r.row, r.col, "Bottom"),
        left: effectiveBorder(sheet, r.row, r.col, "Left"),
        right: effectiveBorder(sheet, r.row, r.col, "Right"),
      },
      mergedArea: merged ? rangeA1(merged) : null,
    };
  }

  /** Give cells a number format (e.g. "yyyy-mm-dd" to mark date serials), directly, outside any batch. */
  setNumberFormat(name: string, address: string, format: string): void {
    const sheet = this.sheetOrThrow(name);
    const r = this.rectOrThrow(address);
    if (r.rows * r.cols > MAX_CELL_BY_CELL) throw new Error(`FakeWorkbook.setNumberFormat: ${address} is too large`);
    for (let row = r.row; row < r.row + r.rows; row++) for (let col = r.col; col < r.col + r.cols; col++) writeNumberFormat(sheet, row, col, format);
  }

  /** Sheet-level state: frozen panes, validations, page layout, auto filter, widths, selection. */
  sheet(name: string): SheetSnapshot {
    const s = this.sheetOrThrow(name);
    const widths: Record<string, number> = {};
    for (const [col, w] of [...s.colWidths].sort((a, b) => a[0] - b[0])) widths[columnLetters(col + 1)] = w;
    const heights: Record<number, number> = {};
    for (const [row, h] of [...s.rowHeights].sort((a, b) => a[0] - b[0])) heights[row + 1] = h;
    return {
      name: s.name,
      position: this._state.sheets.indexOf(s),
      visibility: s.visibility,
      tabColor: s.tabColor,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      validations: s.validations.map((v) => structuredClone({ address: rangeA1(v.rect), rule: v.rule, errorAlert: v.errorAlert, prompt: v.prompt })),
      pageLayout: structuredClone({
        orientation: s.pageLayout.orientation,
        paperSize: s.pageLayout.paperSize,
        printTitleRows: s.pageLayout.printTitleRows,
        printTitleColumns: s.pageLayout.printTitleColumns,
        printArea: s.pageLayout.printArea ? s.pageLayout.printArea.map((r) => rangeA1(r, true)).join(",") : null,
        margins: s.pageLayout.margins,
        zoom: s.pageLayout.zoom,
        centerHeader: s.pageLayout.headersFooters.centerHeader,
        headersFooters: s.pageLayout.headersFooters,
        firstPageNumber: s.pageLayout.firstPageNumber,
      }),
      autoFilter: s.autoFilter ? rangeA1(s.autoFilter) : null,
      selection: rangeA1(s.selection),
      columnWidths: widths,
      hiddenColumns: [...s.hiddenCols].sort((a, b) => a - b).map((c) => columnLetters(c + 1)),
      rowHeights: heights,
      merges: [...s.merges].sort((a, b) => a.row - b.row || a.col - b.col).map((m) => rangeA1(m)),
      rowBreaks: s.rowBreaks.map((r) => r + 1),
      charts: s.charts.map((c) => ({
        name: c.name,
        chartType: c.chartType,
        title: c.title.text,
        titleVisible: c.title.visible,
        position: c.position ? rangeA1(boundingRect(c.position.start, c.position.end)) : null,
        series: c.series.map((x) => ({ name: x.name, values: rangeA1(x.values), categories: x.categories ? rangeA1(x.categories) : null })),
      })),
    };
  }

  /**
   * Everything the fake keeps of the workbook, as plain data without the internal ids: two
   * workbooks that dump equal look and print the same (cells with their formats, sheet order,
   * widths, heights, merges, page setup, charts, validations, selection).
   */
  dump(): unknown {
    const st = this._state;
    return {
      active: st.sheets.find((s) => s.id === st.activeId)?.name ?? null,
      sheets: st.sheets.map((s) => ({
        ...this.sheet(s.name),
        defaultColWidth: s.defaultColWidth,
        defaultRowHeight: s.defaultRowHeight,
        colFormats: [...s.colFormats].sort((a, b) => a[0] - b[0]),
        rowFormats: [...s.rowFormats].sort((a, b) => a[0] - b[0]),
        cells: [...s.cells].sort((a, b) => a[0] - b[0]).map(([key, c]) => [rangeA1({ row: keyRow(key), col: keyCol(key), rows: 1, cols: 1 }), structuredClone(c)]),
      })),
    };
  }

  /** Name of the active sheet (null only for a workbook without sheets). */
  activeSheet(): string | null {
    return this._state.sheets.find((s) => s.id === this._state.activeId)?.name ?? null;
  }

  /** The active sheet and the local address selected on it. */
  selection(): { sheet: string; address: string } | null {
    const s = this._state.sheets.find((x) => x.id === this._state.activeId);
    return s ? { sheet: s.name, address: rangeA1(s.selection) } : null;
  }
}
