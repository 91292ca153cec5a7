//! Incidents read for their clocks: one at a time, each with its affected tenants borrowed from
//! the cache's bytes, so that `deadlines` over half a million affected tenants holds one
//! incident's list at a time and builds no map of them.

use anyhow::Result;

use super::Snapshot;
use super::codec::{self, Reader};
use super::file::{self, BodyWindow, State};
use crate::model::Incident;
use crate::model::clock_groups::{AffectedRef, affected_of};
use crate::store::Store;

/// What `each` made of every incident that reads, in id order, and a line for each file that
/// doesn't.
pub type ForClocks<T> = (Vec<T>, Vec<String>);

impl Store {
    /// Calls `each` with every incident of the commit in view that reads, its affected tenants
    /// in id order, and where it stands in id order (a number that only orders), on several
    /// threads at once. `each` may be called more than once for one incident (when the cache
    /// turns out damaged part way, it starts again from the files); only the last call's result
    /// is kept.
    pub fn incidents_for_clocks<T: Send>(
        &self,
        each: impl Fn(u32, &Incident, &[AffectedRef]) -> T + Sync,
    ) -> Result<ForClocks<T>> {
        let Some(snapshot) = self.snapshot(true)? else { return Ok((Vec::new(), Vec::new())) };
        if let Some(done) = self.stream(&snapshot, &each) {
            return Ok(done);
        }
        // A body went missing or does not match the index: read as every other reader does,
        // which rebuilds the cache.
        let loaded = self.load_incidents_cached()?;
        let made =
            loaded.incidents.iter().enumerate().map(|(n, i)| each(n as u32, i, &affected_of(i))).collect();
        Ok((made, loaded.unreadable))
    }

    /// The bodies in the order they lie in the file, read through a window of it, on every
    /// core (each reads its own stretch of the file); `None` when one is missing or damaged.
    fn stream<T: Send>(
        &self,
        snapshot: &Snapshot,
        each: &(impl Fn(u32, &Incident, &[AffectedRef]) -> T + Sync),
    ) -> Option<ForClocks<T>> {
        let entries = &snapshot.index.entries;
        let mut made: Vec<Option<T>> = entries.iter().map(|_| None).collect();
        let mut by_offset: Vec<(u64, usize)> = entries
            .iter()
            .enumerate()
            .filter_map(|(n, e)| match &e.state {
                State::Folded { body, .. } => Some((body.offset, n)),
                State::Unreadable => None,
            })
            .collect();
        by_offset.sort_unstable();
        // Bodies just built are in memory already; else the file is read a window at a time.
        let in_memory = snapshot.bodies.get().cloned().flatten();
        let in_memory: Option<&[u8]> = in_memory.as_deref().map(Vec::as_slice);
        let (git_dir, bodies_id) = (self.git.git_dir(), snapshot.index.bodies_id);
        let parts = crate::parallel::by_chunks(&by_offset, crate::parallel::cores(), |part| {
            let mut window = match in_memory {
                Some(_) => None,
                None => Some(BodyWindow::open(&git_dir, bodies_id)?),
            };
            let mut part_made = Vec::with_capacity(part.len());
            for &(_, n) in part {
                let State::Folded { body, .. } = &entries[n].state else { continue };
                let bytes = match (in_memory, &mut window) {
                    (Some(all), _) => file::body_in(all, *body)?,
                    (None, Some(window)) => window.body(*body)?,
                    (None, None) => return None,
                };
                let mut r = Reader::new(bytes);
                let (incident, lists) = codec::get_incident_but_tenants(&mut r).ok()?;
                let mut affected = Vec::new();
                lists.affected(&mut affected).ok()?;
                if !r.is_done() {
                    return None;
                }
                part_made.push((n, each(n as u32, &incident, &affected)));
            }
            Some(part_made)
        });
        for part in parts {
            for (n, result) in part? {
                made[n] = Some(result);
            }
        }
        let mut unreadable = Vec::new();
        for (n, entry) in entries.iter().enumerate() {
            if entry.state == State::Unreadable {
                let mut incidents = Vec::new();
                self.refold(&entry.id, entry.blob, &mut incidents, &mut unreadable);
                if let Some(incident) = incidents.first() {
                    made[n] = Some(each(n as u32, incident, &affected_of(incident)));
                }
            }
        }
        Some((made.into_iter().flatten().collect(), unreadable))
    }
}
