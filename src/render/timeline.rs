//! What the report's timeline picture shows, worked out once: the Mermaid block, the SVG and the
//! text beside them are all drawn from these rows, so they cannot disagree.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::model::deadline::{ClockKind, Deadline, Status};
use crate::model::time::format_in;
use crate::model::{EventBody, Incident, IncidentLog};

/// The three bands of the picture, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Main,
    Response,
    Clocks,
}

impl Lane {
    pub const ALL: [Lane; 3] = [Lane::Main, Lane::Response, Lane::Clocks];

    pub fn title(self) -> &'static str {
        match self {
            Lane::Main => "Main track",
            Lane::Response => "Response track",
            Lane::Clocks => "Clocks",
        }
    }
}

/// How a clock ended, or where it stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockEnd {
    /// Met or late: stopped at this time.
    Stopped(DateTime<Utc>),
    /// Still running (or overdue): the mark is at "now".
    Now(DateTime<Utc>),
}

impl ClockEnd {
    pub fn at(self) -> DateTime<Utc> {
        match self {
            ClockEnd::Stopped(at) | ClockEnd::Now(at) => at,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A main-track step.
    Step { at: DateTime<Utc> },
    /// A response phase from its start to its end, or to now while it goes on.
    Phase { from: DateTime<Utc>, to: DateTime<Utc>, ongoing: bool },
    /// A clock from its start to its due time (none for `asap`), and where it stopped or stands.
    Clock { start: DateTime<Utc>, due: Option<DateTime<Utc>>, end: ClockEnd, status: Status },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub lane: Lane,
    /// Raw text, possibly hostile: every renderer escapes it its own way.
    pub label: String,
    pub mark: Mark,
    /// Recorded after the fact (`--at`): when it was recorded.
    pub backfilled: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub incident: String,
    pub title: String,
    pub rows: Vec<Row>,
    /// Clocks left out to keep the picture readable (they are in the report's tables).
    pub clocks_left_out: usize,
    pub now: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Clock bars beyond this many are counted, not drawn: a thousand tenants would be a wall.
const MAX_CLOCK_ROWS: usize = 12;

/// The timeline of `incident` as of `now`. Only our clocks (contract and own regimes) are drawn;
/// the tenants' own clocks are theirs to keep.
pub fn timeline(incident: &Incident, log: &IncidentLog, clocks: &[Deadline], now: DateTime<Utc>) -> Timeline {
    let mut rows = main_track(incident, log);
    rows.extend(response_track(incident, log, now));
    let (clock_rows, left_out) = clock_rows(clocks, now);
    rows.extend(clock_rows);

    let times = rows.iter().flat_map(|r| match &r.mark {
        Mark::Step { at } => vec![*at],
        Mark::Phase { from, to, .. } => vec![*from, *to],
        Mark::Clock { start, due, end, .. } => {
            [Some(*start), *due, Some(end.at())].into_iter().flatten().collect()
        }
    });
    let (mut start, mut end) = (incident.detected_at, incident.detected_at);
    for t in times {
        start = start.min(t);
        end = end.max(t);
    }
    if end - start < Duration::hours(1) {
        end = start + Duration::hours(1);
    }
    Timeline {
        incident: incident.id.clone(),
        title: incident.title.clone(),
        rows,
        clocks_left_out: left_out,
        now,
        start,
        end,
    }
}

/// When an event was recorded later than it happened.
fn backfill(at: DateTime<Utc>, recorded: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (recorded != at).then_some(recorded)
}

fn main_track(incident: &Incident, log: &IncidentLog) -> Vec<Row> {
    let mut rows = Vec::new();
    let step =
        |label: String, at, backfilled| Row { lane: Lane::Main, label, mark: Mark::Step { at }, backfilled };
    if let Some(started) = incident.started_at {
        rows.push(step("Event start (estimated)".into(), started, None));
    }
    let mut events = log.ordered();
    events.sort_by_key(|e| (e.at, e.seq));
    let mut notified_tenants = std::collections::BTreeSet::new();
    let affected = incident.affected.len();
    for event in events {
        let label = match &event.body {
            EventBody::Detected { source, .. } => format!("Detected ({source})"),
            EventBody::Engaged { role, who } => format!("{} engaged: {who}", role.to_string().to_uppercase()),
            EventBody::Confirmed {} => "Declared a security incident".into(),
            EventBody::Dismissed { .. } => "Dismissed".into(),
            EventBody::ImpactDetermined { .. } => "Customer impact determined".into(),
            EventBody::TenantsAffected { tenants, .. } => {
                format!("Affected tenants determined (+{})", tenants.len())
            }
            EventBody::Notified { tenants, .. } => {
                let before = notified_tenants.len();
                notified_tenants
                    .extend(tenants.iter().filter(|t| incident.affected.contains_key(*t)).cloned());
                let after = notified_tenants.len();
                match (before, after) {
                    (b, a) if a == b => continue,
                    (0, a) if a == affected => format!("All {a} affected tenants notified"),
                    (0, _) => "First tenant notified".into(),
                    (_, a) if a == affected => format!("All {a} affected tenants notified"),
                    _ => continue,
                }
            }
            _ => continue,
        };
        rows.push(step(label, event.at, backfill(event.at, event.recorded_at)));
    }
    rows
}

fn response_track(incident: &Incident, log: &IncidentLog, now: DateTime<Utc>) -> Vec<Row> {
    let r = &incident.response;
    let recorded = |kind: &str, at: Option<DateTime<Utc>>| {
        let at = at?;
        log.events
            .iter()
            .find(|e| e.body.kind() == kind && e.at == at)
            .and_then(|e| backfill(e.at, e.recorded_at))
    };
    let Some(declared) = incident.declared_at else { return Vec::new() };
    let phases = [
        ("Containment", Some(declared), r.contained_at, "contained"),
        ("Eradication", r.contained_at, r.eradicated_at, "eradicated"),
        ("Recovery", r.eradicated_at, r.recovered_at, "recovered"),
    ];
    let mut rows = Vec::new();
    // Phases follow one another: the first unfinished one is under way while the incident is open.
    for (label, from, to, kind) in phases {
        let Some(from) = from else { break };
        let Some(to) = to else {
            if incident.open {
                let mark = Mark::Phase { from, to: now.max(from), ongoing: true };
                rows.push(Row {
                    lane: Lane::Response,
                    label: format!("{label} (under way)"),
                    mark,
                    backfilled: None,
                });
            }
            break;
        };
        rows.push(Row {
            lane: Lane::Response,
            label: label.to_string(),
            mark: Mark::Phase { from: from.min(to), to, ongoing: false },
            backfilled: recorded(kind, Some(to)),
        });
    }
    if let Some(review) = &incident.review {
        rows.push(Row {
            lane: Lane::Response,
            label: "Post-incident review".into(),
            mark: Mark::Step { at: review.at },
            backfilled: recorded("reviewed", Some(review.at)),
        });
    }
    if let Some(at) = incident.closed_at {
        rows.push(Row {
            lane: Lane::Response,
            label: "Closed".into(),
            mark: Mark::Step { at },
            backfilled: recorded("closed", Some(at)),
        });
    }
    rows
}

/// One bar per group of clocks with the same rule, start, due time and end; the most urgent first.
fn clock_rows(clocks: &[Deadline], now: DateTime<Utc>) -> (Vec<Row>, usize) {
    struct Group<'a> {
        first: &'a Deadline,
        end: ClockEnd,
        parties: Vec<&'a str>,
    }
    // Grouped through a map, so that thousands of tenants' clocks cost one lookup each; the
    // groups keep the order of their first clock (most urgent first).
    type Key<'a> = (u8, &'a str, DateTime<Utc>, Option<DateTime<Utc>>, u8, bool, DateTime<Utc>);
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for clock in clocks.iter().filter(|c| c.clock != ClockKind::TenantRegime) {
        let Some(start) = clock.started_at else { continue };
        let end = match clock.done_at {
            Some(done) if matches!(clock.status, Status::Met | Status::Late) => ClockEnd::Stopped(done),
            _ => ClockEnd::Now(now.max(start)),
        };
        let key = (
            clock.clock as u8,
            &*clock.rule,
            start,
            clock.due,
            clock.status as u8,
            matches!(end, ClockEnd::Stopped(_)),
            end.at(),
        );
        match index.get(&key) {
            Some(&i) => groups[i].parties.push(&clock.party),
            None => {
                index.insert(key, groups.len());
                groups.push(Group { first: clock, end, parties: vec![&clock.party] });
            }
        }
    }
    let left_out: usize = groups.iter().skip(MAX_CLOCK_ROWS).map(|g| g.parties.len()).sum();
    let rows = groups
        .into_iter()
        .take(MAX_CLOCK_ROWS)
        .map(|g| {
            let d = g.first;
            let parties: Vec<String> = g.parties.iter().map(|p| p.to_string()).collect();
            let who = crate::text::name_some(&parties);
            Row {
                lane: Lane::Clocks,
                label: format!("{} – {who}", d.rule),
                mark: Mark::Clock {
                    start: d.started_at.unwrap_or(now),
                    due: d.due,
                    end: g.end,
                    status: d.status,
                },
                backfilled: None,
            }
        })
        .collect();
    (rows, left_out)
}

impl Row {
    /// The row in words, for screen readers and plain-text viewers.
    pub fn words(&self, zone: FixedOffset) -> String {
        let at = |t: DateTime<Utc>| format_in(t, zone);
        let mut text = match &self.mark {
            Mark::Step { at: t } => format!("{}: {}", at(*t), self.label),
            Mark::Phase { from, to, ongoing: false } => {
                format!("{} to {}: {}", at(*from), at(*to), self.label)
            }
            Mark::Phase { from, .. } => format!("{} to now: {}", at(*from), self.label),
            Mark::Clock { start, due, end, status } => {
                let due = due.map(|d| format!("due {}", at(d))).unwrap_or_else(|| "no fixed limit".into());
                let end = match end {
                    ClockEnd::Stopped(t) => format!("{} {}", status.as_str(), at(*t)),
                    ClockEnd::Now(_) => format!("{} now", status.as_str()),
                };
                format!("{} {due}, {end}: {}", at(*start), self.label)
            }
        };
        if let Some(recorded) = self.backfilled {
            text.push_str(&format!(" (backfilled: recorded {})", at(recorded)));
        }
        text
    }
}

impl Timeline {
    /// Every row in words, one line each, grouped by lane: the text equivalent of the picture.
    pub fn words(&self, zone: FixedOffset) -> Vec<String> {
        let mut lines = Vec::new();
        for lane in Lane::ALL {
            for row in self.rows.iter().filter(|r| r.lane == lane) {
                lines.push(format!("{}: {}", lane.title(), row.words(zone)));
            }
        }
        if self.clocks_left_out > 0 {
            lines.push(format!(
                "Clocks: {} more clocks are not drawn; the tables below list every one.",
                self.clocks_left_out
            ));
        }
        lines
    }
}
