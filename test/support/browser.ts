/**
 * Headless Chromium (Debian's /usr/bin/chromium through playwright-core) and a static server
 * on 127.0.0.1 for the built pages. Every request that leaves localhost is aborted and logged,
 * so a test can assert that the page asked nothing of the outside world.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import webpack from "webpack";
import { REPO, tempDir } from "./files";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".xml": "application/xml", ".map": "application/json" };

export async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    const file = path.join(root, rel || "index.html");
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Abort and record every request that is not to our own server. */
export async function guard(context: BrowserContext, origin: string): Promise<string[]> {
  const outside: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) await route.continue();
    else {
      outside.push(url);
      await route.abort();
    }
  });
  return outside;
}

/** Bundle a test-only script (e.g. the fake Excel) for the browser; returns the file. */
export async function bundle(entry: string): Promise<string> {
  const out = tempDir("appraisal-bundle-");
  const compiler = webpack({
    mode: "development",
    devtool: false,
    entry: path.join(REPO, entry),
    output: { path: out, filename: "bundle.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.join(REPO, "tsconfig.web.json"), compilerOptions: { noEmit: false } } } }] },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    }),
  );
  return path.join(out, "bundle.js");
}

/** Where screenshots go: kept after the run (CI artifacts), looked at by a person. */
export function artifactDir(): string {
  const dir = path.join(REPO, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}
