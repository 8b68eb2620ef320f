"""Every cell of every sheet, as openpyxl (a reader we did not write) sees it, as JSON.

For each sheet: each non-empty or styled cell's value, formula, data type, number format,
font, fill, border, alignment and protection; merged ranges; data validations; column
widths; row heights; frozen panes; conditional formatting ranges; sheet state (hidden).
Sheets named in argv[2:] are left out (the tool's own output sheets).
"""
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def color(c):
    if c is None:
        return None
    return {"rgb": c.rgb if isinstance(c.rgb, str) else None, "theme": c.theme, "tint": c.tint, "indexed": c.indexed}


def side(s):
    return None if s is None else {"style": s.style, "color": color(s.color)}


def style(cell):
    f = cell.font
    fill = cell.fill
    b = cell.border
    a = cell.alignment
    return {
        "numFmt": cell.number_format,
        "font": {"b": f.b, "i": f.i, "u": f.u, "strike": f.strike, "sz": f.sz, "name": f.name, "color": color(f.color)},
        "fill": {"type": fill.fill_type, "fg": color(fill.fgColor), "bg": color(fill.bgColor)},
        "border": {k: side(getattr(b, k)) for k in ("left", "right", "top", "bottom")},
        "align": {"h": a.horizontal, "v": a.vertical, "wrap": a.wrap_text, "indent": a.indent, "rotation": a.text_rotation},
        "protection": {"locked": cell.protection.locked, "hidden": cell.protection.hidden},
    }


def dump(path, skip):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                v = c.value
                cells[c.coordinate] = {
                    "value": v.isoformat() if hasattr(v, "isoformat") else (str(v) if v is not None and not isinstance(v, (int, float, str, bool)) else v),
                    # An empty cell has no type worth keeping: openpyxl writes an empty
                    # rich-text cell as inlineStr with no value, which reads back as "n".
                    "type": c.data_type if c.value is not None else None,
                    "style": style(c),
                    "comment": c.comment.text if c.comment else None,
                    "link": c.hyperlink.target if c.hyperlink else None,
                }
        out[ws.title] = {
            "state": ws.sheet_state,
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": sorted([[str(v.sqref), v.type, v.formula1] for v in ws.data_validations.dataValidation]),
            # One entry per column: openpyxl keeps columns of one width as one range (min–max).
            "widths": {get_column_letter(i): d.width for d in ws.column_dimensions.values() if d.width for i in range(d.min or 1, (d.max or d.min or 1) + 1)},
            "heights": {str(k): d.height for k, d in ws.row_dimensions.items() if d.height},
            "freeze": ws.freeze_panes,
            "conditional": sorted(str(r.sqref) for r in ws.conditional_formatting),
        }
    return out


def compare_pairs(skip, pairs):
    """For each (before, after) pair: null when identical, else the first differing paths."""
    out = {}
    for before, after in pairs:
        a, b = dump(before, skip), dump(after, skip)
        diffs = []

        def walk(x, y, path):
            if len(diffs) >= 5:
                return
            if isinstance(x, dict) and isinstance(y, dict):
                for k in sorted(set(x) | set(y)):
                    walk(x.get(k), y.get(k), path + [str(k)])
            elif x != y:
                diffs.append({"path": "/".join(path), "before": str(x)[:120], "after": str(y)[:120]})

        walk(a, b, [])
        out[before] = diffs or None
    return out


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--pairs":
    # --pairs SKIP_JOINED before1 after1 before2 after2 …  (SKIP_JOINED: sheet names joined by "|")
    files = sys.argv[3:]
    print(json.dumps(compare_pairs(set(sys.argv[2].split("|")), list(zip(files[0::2], files[1::2]))), ensure_ascii=False, default=str))
    sys.exit(0)

if __name__ == "__main__":
    # openpyxl's descriptor types (Integer, Float…) print as their plain values.
    print(json.dumps(dump(sys.argv[1], set(sys.argv[2:])), ensure_ascii=False, sort_keys=True, default=str))
