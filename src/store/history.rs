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

    fn diff(&self, old: Option<Oid>, new: Option<Oid>, prefix: &str, out: &mut Vec<Change>) -> Result<()> {
        if old == new {
            return Ok(());
        }
        let old = old.map(|oid| self.repo.find_tree(oid)).transpose()?;
        let new = new.map(|oid| self.repo.find_tree(oid)).transpose()?;
        let (mut i, mut j) = (0, 0);
        loop {
            let (a, b) = (entry(&old, i), entry(&new, j));
            if a.is_none() && b.is_none() {
                break;
            }
            let order = match (&a, &b) {
                // Two files (most entries) order by their names alone.
                (Some(a), Some(b)) if !a.is_tree && !b.is_tree => a.raw.name_bytes().cmp(b.raw.name_bytes()),
                (Some(a), Some(b)) => a.sort_key().cmp(b.sort_key()),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            let (a, b) = match order {
                std::cmp::Ordering::Less => (a, None),
                std::cmp::Ordering::Greater => (None, b),
                std::cmp::Ordering::Equal => (a, b),
            };
            if order != std::cmp::Ordering::Greater {
                i += 1;
            }
            if order != std::cmp::Ordering::Less {
                j += 1;
            }
            if let (Some(a), Some(b)) = (&a, &b)
                && a.id == b.id
                && a.is_tree == b.is_tree
            {
                continue;
            }
            let name = String::from_utf8_lossy(a.as_ref().or(b.as_ref()).expect("one side").raw.name_bytes())
                .into_owned();
            let path = format!("{prefix}{name}");
            let tree_id = |e: &Option<Entry>| e.as_ref().filter(|e| e.is_tree).map(|e| e.id);
            let blob_id = |e: &Option<Entry>| e.as_ref().filter(|e| !e.is_tree).map(|e| e.id);
            if tree_id(&a).is_some() || tree_id(&b).is_some() {
                self.diff(tree_id(&a), tree_id(&b), &format!("{path}/"), out)?;
            }
            if blob_id(&a).is_some() || blob_id(&b).is_some() {
                out.push(Change { path, old: blob_id(&a), new: blob_id(&b) });
            }
        }
        Ok(())
    }
}

/// The `n`th entry of a tree, if there is a tree and such an entry.
fn entry<'t>(tree: &'t Option<git2::Tree<'_>>, n: usize) -> Option<Entry<'t>> {
    let raw = tree.as_ref()?.get(n)?;
    Some(Entry { id: raw.id(), is_tree: raw.filemode() == 0o040000, raw })
}

struct Entry<'t> {
    raw: git2::TreeEntry<'t>,
    id: Oid,
    is_tree: bool,
}

impl Entry<'_> {
    /// git orders a tree's entries by name, a directory as if its name ended in `/`.
    fn sort_key(&self) -> impl Iterator<Item = u8> + '_ {
        self.raw.name_bytes().iter().copied().chain(self.is_tree.then_some(b'/'))
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
}
