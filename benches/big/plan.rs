//! The big store's history, planned: 10,000 tenants, 10,000 incidents of 5 to 12 events each,
//! the last 1,000 still open with 10 to 1,000 affected tenants each, and exactly 100,000
//! commits (`init`, one tenant import, one commit per event), at increasing times.

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::tenant::{Admin, Channel, Tenant};
use sirt::model::{EventBody, Role, Severity, Source};

pub const TENANTS: usize = 10_000;
pub const INCIDENTS: usize = 10_000;
pub const OPEN: usize = 1_000;
pub const COMMITS: usize = 100_000;
/// Commits that are not events: `init` and the tenant import.
pub const OTHER_COMMITS: usize = 2;
/// Bumped whenever what is generated changes, so a cached store is built again.
pub const GENERATOR_VERSION: u32 = 3;

/// Who records: name and email.
pub const PEOPLE: [(&str, &str); 4] = [
    ("Ana Lima", "ana@example.com"),
    ("Bo Chen", "bo@example.com"),
    ("Dev Patel", "dev@example.com"),
    ("Eli Okafor", "eli@example.com"),
];

/// A small deterministic generator, so every build makes the same store.
pub use crate::common::Lcg;

pub fn tenant_id(n: usize) -> String {
    format!("tenant-{n:05}")
}

pub fn tenant(n: usize) -> Tenant {
    let mut t = Tenant::new(&tenant_id(n), &format!("Tenant {n} Ltd"));
    t.admins.push(Admin {
        email: format!("admin@t{n}.example"),
        name: Some(format!("Admin {n}")),
        phone: None,
    });
    t.regions = vec![["eu-west", "us-east", "ap-south"][n % 3].to_string()];
    if n.is_multiple_of(4) {
        t.regimes = vec!["gdpr-art33".into()];
    }
    if n.is_multiple_of(10) {
        t.notify_within = Some("24h".into());
    }
    t
}

/// One incident's story: its id, when it is detected, and what happens, in order.
pub struct Story {
    pub id: String,
    pub detected: DateTime<Utc>,
    pub bodies: Vec<EventBody>,
    /// Still open at the end: confirmed, with affected tenants.
    pub open: bool,
}

/// How many events each incident gets: 5 to 12, adding up to exactly the commits wanted.
fn event_counts(rng: &mut Lcg) -> Vec<usize> {
    let mut counts: Vec<usize> = (0..INCIDENTS).map(|_| 5 + rng.next(8) as usize).collect();
    let wanted = COMMITS - OTHER_COMMITS;
    let mut total: usize = counts.iter().sum();
    while total != wanted {
        let n = rng.next(INCIDENTS as u64) as usize;
        if total < wanted && counts[n] < 12 {
            counts[n] += 1;
            total += 1;
        } else if total > wanted && counts[n] > 5 {
            counts[n] -= 1;
            total -= 1;
        }
    }
    counts
}

fn filler(n: usize, k: usize) -> EventBody {
    match k % 4 {
        0 => EventBody::Note {
            text: format!("Looked at the sign-in logs again (pass {k}); nothing new on host {n}"),
        },
        1 => EventBody::Engaged { role: Role::Srt, who: PEOPLE[(n + k) % 4].0.to_string() },
        2 => {
            EventBody::ActionTaken { text: format!("Rotated the credentials of service account svc-{n}-{k}") }
        }
        _ => {
            EventBody::Note { text: "Customer support asked for a status; answered from the runbook".into() }
        }
    }
}

/// Every incident's story, in the order they are detected, between `start` and `end`.
pub fn stories(rng: &mut Lcg, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<Story> {
    let counts = event_counts(rng);
    let step = (end - start) / INCIDENTS as i32;
    let mut stories = Vec::with_capacity(INCIDENTS);
    for (n, &count) in counts.iter().enumerate() {
        let severity = [Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4][n % 4];
        let mut bodies = vec![
            EventBody::Detected {
                title: format!("Unusual sign-ins on tenant boundary {n}, seen by monitoring"),
                severity,
                source: [Source::Monitoring, Source::CustomerReport, Source::InternalReport][n % 3],
                started: None,
            },
            EventBody::Engaged { role: Role::Oce, who: PEOPLE[n % 4].0.to_string() },
        ];
        let open = n >= INCIDENTS - OPEN;
        if open {
            let affected = 10 + rng.next(991) as usize;
            let first = rng.next(TENANTS as u64) as usize;
            let tenants: Vec<String> = (0..affected).map(|k| tenant_id((first + k * 7) % TENANTS)).collect();
            let notified: Vec<String> = tenants.iter().step_by(3).cloned().collect();
            bodies.push(EventBody::Confirmed {});
            bodies.push(EventBody::TenantsAffected { tenants, detail: Some("mailbox metadata read".into()) });
            bodies.push(EventBody::Notified {
                tenants: notified,
                channel: Channel::EmailAdmin,
                reference: None,
            });
            while bodies.len() < count {
                bodies.push(filler(n, bodies.len()));
            }
        } else if count < 8 {
            while bodies.len() < count - 1 {
                bodies.push(filler(n, bodies.len()));
            }
            bodies.push(EventBody::Dismissed { reason: "a drill announced to the on-call team".into() });
        } else {
            // Everything a close asks for: tenants notified, recovery validated, a review.
            if count == 8 {
                bodies.pop();
            }
            let tenants: Vec<String> =
                (0..1 + rng.next(3) as usize).map(|k| tenant_id((n * 13 + k * 101) % TENANTS)).collect();
            bodies.push(EventBody::Confirmed {});
            bodies.push(EventBody::TenantsAffected { tenants: tenants.clone(), detail: None });
            bodies.push(EventBody::Notified { tenants, channel: Channel::EmailAdmin, reference: None });
            bodies.push(EventBody::Contained { summary: "Sessions revoked".into(), customer: None });
            bodies.push(EventBody::Recovered {
                summary: Some("Service restored from the last good image".into()),
                last_known_good: None,
                restored_from: None,
                inspected: true,
                monitoring: true,
                validated_by: Some(PEOPLE[(n + 1) % 4].0.to_string()),
                customer: None,
            });
            while bodies.len() < count - 2 {
                bodies.push(filler(n, bodies.len()));
            }
            bodies.push(EventBody::Reviewed {
                root_cause: "A token leaked into build logs".into(),
                went_well: vec!["Paged within minutes".into()],
                went_badly: Vec::new(),
                action_items: Vec::new(),
            });
            bodies.push(EventBody::Closed { forced: false, reason: None });
        }
        assert_eq!(bodies.len(), count);
        let detected =
            start + step * n as i32 + Span::seconds(rng.next(step.num_seconds() as u64 / 2) as i64);
        stories.push(Story { id: crate::common::incident_id(n), detected, bodies, open });
    }
    stories
}

/// The commits of all stories in time order: (story, event) with the commit's time, strictly
/// increasing. An incident's events come 20 to 200 minutes apart.
pub fn schedule(
    rng: &mut Lcg,
    stories: &[Story],
    not_before: DateTime<Utc>,
) -> Vec<(usize, usize, DateTime<Utc>)> {
    let mut slots = Vec::with_capacity(COMMITS);
    for (s, story) in stories.iter().enumerate() {
        let mut at = story.detected;
        for e in 0..story.bodies.len() {
            slots.push((at, s, e));
            at += Span::minutes(20 + rng.next(181) as i64);
        }
    }
    slots.sort();
    let mut last = not_before;
    slots
        .into_iter()
        .map(|(at, s, e)| {
            let at = at.max(last + Span::seconds(1));
            last = at;
            (s, e, at)
        })
        .collect()
}
