/**
 * Core results → the output sheets: three tables (综合评定, 表彰推荐, 问题清单) as plain grids and
 * three free sheets (年度总结, 推荐表, see yearend.ts; 反馈单, see feedback.ts). Both hosts write exactly these, so the
 * add-in and the command line produce the same cells.
 */
import { type Issue, type Verdict, verdictOf } from "../core/issues";
import type { Settings } from "../core/settings";
import type { AppraisalInput, AppraisalResult, MemberResult } from "../core/types";
import { yearEnd } from "../core/yearend";
import { nominationReason } from "../messages/nominations";
import { flagText, reasonText } from "../messages/reasons";
import { type AdviceOptions, describe, draftTitle } from "../messages/zh-CN";
import { type CellValue, safeText } from "./cells";
import type { CellStyle, FormatRect, FreeSheet, StyledRect } from "./sheetdoc";
import { feedbackSheet, feedbackTitleExtra } from "./feedback";
import {
  FEEDBACK_SHEET,
  FORMS_SHEET,
  ISSUES_SHEET,
  LONG_TEXT_WIDTH,
  NOMINATION_SHEET,
  OUTPUT_HEADER_ROW,
  OUTPUT_MARK,
  type OutputColumn,
  type OutputSheetDef,
  RESULT_SHEET,
  TALLY_RESULT_SHEET,
  YEAR_SUMMARY_SHEET,
} from "./layout";
import type { BallotTallies } from "./parse/tallies";
import { tallyResultSheet } from "./tallyresult";
import { LINE_POINTS, nominationFormsSheet, withHeaderHeights, wrappedLines, yearSummarySheet } from "./yearend";

/** An output sheet that is one table under a title row: 综合评定, 表彰推荐, 问题清单. */
export interface TableSheet {
  readonly kind: "table";
  readonly name: string;
  readonly title: string;
  readonly columns: readonly OutputColumn[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** Every sheet the tool writes: tables, and free sheets laid out cell by cell (see sheetdoc). */
export type OutputSheet = TableSheet | FreeSheet;

/** Text for an output cell: control characters removed. Formula-like text stays text because
 * every host writes values, never formulas (see the hosts' writers). */
const t = (s: string): string => safeText(s);

/**
 * A title with the draft line in front (null: final), in the title's red, so that no printout
 * of a draft can pass for a final result. One form for a branch's sheets (titleOf) and the
 * institute roll-up's (rollup.ts).
 */
export function withDraftLine(title: string, draftLine: string | null): string {
  return draftLine === null ? title : `${draftLine} — ${title}`;
}

/** A printed page header's first part, with （草稿） on every page of a draft. */
export function draftHeader(header: string, final: boolean): string {
  return `${header}${final ? "" : "（草稿）"}`;
}

/** Row 1 of an output sheet; a draft's starts with the draft line (draftTitle). */
function titleOf(def: OutputSheetDef, r: AppraisalResult, extra: string, verdict: Verdict): string {
  const s = r.settings;
  const branch = s.branchName ? `${t(s.branchName)} ` : "";
  return withDraftLine(`${def.name} — ${branch}${s.year}年 ${s.period}${extra}`, verdict.final ? null : draftTitle(verdict.errors));
}

/**
 * The first part of every printed page header of one branch's output sheets: "第一党支部
 * 2010年 年终", with （草稿） on every page of a draft.
 */
export function pageHeaderOf(s: Settings, verdict: Verdict): string {
  return draftHeader(`${s.branchName || "党支部"} ${s.year}年 ${s.period}`, verdict.final);
}

function memberRow(m: MemberResult): CellValue[] {
  const c = m.components;
  return [
    t(m.member.id),
    t(m.member.name),
    m.member.category,
    c.study,
    c.pledge,
    c.peer,
    c.mass,
    m.bonus,
    m.total,
    m.rank,
    m.suggested,
    m.final,
    t(m.flags.map(flagText).join("；")),
    t(m.reasons.map(reasonText).join("；")),
  ];
}

/** Scored members by rank (then 编号 order of the roster), then the 不参评 ones. */
function resultOrder(members: readonly MemberResult[]): MemberResult[] {
  const scored = members.filter((m) => m.rank !== null).map((m, i) => ({ m, i }));
  scored.sort((a, b) => (a.m.rank as number) - (b.m.rank as number) || a.i - b.i);
  return [...scored.map((x) => x.m), ...members.filter((m) => m.rank === null)];
}

/** Every output sheet, in OUTPUT_SHEETS order. `input` is what `result` was computed from. */
/**
 * `tallies`: what the 计票 sheets hold; 计票结果 is written when either sheet exists, or when
 * `keepTallyResult` (an earlier run wrote it: it is rewritten, never left stale). `advice`: the
 * host whose ways 问题清单's fixes name (she reads them where she computed).
 */
export function buildOutputs(input: AppraisalInput, result: AppraisalResult, issues: readonly Issue[], tallies?: BallotTallies, keepTallyResult = false, advice: AdviceOptions = {}): OutputSheet[] {
  const ye = yearEnd(input, result);
  const verdict = verdictOf(issues);
  const pageHeader = pageHeaderOf(result.settings, verdict);
  const errors = verdict.errors;
  const hints = issues.length - errors;
  const s = result.summary;
  const gradeCounts = `优秀 ${s.perGrade.优秀}，合格 ${s.perGrade.合格}，基本合格 ${s.perGrade.基本合格}，不合格 ${s.perGrade.不合格}${s.perGrade.待定 ? `，待定 ${s.perGrade.待定}` : ""}`;
  return [
    {
      kind: "table",
      name: RESULT_SHEET.name,
      title: titleOf(RESULT_SHEET, result, `（参评 ${s.scored} 人：${gradeCounts}）`, verdict),
      columns: RESULT_SHEET.columns,
      rows: resultOrder(result.members).map(memberRow),
    },
    {
      kind: "table",
      name: NOMINATION_SHEET.name,
      title: titleOf(
        NOMINATION_SHEET,
        result,
        result.settings.period === "上半年" ? "（上半年不产生表彰推荐）" : `（支部表彰 ${s.branchNominees} 人，其中推荐所级 ${s.instituteNominees} 人）`,
        verdict,
      ),
      columns: NOMINATION_SHEET.columns,
      rows: result.nominations.map((n) => [
        n.order,
        t(n.memberId),
        t(n.name),
        n.total,
        n.pledge,
        n.category === "所级推荐" ? "所级推荐" : "支部表彰",
        t(nominationReason(n)),
      ]),
    },
    yearSummarySheet(ye, titleOf(YEAR_SUMMARY_SHEET, result, "", verdict), pageHeader),
    nominationFormsSheet(
      ye,
      titleOf(
        FORMS_SHEET,
        result,
        result.settings.period === "上半年" ? "（上半年不产生表彰推荐）" : `（优秀共产党员推荐表 ${s.branchNominees} 份）`,
        verdict,
      ),
      pageHeader,
      !verdict.final,
    ),
    feedbackSheet(
      ye,
      titleOf(FEEDBACK_SHEET, result, feedbackTitleExtra(ye), verdict),
      pageHeader,
      !verdict.final,
    ),
    ...(tallies && (tallies.peer !== null || tallies.mass !== null || keepTallyResult)
      ? [tallyResultSheet(tallies, input.members, result.settings, titleOf(TALLY_RESULT_SHEET, result, tallyExtra(tallies), verdict), pageHeader)]
      : []),
    {
      kind: "table",
      name: ISSUES_SHEET.name,
      title: titleOf(ISSUES_SHEET, result, `（错误 ${errors} 条，提示 ${hints} 条）`, verdict),
      columns: ISSUES_SHEET.columns,
      rows: issues.map((i, k) => {
        const d = describe(i, advice);
        return [k + 1, i.level, t(i.sheet), i.cell, t(d.problem), t(d.fix), i.code];
      }),
    },
  ];
}

/** 计票结果's title: the ballots of each kind. */
function tallyExtra(t: BallotTallies): string {
  const part = (k: "peer" | "mass", label: string): string => {
    const x = t[k];
    return x === null ? `${label}无计票表` : `${label}收回 ${x.returned} 张`;
  };
  return `（${part("peer", "党员互评")}，${part("mass", "群众评议")}）`;
}

/** The table sheets among the outputs, in order (综合评定, 表彰推荐, 问题清单). */
export function tableSheets(outputs: readonly OutputSheet[]): TableSheet[] {
  return outputs.filter((o): o is TableSheet => o.kind === "table");
}

/**
 * Is this sheet (read back from a workbook) one of our output sheets? Its page footer carries
 * the mark (`footer`: the centre footer as the host read it, "" when it could not), or — written
 * by an earlier version, or by an Excel that cannot write footers — its A1 does.
 */
export function isOwnOutputGrid(grid: readonly (readonly CellValue[])[], footer = ""): boolean {
  const a1 = grid[0]?.[0];
  return footer.includes(OUTPUT_MARK) || (typeof a1 === "string" && a1.includes(OUTPUT_MARK));
}

// ----------------------------------------------------------------------------- descriptions


const GRADE_STYLES: Readonly<Record<string, CellStyle>> = {
  优秀: "gradeExcellent",
  待定: "gradePending",
  基本合格: "gradeBasic",
  不合格: "gradeFail",
};

/**
 * A table sheet as a sheet description, for the hosts to render like any other: the title in
 * row 1, the header row (OUTPUT_HEADER_ROW) repeated on every printed page and frozen, thin
 * grey lines, 等次 cells filled by grade, long text wrapped with a stored row height
 * (LibreOffice keeps a row's stored height and would print only the first line of a long 说明;
 * Excel would grow the row itself), an auto-filter, A4 landscape fitted to the width.
 * `branchHeader` is the page header's first part ("第一党支部 2010年 年终").
 */
export function describeTable(table: TableSheet, branchHeader: string): FreeSheet {
  const cols = table.columns;
  const width = cols.length;
  const top = OUTPUT_HEADER_ROW; // zero-based row of the first data row
  const n = table.rows.length;
  const cells: CellValue[][] = [[table.title], cols.map((c) => c.header), ...table.rows.map((r) => [...r])];
  const styles: StyledRect[] = [
    { rect: { row: 0, col: 0, rows: 1, cols: 1 }, style: "title" },
    { rect: { row: OUTPUT_HEADER_ROW - 1, col: 0, rows: 1, cols: width }, style: "header" },
  ];
  const numFmts: FormatRect[] = [];
  const gradeCols: number[] = [];
  cols.forEach((c, i) => {
    if (n === 0) return;
    styles.push({ rect: { row: top, col: i, rows: n, cols: 1 }, style: c.width >= LONG_TEXT_WIDTH ? "longText" : "cell" });
    if (c.numFmt) numFmts.push({ rect: { row: top, col: i, rows: n, cols: 1 }, numFmt: c.numFmt });
    if (c.header.endsWith("等次")) gradeCols.push(i);
  });
  // The title's 14-point text needs more than the default 15-point row: without a height it
  // ran into the header row below it in LibreOffice's print.
  const rowHeights: { row: number; points: number }[] = [{ row: 0, points: 24 }];
  table.rows.forEach((row, r) => {
    for (const c of gradeCols) {
      const v = row[c];
      const style = typeof v === "string" ? GRADE_STYLES[v] : undefined;
      if (style) styles.push({ rect: { row: top + r, col: c, rows: 1, cols: 1 }, style });
    }
    let lines = 1;
    row.forEach((v, c) => {
      const w = cols[c]?.width ?? 0;
      if (w >= LONG_TEXT_WIDTH && typeof v === "string") lines = Math.max(lines, wrappedLines(v, w));
    });
    // A little more than the lines: centred text must not touch the row's lines.
    if (lines > 1) rowHeights.push({ row: top + r, points: lines * LINE_POINTS + 4 });
  });
  const hidden = cols.flatMap((c, i) => (c.hidden ? [i] : []));
  return withHeaderHeights({
    kind: "free",
    name: table.name,
    title: table.title,
    mark: true,
    ...(hidden.length > 0 ? { hiddenCols: hidden } : {}),
    widths: cols.map((c) => c.width),
    cells,
    numFmts,
    merges: [],
    styles,
    rowHeights,
    charts: [],
    freezeRows: OUTPUT_HEADER_ROW,
    ...(n > 0 ? { filter: { row: OUTPUT_HEADER_ROW - 1, col: 0, rows: n + 1, cols: width } } : {}),
    print: {
      orientation: "landscape",
      titleRows: [OUTPUT_HEADER_ROW, OUTPUT_HEADER_ROW],
      rowBreaks: [],
      fitToWidth: true,
      header: `${branchHeader} ${table.name}`,
    },
  });
}

/** Any output sheet as the description a host renders. */
export function describeOutput(out: OutputSheet, branchHeader: string): FreeSheet {
  return out.kind === "table" ? describeTable(out, branchHeader) : out;
}
