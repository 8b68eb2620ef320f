/**
 * 使用说明 printed, the way a secretary prints it: the sheet through LibreOffice (what WPS and
 * LibreOffice users print), help.html through Chromium's print to PDF. Every paragraph must come
 * out whole — before issue 15 the sheet's paragraphs ran past the right margin of A4 and were
 * cut, because its one column was wider than the page at LibreOffice's CJK font and the rows had
 * no height for the wrapped lines. PNGs land in test-artifacts/pdf/ for a person to look at.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { initWorkbook } from "../../src/node/commands";
import { guideLines } from "../../src/workbook/guide";
import { GUIDE_SHEET_NAME } from "../../src/workbook/layout";
import { artifactDir, launch } from "../support/browser";
import { REPO, tempDir } from "../support/files";
import { isA4, pdfPages, pdfPngs, xlsxToPdf } from "../support/pdf";

jest.setTimeout(120_000);

/** Text with every kind of space and line break removed: wrapping may break a line anywhere. */
const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** Paragraphs of the guide as the printed text must hold them, headings included. */
const paragraphs = guideLines().filter((l) => l !== "");

test("the 使用说明 sheet prints on A4 portrait with every paragraph whole (LibreOffice)", async () => {
  const dir = tempDir("guide-print-");
  const file = path.join(dir, "空白模板.xlsx");
  await initWorkbook(file);
  const { pdf } = await xlsxToPdf(file, dir);
  const pages = pdfPages(pdf).filter((p) => p.text.split("\n").slice(0, 3).some((l) => l.trim() === GUIDE_SHEET_NAME));
  pdfPngs(pdf, "guide");
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(3);
  for (const p of pages) expect(isA4(p)).toBe("portrait");
  const printed = squeeze(pages.map((p) => p.raw).join(""));
  const cut = paragraphs.filter((line) => !printed.includes(squeeze(line)));
  expect(cut).toEqual([]);
});

test("help.html prints on A4 with every section (Chromium)", async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await page.goto(`file://${path.join(REPO, "src", "help.html")}`);
    const out = path.join(artifactDir(), "help.pdf");
    writeFileSync(out, await page.pdf({ format: "A4", preferCSSPageSize: true }));
    const pages = pdfPages(out);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(5);
    for (const p of pages) expect(isA4(p)).toBe("portrait");
    const printed = squeeze(pages.map((p) => p.text).join(""));
    for (const heading of ["一、三种用法", "二、填写", "三、测评票与计票", "四、计算结果", "五、评分办法", "六、错误、提示与草稿", "七、打印", "八、数据安全"]) {
      expect(printed).toContain(heading);
    }
    // No text runs off the page: each page's lines fit in its width (pdftotext keeps what is drawn).
    expect(printed).toContain(squeeze("支委会评定（须写理由）为最终等次。"));
    expect(requests).toEqual([]);
    pdfPngs(out, "help");
  } finally {
    await browser.close();
  }
});
