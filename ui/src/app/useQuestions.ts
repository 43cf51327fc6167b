// The questions the window asks in-app, as promises: the «Lưu / Không lưu / Hủy» kind (Ask) and
// «Báo cáo kỳ sau» asking the new period and kind (NextPeriodDialog).
import { useCallback, useEffect, useState } from "react";
import { api, type Report, type RollOptions } from "../api";
import type { Question } from "../components/Ask";

/** The question on screen and the next-period dialog, with the functions that ask and answer them. */
export function useQuestions() {
  const [asking, setAsking] = useState<{ question: Question; resolve: (v: string) => void } | null>(null);

  /** Asks a question in the window; resolves with the chosen value. A question still open is
   * answered with its cancel choice first, so no caller is left waiting. */
  const ask = useCallback(
    (question: Question) =>
      new Promise<string>((resolve) =>
        setAsking((prev) => {
          prev?.resolve(prev.question.cancel);
          return { question, resolve };
        }),
      ),
    [],
  );
  const answer = useCallback((value: string) => {
    void api.traceClose(`answer «${value}»`);
    // From the state itself, never from a closure of an earlier render.
    setAsking((prev) => {
      prev?.resolve(value);
      return null;
    });
  }, []);

  // The close trace (BAOCAO_TRACE_CLOSE) records when a question is on screen and when it goes.
  useEffect(() => {
    void api.traceClose(asking ? "question on screen" : "no question on screen");
  }, [asking]);

  // A question with one way on and «Hủy» (the default: Enter and Esc both cancel).
  const askGoOn = useCallback(
    async (text: string, label: string, id: string) =>
      (await ask({
        text,
        choices: [
          { value: "go", label, id },
          { value: "cancel", label: "Hủy", id: "ask-cancel" },
        ],
        primary: "cancel",
        cancel: "cancel",
      })) === "go",
    [ask],
  );

  // «Báo cáo kỳ sau» asking the new period and kind: the report it starts from, and the answer.
  const [rolling, setRolling] = useState<{ report: Report; resolve: (o: RollOptions | null) => void } | null>(null);
  const askRoll = useCallback((report: Report) => new Promise<RollOptions | null>((resolve) => setRolling({ report, resolve })), []);
  const rollAnswer = useCallback(
    (o: RollOptions | null) => {
      rolling?.resolve(o);
      setRolling(null);
    },
    [rolling],
  );

  return { asking, ask, answer, askGoOn, rolling, askRoll, rollAnswer };
}
