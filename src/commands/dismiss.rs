//! `sirt dismiss ID --reason …`: the event turned out not to be a security incident.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Close an event that turned out not to be a security incident
#[derive(Debug, Args)]
pub struct DismissArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Why it is not a security incident
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: DismissArgs) -> Result<()> {
    let reason = super::require_line("reason", &args.reason)?;
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::Dismissed { reason })))?;
    Ok(())
}
