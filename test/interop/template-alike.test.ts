/**
 * One template, two writers: `appraisal init` (exceljs, read back from the file) and the
 * add-in's 创建模板 (the strict fake Excel) write every input sheet alike — the guidance line
 * and the header, the merge over the guidance, both rows' heights, the frozen panes, every
 * drop-down and number or date rule with its alert, and the print setup (repeated rows and
 * columns, fit or scale, the page header).
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { createTemplate } from "../../src/excel/host";
import { initWorkbook } from "../../src/node/commands";
import { INPUT_SHEETS } from "../../src/workbook/layout";
import { compactValidations, sheetGrid } from "../../src/xlsx/host";
import { fakeEnv } from "../support/excel-env";
import { FakeWorkbook } from "../support/fake-excel";
import { tempDir } from "../support/files";

interface Sheet {
  readonly rows: readonly (readonly unknown[])[];
  readonly merges: readonly string[];
  readonly heights: readonly (number | undefined)[];
  readonly frozen: readonly [number, number];
  readonly titleRows: string | null;
  readonly titleColumns: string | null;
  /** null: fitted to the page width. */
  readonly scale: number | null;
  readonly header: string;
  /** Range, kind, operator, operands, style, title, message: sorted by range. */
  readonly rules: readonly string[];
}

const plain = (v: unknown): unknown => (v === undefined || v === "" ? null : v);
const text = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const rule = (kind: string, operator: string, operands: readonly unknown[], style: string, title: string, message: string): string =>
  [kind, operator, operands.map(text).join(" "), style.toLowerCase(), title, message].join(" | ");

/**
 * Rules by range, the ranges folded as the exceljs host folds them (touching ranges of the same
 * rule become one), so that B39 and B40 of one rule compare equal to B39:B40.
 */
function folded(byRange: Record<string, string>): string[] {
  const holder = { dataValidations: { model: { ...byRange } as Record<string, unknown> } };
  compactValidations(holder as unknown as ExcelJS.Worksheet);
  return Object.entries(holder.dataValidations.model)
    .map(([range, r]) => `${range} | ${String(r)}`)
    .sort();
}

function fromFile(ws: ExcelJS.Worksheet): Sheet {
  type Model = { type: string; operator?: string; formulae: unknown[]; errorStyle?: string; errorTitle?: string; error?: string };
  const model = (ws as unknown as { dataValidations: { model: Record<string, Model> } }).dataValidations.model;
  const rules: Record<string, string> = {};
  for (const [range, v] of Object.entries(model)) {
    const formulae = v.formulae.map((f) => (typeof f === "string" ? f.replace(/^"|"$/g, "") : f));
    rules[range] = rule(v.type, v.operator ?? "between", formulae, v.errorStyle ?? "stop", String(v.errorTitle), String(v.error));
  }
  const grid = sheetGrid(ws);
  const view = ws.views[0] as { xSplit?: number; ySplit?: number };
  const setup = ws.pageSetup as { printTitlesRow?: string; printTitlesColumn?: string; fitToPage?: boolean; scale?: number };
  return {
    rows: [0, 1].map((r) => (grid[r] ?? []).map(plain)),
    merges: ((ws.model as unknown as { merges?: string[] }).merges ?? []).map((m) => m.replace(/\$/g, "")),
    heights: [ws.getRow(1).height, ws.getRow(2).height],
    frozen: [view.ySplit ?? 0, view.xSplit ?? 0],
    titleRows: setup.printTitlesRow?.replace(/\$/g, "") ?? null,
    titleColumns: setup.printTitlesColumn?.replace(/\$/g, "") ?? null,
    scale: setup.fitToPage ? null : (setup.scale ?? 100),
    header: String(ws.headerFooter.oddHeader).replace(/^&C/, ""),
    rules: folded(rules),
  };
}

const OPERATOR: Record<string, string> = { Between: "between", GreaterThanOrEqualTo: "greaterThanOrEqual", LessThanOrEqualTo: "lessThanOrEqual" };

function fromFake(wb: FakeWorkbook, name: string): Sheet {
  const s = wb.sheet(name);
  const grid = wb.grid(name);
  const rules: Record<string, string> = {};
  for (const v of s.validations) {
    // A fill-in prompt alone (the column's note) is no rule: the file host writes notes as cell comments.
    if (!v.rule) continue;
    const alert = v.errorAlert;
    const [kind, body] = Object.entries(v.rule).find(([, x]) => x !== undefined) as [string, Record<string, unknown>];
    const style = String(alert?.style ?? "Stop");
    const type = kind === "wholeNumber" ? "whole" : kind;
    const operands = kind === "list" ? [body["source"]] : [body["formula1"], body["formula2"]].filter((x) => x !== undefined);
    const operator = kind === "list" ? "between" : (OPERATOR[String(body["operator"])] ?? String(body["operator"]));
    rules[v.address] = rule(type, operator, operands, style, String(alert?.title), String(alert?.message));
  }
  const width = Math.max(grid[0]?.length ?? 0, grid[1]?.length ?? 0);
  const row = (r: number): unknown[] => {
    const out = Array.from({ length: width }, (_, c) => plain(grid[r]?.[c]));
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  };
  const zoom = s.pageLayout.zoom as { scale?: number; horizontalFitToPages?: number };
  return {
    rows: [row(0), row(1)],
    merges: s.merges,
    heights: [s.rowHeights[1], s.rowHeights[2]],
    frozen: [s.frozenRows, s.frozenColumns],
    titleRows: s.pageLayout.printTitleRows?.replace(/\$/g, "") ?? null,
    titleColumns: s.pageLayout.printTitleColumns?.replace(/\$/g, "") ?? null,
    scale: zoom.horizontalFitToPages === 1 ? null : (zoom.scale ?? 100),
    header: s.pageLayout.centerHeader,
    rules: folded(rules),
  };
}

/** exceljs's row values are as long as the last filled cell: trim the fake's the same way. */
const trimRows = (s: Sheet): Sheet => ({ ...s, rows: s.rows.map((r) => { const out = [...r]; while (out.length > 0 && out[out.length - 1] === null) out.pop(); return out; }) });

describe.each([
  ["the blank template", false],
  ["the demo", true],
])("%s: the file and the add-in write the same input sheets", (_, demo) => {
  test("values of rows 1–2, merges, heights, frozen panes, rules and alerts, print setup", async () => {
    const file = path.join(tempDir(), "template.xlsx");
    await initWorkbook(file, { demo });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const f = fakeEnv(FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]));
    await createTemplate(f.env, { demo });
    for (const def of INPUT_SHEETS) {
      const viaFile = trimRows(fromFile(wb.getWorksheet(def.name) as ExcelJS.Worksheet));
      const viaAddin = trimRows(fromFake(f.workbook, def.name));
      expect({ sheet: def.name, ...viaAddin }).toEqual({ sheet: def.name, ...viaFile });
      // Not alike by being empty: the guidance, a header, a height and a rule in each.
      expect(viaFile.rows[0]?.filter((v) => v !== null)).toEqual([def.guidance]);
      expect(viaFile.heights.every((h) => typeof h === "number" && h > 0)).toBe(true);
      expect(viaFile.rules.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
