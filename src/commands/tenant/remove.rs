//! `sirt tenant remove ID`.

use anyhow::Result;
use clap::Args;

use crate::commands::Ctx;
use crate::ops;

/// Remove a tenant from the directory; refused while an open incident names it
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The tenant's id
    pub id: String,
}

pub fn run(ctx: &Ctx, args: RemoveArgs) -> Result<()> {
    let rec = ctx.recorder()?;
    let committed = ops::tenants::remove(&rec, &args.id)?;
    crate::commands::report_commit(ctx, &committed);
    Ok(())
}
