/**
 * src/xlsx/zip.ts against archives other tools wrote: python's zipfile (stored, deflated, data
 * descriptors through a pipe, zip64 local headers, comments, UTF-8 names, duplicate names),
 * Info-ZIP `zip` (stored and deflated, directory entries, -fz zip64 end records, a pipe's data
 * descriptors, -P encryption, file names as raw bytes, -A on a self-extractor), JSZip with
 * streamFiles, exceljs and LibreOffice. Python's zipfile (test/xlsx/zip_tools.py) is the
 * witness: what it reads from an archive is what ZipArchive must read, and what ZipArchive
 * writes must pass its testzip() (and Info-ZIP's `unzip -t`), with every untouched entry's
 * compressed bytes found unchanged where python says they lie.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { seededRandom } from "../../src/workbook/random";
import { ZipArchive, ZipError, crc32, decodeXml } from "../../src/xlsx/zip";
import { tempDir } from "../support/files";
import { saveWithLibreOffice } from "../support/pdf";

const PYTHON = "/usr/bin/python3";
const TOOLS = path.join(__dirname, "zip_tools.py");

const installed = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
/** Info-ZIP's zip and unzip: the tests that need them are skipped (not passed) without them. */
const HAS_ZIP = installed("zip");
const HAS_UNZIP = installed("unzip");
const withZip = HAS_ZIP ? test : test.skip;

/** Signatures, and general purpose flags. */
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DATA_DESCRIPTOR = 0x0008;
const ENCRYPTED = 0x0001;
const UTF8_NAME = 0x0800;

/** One entry as python's zipfile reads it (zip_tools.py inspect). */
interface PyEntry {
  readonly name: string;
  /** The name's bytes as stored, hex. */
  readonly rawName: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dateTime: number[];
  readonly localHeader: number;
  readonly centralRecord: number;
  /** Where the entry's compressed bytes start in the file. */
  readonly dataStart: number;
  /** Of the content; null when python could not read it, … */
  readonly sha256: string | null;
  /** … and why. */
  readonly error: string | null;
}

interface PyView {
  /** The first entry whose CRC or data is bad, or null. */
  readonly testzip: string | null;
  readonly comment: string;
  readonly entries: PyEntry[];
}

function python(args: readonly string[], input?: string): string {
  const r = spawnSync(PYTHON, [TOOLS, ...args], { encoding: "utf8", maxBuffer: 1 << 28, ...(input === undefined ? {} : { input }) });
  if (r.status !== 0) throw new Error(`zip_tools.py ${args.join(" ")} failed (${r.status ?? r.signal}): ${r.stderr}${r.error?.message ?? ""}`);
  return r.stdout;
}

let dir = "";
let scratch = 0;

/**
 * What python reads in each file, or bytes (written to a scratch file first): one run of python
 * for them all, as a run costs a tenth of a second or more on a busy machine.
 */
function inspectAll(items: readonly (string | Uint8Array)[]): PyView[] {
  const paths = items.map((item) => {
    if (typeof item === "string") return item;
    const f = path.join(dir, `scratch-${scratch++}.zip`);
    writeFileSync(f, item);
    return f;
  });
  const views = JSON.parse(python(["inspect", ...paths])) as PyView[];
  expect(views).toHaveLength(items.length);
  return views;
}

function run(cmd: string, args: readonly string[], cwd: string): Buffer {
  const r = spawnSync(cmd, args, { cwd, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}): ${r.stderr.toString()}${r.error?.message ?? ""}`);
  return r.stdout;
}

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const isDirectory = (e: PyEntry): boolean => e.name.endsWith("/");

/**
 * The name an entry must be read as: UTF-8 when flagged (bit 11); unflagged, UTF-8 when its
 * bytes are UTF-8 (as Info-ZIP on Linux and macOS's Archive Utility write names), else CP437,
 * the standard's code page (as python reads it).
 */
function expectedName(e: PyEntry): string {
  if (e.flags & UTF8_NAME) return e.name;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(e.rawName, "hex"));
  } catch {
    return e.name;
  }
}

/** The error refusing the archive: thrown by open, or by reading any of its entries. */
function refusal(bytes: Uint8Array): unknown {
  try {
    const zip = ZipArchive.open(bytes);
    for (const name of zip.names()) zip.read(name);
  } catch (e) {
    return e;
  }
  return undefined;
}

function expectZipError(bytes: Uint8Array): void {
  const e = refusal(bytes);
  expect(e).toBeInstanceOf(ZipError);
  expect((e as Error).name).toBe("ZipError");
}

/** Deterministic bytes that do not compress (a picture's worth). */
function noise(length: number, seed: number): Uint8Array {
  const r = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(r() * 256));
}

/** A self-extractor's stub: bytes before the archive (no zip signature in them). */
const STUB = Buffer.from("MZ\x90\x00".padEnd(64, "\x00") + "This program cannot be run in DOS mode. 考评助手 self-extractor stub\r\n".repeat(30));
const prefixed = (zip: Uint8Array): Buffer => Buffer.concat([STUB, zip]);

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Fixture files by name, made in beforeAll. */
const files: Record<string, string> = {};
const fixture = (name: string): string => {
  const f = files[name];
  if (f === undefined) throw new Error(`no fixture ${name}`);
  return f;
};
const bytesOf = (name: string): Buffer => readFileSync(fixture(name));

async function makeFixtures(): Promise<void> {
  dir = tempDir("zip-test-");
  const py = path.join(dir, "python");
  mkdirSync(py);
  python(["make", py]);
  for (const n of ["stored", "deflated", "descriptors", "comment", "zip64", "utf8", "utf16", "empty", "duplicate"]) files[`python-${n}`] = path.join(py, `${n}.zip`);
  files["python-prefixed"] = path.join(dir, "python-prefixed.zip");
  writeFileSync(fixture("python-prefixed"), prefixed(bytesOf("python-deflated")));

  // JSZip as exceljs' dependency writes it when streaming: a data descriptor after every entry.
  const jszip = new JSZip();
  jszip.file("[Content_Types].xml", XML + "<Types/>".repeat(50));
  jszip.file("xl/media/image1.png", noise(3000, 1), { compression: "STORE" });
  jszip.file("xl/worksheets/sheet1.xml", XML + "<worksheet>" + "<row><c><v>1</v></c></row>".repeat(200) + "</worksheet>");
  files["jszip-stream"] = path.join(dir, "jszip-stream.zip");
  writeFileSync(fixture("jszip-stream"), await jszip.generateAsync({ type: "uint8array", compression: "DEFLATE", streamFiles: true }));

  // exceljs' own .xlsx, and LibreOffice's save of it.
  const wb = new ExcelJS.Workbook();
  const roster = wb.addWorksheet("党员名册");
  roster.addRow(["编号", "姓名", "出生日期"]);
  for (let i = 1; i <= 40; i++) roster.addRow([`G${String(i).padStart(2, "0")}`, `党员${i}`, new Date(Date.UTC(1980 + (i % 30), i % 12, 1))]);
  roster.mergeCells("E1:F2");
  wb.addWorksheet("学习考勤").getCell("B2").value = "出席";
  files["exceljs"] = path.join(dir, "exceljs.xlsx");
  await wb.xlsx.writeFile(fixture("exceljs"));
  files["libreoffice"] = (await saveWithLibreOffice(fixture("exceljs"), "xlsx", path.join(dir, "libreoffice"))).file;
  // LibreOffice 7.4's .ods, in the repository.
  files["libreoffice-ods"] = path.join(__dirname, "..", "fixtures", "tiny.ods");

  if (!HAS_ZIP) return;
  // Info-ZIP from a folder: deflated XML, a stored picture (deflating noise does not pay),
  // directory entries, extra fields (UT, ux).
  const src = path.join(dir, "src");
  mkdirSync(path.join(src, "xl", "media"), { recursive: true });
  mkdirSync(path.join(src, "docProps"));
  writeFileSync(path.join(src, "[Content_Types].xml"), XML + '<Types><Default Extension="xml" ContentType="application/xml"/></Types>'.repeat(20));
  writeFileSync(path.join(src, "xl", "workbook.xml"), XML + "<workbook><sheets><sheet name='党员名册'/></sheets></workbook>".repeat(10));
  writeFileSync(path.join(src, "xl", "media", "image1.png"), noise(4000, 2));
  writeFileSync(path.join(src, "docProps", "app.xml"), XML + "<Properties><Application>Microsoft Excel</Application></Properties>".repeat(5));
  const infozip = (name: string, ...args: string[]): void => {
    files[name] = path.join(dir, `${name}.zip`);
    run("zip", ["-q", "-r", ...args, fixture(name), "."], src);
  };
  infozip("infozip");
  infozip("infozip64", "-D", "-fz");
  // Encrypted, deflated entries only (a stored one is refused anyway: its size grows by the
  // 12-byte encryption header).
  files["encrypted"] = path.join(dir, "encrypted.zip");
  run("zip", ["-q", "-r", "-D", "-P", "支部2026", fixture("encrypted"), "xl", "docProps", "-x", "xl/media/*"], src);
  files["infozip-pipe"] = path.join(dir, "infozip-pipe.zip");
  writeFileSync(fixture("infozip-pipe"), run("zip", ["-q", "-r", "-D", "-", "."], src));
  files["infozip-prefixed"] = path.join(dir, "infozip-prefixed.zip");
  writeFileSync(fixture("infozip-prefixed"), prefixed(bytesOf("infozip")));
  files["infozip-adjusted"] = path.join(dir, "infozip-adjusted.zip");
  writeFileSync(fixture("infozip-adjusted"), prefixed(bytesOf("infozip")));
  run("zip", ["-q", "-A", fixture("infozip-adjusted")], dir);
  files["infozip64-prefixed"] = path.join(dir, "infozip64-prefixed.zip");
  writeFileSync(fixture("infozip64-prefixed"), prefixed(bytesOf("infozip64")));

  // File names as raw bytes, which Info-ZIP on Linux stores as they are, unflagged: "café.xml"
  // in CP437 (0x82 is é; not UTF-8), and "名单.xml" in UTF-8.
  const names = path.join(dir, "names");
  mkdirSync(names);
  writeFileSync(Buffer.concat([Buffer.from(names + "/"), Buffer.from([0x63, 0x61, 0x66, 0x82, 0x2e, 0x78, 0x6d, 0x6c])]), XML + "<café/>");
  writeFileSync(path.join(names, "名单.xml"), XML + "<名单/>");
  writeFileSync(path.join(names, "plain.xml"), XML + "<plain/>");
  files["infozip-names"] = path.join(dir, "infozip-names.zip");
  run("zip", ["-q", "-r", fixture("infozip-names"), "."], names);
}

/** What python reads in each fixture. */
const views = new Map<string, PyView>();
const viewOf = (name: string): PyView => {
  const v = views.get(name);
  if (!v) throw new Error(`python did not read ${name}`);
  return v;
};

beforeAll(async () => {
  await makeFixtures();
  const names = Object.keys(files);
  inspectAll(names.map(fixture)).forEach((v, i) => views.set(names[i] as string, v));
}, 60_000);

/** The IDs of the fields in an entry's local header's extra field. */
function localExtraIds(bytes: Uint8Array, e: PyEntry): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = v.getUint16(e.localHeader + 26, true);
  const x = v.getUint16(e.localHeader + 28, true);
  const ids: number[] = [];
  for (let at = e.localHeader + 30 + n; at + 4 <= e.localHeader + 30 + n + x; at += 4 + v.getUint16(at + 2, true)) ids.push(v.getUint16(at, true));
  return ids;
}

const indexOf = (bytes: Uint8Array, signature: number): number => Buffer.from(bytes).indexOf(Buffer.from(new Uint32Array([signature]).buffer));

const everyEntry = (f: (e: PyEntry) => boolean) => (v: PyView) => expect(v.entries.filter((e) => !f(e)).map((e) => e.name)).toEqual([]);
const someEntry = (f: (e: PyEntry) => boolean) => (v: PyView) => expect(v.entries.some(f)).toBe(true);
const storedAndDeflated = (v: PyView): void => {
  someEntry((e) => e.method === 0 && e.size > 0)(v);
  someEntry((e) => e.method === 8)(v);
};
const descriptorsAfterFiles = everyEntry((e) => isDirectory(e) || (e.flags & DATA_DESCRIPTOR) !== 0);

/** Each archive, and what makes it the case it stands for (checked first, on python's reading). */
interface ReadCase {
  readonly title: string;
  readonly fixture: string;
  readonly needsZip?: boolean;
  readonly proves: (view: PyView, bytes: Buffer) => void;
}

const READ_CASES: readonly ReadCase[] = [
  { title: "python, stored (method 0)", fixture: "python-stored", proves: everyEntry((e) => e.method === 0) },
  { title: "python, deflated (method 8)", fixture: "python-deflated", proves: everyEntry((e) => e.method === 8) },
  { title: "python writing to a pipe: data descriptors after stored and deflated entries", fixture: "python-descriptors", proves: (v) => (descriptorsAfterFiles(v), storedAndDeflated(v)) },
  { title: "JSZip streamFiles: data descriptors, and folder entries", fixture: "jszip-stream", proves: (v) => (descriptorsAfterFiles(v), storedAndDeflated(v), someEntry(isDirectory)(v)) },
  { title: "Info-ZIP writing to a pipe: data descriptors", fixture: "infozip-pipe", needsZip: true, proves: descriptorsAfterFiles },
  { title: "python, an archive comment and an entry's comment", fixture: "python-comment", proves: (v) => expect(v.comment).toContain("archive comment") },
  {
    title: "python force_zip64: zip64 extra fields in the local headers",
    fixture: "python-zip64",
    proves: (v, b) => expect(v.entries.filter((e) => localExtraIds(b, e).includes(0x0001)).map((e) => e.method)).toEqual([8, 0]),
  },
  {
    title: "Info-ZIP -fz: zip64 end of central directory, locator and extra fields",
    fixture: "infozip64",
    needsZip: true,
    proves: (v, b) => (expect(indexOf(b, ZIP64_END)).toBeGreaterThan(0), expect(indexOf(b, ZIP64_LOCATOR)).toBeGreaterThan(0), storedAndDeflated(v)),
  },
  { title: "Info-ZIP: stored and deflated entries, folder entries, extra fields", fixture: "infozip", needsZip: true, proves: (v) => (storedAndDeflated(v), someEntry(isDirectory)(v)) },
  { title: "data before the archive, offsets not adjusted (Info-ZIP's archive)", fixture: "infozip-prefixed", needsZip: true, proves: (v) => expect(v.entries[0]?.localHeader).toBe(STUB.length) },
  { title: "data before the archive, offsets not adjusted (python's archive)", fixture: "python-prefixed", proves: (v) => expect(v.entries[0]?.localHeader).toBe(STUB.length) },
  {
    title: "data before the archive, offsets adjusted by zip -A",
    fixture: "infozip-adjusted",
    needsZip: true,
    proves: (v, b) => expect(b.readUInt32LE((v.entries[0]?.centralRecord ?? 0) + 42)).toBe(STUB.length),
  },
  {
    title: "data before a zip64 archive (Info-ZIP -fz), offsets not adjusted",
    fixture: "infozip64-prefixed",
    needsZip: true,
    proves: (v, b) => (expect(v.entries[0]?.localHeader).toBe(STUB.length), expect(indexOf(b, ZIP64_END)).toBeGreaterThan(STUB.length)),
  },
  { title: "python, UTF-8 names with flag 11", fixture: "python-utf8", proves: (v) => expect(v.entries.filter((e) => e.flags & UTF8_NAME).length).toBe(2) },
  {
    title: "Info-ZIP, names unflagged: a CP437 name (café) and a UTF-8 one (名单)",
    fixture: "infozip-names",
    needsZip: true,
    proves: (v) => {
      everyEntry((e) => (e.flags & UTF8_NAME) === 0)(v);
      expect(v.entries.map((e) => e.rawName)).toEqual(expect.arrayContaining(["636166822e786d6c", hex(Buffer.from("名单.xml"))]));
      expect(v.entries.map((e) => e.name)).toContain("café.xml");
    },
  },
  { title: "exceljs .xlsx", fixture: "exceljs", proves: someEntry((e) => e.name === "xl/workbook.xml") },
  { title: "LibreOffice .xlsx: data descriptors", fixture: "libreoffice", proves: (v) => (someEntry((e) => e.name === "xl/workbook.xml")(v), descriptorsAfterFiles(v)) },
  { title: "LibreOffice .ods: stored and deflated entries, data descriptors on some", fixture: "libreoffice-ods", proves: (v) => (storedAndDeflated(v), someEntry((e) => (e.flags & DATA_DESCRIPTOR) !== 0)(v)) },
  { title: "python, no entries at all", fixture: "python-empty", proves: (v) => expect(v.entries).toEqual([]) },
];

describe("ZipArchive reads what other tools wrote as python's zipfile does", () => {
  for (const c of READ_CASES) {
    (c.needsZip && !HAS_ZIP ? test.skip : test)(c.title, () => {
      const bytes = bytesOf(c.fixture);
      const view = viewOf(c.fixture);
      expect(view.testzip).toBeNull();
      c.proves(view, bytes);

      const zip = ZipArchive.open(bytes);
      // Folder entries hold nothing; ZipArchive leaves them out.
      const entries = view.entries.filter((e) => !isDirectory(e));
      expect(zip.names()).toEqual(entries.map(expectedName));
      for (const e of entries) {
        const name = expectedName(e);
        expect(zip.has(name)).toBe(true);
        const content = zip.read(name);
        expect({ name, size: content?.length, sha256: content && sha256(content) }).toEqual({ name, size: e.size, sha256: e.sha256 });
        expect(zip.changed(name)).toBe(false);
      }
      expect(zip.read("no/such/part.xml")).toBeUndefined();
      expect(zip.has("no/such/part.xml")).toBe(false);
    });
  }

  test("text(): UTF-16 (either byte order) and UTF-8 with a BOM, as python wrote them", () => {
    const zip = ZipArchive.open(bytesOf("python-utf16"));
    const text = '<?xml version="1.0" encoding="UTF-16"?><t>支部 𠀀 x</t>';
    expect(zip.text("le.xml")).toBe(text);
    expect(zip.text("be.xml")).toBe(text);
    expect(zip.text("bom8.xml")).toBe(text.replace("UTF-16", "UTF-8"));
    expect(zip.text("absent.xml")).toBeUndefined();
  });
});

/** Overwrite little-endian fields of a copy. */
function patched(bytes: Uint8Array, edits: readonly [at: number, width: 2 | 4, value: number][]): Buffer {
  const b = Buffer.from(bytes);
  for (const [at, width, value] of edits) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** A copy with one byte's bits flipped. */
function flipped(bytes: Uint8Array, at: number, bits = 0x20): Buffer {
  const b = Buffer.from(bytes);
  b[at] = (b[at] ?? 0) ^ bits;
  return b;
}

const pythonCrc = (buffers: readonly Uint8Array[]): number[] => JSON.parse(python(["crc"], JSON.stringify(buffers.map((b) => Buffer.from(b).toString("base64"))))) as number[];

function entryOf(view: PyView, name: string): PyEntry {
  const e = view.entries.find((x) => x.name === name);
  if (!e) throw new Error(`python sees no ${name}: ${view.entries.map((x) => x.name).join(", ")}`);
  return e;
}

describe("ZipArchive refuses, with a ZipError, what it cannot read faithfully", () => {
  /** Real archives damaged by hand, each with what python makes of it. */
  const damaged = new Map<string, { bytes: Buffer; view: PyView }>();
  const damage = (name: string): { bytes: Buffer; view: PyView } => {
    const d = damaged.get(name);
    if (!d) throw new Error(`no damaged archive ${name}`);
    return d;
  };

  beforeAll(() => {
    const bytes = bytesOf("python-stored");
    const view = viewOf("python-stored");
    const first = entryOf(view, "first.xml");
    const second = entryOf(view, "second.bin");
    const third = entryOf(view, "third.xml");
    // first.xml's record made to run over second.bin, its CRC that of the longer run.
    const long = second.dataStart + second.compressedSize - first.dataStart;
    const [longCrc] = pythonCrc([bytes.subarray(first.dataStart, first.dataStart + long)]);
    const made: [string, Buffer][] = [
      ["crc", flipped(bytes, second.dataStart + 100)],
      ...[12, 98].map((method): [string, Buffer] => [`method ${method}`, patched(bytes, [[first.localHeader + 8, 2, method], [first.centralRecord + 10, 2, method]])]),
      ["long", patched(bytes, [[first.centralRecord + 16, 4, longCrc as number], [first.centralRecord + 20, 4, long], [first.centralRecord + 24, 4, long]])],
      // third.xml's record made a copy of second.bin's: same CRC, sizes and local header.
      ["twin", patched(bytes, [[third.centralRecord + 16, 4, second.crc], [third.centralRecord + 20, 4, second.compressedSize], [third.centralRecord + 24, 4, second.size], [third.centralRecord + 42, 4, second.localHeader]])],
    ];
    inspectAll(made.map(([, b]) => b)).forEach((v, i) => {
      const [name, b] = made[i] as [string, Buffer];
      damaged.set(name, { bytes: b, view: v });
    });
  });

  withZip("an encrypted entry (zip -P), refused when opened", () => {
    const view = viewOf("encrypted");
    everyEntry((e) => (e.flags & ENCRYPTED) !== 0 && e.method === 8 && /encrypted/.test(e.error ?? ""))(view);
    expect(view.entries.length).toBeGreaterThanOrEqual(2);
    expectZipError(bytesOf("encrypted"));
    // Not only when read (its data would not inflate): opened, it could be written, and bytes()
    // would copy the encrypted data under headers without the encryption flag.
    expect(() => ZipArchive.open(bytesOf("encrypted"))).toThrow(ZipError);
  });

  test("a CRC that does not match: one byte of a stored entry's data flipped", () => {
    const { bytes, view } = damage("crc");
    expect(view.testzip).toBe("second.bin");
    expect(entryOf(view, "second.bin").error).toMatch(/Bad CRC/);
    expectZipError(bytes);
    expect(() => ZipArchive.open(bytes).read("second.bin")).toThrow(ZipError);
  });

  test("a deflated entry's data damaged: an inflate error or a CRC mismatch, as a ZipError", () => {
    const bytes = bytesOf("libreoffice");
    const e = entryOf(viewOf("libreoffice"), "xl/workbook.xml");
    expect(e.method).toBe(8);
    for (const k of [0, 1, 7, Math.floor(e.compressedSize / 2), e.compressedSize - 2, e.compressedSize - 1]) {
      expect({ k, error: (refusal(flipped(bytes, e.dataStart + k, 0x55)) as Error | undefined)?.name }).toEqual({ k, error: "ZipError" });
    }
  });

  test.each([12, 98])("an unsupported compression method (%i) in both headers", (method) => {
    const { bytes, view } = damage(`method ${method}`);
    // Python knows 12 (bzip2) and fails on the stored bytes; 98 (PPMd) it does not know.
    expect(entryOf(view, "first.xml").error).toMatch(method === 12 ? /Invalid data stream/ : /compression method is not supported/);
    expectZipError(bytes);
  });

  test("a truncated archive (no end of central directory record), cut anywhere", () => {
    const bytes = bytesOf("libreoffice");
    const first = viewOf("libreoffice").entries[0] as PyEntry;
    const cd = first.centralRecord;
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cuts = [0, 1, 4, 21, 22, first.dataStart + 5, Math.floor(bytes.length / 2), cd, cd + 30, eocd, eocd + 4, eocd + 21, bytes.length - 1];
    for (const cut of cuts) expect({ cut, error: (refusal(bytes.subarray(0, cut)) as Error | undefined)?.name }).toEqual({ cut, error: "ZipError" });
  });

  test("a name listed twice (python warns, and writes it)", () => {
    expect(viewOf("python-duplicate").entries.map((e) => e.name)).toEqual(["xl/workbook.xml", "xl/styles.xml", "xl/workbook.xml"]);
    expectZipError(bytesOf("python-duplicate"));
  });

  test("overlapping entries: one entry's data running over the next entry, its CRC made right", () => {
    const { bytes, view } = damage("long");
    expect(entryOf(view, "first.xml").error).toMatch(/Overlapped entries/);
    expectZipError(bytes);
  });

  test("overlapping entries: two names whose records point at the same local header and data", () => {
    const { bytes, view } = damage("twin");
    expect(entryOf(view, "third.xml").error).toMatch(/differ/);
    expectZipError(bytes);
  });
});

/** An archive rewritten: its first entry replaced, its last removed, one added. */
interface Rewrite {
  readonly out: Uint8Array;
  readonly replaced: string;
  readonly removed: string;
  readonly added: string;
  readonly changed: readonly boolean[];
}

const NEW_CONTENT = new TextEncoder().encode(XML + "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>考评结果</t></is></c></row></sheetData></worksheet>".repeat(20));
const ADDED_CONTENT = XML + "<worksheet/>";
const ADDED = "xl/worksheets/sheet99.xml";

function rewrite(bytes: Uint8Array): Rewrite {
  const zip = ZipArchive.open(bytes);
  const names = zip.names();
  const replaced = names[0] as string;
  const removed = names[names.length - 1] as string;
  zip.set(replaced, NEW_CONTENT);
  zip.remove(removed);
  zip.set(ADDED, ADDED_CONTENT);
  const changed = [zip.changed(replaced), zip.changed(ADDED), zip.has(removed), ...names.slice(1, -1).map((n) => zip.changed(n))];
  return { out: zip.bytes(), replaced, removed, added: ADDED, changed };
}

const WRITE_CASES: readonly { title: string; fixture: string; needsZip?: boolean }[] = [
  { title: "LibreOffice .xlsx", fixture: "libreoffice" },
  { title: "LibreOffice .ods", fixture: "libreoffice-ods" },
  { title: "exceljs .xlsx", fixture: "exceljs" },
  { title: "python, stored entries", fixture: "python-stored" },
  { title: "python, data descriptors", fixture: "python-descriptors" },
  { title: "JSZip streamFiles, data descriptors", fixture: "jszip-stream" },
  { title: "python force_zip64", fixture: "python-zip64" },
  { title: "python, comments", fixture: "python-comment" },
  { title: "python, UTF-8 names", fixture: "python-utf8" },
  { title: "Info-ZIP, folder entries and extra fields", fixture: "infozip", needsZip: true },
  { title: "Info-ZIP -fz zip64", fixture: "infozip64", needsZip: true },
  { title: "Info-ZIP to a pipe, data descriptors", fixture: "infozip-pipe", needsZip: true },
  { title: "data before the archive (Info-ZIP's, not adjusted)", fixture: "infozip-prefixed", needsZip: true },
  { title: "Info-ZIP, unflagged CP437 and UTF-8 names", fixture: "infozip-names", needsZip: true },
];

describe("ZipArchive.bytes(): set one entry, remove one, add one; everything else copied as stored", () => {
  /** Each case's rewrite (or what it threw), written to a file, with what python reads in it. */
  const rewritten = new Map<string, { rewrite: Rewrite; file: string; view: PyView } | { error: unknown }>();

  beforeAll(() => {
    const done: { fixture: string; rewrite: Rewrite; file: string }[] = [];
    for (const c of WRITE_CASES) {
      if (c.needsZip && !HAS_ZIP) continue;
      try {
        const r = rewrite(bytesOf(c.fixture));
        const file = path.join(dir, `rewritten-${c.fixture}.zip`);
        writeFileSync(file, r.out);
        done.push({ fixture: c.fixture, rewrite: r, file });
      } catch (error) {
        rewritten.set(c.fixture, { error });
      }
    }
    inspectAll(done.map((d) => d.file)).forEach((view, i) => {
      const d = done[i] as (typeof done)[number];
      rewritten.set(d.fixture, { rewrite: d.rewrite, file: d.file, view });
    });
  });

  for (const c of WRITE_CASES) {
    (c.needsZip && !HAS_ZIP ? test.skip : test)(c.title, () => {
      const r = rewritten.get(c.fixture);
      if (!r) throw new Error(`${c.fixture} was not rewritten`);
      if ("error" in r) throw r.error;
      const { rewrite: w, file, view: after } = r;
      const bytes = bytesOf(c.fixture);
      const before = viewOf(c.fixture).entries.filter((e) => !isDirectory(e));
      const out = w.out;
      // replaced and added are changed, removed is gone, the others untouched.
      expect(w.changed).toEqual([true, true, false, ...before.slice(1, -1).map(() => false)]);

      expect(after.testzip).toBeNull();
      if (HAS_UNZIP) {
        const t = spawnSync("unzip", ["-t", "-q", file], { encoding: "utf8" });
        expect({ code: t.status, out: t.stdout + t.stderr }).toEqual({ code: 0, out: expect.stringContaining("No errors detected") });
      }

      // The order kept (a replaced entry in its place), the removed one gone, the new one last.
      expect(after.entries.map(expectedName)).toEqual([...before.map(expectedName).filter((n) => n !== w.removed), w.added]);
      const byName = new Map(after.entries.map((e) => [expectedName(e), e]));
      expect(byName.get(w.replaced)?.sha256).toBe(sha256(NEW_CONTENT));
      expect(byName.get(w.added)?.sha256).toBe(sha256(new TextEncoder().encode(ADDED_CONTENT)));
      // New entries carry the fixed stamp 1980-01-01 00:00, so the same work gives the same bytes.
      expect(byName.get(w.added)?.dateTime).toEqual([1980, 1, 1, 0, 0, 0]);
      expect(byName.get(w.replaced)?.dateTime).toEqual([1980, 1, 1, 0, 0, 0]);

      for (const e of before.filter((x) => ![w.replaced, w.removed].includes(expectedName(x)))) {
        const a = byName.get(expectedName(e));
        expect(a).toBeDefined();
        if (!a) continue;
        // The same content, under the same name's bytes, method, CRC and date …
        expect({ name: a.name, rawName: a.rawName, sha256: a.sha256, method: a.method, crc: a.crc, dateTime: a.dateTime }).toEqual({
          name: a.name,
          rawName: e.rawName,
          sha256: e.sha256,
          method: e.method,
          crc: e.crc,
          dateTime: e.dateTime,
        });
        // … from the very compressed bytes it was stored as, where python finds them in the output.
        const was = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
        expect(a.compressedSize).toBe(e.compressedSize);
        expect({ name: a.name, verbatim: was.equals(out.subarray(a.dataStart, a.dataStart + a.compressedSize)) }).toEqual({ name: a.name, verbatim: true });
      }

      // ZipArchive reads its own output back the same.
      const again = ZipArchive.open(out);
      expect(again.names()).toEqual(after.entries.map(expectedName));
      for (const e of after.entries) expect(sha256(again.read(expectedName(e)) ?? new Uint8Array())).toBe(e.sha256);
    });
  }

  test("the same archive and edits give the same bytes; the result rewritten, or an untouched archive written, is the same again", () => {
    const bytes = bytesOf("libreoffice");
    const first = rewrite(bytes).out;
    const second = rewrite(new Uint8Array(bytes)).out;
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(ZipArchive.open(first).bytes())).toBe(sha256(first));
    // Opened and written untouched: every entry's compressed bytes in the same order, nothing else
    // but the headers ZipArchive writes.
    const copy = ZipArchive.open(bytes).bytes();
    const entries = viewOf("libreoffice").entries;
    const header = (e: PyEntry): number => 30 + Buffer.from(e.rawName, "hex").length;
    const central = (e: PyEntry): number => 46 + Buffer.from(e.rawName, "hex").length;
    const expected = Buffer.concat(entries.flatMap((e) => [Buffer.alloc(header(e)), bytes.subarray(e.dataStart, e.dataStart + e.compressedSize)]));
    expect(copy.length).toBe(expected.length + entries.reduce((n, e) => n + central(e), 0) + 22);
    let at = 0;
    for (const e of entries) {
      at += header(e);
      expect({ name: e.name, verbatim: bytes.subarray(e.dataStart, e.dataStart + e.compressedSize).equals(copy.subarray(at, at + e.compressedSize)) }).toEqual({ name: e.name, verbatim: true });
      at += e.compressedSize;
    }
  });
});

describe("crc32", () => {
  test("is zlib's (python's zlib.crc32) on random buffers, empty, large and views included", () => {
    const whole = noise(500, 4);
    const buffers = [
      new Uint8Array(),
      new Uint8Array([0]),
      new Uint8Array([0xff]),
      new Uint8Array(1000).fill(0xff),
      noise(1 << 20, 3),
      // A view: only its own bytes count, not the buffer around it.
      whole.subarray(100, 300),
      ...fc.sample(fc.uint8Array({ maxLength: 4096 }), { numRuns: 300, seed: 20261206 }),
    ];
    const expected = pythonCrc(buffers);
    expect(buffers.map((b) => crc32(b))).toEqual(expected);
    // Unsigned, as zip headers and python have it.
    expect(expected.some((c) => c >= 0x80000000)).toBe(true);
  });
});

describe("decodeXml", () => {
  const text = '<?xml version="1.0"?><sst><si><t>中共某研究所第一支部 创先争优 𠀀 ü</t></si></sst>';
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.from(le).swap16();

  test("UTF-8 without and with a byte-order mark (the mark dropped)", () => {
    expect(decodeXml(Buffer.from(text, "utf8"))).toBe(text);
    expect(decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toBe(text);
  });

  test("UTF-16 little- and big-endian with their byte-order marks", () => {
    expect(decodeXml(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(text);
    expect(decodeXml(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
  });

  test("empty, and too short for a mark", () => {
    expect(decodeXml(new Uint8Array())).toBe("");
    expect(decodeXml(new Uint8Array([0x3c]))).toBe("<");
  });
});
