/**
 * Terminal output helpers: a progress bar on stderr (only when stderr is a terminal, so pipes
 * and CI logs stay clean) and tables that line up with Chinese text.
 */

export class Progress {
  private readonly enabled: boolean;
  private lastWidth = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY) && process.env.CI !== "true";
  }

  /** Show `fraction` (0–1) done, with what is happening now. */
  step(fraction: number, label: string): void {
    if (!this.enabled) return;
    const width = 24;
    const done = Math.round(Math.max(0, Math.min(1, fraction)) * width);
    const line = `[${"█".repeat(done)}${"░".repeat(width - done)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${label}`;
    this.stream.write(`\r${line}${" ".repeat(Math.max(0, this.lastWidth - displayWidth(line)))}`);
    this.lastWidth = displayWidth(line);
  }

  done(): void {
    if (!this.enabled || this.lastWidth === 0) return;
    this.stream.write(`\r${" ".repeat(this.lastWidth)}\r`);
    this.lastWidth = 0;
  }
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A plain-text table; columns listed in `numeric` are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => pad(c, widths[i] ?? 0, numeric.includes(i))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
