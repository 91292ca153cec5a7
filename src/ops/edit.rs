//! `sirt edit`: events added by hand to an incident file. History is append-only: an edit may
//! add events, never delete or rewrite one, and the events it adds are recorded like any other:
//! by the actor, at the real recording time, with the next sequence numbers.

use anyhow::Result;

use super::Recorder;
use crate::clock;
use crate::model::{Event, IncidentLog, event, id};
use crate::store::{Committed, Message};

/// Why an edit is refused, in words; the command keeps the user's text and says where.
pub type Refused = String;

/// What an accepted edit recorded.
pub struct Edited {
    pub added: Vec<Event>,
    /// Fields of added events that sirt set itself, whatever the editor wrote (`by`, …).
    pub normalised: Vec<String>,
    pub committed: Committed,
}

/// Applies the edited text of incident `id`, written from `original` (its committed text when
/// the edit began). `Ok(Err(why))` is a refusal of the edit; `Ok(Ok(None))` an edit that
/// changed nothing.
pub fn apply(
    rec: &Recorder,
    id: &str,
    original: &str,
    edited: &str,
) -> Result<Result<Option<Edited>, Refused>> {
    if edited == original {
        return Ok(Ok(None));
    }
    let before = match event::parse_log(original) {
        Ok(log) => log,
        Err(e) => return Ok(Err(format!("the incident as it was does not read: {e}"))),
    };
    let after = match event::parse_log(edited) {
        Ok(log) => log,
        Err(event::ParseError::Toml(e)) => {
            let line =
                e.span().map(|s| edited[..s.start.min(edited.len())].matches('\n').count() + 1).unwrap_or(0);
            return Ok(Err(format!("the edited file is not valid at line {line}: {}", e.message().trim())));
        }
        Err(e) => return Ok(Err(format!("the edited file does not read: {e}"))),
    };
    if let Err(why) = append_only(&before, &after) {
        return Ok(Err(why));
    }
    let mut txn = rec.store.begin()?;
    if rec.store.incident_text(id)? != original {
        return Ok(Err(format!("{id} changed while you were editing")));
    }
    // Added events, in the order they were written, recorded as this actor, now.
    let mut so_far = before.clone();
    let mut added = Vec::new();
    let mut normalised = Vec::new();
    // Added: what is left once each event there before is matched with one of the same id (an
    // added event may reuse an id; it gets a fresh one below).
    let mut unmatched: Vec<&Event> = after.events.iter().collect();
    for event in &before.events {
        if let Some(at) = unmatched.iter().position(|e| e.id == event.id) {
            unmatched.remove(at);
        }
    }
    for written in unmatched {
        let mut event = written.clone();
        if !id::is_event_id(&event.id) || so_far.events.iter().any(|e| e.id == event.id) {
            event.id = fresh_event_id(&so_far);
        }
        let by = rec.actor.to_string();
        if event.by != by {
            normalised.push(format!("by of {} set to {by} (was {})", event.id, event.by));
            event.by = by;
        }
        if event.recorded_at != rec.now {
            normalised.push(format!("recorded_at of {} set to now", event.id));
            event.recorded_at = rec.now;
        }
        let seq = so_far.next_seq();
        if event.seq != seq {
            normalised.push(format!("seq of {} set to {seq}", event.id));
            event.seq = seq;
        }
        let state = match so_far.fold() {
            Ok(state) => state,
            Err(why) => return Ok(Err(format!("the edited incident does not hold together: {why}"))),
        };
        if event.body == crate::model::EventBody::Unknown {
            return Ok(Err(format!("added event {} has a kind this sirt does not know", event.id)));
        }
        if let Err(refusal) = state.check(&event.body, event.at, rec.now) {
            return Ok(Err(format!("added event {} is refused: {}", event.id, refusal.message)));
        }
        so_far.events.push(event.clone());
        added.push(event);
    }
    if added.is_empty() {
        return Ok(Ok(None));
    }
    if let Err(why) = so_far.fold() {
        return Ok(Err(format!("the edited incident does not hold together: {why}")));
    }
    txn.append_events(id, &added)?;
    let mut message = Message::new(format!("{id}: edited by hand, {} event(s) added", added.len()))
        .trailer("Sirt-Incident", id)
        .trailer("Sirt-Kind", "edit");
    for event in &added {
        message = message.trailer("Sirt-Event", event.id.clone());
    }
    let committed = txn.commit(&message, &rec.actor, rec.now)?;
    let committed = committed.ok_or_else(|| anyhow::anyhow!("an edit that added events changed nothing"))?;
    Ok(Ok(Some(Edited { added, normalised, committed })))
}

fn fresh_event_id(log: &IncidentLog) -> String {
    loop {
        let candidate = id::event_id(clock::random_u64());
        if !log.events.iter().any(|e| e.id == candidate) {
            return candidate;
        }
    }
}

/// An edit may only add events: every event there before must still be there, unchanged.
pub fn append_only(before: &IncidentLog, after: &IncidentLog) -> Result<(), String> {
    if after.id != before.id || after.schema != before.schema {
        return Err("the id and schema of an incident cannot change".into());
    }
    for event in &before.events {
        match after.events.iter().find(|e| e.id == event.id) {
            None => {
                return Err(format!(
                    "event {} ({}) would be deleted; history is append-only",
                    event.id,
                    event.body.kind()
                ));
            }
            Some(edited) if edited != event => {
                return Err(format!(
                    "event {} ({}) would be rewritten; history is append-only",
                    event.id,
                    event.body.kind()
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
