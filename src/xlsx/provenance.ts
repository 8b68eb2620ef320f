/**
 * Which .xlsx the tool made from an .xls/.ods, and whether anyone has changed it since.
 *
 * `appraisal calc 支部.xls` writes 支部.xlsx beside it. Run again, it may replace that file only
 * if it is its own earlier result, untouched: otherwise she may have gone on working in the
 * .xlsx, and replacing it would lose what she typed. The result carries a stamp in its document
 * properties (备注, dc:description in docProps/core.xml): the source's name, when it was
 * written, and a checksum of every sheet that is not one of the tool's output sheets. Excel,
 * WPS and LibreOffice keep the description but rewrite the modified time on every save; a
 * checksum over the grids catches an edit by any program that does not.
 */
import { OUTPUT_SHEETS } from "../workbook/layout";
import { isOwnOutputGrid } from "../workbook/output";
import type { XlsxPackage } from "./package";
import { escapeXml, tags, elementEnd, splice } from "./xml";
import { unescapeXml } from "./parts";

const STAMP = /^由考评助手从“(.+)”生成；校验 ([0-9a-f]{28}) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/;
const CORE = "docProps/core.xml";

/**
 * Two 53-bit string hashes with different seeds (cyrb53), as 28 hex digits: change detection,
 * not security. A 53-bit number has 13 or 14 hex digits, so each half is padded to 14: the
 * stamp's pattern is of a fixed length.
 */
function checksum(text: string): string {
  const half = (seed: number): string => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
  };
  return half(1) + half(2);
}

/** The tool's own output sheets in this package (the mark in their footer or A1). */
export function ownOutputSheetNames(pkg: XlsxPackage): string[] {
  return OUTPUT_SHEETS.map((d) => d.name).filter((name) => {
    if (!pkg.sheet(name)) return false;
    const r = pkg.read(name);
    return isOwnOutputGrid([[r.grid[0]?.[0] ?? null]], r.footer);
  });
}

/** The checksum of her sheets (every sheet but the tool's own output sheets): names, order and values. */
function contentChecksum(pkg: XlsxPackage): string {
  const own = new Set(ownOutputSheetNames(pkg));
  const sheets = pkg.sheets.filter((s) => !own.has(s.name)).map((s) => [s.name, s.state, pkg.read(s.name).grid]);
  return checksum(JSON.stringify(sheets));
}

const W3CDTF = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** One core property's text, or undefined. */
function coreText(xml: string, name: string): string | undefined {
  const t = tags(xml, name)[0];
  if (!t) return undefined;
  if (t.selfClosing) return "";
  const end = elementEnd(xml, t, name);
  const inner = xml.slice(t.end, end - `</${t.prefix}${name}>`.length);
  return unescapeXml(inner);
}

/** A core property set (replaced, or added before the end). */
function withCore(xml: string, prefix: string, name: string, value: string, attrs = ""): string {
  const element = `<${prefix}:${name}${attrs}>${escapeXml(value)}</${prefix}:${name}>`;
  const t = tags(xml, name)[0];
  if (t) return splice(xml, [{ start: t.start, end: elementEnd(xml, t, name), text: element }]);
  const close = xml.lastIndexOf("</");
  return `${xml.slice(0, close)}${element}${xml.slice(close)}`;
}

/**
 * Stamp `pkg`, about to be written as the result of converting `source` (a file name, no
 * folder). The converted package is the tool's own (made by exceljs from the .xls/.ods), so
 * its core properties part is there to change.
 */
export function stampConverted(pkg: XlsxPackage, source: string, now: Date = new Date()): void {
  const xml = pkg.zip.text(CORE);
  if (xml === undefined) return;
  // core.xml keeps whole seconds.
  const at = W3CDTF(new Date(Math.floor(now.getTime() / 1000) * 1000));
  let out = withCore(xml, "dcterms", "modified", at, ` xsi:type="dcterms:W3CDTF"`);
  out = withCore(out, "dc", "description", `由考评助手从“${source}”生成；校验 ${contentChecksum(pkg)} ${at}`);
  pkg.zip.set(CORE, out);
}

/**
 * What a workbook's stamp says: null when it has none (not made by converting an .xls/.ods);
 * else the source it was made from and whether it is as the tool wrote it.
 */
export function convertedFrom(pkg: XlsxPackage): { readonly source: string; readonly unchanged: boolean } | null {
  const xml = pkg.zip.text(CORE) ?? "";
  const m = STAMP.exec(coreText(xml, "description") ?? "");
  if (!m) return null;
  const [, source = "", sum, at] = m;
  const modified = (coreText(xml, "modified") ?? "").trim();
  const parsed = new Date(modified);
  const normal = Number.isNaN(parsed.getTime()) ? "" : W3CDTF(parsed);
  return { source, unchanged: normal === at && contentChecksum(pkg) === sum };
}
