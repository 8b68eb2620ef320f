"""Is an .xlsx package consistent? Read with zipfile and lxml only (no code of the tool), as JSON.

What a schema cannot see and Excel answers with a repair: a style index past the end of cellXfs,
a count attribute that is not the number of elements, an xf naming a font, fill, border or
number format that does not exist, a relationship Id used twice or pointing at no part, an r:id
with no relationship, two sheets of one name or sheetId, a name defined twice in one scope, a
sheet-scoped name whose localSheetId
is past the last sheet or (a print area or print titles) names another sheet, a part without a
content type, a content type for a part that is not there.

Prints {"problems": [...], "workbookPart": …, "stylesPart": … or null, "sheets": [...], "activeTab": n, "definedNames": [...], "titles": [...]
or null}: each sheet's name, sheetId, state, part and whether its view is tabSelected; every
defined name; docProps/app.xml's TitlesOfParts.
"""
import json
import posixpath
import re
import sys
import zipfile

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
OFFICE_DOCUMENT = R + "/officeDocument"


def q(ns, tag):
    return "{%s}%s" % (ns, tag)


class Package:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.names = [n for n in self.zip.namelist() if not n.endswith("/")]
        self.by_key = {n.lower(): n for n in self.names}
        self.problems = []

    def has(self, part):
        return part.lower() in self.by_key

    def xml(self, part):
        return etree.fromstring(self.zip.read(self.by_key[part.lower()]))

    def rels(self, part):
        """The relationships of `part` ("" for the package): [(Id, Type, target part or None, external)], after checking them."""
        directory, base = posixpath.split(part)
        rels_part = posixpath.join(directory, "_rels", base + ".rels")
        if not self.has(rels_part):
            return []
        out = []
        seen = set()
        for rel in self.xml(rels_part).iter(q(PKG_RELS, "Relationship")):
            rid, kind, target = rel.get("Id"), rel.get("Type"), rel.get("Target") or ""
            if rid in seen:
                self.problems.append(f"{rels_part}: relationship Id {rid} used twice")
            seen.add(rid)
            if rel.get("TargetMode") == "External":
                out.append((rid, kind, None, True))
                continue
            target = target.split("#")[0]
            resolved = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(directory, target))
            if not self.has(resolved):
                self.problems.append(f"{rels_part}: {rid} points at {target}, which is not in the package")
            out.append((rid, kind, resolved, False))
        return out


def referenced_sheets(value):
    """The sheet names a defined name's formula refers to ('name'!… or name!…)."""
    out = []
    for m in re.finditer(r"'((?:[^']|'')+)'!|([^'!,()=\s]+)!", value):
        out.append(m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2))
    return out


def check_styles(pkg, part):
    root = pkg.xml(part)
    counts = {}
    for section, child in (("numFmts", "numFmt"), ("fonts", "font"), ("fills", "fill"), ("borders", "border"), ("cellStyleXfs", "xf"), ("cellXfs", "xf"), ("cellStyles", "cellStyle"), ("dxfs", "dxf")):
        el = root.find(q(MAIN, section))
        if el is None:
            counts[section] = 0
            continue
        n = len(el.findall(q(MAIN, child)))
        counts[section] = n
        if el.get("count") is not None and int(el.get("count")) != n:
            pkg.problems.append(f"{part}: {section} count={el.get('count')} but {n} <{child}> elements")
    declared = {int(f.get("numFmtId")) for f in root.iterfind(f"{{{MAIN}}}numFmts/{{{MAIN}}}numFmt")}
    for section in ("cellStyleXfs", "cellXfs"):
        for i, xf in enumerate(root.iterfind(f"{{{MAIN}}}{section}/{{{MAIN}}}xf")):
            for attr, of in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                v = int(xf.get(attr, "0"))
                if v >= counts[of]:
                    pkg.problems.append(f"{part}: {section}[{i}] {attr}={v}, only {counts[of]} {of}")
            fmt = int(xf.get("numFmtId", "0"))
            if fmt >= 164 and fmt not in declared:
                pkg.problems.append(f"{part}: {section}[{i}] numFmtId={fmt} is neither built in nor declared")
            if section == "cellXfs" and xf.get("xfId") is not None and int(xf.get("xfId")) >= counts["cellStyleXfs"]:
                pkg.problems.append(f"{part}: cellXfs[{i}] xfId={xf.get('xfId')}, only {counts['cellStyleXfs']} cellStyleXfs")
    return counts["cellXfs"]


def check(path):
    pkg = Package(path)
    problems = pkg.problems

    # Content types: every part has one; every Override names a part that is there.
    types = pkg.xml("[Content_Types].xml")
    defaults = {d.get("Extension").lower() for d in types.iter(q(CT, "Default"))}
    overrides = [o.get("PartName").lstrip("/").lower() for o in types.iter(q(CT, "Override"))]
    for o in overrides:
        if not pkg.has(o):
            problems.append(f"[Content_Types].xml: Override for /{o}, which is not in the package")
        if overrides.count(o) > 1:
            problems.append(f"[Content_Types].xml: two Overrides for /{o}")
    for n in pkg.names:
        if n == "[Content_Types].xml":
            continue
        ext = n.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(n) else ""
        if n.lower() not in overrides and ext not in defaults:
            problems.append(f"{n} has no content type")

    # Every .rels part is checked once, whether or not something below reads it.
    for n in pkg.names:
        m = re.match(r"^(.*?)_rels/([^/]*)\.rels$", n)
        if m:
            pkg.rels(m.group(1) + m.group(2))

    office = [t for (_, kind, t, ext) in pkg.rels("") if kind == OFFICE_DOCUMENT and not ext]
    wb_part = office[0]
    wb = pkg.xml(wb_part)
    wb_rels = {rid: (kind, target) for (rid, kind, target, _) in pkg.rels(wb_part)}

    sheets = []
    for s in wb.iterfind(f"{{{MAIN}}}sheets/{{{MAIN}}}sheet"):
        rid = s.get(q(R, "id"))
        if rid not in wb_rels:
            problems.append(f"{wb_part}: sheet {s.get('name')} has r:id {rid}, no such relationship")
        sheets.append({"name": s.get("name"), "sheetId": int(s.get("sheetId")), "state": s.get("state", "visible"), "part": wb_rels.get(rid, (None, None))[1], "tabSelected": False})
    for el in wb.iter():
        for k, v in el.attrib.items():
            if k.startswith("{%s}" % R) and v not in wb_rels:
                problems.append(f"{wb_part}: <{etree.QName(el).localname}> r:{etree.QName(k).localname}={v}, no such relationship")
    for key in ("name", "sheetId"):
        values = [str(s[key]).lower() for s in sheets]
        for v in set(values):
            if values.count(v) > 1:
                problems.append(f"{wb_part}: two sheets with {key} {v}")

    names = []
    for d in wb.iterfind(f"{{{MAIN}}}definedNames/{{{MAIN}}}definedName"):
        local = d.get("localSheetId")
        entry = {"name": d.get("name"), "localSheetId": None if local is None else int(local), "value": d.text or "", "hidden": d.get("hidden") in ("1", "true")}
        names.append(entry)
        if local is None:
            continue
        if int(local) >= len(sheets):
            problems.append(f"{wb_part}: {entry['name']} has localSheetId {local}, only {len(sheets)} sheets")
        elif entry["name"] in ("_xlnm.Print_Area", "_xlnm.Print_Titles", "_xlnm._FilterDatabase"):
            own = sheets[int(local)]["name"]
            for ref in referenced_sheets(entry["value"]):
                if ref != own:
                    problems.append(f"{wb_part}: {entry['name']} of sheet {local} ({own}) refers to {ref}: {entry['value']}")
    scoped = [(n["name"].lower(), n["localSheetId"]) for n in names]
    for k in set(scoped):
        if scoped.count(k) > 1:
            problems.append(f"{wb_part}: defined name {k[0]} given twice for sheet {k[1]}")
    view = wb.find(f"{{{MAIN}}}bookViews/{{{MAIN}}}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    if active >= len(sheets):
        problems.append(f"{wb_part}: activeTab {active}, only {len(sheets)} sheets")

    # Styles: counts, the xfs' references, and every s= of every sheet within cellXfs.
    styles = [t for (kind, t) in wb_rels.values() if kind == R + "/styles"]
    xfs = check_styles(pkg, styles[0]) if styles else 0
    for s in sheets:
        part = s["part"]
        if part is None or not pkg.has(part):
            continue
        root = pkg.xml(part)
        if etree.QName(root).localname != "worksheet":
            continue
        s["tabSelected"] = any(v.get("tabSelected") in ("1", "true") for v in root.iterfind(f"{{{MAIN}}}sheetViews/{{{MAIN}}}sheetView"))
        rels = {rid for (rid, _, _, _) in pkg.rels(part)}
        for el in root.iter():
            tag = etree.QName(el).localname
            attr = "style" if tag == "col" else "s" if tag in ("c", "row") else None
            if attr and el.get(attr) is not None and int(el.get(attr)) >= max(xfs, 1):
                problems.append(f"{part}: <{tag}> {el.get('r', '')} {attr}={el.get(attr)}, only {xfs} cellXfs")
            for k, v in el.attrib.items():
                if k.startswith("{%s}" % R) and v not in rels:
                    problems.append(f"{part}: <{tag}> r:{etree.QName(k).localname}={v}, no such relationship")

    titles = None
    if pkg.has("docProps/app.xml"):
        app = pkg.xml("docProps/app.xml")
        vector = app.find(f"{{{EP}}}TitlesOfParts/{{{VT}}}vector")
        if vector is not None:
            titles = [t.text or "" for t in vector.iter(q(VT, "lpstr"))]
            if int(vector.get("size")) != len(titles):
                problems.append(f"docProps/app.xml: TitlesOfParts size={vector.get('size')} but {len(titles)} titles")
        pairs = app.find(f"{{{EP}}}HeadingPairs/{{{VT}}}vector")
        if pairs is not None and titles is not None:
            counts = [int(i.text) for i in pairs.iter(q(VT, "i4"))]
            if sum(counts) != len(titles):
                problems.append(f"docProps/app.xml: HeadingPairs count {sum(counts)} titles, TitlesOfParts has {len(titles)}")

    return {"problems": problems, "workbookPart": wb_part, "stylesPart": styles[0] if styles else None, "sheets": sheets, "activeTab": active, "definedNames": names, "titles": titles}


if __name__ == "__main__":
    print(json.dumps(check(sys.argv[1]), ensure_ascii=False))
