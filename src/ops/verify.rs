//! `sirt verify`: one pass over the store's history, oldest commit first, checking that the
//! record was only ever appended to, that each commit says what it did, that time moves forward,
//! that merges are unions, that every version parses, and (when the store requires it) that every
//! commit is signed by an allowed key. Each blob is read once; a version that only appended is
//! parsed from its new bytes alone.

mod checks;
mod events;
mod versions;

use std::path::Path;

use anyhow::Result;
use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;

use crate::error::UserError;
use crate::model::settings::{Settings, Signing};
use crate::store::{ALLOWED_SIGNERS_FILE, CommitFacts, History, Oid, SETTINGS_FILE, Store};

/// Where the last tip that verified clean is kept: in `.git/`, per clone, never committed.
const VERIFIED_FILE: &str = "sirt-verified";

/// Which check a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    AppendOnly,
    Consistency,
    Time,
    Merge,
    Parsing,
    OutsideSirt,
    Signature,
    Rewrite,
    /// An evidence bundle's own files.
    Bundle,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::AppendOnly => "append-only",
            Check::Consistency => "consistency",
            Check::Time => "time",
            Check::Merge => "merge",
            Check::Parsing => "parsing",
            Check::OutsideSirt => "outside-sirt",
            Check::Signature => "signature",
            Check::Rewrite => "rewrite",
            Check::Bundle => "bundle",
        }
    }
}

/// One thing the walk found, in words; `commit`, `file` and `event` say where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub check: Check,
    pub commit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    pub message: String,
}

/// What a verify run found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Verified {
    /// The commit the walk ended at.
    pub tip: Option<String>,
    /// The commit the walk started after (`--since`), if not the beginning.
    pub since: Option<String>,
    pub commits: usize,
    /// Commits that carry a signature, and how many of those were checked and good.
    pub signed: usize,
    pub signatures_good: usize,
    /// The store's signing setting at the tip.
    pub signing: String,
    pub findings: Vec<Finding>,
    /// Changes made outside sirt to settings, templates and other files: shown, not findings.
    pub information: Vec<Finding>,
    /// Checks that could not be made; the history cannot be called clean while any are here.
    pub incomplete: Vec<String>,
    /// Blobs read from the object database.
    pub blobs_read: usize,
}

impl Verified {
    pub fn clean(&self) -> bool {
        self.findings.is_empty() && self.incomplete.is_empty()
    }
}

/// Where a walk starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Since {
    /// From the first commit.
    All,
    /// After this revision.
    Rev(String),
    /// After the last tip this clone verified clean (the whole history if there is none).
    LastVerified,
}

/// Verifies the store's history and remembers the tip when it is clean (or when told to accept
/// a rewrite). `progress` hears how many commits of how many are checked.
pub fn verify_store(
    store: &Store,
    since: &Since,
    accept_rewrite: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Verified> {
    let history = store.history()?;
    let Some(tip) = history.tip()? else {
        return Err(UserError::new("the store has no history yet").into());
    };
    let remembered = read_verified(history.git_dir());
    let mut rewrite = None;
    if let Some((last, at)) = &remembered
        && !(history.has_commit(*last) && history.reaches(tip, *last))
    {
        rewrite = Some(Finding {
            check: Check::Rewrite,
            commit: last.to_string(),
            file: None,
            event: None,
            message: format!(
                "the history was rewritten: commit {} (verified on {}) is no longer in the history of main; \
                 a force push or an amended commit replaced it",
                short(*last),
                at.format("%Y-%m-%d %H:%MZ")
            ),
        });
    }
    let hide = match since {
        Since::All => None,
        Since::Rev(rev) => Some(history.resolve(rev).ok_or_else(|| {
            UserError::new(format!("'{rev}' names no commit of the store"))
                .hint("give a commit hash, a tag or HEAD~N; see them with: git log --oneline")
        })?),
        Since::LastVerified => remembered.filter(|_| rewrite.is_none()).map(|(oid, _)| oid),
    };
    let mut verified = walk_history(&history, tip, hide, progress)?;
    if let Some(finding) = rewrite {
        verified.findings.insert(0, finding);
    }
    if verified.clean() || accept_rewrite {
        let now = crate::clock::now()?;
        crate::store::write_atomic(
            &history.git_dir().join(VERIFIED_FILE),
            format!("{tip}\n{}\n", now.to_rfc3339()).as_bytes(),
        )?;
    }
    Ok(verified)
}

fn read_verified(git_dir: &Path) -> Option<(Oid, DateTime<Utc>)> {
    let text = std::fs::read_to_string(git_dir.join(VERIFIED_FILE)).ok()?;
    let mut lines = text.lines();
    let oid = Oid::from_str(lines.next()?.trim()).ok()?;
    let at = lines.next().and_then(|l| DateTime::parse_from_rfc3339(l.trim()).ok()).map(|t| t.to_utc());
    Some((oid, at.unwrap_or_default()))
}

/// Walks the commits reachable from `tip` and not from `hide`, parents first, and checks each.
/// Reading the commits and diffing their trees is spread over the cores; the checks, which carry
/// state from one commit to the next, run in order.
pub fn verify_history(history: &History, tip: Oid, hide: Option<Oid>) -> Result<Verified> {
    walk_history(history, tip, hide, &|_, _| {})
}

/// [`verify_history`], telling `progress` how many commits of how many are checked.
fn walk_history(
    history: &History,
    tip: Oid,
    hide: Option<Oid>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Verified> {
    let order = history.walk(tip, hide)?;
    let git_dir = history.git_dir().to_path_buf();
    let mut walk = checks::Walk::new(history);
    let mut verified = Verified {
        tip: Some(tip.to_string()),
        since: hide.map(|h| h.to_string()),
        commits: order.len(),
        ..Verified::default()
    };
    let mut checked = 0;
    // A window at a time, so that memory stays flat however long the history.
    for window in order.chunks(WINDOW) {
        let read =
            crate::parallel::by_chunks(window, crate::parallel::cores(), |part| -> Result<Vec<Read>> {
                let history = History::open(&git_dir)?;
                part.iter().map(|oid| read_commit(&history, *oid)).collect()
            });
        for chunk in read {
            for (commit, parents, changes) in chunk? {
                walk.signatures(&commit, &parents, &mut verified)?;
                walk.commit(&commit, &parents, changes, &mut verified)?;
                checked += 1;
                if checked % 64 == 0 || checked == order.len() {
                    progress(checked, order.len());
                }
            }
        }
    }
    verified.signing = match walk.signing_at(history.tree_of(tip)?)? {
        Signing::Off => "off",
        Signing::Sign => "sign",
        Signing::Require => "require",
    }
    .into();
    verified.blobs_read = walk.blobs_read();
    Ok(verified)
}

/// Commits read ahead of the checks at a time.
const WINDOW: usize = 8192;

/// A commit, its parents, and (with one parent or none) the files it changed.
type Read = (CommitFacts, Vec<checks::Parent>, Option<Vec<crate::store::Change>>);

fn read_commit(history: &History, oid: Oid) -> Result<Read> {
    let commit = history.commit(oid)?;
    let mut parents = Vec::with_capacity(commit.parents.len());
    for parent in &commit.parents {
        let (time, tree) = history.time_and_tree(*parent)?;
        parents.push((*parent, time, tree));
    }
    let changes = match parents.as_slice() {
        [] => Some(history.changes(None, Some(commit.tree))?),
        [(_, _, tree)] => Some(history.changes(Some(*tree), Some(commit.tree))?),
        _ => None,
    };
    Ok((commit, parents, changes))
}

/// `3f2a1b2c3d`.
pub fn short(oid: Oid) -> String {
    oid.to_string()[..10].to_string()
}

/// `commit 3f2a1b2c3d 'fix typo' by Mallory <m@example.com>`.
fn commit_words(commit: &CommitFacts) -> String {
    format!(
        "commit {} '{}' by {}",
        short(commit.id),
        crate::text::one_line(commit.subject(), 60),
        commit.author()
    )
}

fn time_words(seconds: i64) -> String {
    Utc.timestamp_opt(seconds, 0)
        .single()
        .map(|t| t.format("%Y-%m-%d %H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The signing setting of `sirt.toml` in a blob: `Off` when it does not read.
fn signing_of(bytes: &[u8]) -> Signing {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| toml::from_str::<Settings>(text).ok())
        .map(|s| s.signing)
        .unwrap_or_default()
}

/// Paths verify reads besides the incidents.
const SETTINGS: &str = SETTINGS_FILE;
const SIGNERS: &str = ALLOWED_SIGNERS_FILE;
