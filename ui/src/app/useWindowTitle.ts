// The window's title: the file's name (or «Báo cáo chưa lưu»), marked «• » with unsaved changes.
import { useEffect } from "react";
import { setTitle, type Report } from "../api";

/** Keeps the window title in step with the open report's file and unsaved changes. */
export function useWindowTitle(path: string | null | undefined, isDirty: boolean, report: Report | null) {
  useEffect(() => {
    const name = path ? path.split("/").pop() : report ? "Báo cáo chưa lưu" : "";
    setTitle(`${isDirty ? "• " : ""}${name ? `${name} — ` : ""}Soạn Báo Cáo`).catch(() => {});
  }, [path, isDirty, report]);
}
