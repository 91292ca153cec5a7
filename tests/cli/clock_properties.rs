//! Properties of the clock model, over random incident histories: no clock is met or late without
//! the notification or filing that stops it, met and late agree with the due time, a clock whose
//! trigger has not happened is pending, the tenants' own clocks are never met or late, nothing
//! after "now" has happened yet, and every due time and status equals the rule recomputed by hand
//! below, by a separate and deliberately plain implementation (`hand`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::sample::subsequence;
use sirt::model::counting::Days;
use sirt::model::deadline::{ClockKind, Deadline, Limit, Rules, Status, TenantTerms};
use sirt::model::regime::{Catalog, Regime, Stage};
use sirt::model::settings::{AwareAt, Settings, Span};
use sirt::model::tenant::Channel;
use sirt::model::{Classification, Event, EventBody, IncidentLog, Severity, Source};

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::built_in);

/// The tenants an incident may affect. `t4` is not in the directory.
const POOL: [&str; 5] = ["t1", "t2", "t3", "t4", "t5"];

/// Regimes a filing may name: the provider's own, and one it does not answer to (the last).
const FILABLE: [&str; 8] = [
    "nis2-art23",
    "dora-art19",
    "sec-8k-item-1-05",
    "gdpr-art33",
    "br-lgpd-anpd-res15",
    "sg-pdpa-26d",
    "hipaa-breach-covered-entity",
    "hipaa-business-associate",
];

/// The provider's own regimes: stages anchored on other stages (nis2, dora, lgpd), a
/// classification trigger (dora: major, with a cap from awareness; sec: material), whole business
/// days in New York and São Paulo with their own holidays (sec, lgpd), whole calendar days in
/// Singapore (pdpa), months (nis2, dora), a computed anchor (hipaa: the end of the year), an
/// awareness trigger (gdpr).
fn own_regimes() -> Vec<String> {
    FILABLE[..7].iter().map(|s| s.to_string()).collect()
}

/// Days that business-day limits may skip: some in each calendar.
fn holiday_pool() -> Vec<NaiveDate> {
    [
        "2026-03-30",
        "2026-10-26",
        "2026-11-20",
        "2026-11-23",
        "2026-11-26",
        "2026-11-27",
        "2026-12-25",
        "2027-01-01",
    ]
    .iter()
    .map(|d| d.parse().unwrap())
    .collect()
}

/// The bases of generated times: daylight saving in spring and autumn, a US holiday week, a year end.
const BASES: [&str; 4] =
    ["2026-03-25T00:00:00Z", "2026-10-22T00:00:00Z", "2026-11-20T00:00:00Z", "2026-12-24T00:00:00Z"];

/// The store's contract limits to draw from.
const STORE_LIMITS: [&str; 4] = ["72h", "48h", "90m", "3bd"];

#[derive(Debug, Clone)]
enum Op {
    Confirm,
    Affected(Vec<usize>),
    Unaffected(Vec<usize>),
    Notified(Vec<usize>, usize),
    Classified(bool),
    /// A regime of `FILABLE` and a stage index; one past the last stage names a stage the regime
    /// does not have.
    Filed(usize, usize),
    Note,
}

fn tenants() -> impl Strategy<Value = Vec<usize>> {
    subsequence((0..POOL.len()).collect::<Vec<_>>(), 1..=POOL.len())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Confirm),
        3 => tenants().prop_map(Op::Affected),
        1 => tenants().prop_map(Op::Unaffected),
        4 => (tenants(), 0..Channel::ALL.len()).prop_map(|(t, c)| Op::Notified(t, c)),
        1 => any::<bool>().prop_map(Op::Classified),
        4 => (0..FILABLE.len(), 0..8usize).prop_map(|(r, s)| Op::Filed(r, s)),
        1 => Just(Op::Note),
    ]
}

/// A history: the detection's minute after `base()`, each later step with the minute it happened
/// after the detection (in any order, as backfilled steps are), and the minute of "now".
#[derive(Debug, Clone)]
struct History {
    base: usize,
    detected: i64,
    steps: Vec<(i64, Op)>,
    now: i64,
    aware_at_detection: bool,
    /// The store's own holidays, and those of the `us` and `br` calendars.
    holidays: Vec<NaiveDate>,
    us: Vec<NaiveDate>,
    br: Vec<NaiveDate>,
    store_limit: usize,
}

const DAY: i64 = 24 * 60;

fn history() -> impl Strategy<Value = History> {
    (
        (0..BASES.len(), 0..2 * DAY, 0..STORE_LIMITS.len()),
        prop::collection::vec((0..20 * DAY, op()), 0..24),
        -DAY..50 * DAY,
        any::<bool>(),
        (
            subsequence(holiday_pool(), 0..=3),
            subsequence(holiday_pool(), 0..=4),
            subsequence(holiday_pool(), 0..=4),
        ),
    )
        .prop_map(
            |((base, detected, store_limit), steps, now, aware_at_detection, (holidays, us, br))| History {
                base,
                detected,
                steps,
                now,
                aware_at_detection,
                holidays,
                us,
                br,
                store_limit,
            },
        )
}

impl History {
    fn minute(&self, m: i64) -> DateTime<Utc> {
        BASES[self.base].parse::<DateTime<Utc>>().unwrap() + Duration::minutes(m)
    }

    fn settings(&self) -> Settings {
        Settings {
            contract_limit: Limit::parse(STORE_LIMITS[self.store_limit]).unwrap(),
            at_risk_margin: Span(Duration::hours(12)),
            own_regimes: own_regimes(),
            aware_at: if self.aware_at_detection { AwareAt::Detection } else { AwareAt::Declaration },
            holidays: self.holidays.clone(),
            calendars: [("us".to_string(), self.us.clone()), ("br".to_string(), self.br.clone())].into(),
            ..Settings::default()
        }
    }
}

fn names(indices: &[usize]) -> Vec<String> {
    indices.iter().map(|i| POOL[*i].to_string()).collect()
}

/// The stage an `Op::Filed` names.
fn filed_stage(regime: usize, stage: usize) -> (String, String) {
    let id = FILABLE[regime];
    let stages = &CATALOG.get(id).unwrap().stages;
    let name = stages.get(stage % (stages.len() + 1)).map_or("no such stage".to_string(), |s| s.name.clone());
    (id.to_string(), name)
}

impl History {
    fn log(&self) -> IncidentLog {
        let detected = self.minute(self.detected);
        let mut events = vec![Event {
            id: "E0".into(),
            seq: 1,
            at: detected,
            recorded_at: detected,
            by: "Ana <ana@example.com>".into(),
            body: EventBody::Detected {
                title: "generated".into(),
                severity: Severity::Sev2,
                source: Source::Monitoring,
                started: None,
            },
        }];
        for (n, (after, op)) in self.steps.iter().enumerate() {
            let body = match op {
                Op::Confirm => EventBody::Confirmed {},
                Op::Affected(t) => EventBody::TenantsAffected { tenants: names(t), detail: None },
                Op::Unaffected(t) => EventBody::TenantsUnaffected { tenants: names(t), reason: None },
                Op::Notified(t, c) => {
                    EventBody::Notified { tenants: names(t), channel: Channel::ALL[*c], reference: None }
                }
                Op::Classified(major) => EventBody::Classified {
                    class: if *major { Classification::Major } else { Classification::Material },
                },
                Op::Filed(r, s) => {
                    let (regime, stage) = filed_stage(*r, *s);
                    EventBody::Filed { regime, stage, reference: None }
                }
                Op::Note => EventBody::Note { text: "note".into() },
            };
            let at = detected + Duration::minutes(*after);
            events.push(Event {
                id: format!("E{}", n + 1),
                seq: n as u64 + 2,
                at,
                recorded_at: at,
                by: "Ana <ana@example.com>".into(),
                body,
            });
        }
        IncidentLog { schema: 1, id: "INC-PROP-0001".into(), events, unknown: Vec::new() }
    }
}

/// What the raw history says as of "now", independently of the fold: the oracle the clocks are
/// held to. Steps after "now" have not happened yet.
struct Facts {
    detected: DateTime<Utc>,
    declared: Option<DateTime<Utc>>,
    affected: BTreeSet<String>,
    /// Every notification time of each tenant.
    notified: BTreeMap<String, Vec<DateTime<Utc>>>,
    classified: BTreeMap<&'static str, Vec<DateTime<Utc>>>,
    /// Every filing time of each (regime, stage).
    filed: BTreeMap<(String, String), Vec<DateTime<Utc>>>,
}

impl Facts {
    fn of(history: &History) -> Facts {
        let detected = history.minute(history.detected);
        let now = history.minute(history.now);
        let mut facts = Facts {
            detected,
            declared: None,
            affected: BTreeSet::new(),
            notified: BTreeMap::new(),
            classified: BTreeMap::new(),
            filed: BTreeMap::new(),
        };
        for (after, op) in &history.steps {
            let at = detected + Duration::minutes(*after);
            // Tenants named or unnamed later still count for which clocks exist: the fold sees
            // the whole log; only times after "now" are hidden.
            match op {
                Op::Affected(t) => facts.affected.extend(names(t)),
                Op::Unaffected(t) => names(t).iter().for_each(|t| {
                    facts.affected.remove(t);
                }),
                _ => {}
            }
            if at > now {
                continue;
            }
            match op {
                Op::Confirm => facts.declared = Some(facts.declared.map_or(at, |d| d.min(at))),
                Op::Notified(t, _) => {
                    names(t).into_iter().for_each(|t| facts.notified.entry(t).or_default().push(at))
                }
                Op::Classified(major) => {
                    facts.classified.entry(if *major { "major" } else { "material" }).or_default().push(at)
                }
                Op::Filed(r, s) => facts.filed.entry(filed_stage(*r, *s)).or_default().push(at),
                _ => {}
            }
        }
        facts
    }

    fn first_notified(&self, tenant: &str) -> Option<DateTime<Utc>> {
        self.notified.get(tenant).and_then(|times| times.iter().min().copied())
    }

    fn first_filed(&self, regime: &str, stage: &str) -> Option<DateTime<Utc>> {
        self.filed.get(&(regime.to_string(), stage.to_string())).and_then(|times| times.iter().min().copied())
    }

    /// When an own-regime trigger or anchor happened, if it has.
    fn anchor_at(&self, regime: &Regime, anchor: &str, aware_at_detection: bool) -> Option<DateTime<Utc>> {
        let first = |class: &str| self.classified.get(class).and_then(|t| t.iter().min().copied());
        match anchor {
            "discovered" => Some(self.detected),
            "aware" | "assessed" if aware_at_detection => Some(self.detected),
            "aware" | "assessed" | "declared" => self.declared,
            "classified_major" => first("major"),
            "determined_material" => first("material"),
            "calendar_year_end" => {
                let from = self.anchor_at(regime, &regime.trigger, aware_at_detection)?;
                let tz = hand::zone(regime);
                let year = from.with_timezone(&tz).year();
                Some(tz.with_ymd_and_hms(year, 12, 31, 23, 59, 59).single().unwrap().with_timezone(&Utc))
            }
            stage if stage.starts_with("stage:") => self.first_filed(&regime.id, &stage["stage:".len()..]),
            _ => None,
        }
    }
}

/// The rules by hand: plain loops over calendar dates, read from the catalog's notation, with
/// nothing of sirt's own counting.
mod hand {
    use super::*;

    pub fn zone(regime: &Regime) -> Tz {
        regime.zone.name().parse().unwrap_or(Tz::UTC)
    }

    fn days_in_month(year: i32, month: u32) -> u32 {
        match month {
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => 31,
        }
    }

    /// A wall-clock reading in `tz`: the earlier of a repeated hour; in a skipped hour, the same
    /// reading an hour on, which is the instant the clocks would show had they not jumped.
    fn at_wall(tz: Tz, date: NaiveDate, time: chrono::NaiveTime) -> DateTime<Utc> {
        let wall = date.and_time(time);
        match tz.from_local_datetime(&wall).earliest() {
            Some(t) => t.with_timezone(&Utc),
            None => {
                let later = tz.from_local_datetime(&(wall + Duration::hours(1))).earliest().unwrap();
                later.with_timezone(&Utc)
            }
        }
    }

    /// `(count, unit)` of `72h`, `90m`, `3d`, `4bd`, `1mo`; None for asap.
    fn split(limit: &str) -> Option<(i64, &str)> {
        let digits = limit.chars().take_while(char::is_ascii_digit).count();
        Some((limit[..digits].parse().ok()?, &limit[digits..]))
    }

    /// About how long a limit is: what sizes its at-risk margin.
    pub fn length(limit: &str) -> Option<Duration> {
        let (n, unit) = split(limit)?;
        Some(match unit {
            "h" => Duration::hours(n),
            "m" => Duration::minutes(n),
            "d" | "bd" => Duration::days(n),
            "mo" => Duration::days(30 * n),
            other => panic!("unit {other}"),
        })
    }

    /// When a limit started at `start` runs out, in `tz`, skipping `holidays` on business days;
    /// `whole` counts the days after the day of `start` and ends at the last day's last second.
    pub fn due(
        limit: &str,
        start: DateTime<Utc>,
        tz: Tz,
        whole: bool,
        holidays: &[NaiveDate],
    ) -> Option<DateTime<Utc>> {
        let (n, unit) = split(limit)?;
        let local = start.with_timezone(&tz);
        let mut date = local.date_naive();
        match unit {
            "h" => return Some(start + Duration::hours(n)),
            "m" => return Some(start + Duration::minutes(n)),
            "d" => {
                for _ in 0..n {
                    date = date.succ_opt().unwrap();
                }
            }
            "bd" => {
                let mut left = n;
                while left > 0 {
                    date = date.succ_opt().unwrap();
                    let weekend = date.weekday().number_from_monday() > 5;
                    if !weekend && !holidays.contains(&date) {
                        left -= 1;
                    }
                }
            }
            "mo" => {
                let months = date.month0() as i64 + n;
                let year = date.year() + (months / 12) as i32;
                let month = (months % 12) as u32 + 1;
                let day = date.day().min(days_in_month(year, month));
                date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            }
            other => panic!("unit {other}"),
        }
        if whole {
            let end = chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap();
            Some(at_wall(tz, date, end))
        } else {
            Some(at_wall(tz, date, local.time()))
        }
    }

    /// Where a clock with this due time stands: at risk with less than the margin left (12
    /// hours for limits of a day or more, else a quarter of the limit).
    pub fn status(
        started: bool,
        due: Option<DateTime<Utc>>,
        done: Option<DateTime<Utc>>,
        binding: &str,
        now: DateTime<Utc>,
    ) -> Status {
        if !started {
            return Status::Pending;
        }
        match (done, due) {
            (Some(done), Some(due)) if done > due => Status::Late,
            (Some(_), _) => Status::Met,
            (None, None) => Status::Running,
            (None, Some(due)) if now > due => Status::Overdue,
            (None, Some(due)) => {
                let length = length(binding).unwrap();
                let margin = if length >= Duration::hours(24) { Duration::hours(12) } else { length / 4 };
                if due - now < margin { Status::AtRisk } else { Status::Running }
            }
        }
    }
}

/// The holidays a regime's business days skip in the generated store.
fn holidays_of<'h>(history: &'h History, regime: &Regime) -> &'h [NaiveDate] {
    match regime.calendar.as_deref() {
        Some("us") => &history.us,
        Some("br") => &history.br,
        Some(other) => panic!("calendar {other}"),
        None => &history.holidays,
    }
}

fn whole(stage: &Stage) -> bool {
    stage.days == Some(Days::Whole)
}

/// The terms of the generated tenants: `t1` a 24-hour contract and GDPR; `t2` the store's limit
/// and no regime; `t3` a one-day contract and two regimes, one that starts from the tenant's own
/// classification; `t4` is not in the directory; `t5` 60 hours, which a shorter store limit caps.
fn tenant_limit(tenant: &str) -> Option<&'static str> {
    match tenant {
        "t1" => Some("24h"),
        "t3" => Some("1d"),
        "t5" => Some("60h"),
        _ => None,
    }
}

fn check(history: &History) -> Result<(), TestCaseError> {
    let log = history.log();
    let incident = log.fold().map_err(|e| TestCaseError::fail(format!("the fold failed: {e}")))?;
    let facts = Facts::of(history);
    let own = own_regimes();
    let settings = history.settings();
    let catalog = settings.catalog();
    let t1_regimes = vec!["gdpr-art33".to_string()];
    let t3_regimes = vec!["nis2-art23".to_string(), "dora-art19".to_string()];
    let terms = |tenant: &str| {
        let limit = tenant_limit(tenant).map(|l| Limit::parse(l).unwrap());
        match tenant {
            "t1" => Some(TenantTerms { id: "t1".into(), limit, regimes: &t1_regimes, class: 1 }),
            // Each tenant a class of its own: t2 and t5 may have different limits.
            "t2" | "t5" => Some(TenantTerms {
                id: tenant.into(),
                limit,
                regimes: &[],
                class: if tenant == "t5" { 5 } else { 2 },
            }),
            "t3" => Some(TenantTerms { id: "t3".into(), limit, regimes: &t3_regimes, class: 3 }),
            _ => None,
        }
    };
    let rules = Rules { catalog: &catalog, settings: &settings };
    let now = history.minute(history.now);
    let clocks: Vec<Deadline> = rules.clocks(&incident, terms, now);
    let store_limit = STORE_LIMITS[history.store_limit];

    for d in &clocks {
        let context = format!("{d:#?}\nas of {now}");
        // Met and late agree with the due time, and need a time the clock stopped.
        match d.status {
            Status::Met => {
                prop_assert!(d.done_at.is_some(), "met without a stop: {context}");
                if let (Some(done), Some(due)) = (d.done_at, d.due) {
                    prop_assert!(done <= due, "met after the due time: {context}");
                }
            }
            Status::Late => {
                prop_assert!(
                    d.done_at.is_some() && d.due.is_some(),
                    "late without a stop or a due time: {context}"
                );
                prop_assert!(d.done_at > d.due, "late before the due time: {context}");
            }
            Status::Overdue => {
                prop_assert!(d.done_at.is_none(), "overdue yet stopped: {context}");
                prop_assert!(d.due.is_some_and(|due| now > due), "overdue before the due time: {context}");
            }
            Status::Running | Status::AtRisk => {
                prop_assert!(d.done_at.is_none(), "still running yet stopped: {context}");
                prop_assert!(d.due.is_none_or(|due| now <= due), "running past the due time: {context}");
                prop_assert!(d.started_at.is_some(), "running without a start: {context}");
            }
            Status::Pending => {
                prop_assert!(d.started_at.is_none(), "pending with a start: {context}");
            }
        }
        // Nothing after "now" has happened yet.
        prop_assert!(d.done_at.is_none_or(|t| t <= now), "stopped in the future: {context}");
        let stopped = matches!(d.status, Status::Met | Status::Late);
        match d.clock {
            ClockKind::Contract => {
                prop_assert!(facts.declared.is_some(), "a contract clock before the declaration: {context}");
                prop_assert_eq!(d.started_at, facts.declared, "{}", &context);
                let declared = facts.declared.unwrap();
                // The store's limit, or the tenant's where it ends sooner: counted by hand in UTC.
                let by_hand =
                    |limit: &str| hand::due(limit, declared, Tz::UTC, false, &history.holidays).unwrap();
                let (binding, due) = match d.tenant.as_deref().and_then(tenant_limit) {
                    Some(own) if by_hand(own) <= by_hand(store_limit) => (own, by_hand(own)),
                    _ => (store_limit, by_hand(store_limit)),
                };
                prop_assert_eq!(d.due, Some(due), "due by hand ({}): {}", binding, &context);
                prop_assert_eq!(d.limit.as_ref(), Limit::parse(binding).unwrap().text(), "{}", &context);
                match &d.tenant {
                    None => {
                        prop_assert!(!stopped, "the undetermined clock cannot be met: {}", context);
                        prop_assert!(
                            facts.affected.is_empty(),
                            "undetermined yet tenants named: {}",
                            context
                        );
                        prop_assert_eq!(
                            d.status,
                            hand::status(true, Some(due), None, binding, now),
                            "{}",
                            &context
                        );
                    }
                    Some(tenant) => {
                        prop_assert!(
                            facts.affected.contains(tenant.as_ref()),
                            "a clock for an unaffected tenant: {}",
                            context
                        );
                        // No stop without a notification to that very tenant, and the first counts.
                        let done = facts.first_notified(tenant);
                        prop_assert_eq!(d.done_at, done, "{}", &context);
                        prop_assert_eq!(stopped, done.is_some(), "{}", &context);
                        prop_assert_eq!(
                            d.status,
                            hand::status(true, Some(due), done, binding, now),
                            "{}",
                            &context
                        );
                    }
                }
            }
            ClockKind::OwnRegime => {
                let regime_id = d.regime.as_deref().unwrap();
                let name = d.stage.as_deref().unwrap();
                prop_assert!(
                    own.iter().any(|r| r == regime_id),
                    "a clock for a regime not our own: {}",
                    context
                );
                let regime = catalog.get(regime_id).unwrap();
                let stage = regime.stages.iter().find(|s| s.name == name).unwrap();
                let anchor = stage.anchor.clone().unwrap_or_else(|| regime.trigger.clone());
                let start = facts.anchor_at(regime, &anchor, history.aware_at_detection);
                let tz = hand::zone(regime);
                let holidays = holidays_of(history, regime);
                let within = stage.within.text();
                let mut due = start.and_then(|t| hand::due(&within, t, tz, whole(stage), holidays));
                let mut binding = within.clone();
                let mut started = start;
                if let (Some(cap), Some(cap_anchor)) = (stage.cap, &stage.cap_anchor)
                    && let Some(from) = facts.anchor_at(regime, cap_anchor, history.aware_at_detection)
                {
                    let cap_due = hand::due(&cap.text(), from, tz, whole(stage), holidays).unwrap();
                    if due.is_none_or(|d| cap_due < d) {
                        due = Some(cap_due);
                        binding = cap.text();
                    }
                    started = started.or(Some(from));
                }
                prop_assert_eq!(d.due, due, "due by hand: {}", &context);
                prop_assert_eq!(d.started_at, started, "{}", &context);
                // No stop without a filing of that very stage, and the first counts.
                let done = facts.first_filed(regime_id, name);
                prop_assert_eq!(d.done_at, done, "{}", &context);
                let expected = if binding == "asap" && started.is_some() {
                    if done.is_some() { Status::Met } else { Status::Running }
                } else if binding == "asap" {
                    Status::Pending
                } else {
                    hand::status(started.is_some(), due, done, &binding, now)
                };
                prop_assert_eq!(d.status, expected, "status by hand (trigger {}): {}", anchor, &context);
            }
            ClockKind::TenantRegime => {
                prop_assert!(!stopped, "a tenant's own clock is never met or late: {}", context);
                prop_assert!(d.done_at.is_none(), "{}", context);
                let tenant = d.tenant.as_deref().unwrap();
                prop_assert!(facts.affected.contains(tenant), "{}", context);
                let regime = catalog.get(d.regime.as_deref().unwrap()).unwrap();
                let stage =
                    regime.stages.iter().find(|s| Some(s.name.as_str()) == d.stage.as_deref()).unwrap();
                let from_awareness =
                    matches!(regime.trigger.as_str(), "aware" | "discovered" | "declared" | "assessed");
                let started = facts.first_notified(tenant).filter(|_| from_awareness);
                prop_assert_eq!(d.started_at, started, "{}", &context);
                prop_assert_eq!(d.status == Status::Pending, started.is_none(), "{}", &context);
                let due = started.and_then(|t| {
                    hand::due(
                        &stage.within.text(),
                        t,
                        hand::zone(regime),
                        whole(stage),
                        holidays_of(history, regime),
                    )
                });
                prop_assert_eq!(d.due, due, "due by hand: {}", &context);
            }
        }
    }

    // Which clocks there are: a contract clock per affected tenant (or one while none is named)
    // once declared; every stage of every own regime; the tenants' regimes' unanchored stages.
    let contract: Vec<Option<&str>> =
        clocks.iter().filter(|d| d.clock == ClockKind::Contract).map(|d| d.tenant.as_deref()).collect();
    let expected: Vec<Option<&str>> = match facts.declared {
        None => vec![],
        Some(_) if facts.affected.is_empty() => vec![None],
        Some(_) => facts.affected.iter().map(|t| Some(t.as_str())).collect(),
    };
    prop_assert_eq!(contract, expected);
    let own_count = clocks.iter().filter(|d| d.clock == ClockKind::OwnRegime).count();
    let stages: usize = own.iter().map(|r| catalog.get(r).unwrap().stages.len()).sum();
    prop_assert_eq!(own_count, stages);
    let tenant_count = clocks.iter().filter(|d| d.clock == ClockKind::TenantRegime).count();
    let expected_tenant: usize = facts
        .affected
        .iter()
        .filter_map(|t| terms(t))
        .flat_map(|terms| terms.regimes.iter().map(|r| catalog.get(r).unwrap()))
        .map(|r| r.stages.iter().filter(|s| s.anchor.is_none()).count())
        .sum();
    prop_assert_eq!(tenant_count, expected_tenant);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_clock_follows_its_rule_counted_by_hand(history in history()) {
        check(&history)?;
    }
}

/// The generator does reach the interesting cases: met and late clocks of every kind we stop,
/// pending stages, at-risk clocks, and tenants' own clocks that run.
#[test]
fn the_generated_histories_reach_every_status() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut seen = BTreeSet::new();
    for _ in 0..256 {
        let history = history().new_tree(&mut runner).unwrap().current();
        let incident = history.log().fold().unwrap();
        let settings = history.settings();
        let catalog = settings.catalog();
        let rules = Rules { catalog: &catalog, settings: &settings };
        let regimes = vec!["gdpr-art33".to_string()];
        let terms = |_: &str| {
            Some(TenantTerms { id: "t1".into(), limit: Limit::parse("24h"), regimes: &regimes, class: 0 })
        };
        for d in rules.clocks(&incident, terms, history.minute(history.now)) {
            seen.insert((format!("{:?}", d.clock), d.status.as_str()));
        }
    }
    for wanted in [
        ("Contract", "met"),
        ("Contract", "late"),
        ("Contract", "overdue"),
        ("Contract", "running"),
        ("OwnRegime", "at-risk"),
        ("TenantRegime", "at-risk"),
        ("OwnRegime", "met"),
        ("OwnRegime", "late"),
        ("OwnRegime", "pending"),
        ("OwnRegime", "running"),
        ("OwnRegime", "overdue"),
        ("TenantRegime", "running"),
        ("TenantRegime", "pending"),
    ] {
        assert!(seen.contains(&(wanted.0.to_string(), wanted.1)), "never generated {wanted:?}; saw {seen:?}");
    }
}
