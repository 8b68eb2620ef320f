/**
 * The scoring rules that are lookups or yes/no tests, kept as data so that a change of rule is
 * a change of one table row. The arithmetic that uses them is in appraise.ts.
 */
import type { Settings } from "./settings";
import type { Completion, Grade, Mark, MassLevel, MemberFacts, OutputCategory, Period } from "./types";

/** Every mark's value under these settings (a table to look up, not a call per cell). */
export function markValues(s: Settings): Readonly<Record<Mark, number>> {
  return { 出席: s.markPresent, 迟到: s.markLate, 补学: s.markMakeUp, 请假: s.markLeave, 缺席: s.markAbsent };
}

export function markValue(s: Settings, mark: Mark): number {
  return markValues(s)[mark];
}

export function quotas(s: Settings, period: Period): Record<OutputCategory, number> {
  return period === "上半年"
    ? { 读书笔记: s.quotaNotesHalf, 心得体会: s.quotaEssaysHalf, 建言献策: s.quotaSuggestionsHalf }
    : { 读书笔记: s.quotaNotesYear, 心得体会: s.quotaEssaysYear, 建言献策: s.quotaSuggestionsYear };
}

export function completionValue(s: Settings, c: Completion | null): number {
  if (c === null) return 0;
  const table: Record<Completion, number> = { 完成: s.pledgeDone, 基本完成: s.pledgeMostly, 未完成: s.pledgeNotDone };
  return table[c];
}

export function peerValues(s: Settings): Record<Grade, number> {
  return { 优秀: s.peerExcellent, 合格: s.peerQualified, 基本合格: s.peerBasic, 不合格: s.peerFail };
}

export function massValues(s: Settings): Record<MassLevel, number> {
  return { 满意: s.massSatisfied, 比较满意: s.massFairly, 基本满意: s.massBasic, 不满意: s.massNot };
}

/** 建议等次 from the total: the first threshold the total reaches. */
export function gradeFromTotal(s: Settings, total: number): Grade {
  const steps: readonly [number, Grade][] = [
    [s.thresholdExcellent, "优秀"],
    [s.thresholdQualified, "合格"],
    [s.thresholdBasic, "基本合格"],
  ];
  for (const [min, grade] of steps) if (total >= min) return grade;
  return "不合格";
}

/** What a gate looks at for one member. */
export interface GateContext {
  readonly sanctioned: boolean;
  readonly facts: MemberFacts;
}

export interface Gate {
  readonly id: "sanction" | "absence" | "pledge";
  readonly enabled: (s: Settings) => boolean;
  /** The reason the member may not be 优秀, or null when the gate passes. */
  readonly fails: (s: Settings, c: GateContext) => string | null;
}

export const GATES: readonly Gate[] = [
  {
    id: "sanction",
    enabled: (s) => s.gateSanction,
    fails: (_s, c) => (c.sanctioned ? "本年受处分，不能评为优秀" : null),
  },
  {
    id: "absence",
    enabled: (s) => s.gateAbsence,
    fails: (s, c) =>
      c.facts.unexcused >= s.absenceLimit
        ? `本期无故缺席 ${c.facts.unexcused} 次（达到 ${s.absenceLimit} 次），不能评为优秀`
        : null,
  },
  {
    id: "pledge",
    enabled: (s) => s.gatePledge,
    fails: (_s, c) => {
      const f = c.facts;
      if (f.pledgeCount === 0) return "未提交个人承诺，不能评为优秀";
      if (f.pledgeReturned > 0) return `有 ${f.pledgeReturned} 项承诺被退回修改，不能评为优秀`;
      if (f.pledgesDone < f.pledgeCount) {
        return `承诺 ${f.pledgeCount} 项中 ${f.pledgeCount - f.pledgesDone} 项未完成，不能评为优秀`;
      }
      return null;
    },
  },
];

export type FlagId = "flag_mass" | "flag_peer" | "flag_absence";

export interface FlagRule {
  readonly id: FlagId;
  /** The flag's words in 综合评定's 提醒 column, or null when it does not apply. */
  readonly test: (s: Settings, f: MemberFacts) => string | null;
}

export const FLAGS: readonly FlagRule[] = [
  {
    id: "flag_mass",
    test: (s, f) =>
      f.massSatisfiedShare !== null && f.massSatisfiedShare * 100 < s.flagMassSatisfiedMin
        ? `群众满意率 ${Math.round(f.massSatisfiedShare * 1000) / 10}%（低于 ${s.flagMassSatisfiedMin}%）`
        : null,
  },
  {
    id: "flag_peer",
    test: (s, f) => {
      if (f.peerVotes === 0) return null;
      return f.peerFailShare * 100 > s.flagPeerFailMax
        ? `互评不合格票 ${Math.round(f.peerFailShare * 1000) / 10}%（超过 ${s.flagPeerFailMax}%）`
        : null;
    },
  },
  {
    id: "flag_absence",
    test: (s, f) =>
      f.longestAbsenceDays >= s.flagAbsenceDays
        ? `连续缺席跨越 ${f.longestAbsenceDays} 天（达到 ${s.flagAbsenceDays} 天）`
        : null,
  },
];
