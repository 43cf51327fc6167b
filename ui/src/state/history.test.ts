import { describe, expect, it } from "vitest";
import { canRedo, canUndo, edit, redo, start, undo } from "./history";
import { dirty, initial, reducer } from "./doc";
import type { Report } from "../bindings/types";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";

describe("undo / redo", () => {
  it("groups typing in one field, separates other edits", () => {
    let h = start("a");
    h = edit(h, "ab", "subject", 1000);
    h = edit(h, "abc", "subject", 1500); // same field, within 1 s: same step
    h = edit(h, "abcd", "place", 1600); // other field: new step
    expect(h.past).toEqual(["a", "abc"]);
    h = undo(h);
    expect(h.present).toBe("abc");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe("abc");
    expect(canRedo(h)).toBe(true);
    h = edit(h, "x", null, 5000);
    expect(canRedo(h)).toBe(false);
  });

  it("tracks unsaved changes through undo", () => {
    const r = sample as unknown as Report;
    let s = initial(r, "bao-cao/a.baocao", true);
    expect(dirty(s)).toBe(false);
    s = reducer(s, { type: "set", path: ["header", "place"], value: "Hòa Bình" }, 1);
    expect(dirty(s)).toBe(true);
    s = reducer(s, { type: "undo" });
    expect(dirty(s)).toBe(false);
    s = reducer(s, { type: "insert", parent: ["closing", "recipients"], value: "Lưu trữ" }, 2);
    s = reducer(s, { type: "saved", path: "bao-cao/a.baocao" });
    expect(dirty(s)).toBe(false);
    expect(s.history.present.closing.recipients).toContain("Lưu trữ");
  });
});
