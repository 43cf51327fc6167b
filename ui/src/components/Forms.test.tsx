import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import type { Report } from "../bindings/types";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";
import { HeaderForm } from "./Forms";
import { insertAt, moveTo, removeAt, setIn, type Path } from "../model/tree";

// The engine's answers (`outline::profile_choices`, tested in the engine's tests/outline.rs) for
// the dates below.
vi.mock("../api", () => ({
  api: {
    profileChoices: async (profile: string, date: string) => {
      const due = date >= "2026-05-27" ? "Hướng dẫn 05-HD/VPTW (2026)" : "Hướng dẫn 36-HD/VPTW (2018)";
      const options = [
        { id: "dang", label: `Văn bản của Đảng, theo ngày văn bản (${due})` },
        { id: "hd36", label: "Văn bản của Đảng, luôn theo Hướng dẫn 36-HD/VPTW (2018)" },
        { id: "hd05", label: "Văn bản của Đảng, luôn theo Hướng dẫn 05-HD/VPTW (2026)" },
        { id: "nd30", label: "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)" },
      ];
      const notes: Record<string, { text: string; outdated: boolean }> = {
        "dang 2026-06-15": { text: "Áp dụng Hướng dẫn 05-HD/VPTW (2026): văn bản ngày từ 27/05/2026.", outdated: false },
        "hd36 2026-06-15": { text: "Văn bản ngày 15/06/2026 theo Hướng dẫn 05-HD/VPTW (2026), nhưng đang chọn Hướng dẫn 36-HD/VPTW (2018).", outdated: true },
        "hd36 2019-05-20": { text: "Áp dụng Hướng dẫn 36-HD/VPTW (2018), đúng với ngày văn bản.", outdated: false },
      };
      return { options, note: notes[`${profile} ${date}`] ?? null };
    },
  },
}));

function Harness({ initial }: { initial: Report }) {
  const [report, setReport] = useState(initial);
  const ops = {
    set: (p: Path, v: unknown) => setReport((r) => setIn(r, p, v)),
    insert: (p: Path, v: unknown, i?: number) => setReport((r) => insertAt(r, p, v, i)),
    remove: (p: Path) => setReport((r) => removeAt(r, p)),
    move: (p: Path, to: number) => setReport((r) => moveTo(r, p, to)),
  };
  return (
    <>
      <HeaderForm report={report} ops={ops} />
      <pre data-testid="profile">{report.header.profile}</pre>
    </>
  );
}

const withHeader = (profile: string, date: string) => {
  const r = structuredClone(sample) as unknown as Report;
  r.header.profile = profile;
  r.header.date = date;
  return r;
};
const select = () => screen.getByLabelText("Thể thức") as HTMLSelectElement;
const note = () => document.querySelector("[data-profile-note]");

describe("«Thể thức» in the header form", () => {
  it("names the Party guidance the document's date gives, and lets the user pin the other", async () => {
    render(<Harness initial={withHeader("dang", "2026-06-15")} />);
    expect(select().value).toBe("dang");
    // Until the engine answers: the profile named, no note.
    expect(note()).toBeNull();
    await screen.findByText(/theo ngày văn bản \(/);
    expect([...select().options].map((o) => o.value)).toEqual(["dang", "hd36", "hd05", "nd30"]);
    expect(select().options[0].textContent).toContain("Hướng dẫn 05-HD/VPTW");
    expect(note()?.textContent).toBe("Áp dụng Hướng dẫn 05-HD/VPTW (2026): văn bản ngày từ 27/05/2026.");
    fireEvent.change(select(), { target: { value: "hd36" } });
    expect(screen.getByTestId("profile").textContent).toBe("hd36");
    await waitFor(() => expect(note()?.getAttribute("data-profile-note")).toBe("outdated"));
    fireEvent.click(screen.getByText("Dùng theo ngày văn bản"));
    expect(screen.getByTestId("profile").textContent).toBe("dang");
  });

  it("keeps an old file's HD 36 dated 2019 without a warning", async () => {
    render(<Harness initial={withHeader("hd36", "2019-05-20")} />);
    expect(select().value).toBe("hd36");
    await waitFor(() => expect(note()?.getAttribute("data-profile-note")).toBe("ok"));
    expect(screen.queryByText("Dùng theo ngày văn bản")).toBeNull();
  });
});
