"""Describe an .xlsx as openpyxl (a reader we did not write) sees it, as JSON on stdout.

For every sheet: its name, the first rows' values, the frozen-pane cell, the print setup,
the data validations (type, formula, every range) and the number of rows with data.
"""
import datetime
import json
import sys

import openpyxl


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


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
        sheets.append({
            "name": ws.title,
            "rows": rows,
            "maxRow": ws.max_row,
            "freeze": ws.freeze_panes,
            "paperSize": ws.page_setup.paperSize,
            "fitToWidth": ws.page_setup.fitToWidth,
            "printTitleRows": ws.print_title_rows,
            "printTitleCols": ws.print_title_cols,
            "scale": ws.page_setup.scale,
            "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
            "heights": {str(r): ws.row_dimensions[r].height for r in (1, 2)},
            "merged": [str(m) for m in ws.merged_cells.ranges],
            "oddHeader": ws.oddHeader.center.text,
            "validations": validations,
        })
    return {"sheets": sheets}


if __name__ == "__main__":
    print(json.dumps(describe(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40), ensure_ascii=False))
