//! A cache of folded incidents, keyed by the blob each was folded from, so it cannot go stale:
//! an incident file whose blob is unchanged is never parsed again.
//!
//! The cache records the `incidents/` tree it describes. When the commit in view holds that
//! same tree, nothing is listed or parsed: `list` reads the index alone, `show` one body. When
//! the tree differs, its files are listed once and only the blobs the cache does not hold are
//! parsed; then the cache is written anew. A cache that is missing, damaged or from another
//! sirt is rebuilt without a word, and writing it never makes a command fail.

mod bytes;
mod clocks;
mod codec;
mod file;
mod tenants;

use std::cell::OnceCell;
use std::rc::Rc;

use anyhow::Result;

use super::{INCIDENTS_DIR, Loaded, Oid, Store};
use crate::model::Incident;
use crate::model::summary::IncidentSummary;
use codec::{Reader, Writer};
use file::{BodyRef, Index, Listed, NewBodies, State};
pub use tenants::{ClockTerms, TenantTerms};

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
        self.bodies
            .get_or_init(|| file::read_bodies(&store.git.git_dir(), self.index.bodies_id).map(Rc::new))
            .clone()
    }
}

/// What a new cache does with one incident file.
enum Kept<'a> {
    Unreadable,
    /// Folded from this file before: its summary, where its state lies in the old bodies file,
    /// and, when the bodies are written anew, that state checked.
    Folded {
        summary: &'a [u8],
        body: BodyRef,
        bytes: Option<&'a [u8]>,
    },
    /// Parsed just now.
    Parsed,
}

/// A folded incident's two encodings: what `list` shows, and the whole state.
type Encoded = (Vec<u8>, Vec<u8>);

fn encode(incident: &Incident) -> Encoded {
    let mut summary = Writer::default();
    codec::put_summary(&mut summary, &IncidentSummary::of(incident));
    let mut body = Writer::default();
    codec::put_incident(&mut body, incident);
    (summary.bytes, body.bytes)
}

/// An index just built, as readers will see it.
fn read_back(index: Vec<u8>) -> Result<Index> {
    file::parse_index(index).map_err(|_| anyhow::anyhow!("the incident cache just built does not read back"))
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
            stale if refresh => self.rebuild(tree, stale.as_ref(), false)?,
            _ => return Ok(None),
        };
        let snapshot = Rc::new(snapshot);
        *self.cache.borrow_mut() = Some(snapshot.clone());
        Ok(Some(snapshot))
    }

    /// Lists `incidents/`, keeps from `old` every incident whose blob it holds, parses the rest,
    /// and records the result: the new states appended to the bodies file and a new index, or,
    /// with `whole` (or when appending will not do), every state written anew.
    fn rebuild(&self, tree: Option<Oid>, old: Option<&Snapshot>, whole: bool) -> Result<Snapshot> {
        let git_dir = self.git.git_dir();
        let appending = !whole && old.is_some_and(|o| file::has_bodies(&git_dir, o.index.bodies_id));
        // Written anew, kept states are copied, so each is checked first; appended to, they stay
        // where they are and their readers check them.
        let old_bodies = if appending { None } else { old.and_then(|s| s.bodies(self)) };
        let mut blobs = match old.and_then(|old| self.blobs_by_diff(old, tree)) {
            Some(blobs) => blobs,
            None => self.incident_blobs()?,
        };
        // In id order, whatever order the layout lists them in: the index is searched by id.
        blobs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut plan: Vec<Option<Kept>> = Vec::with_capacity(blobs.len());
        let mut texts: Vec<(usize, &str, Vec<u8>)> = Vec::new();
        for (n, (id, blob)) in blobs.iter().enumerate() {
            let kept = old.and_then(|old| {
                let entry = old.index.entry(id).filter(|e| e.blob == *blob)?;
                match &entry.state {
                    State::Unreadable => Some(Kept::Unreadable),
                    State::Folded { summary, body } => Some(Kept::Folded {
                        summary: old.index.summary_bytes(summary),
                        body: *body,
                        bytes: match &old_bodies {
                            _ if appending => None,
                            Some(bodies) => Some(file::body_in(bodies, *body)?),
                            None => return None,
                        },
                    }),
                }
            });
            if kept.is_none() {
                texts.push((n, id, self.git.blob(*blob)?));
            }
            plan.push(kept);
        }
        let root = self.root.as_path();
        let layout = self.layout();
        let parsed: Vec<(usize, Option<Encoded>)> =
            crate::parallel::by_chunks(&texts, crate::parallel::cores(), |part| {
                part.iter()
                    .map(|(n, id, bytes)| {
                        (*n, super::incidents::fold_file(root, layout, id, bytes).ok().map(|i| encode(&i)))
                    })
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect();
        let mut fresh: Vec<Option<&Encoded>> = vec![None; blobs.len()];
        for (n, encoded) in &parsed {
            fresh[*n] = encoded.as_ref();
            plan[*n] = Some(match encoded {
                Some(_) => Kept::Parsed,
                None => Kept::Unreadable,
            });
        }
        let plan: Vec<Kept> = plan.into_iter().map(|p| p.unwrap_or(Kept::Unreadable)).collect();

        if let Some(old) = old.filter(|_| appending) {
            return match self.append_to(tree, old, &blobs, &plan, &fresh) {
                Some(snapshot) => snapshot,
                None => self.rebuild(tree, Some(old), true),
            };
        }
        self.write_anew(tree, &blobs, &plan, &fresh)
    }

    /// The incident files of `tree` from those `old` lists and the files changed since its
    /// tree, without listing `incidents/`: a change reads only the few small trees it touched.
    /// `None` when in doubt (a file removed or moved, one id in two places): then list it all.
    fn blobs_by_diff(&self, old: &Snapshot, tree: Option<Oid>) -> Option<Vec<(String, Oid)>> {
        let changes = self.git.changed_files(old.index.tree?, tree?).ok()??;
        let blobs = old.index.entries.iter().map(|e| (e.id.clone(), e.blob)).collect();
        apply_changes(blobs, changes, INCIDENTS_DIR, super::layout::incident_at)
    }

    /// Appends the states just parsed to the bodies file of `old` and writes an index naming
    /// them and the states kept where they lie; `None` when the bodies file will not take them.
    fn append_to(
        &self,
        tree: Option<Oid>,
        old: &Snapshot,
        blobs: &[(String, Oid)],
        plan: &[Kept],
        fresh: &[Option<&Encoded>],
    ) -> Option<Result<Snapshot>> {
        let git_dir = self.git.git_dir();
        let added: Vec<&[u8]> = fresh.iter().flatten().map(|(_, body)| body.as_slice()).collect();
        let live: u64 = plan
            .iter()
            .map(|k| if let Kept::Folded { body, .. } = k { body.len } else { 0 })
            .chain(added.iter().map(|b| b.len() as u64))
            .sum();
        let mut refs = file::append(&git_dir, old.index.bodies_id, &added, live)?.into_iter();
        let mut entries: Vec<(&str, Oid, Listed)> = Vec::with_capacity(blobs.len());
        for (((id, blob), kept), fresh) in blobs.iter().zip(plan).zip(fresh) {
            let listed = match (kept, fresh) {
                (Kept::Folded { summary, body, .. }, _) => Listed::Folded { summary, body: *body },
                // An entry without a state is folded from its file when read: always correct.
                (Kept::Parsed, Some((summary, _))) => {
                    refs.next().map_or(Listed::Unreadable, |body| Listed::Folded { summary, body })
                }
                _ => Listed::Unreadable,
            };
            entries.push((id.as_str(), *blob, listed));
        }
        let index = file::index_bytes(tree, old.index.bodies_id, &entries);
        file::write_index(&git_dir, &index);
        Some(read_back(index).map(|index| Snapshot { index, bodies: OnceCell::new() }))
    }

    /// Writes every state into a new bodies file, then the index.
    fn write_anew(
        &self,
        tree: Option<Oid>,
        blobs: &[(String, Oid)],
        plan: &[Kept],
        fresh: &[Option<&Encoded>],
    ) -> Result<Snapshot> {
        let mut bodies = NewBodies::new();
        let mut entries: Vec<(&str, Oid, Listed)> = Vec::with_capacity(blobs.len());
        for (((id, blob), kept), fresh) in blobs.iter().zip(plan).zip(fresh) {
            let listed = match (kept, fresh) {
                (Kept::Folded { summary, bytes: Some(bytes), .. }, _) => {
                    Listed::Folded { summary, body: bodies.push(bytes) }
                }
                (Kept::Parsed, Some((summary, body))) => Listed::Folded { summary, body: bodies.push(body) },
                _ => Listed::Unreadable,
            };
            entries.push((id.as_str(), *blob, listed));
        }
        let index = file::index_bytes(tree, bodies.id, &entries);
        file::write_both(&self.git.git_dir(), &index, &bodies.bytes);
        Ok(Snapshot { index: read_back(index)?, bodies: OnceCell::from(Some(Rc::new(bodies.bytes))) })
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
        let folded = self
            .git
            .blob(blob)
            .and_then(|bytes| super::incidents::fold_file(&self.root, self.layout(), id, &bytes));
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
        // The bodies file went missing or does not match the index. Another reader may have
        // just written both anew; failing that, rebuild them from the blobs.
        let tree = snapshot.index.tree;
        if let Some(index) = file::read_index(&self.git.git_dir())
            .filter(|i| i.tree == tree && i.bodies_id != snapshot.index.bodies_id)
        {
            let other = Snapshot { index, bodies: OnceCell::new() };
            if let Some(loaded) = self.folded_from(&other) {
                *self.cache.borrow_mut() = Some(Rc::new(other));
                return Ok(loaded);
            }
        }
        let fresh = Rc::new(self.rebuild(tree, Some(&snapshot), true)?);
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
                _ => file::read_body(&self.git.git_dir(), snapshot.index.bodies_id, *body),
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

/// The records of `dir` (id and blob, in id order) after `changes` (path under `dir`, blob
/// before, blob after) to them; `id_at` reads a record's id from its path. `None` when a change
/// is anything but a record changed in place or a new one (a removal, a move, a path that does
/// not match what was known): the caller then lists the directory.
fn apply_changes(
    mut blobs: Vec<(String, Oid)>,
    changes: Vec<(String, Option<Oid>, Option<Oid>)>,
    dir: &str,
    id_at: impl Fn(&str) -> Option<&str>,
) -> Option<Vec<(String, Oid)>> {
    for (path, before, after) in changes {
        let path = format!("{dir}/{path}");
        let Some(id) = id_at(&path) else { continue };
        let at = blobs.binary_search_by(|(known, _)| known.as_str().cmp(id));
        match (at, before, after) {
            // Changed in place: the file the old listing named.
            (Ok(n), Some(before), Some(after)) if blobs[n].1 == before => blobs[n].1 = after,
            // A new record.
            (Err(n), None, Some(after)) => blobs.insert(n, (id.to_string(), after)),
            _ => return None,
        }
    }
    Some(blobs)
}

#[cfg(test)]
mod tests;
