/**
 * Builds the web pages with the project's webpack config (what `npm run build` does) into a
 * cache under the system temp folder, keyed by mode, public address and a fingerprint of the
 * sources, so that the test files (separate jest workers) share one build of each kind.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO, tempDir } from "./files";

/** The public address the production builds in tests use. */
export const TEST_PUBLIC_URL = "https://appraisal.example.org/addin/";

function fingerprint(): string {
  const hash = createHash("sha256");
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p).sort()) walk(path.join(p, f));
    else hash.update(p).update(readFileSync(p));
  };
  for (const p of ["src", "assets", "webpack.config.js", "manifest.xml", "tsconfig.json", "tsconfig.web.json", "package-lock.json"]) walk(path.join(REPO, p));
  return hash.digest("hex").slice(0, 16);
}

export function buildWeb(mode: "production" | "development", publicUrl = TEST_PUBLIC_URL): string {
  const key = createHash("sha256").update(`${mode}|${publicUrl}|${fingerprint()}`).digest("hex").slice(0, 16);
  const cached = path.join(os.tmpdir(), "appraisal-web-cache", key);
  if (existsSync(path.join(cached, "index.html"))) return cached;
  mkdirSync(path.dirname(cached), { recursive: true });
  const out = path.join(tempDir("appraisal-web-"), "web");
  const args = [path.join(REPO, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", mode, "--output-path", out, "--env", `publicUrl=${publicUrl}`];
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
  try {
    renameSync(out, cached); // another worker may have won the race: then use its build
  } catch {
    rmSync(out, { recursive: true, force: true });
  }
  return existsSync(path.join(cached, "index.html")) ? cached : out;
}
