//! What every scale bench shares: running the release `sirt` binary against a store in an
//! isolated environment, and timing it.

// Each bench compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The pinned "now" of every bench.
pub const NOW: &str = "2026-11-20T12:00:00Z";

/// Runs `sirt ARGS` on `store`; returns the wall-clock time and stdout. Exit 3 (a check found
/// something) counts as success.
pub fn sirt(store: &Path, args: &[&str]) -> (Duration, String) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_sirt"))
        .args(args)
        .env("SIRT_STORE", store)
        .env("SIRT_NOW", NOW)
        .env("SIRT_ACTOR", "Bench <bench@example.com>")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(matches!(out.status.code(), Some(0 | 3)), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    (took, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The median run of `runs`.
pub fn median(store: &Path, args: &[&str], runs: usize) -> (Duration, String) {
    let mut all: Vec<(Duration, String)> = (0..runs).map(|_| sirt(store, args)).collect();
    all.sort_by_key(|(took, _)| *took);
    all.swap_remove(runs / 2)
}

/// The id of the `n`th synthetic incident. The bits are mixed so that ids spread over the
/// store's shards as minted (random) ids do; a plain counter would put them all in a few.
pub fn incident_id(n: usize) -> String {
    sirt::model::id::incident_id((n as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 24)
}
