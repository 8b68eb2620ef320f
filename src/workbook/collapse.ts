/**
 * One cause, one message (docs/scoring.md): the parser says what it finds row by row, and one
 * mistake can be found in many rows. Before 问题清单 is sorted, this gathers what one cause
 * produced into one row:
 *
 * - every row that names the same unknown 编号 is one unknown_member listing their places; when
 *   the rows' 姓名 is exactly one roster member's, it suggests that member's 编号, and the
 *   member's hints those rows explain (no 学习考勤 row, no pledge, no votes) are folded in;
 * - every vote row of a sheet with more 互评 votes than voters is one vote_count_high;
 * - when most sessions are outside 考评年度, or most rows name an unknown 编号, one leading
 *   row (likely_wrong_year, likely_wrong_roster) names the likely cause.
 *
 * Nothing is dropped: every issue gathered is named by the row it went into (its place, its
 * cell, or its member), and the property tests count them (test/properties). Pure: issues and
 * the parsed input in, issues out, in the order given (sortIssues orders them after).
 */
import { type Issue, issue, type UnknownFollow } from "../core/issues";
import type { AppraisalInput, Member } from "../core/types";
import { ATTENDANCE_SHEET, PLEDGE_SHEET, ROSTER_SHEET, SETTINGS_SHEET, VOTES_SHEET } from "./layout";

/** Which input sheet is under which name (ParseResult.sheetNames). */
export type SheetNames = Readonly<Record<string, string | null>>;

/** How many unknown 编号 a likely_wrong_roster row names, and roster 编号 beside them. */
const IDS_SHOWN = 3;

export function collapseIssues(issues: readonly Issue[], input: AppraisalInput, sheetNames: SheetNames): Issue[] {
  const named = (def: { readonly name: string }): string => sheetNames[def.name] ?? def.name;
  const gathered = gatherVoteCounts(gatherUnknown(issues, input.members, named), named);
  return [...likelyCauses(issues, input, named), ...gathered];
}

type UnknownIssue = Issue<"unknown_member">;
type Named = (def: { readonly name: string }) => string;

const where = (i: Issue): string => `${i.sheet}!${i.cell}`;

/**
 * What the gathering looks up, indexed once: a roster of thousands and as many unknown 编号 (a
 * wrong roster) must not make it quadratic.
 */
interface Index {
  readonly membersByName: ReadonlyMap<string, readonly Member[]>;
  /** 党员名册 rows ignored for a blank 编号, by their 姓名 (id_blank). */
  readonly blankRosterRows: ReadonlyMap<string, readonly Issue[]>;
  /** The hints about one member that an unknown 编号's rows can explain, by the member's 姓名. */
  readonly hintsByName: ReadonlyMap<string, readonly Issue[]>;
}

function indexOf(issues: readonly Issue[], members: readonly Member[], rosterSheet: string): Index {
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const membersByName = new Map<string, Member[]>();
  for (const m of members) push(membersByName, m.name, m);
  const blankRosterRows = new Map<string, Issue[]>();
  const hintsByName = new Map<string, Issue[]>();
  for (const i of issues) {
    if (i.code === "id_blank" && i.sheet === rosterSheet) push(blankRosterRows, i.params.name, i);
    else if (i.code === "attendance_missing_member" || i.code === "pledge_none" || i.code === "flag_absence") push(hintsByName, i.params.name, i);
    else if (i.code === "component_missing" && i.params.who !== null) push(hintsByName, i.params.who, i);
  }
  return { membersByName, blankRosterRows, hintsByName };
}

/** Rows naming the same unknown 编号 → one issue at the first; its member's hints folded in. */
function gatherUnknown(issues: readonly Issue[], members: readonly Member[], named: Named): Issue[] {
  const groups = new Map<string, UnknownIssue[]>();
  for (const i of issues) {
    if (i.code !== "unknown_member") continue;
    const g = groups.get(i.params.id);
    if (g) g.push(i);
    else groups.set(i.params.id, [i]);
  }
  if (groups.size === 0) return [...issues];

  const index = indexOf(issues, members, named(ROSTER_SHEET));
  const merged = new Map<string, { issue: UnknownIssue; member: Member | undefined }>();
  for (const [id, rows] of groups) merged.set(id, mergeUnknown(id, rows, index));

  // A member's hint is folded into a group only when that group alone explains it.
  const claims = new Map<Issue, { id: string; follow: UnknownFollow }[]>();
  for (const [id, rows] of groups) {
    const m = merged.get(id)?.member;
    if (!m) continue;
    for (const c of consequences(m, rows, index.hintsByName.get(m.name) ?? [], named)) {
      const list = claims.get(c.issue) ?? [];
      list.push({ id, follow: c.follow });
      claims.set(c.issue, list);
    }
  }
  const folded = new Set<Issue>();
  const follows = new Map<string, UnknownFollow[]>();
  for (const [hint, by] of claims) {
    const only = by.length === 1 ? by[0] : undefined;
    if (!only) continue;
    folded.add(hint);
    follows.set(only.id, [...(follows.get(only.id) ?? []), only.follow]);
  }

  const out: Issue[] = [];
  for (const i of issues) {
    if (folded.has(i)) continue;
    if (i.code !== "unknown_member") {
      out.push(i);
      continue;
    }
    if (groups.get(i.params.id)?.[0] !== i) continue;
    const g = (merged.get(i.params.id) as { issue: UnknownIssue }).issue;
    const f = follows.get(i.params.id) ?? [];
    out.push(f.length === 0 ? g : { ...g, params: { ...g.params, follows: FOLLOW_ORDER.filter((x) => f.includes(x)) } });
  }
  return out;
}

const FOLLOW_ORDER: readonly UnknownFollow[] = ["attendance", "absence", "pledges", "peer", "mass"];

function mergeUnknown(id: string, rows: readonly UnknownIssue[], index: Index): { issue: UnknownIssue; member: Member | undefined } {
  const first = rows[0] as UnknownIssue;
  const names = [...new Set(rows.map((r) => r.params.name).filter((n) => n !== ""))];
  const name = names.length === 1 ? (names[0] as string) : first.params.name;
  // A suggestion only when every row that gives a 姓名 gives the same, and one member has it.
  const sameName = names.length === 1 ? (index.membersByName.get(name) ?? []) : [];
  const member = sameName.length === 1 ? sameName[0] : undefined;
  // No such member, but a roster row of that name was ignored for its blank 编号: point there.
  const blankRows = names.length === 1 && !member ? (index.blankRosterRows.get(name) ?? []) : [];
  const rosterRow = blankRows.length === 1 ? where(blankRows[0] as Issue) : null;
  // 错误 when any row is of this 考评期; 提示 "outside" only when every row is of the other.
  const current = rows.find((r) => r.outside === undefined);
  const merged: UnknownIssue = issue("unknown_member", (current ?? first).level, first.sheet, first.cell, {
    id,
    name,
    places: rows.map(where),
    rosterId: member ? member.id : null,
    rosterName: member ? member.name : null,
    rosterRow,
    follows: [],
  });
  return { issue: !current && first.outside !== undefined ? { ...merged, outside: first.outside } : merged, member };
}

/**
 * The member's hints that rows under a wrong 编号 explain with certainty: the member has no
 * row of that sheet at all (the hint says so) and the group has one there. Votes count only
 * from a row of this 考评期, and only when the member has no vote row of it (the hint is then
 * at the member's roster cell). The absence flag goes with the 学习考勤 row it is made from.
 */
function consequences(m: Member, rows: readonly UnknownIssue[], hints: readonly Issue[], named: Named): { issue: Issue; follow: UnknownFollow }[] {
  const inSheet = (sheet: string, current = false): boolean => rows.some((r) => r.sheet === sheet && (!current || r.outside === undefined));
  const atMember = (i: Issue): boolean => i.sheet === m.ref.sheet && i.cell === m.ref.cell;
  const out: { issue: Issue; follow: UnknownFollow }[] = [];
  for (const i of hints) {
    if (i.code === "attendance_missing_member" && i.params.id === m.id && inSheet(named(ATTENDANCE_SHEET))) out.push({ issue: i, follow: "attendance" });
    if (i.code === "pledge_none" && atMember(i) && inSheet(named(PLEDGE_SHEET))) out.push({ issue: i, follow: "pledges" });
    if (i.code === "component_missing" && atMember(i) && (i.params.component === "peer" || i.params.component === "mass") && inSheet(named(VOTES_SHEET), true)) {
      out.push({ issue: i, follow: i.params.component });
    }
  }
  if (out.some((c) => c.follow === "attendance")) {
    for (const i of hints) if (i.code === "flag_absence" && atMember(i)) out.push({ issue: i, follow: "absence" });
  }
  return out;
}

/** Every vote_count_high of one sheet → one issue at the first, naming each member. */
function gatherVoteCounts(issues: readonly Issue[], named: Named): Issue[] {
  const bySheet = new Map<string, Issue<"vote_count_high">[]>();
  for (const i of issues) {
    if (i.code !== "vote_count_high") continue;
    bySheet.set(i.sheet, [...(bySheet.get(i.sheet) ?? []), i]);
  }
  if (bySheet.size === 0) return [...issues];
  // Roster rows ignored (blank or repeated 编号) leave their member out of the voters: say so
  // when that could be all of it (no count above the voters by more than those rows).
  const rosterSheet = named(ROSTER_SHEET);
  const ignored = issues.filter((i) => (i.code === "id_blank" || i.code === "id_duplicate") && i.sheet === rosterSheet).map(where);
  const out: Issue[] = [];
  for (const i of issues) {
    if (i.code !== "vote_count_high") {
      out.push(i);
      continue;
    }
    const rows = bySheet.get(i.sheet) as Issue<"vote_count_high">[];
    if (rows[0] !== i) continue;
    const voters = i.params.voters;
    const counts = rows.flatMap((r) => r.params.counts);
    const explained = ignored.length > 0 && counts.every((c) => c <= voters + ignored.length);
    out.push({
      ...i,
      params: {
        names: rows.flatMap((r) => r.params.names),
        counts,
        cells: rows.flatMap((r) => r.params.cells),
        voters,
        rosterRows: explained ? ignored : [],
      },
    });
  }
  return out;
}

/** The leading rows: 考评年度 likely wrong; the roster likely the wrong one. */
function likelyCauses(issues: readonly Issue[], input: AppraisalInput, named: Named): Issue[] {
  const out: Issue[] = [];
  const outside = issues.filter((i): i is Issue<"session_outside_year"> => i.code === "session_outside_year");
  // Sessions of the year: those counted, and those not held yet (a column nobody has a mark in).
  const inYear = input.sessions.length + issues.filter((i) => i.code === "session_column_empty").length;
  if (outside.length > inYear) {
    const years = outside.map((i) => i.params.found);
    const found = mostCommon(years);
    out.push(
      issue("likely_wrong_year", "提示", named(SETTINGS_SHEET), "", {
        year: input.settings.year,
        found,
        foundCount: years.filter((y) => y === found).length,
        outside: outside.length,
        sessions: outside.length + inYear,
        inferred: issues.some((i) => i.code === "year_inferred"),
      }),
    );
  }
  const unknown = issues.filter((i): i is UnknownIssue => i.code === "unknown_member");
  const ids = [...new Set(unknown.map((i) => i.params.id))];
  // Rows matched to a member, of every sheet that names one (both 考评期 of 评议打分).
  const matched = input.pledges.length + input.attendance.length + input.activities.length + input.votes.length;
  // One mistyped 编号, however many rows, is not a wrong roster: at least two must be unknown.
  if (ids.length >= 2 && unknown.length > matched) {
    out.push(
      issue("likely_wrong_roster", "提示", named(ROSTER_SHEET), "", {
        unknown: unknown.length,
        rows: unknown.length + matched,
        ids: ids.slice(0, IDS_SHOWN),
        idCount: ids.length,
        rosterIds: input.members.slice(0, IDS_SHOWN).map((m) => m.id),
      }),
    );
  }
  return out;
}

/** The most frequent value; of equally frequent ones, the first met. */
function mostCommon(xs: readonly number[]): number {
  const n = new Map<number, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  let best = xs[0] ?? 0;
  for (const [x, c] of n) if (c > (n.get(best) ?? 0)) best = x;
  return best;
}
