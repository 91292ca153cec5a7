//! What the clocks need of each tenant, kept in `.git/sirt-cache/tenants.idx` for the `tenants/`
//! tree it was read from: a report over half a million affected tenants then reads one small file
//! instead of parsing ten thousand tenant files. Keyed by tree and, per tenant, by blob, so it
//! cannot go stale: after a change only the tenant files whose blob changed are parsed again.
//! A file that is missing, damaged or from another sirt is rebuilt without a word, and writing
//! it never makes a command fail.

use std::collections::HashMap;
use std::fs;

use anyhow::Result;

use super::codec::{Corrupt, Decoded, Reader, Writer, checksum};
use super::file;
use crate::store::layout::tenant_at;
use crate::store::{Oid, Store, TENANTS_DIR};

const FILE: &str = "tenants.idx";

/// A tenant's contractual limit (as written) and regimes: all its clocks depend on.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockTerms {
    pub notify_within: Option<String>,
    pub regimes: Vec<String>,
}

/// Every tenant file of the commit in view, by id, with its terms; `None` for a file that does
/// not read (its error is made afresh from the file when shown, as it names the store's path).
pub type TenantTerms = Vec<(String, Option<ClockTerms>)>;

/// The file as read: the `tenants/` tree it describes, and per tenant its blob and terms.
struct Cached {
    tree: Option<Oid>,
    entries: Vec<(String, Oid, Option<ClockTerms>)>,
}

fn encode(cached: &Cached) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(file::header("tenants").as_bytes());
    w.opt(&cached.tree, |w, t| w.raw(t.as_bytes()));
    w.len(cached.entries.len());
    for (id, blob, terms) in &cached.entries {
        w.str(id);
        w.raw(blob.as_bytes());
        w.opt(terms, |w, t| {
            w.opt_str(&t.notify_within);
            w.strs(&t.regimes);
        });
    }
    let sum = checksum(&w.bytes);
    w.u64(sum);
    w.bytes
}

fn decode(bytes: &[u8]) -> Decoded<Cached> {
    let mut r = file::checked(bytes, "tenants")?;
    let oid = |r: &mut Reader| Oid::from_bytes(r.take(20)?).map_err(|_| Corrupt);
    let tree = r.opt(oid)?;
    let entries = r.seq(|r| {
        let id = r.str()?;
        let blob = oid(r)?;
        let terms = r.opt(|r| Ok(ClockTerms { notify_within: r.opt_str()?, regimes: r.strs()? }))?;
        Ok((id, blob, terms))
    })?;
    if !r.is_done() || entries.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
        return Err(Corrupt);
    }
    Ok(Cached { tree, entries })
}

impl Store {
    /// Every tenant of the commit in view with what its clocks depend on, in id order: from the
    /// cache when it holds this commit's `tenants/` tree, else read and then cached.
    pub fn tenant_terms(&self) -> Result<TenantTerms> {
        let Some(tree) = self.tree() else { return Ok(Vec::new()) };
        let dir_tree = self.git.entry_id(tree, TENANTS_DIR)?;
        let git_dir = self.git.git_dir();
        let path = file::dir(&git_dir).join(FILE);
        let old = fs::read(&path).ok().and_then(|bytes| decode(&bytes).ok());
        if let Some(old) = old.as_ref().filter(|c| c.tree == dir_tree) {
            return Ok(old.entries.iter().map(|(id, _, terms)| (id.clone(), terms.clone())).collect());
        }
        let fresh = Cached { tree: dir_tree, entries: self.read_tenant_terms(old)? };
        file::write_one(&git_dir, FILE, &encode(&fresh));
        Ok(fresh.entries.into_iter().map(|(id, _, terms)| (id, terms)).collect())
    }

    /// Lists `tenants/` (or, from `old`, only what changed since its tree) and reads the terms
    /// of every tenant, reusing from `old` those whose blob it holds.
    fn read_tenant_terms(&self, old: Option<Cached>) -> Result<Vec<(String, Oid, Option<ClockTerms>)>> {
        let Some(tree) = self.tree() else { return Ok(Vec::new()) };
        let by_diff = old.as_ref().and_then(|old| self.tenant_blobs_by_diff(old, tree));
        let (listed, twice) = match by_diff {
            Some(listed) => (listed, Vec::new()),
            None => {
                let mut listed: Vec<(String, Oid)> = self
                    .git
                    .files_under(tree, TENANTS_DIR)?
                    .into_iter()
                    .filter_map(|(path, blob)| {
                        Some((tenant_at(&format!("{TENANTS_DIR}/{path}"))?.to_string(), blob))
                    })
                    .collect();
                listed.sort_by(|a, b| a.0.cmp(&b.0));
                // One id in both layouts (a hand edit across an upgrade): the store decides which
                // file counts, so such a tenant is read as any command reads it, and recorded
                // with no blob, so that a change to either file lists the directory again.
                let twice: Vec<String> = listed
                    .windows(2)
                    .filter(|pair| pair[0].0 == pair[1].0)
                    .map(|pair| pair[0].0.clone())
                    .collect();
                listed.dedup_by(|a, b| a.0 == b.0);
                (listed, twice)
            }
        };
        let mut known: HashMap<(String, Oid), Option<ClockTerms>> = HashMap::new();
        for (id, blob, terms) in old.map(|o| o.entries).unwrap_or_default() {
            known.insert((id, blob), terms);
        }
        let mut entries = Vec::with_capacity(listed.len());
        for (id, blob) in listed {
            let ambiguous = twice.contains(&id);
            let terms = match known.remove(&(id.clone(), blob)).filter(|_| !ambiguous) {
                Some(terms) => terms,
                None => {
                    let read = if ambiguous {
                        self.read_tenant(&id)
                    } else {
                        self.git.blob(blob).and_then(|bytes| self.parse_tenant(&id, bytes))
                    };
                    match read {
                        Ok(t) => Some(ClockTerms { notify_within: t.notify_within, regimes: t.regimes }),
                        // A file whose name no command reads as a tenant is not in the directory.
                        Err(_) if !self.tenant_exists(&id) => continue,
                        Err(_) => None,
                    }
                }
            };
            let blob = if ambiguous { Oid::zero() } else { blob };
            entries.push((id, blob, terms));
        }
        Ok(entries)
    }

    /// The tenant files of `tree` from those `old` lists and the files changed since its tree;
    /// `None` when in doubt (a file removed, one id in two places): then list them all.
    fn tenant_blobs_by_diff(&self, old: &Cached, tree: Oid) -> Option<Vec<(String, Oid)>> {
        let now = self.git.entry_id(tree, TENANTS_DIR).ok()??;
        let changes = self.git.changed_files(old.tree?, now).ok()??;
        let blobs = old.entries.iter().map(|(id, blob, _)| (id.clone(), *blob)).collect();
        super::apply_changes(blobs, changes, TENANTS_DIR, tenant_at)
    }
}
