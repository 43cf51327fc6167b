// Keyboard: Ctrl+S, Ctrl+Shift+S, Ctrl+Z, Ctrl+Y / Ctrl+Shift+Z, Ctrl+O, Ctrl+B / Ctrl+I, Ctrl+P,
// Ctrl+F / Ctrl+H (Cmd on macOS).
import { useEffect, type RefObject } from "react";
import { api, errorText } from "../api";
import { toggleMark } from "../components/marks";
import type { DocAction, DocState } from "../state/doc";
import type { SetNotice } from "./useDocument";

interface ShortcutsDeps {
  saveAs: (forceDialog: boolean) => Promise<boolean>;
  openFile: () => void;
  edit: (a: DocAction) => void;
  docRef: RefObject<DocState | null>;
  setNotice: SetNotice;
  setFinding: (mode: "find" | "replace") => void;
}

/** The window's keyboard shortcuts (save, undo/redo, open, bold/italic, print, find/replace). */
export function useShortcuts({ saveAs, openFile, edit, docRef, setNotice, setFinding }: ShortcutsDeps) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === "s") {
        e.preventDefault();
        void saveAs(e.shiftKey);
      } else if (k === "z" && !e.shiftKey) {
        e.preventDefault();
        edit({ type: "undo" });
      } else if (k === "y" || (k === "z" && e.shiftKey)) {
        e.preventDefault();
        edit({ type: "redo" });
      } else if (k === "o") {
        e.preventDefault();
        openFile();
      } else if ((k === "b" || k === "i") && !e.shiftKey && !e.altKey) {
        // Bold / italic in the text of the part's content (see toggleMark).
        const el = document.activeElement;
        if (el instanceof HTMLTextAreaElement && el.closest("main.editor") && !/^(header|closing)\b/.test(el.dataset.path ?? "")) {
          e.preventDefault();
          // Its own undo step, not part of the typing around it.
          edit({ type: "seal" });
          toggleMark(el, k === "b" ? "**" : "_");
          edit({ type: "seal" });
        }
      } else if (k === "p" && !e.shiftKey && !e.altKey) {
        // The system's print dialog, over the preview's pages (print styles in styles.css).
        e.preventDefault();
        if (docRef.current) api.printPages().catch((err) => setNotice({ text: errorText(err), kind: "error" }));
      } else if ((k === "f" || k === "h") && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        if (docRef.current) setFinding(k === "h" ? "replace" : "find");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveAs, openFile, edit, docRef, setNotice, setFinding]);
}
