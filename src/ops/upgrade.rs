//! `sirt upgrade`: moves a flat store's records into shards (see `store::layout`), in one commit
//! that only moves files and says so in `sirt.toml`. Bytes are unchanged, so every incident's
//! history reads on across the move and `sirt verify` accepts it.

use anyhow::{Context, Result};
use toml_edit::{DocumentMut, value};

use super::Recorder;
use crate::model::settings::MIN_WRITER_VERSION;
use crate::store::layout::{Layout, Record};
use crate::store::{Committed, Message, SETTINGS_FILE};

/// What an upgrade did, or would do.
#[derive(Debug)]
pub enum Upgrade {
    /// The store is sharded already.
    UpToDate,
    /// Files that move (or moved), and the commit when not a dry run.
    Moved { incidents: usize, tenants: usize, committed: Option<Committed> },
}

pub fn upgrade(rec: &Recorder, dry_run: bool) -> Result<Upgrade> {
    let store = rec.store;
    if store.layout() == Layout::Sharded {
        return Ok(Upgrade::UpToDate);
    }
    // Refuses an older sirt, and a hand edit anywhere (every record moves); a dry run asks the same.
    let mut txn = store.begin_clean()?;
    let records: Vec<Record> = store
        .incident_ids()?
        .into_iter()
        .map(Record::Incident)
        .chain(store.tenant_ids()?.into_iter().map(Record::Tenant))
        .collect();
    let mut counts = (0, 0);
    for record in &records {
        let (from, to) = (Layout::Flat.path_of(record), Layout::Sharded.path_of(record));
        if from == to || txn.read(&from)?.is_none() {
            continue;
        }
        match record {
            Record::Incident(_) => counts.0 += 1,
            Record::Tenant(_) => counts.1 += 1,
        }
        txn.rename(from, to);
    }
    let (incidents, tenants) = counts;
    if dry_run {
        return Ok(Upgrade::Moved { incidents, tenants, committed: None });
    }
    let settings = txn.read(SETTINGS_FILE)?.context("the store has no settings")?;
    let text = String::from_utf8(settings).context("sirt.toml is not UTF-8 text")?;
    let mut document: DocumentMut = text.parse().context("sirt.toml does not read")?;
    document["min_writer_version"] = value(MIN_WRITER_VERSION);
    document["layout"] = value("sharded");
    txn.write(SETTINGS_FILE, document.to_string().into_bytes());
    let message = Message::new("store upgraded to the sharded layout")
        .body(Some(format!(
            "Moved {incidents} incident file(s) and {tenants} tenant file(s) into shards, bytes unchanged; sirt {MIN_WRITER_VERSION} or newer writes this store from now on."
        )))
        .trailer("Sirt-Action", "upgrade");
    let committed = txn.commit(&message, &rec.actor, rec.now)?;
    Ok(Upgrade::Moved { incidents, tenants, committed })
}
