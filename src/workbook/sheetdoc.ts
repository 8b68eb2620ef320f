/**
 * Output sheets that are not one table: 年度总结 (figures, a per-session table, a line per
 * member, charts) and 推荐表 (one printable A4 form per nominee). The sheet is described cell
 * by cell, as data, so that the exceljs host and the Office.js host write the same cells,
 * merges, formats and print setup; neither knows the layout by heart.
 *
 * All positions are zero-based (row 0 is the sheet's row 1) unless a field says otherwise.
 */
import type { Rect } from "../core/address";
import type { CellValue } from "./cells";

/** A block of cells: top-left corner and size, zero-based. One type with the A1 helpers that format it. */
export type { Rect };

/**
 * The few looks a free sheet uses. Each host maps a name to its own formatting (fill, font,
 * border, alignment, wrap), so the two hosts look alike without sharing style objects.
 * - title: row 1, large red bold (carries OUTPUT_MARK)
 * - section: a heading inside the sheet (bold, light fill)
 * - header: a table's header row (red fill, white bold, centred, wrapped)
 * - label: a form's field name (bold, light fill, centred, bordered)
 * - value: a bordered data cell
 * - text: bordered, wrapped, top-left aligned (long text: 主要事迹, opinions)
 * - note: small grey italic explanation
 */
export type CellStyle = "title" | "section" | "header" | "label" | "value" | "text" | "note";

/**
 * How each named style looks, as data both hosts turn into their own formatting (exceljs style
 * parts in src/xlsx/host.ts, Office.js range formats in src/excel/free.ts), so a sheet looks
 * the same whichever host wrote it. Colours are #RRGGBB. Lines are thin, around and between
 * every cell of the block.
 */
export interface Look {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly fill?: string;
  readonly hAlign?: "left" | "center";
  readonly vAlign?: "top" | "middle";
  readonly wrap?: boolean;
  /** Thin lines of this colour around and between every cell. */
  readonly border?: string;
}

export const LOOKS: Readonly<Record<CellStyle, Look>> = {
  title: { bold: true, size: 14, color: "#C00000", vAlign: "middle" },
  section: { bold: true, size: 12, fill: "#FCE4D6", vAlign: "middle" },
  header: { bold: true, size: 11, color: "#FFFFFF", fill: "#C00000", hAlign: "center", vAlign: "middle", wrap: true, border: "#BFBFBF" },
  label: { bold: true, size: 11, fill: "#F2F2F2", hAlign: "center", vAlign: "middle", wrap: true, border: "#000000" },
  value: { vAlign: "middle", border: "#000000" },
  text: { hAlign: "left", vAlign: "top", wrap: true, border: "#000000" },
  note: { italic: true, size: 9, color: "#7F7F7F" },
};

export interface StyledRect {
  readonly rect: Rect;
  readonly style: CellStyle;
}

/**
 * Alignment on top of a cell's style, for the few cells of a kind that must sit differently:
 * a form's title centred, the "（盖章） 年 月 日" line at the bottom right of an opinion box.
 * Optional and additive: a host that ignores it still writes every value in its cell.
 */
export interface AlignRect {
  readonly rect: Rect;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "middle" | "bottom";
}

export interface FormatRect {
  readonly rect: Rect;
  /** Excel number format, e.g. "0.00", "0.0%", "@". */
  readonly numFmt: string;
}

/**
 * A native chart. Only the add-in draws charts: exceljs cannot (see `chartNote`).
 * `data` covers the source table including its header row; its first column holds the
 * categories and each further column is one series (Excel's seriesBy "Columns").
 */
export interface ChartSpec {
  readonly type: "bar" | "pie" | "line";
  readonly title: string;
  readonly data: Rect;
  /** The cells the chart is placed over. */
  readonly at: Rect;
}

export interface PrintSpec {
  readonly orientation: "portrait" | "landscape";
  /** One-based first and last row repeated at the top of every page; absent for forms. */
  readonly titleRows?: readonly [number, number];
  /** Print area in A1 form ("A2:F120"); absent = everything used. */
  readonly area?: string;
  /** One-based rows that start a new page (a manual page break above each). */
  readonly rowBreaks: readonly number[];
  /** Fit all columns on the width of one page. */
  readonly fitToWidth: boolean;
  /** Centre page header: the branch name and the period. */
  readonly header: string;
}

export interface FreeSheet {
  readonly kind: "free";
  readonly name: string;
  /** Row 1's text (also cells[0][0]); carries OUTPUT_MARK so the tool knows the sheet as its own. */
  readonly title: string;
  /** Column widths in characters, one per column used. */
  readonly widths: readonly number[];
  /** Every cell value, row by row; rows may be shorter than widths (the rest is blank). */
  readonly cells: readonly (readonly CellValue[])[];
  readonly numFmts: readonly FormatRect[];
  readonly merges: readonly Rect[];
  readonly styles: readonly StyledRect[];
  /** Alignment overrides, applied after `styles` (see AlignRect). */
  readonly aligns?: readonly AlignRect[];
  /** Row heights in points, zero-based rows; the others keep the default. */
  readonly rowHeights: readonly { readonly row: number; readonly points: number }[];
  readonly charts: readonly ChartSpec[];
  /**
   * Where a host that cannot draw `charts` says so, in words, instead of faking a chart.
   * The add-in draws the charts and writes `drawn`; exceljs writes `notDrawn`.
   */
  readonly chartNote?: { readonly row: number; readonly col: number; readonly drawn: string; readonly notDrawn: string };
  /** Rows frozen at the top (0 = none). */
  readonly freezeRows: number;
  readonly print: PrintSpec;
}
