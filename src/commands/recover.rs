//! `sirt recover ID …`: recovery, recorded in steps as it happens.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::EventBody;

/// Record a step of recovery: last known good state, restore, inspection, monitoring, validation
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What was done
    #[arg(long)]
    pub summary: Option<String>,
    /// The last known good state of the service
    #[arg(long = "last-known-good", value_name = "STATE")]
    pub last_known_good: Option<String>,
    /// What was restored, and from which backup
    #[arg(long = "restored-from", value_name = "BACKUP")]
    pub restored_from: Option<String>,
    /// The restored state was inspected for attack paths
    #[arg(long)]
    pub inspected: bool,
    /// Heightened monitoring is in place
    #[arg(long)]
    pub monitoring: bool,
    /// Who validated that no sign of the breach remains (the step that completes recovery)
    #[arg(long = "validated-by", value_name = "WHO")]
    pub validated_by: Option<String>,
    #[command(flatten)]
    pub for_customers: super::ForCustomersArg,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: RecoverArgs) -> Result<()> {
    let text = |what: &str, value: &Option<String>| {
        value.as_deref().map(|v| super::require_text(what, v)).transpose()
    };
    let summary = text("summary", &args.summary)?;
    let customer = args.for_customers.sentence()?;
    let last_known_good = text("last known good state", &args.last_known_good)?;
    let restored_from = text("backup", &args.restored_from)?;
    let validated_by =
        args.validated_by.as_deref().map(|w| super::require_line("validator", w)).transpose()?;
    if summary.is_none()
        && last_known_good.is_none()
        && restored_from.is_none()
        && !args.inspected
        && !args.monitoring
        && validated_by.is_none()
    {
        return Err(UserError::new("nothing to record: no step of recovery was given")
            .hint(format!("for example: sirt recover {} --summary \"…\" --last-known-good \"…\"", args.id))
            .into());
    }
    super::record(ctx, &args.id, &args.at, |incident| {
        if validated_by.is_some() && !(incident.response.monitoring || args.monitoring) {
            return Err(UserError::new("validation comes after heightened monitoring is in place")
                .hint(format!(
                    "record it first, or together: sirt recover {} --monitoring --validated-by WHO",
                    incident.id
                ))
                .into());
        }
        Ok(Some(EventBody::Recovered {
            summary,
            last_known_good,
            restored_from,
            inspected: args.inspected,
            monitoring: args.monitoring,
            validated_by,
            customer,
        }))
    })?;
    Ok(())
}
