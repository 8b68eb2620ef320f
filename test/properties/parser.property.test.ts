/**
 * Properties of parseWorkbook() and runEngine() over random cell grids: pure garbage (random
 * strings, numbers, booleans, Dates, error values, nulls, ragged rows, random sheet names) and
 * almost valid workbooks (columns reordered, renamed and dropped, extra columns, title rows
 * above the header, sheets renamed or missing, garbage written over random cells). Nothing
 * throws; the parsed input honours the contract appraise() relies on; every result invariant
 * of the core holds end to end; the run is repeatable; and the order of the data rows under
 * each header changes no member's result.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { type Issue, type IssueCode, isError, isLeading, type UnknownFollow } from "../../src/core/issues";
import { SETTING_DEFS } from "../../src/core/settings";
import { type AppraisalInput, COMPLETIONS, GRADES, MARKS, MASS_LEVELS, REVIEWS } from "../../src/core/types";
import { dayFromYMD } from "../../src/core/dates";
import type { CellValue } from "../../src/workbook/cells";
import { runEngine, type EngineRun } from "../../src/workbook/engine";
import { INPUT_SHEETS, ISSUES_SHEET, NOMINATION_SHEET, RESULT_SHEET } from "../../src/workbook/layout";
import { findHeader, findSheet, parseWorkbook, type SheetGrid } from "../../src/workbook/parse";
import { seededRandom } from "../../src/workbook/random";
import { bigBranch } from "../support/generate";
import { addRow, set, toSheets, validWorkbook } from "../workbook/grid";
import { garbageWorkbookArb, GRID_YEAR, nearlyValidWorkbookArb, runs } from "./arbitraries";
import { checkAll, checkIssues, issueBag, perMember } from "./invariants";
import { tableSheets } from "../../src/workbook/output";

const GARBAGE_RUNS = 200;
const NEARLY_VALID_RUNS = 100;
const SHUFFLE_RUNS = 100;
const BIG_RUNS = 5;

const OPTIONS = { fallbackYear: GRID_YEAR } as const;
const A1 = /^[A-Z]{1,3}[1-9][0-9]*$/;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** A value for a failure message (JSON would show NaN and Infinity as null). */
const show = (v: unknown): string => (typeof v === "number" ? String(v) : JSON.stringify(v));

/** What the parser promises appraise(): the invariants the core does not check again. */
function checkParsedInput(input: AppraisalInput): void {
  const s = input.settings;
  const ids = input.members.map((m) => m.id);
  check(ids.every((id) => id !== "") && new Set(ids).size === ids.length, `member ids blank or repeated: ${ids.join(",")}`);
  const known = new Set(ids);
  const refOk = (r: { sheet: string; cell: string }): boolean => r.sheet !== "" && (r.cell === "" || A1.test(r.cell));
  check(input.members.every((m) => refOk(m.ref)), "member refs");

  for (const def of SETTING_DEFS) {
    const v = s[def.key];
    const k = def.kind;
    if (k.type === "number" || k.type === "percent") {
      // An optional number (互评发出票数) may be unset: null, never anything else out of range.
      if (v === null && k.type === "number" && k.optional === true) continue;
      check(typeof v === "number" && Number.isFinite(v) && v >= k.min && v <= k.max, `setting ${def.label} = ${show(v)}`);
      if (k.type === "number" && k.integer === true) check(Number.isInteger(v), `setting ${def.label} = ${show(v)} not whole`);
    }
  }
  check(s.weightStudy + s.weightPledge + s.weightPeer + s.weightMass === 100, "weights add up to 100");
  check(s.thresholdExcellent > s.thresholdQualified && s.thresholdQualified > s.thresholdBasic, "thresholds ordered");
  for (const r of [s.excellentCap, s.instituteRatio]) {
    if (r !== null) check(Number.isFinite(r.num) && r.den > 0 && r.num >= 0 && r.num <= r.den, `ratio ${r.num}/${r.den}`);
  }
  const yearStart = dayFromYMD(s.year, 1, 1);
  const yearEnd = dayFromYMD(s.year, 12, 31);

  for (const p of input.pledges) {
    check(known.has(p.memberId), `pledge of unknown ${p.memberId}`);
    check(Number.isFinite(p.weight) && p.weight >= 0, `pledge weight ${p.weight}`);
    check(p.score === null || (Number.isFinite(p.score) && p.score >= 0 && p.score <= 100), `pledge score ${p.score}`);
    check(p.completion === null || COMPLETIONS.includes(p.completion), `completion ${p.completion}`);
    check(p.review === null || REVIEWS.includes(p.review), `review ${p.review}`);
    check(refOk(p.ref) && refOk(p.submittedRef), "pledge refs");
  }
  for (const x of input.sessions) check(x.date >= yearStart && x.date <= yearEnd && refOk(x.ref), `session ${x.date}`);
  const marks = new Set<string>([...MARKS, "blank", "invalid"]);
  const attendanceIds = input.attendance.map((a) => a.memberId);
  check(new Set(attendanceIds).size === attendanceIds.length, "one attendance row per member");
  for (const a of input.attendance) {
    check(known.has(a.memberId), `attendance of unknown ${a.memberId}`);
    check(a.marks.length === input.sessions.length && a.marks.every((m) => marks.has(m)), `marks of ${a.memberId}: ${a.marks.join(",")}`);
    check(refOk(a.ref), "attendance ref");
  }
  for (const a of input.activities) {
    check(known.has(a.memberId), `activity of unknown ${a.memberId}`);
    check(Number.isFinite(a.bonus), `activity bonus ${a.bonus}`);
    check(a.date === null || (a.date >= yearStart && a.date <= yearEnd), `activity date ${a.date}`);
    check(refOk(a.ref), "activity ref");
  }
  const voteKeys = input.votes.map((v) => `${v.period}|${v.memberId}`);
  check(new Set(voteKeys).size === voteKeys.length, "one vote row per member and period");
  for (const v of input.votes) {
    check(known.has(v.memberId), `vote of unknown ${v.memberId}`);
    const counts = [...GRADES.map((g) => v.peer[g]), ...MASS_LEVELS.map((l) => v.mass[l])];
    check(counts.every((n) => Number.isInteger(n) && n >= 0), `vote counts of ${v.memberId}: ${counts.join(",")}`);
    check(v.override === null || (GRADES.includes(v.override) && v.overrideReason !== ""), `override ${v.override} without reason`);
    check(refOk(v.ref) && refOk(v.overrideRef), "vote refs");
  }
}

/** The output grids match the result: one row per member, nomination and issue. */
function checkOutputs(run: EngineRun): void {
  const [results, nominations, issues] = tableSheets(run.outputs);
  check(results?.name === RESULT_SHEET.name && results.rows.length === run.result.members.length, "综合评定 rows");
  check(nominations?.name === NOMINATION_SHEET.name && nominations.rows.length === run.result.nominations.length, "表彰推荐 rows");
  check(issues?.name === ISSUES_SHEET.name && issues.rows.length === run.issues.length, "问题清单 rows");
  for (const sheet of tableSheets(run.outputs)) {
    check(sheet.rows.every((row) => row.length === sheet.columns.length), `${sheet.name}: ragged output row`);
    for (const row of sheet.rows) {
      for (const v of row) check(v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)), `${sheet.name}: cell ${show(v)}`);
    }
  }
  // The 问题清单 order: likely causes first, then errors, then hints.
  const firstOther = run.issues.findIndex((i) => !isLeading(i));
  check(firstOther < 0 || run.issues.slice(firstOther).every((i) => !isLeading(i)), "likely causes first");
  const rest = firstOther < 0 ? [] : run.issues.slice(firstOther);
  const firstHint = rest.findIndex((i) => !isError(i));
  check(firstHint < 0 || rest.slice(firstHint).every((i) => !isError(i)), "errors before hints");
  checkAccounted(run);
}

/**
 * Nothing lost or added on the way (one cause, one message): every issue of parse + appraise is
 * listed as it is, or gathered into a listed row that names it — an unknown 编号's row by its
 * place, a member's hint by the member (follows), a vote row by its cell — and a missing
 * 评议打分 at 年终 is said by votes_missing alone, and votes in blocks of unknown period by
 * vote_blocks_period_unknown alone. The leading rows are the only ones added.
 */
function checkAccounted(run: EngineRun): void {
  const listed = new Set<Issue>(run.issues);
  const all = [...run.parsed.issues, ...run.result.issues];
  let weight = 0;
  for (const i of run.issues) {
    if (i.code === "unknown_member") weight += i.params.places.length + i.params.follows.length;
    else if (i.code === "vote_count_high") weight += i.params.cells.length;
    else if (i.code === "votes_missing") weight += i.params.sheetMissing ? 2 : 1;
    else if (!isLeading(i)) weight += 1;
  }
  // Votes in blocks of unknown period: that 错误 says it, not also "no vote at all".
  const blocks = run.issues.some((i) => i.code === "vote_blocks_period_unknown");
  if (blocks) weight += all.filter((i) => i.code === "votes_missing").length;
  check(weight === all.length, `issues of parse + appraise: ${all.length}, accounted for ${weight}`);
  const unknown = run.issues.filter((i): i is Issue<"unknown_member"> => i.code === "unknown_member");
  const votes = run.issues.filter((i): i is Issue<"vote_count_high"> => i.code === "vote_count_high");
  const follow: Partial<Record<IssueCode, string>> = { attendance_missing_member: "attendance", pledge_none: "pledges", flag_absence: "absence" };
  for (const i of all) {
    if (listed.has(i)) continue;
    const at = `${i.sheet}!${i.cell}`;
    if (i.code === "unknown_member") {
      check(unknown.some((g) => g.params.id === i.params.id && g.params.places.includes(at)), `${at}: unknown 编号 ${i.params.id} not listed`);
    } else if (i.code === "vote_count_high") {
      check(votes.some((g) => g.sheet === i.sheet && g.params.cells.includes(i.cell)), `${at}: vote_count_high not listed`);
    } else if (i.code === "attendance_missing_member" || i.code === "pledge_none" || i.code === "flag_absence") {
      check(unknown.some((g) => g.params.rosterName === i.params.name && g.params.follows.includes(follow[i.code] as UnknownFollow)), `${at}: ${i.code} not folded`);
    } else if (i.code === "component_missing" && (i.params.component === "peer" || i.params.component === "mass")) {
      const k = i.params.component;
      check(unknown.some((g) => g.params.rosterName === i.params.who && g.params.follows.includes(k)), `${at}: component_missing not folded`);
    } else {
      const said = run.issues.some((x) => x.code === "votes_missing") || (i.code === "votes_missing" && blocks);
      check((i.code === "sheet_missing" || i.code === "votes_missing") && said, `${at}: ${i.code} lost`);
    }
  }
}

function checkRun(run: EngineRun): void {
  checkParsedInput(run.parsed.input);
  checkIssues(run.issues);
  checkAll(run.parsed.input, run.result);
  checkOutputs(run);
}

/** Shuffle the rows under the header of every input sheet (rows above it and the header stay). */
function shuffleRows(sheets: readonly SheetGrid[], seed: number): SheetGrid[] {
  const random = seededRandom(seed);
  return sheets.map((sheet) => {
    const def = INPUT_SHEETS.find((d) => findSheet([sheet], d) !== undefined);
    const header = def ? findHeader(sheet.grid, def) : null;
    if (!header) return sheet;
    const body = sheet.grid.slice(header.row + 1);
    for (let i = body.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [body[i], body[j]] = [body[j] as (typeof body)[number], body[i] as (typeof body)[number]];
    }
    return { name: sheet.name, grid: [...sheet.grid.slice(0, header.row + 1), ...body] };
  });
}

/** Duplicate rows keep the first one (domain.md): row order then decides, by design. */
const hasDuplicates = (issues: readonly Issue[]): boolean => issues.some((i) => i.code === "row_duplicate" || i.code === "id_duplicate");

function expectSameResults(a: EngineRun, b: EngineRun): void {
  expect(b.parsed.input.settings).toEqual(a.parsed.input.settings);
  expect(perMember(b.result)).toEqual(perMember(a.result));
  expect(issueBag(b.issues)).toEqual(issueBag(a.issues));
  expect(b.result.nominations).toEqual(a.result.nominations);
}

describe("parseWorkbook() and runEngine() on random grids", () => {
  test("garbage: parseWorkbook never throws, its issues are well-formed and its input keeps the core's contract", () => {
    fc.assert(
      fc.property(garbageWorkbookArb, (sheets) => {
        const parsed = parseWorkbook(sheets, OPTIONS);
        checkIssues(parsed.issues);
        checkParsedInput(parsed.input);
      }),
      runs(GARBAGE_RUNS),
    );
  });

  test("garbage: runEngine never throws and every result invariant holds", () => {
    fc.assert(
      fc.property(garbageWorkbookArb, fc.constantFrom(undefined, "上半年" as const, "年终" as const), (sheets, period) => {
        checkRun(runEngine(sheets, { ...OPTIONS, ...(period ? { period } : {}) }));
      }),
      runs(GARBAGE_RUNS),
    );
  });

  test("almost valid workbooks: runEngine never throws and every result invariant holds", () => {
    fc.assert(
      fc.property(nearlyValidWorkbookArb(12), fc.constantFrom(undefined, "上半年" as const), (sheets, period) => {
        checkRun(runEngine(sheets, { ...OPTIONS, ...(period ? { period } : {}) }));
      }),
      runs(NEARLY_VALID_RUNS),
    );
  });

  test("runEngine twice on the same grids gives identical runs", () => {
    fc.assert(
      fc.property(nearlyValidWorkbookArb(6), (sheets) => {
        const first = runEngine(sheets, OPTIONS);
        const second = runEngine(sheets, OPTIONS);
        if (!isDeepStrictEqual(second, first)) expect(second).toEqual(first);
      }),
      runs(NEARLY_VALID_RUNS),
    );
  });

  test("shuffling the data rows under each header changes no member's result (when no row is a duplicate)", () => {
    fc.assert(
      fc.property(nearlyValidWorkbookArb(4), fc.integer(), (sheets, seed) => {
        const a = runEngine(sheets, OPTIONS);
        fc.pre(!hasDuplicates(a.issues));
        const b = runEngine(shuffleRows(sheets, seed), OPTIONS);
        expectSameResults(a, b);
      }),
      runs(SHUFFLE_RUNS),
    );
  });

  test("big generated branches: invariants hold and row order does not matter", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 40 }), fc.nat(), fc.integer(), (members, sessions, dataSeed, shuffleSeed) => {
        const sheets = bigBranch(members, sessions, dataSeed);
        const opts = { fallbackYear: 2026 };
        const a = runEngine(sheets, opts);
        checkRun(a);
        expectSameResults(a, runEngine(shuffleRows(sheets, shuffleSeed), opts));
      }),
      runs(BIG_RUNS),
    );
  });
});

/**
 * Counter-examples of the properties, kept as plain cases: cell values near the double limit
 * (Excel accepts up to 9.99E+307 in a cell) used to overflow when added up — Infinity ÷
 * Infinity is NaN, and Infinity − Infinity depends on the row order.
 */
describe("huge cell values (counter-examples found by the properties)", () => {
  test("two 互评 vote counts of 9.99E+307 on one row: every score stays a number", () => {
    const wb = validWorkbook();
    set(wb, "评议打分!E2", 9.99e307);
    set(wb, "评议打分!F2", 9.99e307);
    checkRun(runEngine(toSheets(wb), OPTIONS));
  });

  test("two 权重 of 9.99E+307 for one member: 承诺践诺 and 综合得分 stay numbers", () => {
    const wb = validWorkbook();
    set(wb, "个人承诺!F2", 9.99e307);
    addRow(wb, "个人承诺", ["001", "张三", "党员承诺", "x", null, 9.99e307, null, "通过", "完成", null, null]);
    checkRun(runEngine(toSheets(wb), OPTIONS));
  });

  test("加分 of ±9.99E+307 and a 400-digit 加分: the bonus stays a number and the row order does not matter", () => {
    const row = (bonus: CellValue): CellValue[] => ["001", "张三", "2010-05-01", "其他", "x", null, bonus];
    const values: CellValue[] = [9.99e307, 9.99e307, -9.99e307, -9.99e307, `-${"9".repeat(400)}`];
    const wb = validWorkbook();
    for (const b of values) addRow(wb, "活动记录", row(b));
    const a = runEngine(toSheets(wb), OPTIONS);
    checkRun(a);
    const reordered = validWorkbook();
    for (const b of [...values].reverse()) addRow(reordered, "活动记录", row(b));
    expectSameResults(a, runEngine(toSheets(reordered), OPTIONS));
  });
});
