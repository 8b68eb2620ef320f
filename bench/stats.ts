/** Small numeric helpers for the benchmarks: medians, least-squares fits, formatting. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface LinearFit {
  /** Fixed cost (ms). */
  readonly intercept: number;
  /** Cost per unit (ms). */
  readonly slope: number;
  readonly r2: number;
}

/** Least squares y = intercept + slope·x. */
export function linearFit(points: readonly (readonly [number, number])[]): LinearFit {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  return { intercept, slope, r2 };
}

/** The exponent k of y ∝ x^k, fitted on logs: 1 is linear, 2 quadratic. */
export function powerExponent(points: readonly (readonly [number, number])[]): number {
  return linearFit(points.map(([x, y]) => [Math.log(x), Math.log(y)] as const)).slope;
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

/** A plain-text table (also valid Markdown). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c + " ".repeat((widths[i] as number) - width(c))).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
