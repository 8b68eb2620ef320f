/**
 * 党员名册 → Member[], and resolveMember(): the roster member a row of another sheet is about.
 */
import { type Issue, issue, outsidePeriod, unknownMember } from "../../core/issues";
import { type Member, MEMBER_CATEGORIES, type Period } from "../../core/types";
import { a1 } from "../../core/address";
import { type ColumnKey, ROSTER_SHEET } from "../layout";
import { INVALID } from "../values";
import { findSheet, type OpenSheet, rowIsBlank, type RowReader, SheetParser } from "./header";

/** 党员名册: run second; it fills the members the other sheets match their rows to. */
export class RosterParser extends SheetParser {
  parseRoster(): void {
    const s = this.open(ROSTER_SHEET, "错误");
    if (!s) {
      // A roster sheet with nothing at all in it is an empty roster (open() says nothing then).
      const blank = findSheet(this.sheets, ROSTER_SHEET);
      if (blank && blank.grid.every((row) => rowIsBlank(row))) this.issues.push(issue("roster_empty", "错误", blank.name, "A1", {}));
      return;
    }
    const first = new Map<string, string>();
    const r = s.reader;
    const h = (k: ColumnKey<typeof ROSTER_SHEET>): string => this.header(s, k);
    for (const row of this.rows(s)) {
      const id = r.id(row.get("id"), row.addr("id"), h("id"));
      const name = r.text(row.get("name"), row.addr("name"), h("name"));
      if (id === "") {
        this.issues.push(issue("id_blank", "错误", s.name, row.addr("id"), { name }));
        continue;
      }
      const dup = first.get(id);
      if (dup !== undefined) {
        this.issues.push(issue("id_duplicate", "错误", s.name, row.addr("id"), { id, first: dup }));
        continue;
      }
      first.set(id, row.addr("id"));
      if (name === "") this.issues.push(issue("name_blank", "错误", s.name, row.addr("name"), { id }));

      let category = r.list(row.get("category"), row.addr("category"), h("category"), MEMBER_CATEGORIES, { 正式: "正式党员", 预备: "预备党员" });
      if (category === null) {
        if (s.header.cols.has("category")) this.issues.push(issue("category_blank", "提示", s.name, row.addr("category"), { name, column: "党员类别", assumed: "full_member" }));
        category = "正式党员";
      } else if (category === INVALID) category = "正式党员";

      const status = r.list(row.get("status"), row.addr("status"), h("status"), ["参评", "不参评"] as const, { 是: "参评", 否: "不参评" });
      const participating = status !== "不参评";
      const exclusionReason = r.text(row.get("exclusionReason"), row.addr("exclusionReason"), h("exclusionReason"));
      if (!participating && exclusionReason === "") {
        this.issues.push(issue("excluded_no_reason", "提示", s.name, row.addr(s.header.cols.has("exclusionReason") ? "exclusionReason" : "status"), { name }));
      }
      const sanction = r.list(row.get("sanctioned"), row.addr("sanctioned"), h("sanctioned"), ["无", "有"] as const, { 否: "无", 没有: "无", 是: "有" });
      const member: Member = {
        id,
        name,
        gender: r.text(row.get("gender"), row.addr("gender"), h("gender")),
        birth: r.monthCell(row.get("birth"), row.addr("birth"), h("birth")),
        category,
        group: r.text(row.get("group"), row.addr("group"), h("group")),
        joinDate: r.monthCell(row.get("joinDate"), row.addr("joinDate"), h("joinDate")),
        post: r.text(row.get("post"), row.addr("post"), h("post")),
        participating,
        exclusionReason,
        sanctioned: sanction === "有",
        note: r.text(row.get("note"), row.addr("note"), h("note")),
        ref: { sheet: s.name, cell: row.addr("name") },
      };
      this.members.push(member);
      this.byId.set(id, member);
      if (name !== "") this.byName.set(name, this.byName.has(name) ? null : member);
    }
    this.close(s);
    if (this.members.length === 0) this.issues.push(issue("roster_empty", "错误", s.name, a1(s.header.row + 1, 0), {}));
  }
}

/** The columns every sheet about members has: resolve() finds the member by them. */
type MemberKey = "id" | "name";

/** The base of the parsers of sheets whose rows are about a roster member. */
/** Where a sheet's two issue lists (the rows' own and the cell reader's) stood before a row was read. */
export interface IssueMark {
  readonly own: number;
  readonly cells: number;
}

export abstract class MemberSheetParser extends SheetParser {
  protected issueMark<K extends string>(s: OpenSheet<K>): IssueMark {
    return { own: this.issues.length, cells: s.reader.issues.length };
  }

  /**
   * The row read since `mark` belongs to `period`, not the one computed: its 错误 (the row's own
   * and its cells') become 提示 that say so and do not make this result a draft
   * (docs/scoring.md, "Draft or final").
   */
  protected outsideSince<K extends string>(s: OpenSheet<K>, mark: IssueMark, period: Period): void {
    this.outsideFrom(this.issues, mark.own, period);
    this.outsideFrom(s.reader.issues, mark.cells, period);
  }

  /** The issues of `list` from index `from` on belong to `period`, not the one computed (see outsideSince). */
  protected outsideFrom(list: Issue[], from: number, period: Period): void {
    for (let i = from; i < list.length; i++) list[i] = outsidePeriod(list[i] as Issue, period);
  }

  /** The roster member a row of another sheet is about, or null (with the issue said). */
  protected resolve<K extends string>(s: OpenSheet<K | MemberKey>, row: RowReader<K | MemberKey>): Member | null {
    // No roster (missing, blank, header not found): one issue already says so; matching every
    // row against nothing would bury it under hundreds of unknown_member errors.
    if (this.byId.size === 0) return null;
    const id = s.reader.id(row.get("id"), row.addr("id"), "编号");
    const name = s.reader.text(row.get("name"), row.addr("name"), "姓名");
    if (id !== "") {
      const m = this.byId.get(id);
      if (!m) {
        this.issues.push(unknownMember(s.name, row.addr("id"), id, name));
        return null;
      }
      if (name !== "" && name !== m.name && s.header.cols.has("name")) {
        this.issues.push(issue("name_mismatch", "提示", s.name, row.addr("name"), { id, name, rosterName: m.name }));
      }
      return m;
    }
    if (name === "") {
      this.issues.push(issue("id_blank", "错误", s.name, row.addr("id"), { name }));
      return null;
    }
    const m = this.byName.get(name);
    if (!m) {
      this.issues.push(issue("name_ambiguous", "错误", s.name, row.addr("id"), { name, reason: m === null ? "same_name" : "not_in_roster" }));
      return null;
    }
    return m;
  }
}
