//! The history index: for each incident, the commits that name it in a `Sirt-Incident` trailer,
//! so `sirt history ID` reads a few commits instead of walking all of them.
//!
//! It lives in `.git/sirt-cache/history-v1`, outside the record, keyed by the commit it reaches.
//! When the branch has moved, only the commits since are read; when that commit is no longer in
//! the branch's history, or the file is missing, damaged or from another version, it is built
//! again from the trailers. Whatever the index holds, the answer is what a full walk would give:
//! every commit it lists is read and must carry the trailer, and the whole file is checksummed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;

use super::Store;
use super::git::{CommitInfo, Oid};

const TRAILER: &str = "Sirt-Incident";
const CACHE_DIR: &str = "sirt-cache";
const FILE: &str = "history-v1";

/// What the index's first line must say: its format and the sirt that wrote it.
fn version_line() -> String {
    format!("sirt history index 1 (sirt {})", env!("CARGO_PKG_VERSION"))
}

/// The index in memory: the commit it reaches, and per incident its commits, newest first, as
/// the hashes' text separated by spaces (kept as text: a catch-up only prepends to it).
#[derive(Debug, Default, PartialEq)]
struct HistoryIndex {
    tip: Option<Oid>,
    commits: BTreeMap<String, String>,
}

impl Store {
    /// The commits whose message names incident `id` (a line `Sirt-Incident: ID`), newest first.
    pub fn incident_history(&self, id: &str) -> Result<Vec<CommitInfo>> {
        let Some((tip, _)) = self.view.get() else { return Ok(Vec::new()) };
        let path = self.history_index_path();
        let stored = std::fs::read(&path).ok().and_then(|bytes| HistoryIndex::decode(&bytes));
        if let Some(index) = &stored
            && index.tip == Some(tip)
            && let Some(found) = self.commits_listed(index, id)?
        {
            return Ok(found);
        }
        // Caught up from where the stored index stopped, or built whole if that cannot be trusted.
        let base = stored.filter(|index| index.tip.is_some_and(|t| t != tip));
        let caught_up = base.is_some();
        let mut index = self.history_index_at(tip, base)?;
        let mut found = self.commits_listed(&index, id)?;
        if found.is_none() && caught_up {
            index = self.history_index_at(tip, None)?;
            found = self.commits_listed(&index, id)?;
        }
        // A cache that cannot be written is only slower next time.
        let _ = write_index(&path, &index);
        Ok(found.unwrap_or_default())
    }

    fn history_index_path(&self) -> PathBuf {
        self.git.git_dir().join(CACHE_DIR).join(FILE)
    }

    /// The index at `tip`, from `base` and the commits since when they can be joined.
    fn history_index_at(&self, tip: Oid, base: Option<HistoryIndex>) -> Result<HistoryIndex> {
        let walk = self.git.trailers_since(tip, base.as_ref().and_then(|b| b.tip), TRAILER)?;
        let mut index = match base {
            Some(base) if walk.reached_base => base,
            _ => HistoryIndex::default(),
        };
        index.tip = Some(tip);
        let mut newer: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (commit, values) in &walk.commits {
            for value in values.iter().filter(|v| is_token(v)) {
                newer.entry(value).or_default().push(commit.to_string());
            }
        }
        for (id, hashes) in newer {
            let line = index.commits.entry(id.to_string()).or_default();
            let older = std::mem::take(line);
            *line = hashes.join(" ");
            if !older.is_empty() {
                line.push(' ');
                line.push_str(&older);
            }
        }
        Ok(index)
    }

    /// The commits `index` lists for `id`, read from git; `None` when the index names a commit
    /// that is missing or does not carry the trailer, so it cannot be trusted.
    fn commits_listed(&self, index: &HistoryIndex, id: &str) -> Result<Option<Vec<CommitInfo>>> {
        let Some(hashes) = index.commits.get(id) else { return Ok(Some(Vec::new())) };
        let wanted = format!("{TRAILER}: {id}");
        let mut found = Vec::new();
        for hash in hashes.split(' ') {
            let Ok(oid) = Oid::from_str(hash) else { return Ok(None) };
            let Some(info) = self.git.commit_info(oid)? else { return Ok(None) };
            if !info.message.lines().any(|line| line.trim_end() == wanted) {
                return Ok(None);
            }
            found.push(info);
        }
        Ok(Some(found))
    }
}

/// Whether a trailer value can be a key of the index: one word, as incident ids are.
fn is_token(value: &str) -> bool {
    !value.is_empty() && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl HistoryIndex {
    /// The file's text: the version, the commit it reaches, a checksum of the rest, then one line
    /// per incident: `ID HASH HASH…`.
    fn encode(&self) -> Vec<u8> {
        let mut body = String::new();
        for (id, hashes) in &self.commits {
            body.push_str(id);
            body.push(' ');
            body.push_str(hashes);
            body.push('\n');
        }
        let tip = self.tip.map(|t| t.to_string()).unwrap_or_default();
        let header = format!("{}\ntip {tip}\ncheck {:016x}\n", version_line(), checksum(body.as_bytes()));
        [header.into_bytes(), body.into_bytes()].concat()
    }

    /// The index a file holds; `None` when it is from another version or does not read whole.
    fn decode(bytes: &[u8]) -> Option<HistoryIndex> {
        let text = std::str::from_utf8(bytes).ok()?;
        let (version, rest) = text.split_once('\n')?;
        if version != version_line() {
            return None;
        }
        let (tip, rest) = rest.split_once('\n')?;
        let (check, body) = rest.split_once('\n')?;
        let tip = Oid::from_str(tip.strip_prefix("tip ")?).ok()?;
        if u64::from_str_radix(check.strip_prefix("check ")?, 16).ok()? != checksum(body.as_bytes()) {
            return None;
        }
        let mut commits = BTreeMap::new();
        for line in body.lines() {
            let (id, hashes) = line.split_once(' ')?;
            commits.insert(id.to_string(), hashes.to_string());
        }
        Some(HistoryIndex { tip: Some(tip), commits })
    }
}

/// Writes the index whole under a name of its own, then renames it into place, so a reader
/// never sees half a file. No fsync: a file lost in a crash is rebuilt.
fn write_index(path: &std::path::Path, index: &HistoryIndex) -> std::io::Result<()> {
    let dir = path.parent().expect("the index lives in a directory");
    std::fs::create_dir_all(dir)?;
    // Named as the incident cache names its own, whose clean-up removes one a crash left behind.
    let temporary = dir.join(format!(
        "tmp-{FILE}-{}-{:08x}",
        std::process::id(),
        crate::clock::random_u64() & 0xffff_ffff
    ));
    let written = std::fs::write(&temporary, index.encode())
        .and_then(|()| crate::store::fsutil::replace_unflushed(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// A fast checksum that tells a damaged or cut file from the one written (not a defence against
/// someone who can write to `.git/`, who could change the record itself).
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        hash = (hash ^ word).wrapping_mul(K).rotate_left(31);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(K).rotate_left(31);
    }
    hash ^ (hash >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HistoryIndex {
        let mut commits = BTreeMap::new();
        commits.insert("INC-AAAA-BBBB".to_string(), format!("{} {}", "1".repeat(40), "2".repeat(40)));
        commits.insert("INC-CCCC-DDDD".to_string(), "3".repeat(40));
        HistoryIndex { tip: Some(Oid::from_str(&"4".repeat(40)).unwrap()), commits }
    }

    #[test]
    fn an_index_reads_back_as_written() {
        let index = sample();
        assert_eq!(HistoryIndex::decode(&index.encode()), Some(index));
    }

    #[test]
    fn a_damaged_cut_or_foreign_index_does_not_read() {
        let bytes = sample().encode();
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] = b'9';
        assert_eq!(HistoryIndex::decode(&flipped), None, "one changed byte");
        assert_eq!(HistoryIndex::decode(&bytes[..bytes.len() - 10]), None, "cut short");
        let text = String::from_utf8(bytes).unwrap().replacen("index 1", "index 2", 1);
        assert_eq!(HistoryIndex::decode(text.as_bytes()), None, "another version");
        assert_eq!(HistoryIndex::decode(b""), None);
    }
}
