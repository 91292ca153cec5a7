//! `sirt stats [--chart DIR]`: how fast incidents are detected, declared, notified and recovered
//! from, in a table, JSON, or charts.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::Ctx;
use crate::error::UserError;
use crate::model::Incident;
use crate::model::deadline::ClockKind;
use crate::model::stats::stats;
use crate::model::time::{format_span, parse_when, refusal_hint};
use crate::ops::clocks::{ClockSetup, local_zone};
use crate::output::plain_rows;
use crate::render::charts::{
    DURATIONS_FILE, SHARE_FILE, WORDS_FILE, charts_markdown, durations_svg, share_svg,
};
use crate::store;
use crate::store::Draws;

/// Metrics across incidents: counts, median and 90th percentile times, notifications in time
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only incidents detected at or after this time
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        long_help = crate::model::time::flag_help("Only incidents detected at or after this time")
    )]
    pub since: Option<String>,
    /// Only incidents detected before this time
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        long_help = crate::model::time::flag_help("Only incidents detected before this time")
    )]
    pub until: Option<String>,
    /// Also write SVG charts into DIR (created if needed): the durations as distributions, and
    /// the share of tenants notified in time by month, with charts.md giving the same in words
    #[arg(long, value_name = "DIR")]
    pub chart: Option<PathBuf>,
    #[arg(ignore_case = true, long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

pub fn run(ctx: &Ctx, args: StatsArgs) -> Result<()> {
    let when = |text: &Option<String>, flag: &str| {
        text.as_deref()
            .map(|t| {
                parse_when(t, ctx.now, local_zone())
                    .map_err(|e| UserError::new(e).hint(refusal_hint(t, flag)))
            })
            .transpose()
    };
    let (since, until) = (when(&args.since, "--since")?, when(&args.until, "--until")?);
    let store = ctx.store_to_read(&[Draws::Incidents, Draws::Tenants])?;
    let loaded = store.load_incidents()?;
    ctx.ui.skipped(&loaded.unreadable);
    let incidents: Vec<&Incident> = loaded
        .incidents
        .iter()
        .filter(|i| since.is_none_or(|s| i.detected_at >= s) && until.is_none_or(|u| i.detected_at < u))
        .collect();
    let clocks = ClockSetup::for_store(store)?
        .clocks(store, &incidents, ctx.now, |d| d.clock == ClockKind::Contract && d.tenant.is_some())?;
    let stats = stats(&incidents, &clocks, since, until);

    if let Some(dir) = &args.chart {
        let (durations, share, words) = (durations_svg(&stats), share_svg(&stats), charts_markdown(&stats));
        store::write_into(
            dir,
            &[
                (DURATIONS_FILE, durations.as_bytes()),
                (SHARE_FILE, share.as_bytes()),
                (WORDS_FILE, words.as_bytes()),
            ],
        )?;
        ctx.ui.status(&format!(
            "charts written to {}: {DURATIONS_FILE}, {SHARE_FILE}, and {WORDS_FILE} with the same in words",
            dir.display()
        ));
    }
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
