// «Báo cáo kỳ sau»: asks the new period (the same period a year on, the one year after it, a
// period of the same length after it, or years of one's own) and the kind of report (kept,
// annual, sơ kết, tổng kết) before the next report is made.
import { useLayoutEffect, useRef, useState } from "react";
import type { NewPeriod, ReportKind, Report, RollOptions } from "../bindings/types";
import { Options } from "./fields";

type Choice = "shift" | "one_year" | "same_length" | "range";

/** The years of the report's period (its date's year when it has none). */
function yearsOf(r: Report): [number, number] {
  if (r.period) return [r.period.start_year, r.period.end_year];
  const y = Number(r.header.date.slice(0, 4));
  return [y, y];
}

const span = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

/** The new period each choice gives, as the user reads it. */
export function periodLabel(r: Report, c: Choice): string {
  const [a, b] = yearsOf(r);
  switch (c) {
    case "shift":
      return `lùi một năm: ${span(a + 1, b + 1)}`;
    case "one_year":
      return `một năm: ${b + 1}`;
    case "same_length":
      return `cùng độ dài, ngay sau kỳ trước: ${span(b + 1, b + 1 + (b - a))}`;
    case "range":
      return "tự chọn";
  }
}

const KINDS: [ReportKind | "", string][] = [
  ["", "giữ như báo cáo này"],
  ["annual", "báo cáo kết quả năm"],
  ["so_ket", "sơ kết"],
  ["tong_ket", "tổng kết"],
];

export function NextPeriodDialog({ report, onDone }: { report: Report; onDone: (o: RollOptions | null) => void }) {
  const [a, b] = yearsOf(report);
  const [choice, setChoice] = useState<Choice>("shift");
  const [from, setFrom] = useState(String(b + 1));
  const [to, setTo] = useState(String(b + 1 + (b - a)));
  const [kind, setKind] = useState<ReportKind | "">("");
  const first = useRef<HTMLInputElement>(null);
  const rangeError =
    choice === "range" && !(Number.isInteger(Number(from)) && Number.isInteger(Number(to)) && Number(from) >= 1900 && Number(to) >= Number(from) && Number(to) < 2200)
      ? "Nhập năm bắt đầu và năm kết thúc (năm kết thúc không trước năm bắt đầu)."
      : null;
  const create = () => {
    if (rangeError) return;
    const period: NewPeriod =
      choice === "shift" ? { type: "shift", years: 1 } : choice === "range" ? { type: "range", start_year: Number(from), end_year: Number(to) } : { type: choice };
    onDone({ period, kind: kind === "" ? null : kind });
  };
  useLayoutEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onDone(null);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onDone]);
  const choices: Choice[] = a === b ? ["shift", "range"] : ["shift", "one_year", "same_length", "range"];
  return (
    <div className="modal-backdrop">
      <form
        className="modal next-period"
        role="dialog"
        aria-modal="true"
        aria-label="Báo cáo kỳ sau"
        id="next-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <h2>Báo cáo kỳ sau</h2>
        <p>Kỳ của báo cáo này: {span(a, b)}. Kỳ báo cáo mới:</p>
        {choices.map((c, i) => (
          <label key={c} className="choice">
            <input ref={i === 0 ? first : undefined} type="radio" name="next-period" value={c} checked={choice === c} onChange={() => setChoice(c)} /> {periodLabel(report, c)}
          </label>
        ))}
        {choice === "range" && (
          <div className="two">
            <label>
              Từ năm <input id="next-from" inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              đến năm <input id="next-to" inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
          </div>
        )}
        {rangeError && <p className="hint error">{rangeError}</p>}
        <label>
          Loại báo cáo{" "}
          <select id="next-kind" value={kind} onChange={(e) => setKind(e.target.value as ReportKind | "")}>
            <Options list={KINDS} />
          </select>
        </label>
        <p className="hint">Ngày văn bản đi theo kỳ mới; số văn bản được xóa; số liệu cần cập nhật được liệt kê sau khi tạo.</p>
        <div className="modal-buttons">
          <button type="submit" id="next-create" className="primary" disabled={!!rangeError}>
            Tạo báo cáo kỳ sau
          </button>
          <button type="button" id="next-cancel" onClick={() => onDone(null)}>
            Hủy
          </button>
        </div>
      </form>
    </div>
  );
}
