/** 活动记录 → Activity[]: one row per activity of a roster member. */
import { formatDay, inWindow, yearWindow } from "../../core/dates";
import { issue } from "../../core/issues";
import type { Activity } from "../../core/types";
import { normalizeSpaces } from "../cells";
import { ACTIVITY_SHEET, type ColumnKey } from "../layout";
import { INVALID } from "../values";
import { MemberSheetParser } from "./roster";

export class ActivityParser extends MemberSheetParser {
  parseActivities(): Activity[] {
    const s = this.open(ACTIVITY_SHEET, "提示");
    if (!s) return [];
    const out: Activity[] = [];
    const r = s.reader;
    const h = (k: ColumnKey<typeof ACTIVITY_SHEET>): string => this.header(s, k);
    const year = yearWindow(this.settings.year);
    for (const row of this.rows(s)) {
      const m = this.resolve(s, row);
      if (!m) continue;
      let date = r.date(row.get("date"), row.addr("date"), h("date"), this.settings.year);
      if (date === null) {
        this.issues.push(issue("activity_no_date", "提示", s.name, row.addr("date"), { name: m.name }));
      } else if (date !== INVALID && !inWindow(date, year)) {
        this.issues.push(issue("date_outside_year", "错误", s.name, row.addr("date"), { date: formatDay(date), year: this.settings.year, column: h("date") }));
        date = INVALID;
      }
      const category = normalizeSpaces(r.text(row.get("category"), row.addr("category"), h("category")));
      if (category === "" && s.header.cols.has("category")) {
        this.issues.push(issue("category_blank", "提示", s.name, row.addr("category"), { name: m.name, column: "类别", assumed: "bonus_only" }));
      }
      const bonus = r.number(row.get("bonus"), row.addr("bonus"), h("bonus"));
      out.push({
        memberId: m.id,
        date: typeof date === "number" ? date : null,
        category,
        content: r.text(row.get("content"), row.addr("content"), h("content")),
        level: r.text(row.get("level"), row.addr("level"), h("level")),
        bonus: typeof bonus === "number" ? bonus : 0,
        ref: { sheet: s.name, cell: row.addr("id") },
      });
    }
    this.close(s);
    return out;
  }
}

