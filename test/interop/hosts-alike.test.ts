/**
 * One description, two writers: the demo computed by the command line (exceljs, read back by
 * openpyxl, a reader we did not write) and by the add-in (the strict fake Excel) gives every
 * output sheet the same values *and* looks, cell for cell — font, fill, lines, alignment,
 * number format — and the same column widths and row heights.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { dateFromDay, dayFromExcelSerial } from "../../src/core/dates";
import { isDateFormat } from "../../src/excel/cells";
import { calculateWorkbook } from "../../src/excel/host";
import { pointsFromChars } from "../../src/excel/plans";
import { calcFile, initWorkbook } from "../../src/node/commands";
import { a1, parseA1 } from "../../src/core/address";
import { cellText } from "../../src/workbook/cells";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../src/workbook/layout";
import { fakeEnv, fakeFromGrids } from "../support/excel-env";
import type { FakeWorkbook } from "../support/fake-excel";
import { gridsOf, REPO, tempDir } from "../support/files";

interface PyColor {
  readonly rgb: string | null;
}
interface PySide {
  readonly style: string | null;
  readonly color: PyColor | null;
}
interface PyCell {
  readonly value: unknown;
  readonly type: string | null;
  readonly style: {
    readonly numFmt: string;
    readonly font: { readonly b: boolean | null; readonly i: boolean | null; readonly sz: number | null; readonly name: string | null; readonly color: PyColor | null };
    readonly fill: { readonly type: string | null; readonly fg: PyColor | null };
    readonly border: Readonly<Record<"left" | "right" | "top" | "bottom", PySide | null>>;
    readonly align: { readonly h: string | null; readonly v: string | null; readonly wrap: boolean | null };
  };
}
interface PySheet {
  readonly cells: Readonly<Record<string, PyCell>>;
  readonly widths: Readonly<Record<string, number>>;
  readonly heights: Readonly<Record<string, number>>;
  readonly freeze: string | null;
  readonly merged: readonly string[];
}

/** What a person sees in a cell, in the fake's vocabulary (Office.js names). */
interface Seen {
  readonly value: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly fontSize: number;
  readonly fontName: string;
  readonly fontColor: string;
  readonly fill: string | null;
  readonly h: string;
  readonly v: string;
  readonly wrap: boolean;
  /** Only for a number: text looks the same under any format (the add-in gives text "@"). */
  readonly numFmt: string | null;
  readonly lines: string;
}

const rgb = (c: PyColor | null | undefined, fallback: string): string => (c?.rgb && /^[0-9A-F]{8}$/i.test(c.rgb) ? `#${c.rgb.slice(2).toUpperCase()}` : fallback);
const H: Readonly<Record<string, string>> = { left: "Left", center: "Center", right: "Right", general: "General" };
const V: Readonly<Record<string, string>> = { top: "Top", center: "Center", bottom: "Bottom" };
const LINE: Readonly<Record<string, string>> = { thin: "Continuous" };

type Side = "left" | "right" | "top" | "bottom";
const FACING: Readonly<Record<Side, { readonly dr: number; readonly dc: number; readonly side: Side }>> = {
  top: { dr: -1, dc: 0, side: "bottom" },
  bottom: { dr: 1, dc: 0, side: "top" },
  left: { dr: 0, dc: -1, side: "right" },
  right: { dr: 0, dc: 1, side: "left" },
};

/**
 * A cell as openpyxl read it. A line is drawn on a side when the cell has it or its neighbour
 * has the facing side, as Excel draws it (and as the fake reports it).
 */
function seenInFile(sheet: PySheet, row: number, col: number, value: string, isNumber: boolean): Seen {
  const c = sheet.cells[a1(row, col)];
  const s = c?.style;
  const f = s?.font;
  const line = (side: Side): string => {
    const own = s?.border[side];
    const n = FACING[side];
    const x = own?.style ? own : row + n.dr >= 0 && col + n.dc >= 0 ? sheet.cells[a1(row + n.dr, col + n.dc)]?.style.border[n.side] : null;
    return x?.style ? `${LINE[x.style] ?? x.style} ${rgb(x.color, "#000000")}` : "-";
  };
  return {
    value,
    bold: f?.b ?? false,
    italic: f?.i ?? false,
    fontSize: f?.sz ?? 11,
    fontName: f?.name ?? "Calibri",
    fontColor: rgb(f?.color, "#000000"),
    fill: s?.fill.type === "solid" ? rgb(s.fill.fg, "#FFFFFF") : null,
    h: H[s?.align.h ?? "general"] ?? String(s?.align.h),
    v: V[s?.align.v ?? "bottom"] ?? String(s?.align.v),
    wrap: s?.align.wrap ?? false,
    numFmt: isNumber ? (s?.numFmt ?? "General") : null,
    lines: (["top", "bottom", "left", "right"] as const).map(line).join(" | "),
  };
}

function seenInFake(wb: FakeWorkbook, sheet: string, address: string, value: string, isNumber: boolean): Seen {
  const c = wb.cell(sheet, address);
  const side = (x: { style: string; color: string } | null): string => (x ? `${x.style} ${x.color.toUpperCase()}` : "-");
  return {
    value,
    bold: c.bold,
    italic: c.italic,
    fontSize: c.fontSize,
    fontName: c.fontName,
    fontColor: c.fontColor.toUpperCase(),
    fill: c.fillColor === null ? null : c.fillColor.toUpperCase(),
    h: c.horizontalAlignment,
    v: c.verticalAlignment,
    wrap: c.wrapText,
    numFmt: isNumber ? c.numberFormat : null,
    lines: [c.borders.top, c.borders.bottom, c.borders.left, c.borders.right].map(side).join(" | "),
  };
}

/** A cell value as text, dates as yyyy-mm-dd, so both readers' values compare. */
function shown(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return /^\d{4}-\d\d-\d\dT00:00:00$/.test(v) ? v.slice(0, 10) : v;
  return cellText(v as never);
}

const UNDER_MERGE = { bold: false, italic: false, fontSize: 0, fontName: "", fontColor: "", fill: null, h: "", v: "", wrap: false, numFmt: null } as const;

/** Each sheet's print setup and filter as openpyxl reads them. */
const PRINT_PY = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    m = ws.page_margins
    out[ws.title] = {
        "orientation": ws.page_setup.orientation,
        "paper": ws.page_setup.paperSize,
        "titleRows": ws.print_title_rows,
        "header": ws.oddHeader.center.text,
        "footer": ws.oddFooter.center.text,
        "firstPage": ws.page_setup.firstPageNumber if ws.page_setup.useFirstPageNumber else "",
        "hidden": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
        "margins": [m.top, m.bottom, m.left, m.right, m.header, m.footer],
        "fitWidth": ws.page_setup.fitToWidth,
        "filter": ws.auto_filter.ref,
    }
print(json.dumps(out, ensure_ascii=False))
`;

interface PyPrint {
  readonly orientation: string;
  readonly paper: string | number;
  readonly titleRows: string | null;
  readonly header: string | null;
  readonly footer: string | null;
  readonly firstPage: number | "";
  readonly hidden: readonly string[];
  readonly margins: readonly number[];
  readonly fitWidth: number | null;
  readonly filter: string | null;
}

let file: Record<string, PySheet>;
let printed: Record<string, PyPrint>;
let fake: FakeWorkbook;
let outputs: readonly { name: string }[];

beforeAll(async () => {
  const dir = tempDir();
  const input = path.join(dir, "demo.xlsx");
  const out = path.join(dir, "out.xlsx");
  await initWorkbook(input, { demo: true });
  await calcFile(input, { out });
  const py = spawnSync("/usr/bin/python3", [path.join(REPO, "test/reliability/dump_cells.py"), out, "使用说明", ...INPUT_SHEETS.map((d) => d.name)], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (py.status !== 0) throw new Error(py.stderr);
  file = JSON.parse(py.stdout) as Record<string, PySheet>;
  const pp = spawnSync("/usr/bin/python3", ["-c", PRINT_PY, out], { encoding: "utf8" });
  if (pp.status !== 0) throw new Error(pp.stderr);
  printed = JSON.parse(pp.stdout) as Record<string, PyPrint>;

  const f = fakeEnv(fakeFromGrids(await gridsOf(input)));
  const c = await calculateWorkbook(f.env);
  fake = f.workbook;
  outputs = c.run.outputs.map((o) => ({ name: o.name }));
}, 120_000);

test("both hosts wrote the same five output sheets", () => {
  // (dump_cells.py sorts its keys: the order of the sheets is tested in test/node/yearend.test.ts)
  expect(Object.keys(file).sort()).toEqual(OUTPUT_SHEETS.map((d) => d.name).sort());
  expect(outputs.map((o) => o.name)).toEqual(OUTPUT_SHEETS.map((d) => d.name));
});

describe.each(OUTPUT_SHEETS.map((d) => d.name))("%s: exceljs and Office.js alike", (name) => {
  test("every cell: value, font, fill, lines, alignment, number format", () => {
    const sheet = file[name] as PySheet;
    const grid = fake.grid(name);
    const rows = Math.max(grid.length, ...Object.keys(sheet.cells).map((k) => Number(/\d+$/.exec(k)?.[0])));
    const cols = Math.max(...grid.map((r) => r.length), 1);
    // Cells under a merged area (not its top-left one), with the sides that are inside the
    // area: no line shows there.
    const hidden = new Map<string, readonly boolean[]>();
    for (const m of sheet.merged) {
      const [tl, br] = m.split(":").map((x) => parseA1(x)) as [{ row: number; col: number }, { row: number; col: number }];
      for (let r = tl.row; r <= br.row; r++) {
        for (let c = tl.col; c <= br.col; c++) {
          if (r !== tl.row || c !== tl.col) hidden.set(a1(r, c), [r > tl.row, r < br.row, c > tl.col, c < br.col]);
        }
      }
    }
    const edgesOnly = (lines: string, inside: readonly boolean[]): string =>
      lines
        .split(" | ")
        .map((l, i) => (inside[i] ? "·" : l))
        .join(" | ");
    let compared = 0;
    const differ: string[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols + 2; c++) {
        const address = a1(r, c);
        const py = sheet.cells[address];
        const raw = grid[r]?.[c];
        const fmt = fake.cell(name, address).numberFormat;
        const fakeValue = typeof raw === "number" && isDateFormat(fmt) ? dateFromDay(dayFromExcelSerial(raw)).toISOString().slice(0, 10) : shown(raw);
        // Only the add-in draws charts, over cells both hosts leave empty: no cell differs.
        const fileValue = shown(py?.value);
        const isNumber = typeof raw === "number" && !isDateFormat(fmt);
        let a = seenInFile(sheet, r, c, fileValue, isNumber);
        let b = seenInFake(fake, name, address, fakeValue, isNumber);
        // A cell under a merged area shows nothing of its own but the lines around it (and
        // openpyxl keeps only those for it): compare what shows.
        const inside = hidden.get(address);
        if (inside) {
          a = { ...a, ...UNDER_MERGE, lines: edgesOnly(a.lines, inside) };
          b = { ...b, ...UNDER_MERGE, lines: edgesOnly(b.lines, inside) };
        }
        compared++;
        if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${address}\n  file ${JSON.stringify(a)}\n  fake ${JSON.stringify(b)}`);
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(differ.slice(0, 5)).toEqual([]);
  });

  test("print setup: A4, orientation, repeated rows, page header and footer (with the mark), first page number, hidden columns, margins, fit to width; the filter", () => {
    const p = printed[name] as PyPrint;
    const l = fake.sheet(name).pageLayout;
    const inches = (points: number): number => Math.round((points / 72) * 100) / 100;
    expect({
      orientation: l.orientation.toLowerCase(),
      paper: l.paperSize,
      titleRows: l.printTitleRows,
      header: l.headersFooters.centerHeader,
      footer: l.headersFooters.centerFooter,
      firstPage: l.firstPageNumber,
      hidden: fake.sheet(name).hiddenColumns,
      margins: (["top", "bottom", "left", "right", "header", "footer"] as const).map((k) => inches(l.margins[k])),
      fitWidth: l.zoom.horizontalFitToPages ?? null,
      filter: fake.sheet(name).autoFilter,
    }).toEqual({
      orientation: p.orientation,
      paper: String(p.paper) === "9" ? "A4" : p.paper,
      titleRows: p.titleRows,
      header: p.header,
      footer: p.footer,
      firstPage: p.firstPage,
      hidden: p.hidden,
      margins: p.margins,
      fitWidth: p.fitWidth,
      filter: p.filter,
    });
  });

  test("column widths, row heights, frozen rows and merged areas", () => {
    const sheet = file[name] as PySheet;
    const snap = fake.sheet(name);
    const widths = Object.fromEntries(Object.entries(sheet.widths).map(([k, w]) => [k, pointsFromChars(w)]));
    expect(snap.columnWidths).toEqual(widths);
    const heights = Object.fromEntries(Object.entries(sheet.heights).map(([k, h]) => [Number(k), h]));
    expect(snap.rowHeights).toEqual(heights);
    expect(snap.frozenRows).toBe(sheet.freeze ? Number(/\d+$/.exec(sheet.freeze)?.[0]) - 1 : 0);
    expect([...snap.merges].sort()).toEqual([...sheet.merged].sort());
  });
});
