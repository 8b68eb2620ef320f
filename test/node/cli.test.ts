/**
 * The `appraisal` command line, spawned as a user runs it (node bin/appraisal.js, after the
 * build that `npm test` does first). Exit codes and Chinese messages are what is asserted.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { cellText } from "../../src/workbook/cells";
import { buildTemplateWorkbook, workbookBytes } from "../../src/xlsx/host";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { cli, CLI, expectNoStack, gridOf, gridsOf, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";


beforeAll(() => {
  if (!existsSync(path.join(path.dirname(CLI), "..", "dist", "node", "cli.js"))) {
    throw new Error("dist/ is missing: run `npm run build:cli` (npm test does it first)");
  }
});

describe("init", () => {
  test("creates a blank template and refuses to overwrite it", async () => {
    const dir = tempDir();
    const file = path.join(dir, "支部.xlsx");
    const first = cli(["init", file]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("已新建");
    const grids = await gridsOf(file);
    expect(grids.map((g) => g.name)).toEqual(["使用说明", "参数设置", "党员名册", "个人承诺", "学习考勤", "活动记录", "评议打分"]);

    const again = cli(["init", file]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("已存在");
    expectNoStack(again);
  });

  test("--demo fills the demo branch", async () => {
    const file = path.join(tempDir(), "demo.xlsx");
    expect(cli(["init", file, "--demo"]).code).toBe(0);
    const roster = gridOf(await gridsOf(file), "党员名册");
    expect(roster.length).toBe(TEMPLATE_HEADER_ROW + 28); // the guidance line, the header, 28 members
  });
});

describe("check", () => {
  test("exit 0 and the hints when there is no 错误", () => {
    const file = path.join(tempDir(), "demo.xlsx");
    cli(["init", file, "--demo"]);
    const r = cli(["check", file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/问题清单：错误 0 条，提示 \d+ 条/);
    expect(r.out).toContain("个人承诺!G");
  });

  test("exit 1 with the sheet and cell of each 错误", async () => {
    const file = path.join(tempDir(), "bad.xlsx");
    cli(["init", file, "--demo"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    (wb.getWorksheet("学习考勤") as ExcelJS.Worksheet).getCell("D7").value = "病假";
    await wb.xlsx.writeFile(file);
    const r = cli(["check", file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("错误 学习考勤!D7");
    expect(r.out).toContain("病假");
  });

  test("--json lists the issues as data", () => {
    const file = path.join(tempDir(), "blank.xlsx");
    cli(["init", file]);
    const r = cli(["check", file, "--json"]);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.out) as { code: string; level: string; sheet: string }[];
    expect(issues.find((i) => i.code === "roster_empty")).toMatchObject({ level: "错误", sheet: "党员名册" });
  });
});

describe("calc", () => {
  test("in place: writes the outputs and keeps <file>.bak", async () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    cli(["init", file, "--demo"]);
    const original = await fs.readFile(file);
    const r = cli(["calc", file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("已保存");
    expect(r.out).toMatch(/等次：优秀 \d+/);
    expect((await fs.readFile(`${file}.bak`)).equals(original)).toBe(true);
    expect((await gridsOf(file)).map((g) => g.name)).toEqual(expect.arrayContaining(["综合评定", "表彰推荐", "问题清单"]));
  });

  test("-o leaves the input file untouched", async () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    const out = path.join(dir, "result.xlsx");
    cli(["init", file, "--demo"]);
    const original = await fs.readFile(file);
    expect(cli(["calc", file, "-o", out]).code).toBe(0);
    expect((await fs.readFile(file)).equals(original)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
    expect(existsSync(out)).toBe(true);
  });

  test("--json prints every member, both nomination lists and the issues", () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    cli(["init", file, "--demo"]);
    const r = cli(["calc", file, "-o", path.join(dir, "o.xlsx"), "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      period: string;
      members: { id: string; name: string; components: Record<string, number | null>; bonus: number | null; total: number | null; rank: number | null; suggested: string; final: string; reasons: string[]; flags: string[] }[];
      nominations: { branch: { id: string; category: string }[]; institute: { id: string }[] };
      issues: { code: string }[];
    };
    expect(j.period).toBe("年终");
    expect(j.members).toHaveLength(28);
    const scored = j.members.filter((m) => m.rank !== null);
    expect(scored).toHaveLength(27);
    for (const m of scored) {
      expect(Object.keys(m.components).sort()).toEqual(["mass", "peer", "pledge", "study"]);
      expect(m.total).toBeGreaterThanOrEqual(0);
      expect(m.total).toBeLessThanOrEqual(100);
    }
    expect(j.members.find((m) => m.final === "不参评")?.reasons.join("")).toContain("长期病假");
    expect(j.nominations.institute.length).toBeGreaterThanOrEqual(1);
    for (const n of j.nominations.institute) expect(j.nominations.branch.map((b) => b.id)).toContain(n.id);
    expect(Array.isArray(j.issues)).toBe(true);
  });

  test("--period 上半年 computes the first half, with no nominations", () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    cli(["init", file, "--demo"]);
    const r = cli(["calc", file, "-o", path.join(dir, "h.xlsx"), "--period", "上半年", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { period: string; nominations: { branch: unknown[] } };
    expect(j.period).toBe("上半年");
    expect(j.nominations.branch).toEqual([]);
  });
});

describe("calc: a draft is said everywhere, and a re-run on corrected data is final", () => {
  const OUTPUTS = ["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"];

  async function looks(file: string): Promise<{ titles: string[]; headers: string[]; forms: string[] }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = OUTPUTS.map((n) => wb.getWorksheet(n) as ExcelJS.Worksheet);
    // Each 推荐表 form prints on its own page, without the sheet's title row: its heading.
    const forms: string[] = [];
    (wb.getWorksheet("推荐表") as ExcelJS.Worksheet).eachRow((row) => {
      if (row.getCell(1).text.startsWith("优秀共产党员推荐表")) forms.push(row.getCell(1).text);
    });
    return { titles: ws.map((w) => w.getCell("A1").text), headers: ws.map((w) => w.headerFooter.oddHeader ?? ""), forms };
  }

  async function setCell(file: string, sheet: string, cell: string, value: ExcelJS.CellValue): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    (wb.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(cell).value = value;
    await wb.xlsx.writeFile(file);
  }

  test("one 错误: written, exit 1, every title and page header says 草稿, --json final false", async () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    cli(["init", file, "--demo"]);
    await setCell(file, "学习考勤", "D7", "病假");
    const r = cli(["calc", file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("已保存");
    expect(r.out).not.toContain("计算完成");
    expect(r.err).toContain("已计算（草稿）——有 1 条错误");
    expect(r.err).toContain("错误 学习考勤!D7");
    const { titles, headers, forms } = await looks(file);
    for (const t of titles) expect(t.startsWith("草稿：数据有 1 条错误未改正，结果不可作为最终结果")).toBe(true);
    for (const h of headers) expect(h).toContain("（草稿）");
    expect(forms).toEqual(Array(8).fill("优秀共产党员推荐表（草稿）"));

    const j = JSON.parse(cli(["calc", file, "--json"]).out) as { final: boolean; errors: number };
    expect(j).toMatchObject({ final: false, errors: 1 });

    // Corrected: final, exit 0, and no mark is left anywhere.
    await setCell(file, "学习考勤", "D7", "请假");
    const again = cli(["calc", file]);
    expect(again.code).toBe(0);
    expect(again.err).not.toContain("草稿");
    const after = await looks(file);
    for (const t of after.titles) expect(t).not.toContain("草稿");
    for (const h of after.headers) expect(h).not.toContain("草稿");
    expect(after.forms).toEqual(Array(8).fill("优秀共产党员推荐表"));
    expect((JSON.parse(cli(["calc", file, "--json"]).out) as { final: boolean }).final).toBe(true);
  });

  test("a 错误 in a 上半年 row while computing 年终 does not make a draft", async () => {
    const dir = tempDir();
    const file = path.join(dir, "demo.xlsx");
    cli(["init", file, "--demo"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const votes = wb.getWorksheet("评议打分") as ExcelJS.Worksheet;
    // The demo's first row under the header is 王建国's 上半年 row: a 支委会评定 there without 调整理由.
    const first = TEMPLATE_HEADER_ROW + 1;
    expect(votes.getCell(`A${first}`).value).toBe("上半年");
    expect(votes.getCell(`M${TEMPLATE_HEADER_ROW}`).value).toBe("支委会评定");
    votes.getCell(`M${first}`).value = "优秀";
    await wb.xlsx.writeFile(file);
    const r = cli(["calc", file, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { final: boolean; issues: { code: string; level: string; outside?: string }[] };
    expect(j.final).toBe(true);
    expect(j.issues.find((i) => i.code === "override_without_reason")).toMatchObject({ level: "提示", outside: "上半年" });
  });
});

describe("demo", () => {
  test("writes the computed demo branch and prints the summary table", async () => {
    const dir = tempDir();
    const r = cli(["demo", dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("排名");
    expect(r.out).toContain("表彰推荐：支部表彰");
    const file = path.join(dir, "示例支部-创先争优考评.xlsx");
    const names = (await gridsOf(file)).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(["综合评定", "表彰推荐", "问题清单"]));
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});

describe("files that cannot be used get a clear message and a non-zero exit", () => {
  const cases: [string, (dir: string) => Promise<string>, RegExp][] = [
    ["a missing file", (dir) => Promise.resolve(path.join(dir, "nope.xlsx")), /找不到文件/],
    ["a folder", (dir) => Promise.resolve(dir), /文件夹/],
    ["a text file", async (dir) => { const f = path.join(dir, "a.xlsx"); await fs.writeFile(f, "编号,姓名\n1,张三\n"); return f; }, /实际是文本文件（如 CSV）/],
    ["a binary file", async (dir) => { const f = path.join(dir, "a.xlsx"); await fs.writeFile(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2])); return f; }, /不是 Excel 工作簿（\.xlsx、\.xls）或 OpenDocument 表格（\.ods）/],
    ["the first bytes of an .xls only", async (dir) => { const f = path.join(dir, "old.xls"); await fs.writeFile(f, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])); return f; }, /“.*old\.xls”已损坏或不完整，不是有效的 \.xls 工作簿/],
    ["a corrupt zip", async (dir) => { const f = path.join(dir, "bad.xlsx"); await fs.writeFile(f, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])); return f; }, /已损坏/],
    ["a truncated workbook", async (dir) => { const src = path.join(dir, "whole.xlsx"); cli(["init", src, "--demo"]); const buf = await fs.readFile(src); const f = path.join(dir, "cut.xlsx"); await fs.writeFile(f, buf.subarray(0, Math.floor(buf.length / 2))); return f; }, /已损坏/],
    ["an empty file", async (dir) => { const f = path.join(dir, "空.xlsx"); await fs.writeFile(f, ""); return f; }, /空文件/],
  ];
  test.each(cases)("%s", async (_label, make, message) => {
    const file = await make(tempDir());
    for (const cmd of ["check", "calc"]) {
      const r = cli([cmd, file]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expectNoStack(r);
    }
  });

  test.each([["tiny.xls"], ["tiny.ods"]])("a real %s (LibreOffice) with no branch sheets is read, and told what is missing, as an .xlsx would be", (fixture) => {
    const dir = tempDir();
    const file = path.join(dir, fixture);
    copyFileSync(path.join(__dirname, "..", "fixtures", fixture), file);
    const r = cli(["check", file]);
    // Read, not refused: the problems are about its sheets (exit 1 for the missing roster), not the file.
    expect(r.code).toBe(1);
    expect(r.out).toContain("缺少工作表“党员名册”");
    expectNoStack(r);
  });

  test("an unreadable file (no permission) is reported as locked or unreadable", async () => {
    const dir = tempDir();
    const file = path.join(dir, "locked.xlsx");
    cli(["init", file, "--demo"]);
    await fs.chmod(file, 0o000);
    const r = cli(["check", file]);
    await fs.chmod(file, 0o644);
    // root reads any file regardless of mode: then the check simply succeeds.
    if (process.getuid?.() === 0) expect(r.code).toBe(0);
    else {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/被占用或没有读取权限/);
    }
  });

  test.each([
    [["calc"], /缺少参数/],
    [["calc", "x.xlsx", "--bogus"], /不认识的选项：--bogus/],
    [["frobnicate"], /不认识的命令/],
    [["calc", "x.xlsx", "--period", "下半年"], /考评期“下半年”无法识别/],
  ])("bad usage %j", (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expectNoStack(r);
  });
});

describe("the command line speaks Chinese, and stops quietly", () => {
  test("help: headings and placeholders in Chinese, none of commander's English", () => {
    for (const args of [["--help"], ["calc", "--help"], ["help", "merge"]]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^用法：appraisal/);
      expect(r.out).toContain("选项：");
      expect(r.out).not.toMatch(/Usage:|Options:|Commands:|Arguments:|\[options\]|\[command\]/);
    }
    expect(cli(["--help"]).out).toContain("命令：");
    expect(cli(["calc", "--help"]).out).toContain("参数：");
  });

  test("a mistyped command or option: one Chinese line with the likely one, the hint, exit 2", () => {
    const cmd = cli(["calx", "x.xlsx"]);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain("错误：不认识的命令：calx。是不是要输入 calc？");
    expect(cmd.err).toContain("（运行 appraisal --help 查看用法）");
    const opt = cli(["calc", "--outt", "y.xlsx", "x.xlsx"]);
    expect(opt.code).toBe(2);
    expect(opt.err).toMatch(/错误：不认识的选项：--outt。是不是要输入 --\w+？/);
    for (const r of [cmd, opt]) {
      expect(r.err).not.toMatch(/error:|Did you mean/);
      expectNoStack(r);
    }
  });

  test("an empty roster: nothing to compute, said so, no grade counts of zero", () => {
    const dir = tempDir();
    expect(cli(["init", "空"], dir).code).toBe(0);
    const r = cli(["calc", "空.xlsx", "-o", "out.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("党员名册中还没有党员，没有可计算的内容");
    expect(r.out).not.toMatch(/优秀 0|^排名/m);
    expect(r.err).toContain(`党员名册!A${TEMPLATE_HEADER_ROW + 1}：党员名册中没有党员`);
  });

  test("init 名字 writes 名字.xlsx", () => {
    const dir = tempDir();
    const r = cli(["init", "第一支部"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "第一支部.xlsx"))).toBe(true);
    expect(existsSync(path.join(dir, "第一支部"))).toBe(false);
    expect(r.out).toContain("已新建：第一支部.xlsx");
  });

  /** A generated branch of `members` as a template-built workbook. */
  async function bigFile(dir: string, members: number): Promise<string> {
    const file = path.join(dir, "大支部.xlsx");
    const sheets = bigBranch(members, 6).map((g) => ({ name: g.name, guidance: "", columns: (g.grid[0] ?? []).map((h) => ({ header: cellText(h), width: 10, note: "" })), rows: g.grid.slice(1) }));
    await fs.writeFile(file, await workbookBytes(buildTemplateWorkbook(sheets)));
    return file;
  }

  test("a big branch: a summary line instead of the ranking table, unless --table", async () => {
    const dir = tempDir();
    const file = await bigFile(dir, 150);
    const plain = cli(["calc", file, "-o", path.join(dir, "a.xlsx")]);
    expect(plain.out).toContain("共 150 人，排名表未在此打印（见“综合评定”表；需要时加 --table 打印）。");
    expect(plain.out).not.toMatch(/^排名\s+编号/m);
    const table = cli(["calc", file, "-o", path.join(dir, "b.xlsx"), "--table"]);
    expect(table.out).toMatch(/^排名\s+编号/m);
    expect(table.out.split("\n").length).toBeGreaterThan(150);
    // The demo's 28 members are printed as before.
    const small = cli(["demo", path.join(dir, "demo")]);
    expect(small.out).toMatch(/^排名\s+编号/m);
  }, 120_000);

  test("output cut short by | head: exit 0, no stack trace", async () => {
    // Big enough to fill the pipe (64 KB) after head has gone: 600 members' --json is ~0.5 MB.
    const dir = tempDir();
    const file = await bigFile(dir, 600);
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" calc "${file}" -o "${path.join(dir, "out.xlsx")}" --json | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: "utf8" });
    expect(r.stderr).toContain("status=0");
    expectNoStack({ code: 0, out: r.stdout, err: r.stderr });
  }, 120_000);
});
