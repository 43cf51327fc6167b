// «Xuất Word» / «Xuất PDF»: names what is still wrong or unfinished (the user may export anyway),
// asks where, and asks again before replacing a read-only file.
import { useCallback } from "react";
import { api, chooseExportPath, errorText, type ExportFormat } from "../api";
import type { Diagnostic } from "../bindings/types";
import { UNFINISHED_CODES } from "../bindings/types";
import type { DocState } from "../state/doc";
import { suggestedName } from "./suggestedName";
import type { SetNotice } from "./useDocument";

interface ExportDeps {
  doc: DocState | null;
  /** The live preview's findings for the report shown. */
  problems: Diagnostic[];
  askGoOn: (text: string, label: string, id: string) => Promise<boolean>;
  setNotice: SetNotice;
}

/** The export of the open report to a Word or PDF file, with its questions and notice. */
export function useExport({ doc, problems, askGoOn, setNotice }: ExportDeps) {
  return useCallback(
    async (format: ExportFormat) => {
      if (!doc) return;
      try {
        // Blocking findings are named before exporting; the user may still export.
        const blockingNow = problems.filter((p) => p.severity === "blocking");
        if (blockingNow.length > 0) {
          const lines = blockingNow.slice(0, 6).map((p) => `• ${p.place_words || "báo cáo"}: ${p.message}`);
          const more = blockingNow.length > 6 ? `\n… và ${blockingNow.length - 6} lỗi khác (xem «Kiểm tra trước khi xuất» dưới biểu mẫu).` : "";
          const text = `Báo cáo còn ${blockingNow.length} lỗi mà cơ quan nhận có thể trả lại:\n${lines.join("\n")}${more}\nVẫn xuất?`;
          if (!(await askGoOn(text, "Vẫn xuất", "ask-export-anyway"))) return;
        }
        // Blanks «…» left from a template and figures to update are listed before exporting.
        // By code, never by the message's words (issue 26: a capitalised message once hid them all).
        const unfinished = problems.filter((p) => p.severity !== "blocking" && (UNFINISHED_CODES as readonly string[]).includes(p.code));
        if (unfinished.length > 0) {
          const places = unfinished.slice(0, 6).map((p) => `• ${p.place_words || "báo cáo"}`);
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
    [doc, askGoOn, problems, setNotice],
  );
}
