//! `sirt publish ID [--text TEXT] [--off]`: whether the incident goes on the public service health
//! dashboard, and what the public reads there.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Mark an incident for the public service health dashboard, with the text the public reads there
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What the public reads: written for everyone, naming no customer (a later one replaces it)
    #[arg(long, value_name = "TEXT", conflicts_with = "off")]
    pub text: Option<String>,
    /// Take it off the dashboard
    #[arg(long)]
    pub off: bool,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: PublishArgs) -> Result<()> {
    let public = !args.off;
    let text = args.text.as_deref().map(|t| super::require_text("public text", t)).transpose()?;
    let recorded = super::record(ctx, &args.id, &args.at, |incident| {
        let same_text = text.is_none() || text == incident.public_text;
        if incident.public == public && same_text {
            ctx.ui.status(&format!(
                "{} is already {}; nothing recorded",
                incident.id,
                if public { "public" } else { "not public" }
            ));
            return Ok(None);
        }
        Ok(Some(EventBody::Published { public, text: text.clone() }))
    })?;
    if let Some(incident) = recorded
        && incident.public
        && incident.public_text.is_none()
    {
        ctx.ui.hint(&format!(
            "the dashboard entry needs its own text before sirt notify drafts it: sirt publish {} --text \"…\"",
            incident.id
        ));
    }
    Ok(())
}
