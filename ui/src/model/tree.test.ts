import { describe, expect, it } from "vitest";
import { anchorOf, getIn, locate, insertAt, moveTo, parsePath, removeAt, setIn } from "./tree";
import { pageOf } from "../components/Preview";
import type { Outline, OutlineItem as EngineItem, Report } from "../bindings/types";
import { EMPTY_VIEW, viewOf } from "../state/view";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";

const report = sample as unknown as Report;

/** Part of the sample's outline as the engine gives it (`outline::Outline::of`; its labels are
 * tested against the printed document in the engine's tests/outline.rs). */
const entry = (path: string, label: string, depth: number, movable = true): EngineItem => ({
  path,
  kind: "part",
  number: "",
  title: label,
  label,
  depth,
  movable,
});
const engineOutline: Outline = {
  items: [
    entry("header", "Phần đầu (cơ quan, số, ngày, trích yếu)", 0, false),
    entry("body.opening", "Mở đầu", 0, false),
    entry("body.content[0]", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", 0),
    entry("body.content[0].sections[0]", "1. Công tác quán triệt, ban hành văn bản lãnh đạo, chỉ đạo", 1),
    entry("body.content[2].sections[3].blocks[0]", "Bài học kinh nghiệm (04)", 2),
    entry("closing", "Kết thúc, chữ ký, nơi nhận", 0, false),
  ],
  tables: [],
  openers: [],
};
const items = viewOf(engineOutline).items;

describe("immutable edits by path", () => {
  it("sets, inserts, removes and moves without touching the original", () => {
    const r1 = setIn(report, ["header", "subject"], "về việc mới");
    expect(r1.header.subject).toBe("về việc mới");
    expect(report.header.subject).not.toBe("về việc mới");
    expect(r1.body).toBe(report.body); // untouched branches are shared
    const r2 = insertAt(r1, ["closing", "recipients"], "Ban Dân vận Huyện ủy", 0);
    expect(r2.closing.recipients[0]).toBe("Ban Dân vận Huyện ủy");
    const r3 = moveTo(r2, ["closing", "recipients", 0], 2);
    expect(r3.closing.recipients[2]).toBe("Ban Dân vận Huyện ủy");
    const r4 = removeAt(r3, ["closing", "recipients", 2]);
    expect(r4.closing.recipients).toEqual(report.closing.recipients);
    expect(getIn(r4, ["body", "content", 0, "type"])).toBe("part");
  });
});

describe("outline", () => {
  it("takes the engine's entries with their paths as the editor spells them", () => {
    expect(items.map((i) => i.path)[3]).toEqual(["body", "content", 0, "sections", 0]);
    expect(items[4].label).toBe("Bài học kinh nghiệm (04)");
    expect(viewOf(null)).toBe(EMPTY_VIEW);
    expect(anchorOf(["body", "content", 2, "sections", 3])).toBe("body.content[2].sections[3]");
  });

  it("finds the page of the part being edited, or of its parent", () => {
    const anchors = [["header", "body.opening", "body.content[0]"], ["body.content[1]"], ["closing"]];
    expect(pageOf(anchors, "body.content[1].sections[2]")).toBe(1);
    expect(pageOf(anchors, "closing")).toBe(2);
    expect(pageOf(anchors, "annexes[0]")).toBe(0);
  });

  it("follows the item being edited, and a block to its first item's page", () => {
    const lessons = "body.content[2].sections[3].blocks[0]";
    const anchors = [["body.content[2].sections[3]", `${lessons}.items[0]`], [`${lessons}.items[2]`], [`${lessons}.items[3]`, "closing"]];
    expect(pageOf(anchors, `${lessons}.items[3]`)).toBe(2);
    expect(pageOf(anchors, `${lessons}.items[1]`)).toBe(0);
    expect(pageOf(anchors, lessons)).toBe(0);
    expect(pageOf(anchors, `${lessons}.items[2].text`)).toBe(1);
  });
});

describe("the outline entry a find match opens", () => {
  it("opens the deepest entry holding the match, the header when none does", () => {
    expect(parsePath("body.content[0].sections[1].blocks[2].items[0]")).toEqual(["body", "content", 0, "sections", 1, "blocks", 2, "items", 0]);
    const path = parsePath("body.content[0].sections[0].blocks[1].items[1].text");
    expect(locate(path, items)).toEqual(["body", "content", 0, "sections", 0]);
    expect(locate(["period"], items)).toEqual(["header"]);
    expect(locate(parsePath("body.content[2].sections[3].blocks[0].items[1]"), items)).toEqual(["body", "content", 2, "sections", 3, "blocks", 0]);
    expect(anchorOf(path)).toBe("body.content[0].sections[0].blocks[1].items[1].text");
  });
});
