// Soạn Báo Cáo: start screen, then the editor (outline | forms | live preview).
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import {
  api,
  chooseExportPath,
  chooseReportToOpen,
  chooseSavePath,
  chooseWordToImport,
  confirm,
  errorText,
  onCloseAsked,
  onCompileProgress,
  revealInFolder,
  setTitle,
  type ExportFormat,
  type Recovered,
  type Report,
  type RollOptions,
  type TemplateInfo,
  type WordImport,
  type Compiled,
  type CompileProgress as Progress,
  type Submission,
} from "./api";
import { SaveAsTemplate, TemplateList, TemplateManager, Wizard } from "./components/Templates";
import { ClosingForm, HeaderForm, NodeForm } from "./components/Forms";
import { Ask, type Question } from "./components/Ask";
import { NextPeriodDialog } from "./components/NextPeriod";
import { Outline } from "./components/Outline";
import { FindBar } from "./components/FindBar";
import { ImportReview } from "./components/ImportReview";
import { CollectPanel, CollectProgress, CompileReview, pickKey } from "./components/Collect";
import { toggleMark } from "./components/marks";
import { LivePreview } from "./components/Preview";
import type { Finding } from "./bindings/types";
import { UNFINISHED_CODES } from "./bindings/types";
import type { Ops } from "./components/ops";
import { anchorOf, describeProblem, getIn, outline, parsePath, type Path } from "./model/tree";
import { dirty, initial, reducer, type DocAction, type DocState } from "./state/doc";
import { maxWait } from "./state/autosave";
import { focusStore } from "./state/focus";
import { formatViDate } from "./model/vi";
import { canRedo, canUndo } from "./state/history";
import { applyFix, byPath, FindingsContext } from "./state/findings";

/** The recovery copy is written at most this long after the first change not yet in it, however
 * steadily the user types (a maximum wait, not a pause detector): a crash loses at most this much. */
const AUTOSAVE_MS = 20_000;

/** The name of each level of finding, as the panel shows it. */
const LEVEL_LABEL: Record<Finding["level"], string> = { blocking: "Lỗi", warning: "Cảnh báo", suggestion: "Gợi ý" };


function suggestedName(r: Report): string {
  const base = `bao-cao-${r.header.type_code}-${r.header.date}`;
  return base.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9_-]+/g, "-");
}

interface Notice {
  text: string;
  kind: "info" | "error";
  path?: string;
}

export default function App() {
  const [doc, dispatch] = useReducer((s: DocState | null, a: DocAction | { type: "close" }) => {
    if (a.type === "close") return null;
    if (a.type === "load") return initial(a.report, a.path, a.saved);
    return s ? reducer(s, a) : s;
  }, null);
  const [selected, setSelected] = useState<Path>(["header"]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [recovery, setRecovery] = useState<Recovered | null>(null);
  const [asking, setAsking] = useState<{ question: Question; resolve: (v: string) => void } | null>(null);
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [wizard, setWizard] = useState<string | null>(null);
  // «Báo cáo kỳ sau» asking the new period and kind: the report it starts from, and the answer.
  const [rolling, setRolling] = useState<{ report: Report; resolve: (o: RollOptions | null) => void } | null>(null);
  const askRoll = useCallback((report: Report) => new Promise<RollOptions | null>((resolve) => setRolling({ report, resolve })), []);
  const rollAnswer = useCallback(
    (o: RollOptions | null) => {
      rolling?.resolve(o);
      setRolling(null);
    },
    [rolling],
  );
  const [managing, setManaging] = useState(false);
  const [importing, setImporting] = useState<WordImport | null>(null);
  // Compiling from the units: progress while reading their files, then the review.
  const [reading, setReading] = useState<Progress | null>(null);
  const [compiling, setCompiling] = useState<{ subs: Submission[]; compiled: Compiled; excluded: string[]; picks: string[] } | null>(null);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [finding, setFinding] = useState<"find" | "replace" | null>(null);
  // The field being edited (of the part shown): the preview shows the page where it starts.
  const focused = useMemo(() => focusStore(), []);
  const report = doc?.history.present ?? null;
  // The sample last loaded to look at; the banner shows while it is the open report, not saved
  // to a file of the user's.
  const [shownSample, setShownSample] = useState<Report | null>(null);
  const viewingSample = !!doc && doc.path === null && shownSample !== null && doc.saved === shownSample;
  // The live preview (its own component: pages arriving do not re-render the editor) and the
  // problems it found.
  const showError = useCallback((e: unknown) => setNotice({ text: errorText(e), kind: "error" }), []);
  const [problems, setProblems] = useState<Finding[]>([]);
  // Findings by field, for the underlines; rebuilt only when the findings change.
  const findingsByPath = useMemo(() => byPath(problems, (p) => parsePath(p).join(".")), [problems]);
  // Bumped when a word goes into the dictionary: the checks run again on the same report.
  const [dictionaryVersion, setDictionaryVersion] = useState(0);
  const isDirty = doc ? dirty(doc) : false;
  const dirtyRef = useRef(isDirty);
  const docRef = useRef(doc);
  useEffect(() => {
    dirtyRef.current = isDirty;
    docRef.current = doc;
  }, [isDirty, doc]);

  /** Asks a question in the window; resolves with the chosen value. A question still open is
   * answered with its cancel choice first, so no caller is left waiting. */
  const ask = useCallback(
    (question: Question) =>
      new Promise<string>((resolve) =>
        setAsking((prev) => {
          prev?.resolve(prev.question.cancel);
          return { question, resolve };
        }),
      ),
    [],
  );
  const answer = useCallback((value: string) => {
    void api.traceClose(`answer «${value}»`);
    // From the state itself, never from a closure of an earlier render.
    setAsking((prev) => {
      prev?.resolve(value);
      return null;
    });
  }, []);

  // The close trace (BAOCAO_TRACE_CLOSE) records when a question is on screen and when it goes.
  useEffect(() => {
    void api.traceClose(asking ? "question on screen" : "no question on screen");
  }, [asking]);

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
  }, []);

  // An edit (or undo, redo) makes «Đã lưu», «Đã xuất» and similar notices out of date: they go.
  const edit = useCallback((a: DocAction) => {
    setNotice((n) => (n && n.kind === "info" ? null : n));
    dispatch(a);
  }, []);
  const ops: Ops = useMemo(
    () => ({
      set: (path, value) => edit({ type: "set", path, value }),
      insert: (parent, value, index) => edit({ type: "insert", parent, value, index }),
      remove: (path) => edit({ type: "remove", path }),
      move: (path, to) => edit({ type: "move", path, to }),
    }),
    [edit],
  );

  // Autosave to the recovery file: once there are changes not in the copy, a copy is due within
  // AUTOSAVE_MS, whatever happens meanwhile (typing does not push it back).
  const autosave = useRef<ReturnType<typeof maxWait> | null>(null);
  useEffect(() => {
    const timer = maxWait(() => {
      const d = docRef.current;
      if (d && dirtyRef.current) api.writeRecovery(d.history.present, d.path).catch(() => {});
    }, AUTOSAVE_MS);
    autosave.current = timer;
    return () => timer.cancel();
  }, []);
  useEffect(() => {
    if (isDirty) autosave.current?.touch();
    else autosave.current?.cancel();
  }, [report, isDirty]);

  // Title and the close guard.
  useEffect(() => {
    const name = doc?.path ? doc.path.split("/").pop() : report ? "Báo cáo chưa lưu" : "";
    setTitle(`${isDirty ? "• " : ""}${name ? `${name} — ` : ""}Soạn Báo Cáo`).catch(() => {});
  }, [doc?.path, isDirty, report]);

  /** Saves the open report (asking where when it has no file yet); true when it was saved. */
  const saveAs = useCallback(async (forceDialog: boolean): Promise<boolean> => {
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
  }, []);

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
    [ask, saveAs],
  );

  // The window manager's close request (the shell kept the window open once this listener was
  // registered): with unsaved changes, ask first; otherwise close at once. Registered once: re-registering on every edit (the guard changes with the report) left
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

  // A question with one way on and «Hủy» (the default: Enter and Esc both cancel).
  const askGoOn = useCallback(
    async (text: string, label: string, id: string) =>
      (await ask({
        text,
        choices: [
          { value: "go", label, id },
          { value: "cancel", label: "Hủy", id: "ask-cancel" },
        ],
        primary: "cancel",
        cancel: "cancel",
      })) === "go",
    [ask],
  );

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      if (!doc) return;
      try {
        // Blocking findings are named before exporting; the user may still export.
        const blockingNow = problems.filter((p) => p.level === "blocking");
        if (blockingNow.length > 0) {
          const items = outline(doc.history.present);
          const lines = blockingNow.slice(0, 6).map((p) => `• ${p.path ? describeProblem(doc.history.present, p.path, items).where : "báo cáo"}: ${p.message}`);
          const more = blockingNow.length > 6 ? `\n… và ${blockingNow.length - 6} lỗi khác (xem «Kiểm tra trước khi xuất» dưới biểu mẫu).` : "";
          const text = `Báo cáo còn ${blockingNow.length} lỗi mà cơ quan nhận có thể trả lại:\n${lines.join("\n")}${more}\nVẫn xuất?`;
          if (!(await askGoOn(text, "Vẫn xuất", "ask-export-anyway"))) return;
        }
        // Blanks «…» left from a template and figures to update are listed before exporting.
        // By code, never by the message's words (issue 26: a capitalised message once hid them all).
        const unfinished = problems.filter((p) => p.level !== "blocking" && (UNFINISHED_CODES as readonly string[]).includes(p.rule));
        if (unfinished.length > 0) {
          const items = outline(doc.history.present);
          const places = unfinished.slice(0, 6).map((p) => `• ${p.path ? describeProblem(doc.history.present, p.path, items).where : "báo cáo"}`);
          const more = unfinished.length > 6 ? `\n… và ${unfinished.length - 6} chỗ khác (xem «Cần xem lại» dưới biểu mẫu).` : "";
          const text = `Báo cáo còn ${unfinished.length} chỗ chưa điền hoặc số liệu cần cập nhật:\n${places.join("\n")}${more}\nVẫn xuất?`;
          if (!(await askGoOn(text, "Vẫn xuất", "ask-export-anyway"))) return;
        }
        const target = await chooseExportPath(suggestedName(doc.history.present), format);
        if (!target) return;
        let out = await api.exportDocument(target, doc.history.present, format, doc.path);
        if (out.kind === "readOnly") {
          if (!(await askGoOn(`Tệp «${out.path}» đã có và chỉ cho phép đọc. Thay thế tệp đó?`, "Thay thế", "ask-replace"))) return;
          out = await api.exportDocument(target, doc.history.present, format, doc.path, true);
        }
        setNotice({ text: `Đã xuất «${out.path}».`, kind: "info", path: out.path });
      } catch (e) {
        setNotice({ text: errorText(e), kind: "error" });
      }
    },
    [doc, askGoOn, problems],
  );

  /** Reads a Word file into the import review; errors propagate to the caller's notice. */
  const readWord = useCallback(async (path: string) => {
    setNotice({ text: "Đang đọc tệp Word…", kind: "info" });
    const got = await api.importWord(path);
    setNotice(null);
    setImporting(got);
  }, []);

  const openFile = useCallback(async (given?: string) => {
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
  }, [guardUnsaved, readWord]);

  const nextPeriod = useCallback(async (from: Report | null, fromPath?: string) => {
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
  }, [guardUnsaved, askRoll]);

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
  }, [guardUnsaved, readWord]);

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
    [report],
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
    [report, compiling],
  );

  // A paste of TCVN3/VNI text into any field comes in converted (one undo step), and says so.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (!target || !(target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement)) return;
      const text = e.clipboardData?.getData("text/plain") ?? "";
      // Legacy codes are Latin-1 characters; anything else is pasted as it is.
      if (!/[¡-ÿ]/.test(text)) return;
      e.preventDefault();
      void api
        .convertLegacy(text)
        .catch(() => null)
        .then((conv) => {
          target.focus();
          document.execCommand("insertText", false, conv ? conv.text : text);
          if (conv) setNotice({ text: `Văn bản dán vào được chuyển từ bảng mã ${conv.from} sang Unicode (Ctrl+Z để hoàn tác).`, kind: "info" });
        });
    };
    document.addEventListener("paste", onPaste, true);
    return () => document.removeEventListener("paste", onPaste, true);
  }, []);

  // The built-in sample, shown to look at: loaded as saved (untouched, it never asks to be saved)
  // and marked by a banner while it is on screen and not saved to a file of the user's.
  const viewSample = useCallback(async () => {
    if (!(await guardUnsaved("xem báo cáo mẫu"))) return;
    const sample = await api.sampleReport();
    setShownSample(sample);
    dispatch({ type: "load", report: sample, path: null, saved: true });
    setSelected(["header"]);
  }, [guardUnsaved]);

  const goHome = useCallback(async () => {
    if (await guardUnsaved("về trang đầu")) {
      // Notices about the report (saved, exported) do not follow the user to the start screen.
      setNotice(null);
      dispatch({ type: "close" });
    }
  }, [guardUnsaved]);

  // Keyboard: Ctrl+S, Ctrl+Shift+S, Ctrl+Z, Ctrl+Y / Ctrl+Shift+Z, Ctrl+O.
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
  }, [saveAs, openFile, edit]);

  // A problem's place: open its outline entry, then focus the field (the deepest one on screen
  // whose path starts with the problem's).
  // `range`: a found text's place in the field (selected when focused, outlined otherwise).
  /** Applies a finding's fix through the editor (one undo step); a stale finding is refused. */
  const applyFinding = (p: Finding) => {
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

  const goToField = (select: Path, path: Path, range?: [number, number], focus = true) => {
    setSelected(select);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const fields = [...document.querySelectorAll<HTMLElement>("main.editor [data-path]")];
        for (const f of document.querySelectorAll(".found-field")) f.classList.remove("found-field");
        for (let n = path.length; n > 0; n--) {
          const key = path.slice(0, n).join(".");
          const el = fields.find((f) => f.dataset.path === key) ?? fields.find((f) => f.dataset.path?.startsWith(`${key}.`));
          if (el) {
            el.scrollIntoView({ block: "center" });
            if (!focus) {
              el.classList.add("found-field");
              return;
            }
            el.focus();
            if (range && n === path.length && (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) el.setSelectionRange(range[0], range[1]);
            return;
          }
        }
      }),
    );
  };

  if (compiling && doc) {
    const c = compiling;
    const toggle = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
    return (
      <CompileReview
        compiled={c.compiled}
        excluded={c.excluded}
        picks={c.picks}
        onToggleFile={(f) => void recompile(toggle(c.excluded, f), c.picks)}
        onTogglePick={(k) => void recompile(c.excluded, toggle(c.picks, k))}
        onCancel={() => {
          setCompiling(null);
          setNotice({ text: "Đã hủy tổng hợp; báo cáo giữ nguyên.", kind: "info" });
        }}
        onAccept={() => {
          edit({ type: "replace", report: c.compiled.report });
          setCompiling(null);
          setNotice({
            text: `Đã tổng hợp: ${c.compiled.review.rate}; ${c.compiled.review.figures} số liệu, ${c.picks.length} ý được đưa vào (Ctrl+Z để hoàn tác).`,
            kind: "info",
          });
        }}
      />
    );
  }
  if (importing) {
    return (
      <ImportReview
        data={importing}
        onCancel={() => setImporting(null)}
        onAccept={() => {
          dispatch({ type: "load", report: importing.report, path: null, saved: false });
          setSelected(["header"]);
          setImporting(null);
          setNotice({
            text: `Đã nhập «${importing.file}». Báo cáo chưa được lưu: hãy kiểm tra rồi bấm «Lưu».`,
            kind: "info",
          });
        }}
      />
    );
  }
  if ((!doc || !report) && managing) {
    return (
      <TemplateManager
        onClose={() => {
          setManaging(false);
          api.listTemplates().then(setTemplates).catch(() => {});
        }}
      />
    );
  }
  if ((!doc || !report) && wizard) {
    return (
      <div className="start">
        <Wizard
          id={wizard}
          onCancel={() => setWizard(null)}
          onCreated={(r) => {
            setWizard(null);
            dispatch({ type: "load", report: r, path: null, saved: false });
            setSelected(["header"]);
          }}
        />
      </div>
    );
  }
  if ((!doc || !report) && !started) {
    return (
      <div className="start" aria-busy="true">
        <h1>Soạn Báo Cáo</h1>
        <p className="lead">Đang mở…</p>
      </div>
    );
  }
  if (!doc || !report) {
    return (
      <div className="start">
        <h1>Soạn Báo Cáo</h1>
        <p className="lead">Soạn báo cáo sơ kết, tổng kết đúng thể thức văn bản của Đảng và Nhà nước.</p>
        {recovery && (
          <div className="recovery" role="alert">
            Lần trước chương trình đóng khi còn thay đổi chưa lưu.
            <button
              type="button"
              id="restore"
              onClick={() => {
                dispatch({ type: "load", report: recovery.report, path: recovery.path, saved: false });
                setRecovery(null);
              }}
            >
              Khôi phục bản lưu tạm
            </button>
            <button type="button" onClick={() => (api.clearRecovery(), setRecovery(null))}>
              Bỏ qua
            </button>
          </div>
        )}
        <div className="start-actions">
          <button type="button" id="open-file" onClick={() => openFile()}>
            Mở tệp báo cáo…
          </button>
          <button type="button" id="next-from-file" onClick={() => nextPeriod(null)}>
            Báo cáo kỳ sau từ báo cáo này…
          </button>
          <button type="button" id="import-word" onClick={importWord} title="Báo cáo năm trước gõ trong Word (.docx, .doc), kể cả phông .VnTime, VNI">
            Nhập từ Word…
          </button>
        </div>
        <TemplateList templates={templates} onUse={setWizard} />
        <button type="button" id="new-sample" onClick={viewSample} title="Báo cáo của một huyện hư cấu (Tân Lập Giang, 2019), đủ mọi loại nội dung">
          Xem báo cáo mẫu
        </button>
        <button type="button" className="link" id="manage-templates" onClick={() => setManaging(true)}>
          Quản lý mẫu…
        </button>
        {recent.length > 0 && (
          <div className="recent">
            <h2>Mở gần đây</h2>
            <ul>
              {recent.map((p) => (
                <li key={p}>
                  <button type="button" className="link" onClick={() => openFile(p)}>
                    {p}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {notice && <NoticeBar notice={notice} onClose={() => setNotice(null)} />}
        {rolling && <NextPeriodDialog report={rolling.report} onDone={rollAnswer} />}
      </div>
    );
  }

  const form =
    selected[0] === "header" ? (
      <HeaderForm report={report} ops={ops} />
    ) : selected[0] === "closing" ? (
      <ClosingForm report={report} ops={ops} />
    ) : selected[0] === "collection" ? (
      <CollectPanel
        report={report}
        ops={ops}
        onReceive={(paths) => void receiveUnitFiles(paths)}
        onNotice={(text, error) => setNotice({ text, kind: error ? "error" : "info" })}
      />
    ) : (
      <NodeForm report={report} path={selected} ops={ops} />
    );
  const blocking = problems.filter((p) => p.level === "blocking");
  // The outline the problems are placed in, made once per render (not once per problem).
  const problemOutline = problems.length > 0 ? outline(report) : [];
  const warnings = problems.filter((p) => p.level === "warning");
  const suggestions = problems.filter((p) => p.level === "suggestion");

  return (
    <div className="app">
      <header className="toolbar">
        <button type="button" id="home" onClick={goHome}>
          Trang đầu
        </button>
        <button type="button" id="open" onClick={() => openFile()}>
          Mở…
        </button>
        <button type="button" id="save" onClick={() => void saveAs(false)} title="Ctrl+S">
          Lưu
        </button>
        <button type="button" onClick={() => void saveAs(true)} title="Ctrl+Shift+S">
          Lưu thành…
        </button>
        <span className="sep" />
        <button type="button" id="undo" disabled={!canUndo(doc.history)} onClick={() => edit({ type: "undo" })} title="Ctrl+Z">
          Hoàn tác
        </button>
        <button type="button" id="redo" disabled={!canRedo(doc.history)} onClick={() => edit({ type: "redo" })} title="Ctrl+Y">
          Làm lại
        </button>
        <button type="button" id="find" onClick={() => setFinding("replace")} title="Tìm và thay trong cả báo cáo (Ctrl+F, Ctrl+H)">
          Tìm…
        </button>
        <span className="sep" />
        <button type="button" id="next-period" onClick={() => nextPeriod(doc.history.present)} title="Lùi ngày và kỳ báo cáo, xóa số văn bản và số liệu cần cập nhật">
          Báo cáo kỳ sau
        </button>
        <button type="button" id="save-template" onClick={() => setSavingTemplate(true)}>
          Lưu làm mẫu…
        </button>
        <span className="sep" />
        <button type="button" id="export-docx" className="primary" onClick={() => exportAs("docx")}>
          Xuất Word
        </button>
        <button type="button" id="export-pdf" className="primary" onClick={() => exportAs("pdf")}>
          Xuất PDF
        </button>
        <span className="status">{isDirty ? "Chưa lưu" : doc.path ? "Đã lưu" : ""}</span>
      </header>
      {finding && (
        <FindBar
          report={report}
          replacing={finding === "replace"}
          onSet={(path, text) => ops.set(path, text)}
          onReplaceAll={(next, count) => {
            edit({ type: "replace", report: next });
            setNotice({ text: `Đã thay ${count} chỗ (Ctrl+Z để hoàn tác cả ${count}).`, kind: "info" });
          }}
          onShow={(select, m, focus) => goToField(select, m.path, [m.start, m.end], focus)}
          onClose={() => setFinding(null)}
        />
      )}
      {notice && <NoticeBar notice={notice} onClose={() => setNotice(null)} />}
      {reading && <CollectProgress done={reading.done} total={reading.total} file={reading.file} onCancel={() => void api.cancelUnitFiles()} />}
      {asking && <Ask question={asking.question} onAnswer={answer} />}
      {rolling && <NextPeriodDialog report={rolling.report} onDone={rollAnswer} />}
      {savingTemplate && (
        <SaveAsTemplate
          report={report}
          onDone={(text, error) => {
            setSavingTemplate(false);
            if (text) setNotice({ text, kind: error ? "error" : "info" });
            api.listTemplates().then(setTemplates).catch(() => {});
          }}
        />
      )}
      <FindingsContext.Provider value={findingsByPath}>
      <div className="columns">
        <Outline report={report} selected={selected} onSelect={setSelected} ops={ops} />
        <main
          className="editor"
          onFocus={(e) => {
            const path = (e.target as HTMLElement).closest<HTMLElement>("[data-path]")?.dataset.path;
            if (path) focused.set({ part: anchorOf(selected), anchor: anchorOf(parsePath(path)) });
          }}
        >
          {viewingSample && (
            <div className="notice info" role="note" id="sample-banner">
              Đây là báo cáo mẫu của huyện hư cấu Tân Lập Giang (2019), để xem cách trình bày. Báo cáo của bạn: «Trang đầu» rồi chọn một mẫu.
            </div>
          )}
          {form}
          {problems.length > 0 && (
            <div className="problems" aria-label="Kiểm tra trước khi xuất">
              <h2>Kiểm tra trước khi xuất</h2>
              <div className="counts">
                {blocking.length} lỗi, {warnings.length} cảnh báo, {suggestions.length} gợi ý
              </div>
              <ul>
                {[...blocking, ...warnings, ...suggestions].map((p, i) => {
                  const place = p.path ? describeProblem(report, p.path, problemOutline) : null;
                  return (
                    <li key={`${p.path}:${p.span?.[0] ?? ""}:${p.rule}:${i}`} className={p.level} data-rule={p.rule}>
                      <button type="button" className="link problem" onClick={() => place && goToField(place.select, place.path, p.span ? [p.span[0], p.span[1]] : undefined)} disabled={!place}>
                        <strong>{LEVEL_LABEL[p.level]}</strong>
                        {place ? ` — ${place.where}` : ""}: {p.message}
                      </button>
                      <span className="fix-actions">
                        {p.fix !== null && (
                          <button type="button" className="fix" title={`Sửa thành «${p.fix}» (Ctrl+Z để hoàn tác)`} onClick={() => applyFinding(p)}>
                            Sửa
                          </button>
                        )}
                        {p.word !== null && (
                          <button type="button" className="add-word" title="Không coi là lỗi nữa, ở mọi báo cáo" onClick={() => void addWord(p.word as string)}>
                            Thêm vào từ điển
                          </button>
                        )}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </main>
        <LivePreview report={report} anchor={anchorOf(selected)} focused={focused} fetch={api.preview} onError={showError} onProblems={setProblems} refresh={dictionaryVersion} />
      </div>
      </FindingsContext.Provider>
    </div>
  );
}

function NoticeBar({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"} id="notice">
      <span>{notice.text}</span>
      {notice.path && (
        <button type="button" onClick={() => revealInFolder(notice.path as string)}>
          Mở thư mục
        </button>
      )}
      <button type="button" aria-label="Đóng thông báo" onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
