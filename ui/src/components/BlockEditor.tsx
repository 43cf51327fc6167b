// Editors for each typed block: paragraphs, lines, results with figures, shortcomings, causes,
// lessons ("Một là," shown, not typed), solution groups (count computed), proposals, tables.
import { useState } from "react";
import type { Block, Cell, Column, ColumnKind, Figure, FigureKind, StatTable } from "../bindings/types";
import { blockName, newBlock, type Path } from "../model/tree";
import { useOpeners, useTableView } from "../state/view";
import { AutoTextarea, ListField, ParsedInput, RowButtons, SelectField, TextField, ViNumberInput } from "./fields";
import { formatViNumber, parseViNumber } from "../model/vi";
import type { Ops } from "./ops";

const BLOCK_TYPES: Block["type"][] = [
  "paragraph",
  "lines",
  "results",
  "shortcomings",
  "causes",
  "lessons",
  "solution_groups",
  "proposals",
  "table",
];

/** Editor of a list of blocks with "add block". */
export function BlocksEditor({ path, blocks, ops }: { path: Path; blocks: Block[] | undefined; ops: Ops }) {
  const list = blocks ?? [];
  return (
    <div className="blocks">
      {list.map((b, i) => (
        <div className="block" key={i} data-block={b.type}>
          <div className="block-head">
            <span className="block-name">{blockName(b.type)}</span>
            <RowButtons path={[...path, i]} index={i} length={list.length} ops={ops} />
          </div>
          <BlockEditor path={[...path, i]} block={b} ops={ops} />
        </div>
      ))}
      <AddBlock onAdd={(t) => (blocks ? ops.insert(path, newBlock(t)) : ops.set(path, [newBlock(t)]))} />
    </div>
  );
}

function AddBlock({ onAdd }: { onAdd: (t: Block["type"]) => void }) {
  return (
    <div className="add-block">
      <span>Thêm:</span>
      {BLOCK_TYPES.map((t) => (
        <button type="button" key={t} data-add-block={t} onClick={() => onAdd(t)}>
          {blockName(t)}
        </button>
      ))}
    </div>
  );
}

export function BlockEditor({ path, block, ops }: { path: Path; block: Block; ops: Ops }) {
  // The openers of lessons and solution groups as the document prints them (the engine's).
  const openers = useOpeners(path);
  const opener = (i: number) => openers?.items[i] ?? "";
  switch (block.type) {
    case "paragraph":
      return (
        <TextField
          label="Nội dung"
          path={[...path, "text"]}
          value={block.text}
          ops={ops}
          multiline
          hint="Chữ đậm: chọn chữ rồi Ctrl+B (thành **chữ**); chữ nghiêng: Ctrl+I (thành _chữ_)."
        />
      );
    case "lines":
      return (
        <>
          <SelectField
            label="Dấu đầu dòng"
            path={[...path, "marker"]}
            value={block.marker ?? "dash"}
            options={[
              ["dash", "- (gạch đầu dòng)"],
              ["plus", "+ (dấu cộng, cấp dưới)"],
              ["number", "1. 2. 3. (đánh số)"],
              ["paren", "(1) (2) (3) (số trong ngoặc)"],
            ]}
            ops={ops}
          />
          <ListField label="Các dòng" path={[...path, "items"]} items={block.items} ops={ops} addLabel="Thêm dòng" />
        </>
      );
    case "shortcomings":
      return (
        <>
          <TextField label="Câu dẫn (không bắt buộc)" path={[...path, "intro"]} value={block.intro} ops={ops} multiline optional />
          <ListField label="Các hạn chế" path={[...path, "items"]} items={block.items} ops={ops} prefix={() => "-"} addLabel="Thêm hạn chế" />
        </>
      );
    case "causes":
      return (
        <>
          <TextField label="Câu dẫn (không bắt buộc)" path={[...path, "intro"]} value={block.intro} ops={ops} multiline optional />
          <ListField label="Nguyên nhân khách quan" path={[...path, "objective"]} items={block.objective ?? []} ops={ops} prefix={() => "-"} addLabel="Thêm nguyên nhân khách quan" />
          <ListField label="Nguyên nhân chủ quan" path={[...path, "subjective"]} items={block.subjective ?? []} ops={ops} prefix={() => "-"} addLabel="Thêm nguyên nhân chủ quan" />
        </>
      );
    case "lessons": {
      return (
        <>
          <TextField label="Câu dẫn (không bắt buộc)" path={[...path, "intro"]} value={block.intro} ops={ops} multiline optional />
          <SelectField
            label="Cách đánh thứ tự"
            path={[...path, "ordinals"]}
            value={block.ordinals ?? "mot_la"}
            options={[["mot_la", "Một là, Hai là, …"], ["thu_nhat", "Thứ nhất, Thứ hai, …"]]}
            ops={ops}
          />
          <ListField
            label="Các bài học (chương trình tự thêm thứ tự)"
            name="lesson"
            path={[...path, "items"]}
            items={block.items}
            ops={ops}
            prefix={opener}
            addLabel="Thêm bài học"
          />
        </>
      );
    }
    case "solution_groups": {
      const n = block.groups.length;
      const numbering = block.numbering ?? "parenthesized";
      return (
        <>
          <TextField
            label="Câu dẫn — {count} là chỗ chương trình điền số nhóm"
            path={[...path, "lead"]}
            value={block.lead}
            ops={ops}
            multiline
            hint={openers?.lead ? `Sẽ in: «${openers.lead}»` : undefined}
          />
          <SelectField
            label="Đánh số nhóm"
            path={[...path, "numbering"]}
            value={numbering}
            options={[["parenthesized", "(1), (2), …"], ["mot_la", "Một là, Hai là, …"], ["thu_nhat", "Thứ nhất, …"]]}
            ops={ops}
          />
          {block.groups.map((g, i) => (
            <div className="sub" key={i}>
              <div className="list-row">
                <span className="prefix">{opener(i)}</span>
                <AutoTextarea
                  aria-label={`Nhóm giải pháp ${i + 1}`}
                  data-path={[...path, "groups", i, "title"].join(".")}
                  value={g.title}
                  onChange={(e) => ops.set([...path, "groups", i, "title"], e.target.value)}
                />
                <RowButtons path={[...path, "groups", i]} index={i} length={n} ops={ops} />
              </div>
              <ListField
                label="Nội dung cụ thể"
                path={[...path, "groups", i, "items"]}
                items={g.items ?? []}
                ops={{ ...ops, insert: (p, v, idx) => (g.items ? ops.insert(p, v, idx) : ops.set(p, [v])) }}
                prefix={() => "-"}
                addLabel="Thêm dòng"
              />
            </div>
          ))}
          <button type="button" className="add" onClick={() => ops.insert([...path, "groups"], { title: "" })}>
            + Thêm nhóm giải pháp
          </button>
        </>
      );
    }
    case "proposals":
      return (
        <>
          <TextField label="Câu dẫn (không bắt buộc)" path={[...path, "intro"]} value={block.intro} ops={ops} multiline optional />
          {block.items.map((p, i) => (
            <div className="sub proposal" key={i}>
              <div className="list-row">
                <span className="prefix">- Đối với</span>
                <input
                  aria-label={`Nơi được đề xuất ${i + 1}`}
                  value={p.addressee}
                  onChange={(e) => ops.set([...path, "items", i, "addressee"], e.target.value)}
                />
                <RowButtons path={[...path, "items", i]} index={i} length={block.items.length} ops={ops} />
              </div>
              <AutoTextarea
                aria-label={`Nội dung đề xuất ${i + 1}`}
                data-path={[...path, "items", i, "text"].join(".")}
                value={p.text}
                onChange={(e) => ops.set([...path, "items", i, "text"], e.target.value)}
              />
            </div>
          ))}
          <button type="button" className="add" onClick={() => ops.insert([...path, "items"], { addressee: "", text: "" })}>
            + Thêm đề xuất
          </button>
        </>
      );
    case "results":
      return (
        <>
          <TextField label="Câu dẫn (không bắt buộc)" path={[...path, "intro"]} value={block.intro} ops={ops} multiline optional />
          {block.items.map((item, i) => (
            <div className="sub" key={i}>
              <div className="list-row">
                <span className="prefix">-</span>
                <AutoTextarea
                  aria-label={`Kết quả ${i + 1}`}
                  data-path={[...path, "items", i, "text"].join(".")}
                  value={item.text}
                  onChange={(e) => ops.set([...path, "items", i, "text"], e.target.value)}
                />
                <RowButtons path={[...path, "items", i]} index={i} length={block.items.length} ops={ops} />
              </div>
              <FiguresEditor path={[...path, "items", i, "figures"]} figures={item.figures ?? {}} ops={ops} />
            </div>
          ))}
          <button type="button" className="add" onClick={() => ops.insert([...path, "items"], { text: "", figures: {} })}>
            + Thêm dòng kết quả
          </button>
        </>
      );
    case "table":
      return <TableEditor path={path} table={block} ops={ops} />;
  }
}

const KINDS: [FigureKind, string][] = [
  ["count", "số đếm (05)"],
  ["number", "số lượng (1.234)"],
  ["percent", "tỷ lệ (97,5%)"],
];

function FiguresEditor({ path, figures, ops }: { path: Path; figures: Record<string, Figure | undefined>; ops: Ops }) {
  const names = Object.keys(figures);
  return (
    <div className="figures">
      <div className="hint">Số liệu: viết {"{tên}"} trong câu ở chỗ đặt số.</div>
      {names.map((name) => {
        const f = figures[name] as Figure;
        return (
          <div className="figure" key={name}>
            <code>{`{${name}}`}</code>
            <ViNumberInput
              label={`Giá trị ${name}`}
              value={f.value}
              placeholder="cần cập nhật"
              title={f.source ?? undefined}
              className={[f.value === null ? "needs-update" : "", f.source ? "sourced" : ""].filter(Boolean).join(" ")}
              integer={f.kind === "count"}
              dataPath={[...path, name, "value"].join(".")}
              onValue={(v) => ops.set([...path, name, "value"], v)}
            />
            <select aria-label={`Loại ${name}`} value={f.kind ?? "number"} onChange={(e) => ops.set([...path, name, "kind"], e.target.value)}>
              {KINDS.map(([k, t]) => (
                <option key={k} value={k}>
                  {t}
                </option>
              ))}
            </select>
            {f.kind !== "percent" && (
              <label className="check" title="Đơn vị điền số này trong biểu mẫu; số của báo cáo là tổng của các đơn vị">
                <input type="checkbox" name="figure-collect" checked={!!f.collect} onChange={(e) => ops.set([...path, name, "collect"], e.target.checked)} />
                thu thập
              </label>
            )}
            <button
              type="button"
              className="danger"
              tabIndex={-1}
              aria-label={`Xóa số liệu ${name}`}
              onClick={() => {
                const next = { ...figures };
                delete next[name];
                ops.set(path, next);
              }}
            >
              ✕
            </button>
          </div>
        );
      })}
      {names.some((n) => figures[n]?.source) && (
        <div className="cell-source">
          {names
            .filter((n) => figures[n]?.source)
            .map((n) => (
              <div key={n}>
                Nguồn {`{${n}}`}: {figures[n]?.source}
              </div>
            ))}
        </div>
      )}
      <button
        type="button"
        className="add"
        onClick={() => {
          let i = names.length + 1;
          while (figures[`so_lieu_${i}`]) i += 1;
          ops.set(path, { ...figures, [`so_lieu_${i}`]: { value: null, kind: "count" } });
        }}
      >
        + Thêm số liệu
      </button>
    </div>
  );
}

function cellText(c: Cell): string {
  return c === null ? "" : typeof c === "number" ? formatViNumber(c) : String(c);
}

function TableEditor({ path, table, ops }: { path: Path; table: StatTable; ops: Ops }) {
  // Row sums and the totals row as the document prints them (the engine's answer).
  const computed = useTableView(path);
  // A number column takes "97,5" and "1.234"; anything else is kept as typed (text).
  const toCell = (col: Column, text: string): Cell => {
    const n = col.kind === "number" ? parseViNumber(text) : null;
    return text.trim() === "" ? null : n !== null ? n : text;
  };
  const addColumn = () => {
    ops.set([...path, "columns"], [...table.columns, { header: "Cột mới", kind: "number" as ColumnKind }]);
    ops.set([...path, "rows"], table.rows.map((row) => [...row, null]));
  };
  // Where a compiled cell's figure came from: on hover (title) and, for the cell being edited, below the table.
  const [at, setAt] = useState<string | null>(null);
  const source = at ? table.sources?.[at] : undefined;
  const hasNumbers = table.columns.some((c) => c.kind === "number" && !c.previous);
  const collected = hasNumbers && (table.collect ?? path[0] === "annexes");
  return (
    <div className="table-editor">
      <TextField label="Tên bảng" path={[...path, "title"]} value={table.title} ops={ops} optional />
      <TextField label="Đơn vị tính" path={[...path, "unit"]} value={table.unit} ops={ops} optional />
      <div className="grid-wrap">
        <table className="grid">
          <thead>
            <tr>
              {table.stt && <th>STT</th>}
              {table.columns.map((col, c) => (
                <th key={c}>
                  <AutoTextarea
                    rows={1}
                    aria-label={`Tên cột ${c + 1}`}
                    value={col.header}
                    onChange={(e) => ops.set([...path, "columns", c, "header"], e.target.value)}
                  />
                  <select aria-label={`Loại cột ${c + 1}`} value={col.kind ?? "text"} onChange={(e) => ops.set([...path, "columns", c, "kind"], e.target.value)}>
                    <option value="text">chữ</option>
                    <option value="number">số</option>
                    <option value="row_sum">tổng hàng</option>
                  </select>
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {table.stt && <td className="stt">{r + 1}</td>}
                {table.columns.map((col, c) =>
                  col.kind === "row_sum" ? (
                    <td key={c} className="computed">
                      {computed?.rows[r]?.[c] ?? ""}
                    </td>
                  ) : (
                    <td key={c} className={table.sources?.[`${r},${c}`] ? "sourced" : undefined} onFocus={() => setAt(`${r},${c}`)}>
                      <ParsedInput
                        title={table.sources?.[`${r},${c}`]}
                        aria-label={`Hàng ${r + 1} cột ${c + 1}`}
                        value={row[c] ?? null}
                        format={cellText}
                        parse={(text) => toCell(col, text)}
                        onValue={(v) => ops.set([...path, "rows", r, c], v)}
                      />
                    </td>
                  ),
                )}
                <td>
                  <RowButtons path={[...path, "rows", r]} index={r} length={table.rows.length} ops={ops} />
                </td>
              </tr>
            ))}
          </tbody>
          {table.total_label && (
            <tfoot>
              <tr>
                {table.stt && <td />}
                {table.columns.map((col, c) => (
                  <td key={c} className="computed">
                    {col.kind === "text" ? (c === table.columns.findIndex((x) => (x.kind ?? "text") === "text") ? table.total_label : "") : (computed?.totals?.[c] ?? "")}
                  </td>
                ))}
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      <div className="table-actions">
        <button type="button" className="add" onClick={() => ops.insert([...path, "rows"], table.columns.map(() => null))}>
          + Thêm hàng
        </button>
        <button type="button" className="add" onClick={addColumn}>
          + Thêm cột
        </button>
        <label className="check">
          <input type="checkbox" checked={!!table.total_label} onChange={(e) => ops.set([...path, "total_label"], e.target.checked ? "Tổng cộng" : undefined)} />
          Dòng tổng cộng
        </label>
        {hasNumbers && (
          <label className="check">
            <input type="checkbox" name="collect" checked={collected} onChange={(e) => ops.set([...path, "collect"], e.target.checked)} />
            Thu thập từ đơn vị (có trong biểu mẫu Excel)
          </label>
        )}
      </div>
      {source && (
        <p className="cell-source" id="cell-source">
          Nguồn số liệu: {source}
        </p>
      )}
      {collected && (
        <label className="field">
          <span>
            Quy tắc kiểm tra số liệu của đơn vị, mỗi dòng một quy tắc (ví dụ {rulesExample(table)}); tên cột:{" "}
            {table.columns
              .filter((c) => c.kind === "number" && !c.previous)
              .map((c) => columnKey(c))
              .join(", ")}
          </span>
          <AutoTextarea
            name="rules"
            rows={1}
            value={(table.rules ?? []).join("\n")}
            onChange={(e) => ops.set([...path, "rules"], e.target.value.split("\n").filter((l, i, all) => l.trim() !== "" || i === all.length - 1))}
          />
        </label>
      )}
    </div>
  );
}

/** A column's name in rules: its own key, or its header without marks ("Mô hình mới" → "mo_hinh_moi").
 * Mirrors the engine's `collect::column_key` (same examples tested on both sides), so the hint
 * beside the rules field needs no round trip to the backend. */
export function columnKey(c: Column): string {
  if (c.key && c.key.trim()) return c.key;
  const s = c.header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return !s || /^[0-9]/.test(s) ? `cot_${s}` : s;
}

function rulesExample(t: StatTable): string {
  const keys = t.columns.filter((c) => c.kind === "number" && !c.previous).map(columnKey);
  return keys.length >= 2 ? `${keys[1]} <= ${keys[0]}` : "mo_hinh_moi <= mo_hinh";
}
