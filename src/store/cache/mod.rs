//! A cache of folded incidents, keyed by the blob each was folded from, so it cannot go stale:
//! an incident file whose blob is unchanged is never parsed again.
//!
//! The cache records the `incidents/` tree it describes. When the commit in view holds that
//! same tree, nothing is listed or parsed: `list` reads the index alone, `show` one body. When
//! the tree differs, its files are listed once and only the blobs the cache does not hold are
//! parsed; then the cache is written anew. A cache that is missing, damaged or from another
//! sirt is rebuilt without a word, and writing it never makes a command fail.

mod codec;
mod file;

use std::cell::OnceCell;
use std::rc::Rc;

use anyhow::Result;

use super::{INCIDENTS_DIR, Loaded, Oid, Store};
use crate::model::Incident;
use crate::model::summary::IncidentSummary;
use codec::{Reader, Writer};
use file::{Built, Index, State};

/// What `list` shows of every incident that reads, and a line for each file that doesn't.
pub struct Summaries {
    pub incidents: Vec<IncidentSummary>,
    pub unreadable: Vec<String>,
}

/// The cache as it stands for one `incidents/` tree.
pub(super) struct Snapshot {
    index: Index,
    /// The bodies file, read when first needed (or kept from building it).
    bodies: OnceCell<Option<Rc<Vec<u8>>>>,
}

impl Snapshot {
    fn bodies(&self, store: &Store) -> Option<Rc<Vec<u8>>> {
        self.bodies.get_or_init(|| file::read_bodies(&store.git.git_dir()).map(Rc::new)).clone()
    }
}

/// A folded incident's two encodings: what `list` shows, and the whole state.
fn encode(incident: &Incident) -> (Vec<u8>, Vec<u8>) {
    let mut summary = Writer::default();
    codec::put_summary(&mut summary, &IncidentSummary::of(incident));
    let mut body = Writer::default();
    codec::put_incident(&mut body, incident);
    (summary.bytes, body.bytes)
}

fn decode_incident(bytes: &[u8]) -> Option<Incident> {
    let mut r = Reader::new(bytes);
    codec::get_incident(&mut r).ok().filter(|_| r.is_done())
}

impl Store {
    /// The tree of `incidents/` in the commit in view: what the cache is keyed by.
    fn incidents_tree(&self) -> Result<Option<Option<Oid>>> {
        let Some(tree) = self.tree() else { return Ok(None) };
        Ok(Some(self.git.entry_id(tree, INCIDENTS_DIR)?))
    }

    /// The cache for the commit in view, if it holds it; with `refresh`, brought up to date
    /// first when it does not. `None` when there is no commit.
    fn snapshot(&self, refresh: bool) -> Result<Option<Rc<Snapshot>>> {
        let Some(tree) = self.incidents_tree()? else { return Ok(None) };
        if let Some(known) = self.cache.borrow().as_ref().filter(|s| s.index.tree == tree) {
            return Ok(Some(known.clone()));
        }
        let on_disk =
            file::read_index(&self.git.git_dir()).map(|index| Snapshot { index, bodies: OnceCell::new() });
        let snapshot = match on_disk {
            Some(current) if current.index.tree == tree => current,
            stale if refresh => self.rebuild(tree, stale.as_ref())?,
            _ => return Ok(None),
        };
        let snapshot = Rc::new(snapshot);
        *self.cache.borrow_mut() = Some(snapshot.clone());
        Ok(Some(snapshot))
    }

    /// Lists `incidents/`, keeps from `old` every incident whose blob it holds intact, parses
    /// the rest, and writes the result as the new cache.
    fn rebuild(&self, tree: Option<Oid>, old: Option<&Snapshot>) -> Result<Snapshot> {
        let blobs = self.incident_blobs()?;
        let old_bodies = old.and_then(|s| s.bodies(self));
        let kept = |id: &str, blob: Oid| -> Option<Built<'_>> {
            let old = old?;
            let entry = old.index.entry(id).filter(|e| e.blob == blob)?;
            match &entry.state {
                State::Unreadable => Some(Built::Unreadable),
                State::Folded { summary, body } => Some(Built::Folded {
                    summary: old.index.summary_bytes(summary),
                    body: file::body_in(old_bodies.as_deref()?, *body)?,
                }),
            }
        };
        let mut texts: Vec<(usize, String, Vec<u8>)> = Vec::new();
        let mut built: Vec<(String, Oid, Option<Built>)> = Vec::with_capacity(blobs.len());
        for (n, (id, blob)) in blobs.into_iter().enumerate() {
            let keep = kept(&id, blob);
            if keep.is_none() {
                texts.push((n, id.clone(), self.git.blob(blob)?));
            }
            built.push((id, blob, keep));
        }
        let root = self.root.as_path();
        let parsed: Vec<(usize, Option<(Vec<u8>, Vec<u8>)>)> =
            crate::parallel::by_chunks(&texts, crate::parallel::cores(), |part| {
                part.iter()
                    .map(|(n, id, bytes)| {
                        (*n, super::incidents::fold_file(root, id, bytes).ok().map(|i| encode(&i)))
                    })
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect();
        for (n, encoded) in &parsed {
            built[*n].2 = Some(match encoded {
                Some((summary, body)) => Built::Folded { summary, body },
                None => Built::Unreadable,
            });
        }
        let entries: Vec<(String, Oid, Built)> =
            built.into_iter().map(|(id, blob, b)| (id, blob, b.unwrap_or(Built::Unreadable))).collect();
        let (index, bodies) = file::build(tree, &entries);
        drop(entries);
        file::write(&self.git.git_dir(), &index, &bodies);
        let index = file::parse_index(index)
            .map_err(|_| anyhow::anyhow!("the incident cache just built does not read back"))?;
        Ok(Snapshot { index, bodies: OnceCell::from(Some(Rc::new(bodies))) })
    }

    /// Every incident that reads, from the cache; `None` when a body is missing or damaged.
    fn folded_from(&self, snapshot: &Snapshot) -> Option<Loaded> {
        let bodies = snapshot.bodies(self)?;
        let bodies: &[u8] = &bodies;
        let entries = &snapshot.index.entries;
        // Per entry: `Some(None)` for a file that does not read; `None` for a bad body.
        let decoded: Vec<Option<Option<Incident>>> =
            crate::parallel::by_chunks(entries, crate::parallel::cores(), |part| {
                part.iter()
                    .map(|entry| match &entry.state {
                        State::Unreadable => Some(None),
                        State::Folded { body, .. } => {
                            decode_incident(file::body_in(bodies, *body)?).map(Some)
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect();
        let mut loaded = Loaded { incidents: Vec::with_capacity(entries.len()), unreadable: Vec::new() };
        for (entry, incident) in entries.iter().zip(decoded) {
            match incident? {
                Some(incident) => loaded.incidents.push(incident),
                None => self.refold(&entry.id, entry.blob, &mut loaded.incidents, &mut loaded.unreadable),
            }
        }
        Some(loaded)
    }

    /// Folds one incident file again, for the message saying why it does not read: the message
    /// names the store's path, which the cache does not keep.
    fn refold(&self, id: &str, blob: Oid, incidents: &mut Vec<Incident>, unreadable: &mut Vec<String>) {
        let folded =
            self.git.blob(blob).and_then(|bytes| super::incidents::fold_file(&self.root, id, &bytes));
        match folded {
            Ok(incident) => incidents.push(incident),
            Err(e) => unreadable.push(format!("{e:#}")),
        }
    }

    /// Every incident as the commit in view holds it, through the cache.
    pub(super) fn load_incidents_cached(&self) -> Result<Loaded> {
        let Some(snapshot) = self.snapshot(true)? else {
            return Ok(Loaded { incidents: Vec::new(), unreadable: Vec::new() });
        };
        if let Some(loaded) = self.folded_from(&snapshot) {
            return Ok(loaded);
        }
        // The bodies file went missing or does not match the index: rebuild it from the blobs.
        let tree = snapshot.index.tree;
        let fresh = Rc::new(self.rebuild(tree, Some(&snapshot))?);
        *self.cache.borrow_mut() = Some(fresh.clone());
        self.folded_from(&fresh).ok_or_else(|| anyhow::anyhow!("the incident cache does not read back"))
    }

    /// What `list` shows of every incident, without decoding any affected-tenant list.
    pub fn incident_summaries(&self) -> Result<Summaries> {
        let mut out = Summaries { incidents: Vec::new(), unreadable: Vec::new() };
        let Some(snapshot) = self.snapshot(true)? else { return Ok(out) };
        let index = &snapshot.index;
        for entry in &index.entries {
            let summary = match &entry.state {
                State::Unreadable => None,
                State::Folded { summary, .. } => {
                    let mut r = Reader::new(index.summary_bytes(summary));
                    codec::get_summary(&mut r).ok().filter(|_| r.is_done())
                }
            };
            match summary {
                Some(summary) => out.incidents.push(summary),
                None => {
                    let mut incidents = Vec::new();
                    self.refold(&entry.id, entry.blob, &mut incidents, &mut out.unreadable);
                    out.incidents.extend(incidents.iter().map(IncidentSummary::of));
                }
            }
        }
        Ok(out)
    }

    /// One incident's current state: from the cache when it holds the commit in view, else
    /// folded from its file. Fails as [`Store::load_incident`] does.
    pub fn incident(&self, id: &str) -> Result<Incident> {
        if let Some(snapshot) = self.snapshot(false)?
            && let Some(entry) = snapshot.index.entry(id)
            && let State::Folded { body, .. } = &entry.state
        {
            let bytes = match snapshot.bodies.get() {
                Some(Some(bodies)) => file::body_in(bodies, *body).map(<[u8]>::to_vec),
                _ => file::read_body(&self.git.git_dir(), *body),
            };
            if let Some(incident) = bytes.as_deref().and_then(decode_incident) {
                return Ok(incident);
            }
        }
        self.load_incident(id).map(|(_, incident)| incident)
    }

    /// Ids of every incident file, from the cache when it holds the commit in view.
    pub(super) fn cached_incident_ids(&self) -> Result<Option<Vec<String>>> {
        Ok(self.snapshot(false)?.map(|s| s.index.entries.iter().map(|e| e.id.clone()).collect()))
    }
}

#[cfg(test)]
mod tests;
