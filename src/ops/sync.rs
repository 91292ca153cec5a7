//! Team use: a store shared through a git remote. `sync` fetches, merges under the store's lock
//! and pushes without force, retrying when someone pushed first; `status` says where this clone
//! stands; `clone` joins a team's store; `after_write` is the optional quick sync after a change.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Recorder;
use super::merge::{self, FIELD_RULE, Report};
use crate::error::UserError;
use crate::store::remote::{self, Fetched, Oid, Pushed, SyncState};
use crate::store::{Message, Store};
use crate::text::name_some;

/// How long a sync may wait for the remote.
pub const TIMEOUT: Duration = Duration::from_secs(120);
/// How long the quick sync after a write may take before it gives up for this time.
pub const QUICK_TIMEOUT: Duration = Duration::from_secs(4);
/// Pushes tried before giving up when others keep pushing first.
pub const PUSH_ATTEMPTS: u32 = 5;

pub struct SyncOptions {
    pub timeout: Duration,
    /// No prompts, one attempt: the sync after a write.
    pub quick: bool,
}

/// What a sync did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Synced {
    /// What came in, summed over every round.
    pub report: Report,
    /// Merge commits made.
    pub merges: Vec<String>,
    pub fast_forwarded: bool,
    /// Local commits that went out.
    pub pushed: usize,
    /// The remote had no branch yet; this push created it.
    pub first_push: bool,
    /// Pushes refused because someone else pushed first.
    pub retries: u32,
}

/// Where a sync is, for a progress display: each step may wait on the network or the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Fetching,
    Merging,
    Pushing,
}

/// Fetch, merge, push; again when someone pushed in between, a few times with jitter.
/// `progress` hears each step as it starts.
pub fn sync(rec: &Recorder, options: &SyncOptions, progress: &dyn Fn(Step)) -> Result<Synced> {
    let store = rec.store;
    let mut synced = Synced::default();
    let attempts = if options.quick { 1 } else { PUSH_ATTEMPTS };
    for attempt in 1..=attempts {
        progress(Step::Fetching);
        let fetched = store.fetch(options.timeout, options.quick)?;
        let remote_tip = match fetched {
            Fetched::Tip(tip) => Some(tip),
            Fetched::Empty => None,
        };
        if let Some(theirs) = remote_tip {
            integrate(rec, theirs, &mut synced, progress)?;
        }
        let Some(local) = store.branch_tip()? else { return Ok(synced) };
        let to_push = match remote_tip {
            Some(theirs) => store.ahead_behind(local, theirs)?.0,
            None => store.commits_on_branch()?,
        };
        if to_push == 0 {
            finish(store, rec.now)?;
            return Ok(synced);
        }
        progress(Step::Pushing);
        match store.push(options.timeout, options.quick)? {
            Pushed::Done => {
                synced.pushed = to_push;
                synced.first_push = remote_tip.is_none();
                finish(store, rec.now)?;
                return Ok(synced);
            }
            Pushed::Behind => {
                synced.retries += 1;
                if attempt < attempts {
                    // Jitter, so that clones racing each other do not collide again in step.
                    let wait = 50 * u64::from(attempt) + crate::clock::random_u64() % 200;
                    std::thread::sleep(Duration::from_millis(wait));
                }
            }
        }
    }
    Err(UserError::new(format!(
        "others kept pushing to {} first; gave up after {attempts} attempts",
        remote::REMOTE
    ))
    .hint("your changes are committed here; run sirt sync again in a moment (sirt status shows what waits to be pushed)")
    .into())
}

fn finish(store: &Store, now: DateTime<Utc>) -> Result<()> {
    store.save_sync_state(&SyncState { last_sync: Some(now), offline_since: None })
}

/// Under the store's lock: brings the remote's commit `theirs` into the branch, by fast-forward
/// or by a merge commit when both sides have changes of their own.
fn integrate(rec: &Recorder, theirs: Oid, synced: &mut Synced, progress: &dyn Fn(Step)) -> Result<()> {
    let store = rec.store;
    // Nothing new there: no lock, no scan of the working tree.
    if let Some(tip) = store.branch_tip()?
        && (tip == theirs || store.merge_base(tip, theirs)? == Some(theirs))
    {
        return Ok(());
    }
    // A merge may touch any file: the whole working tree must be as committed.
    let txn = store.begin_clean()?;
    let Some(ours) = txn.base() else {
        return Err(UserError::new("this store's branch has no commit to merge into")
            .hint("clone the team's store instead: sirt clone URL DIR")
            .into());
    };
    if ours == theirs {
        return Ok(());
    }
    let base = store.merge_base(ours, theirs)?;
    if base == Some(theirs) {
        return Ok(()); // Nothing new there; ours already contains it.
    }
    progress(Step::Merging);
    let plan = merge::plan(store, base, ours, theirs)?;
    absorb(&mut synced.report, plan.report.clone());
    if base == Some(ours) {
        txn.fast_forward(theirs, &plan.changes, &rec.actor, rec.now)?;
        synced.fast_forwarded = true;
        return Ok(());
    }
    let message = merge_message(&plan.report, theirs);
    let committed = txn.commit_merge(theirs, &plan.changes, &message, &rec.actor, rec.now)?;
    synced.merges.push(committed.hash);
    Ok(())
}

fn absorb(total: &mut Report, round: Report) {
    total.new_incidents.extend(round.new_incidents);
    for (id, n) in round.events_in {
        *total.events_in.entry(id).or_default() += n;
    }
    total.tenants.extend(round.tenants);
    total.tenants.sort();
    total.tenants.dedup();
    total.other_files.extend(round.other_files);
    total.settled.extend(round.settled);
    total.renamed.extend(round.renamed);
    total.attention.extend(round.attention);
}

/// The merge commit's message: what came in, in words, and trailers for tools and `history`.
pub fn merge_message(report: &Report, theirs: Oid) -> Message {
    let mut lines = Vec::new();
    if !report.new_incidents.is_empty() {
        lines.push(format!("New incidents: {}.", report.new_incidents.join(", ")));
    }
    for (id, n) in &report.events_in {
        lines.push(format!("{id}: {n} event(s) came in."));
    }
    if !report.tenants.is_empty() {
        lines.push(format!("Tenants changed: {}.", report.tenants.join(", ")));
    }
    for file in &report.other_files {
        lines.push(format!("{file} changed."));
    }
    for s in &report.settled {
        lines.push(format!(
            "{} {}: changed on both sides; {FIELD_RULE}: kept {}, over {}.",
            s.file, s.field, s.kept, s.lost
        ));
    }
    for r in &report.renamed {
        lines.push(format!(
            "{} renamed to {} (two clones gave the id to different incidents): {}.",
            r.from, r.to, r.title
        ));
    }
    for a in &report.attention {
        lines.push(format!("Needs attention: {}: {} ({}).", a.incident, a.what, a.settle));
    }
    let mut message = Message::new(format!("sync: merged {} from {}", summary(report), remote::REMOTE))
        .body((!lines.is_empty()).then(|| lines.join("\n")))
        .trailer("Sirt-Action", "merge")
        .trailer("Sirt-Merged", theirs.to_string());
    if !report.settled.is_empty() {
        message = message.trailer("Sirt-Rule", FIELD_RULE);
    }
    for id in report.events_in.keys() {
        message = message.trailer("Sirt-Incident", id.clone());
    }
    for r in &report.renamed {
        message = message.trailer("Sirt-Renamed", format!("{} -> {}", r.from, r.to));
    }
    message
}

/// "3 new incidents, 12 events in 5 incidents, 1 tenant" — or "nothing".
pub fn summary(report: &Report) -> String {
    let mut parts = Vec::new();
    if !report.new_incidents.is_empty() {
        parts.push(plural(report.new_incidents.len(), "new incident", "new incidents"));
    }
    if !report.events_in.is_empty() {
        parts.push(format!(
            "{} in {}",
            plural(report.events_total(), "event", "events"),
            plural(report.events_in.len(), "incident", "incidents")
        ));
    }
    if !report.tenants.is_empty() {
        parts.push(plural(report.tenants.len(), "tenant changed", "tenants changed"));
    }
    if !report.other_files.is_empty() {
        parts.push(name_some(&report.other_files));
    }
    if parts.is_empty() { "no changes".into() } else { parts.join(", ") }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Where this clone stands with its remote.
#[derive(Debug, serde::Serialize)]
pub struct Status {
    pub remote: Option<String>,
    pub url: Option<String>,
    /// Commits here that the remote does not have yet.
    pub to_push: usize,
    /// Commits on the remote, as of the last fetch, not merged here yet.
    pub to_merge: usize,
    /// Whether the remote was ever fetched (a new remote may be empty).
    pub fetched: bool,
    pub last_sync: Option<DateTime<Utc>>,
    /// Since when the quick sync after a write found the remote unreachable.
    pub offline_since: Option<DateTime<Utc>>,
    pub clean: bool,
    pub hand_edits: Vec<String>,
    /// A plain git operation left half done, in words.
    pub git_operation: Option<String>,
    pub sync_after_write: bool,
}

pub fn status(store: &Store) -> Result<Status> {
    let url = store.remote_url();
    let local = store.branch_tip()?;
    let remote_tip = store.remote_tip()?;
    let (to_push, to_merge) = match (local, remote_tip) {
        (Some(local), Some(remote)) => store.ahead_behind(local, remote)?,
        (Some(_), None) if url.is_some() => (store.commits_on_branch()?, 0),
        _ => (0, 0),
    };
    let hand_edits = store.hand_edits()?;
    let git_operation = store.git_operation().map(|op| op.describe().0.to_string());
    let state = store.sync_state();
    Ok(Status {
        remote: url.as_ref().map(|_| remote::REMOTE.to_string()),
        url,
        to_push,
        to_merge,
        fetched: remote_tip.is_some(),
        last_sync: state.last_sync,
        offline_since: state.offline_since,
        clean: hand_edits.is_empty() && git_operation.is_none(),
        hand_edits,
        git_operation,
        sync_after_write: store.settings.sync_after_write,
    })
}

/// What the quick sync after a write did, for one line of output at most.
pub enum AfterWrite {
    /// The setting is off, or there is no remote.
    Off,
    Synced(Synced),
    /// The remote did not answer; `first` is true the first time in a row, when it is said.
    Offline {
        first: bool,
        to_push: usize,
    },
    /// Something else stopped it (a conflict to settle, a refused push); said every time.
    Failed(anyhow::Error),
}

/// After a change: when the store asks for it, a quick sync that never fails the change.
pub fn after_write(rec: &Recorder) -> AfterWrite {
    let store = rec.store;
    if !store.settings.sync_after_write || store.remote_url().is_none() {
        return AfterWrite::Off;
    }
    let options = SyncOptions { timeout: QUICK_TIMEOUT, quick: true };
    match sync(rec, &options, &|_| {}) {
        Ok(synced) => AfterWrite::Synced(synced),
        Err(error) if is_unreachable(&error) => {
            let mut state = store.sync_state();
            let first = state.offline_since.is_none();
            if first {
                state.offline_since = Some(rec.now);
                let _ = store.save_sync_state(&state);
            }
            let to_push = status(store).map(|s| s.to_push).unwrap_or(0);
            AfterWrite::Offline { first, to_push }
        }
        Err(error) => AfterWrite::Failed(error),
    }
}

fn is_unreachable(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<UserError>()
            .is_some_and(|u| u.message.starts_with("cannot fetch") || u.message.starts_with("cannot push"))
    })
}

/// Joins a team's store: clones `url` into `dir` through git and checks that the result is a
/// store this sirt can write to. A clone that is not one is removed again.
pub fn clone(url: &str, dir: &Path) -> Result<Store> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut e| e.next().is_some()).unwrap_or(true) {
        return Err(UserError::new(format!("{} exists and is not empty", dir.display()))
            .hint("name a new directory: sirt clone URL DIR")
            .into());
    }
    remote::clone(url, dir, TIMEOUT)?;
    let checked = (|| {
        if !crate::store::is_store(dir) {
            return Err(UserError::new(format!("{url} does not hold a sirt store"))
                .hint("an empty remote waits for a store: in an existing store run git remote add origin URL, then sirt sync")
                .into());
        }
        let store = Store::open(dir)?;
        store.check_writer_version()?;
        Ok(store)
    })();
    if checked.is_err() {
        let _ = std::fs::remove_dir_all(dir);
    }
    checked
}
