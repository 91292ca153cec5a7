//! `sirt init [DIR]`: create a store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::store::Store;

/// Create a store: a git repository holding the store's settings
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create it [default: --store, else $SIRT_STORE, else the platform data directory]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: InitArgs) -> Result<()> {
    let dir = match args.dir.or_else(|| ctx.store_dir.clone()) {
        Some(dir) => dir,
        None => super::default_store_dir()?,
    };
    // The first commit needs an author too; a fresh machine may have no git identity yet.
    // Checked before anything is created.
    let actor = ctx.actor_or(crate::store::git_identity_outside_store())?;
    let store = Store::init(&dir, &actor, ctx.now)?;
    ctx.ui.status(&format!("created a sirt store in {}", store.root().display()));
    ctx.ui.hint(&format!(
        "record an incident: sirt --store {} detect \"TITLE\" --severity sev2",
        store.root().display()
    ));
    ctx.ui.hint(&format!(
        "share it with a team: git -C {} remote add origin URL, then sirt sync (README: A store for a team)",
        store.root().display()
    ));
    Ok(())
}
