//! `sirt close ID`: refused, listing what is missing, until the incident is done with.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::deadline::ClockKind;
use crate::model::{EventBody, Incident};
use crate::ops::clocks::{ClockSetup, format_local};

/// Close an incident: needs every affected tenant notified (or a dismissal), validated
/// recovery and a review
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Close even though something is missing (needs --reason, kept on the timeline)
    #[arg(long, requires = "reason")]
    pub force: bool,
    /// Why it is closed without the usual checks
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: CloseArgs) -> Result<()> {
    let reason = args.reason.as_deref().map(|r| super::require_text("reason", r)).transpose()?;
    let closed = super::record(ctx, &args.id, &args.at, |incident| {
        let missing = incident.close_blockers();
        if !missing.is_empty() && !args.force {
            let lines: Vec<String> =
                missing.iter().map(|(what, command)| format!("  - {what}: {command}")).collect();
            return Err(UserError::new(format!(
                "{} cannot be closed yet:\n{}",
                incident.id,
                lines.join("\n")
            ))
            .hint(format!("do those, or override: sirt close {} --force --reason \"…\"", incident.id))
            .into());
        }
        Ok(Some(EventBody::Closed { forced: !missing.is_empty(), reason }))
    })?;
    if let Some(incident) = closed {
        still_owed(ctx, &incident)?;
    }
    Ok(())
}

/// Warns about what the close does not end: own-regime stages not yet filed (their clocks keep
/// running, in `deadlines` and its `--check`) and action items not yet done.
fn still_owed(ctx: &Ctx, incident: &Incident) -> Result<()> {
    let store = ctx.store()?;
    let unfiled = ClockSetup::for_store(store)?
        .clocks(store, &[incident], ctx.now, |d| d.clock == ClockKind::OwnRegime && d.status.is_live())?;
    if let Some(first) = unfiled.first() {
        let lines: Vec<String> = unfiled
            .iter()
            .map(|d| {
                let due = d
                    .due
                    .map(|t| format!("due {}", format_local(t)))
                    .unwrap_or_else(|| "no fixed due time".into());
                format!(
                    "  - {} {}: {}, {due}",
                    d.regime.as_deref().unwrap_or("?"),
                    d.stage.as_deref().unwrap_or("?"),
                    d.status.as_str()
                )
            })
            .collect();
        ctx.ui.warn(&format!(
            "{} is closed with {} own-regime stage(s) not filed; their clocks keep running until filed:\n{}",
            incident.id,
            unfiled.len(),
            lines.join("\n")
        ));
        ctx.ui.hint(&format!(
            "record each filing: sirt filed {} {} \"{}\"",
            incident.id,
            first.regime.as_deref().unwrap_or("REGIME"),
            first.stage.as_deref().unwrap_or("STAGE")
        ));
    }
    let open: Vec<String> = incident
        .review
        .iter()
        .flat_map(|r| &r.action_items)
        .filter(|a| a.done_at.is_none())
        .map(|a| format!("{} ({}, {})", a.item.id, a.item.text, a.item.owner))
        .collect();
    if let Some(first) = open.first() {
        ctx.ui.warn(&format!("{} action item(s) still open: {}", open.len(), crate::text::name_some(&open)));
        let id = first.split(' ').next().unwrap_or("A1");
        ctx.ui.hint(&format!("when done: sirt action done {} {id}", incident.id));
    }
    Ok(())
}
