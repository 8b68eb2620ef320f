/**
 * Where the core's time goes: runEngine on one generated branch, repeated, phases timed apart.
 * For looking, not for the record (npm run bench is the record):
 *   npx tsc -p bench/tsconfig.json && node --cpu-prof --cpu-prof-dir=/tmp/prof bench/dist/bench/profile.js 1000 50
 * then open the .cpuprofile in Chrome DevTools, or read the summary this prints.
 */
import { appraise } from "../src/core/appraise";
import { buildOutputs } from "../src/workbook/output";
import { parseWorkbook } from "../src/workbook/parse";
import { bigBranch } from "../test/support/generate";
import { median } from "./stats";
import { touchEveryCell, textEveryCell } from "./core";

const members = Number(process.argv[2] ?? 1000);
const sessions = Number(process.argv[3] ?? 50);
const runs = Number(process.argv[4] ?? 15);
const grids = bigBranch(members, sessions);
const parse: number[] = [];
const score: number[] = [];
const out: number[] = [];
const touch: number[] = [];
const text: number[] = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  touchEveryCell(grids);
  touch.push(performance.now() - t);
  t = performance.now();
  textEveryCell(grids);
  text.push(performance.now() - t);
  t = performance.now();
  const parsed = parseWorkbook(grids, { fallbackYear: 2026 });
  parse.push(performance.now() - t);
  t = performance.now();
  const result = appraise(parsed.input);
  score.push(performance.now() - t);
  t = performance.now();
  buildOutputs(parsed.input, result, parsed.issues);
  out.push(performance.now() - t);
}
const f = (xs: number[]): string => median(xs.slice(Math.floor(runs / 3))).toFixed(2);
console.log(`${members} × ${sessions}: touch ${f(touch)} ms, cellText ${f(text)} ms, parse ${f(parse)} ms, appraise ${f(score)} ms, outputs ${f(out)} ms`);
