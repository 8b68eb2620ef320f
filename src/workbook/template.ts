/**
 * The input sheets as the template writes them: columns (header, width, drop-down, note,
 * format) and any prefilled rows. Hosts turn this into cells, styles and validations.
 */
import { type Day, formatDay } from "../core/dates";
import { defaultSettings, SETTING_DEFS, type Settings, settingValueText } from "../core/settings";
import type { CellValue } from "./cells";
import { ATTENDANCE_SHEET, type ColumnDef, INPUT_SHEETS, MARK_LIST, SETTINGS_SHEET, type SheetDef } from "./layout";

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
}

export interface TemplateSheet {
  readonly name: string;
  readonly columns: readonly TemplateColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Drop-downs on single cells (0-based data row and column), e.g. 参数设置's 是/否 rows. */
  readonly cellLists?: readonly { readonly row: number; readonly col: number; readonly list: readonly string[] }[];
  /** Columns frozen at the left beside the frozen header row (the 计票 sheets' 期次 and 票号). */
  readonly freezeCols?: number;
}

/** How many empty session columns the blank template offers under the marks drop-down. */
export const BLANK_SESSION_COLUMNS = 60;

function fromDef(c: ColumnDef): TemplateColumn {
  return {
    header: c.header,
    width: c.width,
    note: c.note,
    ...(c.list ? { list: c.list } : {}),
    ...(c.openList ? { openList: true } : {}),
    ...(c.numFmt ? { numFmt: c.numFmt } : {}),
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
 * The input sheets. `data` fills rows (the demo); without it the sheets are empty but for
 * 参数设置, which always lists every setting with its default so nothing has to be typed.
 */
export function templateSheets(
  settings: Settings = defaultSettings(),
  data: Partial<Record<string, readonly (readonly CellValue[])[]>> = {},
  sessions: readonly SessionSpec[] = [],
): TemplateSheet[] {
  return INPUT_SHEETS.map((def: SheetDef) => {
    const columns = def.columns.map(fromDef);
    if (def === ATTENDANCE_SHEET) {
      const marks = { list: MARK_LIST, note: "出席 / 迟到 / 请假 / 补学 / 缺席", width: 8 };
      if (sessions.length > 0) {
        for (const s of sessions) columns.push({ header: sessionHeader(s), ...marks, width: Math.max(8, sessionHeader(s).length + 2) });
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
    }
    if (def === SETTINGS_SHEET) return { name: def.name, columns, rows: settingsRows(settings), cellLists: settingsLists() };
    return { name: def.name, columns, rows: data[def.name] ?? [] };
  });
}

/** A template sheet as the grid a host would read back: the header row, then the rows. */
export function templateGrid(sheet: TemplateSheet): CellValue[][] {
  return [sheet.columns.filter((c) => c.header !== "").map((c) => c.header), ...sheet.rows.map((r) => [...r])];
}
