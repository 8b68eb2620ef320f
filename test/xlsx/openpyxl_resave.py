"""Save each workbook again with openpyxl (a writer we did not write), and say what openpyxl reads
in the copy, as JSON on stdout: {copy: [{"name": sheet, "rows": [[cell, ...], ...]}, ...]}.

Usage: openpyxl_resave.py OUTDIR FILE...  (each copy is OUTDIR/<same name>).
A cell is null, a string, a number, a boolean, {"error": "#N/A"} for an error value, or
{"date": [y, m, d, h, mi, s, us]} for a date-formatted number (openpyxl gives datetime, date or
time for those; a time alone is a time on 1899-12-30, as a serial day below 1 is).
Formula cells are null: openpyxl writes formulas without their cached values.
"""
import datetime
import json
import os
import sys

import openpyxl


def cell(c):
    v = c.value
    if v is None:
        return None
    if c.data_type == "e":
        return {"error": v}
    if isinstance(v, datetime.datetime):
        return {"date": [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond]}
    if isinstance(v, datetime.date):
        return {"date": [v.year, v.month, v.day, 0, 0, 0, 0]}
    if isinstance(v, datetime.time):
        return {"date": [1899, 12, 30, v.hour, v.minute, v.second, v.microsecond]}
    if isinstance(v, (bool, int, float, str)):
        return v
    raise TypeError(f"{c.coordinate}: {type(v).__name__} {v!r}")


def main(out_dir, files):
    out = {}
    for f in files:
        copy = os.path.join(out_dir, os.path.basename(f))
        openpyxl.load_workbook(f).save(copy)
        wb = openpyxl.load_workbook(copy, data_only=True)
        out[copy] = [{"name": ws.title, "rows": [[cell(c) for c in row] for row in ws.iter_rows()]} for ws in wb.worksheets]
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
