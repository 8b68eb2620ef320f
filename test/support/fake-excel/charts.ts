/**
 * Charts in the fake: `worksheet.charts` (add, count, getItem, getItemAt), a chart's name,
 * type, title, position and series, and a series' name, values and category labels.
 *
 * What `charts.add(type, range, "Columns")` makes depends on Excel's guess of where the
 * series names and category labels are. The fake models that guess only where it is not a
 * guess: the first row of the series columns is text (the names) and their cells below are
 * numbers or blank (the values); the first column gives the category labels when its cells
 * below the first row are text. Anything else (a number header, a blank top-left cell over
 * numbers, a date column, "Auto" or "Rows") fails as not modelled.
 */
import { parseRange, type Rect, rangeA1 } from "../../../src/core/address";
import { splitSheet } from "./address";
import { type ApplySession, type FakeContextBase, guard, ProxyBase, type ScalarDef } from "./core";
import { invalidArgument, itemNotFound, notModelled } from "./errors";
import type { RangeTarget } from "./objects";
import { cellAt, type ChartState, findSheet, type SheetState } from "./workbook";

// prettier-ignore
const CHART_TYPES = ["ColumnClustered", "ColumnStacked", "ColumnStacked100", "3DColumnClustered", "3DColumnStacked", "3DColumnStacked100", "BarClustered", "BarStacked", "BarStacked100", "3DBarClustered", "3DBarStacked", "3DBarStacked100", "LineStacked", "LineStacked100", "LineMarkers", "LineMarkersStacked", "LineMarkersStacked100", "PieOfPie", "PieExploded", "3DPieExploded", "BarOfPie", "XYScatterSmooth", "XYScatterSmoothNoMarkers", "XYScatterLines", "XYScatterLinesNoMarkers", "AreaStacked", "AreaStacked100", "3DAreaStacked", "3DAreaStacked100", "DoughnutExploded", "RadarMarkers", "RadarFilled", "Surface", "SurfaceWireframe", "SurfaceTopView", "SurfaceTopViewWireframe", "Bubble", "Bubble3DEffect", "StockHLC", "StockOHLC", "StockVHLC", "StockVOHLC", "CylinderColClustered", "CylinderColStacked", "CylinderColStacked100", "CylinderBarClustered", "CylinderBarStacked", "CylinderBarStacked100", "CylinderCol", "ConeColClustered", "ConeColStacked", "ConeColStacked100", "ConeBarClustered", "ConeBarStacked", "ConeBarStacked100", "ConeCol", "PyramidColClustered", "PyramidColStacked", "PyramidColStacked100", "PyramidBarClustered", "PyramidBarStacked", "PyramidBarStacked100", "PyramidCol", "3DColumn", "Line", "3DLine", "3DPie", "Pie", "XYScatter", "3DArea", "Area", "Doughnut", "Radar", "Histogram", "Boxwhisker", "Pareto", "RegionMap", "Treemap", "Waterfall", "Sunburst", "Funnel"];

function sheetOf(s: ApplySession, id: string): SheetState {
  const sheet = s.doc.sheets.find((x) => x.id === id);
  if (!sheet) throw itemNotFound("the worksheet no longer exists");
  return sheet;
}

function chartOf(s: ApplySession, t: ChartTarget): ChartState {
  const chart = sheetOf(s, t.sheetId).charts.find((c) => c.id === t.chartId);
  if (!chart) throw itemNotFound("the chart no longer exists");
  return chart;
}

/** A Range proxy (or an address on `sheet`) as a block of `sheet`; throws InvalidArgument. */
function rangeOn(arg: unknown, sheet: SheetState, s: ApplySession, where: string): Rect {
  if (typeof arg === "string") {
    const split = splitSheet(arg);
    const rect = split && (split.sheet === null || findSheet(s.doc, split.sheet) === sheet) ? parseRange(split.local) : null;
    if (!rect) throw invalidArgument(`${where}: "${arg}" is not a cell address on sheet "${sheet.name}"`, where);
    return rect;
  }
  if (arg instanceof ProxyBase && arg._className === "Range") {
    const t = (arg as ProxyBase<RangeTarget>)._resolve(s);
    if (!t) throw invalidArgument(`${where}: a null range`, where);
    if (t.sheetId !== sheet.id) throw notModelled(`${where} with a range on another sheet`);
    return t.rect;
  }
  throw invalidArgument(`${where} takes a Range`, where);
}

type Kind = "text" | "number" | "blank";

function kindAt(sheet: SheetState, row: number, col: number): Kind {
  const v = cellAt(sheet, row, col)?.value ?? "";
  if (v === "") return "blank";
  return typeof v === "number" ? "number" : "text";
}

function isDateFormat(sheet: SheetState, row: number, col: number): boolean {
  const f = (cellAt(sheet, row, col)?.numberFormat ?? "General").replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").toLowerCase();
  return /[yd]/.test(f);
}

/** The series `add(type, source, "Columns")` makes, by the rule in the file comment. */
function seriesOf(sheet: SheetState, src: Rect): ChartState["series"] {
  const fail = (why: string): never => {
    throw notModelled(`Excel's guess of names and categories in ${rangeA1(src)} (${why})`);
  };
  if (src.rows < 2) fail("a source needs a header row and at least one row of values");
  const body = { ...src, row: src.row + 1, rows: src.rows - 1 };
  const bodyKinds = (col: number): Set<Kind> => {
    const kinds = new Set<Kind>();
    for (let r = body.row; r < body.row + body.rows; r++) kinds.add(kindAt(sheet, r, col));
    return kinds;
  };
  const first = bodyKinds(src.col);
  const hasCategories = first.has("text") && !first.has("number");
  if (first.has("text") && first.has("number")) fail("the first column mixes text and numbers");
  if (!hasCategories) {
    if (kindAt(sheet, src.row, src.col) === "blank") fail("a blank top-left cell over numbers");
    for (let r = body.row; r < body.row + body.rows; r++) if (kindAt(sheet, r, src.col) === "number" && isDateFormat(sheet, r, src.col)) fail("dates in the first column");
  }
  const firstSeries = hasCategories ? src.col + 1 : src.col;
  if (firstSeries >= src.col + src.cols) fail("no column of values");
  const series: ChartState["series"] = [];
  for (let c = firstSeries; c < src.col + src.cols; c++) {
    if (kindAt(sheet, src.row, c) !== "text") fail("the first row is not all text");
    if (bodyKinds(c).has("text")) fail("text among the values");
    series.push({
      name: String(cellAt(sheet, src.row, c)?.value ?? ""),
      nameRect: { row: src.row, col: c, rows: 1, cols: 1 },
      values: { row: body.row, col: c, rows: body.rows, cols: 1 },
      categories: hasCategories ? { row: body.row, col: src.col, rows: body.rows, cols: 1 } : null,
    });
  }
  return series;
}

interface ChartTarget {
  readonly sheetId: string;
  readonly chartId: string;
}

const COLLECTION_SCALARS: Readonly<Record<string, ScalarDef<string>>> = {
  count: { read: (id, s) => sheetOf(s, id).charts.length },
};

/** `worksheet.charts`. A chart added is created in queue order, whether or not it is used after. */
export class ChartCollectionObject extends ProxyBase<string> {
  get _className(): string {
    return "ChartCollection";
  }
  _scalars(): Readonly<Record<string, ScalarDef<string>>> {
    return COLLECTION_SCALARS;
  }
  protected _locate(s: ApplySession): string | null {
    return (this._parent as ProxyBase<string>)._resolve(s);
  }
  protected override _recheck(s: ApplySession, id: string): string {
    return sheetOf(s, id).id;
  }
  get count(): number {
    return this._get("count") as number;
  }

  add(type: string, sourceData: unknown, seriesBy?: string): ChartObject {
    const chart = this.makeChart("Add", [type, sourceData, seriesBy], (sheet, s) => {
      if (!CHART_TYPES.includes(type)) throw invalidArgument(`"${type}" is not a chart type`, "ChartCollection.add");
      if (seriesBy !== "Columns") throw notModelled(`ChartCollection.add with seriesBy ${JSON.stringify(seriesBy)} (only "Columns")`);
      if (typeof sourceData === "string") throw invalidArgument("ChartCollection.add takes a Range, not an address", "ChartCollection.add");
      const src = rangeOn(sourceData, sheet, s, "ChartCollection.add");
      const series = seriesOf(sheet, src);
      const taken = new Set(sheet.charts.map((c) => c.name));
      let n = sheet.charts.length + 1;
      while (taken.has(`Chart ${n}`)) n++;
      // A one-series chart shows the series name as its title; with more, there is no title.
      const state: ChartState = {
        id: `{fake-chart-${s.doc.nextId++}}`,
        name: `Chart ${n}`,
        chartType: type,
        title: series.length === 1 ? { text: series[0]?.name ?? "", visible: true } : { text: "", visible: false },
        position: null,
        series,
      };
      sheet.charts.push(state);
      return state.id;
    });
    chart._instantiate();
    return chart;
  }

  getItem(name: string): ChartObject {
    return this.makeChart("GetItem", [name], (sheet) => {
      const c = sheet.charts.find((x) => x.name === name);
      if (!c) throw itemNotFound(`no chart "${name}"`, "ChartCollection.getItem");
      return c.id;
    });
  }

  getItemAt(index: number): ChartObject {
    return this.makeChart("GetItemAt", [index], (sheet) => {
      const c = sheet.charts[index];
      if (!c) throw invalidArgument(`no chart at ${index}`, "ChartCollection.getItemAt");
      return c.id;
    });
  }

  private makeChart(name: string, args: readonly unknown[], find: (sheet: SheetState, s: ApplySession) => string): ChartObject {
    return guard(
      new ChartObject(this._ctx, this, name, args, (s) => {
        const id = this._resolve(s);
        return id === null ? null : { sheetId: id, chartId: find(sheetOf(s, id), s) };
      }),
    );
  }
}

const CHART_SCALARS: Readonly<Record<string, ScalarDef<ChartTarget>>> = {
  name: {
    read: (t, s) => chartOf(s, t).name,
    write: (t, v, s) => {
      if (typeof v !== "string" || v === "") throw invalidArgument("Chart.name must be a non-empty string", "Chart.name");
      chartOf(s, t).name = v;
    },
  },
  id: { api: "1.7", read: (t) => t.chartId },
  chartType: {
    api: "1.7",
    read: (t, s) => chartOf(s, t).chartType,
    write: (t, v, s) => {
      if (typeof v !== "string" || !CHART_TYPES.includes(v)) throw invalidArgument(`"${String(v)}" is not a chart type`, "Chart.chartType");
      chartOf(s, t).chartType = v;
    },
  },
};

export class ChartObject extends ProxyBase<ChartTarget> {
  constructor(
    ctx: FakeContextBase,
    parent: ProxyBase<unknown>,
    name: string,
    args: readonly unknown[],
    private readonly locator: (s: ApplySession) => ChartTarget | null,
  ) {
    super(ctx, parent, name, args);
  }
  get _className(): string {
    return "Chart";
  }
  _scalars(): Readonly<Record<string, ScalarDef<ChartTarget>>> {
    return CHART_SCALARS;
  }
  override _navigations(): readonly string[] {
    return ["title", "series"];
  }
  protected _locate(s: ApplySession): ChartTarget | null {
    return this.locator(s);
  }
  protected override _recheck(s: ApplySession, t: ChartTarget): ChartTarget {
    chartOf(s, t);
    return t;
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
  /** [ExcelApi 1.7] */
  get chartType(): string {
    return this._get("chartType") as string;
  }
  set chartType(value: string) {
    this._set("chartType", value);
  }
  get title(): ChartTitleObject {
    return this._child("title", () => new ChartTitleObject(this._ctx, this, "Title", []));
  }
  get series(): ChartSeriesCollectionObject {
    return this._child("series", () => new ChartSeriesCollectionObject(this._ctx, this, "Series", []));
  }

  /** Moves the chart to `startCell`; with `endCell`, sizes it to cover up to that cell or range. */
  setPosition(startCell: unknown, endCell?: unknown): void {
    this._call("SetPosition", endCell === undefined ? [startCell] : [startCell, endCell], (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      const start = rangeOn(startCell, sheet, s, "Chart.setPosition");
      const end = endCell === undefined ? start : rangeOn(endCell, sheet, s, "Chart.setPosition");
      chartOf(s, t).position = { start: { row: start.row, col: start.col, rows: 1, cols: 1 }, end };
    });
  }

  delete(): void {
    this._call("Delete", [], (t, s) => {
      const sheet = sheetOf(s, t.sheetId);
      sheet.charts = sheet.charts.filter((c) => c.id !== t.chartId);
    });
  }
}

/** Parts of a chart resolve to the chart. */
abstract class ChartPart<T> extends ProxyBase<T> {
  protected override _recheck(s: ApplySession, t: T): T {
    chartOf(s, t as unknown as ChartTarget);
    return t;
  }
}

const TITLE_SCALARS: Readonly<Record<string, ScalarDef<ChartTarget>>> = {
  text: {
    read: (t, s) => chartOf(s, t).title.text,
    write: (t, v, s) => {
      if (typeof v !== "string") throw invalidArgument("ChartTitle.text must be a string", "ChartTitle.text");
      chartOf(s, t).title.text = v;
    },
  },
  visible: {
    read: (t, s) => chartOf(s, t).title.visible,
    write: (t, v, s) => {
      if (typeof v !== "boolean") throw invalidArgument("ChartTitle.visible must be true or false", "ChartTitle.visible");
      chartOf(s, t).title.visible = v;
    },
  },
};

export class ChartTitleObject extends ChartPart<ChartTarget> {
  get _className(): string {
    return "ChartTitle";
  }
  _scalars(): Readonly<Record<string, ScalarDef<ChartTarget>>> {
    return TITLE_SCALARS;
  }
  protected _locate(s: ApplySession): ChartTarget | null {
    return (this._parent as ProxyBase<ChartTarget>)._resolve(s);
  }
  get text(): string {
    return this._get("text") as string;
  }
  set text(value: string) {
    this._set("text", value);
  }
  get visible(): boolean {
    return this._get("visible") as boolean;
  }
  set visible(value: boolean) {
    this._set("visible", value);
  }
}

const SERIES_COLLECTION_SCALARS: Readonly<Record<string, ScalarDef<ChartTarget>>> = {
  count: { read: (t, s) => chartOf(s, t).series.length },
};

export class ChartSeriesCollectionObject extends ChartPart<ChartTarget> {
  get _className(): string {
    return "ChartSeriesCollection";
  }
  _scalars(): Readonly<Record<string, ScalarDef<ChartTarget>>> {
    return SERIES_COLLECTION_SCALARS;
  }
  protected _locate(s: ApplySession): ChartTarget | null {
    return (this._parent as ProxyBase<ChartTarget>)._resolve(s);
  }
  get count(): number {
    return this._get("count") as number;
  }
  getItemAt(index: number): ChartSeriesObject {
    return guard(
      new ChartSeriesObject(this._ctx, this, "GetItemAt", [index], (s) => {
        const t = this._resolve(s);
        if (t === null) return null;
        if (!Number.isInteger(index) || chartOf(s, t).series[index] === undefined) throw invalidArgument(`no series at ${index}`, "ChartSeriesCollection.getItemAt");
        return { ...t, index };
      }),
    );
  }
}

interface SeriesTarget extends ChartTarget {
  readonly index: number;
}

function seriesOfTarget(s: ApplySession, t: SeriesTarget): ChartState["series"][number] {
  const x = chartOf(s, t).series[t.index];
  if (!x) throw itemNotFound("the series no longer exists");
  return x;
}

const SERIES_SCALARS: Readonly<Record<string, ScalarDef<SeriesTarget>>> = {
  name: {
    read: (t, s) => seriesOfTarget(s, t).name,
    write: (t, v, s) => {
      if (typeof v !== "string") throw invalidArgument("ChartSeries.name must be a string", "ChartSeries.name");
      const x = seriesOfTarget(s, t);
      x.name = v;
      x.nameRect = null;
    },
  },
};

export class ChartSeriesObject extends ChartPart<SeriesTarget> {
  constructor(
    ctx: FakeContextBase,
    parent: ProxyBase<unknown>,
    name: string,
    args: readonly unknown[],
    private readonly locator: (s: ApplySession) => SeriesTarget | null,
  ) {
    super(ctx, parent, name, args);
  }
  get _className(): string {
    return "ChartSeries";
  }
  _scalars(): Readonly<Record<string, ScalarDef<SeriesTarget>>> {
    return SERIES_SCALARS;
  }
  protected _locate(s: ApplySession): SeriesTarget | null {
    return this.locator(s);
  }
  get name(): string {
    return this._get("name") as string;
  }
  set name(value: string) {
    this._set("name", value);
  }
  /** [ExcelApi 1.7] The category labels (for a scatter chart, the x values). */
  setXAxisValues(sourceData: unknown): void {
    this._requireApi("1.7", "ChartSeries.setXAxisValues");
    this._call("SetXAxisValues", [sourceData], (t, s) => {
      seriesOfTarget(s, t).categories = rangeOn(sourceData, sheetOf(s, t.sheetId), s, "ChartSeries.setXAxisValues");
    });
  }
  /** [ExcelApi 1.7] */
  setValues(sourceData: unknown): void {
    this._requireApi("1.7", "ChartSeries.setValues");
    this._call("SetValues", [sourceData], (t, s) => {
      seriesOfTarget(s, t).values = rangeOn(sourceData, sheetOf(s, t.sheetId), s, "ChartSeries.setValues");
    });
  }
}
