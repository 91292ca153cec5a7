//! The primitives of the cache's binary encoding: fixed-width little-endian numbers,
//! length-prefixed text, options and sequences, read without ever panicking; and the checksum
//! that tells a damaged file from a sound one.

use chrono::{DateTime, Utc};

/// Bytes that do not decode as what they should hold.
#[derive(Debug, PartialEq)]
pub struct Corrupt;

pub type Decoded<T> = Result<T, Corrupt>;

#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub fn bool(&mut self, v: bool) {
        self.u8(v as u8);
    }
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
    pub fn time(&mut self, t: DateTime<Utc>) {
        self.u64(t.timestamp() as u64);
        self.u32(t.timestamp_subsec_nanos());
    }
    pub fn opt<T>(&mut self, v: &Option<T>, mut put: impl FnMut(&mut Self, &T)) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                put(self, v);
            }
        }
    }
    pub fn opt_str(&mut self, v: &Option<String>) {
        self.opt(v, |w, s| w.str(s));
    }
    pub fn opt_time(&mut self, v: &Option<DateTime<Utc>>) {
        self.opt(v, |w, t| w.time(*t));
    }
    pub fn seq<T>(&mut self, items: &[T], mut put: impl FnMut(&mut Self, &T)) {
        self.len(items.len());
        for item in items {
            put(self, item);
        }
    }
    pub fn strs(&mut self, items: &[String]) {
        self.seq(items, |w, s| w.str(s));
    }
    /// A word as its place in the vocabulary `all`.
    pub fn word<T: PartialEq>(&mut self, all: &[T], v: &T) {
        self.u8(all.iter().position(|w| w == v).unwrap_or(usize::from(u8::MAX)) as u8);
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    pub fn at(&self) -> usize {
        self.at
    }
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }
    pub fn take(&mut self, n: usize) -> Decoded<&'a [u8]> {
        let end = self.at.checked_add(n).ok_or(Corrupt)?;
        let out = self.bytes.get(self.at..end).ok_or(Corrupt)?;
        self.at = end;
        Ok(out)
    }
    pub fn u8(&mut self) -> Decoded<u8> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Decoded<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| Corrupt)?))
    }
    pub fn u64(&mut self) -> Decoded<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| Corrupt)?))
    }
    pub fn len(&mut self) -> Decoded<usize> {
        let n = self.u32()? as usize;
        // A length longer than what is left is garbage; refusing it here keeps a bad length from
        // reserving gigabytes.
        if n > self.bytes.len() - self.at { Err(Corrupt) } else { Ok(n) }
    }
    pub fn bool(&mut self) -> Decoded<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }
    pub fn str(&mut self) -> Decoded<String> {
        self.str_ref().map(str::to_owned)
    }
    /// Text borrowed from the bytes read.
    pub fn str_ref(&mut self) -> Decoded<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Corrupt)
    }
    pub fn time(&mut self) -> Decoded<DateTime<Utc>> {
        let secs = self.u64()? as i64;
        let nanos = self.u32()?;
        DateTime::from_timestamp(secs, nanos).ok_or(Corrupt)
    }
    pub fn opt<T>(&mut self, mut get: impl FnMut(&mut Self) -> Decoded<T>) -> Decoded<Option<T>> {
        match self.u8()? {
            0 => Ok(None),
            1 => get(self).map(Some),
            _ => Err(Corrupt),
        }
    }
    pub fn opt_str(&mut self) -> Decoded<Option<String>> {
        self.opt(Self::str)
    }
    pub fn opt_time(&mut self) -> Decoded<Option<DateTime<Utc>>> {
        self.opt(Self::time)
    }
    pub fn seq<T>(&mut self, mut get: impl FnMut(&mut Self) -> Decoded<T>) -> Decoded<Vec<T>> {
        // Every item takes at least one byte, so the count is bounded by what is left.
        let n = self.len()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(get(self)?);
        }
        Ok(items)
    }
    pub fn strs(&mut self) -> Decoded<Vec<String>> {
        self.seq(Self::str)
    }
    pub fn word<T: Copy>(&mut self, all: &[T]) -> Decoded<T> {
        all.get(usize::from(self.u8()?)).copied().ok_or(Corrupt)
    }
}

/// A 64-bit checksum of `bytes`, to tell a cache file damaged on disk from a sound one. Not
/// cryptographic: whoever can write `.git/` can change the record itself.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    // Four independent lanes: the multiplications of one block overlap, so a whole bodies file
    // is checked at memory speed.
    let mut lanes =
        [0x2545_f491_4f6c_dd1d_u64, 0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            *lane = (*lane ^ w).wrapping_mul(K).rotate_left(31);
        }
    }
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(K).rotate_left(27);
    }
    for (n, b) in blocks.remainder().iter().enumerate() {
        h = (h ^ (u64::from(*b) << (8 * (n % 8)))).wrapping_mul(K).rotate_left(31);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}
