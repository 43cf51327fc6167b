#!/usr/bin/python3
"""Screenshot of the whole X display as PNG (argv[1]), for screens WebKitWebDriver's
screenshot hangs on (the compile review). Uses python3-xlib, installed by scripts/setup.sh."""
import struct
import sys
import zlib

from Xlib import X, display

d = display.Display()
root = d.screen().root
geo = root.get_geometry()
w, h = geo.width, geo.height
raw = root.get_image(0, 0, w, h, X.ZPixmap, 0xFFFFFFFF).data
rows = []
for y in range(h):
    line = raw[y * w * 4:(y + 1) * w * 4]
    rgb = bytearray(w * 3)
    rgb[0::3] = line[2::4]
    rgb[1::3] = line[1::4]
    rgb[2::3] = line[0::4]
    rows.append(b"\x00" + bytes(rgb))


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b"")
with open(sys.argv[1], "wb") as f:
    f.write(png)
