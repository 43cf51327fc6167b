// The open report: its undo history and file, whether it has unsaved changes, and the edits the
// forms make to it. No report open (null) is the start screen.
import { useCallback, useEffect, useMemo, useReducer, useRef, type Dispatch, type SetStateAction } from "react";
import type { Notice } from "../components/NoticeBar";
import type { Ops } from "../components/ops";
import { dirty, initial, reducer, type DocAction, type DocState } from "../state/doc";

/** A change of the open report, or closing it (back to the start screen). */
export type AppAction = DocAction | { type: "close" };

/** Sends an `AppAction` to the open report. */
export type DocDispatch = (action: AppAction) => void;

/** Setting or clearing the notice line. */
export type SetNotice = Dispatch<SetStateAction<Notice | null>>;

/** The open report after an action: `reducer`'s, with loading and closing allowed with none open. */
function openReport(s: DocState | null, a: AppAction): DocState | null {
  if (a.type === "close") return null;
  if (a.type === "load") return initial(a.report, a.path, a.saved);
  return s ? reducer(s, a) : s;
}

/** The open report's state, refs to its latest value (for handlers registered once), and `edit`/`ops`. */
export function useDocument(setNotice: SetNotice) {
  const [doc, dispatch] = useReducer(openReport, null);
  const report = doc?.history.present ?? null;
  const isDirty = doc ? dirty(doc) : false;
  const dirtyRef = useRef(isDirty);
  const docRef = useRef(doc);
  useEffect(() => {
    dirtyRef.current = isDirty;
    docRef.current = doc;
  }, [isDirty, doc]);

  // An edit (or undo, redo) makes «Đã lưu», «Đã xuất» and similar notices out of date: they go.
  const edit = useCallback(
    (a: DocAction) => {
      setNotice((n) => (n && n.kind === "info" ? null : n));
      dispatch(a);
    },
    [setNotice],
  );
  const ops: Ops = useMemo(
    () => ({
      set: (path, value) => edit({ type: "set", path, value }),
      insert: (parent, value, index) => edit({ type: "insert", parent, value, index }),
      remove: (path) => edit({ type: "remove", path }),
      move: (path, to) => edit({ type: "move", path, to }),
    }),
    [edit],
  );
  return { doc, report, isDirty, docRef, dirtyRef, dispatch: dispatch as DocDispatch, edit, ops };
}
