//! Properties of the clock model, over random incident histories: no clock is met or late without
//! the notification or filing that stops it, met and late agree with the due time, a clock whose
//! trigger has not happened is pending, and the tenants' own clocks are never met or late.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::sample::subsequence;
use sirt::model::deadline::{ClockKind, Deadline, Limit, Rules, Status, TenantTerms};
use sirt::model::regime::Catalog;
use sirt::model::tenant::Channel;
use sirt::model::{Classification, Event, EventBody, IncidentLog, Severity, Source};

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::built_in);

/// The tenants an incident may affect. `t4` is not in the directory.
const POOL: [&str; 4] = ["t1", "t2", "t3", "t4"];

/// Regimes a filing may name: the provider's own, and one it does not answer to.
const FILABLE: [&str; 5] =
    ["nis2-art23", "dora-art19", "sec-8k-item-1-05", "gdpr-art33", "hipaa-business-associate"];

/// The provider's own regimes: stages anchored on other stages (nis2, dora), a classification
/// trigger (dora: major; sec: material), business days (sec), an awareness trigger (gdpr).
fn own_regimes() -> Vec<String> {
    FILABLE[..4].iter().map(|s| s.to_string()).collect()
}

/// Days that business-day limits may skip.
fn holiday_pool() -> Vec<NaiveDate> {
    ["2026-11-23", "2026-11-24", "2026-11-26", "2026-11-27", "2026-12-01"]
        .iter()
        .map(|d| d.parse().unwrap())
        .collect()
}

/// The base of every generated time.
fn base() -> DateTime<Utc> {
    "2026-11-20T00:00:00Z".parse().unwrap()
}

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
    detected: i64,
    steps: Vec<(i64, Op)>,
    now: i64,
    aware_at_detection: bool,
    holidays: Vec<NaiveDate>,
}

const DAY: i64 = 24 * 60;

fn history() -> impl Strategy<Value = History> {
    (
        0..2 * DAY,
        prop::collection::vec((0..20 * DAY, op()), 0..24),
        -DAY..50 * DAY,
        any::<bool>(),
        subsequence(holiday_pool(), 0..=3),
    )
        .prop_map(|(detected, steps, now, aware_at_detection, holidays)| History {
            detected,
            steps,
            now,
            aware_at_detection,
            holidays,
        })
}

fn minute(m: i64) -> DateTime<Utc> {
    base() + Duration::minutes(m)
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
        let detected = minute(self.detected);
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

/// What the raw history says, independently of the fold: the oracle the clocks are held to.
struct Facts {
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
        let detected = minute(history.detected);
        let mut facts = Facts {
            declared: None,
            affected: BTreeSet::new(),
            notified: BTreeMap::new(),
            classified: BTreeMap::new(),
            filed: BTreeMap::new(),
        };
        for (after, op) in &history.steps {
            let at = detected + Duration::minutes(*after);
            match op {
                Op::Confirm => facts.declared = Some(facts.declared.map_or(at, |d| d.min(at))),
                Op::Affected(t) => facts.affected.extend(names(t)),
                Op::Unaffected(t) => names(t).iter().for_each(|t| {
                    facts.affected.remove(t);
                }),
                Op::Notified(t, _) => {
                    names(t).into_iter().for_each(|t| facts.notified.entry(t).or_default().push(at))
                }
                Op::Classified(major) => {
                    facts.classified.entry(if *major { "major" } else { "material" }).or_default().push(at)
                }
                Op::Filed(r, s) => facts.filed.entry(filed_stage(*r, *s)).or_default().push(at),
                Op::Note => {}
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

    /// Whether an own-regime trigger or anchor has happened.
    fn happened(&self, regime: &str, anchor: &str, aware_at_detection: bool) -> bool {
        match anchor {
            "discovered" => true,
            "aware" | "assessed" => aware_at_detection || self.declared.is_some(),
            "declared" => self.declared.is_some(),
            "classified_major" => self.classified.contains_key("major"),
            "determined_material" => self.classified.contains_key("material"),
            stage if stage.starts_with("stage:") => {
                self.first_filed(regime, &stage["stage:".len()..]).is_some()
            }
            _ => false,
        }
    }
}

/// The terms of the generated tenants: `t1` a 24-hour contract and GDPR; `t2` the store's limit
/// and no regime; `t3` a one-day contract and two regimes, one that starts from the tenant's own
/// classification; `t4` is not in the directory.
fn check(history: &History) -> Result<(), TestCaseError> {
    let log = history.log();
    let incident = log.fold().map_err(|e| TestCaseError::fail(format!("the fold failed: {e}")))?;
    let facts = Facts::of(history);
    let own = own_regimes();
    let t1_regimes = vec!["gdpr-art33".to_string()];
    let t3_regimes = vec!["nis2-art23".to_string(), "dora-art19".to_string()];
    let terms = |tenant: &str| match tenant {
        "t1" => Some(TenantTerms { id: "t1".into(), limit: Some(Limit::Hours(24)), regimes: &t1_regimes }),
        "t2" => Some(TenantTerms { id: "t2".into(), limit: None, regimes: &[] }),
        "t3" => {
            Some(TenantTerms { id: "t3".into(), limit: Some(Limit::CalendarDays(1)), regimes: &t3_regimes })
        }
        _ => None,
    };
    let contract_limit = |tenant: &str| match tenant {
        "t1" => Duration::hours(24),
        "t3" => Duration::days(1),
        _ => Duration::hours(72),
    };
    let rules = Rules {
        catalog: &CATALOG,
        contract_limit: Limit::Hours(72),
        at_risk_margin: Duration::hours(12),
        own_regimes: &own,
        aware_at_detection: history.aware_at_detection,
        holidays: &history.holidays,
    };
    let now = minute(history.now);
    let clocks: Vec<Deadline> = rules.clocks(&incident, terms, now);

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
        let stopped = matches!(d.status, Status::Met | Status::Late);
        match d.clock {
            ClockKind::Contract => {
                prop_assert!(facts.declared.is_some(), "a contract clock before the declaration: {context}");
                prop_assert_eq!(d.started_at, facts.declared, "{}", &context);
                match &d.tenant {
                    None => {
                        prop_assert!(!stopped, "the undetermined clock cannot be met: {}", context);
                        prop_assert!(
                            facts.affected.is_empty(),
                            "undetermined yet tenants named: {}",
                            context
                        );
                    }
                    Some(tenant) => {
                        prop_assert!(
                            facts.affected.contains(tenant.as_ref()),
                            "a clock for an unaffected tenant: {}",
                            context
                        );
                        // No stop without a notification to that very tenant, and the first counts.
                        prop_assert_eq!(d.done_at, facts.first_notified(tenant), "{}", &context);
                        prop_assert_eq!(stopped, facts.first_notified(tenant).is_some(), "{}", &context);
                        let due = facts.declared.map(|t| t + contract_limit(tenant));
                        prop_assert_eq!(d.due, due, "{}", &context);
                    }
                }
            }
            ClockKind::OwnRegime => {
                let regime = d.regime.as_deref().unwrap();
                let name = d.stage.as_deref().unwrap();
                prop_assert!(
                    own.iter().any(|r| r == regime),
                    "a clock for a regime not our own: {}",
                    context
                );
                let stage = CATALOG.get(regime).unwrap().stages.iter().find(|s| s.name == name).unwrap();
                let anchor =
                    stage.anchor.clone().unwrap_or_else(|| CATALOG.get(regime).unwrap().trigger.clone());
                let triggered = facts.happened(regime, &anchor, history.aware_at_detection);
                // No stop without a filing of that very stage, and the first counts.
                prop_assert_eq!(d.done_at, facts.first_filed(regime, name), "{}", &context);
                if stopped {
                    prop_assert!(
                        facts.first_filed(regime, name).is_some(),
                        "stopped without a filing: {}",
                        context
                    );
                }
                // Pending exactly while the trigger has not happened.
                prop_assert_eq!(d.status == Status::Pending, !triggered, "trigger {}: {}", anchor, &context);
                if triggered {
                    prop_assert_eq!(stopped, facts.first_filed(regime, name).is_some(), "{}", &context);
                }
            }
            ClockKind::TenantRegime => {
                prop_assert!(!stopped, "a tenant's own clock is never met or late: {}", context);
                prop_assert!(d.done_at.is_none(), "{}", context);
                let tenant = d.tenant.as_deref().unwrap();
                prop_assert!(facts.affected.contains(tenant), "{}", context);
                let regime = CATALOG.get(d.regime.as_deref().unwrap()).unwrap();
                let from_awareness =
                    matches!(regime.trigger.as_str(), "aware" | "discovered" | "declared" | "assessed");
                let started = facts.first_notified(tenant).filter(|_| from_awareness);
                prop_assert_eq!(d.started_at, started, "{}", &context);
                prop_assert_eq!(d.status == Status::Pending, started.is_none(), "{}", &context);
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
    let stages: usize = own.iter().map(|r| CATALOG.get(r).unwrap().stages.len()).sum();
    prop_assert_eq!(own_count, stages);
    let tenant_count = clocks.iter().filter(|d| d.clock == ClockKind::TenantRegime).count();
    let expected_tenant: usize = facts
        .affected
        .iter()
        .filter_map(|t| terms(t))
        .flat_map(|terms| terms.regimes.iter().map(|r| CATALOG.get(r).unwrap()))
        .map(|r| r.stages.iter().filter(|s| s.anchor.is_none()).count())
        .sum();
    prop_assert_eq!(tenant_count, expected_tenant);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_clock_stops_without_its_notification_or_filing(history in history()) {
        check(&history)?;
    }
}

/// The generator does reach the interesting cases: met and late clocks of every kind we stop,
/// pending stages, and tenants' own clocks that run.
#[test]
fn the_generated_histories_reach_every_status() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut seen = BTreeSet::new();
    for _ in 0..256 {
        let history = history().new_tree(&mut runner).unwrap().current();
        let incident = history.log().fold().unwrap();
        let own = own_regimes();
        let regimes = vec!["gdpr-art33".to_string()];
        let rules = Rules {
            catalog: &CATALOG,
            contract_limit: Limit::Hours(72),
            at_risk_margin: Duration::hours(12),
            own_regimes: &own,
            aware_at_detection: history.aware_at_detection,
            holidays: &history.holidays,
        };
        let terms =
            |_: &str| Some(TenantTerms { id: "t1".into(), limit: Some(Limit::Hours(24)), regimes: &regimes });
        for d in rules.clocks(&incident, terms, minute(history.now)) {
            seen.insert((format!("{:?}", d.clock), d.status.as_str()));
        }
    }
    for wanted in [
        ("Contract", "met"),
        ("Contract", "late"),
        ("Contract", "overdue"),
        ("Contract", "running"),
        ("OwnRegime", "met"),
        ("OwnRegime", "late"),
        ("OwnRegime", "pending"),
        ("TenantRegime", "running"),
        ("TenantRegime", "pending"),
    ] {
        assert!(seen.contains(&(wanted.0.to_string(), wanted.1)), "never generated {wanted:?}; saw {seen:?}");
    }
}
