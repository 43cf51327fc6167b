// The file name offered when saving or exporting a report.
import type { Report } from "../api";

/** «bao-cao-<type>-<date>», without diacritics or characters a file name should avoid. */
export function suggestedName(r: Report): string {
  const base = `bao-cao-${r.header.type_code}-${r.header.date}`;
  return base.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9_-]+/g, "-");
}
