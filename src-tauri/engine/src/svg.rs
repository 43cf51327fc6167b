//! SVG pages drawn from the same [`Layout`] as the PDF, one SVG per page, for the app's live
//! preview. Fonts are referenced from the bundled files through `@font-face` rules whose URLs
//! start with `font_base` (a folder holding the four Liberation Serif files).

use std::fmt::Write;

use crate::layout::{Item, Layout};

use crate::text::xml_escape as escape;

/// `@font-face` rules for the bundled faces under `font_base` (empty without one).
fn font_faces(font_base: Option<&str>) -> String {
    let mut faces = String::new();
    for face in &crate::metrics::FACES {
        let Some(font_base) = font_base else { break };
        let file = face.file;
        let weight = if face.bold { "bold" } else { "normal" };
        let style = if face.italic { "italic" } else { "normal" };
        let _ = write!(
            faces,
            "@font-face{{font-family:'Liberation Serif';font-weight:{weight};font-style:{style};src:url('{}{file}')}}",
            escape(font_base)
        );
    }
    faces
}

/// One SVG document per page. With `font_base` (the URL folder of the font files, "fonts/") each
/// page carries `@font-face` rules; without it the page has no `<style>` at all (for a host page
/// with a strict CSP that declares the fonts itself) and names the family on each text.
pub fn write(layout: &Layout, font_base: Option<&str>) -> Vec<String> {
    let faces = font_faces(font_base);
    (0..layout.pages.len()).map(|i| draw(layout, i, font_base.map(|_| faces.as_str()))).collect()
}

/// The SVG document of page `index` (as [`write`] draws it).
pub fn page(layout: &Layout, index: usize, font_base: Option<&str>) -> String {
    let faces = font_faces(font_base);
    draw(layout, index, font_base.map(|_| faces.as_str()))
}

fn draw(layout: &Layout, index: usize, faces: Option<&str>) -> String {
    let Some(page) = layout.pages.get(index) else { return String::new() };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2}pt" height="{h:.2}pt" viewBox="0 0 {w:.2} {h:.2}">"#,
        w = layout.width_pt,
        h = layout.height_pt,
    );
    if let Some(faces) = faces {
        let _ = write!(
            s,
            "<style>{faces}text{{font-family:'Liberation Serif','Times New Roman',serif;white-space:pre}}</style>"
        );
    }
    s.push_str(r#"<rect width="100%" height="100%" fill="white"/><g font-family="Liberation Serif, Times New Roman, serif">"#);
    for item in &page.items {
        match item {
            Item::Text(t) => {
                let _ = write!(
                    s,
                    r#"<text x="{:.2}" y="{:.2}" font-size="{}"{}{}{} textLength="{:.2}" xml:space="preserve">{}</text>"#,
                    t.x,
                    t.y,
                    t.style.size_pt,
                    if t.style.bold { r#" font-weight="bold""# } else { "" },
                    if t.style.italic { r#" font-style="italic""# } else { "" },
                    if t.word_spacing.abs() > 1e-6 {
                        format!(r#" word-spacing="{:.3}""#, t.word_spacing)
                    } else {
                        String::new()
                    },
                    // The run's width as laid out (and printed in the PDF): a browser whose own
                    // measure differs (a space after a run was drawn wider) still ends it there.
                    t.width,
                    escape(&crate::metrics::printable(&t.text))
                );
            }
            Item::Line(r) => {
                let _ = write!(
                    s,
                    r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="black" stroke-width="{}"/>"#,
                    r.x1, r.y1, r.x2, r.y2, r.width
                );
            }
        }
    }
    s.push_str("</g></svg>\n");
    s
}
