/**
 * Builds the web pages with the project's webpack config (what `npm run build` does) into a
 * cache under the system temp folder, keyed by mode, public address and a fingerprint of the
 * sources, so that the test files (separate jest workers) share one build of each kind.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO, tempDir } from "./files";

/** The public address the production builds in tests use. */
export const TEST_PUBLIC_URL = "https://appraisal.example.org/addin/";
/** The publisher the production builds in tests write into the manifest (an XML character in it on purpose). */
export const TEST_PROVIDER = "示例研究所党委 & 信息中心";

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

/** The webpack-cli arguments of a build: a production build needs its address and publisher. */
function webpackArgs(mode: "production" | "development", out: string, publicUrl = TEST_PUBLIC_URL, provider = TEST_PROVIDER): string[] {
  const cli = path.join(REPO, "node_modules", "webpack-cli", "bin", "cli.js");
  const env = mode === "production" ? ["--env", `publicUrl=${publicUrl}`, "--env", `provider=${provider}`] : [];
  return [cli, "--mode", mode, "--output-path", out, ...env];
}

/** Builds once per mode, address and sources; returns the deployed folder (its source maps, if any, are in ../sourcemaps). */
export function buildWeb(mode: "production" | "development", publicUrl = TEST_PUBLIC_URL, provider = TEST_PROVIDER): string {
  const key = createHash("sha256").update(`${mode}|${publicUrl}|${provider}|${fingerprint()}`).digest("hex").slice(0, 16);
  const cached = path.join(os.tmpdir(), "appraisal-web-cache", key);
  const web = path.join(cached, "web");
  if (existsSync(path.join(web, "index.html"))) return web;
  mkdirSync(path.dirname(cached), { recursive: true });
  // The build's folder holds web/ and, for production, sourcemaps/ beside it: cached together.
  const dir = tempDir("appraisal-web-");
  const out = path.join(dir, "web");
  const r = spawnSync(process.execPath, webpackArgs(mode, out, publicUrl, provider), { cwd: REPO, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
  try {
    renameSync(dir, cached);
  } catch {
    // another worker won the race: use its build (or, if that vanished, this one)
  }
  return existsSync(path.join(web, "index.html")) ? web : out;
}
