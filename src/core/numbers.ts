/**
 * Number helpers shared by scoring and parsing. Everything here is pure.
 */

/**
 * Round half-up to `digits` decimals, on the value a person would write down.
 *
 * Binary floating point stores 80.125 as 80.12499999…; a naive Math.round would give 80.12
 * where the secretary's hand calculation gives 80.13. Cutting the value to 12 significant
 * digits first removes the representation error without touching real differences.
 */
export function roundHalfUp(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(12));
  const rounded = Math.floor(scaled + 0.5) / factor;
  return value < 0 ? -rounded : rounded;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A fraction kept as two integers so that ⌊1/3 × n⌋ is exact (0.3333 × 30 would give 9). */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

export function floorRatio(ratio: Ratio, n: number): number {
  return Math.floor((n * ratio.num) / ratio.den + 1e-9);
}

export function ratioToText(ratio: Ratio): string {
  if (ratio.den === 100) return `${ratio.num}%`;
  return `${ratio.num}/${ratio.den}`;
}

/** "Natural" order for 编号: A2 before A10, 9 before 10. */
export function naturalCompare(a: string, b: string): number {
  const ax = a.match(/\d+|\D+/g) ?? [];
  const bx = b.match(/\d+|\D+/g) ?? [];
  const n = Math.min(ax.length, bx.length);
  for (let i = 0; i < n; i++) {
    const x = ax[i] as string;
    const y = bx[i] as string;
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      // 007 vs 7: equal numbers, shorter text first so the order stays total.
      if (x.length !== y.length) return x.length - y.length;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return ax.length - bx.length;
}

/** Format a score for Chinese sentences: 2 decimals at most, no trailing zeros. */
export function fmt(value: number): string {
  return String(roundHalfUp(value, 2));
}

/** A rate in [0,1] as a whole or one-decimal percentage. */
export function pct(rate: number): string {
  return `${roundHalfUp(rate * 100, 1)}%`;
}
