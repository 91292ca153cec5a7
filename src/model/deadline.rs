//! Clocks: every promise with a time limit that an incident sets running, and how it stands.
//!
//! Three kinds: the *contract* clock from the declaration to our notification of each affected
//! tenant; *own-regime* clocks for the regimes the provider itself answers to, stopped by a
//! recorded filing; and *tenant-regime* clocks, the tenant's own obligations, which start when
//! our notification makes the tenant aware. All arithmetic is in UTC.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc, Weekday};
use serde::Serialize;

use super::incident::Incident;
use super::regime::{Catalog, Regime, Stage};

/// A time limit as the catalog writes it: `72h`, `3d`, `4bd`, `1mo`, `asap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Hours(i64),
    CalendarDays(i64),
    BusinessDays(i64),
    CalendarMonths(u32),
    /// "Without undue delay": no due time.
    Asap,
}

impl Limit {
    pub fn parse(text: &str) -> Option<Limit> {
        let text = text.trim();
        if text == "asap" {
            return Some(Limit::Asap);
        }
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let (number, unit) = text.split_at(split);
        let n: i64 = number.parse().ok().filter(|n| *n > 0)?;
        match unit {
            "h" => Some(Limit::Hours(n)),
            "d" => Some(Limit::CalendarDays(n)),
            "bd" => Some(Limit::BusinessDays(n)),
            "mo" => u32::try_from(n).ok().map(Limit::CalendarMonths),
            _ => None,
        }
    }

    /// When a clock started at `start` runs out. Business days skip Saturdays, Sundays and
    /// `holidays`, keeping the time of day; months keep the day, clamped to the month's end.
    pub fn due(self, start: DateTime<Utc>, holidays: &[NaiveDate]) -> Option<DateTime<Utc>> {
        match self {
            Limit::Asap => None,
            Limit::Hours(h) => Some(start + Duration::hours(h)),
            Limit::CalendarDays(d) => Some(start + Duration::days(d)),
            Limit::CalendarMonths(m) => start.checked_add_months(Months::new(m)),
            Limit::BusinessDays(n) => {
                let mut due = start;
                let mut counted = 0;
                while counted < n {
                    due += Duration::days(1);
                    let day = due.date_naive();
                    if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day) {
                        counted += 1;
                    }
                }
                Some(due)
            }
        }
    }

    /// About how long the limit is, to size the at-risk margin.
    pub fn nominal(self) -> Option<Duration> {
        match self {
            Limit::Asap => None,
            Limit::Hours(h) => Some(Duration::hours(h)),
            Limit::CalendarDays(d) | Limit::BusinessDays(d) => Some(Duration::days(d)),
            Limit::CalendarMonths(m) => Some(Duration::days(30 * i64::from(m))),
        }
    }
}

/// Which kind of promise a clock tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockKind {
    Contract,
    OwnRegime,
    TenantRegime,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

/// Orders clocks most urgent first. A stable sort of small keys over indices: ties keep the
/// order the clocks were made in (incident, then tenant id), and the large structs move once.
pub fn sort_by_urgency(clocks: Vec<Deadline>) -> Vec<Deadline> {
    let mut order: Vec<usize> = (0..clocks.len()).collect();
    order.sort_by_key(|&i| clocks[i].urgency());
    let mut slots: Vec<Option<Deadline>> = clocks.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Settings the clocks depend on.
pub struct Rules<'a> {
    pub catalog: &'a Catalog,
    pub contract_limit: Limit,
    /// The at-risk margin for clocks of a day or more; shorter ones use a quarter of the limit.
    pub at_risk_margin: Duration,
    /// Regimes the provider itself answers to.
    pub own_regimes: &'a [String],
    /// Whether `aware`-type triggers run from the detection instead of the declaration.
    pub aware_at_detection: bool,
    pub holidays: &'a [NaiveDate],
}

/// What the clocks need to know of an affected tenant.
pub struct TenantTerms<'a> {
    /// The tenant's id, shared by all its clocks.
    pub id: Arc<str>,
    pub limit: Option<Limit>,
    pub regimes: &'a [String],
}

impl Rules<'_> {
    fn status(
        &self,
        limit: Limit,
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
                let margin = match limit.nominal() {
                    Some(length) if length >= Duration::days(1) => self.at_risk_margin,
                    Some(length) => length / 4,
                    None => Duration::zero(),
                };
                if due - now <= margin { Status::AtRisk } else { Status::Running }
            }
        }
    }

    /// When a trigger or anchor of the catalog happened on this incident, and in words.
    fn anchor_time(
        &self,
        incident: &Incident,
        regime: &Regime,
        anchor: &str,
    ) -> Result<(DateTime<Utc>, String), String> {
        let declared = || {
            incident.declared_at.map(|t| (t, "declaration".to_string())).ok_or("the declaration".to_string())
        };
        let aware = || {
            if self.aware_at_detection {
                Ok((incident.detected_at, "detection".to_string()))
            } else {
                declared()
            }
        };
        match anchor {
            "discovered" => Ok((incident.detected_at, "detection".into())),
            "aware" | "assessed" => aware(),
            "declared" => declared(),
            "classified_major" => incident
                .classified_at("major")
                .map(|t| (t, "classified major".into()))
                .ok_or("a classification as major (sirt classify ID major)".into()),
            "determined_material" => incident
                .classified_at("material")
                .map(|t| (t, "determined material".into()))
                .ok_or("a determination of materiality (sirt classify ID material)".into()),
            stage if stage.starts_with("stage:") => {
                let name = &stage["stage:".len()..];
                incident
                    .filed_at(&regime.id, name)
                    .map(|t| (t, format!("{name} filed")))
                    .ok_or(format!("the filing of '{name}'"))
            }
            other => Err(format!("'{}', which sirt does not record", other.replace('_', " "))),
        }
    }

    fn regime_clock(
        &self,
        incident: &Incident,
        regime: &Regime,
        stage: &Stage,
        now: DateTime<Utc>,
    ) -> Deadline {
        let limit = Limit::parse(&stage.within).unwrap_or(Limit::Asap);
        let anchor = stage.anchor.clone().unwrap_or_else(|| regime.trigger.clone());
        let start = self.anchor_time(incident, regime, &anchor);
        let mut due = start.as_ref().ok().and_then(|(t, _)| limit.due(*t, self.holidays));
        if let (Some(cap), Some(cap_anchor)) = (&stage.cap, &stage.cap_anchor)
            && let (Some(cap), Ok((from, _))) =
                (Limit::parse(cap), self.anchor_time(incident, regime, cap_anchor))
        {
            due = match (due, cap.due(from, self.holidays)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        let done = incident.filed_at(&regime.id, &stage.name);
        let started_at = start.as_ref().ok().map(|(t, _)| *t);
        Deadline {
            incident: Arc::from(incident.id.as_str()),
            clock: ClockKind::OwnRegime,
            party: regime.recipient(stage).into(),
            tenant: None,
            rule: format!("{} {} ({})", regime.id, stage.name, stage.within).into(),
            regime: Some(regime.id.as_str().into()),
            stage: Some(stage.name.as_str().into()),
            limit: stage.within.as_str().into(),
            verified: Some(stage.verified.as_str().into()),
            started_by: match &start {
                Ok((_, what)) => what.as_str().into(),
                Err(waits) => format!("waits for {waits}").into(),
            },
            started_at,
            due,
            done_at: done,
            status: self.status(limit, started_at, due, done, now),
        }
    }

    /// Every clock of one incident, as of `now`.
    pub fn clocks<'t>(
        &self,
        incident: &Incident,
        terms: impl Fn(&str) -> Option<TenantTerms<'t>>,
        now: DateTime<Utc>,
    ) -> Vec<Deadline> {
        let mut clocks = Vec::new();
        let incident_id: Arc<str> = Arc::from(incident.id.as_str());
        let started_by: Arc<str> = if incident.declared_at.is_some() {
            "declaration".into()
        } else {
            "waits for the declaration".into()
        };
        // One rule text per distinct limit, shared by every tenant with that limit.
        let mut rules: Vec<(Limit, Arc<str>, Arc<str>)> = Vec::new();
        let mut contract = |tenant: Option<Arc<str>>, done: Option<DateTime<Utc>>, limit: Limit| {
            let (rule, limit_name) = match rules.iter().find(|(l, _, _)| *l == limit) {
                Some((_, rule, name)) => (rule.clone(), name.clone()),
                None => {
                    let name: Arc<str> = limit_text(limit).into();
                    let rule: Arc<str> = format!("contract {name}").into();
                    rules.push((limit, rule.clone(), name.clone()));
                    (rule, name)
                }
            };
            let due = incident.declared_at.and_then(|t| limit.due(t, self.holidays));
            Deadline {
                incident: incident_id.clone(),
                clock: ClockKind::Contract,
                party: tenant.clone().unwrap_or_else(|| "tenants not yet determined".into()),
                tenant,
                rule,
                regime: None,
                stage: None,
                limit: limit_name,
                verified: None,
                started_by: started_by.clone(),
                started_at: incident.declared_at,
                due,
                done_at: done,
                status: self.status(limit, incident.declared_at, due, done, now),
            }
        };
        if incident.declared_at.is_some() {
            // Closed without naming a tenant: no one is left to notify, and `affected` is no
            // longer accepted, so this clock could never stop.
            if incident.affected.is_empty() && incident.closed_at.is_none() {
                clocks.push(contract(None, None, self.contract_limit));
            }
            for (tenant, affected) in &incident.affected {
                let terms = terms(tenant);
                let limit = terms.as_ref().and_then(|t| t.limit).unwrap_or(self.contract_limit);
                let id = terms.map_or_else(|| Arc::from(tenant.as_str()), |t| t.id);
                clocks.push(contract(Some(id), affected.notified_at, limit));
            }
        }
        for regime in self.own_regimes.iter().filter_map(|id| self.catalog.get(id)) {
            for stage in &regime.stages {
                clocks.push(self.regime_clock(incident, regime, stage, now));
            }
        }
        for (tenant, affected) in &incident.affected {
            let Some(terms) = terms(tenant) else { continue };
            let aware = affected.notified_at;
            for regime in terms.regimes.iter().filter_map(|id| self.catalog.get(id)) {
                for stage in regime.stages.iter().filter(|s| s.anchor.is_none()) {
                    clocks.push(self.tenant_clock(&incident_id, tenant, regime, stage, aware, now));
                }
            }
        }
        clocks
    }

    /// The tenant's own obligation, for information: runs from our notification when the
    /// regime's clock starts at awareness, and waits otherwise (e.g. the tenant classifying).
    fn tenant_clock(
        &self,
        incident: &Arc<str>,
        tenant: &str,
        regime: &Regime,
        stage: &Stage,
        notified: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Deadline {
        let limit = Limit::parse(&stage.within).unwrap_or(Limit::Asap);
        let from_awareness =
            matches!(regime.trigger.as_str(), "aware" | "discovered" | "declared" | "assessed");
        let started_at = notified.filter(|_| from_awareness);
        let due = started_at.and_then(|t| limit.due(t, self.holidays));
        Deadline {
            incident: incident.clone(),
            clock: ClockKind::TenantRegime,
            party: format!("{tenant} → {}", regime.recipient(stage)).into(),
            tenant: Some(tenant.into()),
            rule: format!("{} {} ({}), the tenant's own", regime.id, stage.name, stage.within).into(),
            regime: Some(regime.id.as_str().into()),
            stage: Some(stage.name.as_str().into()),
            limit: stage.within.as_str().into(),
            verified: Some(stage.verified.as_str().into()),
            started_by: match (started_at, from_awareness) {
                (Some(_), _) => "our notification".into(),
                (None, true) => "waits for our notification".into(),
                (None, false) => format!("waits for the tenant: {}", regime.trigger.replace('_', " ")).into(),
            },
            started_at,
            due,
            done_at: None,
            status: self.status(limit, started_at, due, None, now),
        }
    }
}

fn limit_text(limit: Limit) -> String {
    match limit {
        Limit::Hours(h) => format!("{h}h"),
        Limit::CalendarDays(d) => format!("{d}d"),
        Limit::BusinessDays(d) => format!("{d}bd"),
        Limit::CalendarMonths(m) => format!("{m}mo"),
        Limit::Asap => "asap".into(),
    }
}

/// Reads a tenant's or the store's limit (`24h`, `3d`) as a clock limit.
pub fn limit_from_span(text: &str) -> Option<Limit> {
    Limit::parse(text).or_else(|| super::time::parse_span(text).map(|d| Limit::Hours(d.num_hours().max(1))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn limits_read_the_catalog_notation() {
        assert_eq!(Limit::parse("72h"), Some(Limit::Hours(72)));
        assert_eq!(Limit::parse("3d"), Some(Limit::CalendarDays(3)));
        assert_eq!(Limit::parse("4bd"), Some(Limit::BusinessDays(4)));
        assert_eq!(Limit::parse("1mo"), Some(Limit::CalendarMonths(1)));
        assert_eq!(Limit::parse("asap"), Some(Limit::Asap));
        for bad in ["", "h", "0h", "3x", "-1d", "3 d"] {
            assert_eq!(Limit::parse(bad), None, "{bad}");
        }
        assert_eq!(limit_from_span("1d"), Some(Limit::CalendarDays(1)));
        assert_eq!(limit_from_span("36h"), Some(Limit::Hours(36)));
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Friday 2026-11-20 10:00 + 1 business day = Monday 10:00.
        let friday = at("2026-11-20T10:00:00Z");
        assert_eq!(Limit::BusinessDays(1).due(friday, &[]), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(Limit::BusinessDays(3).due(friday, &[]), Some(at("2026-11-25T10:00:00Z")));
        let holiday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(Limit::BusinessDays(1).due(friday, &[holiday]), Some(at("2026-11-24T10:00:00Z")));
        // Started on a Saturday: the first business day counted is Monday.
        assert_eq!(
            Limit::BusinessDays(1).due(at("2026-11-21T09:00:00Z"), &[]),
            Some(at("2026-11-23T09:00:00Z"))
        );
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(
            Limit::CalendarMonths(1).due(at("2027-01-31T12:00:00Z"), &[]),
            Some(at("2027-02-28T12:00:00Z"))
        );
        assert_eq!(
            Limit::CalendarMonths(1).due(at("2028-01-31T12:00:00Z"), &[]),
            Some(at("2028-02-29T12:00:00Z"))
        );
        assert_eq!(
            Limit::CalendarMonths(1).due(at("2026-11-15T08:00:00Z"), &[]),
            Some(at("2026-12-15T08:00:00Z"))
        );
    }

    #[test]
    fn hours_and_days_are_plain_arithmetic() {
        let start = at("2026-11-20T10:00:00Z");
        assert_eq!(Limit::Hours(72).due(start, &[]), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(Limit::CalendarDays(3).due(start, &[]), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(Limit::Asap.due(start, &[]), None);
    }
}
