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

/// A small deterministic generator, so every run builds the same store.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }

    /// 64 bits, from three draws.
    pub fn raw(&mut self) -> u64 {
        (self.next(1 << 31) << 33) ^ (self.next(1 << 31) << 2) ^ self.next(4)
    }
}

/// The `n`th tenant of the scale benches: one admin, a quarter under GDPR, a tenth with 24 h.
pub fn tenant(n: usize) -> sirt::model::tenant::Tenant {
    use sirt::model::tenant::{Admin, Tenant};
    let mut t = Tenant::new(&format!("tenant-{n:05}"), &format!("Tenant {n}"));
    t.admins.push(Admin { email: format!("admin@t{n}.example"), name: None, phone: None });
    if n.is_multiple_of(4) {
        t.regimes = vec!["gdpr-art33".into()];
    }
    if n.is_multiple_of(10) {
        t.notify_within = Some("24h".into());
    }
    t
}
