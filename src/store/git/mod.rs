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

/// From how many files on a change is written as a pack.
const BULK: usize = 64;

const MAIN_BRANCH: &str = "refs/heads/main";

fn enable_fsync() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        set_fsync(true);
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
    /// edited, added, deleted or staged by hand. Ignored files do not count.
    pub fn worktree_changes(&self, scope: &[&str]) -> Result<Vec<String>> {
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
    pub fn prepare(
        &self,
        parent: Option<Oid>,
        files: &[(String, Option<Vec<u8>>)],
        author: &Author,
        when: DateTime<Utc>,
        message: &str,
        sign: bool,
    ) -> Result<Prepared> {
        let head = parent.map(|oid| self.repo.find_commit(oid)).transpose()?;
        let blobs = if files.len() > BULK {
            self.write_blobs_packed(files)?
        } else {
            files
                .iter()
                .map(|(_, content)| content.as_deref().map(|bytes| self.repo.blob(bytes)).transpose())
                .collect::<Result<Vec<_>, _>>()?
        };
        let changes: Vec<PathChange> =
            files.iter().zip(blobs).map(|((path, _), blob)| (path.split('/').collect(), blob)).collect();
        let base = head.as_ref().map(|c| c.tree()).transpose()?;
        let tree = self.repo.find_tree(self.write_tree(base, &changes)?)?;
        let time = Time::new(when.timestamp(), 0);
        let signature = Signature::new(author.name, author.email, &time)
            .with_context(|| format!("'{} <{}>' is not a usable git identity", author.name, author.email))?;
        let parents: Vec<&git2::Commit> = head.iter().collect();
        let commit = if sign {
            let buffer = self.repo.commit_create_buffer(&signature, &signature, message, &tree, &parents)?;
            let signed = super::signing::sign(&self.repo.config()?, &buffer)?;
            let text = std::str::from_utf8(&buffer).context("the commit is not UTF-8 text")?;
            self.repo.commit_signed(text, &signed, Some("gpgsig"))?
        } else {
            self.repo.commit(None, &signature, &signature, message, &tree, &parents)?
        };
        Ok(Prepared { commit, parent: head.map(|c| c.id()) })
    }

    /// Writes many blobs as one pack file instead of one loose object (one file, one fsync)
    /// each: on a disk where creating a file costs a third of a millisecond, that halves the
    /// time of a 10,000-tenant import.
    fn write_blobs_packed(&self, files: &[(String, Option<Vec<u8>>)]) -> Result<Vec<Option<Oid>>> {
        let scratch = Repository::open(self.repo.path())?;
        let scratch_odb = scratch.odb()?;
        // Highest priority: every object written through `scratch` stays in memory.
        let _mempack = scratch_odb.add_new_mempack_backend(1000)?;
        let mut blobs = Vec::with_capacity(files.len());
        for (_, content) in files {
            blobs.push(content.as_deref().map(|bytes| scratch.blob(bytes)).transpose()?);
        }
        // The mempack's own dump packs only commits and what they reach; pack the blobs directly.
        let mut builder = scratch.packbuilder()?;
        for oid in blobs.iter().flatten() {
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
        Ok(blobs)
    }

    fn write_tree(&self, base: Option<Tree<'_>>, changes: &[PathChange]) -> Result<Oid> {
        let mut builder = self.repo.treebuilder(base.as_ref())?;
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
                Some(entry) => Some(self.repo.find_tree(entry.id())?),
                None => None,
            };
            let sub = self.write_tree(sub_base, &sub_changes)?;
            if self.repo.find_tree(sub)?.is_empty() {
                if builder.get(dir)?.is_some() {
                    builder.remove(dir)?;
                }
            } else {
                builder.insert(dir, sub, 0o040000)?;
            }
        }
        Ok(builder.write()?)
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

    /// Brings the index entries of `paths` in line with the working tree.
    pub fn refresh_index(&self, paths: &[String]) -> Result<()> {
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let mut index = self.repo.index()?;
        for path in paths {
            if workdir.join(path).exists() {
                index.add_path(Path::new(path))?;
            } else if index.get_path(Path::new(path), 0).is_some() {
                index.remove_path(Path::new(path))?;
            }
        }
        index.write()?;
        Ok(())
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

    /// Packs loose objects now and then: libgit2 never does, and a store that only grows loose
    /// objects fills disks and slows every read. Uses the user's `git` when there is one.
    pub fn maintain(&self, workdir: &Path) {
        let _ = Command::new("git")
            .arg("-C")
            .arg(workdir)
            .args(["gc", "--auto", "--quiet"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

mod read;
mod team;
mod walk;

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
    fn packed_blobs_are_readable() {
        let dir = tempfile::tempdir().unwrap();
        let git = Git::init(dir.path()).unwrap();
        let files: Vec<(String, Option<Vec<u8>>)> =
            (0..100).map(|n| (format!("d/f{n}"), Some(format!("content {n}").into_bytes()))).collect();
        let blobs = git.write_blobs_packed(&files).unwrap();
        let oid = blobs[0].unwrap();
        assert_eq!(git.repo.find_blob(oid).unwrap().content(), b"content 0");
    }
}
