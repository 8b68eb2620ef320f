/**
 * Cell grids → AppraisalInput + issues, one parser per sheet (settings.ts, roster.ts,
 * pledges.ts, attendance.ts, activities.ts, votes.ts, tallies.ts), each a SheetParser (header.ts: finding
 * the sheet and its header, reading rows by column key) over one shared ParseContext. Nothing here throws on user data: every problem becomes an Issue and the rest is
 * still read.
 */
import type { Issue } from "../../core/issues";
import { DEFAULT_SETTINGS } from "../../core/settings";
import type { AppraisalInput } from "../../core/types";
import { INPUT_SHEETS, TALLY_SHEETS } from "../layout";
import { ActivityParser } from "./activities";
import { AttendanceParser } from "./attendance";
import type { ParseContext, ParseOptions, SheetGrid } from "./header";
import { PledgeParser } from "./pledges";
import { RosterParser } from "./roster";
import { SettingsParser } from "./settings";
import { type BallotTallies, mergeTallies, TallyParser } from "./tallies";
import { VoteParser } from "./votes";

export { findHeader, findSheet, HEADER_SEARCH_ROWS, type HeaderMatch, type ParseOptions, type RowReader, type SheetGrid } from "./header";

export interface ParseResult {
  readonly input: AppraisalInput;
  readonly issues: Issue[];
  /** Which input sheets were found, under which actual name. */
  readonly sheetNames: Readonly<Record<string, string | null>>;
  /** What the 计票 sheets hold for the period (their counts are already in input.votes). */
  readonly tallies: BallotTallies;
}

/** Parse a whole workbook. Never throws on user data. */
export function parseWorkbook(sheets: readonly SheetGrid[], options: ParseOptions): ParseResult {
  const ctx: ParseContext = {
    sheets,
    options,
    issues: [],
    sheetNames: {},
    settings: { ...DEFAULT_SETTINGS },
    members: [],
    byId: new Map(),
    byName: new Map(),
  };
  // In this order: later sheets need 考评年度 and the other settings, and match rows to the roster.
  new SettingsParser(ctx).parseSettings();
  new RosterParser(ctx).parseRoster();
  const pledges = new PledgeParser(ctx).parsePledges();
  const { sessions, attendance } = new AttendanceParser(ctx).parseAttendance();
  const activities = new ActivityParser(ctx).parseActivities();
  const typed = new VoteParser(ctx).parseVotes();
  // Ballots typed one by one stand in for 评议打分's counts (tallies.ts).
  const tallies = new TallyParser(ctx).parseTallies();
  const votes = mergeTallies(typed, tallies, ctx.issues);
  return {
    input: { settings: ctx.settings, members: ctx.members, pledges, sessions, attendance, activities, votes },
    issues: ctx.issues,
    sheetNames: ctx.sheetNames,
    tallies,
  };
}

/** The order sheets are listed in the 问题清单. */
export const SHEET_ORDER: readonly string[] = [...INPUT_SHEETS.map((d) => d.name), TALLY_SHEETS.peer.name, TALLY_SHEETS.mass.name];
