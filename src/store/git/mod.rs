//! Everything the store asks of git, through libgit2. The only module that uses `git2`.
//!
//! Commits are built from trees directly (a `TreeBuilder` per changed directory), which costs a
//! few milliseconds whatever the size of the store; the worktree and the index are brought in
//! line afterwards, so that `git status` in a store stays clean.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeZone, Utc};
use git2::{ErrorCode, ObjectType, Repository, RepositoryInitOptions, Signature, Time, Tree};

use objects::{NewObjects, write_root};

pub use git2::Oid;

/// Whether git accepts `name <email>` as a commit's author.
pub fn check_identity(name: &str, email: &str) -> Result<()> {
    Signature::now(name, email)
        .with_context(|| format!("'{name} <{email}>' is not a usable git identity"))?;
    Ok(())
}

/// Who a commit is by.
pub struct Author<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// A commit object that exists but that no branch points at yet.
pub struct Prepared {
    pub commit: Oid,
    parent: Option<Oid>,
    /// Each changed path and its blob (`None`: deleted), for the index.
    pub blobs: Vec<(String, Option<Oid>)>,
    /// Who moves the branch and when (name, email, seconds), for the reflogs.
    by: (String, String, i64),
}

impl Prepared {
    fn by(author: &Author, when: DateTime<Utc>) -> (String, String, i64) {
        (author.name.to_string(), author.email.to_string(), when.timestamp())
    }
}

/// A commit, as `sirt history` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CommitInfo {
    pub hash: String,
    pub author: String,
    pub date: DateTime<Utc>,
    pub subject: String,
    pub message: String,
}

pub struct Git {
    repo: Repository,
    /// The index as last read or written by this process: reading 20,000 entries is most of a
    /// small change's time, so it is read once and again only when its file changed.
    index: std::cell::RefCell<Option<index::Index>>,
    /// Files found as committed whose stat data changed, for `refresh_stat_data`.
    stale: std::cell::RefCell<Vec<String>>,
    /// The keep files of packs written for a commit no branch names yet (see `objects.rs`).
    kept: std::cell::RefCell<Vec<PathBuf>>,
}

/// A path split into its components, and the blob it should hold (`None`: delete it).
type PathChange<'a> = (Vec<&'a str>, Option<Oid>);

const MAIN_BRANCH: &str = "refs/heads/main";

fn enable_fsync() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        set_fsync(true);
        // Every tree sirt writes names objects it just wrote or read from a commit; checking
        // each entry exists would read 1,000 object headers per change to the incidents tree.
        git2::opts::strict_object_creation(false);
        // libgit2 hashes every object it reads again (SHA-1 with collision detection); git
        // trusts its object store on reads and leaves that to `git fsck`, and so does sirt
        // (`sirt verify` checks the history itself).
        git2::opts::strict_hash_verification(false);
    });
}

/// libgit2 does not fsync objects and refs unless told to; a crash must not lose a commit.
fn set_fsync(on: bool) {
    // SAFETY: a documented libgit2 option taking one int, set before any write.
    unsafe {
        libgit2_sys::git_libgit2_opts(libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as _, on as std::ffi::c_int);
    }
}

impl Git {
    pub fn init(dir: &Path) -> Result<Git> {
        enable_fsync();
        let mut options = RepositoryInitOptions::new();
        options.initial_head("main").mkdir(false);
        let repo = Repository::init_opts(dir, &options)
            .with_context(|| format!("cannot create a git repository in {}", dir.display()))?;
        Ok(Git { repo, index: Default::default(), stale: Default::default(), kept: Default::default() })
    }

    pub fn open(dir: &Path) -> Result<Git> {
        enable_fsync();
        let repo =
            Repository::open(dir).with_context(|| format!("{} is not a git repository", dir.display()))?;
        if repo.workdir().is_none() {
            bail!("{} is a bare git repository; a store needs a working tree", dir.display());
        }
        Ok(Git { repo, index: Default::default(), stale: Default::default(), kept: Default::default() })
    }

    pub fn git_dir(&self) -> PathBuf {
        self.repo.path().to_path_buf()
    }

    /// `user.name` and `user.email` from git's configuration, if both are set.
    pub fn configured_identity(&self) -> Option<(String, String)> {
        let config = self.repo.config().ok()?;
        let name = config.get_string("user.name").ok()?;
        let email = config.get_string("user.email").ok()?;
        Some((name, email))
    }

    fn head(&self) -> Result<Option<git2::Commit<'_>>> {
        match self.repo.head() {
            Ok(head) => Ok(Some(head.peel_to_commit()?)),
            Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The commit the branch points at, if any. Read from the branch itself, not `HEAD`: a
    /// half-done `git rebase` detaches `HEAD`, and the record is still the branch.
    pub fn tip(&self) -> Result<Option<Oid>> {
        self.branch_tip(MAIN_BRANCH)
    }

    /// The tree of a commit.
    pub fn tree_of(&self, commit: Oid) -> Result<Oid> {
        Ok(self.repo.find_commit(commit)?.tree_id())
    }

    /// The content of `path` in `tree`.
    pub fn file_in(&self, tree: Oid, path: &str) -> Result<Option<Vec<u8>>> {
        let tree = self.repo.find_tree(tree)?;
        let entry = match tree.get_path(Path::new(path)) {
            Ok(entry) => entry,
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        Ok(Some(self.repo.find_blob(entry.id())?.content().to_vec()))
    }

    /// The blob at `path` in `tree`, if a file is there.
    pub fn entry_in(&self, tree: Oid, path: &str) -> Result<Option<Oid>> {
        let tree = self.repo.find_tree(tree)?;
        match tree.get_path(Path::new(path)) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Blob) => Ok(Some(entry.id())),
            Ok(_) => Ok(None),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The files directly in `dir` of `tree`: name and blob, in name order.
    pub fn files_in(&self, tree: Oid, dir: &str) -> Result<Vec<(String, Oid)>> {
        let tree = self.repo.find_tree(tree)?;
        let sub = match tree.get_path(Path::new(dir)) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => self.repo.find_tree(entry.id())?,
            Ok(_) => return Ok(Vec::new()),
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        Ok(sub
            .iter()
            .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
            .filter_map(|e| Some((e.name()?.to_string(), e.id())))
            .collect())
    }

    /// Every file under `dir` of `tree`, with its path relative to `dir`.
    pub fn files_under(&self, tree: Oid, dir: &str) -> Result<Vec<(String, Oid)>> {
        let tree = self.repo.find_tree(tree)?;
        let sub = match tree.get_path(Path::new(dir)) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => self.repo.find_tree(entry.id())?,
            _ => return Ok(Vec::new()),
        };
        let mut found = Vec::new();
        sub.walk(git2::TreeWalkMode::PreOrder, |parent, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob)
                && let Some(name) = entry.name()
            {
                found.push((format!("{parent}{name}"), entry.id()));
            }
            git2::TreeWalkResult::Ok
        })?;
        Ok(found)
    }

    pub fn blob(&self, oid: Oid) -> Result<Vec<u8>> {
        Ok(self.repo.find_blob(oid)?.content().to_vec())
    }

    /// Writes the objects of a commit that changes `files` (content, or `None` to delete) on top
    /// of `parent`, without moving any branch.
    #[allow(clippy::too_many_arguments)]
    pub fn prepare(
        &self,
        parent: Option<Oid>,
        files: &[(String, Option<Vec<u8>>)],
        existing: &[(String, Option<Oid>)],
        author: &Author,
        when: DateTime<Utc>,
        message: &str,
        sign: bool,
    ) -> Result<Prepared> {
        let head = parent.map(|oid| self.repo.find_commit(oid)).transpose()?;
        let mut objects = NewObjects::new();
        let mut changes: Vec<PathChange> = Vec::with_capacity(files.len() + existing.len());
        let contents: Vec<&[u8]> = files.iter().filter_map(|(_, content)| content.as_deref()).collect();
        let mut blobs = objects.add_blobs(&contents)?.into_iter();
        for (path, content) in files {
            let blob = if content.is_some() { blobs.next() } else { None };
            changes.push((path.split('/').collect(), blob));
        }
        changes.extend(existing.iter().map(|(path, blob)| (path.split('/').collect(), *blob)));
        let base = head.as_ref().map(|c| c.tree()).transpose()?;
        let tree = write_root(&self.repo, &mut objects, base.as_ref(), &changes)?;
        let time = Time::new(when.timestamp(), 0);
        let signature = Signature::new(author.name, author.email, &time)
            .with_context(|| format!("'{} <{}>' is not a usable git identity", author.name, author.email))?;
        let parents: Vec<Oid> = head.iter().map(|c| c.id()).collect();
        let mut commit = objects::commit_bytes(tree, &parents, &signature, message);
        if sign {
            let signed = super::signing::sign(&self.repo.config()?, &commit)?;
            commit = objects::signed_commit_bytes(&commit, &signed)?;
        }
        let commit = objects.add(ObjectType::Commit, &commit)?;
        self.write_pack(objects)?;
        let blobs = files.iter().map(|(p, _)| p.clone()).zip(changes.iter().map(|(_, b)| *b)).collect();
        Ok(Prepared { commit, parent: head.map(|c| c.id()), blobs, by: Prepared::by(author, when) })
    }

    /// Writes `objects` into the store as one pack with its index, both on disk before this
    /// returns.
    fn write_pack(&self, objects: NewObjects) -> Result<()> {
        let keep = objects.write_to(&self.repo.path().join("objects/pack"))?;
        self.kept.borrow_mut().push(keep);
        // The new pack is not seen until the object database looks at its pack list again.
        self.repo.odb()?.refresh()?;
        Ok(())
    }

    /// Writes the trees of `base` with `changes` applied, as a pack of their own.
    fn write_tree(&self, base: Option<Tree<'_>>, changes: &[PathChange]) -> Result<Oid> {
        let mut objects = NewObjects::new();
        let tree = write_root(&self.repo, &mut objects, base.as_ref(), changes)?;
        self.write_pack(objects)?;
        Ok(tree)
    }

    /// Moves `main` to the prepared commit, provided nobody moved it since it was prepared.
    pub fn advance(&self, prepared: &Prepared, subject: &str) -> Result<()> {
        let (name, email, seconds) = &prepared.by;
        let mover = refs::Mover { name, email, seconds: *seconds };
        let moved = refs::move_branch(
            &self.git_dir(),
            prepared.parent,
            prepared.commit,
            &mover,
            &format!("sirt: {subject}"),
        );
        // Named by the branch now, or never to be: either way a repack may have them.
        for keep in self.kept.take() {
            let _ = std::fs::remove_file(keep);
        }
        moved.context(
            "the store's history moved while this change was being made; nothing was recorded, run the command again",
        )
    }

    /// Brings the index entries of `paths` in line with the working tree, which holds for each
    /// the blob given (`None`: no file), as the commit whose tree is `to` does. When the index
    /// held exactly the tree `from` before (as noted, see `index.rs`), it holds `to` after, and
    /// that is noted; otherwise the index is hashed to find out. Only the entries of `paths` are
    /// touched: no tree is read or written.
    pub fn refresh_index(
        &self,
        paths: &[(String, Option<Oid>)],
        from: Option<Oid>,
        to: Option<Oid>,
    ) -> Result<()> {
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let git_dir = self.git_dir();
        let read_at = worktree::mtime_of(&git_dir.join("index"));
        // Taken out while it changes: after a failure it is read again from its file.
        let mut index = self.take_index()?;
        let held = from.is_some_and(|tree| index::known_to_hold(&git_dir, &index, tree));
        let mut added = Vec::with_capacity(paths.len());
        for (path, blob) in paths {
            let on_disk = std::fs::symlink_metadata(workdir.join(path)).ok();
            match (on_disk, blob) {
                (Some(meta), Some(blob)) if meta.is_file() => {
                    added.push(index_file::Entry::of_file(path, &meta, *blob))
                }
                // Anything else there (nothing, or not the file the commit holds) is left out of
                // the index, so that the next check reports it.
                _ => index.remove(path)?,
            }
        }
        index.add_all(added);
        // Files the hand-edit check found as committed but with new stat data: entered too,
        // since the index is written anyway.
        self.restat(&mut index, &self.take_stale())?;
        self.smudge_racily_clean(&mut index, read_at)?;
        index.write()?;
        if let Some(to) = to
            && (held || index.tree_id()? == Some(to))
        {
            index::note(&git_dir, &index, to);
        }
        self.index.replace(Some(index));
        Ok(())
    }

    /// The index as its file holds it now: the copy in memory when the file did not change.
    fn take_index(&self) -> Result<index::Index> {
        match self.index.take() {
            Some(mut index) => {
                index.reload()?;
                Ok(index)
            }
            None => index::Index::open(&self.git_dir().join("index")),
        }
        .or_else(|e| {
            if index_file::damaged(&self.git_dir().join("index")) { self.rebuild_index() } else { Err(e) }
        })
    }

    /// An index cut short or garbled (neither sirt nor git flushes it to disk, so a power cut
    /// can do that) is made again from the branch's commit, without stat data: the next check
    /// reads each file once to confirm it, and enters its stat data again.
    fn rebuild_index(&self) -> Result<index::Index> {
        let path = self.git_dir().join("index");
        std::fs::remove_file(&path).context("cannot remove the damaged index")?;
        if let Some(tip) = self.tip()? {
            let tree = self.repo.find_tree(self.tree_of(tip)?)?;
            let mut fresh = git2::Index::open(&path)?;
            fresh.read_tree(&tree)?;
            fresh.write()?;
        }
        index::Index::open(&path)
    }

    /// Reads the whole index now, for a change that will write it: its own hand-edit check then
    /// looks at that copy instead of reading the file a second time for a few entries.
    pub fn load_index(&self) -> Result<()> {
        let index = self.take_index()?;
        self.index.replace(Some(index));
        Ok(())
    }

    /// Lets the index loaded by [`Git::load_index`] start on the checksum of the file it will
    /// write after a change to `paths`: the part before the first of them stays as it is.
    pub fn hash_index_ahead(&self, paths: &[&str]) {
        if let (Some(index), Some(first)) = (self.index.borrow_mut().as_mut(), paths.iter().min()) {
            index.hash_ahead(first);
        }
    }

    /// Runs `look` on the index as its file holds it now.
    fn with_index<T>(&self, look: impl FnOnce(&index::Index) -> Result<T>) -> Result<T> {
        let index = self.take_index()?;
        let result = look(&index);
        self.index.replace(Some(index));
        result
    }

    /// Commits whose message carries the trailer `key: value`, newest first. Scanning messages is
    /// the fast way to find a record's history: per-commit tree diffs are orders slower.
    pub fn commits_with_trailer(&self, key: &str, value: &str) -> Result<Vec<CommitInfo>> {
        let Some(_) = self.head()? else {
            return Ok(Vec::new());
        };
        let wanted = format!("{key}: {value}");
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        let mut found = Vec::new();
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            let message = String::from_utf8_lossy(commit.message_bytes());
            if message.lines().any(|line| line.trim_end() == wanted) {
                found.push(describe(&commit));
            }
        }
        Ok(found)
    }
}

mod index;
mod index_entry;
mod index_file;
mod index_trees;
mod maintain;
mod objects;
mod read;
mod refs;
mod team;
mod walk;
mod worktree;

pub use team::{ChangedPath, GitOperation};
pub use worktree::Part;

fn describe(commit: &git2::Commit<'_>) -> CommitInfo {
    let author = commit.author();
    let name = author.name().unwrap_or("?");
    let email = author.email().unwrap_or("");
    let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
    CommitInfo {
        hash: commit.id().to_string(),
        author: if email.is_empty() { name.to_string() } else { format!("{name} <{email}>") },
        date: Utc.timestamp_opt(author.when().seconds(), 0).single().unwrap_or_default(),
        subject: message.lines().next().unwrap_or("").to_string(),
        message,
    }
}

/// `user.name`/`user.email` from the user's global git configuration, outside any repository.
pub fn global_identity() -> Option<(String, String)> {
    let config = git2::Config::open_default().ok()?;
    Some((config.get_string("user.name").ok()?, config.get_string("user.email").ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fsutil::tests::names as file_names;

    #[test]
    fn a_change_is_written_as_one_readable_pack() {
        let dir = tempfile::tempdir().unwrap();
        let git = Git::init(dir.path()).unwrap();
        let files: Vec<(String, Option<Vec<u8>>)> =
            (0..100).map(|n| (format!("d/f{n}"), Some(format!("content {n}").into_bytes()))).collect();
        let who = Author { name: "A", email: "a@example.com" };
        let prepared = git.prepare(None, &files, &[], &who, Utc::now(), "m\n", false).unwrap();
        let pack_dir = dir.path().join(".git/objects/pack");
        let keeps = || file_names(&pack_dir).iter().filter(|name| name.ends_with(".keep")).count();
        assert_eq!(keeps(), 1, "kept from repacks until the branch names it");
        git.advance(&prepared, "m").unwrap();
        assert_eq!(keeps(), 0);
        let tree = git.tree_of(prepared.commit).unwrap();
        assert_eq!(git.file_in(tree, "d/f7").unwrap().unwrap(), b"content 7");
        let loose =
            file_names(&dir.path().join(".git/objects")).iter().filter(|name| name.len() == 2).count();
        assert_eq!(loose, 0, "no loose objects");
    }

    #[test]
    fn a_pack_left_half_written_by_a_dead_writer_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let git = Git::init(dir.path()).unwrap();
        let pack_dir = dir.path().join(".git/objects/pack");
        std::fs::write(pack_dir.join(format!("{}4242.pack", objects::TEMP_PREFIX)), b"PACK").unwrap();
        let files = vec![("f".to_string(), Some(b"x".to_vec()))];
        let who = Author { name: "A", email: "a@example.com" };
        let prepared = git.prepare(None, &files, &[], &who, Utc::now(), "m\n", false).unwrap();
        git.advance(&prepared, "m").unwrap();
        git.maintain(dir.path());
        let names = file_names(&pack_dir);
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].ends_with(".idx") && names[1].ends_with(".pack"), "{names:?}");
    }
}
