//! Small reads of trees for the incident cache.

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
