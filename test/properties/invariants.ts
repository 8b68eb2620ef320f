/**
 * The invariants every appraisal must satisfy, whatever its input (domain.md is the contract).
 * Each check throws an Error naming the member or issue at fault, so a fast-check counter-
 * example says what broke. Nothing here computes a score with the code under test: ranks,
 * thresholds, ⌊ratio × n⌋ and the nomination quota are recomputed independently.
 */
import type { Issue } from "../../src/core/issues";
import type { Ratio } from "../../src/core/numbers";
import {
  type AppraisalInput,
  type AppraisalResult,
  COMPONENT_KEYS,
  type FinalGrade,
  type Grade,
  type MemberResult,
} from "../../src/core/types";
import { nominationReason } from "../../src/messages/nominations";
import { flagText, reasonText } from "../../src/messages/reasons";
import { describe as wording } from "../../src/messages/zh-CN";

export const FINAL_GRADES: readonly FinalGrade[] = ["优秀", "合格", "基本合格", "不合格", "待定", "不评定等次", "不参评"];
const A1 = /^[A-Z]{1,3}[1-9][0-9]*$/;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** ⌊num/den × n⌋ in exact integer arithmetic (the parser only makes integer ratios). */
export function exactFloor(r: Ratio, n: number): number {
  if (Number.isInteger(r.num) && Number.isInteger(r.den) && r.den > 0) return Number((BigInt(r.num) * BigInt(n)) / BigInt(r.den));
  return Math.floor((r.num * n) / r.den);
}

/** A score as the contract writes it: a finite number with at most two decimals. */
function isCents(x: number): boolean {
  return Number.isFinite(x) && Math.round(x * 100) / 100 === x;
}

/** The 支委会评定 of the current period that the core must apply, if any. */
function overrideOf(input: AppraisalInput, id: string): Grade | null {
  const v = input.votes.find((r) => r.memberId === id && r.period === input.settings.period);
  return v?.override ?? null;
}

function thresholdGrade(input: AppraisalInput, total: number): Grade {
  const s = input.settings;
  if (total >= s.thresholdExcellent) return "优秀";
  if (total >= s.thresholdQualified) return "合格";
  if (total >= s.thresholdBasic) return "基本合格";
  return "不合格";
}

function checkText(text: string, what: string): void {
  check(typeof text === "string" && text.length > 0, `${what}: empty`);
  check(!/undefined|\[object/.test(text), `${what}: "${text}"`);
}

/** Scores in range, grades from the allowed set and consistent with the thresholds. */
export function checkMembers(input: AppraisalInput, result: AppraisalResult): void {
  const s = input.settings;
  check(result.members.length === input.members.length, "one result per roster member");
  const scored = result.members.filter((m) => m.scored);
  result.members.forEach((m, i) => {
    const who = `member ${m.member.id}`;
    check(m.member.id === (input.members[i] as { id: string }).id, `${who}: results in roster order`);
    check(FINAL_GRADES.includes(m.suggested) && FINAL_GRADES.includes(m.final), `${who}: grade ${m.suggested}/${m.final}`);
    for (const r of m.reasons) checkText(reasonText(r), `${who} reason ${r.code}`);
    for (const f of m.flags) checkText(flagText(f), `${who} flag ${f.code}`);
    if (!m.member.participating) {
      check(!m.scored && !m.graded && m.total === null && m.bonus === null && m.rank === null, `${who}: 不参评 has no scores`);
      check(COMPONENT_KEYS.every((k) => m.components[k] === null), `${who}: 不参评 has no components`);
      check(m.suggested === "不参评" && m.final === "不参评", `${who}: 不参评 grade ${m.suggested}/${m.final}`);
      return;
    }
    check(m.scored, `${who}: a 参评 member is scored`);
    for (const k of COMPONENT_KEYS) {
      const c = m.components[k];
      if (c === null) {
        check(s.missingComponent === "spread", `${who}: ${k} is null although missing components score 0`);
        continue;
      }
      check(typeof c === "number" && isCents(c) && c >= 0 && c <= 100, `${who}: ${k} = ${c}`);
    }
    const { bonus, total, rank } = m;
    check(typeof bonus === "number" && isCents(bonus) && bonus <= s.bonusCap, `${who}: bonus = ${bonus} (cap ${s.bonusCap})`);
    check(typeof total === "number" && isCents(total) && total >= 0 && total <= 100, `${who}: total = ${total}`);
    const t = total as number;
    const expectedRank = 1 + scored.filter((o) => (o.total as number) > t).length;
    check(rank === expectedRank, `${who}: rank ${rank}, competition rank is ${expectedRank}`);

    const isGraded = m.member.category === "正式党员";
    check(m.graded === isGraded, `${who}: graded = ${m.graded}`);
    if (!isGraded) {
      check(m.suggested === "不评定等次" && m.final === "不评定等次", `${who}: 预备党员 grade ${m.suggested}/${m.final}`);
      return;
    }
    const byThreshold = thresholdGrade(input, t);
    if (byThreshold === "优秀") {
      check(["优秀", "合格", "待定"].includes(m.suggested), `${who}: total ${t} ≥ 优秀 line, suggested ${m.suggested}`);
    } else {
      check(m.suggested === byThreshold, `${who}: total ${t} gives ${byThreshold}, suggested ${m.suggested}`);
    }
    if (m.suggested === "待定") check(s.excellentCap !== null, `${who}: 待定 without a cap`);
    const override = overrideOf(input, m.member.id);
    check(m.final === (override ?? m.suggested), `${who}: final ${m.final}, suggested ${m.suggested}, override ${override}`);
  });
}

/** At most ⌊cap × graded⌋ 优秀 other than by 支委会评定; a boundary tie is all 待定, one total. */
export function checkCap(input: AppraisalInput, result: AppraisalResult): void {
  const cap = input.settings.excellentCap;
  if (cap === null) return;
  const graded = result.members.filter((m) => m.graded);
  const base = input.settings.excellentCapBase === "all" ? input.members.filter((m) => m.category === "正式党员").length : graded.length;
  const limit = exactFloor(cap, base);
  const suggested = graded.filter((m) => m.suggested === "优秀").length;
  const finalNotOverride = graded.filter((m) => m.final === "优秀" && overrideOf(input, m.member.id) === null).length;
  check(suggested <= limit, `${suggested} suggested 优秀 > ⌊${cap.num}/${cap.den} × ${base}⌋ = ${limit}`);
  check(finalNotOverride <= limit, `${finalNotOverride} final 优秀 without override > ${limit}`);
  const pending = new Set(graded.filter((m) => m.suggested === "待定").map((m) => m.total));
  check(pending.size <= 1, `待定 members on different totals: ${[...pending].join(", ")}`);
  for (const m of graded) {
    if (m.suggested === "优秀") {
      for (const p of pending) check((m.total as number) > (p as number), `${m.member.id}: 优秀 on ${m.total} not above the 待定 total ${p}`);
    }
  }
}

/** 表彰推荐: exactly the graded 优秀 members with 承诺践诺 ≥ the minimum, once each, 所级 first. */
export function checkNominations(input: AppraisalInput, result: AppraisalResult): void {
  const s = input.settings;
  const noms = result.nominations;
  if (s.period === "上半年") {
    check(noms.length === 0, "上半年 has no nominations");
    return;
  }
  const byId = new Map(result.members.map((m) => [m.member.id, m]));
  const ids = noms.map((n) => n.memberId);
  check(new Set(ids).size === ids.length, `a member nominated twice: ${ids.join(",")}`);
  const eligible = result.members.filter((m) => m.graded && m.final === "优秀" && (m.components.pledge as number) >= s.nominationPledgeMin);
  check(eligible.length === noms.length && eligible.every((m) => ids.includes(m.member.id)), `nominated ${ids.join(",")}, eligible ${eligible.map((m) => m.member.id).join(",")}`);
  const graded = result.members.filter((m) => m.graded).length;
  const quota = Math.max(s.instituteMin, exactFloor(s.instituteRatio, graded));
  noms.forEach((n, i) => {
    const m = byId.get(n.memberId) as MemberResult;
    check(m !== undefined && m.final === "优秀" && m.graded, `${n.memberId}: nominated but final ${m?.final}`);
    check(n.order === i + 1, `${n.memberId}: order ${n.order} at ${i + 1}`);
    check(n.category === (i < quota ? "所级推荐" : "支部表彰"), `${n.memberId}: ${n.category} at place ${i + 1}, quota ${quota}`);
    check(n.total === m.total && n.pledge === m.components.pledge, `${n.memberId}: nomination numbers differ from the member's`);
    checkText(nominationReason(n), `${n.memberId} 推荐理由`);
    const prev = noms[i - 1];
    if (prev) check(prev.total >= n.total, `nominations not by total: ${prev.total} before ${n.total}`);
  });
}

export function checkSummary(result: AppraisalResult): void {
  const sum = Object.values(result.summary.perGrade).reduce((a, b) => a + b, 0);
  check(sum === result.members.length, `summary counts ${sum} grades for ${result.members.length} members`);
  check(result.summary.graded === result.members.filter((m) => m.graded).length, "summary graded count");
}

/** Level, sheet, A1 cell, parameters, and a wording without holes. */
export function checkIssues(issues: readonly Issue[]): void {
  for (const i of issues) {
    const what = `issue ${i.code} at ${i.sheet}!${i.cell}`;
    check(i.level === "错误" || i.level === "提示", `${what}: level ${String(i.level)}`);
    check(typeof i.sheet === "string" && i.sheet.length > 0, `${what}: no sheet`);
    check(i.cell === "" || A1.test(i.cell), `${what}: cell "${i.cell}"`);
    for (const [k, v] of Object.entries(i.params)) {
      // A value, a list of texts (header_not_found's headers), or null (component_missing's who).
      // A flag (votes_missing's sheetMissing) is a boolean.
      const ok = (x: unknown): boolean => typeof x === "string" || typeof x === "boolean" || (typeof x === "number" && Number.isFinite(x));
      check(ok(v) || v === null || (Array.isArray(v) && v.every(ok)), `${what}: param ${k} = ${String(v)}`);
    }
    const w = wording(i);
    for (const part of [w.problem, w.fix]) {
      check(typeof part === "string" && part.trim().length > 0, `${what}: empty wording`);
      check(!part.includes("undefined"), `${what}: wording "${part}"`);
    }
  }
}

export function checkAll(input: AppraisalInput, result: AppraisalResult): void {
  checkMembers(input, result);
  checkCap(input, result);
  checkNominations(input, result);
  checkSummary(result);
  checkIssues(result.issues);
}

/** What must not change when input rows are shuffled: per member, by 编号. */
export function perMember(result: AppraisalResult): Record<string, unknown> {
  return Object.fromEntries(
    result.members.map((m) => [
      m.member.id,
      {
        components: m.components,
        bonus: m.bonus,
        total: m.total,
        rank: m.rank,
        suggested: m.suggested,
        final: m.final,
        flags: m.flags,
        reasons: m.reasons,
      },
    ]),
  );
}

/** Issues as a multiset of (code, level): addresses move with the rows. */
export function issueBag(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.level} ${i.code}`).sort();
}

