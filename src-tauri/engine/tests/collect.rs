//! Compiling from units' forms (issue 13): forms exported, filled as a unit would (numbers
//! written into the form's cells), read back and added up; every total, the breakdown annex and
//! the sources checked; the reporting rate with units missing; each kind of bad input.
// Tests fail loudly on a broken invariant.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use baocao_engine::collect::form::{cell, write_form, HEADER_ROW};

mod support;
use baocao_engine::collect::read::{read_bytes, Submission};
use baocao_engine::collect::{compile, sheets, Choices, Compiled, BREAKDOWN_TITLE};
use baocao_engine::model::*;
use baocao_engine::sample::sample;
use chrono::NaiveDate;
use support::{fill, inputs, Put};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// The sample with a list of `n` communes, a deadline and a rule on the commendations table.
fn district(n: usize) -> Report {
    let mut r = sample();
    r.collection = Some(Collection {
        id: "bc-thu-nghiem".into(),
        units: (1..=n)
            .map(|i| Unit {
                name: format!("Đảng ủy xã Số {i}"),
                kind: Some("Đảng bộ xã".into()),
                contact: None,
            })
            .collect(),
        deadline: Some(day(20)),
        received: vec![],
        previous: vec![],
    });
    r
}

/// The value unit `u` reports for the `k`-th input cell: known, different per unit and cell.
fn value(u: usize, k: usize) -> f64 {
    ((u * 7 + k * 13) % 50) as f64
}

fn filled_form(r: &Report, u: usize) -> Vec<u8> {
    let name = format!("Đảng ủy xã Số {u}");
    let form = write_form(r, Some(&name)).unwrap();
    let edits: Vec<_> = inputs(r)
        .into_iter()
        .enumerate()
        .map(|(k, (s, at, _))| (s, at, Put::Number(value(u, k))))
        .collect();
    fill(&form, &edits, |_, s| s)
}

fn read(name: &str, bytes: &[u8], modified: NaiveDate) -> Submission {
    read_bytes(name, bytes, Some(modified), day(23))
}

fn table_at(r: &Report, block: usize) -> &StatTable {
    match baocao_engine::model::walk::blocks(r).nth(block).unwrap().1 {
        Block::Table(t) => t,
        other => panic!("block {block} is {other:?}"),
    }
}

fn compile_units(r: &Report, units: impl Iterator<Item = usize>) -> Compiled {
    let subs: Vec<Submission> =
        units.map(|u| read(&format!("xa-{u}.xlsx"), &filled_form(r, u), day(19))).collect();
    compile(r, &subs, &Choices::default())
}

#[test]
fn thirty_units_add_up_with_breakdown_and_sources() {
    let r = district(30);
    let done = compile_units(&r, 1..=30);
    let rev = &done.review;
    assert_eq!(rev.blocking, 0, "{:#?}", rev.findings);
    assert_eq!(rev.rate, "Đã nhận 30/30 đơn vị (đúng hạn 30)");
    assert!(rev.missing.is_empty());
    // Every district cell is the sum of the 30 units' cells, with its source.
    let keys = inputs(&r);
    let mut checked = 0;
    for s in sheets(&r) {
        let t = table_at(&done.report, s.block);
        for row in &s.rows {
            for (c, key) in row.keys.iter().enumerate() {
                let Some(key) = key else { continue };
                let k = keys.iter().position(|(_, _, kk)| kk == key).unwrap();
                let want: f64 = (1..=30).map(|u| value(u, k)).sum();
                let col = s.columns[c].index;
                assert_eq!(t.rows[row.index][col], Cell::Number(want), "{key}");
                let src = &t.sources[&format!("{},{col}", row.index)];
                assert!(src.starts_with("Tổng hợp từ 30 đơn vị"), "{src}");
                assert!(src.contains(&format!("Đảng ủy xã Số 7: {}", value(7, k))), "{src}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, keys.len());
    assert!(checked >= 15, "only {checked} figures");
    assert_eq!(rev.figures, checked);
    // The breakdown annex: one row per unit, in list order, values as sent.
    let annex =
        done.report.annexes.iter().find(|a| a.title == BREAKDOWN_TITLE.to_uppercase()).unwrap();
    for b in &annex.blocks {
        let Block::Table(t) = b else { panic!() };
        assert_eq!(t.rows.len(), 30);
        assert_eq!(t.rows[0][0], Cell::Text("Đảng ủy xã Số 1".into()));
        assert_eq!(t.rows[29][0], Cell::Text("Đảng ủy xã Số 30".into()));
        assert_eq!(t.collect, Some(false));
    }
    // Table 2 (3 rows × 2 columns = 6 cells) gets one column per cell: unit 5's "Huyện ủy – Tập thể".
    let Block::Table(t2) = &annex.blocks[1] else { panic!() };
    let k = keys.iter().position(|(_, _, kk)| kk.ends_with("|Huyện ủy|tap_the")).unwrap();
    assert_eq!(t2.rows[4][1], Cell::Number(value(5, k)));
    // Compiling again replaces the annex rather than adding a second one; this period's
    // figures are kept per unit for next year's outlier check.
    let again = compile_units(&done.report, 1..=30);
    assert_eq!(
        again.report.annexes.iter().filter(|a| a.title == BREAKDOWN_TITLE.to_uppercase()).count(),
        1
    );
    let c = done.report.collection.as_ref().unwrap();
    assert_eq!(c.received.len(), 30);
    assert_eq!(c.received[2].values.len(), keys.len());
    // The compiled report is still a valid report and writes a DOCX.
    let json = serde_json::to_vec(&done.report).unwrap();
    let back = baocao_engine::load::report_from_json(&json).unwrap();
    assert_eq!(back, done.report);
}

#[test]
fn three_units_missing_and_one_late() {
    let r = district(30);
    let mut subs: Vec<Submission> =
        (1..=27).map(|u| read(&format!("xa-{u}.xlsx"), &filled_form(&r, u), day(19))).collect();
    subs[4].modified = Some(day(22));
    let done = compile(&r, &subs, &Choices::default());
    assert_eq!(done.review.rate, "Đã nhận 27/30 đơn vị (đúng hạn 26)");
    assert_eq!(done.review.missing, ["Đảng ủy xã Số 28", "Đảng ủy xã Số 29", "Đảng ủy xã Số 30"]);
    assert_eq!(done.review.blocking, 0);
}

/// Compiles unit 1's good form with one bad file; the bad file's figures must all stay out.
fn with_bad(r: &Report, name: &str, bad: Vec<u8>) -> Compiled {
    let subs = vec![read("xa-1.xlsx", &filled_form(r, 1), day(19)), read(name, &bad, day(19))];
    let done = compile(r, &subs, &Choices::default());
    // Unit 1's figures alone make every total.
    let keys = inputs(r);
    for s in sheets(r) {
        let t = table_at(&done.report, s.block);
        for row in &s.rows {
            for (c, key) in row.keys.iter().enumerate() {
                let Some(key) = key else { continue };
                let k = keys.iter().position(|(_, _, kk)| kk == key).unwrap();
                assert_eq!(
                    t.rows[row.index][s.columns[c].index],
                    Cell::Number(value(1, k)),
                    "{name}: {key}"
                );
            }
        }
    }
    done
}

fn blocking(done: &Compiled, file: &str) -> String {
    let f: Vec<String> = done
        .review
        .findings
        .iter()
        .filter(|f| f.is_blocking() && f.file.as_deref() == Some(file))
        .map(|f| format!("{}: {}", f.place_words, f.message))
        .collect();
    assert!(!f.is_empty(), "no blocking finding for {file}: {:#?}", done.review.findings);
    f.join("\n")
}

#[test]
fn bad_cells_name_file_sheet_and_cell_and_keep_the_whole_file_out() {
    let r = district(30);
    let form = write_form(&r, Some("Đảng ủy xã Số 2")).unwrap();
    let all = inputs(&r);
    let (s0, c0, _) = all[0].clone();
    let good: Vec<_> = all
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, (s, at, _))| (*s, at.clone(), Put::Number(value(2, k))))
        .collect();
    let cases: Vec<(&str, Put, &str)> = vec![
        ("chu.xlsx", Put::Text("mười hai"), "«mười hai», không phải là số"),
        ("cong-thuc.xlsx", Put::Formula("B9*2", 4.0), "có công thức «=B9*2»"),
        ("so-am.xlsx", Put::Number(-3.0), "số âm"),
        ("so-le.xlsx", Put::Number(2.5), "số lẻ (2,5)"),
    ];
    for (name, put, says) in cases {
        let mut edits: Vec<_> = vec![(s0, c0.clone(), put)];
        edits.extend(good.iter().map(|(s, a, p)| {
            (
                *s,
                a.clone(),
                match p {
                    Put::Number(v) => Put::Number(*v),
                    _ => unreachable!(),
                },
            )
        }));
        let done = with_bad(&r, name, fill(&form, &edits, |_, s| s));
        let text = blocking(&done, name);
        assert!(text.contains(&format!("«{name}», trang «Bảng 1», ô {c0}")), "{text}");
        assert!(text.contains(says), "{text}");
        assert_eq!(done.review.received, 1);
    }
    // Merged cells over an input cell.
    let merged = fill(&form, &[], |name, s| {
        if name == "xl/worksheets/sheet2.xml" {
            s.replace(
                "</sheetData>",
                r#"</sheetData><mergeCells count="1"><mergeCell ref="C9:D9"/></mergeCells>"#,
            )
        } else {
            s
        }
    });
    let text = blocking(&with_bad(&r, "gop-o.xlsx", merged), "gop-o.xlsx");
    assert!(text.contains("trang «Bảng 2», ô C9") && text.contains("gộp (C9:D9)"), "{text}");
    // A renamed sheet.
    let renamed = fill(&form, &[], |name, s| {
        if name == "xl/workbook.xml" {
            s.replace(r#"name="Bảng 2""#, r#"name="Khen thưởng""#)
        } else {
            s
        }
    });
    let text = blocking(&with_bad(&r, "doi-ten.xlsx", renamed), "doi-ten.xlsx");
    assert!(text.contains("Không thấy trang «Bảng 2»"), "{text}");
}

#[test]
fn foreign_old_damaged_and_protected_files() {
    let r = district(30);
    // A form from another report.
    let mut other = r.clone();
    other.collection.as_mut().unwrap().id = "bc-khac".into();
    let text =
        blocking(&with_bad(&r, "bao-cao-khac.xlsx", filled_form(&other, 2)), "bao-cao-khac.xlsx");
    assert!(text.contains("thuộc một báo cáo khác"), "{text}");
    // A form made before a row was renamed: its cells no longer exist.
    let mut old = r.clone();
    for b in baocao_engine::model::walk::blocks_mut(&mut old) {
        if let Block::Table(t) = b {
            if let Some(Cell::Text(label)) = t
                .rows
                .iter_mut()
                .flat_map(|r| r.iter_mut())
                .find(|c| matches!(c, Cell::Text(s) if s == "Huyện ủy"))
            {
                *label = "Ban Thường vụ Huyện ủy".into();
            }
        }
    }
    let text = blocking(&with_bad(&r, "mau-cu.xlsx", filled_form(&old, 2)), "mau-cu.xlsx");
    assert!(
        text.contains("Biểu mẫu làm theo bảng cũ") && text.contains("Ban Thường vụ Huyện ủy"),
        "{text}"
    );
    // Damaged: cut in half.
    let good = filled_form(&r, 2);
    let text = blocking(&with_bad(&r, "hong.xlsx", good[..good.len() / 2].to_vec()), "hong.xlsx");
    assert!(text.contains("tệp hỏng"), "{text}");
    // Password-protected: an OLE container holding "EncryptionInfo", as Excel writes it.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0; 512]);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let text = blocking(&with_bad(&r, "mat-khau.xlsx", ole), "mat-khau.xlsx");
    assert!(text.contains("mật khẩu"), "{text}");
    // A spreadsheet that is not our form.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write(0, 0, "Số liệu xã").unwrap();
    let plain = book.save_to_buffer().unwrap();
    let text = blocking(&with_bad(&r, "tu-lam.xlsx", plain), "tu-lam.xlsx");
    assert!(text.contains("không phải biểu mẫu do Soạn Báo Cáo tạo"), "{text}");
}

#[test]
fn same_unit_twice_unlisted_unit_rules_and_outliers() {
    let mut r = district(30);
    // Rule on the commendations table: of which "Cá nhân" at most 40 (a stand-in for part ≤ total).
    let blocks_with_rule = {
        let mut n = 0;
        for b in baocao_engine::model::walk::blocks_mut(&mut r) {
            if let Block::Table(t) = b {
                if t.title.as_deref() == Some("Số lượng theo cấp khen thưởng") {
                    t.rules = vec!["ca_nhan <= tap_the + 40".into()];
                    n += 1;
                }
            }
        }
        n
    };
    assert_eq!(blocks_with_rule, 1);
    let keys = inputs(&r);
    // Unit 3 sends twice: the later file is taken, the other is blocking until left out.
    let a = read("xa-3-lan-1.xlsx", &filled_form(&r, 3), day(10));
    let b = read("xa-3-lan-2.xlsx", &filled_form(&r, 3), day(12));
    let done = compile(&r, &[a.clone(), b.clone()], &Choices::default());
    let text = blocking(&done, "xa-3-lan-1.xlsx");
    assert!(text.contains("gửi hai lần") && text.contains("xa-3-lan-2.xlsx"), "{text}");
    let left_out =
        compile(&r, &[a, b], &Choices { excluded: vec!["xa-3-lan-1.xlsx".into()], picks: vec![] });
    assert_eq!(left_out.review.blocking, 0, "{:#?}", left_out.review.findings);
    assert_eq!(left_out.review.received, 1);
    // A unit not on the list: taken, with a warning.
    let form = write_form(&r, None).unwrap();
    let mut edits: Vec<_> =
        keys.iter().map(|(s, at, _)| (*s, at.clone(), Put::Number(1.0))).collect();
    edits.push((0, "B2".into(), Put::Text("Chi bộ Trường THCS Hòa Lợi")));
    let blank = read("truong.xlsx", &fill(&form, &edits, |_, s| s), day(19));
    assert_eq!(blank.unit.as_deref(), Some("Chi bộ Trường THCS Hòa Lợi"));
    let done = compile(&r, &[blank], &Choices::default());
    assert!(done
        .review
        .findings
        .iter()
        .any(|f| !f.is_blocking() && f.message.contains("không có trong danh sách")));
    assert_eq!(done.review.rate, "Đã nhận 0/30 đơn vị (đúng hạn 0)");
    assert_eq!(done.review.files[0].figures, keys.len());
    // A blank form nobody named: blocking.
    let unnamed = read("khong-ten.xlsx", &fill(&form, &[], |_, s| s), day(19));
    let done = compile(&r, &[unnamed], &Choices::default());
    assert!(blocking(&done, "khong-ten.xlsx").contains("chưa ghi tên đơn vị"));
    // A row breaking the rule: "Cá nhân" 95 > "Tập thể" 1 + 40.
    let name = "Đảng ủy xã Số 4";
    let form = write_form(&r, Some(name)).unwrap();
    let edits: Vec<_> = keys
        .iter()
        .map(|(s, at, k)| {
            (*s, at.clone(), Put::Number(if k.ends_with("|Cơ sở|ca_nhan") { 95.0 } else { 1.0 }))
        })
        .collect();
    let done = compile(
        &r,
        &[read("xa-4.xlsx", &fill(&form, &edits, |_, s| s), day(19))],
        &Choices::default(),
    );
    let text = blocking(&done, "xa-4.xlsx");
    assert!(text.contains("Dòng «Cơ sở»") && text.contains("«Cá nhân» = 95"), "{text}");
    assert_eq!(done.review.received, 0);
    // Outliers: last period's figures of unit 5 were a tenth of this period's.
    let mut r2 = r.clone();
    let now = read("xa-5.xlsx", &filled_form(&r, 5), day(19));
    let prev: BTreeMap<String, f64> =
        now.values.iter().map(|(k, v)| (k.clone(), (v / 10.0).floor())).collect();
    r2.collection.as_mut().unwrap().previous =
        vec![UnitFigures {
            unit: "Đảng ủy xã Số 5".into(), file: String::new(), values: prev
        }];
    let done = compile(&r2, &[now], &Choices::default());
    let warned = done
        .review
        .findings
        .iter()
        .filter(|f| !f.is_blocking() && f.message.contains("gấp hơn 3 lần"))
        .count();
    assert!(warned >= 3, "{:#?}", done.review.findings);
    assert_eq!(done.review.blocking, 0);
}

#[test]
fn picked_texts_land_with_their_unit() {
    let r = district(3);
    let form = write_form(&r, Some("Đảng ủy xã Số 1")).unwrap();
    let texts_row = HEADER_ROW + 1; // "Mô hình tiêu biểu"
    let sheet = sheets(&r).len();
    let edits = vec![
        (sheet, cell(HEADER_ROW, 1), Put::Text("Tổ chức 12 buổi sinh hoạt chuyên đề")),
        (sheet, cell(texts_row, 1), Put::Text("Mô hình «Dân vận khéo» ở ấp Bến Đá")),
        (sheet, cell(HEADER_ROW + 2, 1), Put::Text("Một số chi bộ sinh hoạt chưa đều")),
    ];
    let sub = read("xa-1.xlsx", &fill(&form, &edits, |_, s| s), day(19));
    assert_eq!(sub.texts.len(), 3, "{:?}", sub.texts);
    let done = compile(&r, std::slice::from_ref(&sub), &Choices::default());
    assert_eq!(done.review.texts.len(), 3);
    let picks = done.review.texts.clone();
    let done = compile(&r, &[sub], &Choices { excluded: vec![], picks });
    let all = serde_json::to_string(&done.report).unwrap();
    assert!(all.contains("Mô hình «Dân vận khéo» ở ấp Bến Đá (Đảng ủy xã Số 1)"));
    assert!(all.contains("Một số chi bộ sinh hoạt chưa đều (Đảng ủy xã Số 1)"));
    let shortcomings = baocao_engine::model::walk::blocks(&done.report)
        .find_map(|(_, b)| match b {
            Block::Shortcomings(s) => Some(s.items.clone()),
            _ => None,
        })
        .unwrap();
    assert!(shortcomings.last().unwrap().ends_with("(Đảng ủy xã Số 1)"));
}

#[test]
fn units_own_reports_give_figures_and_texts() {
    // A unit's report made with this program from the district's template: same tables.
    let r = district(3);
    let mut unit = r.clone();
    unit.header.issuing_body = "ĐẢNG ỦY XÃ SỐ 2".into();
    unit.collection = None;
    let json = serde_json::to_vec(&unit).unwrap();
    let sub = read("xa-2.baocao", &json, day(19));
    assert_eq!(sub.unit.as_deref(), Some("ĐẢNG ỦY XÃ SỐ 2"));
    let want = baocao_engine::collect::values_of(&unit);
    assert!(!want.is_empty());
    assert_eq!(sub.values, want);
    assert!(sub.texts.iter().any(|t| t.kind == baocao_engine::collect::TextKind::Shortcoming));
    let done = compile(&r, &[sub], &Choices::default());
    assert_eq!(done.review.rate, "Đã nhận 1/3 đơn vị (đúng hạn 1)");
    // The district's own report picked by mistake: refused, so nothing is counted twice.
    let own = read("huyen.baocao", &serde_json::to_vec(&r).unwrap(), day(19));
    let done = compile(&r, &[own], &Choices::default());
    assert!(blocking(&done, "huyen.baocao").contains("báo cáo của chính cơ quan đang tổng hợp"));
    assert_eq!(done.review.figures, 0);
    // The same report as a Word file, through the importer.
    let profile = baocao_engine::profile_for(&unit).unwrap();
    let env = baocao_engine::RenderEnv { now: chrono::Utc::now() };
    let docx = baocao_engine::render_docx_unchecked(&unit, &profile, env).unwrap();
    let sub = read("xa-2.docx", &docx, day(19));
    assert_eq!(sub.kind, baocao_engine::collect::read::SubmissionKind::Word);
    assert!(!sub.texts.is_empty());
}

#[test]
fn forms_resaved_as_ods_or_xls_by_libreoffice_are_read_the_same() {
    let r = district(3);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("xa-2.xlsx");
    std::fs::write(&xlsx, filled_form(&r, 2)).unwrap();
    let want = read("xa-2.xlsx", &filled_form(&r, 2), day(19));
    assert_eq!(want.values.len(), inputs(&r).len());
    for target in ["ods", "xls:MS Excel 97"] {
        let st = std::process::Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}/lo", dir.path().display()))
            .args(["--headless", "--convert-to", target, "--outdir"])
            .arg(dir.path().join("out"))
            .arg(&xlsx)
            .output()
            .expect("soffice (libreoffice-calc-nogui, scripts/setup.sh)");
        assert!(st.status.success(), "{st:?}");
        let ext = target.split(':').next().unwrap();
        let path = dir.path().join("out").join(format!("xa-2.{ext}"));
        assert!(
            path.exists(),
            "LibreOffice wrote no {ext}: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        let got = baocao_engine::collect::read::read_path(&path, day(23));
        assert!(got.problems.is_empty(), "{ext}: {:#?}", got.problems);
        assert_eq!(got.unit, want.unit, "{ext}");
        assert_eq!(got.values, want.values, "{ext}");
    }
}

#[test]
fn rules_that_do_not_parse_or_name_unknown_columns_are_said() {
    let mut r = district(3);
    for b in baocao_engine::model::walk::blocks_mut(&mut r) {
        if let Block::Table(t) = b {
            if t.title.as_deref() == Some("Số lượng theo cấp khen thưởng") {
                t.rules = vec![
                    "ca_nhan <=".into(),
                    "mo_hinh_moi <= mo_hinh".into(),
                    "ca_nhan ≥ 0".into(),
                ];
            }
        }
    }
    let s = sheets(&r).into_iter().find(|s| s.title == "Số lượng theo cấp khen thưởng").unwrap();
    let p = baocao_engine::collect::compile::rule_problems(&s);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[0].message.contains("«ca_nhan <=»") && p[0].message.contains("không đọc được"));
    // The columns it may name are said by their headers, with how rules write them.
    assert!(
        p[1].message.contains("«mo_hinh_moi»")
            && p[1].message.contains("«Tập thể» viết là tap_the"),
        "{}",
        p[1].message
    );
    assert!(p[2].message.contains("«mo_hinh»"));
    let done = compile(&r, &[read("xa-1.xlsx", &filled_form(&r, 1), day(19))], &Choices::default());
    assert_eq!(
        done.review
            .findings
            .iter()
            .filter(|f| f.message.ends_with("Quy tắc này không được kiểm tra."))
            .count(),
        3
    );
    assert_eq!(done.review.blocking, 0, "«ca_nhan ≥ 0» holds: {:#?}", done.review.findings);
}

#[test]
fn units_from_a_one_column_sheet_and_kept_next_year() {
    // A one-column list as boards keep it in Excel: a title row, a header, the names.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write(0, 0, "Tên đơn vị").unwrap();
    for (i, n) in
        ["Đảng ủy xã Hòa Lợi", "Đảng ủy xã Long Khánh", " Đảng ủy  thị trấn ", "Đảng ủy xã Hòa Lợi"]
            .iter()
            .enumerate()
    {
        ws.write(i as u32 + 1, 0, *n).unwrap();
    }
    let units = baocao_engine::collect::units_from_sheet(&book.save_to_buffer().unwrap()).unwrap();
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["Đảng ủy xã Hòa Lợi", "Đảng ủy xã Long Khánh", "Đảng ủy thị trấn"]);
    assert!(baocao_engine::collect::units_from_sheet(b"not a workbook")
        .unwrap_err()
        .to_string()
        .contains("Không đọc được bảng tính"));
    // Next period's report keeps the units; this period's figures become last period's.
    let r = district(3);
    let done = compile_units(&r, 1..=3);
    let next = baocao_engine::rollforward::next_period(&done.report, 1);
    let c = next.collection.as_ref().unwrap();
    assert_eq!(c.units.len(), 3);
    assert!(c.received.is_empty());
    assert_eq!(c.previous.len(), 3);
    assert_eq!(c.deadline, Some(NaiveDate::from_ymd_opt(2027, 11, 20).unwrap()));
    // Last period's forms are another report's: a new id (made from the new year).
    let id = baocao_engine::collect::collection_id(&next);
    assert!(id.starts_with("bc-") && id != "bc-thu-nghiem", "{id}");
    let old_form = read("xa-1.xlsx", &filled_form(&r, 1), day(19));
    let text = blocking(&compile(&next, &[old_form], &Choices::default()), "xa-1.xlsx");
    assert!(text.contains("thuộc một báo cáo khác"), "{text}");
    // A template made from the compiled report keeps the units, not their figures.
    let t = baocao_engine::templates::from_report(&done.report, "Mẫu tổng hợp").unwrap();
    assert_eq!(t.report["collection"]["units"].as_array().unwrap().len(), 3);
    assert!(
        t.report["collection"].get("previous").is_none()
            && t.report["collection"].get("received").is_none()
    );
    // The compiled cells' sources go with last period's figures; a year still in the new
    // period keeps its figures, noted as last period's to check.
    for s in sheets(&next) {
        for note in table_at(&next, s.block).sources.values() {
            assert!(note.contains("lấy từ báo cáo kỳ trước"), "{note}");
        }
    }
}

#[test]
fn result_figures_marked_for_collection_are_summed_with_their_source() {
    let mut r = district(3);
    let mut marked = 0;
    for b in baocao_engine::model::walk::blocks_mut(&mut r) {
        if let Block::Results(res) = b {
            for item in &mut res.items {
                for (name, f) in item.figures.iter_mut() {
                    if ["mo_hinh", "mo_hinh_moi", "hoi_nghi", "ty_le"].contains(&name.as_str()) {
                        f.collect = true;
                        marked += 1;
                    }
                }
            }
        }
    }
    assert!(marked >= 4);
    let all = sheets(&r);
    let figures = all.iter().find(|s| s.name == baocao_engine::collect::FIGURES_SHEET).unwrap();
    // A percentage is not added up: it is not asked for.
    assert!(
        figures.rows.iter().all(|row| row.figure.as_ref().unwrap().name != "ty_le"),
        "{:#?}",
        figures.rows
    );
    assert!(
        figures.rows.iter().any(|row| row.label.contains("trong đó có […] mô hình mới")),
        "{:#?}",
        figures.rows
    );
    let keys = inputs(&r);
    let done = compile_units(&r, 1..=3);
    assert_eq!(done.review.blocking, 0, "{:#?}", done.review.findings);
    let blocks: Vec<&Block> =
        baocao_engine::model::walk::blocks(&done.report).map(|(_, b)| b).collect();
    for row in &figures.rows {
        let f = row.figure.as_ref().unwrap();
        let key = row.keys[1].as_ref().unwrap();
        let k = keys.iter().position(|(_, _, kk)| kk == key).unwrap();
        let Block::Results(res) = blocks[f.block] else { panic!() };
        let fig = &res.items[f.item].figures[&f.name];
        assert_eq!(fig.value, Some((1..=3).map(|u| value(u, k)).sum()), "{key}");
        let src = fig.source.as_deref().unwrap();
        assert!(
            src.starts_with("Tổng hợp từ 3 đơn vị")
                && src.contains(&format!("Đảng ủy xã Số 2: {}", value(2, k))),
            "{src}"
        );
    }
    // The breakdown annex has their columns too (one per figure).
    let annex =
        done.report.annexes.iter().find(|a| a.title == BREAKDOWN_TITLE.to_uppercase()).unwrap();
    let figure_columns: usize = annex
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.title.as_deref() == Some("Số liệu chính của báo cáo") => {
                Some(t.columns.len() - 1)
            }
            _ => None,
        })
        .sum();
    assert_eq!(figure_columns, figures.rows.len());
}
