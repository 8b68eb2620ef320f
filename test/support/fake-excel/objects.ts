/**
 * The fake Office.js object model: Workbook, WorksheetCollection, Worksheet, Range and the
 * parts hanging off them. Each class lists its scalar properties (how a load reads them and
 * a sync writes them) and queues its methods; `core.ts` does the batching.
 *
 * Requirement sets follow @types/office-js. Methods and navigation properties above the
 * fake's ExcelApi version throw ApiNotFound when called, as the Office.js runtime does
 * (`_throwIfApiNotSupported`); a scalar property above it fails at sync when written or
 * loaded (the runtime does not check those on the client) and throws when read.
 */
import { isEntireColumn, isEntireRow, MAX_COLS, MAX_ROWS, parseRange, type Rect, rangeA1 } from "../../../src/core/address";
import { contains, qualifiedAddress, splitSheet } from "./address";
import { type ApplySession, emptyTree, FakeContextBase, guard, type LoadOutcome, type LoadTree, ProxyBase, type ScalarDef } from "./core";
import { invalidArgument, invalidOperation, itemAlreadyExists, itemNotFound, notModelled, propertyNotLoaded, responseTooLarge } from "./errors";
import { ChartCollectionObject } from "./charts";
import {
  applyFormat,
  type BorderSide,
  borderKey,
  type CellState,
  cellAt,
  columnWidthOf,
  effectiveBorder,
  effectiveFormat,
  type FormatKey,
  type FormatState,
  findSheet,
  HEADER_FOOTER_KEYS,
  MARGIN_KEYS,
  type MarginKey,
  MAX_CELL_BY_CELL,
  mergeBlock,
  newSheetState,
  overlaps,
  rowHeightOf,
  sameRect,
  type SheetState,
  sheetNameProblem,
  storedCellsIn,
  tidyCell,
  upsertValidation,
  usedRect,
  unmergeBlock,
  type ValidationState,
  writeNumberFormat,
  writeValue,
} from "./workbook";

export interface RangeTarget {
  readonly sheetId: string;
  /** The block, or for a RangeAreas the bounding box of its areas. */
  readonly rect: Rect;
  /** Set for a RangeAreas: its blocks, in the order given. */
  readonly areas?: readonly Rect[];
}

/** The blocks a range or a RangeAreas is made of. */
export function areasOf(t: RangeTarget): readonly Rect[] {
  return t.areas ?? [t.rect];
}

function boundingBox(rects: readonly Rect[]): Rect {
  const row = Math.min(...rects.map((r) => r.row));
  const col = Math.min(...rects.map((r) => r.col));
  const bottom = Math.max(...rects.map((r) => r.row + r.rows));
  const right = Math.max(...rects.map((r) => r.col + r.cols));
  return { row, col, rows: bottom - row, cols: right - col };
}

/**
 * Excel refuses longer multi-area addresses with InvalidArgument. The exact limit is not
 * documented; 8,192 characters is where office-js issue #5198 saw getRanges start failing
 * (a 513-area address of 8,207 characters), so the fake refuses beyond it.
 */
export const MAX_AREAS_ADDRESS_CHARS = 8192;

/** "A1:B2, D4" or "A1:B2; D4" (optionally "Sheet!…") on `sheet` → blocks; throws InvalidArgument. */
function parseAreas(address: unknown, sheet: SheetState, s: ApplySession, where: string): Rect[] {
  if (typeof address !== "string" || address.trim() === "") throw invalidArgument(`${where} needs an address`, where);
  if (address.length > MAX_AREAS_ADDRESS_CHARS) throw invalidArgument(`${where}: an address of ${address.length} characters is longer than Excel takes (${MAX_AREAS_ADDRESS_CHARS})`, where);
  return address.split(/[,;]/).map((part) => {
    const split = splitSheet(part.trim());
    if (split && split.sheet !== null && findSheet(s.doc, split.sheet) !== sheet) throw invalidArgument(`"${part.trim()}" is not on sheet "${sheet.name}"`, where);
    const rect = split ? parseRange(split.local) : null;
    if (!rect) throw invalidArgument(`"${part.trim()}" is not an A1 address`, where);
    return rect;
  });
}

type Locator<T> = (s: ApplySession) => T | null;

function sheetOf(s: ApplySession, id: string): SheetState {
  const sheet = s.doc.sheets.find((x) => x.id === id);
  if (!sheet) throw itemNotFound("the worksheet no longer exists");
  return sheet;
}

function activeSheetOf(s: ApplySession): SheetState {
  const sheet = s.doc.sheets.find((x) => x.id === s.doc.activeId);
  if (!sheet) throw itemNotFound("the workbook has no active worksheet");
  return sheet;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof ProxyBase);
}

function requireInt(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkedRect(rect: Rect, where: string): Rect {
  const ok =
    [rect.row, rect.col, rect.rows, rect.cols].every(Number.isInteger) &&
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows >= 1 &&
    rect.cols >= 1 &&
    rect.row + rect.rows <= MAX_ROWS &&
    rect.col + rect.cols <= MAX_COLS;
  if (!ok) throw invalidArgument(`${where} gives a range outside the sheet (${JSON.stringify(rect)})`, where);
  return rect;
}

function makeRange<P>(parent: ProxyBase<P>, name: string, args: readonly unknown[], locate: (parentTarget: P, s: ApplySession) => RangeTarget): RangeObject {
  return guard(
    new RangeObject(parent._ctx, parent, name, args, (s) => {
      const pt = parent._resolve(s);
      return pt === null ? null : locate(pt, s);
    }),
  );
}

function makeSheet<P>(parent: ProxyBase<P>, name: string, args: readonly unknown[], locate: (parentTarget: P, s: ApplySession) => string | null): WorksheetObject {
  return guard(
    new WorksheetObject(parent._ctx, parent, name, args, (s) => {
      const pt = parent._resolve(s);
      return pt === null ? null : locate(pt, s);
    }),
  );
}

// ------------------------------------------------------------------------------- workbook

export class WorkbookObject extends ProxyBase<true> {
  get _className(): string {
    return "Workbook";
  }
  _scalars(): Readonly<Record<string, ScalarDef<true>>> {
    return {};
  }
  protected _locate(): true {
    return true;
  }

  get worksheets(): WorksheetCollectionObject {
    return this._child("worksheets", () => new WorksheetCollectionObject(this._ctx, this, "Worksheets", []));
  }

  get application(): ApplicationObject {
    return this._child("application", () => new ApplicationObject(this._ctx, this, "Application", []));
  }

  /** The active cell: the top-left cell of the selection on the active sheet. [ExcelApi 1.7] */
  getActiveCell(): RangeObject {
    this._requireApi("1.7", "Workbook.getActiveCell");
    return makeRange(this, "GetActiveCell", [], (_t, s) => {
      const sheet = activeSheetOf(s);
      return { sheetId: sheet.id, rect: { row: sheet.selection.row, col: sheet.selection.col, rows: 1, cols: 1 } };
    });
  }

  getSelectedRange(): RangeObject {
    return makeRange(this, "GetSelectedRange", [], (_t, s) => {
      const sheet = activeSheetOf(s);
      return { sheetId: sheet.id, rect: sheet.selection };
    });
  }
}

export class ApplicationObject extends ProxyBase<true> {
  get _className(): string {
    return "Application";
  }
  _scalars(): Readonly<Record<string, ScalarDef<true>>> {
    return {};
  }
  protected _locate(): true {
    return true;
  }

  /** Queued like any call; the fake does not calculate, so it changes nothing. [ExcelApi 1.6] */
  suspendApiCalculationUntilNextSync(): void {
    this._requireApi("1.6", "Application.suspendApiCalculationUntilNextSync");
    this._call("SuspendApiCalculationUntilNextSync", [], () => undefined);
  }
}

// ------------------------------------------------------------------------------ worksheets

const WORKSHEET_SCALARS: Readonly<Record<string, ScalarDef<string>>> = {
  name: {
    read: (id, s) => sheetOf(s, id).name,
    write: (id, value, s) => {
      const sheet = sheetOf(s, id);
      const problem = sheetNameProblem(value);
      if (problem) throw invalidArgument(problem, "Worksheet.name");
      const other = findSheet(s.doc, value as string);
      if (other && other !== sheet) throw itemAlreadyExists(`a sheet named "${other.name}" exists`, "Worksheet.name");
      sheet.name = value as string;
    },
  },
  id: { read: (id) => id },
  position: {
    read: (id, s) => s.doc.sheets.indexOf(sheetOf(s, id)),
    write: (id, value, s) => {
      const sheet = sheetOf(s, id);
      const to = requireInt(value, "Worksheet.position", 0, s.doc.sheets.length - 1);
      s.doc.sheets.splice(s.doc.sheets.indexOf(sheet), 1);
      s.doc.sheets.splice(to, 0, sheet);
    },
  },
  visibility: {
    read: (id, s) => sheetOf(s, id).visibility,
    write: (id, value, s) => {
      const sheet = sheetOf(s, id);
      if (value !== "Visible" && value !== "Hidden" && value !== "VeryHidden") throw invalidArgument(`visibility "${String(value)}"`, "Worksheet.visibility");
      // Excel keeps one sheet visible; a hidden sheet cannot be the active one.
      if (value !== "Visible" && sheet.visibility === "Visible" && s.doc.sheets.filter((x) => x.visibility === "Visible").length <= 1) {
        throw invalidOperation("a workbook must keep at least one visible worksheet", "Worksheet.visibility");
      }
      if (value !== "Visible" && s.doc.activeId === id) throw invalidOperation("the active sheet cannot be hidden", "Worksheet.visibility");
      sheet.visibility = value;
    },
  },
  tabColor: {
    api: "1.7",
    read: (id, s) => sheetOf(s, id).tabColor,
    write: (id, value, s) => {
      sheetOf(s, id).tabColor = value === "" ? "" : color(value, "Worksheet.tabColor");
    },
  },
};

function defaultSheetName(s: ApplySession): string {
  for (let n = s.doc.sheets.length + 1; ; n++) if (!findSheet(s.doc, `Sheet${n}`)) return `Sheet${n}`;
}

export class WorksheetCollectionObject extends ProxyBase<true> {
  /** @internal */ _items: WorksheetObject[] | undefined = undefined;

  get _className(): string {
    return "WorksheetCollection";
  }
  _scalars(): Readonly<Record<string, ScalarDef<true>>> {
    return {};
  }
  protected _locate(): true {
    return true;
  }

  /** The sheets as of the last sync that loaded "items" (or "items/name", or "name"). */
  get items(): WorksheetObject[] {
    if (this._items === undefined) throw propertyNotLoaded(this._className, "items");
    return this._items;
  }

  /** Adds a sheet at the end (not activated). Fails at sync for a taken or invalid name. */
  add(name?: string): WorksheetObject {
    return makeSheet(this, "Add", name === undefined ? [] : [name], (_t, s) => {
      const final = name ?? defaultSheetName(s);
      const problem = sheetNameProblem(final);
      if (problem) throw invalidArgument(problem, "WorksheetCollection.add");
      const taken = findSheet(s.doc, final);
      if (taken) throw itemAlreadyExists(`a sheet named "${taken.name}" exists`, "WorksheetCollection.add");
      return newSheetState(s.doc, final).id;
    });
  }

  /** By name (case-insensitive) or id; ItemNotFound at sync when absent. */
  getItem(key: string): WorksheetObject {
    return makeSheet(this, "GetItem", [key], (_t, s) => {
      const sheet = s.doc.sheets.find((x) => x.id === key) ?? findSheet(s.doc, key);
      if (!sheet) throw itemNotFound(`no worksheet "${key}"`, "WorksheetCollection.getItem");
      return sheet.id;
    });
  }

  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: string): WorksheetObject {
    this._requireApi("1.4", "WorksheetCollection.getItemOrNullObject");
    return makeSheet(this, "GetItemOrNullObject", [key], (_t, s) => (s.doc.sheets.find((x) => x.id === key) ?? findSheet(s.doc, key))?.id ?? null);
  }

  getActiveWorksheet(): WorksheetObject {
    return makeSheet(this, "GetActiveWorksheet", [], (_t, s) => activeSheetOf(s).id);
  }

  /** @internal Collection loads: "items", "items/name", "name", { name: true }, () — all about the items. */
  override _addPath(tree: LoadTree, segments: readonly string[]): void {
    const itemPath = segments[0] === "items" ? segments.slice(1) : segments;
    const [head, ...rest] = itemPath;
    if (head === "isNullObject" && rest.length === 0 && segments[0] !== "items") return;
    const sub = tree.nav.get("items") ?? emptyTree();
    tree.nav.set("items", sub);
    if (head === undefined || head === "") sub.all = true;
    else if (head in WORKSHEET_SCALARS && rest.length === 0) sub.scalars.add(head);
    else throw notModelled(`loading WorksheetCollection items/${itemPath.join("/")}`);
  }

  /** @internal */
  override _loadApply(s: ApplySession, tree: LoadTree): LoadOutcome {
    this._resolve(s);
    const sub = tree.nav.get("items");
    if (!sub) return { json: {}, deliver: () => (this._null = false) };
    const names = sub.all ? Object.keys(WORKSHEET_SCALARS).filter((n) => s.engine.supports(WORKSHEET_SCALARS[n]?.api ?? "1.1")) : [...sub.scalars];
    const rows = s.doc.sheets.map((sheet) => ({ id: sheet.id, props: names.map((n) => [n, (WORKSHEET_SCALARS[n] as ScalarDef<string>).read(sheet.id, s)] as const) }));
    return {
      json: { Items: rows.map((r) => Object.fromEntries(r.props)) },
      deliver: () => {
        this._null = false;
        this._items = rows.map((r) => {
          const ws = makeSheet(this, "GetItem", [r.id], (_t, s2) => sheetOf(s2, r.id).id);
          ws._bind(r.id);
          ws._null = false;
          for (const [n, v] of r.props) ws._loaded.set(n, v);
          return ws;
        });
      },
    };
  }
}

export class WorksheetObject extends ProxyBase<string> {
  private readonly locator: Locator<string>;

  constructor(ctx: FakeContextBase, parent: ProxyBase<unknown>, name: string, args: readonly unknown[], locator: Locator<string>) {
    super(ctx, parent, name, args);
    this.locator = locator;
  }

  get _className(): string {
    return "Worksheet";
  }
  _scalars(): Readonly<Record<string, ScalarDef<string>>> {
    return WORKSHEET_SCALARS;
  }
  override _navigations(): readonly string[] {
    return ["pageLayout"];
  }
  protected _locate(s: ApplySession): string | null {
    return this.locator(s);
  }
  protected override _recheck(s: ApplySession, id: string): string {
    return sheetOf(s, id).id;
  }

  get name(): string {
    return this._get("name") as string;
  }
  set name(value: string) {
    this._set("name", value);
  }
  get id(): string {
    return this._get("id") as string;
  }
  get position(): number {
    return this._get("position") as number;
  }
  set position(value: number) {
    this._set("position", value);
  }
  get visibility(): string {
    return this._get("visibility") as string;
  }
  set visibility(value: string) {
    this._set("visibility", value);
  }
  /** [ExcelApi 1.7] "" = no colour. */
  get tabColor(): string {
    return this._get("tabColor") as string;
  }
  set tabColor(value: string) {
    this._set("tabColor", value);
  }

  /** [ExcelApi 1.7] */
  get freezePanes(): FreezePanesObject {
    this._requireApi("1.7", "Worksheet.freezePanes");
    return this._child("freezePanes", () => new FreezePanesObject(this._ctx, this, "FreezePanes", []));
  }
  /** [ExcelApi 1.9] */
  get pageLayout(): PageLayoutObject {
    this._requireApi("1.9", "Worksheet.pageLayout");
    return this._child("pageLayout", () => new PageLayoutObject(this._ctx, this, "PageLayout", []));
  }
  /** [ExcelApi 1.9] Manual page breaks above rows. */
  get horizontalPageBreaks(): PageBreakCollectionObject {
    this._requireApi("1.9", "Worksheet.horizontalPageBreaks");
    return this._child("horizontalPageBreaks", () => new PageBreakCollectionObject(this._ctx, this, "HorizontalPageBreaks", []));
  }
  get charts(): ChartCollectionObject {
    return this._child("charts", () => new ChartCollectionObject(this._ctx, this, "Charts", []));
  }
  /** [ExcelApi 1.9] */
  get autoFilter(): AutoFilterObject {
    this._requireApi("1.9", "Worksheet.autoFilter");
    return this._child("autoFilter", () => new AutoFilterObject(this._ctx, this, "AutoFilter", []));
  }

  /** "B3", "B2:D10", "A:C", "1:3", optionally "Sheet!…" naming this sheet. Bad addresses fail at sync. */
  getRange(address?: string): RangeObject {
    if (address === undefined) throw notModelled("Worksheet.getRange() without an address (the whole sheet)");
    return makeRange(this, "GetRange", [address], (id, s) => {
      const split = splitSheet(String(address));
      const sheet = sheetOf(s, id);
      if (split && split.sheet !== null && findSheet(s.doc, split.sheet) !== sheet) throw invalidArgument(`"${address}" is not on sheet "${sheet.name}"`, "Worksheet.getRange");
      const rect = split ? parseRange(split.local) : null;
      if (!rect) throw invalidArgument(`"${address}" is not an A1 address`, "Worksheet.getRange");
      return { sheetId: id, rect };
    });
  }

  /**
   * [ExcelApi 1.9] Several blocks as one RangeAreas: "A1:B2, D4:E5" (commas or semicolons).
   * Bad or over-long addresses fail at sync (see MAX_AREAS_ADDRESS_CHARS). The whole sheet
   * (no address) is not modelled.
   */
  getRanges(address?: string): RangeAreasObject {
    this._requireApi("1.9", "Worksheet.getRanges");
    if (address === undefined) throw notModelled("Worksheet.getRanges() without an address (the whole sheet)");
    return guard(
      new RangeAreasObject(this._ctx, this, "GetRanges", [address], (s) => {
        const id = this._resolve(s);
        if (id === null) return null;
        const areas = parseAreas(address, sheetOf(s, id), s, "Worksheet.getRanges");
        return { sheetId: id, rect: boundingBox(areas), areas };
      }),
    );
  }

  /** [ExcelApi 1.7] */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeObject {
    this._requireApi("1.7", "Worksheet.getRangeByIndexes");
    return makeRange(this, "GetRangeByIndexes", [startRow, startColumn, rowCount, columnCount], (id) => ({
      sheetId: id,
      rect: checkedRect({ row: startRow, col: startColumn, rows: rowCount, cols: columnCount }, "Worksheet.getRangeByIndexes"),
    }));
  }

  getCell(row: number, column: number): RangeObject {
    return makeRange(this, "GetCell", [row, column], (id) => ({ sheetId: id, rect: checkedRect({ row, col: column, rows: 1, cols: 1 }, "Worksheet.getCell") }));
  }

  /** The used range; A1 when the sheet is empty (as Excel documents). */
  getUsedRange(valuesOnly?: boolean): RangeObject {
    return makeRange(this, "GetUsedRange", valuesOnly === undefined ? [] : [valuesOnly], (id, s) => ({
      sheetId: id,
      rect: usedRect(sheetOf(s, id), valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 },
    }));
  }

  /** A null object when the sheet is empty. [ExcelApi 1.4] */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeObject {
    this._requireApi("1.4", "Worksheet.getUsedRangeOrNullObject");
    return guard(
      new RangeObject(this._ctx, this, "GetUsedRangeOrNullObject", valuesOnly === undefined ? [] : [valuesOnly], (s) => {
        const id = this._resolve(s);
        if (id === null) return null;
        const rect = usedRect(sheetOf(s, id), valuesOnly === true);
        return rect ? { sheetId: id, rect } : null;
      }),
    );
  }

  activate(): void {
    this._call("Activate", [], (id, s) => {
      if (sheetOf(s, id).visibility !== "Visible") throw invalidOperation("a hidden sheet cannot be activated", "Worksheet.activate");
      s.doc.activeId = sheetOf(s, id).id;
    });
  }

  /** Fails at sync on the last sheet. Deleting the active sheet activates its neighbour. */
  delete(): void {
    this._call("Delete", [], (id, s) => {
      const index = s.doc.sheets.indexOf(sheetOf(s, id));
      const visible = s.doc.sheets.filter((x) => x.visibility === "Visible");
      if (visible.length <= 1 && visible[0]?.id === id) throw invalidOperation("a workbook must keep at least one visible worksheet", "Worksheet.delete");
      s.doc.sheets.splice(index, 1);
      if (s.doc.activeId === id) {
        // The neighbour that is visible, as Excel shows.
        const after = s.doc.sheets.slice(index).find((x) => x.visibility === "Visible") ?? [...s.doc.sheets.slice(0, index)].reverse().find((x) => x.visibility === "Visible");
        s.doc.activeId = (after as SheetState).id;
      }
    });
  }
}

/** An object that belongs to a worksheet and resolves to its sheet id. */
abstract class SheetPart extends ProxyBase<string> {
  protected _locate(s: ApplySession): string | null {
    return (this._parent as ProxyBase<string>)._resolve(s);
  }
  protected override _recheck(s: ApplySession, id: string): string {
    return sheetOf(s, id).id;
  }
  _scalars(): Readonly<Record<string, ScalarDef<string>>> {
    return {};
  }
}

/** The cells a range argument (an address or a Range) names on sheet `id`; null when on another sheet. */
function rectOnSheet(range: RangeObject | string, id: string, s: ApplySession): Rect | null {
  if (typeof range === "string") {
    const split = splitSheet(range);
    return split && (split.sheet === null || findSheet(s.doc, split.sheet) === sheetOf(s, id)) ? parseRange(split.local) : null;
  }
  if (!(range instanceof RangeObject)) return null;
  const t = range._resolve(s);
  return t && t.sheetId === id ? t.rect : null;
}

export class FreezePanesObject extends SheetPart {
  get _className(): string {
    return "WorksheetFreezePanes";
  }
  /** Freezes the top `count` rows (default 1) and no columns. */
  freezeRows(count = 1): void {
    this._call("FreezeRows", [count], (id, s) => {
      const sheet = sheetOf(s, id);
      sheet.frozenRows = requireInt(count, "freezeRows(count)", 0, MAX_ROWS - 1);
      sheet.frozenColumns = 0;
    });
  }
  freezeColumns(count = 1): void {
    this._call("FreezeColumns", [count], (id, s) => {
      const sheet = sheetOf(s, id);
      sheet.frozenColumns = requireInt(count, "freezeColumns(count)", 0, MAX_COLS - 1);
      sheet.frozenRows = 0;
    });
  }
  /** Freezes the rows above and the columns left of the range's bottom-right corner, together. */
  freezeAt(frozenRange: RangeObject | string): void {
    this._call("FreezeAt", [frozenRange], (id, s) => {
      const sheet = sheetOf(s, id);
      const rect = rectOnSheet(frozenRange, id, s);
      if (!rect) throw invalidArgument("FreezePanes.freezeAt needs a range on this sheet", "WorksheetFreezePanes.freezeAt");
      sheet.frozenRows = rect.row + rect.rows;
      sheet.frozenColumns = rect.col + rect.cols;
    });
  }
  unfreeze(): void {
    this._call("Unfreeze", [], (id, s) => {
      const sheet = sheetOf(s, id);
      sheet.frozenRows = 0;
      sheet.frozenColumns = 0;
    });
  }
}

const ORIENTATIONS = ["Portrait", "Landscape"];
// prettier-ignore
const PAPER_TYPES = ["Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5", "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note", "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14", "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65", "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS", "FanfoldStdGerman", "FanfoldLegalGerman"];

function oneOf(value: unknown, allowed: readonly string[], where: string): string {
  if (typeof value !== "string" || !allowed.includes(value)) throw invalidArgument(`${where} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`, where);
  return value;
}

const POINTS_PER: Readonly<Record<string, number>> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

function marginScalar(key: MarginKey): ScalarDef<string> {
  return {
    read: (id, s) => sheetOf(s, id).pageLayout.margins[key],
    write: (id, v, s) => {
      sheetOf(s, id).pageLayout.margins[key] = positive(v, `PageLayout.${key}Margin`, 409);
    },
  };
}

const PAGE_LAYOUT_SCALARS: Readonly<Record<string, ScalarDef<string>>> = {
  topMargin: marginScalar("top"),
  bottomMargin: marginScalar("bottom"),
  leftMargin: marginScalar("left"),
  rightMargin: marginScalar("right"),
  headerMargin: marginScalar("header"),
  footerMargin: marginScalar("footer"),
  orientation: {
    read: (id, s) => sheetOf(s, id).pageLayout.orientation,
    write: (id, v, s) => {
      sheetOf(s, id).pageLayout.orientation = oneOf(v, ORIENTATIONS, "PageLayout.orientation");
    },
  },
  firstPageNumber: {
    read: (id, s) => sheetOf(s, id).pageLayout.firstPageNumber,
    write: (id, v, s) => {
      // "" is Excel's automatic numbering; a number starts this sheet's pages there.
      if (v !== "" && !(typeof v === "number" && Number.isInteger(v) && v >= 0)) throw invalidArgument(`PageLayout.firstPageNumber must be a whole number or "", got ${JSON.stringify(v)}`, "PageLayout.firstPageNumber");
      sheetOf(s, id).pageLayout.firstPageNumber = v;
    },
  },
  paperSize: {
    read: (id, s) => sheetOf(s, id).pageLayout.paperSize,
    write: (id, v, s) => {
      sheetOf(s, id).pageLayout.paperSize = oneOf(v, PAPER_TYPES, "PageLayout.paperSize");
    },
  },
  zoom: {
    read: (id, s) => ({ ...sheetOf(s, id).pageLayout.zoom }),
    write: (id, v, s) => {
      const ok =
        isPlainObject(v) &&
        Object.entries(v).every(
          ([k, n]) => ["horizontalFitToPages", "verticalFitToPages", "scale"].includes(k) && (n === undefined || (typeof n === "number" && Number.isInteger(n) && n >= 0)),
        );
      if (!ok) throw invalidArgument(`PageLayout.zoom takes { horizontalFitToPages?, verticalFitToPages?, scale? } of whole numbers, got ${JSON.stringify(v)}`);
      sheetOf(s, id).pageLayout.zoom = { ...v };
    },
  },
};

/** [ExcelApi 1.9] */
export class PageLayoutObject extends SheetPart {
  get _className(): string {
    return "PageLayout";
  }
  override _scalars(): Readonly<Record<string, ScalarDef<string>>> {
    return PAGE_LAYOUT_SCALARS;
  }
  override _navigations(): readonly string[] {
    return ["headersFooters"];
  }

  get orientation(): string {
    return this._get("orientation") as string;
  }
  set orientation(value: string) {
    this._set("orientation", value);
  }
  get paperSize(): string {
    return this._get("paperSize") as string;
  }
  get firstPageNumber(): number | "" {
    return this._get("firstPageNumber") as number | "";
  }
  set firstPageNumber(value: number | "") {
    this._set("firstPageNumber", value);
  }
  set paperSize(value: string) {
    this._set("paperSize", value);
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this._get("zoom") as Excel.PageLayoutZoomOptions;
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this._set("zoom", value);
  }

  get headersFooters(): HeaderFooterGroupObject {
    return this._child("headersFooters", () => new HeaderFooterGroupObject(this._ctx, this, "HeadersFooters", []));
  }

  /** [ExcelApi 1.9] Points. */
  get topMargin(): number {
    return this._get("topMargin") as number;
  }
  get bottomMargin(): number {
    return this._get("bottomMargin") as number;
  }
  get leftMargin(): number {
    return this._get("leftMargin") as number;
  }
  get rightMargin(): number {
    return this._get("rightMargin") as number;
  }
  get headerMargin(): number {
    return this._get("headerMargin") as number;
  }
  get footerMargin(): number {
    return this._get("footerMargin") as number;
  }

  /** Margins in "Points", "Inches" or "Centimeters"; those not given stay. Kept in points. */
  setPrintMargins(unit: string, marginOptions: Excel.PageLayoutMarginOptions): void {
    this._call("SetPrintMargins", [unit, marginOptions], (id, s) => {
      const per = POINTS_PER[oneOf(unit, Object.keys(POINTS_PER), "PageLayout.setPrintMargins(unit)")] as number;
      if (!isPlainObject(marginOptions)) throw invalidArgument("setPrintMargins takes { top?, bottom?, left?, right?, header?, footer? }", "PageLayout.setPrintMargins");
      onlyKeys(marginOptions, MARGIN_KEYS, "PageLayout.setPrintMargins");
      const margins = sheetOf(s, id).pageLayout.margins;
      for (const key of MARGIN_KEYS) {
        const v = marginOptions[key];
        if (v !== undefined) margins[key] = Math.round(positive(v, `PageLayout.setPrintMargins ${key}`, 409 / per) * per * 100) / 100;
      }
    });
  }

  /** A Range, a RangeAreas or an address ("A1:F40", "A1:F20,A22:F40") on this sheet. */
  setPrintArea(printArea: RangeObject | RangeAreasObject | string): void {
    this._call("SetPrintArea", [printArea], (id, s) => {
      const sheet = sheetOf(s, id);
      let areas: readonly Rect[];
      if (typeof printArea === "string") areas = parseAreas(printArea, sheet, s, "PageLayout.setPrintArea");
      else if (printArea instanceof RangeObject || printArea instanceof RangeAreasObject) {
        const t = printArea._resolve(s);
        if (!t || t.sheetId !== id) throw invalidArgument("the print area must be on this sheet", "PageLayout.setPrintArea");
        areas = areasOf(t);
      } else throw invalidArgument("setPrintArea takes a Range, a RangeAreas or an address", "PageLayout.setPrintArea");
      sheet.pageLayout.printArea = areas.map((r) => ({ ...r }));
    });
  }

  /** Entire rows of this sheet: "$1:$1", "1:2", "Sheet!$1:$1" or a Range; stored as "$1:$1". */
  setPrintTitleRows(rows: RangeObject | string): void {
    this._call("SetPrintTitleRows", [rows], (id, s) => {
      const sheet = sheetOf(s, id);
      let rect: Rect | null = null;
      if (typeof rows === "string") {
        const split = splitSheet(rows);
        if (split && (split.sheet === null || findSheet(s.doc, split.sheet) === sheet)) rect = parseRange(split.local);
      } else if (rows instanceof RangeObject) {
        const t = rows._resolve(s);
        if (t && t.sheetId === id) rect = t.rect;
      }
      if (!rect || !isEntireRow(rect)) throw invalidArgument(`print title rows must be entire rows of this sheet such as "$1:$1", got ${typeof rows === "string" ? JSON.stringify(rows) : "a Range"}`, "PageLayout.setPrintTitleRows");
      sheet.pageLayout.printTitleRows = rangeA1(rect, true);
    });
  }

  /** Entire columns of this sheet: "$A:$B", "A:B", "Sheet!$A:$B" or a Range; stored as "$A:$B". */
  setPrintTitleColumns(columns: RangeObject | string): void {
    this._call("SetPrintTitleColumns", [columns], (id, s) => {
      const sheet = sheetOf(s, id);
      let rect: Rect | null = null;
      if (typeof columns === "string") {
        const split = splitSheet(columns);
        if (split && (split.sheet === null || findSheet(s.doc, split.sheet) === sheet)) rect = parseRange(split.local);
      } else if (columns instanceof RangeObject) {
        const t = columns._resolve(s);
        if (t && t.sheetId === id) rect = t.rect;
      }
      if (!rect || !isEntireColumn(rect)) throw invalidArgument(`print title columns must be entire columns of this sheet such as "$A:$B", got ${typeof columns === "string" ? JSON.stringify(columns) : "a Range"}`, "PageLayout.setPrintTitleColumns");
      sheet.pageLayout.printTitleColumns = rangeA1(rect, true);
    });
  }
}

export class HeaderFooterGroupObject extends SheetPart {
  get _className(): string {
    return "HeaderFooterGroup";
  }
  override _navigations(): readonly string[] {
    return ["defaultForAllPages"];
  }
  get defaultForAllPages(): HeaderFooterObject {
    return this._child("defaultForAllPages", () => new HeaderFooterObject(this._ctx, this, "DefaultForAllPages", []));
  }
}

const HEADER_FOOTER_SCALARS: Readonly<Record<string, ScalarDef<string>>> = Object.fromEntries(
  HEADER_FOOTER_KEYS.map((key) => [
    key,
    {
      read: (id: string, s: ApplySession) => sheetOf(s, id).pageLayout.headersFooters[key],
      write: (id: string, v: unknown, s: ApplySession) => {
        if (typeof v !== "string") throw invalidArgument(`HeaderFooter.${key} must be a string`);
        sheetOf(s, id).pageLayout.headersFooters[key] = v;
      },
    },
  ]),
);

/** Only `defaultForAllPages` is modelled. */
export class HeaderFooterObject extends SheetPart {
  get _className(): string {
    return "HeaderFooter";
  }
  override _scalars(): Readonly<Record<string, ScalarDef<string>>> {
    return HEADER_FOOTER_SCALARS;
  }
  get centerHeader(): string {
    return this._get("centerHeader") as string;
  }
  set centerHeader(value: string) {
    this._set("centerHeader", value);
  }
  get leftHeader(): string {
    return this._get("leftHeader") as string;
  }
  set leftHeader(value: string) {
    this._set("leftHeader", value);
  }
  get rightHeader(): string {
    return this._get("rightHeader") as string;
  }
  set rightHeader(value: string) {
    this._set("rightHeader", value);
  }
  get centerFooter(): string {
    return this._get("centerFooter") as string;
  }
  set centerFooter(value: string) {
    this._set("centerFooter", value);
  }
  get leftFooter(): string {
    return this._get("leftFooter") as string;
  }
  set leftFooter(value: string) {
    this._set("leftFooter", value);
  }
  get rightFooter(): string {
    return this._get("rightFooter") as string;
  }
  set rightFooter(value: string) {
    this._set("rightFooter", value);
  }
}

/** [ExcelApi 1.9] Criteria are not modelled; `apply(range)` records the filtered range. */
export class AutoFilterObject extends SheetPart {
  get _className(): string {
    return "AutoFilter";
  }
  apply(range: RangeObject | string, columnIndex?: number, criteria?: unknown): void {
    if (columnIndex !== undefined || criteria !== undefined) throw notModelled("AutoFilter.apply with a column or criteria");
    this._call("Apply", [range], (id, s) => {
      const sheet = sheetOf(s, id);
      const rect = rectOnSheet(range, id, s);
      if (!rect) throw invalidArgument("AutoFilter.apply needs a range on this sheet", "AutoFilter.apply");
      sheet.autoFilter = rect;
    });
  }
  remove(): void {
    this._call("Remove", [], (id, s) => {
      sheetOf(s, id).autoFilter = null;
    });
  }
}

/** Where a break sits: the sheet and the zero-based row it is above. */
interface BreakTarget {
  readonly sheetId: string;
  readonly row: number;
}

/**
 * [ExcelApi 1.9] `worksheet.horizontalPageBreaks`: manual breaks only. `add(range)` puts a
 * break above the range's top-left cell. Office.js instantiates every object it hands out
 * as soon as it is created (the runtime's ClientObject constructor queues an instantiate
 * action), so an `add` whose result is never used still adds the break, in queue order.
 */
export class PageBreakCollectionObject extends SheetPart {
  get _className(): string {
    return "PageBreakCollection";
  }
  add(pageBreakRange: RangeObject | string): PageBreakObject {
    const made = guard(
      new PageBreakObject(this._ctx, this, "Add", [pageBreakRange], (s) => {
        const id = this._resolve(s);
        if (id === null) return null;
        const sheet = sheetOf(s, id);
        let rect: Rect | null = null;
        if (typeof pageBreakRange === "string") {
          const split = splitSheet(pageBreakRange);
          if (split && (split.sheet === null || findSheet(s.doc, split.sheet) === sheet)) rect = parseRange(split.local);
        } else if (pageBreakRange instanceof RangeObject) {
          const t = pageBreakRange._resolve(s);
          if (t && t.sheetId === id) rect = t.rect;
        }
        if (!rect) throw invalidArgument("PageBreakCollection.add needs a range on this sheet", "PageBreakCollection.add");
        if (rect.row === 0) throw invalidArgument("there is no page break above row 1 (fake: Excel's answer not known, refused)", "PageBreakCollection.add");
        if (!sheet.rowBreaks.includes(rect.row)) sheet.rowBreaks = [...sheet.rowBreaks, rect.row].sort((a, b) => a - b);
        return { sheetId: id, row: rect.row };
      }),
    );
    made._instantiate();
    return made;
  }
  /** Removes every manual break of the collection. */
  removePageBreaks(): void {
    this._call("RemovePageBreaks", [], (id, s) => {
      sheetOf(s, id).rowBreaks = [];
    });
  }
}

const PAGE_BREAK_SCALARS: Readonly<Record<string, ScalarDef<BreakTarget>>> = {
  rowIndex: { read: (t) => t.row },
  columnIndex: { read: () => 0 },
};

export class PageBreakObject extends ProxyBase<BreakTarget> {
  private readonly locator: Locator<BreakTarget>;
  constructor(ctx: FakeContextBase, parent: ProxyBase<unknown>, name: string, args: readonly unknown[], locator: Locator<BreakTarget>) {
    super(ctx, parent, name, args);
    this.locator = locator;
  }
  get _className(): string {
    return "PageBreak";
  }
  _scalars(): Readonly<Record<string, ScalarDef<BreakTarget>>> {
    return PAGE_BREAK_SCALARS;
  }
  protected _locate(s: ApplySession): BreakTarget | null {
    return this.locator(s);
  }
  get rowIndex(): number {
    return this._get("rowIndex") as number;
  }
  get columnIndex(): number {
    return this._get("columnIndex") as number;
  }
  delete(): void {
    this._call("Delete", [], (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      sheet.rowBreaks = sheet.rowBreaks.filter((r) => r !== t.row);
    });
  }
}

// ---------------------------------------------------------------------------------- ranges

/** Reads over this many cells are refused (Excel on the web has a five-million-cell limit on reads). */
const MAX_READ_CELLS = 5_000_000;

function readCells(t: RangeTarget, s: ApplySession, pick: (c: CellState | undefined) => unknown): unknown[][] {
  const { rows, cols } = t.rect;
  const cells = rows * cols;
  // Every cell costs at least 3 bytes of JSON (`"",`): refuse before building an array that cannot be sent.
  if (cells * 3 > s.engine.payloadLimitBytes) throw responseTooLarge(cells * 3, s.engine.payloadLimitBytes);
  if (cells > MAX_READ_CELLS) throw notModelled(`reading ${cells} cells at once`);
  const sheet = sheetOf(s, t.sheetId);
  const out: unknown[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: unknown[] = [];
    for (let c = 0; c < cols; c++) row.push(pick(cellAt(sheet, t.rect.row + r, t.rect.col + c)));
    out.push(row);
  }
  return out;
}

function shapeOf(value: unknown[]): string {
  const widths = [...new Set(value.map((row) => (Array.isArray(row) ? String(row.length) : "not-an-array")))];
  return `${value.length}×${widths.join("/") || "0"}`;
}

/**
 * Set a 2-D property: an array must match the range exactly (null = leave that cell alone),
 * a single non-null value is applied to every cell. Every element is checked before any is
 * written, so a bad argument changes nothing.
 */
function writeCells(prop: string, t: RangeTarget, value: unknown, s: ApplySession, check: (v: unknown) => string | null, put: (sheet: SheetState, row: number, col: number, v: unknown) => void): void {
  const sheet = sheetOf(s, t.sheetId);
  const { rows, cols } = t.rect;
  const where = `Range.${prop}`;
  if (Array.isArray(value)) {
    const matrix = value as unknown[];
    if (matrix.length !== rows || !matrix.every((row) => Array.isArray(row) && row.length === cols)) {
      throw invalidArgument(`${prop} is ${shapeOf(matrix)} but ${rangeA1(t.rect)} is ${rows}×${cols}`, where);
    }
    const grid = matrix as unknown[][];
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        const problem = v === null ? null : check(v);
        if (problem) throw invalidArgument(`${prop}[${r}][${c}] ${problem}`, where);
      }),
    );
    grid.forEach((row, r) => row.forEach((v, c) => v !== null && put(sheet, t.rect.row + r, t.rect.col + c, v)));
    return;
  }
  const problem = value === null || value === undefined ? `cannot be ${String(value)}` : check(value);
  if (problem) throw invalidArgument(`${prop} ${problem}`, where);
  if (rows * cols > MAX_CELL_BY_CELL) throw notModelled(`setting ${prop} of ${rangeA1(t.rect)} to one value`);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) put(sheet, t.rect.row + r, t.rect.col + c, value);
}

function checkCellValue(v: unknown): string | null {
  if (typeof v === "string") return v.length > 32767 ? "is longer than 32767 characters (Excel's cell limit)" : null;
  if (typeof v === "number") return Number.isFinite(v) ? null : `is ${v}, which JSON sends as null (fake: refused)`;
  if (typeof v === "boolean") return null;
  if (v instanceof Date) return "is a Date; write an Excel serial number and a date number format (fake: refused)";
  return `is ${v === undefined ? "undefined" : typeof v}, not a string, number or boolean`;
}

function checkNumberFormat(v: unknown): string | null {
  return typeof v === "string" ? null : `is ${typeof v}, not a number-format string`;
}

const RANGE_SCALARS: Readonly<Record<string, ScalarDef<RangeTarget>>> = {
  address: { read: (t, s) => qualifiedAddress(sheetOf(s, t.sheetId).name, t.rect) },
  addressLocal: { read: (t, s) => qualifiedAddress(sheetOf(s, t.sheetId).name, t.rect) },
  rowIndex: { read: (t) => t.rect.row },
  columnIndex: { read: (t) => t.rect.col },
  rowCount: { read: (t) => t.rect.rows },
  columnCount: { read: (t) => t.rect.cols },
  cellCount: { read: (t) => t.rect.rows * t.rect.cols },
  isEntireColumn: { api: "1.7", read: (t) => isEntireColumn(t.rect) },
  isEntireRow: { api: "1.7", read: (t) => isEntireRow(t.rect) },
  values: {
    read: (t, s) => readCells(t, s, (c) => c?.value ?? ""),
    write: (t, v, s) => {
      const sheet = sheetOf(s, t.sheetId);
      for (const m of sheet.merges) {
        if (!overlaps(m, t.rect)) continue;
        // A value for a cell a merged area covers (not its top-left) is not modelled: Excel's answer is not documented.
        for (let r = m.row; r < m.row + m.rows; r++) {
          for (let c = m.col; c < m.col + m.cols; c++) {
            if (r === m.row && c === m.col) continue;
            const inside = r >= t.rect.row && r < t.rect.row + t.rect.rows && c >= t.rect.col && c < t.rect.col + t.rect.cols;
            const given = Array.isArray(v) ? (v as unknown[][])[r - t.rect.row]?.[c - t.rect.col] : v;
            if (inside && given !== null && given !== undefined) throw notModelled(`writing a value under the merged area ${rangeA1(m)}`);
          }
        }
      }
      writeCells("values", t, v, s, checkCellValue, (sh, r, c, x) => writeValue(sh, r, c, x as string | number | boolean));
    },
  },
  numberFormat: {
    read: (t, s) => readCells(t, s, (c) => c?.numberFormat ?? "General"),
    write: (t, v, s) => writeCells("numberFormat", t, v, s, checkNumberFormat, (sheet, r, c, x) => writeNumberFormat(sheet, r, c, x === "" ? "General" : (x as string))),
  },
  /** Read-only in the fake: the formula where there is one, else the value. */
  formulas: { read: (t, s) => readCells(t, s, (c) => c?.formula ?? c?.value ?? "") },
  /** Every column of the range hidden (true), none (false), some (null); writing hides or shows them all. */
  columnHidden: {
    api: "1.2",
    read: (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      const seen = new Set<boolean>();
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) seen.add(sheet.hiddenCols.has(c));
      return seen.size === 1 ? [...seen][0] : null;
    },
    write: (t, v, s) => {
      if (typeof v !== "boolean") throw invalidArgument(`Range.columnHidden must be true or false, got ${JSON.stringify(v)}`, "Range.columnHidden");
      const sheet = sheetOf(s, t.sheetId);
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
        if (v) sheet.hiddenCols.add(c);
        else sheet.hiddenCols.delete(c);
      }
    },
  },
};

const CLEAR_KINDS = ["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"];

export class RangeObject extends ProxyBase<RangeTarget> {
  private readonly locator: Locator<RangeTarget>;

  constructor(ctx: FakeContextBase, parent: ProxyBase<unknown>, name: string, args: readonly unknown[], locator: Locator<RangeTarget>) {
    super(ctx, parent, name, args);
    this.locator = locator;
  }

  get _className(): string {
    return "Range";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return RANGE_SCALARS;
  }
  override _navigations(): readonly string[] {
    return ["format", "dataValidation", "worksheet"];
  }
  protected _locate(s: ApplySession): RangeTarget | null {
    return this.locator(s);
  }
  protected override _recheck(s: ApplySession, t: RangeTarget): RangeTarget {
    sheetOf(s, t.sheetId);
    return t;
  }

  get address(): string {
    return this._get("address") as string;
  }
  get addressLocal(): string {
    return this._get("addressLocal") as string;
  }
  get rowIndex(): number {
    return this._get("rowIndex") as number;
  }
  get columnIndex(): number {
    return this._get("columnIndex") as number;
  }
  get rowCount(): number {
    return this._get("rowCount") as number;
  }
  get columnCount(): number {
    return this._get("columnCount") as number;
  }
  get cellCount(): number {
    return this._get("cellCount") as number;
  }
  get isEntireColumn(): boolean {
    return this._get("isEntireColumn") as boolean;
  }
  get isEntireRow(): boolean {
    return this._get("isEntireRow") as boolean;
  }
  get values(): (string | number | boolean)[][] {
    return this._get("values") as (string | number | boolean)[][];
  }
  set values(value: unknown) {
    this._set("values", value);
  }
  get columnHidden(): boolean {
    return this._get("columnHidden") as boolean;
  }
  set columnHidden(value: boolean) {
    this._set("columnHidden", value);
  }
  get numberFormat(): string[][] {
    return this._get("numberFormat") as string[][];
  }
  set numberFormat(value: unknown) {
    this._set("numberFormat", value);
  }
  get formulas(): (string | number | boolean)[][] {
    return this._get("formulas") as (string | number | boolean)[][];
  }

  get format(): RangeFormatObject {
    return this._child("format", () => new RangeFormatObject(this._ctx, this, "Format", []));
  }
  /** [ExcelApi 1.8] */
  get dataValidation(): DataValidationObject {
    this._requireApi("1.8", "Range.dataValidation");
    return this._child("dataValidation", () => new DataValidationObject(this._ctx, this, "DataValidation", []));
  }
  get worksheet(): WorksheetObject {
    return this._child("worksheet", () => new WorksheetObject(this._ctx, this, "Worksheet", [], (s) => this._resolve(s)?.sheetId ?? null));
  }

  /** A cell relative to this range's top-left; it may lie outside the range. */
  getCell(row: number, column: number): RangeObject {
    return makeRange(this, "GetCell", [row, column], (t) => ({
      sheetId: t.sheetId,
      rect: checkedRect({ row: t.rect.row + row, col: t.rect.col + column, rows: 1, cols: 1 }, "Range.getCell"),
    }));
  }

  /** [ExcelApi 1.2] */
  getResizedRange(deltaRows: number, deltaColumns: number): RangeObject {
    this._requireApi("1.2", "Range.getResizedRange");
    return makeRange(this, "GetResizedRange", [deltaRows, deltaColumns], (t) => ({
      sheetId: t.sheetId,
      rect: checkedRect({ ...t.rect, rows: t.rect.rows + deltaRows, cols: t.rect.cols + deltaColumns }, "Range.getResizedRange"),
    }));
  }

  getRow(row: number): RangeObject {
    return makeRange(this, "GetRow", [row], (t) => {
      requireInt(row, "Range.getRow(row)", 0, t.rect.rows - 1);
      return { sheetId: t.sheetId, rect: { ...t.rect, row: t.rect.row + row, rows: 1 } };
    });
  }

  getColumn(column: number): RangeObject {
    return makeRange(this, "GetColumn", [column], (t) => {
      requireInt(column, "Range.getColumn(column)", 0, t.rect.cols - 1);
      return { sheetId: t.sheetId, rect: { ...t.rect, col: t.rect.col + column, cols: 1 } };
    });
  }

  /**
   * [ExcelApi 1.2] One merged cell of the block, or with `across` one per row. Only the
   * top-left value of each area is kept; merged areas inside the block are absorbed.
   */
  merge(across?: boolean): void {
    this._requireApi("1.2", "Range.merge");
    this._call("Merge", [across ?? false], (t, s) => {
      if (across !== undefined && typeof across !== "boolean") throw invalidArgument("Range.merge(across) takes true or false", "Range.merge");
      const sheet = sheetOf(s, t.sheetId);
      if (isEntireColumn(t.rect) || isEntireRow(t.rect)) throw notModelled("merging entire rows or columns");
      const blocks = across ? Array.from({ length: t.rect.rows }, (_, i) => ({ ...t.rect, row: t.rect.row + i, rows: 1 })) : [t.rect];
      for (const b of blocks) {
        const problem = mergeBlock(sheet, b);
        if (problem) throw notModelled(problem);
      }
    });
  }

  /** [ExcelApi 1.2] Unmerges every merged area the range meets. */
  unmerge(): void {
    this._requireApi("1.2", "Range.unmerge");
    this._call("Unmerge", [], (t, s) => unmergeBlock(sheetOf(s, t.sheetId), t.rect));
  }

  /** [ExcelApi 1.13] The merged areas the range meets (whole areas), or a null object when there are none. */
  getMergedAreasOrNullObject(): RangeAreasObject {
    this._requireApi("1.13", "Range.getMergedAreasOrNullObject");
    return guard(
      new RangeAreasObject(this._ctx, this, "GetMergedAreasOrNullObject", [], (s) => {
        const t = this._resolve(s);
        if (t === null) return null;
        const areas = sheetOf(s, t.sheetId)
          .merges.filter((m) => overlaps(m, t.rect))
          .sort((a, b) => a.row - b.row || a.col - b.col);
        return areas.length === 0 ? null : { sheetId: t.sheetId, rect: boundingBox(areas), areas };
      }),
    );
  }

  /** Activates the range's sheet and selects the range. */
  select(): void {
    this._call("Select", [], (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      s.doc.activeId = sheet.id;
      sheet.selection = t.rect;
    });
  }

  /** "All" (default), "Contents" or "Formats"; hyperlink kinds change nothing here. Data validation is kept. */
  clear(applyTo: string = "All"): void {
    this._call("Clear", [applyTo], (t, s) => {
      const kind = oneOf(applyTo, CLEAR_KINDS, "Range.clear(applyTo)");
      const sheet = sheetOf(s, t.sheetId);
      const contents = kind === "All" || kind === "Contents" || kind === "ResetContents";
      const formats = kind === "All" || kind === "Formats";
      for (const [r, c, cell] of storedCellsIn(sheet, t.rect)) {
        if (contents) {
          cell.value = "";
          cell.formula = null;
        }
        if (formats) {
          cell.numberFormat = "General";
          cell.format = {};
        }
        tidyCell(sheet, r, c);
      }
      if (formats && isEntireColumn(t.rect)) for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) sheet.colFormats.delete(c);
      if (formats && isEntireRow(t.rect)) for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) sheet.rowFormats.delete(r);
    });
  }
}

const RANGE_AREAS_SCALARS: Readonly<Record<string, ScalarDef<RangeTarget>>> = {
  address: { read: (t, s) => areasOf(t).map((r) => qualifiedAddress(sheetOf(s, t.sheetId).name, r)).join(", ") },
  addressLocal: { read: (t, s) => areasOf(t).map((r) => qualifiedAddress(sheetOf(s, t.sheetId).name, r)).join(", ") },
  areaCount: { read: (t) => areasOf(t).length },
  cellCount: { read: (t) => areasOf(t).reduce((n, r) => n + r.rows * r.cols, 0) },
};

/**
 * [ExcelApi 1.9] Several blocks of one sheet (Worksheet.getRanges, Range.getMergedAreasOrNullObject).
 * Only `format` (font, fill, borders, alignment, wrap, widths, heights — applied to every
 * block) and the address properties are modelled.
 */
export class RangeAreasObject extends ProxyBase<RangeTarget> {
  private readonly locator: Locator<RangeTarget>;

  constructor(ctx: FakeContextBase, parent: ProxyBase<unknown>, name: string, args: readonly unknown[], locator: Locator<RangeTarget>) {
    super(ctx, parent, name, args);
    this.locator = locator;
  }
  get _className(): string {
    return "RangeAreas";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return RANGE_AREAS_SCALARS;
  }
  override _navigations(): readonly string[] {
    return ["format"];
  }
  protected _locate(s: ApplySession): RangeTarget | null {
    return this.locator(s);
  }
  protected override _recheck(s: ApplySession, t: RangeTarget): RangeTarget {
    sheetOf(s, t.sheetId);
    return t;
  }
  get address(): string {
    return this._get("address") as string;
  }
  get addressLocal(): string {
    return this._get("addressLocal") as string;
  }
  get areaCount(): number {
    return this._get("areaCount") as number;
  }
  get cellCount(): number {
    return this._get("cellCount") as number;
  }
  get format(): RangeFormatObject {
    return this._child("format", () => new RangeFormatObject(this._ctx, this, "Format", []));
  }
}

/** An object that describes a range (format, font, fill, data validation): resolves to the range. */
abstract class RangePart extends ProxyBase<RangeTarget> {
  protected _locate(s: ApplySession): RangeTarget | null {
    return (this._parent as ProxyBase<RangeTarget>)._resolve(s);
  }
  protected override _recheck(s: ApplySession, t: RangeTarget): RangeTarget {
    sheetOf(s, t.sheetId);
    return t;
  }
}

// ------------------------------------------------------------------------------ formatting

/** Format reads walk the cells; more than this is refused. */
const MAX_FORMAT_READ_CELLS = 200_000;

/** The value every cell of the range shares, or null when they differ (as Office.js reports). */
function uniform<K extends FormatKey>(t: RangeTarget, s: ApplySession, key: K): unknown {
  const sheet = sheetOf(s, t.sheetId);
  let first: unknown = undefined;
  for (const a of areasOf(t)) {
    if (a.rows * a.cols > MAX_FORMAT_READ_CELLS) throw notModelled(`reading format of ${rangeA1(a)}`);
    for (let r = a.row; r < a.row + a.rows; r++) {
      for (let c = a.col; c < a.col + a.cols; c++) {
        const v = effectiveFormat(sheet, r, c)[key];
        if (first === undefined) first = v;
        else if (v !== first) return null;
      }
    }
  }
  return first;
}

function color(v: unknown, where: string): string {
  if (typeof v !== "string" || !/^(#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}|[A-Za-z]+)$/.test(v)) throw invalidArgument(`${where} must be "#RRGGBB" or a colour name, got ${JSON.stringify(v)}`, where);
  return v.startsWith("#") ? v.toUpperCase() : v;
}

type FormatDef = { key: FormatKey; check: (v: unknown, where: string) => FormatState[FormatKey]; read?: (v: unknown) => unknown };

function formatScalar(def: FormatDef, where: string): ScalarDef<RangeTarget> {
  return {
    read: (t, s) => {
      const v = uniform(t, s, def.key);
      return def.read && v !== null ? def.read(v) : v;
    },
    write: (t, v, s) => {
      if (v === null || v === undefined) throw invalidArgument(`${where} cannot be set to ${String(v)}`, where);
      const value = def.check(v, where);
      for (const a of areasOf(t)) if (!applyFormat(sheetOf(s, t.sheetId), a, def.key, value)) throw notModelled(`formatting ${rangeA1(a)} cell by cell`);
    },
  };
}

const bool = (v: unknown, where: string): boolean => {
  if (typeof v !== "boolean") throw invalidArgument(`${where} must be true or false, got ${JSON.stringify(v)}`, where);
  return v;
};

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];

function positive(v: unknown, where: string, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > max) throw invalidArgument(`${where} must be a number from 0 to ${max}, got ${JSON.stringify(v)}`, where);
  return v;
}

const RANGE_FORMAT_SCALARS: Readonly<Record<string, ScalarDef<RangeTarget>>> = {
  wrapText: formatScalar({ key: "wrapText", check: bool }, "RangeFormat.wrapText"),
  horizontalAlignment: formatScalar({ key: "horizontalAlignment", check: (v, w) => oneOf(v, H_ALIGN, w) }, "RangeFormat.horizontalAlignment"),
  verticalAlignment: formatScalar({ key: "verticalAlignment", check: (v, w) => oneOf(v, V_ALIGN, w) }, "RangeFormat.verticalAlignment"),
  columnWidth: {
    api: "1.2",
    read: (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      const widths = new Set<number>();
      for (const a of areasOf(t)) for (let c = a.col; c < a.col + a.cols; c++) widths.add(columnWidthOf(sheet, c));
      return widths.size === 1 ? [...widths][0] : null;
    },
    write: (t, v, s) => {
      const width = positive(v, "RangeFormat.columnWidth", 1789);
      const sheet = sheetOf(s, t.sheetId);
      for (const a of areasOf(t)) {
        if (isEntireRow(a)) {
          sheet.defaultColWidth = width;
          sheet.colWidths.clear();
        } else for (let c = a.col; c < a.col + a.cols; c++) sheet.colWidths.set(c, width);
      }
    },
  },
  rowHeight: {
    api: "1.2",
    read: (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      const heights = new Set<number>();
      for (const a of areasOf(t)) {
        if (isEntireColumn(a)) {
          if (sheet.rowHeights.size > 0) return null;
          heights.add(sheet.defaultRowHeight);
        } else for (let r = a.row; r < a.row + a.rows; r++) heights.add(rowHeightOf(sheet, r));
      }
      return heights.size === 1 ? [...heights][0] : null;
    },
    write: (t, v, s) => {
      const height = positive(v, "RangeFormat.rowHeight", 409);
      const sheet = sheetOf(s, t.sheetId);
      for (const a of areasOf(t)) {
        if (isEntireColumn(a)) {
          sheet.defaultRowHeight = height;
          sheet.rowHeights.clear();
        } else for (let r = a.row; r < a.row + a.rows; r++) sheet.rowHeights.set(r, height);
      }
    },
  },
};

export class RangeFormatObject extends RangePart {
  get _className(): string {
    return "RangeFormat";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return RANGE_FORMAT_SCALARS;
  }
  override _navigations(): readonly string[] {
    return ["font", "fill"];
  }

  get borders(): RangeBorderCollectionObject {
    return this._child("borders", () => new RangeBorderCollectionObject(this._ctx, this, "Borders", []));
  }
  get font(): RangeFontObject {
    return this._child("font", () => new RangeFontObject(this._ctx, this, "Font", []));
  }
  get fill(): RangeFillObject {
    return this._child("fill", () => new RangeFillObject(this._ctx, this, "Fill", []));
  }

  /** [ExcelApi 1.2] Points; setting it on any range sets the width of all its columns. */
  get columnWidth(): number {
    return this._get("columnWidth") as number;
  }
  set columnWidth(value: number) {
    this._set("columnWidth", value);
  }
  /** [ExcelApi 1.2] Points; setting it on any range sets the height of all its rows. */
  get rowHeight(): number {
    return this._get("rowHeight") as number;
  }
  set rowHeight(value: number) {
    this._set("rowHeight", value);
  }
  get wrapText(): boolean {
    return this._get("wrapText") as boolean;
  }
  set wrapText(value: boolean) {
    this._set("wrapText", value);
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment") as string;
  }
  set horizontalAlignment(value: string) {
    this._set("horizontalAlignment", value);
  }
  get verticalAlignment(): string {
    return this._get("verticalAlignment") as string;
  }
  set verticalAlignment(value: string) {
    this._set("verticalAlignment", value);
  }
}

const RANGE_FONT_SCALARS: Readonly<Record<string, ScalarDef<RangeTarget>>> = {
  bold: formatScalar({ key: "bold", check: bool }, "RangeFont.bold"),
  italic: formatScalar({ key: "italic", check: bool }, "RangeFont.italic"),
  color: formatScalar({ key: "fontColor", check: (v, w) => (v === "" ? "#000000" : color(v, w)) }, "RangeFont.color"),
  size: formatScalar({ key: "fontSize", check: (v, w) => positive(v, w, 409) }, "RangeFont.size"),
  name: formatScalar(
    {
      key: "fontName",
      check: (v, w) => {
        if (typeof v !== "string" || v === "") throw invalidArgument(`${w} must be a font name`, w);
        return v;
      },
    },
    "RangeFont.name",
  ),
};

export class RangeFontObject extends RangePart {
  get _className(): string {
    return "RangeFont";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return RANGE_FONT_SCALARS;
  }
  get bold(): boolean {
    return this._get("bold") as boolean;
  }
  set bold(value: boolean) {
    this._set("bold", value);
  }
  get italic(): boolean {
    return this._get("italic") as boolean;
  }
  set italic(value: boolean) {
    this._set("italic", value);
  }
  get color(): string {
    return this._get("color") as string;
  }
  set color(value: string) {
    this._set("color", value);
  }
  get size(): number {
    return this._get("size") as number;
  }
  set size(value: number) {
    this._set("size", value);
  }
  get name(): string {
    return this._get("name") as string;
  }
  set name(value: string) {
    this._set("name", value);
  }
}

const RANGE_FILL_SCALARS: Readonly<Record<string, ScalarDef<RangeTarget>>> = {
  // No fill reads as white, as in Office.js; "" removes the fill.
  color: formatScalar({ key: "fillColor", check: (v, w) => (v === "" ? null : color(v, w)), read: (v) => v ?? "#FFFFFF" }, "RangeFill.color"),
};

export class RangeFillObject extends RangePart {
  get _className(): string {
    return "RangeFill";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return RANGE_FILL_SCALARS;
  }
  get color(): string {
    return this._get("color") as string;
  }
  set color(value: string) {
    this._set("color", value);
  }
  clear(): void {
    this._call("Clear", [], (t, s) => {
      for (const a of areasOf(t)) if (!applyFormat(sheetOf(s, t.sheetId), a, "fillColor", null)) throw notModelled(`clearing the fill of ${rangeA1(a)}`);
    });
  }
}

// --------------------------------------------------------------------------------- borders

const BORDER_INDEXES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"];
const LINE_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];

/** The cell sides one border item stands for inside a block: [cells, side] pairs. */
function borderSides(index: string, r: Rect): [Rect, BorderSide][] {
  if (isEntireColumn(r) || isEntireRow(r)) throw notModelled("borders on entire rows or columns");
  switch (index) {
    case "EdgeTop":
      return [[{ ...r, rows: 1 }, "Top"]];
    case "EdgeBottom":
      return [[{ ...r, row: r.row + r.rows - 1, rows: 1 }, "Bottom"]];
    case "EdgeLeft":
      return [[{ ...r, cols: 1 }, "Left"]];
    case "EdgeRight":
      return [[{ ...r, col: r.col + r.cols - 1, cols: 1 }, "Right"]];
    case "InsideHorizontal":
      return r.rows < 2 ? [] : [[{ ...r, rows: r.rows - 1 }, "Bottom"], [{ ...r, row: r.row + 1, rows: r.rows - 1 }, "Top"]];
    default: // InsideVertical
      return r.cols < 2 ? [] : [[{ ...r, cols: r.cols - 1 }, "Right"], [{ ...r, col: r.col + 1, cols: r.cols - 1 }, "Left"]];
  }
}

interface BorderTarget extends RangeTarget {
  readonly index: string;
}

function borderScalar(prop: "Style" | "Color", check: (v: unknown, where: string) => string): ScalarDef<BorderTarget> {
  const where = `RangeBorder.${prop.toLowerCase()}`;
  return {
    read: (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      let first: string | undefined;
      for (const a of areasOf(t)) {
        const [cells, side] = borderSides(t.index, a)[0] ?? [null, "Top"];
        if (!cells) continue;
        if (cells.rows * cells.cols > MAX_FORMAT_READ_CELLS) throw notModelled(`reading borders of ${rangeA1(cells)}`);
        for (let r = cells.row; r < cells.row + cells.rows; r++) {
          for (let c = cells.col; c < cells.col + cells.cols; c++) {
            const line = effectiveBorder(sheet, r, c, side);
            const v = prop === "Style" ? (line?.style ?? "None") : (line?.color ?? "#000000");
            if (first === undefined) first = v;
            else if (v !== first) return null;
          }
        }
      }
      return first ?? (prop === "Style" ? "None" : "#000000");
    },
    write: (t, v, s) => {
      const value = check(v, where);
      const sheet = sheetOf(s, t.sheetId);
      for (const a of areasOf(t)) {
        for (const [cells, side] of borderSides(t.index, a)) {
          if (!applyFormat(sheet, cells, borderKey(side, prop), value)) throw notModelled(`borders on ${rangeA1(cells)} cell by cell`);
        }
      }
    },
  };
}

const RANGE_BORDER_SCALARS: Readonly<Record<string, ScalarDef<BorderTarget>>> = {
  style: borderScalar("Style", (v, w) => oneOf(v, LINE_STYLES, w)),
  color: borderScalar("Color", (v, w) => color(v, w)),
  sideIndex: { read: (t) => t.index },
};

/** `format.borders`: items by index; the diagonals and `weight` are not modelled. */
export class RangeBorderCollectionObject extends RangePart {
  get _className(): string {
    return "RangeBorderCollection";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return {};
  }
  getItem(index: string): RangeBorderObject {
    if (!BORDER_INDEXES.includes(index)) throw notModelled(`RangeBorderCollection.getItem(${JSON.stringify(index)})`);
    return guard(
      new RangeBorderObject(this._ctx, this, "GetItem", [index], (s) => {
        const t = this._resolve(s);
        return t === null ? null : { ...t, index };
      }),
    );
  }
}

/**
 * One border item of a range (or of every block of a RangeAreas). Kept per cell side; a line
 * shows when either of the two cells it separates has it (see FakeWorkbook.cell's borders).
 */
export class RangeBorderObject extends ProxyBase<BorderTarget> {
  private readonly locator: Locator<BorderTarget>;
  constructor(ctx: FakeContextBase, parent: ProxyBase<unknown>, name: string, args: readonly unknown[], locator: Locator<BorderTarget>) {
    super(ctx, parent, name, args);
    this.locator = locator;
  }
  get _className(): string {
    return "RangeBorder";
  }
  _scalars(): Readonly<Record<string, ScalarDef<BorderTarget>>> {
    return RANGE_BORDER_SCALARS;
  }
  protected _locate(s: ApplySession): BorderTarget | null {
    return this.locator(s);
  }
  get style(): string {
    return this._get("style") as string;
  }
  set style(value: string) {
    this._set("style", value);
  }
  get color(): string {
    return this._get("color") as string;
  }
  set color(value: string) {
    this._set("color", value);
  }
  get sideIndex(): string {
    return this._get("sideIndex") as string;
  }
}

// ------------------------------------------------------------------------- data validation

const RULE_KINDS: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  list: "List",
  custom: "Custom",
};

/** The validation exactly on the range, else the latest one containing it. */
function validationFor(sheet: SheetState, rect: Rect): ValidationState | undefined {
  return sheet.validations.find((v) => sameRect(v.rect, rect)) ?? [...sheet.validations].reverse().find((v) => contains(v.rect, rect));
}

function limitedText(obj: Record<string, unknown>, key: string, max: number, where: string): void {
  const v = obj[key];
  if (v === undefined) return;
  if (typeof v !== "string") throw invalidArgument(`${where}.${key} must be a string`, where);
  if (v.length > max) throw invalidArgument(`${where}.${key} has ${v.length} characters; Excel allows ${max}`, where);
}

function onlyKeys(obj: Record<string, unknown>, keys: readonly string[], where: string): void {
  const extra = Object.keys(obj).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw invalidArgument(`${where} has unknown field(s) ${extra.join(", ")}`, where);
}

function copyPlain<V>(value: V, where: string): V {
  try {
    return structuredClone(value);
  } catch {
    throw notModelled(`${where} holding objects other than plain data`);
  }
}

function checkRule(value: unknown, s: ApplySession): Excel.DataValidationRule {
  const where = "DataValidation.rule";
  if (!isPlainObject(value)) throw invalidArgument(`${where} must be an object`, where);
  const kinds = Object.keys(value).filter((k) => value[k] !== undefined);
  if (kinds.length !== 1 || !((kinds[0] as string) in RULE_KINDS)) {
    throw invalidArgument(`${where} needs exactly one of ${Object.keys(RULE_KINDS).join(", ")}; got ${kinds.join(", ") || "none"}`, where);
  }
  const list = value["list"];
  if (list === undefined) return copyPlain(value, where);
  if (!isPlainObject(list)) throw invalidArgument(`${where}.list must be an object`, where);
  onlyKeys(list, ["inCellDropDown", "source"], `${where}.list`);
  if (list["inCellDropDown"] !== undefined && typeof list["inCellDropDown"] !== "boolean") throw invalidArgument(`${where}.list.inCellDropDown must be boolean`, where);
  let source = list["source"];
  if (source instanceof RangeObject) {
    const t = source._resolve(s);
    if (!t) throw invalidArgument(`${where}.list.source is a null range`, where);
    source = `=${qualifiedAddress(sheetOf(s, t.sheetId).name, t.rect, true)}`;
  }
  if (typeof source !== "string" || source === "") throw invalidArgument(`${where}.list.source must be a non-empty string or a Range`, where);
  // Excel keeps a typed-in list (not a "=reference") to 255 characters.
  if (!source.startsWith("=") && source.length > 255) throw invalidArgument(`${where}.list.source has ${source.length} characters; a typed list allows 255`, where);
  return { list: { inCellDropDown: list["inCellDropDown"] ?? true, source } };
}

function checkErrorAlert(value: unknown): Excel.DataValidationErrorAlert {
  const where = "DataValidation.errorAlert";
  if (!isPlainObject(value)) throw invalidArgument(`${where} must be an object`, where);
  onlyKeys(value, ["message", "showAlert", "style", "title"], where);
  limitedText(value, "title", 32, where);
  limitedText(value, "message", 225, where);
  if (value["showAlert"] !== undefined) bool(value["showAlert"], `${where}.showAlert`);
  if (value["style"] !== undefined) oneOf(value["style"], ["Stop", "Warning", "Information"], `${where}.style`);
  return { ...value } as unknown as Excel.DataValidationErrorAlert;
}

function checkPrompt(value: unknown): Excel.DataValidationPrompt {
  const where = "DataValidation.prompt";
  if (!isPlainObject(value)) throw invalidArgument(`${where} must be an object`, where);
  onlyKeys(value, ["message", "showPrompt", "title"], where);
  limitedText(value, "title", 32, where);
  limitedText(value, "message", 255, where);
  if (value["showPrompt"] !== undefined) bool(value["showPrompt"], `${where}.showPrompt`);
  return { ...value } as unknown as Excel.DataValidationPrompt;
}

function validationScalar<K extends "rule" | "errorAlert" | "prompt">(key: K, check: (v: unknown, s: ApplySession) => ValidationState[K]): ScalarDef<RangeTarget> {
  return {
    read: (t, s) => structuredClone(validationFor(sheetOf(s, t.sheetId), t.rect)?.[key] ?? null),
    write: (t, v, s) => {
      const patch: Partial<Omit<ValidationState, "rect">> = {};
      patch[key] = check(v, s);
      upsertValidation(sheetOf(s, t.sheetId), t.rect, patch);
    },
  };
}

const DATA_VALIDATION_SCALARS: Readonly<Record<string, ScalarDef<RangeTarget>>> = {
  rule: validationScalar("rule", checkRule),
  errorAlert: validationScalar("errorAlert", checkErrorAlert),
  prompt: validationScalar("prompt", checkPrompt),
  type: {
    read: (t, s) => {
      const rule = validationFor(sheetOf(s, t.sheetId), t.rect)?.rule;
      const kind = rule ? Object.keys(rule).find((k) => k in RULE_KINDS) : undefined;
      return kind ? RULE_KINDS[kind] : "None";
    },
  },
};

/**
 * [ExcelApi 1.8] Kept per sheet as a list of {range, rule, errorAlert, prompt}. Setting any of
 * the three on a range updates the entry for exactly that range, or adds one (dropping entries
 * the new range covers completely). Reads give that entry's value, or null when there is none.
 * Limits (from Excel's data-validation dialog / file format): prompt title 32 and message 255
 * characters, error title 32 and message 225, a typed list source 255.
 */
export class DataValidationObject extends RangePart {
  get _className(): string {
    return "DataValidation";
  }
  _scalars(): Readonly<Record<string, ScalarDef<RangeTarget>>> {
    return DATA_VALIDATION_SCALARS;
  }
  get rule(): Excel.DataValidationRule {
    return this._get("rule") as Excel.DataValidationRule;
  }
  set rule(value: Excel.DataValidationRule) {
    this._set("rule", value);
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this._get("errorAlert") as Excel.DataValidationErrorAlert;
  }
  set errorAlert(value: Excel.DataValidationErrorAlert) {
    this._set("errorAlert", value);
  }
  get prompt(): Excel.DataValidationPrompt {
    return this._get("prompt") as Excel.DataValidationPrompt;
  }
  set prompt(value: Excel.DataValidationPrompt) {
    this._set("prompt", value);
  }
  get type(): string {
    return this._get("type") as string;
  }
  /** Removes the validations lying completely inside the range. */
  clear(): void {
    this._call("Clear", [], (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      sheet.validations = sheet.validations.filter((v) => !contains(t.rect, v.rect));
    });
  }
}

// --------------------------------------------------------------------------------- context

/** What `run` hands to the batch (callers cast it to Excel.RequestContext). */
export class FakeRequestContext extends FakeContextBase {
  readonly workbook: WorkbookObject = guard(new WorkbookObject(this, null, "Workbook", []));

  get application(): ApplicationObject {
    return this.workbook.application;
  }
}
