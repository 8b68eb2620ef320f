#!/usr/bin/env node
// `npm start`: build the site for this machine (a development build: its manifest points at
// https://localhost:3000/, office.js is the local copy) and serve it on localhost — https with
// the Office dev certificates when they exist (needed inside Excel), else http (enough for file
// mode in any browser). Prints the address; the page opens with the demo branch loaded (?demo).
// A build to deploy elsewhere is `npm run build` with the address (see webpack.config.js).
//   node scripts/start.js [--port 3000] [--dist dir (serve a ready build, skip building)]
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(opt("--port", process.env.PORT || "3000"));
const repo = path.resolve(__dirname, "..");
let root = opt("--dist", "");

if (!root) {
  root = path.join(repo, "dist", "web");
  console.log("正在构建页面（webpack）…");
  const r = spawnSync(process.execPath, [path.join(repo, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "development"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) {
    console.error("构建失败。");
    process.exit(1);
  }
}
root = path.resolve(root);

const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const certFiles = ["localhost.crt", "localhost.key"].map((f) => path.join(certDir, f));
const tls = certFiles.every((f) => fs.existsSync(f)) ? { cert: fs.readFileSync(certFiles[0]), key: fs.readFileSync(certFiles[1]) } : null;

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png", ".xml": "application/xml; charset=utf-8", ".map": "application/json", ".json": "application/json" };

function handler(req, res) {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url || "/", "http://localhost").pathname).replace(/^\/+/, "");
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = path.join(root, rel || "index.html");
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("404");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-cache", "x-content-type-options": "nosniff" });
  fs.createReadStream(file).pipe(res);
}

const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
server.on("error", (e) => {
  console.error(e.code === "EADDRINUSE" ? `端口 ${port} 已被占用：关闭占用它的程序，或用 PORT=3001 npm start` : `无法启动：${e.message}`);
  process.exit(1);
});
server.listen(port, "localhost", () => {
  const actual = server.address().port;
  const base = `${tls ? "https" : "http"}://localhost:${actual}/`;
  console.log(`考评助手已启动：${base}?demo`);
  console.log(`  在浏览器中打开上面的地址（已载入示例支部）；打开自己的 .xlsx 请用页面上的“打开工作簿”。`);
  console.log(`  Excel 加载项：${tls ? `${base}manifest.xml` : "需要 https：先运行 npm run certs，再重新 npm start"}`);
  console.log("  按 Ctrl+C 停止。");
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
