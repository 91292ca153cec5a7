//! Changing the store's settings: `sirt config set` and `sirt init --org/--sender`. One commit
//! per call; every comment in `sirt.toml` is kept.

use anyhow::{Context, Result};

use super::Recorder;
use crate::error::UserError;
use crate::model::settings_edit;
use crate::store::{Committed, Message, SETTINGS_FILE};

/// `text` with every `(key, value)` set, checked; the subject names each change.
pub fn edited(text: &str, changes: &[(&str, &str)]) -> Result<(String, String), String> {
    let mut text = text.to_string();
    let mut said = Vec::new();
    for (key, value) in changes {
        let (next, settings) = settings_edit::set(&text, key, value)?;
        let shown = settings_edit::get(&settings, key).unwrap_or_else(|_| value.to_string());
        said.push(format!("{key} set to {shown}"));
        text = next;
    }
    Ok((text, format!("settings: {}", said.join(", "))))
}

/// Sets each key to its value in one commit; `None` when nothing changed.
pub fn set(rec: &Recorder, changes: &[(&str, &str)]) -> Result<Option<Committed>> {
    let mut txn = rec.store.begin()?;
    let text = txn.read(SETTINGS_FILE)?.context("the store has no sirt.toml")?;
    let text = String::from_utf8(text).map_err(|_| UserError::new("sirt.toml is not UTF-8 text"))?;
    let (new, subject) = edited(&text, changes).map_err(|e| {
        let unknown = changes
            .iter()
            .find_map(|(key, _)| settings_edit::suggest(key).filter(|_| e.contains(&format!("'{key}'"))));
        let hint = if let Some(close) = unknown {
            close
        } else if e.contains("the keys are") {
            "for example: sirt config set organisation \"Contoso, Inc.\"".to_string()
        } else {
            "the comments in sirt.toml say what each setting takes".to_string()
        };
        UserError::new(e).hint(hint)
    })?;
    txn.write(SETTINGS_FILE, new.into_bytes());
    let mut message = Message::new(subject).trailer("Sirt-Action", "config-set");
    for (key, _) in changes {
        message = message.trailer("Sirt-Setting", key.to_string());
    }
    txn.commit(&message, &rec.actor, rec.now)
}
