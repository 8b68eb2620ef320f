/**
 * The workbook layout as data: every sheet's name, columns, header aliases, value types,
 * drop-down lists, widths and fill-in notes. The parser, the template writer and both hosts
 * read this table; none of them knows a column by position.
 */
import { SETTING_DEFS } from "../core/settings";
import { type BallotKind, COMPLETIONS, GRADES, MARKS, MEMBER_CATEGORIES, PERIODS, REVIEWS } from "../core/types";

export type ColumnType =
  | "id" // 编号: text key, full-width digits folded
  | "text"
  | "date"
  | "number" // any real number
  | "count" // a non-negative whole number (vote counts)
  | "list"; // one of `list`

export interface ColumnDef<K extends string = string> {
  /** Stable identifier used in code; a literal type, so a misspelt key does not compile. */
  readonly key: K;
  readonly header: string;
  readonly aliases?: readonly string[];
  readonly type: ColumnType;
  /** Allowed values, for type list (a drop-down in the template). */
  readonly list?: readonly string[];
  /** A list that also accepts other text (the drop-down only suggests). */
  readonly openList?: boolean;
  /** Missing column = 错误 (otherwise the column is optional and read as blank). */
  readonly required?: boolean;
  /** Column width in characters. */
  readonly width: number;
  /** The short fill-in note shown on the header cell. */
  readonly note: string;
  /** Number format for the template and outputs (Excel syntax). */
  readonly numFmt?: string;
  /**
   * The range a number column's cells must be in: the template's validation refuses others
   * (a count column is a whole number ≥ 0 without saying so here).
   */
  readonly bounds?: { readonly min?: number; readonly max?: number };
  /**
   * A date column whose dates must fall in 考评年度: the template's validation says so, as a
   * stop when the parser calls a date outside the year an 错误, as a warning when a 提示.
   */
  readonly inYear?: "错误" | "提示";
}

export interface SheetDef<K extends string = string> {
  readonly name: string;
  /** Other sheet names accepted on reading (a renamed or older template). */
  readonly aliases?: readonly string[];
  readonly columns: readonly ColumnDef<K>[];
  /** The headers that identify the header row. */
  readonly keyHeaders: readonly string[];
  /** One line for the 使用说明 sheet. */
  readonly purpose: string;
  /**
   * The sentence the template prints in row 1, above the header (cell notes do not print):
   * what a row is and what to fill in. Never the text of a header, nor begins with a date.
   */
  readonly guidance?: string;
}

/** The column keys of a sheet: `ColumnKey<typeof PLEDGE_SHEET>` is "id" | "name" | "type" | … */
export type ColumnKey<D> = D extends SheetDef<infer K> ? K : never;

/**
 * Declares a sheet and keeps its column keys as a union of literals (inferred from the
 * columns), so the parser's `row.get("weight")` is checked against the sheet it reads.
 */
function sheetDef<const K extends string>(def: SheetDef<K>): SheetDef<K> {
  return def;
}

const id: ColumnDef<"id"> = {
  key: "id",
  header: "编号",
  aliases: ["党员编号", "工号", "人员编号", "编码"],
  type: "id",
  required: true,
  width: 10,
  note: "与党员名册中的编号一致",
};
const name: ColumnDef<"name"> = {
  key: "name",
  header: "姓名",
  aliases: ["党员姓名", "名字"],
  type: "text",
  required: true,
  width: 10,
  note: "与党员名册一致；编号为空时按姓名匹配",
};

/**
 * How far one 活动记录 row's 加分 may go either way: the highest 奉献加分上限 参数设置 allows.
 * A row above it could never count in full, whatever the cap is set to later; the template's
 * validation must not depend on the cap of the day, which she may still change.
 */
const BONUS_LIMIT = (() => {
  const def = SETTING_DEFS.find((d) => d.key === "bonusCap");
  if (def?.kind.type !== "number") throw new Error("奉献加分上限 is no longer a number setting");
  return def.kind.max;
})();

export const SETTINGS_SHEET = sheetDef({
  name: "参数设置",
  aliases: ["参数", "设置", "考评参数"],
  keyHeaders: ["参数", "值"],
  purpose: "支部名称、考评年度、考评期，以及权重、分数线、优秀比例等全部参数；删除某行即使用默认值",
  guidance: "只改“值”一列：先填支部名称、考评年度、考评期，其余按“说明”修改；参数名称请勿改动，删除某行即使用默认值。",
  columns: [
    { key: "key", header: "参数", aliases: ["参数名称", "项目"], type: "text", required: true, width: 24, note: "参数名称，请勿修改" },
    { key: "value", header: "值", aliases: ["参数值", "取值", "数值"], type: "text", required: true, width: 16, note: "按说明填写" },
    { key: "note", header: "说明", aliases: ["备注"], type: "text", width: 60, note: "参数的含义与取值范围" },
  ],
});

export const ROSTER_SHEET = sheetDef({
  name: "党员名册",
  aliases: ["名册", "党员花名册", "花名册", "党员名单"],
  keyHeaders: ["编号", "姓名"],
  purpose: "每名党员一行；编号唯一。参评状态为不参评的党员不计分，须写明原因",
  guidance: "每名党员一行，编号不可重复（其他各表按编号找人）；参评状态选“不参评”的，须填写不参评原因。",
  columns: [
    { ...id, note: "每名党员一个编号，不可重复；其他各表按编号对应到人" },
    { ...name, note: "党员姓名" },
    { key: "gender", header: "性别", type: "list", list: ["男", "女"], width: 6, note: "男 / 女" },
    { key: "category", header: "党员类别", aliases: ["类别", "党员身份"], type: "list", list: MEMBER_CATEGORIES, width: 10, note: "正式党员 / 预备党员；预备党员计分排名但不评定等次" },
    { key: "group", header: "党小组", type: "text", width: 10, note: "所在党小组" },
    { key: "joinDate", header: "入党时间", aliases: ["入党日期"], type: "date", width: 12, note: "日期或年月，如 2005-07-01、2005年7月；用于推荐表", numFmt: "yyyy-mm-dd" },
    { key: "post", header: "岗位/职务", aliases: ["岗位", "职务", "岗位职务"], type: "text", width: 14, note: "岗位或职务" },
    { key: "status", header: "参评状态", aliases: ["是否参评"], type: "list", list: ["参评", "不参评"], width: 10, note: "参评 / 不参评；空白按参评" },
    { key: "exclusionReason", header: "不参评原因", type: "text", width: 16, note: "不参评时必填，如长期病假、出国" },
    { key: "sanctioned", header: "本年受处分", aliases: ["受处分", "本年度受处分"], type: "list", list: ["无", "有"], width: 10, note: "无 / 有；有处分的不能评为优秀" },
    { key: "note", header: "备注", type: "text", width: 16, note: "" },
    // Last, not beside 性别: added after templates were in use; a column is found by its header wherever it is.
    { key: "birth", header: "出生年月", aliases: ["出生日期", "出生年月日", "出生时间"], type: "text", width: 10, note: "如 1980-05 或 1980年5月；用于推荐表，可不填" },
  ],
});

export const PLEDGE_SHEET = sheetDef({
  name: "个人承诺",
  aliases: ["个人打算", "承诺", "承诺目标"],
  keyHeaders: ["编号", "姓名"],
  purpose: "每项承诺一行（党员承诺目标或岗位承诺目标）；9月14日前提交，支部审核后年底填写完成情况",
  guidance: "每项承诺一行，编号、姓名与党员名册一致；年底填写完成情况，考核得分可不填（填写则为 0–100 分，代替完成情况计分）。",
  columns: [
    id,
    name,
    { key: "type", header: "承诺类型", aliases: ["类型"], type: "list", list: ["党员承诺", "岗位承诺"], width: 10, note: "党员承诺 / 岗位承诺" },
    { key: "content", header: "承诺内容", aliases: ["内容", "承诺事项"], type: "text", width: 36, note: "具体、可检验的目标" },
    { key: "due", header: "完成时限", aliases: ["时限"], type: "text", width: 12, note: "如 2010年12月" },
    { key: "weight", header: "权重", type: "number", width: 6, note: "本项在承诺践诺中的份量；空白按 1", bounds: { min: 0 } },
    { key: "submitted", header: "提交日期", aliases: ["提交时间"], type: "date", width: 12, note: "日期；晚于截止日期的给出提示", numFmt: "yyyy-mm-dd", inYear: "提示" },
    { key: "review", header: "支部审核", aliases: ["审核", "审核结果"], type: "list", list: REVIEWS, width: 10, note: "通过 / 退回修改" },
    { key: "completion", header: "完成情况", aliases: ["完成"], type: "list", list: COMPLETIONS, required: true, width: 10, note: "完成 / 基本完成 / 未完成" },
    { key: "reason", header: "未完成原因", type: "text", width: 20, note: "未完成或基本完成时说明" },
    { key: "score", header: "考核得分", aliases: ["得分"], type: "number", width: 10, note: "可选，0–100；填写后代替完成情况计分", bounds: { min: 0, max: 100 } },
  ],
});

export const ATTENDANCE_SHEET = sheetDef({
  name: "学习考勤",
  aliases: ["考勤", "学习签到", "集中学习考勤"],
  keyHeaders: ["编号", "姓名"],
  purpose: "每名党员一行，每次学习一列；列标题以日期开头（如 2010-09-20 集中学习、9月20日 党课、9/20），填 出席/迟到/请假/补学/缺席",
  guidance: "每名党员一行、每次学习一列：在第 2 行加列，标题以日期开头（如“9月20日 党课”），格内选 出席、迟到、请假、补学或缺席。",
  columns: [id, name],
});

export const ACTIVITY_SHEET = sheetDef({
  name: "活动记录",
  aliases: ["活动", "活动登记", "奉献记录"],
  keyHeaders: ["编号", "姓名"],
  purpose: "读书笔记、心得体会、建言献策、竞赛获奖、志愿服务等，每件一行；加分合计计入岗位奉献（上限见参数）",
  guidance: "每件活动一行，日期须在考评年度内；读书笔记、心得体会、建言献策计入学习，加分（可为负数）合计计入岗位奉献。",
  columns: [
    id,
    name,
    { key: "date", header: "日期", aliases: ["时间", "活动日期"], type: "date", required: true, width: 12, note: "日期；无日期的不计入任何考评期", numFmt: "yyyy-mm-dd", inYear: "错误" },
    {
      key: "category",
      header: "类别",
      aliases: ["活动类别", "类型"],
      type: "list",
      list: ["读书笔记", "心得体会", "建言献策", "竞赛获奖", "志愿服务", "党性分析", "其他"],
      openList: true,
      required: true,
      width: 10,
      note: "读书笔记、心得体会、建言献策计入学习；其余可记加分",
    },
    { key: "content", header: "内容", aliases: ["活动内容", "事项"], type: "text", width: 30, note: "题目或事迹" },
    { key: "level", header: "级别", type: "list", list: ["支部", "所级", "院级", "省部级", "国家级"], openList: true, width: 8, note: "获奖级别等" },
    { key: "bonus", header: "加分", aliases: ["奉献加分"], type: "number", width: 6, note: "岗位奉献加分；可为负数（扣分）", bounds: { min: -BONUS_LIMIT, max: BONUS_LIMIT } },
  ],
});

const count = <K extends string>(key: K, header: string, note: string): ColumnDef<K> => ({ key, header, type: "count", width: 8, note, numFmt: "0" });

export const VOTES_SHEET = sheetDef({
  name: "评议打分",
  aliases: ["民主评议", "评议", "评议结果"],
  keyHeaders: ["编号", "姓名"],
  purpose: "每名党员每个考评期一行，只填票数汇总（不记录谁投了什么）；支委会评定须写调整理由",
  guidance: "每名党员每个考评期一行，只填各等次的票数（0 或正整数）；期次空白为本次考评期，支委会评定须同时写调整理由。",
  columns: [
    { key: "period", header: "期次", aliases: ["考评期", "评议期次"], type: "list", list: PERIODS, width: 8, note: "上半年 / 年终；空白为本次考评期" },
    id,
    name,
    { key: "selfGrade", header: "自评等次", aliases: ["自评"], type: "list", list: GRADES, width: 10, note: "优秀 / 合格 / 基本合格 / 不合格" },
    count("peer_优秀", "互评优秀", "党员互评：优秀票数"),
    count("peer_合格", "互评合格", "党员互评：合格票数"),
    count("peer_基本合格", "互评基本合格", "党员互评：基本合格票数"),
    count("peer_不合格", "互评不合格", "党员互评：不合格票数"),
    count("mass_满意", "群众满意", "群众评议：满意票数"),
    count("mass_比较满意", "群众比较满意", "群众评议：比较满意票数"),
    count("mass_基本满意", "群众基本满意", "群众评议：基本满意票数"),
    count("mass_不满意", "群众不满意", "群众评议：不满意票数"),
    { key: "override", header: "支委会评定", aliases: ["支委会意见", "支委会等次"], type: "list", list: GRADES, width: 10, note: "可选；填写即为最终等次，须写调整理由" },
    { key: "overrideReason", header: "调整理由", aliases: ["评定理由"], type: "text", width: 24, note: "支委会评定的理由" },
  ],
});

export const INPUT_SHEETS: readonly SheetDef[] = [
  SETTINGS_SHEET,
  ROSTER_SHEET,
  PLEDGE_SHEET,
  ATTENDANCE_SHEET,
  ACTIVITY_SHEET,
  VOTES_SHEET,
];

/** The attendance marks, offered as a drop-down under every session column. */
export const MARK_LIST: readonly string[] = MARKS;

/** An output column is named by its header (H: a literal, so `c.header === "综合得份"` does not compile). */
export interface OutputColumn<H extends string = string> {
  readonly header: H;
  readonly width: number;
  readonly numFmt?: string;
  /** Written but hidden, on screen and on paper (问题清单's internal 代码: --json carries it too). */
  readonly hidden?: boolean;
}

/**
 * An output column this wide (characters) holds long text (说明, 推荐理由, 提醒): the sheets wrap
 * it and give its rows a height (describeTable), the page's previews show it under its row.
 */
export const LONG_TEXT_WIDTH = 30;

export interface OutputSheetDef<H extends string = string> {
  readonly name: string;
  /** table: a title row, a header row and one row per record; free: laid out cell by cell (sheetdoc.ts). */
  readonly kind: "table" | "free";
  /** A table's columns; empty for a free sheet. */
  readonly columns: readonly OutputColumn<H>[];
}

/** Declares an output sheet, keeping its headers as a union of literals (see OutputColumn). */
function outputSheetDef<const H extends string>(def: OutputSheetDef<H>): OutputSheetDef<H> {
  return def;
}

const num2 = "0.00";

export const RESULT_SHEET = outputSheetDef({
  kind: "table",
  name: "综合评定",
  columns: [
    { header: "编号", width: 10 },
    { header: "姓名", width: 10 },
    { header: "党员类别", width: 10 },
    { header: "学习", width: 8, numFmt: num2 },
    { header: "承诺践诺", width: 9, numFmt: num2 },
    { header: "党员互评", width: 9, numFmt: num2 },
    { header: "群众评议", width: 9, numFmt: num2 },
    { header: "奉献加分", width: 9, numFmt: num2 },
    { header: "综合得分", width: 9, numFmt: num2 },
    { header: "排名", width: 6, numFmt: "0" },
    { header: "建议等次", width: 10 },
    { header: "最终等次", width: 10 },
    { header: "提醒", width: 30 },
    { header: "说明", width: 50 },
  ],
});

export const NOMINATION_SHEET = outputSheetDef({
  kind: "table",
  name: "表彰推荐",
  columns: [
    { header: "序号", width: 6, numFmt: "0" },
    { header: "编号", width: 10 },
    { header: "姓名", width: 10 },
    { header: "综合得分", width: 9, numFmt: num2 },
    { header: "承诺践诺", width: 9, numFmt: num2 },
    { header: "推荐类别", width: 14 },
    { header: "推荐理由", width: 80 },
  ],
});

export const ISSUES_SHEET = outputSheetDef({
  kind: "table",
  name: "问题清单",
  columns: [
    { header: "序号", width: 6, numFmt: "0" },
    { header: "级别", width: 6 },
    { header: "工作表", width: 10 },
    { header: "单元格", width: 8 },
    { header: "问题", width: 50 },
    { header: "处理建议", width: 40 },
    { header: "代码", width: 20, hidden: true },
  ],
});

/** 年度总结: the branch's figures, the grade distribution, attendance per session, a line per member. */
export const YEAR_SUMMARY_SHEET: OutputSheetDef = { kind: "free", name: "年度总结", columns: [] };

/** 推荐表: one printable 优秀共产党员推荐表 per nominee. */
export const FORMS_SHEET: OutputSheetDef = { kind: "free", name: "推荐表", columns: [] };

/** 反馈单: one half-A4 slip per 参评 member telling them their result (年终; 上半年 by a setting). */
export const FEEDBACK_SHEET: OutputSheetDef = { kind: "free", name: "反馈单", columns: [] };

export type { BallotKind } from "../core/types";

/** A sheet known by its name and the other names it is read under. */
export interface NamedSheet {
  readonly name: string;
  readonly aliases?: readonly string[];
}

/**
 * The input sheets a secretary types the ballots into, one row per ballot (created by
 * `appraisal ballots`). Their member columns follow the roster, so they have no fixed layout:
 * parse/tallies.ts finds the columns by header text.
 */
export const PEER_TALLY_SHEET_NAME = "互评计票";
export const MASS_TALLY_SHEET_NAME = "群众计票";
export const TALLY_SHEETS: Readonly<Record<BallotKind, NamedSheet>> = {
  peer: { name: PEER_TALLY_SHEET_NAME, aliases: ["党员互评计票", "互评票", "互评计票表"] },
  mass: { name: MASS_TALLY_SHEET_NAME, aliases: ["群众评议计票", "群众票", "群众计票表"] },
};

/** 计票结果: what the ballots of 互评计票 / 群众计票 add up to (written when a 计票 sheet exists; see tallyresult.ts). */
export const TALLY_RESULT_SHEET: OutputSheetDef = { kind: "free", name: "计票结果", columns: [] };

/** 测评票: the printable blank ballots of both kinds, written by `appraisal ballots` (not by calc). */
export const BALLOT_SHEET: OutputSheetDef = { kind: "free", name: "测评票", columns: [] };

/**
 * Every sheet the tool writes, in the order it writes them. Both hosts check these names for a
 * sheet the tool did not write (OUTPUT_MARK neither in its footer nor in A1), which is then never overwritten.
 */
export const OUTPUT_SHEETS: readonly OutputSheetDef[] = [RESULT_SHEET, NOMINATION_SHEET, YEAR_SUMMARY_SHEET, FORMS_SHEET, FEEDBACK_SHEET, ISSUES_SHEET];

export const GUIDE_SHEET_NAME = "使用说明";

/**
 * Every output sheet carries this mark in its page footer (sheetdoc.ts footerOf), or in its
 * title in A1 where the host cannot write a footer — and earlier versions put it in every
 * title. It tells the tool that the sheet is its own, so a sheet the secretary happens to
 * call 综合评定 is never overwritten.
 */
export const OUTPUT_MARK = "【考评助手生成】";

/** The rows above the data in an output sheet: the title, then the header. */
export const OUTPUT_HEADER_ROW = 2;

/** How many rows the template prepares (drop-downs, formats) below the header. */
export const TEMPLATE_ROWS = 500;

/** Every sheet the computation reads: the input sheets, then the 计票 sheets. */
export const READ_SHEETS: readonly NamedSheet[] = [...INPUT_SHEETS, TALLY_SHEETS.peer, TALLY_SHEETS.mass];
