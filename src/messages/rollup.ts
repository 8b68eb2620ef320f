/**
 * The Chinese wording of the roll-up's own notes and of why a branch was left out: the
 * roll-up (src/workbook/rollup.ts, its types in src/core/rollup.ts) hands over codes, names and counts, the words are here.
 */
import type { RollupNote, RollupNoteCode, RollupNoteParamsByCode, SkipReason } from "../core/rollup";
import { fileProblemText } from "./files";
import type { Wording } from "./zh-CN";

/** Up to five branch names; beyond that the first five and how many there are. */
function listNames(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join("、") : `${names.slice(0, max).join("、")} 等 ${names.length} 个支部`;
}

const NOTES: { readonly [K in RollupNoteCode]: (p: RollupNoteParamsByCode[K]) => Wording } = {
  rollup_mixed_year: (p) => ({
    problem: `各支部的考评年度不一致（${p.groups.map((g) => `${g.key} 年：${listNames(g.branches)}`).join("；")}）`,
    fix: "核对各支部参数设置中的考评年度；不同年度的得分不宜直接比较",
  }),
  rollup_mixed_period: (p) => ({
    problem: `各支部的考评期不一致（${p.groups.map((g) => `${g.key}：${listNames(g.branches)}`).join("；")}）；上半年不产生表彰推荐`,
    fix: "核对各支部参数设置中的考评期，或用 --period 按同一考评期汇总",
  }),
  rollup_branch_name_twice: (p) => ({
    problem: `支部名称“${p.name}”出现在 ${p.files.length} 个文件中：${p.files.join("、")}`,
    fix: "确认不是同一支部的两个版本；若是，只保留最新的一个重新汇总；若是不同支部，在参数设置中改正支部名称",
  }),
  rollup_same_content: (p) => ({ problem: `与“${p.first}”内容完全相同，只汇总一次`, fix: "确认没有把同一支部的文件复制两份" }),
  rollup_branch_draft: (p) => ({
    problem: `按草稿汇总：本支部数据有 ${p.errors} 条错误未改正（见下面各行），其党员在“党员总表”中标为草稿，所级推荐标为待核实`,
    fix: "请支部改正这些错误（或运行 appraisal check 查看）后重新报送，再重新汇总，即为最终结果",
  }),
};

export function rollupNoteText<C extends RollupNoteCode>(n: RollupNote<C>): Wording {
  return NOTES[n.code](n.params);
}

/** Why a branch was left out (the callers put 未汇总： in front), and what to do about it. */
export function skipText(s: SkipReason): Wording {
  switch (s.code) {
    case "rollup_file_unreadable":
      // The file's own problem as the caller said it; a caller that gave none gets no advice.
      return s.unreadable ? fileProblemText(s.unreadable) : { problem: "无法读取", fix: "" };
    case "rollup_branch_refused":
      return { problem: "超出处理上限，未计算", fix: "删去与考评无关的行、列或工作表后重新汇总" };
    case "rollup_branch_errors":
      // Only with --strict: without it a draft is merged, marked (rollup_branch_draft).
      return {
        problem: `是草稿（有 ${s.errors} 条错误），按 --strict 只汇总最终结果`,
        fix: "改正本文件的错误（见下面各行，或运行 appraisal check）后重新汇总；不加 --strict 则按草稿汇总",
      };
  }
}

/**
 * The first line of every roll-up sheet's title when a merged branch is a draft, in the red of
 * the title (like draftTitle of a branch's own sheets), so no printout passes for final.
 */
export function rollupDraftTitle(branches: number, errors: number): string {
  return `草稿：${branches} 个支部的数据有 ${errors} 条错误未改正，汇总结果不可作为最终结果`;
}
