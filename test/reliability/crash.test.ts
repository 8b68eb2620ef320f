/**
 * A crash in the middle of `calc` in place (the process killed with SIGKILL at different
 * moments, while it reads, computes, writes the temporary file or renames it) never leaves a
 * half-written workbook: the file is always either the original, byte for byte, or the
 * complete new one, and it always opens.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { readGrids, workbookBytes } from "../../src/xlsx/host";
import { CLI, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";

async function killAfter(file: string, ms: number): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, "calc", file], { stdio: "ignore", env: { ...process.env, CI: "true" } });
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test("killed at any moment, calc in place leaves the original or the complete result", async () => {
  const dir = tempDir();
  const file = path.join(dir, "branch.xlsx");
  const wb = new ExcelJS.Workbook();
  for (const s of bigBranch(600, 24)) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.grid) ws.addRow(row);
  }
  await fs.writeFile(file, await workbookBytes(wb));
  const original = await fs.readFile(file);

  let sawOriginal = 0;
  let sawResult = 0;
  // The last "kill" comes after the run has finished on its own.
  for (const ms of [100, 300, 500, 700, 900, 1200, 1600, 2200, 60_000]) {
    await fs.writeFile(file, original);
    await fs.rm(`${file}.bak`, { force: true });
    await killAfter(file, ms);
    const now = await fs.readFile(file);
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(now as unknown as ArrayBuffer); // throws if half-written
    if (now.equals(original)) sawOriginal++;
    else {
      // Replaced: then it is the whole result, and the original is kept as .bak.
      expect(readGrids(reread).map((g) => g.name)).toEqual(expect.arrayContaining(["综合评定", "表彰推荐", "问题清单"]));
      expect((await fs.readFile(`${file}.bak`)).equals(original)).toBe(true);
      sawResult++;
    }
  }
  // The kill times span the whole run: some before the rename, and at least the last after.
  expect(sawOriginal).toBeGreaterThan(0);
  expect(sawResult).toBeGreaterThan(0);
  expect(sawOriginal + sawResult).toBe(9);
}, 180_000);
