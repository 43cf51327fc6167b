//! The spelling dictionary: loaded at start-up with the user's own word list, words added to it.

use super::*;

/// The user's word list in the app's data folder.
fn words_file() -> Result<PathBuf, String> {
    Ok(paths::words_file(&data_dir()?))
}

/// Loads the spelling dictionary in the background with the user's words (start-up does not wait).
pub fn load_dictionary() {
    let file = words_file().ok();
    checks::spell::load_in_background(move || {
        file.map(|f| checks::spell::read_word_list(&f)).unwrap_or_default()
    });
}

/// Adds a word to the user's dictionary (a file in the app's data folder) and to the checks.
#[tauri::command]
pub fn add_word(word: String) -> Result<(), String> {
    let file = words_file()?;
    checks::spell::add_to_word_list(&file, &word).map_err(msg)?;
    if let Some(s) = checks::spell::global() {
        s.add_words([word]);
    }
    Ok(())
}
