/**
 * Samples of the message catalogs other than the issue codes (test/support/issue-samples.ts):
 * file problems, the task pane's start-up problems. Typed by code, so a new code without a
 * sample does not compile; shared by their own tests and the wording test.
 */
import type { FileProblem, FileProblemCode } from "../../src/core/files";
import type { StartupProblem } from "../../src/messages/startup";

/** One sample of every code; a new code without one here does not compile. */
const SAMPLES: { readonly [C in FileProblemCode]: readonly Extract<FileProblem, { code: C }>[] } = {
  file_missing: [{ code: "file_missing", file: "一支部.xlsx" }],
  branch_missing: [{ code: "branch_missing", file: "一支部.xlsx" }],
  not_a_branch: [
    { code: "not_a_branch", sheets: ["Sheet1", "会议记录"] },
    { code: "not_a_branch", sheets: [] },
  ],
  is_rollup: [{ code: "is_rollup" }],
  is_folder: [{ code: "is_folder", file: "收集" }, { code: "is_folder", file: "收集", output: true }],
  file_locked: [{ code: "file_locked", file: "一支部.xlsx" }],
  file_unreadable: [
    { code: "file_unreadable", file: "一支部.xlsx", reason: "EIO" },
    { code: "file_unreadable", file: "一支部.xlsx", reason: "" },
    { code: "file_unreadable", file: "一支部.xlsx", reason: "ESOMETHINGNEW" },
  ],
  not_a_folder: [{ code: "not_a_folder", folder: "示例.txt" }],
  file_empty: [{ code: "file_empty", file: "空.xlsx" }, { code: "file_empty" }],
  file_too_big: [{ code: "file_too_big", file: "大.xlsx", megabytes: 250, max: 200 }, { code: "file_too_big", megabytes: 250, max: 200 }],
  not_a_workbook: [{ code: "not_a_workbook", file: "名单.csv", extension: ".csv" }, { code: "not_a_workbook", file: "名单", extension: "" }, { code: "not_a_workbook" }],
  strict_ooxml: [{ code: "strict_ooxml", file: "严格.xlsx" }, { code: "strict_ooxml" }],
  encrypted: [{ code: "encrypted", file: "加密.xlsx" }, { code: "encrypted", file: "加密.xls" }, { code: "encrypted" }],
  xlsb: [{ code: "xlsb", file: "表.xlsb" }, { code: "xlsb" }],
  et: [{ code: "et", file: "支部.et" }, { code: "et" }],
  numbers: [{ code: "numbers", file: "支部.numbers" }, { code: "numbers" }],
  disguised: [
    { code: "disguised", file: "导出.xls", holds: "html" },
    { code: "disguised", file: "导出.xls", holds: "xml" },
    { code: "disguised", file: "名单.xlsx", holds: "text" },
    { code: "disguised", holds: "html" },
  ],
  file_corrupt: [{ code: "file_corrupt", file: "坏.xlsx" }, { code: "file_corrupt", file: "坏.xls", format: "xls" }, { code: "file_corrupt", file: "坏.ods", format: "ods" }, { code: "file_corrupt" }],
  zip_not_workbook: [
    { code: "zip_not_workbook", file: "总结.xlsx", holds: "word" },
    { code: "zip_not_workbook", file: "总结.xls", holds: "word" },
    { code: "zip_not_workbook", file: "汇报.xlsx", holds: "powerpoint" },
    { code: "zip_not_workbook", file: "通知.ods", holds: "opendocument" },
    { code: "zip_not_workbook", file: "收集.zip", holds: "other" },
    { code: "zip_not_workbook", holds: "word" },
  ],
  folder_not_writable: [{ code: "folder_not_writable", folder: "/只读" }],
  write_locked: [{ code: "write_locked", file: "一支部.xlsx" }],
  disk_full: [{ code: "disk_full", file: "一支部.xlsx" }],
  write_failed: [{ code: "write_failed", file: "一支部.xlsx", reason: "EIO" }],
  result_exists: [
    { code: "result_exists", file: "一支部.xlsx", source: "一支部.xls", edited: true },
    { code: "result_exists", file: "一支部.xlsx", source: "一支部.ods", edited: false },
  ],
  output_not_xlsx: [
    { code: "output_not_xlsx", file: "结果.xls" },
    { code: "output_not_xlsx", file: "结果.xlsx", macro: true },
  ],
  output_exists: [
    { code: "output_exists", file: "考评.xlsx", holds: "file" },
    { code: "output_exists", file: "汇总.xlsx", holds: "branch" },
    { code: "output_exists", file: "汇总.xlsx", holds: "other" },
  ],
  no_workbook: [{ code: "no_workbook" }],
  internal: [{ code: "internal" }, { code: "internal", detail: "x is not a function" }],
};


export const FILE_PROBLEM_SAMPLES: readonly FileProblem[] = Object.values(SAMPLES).flat();

const STARTUP: { readonly [C in StartupProblem["code"]]: Extract<StartupProblem, { code: C }> } = {
  office_js_missing: { code: "office_js_missing" },
  office_timeout: { code: "office_timeout", seconds: 30 },
  not_in_excel: { code: "not_in_excel" },
  excel_too_old: { code: "excel_too_old", minApi: "1.7" },
};

export const STARTUP_PROBLEM_SAMPLES: readonly StartupProblem[] = Object.values(STARTUP);
