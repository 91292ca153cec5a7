//! `sirt tenant add ID --name …`.

use anyhow::Result;
use clap::Args;

use super::ContactFlags;
use crate::commands::Ctx;
use crate::error::UserError;
use crate::model::tenant::{Tenant, check_slug};
use crate::ops;

/// Add a tenant to the directory
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The tenant's id: letters, digits, '-' and '_'
    pub id: String,
    /// The tenant's name, as it appears in notifications
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub contacts: ContactFlags,
}

pub fn run(ctx: &Ctx, args: AddArgs) -> Result<()> {
    check_slug(&args.id).map_err(|e| {
        UserError::new(format!("tenant id {e}")).hint("tenant ids are slugs such as contoso or acme-eu_2")
    })?;
    let rec = ctx.recorder()?;
    let mut tenant = Tenant::new(&args.id, "");
    tenant.apply(args.contacts.update(Some(args.name))).map_err(|e| UserError::new(e).hint("give --admin-name and --admin-phone in the order of the --admin-email values, and --privacy-name with --privacy-email"))?;
    let committed = ops::tenants::add(&rec, &tenant)?;
    crate::commands::report_commit(ctx, &committed);
    for reach in tenant.reach().into_iter().filter(|r| !r.reachable) {
        ctx.ui.warn(&format!("{}: {} — {}", tenant.id, reach.channel, reach.problem.unwrap_or_default()));
    }
    Ok(())
}
