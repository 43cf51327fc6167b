//! Line breaking: a paragraph's text into tokens (UAX #14 break opportunities), greedy lines at
//! spaces with justification, first-line indents and the line box of each spacing rule.

use crate::flow::{FPara, Role, SpanStyle};
use crate::metrics::{line_gap_em, text_width_pt, vertical_em};
use crate::profile::{Align, LineSpacing};
use crate::units::mm_to_pt;

/// A token of a paragraph: a piece of a word, a space, or a forced line break.
#[derive(Debug, Clone)]
pub(super) enum Token {
    /// Text between break opportunities (UAX #14): a word, or the part of one after a hyphen,
    /// dash or slash. `break_before` tells whether a line may end just before it.
    Word {
        text: String,
        style: SpanStyle,
        width: f64,
        break_before: bool,
        /// The footnote whose raised number this is.
        note: Option<u32>,
    },
    Space {
        style: SpanStyle,
        width: f64,
    },
    Break,
}

impl Token {
    pub(super) fn width(&self) -> f64 {
        match self {
            Token::Word { width, .. } | Token::Space { width, .. } => *width,
            Token::Break => 0.0,
        }
    }
}

/// A piece of a line: consecutive tokens of one style.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) text: String,
    pub(super) style: SpanStyle,
    pub(super) width: f64,
    pub(super) spaces: usize,
    /// The footnote whose number this is: drawn raised, in [`RAISED_SIZE`] of the text's size.
    pub(super) note: Option<u32>,
}

/// A footnote number's size, as a fraction of its text's size (LibreOffice's superscript, which
/// Word's is close to).
pub(super) const RAISED_SIZE: f64 = 0.58;

/// How far a footnote number's baseline is raised, as a fraction of its text's size
/// (LibreOffice's superscript).
pub(super) const RAISED_BY: f64 = 0.33;

/// A laid-out line, positions relative to the paragraph's left edge.
#[derive(Debug, Clone)]
pub(super) struct LLine {
    pub(super) pieces: Vec<(f64, Piece, f64)>, // x, piece, word spacing
    pub(super) height: f64,
    pub(super) baseline: f64,
    /// The footnotes referred to on this line, in order.
    pub(super) notes: Vec<u32>,
}

/// A paragraph broken into lines for a given width.
#[derive(Debug, Clone)]
pub(super) struct LPara {
    pub(super) role: Role,
    pub(super) lines: Vec<LLine>,
    pub(super) before: f64,
    pub(super) after: f64,
    pub(super) keep_next: bool,
    pub(super) page_break_before: bool,
    pub(super) rule: Option<(f64, f64, f64)>, // x1, x2 relative, weight
    pub(super) anchor: Option<String>,
    /// Drawn out of the flow, its last line's bottom this far (pt) above the page's bottom edge.
    pub(super) pin_bottom: Option<f64>,
}

impl LPara {
    /// Height after a paragraph whose space after was `prev_after`: Word and LibreOffice put the
    /// larger of the two spaces between paragraphs, not their sum (ISO/IEC 29500-1 §17.3.1.33).
    pub(super) fn height_after(&self, prev_after: f64) -> f64 {
        collapsed(self.before, prev_after) + self.lines_height() + self.after
    }

    /// The lines and the bottom border (a rule takes its width below the text, in Word and
    /// LibreOffice alike).
    pub(super) fn lines_height(&self) -> f64 {
        self.lines.iter().map(|l| l.height).sum::<f64>() + self.rule.map_or(0.0, |r| r.2)
    }
}

/// The space a paragraph adds above itself when the one before it ended with `prev_after`.
pub(super) fn collapsed(before: f64, prev_after: f64) -> f64 {
    (before - prev_after).max(0.0)
}

pub(super) fn width_of(text: &str, s: &SpanStyle) -> f64 {
    text_width_pt(text, s.size_pt, s.bold, s.italic)
}

pub(super) fn tokens(p: &FPara) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for span in &p.spans {
        if let Some(n) = span.note {
            // A footnote's number, glued to the text before it.
            let style = SpanStyle { size_pt: span.style.size_pt * RAISED_SIZE, ..span.style };
            out.push(Token::Word {
                width: width_of(&span.text, &style),
                text: span.text.clone(),
                style,
                break_before: !matches!(out.last(), Some(Token::Word { .. })),
                note: Some(n),
            });
            continue;
        }
        let text = span.text.replace('\t', " ");
        for (li, line) in text.split('\n').enumerate() {
            if li > 0 {
                out.push(Token::Break);
            }
            let mut start = 0;
            for (n, (end, _)) in unicode_linebreak::linebreaks(line).enumerate() {
                let seg = &line[start..end];
                start = end;
                let word = seg.trim_end_matches(' ');
                if !word.is_empty() {
                    // A span that starts inside a word ("Một là" + ", …") is glued to it.
                    let glued = n == 0 && matches!(out.last(), Some(Token::Word { .. }));
                    out.push(Token::Word {
                        text: word.to_string(),
                        style: span.style,
                        width: width_of(word, &span.style),
                        break_before: !glued,
                        note: None,
                    });
                }
                for _ in 0..seg.len() - word.len() {
                    out.push(Token::Space { style: span.style, width: width_of(" ", &span.style) });
                }
            }
        }
    }
    out
}

/// Natural height and baseline of a line whose largest style is `s`, under a spacing rule.
/// Single spacing is ascent + descent + the font's external leading (placed above the text), as
/// Word and LibreOffice measure it; exact lines put the text at the bottom of their height.
pub(super) fn line_box(sizes: &[SpanStyle], rule: LineSpacing) -> (f64, f64) {
    let (mut asc, mut desc, mut gap) = (0.0f64, 0.0f64, 0.0f64);
    for s in sizes {
        let (a, d) = vertical_em(s.bold, s.italic);
        asc = asc.max(a * s.size_pt);
        desc = desc.max(d * s.size_pt);
        gap = gap.max(line_gap_em(s.bold, s.italic) * s.size_pt);
    }
    let natural = asc + desc + gap;
    match rule {
        LineSpacing::Exact(h) => (h, h - desc),
        LineSpacing::AtLeast(h) if h > natural => (h, h - desc),
        LineSpacing::AtLeast(_) => (natural, gap + asc),
        LineSpacing::Multiple(m) => (natural * m, natural * m - desc),
    }
}

/// Breaks a paragraph into lines within `width` (greedy, at spaces; words longer than a line
/// are cut by characters only when nothing else fits).
pub(super) fn break_lines(p: &FPara, width: f64) -> Vec<LLine> {
    let toks = tokens(p);
    let first_avail = (width - mm_to_pt(p.first_line_mm.max(0.0))).max(1.0);
    let rest_avail = width.max(1.0);
    let avail = |n: usize| if n == 0 { first_avail } else { rest_avail };
    let lines = wrap_tokens(toks, first_avail, rest_avail);

    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (toks, forced))| {
            let indent = if i == 0 { width - first_avail } else { 0.0 };
            let last = i + 1 == n || forced;
            place_line(p, toks, indent, avail(i), last)
        })
        .collect()
}

/// Wraps tokens greedily into lines (`first_avail` wide for the first, `rest_avail` after),
/// each with whether it ends with a forced break.
fn wrap_tokens(toks: Vec<Token>, first_avail: f64, rest_avail: f64) -> Vec<(Vec<Token>, bool)> {
    let mut lines: Vec<(Vec<Token>, bool)> = Vec::new(); // tokens, ends with forced break
    let mut cur: Vec<Token> = Vec::new();
    let mut after_wrap = false;
    let avail = |n: usize| if n == 0 { first_avail } else { rest_avail };
    let mut queue: std::collections::VecDeque<Token> = toks.into();
    let has_word = |toks: &[Token]| toks.iter().any(|t| matches!(t, Token::Word { .. }));
    while let Some(t) = queue.pop_front() {
        let cur_w: f64 = cur.iter().map(Token::width).sum();
        match t {
            Token::Break => {
                lines.push((std::mem::take(&mut cur), true));
                after_wrap = false;
            }
            // Spaces where a line wrapped vanish, as in Word and LibreOffice.
            Token::Space { .. } if cur.is_empty() && after_wrap => {}
            Token::Space { .. } => cur.push(t),
            Token::Word { ref text, style, width: w, break_before, note } => {
                let a = avail(lines.len());
                if cur_w + w <= a + 0.01 {
                    cur.push(t);
                    continue;
                }
                // The last break opportunity on the line: before a space, before a word piece
                // that allows it, or before this piece.
                let allowed = |i: usize| match cur.get(i) {
                    Some(Token::Space { .. }) => true,
                    Some(Token::Word { break_before, .. }) => *break_before,
                    Some(Token::Break) => false,
                    None => break_before || matches!(cur.last(), Some(Token::Space { .. })),
                };
                let at = (1..=cur.len()).rev().find(|&i| allowed(i) && has_word(&cur[..i]));
                if let Some(i) = at {
                    let rest = cur.split_off(i);
                    trim_spaces(&mut cur);
                    lines.push((std::mem::take(&mut cur), false));
                    after_wrap = true;
                    queue.push_front(t);
                    for r in rest.into_iter().rev() {
                        queue.push_front(r);
                    }
                    continue;
                }
                // No opportunity at all: cut this piece by characters where it must be.
                let room = a - cur_w;
                let mut head = String::new();
                let mut head_w = 0.0;
                let mut chars = text.chars().peekable();
                while let Some(&c) = chars.peek() {
                    let cw = width_of(&c.to_string(), &style);
                    if (has_word(&cur) || !head.is_empty()) && head_w + cw > room {
                        break;
                    }
                    head.push(c);
                    head_w += cw;
                    chars.next();
                }
                let tail: String = chars.collect();
                if !head.is_empty() {
                    cur.push(Token::Word { text: head, style, width: head_w, break_before, note });
                }
                lines.push((std::mem::take(&mut cur), false));
                after_wrap = true;
                if !tail.is_empty() {
                    let tw = width_of(&tail, &style);
                    queue.push_front(Token::Word {
                        text: tail,
                        style,
                        width: tw,
                        break_before: true,
                        note,
                    });
                }
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push((cur, true));
    } else if let Some(last) = lines.last_mut() {
        last.1 = true;
    }
    lines
}

/// Lays out one wrapped line: merges its tokens into pieces, aligns or justifies them within
/// `a` after `indent`, and measures the line box (`last`: the line is not justified).
fn place_line(p: &FPara, mut toks: Vec<Token>, indent: f64, a: f64, last: bool) -> LLine {
    trim_spaces(&mut toks);
    let mut pieces: Vec<Piece> = Vec::new();
    for t in &toks {
        let (text, style, w, space, note) = match t {
            Token::Word { text, style, width, note, .. } => {
                (text.as_str(), *style, *width, false, *note)
            }
            Token::Space { style, width } => (" ", *style, *width, true, None),
            Token::Break => continue,
        };
        match pieces.last_mut() {
            Some(last) if last.style == style && last.note == note => {
                last.text.push_str(text);
                last.width += w;
                last.spaces += usize::from(space);
            }
            _ => pieces.push(Piece {
                text: text.to_string(),
                style,
                width: w,
                spaces: usize::from(space),
                note,
            }),
        }
    }
    let notes: Vec<u32> = pieces.iter().filter_map(|p| p.note).collect();
    let natural: f64 = pieces.iter().map(|p| p.width).sum();
    let spaces: usize = pieces.iter().map(|p| p.spaces).sum();
    let (start, extra) = match p.align {
        Align::Justify if !last && spaces > 0 => (0.0, ((a - natural) / spaces as f64).max(0.0)),
        Align::Center => (((a - natural) / 2.0).max(0.0), 0.0),
        Align::Right => ((a - natural).max(0.0), 0.0),
        _ => (0.0, 0.0),
    };
    let mut x = indent + start;
    let mut placed = Vec::new();
    for piece in pieces {
        let w = piece.width + extra * piece.spaces as f64;
        placed.push((x, piece, extra));
        x += w;
    }
    let mut styles: Vec<SpanStyle> = placed.iter().map(|(_, p, _)| p.style).collect();
    if styles.is_empty() {
        styles.push(p.mark);
    }
    let (height, baseline) = line_box(&styles, p.line);
    LLine { pieces: placed, height, baseline, notes }
}

pub(super) fn trim_spaces(toks: &mut Vec<Token>) {
    while matches!(toks.last(), Some(Token::Space { .. })) {
        toks.pop();
    }
}

pub(super) fn lay_para(p: &FPara, width: f64) -> LPara {
    let left = mm_to_pt(p.left_mm);
    let right = mm_to_pt(p.right_mm);
    let inner = (width - left - right).max(1.0);
    let mut lines = break_lines(p, inner);
    for l in &mut lines {
        for (x, _, _) in &mut l.pieces {
            *x += left;
        }
    }
    LPara {
        role: p.role,
        lines,
        before: p.space_before_pt,
        after: p.space_after_pt,
        keep_next: p.keep_next,
        page_break_before: p.page_break_before,
        rule: p.rule_pt.map(|w| (left, width - right, w)),
        anchor: p.anchor.clone(),
        pin_bottom: p.pin_bottom_mm.map(mm_to_pt),
    }
}
