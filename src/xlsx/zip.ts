/**
 * The zip container of an .xlsx, read and written at the level of its entries, so that a part
 * the tool does not change is copied as the very bytes it was stored as (never inflated and
 * deflated again): her charts, pivot caches, VBA project and pictures pass through untouched,
 * and cost nothing but a copy. Only the parts the tool reads are inflated (fflate), only the
 * parts it writes are deflated.
 *
 * Reads what Excel, LibreOffice, WPS, openpyxl, exceljs and the .NET libraries write: stored
 * and deflated entries, data descriptors, zip64 records. Refuses (ZipError) what no workbook
 * writer makes: encrypted entries, other compression methods, entries that overlap or run past
 * the end, a CRC that does not match.
 */
import { deflateSync, inflateSync } from "fflate";

/** The zip is damaged or not one we can read; `reason` is for developers, never shown. */
export class ZipError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ZipError";
  }
}

/** One entry as stored: its compressed bytes and what the central directory says of them. */
interface StoredEntry {
  readonly kind: "stored";
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly time: number;
  readonly date: number;
  readonly utf8: boolean;
  /** The name as stored: written back as it was, whatever its encoding. */
  readonly rawName: Uint8Array;
  /** The compressed data, a view on the file's bytes. */
  readonly data: Uint8Array;
}

/** An entry written anew: its content, deflated when the archive is written. */
interface NewEntry {
  readonly kind: "new";
  readonly name: string;
  readonly content: Uint8Array;
}

type Entry = StoredEntry | NewEntry;

const CRC_TABLE = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const utf8 = new TextDecoder("utf-8");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const utf8Encoder = new TextEncoder();

/** CP437's upper half: a name not flagged UTF-8 is CP437 by the standard. */
const CP437_HIGH = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/**
 * An entry's name: UTF-8 when flagged so; unflagged, UTF-8 if the bytes are valid UTF-8 (as
 * many tools write without the flag), else CP437.
 */
function decodeName(raw: Uint8Array, flagged: boolean): string {
  if (flagged) return utf8.decode(raw);
  if (raw.every((b) => b < 0x80)) return String.fromCharCode(...raw);
  try {
    return strictUtf8.decode(raw);
  } catch {
    return Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : (CP437_HIGH[b - 0x80] as string))).join("");
  }
}

const MAX_ENTRIES = 65535;

/**
 * The entries of a zip, in the order of its central directory. `read` inflates one (checked
 * against its CRC); `set` and `remove` change the archive; `bytes` writes it.
 */
export class ZipArchive {
  private readonly entries: Map<string, Entry>;
  /** Part names compare without regard to case (OPC): a lower-case name to the stored one. */
  private folded: Map<string, string> | null = null;

  private constructor(entries: Map<string, Entry>) {
    this.entries = entries;
  }

  /** The stored name for `name`: itself, or the one that differs only in case. */
  private nameOf(name: string): string {
    if (this.entries.has(name)) return name;
    this.folded ??= new Map([...this.entries.keys()].map((k) => [k.toLowerCase(), k]));
    return this.folded.get(name.toLowerCase()) ?? name;
  }

  /** Open a zip's bytes; throws ZipError when they are not a zip we can read. */
  static open(bytes: Uint8Array): ZipArchive {
    return new ZipArchive(readCentralDirectory(bytes));
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(this.nameOf(name));
  }

  /** The uncompressed content of an entry, or undefined when there is none of that name. */
  read(name: string): Uint8Array | undefined {
    const e = this.entries.get(this.nameOf(name));
    if (!e) return undefined;
    if (e.kind === "new") return e.content;
    let out: Uint8Array;
    if (e.method === 0) out = e.data;
    else {
      try {
        out = inflateSync(e.data, { out: new Uint8Array(e.size) });
      } catch (err) {
        throw new ZipError(`${name}: ${(err as Error).message}`);
      }
      if (out.length !== e.size) throw new ZipError(`${name}: size ${out.length} ≠ ${e.size}`);
    }
    if (crc32(out) !== e.crc) throw new ZipError(`${name}: CRC mismatch`);
    return out;
  }

  /** An entry's content as text (UTF-8, or UTF-16 with its byte-order mark, as XML allows). */
  text(name: string): string | undefined {
    const b = this.read(name);
    return b === undefined ? undefined : decodeXml(b);
  }

  /** Add or replace an entry; a replaced entry keeps its place in the order. */
  set(name: string, content: Uint8Array | string): void {
    this.folded = null;
    const stored = this.nameOf(name);
    this.entries.set(stored, { kind: "new", name: stored, content: typeof content === "string" ? utf8Encoder.encode(content) : content });
  }

  remove(name: string): void {
    this.entries.delete(this.nameOf(name));
    this.folded = null;
  }

  /** Was this entry written anew (set) since the archive was opened? */
  changed(name: string): boolean {
    return this.entries.get(this.nameOf(name))?.kind === "new";
  }

  /** The archive as zip bytes: stored entries copied as they were, new ones deflated. */
  bytes(): Uint8Array {
    if (this.entries.size > MAX_ENTRIES) throw new ZipError("too many entries");
    const chunks: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    for (const e of this.entries.values()) {
      const s = e.kind === "stored" ? e : deflated(e);
      const name = s.rawName;
      // General purpose flags: bit 11 (UTF-8 names) only. The sizes are in the local header,
      // so no data descriptor follows.
      const flags = s.utf8 ? 0x0800 : 0;
      if (offset > 0xffffffff || s.compressedSize > 0xffffffff || s.size > 0xffffffff) throw new ZipError("zip64 needed");
      const local = new Uint8Array(30 + name.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 20, true);
      lv.setUint16(6, flags, true);
      lv.setUint16(8, s.method, true);
      lv.setUint16(10, s.time, true);
      lv.setUint16(12, s.date, true);
      lv.setUint32(14, s.crc, true);
      lv.setUint32(18, s.compressedSize, true);
      lv.setUint32(22, s.size, true);
      lv.setUint16(26, name.length, true);
      lv.setUint16(28, 0, true);
      local.set(name, 30);
      const cd = new Uint8Array(46 + name.length);
      const cv = new DataView(cd.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(8, flags, true);
      cv.setUint16(10, s.method, true);
      cv.setUint16(12, s.time, true);
      cv.setUint16(14, s.date, true);
      cv.setUint32(16, s.crc, true);
      cv.setUint32(20, s.compressedSize, true);
      cv.setUint32(24, s.size, true);
      cv.setUint16(28, name.length, true);
      cv.setUint32(42, offset, true);
      cd.set(name, 46);
      chunks.push(local, s.data);
      central.push(cd);
      offset += local.length + s.data.length;
    }
    const cdSize = central.reduce((n, c) => n + c.length, 0);
    if (offset > 0xffffffff) throw new ZipError("zip64 needed");
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, this.entries.size, true);
    ev.setUint16(10, this.entries.size, true);
    ev.setUint32(12, cdSize, true);
    ev.setUint32(16, offset, true);
    const out = new Uint8Array(offset + cdSize + end.length);
    let at = 0;
    for (const c of [...chunks, ...central, end]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/**
 * The DOS time and date every new entry carries: 1980-01-01 00:00, the earliest a zip can
 * say. A fixed stamp, so that the same workbook computed twice is the same bytes.
 */
const FIXED_TIME = 0;
const FIXED_DATE = (1 << 5) | 1;

function deflated(e: NewEntry): StoredEntry {
  const data = deflateSync(e.content, { level: 6 });
  const rawName = utf8Encoder.encode(e.name);
  return {
    kind: "stored",
    name: e.name,
    method: 8,
    crc: crc32(e.content),
    compressedSize: data.length,
    size: e.content.length,
    time: FIXED_TIME,
    date: FIXED_DATE,
    utf8: rawName.some((b) => b >= 0x80),
    rawName,
    data,
  };
}

/** XML bytes as text: UTF-16 when a byte-order mark says so, else UTF-8 (its BOM dropped). */
export function decodeXml(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
  return utf8.decode(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);
}

function readCentralDirectory(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => u32(at) + u32(at + 4) * 0x100000000;
  const inside = (at: number, length: number): boolean => at >= 0 && length >= 0 && at + length <= bytes.length;
  // The end of central directory record: the last one, within a comment's reach of the end.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("no end of central directory");
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  // Where the central directory ends: at the end record, or at the zip64 end record before it.
  let cdEnd = eocd;
  // Zip64: the locator sits just before the record and points at the zip64 record.
  if (eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    let at = u64(eocd - 20 + 8);
    if (!inside(at, 56) || u32(at) !== 0x06064b50) {
      // Data before the archive shifts the locator's offset too: the record is found by its
      // signature just before the locator (its usual size is 56 bytes).
      at = eocd - 20 - 56;
      if (!inside(at, 56) || u32(at) !== 0x06064b50) throw new ZipError("bad zip64 record");
    }
    count = u64(at + 32);
    cdSize = u64(at + 40);
    cdOffset = u64(at + 48);
    cdEnd = at;
  }
  // Data before the archive (a self-extractor's stub) shifts every offset alike.
  const shift = cdEnd - cdSize - cdOffset > 0 && u32(cdOffset) !== 0x02014b50 && inside(cdEnd - cdSize, 4) && u32(cdEnd - cdSize) === 0x02014b50 ? cdEnd - cdSize - cdOffset : 0;
  if (count > MAX_ENTRIES) throw new ZipError("too many entries");
  const entries = new Map<string, Entry>();
  const spans: [number, number][] = [];
  let at = cdOffset + shift;
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== 0x02014b50) throw new ZipError("bad central directory");
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const time = u16(at + 12);
    const date = u16(at + 14);
    const crc = u32(at + 16);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) throw new ZipError("bad central directory");
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const isUtf8 = (flags & 0x0800) !== 0;
    const name = decodeName(rawName, isUtf8);
    // Zip64 extra field: the 64-bit values, in this order, of those set to 0xFFFFFFFF.
    let x = at + 46 + nameLength;
    const xEnd = x + extraLength;
    while (x + 4 <= xEnd) {
      const id = u16(x);
      const len = u16(x + 2);
      if (id === 0x0001) {
        let p = x + 4;
        if (size === 0xffffffff) {
          size = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(p);
          p += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(p);
      }
      x += 4 + len;
    }
    at = xEnd + commentLength;
    if ((flags & 0x0001) !== 0) throw new ZipError(`${name}: encrypted entry`);
    // A folder entry (some writers list them) holds nothing.
    if (name.endsWith("/")) continue;
    if (method !== 0 && method !== 8) throw new ZipError(`${name}: compression method ${method}`);
    const lo = localOffset + shift;
    if (!inside(lo, 30) || u32(lo) !== 0x04034b50) throw new ZipError(`${name}: bad local header`);
    const start = lo + 30 + u16(lo + 26) + u16(lo + 28);
    if (!inside(start, compressedSize)) throw new ZipError(`${name}: data past the end`);
    if (method === 0 && compressedSize !== size) throw new ZipError(`${name}: stored sizes differ`);
    // Names are unique in a package (OPC); a zip that repeats one is not a package.
    if (entries.has(name)) throw new ZipError(`${name}: listed twice`);
    spans.push([start, start + compressedSize]);
    entries.set(name, { kind: "stored", name, method, crc, compressedSize, size, time, date, utf8: isUtf8, rawName, data: bytes.subarray(start, start + compressedSize) });
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if ((spans[i] as [number, number])[0] < (spans[i - 1] as [number, number])[1]) throw new ZipError("entries overlap");
  return entries;
}
