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
    /// `(event id, kind)` of each event of a kind this sirt does not know.
    #[serde(skip)]
    pub unknown: Vec<(String, String)>,
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
    /// Tenants found not to be affected after all (added by mistake, or cleared later).
    TenantsUnaffected {
        tenants: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
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
        /// The public entry's own text (never the tenant description).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// The intruder can no longer reach more.
    Contained {
        summary: String,
        /// What customers may read about this step; the summary stays internal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer: Option<String>,
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
        /// What customers may read about this step; the summary stays internal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer: Option<String>,
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
        /// What customers may read about this step; the summary stays internal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer: Option<String>,
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
    /// An earlier step really happened at another time. The log stays append-only: the fold
    /// uses the corrected time, and the original stays in the file and the history.
    Corrected {
        /// The id of the event corrected.
        event: String,
        /// When it really happened. Stored as `corrected_at`: the event's own `at` (when the
        /// correction was made) sits beside it in the same table.
        #[serde(rename = "corrected_at")]
        at: DateTime<Utc>,
        reason: String,
    },
    /// An earlier step did not happen, or was recorded by mistake: the fold leaves it out.
    Retracted {
        event: String,
        reason: String,
    },
    /// A kind this version of sirt does not know, written by a newer one. It is kept byte for
    /// byte in the file and left out of the fold, with a warning.
    #[serde(other, skip_serializing)]
    Unknown,
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
            EventBody::Corrected { .. } => "corrected",
            EventBody::Retracted { .. } => "retracted",
            EventBody::Unknown => "unknown",
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
            EventBody::TenantsUnaffected { tenants, reason } => match reason {
                Some(reason) => format!("not affected after all: {} ({reason})", name_some(tenants)),
                None => format!("not affected after all: {}", name_some(tenants)),
            },
            EventBody::Notified { tenants, channel, reference } => {
                let mut line = format!("notified via {channel}: {}", name_some(tenants));
                if let Some(reference) = reference {
                    line.push_str(&format!(" (ref {reference})"));
                }
                line
            }
            EventBody::Classified { class } => format!("classified as {class}"),
            EventBody::Described { text } => format!("described for customers: {text}"),
            EventBody::Contained { summary, .. } => format!("contained: {summary}"),
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
                ..
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
            EventBody::Published { public: true, text: None } => {
                "marked for the public service health dashboard".into()
            }
            EventBody::Published { public: true, text: Some(text) } => {
                format!("public dashboard text: {text}")
            }
            EventBody::Published { public: false, .. } => {
                "taken off the public service health dashboard".into()
            }
            EventBody::Filed { regime, stage, reference } => {
                let mut line = format!("filed {regime} {stage}");
                if let Some(reference) = reference {
                    line.push_str(&format!(" (ref {reference})"));
                }
                line
            }
            EventBody::Corrected { event, at, reason } => {
                format!(
                    "corrected: event {event} happened at {}: {reason}",
                    crate::model::time::rfc3339(Some(*at))
                )
            }
            EventBody::Retracted { event, reason } => format!("retracted: event {event}: {reason}"),
            EventBody::Unknown => "an event of a kind this sirt does not know".into(),
        }
    }
}

/// Why an incident file does not read.
#[derive(Debug)]
pub enum ParseError {
    Toml(toml::de::Error),
    /// Written in a newer format than this sirt reads.
    Schema(u32),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::Toml(e) => write!(f, "{}", e.message().trim()),
            ParseError::Schema(found) => write!(f, "schema {found} is newer than this sirt reads ({SCHEMA})"),
        }
    }
}

/// Reads an incident file. Events of unknown kinds read as [`EventBody::Unknown`], and their
/// kinds are listed in `unknown_kinds`; fields this sirt does not know are ignored (and, since
/// writes only append, kept in the file).
pub fn parse_log(text: &str) -> Result<IncidentLog, ParseError> {
    let mut log: IncidentLog = toml::from_str(text).map_err(ParseError::Toml)?;
    if log.schema != SCHEMA {
        return Err(ParseError::Schema(log.schema));
    }
    if log.events.iter().any(|e| e.body == EventBody::Unknown) {
        #[derive(Deserialize)]
        struct Kinds {
            #[serde(rename = "event", default)]
            events: Vec<KindOnly>,
        }
        #[derive(Deserialize)]
        struct KindOnly {
            id: String,
            kind: String,
        }
        let kinds: Kinds = toml::from_str(text).map_err(ParseError::Toml)?;
        log.unknown = log
            .events
            .iter()
            .filter(|e| e.body == EventBody::Unknown)
            .filter_map(|e| kinds.events.iter().find(|k| k.id == e.id))
            .map(|k| (k.id.clone(), k.kind.clone()))
            .collect();
    }
    Ok(log)
}

/// One event as the `[[event]]` table appended to an incident file.
pub fn event_table(event: &Event) -> Result<String, toml::ser::Error> {
    #[derive(Serialize)]
    struct One<'a> {
        event: [&'a Event; 1],
    }
    toml::to_string(&One { event: [event] })
}

/// What an incident file's header holds besides `schema` and `id`: the full-length identity
/// given at detection (absent in files from before it existed), and the ids the incident was
/// known by before a collision between clones renamed it.
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
pub struct Header {
    #[serde(default)]
    pub identity: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

pub fn parse_header(text: &str) -> Result<Header, ParseError> {
    toml::from_str(text).map_err(ParseError::Toml)
}

/// A full-length identity: 128 random bits, mixed with who detected what and when, so that
/// two detections stay distinct even where randomness is pinned (`SIRT_SEED`) or poor.
pub fn identity(random: [u64; 2], detection: &str) -> String {
    let mix = detection
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:016x}{:016x}", random[0] ^ mix, random[1] ^ mix.rotate_left(29))
}

/// The file text with `line` added to the header, right after the `id = ` line. `None` when the
/// text has no such line before its first event.
pub fn with_header_line(text: &str, line: &str) -> Option<String> {
    let mut offset = 0;
    for current in text.split_inclusive('\n') {
        if current.trim_end() == "[[event]]" {
            return None;
        }
        offset += current.len();
        if current.starts_with("id = ") || current.starts_with("id=") {
            let newline = if current.ends_with('\n') { "" } else { "\n" };
            return Some(format!("{}{newline}{line}\n{}", &text[..offset], &text[offset..]));
        }
    }
    None
}
