/**
 * (c) The Office.js host on the strict fake Excel (test/support/fake-excel): context.sync()
 * calls and the largest request and response of 一键计算 and 创建模板 on generated branches.
 * These are counts, not timings — deterministic, and asserted by test/addin/host.test.ts.
 * (The fake copies the whole workbook on every sync, so its wall time says nothing about
 * Excel's and is not reported.)
 */
import { calculateWorkbook, createTemplate, REQUEST_BUDGET_BYTES } from "../src/excel/host";
import { fakeEnv, fakeFromGrids } from "../test/support/excel-env";
import { FakeWorkbook } from "../test/support/fake-excel";
import { bigBranch } from "../test/support/generate";

export interface OfficeCase {
  readonly operation: "一键计算" | "创建模板";
  readonly members: number;
  readonly workbook: string;
  readonly syncs: number;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  readonly requests: readonly { readonly bytes: number; readonly responseBytes: number }[];
}

export { REQUEST_BUDGET_BYTES };

function stats(f: ReturnType<typeof fakeEnv>): Pick<OfficeCase, "syncs" | "maxRequestBytes" | "maxResponseBytes" | "requests"> {
  const s = f.excel.stats;
  return { syncs: s.syncs, maxRequestBytes: s.maxRequestBytes, maxResponseBytes: s.maxResponseBytes, requests: s.requests.map((r) => ({ bytes: r.bytes, responseBytes: r.responseBytes })) };
}

/** The sheets a half-filled workbook has: the roster and the attendance, the rest missing. */
export const HALF_FILLED = ["党员名册", "学习考勤"];

export async function benchOffice(members: number): Promise<OfficeCase[]> {
  const grids = bigBranch(members, 50);
  const calc = fakeEnv(fakeFromGrids(grids));
  const c = await calculateWorkbook(calc.env);
  if (c.syncs !== calc.excel.stats.syncs || c.run.result.members.length !== members) throw new Error("一键计算 did not run as expected");
  // 创建模板 on her workbook: the sheets with data are kept, the missing ones added.
  const half = fakeEnv(fakeFromGrids(grids.filter((g) => HALF_FILLED.includes(g.name))));
  const t = await createTemplate(half.env);
  if (t.kept.length !== HALF_FILLED.length) throw new Error("创建模板 touched a sheet with data");
  return [
    { operation: "一键计算", members, workbook: `${members} members × 50 sessions`, ...stats(calc) },
    { operation: "创建模板", members, workbook: `${HALF_FILLED.join("+")} of ${members} members, 3 sheets missing`, ...stats(half) },
  ];
}

/** 创建模板 on an empty workbook: the blank template, and the demo branch. */
export async function benchTemplateFromScratch(): Promise<OfficeCase[]> {
  const out: OfficeCase[] = [];
  for (const demo of [false, true]) {
    const f = fakeEnv(FakeWorkbook.fromGrids([{ name: "Sheet1", rows: [] }]));
    await createTemplate(f.env, { demo });
    out.push({ operation: "创建模板", members: demo ? 28 : 0, workbook: demo ? "empty → demo branch" : "empty → blank template", ...stats(f) });
  }
  return out;
}
