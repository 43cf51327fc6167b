// «Kiểm tra trước khi xuất»: the live preview's findings under the form, errors first, each
// going to its field, with «Sửa» and «Thêm vào từ điển» where they apply.
import type { Finding, Report } from "../bindings/types";
import { describeProblem, outline, type Path } from "../model/tree";

/** The name of each level of finding, as the panel shows it. */
const LEVEL_LABEL: Record<Finding["level"], string> = { blocking: "Lỗi", warning: "Cảnh báo", suggestion: "Gợi ý" };

interface ProblemsPanelProps {
  report: Report;
  /** The findings (at least one: the panel is shown only then). */
  problems: Finding[];
  /** Opens the outline entry `select` and goes to the field `path` (`range`: the span in it). */
  onGo: (select: Path, path: Path, range?: [number, number]) => void;
  onFix: (p: Finding) => void;
  onAddWord: (word: string) => void;
}

/** The list of findings, by level, with counts and per-finding actions. */
export function ProblemsPanel({ report, problems, onGo, onFix, onAddWord }: ProblemsPanelProps) {
  const blocking = problems.filter((p) => p.level === "blocking");
  // The outline the problems are placed in, made once per render (not once per problem).
  const problemOutline = problems.length > 0 ? outline(report) : [];
  const warnings = problems.filter((p) => p.level === "warning");
  const suggestions = problems.filter((p) => p.level === "suggestion");
  return (
    <div className="problems" aria-label="Kiểm tra trước khi xuất">
      <h2>Kiểm tra trước khi xuất</h2>
      <div className="counts">
        {blocking.length} lỗi, {warnings.length} cảnh báo, {suggestions.length} gợi ý
      </div>
      <ul>
        {[...blocking, ...warnings, ...suggestions].map((p, i) => {
          const place = p.path ? describeProblem(report, p.path, problemOutline) : null;
          return (
            <li key={`${p.path}:${p.span?.[0] ?? ""}:${p.rule}:${i}`} className={p.level} data-rule={p.rule}>
              <button type="button" className="link problem" onClick={() => place && onGo(place.select, place.path, p.span ? [p.span[0], p.span[1]] : undefined)} disabled={!place}>
                <strong>{LEVEL_LABEL[p.level]}</strong>
                {place ? ` — ${place.where}` : ""}: {p.message}
              </button>
              <span className="fix-actions">
                {p.fix !== null && (
                  <button type="button" className="fix" title={`Sửa thành «${p.fix}» (Ctrl+Z để hoàn tác)`} onClick={() => onFix(p)}>
                    Sửa
                  </button>
                )}
                {p.word !== null && (
                  <button type="button" className="add-word" title="Không coi là lỗi nữa, ở mọi báo cáo" onClick={() => onAddWord(p.word as string)}>
                    Thêm vào từ điển
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
