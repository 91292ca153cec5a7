//! Where records sit in a store's tree; every path of an incident or a tenant is made here.
//!
//! A sharded store keeps `incidents/<XX>/<ID>.toml` and `tenants/<XX>/<ID>.toml`, so that a
//! change rewrites a few small trees instead of one tree of every record. `XX` is:
//! - for an incident, the two characters after `INC-`: random Crockford base32, so 1,024 shards
//!   filled evenly (about 10 files each at 10,000 incidents);
//! - for a tenant, whose id is a name people chose, two hex digits of a hash of the id (64-bit
//!   FNV-1a, low byte): 256 shards filled evenly whatever the names look like.
//!
//! Stores made before sirt 0.3.0 are flat (`incidents/<ID>.toml`) until `sirt upgrade`. Reading
//! takes either layout, even both at once, so a history can be read across the upgrade.

use anyhow::Result;

use super::{INCIDENTS_DIR, Oid, Store, TENANTS_DIR};
pub use crate::model::settings::Layout;
use crate::model::{id, tenant};

/// A record, named by what it is rather than where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Record {
    Incident(String),
    Tenant(String),
}

impl Layout {
    pub fn incident_path(self, id: &str) -> String {
        match self {
            Layout::Flat => format!("{INCIDENTS_DIR}/{id}.toml"),
            Layout::Sharded => format!("{INCIDENTS_DIR}/{}/{id}.toml", incident_shard(id)),
        }
    }

    pub fn tenant_path(self, id: &str) -> String {
        match self {
            Layout::Flat => format!("{TENANTS_DIR}/{id}.toml"),
            Layout::Sharded => format!("{TENANTS_DIR}/{}/{id}.toml", tenant_shard(id)),
        }
    }

    pub fn path_of(self, record: &Record) -> String {
        match record {
            Record::Incident(id) => self.incident_path(id),
            Record::Tenant(id) => self.tenant_path(id),
        }
    }
}

/// The shard of an incident: the two characters after `INC-`.
pub fn incident_shard(id: &str) -> &str {
    id.get(4..6).unwrap_or("00")
}

/// The shard of a tenant: the low byte of the id's FNV-1a hash, in hex.
pub fn tenant_shard(id: &str) -> String {
    let hash =
        id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:02x}", hash & 0xff)
}

/// The record `path` holds, in either layout. A file in the wrong shard, or with a name that is
/// no id, holds none: sirt never writes it there.
pub fn record_at(path: &str) -> Option<Record> {
    if let Some(id) = incident_at(path) {
        return Some(Record::Incident(id.to_string()));
    }
    tenant_at(path).map(|id| Record::Tenant(id.to_string()))
}

/// The incident `path` holds, in either layout.
pub fn incident_at(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(INCIDENTS_DIR)?.strip_prefix('/')?.strip_suffix(".toml")?;
    let id = match rest.split_once('/') {
        None => rest,
        Some((shard, id)) if shard == incident_shard(id) => id,
        Some(_) => return None,
    };
    id::is_incident_id(id).then_some(id)
}

/// The tenant `path` holds, in either layout.
pub fn tenant_at(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(TENANTS_DIR)?.strip_prefix('/')?.strip_suffix(".toml")?;
    let id = match rest.split_once('/') {
        None => rest,
        Some((shard, id)) if shard == tenant_shard(id) => id,
        Some(_) => return None,
    };
    tenant::check_slug(id).is_ok().then_some(id)
}

/// Every place `record` may be, the sharded one first: its history spans an upgrade.
pub fn paths_of(record: &Record) -> [String; 2] {
    [Layout::Sharded.path_of(record), Layout::Flat.path_of(record)]
}

impl Store {
    /// How this store lays out its records.
    pub fn layout(&self) -> Layout {
        self.settings.layout
    }

    /// Where this store keeps incident `id`.
    pub fn incident_path(&self, id: &str) -> String {
        self.layout().incident_path(id)
    }

    /// Where this store keeps tenant `id`.
    pub fn tenant_path(&self, id: &str) -> String {
        self.layout().tenant_path(id)
    }

    /// Every incident file of `tree`, in either layout: id and blob, sorted by id.
    pub fn incident_files_in(&self, tree: Oid) -> Result<Vec<(String, Oid)>> {
        self.records_in(tree, INCIDENTS_DIR, |path| incident_at(path).map(String::from))
    }

    /// Every tenant file of `tree`, in either layout: id and blob, sorted by id.
    pub fn tenant_files_in(&self, tree: Oid) -> Result<Vec<(String, Oid)>> {
        self.records_in(tree, TENANTS_DIR, |path| tenant_at(path).map(String::from))
    }

    fn records_in(
        &self,
        tree: Oid,
        dir: &str,
        id_of: impl Fn(&str) -> Option<String>,
    ) -> Result<Vec<(String, Oid)>> {
        let mut found: Vec<(String, Oid)> = self
            .git
            .files_under(tree, dir)?
            .into_iter()
            .filter_map(|(path, blob)| Some((id_of(&format!("{dir}/{path}"))?, blob)))
            .collect();
        // A tree both layouts wrote to (a merge across an upgrade is mid-way) holds one record
        // twice only by a hand edit; the first found is kept.
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.dedup_by(|a, b| a.0 == b.0);
        Ok(found)
    }

    /// The committed bytes of `record`: where this store keeps it, else where the other layout
    /// would (a sync in this command may have brought an upgrade, or a flat file).
    pub(super) fn record_bytes(&self, record: &Record) -> Result<Option<Vec<u8>>> {
        let mut paths = paths_of(record);
        if self.layout() == Layout::Flat {
            paths.reverse();
        }
        for path in paths {
            if let Some(bytes) = self.read_file(&path)? {
                return Ok(Some(bytes));
            }
        }
        Ok(None)
    }

    /// The blob at `path` in `tree`, if a file is there.
    pub fn blob_at_path(&self, tree: Oid, path: &str) -> Result<Option<Oid>> {
        self.git.entry_in(tree, path)
    }

    /// The blob of `record` in `tree`, wherever either layout put it.
    pub fn record_blob_in(&self, tree: Oid, record: &Record) -> Result<Option<Oid>> {
        for path in paths_of(record) {
            if let Some(blob) = self.git.entry_in(tree, &path)? {
                return Ok(Some(blob));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_records_go_both_ways_in_both_layouts() {
        for layout in [Layout::Flat, Layout::Sharded] {
            for record in [Record::Incident("INC-7K3M-9QX2".into()), Record::Tenant("contoso-eu".into())] {
                assert_eq!(record_at(&layout.path_of(&record)), Some(record.clone()));
            }
        }
        assert_eq!(Layout::Sharded.incident_path("INC-7K3M-9QX2"), "incidents/7K/INC-7K3M-9QX2.toml");
        assert_eq!(Layout::Flat.tenant_path("contoso"), "tenants/contoso.toml");
        assert!(Layout::Sharded.tenant_path("contoso").starts_with("tenants/"));
    }

    #[test]
    fn a_file_in_the_wrong_shard_or_without_an_id_is_no_record() {
        assert_eq!(record_at("incidents/ZZ/INC-7K3M-9QX2.toml"), None);
        assert_eq!(record_at("incidents/notes.toml"), None);
        assert_eq!(record_at("tenants/00/a/b.toml"), None);
        assert_eq!(record_at("templates/x.toml"), None);
    }

    #[test]
    fn tenant_shards_spread_over_all_256() {
        let shards: std::collections::HashSet<String> =
            (0..5000).map(|n| tenant_shard(&format!("tenant-{n:05}"))).collect();
        assert_eq!(shards.len(), 256);
    }
}
