//! The built-in sample: a 3-year review of Directive 05-CT/TW by the propaganda board of the
//! fictional district of Hòa Bình Đông, written for this project. The app opens it by default.

use crate::model::Report;

/// The sample report as JSON text (templates/samples/).
pub const SAMPLE_JSON: &str =
    include_str!("../../../templates/samples/so-ket-03-nam-chi-thi-05.json");

/// Parses the built-in sample.
pub fn sample() -> Report {
    // The sample is compiled in and checked by tests; a parse failure is a build defect.
    crate::load::report_from_json(SAMPLE_JSON.as_bytes())
        .unwrap_or_else(|e| panic!("built-in sample is invalid: {e}"))
}

/// A long report for benchmarks and stress tests: the sample plus generated parts, sized to
/// about `pages` A4 pages in the Party profile (about seven 4–5-line paragraphs per page).
pub fn generated(pages: usize) -> Report {
    use crate::model::{Block, Division, Lines, Marker, Paragraph, Part, Section};
    let mut r = sample();
    let text = "Các chi, đảng bộ cơ sở tiếp tục đưa nội dung học tập và làm theo tư tưởng, đạo đức, \
                phong cách Hồ Chí Minh vào sinh hoạt chi bộ định kỳ; gắn việc làm theo với nhiệm vụ \
                chính trị của từng cơ quan, đơn vị, kịp thời biểu dương những tập thể, cá nhân tiêu \
                biểu và chấn chỉnh những nơi còn làm hình thức.";
    // The sample is about 4 pages of body text already.
    // One generated part is about 0.8 page (checked with LibreOffice, docs/performance.md).
    for p in 0..(pages.saturating_sub(4) * 5).div_ceil(4) {
        let sections = (0..2)
            .map(|s| Section {
                hint: None,
                title: format!(
                    "Kết quả thực hiện nhiệm vụ trọng tâm thứ {} của phần {}",
                    s + 1,
                    p + 1
                ),
                blocks: vec![
                    Block::Paragraph(Paragraph { text: text.to_string() }),
                    Block::Paragraph(Paragraph { text: text.to_string() }),
                    Block::Lines(Lines { marker: Marker::Dash, items: vec![text.to_string()] }),
                ],
                points: Vec::new(),
            })
            .collect();
        r.body.content.insert(
            r.body.content.len() - 1,
            Division::Part(Part {
                hint: None,
                title: format!("Kết quả chuyên đề bổ sung số {}", p + 1),
                blocks: Vec::new(),
                sections,
            }),
        );
    }
    r
}
