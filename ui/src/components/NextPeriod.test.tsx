import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import type { Report } from "../bindings/types";
import sample from "../../../templates/samples/so-ket-03-nam-chi-thi-05.json";
import { NextPeriodDialog, periodLabel } from "./NextPeriod";

const report = { ...(sample as unknown as Report), period: { start_year: 2016, end_year: 2019 } };

describe("Báo cáo kỳ sau", () => {
  it("names each new period in years", () => {
    expect(periodLabel(report, "shift")).toContain("2017–2020");
    expect(periodLabel(report, "one_year")).toContain("2020");
    expect(periodLabel(report, "same_length")).toContain("2020–2023");
  });

  it("returns the period and kind chosen, and refuses a range ending before it starts", () => {
    const done = vi.fn();
    render(<NextPeriodDialog report={report} onDone={done} />);
    fireEvent.click(screen.getByLabelText(/tự chọn/));
    fireEvent.change(document.querySelector("#next-from")!, { target: { value: "2021" } });
    fireEvent.change(document.querySelector("#next-to")!, { target: { value: "2020" } });
    expect((document.querySelector("#next-create") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(document.querySelector("#next-to")!, { target: { value: "2025" } });
    fireEvent.change(document.querySelector("#next-kind")!, { target: { value: "tong_ket" } });
    fireEvent.click(document.querySelector("#next-create")!);
    expect(done).toHaveBeenCalledWith({ period: { type: "range", start_year: 2021, end_year: 2025 }, kind: "tong_ket" });
  });
});
