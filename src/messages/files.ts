/**
 * The Chinese wording of every file problem (src/core/files.ts): what is wrong, and what
 * to do. The command line and the page both print these, so one file gets one sentence.
 */
import type { FileProblem, FileProblemCode } from "../core/files";

export interface FileProblemText {
  readonly problem: string;
  readonly fix: string;
}

type Wording<C extends FileProblemCode> = (p: Extract<FileProblem, { code: C }>) => FileProblemText;

/** “name” when the file's name is known, else words that need none. */
const named = (file: string | undefined, unnamed = "此文件"): string => (file ? `“${file}”` : unnamed);

// No space between a closing quote and the Latin that follows: the menu item is named plainly.
const SAVE_AS = "请在 Excel 或 WPS 中另存为 .xlsx 工作簿后再试";
/** What the tool opens, for “this is not one of them”. */
const READS = "Excel 工作簿（.xlsx、.xls）或 OpenDocument 表格（.ods）";
/** What a reader-made message says a format is, in her words. */
const FORMAT_NAMES = { xlsx: ".xlsx 工作簿", xls: ".xls 工作簿", ods: ".ods 表格" } as const;
const CLOSE_IT = "若已在 Excel 或 WPS 中打开，请先关闭";
const FORCE = "换一个文件名，或加 --force 覆盖（原文件保留为 .bak）";

/**
 * The file system's error codes (Node's ENOENT, EIO…) in words: the code alone is English to
 * her. An unknown one is still named, after words that say what it is.
 */
const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "路径不存在",
  ENOTDIR: "路径中有一段不是文件夹",
  EISDIR: "这是一个文件夹",
  ENAMETOOLONG: "文件名或路径太长",
  ELOOP: "路径中的链接循环",
  EIO: "磁盘读写出错",
  EROFS: "磁盘是只读的",
  EMFILE: "同时打开的文件过多",
  ENFILE: "同时打开的文件过多",
  EINVAL: "文件名无效",
  EEXIST: "已有同名的文件",
  EFBIG: "文件过大",
  EXDEV: "不能在不同磁盘之间移动",
  ETIMEDOUT: "网络磁盘超时",
  ENOTEMPTY: "文件夹不是空的",
};

const reasonText = (code: string): string => (code === "" ? "未知原因" : (SYSTEM_REASONS[code] ?? `系统错误代码 ${code}`));

const W: { readonly [C in FileProblemCode]: Wording<C> } = {
  file_missing: (p) => ({ problem: `找不到文件“${p.file}”`, fix: `请检查路径；新建考评表可运行：appraisal init ${p.file}` }),
  branch_missing: (p) => ({ problem: `找不到文件“${p.file}”`, fix: "检查路径和文件名" }),
  not_a_branch: (p) => ({
    problem: `不是支部考评工作簿：找不到“党员名册”表（工作表：${p.sheets.join("、") || "无"}）`,
    fix: "汇总只接受各支部用考评助手模板填写的工作簿（含党员名册表）；新建模板可运行 appraisal init",
  }),
  is_rollup: () => ({ problem: "这是考评助手生成的全所汇总表，不是支部工作簿", fix: "汇总时只列出各支部的工作簿" }),
  is_folder: (p) => ({
    problem: `“${p.file}”是一个文件夹`,
    fix: p.output ? "请指定汇总要写出的 .xlsx 文件名，例如 全所汇总.xlsx" : "请指定 .xlsx 文件",
  }),
  file_locked: (p) => ({ problem: `无法读取“${p.file}”：文件被占用或没有读取权限`, fix: CLOSE_IT }),
  file_unreadable: (p) => ({ problem: `无法读取“${p.file}”（${reasonText(p.reason)}）`, fix: "请确认文件仍在原处、可以打开，然后再试" }),
  file_empty: (p) => ({ problem: `${named(p.file)}是空文件（0 字节）`, fix: "请选择填写好的 .xlsx 考评工作簿；文件可能未保存完整或传输时出错" }),
  file_too_big: (p) => ({
    problem: `${p.file ? `文件“${p.file}”` : "文件"}有 ${p.megabytes} MB，超过 ${p.max} MB 的上限`,
    fix: "请删去无关的工作表或图片后再试",
  }),
  not_a_workbook: (p) => {
    // The extension helps only when it is not already a workbook's ("名单.csv", "名单").
    const who = named(p.file, "这");
    if (p.extension === undefined || /^\.(xls[xm]?|ods)$/i.test(p.extension)) return { problem: `${who}不是 ${READS}`, fix: SAVE_AS };
    if (p.extension === "") return { problem: `${who}没有扩展名，也不是 ${READS}`, fix: SAVE_AS };
    return { problem: `${who}是 ${p.extension} 文件，不是 ${READS}`, fix: SAVE_AS };
  },
  encrypted: (p) => ({ problem: `${named(p.file, "这个工作簿")}设置了打开密码（已加密），无法读取`, fix: "请在 Excel、WPS 或 LibreOffice 中打开，取消密码后另存为 .xlsx 再试" }),
  strict_ooxml: (p) => ({
    problem: `${named(p.file, "这个工作簿")}保存为“Strict Open XML 电子表格”格式，可以检查，但结果不能写入这种格式，未作改动`,
    fix: "请在 Excel 中打开，“另存为”选择“Excel 工作簿（*.xlsx）”后再计算",
  }),
  xlsb: (p) => ({ problem: `${named(p.file, "这")}是 Excel 二进制工作簿（.xlsb），本工具不能读取`, fix: "请在 Excel 中打开，另存为“Excel 工作簿（*.xlsx）”后再试" }),
  et: (p) => ({ problem: `${named(p.file, "这")}是 WPS 表格自有格式（.et），本工具不能读取`, fix: "请在 WPS 中打开，“文件 → 另存为”选择“Microsoft Excel 文件（*.xlsx）”后再试" }),
  numbers: (p) => ({ problem: `${named(p.file, "这")}是 Numbers 表格（.numbers），本工具不能读取`, fix: "请在 Numbers 中“文件 → 导出到 → Excel”，导出为 .xlsx 后再试" }),
  disguised: (p) => {
    const what = { html: "网页文件（HTML）", xml: "XML 文件", text: "文本文件（如 CSV）" }[p.holds];
    return {
      problem: `${named(p.file, "这")}实际是${what}，只是扩展名为 Excel 的，不是工作簿（常见于从网上系统“导出 Excel”的文件）`,
      fix: "请在 Excel 或 WPS 中打开它，另存为 .xlsx 工作簿后再试",
    };
  },
  file_corrupt: (p) => ({
    problem: `${named(p.file, "文件")}已损坏或不完整，不是有效的 ${FORMAT_NAMES[p.format ?? "xlsx"]}，无法读取`,
    fix: "请用 Excel 或 WPS 打开检查（能打开的，另存为 .xlsx 再试）；若有备份（.bak），可改用备份",
  }),
  zip_not_workbook: (p) => {
    const what = { word: "是 Word 文档", powerpoint: "是 PowerPoint 演示文稿", opendocument: "是 OpenDocument 文本或演示文稿", other: "是压缩包（zip）" }[p.holds];
    const fix = {
      word: "请选择考评工作簿；若名单在 Word 表格中，请复制到 Excel 或 WPS 表格后另存为 .xlsx 工作簿",
      powerpoint: "请选择考评工作簿",
      opendocument: "请选择考评工作簿；LibreOffice 的表格文件扩展名为 .ods",
      other: "请选择考评工作簿；若工作簿在压缩包中，请先解压",
    }[p.holds];
    return { problem: `${named(p.file, "这")}${what}，不是工作簿`, fix };
  },
  not_a_folder: (p) => ({ problem: `“${p.folder}”是一个文件，不是文件夹`, fix: "请指定一个文件夹（不存在时会新建）" }),
  folder_not_writable: (p) => ({ problem: `无法写入文件夹“${p.folder}”：没有写权限或文件夹不存在`, fix: "请换一个可以写入的文件夹" }),
  write_locked: (p) => ({ problem: `无法写入“${p.file}”：文件被占用或没有写权限`, fix: CLOSE_IT }),
  disk_full: (p) => ({ problem: `无法写入“${p.file}”：磁盘空间不足`, fix: "请清理磁盘空间，或写到另一个磁盘" }),
  write_failed: (p) => ({ problem: `无法写入“${p.file}”（${reasonText(p.reason)}）`, fix: "请确认文件夹存在、可以写入，然后再试" }),
  result_exists: (p) =>
    p.edited
      ? {
          problem: `“${p.file}”是考评助手此前由“${p.source}”生成的，之后有改动，未覆盖`,
          fix: `若已改在 ${p.file} 中填写，请改用 appraisal calc ${p.file}；仍要用“${p.source}”的数据重新生成，加 --force（原文件保留为 .bak）`,
        }
      : { problem: `“${p.file}”已存在，不是考评助手由“${p.source}”生成的结果，未覆盖`, fix: "用 -o 指定另一个 .xlsx 文件名，或加 --force 覆盖（原文件保留为 .bak）" },
  output_not_xlsx: (p) =>
    p.macro
      ? { problem: `工作簿含有宏，结果须保存为 .xlsm 工作簿（宏随之保留），“${p.file}”不是 .xlsm 文件名`, fix: "请把输出文件名改为以 .xlsm 结尾" }
      : { problem: `结果只能保存为 .xlsx 工作簿，“${p.file}”不是 .xlsx 文件名`, fix: "请把输出文件名改为以 .xlsx 结尾" },
  output_exists: (p) =>
    p.holds === "branch"
      ? {
          problem: `“${p.file}”已存在，是一个支部考评工作簿，不是汇总表，未覆盖`,
          fix: "第一个参数是要写出的汇总文件：appraisal merge 全所汇总.xlsx 一支部.xlsx 二支部.xlsx …",
        }
      : p.holds === "other"
        ? { problem: `“${p.file}”已存在，不是考评助手生成的全所汇总表，未覆盖`, fix: FORCE }
        : { problem: `文件“${p.file}”已存在，未覆盖`, fix: FORCE },
  no_workbook: () => ({ problem: "还没有打开工作簿", fix: "请先用“打开工作簿”打开考评工作簿（没有的，先下载空白模板填写），或载入示例支部" }),
  internal: (p) => ({
    problem: p.detail ? `程序内部出错（${p.detail}）` : "程序内部出错",
    fix: "请将此信息和所用文件反馈给维护者",
  }),
};

/** What is wrong with the file, and what to do about it. */
export function fileProblemText(p: FileProblem): FileProblemText {
  // The table is keyed by code, so the lookup matches the problem's own type.
  return (W[p.code] as (p: FileProblem) => FileProblemText)(p);
}

/** The problem and its fix as one sentence, for the terminal and the page's alert. */
export function fileProblemLine(p: FileProblem): string {
  const t = fileProblemText(p);
  return `${t.problem}。${t.fix}`;
}

/**
 * A file problem thrown through code that expects an Error (the worker's handlers, the page's
 * Backend); its message is the one-line wording, and `problem` keeps the data.
 */
export class FileProblemError extends Error {
  constructor(readonly problem: FileProblem) {
    super(fileProblemLine(problem));
    this.name = "FileProblemError";
  }
}
