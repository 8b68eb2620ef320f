/** 评议打分 → VoteRow[]: one row per member and 考评期, vote counts only. */
import { a1 } from "../../core/address";
import { issue } from "../../core/issues";
import { GRADES, type Grade, MASS_LEVELS, PERIODS, type Period, type VoteRow } from "../../core/types";
import { cellText } from "../cells";
import { type ColumnKey, VOTES_SHEET } from "../layout";
import { INVALID } from "../values";
import { MemberSheetParser } from "./roster";

export class VoteParser extends MemberSheetParser {
  parseVotes(): VoteRow[] {
    const s = this.open(VOTES_SHEET, "提示");
    if (!s) return [];
    const out: VoteRow[] = [];
    const r = s.reader;
    const h = (k: ColumnKey<typeof VOTES_SHEET>): string => this.header(s, k);
    const seen = new Map<string, string>();
    // 互评 votes come from the other 参评 members: more votes than them is a typing slip.
    const participants = this.members.filter((m) => m.participating).length;
    const peerCols = GRADES.map((g) => s.header.cols.get(`peer_${g}`)).filter((c): c is number => c !== undefined);
    for (const row of this.rows(s)) {
      const p = r.instead(["not_in_list"], () =>
        r.list<Period>(row.get("period"), row.addr("period"), h("period"), PERIODS, { 上半年度: "上半年", 年底: "年终", 全年: "年终", 年度: "年终" }),
      );
      if (p === INVALID) {
        this.issues.push(issue("period_invalid", "错误", s.name, row.addr("period"), { value: cellText(row.get("period")) }));
        continue;
      }
      const period = p ?? this.settings.period;
      const m = this.resolve(s, row);
      if (!m) continue;
      const key = `${period}|${m.id}`;
      const dup = seen.get(key);
      if (dup !== undefined) {
        this.issues.push(issue("row_duplicate", "错误", s.name, row.addr("id"), { key: `${period} ${m.id} ${m.name}`, first: dup }));
        continue;
      }
      seen.set(key, row.addr("id"));
      const peer = Object.fromEntries(GRADES.map((g) => [g, r.count(row.get(`peer_${g}`), row.addr(`peer_${g}`), h(`peer_${g}`))])) as Record<Grade, number>;
      // Only a scored member's votes are used, so only theirs are checked.
      const peerTotal = GRADES.reduce((n, g) => n + peer[g], 0);
      const voters = participants - 1;
      if (this.options.checkVoteTotals === true && m.participating && peerTotal > voters && peerCols.length > 0) {
        this.issues.push(issue("vote_count_high", "提示", s.name, a1(row.r, Math.min(...peerCols)), { name: m.name, count: peerTotal, voters }));
      }
      const mass = Object.fromEntries(MASS_LEVELS.map((l) => [l, r.count(row.get(`mass_${l}`), row.addr(`mass_${l}`), h(`mass_${l}`))])) as VoteRow["mass"];
      const self = r.list(row.get("selfGrade"), row.addr("selfGrade"), h("selfGrade"), GRADES);
      let override = r.list(row.get("override"), row.addr("override"), h("override"), GRADES);
      const overrideReason = r.text(row.get("overrideReason"), row.addr("overrideReason"), h("overrideReason"));
      if (typeof override === "string" && overrideReason === "") {
        this.issues.push(issue("override_without_reason", "错误", s.name, row.addr("override"), { name: m.name, grade: override, reasonCell: s.header.cols.has("overrideReason") ? row.addr("overrideReason") : "调整理由" }));
        override = null;
      }
      out.push({
        period,
        memberId: m.id,
        selfGrade: typeof self === "string" ? self : null,
        peer,
        mass,
        override: typeof override === "string" ? override : null,
        overrideReason,
        ref: { sheet: s.name, cell: row.addr("id") },
        overrideRef: { sheet: s.name, cell: a1(row.r, s.header.cols.get("override") ?? s.header.cols.get("id") ?? 0) },
      });
    }
    this.close(s);
    return out;
  }
}

