/**
 * The `appraisal` command line. Every failure a user can cause ends in a Chinese message and a
 * non-zero exit code, never a stack trace. Exit codes: 0 done (a final result; for `merge`:
 * every file merged, every branch final); 1 `check` found 错误, `calc` wrote a draft (草稿:
 * the data still has 错误), or `merge` wrote a roll-up with a draft branch or a file left
 * out; 2 the command could not run (file missing, locked, corrupt, bad option; for `merge`:
 * nothing written).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Argument, Command, CommanderError, Help, Option } from "commander";
import { isError } from "../core/issues";
import { fmt } from "../core/numbers";
import { PERIODS, type Period } from "../core/types";
import { fileProblemLine } from "../messages/files";
import { rollupNoteText, skipText } from "../messages/rollup";
import { skipCode } from "../core/rollup";
import { draftStatus, issueLine, NOTHING_TO_COMPUTE } from "../messages/zh-CN";
import type { EngineRun } from "../workbook/engine";
import type { BranchEntry } from "../workbook/rollup";
import { OUTPUT_SHEETS } from "../workbook/layout";
import { addMissingSheets, ballotsFile, type CalcOutcome, calcFile, cliAdvice, computeFile, demo, initWorkbook, resultJson } from "./commands";
import type { Converted } from "../xlsx/legacy";

/** The workbook a command reads: every format the tool opens. */
const WORKBOOK_ARGUMENT = "考评工作簿（.xlsx、.xls 或 .ods 文件）";
const OUTPUT_OPTION = "写到另一个 .xlsx 文件（不指定则写回原文件，原文件保留为 .bak；.xls/.ods 的结果写到同名 .xlsx）";
const FORCE_OPTION = ".xls/.ods 的同名 .xlsx 已存在、且不是考评助手由它生成的未改动结果时，也覆盖（原文件保留为 .bak）";
import { excelLockExists, UserError } from "./files";
import { type MergeOutcome, mergeFiles } from "./merge";
import { displayWidth, Progress, table } from "./terminal";

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

function issueCounts(run: EngineRun): { errors: number; hints: number } {
  const errors = run.issues.filter(isError).length;
  return { errors, hints: run.issues.length - errors };
}

function printIssues(io: Io, run: EngineRun, file: string): void {
  const { errors, hints } = issueCounts(run);
  if (run.issues.length === 0) {
    io.out("问题清单：未发现问题。");
    return;
  }
  io.out(`问题清单：错误 ${errors} 条，提示 ${hints} 条`);
  for (const i of run.issues) io.out(`  ${issueLine(i, cliAdvice(file))}`);
}

function summaryTable(run: EngineRun): string {
  const rows = run.result.members
    .filter((m) => m.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((m) => [
      String(m.rank),
      m.member.id,
      m.member.name,
      ...[m.components.study, m.components.pledge, m.components.peer, m.components.mass, m.bonus, m.total].map((v) => (v === null ? "—" : fmt(v))),
      m.final,
      run.result.nominations.find((n) => n.memberId === m.member.id)?.category ?? "",
    ]);
  return table(["排名", "编号", "姓名", "学习", "承诺践诺", "党员互评", "群众评议", "加分", "综合得分", "最终等次", "推荐"], rows, [0, 3, 4, 5, 6, 7, 8]);
}

function summaryLine(run: EngineRun): string {
  const s = run.result.summary;
  const g = s.perGrade;
  const st = run.result.settings;
  const parts = [
    `${st.branchName || "党支部"} ${st.year}年 ${st.period}：党员 ${s.members} 人，计分 ${s.scored} 人（预备党员 ${s.probationary} 人），不参评 ${s.excluded} 人`,
    `等次：优秀 ${g.优秀}，合格 ${g.合格}，基本合格 ${g.基本合格}，不合格 ${g.不合格}${g.待定 ? `，待定 ${g.待定}（须支委会确定）` : ""}${s.excellentCap !== null ? `（优秀上限 ${s.excellentCap} 人）` : ""}`,
    st.period === "年终" ? `表彰推荐：支部表彰 ${s.branchNominees} 人，其中推荐所级 ${s.instituteNominees} 人` : "上半年不产生表彰推荐",
  ];
  return parts.join("\n");
}

/** Above this many members the ranking is not printed unless asked (--table): no terminal shows 5,000 rows usefully. */
export const TABLE_MAX_MEMBERS = 100;

function printOutcome(io: Io, outcome: CalcOutcome, verbose: boolean, table = false): void {
  const { run } = outcome;
  const members = run.result.members.length;
  if (members === 0) io.out(NOTHING_TO_COMPUTE);
  else {
    if (table || members <= TABLE_MAX_MEMBERS) io.out(summaryTable(run));
    else io.out(`共 ${members} 人，排名表未在此打印（见“综合评定”表；需要时加 --table 打印）。`);
    io.out("");
    io.out(summaryLine(run));
  }
  const { errors, hints } = issueCounts(run);
  io.out(`问题：错误 ${errors} 条，提示 ${hints} 条${run.issues.length ? "（详见“问题清单”表，或运行 appraisal check）" : ""}`);
  if (verbose) printIssues(io, run, outcome.written);
  if (!run.verdict.final) printDraft(io, run, outcome.written, verbose);
  for (const s of outcome.skippedSheets) io.err(`注意：工作表“${s}”不是本工具生成的，未覆盖；请改名后重新计算。`);
  io.out(savedLine(outcome.written, outcome.converted));
}

/**
 * “已保存：…”, and for an .xls/.ods in the same one line: the results are a new .xlsx, her
 * file is unchanged, and what of it the .xlsx does not hold.
 */
export function savedLine(written: string, converted: Converted | null): string {
  if (!converted) return `已保存：${written}`;
  const kind = converted.format === "xls" ? ".xls 工作簿" : ".ods 表格";
  return `已保存为新的 .xlsx 工作簿：${written}（原 ${kind}未改动；${converted.notCarried.join("、")}未带入新文件）`;
}

/** How many 错误 a draft's notice lists (all are in 问题清单 and `appraisal check`). */
const DRAFT_ERRORS_SHOWN = 5;

/** A draft is said as such, never as a finished calculation, with the first errors to fix. */
function printDraft(io: Io, run: EngineRun, file: string, listed: boolean): void {
  const { errors } = run.verdict;
  io.err(`${draftStatus(errors)}：结果已写入，各表标有“草稿”，不可作为最终结果。改正后重新计算即为最终结果。`);
  if (listed) return;
  const first = run.issues.filter(isError);
  for (const i of first.slice(0, DRAFT_ERRORS_SHOWN)) io.err(`  ${issueLine(i, cliAdvice(file))}`);
  if (first.length > DRAFT_ERRORS_SHOWN) {
    const given = /\s/.test(file) ? `"${file}"` : file;
    io.err(`  …另有 ${first.length - DRAFT_ERRORS_SHOWN} 条错误（运行 appraisal check ${given} 查看全部）`);
  }
}

/** How many of a draft's or skipped branch's 错误 the terminal lists; the rest are counted. */
const MERGE_ERRORS_SHOWN = 5;

/** A branch's first 错误, then how many more and how to see them all. */
function printBranchErrors(io: Io, outcome: MergeOutcome, b: BranchEntry): void {
  const path0 = outcome.paths.get(b.file) ?? b.file;
  const given = /\s/.test(path0) ? `"${path0}"` : path0;
  const errors = (b.run?.issues ?? []).filter(isError);
  for (const i of errors.slice(0, MERGE_ERRORS_SHOWN)) io.err(`    ${issueLine(i, cliAdvice(path0))}`);
  if (errors.length > MERGE_ERRORS_SHOWN) io.err(`    …另有 ${errors.length - MERGE_ERRORS_SHOWN} 条错误（运行 appraisal check ${given} 查看全部）`);
}

function printMerge(io: Io, outcome: MergeOutcome): void {
  const { rollup } = outcome;
  for (const r of outcome.repeated) {
    io.err(r.how === "path" ? `注意：“${r.file}”重复给出，只汇总一次。` : `注意：“${r.file}”与“${r.sameAs}”内容完全相同，只汇总一次。`);
  }
  // A draft is merged, but said as such with its first errors, as `calc` says a draft.
  for (const b of rollup.drafts) {
    const named = b.run?.result.settings.branchName ? `（${b.name}）` : "";
    io.err(`草稿：${b.file}${named}：有 ${b.run?.verdict.errors ?? 0} 条错误，已按草稿汇总（党员总表中标为草稿，所级推荐标为待核实）`);
    printBranchErrors(io, outcome, b);
  }
  for (const b of rollup.skipped) {
    const named = b.run?.result.settings.branchName ? `（${b.name}）` : "";
    const why = b.skip ? skipText(b.skip) : null;
    // A file problem reads as `check` prints it: what is wrong, then what to do.
    const fix = b.skip && skipCode(b.skip) === "rollup_file_unreadable" && why?.fix ? `。${why.fix}` : "";
    io.err(`未汇总：${b.file}${named}：${why?.problem ?? ""}${fix}`);
    printBranchErrors(io, outcome, b);
  }
  for (const n of rollup.notes.filter((x) => x.file === "")) {
    const w = rollupNoteText(n);
    io.err(`提示：${w.problem}。${w.fix}。`);
  }
  if (rollup.merged.length === 0) return;

  const rows = rollup.branches.map((b) => {
    const s = b.merged ? b.run?.result : undefined;
    const g = s?.summary.perGrade;
    const totals = (s?.members ?? []).filter((m) => m.rank !== null && m.total !== null).map((m) => m.total as number);
    const avg = totals.length ? fmt(totals.reduce((x, y) => x + y, 0) / totals.length) : "—";
    const cell = (v: number | undefined): string => (v === undefined ? "" : String(v));
    return [
      b.label,
      b.file,
      s ? `${s.settings.year} ${s.settings.period}` : "",
      cell(s?.summary.scored),
      cell(g?.优秀),
      cell(g?.合格),
      cell(g?.基本合格),
      cell(g?.不合格),
      cell(g?.待定),
      s ? avg : "",
      cell(s?.summary.instituteNominees),
      b.draft ? "草稿" : b.merged ? "已汇总" : "未汇总",
    ];
  });
  io.out(table(["支部", "文件", "考评期", "参评", "优秀", "合格", "基本合格", "不合格", "待定", "平均分", "所级推荐", "状态"], rows, [3, 4, 5, 6, 7, 8, 9, 10]));
  io.out("");
  const sums = rollup.merged.map((b) => b.run?.result.summary);
  const total = (f: (s: NonNullable<(typeof sums)[number]>) => number): number => sums.reduce((a, s) => a + (s ? f(s) : 0), 0);
  const pending = total((s) => s.perGrade.待定);
  io.out(
    `全所汇总 ${rollup.period}：支部 ${rollup.merged.length} 个，党员 ${total((s) => s.members)} 人，计分 ${total((s) => s.scored)} 人；` +
      `优秀 ${total((s) => s.perGrade.优秀)}，合格 ${total((s) => s.perGrade.合格)}，基本合格 ${total((s) => s.perGrade.基本合格)}，不合格 ${total((s) => s.perGrade.不合格)}` +
      `${pending ? `，待定 ${pending}` : ""}；所级推荐 ${rollup.nominees.length} 人`,
  );
  const d = rollup.duplicates;
  const kinds = (["编号、姓名", "编号", "姓名"] as const)
    .map((k) => ({ k, n: d.filter((g) => g.kind === k).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.k === "编号、姓名" ? "编号和姓名都相同" : `${x.k}相同`} ${x.n} 组`);
  io.out(d.length ? `重复人员：${kinds.join("，")}（详见“重复人员”表）` : "重复人员：未发现不同支部有相同的编号或姓名");
  const { errors, hints } = rollup.listed;
  io.out(`问题清单：错误 ${errors} 条，提示 ${hints} 条${errors + hints ? "（详见汇总表的“问题清单”）" : ""}`);
  if (rollup.skipped.length > 0) io.out(`未汇总：${rollup.skipped.length} 个文件（原因见上，并列在“支部汇总”和“问题清单”表中）`);
  if (!rollup.final) {
    const errors = rollup.drafts.reduce((a, b) => a + (b.run?.verdict.errors ?? 0), 0);
    io.err(
      `汇总结果为草稿：${rollup.drafts.length} 个支部的数据有 ${errors} 条错误未改正，各表标有“草稿”，不可作为最终结果。` +
        "这些支部改正错误后重新汇总即为最终结果；只汇总结果为最终的支部，可加 --strict。",
    );
  }
  io.out(`已保存：${outcome.written ?? ""}${outcome.backup ? `（原文件保留为 ${outcome.backup}）` : ""}`);
}

function parsePeriod(v: string): Period {
  const t = v.trim();
  if ((PERIODS as readonly string[]).includes(t)) return t as Period;
  throw new UserError(`考评期“${v}”无法识别：请写 上半年 或 年终`);
}

export function buildProgram(io: Io = stdio): Command {
  const program = new Command();
  program
    .name("appraisal")
    .description("创先争优考评助手：从党支部的考评工作簿计算综合得分、等次和表彰推荐")
    .version("0.1.0", "-v, --version", "显示版本")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [命令]", "显示某个命令的帮助")
    // commander's own English error line is not printed: main() says it in Chinese.
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => undefined })
    .configureHelp(CHINESE_HELP)
    .exitOverride();

  program
    .command("init")
    .description("新建考评工作簿（全部输入表、下拉列表、填写说明）")
    .argument("<文件>", "要新建的 .xlsx 文件；用 --add-missing 时为要补全的已有工作簿")
    .option("--demo", "填入示例支部的数据")
    .option("--force", "文件已存在时覆盖（原文件保留为 .bak）")
    .option("--add-missing", "补全已有的工作簿：只添加缺少的输入表和使用说明，已有的表不改动（原文件保留为 .bak）")
    .action(async (given: string, opts: { demo?: boolean; force?: boolean; addMissing?: boolean }) => {
      // `init 第一支部` means 第一支部.xlsx: a workbook without its extension opens nowhere. A
      // workbook (or folder) she has is taken as named: --add-missing reads what is there.
      // A name ending in a separator is a folder, whose file would be named ".xlsx".
      if (/[\\/]$/.test(given)) throw new UserError({ code: "is_folder", file: given });
      const file = path.extname(given) === "" && !(opts.addMissing && existsSync(given)) ? `${given}.xlsx` : given;
      if (opts.addMissing) {
        // Her workbook: never overwritten (--force) nor mixed with the demo's data (--demo).
        if (opts.demo || opts.force) throw new UserError(`--add-missing 只补全缺少的表，不能与 ${opts.demo ? "--demo" : "--force"} 同时使用`);
        const r = await addMissingSheets(file);
        if (r.written === null) {
          io.out(`“${file}”不缺少工作表，文件未改动。`);
          return;
        }
        if (r.added.length > 0) io.out(`已添加：${r.added.join("、")}`);
        if (r.filled.length > 0) io.out(`已填写表头（原为空表）：${r.filled.join("、")}`);
        io.out(r.converted ? savedLine(r.written, r.converted) : `已保存：${file}（原文件保留为 ${file}.bak；已有的表未改动）`);
        return;
      }
      await initWorkbook(file, { demo: Boolean(opts.demo), force: Boolean(opts.force) });
      io.out(`已新建：${file}${opts.demo ? "（示例支部数据）" : ""}`);
      io.out(`下一步：填写后运行 appraisal check ${file} 检查，appraisal calc ${file} 计算。`);
    });

  program
    .command("check")
    .description("检查工作簿，列出问题清单；有“错误”时退出码为 1")
    .argument("<文件>", WORKBOOK_ARGUMENT)
    .addOption(new Option("--period <考评期>", "按此考评期检查：上半年 或 年终").argParser(parsePeriod))
    .option("--json", "以 JSON 输出问题清单")
    .action(async (file: string, opts: { period?: Period; json?: boolean }) => {
      const { run } = await computeFile(file, opts.period ? { period: opts.period } : {});
      if (opts.json) io.out(JSON.stringify((resultJson(run.result, run.issues, cliAdvice(file)) as { issues: unknown }).issues, null, 2));
      else printIssues(io, run, file);
      if (run.issues.some(isError)) process.exitCode = 1;
    });

  program
    .command("calc")
    .description(`计算综合评定和表彰推荐，写入 ${OUTPUT_SHEETS.map((d) => d.name).join("、")} 共 ${OUTPUT_SHEETS.length} 张表；数据有“错误”时结果为草稿，退出码为 1`)
    .argument("<文件>", WORKBOOK_ARGUMENT)
    .option("-o, --output <输出文件>", OUTPUT_OPTION)
    .option("--force", FORCE_OPTION)
    .addOption(new Option("--period <考评期>", "本次的考评期：上半年 或 年终（默认取参数设置）").argParser(parsePeriod))
    .option("--json", "在标准输出打印全部结果（JSON）")
    .option("--issues", "同时列出全部问题")
    .option("--table", `党员超过 ${TABLE_MAX_MEMBERS} 人时也打印排名表`)
    .action(async (file: string, opts: { output?: string; force?: boolean; period?: Period; json?: boolean; issues?: boolean; table?: boolean }) => {
      if (!opts.output && (await excelLockExists(file))) {
        io.err(`注意：“${file}”似乎正在 Excel 中打开；保存后请在 Excel 中重新打开以看到结果。`);
      }
      const progress = opts.json ? undefined : new Progress();
      const outcome = await calcFile(file, {
        ...(opts.output ? { out: opts.output } : {}),
        ...(opts.force ? { force: true } : {}),
        ...(opts.period ? { period: opts.period } : {}),
        ...(progress ? { progress } : {}),
      });
      if (opts.json) io.out(JSON.stringify(resultJson(outcome.run.result, outcome.run.issues, cliAdvice(file)), null, 2));
      else printOutcome(io, outcome, Boolean(opts.issues), Boolean(opts.table));
      // Written, but a draft: a script must not take it for a final result.
      if (!outcome.run.verdict.final) process.exitCode = 1;
    });

  program
    .command("demo")
    .description("生成并计算一个示例支部（28 名党员、24 次学习），打印结果")
    .addArgument(new Argument("[文件夹]", "保存到的文件夹").default(".", "当前文件夹"))
    .action(async (dir: string) => {
      const progress = new Progress();
      const outcome = await demo(dir, progress);
      printOutcome(io, outcome, false);
      io.out(`用 Excel 或 WPS 打开 ${path.resolve(outcome.written)} 查看；改动数据后运行 appraisal calc 重新计算。`);
    });

  program
    .command("ballots")
    .description("按党员名册生成可打印的测评票（党员互评、群众评议各一式），写入“测评票”表；名册或参数有“错误”时标为草稿，退出码为 1")
    .argument("<文件>", WORKBOOK_ARGUMENT)
    .option("-o, --output <输出文件>", OUTPUT_OPTION)
    .option("--force", FORCE_OPTION)
    .addOption(new Option("--period <考评期>", "测评票的考评期：上半年 或 年终（默认取参数设置）").argParser(parsePeriod))
    .action(async (file: string, opts: { output?: string; force?: boolean; period?: Period }) => {
      const outcome = await ballotsFile(file, { ...(opts.output ? { out: opts.output } : {}), ...(opts.force ? { force: true } : {}), ...(opts.period ? { period: opts.period } : {}) });
      const s = outcome.run.result.settings;
      if (outcome.written === null) {
        const why = outcome.run.issues.filter((i) => i.code === "output_sheet_foreign" || i.code === "limit_exceeded").map((i) => `  ${issueLine(i, cliAdvice(file))}`);
        throw new UserError(`未生成测评票，文件未改动：\n${why.join("\n")}`);
      }
      io.out(`已生成测评票：${s.year}年 ${s.period}，党员互评、群众评议各一式，每份 ${outcome.members} 人（“测评票”表，A4 纵向）。`);
      if (outcome.created.length > 0) io.out(`已新建 ${outcome.created.join("、")}：收回的测评票每张填一行，空白为弃权。`);
      if (outcome.kept.length > 0) io.out(`${outcome.kept.join("、")} 已有数据，未改动。`);
      io.out(savedLine(outcome.written, outcome.converted));
      if (outcome.errors.length > 0) {
        io.err(`党员名册或参数设置有 ${outcome.errors.length} 条错误，测评票标为草稿；改正后重新生成再打印。`);
        for (const i of outcome.errors.slice(0, 5)) io.err(`  ${issueLine(i, cliAdvice(file))}`);
        process.exitCode = 1;
      }
    });

  program
    .command("merge")
    .description("所党委汇总：把多个支部的考评工作簿汇总为一个全所工作簿（支部文件不改动）")
    .argument("<汇总文件>", "要写出的汇总文件（.xlsx；已存在时只覆盖考评助手生成的汇总表）")
    .argument("<支部文件...>", "各支部的考评工作簿，可以多个（如 收集/*.xlsx）")
    .addOption(new Option("--period <考评期>", "全部支部按此考评期计算：上半年 或 年终（默认取各支部的参数设置）").argParser(parsePeriod))
    .option("--force", "汇总文件已存在且不是汇总表时也覆盖（原文件保留为 .bak）")
    .option("--strict", "只汇总最终结果：有“错误”的支部（草稿）不汇总，列出原因")
    .addHelpText(
      "after",
      "\n每个支部文件都重新计算（不采用文件中已有的结果表）。有“错误”的支部按草稿汇总：支部汇总中状态为草稿并注明错误条数，\n" +
        "党员总表中标为草稿，所级推荐标为待核实，各表标题和页眉标有“草稿”。只有无法作为支部考评工作簿读取或计算的文件不汇总（列出原因）。\n" +
        "退出码：0 全部汇总且都是最终结果；1 已写出汇总，但有草稿支部或有文件未汇总；2 未写出（没有可汇总的文件、参数有误或汇总文件不可覆盖）。\n" +
        "例：appraisal merge 全所汇总.xlsx 收集/*.xlsx",
    )
    .action(async (out: string, branches: string[], opts: { period?: Period; force?: boolean; strict?: boolean }) => {
      const progress = new Progress();
      const outcome = await mergeFiles(out, branches, {
        ...(opts.period ? { period: opts.period } : {}),
        ...(opts.force ? { force: true } : {}),
        ...(opts.strict ? { strict: true } : {}),
        progress,
      });
      printMerge(io, outcome);
      if (outcome.written === null) throw new UserError(`没有可以汇总的支部工作簿，未写出“${out}”`);
      // Written, but with a draft or a file left out: a script must not take it for the final roll-up.
      if (outcome.rollup.skipped.length > 0 || !outcome.rollup.final) process.exitCode = 1;
    });

  return program;
}

/** commander's headings, as its help passes them to styleTitle. */
const TITLES: Readonly<Record<string, string>> = {
  "Usage:": "用法：",
  "Arguments:": "参数：",
  "Options:": "选项：",
  "Commands:": "命令：",
  "Global Options:": "全局选项：",
};

/**
 * commander's help in Chinese: the headings, the placeholders ([options], [command]) and the
 * defaults are replaced where commander builds them, before it pads the columns, and the columns
 * are measured as a terminal shows them (a Chinese character takes two), so they line up.
 */
export const CHINESE_HELP: Partial<Help> = {
  styleTitle: (s) => TITLES[s] ?? s,
  // Our help is never coloured, so there are no escape sequences to leave out.
  displayWidth: (s) => displayWidth(s),
  subcommandTerm: (cmd) => chinesePlaceholders(Help.prototype.subcommandTerm.call(new Help(), cmd)),
  commandUsage: (cmd) => chinesePlaceholders(Help.prototype.commandUsage.call(new Help(), cmd)),
  argumentDescription: (a) => (a.defaultValue === undefined ? a.description : `${a.description}（默认：${a.defaultValueDescription ?? String(a.defaultValue)}）`),
  optionDescription: (o) => (o.defaultValue === undefined ? o.description : `${o.description}（默认：${o.defaultValueDescription ?? String(o.defaultValue)}）`),
  // The usage line's title is followed by commander's space; a Chinese colon needs none.
  formatHelp(cmd, helper) {
    return Help.prototype.formatHelp.call(this, cmd, helper).replace(/^用法： /, "用法：");
  },
};

function chinesePlaceholders(s: string): string {
  return s.replace(/\[options\]/g, "[选项]").replace(/\[command\]/g, "[命令]");
}

/** commander's suggestion for a mistyped command or option ("(Did you mean calc?)"), in Chinese. */
const didYouMean = (e: CommanderError): string => {
  const m = /Did you mean (?:one of )?([^?]+)\?/.exec(e.message);
  return m ? `。是不是要输入 ${m[1]?.trim() ?? ""}？` : "";
};

/** The name commander quotes in its message ('calx', '--foo'), or "". */
const quoted = (e: CommanderError): string => /'([^']+)'/.exec(e.message)?.[1] ?? "";

/** The commands, as the unknown-command message lists them (help is not one to suggest). */
const commandNames = (program: Command): string => program.commands.map((c) => c.name()).filter((n) => n !== "help").join("、");

/**
 * Every error commander raises, in Chinese; commander's English text is only read for the name
 * it quotes and its suggestion. An error code not listed here is said without commander's words.
 */
function commanderMessage(e: CommanderError, program: Command, sub: Command | undefined): string {
  switch (e.code) {
    case "commander.unknownOption":
      return `不认识的选项：${quoted(e)}${didYouMean(e)}`;
    case "commander.unknownCommand":
      return `不认识的命令：${quoted(e)}${didYouMean(e) || "。"}可用命令：${commandNames(program)}`;
    case "commander.missingArgument": {
      const name = quoted(e);
      const arg = (sub ? sub.registeredArguments : program.commands.flatMap((c) => c.registeredArguments)).find((a) => a.name() === name);
      return `缺少参数 ${arg?.required === false ? `[${name}]` : `<${name}>`}${arg?.description ? `：${arg.description}` : ""}`;
    }
    case "commander.excessArguments": {
      const m = /for '([^']+)'.*Expected (\d+) arguments? but got (\d+)/.exec(e.message);
      return m ? `参数过多：${m[1] ?? ""} 只需要 ${m[2] ?? ""} 个参数，现有 ${m[3] ?? ""} 个（文件名中有空格时请加引号）` : "参数过多（文件名中有空格时请加引号）";
    }
    case "commander.optionMissingArgument":
      return `选项缺少取值：${quoted(e)}`;
    case "commander.missingMandatoryOptionValue":
      return `缺少必需的选项：${quoted(e)}`;
    case "commander.conflictingOption":
      return "选项不能同时使用";
    case "commander.invalidArgument":
      return `${quoted(e) ? `“${quoted(e)}”` : "参数"}的取值无效`;
    default:
      return "命令行参数有误";
  }
}

/** Run the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  const program = buildProgram(io);
  try {
    process.exitCode = 0;
    // `help calx`: commander would print an empty help and succeed; a mistyped command is an error.
    const asked = argv[0] === "help" ? argv[1] : undefined;
    if (asked !== undefined && !program.commands.some((c) => c.name() === asked)) {
      io.err(`错误：不认识的命令：${asked}。可用命令：${commandNames(program)}`);
      io.err("（运行 appraisal --help 查看用法）");
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      const cause = (e as CommanderError & { cause?: unknown }).cause;
      if (cause instanceof UserError) {
        io.err(`错误：${cause.message}`);
        return cause.exitCode;
      }
      // The command she typed, when she typed one: its arguments and its help.
      const sub = program.commands.find((c) => c.name() === argv[0] && c.name() !== "help");
      io.err(`错误：${commanderMessage(e, program, sub)}`);
      io.err(`（运行 appraisal ${sub ? `${sub.name()} ` : ""}--help 查看用法）`);
      if (process.env.APPRAISAL_DEBUG) io.err(e.message);
      return 2;
    }
    if (e instanceof UserError) {
      io.err(`错误：${e.message}`);
      return e.exitCode;
    }
    // A bug of ours, not the user's: say so plainly, keep the detail for a bug report.
    io.err(`错误：${fileProblemLine({ code: "internal", detail: e instanceof Error ? e.message : String(e) })}`);
    if (process.env.APPRAISAL_DEBUG) io.err(e instanceof Error ? (e.stack ?? "") : "");
    return 3;
  }
}
