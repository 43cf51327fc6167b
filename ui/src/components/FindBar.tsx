// Find and replace (Ctrl+F, Ctrl+H) across the whole report. The bar keeps the keyboard: Enter
// goes to the next match, Shift+Enter to the previous one (the field is scrolled to and outlined,
// the match shown in its context), Esc closes the bar and puts the cursor on the match in its
// field. «Thay tất cả» is one undo step.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Report } from "../bindings/types";
import { findAll, replaceAll, replaceIn, type Match } from "../model/find";
import { api } from "../api";
import { anchorOf, getIn, locate, type Path } from "../model/tree";
import type { OutlineItem } from "../state/view";

/** The find bar; `replacing` shows the replace field. */
export function FindBar({
  report,
  items,
  replacing,
  onSet,
  onReplaceAll,
  onShow,
  onClose,
}: {
  report: Report;
  /** The engine's outline: the places of matches are named by its labels. */
  items: OutlineItem[];
  replacing: boolean;
  /** Replaces one field's text. */
  onSet: (path: Path, text: string) => void;
  /** Replaces the whole report (one undo step) and says how many were replaced. */
  onReplaceAll: (next: Report, count: number) => void;
  /** Shows a match: opens its part, scrolls to its field; `focus` puts the cursor there. */
  onShow: (select: Path, m: Match, focus: boolean) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const [by, setBy] = useState("");
  const [matchCase, setMatchCase] = useState(false);
  const [index, setIndex] = useState(0);
  const box = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => findAll(report, query, matchCase), [report, query, matchCase]);
  const current = matches.length > 0 ? matches[Math.min(index, matches.length - 1)] : null;
  // The outline entry to open; the place in words is the engine's (as it names the checks').
  const place = current ? { select: locate(current.path, items) } : null;
  const [where, setWhere] = useState<{ key: string; words: string } | null>(null);
  const key = current ? anchorOf(current.path) : "";
  useEffect(() => {
    if (!key) return;
    let live = true;
    api
      .placeWords(report, key)
      .then((words) => live && setWhere({ key, words }))
      .catch(() => live && setWhere({ key, words: key }));
    return () => {
      live = false;
    };
    // The place changes with the match's field, not with each edit of the report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => box.current?.focus(), [replacing]);
  // The current match follows the matches (after a replacement the next one takes its place).
  useEffect(() => {
    if (current && place) onShow(place.select, current, false);
    // Only when the match shown changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.path.join("."), current?.start, query]);

  const step = (d: number) => {
    if (matches.length === 0) return;
    setIndex((i) => (Math.min(i, matches.length - 1) + d + matches.length) % matches.length);
  };
  const close = () => {
    if (current && place) onShow(place.select, current, true);
    onClose();
  };
  const escCloses = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Escape") return false;
    e.preventDefault();
    close();
    return true;
  };
  const text = current ? String(getIn(report, current.path) ?? "") : "";
  const before = current ? text.slice(Math.max(0, current.start - 40), current.start) : "";
  const after = current ? text.slice(current.end, current.end + 40) : "";

  return (
    <div className="findbar" role="search" aria-label="Tìm và thay">
      <input
        ref={box}
        id="find-text"
        placeholder="Tìm trong báo cáo…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (!escCloses(e) && e.key === "Enter") {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          }
        }}
      />
      <span id="find-count" className="count" aria-live="polite">
        {query ? (matches.length > 0 ? `${Math.min(index, matches.length - 1) + 1}/${matches.length}` : "Không thấy") : ""}
      </span>
      <button type="button" id="find-prev" onClick={() => step(-1)} disabled={matches.length === 0} title="Kết quả trước (Shift+Enter)">
        ↑
      </button>
      <button type="button" id="find-next" onClick={() => step(1)} disabled={matches.length === 0} title="Kết quả sau (Enter)">
        ↓
      </button>
      <label className="check">
        <input type="checkbox" id="find-case" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} /> Phân biệt hoa/thường
      </label>
      {replacing && (
        <>
          <input
            id="replace-text"
            placeholder="Thay bằng…"
            value={by}
            onChange={(e) => setBy(e.target.value)}
            onKeyDown={escCloses}
          />
          <button type="button" id="replace-one" disabled={!current} onClick={() => current && onSet(current.path, replaceIn(text, current, by))}>
            Thay
          </button>
          <button
            type="button"
            id="replace-all"
            disabled={matches.length === 0}
            onClick={() => {
              const r = replaceAll(report, query, by, matchCase);
              onReplaceAll(r.report, r.count);
            }}
          >
            Thay tất cả
          </button>
        </>
      )}
      <button type="button" id="find-close" onClick={close} title="Đóng (Esc)">
        ✕
      </button>
      {current && place && (
        <div className="found" id="find-where">
          {where?.key === key && <span className="where">{where.words}:</span>} …{before}
          <mark>{text.slice(current.start, current.end)}</mark>
          {after}…
        </div>
      )}
    </div>
  );
}
