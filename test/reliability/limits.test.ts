/**
 * Limits: a workbook beyond them is refused with a clear message (and nothing is written)
 * instead of running out of memory; 5,000 members × 104 sessions is inside them and computes.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calculateWorkbook } from "../../src/excel/host";
import { calcFile } from "../../src/node/commands";
import { runEngine } from "../../src/workbook/engine";
import { LIMITS } from "../../src/workbook/limits";
import type { SheetGrid } from "../../src/workbook/parse";
import { workbookBytes } from "../../src/xlsx/host";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import { CLI, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";

/** A small branch whose 学习考勤 has one session column more than the limit. */
function tooManyColumns(): SheetGrid[] {
  const grids = bigBranch(3, 2);
  const att = grids.find((g) => g.name === "学习考勤") as SheetGrid;
  const wide = att.grid.map((row, r) => [...row, ...Array.from({ length: LIMITS.columns }, (_, k) => (r === 0 ? `2026-03-${String((k % 28) + 1).padStart(2, "0")} 学习${k}` : "出席"))]);
  return grids.map((g) => (g === att ? { name: g.name, grid: wide } : g));
}

async function xlsx(grids: readonly SheetGrid[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of grids) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.grid) ws.addRow([...row]);
  }
  await fs.writeFile(file, await workbookBytes(wb));
}

test("the engine refuses a sheet beyond the column limit and computes nothing", () => {
  const run = runEngine(tooManyColumns(), { fallbackYear: 2026 });
  expect(run.refused).toBe(true);
  expect(run.issues.map((i) => [i.code, i.level, i.sheet])).toEqual([["limit_exceeded", "错误", "学习考勤"]]);
  expect(run.result.members).toEqual([]);
});

test("the command line says so in Chinese, exits 2 and leaves the file as it was", async () => {
  const file = path.join(tempDir(), "wide.xlsx");
  await xlsx(tooManyColumns(), file);
  const before = await fs.readFile(file);
  const r = spawnSync(process.execPath, [CLI, "calc", file], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("超出处理上限");
  expect(r.stderr).toContain(`超过上限 ${LIMITS.columns}`);
  expect((await fs.readFile(file)).equals(before)).toBe(true);
}, 60_000);

test("the add-in does not even read the oversized sheet's values, and writes nothing", async () => {
  const f = fakeEnv(fakeFromGrids(tooManyColumns()));
  const names = f.workbook.sheetNames();
  const c = await calculateWorkbook(f.env);
  expect(c.run.refused).toBe(true);
  expect(f.workbook.sheetNames()).toEqual(names);
  // 1,003 columns × 4 rows of values were never asked for: the largest response stays small.
  expect(f.excel.stats.maxResponseBytes).toBeLessThan(20_000);
});

test("5,000 members × 104 sessions computes through the command line", async () => {
  const dir = tempDir();
  const file = path.join(dir, "big.xlsx");
  await xlsx(bigBranch(5000, 104), file);
  const { run } = await calcFile(file, { out: path.join(dir, "out.xlsx") });
  expect(run.refused).toBe(false);
  expect(run.result.members).toHaveLength(5000);
  expect(run.result.members.filter((m) => m.total !== null).length).toBeGreaterThan(4900);
}, 180_000);
