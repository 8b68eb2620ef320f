/**
 * Opening a workbook file's bytes for the file hosts (command line and browser page): an .xlsx
 * or .xlsm as her package itself (package.ts), an .xls or .ods read by SheetJS and converted
 * into a new package (legacy.ts, loaded only then, with exceljs). Nothing here loads exceljs
 * for an .xlsx: the page computes without fetching that chunk.
 */
import type { WorkbookFormat } from "../core/files";
import { FileProblemError } from "../messages/files";
import type { Converted } from "./legacy";
import { XlsxPackage } from "./package";
import { odfEncrypted, odfMediaType } from "./parts";

/** A workbook held by a file host. Callers outside src/xlsx hand it back, never look inside. */
export type Book = XlsxPackage;

/** A workbook as read: the book and, for an .xls/.ods, that it was converted. */
export interface ReadBook {
  readonly book: Book;
  /** An .xls or .ods read into a new workbook: its format, and what of it the .xlsx cannot hold. */
  readonly converted: Converted | null;
}

/**
 * Open a workbook file's bytes. Throws a FileProblemError (named `name`) when they are not a
 * workbook we can read: a zip that holds something else, an encrypted or damaged file.
 */
export async function readBook(bytes: ArrayBuffer | Uint8Array, name?: string, format: WorkbookFormat = "xlsx"): Promise<ReadBook> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (format !== "xlsx") {
    const { readLegacy } = await import("./legacy");
    const { workbookBytes } = await import("./host");
    let read;
    try {
      read = readLegacy(data, format, name);
    } catch (e) {
      // An .ods with a password reads as damaged to SheetJS: its manifest tells (asked only
      // on failure, so a readable .ods is not unzipped twice).
      if (format === "ods" && e instanceof FileProblemError && e.problem.code === "file_corrupt" && odfEncrypted(data)) {
        throw new FileProblemError({ code: "encrypted", ...(name === undefined ? {} : { file: name }) });
      }
      throw e;
    }
    return { book: XlsxPackage.open(await workbookBytes(read.book), name), converted: read.converted };
  }
  try {
    return { book: XlsxPackage.open(data, name), converted: null };
  } catch (e) {
    if (!(e instanceof FileProblemError) || e.problem.code !== "zip_not_workbook") throw e;
    // An OpenDocument package whose zip does not start with its mimetype (re-zipped): an
    // .ods is read as one, a text or presentation said to be one, as when the mimetype is first.
    const media = odfMediaType(data);
    if (media.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return readBook(bytes, name, "ods");
    if (media.startsWith("application/vnd.oasis.opendocument.")) throw new FileProblemError({ code: "zip_not_workbook", ...(name === undefined ? {} : { file: name }), holds: "opendocument" });
    throw e;
  }
}

export const sheetNamesOf = (book: Book): string[] => book.sheetNames();

/** The workbook as .xlsx bytes: her parts as stored, the tool's written anew. */
export const bookBytes = (book: Book): Uint8Array => book.bytes();
