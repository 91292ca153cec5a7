//! Scale figures for the issue notes, on a release build:
//!
//!     cargo bench --bench scale
//!
//! Builds a store of 10,000 incidents (each a realistic log of 8 events) in one commit, adds a
//! history of a few thousand commits, then times the `sirt` binary: one mutation (`note`),
//! `list --all`, `show` and `history`. Prints medians; asserts nothing about time.

mod common;

use common::{NOW, median};

use std::process::Command;
use std::time::Instant;

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::{Effect, Event, EventBody, IncidentLog, Role, Severity, Source, id};
use sirt::store::{Message, Store};

const INCIDENTS: usize = 10_000;
const EXTRA_COMMITS: usize = 300;

fn log_for(n: usize, now: DateTime<Utc>) -> IncidentLog {
    let detected = now - Span::hours((n % 5000) as i64 + 30);
    let event = |seq: u64, offset: i64, body: EventBody| Event {
        id: id::event_id(n as u64 * 16 + seq),
        seq,
        at: detected + Span::minutes(offset),
        recorded_at: detected + Span::minutes(offset),
        by: "Ana Lima <ana@example.com>".into(),
        body,
    };
    let severity = [Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4][n % 4];
    let mut events = vec![
        event(
            1,
            0,
            EventBody::Detected {
                title: format!("Synthetic incident number {n} seen by monitoring"),
                severity,
                source: Source::Monitoring,
                started: None,
            },
        ),
        event(2, 10, EventBody::Engaged { role: Role::Oce, who: "Ana Lima".into() }),
        event(3, 40, EventBody::Engaged { role: Role::Srt, who: "Bo Chen".into() }),
        event(
            4,
            60,
            EventBody::Note { text: "Looked at the sign-in logs; token reuse from one network".into() },
        ),
    ];
    if n.is_multiple_of(10) {
        events.push(event(5, 90, EventBody::Dismissed { reason: "a drill".into() }));
    } else {
        events.push(event(5, 120, EventBody::Confirmed {}));
        events.push(event(
            6,
            180,
            EventBody::ImpactDetermined {
                effects: vec![Effect::Access],
                summary: Some("Mailbox metadata read".into()),
            },
        ));
        events.push(event(7, 200, EventBody::Engaged { role: Role::Comms, who: "Dev Patel".into() }));
        events.push(event(8, 240, EventBody::Note { text: "Customers being drafted".into() }));
    }
    IncidentLog { schema: SCHEMA, id: common::incident_id(n), events, unknown: Vec::new() }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store");
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };
    let store = Store::init(&root, &actor, now).unwrap();

    let start = Instant::now();
    let mut txn = store.begin().unwrap();
    for n in 0..INCIDENTS {
        txn.create_incident(&log_for(n, now)).unwrap();
    }
    println!("encoded and checked {INCIDENTS} incident files: {:.1?}", start.elapsed());
    let ids: Vec<String> = (0..INCIDENTS).map(common::incident_id).collect();
    let start = Instant::now();
    txn.commit(&Message::new("bench: 10,000 incidents"), &actor, now).unwrap();
    println!("committed them as one commit: {:.1?}", start.elapsed());

    // A history: many small commits, as months of use would leave.
    let start = Instant::now();
    for n in 0..EXTRA_COMMITS {
        let mut log = log_for(n, now);
        log.events.truncate(4 + n % 3);
        let mut txn = store.begin().unwrap();
        txn.write(store.incident_path(&log.id), toml::to_string(&log).unwrap().into_bytes());
        txn.commit(&Message::new("bench: churn"), &actor, now).unwrap();
    }
    let per_commit = start.elapsed() / EXTRA_COMMITS as u32;
    println!("{EXTRA_COMMITS} single-file commits through the library: {per_commit:.2?} each");
    let _ = Command::new("git").arg("-C").arg(&root).args(["gc", "--quiet"]).status();

    let target = &ids[INCIDENTS - 1];
    let root = root.as_path();
    println!(
        "sirt note (one mutation, median of 15): {:.1?}",
        median(root, &["note", target, "bench note"], 15).0
    );
    println!("sirt list --all (median of 5):         {:.1?}", median(root, &["list", "--all"], 5).0);
    println!(
        "sirt list --all --format json (of 5):  {:.1?}",
        median(root, &["list", "--all", "--format", "json"], 5).0
    );
    println!("sirt list (open only, of 5):            {:.1?}", median(root, &["list"], 5).0);
    println!("sirt show (median of 15):               {:.1?}", median(root, &["show", target], 15).0);
    println!("sirt history (median of 5):             {:.1?}", median(root, &["history", target], 5).0);
}
