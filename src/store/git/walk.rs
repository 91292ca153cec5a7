//! Walking the branch's history for the values of one trailer, from raw commit objects: what
//! the history index is built and caught up from.

use anyhow::{Result, bail};
use git2::ObjectType;

use super::{CommitInfo, Git, Oid, describe};

/// Commits that carry a trailer, newest first, in the order a default walk of the tip lists them.
pub struct TrailerWalk {
    /// Each commit that names at least one value, with its values (each once, in message order).
    pub commits: Vec<(Oid, Vec<String>)>,
    /// Whether the walk stopped at the base it was given: the commits before it are not listed.
    pub reached_base: bool,
}

impl Git {
    /// The values of `key` trailers in the commits from `tip` down to `base` (not included).
    ///
    /// When the commits above `base` form one line (no merge among them), the order of the
    /// commits from `tip` is theirs followed by the order from `base`, so only they are read.
    /// Otherwise (a merge, or `base` not in the history) the whole history is walked, in the
    /// order libgit2's default walk gives, which is the order `history` has always shown.
    pub fn trailers_since(&self, tip: Oid, base: Option<Oid>, key: &str) -> Result<TrailerWalk> {
        let odb = self.repo.odb()?;
        let mut commits = Vec::new();
        let mut at = Some(tip);
        while let Some(oid) = at {
            if Some(oid) == base {
                return Ok(TrailerWalk { commits, reached_base: true });
            }
            let object = odb.read(oid)?;
            if object.kind() != ObjectType::Commit {
                bail!("object {oid} is not a commit");
            }
            let raw = RawCommit::parse(object.data())?;
            if raw.parents.len() > 1 {
                return self.whole_history(tip, key);
            }
            let values = trailer_values(raw.message, key);
            if !values.is_empty() {
                commits.push((oid, values));
            }
            at = raw.parents.first().copied();
        }
        // The root, without meeting `base`: a line of history read whole.
        Ok(TrailerWalk { commits, reached_base: false })
    }

    fn whole_history(&self, tip: Oid, key: &str) -> Result<TrailerWalk> {
        let odb = self.repo.odb()?;
        let mut walk = self.repo.revwalk()?;
        walk.push(tip)?;
        let mut commits = Vec::new();
        for oid in walk {
            let oid = oid?;
            let object = odb.read(oid)?;
            let values = trailer_values(RawCommit::parse(object.data())?.message, key);
            if !values.is_empty() {
                commits.push((oid, values));
            }
        }
        Ok(TrailerWalk { commits, reached_base: false })
    }

    /// A commit as `history` shows it; `None` when no such commit exists.
    pub fn commit_info(&self, oid: Oid) -> Result<Option<CommitInfo>> {
        match self.repo.find_commit(oid) {
            Ok(commit) => Ok(Some(describe(&commit))),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// The parts of a raw commit object a trailer walk needs.
struct RawCommit<'a> {
    parents: Vec<Oid>,
    message: &'a [u8],
}

impl<'a> RawCommit<'a> {
    fn parse(data: &'a [u8]) -> Result<RawCommit<'a>> {
        let mut parents = Vec::new();
        let mut at = 0;
        // Header lines up to the first empty line; continuation lines (a signature) start with a space.
        while at < data.len() {
            let end = data[at..].iter().position(|&c| c == b'\n').map_or(data.len(), |n| at + n);
            let line = &data[at..end];
            at = end + 1;
            if line.is_empty() {
                return Ok(RawCommit { parents, message: data.get(at..).unwrap_or(&[]) });
            }
            if let Some(hex) = line.strip_prefix(b"parent ") {
                parents.push(Oid::from_str(std::str::from_utf8(hex)?)?);
            }
        }
        Ok(RawCommit { parents, message: &[] })
    }
}

/// The values of the lines `key: value` of a message, as `history` has always matched them: any
/// line, trailing white space ignored.
fn trailer_values(message: &[u8], key: &str) -> Vec<String> {
    let message = String::from_utf8_lossy(message);
    let mut values: Vec<String> = Vec::new();
    for line in message.lines() {
        let Some(rest) = line.trim_end().strip_prefix(key) else { continue };
        let Some(value) = rest.strip_prefix(": ") else { continue };
        if !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailer_values_match_whole_lines_once() {
        let message = b"INC-1: noted\n\nSirt-Incident: INC-1  \nSirt-Incidents: INC-9\nSirt-Incident: INC-2\nSirt-Incident: INC-1\n";
        assert_eq!(trailer_values(message, "Sirt-Incident"), ["INC-1", "INC-2"]);
    }

    #[test]
    fn raw_commits_read_parents_past_a_signature() {
        let data = b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent 1111111111111111111111111111111111111111\nparent 2222222222222222222222222222222222222222\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\ngpgsig -----BEGIN-----\n \n abc\n -----END-----\n\nsubject\n\nSirt-Incident: INC-1\n";
        let raw = RawCommit::parse(data).unwrap();
        assert_eq!(raw.parents.len(), 2);
        assert_eq!(raw.message, b"subject\n\nSirt-Incident: INC-1\n");
    }
}
