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

/// Replaces (or, for `None`, deletes) files under `root`, each atomically. Many files are
/// written, renamed into place and then flushed with one filesystem sync, not one fsync per
/// file and per directory: importing 10,000 tenants would otherwise spend most of its time
/// waiting on the disk. Until that sync returns, the caller's marker (written durably before)
/// still names the files, so a crash in between is put right by the next command.
pub(super) fn replace_files(root: &Path, files: &[(String, Option<Vec<u8>>)]) -> Result<()> {
    let batch = files.len() > 8;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut dirs: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    let result = (|| -> Result<()> {
        for (path, content) in files {
            let target = root.join(path);
            let dir = target.parent().context("a file to write has no directory")?.to_path_buf();
            if !dirs.contains(&dir) {
                if !dir.exists() {
                    create_private_dir(&dir)?;
                }
                dirs.insert(dir.clone());
            }
            if let Some(bytes) = content {
                // A new file of a batch is written in place: nobody can have read half of it,
                // and until the sync below the caller's marker names it for recovery.
                if batch && !target.exists() {
                    write_new(&target, bytes, false)
                        .with_context(|| format!("cannot write {}", target.display()))?;
                    continue;
                }
                let name = target.file_name().context("a file to write has no name")?.to_string_lossy();
                let temp = dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
                write_new(&temp, bytes, !batch)
                    .with_context(|| format!("cannot write {}", target.display()))?;
                staged.push((temp, target));
            }
        }
        for (temp, target) in staged.drain(..) {
            fs::rename(&temp, &target).with_context(|| format!("cannot replace {}", target.display()))?;
        }
        for (path, content) in files {
            let target = root.join(path);
            if content.is_none() && target.exists() {
                fs::remove_file(&target).with_context(|| format!("cannot remove {}", target.display()))?;
            }
        }
        if batch {
            sync_filesystem(root)?;
        } else {
            for dir in &dirs {
                File::open(dir)?.sync_all()?;
            }
        }
        Ok(())
    })();
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
    result
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

fn write_new(path: &Path, content: &[u8], fsync: bool) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
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
