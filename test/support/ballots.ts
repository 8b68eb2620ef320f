/**
 * A workbook's typed 评议打分 tallies turned into the ballots that give them: 互评计票 and
 * 群众计票 with one row per ballot, and the counts cleared from 评议打分 (自评 and 支委会评定
 * stay). Read straight from the grids by header text, not through the parser under test.
 *
 * Marks are dealt round-robin across the ballots (each member's run starts where the last
 * member's 优秀 ended), so the 优秀 of a kind spread evenly and no ballot goes over the 优秀 cap
 * unless the counts force it.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/workbook/cells";
import { gridOf, gridsOf } from "./files";

type Grid = CellValue[][];
interface Sheet {
  readonly name: string;
  readonly grid: Grid;
}
interface InputSheet {
  readonly name: string;
  readonly grid: readonly (readonly CellValue[])[];
}

const PEER = ["优秀", "合格", "基本合格", "不合格"] as const;
const MASS = ["满意", "比较满意", "基本满意", "不满意"] as const;

export interface BallotBuild {
  readonly sheets: Sheet[];
  /** Ballots of each kind. */
  readonly peerBallots: number;
  readonly massBallots: number;
}

const text = (v: CellValue | undefined): string => (typeof v === "string" || typeof v === "number" ? String(v) : "").trim();

/** `period`: the period whose rows become ballots (a blank 期次 is taken as it). */
export function ballotsFromVotes(input: readonly InputSheet[], period: "上半年" | "年终"): BallotBuild {
  const sheets = input.map((s) => ({ name: s.name, grid: s.grid.map((r) => [...r]) }));
  const votes = sheets.find((s) => s.name === "评议打分");
  const roster = sheets.find((s) => s.name === "党员名册");
  if (!votes || !roster) throw new Error("no 评议打分 or 党员名册");
  // The header is the row that says 编号 (row 2 of the template, under its guidance line).
  const headerAt = (g: Grid): number => g.findIndex((r) => r.some((v) => text(v) === "编号"));
  const [vTop, rTop] = [headerAt(votes.grid), headerAt(roster.grid)];
  const vh = (votes.grid[vTop] ?? []).map(text);
  const rh = (roster.grid[rTop] ?? []).map(text);
  const col = (h: string[], name: string): number => {
    const c = h.indexOf(name);
    if (c < 0) throw new Error(`no column ${name}`);
    return c;
  };
  const peerCols = PEER.map((g) => col(vh, `互评${g}`));
  const massCols = MASS.map((l) => col(vh, `群众${l}`));
  const [pCol, idCol] = [col(vh, "期次"), col(vh, "编号")];
  // The ballot's members: the roster's 参评 ones, in roster order.
  const members = roster.grid
    .slice(rTop + 1)
    .filter((r) => text(r[col(rh, "编号")]) !== "" && text(r[col(rh, "参评状态")]) !== "不参评")
    .map((r) => ({ id: text(r[col(rh, "编号")]), name: text(r[col(rh, "姓名")]) }));
  const counts = new Map<string, { peer: number[]; mass: number[] }>();
  for (const row of votes.grid.slice(vTop + 1)) {
    const p = text(row[pCol]);
    if (p !== "" && p !== period) continue;
    const id = text(row[idCol]);
    if (!members.some((m) => m.id === id) || counts.has(id)) continue;
    counts.set(id, { peer: peerCols.map((c) => Number(row[c] ?? 0) || 0), mass: massCols.map((c) => Number(row[c] ?? 0) || 0) });
    for (const c of [...peerCols, ...massCols]) row[c] = null;
  }
  const deal = (kind: "peer" | "mass", marks: readonly string[]): { grid: Grid; ballots: number } => {
    const ballots = Math.max(0, ...members.map((m) => (counts.get(m.id)?.[kind] ?? []).reduce((a, b) => a + b, 0)));
    const rows: CellValue[][] = Array.from({ length: ballots }, (_, i) => [null, i + 1, ...members.map(() => null)]);
    let offset = 0;
    members.forEach((m, k) => {
      const c = counts.get(m.id)?.[kind] ?? [0, 0, 0, 0];
      let j = offset;
      c.forEach((n, g) => {
        for (let x = 0; x < n; x++) {
          (rows[j % ballots] as CellValue[])[2 + k] = marks[g] ?? null;
          j += 1;
        }
      });
      offset += c[0] ?? 0;
    });
    // Above the header, what the sheet `ballots` made has there (the template's guidance line).
    const made = sheets.find((s) => s.name === (kind === "peer" ? "互评计票" : "群众计票"))?.grid ?? [];
    const above = made.slice(0, Math.max(0, made.findIndex((r) => r.some((v) => text(v) === "期次"))));
    return { grid: [...above, ["期次", "票号", ...members.map((m) => `${m.id} ${m.name}`)], ...rows], ballots };
  };
  const peer = deal("peer", PEER);
  const mass = deal("mass", MASS);
  // The 计票 sheets `ballots` made (header only) are filled; otherwise they are added at the end.
  const out = sheets.filter((s) => s.name !== "互评计票" && s.name !== "群众计票");
  out.push({ name: "互评计票", grid: peer.grid }, { name: "群众计票", grid: mass.grid });
  return { sheets: out, peerBallots: peer.ballots, massBallots: mass.ballots };
}

/**
 * Two files of the demo without its 优秀 cap (the demo's counts could only come from ballots
 * over it; see test/workbook/tallies.test.ts): `typed` with its tallies in 评议打分, and
 * `balloted` with the ballots that give them typed into 互评计票/群众计票. `steps` make the
 * demo file and its 计票 sheets through the host under test (the CLI, or its functions).
 */
export async function ballotedDemo(
  dir: string,
  steps: { readonly init: (file: string) => unknown; readonly ballots: (file: string) => unknown },
): Promise<{ typed: string; balloted: string; built: BallotBuild }> {
  const typed = path.join(dir, "typed.xlsx");
  const balloted = path.join(dir, "balloted.xlsx");
  await steps.init(typed);
  await editFile(typed, (wb) => {
    wb.getWorksheet("参数设置")?.eachRow((row) => {
      if (row.getCell(1).value === "优秀比例上限") row.getCell(2).value = "不定比例";
    });
  });
  await fs.copyFile(typed, balloted);
  await steps.ballots(balloted);
  const built = ballotsFromVotes(await gridsOf(balloted), "年终");
  await editFile(balloted, (wb) => {
    for (const name of ["评议打分", "互评计票", "群众计票"]) {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(`no ${name}`);
      gridOf(built.sheets, name).forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = ws.getCell(r + 1, c + 1);
          // A cell inside a merge (the guidance line) is its first cell to exceljs: leave it be.
          if (cell.isMerged && cell.master !== cell) return;
          cell.value = v === null ? null : (v as ExcelJS.CellValue);
        }),
      );
    }
  });
  return { typed, balloted, built };
}

async function editFile(file: string, f: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  f(wb);
  await wb.xlsx.writeFile(file);
}
