/**
 * Column keys are literal types: the parser names a column by key (`row.get("weight")`), and a
 * misspelt key must fail `tsc` (test/ is type-checked), not read a blank column at run time.
 * Each `@ts-expect-error` below is itself checked: if the line compiled, tsc would report the
 * directive as unused.
 */
import { GRADES } from "../../src/core/types";
import { ACTIVITY_SHEET, type ColumnKey, PLEDGE_SHEET, RESULT_SHEET, ROSTER_SHEET, SETTINGS_SHEET, VOTES_SHEET } from "../../src/workbook/layout";
import { findHeader, type RowReader } from "../../src/workbook/parse";

type PledgeKey = ColumnKey<typeof PLEDGE_SHEET>;

// Exhaustive both ways: a key missing here, or one the sheet lacks, is a compile error. So the
// inferred key type is exactly the declared columns, not `string`.
const pledgeKeys: Record<PledgeKey, true> = {
  id: true,
  name: true,
  type: true,
  content: true,
  due: true,
  weight: true,
  submitted: true,
  review: true,
  completion: true,
  reason: true,
  score: true,
};
const settingsKeys: Record<ColumnKey<typeof SETTINGS_SHEET>, true> = { key: true, value: true, note: true };

const row: RowReader<PledgeKey> = { r: 0, get: () => null, addr: (key) => key };

test("every declared key is accepted; a misspelt or foreign one does not compile", () => {
  expect(Object.keys(pledgeKeys)).toEqual(PLEDGE_SHEET.columns.map((c) => c.key));
  expect(Object.keys(settingsKeys)).toEqual(SETTINGS_SHEET.columns.map((c) => c.key));
  expect(row.addr("weight")).toBe("weight");
  // @ts-expect-error -- "wieght" is not a column of 个人承诺
  expect(row.get("wieght")).toBeNull();
  // @ts-expect-error -- "category" is a column of 活动记录, not of 个人承诺
  expect(row.addr("category")).toBe("category");

  const header = findHeader([["编号", "姓名", "类别"]], ACTIVITY_SHEET);
  expect(header?.cols.has("category")).toBe(true);
  // @ts-expect-error -- "catgeory" is not a column of 活动记录
  expect(header?.cols.has("catgeory")).toBe(false);

  const roster = findHeader([["编号", "姓名"]], ROSTER_SHEET);
  // @ts-expect-error -- 党员名册 has no "weight"
  expect(roster?.cols.get("weight")).toBeUndefined();
});

test("the vote count columns are keys built from the grades", () => {
  const votes = findHeader([["编号", "姓名", "互评优秀"]], VOTES_SHEET);
  // `peer_${g}` for every grade is a key of 评议打分: the template literal is checked too.
  expect(GRADES.map((g) => votes?.cols.get(`peer_${g}`))).toEqual([2, undefined, undefined, undefined]);
  // @ts-expect-error -- "peer_满意" mixes the 互评 prefix with a 群众 level
  expect(votes?.cols.get("peer_满意")).toBeUndefined();
});

test("output columns are named by literal headers", () => {
  expect(RESULT_SHEET.columns.findIndex((c) => c.header === "综合得分")).toBe(8);
  // @ts-expect-error -- 综合评定 has no column "综合得份" (a typo of 综合得分): the comparison cannot be true
  expect(RESULT_SHEET.columns.findIndex((c) => c.header === "综合得份")).toBe(-1);
});
