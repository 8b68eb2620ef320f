import { dayFromYMD, firstHalfWindow, formatDay, inWindow, yearWindow } from "../../src/core/dates";

type YMD = [number, number, number];

describe("day numbers", () => {
  test.each<{ from: YMD; to: YMD; days: number }>([
    // Mar 1 → Aug 1 = 31 + 30 + 31 + 30 + 31 = 153 days; → Aug 28 = 153 + 27 = 180
    { from: [2010, 3, 1], to: [2010, 8, 28], days: 180 },
    { from: [2010, 3, 1], to: [2010, 8, 27], days: 179 },
    // Jan 1 → Jun 30 = 31 + 28 + 31 + 30 + 31 + 29 = 180
    { from: [2010, 1, 1], to: [2010, 6, 30], days: 180 },
    { from: [2010, 12, 31], to: [2011, 1, 1], days: 1 },
  ])("$from → $to is $days days", ({ from, to, days }) => {
    expect(dayFromYMD(...to) - dayFromYMD(...from)).toBe(days);
  });

  test("formatDay round-trips", () => {
    expect(formatDay(dayFromYMD(2010, 9, 14))).toBe("2010-09-14");
  });
});

describe("period windows (上半年 = 1 January to 30 June inclusive)", () => {
  test.each<{ ymd: YMD; half: boolean; year: boolean }>([
    { ymd: [2010, 1, 1], half: true, year: true },
    { ymd: [2010, 6, 30], half: true, year: true },
    { ymd: [2010, 7, 1], half: false, year: true },
    { ymd: [2010, 12, 31], half: false, year: true },
    { ymd: [2009, 12, 31], half: false, year: false },
    { ymd: [2011, 1, 1], half: false, year: false },
  ])("$ymd: 上半年 $half, 年终 $year", ({ ymd, half, year }) => {
    const d = dayFromYMD(...ymd);
    expect(inWindow(d, firstHalfWindow(2010))).toBe(half);
    expect(inWindow(d, yearWindow(2010))).toBe(year);
  });
});
