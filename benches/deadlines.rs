//! Deadline scale figures for the issue notes, on a release build:
//!
//!     cargo bench --bench deadlines
//!
//! Builds a store with 10,000 tenants and 10,000 incidents, 1,000 of them open and confirmed,
//! each affecting 10 to 1,000 tenants (some already notified), then times `sirt deadlines` in
//! each format. Prints wall-clock times; asserts nothing about time.

mod common;

use common::{NOW, median};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::tenant::{Admin, Channel, Tenant};
use sirt::model::{Event, EventBody, IncidentLog, Severity, Source, id};
use sirt::store::{Message, Store};

const TENANTS: usize = 10_000;
const INCIDENTS: usize = 10_000;
const OPEN: usize = 1_000;

/// A small deterministic generator, so every run builds the same store.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn tenant(n: usize) -> Tenant {
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
    IncidentLog { schema: SCHEMA, id: id::incident_id(n as u64 * 104_729 + 17), events, unknown: Vec::new() }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // SIRT_BENCH_KEEP=DIR builds the store there and keeps it, for profiling.
    let root = match std::env::var_os("SIRT_BENCH_KEEP") {
        Some(keep) => std::path::PathBuf::from(keep),
        None => dir.path().join("store"),
    };
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };
    let store = Store::init(&root, &actor, now).unwrap();
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

    for args in [
        &["deadlines"][..],
        &["deadlines", "--format", "json"],
        &["deadlines", "--format", "csv"],
        &["deadlines", "--check"],
        &["deadlines", "--all"],
        &["list"],
    ] {
        let (took, out) = median(&root, args, 3);
        let bytes = out.len();
        println!("sirt {:<28} median of 3: {took:>8.2?}  ({} KiB of output)", args.join(" "), bytes / 1024);
    }
}
