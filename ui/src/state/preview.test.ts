import { describe, expect, it } from "vitest";
import type { Preview } from "../bindings/types";
import { applyPreview } from "./preview";

const answer = (p: Partial<Preview>): Preview => ({
  version: 1,
  page_count: 0,
  complete: false,
  pages: [],
  anchors: [],
  problems: [],
  outline: { items: [], tables: [], openers: [] },
  checks_pending: false,
  took_us: 0,
  ...p,
});

describe("applyPreview", () => {
  const first = applyPreview(
    null,
    answer({ page_count: 3, complete: true, pages: [0, 1, 2].map((i) => ({ index: i, svg: `<svg>${i}</svg>` })) }),
  );

  it("takes every page of a complete answer", () => {
    expect(first.pages).toEqual(["<svg>0</svg>", "<svg>1</svg>", "<svg>2</svg>"]);
  });

  it("replaces only the changed pages and keeps the others", () => {
    const next = applyPreview(first, answer({ version: 2, page_count: 3, pages: [{ index: 1, svg: "<svg>B</svg>" }] }));
    expect(next.pages).toEqual(["<svg>0</svg>", "<svg>B</svg>", "<svg>2</svg>"]);
    expect(next.version).toBe(2);
    expect(first.pages[1]).toBe("<svg>1</svg>"); // the old state is not changed
  });

  it("drops pages past a shorter document and adds new ones", () => {
    const shorter = applyPreview(first, answer({ page_count: 2 }));
    expect(shorter.pages).toEqual(["<svg>0</svg>", "<svg>1</svg>"]);
    const longer = applyPreview(shorter, answer({ page_count: 3, pages: [{ index: 2, svg: "<svg>N</svg>" }] }));
    expect(longer.pages).toEqual(["<svg>0</svg>", "<svg>1</svg>", "<svg>N</svg>"]);
  });

  it("starts afresh on a complete answer whatever was shown", () => {
    const fresh = applyPreview(first, answer({ page_count: 1, complete: true, pages: [{ index: 0, svg: "<svg>X</svg>" }] }));
    expect(fresh.pages).toEqual(["<svg>X</svg>"]);
  });
});
