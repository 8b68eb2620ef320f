/**
 * What 打印测评票 says (src/messages/ballots.ts), in the pane and on the page: the exact
 * sentences, so a change of wording is a change someone meant.
 */
import { ballotDoneLines, ballotDraftLead, ballotDraftTail, ballotForeignFix, ballotsNoPrintSetup } from "../../src/messages/ballots";

const made = { year: 2026, period: "年终" as const, members: 27, created: ["互评计票", "群众计票"], kept: [] };

test("in Excel: print from the 测评票 sheet; the 计票 sheets made", () => {
  expect(ballotDoneLines({ ...made, place: { kind: "excel" } })).toEqual([
    "已生成测评票（2026年 年终）：党员互评、群众评议各一式，27 人；请在“测评票”工作表中打印（文件 → 打印）。",
    "已创建“互评计票”“群众计票”工作表，收回的票每张录入一行。",
  ]);
});

test("on the page: the downloaded file named, printed from WPS or LibreOffice, ballots typed into that file", () => {
  expect(ballotDoneLines({ ...made, created: ["群众计票"], kept: ["互评计票"], place: { kind: "file", name: "支部-测评票.xlsx" } })).toEqual([
    "已生成测评票（2026年 年终）：党员互评、群众评议各一式，27 人；已下载为“支部-测评票.xlsx”，请用 WPS 或 LibreOffice 打开后在“测评票”工作表中打印。",
    "已创建“群众计票”工作表，收回的票每张录入一行（录入在下载的文件中，再用它计算）。",
    "“互评计票”已有录入的票，未改动。",
  ]);
});

test("a draft: where the ballots are, never how to print them; the lead and tail say why and what to do", () => {
  expect(ballotDoneLines({ ...made, created: [], kept: ["互评计票", "群众计票"], place: { kind: "excel" } }, true)).toEqual([
    "测评票（2026年 年终，党员互评、群众评议各一式，27 人）已写入“测评票”工作表。",
    "“互评计票”“群众计票”已有录入的票，未改动。",
  ]);
  expect(ballotDoneLines({ ...made, created: [], place: { kind: "file", name: "a-测评票.xlsx" } }, true)).toEqual([
    "测评票（2026年 年终，党员互评、群众评议各一式，27 人）已下载为“a-测评票.xlsx”。",
  ]);
  expect(ballotDraftLead(2)).toBe("已生成测评票（草稿）——党员名册或参数设置有 2 条错误");
  expect(ballotDraftTail(false)).toBe("测评票标有“草稿”：改正错误后重新点击“打印测评票”，再打印。");
  expect(ballotDraftTail(true)).toBe("其余点击“检查数据”查看。测评票标有“草稿”：改正错误后重新点击“打印测评票”，再打印。");
  expect(ballotForeignFix("测评票")).toBe("将该表改名（例如“测评票（手工）”）后重新点击“打印测评票”，测评票会写入新的“测评票”表");
  expect(ballotsNoPrintSetup("ExcelApi 1.9")).toContain("需要 ExcelApi 1.9");
});
