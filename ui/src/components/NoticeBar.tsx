// The notice line under the toolbar (or on the start screen): «Đã lưu», «Đã xuất», an error…
import { revealInFolder } from "../api";

/** A message to the user; `path` names a file written, offered with «Mở thư mục». */
export interface Notice {
  text: string;
  kind: "info" | "error";
  path?: string;
}

/** The notice bar, with its close button (and «Mở thư mục» when the notice names a file). */
export function NoticeBar({ notice, onClose }: { notice: Notice; onClose: () => void }) {
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
