/**
 * XML for the package reader and writer. Reading goes through saxes (a maintained, conforming
 * tokenizer: entities, character references, CDATA, comments and namespace prefixes are its
 * business, not ours); element names are compared by their local name, so a part written with
 * a prefix (`<x:c>`, as some .NET libraries do) reads like one without.
 *
 * Editing a small index part (workbook.xml, its .rels, [Content_Types].xml, styles.xml) is done
 * on its text, tag by tag (`tags`), so that everything the tool does not touch stays as it was,
 * down to the byte.
 */
import { SaxesParser } from "saxes";
import { unescapeXml } from "./parts";

export interface XmlHandlers {
  readonly open?: (name: string, attrs: Readonly<Record<string, string>>, selfClosing: boolean) => void;
  readonly text?: (text: string) => void;
  readonly close?: (name: string) => void;
}

const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

/** Walk an XML document: element names by local name, attribute names as written. Throws on malformed XML. */
export function walkXml(xml: string, h: XmlHandlers): void {
  const p = new SaxesParser({ xmlns: false, position: false });
  const failures: Error[] = [];
  p.on("error", (e) => failures.push(e));
  const { open, text, close } = h;
  if (open) p.on("opentag", (t) => open(local(t.name), t.attributes as Record<string, string>, t.isSelfClosing));
  if (text) {
    p.on("text", (t) => text(t));
    p.on("cdata", (t) => text(t));
  }
  if (close) p.on("closetag", (t) => close(local(t.name)));
  p.write(xml).close();
  if (failures[0]) throw failures[0];
}

/** Text for element content or an attribute value: the five characters XML reserves, escaped. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}

/**
 * Text as SpreadsheetML stores a string (ST_Xstring): characters XML 1.0 cannot hold (most
 * control characters) as `_xHHHH_`, and a literal `_xHHHH_` with its underscore escaped, so
 * a reader gives back what was written. Then the XML escapes.
 */
export function escapeXstring(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  const x = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1").replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(x);
}

/** ST_Xstring's `_xHHHH_` escapes decoded (the text as the person typed it). */
export function unescapeXstring(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** One start (or empty-element) tag found in a part's text. */
export interface Tag {
  /** Where the tag starts and ends in the text (end: just after its ">"). */
  readonly start: number;
  readonly end: number;
  /** The prefix written, with its colon ("x:"), or "". */
  readonly prefix: string;
  readonly selfClosing: boolean;
  /** Attributes by name as written, values unescaped. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Every start tag of this local name in `xml`, in order. Quoted values may hold ">". */
export function tags(xml: string, name: string): Tag[] {
  const re = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)${name}(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>`, "g");
  const out: Tag[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const body = m[2] ?? "";
    out.push({ start: m.index, end: m.index + m[0].length, prefix: m[1] ?? "", selfClosing: body.endsWith("/"), attrs: attributes(body), text: m[0] });
  }
  return out;
}

function attributes(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out[m[1] as string] = unescapeXml(m[2] ?? m[3] ?? "");
  return out;
}

/** Where the element that starts with `open` ends (just after its end tag, or the tag itself when empty). */
export function elementEnd(xml: string, open: Tag, name: string): number {
  if (open.selfClosing) return open.end;
  const close = `</${open.prefix}${name}`;
  // Elements of the same name nest in none of the parts edited here (sheets, definedNames,
  // cellXfs…), so the first end tag is this element's.
  const at = xml.indexOf(close, open.end);
  if (at < 0) throw new Error(`no ${close}`);
  return xml.indexOf(">", at) + 1;
}

/** An attribute's value in a tag's text replaced (or added before the tag's end). */
export function withAttr(tagText: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tagText)) return tagText.replace(re, `$1"${escapeXml(value)}"`);
  return tagText.replace(/\s*(\/?)>$/, ` ${name}="${escapeXml(value)}"$1>`);
}

/**
 * Text with the ranges given replaced (not overlapping). An insertion (start = end) at the
 * start of a replaced range goes before the replacement.
 */
export function splice(xml: string, edits: readonly { readonly start: number; readonly end: number; readonly text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}
