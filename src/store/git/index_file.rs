//! git's index file (`.git/index`), read and patched directly.
//!
//! libgit2 reads the whole index into its own structures, verifies its checksum with a
//! collision-detecting SHA-1, and after any change rebuilds its cached trees by reading every
//! tree of the commit: for a store of 20,000 records that is most of what a one-file change
//! costs. sirt needs far less: the stat data of the files a command draws on, and, after a
//! change, the same file with a few entries replaced. Both are done here, in the format git
//! documents (gitformat-index(5)), versions 2 to 4.
//!
//! Anything this reader does not understand (a split or sparse index, an unknown required
//! extension) is an error. An index in conflict is read, but not written.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail, ensure};
use sha1::{Digest, Sha1};

const SIGNATURE: &[u8; 4] = b"DIRC";
const HASH: usize = 20;
/// ctime, mtime (seconds and nanoseconds each), dev, ino, mode, uid, gid, size.
const STAT: usize = 40;
const FLAG_EXTENDED: u16 = 0x4000;
const FLAG_STAGE: u16 = 0x3000;
const NAME_MASK: u16 = 0x0fff;

/// One entry: a path, what git last saw of its file, and its blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: Vec<u8>,
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub dev: u32,
    pub ino: u32,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
    pub id: [u8; HASH],
    /// Flags other than the name length, which is worked out from the path when written.
    pub flags: u16,
    pub extended: u16,
}

impl Entry {
    /// The entry of a file whose stat data is `meta` and whose content is `id`, as git makes it.
    pub fn of_file(path: &str, meta: &std::fs::Metadata, id: git2::Oid) -> Entry {
        use std::os::unix::fs::MetadataExt;
        let mut bytes = [0; HASH];
        bytes.copy_from_slice(id.as_bytes());
        Entry {
            path: path.as_bytes().to_vec(),
            ctime: (meta.ctime() as u32, meta.ctime_nsec() as u32),
            mtime: (meta.mtime() as u32, meta.mtime_nsec() as u32),
            dev: meta.dev() as u32,
            ino: meta.ino() as u32,
            mode: if meta.mode() & 0o111 != 0 { 0o100755 } else { 0o100644 },
            uid: meta.uid(),
            gid: meta.gid(),
            size: meta.size() as u32,
            id: bytes,
            flags: 0,
            extended: 0,
        }
    }

    pub fn stage(&self) -> u16 {
        (self.flags & FLAG_STAGE) >> 12
    }

    /// `git add --intent-to-add`: a path without content yet.
    pub fn intent_to_add(&self) -> bool {
        self.extended & 0x2000 != 0
    }
}

/// An index as read: its entries in path order and the extensions worth keeping.
pub struct Index {
    version: u32,
    pub entries: Vec<Entry>,
    /// The cached trees (`TREE`), kept so git stays fast; invalidated along changed paths.
    trees: Option<Vec<u8>>,
    /// Paths changed since `trees` was last brought up to date: invalidated all at once when the
    /// index is written (one parse of the extension, not one per path: an import changes 10,000).
    stale: Vec<Vec<u8>>,
    /// Other optional extensions that do not depend on byte offsets (`REUC`), kept as they are.
    kept: Vec<([u8; 4], Vec<u8>)>,
    /// The checksum at the end of the file as read or last written (zeros: none was written).
    pub checksum: [u8; HASH],
}

/// Reads the index at `path`, keeping only the entries `wanted` accepts (all of them to patch
/// and write it back). `None` when there is no index.
pub fn read(path: &Path, wanted: &dyn Fn(&[u8]) -> bool) -> Result<Option<Index>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    parse(&bytes, wanted).map(Some).with_context(|| format!("{} is not an index sirt reads", path.display()))
}

fn parse(bytes: &[u8], wanted: &dyn Fn(&[u8]) -> bool) -> Result<Index> {
    ensure!(bytes.len() >= 12 + HASH && &bytes[..4] == SIGNATURE, "no index signature");
    let version = be32(bytes, 4);
    ensure!((2..=4).contains(&version), "index version {version}");
    let count = be32(bytes, 8) as usize;
    let (body, checksum) = bytes.split_at(bytes.len() - HASH);
    // All zeros: written with git's `index.skipHash`, which leaves the checksum out.
    ensure!(
        checksum.iter().all(|b| *b == 0) || Sha1::digest(body).as_slice() == checksum,
        "a wrong checksum"
    );
    let mut at = 12;
    let mut entries = Vec::new();
    let mut path: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        ensure!(at + STAT + HASH + 2 <= body.len(), "entry past the end");
        let word = |i: usize| be32(body, start + 4 * i);
        let mut id = [0; HASH];
        id.copy_from_slice(&body[start + STAT..start + STAT + HASH]);
        let flags = u16::from_be_bytes([body[start + STAT + HASH], body[start + STAT + HASH + 1]]);
        at = start + STAT + HASH + 2;
        let mut extended = 0;
        if flags & FLAG_EXTENDED != 0 {
            ensure!(version >= 3 && at + 2 <= body.len(), "extended flags in version {version}");
            extended = u16::from_be_bytes([body[at], body[at + 1]]);
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
        } else {
            let end = at + nul(&body[at..])?;
            path.clear();
            path.extend_from_slice(&body[at..end]);
            // Padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
            at = start + (end - start + 8) / 8 * 8;
            ensure!(at <= body.len(), "padding past the end");
        }
        if !wanted(&path) {
            continue;
        }
        entries.push(Entry {
            path: path.clone(),
            ctime: (word(0), word(1)),
            mtime: (word(2), word(3)),
            dev: word(4),
            ino: word(5),
            mode: word(6),
            uid: word(7),
            gid: word(8),
            size: word(9),
            id,
            flags: flags & !NAME_MASK,
            extended,
        });
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
    let checksum = checksum.try_into().expect("a hash's length");
    Ok(Index { version, entries, trees, stale: Vec::new(), kept, checksum })
}

impl Index {
    /// The index of a repository that has none yet.
    pub fn empty() -> Index {
        Index {
            version: 4,
            entries: Vec::new(),
            trees: None,
            stale: Vec::new(),
            kept: Vec::new(),
            checksum: [0; HASH],
        }
    }

    /// Puts `entry` in place of the entry of its path, or adds it.
    pub fn set(&mut self, entry: Entry) {
        self.invalidate(&entry.path);
        match self.entries.binary_search_by(|e| e.path.as_slice().cmp(&entry.path)) {
            Ok(i) => {
                let Entry { flags, extended, .. } = self.entries[i];
                // Keep flags such as skip-worktree that the user set on the path.
                self.entries[i] = Entry { flags, extended, ..entry };
            }
            Err(i) => self.entries.insert(i, entry),
        }
    }

    /// [`Index::set`] for many entries at once: the new paths are merged into the sorted list in
    /// one pass, not inserted one by one (10,000 inserts would each shift the list).
    pub fn set_all(&mut self, entries: Vec<Entry>) {
        let mut added = Vec::new();
        for entry in entries {
            match self.entries.binary_search_by(|e| e.path.as_slice().cmp(&entry.path)) {
                Ok(_) => self.set(entry),
                Err(_) => {
                    self.invalidate(&entry.path);
                    added.push(entry);
                }
            }
        }
        if added.is_empty() {
            return;
        }
        added.sort_by(|a, b| a.path.cmp(&b.path));
        added.dedup_by(|later, earlier| later.path == earlier.path);
        let old = std::mem::take(&mut self.entries);
        self.entries.reserve(old.len() + added.len());
        let mut added = added.into_iter().peekable();
        for entry in old {
            while added.peek().is_some_and(|a| a.path < entry.path) {
                self.entries.push(added.next().expect("peeked"));
            }
            self.entries.push(entry);
        }
        self.entries.extend(added);
    }

    /// Removes the entry of `path`, if any.
    pub fn remove(&mut self, path: &[u8]) {
        if let Ok(i) = self.entries.binary_search_by(|e| e.path.as_slice().cmp(path)) {
            self.invalidate(path);
            self.entries.remove(i);
        }
    }

    /// Whether any path is in conflict (has entries at stages 1 to 3).
    pub fn has_conflicts(&self) -> bool {
        self.entries.iter().any(|e| e.stage() != 0)
    }

    #[cfg(test)]
    pub fn get(&self, path: &[u8]) -> Option<&Entry> {
        self.entries.binary_search_by(|e| e.path.as_slice().cmp(path)).ok().map(|i| &self.entries[i])
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

    /// Writes the index through `index.lock`, as git does: the whole file is written, then
    /// renamed over the old one. Written as version 4 (paths as the change from the one
    /// before), which is a third smaller for a sharded store. Not flushed to disk, as git does
    /// not by default: the index only remembers stat data, the commit is already durable, and
    /// an index lost to a power cut is rebuilt from the commit. Flushing 1.5 MB would double
    /// the cost of a one-file change.
    pub fn write(&mut self, git_dir: &Path) -> Result<()> {
        ensure!(!self.has_conflicts(), "the index holds a conflict; resolve it with git first");
        self.settle_trees();
        let version = self.version.max(4);
        let mut out = Vec::with_capacity(self.entries.len() * 80 + 64 * 1024);
        out.extend_from_slice(SIGNATURE);
        out.extend_from_slice(&version.to_be_bytes());
        out.extend_from_slice(&(self.entries.len() as u32).to_be_bytes());
        let mut previous: &[u8] = &[];
        for entry in &self.entries {
            for word in [
                entry.ctime.0,
                entry.ctime.1,
                entry.mtime.0,
                entry.mtime.1,
                entry.dev,
                entry.ino,
                entry.mode,
                entry.uid,
                entry.gid,
                entry.size,
            ] {
                out.extend_from_slice(&word.to_be_bytes());
            }
            out.extend_from_slice(&entry.id);
            let extended = entry.extended != 0;
            let flags = (entry.flags & !(FLAG_EXTENDED | NAME_MASK))
                | if extended { FLAG_EXTENDED } else { 0 }
                | entry.path.len().min(NAME_MASK as usize) as u16;
            out.extend_from_slice(&flags.to_be_bytes());
            if extended {
                out.extend_from_slice(&entry.extended.to_be_bytes());
            }
            let common = previous.iter().zip(&entry.path).take_while(|(a, b)| a == b).count();
            put_varint(&mut out, (previous.len() - common) as u64);
            out.extend_from_slice(&entry.path[common..]);
            out.push(0);
            previous = &entry.path;
        }
        if let Some(trees) = &self.trees {
            put_extension(&mut out, b"TREE", trees);
        }
        for (signature, data) in &self.kept {
            put_extension(&mut out, signature, data);
        }
        let checksum = Sha1::digest(&out);
        out.extend_from_slice(&checksum);
        let checksum: [u8; HASH] = checksum.into();

        let lock = git_dir.join("index.lock");
        let mut file =
            OpenOptions::new().write(true).create_new(true).open(&lock).with_context(|| {
                format!("cannot lock the index: {} exists or cannot be made", lock.display())
            })?;
        let written = file.write_all(&out);
        drop(file);
        if let Err(e) = written.and_then(|()| std::fs::rename(&lock, git_dir.join("index"))) {
            let _ = std::fs::remove_file(&lock);
            return Err(e).context("cannot write the index");
        }
        self.checksum = checksum;
        Ok(())
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

/// One node of the `TREE` extension: a directory, how many index entries it covers (`-1`: not
/// known, to be rehashed), its tree id when known, and its subdirectories.
struct CachedTree<'a> {
    name: &'a [u8],
    entries: i64,
    id: Option<&'a [u8]>,
    children: Vec<CachedTree<'a>>,
}

/// The `TREE` extension with every directory on the way to each of `paths` marked unknown, as
/// git does when a path changes. `None` if the extension does not parse: it is then dropped,
/// which only costs git a rehash.
fn invalidate_trees(data: &[u8], paths: &[Vec<u8>]) -> Option<Vec<u8>> {
    let mut at = 0;
    let mut root = parse_tree(data, &mut at)?;
    if at != data.len() {
        return None;
    }
    for path in paths {
        let mut node = &mut root;
        let mut dirs = path.split(|b| *b == b'/').collect::<Vec<_>>();
        dirs.pop();
        node.entries = -1;
        node.id = None;
        for dir in dirs {
            let Some(child) = node.children.iter_mut().find(|c| c.name == dir) else { break };
            child.entries = -1;
            child.id = None;
            node = child;
        }
    }
    let mut out = Vec::with_capacity(data.len());
    put_tree(&mut out, &root);
    Some(out)
}

fn parse_tree<'a>(data: &'a [u8], at: &mut usize) -> Option<CachedTree<'a>> {
    let rest = data.get(*at..)?;
    let name_end = rest.iter().position(|b| *b == 0)?;
    let name = &rest[..name_end];
    let line_end = rest.iter().position(|b| *b == b'\n')?;
    let counts = std::str::from_utf8(rest.get(name_end + 1..line_end)?).ok()?;
    let (entries, subtrees) = counts.split_once(' ')?;
    let entries: i64 = entries.parse().ok()?;
    let subtrees: usize = subtrees.parse().ok()?;
    *at += line_end + 1;
    let id = if entries >= 0 {
        let id = data.get(*at..*at + HASH)?;
        *at += HASH;
        Some(id)
    } else {
        None
    };
    let children = (0..subtrees).map(|_| parse_tree(data, at)).collect::<Option<Vec<_>>>()?;
    Some(CachedTree { name, entries, id, children })
}

fn put_tree(out: &mut Vec<u8>, tree: &CachedTree) {
    out.extend_from_slice(tree.name);
    out.push(0);
    out.extend_from_slice(format!("{} {}\n", tree.entries, tree.children.len()).as_bytes());
    if let (true, Some(id)) = (tree.entries >= 0, tree.id) {
        out.extend_from_slice(id);
    }
    for child in &tree.children {
        put_tree(out, child);
    }
}

fn be32(bytes: &[u8], at: usize) -> u32 {
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
