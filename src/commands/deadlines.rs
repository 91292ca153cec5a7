//! `sirt deadlines`: every running clock of every open incident, most urgent first.

use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::Ctx;
use crate::error::{UserError, exit};
use crate::model::clock_groups::{
    AffectedRef, ClockGroup, Members, NAMED, affected_of, alike, expand, sort_by_urgency,
};
use crate::model::deadline::{ClockKind, Deadline, Status};
use crate::model::time::{Zone, format_in, parse_when, refusal_hint, rfc3339};
use crate::model::{Incident, Phase};
use crate::ops::clocks::{ClockSetup, display_zone, due_text, left, local_zone, tone};
use crate::output::{Fit, Format, Tone};
use crate::render::bar::{BAR_WIDTH, used_bar};
use crate::store::Draws;
use crate::text::name_some_of;

/// Show every running clock of every open incident, most urgent first
#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// Only this incident (any unique prefix of its id); it may be closed
    #[arg(long, value_name = "ID")]
    pub incident: Option<String>,
    /// Include met and late clocks, and the tenants' own clocks that are pending or past due
    #[arg(long)]
    pub all: bool,
    /// As of this time instead of now (RFC 3339, 'YYYY-MM-DD HH:MM', '-2h', '2h ago', …)
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        long_help = crate::model::time::flag_help("As of this time instead of now")
    )]
    pub at: Option<String>,
    /// Exit with 3 when any of our clocks is overdue or at risk (for cron and runbooks)
    #[arg(long)]
    pub check: bool,
    /// In the table, one row per clock instead of one per group of tenants with the same due time
    #[arg(long)]
    pub each: bool,
    /// Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like
    /// +01:00 [default: the local zone]
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    pub tz: Option<String>,
    /// On a terminal, every column (who started each clock, and when) at full width instead of
    /// the compact view that fits the screen; piped output is always in full
    #[arg(long)]
    pub wide: bool,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

/// A clock in JSON: the clock, and the time left as of the report.
#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    deadline: Deadline,
    /// Seconds until due (negative: overdue); null without a due time.
    seconds_left: Option<i64>,
    /// The command that stops it.
    stop: String,
}

pub fn run(ctx: &Ctx, args: DeadlinesArgs) -> Result<i32> {
    let store = ctx.store_to_read(&[Draws::Incidents, Draws::Tenants])?;
    let zone = display_zone(args.tz.as_deref())?;
    // "As of" a time: with --at, the incidents as they stood then. Either way the clocks are
    // computed as of `now` (SIRT_NOW included): a stop or start recorded for later has not happened.
    let as_of = args
        .at
        .as_deref()
        .map(|text| {
            parse_when(text, ctx.now, local_zone())
                .map_err(|e| UserError::new(e).hint(refusal_hint(text, "--at")))
        })
        .transpose()?;
    let now = as_of.unwrap_or(ctx.now);
    let setup = ClockSetup::for_store(store)?;
    let directory = setup.directory(store)?;
    // Only the rows per tenant need every tenant of a group; the table and the check need counts.
    let members = match (args.format, args.each) {
        (Format::Table, false) => Members::Named,
        _ => Members::All,
    };
    let keep = |d: &Deadline| args.all || shown_by_default(d);
    let groups_of = |n: u32, incident: &Incident, affected: &[AffectedRef]| {
        // A closed incident's clocks owed to regulators run until filed; dismissed ones never ran.
        if incident.phase == Phase::Dismissed {
            return (None, Vec::new());
        }
        let warning = (incident.id.clone(), incident.unknown_events.clone());
        (Some(warning), setup.incident_groups(&directory, incident, affected, n, now, members, keep))
    };
    let (made, mut unreadable) = match &args.incident {
        Some(query) => {
            let id = ctx.resolve(store, query)?;
            let single = store.load_incident_as_of(&id, as_of)?.ok_or_else(|| {
                UserError::new(format!("{id} had not been detected by then")).hint("pass a later --at")
            })?;
            // Asked for by name, even a dismissed incident's clocks are worked out.
            let groups =
                setup.incident_groups(&directory, &single, &affected_of(&single), 0, now, members, keep);
            (vec![(Some((single.id.clone(), single.unknown_events.clone())), groups)], Vec::new())
        }
        // As of a time: folded from the files.
        None if as_of.is_some() => {
            let loaded = store.load_incidents_as_of(as_of)?;
            let made = loaded
                .incidents
                .iter()
                .enumerate()
                .map(|(n, incident)| groups_of(n as u32, incident, &affected_of(incident)))
                .collect();
            (made, loaded.unreadable)
        }
        // Now: from the cache, one incident's affected tenants at a time.
        None => store.incidents_for_clocks(groups_of)?,
    };
    let mut groups: Vec<ClockGroup> = Vec::new();
    for (warning, incident_groups) in made {
        if let Some((id, kinds)) = warning {
            super::warn_unknown_kinds(ctx, &id, &kinds);
        }
        groups.extend(incident_groups);
    }
    sort_by_urgency(&mut groups);
    // A tenant file that does not read hides that tenant's limit: the gate must not pass on it.
    unreadable.extend(directory.unreadable(store));
    unreadable.sort();
    unreadable.dedup();
    ctx.ui.skipped(&unreadable);

    let ours = |g: &&ClockGroup| g.clock.clock != ClockKind::TenantRegime;
    let count = |status: Status| {
        groups.iter().filter(ours).filter(|g| g.clock.status == status).map(ClockGroup::count).sum::<usize>()
    };
    let attention = count(Status::Overdue) + count(Status::AtRisk);
    match args.format {
        // One row per tenant, written as each is made: memory does not grow with the rows.
        Format::Json => ctx.ui.json_stream(expand(&groups).map(|d| Row {
            seconds_left: d.due.map(|due| (due - now).num_seconds()),
            stop: d.stop(),
            deadline: d,
        }))?,
        Format::Csv => ctx.ui.csv_stream(
            &[
                "incident",
                "clock",
                "party",
                "rule",
                "started_by",
                "started_at",
                "due",
                "done_at",
                "status",
                "seconds_left",
                "stop",
            ],
            expand(&groups).map(|d| {
                vec![
                    d.incident.to_string(),
                    kind(d.clock).into(),
                    d.party.to_string(),
                    d.rule.to_string(),
                    d.started_by.to_string(),
                    rfc3339(d.started_at),
                    rfc3339(d.due),
                    rfc3339(d.done_at),
                    d.status.as_str().into(),
                    d.due.map(|due| (due - now).num_seconds().to_string()).unwrap_or_default(),
                    d.stop(),
                ]
            }),
        )?,
        Format::Table => {
            let mut summary = vec![
                format!("{} overdue", count(Status::Overdue)),
                format!("{} at risk", count(Status::AtRisk)),
                format!("{} running", count(Status::Running)),
            ];
            for (status, word) in [(Status::Pending, "pending"), (Status::Late, "late"), (Status::Met, "met")]
            {
                if count(status) > 0 {
                    summary.push(format!("{} {word}", count(status)));
                }
            }
            let mut line = summary.join(", ");
            let tenant_clocks: usize = groups
                .iter()
                .filter(|g| g.clock.clock == ClockKind::TenantRegime)
                .map(ClockGroup::count)
                .sum();
            if tenant_clocks > 0 {
                line.push_str(&format!("; {tenant_clocks} of the tenants' own clocks, for information"));
            }
            let tone = if count(Status::Overdue) > 0 {
                Tone::Alarm
            } else if count(Status::AtRisk) > 0 {
                Tone::Caution
            } else {
                Tone::Plain
            };
            ctx.ui.line(&ctx.ui.toned(&line, tone))?;
            if !groups.is_empty() {
                let mut headers = vec!["INCIDENT", "OWED TO", "RULE", "STARTED BY", "DUE", "LEFT", "STATUS"];
                // On a terminal, a bar of the time used; never in piped output.
                let bars = ctx.ui.is_terminal();
                if bars {
                    headers.insert(6, "USED");
                }
                // On a terminal, the compact view unless --wide: who started a clock matters less
                // at 3 a.m. than what is due when; the bar goes next, then cells are cut short.
                let compact = bars && !args.wide;
                let shown = |d: &Deadline, count: usize, parties: &[Arc<str>]| {
                    let mut row = table_row(d, count, parties, now, zone);
                    if bars {
                        row.insert(6, (used_bar(d, now, BAR_WIDTH).unwrap_or_default(), self::tone(d)));
                    }
                    if compact {
                        row.remove(3);
                        row[3].0 = short_due(&row[3].0, now);
                        row[4].0 = short_left(&row[4].0);
                    }
                    row
                };
                let rows: Vec<Vec<(String, Tone)>> = if args.each {
                    expand(&groups).map(|d| shown(&d, 1, &[])).collect()
                } else {
                    alike(&groups).iter().map(|a| shown(a.clock, a.count, &a.parties)).collect()
                };
                if compact {
                    headers.remove(3);
                    let fit = Fit { drop: &["USED"], shrink: Some(&["OWED TO", "RULE", "LEFT", "DUE"]) };
                    ctx.ui.table_fit(&headers, rows, Some(fit))?;
                } else {
                    ctx.ui.table_fit(&headers, rows, None)?;
                }
                // Groups are sorted as their first clocks: the first live one of ours is the most urgent.
                if let Some(first) = groups.iter().find(|g| ours(g) && g.clock.status.is_live()) {
                    ctx.ui.hint(&format!("most urgent: {}", first.clock.stop()));
                }
            }
        }
    }
    if args.check && attention > 0 {
        return Ok(exit::ATTENTION);
    }
    if args.check && !unreadable.is_empty() {
        ctx.ui.incomplete(unreadable.len());
        return Ok(exit::INCOMPLETE);
    }
    Ok(exit::OK)
}

/// A due time in the compact view: without this year's `YYYY-`.
fn short_due(text: &str, now: DateTime<Utc>) -> String {
    use chrono::Datelike;
    text.strip_prefix(&format!("{}-", now.year())).unwrap_or(text).to_string()
}

/// The time left in the compact view: `21h 00m`, and `-1h 00m` when overdue (the status says so).
fn short_left(text: &str) -> String {
    if let Some(span) = text.strip_suffix(" left") {
        span.to_string()
    } else if let Some(span) = text.strip_prefix("overdue by ") {
        format!("-{span}")
    } else {
        text.to_string()
    }
}

/// Default view: every live clock of ours; the tenants' clocks only while they run.
fn shown_by_default(d: &Deadline) -> bool {
    match d.clock {
        ClockKind::TenantRegime => matches!(d.status, Status::Running | Status::AtRisk),
        _ => d.status.is_live(),
    }
}

fn kind(clock: ClockKind) -> &'static str {
    match clock {
        ClockKind::Contract => "contract",
        ClockKind::OwnRegime => "own-regime",
        ClockKind::TenantRegime => "tenant-regime",
    }
}

/// A row of the table: a clock, or the first of `count` alike (see `alike`) with the first
/// few of their parties.
fn table_row(
    d: &Deadline,
    count: usize,
    parties: &[Arc<str>],
    now: DateTime<Utc>,
    zone: Zone,
) -> Vec<(String, Tone)> {
    let tone = tone(d);
    let mut rule = d.rule.to_string();
    if d.verified.as_deref() == Some("unverified") {
        rule.push_str(" [unverified limit]");
    }
    let started = match d.started_at {
        Some(at) => format!("{} {}", d.started_by, format_in(at, zone)),
        None => d.started_by.to_string(),
    };
    vec![
        (d.incident.to_string(), Tone::Plain),
        (
            match count {
                1 => d.party.to_string(),
                n => {
                    let names: Vec<String> = parties.iter().take(NAMED).map(|p| p.to_string()).collect();
                    format!("{n} tenants: {}", name_some_of(&names, n))
                }
            },
            Tone::Plain,
        ),
        (rule, Tone::Plain),
        (started, Tone::Plain),
        (due_text(d, zone), Tone::Plain),
        (left(d, now), tone),
        (d.status.as_str().to_string(), tone),
    ]
}
