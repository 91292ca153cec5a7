//! `sirt adopt FILE`: a hand edit of a store file, validated and committed as its own, clearly
//! marked change. An incident file may only gain events: a hand edit that deletes or rewrites
//! an event is refused, since history is append-only.

use anyhow::Result;

use super::Recorder;
use crate::error::UserError;
use crate::model::event;
use crate::model::settings::Settings;
use crate::model::tenant::Tenant;
use crate::store::{Committed, Message, SETTINGS_FILE, Store, TEMPLATES_DIR, layout};

/// Validates the working-tree version of `path` (relative to the store) and commits it.
pub fn adopt(rec: &Recorder, path: &str) -> Result<Committed> {
    let store = rec.store;
    // Adopting writes too: an older sirt must not judge, and commit, what a newer one wrote.
    store.check_writer_version()?;
    let mut txn = store.begin_unchecked()?;
    let edits = store.hand_edits()?;
    if !edits.iter().any(|edited| edited == path) {
        let hint = match edits.first() {
            Some(first) => {
                format!("files with hand edits: {}; e.g. sirt adopt {first}", crate::text::name_some(&edits))
            }
            None => "the working tree matches the last commit; there is nothing to adopt".to_string(),
        };
        return Err(UserError::new(format!("{path} has no hand edit to adopt")).hint(hint).into());
    }
    let on_disk = store.root().join(path);
    let content = match std::fs::read(&on_disk) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot read {}", on_disk.display()))),
    };
    let refuse = |why: String| -> anyhow::Error {
        UserError::new(format!("{path}: {why}; nothing was adopted"))
            .hint(format!(
                "restore the committed version: git -C {} checkout -- {path}",
                store.root().display()
            ))
            .into()
    };
    let text = match &content {
        Some(bytes) => {
            Some(String::from_utf8(bytes.clone()).map_err(|_| refuse("is not UTF-8 text".into()))?)
        }
        None => None,
    };
    let mut message = Message::new(format!("{path}: hand edit adopted"))
        .trailer("Sirt-Action", "adopt")
        .trailer("Sirt-Path", path);
    if let Some(record) = layout::record_at(path)
        && store.layout().path_of(&record) != path
    {
        return Err(refuse(format!("this store keeps that record at {}", store.layout().path_of(&record))));
    }
    if let Some(stem) = layout::incident_at(path) {
        let Some(text) = &text else {
            return Err(refuse("deleting an incident file would delete its history".into()));
        };
        let after = event::parse_log(text).map_err(|e| refuse(format!("does not read: {e}")))?;
        if after.id != stem {
            return Err(refuse(format!("holds incident '{}', not {stem}", after.id)));
        }
        if let Some(before) = store.read_file(path)? {
            let before = String::from_utf8_lossy(&before);
            let log = event::parse_log(&before)
                .map_err(|e| refuse(format!("the committed version does not read: {e}")))?;
            super::edit::append_only(&log, &after).map_err(refuse)?;
            tables_kept(&before, text).map_err(refuse)?;
        }
        after.fold().map_err(|why| refuse(format!("does not hold together: {why}")))?;
        message = message.trailer("Sirt-Incident", stem);
    } else if let Some(stem) = layout::tenant_at(path) {
        match &text {
            Some(text) => {
                let tenant: Tenant = toml::from_str(text)
                    .map_err(|e| refuse(format!("does not read: {}", e.message().trim())))?;
                if tenant.id != stem {
                    return Err(refuse(format!("holds tenant '{}', not {stem}", tenant.id)));
                }
                super::tenants::validate(store, &crate::model::regime::Catalog::built_in(), &tenant)?;
            }
            None => {
                let naming = super::tenants::open_incidents_naming(store, stem)?;
                if !naming.is_empty() {
                    return Err(refuse(format!("is named by open incident(s) {}", naming.join(", "))));
                }
            }
        }
        message = message.trailer("Sirt-Tenant", stem);
    } else if path == SETTINGS_FILE {
        let text = text.as_deref().ok_or_else(|| refuse("a store needs its settings".into()))?;
        let _: Settings =
            toml::from_str(text).map_err(|e| refuse(format!("does not read: {}", e.message().trim())))?;
    } else if !path.starts_with(&format!("{TEMPLATES_DIR}/")) {
        return Err(refuse("is not a file sirt keeps".into()));
    }
    match content {
        Some(bytes) => txn.write(path, bytes),
        None => txn.remove(path),
    }
    let committed = txn.commit(&message, &rec.actor, rec.now)?;
    committed.ok_or_else(|| anyhow::anyhow!("{path} matches the last commit; nothing to adopt"))
}

/// Every `[[event]]` table of `before` is in `after` with the same fields and values, those this
/// sirt does not know included: the parsed events alone cannot see a rewrite of those.
fn tables_kept(before: &str, after: &str) -> Result<(), String> {
    let events = |text: &str| -> Result<Vec<toml::Table>, String> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| format!("does not read: {}", e.message().trim()))?;
        Ok(match table.get("event") {
            Some(toml::Value::Array(items)) => items.iter().filter_map(|v| v.as_table().cloned()).collect(),
            _ => Vec::new(),
        })
    };
    let after = events(after)?;
    for event in events(before)? {
        if !after.contains(&event) {
            let field = |key: &str| event.get(key).and_then(|v| v.as_str()).unwrap_or("?").to_string();
            return Err(format!(
                "event {} ({}) would be rewritten; history is append-only",
                field("id"),
                field("kind")
            ));
        }
    }
    Ok(())
}

/// `path` as the store names it: relative to the store, with `/` separators.
pub fn store_path(store: &Store, given: &std::path::Path) -> String {
    let relative = match given.canonicalize() {
        Ok(full) => match store.root().canonicalize() {
            Ok(root) => full.strip_prefix(&root).map(|p| p.to_path_buf()).unwrap_or(full),
            Err(_) => full,
        },
        Err(_) => given.to_path_buf(),
    };
    relative.to_string_lossy().replace('\\', "/").trim_start_matches("./").to_string()
}
