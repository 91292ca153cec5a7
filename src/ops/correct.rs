//! Corrections: an earlier step happened at another time, or did not happen at all. The log
//! stays append-only: a correction is a new event naming the event it supersedes.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Recorder;
use super::record::{Recorded, record};
use crate::error::UserError;
use crate::model::{Event, EventBody, IncidentLog};

/// What to do to the event.
pub enum Fix {
    /// It happened at this time.
    Time(DateTime<Utc>),
    /// It did not happen, or was recorded by mistake.
    Retract,
}

/// Records a correction of event `target` (an event id or its start, or a kind such as
/// `confirmed` for the latest such event) of incident `id`.
pub fn correct(rec: &Recorder, id: &str, target: &str, fix: Fix, reason: String) -> Result<Recorded> {
    let log = rec.store.read_log(id)?;
    let event = find_target(&log, target)?;
    let body = match fix {
        Fix::Time(at) => {
            check_new_time(&log, event, at)?;
            EventBody::Corrected { event: event.id.clone(), at, reason }
        }
        Fix::Retract => {
            if matches!(event.body, EventBody::Detected { .. }) {
                return Err(UserError::new(format!("the detection of {id} cannot be retracted"))
                    .hint(format!("if it was not a security incident: sirt dismiss {id} --reason \"…\""))
                    .into());
            }
            EventBody::Retracted { event: event.id.clone(), reason }
        }
    };
    let target_id = event.id.clone();
    let recorded = record(rec, id, rec.now, |_| Ok(Some(body)))?;
    recorded.ok_or_else(|| anyhow::anyhow!("the correction of {target_id} was not recorded"))
}

/// The event a user names: an id or the start of one, or a kind (the latest effective event of
/// that kind). Corrections, retracted events and unknown kinds cannot be corrected.
fn find_target<'l>(log: &'l IncidentLog, target: &str) -> Result<&'l Event> {
    let effective = log.effective().map_err(UserError::new)?;
    let live = |e: &Event| effective.iter().any(|f| f.id == e.id);
    let wanted = target.trim();
    let by_kind: Vec<&Event> =
        log.ordered().into_iter().filter(|e| e.body.kind() == wanted && live(e)).collect();
    let candidates: Vec<&Event> = if !by_kind.is_empty() {
        by_kind.last().copied().into_iter().collect()
    } else {
        let upper = wanted.to_ascii_uppercase();
        log.events.iter().filter(|e| e.id.starts_with(&upper) && !upper.is_empty()).collect()
    };
    let hint = format!("event ids are in: sirt timeline {} --format csv", log.id);
    match candidates.as_slice() {
        [] => Err(UserError::new(format!("no event of {} matches '{wanted}'", log.id)).hint(hint).into()),
        [one] => {
            if matches!(
                one.body,
                EventBody::Corrected { .. } | EventBody::Retracted { .. } | EventBody::Unknown
            ) {
                return Err(UserError::new(format!(
                    "event {} is a {}; it cannot be corrected",
                    one.id,
                    one.body.kind()
                ))
                .hint(hint)
                .into());
            }
            if !live(one) {
                return Err(UserError::new(format!(
                    "event {} ({}) is already retracted",
                    one.id,
                    one.body.kind()
                ))
                .hint(hint)
                .into());
            }
            Ok(one)
        }
        many => Err(UserError::new(format!("'{wanted}' matches {} events of {}", many.len(), log.id))
            .hint("type more of the event id")
            .into()),
    }
}

/// A step cannot move before the detection, and the detection cannot move after any step.
fn check_new_time(log: &IncidentLog, event: &Event, at: DateTime<Utc>) -> Result<()> {
    let effective = log.effective().map_err(UserError::new)?;
    let current = effective.iter().find(|e| e.id == event.id).map(|e| e.at).unwrap_or(event.at);
    if current == at {
        return Err(UserError::new(format!("event {} is already recorded at that time", event.id))
            .hint("pass the time it really happened with --at")
            .into());
    }
    let detected = effective.first().map(|e| e.at).unwrap_or(at);
    if matches!(event.body, EventBody::Detected { .. }) {
        if let Some(later) = effective.iter().skip(1).filter(|e| e.at < at).map(|e| e.at).min() {
            return Err(UserError::new(format!(
                "the detection cannot move after a later step recorded at {}",
                crate::model::time::rfc3339(Some(later))
            ))
            .hint("correct that step first, or pass an earlier --at")
            .into());
        }
    } else if at < detected {
        return Err(UserError::new(format!(
            "{} is before the incident was detected ({})",
            crate::model::time::rfc3339(Some(at)),
            crate::model::time::rfc3339(Some(detected))
        ))
        .hint("if the detection itself was earlier, correct it first: sirt correct ID detected --at TIME --reason …")
        .into());
    }
    Ok(())
}
