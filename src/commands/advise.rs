//! `sirt advise ID TEXT`: part of what every notification says.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Record an action customers should take to resolve the issue or prevent it recurring; repeatable
#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What customers should do
    pub text: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: AdviseArgs) -> Result<()> {
    let text = super::require_text("advice", &args.text)?;
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::Advised { text })))?;
    Ok(())
}
