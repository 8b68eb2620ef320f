/**
 * 互评计票 / 群众计票 → each member's vote counts from the ballots, one row per ballot and one
 * column per member (headed `编号 姓名`, or only the 编号, or only the 姓名). A blank cell is an
 * abstention; a completely blank row is no ballot. The counts then stand in for 评议打分's,
 * exactly as if she had typed them there (mergeTallies); 评议打分 keeps the 自评 and the
 * 支委会评定. Nothing here names a voter: a ballot is a row, and only its 票号 says which paper it was.
 */
import { a1 } from "../../core/address";
import { type Issue, issue } from "../../core/issues";
import { excellentCapCount, onBallot } from "../../core/rules";
import { BALLOT_MARKS, type BallotKind, type Member, type Period, type VoteRow } from "../../core/types";
import { cellText, type CellValue, headerKey, isBlank } from "../cells";
import { TALLY_SHEETS } from "../layout";
import { findSheet, HEADER_SEARCH_ROWS, rowIsBlank, summaryRowsIssue, summaryText } from "./header";
import { MemberSheetParser } from "./roster";
import { PERIOD_CELL } from "./voteblocks";


/** One member's column: the counts per mark (BALLOT_MARKS order), blanks, and marks not counted. */
export interface MemberTally {
  readonly member: Member;
  /** The column's header cell (A1). */
  readonly cell: string;
  readonly counts: number[];
  abstained: number;
  invalid: number;
}

/** What one 计票 sheet holds for the period computed. */
export interface KindTally {
  readonly kind: BallotKind;
  /** The sheet's actual name. */
  readonly sheet: string;
  /** The setting 互评发出票数 / 群众发出票数; null: not set. */
  readonly issued: number | null;
  /** Ballots (rows) of the period typed in. */
  readonly returned: number;
  /** Ballots void one by one (more 优秀 than the cap, when 超比例选票 is 作废). */
  readonly voided: number;
  /** false: more ballots than were issued — the round is void and none of it is used. */
  readonly used: boolean;
  /** The members' columns, in the sheet's order. */
  readonly members: readonly MemberTally[];
}

export interface BallotTallies {
  readonly period: Period;
  readonly peer: KindTally | null;
  readonly mass: KindTally | null;
}

/** 期次 and 票号 columns; 序号 and notes are read past. */
const PERIOD_HEADERS = new Set(["期次", "考评期", "考评期次"].map(headerKey));
const NUMBER_HEADERS = new Set(["票号", "票号码", "选票编号"].map(headerKey));
const OTHER_HEADERS = new Set(["序号", "备注", "说明", "核对"].map(headerKey));
/** "王建国（预备党员）": the ballot's own marking of a 预备党员 is not part of the name. */
const PROBATIONARY_SUFFIX = /[(（]\s*预备党员\s*[)）]\s*$/;

type HeaderCell = { readonly kind: "period" | "number" | "other" } | { readonly kind: "member"; readonly member: Member } | { readonly kind: "unknown"; readonly rosterName: string | null };

export class TallyParser extends MemberSheetParser {
  /** Both 计票 sheets, for the period computed (null: the sheet is missing or holds nothing). */
  parseTallies(): BallotTallies {
    return { period: this.settings.period, peer: this.parseKind("peer"), mass: this.parseKind("mass") };
  }

  private parseKind(kind: BallotKind): KindTally | null {
    const def = TALLY_SHEETS[kind];
    const sheet = findSheet(this.sheets, def);
    this.sheetNames[def.name] = sheet ? sheet.name : null;
    if (!sheet || sheet.grid.every((row) => rowIsBlank(row))) return null;
    const grid = sheet.grid;
    const name = sheet.name;
    const keys = this.memberKeys();
    const headerRow = this.findHeaderRow(grid, keys);
    if (headerRow === null) {
      if (this.byId.size > 0) this.issues.push(issue("header_not_found", "错误", name, "A1", { sheet: name, headers: ["期次", "票号", "编号 姓名"], rows: HEADER_SEARCH_ROWS }));
      return null;
    }

    // The columns: 期次, 票号, and one per member; a header naming nobody is an 错误 at it.
    let periodCol: number | null = null;
    const columns: { col: number; tally: MemberTally }[] = [];
    const firstOf = new Map<string, string>();
    (grid[headerRow] ?? []).forEach((v, col) => {
      if (isBlank(v)) return;
      const h = classify(v, keys);
      const cell = a1(headerRow, col);
      if (h.kind === "period") periodCol ??= col;
      else if (h.kind === "unknown") this.issues.push(issue("ballot_header_unknown", "错误", name, cell, { header: cellText(v), rosterName: h.rosterName }));
      else if (h.kind === "member") {
        const first = firstOf.get(h.member.id);
        if (first !== undefined) {
          this.issues.push(issue("ballot_column_duplicate", "错误", name, cell, { header: cellText(v), name: h.member.name, first }));
          return;
        }
        firstOf.set(h.member.id, cell);
        columns.push({ col, tally: { member: h.member, cell, counts: [0, 0, 0, 0], abstained: 0, invalid: 0 } });
      }
    });

    const marks = BALLOT_MARKS[kind];
    const markIndex = new Map(marks.map((m, i) => [headerKey(m), i]));
    const cap = kind === "peer" ? excellentCapCount(this.settings, this.members) : null;
    const voidOverCap = this.settings.overCapBallot === "void";
    const current = this.settings.period;
    const overCap: { cell: string; count: number }[] = [];
    const summaries: { cell: string; label: string }[] = [];
    const headerKeys = (grid[headerRow] ?? []).map((v) => (typeof v === "string" ? headerKey(v) : ""));
    let returned = 0;
    let voided = 0;
    let firstOver: string | null = null;
    const issued = kind === "peer" ? this.settings.peerBallotsIssued : this.settings.massBallotsIssued;

    for (let r = headerRow + 1; r < grid.length; r++) {
      const row = grid[r];
      if (rowIsBlank(row) || repeatsTallyHeader(row, headerKeys)) continue;
      const first = (row ?? []).findIndex((v) => !isBlank(v));
      const label = summaryText((row ?? [])[first]);
      if (label !== null) {
        summaries.push({ cell: a1(r, first), label });
        continue;
      }
      const mark = this.issues.length;
      let period: Period = current;
      if (periodCol !== null) {
        const p = readPeriod((row ?? [])[periodCol]);
        if (p === "invalid") {
          this.issues.push(issue("period_invalid", "错误", name, a1(r, periodCol), { value: cellText((row ?? [])[periodCol]) }));
          continue;
        }
        period = p ?? current;
      }
      // One ballot: each member's mark, or a blank (abstention), or a mark not in the list.
      const read: { tally: MemberTally; index: number | null }[] = [];
      for (const { col, tally } of columns) {
        const v = (row ?? [])[col];
        if (isBlank(v)) {
          read.push({ tally, index: null });
          continue;
        }
        const index = typeof v === "string" ? markIndex.get(headerKey(v)) : undefined;
        if (index === undefined) {
          this.issues.push(issue("ballot_mark_invalid", "错误", name, a1(r, col), { value: cellText(v), name: tally.member.name, kind }));
          read.push({ tally, index: -1 });
        } else read.push({ tally, index });
      }
      if (period !== current) {
        // A ballot of the other period: checked, not counted; its 错误 do not touch this result.
        this.outsideFrom(this.issues, mark, period);
        continue;
      }
      returned += 1;
      if (issued !== null && returned === issued + 1) firstOver = a1(r, first);
      // A 预备党员 is on the ballot for reference only: the 优秀 cap counts the graded members.
      const excellent = cap === null ? 0 : read.filter((x) => x.index === 0 && x.tally.member.category === "正式党员").length;
      if (cap !== null && excellent > cap) {
        overCap.push({ cell: `${name}!${a1(r, first)}`, count: excellent });
        if (voidOverCap) {
          voided += 1;
          continue;
        }
      }
      for (const { tally, index } of read) {
        if (index === null) tally.abstained += 1;
        else if (index < 0) tally.invalid += 1;
        else tally.counts[index] = (tally.counts[index] ?? 0) + 1;
      }
    }

    if (summaries.length > 0) this.issues.push(summaryRowsIssue(name, summaries));
    if (overCap.length > 0 && cap !== null) {
      const at = overCap[0]?.cell ?? "";
      this.issues.push(issue("ballots_over_cap", "提示", name, at.slice(at.lastIndexOf("!") + 1), { cells: overCap.map((x) => x.cell), counts: overCap.map((x) => x.count), cap, void: voidOverCap }));
    }
    let used = true;
    if (issued !== null && returned > issued) {
      used = false;
      this.issues.push(issue("ballots_over_issued", "错误", name, firstOver ?? a1(headerRow, 0), { kind, returned, issued }));
    } else if (kind === "peer" && this.members.length > 0 && returned > this.members.length) {
      this.issues.push(issue("ballots_over_roster", "错误", name, a1(headerRow, 0), { returned, members: this.members.length }));
    }
    if (returned > 0) {
      const on = new Set(columns.map((c) => c.tally.member.id));
      const missing = this.members.filter((m) => onBallot(this.settings, m) && !on.has(m.id));
      if (missing.length > 0) {
        const lastCol = Math.max(0, ...(grid[headerRow] ?? []).map((v, c) => (isBlank(v) ? 0 : c)));
        this.issues.push(issue("ballot_members_missing", "提示", name, a1(headerRow, lastCol), { names: missing.map((m) => m.name), kind }));
      }
    }
    return { kind, sheet: name, issued, returned, voided, used, members: columns.map((c) => c.tally) };
  }

  /** The row among the first HEADER_SEARCH_ROWS that heads the ballots: it has 期次 or 票号, or names members. */
  private findHeaderRow(grid: readonly (readonly CellValue[])[], keys: MemberKeys): number | null {
    const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
    let best: { row: number; members: number } | null = null;
    for (let r = 0; r < limit; r++) {
      const cells = (grid[r] ?? []).filter((v) => !isBlank(v)).map((v) => classify(v, keys));
      if (cells.some((h) => h.kind === "period" || h.kind === "number")) return r;
      const members = cells.filter((h) => h.kind === "member").length;
      // A title above the header names nobody; the header names most of the roster.
      if (members >= 2 && members * 2 >= cells.length && (best === null || members > best.members)) best = { row: r, members };
    }
    return best?.row ?? null;
  }

  private memberKeys(): MemberKeys {
    const byId = new Map<string, Member>();
    const byName = new Map<string, Member | null>();
    const byIdName = new Map<string, Member>();
    for (const m of this.members) {
      const id = headerKey(m.id);
      byId.set(id, m);
      if (m.name !== "") {
        const n = headerKey(m.name);
        byName.set(n, byName.has(n) ? null : m);
        byIdName.set(id + n, m);
      }
    }
    return { byId, byName, byIdName };
  }
}

interface MemberKeys {
  readonly byId: ReadonlyMap<string, Member>;
  readonly byName: ReadonlyMap<string, Member | null>;
  readonly byIdName: ReadonlyMap<string, Member>;
}

/** What a header cell of a 计票 sheet is. */
function classify(v: CellValue, keys: MemberKeys): HeaderCell {
  const raw = typeof v === "number" ? String(v) : typeof v === "string" ? v : cellText(v);
  const key = headerKey(raw);
  if (PERIOD_HEADERS.has(key)) return { kind: "period" };
  if (NUMBER_HEADERS.has(key)) return { kind: "number" };
  if (OTHER_HEADERS.has(key)) return { kind: "other" };
  const text = raw.replace(PROBATIONARY_SUFFIX, "");
  const k = headerKey(text);
  const hit = keys.byIdName.get(k) ?? keys.byId.get(k) ?? keys.byName.get(k);
  if (hit) return { kind: "member", member: hit };
  // "G01 李四" where G01 is 王建国: which member the column means cannot be told.
  const tokens = text.trim().split(/[\s\u3000]+/);
  const byIdOnly = tokens.length >= 2 ? keys.byId.get(headerKey(tokens[0] ?? "")) : undefined;
  return { kind: "unknown", rosterName: byIdOnly ? byIdOnly.name : null };
}

/** 期次: blank → null (the period computed), one of PERIODS or an alias, else "invalid". */
function readPeriod(v: CellValue | undefined): Period | null | "invalid" {
  if (isBlank(v)) return null;
  return PERIOD_CELL.get(headerKey(cellText(v))) ?? "invalid";
}

/** A row that says the header again (two lists pasted one under the other). */
function repeatsTallyHeader(row: readonly CellValue[] | undefined, headerKeys: readonly string[]): boolean {
  if (!row) return false;
  let same = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== "string" || headerKey(v) !== headerKeys[c]) return false;
    same += 1;
  }
  return same >= 2;
}

/**
 * 评议打分's vote rows with the ballots' counts in: for each member with a column in a 计票 sheet
 * that holds ballots of the period (and whose round is not void), that kind's counts are the
 * ballots'. Where 评议打分 already holds counts of that kind and they differ, an 错误 names both
 * places and the ballots' count is used. A member with ballots and no 评议打分 row gets a row of
 * their own (no 自评, no 支委会评定).
 */
export function mergeTallies(votes: readonly VoteRow[], tallies: BallotTallies, issues: Issue[]): VoteRow[] {
  const out = [...votes];
  const index = new Map<string, number>();
  out.forEach((v, i) => {
    if (v.period === tallies.period && !index.has(v.memberId)) index.set(v.memberId, i);
  });
  for (const t of [tallies.peer, tallies.mass]) {
    if (t === null || !t.used || t.returned === 0) continue;
    for (const m of t.members) {
      const at = index.get(m.member.id);
      const typed = at === undefined ? null : (out[at] as VoteRow);
      const marks = BALLOT_MARKS[t.kind];
      const typedOfKind: Readonly<Record<string, number>> | null = typed === null ? null : t.kind === "peer" ? typed.peer : typed.mass;
      const typedCounts = typedOfKind === null ? null : marks.map((mk) => typedOfKind[mk] ?? 0);
      if (typed !== null && typedCounts !== null && typedCounts.some((n) => n > 0) && typedCounts.some((n, i) => n !== m.counts[i])) {
        issues.push(issue("ballot_tally_conflict", "错误", typed.ref.sheet, typed.ref.cell, { name: m.member.name, kind: t.kind, ballots: [...m.counts], typed: typedCounts, tallySheet: t.sheet, tallyCell: m.cell }));
      }
      const counts = Object.fromEntries(marks.map((mk, i) => [mk, m.counts[i] ?? 0]));
      const base: VoteRow =
        typed ??
        ({
          period: tallies.period,
          memberId: m.member.id,
          selfGrade: null,
          peer: { 优秀: 0, 合格: 0, 基本合格: 0, 不合格: 0 },
          mass: { 满意: 0, 比较满意: 0, 基本满意: 0, 不满意: 0 },
          override: null,
          overrideReason: "",
          ref: { sheet: t.sheet, cell: m.cell },
          overrideRef: { sheet: t.sheet, cell: m.cell },
        } satisfies VoteRow);
      const next: VoteRow = t.kind === "peer" ? { ...base, peer: counts as VoteRow["peer"] } : { ...base, mass: counts as VoteRow["mass"] };
      if (at === undefined) {
        index.set(m.member.id, out.length);
        out.push(next);
      } else out[at] = next;
    }
  }
  return out;
}
