/**
 * Layouts branch workbooks have, read right or refused loudly (issue 12, item 6):
 * - 评议打分 as two blocks side by side (上半年 left, 年终 right, the headers said again), with
 *   or without a 期次 column in each block, or with a title above each block;
 * - 学习考勤 with a two-row header (dates, topics beneath, merged cells) and with the dates in a
 *   row above the 编号/姓名 row.
 * A merged cell arrives with its value in the top-left cell only (src/xlsx/host.ts); a copy
 * that fills every cell of the merge is read too.
 */
import { formatDay } from "../../src/core/dates";
import type { Period } from "../../src/core/types";
import { date, expectIssues, parse, type Row, validWorkbook, withCode, type Workbook } from "./grid";

// ------------------------------------------------------------------ 评议打分 in two blocks

/** One block's header, with or without 期次 in front. */
const blockHeader = (withPeriod: boolean): Row => [
  ...(withPeriod ? ["期次"] : []),
  "编号", "姓名", "自评等次",
  "互评优秀", "互评合格", "互评基本合格", "互评不合格",
  "群众满意", "群众比较满意", "群众基本满意", "群众不满意",
  "支委会评定", "调整理由",
];

/** [编号, 姓名, 互评 优秀/合格, 群众 满意/比较满意] */
type Votes = readonly [id: string, name: string, peerExcellent: number, peerGood: number, massVery: number, massRather: number];

const blockRow = (period: string | null, v: Votes | undefined, withPeriod: boolean): Row => {
  const width = withPeriod ? 14 : 13;
  if (!v) return Array<null>(width).fill(null);
  const [id, name, pe, pg, mv, mr] = v;
  return [...(withPeriod ? [period] : []), id, name, "合格", pe, pg, 0, 0, mv, mr, 0, 0, null, null];
};

const FIRST_HALF: readonly Votes[] = [
  ["001", "张三", 3, 9, 2, 8],
  ["002", "李四", 1, 11, 1, 9],
];
const YEAR_END: readonly Votes[] = [
  ["001", "张三", 10, 2, 8, 2],
  ["002", "李四", 6, 6, 5, 5],
  ["003", "王五", 4, 8, 4, 6],
];

/**
 * 评议打分 with 上半年 on the left and 年终 on the right, a blank column between; `titles`
 * rows go above the header. 期次 cells: `periods(p, i)` for block p's row i.
 */
function twoBlocks(opts: { withPeriod: boolean; titles?: Row[]; periods?: (p: Period, i: number) => string | null }): Row[] {
  const w = opts.withPeriod;
  const cell = opts.periods ?? ((p: Period) => p);
  const body: Row[] = [[...blockHeader(w), null, ...blockHeader(w)]];
  for (let i = 0; i < YEAR_END.length; i++) {
    body.push([...blockRow(cell("上半年", i), FIRST_HALF[i], w), null, ...blockRow(cell("年终", i), YEAR_END[i], w)]);
  }
  return [...(opts.titles ?? []), ...body];
}

/** The votes read, as [period, 编号, 互评优秀, 群众满意, cell]. */
const votesOf = (wb: Workbook, period?: Period): [Period, string, number, number, string][] =>
  parse(wb, period ? { period } : {}).input.votes.map((v) => [v.period, v.memberId, v.peer.优秀, v.mass.满意, v.ref.cell]);

describe("评议打分 as two blocks side by side", () => {
  test("a 期次 column in each block: both blocks read, each row with its period", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: true });
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(votesOf(wb)).toEqual([
      ["上半年", "001", 3, 2, "B2"],
      ["上半年", "002", 1, 1, "B3"],
      ["年终", "001", 10, 8, "Q2"],
      ["年终", "002", 6, 5, "Q3"],
      ["年终", "003", 4, 4, "Q4"],
    ]);
    // The third row has nothing in the left block: not a member without 编号.
    expect(withCode(r.issues, "id_blank")).toEqual([]);
  });

  test("期次 filled on a block's first row only: the block's blank 期次 are that period", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: true, periods: (p, i) => (i === 0 ? p : null) });
    expectIssues(parse(wb).issues, []);
    expect(votesOf(wb).map(([p, id]) => `${p} ${id}`)).toEqual(["上半年 001", "上半年 002", "年终 001", "年终 002", "年终 003"]);
  });

  test("no 期次 column, a title above each block (merged: in its top-left cell only)", () => {
    const wb = validWorkbook();
    const titles: Row[] = [["2010年度党员民主评议汇总"], ["2010年上半年民主评议", ...Array<null>(12).fill(null), null, "2010年年终民主评议"]];
    wb.评议打分 = twoBlocks({ withPeriod: false, titles });
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(votesOf(wb)).toEqual([
      ["上半年", "001", 3, 2, "A4"],
      ["上半年", "002", 1, 1, "A5"],
      ["年终", "001", 10, 8, "O4"],
      ["年终", "002", 6, 5, "O5"],
      ["年终", "003", 4, 4, "O6"],
    ]);
  });

  test("titles 年中 / 全年 over the blocks, the merged title repeated in every cell, computing 上半年", () => {
    const wb = validWorkbook();
    const titles: Row[] = [[...Array<string>(13).fill("年中评议"), null, ...Array<string>(13).fill("全年评议")]];
    wb.评议打分 = twoBlocks({ withPeriod: false, titles });
    expectIssues(parse(wb, { period: "上半年" }).issues, []);
    expect(votesOf(wb, "上半年").map(([p, id]) => `${p} ${id}`)).toEqual(["上半年 001", "上半年 002", "年终 001", "年终 002", "年终 003"]);
  });

  test("neither 期次 nor titles: one 错误 at the first block's header naming both, no vote read", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: false });
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!A1", "vote_blocks_period_unknown", "错误"]]);
    expect(withCode(r.issues, "vote_blocks_period_unknown")[0]?.params).toEqual({ cells: "A1、O1", unread: "A1、O1", blocks: 2 });
    expect(r.input.votes).toEqual([]);
  });

  test("a sheet title over the first block only decides nothing", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: false, titles: [["2010年年终民主评议"]] });
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!A2", "vote_blocks_period_unknown", "错误"]]);
    expect(r.input.votes).toEqual([]);
  });

  test("the left block says 上半年 in its 期次 column, the right one has none: the right one is not read", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: true, periods: (p) => (p === "上半年" ? p : null) });
    const r = parse(wb);
    expectIssues(r.issues, [["评议打分!P1", "vote_blocks_period_unknown", "错误"]]);
    expect(withCode(r.issues, "vote_blocks_period_unknown")[0]?.params).toEqual({ cells: "A1、P1", unread: "P1", blocks: 2 });
    expect(votesOf(wb).map(([p, id]) => `${p} ${id}`)).toEqual(["上半年 001", "上半年 002"]);
  });

  test("the left block told by its 期次 column, the right one by a title over it alone", () => {
    const wb = validWorkbook();
    const titles: Row[] = [[...Array<null>(15).fill(null), "年终评议结果"]];
    wb.评议打分 = twoBlocks({ withPeriod: true, titles, periods: (p) => (p === "上半年" ? p : null) });
    expectIssues(parse(wb).issues, []);
    expect(votesOf(wb).map(([p, id, , , cell]) => `${p} ${id} ${cell}`)).toEqual(["上半年 001 B3", "上半年 002 B4", "年终 001 Q3", "年终 002 Q4", "年终 003 Q5"]);
  });

  test("a block's own 期次 cells win over a sheet title above it", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: true, titles: [["2010年年终民主评议汇总"]], periods: (p, i) => (i === 0 ? p : null) });
    expectIssues(parse(wb).issues, []);
    expect(votesOf(wb).map(([p, id]) => `${p} ${id}`)).toEqual(["上半年 001", "上半年 002", "年终 001", "年终 002", "年终 003"]);
  });

  test("an error in the 上半年 block is a 提示 at 年终, an 错误 at 上半年", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: true });
    (wb.评议打分[1] as Row)[4] = "三票"; // E2: 上半年, 张三's 互评优秀
    expectIssues(parse(wb).issues, [["评议打分!E2", "not_a_number", "提示"]]);
    expect(parse(wb).issues[0]?.outside).toBe("上半年");
    expectIssues(parse(wb, { period: "上半年" }).issues, [["评议打分!E2", "not_a_number", "错误"]]);
  });

  test("one table with a header said twice by its alias (自评等次, 自评) is one table, read as before", () => {
    const wb = validWorkbook();
    const sheet = wb.评议打分 ?? [];
    sheet.forEach((row, i) => row.splice(4, 0, i === 0 ? "自评" : null));
    expectIssues(parse(wb).issues, []);
    expect(votesOf(wb).map(([p, id, pe]) => `${p} ${id} ${pe}`)).toEqual(["年终 001 10", "年终 002 6", "年终 003 4"]);
  });

  test("the same member twice in one block of one period is still a duplicate", () => {
    const wb = validWorkbook();
    wb.评议打分 = twoBlocks({ withPeriod: true });
    (wb.评议打分[2] as Row).splice(16, 2, "001", "张三"); // Q3: 年终 block, 001 again
    expectIssues(parse(wb).issues, [["评议打分!Q3", "row_duplicate", "错误"]]);
  });
});

// ------------------------------------------------------------------ 学习考勤 header layouts

/** Sessions as "date title @ref", marks per member. */
function sessionsOf(wb: Workbook): { sessions: string[]; marks: string[][] } {
  const r = parse(wb).input;
  return { sessions: r.sessions.map((s) => `${formatDay(s.date)} ${s.title} @${s.ref.cell}`), marks: r.attendance.map((a) => a.marks.map(String)) };
}

describe("学习考勤 with a two-row header", () => {
  test("dates in the 编号/姓名 row (one merged over two sessions), topics beneath, 编号/姓名 merged over both rows", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      ["编号", "姓名", date(2010, 3, 15), null, "9月20日"],
      [null, null, "上午 党章学习", "下午 讨论", "党课"],
      ["001", "张三", "出席", "出席", "出席"],
      ["002", "李四", "迟到", "请假", "出席"],
      ["003", "王五", "请假", "出席", "补学"],
    ];
    const r = parse(wb);
    expectIssues(r.issues, []);
    expect(sessionsOf(wb)).toEqual({
      sessions: ["2010-03-15 上午 党章学习 @C1", "2010-03-15 下午 讨论 @D2", "2010-09-20 党课 @E1"],
      marks: [["出席", "出席", "出席"], ["迟到", "请假", "出席"], ["请假", "出席", "补学"]],
    });
  });

  test("the merged cells' value copied into every cell of the merge reads the same", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      ["编号", "姓名", date(2010, 3, 15), date(2010, 3, 15), "9月20日"],
      ["编号", "姓名", "上午 党章学习", "下午 讨论", "党课"],
      ["001", "张三", "出席", "出席", "出席"],
      ["002", "李四", "迟到", "请假", "出席"],
      ["003", "王五", "请假", "出席", "补学"],
    ];
    expectIssues(parse(wb).issues, []);
    expect(sessionsOf(wb).sessions).toEqual(["2010-03-15 上午 党章学习 @C1", "2010-03-15 下午 讨论 @D1", "2010-09-20 党课 @E1"]);
  });

  test("a row beneath the header with a mark in it is a member's row, as before", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      ["编号", "姓名", "2010-03-15", "2010-09-20"],
      [null, null, "党章学习", "出席"],
      ["001", "张三", "出席", "出席"],
      ["002", "李四", "迟到", "出席"],
      ["003", "王五", "请假", "补学"],
    ];
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!A2", "id_blank", "错误"]]);
    expect(r.input.sessions.map((s) => s.title)).toEqual(["2010-03-15", "2010-09-20"]);
  });

  test("a topic under the blank part of a merged date whose column is not marks is ignored, loudly", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      ["编号", "姓名", "2010-03-15", null],
      [null, null, "党章学习", "说明"],
      ["001", "张三", "出席", "调入"],
      ["002", "李四", "迟到", null],
      ["003", "王五", "请假", null],
    ];
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!D2", "column_ignored", "提示"]]);
    expect(sessionsOf(wb).sessions).toEqual(["2010-03-15 党章学习 @C1"]);
  });
});

describe("学习考勤 with the dates in a row above the 编号/姓名 row", () => {
  test("topics or blanks in the header row under the dates", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      ["2010年学习考勤", null, "2010-03-15", date(2010, 9, 20)],
      ["编号", "姓名", "集中学习", null],
      ["001", "张三", "出席", "出席"],
      ["002", "李四", "迟到", "出席"],
      ["003", "王五", "请假", "补学"],
    ];
    expectIssues(parse(wb).issues, []);
    expect(sessionsOf(wb)).toEqual({
      sessions: ["2010-03-15 集中学习 @C1", "2010-09-20 2010-09-20 @D1"],
      marks: [["出席", "出席"], ["迟到", "出席"], ["请假", "补学"]],
    });
  });

  test("a date merged over two topic columns; a 备注 column beside it stays ignored", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      [null, null, "3月15日", null, null],
      ["编号", "姓名", "上午 党章", "下午 讨论", "备注"],
      ["001", "张三", "出席", "缺席", "调入"],
      ["002", "李四", "迟到", "出席", null],
      ["003", "王五", "请假", "出席", null],
    ];
    const r = parse(wb);
    expectIssues(r.issues, [["学习考勤!E2", "column_ignored", "提示"]]);
    expect(sessionsOf(wb)).toEqual({
      sessions: ["2010-03-15 上午 党章 @C1", "2010-03-15 下午 讨论 @D2"],
      marks: [["出席", "缺席"], ["迟到", "出席"], ["请假", "出席"]],
    });
  });

  test("a line above the header that is not all dates (填表人 …, a date) gives no column a date, as before", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      ["填表人：组织委员", null, "填表日期", "2010-12-20"],
      ["编号", "姓名", "2010-03-15 集中学习", "备注"],
      ["001", "张三", "出席", "调入"],
      ["002", "李四", "迟到", null],
      ["003", "王五", "请假", null],
    ];
    expectIssues(parse(wb).issues, [["学习考勤!D2", "column_ignored", "提示"]]);
    expect(sessionsOf(wb).sessions).toEqual(["2010-03-15 集中学习 @C2"]);
  });

  test("a date in the header row itself wins over one above it", () => {
    const wb = validWorkbook();
    wb.学习考勤 = [
      [null, null, "3月15日", "4月1日"],
      ["编号", "姓名", "2010-03-16 集中学习", "2010-09-20 党课"],
      ["001", "张三", "出席", "出席"],
      ["002", "李四", "迟到", "出席"],
      ["003", "王五", "请假", "补学"],
    ];
    expectIssues(parse(wb).issues, []);
    expect(sessionsOf(wb).sessions).toEqual(["2010-03-16 集中学习 @C2", "2010-09-20 党课 @D2"]);
  });
});
