// Pure helpers over the report tree: paths, immutable updates, block names, places of fields.
// What the document prints (numbers, ordinals, titles with their years, totals) is the engine's
// answer (state/view.ts), never computed here.
import type { Block, Report } from "../bindings/types";
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

/** The words of a field's key, as the engine's `diagnostic::field_words` says them. */
const FIELD_WORDS: Record<string, string> = {
  title: "tên",
  subject: "trích yếu",
  date: "ngày ban hành",
  number: "số văn bản",
  place: "địa danh",
  issuing_body: "cơ quan ban hành",
  issuing_body_full: "tên đầy đủ của cơ quan",
  superior_body: "cơ quan cấp trên",
  type_code: "ký hiệu loại",
  issuer_code: "ký hiệu cơ quan",
  doc_type: "tên loại văn bản",
  profile: "thể thức",
  intro: "câu dẫn",
  lead: "câu dẫn",
  text: "nội dung",
  signer: "người ký",
  recipients: "nơi nhận",
  unit: "đơn vị tính",
  total_label: "dòng tổng",
  period: "kỳ báo cáo",
  sentence: "câu kết thúc",
  authority: "hình thức ký",
  kind: "hình thức ký",
  of: "thẩm quyền ký",
  signer_title: "chức vụ người ký",
  signer_name: "họ tên người ký",
  archive: "nơi lưu",
  drafter: "người soạn thảo",
  urgency: "độ khẩn",
  draft: "lần dự thảo",
  not_public: "chỉ dẫn phạm vi phổ biến",
  columns: "cột",
  header: "tên cột",
  sum_of: "các cột được cộng",
  addressee: "nơi được đề xuất",
  objective: "nguyên nhân khách quan",
  subjective: "nguyên nhân chủ quan",
  body: "nội dung báo cáo",
  content: "các mục",
};

/** The outline entry to open for a field at `path`: the deepest entry holding it (the header
 * when none does). `items` is the report's outline. */
export function locate(path: Path, items: OutlineItem[]): Path {
  const isPrefix = (p: Path) => p.length <= path.length && p.every((k, i) => path[i] === k);
  const trail = items.filter((it) => isPrefix(it.path));
  return trail.length ? trail[trail.length - 1].path : ["header"];
}

/** Where a find match is, in words («II. KẾT QUẢ… › 1. … › Đoạn văn (khối 2) › nội dung»), and
 * which outline entry to open; `items` is the engine's outline (its labels as printed). The
 * places of the checks' findings are named by the engine (`Diagnostic.place_words`,
 * `diagnostic::place_words`, the same words); a match is in a text field, never in a figure. */
export function describePath(r: Report, path: Path, items: OutlineItem[]): { where: string; select: Path; path: Path } {
  const isPrefix = (p: Path) => p.length <= path.length && p.every((k, i) => path[i] === k);
  const trail = items.filter((it) => isPrefix(it.path));
  const select = locate(path, items);
  const words = trail.map((it) => it.label);
  // What is left below the outline entry: blocks, items, figures, fields.
  let node: unknown = r;
  for (const k of select) node = (node as Record<string | number, unknown>)?.[k];
  const rest = path.slice(select.length);
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i];
    const next = rest[i + 1];
    if (k === "blocks" && typeof next === "number") {
      const b = (node as { blocks?: Block[] })?.blocks?.[next];
      // A block with an outline entry (lessons, tables…) is the entry opened, named above.
      if (b) words.push(`${blockName(b.type)} (khối ${next + 1})`);
      node = b;
      i++;
    } else if ((k === "items" || k === "groups" || k === "rows") && typeof next === "number") {
      const noun = k === "groups" ? "nhóm" : k === "rows" ? "hàng" : "dòng";
      words.push(`${noun} ${next + 1}`);
      node = (node as Record<string, unknown[]>)?.[k]?.[next];
      i++;
    } else if (typeof k === "string") {
      words.push(FIELD_WORDS[k] ?? k);
      node = (node as Record<string, unknown>)?.[k];
    } else {
      words.push(`mục ${k + 1}`);
      node = (node as unknown[])?.[k];
    }
  }
  return { where: words.join(" › "), select, path };
}
