// «Tổng hợp từ đơn vị», the App's side: reading the units' files (progress, cancel), then the
// review of the compiled report (files left out, texts picked) before it replaces the report.
import { useCallback, useState } from "react";
import { api, errorText, onCompileProgress, type Compiled, type CompileProgress, type Report, type Submission } from "../api";
import { pickKey } from "../components/Collect";
import type { DocAction } from "../state/doc";
import type { SetNotice } from "./useDocument";

/** The compile under review: the files read, the result, the files left out, the texts picked. */
interface Compiling {
  subs: Submission[];
  compiled: Compiled;
  excluded: string[];
  picks: string[];
}

/** `list` with `x` added, or removed when it is there. */
const toggle = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

/** The units' files being read (`reading`) and the compile under review (`compiling`), with the review's actions. */
export function useUnitCompilation(report: Report | null, edit: (a: DocAction) => void, setNotice: SetNotice) {
  // Compiling from the units: progress while reading their files, then the review.
  const [reading, setReading] = useState<CompileProgress | null>(null);
  const [compiling, setCompiling] = useState<Compiling | null>(null);

  /** Reads the units' files (progress, cancel), then opens the review; nothing enters the report yet. */
  const receiveUnitFiles = useCallback(
    async (paths: string[]) => {
      if (!report) return;
      setReading({ done: 0, total: paths.length, file: "" });
      const stop = await onCompileProgress(setReading);
      try {
        const subs = await api.readUnitFiles(paths);
        if (!subs) {
          setNotice({ text: "Đã hủy nhận tệp; báo cáo giữ nguyên.", kind: "info" });
          return;
        }
        const compiled = await api.compileUnits(report, subs, { excluded: [], picks: [] });
        setCompiling({ subs, compiled, excluded: [], picks: [] });
      } catch (e) {
        setNotice({ text: errorText(e), kind: "error" });
      } finally {
        stop();
        setReading(null);
      }
    },
    [report, setNotice],
  );

  /** Compiles again with the files left out and the texts picked. */
  const recompile = useCallback(
    async (excluded: string[], picks: string[]) => {
      if (!report || !compiling) return;
      try {
        const texts = compiling.compiled.review.texts.filter((t) => picks.includes(pickKey(t)));
        const compiled = await api.compileUnits(report, compiling.subs, { excluded, picks: texts });
        // Picks of a file now left out are dropped with it.
        const still = picks.filter((k) => compiled.review.texts.some((t) => pickKey(t) === k));
        setCompiling({ subs: compiling.subs, compiled, excluded, picks: still });
      } catch (e) {
        setNotice({ text: errorText(e), kind: "error" });
      }
    },
    [report, compiling, setNotice],
  );

  /** The review's actions on the compile `c` shown. */
  const reviewActions = (c: Compiling) => ({
    onToggleFile: (f: string) => void recompile(toggle(c.excluded, f), c.picks),
    onTogglePick: (k: string) => void recompile(c.excluded, toggle(c.picks, k)),
    onCancel: () => {
      setCompiling(null);
      setNotice({ text: "Đã hủy tổng hợp; báo cáo giữ nguyên.", kind: "info" });
    },
    onAccept: () => {
      edit({ type: "replace", report: c.compiled.report });
      setCompiling(null);
      setNotice({
        text: `Đã tổng hợp: ${c.compiled.review.rate}; ${c.compiled.review.figures} số liệu, ${c.picks.length} ý được đưa vào (Ctrl+Z để hoàn tác).`,
        kind: "info",
      });
    },
  });

  return { reading, compiling, receiveUnitFiles, reviewActions };
}
