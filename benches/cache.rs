//! The incident cache at scale, on a release build:
//!
//!     cargo bench --bench cache
//!
//! Builds a store of 10,000 tenants and 10,000 incidents of 5 to 12 events each, 1,000 of them
//! open with 10 to 1,000 affected tenants each, then times the reading commands warm (cache in
//! place) and cold (cache deleted before the run, which then builds it), taking turns with git
//! doing the nearest thing, and prints medians and ratios. Asserts nothing about time.
//!
//! `SIRT_BENCH_KEEP=DIR` builds the store there once and reuses it on later runs;
//! `SIRT_BENCH_BASELINE=PATH` also times another `sirt` binary (an older build, without the
//! cache) on the same commands; `SIRT_BENCH_RUNS=N` sets the number of turns (default 9).

mod common;

use common::{Lcg, NOW, tenant};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::tenant::Channel;
use sirt::model::{Effect, Event, EventBody, IncidentLog, Role, Severity, Source, id};
use sirt::store::{Message, Store};

const TENANTS: usize = 10_000;
const INCIDENTS: usize = 10_000;
const OPEN: usize = 1_000;

fn incident(n: usize, rng: &mut Lcg, now: DateTime<Utc>) -> IncidentLog {
    let open = n < OPEN;
    let detected = now - Span::hours(1 + if open { rng.next(70) } else { 100 + rng.next(20_000) } as i64);
    let mut events: Vec<Event> = Vec::new();
    let mut add = |minutes: i64, body: EventBody| {
        let seq = events.len() as u64 + 1;
        events.push(Event {
            id: id::event_id(n as u64 * 64 + seq),
            seq,
            at: detected + Span::minutes(minutes),
            recorded_at: detected + Span::minutes(minutes),
            by: "Ana Lima <ana@example.com>".into(),
            body,
        });
    };
    let severity = [Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4][n % 4];
    let title = format!("Synthetic incident number {n} seen by monitoring");
    add(0, EventBody::Detected { title, severity, source: Source::Monitoring, started: None });
    add(10, EventBody::Engaged { role: Role::Oce, who: "Ana Lima".into() });
    add(20, EventBody::Note { text: "Looked at the sign-in logs; token reuse from one network".into() });
    if !open && n.is_multiple_of(3) {
        add(30, EventBody::Engaged { role: Role::Srt, who: "Bo Chen".into() });
        add(40, EventBody::Dismissed { reason: "not a security incident".into() });
        return IncidentLog { schema: SCHEMA, id: incident_id(n), events, unknown: Vec::new() };
    }
    add(30, EventBody::Confirmed {});
    add(
        40,
        EventBody::ImpactDetermined {
            effects: vec![Effect::Access],
            summary: Some("Mailbox metadata read".into()),
        },
    );
    if open {
        let count = 10 + rng.next(991) as usize;
        let first = rng.next(TENANTS as u64) as usize;
        let tenants: Vec<String> =
            (0..count).map(|k| format!("tenant-{:05}", (first + k * 7) % TENANTS)).collect();
        let notified: Vec<String> = tenants.iter().step_by(3).cloned().collect();
        add(50, EventBody::TenantsAffected { tenants, detail: None });
        add(60, EventBody::Notified { tenants: notified, channel: Channel::EmailAdmin, reference: None });
    }
    for k in 0..rng.next(4) as i64 {
        add(70 + k, EventBody::Note { text: format!("Update {k}: still looking") });
    }
    if !open {
        add(600, EventBody::Closed { forced: true, reason: Some("done".into()) });
    }
    IncidentLog { schema: SCHEMA, id: incident_id(n), events, unknown: Vec::new() }
}

fn incident_id(n: usize) -> String {
    common::incident_id(n)
}

/// Builds the store at `root` unless it is already there; returns the id of the open incident
/// with the most affected tenants.
fn build(root: &Path) -> String {
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let mut rng = Lcg(7);
    let logs: Vec<IncidentLog> = (0..INCIDENTS).map(|n| incident(n, &mut rng, now)).collect();
    let biggest =
        logs[..OPEN].iter().max_by_key(|log| log.fold().unwrap().affected.len()).unwrap().id.clone();
    if sirt::store::is_store(root) {
        println!("reusing the store at {}", root.display());
        return biggest;
    }
    let start = Instant::now();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };
    let store = Store::init(root, &actor, now).unwrap();
    let mut txn = store.begin().unwrap();
    for n in 0..TENANTS {
        txn.write_tenant(&tenant(n)).unwrap();
    }
    let (mut affected, mut events) = (0, 0);
    for log in &logs {
        affected += log.fold().unwrap().affected.len();
        events += log.events.len();
        txn.create_incident(log).unwrap();
    }
    txn.commit(&Message::new("bench"), &actor, now).unwrap();
    let _ = Command::new("git").arg("-C").arg(root).args(["gc", "--quiet"]).status();
    println!(
        "built in {:.1?}: {TENANTS} tenants, {INCIDENTS} incidents ({events} events), {OPEN} open with {affected} affected-tenant entries",
        start.elapsed()
    );
    biggest
}

/// Runs a program to the end with its output captured; returns the wall-clock time.
fn time(mut command: Command) -> Duration {
    let start = Instant::now();
    let out = command.stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
    let took = start.elapsed();
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn sirt(binary: &Path, store: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(binary);
    command
        .args(args)
        .env("SIRT_STORE", store)
        .env("SIRT_NOW", NOW)
        .env("SIRT_ACTOR", "Bench <bench@example.com>")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("NO_COLOR", "1");
    command
}

fn git(store: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(store).args(args).env("GIT_CONFIG_GLOBAL", "/dev/null");
    command
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn forget_cache(store: &Path) {
    let _ = std::fs::remove_dir_all(store.join(".git").join("sirt-cache"));
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = match std::env::var_os("SIRT_BENCH_KEEP") {
        Some(keep) => PathBuf::from(keep),
        None => dir.path().join("store"),
    };
    let baseline = std::env::var_os("SIRT_BENCH_BASELINE").map(PathBuf::from);
    let runs: usize = std::env::var("SIRT_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(9);
    let target = build(&root);
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_sirt"));
    // Where the incident's file lies, whatever the layout.
    let listing = git(&root, &["ls-tree", "-r", "--name-only", "HEAD", "incidents/"]).output().unwrap();
    let path = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .find(|line| line.contains(target.as_str()))
        .expect("the incident's file")
        .to_string();
    let show_file = format!("HEAD:{path}");

    let cases: [(&str, &[&str]); 5] = [
        ("list", &["list"]),
        ("list --all", &["list", "--all"]),
        ("show ID", &["show", &target]),
        ("deadlines", &["deadlines"]),
        ("deadlines --check", &["deadlines", "--check"]),
    ];
    let peer_ls = ["ls-tree", "-r", "HEAD", "incidents/"];
    let peer_show = ["show", show_file.as_str()];
    let peer_of = |name: &str| if name == "show ID" { &peer_show[..] } else { &peer_ls[..] };
    let peer_name = |name: &str| {
        if name == "show ID" { "git show HEAD:<file>" } else { "git ls-tree -r HEAD incidents/" }
    };

    // Turn by turn: every command warm, its peer, the command cold, and the baseline binary.
    let mut warm: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    let mut cold: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    let mut peer: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    let mut before: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    time(sirt(&ours, &root, &["list"]));
    for _ in 0..runs {
        for (n, (name, args)) in cases.iter().enumerate() {
            warm[n].push(time(sirt(&ours, &root, args)));
            peer[n].push(time(git(&root, peer_of(name))));
            forget_cache(&root);
            cold[n].push(time(sirt(&ours, &root, args)));
            // `show` alone reads but never builds the cache: warm it for the next command.
            time(sirt(&ours, &root, &["list"]));
            if let Some(binary) = &baseline {
                before[n].push(time(sirt(binary, &root, args)));
            }
        }
    }

    // After a change: each turn records a note, then times the first read, which brings the
    // cache up to date, next to `git status` of the records, which every read also pays for (it
    // warns of hand edits).
    let mut after_note = Vec::new();
    let mut status = Vec::new();
    for n in 0..runs {
        time(sirt(&ours, &root, &["note", &target, &format!("bench note {n}")]));
        after_note.push(time(sirt(&ours, &root, &["list"])));
        status.push(time(git(
            &root,
            &["status", "--porcelain", "--", "sirt.toml", "incidents", "tenants", "templates"],
        )));
    }

    // The cache's own share, in this process: opening the store and reading what each command
    // reads, without the hand-edit check, the clocks or the printing.
    let in_process = |read: &dyn Fn(&Store)| {
        median(
            (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    read(&Store::open(&root).unwrap());
                    start.elapsed()
                })
                .collect(),
        )
    };
    time(sirt(&ours, &root, &["list"]));
    let reads = [
        ("summaries (list)", in_process(&|s| drop(s.incident_summaries().unwrap()))),
        ("every incident", in_process(&|s| drop(s.load_incidents().unwrap()))),
        ("one incident (show)", in_process(&|s| drop(s.incident(&target).unwrap()))),
        ("id lookup (show)", in_process(&|s| drop(s.find_incident(&target).unwrap()))),
        // What a tenant cache could save: `show` reads each affected tenant's file.
        (
            "its tenants (show)",
            in_process(&|s| {
                for tenant in s.incident(&target).unwrap().affected.keys() {
                    drop(s.read_tenant(tenant).unwrap());
                }
            }),
        ),
        ("every tenant", in_process(&|s| drop(s.load_tenants().unwrap()))),
    ];

    println!("\nmedians of {runs} turns, taken alternately (release build)");
    println!(
        "{:<19} {:>9} {:>9} {:>9}  {:<30} {:>7}",
        "sirt", "warm", "cold", "peer", "peer is", "warm/peer"
    );
    for (n, (name, _)) in cases.iter().enumerate() {
        let (w, c, p) = (median(warm[n].clone()), median(cold[n].clone()), median(peer[n].clone()));
        println!(
            "{name:<19} {w:>9.1?} {c:>9.1?} {p:>9.1?}  {:<30} {:>6.2}x",
            peer_name(name),
            w.as_secs_f64() / p.as_secs_f64()
        );
    }
    println!("{:<19} {:>9.1?}", "list after a note", median(after_note));
    println!(
        "{:<19} {:>9.1?}  (the hand-edit check's share: a stat of every record file)",
        "git status",
        median(status)
    );
    println!("\nin process, warm: Store::open and the read alone");
    for (name, took) in reads {
        println!("{name:<19} {took:>9.1?}");
    }
    if baseline.is_some() {
        println!("\nagainst the baseline binary (no cache), same turns");
        println!("{:<19} {:>9} {:>9} {:>10} {:>10}", "sirt", "baseline", "cold", "cold/base", "warm/base");
        for (n, (name, _)) in cases.iter().enumerate() {
            let (w, c, b) = (median(warm[n].clone()), median(cold[n].clone()), median(before[n].clone()));
            println!(
                "{name:<19} {b:>9.1?} {c:>9.1?} {:>9.2}x {:>9.2}x",
                c.as_secs_f64() / b.as_secs_f64(),
                w.as_secs_f64() / b.as_secs_f64()
            );
        }
    }
    let size = |name: &str| std::fs::metadata(root.join(".git/sirt-cache").join(name)).map_or(0, |m| m.len());
    println!(
        "\ncache on disk: index {} KiB, bodies {} KiB",
        size("incidents.idx") / 1024,
        size("incidents.dat") / 1024
    );
}
