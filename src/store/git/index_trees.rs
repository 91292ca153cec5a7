//! The cached trees of git's index (its `TREE` extension, gitformat-index(5)): each directory's
//! tree id and how many entries it covers, so that git need not hash the whole index again.
//! sirt marks them unknown along the paths it changes, and reads the top one to learn which
//! tree the whole index holds.

use super::index_entry::HASH;

/// One node of the `TREE` extension: a directory, how many index entries it covers (`-1`: not
/// known, to be rehashed), its tree id when known, and its subdirectories.
struct CachedTree<'a> {
    name: &'a [u8],
    entries: i64,
    id: Option<&'a [u8]>,
    children: Vec<CachedTree<'a>>,
}

/// The `TREE` extension with every directory on the way to each of `paths` marked unknown, as
/// git does when a path changes. `None` if the extension does not parse: it is then dropped,
/// which only costs git a rehash.
pub(super) fn invalidate_trees(data: &[u8], paths: &[Vec<u8>]) -> Option<Vec<u8>> {
    let mut at = 0;
    let mut root = parse_tree(data, &mut at)?;
    if at != data.len() {
        return None;
    }
    for path in paths {
        let mut node = &mut root;
        let mut dirs = path.split(|b| *b == b'/').collect::<Vec<_>>();
        dirs.pop();
        node.entries = -1;
        node.id = None;
        for dir in dirs {
            let Some(child) = node.children.iter_mut().find(|c| c.name == dir) else { break };
            child.entries = -1;
            child.id = None;
            node = child;
        }
    }
    let mut out = Vec::with_capacity(data.len());
    put_tree(&mut out, &root);
    Some(out)
}

/// A node's line of the `TREE` extension (name, entry count, subtree count), without its id.
pub(super) struct TreeLine<'a> {
    pub name: &'a [u8],
    pub entries: i64,
    pub subtrees: usize,
}

pub(super) fn parse_tree_line<'a>(data: &'a [u8], at: &mut usize) -> Option<TreeLine<'a>> {
    let rest = data.get(*at..)?;
    let name_end = rest.iter().position(|b| *b == 0)?;
    let name = &rest[..name_end];
    let line_end = rest.iter().position(|b| *b == b'\n')?;
    let counts = std::str::from_utf8(rest.get(name_end + 1..line_end)?).ok()?;
    let (entries, subtrees) = counts.split_once(' ')?;
    let line = TreeLine { name, entries: entries.parse().ok()?, subtrees: subtrees.parse().ok()? };
    *at += line_end + 1;
    Some(line)
}

fn parse_tree<'a>(data: &'a [u8], at: &mut usize) -> Option<CachedTree<'a>> {
    let TreeLine { name, entries, subtrees } = parse_tree_line(data, at)?;
    let id = if entries >= 0 {
        let id = data.get(*at..*at + HASH)?;
        *at += HASH;
        Some(id)
    } else {
        None
    };
    let children = (0..subtrees).map(|_| parse_tree(data, at)).collect::<Option<Vec<_>>>()?;
    Some(CachedTree { name, entries, id, children })
}

fn put_tree(out: &mut Vec<u8>, tree: &CachedTree) {
    out.extend_from_slice(tree.name);
    out.push(0);
    out.extend_from_slice(format!("{} {}\n", tree.entries, tree.children.len()).as_bytes());
    if let (true, Some(id)) = (tree.entries >= 0, tree.id) {
        out.extend_from_slice(id);
    }
    for child in &tree.children {
        put_tree(out, child);
    }
}
