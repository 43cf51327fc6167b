// The start screen (no report open): the recovery offer, open / next period / import, the
// templates, the sample, recent files. While the startup is still finding these, «Đang mở…».
import type { ReactNode } from "react";
import type { Recovered, TemplateInfo } from "../api";
import { TemplateList } from "./Templates";

/** The screen shown while the startup is still loading (recent files, recovery copy, a file given). */
export function StartLoading() {
  return (
    <div className="start" aria-busy="true">
      <h1>Soạn Báo Cáo</h1>
      <p className="lead">Đang mở…</p>
    </div>
  );
}

interface StartScreenProps {
  /** A recovery copy left by a session that ended with unsaved changes. */
  recovery: Recovered | null;
  onRestore: () => void;
  onDismissRecovery: () => void;
  /** Opens a report: the one given, or one chosen in a dialog. */
  onOpen: (path?: string) => void;
  onNextFromFile: () => void;
  onImportWord: () => void;
  templates: TemplateInfo[];
  onUseTemplate: (id: string) => void;
  onViewSample: () => void;
  onManageTemplates: () => void;
  recent: string[];
  /** Shown last: the notice and the next-period dialog. */
  children?: ReactNode;
}

/** The start screen's buttons, templates and recent files. */
export function StartScreen({
  recovery,
  onRestore,
  onDismissRecovery,
  onOpen,
  onNextFromFile,
  onImportWord,
  templates,
  onUseTemplate,
  onViewSample,
  onManageTemplates,
  recent,
  children,
}: StartScreenProps) {
  return (
    <div className="start">
      <h1>Soạn Báo Cáo</h1>
      <p className="lead">Soạn báo cáo sơ kết, tổng kết đúng thể thức văn bản của Đảng và Nhà nước.</p>
      {recovery && (
        <div className="recovery" role="alert">
          Lần trước chương trình đóng khi còn thay đổi chưa lưu.
          <button type="button" id="restore" onClick={onRestore}>
            Khôi phục bản lưu tạm
          </button>
          <button type="button" onClick={onDismissRecovery}>
            Bỏ qua
          </button>
        </div>
      )}
      <div className="start-actions">
        <button type="button" id="open-file" onClick={() => onOpen()}>
          Mở tệp báo cáo…
        </button>
        <button type="button" id="next-from-file" onClick={onNextFromFile}>
          Báo cáo kỳ sau từ báo cáo này…
        </button>
        <button type="button" id="import-word" onClick={onImportWord} title="Báo cáo năm trước gõ trong Word (.docx, .doc), kể cả phông .VnTime, VNI">
          Nhập từ Word…
        </button>
      </div>
      <TemplateList templates={templates} onUse={onUseTemplate} />
      <button type="button" id="new-sample" onClick={onViewSample} title="Báo cáo của một huyện hư cấu (Tân Lập Giang, 2019), đủ mọi loại nội dung">
        Xem báo cáo mẫu
      </button>
      <button type="button" className="link" id="manage-templates" onClick={onManageTemplates}>
        Quản lý mẫu…
      </button>
      {recent.length > 0 && (
        <div className="recent">
          <h2>Mở gần đây</h2>
          <ul>
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="link" onClick={() => onOpen(p)}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {children}
    </div>
  );
}
