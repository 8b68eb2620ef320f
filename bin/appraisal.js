#!/usr/bin/env node
"use strict";
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
let cli;
try {
  cli = require("../dist/node/cli.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write("错误：命令行尚未编译。请先运行 npm ci（或 npm run build:cli）。\n");
    process.exit(2);
  }
  throw e;
}
// `appraisal calc x | head`: the reader has gone. Stop writing quietly, as Unix tools do, and
// let the command finish (its file is already written) with its own exit code — no stack trace.
process.stdout.on("error", (e) => {
  if (e && (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED")) return;
  process.exitCode = 3;
});
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
