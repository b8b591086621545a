//! Guessing passwords costs time: after a few wrong passwords each further attempt must wait
//! longer, ten in a row lock the account for half an hour, and an unknown user name takes as
//! long to refuse as a wrong password (it is checked against a stand-in hash), so it tells an
//! attacker nothing.

use crate::error::{Error, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use std::sync::OnceLock;

/// Consecutive failures that lock the account.
pub const LOCK_AFTER: u32 = 10;
/// Failures allowed before attempts have to wait.
pub const FREE_ATTEMPTS: u32 = 2;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 30;

/// The wait before another attempt after `failures` consecutive failures: none for the first
/// two, then 5 s doubling each time (5, 10, 20 … 320 s), and the lock after ten.
pub fn wait_after(failures: u32) -> Duration {
    match failures {
        0..=FREE_ATTEMPTS => Duration::zero(),
        f if f >= LOCK_AFTER => Duration::minutes(LOCK_MINUTES),
        f => Duration::seconds(5_i64 << (f - FREE_ATTEMPTS - 1)),
    }
}

/// Refuse an attempt made before the wait after the last failure is over.
///
/// # Errors
/// [`Error::TryLater`] with the failures so far and the time left, in words.
pub fn check(failures: u32, last_failure: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    // No wait is owed (whatever clock stamped the last failure).
    if wait_after(failures) == Duration::zero() {
        return Ok(());
    }
    let Some(last) = last_failure.and_then(|at| DateTime::parse_from_rfc3339(at).ok()) else {
        return Ok(());
    };
    let left = last.with_timezone(&Utc) + wait_after(failures) - now;
    if left <= Duration::zero() {
        return Ok(());
    }
    let seconds = left.num_seconds().max(1);
    let wait = if seconds >= 120 { format!("{} 分钟", (seconds + 59) / 60) } else { format!("{seconds} 秒") };
    Err(Error::TryLater { failures, wait })
}

/// Check `password` against `hash`; with no hash (an unknown user) against a stand-in, so both
/// take the same time. True only for the right password of a real account.
pub fn verify(password: &str, hash: Option<&str>) -> Result<bool> {
    let stand_in = STAND_IN.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(b"no such account", &salt).map(|h| h.to_string()).unwrap_or_default()
    });
    let parsed = PasswordHash::new(hash.unwrap_or(stand_in)).map_err(|_| Error::Corrupt("密码散列格式不对".into()))?;
    let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    Ok(matches && hash.is_some())
}

static STAND_IN: OnceLock<String> = OnceLock::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_ten_failures_lock() {
        let waits: Vec<i64> = (0..=LOCK_AFTER).map(|f| wait_after(f).num_seconds()).collect();
        assert_eq!(waits, [0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 1800]);
    }

    #[test]
    fn an_attempt_inside_the_wait_is_refused_with_the_time_left() {
        let last = "2026-12-01T08:00:00Z";
        let at = |s: &str| DateTime::parse_from_rfc3339(s).map(|d| d.with_timezone(&Utc)).expect("time");
        assert!(matches!(check(5, Some(last), at("2026-12-01T08:00:05Z")), Err(Error::TryLater { failures: 5, wait }) if wait == "15 秒"));
        assert!(check(5, Some(last), at("2026-12-01T08:00:20Z")).is_ok(), "after 20 s");
        assert!(matches!(check(10, Some(last), at("2026-12-01T08:10:00Z")), Err(Error::TryLater { wait, .. }) if wait == "20 分钟"));
        assert!(check(2, Some(last), at("2026-12-01T08:00:00Z")).is_ok(), "the first two failures cost nothing");
    }

    #[test]
    fn an_unknown_user_never_matches() {
        assert!(!verify("anything", None).expect("checked"), "the stand-in hash never signs anybody in");
    }
}
