/**
 * 评议打分 laid out as blocks side by side: 上半年 on the left, 年终 on the right, the headers
 * said again for each block (with or without a 期次 column in each). Read only the first block
 * and a 年终 result would be scored with 上半年 votes, or miss the votes that sit beside it; so
 * the header row is split where a header repeats, and each block gets its period from its 期次
 * column, else from a title above it, else from nowhere — and is then not read, with one 错误
 * (votes.ts).
 */
import { a1 } from "../../core/address";
import { type Period, PERIODS } from "../../core/types";
import { cellText, foldFullWidth, type Grid, headerKey, isBlank, normalizeSpaces } from "../cells";
import type { SheetDef } from "../layout";
import { cellOf, columnOf, type HeaderMatch, keyColumnsOf, type OpenSheet } from "./header";

export interface VoteBlock<K extends string> {
  /** The block's own columns: each header's occurrence inside the block. */
  readonly cols: ReadonlyMap<K, number>;
  readonly keyCols: OpenSheet<K>["keyCols"];
  /** The block's first header cell (A1), how the messages name the block. */
  readonly cell: string;
  /**
   * The block's period: from its 期次 column when every filled 期次 in it says the same, else
   * from a title above it; null when neither says.
   */
  readonly period: Period | null;
  /**
   * Every row of the block can be placed: it has a period, or a 期次 column filled on every row
   * (blocks whose rows name both periods). A block that is not is not read.
   */
  readonly known: boolean;
}

/** The minimal member and vote columns that make a run of headers a block of its own. */
const MEMBER_KEYS = ["id", "name"];

/**
 * The blocks of a 评议打分 header row, or null when it has one block (the template's layout,
 * read as it always was). A new block starts where a header already seen in the current block
 * appears again; a run without a member column (编号 or 姓名) or without a vote count column
 * is a stray repeated header, not a block.
 */
export function voteBlocks<K extends string>(grid: Grid, header: HeaderMatch<K>, def: SheetDef<K>, periodCol: K, isCount: (k: K) => boolean): VoteBlock<K>[] | null {
  const row = grid[header.row] ?? [];
  const runs: Map<K, number>[] = [];
  let cur = new Map<K, number>();
  row.forEach((v, c) => {
    const col = columnOf(def, v);
    if (!col) return;
    if (cur.has(col.key)) {
      runs.push(cur);
      cur = new Map();
    }
    cur.set(col.key, c);
  });
  runs.push(cur);
  // A run without a member column or a vote count (自评等次 beside 自评, a stray copy) is no
  // block: its columns stay with the block before it, where not already there.
  const blocks: Map<K, number>[] = [];
  for (const m of runs) {
    const prev = blocks[blocks.length - 1];
    if (MEMBER_KEYS.some((k) => m.has(k as K)) && [...m.keys()].some(isCount)) blocks.push(m);
    else if (prev) for (const [k, c] of m) if (!prev.has(k)) prev.set(k, c);
  }
  if (blocks.length < 2) return null;

  const ranges = blocks.map((m) => ({ min: Math.min(...m.values()), max: Math.max(...m.values()) }));
  const read = blocks.map((cols) => {
    const pc = cols.get(periodCol);
    const filled: Period[] = [];
    let blank = false;
    if (pc !== undefined) {
      for (let r = header.row + 1; r < grid.length; r++) {
        if (!blockRowHasData(grid, r, cols)) continue;
        const v = cellOf(grid, r, pc);
        if (isBlank(v)) blank = true;
        else {
          const p = PERIOD_CELL.get(headerKey(cellText(v)));
          if (p !== undefined) filled.push(p);
        }
      }
    }
    const agreed = filled.length > 0 && filled.every((p) => p === filled[0]) ? (filled[0] as Period) : null;
    // Every row of the block says its period itself (both periods, row by row).
    const everyRow = pc !== undefined && !blank && filled.length > 0;
    return { cols, agreed, everyRow };
  });
  // A title row that names only some blocks (a sheet title over the first one) counts only
  // when each block it does not name is told by its own 期次 column.
  let titles = titlePeriods(grid, header.row, ranges);
  if (titles !== null && titles.some((t, i) => t === null && read[i]?.agreed === null && read[i]?.everyRow !== true)) titles = null;
  return read.map(({ cols, agreed, everyRow }, i) => {
    // The block's own 期次 cells before a title: a title may be the whole sheet's.
    const period = agreed ?? titles?.[i] ?? null;
    const range = ranges[i] as { min: number };
    return { cols, keyCols: keyColumnsOf(def, cols), cell: a1(header.row, range.min), period, known: period !== null || everyRow };
  });
}

/** Does the row hold anything in the block's columns? */
export function blockRowHasData<K extends string>(grid: Grid, r: number, cols: ReadonlyMap<K, number>): boolean {
  for (const c of cols.values()) if (!isBlank(cellOf(grid, r, c))) return true;
  return false;
}

/** Other words for a period in a 期次 cell. */
export const PERIOD_ALIASES: Readonly<Record<string, Period>> = { 上半年度: "上半年", 年底: "年终", 全年: "年终", 年度: "年终" };

/** 期次 cells as votes.ts reads them (PERIODS and their aliases), by header key. */
export const PERIOD_CELL: ReadonlyMap<string, Period> = new Map<string, Period>([...PERIODS.map((p): [string, Period] => [p, p]), ...Object.entries(PERIOD_ALIASES)]);

/**
 * A title's period: 上半年 / 年中 → 上半年; 年终 / 年底 / 全年 → 年终; both or neither → null.
 * The year in front ("2010年度", "2010年") is dropped first, so "2010年中心组" is not 年中.
 */
export function titlePeriod(text: string): Period | null {
  const t = normalizeSpaces(foldFullWidth(text))
    .replace(/\s+/g, "")
    .replace(/\d{2,4}年度?/g, "");
  const first = /上半年|年中/.test(t);
  const year = /年终|年底|全年/.test(t);
  return first === year ? null : first ? "上半年" : "年终";
}

/**
 * The periods the titles above the header give the blocks: the nearest row above in which
 * every block has a title naming its period (a title belongs to the block whose columns it is
 * over or nearest to); else the nearest row naming some, null for the others. A row naming two
 * periods over one block names none for it.
 */
function titlePeriods(grid: Grid, headerRow: number, ranges: readonly { min: number; max: number }[]): (Period | null)[] | null {
  const blockOf = (c: number): number => {
    let best = 0;
    let bestDist = Infinity;
    ranges.forEach((r, i) => {
      const d = c < r.min ? r.min - c : c > r.max ? c - r.max : 0;
      // On a tie (a title in the gap between two blocks) the block on the right: a title is
      // written over the start of its block.
      if (d < bestDist || (d === bestDist && c < r.min)) {
        best = i;
        bestDist = d;
      }
    });
    return best;
  };
  const rows: (Period | null)[][] = [];
  for (let r = headerRow - 1; r >= 0; r--) {
    const got: (Period | null | "conflict")[] = ranges.map(() => null);
    (grid[r] ?? []).forEach((v, c) => {
      if (typeof v !== "string") return;
      const p = titlePeriod(v);
      if (p === null) return;
      const b = blockOf(c);
      got[b] = got[b] === null || got[b] === p ? p : "conflict";
    });
    const periods = got.map((p) => (p === "conflict" ? null : p));
    if (periods.every((p) => p !== null)) return periods;
    if (periods.some((p) => p !== null)) rows.push(periods);
  }
  // No row names every block: the nearest that names some, for its blocks only (the caller
  // takes it only when every other block's 期次 column says its period).
  return rows[0] ?? null;
}
