//! The offices of 2026 (issue 24 §2): the built-in templates for a commune Party committee, a
//! provincial «Ban Tuyên giáo và Dân vận», a commune People's Committee and the annual report on
//! Chỉ thị 05-CT/TW, each made for two places and read back from the DOCX: header lines, number
//! and code, signing block (authority, title, name and their bold), the guidance applied (HD 05
//! for Party reports dated 2026, NĐ 30 for the State one), no body of the abolished district
//! level, and the «cap-huyen» check silent on all of them.

mod common;

use std::collections::BTreeMap;

use baocao_engine::{applicable_profile_id, checks, profile_for, render_docx, templates, Report};
use chrono::NaiveDate;
use common::*;

/// The day the wizard is used: today's date in the year of the reports.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).expect("date")
}

fn template(id: &str) -> templates::Template {
    templates::builtin().into_iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id} ships"))
}

fn make(id: &str, answers: &[(&str, &str)]) -> Report {
    let t = template(id);
    let a: BTreeMap<String, String> =
        answers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    templates::instantiate(&t, &a, today()).unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// What a report's DOCX says, as the tests read it.
struct Read {
    /// Every paragraph: text and whether its first run is bold.
    paras: Vec<(String, bool)>,
}

impl Read {
    fn of(r: &Report) -> Read {
        let profile = profile_for(r).expect("profile");
        let pkg = unzip(&render_docx(r, &profile, env()).expect("renders").bytes);
        let d = doc(pkg.part("word/document.xml"));
        let paras = paragraphs(&d)
            .into_iter()
            .map(|(p, t)| {
                let bold = path(p, &["r", "rPr"]).is_some_and(|rpr| is_on(rpr, "b"));
                (t, bold)
            })
            .collect();
        Read { paras }
    }

    fn text(&self) -> String {
        self.paras.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join("\n")
    }

    /// Whether the paragraph with exactly this text is bold; panics when there is none.
    fn bold(&self, text: &str) -> bool {
        self.paras
            .iter()
            .find(|(t, _)| t == text)
            .unwrap_or_else(|| panic!("no paragraph {text:?} in\n{}", self.text()))
            .1
    }

    fn has(&self, text: &str) -> bool {
        self.paras.iter().any(|(t, _)| t == text)
    }

    /// The header's lines: the paragraphs before «BÁO CÁO».
    fn header(&self) -> Vec<&str> {
        self.paras.iter().map(|(t, _)| t.as_str()).take_while(|t| *t != "BÁO CÁO").collect()
    }

    /// The signing block: from the paragraph after the «Lưu» line to the signer's name.
    fn signing(&self, name: &str) -> Vec<&str> {
        let all: Vec<&str> = self.paras.iter().map(|(t, _)| t.as_str()).collect();
        let from = all.iter().position(|t| t.starts_with("- Lưu")).expect("«Lưu» line") + 1;
        let to = all.iter().position(|t| *t == name).expect("signer's name");
        all[from..=to].iter().copied().filter(|t| !t.is_empty()).collect()
    }
}

/// What every report made from the new templates shares: no body of the abolished level, in the
/// document or in the check, and the guidance of its date.
fn common_to_all(r: &Report, read: &Read, want_profile: &str) {
    assert_eq!(applicable_profile_id(r), want_profile, "{}", r.header.issuing_body_full);
    let text = read.text().to_lowercase();
    for district in ["huyện", "quận ủy", "thị ủy", "btghu", "/hu", "thị trấn"] {
        assert!(!text.contains(district), "«{district}» printed in\n{}", read.text());
    }
    let profile = profile_for(r).expect("profile");
    let found: Vec<_> =
        checks::check(r, &profile).into_iter().filter(|f| f.code == "cap-huyen").collect();
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(r.header.date, today(), "the date defaults to today");
    assert_eq!(r.period.map(|p| (p.start_year, p.end_year)), Some((2026, 2026)));
}

#[test]
fn a_commune_party_committee_report_for_two_communes() {
    let a = make(
        "dang-uy-xa-bao-cao",
        &[("tinh", "Vĩnh Long"), ("xa", "Hòa Lợi"), ("nguoi_ky", "Trần Văn Bình")],
    );
    let b = make(
        "dang-uy-xa-bao-cao",
        &[
            ("tinh", "Hà Nội"),
            ("cap_uy", "Thành ủy"),
            ("cap_xa", "phường"),
            ("xa", "Ba Đình"),
            ("thay_mat", "Đảng ủy"),
            ("ky", "phó bí thư"),
            ("nguoi_ky", "Lê Thị Hoa"),
        ],
    );
    for (r, superior, body, place, authority, title, name) in [
        (
            &a,
            "ĐẢNG BỘ TỈNH VĨNH LONG",
            "ĐẢNG ỦY XÃ HÒA LỢI",
            "Hòa Lợi",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Trần Văn Bình",
        ),
        (
            &b,
            "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
            "ĐẢNG ỦY PHƯỜNG BA ĐÌNH",
            "Ba Đình",
            "T/M ĐẢNG ỦY",
            "PHÓ BÍ THƯ",
            "Lê Thị Hoa",
        ),
    ] {
        let read = Read::of(r);
        common_to_all(r, &read, "hd05");
        let header = read.header();
        assert_eq!(&header[..3], [superior, body, "*"], "{header:?}");
        assert!(!read.bold(superior) && read.bold(body), "superior regular, body bold");
        assert!(header.contains(&"Số       -BC/ĐU"), "{header:?}");
        assert!(header.contains(&format!("{place}, ngày 07 tháng 12 năm 2026").as_str()));
        assert_eq!(read.signing(name), [authority, title, name]);
        assert!(read.bold(authority) && !read.bold(title) && read.bold(name));
    }
    assert_eq!(b.closing.signer_title, "Phó Bí thư", "a choice typed in lower case is the choice");
}

#[test]
fn a_provincial_propaganda_and_mass_mobilisation_board_report_for_two_provinces() {
    let head = make("btgdv-tinh-bao-cao", &[("tinh", "Vĩnh Long"), ("nguoi_ky", "Trần Văn Bình")]);
    let deputy = make(
        "btgdv-tinh-bao-cao",
        &[
            ("tinh", "Cần Thơ"),
            ("cap_uy", "Thành ủy"),
            ("ky", "Phó Trưởng ban"),
            ("nguoi_ky", "Lê Thị Hoa"),
        ],
    );
    assert_eq!(head.closing.authority, None, "the head signs in their own name");
    for (r, superior, place, block) in [
        (&head, "TỈNH ỦY VĨNH LONG", "Vĩnh Long", vec!["TRƯỞNG BAN", "Trần Văn Bình"]),
        (
            &deputy,
            "THÀNH ỦY CẦN THƠ",
            "Cần Thơ",
            vec!["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lê Thị Hoa"],
        ),
    ] {
        let read = Read::of(r);
        common_to_all(r, &read, "hd05");
        let header = read.header();
        assert_eq!(&header[..3], [superior, "BAN TUYÊN GIÁO\nVÀ DÂN VẬN", "*"], "{header:?}");
        assert!(header.contains(&"Số       -BC/BTGDVTU"), "{header:?}");
        assert!(header.contains(&format!("{place}, ngày 07 tháng 12 năm 2026").as_str()));
        let name = block.last().copied().expect("name");
        assert_eq!(read.signing(name), block);
        assert!(read.bold(name));
    }
    // HD 05 pp. 18–19: «TRƯỞNG BAN» alone is bold; under «K/T TRƯỞNG BAN» the title is regular.
    assert!(Read::of(&head).bold("TRƯỞNG BAN"));
    let d = Read::of(&deputy);
    assert!(d.bold("K/T TRƯỞNG BAN") && !d.bold("PHÓ TRƯỞNG BAN"));
}

#[test]
fn a_commune_peoples_committee_report_in_the_state_format_for_two_communes() {
    let a = make(
        "ubnd-xa-bao-cao",
        &[("tinh", "Vĩnh Long"), ("xa", "Hòa Lợi"), ("nguoi_ky", "Trần Văn Bình")],
    );
    let b = make(
        "ubnd-xa-bao-cao",
        &[
            ("cap_tinh", "thành phố"),
            ("tinh", "Hải Phòng"),
            ("cap_xa", "đặc khu"),
            ("xa", "Cát Hải"),
            ("ky", "Phó Chủ tịch"),
            ("nguoi_ky", "Lê Thị Hoa"),
        ],
    );
    for (r, body, place, block, recipient) in [
        (
            &a,
            "ỦY BAN NHÂN DÂN\nXÃ HÒA LỢI",
            "Hòa Lợi",
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"],
            "- UBND tỉnh Vĩnh Long;",
        ),
        (
            &b,
            "ỦY BAN NHÂN DÂN\nĐẶC KHU CÁT HẢI",
            "Cát Hải",
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Thị Hoa"],
            "- UBND thành phố Hải Phòng;",
        ),
    ] {
        let read = Read::of(r);
        common_to_all(r, &read, "nd30");
        assert_eq!(r.header.superior_body, None, "no superior line");
        let header = read.header();
        assert_eq!(header[0], body, "the body is the first line: {header:?}");
        assert!(read.bold(body));
        assert!(header.contains(&"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{header:?}");
        assert!(header.contains(&"Số:       /BC-UBND"), "{header:?}");
        assert!(header.contains(&format!("{place}, ngày 07 tháng 12 năm 2026").as_str()));
        assert_eq!(read.signing(block[2]), block);
        // NĐ 30: authority and title both bold, and the name.
        assert!(block.iter().all(|l| read.bold(l)), "{block:?}");
        assert!(read.has(recipient), "{}", read.text());
    }
}

#[test]
fn the_annual_report_on_directive_05_for_a_province_and_a_commune() {
    let province = make(
        "hoc-tap-lam-theo-bac-nam-btgdv-tinh",
        &[("tinh", "Cà Mau"), ("ky", "Phó Trưởng ban"), ("nguoi_ky", "Trần Văn Bình")],
    );
    let commune = make(
        "hoc-tap-lam-theo-bac-nam-dang-uy-xa",
        &[
            ("tinh", "Cà Mau"),
            ("cap_xa", "phường"),
            ("xa", "Tân Thành"),
            ("nguoi_ky", "Lê Thị Hoa"),
        ],
    );
    let cited = "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII) về “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”";
    for (r, superior, body, code, block) in [
        (
            &province,
            "TỈNH ỦY CÀ MAU",
            "BAN TUYÊN GIÁO\nVÀ DÂN VẬN",
            "Số       -BC/BTGDVTU",
            vec!["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Văn Bình"],
        ),
        (
            &commune,
            "ĐẢNG BỘ TỈNH CÀ MAU",
            "ĐẢNG ỦY PHƯỜNG TÂN THÀNH",
            "Số       -BC/ĐU",
            vec!["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Thị Hoa"],
        ),
    ] {
        let read = Read::of(r);
        common_to_all(r, &read, "hd05");
        let header = read.header();
        assert_eq!(&header[..2], [superior, body], "{header:?}");
        assert!(header.contains(&code), "{header:?}");
        let subject = read
            .paras
            .iter()
            .map(|(t, _)| t.replace('\n', " "))
            .find(|t| t.starts_with("kết quả năm 2026"));
        let subject = subject.expect("the subject, for 2026");
        assert!(subject.contains(cited), "the directive cited in full: {subject}");
        let opening =
            read.paras.iter().find(|(t, _)| t.starts_with("Thực hiện ")).expect("opening");
        assert!(opening.0.contains(cited), "{}", opening.0);
        assert_eq!(read.signing(block[2]), block);
    }
}

/// The units a report compiles from are the level's own, and they are data in the template:
/// the collection's kinds and the annex rows by kind.
#[test]
fn units_are_those_below_the_level() {
    let kinds = |id: &str| -> Vec<String> {
        let t = template(id);
        let units = t.report["collection"]["units"].as_array().expect("units listed").clone();
        units.iter().map(|u| u["kind"].as_str().expect("a kind").to_string()).collect()
    };
    for id in ["btgdv-tinh-bao-cao", "hoc-tap-lam-theo-bac-nam-btgdv-tinh"] {
        let k = kinds(id);
        assert!(
            k.contains(&"Đảng bộ xã".into()) && k.contains(&"Đảng bộ phường".into()),
            "{id}: {k:?}"
        );
    }
    for id in ["dang-uy-xa-bao-cao", "hoc-tap-lam-theo-bac-nam-dang-uy-xa"] {
        let k = kinds(id);
        assert!(
            k.iter().all(|k| k.starts_with("Chi bộ") || k.starts_with("Đảng bộ cơ sở")),
            "{id}: {k:?}"
        );
        assert!(k.iter().any(|k| k.starts_with("Chi bộ")), "{id}: {k:?}");
    }
    for id in [
        "btgdv-tinh-bao-cao",
        "dang-uy-xa-bao-cao",
        "hoc-tap-lam-theo-bac-nam-btgdv-tinh",
        "hoc-tap-lam-theo-bac-nam-dang-uy-xa",
        "ubnd-xa-bao-cao",
    ] {
        let k = kinds(id);
        assert!(
            k.iter()
                .all(|k| !k.to_lowercase().contains("huyện")
                    && !k.to_lowercase().contains("thị trấn")),
            "{id}: {k:?}"
        );
        // The kinds survive into the report, and the Party templates' annex rows are the kinds.
        let r = make(
            id,
            &[("tinh", "Vĩnh Long"), ("xa", "Hòa Lợi"), ("nguoi_ky", "Trần Văn Bình")]
                .iter()
                .copied()
                .filter(|(key, _)| template(id).placeholders.iter().any(|p| p.key == *key))
                .collect::<Vec<_>>(),
        );
        let units = r.collection.expect("collection").units;
        assert_eq!(units.iter().map(|u| u.kind.clone().unwrap_or_default()).collect::<Vec<_>>(), k);
        if id != "ubnd-xa-bao-cao" {
            let rows: Vec<String> = template(id).report["annexes"][0]["blocks"][0]["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .map(|row| row[0].as_str().unwrap_or("").to_string())
                .collect();
            assert_eq!(rows, k, "{id}");
        }
    }
}

#[test]
fn who_signs_is_a_choice_and_another_answer_is_refused() {
    let t = template("btgdv-tinh-bao-cao");
    let mut a = BTreeMap::new();
    a.insert("tinh".to_string(), "Vĩnh Long".to_string());
    a.insert("nguoi_ky".to_string(), "Trần Văn Bình".to_string());
    a.insert("ky".to_string(), "Giám đốc".to_string());
    let values = templates::wizard_values(&t, &a, today());
    let said = templates::contradictions(&t, &values);
    assert!(said.iter().any(|s| s.contains("«Trưởng ban» hoặc «Phó Trưởng ban»")), "{said:?}");
    let err = templates::instantiate(&t, &a, today()).expect_err("refused").to_string();
    assert!(err.contains("Giám đốc"), "{err}");
    // The defaults: the head signs, and the date is today's, so the report is HD 05's.
    let d = templates::defaults(&t, today());
    assert_eq!(
        (d["ky"].as_str(), d["nam"].as_str(), d["ngay"].as_str()),
        ("Trưởng ban", "2026", "2026-12-07")
    );
}
