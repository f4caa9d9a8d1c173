#!/usr/bin/env python3
"""The reportlab side of `server bench-documents`.

Draws one invoice page COUNT times, each as a complete PDF in memory with DejaVu Sans and
DejaVu Sans Bold embedded (reportlab subsets embedded TrueType fonts per file), and prints
`pages_per_second N`. The page is given as the drawing operations Kreditor's renderer made for
it (printpdf's `Op` list as JSON): every text at its place and size, the rules and the grey
payment box — so both sides draw exactly the same content. The timing excludes interpreter
start-up and font registration (the Rust side parses its font once per process too).
"""

import argparse
import io
import json
import sys
import time

from reportlab.lib.units import mm  # noqa: F401  (units documented: ops are in points)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

A4 = (595.2756, 841.8898)
FONTS = {"F1": "DejaVuSans", "F2": "DejaVuSans-Bold"}


def grey(col):
    """printpdf's greyscale colour (0 black, 1 white)."""
    data = col.get("data", {})
    return data.get("percent", 0.0) if isinstance(data, dict) else 0.0


def compile_ops(ops):
    """printpdf ops -> a flat list of reportlab calls, so the timed loop only draws."""
    out = []
    font = ("F1", 10.0)
    pos = (0.0, 0.0)
    for op in ops:
        kind, data = op["type"], op.get("data")
        if kind == "set-font":
            handle = data["font"]
            fid = handle.get("data") if isinstance(handle, dict) else handle
            font = (FONTS.get(fid, "DejaVuSans"), float(data["size"]))
        elif kind == "set-text-cursor":
            pos = (float(data["pos"]["x"]), float(data["pos"]["y"]))
        elif kind == "show-text":
            text = "".join(i for i in data["items"] if isinstance(i, str))
            out.append(("text", font[0], font[1], pos[0], pos[1], text))
        elif kind == "set-outline-color":
            out.append(("stroke", grey(data["col"])))
        elif kind == "set-outline-thickness":
            out.append(("width", float(data["pt"])))
        elif kind == "set-fill-color":
            out.append(("fill", grey(data["col"])))
        elif kind == "draw-line":
            pts = [(float(p["p"]["x"]), float(p["p"]["y"])) for p in data["line"]["points"]]
            out.append(("line", pts))
        elif kind == "draw-rectangle":
            r = data["rectangle"]
            out.append(("rect", float(r["x"]), float(r["y"]), float(r["width"]), float(r["height"])))
        elif kind in ("start-text-section", "end-text-section"):
            pass
        else:
            sys.exit(f"unknown op {kind}")
    return out


def draw(calls):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1, invariant=1)
    c.setTitle("Faktura")
    for call in calls:
        kind = call[0]
        if kind == "text":
            _, face, size, x, y, text = call
            c.setFont(face, size)
            c.drawString(x, y, text)
        elif kind == "stroke":
            c.setStrokeGray(call[1])
        elif kind == "width":
            c.setLineWidth(call[1])
        elif kind == "fill":
            c.setFillGray(call[1])
        elif kind == "line":
            pts = call[1]
            for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
                c.line(x1, y1, x2, y2)
        elif kind == "rect":
            _, x, y, w, h = call
            c.rect(x, y, w, h, stroke=0, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ops", required=True, help="the page's printpdf ops as JSON")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--regular", required=True, help="DejaVuSans.ttf")
    ap.add_argument("--bold", required=True, help="DejaVuSans-Bold.ttf")
    ap.add_argument("--write", help="also write one page to this file (to look at it)")
    args = ap.parse_args()
    pdfmetrics.registerFont(TTFont("DejaVuSans", args.regular))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", args.bold))
    with open(args.ops, encoding="utf-8") as f:
        calls = compile_ops(json.load(f))
    one = draw(calls)  # warm-up: caches, font tables
    if args.write:
        with open(args.write, "wb") as f:
            f.write(one)
    start = time.perf_counter()
    size = 0
    for _ in range(args.count):
        size += len(draw(calls))
    elapsed = time.perf_counter() - start
    print(f"pages_per_second {args.count / elapsed:.1f}")
    print(f"bytes_per_file {size // max(args.count, 1)}")


if __name__ == "__main__":
    main()
