//! `sirt close ID`: refused, listing what is missing, until the incident is done with.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::EventBody;

/// Close an incident: needs every affected tenant notified (or a dismissal), validated
/// recovery and a review
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Close even though something is missing (needs --reason, kept on the timeline)
    #[arg(long, requires = "reason")]
    pub force: bool,
    /// Why it is closed without the usual checks
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: CloseArgs) -> Result<()> {
    let reason = args.reason.as_deref().map(|r| super::require_text("reason", r)).transpose()?;
    super::record(ctx, &args.id, &args.at, |incident| {
        let missing = incident.close_blockers();
        if !missing.is_empty() && !args.force {
            let lines: Vec<String> =
                missing.iter().map(|(what, command)| format!("  - {what}: {command}")).collect();
            return Err(UserError::new(format!(
                "{} cannot be closed yet:\n{}",
                incident.id,
                lines.join("\n")
            ))
            .hint(format!("do those, or override: sirt close {} --force --reason \"…\"", incident.id))
            .into());
        }
        Ok(Some(EventBody::Closed { forced: !missing.is_empty(), reason }))
    })?;
    Ok(())
}
