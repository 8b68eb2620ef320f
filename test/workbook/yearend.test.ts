/**
 * 年度总结 and 推荐表 as sheet models (no host): the demo branch through the engine, then the
 * layout checked the way a host will write it — title row, sections, tables the charts read,
 * charts over empty cells, one form per nominee with its page break, print areas, merges that
 * never overlap, text that cannot become a formula.
 */
import { a1 } from "../../src/core/address";
import { type CellValue, cellText, safeText } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { type EngineRun, runEngine } from "../../src/workbook/engine";
import { FORMS_SHEET, OUTPUT_MARK, OUTPUT_SHEETS, YEAR_SUMMARY_SHEET } from "../../src/workbook/layout";
import { isOwnOutputGrid } from "../../src/workbook/output";
import { footerOf, type FreeSheet, type Rect } from "../../src/workbook/sheetdoc";
import { TEMPLATE_HEADER_ROW, templateGrid } from "../../src/workbook/template";
import { SIGNATURE_LINE } from "../../src/workbook/yearend";

function demoRun(period: "上半年" | "年终" = "年终", edit?: (sheets: { name: string; grid: CellValue[][] }[]) => void): EngineRun {
  const sheets = demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) }));
  edit?.(sheets);
  return runEngine(sheets, { fallbackYear: 2026, period });
}

function free(run: EngineRun, name: string): FreeSheet {
  const o = run.outputs.find((x) => x.name === name);
  if (!o || o.kind !== "free") throw new Error(`no free sheet ${name}`);
  return o;
}

const at = (s: FreeSheet, row: number, col: number): CellValue => s.cells[row]?.[col] ?? null;
/** Every row's first cell, as text. */
const column = (s: FreeSheet, col = 0): string[] => s.cells.map((r) => cellText(r[col]));
const rowOf = (s: FreeSheet, text: string, col = 0): number => {
  const i = column(s, col).indexOf(text);
  if (i < 0) throw new Error(`no row "${text}" in column ${col}`);
  return i;
};

function cellsIn(r: Rect): [number, number][] {
  const out: [number, number][] = [];
  for (let i = r.row; i < r.row + r.rows; i++) for (let j = r.col; j < r.col + r.cols; j++) out.push([i, j]);
  return out;
}

const overlaps = (x: Rect, y: Rect): boolean =>
  x.row < y.row + y.rows && y.row < x.row + x.rows && x.col < y.col + y.cols && y.col < x.col + x.cols;

function expectSoundSheet(s: FreeSheet): void {
  // Row 1 is the title; the mark is in the page footer, so the tool knows the sheet as its own.
  expect(at(s, 0, 0)).toBe(s.title);
  expect(s.title).not.toContain(OUTPUT_MARK);
  expect(s.mark).toBe(true);
  expect(isOwnOutputGrid(s.cells, footerOf(s))).toBe(true);
  // No row is wider than the widths; merges never overlap; only a merge's top-left cell has a value.
  for (const row of s.cells) expect(row.length).toBeLessThanOrEqual(s.widths.length);
  s.merges.forEach((m, i) => {
    for (const other of s.merges.slice(i + 1)) expect({ m, other, overlap: overlaps(m, other) }).toEqual({ m, other, overlap: false });
    for (const [r, c] of cellsIn(m).slice(1)) expect({ m, cell: a1(r, c), v: at(s, r, c) }).toEqual({ m, cell: a1(r, c), v: null });
    expect(m.col + m.cols).toBeLessThanOrEqual(s.widths.length);
  });
  // Text is clean and the builder never made a formula-looking cell of its own.
  for (const row of s.cells) {
    for (const v of row) {
      if (typeof v === "string") expect(v).toBe(safeText(v));
    }
  }
}

describe("年度总结 (the demo, 年终)", () => {
  const run = demoRun();
  const s = free(run, YEAR_SUMMARY_SHEET.name);
  const r = run.result;

  test("is the third output sheet; the five outputs in OUTPUT_SHEETS order", () => {
    expect(run.outputs.map((o) => o.name)).toEqual(OUTPUT_SHEETS.map((d) => d.name));
    expect(OUTPUT_SHEETS.map((d) => d.name)).toEqual(["综合评定", "表彰推荐", "年度总结", "推荐表", "反馈单", "问题清单"]);
    expectSoundSheet(s);
  });

  test("four sections in order, each starting its own page from 三 on", () => {
    const sections = ["一、支部概况", "二、等次分布", "三、各次学习出勤", "四、党员个人总结"].map((t) => rowOf(s, t));
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(s.print.rowBreaks).toEqual([(sections[2] as number) + 1, (sections[3] as number) + 1]);
    expect(s.print.orientation).toBe("portrait");
    expect(s.print.fitToWidth).toBe(true);
    expect(s.print.header).toBe("光栅室党支部（示例） 2026年 年终 年度总结");
  });

  test("一 支部概况: the summary's numbers, label → value", () => {
    const value = (label: string): CellValue => at(s, rowOf(s, label), 2);
    const sum = r.summary;
    expect(value("党员总数（人）")).toBe(28);
    expect(value("参评（人）")).toBe(sum.scored);
    expect(value("不参评（人）")).toBe(1);
    expect(value("评定等次人数（人）")).toBe(sum.graded);
    expect(value("预备党员（人）")).toBe(2);
    expect(value("优秀（人）")).toBe(sum.perGrade.优秀);
    expect(value("待定（人）")).toBe(sum.perGrade.待定);
    expect(value("学习次数（次）")).toBe(24);
    expect(value("支部表彰（人）")).toBe(r.nominations.length);
    expect(value("推荐所级评选（人）")).toBe(r.nominations.filter((n) => n.category === "所级推荐").length);
    const rate = value("全年出勤率");
    expect(typeof rate).toBe("number");
    const pctRow = rowOf(s, "全年出勤率");
    expect(s.numFmts.some((f) => f.numFmt === "0.0%" && cellsIn(f.rect).some(([i, j]) => i === pctRow && j === 2))).toBe(true);
  });

  test("二 等次分布: the bar chart reads 等次 | 人数 and sits over empty cells", () => {
    const bar = s.charts.find((c) => c.type === "bar");
    expect(bar).toBeDefined();
    const data = (bar as NonNullable<typeof bar>).data;
    expect([at(s, data.row, data.col), at(s, data.row, data.col + 1)]).toEqual(["等次", "人数"]);
    const grades = Array.from({ length: data.rows - 1 }, (_, i) => at(s, data.row + 1 + i, data.col));
    expect(grades).toEqual(["优秀", "合格", "基本合格", "不合格", "待定"]);
    const counts = Array.from({ length: data.rows - 1 }, (_, i) => at(s, data.row + 1 + i, data.col + 1));
    expect(counts).toEqual([r.summary.perGrade.优秀, r.summary.perGrade.合格, r.summary.perGrade.基本合格, r.summary.perGrade.不合格, r.summary.perGrade.待定]);
  });

  test("三 各次学习出勤: one row per session; the line chart reads 日期 | 出勤率", () => {
    const line = s.charts.find((c) => c.type === "line");
    expect(line).toBeDefined();
    const data = (line as NonNullable<typeof line>).data;
    expect([at(s, data.row, data.col), at(s, data.row, data.col + 1)]).toEqual(["日期", "出勤率"]);
    expect(data.rows).toBe(1 + 24);
    for (let i = 1; i < data.rows; i++) {
      expect(at(s, data.row + i, 0)).toBeInstanceOf(Date);
      const rate = at(s, data.row + i, 1) as number;
      const [expected, present, late] = [3, 4, 5].map((c) => at(s, data.row + i, c) as number) as [number, number, number];
      expect(rate).toBeCloseTo((present + late) / expected, 12);
    }
  });

  test("the charts sit below the last row, side by side, over no cell: where they are not drawn nothing is left blank", () => {
    expect(s.charts).toHaveLength(2);
    const last = s.cells.length - 1;
    for (const c of s.charts) {
      expect({ chart: c.title, below: c.at.row > last }).toEqual({ chart: c.title, below: true });
      expect(c.at.col + c.at.cols).toBeLessThanOrEqual(s.widths.length);
    }
    expect(overlaps(s.charts[0]?.at as Rect, s.charts[1]?.at as Rect)).toBe(false);
  });

  test("no line about the program or a formula in grey outside the tables: explanations are 说明 cells", () => {
    const text = s.cells.flat().filter((v): v is string => typeof v === "string");
    for (const words of ["命令行", "网页版", "加载项", "考评助手", "注：", "请勿在此表填写"]) expect({ words, found: text.some((t) => t.includes(words)) }).toEqual({ words, found: false });
    // Every grey note cell is a 说明 cell: in a table's 说明 column (a header 说明 above it), or
    // the one line that says there was no session.
    const notes = s.styles.filter((st) => st.style === "note").flatMap((st) => cellsIn(st.rect));
    for (const [i, j] of notes) {
      const v = at(s, i, j);
      if (v === null || v === "统计期间内没有学习场次（学习考勤表中没有本期日期的列）。") continue;
      let k = i;
      while (k >= 0 && at(s, k, j) !== "说明") k -= 1;
      expect({ cell: a1(i, j), v, under说明: k >= 0 }).toEqual({ cell: a1(i, j), v, under说明: true });
    }
  });

  test("四 党员个人总结: one line per roster member, in roster order, numbers from the appraisal", () => {
    const head = rowOf(s, "四、党员个人总结") + 1;
    expect(s.cells[head]).toEqual(["编号", "姓名", "承诺项数", "完成", "基本完成", "未完成", "出勤率", "综合得分", "排名", "最终等次", "表彰", "践诺情况"]);
    const lines = s.cells.slice(head + 1, head + 1 + r.members.length);
    expect(lines.map((l) => l[0])).toEqual(r.members.map((m) => m.member.id));
    expect(lines.map((l) => l[7])).toEqual(r.members.map((m) => m.total));
    expect(lines.map((l) => l[8])).toEqual(r.members.map((m) => m.rank));
    expect(lines.map((l) => l[9])).toEqual(r.members.map((m) => m.final));
    const nominated = new Map(r.nominations.map((n) => [n.memberId, n.category]));
    expect(lines.map((l) => l[10] ?? null)).toEqual(r.members.map((m) => nominated.get(m.member.id) ?? null));
    // The 不参评 member: no counts, the reason in words.
    const out = lines.find((l) => l[9] === "不参评");
    expect(out?.slice(2, 7)).toEqual([null, null, null, null, null]);
    expect(cellText(out?.[11])).toMatch(/^不参评：/);
  });
});

describe("推荐表 (the demo, 年终)", () => {
  const run = demoRun();
  const s = free(run, FORMS_SHEET.name);
  const noms = run.result.nominations;
  const titles = column(s)
    .map((v, i) => (v === "优秀共产党员推荐表" ? i : -1))
    .filter((i) => i >= 0);

  test("one form per nominee, in nomination order, each on its own page", () => {
    expectSoundSheet(s);
    expect(noms.length).toBeGreaterThan(1);
    expect(titles).toHaveLength(noms.length);
    // A page break above every form but the first.
    expect(s.print.rowBreaks).toEqual(titles.slice(1).map((t) => t + 1));
    const names = titles.map((t) => at(s, t + 2, 1));
    expect(names).toEqual(noms.map((n) => n.name));
    const categories = titles.map((t) => cellText(at(s, t + 1, 1)));
    categories.forEach((c, i) => expect(c.startsWith(noms[i]?.category ?? "?")).toBe(true));
  });

  test("print: A4 portrait, fit to width, no repeated rows, the area covers every form", () => {
    expect(s.print.orientation).toBe("portrait");
    expect(s.print.fitToWidth).toBe(true);
    expect(s.print.titleRows).toBeUndefined();
    const last = s.cells.length - 1;
    expect(s.print.area).toBe(`A${(titles[0] as number) + 1}:F${last + 1}`);
    expect(s.widths).toHaveLength(6);
  });

  test("the fields of the form, from the roster; 党支部意见 and 上级党组织意见 are blank for signatures", () => {
    const roster = run.parsed.input.members;
    titles.forEach((t, i) => {
      const who = roster.find((m) => m.id === noms[i]?.memberId);
      expect(who).toBeDefined();
      const m = who as NonNullable<typeof who>;
      // The demo types 出生年月 as 1961-05: the form prints it as 1961年5月.
      const born = /^(\d{4})-(\d{2})$/.exec(m.birth.typed) ?? ["", "?", "?"];
      expect(s.cells[t + 2]).toEqual(["姓名", m.name, "性别", m.gender || null, "出生年月", `${born[1]}年${Number(born[2])}月`]);
      expect(at(s, t + 3, 0)).toBe("入党时间");
      expect(cellText(at(s, t + 3, 1))).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect([at(s, t + 3, 2), at(s, t + 3, 3)]).toEqual(["岗位/职务", m.post || null]);
      expect([at(s, t + 4, 0), at(s, t + 4, 1)]).toEqual(["所在党支部", "光栅室党支部（示例）"]);
      expect([at(s, t + 6, 0), at(s, t + 7, 0), at(s, t + 8, 0)]).toEqual(["主要事迹", "党支部意见", "上级党组织意见"]);
      expect([at(s, t + 7, 1), at(s, t + 8, 1)]).toEqual([SIGNATURE_LINE, SIGNATURE_LINE]);
      expect(cellText(at(s, t + 6, 1))).toContain(`${m.name}同志`);
      expect(cellText(at(s, t + 9, 0))).toMatch(/^填表说明：1\. “主要事迹”是依据本支部.*初稿/);
    });
  });

  test("few merges per form (the add-in issues one command per merge)", () => {
    expect(s.merges.length / noms.length).toBeLessThanOrEqual(10);
    expect(s.merges.length / noms.length).toBeGreaterThanOrEqual(6);
  });

  test("a blank 出生年月 stays blank: nothing is invented", () => {
    const run2 = demoRun("年终", (sheets) => {
      const roster = sheets.find((x) => x.name === "党员名册")?.grid as CellValue[][];
      const col = (roster[TEMPLATE_HEADER_ROW - 1] as CellValue[]).indexOf("出生年月");
      for (const row of roster.slice(TEMPLATE_HEADER_ROW)) row[col] = null;
    });
    const s2 = free(run2, FORMS_SHEET.name);
    const t = column(s2).indexOf("优秀共产党员推荐表");
    expect(at(s2, t + 2, 4)).toBe("出生年月");
    expect(at(s2, t + 2, 5)).toBeNull();
  });

  test("same input → same sheets", () => {
    const again = demoRun();
    expect(free(again, FORMS_SHEET.name)).toEqual(s);
    expect(free(again, YEAR_SUMMARY_SHEET.name)).toEqual(free(run, YEAR_SUMMARY_SHEET.name));
  });
});

describe("上半年", () => {
  const run = demoRun("上半年");

  test("推荐表 says in one line that the first half has no nominations; no print area", () => {
    const s = free(run, FORMS_SHEET.name);
    expectSoundSheet(s);
    expect(column(s).filter((v) => v === "优秀共产党员推荐表")).toEqual([]);
    expect(column(s).some((v) => v.startsWith("上半年不产生表彰推荐"))).toBe(true);
    expect(s.print.area).toBeUndefined();
    expect(s.print.rowBreaks).toEqual([]);
  });

  test("年度总结 counts only January to June", () => {
    const s = free(run, YEAR_SUMMARY_SHEET.name);
    expectSoundSheet(s);
    expect(at(s, rowOf(s, "学习次数（次）"), 2)).toBe(12);
    expect(column(s)).toContain("上半年出勤率");
    const line = s.charts.find((c) => c.type === "line");
    expect(line?.data.rows).toBe(1 + 12);
    for (let i = 1; i <= 12; i++) expect((at(s, (line?.data.row ?? 0) + i, 0) as Date).getUTCMonth()).toBeLessThan(6);
    expect(at(s, rowOf(s, "支部表彰（人）"), 2)).toBeNull();
  });
});

test("an empty workbook still gives both sheets, without charts of nothing", () => {
  const run = runEngine([], { fallbackYear: 2026 });
  const summary = free(run, YEAR_SUMMARY_SHEET.name);
  const forms = free(run, FORMS_SHEET.name);
  expectSoundSheet(summary);
  expectSoundSheet(forms);
  expect(summary.charts.map((c) => c.type)).toEqual(["bar"]);
  expect(column(summary).some((v) => v.startsWith("统计期间内没有学习场次"))).toBe(true);
  expect(column(forms).some((v) => v.startsWith("本考评期没有表彰推荐人选"))).toBe(true);
});

test("a hostile name stays text in both sheets", () => {
  const run = demoRun("年终", (sheets) => {
    const roster = sheets.find((x) => x.name === "党员名册")?.grid as CellValue[][];
    for (const row of roster.slice(TEMPLATE_HEADER_ROW)) row[1] = `=HYPERLINK("x")${cellText(row[0])}\u0007`;
  });
  for (const name of [YEAR_SUMMARY_SHEET.name, FORMS_SHEET.name]) {
    const s = free(run, name);
    const texts = s.cells.flat().filter((v): v is string => typeof v === "string" && v.includes("HYPERLINK"));
    expect(texts.length).toBeGreaterThan(0);
    for (const v of texts) expect(v).not.toContain("\u0007");
  }
});
