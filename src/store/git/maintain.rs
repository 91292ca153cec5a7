//! Keeping the object store small without anyone running `git gc`.

use std::path::Path;
use std::process::{Command, Stdio};

use super::{Git, objects};

/// How many packs a store holds before they are rolled up.
pub(super) const PACKS_BEFORE_REPACK: usize = 16;

/// How many of the 256 directories of loose objects hold one before they are packed: about 150
/// objects. Loose objects come from git itself (a `git commit` by hand leaves five, a small
/// fetch a few dozen) and cost little until there are many; git's own `gc --auto` waits for
/// about 6,700. A repack for every few of them would run beside nearly every command.
const LOOSE_DIRS_BEFORE_REPACK: usize = 128;

impl Git {
    /// Every change is its own small pack; once there are [`PACKS_BEFORE_REPACK`] of them (or
    /// many loose objects that a fetch or another tool left), `git repack --geometric=2` rolls the
    /// small packs into one with deltas, so packs stay few and each roughly twice the size of
    /// the next. Uses the user's `git` (an older one packs everything instead); without one,
    /// nothing is packed (and nothing is lost).
    ///
    /// The change waits for it, under sirt's lock: a quarter of a second in a store of 100,000
    /// commits, every sixteenth change. A repack in the background would return at once, but
    /// git commands the user runs next would race it: it deletes the packs it rolled up and the
    /// emptied loose-object directories, and a `git add` or `git fsck` started meanwhile fails
    /// (the bench's own `git add` did). A pack sirt keeps for a change in the making (see
    /// `objects.rs`) is never touched.
    pub fn maintain(&self, workdir: &Path) {
        let objects = self.repo.path().join("objects");
        let pack_dir = objects.join("pack");
        let mut packs = 0;
        for entry in std::fs::read_dir(&pack_dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // A pack sirt was writing when it died, or the keep of one it wrote for a change
            // that never moved the branch; under the lock, no live writer owns either.
            let stale_keep = name.ends_with(".keep")
                && std::fs::read_to_string(entry.path()).is_ok_and(|text| text == objects::KEEP_TEXT);
            if name.starts_with(objects::TEMP_PREFIX) || stale_keep {
                let _ = std::fs::remove_file(entry.path());
            } else if name.ends_with(".pack") {
                packs += 1;
            }
        }
        let loose = std::fs::read_dir(&objects)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit())
            })
            .count();
        if (packs < PACKS_BEFORE_REPACK && loose < LOOSE_DIRS_BEFORE_REPACK)
            || git_gc_running(self.repo.path())
        {
            return;
        }
        let repack = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(workdir)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        };
        // A git older than 2.32 has no geometric repack; packing everything into one costs more
        // but still keeps the packs from piling up one per change (`-A`: what no branch names,
        // another tool's commit in the making, say, stays as loose objects, not dropped).
        if !repack(&["repack", "-d", "-q", "--geometric=2"]) {
            repack(&["repack", "-A", "-d", "-q"]);
        }
    }
}

/// Whether git's own `gc` is at work in this repository, as git itself decides before starting
/// one: `gc.pid` is less than 12 hours old and names a live process on this machine, or one on
/// another machine sharing the directory. A `git commit` that leaves thousands of loose objects
/// (an import by hand, say) starts one in the background; a second repack beside it would pack
/// the same objects again, on the same two cores.
fn git_gc_running(git_dir: &Path) -> bool {
    let file = git_dir.join("gc.pid");
    let fresh = std::fs::metadata(&file)
        .and_then(|meta| meta.modified())
        .is_ok_and(|at| at.elapsed().map_or(true, |age| age.as_secs() < 12 * 60 * 60));
    if !fresh {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(&file) else { return false };
    let Some((pid, host)) = text.trim_end().split_once(' ') else { return false };
    let Ok(pid) = pid.parse::<libc::pid_t>() else { return false };
    host != this_host() || pid > 0 && alive(pid)
}

/// Whether a process exists, as `kill -0` tells (one owned by another user exists too).
fn alive(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let exists = unsafe { libc::kill(pid, 0) } == 0;
    exists || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

fn this_host() -> String {
    let mut name = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates what fits.
    if unsafe { libc::gethostname(name.as_mut_ptr().cast(), name.len()) } != 0 {
        return String::new();
    }
    let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
    String::from_utf8_lossy(&name[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::store::fsutil::tests::names as file_names;
    use crate::store::git::Author;

    /// A new repository to maintain; `None` without git, since nothing packs without it
    /// (`.ci/test` installs it).
    fn repository() -> Option<(tempfile::TempDir, Git)> {
        Command::new("git").arg("--version").output().ok()?;
        let dir = tempfile::tempdir().unwrap();
        let git = Git::init(dir.path()).unwrap();
        Some((dir, git))
    }

    /// Sixteen changes make sixteen packs; the repack after them rolls them up before the change
    /// returns.
    #[test]
    fn packs_are_rolled_up() {
        let Some((dir, git)) = repository() else { return };
        let who = Author { name: "A", email: "a@example.com" };
        let mut parent = None;
        for n in 0..PACKS_BEFORE_REPACK {
            let files = vec![(format!("f{n}"), Some(format!("{n}").into_bytes()))];
            let prepared = git.prepare(parent, &files, &[], &who, Utc::now(), "m\n", false).unwrap();
            git.advance(&prepared, "m").unwrap();
            parent = Some(prepared.commit);
        }
        let pack_dir = dir.path().join(".git/objects/pack");
        let packs = || file_names(&pack_dir).iter().filter(|name| name.ends_with(".pack")).count();
        assert_eq!(packs(), PACKS_BEFORE_REPACK);
        git.maintain(dir.path());
        assert!(packs() < PACKS_BEFORE_REPACK, "still {} packs", packs());
        let tree = git.tree_of(parent.unwrap()).unwrap();
        assert_eq!(git.file_in(tree, "f7").unwrap().unwrap(), b"7");
    }

    /// Blobs written loose, as another tool would, until `dirs` of the 256 object directories
    /// hold one; returns how many directories hold one.
    fn loose_objects(git: &Git, dirs: usize) -> impl Fn() -> usize {
        let objects = git.repo.path().join("objects");
        let loose_dirs = move || file_names(&objects).iter().filter(|name| name.len() == 2).count();
        let mut n = 0;
        while loose_dirs() < dirs {
            git.repo.blob(format!("loose {n} of {dirs}").as_bytes()).unwrap();
            n += 1;
        }
        loose_dirs
    }

    /// Loose objects another tool left are packed once they fill half of git's object
    /// directories, not before.
    #[test]
    fn many_loose_objects_are_packed_and_a_few_are_left() {
        let Some((dir, git)) = repository() else { return };
        let loose_dirs = loose_objects(&git, 20);
        git.maintain(dir.path());
        assert!(loose_dirs() >= 20, "a few loose objects are left alone");
        let loose_dirs = loose_objects(&git, LOOSE_DIRS_BEFORE_REPACK);
        git.maintain(dir.path());
        assert!(loose_dirs() < LOOSE_DIRS_BEFORE_REPACK, "packed: {} directories left", loose_dirs());
    }

    /// While git's own gc runs (its `gc.pid` names a live process here), sirt does not start a
    /// second repack beside it; a `gc.pid` a dead gc left does not stop it.
    #[test]
    fn no_repack_beside_git_gc() {
        let Some((dir, git)) = repository() else { return };
        let loose_dirs = loose_objects(&git, LOOSE_DIRS_BEFORE_REPACK);
        let gc_pid = git.repo.path().join("gc.pid");
        std::fs::write(&gc_pid, format!("{} {}", std::process::id(), this_host())).unwrap();
        git.maintain(dir.path());
        assert!(loose_dirs() >= LOOSE_DIRS_BEFORE_REPACK, "git's gc packs them");
        std::fs::write(&gc_pid, format!("{} a-machine-sharing-the-directory", std::process::id())).unwrap();
        git.maintain(dir.path());
        assert!(loose_dirs() >= LOOSE_DIRS_BEFORE_REPACK, "a gc on another machine packs them");

        let mut gone = Command::new("git").arg("--version").stdout(Stdio::null()).spawn().unwrap();
        gone.wait().unwrap();
        std::fs::write(&gc_pid, format!("{} {}", gone.id(), this_host())).unwrap();
        git.maintain(dir.path());
        assert!(loose_dirs() < LOOSE_DIRS_BEFORE_REPACK, "a dead gc's pid file is not a gc");
    }
}
