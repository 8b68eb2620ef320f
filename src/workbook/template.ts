/**
 * The input sheets as the template writes them: a printed line of guidance in row 1, the
 * header in row 2, columns (header, width, drop-down or number/date validation, note, format)
 * and any prefilled rows; the row heights, merges and print setup they need (templateLayout).
 * Hosts turn this into cells, styles and validations, and decide nothing of it.
 */
import { type Day, formatDay } from "../core/dates";
import { defaultSettings, SETTING_DEFS, type Settings, settingValueText } from "../core/settings";
import type { CellValue } from "./cells";
import { ATTENDANCE_SHEET, type ColumnDef, INPUT_SHEETS, MARK_LIST, SETTINGS_SHEET, type SheetDef, TEMPLATE_ROWS } from "./layout";
import type { PrintSpec } from "./sheetdoc";
import { LINE_POINTS } from "./yearend";

/**
 * A number or date rule on a column's cells, as Excel keeps one: the operands are numbers
 * ("0", "100") or, for a date rule, ISO dates ("2026-01-01"); `style` is what Excel does with
 * other input (stop: refuse it; warning: ask). `title` and `message` are the alert she sees.
 */
export interface CellValidation {
  readonly type: "whole" | "decimal" | "date";
  readonly operator: "between" | "greaterThanOrEqual" | "lessThanOrEqual";
  readonly formula1: string;
  readonly formula2?: string;
  readonly style: "stop" | "warning";
  readonly title: string;
  readonly message: string;
}

export interface TemplateColumn {
  readonly header: string;
  readonly width: number;
  readonly note: string;
  readonly list?: readonly string[];
  /** The drop-down suggests, but other text is accepted (a warning, not a stop). */
  readonly openList?: boolean;
  readonly numFmt?: string;
  /** Where the drop-down starts and how many columns it spans (session blocks). */
  readonly span?: number;
  /** A number or date rule on the column's cells (never together with `list`). */
  readonly validation?: CellValidation;
}

export interface TemplateSheet {
  readonly name: string;
  /** Row 1: one sentence of guidance, printed (cell notes are not). */
  readonly guidance: string;
  readonly columns: readonly TemplateColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Drop-downs on single cells (0-based data row and column), e.g. 参数设置's 是/否 rows. */
  readonly cellLists?: readonly { readonly row: number; readonly col: number; readonly list: readonly string[] }[];
  /** Columns frozen at the left beside the frozen header row (the 计票 sheets' 期次 and 票号). */
  readonly freezeCols?: number;
  /**
   * A wide sheet (学习考勤, the 计票 sheets): it prints across pages, about PAGE_COLUMNS of its
   * columns a page, with this many first columns (编号 and 姓名) repeated on each.
   */
  readonly titleColumns?: number;
}

/** The template's header is row 2 (one-based); row 1 is the guidance. Data starts in row 3. */
export const TEMPLATE_HEADER_ROW = 2;

/**
 * The rule a column's cells get, from the layout: a vote count is a whole number ≥ 0, a number
 * with bounds stays within them, a date that must fall in 考评年度 does so.
 *
 * The date rule's bounds are fixed dates of the year the template is made for. A formula
 * reading 考评年度 from 参数设置 would follow a later change of the year, but exceljs (the CLI
 * and the page) reads a date rule's operands as dates and writes a formula back as NaN, which
 * would corrupt her workbook on the first calculation. So the rule only warns (she may keep the
 * date), and the alert names the year: if she has since changed 考评年度 she knows to go on.
 * The parser still reports a date outside 考评年度 (an 错误 or a 提示, as `inYear` says).
 */
function validationOf(c: ColumnDef, year: number): CellValidation | undefined {
  const about = c.note ? `（${c.note}）` : "";
  if (c.type === "count") {
    return { type: "whole", operator: "greaterThanOrEqual", formula1: "0", style: "stop", title: "票数须为整数", message: `“${c.header}”只能填 0 或正整数${about}。` };
  }
  if (c.type === "number" && c.bounds) {
    const { min, max } = c.bounds;
    const range =
      min !== undefined && max !== undefined ? `${min} 至 ${max} 之间的数` : min !== undefined ? (min === 0 ? "0 或正数" : `不小于 ${min} 的数`) : `不大于 ${String(max)} 的数`;
    const message = `“${c.header}”只能填${range}${about}。`;
    if (min !== undefined && max !== undefined) return { type: "decimal", operator: "between", formula1: String(min), formula2: String(max), style: "stop", title: "数值超出范围", message };
    if (min !== undefined) return { type: "decimal", operator: "greaterThanOrEqual", formula1: String(min), style: "stop", title: "数值超出范围", message };
    if (max !== undefined) return { type: "decimal", operator: "lessThanOrEqual", formula1: String(max), style: "stop", title: "数值超出范围", message };
  }
  if (c.type === "date" && c.inYear) {
    return {
      type: "date",
      operator: "between",
      formula1: `${year}-01-01`,
      formula2: `${year}-12-31`,
      style: "warning",
      title: "日期不在考评年度内",
      message: `“${c.header}”应为考评年度 ${year} 年内的日期，写法如 ${year}-03-15。若已在参数设置中改了考评年度，请选“是”保留。`,
    };
  }
  return undefined;
}

/** How many empty session columns the blank template offers under the marks drop-down. */
export const BLANK_SESSION_COLUMNS = 60;

function fromDef(c: ColumnDef, year: number): TemplateColumn {
  const validation = c.list ? undefined : validationOf(c, year);
  return {
    header: c.header,
    width: c.width,
    note: c.note,
    ...(c.list ? { list: c.list } : {}),
    ...(c.openList ? { openList: true } : {}),
    ...(c.numFmt ? { numFmt: c.numFmt } : {}),
    ...(validation ? { validation } : {}),
  };
}

export interface SessionSpec {
  readonly date: Day;
  readonly title: string;
}

export function sessionHeader(s: SessionSpec): string {
  return `${formatDay(s.date)} ${s.title}`;
}

export function settingsRows(settings: Settings): CellValue[][] {
  return SETTING_DEFS.map((d) => [d.label, settingValueText(d, settings), d.note]);
}

/** The 值 cells of 参数设置 that take one of a few words get a drop-down of their own. */
function settingsLists(): { row: number; col: number; list: readonly string[] }[] {
  const out: { row: number; col: number; list: readonly string[] }[] = [];
  SETTING_DEFS.forEach((d, row) => {
    if (d.kind.type === "bool") out.push({ row, col: 1, list: ["是", "否"] });
    if (d.kind.type === "enum") out.push({ row, col: 1, list: d.kind.values.map((v) => v.label) });
  });
  return out;
}

/**
 * A session column's width in characters: its header wraps after the date ("2010-09-20" on
 * the first line, the topic below), so that about PAGE_COLUMNS sessions print on a page.
 */
export const SESSION_WIDTH = 12;

/**
 * The input sheets. `data` fills rows (the demo); without it the sheets are empty but for
 * 参数设置, which always lists every setting with its default so nothing has to be typed.
 */
export function templateSheets(
  settings: Settings = defaultSettings(),
  data: Partial<Record<string, readonly (readonly CellValue[])[]>> = {},
  sessions: readonly SessionSpec[] = [],
): TemplateSheet[] {
  return INPUT_SHEETS.map((def: SheetDef) => {
    const columns = def.columns.map((c) => fromDef(c, settings.year));
    const guidance = def.guidance ?? def.purpose;
    if (def === ATTENDANCE_SHEET) {
      const marks = { list: MARK_LIST, note: "出席 / 迟到 / 请假 / 补学 / 缺席", width: SESSION_WIDTH };
      if (sessions.length > 0) {
        for (const s of sessions) columns.push({ header: sessionHeader(s), ...marks });
      } else {
        // The blank template has no sessions yet: the drop-down covers the columns she will
        // add, and the first one shows the header format by example in its note.
        columns.push({
          header: "",
          ...marks,
          note: "每次学习加一列，标题以日期开头，如“2010-09-20 集中学习”或“9月20日 党课”",
          span: BLANK_SESSION_COLUMNS,
        });
      }
      // 编号 and 姓名 stay in view while she marks, and print on every page.
      return { name: def.name, guidance, columns, rows: data[def.name] ?? [], freezeCols: 2, titleColumns: 2 };
    }
    if (def === SETTINGS_SHEET) return { name: def.name, guidance, columns, rows: settingsRows(settings), cellLists: settingsLists() };
    return { name: def.name, guidance, columns, rows: data[def.name] ?? [] };
  });
}

/**
 * The zero-based column the guidance starts in: the first, or on a wide sheet the first after
 * its title columns. Title columns print on every page, row 1 included: guidance begun in them
 * would print its first words, cut off, at the top of every later page.
 */
export function guidanceColumn(sheet: TemplateSheet): number {
  const title = sheet.titleColumns ?? 0;
  const columns = sheet.columns.reduce((n, c) => n + (c.span ?? 1), 0);
  return title > 0 && columns > title ? title : 0;
}

/** A template sheet as the grid a host would read back: the guidance, the header row, then the rows. */
export function templateGrid(sheet: TemplateSheet): CellValue[][] {
  const guidance: CellValue[] = [...Array<CellValue>(guidanceColumn(sheet)).fill(null), sheet.guidance];
  return [guidance, sheet.columns.filter((c) => c.header !== "").map((c) => c.header), ...sheet.rows.map((r) => [...r])];
}

// ------------------------------------------------------------------------------ the layout

/** Room above and below the lines of a wrapped cell, in points. */
const PAD_POINTS = 6;
/** The header row's height when no header wraps (as before wrapped heights were computed). */
const MIN_HEADER_POINTS = 22;

/** How many columns of a wide sheet print on one page (the title columns aside). */
export const PAGE_COLUMNS = 12;

const isWide = (ch: string): boolean => ch.charCodeAt(0) >= 0x2000;

/**
 * How many lines a text wraps to in a cell `width` characters wide (the width of "0"): a CJK
 * character is two units and may break anywhere; other characters are one unit and break at
 * spaces only (a date, a number, a code stays whole unless it alone is too long). One unit of
 * the width is kept for the cell's padding, so the estimate errs towards a line too many.
 */
export function wrappedLineCount(text: string, width: number): number {
  const perLine = Math.max(1, width - 1);
  let lines = 0;
  for (const para of text.split("\n")) {
    // Tokens: a CJK character, a run of other non-space characters, a space.
    const tokens = para.match(/[\u2000-\uffff]|[^\s\u2000-\uffff]+|\s/g) ?? [];
    let count = 1;
    let used = 0;
    for (const t of tokens) {
      const units = isWide(t) ? 2 : t.length;
      if (/^\s$/.test(t)) {
        if (used > 0) used += 1;
        continue;
      }
      if (used + units <= perLine) {
        used += units;
        continue;
      }
      if (used > 0) count += 1;
      // A word longer than a line is broken where it must be.
      count += Math.max(0, Math.ceil(units / perLine) - 1);
      used = units % perLine === 0 ? perLine : units % perLine;
    }
    lines += count;
  }
  return lines;
}

export interface TemplateLayout {
  /** Columns of the sheet, counting each column of a span. */
  readonly columns: number;
  /** The guidance (row 1) is in this one-based column, merged over `guidanceColumns` columns from it. */
  readonly guidanceFrom: number;
  readonly guidanceColumns: number;
  /** Row heights in points: row 1 (guidance) and row 2 (header). */
  readonly guidancePoints: number;
  readonly headerPoints: number;
  /** The last one-based row the drop-downs, rules and formats cover. */
  readonly lastRow: number;
  readonly print: PrintSpec;
}

/** Points of a column `width` characters wide: Excel's pixels (7 a character and 5 of padding) at 96 dpi. */
const columnPoints = (width: number): number => Math.trunc(width * 7 + 5) * 0.75;
/**
 * The width of landscape A4 inside the side margins, in points (11.69 in less 2 × 0.5 in),
 * less 3% for the rounding of the printer and of LibreOffice's column widths.
 */
const LANDSCAPE_POINTS = (11.69 - 1) * 72 * 0.97;

/** Every column of the sheet, a span counted column by column, with its width and header. */
function flatColumns(sheet: TemplateSheet): { width: number; header: string }[] {
  return sheet.columns.flatMap((c) => Array.from({ length: c.span ?? 1 }, (_, k) => ({ width: c.width, header: k === 0 ? c.header : "" })));
}

/**
 * How the template lays a sheet out beyond its cells: the guidance merged over the columns of
 * the first printed page and as high as its wrapped text; a header row as high as its longest
 * wrapped header; printed on landscape A4 with the header repeated — fitted to the width, or
 * for a wide sheet at the scale that puts about PAGE_COLUMNS columns on a page beside its title
 * columns, which are repeated too. The page header is `pageHeader` (the sheet's name).
 */
export function templateLayout(sheet: TemplateSheet, pageHeader: string): TemplateLayout {
  const cols = flatColumns(sheet);
  const title = sheet.titleColumns ?? 0;
  // Over the columns of the first printed page, after the title columns (see guidanceColumn).
  const from = guidanceColumn(sheet);
  const guidanceColumns = (title > 0 ? Math.min(cols.length, title + PAGE_COLUMNS) : cols.length) - from;
  const guidanceWidth = cols.slice(from, from + guidanceColumns).reduce((n, c) => n + c.width, 0);
  // An empty session column of the blank template is headed later, as the note's example is.
  const sample = sessionHeader({ date: 0, title: "集中学习" });
  const headerLines = Math.max(1, ...cols.map((c) => wrappedLineCount(c.header === "" && title > 0 ? sample : c.header, c.width)));
  const rest = cols.slice(title);
  const mean = rest.length > 0 ? rest.reduce((n, c) => n + c.width, 0) / rest.length : SESSION_WIDTH;
  const need = cols.slice(0, title).reduce((n, c) => n + columnPoints(c.width), 0) + PAGE_COLUMNS * columnPoints(mean);
  const scale = Math.max(40, Math.min(100, Math.floor((100 * LANDSCAPE_POINTS) / need)));
  return {
    columns: cols.length,
    guidanceFrom: from + 1,
    guidanceColumns,
    guidancePoints: wrappedLineCount(sheet.guidance, guidanceWidth) * LINE_POINTS + PAD_POINTS,
    headerPoints: Math.max(MIN_HEADER_POINTS, headerLines * LINE_POINTS + PAD_POINTS),
    lastRow: TEMPLATE_HEADER_ROW + Math.max(TEMPLATE_ROWS, sheet.rows.length),
    print: {
      orientation: "landscape",
      titleRows: [TEMPLATE_HEADER_ROW, TEMPLATE_HEADER_ROW],
      rowBreaks: [],
      fitToWidth: title === 0,
      ...(title > 0 ? { titleColumns: [1, title] as const, scale } : {}),
      header: pageHeader,
    },
  };
}
