//! `sirt impact ID --effect … --summary …` or `--none`: the effect on customer data.

use anyhow::Result;
use clap::{ArgGroup, Args};

use super::{AtArg, Ctx};
use crate::model::{Effect, EventBody};

/// Record the effect on customer data; a later assessment replaces the earlier one
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("assessment").required(true).args(["effect", "none"])))]
pub struct ImpactArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What happened to customer data; repeat or separate with commas
    #[arg(ignore_case = true, long, value_parser = super::words::<Effect>(), value_delimiter = ',', requires = "summary")]
    pub effect: Vec<Effect>,
    /// The impact in a sentence or two
    #[arg(long)]
    pub summary: Option<String>,
    /// Customer data was not affected
    #[arg(long, conflicts_with = "effect")]
    pub none: bool,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: ImpactArgs) -> Result<()> {
    let summary = args.summary.as_deref().map(|s| super::require_text("summary", s)).transpose()?;
    let mut effects = args.effect;
    effects.sort();
    effects.dedup();
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::ImpactDetermined { effects, summary })))?;
    Ok(())
}
