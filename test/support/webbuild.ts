/**
 * Builds the web pages once per test run into a temporary folder (webpack, the same config as
 * `npm run build`), so tests check what the build really emits.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO, tempDir } from "./files";

const cache = new Map<string, string>();

export function buildWeb(mode: "production" | "development", publicUrl?: string): string {
  const key = `${mode}|${publicUrl ?? ""}`;
  const hit = cache.get(key);
  if (hit && existsSync(hit)) return hit;
  const out = path.join(tempDir("appraisal-web-"), "web");
  const args = [path.join(REPO, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", mode, "--output-path", out];
  if (publicUrl) args.push("--env", `publicUrl=${publicUrl}`);
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
  cache.set(key, out);
  return out;
}
