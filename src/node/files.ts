/**
 * File access for the command line: open an .xlsx, with a FileProblem (worded as the page
 * words it) for every way it can fail, and save atomically (a temporary file renamed over the
 * target, the previous file kept as .bak), so a crash mid-write never leaves a half-written
 * workbook.
 */
import { promises as fs, constants as fsc } from "node:fs";
import path from "node:path";
import { FileProblemError, fileProblemLine } from "../messages/files";
import { type FileProblem, MAX_FILE_BYTES, SNIFF_BYTES, sniffWorkbook, type WorkbookFormat, workbookFormat } from "../core/files";
import { type Book, readBook } from "../xlsx/open";
import { packagePort } from "../xlsx/port";
import type { HostPort } from "../workbook/session";
import type { Converted } from "../xlsx/legacy";

/**
 * A failure the user can act on; the CLI prints the message and exits with the code. A file
 * problem keeps its data, so it is worded by src/messages/files.ts like the page words it.
 */
export class UserError extends Error {
  readonly problem: FileProblem | null;
  constructor(
    what: string | FileProblem,
    readonly exitCode = 2,
  ) {
    super(typeof what === "string" ? what : fileProblemLine(what));
    this.name = "UserError";
    this.problem = typeof what === "string" ? null : what;
  }
}

function codeOf(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e).code) : "";
}

/** What a failed stat or read of `file` means to the user. */
function readProblem(file: string, e: unknown): FileProblem {
  const code = codeOf(e);
  // A path through a file ("名单.txt/x.xlsx") leads nowhere, as a missing one does.
  if (code === "ENOENT" || code === "ENOTDIR") return { code: "file_missing", file };
  if (code === "EACCES" || code === "EPERM" || code === "EBUSY") return { code: "file_locked", file };
  return { code: "file_unreadable", file, reason: code };
}

export interface LoadedWorkbook {
  readonly wb: Book;
  /** What was read: an .xls or .ods is converted, and its results go to an .xlsx of their own. */
  readonly format: WorkbookFormat;
  readonly converted: Converted | null;
}

export async function loadWorkbookFile(file: string): Promise<LoadedWorkbook> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new UserError({ code: "is_folder", file });
    // Refuse a huge file before reading it into memory.
    const tooBig = st.size > MAX_FILE_BYTES ? sniffWorkbook(new Uint8Array(0), st.size, file) : null;
    if (tooBig) throw new UserError(tooBig);
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(readProblem(file, e));
  }
  const head = data.subarray(0, SNIFF_BYTES);
  const sniffed = sniffWorkbook(head, data.length, file);
  if (sniffed) throw new UserError(sniffed);
  const format = workbookFormat(head);
  try {
    const { book, converted } = await readBook(data, file, format);
    // A re-zipped .ods starts like an .xlsx and is found to be one only when read.
    return { wb: book, format: converted?.format ?? format, converted };
  } catch (e) {
    // A zip that holds something else says what it holds; anything else is a damaged file.
    throw new UserError(e instanceof FileProblemError ? e.problem : { code: "file_corrupt", file, format });
  }
}

/**
 * The session's port on an opened file. Her sheets are read when the session asks for them,
 * not when the file is opened, so a damaged sheet part is found then: its FileProblem
 * (file_corrupt, named) becomes the UserError every command prints, as at opening.
 */
export function filePort(book: Book): HostPort {
  const port = packagePort(book);
  const said = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      throw e instanceof FileProblemError ? new UserError(e.problem) : e;
    }
  };
  return {
    sheetNames: () => said(() => port.sheetNames()),
    extents: (names) => said(() => port.extents(names)),
    read: (extents, firstCells) => said(() => port.read(extents, firstCells)),
    write: (request) => said(() => port.write(request)),
  };
}

/**
 * Write `data` to `target` atomically. With `backup`, the file that was there is kept as
 * `<target>.bak` first. The data goes to a temporary file in the same folder, is flushed to
 * disk, and is then renamed over the target: a reader sees the old file or the new one, never
 * half of one.
 */
export async function writeFileAtomic(target: string, data: Uint8Array, options: { backup?: boolean } = {}): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.access(dir, fsc.W_OK);
  } catch {
    throw new UserError({ code: "folder_not_writable", folder: dir });
  }
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, "wx");
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.backup) {
      try {
        await fs.copyFile(target, `${target}.bak`);
      } catch (e) {
        if (codeOf(e) !== "ENOENT") throw e;
      }
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof UserError) throw e;
    const code = codeOf(e);
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY") throw new UserError({ code: "write_locked", file: target });
    if (code === "ENOSPC") throw new UserError({ code: "disk_full", file: target });
    // -o 收集 where 收集 is a folder: the rename onto it fails so.
    if (code === "EISDIR") throw new UserError({ code: "is_folder", file: target });
    throw new UserError({ code: "write_failed", file: target, reason: code });
  }
}

/**
 * Make `dir` (and its parents) a folder, or say in Chinese why not. Step by step rather than
 * fs.mkdir's recursive mode, which Node 20 retries forever on some paths (/proc/x).
 */
export async function ensureFolder(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  let st;
  try {
    st = await fs.stat(abs);
  } catch (e) {
    if (codeOf(e) !== "ENOENT") throw new UserError({ code: "folder_not_writable", folder: dir });
  }
  if (st) {
    if (!st.isDirectory()) throw new UserError({ code: "not_a_folder", folder: dir });
    return;
  }
  const parent = path.dirname(abs);
  if (parent !== abs) await ensureFolder(parent);
  try {
    await fs.mkdir(abs);
  } catch (e) {
    if (codeOf(e) !== "EEXIST") throw new UserError({ code: "folder_not_writable", folder: dir });
  }
}

/** Excel keeps a "~$name.xlsx" lock file beside a workbook it has open. */
export async function excelLockExists(file: string): Promise<boolean> {
  const lock = path.join(path.dirname(file), `~$${path.basename(file)}`);
  try {
    await fs.access(lock);
    return true;
  } catch {
    return false;
  }
}
