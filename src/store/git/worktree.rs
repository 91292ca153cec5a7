//! Hand edits in the working tree, found the way `git status` finds them but only where a command
//! looks: a few files for a write or a read of one incident, a directory for `list`, the store's
//! records for `status`. The index's stat data says which files are as committed, so a file is
//! read only when its stat data changed; that the index itself holds the branch's commit is known
//! from a note (see `index.rs`), or checked path by path. One `fstatat` per file, relative to its
//! directory, on all cores; a full scan also makes files git left readable by others private.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use anyhow::Result;
use git2::Oid;

use super::Git;
use super::index::{self, Entry, Index};
use super::index_file::Entry as IndexEntry;

/// A part of the store the check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// A directory and everything under it.
    Dir(&'a str),
    /// One file, whether or not it exists.
    File(&'a str),
}

/// What the index remembers of one file.
struct Known {
    name: String,
    id: Oid,
    mtime: (i64, u32),
    ctime: (i64, u32),
    size: u32,
    ino: u32,
    mode: u32,
}

/// What a scan of one directory found.
#[derive(Default)]
struct Found {
    /// Files whose content may differ from the index, and whether their stat data changed
    /// (else they are only racily clean).
    suspects: Vec<(String, Oid, bool)>,
    deleted: Vec<String>,
    untracked: Vec<String>,
}

impl Git {
    /// Paths of `parts` whose working-tree or index version differs from the branch's commit:
    /// edited, added, deleted or staged by hand. Ignored files do not count. With `private`,
    /// files and directories git left readable by others are made private again.
    pub fn worktree_changes(&self, parts: &[Part], private: bool) -> Result<Vec<String>> {
        if let Some(changed) = self.scan_worktree(parts, private)? {
            return Ok(changed);
        }
        let scope: Vec<&str> = parts
            .iter()
            .map(|p| match p {
                Part::Dir(path) | Part::File(path) => *path,
            })
            .collect();
        if private {
            let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
            crate::store::fsutil::keep_private(&workdir, &scope);
        }
        self.full_status(&scope)
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
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => return Ok(Vec::new()),
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

    /// Paths of `parts` whose working-tree or index version differs from the branch's commit;
    /// `None` when the branch has no commit or the index holds a conflict, so the caller asks
    /// git's full status instead.
    pub(super) fn scan_worktree(&self, parts: &[Part], private: bool) -> Result<Option<Vec<String>>> {
        let Some(tip) = self.tip()? else { return Ok(None) };
        let tree = self.tree_of(tip)?;
        self.with_index(|index| self.scan_with(index, tree, parts, private))
    }

    fn scan_with(
        &self,
        index: &Index,
        tree: Oid,
        parts: &[Part],
        private: bool,
    ) -> Result<Option<Vec<String>>> {
        let git_dir = self.git_dir();
        if index.has_conflicts() {
            return Ok(None);
        }
        let dirs: Vec<&str> =
            parts.iter().filter_map(|p| if let Part::Dir(d) = p { Some(*d) } else { None }).collect();
        let files: Vec<&str> =
            parts.iter().filter_map(|p| if let Part::File(f) = p { Some(*f) } else { None }).collect();
        // When the index holds the commit, an entry's blob is the committed one. For a few files
        // that is cheaper to ask the commit than to prove; for directories, hashing the index
        // (a few milliseconds, and noted) beats reading every tree under them.
        let holds = index::known_to_hold(&git_dir, index, tree)
            || (!dirs.is_empty() && index::holds(&git_dir, index, tree)?);
        let index_mtime = mtime_of(&git_dir.join("index"));
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let mut changed = Vec::new();
        // Without the proof, many files (an import's) are looked up one directory listing at a
        // time: a lookup per path reads the trees above it again each time.
        let mut listed: HashMap<&str, HashMap<String, Oid>> = HashMap::new();
        if !holds && files.len() > 8 {
            for path in &files {
                let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
                if !dir.is_empty() && !listed.contains_key(dir) {
                    listed.insert(dir, self.files_in(tree, dir)?.into_iter().collect());
                }
            }
        }
        for path in files {
            let entry = index.get(path);
            let committed = match path.rsplit_once('/').and_then(|(dir, name)| Some((listed.get(dir)?, name)))
            {
                _ if holds => entry.as_ref().map(Entry::id),
                Some((dir, name)) => dir.get(name).copied(),
                None => self.entry_in(tree, path)?,
            };
            if self.file_differs(&workdir, path, entry.map(|e| known(path, &e)), committed, index_mtime) {
                changed.push(path.to_string());
            }
        }
        // The index's entries under each root, by directory. They come in path order, so each
        // directory's entries come together: a new group starts where the directory changes
        // (20,000 entries looked up in a map of directories was most of a scan's own time).
        let mut grouped: Vec<(String, Vec<Known>)> = Vec::new();
        for root in &dirs {
            let prefix = format!("{root}/");
            let mut committed: Option<HashMap<String, Oid>> = if holds {
                None
            } else {
                Some(
                    self.files_under(tree, root)?
                        .into_iter()
                        .map(|(p, id)| (format!("{prefix}{p}"), id))
                        .collect(),
                )
            };
            let mut at = index.first_under(&prefix).unwrap_or(index.len());
            while let Some(entry) = index.entry(at) {
                at += 1;
                let path = String::from_utf8_lossy(entry.path());
                if !path.starts_with(&prefix) {
                    break;
                }
                // Staged by hand: the index no longer holds what the commit does. What is left
                // of `committed` afterwards is in the commit but not in the index.
                if let Some(committed) = committed.as_mut()
                    && committed.remove(path.as_ref()) != Some(entry.id())
                {
                    changed.push(path.to_string());
                }
                let (dir, name) = path.rsplit_once('/').expect("under a directory");
                match grouped.last_mut() {
                    Some((last, known_here)) if last == dir => known_here.push(known(name, &entry)),
                    _ => grouped.push((dir.to_string(), vec![known(name, &entry)])),
                }
            }
            if let Some(committed) = committed {
                changed.extend(committed.into_keys());
            }
        }
        let mut by_dir: BTreeMap<String, Vec<Known>> = BTreeMap::new();
        for (dir, known_here) in grouped {
            by_dir.entry(dir).or_default().extend(known_here);
        }
        // Every directory the index or the disk knows, with the files the disk holds (`None`:
        // the directory is gone).
        let mut on_disk: BTreeMap<String, Option<Vec<String>>> =
            by_dir.keys().map(|d| (d.clone(), None)).collect();
        on_disk.extend(collect_dirs(&workdir, &dirs));
        let on_disk: Vec<(String, Option<Vec<String>>)> = on_disk.into_iter().collect();
        let empty = Vec::new();
        let found = crate::parallel::by_chunks(&on_disk, crate::parallel::cores(), |part| {
            part.iter()
                .map(|(dir, files)| {
                    let known = by_dir.get(dir).unwrap_or(&empty);
                    scan_dir(&workdir, dir, files.as_deref(), known, index_mtime, private)
                })
                .collect::<Vec<_>>()
        });
        for found in found.into_iter().flatten() {
            changed.extend(found.deleted);
            for (path, known, stat_changed) in found.suspects {
                if file_blob_id(&workdir.join(&path)) != Some(known) {
                    changed.push(path);
                } else if stat_changed {
                    self.stale.borrow_mut().push(path);
                }
            }
            changed.extend(found.untracked.into_iter().filter(|path| !self.ignored(path)));
        }
        changed.sort();
        changed.dedup();
        Ok(Some(changed))
    }

    /// Whether one file differs from `committed` (its blob in the commit, `None`: no file
    /// there), given what the index knows of it.
    fn file_differs(
        &self,
        workdir: &Path,
        path: &str,
        known: Option<Known>,
        committed: Option<Oid>,
        index_mtime: (i64, u32),
    ) -> bool {
        let full = workdir.join(path);
        let Ok(meta) = std::fs::symlink_metadata(&full) else {
            // Gone from the disk: a change if the commit or the index has it.
            return committed.is_some() || known.is_some();
        };
        if !meta.is_file() {
            // A directory or a link where the record goes.
            return true;
        }
        let Some(known) = known else {
            // On disk, not in the index: deleted from the index, or a file nobody committed.
            return committed.is_some() || !self.ignored(path);
        };
        if Some(known.id) != committed {
            return true; // staged by hand
        }
        use std::os::unix::fs::MetadataExt;
        let (mtime, ctime) =
            ((meta.mtime(), meta.mtime_nsec() as u32), (meta.ctime(), meta.ctime_nsec() as u32));
        let same = mtime == known.mtime
            && ctime == known.ctime
            && meta.size() as u32 == known.size
            && meta.ino() as u32 == known.ino
            && (meta.mode() & 0o111 != 0) == (known.mode & 0o111 != 0);
        if same && known.mtime < index_mtime {
            return false;
        }
        let differs = file_blob_id(&full) != committed;
        if !differs && !same {
            self.stale.borrow_mut().push(path.to_string());
        }
        differs
    }

    fn ignored(&self, path: &str) -> bool {
        self.repo.status_should_ignore(Path::new(path)).unwrap_or(false)
    }

    /// Before the index is written, as git does: an entry changed in the same instant the
    /// index read at `read_at` was written (every entry just added, and any left so by the last
    /// write) cannot be trusted by its stat data once a newer index is written, so its content is
    /// compared now, and when it differs its size is zeroed for the next check to read the file.
    pub(super) fn smudge_racily_clean(&self, index: &mut Index, read_at: (i64, u32)) -> Result<()> {
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let mut smudged = Vec::new();
        for n in 0..index.len() {
            let Some(entry) = index.entry(n) else { break };
            if entry.stage() != 0 || entry.mtime() < read_at || entry.size() == 0 {
                continue;
            }
            let path = workdir.join(Path::new(std::ffi::OsStr::from_bytes(entry.path())));
            if file_blob_id(&path) != Some(entry.id()) {
                smudged.push(IndexEntry { size: 0, ..entry.to_owned() });
            }
        }
        index.add_all(smudged);
        Ok(())
    }
}

impl Git {
    /// Files the last checks found as committed but with changed stat data (after `touch`, or a
    /// copy that kept content but not inodes): each check would read them again.
    pub fn take_stale(&self) -> Vec<String> {
        std::mem::take(&mut *self.stale.borrow_mut())
    }

    /// Records the stat data of `paths` in the index, as `git status` does, so the next check
    /// trusts them again; a file is entered only when its content still is the index's blob and
    /// its stat data did not change while it was read. The caller holds sirt's lock.
    pub fn refresh_stat_data(&self, paths: &[String]) -> Result<()> {
        let git_dir = self.git_dir();
        let tree = match self.tip()? {
            Some(tip) => Some(self.tree_of(tip)?),
            None => None,
        };
        let read_at = mtime_of(&git_dir.join("index"));
        let mut index = self.take_index()?;
        let held = tree.is_some_and(|tree| index::known_to_hold(&git_dir, &index, tree));
        let fresh = self.restat(&mut index, paths)?;
        let written = if fresh == 0 {
            Ok(())
        } else {
            self.smudge_racily_clean(&mut index, read_at).and_then(|()| index.write())
        };
        if written.is_ok() {
            // Only stat data changed: the index holds the same tree as before.
            if let Some(tree) = tree.filter(|_| held && fresh > 0) {
                index::note(&git_dir, &index, tree);
            }
            self.index.replace(Some(index));
        }
        written
    }
}

impl Git {
    /// Enters the current stat data of those of `paths` whose content still is their index
    /// entry's blob and did not change while it was read; how many were entered.
    pub(super) fn restat(&self, index: &mut Index, paths: &[String]) -> Result<usize> {
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let mut fresh = Vec::new();
        for path in paths {
            let Some(entry) = index.get(path) else { continue };
            let full = workdir.join(path);
            let before = std::fs::symlink_metadata(&full);
            let same_content = file_blob_id(&full) == Some(entry.id());
            let after = std::fs::symlink_metadata(&full);
            if let (Ok(before), Ok(after)) = (before, after)
                && same_content
                && after.is_file()
                && stat_key(&before) == stat_key(&after)
            {
                fresh.push(IndexEntry::of_file(path, &after, entry.id()));
            }
        }
        let count = fresh.len();
        index.add_all(fresh);
        Ok(count)
    }
}

/// The blob id of a file's content as it is on disk, as `git hash-object` gives it; `None` when
/// it cannot be read. sirt's own SHA-1 (the CPU's instructions): libgit2's, hardened against
/// collisions, took four times as long over an incident file.
fn file_blob_id(path: &Path) -> Option<Oid> {
    std::fs::read(path).ok().map(|bytes| super::objects::hash_object(git2::ObjectType::Blob, &bytes))
}

fn stat_key(meta: &std::fs::Metadata) -> (i64, i64, i64, i64, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec(), meta.size(), meta.ino())
}

/// A file's modification time, `(0, 0)` when it has none to tell.
pub(super) fn mtime_of(path: &Path) -> (i64, u32) {
    std::fs::metadata(path)
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()))
}

fn known(name: &str, entry: &Entry) -> Known {
    Known {
        name: name.to_string(),
        id: entry.id(),
        mtime: entry.mtime(),
        ctime: entry.ctime(),
        size: entry.size(),
        ino: entry.ino(),
        mode: entry.mode(),
    }
}

/// The directories of the scope (`roots`) and every directory under them, with the files each
/// holds. The directories under the roots (a sharded store's 1,280 shards) are read on all cores.
fn collect_dirs(workdir: &Path, roots: &[&str]) -> BTreeMap<String, Option<Vec<String>>> {
    let mut dirs = BTreeMap::new();
    let mut under = Vec::new();
    for root in roots {
        let Ok(entries) = std::fs::read_dir(workdir.join(root)) else { continue };
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                under.push(format!("{root}/{name}"));
            } else {
                files.push(name);
            }
        }
        dirs.insert(root.to_string(), Some(files));
    }
    let found = crate::parallel::by_chunks(&under, crate::parallel::cores(), |part| {
        let mut found = BTreeMap::new();
        for dir in part {
            collect_dir(workdir, dir, &mut found);
        }
        found
    });
    found.into_iter().for_each(|found| dirs.extend(found));
    dirs
}

/// `dir` and every directory under it, with the files each holds.
fn collect_dir(workdir: &Path, dir: &str, dirs: &mut BTreeMap<String, Option<Vec<String>>>) {
    let Ok(entries) = std::fs::read_dir(workdir.join(dir)) else { return };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect_dir(workdir, &format!("{dir}/{name}"), dirs);
        } else {
            files.push(name);
        }
    }
    dirs.insert(dir.to_string(), Some(files));
}

/// Compares one directory with what the index knows of it.
fn scan_dir(
    workdir: &Path,
    dir: &str,
    on_disk: Option<&[String]>,
    known: &[Known],
    index_mtime: (i64, u32),
    private: bool,
) -> Found {
    let mut found = Found::default();
    let path_of = |name: &str| format!("{dir}/{name}");
    let full = workdir.join(dir);
    let opened = on_disk.and_then(|_| CString::new(full.as_os_str().as_bytes()).ok());
    // SAFETY: a NUL-terminated path; the descriptor is closed below.
    let fd = opened.map_or(-1, |handle| unsafe {
        libc::open(handle.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC)
    });
    let Some(on_disk) = on_disk.filter(|_| fd >= 0) else {
        if fd >= 0 {
            // SAFETY: opened above, not used after this.
            unsafe { libc::close(fd) };
        }
        found.deleted.extend(known.iter().map(|k| path_of(&k.name)));
        return found;
    };
    if private {
        make_private(fd, None, 0o700);
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for k in known {
        seen.insert(&k.name);
        let Some(stat) = stat_at(fd, &k.name) else {
            found.deleted.push(path_of(&k.name));
            continue;
        };
        if private {
            make_private(fd, Some((&k.name, stat.st_mode)), 0o600);
        }
        let same = stat.st_mtime == k.mtime.0
            && stat.st_mtime_nsec as u32 == k.mtime.1
            && stat.st_ctime == k.ctime.0
            && stat.st_ctime_nsec as u32 == k.ctime.1
            && stat.st_size as u32 == k.size
            && stat.st_ino as u32 == k.ino
            && (stat.st_mode & 0o111 != 0) == (k.mode & 0o111 != 0)
            && stat.st_mode & libc::S_IFMT == libc::S_IFREG;
        // Racily clean: changed in the same instant the index was written, so stat cannot tell.
        let racy = k.mtime >= index_mtime;
        if !same || racy {
            found.suspects.push((path_of(&k.name), k.id, !same));
        }
    }
    for name in on_disk {
        if seen.contains(name.as_str()) {
            continue;
        }
        found.untracked.push(path_of(name));
    }
    // SAFETY: `fd` was opened above and is not used after this.
    unsafe { libc::close(fd) };
    found
}

fn stat_at(fd: libc::c_int, name: &str) -> Option<libc::stat> {
    let name = CString::new(name).ok()?;
    // SAFETY: `stat` is written by fstatat before it is read; `name` is NUL-terminated.
    unsafe {
        let mut stat: libc::stat = std::mem::zeroed();
        (libc::fstatat(fd, name.as_ptr(), &mut stat, libc::AT_SYMLINK_NOFOLLOW) == 0).then_some(stat)
    }
}

/// Takes group and other permissions away from a file of the directory (or from the
/// directory itself), as `git checkout` leaves them with the user's umask.
fn make_private(fd: libc::c_int, file: Option<(&str, libc::mode_t)>, mode: libc::mode_t) {
    match file {
        Some((name, current)) => {
            if current & 0o077 != 0
                && current & libc::S_IFMT == libc::S_IFREG
                && let Ok(name) = CString::new(name)
            {
                // SAFETY: a NUL-terminated name relative to an open directory.
                unsafe { libc::fchmodat(fd, name.as_ptr(), mode | (current & 0o100), 0) };
            }
        }
        None => {
            // SAFETY: fstat and fchmod on an open descriptor.
            unsafe {
                let mut stat: libc::stat = std::mem::zeroed();
                if libc::fstat(fd, &mut stat) == 0 && stat.st_mode & 0o077 != 0 {
                    libc::fchmod(fd, mode);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file changed in the instant its index entry was made, with its size kept, is only
    /// caught by content: before the index is written again its entry is smudged, the others kept.
    #[test]
    fn racily_clean_entries_are_smudged_only_when_their_content_changed() {
        let dir = tempfile::tempdir().unwrap();
        let git = Git::init(dir.path()).unwrap();
        let mut index = git.take_index().unwrap();
        for (name, text) in [("same", "aaaa"), ("edited", "bbbb")] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let blob = Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).unwrap();
            index.add_all(vec![IndexEntry::of_file(name, &std::fs::metadata(&path).unwrap(), blob)]);
        }
        std::fs::write(dir.path().join("edited"), "cccc").unwrap();
        // As if the index had been read in the same instant the files were written.
        git.smudge_racily_clean(&mut index, (0, 0)).unwrap();
        assert_eq!(index.get("same").unwrap().size(), 4);
        assert_eq!(index.get("edited").unwrap().size(), 0, "the edit is read at the next check");
        index.write().unwrap();
        let changed = git.with_index(|index| Ok(index.get("edited").map(|e| e.size())));
        assert_eq!(changed.unwrap(), Some(0));
    }
}
