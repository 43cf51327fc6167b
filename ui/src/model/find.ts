// Find and replace over every text of a report: the fields a user types (titles, paragraphs,
// items, table cells, names), not the codes beside them (profile, block types, dates).
import type { Report } from "../bindings/types";
import type { Path } from "./tree";

/** One occurrence: the field's path and the range in its text. */
export interface Match {
  path: Path;
  start: number;
  end: number;
}

/** Keys whose strings are codes, not text the user reads. */
const CODES = new Set(["profile", "type", "kind", "date", "marker", "ordinals", "numbering", "style"]);

/** The ranges of `query` in `text`; ignoring case unless `matchCase` (both in NFC). */
export function occurrences(text: string, query: string, matchCase: boolean): [number, number][] {
  if (!query) return [];
  let hay = text;
  let needle = query;
  if (!matchCase) {
    const lower = text.toLocaleLowerCase("vi");
    // Lower-casing keeps positions for Vietnamese; a text where it would not is searched as is.
    if (lower.length === text.length) {
      hay = lower;
      needle = query.toLocaleLowerCase("vi");
    }
  }
  // Figure names ({van_ban}) and {count} are not text: a match touching one is skipped, so
  // replacing «ban» never breaks «{van_ban}».
  const names = [...text.matchAll(/\{[A-Za-z0-9_]+\}/g)].map((m) => [m.index, m.index + m[0].length]);
  const out: [number, number][] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
    const end = i + needle.length;
    if (!names.some(([s, e]) => i < e && end > s)) out.push([i, end]);
  }
  return out;
}

/** Every occurrence of `query` in the report's texts, in reading order. */
export function findAll(report: Report, query: string, matchCase = false): Match[] {
  const q = query.normalize("NFC");
  const out: Match[] = [];
  const walk = (node: unknown, path: Path) => {
    if (typeof node === "string") {
      for (const [start, end] of occurrences(node, q, matchCase)) out.push({ path, start, end });
    } else if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, [...path, i]));
    } else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) if (!CODES.has(k) && k !== "schema_version") walk(v, [...path, k]);
    }
  };
  if (q) walk(report, []);
  return out;
}

/** The report with every occurrence replaced, and how many; untouched parts keep their identity. */
export function replaceAll(report: Report, query: string, replacement: string, matchCase = false): { report: Report; count: number } {
  const q = query.normalize("NFC");
  const by = replacement.normalize("NFC");
  let count = 0;
  const map = (node: unknown, key: string | null): unknown => {
    if (typeof node === "string") {
      if (key !== null && CODES.has(key)) return node;
      const found = occurrences(node, q, matchCase);
      if (found.length === 0) return node;
      count += found.length;
      let out = "";
      let at = 0;
      for (const [s, e] of found) {
        out += node.slice(at, s) + by;
        at = e;
      }
      return out + node.slice(at);
    }
    if (Array.isArray(node)) {
      const next = node.map((x) => map(x, key));
      return next.every((x, i) => x === node[i]) ? node : next;
    }
    if (node && typeof node === "object") {
      let changed = false;
      const next: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        next[k] = CODES.has(k) ? v : map(v, k);
        if (next[k] !== v) changed = true;
      }
      return changed ? next : node;
    }
    return node;
  };
  const next = q ? (map(report, null) as Report) : report;
  return { report: next, count };
}

/** The text of `path` with the match's range replaced. */
export function replaceIn(text: string, m: Match, replacement: string): string {
  return text.slice(0, m.start) + replacement.normalize("NFC") + text.slice(m.end);
}
