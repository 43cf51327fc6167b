// Pure helpers over the report tree: paths, immutable updates, block names, the outline entry of a field (its place in words is the engine's).
// What the document prints (numbers, ordinals, titles with their years, totals) is the engine's
// answer (state/view.ts), never computed here.
import type { Block } from "../bindings/types";
import type { OutlineItem } from "../state/view";

/** A path into the report: keys and array indices, e.g. ["body", "content", 0, "sections", 1]. */
export type Path = (string | number)[];

/** Reads the value at a path (undefined when absent). */
export function getIn(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Returns a copy of `root` with `value` at `path`, sharing every untouched branch. */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const node = root as unknown as Record<string | number, unknown> | unknown[];
  const child = (node as Record<string | number, unknown>)[key];
  const next = setIn(child, rest, value);
  if (Array.isArray(node)) {
    const copy = node.slice();
    copy[key as number] = next;
    return copy as unknown as T;
  }
  return { ...(node as object), [key]: next } as T;
}

/** Removes the array item at `path`. */
export function removeAt<T>(root: T, path: Path): T {
  const parent = path.slice(0, -1);
  const index = path[path.length - 1] as number;
  const list = getIn(root, parent) as unknown[];
  return setIn(root, parent, list.filter((_, i) => i !== index));
}

/** Inserts `value` into the array at `parent` before `index` (at the end when omitted). */
export function insertAt<T>(root: T, parent: Path, value: unknown, index?: number): T {
  const list = ((getIn(root, parent) as unknown[] | undefined) ?? []).slice();
  list.splice(index ?? list.length, 0, value);
  return setIn(root, parent, list);
}

/** Moves the array item at `path` to position `to` of the same array. */
export function moveTo<T>(root: T, path: Path, to: number): T {
  const parent = path.slice(0, -1);
  const from = path[path.length - 1] as number;
  const list = (getIn(root, parent) as unknown[]).slice();
  if (to < 0 || to >= list.length || to === from) return root;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
  return setIn(root, parent, list);
}

/** The anchor the engine gives a path ("body.content[0].sections[1]"). */
export function anchorOf(path: Path): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

const BLOCK_NAMES: Record<Block["type"], string> = {
  paragraph: "Đoạn văn",
  lines: "Các dòng gạch đầu dòng",
  results: "Kết quả và số liệu",
  shortcomings: "Hạn chế",
  causes: "Nguyên nhân",
  lessons: "Bài học kinh nghiệm",
  solution_groups: "Nhóm giải pháp",
  proposals: "Đề xuất, kiến nghị",
  table: "Bảng số liệu",
};

/** Vietnamese name of a block type. */
export function blockName(type: Block["type"]): string {
  return BLOCK_NAMES[type];
}

/** A new, empty block of a type, as the editor adds it. */
export function newBlock(type: Block["type"]): Block {
  switch (type) {
    case "paragraph":
      return { type, text: "" };
    case "lines":
      return { type, marker: "dash", items: [""] };
    case "results":
      return { type, marker: "dash", items: [{ text: "", figures: {} }] };
    case "shortcomings":
      return { type, items: [""] };
    case "causes":
      return { type, objective: [""], subjective: [""] };
    case "lessons":
      return { type, ordinals: "mot_la", items: [""] };
    case "solution_groups":
      return { type, lead: "Trong thời gian tới, tập trung thực hiện {count} nhóm giải pháp sau:", numbering: "parenthesized", groups: [{ title: "" }] };
    case "proposals":
      return { type, items: [{ addressee: "", text: "" }] };
    case "table":
      return {
        type,
        stt: true,
        columns: [
          { header: "Nội dung", kind: "text" },
          { header: "Số lượng", kind: "number" },
        ],
        rows: [["", null]],
        total_label: "Tổng cộng",
      };
  }
}

/** Parses an engine field path ("body.content[0].sections[1].blocks[2].items[0]") into a Path. */
export function parsePath(s: string): Path {
  const out: Path = [];
  // "a.0.b" (a path joined with dots) and "a[0].b" (the engine's) both give numbers for indexes.
  for (const m of s.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
  return out;
}

/** The outline entry to open for a field at `path`: the deepest entry holding it (the header
 * when none does). `items` is the report's outline. */
export function locate(path: Path, items: OutlineItem[]): Path {
  const isPrefix = (p: Path) => p.length <= path.length && p.every((k, i) => path[i] === k);
  const trail = items.filter((it) => isPrefix(it.path));
  return trail.length ? trail[trail.length - 1].path : ["header"];
}
