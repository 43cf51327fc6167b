// Autosave to the recovery file: once there are changes not in the copy, a copy is due within
// AUTOSAVE_MS, whatever happens meanwhile (typing does not push it back).
import { useEffect, useRef, type RefObject } from "react";
import { api, type Report } from "../api";
import { maxWait } from "../state/autosave";
import type { DocState } from "../state/doc";

/** The recovery copy is written at most this long after the first change not yet in it, however
 * steadily the user types (a maximum wait, not a pause detector): a crash loses at most this much. */
const AUTOSAVE_MS = 20_000;

/** Keeps the recovery copy of the open report at most AUTOSAVE_MS behind its unsaved changes. */
export function useAutosave(docRef: RefObject<DocState | null>, dirtyRef: RefObject<boolean>, report: Report | null, isDirty: boolean) {
  const autosave = useRef<ReturnType<typeof maxWait> | null>(null);
  useEffect(() => {
    const timer = maxWait(() => {
      const d = docRef.current;
      if (d && dirtyRef.current) api.writeRecovery(d.history.present, d.path).catch(() => {});
    }, AUTOSAVE_MS);
    autosave.current = timer;
    return () => timer.cancel();
  }, [docRef, dirtyRef]);
  useEffect(() => {
    if (isDirty) autosave.current?.touch();
    else autosave.current?.cancel();
  }, [report, isDirty]);
}
