//! The resolved document: the report with its format applied, as styled paragraphs and tables.
//!
//! Every generated text lives here: numbering (I., 1., a)), ordinals ("Một là"), counts ("06"),
//! formatted figures, totals, the header and closing blocks. Writers (DOCX, and the page layout
//! drawn as PDF and SVG) draw this and add nothing of their own.
//!
//! - `types.rs`: what a flow is ([`Flow`], [`FPara`], [`FTable`], [`Role`]…);
//! - `builder.rs`: [`build`] and the paragraph helpers the parts below share;
//! - `header.rs`, `body.rs`, `closing.rs`: the document from top to bottom (header table and
//!   title; opening, parts, sections, points and typed blocks; closing block and annexes);
//! - `figures.rs`: computed values (year references, `{name}` figures, table sums).

mod body;
mod builder;
mod closing;
mod figures;
mod header;
pub mod tablefit;
mod types;

pub(crate) use body::{group_number, lesson_word, phan_lines, solution_lead};
pub use builder::{build, FlowBuilder};
pub(crate) use builder::{cased, heading_parts};
pub(crate) use closing::annex_lines;
pub(crate) use figures::number_style;
pub use figures::{
    column_totals, figure_words, parse_figures, resolve_table, Piece, Resolved, YearRefs, YEAR_REFS,
};
pub use types::{DocProps, FBlock, FCell, FNote, FPara, FRow, FTable, Flow, Role, Span, SpanStyle};
