/**
 * 使用说明: the guide sheet the template adds (and help.html says the same at more length).
 * Kept apart from the input sheets' layout (template.ts) because it is prose that changes with
 * every feature, while the template changes with the workbook contract.
 */
import type { FreeSheet, StyledRect } from "./sheetdoc";
import { GUIDE_SHEET_NAME, INPUT_SHEETS } from "./layout";

/** The 使用说明 sheet: a short guide, one paragraph per line. */
export function guideLines(): string[] {
  return [
    "创先争优考评助手 · 使用说明",
    "",
    "一、填写顺序",
    ...INPUT_SHEETS.map((d, i) => `${i + 1}. ${d.name}：${d.purpose}`),
    "测评票：填好党员名册后，点击任务窗格（或浏览器页面）的“打印测评票”，或运行 appraisal ballots 本文件.xlsx，生成党员互评、群众评议测评票（“测评票”表，A4 纵向，直接打印；浏览器页面会下载含测评票的文件），并新建“互评计票”“群众计票”两张表：收回的票每张录入一行，空白为弃权，不记录投票人。计算时按票统计各人票数（与在评议打分中填写票数相同），并生成“计票结果”表；评议打分中仍填写自评等次和支委会评定。",
    "计票核对：票上填的不是四个选项之一、列标题对不上名册、收回票多于参数“互评发出票数”“群众发出票数”（该轮不采用）都列入问题清单；“优秀”多于比例的票按参数“超比例选票”提示或作废。计票结果定稿后可删除计票表中的票行：删除前先打印计票结果或将其复制为另一名称的工作表（下次计算会重写计票结果），如需重新计算，把票数填入评议打分。",
    "",
    "二、计算",
    "在 Excel 中点击“创先争优”组的“一键计算”，或在命令行运行 appraisal calc 本文件.xlsx。",
    "结果写入 综合评定、表彰推荐、年度总结、推荐表、反馈单、问题清单，有计票表时还有计票结果（每次计算重新生成，请勿在其中手工填写）；输入表中的内容不会被改动。",
    "反馈单：年终为每名参评党员生成一份结果反馈单（得分、排名、等次、评议票数、未评为优秀的原因和提醒），半张 A4，两份一页，沿剪开线裁开，支部书记签字后交本人；上半年如需生成，将参数设置中的“反馈单-上半年”设为“是”。",
    "",
    "三、评分办法（默认值，均可在参数设置中调整）",
    "综合得分 = 学习 30% + 承诺践诺 30% + 党员互评 25% + 群众评议 15% + 岗位奉献加分（最多 5 分），满分 100。",
    "学习 = 考勤 70% + 读书笔记、心得体会、建言献策完成定额 30%；考勤 出席 1、迟到 0.8、补学 0.8、请假 0.5、缺席 0。",
    "承诺践诺 = 各项承诺按权重平均：完成 100、基本完成 70、未完成 0，填写考核得分的以得分为准。",
    "等次：90 分以上建议优秀，70 分以上合格，60 分以上基本合格，以下不合格；受处分、无故缺席 3 次以上、承诺未全部完成的不能评为优秀；",
    "优秀不超过参评正式党员的 1/3，分界线上并列的标为“待定”，由支委会确定；支委会评定（须写理由）为最终等次。",
    "预备党员计分排名，不评定等次；不参评的党员写明原因，不计分。",
    "",
    "四、问题清单",
    "“错误”会让相关的行或数值不被采用，其余照常计算；“提示”只是提醒。单元格地址指出要修改的位置。",
    "",
    "评议只记录票数汇总或不记名的选票，不记录谁投了什么票；本工作簿中的数据不会上传到任何地方。",
  ];
}

/**
 * The 使用说明 sheet as a sheet description, for every host alike: the title, the numbered
 * headings (一、二、…) bold, every line wrapped in one wide column, A4 portrait.
 */
export function guideSheet(): FreeSheet {
  const lines = guideLines();
  const styles: StyledRect[] = lines.map((line, row) => ({
    rect: { row, col: 0, rows: 1, cols: 1 },
    style: row === 0 ? "title" : /^[一二三四五六七八九十]、/.test(line) ? "paragraphHeading" : "paragraph",
  }));
  return {
    kind: "free",
    name: GUIDE_SHEET_NAME,
    title: lines[0] ?? "",
    widths: [110],
    cells: lines.map((l) => [l === "" ? null : l]),
    numFmts: [],
    merges: [],
    styles,
    rowHeights: [],
    charts: [],
    freezeRows: 0,
    print: { orientation: "portrait", rowBreaks: [], fitToWidth: true, header: GUIDE_SHEET_NAME },
  };
}
