// The left column: the report's outline. Click to jump; add, delete and reorder parts by buttons,
// by drag and drop, or by keyboard (Alt+↑ / Alt+↓ move, Delete removes, ↑ / ↓ select).
import { useState, type KeyboardEvent } from "react";
import type { Report } from "../bindings/types";
import type { Path } from "../model/tree";
import type { OutlineItem } from "../state/view";
import type { Ops } from "./ops";

const same = (a: Path, b: Path) => a.length === b.length && a.every((k, i) => k === b[i]);
const parentOf = (p: Path) => p.slice(0, -1);

interface Props {
  report: Report;
  /** The engine's outline of the report (empty until its first answer). */
  items: OutlineItem[];
  selected: Path;
  onSelect: (p: Path) => void;
  ops: Ops;
}

export function Outline({ report, items, selected, onSelect, ops }: Props) {
  const [dragging, setDragging] = useState<Path | null>(null);
  const index = items.findIndex((i) => same(i.path, selected));

  const siblingsLength = (it: OutlineItem) => (report && Array.isArray(getParent(report, it.path)) ? (getParent(report, it.path) as unknown[]).length : 0);
  const moveBy = (it: OutlineItem, delta: number) => {
    const at = it.path[it.path.length - 1] as number;
    const to = at + delta;
    if (!it.movable || to < 0 || to >= siblingsLength(it)) return;
    ops.move(it.path, to);
    onSelect([...parentOf(it.path), to]);
  };
  const remove = (it: OutlineItem) => {
    if (!it.movable) return;
    ops.remove(it.path);
    onSelect(["header"]);
  };

  const onKey = (e: KeyboardEvent) => {
    const it = items[index];
    if (!it) return;
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      moveBy(it, e.key === "ArrowUp" ? -1 : 1);
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      const next = items[Math.min(items.length - 1, Math.max(0, index + (e.key === "ArrowUp" ? -1 : 1)))];
      if (next) onSelect(next.path);
    } else if (e.key === "Delete") {
      e.preventDefault();
      remove(it);
    }
  };

  return (
    <nav className="outline" aria-label="Dàn ý báo cáo">
      <div className="outline-title">Dàn ý</div>
      <ul role="tree" tabIndex={0} onKeyDown={onKey} aria-activedescendant={index >= 0 ? `ol-${index}` : undefined}>
        {items.map((it, i) => (
          <li
            key={it.path.join(".")}
            id={`ol-${i}`}
            role="treeitem"
            aria-selected={same(it.path, selected)}
            className={`depth-${Math.min(it.depth, 3)} ${same(it.path, selected) ? "selected" : ""}`}
            data-path={it.path.join(".")}
            draggable={it.movable}
            onDragStart={() => setDragging(it.path)}
            onDragOver={(e) => {
              if (dragging && same(parentOf(dragging), parentOf(it.path))) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging && same(parentOf(dragging), parentOf(it.path))) {
                const to = it.path[it.path.length - 1] as number;
                ops.move(dragging, to);
                onSelect([...parentOf(it.path), to]);
              }
              setDragging(null);
            }}
            onClick={() => onSelect(it.path)}
          >
            <span className="label">{it.label}</span>
            {it.movable && same(it.path, selected) && (
              <span className="row-buttons">
                <button type="button" tabIndex={-1} aria-label="Lên" title="Lên (Alt+↑)" onClick={(e) => (e.stopPropagation(), moveBy(it, -1))}>
                  ↑
                </button>
                <button type="button" tabIndex={-1} aria-label="Xuống" title="Xuống (Alt+↓)" onClick={(e) => (e.stopPropagation(), moveBy(it, 1))}>
                  ↓
                </button>
                <button type="button" tabIndex={-1} aria-label="Xóa" title="Xóa (Delete)" className="danger" onClick={(e) => (e.stopPropagation(), remove(it))}>
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="outline-actions">
        <button
          type="button"
          data-add="part"
          onClick={() => {
            const n = report.body.content.length;
            ops.insert(["body", "content"], { type: "part", title: "Mục mới", blocks: [], sections: [] });
            onSelect(["body", "content", n]);
          }}
        >
          + Mục (I., II.)
        </button>
        <button
          type="button"
          data-add="annex"
          onClick={() => {
            const n = report.annexes?.length ?? 0;
            if (report.annexes) ops.insert(["annexes"], { title: "Phụ lục mới", blocks: [] });
            else ops.set(["annexes"], [{ title: "Phụ lục mới", blocks: [] }]);
            onSelect(["annexes", n]);
          }}
        >
          + Phụ lục
        </button>
        <button
          type="button"
          id="collect-open"
          className={selected[0] === "collection" ? "selected" : ""}
          title="Danh sách đơn vị, biểu mẫu Excel, nhận và cộng số liệu của các đơn vị"
          onClick={() => onSelect(["collection"])}
        >
          Tổng hợp từ đơn vị
        </button>
      </div>
    </nav>
  );
}

function getParent(report: Report, path: Path): unknown {
  let cur: unknown = report;
  for (const k of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}
