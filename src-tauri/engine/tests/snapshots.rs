//! insta snapshots of the generated document XML for the sample in both profiles.
//! Paragraph IDs are sequential and the clock is pinned, so the XML is stable; any change to
//! the output shows up here as a reviewable diff.

mod common;

use baocao_engine::sample::sample;
use common::*;
use quick_xml::events::Event;
use quick_xml::{Reader, Writer};

/// Re-indents XML one element per line so snapshot diffs are readable.
fn pretty(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            e => writer.write_event(e).expect("write"),
        }
    }
    String::from_utf8(writer.into_inner()).expect("utf-8")
}

#[test]
fn document_xml_party_profile() {
    let pkg = render(&sample(), "hd36");
    insta::assert_snapshot!("document_hd36", pretty(pkg.part("word/document.xml")));
    insta::assert_snapshot!("header_hd36", pretty(pkg.part("word/header1.xml")));
}

#[test]
fn document_xml_state_profile() {
    let mut r = sample();
    r.header.profile = "nd30".into();
    let pkg = render(&r, "nd30");
    insta::assert_snapshot!("document_nd30", pretty(pkg.part("word/document.xml")));
}

#[test]
fn document_xml_party_profile_of_2026() {
    let pkg = render(&hd05_sample(), "hd05");
    insta::assert_snapshot!("document_hd05", pretty(pkg.part("word/document.xml")));
}
