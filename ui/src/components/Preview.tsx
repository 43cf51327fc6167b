// The right column: the real pages (SVG from the engine's layout, the same as the PDF), kept
// scrolled to the page where the part being edited starts.
import { useEffect, useRef } from "react";
import type { Preview as PreviewData } from "../bindings/types";

export function Preview({ data, anchor, busy }: { data: PreviewData | null; anchor: string; busy: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const page = data ? pageOf(data.anchors, anchor) : 0;
  useEffect(() => {
    const el = box.current?.querySelector<HTMLElement>(`[data-page="${page}"]`);
    el?.scrollIntoView({ block: "start", behavior: "auto" });
  }, [page, data]);
  return (
    <aside className="preview" aria-label="Xem trước trang in">
      <div className="preview-bar">
        Xem trước {data ? `— ${data.pages.length} trang` : ""} {busy && <span className="busy">đang cập nhật…</span>}
      </div>
      <div className="pages" ref={box}>
        {data?.pages.map((svg, i) => (
          <div key={i} className={`page ${i === page ? "current" : ""}`} data-page={i} dangerouslySetInnerHTML={{ __html: svg }} />
        ))}
      </div>
    </aside>
  );
}

/** The page where `anchor` (or its nearest enclosing part) starts. */
export function pageOf(anchors: string[][], anchor: string): number {
  let probe = anchor;
  for (;;) {
    const i = anchors.findIndex((list) => list.includes(probe));
    if (i >= 0) return i;
    const cut = Math.max(probe.lastIndexOf("."), probe.lastIndexOf("["));
    if (cut <= 0) return 0;
    probe = probe.slice(0, cut);
  }
}
