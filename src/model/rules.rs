//! What the process refuses, and why: the checks a step must pass before it is recorded, and
//! what must still happen before an incident can be closed.

use chrono::{DateTime, Utc};

use super::event::EventBody;
use super::incident::Incident;
use super::time::format_local;

use crate::text::name_some;

/// Why a step is refused: what is wrong, and the command that would put it right.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub message: String,
    pub hint: Option<String>,
}

fn refuse(message: impl Into<String>, hint: impl Into<Option<String>>) -> Result<(), Refusal> {
    Err(Refusal { message: message.into(), hint: hint.into() })
}

impl Incident {
    /// What must still happen before the incident can be closed, each with the command that
    /// does it. Empty when it can be closed.
    pub fn close_blockers(&self) -> Vec<(String, String)> {
        let id = &self.id;
        let mut missing = Vec::new();
        let dismissed = self.dismissed_at.is_some() && self.declared_at.is_none();
        if !dismissed {
            match self.declared_at {
                None => missing.push((
                    "the incident is neither confirmed nor dismissed".into(),
                    format!("sirt confirm {id}, or sirt dismiss {id} --reason …"),
                )),
                Some(_) if self.affected.is_empty() => missing
                    .push(("no affected tenants are recorded".into(), format!("sirt affected {id} TENANT…"))),
                Some(_) => {
                    let waiting: Vec<String> = self
                        .affected
                        .values()
                        .filter(|a| a.notified_at.is_none())
                        .map(|a| a.tenant.clone())
                        .collect();
                    if !waiting.is_empty() {
                        missing.push((
                            format!(
                                "{} affected tenant(s) not notified: {}",
                                waiting.len(),
                                name_some(&waiting)
                            ),
                            format!("sirt notified {id} {} --via email-admin", waiting[0]),
                        ));
                    }
                }
            }
            if self.response.validated_by.is_none() {
                missing.push((
                    "recovery is not validated".into(),
                    format!("sirt recover {id} --validated-by WHO"),
                ));
            }
        }
        if self.review.is_none() {
            missing.push((
                "no post-incident review is recorded".into(),
                format!("sirt review {id} --root-cause \"…\""),
            ));
        }
        missing
    }

    /// Whether the process allows recording `body` as having happened at `at`, given the time
    /// is now `now`. The seeds fix only some orders: engagement, notes and the like may come at
    /// any point; the declaration needs a live incident, the impact needs the declaration.
    pub fn check(&self, body: &EventBody, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Refusal> {
        let id = &self.id;
        check_not_future(at, now)?;
        match body {
            // Which event a correction names is checked against the log by its recorder.
            EventBody::Corrected { at: corrected, .. } => return check_not_future(*corrected, now),
            EventBody::Retracted { .. } => return Ok(()),
            EventBody::Unknown => {
                return refuse(
                    "sirt cannot record an event of an unknown kind",
                    "record it with the sirt that knows the kind".to_string(),
                );
            }
            _ => {}
        }
        if at < self.detected_at {
            return refuse(
                format!(
                    "{} is before {id} was detected ({})",
                    format_local(at),
                    format_local(self.detected_at)
                ),
                format!(
                    "pass a time after the detection with --at; if the detection itself was earlier, note it: sirt note {id} \"detected earlier, at …\""
                ),
            );
        }
        // What is owed to regulators and tenants is still owed after the close: their clocks
        // run until the filing or the notification is recorded.
        if let Some(closed) = self.closed_at
            && !matches!(
                body,
                EventBody::Note { .. }
                    | EventBody::ActionDone { .. }
                    | EventBody::Filed { .. }
                    | EventBody::Notified { .. }
            )
        {
            return refuse(
                format!(
                    "{id} was closed on {}; only notes and finished action items can be added (and the filings and notifications still owed)",
                    format_local(closed)
                ),
                format!("sirt note {id} \"…\""),
            );
        }
        if let Some(dismissed) = self.dismissed_at
            && self.declared_at.is_none()
            && !matches!(
                body,
                EventBody::Note { .. }
                    | EventBody::Reviewed { .. }
                    | EventBody::ActionDone { .. }
                    | EventBody::Closed { .. }
            )
        {
            return refuse(
                format!(
                    "{id} was dismissed as not a security incident on {}; only notes, a review and closing remain",
                    format_local(dismissed)
                ),
                match body {
                    EventBody::Confirmed {} => format!(
                        "if it is a security incident after all, open a new one: sirt detect \"{}\" --severity {}",
                        self.title, self.severity
                    ),
                    _ => format!("sirt note {id} \"…\""),
                },
            );
        }
        match body {
            EventBody::Detected { .. } => {
                refuse(format!("{id} is already detected"), format!("see it: sirt show {id}"))
            }
            EventBody::Corrected { .. } | EventBody::Retracted { .. } | EventBody::Unknown => Ok(()),
            EventBody::Confirmed {} => match self.declared_at {
                Some(declared) => refuse(
                    format!(
                        "{id} was already confirmed as a security incident on {}",
                        format_local(declared)
                    ),
                    format!("sirt show {id}"),
                ),
                None => Ok(()),
            },
            EventBody::Dismissed { .. } => match self.declared_at {
                Some(declared) => refuse(
                    format!(
                        "{id} was confirmed as a security incident on {}; a declared incident cannot be dismissed",
                        format_local(declared)
                    ),
                    format!("record what you learned instead: sirt note {id} \"…\""),
                ),
                None => Ok(()),
            },
            EventBody::ImpactDetermined { .. } => match self.declared_at {
                None => refuse(
                    format!(
                        "customer impact is determined after the declaration, and {id} is not confirmed as a security incident yet"
                    ),
                    format!("sirt confirm {id}"),
                ),
                Some(declared) if at < declared => refuse(
                    format!("{} is before {id} was confirmed ({})", format_local(at), format_local(declared)),
                    "pass a time after the declaration with --at".to_string(),
                ),
                Some(_) => Ok(()),
            },
            EventBody::Notified { tenants, .. } => {
                let Some(declared) = self.declared_at else {
                    return refuse(
                        format!(
                            "{id} is not confirmed as a security incident; customers are notified after the declaration"
                        ),
                        format!("sirt confirm {id}"),
                    );
                };
                if at < declared {
                    return refuse(
                        format!(
                            "{} is before {id} was confirmed ({})",
                            format_local(at),
                            format_local(declared)
                        ),
                        "pass a time after the declaration with --at".to_string(),
                    );
                }
                let strangers: Vec<String> =
                    tenants.iter().filter(|t| !self.affected.contains_key(*t)).cloned().collect();
                if strangers.is_empty() {
                    Ok(())
                } else {
                    refuse(
                        format!("not on {id}'s affected list: {}", name_some(&strangers)),
                        format!("record it first: sirt affected {id} {}", strangers[0]),
                    )
                }
            }
            EventBody::Classified { .. }
            | EventBody::Filed { .. }
            | EventBody::Described { .. }
            | EventBody::ActionTaken { .. }
            | EventBody::Advised { .. }
            | EventBody::Published { .. }
            | EventBody::Contained { .. }
            | EventBody::Eradicated { .. }
            | EventBody::Recovered { .. }
            | EventBody::Reviewed { .. } => Ok(()),
            EventBody::ActionDone { item } => {
                match self.review.as_ref().and_then(|r| r.action_items.iter().find(|a| a.item.id == *item)) {
                    None => refuse(
                        format!("{id} has no action item '{item}'"),
                        format!("list them: sirt show {id}"),
                    ),
                    Some(a) if a.done_at.is_some() => refuse(
                        format!("action item {item} is already done"),
                        format!("see which items are still open: sirt show {id}"),
                    ),
                    Some(_) => Ok(()),
                }
            }
            EventBody::Closed { .. } => Ok(()),
            EventBody::TenantsAffected { .. } | EventBody::TenantsUnaffected { .. } => {
                match self.declared_at {
                    None => refuse(
                        format!(
                            "affected customers are determined for a confirmed security incident, and {id} is not confirmed yet"
                        ),
                        format!("sirt confirm {id}"),
                    ),
                    Some(_) => Ok(()),
                }
            }
            EventBody::Engaged { .. } | EventBody::Note { .. } => Ok(()),
        }
    }
}

/// A step cannot be recorded as having happened in the future.
pub fn check_not_future(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Refusal> {
    if at > now {
        return refuse(
            format!("{} is in the future (it is now {})", format_local(at), format_local(now)),
            "leave out --at to record the step as happening now, or pass a past time".to_string(),
        );
    }
    Ok(())
}

/// Checks the event that opens an incident.
pub fn check_detection(
    detected: DateTime<Utc>,
    started: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    check_not_future(detected, now)?;
    match started {
        Some(start) if start > detected => refuse(
            format!(
                "the event cannot start ({}) after it was detected ({})",
                format_local(start),
                format_local(detected)
            ),
            "pass --started with a time before --at".to_string(),
        ),
        _ => Ok(()),
    }
}
