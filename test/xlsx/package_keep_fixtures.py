#!/usr/bin/python3
"""Her workbook as writers we did not write leave it, for test/xlsx/package-keep.test.ts. Each
command reads the demo branch (appraisal init --demo) and writes a new file:

    package_keep_fixtures.py chart IN OUT            # openpyxl: a bar chart on 党员名册, a chart sheet 图表
    package_keep_fixtures.py libreoffice IN PIVOT XLSM
        # LibreOffice (python3-uno): PIVOT has a pivot table (DataPilot) of 党员名册 on a new sheet
        # 支部统计, stored as "Calc MS Excel 2007 XML"; XLSM has a Basic module, stored as
        # "Calc MS Excel 2007 VBA XML" (VBA compatibility mode on, so LibreOffice writes
        # xl/vbaProject.bin from it)
    package_keep_fixtures.py threaded IN OUT
        # by hand, as Excel 365 writes them: a threaded comment with a reply on 党员名册!C5 (the
        # threadedComments and persons parts, and the legacy note Excel writes beside it for older
        # readers), a custom XML item with its properties part, and printer settings for 党员名册
    package_keep_fixtures.py drop-sheet FILE NAME    # openpyxl: delete sheet NAME, save in place

Exit 0 when written; otherwise the reason on stderr.
"""
import os
import posixpath
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROSTER = "党员名册"


def chart(source, out):
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.load_workbook(source)
    ws = wb[ROSTER]
    # 入党时间 (column F, dates) is a number Excel can plot; the names label the bars.
    on_sheet = BarChart()
    on_sheet.title = "入党时间"
    on_sheet.add_data(Reference(ws, min_col=6, min_row=2, max_row=12), titles_from_data=True)
    on_sheet.set_categories(Reference(ws, min_col=2, min_row=3, max_row=12))
    ws.add_chart(on_sheet, "N3")
    sheet = wb.create_chartsheet("图表")
    whole = BarChart()
    whole.add_data(Reference(ws, min_col=6, min_row=2, max_row=30), titles_from_data=True)
    sheet.add_chart(whole)
    wb.save(out)


def libreoffice(source, pivot_out, xlsm_out):
    sys.path.insert(0, os.path.join(HERE, "..", "support"))
    from encrypt_with_libreoffice import load, prop, run_soffice, url
    from com.sun.star.table import CellAddress, CellRangeAddress

    def work(desktop):
        from com.sun.star.sheet.DataPilotFieldOrientation import COLUMN, DATA, ROW
        from com.sun.star.sheet.GeneralFunction import COUNT

        doc = load(desktop, source)
        try:
            sheets = doc.Sheets
            roster = sheets.getByName(ROSTER)
            cursor = roster.createCursor()
            cursor.gotoEndOfUsedArea(False)
            sheets.insertNewByName("支部统计", sheets.Count)
            target = sheets.getByName("支部统计")
            tables = target.DataPilotTables
            desc = tables.createDataPilotDescriptor()
            # Row 2 is the header (编号, 姓名, 性别, 党员类别, 党小组, ...), members below it.
            source_range = CellRangeAddress()
            source_range.Sheet = roster.RangeAddress.Sheet
            source_range.StartColumn, source_range.StartRow = 0, 1
            source_range.EndColumn, source_range.EndRow = 11, cursor.RangeAddress.EndRow
            desc.SourceRange = source_range
            fields = desc.DataPilotFields
            fields.getByIndex(4).Orientation = ROW  # 党小组
            fields.getByIndex(2).Orientation = COLUMN  # 性别
            count = fields.getByIndex(0)  # 编号
            count.Orientation = DATA
            count.Function = COUNT
            at = CellAddress()
            at.Sheet, at.Column, at.Row = target.RangeAddress.Sheet, 0, 0
            tables.insertNewByName("党员分布", at, desc)
            doc.storeToURL(url(pivot_out), (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        finally:
            doc.close(True)
        doc = load(desktop, source)
        try:
            libs = doc.BasicLibraries
            # The OOXML export writes a VBA project only in VBA compatibility mode (LibreOffice's
            # sc/source/filter/excel/xestream.cxx: VbaExport::containsVBAProject).
            libs.VBACompatibilityMode = True
            std = libs.getByName("Standard") if libs.hasByName("Standard") else libs.createLibrary("Standard")
            code = 'Sub 提醒()\n    MsgBox "请先填写党员名册"\nEnd Sub\n'
            if std.hasByName("Module1"):
                std.replaceByName("Module1", code)
            else:
                std.insertByName("Module1", code)
            doc.storeToURL(url(xlsm_out), (prop("FilterName", "Calc MS Excel 2007 VBA XML"), prop("Overwrite", True)))
        finally:
            doc.close(True)

    code = run_soffice(work)
    for f in (pivot_out, xlsm_out):
        if not os.path.exists(f):
            print(f"LibreOffice wrote no {f}", file=sys.stderr)
            return 1
    return code


# ------------------------------------------------------------------------------ threaded comments

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TC_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
REL_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
REL_PRINTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
PERSON = "{5B8C4E7A-2F1D-4C3B-9A6E-1D2C3B4A5F60}"
COMMENT = "{0E4F8A21-7C3D-4B5E-8F9A-6B7C8D9E0F12}"
REPLY = "{9A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}"


def rels_of(part):
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def add_rel(rels_xml, rel_type, target):
    """A relationship with the next free rIdN, as Excel numbers them: (new xml, its id)."""
    used = [int(n) for n in re.findall(r'Id="rId(\d+)"', rels_xml)]
    rid = f"rId{max(used, default=0) + 1}"
    return rels_xml.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/></Relationships>'), rid


def target_of(rels_xml, type_suffix):
    m = re.search(r'<Relationship [^>]*Type="[^"]*/' + type_suffix + r'"[^>]*>', rels_xml)
    return re.search(r'Target="([^"]+)"', m.group(0)).group(1)


def threaded(source, out):
    zin = zipfile.ZipFile(source)
    parts = {n: zin.read(n) for n in zin.namelist() if not n.endswith("/")}
    text = lambda n: parts[n].decode("utf-8")  # noqa: E731

    wb_rels = text("xl/_rels/workbook.xml.rels")
    wb = text("xl/workbook.xml")
    rid = re.search(r'<sheet [^>]*name="' + ROSTER + r'"[^>]*>', wb).group(0)
    rid = re.search(r'r:id="([^"]+)"', rid).group(1)
    sheet = "xl/" + re.search(r'<Relationship Id="' + rid + r'" [^>]*Target="([^"]+)"', wb_rels).group(1)
    sheet_rels = text(rels_of(sheet))
    comments = posixpath.normpath(posixpath.join(posixpath.dirname(sheet), target_of(sheet_rels, "comments")))
    vml = posixpath.normpath(posixpath.join(posixpath.dirname(sheet), target_of(sheet_rels, "vmlDrawing")))

    # The threaded comment and its reply, by one person.
    parts["xl/threadedComments/threadedComment1.xml"] = (
        HEAD + f'<ThreadedComments xmlns="{TC_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<threadedComment ref="C5" dT="2026-03-12T09:41:07.52" personId="{PERSON}" id="{COMMENT}"><text>性别待核对：档案里写的是女</text></threadedComment>'
        f'<threadedComment ref="C5" dT="2026-03-13T02:15:44.10" personId="{PERSON}" id="{REPLY}" parentId="{COMMENT}"><text>已核对，档案有误，以名册为准</text></threadedComment>'
        "</ThreadedComments>"
    ).encode("utf-8")
    parts["xl/persons/person.xml"] = (
        HEAD + f'<personList xmlns="{TC_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<person displayName="组织委员 刘芳" id="{PERSON}" userId="liufang@example.org" providerId="AD"/></personList>'
    ).encode("utf-8")
    # The legacy note Excel writes for the thread: author tc={comment id}, the thread as text.
    c = text(comments)
    authors = re.findall(r"<author>", c)
    c = c.replace("</authors>", f"<author>tc={COMMENT}</author></authors>")
    note = (
        "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed "
        "if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\n"
        "Comment:\n    性别待核对：档案里写的是女\nReply:\n    已核对，档案有误，以名册为准"
    )
    c = c.replace("</commentList>", f'<comment ref="C5" authorId="{len(authors)}" shapeId="0"><text><t>{note}</t></text></comment></commentList>')
    parts[comments] = c.encode("utf-8")
    v = text(vml)
    shapes = re.findall(r"<v:shape [\s\S]*?</v:shape>", v)
    shape = re.sub(r'id="_x0000_s\d+"', 'id="_x0000_s1900"', shapes[0])
    shape = re.sub(r"<x:Row>\d+</x:Row>", "<x:Row>4</x:Row>", shape)
    shape = re.sub(r"<x:Column>\d+</x:Column>", "<x:Column>2</x:Column>", shape)
    shape = re.sub(r"<x:Anchor>[^<]*</x:Anchor>", "<x:Anchor>3, 15, 3, 10, 5, 15, 7, 4</x:Anchor>", shape)
    parts[vml] = v.replace("</xml>", shape + "</xml>").encode("utf-8")
    sheet_rels, _ = add_rel(sheet_rels, REL_THREADED, "../threadedComments/threadedComment1.xml")

    # Printer settings for the roster (what Excel keeps of the printer's DEVMODE), named by pageSetup.
    devmode = "HP LaserJet 1020".encode("utf-16-le").ljust(64, b"\0") + bytes(range(256)) * 2
    parts["xl/printerSettings/printerSettings1.bin"] = devmode
    sheet_rels, printer = add_rel(sheet_rels, REL_PRINTER, "../printerSettings/printerSettings1.bin")
    parts[rels_of(sheet)] = sheet_rels.encode("utf-8")
    s = text(sheet)
    s = re.sub(r"<pageSetup ([^>]*?)/>", lambda m: f'<pageSetup {m.group(1)} r:id="{printer}"/>', s, count=1)
    parts[sheet] = s.encode("utf-8")

    # A custom XML data item (as a document management system stores its metadata).
    parts["customXml/item1.xml"] = (HEAD + '<支部 xmlns="urn:example:branch"><名称>第一党支部</名称><年度>2026</年度></支部>').encode("utf-8")
    parts["customXml/itemProps1.xml"] = (
        HEAD + '<ds:datastoreItem ds:itemID="{6F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        '<ds:schemaRefs><ds:schemaRef ds:uri="urn:example:branch"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode("utf-8")
    parts["customXml/_rels/item1.xml.rels"] = (
        HEAD + f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{REL_CUSTOM_XML_PROPS}" Target="itemProps1.xml"/></Relationships>'
    ).encode("utf-8")
    wb_rels, _ = add_rel(wb_rels, REL_PERSON, "persons/person.xml")
    wb_rels, _ = add_rel(wb_rels, REL_CUSTOM_XML, "../customXml/item1.xml")
    parts["xl/_rels/workbook.xml.rels"] = wb_rels.encode("utf-8")

    types = text("[Content_Types].xml")
    types = types.replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>'
        '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
        '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
        "</Types>",
    )
    parts["[Content_Types].xml"] = types.encode("utf-8")

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def drop_sheet(file, name):
    import openpyxl

    wb = openpyxl.load_workbook(file)
    del wb[name]
    wb.save(file)


def main(argv):
    commands = {"chart": chart, "libreoffice": libreoffice, "threaded": threaded, "drop-sheet": drop_sheet}
    if len(argv) < 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[1]](*argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
