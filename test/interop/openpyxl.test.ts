/**
 * Interop: python3-openpyxl (Debian's, /usr/bin/python3) opens the template and a computed
 * workbook and finds every sheet, the headers, the drop-downs (one rule per range, none
 * overlapping), frozen headers, A4 print setup and the outputs.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { columnLetters, parseRange } from "../../src/core/address";
import { SETTING_DEFS } from "../../src/core/settings";
import { INPUT_SHEETS, OUTPUT_SHEETS, TEMPLATE_ROWS } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";

/** The data rows every rule of the template covers: under the header, TEMPLATE_ROWS of them. */
const FIRST = TEMPLATE_HEADER_ROW + 1;
const LAST = TEMPLATE_HEADER_ROW + TEMPLATE_ROWS;
import { tempDir } from "../support/files";

interface PySheet {
  name: string;
  rows: unknown[][];
  maxRow: number;
  freeze: string | null;
  paperSize: number | null;
  fitToWidth: number | null;
  printTitleRows: string | null;
  printTitleCols: string | null;
  scale: number | null;
  fitToPage: boolean | null;
  heights: Record<"1" | "2", number | null>;
  merged: string[];
  oddHeader: string | null;
  validations: { type: string; formula1: string; formula2: string | null; operator: string | null; ranges: string[]; errorStyle: string | null; errorTitle: string | null; error: string | null }[];
}

function inspect(file: string): PySheet[] {
  const r = spawnSync("/usr/bin/python3", [path.join(__dirname, "inspect_xlsx.py"), file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { sheets: PySheet[] }).sheets;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function box(range: string): Box {
  const r = parseRange(range);
  if (!r) throw new Error(`bad range ${range}`);
  return { top: r.row, left: r.col, bottom: r.row + r.rows - 1, right: r.col + r.cols - 1 };
}

const overlaps = (x: Box, y: Box): boolean => x.left <= y.right && y.left <= x.right && x.top <= y.bottom && y.top <= x.bottom;

function expectNoOverlaps(sheet: PySheet): void {
  const boxes = sheet.validations.flatMap((v) => v.ranges.map((r) => ({ r, b: box(r) })));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const x = boxes[i] as { r: string; b: Box };
      const y = boxes[j] as { r: string; b: Box };
      if (overlaps(x.b, y.b)) throw new Error(`${sheet.name}: validations ${x.r} and ${y.r} overlap`);
    }
  }
}

function sheet(sheets: PySheet[], name: string): PySheet {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`openpyxl sees no sheet ${name}; it sees ${sheets.map((x) => x.name).join(", ")}`);
  return s;
}

describe("openpyxl reads what we write", () => {
  const dir = tempDir();
  const template = path.join(dir, "template.xlsx");
  const demo = path.join(dir, "demo.xlsx");
  const computed = path.join(dir, "computed.xlsx");
  let t: PySheet[];
  let c: PySheet[];

  beforeAll(async () => {
    await initWorkbook(template);
    await initWorkbook(demo, { demo: true });
    await calcFile(demo, { out: computed });
    t = inspect(template);
    c = inspect(computed);
  });

  test("the template: every input sheet, its guidance line and headers, frozen header rows, A4 landscape with the header repeated", () => {
    expect(t.map((s) => s.name)).toEqual(["使用说明", ...INPUT_SHEETS.map((d) => d.name)]);
    for (const def of INPUT_SHEETS) {
      const s = sheet(t, def.name);
      // In A1, or on 学习考勤 after its title columns (编号, 姓名), which print on every page.
      const at = def.name === "学习考勤" ? "C1" : "A1";
      expect(s.rows[0]?.filter((v) => v !== null)).toEqual([def.guidance]);
      expect(s.merged.find((m) => m.startsWith(`${at}:`))).toMatch(new RegExp(`^${at}:[A-Z]+1$`));
      expect(s.rows[TEMPLATE_HEADER_ROW - 1]?.slice(0, def.columns.length)).toEqual(def.columns.map((col) => col.header));
      expect(s.paperSize).toBe(9);
      expect(s.printTitleRows).toBe("$2:$2");
      // The page header is the sheet's name, not a branch name that could go stale.
      expect(s.oddHeader).toBe(def.name);
      // Both rows are given a height (the guidance wraps; the header's is computed from its text).
      expect(s.heights["1"]).toBeGreaterThanOrEqual(21);
      expect(s.heights["2"]).toBeGreaterThanOrEqual(22);
      if (def.name === "学习考勤") {
        // Wide: 编号 and 姓名 frozen and printed on every page, at a scale, not fitted to one page width.
        expect(s.freeze).toBe("C3");
        expect(s.printTitleCols).toBe("$A:$B");
        expect(s.fitToPage ?? false).toBe(false); // absent: not fitted
        expect(s.scale).toBeGreaterThanOrEqual(60);
        expect(s.scale).toBeLessThan(100);
      } else {
        expect(s.freeze).toBe("A3");
        expect(s.fitToWidth).toBe(1);
      }
    }
  });

  test("the template: number and date rules with Chinese alerts, over the data rows", () => {
    // "between" is the file format's default operator, which a writer may leave out (openpyxl then reads null).
    const rule = (name: string, range: string) => {
      const v = sheet(t, name).validations.find((x) => x.ranges.includes(range));
      return v ? { ...v, operator: v.operator ?? "between" } : undefined;
    };
    // The eight vote counts of 评议打分 (E to L): whole numbers ≥ 0.
    for (const letter of ["E", "F", "G", "H", "I", "J", "K", "L"]) {
      expect(rule("评议打分", `${letter}${FIRST}:${letter}${LAST}`)).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formula1: "0", errorStyle: "stop", errorTitle: "票数须为整数" });
    }
    expect(rule("评议打分", `G${FIRST}:G${LAST}`)?.error).toBe("“互评基本合格”只能填 0 或正整数（党员互评：基本合格票数）。");
    // 个人承诺: 权重 ≥ 0 (F), 考核得分 0–100 (K), 提交日期 in the year, a warning (G).
    expect(rule("个人承诺", `F${FIRST}:F${LAST}`)).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", formula1: "0", errorStyle: "stop" });
    expect(rule("个人承诺", `K${FIRST}:K${LAST}`)).toMatchObject({ type: "decimal", operator: "between", formula1: "0", formula2: "100", errorStyle: "stop" });
    // Dates are serials: 1 January and 31 December of this year (the year `init` makes the template for).
    const year = new Date().getFullYear();
    const serial = (m: number, d: number): string => String(Date.UTC(year, m - 1, d) / 86_400_000 + 25_569);
    expect(rule("个人承诺", `G${FIRST}:G${LAST}`)).toMatchObject({ type: "date", operator: "between", formula1: serial(1, 1), formula2: serial(12, 31), errorStyle: "warning", errorTitle: "日期不在考评年度内" });
    expect(rule("个人承诺", `G${FIRST}:G${LAST}`)?.error).toContain(`考评年度 ${year} 年内`);
    // 活动记录: 日期 in the year (C); 加分 −20 to 20, 20 being 奉献加分上限's highest (G).
    expect(rule("活动记录", `C${FIRST}:C${LAST}`)).toMatchObject({ type: "date", formula1: serial(1, 1), formula2: serial(12, 31), errorStyle: "warning" });
    expect(rule("活动记录", `G${FIRST}:G${LAST}`)).toMatchObject({ type: "decimal", operator: "between", formula1: "-20", formula2: "20" });
    // Every alert says what is allowed, in Chinese.
    for (const def of INPUT_SHEETS) for (const v of sheet(t, def.name).validations) expect(v.error).toMatch(/[\u4e00-\u9fff]/);
  });

  test("the template: one list rule per column range for every drop-down column, none overlapping", () => {
    for (const def of INPUT_SHEETS) {
      const s = sheet(t, def.name);
      expectNoOverlaps(s);
      def.columns.forEach((col, i) => {
        if (!col.list) return;
        const letter = columnLetters(i + 1);
        const rules = s.validations.filter((v) => v.ranges.some((r) => r.startsWith(`${letter}${FIRST}:`)));
        expect(rules).toHaveLength(1);
        expect(rules[0]?.type).toBe("list");
        expect(rules[0]?.formula1).toBe(`"${col.list.join(",")}"`);
        expect(rules[0]?.ranges).toEqual([`${letter}${FIRST}:${letter}${LAST}`]);
      });
    }
    // The marks drop-down covers the block of session columns as one range.
    expect(sheet(t, "学习考勤").validations.map((v) => v.ranges)).toEqual([[`C${FIRST}:BJ${LAST}`]]);
    // 参数设置: single-cell lists for the yes/no and enum settings.
    const settings = sheet(t, "参数设置");
    expectNoOverlaps(settings);
    // Zero-based, as box() is: setting i is on the i-th row under the header (index TEMPLATE_HEADER_ROW + i), its 值 in column B (index 1).
    const listed = SETTING_DEFS.map((d, i) => ({ d, cell: { row: TEMPLATE_HEADER_ROW + i, col: 1 } })).filter(({ d }) => d.kind.type === "bool" || d.kind.type === "enum");
    expect(listed.length).toBeGreaterThanOrEqual(5);
    for (const { d, cell } of listed) {
      const words = d.kind.type === "enum" ? d.kind.values.map((v) => v.label) : ["是", "否"];
      const covering = settings.validations.filter((v) => v.ranges.some((r) => overlaps(box(r), { top: cell.row, bottom: cell.row, left: cell.col, right: cell.col })));
      expect(covering.map((v) => v.formula1)).toEqual([`"${words.join(",")}"`]);
    }
  });

  test("the computed demo: inputs, then the output sheets; the tables with title, headers and one row per member", () => {
    expect(c.map((s) => s.name)).toEqual(["使用说明", ...INPUT_SHEETS.map((d) => d.name), ...OUTPUT_SHEETS.map((d) => d.name)]);
    // 年度总结 and 推荐表 are laid out cell by cell: test/node/yearend.test.ts reads them back.
    for (const def of OUTPUT_SHEETS.filter((d) => d.kind === "table")) {
      const s = sheet(c, def.name);
      // The title row says what the table is; the mark is in the page footer.
      expect(String(s.rows[0]?.[0])).toContain(`${def.name} — `);
      expect(String(s.rows[0]?.[0])).not.toContain("【考评助手生成】");
      expect(s.rows[1]).toEqual(def.columns.map((col) => col.header));
      expect(s.freeze).toBe("A3");
      expect(s.printTitleRows).toBe("$2:$2");
    }
    const result = sheet(c, "综合评定");
    expect(result.maxRow).toBe(2 + 28);
    const grades = result.rows.slice(2).map((r) => r[11]);
    expect(new Set(grades)).toEqual(new Set(["优秀", "合格", "不评定等次", "不参评"]));
    const totals = result.rows.slice(2).map((r) => r[8]).filter((v): v is number => typeof v === "number");
    expect(totals).toHaveLength(27);
    expect(sheet(c, "表彰推荐").rows.slice(2).every((r) => r[5] === "支部表彰" || r[5] === "所级推荐")).toBe(true);
  });

  test("the computed demo keeps the input sheets' drop-downs exactly as the template wrote them", () => {
    const d = inspect(demo);
    for (const def of INPUT_SHEETS) {
      const before = sheet(d, def.name).validations.map((v) => [v.formula1, v.ranges]);
      const after = sheet(c, def.name).validations.map((v) => [v.formula1, v.ranges]);
      expect(after).toEqual(before);
      expectNoOverlaps(sheet(c, def.name));
    }
  });
});
