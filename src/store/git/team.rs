//! The local parts of team use, through libgit2: merge bases, two-parent commits,
//! remote-tracking refs, and the state a plain git command may have left.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use git2::{ErrorCode, Signature, Time};

use super::{Author, Git, MAIN_BRANCH, Oid, PathChange, Prepared};

/// What a half-done plain git operation in the store is, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitOperation {
    Merge,
    Rebase,
    CherryPick,
    Revert,
    Bisect,
    Am,
    /// `HEAD` does not point at the branch (a checkout of another commit or branch).
    Detached,
}

/// One path whose blob differs between two trees; `None` when it is absent from the newer one.
pub type ChangedPath = (String, Option<Oid>);

/// The local parts of team use: merge bases, two-parent commits, remote-tracking refs, and the
/// state a plain git command may have left. Network goes through the user's `git` elsewhere.
impl Git {
    /// The commit `refname` points at (`refs/heads/main`, `refs/remotes/origin/main`), if any.
    pub fn branch_tip(&self, refname: &str) -> Result<Option<Oid>> {
        match self.repo.find_reference(refname) {
            Ok(reference) => Ok(Some(reference.peel_to_commit()?.id())),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub fn merge_base(&self, a: Oid, b: Oid) -> Result<Option<Oid>> {
        match self.repo.merge_base(a, b) {
            Ok(base) => Ok(Some(base)),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Commits in `local` and not in `upstream`, and the other way round.
    pub fn ahead_behind(&self, local: Oid, upstream: Oid) -> Result<(usize, usize)> {
        Ok(self.repo.graph_ahead_behind(local, upstream)?)
    }

    /// Paths whose blob differs from tree `from` (or from nothing) to tree `to`, with their blob
    /// in `to`. Compares tree ids first, so unchanged directories cost nothing.
    pub fn changed_paths(&self, from: Option<Oid>, to: Oid) -> Result<Vec<ChangedPath>> {
        let from = from.map(|t| self.repo.find_tree(t)).transpose()?;
        let to = self.repo.find_tree(to)?;
        let mut options = git2::DiffOptions::new();
        options.skip_binary_check(true).include_typechange(true);
        let diff = self.repo.diff_tree_to_tree(from.as_ref(), Some(&to), Some(&mut options))?;
        let mut changed = Vec::with_capacity(diff.deltas().len());
        for delta in diff.deltas() {
            let new = delta.new_file();
            let Some(path) = new.path().or_else(|| delta.old_file().path()) else { continue };
            let blob = (delta.status() != git2::Delta::Deleted).then(|| new.id());
            changed.push((path.to_string_lossy().into_owned(), blob));
        }
        Ok(changed)
    }

    pub fn write_blob(&self, content: &[u8]) -> Result<Oid> {
        Ok(self.repo.blob(content)?)
    }

    /// Writes a merge commit of `ours` (first parent) and `theirs` whose tree is `ours`' with
    /// `changes` applied, without moving any branch.
    pub fn prepare_merge(
        &self,
        ours: Oid,
        theirs: Oid,
        changes: &[ChangedPath],
        author: &Author,
        when: DateTime<Utc>,
        message: &str,
    ) -> Result<Prepared> {
        let first = self.repo.find_commit(ours)?;
        let second = self.repo.find_commit(theirs)?;
        let split: Vec<PathChange> =
            changes.iter().map(|(path, blob)| (path.split('/').collect(), *blob)).collect();
        let tree = self.repo.find_tree(self.write_tree(Some(first.tree()?), &split)?)?;
        let time = Time::new(when.timestamp(), 0);
        let signature = Signature::new(author.name, author.email, &time)
            .with_context(|| format!("'{} <{}>' is not a usable git identity", author.name, author.email))?;
        let commit = self.repo.commit(None, &signature, &signature, message, &tree, &[&first, &second])?;
        Ok(Prepared { commit, parent: Some(ours), blobs: Vec::new(), by: Prepared::by(author, when) })
    }

    /// Moving the branch from `ours` straight to `theirs`, which already contains it, by
    /// `author` at `when`.
    pub fn fast_forward(&self, ours: Oid, theirs: Oid, author: &Author, when: DateTime<Utc>) -> Prepared {
        Prepared { commit: theirs, parent: Some(ours), blobs: Vec::new(), by: Prepared::by(author, when) }
    }

    /// A plain `git merge`, `pull`, `rebase`, … left half done in the store, if any.
    pub fn operation_in_progress(&self) -> Option<GitOperation> {
        use git2::RepositoryState as S;
        match self.repo.state() {
            S::Clean => {}
            S::Merge => return Some(GitOperation::Merge),
            S::Revert | S::RevertSequence => return Some(GitOperation::Revert),
            S::CherryPick | S::CherryPickSequence => return Some(GitOperation::CherryPick),
            S::Bisect => return Some(GitOperation::Bisect),
            S::ApplyMailbox => return Some(GitOperation::Am),
            S::Rebase | S::RebaseInteractive | S::RebaseMerge | S::ApplyMailboxOrRebase => {
                return Some(GitOperation::Rebase);
            }
        }
        match self.repo.find_reference("HEAD").ok()?.symbolic_target() {
            Some(MAIN_BRANCH) => None,
            _ => Some(GitOperation::Detached),
        }
    }

    /// The URL of remote `name`, if it is configured.
    pub fn remote_url(&self, name: &str) -> Option<String> {
        self.repo.find_remote(name).ok()?.url().map(String::from)
    }

    /// How many commits `tip` reaches.
    pub fn count_commits(&self, tip: Oid) -> Result<usize> {
        let mut walk = self.repo.revwalk()?;
        walk.push(tip)?;
        Ok(walk.count())
    }

    /// When a commit was made (committer time), in seconds.
    pub fn commit_time(&self, commit: Oid) -> Result<i64> {
        Ok(self.repo.find_commit(commit)?.time().seconds())
    }

    /// The newest commit reachable from `tip` but not from `base` that changed the file at
    /// `paths` (the first of them that exists; a move between them is no change) compared with
    /// its first parent: its committer time and id.
    pub fn last_change_to(
        &self,
        paths: &[String],
        tip: Oid,
        base: Option<Oid>,
    ) -> Result<Option<(i64, Oid)>> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TIME)?;
        walk.push(tip)?;
        if let Some(base) = base {
            walk.hide(base)?;
        }
        let blob_at = |commit: &git2::Commit<'_>| -> Option<Oid> {
            let tree = commit.tree().ok()?;
            paths.iter().find_map(|path| tree.get_path(Path::new(path)).ok().map(|e| e.id()))
        };
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            let before = commit.parent(0).ok().and_then(|p| blob_at(&p));
            if blob_at(&commit) != before {
                return Ok(Some((commit.time().seconds(), commit.id())));
            }
        }
        Ok(None)
    }

    /// The newest commit reachable from `tip` but not from `base` whose message has the line
    /// `key: value`.
    pub fn find_trailer_in(
        &self,
        key: &str,
        value: &str,
        tip: Oid,
        base: Option<Oid>,
    ) -> Result<Option<Oid>> {
        let wanted = format!("{key}: {value}");
        let mut walk = self.repo.revwalk()?;
        walk.push(tip)?;
        if let Some(base) = base {
            walk.hide(base)?;
        }
        for oid in walk {
            let oid = oid?;
            let commit = self.repo.find_commit(oid)?;
            if String::from_utf8_lossy(commit.message_bytes()).lines().any(|l| l.trim_end() == wanted) {
                return Ok(Some(oid));
            }
        }
        Ok(None)
    }
}
