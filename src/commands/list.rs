//! `sirt list`: incidents, newest first.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::model::summary::IncidentSummary;
use crate::model::time::rfc3339;
use crate::model::{Incident, Phase, Severity};
use crate::ops::clocks::format_local;
use crate::output::{Fit, Format, Tone};
use crate::store::Draws;

/// List incidents (open ones unless told otherwise), newest first
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only open incidents [default]
    #[arg(long, conflicts_with_all = ["closed", "all"])]
    pub open: bool,
    /// Only closed and dismissed incidents
    #[arg(long, conflicts_with = "all")]
    pub closed: bool,
    /// Every incident
    #[arg(long)]
    pub all: bool,
    /// Only these severities; repeat or separate with commas
    #[arg(ignore_case = true, long, value_parser = super::words::<Severity>(), value_delimiter = ',')]
    pub severity: Vec<Severity>,
    /// Only incidents in these phases; repeat or separate with commas
    #[arg(ignore_case = true, long, value_parser = super::words::<Phase>(), value_delimiter = ',')]
    pub phase: Vec<Phase>,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> Result<()> {
    // Hand edits are looked for in what is listed: the open incidents' files by default (a
    // tenth of a big store), the whole directory with --all, as a new file there counts too.
    let (store, look) = ctx.store_to_read_first()?;
    let every = args.all && args.severity.is_empty() && args.phase.is_empty();
    let look_at = |ids: &mut dyn Iterator<Item = &str>| {
        let draws: Vec<Draws> =
            if every { vec![Draws::Incidents] } else { ids.map(Draws::Incident).collect() };
        ctx.look_for_hand_edits(store, look, &draws)
    };
    // A phase filter alone decides by itself: `--phase dismissed` finds dismissed incidents.
    let wanted = |open: bool, severity: Severity, phase: Phase| {
        (args.all
            || (args.closed && !open)
            || (!args.closed && (open || (!args.open && !args.phase.is_empty()))))
            && (args.severity.is_empty() || args.severity.contains(&severity))
            && (args.phase.is_empty() || args.phase.contains(&phase))
    };
    if args.format == Format::Json {
        // JSON carries every field, the affected tenants too: the whole folded state.
        let loaded = store.load_incidents()?;
        for incident in &loaded.incidents {
            super::warn_unknown_kinds(ctx, &incident.id, &incident.unknown_events);
        }
        ctx.ui.skipped(&loaded.unreadable);
        let mut incidents: Vec<&Incident> =
            loaded.incidents.iter().filter(|i| wanted(i.open, i.severity, i.phase)).collect();
        incidents.sort_by(|a, b| b.detected_at.cmp(&a.detected_at).then_with(|| a.id.cmp(&b.id)));
        look_at(&mut incidents.iter().map(|i| i.id.as_str()))?;
        return ctx.ui.json(&incidents);
    }
    // The table and CSV need only what the cache keeps apart from the affected-tenant lists.
    let loaded = store.incident_summaries()?;
    for incident in &loaded.incidents {
        super::warn_unknown_kinds(ctx, &incident.id, &incident.unknown_events);
    }
    ctx.ui.skipped(&loaded.unreadable);
    let mut incidents: Vec<&IncidentSummary> =
        loaded.incidents.iter().filter(|i| wanted(i.open, i.severity, i.phase)).collect();
    incidents.sort_by(|a, b| b.detected_at.cmp(&a.detected_at).then_with(|| a.id.cmp(&b.id)));
    look_at(&mut incidents.iter().map(|i| i.id.as_str()))?;

    match args.format {
        Format::Csv => {
            let rows: Vec<Vec<String>> = incidents
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone(),
                        i.severity.to_string(),
                        i.phase.to_string(),
                        i.open.to_string(),
                        rfc3339(Some(i.detected_at)),
                        rfc3339(i.declared_at),
                        i.affected.to_string(),
                        i.title.clone(),
                    ]
                })
                .collect();
            ctx.ui.csv(
                &["id", "severity", "phase", "open", "detected_at", "declared_at", "affected", "title"],
                &rows,
            )
        }
        // JSON went out above, from the whole state.
        Format::Table | Format::Json => {
            if incidents.is_empty() {
                ctx.ui.status(if args.all {
                    "no incidents"
                } else {
                    "no incidents match; try: sirt list --all"
                });
                return Ok(());
            }
            let rows = incidents
                .iter()
                .map(|i| {
                    let tone = match i.severity {
                        Severity::Sev1 if i.open => Tone::Alarm,
                        Severity::Sev2 if i.open => Tone::Caution,
                        _ => Tone::Plain,
                    };
                    vec![
                        (i.id.clone(), Tone::Plain),
                        (i.severity.to_string(), tone),
                        (i.phase.to_string(), Tone::Plain),
                        (format_local(i.detected_at), Tone::Plain),
                        (i.declared_at.map(format_local).unwrap_or_else(|| "-".into()), Tone::Plain),
                        (affected_cell(i), Tone::Plain),
                        (i.title.clone(), Tone::Plain),
                    ]
                })
                .collect();
            // Narrow terminals keep the id, severity and title; the times go first.
            let fit = Fit {
                drop: &["DECLARED", "DETECTED", "AFFECTED", "PHASE"],
                shrink: Some(&["TITLE", "AFFECTED"]),
            };
            Ok(ctx.ui.table_fit(
                &["ID", "SEV", "PHASE", "DETECTED", "DECLARED", "AFFECTED", "TITLE"],
                rows,
                Some(fit),
            )?)
        }
    }
}

/// How many tenants, and the first few ids: `3: contoso, fabrikam, woodgrove`.
fn affected_cell(incident: &IncidentSummary) -> String {
    match incident.affected {
        0 => "-".into(),
        count => format!("{count}: {}", crate::text::name_some_of(&incident.first_affected, count)),
    }
}
