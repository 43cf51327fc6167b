// The live preview: the engine lays the report out again on every edit and sends only the pages
// that changed, with a version; here they replace the pages they changed. There is no fixed wait:
// an edit is sent at once, and edits made while the engine is busy are sent together when it
// answers (the newest report only).
import { useEffect, useRef, useState } from "react";
import type { Preview, Diagnostic, Outline } from "../bindings/types";
import type { Report } from "../bindings/types";

/** What the preview shows: every page's SVG, the parts starting on each page, the problems. */
export interface Shown {
  version: number;
  pages: string[];
  anchors: string[][];
  problems: Diagnostic[];
  /** The engine's outline, tables' totals and openers (state/view.ts). */
  outline: Outline;
}

/** The pages after an answer of the engine: all of them, or the old ones with the changed
 * pages replaced and the count adjusted. Unchanged pages keep their identity (no redraw). */
export function applyPreview(prev: Shown | null, p: Preview): Shown {
  const pages = p.complete || !prev ? new Array<string>(p.page_count).fill("") : prev.pages.slice(0, p.page_count);
  while (pages.length < p.page_count) pages.push("");
  for (const page of p.pages) pages[page.index] = page.svg;
  // Anchors come only when they changed.
  return { version: p.version, pages, anchors: p.anchors ?? prev?.anchors ?? [], problems: p.problems, outline: p.outline };
}

/** When typing happened (performance.now()), per report shown, for the latency figures. */
interface Pending {
  seq: number;
  at: number;
}

/** Keeps the preview of `report` up to date through `fetch` (the engine); `onError` gets a
 * failure's message. `busy` while the pages shown are not those of the report. */
export function usePreview(
  report: Report | null,
  fetch: (report: Report, known: number | null) => Promise<Preview>,
  onError: (e: unknown) => void,
  /** Changed to check the same report again (a word went into the dictionary). */
  refresh = 0,
): { shown: Shown | null; busy: boolean } {
  const [state, setState] = useState<{ shown: Shown; of: Report } | null>(null);
  const shownRef = useRef<Shown | null>(null);
  const inFlight = useRef(false);
  const latest = useRef<{ report: Report; seq: number } | null>(null);
  const seq = useRef(0);
  // The last answer was checked without the dictionary (still loading).
  const pending = useRef(false);
  // Keystrokes not yet on screen: when each happened and which report holds it.
  const typed = useRef<Pending[]>([]);
  const lastInput = useRef(0);
  const paintedSeq = useRef<number | null>(null);
  // When the last request was sent and answered, for the figures' breakdown.
  const timing = useRef({ sent: 0, received: 0, pages: 0, engine: 0 });

  // Every input event, captured at the document: the moment a key reached the page.
  useEffect(() => {
    const mark = () => {
      lastInput.current = performance.now();
    };
    document.addEventListener("input", mark, true);
    return () => document.removeEventListener("input", mark, true);
  }, []);

  useEffect(() => {
    if (!report) {
      shownRef.current = null;
      latest.current = null;
      return;
    }
    seq.current += 1;
    latest.current = { report, seq: seq.current };
    if (lastInput.current > 0) {
      typed.current.push({ seq: seq.current, at: lastInput.current });
      lastInput.current = 0;
    }
    const send = async () => {
      const job = latest.current;
      if (!job || inFlight.current) return;
      inFlight.current = true;
      try {
        const sent = performance.now();
        const p = await fetch(job.report, shownRef.current?.version ?? null);
        timing.current = { sent, received: performance.now(), pages: p.pages.length, engine: p.took_us / 1000 };
        pending.current = p.checks_pending;
        if (latest.current === null) return; // the report was closed meanwhile
        const next = applyPreview(shownRef.current, p);
        shownRef.current = next;
        paintedSeq.current = job.seq;
        setState({ shown: next, of: job.report });
      } catch (e) {
        onError(e);
      } finally {
        inFlight.current = false;
      }
      if (latest.current && latest.current.seq !== job.seq) void send();
      else if (pending.current) {
        // The dictionary was still loading: ask again once it may be there.
        pending.current = false;
        setTimeout(() => {
          if (latest.current === job) {
            latest.current = { ...job, seq: ++seq.current };
            void send();
          }
        }, 300);
      }
    };
    void send();
    // fetch and onError are stable for the app's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report, refresh]);

  // After the new pages are painted (the frame after the commit), how long each keystroke took
  // to reach the screen: kept in window.__previewLatency for the end-to-end measurement.
  useEffect(() => {
    const upTo = paintedSeq.current;
    if (upTo === null || typed.current.length === 0) return;
    const done = typed.current.filter((t) => t.seq <= upTo);
    if (done.length === 0) return;
    typed.current = typed.current.filter((t) => t.seq > upTo);
    const committed = performance.now();
    const { sent, received, pages, engine } = timing.current;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const now = performance.now();
        const w = window as unknown as { __previewLatency?: number[]; __previewSteps?: number[][] };
        (w.__previewLatency ??= []).push(...done.map((t) => now - t.at));
        // input → sent, IPC (both ways), engine, React commit, paint; pages redrawn.
        const first = done[0].at;
        (w.__previewSteps ??= []).push([sent - first, received - sent - engine, engine, committed - received, now - committed, pages].map(Math.round));
      }, 0),
    );
  }, [state]);

  return { shown: report ? (state?.shown ?? null) : null, busy: report !== null && state?.of !== report };
}
