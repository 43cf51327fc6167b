// The live preview's session: the field it follows, the problems it found (by field, for the
// underlines), and what the user does with them: «Sửa», «Thêm vào từ điển» (then checked again).
import { useCallback, useMemo, useState } from "react";
import { api, errorText, type Report } from "../api";
import type { Diagnostic, Outline } from "../bindings/types";
import type { Ops } from "../components/ops";
import { getIn, parsePath } from "../model/tree";
import type { DocAction } from "../state/doc";
import { applyFix, byPath } from "../state/findings";
import { focusStore } from "../state/focus";
import { EMPTY_VIEW, viewOf, type View } from "../state/view";
import type { SetNotice } from "./useDocument";

/** The preview's focus store, its problems and dictionary version, and the actions on findings. */
export function usePreviewSession(report: Report | null, edit: (a: DocAction) => void, ops: Ops, setNotice: SetNotice) {
  // The field being edited (of the part shown): the preview shows the page where it starts.
  const focused = useMemo(() => focusStore(), []);
  // The live preview (its own component: pages arriving do not re-render the editor) and the
  // problems it found.
  const showError = useCallback((e: unknown) => setNotice({ text: errorText(e), kind: "error" }), [setNotice]);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  // Findings by field, for the underlines; rebuilt only when the findings change.
  // What the engine says the document prints (outline labels, totals, openers): none until its
  // first answer for this window.
  const [view, setView] = useState<View>(EMPTY_VIEW);
  const setOutline = useCallback((o: Outline) => setView(viewOf(o)), []);
  const findingsByPath = useMemo(() => byPath(problems, (p) => parsePath(p).join(".")), [problems]);
  // Bumped when a word goes into the dictionary: the checks run again on the same report.
  const [dictionaryVersion, setDictionaryVersion] = useState(0);

  /** Applies a finding's fix through the editor (one undo step); a stale finding is refused. */
  const applyFinding = (p: Diagnostic) => {
    const path = parsePath(p.path);
    const now = getIn(report, path);
    const next = typeof now === "string" ? applyFix(now, p) : null;
    if (next === null) {
      setNotice({ text: "Ô này đã đổi từ lúc kiểm tra; xem lại gợi ý mới trong danh sách.", kind: "error" });
      return;
    }
    edit({ type: "seal" });
    ops.set(path, next);
    edit({ type: "seal" });
    setNotice({ text: `Đã sửa thành «${p.fix}» (Ctrl+Z để hoàn tác).`, kind: "info" });
  };

  /** Puts a word into the user's dictionary (every report), then checks again. */
  const addWord = async (word: string) => {
    try {
      await api.addWord(word);
      setDictionaryVersion((v) => v + 1);
      setNotice({ text: `Đã thêm «${word}» vào từ điển riêng.`, kind: "info" });
    } catch (e) {
      setNotice({ text: errorText(e), kind: "error" });
    }
  };

  return { focused, showError, problems, setProblems, view, setOutline, findingsByPath, dictionaryVersion, applyFinding, addWord };
}
