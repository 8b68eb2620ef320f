/**
 * Builders for the core's plain model: each makes one record with defaults that stay out of
 * the way (a 参评 正式党员 with no sanction, a 通过 + 完成 pledge of weight 1, no votes …), so a
 * test case states only the fields its rule is about.
 */
import { appraise } from "../../src/core/appraise";
import { type Day, dayFromYMD } from "../../src/core/dates";
import { defaultSettings, type Settings } from "../../src/core/settings";
import { NO_MONTH } from "../../src/core/types";
import type {
  Activity,
  AppraisalInput,
  AppraisalResult,
  AttendanceRow,
  CellRef,
  MarkCell,
  MassVotes,
  Member,
  MemberResult,
  PeerVotes,
  Pledge,
  Session,
  VoteRow,
} from "../../src/core/types";

/** A day of the default 考评年度 2010 (or of another year). */
export function day(month: number, date: number, year = 2010): Day {
  return dayFromYMD(year, month, date);
}

function ref(sheet: string, cell = "A2"): CellRef {
  return { sheet, cell };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...over };
}

export function member(id: string, over: Partial<Member> = {}): Member {
  return {
    id,
    name: `党员${id}`,
    gender: "男",
    birth: NO_MONTH,
    category: "正式党员",
    group: "第一党小组",
    joinDate: NO_MONTH,
    post: "",
    participating: true,
    exclusionReason: "",
    sanctioned: false,
    note: "",
    ref: ref("党员名册", "B2"),
    ...over,
  };
}

export function pledge(memberId: string, over: Partial<Pledge> = {}): Pledge {
  return {
    memberId,
    type: "党员承诺",
    content: "按时参加组织生活",
    weight: 1,
    submitted: null,
    review: "通过",
    completion: "完成",
    score: null,
    ref: ref("个人承诺"),
    submittedRef: ref("个人承诺", "G2"),
    ...over,
  };
}

export function session(date: Day, title = "集中学习"): Session {
  return { date, title, ref: ref("学习考勤", "C1") };
}

export function attendance(memberId: string, marks: readonly MarkCell[]): AttendanceRow {
  return { memberId, marks, ref: ref("学习考勤") };
}

export function activity(memberId: string, category: string, date: Day | null, over: Partial<Activity> = {}): Activity {
  return { memberId, date, category, content: "", level: "", bonus: 0, ref: ref("活动记录"), ...over };
}

/** n activities of one category on one day. */
export function activities(memberId: string, category: string, n: number, date: Day = day(3, 1)): Activity[] {
  return Array.from({ length: n }, () => activity(memberId, category, date));
}

/** The 年终 quotas met exactly: 4 读书笔记, 2 心得体会, 1 建言献策 → study output 1. */
export function fullOutput(memberId: string, date: Day = day(3, 1)): Activity[] {
  return [
    ...activities(memberId, "读书笔记", 4, date),
    ...activities(memberId, "心得体会", 2, date),
    ...activities(memberId, "建言献策", 1, date),
  ];
}

const NO_PEER: PeerVotes = { 优秀: 0, 合格: 0, 基本合格: 0, 不合格: 0 };
const NO_MASS: MassVotes = { 满意: 0, 比较满意: 0, 基本满意: 0, 不满意: 0 };

export interface VoteSpec {
  readonly peer?: Partial<PeerVotes>;
  readonly mass?: Partial<MassVotes>;
  readonly period?: VoteRow["period"];
  readonly override?: VoteRow["override"];
  readonly overrideReason?: string;
}

export function vote(memberId: string, spec: VoteSpec = {}): VoteRow {
  return {
    period: spec.period ?? "年终",
    memberId,
    selfGrade: null,
    peer: { ...NO_PEER, ...spec.peer },
    mass: { ...NO_MASS, ...spec.mass },
    override: spec.override ?? null,
    overrideReason: spec.overrideReason ?? "",
    ref: ref("评议打分"),
    overrideRef: ref("评议打分", "M2"),
  };
}

/** The records of an input except the settings; parts are concatenated by `input`. */
export interface Parts {
  readonly members?: readonly Member[];
  readonly pledges?: readonly Pledge[];
  readonly sessions?: readonly Session[];
  readonly attendance?: readonly AttendanceRow[];
  readonly activities?: readonly Activity[];
  readonly votes?: readonly VoteRow[];
}

export function input(over: Partial<Settings>, ...parts: Parts[]): AppraisalInput {
  return {
    settings: settings(over),
    members: parts.flatMap((p) => p.members ?? []),
    pledges: parts.flatMap((p) => p.pledges ?? []),
    sessions: parts.flatMap((p) => p.sessions ?? []),
    attendance: parts.flatMap((p) => p.attendance ?? []),
    activities: parts.flatMap((p) => p.activities ?? []),
    votes: parts.flatMap((p) => p.votes ?? []),
  };
}

export function run(over: Partial<Settings>, ...parts: Parts[]): AppraisalResult {
  return appraise(input(over, ...parts));
}

/**
 * A member whose total is `total` in an input WITHOUT sessions: one 完成 pledge (100), 10 互评
 * 优秀 (100), 10 群众 满意 (100); 学习 is missing and its weight is spread, so the base is
 * (30×100 + 25×100 + 15×100) ÷ 70 = 100, and a 扣分 activity of (total − 100) brings it down
 * (the bonus has no lower bound).
 */
export function withTotal(id: string, total: number, over: Partial<Member> = {}): Parts {
  const deduction = total - 100;
  return {
    members: [member(id, over)],
    pledges: [pledge(id)],
    votes: [vote(id, { peer: { 优秀: 10 }, mass: { 满意: 10 } })],
    activities: deduction === 0 ? [] : [activity(id, "扣分", day(3, 1), { bonus: deduction })],
  };
}

export function result(r: AppraisalResult, id: string): MemberResult {
  const found = r.members.find((m) => m.member.id === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

export function finalsOf(r: AppraisalResult): Record<string, string> {
  return Object.fromEntries(r.members.map((m) => [m.member.id, m.final]));
}

export function suggestedOf(r: AppraisalResult): Record<string, string> {
  return Object.fromEntries(r.members.map((m) => [m.member.id, m.suggested]));
}

/** A small seeded generator, so a shuffled test fails the same way every run. */
export { seededRandom } from "../../src/workbook/random";

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = out[i] as T;
    out[i] = out[j] as T;
    out[j] = x;
  }
  return out;
}

/**
 * The same input with every array shuffled. Sessions are permuted together with every
 * attendance row's marks, since marks are aligned with sessions by position.
 */
export function shuffleInput(inp: AppraisalInput, random: () => number): AppraisalInput {
  const order = shuffled(
    inp.sessions.map((_, i) => i),
    random,
  );
  return {
    settings: inp.settings,
    members: shuffled(inp.members, random),
    pledges: shuffled(inp.pledges, random),
    sessions: order.map((i) => inp.sessions[i] as Session),
    attendance: shuffled(
      inp.attendance.map((row) => ({ ...row, marks: order.map((i): MarkCell => row.marks[i] ?? "blank") })),
      random,
    ),
    activities: shuffled(inp.activities, random),
    votes: shuffled(inp.votes, random),
  };
}
