//! `sirt correct ID EVENT --at TIME --reason …` and `sirt retract ID EVENT --reason …`: fix a
//! mis-recorded step with a new event; the original stays in the log and the history.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::error::UserError;
use crate::model::time::{parse_when, refusal_hint};
use crate::ops::{self, correct::Fix};

/// Correct the time of an earlier step; the original stays in the record
#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// The event: its id (or the start of it, see `sirt timeline ID --format csv`), or a kind
    /// such as `confirmed` for the latest one
    pub event: String,
    /// When it really happened
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        long_help = crate::model::time::flag_help("When it really happened")
    )]
    pub at: String,
    /// Why the record was wrong
    #[arg(long)]
    pub reason: String,
}

/// Retract an earlier step that did not happen (a declaration, an assessment, …); the original
/// stays in the record
#[derive(Debug, Args)]
pub struct RetractArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// The event: its id (or the start of it), or a kind such as `confirmed`
    pub event: String,
    /// Why it is retracted
    #[arg(long)]
    pub reason: String,
}

pub fn correct(ctx: &Ctx, args: CorrectArgs) -> Result<()> {
    let reason = super::require_line("reason", &args.reason)?;
    let at = parse_when(&args.at, ctx.now, crate::ops::clocks::local_zone())
        .map_err(|e| UserError::new(e).hint(refusal_hint(&args.at, "--at")))?;
    run(ctx, &args.id, &args.event, Fix::Time(at), reason)
}

pub fn retract(ctx: &Ctx, args: RetractArgs) -> Result<()> {
    let reason = super::require_line("reason", &args.reason)?;
    run(ctx, &args.id, &args.event, Fix::Retract, reason)
}

fn run(ctx: &Ctx, query: &str, event: &str, fix: Fix, reason: String) -> Result<()> {
    let rec = ctx.recorder()?;
    let id = ctx.resolve(rec.store, query)?;
    let recorded = ops::correct::correct(&rec, &id, event, fix, reason)?;
    super::report_event(ctx, &recorded);
    let incident = &recorded.incident;
    if incident.declared_at.is_none()
        && matches!(recorded.event.body, crate::model::EventBody::Retracted { .. })
    {
        ctx.ui
            .status(&format!("{}: now {}; no clock runs until it is confirmed", incident.id, incident.phase));
    }
    Ok(())
}
