//! Metrics across incidents for `sirt stats`: how long each step took (median and 90th
//! percentile), and how many tenants heard from us within their contract clock, overall and by
//! month. Pure: the command hands in the incidents and their contract clocks.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::deadline::{Deadline, Status};
use super::{Incident, Phase, Severity};

/// One measured interval. Field names are the stable JSON of `sirt stats --format json`.
#[derive(Debug, Serialize)]
pub struct Metric {
    pub name: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub count: usize,
    pub median_seconds: Option<f64>,
    pub p90_seconds: Option<i64>,
    /// Every measured value, in seconds, sorted: what the charts draw.
    #[serde(skip)]
    pub values: Vec<i64>,
}

impl Metric {
    fn new(name: &'static str, from: &'static str, to: &'static str, mut values: Vec<i64>) -> Metric {
        values.sort_unstable();
        Metric {
            name,
            from,
            to,
            count: values.len(),
            median_seconds: median(&values),
            p90_seconds: percentile(&values, 90),
            values,
        }
    }
}

/// Contract clocks decided in one calendar month (UTC) of the declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthShare {
    /// `2026-11`.
    pub month: String,
    pub decided: usize,
    pub in_time: usize,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub incidents: usize,
    /// severity → outcome (open, closed, dismissed) → count.
    pub by_severity: BTreeMap<Severity, BTreeMap<&'static str, usize>>,
    pub metrics: Vec<Metric>,
    /// Affected tenants whose contract clock is decided (notified, or overdue).
    pub tenants_decided: usize,
    pub tenants_notified_in_time: usize,
    /// `tenants_notified_in_time / tenants_decided`, or null with none decided.
    pub share_notified_in_time: Option<f64>,
    /// The same, by month of the declaration, oldest first.
    pub notified_in_time_by_month: Vec<MonthShare>,
}

fn outcome(incident: &Incident) -> &'static str {
    match incident.phase {
        Phase::Dismissed => "dismissed",
        Phase::Closed => "closed",
        _ => "open",
    }
}

/// The metrics of `incidents`; `contract_clocks` are their tenants' contract clocks.
pub fn stats(
    incidents: &[&Incident],
    contract_clocks: &[Deadline],
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Stats {
    let mut by_severity: BTreeMap<Severity, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for incident in incidents {
        *by_severity.entry(incident.severity).or_default().entry(outcome(incident)).or_default() += 1;
    }
    let seconds = |from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>| Some((to? - from?).num_seconds());
    let collect = |f: &dyn Fn(&Incident) -> Vec<Option<i64>>| -> Vec<i64> {
        incidents.iter().flat_map(|i| f(i)).flatten().collect()
    };
    let metrics = vec![
        Metric::new(
            "time to detect",
            "event start",
            "detection",
            collect(&|i| vec![seconds(i.started_at, Some(i.detected_at))]),
        ),
        Metric::new(
            "time to declare",
            "detection",
            "declaration",
            collect(&|i| vec![seconds(Some(i.detected_at), i.declared_at)]),
        ),
        Metric::new(
            "time to notify",
            "declaration",
            "each tenant's first notification",
            collect(&|i| i.affected.values().map(|a| seconds(i.declared_at, a.notified_at)).collect()),
        ),
        Metric::new(
            "time to recover",
            "declaration",
            "recovery validated",
            collect(&|i| vec![seconds(i.declared_at, i.response.recovered_at)]),
        ),
    ];

    let decided: Vec<&Deadline> = contract_clocks
        .iter()
        .filter(|c| matches!(c.status, Status::Met | Status::Late | Status::Overdue))
        .collect();
    let in_time = decided.iter().filter(|c| c.status == Status::Met).count();
    let mut months: BTreeMap<String, MonthShare> = BTreeMap::new();
    for clock in &decided {
        let Some(start) = clock.started_at else { continue };
        let month = start.format("%Y-%m").to_string();
        let share = months.entry(month.clone()).or_insert(MonthShare { month, decided: 0, in_time: 0 });
        share.decided += 1;
        share.in_time += usize::from(clock.status == Status::Met);
    }
    Stats {
        since,
        until,
        incidents: incidents.len(),
        by_severity,
        metrics,
        tenants_decided: decided.len(),
        tenants_notified_in_time: in_time,
        share_notified_in_time: (!decided.is_empty()).then(|| in_time as f64 / decided.len() as f64),
        notified_in_time_by_month: with_every_month(months.into_values().collect()),
    }
}

/// Months between the first and the last with nothing decided are listed too, empty, so that a
/// chart over them keeps an even time axis.
fn with_every_month(months: Vec<MonthShare>) -> Vec<MonthShare> {
    let parse = |m: &MonthShare| -> Option<(i32, u32)> {
        let (y, mo) = m.month.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let (Some(first), Some(last)) = (months.first().and_then(parse), months.last().and_then(parse)) else {
        return months;
    };
    let mut all = Vec::new();
    let (mut year, mut month) = first;
    let mut given = months.into_iter().peekable();
    while (year, month) <= last {
        let name = format!("{year:04}-{month:02}");
        match given.next_if(|m| m.month == name) {
            Some(found) => all.push(found),
            None => all.push(MonthShare { month: name, decided: 0, in_time: 0 }),
        }
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    all
}

/// The median: the middle value, or the mean of the two middle values.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0),
    }
}

/// The p-th percentile by nearest rank: the smallest value with at least p% of values at or below it.
pub fn percentile(values: &[i64], p: u32) -> Option<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return None;
    }
    let rank = (f64::from(p) / 100.0 * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_without_decided_clocks_are_listed_empty() {
        let share = |month: &str, decided| MonthShare { month: month.into(), decided, in_time: 1 };
        let months = with_every_month(vec![share("2026-11", 2), share("2027-02", 1)]);
        let names: Vec<&str> = months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(names, ["2026-11", "2026-12", "2027-01", "2027-02"]);
        assert_eq!(months[1].decided, 0);
        assert!(with_every_month(Vec::new()).is_empty());
    }

    #[test]
    fn medians_by_hand() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5.0));
        assert_eq!(median(&[3, 1, 2]), Some(2.0));
        assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
    }

    #[test]
    fn nearest_rank_percentiles_by_hand() {
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 90), Some(9));
        assert_eq!(percentile(&ten, 50), Some(5));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[1, 2, 3], 90), Some(3));
        assert_eq!(percentile(&[], 90), None);
    }
}
