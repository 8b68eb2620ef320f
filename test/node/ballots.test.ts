/**
 * `appraisal ballots` (issue 13 item 1): the 测评票 sheet written into a real file through the
 * built CLI, read back with exceljs; re-run replaces it (a re-run gives the same workbook); a
 * sheet of hers called 测评票 is never written over; a roster with 错误 gives 草稿 ballots.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { cellText } from "../../src/workbook/cells";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { ballotedDemo } from "../support/ballots";
import { cli, expectNoStack, gridOf, gridsOf, tempDir } from "../support/files";

async function edit(file: string, f: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  f(wb);
  await wb.xlsx.writeFile(file);
}

const column = (grid: readonly (readonly unknown[])[], c: number): string[] => grid.map((r) => cellText(r[c] as never));

test("ballots on the demo: both forms, every 参评 member, her sheets unchanged; a re-run gives the same sheet", async () => {
  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  cli(["init", file, "--demo"]);
  const before = await gridsOf(file);
  const r = cli(["ballots", file]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("已生成测评票：2026年 年终，党员互评、群众评议各一式，每份 27 人");
  const after = await gridsOf(file);
  // Every sheet she had is as it was; 测评票 and the two 计票 sheets are added at the end.
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.map((g) => g.name).slice(before.length)).toEqual(["测评票", "互评计票", "群众计票"]);
  expect(r.out).toContain("已新建 互评计票、群众计票");
  const ballots = gridOf(after, "测评票");
  const ids = ballots.filter((row) => /^\d+$/.test(cellText(row[0] as never))).map((row) => cellText(row[1] as never));
  // 27 参评 members (G12 孙丽 不参评 is not on them), on each of the two forms.
  expect(ids).toHaveLength(54);
  expect(ids).not.toContain("G12");
  expect(column(ballots, 0).filter((t) => t.endsWith("测评票"))).toEqual(["光栅室党支部（示例）民主评议党员党员互评测评票", "光栅室党支部（示例）民主评议党员群众评议测评票"]);

  // Again, for 上半年: the same sheet replaced, not a second one.
  const again = cli(["ballots", file, "--period", "上半年"]);
  expect(again.code).toBe(0);
  const names = (await gridsOf(file)).map((g) => g.name);
  expect(names.filter((n) => n === "测评票")).toHaveLength(1);
  expect(cellText(gridOf(await gridsOf(file), "测评票")[0]?.[0] as never)).toContain("2026年 上半年");
});

test("a sheet of hers called 测评票 is never written over: exit 2, the file unchanged", async () => {
  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  cli(["init", file, "--demo"]);
  await edit(file, (wb) => wb.addWorksheet("测评票").addRow(["我自己的测评票"]));
  const before = await gridsOf(file);
  const r = cli(["ballots", file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain("未生成测评票");
  expect(r.err).toContain("测评票");
  expectNoStack(r);
  expect(await gridsOf(file)).toEqual(before);
});

test("a roster with 错误: the ballots are written as 草稿, exit 1, the errors listed", async () => {
  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  cli(["init", file, "--demo"]);
  await edit(file, (wb) => {
    (wb.getWorksheet("党员名册") as ExcelJS.Worksheet).getCell(`A${TEMPLATE_HEADER_ROW + 2}`).value = "G01"; // 李秀英 given 王建国's 编号
  });
  const r = cli(["ballots", file]);
  expect(r.code).toBe(1);
  expect(r.err).toContain("测评票标为草稿");
  expect(r.err).toContain(`党员名册!A${TEMPLATE_HEADER_ROW + 2}`);
  const ballots = gridOf(await gridsOf(file), "测评票");
  expect(cellText(ballots[0]?.[0] as never)).toMatch(/^草稿：数据有 \d+ 条错误未改正/);
  expect(column(ballots, 0).filter((t) => t.endsWith("测评票（草稿）"))).toHaveLength(2);
});

test("the 计票 sheets: 期次, 票号, a column per member headed 编号 姓名 with the marks as a drop-down, header and two columns frozen; kept once they hold data", async () => {
  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  cli(["init", file, "--demo"]);
  expect(cli(["ballots", file]).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const [name, marks] of [["互评计票", "优秀,合格,基本合格,不合格"], ["群众计票", "满意,比较满意,基本满意,不满意"]] as const) {
    const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
    // Row 1: the guidance line, after 期次 and 票号 (they print on every page); row 2: the header.
    expect(ws.getCell("A1").value).toBeNull();
    expect(cellText(ws.getCell("C1").value as never)).toContain("每张选票一行");
    const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 4)).toEqual(["期次", "票号", "G01 王建国", "G02 李秀英"]);
    expect(header).toHaveLength(2 + 27); // the 27 members on the ballot; G12 不参评 is not
    expect(header).not.toContain("G12 孙丽");
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    const dv = ws.getCell("C3").dataValidation as { type?: string; formulae?: string[] };
    expect(dv.type).toBe("list");
    expect(dv.formulae?.[0]).toBe(`"${marks}"`);
    expect((ws.getCell("AC502").dataValidation as { type?: string }).type).toBe("list"); // the whole data range
  }

  // A ballot typed in: the next run keeps 互评计票 as it is, and still fills nothing else in it.
  (wb.getWorksheet("互评计票") as ExcelJS.Worksheet).getRow(3).values = [null, null, "1", "优秀", "合格"];
  await wb.xlsx.writeFile(file);
  const typed = gridOf(await gridsOf(file), "互评计票");
  const again = cli(["ballots", file]);
  expect(again.code).toBe(0);
  expect(again.out).toContain("互评计票 已有数据，未改动");
  expect(gridOf(await gridsOf(file), "互评计票")).toEqual(typed);
});

/** The sheets `calc` writes from the data (计票结果 aside): compared cell by cell between runs. */
const RESULT_SHEETS = ["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"];

test("the whole round through the CLI: ballots typed into 互评计票/群众计票 give the same output sheets as the demo's typed tallies", async () => {
  const { typed, balloted, built } = await ballotedDemo(tempDir(), {
    init: (file) => cli(["init", file, "--demo"]),
    ballots: (file) => expect(cli(["ballots", file]).code).toBe(0),
  });
  const a = cli(["calc", typed]);
  const b = cli(["calc", balloted]);
  expectNoStack(b);
  expect([a.code, b.code]).toEqual([0, 0]);
  const ga = await gridsOf(typed);
  const gb = await gridsOf(balloted);
  for (const sheet of RESULT_SHEETS) expect({ sheet, grid: gridOf(gb, sheet) }).toEqual({ sheet, grid: gridOf(ga, sheet) });
  // 计票结果 is there in the balloted workbook only, with every ballot counted.
  expect(ga.map((g) => g.name)).not.toContain("计票结果");
  const tally = gridOf(gb, "计票结果");
  expect(cellText(tally[0]?.[0] as never)).toContain(`党员互评收回 ${built.peerBallots} 张，群众评议收回 ${built.massBallots} 张`);
});
