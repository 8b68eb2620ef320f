/**
 * What can be wrong with a file before any sheet is read, as data: the command line and the
 * page's worker both find these, and src/messages/files.ts words them, so the same file gets
 * the same sentence in the terminal and on the page. Also the one look at a file's first bytes
 * both use. No node:*, no exceljs: the worker and the CLI import this alike.
 */

/**
 * The formats the tool reads. An .xlsx (or .xlsm) is read by exceljs; an .xls (BIFF8, as Excel
 * 97–2003, WPS and LibreOffice write it) and an .ods by SheetJS into the same workbook model
 * (src/xlsx/legacy.ts). Results are always written as .xlsx.
 */
export type WorkbookFormat = "xlsx" | "xls" | "ods";

/** Largest workbook either host opens: exceljs holds all of it in memory, and a page has less. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** How much of the start of a file sniffWorkbook() needs to see (more is fine, less may miss an encrypted file). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * A problem with a file as a whole. `file` is the name as the user gave it (a path on the
 * command line, the file's name on the page); absent when the name is not known.
 */
export type FileProblem =
  // Reading: the file system said no.
  | { readonly code: "file_missing"; readonly file: string }
  | { readonly code: "is_folder"; readonly file: string; readonly output?: boolean }
  | { readonly code: "file_locked"; readonly file: string }
  | { readonly code: "file_unreadable"; readonly file: string; readonly reason: string }
  // Reading: the bytes are not a workbook exceljs can open.
  | { readonly code: "file_empty"; readonly file?: string }
  | { readonly code: "file_too_big"; readonly file?: string; readonly megabytes: number; readonly max: number }
  | { readonly code: "not_a_workbook"; readonly file?: string; readonly extension?: string }
  /** Excel's password to open: an .xlsx in an encrypted container, an .xls or an .ods with a password. */
  | { readonly code: "encrypted"; readonly file?: string }
  /** Saved as Strict Open XML: read and checked, but the tool's sheets are not written into it. */
  | { readonly code: "strict_ooxml"; readonly file?: string }
  /** Formats no reader of ours reads correctly (and none we can test against): say how to save as .xlsx. */
  | { readonly code: "xlsb"; readonly file?: string }
  | { readonly code: "et"; readonly file?: string }
  | { readonly code: "numbers"; readonly file?: string }
  /**
   * A web page or a text file named .xls: the “导出 Excel” of many web systems. Not a workbook,
   * though Excel and WPS open it (with a warning) and can save it as one.
   */
  | { readonly code: "disguised"; readonly file?: string; readonly holds: "html" | "xml" | "text" }
  /** The bytes are of a workbook format, but broken (truncated, damaged); `format` when known. */
  | { readonly code: "file_corrupt"; readonly file?: string; readonly format?: WorkbookFormat }
  /**
   * A package that is a document of another kind: a Word document or a presentation renamed
   * .xlsx (a zip, or an old-style OLE .doc/.ppt renamed .xls), an OpenDocument text renamed
   * .ods, or any other zip. Opened anyway it reads as a workbook with no sheet, and every sheet
   * would be called missing.
   */
  | { readonly code: "zip_not_workbook"; readonly file?: string; readonly holds: "word" | "powerpoint" | "opendocument" | "other" }
  // The roll-up (appraisal merge): a file given as a branch that is none. The roll-up names
  // the file in a column of its own, so these two do not carry it.
  /** A branch file that is not there: it was meant to exist, so no `appraisal init` advice. */
  | { readonly code: "branch_missing"; readonly file: string }
  /** A workbook without a 党员名册 sheet; `sheets` are the sheets it has. */
  | { readonly code: "not_a_branch"; readonly sheets: readonly string[] }
  /** A roll-up the tool wrote, given as a branch. */
  | { readonly code: "is_rollup" }
  // Writing.
  | { readonly code: "folder_not_writable"; readonly folder: string }
  /** A folder was asked for (appraisal demo's), and a file is there. */
  | { readonly code: "not_a_folder"; readonly folder: string }
  | { readonly code: "write_locked"; readonly file: string }
  | { readonly code: "disk_full"; readonly file: string }
  | { readonly code: "write_failed"; readonly file: string; readonly reason: string }
  /**
   * The .xlsx an .xls/.ods's results go to (beside it, same name) exists and is not replaced:
   * the tool made it from `source` but it was changed since (`edited`), or it is another file.
   */
  | { readonly code: "result_exists"; readonly file: string; readonly source: string; readonly edited: boolean }
  /** Results are .xlsx: an output named otherwise (-o 结果.xls) would be an .xlsx under a wrong name. */
  /** `macro`: the workbook holds macros (.xlsm), so its result must be an .xlsm too. */
  | { readonly code: "output_not_xlsx"; readonly file: string; readonly macro?: boolean }
  /** The output exists and is not replaced: any file (init), a branch workbook or another file (merge). */
  | { readonly code: "output_exists"; readonly file: string; readonly holds: "file" | "branch" | "other" }
  // The page: nothing open yet, or a failure of ours (worded to be reported, never shown raw).
  | { readonly code: "no_workbook" }
  | { readonly code: "internal"; readonly detail?: string };

export type FileProblemCode = FileProblem["code"];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** An OLE directory entry's name is UTF-16LE. */
function utf16le(s: string): number[] {
  return [...s].flatMap((c) => [c.charCodeAt(0), 0]);
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first ?? 0); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(first ?? 0, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const le16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);

/** The first zip entry's name and, when stored uncompressed, its bytes (an ODF package starts with "mimetype"). */
function firstZipEntry(head: Uint8Array): { name: string; data: Uint8Array } {
  const nameLength = le16(head, 26);
  const extraLength = le16(head, 28);
  const name = String.fromCharCode(...head.subarray(30, 30 + nameLength));
  const size = le16(head, 18) + le16(head, 20) * 65536;
  const start = 30 + nameLength + extraLength;
  return { name, data: head.subarray(start, start + Math.min(size, 256)) };
}

/** The part exceljs reads a workbook from; it looks under this exact name and no other. */
const WORKBOOK_PART = "xl/workbook.xml";

/**
 * What is wrong with a zip package, from its part names (a leading "/" allowed): null when it
 * holds a workbook; else what it holds instead, so she hears "a Word document", not that every
 * sheet is missing.
 */
export function packageProblem(partNames: readonly string[], name?: string): FileProblem | null {
  const parts = new Set(partNames.map((n) => n.replace(/^\//, "")));
  if (parts.has(WORKBOOK_PART)) return null;
  const holds = parts.has("word/document.xml") ? "word" : parts.has("ppt/presentation.xml") ? "powerpoint" : "other";
  return { code: "zip_not_workbook", ...(name === undefined ? {} : { file: name }), holds };
}

function extensionOf(name: string): string {
  return /\.[^./\\]+$/.exec(name)?.[0] ?? "";
}

/** What a text file named like a workbook holds, from its first characters. */
function disguisedAs(head: Uint8Array): "html" | "xml" | "text" | null {
  // A UTF-8 or UTF-16 byte-order mark, then blanks, before the first character that tells.
  let at = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) ? 2 : 0;
  const step = at === 2 ? 2 : 1;
  const bigEndian = startsWith(head, [0xfe, 0xff]);
  const charAt = (i: number): number =>
    step === 1 ? (head[i] ?? 0) : bigEndian ? ((head[i] ?? 0) << 8) | (head[i + 1] ?? 0) : (head[i] ?? 0) | ((head[i + 1] ?? 0) << 8);
  while (at < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(charAt(at))) at += step;
  if (charAt(at) === 0x3c /* < */) {
    const start = String.fromCharCode(...head.subarray(at, at + 200).filter((b) => b !== 0)).toLowerCase();
    return start.startsWith("<?xml") && !/<html/.test(start) ? "xml" : "html";
  }
  // Text (CSV or tab-separated): no control character but tab and line ends in what was seen,
  // counted in UTF-16 code units after a UTF-16 mark (a CJK character's low byte may be < 0x20).
  const units: number[] = [];
  for (let i = at; i + step <= Math.min(head.length, 4096); i += step) units.push(charAt(i));
  const binary = units.some((u) => u < 0x20 && u !== 0x09 && u !== 0x0a && u !== 0x0d);
  return binary || units.length === 0 ? null : "text";
}

/** Names under which a workbook-looking file is one of the formats we cannot read. */
const ET = /\.(et|ett)$/i;
const NUMBERS = /\.numbers$/i;

/**
 * What is wrong with a file, from its size and first bytes (`head`: SNIFF_BYTES of them, or
 * the whole file); null when it may be read (see workbookFormat for which reader). A file that
 * passes may still fail in its reader: a damaged one is `file_corrupt`, and an OLE file whose
 * directory lies past `head` is told apart there (src/xlsx/legacy.ts).
 */
export function sniffWorkbook(head: Uint8Array, size: number, name?: string): FileProblem | null {
  const file = name === undefined ? {} : { file: name };
  const extension = name === undefined ? {} : { extension: extensionOf(name) };
  if (size === 0) return { code: "file_empty", ...file };
  if (size > MAX_FILE_BYTES) return { code: "file_too_big", ...file, megabytes: Math.ceil(size / 1048576), max: MAX_FILE_BYTES / 1048576 };
  if (name !== undefined && NUMBERS.test(name)) return { code: "numbers", ...file };
  if (startsWith(head, OLE)) {
    // Excel stores a password-protected .xlsx as an OLE container too, with the real package
    // in an "EncryptedPackage" stream; the directory usually sits near the start.
    if (contains(head, utf16le("EncryptedPackage"))) return { code: "encrypted", ...file };
    // WPS's own .et is an OLE file too; nothing we have reads it correctly, so it is not tried.
    if (name !== undefined && ET.test(name)) return { code: "et", ...file };
    if (contains(head, utf16le("WordDocument"))) return { code: "zip_not_workbook", ...file, holds: "word" };
    if (contains(head, utf16le("PowerPoint Document"))) return { code: "zip_not_workbook", ...file, holds: "powerpoint" };
    return null;
  }
  if (startsWith(head, ZIP)) {
    const first = firstZipEntry(head);
    if (first.name === "mimetype") {
      const mimetype = String.fromCharCode(...first.data);
      return mimetype.startsWith(ODS_MIMETYPE) ? null : { code: "zip_not_workbook", ...file, holds: "opendocument" };
    }
    // Excel writes xl/workbook.bin among the first entries of an .xlsb; exceljs cannot read one.
    if (contains(head, ascii("xl/workbook.bin"))) return { code: "xlsb", ...file };
    // A Numbers document saved as one file: a zip of Index/*.iwa parts.
    if (contains(head, ascii("Index/Document.iwa"))) return { code: "numbers", ...file };
    return null;
  }
  if (name !== undefined && ET.test(name)) return { code: "et", ...file };
  const disguised = name !== undefined && /\.xls[xm]?$/i.test(name) ? disguisedAs(head) : null;
  if (disguised) return { code: "disguised", ...file, holds: disguised };
  return { code: "not_a_workbook", ...file, ...extension };
}

/**
 * Which reader a file that passed sniffWorkbook goes to: an OLE compound file is an .xls, a
 * zip that starts with an OpenDocument mimetype an .ods, any other zip an .xlsx.
 */
export function workbookFormat(head: Uint8Array): WorkbookFormat {
  if (startsWith(head, OLE)) return "xls";
  if (startsWith(head, ZIP) && firstZipEntry(head).name === "mimetype") return "ods";
  return "xlsx";
}

/** A file name without a workbook extension (.xlsx, .xlsm, .xls, .ods), to name what is made from it. */
export function baseName(name: string): string {
  return name.replace(/\.(xlsx|xlsm|xls|ods)$/i, "");
}
