/**
 * The workbooks the benchmarks run on, a generated branch (test/support/generate.ts) as .xlsx
 * in two kinds:
 *  - template: what a secretary has — `appraisal init`'s template (header styles, notes,
 *    drop-downs down to the last row, print setup) with every input sheet filled;
 *  - bare: the cells only, no styles or drop-downs (as test/browser/filemode.test.ts writes
 *    it) — the cheapest workbook for exceljs, so the one where our own work weighs most.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { dayFromYMD } from "../src/core/dates";
import { defaultSettings } from "../src/core/settings";
import { type CellValue, cellText } from "../src/workbook/cells";
import type { SheetGrid } from "../src/workbook/parse";
import { templateSheets, type SessionSpec } from "../src/workbook/template";
import { buildTemplateWorkbook, workbookBytes } from "../src/xlsx/host";
import { bigBranch } from "../test/support/generate";

/** The generated grids as template sheets: the template's columns, the generated rows. */
export function branchWorkbookBytes(grids: readonly SheetGrid[]): Promise<Uint8Array> {
  const rows = (name: string): CellValue[][] => (grids.find((g) => g.name === name)?.grid ?? []).slice(1).map((r) => [...r]);
  const attendanceHeader = (grids.find((g) => g.name === "学习考勤")?.grid[0] ?? []).slice(2);
  const sessions: SessionSpec[] = attendanceHeader.map((h) => {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (.*)$/.exec(cellText(h));
    if (!m) throw new Error(`unexpected session header ${cellText(h)}`);
    return { date: dayFromYMD(Number(m[1]), Number(m[2]), Number(m[3])), title: m[4] as string };
  });
  const settingsGrid = grids.find((g) => g.name === "参数设置")?.grid ?? [];
  const branchName = cellText(settingsGrid.find((r) => r[0] === "支部名称")?.[1]) || "生成支部";
  const settings = { ...defaultSettings(), branchName, year: 2026 };
  const data: Record<string, CellValue[][]> = {};
  for (const name of ["党员名册", "个人承诺", "学习考勤", "活动记录", "评议打分"]) data[name] = rows(name);
  const sheets = templateSheets(settings, data, sessions);
  return workbookBytes(buildTemplateWorkbook(sheets));
}

export function bareWorkbookBytes(grids: readonly SheetGrid[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of grids) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.grid) ws.addRow(row.map((v) => (v === null ? null : v)));
  }
  return workbookBytes(wb);
}

export type WorkbookKind = "template" | "bare";

/** Write the generated branch of `members` × `sessions` to dir; returns the file. */
export async function writeBranchFile(dir: string, kind: WorkbookKind, members: number, sessions: number): Promise<string> {
  const file = path.join(dir, `${kind}-${members}x${sessions}.xlsx`);
  const grids = bigBranch(members, sessions);
  await fs.writeFile(file, await (kind === "template" ? branchWorkbookBytes(grids) : bareWorkbookBytes(grids)));
  return file;
}
