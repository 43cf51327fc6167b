// «Kiểm tra trước khi xuất»: the live preview's findings under the form, errors first, each
// with its place in words (named by the engine) and going to its field, with «Sửa» and «Thêm
// vào từ điển» where they apply.
import type { Diagnostic } from "../bindings/types";
import { locate, parsePath, type Path } from "../model/tree";
import type { OutlineItem } from "../state/view";

/** The name of each severity, as the panel shows it. */
const LEVEL_LABEL: Record<Diagnostic["severity"], string> = { blocking: "Lỗi", warning: "Cảnh báo", suggestion: "Gợi ý" };

interface ProblemsPanelProps {
  /** The engine's outline: a problem's field is opened in its deepest entry. */
  items: OutlineItem[];
  /** The findings (at least one: the panel is shown only then). */
  problems: Diagnostic[];
  /** Opens the outline entry `select` and goes to the field `path` (`range`: the span in it). */
  onGo: (select: Path, path: Path, range?: [number, number]) => void;
  onFix: (p: Diagnostic) => void;
  onAddWord: (word: string) => void;
}

/** The list of findings, by level, with counts and per-finding actions. */
export function ProblemsPanel({ items, problems, onGo, onFix, onAddWord }: ProblemsPanelProps) {
  const blocking = problems.filter((p) => p.severity === "blocking");
  const warnings = problems.filter((p) => p.severity === "warning");
  const suggestions = problems.filter((p) => p.severity === "suggestion");
  return (
    <div className="problems" aria-label="Kiểm tra trước khi xuất">
      <h2>Kiểm tra trước khi xuất</h2>
      <div className="counts">
        {blocking.length} lỗi, {warnings.length} cảnh báo, {suggestions.length} gợi ý
      </div>
      <ul>
        {[...blocking, ...warnings, ...suggestions].map((p, i) => {
          const path = p.path ? parsePath(p.path) : null;
          return (
            <li key={`${p.path}:${p.span?.[0] ?? ""}:${p.code}:${i}`} className={p.severity} data-code={p.code}>
              <button type="button" className="link problem" onClick={() => path && onGo(locate(path, items), path, p.span ? [p.span[0], p.span[1]] : undefined)} disabled={!path}>
                <strong>{LEVEL_LABEL[p.severity]}</strong>
                {p.place_words ? ` — ${p.place_words}` : ""}: {p.message}
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
