/**
 * Small questions asked of a zip that is not an .xlsx package: is it an OpenDocument file
 * (re-zipped, so its first bytes no longer tell), and does it have a password? And the one
 * XML unescape the package checks and the .ods reader share.
 */
import { ZipArchive } from "./zip";

function textOf(data: Uint8Array, name: string): string {
  try {
    return ZipArchive.open(data).text(name) ?? "";
  } catch {
    return "";
  }
}

/**
 * An OpenDocument package's media type (its mimetype part, else its manifest's entry for
 * "/"), or "" when it is not one. Asked of a zip that holds no .xlsx workbook: an .ods
 * re-zipped by another tool no longer starts with its mimetype, which is how the first bytes
 * tell an .ods, yet LibreOffice opens it.
 */
export function odfMediaType(data: Uint8Array): string {
  const mimetype = textOf(data, "mimetype").trim();
  if (mimetype !== "") return mimetype;
  const root = /<manifest:file-entry\b[^>]*manifest:full-path="\/"[^>]*>/.exec(textOf(data, "META-INF/manifest.xml"))?.[0] ?? "";
  return /manifest:media-type="([^"]*)"/.exec(root)?.[1] ?? "";
}

/**
 * Whether an OpenDocument package has a password to open: its manifest (never encrypted itself)
 * lists encryption data for the parts. SheetJS does not look, and takes the encrypted
 * content.xml for a damaged zip entry. False when the zip or its manifest cannot be read.
 */
export function odfEncrypted(data: Uint8Array): boolean {
  return /<manifest:encryption-data\b/.test(textOf(data, "META-INF/manifest.xml"));
}

/** XML text or an attribute value as the string it stands for: the five named entities and character references. */
export const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
    if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return named[e.toLowerCase()] ?? "";
  });
