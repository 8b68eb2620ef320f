/**
 * 使用说明 (the sheet) and help.html say what exists: every input sheet, every sheet the tool
 * writes, every command of the command line and the page's buttons, so a guide cannot fall
 * behind a feature unnoticed (issue 15 item 1: both still described three output sheets when
 * there were seven). And the sheet's rows are tall enough for their wrapped text: LibreOffice
 * and WPS print a row at its stored height, so a short row cuts the paragraph.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildProgram } from "../../src/node/cli";
import { GUIDE_WIDTH, guideLines, guideSheet } from "../../src/workbook/guide";
import { BALLOT_SHEET, INPUT_SHEETS, OUTPUT_SHEETS, TALLY_RESULT_SHEET, TALLY_SHEETS } from "../../src/workbook/layout";
import { LINE_POINTS, wrappedLines } from "../../src/workbook/yearend";
import { REPO } from "../support/files";

const guide = guideLines().join("\n");
const help = readFileSync(path.join(REPO, "src", "help.html"), "utf8");
const sheetNames = [...INPUT_SHEETS, ...OUTPUT_SHEETS, TALLY_RESULT_SHEET, BALLOT_SHEET, TALLY_SHEETS.peer, TALLY_SHEETS.mass].map((d) => d.name);
const commands = buildProgram().commands.map((c) => c.name()).filter((n) => n !== "help" && n !== "demo");
/** What the browser page's buttons are called (src/ui/app.ts). */
const pageButtons = ["打开工作簿…", "一键计算", "下载计算结果", "下载空白模板", "载入示例支部", "打印测评票"];

test("the page's buttons named here are the page's buttons", () => {
  const app = readFileSync(path.join(REPO, "src", "ui", "app.ts"), "utf8");
  for (const b of pageButtons) expect(app).toContain(`"${b}"`);
});

describe.each([
  ["使用说明 sheet", guide],
  ["help.html", help],
])("%s says what exists", (_, text) => {
  test.each(sheetNames)("names the sheet %s", (name) => {
    expect(text).toContain(name);
  });
  test("names every command of the command line", () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of commands) expect(text).toContain(`appraisal ${c}`);
    expect(text).toContain("init --add-missing");
  });
  test("names the browser page's buttons and who it is for", () => {
    for (const b of pageButtons) expect(text).toContain(b);
    expect(text).toMatch(/WPS/);
    expect(text).toMatch(/LibreOffice/);
  });
  test("names no button the tool no longer has", () => {
    // 下载结果 became 下载计算结果, 空白模板 on the page became 下载空白模板 (issue 15 item 6).
    expect(text.replace(/下载计算结果|下载空白模板/g, "")).not.toMatch(/下载结果|“空白模板”/);
  });
});

describe("the 使用说明 sheet prints", () => {
  const sheet = guideSheet();
  test("every paragraph's row is tall enough for its wrapped lines", () => {
    const heights = new Map(sheet.rowHeights.map((h) => [h.row, h.points]));
    const short = sheet.cells.flatMap((row, i) => {
      const text = row[0];
      if (typeof text !== "string" || i === 0) return [];
      const need = wrappedLines(text, GUIDE_WIDTH) * LINE_POINTS;
      const has = heights.get(i) ?? LINE_POINTS;
      return has >= need ? [] : [`row ${i + 1}: ${has} < ${need} points`];
    });
    expect(short).toEqual([]);
  });
  test("on A4 portrait, fitted to the width, in one column", () => {
    expect(sheet.print).toMatchObject({ orientation: "portrait", fitToWidth: true });
    expect(sheet.widths).toEqual([GUIDE_WIDTH]);
  });
});

describe("help.html stands alone", () => {
  test("loads nothing: no script, no stylesheet, no font, no image from anywhere", () => {
    expect(help).not.toMatch(/<script|<link|<img|@import|url\(/i);
  });
  test("prints on A4", () => {
    expect(help).toMatch(/@page\s*\{[^}]*A4/);
  });
});
