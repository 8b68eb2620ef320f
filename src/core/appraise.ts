/**
 * The appraisal: components → total → rank → grade → gates → cap → override → nominations.
 * Pure and deterministic: the same input gives the same result, whatever the row order.
 */
import { type Day, firstHalfWindow, inWindow, type PeriodWindow, yearWindow } from "./dates";
import { type Issue, issue } from "./issues";
import { clamp, floorRatio, naturalCompare, roundHalfUp } from "./numbers";
import {
  completionValue,
  FLAGS,
  excellentCapCount,
  GATES,
  gradeFromTotal,
  markValues,
  massValues,
  peerValues,
  quotas,
} from "./rules";
import { pledgeDeadline, type Settings } from "./settings";
import {
  type Activity,
  type AppraisalInput,
  type AppraisalResult,
  type AppraisalSummary,
  type CellRef,
  COMPONENT_KEYS,
  type ComponentKey,
  type FinalGrade,
  type Flag,
  GRADES,
  type Grade,
  MASS_LEVELS,
  type MarkCell,
  type Member,
  type MemberFacts,
  type MemberResult,
  type Nomination,
  type NominationFacts,
  OUTPUT_CATEGORIES,
  type OutputCategory,
  type Pledge,
  type Reason,
  type VoteRow,
} from "./types";

export function periodWindow(s: Settings): PeriodWindow {
  return s.period === "上半年" ? firstHalfWindow(s.year) : yearWindow(s.year);
}

function weightOf(s: Settings, k: ComponentKey): number {
  return { study: s.weightStudy, pledge: s.weightPledge, peer: s.weightPeer, mass: s.weightMass }[k];
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = map.get(k);
    if (list) list.push(it);
    else map.set(k, [it]);
  }
  return map;
}

interface Scored {
  readonly member: Member;
  readonly components: Record<ComponentKey, number | null>;
  readonly bonus: number;
  readonly total: number;
  readonly facts: MemberFacts;
  readonly reasons: Reason[];
  readonly vote: VoteRow | undefined;
}

interface SessionInPeriod {
  readonly index: number;
  readonly date: Day;
}

function isUnexcused(m: MarkCell): boolean {
  return m === "缺席" || m === "blank" || m === "invalid";
}

/**
 * The longest run of consecutive unexcused sessions, as days from its first to its last.
 * Sessions on the same day count as one day, unexcused only if every one of them was: a
 * member who came to the morning session did attend that day, whichever column is first.
 */
function longestAbsenceRun(sessions: readonly SessionInPeriod[], marks: readonly MarkCell[]): number {
  let best = 0;
  let runStart: Day | null = null;
  for (let i = 0; i < sessions.length; ) {
    const day = (sessions[i] as SessionInPeriod).date;
    let absentAllDay = true;
    for (; i < sessions.length && (sessions[i] as SessionInPeriod).date === day; i++) {
      if (!isUnexcused(marks[(sessions[i] as SessionInPeriod).index] ?? "blank")) absentAllDay = false;
    }
    if (absentAllDay) {
      if (runStart === null) runStart = day;
      best = Math.max(best, day - runStart);
    } else {
      runStart = null;
    }
  }
  return best;
}

function computeMember(
  s: Settings,
  window: PeriodWindow,
  member: Member,
  sessions: readonly SessionInPeriod[],
  marks: readonly MarkCell[],
  pledges: readonly Pledge[],
  activities: readonly Activity[],
  vote: VoteRow | undefined,
): Scored {
  const reasons: Reason[] = [];
  const count = { 出席: 0, 迟到: 0, 请假: 0, 补学: 0, 缺席: 0, unexcused: 0 };
  let markSum = 0;
  const value = markValues(s);
  for (const sess of sessions) {
    const mark = marks[sess.index] ?? "blank";
    const known = mark === "blank" || mark === "invalid" ? "缺席" : mark;
    count[known] += 1;
    if (isUnexcused(mark)) count.unexcused += 1;
    markSum += value[known];
  }
  const attendanceRate = sessions.length > 0 ? markSum / sessions.length : null;

  const inPeriod = activities.filter((a) => a.date !== null && inWindow(a.date, window));
  const outputCounts: Record<OutputCategory, number> = { 读书笔记: 0, 心得体会: 0, 建言献策: 0 };
  for (const a of inPeriod) {
    if ((OUTPUT_CATEGORIES as readonly string[]).includes(a.category)) outputCounts[a.category as OutputCategory] += 1;
  }
  const q = quotas(s, s.period);
  const parts = OUTPUT_CATEGORIES.filter((c) => q[c] > 0).map((c) => Math.min(1, outputCounts[c] / q[c]));
  const outputRate = parts.length > 0 ? parts.reduce((a, b) => a + b, 0) / parts.length : null;

  let study: number | null = null;
  if (attendanceRate !== null) {
    const share = s.attendanceShare / 100;
    const raw = outputRate === null ? attendanceRate : share * attendanceRate + (1 - share) * outputRate;
    study = roundHalfUp(100 * raw);
  }

  // 承诺践诺: weighted mean of the pledge values; 考核得分 overrides the completion value.
  let pledgeScore = 0;
  const weightSum = pledges.reduce((a, p) => a + p.weight, 0);
  if (weightSum > 0) {
    const sum = pledges.reduce((a, p) => a + p.weight * (p.score ?? completionValue(s, p.completion)), 0);
    pledgeScore = sum / weightSum;
  }
  const deadline = pledgeDeadline(s);
  const late = pledges.filter((p) => p.submitted !== null && p.submitted > deadline).length;
  if (late > 0 && s.lateDeduction > 0) {
    pledgeScore = Math.max(0, pledgeScore - s.lateDeduction);
    reasons.push({ code: "late_pledge", deduction: s.lateDeduction });
  }
  const pledge = roundHalfUp(pledgeScore);

  const pv = peerValues(s);
  const peerVotes = vote ? GRADES.reduce((a, g) => a + vote.peer[g], 0) : 0;
  // Vote values may be on another scale (10/7/5/2): the component is on 0–100 either way.
  const toHundred = 100 / s.voteFullMark;
  const peer = vote && peerVotes > 0 ? roundHalfUp((toHundred * GRADES.reduce((a, g) => a + vote.peer[g] * pv[g], 0)) / peerVotes) : null;
  const mv = massValues(s);
  const massVotes = vote ? MASS_LEVELS.reduce((a, l) => a + vote.mass[l], 0) : 0;
  const mass = vote && massVotes > 0 ? roundHalfUp((toHundred * MASS_LEVELS.reduce((a, l) => a + vote.mass[l] * mv[l], 0)) / massVotes) : null;

  const components: Record<ComponentKey, number | null> = { study, pledge, peer, mass };
  let weighted = 0;
  let presentWeight = 0;
  for (const k of COMPONENT_KEYS) {
    const c = components[k];
    if (c === null) {
      if (s.missingComponent === "zero") {
        components[k] = 0;
        presentWeight += weightOf(s, k);
        reasons.push({ code: "component_zero", component: k });
      } else {
        reasons.push({ code: "component_spread", component: k });
      }
      continue;
    }
    weighted += weightOf(s, k) * c;
    presentWeight += weightOf(s, k);
  }
  const base = presentWeight > 0 ? weighted / presentWeight : 0;

  const bonusRaw = inPeriod.reduce((a, x) => a + x.bonus, 0);
  // Compared rounded, like every comparison: 26.78 − 24.5 + 2.72 adds up to 5.000000000000002
  // in one row order and to 5 in another, and only the first went "over" a cap of 5.
  const bonusSum = roundHalfUp(bonusRaw);
  const bonus = roundHalfUp(Math.min(s.bonusCap, bonusSum));
  if (bonusSum > s.bonusCap) reasons.push({ code: "bonus_capped", sum: bonusSum, cap: s.bonusCap });
  const total = clamp(roundHalfUp(base + bonus), 0, 100);

  const facts: MemberFacts = {
    sessions: sessions.length,
    present: count.出席,
    late: count.迟到,
    leave: count.请假,
    makeUp: count.补学,
    absent: count.缺席,
    unexcused: count.unexcused,
    attendanceRate,
    outputCounts,
    outputRate,
    pledgeCount: pledges.length,
    pledgesDone: pledges.filter((p) => p.completion === "完成").length,
    pledgeReturned: pledges.filter((p) => p.review === "退回修改").length,
    peerVotes,
    peerExcellentShare: vote && peerVotes > 0 ? vote.peer.优秀 / peerVotes : null,
    peerFailShare: vote && peerVotes > 0 ? vote.peer.不合格 / peerVotes : 0,
    massVotes,
    massSatisfiedShare: vote && massVotes > 0 ? (vote.mass.满意 + vote.mass.比较满意) / massVotes : null,
    // By date, then the name as shown (content, else level): the reason sentence must not
    // depend on the order of 活动记录 rows, also when two awards of a day have no content.
    awards: inPeriod
      .filter((a) => a.category === "竞赛获奖")
      .map((a) => ({ date: a.date ?? 0, name: a.content || a.level || "竞赛获奖" }))
      .sort((a, b) => a.date - b.date || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((a) => a.name),
    bonusRaw,
    longestAbsenceDays: longestAbsenceRun(sessions, marks),
  };
  return { member, components, bonus, total, facts, reasons, vote };
}

/**
 * Competition ranking (1, 2, 2, 4) by total, highest first: 1 + how many totals are higher.
 * One sort, not a count per member (that was O(n²): 0.9 s of 2.5 s at 10,000 members). A NaN
 * total has no total above it (rank 1) and is above none.
 */
function competitionRanks(totals: readonly number[]): number[] {
  const sorted = totals.filter((t) => !Number.isNaN(t)).sort((a, b) => b - a);
  const higher = new Map<number, number>();
  sorted.forEach((t, i) => {
    if (!higher.has(t)) higher.set(t, i);
  });
  return totals.map((t) => 1 + (higher.get(t) ?? 0));
}

export function appraise(input: AppraisalInput): AppraisalResult {
  const s = input.settings;
  const window = periodWindow(s);
  const issues: Issue[] = [];

  const sessions: SessionInPeriod[] = input.sessions
    .map((sess, index) => ({ index, date: sess.date }))
    .filter((x) => inWindow(x.date, window))
    .sort((a, b) => a.date - b.date || a.index - b.index);

  const marksById = new Map(input.attendance.map((r) => [r.memberId, r.marks]));
  const pledgesById = groupBy(input.pledges, (p) => p.memberId);
  const activitiesById = groupBy(input.activities, (a) => a.memberId);
  const voteById = new Map<string, VoteRow>();
  for (const v of input.votes) if (v.period === s.period && !voteById.has(v.memberId)) voteById.set(v.memberId, v);

  const participating = input.members.filter((m) => m.participating);
  const scored: Scored[] = participating.map((m) =>
    computeMember(
      s,
      window,
      m,
      sessions,
      marksById.get(m.id) ?? [],
      pledgesById.get(m.id) ?? [],
      activitiesById.get(m.id) ?? [],
      voteById.get(m.id),
    ),
  );

  // Component-missing hints: one for the branch when nobody has the data, else one per member.
  // Essential data the whole branch lacks is an 错误 (the result is a draft until it is
  // added): no session of the period while 学习 has weight; at 年终, not a single vote.
  if (participating.length > 0) {
    if (sessions.length === 0) {
      issues.push(issue("component_missing", s.weightStudy > 0 ? "错误" : "提示", "学习考勤", "", { component: "study", who: null, period: s.period }));
    }
    const missingOf = (k: "peer" | "mass"): Scored[] => scored.filter((x) => x.components[k] === null || x.facts[k === "peer" ? "peerVotes" : "massVotes"] === 0);
    const noVotes = s.period === "年终" && s.weightPeer + s.weightMass > 0 && missingOf("peer").length === scored.length && missingOf("mass").length === scored.length;
    if (noVotes) issues.push(issue("votes_missing", "错误", "评议打分", "", { period: s.period, sheetMissing: false }));
    for (const k of noVotes ? [] : (["peer", "mass"] as const)) {
      const missing = missingOf(k);
      if (missing.length === scored.length) {
        issues.push(issue("component_missing", "提示", "评议打分", "", { component: k, who: null, period: s.period }));
      } else {
        for (const x of missing) {
          const ref = x.vote?.ref ?? x.member.ref;
          issues.push(issue("component_missing", "提示", ref.sheet, ref.cell, { component: k, who: x.member.name, period: s.period }));
        }
      }
    }
    for (const x of scored) {
      if (x.facts.pledgeCount === 0) {
        issues.push(issue("pledge_none", "提示", x.member.ref.sheet, x.member.ref.cell, { name: x.member.name }));
      }
    }
  }

  const ranks = competitionRanks(scored.map((x) => x.total));
  const rankOf = new Map(scored.map((x, i) => [x.member.id, ranks[i] as number]));

  const graded = scored.filter((x) => x.member.category === "正式党员");
  const suggested = new Map<string, FinalGrade>();
  const reasons = new Map(scored.map((x) => [x.member.id, x.reasons]));
  for (const x of graded) {
    let grade: Grade = gradeFromTotal(s, x.total);
    if (grade === "优秀") {
      for (const gate of GATES) {
        if (!gate.enabled(s)) continue;
        const why = gate.fails(s, { sanctioned: x.member.sanctioned, facts: x.facts });
        if (why !== null) {
          grade = "合格";
          reasons.get(x.member.id)?.push(why);
        }
      }
    }
    suggested.set(x.member.id, grade);
  }

  // The 优秀 cap. Ties at the boundary are never broken silently: all of them are 待定.
  // The cap's base: the graded members, or (some 组织部 guidance) every 正式党员 on the roster.
  const cap = excellentCapCount(s, input.members);
  if (cap !== null) {
    const candidates = graded
      .filter((x) => suggested.get(x.member.id) === "优秀")
      .sort((a, b) => b.total - a.total || naturalCompare(a.member.id, b.member.id));
    if (candidates.length > cap) {
      const boundary = cap > 0 ? (candidates[cap - 1] as Scored).total : Infinity;
      const next = (candidates[cap] as Scored).total;
      const tie = cap > 0 && boundary === next;
      candidates.forEach((x, i) => {
        const why = reasons.get(x.member.id);
        if (tie && x.total === boundary) {
          suggested.set(x.member.id, "待定");
          why?.push({ code: "cap_tie", total: x.total, cap });
          const ref = x.vote?.overrideRef ?? x.member.ref;
          issues.push(issue("tie_at_cap", "提示", ref.sheet, ref.cell, { name: x.member.name, total: x.total, cap }));
        } else if (tie ? x.total < boundary : i >= cap) {
          suggested.set(x.member.id, "合格");
          why?.push({ code: "cap_over", cap });
        }
      });
    }
  }

  const finals = new Map<string, FinalGrade>(suggested);
  for (const x of scored) {
    const v = x.vote;
    if (!v || v.override === null) continue;
    if (x.member.category !== "正式党员") {
      issues.push(issue("override_not_graded", "错误", v.overrideRef.sheet, v.overrideRef.cell, { name: x.member.name, category: x.member.category }));
      continue;
    }
    finals.set(x.member.id, v.override);
    reasons.get(x.member.id)?.push({ code: "override", grade: v.override, reason: v.overrideReason });
  }
  // An override on a member who is not scored at all is just as void. (The first such row per
  // member, looked up in a map: a search of every row per member was O(n²).)
  const firstOverrideById = new Map<string, VoteRow>();
  for (const r of input.votes) {
    if (r.period === s.period && r.override !== null && !firstOverrideById.has(r.memberId)) firstOverrideById.set(r.memberId, r);
  }
  for (const m of input.members) {
    if (m.participating) continue;
    const v = firstOverrideById.get(m.id);
    if (v) issues.push(issue("override_not_graded", "错误", v.overrideRef.sheet, v.overrideRef.cell, { name: m.name, category: "不参评" }));
  }

  const flagsOf = new Map<string, Flag[]>();
  for (const x of scored) {
    const list: Flag[] = [];
    for (const rule of FLAGS) {
      const flag = rule.test(s, x.facts);
      if (flag === null) continue;
      list.push(flag);
      const ref = rule.id === "flag_absence" ? (x.member.ref) : (x.vote?.ref ?? x.member.ref);
      issues.push(flagIssue(flag, x.member.name, ref));
    }
    flagsOf.set(x.member.id, list);
  }

  const byId = new Map(scored.map((x) => [x.member.id, x]));
  const members: MemberResult[] = input.members.map((m) => {
    const x = byId.get(m.id);
    if (!x) {
      return {
        member: m,
        scored: false,
        graded: false,
        components: { study: null, pledge: null, peer: null, mass: null },
        bonus: null,
        total: null,
        rank: null,
        suggested: "不参评",
        final: "不参评",
        flags: [],
        reasons: [{ code: "excluded", reason: m.exclusionReason }],
        facts: null,
      };
    }
    const isGraded = m.category === "正式党员";
    const why = reasons.get(m.id) ?? [];
    if (!isGraded) why.unshift({ code: "probationary" });
    return {
      member: m,
      scored: true,
      graded: isGraded,
      components: x.components,
      bonus: x.bonus,
      total: x.total,
      rank: rankOf.get(m.id) ?? null,
      suggested: isGraded ? (suggested.get(m.id) ?? "合格") : "不评定等次",
      final: isGraded ? (finals.get(m.id) ?? "合格") : "不评定等次",
      flags: flagsOf.get(m.id) ?? [],
      reasons: why,
      facts: x.facts,
    };
  });

  const nominations = s.period === "年终" ? nominate(s, members, graded.length) : [];
  const summary = summarise(members, cap, nominations);
  return { settings: s, members, nominations, issues, summary };
}

/** The issue that tells the 支委会 about a flag: the flag's numbers and the member's name. */
function flagIssue(flag: Flag, name: string, ref: CellRef): Issue {
  // One case per code: TypeScript does not relate a union's code to the matching params.
  switch (flag.code) {
    case "flag_mass":
      return issue(flag.code, "提示", ref.sheet, ref.cell, { name, share: flag.share, min: flag.min });
    case "flag_peer":
      return issue(flag.code, "提示", ref.sheet, ref.cell, { name, share: flag.share, max: flag.max });
    case "flag_absence":
      return issue(flag.code, "提示", ref.sheet, ref.cell, { name, days: flag.days, limit: flag.limit });
  }
}

function nominate(s: Settings, members: readonly MemberResult[], gradedCount: number): Nomination[] {
  const eligible = members
    .filter((r) => r.graded && r.final === "优秀" && (r.components.pledge ?? 0) >= s.nominationPledgeMin)
    .sort(
      (a, b) =>
        (b.total ?? 0) - (a.total ?? 0) ||
        (b.components.pledge ?? 0) - (a.components.pledge ?? 0) ||
        rateKey(b) - rateKey(a) ||
        naturalCompare(a.member.id, b.member.id),
    );
  const quota = Math.max(s.instituteMin, floorRatio(s.instituteRatio, gradedCount));
  return eligible.map((r, i) => {
    const category = i < quota ? "所级推荐" : "支部表彰";
    return {
      order: i + 1,
      memberId: r.member.id,
      name: r.member.name,
      total: r.total ?? 0,
      pledge: r.components.pledge ?? 0,
      category,
      basis: { period: s.period, facts: r.facts && nominationFacts(r.facts), rank: r.rank },
    };
  });
}

function nominationFacts(f: MemberFacts): NominationFacts {
  const { sessions, present, late, makeUp, outputCounts, pledgeCount, pledgesDone, peerExcellentShare, massSatisfiedShare, awards } = f;
  return { sessions, present, late, makeUp, outputCounts, pledgeCount, pledgesDone, peerExcellentShare, massSatisfiedShare, awards };
}

/** The attendance rate as compared in tie-breaks: rounded like every other comparison. */
function rateKey(r: MemberResult): number {
  const rate = r.facts?.attendanceRate;
  return rate === null || rate === undefined ? -1 : roundHalfUp(rate * 100, 2);
}

function summarise(members: readonly MemberResult[], cap: number | null, noms: readonly Nomination[]): AppraisalSummary {
  const perGrade: Record<FinalGrade, number> = { 优秀: 0, 合格: 0, 基本合格: 0, 不合格: 0, 待定: 0, 不评定等次: 0, 不参评: 0 };
  for (const m of members) perGrade[m.final] += 1;
  return {
    members: members.length,
    scored: members.filter((m) => m.scored).length,
    graded: members.filter((m) => m.graded).length,
    probationary: members.filter((m) => m.scored && !m.graded).length,
    excluded: members.filter((m) => !m.scored).length,
    perGrade,
    excellentCap: cap,
    branchNominees: noms.length,
    instituteNominees: noms.filter((n) => n.category === "所级推荐").length,
  };
}
