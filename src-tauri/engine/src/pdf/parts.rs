//! A long document serialised by printpdf in parts, one thread each, joined into one file.
//!
//! printpdf's `to_lopdf_document` translates page after page on one thread (about 40 % of a
//! 100-page export, docs/performance.md). Each part is a printpdf document of its own over the
//! same fonts (subset once, before the split, so every part encodes the same glyph ids). A
//! part's fonts describe only the glyphs its pages show (printpdf writes `/W` and ToUnicode
//! from them), so the file's fonts come from one more printpdf document whose single page shows
//! every character each face shows anywhere; that page is dropped and the parts' pages take
//! its place. The parts are fixed by the page count alone, never by the machine's cores, so the
//! same report gives the same bytes everywhere. Upstream, `to_lopdf_doc` translating its pages in
//! parallel would make this module unnecessary (docs/library-notes.md, B.2).

use std::ops::Range;

use lopdf::{Document, Object, ObjectId};

use super::err;
use crate::error::EngineError;

/// Pages per part: below this a document is one part.
const PAGES_PER_PART: usize = 24;
/// The most parts a document is cut into.
const MAX_PARTS: usize = 8;

/// The page ranges a document of `pages` pages is serialised in.
pub(super) fn ranges(pages: usize) -> Vec<Range<usize>> {
    let parts = (pages / PAGES_PER_PART).clamp(1, MAX_PARTS);
    let size = pages.div_ceil(parts).max(1);
    (0..pages.max(1)).step_by(size).map(|s| s..(s + size).min(pages)).collect()
}

/// Runs `serialise` on each job, on up to as many threads as the machine has; the documents
/// in the jobs' order.
pub(super) fn run<T, F>(jobs: &[T], serialise: F) -> Result<Vec<Document>, EngineError>
where
    T: Sync,
    F: Fn(&T) -> Result<Document, EngineError> + Sync,
{
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(&serialise).collect();
    }
    let per_thread = jobs.len().div_ceil(threads);
    let serialise = &serialise;
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(per_thread)
            .map(|group| {
                scope.spawn(move || group.iter().map(serialise).collect::<Result<Vec<_>, _>>())
            })
            .collect();
        let mut docs = Vec::with_capacity(jobs.len());
        for h in handles {
            docs.extend(h.join().unwrap_or_else(|_| Err(err("a part of the PDF failed")))?);
        }
        Ok(docs)
    })
}

/// Where a document keeps its pages and the resources they share.
struct Tree {
    pages: ObjectId,
    kids: Vec<ObjectId>,
    /// The first page's resources (printpdf gives every page the same ones).
    resources: Object,
}

fn tree(doc: &Document) -> Result<Tree, EngineError> {
    let pages = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference);
    let pages = pages.map_err(err)?;
    let kids: Vec<ObjectId> = doc
        .get_dictionary(pages)
        .and_then(|d| d.get(b"Kids"))
        .and_then(Object::as_array)
        .map_err(err)?
        .iter()
        .map(Object::as_reference)
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let first = kids.first().ok_or_else(|| err("a part without pages"))?;
    let resources = doc.get_dictionary(*first).and_then(|p| p.get(b"Resources")).map_err(err)?;
    Ok(Tree { pages, kids, resources: resources.clone() })
}

/// One file: the fonts document's catalog, information and fonts (its one page dropped), with
/// every part's pages in order.
pub(super) fn join(mut fonts: Document, parts: Vec<Document>) -> Result<Document, EngineError> {
    let mut base = tree(&fonts)?;
    for kid in std::mem::take(&mut base.kids) {
        let page = fonts.objects.remove(&kid).ok_or_else(|| err("no page"))?;
        if let Ok(contents) =
            page.as_dict().and_then(|p| p.get(b"Contents")).and_then(Object::as_reference)
        {
            fonts.objects.remove(&contents);
        }
    }
    for mut part in parts {
        for kid in tree(&part)?.kids {
            let mut page = part.get_dictionary(kid).map_err(err)?.clone();
            let contents = page.get(b"Contents").and_then(Object::as_reference).map_err(err)?;
            let stream = part.objects.remove(&contents).ok_or_else(|| err("no page content"))?;
            page.set("Contents", fonts.add_object(stream));
            page.set("Parent", base.pages);
            page.set("Resources", base.resources.clone());
            base.kids.push(fonts.add_object(page));
        }
    }
    let count = base.kids.len() as i64;
    let pages = fonts.get_dictionary_mut(base.pages).map_err(err)?;
    pages.set("Kids", base.kids.into_iter().map(Object::Reference).collect::<Vec<_>>());
    pages.set("Count", count);
    Ok(fonts)
}

#[cfg(test)]
mod tests {
    use super::ranges;

    #[test]
    fn parts_cover_every_page_once_in_order() {
        for pages in 0..400 {
            let r = ranges(pages);
            assert_eq!(r.first().map(|r| r.start), Some(0));
            assert_eq!(r.last().map(|r| r.end), Some(pages), "{pages}: {r:?}");
            assert!(r.windows(2).all(|w| w[0].end == w[1].start && w[1].start < w[1].end));
            assert!(r.len() <= super::MAX_PARTS);
            assert_eq!(r.len() > 1, pages >= 2 * super::PAGES_PER_PART, "{pages}: {r:?}");
        }
    }
}
