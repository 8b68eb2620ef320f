/** 评议打分 → VoteRow[]: one row per member and 考评期, vote counts only. */
import { a1 } from "../../core/address";
import { issue, voteCountHigh } from "../../core/issues";
import { GRADES, type Grade, MASS_LEVELS, PERIODS, type Period, type VoteRow } from "../../core/types";
import { cellText } from "../cells";
import { type ColumnKey, VOTES_SHEET } from "../layout";
import { INVALID } from "../values";
import { cellOf, type OpenSheet, repeatsHeader, type RowReader } from "./header";
import { blockRowHasData, PERIOD_ALIASES, type VoteBlock, voteBlocks } from "./voteblocks";
import { MemberSheetParser } from "./roster";

export class VoteParser extends MemberSheetParser {
  parseVotes(): VoteRow[] {
    const s = this.open(VOTES_SHEET, "提示");
    if (!s) return [];
    const out: VoteRow[] = [];
    const seen = new Map<string, string>();
    // 互评 votes come from the other 参评 members: more votes than them is a typing slip.
    const participants = this.members.filter((m) => m.participating).length;
    const current = this.settings.period;
    for (const { sheet, rows, period: blank } of this.views(s)) {
      const peerCols = GRADES.map((g) => sheet.header.cols.get(`peer_${g}`)).filter((c): c is number => c !== undefined);
      for (const row of rows) {
        const mark = this.issueMark(s);
        const { period, vote } = this.voteRow(sheet, row, seen, participants, peerCols, blank);
        // A row of the other 考评期 touches nothing of this result.
        if (period !== null && period !== current) this.outsideSince(s, mark, period);
        if (vote !== null) out.push(vote);
      }
    }
    this.close(s);
    return out;
  }

  /**
   * The sheet as one table (the template's layout: a blank 期次 is the current period), or as
   * blocks side by side (voteblocks.ts: a blank 期次 is the block's period). A block whose
   * period nothing says is not read, and one 错误 names the blocks' header cells.
   */
  private views(s: OpenSheet<VoteKey>): { sheet: OpenSheet<VoteKey>; rows: Iterable<RowReader<VoteKey>>; period: Period }[] {
    const blocks = voteBlocks(s.grid, s.header, s.def, "period", (k) => k.startsWith("peer_") || k.startsWith("mass_"));
    if (blocks === null) return [{ sheet: s, rows: this.rows(s), period: this.settings.period }];
    const unknown = blocks.filter((b) => !b.known);
    if (unknown.length > 0) {
      this.issues.push(issue("vote_blocks_period_unknown", "错误", s.name, (unknown[0] as VoteBlock<VoteKey>).cell, { cells: blocks.map((b) => b.cell).join("、"), unread: unknown.map((b) => b.cell).join("、"), blocks: blocks.length }));
    }
    return blocks
      .filter((b) => b.known)
      .map((b) => {
        const sheet: OpenSheet<VoteKey> = { ...s, header: { ...s.header, cols: b.cols }, keyCols: b.keyCols };
        // A block whose 期次 column names both periods has a 期次 on every row: its blank
        // fallback is never used.
        return { sheet, rows: blockRows(sheet), period: b.period ?? this.settings.period };
      });
  }

  private voteRow(
    s: OpenSheet<ColumnKey<typeof VOTES_SHEET>>,
    row: RowReader<ColumnKey<typeof VOTES_SHEET>>,
    seen: Map<string, string>,
    participants: number,
    peerCols: readonly number[],
    blank: Period,
  ): { period: Period | null; vote: VoteRow | null } {
    const r = s.reader;
    const h = (k: ColumnKey<typeof VOTES_SHEET>): string => this.header(s, k);
    {
      const p = r.instead(["not_in_list"], () =>
        r.list<Period>(row.get("period"), row.addr("period"), h("period"), PERIODS, PERIOD_ALIASES),
      );
      if (p === INVALID) {
        this.issues.push(issue("period_invalid", "错误", s.name, row.addr("period"), { value: cellText(row.get("period")) }));
        return { period: null, vote: null };
      }
      const period = p ?? blank;
      const m = this.resolve(s, row);
      if (!m) return { period, vote: null };
      const key = `${period}|${m.id}`;
      const dup = seen.get(key);
      if (dup !== undefined) {
        this.issues.push(issue("row_duplicate", "错误", s.name, row.addr("id"), { key: `${period} ${m.id} ${m.name}`, first: dup }));
        return { period, vote: null };
      }
      seen.set(key, row.addr("id"));
      const peer = Object.fromEntries(GRADES.map((g) => [g, r.count(row.get(`peer_${g}`), row.addr(`peer_${g}`), h(`peer_${g}`))])) as Record<Grade, number>;
      // Only a scored member's votes are used, so only theirs are checked.
      const peerTotal = GRADES.reduce((n, g) => n + peer[g], 0);
      const voters = participants - 1;
      if (this.options.checkVoteTotals === true && m.participating && peerTotal > voters && peerCols.length > 0) {
        this.issues.push(voteCountHigh(s.name, a1(row.r, Math.min(...peerCols)), m.name, peerTotal, voters));
      }
      const mass = Object.fromEntries(MASS_LEVELS.map((l) => [l, r.count(row.get(`mass_${l}`), row.addr(`mass_${l}`), h(`mass_${l}`))])) as VoteRow["mass"];
      const self = r.list(row.get("selfGrade"), row.addr("selfGrade"), h("selfGrade"), GRADES);
      let override = r.list(row.get("override"), row.addr("override"), h("override"), GRADES);
      const overrideReason = r.text(row.get("overrideReason"), row.addr("overrideReason"), h("overrideReason"));
      if (typeof override === "string" && overrideReason === "") {
        this.issues.push(issue("override_without_reason", "错误", s.name, row.addr("override"), { name: m.name, grade: override, reasonCell: s.header.cols.has("overrideReason") ? row.addr("overrideReason") : "调整理由" }));
        override = null;
      }
      const vote: VoteRow = {
        period,
        memberId: m.id,
        selfGrade: typeof self === "string" ? self : null,
        peer,
        mass,
        override: typeof override === "string" ? override : null,
        overrideReason,
        ref: { sheet: s.name, cell: row.addr("id") },
        overrideRef: { sheet: s.name, cell: a1(row.r, s.header.cols.get("override") ?? s.header.cols.get("id") ?? 0) },
      };
      return { period, vote };
    }
  }
}

type VoteKey = ColumnKey<typeof VOTES_SHEET>;

/** A block's rows: those with anything in the block's own columns, header repeats skipped. */
function* blockRows(s: OpenSheet<VoteKey>): Generator<RowReader<VoteKey>> {
  for (let r = s.header.row + 1; r < s.grid.length; r++) {
    if (!blockRowHasData(s.grid, r, s.header.cols) || repeatsHeader(s, s.grid[r])) continue;
    yield {
      r,
      get: (key) => cellOf(s.grid, r, s.header.cols.get(key)),
      addr: (key) => a1(r, s.header.cols.get(key) ?? 0),
    };
  }
}
