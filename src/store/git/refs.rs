//! Moving the store's branch, `refs/heads/main`, the way git does it: take `main.lock`, check
//! that the branch still points where the change started, write the new id and flush it, add a
//! line to the branch's reflog and to HEAD's, rename the lock over the branch, flush the
//! directory. libgit2 does the same through its reference database, but reads the git
//! configuration for each move and flushes each reflog and its directory too: a third of a
//! millisecond of every change. The reflogs are a convenience git keeps for people (the branch
//! and its commits are the record), so, as with git's own defaults, they are not flushed.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use git2::Oid;

/// The branch, relative to `.git`.
const BRANCH: &str = "refs/heads/main";

/// Who moved the branch and when, as a reflog line names them.
pub(super) struct Mover<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub seconds: i64,
}

/// Moves the branch from `from` (`None`: it does not exist yet) to `to`, provided it still points
/// at `from`. An error when git holds the lock or the branch moved.
pub(super) fn move_branch(
    git_dir: &Path,
    from: Option<Oid>,
    to: Oid,
    who: &Mover,
    message: &str,
) -> Result<()> {
    let heads = git_dir.join("refs/heads");
    std::fs::create_dir_all(&heads).with_context(|| format!("cannot create {}", heads.display()))?;
    let lock_path = heads.join("main.lock");
    let mut lock = OpenOptions::new().write(true).create_new(true).open(&lock_path).with_context(|| {
        format!("cannot lock the branch: {} exists or cannot be made", lock_path.display())
    })?;
    let moved = (|| -> Result<()> {
        let current = tip(git_dir)?;
        if current != from {
            bail!("the branch points at {}, not at {}", describe(current), describe(from));
        }
        lock.write_all(format!("{to}\n").as_bytes())?;
        lock.sync_data()?;
        // One line, as git writes it: old and new ids, who, when, and the message.
        let line = format!(
            "{} {to} {} <{}> {} +0000\t{}\n",
            current.unwrap_or_else(Oid::zero),
            one_line(who.name),
            one_line(who.email),
            who.seconds,
            one_line(message)
        );
        append(&git_dir.join("logs").join(BRANCH), &line);
        if head_is_branch(git_dir) {
            append(&git_dir.join("logs/HEAD"), &line);
        }
        std::fs::rename(&lock_path, heads.join("main"))?;
        File::open(&heads)?.sync_all()?;
        Ok(())
    })();
    if moved.is_err() {
        let _ = std::fs::remove_file(&lock_path);
    }
    moved
}

/// Where the branch points: its own file, else its line in `packed-refs` (where `git gc` and
/// `git pack-refs` move it), else nowhere.
pub(super) fn tip(git_dir: &Path) -> Result<Option<Oid>> {
    match std::fs::read_to_string(git_dir.join(BRANCH)) {
        Ok(text) => {
            let text = text.trim();
            return Oid::from_str(text).map(Some).with_context(|| {
                format!("{BRANCH} holds '{}', not a commit id", crate::text::escape_controls(text))
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {BRANCH}")),
    }
    let packed = match std::fs::read_to_string(git_dir.join("packed-refs")) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).context("cannot read packed-refs"),
    };
    for line in packed.lines() {
        if let Some(id) = line.strip_suffix(BRANCH).and_then(|rest| rest.strip_suffix(' ')) {
            return Ok(Some(Oid::from_str(id).with_context(|| format!("packed-refs names {BRANCH} oddly"))?));
        }
    }
    Ok(None)
}

fn head_is_branch(git_dir: &Path) -> bool {
    std::fs::read_to_string(git_dir.join("HEAD")).is_ok_and(|head| head.trim() == format!("ref: {BRANCH}"))
}

/// Appends a reflog line, making the log if it is missing. Best effort: a reflog that cannot be
/// written costs git's history of the branch's moves a line, not the change.
fn append(log: &Path, line: &str) {
    if let Some(dir) = log.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut file) = OpenOptions::new().append(true).create(true).open(log) {
        let _ = file.write_all(line.as_bytes());
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn describe(id: Option<Oid>) -> String {
    id.map_or_else(|| "nothing".to_string(), |id| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mover() -> Mover<'static> {
        Mover { name: "Ana Lima", email: "ana@example.com", seconds: 1_790_000_000 }
    }

    /// The branch moves only from where it was, git reads the result, and each move is a line
    /// of both reflogs.
    #[test]
    fn the_branch_moves_only_from_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        std::fs::write(dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
        let git_dir = dir.path().join(".git");
        let sig = git2::Signature::now("A", "a@example.com").unwrap();
        let tree = repo.find_tree(repo.treebuilder(None).unwrap().write().unwrap()).unwrap();
        let first = repo.commit(None, &sig, &sig, "one", &tree, &[]).unwrap();
        let parent = repo.find_commit(first).unwrap();
        let second = repo.commit(None, &sig, &sig, "two", &tree, &[&parent]).unwrap();

        move_branch(&git_dir, None, first, &mover(), "sirt: one").unwrap();
        assert!(move_branch(&git_dir, None, second, &mover(), "sirt: again").is_err(), "it exists now");
        assert!(move_branch(&git_dir, Some(second), first, &mover(), "sirt: x").is_err(), "not from there");
        move_branch(&git_dir, Some(first), second, &mover(), "sirt: two\nlines").unwrap();
        assert_eq!(repo.refname_to_id(BRANCH).unwrap(), second);
        assert!(!git_dir.join("refs/heads/main.lock").exists());
        let log = std::fs::read_to_string(git_dir.join("logs/refs/heads/main")).unwrap();
        assert_eq!(log.lines().count(), 2);
        assert!(log.ends_with(&format!(
            "{first} {second} Ana Lima <ana@example.com> 1790000000 +0000\tsirt: two lines\n"
        )));
        assert_eq!(std::fs::read_to_string(git_dir.join("logs/HEAD")).unwrap(), log);
        let reflog = repo.reflog(BRANCH).unwrap();
        assert_eq!(reflog.len(), 2);
        assert_eq!(reflog.get(0).unwrap().id_new(), second);

        // A lock git holds is left alone, and nothing moves.
        std::fs::write(git_dir.join("refs/heads/main.lock"), "git's").unwrap();
        assert!(move_branch(&git_dir, Some(second), first, &mover(), "sirt: x").is_err());
        assert_eq!(std::fs::read_to_string(git_dir.join("refs/heads/main.lock")).unwrap(), "git's");
        assert_eq!(tip(&git_dir).unwrap(), Some(second));
    }

    /// A branch that `git pack-refs` moved into `packed-refs` is found there and moved out.
    #[test]
    fn a_packed_branch_is_found_and_moved() {
        let dir = tempfile::tempdir().unwrap();
        let git_dir = dir.path().join(".git");
        std::fs::create_dir_all(git_dir.join("refs/heads")).unwrap();
        let (a, b) = (Oid::from_str(&"a".repeat(40)).unwrap(), Oid::from_str(&"b".repeat(40)).unwrap());
        std::fs::write(
            git_dir.join("packed-refs"),
            format!("# pack-refs with: peeled fully-peeled sorted \n{a} refs/heads/main\n{b} refs/heads/mainline\n"),
        )
        .unwrap();
        assert_eq!(tip(&git_dir).unwrap(), Some(a));
        move_branch(&git_dir, Some(a), b, &mover(), "sirt: m").unwrap();
        assert_eq!(tip(&git_dir).unwrap(), Some(b));
    }
}
