//! `sirt upgrade`: bring a store made by an older sirt to the current layout.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops::upgrade::{self, Upgrade};

/// Move a store made before sirt 0.3.0 to the sharded layout, in one commit
///
/// Incident and tenant files move from incidents/ID.toml to incidents/XX/ID.toml (and likewise
/// for tenants), with their bytes unchanged, so that each change rewrites a few small trees.
/// sirt.toml then asks for this sirt or newer to write the store. Other clones pick the
/// upgrade up with `sirt sync`. Running it again changes nothing.
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// Say what would move, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Ctx, args: UpgradeArgs) -> Result<()> {
    let rec = ctx.recorder()?;
    match upgrade::upgrade(&rec, args.dry_run)? {
        Upgrade::UpToDate => ctx.ui.status("already up to date: this store keeps its records in shards"),
        Upgrade::Moved { incidents, tenants, committed: None } => ctx.ui.status(&format!(
            "would move {incidents} incident file(s) and {tenants} tenant file(s) into shards; nothing was changed"
        )),
        Upgrade::Moved { incidents, tenants, committed: Some(committed) } => {
            ctx.ui.status(&format!("moved {incidents} incident file(s) and {tenants} tenant file(s) into shards"));
            super::report_commit(ctx, &committed);
        }
    }
    Ok(())
}
