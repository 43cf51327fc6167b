//! Page-by-page agreement between two renderings of the same report (our PDF and LibreOffice's
//! rendering of our DOCX), from the text of each page: page counts and the first words of each page.

/// Result of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Pages in the reference rendering (LibreOffice).
    pub reference_pages: usize,
    /// Pages in our rendering.
    pub our_pages: usize,
    /// Per page: the first words of each side and whether they agree.
    pub pages: Vec<PageMatch>,
}

/// One page of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMatch {
    /// First words of the reference page ("" past its end).
    pub reference: String,
    /// First words of our page ("" past its end).
    pub ours: String,
    /// Whether they are the same.
    pub same: bool,
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
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Compares page texts (as `pdftotext` gives them, pages split at form feeds) by their first
/// `words` words.
pub fn compare(reference: &[String], ours: &[String], words: usize) -> Agreement {
    let n = reference.len().max(ours.len());
    let pages = (0..n)
        .map(|i| {
            let r = reference.get(i).map(|t| first_words(t, words)).unwrap_or_default();
            let o = ours.get(i).map(|t| first_words(t, words)).unwrap_or_default();
            PageMatch { same: !r.is_empty() && r == o, reference: r, ours: o }
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
    }
}
