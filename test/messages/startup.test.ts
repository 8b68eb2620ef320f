/**
 * The start-up messages of the task pane: every problem worded, in Chinese, with something to
 * try, and no holes. The samples are a table over the codes, so a new code without one does not
 * compile. The browser test (test/browser/startup.test.ts) shows them on the page.
 */
import { OFFICE_JS_HOST, startupText, type StartupProblem } from "../../src/messages/startup";

const SAMPLES: { readonly [C in StartupProblem["code"]]: Extract<StartupProblem, { code: C }> } = {
  office_js_missing: { code: "office_js_missing" },
  office_timeout: { code: "office_timeout", seconds: 15 },
  not_in_excel: { code: "not_in_excel" },
  excel_too_old: { code: "excel_too_old", minApi: "1.7" },
};

const CJK = /[\u3400-\u9fff]/;
const HOLES = ["undefined", "null", "NaN", "[object", "${"];

test.each(Object.values(SAMPLES))("$code: what is wrong and what to try, in Chinese", (p) => {
  const t = startupText(p);
  expect(t.problem).toMatch(CJK);
  expect(t.tries.length).toBeGreaterThan(0);
  for (const s of [t.problem, ...t.tries, t.browserPage ?? ""]) for (const hole of HOLES) expect(s).not.toContain(hole);
});

test("the network problems name the host to let through; the time-out names its seconds", () => {
  for (const p of [SAMPLES.office_js_missing, SAMPLES.office_timeout]) expect(startupText(p).tries.join("")).toContain(OFFICE_JS_HOST);
  expect(startupText({ code: "office_timeout", seconds: 7 }).problem).toContain("7 秒");
  expect(startupText(SAMPLES.not_in_excel).browserPage).toBeDefined();
  expect(startupText(SAMPLES.excel_too_old).problem).toContain("ExcelApi 1.7");
});
