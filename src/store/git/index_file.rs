//! git's index file (`.git/index`), read and patched directly.
//!
//! libgit2 reads the whole index into its own structures, verifies its checksum with a
//! collision-detecting SHA-1, and after any change rebuilds its cached trees by reading every
//! tree of the commit: for a store of 20,000 records that is most of what a one-file change
//! costs. sirt needs far less: the stat data of the files a command draws on, and, after a
//! change, the same file with a few entries replaced. Both are done here, in the format git
//! documents (gitformat-index(5)), versions 2 to 4.
//!
//! Entries stay in the bytes they were read as, and new ones are laid out the same way, so a
//! read allocates nothing per entry and a write copies the unchanged entries in runs.
//!
//! Anything this reader does not understand (a split or sparse index, an unknown required
//! extension) is an error. An index in conflict is read, but not written.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{Context, Result, bail, ensure};
use memmap2::Mmap;
use sha1::{Digest, Sha1};

pub use super::index_entry::{Entry, EntryRef};
use super::index_entry::{FIXED, FLAG_EXTENDED, HASH, NAME_MASK, STAT, lay_out};
use super::index_trees::{invalidate_trees, parse_tree_line};

const SIGNATURE: &[u8; 4] = b"DIRC";
/// Where an entry's bytes are: in the file as read, or among those entered since. Either way
/// they are in the file's own layout (version 2 or 3, which differ only in allowing extended
/// flags), so an entry still as read is written back by copying, whatever its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    at: u32,
    added: bool,
}

/// An index as read: its entries in path order and the extensions worth keeping.
pub struct Index {
    /// The file's bytes as read (version 2 or 3; nothing for a version-4 file, whose entries
    /// are all re-laid in `added` as they are read).
    bytes: Option<Arc<Mmap>>,
    /// Entries entered since the file was read, and those of a version-4 file, laid out as a
    /// version-2 file lays them out.
    added: Vec<u8>,
    slots: Vec<Slot>,
    /// The cached trees (`TREE`), kept so git stays fast; invalidated along changed paths.
    trees: Option<Vec<u8>>,
    /// Paths changed since `trees` was last brought up to date: invalidated all at once when the
    /// index is written (one parse of the extension, not one per path: an import changes 10,000).
    stale: Vec<Vec<u8>>,
    /// Other optional extensions that do not depend on byte offsets (`REUC`), kept as they are.
    kept: Vec<([u8; 4], Vec<u8>)>,
    /// The checksum at the end of the file as read or last written (zeros: none was written).
    pub checksum: [u8; HASH],
    /// The hash of the file's first bytes, worked out ahead on another core (see
    /// [`Index::hash_ahead`]): how many bytes, and the hasher having taken them.
    ahead: Option<(usize, JoinHandle<Sha1>)>,
}

#[cfg(test)]
thread_local! {
    /// How many bytes the last write of this thread took as hashed ahead.
    static CARRIED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Reads the index at `path`; `None` when there is none. Its checksum is verified unless it is
/// `trusted` (the one sirt noted after writing the file whole) or the file proves whole by its
/// cached trees; git itself reads its index without hashing it (only `git fsck` does).
///
/// The file is mapped, not copied: git and sirt only ever replace an index by renaming a new
/// file over it, never by changing it in place, so the mapping stays the file as read (git
/// maps its index too). Copying 2 MB into fresh memory was a tenth of a one-file change.
pub fn read(path: &Path, trusted: Option<[u8; HASH]>) -> Result<Option<Index>> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    // SAFETY: the file is only ever replaced, not changed (above); a file cut short under the
    // mapping by something else is the risk git takes with its own index.
    let bytes = unsafe { Mmap::map(&file) }.with_context(|| format!("cannot read {}", path.display()))?;
    parse(bytes, trusted).map(Some).with_context(|| format!("{} is not an index sirt reads", path.display()))
}

fn parse(bytes: Mmap, trusted: Option<[u8; HASH]>) -> Result<Index> {
    ensure!(bytes.len() >= 12 + HASH && &bytes[..4] == SIGNATURE, "no index signature");
    let version = be32(&bytes, 4);
    ensure!((2..=4).contains(&version), "index version {version}");
    let count = be32(&bytes, 8) as usize;
    let body_len = bytes.len() - HASH;
    let checksum: [u8; HASH] = bytes[body_len..].try_into().expect("a hash's length");
    let body = &bytes[..body_len];
    let mut at = 12;
    let mut slots = Vec::with_capacity(count.min(body.len() / FIXED));
    let mut added = Vec::new();
    let mut path: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        ensure!(at + FIXED <= body.len(), "entry past the end");
        let flags = u16::from_be_bytes([body[at + STAT + HASH], body[at + STAT + HASH + 1]]);
        at += FIXED;
        if flags & FLAG_EXTENDED != 0 {
            ensure!(version >= 3 && at + 2 <= body.len(), "extended flags in version {version}");
            at += 2;
        }
        if version == 4 {
            let (strip, used) = varint(&body[at..])?;
            at += used;
            ensure!(strip <= path.len(), "a path prefix longer than the previous path");
            path.truncate(path.len() - strip);
            let end = at + nul(&body[at..])?;
            path.extend_from_slice(&body[at..end]);
            at = end + 1;
            let fixed = &body[start..start + FIXED + if flags & FLAG_EXTENDED != 0 { 2 } else { 0 }];
            slots.push(Slot { at: added.len() as u32, added: true });
            lay_out(&mut added, fixed, &path);
        } else {
            let end = at + nul(&body[at..])?;
            ensure!(
                (flags & NAME_MASK) as usize == (end - at).min(NAME_MASK as usize),
                "an entry whose flags give its path another length"
            );
            // Padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
            at = start + (end - start + 8) / 8 * 8;
            ensure!(at <= body.len(), "padding past the end");
            slots.push(Slot { at: start as u32, added: false });
        }
    }
    let mut trees = None;
    let mut kept = Vec::new();
    while at < body.len() {
        ensure!(at + 8 <= body.len(), "an extension header past the end");
        let signature: [u8; 4] = body[at..at + 4].try_into().expect("four bytes");
        let size = be32(body, at + 4) as usize;
        let data = body.get(at + 8..at + 8 + size).context("an extension past the end")?;
        at += 8 + size;
        match &signature {
            b"TREE" => trees = Some(data.to_vec()),
            b"REUC" => kept.push((signature, data.to_vec())),
            // Optional extensions tied to offsets or to the working tree (EOIE, IEOT, UNTR,
            // FSMN) are caches git rebuilds; dropping them is allowed.
            [b'A'..=b'Z', ..] => {}
            _ => bail!("the required extension {}", String::from_utf8_lossy(&signature)),
        }
    }
    ensure!(bytes.len() <= u32::MAX as usize && added.len() <= u32::MAX as usize, "an index over 4 GiB");
    // The checksum is not hashed again when sirt noted it, when it is all zeros (git's
    // `index.skipHash` leaves it out), or when the cached trees at the end of the file cover
    // every entry read before them: a file git wrote whole after a commit, which a cut or a
    // lost block would have left without that end or with entries that no longer line up.
    let index = Index { bytes: None, added, slots, trees, stale: Vec::new(), kept, checksum, ahead: None };
    ensure!(
        trusted == Some(checksum)
            || checksum == [0; HASH]
            || index.cached_root().is_some()
            || Sha1::digest(&bytes[..body_len]).as_slice() == checksum,
        "a wrong checksum"
    );
    Ok(Index { bytes: (version != 4).then(|| Arc::new(bytes)), ..index })
}

impl Index {
    /// The index of a repository that has none yet.
    pub fn empty() -> Index {
        Index {
            bytes: None,
            added: Vec::new(),
            slots: Vec::new(),
            trees: None,
            stale: Vec::new(),
            kept: Vec::new(),
            checksum: [0; HASH],
            ahead: None,
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    fn raw(&self, slot: Slot) -> &[u8] {
        &self.buffer(slot.added)[slot.at as usize..]
    }

    /// The `n`th entry in path order.
    pub fn entry(&self, n: usize) -> Option<EntryRef<'_>> {
        self.slots.get(n).map(|slot| EntryRef { raw: self.raw(*slot) })
    }

    /// Where the first entry whose path is not before `path` is.
    pub fn position(&self, path: &[u8]) -> usize {
        self.slots.partition_point(|slot| EntryRef { raw: self.raw(*slot) }.path() < path)
    }

    fn find(&self, path: &[u8]) -> std::result::Result<usize, usize> {
        let at = self.position(path);
        match self.entry(at) {
            Some(entry) if entry.path() == path => Ok(at),
            _ => Err(at),
        }
    }

    /// Puts `entry` in place of the entry of its path, or adds it.
    #[cfg(test)]
    pub fn set(&mut self, entry: Entry) {
        self.set_all(vec![entry]);
    }

    /// Puts each of `entries` in place of the entry of its path, or adds it. New paths are
    /// merged into the list in one pass, not inserted one by one (10,000 inserts would each
    /// shift the list).
    pub fn set_all(&mut self, entries: Vec<Entry>) {
        let mut new = Vec::new();
        for mut entry in entries {
            self.invalidate(&entry.path);
            let found = self.find(&entry.path);
            if let Ok(n) = found {
                // Keep flags such as skip-worktree that the user set on the path.
                let old = self.entry(n).expect("found");
                (entry.flags, entry.extended) = (old.flags() & !(NAME_MASK | FLAG_EXTENDED), old.extended());
            }
            let slot = Slot { at: self.added.len() as u32, added: true };
            entry.lay_out(&mut self.added);
            match found {
                Ok(n) => self.slots[n] = slot,
                Err(_) => new.push((entry.path, slot)),
            }
        }
        if new.is_empty() {
            return;
        }
        new.sort_by(|a, b| a.0.cmp(&b.0));
        // The last one entered for a path wins, as when they are set one by one.
        new.reverse();
        new.dedup_by(|later, earlier| later.0 == earlier.0);
        new.reverse();
        let mut merged = Vec::with_capacity(self.slots.len() + new.len());
        let mut new = new.into_iter().peekable();
        for slot in &self.slots {
            let path = EntryRef { raw: self.raw(*slot) }.path();
            while new.peek().is_some_and(|(p, _)| p.as_slice() < path) {
                merged.push(new.next().expect("peeked").1);
            }
            merged.push(*slot);
        }
        merged.extend(new.map(|(_, slot)| slot));
        self.slots = merged;
    }

    /// Removes the entry of `path`, if any.
    pub fn remove(&mut self, path: &[u8]) {
        if let Ok(n) = self.find(path) {
            self.invalidate(path);
            self.slots.remove(n);
        }
    }

    /// Whether any path is in conflict (has entries at stages 1 to 3).
    pub fn has_conflicts(&self) -> bool {
        (0..self.len()).any(|n| self.entry(n).is_some_and(|e| e.stage() != 0))
    }

    #[cfg(test)]
    pub fn get(&self, path: &[u8]) -> Option<Entry> {
        self.find(path).ok().and_then(|n| self.entry(n)).map(|e| e.to_owned())
    }

    #[cfg(test)]
    pub fn entries(&self) -> Vec<Entry> {
        (0..self.len()).filter_map(|n| self.entry(n)).map(|e| e.to_owned()).collect()
    }

    /// The tree the whole index holds, as its cached trees (`TREE`) record it: git keeps them
    /// valid on every change it makes and drops them when it cannot, and sirt marks them unknown
    /// along every path it changes. `None` when they are absent, unknown at the top, not
    /// counting every entry, or changed since the index was read.
    pub fn cached_root(&self) -> Option<[u8; HASH]> {
        if !self.stale.is_empty() {
            return None;
        }
        let trees = self.trees.as_deref()?;
        let mut at = 0;
        let root = parse_tree_line(trees, &mut at)?;
        (root.entries >= 0 && root.entries as usize == self.len()).then_some(())?;
        trees.get(at..at + HASH)?.try_into().ok()
    }

    fn invalidate(&mut self, path: &[u8]) {
        if self.trees.is_some() {
            self.stale.push(path.to_vec());
        }
    }

    /// Marks the cached trees along every changed path unknown.
    fn settle_trees(&mut self) {
        if !self.stale.is_empty() {
            if let Some(trees) = self.trees.take() {
                self.trees = invalidate_trees(&trees, &self.stale);
            }
            self.stale.clear();
        }
    }

    /// The bytes of the entry in `slot`, padding included.
    fn span(&self, slot: Slot) -> &[u8] {
        let raw = self.raw(slot);
        let entry = EntryRef { raw };
        let path_at = FIXED + if entry.flags() & FLAG_EXTENDED != 0 { 2 } else { 0 };
        let len = path_at + entry.path().len();
        &raw[..(len + 8) / 8 * 8]
    }

    /// Starts hashing, on another core, the file as read up to the entry of `first` (the first
    /// path a change will enter): if nothing before it changes, the file written next begins
    /// with the same bytes, and its checksum need only be carried on from there. A change to one
    /// incident (the first half of a store's entries) waits for a quarter less hashing, on average.
    pub fn hash_ahead(&mut self, first: &[u8]) {
        let Some(bytes) = self.bytes.clone() else { return };
        let Some(slot) = self.slots.get(self.position(first)).filter(|slot| !slot.added) else { return };
        let end = slot.at as usize;
        // Less than this is hashed faster than a thread starts.
        if end >= 64 * 1024 {
            let hashing = std::thread::spawn(move || {
                let mut sha = Sha1::new();
                sha.update(&bytes[..end]);
                sha
            });
            self.ahead = Some((end, hashing));
        }
    }

    /// The hasher carried on from [`Index::hash_ahead`] and how many bytes of `pieces` it has
    /// taken, when the file to write begins as the file read did up to there; else a new one.
    fn hashed_ahead(&self, ahead: Option<(usize, JoinHandle<Sha1>)>, pieces: &[&[u8]]) -> (Sha1, usize) {
        let fresh = (Sha1::new(), 0);
        let Some((end, hashing)) = ahead else { return fresh };
        let Some(old) = self.bytes.as_deref() else { return fresh };
        // The header (version, count) as read, then one run of entries copied from the file
        // as read, from its first entry through `end`.
        let same = pieces.len() > 1
            && pieces[0] == &old[..12]
            && std::ptr::eq(pieces[1].as_ptr(), old[12..].as_ptr())
            && 12 + pieces[1].len() >= end;
        match hashing.join() {
            Ok(sha) if same => (sha, end),
            _ => fresh,
        }
    }

    /// Writes the index through `index.lock`, as git does: the whole file is written, then put
    /// in place of the old one. Written as version 2 (3 when an entry has extended flags), git's
    /// own default, in which every entry stands alone: the entries still as read are copied in
    /// runs, so a one-file change costs a copy and a hash of the file, not an encoding of every
    /// entry; the hash is worked out on a second core while the bytes are written. Not flushed
    /// to disk, as git does not by default: the index only remembers stat data, the commit is
    /// already durable, and an index lost to a power cut is rebuilt from the commit. Flushing
    /// it would double the cost of a one-file change.
    pub fn write(&mut self, git_dir: &Path) -> Result<()> {
        ensure!(!self.has_conflicts(), "the index holds a conflict; resolve it with git first");
        let ahead = self.ahead.take();
        self.settle_trees();
        let extended = (0..self.len()).any(|n| self.entry(n).is_some_and(|e| e.flags() & FLAG_EXTENDED != 0));
        let version: u32 = if extended { 3 } else { 2 };
        let mut header = Vec::with_capacity(12);
        header.extend_from_slice(SIGNATURE);
        header.extend_from_slice(&version.to_be_bytes());
        header.extend_from_slice(&(self.len() as u32).to_be_bytes());
        let mut extensions = Vec::new();
        if let Some(trees) = &self.trees {
            put_extension(&mut extensions, b"TREE", trees);
        }
        for (signature, data) in &self.kept {
            put_extension(&mut extensions, signature, data);
        }
        // The file's pieces in order: runs of entries that lie next to each other in one buffer
        // are one piece.
        let mut pieces: Vec<&[u8]> = vec![&header];
        let mut run: Option<(bool, usize, usize)> = None;
        for slot in &self.slots {
            let (start, len) = (slot.at as usize, self.span(*slot).len());
            match &mut run {
                Some((added, _, end)) if *added == slot.added && *end == start => *end += len,
                _ => {
                    if let Some((added, from, to)) = run.replace((slot.added, start, start + len)) {
                        pieces.push(&self.buffer(added)[from..to]);
                    }
                }
            }
        }
        if let Some((added, from, to)) = run {
            pieces.push(&self.buffer(added)[from..to]);
        }
        pieces.push(&extensions);
        let (ahead, skip) = self.hashed_ahead(ahead, &pieces);
        #[cfg(test)]
        CARRIED.set(skip);

        let lock = git_dir.join("index.lock");
        let file =
            OpenOptions::new().write(true).create_new(true).open(&lock).with_context(|| {
                format!("cannot lock the index: {} exists or cannot be made", lock.display())
            })?;
        let pieces = &pieces;
        let hash = move || -> [u8; HASH] {
            let (mut sha, mut skip) = (ahead, skip);
            for piece in pieces {
                sha.update(&piece[skip.min(piece.len())..]);
                skip = skip.saturating_sub(piece.len());
            }
            sha.finalize().into()
        };
        let write = |file: std::fs::File| -> std::io::Result<std::io::BufWriter<std::fs::File>> {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
            pieces.iter().try_for_each(|piece| out.write_all(piece))?;
            Ok(out)
        };
        let big = pieces.iter().map(|p| p.len()).sum::<usize>() > 256 * 1024;
        let (written, checksum) = if big {
            std::thread::scope(|scope| {
                let hashing = scope.spawn(hash);
                let written = write(file);
                (written, hashing.join().expect("hashing the index does not panic"))
            })
        } else {
            (write(file), hash())
        };
        let finished = written.and_then(|mut out| {
            out.write_all(&checksum)?;
            out.flush()
        });
        match finished.and_then(|()| crate::store::fsutil::replace_unflushed(&lock, &git_dir.join("index"))) {
            Ok(()) => {
                self.checksum = checksum;
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&lock);
                Err(e).context("cannot write the index")
            }
        }
    }

    fn buffer(&self, added: bool) -> &[u8] {
        match (added, &self.bytes) {
            (false, Some(bytes)) => bytes,
            _ => &self.added,
        }
    }
}

/// Whether the index file at `path` is damaged (cut short, no signature, a wrong checksum), as
/// opposed to absent, or sound but of a kind this module does not read.
pub fn damaged(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else { return false };
    if bytes.len() < 12 + HASH || &bytes[..4] != SIGNATURE {
        return true;
    }
    let (body, checksum) = bytes.split_at(bytes.len() - HASH);
    checksum.iter().any(|b| *b != 0) && Sha1::digest(body).as_slice() != checksum
}

/// The checksum at the end of the index file at `path`, read without reading the rest.
pub fn checksum_of(path: &Path) -> Option<[u8; HASH]> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path).ok()?;
    file.seek(SeekFrom::End(-(HASH as i64))).ok()?;
    let mut sum = [0; HASH];
    file.read_exact(&mut sum).ok()?;
    Some(sum)
}

fn put_extension(out: &mut Vec<u8>, signature: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(signature);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
}

pub(super) fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

fn nul(bytes: &[u8]) -> Result<usize> {
    bytes.iter().position(|b| *b == 0).context("a path without its end")
}

/// git's offset varint (gitformat-index(5), version 4): big-endian groups of 7 bits, each
/// continuation adding one, so every number has exactly one encoding.
fn varint(bytes: &[u8]) -> Result<(usize, usize)> {
    let mut used = 0;
    let mut byte = *bytes.first().context("a path prefix past the end")?;
    let mut value = u64::from(byte & 0x7f);
    while byte & 0x80 != 0 {
        used += 1;
        byte = *bytes.get(used).context("a path prefix past the end")?;
        ensure!(value < 1 << 48, "a path prefix too long");
        value = ((value + 1) << 7) | u64::from(byte & 0x7f);
    }
    Ok((value as usize, used + 1))
}

#[cfg(test)]
fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    let mut buf = [0u8; 10];
    let mut pos = buf.len() - 1;
    buf[pos] = (value & 0x7f) as u8;
    while value >> 7 != 0 {
        value = (value >> 7) - 1;
        pos -= 1;
        buf[pos] = 0x80 | (value & 0x7f) as u8;
    }
    out.extend_from_slice(&buf[pos..]);
}

#[cfg(test)]
#[path = "index_file_tests.rs"]
mod tests;
