/**
 * Settings with defaults. Each setting is one row of the 参数设置 sheet; the table below is the
 * single place that knows a setting's Chinese name, kind, range, default and note, so the
 * template writer, the parser and the docs all read the same data.
 */
import { type Day, dayFromYMD, formatDay } from "./dates";
import type { Ratio } from "./numbers";
import type { Period } from "./types";

export type MissingComponentRule = "spread" | "zero";
/** Whom the 优秀 cap counts: the 参评 正式党员 (default), or every 正式党员 of the branch. */
export type CapBase = "participating" | "all";

export interface Settings {
  branchName: string;
  year: number;
  period: Period;
  /** null = 考评年度-09-14, as in the seed. */
  pledgeDeadline: Day | null;
  weightStudy: number;
  weightPledge: number;
  weightPeer: number;
  weightMass: number;
  attendanceShare: number;
  markPresent: number;
  markLate: number;
  markMakeUp: number;
  markLeave: number;
  markAbsent: number;
  quotaNotesYear: number;
  quotaEssaysYear: number;
  quotaSuggestionsYear: number;
  quotaNotesHalf: number;
  quotaEssaysHalf: number;
  quotaSuggestionsHalf: number;
  pledgeDone: number;
  pledgeMostly: number;
  pledgeNotDone: number;
  peerExcellent: number;
  peerQualified: number;
  peerBasic: number;
  peerFail: number;
  massSatisfied: number;
  massFairly: number;
  massBasic: number;
  massNot: number;
  missingComponent: MissingComponentRule;
  bonusCap: number;
  thresholdExcellent: number;
  thresholdQualified: number;
  thresholdBasic: number;
  gateSanction: boolean;
  gateAbsence: boolean;
  absenceLimit: number;
  gatePledge: boolean;
  /** null = 不定比例 (no cap). */
  excellentCap: Ratio | null;
  nominationPledgeMin: number;
  instituteRatio: Ratio;
  instituteMin: number;
  flagMassSatisfiedMin: number;
  flagPeerFailMax: number;
  flagAbsenceDays: number;
  lateDeduction: number;
  excellentCapBase: CapBase;
  /** A vote component is the mean vote value ÷ this × 100 (100: the values are the score). */
  voteFullMark: number;
  /** 预备党员 on the 测评票 (marked 不评定等次，供参考), or left off them. */
  ballotProbationary: boolean;
  /** 互评 ballots handed out (null: not checked); more typed into 互评计票 voids the round. */
  peerBallotsIssued: number | null;
  /** 群众评议 ballots handed out (null: not checked). */
  massBallotsIssued: number | null;
  /** A ballot with more 优秀 than the 优秀 cap: counted with a 提示, or void. */
  overCapBallot: OverCapBallot;
  /** 反馈单 at 上半年 too (年终 always has them). */
  feedbackHalfYear: boolean;
}

/** What a ballot with more 优秀 marks than the 优秀 cap is: counted (a 提示 says so) or void. */
export type OverCapBallot = "hint" | "void";

export type SettingKey = keyof Settings;

export type SettingKind =
  | { readonly type: "text" }
  /** optional: a blank value is a setting left unset (null), not a missing one. */
  | { readonly type: "number"; readonly min: number; readonly max: number; readonly integer?: boolean; readonly optional?: boolean }
  | { readonly type: "percent"; readonly min: number; readonly max: number }
  | { readonly type: "ratio"; readonly allowNone: boolean }
  | { readonly type: "bool" }
  | { readonly type: "date" }
  | { readonly type: "enum"; readonly values: readonly { readonly label: string; readonly value: string }[] };

export interface SettingDef {
  readonly key: SettingKey;
  /** The 参数 text in the sheet. */
  readonly label: string;
  /** Other spellings accepted in the 参数 column. */
  readonly aliases?: readonly string[];
  readonly kind: SettingKind;
  /** The 说明 text written by the template. */
  readonly note: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  branchName: "",
  year: 2010,
  period: "年终",
  pledgeDeadline: null,
  weightStudy: 30,
  weightPledge: 30,
  weightPeer: 25,
  weightMass: 15,
  attendanceShare: 70,
  markPresent: 1,
  markLate: 0.8,
  markMakeUp: 0.8,
  markLeave: 0.5,
  markAbsent: 0,
  quotaNotesYear: 4,
  quotaEssaysYear: 2,
  quotaSuggestionsYear: 1,
  quotaNotesHalf: 2,
  quotaEssaysHalf: 1,
  quotaSuggestionsHalf: 1,
  pledgeDone: 100,
  pledgeMostly: 70,
  pledgeNotDone: 0,
  peerExcellent: 100,
  peerQualified: 85,
  peerBasic: 70,
  peerFail: 50,
  massSatisfied: 100,
  massFairly: 85,
  massBasic: 70,
  massNot: 50,
  missingComponent: "spread",
  bonusCap: 5,
  thresholdExcellent: 90,
  thresholdQualified: 70,
  thresholdBasic: 60,
  gateSanction: true,
  gateAbsence: true,
  absenceLimit: 3,
  gatePledge: true,
  excellentCap: { num: 1, den: 3 },
  nominationPledgeMin: 90,
  instituteRatio: { num: 10, den: 100 },
  instituteMin: 1,
  flagMassSatisfiedMin: 50,
  flagPeerFailMax: 50,
  flagAbsenceDays: 180,
  lateDeduction: 0,
  excellentCapBase: "participating",
  voteFullMark: 100,
  ballotProbationary: true,
  peerBallotsIssued: null,
  massBallotsIssued: null,
  overCapBallot: "hint",
  feedbackHalfYear: false,
});

const score = { type: "number", min: 0, max: 100 } as const;
const markValue = { type: "number", min: 0, max: 1 } as const;
const quota = { type: "number", min: 0, max: 100, integer: true } as const;
const weight = { type: "percent", min: 0, max: 100 } as const;

export const SETTING_DEFS: readonly SettingDef[] = [
  { key: "branchName", label: "支部名称", kind: { type: "text" }, note: "写入各输出表的标题" },
  { key: "year", label: "考评年度", aliases: ["年度"], kind: { type: "number", min: 1990, max: 2100, integer: true }, note: "四位年份，如 2010；不带年份的场次日期按此年度理解" },
  {
    key: "period",
    label: "考评期",
    aliases: ["考评期次", "期次"],
    kind: { type: "enum", values: [{ label: "上半年", value: "上半年" }, { label: "年终", value: "年终" }] },
    note: "上半年：只计 1–6 月的学习、活动和上半年评议；年终：计全年，并产生表彰推荐",
  },
  { key: "pledgeDeadline", label: "承诺提交截止日期", aliases: ["个人打算截止日期", "承诺截止日期"], kind: { type: "date" }, note: "留空为考评年度的 9月14日；晚于此日提交的承诺给出提示" },
  { key: "weightStudy", label: "学习权重", kind: weight, note: "四项权重合计须为 100%" },
  { key: "weightPledge", label: "承诺践诺权重", kind: weight, note: "参照个人打算考核得分" },
  { key: "weightPeer", label: "党员互评权重", kind: weight, note: "民主评议党员中党员之间的评议" },
  { key: "weightMass", label: "群众评议权重", kind: weight, note: "群众对党员的评议" },
  { key: "attendanceShare", label: "学习中考勤占比", kind: weight, note: "学习得分中考勤所占比例，其余为读书笔记、心得体会、建言献策" },
  { key: "markPresent", label: "考勤分值-出席", kind: markValue, note: "0–1 之间" },
  { key: "markLate", label: "考勤分值-迟到", kind: markValue, note: "0–1 之间" },
  { key: "markMakeUp", label: "考勤分值-补学", kind: markValue, note: "0–1 之间" },
  { key: "markLeave", label: "考勤分值-请假", kind: markValue, note: "0–1 之间" },
  { key: "markAbsent", label: "考勤分值-缺席", kind: markValue, note: "0–1 之间；空白考勤按缺席计" },
  { key: "quotaNotesYear", label: "全年定额-读书笔记", kind: quota, note: "年终考评期的篇数要求；0 表示不考核此项" },
  { key: "quotaEssaysYear", label: "全年定额-心得体会", kind: quota, note: "年终考评期的篇数要求" },
  { key: "quotaSuggestionsYear", label: "全年定额-建言献策", kind: quota, note: "“我为组织建一言”，每人至少一条" },
  { key: "quotaNotesHalf", label: "上半年定额-读书笔记", kind: quota, note: "上半年考评期的篇数要求" },
  { key: "quotaEssaysHalf", label: "上半年定额-心得体会", kind: quota, note: "上半年考评期的篇数要求" },
  { key: "quotaSuggestionsHalf", label: "上半年定额-建言献策", kind: quota, note: "上半年考评期的条数要求" },
  { key: "pledgeDone", label: "承诺分值-完成", kind: score, note: "未填考核得分时按完成情况计分" },
  { key: "pledgeMostly", label: "承诺分值-基本完成", kind: score, note: "0–100" },
  { key: "pledgeNotDone", label: "承诺分值-未完成", kind: score, note: "0–100；完成情况空白也按 0 分" },
  { key: "peerExcellent", label: "互评分值-优秀", kind: score, note: "每张优秀票的分值" },
  { key: "peerQualified", label: "互评分值-合格", kind: score, note: "0–100" },
  { key: "peerBasic", label: "互评分值-基本合格", kind: score, note: "0–100" },
  { key: "peerFail", label: "互评分值-不合格", kind: score, note: "0–100" },
  { key: "massSatisfied", label: "群众分值-满意", kind: score, note: "每张满意票的分值" },
  { key: "massFairly", label: "群众分值-比较满意", kind: score, note: "0–100" },
  { key: "massBasic", label: "群众分值-基本满意", kind: score, note: "0–100" },
  { key: "massNot", label: "群众分值-不满意", kind: score, note: "0–100" },
  {
    key: "missingComponent",
    label: "缺项处理",
    kind: { type: "enum", values: [{ label: "按比例分摊", value: "spread" }, { label: "记0分", value: "zero" }] },
    note: "某项无从计分（本期无学习场次、无评议票）时：其权重按比例分摊到其余各项，或该项记 0 分",
  },
  { key: "bonusCap", label: "奉献加分上限", kind: { type: "number", min: 0, max: 20 }, note: "活动记录“加分”合计的上限（分）" },
  { key: "thresholdExcellent", label: "优秀分数线", kind: score, note: "综合得分不低于此分建议为优秀" },
  { key: "thresholdQualified", label: "合格分数线", kind: score, note: "须低于优秀分数线" },
  { key: "thresholdBasic", label: "基本合格分数线", kind: score, note: "须低于合格分数线；更低为不合格" },
  { key: "gateSanction", label: "优秀条件-本年未受处分", kind: { type: "bool" }, note: "是：本年受处分的党员不能评为优秀" },
  { key: "gateAbsence", label: "优秀条件-无故缺席次数", kind: { type: "bool" }, note: "是：本期无故缺席（缺席或空白）达到下一项次数的不能评为优秀" },
  { key: "absenceLimit", label: "无故缺席次数上限", kind: { type: "number", min: 1, max: 100, integer: true }, note: "达到此次数即不能评为优秀" },
  { key: "gatePledge", label: "优秀条件-承诺全部完成", kind: { type: "bool" }, note: "是：没有承诺、承诺被退回修改或有未完成项的不能评为优秀" },
  { key: "excellentCap", label: "优秀比例上限", kind: { type: "ratio", allowNone: true }, note: "如 1/3 或 30%；填“不定比例”则不限。并列于分界线的全部标为待定" },
  { key: "nominationPledgeMin", label: "表彰-承诺践诺最低分", kind: score, note: "最终等次优秀且承诺践诺不低于此分的列入支部表彰" },
  { key: "instituteRatio", label: "所级推荐比例", kind: { type: "ratio", allowNone: false }, note: "按参评正式党员人数计，如 10%" },
  { key: "instituteMin", label: "所级推荐最少人数", kind: { type: "number", min: 0, max: 100, integer: true }, note: "有支部表彰人选时至少推荐的人数" },
  { key: "flagMassSatisfiedMin", label: "提醒-群众满意率低于", kind: weight, note: "满意与比较满意票占比低于此值时提醒支委会" },
  { key: "flagPeerFailMax", label: "提醒-互评不合格票超过", kind: weight, note: "不合格票占比超过此值时提醒支委会" },
  { key: "flagAbsenceDays", label: "提醒-连续缺席天数", kind: { type: "number", min: 30, max: 366, integer: true }, note: "连续缺席达到此天数时提醒（党章：连续六个月）" },
  { key: "lateDeduction", label: "承诺迟交扣分", kind: { type: "number", min: 0, max: 100 }, note: "有迟交承诺的党员承诺践诺得分扣减的分数；默认 0，只提示" },
  // Later settings go last: the rows above keep their places in existing 参数设置 sheets.
  {
    key: "excellentCapBase",
    label: "优秀比例基数",
    kind: { type: "enum", values: [{ label: "参评正式党员", value: "participating" }, { label: "全体正式党员", value: "all" }] },
    note: "优秀比例上限按此人数计：参评正式党员（默认），或全体正式党员（含不参评的正式党员，部分组织部门按此计）",
  },
  {
    key: "voteFullMark",
    label: "评议票满分",
    kind: { type: "number", min: 1, max: 100 },
    note: "互评、群众评议得分 = 票的平均分值 ÷ 此满分 × 100；票分值用 10/7/5/2 时填 10，各票分值不得高于此满分",
  },
  { key: "ballotProbationary", label: "测评票-列入预备党员", kind: { type: "bool" }, note: "是：预备党员列入测评票，标明“不评定等次，供参考”；否：不列入" },
  {
    key: "peerBallotsIssued",
    label: "互评发出票数",
    kind: { type: "number", min: 0, max: 100000, integer: true, optional: true },
    note: "本期发出的党员互评测评票张数；留空不核对。互评计票中录入的票多于此数时，本期互评票全部不采用（按规定重新投票）",
  },
  {
    key: "massBallotsIssued",
    label: "群众发出票数",
    kind: { type: "number", min: 0, max: 100000, integer: true, optional: true },
    note: "本期发出的群众评议测评票张数；留空不核对。群众计票中录入的票多于此数时，本期群众评议票全部不采用",
  },
  {
    key: "overCapBallot",
    label: "超比例选票",
    kind: { type: "enum", values: [{ label: "提示", value: "hint" }, { label: "作废", value: "void" }] },
    note: "一张互评票上“优秀”多于优秀比例上限时：提示（照常计入，列入问题清单），或作废（整张票不计入）",
  },
  {
    key: "feedbackHalfYear",
    label: "反馈单-上半年",
    kind: { type: "bool" },
    note: "年终考评总是生成“反馈单”（每名参评党员一份，向本人反馈评议结果）；是：上半年考评也生成；否：上半年不生成",
  },
];

export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS };
}

export function pledgeDeadline(settings: Settings): Day {
  return settings.pledgeDeadline ?? dayFromYMD(settings.year, 9, 14);
}

export function settingDef(key: SettingKey): SettingDef {
  const def = SETTING_DEFS.find((d) => d.key === key);
  if (!def) throw new Error(`unknown setting ${key}`);
  return def;
}

/** The display text of a setting's value, as the template writes it into the 值 column. */
export function settingValueText(def: SettingDef, settings: Settings): string | number {
  const value = settings[def.key];
  switch (def.kind.type) {
    case "ratio": {
      const r = value as Ratio | null;
      if (r === null) return "不定比例";
      return r.den === 100 ? `${r.num}%` : `${r.num}/${r.den}`;
    }
    case "bool":
      return value ? "是" : "否";
    case "percent":
      return `${value as number}%`;
    case "enum": {
      const found = def.kind.values.find((v) => v.value === value);
      return found ? found.label : typeof value === "string" ? value : "";
    }
    case "date":
      return value === null ? "" : formatDay(value as Day);
    case "number":
      return value === null ? "" : (value as number);
    case "text":
      return value as string;
  }
}
