/**
 * 参数设置 → Settings. Every row is matched to SETTING_DEFS by label or alias; an unknown,
 * repeated, invalid or out-of-range value is an issue and the default stands.
 */
import { type Day, ymdOf } from "../../core/dates";
import { issue } from "../../core/issues";
import type { Ratio } from "../../core/numbers";
import { DEFAULT_SETTINGS, SETTING_DEFS, type SettingDef, type Settings, settingValueText } from "../../core/settings";
import { type CellValue, cellText, foldFullWidth, headerKey, isBlank, normalizeSpaces } from "../cells";
import { ATTENDANCE_SHEET, SETTINGS_SHEET } from "../layout";
import { parseDatePrefix, parseDateValue } from "../values";
import { findHeader, findSheet, SheetParser } from "./header";

/** 参数设置: run first, as every other sheet reads the settings. */
export class SettingsParser extends SheetParser {
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
      if (k.type === "number" && k.optional === true) return; // blank = not set (e.g. 互评发出票数: not checked)
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
    // A vote value above 评议票满分 would score a component above 100.
    const voteKeys = ["peerExcellent", "peerQualified", "peerBasic", "peerFail", "massSatisfied", "massFairly", "massBasic", "massNot"] as const;
    const over = voteKeys.filter((k) => s[k] > s.voteFullMark);
    if (over.length > 0) {
      const cell = valueCells.get("voteFullMark") ?? valueCells.get(over[0] as string) ?? "";
      this.issues.push(issue("vote_values_over_full_mark", "错误", sheet, cell, { fullMark: s.voteFullMark, highest: Math.max(...over.map((k) => s[k])) }));
      s.voteFullMark = DEFAULT_SETTINGS.voteFullMark;
      for (const k of voteKeys) s[k] = DEFAULT_SETTINGS[k];
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

