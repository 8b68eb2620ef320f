#!/usr/bin/env node
// Installs the Debian packages the test suite uses (an independent .xlsx reader, the schema
// validator, a real browser, CJK fonts, LibreOffice Calc and the poppler PDF tools) when they are
// missing, so `npm test` passes on a fresh machine with no manual step.
"use strict";
const { spawnSync } = require("node:child_process");

const fs = require("node:fs");

const checks = [
  { pkg: "python3-openpyxl", ok: () => run("/usr/bin/python3", ["-c", "import openpyxl"]) },
  // xmllint validates manifest.xml against the published schemas in ../shared/manifest-schemas.
  { pkg: "libxml2-utils", ok: () => run("xmllint", ["--version"]) },
  // The task pane is tested in real headless Chromium (driven by playwright-core).
  { pkg: "chromium", ok: () => fs.existsSync("/usr/bin/chromium") },
  // Without CJK fonts Chinese renders as boxes in the screenshots we look at.
  { pkg: "fonts-noto-cjk", ok: () => fs.existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc") },
  // The print setup is proven by printing: LibreOffice converts the computed workbook to PDF
  // (soffice plus Calc's own library, so a Writer-only install does not count) …
  { pkg: "libreoffice-calc-nogui", ok: () => fs.existsSync("/usr/bin/soffice") && fs.existsSync("/usr/lib/libreoffice/program/libscfiltlo.so") },
  // … and pdfinfo, pdftotext and pdftoppm read the pages back.
  { pkg: "poppler-utils", ok: () => ["pdfinfo", "pdftotext", "pdftoppm"].every((tool) => run(tool, ["-v"])) },
  // Password-protected .xls/.ods/.xlsx are made by LibreOffice itself, driven over UNO
  // (test/support/encrypt_with_libreoffice.py): --convert-to cannot set a password.
  { pkg: "python3-uno", ok: () => run("/usr/bin/python3", ["-c", "import uno"]) },
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: opts.stdio ?? "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return r.status === 0;
}

const missing = checks.filter((c) => !c.ok()).map((c) => c.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const sudo = isRoot ? [] : run("sudo", ["-n", "true"]) ? ["sudo", "-n"] : null;
if (sudo === null) {
  console.error(`测试需要 Debian 软件包：${missing.join(" ")}。请以 root 运行：apt-get install -y ${missing.join(" ")}`);
  process.exit(1);
}
console.error(`Installing test dependencies: ${missing.join(" ")}`);
const apt = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), "apt-get", ...args], { stdio: "inherit" }) : run("apt-get", args, { stdio: "inherit" }));
if (!apt(["update", "-qq"]) || !apt(["install", "-y", "-qq", "--no-install-recommends", ...missing])) {
  console.error(`apt-get install ${missing.join(" ")} failed`);
  process.exit(1);
}
const still = checks.filter((c) => !c.ok()).map((c) => c.pkg);
if (still.length > 0) {
  console.error(`Still missing after install: ${still.join(" ")}`);
  process.exit(1);
}
