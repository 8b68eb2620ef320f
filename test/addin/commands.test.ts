import type * as Commands from "../../src/commands/commands";
import { calculateWorkbook } from "../../src/excel/host";
import { cellText } from "../../src/workbook/cells";
import { demoBranch } from "../../src/workbook/demo";
import { TEMPLATE_HEADER_ROW, templateGrid } from "../../src/workbook/template";
import { fakeEnv, fakeFromGrids, type FakeSetup } from "../support/excel-env";
import { compareVersions } from "../support/fake-excel/core";

/**
 * The ribbon's 一键计算 (src/commands/commands.ts) on a recording stub of `Office` and an
 * `Excel.run` that drives the strict fake Excel holding the demo branch: every way the command
 * can end completes the ribbon event exactly once, and only after Office has answered the
 * dialog request (or the calculation failed, or the time limit ran out). The dialog's text is
 * counts only — no member's name reaches its URL.
 */

type Answer = "open" | "throw" | number;

interface Stub {
  readonly commands: typeof Commands;
  /** What happened, in order: "callback:open", "callback:12004", "close", "completed", … */
  readonly log: string[];
  /** The arguments of every Excel.run call. */
  readonly runs: unknown[][];
  /** The dialog URLs asked for. */
  readonly urls: string[];
  readonly associated: string[];
  readonly fake: FakeSetup;
  /** How Office answers the next displayDialogAsync calls (default: opens). */
  readonly answers: Answer[];
  /** Handlers of the dialogs' DialogEventReceived, as Office would call them when she closes one. */
  readonly closeHandlers: (() => void)[];
  event(): { completed: jest.Mock; source: { id: string } };
}

const demoFake = (maxApi = "1.12"): FakeSetup => fakeEnv(fakeFromGrids(demoBranch().sheets.map((s) => ({ name: s.name, grid: templateGrid(s) }))), maxApi);

/** Install the globals and load the command's module afresh (it keeps the last dialog between runs). */
function load(options: { maxApi?: string; run?: (batch: (c: Excel.RequestContext) => Promise<unknown>) => Promise<unknown> } = {}): Stub {
  const maxApi = options.maxApi ?? "1.12";
  const fake = demoFake(maxApi);
  const log: string[] = [];
  const runs: unknown[][] = [];
  const urls: string[] = [];
  const associated: string[] = [];
  const answers: Answer[] = [];
  const closeHandlers: (() => void)[] = [];
  const Succeeded = 0;
  const Failed = 1;
  Object.assign(globalThis, {
    window: { location: { href: "https://localhost:3000/commands.html" } },
    Office: {
      onReady: (f: () => void) => {
        f();
        return Promise.resolve();
      },
      actions: { associate: (name: string) => void associated.push(name) },
      AsyncResultStatus: { Succeeded, Failed },
      EventType: { DialogEventReceived: "dialogEventReceived" },
      context: {
        requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && compareVersions(v, maxApi) <= 0 },
        ui: {
          displayDialogAsync: (url: string, _options: unknown, callback: (r: unknown) => void) => {
            const answer = answers.shift() ?? "open";
            if (answer === "throw") throw new Error("Office.context.ui is not available");
            urls.push(url);
            // Office answers later, never inside the call.
            setTimeout(() => {
              log.push(`callback:${answer}`);
              if (answer === "open") {
                const dialog = {
                  close: () => void log.push("close"),
                  addEventHandler: (_type: string, handler: () => void) => void closeHandlers.push(handler),
                };
                callback({ status: Succeeded, value: dialog });
              } else callback({ status: Failed, error: { code: answer, name: "Error", message: "" } });
            }, 0);
          },
        },
      },
    },
    Excel: {
      run: (...args: unknown[]) => {
        runs.push(args);
        const batch = args[args.length - 1] as (c: Excel.RequestContext) => Promise<unknown>;
        return (options.run ?? ((b) => fake.excel.run(b)))(batch);
      },
    },
  });
  let commands: typeof Commands | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the globals above
    commands = require("../../src/commands/commands") as typeof Commands;
  });
  return {
    commands: commands as typeof Commands,
    log,
    runs,
    urls,
    associated,
    fake,
    answers,
    closeHandlers,
    event: () => ({ completed: jest.fn(() => void log.push("completed")), source: { id: "calculate" } }),
  };
}

/** The text a dialog URL carries. */
const textOf = (url: string): string => new URL(url).searchParams.get("text") ?? "";

/** Every member's name in the demo's 党员名册. */
function memberNames(): string[] {
  const roster = demoBranch().sheets.find((s) => s.name === "党员名册");
  const grid = templateGrid(roster as never);
  const col = (grid[TEMPLATE_HEADER_ROW - 1] as unknown[]).indexOf("姓名");
  expect(col).toBeGreaterThanOrEqual(0);
  return grid.slice(TEMPLATE_HEADER_ROW).map((r) => cellText(r[col] ?? null));
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
  jest.useRealTimers();
});

const summary = { scored: 25, perGrade: { 优秀: 7, 合格: 16, 基本合格: 1, 不合格: 1 }, branchNominees: 7, instituteNominees: 2 };

describe("the dialog text (issue 12)", () => {
  test("the command registers 一键计算 as the manifest's action id", () => {
    expect(load().associated).toEqual(["calculate"]);
  });

  test("a final result: 计算完成, no draft wording", () => {
    const t = load().commands.resultText(summary, 0, "年终");
    expect(t.split("\n")[0]).toBe("计算完成：计分 25 人。");
    expect(t).not.toContain("草稿");
    expect(t).toContain("表彰推荐：支部表彰 7 人，其中所级 2 人。");
  });

  test("a draft: 已计算（草稿）——有 N 条错误 first, never 计算完成, and how to make it final", () => {
    const t = load().commands.resultText(summary, 3, "年终");
    expect(t.split("\n")[0]).toBe("已计算（草稿）——有 3 条错误。计分 25 人。");
    expect(t).not.toContain("计算完成");
    expect(t).toContain("请按“问题清单”表改正错误后重新计算");
  });
});

describe("一键计算 completes the ribbon event once, after Office has answered", () => {
  test("dialog opened: the demo is computed in the workbook, its counts shown, then completed", async () => {
    const s = load();
    const event = s.event();
    await s.commands.calculate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(s.log).toEqual(["callback:open", "completed"]);
    expect(s.urls).toHaveLength(1);
    // The same result a calculation of the same workbook gives, and it was written there.
    const expected = await calculateWorkbook(demoFake().env);
    const r = expected.run;
    expect(textOf(s.urls[0] as string)).toBe(s.commands.resultText(r.result.summary, r.verdict.errors, r.result.settings.period));
    expect(s.fake.workbook.sheetNames()).toContain("综合评定");
    expect(new URL(s.urls[0] as string).pathname).toBe("/result.html");
    for (const name of memberNames()) expect(decodeURIComponent(s.urls[0] as string)).not.toContain(name);
    expect(warn).not.toHaveBeenCalled();
  });

  test.each([
    ["12004 (domain not trusted)", 12004],
    ["12005 (HTTPS required)", 12005],
    ["12007 with no dialog of ours to close", 12007],
    ["any other failure (12009: she chose to ignore it)", 12009],
  ])("dialog error %s: no dialog, the console says why, completed after the callback", async (_label, code) => {
    const s = load();
    s.answers.push(code);
    const event = s.event();
    await s.commands.calculate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(s.log).toEqual([`callback:${code}`, "completed"]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain(String(code));
    // The workbook still has the result: the fallback is the sheets themselves.
    expect(s.fake.workbook.sheetNames()).toContain("综合评定");
  });

  test("12007 while the last result is still open: that one is closed and the new one shown", async () => {
    const s = load();
    const first = s.event();
    await s.commands.calculate(first);
    s.answers.push(12007, "open");
    const second = s.event();
    await s.commands.calculate(second);
    expect(first.completed).toHaveBeenCalledTimes(1);
    expect(second.completed).toHaveBeenCalledTimes(1);
    expect(s.log).toEqual(["callback:open", "completed", "callback:12007", "close", "callback:open", "completed"]);
    expect(s.urls).toHaveLength(3);
    expect(warn).not.toHaveBeenCalled();
  });

  test("12007 after she closed the last result herself: nothing to close, so the fallback, once", async () => {
    const s = load();
    await s.commands.calculate(s.event());
    for (const h of s.closeHandlers) h();
    s.answers.push(12007);
    const event = s.event();
    await s.commands.calculate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(s.log.slice(2)).toEqual(["callback:12007", "completed"]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test("displayDialogAsync itself throws: completed anyway, once", async () => {
    const s = load();
    s.answers.push("throw");
    const event = s.event();
    await s.commands.calculate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(s.log).toEqual(["completed"]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test("the calculation throws: its wording from the code alone, in the dialog, then completed", async () => {
    const name = memberNames()[0] as string;
    const s = load({
      run: () => {
        // Excel.run may throw before returning a promise; the message quotes the workbook.
        throw Object.assign(new Error(`cell of ${name} is being edited`), { code: "InvalidOperationInCellEditMode" });
      },
    });
    const event = s.event();
    await s.commands.calculate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(s.log).toEqual(["callback:open", "completed"]);
    const text = textOf(s.urls[0] as string);
    expect(text).toContain("单元格编辑状态");
    expect(text).not.toContain(name);
  });

  test("the calculation rejects with no code: a generic sentence, not the message", async () => {
    const name = memberNames()[1] as string;
    const s = load({ run: () => Promise.reject(new Error(`sheet ${name} broke`)) });
    const event = s.event();
    await s.commands.calculate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    const text = textOf(s.urls[0] as string);
    expect(text).toContain("操作未完成");
    expect(text).not.toContain(name);
    expect(text).not.toContain("broke");
  });

  test("nothing answers: completed at the time limit, once, and no dialog after it", async () => {
    jest.useFakeTimers();
    let finish: (v: unknown) => void = () => undefined;
    const s = load({ run: () => new Promise((resolve) => (finish = resolve)) });
    const limit = s.commands.COMMAND_TIME_LIMIT_MS;
    expect(limit).toBeLessThan(5 * 60 * 1000);
    const event = s.event();
    const done = s.commands.calculate(event);
    await jest.advanceTimersByTimeAsync(limit - 1);
    expect(event.completed).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    await done;
    expect(event.completed).toHaveBeenCalledTimes(1);
    // The calculation ends late: the command is over, so no dialog and no second completion.
    finish({ run: { result: { summary, settings: { period: "年终" } }, verdict: { errors: 0 } }, syncs: 4, skipped: [], degraded: [] });
    await jest.advanceTimersByTimeAsync(1000);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(s.urls).toEqual([]);
    expect(s.log).toEqual(["completed"]);
  });
});

describe("Excel waits for cell editing to end only where ExcelApi 1.11 is supported", () => {
  test("ExcelApi 1.11: Excel.run({ delayForCellEdit: true }, batch)", async () => {
    const s = load({ maxApi: "1.11" });
    await s.commands.calculate(s.event());
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]).toHaveLength(2);
    expect(s.runs[0]?.[0]).toEqual({ delayForCellEdit: true });
    expect(typeof s.runs[0]?.[1]).toBe("function");
    expect(s.fake.workbook.sheetNames()).toContain("综合评定");
  });

  test("ExcelApi 1.10: Excel.run(batch), no options", async () => {
    const s = load({ maxApi: "1.10" });
    await s.commands.calculate(s.event());
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]).toHaveLength(1);
    expect(typeof s.runs[0]?.[0]).toBe("function");
    expect(s.fake.workbook.sheetNames()).toContain("综合评定");
  });
});
