/**
 * The one look at a file's first bytes (sniffWorkbook, workbookFormat) that the command line
 * and the page's worker share, and the Chinese wording of every file problem. The .xls and .ods
 * fixtures are real files LibreOffice wrote (`soffice --headless --convert-to xls|ods` of a
 * two-line CSV); test/interop/legacy-formats.test.ts reads whole workbooks in both formats.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { FileProblemError, fileProblemLine, fileProblemText } from "../../src/messages/files";
import { baseName, type FileProblem, MAX_FILE_BYTES, packageProblem, SNIFF_BYTES, sniffWorkbook, workbookFormat } from "../../src/core/files";
import { FILE_PROBLEM_SAMPLES } from "../support/message-samples";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", name)));
const sniff = (bytes: Uint8Array, name?: string): FileProblem | null => sniffWorkbook(bytes.subarray(0, SNIFF_BYTES), bytes.length, name);

/**
 * An OLE compound file (version 3, 512-byte sectors) with these directory entries: the header,
 * then one directory sector (sector 0), as Excel lays out a small file.
 */
function oleFile(names: readonly string[]): Uint8Array {
  const out = new Uint8Array(512 + 512);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const view = new DataView(out.buffer);
  view.setUint16(0x18, 0x3e, true); // minor version
  view.setUint16(0x1a, 3, true); // major version 3
  view.setUint16(0x1c, 0xfffe, true); // little-endian
  view.setUint16(0x1e, 9, true); // 2^9 = 512-byte sectors
  view.setUint32(0x30, 0, true); // the directory starts at sector 0
  names.slice(0, 4).forEach((name, i) => {
    const at = 512 + i * 128;
    [...name].forEach((c, k) => view.setUint16(at + k * 2, c.charCodeAt(0), true));
    view.setUint16(at + 64, (name.length + 1) * 2, true);
  });
  return out;
}

/** A zip whose first entry is stored (uncompressed): enough for the sniff, which reads no further. */
function zipFirstEntry(name: string, content: string): Uint8Array {
  const n = new TextEncoder().encode(name);
  const c = new TextEncoder().encode(content);
  const out = new Uint8Array(30 + n.length + c.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint32(18, c.length, true); // compressed size
  view.setUint32(22, c.length, true); // uncompressed size
  view.setUint16(26, n.length, true);
  out.set(n, 30);
  out.set(c, 30 + n.length);
  return out;
}

describe("sniffWorkbook: what the first bytes say", () => {
  test("a real .xlsx (exceljs writes it) may be opened", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("党员名册").addRow(["编号", "姓名"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(sniff(bytes, "考评.xlsx")).toBeNull();
    expect(sniff(bytes)).toBeNull();
  });

  test("a real .xls (LibreOffice) may be opened, by the .xls reader", () => {
    expect(sniff(fixture("tiny.xls"), "旧表.xls")).toBeNull();
    expect(workbookFormat(fixture("tiny.xls"))).toBe("xls");
  });

  test("a real .ods (LibreOffice) may be opened, by the .ods reader, even named .xlsx", () => {
    expect(sniff(fixture("tiny.ods"), "表.ods")).toBeNull();
    expect(sniff(fixture("tiny.ods"), "表.xlsx")).toBeNull();
    expect(workbookFormat(fixture("tiny.ods"))).toBe("ods");
  });

  test("any other zip goes to the .xlsx reader, which says what it holds if it is no workbook", () => {
    expect(workbookFormat(zipFirstEntry("[Content_Types].xml", "<Types/>"))).toBe("xlsx");
  });

  test("another OpenDocument file (a text document) is not a workbook, and is said to be a document", () => {
    expect(sniff(zipFirstEntry("mimetype", "application/vnd.oasis.opendocument.text"), "通知.ods")).toEqual({ code: "zip_not_workbook", file: "通知.ods", holds: "opendocument" });
  });

  test("a password-protected .xlsx (an OLE container with an EncryptedPackage stream) is encrypted", () => {
    const bytes = oleFile(["Root Entry", "\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]);
    expect(sniff(bytes, "加密.xlsx")).toEqual({ code: "encrypted", file: "加密.xlsx" });
  });

  test("an old Word or PowerPoint file renamed .xls is said to be one", () => {
    expect(sniff(oleFile(["Root Entry", "WordDocument", "1Table"]), "名单.xls")).toEqual({ code: "zip_not_workbook", file: "名单.xls", holds: "word" });
    expect(sniff(oleFile(["Root Entry", "PowerPoint Document"]), "汇报.xls")).toEqual({ code: "zip_not_workbook", file: "汇报.xls", holds: "powerpoint" });
  });

  test("an OLE file whose directory is not in the first bytes goes to the .xls reader, which tells it apart", () => {
    const bytes = new Uint8Array(SNIFF_BYTES * 2);
    bytes.set(oleFile(["Root Entry"]).subarray(0, 512));
    expect(sniff(bytes)).toBeNull();
    expect(workbookFormat(bytes)).toBe("xls");
  });

  test("WPS's own .et and Apple's .numbers are named, whatever their bytes", () => {
    expect(sniff(oleFile(["Root Entry", "Workbook"]), "支部.et")).toEqual({ code: "et", file: "支部.et" });
    expect(sniff(new TextEncoder().encode("x"), "支部.ett")).toEqual({ code: "et", file: "支部.ett" });
    expect(sniff(zipFirstEntry("Index/Document.iwa", "x"), "支部.numbers")).toEqual({ code: "numbers", file: "支部.numbers" });
    // A Numbers document saved as one file, renamed: its parts tell.
    expect(sniff(zipFirstEntry("Index/Document.iwa", "x"), "支部.xlsx")).toEqual({ code: "numbers", file: "支部.xlsx" });
  });

  test("a web page, an XML file or a text file named .xls (a web system's “导出 Excel”) is said to be one", () => {
    const text = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(sniff(text("<html><table><tr><td>编号</td></tr></table></html>"), "导出.xls")).toEqual({ code: "disguised", file: "导出.xls", holds: "html" });
    expect(sniff(text("\ufeff  \r\n<table border=1><tr><td>1</td></tr></table>"), "导出.xls")).toEqual({ code: "disguised", file: "导出.xls", holds: "html" });
    expect(sniff(text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), "导出.xls")).toEqual({ code: "disguised", file: "导出.xls", holds: "xml" });
    expect(sniff(text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), "导出.xls")).toEqual({ code: "disguised", file: "导出.xls", holds: "html" });
    expect(sniff(text("编号\t姓名\n1\t张三\n"), "名单.xls")).toEqual({ code: "disguised", file: "名单.xls", holds: "text" });
    expect(sniff(text("编号,姓名\n1,张三\n"), "名单.xlsx")).toEqual({ code: "disguised", file: "名单.xlsx", holds: "text" });
    // UTF-16 text, as some systems export it.
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."编号\t姓名\n"].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(sniff(utf16, "名单.xls")).toEqual({ code: "disguised", file: "名单.xls", holds: "text" });
    // Binary that is no workbook stays “not a workbook”; a text file with another name is named by its extension.
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "照片.xls")).toEqual({ code: "not_a_workbook", file: "照片.xls", extension: ".xls" });
  });

  test("an .xlsb (xl/workbook.bin among the first entries) is Excel's binary format", () => {
    expect(sniff(zipFirstEntry("xl/workbook.bin", "\u0083\u0001"), "表.xlsb")).toEqual({ code: "xlsb", file: "表.xlsb" });
  });

  test("text, an empty file, and a file over the limit", () => {
    expect(sniff(new TextEncoder().encode("编号,姓名\n1,张三\n"), "名单.csv")).toEqual({ code: "not_a_workbook", file: "名单.csv", extension: ".csv" });
    expect(sniff(new TextEncoder().encode("x"), "名单")).toEqual({ code: "not_a_workbook", file: "名单", extension: "" });
    expect(sniff(new TextEncoder().encode("x"))).toEqual({ code: "not_a_workbook" });
    expect(sniff(new Uint8Array(0), "空.xlsx")).toEqual({ code: "file_empty", file: "空.xlsx" });
    // The size decides before any byte is looked at: the CLI asks before reading a huge file.
    expect(sniffWorkbook(new Uint8Array(0), MAX_FILE_BYTES + 1, "大.xlsx")).toEqual({ code: "file_too_big", file: "大.xlsx", megabytes: 201, max: 200 });
    expect(sniffWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), MAX_FILE_BYTES, "刚好.xlsx")).toBeNull();
  });
});

const samples: readonly FileProblem[] = FILE_PROBLEM_SAMPLES;

describe("fileProblemText: every problem in complete Chinese", () => {
  test.each(samples.map((p) => [p.code, p] as const))("%s", (_code, p) => {
    const t = fileProblemText(p);
    for (const s of [t.problem, t.fix]) {
      expect(s).toMatch(/[\u4e00-\u9fff]/);
      expect(s).not.toMatch(/undefined|null|NaN|\$\{|\[object/);
      expect(s).not.toMatch(/[。；，\s]$/);
    }
    expect(fileProblemLine(p)).toBe(`${t.problem}。${t.fix}`);
    // A named file is named; its path is never split or dropped.
    if ("file" in p && p.file) expect(t.problem).toContain(`“${p.file}”`);
  });

  test("the page's internal failure shows no English; the CLI's keeps the detail for a report", () => {
    expect(fileProblemLine({ code: "internal" })).toBe("程序内部出错。请将此信息和所用文件反馈给维护者");
    expect(fileProblemLine({ code: "internal", detail: "boom" })).toContain("（boom）");
  });

  test("the sentences the CLI printed before stay the same", () => {
    expect(fileProblemLine({ code: "file_missing", file: "a.xlsx" })).toBe("找不到文件“a.xlsx”。请检查路径；新建考评表可运行：appraisal init a.xlsx");
    expect(fileProblemLine({ code: "file_locked", file: "a.xlsx" })).toBe("无法读取“a.xlsx”：文件被占用或没有读取权限。若已在 Excel 或 WPS 中打开，请先关闭");
    expect(fileProblemLine({ code: "not_a_workbook", file: "名单.csv", extension: ".csv" })).toBe(
      "“名单.csv”是 .csv 文件，不是 Excel 工作簿（.xlsx、.xls）或 OpenDocument 表格（.ods）。请在 Excel 或 WPS 中另存为 .xlsx 工作簿后再试",
    );
    expect(fileProblemLine({ code: "output_exists", file: "a.xlsx", holds: "other" })).toBe(
      "“a.xlsx”已存在，不是考评助手生成的全所汇总表，未覆盖。换一个文件名，或加 --force 覆盖（原文件保留为 .bak）",
    );
  });

  test("a zip that is no workbook is said to be what it is, never a workbook with every sheet missing", () => {
    expect(packageProblem(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"], "a.xlsx")).toBeNull();
    // Some writers store part names with a leading slash; exceljs strips it too.
    expect(packageProblem(["/xl/workbook.xml"], "a.xlsx")).toBeNull();
    expect(packageProblem(["[Content_Types].xml", "word/document.xml"], "总结.xlsx")).toEqual({ code: "zip_not_workbook", file: "总结.xlsx", holds: "word" });
    expect(packageProblem(["ppt/presentation.xml"], "汇报.xlsx")).toEqual({ code: "zip_not_workbook", file: "汇报.xlsx", holds: "powerpoint" });
    expect(packageProblem(["照片/1.jpg"])).toEqual({ code: "zip_not_workbook", holds: "other" });
    // exceljs reads the workbook under this exact name only: another case is no workbook to it.
    expect(packageProblem(["XL/Workbook.xml"], "a.xlsx")).toEqual({ code: "zip_not_workbook", file: "a.xlsx", holds: "other" });
    expect(fileProblemLine({ code: "zip_not_workbook", file: "总结.xlsx", holds: "word" })).toBe(
      "“总结.xlsx”是 Word 文档，不是工作簿。请选择考评工作簿；若名单在 Word 表格中，请复制到 Excel 或 WPS 表格后另存为 .xlsx 工作簿",
    );
  });

  test("a file already named like a workbook is not told its own extension", () => {
    for (const ext of [".xlsx", ".xls", ".ods"]) {
      expect(fileProblemText({ code: "not_a_workbook", file: `名单${ext}`, extension: ext }).problem).toBe(`“名单${ext}”不是 Excel 工作簿（.xlsx、.xls）或 OpenDocument 表格（.ods）`);
    }
  });

  test("a damaged file is named by its format, and results are .xlsx only", () => {
    expect(fileProblemText({ code: "file_corrupt", file: "a.xls", format: "xls" }).problem).toBe("“a.xls”已损坏或不完整，不是有效的 .xls 工作簿，无法读取");
    expect(fileProblemText({ code: "file_corrupt", file: "a.ods", format: "ods" }).problem).toContain(".ods 表格");
    expect(fileProblemText({ code: "file_corrupt", file: "a.xlsx" }).problem).toContain(".xlsx 工作簿");
    expect(fileProblemLine({ code: "output_not_xlsx", file: "结果.xls" })).toBe("结果只能保存为 .xlsx 工作簿，“结果.xls”不是 .xlsx 文件名。请把输出文件名改为以 .xlsx 结尾");
  });

  test("baseName drops a workbook extension, and only that", () => {
    expect(baseName("一支部.xls")).toBe("一支部");
    expect(baseName("一支部.ODS")).toBe("一支部");
    expect(baseName("一支部.xlsx")).toBe("一支部");
    expect(baseName("一支部.v2.xlsm")).toBe("一支部.v2");
    expect(baseName("一支部.csv")).toBe("一支部.csv");
  });

  test("FileProblemError carries the problem and reads as its one line", () => {
    const e = new FileProblemError({ code: "encrypted", file: "加密.xls" });
    expect(e).toBeInstanceOf(Error);
    expect(e.problem).toEqual({ code: "encrypted", file: "加密.xls" });
    expect(e.message).toBe(fileProblemLine(e.problem));
  });
});

test("the file problems and their wording import nothing host-bound, so the worker and the CLI share them", () => {
  for (const file of ["src/core/files.ts", "src/messages/files.ts"]) {
    const source = readFileSync(path.join(__dirname, "..", "..", file), "utf8");
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    for (const from of imports) expect(from).toMatch(/^\.\.\/(core|workbook|messages)\//);
  }
});
