/**
 * Interop: the print setup, proven by printing. LibreOffice (Debian libreoffice-calc-nogui,
 * with fonts-noto-cjk) converts the computed demo workbook and a generated 150-member branch to
 * PDF with the workbook's own print setup — LibreOffice prints every sheet, in order, into one
 * PDF — and poppler reads the pages back. Every output sheet's pages are A4, carry the page
 * header "<支部> <年>年 <考评期> <表名>", and 综合评定 repeats its column header on every page with
 * all of its columns across the width. PNGs of every page land in test-artifacts/pdf/<name>/
 * for a person to look at (see docs/printing.md).
 *
 * soffice and poppler missing is a failure, not a skip: scripts/ensure-test-deps.js installs them.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { calcFile, type CalcOutcome, demo } from "../../src/node/commands";
import { OUTPUT_HEADER_ROW, RESULT_SHEET } from "../../src/workbook/layout";
import type { SheetGrid } from "../../src/workbook/parse";
import { workbookBytes } from "../../src/xlsx/host";
import { gridOf, gridsOf, REPO, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";
import { isA4, overlappingWords, type PdfPage, pdfPages, pdfPngs, pdfWords, xlsxToPdf } from "../support/pdf";

const MEMBERS = 150;
/** Pages whose header names no sheet. */
const UNNAMED = "(no page header)";

interface Printed {
  readonly name: string;
  readonly outcome: CalcOutcome;
  /** What the workbook holds, in sheet order. */
  readonly grids: readonly SheetGrid[];
  readonly pages: readonly PdfPage[];
  /** The pages of each sheet, found by their page header (UNNAMED: pages without one). */
  readonly bySheet: ReadonlyMap<string, readonly PdfPage[]>;
  /** The output sheets this run wrote (those present in the workbook). */
  readonly outputs: readonly string[];
  /** The sheets in the order their pages come. */
  readonly order: readonly string[];
  readonly ms: number;
  /** The PDF file. */
  readonly pdf: string;
}

const compact = (s: string): string => s.replace(/\s+/g, "");
const lines = (page: PdfPage): string[] => page.text.split("\n").filter((l) => l.trim() !== "");
/** The page header: the first line with text on the page. */
const headerLine = (page: PdfPage): string => lines(page)[0]?.trim() ?? "";
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function expectedHeader(p: Printed, sheet: string): string {
  const s = p.outcome.run.result.settings;
  return `${s.branchName || "党支部"} ${s.year}年 ${s.period} ${sheet}`;
}

/** Rows below an output sheet's header row whose column `header` is filled. */
function bodyColumn(grid: SheetGrid["grid"], header: string): string[] {
  const head = grid[OUTPUT_HEADER_ROW - 1] ?? [];
  const col = head.indexOf(header);
  if (col < 0) throw new Error(`no column ${header} in row ${OUTPUT_HEADER_ROW}: ${JSON.stringify(head)}`);
  return grid
    .slice(OUTPUT_HEADER_ROW)
    .map((row) => row[col])
    .filter((v): v is string | number => v !== null && v !== undefined && v !== "")
    .map(String);
}

async function print(name: string, computed: string, outcome: CalcOutcome, dir: string): Promise<Printed> {
  const grids = await gridsOf(computed);
  const { pdf, ms } = await xlsxToPdf(computed, path.join(dir, "pdf"));
  const pages = pdfPages(pdf);
  const pngs = pdfPngs(pdf, name);
  const keep = path.dirname(pngs[0] ?? path.join(REPO, "test-artifacts", "pdf", name, "x"));
  copyFileSync(pdf, path.join(keep, `${name}.pdf`));

  // Which sheet each page belongs to, by its page header: "<支部> <年>年 <考评期> <表名>" on an
  // output sheet, "<支部> <表名>" on the template's input sheets, "使用说明" on the guide. A page
  // without one is UNNAMED: the sheets of a workbook the tool did not create (the generated
  // branch's input sheets) have no print setup of their own.
  const names = grids.map((g) => g.name);
  const s = outcome.run.result.settings;
  const headers = new Map<string, string>();
  for (const n of names) {
    for (const h of [`${s.branchName || "党支部"} ${s.year}年 ${s.period} ${n}`, `${s.branchName || "党支部"} ${n}`, n]) headers.set(compact(h), n);
  }
  const bySheet = new Map<string, PdfPage[]>();
  const order: string[] = [];
  for (const page of pages) {
    const sheet = headers.get(compact(headerLine(page))) ?? UNNAMED;
    if (order[order.length - 1] !== sheet) order.push(sheet);
    bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), page]);
  }
  const outputs = outcome.run.outputs.map((o) => o.name).filter((n) => names.includes(n));
  writeFileSync(
    path.join(keep, "summary.json"),
    JSON.stringify({ pages: pages.length, convertMs: ms, sheets: order.map((sheet) => ({ sheet, pages: bySheet.get(sheet)?.map((page) => page.number) })) }, null, 2),
  );
  return { name, outcome, grids, pages, bySheet, outputs, order, ms, pdf };
}

function pagesOf(p: Printed, sheet: string): readonly PdfPage[] {
  const pages = p.bySheet.get(sheet);
  if (!pages || pages.length === 0) throw new Error(`${p.name}: no page of ${sheet} in the PDF`);
  return pages;
}

/** 编号 … 说明 on one line, in order: the column header row, all columns across the page. */
const RESULT_HEADER = new RegExp(RESULT_SHEET.columns.map((c) => escape(c.header)).join("\\s+"));

describe("printing: LibreOffice turns the computed workbooks into A4 pages", () => {
  const dir = tempDir("appraisal-print-");
  let small: Printed;
  let big: Printed;

  beforeAll(async () => {
    const outcome = await demo(path.join(dir, "demo"));
    small = await print("demo", outcome.written, outcome, path.join(dir, "demo"));

    const source = path.join(dir, "big", `branch-${MEMBERS}.xlsx`);
    await fs.mkdir(path.dirname(source), { recursive: true });
    const wb = new ExcelJS.Workbook();
    for (const s of bigBranch(MEMBERS, 24)) {
      const ws = wb.addWorksheet(s.name);
      for (const row of s.grid) ws.addRow(row);
    }
    await fs.writeFile(source, await workbookBytes(wb));
    const computed = path.join(dir, "big", `branch-${MEMBERS}-computed.xlsx`);
    const bigOutcome = await calcFile(source, { out: computed });
    big = await print(`branch-${MEMBERS}`, computed, bigOutcome, path.join(dir, "big"));
  }, 120_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("every sheet prints, input sheets too, in workbook order, each sheet's pages together", () => {
    // The demo is made from the template, whose input sheets carry a page header too.
    expect(small.order).toEqual(small.grids.map((g) => g.name));
    // …and is A4 throughout (the generated sheets print on LibreOffice's default paper).
    for (const page of small.pages) expect({ page: page.number, a4: isA4(page) !== null }).toEqual({ page: page.number, a4: true });
    // The generated branch's own sheets have no page header: they print first, at least a page
    // each, then the output sheets, each with its header.
    const inputs = big.grids.map((g) => g.name).filter((n) => !big.outputs.includes(n));
    expect(big.order).toEqual([UNNAMED, ...big.outputs]);
    expect(big.bySheet.get(UNNAMED)?.length).toBeGreaterThanOrEqual(inputs.length);
    expect(big.grids.map((g) => g.name).slice(inputs.length)).toEqual(big.outputs);
  });

  test("every output sheet's pages are A4 (the tables landscape, the others as they ask) with the branch and period in the page header", () => {
    for (const p of [small, big]) {
      expect(p.outputs).toEqual(expect.arrayContaining(["综合评定", "表彰推荐", "问题清单"]));
      for (const sheet of p.outputs) {
        const spec = p.outcome.run.outputs.find((o) => o.name === sheet);
        const orientation = spec?.kind === "free" ? spec.print.orientation : "landscape";
        for (const page of pagesOf(p, sheet)) {
          expect({ sheet, page: page.number, header: compact(headerLine(page)), a4: isA4(page) }).toEqual({
            sheet,
            page: page.number,
            header: compact(expectedHeader(p, sheet)),
            a4: orientation,
          });
        }
      }
    }
  });

  test("综合评定: every page repeats the column header row with all columns, every member printed once, in order", () => {
    for (const p of [small, big]) {
      const ids = bodyColumn(gridOf(p.grids, "综合评定"), "编号");
      expect(ids.length).toBe(p.outcome.run.result.members.length);
      const known = new Set(ids);
      const printed: string[][] = [];
      for (const page of pagesOf(p, "综合评定")) {
        // Fit to width: no page carries only some of the columns.
        expect({ page: page.number, header: lines(page).some((l) => RESULT_HEADER.test(l)) }).toEqual({ page: page.number, header: true });
        // A member's row begins with its 编号 (column A); a wrapped 说明 line does not.
        const onPage = lines(page)
          .map((l) => l.trim().split(/\s+/)[0] ?? "")
          .filter((first) => known.has(first));
        expect({ page: page.number, members: onPage.length > 0 }).toEqual({ page: page.number, members: true });
        printed.push(onPage);
      }
      expect(printed.flat()).toEqual(ids);
    }
    // The demo's 28 members fit on one landscape page; 150 cannot.
    expect(pagesOf(small, "综合评定")).toHaveLength(1);
    expect(pagesOf(big, "综合评定").length).toBeGreaterThanOrEqual(2);
    // Pages fill up before the next begins: each page but the last holds at least as many
    // members as the last one.
    const counts = pagesOf(big, "综合评定").map((page) => lines(page).filter((l) => /^\s*M\d{5}\s/.test(l)).length);
    const last = counts[counts.length - 1] as number;
    for (const c of counts.slice(0, -1)) expect(c).toBeGreaterThanOrEqual(last);
  });

  test("表彰推荐 and 问题清单: their header row on every page", () => {
    for (const p of [small, big]) {
      for (const [sheet, first, lastCol] of [
        ["表彰推荐", "序号", "推荐理由"],
        // 代码 is hidden: the header ends with 处理建议.
        ["问题清单", "序号", "处理建议"],
      ] as const) {
        const row = new RegExp(`${first}\\s.*${lastCol}`);
        for (const page of pagesOf(p, sheet)) expect({ sheet, page: page.number, header: lines(page).some((l) => row.test(l)) }).toEqual({ sheet, page: page.number, header: true });
      }
    }
  });

  test("推荐表: one A4 portrait page per nominee of 表彰推荐, with the form's title and the nominee's name", () => {
    for (const p of [small, big]) {
      expect(p.outputs).toContain("推荐表");
      const nominees = bodyColumn(gridOf(p.grids, "表彰推荐"), "姓名");
      expect(nominees.length).toBeGreaterThan(0);
      const pages = pagesOf(p, "推荐表");
      expect(pages).toHaveLength(nominees.length);
      pages.forEach((page, i) => {
        const nominee = nominees[i] as string;
        // 党员1 must not be found inside 党员15.
        const named = new RegExp(`${escape(nominee)}(?![0-9])`).test(page.text);
        // Regression (print-area-relative-rows): exceljs wrote the print area as $A3:$F97, which
        // LibreOffice ignored, so the sheet's title row printed on the first form. Only the forms
        // are in the print area.
        const sheetTitle = compact(page.text).includes("推荐表—");
        // The footer numbers the forms, not the workbook's pages.
        const footer = compact(lines(page).at(-1) ?? "");
        expect({ page: page.number, nominee, title: page.text.includes("优秀共产党员推荐表"), named, a4: isA4(page), sheetTitle, footer }).toEqual({
          page: page.number,
          nominee,
          title: true,
          named: true,
          a4: "portrait",
          sheetTitle: false,
          footer: `【考评助手生成】第${i + 1}份，共${nominees.length}份`,
        });
      });
    }
  });

  test("反馈单: two slips to an A4 portrait page, in roster order, each member named once, a cut line between, every line in full", () => {
    for (const p of [small, big]) {
      expect(p.outputs).toContain("反馈单");
      const grid = gridOf(p.grids, "反馈单");
      // Each slip's second row starts with the branch and period and names the member.
      const named = grid.flatMap((row) => {
        const m = typeof row[0] === "string" ? /姓名：(\S+?)(（预备党员）)?\s+编号：(\S+)/.exec(row[0]) : null;
        return m ? [m[1] as string] : [];
      });
      expect(named).toHaveLength(p.outcome.run.result.summary.scored);
      const pages = pagesOf(p, "反馈单");
      expect(pages).toHaveLength(Math.ceil(named.length / 2));
      pages.forEach((page, i) => {
        const on = named.slice(2 * i, 2 * i + 2);
        const text = compact(page.text);
        expect({
          page: page.number,
          a4: isA4(page),
          names: on.map((n) => text.includes(compact(`姓名：${n}`))),
          headings: text.split("民主评议党员结果反馈单").length - 1,
          cut: text.includes("沿此线剪开"),
          sign: text.split("支部书记（签字）").length - 1,
          sheetTitle: text.includes("反馈单—"),
          footer: compact(lines(page).at(-1) ?? ""),
        }).toEqual({
          page: page.number,
          a4: "portrait",
          names: on.map(() => true),
          headings: on.length,
          cut: on.length === 2,
          sign: on.length,
          sheetTitle: false,
          footer: `【考评助手生成】第${i + 1}页，共${pages.length}页`,
        });
      });
      // Nothing cut at the right edge: every line of text prints whole.
      const printed = compact(pages.map((page) => page.raw).join(""));
      const cut = grid.slice(2).flatMap((row) => row.filter((v): v is string => typeof v === "string" && !v.startsWith("✂") && !printed.includes(compact(v))));
      expect(cut).toEqual([]);
    }
  });

  test("年度总结: every page carries the branch and period in the page header", () => {
    for (const p of [small, big]) {
      expect(p.outputs).toContain("年度总结");
      for (const page of pagesOf(p, "年度总结")) {
        expect({ page: page.number, header: compact(headerLine(page)), a4: isA4(page) !== null }).toEqual({
          page: page.number,
          header: compact(expectedHeader(p, "年度总结")),
          a4: true,
        });
      }
    }
  });

  // Regression (wrapped-text-printed-one-line): LibreOffice keeps the stored height of a row
  // (15 pt when none is written) and does not grow it for wrapped text, so a long 说明 /
  // 推荐理由 / 处理建议 printed its first line only. The writer now stores each body row's
  // height from its longest wrapped cell.
  test("every text cell of the output tables prints in full (but the hidden 代码 column)", () => {
    const cut: string[] = [];
    for (const p of [small, big]) {
      for (const sheet of ["综合评定", "表彰推荐", "问题清单"]) {
        const printed = compact(pagesOf(p, sheet).map((page) => page.raw).join(""));
        const grid = gridOf(p.grids, sheet);
        const hidden = (grid[OUTPUT_HEADER_ROW - 1] ?? []).map((h) => h === "代码");
        expect(hidden.filter(Boolean)).toHaveLength(sheet === "问题清单" ? 1 : 0);
        for (const row of grid.slice(OUTPUT_HEADER_ROW)) {
          row.forEach((v, c) => {
            if (typeof v === "string" && !hidden[c] && !printed.includes(compact(v))) cut.push(`${p.name} ${sheet}: ${v}`);
          });
        }
      }
    }
    expect(cut).toEqual([]);
  });

  // Regression (page-numbers-run-on): LibreOffice numbered an output sheet's pages on from the
  // sheet before; the page setup now says firstPageNumber 1.
  // Regression (page-total-whole-workbook): LibreOffice counts &N over the whole workbook, so a
  // one-page 综合评定 said "第 1 页，共 43 页". The footers write no &N: a total only where the
  // sheet knows it (推荐表, 反馈单), as a number.
  test("each output sheet's pages are numbered 1, 2, … after the mark, and no footer counts the workbook's pages", () => {
    const total = (p: Printed): RegExp => new RegExp(`共${p.pages.length}页`);
    for (const p of [small, big]) {
      for (const sheet of p.outputs) {
        const footers = pagesOf(p, sheet).map((page) => compact(lines(page).at(-1) ?? ""));
        const unit = sheet === "推荐表" ? "份" : "页";
        expect({ sheet, numbers: footers.map((f) => new RegExp(`^【考评助手生成】第(\\d+)${unit}`).exec(f)?.[1]) }).toEqual({
          sheet,
          numbers: footers.map((_, i) => String(i + 1)),
        });
        expect({ sheet, workbookTotal: footers.some((f) => total(p).test(f)) }).toEqual({ sheet, workbookTotal: false });
      }
    }
  });

  // Item: printed outputs carry nothing about the program. The mark is the footer's (the last
  // line of a page), never the body's; 年度总结 says nothing of charts, the command line or
  // formulas in grey; 问题清单 prints no internal code (its 代码 column is hidden).
  test("the mark only in the footer, no words about the program, no internal codes on paper", () => {
    for (const p of [small, big]) {
      for (const sheet of p.outputs) {
        for (const page of pagesOf(p, sheet)) {
          const body = lines(page).slice(0, -1).join("\n");
          expect({ sheet, page: page.number, mark: body.includes("【考评助手生成】") }).toEqual({ sheet, page: page.number, mark: false });
        }
      }
      const summary = compact(pagesOf(p, "年度总结").map((page) => page.text).join(""));
      for (const words of ["命令行", "网页版", "加载项", "图表", "考评助手依据", "请勿在此表填写", "注："]) {
        expect({ words, printed: summary.includes(words) }).toEqual({ words, printed: false });
      }
      const issues = compact(pagesOf(p, "问题清单").map((page) => page.text).join(""));
      const codes = [...new Set(p.outcome.run.issues.map((i) => i.code))];
      expect(codes.length).toBeGreaterThan(0);
      expect({ codes: codes.filter((c) => issues.includes(c)), 代码: issues.includes("代码") }).toEqual({ codes: [], 代码: false });
    }
  });

  // Text never crosses into the next row or column: no word is printed over another on any
  // output page (a title taller than its row ran into the header row below it; a long 说明
  // with too little height overflows its row's lines).
  test("no printed word of an output sheet overlaps another", () => {
    const over: string[] = [];
    for (const p of [small, big]) {
      const words = pdfWords(p.pdf);
      for (const sheet of p.outputs) {
        for (const page of pagesOf(p, sheet)) {
          for (const [a, b] of overlappingWords(words[page.number - 1] ?? [])) over.push(`${p.name} ${sheet} p.${page.number}: ${a.text} × ${b.text}`);
        }
      }
    }
    expect(over).toEqual([]);
  });

  // The conversion time is recorded in test-artifacts/pdf/<name>/summary.json, not asserted:
  // a timing is a benchmark, never a test (xlsxToPdf's own timeout only stops a hung soffice).
  test("Chinese text comes out as text (not boxes)", () => {
    for (const p of [small, big]) {
      // pdftotext finds the CJK text only when a CJK font was embedded for it.
      expect(p.pages.some((page) => page.text.includes("综合得分"))).toBe(true);
      expect(p.pages.every((page) => !page.text.includes("\uFFFD"))).toBe(true);
    }
  });
});
