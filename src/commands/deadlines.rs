//! `sirt deadlines`: every running clock of every open incident, most urgent first.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate, Utc};
use clap::Args;
use serde::Serialize;

use super::Ctx;
use crate::error::{UserError, exit};
use crate::model::deadline::{
    ClockKind, Deadline, Limit, Rules, Status, TenantTerms, limit_from_span, sort_by_urgency,
};
use crate::model::regime::Catalog;
use crate::model::tenant::Tenant;
use crate::model::time::{ACCEPTED, format_in, format_span, parse_when, rfc3339};
use crate::model::{Incident, Phase};
use crate::output::{Format, Tone};
use crate::render::bar::{BAR_WIDTH, used_bar};
use crate::store::Store;
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
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Exit with 3 when any of our clocks is overdue or at risk (for cron and runbooks)
    #[arg(long)]
    pub check: bool,
    /// In the table, one row per clock instead of one per group of tenants with the same due time
    #[arg(long)]
    pub each: bool,
    /// Show times in this zone: UTC, or an offset like +01:00 [default: the local zone]
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    pub tz: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// What the clocks of a store are computed with, read once from its settings.
pub struct ClockSetup {
    catalog: Catalog,
    contract_limit: Limit,
    margin: Duration,
    own_regimes: Vec<String>,
    aware_at_detection: bool,
    holidays: Vec<NaiveDate>,
}

impl ClockSetup {
    pub fn for_store(store: &Store) -> Result<ClockSetup> {
        let settings = &store.settings;
        let bad =
            |e: String| UserError::new(e).hint(format!("fix {}", store.root().join("sirt.toml").display()));
        Ok(ClockSetup {
            catalog: Catalog::for_store(settings).map_err(bad)?,
            contract_limit: limit_from_span(&settings.contract_limit).ok_or_else(|| {
                bad(format!("contract_limit '{}' is not like 72h", settings.contract_limit))
            })?,
            margin: settings.at_risk_margin().map_err(bad)?,
            own_regimes: settings.own_regimes.clone(),
            aware_at_detection: settings.aware_at_detection().map_err(bad)?,
            holidays: settings.holiday_dates().map_err(bad)?,
        })
    }

    pub fn rules(&self) -> Rules<'_> {
        Rules {
            catalog: &self.catalog,
            contract_limit: self.contract_limit,
            at_risk_margin: self.margin,
            own_regimes: &self.own_regimes,
            aware_at_detection: self.aware_at_detection,
            holidays: &self.holidays,
        }
    }

    /// Every clock of these incidents as of `now`, most urgent first. Tenants are read once each.
    pub fn clocks(
        &self,
        store: &Store,
        incidents: &[&Incident],
        now: DateTime<Utc>,
        keep: impl Fn(&Deadline) -> bool,
    ) -> Vec<Deadline> {
        let mut tenants: HashMap<&str, Option<Tenant>> = HashMap::new();
        for incident in incidents {
            for id in incident.affected.keys() {
                tenants.entry(id.as_str()).or_insert_with(|| store.read_tenant(id).ok());
            }
        }
        // Each tenant's limit is read once, not once per clock.
        let terms: HashMap<&str, Terms> = tenants
            .iter()
            .filter_map(|(id, t)| {
                t.as_ref().map(|t| {
                    (
                        *id,
                        (
                            Arc::from(*id),
                            t.notify_within.as_deref().and_then(limit_from_span),
                            &t.regimes[..],
                        ),
                    )
                })
            })
            .collect();
        let rules = self.rules();
        let clocks: Vec<Deadline> = incidents
            .iter()
            .flat_map(|i| {
                rules.clocks(
                    i,
                    |id| {
                        terms.get(id).map(|(id, limit, regimes)| TenantTerms {
                            id: id.clone(),
                            limit: *limit,
                            regimes,
                        })
                    },
                    now,
                )
            })
            .filter(|d| keep(d))
            .collect();
        sort_by_urgency(clocks)
    }
}

/// A tenant's id, contractual limit and regimes, as the clocks need them.
type Terms<'a> = (Arc<str>, Option<Limit>, &'a [String]);

/// A clock in JSON: the clock, and the time left as of the report.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    deadline: &'a Deadline,
    /// Seconds until due (negative: overdue); null without a due time.
    seconds_left: Option<i64>,
    /// The command that stops it.
    stop: String,
}

pub fn run(ctx: &Ctx, args: DeadlinesArgs) -> Result<i32> {
    let store = ctx.store_to_read()?;
    // "As of" a time: the incidents as they stood then, not only the clock moved.
    let as_of = args
        .at
        .as_deref()
        .map(|text| parse_when(text, ctx.now))
        .transpose()
        .map_err(|e| UserError::new(e).hint(format!("--at takes {ACCEPTED}")))?;
    let now = as_of.unwrap_or(ctx.now);
    let zone = display_zone(args.tz.as_deref(), now)?;
    let setup = ClockSetup::for_store(store)?;
    let loaded;
    let single;
    let mut unreadable: Vec<String> = Vec::new();
    let incidents: Vec<&Incident> = match &args.incident {
        Some(query) => {
            let id = ctx.resolve(store, query)?;
            single = store.load_incident_as_of(&id, as_of)?.ok_or_else(|| {
                UserError::new(format!("{id} had not been detected by then")).hint("pass a later --at")
            })?;
            vec![&single]
        }
        None => {
            loaded = store.load_incidents_as_of(as_of)?;
            unreadable.extend(loaded.unreadable.iter().cloned());
            // A closed incident's clocks owed to regulators run until filed; dismissed ones never ran.
            loaded.incidents.iter().filter(|i| i.phase != Phase::Dismissed).collect()
        }
    };
    // A tenant file that does not read hides that tenant's limit: the gate must not pass on it.
    for incident in &incidents {
        for tenant in incident.affected.keys() {
            if store.tenant_exists(tenant)
                && let Err(e) = store.read_tenant(tenant)
            {
                unreadable.push(format!("{e:#}"));
            }
        }
        super::warn_unknown_events(ctx, incident);
    }
    unreadable.sort();
    unreadable.dedup();
    ctx.ui.skipped(&unreadable);
    let clocks: Vec<Deadline> = setup.clocks(store, &incidents, now, |d| args.all || shown_by_default(d));

    let ours = |d: &&Deadline| d.clock != ClockKind::TenantRegime;
    let count = |status: Status| clocks.iter().filter(ours).filter(|d| d.status == status).count();
    let attention = count(Status::Overdue) + count(Status::AtRisk);
    match args.format {
        Format::Json => {
            let rows: Vec<Row> = clocks
                .iter()
                .map(|d| Row {
                    deadline: d,
                    seconds_left: d.due.map(|due| (due - now).num_seconds()),
                    stop: d.stop(),
                })
                .collect();
            ctx.ui.json(&rows)?;
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = clocks
                .iter()
                .map(|d| {
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
                })
                .collect();
            ctx.ui.csv(
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
                &rows,
            )?;
        }
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
            let tenant_clocks = clocks.iter().filter(|d| d.clock == ClockKind::TenantRegime).count();
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
            if !clocks.is_empty() {
                let mut headers = vec!["INCIDENT", "OWED TO", "RULE", "STARTED BY", "DUE", "LEFT", "STATUS"];
                // On a terminal, a bar of the time used; never in piped output.
                let bars = ctx.ui.is_terminal();
                if bars {
                    headers.insert(6, "USED");
                }
                let rows = group(&clocks, args.each)
                    .into_iter()
                    .map(|g| {
                        let mut row = table_row(&g, now, zone);
                        if bars {
                            row.insert(
                                6,
                                (used_bar(g.first, now, BAR_WIDTH).unwrap_or_default(), self::tone(g.first)),
                            );
                        }
                        row
                    })
                    .collect();
                ctx.ui.table(&headers, rows)?;
                if let Some(first) = clocks.iter().find(|d| ours(d) && d.status.is_live()) {
                    ctx.ui.hint(&format!("most urgent: {}", first.stop()));
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

/// The time left in words: `5h 20m left`, `overdue by 2h 00m`, `met, 3h 10m early`.
pub fn left(d: &Deadline, now: DateTime<Utc>) -> String {
    match (d.status, d.due, d.started_at) {
        (Status::Pending, _, _) => "-".into(),
        (Status::Met, Some(due), _) => format!("met, {} early", format_span(due - d.done_at.unwrap_or(due))),
        (Status::Met, None, _) => "met".into(),
        (Status::Late, Some(due), _) => format!("late by {}", format_span(d.done_at.unwrap_or(due) - due)),
        (Status::Overdue, Some(due), _) => format!("overdue by {}", format_span(now - due)),
        (_, Some(due), _) => format!("{} left", format_span(due - now)),
        (_, None, Some(start)) => format!("{} since it started (no fixed limit)", format_span(now - start)),
        (_, None, None) => "-".into(),
    }
}

/// Clocks that differ only in the tenant they are owed to, shown as one row.
struct Group<'a> {
    first: &'a Deadline,
    parties: Vec<&'a str>,
}

/// Groups neighbouring clocks (the sort puts equal status, due time and incident together) with
/// the same rule and start: 500 tenants notified by one deadline read as one line, not 500.
fn group(clocks: &[Deadline], each: bool) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for clock in clocks {
        if let Some(last) = groups.last_mut() {
            let d = last.first;
            let same = !each
                && d.incident == clock.incident
                && d.clock == clock.clock
                && d.rule == clock.rule
                && d.status == clock.status
                && d.due == clock.due
                && d.started_at == clock.started_at
                && d.tenant.is_some();
            if same {
                last.parties.push(&clock.party);
                continue;
            }
        }
        groups.push(Group { first: clock, parties: vec![&clock.party] });
    }
    groups
}

/// How a clock's status stands out: overdue and late in alarm, at risk in caution, met in green,
/// and what is only information (pending, the tenants' own) dimmed.
pub fn tone(d: &Deadline) -> Tone {
    match d.status {
        Status::Overdue | Status::Late => Tone::Alarm,
        Status::AtRisk => Tone::Caution,
        Status::Met => Tone::Good,
        Status::Pending => Tone::Dim,
        Status::Running if d.clock == ClockKind::TenantRegime => Tone::Dim,
        Status::Running => Tone::Plain,
    }
}

fn table_row(group: &Group, now: DateTime<Utc>, zone: FixedOffset) -> Vec<(String, Tone)> {
    let d = group.first;
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
            match group.parties.len() {
                1 => d.party.to_string(),
                n => {
                    let names: Vec<String> = group.parties.iter().take(4).map(|p| p.to_string()).collect();
                    format!("{n} tenants: {}", name_some_of(&names, n))
                }
            },
            Tone::Plain,
        ),
        (rule, Tone::Plain),
        (started, Tone::Plain),
        (d.due.map(|t| format_in(t, zone)).unwrap_or_else(|| "asap".into()), Tone::Plain),
        (left(d, now), tone),
        (d.status.as_str().to_string(), tone),
    ]
}

/// `--tz`: UTC, Z, an offset such as +01:00 or -0500, or the local zone.
pub fn display_zone(tz: Option<&str>, now: DateTime<Utc>) -> Result<FixedOffset> {
    let local = || *now.with_timezone(&Local).offset();
    let Some(text) = tz.map(str::trim) else { return Ok(local()) };
    if text.eq_ignore_ascii_case("local") {
        return Ok(local());
    }
    if text.eq_ignore_ascii_case("utc") || text == "Z" {
        return Ok(FixedOffset::east_opt(0).expect("zero offset"));
    }
    let parsed = (|| {
        let (sign, rest) = match text.as_bytes().first()? {
            b'+' => (1, &text[1..]),
            b'-' => (-1, &text[1..]),
            _ => return None,
        };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let hours: i32 = digits[..2].parse().ok()?;
        let minutes: i32 = digits[2..].parse().ok()?;
        FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
    })();
    parsed.ok_or_else(|| {
        UserError::new(format!("'{text}' is not a zone sirt understands"))
            .hint("--tz takes UTC, local, or an offset such as +01:00")
            .into()
    })
}
