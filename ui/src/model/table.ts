// Computed cells of statistics tables (row sums, totals), as the engine computes them.
import type { StatTable } from "../bindings/types";

/** Cells with row sums computed: numbers, text, or null. */
export function resolveTable(t: StatTable): (number | string | null)[][] {
  return t.rows.map((row) => {
    const out = t.columns.map((col, c) => {
      if (col.kind === "row_sum") return null;
      const v = row[c];
      return v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v;
    });
    t.columns.forEach((col, c) => {
      if (col.kind === "row_sum") {
        const nums = (col.sum_of ?? []).map((i) => out[i]).filter((v): v is number => typeof v === "number");
        if (nums.length > 0) out[c] = nums.reduce((a, b) => a + b, 0);
      }
    });
    return out;
  });
}

/** Column totals (null for text columns and empty columns). */
export function columnTotals(t: StatTable, values: (number | string | null)[][]): (number | null)[] {
  return t.columns.map((col, c) => {
    if ((col.kind ?? "text") === "text") return null;
    const nums = values.map((r) => r[c]).filter((v): v is number => typeof v === "number");
    return nums.length > 0 ? nums.reduce((a, b) => a + b, 0) : null;
  });
}
