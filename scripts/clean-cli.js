// Empties the compiled CLI (dist/, all but the page build in dist/web and its source maps in
// dist/sourcemaps) before tsc writes it again: tsc never deletes, so a module that was moved
// (parse.ts → parse/index.ts) would otherwise live on as a stale dist/workbook/parse.js and
// shadow the new folder.
const fs = require("node:fs");
const path = require("node:path");

const dist = path.join(__dirname, "..", "dist");
for (const entry of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
  if (entry !== "web" && entry !== "sourcemaps") fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
}
