//! git's index, as the hand-edit check reads and patches it, and a note that says when it holds
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

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use anyhow::Result;
use git2::{ObjectType, Oid};

use super::{index_file, objects};

/// The note, in `.git/`.
const NOTE_FILE: &str = "sirt-index";
/// The size of a SHA-1 checksum, the only kind sirt's stores use.
const CHECKSUM_LEN: usize = 20;

/// The index file, loaded in memory (through `index_file.rs`, which reads and writes it in a
/// fraction of libgit2's time).
pub(super) struct Index {
    path: PathBuf,
    file: index_file::Index,
    /// The note as read with the file, and as this process last wrote it: read once per
    /// command, not at each look. An older note is still true (it pairs a tree with a checksum).
    note: RefCell<Option<String>>,
}

/// One entry of the index, borrowed from it.
pub(super) struct Entry<'i> {
    raw: index_file::EntryRef<'i>,
}

impl Index {
    /// Reads the index at `path` (an absent file is an empty index). Its checksum is not
    /// hashed again when it is the one noted: sirt wrote that file whole.
    pub(super) fn open(path: &Path) -> Result<Index> {
        let note = path
            .parent()
            .and_then(|git_dir| std::fs::read_to_string(git_dir.join(NOTE_FILE)).ok())
            .map(|text| text.trim().to_string());
        let trusted = note.as_deref().and_then(noted_checksum);
        let file = index_file::read(path, trusted)?.unwrap_or_else(index_file::Index::empty);
        Ok(Index { path: path.to_path_buf(), file, note: RefCell::new(note) })
    }

    /// Reads the file again if it changed since it was last read or written, as told by the
    /// checksum at its end; a file without one (`index.skipHash`) is always read again.
    pub(super) fn reload(&mut self) -> Result<()> {
        if self.checksum().is_some_and(|sum| index_file::checksum_of(&self.path) == Some(sum)) {
            return Ok(());
        }
        *self = Index::open(&self.path)?;
        Ok(())
    }

    /// The checksum of the file as last read or written; `None` when there is none to trust
    /// (no file, or git's `index.skipHash`, which writes zeros).
    pub(super) fn checksum(&self) -> Option<[u8; CHECKSUM_LEN]> {
        let sum = self.file.checksum;
        (sum != [0; CHECKSUM_LEN]).then_some(sum)
    }

    pub(super) fn len(&self) -> usize {
        self.file.len()
    }

    /// See [`index_file::Index::hash_ahead`].
    pub(super) fn hash_ahead(&mut self, first: &str) {
        self.file.hash_ahead(first.as_bytes());
    }

    pub(super) fn entry(&self, n: usize) -> Option<Entry<'_>> {
        self.file.entry(n).map(|raw| Entry { raw })
    }

    /// The entry of `path` at stage 0 (not a conflict).
    pub(super) fn get(&self, path: &str) -> Option<Entry<'_>> {
        let at = self.file.position(path.as_bytes());
        self.entry(at).filter(|e| e.path() == path.as_bytes() && e.stage() == 0)
    }

    /// The position of the first entry whose path starts with `prefix`, if any does.
    pub(super) fn first_under(&self, prefix: &str) -> Option<usize> {
        let at = self.file.position(prefix.as_bytes());
        self.entry(at).filter(|e| e.path().starts_with(prefix.as_bytes())).map(|_| at)
    }

    /// Whether any path is in conflict (has entries at stages 1 to 3).
    pub(super) fn has_conflicts(&self) -> bool {
        self.file.has_conflicts()
    }

    /// Puts `entries` in place of those of their paths, or adds them, in one pass.
    pub(super) fn add_all(&mut self, entries: Vec<index_file::Entry>) {
        self.file.set_all(entries);
    }

    /// Removes the stage-0 entry of `path`, if there is one.
    pub(super) fn remove(&mut self, path: &str) -> Result<()> {
        self.file.remove(path.as_bytes());
        Ok(())
    }

    /// Writes the index back to its file (through `index.lock`, as git does), in version 4,
    /// which writes each path as the change from the one before: a sharded index of 20,000
    /// records is a third smaller to write, hash and read back.
    pub(super) fn write(&mut self) -> Result<()> {
        let git_dir = self.path.parent().expect("the index is in .git/");
        self.file.write(git_dir)
    }

    /// The tree the index describes, hashed from its entries in memory: what `git write-tree`
    /// would write, without reading or writing any object. `None` when the index holds what no
    /// tree can (a conflict, an entry only intended to be added, a sparse directory).
    pub(super) fn tree_id(&self) -> Result<Option<Oid>> {
        // Open directories, outermost first: their path and their tree's bytes so far.
        let mut open: Vec<(String, Vec<u8>)> = vec![(String::new(), Vec::new())];
        for n in 0..self.len() {
            let Some(entry) = self.entry(n) else { break };
            if entry.stage() != 0 || entry.intent_to_add() || entry.mode() == 0o040000 {
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
            bytes.extend_from_slice(format!("{:o} {name}\0", entry.mode()).as_bytes());
            bytes.extend_from_slice(&entry.raw.id());
        }
        while open.len() > 1 {
            close(&mut open)?;
        }
        Ok(Some(objects::hash_object(ObjectType::Tree, &open[0].1)))
    }
}

/// Hashes the innermost open directory and enters it in its parent.
fn close(open: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let (path, bytes) = open.pop().expect("a directory to close");
    let id = objects::hash_object(ObjectType::Tree, &bytes);
    let name = path.rsplit('/').next().unwrap_or(&path);
    let parent = &mut open.last_mut().expect("the top stays open").1;
    parent.extend_from_slice(format!("40000 {name}\0").as_bytes());
    parent.extend_from_slice(id.as_bytes());
    Ok(())
}

impl<'i> Entry<'i> {
    pub(super) fn path(&self) -> &'i [u8] {
        self.raw.path()
    }

    pub(super) fn id(&self) -> Oid {
        Oid::from_bytes(&self.raw.id()).expect("20 bytes")
    }

    pub(super) fn stage(&self) -> u16 {
        self.raw.stage()
    }

    fn intent_to_add(&self) -> bool {
        self.raw.intent_to_add()
    }

    /// The stat data git compares: mtime, ctime, size, inode and mode.
    pub(super) fn mtime(&self) -> (i64, u32) {
        let (secs, nanos) = self.raw.mtime();
        (i64::from(secs), nanos)
    }

    pub(super) fn ctime(&self) -> (i64, u32) {
        let (secs, nanos) = self.raw.ctime();
        (i64::from(secs), nanos)
    }

    pub(super) fn size(&self) -> u32 {
        self.raw.size()
    }

    pub(super) fn ino(&self) -> u32 {
        self.raw.ino()
    }

    pub(super) fn mode(&self) -> u32 {
        self.raw.mode()
    }

    /// A copy of the entry, to enter it again changed.
    pub(super) fn to_owned(&self) -> index_file::Entry {
        self.raw.to_owned()
    }
}

/// The index checksum a note names, whatever tree it names.
fn noted_checksum(note: &str) -> Option<[u8; CHECKSUM_LEN]> {
    let hex = note.split_once(' ')?.1;
    let mut sum = [0; CHECKSUM_LEN];
    for (n, byte) in sum.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * n..2 * n + 2)?, 16).ok()?;
    }
    (hex.len() == 2 * CHECKSUM_LEN).then_some(sum)
}

/// Whether the note says that the index, as loaded, holds exactly `tree`.
pub(super) fn noted(index: &Index, tree: Oid) -> bool {
    let Some(sum) = index.checksum() else { return false };
    index.note.borrow().as_deref() == Some(note_text(tree, &sum).as_str())
}

/// Whether the index, as loaded, is known to hold exactly `tree` without hashing it: by the
/// note, or by the cached trees git leaves in the index it writes (after a `git commit`, say),
/// which is then noted.
pub(super) fn known_to_hold(git_dir: &Path, index: &Index, tree: Oid) -> bool {
    if noted(index, tree) {
        return true;
    }
    let cached = index.file.cached_root().is_some_and(|root| root == tree.as_bytes());
    if cached {
        note(git_dir, index, tree);
    }
    cached
}

/// Notes that the index, as last loaded or written, holds exactly `tree`. Best effort: without
/// the note the next check hashes the index instead.
pub(super) fn note(git_dir: &Path, index: &Index, tree: Oid) {
    let Some(sum) = index.checksum() else { return };
    // A name of its own per process, renamed over the note: readers see an old note or a new one.
    // Named like sirt's other temporary files, so a crash's leftover is swept with them.
    let temp =
        git_dir.join(format!("{}{NOTE_FILE}-{}", crate::store::fsutil::TEMP_PREFIX, std::process::id()));
    let text = note_text(tree, &sum);
    if std::fs::write(&temp, format!("{text}\n")).is_err()
        || crate::store::fsutil::replace_unflushed(&temp, &git_dir.join(NOTE_FILE)).is_err()
    {
        let _ = std::fs::remove_file(&temp);
        return;
    }
    index.note.replace(Some(text));
}

fn note_text(tree: Oid, sum: &[u8]) -> String {
    let hex: String = sum.iter().map(|b| format!("{b:02x}")).collect();
    format!("{tree} {hex}")
}

/// Whether the index holds exactly `tree`: by the note, else by hashing the index (and noting
/// the answer when it is yes).
pub(super) fn holds(git_dir: &Path, index: &Index, tree: Oid) -> Result<bool> {
    if known_to_hold(git_dir, index, tree) {
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
        assert!(!noted(&index, tree));
        assert!(holds(&dir.path().join(".git"), &index, tree).unwrap());
        assert!(noted(&index, tree), "the answer was noted");
        let again = Index::open(&dir.path().join(".git/index")).unwrap();
        assert!(noted(&again, tree), "and the note is read back");
    }

    /// An index whose cached trees git (here libgit2) brought up to date is known to hold
    /// their tree without hashing it, and that is noted; another tree is not taken for it.
    #[test]
    fn cached_trees_prove_the_tree_without_hashing() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        for path in ["a.txt", "b/c.txt"] {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, path).unwrap();
        }
        let mut git_index = repo.index().unwrap();
        git_index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        let tree = git_index.write_tree().unwrap();
        git_index.write().unwrap();
        let git_dir = dir.path().join(".git");
        let index = Index::open(&git_dir.join("index")).unwrap();
        let other = Oid::hash_object(ObjectType::Tree, b"").unwrap();
        assert!(!known_to_hold(&git_dir, &index, other));
        assert!(!noted(&index, tree));
        assert!(known_to_hold(&git_dir, &index, tree));
        assert!(noted(&index, tree), "the answer was noted");
        assert!(noted(&Index::open(&git_dir.join("index")).unwrap(), tree), "and read back");
    }
}
