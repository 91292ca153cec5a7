//! The one place that reads the time and the random source. `SIRT_NOW=<RFC 3339>` pins the
//! time, for tests, replays and "what would this have said on Tuesday"; `SIRT_SEED` pins the
//! random ids.

use std::sync::{Mutex, OnceLock};

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

pub const SEED_VARIABLE: &str = "SIRT_SEED";

/// Random bits for new ids. Kept beside the clock: the two sources of nondeterminism live in one
/// file. `SIRT_SEED=<number>` makes the sequence reproducible (tests, demos); each process then
/// draws the same sequence, and callers that need uniqueness draw again on a collision.
pub fn random_u64() -> u64 {
    static SEEDED: OnceLock<Option<Mutex<u64>>> = OnceLock::new();
    let seeded = SEEDED.get_or_init(|| {
        let text = std::env::var(SEED_VARIABLE).ok()?;
        let seed = text.trim().parse::<u64>().unwrap_or_else(|_| {
            // Any text seeds: its bytes, folded.
            text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
        });
        Some(Mutex::new(seed))
    });
    match seeded {
        Some(state) => {
            let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            splitmix64(&mut state)
        }
        None => {
            let mut bytes = [0u8; 8];
            // The OS random source does not fail on the platforms sirt runs on; if it ever did,
            // the time still gives distinct ids, and callers check for collisions.
            if getrandom::fill(&mut bytes).is_err() {
                let nanos =
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
                bytes = (nanos.as_nanos() as u64 ^ u64::from(std::process::id())).to_le_bytes();
            }
            u64::from_le_bytes(bytes)
        }
    }
}

/// One step of SplitMix64: a small, well-mixed generator, enough for reproducible ids.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
