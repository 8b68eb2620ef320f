/**
 * What can be wrong with a file before any sheet is read, as data: the command line and the
 * page's worker both find these, and src/messages/files.ts words them, so the same file gets
 * the same sentence in the terminal and on the page. Also the one look at a file's first bytes
 * both use. No node:*, no exceljs: the worker and the CLI import this alike.
 */

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
  | { readonly code: "legacy_xls"; readonly file?: string }
  | { readonly code: "encrypted"; readonly file?: string }
  /** An OLE compound file whose first bytes say neither .xls nor encrypted. */
  | { readonly code: "legacy_or_encrypted"; readonly file?: string }
  | { readonly code: "ods"; readonly file?: string }
  | { readonly code: "xlsb"; readonly file?: string }
  | { readonly code: "file_corrupt"; readonly file?: string }
  /**
   * A zip without the workbook part (xl/workbook.xml): a Word document or a presentation
   * renamed .xlsx, or any other zip. Opened anyway it reads as a workbook with no sheet, and
   * every sheet would be called missing.
   */
  | { readonly code: "zip_not_workbook"; readonly file?: string; readonly holds: "word" | "powerpoint" | "other" }
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

/**
 * What is wrong with a file, from its size and first bytes (`head`: SNIFF_BYTES of them, or
 * the whole file); null when it may be an .xlsx/.xlsm (a zip). A zip that is not a workbook
 * still fails later, when exceljs reads it: that is `file_corrupt`.
 */
export function sniffWorkbook(head: Uint8Array, size: number, name?: string): FileProblem | null {
  const file = name === undefined ? {} : { file: name };
  if (size === 0) return { code: "file_empty", ...file };
  if (size > MAX_FILE_BYTES) return { code: "file_too_big", ...file, megabytes: Math.ceil(size / 1048576), max: MAX_FILE_BYTES / 1048576 };
  if (startsWith(head, OLE)) {
    // Excel stores a password-protected .xlsx as an OLE container too, with the real package
    // in an "EncryptedPackage" stream; the directory usually sits near the start.
    if (contains(head, utf16le("EncryptedPackage"))) return { code: "encrypted", ...file };
    if (contains(head, utf16le("Workbook")) || contains(head, utf16le("Book"))) return { code: "legacy_xls", ...file };
    return { code: "legacy_or_encrypted", ...file };
  }
  if (startsWith(head, ZIP)) {
    const first = firstZipEntry(head);
    if (first.name === "mimetype") {
      const mimetype = String.fromCharCode(...first.data);
      return mimetype.startsWith(ODS_MIMETYPE) ? { code: "ods", ...file } : { code: "not_a_workbook", ...file, ...(name === undefined ? {} : { extension: extensionOf(name) }) };
    }
    // Excel writes xl/workbook.bin among the first entries of an .xlsb; exceljs cannot read one.
    if (contains(head, ascii("xl/workbook.bin"))) return { code: "xlsb", ...file };
    return null;
  }
  return { code: "not_a_workbook", ...file, ...(name === undefined ? {} : { extension: extensionOf(name) }) };
}
