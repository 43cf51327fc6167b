import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import type { Report } from "../bindings/types";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";
import { HeaderForm } from "./Forms";
import { insertAt, moveTo, removeAt, setIn, type Path } from "../model/tree";

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
  it("names the Party guidance the document's date gives, and lets the user pin the other", () => {
    render(<Harness initial={withHeader("dang", "2026-06-15")} />);
    expect(select().value).toBe("dang");
    expect([...select().options].map((o) => o.value)).toEqual(["dang", "hd36", "hd05", "nd30"]);
    expect(select().options[0].textContent).toContain("Hướng dẫn 05-HD/VPTW");
    expect(note()?.textContent).toBe("Áp dụng Hướng dẫn 05-HD/VPTW (2026): văn bản ngày từ 27/05/2026.");
    fireEvent.change(select(), { target: { value: "hd36" } });
    expect(screen.getByTestId("profile").textContent).toBe("hd36");
    expect(note()?.getAttribute("data-profile-note")).toBe("outdated");
    fireEvent.click(screen.getByText("Dùng theo ngày văn bản"));
    expect(screen.getByTestId("profile").textContent).toBe("dang");
  });

  it("keeps an old file's HD 36 dated 2019 without a warning", () => {
    render(<Harness initial={withHeader("hd36", "2019-05-20")} />);
    expect(select().value).toBe("hd36");
    expect(note()?.getAttribute("data-profile-note")).toBe("ok");
    expect(screen.queryByText("Dùng theo ngày văn bản")).toBeNull();
  });
});
