//! Incidents followed across `sirt upgrade`, which moves their files without changing a byte:
//! a move is one change of an incident, and an incident is found in a tree in either layout.

use std::collections::HashMap;

use anyhow::Result;

use super::checks::incident_stem;
use crate::store::layout::{self, Record};
use crate::store::{Change, History, Oid};

/// An incident moved between layouts (`sirt upgrade`) shows as a deletion at one path and an
/// addition at another: one change of that incident, from its old blob to its new one.
pub(super) fn pair_moves(changes: Vec<Change>) -> Vec<Change> {
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut paired: Vec<Change> = Vec::with_capacity(changes.len());
    for change in changes {
        let Some(id) = incident_stem(&change.path).map(String::from) else {
            paired.push(change);
            continue;
        };
        match by_id.get(&id).copied() {
            Some(at) if paired[at].new.is_none() && change.old.is_none() => {
                paired[at] = Change { path: change.path, old: paired[at].old, new: change.new };
            }
            Some(at) if paired[at].old.is_none() && change.new.is_none() => {
                paired[at].old = change.old;
            }
            _ => {
                by_id.insert(id, paired.len());
                paired.push(change);
            }
        }
    }
    paired
}

/// The blob of incident `id` in `tree`, in either layout, and its path.
pub(super) fn incident_in(history: &History, tree: Oid, id: &str) -> Result<Option<(String, Oid)>> {
    for path in layout::paths_of(&Record::Incident(id.to_string())) {
        if let Some(blob) = history.entry(tree, &path)? {
            return Ok(Some((path, blob)));
        }
    }
    Ok(None)
}
