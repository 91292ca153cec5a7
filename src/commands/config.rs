//! `sirt config get KEY` and `sirt config set KEY VALUE`: the store's settings, one commit per
//! change, every comment in `sirt.toml` kept.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Ctx;
use crate::error::UserError;
use crate::model::settings_edit;
use crate::ops;

/// Read or change the store's settings (sirt.toml)
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
// Built only when chosen, as `commands::Command`'s subcommands are.
#[command(defer = true)]
pub enum ConfigAction {
    /// Print one setting's value (lists separated by commas)
    Get {
        /// The setting, e.g. organisation, sender_address, contract_limit
        key: String,
    },
    /// Change one setting and commit it; lists are given separated by commas
    Set {
        /// The setting, e.g. organisation, sender_address, contract_limit
        key: String,
        /// Its new value
        value: String,
    },
}

pub fn run(ctx: &Ctx, args: ConfigArgs) -> Result<()> {
    match args.action {
        ConfigAction::Get { key } => {
            let store = ctx.store()?;
            let value = settings_edit::get(&store.settings, &key).map_err(|e| {
                let hint = settings_edit::suggest(&key)
                    .unwrap_or_else(|| "for example: sirt config get sender_address".to_string());
                UserError::new(e).hint(hint)
            })?;
            ctx.ui.line(&value)?;
        }
        ConfigAction::Set { key, value } => match ops::config::set(&ctx.recorder()?, &[(&key, &value)])? {
            Some(done) => ctx.ui.status(&format!("{} [{}]", done.subject, &done.hash[..10])),
            None => ctx.ui.status(&format!("{key} already has that value; nothing changed")),
        },
    }
    Ok(())
}
