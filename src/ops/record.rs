//! Recording steps: one event appended to one incident, as one commit.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Recorder;
use crate::clock;
use crate::error::UserError;
use crate::model::event::SCHEMA;
use crate::model::rules::check_detection;
use crate::model::{Event, EventBody, Incident, IncidentLog, Severity, Source, id, time};
use crate::store::{Committed, Message};

/// A step that was recorded: the event, the incident as it stands after it, and the commit.
pub struct Recorded {
    pub event: Event,
    pub incident: Incident,
    pub committed: Committed,
}

/// Appends one event to incident `id` and commits it: the path every recording command takes.
/// `decide` sees the current state (read under the lock) and returns the event to record, or
/// `None` when the step would change nothing.
pub fn record(
    rec: &Recorder,
    id: &str,
    at: DateTime<Utc>,
    decide: impl FnOnce(&Incident) -> Result<Option<EventBody>>,
) -> Result<Option<Recorded>> {
    let mut txn = rec.store.begin()?;
    let (log, incident) = rec.store.load_incident(id)?;
    let Some(body) = decide(&incident)? else {
        return Ok(None);
    };
    incident.check(&body, at, rec.now, super::clocks::local_zone()).map_err(UserError::from)?;
    let event = new_event(&log, rec, at, body);
    let (_, incident) = txn.append_events(id, std::slice::from_ref(&event))?;
    let committed = txn.commit(&event_message(id, &event), &rec.actor, rec.now)?;
    let committed = committed.ok_or_else(|| anyhow::anyhow!("appending an event changed nothing"))?;
    Ok(Some(Recorded { incident, event, committed }))
}

/// What `sirt detect` records.
pub struct Detection {
    pub title: String,
    pub severity: Severity,
    pub source: Source,
    pub started: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

/// Opens a new incident with a fresh id.
pub fn detect(rec: &Recorder, detection: Detection) -> Result<Recorded> {
    check_detection(detection.at, detection.started, rec.now, super::clocks::local_zone())
        .map_err(UserError::from)?;
    let mut txn = rec.store.begin()?;
    let existing = rec.store.incident_ids()?;
    let mut incident_id = id::incident_id(clock::random_u64());
    while existing.contains(&incident_id) {
        incident_id = id::incident_id(clock::random_u64());
    }
    let mut log =
        IncidentLog { schema: SCHEMA, id: incident_id.clone(), events: Vec::new(), unknown: Vec::new() };
    let body = EventBody::Detected {
        title: detection.title,
        severity: detection.severity,
        source: detection.source,
        started: detection.started,
    };
    let event = new_event(&log, rec, detection.at, body);
    log.events.push(event.clone());
    txn.create_incident(&log)?;
    let committed = txn.commit(&event_message(&incident_id, &event), &rec.actor, rec.now)?;
    let committed = committed.ok_or_else(|| anyhow::anyhow!("a new incident changed nothing"))?;
    Ok(Recorded { incident: log.fold().map_err(anyhow::Error::msg)?, event, committed })
}

/// A new event for `log`, by the recorder, recorded now: a fresh id and the next sequence number.
pub fn new_event(log: &IncidentLog, rec: &Recorder, at: DateTime<Utc>, body: EventBody) -> Event {
    let mut event_id = id::event_id(clock::random_u64());
    while log.events.iter().any(|e| e.id == event_id) {
        event_id = id::event_id(clock::random_u64());
    }
    Event { id: event_id, seq: log.next_seq(), at, recorded_at: rec.now, by: rec.actor.to_string(), body }
}

/// The commit message of one recorded event: what happened in words, when it happened if that
/// was not now, and trailers naming the incident, the event and its kind.
pub fn event_message(incident: &str, event: &Event) -> Message {
    let body = (event.at != event.recorded_at).then(|| {
        format!(
            "Happened at {}; recorded at {}.",
            time::rfc3339(Some(event.at)),
            time::rfc3339(Some(event.recorded_at))
        )
    });
    Message::new(format!("{incident}: {}", event.body.describe()))
        .body(body)
        .trailer("Sirt-Incident", incident)
        .trailer("Sirt-Event", event.id.clone())
        .trailer("Sirt-Kind", event.body.kind())
}
