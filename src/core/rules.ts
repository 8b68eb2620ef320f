/**
 * The scoring rules that are lookups or yes/no tests, kept as data so that a change of rule is
 * a change of one table row. The arithmetic that uses them is in appraise.ts.
 */
import { floorRatio } from "./numbers";
import type { Settings } from "./settings";
import type { Completion, Flag, Grade, Mark, MassLevel, Member, MemberFacts, OutputCategory, Period, Reason } from "./types";

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
  /** Why the member may not be 优秀, or null when the gate passes. */
  readonly fails: (s: Settings, c: GateContext) => Reason | null;
}

export const GATES: readonly Gate[] = [
  {
    id: "sanction",
    enabled: (s) => s.gateSanction,
    fails: (_s, c) => (c.sanctioned ? { code: "gate_sanction" } : null),
  },
  {
    id: "absence",
    enabled: (s) => s.gateAbsence,
    fails: (s, c) => (c.facts.unexcused >= s.absenceLimit ? { code: "gate_absence", count: c.facts.unexcused, limit: s.absenceLimit } : null),
  },
  {
    id: "pledge",
    enabled: (s) => s.gatePledge,
    fails: (_s, c) => {
      const f = c.facts;
      if (f.pledgeCount === 0) return { code: "gate_no_pledge" };
      if (f.pledgeReturned > 0) return { code: "gate_pledge_returned", count: f.pledgeReturned };
      if (f.pledgesDone < f.pledgeCount) return { code: "gate_pledge_undone", pledges: f.pledgeCount, undone: f.pledgeCount - f.pledgesDone };
      return null;
    },
  },
];

export type FlagId = Flag["code"];

export interface FlagRule {
  readonly id: FlagId;
  /** The flag with its numbers (worded for 综合评定's 提醒 column), or null when it does not apply. */
  readonly test: (s: Settings, f: MemberFacts) => Flag | null;
}

export const FLAGS: readonly FlagRule[] = [
  {
    id: "flag_mass",
    test: (s, f) =>
      f.massSatisfiedShare !== null && f.massSatisfiedShare * 100 < s.flagMassSatisfiedMin
        ? { code: "flag_mass", share: f.massSatisfiedShare, min: s.flagMassSatisfiedMin }
        : null,
  },
  {
    id: "flag_peer",
    test: (s, f) => {
      if (f.peerVotes === 0) return null;
      return f.peerFailShare * 100 > s.flagPeerFailMax ? { code: "flag_peer", share: f.peerFailShare, max: s.flagPeerFailMax } : null;
    },
  },
  {
    id: "flag_absence",
    test: (s, f) =>
      f.longestAbsenceDays >= s.flagAbsenceDays ? { code: "flag_absence", days: f.longestAbsenceDays, limit: s.flagAbsenceDays } : null,
  },
];

/** A member on the 测评票 (and expected in the 计票 sheets): 参评, and 预备党员 unless [测评票-列入预备党员] = 否. */
export function onBallot(s: Settings, m: Member): boolean {
  return m.participating && (s.ballotProbationary || m.category === "正式党员");
}

/**
 * How many members the 优秀 cap allows (null: 不定比例). Its base (优秀比例基数) is the graded
 * members — 参评 正式党员 — or, as some 组织部 guidance counts, every 正式党员 on the roster. One
 * rule for the grading (appraise.ts) and for a ballot's 优秀 marks (the 计票 sheets).
 */
export function excellentCapCount(s: Settings, members: readonly Member[]): number | null {
  if (s.excellentCap === null) return null;
  const base = members.filter((m) => m.category === "正式党员" && (s.excellentCapBase === "all" || m.participating)).length;
  return floorRatio(s.excellentCap, base);
}
