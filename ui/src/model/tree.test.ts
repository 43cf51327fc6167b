import { describe, expect, it } from "vitest";
import { anchorOf, count2, describePath, getIn, locate, insertAt, motLa, moveTo, outline, parsePath, removeAt, roman, setIn, thuNhat, vietLetter, withYears } from "./tree";
import { pageOf } from "../components/Preview";
import { columnTotals, resolveTable } from "./table";
import type { Report, StatTable } from "../bindings/types";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";

const report = sample as unknown as Report;

describe("numbering shown in the editor matches the engine", () => {
  it("ordinals, numerals, letters, counts", () => {
    expect([1, 2, 3, 4].map(motLa)).toEqual(["Một là", "Hai là", "Ba là", "Bốn là"]);
    expect([1, 4, 5].map(thuNhat)).toEqual(["Thứ nhất", "Thứ tư", "Thứ năm"]);
    expect([1, 4, 9, 14].map(roman)).toEqual(["I", "IV", "IX", "XIV"]);
    expect([1, 4, 5, 6].map(vietLetter)).toEqual(["a", "d", "đ", "e"]);
    expect([6, 12].map(count2)).toEqual(["06", "12"]);
  });
});

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
  it("lists parts, sections, points, lessons, solution groups, closing and annexes in order", () => {
    const labels = outline(report).map((i) => i.label);
    expect(labels[0]).toMatch(/^Phần đầu/);
    expect(labels).toContain("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN");
    expect(labels).toContain("a) Nguyên nhân của ưu điểm");
    expect(labels).toContain("Bài học kinh nghiệm (04)");
    expect(labels).toContain("06 nhóm giải pháp");
    expect(labels[labels.length - 1]).toMatch(/^Phụ lục 2/);
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

describe("tables", () => {
  it("computes row sums and totals like the engine", () => {
    const t: StatTable = {
      stt: true,
      columns: [
        { header: "Nội dung", kind: "text" },
        { header: "2018", kind: "number" },
        { header: "2019", kind: "number" },
        { header: "Tổng", kind: "row_sum", sum_of: [1, 2] },
      ],
      rows: [
        ["a", 1146, null, null],
        ["b", 5204, 5391, null],
      ],
      total_label: "Tổng cộng",
    };
    const v = resolveTable(t);
    expect(v[1][3]).toBe(10595);
    expect(columnTotals(t, v)).toEqual([null, 6350, 5391, 11741]);
  });
});

describe("places of find matches and the entry to open", () => {
  it("names the part, section, block and line of a match, and the entry to open", () => {
    expect(parsePath("body.content[0].sections[1].blocks[2].items[0]")).toEqual(["body", "content", 0, "sections", 1, "blocks", 2, "items", 0]);
    const path = parsePath("body.content[0].sections[0].blocks[1].items[1].text");
    const d = describePath(report, path);
    expect(d.where).toBe("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN › 1. Công tác quán triệt, ban hành văn bản lãnh đạo, chỉ đạo › Kết quả và số liệu (khối 2) › dòng 2 › nội dung");
    expect(d.select).toEqual(["body", "content", 0, "sections", 0]);
    expect(locate(path, outline(report))).toEqual(["body", "content", 0, "sections", 0]);
    expect(locate(["period"], outline(report))).toEqual(["header"]);
    expect(d.where).not.toMatch(/\[|\]|body|content/);
    expect(describePath(report, parsePath("header.subject")).where).toBe("Phần đầu (cơ quan, số, ngày, trích yếu) › trích yếu");
  });
});

describe("year references in the outline", () => {
  it("shows the years a title's references stand for, in any case", () => {
    const r = { ...(sample as unknown as Report), period: { start_year: 2016, end_year: 2019 } };
    expect(withYears("Kết quả qua các năm [từ năm] – [đến năm]", r)).toBe("Kết quả qua các năm 2016 – 2019");
    expect(withYears("SƠ KẾT [SỐ NĂM] NĂM ([CÁC NĂM])", r)).toBe("SƠ KẾT 03 NĂM (2016, 2017, 2018, 2019)");
    const labels = outline({ ...r, annexes: [{ title: "Số liệu năm [năm]", blocks: [] }] }).map((i) => i.label);
    expect(labels).toContain("Phụ lục 1: Số liệu năm 2019");
  });
});
