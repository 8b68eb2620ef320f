/**
 * Every sheet the tool writes, described cell by cell as data: the tables (综合评定, 表彰推荐,
 * 问题清单, the roll-up's sheets; see describeTable in output.ts), 年度总结 (figures, a
 * per-session table, a line per member, charts) and 推荐表 (one printable A4 form per nominee).
 * The exceljs host and the Office.js host each render these descriptions, so both write the
 * same cells, merges, looks, formats and print setup; neither knows a layout by heart.
 *
 * All positions are zero-based (row 0 is the sheet's row 1) unless a field says otherwise.
 */
import type { Rect } from "../core/address";
import type { CellValue } from "./cells";
import { OUTPUT_MARK } from "./layout";

/** A block of cells: top-left corner and size, zero-based. One type with the A1 helpers that format it. */
export type { Rect };

/**
 * The few looks a free sheet uses. Each host maps a name to its own formatting (fill, font,
 * border, alignment, wrap), so the two hosts look alike without sharing style objects.
 * - title: row 1, large red bold
 * - section: a heading inside the sheet (bold, light fill)
 * - header: a table's header row (red fill, white bold, centred, wrapped)
 * - label: a form's field name (bold, light fill, centred, bordered)
 * - value: a bordered data cell
 * - text: bordered, wrapped, top-left aligned (long text: 主要事迹, opinions)
 * - note: small grey italic explanation
 * - cell: a table's body cell (thin grey lines, vertically centred: a short value sits in the
 *   middle of a row that a long wrapped 说明 beside it makes tall)
 * - longText: a table's wide text column (说明, 推荐理由): as cell, wrapped; its row is given
 *   the height of its wrapped lines (describeTable), so centring never clips a line
 * - gradeExcellent / gradePending / gradeBasic / gradeFail: a 等次 cell of a table, filled by grade
 * - paragraph / paragraphHeading: a line of running text (使用说明), wrapped; a heading bold
 * - line: a line of plain text that is not wrapped and runs on over the empty cells beside it
 *   (反馈单), so a slip needs no merged cells
 */
export type CellStyle =
  | "title"
  | "section"
  | "header"
  | "label"
  | "value"
  | "text"
  | "note"
  | "cell"
  | "longText"
  | "gradeExcellent"
  | "gradePending"
  | "gradeBasic"
  | "gradeFail"
  | "paragraph"
  | "paragraphHeading"
  | "line";

/** Every style, in the order a host applies them (they never overlap: see styleBlocks). */
export const CELL_STYLES: readonly CellStyle[] = [
  "title",
  "section",
  "header",
  "label",
  "value",
  "text",
  "note",
  "cell",
  "longText",
  "gradeExcellent",
  "gradePending",
  "gradeBasic",
  "gradeFail",
  "paragraph",
  "paragraphHeading",
  "line",
];

/**
 * The font of every look that sets a font: 等线 is the default of Chinese Office since 2016
 * and has the CJK glyphs; naming it keeps the two hosts' sheets alike whatever the workbook's
 * own theme font is.
 */
export const FONT_NAME = "等线";

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
  cell: { vAlign: "middle", border: "#BFBFBF" },
  longText: { vAlign: "middle", wrap: true, border: "#BFBFBF" },
  gradeExcellent: { fill: "#E2EFDA", vAlign: "middle", border: "#BFBFBF" },
  gradePending: { fill: "#FFF2CC", vAlign: "middle", border: "#BFBFBF" },
  gradeBasic: { fill: "#FCE4D6", vAlign: "middle", border: "#BFBFBF" },
  gradeFail: { fill: "#F8CBAD", vAlign: "middle", border: "#BFBFBF" },
  paragraph: { vAlign: "top", wrap: true },
  paragraphHeading: { bold: true, vAlign: "top", wrap: true },
  line: { size: 11, vAlign: "middle", wrap: false },
};

/** Page margins of every printed sheet, in inches (Excel's "narrow" sides, normal top). */
export const PAGE_MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;
/**
 * The centre footer of a printed page unless the sheet gives its own (PrintSpec.footer): the
 * page number, which restarts on each sheet (firstPageNumber 1). No "共 &N 页": LibreOffice
 * counts &N over the whole workbook (a one-page 综合评定 printed "第 1 页，共 43 页"), so the
 * total is written only where the sheet knows it (推荐表, 反馈单) as a literal number.
 */
export const PAGE_FOOTER = "第 &P 页";

/**
 * The centre footer a host writes for this sheet: the page part, after OUTPUT_MARK on the
 * tool's own sheets (`mark`). The mark is in the footer, not in the printed title, and is how
 * the tool knows the sheet as its own (isOwnOutputGrid); "&" is the footer's escape.
 */
export function footerOf(sheet: FreeSheet): string {
  const page = sheet.print.footer ?? PAGE_FOOTER;
  return sheet.mark ? `${OUTPUT_MARK} ${page}` : page;
}

/**
 * A1 as written by a host that cannot write a page footer (Office.js below ExcelApi 1.9): the
 * title with OUTPUT_MARK after it, as earlier versions wrote every title, so the sheet is
 * still known as the tool's own.
 */
export function titleWithMark(sheet: FreeSheet): string {
  return sheet.mark ? `${sheet.title} ${OUTPUT_MARK}` : sheet.title;
}

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
 * A native chart. Only the add-in draws charts; exceljs cannot, and writes nothing in their
 * place (a sheet puts its charts over cells it leaves empty).
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
  /**
   * One-based first and last column repeated at the left of every page (编号 and 姓名 of a
   * wide 学习考勤): a sheet too wide to fit legibly on one page width prints across pages.
   */
  readonly titleColumns?: readonly [number, number];
  /** Print scale in percent when not fitted to the width (absent: 100). */
  readonly scale?: number;
  /** Centre page header: the branch name and the period. */
  readonly header: string;
  /**
   * The centre footer's page part (absent: PAGE_FOOTER), e.g. "第 &P 份，共 8 份" on 推荐表; the
   * host writes it after OUTPUT_MARK on a marked sheet (footerOf).
   */
  readonly footer?: string;
}

/** What one cell of a free sheet looks like: its style, number format and alignment override. */
export interface CellLook {
  style?: CellStyle;
  numFmt?: string;
  align?: Omit<AlignRect, "rect">;
}

/**
 * Every cell's look, row by row, from a sheet's styles, formats and alignments (applied in
 * that order; undefined where a cell has none). Both file writers render from it: exceljs
 * (host.ts) and the package writer (sheetxml.ts).
 */
export function cellLooks(sheet: FreeSheet): (CellLook | undefined)[][] {
  const looks: (CellLook | undefined)[][] = [];
  const each = (rect: Rect, f: (look: CellLook) => void): void => {
    if (rect.cols <= 0) return;
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const row = (looks[r] ??= []);
      for (let c = rect.col; c < rect.col + rect.cols; c++) f((row[c] ??= {}));
    }
  };
  for (const st of sheet.styles) each(st.rect, (l) => (l.style = st.style));
  for (const f of sheet.numFmts) each(f.rect, (l) => (l.numFmt = f.numFmt));
  for (const a of sheet.aligns ?? []) {
    each(a.rect, (l) => {
      l.align = { ...l.align, ...(a.horizontal ? { horizontal: a.horizontal } : {}), ...(a.vertical ? { vertical: a.vertical } : {}) };
    });
  }
  return looks;
}

export interface FreeSheet {
  readonly kind: "free";
  readonly name: string;
  /** Row 1's text (also cells[0][0]). */
  readonly title: string;
  /**
   * The tool's own output sheet: the host writes OUTPUT_MARK into the page footer (footerOf),
   * or after the title in A1 where it cannot write a footer (titleWithMark), so that a later
   * run knows the sheet as its own and may replace it. Absent on 使用说明.
   */
  readonly mark?: boolean;
  /** Zero-based columns that are hidden (on screen and on paper), e.g. 问题清单's 代码. */
  readonly hiddenCols?: readonly number[];
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
  /** Rows frozen at the top (0 = none). */
  readonly freezeRows: number;
  /** An auto-filter over this block (its first row holds the headers); absent = none. */
  readonly filter?: Rect;
  readonly print: PrintSpec;
}
