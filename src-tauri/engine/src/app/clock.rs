//! The one clock of the app and the command: the time written into documents (reproducible with
//! `SOURCE_DATE_EPOCH`) and today's date where the user is.

use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::RenderEnv;

/// The time now: `SOURCE_DATE_EPOCH` (seconds since 1970) when set, for reproducible outputs;
/// else the system clock.
pub fn now() -> DateTime<Utc> {
    now_from(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

/// [`now`] with `SOURCE_DATE_EPOCH` given (none, or not a number: the system clock).
fn now_from(epoch: Option<&str>) -> DateTime<Utc> {
    epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// Today's date where the user is (local time), from [`now`].
pub fn today() -> NaiveDate {
    DateTime::<Local>::from(now()).date_naive()
}

/// What rendering takes from outside: the time from [`now`].
pub fn render_env() -> RenderEnv {
    RenderEnv { now: now() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_fixes_the_time_and_anything_else_is_the_clock() {
        let fixed = now_from(Some(" 1558341000 "));
        assert_eq!(fixed.to_rfc3339(), "2019-05-20T08:30:00+00:00");
        let before = Utc::now();
        for other in [None, Some(""), Some("hôm nay"), Some("1e9")] {
            let t = now_from(other);
            assert!(t >= before && t <= Utc::now(), "{other:?}: {t}");
        }
        assert_eq!(today(), DateTime::<Local>::from(now()).date_naive());
    }
}
