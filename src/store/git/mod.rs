//! Everything the store asks of git, through libgit2. The only module that uses `git2`.
//!
//! Commits are built from trees directly (a `TreeBuilder` per changed directory), which costs a
//! few milliseconds whatever the size of the store; the worktree and the index are brought in
//! line afterwards, so that `git status` in a store stays clean.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeZone, Utc};
use git2::{ErrorCode, Repository, RepositoryInitOptions, Signature, Time, Tree};

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
}

/// A path split into its components, and the blob it should hold (`None`: delete it).
type PathChange<'a> = (Vec<&'a str>, Option<Oid>);

/// How many packs (or directories of loose objects) a store holds before they are rolled up.
const PACKS_BEFORE_REPACK: usize = 16;

const MAIN_BRANCH: &str = "refs/heads/main";

fn enable_fsync() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        set_fsync(true);
        // Every tree sirt writes names objects it just wrote or read from a commit; checking
        // each entry exists would read 1,000 object headers per change to the incidents tree.
        git2::opts::strict_object_creation(false);
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
        Ok(Git { repo })
    }

    pub fn open(dir: &Path) -> Result<Git> {
        enable_fsync();
        let repo =
            Repository::open(dir).with_context(|| format!("{} is not a git repository", dir.display()))?;
        if repo.workdir().is_none() {
            bail!("{} is a bare git repository; a store needs a working tree", dir.display());
        }
        Ok(Git { repo })
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

    /// Paths under `scope` whose working-tree or index version differs from the branch's commit:
    /// edited, added, deleted or staged by hand. Ignored files do not count. With `private`,
    /// files and directories git left readable by others are made private again.
    pub fn worktree_changes(&self, scope: &[&str], private: bool) -> Result<Vec<String>> {
        #[cfg(unix)]
        if let Some(changed) = self.scan_worktree(scope, private)? {
            return Ok(changed);
        }
        if private {
            let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
            super::fsutil::keep_private(&workdir, scope);
        }
        self.full_status(scope)
    }

    /// git's own status of `scope`: compares the tree, the index and every file.
    fn full_status(&self, scope: &[&str]) -> Result<Vec<String>> {
        let mut options = git2::StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true)
            .disable_pathspec_match(false);
        for path in scope {
            options.pathspec(path);
        }
        let statuses = match self.repo.statuses(Some(&mut options)) {
            Ok(statuses) => statuses,
            Err(e) if e.code() == ErrorCode::UnbornBranch => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut paths: Vec<String> = statuses
            .iter()
            .filter(|s| s.status() != git2::Status::CURRENT && !s.status().contains(git2::Status::IGNORED))
            .filter_map(|s| s.path().map(String::from))
            .collect();
        paths.sort();
        paths.dedup();
        Ok(paths)
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
        // Every object of the change goes into memory first, then to disk as one small pack:
        // two files and their fsyncs, instead of one file and fsync per object.
        let scratch = Repository::open(self.repo.path())?;
        let _mempack = scratch.odb()?.add_new_mempack_backend(1000)?;
        let head = parent.map(|oid| scratch.find_commit(oid)).transpose()?;
        let mut written = Vec::new();
        let mut changes: Vec<PathChange> = Vec::with_capacity(files.len());
        for (path, content) in files {
            let blob = content.as_deref().map(|bytes| scratch.blob(bytes)).transpose()?;
            written.extend(blob);
            changes.push((path.split('/').collect(), blob));
        }
        changes.extend(existing.iter().map(|(path, blob)| (path.split('/').collect(), *blob)));
        let base = head.as_ref().map(|c| c.tree()).transpose()?;
        let tree = scratch.find_tree(write_tree(&scratch, base, &changes, &mut written)?)?;
        let time = Time::new(when.timestamp(), 0);
        let signature = Signature::new(author.name, author.email, &time)
            .with_context(|| format!("'{} <{}>' is not a usable git identity", author.name, author.email))?;
        let parents: Vec<&git2::Commit> = head.iter().collect();
        let commit = if sign {
            let buffer = scratch.commit_create_buffer(&signature, &signature, message, &tree, &parents)?;
            let signed = super::signing::sign(&self.repo.config()?, &buffer)?;
            let text = std::str::from_utf8(&buffer).context("the commit is not UTF-8 text")?;
            scratch.commit_signed(text, &signed, Some("gpgsig"))?
        } else {
            scratch.commit(None, &signature, &signature, message, &tree, &parents)?
        };
        written.push(commit);
        self.write_pack(&scratch, &written)?;
        let blobs = files.iter().map(|(p, _)| p.clone()).zip(changes.iter().map(|(_, b)| *b)).collect();
        Ok(Prepared { commit, parent: head.map(|c| c.id()), blobs })
    }

    /// Writes `objects`, held in `scratch`'s memory, into the store as one pack file.
    fn write_pack(&self, scratch: &Repository, objects: &[Oid]) -> Result<()> {
        let mut builder = scratch.packbuilder()?;
        // Deltas among the objects of a large change (an import) are searched on every core.
        builder.set_threads(0);
        for oid in objects {
            builder.insert_object(*oid, None)?;
        }
        let mut pack = git2::Buf::new();
        builder.write_buf(&mut pack)?;
        let odb = self.repo.odb()?;
        let mut writer = odb.packwriter()?;
        std::io::Write::write_all(&mut writer, &pack)?;
        writer.commit()?;
        // The new pack is not seen until the object database looks at its pack list again.
        odb.refresh()?;
        Ok(())
    }

    fn write_tree(&self, base: Option<Tree<'_>>, changes: &[PathChange]) -> Result<Oid> {
        write_tree(&self.repo, base, changes, &mut Vec::new())
    }

    /// Moves `main` to the prepared commit, provided nobody moved it since it was prepared.
    pub fn advance(&self, prepared: &Prepared, subject: &str) -> Result<()> {
        let log = format!("sirt: {subject}");
        match prepared.parent {
            Some(parent) => self.repo.reference_matching(MAIN_BRANCH, prepared.commit, true, parent, &log),
            None => self.repo.reference(MAIN_BRANCH, prepared.commit, false, &log),
        }
        .context("the store's history moved while this change was being made; nothing was recorded, run the command again")?;
        Ok(())
    }

    /// Brings the index entries of `paths` in line with the working tree. A path given with the
    /// blob just written there is entered from its stat data alone; others are read and hashed.
    pub fn refresh_index(&self, paths: &[(String, Option<Oid>)]) -> Result<()> {
        // Patched directly when every path is a file just written or a file gone; libgit2
        // (whole index in memory, every cached tree rebuilt) otherwise, or if that fails.
        if self.patch_index(paths).is_ok() {
            return Ok(());
        }
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let mut index = self.repo.index()?;
        for (path, blob) in paths {
            let on_disk = std::fs::symlink_metadata(workdir.join(path)).ok();
            match (on_disk, blob) {
                #[cfg(unix)]
                (Some(meta), Some(blob)) if meta.is_file() => index.add(&entry_of(path, &meta, *blob))?,
                (Some(_), _) => index.add_path(Path::new(path))?,
                (None, _) => {
                    if index.get_path(Path::new(path), 0).is_some() {
                        index.remove_path(Path::new(path))?;
                    }
                }
            }
        }
        // Git's cached trees, brought up to date (rehashing only the changed directories), let
        // the next hand-edit check compare the index with the commit without reading every tree.
        index.write_tree()?;
        // Version 4 writes each path as the change from the one before: a sharded index of
        // 20,000 records is a third smaller to write, hash and read back.
        if index.version() < 4 {
            index.set_version(4)?;
        }
        index.write()?;
        Ok(())
    }

    /// The index with the entries of `paths` replaced, written in one go: the files sirt just
    /// wrote enter from their stat data and blob, deleted files leave.
    fn patch_index(&self, paths: &[(String, Option<Oid>)]) -> Result<()> {
        let git_dir = self.repo.path();
        let workdir = self.repo.workdir().expect("checked in open");
        let Some(mut index) = index_file::read(&git_dir.join("index"), &|_| true)? else {
            bail!("no index yet")
        };
        for (path, blob) in paths {
            match (std::fs::symlink_metadata(workdir.join(path)).ok(), blob) {
                (Some(meta), Some(blob)) if meta.is_file() => {
                    let id = blob.as_bytes().try_into().context("a SHA-1 object id")?;
                    index.set(index_file::Entry::of_file(path, &meta, id));
                }
                (None, _) => index.remove(path.as_bytes()),
                _ => bail!("{path} is not a file sirt just wrote"),
            }
        }
        index.write(git_dir)
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

    /// Keeps the object store small without anyone running `git gc`: every change is its own
    /// small pack, and once there are [`PACKS_BEFORE_REPACK`] of them (or loose objects that a
    /// fetch or another tool left), `git repack --geometric=2` rolls the small packs into one
    /// with deltas, so packs stay few and each roughly twice the size of the next. Uses the
    /// user's `git` (an older one packs everything instead); without one, nothing is packed (and
    /// nothing is lost).
    pub fn maintain(&self, workdir: &Path) {
        let objects = self.repo.path().join("objects");
        let count = |dir: &Path, wanted: &dyn Fn(&str) -> bool| {
            std::fs::read_dir(dir)
                .map(|entries| entries.flatten().filter(|e| wanted(&e.file_name().to_string_lossy())).count())
                .unwrap_or(0)
        };
        let packs = count(&objects.join("pack"), &|name| name.ends_with(".pack"));
        let loose = count(&objects, &|name| name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit()));
        if packs < PACKS_BEFORE_REPACK && loose < PACKS_BEFORE_REPACK {
            return;
        }
        let repack = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(workdir)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        };
        // A git older than 2.32 has no geometric repack; packing everything into one costs more
        // but still keeps the packs from piling up one per change.
        if !repack(&["repack", "-d", "-q", "--geometric=2"]) {
            repack(&["repack", "-a", "-d", "-q"]);
        }
    }
}

/// The index entry of a file just written with `blob`, from its stat data, as git makes it.
#[cfg(unix)]
fn entry_of(path: &str, meta: &std::fs::Metadata, blob: Oid) -> git2::IndexEntry {
    use std::os::unix::fs::MetadataExt;
    let time = |seconds: i64, nanos: i64| git2::IndexTime::new(seconds as i32, nanos as u32);
    git2::IndexEntry {
        ctime: time(meta.ctime(), meta.ctime_nsec()),
        mtime: time(meta.mtime(), meta.mtime_nsec()),
        dev: meta.dev() as u32,
        ino: meta.ino() as u32,
        mode: if meta.mode() & 0o111 != 0 { 0o100755 } else { 0o100644 },
        uid: meta.uid(),
        gid: meta.gid(),
        file_size: meta.size() as u32,
        id: blob,
        flags: path.len().min(0xfff) as u16,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// Writes the trees of `base` with `changes` applied, noting each tree it writes in `written`.
fn write_tree(
    repo: &Repository,
    base: Option<Tree<'_>>,
    changes: &[PathChange],
    written: &mut Vec<Oid>,
) -> Result<Oid> {
    let mut builder = repo.treebuilder(base.as_ref())?;
    let mut subdirs: std::collections::BTreeMap<&str, Vec<PathChange>> = Default::default();
    for (components, blob) in changes {
        match components.as_slice() {
            [name] => match blob {
                Some(oid) => {
                    builder.insert(name, *oid, 0o100644)?;
                }
                None => {
                    if builder.get(name)?.is_some() {
                        builder.remove(name)?;
                    }
                }
            },
            [dir, rest @ ..] => subdirs.entry(dir).or_default().push((rest.to_vec(), *blob)),
            [] => bail!("empty path in a change"),
        }
    }
    for (dir, sub_changes) in subdirs {
        let sub_base = match base.as_ref().and_then(|t| t.get_name(dir)) {
            Some(entry) => Some(repo.find_tree(entry.id())?),
            None => None,
        };
        let sub = write_tree(repo, sub_base, &sub_changes, written)?;
        if repo.find_tree(sub)?.is_empty() {
            if builder.get(dir)?.is_some() {
                builder.remove(dir)?;
            }
        } else {
            builder.insert(dir, sub, 0o040000)?;
        }
    }
    let tree = builder.write()?;
    written.push(tree);
    Ok(tree)
}

mod index_file;
mod read;
mod team;
mod walk;
#[cfg(unix)]
mod worktree;

pub use team::{ChangedPath, GitOperation};

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

    #[test]
    fn a_change_is_written_as_one_readable_pack() {
        let dir = tempfile::tempdir().unwrap();
        let git = Git::init(dir.path()).unwrap();
        let files: Vec<(String, Option<Vec<u8>>)> =
            (0..100).map(|n| (format!("d/f{n}"), Some(format!("content {n}").into_bytes()))).collect();
        let who = Author { name: "A", email: "a@example.com" };
        let prepared = git.prepare(None, &files, &[], &who, Utc::now(), "m\n", false).unwrap();
        git.advance(&prepared, "m").unwrap();
        let tree = git.tree_of(prepared.commit).unwrap();
        assert_eq!(git.file_in(tree, "d/f7").unwrap().unwrap(), b"content 7");
        let loose = std::fs::read_dir(dir.path().join(".git/objects"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().len() == 2)
            .count();
        assert_eq!(loose, 0, "no loose objects");
    }
}
