/**
 * Generated branches of any size, as the grids a host reads, for scale tests and benchmarks:
 * every input sheet filled, one session column per session, deterministic.
 */
import { dateFromDay, dayFromYMD, formatDay } from "../../src/core/dates";
import { defaultSettings } from "../../src/core/settings";
import type { CellValue } from "../../src/workbook/cells";
import { ACTIVITY_SHEET, PLEDGE_SHEET, ROSTER_SHEET, VOTES_SHEET } from "../../src/workbook/layout";
import type { SheetGrid } from "../../src/workbook/parse";
import { seededRandom } from "../../src/workbook/random";
import { settingsRows } from "../../src/workbook/template";

const MARKS = ["出席", "出席", "出席", "出席", "迟到", "请假", "补学", "缺席"] as const;

export function bigBranch(members: number, sessions: number, seed = 7): SheetGrid[] {
  const r = seededRandom(seed);
  const year = 2026;
  const id = (i: number): string => `M${String(i + 1).padStart(5, "0")}`;
  const name = (i: number): string => `党员${i + 1}`;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const settings = { ...defaultSettings(), branchName: `生成支部 ${members} 人`, year };
  const header = (cols: readonly { header: string }[]): string[] => cols.map((c) => c.header);

  const roster: CellValue[][] = [header(ROSTER_SHEET.columns)];
  for (let i = 0; i < members; i++) {
    roster.push([id(i), name(i), i % 2 ? "女" : "男", i % 20 === 19 ? "预备党员" : "正式党员", `第${(i % 5) + 1}党小组`, dateFromDay(dayFromYMD(1990 + (i % 30), 7, 1)), "研究员", i % 97 === 96 ? "不参评" : "参评", i % 97 === 96 ? "病假" : null, i % 53 === 52 ? "有" : "无", null]);
  }
  const pledges: CellValue[][] = [header(PLEDGE_SHEET.columns)];
  for (let i = 0; i < members; i++) {
    pledges.push([id(i), name(i), "岗位承诺", "完成年度任务", `${year}年12月`, 1, dateFromDay(dayFromYMD(year, 9, 1)), "通过", pick(["完成", "完成", "完成", "基本完成"]), null, null]);
  }
  const dates = Array.from({ length: sessions }, (_, k) => dayFromYMD(year, 1, 1) + Math.floor((k * 360) / Math.max(1, sessions)));
  const attendance: CellValue[][] = [["编号", "姓名", ...dates.map((d) => `${formatDay(d)} 学习`)]];
  for (let i = 0; i < members; i++) attendance.push([id(i), name(i), ...dates.map(() => pick(MARKS))]);
  const activities: CellValue[][] = [header(ACTIVITY_SHEET.columns)];
  for (let i = 0; i < members; i++) {
    for (const cat of ["读书笔记", "心得体会", "建言献策"]) {
      if (r() < 0.7) activities.push([id(i), name(i), dateFromDay(dayFromYMD(year, 1 + Math.floor(r() * 12), 10)), cat, "学习", null, null]);
    }
  }
  const votes: CellValue[][] = [header(VOTES_SHEET.columns)];
  for (let i = 0; i < members; i++) {
    const v = (n: number): number => Math.floor(r() * n);
    votes.push(["年终", id(i), name(i), "合格", v(20), v(10), v(3), v(2), v(10), v(5), v(2), v(1), null, null]);
  }
  return [
    { name: "参数设置", grid: [["参数", "值", "说明"], ...settingsRows(settings)] },
    { name: "党员名册", grid: roster },
    { name: "个人承诺", grid: pledges },
    { name: "学习考勤", grid: attendance },
    { name: "活动记录", grid: activities },
    { name: "评议打分", grid: votes },
  ];
}
