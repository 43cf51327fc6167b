import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import type { Block, Outline } from "../bindings/types";
import { BlocksEditor, columnKey } from "./BlockEditor";
import { insertAt, moveTo, removeAt, setIn, type Path } from "../model/tree";
import { EMPTY_VIEW, ViewContext, viewOf } from "../state/view";

/** The blocks at ["blocks"], with the engine's answer `engine` (none: not arrived yet). */
function Harness({ initial, engine }: { initial: Block[]; engine?: Outline }) {
  const [doc, setDoc] = useState({ blocks: initial });
  const ops = {
    set: (p: Path, v: unknown) => setDoc((d) => setIn(d, p, v)),
    insert: (p: Path, v: unknown, i?: number) => setDoc((d) => insertAt(d, p, v, i)),
    remove: (p: Path) => setDoc((d) => removeAt(d, p)),
    move: (p: Path, to: number) => setDoc((d) => moveTo(d, p, to)),
  };
  return (
    <ViewContext.Provider value={engine ? viewOf(engine) : EMPTY_VIEW}>
      <BlocksEditor path={["blocks"]} blocks={doc.blocks} ops={ops} />
      <pre data-testid="json">{JSON.stringify(doc.blocks)}</pre>
    </ViewContext.Provider>
  );
}

/** An engine answer for the first block: its openers and lead, or its table's cells. */
const answer = (part: Partial<Outline>): Outline => ({ items: [], tables: [], openers: [], ...part });

const json = () => JSON.parse(screen.getByTestId("json").textContent ?? "[]") as Block[];

describe("lessons editor", () => {
  it("shows the engine's ordinal words without storing them, and adds and reorders lessons", () => {
    const engine = answer({ openers: [{ path: "blocks[0]", items: ["Một là,", "Hai là,", "Ba là,"], lead: null }] });
    render(<Harness initial={[{ type: "lessons", ordinals: "mot_la", items: ["phải gương mẫu.", "phải kiểm tra."] }]} engine={engine} />);
    expect(screen.getByText("Một là,")).toBeTruthy();
    expect(screen.getByText("Hai là,")).toBeTruthy();
    expect(screen.queryByText("Ba là,")).toBeNull();
    fireEvent.click(screen.getByText("+ Thêm bài học"));
    const third = screen.getByLabelText("Các bài học (chương trình tự thêm thứ tự) 3");
    fireEvent.change(third, { target: { value: "phải đổi mới." } });
    expect(screen.getByText("Ba là,")).toBeTruthy();
    const b = json()[0];
    expect(b.type === "lessons" && b.items).toEqual(["phải gương mẫu.", "phải kiểm tra.", "phải đổi mới."]);
    fireEvent.click(screen.getAllByLabelText("Lên")[3]); // move the third lesson up
    const moved = json()[0];
    expect(moved.type === "lessons" && moved.items[1]).toBe("phải đổi mới.");
  });
});

describe("solution groups editor", () => {
  it("shows the lead sentence and numbers as the engine prints them, nothing before it answers", () => {
    const block: Block = { type: "solution_groups", lead: "thực hiện {count} nhóm giải pháp sau:", numbering: "parenthesized", groups: [{ title: "Một" }, { title: "Hai" }] };
    const { unmount } = render(<Harness initial={[block]} />);
    expect(screen.queryByText(/Sẽ in/)).toBeNull();
    unmount();
    const engine = answer({ openers: [{ path: "blocks[0]", items: ["(1)", "(2)"], lead: "thực hiện 02 nhóm giải pháp sau:" }] });
    render(<Harness initial={[block]} engine={engine} />);
    expect(screen.getByText("Sẽ in: «thực hiện 02 nhóm giải pháp sau:»")).toBeTruthy();
    expect(screen.getByText("(2)")).toBeTruthy();
    fireEvent.click(screen.getByText("+ Thêm nhóm giải pháp"));
    const b = json()[0];
    expect(b.type === "solution_groups" && b.groups.length).toBe(3);
  });
});

describe("table editor", () => {
  it("stores the cells typed, shows the engine's totals, and adds blocks of any type", () => {
    const engine = answer({ tables: [{ path: "blocks[0]", rows: [["", "1.200"], ["", "34"]], totals: ["Tổng cộng", "1.234"] }] });
    render(<Harness initial={[]} engine={engine} />);
    fireEvent.click(screen.getByText("Bảng số liệu"));
    fireEvent.click(screen.getByText("+ Thêm hàng"));
    fireEvent.change(screen.getByLabelText("Hàng 1 cột 2"), { target: { value: "1200" } });
    fireEvent.change(screen.getByLabelText("Hàng 2 cột 2"), { target: { value: "34" } });
    // The totals row is the engine's, as printed.
    expect(screen.getByText("1.234")).toBeTruthy();
    const t = json()[0];
    expect(t.type === "table" && t.rows).toEqual([["", 1200], [null, 34]]);
    // Thousands dots and a decimal comma are read as such; the text stays as typed meanwhile.
    const cell = screen.getByLabelText("Hàng 1 cột 2") as HTMLInputElement;
    fireEvent.focus(cell);
    for (const typed of ["1.2", "1.23", "1.234"]) fireEvent.change(cell, { target: { value: typed } });
    expect(cell.value).toBe("1.234");
    fireEvent.change(screen.getByLabelText("Hàng 2 cột 2"), { target: { value: "97,5" } });
    const u = json()[0];
    expect(u.type === "table" && u.rows).toEqual([["", 1234], [null, 97.5]]);
  });
});

describe("columnKey", () => {
  it("names columns as the engine's collect::column_key does", () => {
    const key = (header: string, k?: string) => columnKey({ header, kind: "number", key: k });
    expect(key("Mô hình mới")).toBe("mo_hinh_moi");
    expect(key("Đảng viên (lượt)")).toBe("dang_vien_luot");
    expect(key("2022")).toBe("cot_2022");
    expect(key("Tập thể", "tt")).toBe("tt");
  });
});
