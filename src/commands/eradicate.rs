//! `sirt eradicate ID --summary … [--approved-by WHO]`: root cause removed, adversary evicted.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::{EventBody, Role};

/// Record eradication: root cause removed, adversary evicted, the way in mitigated
#[derive(Debug, Args)]
pub struct EradicateArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// What was done
    #[arg(long)]
    pub summary: String,
    /// The vulnerability that let them in and how it was mitigated, or "unknown"
    #[arg(long, value_name = "TEXT")]
    pub vulnerability: Option<String>,
    /// The executive incident manager who approved it (someone engaged as eim)
    #[arg(long = "approved-by", value_name = "WHO")]
    pub approved_by: Option<String>,
    #[command(flatten)]
    pub for_customers: super::ForCustomersArg,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: EradicateArgs) -> Result<()> {
    let summary = super::require_text("summary", &args.summary)?;
    let customer = args.for_customers.sentence()?;
    let vulnerability =
        args.vulnerability.as_deref().map(|v| super::require_text("vulnerability", v)).transpose()?;
    let approved_by = args.approved_by.as_deref().map(|w| super::require_line("approver", w)).transpose()?;
    let needs_approval = ctx.store()?.settings.eradication_approval.clone();
    super::record(ctx, &args.id, &args.at, |incident| {
        let id = &incident.id;
        match &approved_by {
            None if needs_approval.contains(&incident.severity) => {
                return Err(UserError::new(format!(
                    "eradication of a {} incident needs the executive incident manager's approval",
                    incident.severity
                ))
                .hint(format!(
                    "sirt eradicate {id} --summary \"…\" --approved-by NAME (someone engaged as eim)"
                ))
                .into());
            }
            Some(who) if !incident.is_engaged(Role::Eim, who) => {
                return Err(UserError::new(format!(
                    "{who} is not engaged on {id} as executive incident manager"
                ))
                .hint(format!("sirt engage {id} eim \"{who}\""))
                .into());
            }
            _ => {}
        }
        // The approver as engaged, not as typed.
        let approver = approved_by.as_ref().and_then(|who| {
            incident
                .engagements
                .iter()
                .find(|e| e.role == Role::Eim && e.who.eq_ignore_ascii_case(who))
                .map(|e| e.who.clone())
        });
        Ok(Some(EventBody::Eradicated { summary, vulnerability, approved_by: approver, customer }))
    })?;
    Ok(())
}
