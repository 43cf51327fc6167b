//! `baocao`: the headless command of Soạn Báo Cáo — render reports to DOCX, validate them,
//! write the built-in sample, the format profiles and the report schema.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use baocao_engine::{
    checks, fsio, load, profile_for, render_docx, render_layout, render_pdf, report_schema, sample,
    svg, templates, Diagnostic, EngineError, FormatProfile, RenderEnv, Report, Severity,
};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "baocao",
    version,
    about = "Soạn Báo Cáo: xuất báo cáo đúng thể thức văn bản của Đảng (HD 36) và văn bản hành chính (NĐ 30)",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Cho phép ghi đè tệp kết quả đã có nhưng chỉ cho đọc.
    #[arg(long, global = true)]
    force: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Xuất báo cáo ra tệp Word (.docx), PDF hoặc trang SVG; không có tệp vào thì xuất báo cáo mẫu.
    Render {
        /// Tệp báo cáo (.json); bỏ trống để dùng báo cáo mẫu có sẵn.
        report: Option<PathBuf>,
        /// Tệp kết quả (.docx, .pdf) hoặc thư mục (svg); mặc định cùng tên với tệp báo cáo.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Định dạng kết quả: docx, pdf hoặc svg; mặc định theo đuôi tệp kết quả.
        #[arg(short, long)]
        format: Option<String>,
        /// Định dạng thể thức: mã có sẵn (hd36, hd05, nd30) hoặc tệp .toml đã chỉnh; mặc định theo báo cáo (văn bản của Đảng: theo ngày văn bản).
        #[arg(short, long)]
        profile: Option<String>,
        /// Vẫn xuất Word hoặc PDF khi báo cáo còn lỗi chặn (như nút «Vẫn xuất» của chương trình).
        #[arg(long = "van-xuat")]
        anyway: bool,
    },
    /// Ghi báo cáo mẫu (sơ kết 03 năm Chỉ thị 05) ra tệp JSON để sửa.
    Sample {
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Kiểm tra tệp báo cáo và liệt kê mọi lỗi, cảnh báo.
    Validate {
        /// Tệp báo cáo (.json).
        report: PathBuf,
        /// Định dạng thể thức (mã hoặc tệp .toml); mặc định theo báo cáo.
        #[arg(short, long)]
        profile: Option<String>,
    },
    /// Kiểm tra thể thức, nội dung và chính tả; in từng lỗi với chỗ của nó; thoát mã 1 khi có lỗi chặn.
    Check {
        /// Tệp báo cáo (.json hoặc .baocao).
        report: PathBuf,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
        /// Định dạng thể thức (mã hoặc tệp .toml); mặc định theo báo cáo.
        #[arg(short, long)]
        profile: Option<String>,
        /// Từ điển riêng (mỗi dòng một từ); mặc định tệp tu-dien.txt trong thư mục dữ liệu của ứng dụng.
        #[arg(long)]
        words: Option<PathBuf>,
    },
    /// Ghi một định dạng thể thức có sẵn (hd36, hd05, nd30) ra tệp TOML để chỉnh.
    Profile {
        /// Mã định dạng: hd36, hd05 hoặc nd30.
        id: String,
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// So bản PDF của chương trình với bản LibreOffice in từ tệp Word, từng trang một.
    Fidelity {
        /// Tệp báo cáo (.json); bỏ trống để dùng báo cáo mẫu.
        report: Option<PathBuf>,
        /// Định dạng thể thức (mã hoặc tệp .toml); mặc định theo báo cáo.
        #[arg(short, long)]
        profile: Option<String>,
        /// Số từ đầu trang và số từ cuối trang đem so.
        #[arg(long, default_value_t = 8)]
        words: usize,
    },
    /// Liệt kê các mẫu báo cáo: mẫu có sẵn và mẫu của người dùng.
    Templates {
        /// Thư mục mẫu của người dùng (mặc định: thư mục dữ liệu của ứng dụng).
        #[arg(long)]
        library: Option<PathBuf>,
    },
    /// Tạo báo cáo mới từ một mẫu, điền các chỗ trống bằng --set khoa=gia_tri.
    New {
        /// Mã mẫu (xem «baocao templates»).
        #[arg(short, long)]
        template: String,
        /// Điền một chỗ trống: khoa=gia_tri (lặp lại được).
        #[arg(short, long = "set", value_name = "KHOA=GIA_TRI")]
        set: Vec<String>,
        /// Tệp báo cáo kết quả (.json hoặc .baocao).
        #[arg(short, long)]
        output: PathBuf,
        /// Thư mục mẫu của người dùng.
        #[arg(long)]
        library: Option<PathBuf>,
    },
    /// Nhập báo cáo từ tệp Word (.docx; .doc qua LibreOffice): in những gì nhận ra và những đoạn giữ nguyên.
    Import {
        /// Tệp Word (.docx hoặc .doc).
        file: PathBuf,
        /// Tệp báo cáo kết quả (.json).
        #[arg(short, long)]
        output: PathBuf,
        /// In kết quả nhận dạng dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Tạo biểu mẫu Excel (.xlsx) để đơn vị điền số liệu vào các bảng của báo cáo.
    Form {
        /// Tệp báo cáo (.baocao, .json).
        report: PathBuf,
        /// Tệp biểu mẫu (.xlsx); với --all-units là thư mục, mỗi đơn vị một tệp.
        #[arg(short, long)]
        output: PathBuf,
        /// Tên đơn vị ghi sẵn trong biểu mẫu; bỏ trống thì đơn vị tự ghi tên.
        #[arg(long)]
        unit: Option<String>,
        /// Mỗi đơn vị trong danh sách của báo cáo (hoặc của --units) một biểu mẫu, ghi vào thư mục -o.
        #[arg(long)]
        all_units: bool,
        /// Danh sách đơn vị (.xlsx/.ods một cột, hoặc .txt mỗi dòng một đơn vị).
        #[arg(long)]
        units: Option<PathBuf>,
    },
    /// Tổng hợp số liệu từ biểu mẫu (.xlsx, .xls, .ods) và báo cáo (.baocao, .docx) của các đơn vị.
    Compile {
        /// Tệp báo cáo tổng hợp (.baocao, .json).
        report: PathBuf,
        /// Các tệp đơn vị gửi.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Tệp báo cáo kết quả (.json).
        #[arg(short, long)]
        output: PathBuf,
        /// Danh sách đơn vị phải báo cáo (.xlsx/.ods một cột, hoặc .txt mỗi dòng một đơn vị).
        #[arg(long)]
        units: Option<PathBuf>,
        /// Bỏ qua tệp này (tên tệp), ví dụ khi đơn vị gửi hai lần.
        #[arg(long)]
        exclude: Vec<String>,
        /// In kết quả kiểm tra dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Chuyển văn bản gõ bằng bảng mã cũ (TCVN3/ABC, VNI-Windows) sang Unicode dựng sẵn (NFC).
    Convert {
        /// Tệp văn bản; «-» để đọc từ đầu vào chuẩn.
        file: String,
        /// Bảng mã nguồn: tcvn3, vni hoặc auto (tự nhận ra).
        #[arg(long, default_value = "auto")]
        from: String,
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Tạo báo cáo kỳ sau từ một báo cáo: lùi ngày và kỳ, xóa số văn bản, xóa số liệu cần cập nhật.
    Rollforward {
        /// Báo cáo kỳ này (.json hoặc .baocao).
        report: PathBuf,
        /// Báo cáo kỳ sau.
        #[arg(short, long)]
        output: PathBuf,
        /// Số năm lùi kỳ báo cáo và ngày (khi không ghi --start-year, --end-year).
        #[arg(long, default_value_t = 1)]
        years: i32,
        /// Năm bắt đầu của kỳ mới (cùng --end-year), ví dụ 2016 cho tổng kết 2016–2021.
        #[arg(long, requires = "end_year")]
        start_year: Option<i32>,
        /// Năm cuối của kỳ mới; ngày báo cáo lùi theo năm này.
        #[arg(long)]
        end_year: Option<i32>,
        /// Loại báo cáo kỳ mới: nam (hằng năm), so-ket, tong-ket; không ghi thì giữ như cũ.
        #[arg(long, value_parser = ["nam", "so-ket", "tong-ket"])]
        kind: Option<String>,
    },
    /// Quản lý mẫu của người dùng: lưu báo cáo làm mẫu, đổi tên, xóa, xuất ra tệp, nhập từ tệp.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
        /// Thư mục mẫu của người dùng.
        #[arg(long, global = true)]
        library: Option<PathBuf>,
    },
    /// In lược đồ JSON (JSON Schema) của tệp báo cáo.
    Schema {
        /// Tệp kết quả; bỏ trống để in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Lưu một báo cáo làm mẫu.
    Save {
        /// Báo cáo.
        report: PathBuf,
        /// Tên mẫu.
        #[arg(short, long)]
        name: String,
    },
    /// Đổi tên một mẫu của người dùng.
    Rename {
        /// Mã mẫu.
        id: String,
        /// Tên mới.
        #[arg(short, long)]
        name: String,
    },
    /// Xóa một mẫu của người dùng.
    Delete {
        /// Mã mẫu.
        id: String,
    },
    /// Xuất một mẫu ra tệp để chia sẻ.
    Export {
        /// Mã mẫu.
        id: String,
        /// Tệp kết quả.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Nhập một mẫu từ tệp.
    Import {
        /// Tệp mẫu.
        file: PathBuf,
    },
}

/// The app's data folder (as Tauri finds it: `%APPDATA%` on Windows, the XDG data folder
/// elsewhere), shared by the app and the CLI.
fn app_data_dir() -> Option<PathBuf> {
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from).filter(|p| p.is_absolute())?
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?
    };
    Some(base.join("vn.soanbaocao.app"))
}

/// The user's template folder: in the app's data folder.
fn library(arg: Option<PathBuf>) -> templates::UserLibrary {
    let dir =
        arg.unwrap_or_else(|| app_data_dir().unwrap_or_else(|| PathBuf::from(".")).join("mau"));
    templates::UserLibrary::new(dir)
}

/// A failure with its Vietnamese message.
struct Failure(String);

impl From<EngineError> for Failure {
    fn from(e: EngineError) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return clap_error(e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind as K;
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        // `baocao` (or `baocao template`) alone: the help, on stderr, as a usage error (exit 2).
        K::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("Lỗi: thiếu tên lệnh.");
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{}", usage_error_vi(&e));
            ExitCode::from(2)
        }
    }
}

/// A command-line usage error in Vietnamese, naming the argument, the value and what is allowed.
fn usage_error_vi(e: &clap::Error) -> String {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    let text = |kind: C| -> Vec<String> {
        match e.get(kind) {
            Some(V::String(s)) => vec![s.clone()],
            Some(V::Strings(v)) => v.clone(),
            Some(V::StyledStr(s)) => vec![s.to_string()],
            Some(V::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
            Some(V::Number(n)) => vec![n.to_string()],
            _ => Vec::new(),
        }
    };
    let quoted = |v: Vec<String>| v.iter().map(|a| format!("«{a}»")).collect::<Vec<_>>().join(", ");
    let arg = quoted(text(C::InvalidArg));
    let value = text(C::InvalidValue).join(" ");
    let mut msg = match e.kind() {
        K::MissingRequiredArgument => format!("thiếu tham số bắt buộc {arg}"),
        K::UnknownArgument => format!("không có tham số {arg}"),
        K::InvalidSubcommand => {
            format!("không có lệnh «{}»", text(C::InvalidSubcommand).join(" "))
        }
        K::MissingSubcommand => "thiếu tên lệnh".to_string(),
        K::InvalidValue if value.is_empty() => format!("tham số {arg} cần một giá trị"),
        K::InvalidValue => format!("giá trị «{value}» của tham số {arg} không hợp lệ"),
        K::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| translate_value_error(&s.to_string()))
                .unwrap_or_default();
            format!("giá trị «{value}» của tham số {arg} không hợp lệ{why}")
        }
        K::NoEquals => format!("tham số {arg} cần dấu «=» trước giá trị"),
        K::TooManyValues => format!("thừa giá trị «{value}» cho tham số {arg}"),
        K::TooFewValues | K::WrongNumberOfValues => {
            format!("số giá trị của tham số {arg} không đúng")
        }
        K::ArgumentConflict => {
            format!("tham số {arg} không dùng cùng với {}", quoted(text(C::PriorArg)))
        }
        K::InvalidUtf8 => format!("tham số {arg} chứa ký tự không phải UTF-8"),
        _ => "lệnh không hợp lệ".to_string(),
    };
    let valid = text(C::ValidValue);
    if !valid.is_empty() {
        msg.push_str(&format!("; chỉ nhận: {}", valid.join(", ")));
    }
    let valid = text(C::ValidSubcommand);
    if !valid.is_empty() {
        msg.push_str(&format!("; các lệnh: {}", valid.join(", ")));
    }
    let suggested = [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue]
        .into_iter()
        .flat_map(text)
        .collect::<Vec<_>>();
    if !suggested.is_empty() {
        msg.push_str(&format!("; có phải ý bạn là {}?", quoted(suggested)));
    }
    let usage = text(C::Usage)
        .join(" ")
        .lines()
        .map(|l| l.trim().trim_start_matches("Usage:").trim().to_string())
        .find(|l| !l.is_empty())
        .map(|u| format!("\nCách dùng: {u}"))
        .unwrap_or_default();
    if !msg.ends_with('?') {
        msg.push('.');
    }
    format!("Lỗi: {msg}{usage}\nGõ «baocao --help» (hoặc «baocao LỆNH --help») để xem hướng dẫn.")
}

/// Vietnamese for the parse errors of numeric arguments.
fn translate_value_error(msg: &str) -> String {
    if msg.contains("invalid digit") {
        " (cần một số nguyên)".into()
    } else if msg.contains("too large") || msg.contains("too small") {
        " (số quá lớn hoặc quá nhỏ)".into()
    } else if msg.contains("empty string") {
        " (không được để trống)".into()
    } else {
        format!(" ({msg})")
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let force = cli.force;
    match cli.command {
        Command::Render { report: input, output, format, profile, anyway } => {
            cmd_render(input, output, format, profile, anyway, force)
        }
        Command::Sample { output } => {
            emit(output.as_deref(), sample::SAMPLE_JSON.as_bytes(), force)
        }
        Command::Validate { report, profile } => cmd_validate(report, profile),
        Command::Import { file, output, json } => cmd_import(file, output, json, force),
        Command::Form { report, output, unit, all_units, units } => {
            cmd_form(report, output, unit, all_units, units, force)
        }
        Command::Compile { report, files, output, units, exclude, json } => {
            cmd_compile(report, files, output, units, exclude, json, force)
        }
        Command::Convert { file, from, output } => cmd_convert(file, from, output, force),
        Command::Check { report, json, profile, words } => cmd_check(report, json, profile, words),
        Command::Profile { id, output } => cmd_profile(&id, output, force),
        Command::Fidelity { report, profile, words } => cmd_fidelity(report, profile, words),
        Command::Templates { library: lib } => cmd_templates(lib),
        Command::New { template, set, output, library: lib } => {
            cmd_new(&template, &set, &output, lib, force)
        }
        Command::Rollforward { report, output, years, start_year, end_year, kind } => {
            cmd_rollforward(report, output, years, start_year, end_year, kind, force)
        }
        Command::Template { action, library: lib } => cmd_template(action, lib, force),
        Command::Schema { output } => emit(output.as_deref(), report_schema().as_bytes(), force),
    }
}

/// Writes the report (or the sample) as DOCX, PDF or SVG pages.
fn cmd_render(
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    format: Option<String>,
    profile: Option<String>,
    anyway: bool,
    force: bool,
) -> Result<(), Failure> {
    // The report and a profile file given by path are both inputs the output must spare.
    let profile_file = profile.as_deref().map(Path::new).filter(|p| p.is_file());
    let inputs: Vec<&Path> = input.iter().map(PathBuf::as_path).chain(profile_file).collect();
    let (report, default_out) = match &input {
        Some(path) => (read_report(path)?, path.with_extension("docx")),
        None => (sample::sample(), PathBuf::from("bao-cao-mau.docx")),
    };
    let format_arg = format.as_deref().map(str::to_lowercase);
    let output = output.unwrap_or_else(|| match format_arg.as_deref() {
        Some("pdf") => default_out.with_extension("pdf"),
        Some("svg") => default_out.with_extension("svg.d"),
        _ => default_out,
    });
    fsio::check_output(&output, &inputs, force)?;
    let format = match format_arg {
        Some(f) => f,
        None => {
            output.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default()
        }
    };
    let profile = choose_profile(&report, profile.as_deref())?;
    let env = RenderEnv { now: now() };
    // The checks run beside the rendering (`render_docx`/`render_pdf`); their blocking findings
    // stop the export, as in the app; --van-xuat goes on (Word and PDF only).
    let rendered = match format.as_str() {
        "docx" => render_docx(&report, &profile, env),
        "pdf" => render_pdf(&report, &profile, env),
        "svg" => {
            refuse_blocked(&checks::blocking(&report, &profile), input.as_deref(), false)?;
            return render_svg(&report, &profile, env, &output);
        }
        "" => {
            return Err(Failure(format!(
                "Không biết xuất định dạng gì cho «{}»: hãy đặt đuôi .docx hoặc .pdf, hoặc dùng --format docx|pdf|svg.",
                output.display()
            )))
        }
        other => {
            return Err(Failure(format!(
                "Định dạng «{other}» không được hỗ trợ; chọn docx, pdf hoặc svg."
            )))
        }
    };
    let rendered = match rendered {
        Err(EngineError::Invalid(blockers)) => {
            refuse_blocked(&blockers, input.as_deref(), anyway)?;
            let bytes = if format == "pdf" {
                baocao_engine::render_pdf_unchecked(&report, &profile, env)?
            } else {
                baocao_engine::render_docx_unchecked(&report, &profile, env)?
            };
            baocao_engine::Rendered { bytes, warnings: Vec::new() }
        }
        other => other?,
    };
    for w in &rendered.warnings {
        eprintln!("{w}");
    }
    println!("{}", baocao_engine::profile_line(&report, &profile));
    write_atomic(&output, &rendered.bytes)?;
    println!("Đã xuất «{}» ({} KB).", output.display(), rendered.bytes.len().div_ceil(1024));
    Ok(())
}

/// Names every blocking finding, as the app does before exporting. Without `anyway` that is a
/// refusal naming how many and what to do; with it, the export goes on.
fn refuse_blocked(
    blockers: &[Diagnostic],
    input: Option<&Path>,
    anyway: bool,
) -> Result<(), Failure> {
    for f in blockers {
        eprintln!("{f}");
    }
    if blockers.is_empty() || anyway {
        return Ok(());
    }
    let shown = input.map_or_else(|| "Báo cáo mẫu".to_string(), |p| format!("«{}»", p.display()));
    Err(Failure(format!(
        "{shown}: còn {} lỗi chặn nên chưa xuất. Sửa rồi xuất lại («baocao check» chỉ rõ từng chỗ), \
         hoặc thêm --van-xuat để vẫn xuất.",
        blockers.len()
    )))
}

/// Lists the report's structure diagnostics (the structure group of the checks); fails when one
/// is blocking.
fn cmd_validate(report: PathBuf, profile: Option<String>) -> Result<(), Failure> {
    let r = read_report(&report)?;
    let profile = choose_profile(&r, profile.as_deref())?;
    let mut problems = checks::structure::check(&r, &profile);
    baocao_engine::diagnostic::name_places(&r, &mut problems);
    let errors = problems.iter().filter(|p| p.is_blocking()).count();
    println!("{}", baocao_engine::profile_line(&r, &profile));
    for p in &problems {
        println!("{p}");
    }
    if errors > 0 {
        Err(Failure(format!(
            "«{}»: {errors} lỗi, {} cảnh báo.",
            report.display(),
            problems.len() - errors
        )))
    } else {
        println!(
            "«{}» hợp lệ ({} cảnh báo), định dạng «{}».",
            report.display(),
            problems.len(),
            profile.name
        );
        Ok(())
    }
}

/// Imports a Word file into a report file and prints what was recognised.
fn cmd_import(file: PathBuf, output: PathBuf, json: bool, force: bool) -> Result<(), Failure> {
    fsio::check_output(&output, &[file.as_path()], force)?;
    let today = today();
    let imported = baocao_engine::import::import_file(&file, today)?;
    write_report(&output, &imported.report)?;
    let s = &imported.summary;
    if json {
        print_json(s)?;
    } else {
        println!("Đã nhập «{}» vào «{}».", file.display(), output.display());
        println!("Nhận ra:");
        for c in &s.counts {
            println!("  {}: {}", c.label, c.n);
        }
        if let Some(enc) = &s.converted_from {
            println!("Đã chuyển {} đoạn từ bảng mã {enc} sang Unicode.", s.converted);
        }
        println!("Giữ nguyên thành đoạn văn: {} đoạn", s.kept);
        for line in s.source.iter().filter(|l| l.mark == baocao_engine::import::Mark::Kept) {
            let short: String = line.text.chars().take(90).collect();
            let more = if line.text.chars().count() > 90 { "…" } else { "" };
            println!("  - {short}{more}");
        }
        for w in &s.warnings {
            println!("{w}");
        }
        if !s.complete {
            println!("Báo cáo chưa đủ: hãy mở trong chương trình và điền phần còn thiếu.");
        }
    }
    Ok(())
}

/// Writes the units' Excel form(s) for the report's tables.
fn cmd_form(
    report: PathBuf,
    output: PathBuf,
    unit: Option<String>,
    all_units: bool,
    units: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::collect::form;
    let r = read_report(&report)?;
    if all_units {
        let units = match units {
            Some(list) => read_units(&list)?,
            None => r.collection.as_ref().map(|c| c.units.clone()).unwrap_or_default(),
        };
        if units.is_empty() {
            return Err(Failure(
                "Báo cáo chưa có danh sách đơn vị: hãy thêm trong chương trình (Tổng hợp \
                 từ đơn vị) hoặc dùng --unit."
                    .into(),
            ));
        }
        fsio::create_dir(&output, true)?;
        for u in &units {
            let path = output.join(form::file_name(Some(&u.name)));
            fsio::check_output(&path, &[report.as_path()], force)?;
            write_atomic(&path, &form::write_form(&r, Some(&u.name))?)?;
        }
        println!("Đã tạo {} biểu mẫu trong «{}».", units.len(), output.display());
    } else {
        fsio::check_output(&output, &[report.as_path()], force)?;
        write_atomic(&output, &form::write_form(&r, unit.as_deref())?)?;
        let tables = baocao_engine::collect::sheets(&r).len();
        println!("Đã tạo biểu mẫu «{}» ({tables} bảng).", output.display());
    }
    Ok(())
}

/// Compiles the units' files into the report and prints the review.
fn cmd_compile(
    report: PathBuf,
    files: Vec<PathBuf>,
    output: PathBuf,
    units: Option<PathBuf>,
    exclude: Vec<String>,
    json: bool,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::collect;
    let mut r = read_report(&report)?;
    fsio::check_output(&output, &[report.as_path()], force)?;
    if let Some(list) = units {
        let got = read_units(&list)?;
        let id = collect::collection_id(&r);
        let c = r.collection.get_or_insert_with(|| baocao_engine::model::Collection {
            id,
            units: vec![],
            deadline: None,
            received: vec![],
            previous: vec![],
        });
        c.units = got;
    }
    let today = today();
    let subs: Vec<_> = files.iter().map(|f| collect::read::read_path(f, today)).collect();
    let choices = collect::Choices { excluded: exclude, picks: vec![] };
    let done = collect::compile(&r, &subs, &choices);
    write_report(&output, &done.report)?;
    let rev = &done.review;
    if json {
        print_json(rev)?;
    } else {
        println!("{}.", rev.rate);
        if !rev.missing.is_empty() {
            println!("Chưa nhận: {}.", rev.missing.join("; "));
        }
        let rejected: Vec<&str> = rev
            .units
            .iter()
            .filter(|u| u.state == collect::compile::UnitState::Rejected)
            .map(|u| u.name.as_str())
            .collect();
        if !rejected.is_empty() {
            println!("Đã gửi nhưng tệp có lỗi, chưa lấy số: {}.", rejected.join("; "));
        }
        println!(
            "Đã điền {} số liệu của báo cáo từ {} tệp; ghi vào «{}».",
            rev.figures,
            rev.files.iter().filter(|f| f.taken).count(),
            output.display()
        );
        for f in &rev.findings {
            println!("{f}");
        }
        if !rev.texts.is_empty() {
            println!(
                "Nội dung đơn vị gửi: {} ý (chọn đưa vào báo cáo trong chương trình).",
                rev.texts.len()
            );
        }
    }
    if rev.blocking > 0 {
        return Err(Failure(format!(
            "Còn {} lỗi: số liệu của các tệp có lỗi chưa được cộng. Sửa tệp, hoặc bỏ qua \
             tệp bằng --exclude, rồi tổng hợp lại.",
            rev.blocking
        )));
    }
    Ok(())
}

/// Converts text typed in a legacy encoding to Unicode (NFC).
fn cmd_convert(
    file: String,
    from: String,
    output: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::legacy::{self, Legacy};
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| Failure(format!("Không đọc được đầu vào chuẩn: {e}.")))?;
        b
    } else {
        read_limited(Path::new(&file))?
    };
    // Legacy text saved by old editors is often Windows-1252 bytes, not UTF-8.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|b| char::from(*b)).collect(),
    };
    let encoding = match from.to_lowercase().as_str() {
        "tcvn3" | "abc" => Legacy::Tcvn3,
        "vni" => Legacy::Vni,
        "auto" => match legacy::detect(&text) {
            Some(e) => e,
            None => {
                return Err(Failure(
                    "Không nhận ra bảng mã cũ nào trong văn bản (TCVN3 hay VNI); nếu biết \
                     bảng mã, hãy chỉ rõ bằng --from tcvn3 hoặc --from vni."
                        .into(),
                ))
            }
        },
        other => {
            return Err(Failure(format!("Không có bảng mã «{other}»: chọn tcvn3, vni hoặc auto.")))
        }
    };
    eprintln!("Chuyển từ {} sang Unicode.", encoding.name());
    let converted = baocao_engine::text::nfc(&legacy::convert_without_font(&text, encoding));
    if let Some(o) = &output {
        if file != "-" {
            fsio::check_output(o, &[Path::new(&file)], force)?;
        }
    }
    emit(output.as_deref(), converted.as_bytes(), force)
}

/// Runs the format, content and spelling checks and prints each finding with its place.
fn cmd_check(
    report: PathBuf,
    json: bool,
    profile: Option<String>,
    words: Option<PathBuf>,
) -> Result<(), Failure> {
    let r = read_report(&report)?;
    let profile = choose_profile(&r, profile.as_deref())?;
    let words = words.or_else(|| app_data_dir().map(|d| d.join(checks::spell::USER_WORDS_FILE)));
    checks::spell::load_now(words.map(|w| checks::spell::read_word_list(&w)).unwrap_or_default());
    let findings = checks::check(&r, &profile);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let blocking = count(Severity::Blocking);
    if json {
        println!("{}", serde_json::to_string_pretty(&findings).unwrap_or_default());
    } else {
        for f in &findings {
            println!("{}", with_excerpt(&r, f));
        }
    }
    let text = format!(
        "«{}»: {blocking} lỗi chặn, {} cảnh báo, {} gợi ý.",
        report.display(),
        count(Severity::Warning),
        count(Severity::Suggestion)
    );
    if blocking > 0 {
        Err(Failure(text))
    } else {
        if !json {
            println!("{text}");
        }
        Ok(())
    }
}

/// A finding as `check` prints it: «Lỗi: place «the text found»: message».
fn with_excerpt(r: &Report, f: &Diagnostic) -> String {
    let excerpt = match (f.span, checks::text_at(r, &f.path)) {
        (Some(s), Some(t)) => {
            let units: Vec<u16> =
                t.encode_utf16().skip(s[0] as usize).take((s[1] - s[0]) as usize).collect();
            format!("«{}»", String::from_utf16_lossy(&units))
        }
        _ => return f.to_string(),
    };
    let place = [f.place_words.as_str(), excerpt.as_str()].join(" ");
    format!("{}: {}: {}", f.severity.label(), place.trim(), f.message)
}

/// Writes the next period's report from a report.
fn cmd_rollforward(
    report: PathBuf,
    output: PathBuf,
    years: i32,
    start_year: Option<i32>,
    end_year: Option<i32>,
    kind: Option<String>,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::rollforward::{NewPeriod, ReportKind, RollOptions};
    let r = read_report(&report)?;
    let period = match end_year {
        Some(end) => NewPeriod::Range { start_year: start_year.unwrap_or(end), end_year: end },
        None => NewPeriod::Shift { years },
    };
    let kind = kind.as_deref().map(|k| match k {
        "nam" => ReportKind::Annual,
        "so-ket" => ReportKind::SoKet,
        _ => ReportKind::TongKet,
    });
    let rolled = baocao_engine::rollforward::roll(&r, &RollOptions { period, kind });
    for n in &rolled.notices {
        println!("{n}");
    }
    let next = rolled.report;
    fsio::check_output(&output, &[report.as_path()], force)?;
    write_report(&output, &next)?;
    let profile = choose_profile(&next, None)?;
    let todo = checks::structure::check(&next, &profile)
        .iter()
        .filter(|p| p.code == baocao_engine::diagnostic::codes::FIGURE_TO_UPDATE)
        .count();
    println!(
        "Đã tạo báo cáo kỳ sau «{}» (ngày {}); {todo} số liệu cần cập nhật.",
        output.display(),
        next.header.date.format("%d/%m/%Y")
    );
    Ok(())
}

/// Saves, renames, deletes, exports or imports a user template.
fn cmd_template(action: TemplateAction, lib: Option<PathBuf>, force: bool) -> Result<(), Failure> {
    let lib = library(lib);
    match action {
        TemplateAction::Save { report, name } => {
            let r = read_report(&report)?;
            let id = lib.save(templates::from_report(&r, &name)?)?;
            println!("Đã lưu mẫu «{name}» (mã {id}).");
        }
        TemplateAction::Rename { id, name } => {
            lib.rename(&id, &name)?;
            println!("Đã đổi tên mẫu {id} thành «{name}».");
        }
        TemplateAction::Delete { id } => {
            lib.delete(&id)?;
            println!("Đã xóa mẫu {id}.");
        }
        TemplateAction::Export { id, output } => {
            fsio::check_output(&output, &[], force)?;
            lib.export(&id, &output)?;
            println!("Đã xuất mẫu {id} ra «{}».", output.display());
        }
        TemplateAction::Import { file } => {
            let id = lib.import(&file)?;
            println!("Đã nhập mẫu (mã {id}).");
        }
    }
    Ok(())
}

/// Writes one SVG per page into `dir` (created if its parent exists), with the fonts beside them.
fn render_svg(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
    dir: &Path,
) -> Result<(), Failure> {
    let (_, pages, warnings) = render_layout(report, profile, env)?;
    for w in &warnings {
        eprintln!("{w}");
    }
    fsio::create_dir(dir, false)?;
    let fonts = dir.join("fonts");
    fsio::create_dir(&fonts, false)?;
    for face in &baocao_engine::metrics::FACES {
        write_atomic(&fonts.join(face.file), face.bytes)?;
    }
    let svgs = svg::write(&pages, Some("fonts/"));
    for (i, page) in svgs.iter().enumerate() {
        write_atomic(&dir.join(format!("trang-{:03}.svg", i + 1)), page.as_bytes())?;
    }
    println!("Đã xuất {} trang SVG vào «{}».", svgs.len(), dir.display());
    Ok(())
}

fn tool(
    program: impl AsRef<std::ffi::OsStr>,
    args: &[&std::ffi::OsStr],
) -> Result<String, Failure> {
    let program = program.as_ref();
    let name = program.to_string_lossy();
    let out = std::process::Command::new(program).args(args).output().map_err(|e| {
        Failure(format!(
            "Không chạy được «{name}» ({e}); cần cài LibreOffice và poppler (pdftotext){}.",
            if cfg!(windows) { "" } else { ": gói libreoffice-writer-nogui và poppler-utils" }
        ))
    })?;
    if !out.status.success() {
        return Err(Failure(format!(
            "«{name}» báo lỗi: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

/// Renders DOCX and PDF, prints the DOCX through LibreOffice, and compares the pages.
fn fidelity(report: &Report, profile: &FormatProfile, words: usize) -> Result<(), Failure> {
    // LibreOffice measures the DOCX with whatever font stands in for Times New Roman here
    // (Windows has the font itself, and no fontconfig).
    let family = if cfg!(windows) {
        "Times New Roman".to_string()
    } else {
        let matched = tool("fc-match", &["Times New Roman".as_ref()])?;
        baocao_engine::fidelity::check_font_match(&matched).map_err(Failure)?
    };
    let soffice = baocao_engine::platform::soffice().ok_or_else(|| {
        Failure(baocao_engine::platform::missing_libreoffice_message(cfg!(windows)).into())
    })?;
    let env = RenderEnv { now: now() };
    let dir =
        tempfile::tempdir().map_err(|e| Failure(format!("Không tạo được thư mục tạm: {e}.")))?;
    let docx = dir.path().join("bao-cao.docx");
    let ours = dir.path().join("cua-chung-toi.pdf");
    write_atomic(&docx, &render_docx(report, profile, env)?.bytes)?;
    write_atomic(&ours, &render_pdf(report, profile, env)?.bytes)?;
    let lo_profile = baocao_engine::platform::soffice_profile_arg(&dir.path().join("lo"));
    let out_dir = dir.path().join("lo-pdf");
    tool(
        &soffice,
        &[
            lo_profile.as_ref(),
            "--headless".as_ref(),
            "--convert-to".as_ref(),
            "pdf".as_ref(),
            "--outdir".as_ref(),
            out_dir.as_os_str(),
            docx.as_os_str(),
        ],
    )?;
    let lo_pdf = out_dir.join("bao-cao.pdf");
    // -layout: physical order, so both renderings are read the same way.
    let text = |pdf: &Path| tool("pdftotext", &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()]);
    let reference = baocao_engine::fidelity::split_pages(&text(&lo_pdf)?);
    let our_pages = baocao_engine::fidelity::split_pages(&text(&ours)?);
    let result = baocao_engine::fidelity::compare(&reference, &our_pages, words);
    println!("Phông thay cho Times New Roman: {family}");
    println!("Số trang: LibreOffice {}, Soạn Báo Cáo {}", result.reference_pages, result.our_pages);
    println!("So {words} từ đầu và {words} từ cuối của từng trang:");
    for (i, p) in result.pages.iter().enumerate() {
        if p.same {
            continue;
        }
        println!("  trang {:>4} KHÁC", i + 1);
        if !p.same_start() {
            println!("    đầu trang  LibreOffice: {}", p.reference);
            println!("               PDF:         {}", p.ours);
        }
        if !p.same_end() {
            println!("    cuối trang LibreOffice: {}", p.reference_last);
            println!("               PDF:         {}", p.ours_last);
        }
    }
    println!(
        "Trùng khớp: {}/{} trang ({}%)",
        result.agreeing(),
        result.pages.len(),
        format!("{:.1}", result.ratio() * 100.0).replace('.', ",")
    );
    Ok(())
}

/// The clock for document properties: SOURCE_DATE_EPOCH when set (reproducible builds), else now.
/// Today's date where the user is (the app's rule: local time), from [`now`].
fn today() -> chrono::NaiveDate {
    DateTime::<chrono::Local>::from(now()).date_naive()
}

/// The time now: `SOURCE_DATE_EPOCH` when set (reproducible outputs), else the clock.
fn now() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

fn choose_profile(report: &Report, arg: Option<&str>) -> Result<FormatProfile, Failure> {
    match arg {
        None => Ok(profile_for(report)?),
        Some(id) if FormatProfile::builtin_ids().contains(&id) => Ok(FormatProfile::builtin(id)?),
        Some(id) if id == baocao_engine::profile::PARTY_AUTO => {
            Ok(FormatProfile::builtin(&baocao_engine::profile::resolve_id(id, report.header.date))?)
        }
        Some(path) => {
            let p = Path::new(path);
            if !p.exists() {
                return Err(Failure(format!(
                    "Không có định dạng có sẵn «{path}» và cũng không tìm thấy tệp «{path}»; \
                     định dạng có sẵn: hd36, hd05, nd30."
                )));
            }
            let bytes = read_limited(p)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Failure(format!("Tệp định dạng «{path}» không phải văn bản UTF-8."))
            })?;
            Ok(FormatProfile::from_toml(&text)?)
        }
    }
}

fn read_limited(path: &Path) -> Result<Vec<u8>, Failure> {
    Ok(fsio::read_limited(path)?)
}

/// A list of units: a spreadsheet's first column, or a text file with one unit per line.
fn read_units(path: &Path) -> Result<Vec<baocao_engine::model::Unit>, Failure> {
    let units = baocao_engine::collect::units_from_bytes(&read_limited(path)?)
        .map_err(|e| Failure(format!("«{}»: {e}", path.display())))?;
    if units.is_empty() {
        return Err(Failure(format!("«{}» không có tên đơn vị nào.", path.display())));
    }
    Ok(units)
}

fn read_report(path: &Path) -> Result<Report, Failure> {
    let bytes = read_limited(path)?;
    load::report_from_json(&bytes).map_err(|e| Failure(format!("«{}»: {e}", path.display())))
}

fn emit(output: Option<&Path>, bytes: &[u8], force: bool) -> Result<(), Failure> {
    match output {
        Some(path) => {
            fsio::check_output(path, &[], force)?;
            write_atomic(path, bytes)?;
            println!("Đã ghi «{}».", path.display());
            Ok(())
        }
        None => std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Failure(format!("Không ghi được ra màn hình: {e}."))),
    }
}

/// Writes a report file as indented JSON (temporary file, then rename).
fn write_report(path: &Path, report: &Report) -> Result<(), Failure> {
    let json = serde_json::to_vec_pretty(report)
        .map_err(|e| Failure(format!("Không ghi được báo cáo: {e}.")))?;
    write_atomic(path, &json)
}

/// Prints a result as indented JSON (the `--json` options).
fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure(format!("Không ghi được kết quả: {e}.")))?;
    println!("{text}");
    Ok(())
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    Ok(fsio::write_atomic(path, bytes)?)
}

/// Writes a built-in format profile as TOML.
fn cmd_profile(id: &str, output: Option<PathBuf>, force: bool) -> Result<(), Failure> {
    let src = match id {
        "hd36" => baocao_engine::profile::HD36_TOML,
        "hd05" => baocao_engine::profile::HD05_TOML,
        "nd30" => baocao_engine::profile::ND30_TOML,
        other => {
            return Err(Failure(format!(
                "Không có định dạng «{other}»; các định dạng có sẵn: hd36, hd05, nd30."
            )))
        }
    };
    emit(output.as_deref(), src.as_bytes(), force)
}

/// Compares our PDF with LibreOffice's print of our DOCX, page by page.
fn cmd_fidelity(
    report: Option<PathBuf>,
    profile: Option<String>,
    words: usize,
) -> Result<(), Failure> {
    let report = match &report {
        Some(path) => read_report(path)?,
        None => sample::sample(),
    };
    let profile = choose_profile(&report, profile.as_deref())?;
    fidelity(&report, &profile, words)
}

/// Lists the built-in and the user's templates.
fn cmd_templates(lib: Option<PathBuf>) -> Result<(), Failure> {
    let lib = library(lib);
    for t in templates::list_all(&lib) {
        let origin = if t.builtin { "có sẵn" } else { "của bạn" };
        println!("{:<40} {} ({origin})", t.id, t.name);
    }
    Ok(())
}

/// Writes a new report from a template, its blanks filled with `--set` values.
fn cmd_new(
    template: &str,
    set: &[String],
    output: &Path,
    lib: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    let lib = library(lib);
    let t = templates::find(&lib, template)?;
    let mut answers = std::collections::BTreeMap::new();
    for pair in set {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(Failure(format!("«--set {pair}» phải có dạng khoa=gia_tri.")));
        };
        answers.insert(k.trim().to_string(), v.to_string());
    }
    let report = templates::instantiate(&t, &answers, today())?;
    fsio::check_output(output, &[], force)?;
    write_report(output, &report)?;
    println!("Đã tạo «{}» từ mẫu «{}».", output.display(), t.name);
    Ok(())
}
