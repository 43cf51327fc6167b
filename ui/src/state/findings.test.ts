import { describe, expect, it } from "vitest";
import { applyFix, byPath, markedPieces } from "./findings";
import type { Diagnostic } from "../bindings/types";

const f = (span: [number, number] | null, fix: string | null, code = "x"): Diagnostic => ({
  code,
  severity: "warning",
  path: "body.content[1].title",
  span,
  file: null,
  sheet: null,
  cell: null,
  unit: null,
  message: "m",
  place_words: "I. … › tên",
  fix,
  word: null,
});

describe("findings", () => {
  it("applies a fix at its span, and refuses one whose span no longer fits", () => {
    expect(applyFix("gương mẩu.", f([6, 9], "mẫu"))).toBe("gương mẫu.");
    expect(applyFix("ab", f([7, 10], "mẫu"))).toBeNull();
    expect(applyFix("abc", f(null, "xyz"))).toBe("xyz");
    expect(applyFix("abc", f([0, 1], null))).toBeNull();
  });
  it("marks spans in order and skips overlapping ones", () => {
    const pieces = markedPieces("một hai ba", [f([4, 7], "x", "chinh-ta"), f([0, 3], "y"), f([5, 6], "z")]);
    expect(pieces.map((p) => p.text)).toEqual(["một", " ", "hai", " ba\u200b"]);
    expect(pieces[2].spelling).toBe(true);
  });
  it("groups findings by the field's data path", () => {
    const m = byPath([f([0, 1], "a"), f(null, "b")], (p) => p.replace(/\[(\d+)\]/g, ".$1"));
    expect([...m.keys()]).toEqual(["body.content.1.title"]);
  });
});
