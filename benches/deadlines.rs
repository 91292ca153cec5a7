//! Deadline scale figures for the issue notes, on a release build:
//!
//!     cargo bench --bench deadlines
//!
//! Builds a store with 10,000 tenants and 10,000 incidents, 1,000 of them open and confirmed,
//! each affecting 10 to 1,000 tenants (some already notified), then times `sirt deadlines` in
//! each format and reads each run's peak memory (the child's maximum resident set, from
//! `wait4`). Prints figures; asserts nothing about time or memory.
//!
//! `SIRT_BENCH_KEEP=DIR` builds the store in DIR and keeps it; `SIRT_BENCH_REUSE=DIR` skips the
//! build and measures the store already there.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Lcg, NOW, tenant};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::tenant::Channel;
use sirt::model::{Event, EventBody, IncidentLog, Severity, Source, id};
use sirt::store::{Message, Store};

const TENANTS: usize = 10_000;
const INCIDENTS: usize = 10_000;
const OPEN: usize = 1_000;

fn incident(n: usize, rng: &mut Lcg, now: DateTime<Utc>) -> IncidentLog {
    let detected = now - Span::hours(1 + rng.next(70) as i64);
    let mut seq = 0;
    let mut event = |offset_minutes: i64, body: EventBody| {
        seq += 1;
        Event {
            id: id::event_id(n as u64 * 64 + seq),
            seq,
            at: detected + Span::minutes(offset_minutes),
            recorded_at: detected + Span::minutes(offset_minutes),
            by: "Bench".into(),
            body,
        }
    };
    let mut events = vec![event(
        0,
        EventBody::Detected {
            title: format!("incident {n}"),
            severity: Severity::Sev2,
            source: Source::Monitoring,
            started: None,
        },
    )];
    if n < OPEN {
        events.push(event(30, EventBody::Confirmed {}));
        let count = 10 + rng.next(991) as usize;
        let first = rng.next(TENANTS as u64) as usize;
        let tenants: Vec<String> =
            (0..count).map(|k| format!("tenant-{:05}", (first + k * 7) % TENANTS)).collect();
        let notified: Vec<String> = tenants.iter().step_by(3).cloned().collect();
        events.push(event(40, EventBody::TenantsAffected { tenants, detail: None }));
        events.push(event(
            50,
            EventBody::Notified { tenants: notified, channel: Channel::EmailAdmin, reference: None },
        ));
    } else {
        events.push(event(30, EventBody::Dismissed { reason: "not a security incident".into() }));
    }
    IncidentLog { schema: SCHEMA, id: common::incident_id(n), events, unknown: Vec::new() }
}

/// Runs `sirt ARGS` on `store` like `common::sirt`, and also returns the child's peak resident
/// set in KiB, read with `wait4` (per child, unlike `RUSAGE_CHILDREN`, which keeps the maximum
/// over every child so far).
// The child is reaped by wait4 below, which std does not know about.
#[allow(clippy::zombie_processes)]
fn run_measured(store: &Path, args: &[&str]) -> (Duration, u64, usize) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sirt"))
        .args(args)
        .env("SIRT_STORE", store)
        .env("SIRT_NOW", NOW)
        .env("SIRT_ACTOR", "Bench <bench@example.com>")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Counting the bytes as they come keeps the bench's own memory out of the way.
    let mut stdout = child.stdout.take().unwrap();
    let mut bytes = 0;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match stdout.read(&mut buf).unwrap() {
            0 => break,
            n => bytes += n,
        }
    }
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert_eq!(reaped, pid, "wait4 failed");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    assert!(matches!(code, Some(0 | 3)), "{args:?} exited with {status}");
    // ru_maxrss is in KiB on Linux.
    (took, usage.ru_maxrss as u64, bytes)
}

/// The median time and the largest peak memory of `runs` runs.
fn measured(store: &Path, args: &[&str], runs: usize) -> (Duration, u64, usize) {
    let mut all: Vec<(Duration, u64, usize)> = (0..runs).map(|_| run_measured(store, args)).collect();
    let peak = all.iter().map(|(_, kib, _)| *kib).max().unwrap_or(0);
    all.sort_by_key(|(took, _, _)| *took);
    let (took, _, bytes) = all[runs / 2];
    (took, peak, bytes)
}

fn build(root: &Path) {
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };
    let store = Store::init(root, &actor, now).unwrap();
    let mut rng = Lcg(7);
    let mut txn = store.begin().unwrap();
    for n in 0..TENANTS {
        txn.write_tenant(&tenant(n)).unwrap();
    }
    let mut affected = 0;
    for n in 0..INCIDENTS {
        let log = incident(n, &mut rng, now);
        affected += log.fold().unwrap().affected.len();
        txn.create_incident(&log).unwrap();
    }
    txn.commit(&Message::new("bench"), &actor, now).unwrap();
    println!(
        "store: {TENANTS} tenants, {INCIDENTS} incidents, {OPEN} open with {affected} affected-tenant entries"
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = match (std::env::var_os("SIRT_BENCH_REUSE"), std::env::var_os("SIRT_BENCH_KEEP")) {
        (Some(reuse), _) => std::path::PathBuf::from(reuse),
        (None, Some(keep)) => {
            build(Path::new(&keep));
            std::path::PathBuf::from(keep)
        }
        (None, None) => {
            let root = dir.path().join("store");
            build(&root);
            root
        }
    };

    for args in [
        &["deadlines"][..],
        &["deadlines", "--check"],
        &["deadlines", "--each"],
        &["deadlines", "--format", "json"],
        &["deadlines", "--format", "csv"],
        &["deadlines", "--all"],
        &["list"],
        // What `deadlines` loads (every incident): its time and memory without the clocks.
        &["list", "--all"],
    ] {
        let (took, peak, bytes) = measured(&root, args, 3);
        println!(
            "sirt {:<28} median of 3: {took:>8.2?}  peak {:>7.1} MiB  ({} KiB of output)",
            args.join(" "),
            peak as f64 / 1024.0,
            bytes / 1024
        );
    }
}
