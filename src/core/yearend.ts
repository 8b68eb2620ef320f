/**
 * The year-end figures (年度总结, 推荐表): counts and rates of the branch, per study session and
 * per member, over the same period data the appraisal used. Pure: from the parsed input and
 * the appraisal's result, nothing else.
 *
 * 出勤率 here is the plain head count a secretary reports: (出席 + 迟到) ÷ 应到, where 应到 is
 * every 计分 (参评) member at every session of the period. It is not the mark-weighted
 * attendance that feeds the 学习 score (请假 0.5, 补学 0.8 …), which stays in the scoring.
 */
import { periodWindow } from "./appraise";
import { type Day, formatDay, inWindow, type PeriodWindow, ymdOf } from "./dates";
import { fmt, pct } from "./numbers";
import type { Settings } from "./settings";
import {
  type AppraisalInput,
  type NominationCategory,
  type AppraisalResult,
  type Completion,
  type FinalGrade,
  type MarkCell,
  type MemberResult,
  type MonthCell,
  type Nomination,
  OUTPUT_CATEGORIES,
  type OutputCategory,
  type Pledge,
  type VoteRow,
} from "./types";

/** The grades shown in the distribution (and its chart), in this order. */
export const DISTRIBUTION_GRADES = ["优秀", "合格", "基本合格", "不合格", "待定"] as const satisfies readonly FinalGrade[];

/** One study session of the period, counted over the 计分 members. */
export interface SessionFigures {
  readonly date: Day;
  /** The header text after the date ("集中学习"); "" when the header was only a date. */
  readonly title: string;
  /** 应到: the 计分 members. */
  readonly expected: number;
  readonly present: number;
  readonly late: number;
  readonly leave: number;
  readonly makeUp: number;
  /** 缺席, a blank mark, or a mark not in the list (which scores as 缺席). */
  readonly absent: number;
  /** (出席 + 迟到) ÷ 应到; null when nobody is expected. */
  readonly rate: number | null;
}

export interface PledgeTally {
  readonly count: number;
  readonly done: number;
  readonly mostly: number;
  readonly notDone: number;
  /** 完成情况 left blank. */
  readonly blank: number;
  /** 支部审核 退回修改. */
  readonly returned: number;
}

export interface PledgeItem {
  readonly type: string;
  readonly content: string;
  readonly completion: Completion | null;
}

export interface Award {
  readonly date: Day | null;
  /** 内容, else 级别, else 竞赛获奖 (as the 推荐理由 names it). */
  readonly name: string;
  readonly level: string;
}

export interface MemberYear {
  readonly result: MemberResult;
  /** The rest is about a 计分 member; for a 不参评 one every count is empty. */
  readonly scored: boolean;
  readonly pledges: PledgeTally;
  /** The member's pledges in 个人承诺 row order. */
  readonly pledgeItems: readonly PledgeItem[];
  readonly sessions: number;
  /** 出席 + 迟到. */
  readonly attended: number;
  /** attended ÷ sessions; null without sessions or when not 计分. */
  readonly attendanceRate: number | null;
  readonly outputs: Readonly<Record<OutputCategory, number>>;
  readonly awards: readonly Award[];
  /** Other 活动记录 rows of the period (志愿服务, 党性分析 …), counted per 类别, by 类别. */
  readonly otherActivities: readonly { readonly category: string; readonly count: number }[];
  /** The period's 评议打分 row the appraisal used, if any. */
  readonly votes: VoteRow | null;
  readonly nomination: Nomination | null;
}

export interface BranchFigures {
  readonly members: number;
  readonly scored: number;
  readonly excluded: number;
  readonly graded: number;
  readonly probationary: number;
  readonly perGrade: Readonly<Record<FinalGrade, number>>;
  /** The 优秀 cap in people; null = 不定比例. */
  readonly excellentCap: number | null;
  readonly sessions: number;
  /** Σ 应到 over the period's sessions. */
  readonly expected: number;
  /** Σ (出席 + 迟到). */
  readonly attended: number;
  /** attended ÷ expected; null when nothing was expected. */
  readonly attendanceRate: number | null;
  readonly pledges: PledgeTally;
  /** 完成 ÷ 承诺项数; null without pledges. */
  readonly pledgeRate: number | null;
  readonly outputs: Readonly<Record<OutputCategory, number>>;
  /** Members with at least one 建言献策 (人人建一言). */
  readonly suggestionMembers: number;
  readonly awards: number;
  /** 竞赛获奖 per 级别 ("" = no 级别), by the 级别 list's order, then by name. */
  readonly awardsByLevel: readonly { readonly level: string; readonly count: number }[];
  readonly branchNominees: number;
  readonly instituteNominees: number;
}

export interface YearEnd {
  readonly settings: Settings;
  readonly window: PeriodWindow;
  readonly branch: BranchFigures;
  /** The period's sessions by date (then column order). */
  readonly sessions: readonly SessionFigures[];
  /** Every roster member, in roster order. */
  readonly members: readonly MemberYear[];
  /** The nominees in nomination order (支部表彰 list order), each with their figures. */
  readonly nominees: readonly MemberYear[];
}

const LEVEL_ORDER = ["国家级", "省部级", "院级", "所级", "支部"];

function tallyPledges(pledges: readonly Pledge[]): PledgeTally {
  const t = { count: pledges.length, done: 0, mostly: 0, notDone: 0, blank: 0, returned: 0 };
  for (const p of pledges) {
    if (p.completion === "完成") t.done += 1;
    else if (p.completion === "基本完成") t.mostly += 1;
    else if (p.completion === "未完成") t.notDone += 1;
    else t.blank += 1;
    if (p.review === "退回修改") t.returned += 1;
  }
  return t;
}

function addTally(a: PledgeTally, b: PledgeTally): PledgeTally {
  return {
    count: a.count + b.count,
    done: a.done + b.done,
    mostly: a.mostly + b.mostly,
    notDone: a.notDone + b.notDone,
    blank: a.blank + b.blank,
    returned: a.returned + b.returned,
  };
}

const NO_PLEDGES: PledgeTally = { count: 0, done: 0, mostly: 0, notDone: 0, blank: 0, returned: 0 };
const NO_OUTPUTS: Readonly<Record<OutputCategory, number>> = { 读书笔记: 0, 心得体会: 0, 建言献策: 0 };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const list = map.get(key(it));
    if (list) list.push(it);
    else map.set(key(it), [it]);
  }
  return map;
}

/** Attended = 出席 or 迟到: the member was at the session. */
const isAttended = (m: MarkCell): boolean => m === "出席" || m === "迟到";

export function yearEnd(input: AppraisalInput, result: AppraisalResult): YearEnd {
  const s = result.settings;
  const window = periodWindow(s);
  // The period's sessions exactly as the appraisal takes them: in the window, by date, then column.
  const sessions = input.sessions
    .map((sess, index) => ({ index, sess }))
    .filter((x) => inWindow(x.sess.date, window))
    .sort((a, b) => a.sess.date - b.sess.date || a.index - b.index);
  // The same lookups as appraise(): the last attendance row per 编号 (the parser keeps one),
  // the first vote row of the current period.
  const marksById = new Map(input.attendance.map((r) => [r.memberId, r.marks]));
  const pledgesById = groupBy(input.pledges, (p) => p.memberId);
  const activitiesById = groupBy(
    input.activities.filter((a) => a.date !== null && inWindow(a.date, window)),
    (a) => a.memberId,
  );
  const voteById = new Map<string, VoteRow>();
  for (const v of input.votes) if (v.period === s.period && !voteById.has(v.memberId)) voteById.set(v.memberId, v);
  const nominationById = new Map(result.nominations.map((n) => [n.memberId, n]));

  const scoredMembers = result.members.filter((m) => m.scored);
  const sessionFigures: SessionFigures[] = sessions.map(({ index, sess }) => {
    const c = { present: 0, late: 0, leave: 0, makeUp: 0, absent: 0 };
    for (const m of scoredMembers) {
      const mark = marksById.get(m.member.id)?.[index] ?? "blank";
      if (mark === "出席") c.present += 1;
      else if (mark === "迟到") c.late += 1;
      else if (mark === "请假") c.leave += 1;
      else if (mark === "补学") c.makeUp += 1;
      else c.absent += 1;
    }
    const expected = scoredMembers.length;
    return {
      date: sess.date,
      title: sess.title === formatDay(sess.date) ? "" : sess.title,
      expected,
      ...c,
      rate: expected > 0 ? (c.present + c.late) / expected : null,
    };
  });

  const members: MemberYear[] = result.members.map((r) => {
    const id = r.member.id;
    const nomination = nominationById.get(id) ?? null;
    if (!r.scored) {
      return {
        result: r,
        scored: false,
        pledges: NO_PLEDGES,
        pledgeItems: [],
        sessions: 0,
        attended: 0,
        attendanceRate: null,
        outputs: NO_OUTPUTS,
        awards: [],
        otherActivities: [],
        votes: null,
        nomination,
      };
    }
    const pledges = pledgesById.get(id) ?? [];
    const marks = marksById.get(id) ?? [];
    const attended = sessions.filter(({ index }) => isAttended(marks[index] ?? "blank")).length;
    const acts = activitiesById.get(id) ?? [];
    const outputs: Record<OutputCategory, number> = { ...NO_OUTPUTS };
    const others = new Map<string, number>();
    for (const a of acts) {
      if ((OUTPUT_CATEGORIES as readonly string[]).includes(a.category)) outputs[a.category as OutputCategory] += 1;
      else if (a.category !== "竞赛获奖" && a.category !== "") others.set(a.category, (others.get(a.category) ?? 0) + 1);
    }
    // By date, then name, then 级别: the order of 活动记录 rows must not matter (as in appraise).
    const awards: Award[] = acts
      .filter((a) => a.category === "竞赛获奖")
      .map((a) => ({ date: a.date, name: a.content || a.level || "竞赛获奖", level: a.level }))
      .sort((a, b) => (a.date ?? 0) - (b.date ?? 0) || byText(a.name, b.name) || byText(a.level, b.level));
    return {
      result: r,
      scored: true,
      pledges: tallyPledges(pledges),
      pledgeItems: pledges.map((p) => ({ type: p.type, content: p.content, completion: p.completion })),
      sessions: sessions.length,
      attended,
      attendanceRate: sessions.length > 0 ? attended / sessions.length : null,
      outputs,
      awards,
      otherActivities: [...others.entries()].map(([category, count]) => ({ category, count })).sort((a, b) => byText(a.category, b.category)),
      votes: voteById.get(id) ?? null,
      nomination,
    };
  });

  const scored = members.filter((m) => m.scored);
  const pledges = scored.reduce((t, m) => addTally(t, m.pledges), NO_PLEDGES);
  const outputs: Record<OutputCategory, number> = { ...NO_OUTPUTS };
  for (const m of scored) for (const c of OUTPUT_CATEGORIES) outputs[c] += m.outputs[c];
  const levels = new Map<string, number>();
  for (const m of scored) for (const a of m.awards) levels.set(a.level, (levels.get(a.level) ?? 0) + 1);
  const levelRank = (l: string): number => {
    const i = LEVEL_ORDER.indexOf(l);
    return i >= 0 ? i : l === "" ? LEVEL_ORDER.length + 1 : LEVEL_ORDER.length;
  };
  const expected = sessionFigures.reduce((n, x) => n + x.expected, 0);
  const attended = sessionFigures.reduce((n, x) => n + x.present + x.late, 0);
  const sum = result.summary;

  const branch: BranchFigures = {
    members: sum.members,
    scored: sum.scored,
    excluded: sum.excluded,
    graded: sum.graded,
    probationary: sum.probationary,
    perGrade: sum.perGrade,
    excellentCap: sum.excellentCap,
    sessions: sessions.length,
    expected,
    attended,
    attendanceRate: expected > 0 ? attended / expected : null,
    pledges,
    pledgeRate: pledges.count > 0 ? pledges.done / pledges.count : null,
    outputs,
    suggestionMembers: scored.filter((m) => m.outputs.建言献策 > 0).length,
    awards: scored.reduce((n, m) => n + m.awards.length, 0),
    awardsByLevel: [...levels.entries()]
      .map(([level, count]) => ({ level, count }))
      .sort((a, b) => levelRank(a.level) - levelRank(b.level) || byText(a.level, b.level)),
    branchNominees: sum.branchNominees,
    instituteNominees: sum.instituteNominees,
  };

  const byId = new Map(members.map((m) => [m.result.member.id, m]));
  const nominees = result.nominations
    .map((n) => byId.get(n.memberId))
    .filter((m): m is MemberYear => m !== undefined);

  return { settings: s, window, branch, sessions: sessionFigures, members, nominees };
}

/** The 践诺情况 of a member in words: 全部完成, 完成 2 项、基本完成 1 项, 未提交承诺 … */
export function pledgeWords(m: MemberYear): string {
  if (!m.scored) return "";
  const t = m.pledges;
  if (t.count === 0) return "未提交承诺";
  const parts: string[] = [];
  if (t.done === t.count) parts.push(`${t.count} 项全部完成`);
  else {
    if (t.done > 0) parts.push(`完成 ${t.done} 项`);
    if (t.mostly > 0) parts.push(`基本完成 ${t.mostly} 项`);
    if (t.notDone > 0) parts.push(`未完成 ${t.notDone} 项`);
    if (t.blank > 0) parts.push(`${t.blank} 项未填完成情况`);
  }
  if (t.returned > 0) parts.push(`${t.returned} 项退回修改`);
  return parts.join("、");
}

/** 2005年7月1日. */
export function chineseDate(day: Day): string {
  const { y, m, d } = ymdOf(day);
  return `${y}年${m}月${d}日`;
}

/** The year and month of 入党时间 / 出生年月, or null when it was not read. */
export function yearMonthOf(c: MonthCell): { y: number; m: number } | null {
  if (c.value === null) return null;
  if (typeof c.value === "number") {
    const { y, m } = ymdOf(c.value);
    return { y, m };
  }
  return { y: c.value.year, m: c.value.month };
}

/**
 * 入党时间 / 出生年月 as a form prints it: a whole date as 2001年7月1日 (`withDay`) or 2001年7月, a
 * year and month as 2001年7月, and what could not be read exactly as it was typed.
 */
export function monthCellText(c: MonthCell, withDay: boolean): string {
  if (withDay && typeof c.value === "number") return chineseDate(c.value);
  const ym = yearMonthOf(c);
  return ym ? `${ym.y}年${ym.m}月` : c.typed;
}

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** At most this many pledges are quoted in a draft; the rest are counted. */
const QUOTED_PLEDGES = 5;

/** What a nomination category asks for, in the words of the form. */
export function nominationWords(c: NominationCategory): string {
  return c === "所级推荐" ? "所级推荐：推荐参加所级优秀共产党员评选" : "支部表彰：评为支部优秀共产党员";
}

/**
 * 主要事迹: a first draft of the deeds paragraph, built only from the member's own data in the
 * period (pledges with their contents, attendance, study output, awards, votes, standing), so
 * each sentence can be checked against the workbook. Points without data are left out; the
 * secretary edits the draft before it goes up.
 */
export function deedsDraft(ye: YearEnd, m: MemberYear): string {
  const s = ye.settings;
  const r = m.result;
  const f = r.facts;
  const who = r.member;
  const span = s.period === "上半年" ? `${s.year}年上半年` : `${s.year}年`;
  const intro: string[] = [`${who.name}同志`];
  if (who.post) intro.push(`现任${who.post}`);
  const joined = yearMonthOf(who.joinDate);
  if (joined) intro.push(`${joined.y}年${joined.m}月入党`);
  const points: string[] = [];

  const t = m.pledges;
  if (t.count > 0) {
    const quoted = m.pledgeItems
      .slice(0, QUOTED_PLEDGES)
      .map((p) => `${p.content ? `“${p.content}”` : `${p.type || "承诺"}一项`}（${p.completion ?? "未填完成情况"}）`);
    const more = t.count > QUOTED_PLEDGES ? `等` : "";
    const kept = t.done === t.count ? "全部完成" : pledgeWords(m);
    points.push(`践行承诺。作出个人承诺 ${t.count} 项，${kept}：${quoted.join("；")}${more}。承诺践诺得分 ${fmt(r.components.pledge ?? 0)} 分`);
  }

  const study: string[] = [];
  if (f && m.sessions > 0 && m.attendanceRate !== null) {
    const detail = [`出席 ${f.present} 次`];
    if (f.late > 0) detail.push(`迟到 ${f.late} 次`);
    const extra: string[] = [];
    if (f.leave > 0) extra.push(`请假 ${f.leave} 次`);
    if (f.makeUp > 0) extra.push(`补学 ${f.makeUp} 次`);
    study.push(
      `${s.period === "上半年" ? "上半年" : "全年"}支部组织学习 ${m.sessions} 次，本人参加 ${m.attended} 次（${detail.join("、")}），出勤率 ${pct(m.attendanceRate)}${extra.length > 0 ? `；${extra.join("、")}` : ""}`,
    );
  }
  const o = m.outputs;
  const written: string[] = [];
  if (o.读书笔记 > 0) written.push(`读书笔记 ${o.读书笔记} 篇`);
  if (o.心得体会 > 0) written.push(`心得体会 ${o.心得体会} 篇`);
  if (written.length > 0) study.push(`撰写${written.join("、")}`);
  if (o.建言献策 > 0) study.push(`为支部建设建言献策 ${o.建言献策} 条`);
  if (study.length > 0) points.push(`坚持学习。${study.join("；")}`);

  const service: string[] = [];
  if (m.awards.length > 0) {
    service.push(`获${m.awards.map((a) => (a.level && a.name !== a.level ? `${a.name}（${a.level}）` : a.name)).join("、")}`);
  }
  if (m.otherActivities.length > 0) service.push(`参加${m.otherActivities.map((a) => `${a.category} ${a.count} 次`).join("、")}`);
  if (service.length > 0) points.push(`岗位奉献。${service.join("；")}`);

  const votes: string[] = [];
  const v = m.votes;
  if (v && f && f.peerVotes > 0) {
    votes.push(`党员互评获优秀票 ${v.peer.优秀} 票（共 ${f.peerVotes} 票，占 ${pct(v.peer.优秀 / f.peerVotes)}）`);
  }
  if (v && f && f.massVotes > 0) {
    const satisfied = v.mass.满意 + v.mass.比较满意;
    votes.push(`群众评议获满意票 ${v.mass.满意} 票、比较满意票 ${v.mass.比较满意} 票（共 ${f.massVotes} 票，满意率 ${pct(satisfied / f.massVotes)}）`);
  }
  if (votes.length > 0) points.push(`群众公认。${votes.join("；")}`);

  const numbered = points.map((p, i) => `${NUMERALS[i] ?? String(i + 1)}是${p}。`);
  const standing =
    r.total !== null
      ? `综合评定得分 ${fmt(r.total)} 分，在 ${ye.branch.scored} 名参评党员中排名第 ${r.rank ?? "-"}，最终等次为${r.final}。`
      : "";
  return [`${intro.join("，")}。${span}主要表现如下：`, ...numbered, standing].filter((x) => x !== "").join("\n");
}
