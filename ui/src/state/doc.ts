// The open document: the report with undo history, where it is saved, and whether it changed.
import type { Report } from "../bindings/types";
import { type Path, insertAt, moveTo, removeAt, setIn } from "../model/tree";
import * as H from "./history";

export interface DocState {
  history: H.History<Report>;
  /** File it was opened from or saved to. */
  path: string | null;
  /** The report as last saved (to tell unsaved changes). */
  saved: Report | null;
}

export type DocAction =
  | { type: "load"; report: Report; path: string | null; saved: boolean }
  | { type: "set"; path: Path; value: unknown }
  | { type: "insert"; parent: Path; value: unknown; index?: number }
  | { type: "remove"; path: Path }
  | { type: "move"; path: Path; to: number }
  /** The whole report at once (replace all): one undo step. */
  | { type: "replace"; report: Report }
  | { type: "saved"; path: string }
  | { type: "undo" }
  /** Ends the typing group: the next edit is an undo step of its own (Ctrl+B, «Sửa»). */
  | { type: "seal" }
  | { type: "redo" };

export function initial(report: Report, path: string | null = null, saved = true): DocState {
  return { history: H.start(report), path, saved: saved ? report : null };
}

export function reducer(s: DocState, a: DocAction, now = Date.now()): DocState {
  const r = s.history.present;
  switch (a.type) {
    case "load":
      return initial(a.report, a.path, a.saved);
    case "set":
      return { ...s, history: H.edit(s.history, setIn(r, a.path, a.value), a.path.join("/"), now) };
    case "insert":
      return { ...s, history: H.edit(s.history, insertAt(r, a.parent, a.value, a.index), null, now) };
    case "remove":
      return { ...s, history: H.edit(s.history, removeAt(r, a.path), null, now) };
    case "move":
      return { ...s, history: H.edit(s.history, moveTo(r, a.path, a.to), null, now) };
    case "replace":
      return { ...s, history: H.edit(s.history, a.report, null, now) };
    case "saved":
      return { ...s, path: a.path, saved: r };
    case "undo":
      return { ...s, history: H.undo(s.history) };
    case "seal":
      return s.history.lastKey === null ? s : { ...s, history: { ...s.history, lastKey: null } };
    case "redo":
      return { ...s, history: H.redo(s.history) };
  }
}

/** Whether the report differs from the saved one. */
export function dirty(s: DocState): boolean {
  return s.saved !== s.history.present;
}
