//! Records as a merge sees them: by id, whatever layout put them where, so that a clone that
//! moved every file into shards (`sirt upgrade`) and one that did not still merge.

use std::collections::HashMap;

use anyhow::Result;

use crate::store::layout::{self, Layout, Record};
use crate::store::remote::Oid;
use crate::store::{SETTINGS_FILE, Store};

/// What a changed path is, whatever layout put it there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Key {
    Record(Record),
    File(String),
}

/// The records and files that changed from `base` to `side`, with their blob on `side`. A
/// record moved without a change of content (an upgrade) did not change.
pub(super) fn changed_records(
    store: &Store,
    base: Option<Oid>,
    side: Oid,
) -> Result<HashMap<Key, Option<Oid>>> {
    let mut changed: HashMap<Key, Option<Oid>> = HashMap::new();
    for (path, blob) in store.changed_between(base, side)? {
        let key = match layout::record_at(&path) {
            Some(record) => Key::Record(record),
            None => Key::File(path),
        };
        // A move is a deletion at one path and the same record at another: the record stays.
        let slot = changed.entry(key).or_insert(blob);
        if slot.is_none() {
            *slot = blob;
        }
    }
    if let Some(base) = base {
        let base_tree = store.tree_of(base)?;
        let mut unchanged = Vec::new();
        for (key, blob) in &changed {
            if let Key::Record(record) = key
                && blob.is_some()
                && store.record_blob_in(base_tree, record)? == *blob
            {
                unchanged.push(key.clone());
            }
        }
        for key in unchanged {
            changed.remove(&key);
        }
    }
    Ok(changed)
}

/// The layout `sirt.toml` names at `commit` (flat when it names none or does not read).
pub(super) fn layout_at(store: &Store, commit: Oid) -> Layout {
    let text = store.file_at(commit, SETTINGS_FILE).ok().flatten().unwrap_or_default();
    let table: toml::Table = String::from_utf8_lossy(&text).parse().unwrap_or_default();
    match table.get("layout").and_then(|v| v.as_str()) {
        Some("sharded") => Layout::Sharded,
        _ => Layout::Flat,
    }
}
