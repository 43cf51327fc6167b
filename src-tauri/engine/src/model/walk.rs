//! One walk over the report's tree, in reading order, giving each node its path.
//!
//! Paths are the report's field paths as the JSON spells them: `body.opening[0]`,
//! `body.content[1]`, `body.content[1].parts[0]` (inside a Phần), `….sections[0]`,
//! `….points[2]`, `….blocks[3]`, `annexes[0]`, `annexes[0].blocks[1]`. They are what problems are
//! reported at (`validate`), what the preview's anchors say (`flow`), and what the editor finds
//! fields by, so they are formed here and nowhere else.
//!
//! The walk is pre-order: a container comes before its content, and a node's blocks before its
//! sub-divisions (a part's blocks, then its sections; a section's blocks, then its points). The
//! closing block sits between the body and the annexes in the document, hence two walks,
//! [`body`] and [`annexes`], and [`walk`] for both.

use super::{Annex, Block, Division, Part, Phan, Point, Report, Section};

/// A node of the report's tree as the walk meets it.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// The blocks before the first heading (`body.opening`); each follows as a [`Node::Block`].
    Opening(&'a [Block]),
    /// The body's divisions (`body.content`); each follows as a [`Node::Phan`] or [`Node::Part`].
    Content(&'a [Division]),
    /// A "Phần" group; `n` is its ordinal (1 = "Phần thứ nhất").
    Phan {
        /// Ordinal among the Phần, from 1.
        n: usize,
        /// The group.
        phan: &'a Phan,
    },
    /// A part; `n` is the value of its Roman numeral (restarting in each Phần).
    Part {
        /// Number of the part, from 1.
        n: usize,
        /// The part.
        part: &'a Part,
    },
    /// A section; `n` is its number in the part.
    Section {
        /// Number of the section, from 1.
        n: usize,
        /// The section.
        section: &'a Section,
    },
    /// A point; `n` is its letter's place in the alphabet (1 = "a").
    Point {
        /// Place of the point in its section, from 1.
        n: usize,
        /// The point.
        point: &'a Point,
    },
    /// An annex; `n` is its number (1 = "PHỤ LỤC 1").
    Annex {
        /// Number of the annex, from 1.
        n: usize,
        /// The annex.
        annex: &'a Annex,
    },
    /// A content block.
    Block(&'a Block),
}

/// The body's nodes with their paths: the opening and its blocks, then every division.
pub fn body(report: &Report) -> Vec<(String, Node<'_>)> {
    let mut out = Vec::new();
    let body = &report.body;
    out.push(("body.opening".to_string(), Node::Opening(&body.opening)));
    for (i, b) in body.opening.iter().enumerate() {
        out.push((format!("body.opening[{i}]"), Node::Block(b)));
    }
    out.push(("body.content".to_string(), Node::Content(&body.content)));
    let mut phan_no = 0;
    let mut part_no = 0;
    for (i, d) in body.content.iter().enumerate() {
        let path = format!("body.content[{i}]");
        match d {
            Division::Phan(phan) => {
                phan_no += 1;
                out.push((path.clone(), Node::Phan { n: phan_no, phan }));
                blocks_of(&mut out, &path, &phan.blocks);
                for (j, part) in phan.parts.iter().enumerate() {
                    part_nodes(&mut out, format!("{path}.parts[{j}]"), j + 1, part);
                }
            }
            Division::Part(part) => {
                part_no += 1;
                part_nodes(&mut out, path, part_no, part);
            }
        }
    }
    out
}

/// The annexes with their paths, each followed by its blocks.
pub fn annexes(report: &Report) -> Vec<(String, Node<'_>)> {
    let mut out = Vec::new();
    for (i, annex) in report.annexes.iter().enumerate() {
        let path = format!("annexes[{i}]");
        out.push((path.clone(), Node::Annex { n: i + 1, annex }));
        blocks_of(&mut out, &path, &annex.blocks);
    }
    out
}

/// Every node of the report with its path: [`body`], then [`annexes`].
pub fn walk(report: &Report) -> Vec<(String, Node<'_>)> {
    let mut out = body(report);
    out.extend(annexes(report));
    out
}

/// Every block of the report with its path, in reading order.
pub fn blocks(report: &Report) -> impl Iterator<Item = (String, &Block)> {
    walk(report).into_iter().filter_map(|(path, node)| match node {
        Node::Block(b) => Some((path, b)),
        _ => None,
    })
}

/// Every block of the report, in the order of [`blocks`], to change in place.
pub fn blocks_mut(report: &mut Report) -> Vec<&mut Block> {
    block_lists_mut(report).into_iter().flat_map(|list| list.iter_mut()).collect()
}

/// Every list of blocks (opening, Phần, part, section, point, annex), in reading order.
pub fn block_lists_mut(report: &mut Report) -> Vec<&mut Vec<Block>> {
    // The same tree as `body` and `annexes`, in the same order (tested below); Rust needs a
    // separate walk to hand out mutable references.
    let mut lists: Vec<&mut Vec<Block>> = vec![&mut report.body.opening];
    for d in &mut report.body.content {
        let parts: Vec<&mut Part> = match d {
            Division::Phan(phan) => {
                lists.push(&mut phan.blocks);
                phan.parts.iter_mut().collect()
            }
            Division::Part(part) => vec![part],
        };
        for part in parts {
            lists.push(&mut part.blocks);
            for section in &mut part.sections {
                lists.push(&mut section.blocks);
                for point in &mut section.points {
                    lists.push(&mut point.blocks);
                }
            }
        }
    }
    for annex in &mut report.annexes {
        lists.push(&mut annex.blocks);
    }
    lists
}

fn blocks_of<'a>(out: &mut Vec<(String, Node<'a>)>, path: &str, blocks: &'a [Block]) {
    for (i, b) in blocks.iter().enumerate() {
        out.push((format!("{path}.blocks[{i}]"), Node::Block(b)));
    }
}

fn part_nodes<'a>(out: &mut Vec<(String, Node<'a>)>, path: String, n: usize, part: &'a Part) {
    out.push((path.clone(), Node::Part { n, part }));
    blocks_of(out, &path, &part.blocks);
    for (i, section) in part.sections.iter().enumerate() {
        let sp = format!("{path}.sections[{i}]");
        out.push((sp.clone(), Node::Section { n: i + 1, section }));
        blocks_of(out, &sp, &section.blocks);
        for (j, point) in section.points.iter().enumerate() {
            let pp = format!("{sp}.points[{j}]");
            out.push((pp.clone(), Node::Point { n: j + 1, point }));
            blocks_of(out, &pp, &point.blocks);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph { text: text.into() })
    }

    fn part(title: &str) -> Part {
        Part {
            title: title.into(),
            hint: None,
            blocks: vec![para("p")],
            sections: vec![Section {
                title: "s".into(),
                hint: None,
                blocks: vec![para("s")],
                points: vec![Point { title: None, hint: None, blocks: vec![para("a"), para("b")] }],
            }],
        }
    }

    fn paths(nodes: &[(String, Node<'_>)]) -> Vec<String> {
        nodes.iter().map(|(p, _)| p.clone()).collect()
    }

    #[test]
    fn paths_follow_the_json_field_names_in_reading_order() {
        let mut r = crate::sample::sample();
        r.body.opening = vec![para("o")];
        r.body.content = vec![
            Division::Phan(Phan {
                title: "x".into(),
                hint: None,
                blocks: vec![para("ph")],
                parts: vec![part("I"), part("II")],
            }),
            Division::Phan(Phan { title: "y".into(), hint: None, blocks: vec![], parts: vec![] }),
        ];
        r.annexes.truncate(1);
        r.annexes[0].blocks.truncate(1);
        let nodes = walk(&r);
        let part_paths = |p: &str| {
            vec![
                p.to_string(),
                format!("{p}.blocks[0]"),
                format!("{p}.sections[0]"),
                format!("{p}.sections[0].blocks[0]"),
                format!("{p}.sections[0].points[0]"),
                format!("{p}.sections[0].points[0].blocks[0]"),
                format!("{p}.sections[0].points[0].blocks[1]"),
            ]
        };
        let mut want: Vec<String> =
            ["body.opening", "body.opening[0]", "body.content", "body.content[0]"]
                .map(String::from)
                .to_vec();
        want.push("body.content[0].blocks[0]".into());
        want.extend(part_paths("body.content[0].parts[0]"));
        want.extend(part_paths("body.content[0].parts[1]"));
        want.push("body.content[1]".into());
        want.extend(["annexes[0]".to_string(), "annexes[0].blocks[0]".to_string()]);
        assert_eq!(paths(&nodes), want);
        // Numbers: Phần count across the body, parts restart in each Phần.
        let numbers: Vec<(&str, usize)> = nodes
            .iter()
            .filter_map(|(_, n)| match n {
                Node::Phan { n, .. } => Some(("phan", *n)),
                Node::Part { n, .. } => Some(("part", *n)),
                Node::Section { n, .. } => Some(("section", *n)),
                Node::Point { n, .. } => Some(("point", *n)),
                Node::Annex { n, .. } => Some(("annex", *n)),
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            [
                ("phan", 1),
                ("part", 1),
                ("section", 1),
                ("point", 1),
                ("part", 2),
                ("section", 1),
                ("point", 1),
                ("phan", 2),
                ("annex", 1)
            ]
        );
    }

    #[test]
    fn top_level_parts_are_numbered_in_order() {
        let r = crate::sample::sample();
        let parts: Vec<(String, usize)> = body(&r)
            .into_iter()
            .filter_map(|(p, n)| match n {
                Node::Part { n, .. } => Some((p, n)),
                _ => None,
            })
            .collect();
        assert_eq!(parts.len(), r.body.content.len());
        for (i, (path, n)) in parts.iter().enumerate() {
            assert_eq!((path.as_str(), *n), (format!("body.content[{i}]").as_str(), i + 1));
        }
    }

    #[test]
    fn the_mutable_walk_meets_the_same_blocks_in_the_same_order() {
        let mut reports = vec![crate::sample::sample()];
        let mut phan = crate::sample::sample();
        let parts: Vec<Part> = phan
            .body
            .content
            .drain(..)
            .filter_map(|d| match d {
                Division::Part(p) => Some(p),
                Division::Phan(_) => None,
            })
            .collect();
        phan.body.content = vec![Division::Phan(Phan {
            title: "x".into(),
            hint: None,
            blocks: vec![para("ph")],
            parts,
        })];
        reports.push(phan);
        for mut r in reports {
            let seen: Vec<Block> = blocks(&r).map(|(_, b)| b.clone()).collect();
            assert!(seen.len() > 20);
            let changed: Vec<Block> = blocks_mut(&mut r).into_iter().map(|b| b.clone()).collect();
            assert_eq!(seen, changed);
        }
    }
}
