// Small form controls bound to a path of the report.
import type { ReactNode } from "react";
import type { Path } from "../model/tree";
import type { Ops } from "./ops";

/** A stable element id for the field at a path (one field per path on screen). */
const fieldId = (path: Path) => `f-${path.join("-")}`;

interface TextProps {
  label: string;
  path: Path;
  value: string | null | undefined;
  ops: Ops;
  multiline?: boolean;
  placeholder?: string;
  hint?: string;
  optional?: boolean;
  name?: string;
}

/** A labelled text input or textarea; empty optional fields are stored as absent. */
export function TextField({ label, path, value, ops, multiline, placeholder, hint, optional, name }: TextProps) {
  const id = fieldId(path);
  const onChange = (v: string) => ops.set(path, optional && v === "" ? undefined : v);
  const common = { id, name, "data-path": path.join("."), value: value ?? "", placeholder };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(12, Math.max(2, Math.ceil((value ?? "").length / 90)))}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && <div className="hint">{hint}</div>}
    </div>
  );
}

interface ListProps {
  label: string;
  path: Path;
  items: string[];
  ops: Ops;
  /** Printed before each item (e.g. "Một là,"), shown, never typed. */
  prefix?: (i: number) => string;
  addLabel: string;
  name?: string;
}

/** A list of paragraphs with add, delete and reorder. */
export function ListField({ label, path, items, ops, prefix, addLabel, name }: ListProps) {
  return (
    <div className="field list">
      <div className="list-label">{label}</div>
      {items.map((item, i) => (
        <div className="list-row" key={i}>
          {prefix && <span className="prefix">{prefix(i)}</span>}
          <textarea
            aria-label={`${label} ${i + 1}`}
            name={name}
            data-path={[...path, i].join(".")}
            value={item}
            rows={Math.min(8, Math.max(2, Math.ceil(item.length / 80)))}
            onChange={(e) => ops.set([...path, i], e.target.value)}
          />
          <RowButtons path={[...path, i]} index={i} length={items.length} ops={ops} />
        </div>
      ))}
      <button type="button" className="add" onClick={() => ops.insert(path, "")}>
        + {addLabel}
      </button>
    </div>
  );
}

/** Up / down / delete buttons for an item of a list. */
export function RowButtons({ path, index, length, ops }: { path: Path; index: number; length: number; ops: Ops }) {
  return (
    <span className="row-buttons">
      <button type="button" title="Lên" aria-label="Lên" disabled={index === 0} onClick={() => ops.move(path, index - 1)}>
        ↑
      </button>
      <button
        type="button"
        title="Xuống"
        aria-label="Xuống"
        disabled={index === length - 1}
        onClick={() => ops.move(path, index + 1)}
      >
        ↓
      </button>
      <button type="button" title="Xoá" aria-label="Xoá" className="danger" onClick={() => ops.remove(path)}>
        ✕
      </button>
    </span>
  );
}

/** A select bound to a path. */
export function SelectField<T extends string>({
  label,
  path,
  value,
  options,
  ops,
}: {
  label: string;
  path: Path;
  value: T;
  options: [T, string][];
  ops: Ops;
}) {
  const id = fieldId(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-path={path.join(".")} onChange={(e) => ops.set(path, e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="form-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
