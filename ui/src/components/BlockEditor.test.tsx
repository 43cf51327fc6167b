import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import type { Block } from "../bindings/types";
import { BlocksEditor, columnKey } from "./BlockEditor";
import { insertAt, moveTo, removeAt, setIn, type Path } from "../model/tree";

function Harness({ initial }: { initial: Block[] }) {
  const [doc, setDoc] = useState({ blocks: initial });
  const ops = {
    set: (p: Path, v: unknown) => setDoc((d) => setIn(d, p, v)),
    insert: (p: Path, v: unknown, i?: number) => setDoc((d) => insertAt(d, p, v, i)),
    remove: (p: Path) => setDoc((d) => removeAt(d, p)),
    move: (p: Path, to: number) => setDoc((d) => moveTo(d, p, to)),
  };
  return (
    <>
      <BlocksEditor path={["blocks"]} blocks={doc.blocks} ops={ops} />
      <pre data-testid="json">{JSON.stringify(doc.blocks)}</pre>
    </>
  );
}

const json = () => JSON.parse(screen.getByTestId("json").textContent ?? "[]") as Block[];

describe("lessons editor", () => {
  it("shows the ordinal words without storing them, and adds and reorders lessons", () => {
    render(<Harness initial={[{ type: "lessons", ordinals: "mot_la", items: ["phải gương mẫu.", "phải kiểm tra."] }]} />);
    expect(screen.getByText("Một là,")).toBeTruthy();
    expect(screen.getByText("Hai là,")).toBeTruthy();
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
  it("prints the computed count in the lead sentence", () => {
    render(<Harness initial={[{ type: "solution_groups", lead: "thực hiện {count} nhóm giải pháp sau:", numbering: "parenthesized", groups: [{ title: "Một" }, { title: "Hai" }] }]} />);
    expect(screen.getByText("Sẽ in: «thực hiện 02 nhóm giải pháp sau:»")).toBeTruthy();
    fireEvent.click(screen.getByText("+ Thêm nhóm giải pháp"));
    expect(screen.getByText("Sẽ in: «thực hiện 03 nhóm giải pháp sau:»")).toBeTruthy();
  });
});

describe("table editor", () => {
  it("computes totals as cells are typed and adds blocks of any type", () => {
    render(<Harness initial={[]} />);
    fireEvent.click(screen.getByText("Bảng số liệu"));
    fireEvent.click(screen.getByText("+ Thêm hàng"));
    fireEvent.change(screen.getByLabelText("Hàng 1 cột 2"), { target: { value: "1200" } });
    fireEvent.change(screen.getByLabelText("Hàng 2 cột 2"), { target: { value: "34" } });
    // Totals are written the Vietnamese way.
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
    expect(screen.getByText("1.331,5")).toBeTruthy();
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
