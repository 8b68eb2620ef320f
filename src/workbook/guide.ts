/**
 * 使用说明: the guide sheet the template adds (help.html says the same for the add-in's and the
 * page's users). Kept apart from the input sheets' layout (template.ts) because it is prose that
 * changes with every feature, while the template changes with the workbook contract.
 *
 * It names every way of working (the Excel add-in, the browser page for WPS and LibreOffice, the
 * command line) and every sheet the tool writes, because a secretary reads it once, at the start,
 * and must find there the button she will look for later.
 */
import type { FreeSheet, StyledRect } from "./sheetdoc";
import { GUIDE_SHEET_NAME, INPUT_SHEETS } from "./layout";
import { LINE_POINTS, wrappedLines } from "./yearend";

/** The guide's one column, in characters: with fit-to-width it prints on A4 portrait at about 90%. */
export const GUIDE_WIDTH = 80;

/** The 使用说明 sheet: a short guide, one paragraph per line; headings are 一、二、…. */
export function guideLines(): string[] {
  return [
    "创先争优考评助手 · 使用说明",
    "",
    "一、三种用法，结果相同",
    "Excel 加载项：在“开始”选项卡的“创先争优”组点击“打开考评助手”，在右侧任务窗格中创建模板、检查数据、一键计算、打印测评票；也可以不打开窗格，直接点击“一键计算”。",
    "浏览器页面（WPS、LibreOffice 等不能运行加载项的用户）：用浏览器打开考评助手网站的页面，点击“打开工作簿…”选择本文件（或拖到页面上），点击“一键计算”后再点“下载计算结果”，得到含计算结果的新文件（图表、宏等原样保留）；“下载空白模板”得到一份新的空白工作簿，“载入示例支部”打开一个完整的例子。文件只在本机浏览器中处理，不上传。也可直接打开 .xls、.ods 文件：计算结果下载为新的 .xlsx 工作簿，原文件不变（字体、边框、下拉列表、图表等不会带入）。",
    "命令行（批量处理、全所汇总）：appraisal check 本文件.xlsx 检查数据；appraisal calc 本文件.xlsx 计算并写回本文件（原文件留作 .bak）；appraisal ballots 本文件.xlsx 生成测评票；appraisal init 名称 新建空白工作簿，appraisal init --add-missing 本文件.xlsx 只补上缺少的表；appraisal merge 汇总.xlsx 各支部文件… 汇总全所。这些命令也读取 .xls、.ods 文件，结果写入同名的 .xlsx（原文件不变；该 .xlsx 有改动时不会被覆盖，除非加 --force）。",
    "",
    "二、填写顺序",
    ...INPUT_SHEETS.map((d, i) => `${i + 1}. ${d.name}：${d.purpose}`),
    "各输入表第一行是填写说明，第二行是列标题，从第三行起每行一条；单元格的批注和下拉列表给出可填的内容。可以调整列的顺序、加自己的列，列按标题识别。",
    "",
    "三、测评票与计票（可选，代替手工唱票）",
    "填好党员名册后，点击“打印测评票”（命令行：appraisal ballots 本文件.xlsx），生成“测评票”表（党员互评、群众评议各一式，A4 纵向）和“互评计票”“群众计票”两张表。收回的票每张在计票表中录入一行，空白为弃权，不记录投票人。",
    "计算时按票统计各人票数（与在评议打分中直接填写票数的结果相同），并生成“计票结果”表；评议打分中仍填写自评等次和支委会评定。",
    "票上填的不是四个选项之一、列标题对不上名册、收回票多于参数“互评发出票数”“群众发出票数”（该轮不采用），都列入问题清单；“优秀”多于比例的票按参数“超比例选票”提示或作废。计票结果定稿后可以删除票行：删除前先打印计票结果，或把它复制为另一名称的工作表（下次计算会重写计票结果）；以后如需重新计算，把票数填入评议打分。",
    "",
    "四、计算结果（每次计算重新生成，请勿在其中手工填写；输入表中的内容不会被改动）",
    "综合评定：每名党员的学习、承诺践诺、党员互评、群众评议得分，加分，综合得分，排名，建议等次和最终等次，以及说明。",
    "表彰推荐：支部表彰和推荐所级表彰的人选及推荐理由。",
    "年度总结：支部的人数、等次分布、每次学习的出勤情况，每名党员一行的年度情况（在 Excel 中计算时还有图表）。",
    "推荐表：每名推荐对象一份优秀共产党员推荐表，一份一页；主要事迹是根据数据起草的初稿，请核对修改，意见栏留空供签署。",
    "反馈单：年终为每名参评党员生成一份结果反馈（得分、排名、等次、评议票数、未评为优秀的原因和提醒），半张 A4，两份一页，沿剪开线裁开，支部书记签字后交本人；上半年如需生成，把参数“反馈单-上半年”设为“是”。",
    "问题清单：数据中的错误和提示，每条写明工作表和单元格、问题和处理建议。",
    "计票结果：有计票表时生成，各轮的发出、收回、有效、作废票数，以及每人各等次的票数。",
    "",
    "五、评分办法（默认值，均可在参数设置中调整）",
    "综合得分 = 学习 30% + 承诺践诺 30% + 党员互评 25% + 群众评议 15% + 岗位奉献加分（最多 5 分），满分 100。",
    "学习 = 考勤 70% + 读书笔记、心得体会、建言献策完成定额 30%；考勤：出席 1、迟到 0.8、补学 0.8、请假 0.5、缺席 0。",
    "承诺践诺 = 各项承诺按权重平均：完成 100、基本完成 70、未完成 0，填写考核得分的以得分为准。",
    "等次：90 分以上建议优秀，70 分以上合格，60 分以上基本合格，以下不合格；受处分、无故缺席 3 次以上、承诺未全部完成的不能评为优秀。",
    "优秀不超过参评正式党员的 1/3，分界线上并列的标为“待定”，由支委会确定；支委会评定（须写理由）为最终等次。",
    "预备党员计分排名，不评定等次；不参评的党员写明原因，不计分。",
    "",
    "六、错误、提示与草稿",
    "“错误”会让相关的行或数值不被采用，其余照常计算；“提示”只是提醒。问题清单中的单元格地址指出要修改的位置。",
    "数据中还有错误时，结果照常写出，但每张结果表的标题和每一页的页眉都标明“草稿”，不能作为最终结果；改正全部错误后重新计算，草稿标记即消失。",
    "",
    "七、打印",
    "结果表均按 A4 设置好页面：表头在每页重复，页眉是支部名称和考评期，页脚是页码；推荐表一份一页，反馈单两份一页。学习考勤较宽时分页打印，每页重复编号、姓名两列。",
    "",
    "评议只记录票数汇总或不记名的选票，不记录谁投了什么票；本工作簿中的数据不会上传到任何地方。",
  ];
}

/**
 * The 使用说明 sheet as a sheet description, for every host alike: the title, the numbered
 * headings (一、二、…) bold, every line wrapped in one wide column, A4 portrait. Each row is given
 * the height of its wrapped lines: LibreOffice and WPS print a row at its stored height, so a
 * paragraph without one is cut at the right margin instead of wrapping.
 */
export function guideSheet(): FreeSheet {
  const lines = guideLines();
  const styles: StyledRect[] = lines.map((line, row) => ({
    rect: { row, col: 0, rows: 1, cols: 1 },
    style: row === 0 ? "title" : /^[一二三四五六七八九十]、/.test(line) ? "paragraphHeading" : "paragraph",
  }));
  const rowHeights = lines.flatMap((line, row) => {
    if (row === 0) return [{ row, points: 24 }];
    const n = line === "" ? 1 : wrappedLines(line, GUIDE_WIDTH);
    return n > 1 ? [{ row, points: n * LINE_POINTS + 3 }] : [];
  });
  return {
    kind: "free",
    name: GUIDE_SHEET_NAME,
    title: lines[0] ?? "",
    widths: [GUIDE_WIDTH],
    cells: lines.map((l) => [l === "" ? null : l]),
    numFmts: [],
    merges: [],
    styles,
    rowHeights,
    charts: [],
    freezeRows: 0,
    print: { orientation: "portrait", rowBreaks: [], fitToWidth: true, header: GUIDE_SHEET_NAME },
  };
}
