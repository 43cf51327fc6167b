// The centre column: the form of whatever is selected in the outline.
import { useEffect, useState } from "react";
import type { AuthorityKind, Division, ProfileChoices, Report, Urgency } from "../bindings/types";
import { PARTY_AUTO } from "../bindings/types";
import { api } from "../api";
import { getIn, type Path } from "../model/tree";
import { useOutlineItem } from "../state/view";
import { BlocksEditor } from "./BlockEditor";
import { ListField, Options, SelectField, TextField, ViDateInput, ViNumberInput } from "./fields";
import type { Ops } from "./ops";

/** The engine's «Thể thức» choices for a profile and a date, asked again when either changes;
 * until it answers, only the profile named (no note). */
function useProfileChoices(profile: string, date: string): ProfileChoices {
  const [answer, setAnswer] = useState<{ key: string; choices: ProfileChoices } | null>(null);
  const key = `${profile}\n${date}`;
  useEffect(() => {
    let live = true;
    api
      .profileChoices(profile, date)
      .then((choices) => live && setAnswer({ key, choices }))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [key, profile, date]);
  if (answer?.key === key) return answer.choices;
  // The last answer's labels while the new one is on its way; the profile named is always there.
  const options = answer?.choices.options ?? [];
  return { options: options.some((o) => o.id === profile) ? options : [...options, { id: profile, label: profile }], note: null };
}

/** Under «Thể thức»: the Party guidance that applies and why, or that the one chosen is not in
 * force on the document's date, with the button that makes the choice follow the date. */
function ProfileHint({ note, onAuto }: { note: ProfileChoices["note"]; onAuto: () => void }) {
  if (!note) return null;
  return (
    <div className={note.outdated ? "hint profile-note outdated" : "hint profile-note"} data-profile-note={note.outdated ? "outdated" : "ok"}>
      {note.text}
      {note.outdated && (
        <>
          {" "}
          <button type="button" onClick={onAuto}>
            Dùng theo ngày văn bản
          </button>
        </>
      )}
    </div>
  );
}

export function HeaderForm({ report, ops }: { report: Report; ops: Ops }) {
  const h = report.header;
  const p = (k: string): Path => ["header", k];
  const choices = useProfileChoices(h.profile, h.date);
  return (
    <div className="form" data-form="header">
      <h2>Phần đầu văn bản</h2>
      <SelectField label="Thể thức" path={p("profile")} value={h.profile} options={choices.options.map((o): [string, string] => [o.id, o.label])} ops={ops} />
      <ProfileHint note={choices.note} onAuto={() => ops.set(p("profile"), PARTY_AUTO)} />
      <div className="two">
        <TextField label="Cơ quan cấp trên" path={p("superior_body")} value={h.superior_body} ops={ops} optional placeholder="Huyện ủy …" />
        <TextField label="Cơ quan ban hành (dòng in ở đầu)" path={p("issuing_body")} value={h.issuing_body} ops={ops} placeholder="Ban Tuyên giáo" />
      </div>
      <TextField label="Tên đầy đủ của cơ quan (dùng khi trích dẫn)" path={p("issuing_body_full")} value={h.issuing_body_full} ops={ops} />
      <div className="three">
        <div className="field">
          <label htmlFor="so-van-ban">Số</label>
          <ViNumberInput
            id="so-van-ban"
            label="Số"
            integer
            value={h.number}
            placeholder="để trống cho văn thư"
            onValue={(v) => ops.set(p("number"), v === null ? undefined : Math.max(1, v))}
          />
        </div>
        <TextField label="Ký hiệu loại" path={p("type_code")} value={h.type_code} ops={ops} />
        <TextField label="Ký hiệu cơ quan" path={p("issuer_code")} value={h.issuer_code} ops={ops} />
      </div>
      <div className="two">
        <TextField label="Địa danh" path={p("place")} value={h.place} ops={ops} />
        <div className="field">
          <label htmlFor="ngay-ban-hanh">Ngày ban hành</label>
          <ViDateInput id="ngay-ban-hanh" value={h.date} onValue={(iso) => ops.set(p("date"), iso)} />
          <div className="hint">{vietDate(h.place, h.date)}</div>
        </div>
      </div>
      <TextField label="Tên loại văn bản" path={p("doc_type")} value={h.doc_type} ops={ops} />
      <TextField
        label="Trích yếu"
        name="subject"
        path={p("subject")}
        value={h.subject}
        ops={ops}
        multiline
        hint="Xuống dòng (Enter) ở chỗ hợp nghĩa để các dòng cân đối."
      />
      <ListField
        label="Kính gửi (tờ trình theo Hướng dẫn 05: Kính trình) — để trống nếu không có"
        path={p("addressees")}
        items={h.addressees ?? []}
        ops={ops}
        prefix={() => "-"}
        addLabel="Thêm nơi gửi"
      />
      <HeaderMarks report={report} ops={ops} />
    </div>
  );
}

const URGENCIES: [Urgency | "", string][] = [
  ["", "(không khẩn)"],
  ["khan", "Khẩn"],
  ["thuong_khan", "Thượng khẩn"],
  ["hoa_toc", "Hỏa tốc"],
];

/** The optional marks: urgency and draft round under the number, and «Không phổ biến…». */
function HeaderMarks({ report, ops }: { report: Report; ops: Ops }) {
  const h = report.header;
  const p = (k: string): Path => ["header", k];
  return (
    <div className="three" data-form="header-marks">
      <div className="field">
        <label htmlFor="do-khan">Độ khẩn (in dưới số)</label>
        <select id="do-khan" data-path="header.urgency" value={h.urgency ?? ""} onChange={(e) => ops.set(p("urgency"), e.target.value === "" ? undefined : e.target.value)}>
          <Options list={URGENCIES} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="du-thao">Dự thảo lần</label>
        <ViNumberInput
          id="du-thao"
          label="Dự thảo lần"
          dataPath="header.draft"
          integer
          value={h.draft}
          placeholder="bản chính thức"
          onValue={(v) => ops.set(p("draft"), v === null || v < 1 ? undefined : v)}
        />
      </div>
      <div className="field check">
        <label>
          <input type="checkbox" data-path="header.not_public" checked={h.not_public ?? false} onChange={(e) => ops.set(p("not_public"), e.target.checked ? true : undefined)} /> Không phổ biến trên
          phương tiện thông tin đại chúng
        </label>
      </div>
    </div>
  );
}

/** The date line as printed: day below 10 and months 1–2 padded with a zero. */
export function vietDate(place: string, iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return "";
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

const AUTHORITIES: [AuthorityKind | "", string][] = [
  ["", "(người đứng đầu ký)"],
  ["tm", "Thay mặt (T/M, TM.)"],
  ["kt", "Ký thay (K/T, KT.)"],
  ["tl", "Thừa lệnh (T/L, TL.)"],
  ["tuq", "Thừa ủy quyền (TUQ., chỉ văn bản hành chính)"],
  ["q", "Quyền (Q.)"],
];

export function ClosingForm({ report, ops }: { report: Report; ops: Ops }) {
  const c = report.closing;
  const p = (k: string): Path => ["closing", k];
  return (
    <div className="form" data-form="closing">
      <h2>Kết thúc, chữ ký, nơi nhận</h2>
      <TextField label="Câu kết thúc" path={p("sentence")} value={c.sentence} ops={ops} multiline />
      <div className="two">
        <div className="field">
          <label htmlFor="tham-quyen">Hình thức ký</label>
          <select
            id="tham-quyen"
            value={c.authority?.kind ?? ""}
            onChange={(e) =>
              ops.set(p("authority"), e.target.value === "" ? undefined : { kind: e.target.value, of: c.authority?.of ?? "Trưởng ban" })
            }
          >
            <Options list={AUTHORITIES} />
          </select>
        </div>
        {c.authority && <TextField label="Ký thay mặt / thay cho" path={["closing", "authority", "of"]} value={c.authority.of} ops={ops} />}
      </div>
      <div className="two">
        <TextField label="Chức vụ người ký" path={p("signer_title")} value={c.signer_title} ops={ops} />
        <TextField label="Họ và tên người ký" path={p("signer_name")} value={c.signer_name} ops={ops} />
      </div>
      <ListField label="Nơi nhận (không cần gõ dấu cuối dòng)" path={p("recipients")} items={c.recipients} ops={ops} prefix={() => "-"} addLabel="Thêm nơi nhận" />
      <TextField label="Lưu tại" path={p("archive")} value={c.archive} ops={ops} hint="Ví dụ «Văn phòng» → «- Lưu Văn phòng.»" />
      <TextField
        label="Ký hiệu người soạn thảo, số bản phát hành"
        path={p("drafter")}
        value={c.drafter}
        ops={ops}
        optional
        placeholder="ví dụ NVA, 30b"
        hint="In ở cuối phần nơi nhận; để trống nếu cơ quan không quản lý số bản."
      />
    </div>
  );
}

/** Form of a part, section, point, Phần or annex, chosen by the path. */
export function NodeForm({ report, path, ops }: { report: Report; path: Path; ops: Ops }) {
  const item = useOutlineItem(path);
  const node = getIn(report, path) as Record<string, unknown> | undefined;
  if (!node) return <div className="form">Mục này không còn.</div>;
  const kind = path[path.length - 2];
  if (path[0] === "body" && path[1] === "opening") {
    return (
      <div className="form" data-form="opening">
        <h2>Mở đầu</h2>
        <BlocksEditor path={path} blocks={report.body.opening} ops={ops} />
      </div>
    );
  }
  if (kind === "blocks") {
    // A block shown in the outline (lessons, solution groups, tables): edit its container.
    return <NodeForm report={report} path={path.slice(0, -2)} ops={ops} />;
  }
  // A point is named by its letter as printed (the engine's outline; none until it answers).
  const title = kind === "annexes" ? "Phụ lục" : kind === "points" ? `Điểm ${item?.number ?? ""}`.trim() : kind === "sections" ? "Tiểu mục" : "Mục";
  const isPhan = kind === "content" && (node as unknown as Division).type === "phan";
  return (
    <div className="form" data-form={String(kind)}>
      <h2>{isPhan ? "Phần" : title}</h2>
      {typeof node.hint === "string" && (
        <div className="guide" role="note">
          <strong>Gợi ý:</strong> {node.hint}
        </div>
      )}
      <TextField
        label={kind === "points" ? "Tiêu đề điểm (để trống nếu chữ cái mở đầu đoạn văn)" : "Tiêu đề"}
        name="title"
        path={[...path, "title"]}
        value={node.title as string | undefined}
        ops={ops}
        optional={kind === "points"}
      />
      {!isPhan && <BlocksEditor path={[...path, "blocks"]} blocks={node.blocks as never} ops={ops} />}
      {(kind === "content" || kind === "parts") && !isPhan && (
        <button
          type="button"
          className="add"
          data-add="section"
          onClick={() => (node.sections ? ops.insert([...path, "sections"], { title: "Tiểu mục mới", blocks: [] }) : ops.set([...path, "sections"], [{ title: "Tiểu mục mới", blocks: [] }]))}
        >
          + Thêm tiểu mục (1., 2., …)
        </button>
      )}
      {kind === "sections" && (
        <button
          type="button"
          className="add"
          data-add="point"
          onClick={() => (node.points ? ops.insert([...path, "points"], { title: "Điểm mới", blocks: [] }) : ops.set([...path, "points"], [{ title: "Điểm mới", blocks: [] }]))}
        >
          + Thêm điểm (a), b), …)
        </button>
      )}
    </div>
  );
}
