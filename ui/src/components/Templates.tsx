// Templates: the list on the start screen, the new-report wizard, the template manager, and
// "save as template".
import { useEffect, useState } from "react";
import { ViDateInput } from "./fields";
import {
  api,
  chooseTemplateExportPath,
  chooseTemplateToImport,
  confirm,
  errorText,
  type Report,
  type TemplateInfo,
  type Wizard as WizardData,
  type WizardState as WizardStateData,
} from "../api";

/** Templates to start from, on the start screen. */
export function TemplateList({ templates, onUse }: { templates: TemplateInfo[]; onUse: (id: string) => void }) {
  return (
    <div className="templates">
      <h2>Báo cáo mới từ mẫu</h2>
      <ul>
        {templates.map((t, i) => (
          <li key={t.id} data-template={t.id}>
            <div>
              <strong>{t.name}</strong>
              {!t.builtin && <span className="tag">mẫu của bạn</span>}
              <div className="hint">{t.description}</div>
            </div>
            <button type="button" className={i === 0 ? "primary" : undefined} onClick={() => onUse(t.id)}>
              Dùng mẫu này
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The short wizard: the template's blanks. Answers not typed follow the ones they depend on
 * («Năm cuối» 2019 makes «Năm bắt đầu» 2016 and the date 2019); contradicting answers are
 * named and «Tạo báo cáo» waits until they agree. */
export function Wizard({ id, onCreated, onCancel }: { id: string; onCreated: (r: Report) => void; onCancel: () => void }) {
  const [data, setData] = useState<WizardData | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [state, setState] = useState<WizardStateData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .templateWizard(id)
      .then(setData)
      .catch((e) => setError(errorText(e)));
  }, [id]);
  useEffect(() => {
    let current = true;
    api
      .wizardState(id, typed)
      .then((s) => current && setState(s))
      .catch((e) => setError(errorText(e)));
    return () => {
      current = false;
    };
  }, [id, typed]);
  // What the user typed shows as typed at once; the others as the engine linked them.
  const answers: Record<string, string> = {
    ...(state?.values ?? Object.fromEntries((data?.questions ?? []).map((q) => [q.key, q.default]))),
    ...typed,
  };
  const type = (key: string, value: string) => setTyped((t) => ({ ...t, [key]: value }));
  const contradictions = state?.contradictions ?? [];
  const missing = state?.missing ?? [];
  const create = async () => {
    try {
      onCreated(await api.newFromTemplate(id, typed));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="wizard" role="dialog" aria-label="Tạo báo cáo từ mẫu">
      <h2>{data?.name ?? "Mẫu báo cáo"}</h2>
      {data && <p className="hint">{data.description}</p>}
      {data?.questions.map((q) => (
        <div className="field" key={q.key}>
          <label htmlFor={`q-${q.key}`}>{q.label}</label>
          {q.kind === "date" ? (
            <ViDateInput id={`q-${q.key}`} name={q.key} value={answers[q.key] ?? ""} onValue={(iso) => type(q.key, iso)} />
          ) : q.choices.length > 0 ? (
            <select id={`q-${q.key}`} name={q.key} value={answers[q.key] ?? ""} onChange={(e) => type(q.key, e.target.value)}>
              {!q.choices.includes(answers[q.key] ?? "") && <option value={answers[q.key] ?? ""}>(chọn)</option>}
              {q.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`q-${q.key}`}
              name={q.key}
              type={q.kind === "year" ? "number" : "text"}
              value={answers[q.key] ?? ""}
              onChange={(e) => type(q.key, e.target.value)}
            />
          )}
          {q.hint && <div className="hint">{q.hint}</div>}
        </div>
      ))}
      {missing.length > 0 && (
        <p className="hint" id="wizard-missing">
          Còn phải điền: {missing.map((m) => `«${m}»`).join(", ")}.
        </p>
      )}
      {contradictions.length > 0 && (
        <ul className="notice error" role="alert" id="wizard-contradictions">
          {contradictions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
      <div className="start-actions">
        <button type="button" className="primary" id="wizard-create" disabled={!data || !state || contradictions.length > 0 || missing.length > 0} onClick={create}>
          Tạo báo cáo
        </button>
        <button type="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </div>
  );
}

/** The template manager: the user's templates, rename, delete, export, import. */
export function TemplateManager({ onClose }: { onClose: () => void }) {
  const [list, setList] = useState<TemplateInfo[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const reload = () =>
    api.listTemplates().then((l) => {
      setList(l);
      setNames(Object.fromEntries(l.map((t) => [t.id, t.name])));
    });
  useEffect(() => {
    reload().catch((e) => setNote({ text: errorText(e), error: true }));
  }, []);
  const run = async (f: () => Promise<string | void>, ok: string) => {
    try {
      const r = await f();
      setNote({ text: typeof r === "string" ? `${ok} (${r})` : ok, error: false });
      await reload();
    } catch (e) {
      setNote({ text: errorText(e), error: true });
    }
  };
  return (
    <div className="start manager">
      <h1>Quản lý mẫu</h1>
      {note && (
        <div className={`notice ${note.error ? "error" : "info"}`} role={note.error ? "alert" : "status"} id="manager-notice">
          {note.text}
        </div>
      )}
      <ul className="template-rows">
        {list.map((t) => (
          <li key={t.id} data-template={t.id}>
            {t.builtin ? (
              <span className="name">{t.name}</span>
            ) : (
              <input aria-label={`Tên mẫu ${t.id}`} value={names[t.id] ?? ""} onChange={(e) => setNames({ ...names, [t.id]: e.target.value })} />
            )}
            <span className="tag">{t.builtin ? "có sẵn" : "của bạn"}</span>
            {!t.builtin && (
              <button type="button" onClick={() => run(() => api.renameTemplate(t.id, names[t.id] ?? ""), "Đã đổi tên.")}>
                Đổi tên
              </button>
            )}
            <button
              type="button"
              onClick={() =>
                run(async () => {
                  const path = await chooseTemplateExportPath(t.id);
                  if (path) return api.exportTemplate(t.id, path);
                }, "Đã xuất mẫu")
              }
            >
              Xuất ra tệp
            </button>
            {!t.builtin && (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  run(async () => {
                    if (await confirm(`Xóa mẫu «${t.name}»?`)) await api.deleteTemplate(t.id);
                  }, "Đã xóa (nếu bạn đồng ý).")
                }
              >
                Xóa
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="start-actions">
        <button
          type="button"
          id="import-template"
          onClick={() =>
            run(async () => {
              const path = await chooseTemplateToImport();
              if (path) return api.importTemplate(path);
            }, "Đã nhập mẫu")
          }
        >
          Nhập mẫu từ tệp…
        </button>
        <button type="button" onClick={onClose}>
          Trở lại
        </button>
      </div>
    </div>
  );
}

/** Asks a name and saves the report as a template. */
export function SaveAsTemplate({ report, onDone }: { report: Report; onDone: (text: string, error: boolean) => void }) {
  const [name, setName] = useState(`Mẫu: ${report.header.subject.split("\n")[0]}`);
  return (
    <div className="wizard inline" role="dialog" aria-label="Lưu làm mẫu">
      <label htmlFor="template-name">Tên mẫu</label>
      <input id="template-name" value={name} onChange={(e) => setName(e.target.value)} />
      <p className="hint" id="template-what">
        Mẫu giữ bố cục và lời văn; số liệu để trống (số liệu bảng kỳ này thành cột «kỳ trước»), số văn bản bỏ trống; khi dùng
        mẫu sẽ hỏi năm, ngày ban hành, địa danh và người ký.
      </p>
      <button
        type="button"
        className="primary"
        id="template-save"
        onClick={async () => {
          try {
            const id = await api.saveAsTemplate(report, name);
            onDone(`Đã lưu mẫu «${name}» (mã ${id}).`, false);
          } catch (e) {
            onDone(errorText(e), true);
          }
        }}
      >
        Lưu mẫu
      </button>
      <button type="button" onClick={() => onDone("", false)}>
        Hủy
      </button>
    </div>
  );
}
