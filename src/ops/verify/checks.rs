//! The checks of one commit against its parents: signatures, time, what it changed, merges.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use anyhow::Result;

use super::events::{compare, consistent, differences};
use super::moves::{incident_in, pair_moves};
use super::versions::{Version, Versions};
use super::{Check, Finding, SETTINGS, SIGNERS, Verified, commit_words, signing_of, time_words};
use crate::model::Event;
use crate::model::settings::Signing;
use crate::store::layout::{self, Record};
use crate::store::{CommitFacts, History, Oid, SignatureCheck, TEMPLATES_DIR, check_signature};

/// A parent: its id, its time, its tree.
pub type Parent = (Oid, i64, Oid);

pub struct Walk<'h> {
    history: &'h History,
    versions: Versions,
    /// The signing setting of each `sirt.toml` blob met.
    signing: HashMap<Oid, Signing>,
}

/// Where a finding is, and what it says.
pub(super) struct At<'a> {
    pub(super) commit: &'a CommitFacts,
    pub(super) file: Option<&'a str>,
}

impl At<'_> {
    pub(super) fn finding(&self, check: Check, event: Option<&str>, message: String) -> Finding {
        Finding {
            check,
            commit: self.commit.id.to_string(),
            file: self.file.map(String::from),
            event: event.map(String::from),
            message,
        }
    }
}

/// `event EV-… (confirmed, 2026-11-20 10:00Z)`.
pub(super) fn event_words(event: &Event) -> String {
    format!("event {} ({}, {})", event.id, event.body.kind(), event.at.format("%Y-%m-%d %H:%MZ"))
}

pub(super) fn incident_stem(path: &str) -> Option<&str> {
    layout::incident_at(path)
}

/// The `Key: value` trailers of a commit message whose key starts with `Sirt-`.
pub(super) fn trailers(message: &str) -> Vec<(&str, &str)> {
    message
        .lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(key, _)| key.starts_with("Sirt-") && !key.contains(' '))
        .map(|(key, value)| (key, value.trim()))
        .collect()
}

impl<'h> Walk<'h> {
    pub fn new(history: &'h History) -> Walk<'h> {
        Walk { history, versions: Versions::default(), signing: HashMap::new() }
    }

    pub fn blobs_read(&self) -> usize {
        self.versions.reads
    }

    /// The signing setting of the store as `tree` holds it.
    pub fn signing_at(&mut self, tree: Oid) -> Result<Signing> {
        let Some(blob) = self.history.entry(tree, SETTINGS)? else { return Ok(Signing::Off) };
        if let Some(signing) = self.signing.get(&blob) {
            return Ok(*signing);
        }
        let signing = signing_of(&self.history.blob(blob)?);
        self.signing.insert(blob, signing);
        Ok(signing)
    }

    /// Signatures: counted always; checked against the allowed signers when the commit's parent
    /// requires them. The keys are those of the parent (a commit cannot vouch for the
    /// key it adds), or the commit's own for the first commit that has the file.
    pub fn signatures(&mut self, commit: &CommitFacts, parents: &[Parent], out: &mut Verified) -> Result<()> {
        if commit.signature.is_some() {
            out.signed += 1;
        }
        // From the commit that turns the requirement on, every later commit (including one
        // that turns it off) must be signed.
        let mut required = parents.is_empty() && self.signing_at(commit.tree)? == Signing::Require;
        for (_, _, tree) in parents {
            required |= self.signing_at(*tree)? == Signing::Require;
        }
        if !required {
            return Ok(());
        }
        let at = At { commit, file: None };
        let Some((signature, data)) = &commit.signature else {
            out.findings.push(at.finding(
                Check::Signature,
                None,
                format!("{} is not signed, and the store requires signed changes", commit_words(commit)),
            ));
            return Ok(());
        };
        let mut signers = None;
        for (_, _, tree) in parents.iter().take(1) {
            signers = self.history.entry(*tree, SIGNERS)?;
        }
        if signers.is_none() {
            signers = self.history.entry(commit.tree, SIGNERS)?;
        }
        let Some(signers) = signers else {
            out.findings.push(at.finding(
                Check::Signature,
                None,
                format!(
                    "{} is signed, but the store has no {SIGNERS} file to check the key against",
                    commit_words(commit)
                ),
            ));
            return Ok(());
        };
        let allowed = self.history.blob(signers)?;
        let problem = match check_signature(&allowed, signature, data) {
            SignatureCheck::Allowed { .. } => {
                out.signatures_good += 1;
                return Ok(());
            }
            SignatureCheck::NotAllowed { key } => {
                format!("{} is signed by {key}, which is not in the store's {SIGNERS}", commit_words(commit))
            }
            SignatureCheck::Bad { why } => {
                format!("{} has a signature that does not match it ({why})", commit_words(commit))
            }
            SignatureCheck::Foreign => format!(
                "{} has an OpenPGP signature; the store's {SIGNERS} lists SSH keys only, so it cannot vouch for it",
                commit_words(commit)
            ),
            SignatureCheck::Unchecked { why } => {
                out.incomplete.push(format!("the signature of commit {} was not checked: {why}", commit.id));
                return Ok(());
            }
        };
        out.findings.push(at.finding(Check::Signature, None, problem));
        Ok(())
    }

    /// Every check of one commit but its signature.
    /// `changes` are the files the commit changed against its only parent, when already known.
    pub fn commit(
        &mut self,
        commit: &CommitFacts,
        parents: &[Parent],
        changes: Option<Vec<crate::store::Change>>,
        out: &mut Verified,
    ) -> Result<()> {
        let at = At { commit, file: None };
        for (parent, time, _) in parents {
            if commit.time < *time {
                out.findings.push(at.finding(
                    Check::Time,
                    None,
                    format!(
                        "{} is dated {}, earlier than its parent {} ({})",
                        commit_words(commit),
                        time_words(commit.time),
                        super::short(*parent),
                        time_words(*time)
                    ),
                ));
            }
        }
        if parents.len() > 1 {
            return self.merge(commit, parents, out);
        }
        let parent_tree = parents.first().map(|(_, _, tree)| *tree);
        let changes = match changes {
            Some(changes) => changes,
            None => self.history.changes(parent_tree, Some(commit.tree))?,
        };
        let changes = pair_moves(changes);
        let trailers = trailers(&commit.message);
        let by_sirt = !trailers.is_empty();
        let action = trailers.iter().find(|(k, _)| *k == "Sirt-Action").map(|(_, v)| *v);
        let adopted = action == Some("adopt");
        let mut added_ids: Vec<String> = Vec::new();
        let mut outside: Vec<String> = Vec::new();
        let mut touched_incidents = Vec::new();
        let mut touched_paths = Vec::new();
        for change in &changes {
            let Some(stem) = incident_stem(&change.path) else {
                if !by_sirt {
                    outside.push(change.path.clone());
                }
                self.parse_other(commit, &change.path, change.new, out)?;
                continue;
            };
            touched_incidents.push(stem.to_string());
            touched_paths.push(change.path.clone());
            let at = At { commit, file: Some(&change.path) };
            let before = match change.old {
                Some(blob) => Some(self.versions.get(self.history, &change.path, blob, None)?),
                None => None,
            };
            let Some(blob) = change.new else {
                let held = before.as_ref().and_then(|v| v.log.as_ref().ok()).map_or(0, |l| l.events.len());
                out.findings.push(at.finding(
                    Check::AppendOnly,
                    None,
                    format!(
                        "{} deleted {} and the {held} event(s) it held",
                        commit_words(commit),
                        change.path
                    ),
                ));
                continue;
            };
            let after = self.versions.get(self.history, &change.path, blob, before.as_ref())?;
            let Some(added) = compare(&at, stem, before.as_deref(), &after, out) else { continue };
            if !adopted {
                consistent(&at, &added, out);
            }
            added_ids.extend(added.iter().map(|e| e.id.clone()));
        }
        if !by_sirt {
            if !outside.is_empty() || !touched_incidents.is_empty() {
                let mut all = touched_paths.clone();
                all.extend(outside.iter().cloned());
                let finding = at.finding(
                    Check::OutsideSirt,
                    None,
                    format!(
                        "{} was made outside sirt and changed {}",
                        commit_words(commit),
                        crate::text::name_some(&all)
                    ),
                );
                if touched_incidents.is_empty() {
                    out.information.push(finding);
                } else {
                    out.findings.push(finding);
                }
            }
            return Ok(());
        }
        if adopted {
            return Ok(());
        }
        // The trailers must name exactly the incident and the events the commit added.
        for (key, value) in &trailers {
            if *key == "Sirt-Incident" && !touched_incidents.iter().any(|s| s == value) {
                out.findings.push(at.finding(
                    Check::Consistency,
                    None,
                    format!(
                        "{} names incident {value} in its trailers but did not change it",
                        commit_words(commit)
                    ),
                ));
            }
            if *key == "Sirt-Event" && !added_ids.iter().any(|id| id == value) {
                out.findings.push(at.finding(
                    Check::Consistency,
                    Some(value),
                    format!(
                        "{} names event {value} in its trailers but did not add it",
                        commit_words(commit)
                    ),
                ));
            }
        }
        for id in &added_ids {
            if !trailers.iter().any(|(k, v)| *k == "Sirt-Event" && v == id) {
                out.findings.push(at.finding(
                    Check::Consistency,
                    Some(id),
                    format!("{} added event {id} without naming it in its trailers", commit_words(commit)),
                ));
            }
        }
        Ok(())
    }

    /// Settings and tenant files must parse too; templates and other files are not read.
    fn parse_other(
        &mut self,
        commit: &CommitFacts,
        path: &str,
        blob: Option<Oid>,
        out: &mut Verified,
    ) -> Result<()> {
        let Some(blob) = blob else { return Ok(()) };
        let is_tenant = layout::tenant_at(path).is_some();
        if path != SETTINGS && !is_tenant {
            let _ = TEMPLATES_DIR;
            return Ok(());
        }
        let bytes = self.history.blob(blob)?;
        let text = String::from_utf8_lossy(&bytes);
        let error = if is_tenant {
            toml::from_str::<crate::model::tenant::Tenant>(&text).err()
        } else {
            toml::from_str::<crate::model::settings::Settings>(&text).err()
        };
        if let Some(error) = error {
            out.findings.push(At { commit, file: Some(path) }.finding(
                Check::Parsing,
                None,
                format!(
                    "{path} as {} left it does not read: {}",
                    commit_words(commit),
                    error.message().trim()
                ),
            ));
        }
        Ok(())
    }

    /// A merge: each incident file must hold exactly the union of its parents' events.
    /// A merge that settled an id collision: the incidents both parents held at `old` end up at
    /// `old` and `new`. Together the two files must hold every event of both parents' `old`,
    /// unchanged, and nothing more than the one note sync adds to say what happened.
    fn renamed_union(
        &mut self,
        commit: &CommitFacts,
        parents: &[Parent],
        old: &str,
        new: &str,
        out: &mut Verified,
    ) -> Result<()> {
        let new_path = incident_in(self.history, commit.tree, new)?.map_or_else(
            || layout::paths_of(&Record::Incident(new.to_string()))[0].clone(),
            |(path, _)| path,
        );
        let at = At { commit, file: Some(&new_path) };
        let mut union: BTreeMap<String, Event> = BTreeMap::new();
        for (_, _, tree) in parents {
            if let Some((path, blob)) = incident_in(self.history, *tree, old)? {
                let version = self.versions.get(self.history, &path, blob, None)?;
                if let Ok(log) = &version.log {
                    union.extend(log.events.iter().map(|e| (e.id.clone(), e.clone())));
                }
            }
        }
        let mut merged: Vec<Event> = Vec::new();
        for id in [old, new] {
            let Some((path, blob)) = incident_in(self.history, commit.tree, id)? else { continue };
            let version = self.versions.get(self.history, &path, blob, None)?;
            if let Ok(log) = &version.log {
                merged.extend(log.events.iter().cloned());
            }
        }
        for (id, event) in &union {
            if !merged.iter().any(|m| &m.id == id && m == event) {
                out.findings.push(at.finding(
                    Check::Merge,
                    Some(id),
                    format!(
                        "{} dropped or changed {} while renaming {old} to {new}",
                        super::commit_words(commit),
                        event_words(event)
                    ),
                ));
            }
        }
        let added: Vec<&Event> = merged.iter().filter(|m| !union.contains_key(&m.id)).collect();
        let explained = added.len() <= 1 && added.iter().all(|e| e.body.kind() == "note");
        if !explained {
            for event in added {
                out.findings.push(at.finding(
                    Check::Merge,
                    Some(&event.id),
                    format!(
                        "{} added {}, which neither parent holds",
                        super::commit_words(commit),
                        event_words(event)
                    ),
                ));
            }
        }
        Ok(())
    }

    fn merge(&mut self, commit: &CommitFacts, parents: &[Parent], out: &mut Verified) -> Result<()> {
        // For each incident that differs from some parent: its blob in each parent, by id, so
        // that a parent from before an upgrade and one after meet on the same incident.
        let mut paths: BTreeMap<String, Vec<Option<Oid>>> = BTreeMap::new();
        for (n, (_, _, tree)) in parents.iter().enumerate() {
            for change in self.history.changes(Some(*tree), Some(commit.tree))? {
                let Some(stem) = incident_stem(&change.path) else { continue };
                let slot = &mut paths.entry(stem.to_string()).or_insert_with(|| vec![None; parents.len()])[n];
                match change.old {
                    Some(old) => *slot = Some(old),
                    None => *slot = Some(slot.unwrap_or(Oid::zero())),
                }
            }
        }
        // An id collision settled by sync moves one incident to a new id: those two incidents
        // are checked together, as one union, below.
        let renames: Vec<(String, String)> = trailers(&commit.message)
            .into_iter()
            .filter(|(k, _)| *k == "Sirt-Renamed")
            .filter_map(|(_, v)| v.split_once(" -> "))
            .map(|(old, new)| (old.trim().to_string(), new.trim().to_string()))
            .collect();
        let renamed = |stem: &str| renames.iter().any(|(old, new)| stem == old || stem == new);
        for (old, new) in &renames {
            self.renamed_union(commit, parents, old, new, out)?;
        }
        for (stem, known) in paths {
            if renamed(&stem) {
                continue;
            }
            let found = incident_in(self.history, commit.tree, &stem)?;
            let path = found.as_ref().map_or_else(
                || layout::paths_of(&Record::Incident(stem.clone()))[0].clone(),
                |(path, _)| path.clone(),
            );
            let at = At { commit, file: Some(&path) };
            let merged_blob = found.map(|(_, blob)| blob);
            let mut union: BTreeMap<String, (Event, usize)> = BTreeMap::new();
            let mut first: Option<Rc<Version>> = None;
            for (n, blob) in known.iter().enumerate() {
                // Not among this parent's changes: the parent holds what the merge holds.
                let blob = match blob {
                    Some(b) if b.is_zero() => None,
                    Some(b) => Some(*b),
                    None => merged_blob,
                };
                let Some(blob) = blob else { continue };
                let version = self.versions.get(self.history, &path, blob, None)?;
                let Ok(log) = &version.log else { continue };
                for event in &log.events {
                    match union.get(&event.id) {
                        Some((other, m)) if other != event => out.findings.push(at.finding(
                            Check::Merge,
                            Some(&event.id),
                            format!(
                                "{} merged two different versions of {}: parents {} and {} disagree",
                                super::commit_words(commit),
                                event_words(event),
                                super::short(parents[*m].0),
                                super::short(parents[n].0)
                            ),
                        )),
                        Some(_) => {}
                        None => {
                            union.insert(event.id.clone(), (event.clone(), n));
                        }
                    }
                }
                first.get_or_insert(version);
            }
            let Some(merged_blob) = merged_blob else {
                out.findings.push(at.finding(
                    Check::Merge,
                    None,
                    format!("{} deleted {path}, which its parents hold", super::commit_words(commit)),
                ));
                continue;
            };
            let merged = self.versions.get(self.history, &path, merged_blob, first.as_ref())?;
            let log = match &merged.log {
                Ok(log) => log,
                Err(why) => {
                    out.findings.push(at.finding(
                        Check::Parsing,
                        None,
                        format!("{path} as {} left it does not read: {why}", super::commit_words(commit)),
                    ));
                    continue;
                }
            };
            if log.id != stem {
                out.findings.push(at.finding(
                    Check::Parsing,
                    None,
                    format!("{path} holds incident '{}', not {stem}", log.id),
                ));
            }
            let held: HashMap<&str, &Event> = log.events.iter().map(|e| (e.id.as_str(), e)).collect();
            for (id, (event, n)) in &union {
                match held.get(id.as_str()) {
                    None => out.findings.push(at.finding(
                        Check::Merge,
                        Some(id),
                        format!(
                            "{} dropped {} that parent {} holds",
                            super::commit_words(commit),
                            event_words(event),
                            super::short(parents[*n].0)
                        ),
                    )),
                    Some(kept) if *kept != event => out.findings.push(at.finding(
                        Check::Merge,
                        Some(id),
                        format!(
                            "{} changed {}: {}",
                            super::commit_words(commit),
                            event_words(event),
                            differences(event, kept)
                        ),
                    )),
                    Some(_) => {}
                }
            }
            for event in &log.events {
                if !union.contains_key(&event.id) {
                    out.findings.push(at.finding(
                        Check::Merge,
                        Some(&event.id),
                        format!(
                            "{} added {}, which neither parent holds",
                            super::commit_words(commit),
                            event_words(event)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}
