/**
 * The calculation session on a fake host: a workbook of grids in memory, no Office and no
 * exceljs. What the session asks of a host (how many calls), and every decision it makes:
 * what is read, what is written, replaced, left alone and shown.
 */
import type { CellValue, Grid } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { HALF_YEAR_NOTE } from "../../src/workbook/feedback";
import { GUIDE_SHEET_NAME, INPUT_SHEETS, OUTPUT_MARK, OUTPUT_SHEETS } from "../../src/workbook/layout";
import { LIMITS } from "../../src/workbook/limits";
import { calculateSession, checkSession, type HostPort, type SheetExtent, templateSession, type WriteRequest } from "../../src/workbook/session";
import { footerOf } from "../../src/workbook/sheetdoc";
import { templateGrid } from "../../src/workbook/template";

/** A workbook of named grids, and a log of what the session asked. */
class FakeHost implements HostPort {
  readonly calls: string[] = [];
  readonly writes: WriteRequest[] = [];
  /** `footer`: the sheet's centre page footer ("" or absent: none). */
  sheets: { name: string; grid: Grid; footer?: string }[];

  constructor(sheets: readonly { name: string; grid: Grid; footer?: string }[]) {
    this.sheets = sheets.map((s) => ({ ...s }));
  }

  sheetNames(): Promise<readonly string[]> {
    this.calls.push("sheetNames");
    return Promise.resolve(this.sheets.map((s) => s.name));
  }

  extents(names: readonly string[]): Promise<readonly SheetExtent[]> {
    this.calls.push("extents");
    return Promise.resolve(
      names.map((name) => {
        const grid = this.grid(name);
        const rows = grid.reduce((n, row, r) => (row.some((v) => v !== null && v !== "") ? r + 1 : n), 0);
        const cols = grid.reduce((n, row) => Math.max(n, row.length), 0);
        return { name, top: 0, left: 0, rows, cols: rows === 0 ? 0 : cols };
      }),
    );
  }

  read(extents: readonly SheetExtent[], firstCells: readonly string[]): Promise<{ grids: { name: string; grid: Grid }[]; firstCells: CellValue[]; footers: string[] }> {
    this.calls.push(`read ${extents.map((e) => e.name).join(",")} | ${firstCells.join(",")}`);
    return Promise.resolve({
      grids: extents.map((e) => ({ name: e.name, grid: this.grid(e.name) })),
      firstCells: firstCells.map((n) => this.grid(n)[0]?.[0] ?? null),
      footers: firstCells.map((n) => this.sheets.find((x) => x.name === n)?.footer ?? ""),
    });
  }

  write(request: WriteRequest): Promise<void> {
    this.calls.push("write");
    this.writes.push(request);
    this.sheets = this.sheets.filter((s) => !request.replace.includes(s.name));
    for (const s of request.sheets) {
      if (this.sheets.some((x) => x.name === s.name)) throw new Error(`a sheet named ${s.name} exists and was not replaced`);
      this.sheets.push({ name: s.name, grid: s.cells, footer: footerOf(s) });
    }
    for (const t of request.templates) {
      const grid = templateGrid(t.sheet);
      if (t.exists) (this.sheets.find((x) => x.name === t.sheet.name) as { grid: Grid }).grid = grid;
      else this.sheets.push({ name: t.sheet.name, grid });
    }
    return Promise.resolve();
  }

  grid(name: string): Grid {
    return this.sheets.find((s) => s.name === name)?.grid ?? [];
  }
}

const OUTPUTS = OUTPUT_SHEETS.map((d) => d.name);
const demoSheets = (): { name: string; grid: Grid }[] => demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) }));
const options = { fallbackYear: 2026 };

describe("calculate", () => {
  test("four calls: names, extents, the input sheets' cells, one write of the six outputs, the first shown", async () => {
    const host = new FakeHost(demoSheets());
    const c = await calculateSession(host, options);
    expect(host.calls).toEqual(["sheetNames", "extents", `read ${INPUT_SHEETS.map((d) => d.name).join(",")} | `, "write"]);
    const w = host.writes[0] as WriteRequest;
    expect(w.sheets.map((s) => s.name)).toEqual(OUTPUTS);
    expect(w.replace).toEqual([]);
    expect(w.activate).toBe("综合评定");
    expect(c.written).toEqual(OUTPUTS);
    expect(c.skipped).toEqual([]);
    // Every output is marked as the tool's own in its page footer, not in its printed title;
    // the tables carry the branch's page header.
    for (const s of w.sheets) {
      expect({ name: s.name, mark: s.mark, footer: footerOf(s).startsWith(`${OUTPUT_MARK} 第 &P `), title: s.title.includes(OUTPUT_MARK) || s.cells[0]?.[0] !== s.title }).toEqual({
        name: s.name,
        mark: true,
        footer: true,
        title: false,
      });
    }
    expect(w.sheets[0]?.print.header).toBe(`${demoBranch().settings.branchName} ${demoBranch().settings.year}年 年终 综合评定`);
  });

  test("a second run probes its own earlier sheets (A1 and footer), replaces them, and writes the same sheets", async () => {
    const host = new FakeHost(demoSheets());
    await calculateSession(host, options);
    await calculateSession(host, options);
    expect(host.calls[6]).toBe(`read ${INPUT_SHEETS.map((d) => d.name).join(",")} | ${OUTPUTS.join(",")}`);
    const [first, second] = host.writes as [WriteRequest, WriteRequest];
    expect(second.replace).toEqual(OUTPUTS);
    expect(second.sheets).toEqual(first.sheets);
    expect(host.sheets.map((s) => s.name)).toEqual([...INPUT_SHEETS.map((d) => d.name), ...OUTPUTS]);
  });

  test("年终 then 上半年: the 年终 slips of 反馈单 are replaced by the line saying 上半年 has none, never left to look current", async () => {
    const host = new FakeHost(demoSheets());
    await calculateSession(host, { ...options, period: "年终" });
    const slips = (): number => (host.sheets.find((x) => x.name === "反馈单")?.grid ?? []).filter((r) => r[3] === "民主评议党员结果反馈单").length;
    expect(slips()).toBe(27);
    await calculateSession(host, { ...options, period: "上半年" });
    expect((host.writes[1] as WriteRequest).replace).toContain("反馈单");
    expect(slips()).toBe(0);
    expect(host.sheets.find((x) => x.name === "反馈单")?.grid[2]).toEqual([HALF_YEAR_NOTE]);
  });

  test("a sheet whose footer carries the mark is the tool's own, and so is one an earlier version marked in A1: both replaced", async () => {
    const host = new FakeHost([
      ...demoSheets(),
      { name: "综合评定", grid: [["综合评定 — 旧结果"], ["编号"]], footer: `&C${OUTPUT_MARK} 第 &P 页` },
      { name: "问题清单", grid: [[`问题清单 — 示例支部 2025年 年终 ${OUTPUT_MARK}`], ["序号"]] },
    ]);
    const c = await calculateSession(host, options);
    expect(c.skipped).toEqual([]);
    expect((host.writes[0] as WriteRequest).replace).toEqual(["综合评定", "问题清单"]);
    expect(c.run.issues.filter((i) => i.code === "output_sheet_foreign")).toEqual([]);
  });

  test("a sheet of hers named 综合评定 with the mark nowhere (a footer of her own, A1 her title) is never overwritten", async () => {
    const mine = [["综合评定（手工）"], ["张三", 95]];
    const host = new FakeHost([...demoSheets(), { name: "综合评定", grid: mine, footer: "&C第 &P 页" }]);
    const c = await calculateSession(host, options);
    expect(c.skipped).toEqual(["综合评定"]);
    expect((host.writes[0] as WriteRequest).replace).toEqual([]);
    expect(host.grid("综合评定")).toBe(mine);
  });

  test("her own sheet named 综合评定 is neither replaced nor written; the problem is listed as a 错误 at its A1", async () => {
    const mine = [["我的综合评定"], ["张三", 95]];
    const host = new FakeHost([...demoSheets(), { name: "综合评定", grid: mine }]);
    const c = await calculateSession(host, options);
    expect(c.skipped).toEqual(["综合评定"]);
    const w = host.writes[0] as WriteRequest;
    expect(w.sheets.map((s) => s.name)).toEqual(OUTPUTS.filter((n) => n !== "综合评定"));
    expect(w.replace).toEqual([]);
    expect(host.grid("综合评定")).toBe(mine);
    expect(c.run.issues).toContainEqual(expect.objectContaining({ code: "output_sheet_foreign", level: "错误", sheet: "综合评定", cell: "A1" }));
  });

  test("an empty sheet of an output's name is replaced; her other sheets are neither read nor touched", async () => {
    const notes = [["会议记录"], ["2026-03-01", "支委会"]];
    const host = new FakeHost([...demoSheets(), { name: "问题清单", grid: [] }, { name: "笔记", grid: notes }]);
    await calculateSession(host, options);
    expect(host.calls[2]).toBe(`read ${INPUT_SHEETS.map((d) => d.name).join(",")} | 笔记`);
    expect((host.writes[0] as WriteRequest).replace).toEqual(["问题清单"]);
    expect(host.grid("笔记")).toBe(notes);
  });

  test("an input sheet beyond the limits is not read, nothing is computed and nothing is written", async () => {
    const sheets = demoSheets();
    const big: CellValue[][] = Array.from({ length: LIMITS.rows + 2 }, (_, i) => [`A${i}`]);
    const host = new FakeHost(sheets.map((s) => (s.name === "活动记录" ? { name: s.name, grid: big } : s)));
    const c = await calculateSession(host, options);
    expect(c.run.refused).toBe(true);
    expect(c.written).toEqual([]);
    expect(host.calls).not.toContain("write");
    expect(host.calls[2]).not.toContain("活动记录");
    expect(c.run.issues).toContainEqual(expect.objectContaining({ code: "limit_exceeded", sheet: "活动记录" }));
  });
});

test("check: three calls and no write, the same issues as a calculation", async () => {
  const host = new FakeHost(demoSheets());
  const run = await checkSession(host, options);
  expect(host.calls).toHaveLength(3);
  const c = await calculateSession(new FakeHost(demoSheets()), options);
  expect(run.issues).toEqual(c.run.issues);
});

describe("template", () => {
  test("an empty workbook: the guide and every input sheet in one write, the roster shown", async () => {
    const host = new FakeHost([]);
    const t = await templateSession(host, { year: 2026 });
    expect(host.calls).toEqual(["sheetNames", "extents", "write"]);
    expect(t.created).toEqual(INPUT_SHEETS.map((d) => d.name));
    const w = host.writes[0] as WriteRequest;
    expect(w.sheets.map((s) => s.name)).toEqual([GUIDE_SHEET_NAME]);
    // The page header is the sheet's name: a branch name written now would be stale once 参数设置 names the branch.
    expect(w.templates.map((x) => [x.sheet.name, x.exists, x.header])).toEqual(INPUT_SHEETS.map((d) => [d.name, false, d.name]));
    expect(w.activate).toBe("党员名册");
  });

  test("a sheet with data is kept; an empty one (under an accepted alias) gets its header; the guide is not added twice", async () => {
    const roster = [["编号", "姓名"], ["001", "张三"]];
    const host = new FakeHost([{ name: GUIDE_SHEET_NAME, grid: [["说明"]] }, { name: "党员名册", grid: roster }, { name: "参数", grid: [] }]);
    const t = await templateSession(host, { year: 2026 });
    expect(t.kept).toEqual(["党员名册"]);
    const w = host.writes[0] as WriteRequest;
    expect(w.sheets).toEqual([]);
    expect(w.templates.find((x) => x.sheet.name === "参数")?.exists).toBe(true);
    expect(w.templates.map((x) => x.sheet.name)).not.toContain("党员名册");
    expect(host.grid("党员名册")).toBe(roster);
    expect(w.activate).toBe("参数");
  });

  test("the demo: the branch's data under the guidance and the header; each page header is the sheet's name", async () => {
    const host = new FakeHost([]);
    await templateSession(host, { demo: true, year: 2026 });
    const w = host.writes[0] as WriteRequest;
    expect(w.templates.map((x) => x.header)).toEqual(INPUT_SHEETS.map((d) => d.name));
    expect(host.grid("党员名册").length).toBe((demoBranch().sheets.find((s) => s.name === "党员名册")?.rows.length ?? 0) + 2);
  });

  test("everything there already: nothing is written", async () => {
    const host = new FakeHost([{ name: GUIDE_SHEET_NAME, grid: [["说明"]] }, ...demoSheets()]);
    const t = await templateSession(host, { year: 2026 });
    expect(t.created).toEqual([]);
    expect(host.calls).not.toContain("write");
  });
});
