//! Small reads of trees for the incident cache.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use git2::{ErrorCode, Oid};

use super::Git;

impl Git {
    /// The object at `path` in `tree` (a file's blob or a directory's tree), if any.
    pub fn entry_id(&self, tree: Oid, path: &str) -> Result<Option<Oid>> {
        let tree = self.repo.find_tree(tree)?;
        match tree.get_path(Path::new(path)) {
            Ok(entry) => Ok(Some(entry.id())),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// One file that differs between two trees: its path, and its blob before and after (`None`
/// where it is absent).
pub type FileChange = (String, Option<Oid>, Option<Oid>);

impl Git {
    /// The files that differ from tree `from` to tree `to`, paths relative to them; `None` when
    /// anything but files changed (a directory removed, a file turned directory, a submodule),
    /// which the caller then lists whole. Only subtrees whose ids differ are read: in a sharded
    /// directory, a handful of small trees. (libgit2's tree diff reads every subtree.)
    pub fn changed_files(&self, from: Oid, to: Oid) -> Result<Option<Vec<FileChange>>> {
        let mut changed = Vec::new();
        Ok(self.diff_trees("", Some(from), to, &mut changed)?.then_some(changed))
    }

    fn diff_trees(
        &self,
        prefix: &str,
        from: Option<Oid>,
        to: Oid,
        out: &mut Vec<FileChange>,
    ) -> Result<bool> {
        let file = |mode: i32| matches!(mode, 0o100644 | 0o100755 | 0o120000);
        let is_tree = |mode: i32| mode == 0o040000;
        let before = from.map(|t| self.repo.find_tree(t)).transpose()?;
        let after = self.repo.find_tree(to)?;
        let mut old: HashMap<String, (Oid, i32)> = HashMap::new();
        if let Some(before) = &before {
            for entry in before.iter() {
                let Some(name) = entry.name() else { return Ok(false) };
                old.insert(name.to_string(), (entry.id(), entry.filemode()));
            }
        }
        for entry in after.iter() {
            let Some(name) = entry.name() else { return Ok(false) };
            let (id, mode) = (entry.id(), entry.filemode());
            let path = format!("{prefix}{name}");
            match old.remove(name) {
                Some((was, _)) if was == id => {}
                Some((was, old_mode)) if file(mode) && file(old_mode) => {
                    out.push((path, Some(was), Some(id)))
                }
                Some((was, old_mode)) if is_tree(mode) && is_tree(old_mode) => {
                    if !self.diff_trees(&format!("{path}/"), Some(was), id, out)? {
                        return Ok(false);
                    }
                }
                Some(_) => return Ok(false),
                None if file(mode) => out.push((path, None, Some(id))),
                None if is_tree(mode) => {
                    if !self.diff_trees(&format!("{path}/"), None, id, out)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        for (name, (was, mode)) in old {
            if !file(mode) {
                return Ok(false);
            }
            out.push((format!("{prefix}{name}"), Some(was), None));
        }
        Ok(true)
    }
}
