//! `sirt stats`: how fast incidents are detected, declared, notified and recovered from.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Ctx;
use super::deadlines::ClockSetup;
use crate::error::UserError;
use crate::model::deadline::{ClockKind, Status};
use crate::model::stats::{median, percentile};
use crate::model::time::{ACCEPTED, format_span, parse_when};
use crate::model::{Incident, Phase, Severity};
use crate::output::plain_rows;

/// Metrics across incidents: counts, median and 90th percentile times, notifications in time
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only incidents detected at or after this time
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only incidents detected before this time
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

/// One measured interval. Field names are the stable JSON of `sirt stats --format json`.
#[derive(Serialize)]
struct Metric {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    count: usize,
    median_seconds: Option<f64>,
    p90_seconds: Option<i64>,
}

#[derive(Serialize)]
struct Stats {
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    incidents: usize,
    /// severity → outcome (open, closed, dismissed) → count.
    by_severity: BTreeMap<Severity, BTreeMap<&'static str, usize>>,
    metrics: Vec<Metric>,
    /// Affected tenants whose contract clock is decided (notified, or overdue).
    tenants_decided: usize,
    tenants_notified_in_time: usize,
    /// `tenants_notified_in_time / tenants_decided`, or null with none decided.
    share_notified_in_time: Option<f64>,
}

fn outcome(incident: &Incident) -> &'static str {
    match incident.phase {
        Phase::Dismissed => "dismissed",
        Phase::Closed => "closed",
        _ => "open",
    }
}

pub fn run(ctx: &Ctx, args: StatsArgs) -> Result<()> {
    let when = |text: &Option<String>| {
        text.as_deref()
            .map(|t| parse_when(t, ctx.now))
            .transpose()
            .map_err(|e| UserError::new(e).hint(format!("--since and --until take {ACCEPTED}")))
    };
    let (since, until) = (when(&args.since)?, when(&args.until)?);
    let store = ctx.store_to_read()?;
    let loaded = store.load_incidents()?;
    ctx.ui.skipped(&loaded.unreadable);
    let incidents: Vec<&Incident> = loaded
        .incidents
        .iter()
        .filter(|i| since.is_none_or(|s| i.detected_at >= s) && until.is_none_or(|u| i.detected_at < u))
        .collect();

    let mut by_severity: BTreeMap<Severity, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for incident in &incidents {
        *by_severity.entry(incident.severity).or_default().entry(outcome(incident)).or_default() += 1;
    }
    let seconds = |from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>| Some((to? - from?).num_seconds());
    let collect = |f: &dyn Fn(&Incident) -> Vec<Option<i64>>| -> Vec<i64> {
        incidents.iter().flat_map(|i| f(i)).flatten().collect()
    };
    let detect = collect(&|i| vec![seconds(i.started_at, Some(i.detected_at))]);
    let declare = collect(&|i| vec![seconds(Some(i.detected_at), i.declared_at)]);
    let notify = collect(&|i| i.affected.values().map(|a| seconds(i.declared_at, a.notified_at)).collect());
    let recover = collect(&|i| vec![seconds(i.declared_at, i.response.recovered_at)]);
    let metric = |name, from, to, values: &[i64]| Metric {
        name,
        from,
        to,
        count: values.len(),
        median_seconds: median(values),
        p90_seconds: percentile(values, 90),
    };
    let metrics = vec![
        metric("time to detect", "event start", "detection", &detect),
        metric("time to declare", "detection", "declaration", &declare),
        metric("time to notify", "declaration", "each tenant's first notification", &notify),
        metric("time to recover", "declaration", "recovery validated", &recover),
    ];

    let clocks = ClockSetup::for_store(store)?
        .clocks(store, &incidents, ctx.now, |d| d.clock == ClockKind::Contract && d.tenant.is_some());
    let decided =
        clocks.iter().filter(|c| matches!(c.status, Status::Met | Status::Late | Status::Overdue)).count();
    let in_time = clocks.iter().filter(|c| c.status == Status::Met).count();
    let stats = Stats {
        since,
        until,
        incidents: incidents.len(),
        by_severity,
        metrics,
        tenants_decided: decided,
        tenants_notified_in_time: in_time,
        share_notified_in_time: (decided > 0).then(|| in_time as f64 / decided as f64),
    };

    match args.format {
        StatsFormat::Json => ctx.ui.json(&stats),
        StatsFormat::Table => {
            ctx.ui.line(&format!("{} incidents", stats.incidents))?;
            let rows: Vec<Vec<String>> = stats
                .by_severity
                .iter()
                .map(|(severity, outcomes)| {
                    let n = |o: &str| outcomes.get(o).copied().unwrap_or(0).to_string();
                    vec![severity.to_string(), n("open"), n("closed"), n("dismissed")]
                })
                .collect();
            ctx.ui.table(&["SEVERITY", "OPEN", "CLOSED", "DISMISSED"], plain_rows(&rows))?;
            let show = |s: Option<f64>| {
                s.map(|s| format_span(chrono::Duration::seconds(s.round() as i64)))
                    .unwrap_or_else(|| "—".into())
            };
            let rows: Vec<Vec<String>> = stats
                .metrics
                .iter()
                .map(|m| {
                    vec![
                        m.name.to_string(),
                        format!("{} → {}", m.from, m.to),
                        m.count.to_string(),
                        show(m.median_seconds),
                        show(m.p90_seconds.map(|s| s as f64)),
                    ]
                })
                .collect();
            ctx.ui.table(&["METRIC", "FROM → TO", "N", "MEDIAN", "90TH PERCENTILE"], plain_rows(&rows))?;
            match stats.share_notified_in_time {
                Some(share) => ctx.ui.line(&format!(
                    "{} of {} affected tenants notified within their contract clock ({:.0}%)",
                    stats.tenants_notified_in_time,
                    stats.tenants_decided,
                    share * 100.0
                ))?,
                None => ctx.ui.line("no contract clock has run out or been met yet")?,
            }
            Ok(())
        }
    }
}
