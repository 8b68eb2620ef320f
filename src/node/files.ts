/**
 * File access for the command line: open an .xlsx with a clear Chinese message for every way
 * it can fail, and save atomically (a temporary file renamed over the target, the previous
 * file kept as .bak), so a crash mid-write never leaves a half-written workbook.
 */
import { promises as fs, constants as fsc } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ownOutputSheetNames } from "../xlsx/host";
import { partsExceljsWouldLose, withRelativeTargets } from "../xlsx/parts";

/** A failure the user can act on; the CLI prints the message and exits with the code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}

function codeOf(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e).code) : "";
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Largest workbook the command line opens (exceljs holds it all in memory). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface LoadedWorkbook {
  readonly wb: ExcelJS.Workbook;
  /** What the file holds that writing it back through exceljs would lose, in Chinese. */
  readonly wouldLose: readonly string[];
}

export async function loadWorkbookFile(file: string): Promise<LoadedWorkbook> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw new UserError(`“${file}”是一个文件夹，请指定 .xlsx 文件`);
    if (st.size > MAX_FILE_BYTES) {
      throw new UserError(`文件“${file}”有 ${Math.round(st.size / 1048576)} MB，超过 ${MAX_FILE_BYTES / 1048576} MB 的上限；请删去无关的工作表或图片后再试`);
    }
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = codeOf(e);
    if (code === "ENOENT") throw new UserError(`找不到文件“${file}”。请检查路径；新建考评表可运行：appraisal init ${file}`);
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY") {
      throw new UserError(`无法读取“${file}”：文件被占用或没有读取权限。若已在 Excel 或 WPS 中打开，请先关闭`);
    }
    throw new UserError(`无法读取“${file}”（${code || "未知原因"}）`);
  }
  if (data.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new UserError(`“${file}”是旧版 Excel（.xls）或其他格式。请在 Excel 或 WPS 中“另存为” .xlsx 后再试`);
  }
  if (!data.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new UserError(`“${file}”不是 .xlsx 工作簿（${path.extname(file) || "无扩展名"}）。请在 Excel 或 WPS 中“另存为” .xlsx 后再试`);
  }
  const wb = new ExcelJS.Workbook();
  let wouldLose: string[];
  try {
    await wb.xlsx.load((await withRelativeTargets(data)) as unknown as ArrayBuffer);
    wouldLose = await partsExceljsWouldLose(data, ownOutputSheetNames(wb));
  } catch {
    throw new UserError(`“${file}”已损坏或不是有效的 .xlsx 工作簿，无法打开。请用 Excel 或 WPS 打开检查，或使用备份（.bak）`);
  }
  return { wb, wouldLose };
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
    throw new UserError(`无法写入文件夹“${dir}”：没有写权限或文件夹不存在`);
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
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY") {
      throw new UserError(`无法写入“${target}”：文件被占用或没有写权限。若已在 Excel 或 WPS 中打开，请先关闭`);
    }
    if (code === "ENOSPC") throw new UserError(`无法写入“${target}”：磁盘空间不足`);
    throw new UserError(`无法写入“${target}”（${code || "未知原因"}）`);
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
