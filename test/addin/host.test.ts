/**
 * The Office.js host on the strict fake Excel: every operation, its round trips at 10 and
 * 5,000 members, and the same workbook through both hosts giving identical output sheets.
 */
import path from "node:path";
import { dateFromDay, dayFromExcelSerial } from "../../src/core/dates";
import { isDateFormat } from "../../src/excel/cells";
import { calculateWorkbook, checkWorkbook, createTemplate, REQUEST_BUDGET_BYTES, selectCell } from "../../src/excel/host";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { cellText } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { a1 } from "../../src/core/address";
import { FEEDBACK_MAX_SLIPS } from "../../src/workbook/feedback";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW, templateGrid, templateLayout, templateSheets } from "../../src/workbook/template";
import { demoFake, fakeEnv, fakeFromGrids } from "../support/excel-env";
import { FakeWorkbook } from "../support/fake-excel";
import { gridOf, gridsOf, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";

const OUTPUTS = OUTPUT_SHEETS.map((s) => s.name);
const text = (rows: readonly (readonly unknown[])[]): string[][] =>
  rows.map((r) => {
    const out = r.map((v) => (typeof v === "number" ? String(v) : cellText(v as never)));
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  });

/** A sheet's values as an exceljs read gives them: date-formatted serials as dates. */
function asRead(wb: FakeWorkbook, name: string): unknown[][] {
  return wb.grid(name).map((row, r) =>
    row.map((v, c) => (typeof v === "number" && isDateFormat(wb.cell(name, a1(r, c)).numberFormat) ? dateFromDay(dayFromExcelSerial(v)) : v)),
  );
}

describe("创建模板", () => {
  test("an empty workbook gets every input sheet and the guide, in 5 syncs", async () => {
    const f = fakeEnv(FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]));
    const t = await createTemplate(f.env);
    expect(f.excel.stats.syncs).toBe(5);
    expect(t.created).toEqual(INPUT_SHEETS.map((d) => d.name));
    expect(f.workbook.sheetNames()).toEqual(["Sheet1", "使用说明", ...INPUT_SHEETS.map((d) => d.name)]);
    // The layout does not depend on the year or the settings' values.
    const sheets = templateSheets();
    for (const def of INPUT_SHEETS) {
      const grid = f.workbook.grid(def.name);
      // Row 1: the guidance line, merged over the columns and as high as templateLayout says; row 2: the header.
      expect(grid[0]?.filter((v) => v !== null && v !== "")).toEqual([def.guidance]);
      expect(grid[1]?.slice(0, def.columns.length)).toEqual(def.columns.map((c) => c.header));
      const sheet = f.workbook.sheet(def.name);
      const layout = templateLayout(sheets.find((s) => s.name === def.name) as never, def.name);
      // From A1, or on 学习考勤 after its title columns 编号 and 姓名, which print on every page.
      expect(sheet.merges[0]).toMatch(def.name === "学习考勤" ? /^C1:[A-Z]+1$/ : /^A1:[A-Z]+1$/);
      expect(sheet.rowHeights[1]).toBe(layout.guidancePoints);
      expect(sheet.rowHeights[2]).toBe(layout.headerPoints);
      expect(sheet.frozenRows).toBe(2);
      expect(sheet.pageLayout.paperSize).toBe("A4");
      expect(sheet.pageLayout.printTitleRows).toBe("$2:$2");
      expect(sheet.pageLayout.centerHeader).toBe(def.name);
      const header = f.workbook.cell(def.name, "A2");
      expect(header.bold).toBe(true);
    }
    // One list rule per drop-down column, over the column's whole data range (rows 3–502).
    const votes = f.workbook.sheet("评议打分").validations.filter((v) => v.rule?.list);
    expect(votes.map((v) => [v.address, (v.rule?.list as Excel.ListDataValidation).source])).toEqual([
      ["A3:A502", "上半年,年终"],
      ["D3:D502", "优秀,合格,基本合格,不合格"],
      ["M3:M502", "优秀,合格,基本合格,不合格"],
    ]);
    // The eight vote counts: whole numbers ≥ 0, refused otherwise with a Chinese alert.
    const counts = f.workbook.sheet("评议打分").validations.filter((v) => v.rule?.wholeNumber);
    expect(counts.map((v) => v.address)).toEqual(["E3:E502", "F3:F502", "G3:G502", "H3:H502", "I3:I502", "J3:J502", "K3:K502", "L3:L502"]);
    for (const v of counts) {
      expect(v.rule?.wholeNumber).toEqual({ formula1: 0, operator: "GreaterThanOrEqualTo" });
      expect(v.errorAlert).toMatchObject({ showAlert: true, style: "Stop", title: "票数须为整数" });
      expect(v.errorAlert?.message).toContain("只能填 0 或正整数");
    }
    // 考核得分 0–100, 权重 ≥ 0, 提交日期 in 考评年度 (a warning: outside the year is a 提示 only).
    const pledges = f.workbook.sheet("个人承诺").validations;
    expect(pledges.find((v) => v.address === "K3:K502")?.rule).toEqual({ decimal: { formula1: 0, formula2: 100, operator: "Between" } });
    expect(pledges.find((v) => v.address === "F3:F502")?.rule).toEqual({ decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    const year = new Date().getFullYear();
    const submitted = pledges.find((v) => v.address === "G3:G502");
    expect(submitted?.rule).toEqual({ date: { formula1: `${year}-01-01`, formula2: `${year}-12-31`, operator: "Between" } });
    // A warning: she may keep the date (the year may have changed since the template was made).
    expect(submitted?.errorAlert).toMatchObject({ style: "Warning", title: "日期不在考评年度内" });
    expect(f.workbook.sheet("活动记录").validations.find((v) => v.address === "C3:C502")?.rule?.date?.formula1).toBe(`${year}-01-01`);
    // 学习考勤 prints across pages: 编号 and 姓名 on each, at the scale for about 12 sessions.
    const attendance = f.workbook.sheet("学习考勤");
    expect(attendance.pageLayout).toMatchObject({ printTitleColumns: "$A:$B", printTitleRows: "$2:$2" });
    expect(attendance.pageLayout.zoom.scale).toBeGreaterThanOrEqual(60);
    expect(attendance.frozenColumns).toBe(2);
    expect(t.degraded).toEqual([]);
  });

  test("a sheet with data is never touched; an empty one gets its header", async () => {
    const f = fakeEnv(
      FakeWorkbook.fromGrids([
        { name: "党员名册", rows: [["编号", "姓名", "我的列"], ["1", "张三", "别动"]] },
        { name: "学习考勤", rows: [] },
      ]),
    );
    const t = await createTemplate(f.env);
    expect(t.kept).toEqual(["党员名册"]);
    expect(t.created).not.toContain("党员名册");
    expect(t.created).toContain("学习考勤");
    expect(f.workbook.grid("党员名册")).toEqual([["编号", "姓名", "我的列"], ["1", "张三", "别动"]]);
    expect(f.workbook.sheet("党员名册").validations).toEqual([]);
    expect(f.workbook.grid("学习考勤")[TEMPLATE_HEADER_ROW - 1]?.slice(0, 2)).toEqual(["编号", "姓名"]);
  });

  test("on Excel 2019 (ExcelApi 1.7) it creates the sheets without drop-downs or print setup, and says so", async () => {
    const f = fakeEnv(FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]), "1.7");
    const t = await createTemplate(f.env);
    expect(t.created).toHaveLength(INPUT_SHEETS.length);
    expect(t.degraded.map((d) => d.needs)).toEqual(["ExcelApi 1.8", "ExcelApi 1.9"]);
    expect(f.workbook.sheet("评议打分").validations).toEqual([]);
  });

  test("载入示例支部 fills the demo branch, which then computes", async () => {
    const f = fakeEnv(FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]));
    await createTemplate(f.env, { demo: true });
    expect(f.workbook.grid("党员名册")).toHaveLength(TEMPLATE_HEADER_ROW + 28);
    const c = await calculateWorkbook(f.env);
    expect(c.run.result.summary.scored).toBe(27);
  });
});

describe("一键计算", () => {
  test("the demo: 6 syncs, every output sheet, the summary sheet active", async () => {
    const f = fakeEnv(demoFake());
    const c = await calculateWorkbook(f.env);
    expect(c.syncs).toBe(6);
    expect(f.excel.stats.syncs).toBe(6);
    expect(f.workbook.sheetNames().slice(-OUTPUTS.length)).toEqual(OUTPUTS);
    expect(c.degraded).toEqual([]);
    expect(f.workbook.activeSheet()).toBe("综合评定");
    const result = f.workbook.grid("综合评定");
    expect(result).toHaveLength(2 + 28);
    // The mark is in the footer, not in the printed title.
    expect(String(result[0]?.[0])).not.toContain("【考评助手生成】");
    expect(f.workbook.sheet("综合评定").frozenRows).toBe(2);
    expect(f.workbook.sheet("综合评定").pageLayout.printTitleRows).toBe("$2:$2");
    // The same page as the exceljs writer's: footer with the mark and the page number, which
    // restarts on the sheet; 0.5″ side margins (36 pt).
    expect(f.workbook.sheet("综合评定").pageLayout.headersFooters.centerFooter).toBe("【考评助手生成】 第 &P 页");
    expect(f.workbook.sheet("综合评定").pageLayout.firstPageNumber).toBe(1);
    // 问题清单's internal 代码 column is written, and hidden.
    expect(f.workbook.sheet("问题清单").hiddenColumns).toEqual(["G"]);
    expect(f.workbook.grid("问题清单")[1]?.[6]).toBe("代码");
    expect(f.workbook.sheet("综合评定").pageLayout.margins.left).toBe(36);
    expect(f.workbook.cell("综合评定", "I3").numberFormat).toBe("0.00");
  });

  test("ExcelApi 1.7 (no footers): each output's A1 carries the mark after its title, and a re-run replaces them as its own", async () => {
    const f = fakeEnv(demoFake(), "1.7");
    await calculateWorkbook(f.env);
    for (const name of OUTPUTS) {
      expect({ name, a1: String(f.workbook.grid(name)[0]?.[0]).endsWith(" 【考评助手生成】"), footer: f.workbook.sheet(name).pageLayout.headersFooters.centerFooter }).toEqual({ name, a1: true, footer: "" });
    }
    const first = OUTPUTS.map((n) => f.workbook.grid(n));
    const again = await calculateWorkbook(f.env);
    expect(again.skipped).toEqual([]);
    expect(again.run.issues.filter((i) => i.code === "output_sheet_foreign")).toEqual([]);
    expect(OUTPUTS.map((n) => f.workbook.grid(n))).toEqual(first);
    expect(f.workbook.sheetNames().filter((n) => OUTPUTS.includes(n))).toEqual(OUTPUTS);
  });

  test("ExcelApi 1.9: outputs whose A1 an earlier version marked (no footer mark) are replaced as the tool's own", async () => {
    const f = fakeEnv(demoFake());
    // As earlier versions wrote them: the mark at the end of the title in A1, a footer without it.
    await f.env.run(async (context) => {
      for (const name of ["综合评定", "问题清单"]) {
        const ws = context.workbook.worksheets.add(name);
        ws.getRange("A1:A2").values = [[`${name} — 光栅室党支部（示例） 2025年 年终 【考评助手生成】`], ["编号"]];
        ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = "第 &P 页，共 &N 页";
      }
      await context.sync();
    });
    const c = await calculateWorkbook(f.env);
    expect(c.skipped).toEqual([]);
    expect(c.syncs).toBe(6);
    expect(f.workbook.sheetNames().slice(-OUTPUTS.length)).toEqual(OUTPUTS);
    expect(f.workbook.sheet("综合评定").pageLayout.headersFooters.centerFooter).toBe("【考评助手生成】 第 &P 页");
  });

  test("a second run gives the same workbook", async () => {
    const f = fakeEnv(demoFake());
    await calculateWorkbook(f.env);
    const first = f.workbook.sheetNames().map((n) => [n, f.workbook.grid(n)]);
    await calculateWorkbook(f.env);
    expect(f.workbook.sheetNames().map((n) => [n, f.workbook.grid(n)])).toEqual(first);
  });

  test("input sheets are not changed by a calculation", async () => {
    const f = fakeEnv(demoFake());
    const before = INPUT_SHEETS.map((d) => f.workbook.grid(d.name));
    await calculateWorkbook(f.env);
    expect(INPUT_SHEETS.map((d) => f.workbook.grid(d.name))).toEqual(before);
  });

  test("a sheet she named 问题清单 is left alone and reported", async () => {
    const wb = demoFake();
    const f = fakeEnv(FakeWorkbook.fromGrids([...wb.sheetNames().map((n) => ({ name: n, rows: wb.grid(n) })), { name: "问题清单", rows: [["我的问题记录"]] }]));
    const c = await calculateWorkbook(f.env);
    expect(c.skipped).toEqual(["问题清单"]);
    expect(f.workbook.grid("问题清单")).toEqual([["我的问题记录"]]);
    expect(c.run.issues.some((i) => i.code === "output_sheet_foreign" && i.sheet === "问题清单")).toBe(true);
  });

  test("text that starts with = + - @ is written as text, never as a formula", async () => {
    const wb = demoFake();
    const roster = wb.grid("党员名册");
    const hostile = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "<img src=x onerror=alert(1)>"];
    hostile.forEach((name, i) => {
      const row = roster[TEMPLATE_HEADER_ROW + i];
      if (row) row[1] = name;
    });
    const f = fakeEnv(FakeWorkbook.fromGrids(wb.sheetNames().map((n) => ({ name: n, rows: n === "党员名册" ? roster : wb.grid(n) }))));
    await calculateWorkbook(f.env);
    const names = f.workbook.grid("综合评定").map((r) => r[1]);
    for (const h of hostile) expect(names).toContain(h);
    for (let r = 3; r <= 30; r++) {
      const cell = f.workbook.cell("综合评定", `B${r}`);
      expect(cell.formula).toBeNull();
    }
  });

  test("a draft: every output's title starts with the red draft line and every page header says 草稿; corrected, a re-run removes every mark", async () => {
    const grids = demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s).map((r) => [...r]) }));
    const attendance = grids.find((g) => g.name === "学习考勤")?.grid as unknown[][];
    const good = attendance[6]?.[3];
    (attendance[6] as unknown[])[3] = "病假"; // 学习考勤!D7
    const f = fakeEnv(fakeFromGrids(grids));
    const c = await calculateWorkbook(f.env);
    expect(c.run.verdict).toEqual({ final: false, errors: 1 });
    for (const name of OUTPUTS) {
      expect(String(f.workbook.grid(name)[0]?.[0])).toMatch(/^草稿：数据有 1 条错误未改正，结果不可作为最终结果 — /);
      expect(f.workbook.cell(name, "A1").fontColor).toBe("#C00000");
      expect(f.workbook.sheet(name).pageLayout.headersFooters.centerHeader).toContain("（草稿）");
    }

    // She corrects the cell in the same workbook (学习考勤!D7 as it was) and computes again:
    // the earlier outputs are known as the tool's own by the mark in their footers.
    await f.env.run(async (context) => {
      context.workbook.worksheets.getItem("学习考勤").getRange("D7").values = [[good as string]];
      await context.sync();
    });
    const again = f;
    expect((await calculateWorkbook(again.env)).run.verdict.final).toBe(true);
    for (const name of OUTPUTS) {
      expect(String(again.workbook.grid(name)[0]?.[0])).not.toContain("草稿");
      expect(again.workbook.sheet(name).pageLayout.headersFooters.centerHeader).not.toContain("草稿");
    }
  });

  test("检查数据 reads in 3 syncs and writes nothing", async () => {
    const f = fakeEnv(demoFake());
    const before = f.workbook.sheetNames();
    const c = await checkWorkbook(f.env);
    expect(c.syncs).toBe(3);
    expect(f.excel.stats.syncs).toBe(3);
    expect(f.workbook.sheetNames()).toEqual(before);
    expect(c.run.result.summary.scored).toBe(27);
  });

  test.each([10, 5000])("%i members: 6 syncs, no request or response over 4 MB", async (members) => {
    const f = fakeEnv(fakeFromGrids(bigBranch(members, 50)));
    const c = await calculateWorkbook(f.env);
    expect(f.excel.stats.syncs).toBe(6);
    expect(c.run.result.members).toHaveLength(members);
    expect(f.excel.stats.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(f.excel.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
    expect(f.workbook.grid("综合评定")).toHaveLength(members + 2);
  });

  test("入党时间 typed as 2001.07 (plain, or in a date-formatted cell) and 1995年5月: the 推荐表 prints the months, never 1905年", async () => {
    const formsOf = (grid: readonly (readonly unknown[])[]): [string, string][] =>
      grid.flatMap((row, r) => (row[0] === "入党时间" ? [[cellText(grid[r - 1]?.[1] as never), cellText(row[1] as never)] as [string, string]] : []));
    const first = fakeEnv(demoFake());
    await calculateWorkbook(first.env);
    const nominees = formsOf(first.workbook.grid("推荐表")).map(([name]) => name);
    expect(nominees.length).toBeGreaterThanOrEqual(3);

    const grids = demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s).map((r) => [...r]) }));
    const roster = grids.find((g) => g.name === "党员名册")?.grid as unknown[][];
    const joinCol = (roster[TEMPLATE_HEADER_ROW - 1] as unknown[]).indexOf("入党时间");
    const rowOf = (name: string): number => roster.findIndex((r) => r[1] === name);
    // The nominee highest on the roster gets the date-formatted cell (it must be in the first 15 rows).
    const byRow = [...nominees.slice(0, 3)].sort((a, b) => rowOf(a) - rowOf(b));
    const [formatted, plain, text] = byRow.map(rowOf) as [number, number, number];
    (roster[plain] as unknown[])[joinCol] = 2001.07;
    (roster[text] as unknown[])[joinCol] = "1995年5月";
    (roster[formatted] as unknown[])[joinCol] = 2001.07;
    const wb = fakeFromGrids(grids);
    // As the template formats 入党时间: Excel shows 2001.07 there as 1905-06-23, and the host,
    // which reads the number formats of the first 15 rows, hands it over as that date.
    expect(formatted).toBeLessThan(15);
    wb.setNumberFormat("党员名册", a1(formatted, joinCol), "yyyy-mm-dd");
    const f = fakeEnv(wb);
    const c = await calculateWorkbook(f.env);
    expect(c.run.issues.filter((i) => i.code.startsWith("year_month"))).toEqual([]);
    const want = new Map([
      [byRow[0], "2001年7月"],
      [byRow[1], "2001年7月"],
      [byRow[2], "1995年5月"],
    ]);
    const printed = formsOf(f.workbook.grid("推荐表"));
    expect(printed.slice(0, 3)).toEqual(nominees.slice(0, 3).map((name) => [name, want.get(name)]));
    expect(JSON.stringify(f.workbook.grid("推荐表"))).not.toMatch(/190[56]年/);
  });
});

describe("both hosts, the same workbook, the same output sheets", () => {
  test("the demo through exceljs (appraisal calc) and through Office.js gives identical cells", async () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    const out = path.join(dir, "out.xlsx");
    await initWorkbook(file, { demo: true });
    await calcFile(file, { out });
    const viaExcelJs = await gridsOf(out);

    const f = fakeEnv(fakeFromGrids(await gridsOf(file)));
    const c = await calculateWorkbook(f.env);
    for (const out of c.run.outputs) {
      // Only the add-in draws charts, over cells both leave empty: the cells are the same.
      expect(text(asRead(f.workbook, out.name))).toEqual(text(gridOf(viaExcelJs, out.name)));
    }
    expect(c.run.outputs.map((o) => o.name)).toEqual(OUTPUTS);
  });
});

test("转到单元格: activates the sheet and selects the cell", async () => {
  const f = fakeEnv(demoFake());
  expect(await selectCell(f.env, "学习考勤", "D7")).toBe(true);
  expect(f.workbook.selection()).toEqual({ sheet: "学习考勤", address: "D7" });
  expect(await selectCell(f.env, "不存在的表", "A1")).toBe(false);
});

test("text longer than the read estimate: Excel refuses the response, the host reads again in slices", async () => {
  const grids = bigBranch(1500, 10);
  const pledges = grids.find((g) => g.name === "个人承诺");
  const long = "结合岗位实际，".repeat(200); // 1,400 characters (4.2 KB) of pledge text per member: 6.3 MB in all
  for (const row of (pledges?.grid ?? []).slice(1)) (row as unknown[])[3] = long;
  const f = fakeEnv(fakeFromGrids(grids));
  const c = await calculateWorkbook(f.env);
  expect(c.run.result.members).toHaveLength(1500);
  // Some responses were too big and refused; the reads that followed fitted, and the last
  // request (the write) went through.
  const sizes = f.excel.stats.requests.map((r) => r.responseBytes);
  expect(sizes.filter((b) => b > 5 * 1024 * 1024).length).toBeGreaterThanOrEqual(1);
  expect(sizes.slice(-2).every((b) => b <= 5 * 1024 * 1024)).toBe(true);
  // names, sizes, one refused read, the slices that fit, the writes: more than 6, and counted.
  expect(c.syncs).toBe(f.excel.stats.syncs);
  expect(c.syncs).toBeGreaterThan(6);
});

describe("round trips do not grow with the roster (bench/officejs.ts reports the same counts)", () => {
  test("一键计算 at 500 members: 6 syncs, as at 10 and 5,000", async () => {
    const f = fakeEnv(fakeFromGrids(bigBranch(500, 50)));
    const c = await calculateWorkbook(f.env);
    expect(c.syncs).toBe(6);
    expect(f.excel.stats.syncs).toBe(6);
    expect(f.excel.stats.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(f.workbook.grid("综合评定")).toHaveLength(500 + 2);
  });

  test("一键计算 with 1,000 反馈单 slips (FEEDBACK_MAX_SLIPS): still 6 syncs", async () => {
    // 1,010 generated members of whom 1,000 are 参评: the most slips a calculation writes.
    const f = fakeEnv(fakeFromGrids(bigBranch(1010, 50)));
    const c = await calculateWorkbook(f.env);
    expect(c.run.result.summary.scored).toBe(FEEDBACK_MAX_SLIPS);
    const slips = f.workbook.grid("反馈单").filter((row) => typeof row[3] === "string" && row[3].startsWith("民主评议党员结果反馈单"));
    expect(slips).toHaveLength(FEEDBACK_MAX_SLIPS);
    expect(c.syncs).toBe(6);
    expect(f.excel.stats.syncs).toBe(6);
    expect(f.excel.stats.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
  });
  test.each([10, 500, 5000])("创建模板 beside %i members' 党员名册 and 学习考勤: 5 syncs, those two kept as they are", async (members) => {
    const kept = ["党员名册", "学习考勤"];
    const grids = bigBranch(members, 50).filter((g) => kept.includes(g.name));
    const f = fakeEnv(fakeFromGrids(grids));
    const t = await createTemplate(f.env);
    expect(t.syncs).toBe(5);
    expect(f.excel.stats.syncs).toBe(5);
    expect([...t.kept].sort()).toEqual([...kept].sort());
    expect(t.created).toEqual(INPUT_SHEETS.map((d) => d.name).filter((n) => !kept.includes(n)));
    expect(f.excel.stats.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(f.workbook.grid("党员名册")).toHaveLength(members + 1);
  });
});
