//! The application's rules, shared by the `baocao` command and the desktop app so that both
//! behave alike. Each front end only phrases an outcome (the app asks the user, the command
//! refuses or goes on by its options); the rules live here:
//! - [`paths`]: where the user's data lives (the folder Tauri gives the app);
//! - [`clock`]: the time written into documents and today's date;
//! - [`guard`]: whether a file may be written (never over an input, a read-only file only when agreed);
//! - [`export`]: a report to a Word or PDF file;
//! - [`forms`]: the units' forms, one per unit and a blank one, into a folder.

pub mod clock;
pub mod export;
pub mod forms;
pub mod guard;
pub mod paths;
