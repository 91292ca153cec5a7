//! `sirt classify ID major|material|not-major`: classifications that start (or, not major, stop) some regimes' clocks.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::{Classification, EventBody};

/// Record a classification (major: DORA and the like; material: SEC) that starts regime clocks, or not-major
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    #[arg(ignore_case = true, value_parser = super::words::<Classification>())]
    pub class: Classification,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: ClassifyArgs) -> Result<()> {
    super::record(ctx, &args.id, &args.at, |incident| {
        if incident.classified_at(args.class.as_str()).is_some() {
            ctx.ui.status(&format!(
                "{} is already classified as {}; nothing recorded",
                incident.id, args.class
            ));
            return Ok(None);
        }
        Ok(Some(EventBody::Classified { class: args.class }))
    })?;
    Ok(())
}
