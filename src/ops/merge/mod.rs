//! The merge of two clones' histories, in memory: from the merge base and both tips, the files
//! the merge commit changes relative to our tip, and a report of what came in.
//!
//! - A file changed on one side only is taken as that side has it.
//! - An incident file changed on both sides keeps our bytes exactly and gets the other side's
//!   new `[[event]]` tables appended, byte for byte (unknown kinds too): the union by event id.
//!   The file stays append-only relative to the first parent. One event id with two different
//!   contents stops the merge.
//! - Two different incidents at one path (both clones minted the same short id) are told apart by
//!   their identity: the one with the smaller identity keeps the id, the other gets a new id
//!   derived from its identity (so every clone picks the same), keeps the old one as an alias,
//!   and gets a note in its timeline.
//! - Tenants and `sirt.toml` merge per field, three ways. A field changed differently on both
//!   sides takes the value of the side whose latest change to that file is newer (commit time,
//!   then commit id): the rule is "later change wins", the same on every clone. The losing value
//!   is named in the merge commit and stays in the history of its side.
//! - Anything else changed differently on both sides (templates, unreadable files) stops the
//!   merge before anything is committed, naming the file and how to settle it.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{Result, anyhow};

use crate::error::UserError;
use crate::model::event::{self, Event, EventBody, IncidentLog};
use crate::model::id;
use crate::model::settings::Settings;
use crate::model::tenant::Tenant;
use crate::store::layout::{self, Layout, Record};
use crate::store::remote::{ChangedPath, Oid};
use crate::store::{SETTINGS_FILE, Store};

mod files;
mod incidents;
mod records;

use files::*;
use records::{Key, changed_records, layout_at};

/// The rule that settles a field changed differently on both sides, as named in output.
pub const FIELD_RULE: &str = "later change wins";

/// What a merge brings in, and what needs a person.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Report {
    /// Incidents that did not exist here before.
    pub new_incidents: Vec<String>,
    /// Events that came in, per incident (new incidents included).
    pub events_in: BTreeMap<String, usize>,
    /// Tenant ids whose records changed.
    pub tenants: Vec<String>,
    /// Other files that changed: settings, templates.
    pub other_files: Vec<String>,
    /// Fields changed differently on both sides, and how the rule settled them.
    pub settled: Vec<Settled>,
    /// Incidents renamed because two clones minted the same id.
    pub renamed: Vec<Renamed>,
    pub attention: Vec<Attention>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Settled {
    pub file: String,
    pub field: String,
    pub kept: String,
    pub lost: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Renamed {
    pub from: String,
    pub to: String,
    pub title: String,
}

/// Something a merge accepted that a person should look at, and the command that settles it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Attention {
    pub incident: String,
    pub what: String,
    pub settle: String,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.new_incidents.is_empty()
            && self.events_in.is_empty()
            && self.tenants.is_empty()
            && self.other_files.is_empty()
            && self.renamed.is_empty()
    }

    pub fn events_total(&self) -> usize {
        self.events_in.values().sum()
    }
}

/// The files a merge commit changes relative to our tip, and what came in.
pub struct Plan {
    pub changes: Vec<ChangedPath>,
    pub report: Report,
}

struct Merger<'a> {
    store: &'a Store,
    base: Option<Oid>,
    ours: Oid,
    theirs: Oid,
    out: BTreeMap<String, Option<Oid>>,
    report: Report,
    /// The layout of the merge's tree.
    target: Layout,
    /// Event kinds seen, and whether this sirt knows them.
    kinds: HashMap<String, bool>,
    /// Our incident files by id, read once.
    ours_incidents: Option<HashMap<String, Oid>>,
}

/// Plans the merge of `theirs` into `ours` (a fast-forward when `ours` is `base`).
///
/// Records are matched by id, not by path: one side may have moved every file into shards
/// (`sirt upgrade`) while the other changed them where they were. The merge is sharded when
/// either side is, and then every record of ours lands where the sharded layout keeps it.
pub fn plan(store: &Store, base: Option<Oid>, ours: Oid, theirs: Oid) -> Result<Plan> {
    let target = if [ours, theirs].into_iter().any(|side| layout_at(store, side) == Layout::Sharded) {
        Layout::Sharded
    } else {
        Layout::Flat
    };
    let mut merger = Merger {
        store,
        base,
        ours,
        theirs,
        target,
        out: BTreeMap::new(),
        report: Report::default(),
        kinds: HashMap::new(),
        ours_incidents: None,
    };
    let ours_changed: HashMap<Key, Option<Oid>> =
        if base == Some(ours) { HashMap::new() } else { changed_records(store, base, ours)? };
    let mut both = Vec::new();
    let mut theirs_changed: Vec<(Key, Option<Oid>)> =
        changed_records(store, base, theirs)?.into_iter().collect();
    theirs_changed.sort();
    for (key, their_blob) in theirs_changed {
        let path = merger.path_of(&key);
        match ours_changed.get(&key) {
            None => merger.take_theirs(&path, their_blob)?,
            Some(our_blob) if *our_blob == their_blob => {}
            Some(our_blob) => both.push((path, *our_blob, their_blob)),
        }
    }
    for (path, our_blob, their_blob) in both {
        if incident_stem(&path).is_some() {
            merger.merge_incident(&path, our_blob, their_blob)?;
        } else if path == SETTINGS_FILE || layout::tenant_at(&path).is_some() {
            merger.merge_record(&path, our_blob, their_blob)?;
        } else {
            return Err(cannot_merge(
                store,
                &path,
                "it changed differently on both sides and is not a record sirt can merge field by field",
            ));
        }
    }
    if layout_at(store, ours) != target {
        merger.move_ours()?;
    }
    let mut report = merger.report;
    report.tenants.sort();
    report.tenants.dedup();
    report.new_incidents.sort();
    report.new_incidents.dedup();
    let changes = if base == Some(ours) {
        // A fast-forward: the checkout changes exactly as the two trees differ.
        store.changed_between(Some(ours), theirs)?
    } else {
        merger.out.into_iter().collect()
    };
    Ok(Plan { changes, report })
}

fn incident_stem(path: &str) -> Option<&str> {
    layout::incident_at(path)
}

fn cannot_merge(store: &Store, path: &str, why: &str) -> anyhow::Error {
    UserError::new(format!("cannot merge {path}: {why}; nothing was merged or pushed"))
        .hint(format!(
            "make both sides agree: take the remote's version (git -C {root} show origin/main:{path} > {root}/{path}) or keep yours, record it with sirt adopt {path}, and run sirt sync again",
            root = store.root().display()
        ))
        .into()
}

impl Merger<'_> {
    fn text_of(&self, path: &str, blob: Option<Oid>) -> Result<Option<String>> {
        blob.map(|b| {
            String::from_utf8(self.store.blob_bytes(b)?)
                .map_err(|_| cannot_merge(self.store, path, "it is not UTF-8 text"))
        })
        .transpose()
    }

    /// A change made on their side only: taken as it is, and described.
    fn take_theirs(&mut self, path: &str, blob: Option<Oid>) -> Result<()> {
        self.out.insert(path.to_string(), blob);
        if let Some(stem) = incident_stem(path) {
            // A line scan, not a parse: a sync can bring hundreds of files, and the report only
            // needs event ids and kinds.
            let before = match self.ours_incident_blobs()?.get(stem).copied() {
                Some(blob) => Some(self.store.blob_bytes(blob)?),
                None => None,
            };
            let known: HashSet<String> = before
                .as_deref()
                .map(|b| scan_events(&String::from_utf8_lossy(b)))
                .unwrap_or_default()
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            let Some(after) = self.text_of(path, blob)? else { return Ok(()) };
            let new: Vec<(String, String)> =
                scan_events(&after).into_iter().filter(|(id, _)| !known.contains(id)).collect();
            if before.is_none() {
                self.report.new_incidents.push(stem.to_string());
            }
            if !new.is_empty() {
                *self.report.events_in.entry(stem.to_string()).or_default() += new.len();
            }
            let unknown: Vec<String> =
                new.into_iter().map(|(_, kind)| kind).filter(|kind| !self.is_known_kind(kind)).collect();
            self.report_unknown(stem, unknown);
        } else if let Some(tenant) = layout::tenant_at(path) {
            self.report.tenants.push(tenant.to_string());
        } else {
            self.report.other_files.push(path.to_string());
        }
        Ok(())
    }

    /// Our incident files by id, read once.
    fn ours_incident_blobs(&mut self) -> Result<&HashMap<String, Oid>> {
        if self.ours_incidents.is_none() {
            let files = self.store.incident_files_in(self.store.tree_of(self.ours)?)?;
            self.ours_incidents = Some(files.into_iter().collect());
        }
        Ok(self.ours_incidents.as_ref().expect("just filled"))
    }

    /// Where the merge keeps what `key` names.
    fn path_of(&self, key: &Key) -> String {
        match key {
            Key::Record(record) => self.target.path_of(record),
            Key::File(path) => path.clone(),
        }
    }

    /// The bytes of `record` at `commit`, wherever that commit's layout keeps it.
    fn record_at(&self, commit: Oid, record: &Record) -> Result<Option<Vec<u8>>> {
        match self.store.record_blob_in(self.store.tree_of(commit)?, record)? {
            Some(blob) => Ok(Some(self.store.blob_bytes(blob)?)),
            None => Ok(None),
        }
    }

    /// Our side is flat and the merge is sharded: every record of ours moves to its shard,
    /// with what the merge decided for it, if anything.
    fn move_ours(&mut self) -> Result<()> {
        let tree = self.store.tree_of(self.ours)?;
        let incidents =
            self.store.incident_files_in(tree)?.into_iter().map(|(id, b)| (Record::Incident(id), b));
        let tenants = self.store.tenant_files_in(tree)?.into_iter().map(|(id, b)| (Record::Tenant(id), b));
        for (record, blob) in incidents.chain(tenants).collect::<Vec<_>>() {
            let (from, to) = (Layout::Flat.path_of(&record), self.target.path_of(&record));
            if from != to && self.store.blob_at_path(tree, &from)?.is_some() {
                self.out.entry(to).or_insert(Some(blob));
                self.out.insert(from, None);
            }
        }
        Ok(())
    }

    /// Tenants and settings: three-way, per field.
    fn merge_record(&mut self, path: &str, our_blob: Option<Oid>, their_blob: Option<Oid>) -> Result<()> {
        let record = layout::record_at(path);
        let base_blob = match (self.base, &record) {
            (Some(base), Some(record)) => self.store.record_blob_in(self.store.tree_of(base)?, record)?,
            (Some(base), None) => {
                self.store.file_at(base, path)?.map(|b| self.store.write_blob(&b)).transpose()?
            }
            (None, _) => None,
        };
        let parse = |blob: Option<Oid>| -> Result<Option<toml::Value>> {
            let Some(text) = self.text_of(path, blob)? else { return Ok(None) };
            let table: toml::Table = text.parse().map_err(|_| {
                cannot_merge(
                    self.store,
                    path,
                    "one version is not valid TOML, so it cannot be merged field by field",
                )
            })?;
            Ok(Some(toml::Value::Table(table)))
        };
        let (base, ours, theirs) = (parse(base_blob)?, parse(our_blob)?, parse(their_blob)?);
        let winner_is_ours = {
            let paths = match &record {
                Some(record) => layout::paths_of(record).to_vec(),
                None => vec![path.to_string()],
            };
            let last = |tip| self.store.last_change_to(&paths, tip, self.base);
            let (o, t) = (last(self.ours)?, last(self.theirs)?);
            o.map(|(time, id)| (time, id.to_string())) >= t.map(|(time, id)| (time, id.to_string()))
        };
        let mut settled = Vec::new();
        let merged =
            merge_value(base.as_ref(), ours.as_ref(), theirs.as_ref(), "", winner_is_ours, &mut settled);
        for (field, kept, lost) in settled {
            self.report.settled.push(Settled { file: path.to_string(), field, kept, lost });
        }
        let content = match &merged {
            Some(toml::Value::Table(table)) => {
                Some(toml::to_string(table).map_err(|e| anyhow!("cannot write the merged {path}: {e}"))?)
            }
            Some(_) => return Err(cannot_merge(self.store, path, "it is not a table")),
            None => None,
        };
        if let Some(text) = &content {
            let reads = if path == SETTINGS_FILE {
                toml::from_str::<Settings>(text).is_ok()
            } else {
                toml::from_str::<Tenant>(text).is_ok()
            };
            if !reads {
                return Err(cannot_merge(self.store, path, "merged field by field, it would no longer read"));
            }
        }
        let blob = content.map(|text| self.store.write_blob(text.as_bytes())).transpose()?;
        if blob != our_blob {
            self.out.insert(path.to_string(), blob);
        }
        match layout::tenant_at(path) {
            Some(tenant) => self.report.tenants.push(tenant.to_string()),
            None => self.report.other_files.push(path.to_string()),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "schema = 1\nid = \"INC-0000-0001\"\nidentity = \"ab\"\n\n[[event]]\nid = \"E1\"\nseq = 1\nkind = \"note\"\ntext = \"\"\"\n[[event]]\n\"\"\"\n\n[[event]]\nid = \"E2\"\nseq = 2\nkind = \"future-kind\"\n[event.extra]\nx = 1\n";

    #[test]
    fn events_split_at_their_tables_even_with_look_alike_lines() {
        let chunks = split_events(FILE).unwrap();
        let ids: Vec<&str> = chunks.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["E1", "E2"]);
        assert!(chunks[1].text.contains("[event.extra]"));
    }

    #[test]
    fn a_line_scan_finds_ids_and_kinds() {
        let found = scan_events(FILE);
        assert_eq!(
            found,
            [("E1".to_string(), "note".to_string()), ("E2".to_string(), "future-kind".to_string())]
        );
    }

    #[test]
    fn fields_merge_three_ways_and_the_rule_settles_the_rest() {
        let v = |s: &str| toml::Value::Table(s.parse().unwrap());
        let base = v("a = 1\nb = 1\nc = 1");
        let ours = v("a = 2\nb = 1\nc = 5");
        let theirs = v("a = 1\nb = 3\nc = 6");
        let mut settled = Vec::new();
        let merged = merge_value(Some(&base), Some(&ours), Some(&theirs), "", false, &mut settled).unwrap();
        assert_eq!(merged, v("a = 2\nb = 3\nc = 6"));
        assert_eq!(settled, [("c".to_string(), "6".to_string(), "5".to_string())]);
    }

    #[test]
    fn a_header_line_goes_after_the_id() {
        let text =
            event::with_header_line("schema = 1\nid = \"X\"\n\n[[event]]\n", "identity = \"1\"").unwrap();
        assert_eq!(text, "schema = 1\nid = \"X\"\nidentity = \"1\"\n\n[[event]]\n");
    }
}
