//! `sirt config get KEY` and `sirt config set KEY VALUE`: the store's settings, one commit per
//! change, every comment in `sirt.toml` kept.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use super::Ctx;
use crate::error::UserError;
use crate::model::settings_edit::{self, KEYS};
use crate::store::{Change, SETTINGS_FILE};

/// Read or change the store's settings (sirt.toml)
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
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

fn refused(message: String) -> anyhow::Error {
    let hint = if message.contains("the keys are") {
        "for example: sirt config set organisation \"Contoso, Inc.\"".to_string()
    } else {
        let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).filter(|k| *k != "schema").collect();
        format!("the comments in sirt.toml say what each of {} takes", keys.join(", "))
    };
    UserError::new(message).hint(hint).into()
}

pub fn run(ctx: &Ctx, args: ConfigArgs) -> Result<()> {
    let store = ctx.store()?;
    match args.action {
        ConfigAction::Get { key } => {
            let value = settings_edit::get(&store.settings, &key).map_err(refused)?;
            ctx.ui.line(&value)?;
            Ok(())
        }
        ConfigAction::Set { key, value } => {
            let actor = ctx.actor(store)?;
            let lock = store.lock()?;
            super::report_recovery(ctx, &lock);
            let text = store.current_file(SETTINGS_FILE).context("cannot read sirt.toml")?;
            let text = String::from_utf8(text).map_err(|_| UserError::new("sirt.toml is not UTF-8 text"))?;
            let (edited, settings) = settings_edit::set(&text, &key, &value).map_err(refused)?;
            if edited == text {
                ctx.ui.status(&format!("{key} already has that value; nothing changed"));
                return Ok(());
            }
            let shown = settings_edit::get(&settings, &key).unwrap_or(value);
            let subject = format!("settings: {key} set to {shown}");
            let hash = store.commit(
                &lock,
                Change {
                    files: vec![(SETTINGS_FILE.into(), Some(edited.into_bytes()))],
                    subject: subject.clone(),
                    body: None,
                    trailers: vec![("Sirt-Action", "config-set".into()), ("Sirt-Setting", key)],
                    author: actor,
                    at: ctx.now,
                },
            )?;
            ctx.ui.status(&format!("{subject} [{}]", &hash[..10]));
            Ok(())
        }
    }
}
