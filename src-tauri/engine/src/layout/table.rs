//! Tables laid out: cells broken into lines within their columns, row heights as Word and
//! LibreOffice count them (top border inside, bordered rows rounded to whole twips).

use super::lines::{lay_para, LPara};
use crate::flow::FTable;
use crate::units::mm_to_pt;

/// A table cell laid out.
#[derive(Debug, Clone)]
pub(super) struct LCell {
    pub(super) x: f64,
    pub(super) width: f64,
    pub(super) paras: Vec<LPara>,
    pub(super) v_center: bool,
}

impl LCell {
    pub(super) fn height(&self) -> f64 {
        let mut prev = 0.0;
        let mut h = 0.0;
        for p in &self.paras {
            h += p.height_after(prev);
            prev = p.after;
        }
        h
    }
}

#[derive(Debug, Clone)]
pub(super) struct LRow {
    pub(super) cells: Vec<LCell>,
    pub(super) repeat_header: bool,
    pub(super) cant_split: bool,
    /// Width of the row's top border: LibreOffice (and Word) lay the cells out below it.
    pub(super) border: f64,
    /// The height is also written in the DOCX (bordered tables): rounded up to whole twips.
    pub(super) explicit: bool,
}

impl LRow {
    /// Height with the top border; the table's last row on a page adds its bottom border.
    pub(super) fn height(&self) -> f64 {
        let h = self.border + self.cells.iter().map(LCell::height).fold(0.0, f64::max);
        if self.explicit {
            twips_up(h) as f64 / 20.0
        } else {
            h
        }
    }
}

/// Points rounded up to whole twips (a hair under a twip is not rounded up).
pub(super) fn twips_up(pt: f64) -> u32 {
    (pt * 20.0 - 1e-3).ceil().max(0.0) as u32
}

/// The height of each row of a bordered table in twips, as the layout uses it, for the DOCX's
/// "at least" row heights (so Word and LibreOffice give rows the height our PDF gives them);
/// `None` for borderless layout tables, whose rows keep their natural height.
pub fn row_heights_twips(t: &FTable) -> Option<Vec<u32>> {
    t.border_pt?;
    Some(lay_table(t, 0.0).rows.iter().map(|r| twips_up(r.height())).collect())
}

#[derive(Debug, Clone)]
pub(super) struct LTable {
    pub(super) rows: Vec<LRow>,
    pub(super) border: Option<f64>,
    pub(super) x: f64,
    pub(super) width: f64,
}

pub(super) fn lay_table(t: &FTable, x: f64) -> LTable {
    let pad = mm_to_pt(t.padding_mm);
    let widths: Vec<f64> = t.widths_mm.iter().map(|w| mm_to_pt(*w)).collect();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut cx = x;
            let cells = r
                .cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let inner = (w - 2.0 * pad).max(1.0);
                    let cell = LCell {
                        x: cx + pad,
                        width: inner,
                        paras: c.paras.iter().map(|p| lay_para(p, inner)).collect(),
                        v_center: c.v_center,
                    };
                    cx += w;
                    cell
                })
                .collect();
            LRow {
                cells,
                repeat_header: r.repeat_header,
                cant_split: r.cant_split,
                border: t.border_pt.unwrap_or(0.0),
                explicit: t.border_pt.is_some(),
            }
        })
        .collect();
    LTable { rows, border: t.border_pt, x, width: widths.iter().sum() }
}
