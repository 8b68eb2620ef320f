/**
 * 打印测评票 in the add-in (issue 13 items 1–2), on the strict fake Excel: the same 测评票 and
 * 计票 sheets as the file host writes, in a fixed number of syncs; the 计票 sheets frozen on
 * the header row and the 期次/票号 columns; remade while they hold no ballot, kept after.
 */
import { excelBackend } from "../../src/excel/backend";
import { calculateWorkbook, makeBallots } from "../../src/excel/host";
import { demoBranch } from "../../src/workbook/demo";
import { templateGrid } from "../../src/workbook/template";
import { ballotsFile, initWorkbook } from "../../src/node/commands";
import { ballotsFromVotes } from "../support/ballots";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { gridOf, gridsOf, tempDir } from "../support/files";
import path from "node:path";

const demoGrids = () => demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s).map((r) => [...r]) }));
const text = (g: readonly (readonly unknown[])[]): string[][] => g.map((r) => r.map((v) => (v === null || v === undefined ? "" : String(v as string | number))));
/** Rows without their trailing blanks, and no blank rows at the end: what both hosts hold. */
function trim(g: string[][]): string[][] {
  const rows = g.map((r) => {
    const x = [...r];
    while (x.length > 0 && x[x.length - 1] === "") x.pop();
    return x;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

test("the add-in writes the 测评票 and 计票 sheets the file host writes, in six syncs", async () => {
  const f = fakeEnv(fakeFromGrids(demoGrids()));
  const b = await makeBallots(f.env);
  expect(b.written).toEqual(["测评票"]);
  expect(b.created).toEqual(["互评计票", "群众计票"]);
  expect(b.syncs).toBeLessThanOrEqual(6);

  const dir = tempDir();
  const file = path.join(dir, "demo.xlsx");
  await initWorkbook(file, { demo: true });
  await ballotsFile(file);
  const viaFile = await gridsOf(file);
  for (const name of ["测评票", "互评计票", "群众计票"]) {
    expect(trim(text(f.workbook.grid(name)))).toEqual(trim(text(gridOf(viaFile, name))));
  }
  const peer = f.workbook.sheet("互评计票");
  // Row 1 the guidance, row 2 the header: both frozen, as are 期次 and 票号; the ballots from row 3.
  expect({ rows: peer.frozenRows, cols: peer.frozenColumns }).toEqual({ rows: 2, cols: 2 });
  expect(peer.validations.some((v) => v.address.startsWith("C3:"))).toBe(true);
  expect(peer.pageLayout).toMatchObject({ printTitleRows: "$2:$2", printTitleColumns: "$A:$B", centerHeader: "互评计票" });
  expect(f.workbook.sheet("测评票").pageLayout.orientation).toBe("Portrait");
});

test("re-run: 测评票 replaced, a 计票 sheet with no ballot remade, one with a ballot kept as it is", async () => {
  const f = fakeEnv(fakeFromGrids(demoGrids()));
  await makeBallots(f.env);
  await f.env.run(async (context) => {
    context.workbook.worksheets.getItem("互评计票").getRange("A3:D3").values = [["", "1", "优秀", "合格"]];
    await context.sync();
  });
  const typed = f.workbook.grid("互评计票");
  const again = await makeBallots(f.env, "上半年");
  expect(again.kept).toEqual(["互评计票"]);
  expect(again.created).toEqual(["群众计票"]);
  expect(f.workbook.grid("互评计票")).toEqual(typed);
  expect(f.workbook.sheetNames().filter((n) => n === "测评票")).toHaveLength(1);
  expect(String(f.workbook.grid("测评票")[0]?.[0])).toContain("上半年");
});

test("a 计票 sheet of an earlier version (header in row 1) with one ballot in row 2 is kept, never remade", async () => {
  const old = [["期次", "票号", "G01 王建国", "G02 李秀英"], ["", "1", "优秀", "合格"]];
  const f = fakeEnv(fakeFromGrids([...demoGrids(), { name: "互评计票", grid: old }]));
  const b = await makeBallots(f.env);
  expect(b.kept).toEqual(["互评计票"]);
  expect(trim(text(f.workbook.grid("互评计票")))).toEqual(old);
});

test("the pane's backend: the view of what was made; on ExcelApi 1.7 the ballots are written and the missing print setup is said", async () => {
  const f = fakeEnv(fakeFromGrids(demoGrids()), "1.7");
  const v = await excelBackend(f.env).ballots(undefined);
  expect({ year: v.year, period: v.period, members: v.members, created: v.created, kept: v.kept, errors: v.errors, refused: v.refused }).toEqual({
    year: 2026,
    period: "年终",
    members: 27,
    created: ["互评计票", "群众计票"],
    kept: [],
    errors: [],
    refused: [],
  });
  expect(v.notes).toEqual(["此版本的 Excel 不能由加载项设置打印格式（需要 ExcelApi 1.9）：打印前请在“测评票”工作表手动设置 A4 纵向、缩放到一页宽。"]);
  expect(f.workbook.sheetNames().slice(-3)).toEqual(["测评票", "互评计票", "群众计票"]);

  // A sheet of hers called 测评票: refused at its A1, nothing written, no note.
  const mine = fakeEnv(fakeFromGrids([...demoGrids(), { name: "测评票", grid: [["我自己的测评票"]] }]));
  const before = mine.workbook.sheetNames();
  const r = await excelBackend(mine.env).ballots("上半年");
  expect(r.refused.map((i) => [i.code, i.sheet, i.cell])).toEqual([["output_sheet_foreign", "测评票", "A1"]]);
  expect(r.notes).toEqual([]);
  expect(mine.workbook.sheetNames()).toEqual(before);
});

test("一键计算 on ballots typed into the 计票 sheets: the same output sheets as the typed tallies, 计票结果 besides, in six syncs", async () => {
  // Without the 优秀 cap (the demo's counts could only come from ballots over it; see test/workbook/tallies.test.ts).
  const noCap = () => demoGrids().map((s) => (s.name !== "参数设置" ? s : { name: s.name, grid: s.grid.map((r) => (r[0] === "优秀比例上限" ? [r[0], "不定比例", ...r.slice(2)] : r)) }));
  const typed = fakeEnv(fakeFromGrids(noCap()));
  const balloted = fakeEnv(fakeFromGrids(ballotsFromVotes(noCap(), "年终").sheets));
  const a = await calculateWorkbook(typed.env);
  const b = await calculateWorkbook(balloted.env);
  expect(b.syncs).toBe(a.syncs);
  expect(b.syncs).toBeLessThanOrEqual(6);
  expect(b.run.verdict).toEqual(a.run.verdict);
  for (const name of ["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"]) {
    expect({ name, grid: trim(text(balloted.workbook.grid(name))) }).toEqual({ name, grid: trim(text(typed.workbook.grid(name))) });
  }
  expect(typed.workbook.sheetNames()).not.toContain("计票结果");
  expect(balloted.workbook.sheetNames()).toContain("计票结果");
  // Again: the tool's 计票结果 is replaced, not doubled.
  await calculateWorkbook(balloted.env);
  expect(balloted.workbook.sheetNames().filter((n) => n === "计票结果")).toHaveLength(1);
});
