//! Team-use figures, on a release build:
//!
//!     cargo bench --bench sync
//!
//! A store of 10,000 incidents is put on a local bare remote and cloned. A peer clone makes 500
//! changes (450 incidents gain an event, 50 are new) and pushes them; the local clone has 10
//! changes of its own, 5 of them to incidents the peer also changed. Then, network excluded (the
//! fetch is done first), the merge of the 500 incoming changes in-process as `sirt sync` does
//! it; `sirt status` on the merged store; and a no-op `sirt sync` against the local bare remote
//! next to `git fetch` alone. Prints figures; asserts nothing about time.

mod common;

use common::{NOW, median};

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::{Event, EventBody, IncidentLog, Role, Severity, Source, id};
use sirt::ops::merge;
use sirt::ops::sync::merge_message;
use sirt::store::{Message, Store};

const INCIDENTS: usize = 10_000;
const INCOMING: usize = 500;
const NEW_INCOMING: usize = 50;
const LOCAL: usize = 10;

fn event(n: u64, seq: u64, at: DateTime<Utc>, body: EventBody) -> Event {
    Event { id: id::event_id(n), seq, at, recorded_at: at, by: "Ana Lima <ana@example.com>".into(), body }
}

fn log_for(n: usize, now: DateTime<Utc>) -> IncidentLog {
    let at = now - Span::hours((n % 5000) as i64 + 30);
    let events = vec![
        event(
            n as u64 * 16 + 1,
            1,
            at,
            EventBody::Detected {
                title: format!("Synthetic incident number {n}"),
                severity: [Severity::Sev1, Severity::Sev2, Severity::Sev3][n % 3],
                source: Source::Monitoring,
                started: None,
            },
        ),
        event(
            n as u64 * 16 + 2,
            2,
            at + Span::minutes(10),
            EventBody::Engaged { role: Role::Oce, who: "Ana".into() },
        ),
        event(n as u64 * 16 + 3, 3, at + Span::minutes(30), EventBody::Confirmed {}),
        event(
            n as u64 * 16 + 4,
            4,
            at + Span::minutes(60),
            EventBody::Note { text: "Looked at the logs".into() },
        ),
    ];
    IncidentLog { schema: SCHEMA, id: common::incident_id(n), events, unknown: Vec::new() }
}

fn git(dir: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    start.elapsed()
}

/// One note appended to incident `n` in its own commit.
fn append_note(store: &Store, n: usize, tag: u64, actor: &Actor, now: DateTime<Utc>) {
    let id = common::incident_id(n);
    let mut txn = store.begin().unwrap();
    let log = store.read_log(&id).unwrap();
    let note = event(tag, log.next_seq(), now, EventBody::Note { text: format!("change {tag}") });
    txn.append_events(&id, &[note]).unwrap();
    txn.commit(&Message::new(format!("{id}: note")), actor, now).unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };
    let peer_dir = dir.path().join("peer");
    let peer = Store::init(&peer_dir, &actor, now).unwrap();
    let mut txn = peer.begin().unwrap();
    for n in 0..INCIDENTS {
        txn.create_incident(&log_for(n, now)).unwrap();
    }
    txn.commit(&Message::new("bench: 10,000 incidents"), &actor, now).unwrap();
    let remote = dir.path().join("team.git");
    let remote_text = remote.to_str().unwrap();
    git(dir.path(), &["init", "-q", "--bare", "-b", "main", remote_text]);
    git(&peer_dir, &["remote", "add", "origin", remote_text]);
    git(&peer_dir, &["gc", "-q"]);
    git(&peer_dir, &["push", "-q", "origin", "main"]);
    let local_dir = dir.path().join("local");
    git(dir.path(), &["clone", "-q", "-b", "main", remote_text, local_dir.to_str().unwrap()]);
    println!("store of {INCIDENTS} incidents on a local bare remote, cloned twice");

    // The peer's 500 changes, pushed.
    let start = Instant::now();
    for k in 0..INCOMING - NEW_INCOMING {
        append_note(&peer, k * 17 % INCIDENTS, 1_000_000 + k as u64, &actor, now);
    }
    for k in 0..NEW_INCOMING {
        let mut txn = peer.begin().unwrap();
        txn.create_incident(&log_for(INCIDENTS + k, now)).unwrap();
        txn.commit(&Message::new("bench: new incident"), &actor, now).unwrap();
    }
    git(&peer_dir, &["push", "-q", "origin", "main"]);
    println!("peer: {INCOMING} changes committed and pushed: {:.1?}", start.elapsed());

    // Local changes of its own: half to incidents the peer changed too.
    let local = Store::open(&local_dir).unwrap();
    for k in 0..LOCAL {
        let n = if k % 2 == 0 { k * 17 % INCIDENTS } else { 5_000 + k };
        append_note(&local, n, 2_000_000 + k as u64, &actor, now);
    }
    let fetch = git(&local_dir, &["fetch", "-q", "origin", "main:refs/remotes/origin/main"]);
    println!("git fetch of the {INCOMING} changes: {fetch:.1?}");

    // The merge, network excluded: plan in memory, then one two-parent commit.
    let start = Instant::now();
    let txn = local.begin().unwrap();
    let ours = local.branch_tip().unwrap().unwrap();
    let theirs = local.remote_tip().unwrap().unwrap();
    let base = local.merge_base(ours, theirs).unwrap();
    let plan = merge::plan(&local, base, ours, theirs).unwrap();
    let planned = start.elapsed();
    let message = merge_message(&plan.report, theirs);
    txn.commit_merge(theirs, &plan.changes, &message, &actor, now).unwrap();
    let merged = start.elapsed();
    println!(
        "merge of {INCOMING} incoming changes into {INCIDENTS} incidents: {merged:.1?} ({planned:.1?} planning, {} events in, {} new incidents)",
        plan.report.events_total(),
        plan.report.new_incidents.len()
    );
    git(&local_dir, &["push", "-q", "origin", "main"]);
    git(&local_dir, &["fetch", "-q", "origin", "main:refs/remotes/origin/main"]);

    println!("sirt status (median of 9):           {:.1?}", median(&local_dir, &["status"], 9).0);
    println!(
        "sirt status --format json (of 9):    {:.1?}",
        median(&local_dir, &["status", "--format", "json"], 9).0
    );
    let noop = median(&local_dir, &["sync"], 7);
    assert!(noop.1.contains("no changes"), "{}", noop.1);
    println!("sirt sync, nothing to do (of 7):     {:.1?}", noop.0);
    let mut fetches: Vec<Duration> = (0..7)
        .map(|_| git(&local_dir, &["fetch", "-q", "origin", "main:refs/remotes/origin/main"]))
        .collect();
    fetches.sort();
    println!("git fetch alone, for comparison (of 7): {:.1?}", fetches[3]);
}
