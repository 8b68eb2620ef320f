/**
 * "An error blocks only what it touches", and parseWorkbook never throws on user data.
 */
import type { Issue } from "../../src/core/issues";
import { SETTING_DEFS } from "../../src/core/settings";
import type { CellValue } from "../../src/workbook/cells";
import { INPUT_SHEETS } from "../../src/workbook/layout";
import { parseWorkbook, type SheetGrid } from "../../src/workbook/parse";
import {
  ACTIVITY_HEADER,
  addRow,
  ATTENDANCE_HEADER,
  date,
  err,
  expectIssue,
  parse,
  PLEDGE_HEADER,
  ROSTER_HEADER,
  set,
  settingCell,
  validWorkbook,
  VOTES_HEADER,
} from "./grid";

describe("an error blocks only what it touches", () => {
  test("a workbook with an error in every sheet still yields every other member and row", () => {
    const wb = validWorkbook();
    set(wb, settingCell("优秀分数线"), "九十");
    set(wb, settingCell("学习权重"), 40); // weights now add to 110
    addRow(wb, "党员名册", ["002", "李四重复", "女", "正式党员", null, null, null, null, null, null, null]); // row 5
    addRow(wb, "党员名册", [null, "无编号", "男", "正式党员", null, null, null, null, null, null, null]); // row 6
    addRow(wb, "个人承诺", ["099", "外人", "党员承诺", "x", null, 1, null, null, "完成", null, null]); // row 5
    set(wb, "个人承诺!F2", "很重"); // weight_invalid
    set(wb, "学习考勤!D3", "病假");
    addRow(wb, "学习考勤", ["098", "外人", "出席", "出席"]); // row 5
    set(wb, "活动记录!C2", "2011-01-03");
    set(wb, "评议打分!E2", -4);
    set(wb, "评议打分!A3", "第三季度");
    set(wb, "评议打分!M4", "优秀"); // no 调整理由

    const r = parse(wb);
    const errors = r.issues.filter((i) => i.level === "错误");
    for (const [where, code] of [
      [settingCell("优秀分数线"), "setting_invalid"],
      [settingCell("学习权重"), "weights_sum"],
      ["党员名册!A5", "id_duplicate"],
      ["党员名册!A6", "id_blank"],
      ["个人承诺!A5", "unknown_member"],
      ["个人承诺!F2", "weight_invalid"],
      ["学习考勤!D3", "mark_invalid"],
      ["学习考勤!A5", "unknown_member"],
      ["活动记录!C2", "date_outside_year"],
      ["评议打分!E2", "vote_negative"],
      ["评议打分!A3", "period_invalid"],
      ["评议打分!M4", "override_without_reason"],
    ] as const) {
      expectIssue(errors, where, code, "错误");
    }

    const { input } = r;
    // settings: only the touched ones fall back
    expect(input.settings).toMatchObject({ year: 2010, period: "年终", thresholdExcellent: 90, weightStudy: 30, thresholdQualified: 70, bonusCap: 5 });
    // roster: the three real members, untouched
    expect(input.members.map((m) => `${m.id} ${m.name} ${m.category}`)).toEqual(["001 张三 正式党员", "002 李四 正式党员", "003 王五 预备党员"]);
    // pledges: the three real ones; the bad weight alone reads as 1
    expect(input.pledges.map((p) => [p.memberId, p.weight, p.completion, p.score])).toEqual([
      ["001", 1, "完成", null],
      ["002", 2, "基本完成", 80],
      ["003", 1, "完成", null],
    ]);
    // attendance: every member, every other mark
    expect(input.sessions).toHaveLength(2);
    expect(input.attendance.map((a) => [a.memberId, ...a.marks])).toEqual([
      ["001", "出席", "出席"],
      ["002", "迟到", "invalid"],
      ["003", "请假", "补学"],
    ]);
    // activities: both rows; only the bad date is gone
    expect(input.activities.map((a) => [a.memberId, a.date, a.category, a.bonus])).toEqual([
      ["001", null, "读书笔记", 0],
      ["002", input.activities[1]?.date, "竞赛获奖", 2],
    ]);
    expect(input.activities[1]?.date).not.toBeNull();
    // votes: the row with an unknown 期次 is gone; the negative cell alone is 0; the bare override is dropped
    expect(input.votes.map((v) => [v.memberId, v.peer.优秀, v.peer.合格, v.mass.满意, v.override])).toEqual([
      ["001", 0, 2, 8, null],
      ["003", 4, 8, 4, null],
    ]);
  });

  test("a broken sheet (no header) does not stop the other sheets", () => {
    const wb = validWorkbook();
    wb.个人承诺 = [["这张表的表头被删掉了"], ["001", "张三", "党员承诺"]];
    wb.学习考勤 = [[err("#REF!"), err("#REF!")], [err("#REF!")]];
    const r = parse(wb);
    expectIssue(r.issues, "个人承诺!A1", "header_not_found", "错误");
    expectIssue(r.issues, "学习考勤!A1", "header_not_found", "错误");
    expect(r.input.members).toHaveLength(3);
    expect(r.input.pledges).toEqual([]);
    expect(r.input.sessions).toEqual([]);
    expect(r.input.activities).toHaveLength(2);
    expect(r.input.votes).toHaveLength(3);
  });

  test("other sheets in the workbook (output sheets, the secretary's own) are left alone", () => {
    const wb = validWorkbook();
    const r = parse({ 使用说明: [["说明"]], ...wb, 综合评定: [["【考评助手生成】"], ["编号", "姓名"]], Sheet1: [["编号", "姓名"], ["999", "某某"]] });
    expect(r.issues).toEqual([]);
    expect(r.input.members).toHaveLength(3);
  });

  test("a missing optional sheet is sheet_missing 提示 and reads as empty", () => {
    const wb = validWorkbook();
    delete wb.活动记录;
    delete wb.评议打分;
    const r = parse(wb);
    expectIssue(r.issues, "活动记录", "sheet_missing", "提示");
    expectIssue(r.issues, "评议打分", "sheet_missing", "提示");
    expect(r.issues).toHaveLength(2);
    expect(r.input.activities).toEqual([]);
    expect(r.input.votes).toEqual([]);
    expect(r.input.pledges).toHaveLength(3);
  });
});

// ------------------------------------------------------------------ never throws

const A1 = /^[A-Z]{1,3}[1-9]\d*$/;

/** Every issue is well formed: a known level, a sheet, an A1 address or "". */
function wellFormed(issues: readonly Issue[]): void {
  for (const i of issues) {
    expect(["错误", "提示"]).toContain(i.level);
    expect(typeof i.sheet).toBe("string");
    expect(i.cell === "" || A1.test(i.cell)).toBe(true);
    // A value, a list of texts (header_not_found's headers), or null (component_missing's who).
    for (const v of Object.values(i.params)) {
      for (const x of Array.isArray(v) ? (v as unknown[]) : [v]) if (x !== null) expect(["string", "number"]).toContain(typeof x);
    }
  }
}

function mustNotThrow(sheets: SheetGrid[], fallbackYear = 2010): ReturnType<typeof parseWorkbook> {
  let result: ReturnType<typeof parseWorkbook> | undefined;
  expect(() => {
    result = parseWorkbook(sheets, { fallbackYear });
  }).not.toThrow();
  if (!result) throw new Error("no result");
  wellFormed(result.issues);
  return result;
}

const NAMES = INPUT_SHEETS.map((d) => d.name);
const HEADERS: Record<string, CellValue[]> = {
  参数设置: ["参数", "值", "说明"],
  党员名册: ROSTER_HEADER,
  个人承诺: PLEDGE_HEADER,
  学习考勤: ATTENDANCE_HEADER,
  活动记录: ACTIVITY_HEADER,
  评议打分: VOTES_HEADER,
};
const WEIRD: CellValue[] = [
  true, false, err("#N/A"), err("#REF!"), err(""), date(2010, 9, 20), new Date(NaN), new Date(8.64e15),
  NaN, Infinity, -Infinity, -0, 1e308, -1e-308, 0.1, 40441, 20100230, "", " ", "\u3000", "\u0000\u0007",
  "#N/A", "=SUM(A1:A3)", "９月３０日", "2月30日", "１２", "-1", "1/3", "不定比例", "出席", "√", "年终", "上半年",
  "编号", "姓名", "001", "００１", "考评年度", "学习权重", "优秀", "完成", null,
];

test("no sheets at all", () => {
  const r = mustNotThrow([]);
  expectIssue(r.issues, "党员名册", "sheet_missing", "错误");
  expect(r.input.members).toEqual([]);
});

test("every input sheet present but empty ([] or [[]] or [[null]])", () => {
  for (const empty of [[], [[]], [[null]], [[], [], []]] as CellValue[][][]) {
    const r = mustNotThrow(NAMES.map((name) => ({ name, grid: empty })));
    expect(r.input.members).toEqual([]);
    expectIssue(r.issues, "党员名册!A1", "roster_empty", "错误");
  }
});

test("ragged rows: a long header, short and long data rows, sparse rows", () => {
  const sparse: CellValue[] = [];
  sparse[7] = "出席";
  const sheets: SheetGrid[] = NAMES.map((name) => ({
    name,
    grid: [
      [...(HEADERS[name] ?? []), "多余列", null, "2010-10-10 党课"],
      ["001"],
      [],
      ["002", "李四", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席", "出席"],
      sparse,
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "x"],
    ],
  }));
  const r = mustNotThrow(sheets);
  expect(r.input.members.map((m) => m.id)).toEqual(["001", "002"]);
});

test("rows of booleans, error values and Dates everywhere (headers included)", () => {
  for (const v of [true, false, err("#N/A"), date(2010, 9, 20), new Date(NaN), NaN]) {
    const row = Array.from({ length: 14 }, () => v);
    mustNotThrow(NAMES.map((name) => ({ name, grid: [row, row, row] })));
    // … and under a good header
    mustNotThrow(NAMES.map((name) => ({ name, grid: [HEADERS[name] ?? [], row, row] })));
  }
});

test("every setting given every weird value", () => {
  for (const v of WEIRD) {
    const wb = validWorkbook();
    wb.参数设置 = [["参数", "值", "说明"], ...SETTING_DEFS.map((d): CellValue[] => [d.label, v])];
    const r = mustNotThrow(Object.entries(wb).map(([name, grid]) => ({ name, grid })));
    expect(r.input.settings.year).toBeGreaterThanOrEqual(1990);
  }
});

test("weird values in every data cell of the valid workbook", () => {
  for (const v of WEIRD) {
    const wb = validWorkbook();
    for (const [name, grid] of Object.entries(wb)) {
      if (name === "参数设置") continue;
      for (let r = 1; r < grid.length; r++) {
        const row = grid[r] ?? [];
        for (let c = 0; c < row.length; c++) row[c] = v;
      }
    }
    mustNotThrow(Object.entries(wb).map(([name, grid]) => ({ name, grid })));
  }
});

test("random grids built from header words and weird values (fixed seed)", () => {
  let seed = 20100914;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const words: CellValue[] = [...WEIRD, ...Object.values(HEADERS).flat(), "9/20", "2010.9.20", "2010年9月20日", "序号", "备注"];
  for (let n = 0; n < 300; n++) {
    const sheets: SheetGrid[] = NAMES.filter(() => rand() < 0.85).map((name) => {
      const header = HEADERS[name] ?? [];
      const grid: CellValue[][] = Array.from({ length: Math.floor(rand() * 8) }, () =>
        Array.from({ length: Math.floor(rand() * 16) }, () => pick(words)),
      );
      if (rand() < 0.7) grid.splice(Math.floor(rand() * (grid.length + 1)), 0, [...header].sort(() => rand() - 0.5));
      return { name: rand() < 0.1 ? ` ${name}\u3000` : name, grid };
    });
    mustNotThrow(sheets, pick([1900, 2010, 2100]));
  }
});
