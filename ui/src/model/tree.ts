// Pure helpers over the report tree: paths, immutable updates, numbering and the outline.
import type { Block, Division, Part, Report } from "../bindings/types";
import { ORDINAL_WORDS, VIET_LETTERS } from "../bindings/types";

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

/** "Một là", "Hai là", … as the engine prints them. */
export function motLa(n: number): string {
  const w = ORDINAL_WORDS[n - 1];
  return w ? `${w} là` : `${n} là`;
}

/** "Thứ nhất", "Thứ hai", "Thứ tư", … */
export function thuNhat(n: number): string {
  if (n === 1) return "Thứ nhất";
  if (n === 4) return "Thứ tư";
  const w = ORDINAL_WORDS[n - 1];
  return w ? `Thứ ${w.toLowerCase()}` : `Thứ ${n}`;
}

/** Roman numeral of a part. */
export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let out = "";
  for (const [v, d] of table) {
    while (n >= v) {
      out += d;
      n -= v;
    }
  }
  return out;
}

/** Letter of the n-th point: a, b, c, d, đ, e, … */
export function vietLetter(n: number): string {
  const i = n - 1;
  return VIET_LETTERS[i % VIET_LETTERS.length].repeat(Math.floor(i / VIET_LETTERS.length) + 1);
}

/** Count with the leading zero of formal texts: 6 → "06". */
export function count2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The anchor the engine gives a path ("body.content[0].sections[1]"). */
export function anchorOf(path: Path): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** One entry of the outline. */
export interface OutlineItem {
  /** Where it lives in the report. */
  path: Path;
  /** Label as printed ("I. KẾT QUẢ…", "1. Ưu điểm", "Bài học (04)"). */
  label: string;
  /** Nesting depth. */
  depth: number;
  /** Whether it can be moved and deleted (items of an array). */
  movable: boolean;
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

function blockLabel(b: Block): string | null {
  switch (b.type) {
    case "lessons":
      return `Bài học kinh nghiệm (${count2(b.items.length)})`;
    case "solution_groups":
      return `${count2(b.groups.length)} nhóm giải pháp`;
    case "table":
      return `Bảng: ${b.title ?? "số liệu"}`;
    case "proposals":
      return "Đề xuất, kiến nghị";
    default:
      return null;
  }
}

function partItems(part: Part, n: number, path: Path, depth: number, out: OutlineItem[]): void {
  out.push({ path, label: `${roman(n)}. ${part.title.toUpperCase()}`, depth, movable: true });
  part.blocks?.forEach((b, i) => {
    const l = blockLabel(b);
    if (l) out.push({ path: [...path, "blocks", i], label: l, depth: depth + 1, movable: true });
  });
  part.sections?.forEach((s, i) => {
    const sp = [...path, "sections", i];
    out.push({ path: sp, label: `${i + 1}. ${s.title}`, depth: depth + 1, movable: true });
    s.blocks?.forEach((b, j) => {
      const l = blockLabel(b);
      if (l) out.push({ path: [...sp, "blocks", j], label: l, depth: depth + 2, movable: true });
    });
    s.points?.forEach((p, j) => {
      out.push({
        path: [...sp, "points", j],
        label: `${vietLetter(j + 1)}) ${p.title ?? "(đoạn mở bằng chữ cái)"}`,
        depth: depth + 2,
        movable: true,
      });
    });
  });
}

/** Replaces the computed year references («[năm]», «[từ năm]», «[các năm]»…) as the engine prints
 * them (`flow::YearRefs`): from the report's date and, for the period ones, its period; any letter
 * case («[TỪ NĂM]» in a title in capitals). */
export function withYears(text: string, r: Report): string {
  if (!text.includes("[")) return text;
  const y = Number(r.header.date.slice(0, 4));
  const p = r.period;
  const values: Record<string, string | undefined> = {
    "năm": String(y),
    "năm trước": String(y - 1),
    "năm sau": String(y + 1),
    "từ năm": p ? String(p.start_year) : undefined,
    "đến năm": p ? String(p.end_year) : undefined,
    "số năm": p ? String(Math.max(p.end_year - p.start_year, 1)).padStart(2, "0") : undefined,
    "các năm": p ? Array.from({ length: Math.max(p.end_year - p.start_year + 1, 0) }, (_, i) => p.start_year + i).join(", ") : undefined,
  };
  return text.replace(/\[(từ năm|đến năm|năm trước|năm sau|số năm|các năm|năm)\]/giu, (m, k: string) => values[k.toLowerCase()] ?? m);
}

/** The outline of a report: header, opening, parts (with Phần), closing, annexes; year
 * references in titles shown as the years they stand for. */
export function outline(r: Report): OutlineItem[] {
  return outlineItems(r).map((it) => ({ ...it, label: withYears(it.label, r) }));
}

function outlineItems(r: Report): OutlineItem[] {
  const out: OutlineItem[] = [
    { path: ["header"], label: "Phần đầu (cơ quan, số, ngày, trích yếu)", depth: 0, movable: false },
    { path: ["body", "opening"], label: "Mở đầu", depth: 0, movable: false },
  ];
  let partNo = 0;
  r.body.content.forEach((d: Division, i) => {
    const path: Path = ["body", "content", i];
    if (d.type === "phan") {
      out.push({ path, label: `Phần thứ ${i + 1}: ${d.title}`, depth: 0, movable: true });
      d.parts.forEach((p, j) => partItems(p, j + 1, [...path, "parts", j], 1, out));
    } else {
      partNo += 1;
      partItems(d, partNo, path, 0, out);
    }
  });
  out.push({ path: ["closing"], label: "Kết thúc, chữ ký, nơi nhận", depth: 0, movable: false });
  r.annexes?.forEach((a, i) => {
    out.push({ path: ["annexes", i], label: `Phụ lục ${i + 1}: ${a.title}`, depth: 0, movable: true });
  });
  return out;
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
 * which outline entry to open. The places of the checks' findings are named by the engine
 * (`Diagnostic.place_words`, `diagnostic::place_words`, the same words); a match is in a text
 * field, never in a figure. */
export function describePath(r: Report, path: Path, items: OutlineItem[] = outline(r)): { where: string; select: Path; path: Path } {
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
      if (b && !blockLabel(b)) words.push(`${blockName(b.type)} (khối ${next + 1})`);
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
