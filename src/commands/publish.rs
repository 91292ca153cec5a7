//! `sirt publish ID [--off]`: whether the incident goes on the public service health dashboard.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Mark an incident for the public service health dashboard (sirt notify then drafts its entry)
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Take it off the dashboard
    #[arg(long)]
    pub off: bool,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: PublishArgs) -> Result<()> {
    let public = !args.off;
    super::record(ctx, &args.id, &args.at, |incident| {
        if incident.public == public {
            ctx.ui.status(&format!(
                "{} is already {}; nothing recorded",
                incident.id,
                if public { "public" } else { "not public" }
            ));
            return Ok(None);
        }
        Ok(Some(EventBody::Published { public }))
    })?;
    Ok(())
}
