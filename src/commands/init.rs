//! `sirt init [DIR] [--org NAME] [--sender EMAIL]`: create a store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::error::UserError;
use crate::model::settings::Settings;
use crate::model::settings_edit;
use crate::store::{Actor, Change, SETTINGS_FILE, Store};

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
    // Checked before the store exists, so a typo leaves nothing behind.
    let mut settings = Settings::initial_file();
    let mut named = Vec::new();
    for (key, value) in [("organisation", &args.org), ("sender_address", &args.sender)] {
        if let Some(value) = value {
            settings = settings_edit::set(&settings, key, value)
                .map_err(|e| {
                    UserError::new(e)
                        .hint("--org takes a name, --sender an address like security@example.com")
                })?
                .0;
            named.push(format!("{key} set to {}", value.trim()));
        }
    }
    let placeholders = settings_edit::check(&settings).map_err(UserError::new)?.placeholders();
    // The first commit needs an author too; a fresh machine may have no git identity yet.
    let actor = match &ctx.actor {
        Some(_) => ctx.actor_without_store(),
        None => crate::store::git_identity_outside_store(),
    }
    .unwrap_or(Actor { name: "sirt".into(), email: String::new() });
    let store = Store::init(&dir, &actor, ctx.now)?;
    if !named.is_empty() {
        let lock = store.lock()?;
        store.commit(
            &lock,
            Change {
                files: vec![(SETTINGS_FILE.into(), Some(settings.into_bytes()))],
                subject: format!("settings: {}", named.join(", ")),
                body: None,
                trailers: vec![("Sirt-Action", "config-set".into())],
                author: actor,
                at: ctx.now,
            },
        )?;
    }
    ctx.ui.status(&format!("created a sirt store in {}", store.root().display()));
    if !placeholders.is_empty() {
        ctx.ui.hint(&format!(
            "name yourselves before drafting notifications: sirt --store {} config set organisation \"NAME\" && sirt --store {} config set sender_address EMAIL",
            store.root().display(),
            store.root().display()
        ));
    }
    ctx.ui.hint(&format!(
        "record an incident: sirt --store {} detect \"TITLE\" --severity sev2",
        store.root().display()
    ));
    Ok(())
}
