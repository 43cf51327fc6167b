//! The checks before export (issue 11): one failing and one passing case per rule, every fix
//! passing its rule, the sample and the built-in templates without a blocking finding, twenty
//! planted faults found at their places, and spelling against the system's dictionary.

use std::collections::BTreeMap;

use baocao_engine::checks::{self, apply_fix, spell};
use baocao_engine::diagnostic::place_words;
use baocao_engine::model::*;
use baocao_engine::sample::sample;
use baocao_engine::templates;
use baocao_engine::{Diagnostic, Severity};
use chrono::NaiveDate;

/// The system's dictionary, loaded once; CI installs it (scripts/setup.sh), so its absence fails.
fn speller() -> &'static spell::Speller {
    spell::load_now(Vec::new()).unwrap_or_else(|| {
        panic!(
            "no Vietnamese dictionary in {} (Debian package hunspell-vi; scripts/setup.sh installs it)",
            spell::dictionary_dir().display()
        )
    })
}

fn check(r: &Report) -> Vec<Diagnostic> {
    speller();
    let profile = baocao_engine::profile_for(r).expect("profile");
    checks::check(r, &profile)
}

fn of<'a>(found: &'a [Diagnostic], rule: &str) -> Vec<&'a Diagnostic> {
    found.iter().filter(|f| f.code == rule).collect()
}

fn text_of<'a>(r: &'a Report, f: &Diagnostic) -> &'a str {
    let t = checks::text_at(r, &f.path).expect("a text at the path");
    match f.span {
        Some(s) => {
            let (a, b) = checks::byte_range(t, s).expect("span on characters");
            &t[a..b]
        }
        None => t,
    }
}

/// Applies every fix of `rule`, one at a time from the last, and checks again.
fn fix_all(mut r: Report, rule: &str) -> Report {
    for _ in 0..20 {
        let found = check(&r);
        let Some(f) = found.iter().rev().find(|f| f.code == rule && f.fix.is_some()) else {
            break;
        };
        r = apply_fix(&r, f).expect("fix applies");
    }
    r
}

fn paragraph(r: &mut Report, text: &str) -> String {
    // A paragraph added to the first section of part II (results): its path.
    let Division::Part(p) = &mut r.body.content[1] else { panic!("part") };
    p.sections[0].blocks.push(Block::Paragraph(Paragraph { text: text.into() }));
    format!("body.content[1].sections[0].blocks[{}].text", p.sections[0].blocks.len() - 1)
}

fn groups(r: &Report) -> usize {
    walk::blocks(r)
        .find_map(|(_, b)| match b {
            Block::SolutionGroups(g) => Some(g.groups.len()),
            _ => None,
        })
        .expect("the sample has solution groups")
}

/// One case: a change that plants a fault of `rule`; the text it must flag; whether a fix exists.
struct Case {
    rule: &'static str,
    plant: fn(&mut Report) -> String,
    flagged: &'static str,
    fixable: bool,
}

/// Every case, in order.
fn cases() -> Vec<Case> {
    [header_and_closing_cases(), figure_and_date_cases(), wording_cases()]
        .into_iter()
        .flatten()
        .collect()
}

/// The cases of the header and closing rules (structure, number, subject, authority, signer,
/// recipients, archive).
fn header_and_closing_cases() -> Vec<Case> {
    vec![
        Case {
            rule: "thieu-noi-dung",
            plant: |r| {
                r.header.subject.clear();
                "header.subject".into()
            },
            flagged: "",
            fixable: false,
        },
        Case {
            rule: "so-ky-hieu",
            plant: |r| {
                r.header.type_code = "KH".into();
                "header.type_code".into()
            },
            flagged: "KH",
            fixable: true,
        },
        Case {
            rule: "so-ky-hieu",
            plant: |r| {
                r.header.issuer_code = "btg hu".into();
                "header.issuer_code".into()
            },
            flagged: "btg hu",
            fixable: true,
        },
        Case {
            rule: "trich-yeu",
            plant: |r| {
                r.header.subject = "Sơ kết 03 năm".into();
                "header.subject".into()
            },
            flagged: "Sơ kết 03 năm",
            fixable: true,
        },
        Case {
            rule: "tham-quyen",
            plant: |r| {
                r.closing.authority =
                    Some(Authority { kind: AuthorityKind::Kt, of: "K/T Trưởng ban".into() });
                "closing.authority.of".into()
            },
            flagged: "K/T Trưởng ban",
            fixable: true,
        },
        Case {
            rule: "tham-quyen",
            plant: |r| {
                r.closing.authority = None;
                r.closing.signer_title = "Phó Trưởng ban".into();
                "closing.authority".into()
            },
            flagged: "",
            fixable: false,
        },
        Case {
            rule: "ho-ten-ky",
            plant: |r| {
                r.closing.signer_name = "TS. Nguyễn Văn An".into();
                "closing.signer_name".into()
            },
            flagged: "TS. Nguyễn Văn An",
            fixable: true,
        },
        Case {
            rule: "noi-nhan",
            plant: |r| {
                r.closing.recipients[0] = "- Ban Tuyên giáo Tỉnh ủy,".into();
                "closing.recipients[0]".into()
            },
            flagged: "- Ban Tuyên giáo Tỉnh ủy,",
            fixable: true,
        },
        Case {
            rule: "noi-luu",
            plant: |r| {
                r.closing.archive = "Lưu: VT, Văn phòng.".into();
                "closing.archive".into()
            },
            flagged: "Lưu: VT, Văn phòng.",
            fixable: true,
        },
    ]
}

/// The cases of the counting, figure and date rules.
fn figure_and_date_cases() -> Vec<Case> {
    vec![
        Case {
            rule: "so-nhom-giai-phap",
            plant: |r| {
                let n = groups(r) + 1;
                paragraph(
                    r,
                    &format!(
                        "Để khắc phục hạn chế, cần thực hiện đồng bộ {n:02} nhóm giải pháp đã nêu."
                    ),
                )
            },
            flagged: "07",
            fixable: true,
        },
        Case {
            rule: "so-bai-hoc",
            plant: |r| paragraph(r, "Qua 03 năm thực hiện, rút ra chín bài học kinh nghiệm."),
            flagged: "chín",
            fixable: true,
        },
        Case {
            rule: "so-nam",
            plant: |r| paragraph(r, "Qua 05 năm thực hiện Chỉ thị, nhận thức được nâng lên."),
            flagged: "05",
            fixable: true,
        },
        Case {
            rule: "thu-tu",
            plant: |r| {
                paragraph(r, "Một là, tăng cường lãnh đạo. Hai là, đổi mới cách làm. Bốn là, làm theo gương Bác.")
            },
            flagged: "Bốn là",
            fixable: true,
        },
        Case {
            rule: "so-lieu",
            plant: |r| paragraph(r, "Toàn huyện đã tổ chức 999 hội nghị quán triệt cấp huyện."),
            flagged: "999",
            fixable: true,
        },
        Case {
            rule: "so-thap-phan",
            plant: |r| paragraph(r, "Tỷ lệ đảng viên tham gia đạt 97.5%."),
            flagged: "97.5%",
            fixable: true,
        },
        Case {
            rule: "so-hang-nghin",
            plant: |r| paragraph(r, "Có 1,234 lượt người tham gia."),
            flagged: "1,234",
            fixable: true,
        },
        Case {
            rule: "so-chua-tach-nghin",
            plant: |r| paragraph(r, "Có 12345 lượt người tham gia."),
            flagged: "12345",
            fixable: true,
        },
        Case {
            rule: "ngay-khong-co",
            plant: |r| paragraph(r, "Hội nghị họp ngày 30/02/2018 đã thống nhất."),
            flagged: "30/02/2018",
            fixable: false,
        },
        Case {
            rule: "ngay-tuong-lai",
            plant: |r| paragraph(r, "Hội nghị họp ngày 10/10/2030 đã thống nhất."),
            flagged: "10/10/2030",
            fixable: false,
        },
        Case {
            rule: "ngay-so-0",
            plant: |r| paragraph(r, "Ngày 5 tháng 3 năm 2018, Ban Thường vụ đã họp."),
            flagged: "5 tháng 3",
            fixable: true,
        },
    ]
}

/// The cases of the wording, spacing, punctuation, encoding and spelling rules.
fn wording_cases() -> Vec<Case> {
    vec![
        Case {
            rule: "dau-thanh",
            plant: |r| paragraph(r, "Thực hiện tốt nghị quyết, hoà hợp với Nhân dân."),
            flagged: "hoà",
            fixable: true,
        },
        Case {
            rule: "nhan-dan",
            plant: |r| paragraph(r, "Cán bộ phải gần gũi nhân dân."),
            flagged: "nhân dân",
            fixable: true,
        },
        Case {
            rule: "viet-hoa-ten",
            plant: |r| paragraph(r, "Được ban thường vụ Huyện ủy chỉ đạo."),
            flagged: "ban thường vụ",
            fixable: true,
        },
        Case {
            rule: "hai-dau-cach",
            plant: |r| paragraph(r, "Cán bộ  đảng viên gương mẫu."),
            flagged: "ộ  đ",
            fixable: true,
        },
        Case {
            rule: "cach-truoc-dau",
            plant: |r| paragraph(r, "Cán bộ , đảng viên gương mẫu."),
            flagged: "ộ ,",
            fixable: true,
        },
        Case {
            rule: "thieu-cach-sau-dau",
            plant: |r| paragraph(r, "Cán bộ,đảng viên gương mẫu."),
            flagged: "bộ,đ",
            fixable: true,
        },
        Case {
            rule: "thieu-cach-sau-cham",
            plant: |r| paragraph(r, "Cán bộ gương mẫu.Đảng viên đi đầu."),
            flagged: "mẫu.Đả",
            fixable: true,
        },
        Case {
            rule: "ngoac",
            plant: |r| paragraph(r, "Cán bộ (đảng viên gương mẫu."),
            flagged: "(",
            fixable: false,
        },
        Case {
            rule: "ngoac-thang",
            plant: |r| paragraph(r, "Phong trào “Dân vận khéo” và \"Học Bác\" lan tỏa."),
            flagged: "\"",
            fixable: true,
        },
        Case {
            rule: "nfc",
            plant: |r| paragraph(r, "Cán bo\u{302}\u{323} gương mẫu."),
            flagged: "Cán bo\u{302}\u{323} gương mẫu.",
            fixable: true,
        },
        Case {
            rule: "bang-ma-cu",
            plant: |r| paragraph(r, "Ban Tuyªn gi¸o huyÖn ñy tæ chøc"),
            flagged: "Ban Tuyªn gi¸o huyÖn ñy tæ chøc",
            fixable: true,
        },
        Case {
            rule: "chinh-ta",
            plant: |r| paragraph(r, "Cán bộ đảng viên gương mẩu."),
            flagged: "mẩu",
            fixable: true,
        },
        Case {
            rule: "chinh-ta",
            plant: |r| paragraph(r, "Phối hợp với BTGTU và HĐNDX."),
            flagged: "HĐNDX",
            fixable: false,
        },
    ]
}

#[test]
fn the_sample_passes_every_rule() {
    let found = check(&sample());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_rule_flags_its_fault_at_its_place_and_its_fix_passes() {
    let mut failures = Vec::new();
    for case in cases() {
        let mut r = sample();
        let path = (case.plant)(&mut r);
        let found = check(&r);
        let hits = of(&found, case.rule);
        let hit = hits.iter().find(|f| {
            f.path == path && (case.flagged.is_empty() || text_of(&r, f) == case.flagged)
        });
        let Some(hit) = hit else {
            failures.push(format!(
                "{}: not found at {path} «{}»; found {:#?}",
                case.rule, case.flagged, hits
            ));
            continue;
        };
        assert!(!hit.message.is_empty());
        if hit.fix.is_some() != case.fixable {
            failures.push(format!(
                "{}: fix {:?}, expected fixable = {}",
                case.rule, hit.fix, case.fixable
            ));
            continue;
        }
        if case.fixable {
            let fixed = fix_all(r, case.rule);
            let left: Vec<Diagnostic> = of(&check(&fixed), case.rule)
                .into_iter()
                .filter(|f| f.path == path)
                .cloned()
                .collect();
            if !left.is_empty() {
                failures.push(format!("{}: after its fixes still {left:#?}", case.rule));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_built_in_template_has_no_blocking_finding() {
    let today = NaiveDate::from_ymd_opt(2019, 5, 20).expect("date");
    for t in templates::builtin() {
        let answers: BTreeMap<String, String> = t
            .placeholders
            .iter()
            .filter(|p| p.default.is_none())
            .map(|p| {
                (
                    p.key.clone(),
                    if p.key == "huyen" { "Cầu Ngang" } else { "Trần Văn Bình" }.to_string(),
                )
            })
            .collect();
        let r = templates::instantiate(&t, &answers, today).expect("fills");
        let blocking: Vec<Diagnostic> =
            check(&r).into_iter().filter(|f| f.severity == Severity::Blocking).collect();
        assert!(blocking.is_empty(), "template {}: {blocking:#?}", t.id);
    }
}

/// Every template filled in, as a user starts from it.
fn templates_filled() -> Vec<Report> {
    let today = NaiveDate::from_ymd_opt(2019, 5, 20).expect("date");
    templates::builtin()
        .iter()
        .map(|t| {
            let answers: BTreeMap<String, String> = t
                .placeholders
                .iter()
                .filter(|p| p.default.is_none())
                .map(|p| (p.key.clone(), "Cầu Ngang".to_string()))
                .collect();
            templates::instantiate(t, &answers, today).expect("fills")
        })
        .collect()
}

/// An export asks only the rules that can block (`checks::blocking`); its answer must be the
/// blocking part of what every rule says, on reports that block for each kind of reason.
#[test]
fn what_blocks_an_export_is_what_the_full_checks_call_blocking() {
    let mut reports = vec![sample()];
    for case in cases() {
        let mut r = sample();
        (case.plant)(&mut r);
        reports.push(r);
    }
    for text in [
        "Một là, học tập. Ba là, làm theo.",
        "Ngày 31/4/2017 họp Ban Thường vụ; ngày 30/2/2018 sơ kết.",
        "Ban Tuyªn gi¸o HuyÖn ñy CÇu Ngang tæ chøc qu¸n triÖt",
        "Qua 03 năm, rút ra chín bài học kinh nghiệm và 11 nhóm giải pháp.",
    ] {
        let mut r = sample();
        paragraph(&mut r, text);
        reports.push(r);
    }
    reports.extend(templates_filled());
    let mut blocked = std::collections::BTreeSet::new();
    for r in &reports {
        let profile = baocao_engine::profile_for(r).expect("profile");
        let all: Vec<Diagnostic> = check(r).into_iter().filter(Diagnostic::is_blocking).collect();
        let asked = checks::blocking(r, &profile);
        assert_eq!(asked, all, "{}", r.header.subject);
        blocked.extend(asked.iter().map(|d| d.code.clone()));
    }
    assert!(blocked.len() >= 8, "reports blocked for too few reasons: {blocked:?}");
}

#[test]
fn twenty_planted_faults_are_all_found_at_their_places() {
    let mut r = sample();
    let mut planted: Vec<(&str, String, String)> = Vec::new();
    let n = groups(&r) + 1;
    let texts = [
        (
            "so-nhom-giai-phap",
            format!("Thực hiện {n:02} nhóm giải pháp nêu trên."),
            format!("{n:02}"),
        ),
        ("so-bai-hoc", "Rút ra 07 bài học quý.".into(), "07".into()),
        ("thu-tu", "Một là, học tập. Ba là, làm theo.".into(), "Ba là".into()),
        ("so-lieu", "Đã tổ chức 777 hội nghị quán triệt cấp huyện.".into(), "777".into()),
        ("so-thap-phan", "Đạt 88.25% kế hoạch.".into(), "88.25%".into()),
        ("so-hang-nghin", "Có 2,500 lượt người xem.".into(), "2,500".into()),
        ("ngay-khong-co", "Ngày 31/4/2017 họp Ban Thường vụ.".into(), "31/4/2017".into()),
        ("ngay-tuong-lai", "Ngày 15/8/2031 sơ kết.".into(), "15/8/2031".into()),
        (
            "ngay-so-0",
            "Từ ngày 3 tháng 02 năm 2017, các chi bộ học tập.".into(),
            "3 tháng 02".into(),
        ),
        ("dau-thanh", "Tổ chức thuỷ lợi và khoẻ mạnh.".into(), "thuỷ".into()),
        ("nhan-dan", "Phục vụ nhân dân tận tụy.".into(), "nhân dân".into()),
        ("hai-dau-cach", "Học tập  và làm theo.".into(), "p  v".into()),
        ("cach-truoc-dau", "Học tập ; làm theo.".into(), "p ;".into()),
        ("ngoac", "Tổ chức (các buổi sinh hoạt.".into(), "(".into()),
        ("chinh-ta", "Các chi bộ sinh hoạt chuyen đề.".into(), "chuyen".into()),
        ("bang-ma-cu", "Tuyªn truyÒn gi¸o dôc".into(), "Tuyªn truyÒn gi¸o dôc".into()),
        ("viet-hoa-ten", "Báo cáo bộ chính trị.".into(), "bộ chính trị".into()),
    ];
    for (rule, text, flagged) in &texts {
        let path = paragraph(&mut r, text);
        planted.push((rule, path, flagged.clone()));
    }
    r.header.type_code = "QĐ".into();
    planted.push(("so-ky-hieu", "header.type_code".into(), "QĐ".into()));
    r.closing.recipients[1] = "Thường trực Huyện ủy;".into();
    planted.push(("noi-nhan", "closing.recipients[1]".into(), "Thường trực Huyện ủy;".into()));
    r.closing.signer_name = "ThS. Lê Thị Hoa".into();
    planted.push(("ho-ten-ky", "closing.signer_name".into(), "ThS. Lê Thị Hoa".into()));
    assert!(planted.len() >= 20);
    let found = check(&r);
    let missing: Vec<String> = planted
        .iter()
        .filter(|(rule, path, flagged)| {
            !found
                .iter()
                .any(|f| f.code == *rule && &f.path == path && text_of(&r, f) == flagged.as_str())
        })
        .map(|(rule, path, flagged)| format!("{rule} at {path} «{flagged}»"))
        .collect();
    assert!(missing.is_empty(), "not found: {missing:#?}\nfound: {found:#?}");
}

/// 200 syllables spelt right, drawn from official reports' vocabulary.
const CORRECT: &str = "báo cáo sơ kết ba năm thực hiện chỉ thị của bộ chính trị về đẩy mạnh học tập và làm theo \
tư tưởng đạo đức phong cách hồ chí minh ban tuyên giáo huyện ủy hòa bình đông đã tham mưu cho ban thường vụ \
ban hành kế hoạch triển khai quán triệt đến cán bộ đảng viên đoàn viên hội viên và nhân dân trên địa bàn \
các cấp ủy tổ chức đảng chính quyền mặt trận tổ quốc đoàn thể chính trị xã hội quan tâm lãnh đạo chỉ đạo \
gắn với nhiệm vụ chính trị của địa phương cơ quan đơn vị nhiều mô hình hay cách làm sáng tạo được nhân rộng \
tập thể cá nhân điển hình tiêu biểu khen thưởng kịp thời góp phần xây dựng chỉnh đốn trong sạch vững mạnh \
tuy nhiên vẫn còn hạn chế một số nơi chưa thường xuyên nội dung sinh hoạt chuyên đề có lúc hình thức \
nguyên nhân khách quan chủ quan bài học kinh nghiệm phương hướng giải pháp thời gian tới đề xuất kiến nghị \
tỉnh thành phố thị trấn khuyến khích gương mẫu trách nhiệm người đứng đầu nêu gương thủy lợi quý khỏe \
tuyên truyền phổ biến kiểm tra giám sát đánh giá tổng kết hằng năm lồng ghép thi đua yêu nước sâu rộng";

/// 50 misspelt syllables and the word meant.
const MISSPELT: [(&str, &str); 50] = [
    ("tuyen", "tuyên"),
    ("gíao", "giáo"),
    ("huyen", "huyện"),
    ("baó", "báo"),
    ("cáó", "cáo"),
    ("đảg", "đảng"),
    ("viêen", "viên"),
    ("nghiẹm", "nghiệm"),
    ("chỉh", "chỉnh"),
    ("thưc", "thực"),
    ("hịên", "hiện"),
    ("hoc", "học"),
    ("tâp", "tập"),
    ("làmm", "làm"),
    ("tưỏng", "tưởng"),
    ("đạọ", "đạo"),
    ("phog", "phong"),
    ("cáh", "cách"),
    ("chínhh", "chính"),
    ("trii", "trị"),
    ("nguoi", "người"),
    ("chir", "chỉ"),
    ("duoc", "được"),
    ("nhiem", "nhiệm"),
    ("vuj", "vụ"),
    ("truong", "trường"),
    ("dựg", "dựng"),
    ("vữg", "vững"),
    ("mạh", "mạnh"),
    ("kiễm", "kiểm"),
    ("giáam", "giám"),
    ("sat", "sát"),
    ("đánhh", "đánh"),
    ("giáa", "giá"),
    ("tổg", "tổng"),
    ("kêt", "kết"),
    ("thuong", "thường"),
    ("thuờng", "thường"),
    ("xuyen", "xuyên"),
    ("nguyen", "nguyên"),
    ("dieu", "điều"),
    ("khach", "khách"),
    ("quann", "quan"),
    ("guơng", "gương"),
    ("mẫuu", "mẫu"),
    ("trach", "trách"),
    ("nhiẹm", "nhiệm"),
    ("phươg", "phương"),
    ("hướg", "hướng"),
    ("viêc", "việc"),
];

#[test]
fn two_hundred_correct_syllables_are_accepted() {
    let sp = speller();
    let words: Vec<&str> = CORRECT.split_whitespace().collect();
    assert!(words.len() >= 200, "{} syllables", words.len());
    let wrong: Vec<&&str> = words.iter().filter(|w| !sp.is_correct(w)).collect();
    assert!(wrong.is_empty(), "flagged although right: {wrong:?}");
}

#[test]
fn fifty_misspelt_syllables_are_flagged_mostly_with_the_right_suggestion_first() {
    let sp = speller();
    let style = checks::typo::ToneStyle::Old;
    let misspelt: Vec<(&str, &str)> = MISSPELT.iter().copied().filter(|(w, m)| w != m).collect();
    let not_flagged: Vec<&str> =
        misspelt.iter().filter(|(w, _)| sp.is_correct(w)).map(|(w, _)| *w).collect();
    let flagged: Vec<(&str, &str)> =
        misspelt.iter().copied().filter(|(w, _)| !sp.is_correct(w)).collect();
    assert_eq!(misspelt.len(), 50);
    assert!(not_flagged.is_empty(), "not flagged: {not_flagged:?}");
    let first: Vec<(&str, &str, Vec<String>)> =
        flagged.iter().map(|(w, meant)| (*w, *meant, sp.suggest(w, style))).collect();
    let right =
        first.iter().filter(|(_, meant, s)| s.first().map(String::as_str) == Some(*meant)).count();
    let in_five = first.iter().filter(|(_, meant, s)| s.iter().any(|x| x == meant)).count();
    eprintln!(
        "spelling: {} misspelt, {} flagged, right suggestion first {right}, in the first five {in_five}; not flagged: {not_flagged:?}",
        misspelt.len(),
        flagged.len()
    );
    let wrong_first: Vec<String> = first
        .iter()
        .filter(|(_, meant, s)| s.first().map(String::as_str) != Some(*meant))
        .map(|(w, meant, s)| format!("{w} → {:?} (meant {meant})", s))
        .collect();
    assert!(
        right * 10 >= flagged.len() * 7,
        "right first for {right} of {}:\n{}",
        flagged.len(),
        wrong_first.join("\n")
    );
}

#[test]
fn a_word_added_to_the_dictionary_is_no_longer_flagged() {
    let sp = speller();
    assert!(!sp.is_correct("Xrôngpắc"));
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join(spell::USER_WORDS_FILE);
    spell::add_to_word_list(&file, "Xrôngpắc").expect("written");
    spell::add_to_word_list(&file, "Xrôngpắc").expect("written twice");
    assert_eq!(spell::read_word_list(&file), vec!["Xrôngpắc".to_string()]);
    sp.add_words(spell::read_word_list(&file));
    assert!(sp.is_correct("Xrôngpắc"));
}

#[test]
fn the_built_in_rules_file_reads_and_a_bad_pattern_is_named() {
    assert!(!checks::rules::builtin().counts.is_empty());
    let bad =
        checks::rules::RULES_TOML.replace(r#"pattern = '(\S)[ \x{A0}]{2,}(\S)'"#, "pattern = '(('");
    let err = checks::rules::Rules::from_toml(&bad).err().expect("refused");
    assert!(err.contains("hai-dau-cach"), "{err}");
}

/// The district level, abolished from 1/7/2025: a 2026 report naming «Ban Tuyên giáo Huyện ủy»
/// is warned about at its place; a 2019 one is not; a dated reference to an earlier document, a
/// quotation, a document's number and «(cũ)» are not either.
#[test]
fn a_body_of_the_abolished_district_level_is_warned_about_after_1_7_2025() {
    let mut r = sample();
    let at = paragraph(&mut r, "Thời gian tới, Ban Tuyên giáo Huyện ủy tiếp tục tham mưu.");
    let cap = |r: &Report| -> Vec<Diagnostic> {
        check(r).into_iter().filter(|f| f.code == "cap-huyen").collect()
    };
    // 2019: the district level existed.
    assert!(cap(&r).is_empty(), "{:#?}", cap(&r));
    r.header.date = NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
    let found = cap(&r);
    let hit = found.iter().find(|f| f.path == at).unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(text_of(&r, hit), "Ban Tuyên giáo Huyện ủy");
    assert_eq!(hit.severity, Severity::Warning);
    assert_eq!(hit.severity.label(), "Cảnh báo");
    assert!(
        hit.message.contains("15/06/2026") && hit.message.contains("cấp huyện"),
        "{}",
        hit.message
    );
    assert!(hit.place_words.contains("Đoạn văn (khối"), "{}", hit.place_words);
    assert_eq!(hit.place_words, place_words(&r, &hit.path));
    // The sample's header names «Huyện ủy …» and its code is «BTGHU»: both said.
    assert!(found.iter().any(|f| f.path == "header.superior_body"), "{found:#?}");
    // From the first day, not the day before.
    r.header.date = NaiveDate::from_ymd_opt(2025, 6, 30).expect("date");
    assert!(cap(&r).is_empty());
    r.header.date = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
    assert!(cap(&r).iter().any(|f| f.path == at));

    // Not inside a reference to an earlier document, a quotation, a number, or with «(cũ)».
    r.header.date = NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
    for fine in [
        "Thực hiện Kế hoạch số 12-KH/HU, ngày 3/6/2016 của Huyện ủy về học tập và làm theo Bác.",
        "Mô hình “Ban Tuyên giáo Huyện ủy đồng hành cùng cơ sở” được duy trì.",
        "Năm 2024, Ủy ban nhân dân huyện đã tổ chức 05 hội nghị.",
        "Các xã thuộc huyện Cầu Ngang (cũ) duy trì mô hình; Đảng bộ huyện (cũ) đã sơ kết.",
        "Theo Công văn số 45-CV/BTGHU, đơn vị đã báo cáo đầy đủ.",
    ] {
        let mut ok = r.clone();
        let p = paragraph(&mut ok, fine);
        let left: Vec<Diagnostic> = cap(&ok).into_iter().filter(|f| f.path == p).collect();
        assert!(left.is_empty(), "{fine}: {left:#?}");
    }
    // A sentence after the dated one is about now again.
    let mut later = r.clone();
    let p = paragraph(
        &mut later,
        "Kế hoạch số 12-KH/HU, ngày 3/6/2016 đã hoàn thành. Nay UBND huyện tiếp tục chỉ đạo.",
    );
    let hits: Vec<Diagnostic> = cap(&later).into_iter().filter(|f| f.path == p).collect();
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(text_of(&later, &hits[0]), "UBND huyện");
}

/// The sample in the State format, with its profile.
fn state_sample() -> (baocao_engine::FormatProfile, Report) {
    let profile = baocao_engine::FormatProfile::builtin("nd30").expect("profile");
    let mut r = sample();
    r.header.profile = "nd30".into();
    (profile, r)
}

/// A document that is only paragraphs (a letter, a submission) exports with a warning; a body
/// with nothing in it is refused.
#[test]
fn a_body_of_paragraphs_only_warns_and_an_empty_body_blocks() {
    use baocao_engine::diagnostic::codes;
    let (profile, mut r) = state_sample();
    r.body.content.clear();
    let at = |list: &[baocao_engine::Diagnostic]| {
        list.iter().any(|d| d.code == codes::STRUCTURE && d.path == "body.content")
    };
    assert!(!r.body.opening.is_empty(), "the sample opens with paragraphs");
    assert!(!at(&baocao_engine::checks::blocking(&r, &profile)));
    assert!(at(&baocao_engine::checks::check(&r, &profile)), "a warning says it has no parts");
    r.body.opening.clear();
    assert!(at(&baocao_engine::checks::blocking(&r, &profile)), "an empty body blocks");
}

/// A report must end with a closing sentence; a submission or a plan need not, and then the
/// document ends with its body (no empty paragraph, the signature holds the «closing» anchor).
#[test]
fn only_a_report_must_have_a_closing_sentence() {
    use baocao_engine::diagnostic::codes;
    use baocao_engine::flow::{self, FBlock, Role};
    let (profile, mut r) = state_sample();
    r.closing.sentence.clear();
    let missing = |r: &baocao_engine::Report| {
        baocao_engine::checks::blocking(r, &profile)
            .iter()
            .any(|d| d.code == codes::REQUIRED && d.path == "closing.sentence")
    };
    assert!(missing(&r), "a report without its closing sentence is refused");
    r.header.doc_type = "TỜ TRÌNH".into();
    r.header.type_code = "TTr".into();
    assert!(!missing(&r), "a submission without one is not");
    let f = flow::build(&r, &profile, r.header.date.and_hms_opt(8, 0, 0).expect("time").and_utc());
    let closing_para =
        f.blocks.iter().any(|b| matches!(b, FBlock::Para(p) if p.role == Role::ClosingSentence));
    assert!(!closing_para, "no closing paragraph");
    let anchored = f.blocks.iter().any(|b| match b {
        FBlock::Table(t) => t
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .flat_map(|c| &c.paras)
            .any(|p| p.anchor.as_deref() == Some("closing")),
        FBlock::Para(_) => false,
    });
    assert!(anchored, "the signature holds the closing anchor");
}
