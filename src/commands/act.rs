//! `sirt act ID TEXT`: part of what every notification says.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Record an action the provider took; repeatable
#[derive(Debug, Args)]
pub struct ActArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What was done
    pub text: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: ActArgs) -> Result<()> {
    let text = super::require_text("action", &args.text)?;
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::ActionTaken { text })))?;
    Ok(())
}
