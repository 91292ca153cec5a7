//! `sirt init [DIR] [--org NAME] [--sender EMAIL]`: create a store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::error::UserError;
use crate::model::settings::Settings;
use crate::ops::{self, Recorder};
use crate::store::Store;

/// Create a store: a git repository holding the store's settings
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create it [default: --store, else $SIRT_STORE, else the platform data directory]
    pub dir: Option<PathBuf>,
    /// The provider's name, as customers know it (signs every draft)
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// The address drafts are sent from
    #[arg(long, value_name = "EMAIL")]
    pub sender: Option<String>,
}

pub fn run(ctx: &Ctx, args: InitArgs) -> Result<()> {
    let dir = match args.dir.or_else(|| ctx.store_dir.clone()) {
        Some(dir) => dir,
        None => super::default_store_dir()?,
    };
    let changes: Vec<(&str, &str)> = [("organisation", &args.org), ("sender_address", &args.sender)]
        .into_iter()
        .filter_map(|(key, value)| value.as_deref().map(|v| (key, v)))
        .collect();
    // Checked before the store exists, so a typo leaves nothing behind.
    let (settings, _) = ops::config::edited(&Settings::initial_file(), &changes).map_err(|e| {
        UserError::new(e).hint("--org takes a name, --sender an address like security@example.com")
    })?;
    let placeholders = crate::model::settings_edit::check(&settings).map_err(UserError::new)?.placeholders();
    // The first commit needs an author too; a fresh machine may have no git identity yet.
    // Checked before anything is created.
    let actor = ctx.actor_or(crate::store::git_identity_outside_store)?;
    let store = Store::init(&dir, &actor, ctx.now)?;
    if !changes.is_empty() {
        ops::config::set(&Recorder { store: &store, actor, now: ctx.now }, &changes)?;
    }
    let shown = store.root().display();
    ctx.ui.status(&format!("created a sirt store in {shown}"));
    if !placeholders.is_empty() {
        ctx.ui.hint(&format!(
            "name yourselves before drafting notifications: sirt --store {shown} config set organisation \"NAME\" && sirt --store {shown} config set sender_address EMAIL"
        ));
    }
    ctx.ui.hint(&format!("record an incident: sirt --store {shown} detect \"TITLE\" --severity sev2"));
    ctx.ui.hint(&format!(
        "share it with a team: git -C {shown} remote add origin URL, then sirt sync (README: A store for a team)"
    ));
    Ok(())
}
