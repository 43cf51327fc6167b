//! End-to-end tests of the `baocao` command: the real binary on real files. They set Unix file
//! modes and make symbolic links, so they run where the suite runs (Linux); the Windows build's
//! own checks run under Wine in tests/windows/run.sh (docs/windows.md).
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");

fn baocao(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1558341000")
        .output()
        .expect("run baocao")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn tmp() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    d
}

/// Files in a folder (to prove that nothing partial was left behind).
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

fn sample_json(dir: &Path) -> PathBuf {
    let o = baocao(dir, &["sample", "-o", "mau.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join("mau.json")
}

fn edited(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let src = fs::read_to_string(sample_json(dir)).expect("read");
    let mut v: serde_json::Value = serde_json::from_str(&src).expect("json");
    edit(&mut v);
    let p = dir.join(name);
    fs::write(&p, v.to_string()).expect("write");
    p
}

fn document_xml(docx: &Path) -> String {
    let f = fs::File::open(docx).expect("open docx");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("part"), &mut s)
        .expect("read");
    s
}

#[test]
fn render_without_input_writes_the_builtin_sample() {
    let d = tmp();
    let o = baocao(d.path(), &["render"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = document_xml(&d.path().join("bao-cao-mau.docx"));
    assert!(xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Đã xuất"));
    assert_eq!(listing(d.path()), ["bao-cao-mau.docx"]);
    let mode = fs::metadata(d.path().join("bao-cao-mau.docx")).expect("meta").permissions().mode();
    assert_eq!(mode & 0o044, 0o044, "an ordinary readable file, not a private temp file: {mode:o}");
    // Rewriting keeps the permissions the user gave the file.
    fs::set_permissions(d.path().join("bao-cao-mau.docx"), fs::Permissions::from_mode(0o640))
        .expect("chmod");
    let o = baocao(d.path(), &["render"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = fs::metadata(d.path().join("bao-cao-mau.docx")).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn sample_render_validate_cycle_and_reproducible_output() {
    let d = tmp();
    let json = sample_json(d.path());
    let o = baocao(d.path(), &["validate", json.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("hợp lệ"));
    let o = baocao(d.path(), &["render", "mau.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = fs::read(d.path().join("mau.docx")).expect("mau.docx");
    let o = baocao(d.path(), &["render", "mau.json", "-o", "lan2.docx", "--format", "docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let second = fs::read(d.path().join("lan2.docx")).expect("lan2.docx");
    assert_eq!(first, second, "same input and clock give the same bytes");
    let o = baocao(d.path(), &["render", "mau.json", "-o", "nn.docx", "--profile", "nd30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(document_xml(&d.path().join("nn.docx")).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
}

#[test]
fn edited_profile_file_changes_the_output() {
    let d = tmp();
    let o = baocao(d.path(), &["profile", "hd36", "-o", "cua-toi.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = d.path().join("cua-toi.toml");
    let src = fs::read_to_string(&p)
        .expect("profile")
        .replace("margin_left_mm = 30.0", "margin_left_mm = 35.0");
    fs::write(&p, src).expect("write");
    let o = baocao(d.path(), &["render", "-o", "a.docx", "--profile", "cua-toi.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        document_xml(&d.path().join("a.docx")).contains("w:left=\"1984\""),
        "35 mm = 1984 twips"
    );
    fs::write(&p, "id = 1").expect("write");
    let o = baocao(d.path(), &["render", "-o", "b.docx", "--profile", "cua-toi.toml"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Tệp định dạng (profile) không hợp lệ"), "{}", stderr(&o));
}

/// Runs a bad case: non-zero exit, a message containing `needles`, no output file, no temp file.
fn refused(dir: &Path, args: &[&str], needles: &[&str]) {
    let before = listing(dir);
    let o = baocao(dir, args);
    assert!(!o.status.success(), "accepted: {args:?}");
    let msg = stderr(&o);
    for n in needles {
        assert!(msg.contains(n), "message for {args:?} lacks {n:?}: {msg}");
    }
    assert_eq!(listing(dir), before, "files changed for {args:?}");
}

#[test]
fn bad_reports_are_refused_with_the_field_named() {
    let d = tmp();
    let dir = d.path();
    edited(dir, "thua.json", |v| v["header"]["so_hieu"] = "x".into());
    edited(dir, "kieu.json", |v| v["header"]["number"] = "bốn lăm".into());
    edited(dir, "thieu.json", |v| {
        v["closing"].as_object_mut().expect("obj").remove("signer_name");
    });
    edited(dir, "thieu3.json", |v| {
        let header = v["header"].as_object_mut().expect("obj");
        for field in ["subject", "place", "issuing_body"] {
            header.remove(field);
        }
    });
    edited(dir, "dieukhien.json", |v| v["closing"]["signer_name"] = "Lê\u{1b}Thị".into());
    edited(dir, "trong.json", |v| v["closing"]["signer_name"] = "".into());
    fs::write(dir.join("khong-phai.json"), "PK\u{3}\u{4} không phải JSON").expect("write");
    let big = fs::File::create(dir.join("lon.json")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("50 MB");
    fs::write(dir.join("cu.docx"), b"tep cu").expect("write");

    refused(
        dir,
        &["render", "thua.json", "-o", "o.docx"],
        &["header", "«so_hieu»", "không xác định"],
    );
    refused(dir, &["render", "kieu.json", "-o", "o.docx"], &["header.number", "sai kiểu"]);
    refused(dir, &["render", "thieu.json", "-o", "o.docx"], &["«closing.signer_name»", "thiếu"]);
    refused(
        dir,
        &["render", "thieu3.json", "-o", "o.docx"],
        &["3 lỗi", "«header.subject»", "«header.place»", "«header.issuing_body»", "thiếu"],
    );
    refused(dir, &["render", "dieukhien.json", "-o", "o.docx"], &["closing.signer_name", "U+001B"]);
    refused(
        dir,
        &["render", "trong.json", "-o", "o.docx"],
        &["Lỗi: Kết thúc, chữ ký, nơi nhận › họ tên người ký: ", "không được để trống"],
    );
    refused(
        dir,
        &["render", "khong-phai.json", "-o", "o.docx"],
        &["khong-phai.json", "không phải"],
    );
    refused(dir, &["render", "lon.json", "-o", "o.docx"], &["lon.json", "quá lớn", "50,0 MB"]);
    refused(
        dir,
        &["render", "khong-co.json", "-o", "o.docx"],
        &["Không tìm thấy", "khong-co.json"],
    );
    refused(dir, &["validate", "thieu.json"], &["signer_name"]);
    // A failed render leaves an existing output untouched.
    refused(dir, &["render", "trong.json", "-o", "cu.docx"], &["họ tên người ký"]);
    assert_eq!(fs::read(dir.join("cu.docx")).expect("read"), b"tep cu");
}

#[test]
fn bad_output_paths_are_refused_and_leave_nothing() {
    let d = tmp();
    let dir = d.path();
    refused(
        dir,
        &["render", "-o", "khong-co/thu-muc/bc.docx"],
        &["Thư mục", "khong-co/thu-muc", "không tồn tại"],
    );
    refused(dir, &["render", "-o", "bc.odt"], &["«odt»", "không được hỗ trợ"]);
    refused(dir, &["render", "-o", "bc"], &["đuôi .docx"]);
    refused(dir, &["render", "--format", "rtf", "-o", "bc.rtf"], &["«rtf»", "docx, pdf hoặc svg"]);
    refused(dir, &["render", "--profile", "hd99", "-o", "x.docx"], &["hd99", "hd36, hd05, nd30"]);
    let o = baocao(dir, &["lenh-la"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không có lệnh «lenh-la»"), "{}", stderr(&o));
}

#[test]
fn the_report_is_never_written_over_by_its_own_output() {
    let d = tmp();
    let dir = d.path();
    let report = sample_json(dir);
    let original = fs::read(&report).expect("read");
    fs::create_dir(dir.join("x")).expect("mkdir");
    std::os::unix::fs::symlink(&report, dir.join("lien-ket.docx")).expect("symlink");
    fs::hard_link(&report, dir.join("cung-tep.docx")).expect("hard link");
    for out in ["mau.json", "./x/../mau.json", "lien-ket.docx", "cung-tep.docx"] {
        for format in ["docx", "pdf"] {
            refused(
                dir,
                &["render", "mau.json", "-o", out, "--format", format],
                &["chính là tệp đầu vào", "mau.json"],
            );
        }
        // Not even with --force.
        refused(dir, &["render", "mau.json", "-o", out, "--force"], &["chính là tệp đầu vào"]);
        refused(dir, &["rollforward", "mau.json", "-o", out], &["chính là tệp đầu vào"]);
    }
    assert_eq!(fs::read(&report).expect("read"), original, "the report was changed");
    // A profile file given with --profile is an input too.
    let o = baocao(dir, &["profile", "hd36", "-o", "rieng.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let profile = fs::read(dir.join("rieng.toml")).expect("read profile");
    refused(
        dir,
        &["render", "mau.json", "--profile", "rieng.toml", "-o", "rieng.toml", "--format", "pdf"],
        &["chính là tệp đầu vào", "rieng.toml"],
    );
    assert_eq!(fs::read(dir.join("rieng.toml")).expect("read"), profile, "the profile was changed");
    assert!(fs::symlink_metadata(dir.join("lien-ket.docx"))
        .expect("link")
        .file_type()
        .is_symlink());
}

#[test]
fn a_read_only_output_is_replaced_only_with_force() {
    let d = tmp();
    let dir = d.path();
    sample_json(dir);
    let kept = dir.join("da-ky.docx");
    fs::write(&kept, b"ban da ky").expect("write");
    fs::set_permissions(&kept, fs::Permissions::from_mode(0o444)).expect("chmod");
    refused(dir, &["render", "mau.json", "-o", "da-ky.docx"], &["chỉ cho đọc", "--force"]);
    refused(dir, &["sample", "-o", "da-ky.docx"], &["chỉ cho đọc"]);
    assert_eq!(fs::read(&kept).expect("read"), b"ban da ky");
    let o = baocao(dir, &["render", "mau.json", "-o", "da-ky.docx", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(document_xml(&kept).contains("BÁO CÁO"));
}

/// Runs a command-line usage error: exit code 2, Vietnamese naming `needles`, no English left.
fn usage_error(dir: &Path, args: &[&str], needles: &[&str]) {
    let o = baocao(dir, args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.starts_with("Lỗi: "), "{args:?}: {msg}");
    for n in needles {
        assert!(msg.contains(n), "message for {args:?} lacks {n:?}: {msg}");
    }
    for english in [
        "error:",
        "the following",
        "required",
        "Usage:",
        "unexpected",
        "invalid value",
        "For more information",
        "found",
        "possible values",
        "tip:",
    ] {
        assert!(!msg.contains(english), "English {english:?} left for {args:?}: {msg}");
    }
}

#[test]
fn usage_errors_are_in_vietnamese_and_name_the_argument() {
    let d = tmp();
    let dir = d.path();
    usage_error(
        dir,
        &["rollforward", "a.json"],
        &["thiếu tham số bắt buộc", "«--output <OUTPUT>»"],
    );
    usage_error(dir, &["new", "-o", "x.json"], &["thiếu tham số bắt buộc", "--template"]);
    usage_error(dir, &["validate"], &["thiếu tham số bắt buộc", "<REPORT>"]);
    usage_error(
        dir,
        &["render", "--outptu", "x.docx"],
        &["không có tham số «--outptu»", "«--output»"],
    );
    usage_error(
        dir,
        &["rollforward", "a.json", "-o", "b.json", "--years", "ba"],
        &["giá trị «ba»", "«--years <YEARS>»", "cần một số nguyên"],
    );
    usage_error(dir, &["render", "-o"], &["«--output <OUTPUT>»", "cần một giá trị"]);
    usage_error(dir, &["rendr"], &["không có lệnh «rendr»", "«render»"]);
    usage_error(dir, &["template", "xoa", "x"], &["không có lệnh «xoa»"]);
    usage_error(dir, &["sample", "thua"], &["không có tham số «thua»"]);
    // No command at all is a usage error too (clap's exit code 2), with the help to choose one.
    for args in [&[][..], &["template"][..]] {
        let o = baocao(dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("Lỗi: thiếu tên lệnh."), "{args:?}: {}", stderr(&o));
    }
    let o = baocao(dir, &["--version"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("baocao "));
    let o = baocao(dir, &["--help"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("render"));
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

/// Runs the binary as an unprivileged user (root ignores file permissions).
fn baocao_unprivileged(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    cmd.args(args).current_dir(dir).output().expect("run")
}

#[test]
fn no_permission_to_write_or_read() {
    let d = tmp();
    let ro = d.path().join("chi-doc");
    fs::create_dir(&ro).expect("mkdir");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).expect("chmod");
    let o = baocao_unprivileged(d.path(), &["render", "-o", "chi-doc/bc.docx"]);
    assert!(!o.status.success());
    let msg = stderr(&o);
    assert!(msg.contains("Không có quyền ghi") && msg.contains("chi-doc"), "{msg}");
    assert!(listing(&ro).is_empty(), "nothing written in the read-only folder");

    let secret = d.path().join("kin.json");
    fs::write(&secret, "{}").expect("write");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).expect("chmod");
    let o = baocao_unprivileged(d.path(), &["validate", "kin.json"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Không có quyền đọc tệp «kin.json»"), "{}", stderr(&o));
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// LibreOffice lays our DOCX out with whatever font stands in for Times New Roman: stop with the
/// reason (in Vietnamese, naming the font and the package) when it lacks Times New Roman's metrics.
fn require_metric_compatible_font() {
    let o =
        Command::new("fc-match").arg("Times New Roman").output().expect("fc-match (fontconfig)");
    if let Err(message) =
        baocao_engine::fidelity::check_font_match(&String::from_utf8_lossy(&o.stdout))
    {
        panic!("{message}");
    }
}

/// `baocao fidelity` on a machine where Times New Roman resolves to a DejaVu font says so, names
/// the package to install, and compares nothing.
#[test]
fn fidelity_names_a_font_without_times_metrics() {
    let d = tmp();
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    assert!(dejavu.is_dir(), "install fonts-dejavu-core (scripts/setup.sh)");
    let conf = d.path().join("fonts.conf");
    fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?><fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>",
            dejavu.display(),
            d.path().join("fc-cache").display()
        ),
    )
    .expect("fonts.conf");
    let o = Command::new(BIN)
        .arg("fidelity")
        .current_dir(d.path())
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .expect("run baocao");
    assert!(!o.status.success());
    let msg = stderr(&o);
    assert!(msg.contains("bằng «DejaVu") && msg.contains("fonts-liberation2"), "message: {msg}");
}

/// The real reader: LibreOffice opens the DOCX and prints it; pdftotext reads the pages back.
#[test]
fn libreoffice_opens_the_docx_and_prints_it_in_order() {
    if std::env::var_os("BAOCAO_SKIP_LIBREOFFICE").is_some() {
        eprintln!("BAOCAO_SKIP_LIBREOFFICE set: LibreOffice check skipped");
        return;
    }
    assert!(
        have("soffice") && have("pdftotext"),
        "install libreoffice-writer-nogui and poppler-utils (see .ci/run)"
    );
    require_metric_compatible_font();
    let d = tmp();
    let o = baocao(d.path(), &["render", "-o", "bc.docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let profile_dir = d.path().join("lo-profile");
    let o = Command::new("soffice")
        .args([
            &format!("-env:UserInstallation=file://{}", profile_dir.display()),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            d.path().to_str().expect("path"),
            d.path().join("bc.docx").to_str().expect("path"),
        ])
        .output()
        .expect("soffice");
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = d.path().join("bc.pdf");
    assert!(pdf.exists(), "LibreOffice produced no PDF: {}", String::from_utf8_lossy(&o.stdout));
    let text = |first: u32, last: u32| -> String {
        let o = Command::new("pdftotext")
            .args([
                "-f",
                &first.to_string(),
                "-l",
                &last.to_string(),
                pdf.to_str().expect("p"),
                "-",
            ])
            .output()
            .expect("pdftotext");
        String::from_utf8(o.stdout).expect("utf-8")
    };
    let all = text(1, 999);
    let order = [
        // pdftotext reads the header table column by column.
        "HUYỆN ỦY TÂN LẬP GIANG",
        "BAN TUYÊN GIÁO",
        "Số 45-BC/BTGHU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tân Lập Giang, ngày 20 tháng 5 năm 2019",
        "BÁO CÁO",
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN",
        "Một là, cấp ủy",
        "Hai là,",
        "Ba là,",
        "Bốn là, tăng cường",
        "06 nhóm nhiệm vụ, giải pháp",
        "Nơi nhận:",
        "- Ban Tuyên giáo Tỉnh ủy,",
        "- Lưu Văn phòng.",
        "K/T TRƯỞNG BAN",
        "Lê Thị Hồng Nhung",
        "PHỤ LỤC 1",
        "PHỤ LỤC 2",
    ];
    let mut at = 0;
    for needle in order {
        match all[at..].find(needle) {
            Some(i) => at += i + needle.len(),
            None => panic!("{needle:?} missing or out of order in LibreOffice's PDF text:\n{all}"),
        }
    }
    let first_page = text(1, 1);
    assert!(
        !first_page.lines().any(|l| l.trim() == "1"),
        "page 1 shows a page number:\n{first_page}"
    );
    let page2 = text(2, 2);
    let first_line = page2.lines().map(str::trim).find(|l| !l.is_empty());
    assert_eq!(first_line, Some("2"), "page 2 starts with its number");
    // Keep page 1 as a picture for a person to look at.
    let art = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/artifacts");
    if fs::create_dir_all(&art).is_ok() && have("pdftoppm") {
        let _ = Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-f", "1", "-l", "1", pdf.to_str().expect("p")])
            .arg(art.join("docx-libreoffice-page"))
            .status();
    }
}

#[test]
fn state_fixture_renders_in_its_own_profile() {
    let d = tmp();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ubnd-ket-qua-03-nam.json");
    let f = fixture.to_str().expect("path");
    let o = baocao(d.path(), &["validate", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = baocao(d.path(), &["render", f, "-o", "ubnd.docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = document_xml(&d.path().join("ubnd.docx"));
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/BC-UBND",
        "ngày 05 tháng 3 năm 2020",
        "TM. ỦY BAN NHÂN DÂN",
        "- Lưu: VT, VP.",
    ] {
        assert!(xml.contains(needle), "{needle:?} missing");
    }
}

#[test]
fn pdf_and_svg_outputs() {
    let d = tmp();
    let o = baocao(d.path(), &["render", "-o", "bc.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = fs::read(d.path().join("bc.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let o = baocao(d.path(), &["render", "--format", "svg", "-o", "trang"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = listing(&d.path().join("trang"));
    assert!(
        files.contains(&"trang-001.svg".to_string()) && files.contains(&"fonts".to_string()),
        "{files:?}"
    );
    let svg = fs::read_to_string(d.path().join("trang/trang-001.svg")).expect("svg");
    assert!(
        svg.contains("ĐẢNG CỘNG SẢN VIỆT NAM")
            && svg.contains("url('fonts/LiberationSerif-Bold.ttf')")
    );
    assert!(roxmltree::Document::parse(&svg).is_ok(), "well-formed SVG");
    assert_eq!(listing(&d.path().join("trang/fonts")).len(), 4);
    refused(
        d.path(),
        &["render", "--format", "svg", "-o", "khong-co/trang"],
        &["khong-co", "không tồn tại"],
    );
}

fn agreement(dir: &Path, args: &[&str]) -> f64 {
    let o = baocao(dir, args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let line =
        out.lines().find(|l| l.starts_with("Trùng khớp:")).unwrap_or_else(|| panic!("{out}"));
    let pct = line.rsplit('(').next().expect("(").trim_end_matches("%)").replace(',', ".");
    eprintln!("{args:?}: {line}");
    pct.parse().expect("percentage")
}

/// Our PDF and LibreOffice's rendering of our DOCX start their pages with the same words.
#[test]
fn pdf_pages_agree_with_libreoffice() {
    if std::env::var_os("BAOCAO_SKIP_LIBREOFFICE").is_some() {
        eprintln!("BAOCAO_SKIP_LIBREOFFICE set: fidelity check skipped");
        return;
    }
    require_metric_compatible_font();
    // First and last words of every page (the corpus test in the engine covers more reports).
    let d = tmp();
    assert_eq!(agreement(d.path(), &["fidelity"]), 100.0);
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ubnd-ket-qua-03-nam.json");
    assert_eq!(agreement(d.path(), &["fidelity", fixture.to_str().expect("path")]), 100.0);
    let long = d.path().join("dai.json");
    fs::write(&long, serde_json::to_string(&baocao_engine::sample::generated(30)).expect("json"))
        .expect("write");
    assert_eq!(agreement(d.path(), &["fidelity", "dai.json"]), 100.0);
}

#[test]
fn templates_new_and_rollforward_from_the_command_line() {
    let d = tmp();
    let dir = d.path();
    let lib = dir.join("thu-vien");
    let lib_s = lib.to_str().expect("path");
    let o = baocao(dir, &["templates", "--library", lib_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = String::from_utf8_lossy(&o.stdout).to_string();
    for id in [
        "so-ket-03-nam-chi-thi-05",
        "ket-qua-nam-hoc-tap-lam-theo-bac",
        "tong-ket-05-nam",
        "ubnd-huyen-bao-cao-ket-qua",
    ] {
        assert!(listed.contains(id), "{id} listed:\n{listed}");
    }
    let o = baocao(
        dir,
        &[
            "new",
            "--template",
            "so-ket-03-nam-chi-thi-05",
            "--set",
            "huyen=Cầu Ngang",
            "--set",
            "nguoi_ky=Trần Văn Bình",
            "--set",
            "nam=2019",
            "--set",
            "ngay=2019-05-20",
            "-o",
            "moi.json",
            "--library",
            lib_s,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = baocao(dir, &["render", "moi.json", "-o", "moi.docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = document_xml(&dir.join("moi.docx"));
    assert!(xml.contains("HUYỆN ỦY CẦU NGANG") && xml.contains("từ tháng 5/2016 đến tháng 5/2019"));
    assert!(!xml.contains("{{") && !xml.contains("[năm"), "no blank left");

    let o = baocao(dir, &["rollforward", "moi.json", "-o", "ky-sau.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("cần cập nhật"));
    let next: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("ky-sau.json")).expect("read"))
            .expect("json");
    assert_eq!(next["header"]["date"], "2020-05-20");
    assert_eq!(next["period"]["end_year"], 2020);
    let o = baocao(dir, &["render", "ky-sau.json", "-o", "ky-sau.docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(document_xml(&dir.join("ky-sau.docx")).contains("từ tháng 5/2017 đến tháng 5/2020"));

    let o = baocao(
        dir,
        &["template", "save", "moi.json", "--name", "Mẫu Cầu Ngang", "--library", lib_s],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = baocao(dir, &["templates", "--library", lib_s]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("mau-cau-ngang"));
    refused(
        dir,
        &["new", "--template", "../../etc/passwd", "-o", "x.json", "--library", lib_s],
        &["không hợp lệ"],
    );
    refused(
        dir,
        &[
            "new",
            "--template",
            "tong-ket-05-nam",
            "--set",
            "tinh=X",
            "-o",
            "x.json",
            "--library",
            lib_s,
        ],
        &["không có chỗ trống «tinh»"],
    );
    refused(
        dir,
        &[
            "new",
            "--template",
            "tong-ket-05-nam",
            "--set",
            "nam",
            "-o",
            "x.json",
            "--library",
            lib_s,
        ],
        &["khoa=gia_tri"],
    );
    fs::write(dir.join("khong-phai-mau.json"), "{\"a\": 1}").expect("write");
    refused(
        dir,
        &["template", "import", "khong-phai-mau.json", "--library", lib_s],
        &["không phải mẫu báo cáo"],
    );
}

#[test]
fn check_lists_findings_in_words_and_exits_1_on_a_blocking_one() {
    let d = tmp();
    let words = d.path().join("tu-dien.txt");
    fs::write(&words, "XKTQB\n").expect("word list");
    let w = words.to_str().expect("path");
    // The sample passes.
    let clean = sample_json(d.path());
    let o = baocao(d.path(), &["check", clean.to_str().expect("path"), "--words", w]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("0 lỗi chặn, 0 cảnh báo"), "{out}");
    // A hand-typed ordinal that skips («Bốn là» after «Hai là»), a misspelt word, a word of the user's list.
    let bad = edited(d.path(), "sai.json", |v| {
        v["body"]["opening"][0]["text"] = serde_json::Value::String(
            "Một là, học tập. Hai là, làm theo. Bốn là, gương mẩu, phối hợp với XKTQB.".into(),
        );
    });
    let o = baocao(d.path(), &["check", bad.to_str().expect("path"), "--words", w]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("Lỗi: Mở đầu › mục 1 › nội dung «Bốn là»: "), "{out}");
    assert!(out.contains("«mẩu»") && out.contains("«mẫu»"), "{out}");
    assert!(!out.contains("XKTQB"), "a word of the user's list is flagged:\n{out}");
    assert!(stderr(&o).contains("1 lỗi chặn"), "{}", stderr(&o));
    // --json: the same findings as diagnostics, with their places and fixes.
    let o = baocao(d.path(), &["check", bad.to_str().expect("path"), "--json", "--words", w]);
    assert_eq!(o.status.code(), Some(1));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("JSON list");
    let ordinal = list.iter().find(|f| f["code"] == "thu-tu").expect("the ordinal finding");
    assert_eq!(ordinal["severity"], "blocking");
    assert_eq!(ordinal["path"], "body.opening[0].text");
    assert_eq!(ordinal["fix"], "Ba là");
    assert_eq!(ordinal["place_words"], "Mở đầu › mục 1 › nội dung");
    assert!(ordinal["span"].is_array() && ordinal["file"].is_null(), "{ordinal}");
    // Every diagnostic has the same fields, whoever reported it.
    for f in &list {
        let keys: Vec<&str> = f.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 12, "{f}");
    }
}

#[test]
fn forms_out_then_compile_with_rate_findings_and_exit_code() {
    let d = tmp();
    let dir = d.path();
    sample_json(dir);
    fs::write(
        dir.join("don-vi.txt"),
        "STT\tTên đơn vị\n1\tĐảng ủy xã Hòa Lợi\n2\tĐảng ủy xã Long Khánh\n3\tĐảng ủy thị trấn\n",
    )
    .expect("test");
    let o = baocao(
        dir,
        &["form", "mau.json", "--all-units", "--units", "don-vi.txt", "-o", "bieu-mau"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // The app's rule (engine app::forms): each unit's form, and a blank one.
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("Đã tạo 4 biểu mẫu (3 đơn vị và 1 biểu mẫu trống)"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(
        listing(&dir.join("bieu-mau")),
        [
            "Biểu mẫu - Đảng ủy thị trấn.xlsx",
            "Biểu mẫu - Đảng ủy xã Hòa Lợi.xlsx",
            "Biểu mẫu - Đảng ủy xã Long Khánh.xlsx",
            "Biểu mẫu trống.xlsx"
        ]
    );
    let o = baocao(dir, &["form", "mau.json", "-o", "trong.xlsx"]);
    assert!(
        o.status.success() && String::from_utf8_lossy(&o.stdout).contains("(2 bảng)"),
        "{}",
        stderr(&o)
    );
    // Two of three units answer (their forms left empty): the rate, the missing unit, a note each.
    let o = baocao(
        dir,
        &[
            "compile",
            "mau.json",
            "bieu-mau/Biểu mẫu - Đảng ủy xã Hòa Lợi.xlsx",
            "bieu-mau/Biểu mẫu - Đảng ủy xã Long Khánh.xlsx",
            "--units",
            "don-vi.txt",
            "-o",
            "tong-hop.json",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("Đã nhận 2/3 đơn vị."), "{out}");
    assert!(out.contains("Chưa nhận: Đảng ủy thị trấn."), "{out}");
    assert_eq!(out.matches("Cảnh báo: «Biểu mẫu - Đảng ủy xã").count(), 2, "{out}");
    let compiled: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("tong-hop.json")).expect("test")).expect("test");
    assert_eq!(compiled["collection"]["units"].as_array().expect("test").len(), 3);
    // A damaged file: a blocking finding naming it, exit code 1; left out, the compile goes through.
    fs::write(dir.join("hong.xlsx"), b"PK\x03\x04 not really a workbook").expect("test");
    let o = baocao(dir, &["compile", "mau.json", "hong.xlsx", "-o", "tong-hop-2.json"]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("Lỗi: «hong.xlsx»: Không đọc được tệp"), "{out}");
    assert!(stderr(&o).contains("Còn 1 lỗi"), "{}", stderr(&o));
    // --json: the review, its findings as diagnostics with the file named.
    let o = baocao(dir, &["compile", "mau.json", "hong.xlsx", "-o", "tong-hop-4.json", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let review: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON review");
    let f = &review["findings"][0];
    assert_eq!(f["code"], "tep-khong-doc-duoc", "{f}");
    assert_eq!(f["severity"], "blocking");
    assert_eq!(f["file"], "hong.xlsx");
    assert_eq!(f["place_words"], "«hong.xlsx»");
    let o = baocao(
        dir,
        &["compile", "mau.json", "hong.xlsx", "--exclude", "hong.xlsx", "-o", "tong-hop-3.json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Issue 23: the Party guidance follows the document's date and the commands say which applies.
#[test]
fn render_and_validate_name_the_guidance_of_the_date_and_rollforward_moves_to_hd05() {
    let d = tmp();
    let dir = d.path();
    let out = |o: &Output| String::from_utf8_lossy(&o.stdout).to_string();
    let new = edited(dir, "moi.json", |v| {
        v["header"]["profile"] = "dang".into();
        v["header"]["date"] = "2026-06-15".into();
    });
    let o = baocao(dir, &["validate", new.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out(&o).contains(
            "Thể thức: Văn bản của Đảng (Hướng dẫn 05-HD/VPTW), theo ngày văn bản 15/06/2026"
        ),
        "{}",
        out(&o)
    );
    let o = baocao(dir, &["render", "moi.json", "-o", "moi.docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out(&o).contains("Hướng dẫn 05-HD/VPTW"), "{}", out(&o));
    let xml = document_xml(&dir.join("moi.docx"));
    assert!(xml.contains("- Thường trực Huyện ủy;"), "recipients end with «;»");
    // The sample (2019) stays HD 36; `--profile hd05` pins the other one.
    let o = baocao(dir, &["render", "-o", "mau.docx"]);
    assert!(out(&o).contains("Hướng dẫn 36-HD/VPTW"), "{}", out(&o));
    let o = baocao(dir, &["render", "moi.json", "-o", "ghim.docx", "--profile", "hd36"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(document_xml(&dir.join("ghim.docx")).contains("- Thường trực Huyện ủy,"));
    // Rolling a 2025 report into 2026 moves it to the Party family, and says so.
    let old = edited(dir, "cu.json", |v| v["header"]["date"] = "2025-06-15".into());
    let o = baocao(dir, &["rollforward", old.to_str().expect("path"), "-o", "ke-tiep.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out(&o).contains("05-HD/VPTW"), "{}", out(&o));
    let next: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("ke-tiep.json")).expect("read"))
            .expect("json");
    assert_eq!(next["header"]["profile"], "dang");
    let o = baocao(dir, &["profile", "hd05", "-o", "hd05.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(dir.join("hd05.toml"))
        .expect("read")
        .contains("recipient_end = \";\""));
}

#[test]
fn render_refuses_what_the_app_calls_blocking_unless_told_to_go_on() {
    let d = tmp();
    let dir = d.path();
    // A hand-typed ordinal that skips: valid JSON, a blocking finding of the checks.
    let bad = edited(dir, "sai.json", |v| {
        v["body"]["opening"][0]["text"] = serde_json::Value::String(
            "Một là, học tập. Hai là, làm theo. Bốn là, nêu gương.".into(),
        );
    });
    let b = bad.to_str().expect("path");
    let o = baocao(dir, &["render", b, "-o", "sai.docx"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("Lỗi: Mở đầu › mục 1 › nội dung: Thứ tự gõ tay"), "{}", stderr(&o));
    assert!(stderr(&o).contains("còn 1 lỗi chặn nên chưa xuất"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--van-xuat"), "{}", stderr(&o));
    assert!(!dir.join("sai.docx").exists(), "nothing is written");
    // «Vẫn xuất»: the findings are still named, and the file is written.
    for out_file in ["sai.docx", "sai.pdf"] {
        let o = baocao(dir, &["render", b, "-o", out_file, "--van-xuat"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("Lỗi: Mở đầu › mục 1"), "{}", stderr(&o));
        assert!(fs::metadata(dir.join(out_file)).expect("written").len() > 1000);
    }
    // SVG pages are a preview format: no going past blocking findings there.
    let o = baocao(dir, &["render", b, "-f", "svg", "-o", "trang", "--van-xuat"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The sample has no blocking finding and renders as before.
    let o = baocao(dir, &["render", "-o", "mau.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn import_json_gives_its_warnings_as_diagnostics() {
    let d = tmp();
    let dir = d.path();
    sample_json(dir);
    let o = baocao(dir, &["render", "mau.json", "-o", "mau.docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = baocao(dir, &["import", "mau.docx", "-o", "lai.json", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON summary");
    let warnings = summary["warnings"].as_array().expect("warnings: a list");
    for w in warnings {
        assert!(w["code"].as_str().is_some_and(|c| c.starts_with("nhap-")), "{w}");
        assert_eq!(w["severity"], "warning", "{w}");
        assert!(w["message"].is_string() && w["place_words"].is_string(), "{w}");
    }
}

#[test]
fn the_template_library_is_in_the_apps_data_folder_as_tauri_finds_it() {
    let d = tmp();
    let dir = d.path();
    sample_json(dir);
    let home = dir.join("nha");
    let xdg = dir.join("du-lieu");
    // XDG_DATA_HOME when absolute, else ~/.local/share (as Tauri's app_data_dir(), through dirs).
    for (xdg_value, expected) in [
        (xdg.as_os_str(), xdg.join("vn.soanbaocao.app/mau")),
        ("tuong-doi".as_ref(), home.join(".local/share/vn.soanbaocao.app/mau")),
    ] {
        let o = Command::new(BIN)
            .args(["template", "save", "mau.json", "--name", "Mẫu thử"])
            .current_dir(dir)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", xdg_value)
            .output()
            .expect("run baocao");
        assert!(o.status.success(), "{}", stderr(&o));
        let saved = fs::read_dir(&expected).map(|r| r.count()).unwrap_or(0);
        assert_eq!(saved, 1, "a template saved in {}", expected.display());
    }
}
