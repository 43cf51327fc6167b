import { describe, expect, it } from "vitest";
import { patchSvg } from "./svgPatch";

const page = (lines: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="595pt" height="842pt" viewBox="0 0 595 842"><rect width="100%" height="100%" fill="white"/><g>${lines
    .map((l, i) => `<text x="10" y="${20 + i * 18}">${l}</text>`)
    .join("")}</g></svg>`;

describe("patchSvg", () => {
  it("draws a page into an empty host", () => {
    const host = document.createElement("div");
    patchSvg(host, page(["Một", "Hai"]));
    expect([...host.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["Một", "Hai"]);
  });

  it("replaces only the lines that changed and keeps the others' nodes", () => {
    const host = document.createElement("div");
    patchSvg(host, page(["Một", "Hai", "Ba", "Bốn"]));
    const [one, , , four] = [...host.querySelectorAll("text")];
    patchSvg(host, page(["Một", "Hai đã sửa", "Ba đã sửa", "Bốn"]));
    const now = [...host.querySelectorAll("text")];
    expect(now.map((t) => t.textContent)).toEqual(["Một", "Hai đã sửa", "Ba đã sửa", "Bốn"]);
    expect(now[0]).toBe(one);
    expect(now[3]).toBe(four);
  });

  it("handles lines added and removed, and ends equal to a fresh drawing", () => {
    const host = document.createElement("div");
    patchSvg(host, page(["A", "B", "C"]));
    patchSvg(host, page(["A", "B", "X", "Y", "C"]));
    patchSvg(host, page(["B", "C"]));
    const fresh = document.createElement("div");
    patchSvg(fresh, page(["B", "C"]));
    expect(host.innerHTML).toBe(fresh.innerHTML);
  });

  it("starts afresh when the page size changes", () => {
    const host = document.createElement("div");
    patchSvg(host, page(["A"]));
    patchSvg(host, page(["A"]).replace(/842/g, "595"));
    expect(host.querySelector("svg")?.getAttribute("viewBox")).toBe("0 0 595 595");
  });
});
