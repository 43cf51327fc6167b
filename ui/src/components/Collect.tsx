// «Tổng hợp từ đơn vị»: the units expected to report, the deadline, the tables their forms ask
// for; forms out (one per unit, or blank), units' files in (with progress and cancel), then the
// review (CompileReview) before anything enters the report.
import { useEffect, useState } from "react";
import type { Collection, Compiled, Report, TextKind, Unit, UnitState } from "../bindings/types";
import { api, chooseFormsFolder, chooseUnitFiles, chooseUnitList, errorText, type FormTable } from "../api";
import { ParsedInput } from "./fields";
import { formatViDate, parseViDate } from "../model/vi";

const deadlineText = (iso: string) => (iso ? formatViDate(iso) : "");
const parseDeadline = (text: string): string | undefined => (text.trim() === "" ? "" : (parseViDate(text) ?? undefined));
import type { Ops } from "./ops";

/** A new collection for a report that has none (the id is given by the backend at compile). */
function collectionOf(report: Report): Collection {
  return report.collection ?? { id: "", units: [], deadline: null, received: [], previous: [] };
}

interface PanelProps {
  report: Report;
  ops: Ops;
  /** Starts reading the units' files (App shows progress, then the review). */
  onReceive: (paths: string[]) => void;
  onNotice: (text: string, error?: boolean) => void;
}

/** The panel in the editor's middle column. */
export function CollectPanel({ report, ops, onReceive, onNotice }: PanelProps) {
  const c = collectionOf(report);
  const [text, setText] = useState(() => c.units.map((u) => u.name).join("\n"));
  const [tables, setTables] = useState<FormTable[]>([]);
  const unitsKey = c.units.map((u) => u.name).join("\n");
  // Another report, an undo, or an import from a file: show the list as the report has it.
  const [shown, setShown] = useState(unitsKey);
  if (shown !== unitsKey) {
    setShown(unitsKey);
    setText(unitsKey);
  }
  useEffect(() => {
    let live = true;
    api
      .formTables(report)
      .then((t) => live && setTables(t))
      .catch(() => live && setTables([]));
    return () => {
      live = false;
    };
  }, [report]);

  const setUnits = (units: Unit[]) => ops.set(["collection"], { ...c, units });
  const commitText = async () => {
    if (text === unitsKey) return;
    try {
      // The list shows names only: a unit kept keeps the kind and contact it had.
      const parsed = await api.unitsFromText(text);
      setUnits(
        parsed.map((u) => {
          const had = c.units.find((o) => o.name === u.name);
          return had && !u.kind && !u.contact ? { ...u, kind: had.kind, contact: had.contact } : u;
        }),
      );
    } catch (e) {
      onNotice(errorText(e), true);
    }
  };
  const importList = async () => {
    try {
      const path = await chooseUnitList();
      if (!path) return;
      const units = await api.unitsFromFile(path);
      setUnits(units);
      onNotice(`Đã nhập ${units.length} đơn vị từ «${path.split(/[\\/]/).pop()}».`);
    } catch (e) {
      onNotice(errorText(e), true);
    }
  };
  const exportForms = async () => {
    try {
      if (tables.length === 0) {
        onNotice("Báo cáo chưa có bảng số liệu nào để đơn vị điền: thêm bảng ở phụ lục, hoặc đánh dấu «Thu thập từ đơn vị» ở một bảng.", true);
        return;
      }
      const folder = await chooseFormsFolder();
      if (!folder) return;
      const n = await api.exportForms(report, folder);
      onNotice(`Đã tạo ${n} biểu mẫu (${n - 1} đơn vị và 1 biểu mẫu trống) trong «${folder}».`);
    } catch (e) {
      onNotice(errorText(e), true);
    }
  };
  const receive = async () => {
    const paths = await chooseUnitFiles();
    if (paths.length > 0) onReceive(paths);
  };

  return (
    <div className="form collect" data-form="collection" id="collect-panel">
      <h2>Tổng hợp từ đơn vị</h2>
      <p className="hint">
        Mỗi đơn vị điền số liệu vào biểu mẫu Excel; chương trình cộng số, ghi rõ số nào của đơn vị nào, và liệt kê đơn vị chưa gửi. Không có gì vào báo cáo trước khi bạn xem lại và đồng ý.
      </p>
      <label className="field">
        <span>Đơn vị phải báo cáo ({c.units.length}) — mỗi dòng một đơn vị, có thể dán từ Excel</span>
        <textarea
          id="units-text"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void commitText()}
          placeholder={"Đảng ủy xã Hòa Lợi\nĐảng ủy xã Long Khánh\nChi bộ Công an huyện"}
        />
      </label>
      <div className="table-actions">
        <button type="button" id="units-import" onClick={() => void importList()}>
          Nhập danh sách từ Excel…
        </button>
      </div>
      <label className="field">
        <span>Hạn gửi báo cáo (tệp gửi sau ngày này tính là trễ hạn)</span>
        <ParsedInput
          id="collect-deadline"
          inputMode="numeric"
          placeholder="ngày/tháng/năm (để trống nếu không có hạn)"
          value={c.deadline ?? ""}
          format={deadlineText}
          parse={parseDeadline}
          onValue={(iso) => ops.set(["collection"], { ...c, deadline: iso || null })}
          error="không phải ngày: viết ngày/tháng/năm, ví dụ 20/11/2026."
        />
      </label>
      <h3>Các bảng trong biểu mẫu ({tables.length})</h3>
      {tables.length === 0 ? (
        <p className="hint">
          Chưa có bảng nào: bảng số liệu ở phụ lục được đưa vào biểu mẫu; bảng ở nơi khác thì đánh dấu «Thu thập từ đơn vị»; số liệu trong câu («Kết quả và số liệu») thì đánh dấu «thu thập».
        </p>
      ) : (
        <ul className="collect-tables" id="collect-tables">
          {tables.map((t) => (
            <li key={t.sheet}>
              <strong>{t.sheet}</strong>: {t.title} — {t.rows} dòng, {t.inputs} ô số
              {t.rules.length > 0 && <span className="hint"> · kiểm tra: {t.rules.join("; ")}</span>}
              {t.problems.map((p) => (
                <div key={p.message} className="field-error" role="alert" data-code={p.code}>
                  {p.message}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
      <div className="table-actions">
        <button type="button" id="forms-export" onClick={() => void exportForms()}>
          Tạo biểu mẫu cho các đơn vị…
        </button>
        <button type="button" id="collect-files" className="primary" onClick={() => void receive()}>
          Nhận biểu mẫu, báo cáo của đơn vị…
        </button>
      </div>
      {(c.received?.length ?? 0) > 0 && (
        <p className="hint" id="collect-last">
          Lần tổng hợp trước: {c.received?.length} đơn vị.
        </p>
      )}
    </div>
  );
}

/** Progress of reading the units' files, with «Hủy». */
export function CollectProgress({ done, total, file, onCancel }: { done: number; total: number; file: string; onCancel: () => void }) {
  return (
    <div className="collect-progress" id="collect-progress" role="status">
      <span>
        Đang đọc tệp {Math.min(done + 1, total)}/{total}
        {file ? `: ${file}` : ""}
      </span>
      <span className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <span style={{ width: `${total > 0 ? (100 * done) / total : 0}%` }} />
      </span>
      <button type="button" id="collect-cancel" onClick={onCancel}>
        Hủy
      </button>
    </div>
  );
}

const STATE_LABEL: Record<UnitState, string> = {
  received: "Đã nhận",
  late: "Trễ hạn",
  rejected: "Có lỗi, chưa lấy",
  missing: "Chưa gửi",
  unlisted: "Ngoài danh sách",
};

const KIND_LABEL: Record<TextKind, string> = {
  achievement: "Kết quả",
  model: "Mô hình",
  shortcoming: "Hạn chế",
  proposal: "Kiến nghị",
};

interface ReviewProps {
  compiled: Compiled;
  excluded: string[];
  picks: string[];
  onToggleFile: (file: string) => void;
  onTogglePick: (key: string) => void;
  onAccept: () => void;
  onCancel: () => void;
}

/** The key of a text item for picking. */
export const pickKey = (t: { unit: string; kind: TextKind; text: string }) => `${t.unit}\u0001${t.kind}\u0001${t.text}`;

/** The review: reporting rate, units, files (each can be left out), findings, text items to pick. */
export function CompileReview({ compiled, excluded, picks, onToggleFile, onTogglePick, onAccept, onCancel }: ReviewProps) {
  const r = compiled.review;
  return (
    <div className="import-review compile-review" id="compile-review">
      <header className="toolbar">
        <strong id="collect-rate">{r.rate}</strong>
        <button type="button" className="primary" id="collect-accept" onClick={onAccept}>
          Đưa vào báo cáo
        </button>
        <button type="button" id="collect-cancel-review" onClick={onCancel}>
          Hủy
        </button>
      </header>
      <div className="import-summary">
        <p>
          Điền <strong>{r.figures}</strong> số liệu của báo cáo từ <strong>{r.files.filter((f) => f.taken).length}</strong> tệp; thêm phụ lục «Số liệu theo đơn vị».
          {r.blocking > 0 && (
            <span className="notice error" role="alert">
              {" "}
              Còn {r.blocking} lỗi: số liệu của tệp có lỗi chưa được cộng (sửa tệp rồi nhận lại, hoặc bỏ chọn tệp).
            </span>
          )}
        </p>
        {r.missing.length > 0 && (
          <p id="collect-missing">
            Chưa gửi ({r.missing.length}): {r.missing.join("; ")}.
          </p>
        )}
      </div>
      <div className="import-columns">
        <section aria-label="Tệp và lỗi">
          <h2>Tệp nhận được ({r.files.length})</h2>
          <ul className="collect-files">
            {r.files.map((f) => (
              <li key={f.file} data-taken={f.taken}>
                <label className="check">
                  <input type="checkbox" name="include" checked={!excluded.includes(f.file)} onChange={() => onToggleFile(f.file)} /> {f.file}
                </label>
                <span className="hint">
                  {" "}
                  — {f.unit ?? "không rõ đơn vị"}
                  {f.taken ? `, ${f.figures} số liệu` : f.excluded ? ", bỏ qua" : ", chưa lấy"}
                </span>
              </li>
            ))}
          </ul>
          <h2>Kiểm tra ({r.findings.length})</h2>
          <ul className="collect-findings" id="collect-findings">
            {r.findings.map((f, i) => (
              <li key={i} className={f.severity} data-blocking={f.severity === "blocking"} data-code={f.code}>
                <span className="mark-tag">{f.severity === "blocking" ? "Lỗi" : "Lưu ý"}</span>
                {f.place_words}
                {f.place_words ? ": " : ""}
                {f.message}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Đơn vị và nội dung">
          <h2>Đơn vị ({r.expected})</h2>
          <ul className="collect-units" id="collect-units">
            {r.units.map((u) => (
              <li key={u.name} data-state={u.state}>
                <span className={`mark-tag state-${u.state}`}>{STATE_LABEL[u.state]}</span>
                {u.name}
              </li>
            ))}
          </ul>
          <h2>Nội dung đơn vị gửi ({r.texts.length})</h2>
          <ul className="collect-texts" id="collect-texts">
            {r.texts.map((t) => {
              const key = pickKey(t);
              const on = picks.includes(key);
              return (
                <li key={key}>
                  <button type="button" data-pick={t.kind} aria-pressed={on} onClick={() => onTogglePick(key)}>
                    {on ? "✓ Đã chọn" : "Đưa vào"}
                  </button>{" "}
                  <span className="mark-tag">{KIND_LABEL[t.kind]}</span>
                  {t.text} <span className="hint">({t.unit})</span>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </div>
  );
}
