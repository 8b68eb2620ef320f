/**
 * Interop: the ballot round's sheets printed by LibreOffice (see print.test.ts for the setup).
 * A 70-member generated branch whose votes are typed as ballots is computed (计票结果, 反馈单)
 * and then given its 测评票; the PDF's pages are read back: each form on A4 portrait pages,
 * its column header on every page, every member on each form once, nothing of the sheet's own
 * title printed; 计票结果 on A4 portrait with every member named. PNGs land in
 * test-artifacts/pdf/ballots-70/ for a person to look at.
 */
import { copyFileSync } from "node:fs";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ballotsFile, calcFile } from "../../src/node/commands";
import { cellText } from "../../src/workbook/cells";
import type { SheetGrid } from "../../src/workbook/parse";
import { workbookBytes } from "../../src/xlsx/host";
import { ballotsFromVotes } from "../support/ballots";
import { gridOf, gridsOf, tempDir } from "../support/files";
import { bigBranch } from "../support/generate";
import { isA4, type PdfPage, pdfPages, pdfPngs, xlsxToPdf } from "../support/pdf";

const MEMBERS = 70;
const compact = (s: string): string => s.replace(/\s+/g, "");
const headerLine = (page: PdfPage): string => page.text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";

describe("printing the ballot round", () => {
  const dir = tempDir("appraisal-print-ballots-");
  let pages: PdfPage[] = [];
  let grids: readonly SheetGrid[] = [];
  let branch = "";

  beforeAll(async () => {
    const built = ballotsFromVotes(bigBranch(MEMBERS, 12), "年终");
    const source = path.join(dir, "branch.xlsx");
    const wb = new ExcelJS.Workbook();
    for (const s of built.sheets) {
      const ws = wb.addWorksheet(s.name);
      for (const row of s.grid) ws.addRow(row);
    }
    await fs.writeFile(source, await workbookBytes(wb));
    const outcome = await calcFile(source);
    branch = outcome.run.result.settings.branchName;
    await ballotsFile(source);
    grids = await gridsOf(source);
    const { pdf } = await xlsxToPdf(source, path.join(dir, "pdf"));
    pages = pdfPages(pdf);
    const pngs = pdfPngs(pdf, `ballots-${MEMBERS}`);
    if (pngs[0]) copyFileSync(pdf, path.join(path.dirname(pngs[0]), `ballots-${MEMBERS}.pdf`));
  }, 180_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const of = (sheet: string): PdfPage[] => pages.filter((p) => compact(headerLine(p)) === compact(`${branch} 2026年 年终 ${sheet}`));

  test("测评票: both forms on A4 portrait pages, the column header on every page, every member once per form", () => {
    const ballotPages = of("测评票");
    const onBallot = gridOf(grids, "测评票").filter((r) => typeof r[0] === "number").map((r) => cellText(r[1]));
    const members = new Set(onBallot);
    expect(onBallot).toHaveLength(members.size * 2);
    // 70 members: each form runs over more than one page.
    expect(ballotPages.length).toBeGreaterThanOrEqual(4);
    const perPage = ballotPages.map((p) => ({
      page: p.number,
      a4: isA4(p),
      header: /序号\s+编号\s+姓名\s+(优秀\s+合格\s+基本合格\s+不合格|满意\s+比较满意\s+基本满意\s+不满意)\s+意见建议/.test(p.text),
      // The sheet's title row is outside the print area; the mark is in the footer, which
      // numbers the sheet's own pages.
      title: compact(p.text).includes("测评票—"),
      footer: compact(p.text.split("\n").filter((l) => l.trim() !== "").at(-1) ?? ""),
    }));
    expect(perPage).toEqual(
      ballotPages.map((p, i) => ({ page: p.number, a4: "portrait", header: true, title: false, footer: `【考评助手生成】第${i + 1}页，共${ballotPages.length}页` })),
    );
    // Every 编号 printed once on each form: the peer pages come first, then the mass pages.
    const printed = ballotPages.flatMap((p) => [...p.text.matchAll(/\bM\d{5}\b/g)].map((m) => m[0]));
    expect(printed).toEqual(onBallot);
    const forms = ballotPages.map((p) => (p.text.includes("党员互评测评票") ? "peer" : p.text.includes("群众评议测评票") ? "mass" : "cont"));
    expect(forms.filter((f) => f !== "cont")).toEqual(["peer", "mass"]);
  });

  test("计票结果: A4 portrait, its head and every member with counts printed", () => {
    const tallyPages = of("计票结果");
    expect(tallyPages.length).toBeGreaterThanOrEqual(1);
    for (const p of tallyPages) expect(isA4(p)).toBe("portrait");
    const text = tallyPages.map((p) => p.text).join("\n");
    expect(compact(text)).toContain(compact("党员互评票"));
    const ids = gridOf(grids, "计票结果").filter((r) => typeof r[0] === "number").map((r) => cellText(r[1]));
    expect(ids.length).toBeGreaterThan(60);
    const printed = [...text.matchAll(/\bM\d{5}\b/g)].map((m) => m[0]);
    expect(printed).toEqual(ids);
  });
});
