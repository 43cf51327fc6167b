//! Incremental layout for the live preview: the flow's blocks broken into lines are kept between
//! edits, keyed by the block itself (its text, styles and place) and the profile. After an edit
//! only the blocks that differ are broken again, pagination restarts from the first page they
//! touch, and it stops as soon as a block starts where it started before in the same state:
//! everything after it is the previous layout, unchanged. The result is the same [`Layout`] a
//! full [`layout`](super::layout) gives (tested), plus the list of pages that changed.

use super::pager::{LBlock, Mark, Pager};
use super::{
    flow_missing_warning, has_number, lay_block, lay_notes, number_pages, renumber_kept, Geometry,
    Layout, Page,
};
use crate::flow::{FBlock, Flow};
use crate::profile::FormatProfile;

/// A layout kept between edits.
#[derive(Default)]
pub struct Incremental {
    profile: Option<FormatProfile>,
    blocks: Vec<FBlock>,
    laid: Vec<LBlock>,
    /// The pager's state before each block.
    marks: Vec<Mark>,
    layout: Option<Layout>,
    version: u64,
    /// The last flow laid out had footnotes.
    notes: bool,
}

/// What an update changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// Increases with every update that changed a page (or the page count).
    pub version: u64,
    /// Indices of the pages that differ from the previous layout (new pages included).
    pub changed: Vec<usize>,
    /// Blocks broken into lines again.
    pub relaid_blocks: usize,
    /// Pages placed again (the rest were kept).
    pub repaginated_pages: usize,
}

impl Incremental {
    /// An empty layout (the first update lays out everything).
    pub fn new() -> Self {
        Self::default()
    }

    /// The current layout, once an update has run.
    pub fn layout(&self) -> Option<&Layout> {
        self.layout.as_ref()
    }

    /// The version of the current layout.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Brings the layout up to date with `flow` under `profile`.
    pub fn update(&mut self, flow: Flow, profile: &FormatProfile) -> Update {
        let geo = Geometry::of(profile);
        // A document with footnotes is laid out again whole: a line's notes move the foot of
        // its page, which the marks do not hold.
        let same_profile = self.profile.as_ref() == Some(profile)
            && self.layout.is_some()
            && !self.notes
            && flow.notes.is_empty();
        let old_len = self.blocks.len();
        let new_len = flow.blocks.len();
        let (head, tail) = if same_profile { self.common_ends(&flow.blocks) } else { (0, 0) };
        let fresh: Vec<LBlock> =
            flow.blocks[head..new_len - tail].iter().map(|b| lay_block(b, &geo)).collect();
        let relaid_blocks = fresh.len();
        if same_profile {
            self.laid.splice(head..old_len - tail, fresh);
        } else {
            self.laid = fresh;
        }

        if same_profile && head == old_len && old_len == new_len {
            // Nothing on the pages changed (the properties may have).
            if let Some(l) = self.layout.as_mut() {
                l.props = flow.props;
            }
            return Update {
                version: self.version,
                changed: Vec::new(),
                relaid_blocks,
                repaginated_pages: 0,
            };
        }

        // Restart at the first changed block, or earlier when a keep-with-next chain leads
        // into it (the chain's first paragraph looked ahead at the changed block). Blocks
        // added at the end restart at the old last block (its mark is known).
        let mut restart = if same_profile { head.min(old_len.saturating_sub(1)) } else { 0 };
        while restart > 0 && matches!(&self.laid[restart - 1], LBlock::Para(p) if p.keep_next) {
            restart -= 1;
        }
        let mut head_pages = self.layout.take().map(|l| l.pages).unwrap_or_default();
        let old_marks = std::mem::take(&mut self.marks);
        let resume = if restart > 0 { old_marks.get(restart).copied() } else { None };
        let start_page = resume.map_or(0, |m| m.page);
        // The old pages from the restart page on (compared, and reused after convergence).
        let mut old_rest = head_pages.split_off(start_page.min(head_pages.len()));
        let old_count = start_page + old_rest.len();
        let mut pager = match resume {
            Some(m) => {
                let mut page = old_rest.first().cloned().unwrap_or_default();
                if has_number(&page) {
                    page.items.remove(0);
                }
                head_pages.push(page);
                Pager::resume(&geo, head_pages, &m)
            }
            None => Pager::with_notes(&geo, lay_notes(&flow, profile, &geo)),
        };

        let mut marks: Vec<Mark> = old_marks[..restart.min(old_marks.len())].to_vec();
        let unchanged_from = new_len - tail;
        let shift = |i: usize| i + old_len - new_len; // index in the common tail → old index
        let mut converged: Option<(usize, Mark)> = None; // (new block index, old mark)
        for i in restart..new_len {
            let here = pager.mark();
            if same_profile && i >= unchanged_from && i > restart {
                let old = old_marks[shift(i)];
                if here.same_place(&old) {
                    converged = Some((i, old));
                    break;
                }
            }
            marks.push(here);
            pager.place(&self.laid, i);
        }

        pager.finish();
        let mut pages = pager.pages;
        let last_new = pages.len() - 1;
        if let Some((i, old)) = converged {
            let old_run =
                OldRun { pages: &mut old_rest, start_page, marks: &old_marks[shift(i)..] };
            reuse_old_rest(&mut pages, &mut marks, old_run, old);
        }
        number_pages(&mut pages, start_page..=last_new, profile, &geo);
        // The kept pages are numbered as before unless a section now starts elsewhere.
        let renumbered = renumber_kept(&mut pages, last_new + 1, profile, &geo);
        let changed: Vec<usize> = (start_page..=last_new)
            .filter(|&n| !same_profile || old_rest.get(n - start_page) != pages.get(n))
            .chain(last_new + 1..renumbered)
            .collect();
        if !changed.is_empty() || old_count != pages.len() || !same_profile {
            self.version += 1;
        }
        let repaginated_pages = last_new + 1 - start_page;
        self.layout = Some(Layout {
            width_pt: geo.width,
            height_pt: geo.height,
            content: [geo.left, geo.top, geo.right, geo.bottom],
            pages,
            warnings: flow_missing_warning(&flow),
            props: flow.props,
        });
        self.notes = !flow.notes.is_empty();
        self.blocks = flow.blocks;
        self.marks = marks;
        self.profile = Some(profile.clone());
        Update { version: self.version, changed, relaid_blocks, repaginated_pages }
    }

    /// How many blocks at the start and at the end are the same in the old layout and `blocks`:
    /// the blocks between them are the ones that changed.
    fn common_ends(&self, blocks: &[FBlock]) -> (usize, usize) {
        let head = self.blocks.iter().zip(blocks).take_while(|(a, b)| a == b).count();
        let max_tail = self.blocks.len().min(blocks.len()) - head;
        let tail = self
            .blocks
            .iter()
            .rev()
            .zip(blocks.iter().rev())
            .take(max_tail)
            .take_while(|(a, b)| a == b)
            .count();
        (head, tail)
    }
}

/// The old layout from the page where pagination resumed: its pages and its marks from the block
/// where the new run met it.
struct OldRun<'a> {
    pages: &'a mut Vec<Page>,
    start_page: usize,
    marks: &'a [Mark],
}

/// Ends the new pages with the old layout once both reach a block at the same place: the tail of
/// the page where the old run stood at that block, then its later pages. Later marks on that page
/// move by the difference in items and anchors placed before them.
fn reuse_old_rest(pages: &mut Vec<Page>, marks: &mut Vec<Mark>, old_run: OldRun<'_>, old: Mark) {
    let last_new = pages.len() - 1;
    let (items_here, anchors_here) =
        pages.last().map_or((0, 0), |p| (p.items.len(), p.anchors.len()));
    let k = old.page - old_run.start_page;
    let skip = usize::from(has_number(&old_run.pages[k]));
    let later = old_run.pages.split_off(k + 1);
    let old_page = &old_run.pages[k];
    let cur = &mut pages[last_new];
    cur.items.extend_from_slice(&old_page.items[old.items + skip..]);
    cur.anchors.extend_from_slice(&old_page.anchors[old.anchors..]);
    pages.extend(later);
    for m in old_run.marks {
        let mut m = *m;
        if m.page == old.page {
            m.items = m.items + items_here - old.items;
            m.anchors = m.anchors + anchors_here - old.anchors;
        }
        marks.push(m);
    }
}
