/** 个人承诺 → Pledge[]: one row per pledge of a roster member. */
import { formatDay, inWindow, yearWindow } from "../../core/dates";
import { issue } from "../../core/issues";
import { pledgeDeadline } from "../../core/settings";
import { COMPLETIONS, type Pledge, REVIEWS } from "../../core/types";
import { cellText } from "../cells";
import { type ColumnKey, PLEDGE_SHEET } from "../layout";
import { INVALID } from "../values";
import { MemberSheetParser } from "./roster";

export class PledgeParser extends MemberSheetParser {
  parsePledges(): Pledge[] {
    const s = this.open(PLEDGE_SHEET, "提示");
    if (!s) return [];
    const out: Pledge[] = [];
    const r = s.reader;
    const h = (k: ColumnKey<typeof PLEDGE_SHEET>): string => this.header(s, k);
    const deadline = pledgeDeadline(this.settings);
    const year = yearWindow(this.settings.year);
    for (const row of this.rows(s)) {
      const m = this.resolve(s, row);
      if (!m) continue;
      let weight = r.instead(["not_a_number"], () => r.number(row.get("weight"), row.addr("weight"), h("weight")));
      if (weight === INVALID || (weight !== null && weight < 0)) {
        this.issues.push(issue("weight_invalid", "错误", s.name, row.addr("weight"), { value: cellText(row.get("weight")) }));
        weight = 1;
      }
      let score = r.number(row.get("score"), row.addr("score"), h("score"));
      if (score === INVALID) score = null;
      else if (score !== null && (score < 0 || score > 100)) {
        this.issues.push(issue("score_out_of_range", "错误", s.name, row.addr("score"), { value: score }));
        score = null;
      }
      const completion = r.list(row.get("completion"), row.addr("completion"), h("completion"), COMPLETIONS);
      if (completion === null && score === null) {
        this.issues.push(issue("completion_blank", "提示", s.name, row.addr("completion"), { name: m.name }));
      }
      const review = r.list(row.get("review"), row.addr("review"), h("review"), REVIEWS);
      const submitted = r.date(row.get("submitted"), row.addr("submitted"), h("submitted"), this.settings.year);
      if (typeof submitted === "number") {
        if (!inWindow(submitted, year)) {
          this.issues.push(issue("date_outside_year", "提示", s.name, row.addr("submitted"), { date: formatDay(submitted), year: this.settings.year, column: h("submitted") }));
        }
        if (submitted > deadline) {
          this.issues.push(issue("pledge_late", "提示", s.name, row.addr("submitted"), { name: m.name, date: formatDay(submitted), deadline: formatDay(deadline) }));
        }
      }
      out.push({
        memberId: m.id,
        type: r.text(row.get("type"), row.addr("type"), h("type")),
        content: r.text(row.get("content"), row.addr("content"), h("content")),
        weight: weight ?? 1,
        submitted: typeof submitted === "number" ? submitted : null,
        review: review === INVALID ? null : review,
        completion: completion === INVALID ? null : completion,
        score,
        ref: { sheet: s.name, cell: row.addr("id") },
        submittedRef: { sheet: s.name, cell: row.addr("submitted") },
      });
    }
    this.close(s);
    return out;
  }
}

