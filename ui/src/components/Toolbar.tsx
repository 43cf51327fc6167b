// The editor's toolbar: home, open, save, undo/redo, find, next period, template, export, status.
import type { ExportFormat } from "../api";

interface ToolbarProps {
  canUndo: boolean;
  canRedo: boolean;
  /** «Chưa lưu», «Đã lưu» or nothing (a report never saved, unchanged). */
  status: string;
  onHome: () => void;
  onOpen: () => void;
  onSave: () => void;
  onSaveAs: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onFind: () => void;
  onNextPeriod: () => void;
  onSaveTemplate: () => void;
  onExport: (format: ExportFormat) => void;
}

/** The toolbar above the editor (its buttons' titles name the keyboard shortcuts). */
export function Toolbar(p: ToolbarProps) {
  return (
    <header className="toolbar">
      <button type="button" id="home" onClick={p.onHome}>
        Trang đầu
      </button>
      <button type="button" id="open" onClick={() => p.onOpen()}>
        Mở…
      </button>
      <button type="button" id="save" onClick={() => p.onSave()} title="Ctrl+S">
        Lưu
      </button>
      <button type="button" onClick={() => p.onSaveAs()} title="Ctrl+Shift+S">
        Lưu thành…
      </button>
      <span className="sep" />
      <button type="button" id="undo" disabled={!p.canUndo} onClick={() => p.onUndo()} title="Ctrl+Z">
        Hoàn tác
      </button>
      <button type="button" id="redo" disabled={!p.canRedo} onClick={() => p.onRedo()} title="Ctrl+Y">
        Làm lại
      </button>
      <button type="button" id="find" onClick={() => p.onFind()} title="Tìm và thay trong cả báo cáo (Ctrl+F, Ctrl+H)">
        Tìm…
      </button>
      <span className="sep" />
      <button type="button" id="next-period" onClick={() => p.onNextPeriod()} title="Lùi ngày và kỳ báo cáo, xóa số văn bản và số liệu cần cập nhật">
        Báo cáo kỳ sau
      </button>
      <button type="button" id="save-template" onClick={() => p.onSaveTemplate()}>
        Lưu làm mẫu…
      </button>
      <span className="sep" />
      <button type="button" id="export-docx" className="primary" onClick={() => p.onExport("docx")}>
        Xuất Word
      </button>
      <button type="button" id="export-pdf" className="primary" onClick={() => p.onExport("pdf")}>
        Xuất PDF
      </button>
      <span className="status">{p.status}</span>
    </header>
  );
}
