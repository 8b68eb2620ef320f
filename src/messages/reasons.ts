/**
 * The Chinese wording of a member's reasons (综合评定's 说明 column) and flags (its 提醒
 * column). The core hands over codes and numbers (Reason, Flag in src/core/types.ts); every
 * word a secretary reads about a grade is chosen here.
 */
import { COMPONENT_LABELS, type Flag, type FlagCode, type Reason, type ReasonCode } from "../core/types";

/** A share (0.755) as the flags show it: a percentage to one decimal, 75.5. */
const percent1 = (share: number): number => Math.round(share * 1000) / 10;

const REASONS: { readonly [K in ReasonCode]: (r: Extract<Reason, { code: K }>) => string } = {
  late_pledge: (r) => `承诺迟交，承诺践诺扣 ${r.deduction} 分`,
  component_zero: (r) => `无${COMPONENT_LABELS[r.component]}数据，该项记 0 分`,
  component_spread: (r) => `无${COMPONENT_LABELS[r.component]}数据，其权重按比例分摊到其余各项`,
  bonus_capped: (r) => `奉献加分合计 ${r.sum} 分，按上限 ${r.cap} 分计`,
  gate_sanction: () => "本年受处分，不能评为优秀",
  gate_absence: (r) => `本期无故缺席 ${r.count} 次（达到 ${r.limit} 次），不能评为优秀`,
  gate_no_pledge: () => "未提交个人承诺，不能评为优秀",
  gate_pledge_returned: (r) => `有 ${r.count} 项承诺被退回修改，不能评为优秀`,
  gate_pledge_undone: (r) => `承诺 ${r.pledges} 项中 ${r.undone} 项未完成，不能评为优秀`,
  cap_tie: (r) => `综合得分 ${r.total} 与优秀比例分界线（第 ${r.cap} 名）并列，待支委会确定`,
  cap_over: (r) => `超出优秀比例（上限 ${r.cap} 人）`,
  override: (r) => `支委会评定为${r.grade}：${r.reason}`,
  probationary: () => "预备党员，不评定等次",
  excluded: (r) => (r.reason ? `不参评：${r.reason}` : "不参评"),
};

const FLAGS: { readonly [K in FlagCode]: (f: Extract<Flag, { code: K }>) => string } = {
  flag_mass: (f) => `群众满意率 ${percent1(f.share)}%（低于 ${f.min}%）`,
  flag_peer: (f) => `互评不合格票 ${percent1(f.share)}%（超过 ${f.max}%）`,
  flag_absence: (f) => `连续缺席 ${f.days} 天（${f.days > f.limit ? "超过" : "达到"} ${f.limit} 天）`,
};

/** One reason in words, as 综合评定's 说明 column shows it. */
export function reasonText<C extends ReasonCode>(r: Extract<Reason, { code: C }>): string {
  return REASONS[r.code](r);
}

/** One flag in words, as 综合评定's 提醒 column shows it (and the flag issues quote it). */
export function flagText<C extends FlagCode>(f: Extract<Flag, { code: C }>): string {
  return FLAGS[f.code](f);
}
