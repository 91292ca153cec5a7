//! The one place that reads the time. `SIRT_NOW=<RFC 3339>` pins it, for tests, replays and
//! "what would this have said on Tuesday".

use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use crate::error::UserError;

pub const PIN_VARIABLE: &str = "SIRT_NOW";

/// The current time, read once per process so every part of one command agrees on it.
pub fn now() -> Result<DateTime<Utc>, UserError> {
    static NOW: OnceLock<Result<DateTime<Utc>, UserError>> = OnceLock::new();
    NOW.get_or_init(|| match std::env::var(PIN_VARIABLE) {
        Ok(pinned) if !pinned.trim().is_empty() => {
            DateTime::parse_from_rfc3339(pinned.trim()).map(|t| t.with_timezone(&Utc)).map_err(|_| {
                UserError::new(format!("{PIN_VARIABLE}='{pinned}' is not an RFC 3339 time"))
                    .hint(format!("export {PIN_VARIABLE}=2026-11-20T08:00:00Z, or unset it"))
            })
        }
        _ => Ok(Utc::now()),
    })
    .clone()
}

/// Random bits for new ids. Kept beside the clock: the two sources of nondeterminism live in one file.
pub fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    u64::from_le_bytes(bytes)
}
