/**
 * The task pane's Backend on top of the Office.js host. Also decides, once, which features
 * this Excel can do and says so in plain Chinese.
 */
import { ballotsNoPrintSetup } from "../messages/ballots";
import { LOOK_FAILED } from "../messages/office";
import type { Backend, RunView } from "../ui/app";
import { ballotView } from "../ui/ballots";
import type { EngineRun } from "../workbook/engine";
import { calculateWorkbook, checkWorkbook, createTemplate, type ExcelEnv, makeBallots, selectCell } from "./host";

/** The lowest API the add-in runs on (declared in manifest.xml). */
export const MIN_API = "1.7";

function view(run: EngineRun): RunView {
  const s = run.result.settings;
  return { summary: run.result.summary, branch: s.branchName, year: s.year, period: s.period, issues: run.issues };
}

export function capabilityNotes(env: ExcelEnv): string[] {
  const notes: string[] = [];
  if (!env.supports("1.8")) notes.push("此版本的 Excel 不支持由加载项设置下拉列表（需要 ExcelApi 1.8），创建模板时将不带下拉列表；计算不受影响。");
  if (!env.supports("1.9")) notes.push("此版本的 Excel 不支持由加载项设置打印格式（需要 ExcelApi 1.9）：结果表请手动设置 A4 打印，推荐表请手动设置打印区域并在每份表前分页。图表照常绘制。");
  return notes;
}

export function excelBackend(env: ExcelEnv): Backend {
  return {
    where: () => "当前工作簿",
    startupNotes: capabilityNotes(env),
    createTemplate: async (demo) => {
      const t = await createTemplate(env, { demo });
      return { created: t.created, kept: t.kept, notes: t.degraded.map((d) => `${d.feature}需要 ${d.needs}，已跳过`) };
    },
    check: async (period) => view((await checkWorkbook(env, period)).run),
    calculate: async (period) => {
      const c = await calculateWorkbook(env, period);
      return { ...view(c.run), skipped: c.skipped, notes: c.lookFailed ? [LOOK_FAILED] : [] };
    },
    ballots: async (period) => {
      const b = await makeBallots(env, period);
      return ballotView(b, [...b.degraded.map((d) => ballotsNoPrintSetup(d.needs)), ...(b.lookFailed ? [LOOK_FAILED] : [])]);
    },
    select: (sheet, cell) => selectCell(env, sheet, cell),
  };
}
