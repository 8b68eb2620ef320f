/**
 * The Chinese wording of every issue code: what is wrong, and how to fix it. Kept apart from
 * the code that finds the issues, so the wording can change without touching a rule.
 */
import type { BlankCategoryAssumption, Issue, IssueCode, IssueParamsByCode, LimitKind, NameAmbiguity, UnknownFollow } from "../core/issues";
import { BALLOT_MARKS, type BallotKind, COMPONENT_LABELS } from "../core/types";
import { flagText } from "./reasons";

export interface Wording {
  readonly problem: string;
  readonly fix: string;
}

/**
 * Where she reads the advice: the Excel add-in's task pane (and what it writes into her
 * workbook), the browser page (file mode), or the command line. Advice names only what exists
 * where she is: the pane's “创建模板” fills in missing sheets, the page cannot add a sheet to her
 * file (its template is a separate download), the command line has `appraisal init --add-missing`.
 */
export type AdviceHost = "excel" | "page" | "cli";

export interface AdviceOptions {
  /** Default "excel": the add-in, where the tool began. Every host passes its own. */
  readonly host?: AdviceHost;
  /** The command line's file, for advice that is a command to run; else a placeholder. */
  readonly file?: string;
}

interface Advice {
  readonly host: AdviceHost;
  readonly file: string;
}

const adviceOf = (o: AdviceOptions): Advice => ({
  host: o.host ?? "excel",
  // A path with a space must be quoted to be run as given.
  file: o.file === undefined ? "文件名.xlsx" : /\s/.test(o.file) ? `"${o.file}"` : o.file,
});

/** How to add the missing input sheet `sheet` where she is. */
function addSheet(a: Advice, sheet: string): string {
  switch (a.host) {
    case "excel":
      return "在任务窗格中点“创建模板”补全（已有数据的表不会改动）";
    case "page":
      return `点“下载空白模板”，把其中的“${sheet}”表复制到本工作簿（在 Excel 或 WPS 中右击工作表标签，选“移动或复制”），保存后重新打开`;
    case "cli":
      return `运行 appraisal init --add-missing ${a.file} 补全（已有的表不会改动）`;
  }
}

/** Where she sees every setting's name: a blank template's 参数设置 lists them all. */
const ALL_SETTINGS: Readonly<Record<AdviceHost, string>> = {
  excel: "在一个新的空白工作簿中点“创建模板”，其参数设置表列出全部参数",
  page: "点“下载空白模板”，其参数设置表列出全部参数",
  cli: "运行 appraisal init 空白模板.xlsx，其参数设置表列出全部参数",
};

/** What makes the 计票 sheets where she is. */
const MAKE_TALLIES: Readonly<Record<AdviceHost, string>> = {
  excel: "“打印测评票”",
  page: "“打印测评票”",
  cli: "appraisal ballots ",
};

/** One wording per code, each taking exactly that code's params. */
type Wordings = { readonly [K in IssueCode]: (p: IssueParamsByCode[K], a: Advice) => Wording };

const LIMIT_WORDS: Readonly<Record<LimitKind, string>> = { members: "党员人数", rows: "行数", columns: "列数" };
const AMBIGUITY_WORDS: Readonly<Record<NameAmbiguity, string>> = { same_name: "名册中有同名党员", not_in_roster: "名册中没有此人" };
const ASSUMPTION_WORDS: Readonly<Record<BlankCategoryAssumption, string>> = { full_member: "按正式党员计", bonus_only: "只计加分，不计入学习" };
/** What an unknown 编号's rows leave its roster member without (unknown_member's follows). */
const FOLLOW_WORDS: Readonly<Record<UnknownFollow, string>> = {
  attendance: "学习考勤全部按缺席计",
  absence: "有连续缺席提醒",
  pledges: "承诺践诺记 0 分",
  peer: "没有党员互评票数",
  mass: "没有群众评议票数",
};
/** A ballot kind as the sheets and messages name it. */
export const BALLOT_KIND_WORDS: Readonly<Record<BallotKind, { readonly kind: string; readonly sheet: string; readonly marks: readonly string[]; readonly setting: string }>> = {
  peer: { kind: "党员互评", sheet: "互评计票", marks: BALLOT_MARKS.peer, setting: "互评发出票数" },
  mass: { kind: "群众评议", sheet: "群众计票", marks: BALLOT_MARKS.mass, setting: "群众发出票数" },
};

/** "优秀 5、合格 3、基本合格 0、不合格 0": counts in the kind's mark order. */
function countsText(kind: BallotKind, counts: readonly number[]): string {
  return BALLOT_KIND_WORDS[kind].marks.map((m, i) => `${m} ${counts[i] ?? 0}`).join("、");
}

/** How many places one row of 问题清单 lists before it says "… 共 N 处". */
const PLACES_SHOWN = 6;
/** How many members vote_count_high names before it says "等 N 行". */
const VOTE_ROWS_SHOWN = 20;

/**
 * "个人承诺!A12、A13、学习考勤!A6 … 共 12 处": the first few places, a sheet's name said once
 * for its run of cells, and the count when there are more.
 */
function placesText(places: readonly string[]): string {
  let sheet = "";
  const shown = places.slice(0, PLACES_SHOWN).map((p) => {
    const i = p.lastIndexOf("!");
    const [s, cell] = i < 0 ? ["", p] : [p.slice(0, i), p.slice(i + 1)];
    const same = s === sheet;
    sheet = s;
    return same || s === "" ? cell : p;
  });
  return places.length > PLACES_SHOWN ? `${shown.join("、")} … 共 ${places.length} 处` : `${shown.join("、")}，共 ${places.length} 处`;
}

function unknownMemberWording(p: IssueParamsByCode["unknown_member"]): Wording {
  // No space after the closing bracket: Chinese punctuation carries its own.
  const who = `编号 ${p.id}${p.name ? `（${p.name}）` : " "}不在党员名册中`;
  const rows = p.places.length > 1 ? `${who}，这些行已忽略：${placesText(p.places)}` : `${who}，此行已忽略`;
  const follows = p.follows.length > 0 && p.rosterName !== null ? `；名册中的 ${p.rosterName} 因此：${p.follows.map((f) => FOLLOW_WORDS[f]).join("，")}` : "";
  const ignored = p.rosterRow !== null ? `；${p.rosterRow} 的“${p.name}”因编号为空未计入名册` : "";
  const these = p.places.length > 1 ? "这些行的" : "";
  const fix =
    p.rosterId !== null && p.rosterName !== null
      ? `是否为 ${p.rosterId} ${p.rosterName}？若是，将${these}编号改为 ${p.rosterId}；若不是，先在党员名册中添加此人`
      : p.rosterRow !== null
        ? `是否为 ${p.rosterRow} 的“${p.name}”？若是，在该处填写编号 ${p.id}`
        : `改正${these}编号，或先在党员名册中添加此人`;
  return { problem: rows + follows + ignored, fix };
}

function voteCountHighWording(p: IssueParamsByCode["vote_count_high"]): Wording {
  const ignored = p.rosterRows.length > 0 ? `；${p.rosterRows.join("、")} 因编号为空或重复未计入党员名册，其他参评党员的人数可能因此少算` : "";
  const problem =
    p.names.length === 1
      ? `${p.names[0] ?? ""} 的党员互评票数合计 ${p.counts[0] ?? 0} 票，多于名册中其他参评党员的人数 ${p.voters}`
      : `${p.names.length} 行的党员互评票数合计多于名册中其他参评党员的人数 ${p.voters}：${p.names
          .slice(0, VOTE_ROWS_SHOWN)
          .map((n, i) => `${n} ${p.counts[i] ?? 0} 票（${p.cells[i] ?? ""}）`)
          .join("、")}${p.names.length > VOTE_ROWS_SHOWN ? ` 等 ${p.names.length} 行` : ""}`;
  const fix =
    p.rosterRows.length > 0
      ? "先改正党员名册中未计入的行，再重新计算；若仍有此提示，核对互评票数是否录错；票数照常计算"
      : "核对互评票数是否录错（如多录了一次或填入了群众评议的票数）；票数照常计算";
  return { problem: problem + ignored, fix };
}

/** Who component_missing is about when it is the whole branch. */
const WHOLE_BRANCH = "全体";

const W: Wordings = {
  sheet_missing: (p, a) => ({
    problem: `缺少工作表“${p.sheet}”`,
    fix: p.sheet === "党员名册" ? `${addSheet(a, p.sheet)}，再填写党员名册` : `${addSheet(a, p.sheet)}，或将已有的表改名为“${p.sheet}”；缺少时按空表处理`,
  }),
  header_not_found: (p) => ({
    problem: `前 ${p.rows} 行中找不到表头（需要含有 ${p.headers.join("、")} 的一行）`,
    fix: `在表格上方加一行表头，写明 ${p.headers.join("、")} 等列名`,
  }),
  column_missing: (p) => ({ problem: `缺少“${p.column}”列`, fix: `在表头行加上“${p.column}”列并填写` }),
  column_ignored: (p) => ({
    problem: `列“${p.header}”不是以日期开头的学习场次，已忽略`,
    fix: "学习场次的列标题须以日期开头，如“2010-09-20 集中学习”或“9月20日 党课”；其他列可保留",
  }),
  output_sheet_foreign: (p) => ({
    problem: `工作表“${p.sheet}”不是本工具生成的，未覆盖`,
    fix: `将该表改名（例如“${p.sheet}（手工）”）后重新计算，结果会写入新的“${p.sheet}”表`,
  }),
  limit_exceeded: (p) => ({
    problem: `${LIMIT_WORDS[p.what]}为 ${p.value}，超过上限 ${p.max}，本次未计算`,
    fix: "删去与考评无关的行、列或工作表后重试；多个支部请分别计算",
  }),
  summary_rows_skipped: (p) => ({
    problem: `${p.cells} 是统计行（${p.labels}，共 ${p.count} 行），不是党员的记录，已跳过`,
    fix: "无须处理；统计行不参与计算，也可移到表格之外",
  }),
  roster_empty: () => ({ problem: "党员名册中没有党员", fix: "在表头下方每行填写一名党员的编号和姓名" }),
  id_blank: (p) => ({
    problem: p.name ? `“${p.name}”这一行的编号为空` : "编号和姓名都为空",
    fix: "填写编号（与党员名册一致）",
  }),
  id_duplicate: (p) => ({ problem: `编号 ${p.id} 重复（首次出现在 ${p.first}），此行已忽略`, fix: "每名党员使用唯一编号；删除重复行或改正编号" }),
  name_blank: (p) => ({ problem: `编号 ${p.id} 的姓名为空`, fix: "填写姓名" }),
  name_mismatch: (p) => ({
    problem: `编号 ${p.id} 的姓名“${p.name}”与党员名册中的“${p.rosterName}”不一致，按编号计`,
    fix: "核对编号是否填错；若名册正确，改正此处姓名",
  }),
  name_ambiguous: (p) => ({ problem: `编号为空，且按姓名“${p.name}”无法确定党员（${AMBIGUITY_WORDS[p.reason]}），此行已忽略`, fix: "填写该党员在党员名册中的编号" }),
  unknown_member: unknownMemberWording,
  row_duplicate: (p) => ({ problem: `“${p.key}”重复（首次出现在 ${p.first}），此行已忽略`, fix: "合并为一行或删除重复行" }),
  not_a_number: (p) => ({ problem: `“${p.column}”应为数字，现为“${p.value}”`, fix: "只填数字（不带单位、百分号或文字）" }),
  fullwidth_digits: (p) => ({ problem: `“${p.value}”含全角数字，已按半角读取`, fix: "可改为半角数字，也可保持不变" }),
  not_in_list: (p) => ({ problem: `“${p.column}”的值“${p.value}”不在可选范围内`, fix: `从下拉列表中选择：${p.allowed}` }),
  vote_negative: (p) => ({ problem: `“${p.column}”票数为负数（${p.value}），按 0 票计`, fix: "填写 0 或正整数" }),
  vote_fraction: (p) => ({ problem: `“${p.column}”票数不是整数（${p.value}），按 0 票计`, fix: "票数只填整数" }),
  vote_count_high: voteCountHighWording,
  date_invalid: (p) => ({
    problem: `“${p.column}”中的“${p.value}”不是有效日期`,
    fix: "按 2010-09-20、2010年9月20日 或 9月20日 的格式填写",
  }),
  year_month_unreadable: (p) => ({
    problem: `“${p.column}”中的“${p.value}”读不出年月，推荐表照原样填写，不参与任何计算`,
    fix: "按 2001-07、2001年7月 或 2001-07-01 的格式填写",
  }),
  year_month_ambiguous: (p) => ({
    problem: `“${p.column}”中的数字 ${p.value} 可能是 ${p.year}年1月，也可能是 ${p.year}年10月（Excel 会去掉数字末尾的 0），推荐表照原样填写`,
    fix: `改为 ${p.year}-01 或 ${p.year}-10（或 ${p.year}年10月）`,
  }),
  date_outside_year: (p) => ({ problem: `“${p.column}”${p.date} 不在考评年度 ${p.year} 年内，不计入任何考评期`, fix: "核对日期或参数设置中的考评年度" }),
  formula_error: (p) => ({ problem: `“${p.column}”是错误值 ${p.value}`, fix: "修正公式，或改为直接填写数值" }),
  setting_invalid: (p) => ({ problem: `参数“${p.label}”的值“${p.value}”无法识别，按默认值 ${p.default} 计`, fix: "按说明列填写" }),
  setting_out_of_range: (p) => ({
    problem: `参数“${p.label}”的值 ${p.value} 超出范围 ${p.min}–${p.max}，按默认值 ${p.default} 计`,
    fix: `填写 ${p.min} 到 ${p.max} 之间的值`,
  }),
  setting_unknown: (p, a) => ({ problem: `不认识的参数“${p.label}”，已忽略`, fix: `核对参数名称（${ALL_SETTINGS[a.host]}）` }),
  setting_missing: (p) => ({ problem: `${p.count} 个参数未填写，按默认值计：${p.labels}`, fix: "需要调整时在参数设置中填写" }),
  setting_duplicate: (p) => ({ problem: `参数“${p.label}”重复`, fix: "删除重复行" }),
  weights_sum: (p) => ({
    problem: `四项权重（学习/承诺践诺/党员互评/群众评议 = ${p.weights}）合计 ${p.sum}%，不是 100%，本次按默认权重 30/30/25/15 计`,
    fix: "调整四项权重使合计为 100%",
  }),
  thresholds_order: (p) => ({
    problem: `分数线（优秀/合格/基本合格 = ${p.values}）须从高到低，本次按默认 90/70/60 计`,
    fix: "使优秀分数线 > 合格分数线 > 基本合格分数线",
  }),
  vote_values_over_full_mark: (p) => ({
    problem: `评议票分值（最高 ${p.highest}）高于评议票满分 ${p.fullMark}，互评和群众评议得分会超过 100，本次按默认分值 100/85/70/50 和满分 100 计`,
    fix: "将评议票满分设为最高一档的分值（如票分值用 10/7/5/2 时填 10），或调低各档分值",
  }),
  year_inferred: (p) => ({ problem: `未填写考评年度，按 ${p.year} 年计`, fix: "在参数设置中填写考评年度" }),
  likely_wrong_year: (p) => ({
    problem: `可能的原因：学习考勤的 ${p.sessions} 个学习场次中有 ${p.outside} 个不在考评年度 ${p.year} 年内（${p.foundCount === p.outside ? "都" : `其中 ${p.foundCount} 个`}是 ${p.found} 年的）${
      p.inferred ? `；考评年度未填写，按 ${p.year} 年计` : "，考评年度可能填错"
    }`,
    fix: `若这些学习是 ${p.found} 年的，在参数设置中将考评年度${p.inferred ? "填为" : "改为"} ${p.found}；否则改正学习考勤列标题中的日期`,
  }),
  likely_wrong_roster: (p) => ({
    problem: `可能的原因：其他表中${p.unknown === p.rows ? `全部 ${p.rows} 行` : ` ${p.rows} 行有 ${p.unknown} 行`}的编号不在党员名册中（共 ${p.idCount} 个编号，如 ${p.ids.join("、")}；名册中的编号如 ${p.rosterIds.join("、")}），可能用错了党员名册，或名册与其他表的编号写法不一致`,
    fix: "核对党员名册是否为本支部本年度的名册，并使各表的编号与名册一致（例如都写 G01 或都写 001）",
  }),
  session_outside_year: (p) => ({ problem: `学习场次“${p.header}”是 ${p.found} 年的，不在考评年度 ${p.year} 年内，未计入`, fix: "核对列标题中的日期或考评年度" }),
  session_column_empty: (p) => ({ problem: `学习场次“${p.header}”整列为空，视为尚未举行，未计入`, fix: "举行后填写考勤；若已举行，请逐人填写" }),
  mark_blank: (p) => ({ problem: `${p.name} 有 ${p.count} 次考勤为空（${p.cells}），按缺席计`, fix: "填写 出席/迟到/请假/补学/缺席" }),
  mark_invalid: (p) => ({ problem: `${p.name} 的考勤“${p.value}”无法识别，按缺席计`, fix: "只填 出席、迟到、请假、补学、缺席（病假等请填请假）" }),
  attendance_missing_member: (p) => ({ problem: `${p.name}（编号 ${p.id}）不在学习考勤表中，全部场次按缺席计`, fix: "在学习考勤表中为其添加一行" }),
  weight_invalid: (p) => ({ problem: `权重“${p.value}”无效，按 1 计`, fix: "权重填写不小于 0 的数字，空白为 1" }),
  score_out_of_range: (p) => ({ problem: `考核得分 ${p.value} 不在 0–100 之间，已忽略，按完成情况计分`, fix: "填写 0–100 的分数或留空" }),
  completion_blank: (p) => ({ problem: `${p.name} 的承诺未填写完成情况，按 0 分计`, fix: "填写 完成/基本完成/未完成" }),
  pledge_late: (p) => ({ problem: `${p.name} 的承诺提交于 ${p.date}，晚于截止日期 ${p.deadline}`, fix: "如实记录即可；是否扣分见参数“承诺迟交扣分”" }),
  pledge_none: (p) => ({ problem: `${p.name} 没有个人承诺，承诺践诺记 0 分`, fix: "在个人承诺表中登记其承诺" }),
  activity_no_date: (p) => ({ problem: `${p.name} 的活动没有日期，不计入任何考评期`, fix: "填写活动日期" }),
  vote_blocks_period_unknown: (p) => ({
    problem: `评议打分表有 ${p.blocks} 组并排的表格（表头重复，分别从 ${p.cells} 开始），无法确定从 ${p.unread} 开始的表格是上半年还是年终，其中的票数未读取`,
    fix: "在每组表头上方的一行写明该组的期次（如在各组上方分别写“上半年”“年终”），或在每组中加“期次”列并逐行填写；也可把两组改为上下排列、用期次列区分",
  }),
  period_invalid: (p) => ({ problem: `期次“${p.value}”无法识别，此行已忽略`, fix: "填写 上半年 或 年终；空白为本次考评期" }),
  override_without_reason: (p) => ({
    problem: `${p.name} 的支委会评定“${p.grade}”没有调整理由，本次未采用`,
    fix: `在 ${p.reasonCell} 写明支委会的调整理由`,
  }),
  override_not_graded: (p) => ({ problem: `${p.name} 是${p.category}，不评定等次，支委会评定未采用`, fix: "清空此处的支委会评定" }),
  category_blank: (p) => ({ problem: `${p.name} 的“${p.column}”未填写，${ASSUMPTION_WORDS[p.assumed]}`, fix: "从下拉列表中选择" }),
  excluded_no_reason: (p) => ({ problem: `${p.name} 不参评，但未写原因`, fix: "在“不参评原因”中写明，如长期病假" }),
  component_missing: (p) => ({
    problem: `${p.who ?? "本期全体党员"}没有${COMPONENT_LABELS[p.component]}数据（${p.period}），该项按参数“缺项处理”计`,
    fix:
      p.component === "study"
        ? p.who === null
          ? `在学习考勤表中添加${p.period}的学习场次（列标题以日期开头）；若本期确实没有学习，将参数“学习权重”设为 0`
          : "在学习考勤表中添加本期的学习场次"
        : `在评议打分表中填写${p.period}的票数`,
  }),
  votes_missing: (p, a) => ({
    problem: p.sheetMissing
      ? `缺少工作表“评议打分”：${p.period}没有一张民主评议的票，党员互评和群众评议无法计分`
      : `评议打分表中没有${p.period}的任何票数，互评计票、群众计票中也没有本期的票，党员互评和群众评议无法计分`,
    fix: `${p.sheetMissing ? `${addSheet(a, "评议打分")}，` : "在评议打分表中"}按每名党员填写${p.period}的互评票数（优秀/合格/基本合格/不合格）和群众评议票数，期次列写“${p.period}”或留空；或把收回的测评票逐张录入互评计票、群众计票（${MAKE_TALLIES[a.host]}会创建这两张表）`,
  }),
  ballot_header_unknown: (p) => ({
    problem:
      p.rosterName === null
        ? `列标题“${p.header}”对不上党员名册中的任何党员，此列的票未计入`
        : `列标题“${p.header}”的编号在党员名册中是 ${p.rosterName}，姓名却不同，无法确定是哪名党员，此列的票未计入`,
    fix: "列标题写“编号 姓名”（如 G01 王建国），或只写编号、只写姓名，须与党员名册一致；不是党员的列（如备注）请移到表格右侧以外或删除",
  }),
  ballot_column_duplicate: (p) => ({ problem: `列标题“${p.header}”与 ${p.first} 列是同一名党员 ${p.name}，此列的票未计入`, fix: "每名党员只留一列；两列的票合并到一列后删除另一列" }),
  ballot_members_missing: (p) => ({
    problem: `党员名册中参评的 ${p.names.join("、")}（${p.names.length} 人）在本表中没有列，没有按票统计的${BALLOT_KIND_WORDS[p.kind].kind}票数（评议打分表中填了票数的按那里的计）`,
    fix: "若测评票上有这些党员，在表头添加“编号 姓名”列并录入；若测评票上本来没有，可不理会",
  }),
  ballot_mark_invalid: (p) => ({
    problem: `此票对 ${p.name} 填的“${p.value}”不是 ${BALLOT_KIND_WORDS[p.kind].marks.join("、")} 之一，未计入`,
    fix: `按纸质票改为 ${BALLOT_KIND_WORDS[p.kind].marks.join("、")} 之一（可从下拉列表选择）；该人未选的留空，按弃权计`,
  }),
  ballots_over_cap: (p) => ({
    problem: `${placesText(p.cells)}：${p.cells.length} 张互评票评“优秀”的人数（${p.counts.join("、")} 人）多于优秀比例上限 ${p.cap} 人，${p.void ? "按参数“超比例选票”作废，未计入" : "已照常计入"}`,
    fix: p.void ? "核对纸质票与录入是否一致；若这些票应计入，将参数“超比例选票”改为“提示”" : "核对纸质票与录入是否一致；按本单位规定此类票应作废的，将参数“超比例选票”设为“作废”",
  }),
  ballots_over_issued: (p) => ({
    problem: `${BALLOT_KIND_WORDS[p.kind].sheet}录入了 ${p.returned} 张票，多于参数“${BALLOT_KIND_WORDS[p.kind].setting}”的 ${p.issued} 张；收回票多于发出票的一轮评议无效，本期${BALLOT_KIND_WORDS[p.kind].kind}票全部未采用`,
    fix: "先按票号核对是否有票重复录入、发出票数是否填对；若收回的票确实多于发出的，应重新组织投票",
  }),
  ballots_over_roster: (p) => ({ problem: `互评计票录入了 ${p.returned} 张票，多于党员名册的 ${p.members} 人`, fix: "按票号核对是否有票重复录入，删去重复的行" }),
  ballot_tally_conflict: (p) => ({
    problem: `${p.name} 的${BALLOT_KIND_WORDS[p.kind].kind}票数两处不一致：${p.tallySheet}（${p.tallyCell} 列）按票统计为 ${countsText(p.kind, p.ballots)}，评议打分表此行填的是 ${countsText(p.kind, p.typed)}；本次按${p.tallySheet}计`,
    fix: `以计票表为准时，清空评议打分表此行的${BALLOT_KIND_WORDS[p.kind].kind}票数；否则核对${p.tallySheet}的录入`,
  }),
  tie_at_cap: (p) => ({
    problem: `${p.name} 综合得分 ${p.total}，与优秀比例分界线（第 ${p.cap} 名）并列，标为待定`,
    fix: "由支委会确定：在评议打分表的支委会评定中填写等次并写明理由",
  }),
  flag_mass: (p) => ({
    problem: `提醒支委会：${p.name} ${flagText({ code: "flag_mass", share: p.share, min: p.min })}`,
    fix: "由支委会研究，不自动改变等次",
  }),
  flag_peer: (p) => ({
    problem: `提醒支委会：${p.name} ${flagText({ code: "flag_peer", share: p.share, max: p.max })}`,
    fix: "由支委会研究，不自动改变等次",
  }),
  flag_absence: (p) => ({
    problem: `提醒支委会：${p.name} ${flagText({ code: "flag_absence", days: p.days, limit: p.limit })}`,
    fix: "党章规定连续六个月不参加组织生活的按自行脱党处理，请支委会研究",
  }),
};

export function describe<C extends IssueCode>(i: Issue<C>, options: AdviceOptions = {}): Wording {
  const w = W[i.code](i.params, adviceOf(options));
  if (i.outside === undefined) return w;
  return { problem: `${w.problem}（只计入${i.outside}，不影响本期的计算结果）`, fix: `${w.fix}；计算${i.outside}时须先改正` };
}

/** The title line of every output sheet of a draft (see verdictOf in core/issues.ts). */
export function draftTitle(errors: number): string {
  return `草稿：数据有 ${errors} 条错误未改正，结果不可作为最终结果`;
}

/** What the task pane, the page, the ribbon's dialog and the CLI say when a draft was computed. */
/** An empty roster: nothing was scored, so no grades are shown (not a green “优秀 0”). */
export const NOTHING_TO_COMPUTE = "党员名册中还没有党员，没有可计算的内容：请先在党员名册中每行填写一名党员的编号和姓名，再计算。";

export function draftStatus(errors: number): string {
  return `已计算（草稿）——有 ${errors} 条错误`;
}

/** An issue's params as `appraisal check --json` prints them. */
export type JsonParams = { readonly [key: string]: string | number };

/**
 * The params as `--json` has printed them since before params were typed: where a param is
 * now a code (what, reason, assumed, component, who) or a list or a flag's numbers, the JSON
 * keeps the Chinese words and joined lists, in the same key order, so no user's script breaks.
 */
export function jsonParams(i: Issue): JsonParams {
  switch (i.code) {
    case "header_not_found":
      return { sheet: i.params.sheet, headers: i.params.headers.join("、"), rows: i.params.rows };
    case "limit_exceeded":
      return { what: LIMIT_WORDS[i.params.what], value: i.params.value, max: i.params.max };
    case "name_ambiguous":
      return { name: i.params.name, reason: AMBIGUITY_WORDS[i.params.reason] };
    case "category_blank":
      return { name: i.params.name, column: i.params.column, assumed: ASSUMPTION_WORDS[i.params.assumed] };
    case "component_missing":
      return { component: COMPONENT_LABELS[i.params.component], who: i.params.who ?? WHOLE_BRANCH, period: i.params.period };
    case "unknown_member":
      return {
        id: i.params.id,
        name: i.params.name,
        count: i.params.places.length,
        places: i.params.places.join("、"),
        suggestion: i.params.rosterId === null ? "" : `${i.params.rosterId} ${i.params.rosterName ?? ""}`,
        rosterRow: i.params.rosterRow ?? "",
        follows: i.params.follows.map((f) => FOLLOW_WORDS[f]).join("、"),
      };
    case "vote_count_high":
      // One member: name and count as before grouping; several: the lists, joined.
      return {
        name: i.params.names.join("、"),
        count: i.params.counts.length === 1 ? (i.params.counts[0] ?? 0) : i.params.counts.join("、"),
        voters: i.params.voters,
        cells: i.params.cells.join("、"),
        rosterRows: i.params.rosterRows.join("、"),
      };
    case "likely_wrong_year":
      return { year: i.params.year, found: i.params.found, foundCount: i.params.foundCount, outside: i.params.outside, sessions: i.params.sessions, inferred: i.params.inferred ? "未填写" : "已填写" };
    case "likely_wrong_roster":
      return { unknown: i.params.unknown, rows: i.params.rows, ids: i.params.ids.join("、"), idCount: i.params.idCount, rosterIds: i.params.rosterIds.join("、") };
    case "votes_missing":
      return { period: i.params.period, missing: i.params.sheetMissing ? "评议打分表" : "票数" };
    case "ballot_members_missing":
      return { kind: BALLOT_KIND_WORDS[i.params.kind].kind, names: i.params.names.join("、"), count: i.params.names.length };
    case "ballot_mark_invalid":
      return { value: i.params.value, name: i.params.name, kind: BALLOT_KIND_WORDS[i.params.kind].kind };
    case "ballots_over_cap":
      return { cells: i.params.cells.join("、"), counts: i.params.counts.join("、"), cap: i.params.cap, void: i.params.void ? "作废" : "计入" };
    case "ballots_over_issued":
      return { kind: BALLOT_KIND_WORDS[i.params.kind].kind, returned: i.params.returned, issued: i.params.issued };
    case "ballot_tally_conflict":
      return {
        name: i.params.name,
        kind: BALLOT_KIND_WORDS[i.params.kind].kind,
        ballots: countsText(i.params.kind, i.params.ballots),
        typed: countsText(i.params.kind, i.params.typed),
        tallySheet: i.params.tallySheet,
        tallyCell: i.params.tallyCell,
      };
    case "ballot_header_unknown":
      return { header: i.params.header, rosterName: i.params.rosterName ?? "" };
    case "flag_mass":
      return { name: i.params.name, detail: flagText({ code: i.code, share: i.params.share, min: i.params.min }) };
    case "flag_peer":
      return { name: i.params.name, detail: flagText({ code: i.code, share: i.params.share, max: i.params.max }) };
    case "flag_absence":
      return { name: i.params.name, detail: flagText({ code: i.code, days: i.params.days, limit: i.params.limit }) };
    default:
      return { ...i.params };
  }
}

/** One line, as the command line prints it: 错误 学习考勤!D7 问题 — 建议. */
export function issueLine(i: Issue, options: AdviceOptions = {}): string {
  const { problem, fix } = describe(i, options);
  const where = i.cell ? `${i.sheet}!${i.cell}` : i.sheet;
  return `${i.level} ${where}：${problem}。${fix}。`;
}
