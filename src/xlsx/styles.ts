/**
 * The tool's cell looks added to her styles part, additively: her fonts, fills, borders,
 * number formats and cell formats keep their places and indexes (her sheets refer to them by
 * index), and each look the tool needs is appended once, or found where an earlier run (or
 * she) already has exactly it — so a second calc leaves styles.xml byte for byte as the first
 * left it.
 */
import { elementEnd, escapeXml, splice, tags, type Tag, withAttr } from "./xml";

export interface FontSpec {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  /** ARGB, "FFC00000". */
  readonly color?: string;
  readonly name: string;
}

export interface XfSpec {
  readonly font?: FontSpec;
  /** ARGB of a solid fill. */
  readonly fill?: string;
  /** ARGB of thin lines on all four sides. */
  readonly border?: string;
  readonly numFmt?: string;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "center" | "bottom";
  readonly wrap?: boolean;
}

/** Number formats every reader knows by id (ECMA-376 §18.8.30), written by id, not added. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A styles part for a package that has none: what every reader expects at index 0 (and the two fills Excel reserves). */
export const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${SML}"><fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** styleSheet's children in schema order (CT_Stylesheet): a missing collection goes in its place. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"] as const;
type Collection = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs";
const CHILD: Readonly<Record<Collection, string>> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf" };

interface Block {
  /** Each child element's text, as written, in order. */
  readonly items: string[];
  /** How many were there before (the rest are the tool's). */
  readonly existing: number;
}

/**
 * Her styles.xml, with the looks the tool asks for (`xf`) appended. `xml()` gives the part
 * back: unchanged text when every look was already there.
 */
export class StyleBook {
  private readonly source: string;
  private readonly prefix: string;
  private readonly blocks: Record<Collection, Block>;
  /** numFmtId by format code, hers and the tool's. */
  private readonly formats = new Map<string, number>();
  private nextFormatId = 164;
  private readonly cache = new Map<string, number>();

  constructor(stylesXml: string | undefined) {
    this.source = stylesXml ?? EMPTY_STYLES;
    const root = tags(this.source, "styleSheet")[0];
    this.prefix = root?.prefix ?? "";
    this.blocks = {
      numFmts: this.block("numFmts"),
      fonts: this.block("fonts"),
      fills: this.block("fills"),
      borders: this.block("borders"),
      cellXfs: this.block("cellXfs"),
    };
    for (const item of this.blocks.numFmts.items) {
      const t = tags(item, "numFmt")[0];
      const id = Number(t?.attrs.numFmtId);
      if (!t || !Number.isInteger(id)) continue;
      if (!this.formats.has(t.attrs.formatCode ?? "")) this.formats.set(t.attrs.formatCode ?? "", id);
      this.nextFormatId = Math.max(this.nextFormatId, id + 1);
    }
    // A styles part without the two fills Excel reserves (none, gray125) gets them first, or
    // the tool's first fill would be taken for one of them.
    const fills = this.blocks.fills;
    if (fills.existing === 0) fills.items.push(`<${this.prefix}fill><${this.prefix}patternFill patternType="none"/></${this.prefix}fill>`, `<${this.prefix}fill><${this.prefix}patternFill patternType="gray125"/></${this.prefix}fill>`);
    if (this.blocks.fonts.existing === 0) this.blocks.fonts.items.push(`<${this.prefix}font><${this.prefix}sz val="11"/><${this.prefix}name val="等线"/></${this.prefix}font>`);
    if (this.blocks.borders.existing === 0) this.blocks.borders.items.push(`<${this.prefix}border><${this.prefix}left/><${this.prefix}right/><${this.prefix}top/><${this.prefix}bottom/><${this.prefix}diagonal/></${this.prefix}border>`);
    if (this.blocks.cellXfs.existing === 0) this.blocks.cellXfs.items.push(`<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
  }

  private block(name: Collection): Block {
    const open = tags(this.source, name)[0];
    if (!open || open.selfClosing) return { items: [], existing: 0 };
    const end = elementEnd(this.source, open, name);
    const inner = this.source.slice(open.end, end - `</${open.prefix}${name}>`.length);
    const items = childElements(inner, CHILD[name]);
    return { items, existing: items.length };
  }

  /** The index into cellXfs of this look. */
  xf(spec: XfSpec): number {
    const key = JSON.stringify(spec);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const numFmtId = spec.numFmt === undefined ? 0 : this.numFmt(spec.numFmt);
    const fontId = spec.font ? this.item("fonts", fontXml(p, spec.font)) : 0;
    const fillId = spec.fill ? this.item("fills", `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${spec.fill}"/></${p}patternFill></${p}fill>`) : 0;
    const borderId = spec.border ? this.item("borders", borderXml(p, spec.border)) : 0;
    const align = spec.horizontal !== undefined || spec.vertical !== undefined || spec.wrap !== undefined;
    const attrs = [
      `numFmtId="${numFmtId}"`,
      `fontId="${fontId}"`,
      `fillId="${fillId}"`,
      `borderId="${borderId}"`,
      `xfId="0"`,
      numFmtId !== 0 ? `applyNumberFormat="1"` : "",
      fontId !== 0 ? `applyFont="1"` : "",
      fillId !== 0 ? `applyFill="1"` : "",
      borderId !== 0 ? `applyBorder="1"` : "",
      align ? `applyAlignment="1"` : "",
    ].filter((a) => a !== "");
    const alignment = align
      ? `<${p}alignment${spec.horizontal ? ` horizontal="${spec.horizontal}"` : ""}${spec.vertical ? ` vertical="${spec.vertical}"` : ""}${spec.wrap !== undefined ? ` wrapText="${spec.wrap ? 1 : 0}"` : ""}/>`
      : "";
    const xf = alignment ? `<${p}xf ${attrs.join(" ")}>${alignment}</${p}xf>` : `<${p}xf ${attrs.join(" ")}/>`;
    const index = this.item("cellXfs", xf);
    this.cache.set(key, index);
    return index;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.formats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.formats.set(code, id);
    this.blocks.numFmts.items.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  /** The index of an element in a collection: an equal one already there (only the tool's own text can be equal), else appended. */
  private item(name: Collection, xml: string): number {
    const items = this.blocks[name].items;
    const at = items.indexOf(xml);
    if (at >= 0) return at;
    items.push(xml);
    return items.length - 1;
  }

  /** Did the tool add anything? */
  changed(): boolean {
    return (Object.keys(this.blocks) as Collection[]).some((k) => this.blocks[k].items.length !== this.blocks[k].existing);
  }

  /** The styles part's text: hers, with the tool's additions at the end of each collection. */
  xml(): string {
    if (!this.changed()) return this.source;
    const edits: { start: number; end: number; text: string }[] = [];
    const missing: Collection[] = [];
    for (const name of Object.keys(this.blocks) as Collection[]) {
      const b = this.blocks[name];
      if (b.items.length === b.existing) continue;
      const open = tags(this.source, name)[0];
      const added = b.items.slice(b.existing).join("");
      if (!open) {
        missing.push(name);
        continue;
      }
      const count = String(b.items.length);
      if (open.selfClosing) {
        edits.push({ start: open.start, end: open.end, text: `${withAttr(open.text.replace(/\s*\/>$/, ">"), "count", count)}${added}</${open.prefix}${name}>` });
      } else {
        const end = elementEnd(this.source, open, name);
        const close = end - `</${open.prefix}${name}>`.length;
        edits.push({ start: open.start, end: open.end, text: withAttr(open.text, "count", count) });
        edits.push({ start: close, end: close, text: added });
      }
    }
    // A collection she has none of goes before the first collection that follows it in schema order.
    for (const name of missing) {
      const b = this.blocks[name];
      const text = `<${this.prefix}${name} count="${b.items.length}">${b.items.join("")}</${this.prefix}${name}>`;
      const after = ORDER.slice(ORDER.indexOf(name) + 1)
        .map((n) => tags(this.source, n)[0])
        .find((t): t is Tag => t !== undefined);
      const root = tags(this.source, "styleSheet")[0];
      const at = after ? after.start : root && !root.selfClosing ? this.source.indexOf(`</${root.prefix}styleSheet`) : -1;
      if (at < 0) throw new Error("styles part without a styleSheet");
      edits.push({ start: at, end: at, text });
    }
    return splice(this.source, edits);
  }
}

function fontXml(p: string, f: FontSpec): string {
  return `<${p}font>${f.bold ? `<${p}b/>` : ""}${f.italic ? `<${p}i/>` : ""}${f.color ? `<${p}color rgb="${f.color}"/>` : ""}<${p}sz val="${f.size ?? 11}"/><${p}name val="${escapeXml(f.name)}"/><${p}family val="2"/><${p}charset val="134"/></${p}font>`;
}

function borderXml(p: string, argb: string): string {
  const side = (s: string): string => `<${p}${s} style="thin"><${p}color rgb="${argb}"/></${p}${s}>`;
  return `<${p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${p}diagonal/></${p}border>`;
}

/** The child elements of this name in a collection's inner text, each as written (start tag to end tag). */
function childElements(inner: string, name: string): string[] {
  const out: string[] = [];
  let lastEnd = 0;
  for (const t of tags(inner, name)) {
    // An element of the same name inside the last one is not a child of the collection.
    if (t.start < lastEnd) continue;
    const end = t.selfClosing ? t.end : elementEnd(inner, t, name);
    out.push(inner.slice(t.start, end));
    lastEnd = end;
  }
  return out;
}
