//! A table's rules ("mo_hinh_moi <= mo_hinh"): read as expressions, their problems as
//! written, and every row each rule is checked on.

use evalexpr::{ContextWithMutableVariables, DefaultNumericTypes, HashMapContext, Node, Value};

use crate::collect::{Sheet, SheetRow};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::*;

/// A rule to check: its table, the row, the rule as written and as parsed.
pub(super) type Rule<'a> = (&'a Sheet, &'a SheetRow, String, Node<DefaultNumericTypes>);

/// Every (sheet, row, rule) to check, the rule parsed once.
pub(super) fn compile_rules(sheets: &[Sheet]) -> Vec<Rule<'_>> {
    let mut out = Vec::new();
    for s in sheets {
        for rule in &s.rules {
            let Some(node) = parse_rule(rule) else { continue };
            for row in &s.rows {
                out.push((s, row, rule.clone(), node.clone()));
            }
        }
    }
    out
}

/// A rule as evalexpr reads it ("≤" → "<=", a lone "=" → "=="); none when it does not parse.
pub fn parse_rule(rule: &str) -> Option<Node<DefaultNumericTypes>> {
    let mut r = rule.replace('≤', "<=").replace('≥', ">=").replace('≠', "!=");
    // A lone "=" means equality here, not assignment.
    let chars: Vec<char> = r.chars().collect();
    let mut fixed = String::new();
    for (i, c) in chars.iter().enumerate() {
        fixed.push(*c);
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if *c == '=' && !"<>=!".contains(prev) && next != '=' {
            fixed.push('=');
        }
    }
    r = fixed;
    let node = evalexpr::build_operator_tree::<DefaultNumericTypes>(&r).ok()?;
    // A rule must give yes or no whatever the figures: try it with every figure 0.
    let mut ctx = HashMapContext::<DefaultNumericTypes>::new();
    for v in node.iter_variable_identifiers() {
        ctx.set_value(v.to_string(), Value::from_float(0.0)).ok()?;
    }
    node.eval_boolean_with_context(&ctx).ok()?;
    Some(node)
}

/// Problems with a form sheet's rules as written: ones that do not parse or name unknown columns
/// (warnings: such a rule is not checked).
pub fn rule_problems(sheet: &Sheet) -> Vec<Diagnostic> {
    let keys: Vec<&str> = sheet.columns.iter().map(|c| c.key.as_str()).collect();
    let mut out = Vec::new();
    for rule in &sheet.rules {
        match parse_rule(rule) {
            None => out.push(format!(
                "Quy tắc «{rule}» của «{}» không đọc được (ví dụ đúng: mo_hinh_moi <= mo_hinh).",
                sheet.title
            )),

            Some(node) => {
                for v in node.iter_variable_identifiers() {
                    if !keys.contains(&v) {
                        let named: Vec<String> = sheet
                            .columns
                            .iter()
                            .filter(|c| c.kind != ColumnKind::Text)
                            .map(|c| format!("«{}» viết là {}", c.header, c.key))
                            .collect();
                        out.push(format!(
                            "Quy tắc «{rule}» của «{}» nói đến «{v}» nhưng bảng không có cột nào \
                             viết như vậy; các cột số: {}.",
                            sheet.title,
                            named.join(", ")
                        ));
                    }
                }
            }
        }
    }
    out.into_iter().map(|m| Diagnostic::warning(codes::RULE_UNREADABLE, m)).collect()
}
