//! `sirt describe ID TEXT`: part of what every notification says.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Record what happened, in words for customers; a later call replaces it (the history keeps both)
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What happened, written for customers
    pub text: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: DescribeArgs) -> Result<()> {
    let text = super::require_text("description", &args.text)?;
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::Described { text })))?;
    Ok(())
}
