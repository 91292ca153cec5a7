//! The objects of one change, serialized, hashed and compressed here and written to the store
//! as one pack. Going through libgit2's object database instead costs, per object, a lookup that
//! misses on disk and so re-lists the pack directory, and then a delta search over the whole
//! change: a second or more for an import of 10,000 tenants. Deltas are made later, when
//! [`super::Git::maintain`] rolls the small packs up.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use flate2::{Compress, Compression, FlushCompress, Status};
use git2::{ObjectType, Oid, Repository, Tree};

use super::PathChange;
use sha1::{Digest, Sha1};

/// How the pack and index being written are named until they are complete (git's own temporary
/// files there start with `tmp_`, which `git gc` cleans up too).
pub(super) const TEMP_PREFIX: &str = "tmp_sirt_";

/// A tree entry's mode for a directory and for an ordinary file.
pub(super) const DIR_MODE: i32 = 0o040000;
pub(super) const FILE_MODE: i32 = 0o100644;

/// The objects of a change, each appended to a pack in memory as it is added.
pub(super) struct NewObjects {
    pack: Vec<u8>,
    /// Each object's id, offset in the pack and CRC-32 of its entry, for the pack's index.
    entries: Vec<(Oid, u64, u32)>,
    deflate: Compress,
    /// A pack must not hold an object twice (two files of one content, say).
    seen: HashSet<Oid>,
}

impl NewObjects {
    pub fn new() -> NewObjects {
        // The header's object count is filled in when the pack is finished.
        let mut pack = Vec::with_capacity(64 * 1024);
        pack.extend_from_slice(b"PACK\0\0\0\x02\0\0\0\0");
        NewObjects {
            pack,
            entries: Vec::new(),
            deflate: Compress::new(Compression::fast(), true),
            seen: HashSet::new(),
        }
    }

    /// Adds an object and returns its id.
    pub fn add(&mut self, kind: ObjectType, content: &[u8]) -> Result<Oid> {
        let oid = hash_object(kind, content);
        if self.seen.insert(oid) {
            let offset = self.pack.len();
            encode(&mut self.deflate, &mut self.pack, kind, content)?;
            let crc = crc32fast::hash(&self.pack[offset..]);
            self.entries.push((oid, offset as u64, crc));
        }
        Ok(oid)
    }

    /// Adds many blobs, hashed and compressed on every core (an import's 10,000 tenant files);
    /// returns their ids in order.
    pub fn add_blobs(&mut self, contents: &[&[u8]]) -> Result<Vec<Oid>> {
        if contents.len() <= 256 {
            // Few: compressed here, with this pack's compressor (a new one is 200 KB to set up).
            return contents.iter().map(|content| self.add(ObjectType::Blob, content)).collect();
        }
        let parts = crate::parallel::by_chunks(
            contents,
            crate::parallel::cores(),
            |part| -> Result<Vec<(Oid, Vec<u8>)>> {
                let mut deflate = Compress::new(Compression::fast(), true);
                part.iter()
                    .map(|content| {
                        let mut entry = Vec::new();
                        encode(&mut deflate, &mut entry, ObjectType::Blob, content)?;
                        Ok((hash_object(ObjectType::Blob, content), entry))
                    })
                    .collect()
            },
        );
        let mut oids = Vec::with_capacity(contents.len());
        for part in parts {
            for (oid, entry) in part? {
                if self.seen.insert(oid) {
                    self.entries.push((oid, self.pack.len() as u64, crc32fast::hash(&entry)));
                    self.pack.extend_from_slice(&entry);
                }
                oids.push(oid);
            }
        }
        Ok(oids)
    }

    /// The finished pack (header with the object count, objects, and the SHA-1 of all that) and
    /// its index (version 2, as `git index-pack` writes it).
    pub fn finish(mut self) -> (Vec<u8>, Vec<u8>) {
        let count = self.entries.len() as u32;
        self.pack[8..12].copy_from_slice(&count.to_be_bytes());
        let checksum = Sha1::digest(&self.pack);
        self.pack.extend_from_slice(&checksum);
        let mut entries = self.entries;
        entries.sort_unstable_by_key(|(oid, _, _)| *oid);
        let mut idx = Vec::with_capacity(1032 + entries.len() * 28 + 40);
        idx.extend_from_slice(b"\xfftOc\0\0\0\x02");
        let mut fanout = [0u32; 256];
        for (oid, _, _) in &entries {
            fanout[oid.as_bytes()[0] as usize] += 1;
        }
        let mut below = 0;
        for n in fanout {
            below += n;
            idx.extend_from_slice(&below.to_be_bytes());
        }
        for (oid, _, _) in &entries {
            idx.extend_from_slice(oid.as_bytes());
        }
        for (_, _, crc) in &entries {
            idx.extend_from_slice(&crc.to_be_bytes());
        }
        // Offsets past 2 GiB go to a table of 8-byte offsets, named by index with the top bit set.
        let mut large = Vec::new();
        for (_, offset, _) in &entries {
            let small = match u32::try_from(*offset) {
                Ok(small) if small < 0x8000_0000 => small,
                _ => {
                    large.extend_from_slice(&offset.to_be_bytes());
                    0x8000_0000 | (large.len() / 8 - 1) as u32
                }
            };
            idx.extend_from_slice(&small.to_be_bytes());
        }
        idx.extend_from_slice(&large);
        idx.extend_from_slice(&checksum);
        let idx_checksum = Sha1::digest(&idx);
        idx.extend_from_slice(&idx_checksum);
        (self.pack, idx)
    }

    /// Writes the pack and its index into `pack_dir` (a store's `objects/pack`), both on disk
    /// before this returns: under temporary names, flushed together, renamed (the index last,
    /// as git does, so no reader finds an index without its pack), then the directory flushed.
    ///
    /// The pack is kept (`pack-….keep`, git's own mark, as `git receive-pack` leaves one until it
    /// has moved the refs) until the branch names its commit: a repack running in the background
    /// must not roll it up while nothing refers to its objects yet. Returns the keep file, for
    /// [`super::Git::advance`] to remove.
    pub fn write_to(self, pack_dir: &Path) -> Result<std::path::PathBuf> {
        let (pack, idx) = self.finish();
        let name = format!("pack-{}", hex(&pack[pack.len() - 20..]));
        let keep = pack_dir.join(format!("{name}.keep"));
        std::fs::write(&keep, KEEP_TEXT).with_context(|| format!("cannot write {}", keep.display()))?;
        let temp = |kind: &str| pack_dir.join(format!("{TEMP_PREFIX}{}.{kind}", std::process::id()));
        let (temp_pack, temp_idx) = (temp("pack"), temp("idx"));
        let written = std::thread::scope(|scope| {
            let packing = scope.spawn(|| write_read_only(&temp_pack, &pack));
            let indexed = write_read_only(&temp_idx, &idx);
            packing.join().unwrap_or_else(|_| Err(anyhow::anyhow!("writing the pack failed"))).and(indexed)
        });
        let renamed = written.and_then(|()| {
            std::fs::rename(&temp_pack, pack_dir.join(format!("{name}.pack")))?;
            std::fs::rename(&temp_idx, pack_dir.join(format!("{name}.idx")))?;
            Ok(())
        });
        if let Err(e) = renamed {
            let _ = std::fs::remove_file(&temp_pack);
            let _ = std::fs::remove_file(&temp_idx);
            let _ = std::fs::remove_file(&keep);
            return Err(e.context(format!("cannot write a pack into {}", pack_dir.display())));
        }
        std::fs::File::open(pack_dir)?.sync_all()?;
        Ok(keep)
    }
}

/// What a keep file sirt writes says, so that one a crash left behind is known as sirt's.
pub(super) const KEEP_TEXT: &str = "sirt: until the branch names this pack's commit\n";

/// Writes a new file that nobody may change (as git makes pack files) and flushes it to disk.
fn write_read_only(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o444);
    let mut file = options.open(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends one pack entry to `out`: type and size (four bits of size in the first byte, then
/// seven per byte), then the content, zlib-compressed.
/// An object's id, as git names it: the SHA-1 of a header and the content. Hashed here with the
/// processor's SHA-1 instructions rather than by libgit2's SHA-1 with collision detection, which
/// costs several times more. The ids are the same for any content but a crafted collision, and
/// git looks for those whenever the objects are fetched or checked with `git fsck`.
pub(super) fn hash_object(kind: ObjectType, content: &[u8]) -> Oid {
    let mut sha = Sha1::new();
    sha.update(format!("{} {}\0", kind.str(), content.len()).as_bytes());
    sha.update(content);
    Oid::from_bytes(&sha.finalize()).expect("a SHA-1 is 20 bytes")
}

fn encode(deflate: &mut Compress, out: &mut Vec<u8>, kind: ObjectType, content: &[u8]) -> Result<()> {
    let code: u8 = match kind {
        ObjectType::Commit => 1,
        ObjectType::Tree => 2,
        ObjectType::Blob => 3,
        _ => bail!("a change holds no {kind} objects"),
    };
    let mut size = content.len();
    let mut byte = (code << 4) | (size & 0x0f) as u8;
    size >>= 4;
    while size > 0 {
        out.push(byte | 0x80);
        byte = (size & 0x7f) as u8;
        size >>= 7;
    }
    out.push(byte);
    deflate.reset();
    let mut input = content;
    loop {
        out.reserve(input.len() + input.len() / 8 + 64);
        let before = deflate.total_in();
        let status = deflate.compress_vec(input, out, FlushCompress::Finish)?;
        input = &input[(deflate.total_in() - before) as usize..];
        if status == Status::StreamEnd {
            return Ok(());
        }
    }
}

/// Adds to `objects` the trees of `base` with `changes` applied and returns the top one's id;
/// `None` for a directory left empty, which is dropped from its parent and never written (it
/// would be a dangling object). Unchanged directories are not read: their entries are kept as
/// the base names them.
pub(super) fn write_tree(
    repo: &Repository,
    objects: &mut NewObjects,
    base: Option<&Tree<'_>>,
    changes: &[PathChange],
) -> Result<Option<Oid>> {
    let mut entries: BTreeMap<Vec<u8>, (i32, Oid)> = base
        .map(|tree| tree.iter().map(|e| (e.name_bytes().to_vec(), (e.filemode(), e.id()))).collect())
        .unwrap_or_default();
    let mut subdirs: BTreeMap<&str, Vec<PathChange>> = BTreeMap::new();
    for (components, blob) in changes {
        match components.as_slice() {
            [name] => match blob {
                Some(oid) => {
                    entries.insert(name.as_bytes().to_vec(), (FILE_MODE, *oid));
                }
                None => {
                    entries.remove(name.as_bytes());
                }
            },
            [dir, rest @ ..] => subdirs.entry(dir).or_default().push((rest.to_vec(), *blob)),
            [] => bail!("empty path in a change"),
        }
    }
    for (dir, sub_changes) in subdirs {
        let sub_base = match entries.get(dir.as_bytes()) {
            Some((mode, oid)) if *mode == DIR_MODE => Some(repo.find_tree(*oid)?),
            _ => None,
        };
        match write_tree(repo, objects, sub_base.as_ref(), &sub_changes)? {
            Some(sub) => entries.insert(dir.as_bytes().to_vec(), (DIR_MODE, sub)),
            None => entries.remove(dir.as_bytes()),
        };
    }
    if entries.is_empty() {
        return Ok(None);
    }
    let mut entries: Vec<(Vec<u8>, i32, Oid)> =
        entries.into_iter().map(|(name, (mode, oid))| (name, mode, oid)).collect();
    Ok(Some(objects.add(ObjectType::Tree, &tree_bytes(&mut entries))?))
}

/// The top tree of a commit: a store with every file deleted still has one, empty.
pub(super) fn write_root(
    repo: &Repository,
    objects: &mut NewObjects,
    base: Option<&Tree<'_>>,
    changes: &[PathChange],
) -> Result<Oid> {
    match write_tree(repo, objects, base, changes)? {
        Some(tree) => Ok(tree),
        None => objects.add(ObjectType::Tree, &[]),
    }
}

/// The bytes of a tree object holding `entries` (name, mode, id), in git's order: by name, a
/// directory's name read as if it ended in `/`.
pub(super) fn tree_bytes(entries: &mut [(Vec<u8>, i32, Oid)]) -> Vec<u8> {
    let key = |name: &[u8], mode: i32| -> Vec<u8> {
        let mut key = name.to_vec();
        if mode == DIR_MODE {
            key.push(b'/');
        }
        key
    };
    entries.sort_by_cached_key(|(name, mode, _)| key(name, *mode));
    let mut bytes = Vec::with_capacity(entries.len() * 48);
    for (name, mode, oid) in entries.iter() {
        write!(bytes, "{mode:o} ").expect("writing to memory");
        bytes.extend_from_slice(name);
        bytes.push(0);
        bytes.extend_from_slice(oid.as_bytes());
    }
    bytes
}

/// Who made a commit and when, as a commit header line writes it: `Name <email> 1700000000 +0000`.
pub(super) fn signature_line(signature: &git2::Signature<'_>) -> Vec<u8> {
    let when = signature.when();
    let offset = when.offset_minutes();
    let sign = if offset < 0 || when.sign() == '-' { '-' } else { '+' };
    let offset = offset.abs();
    let mut line = Vec::new();
    line.extend_from_slice(signature.name_bytes());
    line.extend_from_slice(b" <");
    line.extend_from_slice(signature.email_bytes());
    write!(line, "> {} {sign}{:02}{:02}", when.seconds(), offset / 60, offset % 60)
        .expect("writing to memory");
    line
}

/// The bytes of a commit object, as libgit2 and git write them.
pub(super) fn commit_bytes(
    tree: Oid,
    parents: &[Oid],
    signature: &git2::Signature<'_>,
    message: &str,
) -> Vec<u8> {
    let who = signature_line(signature);
    let mut bytes = Vec::with_capacity(256 + message.len());
    writeln!(bytes, "tree {tree}").expect("writing to memory");
    for parent in parents {
        writeln!(bytes, "parent {parent}").expect("writing to memory");
    }
    for role in ["author", "committer"] {
        bytes.extend_from_slice(role.as_bytes());
        bytes.push(b' ');
        bytes.extend_from_slice(&who);
        bytes.push(b'\n');
    }
    bytes.push(b'\n');
    bytes.extend_from_slice(message.as_bytes());
    bytes
}

/// A commit with a `gpgsig` header holding `signature` after the other headers, each of its line
/// breaks followed by a space, byte for byte as libgit2's `git_commit_create_with_signature`.
pub(super) fn signed_commit_bytes(commit: &[u8], signature: &str) -> Result<Vec<u8>> {
    let end = commit.windows(2).position(|w| w == b"\n\n").context("a commit without a message")?;
    let mut bytes = Vec::with_capacity(commit.len() + signature.len() + 64);
    bytes.extend_from_slice(&commit[..=end]);
    bytes.extend_from_slice(b"gpgsig ");
    bytes.extend_from_slice(signature.replace('\n', "\n ").as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(&commit[end + 1..]);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use git2::{Repository, Signature, Time};

    use super::*;
    use crate::store::fsutil::tests::names as file_names;

    fn repo() -> (tempfile::TempDir, Repository) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        (dir, repo)
    }

    #[test]
    fn trees_are_the_bytes_libgit2_writes_in_git_order() {
        let (_dir, repo) = repo();
        let blob = repo.blob(b"x").unwrap();
        let sub = repo.treebuilder(None).unwrap();
        let mut sub = sub;
        sub.insert("f", blob, FILE_MODE).unwrap();
        let sub = sub.write().unwrap();
        // `a.b` sorts before the directory `a` (read as `a/`), which sorts before `a0`.
        let names =
            [("a0", FILE_MODE, blob), ("a", DIR_MODE, sub), ("a.b", FILE_MODE, blob), ("b", 0o100755, blob)];
        let mut builder = repo.treebuilder(None).unwrap();
        for (name, mode, oid) in names {
            builder.insert(name, oid, mode).unwrap();
        }
        let theirs = builder.write().unwrap();
        let mut entries: Vec<(Vec<u8>, i32, Oid)> =
            names.iter().map(|(n, m, o)| (n.as_bytes().to_vec(), *m, *o)).collect();
        let ours = tree_bytes(&mut entries);
        assert_eq!(Oid::hash_object(ObjectType::Tree, &ours).unwrap(), theirs);
        assert_eq!(repo.odb().unwrap().read(theirs).unwrap().data(), ours.as_slice());
    }

    #[test]
    fn commits_are_the_bytes_libgit2_writes_signed_or_not() {
        let (_dir, repo) = repo();
        let tree = repo.find_tree(repo.treebuilder(None).unwrap().write().unwrap()).unwrap();
        let who = Signature::new("Ana Lima", "ana@example.com", &Time::new(1_763_640_000, 0)).unwrap();
        let first = repo.commit(None, &who, &who, "first\n", &tree, &[]).unwrap();
        let parent = repo.find_commit(first).unwrap();
        let message = "INC-1: note\n\nSirt-Incident: INC-1\n";
        let theirs = repo.commit_create_buffer(&who, &who, message, &tree, &[&parent]).unwrap();
        let ours = commit_bytes(tree.id(), &[first], &who, message);
        assert_eq!(ours, theirs.to_vec());
        let odb = repo.odb().unwrap();
        assert_eq!(odb.read(first).unwrap().data(), commit_bytes(tree.id(), &[], &who, "first\n").as_slice());

        let signature = "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n";
        let signed =
            repo.commit_signed(std::str::from_utf8(&theirs).unwrap(), signature, Some("gpgsig")).unwrap();
        assert_eq!(
            odb.read(signed).unwrap().data(),
            signed_commit_bytes(&ours, signature).unwrap().as_slice()
        );
    }

    #[test]
    fn a_pack_of_new_objects_reads_back_through_libgit2() {
        let (_dir, repo) = repo();
        let mut objects = NewObjects::new();
        let big: Vec<u8> = (0..200_000u32).flat_map(|n| n.to_le_bytes()).collect();
        let small = objects.add(ObjectType::Blob, b"small").unwrap();
        let large = objects.add(ObjectType::Blob, &big).unwrap();
        assert_eq!(objects.add(ObjectType::Blob, b"small").unwrap(), small, "the same content twice");
        let empty = objects.add(ObjectType::Blob, b"").unwrap();
        let many: Vec<Vec<u8>> = (0..1000).map(|n| format!("file {}", n % 600).into_bytes()).collect();
        let many_refs: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
        let many_oids = objects.add_blobs(&many_refs).unwrap();
        assert_eq!(many_oids[5], many_oids[605], "the same content twice, on any core");
        let (pack, idx) = objects.finish();
        // libgit2's indexer, given the same pack, writes the same index byte for byte.
        let odb = repo.odb().unwrap();
        let mut writer = odb.packwriter().unwrap();
        writer.write_all(&pack).unwrap();
        writer.commit().unwrap();
        let name = format!("objects/pack/pack-{}.idx", hex(&pack[pack.len() - 20..]));
        let theirs = std::fs::read(repo.path().join(name)).unwrap();
        assert!(theirs == idx, "the index differs from libgit2's");
        odb.refresh().unwrap();
        assert_eq!(odb.read(small).unwrap().data(), b"small");
        assert_eq!(odb.read(large).unwrap().data(), big.as_slice());
        assert_eq!(odb.read(empty).unwrap().data(), b"");
        for (oid, content) in many_oids.iter().zip(&many) {
            assert_eq!(odb.read(*oid).unwrap().data(), content.as_slice());
        }
    }

    #[test]
    fn a_pack_written_by_sirt_is_read_by_libgit2() {
        let (_dir, repo) = repo();
        let mut objects = NewObjects::new();
        let oids: Vec<Oid> = (0..300)
            .map(|n| objects.add(ObjectType::Blob, format!("blob {n}").as_bytes()).unwrap())
            .collect();
        let pack_dir = repo.path().join("objects/pack");
        let keep = objects.write_to(&pack_dir).unwrap();
        let names = file_names(&pack_dir);
        assert_eq!(names.len(), 3, "a pack, its index and its keep, no temporary files: {names:?}");
        assert!(names[0].ends_with(".idx") && names[1].ends_with(".keep") && names[2].ends_with(".pack"));
        assert_eq!(std::fs::read_to_string(keep).unwrap(), KEEP_TEXT);
        let odb = repo.odb().unwrap();
        odb.refresh().unwrap();
        for (n, oid) in oids.iter().enumerate() {
            assert_eq!(odb.read(*oid).unwrap().data(), format!("blob {n}").as_bytes());
        }
    }
}
