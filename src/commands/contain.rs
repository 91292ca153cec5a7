//! `sirt contain ID --summary …`: the intruder can no longer reach more.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Record containment: what was done to stop the intruder reaching more
#[derive(Debug, Args)]
pub struct ContainArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What was done
    #[arg(long)]
    pub summary: String,
    #[command(flatten)]
    pub for_customers: super::ForCustomersArg,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: ContainArgs) -> Result<()> {
    let summary = super::require_text("summary", &args.summary)?;
    let customer = args.for_customers.sentence()?;
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::Contained { summary, customer })))?;
    Ok(())
}
