//! The stored schema of an incident file: the log of events and what each kind of event holds.
//! Two clones that appended different events merge as the union of the logs, ordered by a Lamport
//! sequence number (`seq`), then by recording time, then by event id.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::incident::ActionItem;
use super::tenant::Channel;
use super::vocab::{Classification, Effect, Role, Severity, Source};
use crate::text::name_some;

/// Version of the incident file format, stored in every file.
pub const SCHEMA: u32 = 1;

/// The file `incidents/<ID>.toml`, as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IncidentLog {
    pub schema: u32,
    pub id: String,
    #[serde(rename = "event", default)]
    pub events: Vec<Event>,
}

/// One recorded step.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    pub id: String,
    /// Lamport clock: one more than the largest `seq` in the log when it was appended.
    pub seq: u64,
    /// When the step happened (backfilled with `--at`).
    pub at: DateTime<Utc>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it (the actor).
    pub by: String,
    #[serde(flatten)]
    pub body: EventBody,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventBody {
    Detected {
        title: String,
        severity: Severity,
        source: Source,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        started: Option<DateTime<Utc>>,
    },
    Engaged {
        role: Role,
        who: String,
    },
    Confirmed {},
    Dismissed {
        reason: String,
    },
    ImpactDetermined {
        /// Empty means "no effect on customer data".
        effects: Vec<Effect>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
    },
    Note {
        text: String,
    },
    /// Tenants found to be affected; `detail` appears in those tenants' drafts only.
    TenantsAffected {
        tenants: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// Tenants found not to be affected after all.
    TenantsUnaffected {
        tenants: Vec<String>,
    },
    /// A notification went out to these tenants on one channel.
    Notified {
        tenants: Vec<String>,
        channel: Channel,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
    },
    /// The incident was classified (`major`, `material`), which starts some regimes' clocks.
    Classified {
        class: Classification,
    },
    /// What happened, written for customers; a later one replaces it.
    Described {
        text: String,
    },
    /// Something the provider did about the incident.
    ActionTaken {
        text: String,
    },
    /// Something customers should do to resolve the issue or prevent it recurring.
    Advised {
        text: String,
    },
    /// Whether the incident goes on the public service health dashboard.
    Published {
        public: bool,
    },
    /// The intruder can no longer reach more.
    Contained {
        summary: String,
    },
    /// Root cause removed and adversary evicted.
    Eradicated {
        summary: String,
        /// The vulnerability that let them in, and how it was mitigated, or "unknown".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vulnerability: Option<String>,
        /// The executive incident manager who approved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approved_by: Option<String>,
    },
    /// A step of recovery; recovery is recorded as it happens.
    Recovered {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_known_good: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        restored_from: Option<String>,
        /// The restored state was inspected for attack paths.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        inspected: bool,
        /// Heightened monitoring is in place.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        monitoring: bool,
        /// Who validated that no sign of the breach remains.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        validated_by: Option<String>,
    },
    /// The post-incident review.
    Reviewed {
        root_cause: String,
        #[serde(default)]
        went_well: Vec<String>,
        #[serde(default)]
        went_badly: Vec<String>,
        #[serde(default)]
        action_items: Vec<ActionItem>,
    },
    /// An action item from the review is done.
    ActionDone {
        item: String,
    },
    /// The incident is closed; `forced` when the checks were overridden.
    Closed {
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        forced: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A regime's stage was filed with its authority.
    Filed {
        regime: String,
        stage: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
    },
}

impl EventBody {
    /// The machine name of the event kind, as stored and in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            EventBody::Detected { .. } => "detected",
            EventBody::Engaged { .. } => "engaged",
            EventBody::Confirmed {} => "confirmed",
            EventBody::Dismissed { .. } => "dismissed",
            EventBody::ImpactDetermined { .. } => "impact-determined",
            EventBody::Note { .. } => "note",
            EventBody::TenantsAffected { .. } => "tenants-affected",
            EventBody::TenantsUnaffected { .. } => "tenants-unaffected",
            EventBody::Notified { .. } => "notified",
            EventBody::Classified { .. } => "classified",
            EventBody::Filed { .. } => "filed",
            EventBody::Contained { .. } => "contained",
            EventBody::Eradicated { .. } => "eradicated",
            EventBody::Recovered { .. } => "recovered",
            EventBody::Reviewed { .. } => "reviewed",
            EventBody::ActionDone { .. } => "action-done",
            EventBody::Closed { .. } => "closed",
            EventBody::Described { .. } => "described",
            EventBody::ActionTaken { .. } => "action-taken",
            EventBody::Advised { .. } => "advised",
            EventBody::Published { .. } => "published",
        }
    }

    /// What happened, in words: the commit subject and the timeline line.
    pub fn describe(&self) -> String {
        match self {
            EventBody::Detected { title, severity, source, .. } => {
                format!("detected ({severity}, {source}): {title}")
            }
            EventBody::Engaged { role, who } => format!("{} engaged: {who}", role.title()),
            EventBody::Confirmed {} => "confirmed as a security incident".into(),
            EventBody::Dismissed { reason } => {
                format!("dismissed, not a security incident: {reason}")
            }
            EventBody::ImpactDetermined { effects, summary } if effects.is_empty() => match summary {
                Some(s) => format!("customer impact determined: no effect on customer data ({s})"),
                None => "customer impact determined: no effect on customer data".into(),
            },
            EventBody::ImpactDetermined { effects, summary } => {
                let names: Vec<&str> = effects.iter().map(|e| e.as_str()).collect();
                let mut line = format!("customer impact determined: {}", names.join(", "));
                if let Some(s) = summary {
                    line.push_str(" — ");
                    line.push_str(s);
                }
                line
            }
            EventBody::Note { text } => format!("note: {text}"),
            EventBody::TenantsAffected { tenants, detail } => {
                let mut line = format!("affected: {}", name_some(tenants));
                if let Some(detail) = detail {
                    line.push_str(&format!(" ({detail})"));
                }
                line
            }
            EventBody::TenantsUnaffected { tenants } => {
                format!("not affected after all: {}", name_some(tenants))
            }
            EventBody::Notified { tenants, channel, reference } => {
                let mut line = format!("notified via {channel}: {}", name_some(tenants));
                if let Some(reference) = reference {
                    line.push_str(&format!(" (ref {reference})"));
                }
                line
            }
            EventBody::Classified { class } => format!("classified as {class}"),
            EventBody::Described { text } => format!("described for customers: {text}"),
            EventBody::Contained { summary } => format!("contained: {summary}"),
            EventBody::Eradicated { summary, approved_by, .. } => match approved_by {
                Some(who) => format!("eradicated (approved by {who}): {summary}"),
                None => format!("eradicated: {summary}"),
            },
            EventBody::Recovered {
                summary,
                last_known_good,
                restored_from,
                inspected,
                monitoring,
                validated_by,
            } => {
                let mut steps: Vec<String> = Vec::new();
                if let Some(summary) = summary {
                    steps.push(summary.clone());
                }
                if let Some(good) = last_known_good {
                    steps.push(format!("last known good state {good}"));
                }
                if let Some(backup) = restored_from {
                    steps.push(format!("restored from {backup}"));
                }
                if *inspected {
                    steps.push("restored state inspected for attack paths".into());
                }
                if *monitoring {
                    steps.push("heightened monitoring in place".into());
                }
                if let Some(who) = validated_by {
                    steps.push(format!("validated by {who}"));
                }
                format!("recovery: {}", steps.join("; "))
            }
            EventBody::Reviewed { root_cause, action_items, .. } => {
                format!(
                    "post-incident review: root cause {root_cause}; {} action item(s)",
                    action_items.len()
                )
            }
            EventBody::ActionDone { item } => format!("action item {item} done"),
            EventBody::Closed { forced: true, reason } => {
                format!("closed without the usual checks: {}", reason.as_deref().unwrap_or(""))
            }
            EventBody::Closed { .. } => "closed".into(),
            EventBody::ActionTaken { text } => format!("action taken: {text}"),
            EventBody::Advised { text } => format!("customers advised: {text}"),
            EventBody::Published { public: true } => "marked for the public service health dashboard".into(),
            EventBody::Published { public: false } => "taken off the public service health dashboard".into(),
            EventBody::Filed { regime, stage, reference } => {
                let mut line = format!("filed {regime} {stage}");
                if let Some(reference) = reference {
                    line.push_str(&format!(" (ref {reference})"));
                }
                line
            }
        }
    }
}
