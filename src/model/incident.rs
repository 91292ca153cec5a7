//! An incident's current state, derived by folding its append-only log of events.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::event::{Event, EventBody, IncidentLog, SCHEMA};
pub use super::state::{
    ActionItem, ActionItemState, AffectedTenant, Classified, Correction, Engagement, Filing, Impact,
    Notification, Response, Review,
};
use super::vocab::{Phase, Role, Severity, Source};

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
    /// Corrections and retractions of earlier events, in the order they were recorded.
    pub corrections: Vec<Correction>,
    /// Kinds of the events this sirt does not know and left out of the fold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_events: Vec<String>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub last_seq: u64,
    /// The first notification to each tenant: when it became aware.
    #[serde(skip)]
    pub(crate) first_notified: BTreeMap<String, DateTime<Utc>>,
}

fn affected_as_list<S: serde::Serializer>(
    affected: &BTreeMap<String, AffectedTenant>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(affected.values())
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
            unknown: self.unknown.clone(),
        })
    }

    /// The sequence number the next appended event gets.
    pub fn next_seq(&self) -> u64 {
        // Saturating: a hand-edited seq at the top of the range must not wrap to 0. The next
        // write then fails to encode (TOML integers stop at i64::MAX) and says so.
        self.events.iter().map(|e| e.seq).max().unwrap_or(0).saturating_add(1)
    }

    fn kind_of(&self, event: &str) -> String {
        self.events.iter().find(|e| e.id == event).map_or("?", |e| e.body.kind()).to_string()
    }

    /// The events the state is folded from, in fold order: corrections applied (the corrected
    /// event takes its new time), retracted events and unknown kinds left out, and the
    /// corrections themselves kept aside. Fails when a correction names no event of the log.
    pub fn effective(&self) -> Result<Vec<std::borrow::Cow<'_, Event>>, String> {
        use std::borrow::Cow;
        let ordered = self.ordered();
        let mut moved: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
        let mut retracted: std::collections::HashSet<&str> = Default::default();
        for event in &ordered {
            let target = match &event.body {
                EventBody::Corrected { event: target, at, .. } => {
                    moved.insert(target, *at);
                    target
                }
                EventBody::Retracted { event: target, .. } => {
                    retracted.insert(target);
                    target
                }
                _ => continue,
            };
            if !self.events.iter().any(|e| &e.id == target) {
                return Err(format!("event {} corrects event {target}, which is not in the log", event.id));
            }
        }
        Ok(ordered
            .into_iter()
            .filter(|e| !retracted.contains(e.id.as_str()))
            .filter(|e| {
                !matches!(
                    e.body,
                    EventBody::Corrected { .. } | EventBody::Retracted { .. } | EventBody::Unknown
                )
            })
            .map(|e| match moved.get(e.id.as_str()) {
                Some(at) => Cow::Owned(Event { at: *at, ..e.clone() }),
                None => Cow::Borrowed(e),
            })
            .collect())
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
        let ordered = self.effective()?;
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
            corrections: Vec::new(),
            unknown_events: Vec::new(),
            updated_at: first.recorded_at,
            last_seq: first.seq,
        };
        for event in rest {
            incident.apply(event)?;
        }
        for event in self.ordered() {
            match &event.body {
                EventBody::Corrected { event: target, at, reason } => incident.corrections.push(Correction {
                    event: target.clone(),
                    kind: self.kind_of(target),
                    corrected_at: Some(*at),
                    reason: reason.clone(),
                    by: event.by.clone(),
                    recorded_at: event.recorded_at,
                }),
                EventBody::Retracted { event: target, reason } => incident.corrections.push(Correction {
                    event: target.clone(),
                    kind: self.kind_of(target),
                    corrected_at: None,
                    reason: reason.clone(),
                    by: event.by.clone(),
                    recorded_at: event.recorded_at,
                }),
                _ => {}
            }
        }
        incident.unknown_events = self.unknown.iter().map(|(_, kind)| kind.clone()).collect();
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
            EventBody::Corrected { .. } | EventBody::Retracted { .. } | EventBody::Unknown => {}
            EventBody::TenantsUnaffected { tenants, .. } => {
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
                self.actions.extend(customer.clone());
                self.response.contained_at.get_or_insert(event.at);
                self.response.containment = Some(summary.clone());
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
}

impl Incident {
    /// What later corrections say of event `id`, in words ("time corrected to … by …: why"),
    /// with times shown by `show_time`; `None` when nothing corrected it.
    pub fn superseded(&self, id: &str, show_time: impl Fn(DateTime<Utc>) -> String) -> Option<String> {
        let notes: Vec<String> = self
            .corrections
            .iter()
            .filter(|c| c.event == id)
            .map(|c| match c.corrected_at {
                Some(at) => format!("time corrected to {} by {}: {}", show_time(at), c.by, c.reason),
                None => format!("retracted by {}: {}", c.by, c.reason),
            })
            .collect();
        (!notes.is_empty()).then(|| notes.join("; "))
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rules::check_detection;
    use crate::model::vocab::Effect;
    use crate::text::name_some;

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
        IncidentLog { schema: SCHEMA, id: "INC-0000-0001".into(), events, unknown: Vec::new() }
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
        let refusal = open.check(&impact, t("10:00"), now, crate::model::time::Zone::Utc).unwrap_err();
        assert!(refusal.message.contains("not confirmed"));
        assert_eq!(refusal.hint.as_deref(), Some("sirt confirm INC-0000-0001"));

        let before =
            open.check(&EventBody::Confirmed {}, t("07:00"), now, crate::model::time::Zone::Utc).unwrap_err();
        assert!(before.message.contains("before INC-0000-0001 was detected"));
        let future =
            open.check(&EventBody::Confirmed {}, t("13:00"), now, crate::model::time::Zone::Utc).unwrap_err();
        assert!(future.message.contains("in the future"));
        assert!(open.check(&EventBody::Confirmed {}, t("09:00"), now, crate::model::time::Zone::Utc).is_ok());

        let dismissed =
            log(vec![detected(), event("E2", 2, "09:00", EventBody::Dismissed { reason: "drill".into() })])
                .fold()
                .unwrap();
        let refusal = dismissed
            .check(&EventBody::Confirmed {}, t("10:00"), now, crate::model::time::Zone::Utc)
            .unwrap_err();
        assert!(refusal.message.contains("dismissed"));
        assert!(refusal.hint.unwrap().contains("sirt detect"));
        assert!(
            dismissed
                .check(&EventBody::Note { text: "x".into() }, t("10:00"), now, crate::model::time::Zone::Utc)
                .is_ok()
        );

        let declared =
            log(vec![detected(), event("E2", 2, "09:00", EventBody::Confirmed {})]).fold().unwrap();
        assert!(
            declared.check(&EventBody::Confirmed {}, t("10:00"), now, crate::model::time::Zone::Utc).is_err()
        );
        assert!(
            declared
                .check(
                    &EventBody::Dismissed { reason: "x".into() },
                    t("10:00"),
                    now,
                    crate::model::time::Zone::Utc
                )
                .is_err()
        );
        assert!(
            declared
                .check(&impact, t("08:30"), now, crate::model::time::Zone::Utc)
                .unwrap_err()
                .message
                .contains("before")
        );
        assert!(declared.check(&impact, t("09:30"), now, crate::model::time::Zone::Utc).is_ok());
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
            event(
                "E5",
                5,
                "11:00",
                EventBody::TenantsUnaffected { tenants: vec!["fabrikam".into()], reason: None },
            ),
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
            open.check(&body, t("10:00"), t("12:00"), crate::model::time::Zone::Utc)
                .unwrap_err()
                .hint
                .as_deref(),
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
        assert!(check_detection(t("08:00"), Some(t("09:00")), now, crate::model::time::Zone::Utc).is_err());
        assert!(check_detection(t("13:00"), None, now, crate::model::time::Zone::Utc).is_err());
        assert!(check_detection(t("08:00"), Some(t("07:00")), now, crate::model::time::Zone::Utc).is_ok());
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
