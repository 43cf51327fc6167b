#!/usr/bin/python3
"""`wm-close.py PID`: sends the close request a window manager sends when the user clicks ×: a WM_PROTOCOLS
ClientMessage carrying WM_DELETE_WINDOW, to the top-level window of the given process
(found by _NET_WM_PID, else by WM_NAME containing "Soạn Báo Cáo"). Under Xvfb there is no window
manager, so the test plays its part. `wm-close.py PID --title` prints the window's title instead.
Needs python3-xlib. Exit 0 when done, 1 when no window."""
import os
import sys
import time

from Xlib import X, display, protocol

pid = int(sys.argv[1])
d = display.Display()
root = d.screen().root
NET_WM_PID = d.intern_atom("_NET_WM_PID")
WM_PROTOCOLS = d.intern_atom("WM_PROTOCOLS")
WM_DELETE = d.intern_atom("WM_DELETE_WINDOW")
NET_WM_NAME = d.intern_atom("_NET_WM_NAME")
UTF8 = d.intern_atom("UTF8_STRING")


def windows(w):
    yield w
    for c in w.query_tree().children:
        yield from windows(c)


def candidates():
    for w in windows(root):
        try:
            protos = w.get_wm_protocols() or []
            if WM_DELETE not in protos:
                continue
            p = w.get_full_property(NET_WM_PID, X.AnyPropertyType)
            name = w.get_full_property(NET_WM_NAME, UTF8)
            title = name.value.decode("utf-8", "replace") if name else ""
            yield w, (p.value[0] if p else None), title
        except Exception:
            continue


mine = [(w, t) for w, p, t in candidates() if p == pid]
# `--others`: the titles of the process's other windows (dialogs such as the print dialog);
# `--close-others`: the close request to each of them (a dialog's × = Cancel).
if "--others" in sys.argv[2:] or "--close-others" in sys.argv[2:]:
    others = [
        (w, t)
        for w, t in mine
        if t and "Soạn Báo Cáo" not in t and w.get_attributes().map_state == X.IsViewable
    ]
    for w, t in others:
        if "--close-others" in sys.argv[2:]:
            ev = protocol.event.ClientMessage(
                window=w, client_type=WM_PROTOCOLS, data=(32, [WM_DELETE, X.CurrentTime, 0, 0, 0])
            )
            w.send_event(ev, event_mask=X.NoEventMask)
        print(t)
    d.flush()
    sys.exit(0)
# The visible window (its title ends with the app's name), not GTK's hidden leader window.
found = [w for w, t in mine if "Soạn Báo Cáo" in t] or [w for w, _ in mine]
if not found:
    found = [w for w, _, t in candidates() if "Soạn Báo Cáo" in t]
if not found:
    print("no window", file=sys.stderr)
    sys.exit(1)
if "--title" in sys.argv[2:]:
    for w in found:
        name = w.get_full_property(NET_WM_NAME, UTF8)
        print(name.value.decode("utf-8", "replace") if name else "")
    sys.exit(0)
for w in found:
    ev = protocol.event.ClientMessage(
        window=w, client_type=WM_PROTOCOLS, data=(32, [WM_DELETE, X.CurrentTime, 0, 0, 0])
    )
    w.send_event(ev, event_mask=X.NoEventMask)
d.sync()
titles = []
for w in found:
    name = w.get_full_property(NET_WM_NAME, UTF8)
    titles.append(f"{w.id:#x} «{name.value.decode('utf-8', 'replace') if name else ''}»")
print(f"sent WM_DELETE_WINDOW to {len(found)} window(s)")
# The close trace (BAOCAO_TRACE_CLOSE, src-tauri/src/trace.rs) gets the first hop too.
trace = os.environ.get("BAOCAO_TRACE_CLOSE")
if trace:
    with open(trace, "a", encoding="utf-8") as f:
        f.write(f"{int(time.time() * 1000)} wm-close.py: WM_DELETE_WINDOW sent to {', '.join(titles)}\n")
