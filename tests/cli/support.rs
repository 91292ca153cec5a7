//! The isolated world every end-to-end test runs in: a temporary HOME and store, no global or
//! system git configuration, a pinned clock, UTC, no colour.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The pinned "now" of most tests.
pub const NOW: &str = "2026-11-20T12:00:00Z";
pub const ACTOR: &str = "Ana Lima <ana@example.com>";

pub fn sirt_path() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_sirt"))
}

pub struct Env {
    _dir: TempDir,
    pub home: PathBuf,
    pub store: PathBuf,
    pub now: String,
}

impl Env {
    /// A world with an initialized store at `$HOME/store`.
    pub fn new() -> Env {
        let env = Env::bare();
        env.ok(&["init", env.store.to_str().unwrap()]);
        env
    }

    /// A world without a store.
    pub fn bare() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let store = home.join("store");
        Env { _dir: dir, home, store, now: NOW.into() }
    }

    /// `sirt` with the isolated environment; `--store` is passed through `SIRT_STORE`.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same, as a plain process (to spawn several at once).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(sirt_path());
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .env("SIRT_NOW", &self.now)
            .env("SIRT_SEED", "1")
            .env("SIRT_ACTOR", ACTOR)
            .env("SIRT_STORE", &self.store)
            .current_dir(&self.home);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "sirt {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code 1 with an `error:`; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "sirt {args:?} should fail with 1; stderr:\n{stderr}");
        assert!(stderr.starts_with("error: "), "no error: line for {args:?}:\n{stderr}");
        stderr
    }

    /// Opens an incident; returns its id.
    pub fn detect(&self, title: &str, extra: &[&str]) -> String {
        let mut args = vec!["detect", title];
        args.extend(extra);
        self.ok(&args).trim().to_string()
    }

    /// An incident detected at 08:00 and confirmed at 09:00 on the pinned day.
    pub fn declared(&self, title: &str) -> String {
        let id = self.detect(title, &["--severity", "sev2", "--at", "2026-11-20T08:00:00Z"]);
        self.ok(&["confirm", &id, "--at", "2026-11-20T09:00:00Z"]);
        id
    }

    pub fn git(&self, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&self.store)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Commits whatever the working tree holds with plain git, as a user editing by hand would.
    pub fn commit_by_hand(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&[
            "-c",
            "user.name=Hand Editor",
            "-c",
            "user.email=hand@example.com",
            "commit",
            "-qm",
            message,
        ]);
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"]).trim().parse().unwrap()
    }

    /// Every file under `dir` of the store (in its shards too), with its bytes, sorted: what a
    /// refused command must leave untouched.
    pub fn files_in(&self, dir: &str) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, files);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    files.push((path, bytes));
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.store.join(dir), &mut files);
        files.sort();
        files
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

impl Env {
    /// The exit code of a run.
    pub fn code(&self, args: &[&str]) -> i32 {
        self.run(args).status.code().unwrap_or_else(|| panic!("sirt {args:?} was killed"))
    }

    /// The incident's file in the working tree (`incidents/<XX>/<ID>.toml`).
    pub fn incident_file(&self, id: &str) -> PathBuf {
        self.store.join(incident_rel(id))
    }

    /// The tenant's file in the working tree (`tenants/<XX>/<ID>.toml`).
    pub fn tenant_file(&self, id: &str) -> PathBuf {
        self.store.join(tenant_rel(id))
    }

    /// A file as commit `rev` holds it, `None` if it does not.
    pub fn file_at(&self, rev: &str, path: &str) -> Option<Vec<u8>> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&self.store)
            .args(["show", &format!("{rev}:{path}")])
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        out.status.success().then_some(out.stdout)
    }

    /// Edits `sirt.toml` (each `(old, new)` replaced once, then `append` added) and commits it
    /// by hand, as a user would, so the store stays clean.
    pub fn edit_settings(&self, replace: &[(&str, &str)], append: &str) {
        let path = self.store.join("sirt.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (old, new) in replace {
            assert!(text.contains(old), "sirt.toml has no {old:?}:\n{text}");
            text = text.replacen(old, new, 1);
        }
        text.push_str(append);
        std::fs::write(&path, text).unwrap();
        self.commit_by_hand("settings changed by hand");
    }

    /// The values of trailer `key` of the last commit, one per line.
    pub fn trailer(&self, key: &str) -> String {
        self.git(&["log", "-1", &format!("--format=%(trailers:key={key},valueonly)")]).trim().to_string()
    }

    /// Writes an `sh` script into the temporary HOME; returns an EDITOR value that runs it.
    pub fn editor(&self, name: &str, script: &str) -> String {
        let path = self.home.join(name);
        std::fs::write(&path, script).unwrap();
        format!("sh {}", path.display())
    }
}

/// An `sh` script that appends `text` to the file it is given (for `EDITOR`).
pub fn appending(text: &str) -> String {
    format!("cat >> \"$1\" <<'SIRT_EOF'\n{text}SIRT_EOF\n")
}

/// What a refused or no-op command must leave as it was: the commits, every record file, and
/// the working tree's status.
pub type Untouched = (usize, Vec<(PathBuf, Vec<u8>)>, Vec<(PathBuf, Vec<u8>)>, String);

impl Env {
    pub fn untouched(&self) -> Untouched {
        (
            self.commit_count(),
            self.files_in("incidents"),
            self.files_in("tenants"),
            self.git(&["status", "--porcelain", "--untracked-files=all"]),
        )
    }

    pub fn assert_untouched(&self, before: &Untouched, args: &[&str]) {
        let after = self.untouched();
        assert_eq!(after.0, before.0, "sirt {args:?} made a commit");
        assert!(after.1 == before.1, "sirt {args:?} changed an incident file");
        assert!(after.2 == before.2, "sirt {args:?} changed a tenant file");
        assert_eq!(after.3, before.3, "sirt {args:?} changed the working tree");
    }

    /// Runs a step that must be refused: exit 1, an `error:` line and a `hint:` line, no commit,
    /// no record file written or changed. Returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.untouched();
        let stderr = self.fails(args);
        assert!(stderr.lines().any(|l| l.starts_with("hint: ")), "no hint: line for {args:?}:\n{stderr}");
        self.assert_untouched(&before, args);
        stderr
    }

    /// Runs a step that succeeds but has nothing to record, and says so. Returns stderr.
    pub fn nothing_recorded(&self, args: &[&str]) -> String {
        let before = self.untouched();
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "sirt {args:?}:\n{stderr}");
        self.assert_untouched(&before, args);
        assert!(
            stderr.contains("nothing recorded"),
            "sirt {args:?} does not say nothing was recorded:\n{stderr}"
        );
        stderr
    }

    /// Runs a step that must make exactly one commit. Returns stderr.
    pub fn one_commit(&self, args: &[&str]) -> String {
        let commits = self.commit_count();
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "sirt {args:?}:\n{stderr}");
        assert_eq!(self.commit_count(), commits + 1, "sirt {args:?} should make exactly one commit");
        stderr
    }
}

/// The first `hint:` line of stderr, without its prefix.
/// Where a store made by `sirt init` keeps an incident, relative to the store.
pub fn incident_rel(id: &str) -> String {
    sirt::store::layout::Layout::Sharded.incident_path(id)
}

/// Where a store made by `sirt init` keeps a tenant, relative to the store.
pub fn tenant_rel(id: &str) -> String {
    sirt::store::layout::Layout::Sharded.tenant_path(id)
}

pub fn hint_of(stderr: &str) -> &str {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("hint: "))
        .unwrap_or_else(|| panic!("no hint: line in:\n{stderr}"))
}

/// Every `hint:` line of stderr, without the prefix, joined.
pub fn hints(stderr: &str) -> String {
    stderr.lines().filter_map(|l| l.strip_prefix("hint: ")).collect::<Vec<_>>().join("\n")
}

/// Fails listing every needle that `text` lacks.
pub fn assert_has_all(text: &str, what: &str, needles: &[&str]) {
    let missing: Vec<&&str> = needles.iter().filter(|n| !text.contains(**n)).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:?}:\n{text}");
}

/// `script` (util-linux) running sirt on a pseudo-terminal of `cols` × `rows`, in the test's
/// isolated environment but without `NO_COLOR`, so colour is the terminal's to decide.
pub fn on_pty(env: &Env, args: &[&str], cols: usize, rows: usize) -> std::process::Command {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = format!("stty cols {cols} rows {rows}; exec {}", quote(sirt_path().to_str().unwrap()));
    for arg in args {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-q", "-e", "-c", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TZ", "UTC")
        .env("TERM", "xterm")
        .env("SIRT_NOW", &env.now)
        .env("SIRT_ACTOR", ACTOR)
        .env("SIRT_STORE", &env.store)
        .current_dir(&env.home)
        .stdin(std::process::Stdio::null());
    cmd
}
