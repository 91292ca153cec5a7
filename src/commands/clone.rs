//! `sirt clone URL [DIR]`: join a team's store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops::sync;

/// Join a team's store: clone it from a git remote and check that this sirt can write to it
#[derive(Debug, Args)]
pub struct CloneArgs {
    /// Where the store is: any URL or path git can clone
    pub url: String,
    /// Where to put it [default: the last part of the URL, in the current directory]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: CloneArgs) -> Result<()> {
    let dir = match args.dir {
        Some(dir) => dir,
        None => PathBuf::from(default_dir(&args.url)),
    };
    let store = sync::clone(&args.url, &dir)?;
    let incidents = store.incident_ids()?.len();
    let tenants = store.tenant_ids()?.len();
    let shown = std::path::absolute(&dir).unwrap_or(dir);
    ctx.ui.status(&format!(
        "cloned {} into {}: {incidents} incident(s), {tenants} tenant(s)",
        args.url,
        shown.display()
    ));
    ctx.ui.hint(&format!(
        "make it the default store: export SIRT_STORE={0}, or put store = \"{0}\" in ~/.config/sirt/config.toml; bring in the team's changes with sirt sync",
        shown.display()
    ));
    Ok(())
}

/// `git@host:team/incidents.git` → `incidents`.
fn default_dir(url: &str) -> String {
    let last = url.trim_end_matches('/').rsplit(['/', ':']).next().unwrap_or("store");
    let name = last.strip_suffix(".git").unwrap_or(last);
    if name.is_empty() { "store".into() } else { name.to_string() }
}
