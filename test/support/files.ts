/** Test helpers for real files: temporary folders, the demo and template workbooks. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import type { SheetGrid } from "../../src/workbook/parse";
import { packageGrids } from "./readers";

export function tempDir(prefix = "appraisal-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every sheet's grid, as the file hosts read it (package.ts; test/xlsx/package-read.test.ts checks it against exceljs and openpyxl). */
export function gridsOf(file: string): Promise<SheetGrid[]> {
  return Promise.resolve(packageGrids(readFileSync(file)));
}

export function gridOf(grids: readonly SheetGrid[], name: string): SheetGrid["grid"] {
  const g = grids.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}; have ${grids.map((s) => s.name).join(", ")}`);
  return g.grid;
}

export const REPO = path.resolve(__dirname, "../..");
export const CLI = path.join(REPO, "bin", "appraisal.js");

/** What the built CLI did: exit code and both streams. */
export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Run the built CLI (bin/appraisal.js) as a user would, without a terminal (CI=true: no progress bar); `env` adds to the environment (TZ). */
export function cli(args: readonly string[], cwd?: string, env: Readonly<Record<string, string>> = {}): Ran {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, CI: "true", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** No stack trace, ever: no "    at fn (file:line)" lines and no English error class names. */
export function expectNoStack(r: Ran): void {
  expect(r.err).not.toMatch(/^\s+at .+:\d+/m);
  expect(r.err).not.toMatch(/TypeError|ReferenceError|Error: /);
}
