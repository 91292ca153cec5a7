//! A store shared through a git remote: the network through the user's `git` command (so ssh
//! config, agents, credential helpers and `GIT_SSH_COMMAND` all work), everything local through
//! [`super::git`]. Fetch and push never force; the merge itself lives in `ops::merge`.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::git::{ChangedPath, GitOperation, Oid};
use super::{Store, fsutil};
use crate::error::UserError;

/// The remote a store syncs with, and its branch.
pub const REMOTE: &str = "origin";
pub const BRANCH: &str = "main";
/// Where the last fetch left the remote's branch.
pub const TRACKING_REF: &str = "refs/remotes/origin/main";
/// Sync bookkeeping, inside `.git/` so it is never committed.
const SYNC_STATE_FILE: &str = "sirt-sync";

/// What this clone remembers about syncing.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SyncState {
    /// When a sync last completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<DateTime<Utc>>,
    /// When sync-after-write last found the remote unreachable; cleared by a sync that works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline_since: Option<DateTime<Utc>>,
}

impl GitOperation {
    /// What a person would call it, and how to get out of it.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            GitOperation::Merge => ("a git merge (or git pull) is half done", "git merge --abort"),
            GitOperation::Rebase => {
                ("a git rebase (or git pull --rebase) is half done", "git rebase --abort")
            }
            GitOperation::CherryPick => ("a git cherry-pick is half done", "git cherry-pick --abort"),
            GitOperation::Revert => ("a git revert is half done", "git revert --abort"),
            GitOperation::Bisect => ("a git bisect is under way", "git bisect reset"),
            GitOperation::Am => ("a git am is half done", "git am --abort"),
            GitOperation::Detached => ("the checkout is not on branch main", "git checkout main"),
        }
    }
}

/// How a fetch went.
#[derive(Debug)]
pub enum Fetched {
    /// The remote's branch, now also at [`TRACKING_REF`].
    Tip(Oid),
    /// The remote has no branch `main` yet: a new remote, waiting for the first push.
    Empty,
}

/// How a push went, when the remote answered.
#[derive(Debug, PartialEq)]
pub enum Pushed {
    Done,
    /// Someone pushed first: fetch, merge and push again.
    Behind,
}

/// A finished `git` subprocess.
struct GitRun {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Store {
    /// A half-done plain git operation in the store, if any.
    pub fn git_operation(&self) -> Option<GitOperation> {
        self.git.operation_in_progress()
    }

    /// Refuses to write while a plain git operation is half done: its conflict markers and
    /// detached checkout are no place to record into.
    pub fn refuse_during_git_operation(&self) -> Result<()> {
        let Some(operation) = self.git_operation() else { return Ok(()) };
        let (what, undo) = operation.describe();
        Err(UserError::new(format!("{what} in the store; nothing was recorded"))
            .hint(format!(
                "undo it with: git -C {} {}; then bring in the team's changes with: sirt sync",
                self.root.display(),
                undo.trim_start_matches("git ")
            ))
            .into())
    }

    pub fn remote_url(&self) -> Option<String> {
        self.git.remote_url(REMOTE)
    }

    /// The remote's branch as of the last fetch.
    pub fn remote_tip(&self) -> Result<Option<Oid>> {
        self.git.branch_tip(TRACKING_REF)
    }

    /// The branch's tip now (not the view of this command).
    pub fn branch_tip(&self) -> Result<Option<Oid>> {
        self.git.tip()
    }

    pub fn ahead_behind(&self, local: Oid, upstream: Oid) -> Result<(usize, usize)> {
        self.git.ahead_behind(local, upstream)
    }

    pub fn merge_base(&self, a: Oid, b: Oid) -> Result<Option<Oid>> {
        self.git.merge_base(a, b)
    }

    pub fn tree_of(&self, commit: Oid) -> Result<Oid> {
        self.git.tree_of(commit)
    }

    /// Paths that differ between two commits (`from` absent: every path of `to`).
    pub fn changed_between(&self, from: Option<Oid>, to: Oid) -> Result<Vec<ChangedPath>> {
        let from = from.map(|c| self.git.tree_of(c)).transpose()?;
        self.git.changed_paths(from, self.git.tree_of(to)?)
    }

    /// A file in a given commit.
    pub fn file_at(&self, commit: Oid, path: &str) -> Result<Option<Vec<u8>>> {
        self.git.file_in(self.git.tree_of(commit)?, path)
    }

    /// The files directly in `dir` of a commit: name and blob. One read of a large directory,
    /// where a lookup per path would read and parse it each time (libgit2 does not cache big trees).
    pub fn files_at(&self, commit: Oid, dir: &str) -> Result<Vec<(String, Oid)>> {
        self.git.files_in(self.git.tree_of(commit)?, dir)
    }

    pub fn blob_bytes(&self, blob: Oid) -> Result<Vec<u8>> {
        self.git.blob(blob)
    }

    pub fn write_blob(&self, content: &[u8]) -> Result<Oid> {
        self.git.write_blob(content)
    }

    pub fn commit_time(&self, commit: Oid) -> Result<i64> {
        self.git.commit_time(commit)
    }

    /// The newest change to a file at any of `paths` (a record's places in both layouts).
    pub fn last_change_to(
        &self,
        paths: &[String],
        tip: Oid,
        base: Option<Oid>,
    ) -> Result<Option<(i64, Oid)>> {
        self.git.last_change_to(paths, tip, base)
    }

    pub fn find_trailer_in(
        &self,
        key: &str,
        value: &str,
        tip: Oid,
        base: Option<Oid>,
    ) -> Result<Option<Oid>> {
        self.git.find_trailer_in(key, value, tip, base)
    }

    /// How many commits the branch has in all (for a remote that has none yet).
    pub fn commits_on_branch(&self) -> Result<usize> {
        match self.git.tip()? {
            Some(tip) => self.git.count_commits(tip),
            None => Ok(0),
        }
    }

    pub fn sync_state(&self) -> SyncState {
        std::fs::read_to_string(self.git.git_dir().join(SYNC_STATE_FILE))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save_sync_state(&self, state: &SyncState) -> Result<()> {
        let text = toml::to_string(state).context("cannot encode the sync state")?;
        fsutil::write_atomic(&self.git.git_dir().join(SYNC_STATE_FILE), text.as_bytes())
    }

    /// `git fetch` of the remote's branch into [`TRACKING_REF`], without force: a remote whose
    /// history was rewritten is refused, not followed.
    pub fn fetch(&self, timeout: Duration, quiet: bool) -> Result<Fetched> {
        self.require_remote()?;
        let refspec = format!("refs/heads/{BRANCH}:{TRACKING_REF}");
        let fetch = || {
            run_git(
                Some(&self.root),
                &["fetch", "--no-tags", "--no-progress", REMOTE, &refspec],
                timeout,
                quiet,
            )
        };
        let run = waiting_out_locks(fetch)?;
        if !run.ok {
            if run.stderr.contains("couldn't find remote ref") {
                return Ok(Fetched::Empty);
            }
            if run.stderr.contains("non-fast-forward") || run.stderr.contains("[rejected]") {
                return Err(UserError::new(format!(
                    "the history of {REMOTE}'s branch {BRANCH} was rewritten (a force push); nothing was merged"
                ))
                .hint("history on the remote must only grow: ask whoever rewrote it to push the old history back, and protect the branch against force pushes (see README)")
                .into());
            }
            return Err(self.unreachable("fetch from", &run.stderr));
        }
        match self.git.branch_tip(TRACKING_REF)? {
            Some(tip) => Ok(Fetched::Tip(tip)),
            None => Ok(Fetched::Empty),
        }
    }

    /// `git push` of the branch, never forced. A push the remote turns down for another reason
    /// than "someone pushed first" (a hook, permissions, a protected branch) is an error.
    pub fn push(&self, timeout: Duration, quiet: bool) -> Result<Pushed> {
        self.require_remote()?;
        let refspec = format!("refs/heads/{BRANCH}:refs/heads/{BRANCH}");
        let run =
            run_git(Some(&self.root), &["push", "--porcelain", "--quiet", REMOTE, &refspec], timeout, quiet)?;
        let status = run.stdout.lines().find(|line| line.contains(&refspec)).map(str::to_string);
        if run.ok {
            if let Some(tip) = self.git.tip()? {
                // By git, as the fetch: a sirt killed while it held the ref's lock itself would
                // leave the lock behind, and every later fetch would fail on it; a git started
                // here runs to its end (and lets go) whatever happens to sirt.
                let tip = tip.to_string();
                let update = ["update-ref", "-m", "sirt: pushed", TRACKING_REF, tip.as_str()];
                let run = waiting_out_locks(|| run_git(Some(&self.root), &update, timeout, true))?;
                if !run.ok {
                    return Err(anyhow!(
                        "cannot record the pushed branch as {TRACKING_REF}: {}",
                        run.stderr.trim()
                    ));
                }
            }
            return Ok(Pushed::Done);
        }
        match status {
            // Someone pushed first: either git saw it before sending, or the remote's own
            // compare-and-swap of the branch lost the race while receiving.
            Some(line)
                if line.starts_with('!')
                    && [
                        "fetch first",
                        "non-fast-forward",
                        "stale info",
                        "failed to update ref",
                        "cannot lock ref",
                    ]
                    .iter()
                    .any(|why| line.contains(why) || run.stderr.contains(why)) =>
            {
                Ok(Pushed::Behind)
            }
            Some(line) => Err(self.refused(&line, &run.stderr)),
            None => Err(self.unreachable("push to", &run.stderr)),
        }
    }

    fn require_remote(&self) -> Result<()> {
        if self.remote_url().is_some() {
            return Ok(());
        }
        Err(UserError::new(format!("this store has no remote named {REMOTE} to sync with"))
            .hint(format!(
                "put it on one: git -C {} remote add {REMOTE} URL, then: sirt sync",
                self.root.display()
            ))
            .into())
    }

    fn unreachable(&self, what: &str, stderr: &str) -> anyhow::Error {
        let url = self.remote_url().unwrap_or_default();
        let why = last_line(stderr);
        let why = if why.is_empty() { "git gave no reason".to_string() } else { why };
        UserError::new(format!("cannot {what} {REMOTE} ({url}): {why}"))
            .hint(format!(
                "check the network and the URL (git -C {} remote -v); your changes stay here, and sirt status shows what is not pushed yet",
                self.root.display()
            ))
            .into()
    }

    fn refused(&self, line: &str, stderr: &str) -> anyhow::Error {
        let reason = line.rsplit('\t').next().unwrap_or(line).trim();
        let detail = last_line(stderr);
        UserError::new(format!(
            "{REMOTE} refused the push: {reason}{}; your changes are committed here and not pushed",
            if detail.is_empty() { String::new() } else { format!(" ({detail})") }
        ))
        .hint("ask the remote's administrator whether you may push to branch main; sirt status shows what waits to be pushed")
        .into()
    }
}

/// `git clone URL DIR` through the user's git.
pub fn clone(url: &str, dir: &Path, timeout: Duration) -> Result<()> {
    let dir_text = dir.to_str().ok_or_else(|| anyhow!("{} is not a UTF-8 path", dir.display()))?;
    let run = run_git(
        None,
        &["clone", "--quiet", "--origin", REMOTE, "--branch", BRANCH, "--", url, dir_text],
        timeout,
        false,
    )?;
    if !run.ok {
        return Err(UserError::new(format!("cannot clone {url}: {}", last_line(&run.stderr)))
            .hint("check the URL and that you may read it: git ls-remote URL")
            .into());
    }
    Ok(())
}

fn last_line(text: &str) -> String {
    let line = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    crate::text::one_line(line.trim_start_matches("fatal: ").trim_start_matches("error: "), 300)
}

/// Runs `git ARGS` (in `dir`) with a time limit; a run past it is killed with its children (an
/// ssh, a credential helper) and reported as unreachable. Messages in English, to be read.
/// Runs `git` again while it fails on a ref's lock, for up to five seconds: a git left running
/// by a killed sirt may still hold the tracking ref for a moment.
fn waiting_out_locks(git: impl Fn() -> Result<GitRun>) -> Result<GitRun> {
    let mut run = git()?;
    for _ in 0..20 {
        if run.ok || !(run.stderr.contains("cannot lock ref") || run.stderr.contains(".lock': File exists")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
        run = git()?;
    }
    Ok(run)
}

fn run_git(dir: Option<&Path>, args: &[&str], timeout: Duration, quiet: bool) -> Result<GitRun> {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new("git");
    if let Some(dir) = dir {
        command.arg("-C").arg(dir);
    }
    command
        .args(args)
        .env("LC_ALL", "C")
        .env("LANGUAGE", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    if quiet {
        // Never wait for a password nobody is there to type.
        command.env("GIT_TERMINAL_PROMPT", "0");
    }
    let mut child = command.spawn().map_err(|e| {
        anyhow!(
            UserError::new(format!("cannot run git: {e}"))
                .hint("install git; sirt talks to remotes through it")
        )
    })?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            // SAFETY: signalling the process group this call created.
            unsafe {
                libc::kill(-(child.id() as i32), libc::SIGKILL);
            }
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out.join().unwrap_or_default();
    let mut stderr = err.join().unwrap_or_default();
    if status.is_none() {
        stderr.push_str(&format!("\nno answer within {} s", timeout.as_secs_f32()));
    }
    Ok(GitRun { ok: status.is_some_and(|s| s.success()), stdout, stderr })
}
