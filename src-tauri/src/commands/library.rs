//! New reports: from a template (the wizard), the next period's from this one, and the user's
//! template library.

use super::*;

/// The user's template library, in the app's data folder.
fn library() -> Result<templates::UserLibrary, String> {
    Ok(templates::UserLibrary::new(paths::templates_dir(&data_dir()?)))
}

/// One question of the new-report wizard, with its default answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Question {
    /// Placeholder key.
    pub key: String,
    /// The question.
    pub label: String,
    /// Help under it.
    pub hint: Option<String>,
    /// "text", "year" or "date".
    pub kind: templates::PlaceholderKind,
    /// Default answer (evaluated for today).
    pub default: String,
    /// The answers allowed, when the question is a choice («Bí thư», «Phó Bí thư»); empty for
    /// a free answer.
    pub choices: Vec<String>,
}

/// The wizard of a template.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Wizard {
    /// Template id.
    pub id: String,
    /// Template name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// Built-in and user templates.
#[tauri::command]
pub fn list_templates() -> Result<Vec<templates::TemplateInfo>, String> {
    Ok(templates::list_all(&library()?))
}

/// The wizard of a template: its blanks with defaults computed from today's date.
#[tauri::command]
pub fn template_wizard(id: String) -> Result<Wizard, String> {
    let t = templates::find(&library()?, &id).map_err(msg)?;
    let defaults = templates::defaults(&t, clock::today());
    Ok(Wizard {
        id: t.id.clone(),
        name: t.name.clone(),
        description: t.description.clone(),
        questions: t
            .placeholders
            .iter()
            .map(|p| Question {
                key: p.key.clone(),
                label: p.label.clone(),
                hint: p.hint.clone(),
                kind: p.kind,
                default: defaults.get(&p.key).cloned().unwrap_or_default(),
                choices: p.choices.iter().map(|c| c.value.clone()).collect(),
            })
            .collect(),
    })
}

/// The wizard's answers as they stand: those typed, the others from their linked defaults, and
/// the contradictions and unanswered questions that keep «Tạo báo cáo» disabled.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct WizardState {
    /// Every answer, by key.
    pub values: std::collections::BTreeMap<String, String>,
    /// Answers that contradict each other, in Vietnamese.
    pub contradictions: Vec<String>,
    /// The questions still unanswered (their labels).
    pub missing: Vec<String>,
}

/// Links the wizard's answers: `typed` holds only what the user typed.
#[tauri::command]
pub fn wizard_state(
    id: String,
    typed: std::collections::BTreeMap<String, String>,
) -> Result<WizardState, String> {
    let t = templates::find(&library()?, &id).map_err(msg)?;
    let values = templates::wizard_values(&t, &typed, clock::today());
    let contradictions = templates::contradictions(&t, &values);
    let missing = templates::unanswered(&t, &values);
    Ok(WizardState { values, contradictions, missing })
}

/// A new report from a template and the wizard's answers.
#[tauri::command]
pub fn new_from_template(
    id: String,
    answers: std::collections::BTreeMap<String, String>,
) -> Result<Report, String> {
    let t = templates::find(&library()?, &id).map_err(msg)?;
    templates::instantiate(&t, &answers, clock::today()).map_err(msg)
}

/// Next period's report, with what changed beyond dates and figures (e.g. the Party guidance).
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct NextPeriod {
    /// The new report.
    pub report: Report,
    /// Notices for the user, in Vietnamese.
    pub notices: Vec<String>,
}

/// Next period's report from this one, for the period and kind the user chose.
#[tauri::command]
pub fn next_period_report(report: Report, options: rollforward::RollOptions) -> NextPeriod {
    let rolled = rollforward::roll(&report, &options);
    NextPeriod { report: rolled.report, notices: rolled.notices }
}

/// Saves the report as a user template; returns its id.
#[tauri::command]
pub fn save_as_template(report: Report, name: String) -> Result<String, String> {
    let t = templates::from_report(&report, &name).map_err(msg)?;
    library()?.save(t).map_err(msg)
}

/// Renames a user template.
#[tauri::command]
pub fn rename_template(id: String, name: String) -> Result<(), String> {
    library()?.rename(&id, &name).map_err(msg)
}

/// Deletes a user template.
#[tauri::command]
pub fn delete_template(id: String) -> Result<(), String> {
    library()?.delete(&id).map_err(msg)
}

/// Writes a template to a file the user chose, to share it.
#[tauri::command]
pub fn export_template(id: String, path: String) -> Result<String, String> {
    let mut p = PathBuf::from(path);
    if p.extension().and_then(|e| e.to_str()) != Some("json") {
        p.set_extension("json");
    }
    library()?.export(&id, &p).map_err(msg)?;
    Ok(p.display().to_string())
}

/// Adds a template file another office shared; returns its id.
#[tauri::command]
pub fn import_template(path: String) -> Result<String, String> {
    library()?.import(Path::new(&path)).map_err(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_period_into_2026_moves_a_party_report_to_hd05_and_says_so() {
        let mut report = sample_report();
        report.header.date = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).expect("test step");
        let next = next_period_report(report, rollforward::RollOptions::shift(1));
        assert_eq!(next.report.header.date.to_string(), "2026-06-15");
        assert_eq!(next.report.header.profile, "dang");
        let guidance = |n: &[String]| n.iter().filter(|m| m.contains("thể thức")).count();
        assert_eq!(guidance(&next.notices), 1, "{:?}", next.notices);
        assert!(next.notices[0].contains("05-HD/VPTW"), "{}", next.notices[0]);
        // Within one guidance: no notice of it (the superior's plan to cite anew is still said).
        let same = next_period_report(sample_report(), rollforward::RollOptions::shift(1));
        assert_eq!(guidance(&same.notices), 0, "{:?}", same.notices);
        assert!(same.notices.iter().any(|n| n.contains("112-KH/BTGTU")), "{:?}", same.notices);
    }
}
