// The checks' findings, by the path of the field they are in: the fields underline their spans.
import { createContext, useContext } from "react";
import type { Diagnostic } from "../bindings/types";
import { SPELLING_CODE } from "../bindings/types";

/** Findings with a span, by field path ("body.content.1.title", as `data-path` writes it). */
export type FindingsByPath = Map<string, Diagnostic[]>;

export const FindingsContext = createContext<FindingsByPath>(new Map());

/** The findings with a span in the field at `dataPath`. */
export function useFieldFindings(dataPath: string | undefined): Diagnostic[] {
  const all = useContext(FindingsContext);
  return dataPath ? (all.get(dataPath) ?? []) : [];
}

/** Groups findings by their field's path in `data-path` form (dots, no brackets). */
export function byPath(problems: Diagnostic[], toDataPath: (enginePath: string) => string): FindingsByPath {
  const map: FindingsByPath = new Map();
  for (const p of problems) {
    if (!p.span || !p.path) continue;
    const key = toDataPath(p.path);
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  }
  return map;
}

/** The text with a finding's fix applied, or null when the field changed since (span no longer fits). */
export function applyFix(text: string, p: Diagnostic): string | null {
  if (p.fix === null) return null;
  if (!p.span) return p.fix;
  const [a, b] = p.span;
  if (b > text.length) return null;
  return text.slice(0, a) + p.fix + text.slice(b);
}

/** Pieces of `text` with the findings' spans marked, for the underline drawn behind a field. */
export function markedPieces(text: string, found: Diagnostic[]): { text: string; level?: string; spelling?: boolean }[] {
  const spans = found
    .filter((f) => f.span && f.span[1] <= text.length && f.span[0] < f.span[1])
    .map((f) => ({ a: f.span![0], b: f.span![1], level: f.severity, spelling: f.code === SPELLING_CODE }))
    .sort((x, y) => x.a - y.a);
  const out: { text: string; level?: string; spelling?: boolean }[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.a < at) continue;
    if (s.a > at) out.push({ text: text.slice(at, s.a) });
    out.push({ text: text.slice(s.a, s.b), level: s.level, spelling: s.spelling });
    at = s.b;
  }
  out.push({ text: text.slice(at) + "\u200b" });
  return out;
}
