//! Page-by-page agreement between two renderings of the same report (our PDF and LibreOffice's
//! rendering of our DOCX), from the text of each page: page counts, and the first and the last
//! words of each page. Also checks that the machine's "Times New Roman" is metric-compatible, since
//! LibreOffice measures our DOCX with whatever font `fontconfig` substitutes for it.

/// Result of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Pages in the reference rendering (LibreOffice).
    pub reference_pages: usize,
    /// Pages in our rendering.
    pub our_pages: usize,
    /// Per page: the first and last words of each side and whether they agree.
    pub pages: Vec<PageMatch>,
}

/// One page of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMatch {
    /// First words of the reference page ("" past its end).
    pub reference: String,
    /// First words of our page ("" past its end).
    pub ours: String,
    /// Last words of the reference page ("" past its end).
    pub reference_last: String,
    /// Last words of our page ("" past its end).
    pub ours_last: String,
    /// Whether both the first and the last words are the same.
    pub same: bool,
}

impl PageMatch {
    /// Whether the first words agree.
    pub fn same_start(&self) -> bool {
        !self.reference.is_empty() && self.reference == self.ours
    }

    /// Whether the last words agree.
    pub fn same_end(&self) -> bool {
        !self.reference_last.is_empty() && self.reference_last == self.ours_last
    }
}

impl Agreement {
    /// Number of agreeing pages.
    pub fn agreeing(&self) -> usize {
        self.pages.iter().filter(|p| p.same).count()
    }

    /// Share of agreeing pages over the longer rendering, 0–1.
    pub fn ratio(&self) -> f64 {
        if self.pages.is_empty() {
            1.0
        } else {
            self.agreeing() as f64 / self.pages.len() as f64
        }
    }

    /// Numbers (1-based) of the pages that do not agree.
    pub fn mismatches(&self) -> Vec<usize> {
        self.pages.iter().enumerate().filter(|(_, p)| !p.same).map(|(i, _)| i + 1).collect()
    }
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// Compares page texts (as `pdftotext` gives them, pages split at form feeds) by their first
/// `words` words and their last `words` words.
pub fn compare(reference: &[String], ours: &[String], words: usize) -> Agreement {
    let n = reference.len().max(ours.len());
    let pages = (0..n)
        .map(|i| {
            let side = |pages: &[String]| {
                pages
                    .get(i)
                    .map(|t| (first_words(t, words), last_words(t, words)))
                    .unwrap_or_default()
            };
            let (reference, reference_last) = side(reference);
            let (ours, ours_last) = side(ours);
            let mut m = PageMatch { reference, ours, reference_last, ours_last, same: false };
            m.same = m.same_start() && m.same_end();
            m
        })
        .collect();
    Agreement { reference_pages: reference.len(), our_pages: ours.len(), pages }
}

/// Splits `pdftotext` output into pages (form feeds), dropping the empty tail.
pub fn split_pages(text: &str) -> Vec<String> {
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    while pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Font families with the metrics of Times New Roman: LibreOffice lays our DOCX out like Word
/// only when "Times New Roman" resolves to one of these.
pub const METRIC_COMPATIBLE: [&str; 3] = ["Times New Roman", "Liberation Serif", "Tinos"];

/// The Debian package that provides a metric-compatible font.
pub const FONT_PACKAGE: &str = "fonts-liberation2";

/// Checks the output of `fc-match "Times New Roman"` (its default format,
/// `file: "Family" "Style"`): `Ok(family)` when the font is metric-compatible, otherwise a
/// message in Vietnamese naming the font found and the package to install.
pub fn check_font_match(fc_match_output: &str) -> Result<String, String> {
    let line = fc_match_output.lines().next().unwrap_or("").trim();
    let family = line.split('"').nth(1).map(str::trim).filter(|f| !f.is_empty());
    match family {
        Some(f) if METRIC_COMPATIBLE.iter().any(|c| c.eq_ignore_ascii_case(f)) => Ok(f.to_string()),
        Some(f) => Err(format!(
            "Máy này thay phông «Times New Roman» bằng «{f}», không cùng số đo chữ, nên \
             LibreOffice ngắt dòng và ngắt trang khác hẳn bản Word; phép so không có nghĩa. \
             Hãy cài gói {FONT_PACKAGE} (sudo apt-get install {FONT_PACKAGE}: phông Liberation \
             Serif, cùng số đo với Times New Roman) rồi chạy lại."
        )),
        None => Err(format!(
            "Không đọc được phông thay cho «Times New Roman» (fc-match trả về «{line}»). \
             Hãy cài fontconfig và gói {FONT_PACKAGE} rồi chạy lại."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agreeing_pages_over_the_longer_side() {
        let a = split_pages("Một hai ba\u{c}2 Bốn năm\u{c}3 sáu\u{c}");
        let b = split_pages("Một  hai\nba\u{c}2 Bốn năm\u{c}3 bảy\u{c}4 tám\u{c}");
        let r = compare(&a, &b, 3);
        assert_eq!((r.reference_pages, r.our_pages), (3, 4));
        assert_eq!(r.agreeing(), 2);
        assert!((r.ratio() - 0.5).abs() < 1e-9);
        assert_eq!(r.mismatches(), [3, 4]);
    }

    #[test]
    fn a_page_that_ends_elsewhere_does_not_agree() {
        // Same start, but LibreOffice carried the last line over to the next page.
        let a = split_pages("Một hai ba bốn năm sáu\u{c}2 bảy tám chín\u{c}");
        let b = split_pages("Một hai ba bốn năm\u{c}2 sáu bảy tám chín\u{c}");
        let r = compare(&a, &b, 2);
        assert!(r.pages[0].same_start() && !r.pages[0].same_end());
        assert_eq!(r.agreeing(), 0);
        assert_eq!(r.pages[0].reference_last, "năm sáu");
        assert_eq!(r.pages[0].ours_last, "bốn năm");
    }

    #[test]
    fn liberation_serif_and_tinos_are_accepted() {
        let ok =
            check_font_match("LiberationSerif-Regular.ttf: \"Liberation Serif\" \"Regular\"\n");
        assert_eq!(ok.as_deref(), Ok("Liberation Serif"));
        assert!(check_font_match("Tinos-Regular.ttf: \"Tinos\" \"Regular\"").is_ok());
        assert!(check_font_match("times.ttf: \"Times New Roman\" \"Normal\"").is_ok());
    }

    #[test]
    fn dejavu_serif_is_named_with_the_package_to_install() {
        let e = check_font_match("DejaVuSerif.ttf: \"DejaVu Serif\" \"Book\"")
            .expect_err("DejaVu Serif is not metric-compatible");
        assert!(e.contains("«DejaVu Serif»") && e.contains("fonts-liberation2"), "{e}");
        let e = check_font_match("").expect_err("nothing found");
        assert!(e.contains("fonts-liberation2"), "{e}");
    }
}
