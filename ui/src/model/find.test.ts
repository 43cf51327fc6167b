import { describe, expect, it } from "vitest";
import type { Report } from "../bindings/types";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";
import { findAll, occurrences, replaceAll, replaceIn } from "./find";
import { getIn } from "./tree";

const report = sample as unknown as Report;

describe("find and replace", () => {
  it("finds Vietnamese text ignoring case, in reading order, with paths to the fields", () => {
    const m = findAll(report, "huyện ủy");
    expect(m.length).toBeGreaterThan(3);
    for (const x of m) {
      const text = getIn(report, x.path) as string;
      expect(text.slice(x.start, x.end).toLocaleLowerCase("vi")).toBe("huyện ủy");
    }
    expect(m[0].path[0]).toBe("header");
    // Case and diacritics matter where asked: «Huyện ủy» is not «huyen uy».
    expect(findAll(report, "huyen uy")).toHaveLength(0);
    expect(findAll(report, "HUYỆN ỦY", true)).toHaveLength(0);
  });

  it("does not search codes (profile, block types, dates)", () => {
    expect(findAll(report, "hd36")).toHaveLength(0);
    expect(findAll(report, "paragraph")).toHaveLength(0);
    expect(findAll(report, "2019-05-20")).toHaveLength(0);
  });

  it("replaces all in one new report, counting, keeping untouched parts", () => {
    const n = findAll(report, "Tân Lập Giang").length;
    const { report: next, count } = replaceAll(report, "Tân Lập Giang", "Cầu Ngang");
    expect(count).toBe(n);
    expect(findAll(next, "Tân Lập Giang")).toHaveLength(0);
    expect(findAll(next, "Cầu Ngang").length).toBeGreaterThanOrEqual(n);
    expect(next.period).toBe(report.period);
    expect(next.header.profile).toBe("hd36");
    expect(replaceAll(report, "không có trong báo cáo", "x").report).toBe(report);
  });

  it("never touches figure names such as {van_ban} or {count}", () => {
    expect(occurrences("Ban Thường vụ ban hành {van_ban} văn bản", "ban", false)).toEqual([
      [0, 3],
      [14, 17],
    ]);
    const { report: next } = replaceAll(report, "ban", "BỘ");
    const names = (r: Report) => JSON.stringify(r).match(/\{[a-z_]+\}/g);
    expect(names(next)).toEqual(names(report));
  });

  it("replaces one occurrence and handles overlapping text", () => {
    expect(occurrences("aaaa", "aa", true)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(replaceIn("một hai một", { path: [], start: 8, end: 11 }, "ba")).toBe("một hai ba");
  });
});
