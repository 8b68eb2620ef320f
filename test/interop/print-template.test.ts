/**
 * Interop: the template's input sheets on paper. LibreOffice prints the demo made by `init
 * --demo`, with the 计票 sheets `ballots` adds, to PDF with the workbook's own print setup, and
 * poppler reads the pages back:
 * - 学习考勤 (24 sessions) prints across pages, at most a dozen sessions a page, with 编号 and
 *   姓名 and the header row on every page (print title columns and rows);
 * - 互评计票 and 群众计票 (27 member columns) likewise, with 期次 and 票号 on every page;
 * - every input sheet's guidance line and every header print whole (a clipped cell's text is
 *   absent from pdftotext's raw output), and the page header is the sheet's name.
 * PNGs of every page land in test-artifacts/pdf/template/ for a person to look at.
 *
 * soffice and poppler missing is a failure, not a skip: scripts/ensure-test-deps.js installs them.
 */
import { copyFileSync, promises as fs } from "node:fs";
import path from "node:path";
import { ballotsFile, initWorkbook } from "../../src/node/commands";
import { INPUT_SHEETS, PEER_TALLY_SHEET_NAME, MASS_TALLY_SHEET_NAME } from "../../src/workbook/layout";
import { TEMPLATE_HEADER_ROW } from "../../src/workbook/template";
import { gridOf, gridsOf, tempDir } from "../support/files";
import { isA4, type PdfPage, pdfPages, pdfPngs, xlsxToPdf } from "../support/pdf";
import type { SheetGrid } from "../../src/workbook/parse";

const compact = (s: string): string => s.replace(/\s+/g, "");
const lines = (page: PdfPage): string[] => page.text.split("\n").filter((l) => l.trim() !== "");
/** The page header: the first line with text on the page. */
const headerLine = (page: PdfPage): string => compact(lines(page)[0] ?? "");
/** The session headers' dates on a page ("2026-01-08"). */
const datesOn = (page: PdfPage): string[] => [...page.text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]);

describe("printing the template: the input sheets as forms on A4", () => {
  const dir = tempDir("appraisal-print-template-");
  let grids: readonly SheetGrid[];
  let bySheet: Map<string, PdfPage[]>;

  beforeAll(async () => {
    const file = path.join(dir, "template.xlsx");
    await initWorkbook(file, { demo: true });
    await ballotsFile(file);
    grids = await gridsOf(file);
    const { pdf } = await xlsxToPdf(file, path.join(dir, "pdf"));
    const pngs = pdfPngs(pdf, "template");
    copyFileSync(pdf, path.join(path.dirname(pngs[0] as string), "template.pdf"));
    // Each page belongs to the sheet its page header names (the input sheets' header is their name).
    const names = new Map(grids.map((g) => [compact(g.name), g.name]));
    bySheet = new Map();
    for (const page of pdfPages(pdf)) {
      const sheet = names.get(headerLine(page));
      if (sheet) bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), page]);
    }
  }, 120_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const pagesOf = (sheet: string): PdfPage[] => {
    const pages = bySheet.get(sheet);
    if (!pages || pages.length === 0) throw new Error(`no page has the page header ${sheet}`);
    return pages;
  };

  test("every input sheet prints on landscape A4 under its own name, its guidance line and every header whole", () => {
    for (const def of INPUT_SHEETS) {
      const pages = pagesOf(def.name);
      for (const page of pages) expect({ sheet: def.name, page: page.number, a4: isA4(page) }).toEqual({ sheet: def.name, page: page.number, a4: "landscape" });
      const first = compact(pages[0]?.raw ?? "");
      expect({ sheet: def.name, guidance: first.includes(compact(def.guidance ?? "")) }).toEqual({ sheet: def.name, guidance: true });
      // Headers of the first page (学习考勤's sessions are checked below): nothing clipped by the row height.
      const headers = (gridOf(grids, def.name)[TEMPLATE_HEADER_ROW - 1] ?? []).filter((h): h is string => typeof h === "string" && !/^\d{4}-/.test(h));
      for (const h of headers) expect({ sheet: def.name, header: h, printed: first.includes(compact(h)) }).toEqual({ sheet: def.name, header: h, printed: true });
    }
  });

  test("学习考勤: at most 12 sessions a page, 编号 and 姓名 and the header row on every page, every session printed once", () => {
    const grid = gridOf(grids, "学习考勤");
    const sessions = (grid[TEMPLATE_HEADER_ROW - 1] ?? []).filter((h): h is string => typeof h === "string" && /^\d{4}-/.test(h));
    expect(sessions).toHaveLength(24);
    const pages = pagesOf("学习考勤");
    const printed: string[] = [];
    for (const page of pages) {
      const dates = datesOn(page);
      expect({ page: page.number, 编号: page.text.includes("编号"), 姓名: page.text.includes("姓名"), sessions: dates.length <= 12 && dates.length > 0 }).toEqual({
        page: page.number,
        编号: true,
        姓名: true,
        sessions: true,
      });
      // Every member's name on every page: the title columns repeat.
      expect({ page: page.number, members: ["王建国", "于洁"].every((n) => page.text.includes(n)) }).toEqual({ page: page.number, members: true });
      printed.push(...dates);
    }
    expect(printed).toEqual(sessions.map((h) => h.slice(0, 10)));
    // Legible, yet not a page per handful: the scale is computed for Excel's Calibri (12 a page);
    // LibreOffice here lays Calibri out in the wider DejaVu Sans, and fits 9.
    const perPage = pages.map((p) => datesOn(p).length);
    for (const n of perPage.slice(0, -1)) expect(n).toBeGreaterThanOrEqual(8);
    expect(pages.length).toBeLessThanOrEqual(3);
  });

  test("互评计票 and 群众计票: 期次 and 票号 on every page, at most about a dozen members a page, every member printed once", () => {
    for (const name of [PEER_TALLY_SHEET_NAME, MASS_TALLY_SHEET_NAME]) {
      const members = (gridOf(grids, name)[TEMPLATE_HEADER_ROW - 1] ?? []).slice(2).map(String);
      expect(members).toHaveLength(27);
      const pages = pagesOf(name);
      const printed: string[] = [];
      for (const page of pages) {
        const raw = compact(page.raw);
        const on = members.filter((m) => raw.includes(compact(m)));
        expect({ name, page: page.number, 期次: raw.includes("期次"), 票号: raw.includes("票号"), members: on.length > 0 && on.length <= 13 }).toEqual({ name, page: page.number, 期次: true, 票号: true, members: true });
        printed.push(...on);
      }
      expect(printed).toEqual(members);
    }
  });
});
