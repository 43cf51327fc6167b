// A paste of TCVN3/VNI text into any field comes in converted (one undo step), and says so.
import { useEffect } from "react";
import { api } from "../api";
import type { SetNotice } from "./useDocument";

/** Converts legacy-encoded (TCVN3, VNI) text pasted into a text field to Unicode. */
export function useLegacyPaste(setNotice: SetNotice) {
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
  }, [setNotice]);
}
