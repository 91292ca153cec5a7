//! `sirt adopt FILE`: record a hand edit of a store file as its own commit.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops;

/// Record a hand edit of a store file as its own, marked change; an incident file may only gain
/// events
#[derive(Debug, Args)]
pub struct AdoptArgs {
    /// The edited file, e.g. incidents/7K/INC-7K3M-9QX2.toml (relative to the store, or a path)
    pub file: PathBuf,
}

pub fn run(ctx: &Ctx, args: AdoptArgs) -> Result<()> {
    let rec = ctx.recorder()?;
    let path = ops::adopt::store_path(rec.store, &args.file);
    let committed = ops::adopt::adopt(&rec, &path)?;
    super::report_commit(ctx, &committed);
    Ok(())
}
