//! Hand edits in the working tree, found the way `git status` finds them but only under the
//! store's records: the index's stat data says which files are as committed, so a file is read
//! only when its stat data changed. One `fstatat` per file, relative to its directory, on all
//! cores; files and directories that lost their private modes are made private again on the way.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use anyhow::Result;
use git2::{IndexEntry, Oid};

use super::Git;

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
    /// Files whose content may differ from the index: stat data changed.
    suspects: Vec<(String, Oid)>,
    deleted: Vec<String>,
    untracked: Vec<String>,
}

impl Git {
    /// Paths under `scope` whose working-tree version differs from the index, when the index
    /// itself holds exactly the branch's tree; `None` when it does not (something was staged, or
    /// the index is not sirt's), so the caller asks git's full status instead.
    pub(super) fn scan_worktree(&self, scope: &[&str], private: bool) -> Result<Option<Vec<String>>> {
        let Some(tip) = self.tip()? else { return Ok(None) };
        let mut index = self.repo.index()?;
        // With git's cached trees this hashes only what changed since the index was written.
        if index.write_tree().ok() != Some(self.tree_of(tip)?) {
            return Ok(None);
        }
        let index_mtime = std::fs::metadata(self.repo.path().join("index"))
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
        let workdir = self.repo.workdir().expect("checked in open").to_path_buf();
        let mut by_dir: BTreeMap<String, Vec<Known>> = BTreeMap::new();
        for entry in index.iter() {
            let path = String::from_utf8_lossy(&entry.path).into_owned();
            if !in_scope(&path, scope) {
                continue;
            }
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", &path));
            by_dir.entry(dir.to_string()).or_default().push(known(name, &entry));
        }
        // Every directory the index or the disk knows, with the files the disk holds (`None`:
        // the directory is gone); the store's top counts only the files of the scope.
        let mut dirs: BTreeMap<String, Option<Vec<String>>> =
            by_dir.keys().map(|d| (d.clone(), None)).collect();
        dirs.insert(
            String::new(),
            Some(scope.iter().filter(|s| !s.contains('/')).map(|s| s.to_string()).collect()),
        );
        for root in scope {
            collect_dirs(&workdir, root, &mut dirs);
        }
        let dirs: Vec<(String, Option<Vec<String>>)> = dirs.into_iter().collect();
        let empty = Vec::new();
        let parts = crate::parallel::by_chunks(&dirs, crate::parallel::cores(), |part| {
            part.iter()
                .map(|(dir, files)| {
                    let known = by_dir.get(dir).unwrap_or(&empty);
                    scan_dir(&workdir, dir, files.as_deref(), known, index_mtime, private)
                })
                .collect::<Vec<_>>()
        });
        let mut changed = Vec::new();
        for found in parts.into_iter().flatten() {
            changed.extend(found.deleted);
            for (path, known) in found.suspects {
                let id = git2::Oid::hash_file(git2::ObjectType::Blob, workdir.join(&path)).ok();
                if id != Some(known) {
                    changed.push(path);
                }
            }
            for path in found.untracked {
                if !self.repo.status_should_ignore(Path::new(&path)).unwrap_or(false) {
                    changed.push(path);
                }
            }
        }
        changed.sort();
        changed.dedup();
        Ok(Some(changed))
    }
}

fn in_scope(path: &str, scope: &[&str]) -> bool {
    scope
        .iter()
        .any(|root| path == *root || path.strip_prefix(root).is_some_and(|rest| rest.starts_with('/')))
}

fn known(name: &str, entry: &IndexEntry) -> Known {
    Known {
        name: name.to_string(),
        id: entry.id,
        mtime: (entry.mtime.seconds() as i64, entry.mtime.nanoseconds()),
        ctime: (entry.ctime.seconds() as i64, entry.ctime.nanoseconds()),
        size: entry.file_size,
        ino: entry.ino,
        mode: entry.mode,
    }
}

/// `dir` (a directory of the scope) and every directory under it, with the files each holds.
fn collect_dirs(workdir: &Path, dir: &str, dirs: &mut BTreeMap<String, Option<Vec<String>>>) {
    let Ok(entries) = std::fs::read_dir(workdir.join(dir)) else { return };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect_dirs(workdir, &format!("{dir}/{name}"), dirs);
        } else {
            files.push(name);
        }
    }
    dirs.insert(dir.to_string(), Some(files));
}

/// Compares one directory (`""`: the store's top, where only files of the scope count) with
/// what the index knows of it.
fn scan_dir(
    workdir: &Path,
    dir: &str,
    on_disk: Option<&[String]>,
    known: &[Known],
    index_mtime: (i64, u32),
    private: bool,
) -> Found {
    let mut found = Found::default();
    let path_of = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
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
    if private && !dir.is_empty() {
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
            found.suspects.push((path_of(&k.name), k.id));
        }
    }
    for name in on_disk {
        if seen.contains(name.as_str()) {
            continue;
        }
        if dir.is_empty() {
            if stat_at(fd, name).is_some_and(|s| s.st_mode & libc::S_IFMT != libc::S_IFDIR) {
                found.untracked.push(name.clone());
            }
        } else {
            found.untracked.push(path_of(name));
        }
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
