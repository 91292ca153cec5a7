//! git's index, read and written through libgit2 directly, and a note that says when it holds
//! exactly a commit's tree.
//!
//! The hand-edit check needs to know that the index matches the branch's commit, so that a file
//! whose stat data matches its index entry is known to be as committed. Asking libgit2 for the
//! index's tree (`write_tree`) rebuilds its tree cache by reading every tree of the commit after
//! each change. Instead sirt keeps `.git/sirt-index`: a tree id and the checksum git writes at the
//! end of the index file. The checksum covers every byte of the index, so the note holds exactly
//! as long as nobody rewrote the index (a `git add`, even a `git status` refreshing stat data);
//! when it does not hold, the index's tree is hashed in memory from its entries, without reading
//! any object, and the note is written again when they agree. A note can only state a fact about
//! two ids, so one left behind by a crash, or written by a concurrent reader, is never wrong.

use std::ffi::{CStr, CString};
use std::path::Path;

use anyhow::Result;
use git2::{ObjectType, Oid};
use libgit2_sys as raw;

/// The note, in `.git/`.
const NOTE_FILE: &str = "sirt-index";
/// The size of a SHA-1 checksum, the only kind sirt's stores use.
const CHECKSUM_LEN: usize = 20;

unsafe extern "C" {
    /// Deprecated in libgit2's headers but still built: the checksum read from, or last
    /// written to, the index file. The `git2` crate does not bind it.
    fn git_index_checksum(index: *mut raw::git_index) -> *const raw::git_oid;
}

/// The index file, loaded in memory.
pub(super) struct Index {
    raw: *mut raw::git_index,
}

/// One entry of the index, borrowed from it.
pub(super) struct Entry<'i> {
    raw: &'i raw::git_index_entry,
}

fn check(code: std::ffi::c_int) -> Result<()> {
    if code < 0 {
        return Err(git2::Error::last_error(code).into());
    }
    Ok(())
}

impl Index {
    /// Reads the index at `path` (an absent file is an empty index).
    pub(super) fn open(path: &Path) -> Result<Index> {
        use std::os::unix::ffi::OsStrExt;
        let path = CString::new(path.as_os_str().as_bytes())?;
        let mut index = std::ptr::null_mut();
        // SAFETY: a NUL-terminated path and an out pointer; on success `index` is owned here.
        check(unsafe { raw::git_index_open(&mut index, path.as_ptr()) })?;
        Ok(Index { raw: index })
    }

    /// Reads the file again if it changed since it was last read or written: libgit2 compares
    /// the checksum at its end, so a file without one (`index.skipHash`) is always read again.
    pub(super) fn reload(&mut self) -> Result<()> {
        let force = self.checksum().is_none();
        // SAFETY: a live index.
        check(unsafe { raw::git_index_read(self.raw, std::ffi::c_int::from(force)) })
    }

    /// The checksum of the file as last read or written; `None` when there is none to trust
    /// (no file, or git's `index.skipHash`, which writes zeros).
    pub(super) fn checksum(&self) -> Option<[u8; CHECKSUM_LEN]> {
        // SAFETY: returns a pointer into the index, valid while it lives.
        let oid = unsafe { &*git_index_checksum(self.raw) };
        let mut sum = [0; CHECKSUM_LEN];
        sum.copy_from_slice(&oid.id[..CHECKSUM_LEN]);
        (sum != [0; CHECKSUM_LEN]).then_some(sum)
    }

    pub(super) fn len(&self) -> usize {
        // SAFETY: a live index.
        unsafe { raw::git_index_entrycount(self.raw) }
    }

    pub(super) fn entry(&self, n: usize) -> Option<Entry<'_>> {
        // SAFETY: a live index; the entry lives as long as it is not changed, which the
        // borrow of `self` guarantees.
        let entry = unsafe { raw::git_index_get_byindex(self.raw, n) };
        // SAFETY: checked for null; points into the index.
        (!entry.is_null()).then(|| Entry { raw: unsafe { &*entry } })
    }

    /// The entry of `path` at stage 0 (not a conflict).
    pub(super) fn get(&self, path: &str) -> Option<Entry<'_>> {
        let path = CString::new(path).ok()?;
        // SAFETY: as for `entry`.
        let entry = unsafe { raw::git_index_get_bypath(self.raw, path.as_ptr(), 0) };
        (!entry.is_null()).then(|| Entry { raw: unsafe { &*entry } })
    }

    /// The position of the first entry whose path starts with `prefix`, if any does.
    pub(super) fn first_under(&self, prefix: &str) -> Option<usize> {
        let prefix = CString::new(prefix).ok()?;
        let mut at = 0;
        // SAFETY: a live index, a NUL-terminated prefix and an out position.
        let found = unsafe { raw::git_index_find_prefix(&mut at, self.raw, prefix.as_ptr()) };
        (found == 0).then_some(at)
    }

    /// Whether any path is in conflict (has entries at stages 1 to 3).
    pub(super) fn has_conflicts(&self) -> bool {
        // SAFETY: a live index.
        unsafe { raw::git_index_has_conflicts(self.raw) != 0 }
    }

    pub(super) fn add(&mut self, entry: &git2::IndexEntry) -> Result<()> {
        let path = CString::new(&entry.path[..])?;
        let mut flags = entry.flags & !raw::GIT_INDEX_ENTRY_NAMEMASK;
        flags |= entry.path.len().min(raw::GIT_INDEX_ENTRY_NAMEMASK as usize) as u16;
        let time =
            |t: git2::IndexTime| raw::git_index_time { seconds: t.seconds(), nanoseconds: t.nanoseconds() };
        let mut id = raw::git_oid { id: [0; raw::GIT_OID_MAX_SIZE] };
        id.id.copy_from_slice(entry.id.as_bytes());
        let raw_entry = raw::git_index_entry {
            ctime: time(entry.ctime),
            mtime: time(entry.mtime),
            dev: entry.dev,
            ino: entry.ino,
            mode: entry.mode,
            uid: entry.uid,
            gid: entry.gid,
            file_size: entry.file_size,
            id,
            flags,
            flags_extended: entry.flags_extended,
            path: path.as_ptr(),
        };
        // SAFETY: libgit2 copies the entry and its path.
        check(unsafe { raw::git_index_add(self.raw, &raw_entry) })
    }

    /// Removes the stage-0 entry of `path`, if there is one.
    pub(super) fn remove(&mut self, path: &str) -> Result<()> {
        if self.get(path).is_none() {
            return Ok(());
        }
        let path = CString::new(path)?;
        // SAFETY: a live index and a NUL-terminated path.
        check(unsafe { raw::git_index_remove(self.raw, path.as_ptr(), 0) })
    }

    /// Writes the index back to its file (through `index.lock`, as git does), in version 4,
    /// which writes each path as the change from the one before: a sharded index of 20,000
    /// records is a third smaller to write, hash and read back.
    pub(super) fn write(&mut self) -> Result<()> {
        // SAFETY: a live index.
        unsafe {
            if raw::git_index_version(self.raw) < 4 {
                check(raw::git_index_set_version(self.raw, 4))?;
            }
            check(raw::git_index_write(self.raw))
        }
    }

    /// The tree the index describes, hashed from its entries in memory: what `git write-tree`
    /// would write, without reading or writing any object. `None` when the index holds what no
    /// tree can (a conflict, an entry only intended to be added, a sparse directory).
    pub(super) fn tree_id(&self) -> Result<Option<Oid>> {
        // Open directories, outermost first: their path and their tree's bytes so far.
        let mut open: Vec<(String, Vec<u8>)> = vec![(String::new(), Vec::new())];
        for n in 0..self.len() {
            let Some(entry) = self.entry(n) else { break };
            if entry.stage() != 0 || entry.intent_to_add() || entry.raw.mode == 0o040000 {
                return Ok(None);
            }
            let path =
                std::str::from_utf8(entry.path()).map_err(|_| anyhow::anyhow!("a path is not UTF-8"))?;
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            // Close the directories this entry is not in.
            while open.len() > 1 {
                let top = &open.last().expect("not empty").0;
                if dir == top || dir.starts_with(&format!("{top}/")) {
                    break;
                }
                close(&mut open)?;
            }
            // Open the ones it is in.
            let top = open.last().expect("not empty").0.clone();
            let rest = if top.is_empty() { dir } else { dir[top.len()..].trim_start_matches('/') };
            if !rest.is_empty() {
                let mut at = top;
                for part in rest.split('/') {
                    at = if at.is_empty() { part.to_string() } else { format!("{at}/{part}") };
                    open.push((at.clone(), Vec::new()));
                }
            }
            let bytes = &mut open.last_mut().expect("not empty").1;
            bytes.extend_from_slice(format!("{:o} {name}\0", entry.raw.mode).as_bytes());
            bytes.extend_from_slice(&entry.raw.id.id[..CHECKSUM_LEN]);
        }
        while open.len() > 1 {
            close(&mut open)?;
        }
        Ok(Some(Oid::hash_object(ObjectType::Tree, &open[0].1)?))
    }
}

/// Hashes the innermost open directory and enters it in its parent.
fn close(open: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let (path, bytes) = open.pop().expect("a directory to close");
    let id = Oid::hash_object(ObjectType::Tree, &bytes)?;
    let name = path.rsplit('/').next().unwrap_or(&path);
    let parent = &mut open.last_mut().expect("the top stays open").1;
    parent.extend_from_slice(format!("40000 {name}\0").as_bytes());
    parent.extend_from_slice(id.as_bytes());
    Ok(())
}

impl Drop for Index {
    fn drop(&mut self) {
        // SAFETY: owned since `open`, freed once.
        unsafe { raw::git_index_free(self.raw) }
    }
}

impl Entry<'_> {
    pub(super) fn path(&self) -> &[u8] {
        // SAFETY: libgit2 keeps a NUL-terminated path with every entry.
        unsafe { CStr::from_ptr(self.raw.path) }.to_bytes()
    }

    pub(super) fn id(&self) -> Oid {
        Oid::from_bytes(&self.raw.id.id[..CHECKSUM_LEN]).expect("20 bytes")
    }

    pub(super) fn stage(&self) -> u16 {
        (self.raw.flags & raw::GIT_INDEX_ENTRY_STAGEMASK) >> raw::GIT_INDEX_ENTRY_STAGESHIFT
    }

    fn intent_to_add(&self) -> bool {
        self.raw.flags_extended & raw::GIT_INDEX_ENTRY_INTENT_TO_ADD as u16 != 0
    }

    /// The stat data git compares: mtime, ctime, size, inode and mode.
    pub(super) fn mtime(&self) -> (i64, u32) {
        (i64::from(self.raw.mtime.seconds), self.raw.mtime.nanoseconds)
    }

    pub(super) fn ctime(&self) -> (i64, u32) {
        (i64::from(self.raw.ctime.seconds), self.raw.ctime.nanoseconds)
    }

    pub(super) fn size(&self) -> u32 {
        self.raw.file_size
    }

    pub(super) fn ino(&self) -> u32 {
        self.raw.ino
    }

    pub(super) fn mode(&self) -> u32 {
        self.raw.mode
    }

    /// The entry as `git2` describes one, to enter it again changed.
    pub(super) fn to_owned(&self) -> git2::IndexEntry {
        let time = |t: raw::git_index_time| git2::IndexTime::new(t.seconds, t.nanoseconds);
        git2::IndexEntry {
            ctime: time(self.raw.ctime),
            mtime: time(self.raw.mtime),
            dev: self.raw.dev,
            ino: self.raw.ino,
            mode: self.raw.mode,
            uid: self.raw.uid,
            gid: self.raw.gid,
            file_size: self.raw.file_size,
            id: self.id(),
            flags: self.raw.flags,
            flags_extended: self.raw.flags_extended,
            path: self.path().to_vec(),
        }
    }
}

/// Whether the note says that the index, as loaded, holds exactly `tree`.
pub(super) fn noted(git_dir: &Path, index: &Index, tree: Oid) -> bool {
    let Some(sum) = index.checksum() else { return false };
    std::fs::read_to_string(git_dir.join(NOTE_FILE)).is_ok_and(|text| text.trim() == note_text(tree, &sum))
}

/// Notes that the index, as last loaded or written, holds exactly `tree`. Best effort: without
/// the note the next check hashes the index instead.
pub(super) fn note(git_dir: &Path, index: &Index, tree: Oid) {
    let Some(sum) = index.checksum() else { return };
    // A name of its own per process, renamed over the note: readers see an old note or a new one.
    // Named like sirt's other temporary files, so a crash's leftover is swept with them.
    let temp =
        git_dir.join(format!("{}{NOTE_FILE}-{}", crate::store::fsutil::TEMP_PREFIX, std::process::id()));
    if std::fs::write(&temp, format!("{}\n", note_text(tree, &sum))).is_err()
        || std::fs::rename(&temp, git_dir.join(NOTE_FILE)).is_err()
    {
        let _ = std::fs::remove_file(&temp);
    }
}

fn note_text(tree: Oid, sum: &[u8]) -> String {
    let hex: String = sum.iter().map(|b| format!("{b:02x}")).collect();
    format!("{tree} {hex}")
}

/// Whether the index holds exactly `tree`: by the note, else by hashing the index (and noting
/// the answer when it is yes).
pub(super) fn holds(git_dir: &Path, index: &Index, tree: Oid) -> Result<bool> {
    if noted(git_dir, index, tree) {
        return Ok(true);
    }
    if index.tree_id()? == Some(tree) {
        note(git_dir, index, tree);
        return Ok(true);
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The in-memory hash of an index agrees with the tree git writes for it.
    #[test]
    fn the_index_hashes_to_the_tree_git_writes() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        for path in ["a.txt", "a-b", "a/x", "a/b/c", "a/b.d", "b/z/z/z", "zz"] {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, path).unwrap();
        }
        let mut git_index = repo.index().unwrap();
        git_index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        git_index.write().unwrap();
        let tree = git_index.write_tree().unwrap();
        let index = Index::open(&dir.path().join(".git/index")).unwrap();
        assert_eq!(index.tree_id().unwrap(), Some(tree));
        assert!(!noted(&dir.path().join(".git"), &index, tree));
        assert!(holds(&dir.path().join(".git"), &index, tree).unwrap());
        assert!(noted(&dir.path().join(".git"), &index, tree), "the answer was noted");
    }
}
