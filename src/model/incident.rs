//! An incident is an append-only log of events; everything else about it is derived by folding
//! the log. Two clones that appended different events merge as the union of the logs, ordered by
//! a Lamport sequence number (`seq`), then by recording time, then by event id.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::tenant::Channel;
use super::time::format_local;

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
        }
    }
}

/// A few names and how many more: `a, b, c and 9,997 more`.
pub fn name_some(names: &[String]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN + 1 {
        names.join(", ")
    } else {
        format!("{} and {} more", names[..SHOWN].join(", "), names.len() - SHOWN)
    }
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
                 clap::ValueEnum)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// How bad it is; sev1 is the worst.
    Severity { Sev1 => "sev1", Sev2 => "sev2", Sev3 => "sev3", Sev4 => "sev4" }
);

word_enum!(
    /// How the event came to our attention. Customers reporting an incident is one way in.
    Source {
        Monitoring => "monitoring",
        CustomerReport => "customer-report",
        InternalReport => "internal-report",
        ExternalReport => "external-report",
        ThreatIntel => "threat-intel",
        Audit => "audit",
        Other => "other",
    }
);

word_enum!(
    /// Who is engaged on an incident.
    Role {
        Oce => "oce",
        Srt => "srt",
        Eim => "eim",
        Comms => "comms",
        Service => "service",
    }
);

impl Role {
    pub fn title(self) -> &'static str {
        match self {
            Role::Oce => "on-call engineer",
            Role::Srt => "security response team",
            Role::Eim => "executive incident manager",
            Role::Comms => "communications",
            Role::Service => "service team",
        }
    }
}

word_enum!(
    /// The effect on customer data that makes an event a security incident.
    Effect {
        Destruction => "destruction",
        Loss => "loss",
        Alteration => "alteration",
        Disclosure => "disclosure",
        Access => "access",
    }
);

impl Effect {
    /// The effect in plain words, for customers.
    pub fn plain(self) -> &'static str {
        match self {
            Effect::Destruction => "data was destroyed",
            Effect::Loss => "data was lost",
            Effect::Alteration => "data was altered",
            Effect::Disclosure => "data was disclosed without authorization",
            Effect::Access => "data was accessed without authorization",
        }
    }
}

word_enum!(
    /// Classifications some regimes start their clocks from (DORA: major; SEC: material).
    Classification { Major => "major", Material => "material" }
);

word_enum!(
    /// Where an incident stands on the main track of the process.
    Phase {
        Detected => "detected",
        OceEngaged => "oce-engaged",
        SrtEngaged => "srt-engaged",
        Confirmed => "confirmed",
        ImpactDetermined => "impact-determined",
        TenantsDetermined => "tenants-determined",
        Notified => "notified",
        Closed => "closed",
        Dismissed => "dismissed",
    }
);

impl Phase {
    pub fn is_open(self) -> bool {
        !matches!(self, Phase::Dismissed | Phase::Closed)
    }
}

/// Someone engaged in a role.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Engagement {
    pub role: Role,
    pub who: String,
    pub at: DateTime<Utc>,
}

/// A tenant on the incident's affected list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AffectedTenant {
    pub tenant: String,
    /// When it was found to be affected.
    pub since: DateTime<Utc>,
    /// What this tenant's drafts alone say, e.g. "3 mailboxes read".
    pub detail: Option<String>,
    /// Our first recorded notification of this tenant: when it became aware.
    pub notified_at: Option<DateTime<Utc>>,
}

/// An action item from the review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActionItem {
    /// `A1`, `A2`, … within the incident.
    pub id: String,
    pub text: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<chrono::NaiveDate>,
}

/// The response track: what has been done to contain, eradicate and recover.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Response {
    pub contained_at: Option<DateTime<Utc>>,
    pub containment: Option<String>,
    pub eradicated_at: Option<DateTime<Utc>>,
    pub eradication: Option<String>,
    pub vulnerability: Option<String>,
    pub approved_by: Option<String>,
    pub recovery: Option<String>,
    pub recovery_started_at: Option<DateTime<Utc>>,
    pub last_known_good: Option<String>,
    pub restored_from: Option<String>,
    pub inspected: bool,
    pub monitoring: bool,
    pub validated_by: Option<String>,
    pub recovered_at: Option<DateTime<Utc>>,
}

/// The post-incident review, with the state of its action items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Review {
    pub at: DateTime<Utc>,
    pub root_cause: String,
    pub went_well: Vec<String>,
    pub went_badly: Vec<String>,
    pub action_items: Vec<ActionItemState>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionItemState {
    #[serde(flatten)]
    pub item: ActionItem,
    pub done_at: Option<DateTime<Utc>>,
}

/// A notification recorded as sent.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Notification {
    pub tenant: String,
    pub channel: Channel,
    pub at: DateTime<Utc>,
    pub by: String,
    pub reference: Option<String>,
}

/// A classification and when it was made.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Classified {
    pub class: Classification,
    pub at: DateTime<Utc>,
}

/// A regime's stage recorded as filed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Filing {
    pub regime: String,
    pub stage: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub reference: Option<String>,
}

/// The latest impact assessment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Impact {
    pub effects: Vec<Effect>,
    pub summary: Option<String>,
    pub at: DateTime<Utc>,
}

/// The current state of an incident, derived from its log. Field names are the stable JSON
/// interface (`sirt show --format json`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub source: Source,
    pub phase: Phase,
    pub open: bool,
    pub started_at: Option<DateTime<Utc>>,
    pub detected_at: DateTime<Utc>,
    pub declared_at: Option<DateTime<Utc>>,
    pub dismissed_at: Option<DateTime<Utc>>,
    pub dismiss_reason: Option<String>,
    pub impact: Option<Impact>,
    pub engagements: Vec<Engagement>,
    /// Ordered by tenant id.
    #[serde(rename = "affected_tenants", serialize_with = "affected_as_list")]
    pub affected: BTreeMap<String, AffectedTenant>,
    /// What happened, for customers (the latest `describe`).
    pub description: Option<String>,
    /// What the provider has done, in order.
    pub actions: Vec<String>,
    /// What customers should do, in order.
    pub advice: Vec<String>,
    /// Whether it goes on the public service health dashboard.
    pub public: bool,
    /// The dashboard entry's own text (`sirt publish ID --text`).
    pub public_text: Option<String>,
    pub notifications: Vec<Notification>,
    pub response: Response,
    pub review: Option<Review>,
    pub closed_at: Option<DateTime<Utc>>,
    pub close_reason: Option<String>,
    pub classifications: Vec<Classified>,
    pub filings: Vec<Filing>,
    pub notes: usize,
    pub events: usize,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub last_seq: u64,
    /// The first notification to each tenant: when it became aware.
    #[serde(skip)]
    first_notified: BTreeMap<String, DateTime<Utc>>,
}

fn affected_as_list<S: serde::Serializer>(
    affected: &BTreeMap<String, AffectedTenant>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(affected.values())
}

/// Why a step is refused: what is wrong, and the command that would put it right.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub message: String,
    pub hint: Option<String>,
}

fn refuse(message: impl Into<String>, hint: impl Into<Option<String>>) -> Result<(), Refusal> {
    Err(Refusal { message: message.into(), hint: hint.into() })
}

impl IncidentLog {
    /// The events in fold order (Lamport sequence, then recording time, then id).
    pub fn ordered(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self.events.iter().collect();
        events.sort_by(|a, b| (a.seq, a.recorded_at, &a.id).cmp(&(b.seq, b.recorded_at, &b.id)));
        events
    }

    /// The log as it stood at `at`: only the events that had happened by then. `None` when the
    /// incident had not been detected yet.
    pub fn as_of(&self, at: DateTime<Utc>) -> Option<IncidentLog> {
        let events: Vec<Event> = self.events.iter().filter(|e| e.at <= at).cloned().collect();
        events.iter().any(|e| matches!(e.body, EventBody::Detected { .. })).then(|| IncidentLog {
            schema: self.schema,
            id: self.id.clone(),
            events,
        })
    }

    /// The sequence number the next appended event gets.
    pub fn next_seq(&self) -> u64 {
        self.events.iter().map(|e| e.seq).max().unwrap_or(0) + 1
    }

    /// Derives the current state. Fails only for logs no sequence of commands could produce.
    pub fn fold(&self) -> Result<Incident, String> {
        if self.schema != SCHEMA {
            return Err(format!("unsupported schema {} (this sirt reads {SCHEMA})", self.schema));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = self.events.iter().find(|e| !seen.insert(e.id.as_str())) {
            return Err(format!("event id {} appears twice", dup.id));
        }
        let ordered = self.ordered();
        let Some((first, rest)) = ordered.split_first() else {
            return Err("the log has no events".into());
        };
        let EventBody::Detected { title, severity, source, started } = &first.body else {
            return Err(format!("the first event is '{}', not 'detected'", first.body.kind()));
        };
        let mut incident = Incident {
            id: self.id.clone(),
            title: title.clone(),
            severity: *severity,
            source: *source,
            phase: Phase::Detected,
            open: true,
            started_at: *started,
            detected_at: first.at,
            declared_at: None,
            dismissed_at: None,
            dismiss_reason: None,
            impact: None,
            engagements: Vec::new(),
            affected: BTreeMap::new(),
            description: None,
            actions: Vec::new(),
            advice: Vec::new(),
            public: false,
            public_text: None,
            notifications: Vec::new(),
            response: Response::default(),
            review: None,
            closed_at: None,
            close_reason: None,
            classifications: Vec::new(),
            filings: Vec::new(),
            first_notified: BTreeMap::new(),
            notes: 0,
            events: self.events.len(),
            updated_at: first.recorded_at,
            last_seq: first.seq,
        };
        for event in rest {
            incident.apply(event)?;
        }
        incident.phase = incident.derive_phase();
        incident.open = incident.phase.is_open();
        Ok(incident)
    }
}

impl Incident {
    fn apply(&mut self, event: &Event) -> Result<(), String> {
        self.updated_at = self.updated_at.max(event.recorded_at);
        self.last_seq = self.last_seq.max(event.seq);
        match &event.body {
            EventBody::Detected { .. } => {
                return Err(format!("event {} detects the incident a second time", event.id));
            }
            EventBody::Engaged { role, who } => {
                self.engagements.push(Engagement { role: *role, who: who.clone(), at: event.at })
            }
            // Merged clones may both have declared; the earliest declaration starts the clock.
            EventBody::Confirmed {} => {
                self.declared_at = Some(self.declared_at.map_or(event.at, |t| t.min(event.at)))
            }
            EventBody::Dismissed { reason } => {
                self.dismissed_at = Some(event.at);
                self.dismiss_reason = Some(reason.clone());
            }
            EventBody::ImpactDetermined { effects, summary } => {
                self.impact =
                    Some(Impact { effects: effects.clone(), summary: summary.clone(), at: event.at })
            }
            EventBody::Note { .. } => self.notes += 1,
            EventBody::TenantsAffected { tenants, detail } => {
                for tenant in tenants {
                    let entry = self.affected.entry(tenant.clone()).or_insert_with(|| AffectedTenant {
                        tenant: tenant.clone(),
                        since: event.at,
                        detail: None,
                        notified_at: self.first_notified.get(tenant).copied(),
                    });
                    if detail.is_some() {
                        entry.detail = detail.clone();
                    }
                }
            }
            EventBody::TenantsUnaffected { tenants } => {
                for tenant in tenants {
                    self.affected.remove(tenant);
                }
            }
            EventBody::Notified { tenants, channel, reference } => {
                for tenant in tenants {
                    let first = self.first_notified.entry(tenant.clone()).or_insert(event.at);
                    *first = (*first).min(event.at);
                    if let Some(affected) = self.affected.get_mut(tenant) {
                        affected.notified_at = Some(*first);
                    }
                    self.notifications.push(Notification {
                        tenant: tenant.clone(),
                        channel: *channel,
                        at: event.at,
                        by: event.by.clone(),
                        reference: reference.clone(),
                    });
                }
            }
            EventBody::Classified { class } => {
                self.classifications.push(Classified { class: *class, at: event.at })
            }
            EventBody::Described { text } => self.description = Some(text.clone()),
            EventBody::Contained { summary, customer } => {
                self.response.contained_at.get_or_insert(event.at);
                self.response.containment = Some(summary.clone());
                self.actions.extend(customer.clone());
            }
            EventBody::Eradicated { summary, vulnerability, approved_by, customer } => {
                self.actions.extend(customer.clone());
                self.response.eradicated_at.get_or_insert(event.at);
                self.response.eradication = Some(summary.clone());
                if vulnerability.is_some() {
                    self.response.vulnerability = vulnerability.clone();
                }
                if approved_by.is_some() {
                    self.response.approved_by = approved_by.clone();
                }
            }
            EventBody::Recovered {
                summary,
                last_known_good,
                restored_from,
                inspected,
                monitoring,
                validated_by,
                customer,
            } => {
                self.actions.extend(customer.clone());
                let r = &mut self.response;
                r.recovery_started_at.get_or_insert(event.at);
                for (field, value) in [
                    (&mut r.recovery, summary),
                    (&mut r.last_known_good, last_known_good),
                    (&mut r.restored_from, restored_from),
                ] {
                    if value.is_some() {
                        *field = value.clone();
                    }
                }
                r.inspected |= inspected;
                r.monitoring |= monitoring;
                if validated_by.is_some() {
                    r.validated_by = validated_by.clone();
                    r.recovered_at.get_or_insert(event.at);
                }
            }
            EventBody::Reviewed { root_cause, went_well, went_badly, action_items } => {
                // A later review replaces the findings; items already done stay done.
                let done: Vec<(String, Option<DateTime<Utc>>)> = self
                    .review
                    .iter()
                    .flat_map(|r| r.action_items.iter().map(|a| (a.item.id.clone(), a.done_at)))
                    .collect();
                self.review = Some(Review {
                    at: event.at,
                    root_cause: root_cause.clone(),
                    went_well: went_well.clone(),
                    went_badly: went_badly.clone(),
                    action_items: action_items
                        .iter()
                        .map(|item| ActionItemState {
                            item: item.clone(),
                            done_at: done.iter().find(|(id, _)| *id == item.id).and_then(|(_, t)| *t),
                        })
                        .collect(),
                });
            }
            EventBody::ActionDone { item } => {
                if let Some(state) =
                    self.review.as_mut().and_then(|r| r.action_items.iter_mut().find(|a| a.item.id == *item))
                {
                    state.done_at.get_or_insert(event.at);
                }
            }
            EventBody::Closed { reason, .. } => {
                self.closed_at.get_or_insert(event.at);
                self.close_reason = reason.clone();
            }
            EventBody::ActionTaken { text } => self.actions.push(text.clone()),
            EventBody::Advised { text } => self.advice.push(text.clone()),
            EventBody::Published { public, text } => {
                self.public = *public;
                if text.is_some() {
                    self.public_text = text.clone();
                }
            }
            EventBody::Filed { regime, stage, reference } => self.filings.push(Filing {
                regime: regime.clone(),
                stage: stage.clone(),
                at: event.at,
                by: event.by.clone(),
                reference: reference.clone(),
            }),
        }
        Ok(())
    }

    fn derive_phase(&self) -> Phase {
        if self.closed_at.is_some() {
            Phase::Closed
        } else if self.dismissed_at.is_some() && self.declared_at.is_none() {
            Phase::Dismissed
        } else if self.declared_at.is_some()
            && !self.affected.is_empty()
            && self.affected.keys().all(|t| self.first_notified.contains_key(t))
        {
            Phase::Notified
        } else if !self.affected.is_empty() && self.declared_at.is_some() {
            Phase::TenantsDetermined
        } else if self.impact.is_some() && self.declared_at.is_some() {
            Phase::ImpactDetermined
        } else if self.declared_at.is_some() {
            Phase::Confirmed
        } else if self.is_role_engaged(Role::Srt) {
            Phase::SrtEngaged
        } else if self.is_role_engaged(Role::Oce) {
            Phase::OceEngaged
        } else {
            Phase::Detected
        }
    }

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

    /// When the tenant was first notified, on any channel.
    pub fn first_notified(&self, tenant: &str) -> Option<DateTime<Utc>> {
        self.first_notified.get(tenant).copied()
    }

    /// When the incident was first classified as `class` (`major`, `material`).
    pub fn classified_at(&self, class: &str) -> Option<DateTime<Utc>> {
        self.classifications.iter().filter(|c| c.class.as_str() == class).map(|c| c.at).min()
    }

    /// When a regime's stage was first recorded as filed.
    pub fn filed_at(&self, regime: &str, stage: &str) -> Option<DateTime<Utc>> {
        self.filings.iter().filter(|f| f.regime == regime && f.stage == stage).map(|f| f.at).min()
    }

    pub fn is_role_engaged(&self, role: Role) -> bool {
        self.engagements.iter().any(|e| e.role == role)
    }

    pub fn is_engaged(&self, role: Role, who: &str) -> bool {
        self.engagements.iter().any(|e| e.role == role && e.who.eq_ignore_ascii_case(who))
    }

    /// Whether the process allows recording `body` as having happened at `at`, given the time
    /// is now `now`. The seeds fix only some orders: engagement, notes and the like may come at
    /// any point; the declaration needs a live incident, the impact needs the declaration.
    pub fn check(&self, body: &EventBody, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Refusal> {
        let id = &self.id;
        check_not_future(at, now)?;
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
        if let Some(closed) = self.closed_at
            && !matches!(body, EventBody::Note { .. } | EventBody::ActionDone { .. })
        {
            return refuse(
                format!(
                    "{id} was closed on {}; only notes and finished action items can be added",
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
            EventBody::Detected { .. } => refuse(format!("{id} is already detected"), None),
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
                    Some(a) if a.done_at.is_some() => {
                        refuse(format!("action item {item} is already done"), None)
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2026-11-20T{s}:00Z").parse().unwrap()
    }

    fn event(id: &str, seq: u64, at: &str, body: EventBody) -> Event {
        Event { id: id.into(), seq, at: t(at), recorded_at: t(at), by: "ana".into(), body }
    }

    fn detected() -> Event {
        event(
            "E1",
            1,
            "08:00",
            EventBody::Detected {
                title: "odd sign-ins".into(),
                severity: Severity::Sev2,
                source: Source::Monitoring,
                started: Some(t("06:00")),
            },
        )
    }

    fn log(events: Vec<Event>) -> IncidentLog {
        IncidentLog { schema: SCHEMA, id: "INC-0000-0001".into(), events }
    }

    fn engaged(id: &str, seq: u64, role: Role) -> Event {
        event(id, seq, "08:10", EventBody::Engaged { role, who: "bo".into() })
    }

    #[test]
    fn a_new_incident_is_detected_and_open() {
        let incident = log(vec![detected()]).fold().unwrap();
        assert_eq!(incident.phase, Phase::Detected);
        assert!(incident.open);
        assert_eq!(incident.started_at, Some(t("06:00")));
        assert_eq!(incident.detected_at, t("08:00"));
    }

    #[test]
    fn phases_follow_the_main_track() {
        let mut events = vec![detected(), engaged("E2", 2, Role::Oce)];
        assert_eq!(log(events.clone()).fold().unwrap().phase, Phase::OceEngaged);
        events.push(engaged("E3", 3, Role::Srt));
        assert_eq!(log(events.clone()).fold().unwrap().phase, Phase::SrtEngaged);
        events.push(event("E4", 4, "09:00", EventBody::Confirmed {}));
        let confirmed = log(events.clone()).fold().unwrap();
        assert_eq!((confirmed.phase, confirmed.declared_at), (Phase::Confirmed, Some(t("09:00"))));
        events.push(event(
            "E5",
            5,
            "10:00",
            EventBody::ImpactDetermined { effects: vec![Effect::Access], summary: None },
        ));
        let assessed = log(events).fold().unwrap();
        assert_eq!(assessed.phase, Phase::ImpactDetermined);
        assert_eq!(assessed.impact.unwrap().effects, vec![Effect::Access]);
    }

    #[test]
    fn a_later_assessment_replaces_the_earlier_one() {
        let events = vec![
            detected(),
            event("E2", 2, "09:00", EventBody::Confirmed {}),
            event("E3", 3, "10:00", EventBody::ImpactDetermined { effects: vec![], summary: None }),
            event(
                "E4",
                4,
                "11:00",
                EventBody::ImpactDetermined { effects: vec![Effect::Loss], summary: None },
            ),
        ];
        assert_eq!(log(events).fold().unwrap().impact.unwrap().effects, vec![Effect::Loss]);
    }

    #[test]
    fn dismissal_closes_the_incident() {
        let events =
            vec![detected(), event("E2", 2, "09:00", EventBody::Dismissed { reason: "drill".into() })];
        let incident = log(events).fold().unwrap();
        assert_eq!(incident.phase, Phase::Dismissed);
        assert!(!incident.open);
    }

    #[test]
    fn the_fold_does_not_depend_on_file_order() {
        let events = vec![
            engaged("E3", 3, Role::Srt),
            event("E2", 2, "08:05", EventBody::Note { text: "x".into() }),
            detected(),
        ];
        let incident = log(events).fold().unwrap();
        assert_eq!((incident.notes, incident.phase), (1, Phase::SrtEngaged));
    }

    #[test]
    fn union_of_two_clones_folds_with_the_earliest_declaration() {
        // Both clones appended seq 2 while apart.
        let events = vec![
            detected(),
            event("EA", 2, "09:30", EventBody::Confirmed {}),
            event("EB", 2, "09:00", EventBody::Confirmed {}),
        ];
        assert_eq!(log(events).fold().unwrap().declared_at, Some(t("09:00")));
    }

    #[test]
    fn impossible_logs_are_reported() {
        assert!(log(vec![]).fold().unwrap_err().contains("no events"));
        assert!(log(vec![engaged("E2", 1, Role::Oce)]).fold().unwrap_err().contains("first event"));
        let mut twice = detected();
        twice.seq = 2;
        twice.id = "E9".into();
        assert!(log(vec![detected(), twice]).fold().unwrap_err().contains("second time"));
        assert!(log(vec![detected(), detected()]).fold().unwrap_err().contains("twice"));
        let mut future = log(vec![detected()]);
        future.schema = 99;
        assert!(future.fold().unwrap_err().contains("schema"));
    }

    #[test]
    fn rules_refuse_steps_out_of_order() {
        let now = t("12:00");
        let open = log(vec![detected()]).fold().unwrap();
        let impact = EventBody::ImpactDetermined { effects: vec![Effect::Access], summary: None };
        let refusal = open.check(&impact, t("10:00"), now).unwrap_err();
        assert!(refusal.message.contains("not confirmed"));
        assert_eq!(refusal.hint.as_deref(), Some("sirt confirm INC-0000-0001"));

        let before = open.check(&EventBody::Confirmed {}, t("07:00"), now).unwrap_err();
        assert!(before.message.contains("before INC-0000-0001 was detected"));
        let future = open.check(&EventBody::Confirmed {}, t("13:00"), now).unwrap_err();
        assert!(future.message.contains("in the future"));
        assert!(open.check(&EventBody::Confirmed {}, t("09:00"), now).is_ok());

        let dismissed =
            log(vec![detected(), event("E2", 2, "09:00", EventBody::Dismissed { reason: "drill".into() })])
                .fold()
                .unwrap();
        let refusal = dismissed.check(&EventBody::Confirmed {}, t("10:00"), now).unwrap_err();
        assert!(refusal.message.contains("dismissed"));
        assert!(refusal.hint.unwrap().contains("sirt detect"));
        assert!(dismissed.check(&EventBody::Note { text: "x".into() }, t("10:00"), now).is_ok());

        let declared =
            log(vec![detected(), event("E2", 2, "09:00", EventBody::Confirmed {})]).fold().unwrap();
        assert!(declared.check(&EventBody::Confirmed {}, t("10:00"), now).is_err());
        assert!(declared.check(&EventBody::Dismissed { reason: "x".into() }, t("10:00"), now).is_err());
        assert!(declared.check(&impact, t("08:30"), now).unwrap_err().message.contains("before"));
        assert!(declared.check(&impact, t("09:30"), now).is_ok());
    }

    #[test]
    fn affected_tenants_accumulate_and_can_be_taken_back() {
        let affected = |id: &str, seq, tenants: &[&str], detail: Option<&str>| {
            event(
                id,
                seq,
                "10:00",
                EventBody::TenantsAffected {
                    tenants: tenants.iter().map(|t| t.to_string()).collect(),
                    detail: detail.map(String::from),
                },
            )
        };
        let events = vec![
            detected(),
            event("E2", 2, "09:00", EventBody::Confirmed {}),
            affected("E3", 3, &["contoso", "fabrikam"], None),
            affected("E4", 4, &["contoso"], Some("3 mailboxes read")),
            event("E5", 5, "11:00", EventBody::TenantsUnaffected { tenants: vec!["fabrikam".into()] }),
            affected("E6", 6, &["woodgrove"], None),
        ];
        let incident = log(events).fold().unwrap();
        assert_eq!(incident.phase, Phase::TenantsDetermined);
        let names: Vec<&str> = incident.affected.keys().map(String::as_str).collect();
        assert_eq!(names, ["contoso", "woodgrove"]);
        assert_eq!(incident.affected["contoso"].detail.as_deref(), Some("3 mailboxes read"));

        let open = log(vec![detected()]).fold().unwrap();
        let body = EventBody::TenantsAffected { tenants: vec!["contoso".into()], detail: None };
        assert_eq!(
            open.check(&body, t("10:00"), t("12:00")).unwrap_err().hint.as_deref(),
            Some("sirt confirm INC-0000-0001")
        );
    }

    #[test]
    fn long_lists_are_named_in_part() {
        let names: Vec<String> = (1..=6).map(|n| format!("t{n}")).collect();
        assert_eq!(name_some(&names), "t1, t2, t3 and 3 more");
        assert_eq!(name_some(&names[..4]), "t1, t2, t3, t4");
    }

    #[test]
    fn detection_cannot_start_after_it_was_detected() {
        let now = t("12:00");
        assert!(check_detection(t("08:00"), Some(t("09:00")), now).is_err());
        assert!(check_detection(t("13:00"), None, now).is_err());
        assert!(check_detection(t("08:00"), Some(t("07:00")), now).is_ok());
    }

    #[test]
    fn the_log_round_trips_through_toml() {
        let original = log(vec![
            detected(),
            engaged("E2", 2, Role::Oce),
            event("E3", 3, "09:00", EventBody::Confirmed {}),
        ]);
        let text = toml::to_string(&original).unwrap();
        let back: IncidentLog = toml::from_str(&text).unwrap();
        assert_eq!(back, original);
        assert_eq!(original.next_seq(), 4);
    }
}
