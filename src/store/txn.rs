//! The one way a store changes: a transaction.
//!
//! [`Store::begin`] takes the OS lock (the kernel releases it if the process dies), finishes any
//! change a crashed writer left half done, and moves every read to the branch's current tip. The
//! caller reads and decides, then [`Txn::commit`] refuses if a file it is about to write, move or
//! delete holds a hand edit (hand edits elsewhere are left alone), writes the objects, moves the
//! branch by compare-and-swap, and brings the checkout in line. A marker in `.git/` names the
//! files of a change from before the branch moves until the checkout is done; the next command
//! puts exactly those files back to what the branch says, so a crash at any instant leaves the
//! commit as the whole truth.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use super::git::{Author, ChangedPath, Oid, Part, Prepared};
use super::{Store, fsutil};
use crate::error::UserError;
use crate::model::actor::Actor;
use crate::model::settings::Signing;
use crate::text::name_some;

const LOCK_FILE: &str = "sirt.lock";
const PENDING_FILE: &str = "sirt-pending";

/// A commit message: a subject in words, an optional paragraph, and machine-readable trailers.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub subject: String,
    pub body: Option<String>,
    pub trailers: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(subject: impl Into<String>) -> Message {
        Message { subject: crate::text::one_line(&subject.into(), 120), body: None, trailers: Vec::new() }
    }

    pub fn body(mut self, body: Option<String>) -> Message {
        self.body = body;
        self
    }

    pub fn trailer(mut self, key: &'static str, value: impl Into<String>) -> Message {
        self.trailers.push((key, crate::text::one_line(&value.into(), 200)));
        self
    }

    pub fn text(&self) -> String {
        let mut message = format!("{}\n", self.subject);
        if let Some(body) = &self.body {
            message.push_str(&format!("\n{body}\n"));
        }
        if !self.trailers.is_empty() {
            message.push('\n');
            for (key, value) in &self.trailers {
                message.push_str(&format!("{key}: {value}\n"));
            }
        }
        message
    }
}

/// What a transaction recorded.
#[derive(Debug, Clone)]
pub struct Committed {
    pub hash: String,
    pub subject: String,
}

/// One change in the making. Reads through the store see the tip this transaction builds on.
pub struct Txn<'s> {
    store: &'s Store,
    _lock: File,
    /// Files put back to their committed state after an interrupted change.
    pub recovered: Vec<String>,
    base: Option<Oid>,
    files: BTreeMap<String, Option<Vec<u8>>>,
    /// Files moved as they are committed: from, to.
    moves: Vec<(String, String)>,
    /// Whether the commit refuses to overwrite a hand edit (not for `adopt`, which commits one).
    guarded: bool,
}

impl Store {
    /// Starts a change: refused when the store asks for a newer sirt. The hand-edit check comes
    /// at [`Txn::commit`], for the files the change writes: a scan of every file would cost a
    /// write time that grows with the store. So that nothing in the store is reachable by
    /// others even where `git checkout` left a file's mode loose, its top directory is made
    /// private here (one `stat`); full scans (`status`, `adopt`, `sync`, `upgrade`) also fix
    /// the files' own modes.
    pub fn begin(&self) -> Result<Txn<'_>> {
        self.check_writer_version()?;
        self.refuse_during_git_operation()?;
        fsutil::keep_root_private(&self.root);
        self.begin_unchecked().map(|txn| Txn { guarded: true, ..txn })
    }

    /// Starts a change that needs the whole working tree as committed (`upgrade`, `sync`):
    /// refused while any file of the store holds a hand edit.
    pub fn begin_clean(&self) -> Result<Txn<'_>> {
        let txn = self.begin()?;
        // Files `git checkout` wrote with the user's umask are made private on the way.
        self.refuse_hand_edits(self.git.worktree_changes(&super::records(), true)?)?;
        Ok(txn)
    }

    /// The refusal of a change that would overwrite `edits`, if there are any.
    fn refuse_hand_edits(&self, edits: Vec<String>) -> Result<()> {
        let Some(first) = edits.first() else { return Ok(()) };
        Err(UserError::new(format!(
            "the working tree differs from the store's last commit: {}; nothing was recorded",
            name_some(&edits)
        ))
        .hint(format!(
            "record a hand edit as its own change: sirt adopt {first}; or throw it away: git -C {} checkout -- {first}",
            self.root.display()
        ))
        .into())
    }

    /// Takes the lock and moves reads to the tip, without the hand-edit check (for `adopt`,
    /// which commits a hand edit, and `init`).
    pub fn begin_unchecked(&self) -> Result<Txn<'_>> {
        let lock = self.take_lock()?;
        let recovered = self.recover()?;
        let base = self.git.tip()?;
        self.view.set(base.map(|tip| self.git.tree_of(tip).map(|tree| (tip, tree))).transpose()?);
        Ok(Txn {
            store: self,
            _lock: lock,
            recovered,
            base,
            files: BTreeMap::new(),
            moves: Vec::new(),
            guarded: false,
        })
    }

    /// The lock, if nobody holds it (this process included, through another transaction).
    pub(super) fn try_lock(&self) -> Option<File> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.git.git_dir().join(LOCK_FILE))
            .ok()?;
        file.try_lock().ok()?;
        Some(file)
    }

    fn take_lock(&self) -> Result<File> {
        let path = self.git.git_dir().join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(file)
    }

    /// Finishes a change a crashed writer left: if a marker is there, take the lock and put the
    /// files it names back in line with the commit. Any command may call it; it is cheap when
    /// there is nothing to do.
    pub fn recover_if_interrupted(&self) -> Result<Vec<String>> {
        if !self.git.git_dir().join(PENDING_FILE).exists() {
            return Ok(Vec::new());
        }
        let _lock = self.take_lock()?;
        self.recover()
    }

    /// Under the lock: puts every file named by a leftover marker back to what the branch says,
    /// clears the git lock files a killed sirt held, and removes its temporary files.
    fn recover(&self) -> Result<Vec<String>> {
        let git_dir = self.git.git_dir();
        let marker = git_dir.join(PENDING_FILE);
        let Ok(text) = fs::read_to_string(&marker) else {
            return Ok(Vec::new());
        };
        // The marker is written before sirt takes any git lock and removed after it let go of
        // the last, so with the marker present these locks can only be a dead sirt's.
        for stale in ["index.lock", "refs/heads/main.lock", "HEAD.lock"] {
            let _ = fs::remove_file(git_dir.join(stale));
        }
        let paths: Vec<String> = text.lines().filter(|l| !l.is_empty()).map(String::from).collect();
        let tip = self.git.tip()?;
        let tree = tip.map(|tip| self.git.tree_of(tip)).transpose()?;
        let mut files = Vec::with_capacity(paths.len());
        let mut blobs = Vec::with_capacity(paths.len());
        for path in &paths {
            let blob = match tree {
                Some(tree) => self.git.entry_in(tree, path)?,
                None => None,
            };
            files.push((path.clone(), blob.map(|blob| self.git.blob(blob)).transpose()?));
            blobs.push((path.clone(), blob));
        }
        let mut dirs: Vec<std::path::PathBuf> =
            files.iter().filter_map(|(p, _)| self.root.join(p).parent().map(|d| d.to_path_buf())).collect();
        dirs.sort();
        dirs.dedup();
        dirs.push(git_dir.clone());
        for dir in &dirs {
            fsutil::remove_leftovers(dir);
        }
        fsutil::replace_files(&self.root, &files)?;
        // What the index held before the crash is unknown: it is hashed to find out.
        self.git.refresh_index(&blobs, None, tree)?;
        fs::remove_file(&marker)?;
        Ok(paths)
    }

    /// Refuses when the store asks for a newer sirt than this one.
    pub(crate) fn check_writer_version(&self) -> Result<()> {
        let Some(oldest) = self.settings.min_writer_version.as_deref() else { return Ok(()) };
        let mine = env!("CARGO_PKG_VERSION");
        if version_parts(mine) < version_parts(oldest) {
            return Err(UserError::new(format!(
                "this store is written by sirt {oldest} or newer, and this is sirt {mine}; nothing was recorded"
            ))
            .hint("upgrade sirt; reading commands still work with this version")
            .into());
        }
        Ok(())
    }
}

impl Store {
    /// A git lock file held outside sirt (a `git` command running in the store) explains why
    /// the branch or the index could not be updated: say which, instead of a bare git error.
    fn explain_git_lock(&self) -> Option<anyhow::Error> {
        let git_dir = self.git.git_dir();
        let held =
            ["refs/heads/main.lock", "index.lock"].into_iter().find(|name| git_dir.join(name).exists())?;
        Some(
            UserError::new(format!(
                "git is working in this store ({} exists); nothing was recorded",
                git_dir.join(held).display()
            ))
            .hint(format!(
                "wait for that git command to finish and run this again; if no git is running, remove the file: rm {}",
                git_dir.join(held).display()
            ))
            .into(),
        )
    }
}

/// Test builds only: `SIRT_FAILPOINT=after-commit|after-ref|after-worktree|after-index`
/// kills the process at that step of a commit, as a crash would, so tests can prove recovery
/// from each one. Release builds have no failpoints.
fn failpoint(step: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("SIRT_FAILPOINT").is_ok_and(|wanted| wanted == step) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

/// `1.2.3` as numbers, for comparing versions.
fn version_parts(version: &str) -> Vec<u64> {
    version.split('.').map(|part| part.trim().parse().unwrap_or(0)).collect()
}

impl Txn<'_> {
    /// The file as this change leaves it: written in this change, else as committed.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>> {
        match self.files.get(path) {
            Some(content) => Ok(content.clone()),
            None => self.store.read_file(path),
        }
    }

    pub fn write(&mut self, path: impl Into<String>, content: Vec<u8>) {
        self.files.insert(path.into(), Some(content));
    }

    pub fn remove(&mut self, path: impl Into<String>) {
        self.files.insert(path.into(), None);
    }

    /// Moves a committed file, its bytes unchanged: the commit reuses its blob, and the checkout
    /// renames the file instead of writing it again.
    pub fn rename(&mut self, from: impl Into<String>, to: impl Into<String>) {
        self.moves.push((from.into(), to.into()));
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// Files put back after an interrupted change, for a warning.
    pub fn recovered(&self) -> &[String] {
        &self.recovered
    }

    /// Records the change as one commit by `author` at `at`. Files written with the content
    /// they already had are left out; a change that leaves every file as it was makes no commit
    /// and returns `None`.
    pub fn commit(self, message: &Message, author: &Actor, at: DateTime<Utc>) -> Result<Option<Committed>> {
        let store = self.store;
        let mut files = Vec::with_capacity(self.files.len());
        for (path, content) in self.files {
            if store.read_file(&path)? != content {
                files.push((path, content));
            }
        }
        let mut moved: Vec<ChangedPath> = Vec::with_capacity(self.moves.len() * 2);
        for (from, to) in &self.moves {
            let tree = store.tree().context("nothing is committed to move")?;
            let blob = store.git.entry_in(tree, from)?.with_context(|| format!("{from} is not committed"))?;
            moved.push((from.clone(), None));
            moved.push((to.clone(), Some(blob)));
        }
        if files.is_empty() && moved.is_empty() {
            return Ok(None);
        }
        if self.guarded {
            // Under the lock, against the tip this change builds on: only the files it touches.
            let paths: Vec<&str> = files
                .iter()
                .map(|(path, _)| path.as_str())
                .chain(moved.iter().map(|(path, _)| path.as_str()))
                .collect();
            let touched: Vec<Part> = paths.iter().map(|path| Part::File(path)).collect();
            store.git.load_index()?;
            store.refuse_hand_edits(store.git.worktree_changes(&touched, false)?)?;
            store.git.hash_index_ahead(&paths);
        }
        let from = self.base.map(|base| store.git.tree_of(base)).transpose()?;
        let text = message.text();
        let who = Author { name: &author.name, email: &author.email };
        let sign = store.settings.signing != Signing::Off;
        let mut paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
        paths.extend(moved.iter().map(|(p, _)| p.clone()));
        let marker = store.git.git_dir().join(PENDING_FILE);
        // The marker goes to disk while the objects do: both must be there before the branch
        // moves, and neither needs the other. A marker left without a moved branch is what a
        // crash after it has always left, and the next command clears it.
        let (prepared, marked) = std::thread::scope(|scope| {
            let marking = scope.spawn(|| fsutil::write_atomic(&marker, paths.join("\n").as_bytes()));
            let prepared = store.git.prepare(self.base, &files, &moved, &who, at, &text, sign);
            (prepared, marking.join().unwrap_or_else(|_| Err(anyhow::anyhow!("writing the marker failed"))))
        });
        let prepared = match (prepared, marked) {
            (Ok(prepared), Ok(())) => prepared,
            (Err(e), _) | (_, Err(e)) => {
                let _ = fs::remove_file(&marker);
                return Err(e);
            }
        };
        failpoint("after-commit");
        if let Err(e) = store.git.advance(&prepared, &message.subject) {
            fs::remove_file(&marker)?;
            return Err(store.explain_git_lock().unwrap_or(e));
        }
        failpoint("after-ref");
        let unflushed = fsutil::write_files(&store.root, &files)?;
        fsutil::move_files(&store.root, &self.moves)?;
        failpoint("after-worktree");
        let mut written = prepared.blobs.clone();
        written.extend(moved.iter().cloned());
        let to = store.git.tree_of(prepared.commit)?;
        // The disk catches up with the files while the index is brought in line; the marker goes
        // only once both are done.
        let (flushed, indexed) = std::thread::scope(|scope| {
            let flushing = scope.spawn(move || unflushed.flush());
            let indexed = store.git.refresh_index(&written, from, Some(to));
            (
                flushing.join().unwrap_or_else(|_| Err(anyhow::anyhow!("flushing the files to disk failed"))),
                indexed,
            )
        });
        indexed.map_err(|e| store.explain_git_lock().unwrap_or(e))?;
        flushed.context("cannot flush the changed files to disk")?;
        fs::remove_file(&marker)?;
        failpoint("after-index");
        store.view.set(Some((prepared.commit, to)));
        store.git.maintain(&store.root);
        Ok(Some(Committed { hash: prepared.commit.to_string(), subject: message.subject.clone() }))
    }
}

/// Merges and fast-forwards, for `sirt sync`: the same marker, compare-and-swap and checkout
/// refresh as [`Txn::commit`], so a kill at any instant leaves the branch as the whole truth.
impl Txn<'_> {
    /// The commit this change builds on.
    pub fn base(&self) -> Option<Oid> {
        self.base
    }

    /// Records a two-parent merge commit: the branch's tip (first parent) and `theirs`, with the
    /// tip's tree changed by `changes` (path and blob, `None` to delete).
    pub fn commit_merge(
        self,
        theirs: Oid,
        changes: &[ChangedPath],
        message: &Message,
        author: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Committed> {
        let ours = self.base.context("a merge needs a commit on the branch")?;
        let who = Author { name: &author.name, email: &author.email };
        let prepared = self.store.git.prepare_merge(ours, theirs, changes, &who, at, &message.text())?;
        self.move_branch(prepared, changes, &message.subject)
    }

    /// Moves the branch from its tip to `theirs`, a descendant, changing `changes` in the checkout.
    pub fn fast_forward(
        self,
        theirs: Oid,
        changes: &[ChangedPath],
        author: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Committed> {
        let ours = self.base.context("a fast-forward needs a commit on the branch")?;
        let who = Author { name: &author.name, email: &author.email };
        let prepared = self.store.git.fast_forward(ours, theirs, &who, at);
        self.move_branch(prepared, changes, "fast-forward to the remote")
    }

    fn move_branch(self, prepared: Prepared, changes: &[ChangedPath], subject: &str) -> Result<Committed> {
        let store = self.store;
        let mut files = Vec::with_capacity(changes.len());
        for (path, blob) in changes {
            files.push((path.clone(), blob.map(|b| store.git.blob(b)).transpose()?));
        }
        let paths: Vec<String> = changes.iter().map(|(p, _)| p.clone()).collect();
        let marker = store.git.git_dir().join(PENDING_FILE);
        fsutil::write_atomic(&marker, paths.join("\n").as_bytes())?;
        if let Err(e) = store.git.advance(&prepared, subject) {
            fs::remove_file(&marker)?;
            return Err(e);
        }
        fsutil::replace_files(&store.root, &files)?;
        let from = self.base.map(|base| store.git.tree_of(base)).transpose()?;
        let to = store.git.tree_of(prepared.commit)?;
        store.git.refresh_index(changes, from, Some(to))?;
        fs::remove_file(&marker)?;
        store.view.set(Some((prepared.commit, to)));
        store.git.maintain(&store.root);
        Ok(Committed { hash: prepared.commit.to_string(), subject: subject.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_subject_body_and_trailers() {
        let message = Message::new("INC-1: confirmed")
            .body(Some("Happened earlier.".into()))
            .trailer("Sirt-Incident", "INC-1");
        assert_eq!(message.text(), "INC-1: confirmed\n\nHappened earlier.\n\nSirt-Incident: INC-1\n");
    }

    #[test]
    fn versions_compare_by_number() {
        assert!(version_parts("0.10.0") > version_parts("0.9.1"));
        assert!(version_parts("0.2.0") >= version_parts("0.2"));
    }
}
