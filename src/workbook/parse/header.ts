/**
 * Finding a sheet and its header row, and reading its data rows by column key: the machinery
 * every sheet's parser (settings.ts, roster.ts, …) shares. Columns are found by header text in
 * the first HEADER_SEARCH_ROWS rows, so reordered columns, extra columns and title rows above
 * the header all work.
 */
import { a1 } from "../../core/address";
import { type Issue, issue } from "../../core/issues";
import type { Settings } from "../../core/settings";
import type { Member, Period } from "../../core/types";
import { type CellValue, type Grid, headerKey, isBlank } from "../cells";
import type { ColumnDef, SheetDef } from "../layout";
import { CellReader } from "../values";

export interface SheetGrid {
  readonly name: string;
  readonly grid: Grid;
}

export interface ParseOptions {
  /** The year to assume when 考评年度 is missing and no date in the workbook names one. */
  readonly fallbackYear: number;
  /** Overrides 考评期 from the sheet (the CLI's --period, the task pane's selector). */
  readonly period?: Period;
  /**
   * Compare each member's 互评 vote total with the number of other 参评 members
   * (vote_count_high). runEngine turns it on; it is off by default only because the parser's
   * unit-test workbook (test/workbook/grid.ts) gives 12 votes in a 3-member branch.
   */
  readonly checkVoteTotals?: boolean;
}

export const HEADER_SEARCH_ROWS = 15;

/** Find an input sheet by its name or an alias, compared without spaces or width. */
export function findSheet(sheets: readonly SheetGrid[], def: Pick<SheetDef, "name" | "aliases">): SheetGrid | undefined {
  const names = [def.name, ...(def.aliases ?? [])].map(headerKey);
  for (const n of names) {
    const hit = sheets.find((s) => headerKey(s.name) === n);
    if (hit) return hit;
  }
  return undefined;
}

export interface HeaderMatch<K extends string = string> {
  /** 0-based index of the header row. */
  readonly row: number;
  /** Column key → 0-based column index; only the sheet's own keys (K) can be asked for. */
  readonly cols: ReadonlyMap<K, number>;
  /** Header cells that are not layout columns. */
  readonly others: readonly { readonly col: number; readonly value: CellValue }[];
}

/** Each column's header and aliases as header keys, computed once per column definition. */
const COLUMN_KEYS = new WeakMap<ColumnDef, ReadonlySet<string>>();

function columnKeys(def: ColumnDef): ReadonlySet<string> {
  let keys = COLUMN_KEYS.get(def);
  if (!keys) {
    keys = new Set([def.header, ...(def.aliases ?? [])].map(headerKey));
    COLUMN_KEYS.set(def, keys);
  }
  return keys;
}

function columnMatches(def: ColumnDef, key: string): boolean {
  return columnKeys(def).has(key);
}

export function findHeader<K extends string>(grid: Grid, def: SheetDef<K>): HeaderMatch<K> | null {
  const keyDefs = def.keyHeaders.map((h) => def.columns.find((c) => c.header === h) as ColumnDef<K>);
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid[r] ?? [];
    const keys = row.map((v) => (typeof v === "string" ? headerKey(v) : ""));
    if (!keyDefs.every((kd) => keys.some((k) => k !== "" && columnMatches(kd, k)))) continue;
    const cols = new Map<K, number>();
    const others: { col: number; value: CellValue }[] = [];
    row.forEach((v, c) => {
      const k = typeof v === "string" ? headerKey(v) : "";
      const col = k === "" ? undefined : def.columns.find((cd) => columnMatches(cd, k));
      if (col && !cols.has(col.key)) cols.set(col.key, c);
      else if (!isBlank(v)) others.push({ col: c, value: v });
    });
    return { row: r, cols, others };
  }
  return null;
}

export const cellOf = (grid: Grid, r: number, c: number | undefined): CellValue =>
  c === undefined ? null : ((grid[r] ?? [])[c] ?? null);

export function rowIsBlank(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((v) => isBlank(v));
}

/**
 * A row that says the key headers again (编号 | 姓名 …: two lists pasted one under the other)
 * is a header, not a member called 姓名.
 */
export function repeatsHeader(s: OpenSheet<string>, row: readonly CellValue[] | undefined): boolean {
  if (!row) return false;
  for (const k of s.keyCols) {
    const v = row[k.col];
    if (typeof v !== "string" || !k.keys.has(headerKey(v))) return false;
  }
  return true;
}

/**
 * What the label cell of a row that sums up the rows above it says (合计, 出勤率 …): such a row
 * names no member, wherever it is (at the foot, or a 小计 between groups).
 */
const SUMMARY_LABELS: ReadonlySet<string> = new Set(["合计", "总计", "小计", "出勤率", "平均", "平均值"]);

/** What a cell says if it labels a summary row (合计, 出勤率 …: see summaryLabel), else null. */
export function summaryText(v: CellValue | undefined): string | null {
  if (typeof v !== "string") return null;
  const label = headerKey(v).replace(/:+$/, "");
  return SUMMARY_LABELS.has(label) ? label : null;
}

/** The key header of every sheet whose rows are members. */
const MEMBER_KEY = "编号";

/**
 * The label of a summary row, with its column, or null: the row's first non-blank cell, or its
 * 编号 or 姓名 cell (the key columns), says one of SUMMARY_LABELS — spaces (an ideographic space in
 * 合 计), width and a trailing colon (合计：) aside. A member is never called 合计, so nothing real is lost.
 * Only lists of members (key header 编号) have such rows: in 参数设置, 平均 is a setting's value.
 */
export function summaryLabel(s: OpenSheet<string>, row: readonly CellValue[] | undefined): { readonly col: number; readonly label: string } | null {
  if (!row || !s.def.keyHeaders.includes(MEMBER_KEY)) return null;
  const first = row.findIndex((v) => !isBlank(v));
  for (const col of [first, ...s.keyCols.map((k) => k.col)]) {
    const v = col < 0 ? null : row[col];
    if (typeof v !== "string") continue;
    const label = headerKey(v).replace(/:+$/, "");
    if (SUMMARY_LABELS.has(label)) return { col, label };
  }
  return null;
}

/** A row with data of its own: not blank, not the header again, not a 合计 / 出勤率 row. */
export function isDataRow(s: OpenSheet<string>, row: readonly CellValue[] | undefined): boolean {
  return !rowIsBlank(row) && !repeatsHeader(s, row) && summaryLabel(s, row) === null;
}

/** At most this many cells are named in summary_rows_skipped; the count says the rest. */
const NAMED_SUMMARY_ROWS = 5;

/** The one 提示 for a sheet's skipped summary rows (label cells and what they say), the first few named. */
export function summaryRowsIssue(sheet: string, skipped: readonly { readonly cell: string; readonly label: string }[]): Issue<"summary_rows_skipped"> {
  const cells = skipped.slice(0, NAMED_SUMMARY_ROWS).map((x) => x.cell).join("、") + (skipped.length > NAMED_SUMMARY_ROWS ? "…" : "");
  const labels = [...new Set(skipped.map((x) => x.label))].join("、");
  return issue("summary_rows_skipped", "提示", sheet, skipped[0]?.cell ?? "", { cells, labels, count: skipped.length });
}

/** A sheet's data rows with the header found, or the issues that say why not. */
export interface OpenSheet<K extends string> {
  readonly def: SheetDef<K>;
  readonly name: string;
  readonly grid: Grid;
  readonly header: HeaderMatch<K>;
  readonly reader: CellReader;
  /** The key headers' columns and the header keys each accepts (see repeatsHeader). */
  readonly keyCols: readonly { readonly col: number; readonly keys: ReadonlySet<string> }[];
}

/**
 * A data row: its index in the grid, and its cells and their addresses by column key. K is the
 * sheet's column keys, so `row.get("wieght")` on 个人承诺 does not compile.
 */
export interface RowReader<K extends string> {
  readonly r: number;
  readonly get: (key: K) => CellValue;
  readonly addr: (key: K) => string;
}

/**
 * What the sheets' parsers share: the workbook and options, the issues found so far, and what
 * earlier sheets established (the settings, then the roster that later sheets match rows to).
 */
export interface ParseContext {
  readonly sheets: readonly SheetGrid[];
  readonly options: ParseOptions;
  readonly issues: Issue[];
  readonly sheetNames: Record<string, string | null>;
  settings: Settings;
  readonly members: Member[];
  readonly byId: Map<string, Member>;
  /** null: two roster members share the name, so a row cannot be matched by name alone. */
  readonly byName: Map<string, Member | null>;
}

/**
 * The base of each sheet's parser: the shared state (ParseContext) under the names the sheet
 * parsers use, and opening a sheet and reading its rows by column key.
 */
export abstract class SheetParser {
  /** Sheets whose summary rows were already said (a sheet's rows may be read twice). */
  private readonly summariesSaid = new WeakSet<OpenSheet<string>>();

  constructor(private readonly ctx: ParseContext) {}

  protected get sheets(): readonly SheetGrid[] {
    return this.ctx.sheets;
  }
  protected get options(): ParseOptions {
    return this.ctx.options;
  }
  protected get issues(): Issue[] {
    return this.ctx.issues;
  }
  protected get sheetNames(): Record<string, string | null> {
    return this.ctx.sheetNames;
  }
  protected get settings(): Settings {
    return this.ctx.settings;
  }
  protected set settings(s: Settings) {
    this.ctx.settings = s;
  }
  protected get members(): Member[] {
    return this.ctx.members;
  }
  protected get byId(): Map<string, Member> {
    return this.ctx.byId;
  }
  protected get byName(): Map<string, Member | null> {
    return this.ctx.byName;
  }

  protected open<K extends string>(def: SheetDef<K>, missingLevel: "错误" | "提示"): OpenSheet<K> | null {
    const sheet = findSheet(this.sheets, def);
    this.sheetNames[def.name] = sheet ? sheet.name : null;
    if (!sheet) {
      this.issues.push(issue("sheet_missing", missingLevel, def.name, "", { sheet: def.name }));
      return null;
    }
    const header = findHeader(sheet.grid, def);
    if (!header) {
      if (sheet.grid.some((row) => !rowIsBlank(row))) {
        this.issues.push(issue("header_not_found", "错误", sheet.name, "A1", { sheet: sheet.name, headers: def.keyHeaders, rows: HEADER_SEARCH_ROWS }));
      }
      return null;
    }
    for (const col of def.columns) {
      if (col.required && !header.cols.has(col.key)) {
        this.issues.push(issue("column_missing", "错误", sheet.name, a1(header.row, 0), { column: col.header, sheet: sheet.name }));
      }
    }
    const keyCols = def.keyHeaders.map((h) => {
      const col = def.columns.find((c) => c.header === h) as ColumnDef<K>;
      return { col: header.cols.get(col.key) ?? -1, keys: columnKeys(col) };
    });
    return { def, name: sheet.name, grid: sheet.grid, header, reader: new CellReader(sheet.name), keyCols };
  }

  protected close(s: OpenSheet<string>): void {
    this.issues.push(...s.reader.issues);
  }

  /**
   * Each data row with a getter for its cells by column key. Summary rows (合计, 出勤率 …, see
   * summaryLabel) are skipped, and said once per sheet in one summary_rows_skipped 提示.
   */
  protected *rows<K extends string>(s: OpenSheet<K>): Generator<RowReader<K>> {
    const skipped: { cell: string; label: string }[] = [];
    try {
      for (let r = s.header.row + 1; r < s.grid.length; r++) {
        const row = s.grid[r];
        if (rowIsBlank(row) || repeatsHeader(s, row)) continue;
        const summary = summaryLabel(s, row);
        if (summary) {
          skipped.push({ cell: a1(r, summary.col), label: summary.label });
          continue;
        }
        yield {
          r,
          get: (key) => cellOf(s.grid, r, s.header.cols.get(key)),
          addr: (key) => a1(r, s.header.cols.get(key) ?? 0),
        };
      }
    } finally {
      // In `finally`, so that a caller that stops early still hears of the rows skipped so far.
      if (skipped.length > 0 && !this.summariesSaid.has(s)) {
        this.summariesSaid.add(s);
        this.issues.push(summaryRowsIssue(s.name, skipped));
      }
    }
  }

  protected header<K extends string>(s: OpenSheet<K>, key: K): string {
    return s.def.columns.find((c) => c.key === key)?.header ?? key;
  }
}

/** The layout column a header cell names (its header or an alias), if any. */
export function columnOf<K extends string>(def: SheetDef<K>, v: CellValue): ColumnDef<K> | undefined {
  const k = typeof v === "string" ? headerKey(v) : "";
  return k === "" ? undefined : def.columns.find((cd) => columnMatches(cd, k));
}

/** The key headers' columns among `cols` and the header keys each accepts (OpenSheet.keyCols). */
export function keyColumnsOf<K extends string>(def: SheetDef<K>, cols: ReadonlyMap<K, number>): OpenSheet<K>["keyCols"] {
  return def.keyHeaders.map((h) => {
    const col = def.columns.find((c) => c.header === h) as ColumnDef<K>;
    return { col: cols.get(col.key) ?? -1, keys: columnKeys(col) };
  });
}
