//! Files written so that a reader sees the old version or the new, never a mix, and that only
//! their owner can read: the store holds names, emails and phone numbers.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Temporary files are named so; `.gitignore` keeps them out of git, and recovery removes them.
pub const TEMP_PREFIX: &str = ".sirt-tmp-";

/// A directory only its owner can enter.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Puts the finished file `temp` in place of `dest` for a file sirt does not flush to disk (the
/// git index, caches, notes): readers see the old file or the new, as with a rename. On Linux
/// the two are swapped and the old one then removed, because a plain rename over an existing
/// file makes ext4 start writing the new file out at once (its guard for programs that forget
/// to flush), which costs half a millisecond for the 2 MB index of a big store and buys nothing
/// for a file that is rebuilt when lost. Elsewhere, or where the swap is not supported, a rename.
pub fn replace_unflushed(temp: &Path, dest: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let (Ok(from), Ok(to)) = (
            std::ffi::CString::new(temp.as_os_str().as_bytes()),
            std::ffi::CString::new(dest.as_os_str().as_bytes()),
        ) else {
            return fs::rename(temp, dest);
        };
        // SAFETY: two NUL-terminated paths that live across the call.
        let swapped = unsafe {
            libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_EXCHANGE)
        };
        if swapped == 0 {
            // `temp` now holds the old file: a crash before this leaves it to the sweep of
            // temporary files, and readers already see the new one.
            return fs::remove_file(temp);
        }
    }
    fs::rename(temp, dest)
}

/// Replaces `path` with `content` so that a reader sees the old file or the new, never a mix:
/// temporary file beside it, fsync, rename, fsync of the directory.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let root = path.parent().context("a file to write has no directory")?;
    // A bare file name (`--out report.md`) lives in the current directory.
    let root = if root.as_os_str().is_empty() { Path::new(".") } else { root };
    let name = path.file_name().context("a file to write has no name")?;
    replace_files(root, &[(name.to_string_lossy().into_owned(), Some(content.to_vec()))])
}

/// Writes files into `dir`, made private if missing, each atomically: a report and its pictures.
pub fn write_into(dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(anyhow::anyhow!(
            crate::error::UserError::new(format!("{} is a file, not a directory", dir.display()))
                .hint("name a directory to write into")
        ));
    }
    let files: Vec<(String, Option<Vec<u8>>)> =
        files.iter().map(|(name, bytes)| (name.to_string(), Some(bytes.to_vec()))).collect();
    replace_files(dir, &files)
}

/// Replaces (or, for `None`, deletes) files under `root`, each atomically, and flushes them to
/// disk before returning.
pub(super) fn replace_files(root: &Path, files: &[(String, Option<Vec<u8>>)]) -> Result<()> {
    write_files(root, files)?.flush()
}

/// What [`write_files`] wrote and has yet to flush to disk.
#[must_use = "files are not on disk until flushed"]
pub(super) struct Unflushed {
    root: PathBuf,
    /// `None`: many files, flushed with one filesystem sync; else the directories whose entries
    /// changed (the few files themselves were flushed before they were renamed into place).
    dirs: Option<Vec<PathBuf>>,
}

impl Unflushed {
    /// Waits until what was written is on disk. Runs on any thread, so that a caller can do other
    /// work (the index) while the disk catches up.
    pub fn flush(self) -> Result<()> {
        match self.dirs {
            None => sync_filesystem(&self.root),
            Some(dirs) => {
                for dir in &dirs {
                    File::open(dir)?.sync_all()?;
                }
                Ok(())
            }
        }
    }
}

/// Replaces (or, for `None`, deletes) files under `root`, each atomically, without waiting for
/// the disk. Many files are written on every core, renamed into place and then flushed with one
/// filesystem sync, not one fsync per file and per directory: importing 10,000 tenants would
/// otherwise spend most of its time waiting on the disk. Until the flush returns, the caller's
/// marker (written durably before) still names the files, so a crash in between is put right by
/// the next command.
pub(super) fn write_files(root: &Path, files: &[(String, Option<Vec<u8>>)]) -> Result<Unflushed> {
    let batch = files.len() > 8;
    let mut dirs: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    for (path, _) in files {
        let dir = root.join(path).parent().context("a file to write has no directory")?.to_path_buf();
        if !dirs.contains(&dir) {
            if !dir.exists() {
                create_private_dir(&dir)?;
            }
            dirs.insert(dir);
        }
    }
    let written: Vec<(&String, &[u8])> =
        files.iter().filter_map(|(path, content)| Some((path, content.as_deref()?))).collect();
    // A few files are written here; a thread costs more than writing them.
    let staged = if batch {
        crate::parallel::by_chunks(&written, crate::parallel::cores(), |part| stage(root, part, batch))
    } else {
        vec![stage(root, &written, batch)]
    };
    let mut result = Ok(());
    let mut temps = Vec::new();
    for part in staged {
        match part {
            Ok(part) => temps.extend(part),
            Err(e) => result = result.and(Err(e)),
        }
    }
    if result.is_ok() {
        result = (|| {
            for (temp, target) in &temps {
                fs::rename(temp, target).with_context(|| format!("cannot replace {}", target.display()))?;
            }
            for (path, content) in files {
                let target = root.join(path);
                if content.is_none() && target.exists() {
                    fs::remove_file(&target)
                        .with_context(|| format!("cannot remove {}", target.display()))?;
                }
            }
            Ok(())
        })();
    }
    for (temp, _) in &temps {
        let _ = fs::remove_file(temp);
    }
    result?;
    Ok(Unflushed { root: root.to_path_buf(), dirs: (!batch).then(|| dirs.into_iter().collect()) })
}

/// Writes `files` under `root`: a new file of a batch in place (nobody can have read half of it,
/// and the caller's marker names it for recovery), any other beside its target, to be renamed
/// over it. Returns the (temporary, target) pairs to rename.
fn stage(root: &Path, files: &[(&String, &[u8])], batch: bool) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut staged = Vec::new();
    let result = stage_into(root, files, batch, &mut staged);
    if result.is_err() {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
    }
    result.map(|()| staged)
}

fn stage_into(
    root: &Path,
    files: &[(&String, &[u8])],
    batch: bool,
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<()> {
    for (path, bytes) in files {
        let target = root.join(path);
        if batch {
            match write_new(&target, bytes, OpenMode::CreateNew, false) {
                Ok(()) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e).with_context(|| format!("cannot write {}", target.display())),
            }
        }
        let name = target.file_name().context("a file to write has no name")?.to_string_lossy();
        let temp = target.with_file_name(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
        staged.push((temp.clone(), target.clone()));
        // One file alone is made durable before it replaces the old one: no marker covers it.
        write_new(&temp, bytes, OpenMode::Replace, !batch)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}

/// Moves files under `root` (from, to; relative), each by one rename, into private
/// directories made as needed; then flushes the filesystem once, as for many written files.
pub(super) fn move_files(root: &Path, moves: &[(String, String)]) -> Result<()> {
    for (from, to) in moves {
        let (from, to) = (root.join(from), root.join(to));
        let dir = to.parent().context("a file to move has no directory")?;
        if !dir.exists() {
            create_private_dir(dir)?;
        }
        fs::rename(&from, &to)
            .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))?;
    }
    if !moves.is_empty() {
        sync_filesystem(root)?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum OpenMode {
    /// Fails if the file exists.
    CreateNew,
    /// Creates or truncates.
    Replace,
}

fn write_new(path: &Path, content: &[u8], mode: OpenMode, fsync: bool) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    match mode {
        OpenMode::CreateNew => options.write(true).create_new(true),
        OpenMode::Replace => options.write(true).create(true).truncate(true),
    };
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(content)?;
    if fsync {
        file.sync_all()?;
    }
    Ok(())
}

/// Flushes every file of the filesystem holding `root` to disk.
fn sync_filesystem(root: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let dir = File::open(root)?;
        // SAFETY: syncfs takes an open file descriptor, which `dir` keeps alive for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error()).context("cannot flush the store to disk");
        }
    }
    #[cfg(not(target_os = "linux"))]
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe {
        libc::sync();
    }
    Ok(())
}

/// Removes everything inside `dir`, keeping `dir` itself.
pub fn empty_dir(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() { fs::remove_dir_all(&path)? } else { fs::remove_file(&path)? }
    }
    Ok(())
}

/// Removes the temporary files a killed writer left in `dir`.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Takes group and other permissions away from the store's top directory, if `git clone` or a
/// hand left them: with it private nothing under it is reachable by others, whatever the modes
/// of the files inside. One `stat` when it already is.
pub fn keep_root_private(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = fs::metadata(root)
        && meta.permissions().mode() & 0o077 != 0
    {
        let _ = fs::set_permissions(root, fs::Permissions::from_mode(0o700));
    }
}

/// Makes every file under `paths` (files or directories, relative to `root`) private again: git
/// restores files with the user's umask (0644), as after `git checkout -- FILE`, and the store
/// holds contact data. Only metadata is read; files already private are not touched.
pub fn keep_private(root: &Path, paths: &[&str]) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fn visit(path: &Path) {
            let Ok(meta) = fs::symlink_metadata(path) else { return };
            if meta.is_dir() {
                if meta.permissions().mode() & 0o077 != 0 {
                    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o700));
                }
                if let Ok(entries) = fs::read_dir(path) {
                    for entry in entries.flatten() {
                        visit(&entry.path());
                    }
                }
            } else if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
                let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
            }
        }
        for path in paths {
            visit(&root.join(path));
        }
    }
    #[cfg(not(unix))]
    let _ = (root, paths);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn an_unflushed_file_takes_the_place_of_the_old_one_or_of_none() {
        let dir = tempfile::tempdir().unwrap();
        let (temp, dest) = (dir.path().join("new.tmp"), dir.path().join("file"));
        std::fs::write(&temp, "first").unwrap();
        replace_unflushed(&temp, &dest).unwrap();
        std::fs::write(&temp, "second").unwrap();
        replace_unflushed(&temp, &dest).unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "second");
        assert!(!temp.exists(), "the old file does not stay behind");
        assert!(replace_unflushed(&temp, &dest).is_err(), "nothing to put in place");
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "second");
    }

    /// The names of the files in `dir`, sorted.
    pub(crate) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_batch_writes_new_files_replaces_old_ones_and_deletes_privately_on_every_core() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("t/0a");
        create_private_dir(&dir).unwrap();
        fs::write(dir.join("old.toml"), b"old").unwrap();
        fs::write(dir.join("gone.toml"), b"gone").unwrap();
        let mut files: Vec<(String, Option<Vec<u8>>)> = (0..40)
            .map(|n| (format!("t/{:02x}/f{n}.toml", n % 7), Some(format!("file {n}").into_bytes())))
            .collect();
        files.push(("t/0a/old.toml".into(), Some(b"new".to_vec())));
        files.push(("t/0a/gone.toml".into(), None));
        replace_files(root.path(), &files).unwrap();
        for (path, content) in &files {
            let on_disk = fs::read(root.path().join(path)).ok();
            assert_eq!(&on_disk, content, "{path}");
            #[cfg(unix)]
            if content.is_some() {
                use std::os::unix::fs::PermissionsExt;
                let mode = fs::metadata(root.path().join(path)).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{path}");
            }
        }
        assert_eq!(names(&dir), ["old.toml"], "no temporary file is left");
    }

    #[test]
    fn one_file_replaces_the_old_one_whole() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("a"), b"before").unwrap();
        let unflushed = write_files(root.path(), &[("a".into(), Some(b"after".to_vec()))]).unwrap();
        assert_eq!(fs::read(root.path().join("a")).unwrap(), b"after");
        // The flush may run on another thread while the caller does other work.
        std::thread::spawn(move || unflushed.flush()).join().unwrap().unwrap();
        assert_eq!(names(root.path()), ["a"]);
    }
}
