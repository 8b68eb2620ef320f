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
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../src/workbook/layout";
import { tempDir } from "../support/files";

interface PySheet {
  name: string;
  rows: unknown[][];
  maxRow: number;
  freeze: string | null;
  paperSize: number | null;
  fitToWidth: number | null;
  printTitleRows: string | null;
  validations: { type: string; formula1: string; ranges: string[]; errorStyle: string | null }[];
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

  test("the template: every input sheet, its headers, frozen header row, A4 landscape fit to width", () => {
    expect(t.map((s) => s.name)).toEqual(["使用说明", ...INPUT_SHEETS.map((d) => d.name)]);
    for (const def of INPUT_SHEETS) {
      const s = sheet(t, def.name);
      expect(s.rows[0]?.slice(0, def.columns.length)).toEqual(def.columns.map((col) => col.header));
      expect(s.freeze).toBe("A2");
      expect(s.paperSize).toBe(9);
      expect(s.fitToWidth).toBe(1);
    }
  });

  test("the template: one list rule per column range for every drop-down column, none overlapping", () => {
    for (const def of INPUT_SHEETS) {
      const s = sheet(t, def.name);
      expectNoOverlaps(s);
      def.columns.forEach((col, i) => {
        if (!col.list) return;
        const letter = columnLetters(i + 1);
        const rules = s.validations.filter((v) => v.ranges.some((r) => r.startsWith(`${letter}2:`)));
        expect(rules).toHaveLength(1);
        expect(rules[0]?.type).toBe("list");
        expect(rules[0]?.formula1).toBe(`"${col.list.join(",")}"`);
        expect(rules[0]?.ranges).toEqual([`${letter}2:${letter}501`]);
      });
    }
    // The marks drop-down covers the block of session columns as one range.
    expect(sheet(t, "学习考勤").validations.map((v) => v.ranges)).toEqual([["C2:BJ501"]]);
    // 参数设置: single-cell lists for the yes/no and enum settings.
    const settings = sheet(t, "参数设置");
    expectNoOverlaps(settings);
    // Zero-based, as box() is: setting i is on sheet row i + 2 (index i + 1), its 值 in column B (index 1).
    const listed = SETTING_DEFS.map((d, i) => ({ d, cell: { row: i + 1, col: 1 } })).filter(({ d }) => d.kind.type === "bool" || d.kind.type === "enum");
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
