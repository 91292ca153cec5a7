//! One entry of git's index (see `index_file.rs`): as sirt makes it from a file's stat data, and
//! as it lies in the file, in the layout of versions 2 and 3, which sirt also writes.

use super::index_file::be32;

pub(super) const HASH: usize = 20;
/// ctime, mtime (seconds and nanoseconds each), dev, ino, mode, uid, gid, size.
pub(super) const STAT: usize = 40;
pub(super) const FLAG_EXTENDED: u16 = 0x4000;
pub(super) const FLAG_STAGE: u16 = 0x3000;
pub(super) const NAME_MASK: u16 = 0x0fff;

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
}

/// One entry, borrowed from an [`Index`]: its bytes in the file's layout.
#[derive(Clone, Copy)]
pub struct EntryRef<'a> {
    pub(super) raw: &'a [u8],
}

impl<'a> EntryRef<'a> {
    fn word(&self, n: usize) -> u32 {
        be32(self.raw, 4 * n)
    }

    pub(super) fn flags(&self) -> u16 {
        u16::from_be_bytes([self.raw[STAT + HASH], self.raw[STAT + HASH + 1]])
    }

    pub(super) fn extended(&self) -> u16 {
        if self.flags() & FLAG_EXTENDED == 0 {
            return 0;
        }
        u16::from_be_bytes([self.raw[FIXED], self.raw[FIXED + 1]])
    }

    pub fn path(&self) -> &'a [u8] {
        let flags = self.flags();
        let start = FIXED + if flags & FLAG_EXTENDED != 0 { 2 } else { 0 };
        let rest = &self.raw[start..];
        // Checked when read or entered: the flags hold the path's length unless it is 4,095
        // bytes or more, and the path ends with a NUL. Looked up in every search of the index.
        match (flags & NAME_MASK) as usize {
            len if len < NAME_MASK as usize => &rest[..len],
            _ => &rest[..rest.iter().position(|b| *b == 0).unwrap_or(rest.len())],
        }
    }

    pub fn id(&self) -> [u8; HASH] {
        self.raw[STAT..STAT + HASH].try_into().expect("a hash's length")
    }

    pub fn ctime(&self) -> (u32, u32) {
        (self.word(0), self.word(1))
    }

    pub fn mtime(&self) -> (u32, u32) {
        (self.word(2), self.word(3))
    }

    pub fn ino(&self) -> u32 {
        self.word(5)
    }

    pub fn mode(&self) -> u32 {
        self.word(6)
    }

    pub fn size(&self) -> u32 {
        self.word(9)
    }

    pub fn stage(&self) -> u16 {
        (self.flags() & FLAG_STAGE) >> 12
    }

    /// `git add --intent-to-add`: a path without content yet.
    pub fn intent_to_add(&self) -> bool {
        self.extended() & 0x2000 != 0
    }

    pub fn to_owned(self) -> Entry {
        Entry {
            path: self.path().to_vec(),
            ctime: self.ctime(),
            mtime: self.mtime(),
            dev: self.word(4),
            ino: self.ino(),
            mode: self.mode(),
            uid: self.word(7),
            gid: self.word(8),
            size: self.size(),
            id: self.id(),
            flags: self.flags() & !(NAME_MASK | FLAG_EXTENDED),
            extended: self.extended(),
        }
    }
}

/// The fixed part of an entry: stat data, blob id and flags.
pub(super) const FIXED: usize = STAT + HASH + 2;

/// Appends an entry in the layout of versions 2 and 3: `fixed` (stat data, id, flags and any
/// extended flags), the path, and 1 to 8 NULs to a multiple of 8 bytes. The name length in the
/// flags is set from `path`.
pub(super) fn lay_out(out: &mut Vec<u8>, fixed: &[u8], path: &[u8]) {
    let start = out.len();
    out.extend_from_slice(fixed);
    let flags_at = start + STAT + HASH;
    let flags = u16::from_be_bytes([out[flags_at], out[flags_at + 1]]) & !NAME_MASK
        | path.len().min(NAME_MASK as usize) as u16;
    out[flags_at..flags_at + 2].copy_from_slice(&flags.to_be_bytes());
    out.extend_from_slice(path);
    let len = out.len() - start;
    out.resize(start + (len + 8) / 8 * 8, 0);
}

impl Entry {
    /// Appends the entry in the layout of versions 2 and 3.
    pub(super) fn lay_out(&self, out: &mut Vec<u8>) {
        let mut fixed = Vec::with_capacity(FIXED + 2);
        for word in [
            self.ctime.0,
            self.ctime.1,
            self.mtime.0,
            self.mtime.1,
            self.dev,
            self.ino,
            self.mode,
            self.uid,
            self.gid,
            self.size,
        ] {
            fixed.extend_from_slice(&word.to_be_bytes());
        }
        fixed.extend_from_slice(&self.id);
        let extended = self.extended != 0;
        let flags = (self.flags & !(FLAG_EXTENDED | NAME_MASK)) | if extended { FLAG_EXTENDED } else { 0 };
        fixed.extend_from_slice(&flags.to_be_bytes());
        if extended {
            fixed.extend_from_slice(&self.extended.to_be_bytes());
        }
        lay_out(out, &fixed, &self.path);
    }
}
