/**
 * The command line speaks only Chinese: every command's help, and every way of calling it
 * wrongly (a bad or missing option, a missing or extra argument, an unknown command, a missing
 * file, a folder for a file, a path through a file, a Word document for a workbook) leaves no
 * English from commander or Node. The only ASCII words allowed are the program's and its
 * commands' and options' names, file names, and the names of products she uses (Excel, WPS…).
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { initWorkbook } from "../../src/node/commands";
import { cli, CLI, expectNoStack, type Ran, tempDir } from "../support/files";
import { wordDocument } from "../support/zips";

const COMMANDS = ["init", "check", "calc", "demo", "ballots", "merge"] as const;

/** Names that are not English to her: the program, its commands, and products by their names. */
const ALLOWED = new Set(["appraisal", ...COMMANDS, "help", "Excel", "WPS", "LibreOffice", "OpenDocument", "Numbers", "CSV", "HTML", "XML", "Word", "PowerPoint", "JSON", "zip", "A4"]);

/** English commander or Node would print, named so a failure says which. */
const KNOWN_ENGLISH = [/Usage:/, /Options:/, /Arguments:/, /Commands:/, /error:/i, /\(default:/, /too many arguments/, /missing required argument/, /Did you mean/, /\bE[A-Z]{3,}\b/, /\[options\]/, /\[command\]/];

/** The ASCII words left once options (--period, -o), paths, file names and what she typed are taken out. */
function englishWords(text: string, typed: readonly string[] = []): string[] {
  const rest = text
    .replace(/\S*[/\\]\S*/g, " ") // paths
    .replace(/[\w.-]*\.(xlsx|xls|bak|ods|csv|txt|docx)\b/g, " ") // file names
    .replace(/(^|[\s（(“:：，,[<])--?[a-z][a-z-]*/g, "$1"); // options
  // What she typed is echoed back ("不认识的命令：calx"): hers, not the program's English.
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w) && !typed.includes(w));
}

function expectChinese(what: string, r: Ran, typed: readonly string[]): void {
  const text = `${r.out}\n${r.err}`;
  expect({ what, text, english: englishWords(text, typed) }).toEqual({ what, text, english: [] });
  for (const e of KNOWN_ENGLISH) expect({ what, text, found: e.exec(text)?.[0] ?? null }).toEqual({ what, text, found: null });
  // Typeset as Chinese, as the message catalogs are (test/messages/wording.test.ts).
  expect({ what, text, spaced: / [，。：；、！？（）“”]|[，。：；、！？（）“”] /.exec(text)?.[0] ?? null }).toEqual({ what, text, spaced: null });
  expect({ what, text, doubled: /[，。：；、！？]{2,}/.exec(text)?.[0] ?? null }).toEqual({ what, text, doubled: null });
  expectNoStack(r);
}

let dir: string;

beforeAll(async () => {
  if (!existsSync(path.join(path.dirname(CLI), "..", "dist", "node", "cli.js"))) {
    throw new Error("dist/ is missing: run `npm run build:cli` (npm test does it first)");
  }
  dir = tempDir();
  await initWorkbook(path.join(dir, "支部.xlsx"), { demo: true });
  await fs.writeFile(path.join(dir, "名单.txt"), "编号,姓名\n");
  await fs.writeFile(path.join(dir, "总结.xlsx"), await wordDocument());
  await fs.mkdir(path.join(dir, "收集"));
});

describe("help: every command, in Chinese, its columns lined up", () => {
  test.each([[["--help"]], [["help"]], [[]], ...COMMANDS.flatMap((c) => [[[c, "--help"]], [["help", c]]])])("%j", (args) => {
    const r = cli(args, dir);
    expect(r.code).toBe(0);
    // Bare `appraisal` shows the help as commander does, on stderr.
    const help = args.length === 0 ? r.err : r.out;
    expect(help).toMatch(/^用法：appraisal/);
    expectChinese(JSON.stringify(args), r, args);
    // The descriptions start in one column (a Chinese character is two columns wide).
    const starts = help
      .split("\n")
      .map((l) => /^ {2}\S(?:.*?\S)? {2,}(?=\S)/.exec(l)?.[0])
      .filter((m): m is string => m !== undefined)
      .map(width);
    expect({ args, columns: [...new Set(starts)] }).toEqual({ args, columns: [starts[0]] });
  });
});

/** Terminal columns: CJK two. */
function width(s: string): number {
  return [...s].reduce((w, ch) => w + (/[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
}

describe("errors: one Chinese line and the way to the help, never commander's or Node's English", () => {
  const cases: readonly (readonly [string, readonly string[], number])[] = [
    ["an unknown command", ["calx", "支部.xlsx"], 2],
    ["help for an unknown command", ["help", "calx"], 2],
    ["an unknown option", ["--frob"], 2],
    ...COMMANDS.map((c) => [`${c}: an unknown option`, [c, "--frob", "支部.xlsx"], 2] as const),
    ...COMMANDS.filter((c) => c !== "demo").map((c) => [`${c}: no argument`, [c], 2] as const),
    ["merge: no branch", ["merge", "汇总.xlsx"], 2],
    ...(["check", "calc", "ballots", "demo"] as const).map((c) => [`${c}: too many arguments`, [c, "支部.xlsx", "多余.xlsx"], 2] as const),
    ["an option without its value", ["calc", "支部.xlsx", "--period"], 2],
    ["-o without its value", ["calc", "支部.xlsx", "-o"], 2],
    ["a period that is none", ["check", "支部.xlsx", "--period", "全年"], 2],
    ...(["check", "calc", "ballots"] as const).map((c) => [`${c}: a missing file`, [c, "没有.xlsx"], 2] as const),
    ...(["check", "calc", "ballots"] as const).map((c) => [`${c}: a folder`, [c, "收集"], 2] as const),
    ...(["check", "calc", "ballots"] as const).map((c) => [`${c}: a path through a file`, [c, "名单.txt/支部.xlsx"], 2] as const),
    ...(["check", "calc", "ballots"] as const).map((c) => [`${c}: a text file`, [c, "名单.txt"], 2] as const),
    ...(["check", "calc", "ballots"] as const).map((c) => [`${c}: a Word document named .xlsx`, [c, "总结.xlsx"], 2] as const),
    ["calc -o to a folder", ["calc", "支部.xlsx", "-o", "收集"], 2],
    ["calc -o through a file", ["calc", "支部.xlsx", "-o", "名单.txt/结果.xlsx"], 2],
    ["ballots -o to a folder", ["ballots", "支部.xlsx", "-o", "收集"], 2],
    ["init over a file", ["init", "支部.xlsx"], 2],
    ["init into a folder name", ["init", "收集/"], 2],
    ["init --add-missing with --demo", ["init", "--add-missing", "--demo", "支部.xlsx"], 2],
    ["init --add-missing of a missing file", ["init", "--add-missing", "没有.xlsx"], 2],
    ["init --add-missing of a folder", ["init", "--add-missing", "收集"], 2],
    ["demo into a file", ["demo", "名单.txt"], 2],
    ["merge: a folder as the output", ["merge", "收集", "支部.xlsx"], 2],
    ["merge: a missing branch and a folder", ["merge", "汇总.xlsx", "没有.xlsx", "收集"], 2],
  ];
  test.each(cases)("%s", (what, args, code) => {
    const r = cli(args, dir);
    expect({ what, code: r.code }).toEqual({ what, code });
    expect(r.err).toMatch(/错误：/);
    expectChinese(what, r, args);
  });

  test("the checker finds English: commander's own line would fail it", () => {
    expect(englishWords("error: missing required argument 'file'")).toEqual(["error", "missing", "required", "argument", "file"]);
    expect(englishWords("错误：无法读取“a.xlsx”（EISDIR）")).toEqual(["EISDIR"]);
    expect(englishWords("用法：appraisal calc [选项] <文件>\n  -o, --output <输出文件>  写到另一个文件（.bak）")).toEqual([]);
  });
});
