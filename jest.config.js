const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker on a two-CPU machine (CI's size): the suite spends most of its
  // time waiting on LibreOffice, Chromium and child CLIs, so two workers halve its wall time.
  maxWorkers: Math.max(2, Math.floor(os.cpus().length / 2)),
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 60000,
};
