/**
 * 参数设置: 参数 / 值 / 说明 rows. A missing sheet or key means the default (with a 提示); a bad
 * value keeps the default (with an 错误 on the 值 cell).
 */
import { dayFromYMD } from "../../src/core/dates";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import type { Issue } from "../../src/core/issues";
import type { CellValue } from "../../src/workbook/cells";
import {
  date,
  except,
  expectIssue,
  expectIssues,
  insertRowsAbove,
  parse,
  reorderColumns,
  set,
  settingCell,
  settingsSheet,
  setRow,
  validWorkbook,
  type Workbook,
} from "./grid";

/** The valid workbook with a short 参数设置: 考评年度 2010 in row 2, then the given rows from row 3. */
function withSettings(...pairs: [string, CellValue][]): Workbook {
  const wb = validWorkbook();
  wb.参数设置 = settingsSheet(["考评年度", 2010], ...pairs);
  return wb;
}

/** Issues except the expected "other settings not filled in" 提示. */
const real = (issues: readonly Issue[]): Issue[] => except(issues, "setting_missing");

describe("reading values", () => {
  test("out of range → setting_out_of_range on the 值 cell, default kept", () => {
    const r = parse(withSettings(["优秀分数线", 120], ["奉献加分上限", -1]));
    expectIssues(real(r.issues), [
      ["参数设置!B3", "setting_out_of_range", "错误"],
      ["参数设置!B4", "setting_out_of_range", "错误"],
    ]);
    expect(r.input.settings.thresholdExcellent).toBe(90);
    expect(r.input.settings.bonusCap).toBe(5);
  });

  test("unparseable → setting_invalid, default kept", () => {
    const r = parse(withSettings(["学习权重", "三十"], ["优秀条件-本年未受处分", "也许"], ["缺项处理", "平均"], ["无故缺席次数上限", 2.5]));
    expectIssues(real(r.issues), [
      ["参数设置!B3", "setting_invalid", "错误"],
      ["参数设置!B4", "setting_invalid", "错误"],
      ["参数设置!B5", "setting_invalid", "错误"],
      ["参数设置!B6", "setting_invalid", "错误"],
    ]);
    expect(r.input.settings).toMatchObject({ weightStudy: 30, gateSanction: true, missingComponent: "spread", absenceLimit: 3 });
  });

  test("an unknown 参数 → setting_unknown on the 参数 cell", () => {
    const r = parse(withSettings(["优秀率", "30%"]));
    expectIssues(real(r.issues), [["参数设置!A3", "setting_unknown", "提示"]]);
  });

  test("a 参数 listed twice: the later is row_duplicate and ignored", () => {
    const r = parse(withSettings(["优秀分数线", 92], ["优秀分数线", 95]));
    expectIssues(real(r.issues), [["参数设置!A4", "row_duplicate", "错误"]]);
    expect(r.input.settings.thresholdExcellent).toBe(92);
  });

  test("the other settings not filled in → one setting_missing 提示 for the sheet", () => {
    const r = parse(withSettings());
    expectIssues(r.issues, [["参数设置", "setting_missing", "提示"]]);
    expect(r.input.settings).toEqual({ ...DEFAULT_SETTINGS, year: 2010 });
  });

  test("a blank 值 is the default with a setting_missing 提示 on that cell", () => {
    const r = parse(withSettings(["优秀分数线", null]));
    expectIssue(r.issues, "参数设置!B3", "setting_missing", "提示");
    expect(r.input.settings.thresholdExcellent).toBe(90);
  });

  test("values with spaces and full-width digits are read", () => {
    const r = parse(withSettings(["优秀分数线", " ９２ "], ["\u3000合格分数线 ", "７５"]));
    expectIssues(real(r.issues), []);
    expect(r.input.settings).toMatchObject({ thresholdExcellent: 92, thresholdQualified: 75 });
  });

  test("bool, enum and text settings", () => {
    const r = parse(
      withSettings(["支部名称", "光栅室党支部"], ["优秀条件-本年未受处分", "否"], ["优秀条件-承诺全部完成", false], ["缺项处理", "记0分"], ["考评期", "上半年"]),
    );
    expectIssues(real(r.issues), []);
    expect(r.input.settings).toMatchObject({ branchName: "光栅室党支部", gateSanction: false, gatePledge: false, missingComponent: "zero", period: "上半年" });
  });

  test("an unknown 考评期 is setting_invalid (default 年终)", () => {
    const r = parse(withSettings(["考评期", "下半年"]));
    expectIssues(real(r.issues), [["参数设置!B3", "setting_invalid", "错误"]]);
    expect(r.input.settings.period).toBe("年终");
  });

  test("the --period option overrides 考评期", () => {
    expect(parse(withSettings(["考评期", "年终"]), { period: "上半年" }).input.settings.period).toBe("上半年");
    expect(parse(withSettings(["考评期", "上半年"]), { period: "年终" }).input.settings.period).toBe("年终");
  });

  test("an error value in a 值 cell does not crash and keeps the default", () => {
    const r = parse(withSettings(["优秀分数线", { error: "#N/A" }]));
    expect(real(r.issues).map((i) => `${i.sheet}!${i.cell}`)).toEqual(["参数设置!B3"]);
    expect(r.input.settings.thresholdExcellent).toBe(90);
  });
});

describe("percentages and ratios", () => {
  test.each<[CellValue, number]>([
    ["30%", 30],
    [0.3, 30],
    [30, 30],
    ["30", 30],
    ["３０％", 30],
  ])("学习权重 %p is 30", (v, expected) => {
    const r = parse(withSettings(["学习权重", v]));
    expectIssues(real(r.issues), []);
    expect(r.input.settings.weightStudy).toBe(expected);
  });

  test("weights 35% / 0.25 / 25 / 15 add up to 100", () => {
    const r = parse(withSettings(["学习权重", "35%"], ["承诺践诺权重", 0.25], ["党员互评权重", 25], ["群众评议权重", "15"]));
    expectIssues(real(r.issues), []);
    expect(r.input.settings).toMatchObject({ weightStudy: 35, weightPledge: 25, weightPeer: 25, weightMass: 15 });
  });

  test.each<[CellValue, { num: number; den: number } | null]>([
    ["1/3", { num: 1, den: 3 }],
    ["１／３", { num: 1, den: 3 }],
    ["30%", { num: 30, den: 100 }],
    ["33.3%", { num: 333, den: 1000 }],
    ["不定比例", null],
    ["不限", null],
  ])("优秀比例上限 %p", (v, expected) => {
    const r = parse(withSettings(["优秀比例上限", v]));
    expectIssues(real(r.issues), []);
    expect(r.input.settings.excellentCap).toEqual(expected);
  });

  test("优秀比例上限 0.3 (a percent-formatted cell) is 30%", () => {
    const r = parse(withSettings(["优秀比例上限", 0.3]));
    expectIssues(real(r.issues), []);
    const cap = r.input.settings.excellentCap;
    expect(cap && cap.num / cap.den).toBeCloseTo(0.3, 10);
  });

  test("优秀比例上限 above 100% is out of range; text is invalid", () => {
    const r = parse(withSettings(["优秀比例上限", "150%"], ["所级推荐比例", "三分之一"]));
    expectIssues(real(r.issues), [
      ["参数设置!B3", "setting_out_of_range", "错误"],
      ["参数设置!B4", "setting_invalid", "错误"],
    ]);
    expect(r.input.settings.excellentCap).toEqual({ num: 1, den: 3 });
    expect(r.input.settings.instituteRatio).toEqual({ num: 10, den: 100 });
  });

  test("所级推荐比例 cannot be 不定比例", () => {
    const r = parse(withSettings(["所级推荐比例", "不定比例"]));
    expectIssues(real(r.issues), [["参数设置!B3", "setting_invalid", "错误"]]);
  });
});

describe("cross-checks", () => {
  test("weights not adding to 100 → weights_sum on the 学习权重 值 cell, default weights used", () => {
    const r = parse(withSettings(["学习权重", 40], ["承诺践诺权重", 30], ["党员互评权重", 25], ["群众评议权重", 15]));
    expectIssues(real(r.issues), [["参数设置!B3", "weights_sum", "错误"]]);
    expect(expectIssue(r.issues, "参数设置!B3", "weights_sum").params).toMatchObject({ sum: 110 });
    expect(r.input.settings).toMatchObject({ weightStudy: 30, weightPledge: 30, weightPeer: 25, weightMass: 15 });
  });

  test("thresholds out of order → thresholds_order on the 优秀分数线 值 cell, defaults used", () => {
    const r = parse(withSettings(["优秀分数线", 65], ["合格分数线", 70], ["基本合格分数线", 60]));
    expectIssues(real(r.issues), [["参数设置!B3", "thresholds_order", "错误"]]);
    expect(r.input.settings).toMatchObject({ thresholdExcellent: 90, thresholdQualified: 70, thresholdBasic: 60 });
  });

  test("votes on a 10/7/5/2 scale with 评议票满分 10 are read; values above the 满分 → vote_values_over_full_mark, defaults used", () => {
    const ten: [string, CellValue][] = [["互评分值-优秀", 10], ["互评分值-合格", 7], ["互评分值-基本合格", 5], ["互评分值-不合格", 2], ["群众分值-满意", 10], ["群众分值-比较满意", 7], ["群众分值-基本满意", 5], ["群众分值-不满意", 2]];
    const ok = parse(withSettings(...ten, ["评议票满分", 10]));
    expectIssues(real(ok.issues), []);
    expect(ok.input.settings).toMatchObject({ peerExcellent: 10, massNot: 2, voteFullMark: 10 });

    // 满分 10 with the default 100/85/70/50 values: the components would pass 100.
    const bad = parse(withSettings(["评议票满分", 10]));
    expectIssues(real(bad.issues), [["参数设置!B3", "vote_values_over_full_mark", "错误"]]);
    expect(expectIssue(bad.issues, "参数设置!B3", "vote_values_over_full_mark").params).toEqual({ fullMark: 10, highest: 100 });
    expect(bad.input.settings).toMatchObject({ peerExcellent: 100, voteFullMark: 100 });
  });

  test("优秀比例基数: 参评正式党员 (default) or 全体正式党员; anything else is setting_invalid", () => {
    expect(parse(validWorkbook()).input.settings.excellentCapBase).toBe("participating");
    expect(parse(withSettings(["优秀比例基数", "全体正式党员"])).input.settings.excellentCapBase).toBe("all");
    const bad = parse(withSettings(["优秀比例基数", "全体党员"]));
    expectIssues(real(bad.issues), [["参数设置!B3", "setting_invalid", "错误"]]);
    expect(bad.input.settings.excellentCapBase).toBe("participating");
  });

  test("equal thresholds are out of order too", () => {
    const r = parse(withSettings(["合格分数线", 60]));
    expectIssues(real(r.issues), [["参数设置", "thresholds_order", "错误"]]);
    expect(r.input.settings.thresholdQualified).toBe(70);
  });

  test("the cross-check cells follow the 值 column when columns are moved", () => {
    const wb = withSettings(["说明行", null], ["学习权重", 50], ["优秀分数线", 50]);
    // 说明 | 值 | 参数 (the secretary put her notes first), under a title row
    reorderColumns(wb, "参数设置", [3, 2, 1]);
    insertRowsAbove(wb, "参数设置", ["2010 年参数"]);
    const r = parse(wb);
    expectIssue(r.issues, "参数设置!C4", "setting_unknown", "提示");
    expectIssue(r.issues, "参数设置!B5", "weights_sum", "错误");
    expectIssue(r.issues, "参数设置!B6", "thresholds_order", "错误");

    const wb2 = withSettings(["学习权重", 50], ["优秀分数线", 50]);
    reorderColumns(wb2, "参数设置", [1, 3, 2]); // 参数 | 说明 | 值
    const r2 = parse(wb2);
    expectIssue(r2.issues, "参数设置!C3", "weights_sum", "错误");
    expectIssue(r2.issues, "参数设置!C4", "thresholds_order", "错误");
  });
});

describe("考评年度", () => {
  test("a missing 参数设置 sheet → sheet_missing 提示, defaults, and the year from the session headers", () => {
    const wb = validWorkbook();
    delete wb.参数设置;
    const r = parse(wb, { fallbackYear: 1999 });
    expectIssues(r.issues, [
      ["参数设置", "sheet_missing", "提示"],
      ["参数设置", "year_inferred", "提示"],
    ]);
    expect(r.input.settings).toEqual({ ...DEFAULT_SETTINGS, year: 2010 });
    expect(r.sheetNames.参数设置).toBeNull();
  });

  test("a missing 考评年度 → year_inferred from the session header dates", () => {
    const wb = validWorkbook();
    wb.参数设置 = settingsSheet(["考评期", "年终"]);
    setRow(wb, "学习考勤", 1, ["编号", "姓名", "2011-03-15 集中学习", date(2011, 9, 20), "2010-12-28 党课"]);
    for (const r of [2, 3, 4]) set(wb, `学习考勤!E${r}`, "出席");
    const r = parse(wb, { fallbackYear: 2009 });
    expectIssue(r.issues, "参数设置", "year_inferred", "提示");
    expect(expectIssue(r.issues, "参数设置", "year_inferred").params).toMatchObject({ year: 2011 });
    expect(r.input.settings.year).toBe(2011);
    expectIssue(r.issues, "学习考勤!E1", "session_outside_year", "提示");
    expect(r.input.sessions).toHaveLength(2);
  });

  test("no 考评年度 and no dated session headers → the fallback year", () => {
    const wb = validWorkbook();
    wb.参数设置 = settingsSheet(["考评期", "年终"]);
    setRow(wb, "学习考勤", 1, ["编号", "姓名", "3/15", "9月20日 党课"]);
    const r = parse(wb, { fallbackYear: 2010 });
    expect(expectIssue(r.issues, "参数设置", "year_inferred").params).toMatchObject({ year: 2010 });
    expect(r.input.settings.year).toBe(2010);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("a 考评年度 row with a blank 值 is missing: the year is inferred", () => {
    const wb = validWorkbook();
    set(wb, settingCell("考评年度"), null);
    setRow(wb, "学习考勤", 1, ["编号", "姓名", "2011-03-15 集中学习", "2011-09-20 党课"]);
    const r = parse(wb, { fallbackYear: 2009 });
    expectIssue(r.issues, "参数设置", "year_inferred", "提示");
    expect(r.input.settings.year).toBe(2011);
    expect(r.input.sessions).toHaveLength(2);
  });

  test("考评年度 out of range is setting_out_of_range", () => {
    const wb = validWorkbook();
    set(wb, settingCell("考评年度"), 1800);
    const r = parse(wb);
    expectIssue(r.issues, settingCell("考评年度"), "setting_out_of_range", "错误");
  });

  test("the 截止日期 without a year uses 考评年度, whatever the row order", () => {
    const wb = validWorkbook();
    wb.参数设置 = settingsSheet(["承诺提交截止日期", "9月20日"], ["考评年度", 2011]);
    const r = parse(wb);
    expect(r.input.settings.year).toBe(2011);
    expect(r.input.settings.pledgeDeadline).toBe(dayFromYMD(2011, 9, 20));
  });

  test("the 截止日期 without a year uses the inferred 考评年度", () => {
    const wb = validWorkbook();
    wb.参数设置 = settingsSheet(["承诺提交截止日期", "9月20日"]);
    setRow(wb, "学习考勤", 1, ["编号", "姓名", "2011-03-15 集中学习", "2011-09-20 党课"]);
    const r = parse(wb, { fallbackYear: 2009 });
    expect(r.input.settings.year).toBe(2011);
    expect(r.input.settings.pledgeDeadline).toBe(dayFromYMD(2011, 9, 20));
  });

  test("a full 截止日期 (Date or text) is kept as given", () => {
    const wb = validWorkbook();
    set(wb, settingCell("承诺提交截止日期"), date(2010, 10, 1));
    expect(parse(wb).input.settings.pledgeDeadline).toBe(dayFromYMD(2010, 10, 1));
    set(wb, settingCell("承诺提交截止日期"), "2010年9月30日");
    expect(parse(wb).input.settings.pledgeDeadline).toBe(dayFromYMD(2010, 9, 30));
    set(wb, settingCell("承诺提交截止日期"), "九月底");
    const r = parse(wb);
    expectIssues(r.issues, [[settingCell("承诺提交截止日期"), "setting_invalid", "错误"]]);
    expect(r.input.settings.pledgeDeadline).toBeNull();
  });
});
