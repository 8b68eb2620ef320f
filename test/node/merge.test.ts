/**
 * `appraisal merge`: branch workbooks written as real .xlsx files (the demo branch and
 * generated branches, renamed and renumbered), merged by the built CLI and by mergeFiles, and
 * read back by python3-openpyxl. Expected values come from each branch's own `appraisal calc
 * --json` (the engine), never from the roll-up code under test. A branch with 错误 is merged
 * as a draft (issue 12); only a file that is not a readable branch workbook is left out.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, promises as fs, readdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { skipText } from "../../src/messages/rollup";
import { mergeFiles } from "../../src/node/merge";
import { type CellValue, cellText } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { compareBranches } from "../../src/workbook/rollup";
import type { SheetGrid } from "../../src/workbook/parse";
import { TEMPLATE_HEADER_ROW, type TemplateSheet } from "../../src/workbook/template";

/** The sheet row of a branch's k-th data row (0-based), under the template's guidance and header. */
const dataRow = (k: number): number => TEMPLATE_HEADER_ROW + 1 + k;
import { buildTemplateWorkbook, workbookBytes } from "../../src/xlsx/host";
import { cli, expectNoStack, type Ran, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";

// ------------------------------------------------------------------------------- helpers


type Row = (string | number | boolean | null)[];
interface PySheet {
  name: string;
  rows: Row[];
  maxRow: number;
  freeze: string | null;
  paperSize: number | null;
  printTitleRows: string | null;
}

/** Every sheet as openpyxl sees it (all rows). */
function inspect(file: string): Map<string, PySheet> {
  const r = spawnSync("/usr/bin/python3", [path.join(__dirname, "..", "interop", "inspect_xlsx.py"), file, "100000"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  const sheets = (JSON.parse(r.stdout) as { sheets: PySheet[] }).sheets;
  return new Map(sheets.map((s) => [s.name, s]));
}

function sheetOf(book: Map<string, PySheet>, name: string): PySheet {
  const s = book.get(name);
  if (!s) throw new Error(`no sheet ${name}; have ${[...book.keys()].join(", ")}`);
  return s;
}

/** Rows under the title and header, as objects keyed by header. */
function records(s: PySheet): Record<string, string | number | boolean | null>[] {
  const header = s.rows[1] as Row;
  return s.rows.slice(2).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? null])));
}

const sha = async (file: string): Promise<string> => createHash("sha256").update(await fs.readFile(file)).digest("hex");

/** A branch as template sheets (what `init` writes), so the files look like real ones. */
type Branch = TemplateSheet[];

function demo(year?: number): Branch {
  return demoBranch(year).sheets;
}

function fromGrids(grids: readonly SheetGrid[]): Branch {
  return grids.map((g) => ({
    name: g.name,
    guidance: "",
    columns: (g.grid[0] ?? []).map((h) => ({ header: cellText(h), width: 10, note: "" })),
    rows: g.grid.slice(1),
  }));
}

function setSetting(b: Branch, label: string, value: CellValue): Branch {
  return b.map((s) => (s.name !== "参数设置" ? s : { ...s, rows: s.rows.map((r) => (r[0] === label ? [r[0], value, ...r.slice(2)] : r)) }));
}

/** Rename 编号 and 姓名 in every sheet (roster and all the rows that refer to it). */
function renumber(b: Branch, f: (id: string, name: string) => [string, string]): Branch {
  return b.map((s) => {
    const idCol = s.columns.findIndex((c) => c.header === "编号");
    const nameCol = s.columns.findIndex((c) => c.header === "姓名");
    if (idCol < 0 || nameCol < 0) return s;
    return {
      ...s,
      rows: s.rows.map((r) => {
        const [id, name] = f(cellText(r[idCol]), cellText(r[nameCol]));
        const out = [...r];
        out[idCol] = id;
        out[nameCol] = name;
        return out;
      }),
    };
  });
}

function setCell(b: Branch, sheet: string, row: number, col: number, v: CellValue): Branch {
  return b.map((s) => (s.name !== sheet ? s : { ...s, rows: s.rows.map((r, i) => (i === row ? r.map((x, j) => (j === col ? v : x)) : r)) }));
}

async function writeBranch(file: string, b: Branch): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await workbookBytes(buildTemplateWorkbook(b)));
  return file;
}

interface CalcJson {
  branch: string;
  members: { id: string; name: string; category: string; components: Record<string, number | null>; bonus: number | null; total: number | null; rank: number | null; final: string }[];
  nominations: { institute: { id: string; name: string; total: number; pledge: number; reason: string }[] };
  issues: { level: string }[];
}

/** The engine's own view of a branch, from `appraisal calc --json` (written to a scratch copy); a draft exits 1. */
function calcJson(file: string): CalcJson {
  const r = cli(["calc", file, "-o", path.join(tempDir(), "scratch.xlsx"), "--json"]);
  if (r.code !== 0 && r.code !== 1) throw new Error(r.err);
  return JSON.parse(r.out) as CalcJson;
}

/** Each sheet's printed page header, as exceljs reads it back ("&C…"). */
async function pageHeaders(file: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return new Map(wb.worksheets.map((ws) => [ws.name, ws.headerFooter.oddHeader ?? ""]));
}

/** Each sheet's printed page footer, as exceljs reads it back ("&C…"). */
async function pageFooters(file: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return new Map(wb.worksheets.map((ws) => [ws.name, ws.headerFooter.oddFooter ?? ""]));
}

const DRAFT_LINE = "草稿：1 个支部的数据有 7 条错误未改正，汇总结果不可作为最终结果 — ";

/** Demo 编号 are G01…G28; demo 姓名 are 28 distinct names. */
const demoIndex = (id: string): number => Number(id.slice(1));

// ------------------------------------------------------------------------------ fixtures

interface Fixture {
  dir: string;
  one: string; // 第一党支部: the demo, 编号 A01…
  two: string; // 第二党支部: the demo, 编号 B01…, other names, three shared on purpose
  ten: string; // 第十党支部: generated, 15 members
  three: string; // 第三党支部: the demo with seven invalid marks (错误): merged as a draft
  notBranch: string;
  text: string;
  all: string[];
}

async function makeFixture(): Promise<Fixture> {
  const dir = tempDir("merge-");
  const one = renumber(setSetting(demo(), "支部名称", "第一党支部"), (id, name) => [`A${id.slice(1)}`, name]);
  // 第二党支部: B-numbers and 二-names, except 编号 B05 → A05 (same 编号 as 第一, other name),
  // 姓名 of G07 kept (same 姓名 as 第一's A07, other 编号), and G09 kept whole (same person).
  const two = renumber(setSetting(demo(), "支部名称", "第二党支部"), (id, name) => {
    const k = demoIndex(id);
    if (k === 5) return ["A05", `二${name}`];
    if (k === 7) return [`B${id.slice(1)}`, name];
    if (k === 9) return [`A${id.slice(1)}`, name];
    return [`B${id.slice(1)}`, `二${name}`];
  });
  const ten = renumber(setSetting(fromGrids(bigBranch(15, 12, 3)), "支部名称", "第十党支部"), (id, name) => [`T${id.slice(1)}`, `十支部${name}`]);
  let three = renumber(setSetting(demo(), "支部名称", "第三党支部"), (id, name) => [`S${id.slice(1)}`, `三${name}`]);
  for (let r = 0; r < 7; r++) three = setCell(three, "学习考勤", r, 3, "病假");

  const f: Fixture = {
    dir,
    one: await writeBranch(path.join(dir, "一支部.xlsx"), one),
    two: await writeBranch(path.join(dir, "二支部.xlsx"), two),
    ten: await writeBranch(path.join(dir, "十支部.xlsx"), ten),
    three: await writeBranch(path.join(dir, "三支部.xlsx"), three),
    notBranch: await writeBranch(path.join(dir, "通知.xlsx"), [{ name: "Sheet1", guidance: "", columns: [{ header: "关于开展评议的通知", width: 40, note: "" }], rows: [["请各支部于12月底前报送"]] }]),
    text: path.join(dir, "名单.csv"),
    all: [],
  };
  await fs.writeFile(f.text, "编号,姓名\nA01,王建国\n");
  f.all = [f.one, f.two, f.ten, f.three, f.notBranch, f.text];
  return f;
}

// --------------------------------------------------------------------------------- tests

describe("appraisal merge: five kinds of input in one run, a draft among them", () => {
  let fx: Fixture;
  let out: string;
  let ran: Ran;
  let book: Map<string, PySheet>;
  let hashes: Map<string, string>;
  let mtimes: Map<string, number>;
  let listing: string[];
  const engine = new Map<string, CalcJson>();

  beforeAll(async () => {
    fx = await makeFixture();
    hashes = new Map(await Promise.all(fx.all.map(async (f) => [f, await sha(f)] as const)));
    mtimes = new Map(await Promise.all(fx.all.map(async (f) => [f, (await fs.stat(f)).mtimeMs] as const)));
    listing = readdirSync(fx.dir).sort();
    for (const f of [fx.one, fx.two, fx.ten, fx.three]) engine.set(f, calcJson(f));
    out = path.join(tempDir(), "全所汇总.xlsx");
    ran = cli(["merge", out, ...fx.all]);
    book = inspect(out);
  });

  test("exit 1: the roll-up is written, with a draft, and files that are not branch workbooks left out", () => {
    expect(ran.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    expect(ran.out).toContain(`已保存：${out}`);
    expect(ran.out).toContain("未汇总：2 个文件");
    expect(ran.err).toContain("汇总结果为草稿：1 个支部的数据有 7 条错误未改正，各表标有“草稿”，不可作为最终结果。");
    expectNoStack(ran);
  });

  test("branch files are byte-for-byte unchanged, not even touched, and nothing is added beside them", async () => {
    for (const f of fx.all) expect(await sha(f)).toBe(hashes.get(f));
    for (const f of fx.all) expect((await fs.stat(f)).mtimeMs).toBe(mtimes.get(f));
    expect(readdirSync(fx.dir).sort()).toEqual(listing);
  });

  test("the terminal names the draft and each file left out and why; the draft's first 5 errors, then a count", () => {
    expect(ran.err).toContain("草稿：三支部.xlsx（第三党支部）：有 7 条错误，已按草稿汇总（党员总表中标为草稿，所级推荐标为待核实）");
    expect(ran.err).not.toContain("未汇总：三支部.xlsx");
    const shown = ran.err.split("\n").filter((l) => /^ {4}错误 学习考勤!D\d+：/.test(l));
    expect(shown).toHaveLength(5);
    expect(shown[0]).toContain("病假");
    expect(ran.err).toContain(`…另有 2 条错误（运行 appraisal check ${fx.three} 查看全部）`);
    expect(ran.err).toMatch(/未汇总：通知\.xlsx：不是支部考评工作簿：找不到“党员名册”表（工作表：使用说明、Sheet1）/);
    expect(ran.err).toMatch(/未汇总：名单\.csv：“名单\.csv”是 \.csv 文件，不是 Excel 工作簿/);
    expect(ran.out).toMatch(/全所汇总 2026年 年终：支部 4 个，党员 99 人/);
    expect(ran.out).toMatch(/第三党支部 +三支部\.xlsx +2026 年终 .* 草稿\n/);
    expect(ran.out).toMatch(/重复人员：编号和姓名都相同 1 组，编号相同 1 组，姓名相同 1 组/);
    const listed = records(sheetOf(book, "问题清单"));
    const errors = listed.filter((r) => r.级别 === "错误").length;
    expect(ran.out).toContain(`问题清单：错误 ${errors} 条，提示 ${listed.length - errors} 条`);
  });

  test("every sheet carries the draft line, the mark, a frozen header and A4 print setup; every page header says 草稿", async () => {
    expect([...book.keys()]).toEqual(["支部汇总", "党员总表", "所级推荐", "重复人员", "问题清单"]);
    for (const s of book.values()) {
      // The mark is in the page footer, not in the printed title.
      expect(String(s.rows[0]?.[0])).not.toContain("【考评助手生成】");
      expect(String(s.rows[0]?.[0]).startsWith(`${DRAFT_LINE}${s.name} — 全所汇总 2026年 年终`)).toBe(true);
      expect(s.freeze).toBe("A3");
      expect(s.paperSize).toBe(9);
      expect(s.printTitleRows).toBe("$2:$2");
    }
    const headers = await pageHeaders(out);
    expect([...headers.entries()]).toEqual([...book.keys()].map((n) => [n, `&C全所汇总 2026年 年终（草稿） ${n}`]));
    const footers = await pageFooters(out);
    expect([...footers.entries()]).toEqual([...book.keys()].map((n) => [n, "&C【考评助手生成】 第 &P 页"]));
  });

  test("支部汇总: one row per file in branch-name order (第一, 第二, 第三, 第十 as numbers), and a 合计 row", () => {
    const rows = records(sheetOf(book, "支部汇总"));
    expect(rows.map((r) => [r.支部名称, r.文件])).toEqual([
      ["名单", "名单.csv"],
      ["第一党支部", "一支部.xlsx"],
      ["第二党支部", "二支部.xlsx"],
      ["第三党支部", "三支部.xlsx"],
      ["第十党支部", "十支部.xlsx"],
      ["通知", "通知.xlsx"],
      ["合计", "6 个文件"],
    ]);
    const byName = new Map(rows.map((r) => [r.支部名称, r]));
    for (const [file, name] of [[fx.one, "第一党支部"], [fx.two, "第二党支部"], [fx.ten, "第十党支部"]] as const) {
      const j = engine.get(file) as CalcJson;
      const r = byName.get(name) as Record<string, unknown>;
      const scored = j.members.filter((m) => m.rank !== null);
      const count = (g: string): number => j.members.filter((m) => m.final === g).length;
      const mean = scored.reduce((a, m) => a + (m.total as number), 0) / scored.length;
      expect(r).toMatchObject({ 考评年度: 2026, 考评期: "年终", 党员数: j.members.length, 参评: scored.length, 优秀: count("优秀"), 合格: count("合格"), 所级推荐: j.nominations.institute.length, 错误: 0, 状态: "已汇总" });
      expect(r.评定等次人数).toBe(scored.filter((m) => m.category === "正式党员").length);
      expect(r.平均综合得分 as number).toBeCloseTo(mean, 2);
    }
    const three = engine.get(fx.three) as CalcJson;
    expect(byName.get("第三党支部")).toMatchObject({
      状态: "已汇总（草稿：7 条错误）",
      错误: 7,
      党员数: three.members.length,
      参评: three.members.filter((m) => m.rank !== null).length,
      所级推荐: three.nominations.institute.length,
      考评年度: 2026,
    });
    expect(String(byName.get("通知")?.状态)).toMatch(/^未汇总：不是支部考评工作簿/);
    expect(String(byName.get("名单")?.状态)).toMatch(/^未汇总：“名单\.csv”是 \.csv 文件，不是 Excel 工作簿/);
    const total = byName.get("合计") as Record<string, unknown>;
    expect(total.党员数).toBe(28 + 28 + 28 + 15);
    expect(total.状态).toBe("已汇总 4 个，其中草稿 1 个，未汇总 2 个");
  });

  test("党员总表: every scored member of the merged branches with the engine's numbers; the draft's marked 草稿", () => {
    const rows = records(sheetOf(book, "党员总表"));
    const expected = [
      ["第一党支部", fx.one, "最终"],
      ["第二党支部", fx.two, "最终"],
      ["第三党支部", fx.three, "草稿"],
      ["第十党支部", fx.ten, "最终"],
    ].flatMap(([branch, file, result]) =>
      (engine.get(file as string) as CalcJson).members
        .filter((m) => m.rank !== null)
        .map((m) => ({ 支部: branch, 结果: result, 编号: m.id, 姓名: m.name, 学习: m.components.study, 综合得分: m.total, 支部内排名: m.rank, 最终等次: m.final })),
    );
    expect(rows).toHaveLength(expected.length);
    const key = (r: { 支部: unknown; 编号: unknown }): string => `${String(r.支部)}|${String(r.编号)}`;
    const got = new Map(rows.map((r) => [key(r as { 支部: unknown; 编号: unknown }), r]));
    for (const e of expected) expect(got.get(key(e))).toMatchObject(e);
    // Branch by branch, by rank inside each.
    expect([...new Set(rows.map((r) => r.支部))]).toEqual(["第一党支部", "第二党支部", "第三党支部", "第十党支部"]);
    for (const b of ["第一党支部", "第二党支部", "第三党支部", "第十党支部"]) {
      const ranks = rows.filter((r) => r.支部 === b).map((r) => r.支部内排名 as number);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    }
    expect(sheetOf(book, "党员总表").rows[1]?.slice(0, 3)).toEqual(["支部", "结果", "编号"]);
  });

  test("党员总表: 重复提醒 on each member found in another branch", () => {
    const rows = records(sheetOf(book, "党员总表"));
    const hint = (branch: string, id: string): unknown => rows.find((r) => r.支部 === branch && r.编号 === id)?.重复提醒;
    expect(hint("第一党支部", "A05")).toBe("编号与 第二党支部 相同");
    expect(hint("第二党支部", "A05")).toBe("编号与 第一党支部 相同");
    expect(hint("第一党支部", "A07")).toBe("姓名与 第二党支部 相同");
    expect(hint("第二党支部", "B07")).toBe("姓名与 第一党支部 相同");
    expect(hint("第一党支部", "A09")).toBe("编号和姓名与 第二党支部 相同");
    expect(hint("第一党支部", "A01")).toBeNull();
  });

  test("重复人员: each group with the branch, file and roster cell of every occurrence", () => {
    const rows = records(sheetOf(book, "重复人员"));
    const one = engine.get(fx.one) as CalcJson;
    const name = (id: string): string => one.members.find((m) => m.id === id)?.name as string;
    expect(rows.map((r) => [r.组, r.重复项, r.值, r.支部, r.文件, r.单元格, r.编号])).toEqual([
      [1, "编号、姓名", `A09 ${name("A09")}`, "第一党支部", "一支部.xlsx", `党员名册!B${dataRow(8)}`, "A09"],
      [1, "编号、姓名", `A09 ${name("A09")}`, "第二党支部", "二支部.xlsx", `党员名册!B${dataRow(8)}`, "A09"],
      [2, "编号", "A05", "第一党支部", "一支部.xlsx", `党员名册!B${dataRow(4)}`, "A05"],
      [2, "编号", "A05", "第二党支部", "二支部.xlsx", `党员名册!B${dataRow(4)}`, "A05"],
      [3, "姓名", name("A07"), "第一党支部", "一支部.xlsx", `党员名册!B${dataRow(6)}`, "A07"],
      [3, "姓名", name("A07"), "第二党支部", "二支部.xlsx", `党员名册!B${dataRow(6)}`, "B07"],
    ]);
    expect(String(rows[2]?.说明)).toContain("编号相同、姓名不同");
    expect(String(rows[4]?.说明)).toContain("姓名相同、编号不同");
  });

  test("所级推荐: every branch's 所级推荐, competition-ranked on 综合得分 across branches; the draft's 待核实", () => {
    const rows = records(sheetOf(book, "所级推荐"));
    const expected = [
      ["第一党支部", fx.one, "最终"],
      ["第二党支部", fx.two, "最终"],
      ["第三党支部", fx.three, "待核实"],
      ["第十党支部", fx.ten, "最终"],
    ].flatMap(([branch, file, result]) =>
      (engine.get(file as string) as CalcJson).nominations.institute.map((n) => ({ 支部: branch, 结果: result, 编号: n.id, 姓名: n.name, 综合得分: n.total, 承诺践诺: n.pledge, 推荐理由: n.reason })),
    );
    expect(rows).toHaveLength(expected.length);
    expect(expected.filter((e) => e.结果 === "待核实").length).toBeGreaterThanOrEqual(1);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    for (const e of expected) expect(rows).toContainEqual(expect.objectContaining(e));
    // Totals descending; 名次 = 1 + the number of nominees with a higher total.
    const totals = rows.map((r) => r.综合得分 as number);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    rows.forEach((r) => expect(r.名次).toBe(1 + totals.filter((t) => t > (r.综合得分 as number)).length));
    // 第一 and 第二 are the same demo data: equal totals, pledges and attendance, so the tie
    // goes to the branch order, and each pair shares its 名次.
    const demoPairs = rows.filter((r) => r.支部 === "第一党支部" || r.支部 === "第二党支部");
    for (let i = 0; i + 1 < demoPairs.length; i += 2) {
      expect(demoPairs[i]).toMatchObject({ 支部: "第一党支部", 综合得分: demoPairs[i + 1]?.综合得分, 名次: demoPairs[i + 1]?.名次 });
      expect(demoPairs[i + 1]?.支部).toBe("第二党支部");
    }
  });

  test("问题清单: file by file in branch order: the files left out with their reason, the draft with its note and its issues", () => {
    const rows = records(sheetOf(book, "问题清单"));
    const notMerged = rows.filter((r) => String(r.问题).startsWith("未汇总："));
    expect(notMerged.map((r) => [r.文件, r.级别, r.代码])).toEqual([
      ["名单.csv", "错误", "rollup_file_unreadable"],
      ["通知.xlsx", "错误", "rollup_not_branch"],
    ]);
    const draft = rows.filter((r) => r.文件 === "三支部.xlsx");
    expect(draft[0]).toMatchObject({ 支部: "第三党支部", 级别: "提示", 代码: "rollup_branch_draft" });
    expect(String(draft[0]?.问题)).toContain("按草稿汇总：本支部数据有 7 条错误未改正");
    const three = draft.filter((r) => r.代码 === "mark_invalid");
    expect(draft.slice(1, 8)).toEqual(three);
    expect(three.map((r) => r.单元格)).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => `D${dataRow(k)}`));
    expect(three[0]).toMatchObject({ 支部: "第三党支部", 级别: "错误", 工作表: "学习考勤" });
    expect(String(three[0]?.问题)).toContain("病假");
    expect(rows.some((r) => r.文件 === "一支部.xlsx" && r.级别 === "提示")).toBe(true);
    rows.forEach((r, i) => expect(r.序号).toBe(i + 1));
  });
});

describe("appraisal merge: determinism, repeats, outputs it may or may not replace", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await makeFixture();
  });

  test("the same files in another order give the same cells", async () => {
    const dir = tempDir();
    const a = path.join(dir, "a.xlsx");
    const b = path.join(dir, "b.xlsx");
    await mergeFiles(a, fx.all);
    await mergeFiles(b, [...fx.all].reverse());
    const x = inspect(a);
    const y = inspect(b);
    expect([...y.keys()]).toEqual([...x.keys()]);
    for (const [name, s] of x) expect(sheetOf(y, name).rows).toEqual(s.rows);
  });

  test("mergeFiles reports per file without throwing, and writes only the output", async () => {
    const out = path.join(tempDir(), "roll.xlsx");
    const o = await mergeFiles(out, fx.all);
    expect(o.written).toBe(out);
    expect(o.backup).toBeNull();
    expect(o.rollup.merged.map((b) => b.name)).toEqual(["第一党支部", "第二党支部", "第三党支部", "第十党支部"]);
    expect(o.rollup.drafts.map((b) => [b.name, b.run?.verdict])).toEqual([["第三党支部", { final: false, errors: 7 }]]);
    expect(o.rollup.final).toBe(false);
    expect(o.rollup.skipped.map((b) => b.file)).toEqual(["名单.csv", "通知.xlsx"]);
    expect(o.rollup.skipped.map((b) => b.skip?.code)).toEqual(["rollup_file_unreadable", "rollup_file_unreadable"]);
    expect(o.rollup.skipped.map((b) => (b.skip ? skipText(b.skip).problem : ""))).toEqual([
      expect.stringMatching(/^“名单\.csv”是 \.csv 文件，不是 Excel 工作簿/),
      expect.stringMatching(/^不是支部考评工作簿/),
    ]);
  });

  test("the same path twice, and a byte-identical copy, are merged once with a message", async () => {
    const copy = path.join(tempDir(), "一支部-副本.xlsx");
    await fs.copyFile(fx.one, copy);
    const out = path.join(tempDir(), "roll.xlsx");
    const r = cli(["merge", out, fx.one, fx.two, fx.one, copy]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`注意：“${fx.one}”重复给出，只汇总一次。`);
    expect(r.err).toContain(`注意：“${copy}”与“${fx.one}”内容完全相同，只汇总一次。`);
    const book = inspect(out);
    expect(records(sheetOf(book, "支部汇总")).map((x) => x.支部名称)).toEqual(["第一党支部", "第二党支部", "合计"]);
    const note = records(sheetOf(book, "问题清单")).find((x) => x.代码 === "rollup_same_content");
    expect(note).toMatchObject({ 文件: "一支部-副本.xlsx", 级别: "提示" });
    expect(String(note?.问题)).toContain("与“一支部.xlsx”内容完全相同");
  });

  test("the output may not be one of the inputs: exit 2, the file untouched", async () => {
    const before = await sha(fx.one);
    const r = cli(["merge", fx.one, fx.two, fx.one]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("也在要汇总的支部工作簿中");
    expect(await sha(fx.one)).toBe(before);
    expectNoStack(r);
  });

  test("an existing branch workbook as the output (a forgotten first argument) is refused; --force keeps .bak", async () => {
    const dir = tempDir();
    const victim = path.join(dir, "四支部.xlsx");
    await fs.copyFile(fx.one, victim);
    const before = await sha(victim);
    const r = cli(["merge", victim, fx.two, fx.ten]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("是一个支部考评工作簿，不是汇总表，未覆盖");
    expect(r.err).toContain("appraisal merge 全所汇总.xlsx 一支部.xlsx");
    expect(await sha(victim)).toBe(before);
    expect(existsSync(`${victim}.bak`)).toBe(false);

    const forced = cli(["merge", victim, fx.two, fx.ten, "--force"]);
    expect(forced.code).toBe(0);
    expect(await sha(`${victim}.bak`)).toBe(before);
    expect(sheetOf(inspect(victim), "支部汇总").rows.length).toBe(2 + 2 + 1);
  });

  test("any other existing file is refused; a roll-up the tool wrote is replaced, kept as .bak", async () => {
    const dir = tempDir();
    const other = path.join(dir, "汇总.xlsx");
    await fs.writeFile(other, "not a workbook");
    const r = cli(["merge", other, fx.one]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是考评助手生成的全所汇总表，未覆盖");
    expect(await fs.readFile(other, "utf8")).toBe("not a workbook");

    const roll = path.join(dir, "全所.xlsx");
    expect(cli(["merge", roll, fx.one]).code).toBe(0);
    const first = await sha(roll);
    const again = cli(["merge", roll, fx.one, fx.two]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`（原文件保留为 ${roll}.bak）`);
    expect(await sha(`${roll}.bak`)).toBe(first);
    expect(records(sheetOf(inspect(roll), "支部汇总"))).toHaveLength(3);
  });

  test("a roll-up given as a branch is recognised; nothing to merge: exit 2, nothing written", () => {
    const dir = tempDir();
    const roll = path.join(dir, "全所.xlsx");
    expect(cli(["merge", roll, fx.one]).code).toBe(0);
    const out = path.join(dir, "再汇总.xlsx");
    const r = cli(["merge", out, roll, fx.text, path.join(dir, "不存在.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("未汇总：全所.xlsx：这是考评助手生成的全所汇总表，不是支部工作簿");
    expect(r.err).toContain("未汇总：不存在.xlsx：找不到文件“不存在.xlsx”");
    expect(r.err).toContain(`错误：没有可以汇总的支部工作簿，未写出“${out}”`);
    expect(existsSync(out)).toBe(false);
    expectNoStack(r);
  });

  test("bad arguments: exit 2 with a Chinese message", () => {
    const missing = cli(["merge", "out.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("缺少参数");
    const notXlsx = cli(["merge", "汇总", fx.one]);
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.err).toContain("汇总文件名须以 .xlsx 结尾");
    const noFolder = cli(["merge", path.join(fx.dir, "没有", "汇总.xlsx"), fx.one]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toContain("没有写权限或文件夹不存在");
    const period = cli(["merge", "o.xlsx", fx.one, "--period", "全年"]);
    expect(period.code).toBe(2);
    expect(period.err).toContain("考评期“全年”无法识别");
  });

  test("two files with the same 支部名称 are both merged, told apart by file, with a 提示", async () => {
    const dir = tempDir();
    const again = await writeBranch(path.join(dir, "一支部-新.xlsx"), renumber(setSetting(demo(), "支部名称", "第一党支部"), (id, name) => [`N${id.slice(1)}`, `新${name}`]));
    const out = path.join(dir, "汇总.xlsx");
    const r = cli(["merge", out, fx.one, again]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("提示：支部名称“第一党支部”出现在 2 个文件中：一支部-新.xlsx、一支部.xlsx");
    const book = inspect(out);
    expect(new Set(records(sheetOf(book, "党员总表")).map((x) => x.支部))).toEqual(new Set(["第一党支部（一支部-新.xlsx）", "第一党支部（一支部.xlsx）"]));
    expect(records(sheetOf(book, "问题清单"))[0]).toMatchObject({ 代码: "rollup_branch_name_twice", 级别: "提示", 文件: null });
  });

  test("files with the same name in two folders are told apart by their folder", async () => {
    const dir = tempDir();
    const a = path.join(dir, "一", "考评.xlsx");
    const b = path.join(dir, "二", "考评.xlsx");
    await fs.mkdir(path.dirname(a));
    await fs.mkdir(path.dirname(b));
    await fs.copyFile(fx.one, a);
    await fs.copyFile(fx.ten, b);
    const out = path.join(dir, "汇总.xlsx");
    expect(cli(["merge", out, a, b]).code).toBe(0);
    expect(records(sheetOf(inspect(out), "支部汇总")).map((r) => r.文件)).toEqual(["一/考评.xlsx", "二/考评.xlsx", "2 个文件"]);
  });
});

describe("appraisal merge: years and periods", () => {
  test("mixed 考评年度 and 考评期 are merged with a 提示; 上半年 branches have no 所级推荐", async () => {
    const dir = tempDir();
    const a = await writeBranch(path.join(dir, "a.xlsx"), setSetting(demo(), "支部名称", "甲支部"));
    const b = await writeBranch(path.join(dir, "b.xlsx"), setSetting(setSetting(renumber(demo(), (id, n) => [`B${id}`, `乙${n}`]), "支部名称", "乙支部"), "考评期", "上半年"));
    const c = await writeBranch(path.join(dir, "c.xlsx"), setSetting(renumber(demo(2025), (id, n) => [`C${id}`, `丙${n}`]), "支部名称", "丙支部"));
    const out = path.join(dir, "汇总.xlsx");
    const r = cli(["merge", out, a, b, c]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("提示：各支部的考评年度不一致（2026 年：乙支部、甲支部；2025 年：丙支部）");
    expect(r.err).toContain("提示：各支部的考评期不一致（上半年：乙支部；年终：丙支部、甲支部）");
    const book = inspect(out);
    expect(String(sheetOf(book, "支部汇总").rows[0]?.[0])).toContain("全所汇总 2025、2026年 上半年、年终");
    expect(records(sheetOf(book, "问题清单")).slice(0, 2).map((x) => x.代码)).toEqual(["rollup_mixed_year", "rollup_mixed_period"]);
    expect(new Set(records(sheetOf(book, "所级推荐")).map((x) => x.支部))).toEqual(new Set(["甲支部", "丙支部"]));

    const half = path.join(dir, "上半年.xlsx");
    const h = cli(["merge", half, a, b, "--period", "上半年"]);
    expect(h.code).toBe(0);
    expect(h.err).not.toContain("考评期不一致");
    expect(records(sheetOf(inspect(half), "所级推荐"))).toEqual([]);
  });
});

describe("appraisal merge: branches that number their members 1, 2, 3…", () => {
  test("every shared 编号 is a group; 重复提醒 names three branches and counts the rest", async () => {
    const dir = tempDir();
    const names = ["第一党支部", "第二党支部", "第三党支部", "第四党支部", "第五党支部"];
    const files = await Promise.all(
      names.map((n, b) => writeBranch(path.join(dir, `${b + 1}.xlsx`), renumber(setSetting(demo(), "支部名称", n), (id, name) => [String(demoIndex(id)), `${n.slice(1, 2)}${name}`]))),
    );
    const out = path.join(dir, "汇总.xlsx");
    const o = await mergeFiles(out, files);
    expect(o.rollup.duplicates).toHaveLength(28);
    expect(o.rollup.duplicates.every((g) => g.kind === "编号" && g.occurrences.length === 5)).toBe(true);
    const rows = records(sheetOf(inspect(out), "党员总表"));
    expect(rows.find((r) => r.支部 === "第一党支部" && r.编号 === "1")?.重复提醒).toBe("编号与 第二党支部、第三党支部、第四党支部 等 4 个支部相同");
  });
});

describe("roll-up order", () => {
  test("branches sort by name with 第N read as a number, then by file", () => {
    const names = ["第十一党支部", "第二党支部", "机关党支部", "第十党支部", "第一党支部", "第2党支部", "第一百零一党支部"];
    const sorted = names.map((name) => ({ name, file: `${name}.xlsx` })).sort(compareBranches).map((b) => b.name);
    expect(sorted).toEqual(["机关党支部", "第一党支部", "第2党支部", "第二党支部", "第十党支部", "第十一党支部", "第一百零一党支部"]);
    const same = [{ name: "一支部", file: "b.xlsx" }, { name: "一支部", file: "a.xlsx" }].sort(compareBranches);
    expect(same.map((b) => b.file)).toEqual(["a.xlsx", "b.xlsx"]);
  });
});

describe("appraisal merge: drafts, --strict and the exit codes", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await makeFixture();
  });

  /** Row 1 of every sheet. */
  const titles = (book: Map<string, PySheet>): string[] => [...book.values()].map((s) => String(s.rows[0]?.[0]));

  test("exit 0: every branch final and nothing left out; no 草稿 in any title or page header", async () => {
    const out = path.join(tempDir(), "汇总.xlsx");
    const r = cli(["merge", out, fx.one, fx.ten]);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("草稿");
    const book = inspect(out);
    for (const t of titles(book)) expect(t).not.toContain("草稿");
    expect([...(await pageHeaders(out)).values()]).toEqual([...book.keys()].map((n) => `&C全所汇总 2026年 年终 ${n}`));
    expect(new Set(records(sheetOf(book, "党员总表")).map((x) => x.结果))).toEqual(new Set(["最终"]));
  });

  test("exit 1: written with a draft, even with nothing left out", () => {
    const out = path.join(tempDir(), "汇总.xlsx");
    const r = cli(["merge", out, fx.one, fx.three]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`已保存：${out}`);
    expect(r.out).not.toContain("未汇总");
    expect(r.err).toContain("草稿：三支部.xlsx（第三党支部）：有 7 条错误，已按草稿汇总");
    expect(r.err).toContain("汇总结果为草稿：1 个支部的数据有 7 条错误未改正");
    const book = inspect(out);
    expect(records(sheetOf(book, "支部汇总")).map((x) => [x.支部名称, x.状态])).toEqual([
      ["第一党支部", "已汇总"],
      ["第三党支部", "已汇总（草稿：7 条错误）"],
      ["合计", "已汇总 2 个，其中草稿 1 个，未汇总 0 个"],
    ]);
    for (const t of titles(book)) expect(t.startsWith(DRAFT_LINE)).toBe(true);
    expectNoStack(r);
  });

  test("--strict: the draft is left out with its reason and its first errors; exit 1; the roll-up of the rest is final", async () => {
    const out = path.join(tempDir(), "汇总.xlsx");
    const r = cli(["merge", out, fx.one, fx.three, "--strict"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("未汇总：三支部.xlsx（第三党支部）：是草稿（有 7 条错误），按 --strict 只汇总最终结果");
    expect(r.err.split("\n").filter((l) => /^ {4}错误 学习考勤!D\d+：/.test(l))).toHaveLength(5);
    expect(r.err).toContain(`…另有 2 条错误（运行 appraisal check ${fx.three} 查看全部）`);
    expect(r.err).not.toContain("汇总结果为草稿");
    expect(r.out).toContain("未汇总：1 个文件");
    const book = inspect(out);
    expect(records(sheetOf(book, "支部汇总")).map((x) => [x.支部名称, x.状态, x.党员数])).toEqual([
      ["第一党支部", "已汇总", 28],
      ["第三党支部", "未汇总：是草稿（有 7 条错误），按 --strict 只汇总最终结果", null],
      ["合计", "已汇总 1 个，未汇总 1 个", 28],
    ]);
    expect(new Set(records(sheetOf(book, "党员总表")).map((x) => `${String(x.支部)} ${String(x.结果)}`))).toEqual(new Set(["第一党支部 最终"]));
    expect(new Set(records(sheetOf(book, "所级推荐")).map((x) => `${String(x.支部)} ${String(x.结果)}`))).toEqual(new Set(["第一党支部 最终"]));
    const listed = records(sheetOf(book, "问题清单")).filter((x) => x.文件 === "三支部.xlsx");
    expect(listed[0]).toMatchObject({ 级别: "错误", 代码: "rollup_branch_errors" });
    for (const t of titles(book)) expect(t).not.toContain("草稿");
    expect([...(await pageHeaders(out)).values()].every((h) => !h.includes("草稿"))).toBe(true);
  });

  test("--strict with no final branch: exit 2, nothing written", () => {
    const out = path.join(tempDir(), "汇总.xlsx");
    const r = cli(["merge", out, fx.three, fx.notBranch, "--strict"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`错误：没有可以汇总的支部工作簿，未写出“${out}”`);
    expect(existsSync(out)).toBe(false);
    expectNoStack(r);
  });

  test("an 错误 only in a row of the other 考评期 is a 提示: the branch is merged as final, exit 0", async () => {
    const dir = tempDir();
    // 评议打分 row 2 is the demo's 上半年 row of its first member; the roll-up computes 年终.
    const four = await writeBranch(
      path.join(dir, "四支部.xlsx"),
      setCell(renumber(setSetting(demo(), "支部名称", "第四党支部"), (id, name) => [`D${id.slice(1)}`, `四${name}`]), "评议打分", 0, 4, "十"),
    );
    const out = path.join(dir, "汇总.xlsx");
    const r = cli(["merge", out, fx.one, four]);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain("草稿");
    const book = inspect(out);
    expect(records(sheetOf(book, "支部汇总")).find((x) => x.支部名称 === "第四党支部")).toMatchObject({ 状态: "已汇总", 错误: 0 });
    expect(records(sheetOf(book, "问题清单")).find((x) => x.文件 === "四支部.xlsx" && x.工作表 === "评议打分" && x.单元格 === `E${dataRow(0)}`)).toMatchObject({ 级别: "提示", 代码: "not_a_number" });
    expect(new Set(records(sheetOf(book, "党员总表")).filter((x) => x.支部 === "第四党支部").map((x) => x.结果))).toEqual(new Set(["最终"]));
    for (const t of titles(book)) expect(t).not.toContain("草稿");
    // The same file computed for 上半年 is a draft: the cell is then this period's.
    const half = cli(["merge", path.join(dir, "上半年.xlsx"), four, "--period", "上半年"]);
    expect(half.code).toBe(1);
    expect(half.err).toContain("草稿：四支部.xlsx（第四党支部）：有 1 条错误");
  });
});
