//! `sirt show ID`: where an incident stands.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::model::deadline::{ClockKind, Deadline, Status};
use crate::model::time::format_span;
use crate::ops::clocks::format_local;
use crate::ops::clocks::{ClockSetup, due_text, left, local_zone, tone};
use crate::output::{Format, Tone};

/// Show an incident's current state
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> Result<()> {
    let (store, id) = ctx.incident_to_read(&args.id)?;
    let incident = store.incident(&id)?;
    super::warn_unknown_events(ctx, &incident);
    match args.format {
        Format::Json => {
            let clocks = ClockSetup::for_store(store)?.clocks(store, &[&incident], ctx.now, |_| true)?;
            return ctx.ui.json(&Shown { incident: &incident, clocks });
        }
        Format::Csv => {
            return Err(crate::error::UserError::new("show has no CSV form")
                .hint(format!("sirt show {id} --format json, or sirt list --all --format csv"))
                .into());
        }
        Format::Table => {}
    }
    let mut fields = vec![
        ("Incident", ctx.ui.bold(&incident.id)),
        ("Title", incident.title.clone()),
        ("Severity", incident.severity.to_string()),
        ("Source", incident.source.to_string()),
        ("Phase", incident.phase.to_string()),
    ];
    if let Some(started) = incident.started_at {
        fields.push(("Started", format_local(started)));
    }
    fields.push(("Detected", since(ctx, incident.detected_at)));
    match (incident.declared_at, incident.dismissed_at) {
        (Some(declared), _) => fields.push(("Declared", since(ctx, declared))),
        (None, Some(dismissed)) => fields.push((
            "Dismissed",
            format!("{} — {}", format_local(dismissed), incident.dismiss_reason.clone().unwrap_or_default()),
        )),
        (None, None) => fields.push(("Declared", "not yet".into())),
    }
    fields.push((
        "Impact",
        match &incident.impact {
            None => "not yet determined".into(),
            Some(impact) if impact.effects.is_empty() => "no effect on customer data".into(),
            Some(impact) => {
                let names: Vec<&str> = impact.effects.iter().map(|e| e.as_str()).collect();
                match &impact.summary {
                    Some(summary) => format!("{} — {summary}", names.join(", ")),
                    None => names.join(", "),
                }
            }
        },
    ));
    if incident.engagements.is_empty() {
        fields.push(("Engaged", "nobody yet".into()));
    }
    for (n, engagement) in incident.engagements.iter().enumerate() {
        fields.push((
            if n == 0 { "Engaged" } else { "" },
            format!(
                "{:<8} {} (since {})",
                engagement.role.as_str(),
                engagement.who,
                format_local(engagement.at)
            ),
        ));
    }
    fields.push(("Affected", affected_line(store, &incident)));
    fields.push(("Notified", notified_line(&incident)));
    let r = &incident.response;
    let step = |at: Option<chrono::DateTime<chrono::Utc>>, text: &Option<String>| match (at, text) {
        (Some(at), Some(text)) => format!("{} — {text}", format_local(at)),
        _ => "not yet".into(),
    };
    fields.push(("Contained", step(r.contained_at, &r.containment)));
    let mut eradicated = step(r.eradicated_at, &r.eradication);
    if let Some(who) = &r.approved_by {
        eradicated.push_str(&format!(" (approved by {who})"));
    }
    fields.push(("Eradicated", eradicated));
    let mut recovery: Vec<String> = Vec::new();
    if let Some(good) = &r.last_known_good {
        recovery.push(format!("last known good: {good}"));
    }
    if let Some(backup) = &r.restored_from {
        recovery.push(format!("restored from {backup}"));
    }
    if r.inspected {
        recovery.push("inspected for attack paths".into());
    }
    if r.monitoring {
        recovery.push("heightened monitoring".into());
    }
    match &r.validated_by {
        Some(who) => recovery.push(format!("validated by {who}")),
        None if r.recovery_started_at.is_some() => recovery.push("not yet validated".into()),
        None => {}
    }
    fields.push(("Recovery", if recovery.is_empty() { "not yet".into() } else { recovery.join("; ") }));
    match &incident.review {
        None => fields.push(("Review", "not yet".into())),
        Some(review) => {
            fields
                .push(("Review", format!("{} — root cause: {}", format_local(review.at), review.root_cause)));
            for item in review.action_items.iter().filter(|a| a.done_at.is_none()) {
                let due = item.item.due.map(|d| format!(", due {d}")).unwrap_or_default();
                fields.push((
                    "Open action",
                    format!("{} {} ({}{due})", item.item.id, item.item.text, item.item.owner),
                ));
            }
        }
    }
    if let Some(closed) = incident.closed_at {
        let reason = incident.close_reason.as_deref().map(|r| format!(" — {r}")).unwrap_or_default();
        fields.push(("Closed", format!("{}{reason}", format_local(closed))));
    }
    fields.push(("Events", format!("{} recorded, {} of them notes", incident.events, incident.notes)));
    ctx.ui.fields_fitted(&fields)?;

    // Our clocks, live ones first; the tenants' own only while they run.
    let clocks: Vec<Deadline> = ClockSetup::for_store(store)?.clocks(store, &[&incident], ctx.now, |d| {
        d.clock != ClockKind::TenantRegime || matches!(d.status, Status::Running | Status::AtRisk)
    })?;
    if !clocks.is_empty() {
        ctx.ui.line("")?;
        ctx.ui.line(&ctx.ui.bold("Clocks"))?;
        let rows = clocks
            .iter()
            .map(|d| {
                let tone = tone(d);
                vec![
                    (d.party.to_string(), Tone::Plain),
                    (d.rule.to_string(), Tone::Plain),
                    (due_text(d, local_zone()), Tone::Plain),
                    (left(d, ctx.now), tone),
                    (d.status.as_str().to_string(), tone),
                ]
            })
            .collect();
        ctx.ui.table(&["OWED TO", "RULE", "DUE", "LEFT", "STATUS"], rows)?;
    }
    Ok(())
}

/// `show --format json`: the incident's state and its clocks.
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    incident: &'a crate::model::Incident,
    clocks: Vec<Deadline>,
}

/// "2 of 4 tenants: contoso (email-admin, 2026-11-21 08:00Z, by Ana), …".
fn notified_line(incident: &crate::model::Incident) -> String {
    const SHOWN: usize = 10;
    if incident.notifications.is_empty() {
        return "nobody yet".into();
    }
    let done = incident.affected.keys().filter(|t| incident.first_notified(t).is_some()).count();
    let mut parts: Vec<String> = incident
        .notifications
        .iter()
        .take(SHOWN)
        .map(|n| format!("{} ({}, {}, by {})", n.tenant, n.channel, format_local(n.at), n.by))
        .collect();
    if incident.notifications.len() > SHOWN {
        parts.push(format!("and {} more", incident.notifications.len() - SHOWN));
    }
    format!("{done} of {} tenants: {}", incident.affected.len(), parts.join(", "))
}

fn since(ctx: &Ctx, at: chrono::DateTime<chrono::Utc>) -> String {
    format!("{} ({} ago)", format_local(at), format_span(ctx.now - at))
}

/// "3 tenants: Contoso Ltd (contoso), …": names from the directory, the first few of many.
fn affected_line(store: &crate::store::Store, incident: &crate::model::Incident) -> String {
    const SHOWN: usize = 10;
    let count = incident.affected.len();
    if count == 0 {
        return "not yet determined".into();
    }
    let mut names: Vec<String> = incident
        .affected
        .values()
        .take(SHOWN)
        .map(|a| {
            let name = store
                .read_tenant(&a.tenant)
                .map(|t| t.name)
                .unwrap_or_else(|_| "not in the directory".into());
            match &a.detail {
                Some(detail) => format!("{name} ({}; {detail})", a.tenant),
                None => format!("{name} ({})", a.tenant),
            }
        })
        .collect();
    if count > SHOWN {
        names.push(format!("and {} more", count - SHOWN));
    }
    format!("{count} tenant{}: {}", if count == 1 { "" } else { "s" }, names.join(", "))
}
