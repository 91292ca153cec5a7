//! The objects of one change, serialized, hashed and compressed here and written to the store
//! as one pack. Going through libgit2's object database instead costs, per object, a lookup that
//! misses on disk and so re-lists the pack directory, and then a delta search over the whole
//! change: a second or more for an import of 10,000 tenants. Deltas are made later, when
//! [`super::Git::maintain`] rolls the small packs up.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context, Result, bail};
use flate2::{Compress, Compression, FlushCompress, Status};
use git2::{ObjectType, Oid};
use sha1::{Digest, Sha1};

/// A tree entry's mode for a directory and for an ordinary file.
pub(super) const DIR_MODE: i32 = 0o040000;
pub(super) const FILE_MODE: i32 = 0o100644;

/// The objects of a change, each appended to a pack in memory as it is added.
pub(super) struct NewObjects {
    pack: Vec<u8>,
    count: u32,
    deflate: Compress,
    /// A pack must not hold an object twice (two files of one content, say).
    seen: HashSet<Oid>,
}

impl NewObjects {
    pub fn new() -> NewObjects {
        // The header's object count is filled in when the pack is finished.
        let mut pack = Vec::with_capacity(64 * 1024);
        pack.extend_from_slice(b"PACK\0\0\0\x02\0\0\0\0");
        NewObjects { pack, count: 0, deflate: Compress::new(Compression::fast(), true), seen: HashSet::new() }
    }

    /// Adds an object and returns its id.
    pub fn add(&mut self, kind: ObjectType, content: &[u8]) -> Result<Oid> {
        let oid = Oid::hash_object(kind, content)?;
        if self.seen.insert(oid) {
            encode(&mut self.deflate, &mut self.pack, kind, content)?;
            self.count += 1;
        }
        Ok(oid)
    }

    /// Adds many blobs, hashed and compressed on every core (an import's 10,000 tenant files);
    /// returns their ids in order.
    pub fn add_blobs(&mut self, contents: &[&[u8]]) -> Result<Vec<Oid>> {
        let threads = if contents.len() > 256 { crate::parallel::cores() } else { 1 };
        let parts = crate::parallel::by_chunks(contents, threads, |part| -> Result<Vec<(Oid, Vec<u8>)>> {
            let mut deflate = Compress::new(Compression::fast(), true);
            part.iter()
                .map(|content| {
                    let mut entry = Vec::new();
                    encode(&mut deflate, &mut entry, ObjectType::Blob, content)?;
                    Ok((Oid::hash_object(ObjectType::Blob, content)?, entry))
                })
                .collect()
        });
        let mut oids = Vec::with_capacity(contents.len());
        for part in parts {
            for (oid, entry) in part? {
                if self.seen.insert(oid) {
                    self.pack.extend_from_slice(&entry);
                    self.count += 1;
                }
                oids.push(oid);
            }
        }
        Ok(oids)
    }

    /// The finished pack: header with the object count, objects, and the SHA-1 of all that.
    pub fn into_pack(mut self) -> Vec<u8> {
        self.pack[8..12].copy_from_slice(&self.count.to_be_bytes());
        let checksum = Sha1::digest(&self.pack);
        self.pack.extend_from_slice(&checksum);
        self.pack
    }
}

/// Appends one pack entry to `out`: type and size (four bits of size in the first byte, then
/// seven per byte), then the content, zlib-compressed.
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
    use super::*;
    use git2::{Repository, Signature, Time};

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
        let odb = repo.odb().unwrap();
        let mut writer = odb.packwriter().unwrap();
        writer.write_all(&objects.into_pack()).unwrap();
        writer.commit().unwrap();
        odb.refresh().unwrap();
        assert_eq!(odb.read(small).unwrap().data(), b"small");
        assert_eq!(odb.read(large).unwrap().data(), big.as_slice());
        assert_eq!(odb.read(empty).unwrap().data(), b"");
        for (oid, content) in many_oids.iter().zip(&many) {
            assert_eq!(odb.read(*oid).unwrap().data(), content.as_slice());
        }
    }
}
