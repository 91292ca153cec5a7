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

    /// Whether this sirt knows an event kind: it reads as something other than `Unknown`
    /// (a known kind missing its fields fails to read, which also means known).
    fn is_known_kind(&mut self, kind: &str) -> bool {
        if let Some(known) = self.kinds.get(kind) {
            return *known;
        }
        let probe = toml::from_str::<EventBody>(&format!("kind = {}", toml::Value::String(kind.into())));
        let known = !matches!(probe, Ok(EventBody::Unknown));
        self.kinds.insert(kind.to_string(), known);
        known
    }

    fn note_unknown(&mut self, stem: &str, log: &IncidentLog, new: &[&Event]) {
        let kinds: Vec<String> = log
            .unknown
            .iter()
            .filter(|(id, _)| new.iter().any(|e| &e.id == id))
            .map(|(_, kind)| kind.clone())
            .collect();
        self.report_unknown(stem, kinds);
    }

    fn report_unknown(&mut self, stem: &str, kinds: Vec<String>) {
        if !kinds.is_empty() {
            self.report.attention.push(Attention {
                incident: stem.to_string(),
                what: format!(
                    "{} event(s) of a kind this sirt does not know ({}), kept as they are",
                    kinds.len(),
                    crate::text::name_some(&kinds)
                ),
                settle: "upgrade sirt to see them".into(),
            });
        }
    }

    fn merge_incident(&mut self, path: &str, our_blob: Option<Oid>, their_blob: Option<Oid>) -> Result<()> {
        let stem = incident_stem(path).expect("checked").to_string();
        let (Some(ours), Some(theirs)) = (self.text_of(path, our_blob)?, self.text_of(path, their_blob)?)
        else {
            return Err(cannot_merge(self.store, path, "one side deleted it and the other changed it"));
        };
        let (our_identity, their_identity) = (identity_of(&ours)?, identity_of(&theirs)?);
        if our_identity == their_identity {
            let (merged, appended) = self.union(&stem, &ours, &theirs)?;
            self.attention(&stem, &ours, &theirs, &merged)?;
            if !appended.is_empty() {
                *self.report.events_in.entry(stem.clone()).or_default() += appended.len();
                let blob = self.store.write_blob(merged.as_bytes())?;
                self.out.insert(path.to_string(), Some(blob));
            }
            return Ok(());
        }
        // Two incidents under one id: the smaller identity keeps it.
        let ours_keeps = our_identity < their_identity;
        let (moving, moving_identity, kept) =
            if ours_keeps { (&theirs, &their_identity, &ours) } else { (&ours, &our_identity, &theirs) };
        if !ours_keeps {
            self.out.insert(path.to_string(), their_blob);
            self.report.events_in.insert(stem.clone(), event_ids(&theirs).len());
        }
        let new_id = self.free_id(moving_identity)?;
        let renamed = rename(moving, &stem, &new_id, &title_of(kept))?;
        let target = self.target.incident_path(&new_id);
        let record = Record::Incident(new_id.clone());
        let at_ours = self.record_at(self.ours, &record)?.map(|b| String::from_utf8_lossy(&b).into_owned());
        let at_theirs =
            self.record_at(self.theirs, &record)?.map(|b| String::from_utf8_lossy(&b).into_owned());
        let mut texts: Vec<String> = Vec::new();
        texts.extend(at_ours.clone());
        if !ours_keeps {
            texts.push(renamed.clone());
        }
        texts.extend(at_theirs);
        if ours_keeps {
            texts.push(renamed.clone());
        }
        let mut merged = texts.remove(0);
        for next in &texts {
            merged = self.union(&new_id, &merged, next)?.0;
        }
        if at_ours.as_deref() != Some(merged.as_str()) {
            let blob = self.store.write_blob(merged.as_bytes())?;
            self.out.insert(target, Some(blob));
        }
        if ours_keeps {
            self.report.new_incidents.push(new_id.clone());
            self.report.events_in.insert(new_id.clone(), event_ids(&merged).len());
        }
        self.report.renamed.push(Renamed { from: stem, to: new_id, title: title_of(moving) });
        Ok(())
    }

    /// An id for the incident with `identity`, derived from it so every clone picks the same,
    /// and free on both sides (or already this incident's).
    fn free_id(&self, identity: &str) -> Result<String> {
        for attempt in 0u64.. {
            let seed = format!("{identity}/{attempt}")
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            let candidate = id::incident_id(seed);
            let record = Record::Incident(candidate.clone());
            let mut free = true;
            for side in [self.ours, self.theirs] {
                if let Some(bytes) = self.record_at(side, &record)? {
                    free &= identity_of(&String::from_utf8_lossy(&bytes))? == identity;
                }
            }
            if free {
                return Ok(candidate);
            }
        }
        unreachable!("an endless search ends")
    }

    /// `first` with the events of `second` it lacks appended; fails when one event id holds
    /// different events on the two sides.
    fn union(&self, incident: &str, first: &str, second: &str) -> Result<(String, Vec<String>)> {
        let path = self.target.incident_path(incident);
        let ours =
            split_events(first).ok_or_else(|| cannot_merge(self.store, &path, "its events do not read"))?;
        let theirs =
            split_events(second).ok_or_else(|| cannot_merge(self.store, &path, "its events do not read"))?;
        let known: HashMap<&str, &toml::Value> = ours.iter().map(|c| (c.id.as_str(), &c.value)).collect();
        let mut text = first.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut appended = Vec::new();
        for chunk in &theirs {
            match known.get(chunk.id.as_str()) {
                Some(value) if **value == chunk.value => {}
                Some(_) => return Err(self.clash(incident, &chunk.id)),
                None => {
                    text.push('\n');
                    text.push_str(chunk.text.trim_end());
                    text.push('\n');
                    appended.push(chunk.id.clone());
                }
            }
        }
        if appended.is_empty() {
            return Ok((first.to_string(), appended));
        }
        let log = event::parse_log(&text)
            .map_err(|e| anyhow!("the merged {path} does not read: {e}; nothing was merged"))?;
        if log.events.len() != ours.len() + appended.len() {
            return Err(anyhow!("the merged {path} lost events; nothing was merged"));
        }
        log.fold().map_err(|e| anyhow!("the merged {path} does not fold: {e}; nothing was merged"))?;
        Ok((text, appended))
    }

    fn clash(&self, incident: &str, event: &str) -> anyhow::Error {
        let find = |tip: Oid| {
            self.store.find_trailer_in("Sirt-Event", event, tip, self.base).ok().flatten().unwrap_or(tip)
        };
        let (ours, theirs) = (find(self.ours), find(self.theirs));
        UserError::new(format!(
            "{incident}: event {event} differs between commit {:.12} (here) and commit {:.12} (origin); nothing was merged or pushed",
            ours.to_string(),
            theirs.to_string()
        ))
        .hint(format!(
            "sirt never writes two events under one id, so one side was edited by hand; compare them: git -C {} diff {:.12} {:.12} -- {}",
            self.store.root().display(),
            ours.to_string(),
            theirs.to_string(),
            self.target.incident_path(incident)
        ))
        .into()
    }

    /// Contradictory concurrent steps the fold settled, for a person to confirm.
    fn attention(&mut self, stem: &str, ours: &str, theirs: &str, merged: &str) -> Result<()> {
        let parse = |text: &str| event::parse_log(text).map_err(|e| anyhow!("{stem}: {e}"));
        let (ours, theirs) = (parse(ours)?, parse(theirs)?);
        let common: HashSet<&str> = ours
            .events
            .iter()
            .map(|e| e.id.as_str())
            .filter(|id| theirs.events.iter().any(|e| e.id == *id))
            .collect();
        let new = |log: &IncidentLog| -> Vec<Event> {
            log.events.iter().filter(|e| !common.contains(e.id.as_str())).cloned().collect()
        };
        let (our_new, their_new) = (new(&ours), new(&theirs));
        let has = |events: &[Event], kind: &str| events.iter().any(|e| e.body.kind() == kind);
        let mut add = |what: String, settle: String| {
            self.report.attention.push(Attention { incident: stem.to_string(), what, settle })
        };
        if (has(&our_new, "confirmed") && has(&their_new, "dismissed"))
            || (has(&our_new, "dismissed") && has(&their_new, "confirmed"))
        {
            add(
                "confirmed on one clone and dismissed on another; it now reads as confirmed".into(),
                format!("if it is no incident after all: sirt retract {stem} confirmed --reason \"…\""),
            );
        }
        for (closing, other) in [(&our_new, &their_new), (&their_new, &our_new)] {
            let recorded = other.iter().filter(|e| !matches!(e.body, EventBody::Closed { .. })).count();
            if has(closing, "closed") && recorded > 0 {
                add(
                    format!("closed on one clone while {recorded} step(s) were recorded on another"),
                    format!(
                        "review them: sirt timeline {stem}; to reopen: sirt retract {stem} closed --reason \"…\""
                    ),
                );
            }
        }
        if has(&our_new, "impact-determined") && has(&their_new, "impact-determined") {
            add(
                "two impact assessments were made at once; the later in the log stands".into(),
                format!("record the one that holds: sirt impact {stem} --effect … --summary \"…\""),
            );
        }
        let merged_log = parse(merged)?;
        let incoming: Vec<&Event> =
            their_new.iter().filter(|e| !our_new.iter().any(|o| o.id == e.id)).collect();
        let incoming: Vec<&Event> =
            merged_log.events.iter().filter(|e| incoming.iter().any(|i| i.id == e.id)).collect();
        self.note_unknown(stem, &merged_log, &incoming);
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
