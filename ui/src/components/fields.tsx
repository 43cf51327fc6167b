// Small form controls bound to a path of the report.
import { useEffect, useLayoutEffect, useRef, useState, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { markedPieces, useFieldFindings } from "../state/findings";
import { formatViDate, formatViNumber, parseViDate, parseViNumber } from "../model/vi";
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

/** A textarea as tall as its text (never a scrollbar inside a field): it grows and shrinks as
 * the text or the field's width changes. */
export function AutoTextarea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const fit = () => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + 2}px`;
  };
  useLayoutEffect(fit, [props.value]);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== width) {
        width = el.clientWidth;
        fit();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // The checks' findings are underlined on a copy of the text drawn behind the field (a
  // textarea cannot style parts of its text); the wrapper is always there, so the field is never
  // re-created (and never loses the cursor) when a finding comes or goes.
  const found = useFieldFindings((props as Record<string, unknown>)["data-path"] as string | undefined);
  const text = String(props.value ?? "");
  return (
    <div className="marked">
      {found.length > 0 && (
        <div className="marks" aria-hidden="true">
          {markedPieces(text, found).map((p, i) =>
            p.level ? (
              <mark key={i} className={p.spelling ? "spell" : p.level}>
                {p.text}
              </mark>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </div>
      )}
      <textarea ref={ref} rows={2} {...props} style={{ ...props.style, overflow: "hidden", resize: "none" }} />
    </div>
  );
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
        <AutoTextarea {...common} onChange={(e) => onChange(e.target.value)} />
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
          <AutoTextarea
            aria-label={`${label} ${i + 1}`}
            name={name}
            data-path={[...path, i].join(".")}
            value={item}
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

/** Up / down / delete buttons for an item of a list. Out of the Tab order: Tab goes from field
 * to field (the buttons are reached with the mouse; the outline moves items with Alt+↑/↓). */
export function RowButtons({ path, index, length, ops }: { path: Path; index: number; length: number; ops: Ops }) {
  return (
    <span className="row-buttons">
      <button type="button" tabIndex={-1} title="Lên" aria-label="Lên" disabled={index === 0} onClick={() => ops.move(path, index - 1)}>
        ↑
      </button>
      <button
        type="button"
        tabIndex={-1}
        title="Xuống"
        aria-label="Xuống"
        disabled={index === length - 1}
        onClick={() => ops.move(path, index + 1)}
      >
        ↓
      </button>
      <button type="button" tabIndex={-1} title="Xóa" aria-label="Xóa" className="danger" onClick={() => ops.remove(path)}>
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
        <Options list={options} />
      </select>
    </div>
  );
}

/** The options of a select: (value, text) pairs. */
export function Options({ list }: { list: readonly (readonly [string, string])[] }) {
  return (
    <>
      {list.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </>
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

/**
 * An input the user types as they read it: `value` is shown formatted; while the field has
 * focus what is typed stays as typed, and each text that `parse` accepts is committed at once.
 * A text it refuses (`undefined`) is outlined, named by `error`, and never committed (nothing
 * typed is dropped); leaving the field shows the accepted value formatted.
 */
export function ParsedInput<T>({
  value,
  format,
  parse,
  onValue,
  error,
  className,
  ...rest
}: {
  value: T;
  /** Must be stable (a module-level function): the field re-shows `value` when it changes. */
  format: (v: T) => string;
  parse: (text: string) => T | undefined;
  onValue: (v: T) => void;
  /** Said after «typed text» when it is refused; without it the bare input is returned. */
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "onFocus" | "onBlur">) {
  const [draft, setDraft] = useState(() => format(value));
  const editingRef = useRef(false);
  useEffect(() => {
    if (!editingRef.current) setDraft(format(value));
  }, [value, format]);
  const parsed = parse(draft);
  const invalid = parsed === undefined;
  const input = (
    <input
      {...rest}
      value={draft}
      aria-invalid={invalid}
      className={[className, invalid ? "invalid" : ""].filter(Boolean).join(" ") || undefined}
      onFocus={() => (editingRef.current = true)}
      onBlur={() => {
        editingRef.current = false;
        if (parsed !== undefined) setDraft(format(parsed));
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = parse(e.target.value);
        if (v !== undefined) onValue(v);
      }}
    />
  );
  if (error === undefined) return input;
  return (
    <span className="vi-input">
      {input}
      {invalid && (
        <span className="field-error" role="alert">
          «{draft}» {error}
        </span>
      )}
    </span>
  );
}

const numberText = (v: number | null) => (v === null ? "" : formatViNumber(v));

/** A number typed the Vietnamese way ("97,5", "1.234"); empty is `null` (to update). */
export function ViNumberInput({
  value,
  onValue,
  label,
  integer,
  dataPath,
  ...rest
}: {
  value: number | null | undefined;
  onValue: (v: number | null) => void;
  label: string;
  placeholder?: string;
  className?: string;
  id?: string;
  title?: string;
  integer?: boolean;
  /** The report path it edits (problems go to the field by it). */
  dataPath?: string;
}) {
  const parse = (text: string): number | null | undefined => {
    if (text.trim() === "") return null;
    const n = parseViNumber(text);
    return n === null || (integer && !Number.isInteger(n)) ? undefined : n;
  };
  return (
    <ParsedInput
      {...rest}
      value={value ?? null}
      format={numberText}
      parse={parse}
      onValue={onValue}
      aria-label={label}
      data-path={dataPath}
      inputMode="decimal"
      error={`không phải ${integer ? "số nguyên" : "số"}: viết như ${integer ? "12 hoặc 1.234" : "97,5 hoặc 1.234"}.`}
    />
  );
}

/** A date typed and shown as day/month/year ("20/05/2019"), stored as "2019-05-20". */
export function ViDateInput({
  value,
  onValue,
  id,
  label,
  name,
}: {
  value: string;
  onValue: (iso: string) => void;
  id?: string;
  label?: string;
  name?: string;
}) {
  return (
    <ParsedInput
      id={id}
      name={name}
      aria-label={label}
      inputMode="numeric"
      placeholder="ngày/tháng/năm"
      value={value}
      format={formatViDate}
      parse={(text) => parseViDate(text) ?? undefined}
      onValue={onValue}
      error="không phải ngày: viết ngày/tháng/năm, ví dụ 20/05/2019."
    />
  );
}
