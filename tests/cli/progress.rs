//! Progress of `sync` and `verify`: on a terminal (a pseudo-terminal here) a spinner names each
//! step of a sync and a bar counts the commits a long verify checks; piped or in JSON, neither.

use std::path::Path;
use std::process::Command;

use crate::support::{Env, on_pty};

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// What a terminal of 120 columns showed of `sirt ARGS`, and its exit code; `None` when `script`
/// is missing outside CI.
fn on_terminal(env: &Env, args: &[&str]) -> Option<(String, i32)> {
    let out = match on_pty(env, args, 120, 50).env("NO_COLOR", "1").output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required() => {
            eprintln!("skipped: script (util-linux) is not installed");
            return None;
        }
        out => out.expect("script runs"),
    };
    Some((String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"), out.status.code().unwrap_or(-1)))
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn sync_shows_its_steps_on_a_terminal_only() {
    let env = Env::new();
    let remote = env.home.join("team.git");
    git(&env.home, &["init", "--bare", "-q", "-b", "main", remote.to_str().unwrap()]);
    git(&env.store, &["remote", "add", "origin", remote.to_str().unwrap()]);

    // Piped: the summary on stdout, nothing of the steps on stderr.
    let out = env.cmd().args(["sync"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("fetching") && !stderr.contains("pushing"), "{stderr}");

    // Someone else records a tenant; this clone's sync on a terminal fetches and merges it.
    let other = Env::bare();
    other.ok(&["clone", remote.to_str().unwrap(), other.store.to_str().unwrap()]);
    other.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    other.ok(&["sync"]);
    env.ok(&["note", &env.detect("Odd sign-ins", &[]), "something to push"]);
    let Some((shown, code)) = on_terminal(&env, &["sync"]) else { return };
    assert_eq!(code, 0, "{shown}");
    for step in ["fetching from origin", "merging their changes", "pushing to origin"] {
        assert!(shown.contains(step), "{step}:\n{shown}");
    }
    // The spinner's line is cleared (`\r`, erase line) before the summary is printed on it.
    let after = shown.rsplit("\r\u{1b}[2K").next().unwrap();
    assert!(after.starts_with("synced with origin: came in: 1 tenant"), "{shown:?}");
}

/// `count` commits made with plain git on top of the store's branch (outside sirt, which verify
/// reports, but the walk is what is measured here).
fn many_commits(env: &Env, count: usize) {
    let mut stream = String::new();
    for n in 0..count {
        let message = format!("scratch {n}");
        let content = format!("{n}\n");
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter Ana <ana@example.com> {} +0000\ndata {}\n{message}\n",
            1_763_600_000 + n,
            message.len() + 1
        ));
        if n == 0 {
            stream.push_str("from refs/heads/main^0\n");
        }
        stream.push_str(&format!("M 644 inline scratch.txt\ndata {}\n{content}\n", content.len()));
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&env.store)
        .args(["fast-import", "--quiet"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(stream.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_long_verify_shows_a_bar_on_a_terminal_only_and_never_in_json() {
    let env = Env::new();
    // A short history: no bar even on a terminal.
    let Some((shown, code)) = on_terminal(&env, &["verify"]) else { return };
    assert_eq!(code, 0, "{shown}");
    assert!(!shown.contains("checking commits"), "{shown}");

    many_commits(&env, 1200);
    let (shown, code) = on_terminal(&env, &["verify"]).unwrap();
    assert_eq!(code, 3, "{shown}");
    assert!(shown.contains("checking commits [") && shown.contains("1201/1201"), "{shown}");

    let (json, _) = on_terminal(&env, &["verify", "--format", "json"]).unwrap();
    assert!(!json.contains("checking commits"), "{json}");
    let first = serde_json::Deserializer::from_str(&json).into_iter::<serde_json::Value>().next();
    assert!(first.is_some_and(|v| v.is_ok()), "no JSON first:\n{json}");

    let out = env.cmd().args(["verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("checking commits") && !stderr.contains("1201/1201"), "{stderr}");
}
