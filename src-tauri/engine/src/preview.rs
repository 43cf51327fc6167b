//! The live preview: the report laid out on every edit, whatever its problems (they are listed
//! beside the pages), through the [`Incremental`] layout, so that only the pages an edit changed
//! are drawn again and sent. Each answer carries a version; a client that holds the previous
//! version replaces only the pages listed, any other client gets every page.

use chrono::{DateTime, Utc};

use crate::checks;
use crate::diagnostic::Diagnostic;
use crate::error::EngineError;
use crate::layout::Incremental;
use crate::model::Report;
use crate::outline::Outline;
use crate::{flow, profile_for, svg};

/// The preview of one open report, kept between edits.
#[derive(Default)]
pub struct PreviewSession {
    layout: Incremental,
    /// A hash of the anchors last sent.
    anchors_sent: Option<u64>,
}

/// Pages drawn for the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewPages {
    /// Version of the layout these pages belong to.
    pub version: u64,
    /// Number of pages in the document.
    pub page_count: usize,
    /// The pages drawn (index, SVG): all of them, or only those changed since `known`.
    pub pages: Vec<(usize, String)>,
    /// Whether `pages` holds every page (the client's copy was not the previous version).
    pub complete: bool,
    /// For each page, the report paths whose content starts there (parts, blocks, items);
    /// none when the client's copy (version `known`) already has these.
    pub anchors: Option<Vec<Vec<String>>>,
    /// What the checks and the layout found (blocking findings do not stop the preview).
    pub problems: Vec<Diagnostic>,
    /// The editor's view: the outline, tables' totals and openers as this layout prints them.
    pub outline: Outline,
}

impl PreviewSession {
    /// A session with nothing laid out yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lays the report out again and draws the pages that a client holding version `known`
    /// lacks: the changed pages when `known` is the session's last version, else every page.
    pub fn render(
        &mut self,
        report: &Report,
        known: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<PreviewPages, EngineError> {
        let profile = profile_for(report)?;
        let before = self.layout.version();
        // The checks run on another core while the layout is brought up to date.
        let (problems, up) = std::thread::scope(|scope| {
            let checking = scope.spawn(|| checks::check(report, &profile));
            let up = self.layout.update(flow::build(report, &profile, now), &profile);
            (checking.join(), up)
        });
        let mut problems = problems.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let layout = self
            .layout
            .layout()
            .ok_or_else(|| EngineError::Write { format: "SVG", detail: "no layout".into() })?;
        problems.extend(layout.warnings.iter().cloned());
        let complete = known != Some(before) || before == 0;
        let wanted: Vec<usize> =
            if complete { (0..layout.pages.len()).collect() } else { up.changed };
        let pages = wanted.into_iter().map(|i| (i, svg::page(layout, i, None))).collect();
        // Anchors per item make a long list: sent only when they changed (a typed letter
        // rarely moves one).
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            layout.pages.iter().for_each(|p| p.anchors.hash(&mut h));
            h.finish()
        };
        let anchors = (complete || self.anchors_sent != Some(hash))
            .then(|| layout.pages.iter().map(|p| p.anchors.clone()).collect());
        self.anchors_sent = Some(hash);
        Ok(PreviewPages {
            version: up.version,
            page_count: layout.pages.len(),
            pages,
            complete,
            anchors,
            problems,
            outline: Outline::of(report, &profile),
        })
    }
}
