// The only module that talks to Tauri: commands, native dialogs, the window, the opener.
// Everything else in the UI imports from here.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { ask, open, save } from "@tauri-apps/plugin-dialog";
import { revealItemInDir } from "@tauri-apps/plugin-opener";
import type {
  ExportFormat,
  ExportOutcome,
  NextPeriod,
  RollOptions,
  Opened,
  Preview,
  ProfileChoices,
  Recovered,
  Report,
  TemplateInfo,
  Wizard,
  WizardState,
  WordImport,
  Converted,
  Choices,
  Compiled,
  CompileProgress,
  FormTable,
  Submission,
  Unit,
} from "../bindings/types";

export type { Choices, Compiled, CompileProgress, FormTable, Submission, Unit };
export type { Converted, ExportFormat, ExportOutcome, Opened, Preview, ProfileChoices, Recovered, Report, RollOptions, TemplateInfo, Wizard, WizardState, WordImport };

/** Extension of report documents. */
export const EXTENSION = "baocao";

const isTauri = (): boolean => typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;

/** An error from the backend, always a Vietnamese message. */
export class ApiError extends Error {}

/** The message of an error as the user sees it (the backend's are already in Vietnamese). */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function call<T>(cmd: string, args?: Record<string, unknown> | Uint8Array, headers?: Record<string, string>): Promise<T> {
  try {
    return await invoke<T>(cmd, args, headers ? { headers } : undefined);
  } catch (e) {
    throw new ApiError(typeof e === "string" ? e : String(e));
  }
}

export const api = {
  sampleReport: () => call<Report>("sample_report"),
  startupFile: () => call<string | null>("startup_file"),
  startupSample: () => call<boolean>("startup_sample"),
  openReport: (path: string) => call<Opened>("open_report", { path }),
  /** A report path's place in words, as the checks name places («I. … › Đoạn văn (khối 2) › nội dung»). */
  placeWords: (report: Report, path: string) => call<string>("place_words", { report, path }),
  /** Reads a Word file (.docx, or .doc through LibreOffice) into a new report with what was recognised. */
  importWord: (path: string) => call<WordImport>("import_word", { path }),
  /** Pasted text converted from TCVN3/VNI, or null when it is ordinary text. */
  convertLegacy: (text: string) => call<Converted | null>("convert_legacy", { text }),
  /** The tables the units' forms ask for. */
  formTables: (report: Report) => call<FormTable[]>("form_tables", { report }),
  unitsFromText: (text: string) => call<Unit[]>("units_from_text", { text }),
  unitsFromFile: (path: string) => call<Unit[]>("units_from_file", { path }),
  /** A form per listed unit and a blank one, into `folder`; how many were written. */
  exportForms: (report: Report, folder: string) => call<number>("export_forms", { report, folder }),
  exportForm: (report: Report, path: string, unit: string | null) => call<void>("export_form", { report, path, unit }),
  /** Reads units' files with progress events; null when cancelled. */
  readUnitFiles: (paths: string[]) => call<Submission[] | null>("read_unit_files", { paths }),
  cancelUnitFiles: () => call<void>("cancel_unit_files"),
  compileUnits: (report: Report, submissions: Submission[], choices: Choices) =>
    call<Compiled>("compile_units", { report, submissions, choices }),
  saveReport: (path: string, report: Report) => call<string>("save_report", { path, report }),
  /** The report goes as raw JSON bytes (read by the engine in one pass), the version held as a header. */
  preview: (report: Report, known: number | null) =>
    call<Preview>("preview", new TextEncoder().encode(JSON.stringify(report)), { "x-known": known === null ? "" : String(known) }),
  /** The «Thể thức» choices and the note under them for a profile and an ISO date. */
  profileChoices: (profile: string, date: string) => call<ProfileChoices>("profile_choices", { profile, date }),
  /** `source`: the open report's own file (refused as output); `replaceReadOnly`: the user agreed. */
  exportDocument: (path: string, report: Report, format: ExportFormat, source: string | null, replaceReadOnly = false) =>
    call<ExportOutcome>("export_document", { path, report, format, source, replaceReadOnly }),
  writeRecovery: (report: Report, path: string | null) => call<void>("write_recovery", { report, path }),
  takeRecovery: () => call<Recovered | null>("take_recovery"),
  /** Appends a step of answering a close request to the shell's close trace (BAOCAO_TRACE_CLOSE; no-op without it). */
  traceClose: (what: string) => (isTauri() ? call<void>("trace_close", { what }).catch(() => {}) : Promise.resolve()),
  /** Closes the window for good (the user answered the question). */
  closeWindow: () => call<void>("close_window"),
  /** The system's print dialog over the preview's pages. */
  printPages: () => call<void>("print_pages"),
  clearRecovery: () => call<void>("clear_recovery"),
  /** Adds a word to the user's dictionary (the app's data folder). */
  addWord: (word: string) => call<void>("add_word", { word }),
  recentFiles: () => call<string[]>("recent_files"),
  listTemplates: () => call<TemplateInfo[]>("list_templates"),
  templateWizard: (id: string) => call<Wizard>("template_wizard", { id }),
  wizardState: (id: string, typed: Record<string, string>) => call<WizardState>("wizard_state", { id, typed }),
  newFromTemplate: (id: string, answers: Record<string, string>) => call<Report>("new_from_template", { id, answers }),
  /** Next period's report, with notices of what changed beyond dates and figures. */
  nextPeriod: (report: Report, options: RollOptions) => call<NextPeriod>("next_period_report", { report, options }),
  saveAsTemplate: (report: Report, name: string) => call<string>("save_as_template", { report, name }),
  renameTemplate: (id: string, name: string) => call<void>("rename_template", { id, name }),
  deleteTemplate: (id: string) => call<void>("delete_template", { id }),
  exportTemplate: (id: string, path: string) => call<string>("export_template", { id, path }),
  importTemplate: (path: string) => call<string>("import_template", { path }),
};

/** End-to-end tests replace the native dialogs (which WebDriver cannot drive) with a folder. */
async function e2eDir(): Promise<string | null> {
  return isTauri() ? call<string | null>("e2e_dialog_dir") : null;
}

/** Asks for a report file to open; null when the user cancels. */
export async function chooseReportToOpen(): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) {
    const next = (window as unknown as { __e2eOpen?: string }).__e2eOpen;
    return next ?? `${dir}/bao-cao.${EXTENSION}`;
  }
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [
      { name: "Báo cáo (Soạn Báo Cáo)", extensions: [EXTENSION, "json"] },
      { name: "Văn bản Word (nhập vào báo cáo mới)", extensions: ["docx", "doc", "DOCX", "DOC"] },
      { name: "Mọi tệp", extensions: ["*"] },
    ],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a Word file to import; null when the user cancels. */
export async function chooseWordToImport(): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) {
    const next = (window as unknown as { __e2eWord?: string }).__e2eWord;
    return next ?? `${dir}/bao-cao-cu.docx`;
  }
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [
      { name: "Văn bản Word", extensions: ["docx", "doc", "DOCX", "DOC"] },
      { name: "Mọi tệp", extensions: ["*"] },
    ],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a template file to import; null when the user cancels. */
export async function chooseTemplateToImport(): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) {
    const next = (window as unknown as { __e2eOpen?: string }).__e2eOpen;
    return next ?? `${dir}/mau.json`;
  }
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [{ name: "Mẫu báo cáo", extensions: ["json"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks where to export a template; null when the user cancels. */
export async function chooseTemplateExportPath(id: string): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) return `${dir}/${id}.json`;
  return save({ defaultPath: `${id}.json`, filters: [{ name: "Mẫu báo cáo", extensions: ["json"] }] });
}

/** Asks where to save the report; null when the user cancels. */
export async function chooseSavePath(suggested: string): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) return `${dir}/${suggested}.${EXTENSION}`;
  return save({
    defaultPath: `${suggested}.${EXTENSION}`,
    filters: [{ name: "Báo cáo (Soạn Báo Cáo)", extensions: [EXTENSION] }],
  });
}

/** Asks where to export; null when the user cancels. */
export async function chooseExportPath(suggested: string, format: ExportFormat): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) return `${dir}/${suggested}.${format}`;
  return save({
    defaultPath: `${suggested}.${format}`,
    filters: [
      format === "docx"
        ? { name: "Tài liệu Word", extensions: ["docx"] }
        : { name: "Tài liệu PDF", extensions: ["pdf"] },
    ],
  });
}

/** A yes/no question; in end-to-end tests the answer is yes. */
export async function confirm(text: string, title = "Soạn Báo Cáo"): Promise<boolean> {
  if (await e2eDir()) return true;
  return ask(text, { title, kind: "warning", okLabel: "Đồng ý", cancelLabel: "Hủy" });
}

/** Shows the file in its folder (the "Mở thư mục" button). */
export async function revealInFolder(path: string): Promise<void> {
  await revealItemInDir(path);
}

/** Calls `handler` with the progress of reading units' files. */
export async function onCompileProgress(handler: (p: CompileProgress) => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  return listen<CompileProgress>("baocao://compile-progress", (e) => handler(e.payload));
}

/** Asks for the units' files (forms, reports, Word files); empty when the user cancels. */
export async function chooseUnitFiles(): Promise<string[]> {
  const dir = await e2eDir();
  if (dir) {
    const next = (window as unknown as { __e2eUnitFiles?: string[] }).__e2eUnitFiles;
    return next ?? [];
  }
  const picked = await open({
    multiple: true,
    directory: false,
    filters: [
      { name: "Biểu mẫu, báo cáo của đơn vị", extensions: ["xlsx", "xls", "ods", EXTENSION, "json", "docx", "doc", "XLSX", "XLS", "DOCX", "DOC"] },
      { name: "Mọi tệp", extensions: ["*"] },
    ],
  });
  if (!picked) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Asks for a spreadsheet or text file listing the units; null when the user cancels. */
export async function chooseUnitList(): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) {
    const next = (window as unknown as { __e2eUnitList?: string }).__e2eUnitList;
    return next ?? null;
  }
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [{ name: "Danh sách đơn vị (Excel, LibreOffice, văn bản)", extensions: ["xlsx", "xls", "ods", "txt", "csv"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for the folder to write the forms into; null when the user cancels. */
export async function chooseFormsFolder(): Promise<string | null> {
  const dir = await e2eDir();
  if (dir) return `${dir}`;
  const picked = await open({ multiple: false, directory: true, title: "Chọn thư mục để lưu các biểu mẫu" });
  return typeof picked === "string" ? picked : null;
}

/** Listens for the window's close requests; once listening, the shell sends every request here
 * (the handler decides from the UI's current state whether to ask first). */
export async function onCloseAsked(handler: () => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  const unlisten = await listen("baocao://close-asked", handler);
  await call<void>("close_guard_ready");
  return unlisten;
}

/** Sets the window title. */
export async function setTitle(title: string): Promise<void> {
  if (isTauri()) await getCurrentWindow().setTitle(title);
}
