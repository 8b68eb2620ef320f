/**
 * 测评票 (issue 13 item 1): the printable ballots from the roster, as a sheet description.
 * Here the cells, breaks and marks; the PDF pages were printed with LibreOffice and looked at
 * by hand (no print test of 测评票 yet).
 */
import { defaultSettings, type Settings } from "../../src/core/settings";
import type { Member } from "../../src/core/types";
import { ballotFormsSheet, ballotMembers } from "../../src/workbook/ballots";
import { cellText } from "../../src/workbook/cells";
import { OUTPUT_MARK } from "../../src/workbook/layout";
import type { FreeSheet } from "../../src/workbook/sheetdoc";
import { member } from "../core/builders";

const roster = (n: number): Member[] => Array.from({ length: n }, (_, i) => member(`G${String(i + 1).padStart(2, "0")}`));
const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), branchName: "光栅室党支部", year: 2026, ...over });
const sheetOf = (members: readonly Member[], s = settings(), errors = 0): FreeSheet => ballotFormsSheet(members, s, { period: "年终", errors });
const texts = (sheet: FreeSheet): string[][] => sheet.cells.map((r) => r.map((v) => cellText(v)));
/** Zero-based rows whose first cell is 序号: the table header rows. */
const headerRows = (sheet: FreeSheet): number[] => texts(sheet).flatMap((r, i) => (r[0] === "序号" ? [i] : []));

test("two forms, each headed and with its own marks; 不参评 members are not on them", () => {
  const members = [...roster(3), member("X1", { participating: false })];
  const sheet = sheetOf(members);
  const t = texts(sheet);
  expect(sheet.name).toBe("测评票");
  expect(sheet.title).not.toContain(OUTPUT_MARK);
  expect(sheet.mark).toBe(true);
  const headers = headerRows(sheet).map((r) => t[r]);
  expect(headers).toEqual([
    ["序号", "编号", "姓名", "优秀", "合格", "基本合格", "不合格", "意见建议"],
    ["序号", "编号", "姓名", "满意", "比较满意", "基本满意", "不满意", "意见建议"],
  ]);
  expect(t.slice(1).map((r) => r[0] ?? "").filter((x) => x.includes("测评票"))).toEqual(["光栅室党支部民主评议党员党员互评测评票", "光栅室党支部民主评议党员群众评议测评票"]);
  const ids = t.filter((r) => /^\d+$/.test(r[0] ?? "")).map((r) => r[1]);
  expect(ids).toEqual(["G01", "G02", "G03", "G01", "G02", "G03"]);
  expect(t.flat()).toContain("票号");
  // The 群众 form starts a new page, and the print area leaves the sheet's title row out.
  const massTitle = t.findIndex((r) => r[0] === "光栅室党支部民主评议党员群众评议测评票");
  expect(sheet.print.rowBreaks).toEqual([massTitle + 1]); // one-based: a break above that row
  expect(sheet.print.area?.startsWith("A3:")).toBe(true);
  expect(sheet.print.orientation).toBe("portrait");
});

test("预备党员 are on the ballot marked 不评定等次，供参考, or left off by the setting", () => {
  const members = [member("G01"), member("G02", { category: "预备党员", name: "于洁" })];
  const rowOf = (s: FreeSheet): string[] | undefined => texts(s).find((r) => r[1] === "G02");
  const on = rowOf(sheetOf(members));
  expect(on?.[2]).toBe("于洁（预备党员）");
  expect(on?.[7]).toBe("不评定等次，供参考");
  expect(ballotMembers(members, settings({ ballotProbationary: false })).map((m) => m.id)).toEqual(["G01"]);
  expect(rowOf(sheetOf(members, settings({ ballotProbationary: false })))).toBeUndefined();
});

test("a long roster continues on further pages, the header row written again at the top of each", () => {
  const sheet = sheetOf(roster(70));
  const headers = headerRows(sheet);
  // Each page after a form's first starts with a header row: every break but the 群众 form's
  // own start is directly followed (one-based break row = zero-based row + 1) by a header.
  for (const b of sheet.print.rowBreaks) expect(texts(sheet)[b - 1]?.[0]).toMatch(/^(序号|光栅室党支部民主评议党员群众评议测评票)$/);
  expect(headers.length).toBe(sheet.print.rowBreaks.length + 1);
  expect(headers.length).toBeGreaterThanOrEqual(4); // 70 rows do not fit on one page per form
  // Every member once per form, numbered 1–70 in roster order.
  const numbers = texts(sheet).filter((r) => /^\d+$/.test(r[0] ?? "")).map((r) => Number(r[0]));
  expect(numbers).toEqual([...Array.from({ length: 70 }, (_, i) => i + 1), ...Array.from({ length: 70 }, (_, i) => i + 1)]);
  // No page holds more rows than an A4 page: between two breaks at most 700 pt of rows.
  const heights = new Map(sheet.rowHeights.map((h) => [h.row, h.points]));
  const starts = [2, ...sheet.print.rowBreaks.map((b) => b - 1), sheet.cells.length];
  for (let i = 0; i + 1 < starts.length; i++) {
    let points = 0;
    for (let r = starts[i] as number; r < (starts[i + 1] as number); r++) points += heights.get(r) ?? 15;
    expect(points).toBeLessThanOrEqual(734); // 11.69 in less two 0.75 in margins
  }
});

test("a roster of 28 fits each form on one page", () => {
  expect(sheetOf(roster(28)).print.rowBreaks).toHaveLength(1); // only the 群众 form's start
});

test("built from a roster with 错误, the ballots say 草稿 in the title, each form's heading and the page header", () => {
  const sheet = sheetOf(roster(3), settings(), 2);
  expect(sheet.title.startsWith("草稿：数据有 2 条错误未改正")).toBe(true);
  expect(texts(sheet).filter((r) => (r[0] ?? "").includes("测评票（草稿）"))).toHaveLength(2);
  expect(sheet.print.header).toContain("草稿");
  const final = sheetOf(roster(3));
  expect(JSON.stringify(final)).not.toContain("草稿");
});
