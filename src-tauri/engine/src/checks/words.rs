//! The words of a text as the checks see them: runs of letters with their byte ranges, figure
//! names, references, addresses, document symbols and list letters left out (spelling and the
//! tone-mark style both read them).

use super::rules::skip_spans;

/// The words of a text to check, with their byte ranges: runs of letters, leaving out figure
/// names, computed references, web and mail addresses, document symbols («05-CT/TW»), list
/// letters («a)») and inline emphasis markers.
pub fn words(text: &str) -> Vec<(usize, usize, &str)> {
    let skip = skip_spans(text);
    let mut out = Vec::new();
    for (cs, chunk) in chunks(text) {
        // A document symbol or a code: letters mixed with digits, «/» or «-».
        if chunk.chars().any(|c| c.is_ascii_digit()) && chunk.contains(['/', '-'])
            || chunk.contains('/')
        {
            continue;
        }
        let mut start = None;
        let bytes_end = chunk.len();
        for (i, c) in chunk.char_indices().chain(std::iter::once((bytes_end, ' '))) {
            let letter = c.is_alphabetic() || is_mark(c);
            match (letter, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    start = None;
                    let (a, b) = (cs + s, cs + i);
                    let w = &text[a..b];
                    let next = chunk[i..].chars().next();
                    let prev = chunk[..s].chars().next_back();
                    let letter_item = w.chars().count() == 1 && next == Some(')');
                    let with_digit = next.is_some_and(|c| c.is_ascii_digit())
                        || prev.is_some_and(|c| c.is_ascii_digit());
                    let roman = w.len() > 1 && w.chars().all(|c| "IVXLCDM".contains(c));
                    if letter_item
                        || with_digit
                        || roman
                        || skip.iter().any(|&(x, y)| a < y && b > x)
                    {
                        continue;
                    }
                    out.push((a, b, w));
                }
                _ => {}
            }
        }
    }
    out
}

/// The whitespace-separated chunks of `text` with their byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |c| (c.as_ptr() as usize - text.as_ptr() as usize, c))
}

/// Whether `c` is a combining mark (a tone or vowel mark typed apart from its letter).
pub(crate) fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}
