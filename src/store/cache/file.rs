//! The two files of the incident cache in `.git/sirt-cache/`, outside anything git tracks:
//!
//! - `incidents.idx`: the `incidents/` tree it was built from, then per incident its id, blob,
//!   what `list` shows of it, and where its folded state lies in the bodies file with that
//!   state's checksum; a checksum of the whole file at the end.
//! - `incidents.dat`: the folded states, one after another, after a random identity.
//!
//! Each starts with a line naming the format, sirt's version, the event schema and the build, so
//! a cache from any other sirt is never read. The index is replaced whole by renaming a finished
//! temporary file over it, so a reader sees a whole old index or a whole new one. The bodies file
//! only grows: the states of changed incidents are appended (under a lock, so two writers do not
//! interleave) before the index that names them is renamed into place, so every body an index
//! names is already written. When it holds more dead bodies than live ones it is written anew
//! under a new identity. The index names its bodies file's identity, and each body's offset,
//! length and checksum, so an index paired with another bodies file is caught body by body.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use super::codec::{Corrupt, Decoded, Reader, Writer, checksum};
use crate::store::Oid;

/// Bumped whenever what the files hold, or how, changes.
const FORMAT: u32 = 3;
const DIR: &str = "sirt-cache";
const INDEX: &str = "incidents.idx";
const BODIES: &str = "incidents.dat";
const TEMP_PREFIX: &str = "tmp-";
/// A temporary file this old was left by a process that died mid-write.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// Where one incident's folded state lies in the bodies file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyRef {
    pub offset: u64,
    pub len: u64,
    pub sum: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// The file does not read; the message is made afresh each time, as it names the store's path.
    Unreadable,
    /// `summary` is a range of the index file's bytes.
    Folded { summary: Range<usize>, body: BodyRef },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub blob: Oid,
    pub state: State,
}

/// The index as read: the `incidents/` tree it describes (`None`: the commit had none) and its
/// entries in id order.
pub struct Index {
    pub tree: Option<Oid>,
    /// The identity of the bodies file the entries lie in.
    pub bodies_id: u64,
    pub entries: Vec<Entry>,
    pub bytes: Vec<u8>,
}

impl Index {
    /// The entry of `id`, if there is exactly one (two files may name one id while a store moves
    /// between layouts; then the caller reads the file).
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        let start = self.entries.partition_point(|e| e.id.as_str() < id);
        match &self.entries[start..] {
            [one, next, ..] if one.id == id && next.id == id => None,
            [one, ..] if one.id == id => Some(one),
            _ => None,
        }
    }

    pub fn summary_bytes(&self, range: &Range<usize>) -> &[u8] {
        self.bytes.get(range.clone()).unwrap_or_default()
    }
}

pub fn dir(git_dir: &Path) -> PathBuf {
    git_dir.join(DIR)
}

/// What both files start with: only the sirt that wrote a cache reads it.
pub fn header(kind: &str) -> String {
    format!(
        "sirt-cache {kind} format={FORMAT} sirt={} schema={} build={:016x}\n",
        env!("CARGO_PKG_VERSION"),
        crate::model::event::SCHEMA,
        build_mark()
    )
}

/// Two builds of one version may fold differently while sirt is being worked on; the
/// executable's size and time tell them apart.
fn build_mark() -> u64 {
    static MARK: OnceLock<u64> = OnceLock::new();
    *MARK.get_or_init(|| {
        let meta = std::env::current_exe().and_then(fs::metadata).ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        let modified = meta
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        checksum(&[size.to_le_bytes(), modified.to_le_bytes()].concat())
    })
}

/// Reads the index, or `None` when it is missing, from another sirt, or damaged in any way.
pub fn read_index(git_dir: &Path) -> Option<Index> {
    let bytes = fs::read(dir(git_dir).join(INDEX)).ok()?;
    parse_index(bytes).ok()
}

/// A cache file of `kind` (its header names it) whose checksum at the end holds, read from
/// just after its header.
pub fn checked<'a>(bytes: &'a [u8], kind: &str) -> Decoded<Reader<'a>> {
    let header = header(kind);
    if !bytes.starts_with(header.as_bytes()) || bytes.len() < header.len() + 8 {
        return Err(Corrupt);
    }
    let (content, sum) = bytes.split_at(bytes.len() - 8);
    if checksum(content).to_le_bytes() != sum {
        return Err(Corrupt);
    }
    let mut r = Reader::new(content);
    r.take(header.len())?;
    Ok(r)
}

pub fn parse_index(bytes: Vec<u8>) -> Decoded<Index> {
    let mut r = checked(&bytes, "index")?;
    let tree = r.opt(read_oid)?;
    let bodies_id = r.u64()?;
    let count = r.len()?;
    let mut entries: Vec<Entry> = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.str()?;
        let blob = read_oid(&mut r)?;
        let state = match r.u8()? {
            0 => State::Unreadable,
            1 => {
                let body = BodyRef { offset: r.u64()?, len: r.u64()?, sum: r.u64()? };
                let len = r.len()?;
                let start = r.at();
                r.take(len)?;
                State::Folded { summary: start..start + len, body }
            }
            _ => return Err(Corrupt),
        };
        if entries.last().is_some_and(|last| last.id > id) {
            return Err(Corrupt);
        }
        entries.push(Entry { id, blob, state });
    }
    if !r.is_done() {
        return Err(Corrupt);
    }
    Ok(Index { tree, bodies_id, entries, bytes })
}

fn read_oid(r: &mut Reader) -> Decoded<Oid> {
    Oid::from_bytes(r.take(20)?).map_err(|_| Corrupt)
}

/// One incident as a new index names it.
pub enum Listed<'a> {
    Unreadable,
    Folded { summary: &'a [u8], body: BodyRef },
}

/// The bytes of an index of `entries` (in id order) for the bodies file `bodies_id`.
pub fn index_bytes(tree: Option<Oid>, bodies_id: u64, entries: &[(&str, Oid, Listed)]) -> Vec<u8> {
    let mut index = Writer::default();
    index.raw(header("index").as_bytes());
    index.opt(&tree, |w, t| w.raw(t.as_bytes()));
    index.u64(bodies_id);
    index.len(entries.len());
    for (id, blob, listed) in entries {
        index.str(id);
        index.raw(blob.as_bytes());
        match listed {
            Listed::Unreadable => index.u8(0),
            Listed::Folded { summary, body } => {
                index.u8(1);
                index.u64(body.offset);
                index.u64(body.len);
                index.u64(body.sum);
                index.len(summary.len());
                index.raw(summary);
            }
        }
    }
    let sum = checksum(&index.bytes);
    index.u64(sum);
    index.bytes
}

/// A new bodies file under a new identity, built in memory.
pub struct NewBodies {
    pub id: u64,
    pub bytes: Vec<u8>,
}

impl NewBodies {
    pub fn new() -> NewBodies {
        let mut id = [0; 8];
        if getrandom::fill(&mut id).is_err() {
            // Any number unlikely to repeat will do: a clash is caught by the checksums anyway.
            let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            id = checksum(&[nanos.to_le_bytes(), u128::from(std::process::id()).to_le_bytes()].concat())
                .to_le_bytes();
        }
        let id = u64::from_le_bytes(id);
        let mut bytes = header("bodies").into_bytes();
        bytes.extend_from_slice(&id.to_le_bytes());
        NewBodies { id, bytes }
    }

    pub fn push(&mut self, body: &[u8]) -> BodyRef {
        let offset = self.bytes.len() as u64;
        self.bytes.extend_from_slice(body);
        BodyRef { offset, len: body.len() as u64, sum: checksum(body) }
    }
}

/// Reads the whole bodies file, if it is the one with identity `id`.
pub fn read_bodies(git_dir: &Path, id: u64) -> Option<Vec<u8>> {
    let bytes = fs::read(dir(git_dir).join(BODIES)).ok()?;
    let start = bodies_start(id);
    bytes.starts_with(&start).then_some(bytes)
}

/// What the bodies file with identity `id` starts with.
fn bodies_start(id: u64) -> Vec<u8> {
    let mut start = header("bodies").into_bytes();
    start.extend_from_slice(&id.to_le_bytes());
    start
}

/// Opens the bodies file if it is the one with identity `id`.
fn open_bodies(git_dir: &Path, id: u64, write: bool) -> Option<File> {
    let mut file = OpenOptions::new().read(true).write(write).open(dir(git_dir).join(BODIES)).ok()?;
    let start = bodies_start(id);
    let mut found = vec![0; start.len()];
    file.read_exact(&mut found).ok()?;
    (found == start).then_some(file)
}

/// Whether the bodies file on disk is the one with identity `id`.
pub fn has_bodies(git_dir: &Path, id: u64) -> bool {
    open_bodies(git_dir, id, false).is_some()
}

/// One body, read on its own from the bodies file `id` and checked.
pub fn read_body(git_dir: &Path, id: u64, body: BodyRef) -> Option<Vec<u8>> {
    let file = open_bodies(git_dir, id, false)?;
    let mut bytes = vec![0; usize::try_from(body.len).ok()?];
    read_at(&file, &mut bytes, body.offset).ok()?;
    (checksum(&bytes) == body.sum).then_some(bytes)
}

/// The bodies file `id` read a window at a time, for bodies asked for in the order they lie:
/// memory stays the size of a window (or of the largest body), not of the file.
pub struct BodyWindow {
    file: File,
    size: u64,
    start: u64,
    bytes: Vec<u8>,
}

/// How much of the bodies file one read brings in.
const WINDOW: u64 = 1 << 20;

impl BodyWindow {
    pub fn open(git_dir: &Path, id: u64) -> Option<BodyWindow> {
        let file = open_bodies(git_dir, id, false)?;
        let size = file.metadata().ok()?.len();
        Some(BodyWindow { file, size, start: 0, bytes: Vec::new() })
    }

    /// One body, checked; `None` when it is not there or damaged.
    pub fn body(&mut self, body: BodyRef) -> Option<&[u8]> {
        let end = body.offset.checked_add(body.len).filter(|end| *end <= self.size)?;
        if body.offset < self.start || end > self.start + self.bytes.len() as u64 {
            let want = body.len.max(WINDOW).min(self.size - body.offset);
            self.bytes.resize(usize::try_from(want).ok()?, 0);
            read_at(&self.file, &mut self.bytes, body.offset).ok()?;
            self.start = body.offset;
        }
        let at = usize::try_from(body.offset - self.start).ok()?;
        let bytes = self.bytes.get(at..at + usize::try_from(body.len).ok()?)?;
        (checksum(bytes) == body.sum).then_some(bytes)
    }
}

/// Appends `bodies` to the bodies file `id`; `None` when it cannot be written, is another file
/// now, or would hold more than twice the `live` bytes the new index names (then it is time to
/// write it anew).
pub fn append(git_dir: &Path, id: u64, bodies: &[&[u8]], live: u64) -> Option<Vec<BodyRef>> {
    let mut file = open_bodies(git_dir, id, true)?;
    file.lock().ok()?;
    let appended = (|| {
        let end = file.seek(SeekFrom::End(0)).ok()?;
        let added: u64 = bodies.iter().map(|b| b.len() as u64).sum();
        if end + added > 2 * live + (1 << 20) {
            return None;
        }
        let mut refs = Vec::with_capacity(bodies.len());
        let mut all = Vec::with_capacity(added as usize);
        for body in bodies {
            refs.push(BodyRef {
                offset: end + all.len() as u64,
                len: body.len() as u64,
                sum: checksum(body),
            });
            all.extend_from_slice(body);
        }
        file.write_all(&all).ok()?;
        Some(refs)
    })();
    let _ = file.unlock();
    appended
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::Seek;
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(bytes)
}

/// The body `body` of a bodies file already in memory, if it is there and intact.
pub fn body_in(bodies: &[u8], body: BodyRef) -> Option<&[u8]> {
    let start = usize::try_from(body.offset).ok()?;
    let bytes = bodies.get(start..start.checked_add(usize::try_from(body.len).ok()?)?)?;
    (checksum(bytes) == body.sum).then_some(bytes)
}

/// Replaces the bodies file, then the index. Best effort: a store that cannot be written (read
/// only, disk full) just goes without a cache, and the command carries on.
pub fn write_both(git_dir: &Path, index: &[u8], bodies: &[u8]) {
    let dir = dir(git_dir);
    if crate::store::create_private_dir(&dir).is_err() {
        return;
    }
    if replace(&dir, BODIES, bodies).is_ok() {
        let _ = replace(&dir, INDEX, index);
    }
    remove_stale_temps(&dir);
}

/// Replaces one file of the cache directory, made if need be. Best effort.
pub fn write_one(git_dir: &Path, name: &str, bytes: &[u8]) {
    let dir = dir(git_dir);
    if crate::store::create_private_dir(&dir).is_ok() {
        let _ = replace(&dir, name, bytes);
    }
}

/// Replaces the index alone, after appending to the bodies file it names. Best effort.
pub fn write_index(git_dir: &Path, index: &[u8]) {
    let _ = replace(&dir(git_dir), INDEX, index);
}

/// Writes a temporary file and renames it over `name`. No fsync: after a power cut, a file
/// that lost its content fails its checksum and is rebuilt from the commit.
fn replace(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let unique = format!(
        "{TEMP_PREFIX}{}-{:x}-{name}",
        std::process::id(),
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let temp = dir.join(unique);
    let written = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        drop(file);
        crate::store::fsutil::replace_unflushed(&temp, &dir.join(name))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Removes temporary files left by a process that died while writing.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if stale && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
