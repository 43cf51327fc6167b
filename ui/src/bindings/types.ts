// Generated from the Rust types by `src-tauri/src/bindings.rs` (ts-rs). Do not edit:
// run `BAOCAO_UPDATE_BINDINGS=1 cargo test -p soan-bao-cao --test bindings`.

export type Report = { 
/**
 * Version of this file format; files from a newer version are refused, older ones migrated.
 */
schema_version: number, 
/**
 * Header block: bodies, number, place and date, document type, subject.
 */
header: Header, 
/**
 * The body tree: an opening paragraph then parts (optionally grouped in "Phần").
 */
body: Body, 
/**
 * Closing sentence, signature block and recipients.
 */
closing: Closing, 
/**
 * Statistics annexes (phụ lục), each starting on a new page.
 */
annexes?: Array<Annex>, 
/**
 * The period reported on, for the computed year references in the text ("[từ năm]").
 */
period?: Period | null, 
/**
 * The units expected to report their figures, and what they sent ("tổng hợp").
 */
collection?: Collection | null, 
/**
 * The footnotes' texts, referred to from any text of the report by `[^id]` (see
 * [`Footnote`]); empty for a report without footnotes.
 */
footnotes?: Array<Footnote>, };

export type Header = { 
/**
 * Id of the format profile: "dang" (Party, the guidance in force on `date`: HD 36 before
 * 27/5/2026, HD 05 from then), "hd36" or "hd05" (that Party guidance whatever the date),
 * "nd30" (State), or a user profile.
 */
profile: string, 
/**
 * Directly superior body, e.g. "Huyện ủy Cầu Ngang"; none for a body without one.
 */
superior_body?: string | null, 
/**
 * Issuing body as printed in the header, e.g. "Ban Tuyên giáo"; "\n" forces a line break.
 */
issuing_body: string, 
/**
 * Full name of the issuing body for citations and document properties,
 * e.g. "Ban Tuyên giáo Huyện ủy Cầu Ngang".
 */
issuing_body_full: string, 
/**
 * Registered document number; none while the clerk has not assigned it.
 */
number?: number | null, 
/**
 * Document type code in the number, e.g. "BC".
 */
type_code: string, 
/**
 * Issuing body code in the number, e.g. "BTGHU" or "UBND".
 */
issuer_code: string, 
/**
 * Place name in the date line, e.g. "Cầu Ngang".
 */
place: string, 
/**
 * Date of issue (YYYY-MM-DD).
 */
date: string, 
/**
 * Document type name, e.g. "BÁO CÁO".
 */
doc_type: string, 
/**
 * Subject line (trích yếu); "\n" marks a chosen line break.
 */
subject: string, 
/**
 * Urgency mark printed under the number («KHẨN»); none for an ordinary document.
 */
urgency?: Urgency | null, 
/**
 * Draft round printed under the number («Dự thảo lần 2»); none for the final text.
 */
draft?: number | null, 
/**
 * Print «Không phổ biến trên phương tiện thông tin đại chúng» where the profile places it.
 */
not_public?: boolean, 
/**
 * Addressees printed under the subject after «Kính gửi:» («Kính trình:» for a tờ trình under
 * HD 05), one per line, without punctuation (the profile adds it); empty for none.
 */
addressees?: Array<string>, };

export type Body = { 
/**
 * Blocks before the first heading ("Thực hiện Kế hoạch số …, … báo cáo như sau:").
 */
opening?: Array<Block>, 
/**
 * Parts (I., II., …), or "Phần" groups holding parts; not both.
 */
content: Array<Division>, };

export type Division = { "type": "phan" } & Phan | { "type": "part" } & Part;

export type Phan = { 
/**
 * Title line under "Phần thứ …", e.g. "Kết quả 03 năm thực hiện Chỉ thị 05".
 */
title: string, 
/**
 * Guidance for whoever fills this part (from a template); shown in the editor, never printed.
 */
hint?: string | null, 
/**
 * Blocks before the first part of this Phần.
 */
blocks?: Array<Block>, 
/**
 * Parts; their Roman numerals restart in each Phần.
 */
parts: Array<Part>, };

export type Part = { 
/**
 * Title as typed; the profile sets its case.
 */
title: string, 
/**
 * Guidance for whoever fills this part (from a template); shown in the editor, never printed.
 */
hint?: string | null, 
/**
 * Blocks under the title, before the first section.
 */
blocks?: Array<Block>, 
/**
 * Numbered sections (1., 2., …).
 */
sections?: Array<Section>, };

export type Section = { 
/**
 * Title in sentence case.
 */
title: string, 
/**
 * Guidance for whoever fills this part (from a template); shown in the editor, never printed.
 */
hint?: string | null, 
/**
 * Blocks under the title, before the first point.
 */
blocks?: Array<Block>, 
/**
 * Lettered points (a), b), …, đ), …).
 */
points?: Array<Point>, };

export type Point = { 
/**
 * Heading text; without one, the letter opens the first paragraph.
 */
title?: string | null, 
/**
 * Guidance for whoever fills this part (from a template); shown in the editor, never printed.
 */
hint?: string | null, 
/**
 * Content of the point.
 */
blocks: Array<Block>, };

export type Block = { "type": "paragraph" } & Paragraph | { "type": "lines" } & Lines | { "type": "results" } & Results | { "type": "shortcomings" } & Shortcomings | { "type": "causes" } & Causes | { "type": "lessons" } & Lessons | { "type": "solution_groups" } & SolutionGroups | { "type": "proposals" } & Proposals | { "type": "table" } & StatTable;

export type Paragraph = { 
/**
 * Text; "\n" is a line break inside the paragraph.
 */
text: string, };

export type Marker = "dash" | "plus" | "number" | "paren";

export type Lines = { 
/**
 * Marker printed before each line.
 */
marker: Marker, 
/**
 * One entry per line.
 */
items: Array<string>, };

export type Results = { 
/**
 * Optional lead paragraph.
 */
intro?: string | null, 
/**
 * Marker of each result line.
 */
marker: Marker, 
/**
 * The result lines.
 */
items: Array<ResultItem>, };

export type ResultItem = { 
/**
 * Text citing figures as `{name}`; write `{{` and `}}` for literal braces.
 */
text: string, 
/**
 * The figures cited by the text, by name.
 */
figures?: { [key in string]: Figure }, };

export type Figure = { 
/**
 * The value; none while it is still to be filled ("cần cập nhật").
 */
value: number | null, 
/**
 * How the value is written.
 */
kind: FigureKind, 
/**
 * Where the value comes from (a unit's form, a table, a source document).
 */
source?: string | null, 
/**
 * Whether units report it in their forms and the value is their sum.
 */
collect?: boolean, };

export type FigureKind = "count" | "number" | "percent";

export type Shortcomings = { 
/**
 * Optional lead paragraph.
 */
intro?: string | null, 
/**
 * One shortcoming per line.
 */
items: Array<string>, };

export type Causes = { 
/**
 * Optional lead paragraph.
 */
intro?: string | null, 
/**
 * Objective causes (khách quan).
 */
objective: Array<string>, 
/**
 * Subjective causes (chủ quan).
 */
subjective: Array<string>, };

export type OrdinalSet = "mot_la" | "thu_nhat";

export type Lessons = { 
/**
 * Optional lead paragraph.
 */
intro?: string | null, 
/**
 * Ordinal words used.
 */
ordinals: OrdinalSet, 
/**
 * One lesson per entry, without its ordinal ("phải thường xuyên …").
 */
items: Array<string>, };

export type GroupNumbering = "parenthesized" | "mot_la" | "thu_nhat";

export type SolutionGroups = { 
/**
 * Lead sentence with `{count}` where the number of groups goes:
 * "… tập trung thực hiện {count} nhóm giải pháp sau:".
 */
lead: string, 
/**
 * Numbering of the groups.
 */
numbering: GroupNumbering, 
/**
 * The groups.
 */
groups: Array<SolutionGroup>, };

export type SolutionGroup = { 
/**
 * The group's statement.
 */
title: string, 
/**
 * Detail lines ("- …").
 */
items?: Array<string>, };

export type Proposals = { 
/**
 * Optional lead paragraph.
 */
intro?: string | null, 
/**
 * One proposal per addressee.
 */
items: Array<Proposal>, };

export type Proposal = { 
/**
 * The body addressed, e.g. "Ban Tuyên giáo Tỉnh ủy".
 */
addressee: string, 
/**
 * What is proposed.
 */
text: string, };

export type StatTable = { 
/**
 * Caption above the table.
 */
title?: string | null, 
/**
 * Unit line above the table, e.g. "Đơn vị tính: lượt người".
 */
unit?: string | null, 
/**
 * Whether a computed STT column comes first.
 */
stt: boolean, 
/**
 * Columns (without STT).
 */
columns: Array<Column>, 
/**
 * Rows: one cell per column; cells of computed columns stay null.
 */
rows: Array<Array<Cell>>, 
/**
 * Label of the computed totals row ("Tổng cộng"); none for no totals row.
 */
total_label?: string | null, 
/**
 * Whether units fill this table in their forms; unset means yes for an annex table with
 * number columns, no elsewhere.
 */
collect?: boolean | null, 
/**
 * Rules every unit's row must keep, over column keys, e.g. "mo_hinh_moi <= mo_hinh".
 */
rules?: Array<string>, 
/**
 * Where compiled cells came from, by "row,column" (0-based), e.g. "Tổng hợp từ 27 đơn vị…".
 */
sources?: { [key in string]: string }, };

export type Column = { 
/**
 * Header text.
 */
header: string, 
/**
 * What the column holds.
 */
kind: ColumnKind, 
/**
 * For `row_sum`: the 0-based indices of the columns added up.
 */
sum_of?: Array<number>, 
/**
 * Relative width; columns without one share the rest.
 */
width?: number | null, 
/**
 * Last period's figures kept for comparison (made by "next period's report").
 */
previous?: boolean, 
/**
 * Name of the column in the table's rules; unset means made from the header
 * ("Mô hình mới" → "mo_hinh_moi").
 */
key?: string | null, 
/**
 * The year of the report's period this number column holds: the table has one such column
 * per year of the period, made from the period and moved on with it, headed "Năm 2016",
 * "Năm 2017"…
 */
year?: number | null, };

export type ColumnKind = "text" | "number" | "row_sum";

export type Cell = number | string | null;

export type AuthorityKind = "tm" | "kt" | "tl" | "tuq" | "q";

export type Urgency = "khan" | "thuong_khan" | "hoa_toc";

export type Authority = { 
/**
 * The form of authority.
 */
kind: AuthorityKind, 
/**
 * On whose behalf, e.g. "Trưởng ban" or "Ban Thường vụ".
 */
of: string, };

export type Closing = { 
/**
 * Closing sentence ("Trên đây là báo cáo …").
 */
sentence: string, 
/**
 * Authority line; none when the head signs in their own name.
 */
authority?: Authority | null, 
/**
 * Signer's title, e.g. "Phó Trưởng ban".
 */
signer_title: string, 
/**
 * Signer's full name, without academic titles.
 */
signer_name: string, 
/**
 * Recipients, one per line, without punctuation (the profile adds it).
 */
recipients: Array<string>, 
/**
 * Where the file copy is kept: "Văn phòng" → "- Lưu Văn phòng." (Party).
 */
archive: string, 
/**
 * Drafter's code and number of copies issued, printed at the end of «Nơi nhận»
 * (e.g. "NVA, 30b"); none when the office does not count copies.
 */
drafter?: string | null, };

export type Annex = { 
/**
 * Title under "PHỤ LỤC".
 */
title: string, 
/**
 * Content: usually tables, possibly notes.
 */
blocks: Array<Block>, };

export type Footnote = { 
/**
 * The name its markers use: `[^3]` refers to the note with id "3".
 */
id: string, 
/**
 * The note's text, with the body's inline emphasis; "\n" is a line break.
 */
text: string, };

export type Period = { 
/**
 * First year of the period.
 */
start_year: number, 
/**
 * Last year of the period.
 */
end_year: number, };

export type TemplateInfo = { 
/**
 * Id.
 */
id: string, 
/**
 * Name.
 */
name: string, 
/**
 * Description.
 */
description: string, 
/**
 * Shipped with the program (cannot be renamed or deleted).
 */
builtin: boolean, };

export type PlaceholderKind = "text" | "year" | "date";

export type Question = { 
/**
 * Placeholder key.
 */
key: string, 
/**
 * The question.
 */
label: string, 
/**
 * Help under it.
 */
hint: string | null, 
/**
 * "text", "year" or "date".
 */
kind: PlaceholderKind, 
/**
 * Default answer (evaluated for today).
 */
default: string, 
/**
 * The answers allowed, when the question is a choice («Bí thư», «Phó Bí thư»); empty for
 * a free answer.
 */
choices: Array<string>, };

export type Wizard = { 
/**
 * Template id.
 */
id: string, 
/**
 * Template name.
 */
name: string, 
/**
 * What it is for.
 */
description: string, 
/**
 * The questions, in order.
 */
questions: Array<Question>, };

export type Severity = "suggestion" | "warning" | "blocking";

export type Diagnostic = { 
/**
 * What kind of thing it is: a stable kebab-case code from [`codes`] (callers filter by it,
 * never by the message).
 */
code: string, 
/**
 * How serious it is.
 */
severity: Severity, 
/**
 * The report field it is about, e.g. `body.content[1].sections[0].blocks[2].text`; empty
 * for the whole report or for a place outside the report (a file).
 */
path: string, 
/**
 * Where in the field's text, as `[start, end)` in UTF-16 units (as the editor counts).
 */
span: [number, number] | null, 
/**
 * The file it is about (a unit's file, an imported file).
 */
file: string | null, 
/**
 * The sheet of a unit's form.
 */
sheet: string | null, 
/**
 * The cell of a unit's form ("C9").
 */
cell: string | null, 
/**
 * The unit the file is from.
 */
unit: string | null, 
/**
 * What is wrong and how to fix it, in Vietnamese.
 */
message: string, 
/**
 * The place in Vietnamese words, as the app shows it («I. KẾT QUẢ… › 1. … › dòng 2»,
 * ««x.xlsx», trang «Biểu 1», ô C9»); empty for the whole report.
 */
place_words: string, 
/**
 * What replaces the span (or the whole field without a span) to fix it.
 */
fix: string | null, 
/**
 * For a spelling diagnostic: the word, which the user may add to the dictionary.
 */
word: string | null, };

export type WizardState = { 
/**
 * Every answer, by key.
 */
values: { [key in string]: string }, 
/**
 * Answers that contradict each other, in Vietnamese.
 */
contradictions: Array<string>, 
/**
 * The questions still unanswered (their labels).
 */
missing: Array<string>, };

export type Preview = { 
/**
 * Version of the layout; the UI sends it back with the next request.
 */
version: number, 
/**
 * Number of pages.
 */
page_count: number, 
/**
 * Whether `pages` holds every page (else only those changed since the version the UI has).
 */
complete: boolean, 
/**
 * The pages drawn: index and SVG markup (no `<style>`; the UI declares the fonts).
 */
pages: Array<PreviewPage>, 
/**
 * For each page, the report paths whose content starts there (parts, blocks, items);
 * absent when unchanged since the version the UI holds.
 */
anchors: Array<Array<string>> | null, 
/**
 * What the checks and the layout found, each place named in words.
 */
problems: Array<Diagnostic>, 
/**
 * The outline, the tables' computed cells and totals, the openers of lessons and solution
 * groups, as the document prints them.
 */
outline: Outline, 
/**
 * Whether the spelling was not checked because the dictionary is still loading.
 */
checks_pending: boolean, 
/**
 * Time spent in the command (reading the report, validation, layout, drawing), in
 * microseconds: the rest of a keystroke's time is the UI and the IPC.
 */
took_us: number, };

export type Outline = { 
/**
 * The outline panel's entries, in reading order.
 */
items: Array<OutlineItem>, 
/**
 * Every statistics table's computed cells and totals.
 */
tables: Array<TableView>, 
/**
 * The openers of every lessons and solution groups block.
 */
openers: Array<Openers>, };

export type OutlineKind = "header" | "opening" | "phan" | "part" | "section" | "point" | "block" | "closing" | "annex";

export type OutlineItem = { 
/**
 * The report path (`body.content[0].sections[1]`).
 */
path: string, 
/**
 * What it is.
 */
kind: OutlineKind, 
/**
 * Its number as the document prints it ("I.", "1.", "a)", "Phần thứ nhất", "PHỤ LỤC 2");
 * empty for entries without one.
 */
number: string, 
/**
 * Its title as printed (year references resolved, in the profile's letter case).
 */
title: string, 
/**
 * The line the outline shows: the number and title, or the entry's name.
 */
label: string, 
/**
 * Nesting depth (0 = top level).
 */
depth: number, 
/**
 * Whether it is an item of a list (can be moved and deleted).
 */
movable: boolean, };

export type TableView = { 
/**
 * The block's report path.
 */
path: string, 
/**
 * Per row, each column's cell as printed (row sums computed); no STT column.
 */
rows: Array<Array<string>>, 
/**
 * The totals row as printed per column (the label in the first text column); none when the
 * table has no totals row.
 */
totals: Array<string> | null, };

export type Openers = { 
/**
 * The block's report path.
 */
path: string, 
/**
 * Each item's opener as printed before its text ("Một là,", "Thứ tư,", "(3)").
 */
items: Array<string>, 
/**
 * The lead sentence as printed (solution groups: the count filled in).
 */
lead: string | null, };

export type ProfileChoices = { 
/**
 * The choices: profile id and what the list says.
 */
options: Array<ProfileOption>, 
/**
 * What the form says under the field; none when there is nothing to say.
 */
note: ProfileNote | null, };

export type ProfileOption = { 
/**
 * The id the report names.
 */
id: string, 
/**
 * The words shown.
 */
label: string, };

export type ProfileNote = { 
/**
 * The sentence shown.
 */
text: string, 
/**
 * Whether the chosen guidance is not the one in force on the date (shown as a warning).
 */
outdated: boolean, };

export type PreviewPage = { 
/**
 * Page index (0 = first page).
 */
index: number, 
/**
 * SVG markup.
 */
svg: string, };

export type Opened = { 
/**
 * The report.
 */
report: Report, 
/**
 * Where it was read from.
 */
path: string, };

export type Recovered = { 
/**
 * The report as it was when copied.
 */
report: Report, 
/**
 * The file it was opened from or last saved to.
 */
path: string | null, };

export type NextPeriod = { 
/**
 * The new report.
 */
report: Report, 
/**
 * Notices for the user, in Vietnamese.
 */
notices: Array<string>, };

export type RollOptions = { 
/**
 * The new period.
 */
period: NewPeriod, 
/**
 * The new kind of review; none keeps the text's own.
 */
kind: ReportKind | null, };

export type NewPeriod = { "type": "shift", 
/**
 * How many years.
 */
years: number, } | { "type": "one_year" } | { "type": "same_length" } | { "type": "range", 
/**
 * First year.
 */
start_year: number, 
/**
 * Last year.
 */
end_year: number, };

export type ReportKind = "annual" | "so_ket" | "tong_ket";

export type ExportOutcome = { "kind": "written", 
/**
 * Where.
 */
path: string, } | { "kind": "readOnly", 
/**
 * The existing file.
 */
path: string, };

export type ExportFormat = "docx" | "pdf";

export type Mark = "header" | "doc_type" | "subject" | "phan" | "part" | "section" | "point" | "lesson" | "solution_group" | "proposal" | "cause" | "shortcoming" | "line" | "table" | "closing_sentence" | "signature" | "recipient" | "archive" | "annex" | "generated" | "kept";

export type SourceLine = { 
/**
 * Its text (converted to Unicode when it was legacy).
 */
text: string, 
/**
 * What it became.
 */
mark: Mark, 
/**
 * The legacy encoding it was converted from ("TCVN3 (ABC, phông .VnTime)"), if any.
 */
converted_from: string | null, 
/**
 * Starts a new page in the original.
 */
page_break: boolean, };

export type Count = { 
/**
 * What, in Vietnamese ("Mục (I, II…)").
 */
label: string, 
/**
 * How many.
 */
n: number, };

export type Summary = { 
/**
 * Counts of what was recognised, in document order of kinds.
 */
counts: Array<Count>, 
/**
 * Paragraphs kept as plain paragraphs.
 */
kept: number, 
/**
 * Things the user should know (merged cells flattened, totals that did not add up,
 * pictures left out, no header found…): warnings without a place.
 */
warnings: Array<Diagnostic>, 
/**
 * The legacy encoding text was converted from, if any.
 */
converted_from: string | null, 
/**
 * Paragraphs converted from a legacy encoding.
 */
converted: number, 
/**
 * The header and the closing were both found: the report is whole.
 */
complete: boolean, 
/**
 * The original's paragraphs in order, each with what it became.
 */
source: Array<SourceLine>, };

export type WordImport = { 
/**
 * The report read from the file (not saved yet).
 */
report: Report, 
/**
 * What was recognised, with the original's paragraphs.
 */
summary: Summary, 
/**
 * The Word file.
 */
file: string, 
/**
 * The recognised report's outline as it would print (empty when its profile is unknown).
 */
outline: Outline, };

export type Converted = { 
/**
 * The text in Unicode NFC.
 */
text: string, 
/**
 * The encoding it was typed in, as users know it.
 */
from: string, };

export type Collection = { 
/**
 * Identifier written into this report's forms, to tell them from other reports' forms.
 */
id: string, 
/**
 * The units expected to report, in the order the board lists them.
 */
units: Array<Unit>, 
/**
 * The day units' reports are due; later ones are counted late.
 */
deadline?: string | null, 
/**
 * The figures each unit sent for this period (by field key), as last compiled.
 */
received?: Array<UnitFigures>, 
/**
 * The figures each unit sent for the previous period, for the outlier check.
 */
previous?: Array<UnitFigures>, };

export type Unit = { 
/**
 * The unit's name as it appears in the forms and the breakdown annex.
 */
name: string, 
/**
 * What kind of unit it is, e.g. "Đảng bộ xã", "Chi bộ cơ quan".
 */
kind?: string | null, 
/**
 * Who to call or write to about its report.
 */
contact?: string | null, };

export type UnitFigures = { 
/**
 * The unit's name.
 */
unit: string, 
/**
 * The file the figures came from.
 */
file: string, 
/**
 * Figures by field key.
 */
values: { [key in string]: number }, };

export type CompileProgress = { 
/**
 * Files read so far.
 */
done: number, 
/**
 * Files to read.
 */
total: number, 
/**
 * The file being read.
 */
file: string, };

export type FormTable = { 
/**
 * Sheet name in the form ("Bảng 1").
 */
sheet: string, 
/**
 * The table's title.
 */
title: string, 
/**
 * Rows the unit fills.
 */
rows: number, 
/**
 * Input cells.
 */
inputs: number, 
/**
 * The table's rules.
 */
rules: Array<string>, 
/**
 * Rules that do not parse or name unknown columns (warnings).
 */
problems: Array<Diagnostic>, };

export type TextKind = "achievement" | "model" | "shortcoming" | "proposal";

export type UnitText = { 
/**
 * The unit that sent it.
 */
unit: string, 
/**
 * What it is.
 */
kind: TextKind, 
/**
 * The text.
 */
text: string, };

export type SubmissionKind = "form" | "report" | "word" | "unreadable";

export type Submission = { 
/**
 * The file's name (or path) as the user knows it.
 */
file: string, 
/**
 * What kind of file it is.
 */
kind: SubmissionKind, 
/**
 * The unit it is from, as written in it.
 */
unit: string | null, 
/**
 * The figures, by field key.
 */
values: { [key in string]: number }, 
/**
 * Where each figure was read: key → (sheet, cell).
 */
cells: { [key in string]: [string, string] }, 
/**
 * The unit's text items.
 */
texts: Array<UnitText>, 
/**
 * Problems with the file (placed at their sheet and cell; the compile adds the file).
 */
problems: Array<Diagnostic>, 
/**
 * The collection id written in the form.
 */
report_id: string | null, 
/**
 * The form version written in the form.
 */
version: string | null, 
/**
 * The day the file was last changed (counted as the day it was sent).
 */
modified: string | null, };

export type Choices = { 
/**
 * Files left out (by their `file` name).
 */
excluded: Array<string>, 
/**
 * Text items picked into the report.
 */
picks: Array<UnitText>, };

export type UnitState = "received" | "late" | "rejected" | "missing" | "unlisted";

export type UnitStatus = { 
/**
 * The unit's name.
 */
name: string, 
/**
 * How it stands.
 */
state: UnitState, 
/**
 * The file taken (or rejected).
 */
file: string | null, };

export type FileStatus = { 
/**
 * The file's name.
 */
file: string, 
/**
 * The unit it is from, as matched to the list.
 */
unit: string | null, 
/**
 * What kind of file it is.
 */
kind: SubmissionKind, 
/**
 * Whether its figures are added up.
 */
taken: boolean, 
/**
 * Whether the user left it out.
 */
excluded: boolean, 
/**
 * How many figures it gave.
 */
figures: number, };

export type Review = { 
/**
 * Units on the list.
 */
expected: number, 
/**
 * Listed units whose figures are taken.
 */
received: number, 
/**
 * Of those, received by the deadline.
 */
on_time: number, 
/**
 * "Đã nhận 27/31 đơn vị (đúng hạn 25)".
 */
rate: string, 
/**
 * Every listed unit, then the unlisted ones that sent figures.
 */
units: Array<UnitStatus>, 
/**
 * Names of the listed units not received.
 */
missing: Array<string>, 
/**
 * Every file, in the order given.
 */
files: Array<FileStatus>, 
/**
 * Findings, blocking first.
 */
findings: Array<Diagnostic>, 
/**
 * The units' text items, to pick into the report.
 */
texts: Array<UnitText>, 
/**
 * How many findings are blocking.
 */
blocking: number, 
/**
 * How many district figures were filled from the units.
 */
figures: number, };

export type Compiled = { 
/**
 * The report with the district figures, their sources, the breakdown annex and the picks.
 */
report: Report, 
/**
 * What the user checks before accepting it.
 */
review: Review, };

export const PARTY_AUTO = "dang";

export const UNFINISHED_CODES = ["cho-trong", "cap-nhat-so-lieu"] as const;

export const SPELLING_CODE = "chinh-ta";
