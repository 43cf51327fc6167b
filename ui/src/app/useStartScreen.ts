// What the start screen knows, and the startup that finds it: a file given on the command line,
// a recovery copy, recent files, the templates.
import { useEffect, useState } from "react";
import { api, errorText, type Recovered, type Report, type TemplateInfo } from "../api";
import type { DocDispatch, SetNotice } from "./useDocument";

/** The startup (loads a given file or the sample) and the start screen's lists and recovery offer. */
export function useStartScreen(dispatch: DocDispatch, setNotice: SetNotice) {
  const [recent, setRecent] = useState<string[]>([]);
  const [recovery, setRecovery] = useState<Recovered | null>(null);
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  // The sample last loaded to look at; the banner shows while it is the open report, not saved
  // to a file of the user's.
  const [shownSample, setShownSample] = useState<Report | null>(null);

  // Start: a file given on the command line, a recovery copy, recent files. The start screen is
  // shown only when all of it is known: a recovery offer appearing later would push the buttons
  // down under the user's pointer (a click meant for «Báo cáo mới» landed on the offer's text).
  const [started, setStarted] = useState(false);
  useEffect(() => {
    (async () => {
      try {
        setRecent(await api.recentFiles());
        setTemplates(await api.listTemplates());
        const rec = await api.takeRecovery();
        if (rec) setRecovery(rec);
        const file = await api.startupFile();
        if (file) {
          const opened = await api.openReport(file);
          dispatch({ type: "load", report: opened.report, path: opened.path, saved: true });
        } else if (await api.startupSample()) {
          const sample = await api.sampleReport();
          setShownSample(sample);
          dispatch({ type: "load", report: sample, path: null, saved: true });
        }
      } catch (e) {
        setNotice({ text: errorText(e), kind: "error" });
      } finally {
        setStarted(true);
      }
    })();
  }, [dispatch, setNotice]);

  /** Opens the recovery copy (as unsaved changes) and drops the offer. */
  const restoreRecovery = () => {
    if (!recovery) return;
    dispatch({ type: "load", report: recovery.report, path: recovery.path, saved: false });
    setRecovery(null);
  };
  /** Deletes the recovery copy and drops the offer. */
  const dismissRecovery = () => {
    api.clearRecovery();
    setRecovery(null);
  };
  /** Reads the list of templates again (after the manager or «Lưu làm mẫu»). */
  const reloadTemplates = () => {
    api.listTemplates().then(setTemplates).catch(() => {});
  };

  return { started, recent, setRecent, templates, reloadTemplates, recovery, restoreRecovery, dismissRecovery, shownSample, setShownSample };
}
