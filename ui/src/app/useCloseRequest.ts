// The window manager's close request (the shell kept the window open once this listener was
// registered): with unsaved changes, ask first; otherwise close at once.
import { useEffect, useRef } from "react";
import { api, onCloseAsked } from "../api";

/** Answers the window's close requests through `guardUnsaved` (closes when it says to go on). */
export function useCloseRequest(guardUnsaved: (closing: string) => Promise<boolean>) {
  // Registered once: re-registering on every edit (the guard changes with the report) left
  // moments with no listener, when a close request was lost, and leaked stale listeners.
  const guardRef = useRef(guardUnsaved);
  useEffect(() => {
    guardRef.current = guardUnsaved;
  }, [guardUnsaved]);
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let gone = false;
    let asked = false;
    onCloseAsked(async () => {
      void api.traceClose(`close-asked received (already asking: ${asked})`);
      if (asked) return;
      asked = true;
      try {
        const goOn = await guardRef.current("đóng chương trình");
        void api.traceClose(`question answered (close: ${goOn})`);
        if (goOn) await api.closeWindow();
      } finally {
        asked = false;
      }
    }).then((u) => {
      if (gone) u();
      else unlisten = u;
    });
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);
}
