/**
 * fast-check arbitraries for the property tests: random AppraisalInputs for the core (inside
 * the contract the parser guarantees: unique 编号, one attendance row per member with marks
 * aligned to the sessions, one vote row per member and period, counts that are whole and
 * non-negative, 考核得分 in 0–100, settings in their ranges), and random cell grids for the
 * parser — pure garbage as well as "almost valid" workbooks with reordered and renamed
 * columns, extra columns, title rows above the header, renamed or missing sheets, ragged
 * rows and garbage written over random cells.
 *
 * Every run is deterministic: the tests pass `runs(n)` (a fixed seed) to fc.assert.
 */
import fc from "fast-check";
import { type Day, dateFromDay, dayFromYMD, formatDay, ymdOf } from "../../src/core/dates";
import type { Ratio } from "../../src/core/numbers";
import { DEFAULT_SETTINGS, SETTING_DEFS, type SettingDef, type Settings, settingValueText } from "../../src/core/settings";
import {
  type Activity,
  type AppraisalInput,
  type AttendanceRow,
  COMPLETIONS,
  GRADES,
  type Grade,
  MARKS,
  type MarkCell,
  MASS_LEVELS,
  type Member,
  MEMBER_CATEGORIES,
  PERIODS,
  type Pledge,
  REVIEWS,
  type Session,
  type VoteRow,
} from "../../src/core/types";
import type { CellValue } from "../../src/workbook/cells";
import {
  ACTIVITY_SHEET,
  ATTENDANCE_SHEET,
  type ColumnDef,
  INPUT_SHEETS,
  OUTPUT_SHEETS,
  PLEDGE_SHEET,
  ROSTER_SHEET,
  SETTINGS_SHEET,
  type SheetDef,
  VOTES_SHEET,
} from "../../src/workbook/layout";
import type { SheetGrid } from "../../src/workbook/parse";
import { seededRandom } from "../../src/workbook/random";

// ------------------------------------------------------------------ run parameters

/** The one seed of every property: CI sees the same cases on every run (PROPERTY_SEED=n explores others). */
export const SEED = Number(process.env.PROPERTY_SEED ?? 20100914);

/** fc.assert parameters: the fixed seed and a number of runs (PROPERTY_RUNS_SCALE=10 for a long search). */
export function runs(numRuns: number): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * Number(process.env.PROPERTY_RUNS_SCALE ?? 1))) };
}

// ------------------------------------------------------------------ small helpers

/** A number with at most two decimals in [min, max]. */
const cents = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((n) => n / 100);

/** Mostly the default, sometimes a random value. */
function orDefault<T>(value: T, arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: arb });
}

/** Mostly null; the value once in `n` times (fc.option's freq is the chance of null). */
function rarely<T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

const NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "冯二", "陈三", "褚四"] as const;

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ------------------------------------------------------------------ core: settings

export const ratioArb: fc.Arbitrary<Ratio> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Ratio>({ num: 1, den: 3 }, { num: 10, den: 100 }, { num: 30, den: 100 }, { num: 0, den: 1 }, { num: 1, den: 1 }, { num: 1, den: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000_000 }).chain((den) => fc.integer({ min: 0, max: den }).map((num) => ({ num, den }))) },
);

/** Four weights (halves) that add up to exactly 100, as the parser guarantees. */
const weightsArb = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
  .map(([a, b, c]) => {
    const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
    return [x / 2, (y - x) / 2, (z - y) / 2, (200 - z) / 2] as const;
  });

/** Three distinct thresholds, from high to low, as the parser guarantees. */
const thresholdsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 })
  .map((xs) => [...xs].sort((p, q) => q - p) as [number, number, number]);

export const yearArb = fc.constantFrom(2010, 2012, 2024);

export function settingsArb(year: number): fc.Arbitrary<Settings> {
  const d = DEFAULT_SETTINGS;
  const score = cents(0, 100);
  const mark = cents(0, 1);
  const quota = fc.integer({ min: 0, max: 8 });
  return fc
    .record({
      branchName: fc.constantFrom("", "光栅室党支部"),
      period: fc.constantFrom(...PERIODS),
      pledgeDeadline: fc.option(fc.integer({ min: dayFromYMD(year, 1, 1), max: dayFromYMD(year, 12, 31) }), { freq: 3 }),
      weights: orDefault([d.weightStudy, d.weightPledge, d.weightPeer, d.weightMass] as const, weightsArb),
      attendanceShare: orDefault(d.attendanceShare, fc.integer({ min: 0, max: 100 })),
      marks: orDefault([d.markPresent, d.markLate, d.markMakeUp, d.markLeave, d.markAbsent] as const, fc.tuple(mark, mark, mark, mark, mark)),
      quotas: orDefault(
        [d.quotaNotesYear, d.quotaEssaysYear, d.quotaSuggestionsYear, d.quotaNotesHalf, d.quotaEssaysHalf, d.quotaSuggestionsHalf] as const,
        fc.tuple(quota, quota, quota, quota, quota, quota),
      ),
      pledgeValues: orDefault([d.pledgeDone, d.pledgeMostly, d.pledgeNotDone] as const, fc.tuple(score, score, score)),
      peerValues: orDefault([d.peerExcellent, d.peerQualified, d.peerBasic, d.peerFail] as const, fc.tuple(score, score, score, score)),
      massValues: orDefault([d.massSatisfied, d.massFairly, d.massBasic, d.massNot] as const, fc.tuple(score, score, score, score)),
      missingComponent: fc.constantFrom("spread" as const, "zero" as const),
      bonusCap: orDefault(d.bonusCap, cents(0, 20)),
      thresholds: orDefault([d.thresholdExcellent, d.thresholdQualified, d.thresholdBasic] as const, thresholdsArb),
      gates: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      absenceLimit: orDefault(d.absenceLimit, fc.integer({ min: 1, max: 10 })),
      excellentCap: orDefault<Ratio | null>(d.excellentCap, fc.option(ratioArb, { freq: 4 })),
      nominationPledgeMin: orDefault(d.nominationPledgeMin, fc.integer({ min: 0, max: 100 })),
      instituteRatio: orDefault(d.instituteRatio, ratioArb),
      instituteMin: orDefault(d.instituteMin, fc.integer({ min: 0, max: 5 })),
      flags: orDefault([d.flagMassSatisfiedMin, d.flagPeerFailMax, d.flagAbsenceDays] as const, fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 30, max: 366 }))),
      lateDeduction: orDefault(d.lateDeduction, cents(0, 100)),
      excellentCapBase: fc.constantFrom("participating" as const, "all" as const),
    })
    .map(
      (r): Settings => ({
        ...d,
        branchName: r.branchName,
        year,
        period: r.period,
        pledgeDeadline: r.pledgeDeadline,
        weightStudy: r.weights[0],
        weightPledge: r.weights[1],
        weightPeer: r.weights[2],
        weightMass: r.weights[3],
        attendanceShare: r.attendanceShare,
        markPresent: r.marks[0],
        markLate: r.marks[1],
        markMakeUp: r.marks[2],
        markLeave: r.marks[3],
        markAbsent: r.marks[4],
        quotaNotesYear: r.quotas[0],
        quotaEssaysYear: r.quotas[1],
        quotaSuggestionsYear: r.quotas[2],
        quotaNotesHalf: r.quotas[3],
        quotaEssaysHalf: r.quotas[4],
        quotaSuggestionsHalf: r.quotas[5],
        pledgeDone: r.pledgeValues[0],
        pledgeMostly: r.pledgeValues[1],
        pledgeNotDone: r.pledgeValues[2],
        peerExcellent: r.peerValues[0],
        peerQualified: r.peerValues[1],
        peerBasic: r.peerValues[2],
        peerFail: r.peerValues[3],
        massSatisfied: r.massValues[0],
        massFairly: r.massValues[1],
        massBasic: r.massValues[2],
        massNot: r.massValues[3],
        missingComponent: r.missingComponent,
        bonusCap: r.bonusCap,
        thresholdExcellent: r.thresholds[0],
        thresholdQualified: r.thresholds[1],
        thresholdBasic: r.thresholds[2],
        gateSanction: r.gates[0],
        gateAbsence: r.gates[1],
        gatePledge: r.gates[2],
        absenceLimit: r.absenceLimit,
        excellentCap: r.excellentCap,
        nominationPledgeMin: r.nominationPledgeMin,
        instituteRatio: r.instituteRatio,
        instituteMin: r.instituteMin,
        flagMassSatisfiedMin: r.flags[0],
        flagPeerFailMax: r.flags[1],
        flagAbsenceDays: r.flags[2],
        lateDeduction: r.lateDeduction,
        excellentCapBase: r.excellentCapBase,
      }),
    );
}

// ------------------------------------------------------------------ core: records

/** A day of the year, with its edges (1 January, 30 June, 1 July, 31 December) often. */
function dayInYear(year: number): fc.Arbitrary<Day> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: dayFromYMD(year, 1, 1), max: dayFromYMD(year, 12, 31) }) },
    { weight: 1, arbitrary: fc.constantFrom(dayFromYMD(year, 1, 1), dayFromYMD(year, 6, 30), dayFromYMD(year, 7, 1), dayFromYMD(year, 12, 31)) },
  );
}

/** Mostly in the year, sometimes just outside it (the core must ignore those). */
function dayAround(year: number): fc.Arbitrary<Day> {
  return fc.oneof(
    { weight: 8, arbitrary: dayInYear(year) },
    { weight: 1, arbitrary: fc.integer({ min: dayFromYMD(year - 1, 12, 1), max: dayFromYMD(year + 1, 1, 31) }) },
  );
}

const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((n) => String(n).padStart(3, "0")),
  fc.integer({ min: 1, max: 60 }).map(String),
  fc.tuple(fc.constantFrom("A", "B", "M"), fc.integer({ min: 1, max: 30 })).map(([p, n]) => `${p}${n}`),
);

const ref = (sheet: string, cell: string): { sheet: string; cell: string } => ({ sheet, cell });

/** A good member: pledges kept, 优秀 votes — so the cap, ties and nominations come into play. */
const goodCount = fc.oneof(fc.constant(10), fc.integer({ min: 5, max: 12 }));
const anyCount = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) });

const markArb = (good: boolean): fc.Arbitrary<MarkCell> =>
  good
    ? fc.oneof({ weight: 8, arbitrary: fc.constant<MarkCell>("出席") }, { weight: 1, arbitrary: fc.constantFrom<MarkCell>(...MARKS, "blank", "invalid") })
    : fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom<MarkCell>(...MARKS, "blank", "invalid") },
        { weight: 1, arbitrary: fc.constant<MarkCell>("缺席") },
      );

interface VoteSpec {
  readonly peer: Record<Grade, number>;
  readonly mass: VoteRow["mass"];
  readonly selfGrade: Grade | null;
  readonly override: Grade | null;
}

function voteSpecArb(good: boolean): fc.Arbitrary<VoteSpec> {
  const c = good ? goodCount : anyCount;
  const small = good ? fc.integer({ min: 0, max: 1 }) : anyCount;
  return fc.record({
    peer: fc.record({ 优秀: c, 合格: small, 基本合格: small, 不合格: good ? fc.constant(0) : anyCount }),
    mass: fc.record({ 满意: c, 比较满意: small, 基本满意: small, 不满意: good ? fc.constant(0) : anyCount }),
    selfGrade: fc.option(fc.constantFrom(...GRADES)),
    override: rarely(fc.constantFrom(...GRADES), 25),
  });
}

interface Bundle {
  readonly member: Member;
  readonly pledges: Omit<Pledge, "ref" | "submittedRef">[];
  readonly activities: Omit<Activity, "ref">[];
  /** null: no row in 学习考勤. */
  readonly marks: MarkCell[] | null;
  readonly votes: Omit<VoteRow, "ref" | "overrideRef">[];
}

function bundleArb(year: number, sessions: number, good: boolean): fc.Arbitrary<Bundle> {
  const pledge = fc.record({
    type: fc.constantFrom("党员承诺", "岗位承诺", ""),
    content: fc.constantFrom("按时参加组织生活", "完成设备调试", ""),
    weight: good ? fc.constant(1) : fc.oneof(fc.constant(1), fc.constant(0), fc.constant(2), cents(0, 10)),
    submitted: fc.option(dayAround(year)),
    review: good ? fc.constant<Pledge["review"]>("通过") : fc.option(fc.constantFrom(...REVIEWS)),
    completion: good ? fc.constant<Pledge["completion"]>("完成") : fc.option(fc.constantFrom(...COMPLETIONS), { freq: 5 }),
    score: good ? fc.constant(null) : rarely(cents(0, 100), 4),
  });
  const activity = fc.record({
    // A few fixed days often, so that one member has several records on one day.
    date: fc.option(fc.oneof({ weight: 3, arbitrary: dayAround(year) }, { weight: 2, arbitrary: fc.constantFrom(...[[3, 1], [5, 4], [7, 1], [10, 1]].map(([m, d]) => dayFromYMD(year, m as number, d as number))) }), { freq: 10 }),
    category: fc.constantFrom("读书笔记", "心得体会", "建言献策", "竞赛获奖", "竞赛获奖", "志愿服务", "其他", "", "读书笔记 "),
    content: fc.constantFrom("", "", "读《党章》", "青年创新竞赛二等奖"),
    level: fc.constantFrom("", "支部", "所级"),
    bonus: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -5, max: 5 }) }, { weight: 1, arbitrary: cents(-30, 30) }),
  });
  return fc
    .record({
      id: idArb,
      name: fc.constantFrom(...NAMES),
      category: fc.oneof({ weight: 5, arbitrary: fc.constant<Member["category"]>("正式党员") }, { weight: 1, arbitrary: fc.constantFrom(...MEMBER_CATEGORIES) }),
      participating: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      exclusionReason: fc.constantFrom("", "长期病假"),
      sanctioned: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      pledges: fc.array(pledge, { minLength: good ? 1 : 0, maxLength: 3 }),
      activities: fc.array(activity, { maxLength: good ? 9 : 4 }),
      marks: fc.option(fc.array(markArb(good), { minLength: sessions, maxLength: sessions }), { freq: 8 }),
      half: fc.option(voteSpecArb(good), { freq: 3 }),
      year: fc.option(voteSpecArb(good), { freq: 6 }),
    })
    .map((r): Bundle => {
      const member: Member = {
        id: r.id,
        name: r.name,
        gender: "男",
        birth: "",
        category: r.category,
        group: "第一党小组",
        joinDate: null,
        post: "",
        participating: r.participating,
        exclusionReason: r.exclusionReason,
        sanctioned: r.sanctioned,
        note: "",
        ref: ref("党员名册", "B2"),
      };
      const votes: Omit<VoteRow, "ref" | "overrideRef">[] = [];
      for (const [period, spec] of [["上半年", r.half], ["年终", r.year]] as const) {
        if (spec === null) continue;
        votes.push({
          period,
          memberId: r.id,
          selfGrade: spec.selfGrade,
          peer: spec.peer,
          mass: spec.mass,
          override: spec.override,
          // The parser drops an override without a reason, so the core never sees one.
          overrideReason: spec.override === null ? "" : "支委会研究决定",
        });
      }
      return {
        member,
        pledges: r.pledges.map((p) => ({ ...p, memberId: r.id })),
        activities: r.activities.map((a) => ({ ...a, memberId: r.id })),
        marks: r.marks,
        votes,
      };
    });
}

/**
 * A member with a perfect record (all 出席, quotas met early in the year, pledges 完成, only
 * 优秀 / 满意 votes) and a small deduction: many of them tie, at the cap's boundary too.
 */
function perfectArb(year: number, sessions: number): fc.Arbitrary<Bundle> {
  return fc
    .record({
      id: idArb,
      name: fc.constantFrom(...NAMES),
      deduction: fc.constantFrom(0, 0, -1, -2, -5, -12),
      // Awards for the 推荐理由, often several on one day.
      awards: fc.array(fc.record({ month: fc.constantFrom(4, 11), content: fc.constantFrom("", "所青年创新奖"), level: fc.constantFrom("", "支部", "所级") }), { maxLength: 3 }),
    })
    .map(({ id, name, deduction, awards }): Bundle => {
      const out = (category: string, n: number): Omit<Activity, "ref">[] =>
        Array.from({ length: n }, () => ({ memberId: id, date: dayFromYMD(year, 1, 15), category, content: "", level: "", bonus: 0 }));
      const votes = (period: VoteRow["period"]): Omit<VoteRow, "ref" | "overrideRef"> => ({
        period,
        memberId: id,
        selfGrade: "优秀",
        peer: { 优秀: 10, 合格: 0, 基本合格: 0, 不合格: 0 },
        mass: { 满意: 10, 比较满意: 0, 基本满意: 0, 不满意: 0 },
        override: null,
        overrideReason: "",
      });
      return {
        member: { id, name, gender: "女", birth: "", category: "正式党员", group: "", joinDate: null, post: "", participating: true, exclusionReason: "", sanctioned: false, note: "", ref: ref("党员名册", "B2") },
        pledges: [{ memberId: id, type: "党员承诺", content: "", weight: 1, submitted: dayFromYMD(year, 9, 1), review: "通过", completion: "完成", score: null }],
        activities: [
          ...out("读书笔记", 8),
          ...out("心得体会", 8),
          ...out("建言献策", 8),
          ...(deduction === 0 ? [] : [{ memberId: id, date: dayFromYMD(year, 3, 1), category: "扣分", content: "", level: "", bonus: deduction }]),
          ...awards.map((a) => ({ memberId: id, date: dayFromYMD(year, a.month, 1), category: "竞赛获奖", content: a.content, level: a.level, bonus: 0 })),
        ],
        marks: Array.from({ length: sessions }, (): MarkCell => "出席"),
        votes: [votes("上半年"), votes("年终")],
      };
    });
}

/** A random AppraisalInput within the contract the parser guarantees. */
export const inputArb: fc.Arbitrary<AppraisalInput> = yearArb.chain((year) =>
  fc
    .record({
      settings: settingsArb(year),
      sessions: fc.array(dayAround(year), { maxLength: 12 }),
    })
    .chain(({ settings, sessions }) =>
      fc
        .uniqueArray(fc.oneof(bundleArb(year, sessions.length, true), bundleArb(year, sessions.length, false), perfectArb(year, sessions.length)), {
          selector: (b) => b.member.id,
          maxLength: 30,
          size: "medium",
        })
        .map((bundles): AppraisalInput => {
          const cellRow = (i: number): number => i + 2;
          const sessionList: Session[] = sessions.map((d, i) => ({ date: d, title: "集中学习", ref: ref("学习考勤", `${String.fromCharCode(67 + (i % 20))}1`) }));
          const attendance: AttendanceRow[] = bundles
            .filter((b) => b.marks !== null)
            .map((b, i) => ({ memberId: b.member.id, marks: b.marks ?? [], ref: ref("学习考勤", `B${cellRow(i)}`) }));
          return {
            settings,
            members: bundles.map((b, i) => ({ ...b.member, ref: ref("党员名册", `B${cellRow(i)}`) })),
            pledges: bundles.flatMap((b) => b.pledges).map((p, i) => ({ ...p, ref: ref("个人承诺", `A${cellRow(i)}`), submittedRef: ref("个人承诺", `G${cellRow(i)}`) })),
            sessions: sessionList,
            attendance,
            activities: bundles.flatMap((b) => b.activities).map((a, i) => ({ ...a, ref: ref("活动记录", `A${cellRow(i)}`) })),
            votes: bundles.flatMap((b) => b.votes).map((v, i) => ({ ...v, ref: ref("评议打分", `B${cellRow(i)}`), overrideRef: ref("评议打分", `M${cellRow(i)}`) })),
          };
        }),
    ),
);

// ------------------------------------------------------------------ grids: garbage cells

export const ERROR_CELLS: readonly CellValue[] = [{ error: "#N/A" }, { error: "#REF!" }, { error: "#DIV/0!" }, { error: "#VALUE!" }];

/** Digits beyond a double's range: Number() makes Infinity of them. */
const NINES = "9".repeat(400);

/** Every word the parser looks for: sheet names, headers, list values, setting labels, dates. */
const VOCAB: readonly string[] = [
  ...new Set([
    ...INPUT_SHEETS.flatMap((d) => [d.name, ...(d.aliases ?? []), ...d.columns.flatMap((c) => [c.header, ...(c.aliases ?? []), ...(c.list ?? [])])]),
    ...SETTING_DEFS.flatMap((d) => [d.label, ...(d.aliases ?? [])]),
    ...MARKS, ...GRADES, ...PERIODS, ...COMPLETIONS, ...REVIEWS, ...MEMBER_CATEGORIES, ...MASS_LEVELS,
    "参评", "不参评", "有", "无", "是", "否", "不定比例", "1/3", "30%", "按比例分摊", "记0分",
    "2010-09-20 集中学习", "9月20日 党课", "9/20", "2月30日", "2010年9月20日", "2010.9.20", "20100920", "2009-12-01",
    "１２", "００１", "001", "002", " 003 ", "1e3", "-0", "√", "病假", "序号", "备注", NINES, `-${NINES}`, "1,000",
    ...NAMES,
  ]),
];

export const garbageCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.constantFrom("", " ", "\u3000", "\u00a0"),
  fc.double(),
  fc.integer({ min: -100, max: 60000 }),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(...ERROR_CELLS),
  fc.constantFrom(...VOCAB),
);

const SHEET_NAMES: readonly string[] = [...INPUT_SHEETS.flatMap((d) => [d.name, ...(d.aliases ?? [])]), ...OUTPUT_SHEETS.map((d) => d.name), "使用说明"];

const sheetNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SHEET_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...SHEET_NAMES).map((n) => ` ${n}\u3000`) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
);

/** A row that looks like some sheet's header: a few of its headers among garbage. */
const headerishRow: fc.Arbitrary<CellValue[]> = fc
  .tuple(fc.constantFrom(...INPUT_SHEETS), fc.array(garbageCell, { maxLength: 3 }), fc.integer())
  .map(([def, extra, seed]) => {
    const r = seededRandom(seed);
    const headers = def.columns.filter(() => r() < 0.7).map((c) => c.header);
    return shuffle([...headers, ...extra], r);
  });

const garbageRow: fc.Arbitrary<CellValue[]> = fc.oneof({ weight: 5, arbitrary: fc.array(garbageCell, { maxLength: 12 }) }, { weight: 1, arbitrary: headerishRow });

/** Sheets of pure garbage: random names, ragged rows of random cells. */
export const garbageWorkbookArb: fc.Arbitrary<SheetGrid[]> = fc.array(
  fc.record({ name: sheetNameArb, grid: fc.array(garbageRow, { maxLength: 20 }) }),
  { maxLength: 8 },
);

// ------------------------------------------------------------------ grids: almost valid workbooks

export const GRID_YEAR = 2010;

const FULLWIDTH = (s: string): string => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** How a row of another sheet names its member. */
interface MemberRefSpec {
  readonly index: number;
  readonly idStyle: "plain" | "fullwidth" | "spaced";
  readonly mode: "id+name" | "id" | "name-only" | "wrong-name" | "unknown";
}

const memberRefArb: fc.Arbitrary<MemberRefSpec> = fc.record({
  index: fc.nat(40),
  idStyle: fc.oneof({ weight: 6, arbitrary: fc.constant("plain" as const) }, { weight: 1, arbitrary: fc.constantFrom("fullwidth" as const, "spaced" as const) }),
  mode: fc.oneof({ weight: 12, arbitrary: fc.constant("id+name" as const) }, { weight: 1, arbitrary: fc.constantFrom("id" as const, "name-only" as const, "wrong-name" as const, "unknown" as const) }),
});

/** A row about someone else: mostly not on the roster, sometimes a roster member again. */
const strangerRefArb: fc.Arbitrary<MemberRefSpec> = fc.oneof(
  { weight: 3, arbitrary: memberRefArb.map((r) => ({ ...r, mode: "unknown" as const })) },
  { weight: 1, arbitrary: memberRefArb },
);

const idText = (k: number, style: MemberRefSpec["idStyle"]): string => {
  const plain = String(k).padStart(3, "0");
  return style === "fullwidth" ? FULLWIDTH(plain) : style === "spaced" ? ` ${plain}\u3000` : plain;
};

const dayIn2010 = fc.integer({ min: dayFromYMD(GRID_YEAR, 1, 1), max: dayFromYMD(GRID_YEAR, 12, 31) });

/** A date cell in one of the forms a secretary types (or garbage, rarely). */
const dateCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: dayIn2010.map((d) => formatDay(d)) },
  { weight: 3, arbitrary: dayIn2010.map((d) => dateFromDay(d)) },
  { weight: 1, arbitrary: dayIn2010.map((d) => { const { y, m, d: dd } = ymdOf(d); return `${y}年${m}月${dd}日`; }) },
  { weight: 1, arbitrary: dayIn2010.map((d) => { const { m, d: dd } = ymdOf(d); return `${m}月${dd}日`; }) },
  { weight: 1, arbitrary: dayIn2010.map((d) => d + 25569) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "2011-01-03", "2009-12-31", "某天", "2010-02-30", FULLWIDTH("2010-10-01")) },
);

const numberish = (arb: fc.Arbitrary<number>): fc.Arbitrary<CellValue> =>
  fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: arb.map((n) => String(n)) }, { weight: 1, arbitrary: arb.map((n) => FULLWIDTH(String(n))) });

const rosterRowArb = fc.record({
  k: fc.integer({ min: 1, max: 40 }),
  idStyle: memberRefArb.map((r) => r.idStyle),
  name: fc.oneof({ weight: 12, arbitrary: fc.constantFrom<CellValue>(...NAMES) }, { weight: 1, arbitrary: fc.constant<CellValue>(null) }),
  gender: fc.constantFrom<CellValue>("男", "女", null),
  category: fc.oneof({ weight: 8, arbitrary: fc.constant<CellValue>("正式党员") }, { weight: 2, arbitrary: fc.constant<CellValue>("预备党员") }, { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "正式", "预备", "群众") }),
  group: fc.constantFrom<CellValue>("第一党小组", "第二党小组", null),
  joinDate: fc.oneof(dateCell, fc.constant<CellValue>(new Date(Date.UTC(2001, 6, 1)))),
  post: fc.constantFrom<CellValue>("研究员", "工程师", null),
  status: fc.oneof({ weight: 10, arbitrary: fc.constantFrom<CellValue>("参评", null) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>("不参评", "否", "是", "x") }),
  reason: fc.constantFrom<CellValue>(null, "长期病假"),
  sanction: fc.oneof({ weight: 10, arbitrary: fc.constantFrom<CellValue>("无", null) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>("有", "是", "x") }),
});

const pledgeRowArb = fc.record({
  who: memberRefArb,
  type: fc.constantFrom<CellValue>("党员承诺", "岗位承诺", null),
  content: fc.constantFrom<CellValue>("全年读书笔记4篇", "完成设备调试", null),
  due: fc.constantFrom<CellValue>("2010年12月", null),
  weight: fc.oneof({ weight: 6, arbitrary: fc.constantFrom<CellValue>(null, 1) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>(2, "2", 0, -1, "很重", 0.5, "２", NINES) }),
  submitted: dateCell,
  review: fc.oneof({ weight: 8, arbitrary: fc.constant<CellValue>("通过") }, { weight: 1, arbitrary: fc.constantFrom<CellValue>("退回修改", null, "待定") }),
  completion: fc.oneof({ weight: 6, arbitrary: fc.constant<CellValue>("完成") }, { weight: 2, arbitrary: fc.constantFrom<CellValue>(...COMPLETIONS) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "已完成") }),
  reason: fc.constantFrom<CellValue>(null, "设备延期"),
  score: fc.oneof({ weight: 8, arbitrary: fc.constant<CellValue>(null) }, { weight: 2, arbitrary: numberish(cents(0, 100)) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>(120, -5, "八十") }),
});

const sessionHeaderArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: dayIn2010.map((d) => `${formatDay(d)} 集中学习`) },
  { weight: 2, arbitrary: dayIn2010.map((d) => { const { m, d: dd } = ymdOf(d); return `${m}月${dd}日 党课`; }) },
  { weight: 2, arbitrary: dayIn2010.map((d) => { const { m, d: dd } = ymdOf(d); return `${m}/${dd}`; }) },
  { weight: 2, arbitrary: dayIn2010.map((d) => dateFromDay(d)) },
  { weight: 1, arbitrary: dayIn2010.map((d) => { const { y, m, d: dd } = ymdOf(d); return `${y}.${m}.${dd} 学习`; }) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>("序号", "备注", 920, 40441, true, "2009-12-01 学习", new Date(Date.UTC(2011, 0, 5)), "2月30日 党课", "2010-13-01", "党课 9月20日") },
);

const markCellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<CellValue>("出席") },
  { weight: 4, arbitrary: fc.constantFrom<CellValue>(...MARKS) },
  { weight: 2, arbitrary: fc.constant<CellValue>("缺席") },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "√", "病假", " 迟到 ", "") },
);

const attendanceRowArb = fc.record({
  present: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  idStyle: memberRefArb.map((r) => r.idStyle),
  marks: fc.array(markCellArb, { maxLength: 10 }),
});

const activityRowArb = fc.record({
  who: memberRefArb,
  date: dateCell,
  category: fc.oneof({ weight: 6, arbitrary: fc.constantFrom<CellValue>("读书笔记", "心得体会", "建言献策") }, { weight: 2, arbitrary: fc.constantFrom<CellValue>("竞赛获奖", "志愿服务", "其他") }, { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "读书 笔记", 3) }),
  content: fc.constantFrom<CellValue>("读《党章》", "青年创新竞赛二等奖", null),
  level: fc.constantFrom<CellValue>("支部", "所级", null),
  bonus: fc.oneof({ weight: 6, arbitrary: fc.constantFrom<CellValue>(null, 0) }, { weight: 3, arbitrary: numberish(fc.integer({ min: -3, max: 4 })) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>("五", 1.25, -20, "+2", `-${NINES}`) }),
});

const countCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.constant<CellValue>(null) },
  { weight: 1, arbitrary: numberish(fc.integer({ min: 0, max: 12 })) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(-1, 2.5, "x", 0, NINES) },
);

const goodCounts: fc.Arbitrary<CellValue[]> = fc
  .tuple(fc.integer({ min: 8, max: 12 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 8, max: 12 }), fc.integer({ min: 0, max: 1 }))
  .map(([pe, pq, me, mq]) => [pe, pq, 0, null, me, mq, null, 0]);

const voteRowArb = fc.record({
  counts: fc.oneof(fc.array(countCell, { minLength: 8, maxLength: 8 }), goodCounts),
  selfGrade: fc.option(fc.constantFrom<CellValue>(...GRADES, "很好")),
  override: rarely(fc.constantFrom<CellValue>(...GRADES, "很好"), 10),
  reason: rarely(fc.constant<CellValue>("支委会研究决定"), 2),
});

const votesForMemberArb = fc.record({
  half: fc.option(voteRowArb, { freq: 3 }),
  year: fc.option(voteRowArb, { freq: 8 }),
  /** The 年终 row's 期次: written, blank (= the current period), or a synonym. */
  yearPeriod: fc.constantFrom<CellValue>("年终", "年终", null, "全年"),
});

/** One 参数设置 row's 值: the default text, a random valid-looking value, blank, garbage — or no row. */
function settingValueArb(def: SettingDef): fc.Arbitrary<{ row: boolean; value: CellValue }> {
  const k = def.kind;
  let random: fc.Arbitrary<CellValue>;
  switch (k.type) {
    case "number":
    case "percent": {
      const n = k.type === "number" && k.integer === true ? fc.integer({ min: k.min, max: k.max }) : cents(k.min, k.max);
      random = fc.oneof(
        n,
        n.map((x) => (k.type === "percent" ? `${x}%` : String(x))),
        fc.constantFrom<CellValue>(k.max + 1, k.min - 1),
        ...(k.type === "percent" ? [n.map((x) => x / 100)] : []),
      );
      break;
    }
    case "ratio":
      random = fc.constantFrom<CellValue>("1/3", "30%", 0.25, "不定比例", "10%", "1/2", "0", "2/1", 0.333, "33.3%", "99.9999999%");
      break;
    case "bool":
      random = fc.constantFrom<CellValue>("是", "否", true, false, "√", "×", "开", "也许");
      break;
    case "date":
      random = fc.constantFrom<CellValue>("2010-09-14", new Date(Date.UTC(2010, 9, 1)), "9月1日", "2010年10月1日", "2月30日");
      break;
    case "enum":
      random = fc.constantFrom<CellValue>(...k.values.map((v) => v.label), "其他");
      break;
    case "text":
      random = fc.string({ maxLength: 8 });
      break;
  }
  if (def.key === "year") random = fc.constantFrom<CellValue>(GRID_YEAR, String(GRID_YEAR), FULLWIDTH(String(GRID_YEAR)), null, 2011, "二〇一〇");
  const base = def.key === "year" ? GRID_YEAR : settingValueText(def, { ...DEFAULT_SETTINGS, year: GRID_YEAR });
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant({ row: true, value: base }) },
    { weight: 3, arbitrary: random.map((value) => ({ row: true, value })) },
    { weight: 1, arbitrary: fc.constant({ row: false, value: null }) },
    { weight: 1, arbitrary: garbageCell.map((value) => ({ row: true, value })) },
  );
}

/** Most workbooks keep every setting at its default (the year and period aside); some are noisy. */
const settingsRowsArb = fc.oneof(
  fc.tuple(...SETTING_DEFS.map((d) => (d.key === "year" || d.key === "period" ? settingValueArb(d) : fc.constant({ row: true, value: settingValueText(d, { ...DEFAULT_SETTINGS, year: GRID_YEAR }) })))),
  fc.tuple(...SETTING_DEFS.map(settingValueArb)),
);

/** How one sheet is laid out: its name, rows above the header, column choices (by seed). */
const layoutArb = fc.record({
  name: fc.oneof(
    { weight: 16, arbitrary: fc.constant("canonical" as const) },
    { weight: 2, arbitrary: fc.constantFrom("alias" as const, "spaced" as const) },
    { weight: 1, arbitrary: fc.constantFrom("missing" as const, "garbage" as const) },
  ),
  above: fc.oneof(
    { weight: 8, arbitrary: fc.constant<CellValue[][]>([]) },
    { weight: 3, arbitrary: fc.array(fc.array(garbageCell, { maxLength: 4 }), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.constant<CellValue[]>(["标题"]), { minLength: 13, maxLength: 16 }) },
    { weight: 40, arbitrary: fc.constant<CellValue[][]>([]) },
  ),
  seed: fc.integer(),
});

export interface Mutation {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({ sheet: fc.nat(5), row: fc.nat(30), col: fc.nat(16), value: garbageCell });
const raggedArb = fc.record({ sheet: fc.nat(5), row: fc.nat(30), keep: fc.nat(12) });

/** A column of a sheet as rendered: header candidates (for a layout column) and one cell per data row. */
interface RenderColumn {
  readonly def: ColumnDef | null;
  readonly header: CellValue;
  readonly cells: readonly CellValue[];
}

function renderSheet(columns: readonly RenderColumn[], rowCount: number, layout: { above: CellValue[][]; seed: number }): CellValue[][] {
  const r = seededRandom(layout.seed);
  const headerText = (c: RenderColumn): CellValue => {
    if (!c.def || typeof c.header !== "string") return c.header;
    const names = [c.def.header, ...(c.def.aliases ?? [])];
    const base = r() < 0.8 ? c.def.header : (names[Math.floor(r() * names.length)] as string);
    const x = r();
    return x < 0.85 ? base : x < 0.9 ? ` ${base} ` : x < 0.95 ? `${base}\u3000` : `*${base}`;
  };
  // Keep required columns almost always, optional ones mostly; add an extra column or two.
  const kept = columns.filter((c) => (c.def?.required ? r() < 0.97 : r() < 0.9));
  const extras: RenderColumn[] = [];
  if (r() < 0.3) extras.push({ def: null, header: "序号", cells: Array.from({ length: rowCount }, (_, i) => i + 1) });
  if (r() < 0.2) extras.push({ def: null, header: "备注（手工）", cells: Array.from({ length: rowCount }, () => (r() < 0.5 ? "调入" : null)) });
  const order = r() < 0.5 ? [...kept, ...extras] : shuffle([...kept, ...extras], r);
  const header = order.map(headerText);
  const data = Array.from({ length: rowCount }, (_, i) => order.map((c) => c.cells[i] ?? null));
  return [...layout.above.map((row) => [...row]), header, ...data];
}

function columnsOf<K extends string>(def: SheetDef<K>, cells: Partial<Record<K, CellValue[]>>, extra: RenderColumn[] = []): RenderColumn[] {
  return [...def.columns.map((c) => ({ def: c, header: c.header, cells: cells[c.key] ?? [] })), ...extra];
}

function sheetName(def: SheetDef, layout: { name: string; seed: number }): string | null {
  const aliases = def.aliases ?? [];
  switch (layout.name) {
    case "alias":
      return aliases.length > 0 ? (aliases[Math.abs(layout.seed) % aliases.length] as string) : def.name;
    case "spaced":
      return ` ${def.name}\u3000`;
    case "missing":
      return null;
    case "garbage":
      return `Sheet${Math.abs(layout.seed) % 10}`;
    default:
      return def.name;
  }
}

/** An almost valid workbook: a random branch, laid out at random, then damaged at random. */
export function nearlyValidWorkbookArb(maxMutations: number): fc.Arbitrary<SheetGrid[]> {
  return fc
    .record({
      settings: settingsRowsArb,
      roster: fc.uniqueArray(rosterRowArb, { selector: (r) => r.k, maxLength: 20, size: "medium" }),
      /** Row i is about roster member i (how it names the member is in `who`), then a few others. */
      pledges: fc.array(fc.array(pledgeRowArb, { maxLength: 2 }), { maxLength: 20, size: "medium" }),
      extraPledges: fc.array(pledgeRowArb.map((p) => ({ ...p, who: { ...p.who, mode: "unknown" as const } })), { maxLength: 2 }),
      sessions: fc.array(sessionHeaderArb, { maxLength: 8 }),
      attendance: fc.array(attendanceRowArb, { maxLength: 20, size: "medium" }),
      extraAttendance: fc.array(fc.record({ who: strangerRefArb, marks: fc.array(markCellArb, { maxLength: 8 }) }), { maxLength: 2 }),
      activities: fc.array(fc.array(activityRowArb, { maxLength: 6 }), { maxLength: 20, size: "medium" }),
      extraActivities: fc.array(activityRowArb, { maxLength: 2 }),
      votes: fc.array(votesForMemberArb, { maxLength: 20, size: "medium" }),
      extraVotes: fc.array(fc.record({ who: strangerRefArb, row: voteRowArb, period: fc.constantFrom<CellValue>("年终", "上半年", "第三季度", null) }), { maxLength: 2 }),
      layouts: fc.array(layoutArb, { minLength: 6, maxLength: 6 }),
      mutations: fc.array(mutationArb, { maxLength: maxMutations }),
      ragged: fc.array(raggedArb, { maxLength: 3 }),
      extraSheets: fc.array(fc.record({ name: sheetNameArb, grid: fc.array(garbageRow, { maxLength: 5 }) }), { maxLength: 1 }),
      sheetOrder: fc.integer(),
    })
    .map((m): SheetGrid[] => {
      const roster = m.roster;
      const who = (w: MemberRefSpec): { id: CellValue; name: CellValue } => {
        const member = roster.length > 0 ? roster[w.index % roster.length] : undefined;
        if (!member || w.mode === "unknown") return { id: idText(99, w.idStyle), name: "外人" };
        const id = idText(member.k, w.idStyle);
        switch (w.mode) {
          case "id":
            return { id, name: null };
          case "name-only":
            return { id: null, name: member.name };
          case "wrong-name":
            return { id, name: "某某" };
          default:
            return { id, name: member.name };
        }
      };
      const col = <T>(rows: readonly T[], f: (r: T) => CellValue): CellValue[] => rows.map(f);

      // 参数设置
      const settingRows = SETTING_DEFS.map((d, i) => ({ def: d, v: m.settings[i] as { row: boolean; value: CellValue } })).filter((x) => x.v.row);
      const settingsGrid = renderSheet(columnsOf(SETTINGS_SHEET, {
        key: col(settingRows, (x) => x.def.label),
        value: col(settingRows, (x) => x.v.value),
        note: col(settingRows, (x) => x.def.note),
      }), settingRows.length, m.layouts[0] as { above: CellValue[][]; seed: number });

      // 党员名册
      const rosterGrid = renderSheet(columnsOf(ROSTER_SHEET, {
        id: col(roster, (r) => idText(r.k, r.idStyle)),
        name: col(roster, (r) => r.name),
        gender: col(roster, (r) => r.gender),
        category: col(roster, (r) => r.category),
        group: col(roster, (r) => r.group),
        joinDate: col(roster, (r) => r.joinDate),
        post: col(roster, (r) => r.post),
        status: col(roster, (r) => r.status),
        exclusionReason: col(roster, (r) => r.reason),
        sanctioned: col(roster, (r) => r.sanction),
        note: col(roster, () => null),
      }), roster.length, m.layouts[1] as { above: CellValue[][]; seed: number });

      // 个人承诺
      const pledgeRows = [
        ...roster.flatMap((_, i) => (m.pledges[i] ?? []).map((p) => ({ ...p, who: { ...p.who, index: i } }))),
        ...m.extraPledges,
      ];
      const pledgeWho = pledgeRows.map((p) => who(p.who));
      const pledgeGrid = renderSheet(columnsOf(PLEDGE_SHEET, {
        id: pledgeWho.map((w) => w.id),
        name: pledgeWho.map((w) => w.name),
        type: col(pledgeRows, (p) => p.type),
        content: col(pledgeRows, (p) => p.content),
        due: col(pledgeRows, (p) => p.due),
        weight: col(pledgeRows, (p) => p.weight),
        submitted: col(pledgeRows, (p) => p.submitted),
        review: col(pledgeRows, (p) => p.review),
        completion: col(pledgeRows, (p) => p.completion),
        reason: col(pledgeRows, (p) => p.reason),
        score: col(pledgeRows, (p) => p.score),
      }), pledgeRows.length, m.layouts[2] as { above: CellValue[][]; seed: number });

      // 学习考勤: one row per roster member (mostly), a few rows about others.
      const attRows = [
        ...roster.flatMap((r, i) => {
          const a = m.attendance[i];
          if (a && !a.present) return [];
          return [{ id: idText(r.k, a?.idStyle ?? "plain"), name: r.name, marks: a?.marks ?? [] }];
        }),
        ...m.extraAttendance.map((x) => ({ ...who(x.who), marks: x.marks })),
      ];
      const sessionCols: RenderColumn[] = m.sessions.map((h, j) => ({ def: null, header: h, cells: attRows.map((row) => row.marks[j] ?? null) }));
      const attendanceGrid = renderSheet(columnsOf(ATTENDANCE_SHEET, {
        id: attRows.map((x) => x.id),
        name: attRows.map((x) => x.name),
      }, sessionCols), attRows.length, m.layouts[3] as { above: CellValue[][]; seed: number });

      // 活动记录
      const actRows = [
        ...roster.flatMap((_, i) => (m.activities[i] ?? []).map((a) => ({ ...a, who: { ...a.who, index: i } }))),
        ...m.extraActivities,
      ];
      const actWho = actRows.map((a) => who(a.who));
      const activityGrid = renderSheet(columnsOf(ACTIVITY_SHEET, {
        id: actWho.map((w) => w.id),
        name: actWho.map((w) => w.name),
        date: col(actRows, (a) => a.date),
        category: col(actRows, (a) => a.category),
        content: col(actRows, (a) => a.content),
        level: col(actRows, (a) => a.level),
        bonus: col(actRows, (a) => a.bonus),
      }), actRows.length, m.layouts[4] as { above: CellValue[][]; seed: number });

      // 评议打分: 0–2 rows per roster member (上半年, 年终), a few rows about others.
      type VRow = { period: CellValue; id: CellValue; name: CellValue; row: (typeof m.extraVotes)[number]["row"] };
      const voteRows: VRow[] = [
        ...roster.flatMap((r, i) => {
          const v = m.votes[i];
          if (!v) return [];
          const out: VRow[] = [];
          if (v.half) out.push({ period: "上半年", id: idText(r.k, "plain"), name: r.name, row: v.half });
          if (v.year) out.push({ period: v.yearPeriod, id: idText(r.k, "plain"), name: r.name, row: v.year });
          return out;
        }),
        ...m.extraVotes.map((x) => ({ period: x.period, ...who(x.who), row: x.row })),
      ];
      const countKeys = [...GRADES.map((g) => `peer_${g}`), ...MASS_LEVELS.map((l) => `mass_${l}`)];
      const voteCells: Record<string, CellValue[]> = {
        period: voteRows.map((v) => v.period),
        id: voteRows.map((v) => v.id),
        name: voteRows.map((v) => v.name),
        selfGrade: voteRows.map((v) => v.row.selfGrade),
        override: voteRows.map((v) => v.row.override),
        overrideReason: voteRows.map((v) => v.row.reason),
      };
      countKeys.forEach((key, j) => {
        voteCells[key] = voteRows.map((v) => v.row.counts[j] ?? null);
      });
      const votesGrid = renderSheet(columnsOf(VOTES_SHEET, voteCells), voteRows.length, m.layouts[5] as { above: CellValue[][]; seed: number });

      const grids = [settingsGrid, rosterGrid, pledgeGrid, attendanceGrid, activityGrid, votesGrid];
      for (const mu of m.mutations) {
        const g = grids[mu.sheet] as CellValue[][];
        while (g.length <= mu.row) g.push([]);
        const row = g[mu.row] as CellValue[];
        while (row.length <= mu.col) row.push(null);
        row[mu.col] = mu.value;
      }
      for (const rg of m.ragged) {
        const row = (grids[rg.sheet] as CellValue[][])[rg.row];
        if (row) row.length = Math.min(row.length, rg.keep);
      }
      const sheets: SheetGrid[] = [];
      INPUT_SHEETS.forEach((def, i) => {
        const layout = m.layouts[i] as { name: string; seed: number };
        const name = sheetName(def, layout);
        if (name !== null) sheets.push({ name, grid: grids[i] as CellValue[][] });
      });
      // Two sheets of one name cannot exist in a workbook: drop a garbage sheet that clashes.
      const extra = m.extraSheets.filter((x) => !sheets.some((s) => s.name === x.name));
      return shuffle([...sheets, ...extra], seededRandom(m.sheetOrder));
    });
}
