#!/usr/bin/python3
"""What a workbook package holds, read with the standard library's zipfile and ElementTree (not
the project's zip.ts or package.ts), as JSON for test/xlsx/package-keep.test.ts.

    /usr/bin/python3 package_facts.py facts FILE...      # {FILE: facts}
    /usr/bin/python3 package_facts.py openpyxl FILE...   # {FILE: null, or the error openpyxl raised}

facts: every part's SHA-256 (of its decompressed bytes), the content types, the workbook part,
its content type, its <sheet>s (with each sheet's part), its relationships, its top-level
elements and defined names (canonical XML), and the styles part's lists (each entry as
canonical XML). openpyxl: load_workbook on each file
(keep_vba for .xlsm), which is what a reader we did not write makes of it.
"""
import hashlib
import json
import posixpath
import sys
import zipfile
from xml.etree import ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLE_LISTS = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]


def c14n(el):
    return ET.canonicalize(ET.tostring(el, encoding="unicode"))


def local(tag):
    return tag.split("}")[-1]


def rels_of(part):
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source, target):
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relationships(z, names, part):
    rp = rels_of(part)
    if rp not in names:
        return []
    out = []
    for r in ET.fromstring(z.read(rp)):
        out.append({"id": r.get("Id"), "type": r.get("Type"), "target": r.get("Target"), "mode": r.get("TargetMode") or "Internal"})
    return out


def facts(path):
    z = zipfile.ZipFile(path)
    names = set(n for n in z.namelist() if not n.endswith("/"))
    parts = {n: hashlib.sha256(z.read(n)).hexdigest() for n in sorted(names)}
    types = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = [{"ext": d.get("Extension"), "type": d.get("ContentType")} for d in types if local(d.tag) == "Default"]
    overrides = [{"part": o.get("PartName"), "type": o.get("ContentType")} for o in types if local(o.tag) == "Override"]
    office = [r for r in relationships(z, names, "") if r["type"].endswith("/officeDocument")]
    wb_part = resolve("", office[0]["target"])
    wb_rels = relationships(z, names, wb_part)
    by_id = {r["id"]: r for r in wb_rels}
    root = ET.fromstring(z.read(wb_part))
    sheets = []
    for s in root.iter(f"{{{MAIN}}}sheet"):
        rid = s.get(f"{{{R}}}id")
        part = resolve(wb_part, by_id[rid]["target"]) if rid in by_id else None
        sheets.append({"name": s.get("name"), "sheetId": s.get("sheetId"), "rid": rid, "state": s.get("state") or "visible", "part": part})
    sheet_names = [s["name"] for s in sheets]
    defined = []
    for d in root.iter(f"{{{MAIN}}}definedName"):
        local_id = d.get("localSheetId")
        attrs = {k: v for k, v in d.attrib.items() if k != "localSheetId"}
        defined.append({"sheet": sheet_names[int(local_id)] if local_id is not None else None, "attrs": attrs, "text": d.text or ""})
    styles_part = next((resolve(wb_part, r["target"]) for r in wb_rels if r["type"].endswith("/styles")), None)
    styles = {}
    if styles_part in names:
        sroot = ET.fromstring(z.read(styles_part))
        for name in STYLE_LISTS:
            el = sroot.find(f"{{{MAIN}}}{name}")
            styles[name] = [c14n(ch) for ch in el] if el is not None else []
    wb_type = next((o["type"] for o in overrides if o["part"].lstrip("/") == wb_part), None)
    return {
        "parts": parts,
        "defaults": defaults,
        "overrides": overrides,
        "workbookPart": wb_part,
        "workbookType": wb_type,
        "workbookRels": wb_rels,
        "stylesPart": styles_part,
        "sheets": sheets,
        "workbookChildren": [{"tag": local(ch.tag), "xml": c14n(ch)} for ch in root],
        "definedNames": defined,
        "styles": styles,
    }


def open_with_openpyxl(path):
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, keep_vba=path.lower().endswith(".xlsm"))
        for ws in wb.worksheets:
            ws.calculate_dimension()
        return None
    except Exception as e:  # noqa: BLE001 -- reported to the test
        return f"{type(e).__name__}: {e}"


def main(argv):
    what, files = argv[1], argv[2:]
    fn = {"facts": facts, "openpyxl": open_with_openpyxl}[what]
    json.dump({f: fn(f) for f in files}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
