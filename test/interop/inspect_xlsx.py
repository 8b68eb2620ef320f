"""Describe an .xlsx as openpyxl (a reader we did not write) sees it, as JSON on stdout.

For every sheet: its name and visibility, the first rows' values, the frozen-pane cell, the print
setup, page header and footer, the data validations (type, formula, every range), the number of
rows with data, column widths set, notes and link targets, the print area.
"""
import datetime
import json
import sys

import openpyxl


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


def part(header_footer):
    """A page header or footer's three parts, as their text (Excel's codes such as &P kept)."""
    return {k: getattr(header_footer, k).text for k in ("left", "center", "right")}


def describe(path, max_rows):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = [[plain(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, max_rows), values_only=True)]
        validations = []
        for dv in ws.data_validations.dataValidation:
            validations.append({
                "type": dv.type,
                "formula1": dv.formula1,
                "formula2": dv.formula2,
                "operator": dv.operator,
                "ranges": [str(r) for r in dv.sqref.ranges],
                "errorStyle": dv.errorStyle,
                "errorTitle": dv.errorTitle,
                "error": dv.error,
            })
        notes = {}
        links = {}
        # Every stored cell, not only the first rows: a note or link may be anywhere.
        for cell in ws._cells.values():
            if cell.comment is not None:
                notes[cell.coordinate] = cell.comment.text
            if cell.hyperlink is not None:
                links[cell.coordinate] = cell.hyperlink.target
        sheets.append({
            "name": ws.title,
            "state": ws.sheet_state,
            "rows": rows,
            "maxRow": ws.max_row,
            "freeze": ws.freeze_panes,
            "paperSize": ws.page_setup.paperSize,
            "fitToWidth": ws.page_setup.fitToWidth,
            "printTitleRows": ws.print_title_rows,
            "printTitleCols": ws.print_title_cols,
            # openpyxl 3.0 gives a list of ranges, later versions one string with the sheet's name.
            "printArea": ",".join(ws.print_area) if isinstance(ws.print_area, (list, tuple)) else ws.print_area,
            "scale": ws.page_setup.scale,
            "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
            "heights": {str(r): ws.row_dimensions[r].height for r in (1, 2)},
            "merged": [str(m) for m in ws.merged_cells.ranges],
            "oddHeader": ws.oddHeader.center.text,
            "header": part(ws.oddHeader),
            "footer": part(ws.oddFooter),
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
            "notes": notes,
            "links": links,
            "validations": validations,
        })
    return {"sheets": sheets}


if __name__ == "__main__":
    print(json.dumps(describe(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40), ensure_ascii=False))
