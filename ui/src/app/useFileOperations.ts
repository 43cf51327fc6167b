// Opening, saving and replacing the open report: open (a report, or a Word file through the import
// review), save / save as, «Báo cáo kỳ sau», the sample, going home. Whatever replaces or closes a
// report with unsaved changes asks first (guardUnsaved), after writing a recovery copy.
import { useCallback, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { api, chooseReportToOpen, chooseSavePath, chooseWordToImport, confirm, errorText, type Report, type RollOptions, type WordImport } from "../api";
import type { Question } from "../components/Ask";
import { formatViDate } from "../model/vi";
import type { Path } from "../model/tree";
import type { DocState } from "../state/doc";
import { suggestedName } from "./suggestedName";
import type { DocDispatch, SetNotice } from "./useDocument";

interface FileOperationsDeps {
  docRef: RefObject<DocState | null>;
  dirtyRef: RefObject<boolean>;
  dispatch: DocDispatch;
  setNotice: SetNotice;
  setSelected: (path: Path) => void;
  setRecent: Dispatch<SetStateAction<string[]>>;
  setShownSample: (sample: Report) => void;
  ask: (question: Question) => Promise<string>;
  askRoll: (report: Report) => Promise<RollOptions | null>;
}

/** The file operations on the open report, and the Word import waiting in its review. */
export function useFileOperations({ docRef, dirtyRef, dispatch, setNotice, setSelected, setRecent, setShownSample, ask, askRoll }: FileOperationsDeps) {
  const [importing, setImporting] = useState<WordImport | null>(null);

  /** Saves the open report (asking where when it has no file yet); true when it was saved. */
  const saveAs = useCallback(
    async (forceDialog: boolean): Promise<boolean> => {
      const doc = docRef.current;
      if (!doc) return false;
      try {
        const target = !forceDialog && doc.path ? doc.path : await chooseSavePath(suggestedName(doc.history.present));
        if (!target) return false;
        const path = await api.saveReport(target, doc.history.present);
        dispatch({ type: "saved", path });
        await api.clearRecovery();
        setRecent(await api.recentFiles());
        setNotice({ text: `Đã lưu «${path}».`, kind: "info" });
        return true;
      } catch (e) {
        setNotice({ text: errorText(e), kind: "error" });
        return false;
      }
    },
    [docRef, dispatch, setRecent, setNotice],
  );

  /** Before the open report is closed or replaced: with unsaved changes, writes a recovery copy
   * at once and asks «Lưu / Không lưu / Hủy». True when the caller may go on. */
  const guardUnsaved = useCallback(
    async (closing: string): Promise<boolean> => {
      const doc = docRef.current;
      if (!doc || !dirtyRef.current) return true;
      await api.writeRecovery(doc.history.present, doc.path).catch(() => {});
      void api.traceClose(`recovery copy written; asking (${closing})`);
      const what = doc.path
        ? `Báo cáo «${doc.path.split("/").pop()}» có thay đổi chưa lưu.`
        : "Báo cáo này chưa được lưu vào tệp nào.";
      const choice = await ask({
        text: `${what} Lưu trước khi ${closing}?`,
        choices: [
          { value: "save", label: "Lưu", id: "ask-save" },
          { value: "discard", label: "Không lưu", id: "ask-discard" },
          { value: "cancel", label: "Hủy", id: "ask-cancel" },
        ],
        primary: "save",
        cancel: "cancel",
      });
      if (choice === "save") return saveAs(false);
      if (choice === "discard") {
        await api.clearRecovery().catch(() => {});
        return true;
      }
      return false;
    },
    [docRef, dirtyRef, ask, saveAs],
  );

  /** Reads a Word file into the import review; errors propagate to the caller's notice. */
  const readWord = useCallback(
    async (path: string) => {
      setNotice({ text: "Đang đọc tệp Word…", kind: "info" });
      const got = await api.importWord(path);
      setNotice(null);
      setImporting(got);
    },
    [setNotice],
  );

  /** Opens the report at `given`, or one chosen in a dialog (a Word file goes to the import review). */
  const openFile = useCallback(
    async (given?: string) => {
      try {
        if (!(await guardUnsaved("mở tệp khác"))) return;
        const path = given ?? (await chooseReportToOpen());
        if (!path) return;
        if (/\.docx?$/i.test(path)) {
          // A Word file picked in «Mở…» goes through the importer's review, not the report loader.
          await readWord(path);
          return;
        }
        const opened = await api.openReport(path);
        dispatch({ type: "load", report: opened.report, path: opened.path, saved: true });
        setSelected(["header"]);
        setNotice(null);
        setRecent(await api.recentFiles());
      } catch (e) {
        // The report on screen stays as it was.
        setNotice({ text: errorText(e), kind: "error" });
      }
    },
    [guardUnsaved, readWord, dispatch, setSelected, setNotice, setRecent],
  );

  /** «Báo cáo kỳ sau»: from the open report (`from`) or a file chosen, asks the new period, opens the result unsaved. */
  const nextPeriod = useCallback(
    async (from: Report | null, fromPath?: string) => {
      try {
        let base = from;
        if (!base) {
          const path = fromPath ?? (await chooseReportToOpen());
          if (!path) return;
          base = (await api.openReport(path)).report;
        } else if (dirtyRef.current) {
          if (!(await guardUnsaved("tạo báo cáo kỳ sau"))) return;
        } else if (!(await confirm("Tạo báo cáo kỳ sau từ báo cáo này? Báo cáo đang mở vẫn giữ nguyên trong tệp của nó."))) {
          return;
        }
        const options = await askRoll(base);
        if (!options) return;
        const { report: next, notices } = await api.nextPeriod(base, options);
        dispatch({ type: "load", report: next, path: null, saved: false });
        setSelected(["header"]);
        setNotice({
          text: [
            `Đã tạo báo cáo kỳ sau (ngày ${formatViDate(next.header.date)}). Số văn bản đã xóa; các số liệu cần cập nhật được liệt kê dưới biểu mẫu.`,
            ...notices,
          ].join(" "),
          kind: "info",
        });
      } catch (e) {
        setNotice({ text: errorText(e), kind: "error" });
      }
    },
    [dirtyRef, guardUnsaved, askRoll, dispatch, setSelected, setNotice],
  );

  /** «Nhập từ Word…»: a Word file chosen goes to the import review. */
  const importWord = useCallback(async () => {
    try {
      if (!(await guardUnsaved("nhập tệp Word"))) return;
      const path = await chooseWordToImport();
      if (!path) return;
      await readWord(path);
    } catch (e) {
      // The report on screen stays as it was.
      setNotice({ text: errorText(e), kind: "error" });
    }
  }, [guardUnsaved, readWord, setNotice]);

  /** Opens the Word import under review as a new unsaved report. */
  const acceptImport = () => {
    if (!importing) return;
    dispatch({ type: "load", report: importing.report, path: null, saved: false });
    setSelected(["header"]);
    setImporting(null);
    setNotice({
      text: `Đã nhập «${importing.file}». Báo cáo chưa được lưu: hãy kiểm tra rồi bấm «Lưu».`,
      kind: "info",
    });
  };
  /** Drops the Word import under review. */
  const cancelImport = () => setImporting(null);

  // The built-in sample, shown to look at: loaded as saved (untouched, it never asks to be saved)
  // and marked by a banner while it is on screen and not saved to a file of the user's.
  const viewSample = useCallback(async () => {
    if (!(await guardUnsaved("xem báo cáo mẫu"))) return;
    const sample = await api.sampleReport();
    setShownSample(sample);
    dispatch({ type: "load", report: sample, path: null, saved: true });
    setSelected(["header"]);
  }, [guardUnsaved, setShownSample, dispatch, setSelected]);

  /** Closes the report (asking first when it has unsaved changes): back to the start screen. */
  const goHome = useCallback(async () => {
    if (await guardUnsaved("về trang đầu")) {
      // Notices about the report (saved, exported) do not follow the user to the start screen.
      setNotice(null);
      dispatch({ type: "close" });
    }
  }, [guardUnsaved, setNotice, dispatch]);

  return { saveAs, guardUnsaved, openFile, nextPeriod, importWord, importing, acceptImport, cancelImport, viewSample, goHome };
}
