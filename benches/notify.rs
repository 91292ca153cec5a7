//! Notification-draft scale figures for the issue notes, on a release build:
//!
//!     cargo bench --bench notify
//!
//! Builds a store with 10,000 tenants, all affected by one sev1 incident, then times
//! `sirt notify ID --out DIR` (text and eml), a second run replacing the text drafts with
//! `--force`, and `sirt notify ID --format json`. Prints
//! wall-clock times and file counts; asserts nothing about time.

mod common;

use common::{NOW, sirt};

use std::path::Path;

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::tenant::{Admin, PrivacyContact, Tenant};
use sirt::model::{Effect, Event, EventBody, IncidentLog, Severity, Source, id};
use sirt::store::{Message, Store};

const TENANTS: usize = 10_000;

fn tenant(n: usize) -> Tenant {
    let mut t = Tenant::new(&format!("tenant-{n:05}"), &format!("Tenant {n} Ltd"));
    t.admins.push(Admin {
        email: format!("admin@t{n}.example"),
        name: Some(format!("Admin {n}")),
        phone: Some(format!("+1415555{:04}", n % 10_000)),
    });
    t.admins.push(Admin { email: format!("ops@t{n}.example"), name: None, phone: None });
    if n.is_multiple_of(2) {
        t.privacy = Some(PrivacyContact { email: format!("privacy@t{n}.example"), name: None });
    }
    if n.is_multiple_of(3) {
        t.regimes = vec!["gdpr-art33".into(), "gdpr-art34".into()];
    }
    // A quarter of the tenants read German, in their own zone.
    if n.is_multiple_of(4) {
        t.language = Some("de".into());
        t.timezone = Some("Europe/Berlin".into());
    }
    t
}

fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.map(|e| e.unwrap().path()).map(|p| if p.is_dir() { files_under(&p) } else { 1 }).sum()
        })
        .unwrap_or(0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store");
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };
    let store = Store::init(&root, &actor, now).unwrap();
    let tenants: Vec<String> = (0..TENANTS).map(|n| format!("tenant-{n:05}")).collect();
    let mut seq = 0;
    let mut event = |minutes: i64, body: EventBody| {
        seq += 1;
        Event {
            id: id::event_id(seq),
            seq,
            at: now - Span::minutes(minutes),
            recorded_at: now,
            by: "Bench".into(),
            body,
        }
    };
    let log = IncidentLog {
        schema: SCHEMA,
        id: id::incident_id(42),
        events: vec![
            event(
                300,
                EventBody::Detected {
                    title: "bench".into(),
                    severity: Severity::Sev1,
                    source: Source::Monitoring,
                    started: None,
                },
            ),
            event(240, EventBody::Confirmed {}),
            event(
                200,
                EventBody::ImpactDetermined {
                    effects: vec![Effect::Access],
                    summary: Some("Mailbox contents read".into()),
                },
            ),
            event(
                190,
                EventBody::Described { text: "A stolen support token was used to read mailboxes.".into() },
            ),
            event(180, EventBody::ActionTaken { text: "Revoked the tokens.".into() }),
            event(170, EventBody::Advised { text: "Review your audit logs.".into() }),
            event(160, EventBody::TenantsAffected { tenants, detail: None }),
        ],
        unknown: Vec::new(),
    };
    let id = log.id.clone();
    let mut txn = store.begin().unwrap();
    for n in 0..TENANTS {
        txn.write_tenant(&tenant(n)).unwrap();
    }
    txn.create_incident(&log).unwrap();
    txn.commit(&Message::new("bench"), &actor, now).unwrap();
    sirt(&root, &["config", "set", "organisation", "Bench Cloud"]);
    sirt(&root, &["config", "set", "sender_address", "security@bench.example"]);
    println!("store: {TENANTS} tenants (a quarter in German), all affected by {id}");

    for format in ["text", "eml"] {
        let out = dir.path().join(format!("drafts-{format}"));
        let (took, _) = sirt(&root, &["notify", &id, "--out", out.to_str().unwrap(), "--format", format]);
        println!("sirt notify --out DIR --format {format:<5}  {took:>8.2?}  ({} files)", files_under(&out));
    }
    let out = dir.path().join("drafts-text");
    let (took, _) = sirt(&root, &["notify", &id, "--out", out.to_str().unwrap(), "--force"]);
    println!("sirt notify --out DIR --force (again)  {took:>8.2?}  ({} files)", files_under(&out));
    let (took, out) = sirt(&root, &["notify", &id, "--format", "json"]);
    let bytes = out.len();
    println!("sirt notify --format json (stdout)     {took:>8.2?}  ({} MiB)", bytes / (1024 * 1024));
}
