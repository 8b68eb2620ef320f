"""Python's zipfile as the independent witness for test/xlsx/zip.test.ts.

  zip_tools.py make DIR        write the archives python makes into DIR (see make())
  zip_tools.py inspect FILE…  print, as a JSON list, what python reads in each FILE: every
                              entry with its content's SHA-256 (or why python could not read
                              it), where its compressed bytes lie, where its central directory
                              record lies, and testzip()'s verdict
  zip_tools.py crc            read a JSON list of base64 buffers on stdin, print zlib.crc32 of each
"""
import base64
import hashlib
import io
import json
import struct
import sys
import warnings
import zipfile
import zlib

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def sheet(n):
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>党员{r} 出席</t></is></c><c r="B{r}"><v>{r * 7}</v></c></row>' for r in range(1, n))
    return XML + f"<worksheet><sheetData>{rows}</sheetData></worksheet>"


class Pipe(io.RawIOBase):
    """A stream that cannot seek, as a socket or stdout: zipfile must write data descriptors."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.buf += b
        return len(b)


def make(out):
    def path(name):
        return f"{out}/{name}"

    with zipfile.ZipFile(path("stored.zip"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("first.xml", XML + "<first>" + "一二三" * 40 + "</first>")
        z.writestr("second.bin", bytes(range(256)) * 3)
        z.writestr("third.xml", XML + "<third/>")
    with zipfile.ZipFile(path("deflated.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", sheet(300))
        z.writestr("xl/media/image1.bin", bytes((i * 37) % 251 for i in range(5000)))
        z.writestr("docProps/app.xml", XML + "<Properties/>")
    p = Pipe()
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", sheet(200))
        z.writestr("mimetype-like.txt", b"stored through a pipe" * 5, compress_type=zipfile.ZIP_STORED)
        with z.open("xl/big.xml", "w", force_zip64=True) as w:
            w.write(sheet(50).encode())
    with open(path("descriptors.zip"), "wb") as f:
        f.write(p.buf)
    with zipfile.ZipFile(path("comment.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("a.xml", (2024, 5, 6, 7, 8, 10))
        info.comment = "an entry's own comment".encode()
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, XML + "<a/>")
        z.writestr("b.xml", XML + "<b/>")
        z.writestr("c.xml", XML + "<c/>")
        z.comment = "支部归档 2026 — an archive comment, with PK in it".encode()
    with zipfile.ZipFile(path("zip64.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", XML + "<a/>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as w:
            w.write(sheet(100).encode())
        stored = zipfile.ZipInfo("xl/media/stored.bin")
        stored.compress_type = zipfile.ZIP_STORED
        with z.open(stored, "w", force_zip64=True) as w:
            w.write(bytes(range(200)))
    with zipfile.ZipFile(path("utf8.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/党员名册.xml", XML + "<名册/>")
        z.writestr("附件/照片 1.bin", bytes(range(100)))
        z.writestr("plain.xml", XML + "<plain/>")
    with zipfile.ZipFile(path("utf16.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        text = '<?xml version="1.0" encoding="UTF-16"?><t>支部 𠀀 x</t>'
        z.writestr("le.xml", b"\xff\xfe" + text.encode("utf-16-le"))
        z.writestr("be.xml", b"\xfe\xff" + text.encode("utf-16-be"))
        z.writestr("bom8.xml", b"\xef\xbb\xbf" + text.replace("UTF-16", "UTF-8").encode())
    with zipfile.ZipFile(path("empty.zip"), "w"):
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point
        with zipfile.ZipFile(path("duplicate.zip"), "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", XML + "<workbook/>")
            z.writestr("xl/styles.xml", XML + "<styleSheet/>")
            z.writestr("xl/workbook.xml", XML + "<workbook>another</workbook>")


def central_records(data, z):
    """Offsets of the central directory records, in order (zipfile does not keep them)."""
    at = z.start_dir
    out = []
    for _ in z.infolist():
        assert data[at : at + 4] == b"PK\x01\x02", at
        n, x, c = struct.unpack("<HHH", data[at + 28 : at + 34])
        out.append(at)
        at += 46 + n + x + c
    return out


def inspect(file):
    with open(file, "rb") as f:
        data = f.read()
    with zipfile.ZipFile(file) as z:
        records = central_records(data, z)
        entries = []
        for info, cd in zip(z.infolist(), records):
            # zipfile's header_offset already counts any bytes prepended to the archive.
            lh = info.header_offset
            n, x = struct.unpack("<HH", data[lh + 26 : lh + 30])
            start = lh + 30 + n + x
            try:
                content, error = z.read(info), None
            except Exception as e:  # BadZipFile, RuntimeError (encrypted), NotImplementedError, OSError …
                content, error = None, f"{type(e).__name__}: {e}"
            entries.append(
                {
                    "name": info.filename,
                    "rawName": info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437").hex(),
                    "flags": info.flag_bits,
                    "method": info.compress_type,
                    "crc": info.CRC,
                    "compressedSize": info.compress_size,
                    "size": info.file_size,
                    "dateTime": list(info.date_time),
                    "localHeader": lh,
                    "centralRecord": cd,
                    "dataStart": start,
                    "sha256": None if content is None else hashlib.sha256(content).hexdigest(),
                    "error": error,
                }
            )
        try:
            testzip = z.testzip()
        except Exception as e:
            testzip = f"{type(e).__name__}: {e}"
        return {"testzip": testzip, "comment": z.comment.decode("latin-1"), "entries": entries}


def crc():
    print(json.dumps([zlib.crc32(base64.b64decode(b)) for b in json.load(sys.stdin)]))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "inspect":
        print(json.dumps([inspect(f) for f in sys.argv[2:]]))
    elif sys.argv[1] == "crc":
        crc()
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
