// The right column: the real pages (SVG from the engine's layout, the same as the PDF), kept
// scrolled to the page where the part being edited starts. Only pages whose SVG changed are
// redrawn: the engine sends the changed pages, and unchanged pages keep their string.
import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type CSSProperties } from "react";
import type { FocusStore } from "../state/focus";
import type { Preview as PreviewAnswer, Diagnostic, Outline, Report } from "../bindings/types";
import { usePreview, type Shown } from "../state/preview";
import { patchSvg } from "./svgPatch";

const Page = memo(function Page({ svg, index, current }: { svg: string; index: number; current: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  // Only the lines that changed are replaced (see svgPatch).
  useLayoutEffect(() => {
    if (host.current) patchSvg(host.current, svg);
  }, [svg]);
  return <div ref={host} className={`page ${current ? "current" : ""}`} data-page={index} />;
});

/** The preview of `report`, kept up to date by the engine. It re-renders on its own when pages
 * arrive (the editor does not); the problems go to `onProblems`, the outline to `onOutline`, each
 * only when it changes. */
export function LivePreview({
  report,
  anchor,
  focused,
  fetch,
  onError,
  onProblems,
  onOutline,
  refresh = 0,
}: {
  report: Report | null;
  /** The part shown in the editor. */
  anchor: string;
  /** The field being edited, when it is in that part. */
  focused: FocusStore;
  fetch: (report: Report, known: number | null) => Promise<PreviewAnswer>;
  onError: (e: unknown) => void;
  onProblems: (problems: Diagnostic[]) => void;
  onOutline: (outline: Outline) => void;
  /** Changed to check the same report again. */
  refresh?: number;
}) {
  const { shown, busy } = usePreview(report, fetch, onError, refresh);
  const field = useSyncExternalStore(focused.subscribe, focused.get);
  const last = useRef("");
  const lastOutline = useRef("");
  useEffect(() => {
    const problems = shown?.problems ?? [];
    const key = JSON.stringify(problems);
    if (key !== last.current) {
      last.current = key;
      onProblems(problems);
    }
    if (shown) {
      const k = JSON.stringify(shown.outline);
      if (k !== lastOutline.current) {
        lastOutline.current = k;
        onOutline(shown.outline);
      }
    }
  }, [shown, onProblems, onOutline]);
  return <Preview data={shown} anchor={field && field.part === anchor ? field.anchor : anchor} busy={busy} />;
}

/** `on`, once it has stayed true for `ms`: a notice that would otherwise flash on every key. */
function useLasting(on: boolean, ms: number): boolean {
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setLasting(true), ms);
    return () => {
      clearTimeout(timer);
      setLasting(false);
    };
  }, [on, ms]);
  return on && lasting;
}

/** Zoom steps, as a fraction of the page's real size (A4 at 96 px per inch: 793.7 px wide). */
export const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];
const A4_PX = (210 / 25.4) * 96;

/** The next zoom step from `now` (a fraction of the real size) in direction `d` (+1, −1). */
export function nextZoom(now: number, d: 1 | -1): number {
  if (d > 0) return ZOOMS.find((z) => z > now + 0.005) ?? ZOOMS[ZOOMS.length - 1];
  return [...ZOOMS].reverse().find((z) => z < now - 0.005) ?? ZOOMS[0];
}

export function Preview({ data, anchor, busy }: { data: Shown | null; anchor: string; busy: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  // null: the pages fit the column's width; else a fraction of their real size.
  const [zoom, setZoom] = useState<number | null>(null);
  const step = (d: 1 | -1) =>
    setZoom((z) => {
      const first = box.current?.querySelector<HTMLElement>(".page");
      const now = z ?? (first ? first.getBoundingClientRect().width / A4_PX : 1);
      return nextZoom(now, d);
    });
  // Ctrl+= (or Ctrl++), Ctrl+− and Ctrl+0 (fit the width), wherever the focus is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key === "=" || e.key === "+") step(1);
      else if (e.key === "-" || e.key === "_") step(-1);
      else if (e.key === "0") setZoom(null);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  // Shown only when an update is slow: changing the bar on every key made the web view lay out
  // and paint the preview column twice per key (measured, docs/performance.md).
  const slow = useLasting(busy, 400);
  const page = data ? pageOf(data.anchors, anchor) : 0;
  const count = data?.pages.length ?? 0;
  useEffect(() => {
    const el = box.current?.querySelector<HTMLElement>(`[data-page="${page}"]`);
    el?.scrollIntoView({ block: "start", behavior: "auto" });
  }, [page, count, zoom]);
  return (
    <aside className="preview" aria-label="Xem trước trang in">
      <div className="preview-bar">
        <span>
          Xem trước {data ? `— ${count} trang` : ""} {slow && <span className="busy">đang cập nhật…</span>}
        </span>
        <span className="zoom">
          <button type="button" id="zoom-out" onClick={() => step(-1)} title="Thu nhỏ (Ctrl+−)" aria-label="Thu nhỏ">
            −
          </button>
          <button type="button" id="zoom-fit" onClick={() => setZoom(null)} title="Vừa khung (Ctrl+0)">
            {zoom === null ? "Vừa khung" : `${Math.round(zoom * 100)}%`}
          </button>
          <button type="button" id="zoom-in" onClick={() => step(1)} title="Phóng to (Ctrl+=)" aria-label="Phóng to">
            +
          </button>
        </span>
      </div>
      <div className={`pages ${zoom === null ? "fit" : "zoomed"}`} ref={box} style={zoom === null ? undefined : ({ "--page-width": `${(A4_PX * zoom).toFixed(1)}px` } as CSSProperties)}>
        {data?.pages.map((svg, i) => <Page key={i} svg={svg} index={i} current={i === page} />)}
      </div>
    </aside>
  );
}

/** The page where `anchor` (a part, block, item or field) starts: its own anchor, else the
 * first anchor inside it (a block whose first line is its first item's), else its enclosing
 * part's. */
export function pageOf(anchors: string[][], anchor: string): number {
  let probe = anchor;
  for (;;) {
    const i = anchors.findIndex((list) => list.includes(probe));
    if (i >= 0) return i;
    const inside = anchors.findIndex((list) => list.some((a) => a.startsWith(`${probe}.`) || a.startsWith(`${probe}[`)));
    if (inside >= 0) return inside;
    const cut = Math.max(probe.lastIndexOf("."), probe.lastIndexOf("["));
    if (cut <= 0) return 0;
    probe = probe.slice(0, cut);
  }
}
