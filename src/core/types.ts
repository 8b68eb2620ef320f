/**
 * The plain model between the sheet layout and the scoring engine (see CONTRIBUTING.md).
 * Hosts turn cell grids into an AppraisalInput; the core turns it into an AppraisalResult.
 */
import type { Day } from "./dates";
import type { Issue } from "./issues";
import type { Settings } from "./settings";

export const PERIODS = ["上半年", "年终"] as const;
export type Period = (typeof PERIODS)[number];

export const MARKS = ["出席", "迟到", "请假", "补学", "缺席"] as const;
export type Mark = (typeof MARKS)[number];
/** What a mark cell holds after parsing: a known mark, blank, or something not in the list. */
export type MarkCell = Mark | "blank" | "invalid";

export const GRADES = ["优秀", "合格", "基本合格", "不合格"] as const;
export type Grade = (typeof GRADES)[number];
export type FinalGrade = Grade | "待定" | "不评定等次" | "不参评";

export const MEMBER_CATEGORIES = ["正式党员", "预备党员"] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const COMPLETIONS = ["完成", "基本完成", "未完成"] as const;
export type Completion = (typeof COMPLETIONS)[number];

export const REVIEWS = ["通过", "退回修改"] as const;
export type Review = (typeof REVIEWS)[number];

export const MASS_LEVELS = ["满意", "比较满意", "基本满意", "不满意"] as const;
export type MassLevel = (typeof MASS_LEVELS)[number];

/** The two kinds of 民主评议 ballot: 党员互评 (members mark members, GRADES) and 群众评议 (MASS_LEVELS). */
export type BallotKind = "peer" | "mass";

/** A ballot kind's four marks, in the order 评议打分's columns and the messages list them. */
export const BALLOT_MARKS: Readonly<Record<BallotKind, readonly string[]>> = { peer: GRADES, mass: MASS_LEVELS };

/** Only these 活动记录 categories count toward study output (exact names, per domain.md). */
export const OUTPUT_CATEGORIES = ["读书笔记", "心得体会", "建言献策"] as const;
export type OutputCategory = (typeof OUTPUT_CATEGORIES)[number];

/** Where a record came from, so that the core can point its own issues at a cell. */
export interface CellRef {
  readonly sheet: string;
  readonly cell: string;
}

/** A year and month without a day: 入党时间 or 出生年月 typed as 2001.07, 2003-07, 1995年5月. */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/**
 * 入党时间 or 出生年月 as read: a whole date (a date cell, 2001-07-01), a year and month, or null
 * when the cell is blank or could not be read with certainty (a 提示 says so) — together with
 * what was typed, so that a form prints the typed text rather than a date nobody typed.
 */
export interface MonthCell {
  readonly value: Day | YearMonth | null;
  /** The cell as text ("" when blank). */
  readonly typed: string;
}

/** A blank 入党时间 / 出生年月. */
export const NO_MONTH: MonthCell = { value: null, typed: "" };

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly gender: string;
  /** 出生年月: printed on the 推荐表 as a year and month, never computed with. */
  readonly birth: MonthCell;
  readonly category: MemberCategory;
  readonly group: string;
  /** 入党时间: printed on the 推荐表 and in the 主要事迹 draft; no score uses it. */
  readonly joinDate: MonthCell;
  readonly post: string;
  readonly participating: boolean;
  readonly exclusionReason: string;
  readonly sanctioned: boolean;
  readonly note: string;
  /** The member's 姓名 cell in 党员名册. */
  readonly ref: CellRef;
}

export interface Pledge {
  readonly memberId: string;
  readonly type: string;
  readonly content: string;
  readonly weight: number;
  readonly submitted: Day | null;
  readonly review: Review | null;
  readonly completion: Completion | null;
  /** 考核得分, 0–100, overriding the completion value when present. */
  readonly score: number | null;
  readonly ref: CellRef;
  /** The 提交日期 cell, for the late-pledge hint. */
  readonly submittedRef: CellRef;
}

export interface Session {
  readonly date: Day;
  readonly title: string;
  readonly ref: CellRef;
}

export interface AttendanceRow {
  readonly memberId: string;
  /** One entry per session, aligned with AppraisalInput.sessions. */
  readonly marks: readonly MarkCell[];
  readonly ref: CellRef;
}

export interface Activity {
  readonly memberId: string;
  readonly date: Day | null;
  readonly category: string;
  readonly content: string;
  readonly level: string;
  readonly bonus: number;
  readonly ref: CellRef;
}

export type PeerVotes = Readonly<Record<Grade, number>>;
export type MassVotes = Readonly<Record<MassLevel, number>>;

export interface VoteRow {
  readonly period: Period;
  readonly memberId: string;
  readonly selfGrade: Grade | null;
  readonly peer: PeerVotes;
  readonly mass: MassVotes;
  /** 支委会评定, already checked to have a 调整理由 by the parser. */
  readonly override: Grade | null;
  readonly overrideReason: string;
  readonly ref: CellRef;
  readonly overrideRef: CellRef;
}

export interface AppraisalInput {
  readonly settings: Settings;
  readonly members: readonly Member[];
  readonly pledges: readonly Pledge[];
  readonly sessions: readonly Session[];
  readonly attendance: readonly AttendanceRow[];
  readonly activities: readonly Activity[];
  readonly votes: readonly VoteRow[];
}

export type ComponentKey = "study" | "pledge" | "peer" | "mass";
export const COMPONENT_KEYS: readonly ComponentKey[] = ["study", "pledge", "peer", "mass"];
export const COMPONENT_LABELS: Readonly<Record<ComponentKey, string>> = {
  study: "学习",
  pledge: "承诺践诺",
  peer: "党员互评",
  mass: "群众评议",
};

/** The facts behind a member's numbers, kept for the reason sentences and the summary. */
export interface MemberFacts {
  readonly sessions: number;
  readonly present: number;
  readonly late: number;
  readonly leave: number;
  readonly makeUp: number;
  readonly absent: number;
  /** 缺席 + blank + invalid marks: what the 优秀 gate counts. */
  readonly unexcused: number;
  /** Mean mark value over the period's sessions, unrounded; null without sessions. */
  readonly attendanceRate: number | null;
  readonly outputCounts: Readonly<Record<OutputCategory, number>>;
  readonly outputRate: number | null;
  readonly pledgeCount: number;
  readonly pledgesDone: number;
  readonly pledgeReturned: number;
  readonly peerVotes: number;
  readonly peerExcellentShare: number | null;
  /** Share of 不合格 among 互评 votes; 0 without votes. */
  readonly peerFailShare: number;
  readonly massVotes: number;
  readonly massSatisfiedShare: number | null;
  readonly awards: readonly string[];
  readonly bonusRaw: number;
  readonly longestAbsenceDays: number;
}

/**
 * Why a member's grade or score is what it is, as data: the wording is in
 * src/messages/reasons.ts, so the core chooses no words and the numbers stay checkable.
 */
export type Reason =
  /** A pledge was handed in after the deadline and 承诺迟交扣分 applied. */
  | { readonly code: "late_pledge"; readonly deduction: number }
  /** No data for a component, and 缺项处理 counts it as 0. */
  | { readonly code: "component_zero"; readonly component: ComponentKey }
  /** No data for a component, and 缺项处理 spreads its weight over the others. */
  | { readonly code: "component_spread"; readonly component: ComponentKey }
  | { readonly code: "bonus_capped"; readonly sum: number; readonly cap: number }
  // The 优秀 gates (GATES in rules.ts).
  | { readonly code: "gate_sanction" }
  | { readonly code: "gate_absence"; readonly count: number; readonly limit: number }
  | { readonly code: "gate_no_pledge" }
  | { readonly code: "gate_pledge_returned"; readonly count: number }
  | { readonly code: "gate_pledge_undone"; readonly pledges: number; readonly undone: number }
  // The 优秀 cap.
  | { readonly code: "cap_tie"; readonly total: number; readonly cap: number }
  | { readonly code: "cap_over"; readonly cap: number }
  /** 支委会评定 with its 调整理由 as she wrote it. */
  | { readonly code: "override"; readonly grade: Grade; readonly reason: string }
  | { readonly code: "probationary" }
  /** 不参评, with 不参评原因 as she wrote it ("" when blank). */
  | { readonly code: "excluded"; readonly reason: string };

export type ReasonCode = Reason["code"];

/**
 * A point for the 支委会 (FLAGS in rules.ts), as data. Shares are fractions (0.75), the limits
 * are the settings' percentages and days as entered; src/messages/reasons.ts words them.
 */
export type Flag =
  | { readonly code: "flag_mass"; readonly share: number; readonly min: number }
  | { readonly code: "flag_peer"; readonly share: number; readonly max: number }
  | { readonly code: "flag_absence"; readonly days: number; readonly limit: number };

export type FlagCode = Flag["code"];

export interface MemberResult {
  readonly member: Member;
  readonly scored: boolean;
  readonly graded: boolean;
  /** null = missing component (or not scored). */
  readonly components: Readonly<Record<ComponentKey, number | null>>;
  readonly bonus: number | null;
  readonly total: number | null;
  readonly rank: number | null;
  readonly suggested: FinalGrade;
  readonly final: FinalGrade;
  /** What the 支委会 is asked to look at (综合评定's 提醒 column). */
  readonly flags: readonly Flag[];
  /** Why the grade is what it is (综合评定's 说明 column), in the order they arose. */
  readonly reasons: readonly Reason[];
  readonly facts: MemberFacts | null;
}

export type NominationCategory = "支部表彰" | "所级推荐";

export interface Nomination {
  readonly order: number;
  readonly memberId: string;
  readonly name: string;
  readonly total: number;
  readonly pledge: number;
  readonly category: NominationCategory;
  /** What the 推荐理由 is built from (worded in src/messages/nominations.ts). */
  readonly basis: NominationBasis;
}

/**
 * The member's own numbers behind a 推荐理由, so that what goes up to the 所党委 can be
 * checked against the workbook line by line. With the nomination's total and pledge.
 */
export interface NominationBasis {
  /** 上半年 is said as 上半年, 年终 as 全年. */
  readonly period: Period;
  /**
   * Only the facts the sentence quotes: a nomination is compared whole (same input in any row
   * order, same nomination), and facts such as bonusRaw are sums whose last bits follow the
   * row order. null when the member has no facts (never for a nominee).
   */
  readonly facts: NominationFacts | null;
  readonly rank: number | null;
}

export type NominationFacts = Pick<
  MemberFacts,
  "sessions" | "present" | "late" | "makeUp" | "outputCounts" | "pledgeCount" | "pledgesDone" | "peerExcellentShare" | "massSatisfiedShare" | "awards"
>;

export interface AppraisalSummary {
  readonly members: number;
  readonly scored: number;
  readonly graded: number;
  readonly probationary: number;
  readonly excluded: number;
  readonly perGrade: Readonly<Record<FinalGrade, number>>;
  readonly excellentCap: number | null;
  readonly branchNominees: number;
  readonly instituteNominees: number;
}

export interface AppraisalResult {
  readonly settings: Settings;
  readonly members: readonly MemberResult[];
  readonly nominations: readonly Nomination[];
  readonly issues: readonly Issue[];
  readonly summary: AppraisalSummary;
}
