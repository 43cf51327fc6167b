import { describe, expect, it } from "vitest";
import { applicableProfile, PARTY_AUTO, profileNote, profileOptions } from "./profiles";

describe("the Party guidance follows the document's date", () => {
  it("gives HD 36 before 27/5/2026 and HD 05 from then, for every day around the change", () => {
    const start = Date.UTC(2026, 3, 1);
    for (let day = 0; day < 120; day++) {
      const iso = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      const want = iso >= "2026-05-27" ? "hd05" : "hd36";
      expect(applicableProfile(PARTY_AUTO, iso)).toBe(want);
      expect(profileOptions(PARTY_AUTO, iso)[0][1]).toContain(want === "hd05" ? "05-HD/VPTW" : "36-HD/VPTW");
    }
    expect(applicableProfile("hd36", "2026-06-15")).toBe("hd36");
    expect(applicableProfile("nd30", "2026-06-15")).toBe("nd30");
    expect(applicableProfile(PARTY_AUTO, "2010-01-01")).toBe("hd36");
  });

  it("says which applies and warns when the other one is chosen", () => {
    expect(profileNote(PARTY_AUTO, "2026-06-15")).toEqual({
      text: "Áp dụng Hướng dẫn 05-HD/VPTW (2026): văn bản ngày từ 27/05/2026.",
      outdated: false,
    });
    expect(profileNote(PARTY_AUTO, "2019-05-15")?.text).toBe(
      "Áp dụng Hướng dẫn 36-HD/VPTW (2018): văn bản ngày trước 27/05/2026.",
    );
    expect(profileNote("hd36", "2026-06-15")?.outdated).toBe(true);
    expect(profileNote("hd05", "2026-06-15")?.outdated).toBe(false);
    expect(profileNote("nd30", "2026-06-15")).toBeNull();
  });

  it("keeps a user's own profile among the choices", () => {
    const ids = profileOptions("cua-toi", "2026-06-15").map(([id]) => id);
    expect(ids).toEqual(["dang", "hd36", "hd05", "nd30", "cua-toi"]);
  });
});
