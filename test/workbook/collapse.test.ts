/**
 * One cause, one message (src/workbook/collapse.ts, docs/scoring.md): each rule with the exact
 * 问题清单 rows it gives — level, sheet!cell, and the wording — for the whole run, so a row
 * that should have been gathered and was not, or the other way round, fails.
 *
 * validWorkbook(): 2010, 年终; 001 张三, 002 李四, 003 王五 (预备党员), all 参评, so each has 2
 * possible 互评 voters. believableVotes() sets its 互评 counts (12 each) to believable ones first, so its
 * own vote_count_high does not sit in every list.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calculateWorkbook } from "../../src/excel/host";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { issueLine } from "../../src/messages/zh-CN";
import { cellText } from "../../src/workbook/cells";
import { runEngine, type EngineRun } from "../../src/workbook/engine";
import { OUTPUT_HEADER_ROW } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { workbookBytes } from "../../src/xlsx/host";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { gridOf, gridsOf, tempDir } from "../support/files";
import { addRow, believableVotes, set, toSheets, validWorkbook, type Workbook, withCode, YEAR } from "./grid";

const run = (wb: Workbook, fallbackYear = YEAR): EngineRun => runEngine(toSheets(wb), { fallbackYear });
/** The 问题清单 as the command line prints it: 错误 学习考勤!D7：问题。建议。 */
const lines = (wb: Workbook, fallbackYear = YEAR): string[] => run(wb, fallbackYear).issues.map((i) => issueLine(i));

test("the clean workbook lists nothing", () => {
  expect(lines(believableVotes())).toEqual([]);
});

describe("one unknown 编号, one row", () => {
  test("its rows in three sheets are one 错误 listing them; its 姓名 is 张三's: 是否为 001 张三？, and the hints about 张三 these rows explain are folded in", () => {
    const wb = believableVotes();
    for (const cell of ["个人承诺!A2", "学习考勤!A2", "评议打分!B2"]) set(wb, cell, "010"); // 张三's rows, 编号 mistyped
    expect(lines(wb)).toEqual([
      "错误 个人承诺!A2：编号 010（张三）不在党员名册中，这些行已忽略：个人承诺!A2、学习考勤!A2、评议打分!B2，共 3 处；" +
        "名册中的 张三 因此：学习考勤全部按缺席计，有连续缺席提醒，承诺践诺记 0 分，没有党员互评票数，没有群众评议票数。" +
        "是否为 001 张三？若是，将这些行的编号改为 001；若不是，先在党员名册中添加此人。",
    ]);
  });

  test("more than six rows: the first six, then 共 N 处; a 姓名 no roster member has: no suggestion, and 张三's own hints stay listed", () => {
    const wb = believableVotes();
    for (const sheet of ["个人承诺", "学习考勤"]) {
      set(wb, `${sheet}!A2`, "009");
      set(wb, `${sheet}!B2`, "赵六");
    }
    for (let k = 0; k < 6; k++) addRow(wb, "活动记录", ["009", "赵六", "2010-05-01", "志愿服务", "义务劳动", null, 1]);
    expect(lines(wb)).toEqual([
      "错误 个人承诺!A2：编号 009（赵六）不在党员名册中，这些行已忽略：个人承诺!A2、学习考勤!A2、活动记录!A4、A5、A6、A7 … 共 8 处。改正这些行的编号，或先在党员名册中添加此人。",
      "提示 党员名册!B2：张三 没有个人承诺，承诺践诺记 0 分。在个人承诺表中登记其承诺。",
      "提示 党员名册!B2：提醒支委会：张三 连续缺席 189 天（超过 180 天）。党章规定连续六个月不参加组织生活的按自行脱党处理，请支委会研究。",
      "提示 学习考勤：张三（编号 001）不在学习考勤表中，全部场次按缺席计。在学习考勤表中为其添加一行。",
    ]);
  });

  test("rows that give two different 姓名, or a 姓名 two members share: no suggestion, nothing folded", () => {
    const twoNames = believableVotes();
    set(twoNames, "个人承诺!A2", "010");
    set(twoNames, "学习考勤!A2", "010");
    set(twoNames, "学习考勤!B2", "李四");
    const [a] = withCode(run(twoNames).issues, "unknown_member");
    expect(a?.params).toEqual({ id: "010", name: "张三", places: ["个人承诺!A2", "学习考勤!A2"], rosterId: null, rosterName: null, rosterRow: null, follows: [] });
    expect(withCode(run(twoNames).issues, "pledge_none").map((i) => i.cell)).toEqual(["B2"]);

    const sameName = believableVotes();
    set(sameName, "党员名册!B3", "张三"); // two 张三 in the roster
    set(sameName, "个人承诺!A2", "010");
    const [b] = withCode(run(sameName).issues, "unknown_member");
    expect(b?.params).toMatchObject({ rosterId: null, rosterName: null, follows: [] });
  });

  test("a 上半年 vote row joins its 编号's 年终 rows as one 错误; alone, it stays a 提示 that says it is of 上半年", () => {
    const wb = believableVotes();
    addRow(wb, "评议打分", ["上半年", "010", "张三", null, 1, 0, 0, 0, 1, 0, 0, 0, null, null]); // row 5
    set(wb, "个人承诺!A2", "010");
    expect(lines(wb)[0]).toBe(
      "错误 个人承诺!A2：编号 010（张三）不在党员名册中，这些行已忽略：个人承诺!A2、评议打分!B5，共 2 处；名册中的 张三 因此：承诺践诺记 0 分。" +
        "是否为 001 张三？若是，将这些行的编号改为 001；若不是，先在党员名册中添加此人。",
    );
    const alone = believableVotes();
    addRow(alone, "评议打分", ["上半年", "010", "张三", null, 1, 0, 0, 0, 1, 0, 0, 0, null, null]);
    expect(lines(alone)).toEqual([
      "提示 评议打分!B5：编号 010（张三）不在党员名册中，此行已忽略（只计入上半年，不影响本期的计算结果）。是否为 001 张三？若是，将编号改为 001；若不是，先在党员名册中添加此人；计算上半年时须先改正。",
    ]);
  });

  test("a roster row ignored for its blank 编号: the rows of that 姓名 point at it, and the vote row names it as the likely cause", () => {
    const wb = believableVotes();
    set(wb, "党员名册!A2", null); // 张三's 编号 gone: his rows elsewhere say 001, and 李四 and 王五 have one voter less
    expect(lines(wb)).toEqual([
      "错误 党员名册!A2：“张三”这一行的编号为空。填写编号（与党员名册一致）。",
      "错误 个人承诺!A2：编号 001（张三）不在党员名册中，这些行已忽略：个人承诺!A2、学习考勤!A2、活动记录!A2、评议打分!B2，共 4 处；" +
        "党员名册!A2 的“张三”因编号为空未计入名册。是否为 党员名册!A2 的“张三”？若是，在该处填写编号 001。",
      "提示 评议打分!E3：2 行的党员互评票数合计多于名册中其他参评党员的人数 1：李四 2 票（E3）、王五 2 票（E4）；" +
        "党员名册!A2 因编号为空或重复未计入党员名册，其他参评党员的人数可能因此少算。先改正党员名册中未计入的行，再重新计算；若仍有此提示，核对互评票数是否录错；票数照常计算。",
    ]);
  });
});

describe("votes above the voters: one row per sheet", () => {
  test("every member's row is named, with its count and cell, in one 提示", () => {
    expect(lines(validWorkbook())).toEqual([
      "提示 评议打分!E2：3 行的党员互评票数合计多于名册中其他参评党员的人数 2：张三 12 票（E2）、李四 12 票（E3）、王五 12 票（E4）。核对互评票数是否录错（如多录了一次或填入了群众评议的票数）；票数照常计算。",
    ]);
  });

  test("one row alone reads as before", () => {
    const wb = believableVotes();
    set(wb, "评议打分!E3", 5);
    expect(lines(wb)).toEqual([
      "提示 评议打分!E3：李四 的党员互评票数合计 6 票，多于名册中其他参评党员的人数 2。核对互评票数是否录错（如多录了一次或填入了群众评议的票数）；票数照常计算。",
    ]);
  });
});

describe("the likely cause leads the list", () => {
  test("考评年度 a year off: one 提示 first, before the 错误 it explains, naming the sessions' year", () => {
    const wb = believableVotes();
    set(wb, "参数设置!B3", 2011);
    expect(lines(wb)).toEqual([
      "提示 参数设置：可能的原因：学习考勤的 2 个学习场次中有 2 个不在考评年度 2011 年内（都是 2010 年的），考评年度可能填错。若这些学习是 2010 年的，在参数设置中将考评年度改为 2010；否则改正学习考勤列标题中的日期。",
      "错误 学习考勤：本期全体党员没有学习数据（年终），该项按参数“缺项处理”计。在学习考勤表中添加年终的学习场次（列标题以日期开头）；若本期确实没有学习，将参数“学习权重”设为 0。",
      "错误 活动记录!C2：“日期”2010-04-01 不在考评年度 2011 年内，不计入任何考评期。核对日期或参数设置中的考评年度。",
      "错误 活动记录!C3：“日期”2010-10-08 不在考评年度 2011 年内，不计入任何考评期。核对日期或参数设置中的考评年度。",
      "提示 个人承诺!G2：“提交日期”2010-09-10 不在考评年度 2011 年内，不计入任何考评期。核对日期或参数设置中的考评年度。",
      "提示 个人承诺!G3：“提交日期”2010-09-01 不在考评年度 2011 年内，不计入任何考评期。核对日期或参数设置中的考评年度。",
      "提示 个人承诺!G4：“提交日期”2010-09-14 不在考评年度 2011 年内，不计入任何考评期。核对日期或参数设置中的考评年度。",
      "提示 学习考勤!C1：学习场次“2010-03-15 集中学习”是 2010 年的，不在考评年度 2011 年内，未计入。核对列标题中的日期或考评年度。",
      "提示 学习考勤!D1：学习场次“2010-09-20 党课”是 2010 年的，不在考评年度 2011 年内，未计入。核对列标题中的日期或考评年度。",
    ]);
  });

  test("考评年度 not filled in, sessions of three years: taken as the latest, the leading row says it was not filled in", () => {
    const wb = believableVotes();
    set(wb, "参数设置!B3", null);
    set(wb, "学习考勤!C1", "2009-03-15 集中学习");
    set(wb, "学习考勤!D1", "2010-09-20 党课");
    wb["学习考勤"]?.[0]?.push("2011-01-10 党课"); // a column of 2011 nobody has a mark in yet
    const [first] = run(wb).issues;
    expect(first && issueLine(first)).toBe(
      "提示 参数设置：可能的原因：学习考勤的 3 个学习场次中有 2 个不在考评年度 2011 年内（其中 1 个是 2009 年的）；考评年度未填写，按 2011 年计。" +
        "若这些学习是 2009 年的，在参数设置中将考评年度填为 2009；否则改正学习考勤列标题中的日期。",
    );
  });

  test("a roster numbered otherwise: one 提示 first; each 编号 is one row suggesting the member of its 姓名", () => {
    const wb = believableVotes();
    ["A1", "A2", "A3"].forEach((id, k) => set(wb, `党员名册!A${k + 2}`, id));
    expect(lines(wb)).toEqual([
      "提示 党员名册：可能的原因：其他表中全部 11 行的编号不在党员名册中（共 3 个编号，如 001、002、003；名册中的编号如 A1、A2、A3），可能用错了党员名册，或名册与其他表的编号写法不一致。核对党员名册是否为本支部本年度的名册，并使各表的编号与名册一致（例如都写 G01 或都写 001）。",
      "错误 个人承诺!A2：编号 001（张三）不在党员名册中，这些行已忽略：个人承诺!A2、学习考勤!A2、活动记录!A2、评议打分!B2，共 4 处；名册中的 张三 因此：学习考勤全部按缺席计，有连续缺席提醒，承诺践诺记 0 分。是否为 A1 张三？若是，将这些行的编号改为 A1；若不是，先在党员名册中添加此人。",
      "错误 个人承诺!A3：编号 002（李四）不在党员名册中，这些行已忽略：个人承诺!A3、学习考勤!A3、活动记录!A3、评议打分!B3，共 4 处；名册中的 李四 因此：学习考勤全部按缺席计，有连续缺席提醒，承诺践诺记 0 分。是否为 A2 李四？若是，将这些行的编号改为 A2；若不是，先在党员名册中添加此人。",
      "错误 个人承诺!A4：编号 003（王五）不在党员名册中，这些行已忽略：个人承诺!A4、学习考勤!A4、评议打分!B4，共 3 处；名册中的 王五 因此：学习考勤全部按缺席计，有连续缺席提醒，承诺践诺记 0 分。是否为 A3 王五？若是，将这些行的编号改为 A3；若不是，先在党员名册中添加此人。",
      "错误 评议打分：评议打分表中没有年终的任何票数，互评计票、群众计票中也没有本期的票，党员互评和群众评议无法计分。在评议打分表中按每名党员填写年终的互评票数（优秀/合格/基本合格/不合格）和群众评议票数，期次列写“年终”或留空；或把收回的测评票逐张录入互评计票、群众计票（“打印测评票”会创建这两张表）。",
    ]);
  });

  test("a minority is no likely cause: one session of three outside the year, one unknown 编号 of many rows", () => {
    const wb = believableVotes();
    set(wb, "学习考勤!C1", "2009-12-20 集中学习");
    addRow(wb, "个人承诺", ["077", "", "党员承诺", "读书", "2010年12月", 1, "2010-09-10", "通过", "完成", null, null]);
    const codes = run(wb).issues.map((i) => i.code);
    expect(codes).toEqual(["unknown_member", "session_outside_year"]);
  });
});

describe("through both hosts", () => {
  test("a roster 编号 retyped in the demo: calcFile and the add-in on the fake Excel write the same single row for her 12 rows", async () => {
    const dir = tempDir("one-cause-");
    try {
      const file = path.join(dir, "retyped.xlsx");
      await initWorkbook(file, { demo: true });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const roster = wb.getWorksheet("党员名册");
      if (!roster) throw new Error("the demo has no 党员名册");
      // The one-based sheet rows whose 编号 is G05 (陈静), as the template laid the demo out.
      const demo = await gridsOf(file);
      const rowsOf = (sheet: string): number[] => gridOf(demo, sheet).flatMap((r, i) => (r[0] === "G05" ? [i + 1] : []));
      const [pledges, attendance, activities] = [rowsOf("个人承诺"), rowsOf("学习考勤"), rowsOf("活动记录")];
      /** The sheet row of the demo's k-th data row. */
      const data = (k: number): number => TEMPLATE_HEADER_ROW + k;
      roster.getCell(`A${rowsOf("党员名册")[0] ?? 0}`).value = "G50"; // G05 陈静
      await fs.writeFile(file, await workbookBytes(wb));

      const out = path.join(dir, "retyped.out.xlsx");
      await calcFile(file, { out });
      const written = gridOf(await gridsOf(out), "问题清单").slice(OUTPUT_HEADER_ROW);
      const fake = fakeEnv(fakeFromGrids(await gridsOf(file)));
      await calculateWorkbook(fake.env);
      const inExcel = fake.workbook.grid("问题清单").slice(OUTPUT_HEADER_ROW);

      // 序号, 级别, 工作表, 单元格, 问题, 处理建议, 代码
      const unknown = (rows: readonly (readonly unknown[])[]): unknown[][] => rows.filter((r) => r[6] === "unknown_member").map((r) => [...r]);
      const expected = [
        [
          1,
          "错误",
          "个人承诺",
          `A${pledges[0] ?? 0}`,
          `编号 G05（陈静）不在党员名册中，这些行已忽略：个人承诺!${pledges.map((r) => `A${r}`).join("、")}、学习考勤!A${attendance[0] ?? 0}、活动记录!A${activities[0] ?? 0}、A${activities[1] ?? 0} … 共 12 处；` +
            "名册中的 陈静 因此：学习考勤全部按缺席计，有连续缺席提醒，承诺践诺记 0 分，没有党员互评票数，没有群众评议票数",
          "是否为 G50 陈静？若是，将这些行的编号改为 G50；若不是，先在党员名册中添加此人",
          "unknown_member",
        ],
      ];
      expect(unknown(written)).toEqual(expected);
      expect(unknown(inExcel)).toEqual(expected);
      // The rest of the list is the demo's own 提示 but 陈静's blank mark (her row is the unknown one).
      expect(written.map((r) => `${cellText(r[1] ?? null)} ${cellText(r[2] ?? null)}!${cellText(r[3] ?? null)} ${cellText(r[6] ?? null)}`)).toEqual([
        `错误 个人承诺!A${pledges[0] ?? 0} unknown_member`,
        `提示 党员名册!B${data(21)} flag_absence`,
        `提示 个人承诺!G${data(19)} pledge_late`,
        `提示 学习考勤!E${data(20)} mark_blank`,
      ]);
      expect(inExcel.map((r) => r.slice(1))).toEqual(written.map((r) => r.slice(1)));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
