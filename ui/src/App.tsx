// Soạn Báo Cáo: start screen, then the editor (outline | forms | live preview).
// The window's behaviour lives in the hooks of ./app (file operations, export, close request,
// shortcuts, preview session…); this component wires them to the screens of ./components.
import { useState } from "react";
import { api } from "./api";
import { SaveAsTemplate, TemplateManager, Wizard } from "./components/Templates";
import { Ask } from "./components/Ask";
import { NextPeriodDialog } from "./components/NextPeriod";
import { Outline } from "./components/Outline";
import { FindBar } from "./components/FindBar";
import { ImportReview } from "./components/ImportReview";
import { CollectProgress, CompileReview } from "./components/Collect";
import { LivePreview } from "./components/Preview";
import { NoticeBar, type Notice } from "./components/NoticeBar";
import { StartLoading, StartScreen } from "./components/StartScreen";
import { Toolbar } from "./components/Toolbar";
import { PartForm } from "./components/PartForm";
import { ProblemsPanel } from "./components/ProblemsPanel";
import { anchorOf, parsePath, type Path } from "./model/tree";
import { canRedo, canUndo } from "./state/history";
import { FindingsContext } from "./state/findings";
import { ViewContext } from "./state/view";
import { useDocument } from "./app/useDocument";
import { useQuestions } from "./app/useQuestions";
import { useStartScreen } from "./app/useStartScreen";
import { useAutosave } from "./app/useAutosave";
import { useWindowTitle } from "./app/useWindowTitle";
import { useFileOperations } from "./app/useFileOperations";
import { useCloseRequest } from "./app/useCloseRequest";
import { useExport } from "./app/useExport";
import { useUnitCompilation } from "./app/useUnitCompilation";
import { usePreviewSession } from "./app/usePreviewSession";
import { useLegacyPaste } from "./app/useLegacyPaste";
import { useShortcuts } from "./app/useShortcuts";
import { revealField } from "./app/revealField";

/** The app's window: the start screen, the reviews (Word import, units' compile), or the editor. */
export default function App() {
  const [selected, setSelected] = useState<Path>(["header"]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [wizard, setWizard] = useState<string | null>(null);
  const [managing, setManaging] = useState(false);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [finding, setFinding] = useState<"find" | "replace" | null>(null);

  // The hooks' effects run in this order (as they did when all of this was one component).
  const { doc, report, isDirty, docRef, dirtyRef, dispatch, edit, ops } = useDocument(setNotice);
  const { asking, ask, answer, askGoOn, rolling, askRoll, rollAnswer } = useQuestions();
  const start = useStartScreen(dispatch, setNotice);
  const { setRecent, setShownSample } = start;
  // The sample is shown while it is the open report, not saved to a file of the user's.
  const viewingSample = !!doc && doc.path === null && start.shownSample !== null && doc.saved === start.shownSample;
  useAutosave(docRef, dirtyRef, report, isDirty);
  useWindowTitle(doc?.path, isDirty, report);
  const files = useFileOperations({ docRef, dirtyRef, dispatch, setNotice, setSelected, setRecent, setShownSample, ask, askRoll });
  const { saveAs, openFile, nextPeriod } = files;
  useCloseRequest(files.guardUnsaved);
  const preview = usePreviewSession(report, edit, ops, setNotice);
  const exportAs = useExport({ doc, problems: preview.problems, askGoOn, setNotice });
  const units = useUnitCompilation(report, edit, setNotice);
  useLegacyPaste(setNotice);
  useShortcuts({ saveAs, openFile, edit, docRef, setNotice, setFinding });

  // A problem's place: open its outline entry, then focus the field (the deepest one on screen
  // whose path starts with the problem's).
  // `range`: a found text's place in the field (selected when focused, outlined otherwise).
  const goToField = (select: Path, path: Path, range?: [number, number], focus = true) => {
    setSelected(select);
    revealField(path, range, focus);
  };

  if (units.compiling && doc) {
    const c = units.compiling;
    return <CompileReview compiled={c.compiled} excluded={c.excluded} picks={c.picks} {...units.reviewActions(c)} />;
  }
  if (files.importing) {
    return <ImportReview data={files.importing} onCancel={files.cancelImport} onAccept={files.acceptImport} />;
  }
  if ((!doc || !report) && managing) {
    return (
      <TemplateManager
        onClose={() => {
          setManaging(false);
          start.reloadTemplates();
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
  if ((!doc || !report) && !start.started) return <StartLoading />;
  if (!doc || !report) {
    return (
      <StartScreen
        recovery={start.recovery}
        onRestore={start.restoreRecovery}
        onDismissRecovery={start.dismissRecovery}
        onOpen={openFile}
        onNextFromFile={() => nextPeriod(null)}
        onImportWord={files.importWord}
        templates={start.templates}
        onUseTemplate={setWizard}
        onViewSample={files.viewSample}
        onManageTemplates={() => setManaging(true)}
        recent={start.recent}
      >
        {notice && <NoticeBar notice={notice} onClose={() => setNotice(null)} />}
        {rolling && <NextPeriodDialog report={rolling.report} onDone={rollAnswer} />}
      </StartScreen>
    );
  }

  return (
    <div className="app">
      <Toolbar
        canUndo={canUndo(doc.history)}
        canRedo={canRedo(doc.history)}
        status={isDirty ? "Chưa lưu" : doc.path ? "Đã lưu" : ""}
        onHome={files.goHome}
        onOpen={openFile}
        onSave={() => void saveAs(false)}
        onSaveAs={() => void saveAs(true)}
        onUndo={() => edit({ type: "undo" })}
        onRedo={() => edit({ type: "redo" })}
        onFind={() => setFinding("replace")}
        onNextPeriod={() => nextPeriod(doc.history.present)}
        onSaveTemplate={() => setSavingTemplate(true)}
        onExport={exportAs}
      />
      {finding && (
        <FindBar
          report={report}
          items={preview.view.items}
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
      {units.reading && <CollectProgress done={units.reading.done} total={units.reading.total} file={units.reading.file} onCancel={() => void api.cancelUnitFiles()} />}
      {asking && <Ask question={asking.question} onAnswer={answer} />}
      {rolling && <NextPeriodDialog report={rolling.report} onDone={rollAnswer} />}
      {savingTemplate && (
        <SaveAsTemplate
          report={report}
          onDone={(text, error) => {
            setSavingTemplate(false);
            if (text) setNotice({ text, kind: error ? "error" : "info" });
            start.reloadTemplates();
          }}
        />
      )}
      <FindingsContext.Provider value={preview.findingsByPath}>
        <ViewContext.Provider value={preview.view}>
          <div className="columns">
            <Outline report={report} items={preview.view.items} selected={selected} onSelect={setSelected} ops={ops} />
            <main
              className="editor"
              onFocus={(e) => {
                const path = (e.target as HTMLElement).closest<HTMLElement>("[data-path]")?.dataset.path;
                if (path) preview.focused.set({ part: anchorOf(selected), anchor: anchorOf(parsePath(path)) });
              }}
            >
              {viewingSample && (
                <div className="notice info" role="note" id="sample-banner">
                  Đây là báo cáo mẫu của huyện hư cấu Tân Lập Giang (2019), để xem cách trình bày. Báo cáo của bạn: «Trang đầu» rồi chọn một mẫu.
                </div>
              )}
              <PartForm
                report={report}
                selected={selected}
                ops={ops}
                onReceive={(paths) => void units.receiveUnitFiles(paths)}
                onNotice={(text, error) => setNotice({ text, kind: error ? "error" : "info" })}
              />
              {preview.problems.length > 0 && (
                <ProblemsPanel items={preview.view.items} problems={preview.problems} onGo={goToField} onFix={preview.applyFinding} onAddWord={(word) => void preview.addWord(word)} />
              )}
            </main>
            <LivePreview
              report={report}
              anchor={anchorOf(selected)}
              focused={preview.focused}
              fetch={api.preview}
              onError={preview.showError}
              onProblems={preview.setProblems}
              onOutline={preview.setOutline}
              refresh={preview.dictionaryVersion}
            />
          </div>
        </ViewContext.Provider>
      </FindingsContext.Provider>
    </div>
  );
}
