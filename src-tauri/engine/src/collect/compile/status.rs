//! How each unit stands: received, late, rejected or missing as listed, or unlisted.

use std::collections::HashMap;

use crate::collect::norm_name;

use super::{Compilation, FileStatus, UnitState, UnitStatus};

impl Compilation<'_> {
    /// How every listed unit stands, then the unlisted ones taken; with how many listed units
    /// were received and how many of them on time.
    pub(super) fn unit_statuses(
        &self,
        taken: &[(usize, String)],
        files: &[FileStatus],
    ) -> (Vec<UnitStatus>, usize, usize) {
        let (subs, deadline) = (self.subs, self.deadline);
        let mut statuses = Vec::new();
        let (mut got, mut on_time) = (0, 0);
        // Units are named as listed by now (matched above), so exact names find them.
        let taken_by: HashMap<&str, usize> = taken.iter().map(|(i, u)| (u.as_str(), *i)).collect();
        let mut files_by: HashMap<&str, Vec<&FileStatus>> = HashMap::new();
        for f in files {
            if let Some(u) = &f.unit {
                files_by.entry(u.as_str()).or_default().push(f);
            }
        }
        for l in self.units {
            let taken_file = taken_by.get(l.name.as_str()).map(|i| &subs[*i]);
            let state = match taken_file {
                Some(s) => {
                    got += 1;
                    let late = matches!((deadline, s.modified), (Some(d), Some(m)) if m > d);
                    if !late {
                        on_time += 1;
                    }
                    if late {
                        UnitState::Late
                    } else {
                        UnitState::Received
                    }
                }
                None if files_by
                    .get(l.name.as_str())
                    .is_some_and(|fs| fs.iter().any(|f| !f.excluded)) =>
                {
                    UnitState::Rejected
                }
                None => UnitState::Missing,
            };
            let file = taken_file.map(|s| s.file.clone()).or_else(|| {
                files_by.get(l.name.as_str()).and_then(|fs| fs.first()).map(|f| f.file.clone())
            });
            statuses.push(UnitStatus { name: l.name.clone(), state, file });
        }
        for (i, u) in taken {
            if !self.listed.contains_key(&norm_name(u)) {
                statuses.push(UnitStatus {
                    name: u.clone(),
                    state: UnitState::Unlisted,
                    file: Some(subs[*i].file.clone()),
                });
            }
        }
        (statuses, got, on_time)
    }
}
