/**
 * Core results → the output sheets: three tables (综合评定, 表彰推荐, 问题清单) as plain grids and
 * two free sheets (年度总结, 推荐表, see yearend.ts). Both hosts write exactly these, so the
 * add-in and the command line produce the same cells.
 */
import type { Issue } from "../core/issues";
import type { AppraisalInput, AppraisalResult, MemberResult } from "../core/types";
import { yearEnd } from "../core/yearend";
import { nominationReason } from "../messages/nominations";
import { flagText, reasonText } from "../messages/reasons";
import { describe } from "../messages/zh-CN";
import { type CellValue, safeText } from "./cells";
import type { FreeSheet } from "./sheetdoc";
import {
  FORMS_SHEET,
  ISSUES_SHEET,
  NOMINATION_SHEET,
  OUTPUT_MARK,
  type OutputColumn,
  type OutputSheetDef,
  RESULT_SHEET,
  YEAR_SUMMARY_SHEET,
} from "./layout";
import { nominationFormsSheet, yearSummarySheet } from "./yearend";

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

function titleOf(def: OutputSheetDef, r: AppraisalResult, extra: string): string {
  const s = r.settings;
  const branch = s.branchName ? `${t(s.branchName)} ` : "";
  return `${def.name} — ${branch}${s.year}年 ${s.period}${extra} ${OUTPUT_MARK}`;
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
export function buildOutputs(input: AppraisalInput, result: AppraisalResult, issues: readonly Issue[]): OutputSheet[] {
  const ye = yearEnd(input, result);
  const errors = issues.filter((i) => i.level === "错误").length;
  const hints = issues.length - errors;
  const s = result.summary;
  const gradeCounts = `优秀 ${s.perGrade.优秀}，合格 ${s.perGrade.合格}，基本合格 ${s.perGrade.基本合格}，不合格 ${s.perGrade.不合格}${s.perGrade.待定 ? `，待定 ${s.perGrade.待定}` : ""}`;
  return [
    {
      kind: "table",
      name: RESULT_SHEET.name,
      title: titleOf(RESULT_SHEET, result, `（参评 ${s.scored} 人：${gradeCounts}）`),
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
    yearSummarySheet(ye, titleOf(YEAR_SUMMARY_SHEET, result, "")),
    nominationFormsSheet(
      ye,
      titleOf(
        FORMS_SHEET,
        result,
        result.settings.period === "上半年" ? "（上半年不产生表彰推荐）" : `（优秀共产党员推荐表 ${s.branchNominees} 份）`,
      ),
    ),
    {
      kind: "table",
      name: ISSUES_SHEET.name,
      title: titleOf(ISSUES_SHEET, result, `（错误 ${errors} 条，提示 ${hints} 条）`),
      columns: ISSUES_SHEET.columns,
      rows: issues.map((i, k) => {
        const d = describe(i);
        return [k + 1, i.level, t(i.sheet), i.cell, t(d.problem), t(d.fix), i.code];
      }),
    },
  ];
}

/** The table sheets among the outputs, in order (综合评定, 表彰推荐, 问题清单). */
export function tableSheets(outputs: readonly OutputSheet[]): TableSheet[] {
  return outputs.filter((o): o is TableSheet => o.kind === "table");
}

/** Is this grid (read back from a workbook) one of our output sheets? Row 1 carries the mark. */
export function isOwnOutputGrid(grid: readonly (readonly CellValue[])[]): boolean {
  const a1 = grid[0]?.[0];
  return typeof a1 === "string" && a1.includes(OUTPUT_MARK);
}
