/**
 * Cell grids → AppraisalInput + issues. Columns are found by header text in the first 15
 * rows, so reordered columns, extra columns and title rows above the header all work. Nothing
 * here throws on user data: every problem becomes an Issue and the rest is still read.
 */
import { type Day, formatDay, inWindow, ymdOf, yearWindow } from "../core/dates";
import { type Issue, issue } from "../core/issues";
import type { Ratio } from "../core/numbers";
import {
  DEFAULT_SETTINGS,
  pledgeDeadline,
  SETTING_DEFS,
  type SettingDef,
  type Settings,
  settingValueText,
} from "../core/settings";
import {
  type Activity,
  type AppraisalInput,
  type AttendanceRow,
  COMPLETIONS,
  GRADES,
  type Grade,
  type Mark,
  MARKS,
  type MarkCell,
  MASS_LEVELS,
  type Member,
  MEMBER_CATEGORIES,
  PERIODS,
  type Period,
  type Pledge,
  REVIEWS,
  type Session,
  type VoteRow,
} from "../core/types";
import { a1, type CellValue, cellText, foldFullWidth, type Grid, headerKey, isBlank, isCellError, normalizeSpaces } from "./cells";
import {
  ACTIVITY_SHEET,
  ATTENDANCE_SHEET,
  type ColumnDef,
  INPUT_SHEETS,
  PLEDGE_SHEET,
  ROSTER_SHEET,
  SETTINGS_SHEET,
  type SheetDef,
  VOTES_SHEET,
} from "./layout";
import { CellReader, INVALID, parseDatePrefix, parseDateValue } from "./values";

export interface SheetGrid {
  readonly name: string;
  readonly grid: Grid;
}

export interface ParseOptions {
  /** The year to assume when 考评年度 is missing and no date in the workbook names one. */
  readonly fallbackYear: number;
  /** Overrides 考评期 from the sheet (the CLI's --period, the task pane's selector). */
  readonly period?: Period;
  /**
   * Compare each member's 互评 vote total with the number of other 参评 members
   * (vote_count_high). runEngine turns it on; it is off by default only because the parser's
   * unit-test workbook (test/workbook/grid.ts) gives 12 votes in a 3-member branch.
   */
  readonly checkVoteTotals?: boolean;
}

export interface ParseResult {
  readonly input: AppraisalInput;
  readonly issues: Issue[];
  /** Which input sheets were found, under which actual name. */
  readonly sheetNames: Readonly<Record<string, string | null>>;
}

export const HEADER_SEARCH_ROWS = 15;

/** Find an input sheet by its name or an alias, compared without spaces or width. */
export function findSheet(sheets: readonly SheetGrid[], def: SheetDef): SheetGrid | undefined {
  const names = [def.name, ...(def.aliases ?? [])].map(headerKey);
  for (const n of names) {
    const hit = sheets.find((s) => headerKey(s.name) === n);
    if (hit) return hit;
  }
  return undefined;
}

interface HeaderMatch {
  /** 0-based index of the header row. */
  readonly row: number;
  /** Column key → 0-based column index. */
  readonly cols: ReadonlyMap<string, number>;
  /** Header cells that are not layout columns. */
  readonly others: readonly { readonly col: number; readonly value: CellValue }[];
}

const MARK_SET: ReadonlyMap<string, Mark> = new Map(MARKS.map((m) => [m, m]));

/** Each column's header and aliases as header keys, computed once per column definition. */
const COLUMN_KEYS = new WeakMap<ColumnDef, ReadonlySet<string>>();

function columnKeys(def: ColumnDef): ReadonlySet<string> {
  let keys = COLUMN_KEYS.get(def);
  if (!keys) {
    keys = new Set([def.header, ...(def.aliases ?? [])].map(headerKey));
    COLUMN_KEYS.set(def, keys);
  }
  return keys;
}

function columnMatches(def: ColumnDef, key: string): boolean {
  return columnKeys(def).has(key);
}

export function findHeader(grid: Grid, def: SheetDef): HeaderMatch | null {
  const keyDefs = def.keyHeaders.map((h) => def.columns.find((c) => c.header === h) as ColumnDef);
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid[r] ?? [];
    const keys = row.map((v) => (typeof v === "string" ? headerKey(v) : ""));
    if (!keyDefs.every((kd) => keys.some((k) => k !== "" && columnMatches(kd, k)))) continue;
    const cols = new Map<string, number>();
    const others: { col: number; value: CellValue }[] = [];
    row.forEach((v, c) => {
      const k = typeof v === "string" ? headerKey(v) : "";
      const col = k === "" ? undefined : def.columns.find((cd) => columnMatches(cd, k));
      if (col && !cols.has(col.key)) cols.set(col.key, c);
      else if (!isBlank(v)) others.push({ col: c, value: v });
    });
    return { row: r, cols, others };
  }
  return null;
}

const cellOf = (grid: Grid, r: number, c: number | undefined): CellValue =>
  c === undefined ? null : ((grid[r] ?? [])[c] ?? null);

function rowIsBlank(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((v) => isBlank(v));
}

/**
 * A row that says the key headers again (编号 | 姓名 …: two lists pasted one under the other)
 * is a header, not a member called 姓名.
 */
function repeatsHeader(s: OpenSheet, row: readonly CellValue[] | undefined): boolean {
  if (!row) return false;
  for (const k of s.keyCols) {
    const v = row[k.col];
    if (typeof v !== "string" || !k.keys.has(headerKey(v))) return false;
  }
  return true;
}

/** A sheet's data rows with the header found, or the issues that say why not. */
interface OpenSheet {
  readonly def: SheetDef;
  readonly name: string;
  readonly grid: Grid;
  readonly header: HeaderMatch;
  readonly reader: CellReader;
  /** The key headers' columns and the header keys each accepts (see repeatsHeader). */
  readonly keyCols: readonly { readonly col: number; readonly keys: ReadonlySet<string> }[];
}

class Parser {
  readonly issues: Issue[] = [];
  readonly sheetNames: Record<string, string | null> = {};
  settings: Settings = { ...DEFAULT_SETTINGS };
  members: Member[] = [];
  private byId = new Map<string, Member>();
  private byName = new Map<string, Member | null>();

  constructor(
    private readonly sheets: readonly SheetGrid[],
    private readonly options: ParseOptions,
  ) {}

  private open(def: SheetDef, missingLevel: "错误" | "提示"): OpenSheet | null {
    const sheet = findSheet(this.sheets, def);
    this.sheetNames[def.name] = sheet ? sheet.name : null;
    if (!sheet) {
      this.issues.push(issue("sheet_missing", missingLevel, def.name, "", { sheet: def.name }));
      return null;
    }
    const header = findHeader(sheet.grid, def);
    if (!header) {
      if (sheet.grid.some((row) => !rowIsBlank(row))) {
        this.issues.push(issue("header_not_found", "错误", sheet.name, "A1", { sheet: sheet.name, headers: def.keyHeaders, rows: HEADER_SEARCH_ROWS }));
      }
      return null;
    }
    for (const col of def.columns) {
      if (col.required && !header.cols.has(col.key)) {
        this.issues.push(issue("column_missing", "错误", sheet.name, a1(header.row, 0), { column: col.header, sheet: sheet.name }));
      }
    }
    const keyCols = def.keyHeaders.map((h) => {
      const col = def.columns.find((c) => c.header === h) as ColumnDef;
      return { col: header.cols.get(col.key) ?? -1, keys: columnKeys(col) };
    });
    return { def, name: sheet.name, grid: sheet.grid, header, reader: new CellReader(sheet.name), keyCols };
  }

  private close(s: OpenSheet): void {
    this.issues.push(...s.reader.issues);
  }

  /** Each non-blank data row with a getter for its cells by column key. */
  private *rows(s: OpenSheet): Generator<{ r: number; get: (key: string) => CellValue; addr: (key: string) => string }> {
    for (let r = s.header.row + 1; r < s.grid.length; r++) {
      const row = s.grid[r];
      if (rowIsBlank(row) || repeatsHeader(s, row)) continue;
      yield {
        r,
        get: (key) => cellOf(s.grid, r, s.header.cols.get(key)),
        addr: (key) => a1(r, s.header.cols.get(key) ?? 0),
      };
    }
  }

  private header(s: OpenSheet, key: string): string {
    return s.def.columns.find((c) => c.key === key)?.header ?? key;
  }

  // ---------------------------------------------------------------- 参数设置
  parseSettings(): void {
    const s = this.open(SETTINGS_SHEET, "提示");
    const seen = new Map<string, string>();
    /** Setting key → its 值 cell, for the cross-checks (the 值 column may be anywhere). */
    const valueCells = new Map<string, string>();
    /** Date settings wait until 考评年度 is known (9月14日 means that year's, whatever the row order). */
    const deferred: (() => void)[] = [];
    let yearGiven = false;
    const settings: Settings = { ...DEFAULT_SETTINGS };
    if (s) {
      for (const row of this.rows(s)) {
        const label = normalizeSpaces(cellText(row.get("key")));
        if (label === "") continue;
        const def = SETTING_DEFS.find((d) => [d.label, ...(d.aliases ?? [])].some((l) => headerKey(l) === headerKey(label)));
        if (!def) {
          this.issues.push(issue("setting_unknown", "提示", s.name, row.addr("key"), { label }));
          continue;
        }
        const first = seen.get(def.key);
        if (first !== undefined) {
          this.issues.push(issue("row_duplicate", "错误", s.name, row.addr("key"), { key: def.label, first }));
          continue;
        }
        seen.set(def.key, row.addr("key"));
        valueCells.set(def.key, row.addr("value"));
        const v = row.get("value");
        const cell = row.addr("value");
        if (def.key === "year") {
          if (isBlank(v)) continue; // a blank 考评年度 is a missing one: inferred below
          yearGiven = true;
        }
        if (def.kind.type === "date") deferred.push(() => this.readSetting(def, v, s.name, cell, settings));
        else this.readSetting(def, v, s.name, cell, settings);
      }
      const missing = SETTING_DEFS.filter((d) => !seen.has(d.key) && d.key !== "year");
      if (missing.length > 0) {
        this.issues.push(issue("setting_missing", "提示", s.name, "", { labels: missing.map((d) => d.label).join("、"), count: missing.length }));
      }
      this.crossCheck(settings, s.name, valueCells);
    }
    if (!yearGiven) {
      settings.year = this.inferYear();
      this.issues.push(issue("year_inferred", "提示", SETTINGS_SHEET.name, "", { year: settings.year }));
    }
    for (const read of deferred) read();
    if (this.options.period) settings.period = this.options.period;
    this.settings = settings;
    this.sheetNames[SETTINGS_SHEET.name] ??= null;
  }

  private readSetting(def: SettingDef, v: CellValue, sheet: string, cell: string, out: Settings): void {
    const bad = (): void => {
      this.issues.push(issue("setting_invalid", "错误", sheet, cell, { label: def.label, value: cellText(v), default: String(settingValueText(def, DEFAULT_SETTINGS)) }));
    };
    const k = def.kind;
    if (isBlank(v)) {
      if (k.type === "text" || k.type === "date") return; // blank = the default (e.g. 9月14日)
      this.issues.push(issue("setting_missing", "提示", sheet, cell, { labels: def.label, count: 1 }));
      return;
    }
    const text = normalizeSpaces(foldFullWidth(cellText(v))).replace(/\s+/g, "");
    const assign = <K extends keyof Settings>(key: K, value: Settings[K]): void => {
      out[key] = value;
    };
    switch (k.type) {
      case "text":
        assign(def.key as "branchName", cellText(v));
        return;
      case "number":
      case "percent": {
        let n: number | null = null;
        if (typeof v === "number") n = k.type === "percent" && v > 0 && v < 1 ? Math.round(v * 1e6) / 1e4 : v;
        else if (/^[+-]?\d+(\.\d+)?%?$/.test(text)) n = Number(text.replace("%", ""));
        if (n === null || !Number.isFinite(n) || (k.type === "number" && k.integer === true && !Number.isInteger(n))) return bad();
        if (n < k.min || n > k.max) {
          this.issues.push(issue("setting_out_of_range", "错误", sheet, cell, { label: def.label, value: cellText(v), min: k.min, max: k.max, default: String(settingValueText(def, DEFAULT_SETTINGS)) }));
          return;
        }
        assign(def.key as "bonusCap", n);
        return;
      }
      case "ratio": {
        if (k.allowNone && /^(不定比例|不限|无|不限制)$/.test(text)) {
          assign("excellentCap", null);
          return;
        }
        const r = parseRatio(v, text);
        if (r === null) return bad();
        if (r.num < 0 || r.num > r.den) {
          this.issues.push(issue("setting_out_of_range", "错误", sheet, cell, { label: def.label, value: cellText(v), min: "0%", max: "100%", default: String(settingValueText(def, DEFAULT_SETTINGS)) }));
          return;
        }
        assign(def.key as "instituteRatio", r);
        return;
      }
      case "bool": {
        const yes = ["是", "开", "启用", "true", "TRUE", "1", "Y", "y", "√"];
        const no = ["否", "关", "停用", "false", "FALSE", "0", "N", "n", "×"];
        if (v === true || yes.includes(text)) assign(def.key as "gateSanction", true);
        else if (v === false || no.includes(text)) assign(def.key as "gateSanction", false);
        else bad();
        return;
      }
      case "date": {
        const day = parseDateValue(v, out.year);
        if (day === null) return bad();
        assign("pledgeDeadline", day);
        return;
      }
      case "enum": {
        const hit = k.values.find((x) => x.label === text || x.value === text);
        if (!hit) return bad();
        assign(def.key as "missingComponent", hit.value as Settings["missingComponent"]);
        return;
      }
    }
  }

  private crossCheck(s: Settings, sheet: string, valueCells: ReadonlyMap<string, string>): void {
    const sum = Math.round((s.weightStudy + s.weightPledge + s.weightPeer + s.weightMass) * 1e6) / 1e6;
    if (sum !== 100) {
      const cell = valueCells.get("weightStudy") ?? valueCells.get("weightPledge") ?? "";
      this.issues.push(issue("weights_sum", "错误", sheet, cell, { sum, weights: `${s.weightStudy}/${s.weightPledge}/${s.weightPeer}/${s.weightMass}` }));
      s.weightStudy = DEFAULT_SETTINGS.weightStudy;
      s.weightPledge = DEFAULT_SETTINGS.weightPledge;
      s.weightPeer = DEFAULT_SETTINGS.weightPeer;
      s.weightMass = DEFAULT_SETTINGS.weightMass;
    }
    if (!(s.thresholdExcellent > s.thresholdQualified && s.thresholdQualified > s.thresholdBasic)) {
      const cell = valueCells.get("thresholdExcellent") ?? "";
      this.issues.push(issue("thresholds_order", "错误", sheet, cell, { values: `${s.thresholdExcellent}/${s.thresholdQualified}/${s.thresholdBasic}` }));
      s.thresholdExcellent = DEFAULT_SETTINGS.thresholdExcellent;
      s.thresholdQualified = DEFAULT_SETTINGS.thresholdQualified;
      s.thresholdBasic = DEFAULT_SETTINGS.thresholdBasic;
    }
  }

  /** 考评年度 when the sheet does not say: the year most dates in the workbook fall in. */
  private inferYear(): number {
    const votes = new Map<number, number>();
    const add = (day: Day | null): void => {
      if (day === null) return;
      const y = ymdOf(day).y;
      if (y >= 1990 && y <= 2100) votes.set(y, (votes.get(y) ?? 0) + 1);
    };
    const att = findSheet(this.sheets, ATTENDANCE_SHEET);
    const h = att ? findHeader(att.grid, ATTENDANCE_SHEET) : null;
    if (att && h) {
      for (const o of h.others) {
        if (o.value instanceof Date) add(parseDateValue(o.value, 0));
        else if (typeof o.value === "string") {
          const p = parseDatePrefix(o.value, 2000);
          if (p && !p.yearless) add(p.day);
        }
      }
    }
    let best = this.options.fallbackYear;
    let bestCount = 0;
    for (const [y, c] of votes) if (c > bestCount || (c === bestCount && y > best)) [best, bestCount] = [y, c];
    return best;
  }

  // ---------------------------------------------------------------- 党员名册
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
    const h = (k: string): string => this.header(s, k);
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
      const joinDate = r.date(row.get("joinDate"), row.addr("joinDate"), h("joinDate"), this.settings.year);
      const member: Member = {
        id,
        name,
        gender: r.text(row.get("gender"), row.addr("gender"), h("gender")),
        birth: r.yearMonth(row.get("birth"), row.addr("birth"), h("birth"), this.settings.year),
        category,
        group: r.text(row.get("group"), row.addr("group"), h("group")),
        joinDate: joinDate === INVALID ? null : joinDate,
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

  /** The roster member a row of another sheet is about, or null (with the issue said). */
  private resolve(s: OpenSheet, row: { get: (k: string) => CellValue; addr: (k: string) => string }): Member | null {
    // No roster (missing, blank, header not found): one issue already says so; matching every
    // row against nothing would bury it under hundreds of unknown_member errors.
    if (this.byId.size === 0) return null;
    const id = s.reader.id(row.get("id"), row.addr("id"), "编号");
    const name = s.reader.text(row.get("name"), row.addr("name"), "姓名");
    if (id !== "") {
      const m = this.byId.get(id);
      if (!m) {
        this.issues.push(issue("unknown_member", "错误", s.name, row.addr("id"), { id, name }));
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

  // ---------------------------------------------------------------- 个人承诺
  parsePledges(): Pledge[] {
    const s = this.open(PLEDGE_SHEET, "提示");
    if (!s) return [];
    const out: Pledge[] = [];
    const r = s.reader;
    const h = (k: string): string => this.header(s, k);
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

  // ---------------------------------------------------------------- 学习考勤
  parseAttendance(): { sessions: Session[]; attendance: AttendanceRow[] } {
    const s = this.open(ATTENDANCE_SHEET, "提示");
    if (!s) return { sessions: [], attendance: [] };
    const year = this.settings.year;
    const columns: { col: number; session: Session }[] = [];
    for (const o of s.header.others) {
      const cell = a1(s.header.row, o.col);
      const title = cellText(o.value);
      let day: Day | null = null;
      let rest = "";
      if (o.value instanceof Date) {
        day = parseDateValue(o.value, year);
      } else if (typeof o.value === "string") {
        const p = parseDatePrefix(o.value, year);
        if (p && p.day === null) {
          this.issues.push(issue("date_invalid", "错误", s.name, cell, { value: title, column: "场次标题" }));
          continue;
        }
        if (p) {
          day = p.day;
          rest = p.rest;
        }
      }
      if (day === null) {
        this.issues.push(issue("column_ignored", "提示", s.name, cell, { header: title }));
        continue;
      }
      if (ymdOf(day).y !== year) {
        this.issues.push(issue("session_outside_year", "提示", s.name, cell, { header: title, year }));
        continue;
      }
      columns.push({ col: o.col, session: { date: day, title: rest || formatDay(day), ref: { sheet: s.name, cell } } });
    }

    // A column nobody has a mark in is a session not held yet (planned ahead): not counted.
    const dataRows: number[] = [];
    for (let r = s.header.row + 1; r < s.grid.length; r++) if (!rowIsBlank(s.grid[r]) && !repeatsHeader(s, s.grid[r])) dataRows.push(r);
    const held = columns.filter((c) => {
      const any = dataRows.some((r) => !isBlank(cellOf(s.grid, r, c.col)));
      if (!any && dataRows.length > 0) this.issues.push(issue("session_column_empty", "提示", s.name, c.session.ref.cell, { header: cellText(cellOf(s.grid, s.header.row, c.col)) }));
      return any;
    });

    const attendance: AttendanceRow[] = [];
    const seen = new Map<string, string>();
    for (const row of this.rows(s)) {
      const m = this.resolve(s, row);
      if (!m) continue;
      const dup = seen.get(m.id);
      if (dup !== undefined) {
        this.issues.push(issue("row_duplicate", "错误", s.name, row.addr("id"), { key: `${m.id} ${m.name}`, first: dup }));
        continue;
      }
      seen.set(m.id, row.addr("id"));
      const blanks: string[] = [];
      const marks: MarkCell[] = held.map((c) => {
        const v = cellOf(s.grid, row.r, c.col);
        // Nearly every cell is a mark typed as listed: one lookup, no cleaning, no address.
        if (typeof v === "string") {
          const exact = MARK_SET.get(v);
          if (exact !== undefined) return exact;
        }
        const cell = a1(row.r, c.col);
        if (isBlank(v)) {
          blanks.push(cell);
          return "blank";
        }
        if (isCellError(v)) {
          this.issues.push(issue("formula_error", "错误", s.name, cell, { value: v.error, column: cellText(cellOf(s.grid, s.header.row, c.col)) }));
          return "invalid";
        }
        const t = normalizeSpaces(foldFullWidth(cellText(v))).replace(/\s+/g, "");
        const mark = MARK_SET.get(t);
        if (mark !== undefined) return mark;
        this.issues.push(issue("mark_invalid", "错误", s.name, cell, { value: cellText(v), name: m.name }));
        return "invalid";
      });
      if (blanks.length > 0 && m.participating) {
        this.issues.push(issue("mark_blank", "提示", s.name, blanks[0] as string, { name: m.name, count: blanks.length, cells: blanks.slice(0, 5).join("、") + (blanks.length > 5 ? "…" : "") }));
      }
      attendance.push({ memberId: m.id, marks, ref: { sheet: s.name, cell: row.addr("name") } });
    }
    if (held.length > 0) {
      for (const m of this.members) {
        if (m.participating && !seen.has(m.id)) {
          this.issues.push(issue("attendance_missing_member", "提示", s.name, "", { id: m.id, name: m.name }));
        }
      }
    }
    this.close(s);
    return { sessions: held.map((c) => c.session), attendance };
  }

  // ---------------------------------------------------------------- 活动记录
  parseActivities(): Activity[] {
    const s = this.open(ACTIVITY_SHEET, "提示");
    if (!s) return [];
    const out: Activity[] = [];
    const r = s.reader;
    const h = (k: string): string => this.header(s, k);
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

  // ---------------------------------------------------------------- 评议打分
  parseVotes(): VoteRow[] {
    const s = this.open(VOTES_SHEET, "提示");
    if (!s) return [];
    const out: VoteRow[] = [];
    const r = s.reader;
    const h = (k: string): string => this.header(s, k);
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

function parseRatio(v: CellValue, text: string): Ratio | null {
  if (typeof v === "number") {
    if (v > 0 && v <= 1) return { num: Math.round(v * 1e6), den: 1e6 };
    if (v > 1 && v <= 100) return decimalPercent(v);
    return v === 0 ? { num: 0, den: 1 } : null;
  }
  const frac = /^(\d+)\/(\d+)$/.exec(text);
  if (frac && Number(frac[2]) > 0) return { num: Number(frac[1]), den: Number(frac[2]) };
  const per = /^(\d+(\.\d+)?)%$/.exec(text);
  if (per) return decimalPercent(Number(per[1]));
  if (/^\d+(\.\d+)?$/.test(text)) return parseRatio(Number(text), "");
  return null;
}

function decimalPercent(p: number): Ratio {
  // 33.3% → 333/1000, kept exact so ⌊ratio × n⌋ needs no floating point.
  const decimals = (String(p).split(".")[1] ?? "").length;
  const scale = 10 ** decimals;
  return { num: Math.round(p * scale), den: 100 * scale };
}

/** Parse a whole workbook. Never throws on user data. */
export function parseWorkbook(sheets: readonly SheetGrid[], options: ParseOptions): ParseResult {
  const p = new Parser(sheets, options);
  p.parseSettings();
  p.parseRoster();
  const pledges = p.parsePledges();
  const { sessions, attendance } = p.parseAttendance();
  const activities = p.parseActivities();
  const votes = p.parseVotes();
  return {
    input: { settings: p.settings, members: p.members, pledges, sessions, attendance, activities, votes },
    issues: p.issues,
    sheetNames: p.sheetNames,
  };
}

/** The order sheets are listed in the 问题清单. */
export const SHEET_ORDER: readonly string[] = INPUT_SHEETS.map((d) => d.name);
