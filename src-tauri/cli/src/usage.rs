//! Usage errors and help: clap's messages turned into Vietnamese, with the exit codes.

use std::process::ExitCode;

/// Prints clap's help or version, or the usage error in Vietnamese; the exit code.
pub(crate) fn clap_error(e: clap::Error) -> ExitCode {
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
