//! Clocks: every promise with a time limit that an incident sets running, and how it stands.
//!
//! Three kinds: the *contract* clock from the declaration to our notification of each affected
//! tenant; *own-regime* clocks for the regimes the provider itself answers to, stopped by a
//! recorded filing; and *tenant-regime* clocks, the tenant's own obligations, which start when
//! our notification makes the tenant aware. Elapsed time is counted in UTC; days in the zone and
//! with the holidays of the jurisdiction (see `counting`). Everything is "as of" a time: events
//! after it have not happened yet.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

pub use super::counting::Limit;
use super::counting::{Days, Reckoning};
use super::incident::Incident;
use super::regime::{Catalog, Regime, Stage};
use super::settings::{AwareAt, Settings};
use super::time::Zone;

/// Which kind of promise a clock tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockKind {
    Contract,
    OwnRegime,
    TenantRegime,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Overdue,
    AtRisk,
    Running,
    Pending,
    Late,
    Met,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Running => "running",
            Status::AtRisk => "at-risk",
            Status::Overdue => "overdue",
            Status::Met => "met",
            Status::Late => "late",
        }
    }

    /// Still ticking: not yet met or late.
    pub fn is_live(self) -> bool {
        matches!(self, Status::Overdue | Status::AtRisk | Status::Running | Status::Pending)
    }
}

/// One clock, with everything needed to say why it exists and what stops it. Field names are the
/// stable JSON interface of `sirt deadlines --format json`. Text shared by many clocks of one
/// report is reference-counted: an incident with a thousand affected tenants has thousands of
/// clocks, and copying the same strings into each was most of the report's time.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Deadline {
    pub incident: Arc<str>,
    pub clock: ClockKind,
    /// The tenant, or the authority, the promise is owed to.
    pub party: Arc<str>,
    pub tenant: Option<Arc<str>>,
    /// The rule in words: `contract 24h`, `nis2-art23 early warning (24h)`.
    pub rule: Arc<str>,
    pub regime: Option<Arc<str>>,
    pub stage: Option<Arc<str>>,
    pub limit: Arc<str>,
    /// How sure the catalog is of the limit: text, secondary or unverified.
    pub verified: Option<Arc<str>>,
    /// The event that started it, in words, or what it waits for.
    pub started_by: Arc<str>,
    pub started_at: Option<DateTime<Utc>>,
    pub due: Option<DateTime<Utc>>,
    /// The rule that sets the due time, in words: `1 month after 'incident notification' is filed`.
    pub due_rule: Arc<str>,
    pub done_at: Option<DateTime<Utc>>,
    pub status: Status,
}

impl Deadline {
    /// The command that stops the clock.
    pub fn stop(&self) -> String {
        match (self.clock, &self.tenant, &self.regime, &self.stage) {
            (ClockKind::Contract, Some(tenant), _, _) => {
                format!("sirt notified {} {tenant} --via email-admin", self.incident)
            }
            (ClockKind::Contract, None, _, _) => format!("sirt affected {} TENANT…", self.incident),
            (ClockKind::OwnRegime, _, Some(regime), Some(stage)) => {
                format!("sirt filed {} {regime} \"{stage}\"", self.incident)
            }
            _ => "the tenant's to file; shown for information".into(),
        }
    }

    /// Sort key: overdue first (most overdue first), then at risk, running by due time, then
    /// clocks without a due time, then pending.
    pub fn urgency(&self) -> (Status, bool, Option<DateTime<Utc>>) {
        (self.status, self.due.is_none(), self.due)
    }
}

/// What the clocks are computed from: the catalog (with the store's additions) and the settings.
pub struct Rules<'a> {
    pub catalog: &'a Catalog,
    pub settings: &'a Settings,
}

/// What the clocks need to know of an affected tenant.
pub struct TenantTerms<'a> {
    /// The tenant's id, as the incident names it, shared by all its clocks.
    pub id: Arc<str>,
    pub limit: Option<Limit>,
    pub regimes: &'a [String],
    /// Tenants with the same class have the same limit and regimes, so they share clocks: the
    /// clocks of a class are worked out once per notification time.
    pub class: u32,
}

/// The rule, limit and due rule of a contract clock, in words.
type ContractTexts = (Arc<str>, Arc<str>, Arc<str>);

/// The contract clocks of one incident: what every affected tenant's clock shares, worked out
/// once. The rule texts are shared too, one per distinct limit.
pub(super) struct ContractClocks<'r> {
    rules: &'r Rules<'r>,
    incident: Arc<str>,
    declared: Option<DateTime<Utc>>,
    store_due: Option<DateTime<Utc>>,
    reckoning: Reckoning<'r>,
    now: DateTime<Utc>,
    texts: Vec<(Limit, ContractTexts)>,
}

impl<'r> ContractClocks<'r> {
    pub(super) fn new(rules: &'r Rules<'r>, incident: &Incident, now: DateTime<Utc>) -> ContractClocks<'r> {
        let declared = incident.declared_at.filter(|t| *t <= now);
        let reckoning =
            Reckoning { zone: Zone::Utc, holidays: &rules.settings.holidays, days: Days::FromTheTime };
        let store_due = declared.and_then(|t| rules.settings.contract_limit.due(t, &reckoning));
        ContractClocks {
            rules,
            incident: Arc::from(incident.id.as_str()),
            declared,
            store_due,
            reckoning,
            now,
            texts: Vec::new(),
        }
    }

    /// Whether the clocks run: only once the incident is declared.
    pub(super) fn running(&self) -> bool {
        self.declared.is_some()
    }

    /// The clock owed to `tenant` (none: the tenants are not yet determined), stopped by its
    /// notification `done`, with the tenant's own limit if it has one.
    pub(super) fn clock(
        &mut self,
        tenant: Option<Arc<str>>,
        done: Option<DateTime<Utc>>,
        own: Option<Limit>,
    ) -> Deadline {
        let (declared, store_due, now) = (self.declared, self.store_due, self.now);
        let store_limit = self.rules.settings.contract_limit;
        // The store's limit caps a tenant's longer one, should the store's have been lowered.
        let own_due = own.and_then(|l| declared.and_then(|t| l.due(t, &self.reckoning)));
        let (limit, due) = match (own, own_due) {
            (Some(l), Some(d)) if store_due.is_none_or(|s| d <= s) => (l, Some(d)),
            _ => (store_limit, store_due),
        };
        let capped = own.is_some_and(|l| l != limit);
        let (rule, limit_name, due_rule) =
            match self.texts.iter().find(|(l, _)| *l == limit).filter(|_| !capped) {
                Some((_, texts)) => texts.clone(),
                None => {
                    let name: Arc<str> = limit.text().into();
                    let rule: Arc<str> = format!("contract {name}").into();
                    let mut words = format!("{} after the declaration", limit.words());
                    if let Some(own) = own.filter(|_| capped) {
                        words.push_str(&format!(
                            " (the store's limit, shorter than the tenant's {})",
                            own.text()
                        ));
                    }
                    let words: Arc<str> = words.into();
                    if !capped {
                        self.texts.push((limit, (rule.clone(), name.clone(), words.clone())));
                    }
                    (rule, name, words)
                }
            };
        let done = done.filter(|t| *t <= now);
        Deadline {
            incident: self.incident.clone(),
            clock: ClockKind::Contract,
            party: tenant.clone().unwrap_or_else(|| "tenants not yet determined".into()),
            tenant,
            rule,
            regime: None,
            stage: None,
            limit: limit_name,
            verified: None,
            started_by: "declaration".into(),
            started_at: declared,
            due,
            due_rule,
            done_at: done,
            status: self.rules.status(limit, declared, due, done, now),
        }
    }
}

/// When a trigger or anchor happened, in words; or what it still waits for.
type Anchored = Result<(DateTime<Utc>, String), String>;

impl Rules<'_> {
    /// Where a clock stands as of `now`. `binding` is the limit that sets the due time: it sizes
    /// the at-risk margin (less than the margin left is at risk).
    fn status(
        &self,
        binding: Limit,
        started: Option<DateTime<Utc>>,
        due: Option<DateTime<Utc>>,
        done: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Status {
        let Some(_) = started else { return Status::Pending };
        match (done, due) {
            (Some(done), Some(due)) if done > due => Status::Late,
            (Some(_), _) => Status::Met,
            (None, None) => Status::Running,
            (None, Some(due)) if now > due => Status::Overdue,
            (None, Some(due)) => {
                let margin = match binding.nominal() {
                    Some(length) if length >= Duration::days(1) => self.settings.at_risk_margin.0,
                    Some(length) => length / 4,
                    None => Duration::zero(),
                };
                if due - now < margin { Status::AtRisk } else { Status::Running }
            }
        }
    }

    fn aware_at_detection(&self) -> bool {
        self.settings.aware_at == AwareAt::Detection
    }

    /// The anchor in words, as the object of "after": `the declaration`, `'x' is filed`.
    fn anchor_words(&self, anchor: &str) -> String {
        match anchor {
            "discovered" => "the detection".into(),
            "aware" | "assessed" if self.aware_at_detection() => "the detection".into(),
            "aware" | "assessed" | "declared" => "the declaration".into(),
            "classified_major" => "the classification as major".into(),
            "determined_material" => "the determination of materiality".into(),
            "calendar_year_end" => "the end of the calendar year".into(),
            stage if stage.starts_with("stage:") => format!("'{}' is filed", &stage["stage:".len()..]),
            other => format!("'{}' (not recorded by sirt)", other.replace('_', " ")),
        }
    }

    /// When a trigger or anchor of the catalog happened on this incident by `now`, and in words.
    fn anchor_time(
        &self,
        incident: &Incident,
        regime: &Regime,
        anchor: &str,
        now: DateTime<Utc>,
    ) -> Anchored {
        let by_now = |t: Option<DateTime<Utc>>| t.filter(|t| *t <= now);
        let declared = || {
            by_now(incident.declared_at)
                .map(|t| (t, "declaration".to_string()))
                .ok_or("the declaration".to_string())
        };
        let aware = || {
            if self.aware_at_detection() {
                Ok((incident.detected_at, "detection".to_string()))
            } else {
                declared()
            }
        };
        match anchor {
            "discovered" => Ok((incident.detected_at, "detection".into())),
            "aware" | "assessed" => aware(),
            "declared" => declared(),
            "classified_major" => by_now(incident.classified_at("major"))
                .map(|t| (t, "classified major".into()))
                .ok_or("a classification as major (sirt classify ID major)".into()),
            "determined_material" => by_now(incident.classified_at("material"))
                .map(|t| (t, "determined material".into()))
                .ok_or("a determination of materiality (sirt classify ID material)".into()),
            // Needs no event: the end of the calendar year in which the regime's trigger happened.
            "calendar_year_end" => {
                let (from, _) = self.anchor_time(incident, regime, &regime.trigger, now)?;
                let year = regime.zone.wall(from).year();
                let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or("a year sirt can count")?;
                let end = regime.zone.end_of_day(last).ok_or("a year sirt can count")?;
                Ok((end, format!("end of {year}")))
            }
            stage if stage.starts_with("stage:") => {
                let name = &stage["stage:".len()..];
                by_now(incident.filed_at(&regime.id, name))
                    .map(|t| (t, format!("{name} filed")))
                    .ok_or(format!("the filing of '{name}'"))
            }
            other => Err(format!("'{}', which sirt does not record", other.replace('_', " "))),
        }
    }

    /// How a regime's stage counts days: the regime's zone and calendar, the stage's day rule.
    fn reckoning<'r>(&'r self, regime: &Regime, stage: &Stage) -> Reckoning<'r> {
        let days = match stage.day_rule() {
            Days::Whole => Days::Whole,
            // Unclear text: from the time of day, the earlier reading.
            Days::FromTheTime | Days::Unclear => Days::FromTheTime,
        };
        Reckoning { zone: regime.zone, holidays: self.settings.holidays_of(regime), days }
    }

    /// The rule of a stage in words, with how its days are counted where that matters.
    fn rule_text(regime: &Regime, stage: &Stage, tail: &str) -> Arc<str> {
        let days = match (stage.within, stage.day_rule()) {
            (Limit::Minutes(_) | Limit::Asap, _) | (_, Days::FromTheTime) => String::new(),
            (_, Days::Whole) => format!(" [whole days, {}]", regime.zone.name()),
            (_, Days::Unclear) => " [days unclear: the earlier reading]".into(),
        };
        format!("{} {} ({}){tail}{days}", regime.id, stage.name, stage.within.text()).into()
    }

    pub(super) fn regime_clock(
        &self,
        incident: &Incident,
        regime: &Regime,
        stage: &Stage,
        now: DateTime<Utc>,
    ) -> Deadline {
        let limit = stage.within;
        let anchor = stage.anchor.clone().unwrap_or_else(|| regime.trigger.clone());
        let reckoning = self.reckoning(regime, stage);
        let start = self.anchor_time(incident, regime, &anchor, now);
        let mut due = start.as_ref().ok().and_then(|(t, _)| limit.due(*t, &reckoning));
        let mut binding = limit;
        let mut started = start.as_ref().ok().map(|(t, what)| (*t, what.clone()));
        let mut done = incident.filed_at(&regime.id, &stage.name).filter(|t| *t <= now);
        let mut due_rule = match limit {
            Limit::Asap => format!("as soon as possible after {}", self.anchor_words(&anchor)),
            _ => format!("{} after {}", limit.words(), self.anchor_words(&anchor)),
        };
        // An outer limit from another anchor (DORA: 4h from the classification, at most 24h from
        // awareness): whichever ends first sets the due time, and runs even before the trigger.
        if let (Some(cap), Some(cap_anchor)) = (stage.cap, &stage.cap_anchor)
            && let Ok((from, what)) = self.anchor_time(incident, regime, cap_anchor, now)
            && let Some(cap_due) = cap.due(from, &reckoning)
        {
            due_rule.push_str(&format!(
                ", and at most {} after {}",
                cap.words(),
                self.anchor_words(cap_anchor)
            ));
            if due.is_none_or(|d| cap_due < d) {
                due = Some(cap_due);
                binding = cap;
            }
            if let Err(waits) = &start {
                let not_major = anchor == "classified_major"
                    && incident.classified_at("not-major").filter(|t| *t <= now).is_some();
                if not_major {
                    done = done.or(incident.classified_at("not-major"));
                    started = Some((from, format!("{what}; classified not major")));
                } else {
                    started = Some((
                        from,
                        format!(
                            "{what}; the {} cap runs while it waits for {waits}{}",
                            cap.text(),
                            if anchor == "classified_major" {
                                ": classify the incident, or record that it is not major (sirt classify ID not-major)"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
            }
        }
        let started_at = started.as_ref().map(|(t, _)| *t);
        Deadline {
            incident: Arc::from(incident.id.as_str()),
            clock: ClockKind::OwnRegime,
            party: regime.recipient(stage).into(),
            tenant: None,
            rule: Self::rule_text(regime, stage, ""),
            regime: Some(regime.id.as_str().into()),
            stage: Some(stage.name.as_str().into()),
            limit: limit.text().into(),
            verified: Some(stage.verified.as_str().into()),
            started_by: match (&started, &start) {
                (Some((_, what)), _) => what.as_str().into(),
                (None, Err(waits)) => format!("waits for {waits}").into(),
                (None, Ok(_)) => "-".into(),
            },
            started_at,
            due,
            due_rule: due_rule.into(),
            done_at: done,
            status: self.status(binding, started_at, due, done, now),
        }
    }

    /// The tenant's own obligation, for information: runs from our notification when the
    /// regime's clock starts at awareness, and waits otherwise (e.g. the tenant classifying).
    pub(super) fn tenant_clock(
        &self,
        incident: &Arc<str>,
        tenant: &str,
        regime: &Regime,
        stage: &Stage,
        notified: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Deadline {
        let limit = stage.within;
        let from_awareness =
            matches!(regime.trigger.as_str(), "aware" | "discovered" | "declared" | "assessed");
        let started_at = notified.filter(|_| from_awareness);
        let due = started_at.and_then(|t| limit.due(t, &self.reckoning(regime, stage)));
        let from = if from_awareness {
            "our notification".to_string()
        } else {
            format!("the tenant's {}", regime.trigger.replace('_', " "))
        };
        Deadline {
            incident: incident.clone(),
            clock: ClockKind::TenantRegime,
            party: format!("{tenant} → {}", regime.recipient(stage)).into(),
            tenant: Some(tenant.into()),
            rule: Self::rule_text(regime, stage, ", the tenant's own"),
            regime: Some(regime.id.as_str().into()),
            stage: Some(stage.name.as_str().into()),
            limit: limit.text().into(),
            verified: Some(stage.verified.as_str().into()),
            started_by: match (started_at, from_awareness) {
                (Some(_), _) => "our notification".into(),
                (None, true) => "waits for our notification".into(),
                (None, false) => format!("waits for the tenant: {}", regime.trigger.replace('_', " ")).into(),
            },
            started_at,
            due,
            due_rule: match limit {
                Limit::Asap => format!("as soon as possible after {from}"),
                _ => format!("{} after {from}", limit.words()),
            }
            .into(),
            done_at: None,
            status: self.status(limit, started_at, due, None, now),
        }
    }
}

/// Reads a tenant's or the store's limit (`24h`, `90m`, `3d`) as a clock limit.
pub fn limit_from_span(text: &str) -> Option<Limit> {
    Limit::parse(text).filter(|l| *l != Limit::Asap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenants_limit_reads_as_a_clock_limit() {
        assert_eq!(limit_from_span("1d"), Some(Limit::CalendarDays(1)));
        assert_eq!(limit_from_span("36h"), Some(Limit::Minutes(36 * 60)));
        assert_eq!(limit_from_span("90m"), Some(Limit::Minutes(90)));
        assert_eq!(limit_from_span("asap"), None);
    }
}
