/**
 * The template as a form (issue 15, items 2, 3 and 9): a printed guidance line above every
 * input sheet's header; header rows as high as their wrapped text; number and date rules with
 * Chinese alerts; wide sheets printed about a dozen columns a page. And the parser reads both
 * layouts, the header in row 2 under the guidance (the template now) and in row 1 (workbooks
 * made before), to the same results.
 */
import { defaultSettings } from "../../src/core/settings";
import { tallySheets } from "../../src/workbook/ballots";
import { headerKey } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { runEngine } from "../../src/workbook/engine";
import { INPUT_SHEETS, ROSTER_SHEET } from "../../src/workbook/layout";
import { parseDatePrefix } from "../../src/workbook/values";
import { TEMPLATE_HEADER_ROW, templateGrid, templateLayout, type TemplateSheet, templateSheets, wrappedLineCount } from "../../src/workbook/template";

const settings = { ...defaultSettings(), year: 2026 };
/** The demo's roster, as the 计票 sheets are made from it. */
const members = runEngine(
  demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) })),
  { fallbackYear: 2026 },
).parsed.input.members;

/** Every sheet the template writes: the blank one, the demo's (24 sessions), the 计票 sheets. */
const everySheet = (): TemplateSheet[] => [...templateSheets(settings), ...demoBranch().sheets.filter((s) => s.name === "学习考勤"), ...tallySheets(members, settings)];

/** A lower bound on a text's lines in a column `width` characters wide, worked out independently: its width units (CJK 2) over the width. */
const atLeastLines = (text: string, width: number): number => Math.ceil([...text].reduce((n, ch) => n + (ch.charCodeAt(0) >= 0x2000 ? 2 : 1), 0) / width);

describe("header rows as high as their wrapped text", () => {
  test("hand-counted wraps: CJK two units, a date kept whole, one unit kept for padding", () => {
    // 群众基本满意: 12 units; a width of 8 holds 7, so 3 characters a line: 群众基 / 本满意.
    expect(wrappedLineCount("群众基本满意", 8)).toBe(2);
    // 2026-01-05 集中学习 at 12: the date (10) on the first line, 集中学习 (8) on the second.
    expect(wrappedLineCount("2026-01-05 集中学习", 12)).toBe(2);
    expect(wrappedLineCount("编号", 10)).toBe(1);
    // A word longer than the line is broken: 20 digits at 8 (7 a line) take 3 lines.
    expect(wrappedLineCount("12345678901234567890", 8)).toBe(3);
  });

  test("评议打分: the vote-count headers (互评基本合格 … 群众不满意) get two lines of 15 points and padding", () => {
    const votes = templateSheets(settings).find((s) => s.name === "评议打分") as TemplateSheet;
    // 互评基本合格 in a width of 8: 3 characters a line, 2 lines: 2 × 15 + 6 = 36 points.
    expect(templateLayout(votes, "评议打分").headerPoints).toBe(36);
  });

  test("every sheet the template writes: the header row holds each header's lines, the guidance row its sentence", () => {
    for (const sheet of everySheet()) {
      const layout = templateLayout(sheet, sheet.name);
      for (const c of sheet.columns) {
        expect({ sheet: sheet.name, header: c.header, fits: layout.headerPoints >= atLeastLines(c.header, c.width) * 15 }).toEqual({ sheet: sheet.name, header: c.header, fits: true });
      }
      const from = layout.guidanceFrom - 1;
      const widths = sheet.columns.flatMap((c) => Array<number>(c.span ?? 1).fill(c.width)).slice(from, from + layout.guidanceColumns);
      const width = widths.reduce((a, b) => a + b, 0);
      expect({ sheet: sheet.name, fits: layout.guidancePoints >= atLeastLines(sheet.guidance, width) * 15 }).toEqual({ sheet: sheet.name, fits: true });
    }
  });
});

describe("the guidance line", () => {
  test("every input sheet has one: a sentence, not a header of any sheet, not beginning with a date", () => {
    const headers = new Set(INPUT_SHEETS.flatMap((d) => d.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])])).map(headerKey));
    for (const sheet of [...templateSheets(settings), ...tallySheets(members, settings)]) {
      expect(sheet.guidance.length).toBeGreaterThan(20);
      expect(headers.has(headerKey(sheet.guidance))).toBe(false);
      expect(parseDatePrefix(sheet.guidance, 2026)).toBeNull();
      expect(templateGrid(sheet)[0]?.filter((v) => v !== null)).toEqual([sheet.guidance]);
    }
  });

  test("党员名册's 编号 note is the roster's own, not 与党员名册的编号一致", () => {
    const id = ROSTER_SHEET.columns.find((c) => c.key === "id");
    expect(id?.note).not.toContain("党员名册");
    expect(id?.note).toContain("不可重复");
  });
});

describe("number and date rules", () => {
  const sheets = templateSheets(settings);
  const column = (sheet: string, header: string) => sheets.find((s) => s.name === sheet)?.columns.find((c) => c.header === header);

  test("vote counts whole ≥ 0, 权重 ≥ 0, 考核得分 0–100, 加分 −20…20, dates in 2026 (a warning), each alert in Chinese", () => {
    for (const h of ["互评优秀", "互评合格", "互评基本合格", "互评不合格", "群众满意", "群众比较满意", "群众基本满意", "群众不满意"]) {
      expect(column("评议打分", h)?.validation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formula1: "0", style: "stop" });
    }
    expect(column("个人承诺", "权重")?.validation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", formula1: "0" });
    expect(column("个人承诺", "考核得分")?.validation).toMatchObject({ type: "decimal", operator: "between", formula1: "0", formula2: "100" });
    expect(column("活动记录", "加分")?.validation).toMatchObject({ type: "decimal", operator: "between", formula1: "-20", formula2: "20" });
    for (const [sheet, h] of [["个人承诺", "提交日期"], ["活动记录", "日期"]] as const) {
      expect(column(sheet, h)?.validation).toMatchObject({ type: "date", operator: "between", formula1: "2026-01-01", formula2: "2026-12-31", style: "warning" });
    }
    for (const s of sheets) {
      for (const c of s.columns) {
        if (!c.validation) continue;
        // Excel's limits: a title of 32 characters, a message of 225.
        expect(c.validation.title.length).toBeLessThanOrEqual(32);
        expect(c.validation.message.length).toBeLessThanOrEqual(225);
        expect(c.validation.message).toContain(`“${c.header}”`);
        expect(c.list).toBeUndefined();
      }
    }
  });

  test("入党时间 takes a month as text (2005年7月): no date rule refuses it", () => {
    expect(column("党员名册", "入党时间")?.validation).toBeUndefined();
  });
});

describe("wide sheets print about a dozen columns a page", () => {
  test("学习考勤 and the 计票 sheets repeat their first two columns and the header row, at a scale; the others fit the width", () => {
    for (const sheet of everySheet()) {
      const { print } = templateLayout(sheet, sheet.name);
      expect(print.titleRows).toEqual([TEMPLATE_HEADER_ROW, TEMPLATE_HEADER_ROW]);
      expect(print.header).toBe(sheet.name);
      if (sheet.name === "学习考勤" || sheet.name.endsWith("计票")) {
        expect({ sheet: sheet.name, titleColumns: print.titleColumns, fit: print.fitToWidth }).toEqual({ sheet: sheet.name, titleColumns: [1, 2], fit: false });
        // The guidance starts after them: in them it would print, cut off, at the top of every later page.
        expect(templateLayout(sheet, sheet.name).guidanceFrom).toBe(3);
      } else {
        expect({ sheet: sheet.name, titleColumns: print.titleColumns, fit: print.fitToWidth }).toEqual({ sheet: sheet.name, titleColumns: undefined, fit: true });
      }
    }
  });

  test("学习考勤's scale: 编号, 姓名 and 12 sessions fit on landscape A4, 13 do not", () => {
    const attendance = demoBranch().sheets.find((s) => s.name === "学习考勤") as TemplateSheet;
    const scale = (templateLayout(attendance, "学习考勤").print.scale ?? 100) / 100;
    // Excel's Calibri: a column of w characters is 7w + 5 pixels, ¾ point each. 编号 and 姓名
    // are 10 wide (75 px each), a session 12 (89 px). The page: 11.69 in less two 0.5 in margins.
    const page = (11.69 - 1) * 72;
    const points = (sessions: number): number => (2 * 75 + sessions * 89) * 0.75 * scale;
    expect(points(12)).toBeLessThanOrEqual(page);
    expect(points(13)).toBeGreaterThan(page);
  });
});

describe("the parser reads the header in row 2 under the guidance, and in row 1 as before", () => {
  test("the demo both ways: the same members, scores and grades; every issue one row lower with the guidance", () => {
    const withGuidance = demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) }));
    const before = withGuidance.map((s) => ({ name: s.name, grid: s.grid.slice(1) }));
    const a = runEngine(withGuidance, { fallbackYear: 2026 });
    const b = runEngine(before, { fallbackYear: 2026 });
    const scores = (r: typeof a) => r.result.members.map((m) => [m.member.id, m.total, m.rank, m.final]);
    expect(scores(a)).toEqual(scores(b));
    expect(a.result.members).toHaveLength(28);
    // 24 sessions both ways: the guidance above 学习考勤's header is no session and no date row.
    expect(a.parsed.input.sessions).toHaveLength(24);
    expect(b.parsed.input.sessions).toHaveLength(24);
    const down = (cell: string): string => cell.replace(/\d+$/, (n) => String(Number(n) + 1));
    expect(a.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual(b.issues.map((i) => [i.code, i.sheet, i.cell === "" ? "" : down(i.cell)]));
    expect(a.issues.some((i) => i.code === "header_not_found")).toBe(false);
  });

  test("a blank template reads as empty sheets, not as a header missing or a member called by the guidance", () => {
    const grids = templateSheets(settings).map((s) => ({ name: s.name, grid: templateGrid(s) }));
    const run = runEngine(grids, { fallbackYear: 2026 });
    expect(run.issues.filter((i) => i.level === "错误").map((i) => i.code)).toEqual(["roster_empty"]);
    expect(run.result.settings.year).toBe(2026);
  });
});
