// An in-app question with buttons (Word's «Lưu / Không lưu / Hủy»): Enter answers with the
// primary button, Esc with the cancel one. In-app rather than a native dialog, so it has exactly
// these buttons and the end-to-end tests can drive it.
import { useLayoutEffect, useRef } from "react";

export interface Choice {
  /** Returned when chosen. */
  value: string;
  /** Button text. */
  label: string;
  /** Element id (for tests). */
  id: string;
}

export interface Question {
  text: string;
  choices: Choice[];
  /** Value of the choice Enter picks. */
  primary: string;
  /** Value of the choice Esc picks. */
  cancel: string;
}

export function Ask({ question, onAnswer }: { question: Question; onAnswer: (value: string) => void }) {
  const primaryRef = useRef<HTMLButtonElement>(null);
  // A layout effect, not a passive one: the keys are listened to from the moment the question is
  // in the page. With useEffect, an Esc pressed as the question appeared (before the effect ran,
  // later under load) was lost and the question stayed (seen in the e2e close trace).
  useLayoutEffect(() => {
    primaryRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onAnswer(e.key === "Enter" ? question.primary : question.cancel);
      } else if (e.ctrlKey || e.metaKey) {
        // No shortcuts (Ctrl+S, Ctrl+O…) behind the question.
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [question, onAnswer]);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-label="Soạn Báo Cáo" id="ask-dialog">
        <p>{question.text}</p>
        <div className="modal-buttons">
          {question.choices.map((c) => (
            <button
              key={c.value}
              type="button"
              id={c.id}
              ref={c.value === question.primary ? primaryRef : undefined}
              className={c.value === question.primary ? "primary" : undefined}
              onClick={() => onAnswer(c.value)}
            >
              {c.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
