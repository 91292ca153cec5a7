//! Reading a store's whole history for `sirt verify`: commits in order, what each one changed,
//! blobs and signatures. Opens bare repositories too (the history in an evidence bundle).
//! Beside `git.rs`, the only code that uses `git2`.

use std::path::Path;

use anyhow::{Context, Result};
use git2::{ErrorCode, ObjectType, Oid, Repository, Sort};

/// One commit, as verify reads it.
#[derive(Debug, Clone)]
pub struct CommitFacts {
    pub id: Oid,
    pub tree: Oid,
    pub parents: Vec<Oid>,
    pub author_name: String,
    pub author_email: String,
    /// The author's time, in seconds: what sirt records as `recorded_at`.
    pub time: i64,
    pub message: String,
    /// The signature (`gpgsig` header) and the bytes it signs, when the commit is signed.
    pub signature: Option<(String, Vec<u8>)>,
}

impl CommitFacts {
    /// `Name <email>`, as events name who recorded them.
    pub fn author(&self) -> String {
        if self.author_email.is_empty() {
            self.author_name.clone()
        } else {
            format!("{} <{}>", self.author_name, self.author_email)
        }
    }

    pub fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or("")
    }
}

/// A file that differs between two trees: its path and blob before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

pub struct History {
    repo: Repository,
}

impl History {
    /// The repository at `dir`, bare or not.
    pub fn open(dir: &Path) -> Result<History> {
        // libgit2 re-hashes every object it reads (SHA-1 with collision detection), which was
        // two thirds of a verify's time; git itself trusts its object store on reads and leaves
        // that check to `git fsck`. Reads only: nothing here writes.
        git2::opts::strict_hash_verification(false);
        let repo =
            Repository::open(dir).with_context(|| format!("{} is not a git repository", dir.display()))?;
        Ok(History { repo })
    }

    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The commit `refs/heads/main` points at.
    pub fn tip(&self) -> Result<Option<Oid>> {
        match self.repo.refname_to_id("refs/heads/main") {
            Ok(oid) => Ok(Some(oid)),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// A revision (`HEAD~3`, a hash, a tag) as a commit id, or `None` when it names no commit.
    pub fn resolve(&self, rev: &str) -> Option<Oid> {
        let object = self.repo.revparse_single(rev).ok()?;
        object.peel_to_commit().ok().map(|c| c.id())
    }

    /// Whether a commit object with this id exists.
    pub fn has_commit(&self, oid: Oid) -> bool {
        self.repo.find_commit(oid).is_ok()
    }

    /// Whether `ancestor` is `tip` or in its history.
    pub fn reaches(&self, tip: Oid, ancestor: Oid) -> bool {
        tip == ancestor || self.repo.graph_descendant_of(tip, ancestor).unwrap_or(false)
    }

    /// Commits reachable from `tip` and not from `hide`, parents before children.
    pub fn walk(&self, tip: Oid, hide: Option<Oid>) -> Result<Vec<Oid>> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
        walk.push(tip)?;
        if let Some(hide) = hide {
            walk.hide(hide)?;
        }
        Ok(walk.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn commit(&self, oid: Oid) -> Result<CommitFacts> {
        let commit = self.repo.find_commit(oid)?;
        let author = commit.author();
        let signature = match self.repo.extract_signature(&oid, None) {
            Ok((sig, data)) => Some((String::from_utf8_lossy(&sig).into_owned(), data.to_vec())),
            Err(_) => None,
        };
        Ok(CommitFacts {
            id: oid,
            tree: commit.tree_id(),
            parents: commit.parent_ids().collect(),
            author_name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            author_email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            time: author.when().seconds(),
            message: String::from_utf8_lossy(commit.message_bytes()).into_owned(),
            signature,
        })
    }

    /// A commit's author time and tree.
    pub fn time_and_tree(&self, commit: Oid) -> Result<(i64, Oid)> {
        let commit = self.repo.find_commit(commit)?;
        Ok((commit.author().when().seconds(), commit.tree_id()))
    }

    pub fn tree_of(&self, commit: Oid) -> Result<Oid> {
        Ok(self.repo.find_commit(commit)?.tree_id())
    }

    pub fn blob(&self, oid: Oid) -> Result<Vec<u8>> {
        Ok(self.repo.find_blob(oid)?.content().to_vec())
    }

    /// The blob at `path` in `tree`.
    pub fn entry(&self, tree: Oid, path: &str) -> Result<Option<Oid>> {
        let tree = self.repo.find_tree(tree)?;
        match tree.get_path(Path::new(path)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Blob) => Ok(Some(entry.id())),
            Ok(_) => Ok(None),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The files that differ between two trees, in path order. Only subtrees whose ids differ
    /// are read, so a commit that changed one file costs one tree per directory level.
    pub fn changes(&self, old: Option<Oid>, new: Option<Oid>) -> Result<Vec<Change>> {
        let mut found = Vec::new();
        self.diff(old, new, "", &mut found)?;
        Ok(found)
    }

    /// Compares two trees from their raw bytes: the bytes both share at the start and at the end
    /// are skipped with a memory comparison, and only the entries between are read. A commit
    /// that changed one file in a directory of thousands reads a handful of entries.
    fn diff(&self, old: Option<Oid>, new: Option<Oid>, prefix: &str, out: &mut Vec<Change>) -> Result<()> {
        if old == new {
            return Ok(());
        }
        let odb = self.repo.odb()?;
        let read = |oid: Option<Oid>| -> Result<Option<git2::OdbObject<'_>>> {
            let Some(oid) = oid else { return Ok(None) };
            let object = odb.read(oid)?;
            if object.kind() != ObjectType::Tree {
                anyhow::bail!("object {oid} is not a tree");
            }
            Ok(Some(object))
        };
        let (old, new) = (read(old)?, read(new)?);
        let a: &[u8] = old.as_ref().map_or(&[], |o| o.data());
        let b: &[u8] = new.as_ref().map_or(&[], |o| o.data());
        let same_start = common_prefix(a, b);
        let most = a.len().min(b.len()) - same_start;
        let same_end = common_prefix_rev(&a[a.len() - most..], &b[b.len() - most..]);
        // The entry that holds the first differing byte starts at the same offset in both.
        let mut start = 0;
        while let Some(next) = next_entry(a, start)? {
            if next.1 > same_start {
                break;
            }
            start = next.1;
        }
        let (mut i, mut j) = (start, start);
        loop {
            // Tails of equal length inside the common end are the same entries.
            if a.len() - i == b.len() - j && a.len() - i <= same_end {
                break;
            }
            let (ea, eb) = (next_entry(a, i)?, next_entry(b, j)?);
            if ea.is_none() && eb.is_none() {
                break;
            }
            let order = match (&ea, &eb) {
                // Two files (most entries) order by their names alone.
                (Some((x, _)), Some((y, _))) if !x.is_tree && !y.is_tree => x.name.cmp(y.name),
                (Some((x, _)), Some((y, _))) => x.sort_key().cmp(y.sort_key()),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            let (x, y) = match order {
                std::cmp::Ordering::Less => (ea, None),
                std::cmp::Ordering::Greater => (None, eb),
                std::cmp::Ordering::Equal => (ea, eb),
            };
            if let Some((_, next)) = x {
                i = next;
            }
            if let Some((_, next)) = y {
                j = next;
            }
            let (x, y) = (x.map(|(e, _)| e), y.map(|(e, _)| e));
            if let (Some(x), Some(y)) = (&x, &y)
                && x.id == y.id
                && x.is_tree == y.is_tree
            {
                continue;
            }
            let name =
                String::from_utf8_lossy(x.as_ref().or(y.as_ref()).expect("one side").name).into_owned();
            let path = format!("{prefix}{name}");
            let tree_id = |e: &Option<Entry>| e.as_ref().filter(|e| e.is_tree).map(|e| e.id);
            let blob_id = |e: &Option<Entry>| e.as_ref().filter(|e| !e.is_tree).map(|e| e.id);
            if tree_id(&x).is_some() || tree_id(&y).is_some() {
                self.diff(tree_id(&x), tree_id(&y), &format!("{path}/"), out)?;
            }
            if blob_id(&x).is_some() || blob_id(&y).is_some() {
                out.push(Change { path, old: blob_id(&x), new: blob_id(&y) });
            }
        }
        Ok(())
    }
}

/// How many bytes `a` and `b` share at the start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 64;
    let mut n = 0;
    let most = a.len().min(b.len());
    while n + STEP <= most && a[n..n + STEP] == b[n..n + STEP] {
        n += STEP;
    }
    while n < most && a[n] == b[n] {
        n += 1;
    }
    n
}

/// How many bytes `a` and `b` (of equal length) share at the end.
fn common_prefix_rev(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 64;
    let len = a.len();
    let mut n = 0;
    while n + STEP <= len && a[len - n - STEP..len - n] == b[len - n - STEP..len - n] {
        n += STEP;
    }
    while n < len && a[len - n - 1] == b[len - n - 1] {
        n += 1;
    }
    n
}

/// The entry of a raw tree at `at`, and where the next one starts; `None` at the end.
fn next_entry(tree: &[u8], at: usize) -> Result<Option<(Entry<'_>, usize)>> {
    if at >= tree.len() {
        return Ok(None);
    }
    let rest = &tree[at..];
    let broken = || anyhow::anyhow!("a tree entry does not read");
    let space = rest.iter().position(|&c| c == b' ').ok_or_else(broken)?;
    let nul = space + rest[space..].iter().position(|&c| c == 0).ok_or_else(broken)?;
    let id = rest.get(nul + 1..nul + 21).ok_or_else(broken)?;
    let entry =
        Entry { name: &rest[space + 1..nul], id: Oid::from_bytes(id)?, is_tree: &rest[..space] == b"40000" };
    Ok(Some((entry, at + nul + 21)))
}

struct Entry<'t> {
    name: &'t [u8],
    id: Oid,
    is_tree: bool,
}

impl Entry<'_> {
    /// git orders a tree's entries by name, a directory as if its name ended in `/`.
    fn sort_key(&self) -> impl Iterator<Item = u8> + '_ {
        self.name.iter().copied().chain(self.is_tree.then_some(b'/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from `(path, content)` pairs, one directory level deep.
    fn tree(repo: &Repository, files: &[(&str, &str)]) -> Oid {
        let mut dirs: std::collections::BTreeMap<&str, Vec<(&str, &str)>> = Default::default();
        let mut root = repo.treebuilder(None).unwrap();
        for (path, content) in files {
            match path.split_once('/') {
                Some((dir, name)) => dirs.entry(dir).or_default().push((name, content)),
                None => {
                    root.insert(path, repo.blob(content.as_bytes()).unwrap(), 0o100644).unwrap();
                }
            }
        }
        for (dir, entries) in dirs {
            let mut sub = repo.treebuilder(None).unwrap();
            for (name, content) in entries {
                sub.insert(name, repo.blob(content.as_bytes()).unwrap(), 0o100644).unwrap();
            }
            root.insert(dir, sub.write().unwrap(), 0o040000).unwrap();
        }
        root.write().unwrap()
    }

    #[test]
    fn changes_follow_git_order_and_descend_only_into_changed_trees() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        // `a.b` sorts before the directory `a` (as `a/`), and `a0` after it.
        let before = tree(
            &repo,
            &[("a.b", "1"), ("a/x", "1"), ("a0", "1"), ("b.c/q", "1"), ("b/q", "1"), ("keep/y", "1")],
        );
        let after = tree(
            &repo,
            &[("a.b", "2"), ("a/x", "1"), ("a/z", "1"), ("b.c/q", "2"), ("b/q", "2"), ("keep/y", "1")],
        );
        let history = History { repo };
        let paths: Vec<(String, bool, bool)> = history
            .changes(Some(before), Some(after))
            .unwrap()
            .into_iter()
            .map(|c| (c.path, c.old.is_some(), c.new.is_some()))
            .collect();
        assert_eq!(
            paths,
            vec![
                ("a.b".into(), true, true),
                ("a/z".into(), false, true),
                ("a0".into(), true, false),
                ("b.c/q".into(), true, true),
                ("b/q".into(), true, true)
            ]
        );
        assert_eq!(history.changes(None, Some(before)).unwrap().len(), 6);
    }

    /// Against libgit2's own tree diff, over trees that differ at the start, in the middle, at
    /// the end, and by entries added and removed.
    #[test]
    fn changes_match_libgit2s_diff() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let names: Vec<String> = (0..300).map(|n| format!("d/INC-{n:04}.toml")).collect();
        let base: Vec<(&str, String)> = names.iter().map(|n| (n.as_str(), "v1".to_string())).collect();
        let variants: Vec<Vec<(&str, String)>> = vec![
            base.iter()
                .enumerate()
                .map(|(k, (n, c))| (*n, if k == 0 { "v2".into() } else { c.clone() }))
                .collect(),
            base.iter()
                .enumerate()
                .map(|(k, (n, c))| (*n, if k == 150 { "v2".into() } else { c.clone() }))
                .collect(),
            base.iter()
                .enumerate()
                .map(|(k, (n, c))| (*n, if k == 299 { "v2".into() } else { c.clone() }))
                .collect(),
            base.iter().enumerate().filter(|(k, _)| k % 97 != 3).map(|(_, e)| e.clone()).collect(),
            base.iter()
                .cloned()
                .chain([("d/INC-0150a.toml", "new".to_string()), ("top", "x".to_string())])
                .collect(),
        ];
        let as_refs = |files: &[(&str, String)]| -> Vec<(String, String)> {
            files.iter().map(|(n, c)| (n.to_string(), c.clone())).collect()
        };
        let build = |files: &[(String, String)]| {
            let refs: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
            tree(&repo, &refs)
        };
        let before = build(&as_refs(&base));
        let afters: Vec<Oid> = variants.iter().map(|v| build(&as_refs(v))).collect();
        let history = History { repo: Repository::open(dir.path()).unwrap() };
        for after in afters {
            for (old, new) in [(before, after), (after, before)] {
                let ours: Vec<String> =
                    history.changes(Some(old), Some(new)).unwrap().into_iter().map(|c| c.path).collect();
                let (old_tree, new_tree) = (repo.find_tree(old).unwrap(), repo.find_tree(new).unwrap());
                let diff = repo.diff_tree_to_tree(Some(&old_tree), Some(&new_tree), None).unwrap();
                let mut theirs: Vec<String> = diff
                    .deltas()
                    .map(|d| {
                        d.new_file().path().or(d.old_file().path()).unwrap().to_string_lossy().into_owned()
                    })
                    .collect();
                theirs.sort();
                let mut sorted = ours.clone();
                sorted.sort();
                assert_eq!(sorted, theirs);
            }
        }
    }
}
