//! `sirt tenant set ID --field value…`: one edit, one commit.

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::ContactFlags;
use crate::commands::Ctx;
use crate::error::UserError;
use crate::model::tenant::TenantUpdate;
use crate::ops;

/// Change a tenant: each flag given replaces that part of the record
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The tenant's id
    pub id: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub contacts: ContactFlags,
    /// Remove a part of the record; repeat
    #[arg(ignore_case = true, long, value_enum, value_name = "PART")]
    pub clear: Vec<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Part {
    /// The Global Privacy Contact
    Privacy,
    /// The contractual limit (back to the store's default)
    NotifyWithin,
    Regions,
    Regimes,
    /// Every administrator's phone number
    AdminPhones,
    /// The drafts' language (back to English)
    Language,
    /// The time zone of customer-facing times (back to UTC)
    Timezone,
}

pub fn run(ctx: &Ctx, args: SetArgs) -> Result<()> {
    let rec = ctx.recorder()?;
    let mut update = args.contacts.update(args.name);
    for part in &args.clear {
        match part {
            Part::Privacy => update.privacy_email = Some(None),
            Part::NotifyWithin => update.notify_within = Some(None),
            Part::Regions => update.regions = Some(Vec::new()),
            Part::Regimes => update.regimes = Some(Vec::new()),
            Part::AdminPhones => update.admin_phones = Some(Vec::new()),
            Part::Language => update.language = Some(None),
            Part::Timezone => update.timezone = Some(None),
        }
    }
    if update == TenantUpdate::default() {
        return Err(UserError::new("nothing to change: no field was given")
            .hint(format!("for example: sirt tenant set {} --admin-email it@example.com", args.id))
            .into());
    }
    let changed = ops::tenants::change(
        &rec,
        &args.id,
        |tenant| {
            tenant.apply(update).map_err(|e| UserError::new(e).hint("give --admin-name and --admin-phone in the order of the --admin-email values, and --privacy-name with --privacy-email").into())
        },
        |before, after| changed_parts(before, after).join(", "),
    )?;
    match changed.committed {
        Some(committed) => crate::commands::report_commit(ctx, &committed),
        None => {
            ctx.ui.status(&format!("tenant {} already has those values; nothing changed", changed.after.id))
        }
    }
    Ok(())
}

fn changed_parts(
    before: &crate::model::tenant::Tenant,
    after: &crate::model::tenant::Tenant,
) -> Vec<&'static str> {
    let mut parts = Vec::new();
    if before.name != after.name {
        parts.push("name");
    }
    if before.admins != after.admins {
        parts.push("administrators");
    }
    if before.privacy != after.privacy {
        parts.push("privacy contact");
    }
    if before.regions != after.regions {
        parts.push("regions");
    }
    if before.regimes != after.regimes {
        parts.push("regimes");
    }
    if before.notify_within != after.notify_within {
        parts.push("notification limit");
    }
    if before.language != after.language {
        parts.push("language");
    }
    if before.timezone != after.timezone {
        parts.push("time zone");
    }
    parts
}
