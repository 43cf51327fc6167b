// The review screen of a Word file brought in: the original's paragraphs, each marked with what
// it became, beside the recognised outline; the user accepts (then edits as usual) or cancels.
import type { Mark, WordImport } from "../bindings/types";
import { viewOf } from "../state/view";

/** What each mark is called on screen. */
export const MARK_LABEL: Record<Mark, string> = {
  header: "Phần đầu",
  doc_type: "Tên loại",
  subject: "Trích yếu",
  phan: "Phần",
  part: "Mục",
  section: "Khoản",
  point: "Điểm",
  lesson: "Bài học",
  solution_group: "Nhóm giải pháp",
  proposal: "Kiến nghị",
  cause: "Nguyên nhân",
  shortcoming: "Hạn chế",
  line: "Gạch đầu dòng",
  table: "Bảng",
  closing_sentence: "Câu kết",
  signature: "Người ký",
  recipient: "Nơi nhận",
  archive: "Lưu",
  annex: "Phụ lục",
  generated: "Chương trình tự viết",
  kept: "Giữ nguyên (đoạn văn)",
};

/** The review of an import; `onAccept` opens the report in the editor. */
export function ImportReview({ data, onAccept, onCancel }: { data: WordImport; onAccept: () => void; onCancel: () => void }) {
  const s = data.summary;
  const items = viewOf(data.outline).items;
  return (
    <div className="import-review" id="import-review">
      <header className="toolbar">
        <strong>Nhập từ Word: {data.file.split(/[\\/]/).pop()}</strong>
        <button type="button" className="primary" id="import-accept" onClick={onAccept}>
          Dùng báo cáo này
        </button>
        <button type="button" id="import-cancel" onClick={onCancel}>
          Hủy
        </button>
      </header>
      <div className="import-summary">
        {!s.complete && (
          <p className="notice error" role="alert">
            Báo cáo chưa đủ: chương trình không nhận ra {s.warnings.length > 0 ? "một số phần (xem lưu ý)" : "phần đầu hoặc phần ký"}. Sau khi
            dùng, hãy điền phần còn thiếu.
          </p>
        )}
        {s.converted_from && (
          <p className="notice info" id="import-converted">
            Đã chuyển {s.converted} đoạn từ bảng mã {s.converted_from} sang Unicode.
          </p>
        )}
        <ul className="import-counts" id="import-counts">
          {s.counts.map((c) => (
            <li key={c.label}>
              {c.label}: <strong>{c.n}</strong>
            </li>
          ))}
          <li>
            Giữ nguyên thành đoạn văn: <strong>{s.kept}</strong>
          </li>
        </ul>
        {s.warnings.length > 0 && (
          <ul className="import-warnings">
            {s.warnings.map((w, i) => (
              <li key={i} data-code={w.code}>
                Lưu ý: {w.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="import-columns">
        <section aria-label="Văn bản gốc">
          <h2>Văn bản gốc</h2>
          <ol className="import-source">
            {s.source.map((l, i) => (
              <li key={i} className={`mark-${l.mark}`} data-mark={l.mark}>
                <span className="mark-tag">{MARK_LABEL[l.mark]}</span>
                {l.converted_from && <span className="mark-tag legacy">đã chuyển từ {l.converted_from.split(" ")[0]}</span>}
                <span className="source-text">{l.text}</span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="Dàn ý nhận ra">
          <h2>Dàn ý nhận ra</h2>
          <ul className="import-outline" id="import-outline">
            {items.map((it) => (
              <li key={it.path.join(".")} style={{ paddingLeft: `${it.depth * 1.2}em` }}>
                {it.label}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
