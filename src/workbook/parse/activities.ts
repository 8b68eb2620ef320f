/** 活动记录 → Activity[]: one row per activity of a roster member. */
import { type Day, firstHalfWindow, formatDay, inWindow, type PeriodWindow, yearWindow } from "../../core/dates";
import { issue } from "../../core/issues";
import type { Activity } from "../../core/types";
import { normalizeSpaces } from "../cells";
import { ACTIVITY_SHEET, type ColumnKey } from "../layout";
import { INVALID, parseDatePrefix, parseDateValue } from "../values";
import type { OpenSheet, RowReader } from "./header";
import { MemberSheetParser } from "./roster";

export class ActivityParser extends MemberSheetParser {
  parseActivities(): Activity[] {
    const s = this.open(ACTIVITY_SHEET, "提示");
    if (!s) return [];
    const out: Activity[] = [];
    const h = (k: ColumnKey<typeof ACTIVITY_SHEET>): string => this.header(s, k);
    const year = yearWindow(this.settings.year);
    // Computing 上半年, a row dated after June counts only at 年终: its 错误 (the row's own and
    // its cells') become 提示 that say so (docs/scoring.md, "Draft or final").
    const half = this.settings.period === "上半年" ? firstHalfWindow(this.settings.year) : null;
    for (const row of this.rows(s)) {
      const mark = this.issueMark(s);
      const out0 = out.length;
      this.activityRow(s, row, out, year, h);
      const added = out[out0];
      const date = added ? added.date : this.dayOf(row);
      if (half !== null && date !== null && inWindow(date, year) && !inWindow(date, half)) this.outsideSince(s, mark, "年终");
    }
    this.close(s);
    return out;
  }

  private activityRow(
    s: OpenSheet<ColumnKey<typeof ACTIVITY_SHEET>>,
    row: RowReader<ColumnKey<typeof ACTIVITY_SHEET>>,
    out: Activity[],
    year: PeriodWindow,
    h: (k: ColumnKey<typeof ACTIVITY_SHEET>) => string,
  ): void {
    const r = s.reader;
    const m = this.resolve(s, row);
    if (!m) return;
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

  /** The row's date when it reads as one, for a row that gave no activity (e.g. unknown 编号); no issue. */
  private dayOf(row: RowReader<ColumnKey<typeof ACTIVITY_SHEET>>): Day | null {
    const v = row.get("date");
    if (v instanceof Date) return parseDateValue(v, this.settings.year);
    if (typeof v === "string") return parseDatePrefix(v, this.settings.year)?.day ?? null;
    return null;
  }
}

