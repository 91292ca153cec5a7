//! `sirt verify` at scale, on a release build:
//!
//!     cargo bench --bench verify            # VERIFY_COMMITS=20000 for a quicker run
//!
//! Generates a store whose history is 100,000 sirt commits at the object level (one
//! `git fast-import` stream: 2,000 incidents, each commit appending one event to one of them,
//! with the trailers, authors and times sirt writes), then times a full `sirt verify`, an
//! incremental `sirt verify --since last` after one more change, and git's own walks of the same
//! history as the peer: `git rev-list` (commits only) and `git log --raw` (every commit's changed
//! paths, the tree reading verify also does). Prints medians; asserts nothing about time.

mod common;

use common::{NOW, median};

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::event::{Event, EventBody, event_table};
use sirt::model::settings::Settings;
use sirt::model::{Severity, Source, id};

const INCIDENTS: usize = 2_000;
const AUTHOR: &str = "Bench <bench@example.com>";

fn main() {
    let commits: usize = std::env::var("VERIFY_COMMITS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    // VERIFY_STORE=DIR keeps the generated store there (and reuses it), for profiling.
    let store =
        std::env::var_os("VERIFY_STORE").map(std::path::PathBuf::from).unwrap_or(dir.path().join("store"));
    if !store.join(".git").exists() {
        let start = Instant::now();
        generate(&store, commits);
        println!("generated {commits} commits over {INCIDENTS} incidents in {:.1?}", start.elapsed());
    }
    let size = Command::new("du").arg("-sh").arg(store.join(".git")).output().unwrap();
    println!(
        "repository size: {}",
        String::from_utf8_lossy(&size.stdout).split_whitespace().next().unwrap_or("?")
    );

    let (full, out) = median(&store, &["verify", "--format", "json"], 3);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "the generated history verifies clean");
    println!(
        "sirt verify (full):              {:>9.1?}  ({} commits, {} blobs read)",
        full, report["commits"], report["blobs_read"]
    );

    // Each incremental run follows one new change, as in CI after a push.
    let mut runs: Vec<(Duration, String)> = (0..5)
        .map(|n| {
            common::sirt(&store, &["note", &first_incident(), &format!("One more step ({n}).")]);
            common::sirt(&store, &["verify", "--since", "last", "--format", "json"])
        })
        .collect();
    runs.sort_by_key(|(took, _)| *took);
    let (incremental, out) = &runs[2];
    let report: serde_json::Value = serde_json::from_str(out).unwrap();
    println!("sirt verify --since last:        {:>9.1?}  ({} commit)", incremental, report["commits"]);

    let peer = |args: &[&str]| -> Duration {
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let start = Instant::now();
                let status = Command::new("git")
                    .arg("-C")
                    .arg(&store)
                    .args(args)
                    .stdout(Stdio::null())
                    .env("GIT_CONFIG_GLOBAL", "/dev/null")
                    .status()
                    .unwrap();
                assert!(status.success());
                start.elapsed()
            })
            .collect();
        times.sort();
        times[1]
    };
    println!("git rev-list main (peer):        {:>9.1?}", peer(&["rev-list", "main"]));
    println!(
        "git log --raw main (peer):       {:>9.1?}",
        peer(&["log", "--raw", "--no-renames", "--format=%H", "main"])
    );
}

fn first_incident() -> String {
    id::incident_id(0)
}

/// Writes the history with `git fast-import`, then checks out the tip.
fn generate(store: &Path, commits: usize) {
    std::fs::create_dir_all(store).unwrap();
    git(store, &["init", "-q", "-b", "main"]);
    let mut import = Command::new("git")
        .arg("-C")
        .arg(store)
        .args(["fast-import", "--quiet"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stream = std::io::BufWriter::new(import.stdin.take().unwrap());
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let start = now - Span::minutes(commits as i64 + 10);
    let ids: Vec<String> = (0..INCIDENTS).map(|n| id::incident_id(n as u64)).collect();
    let mut texts: Vec<String> = vec![String::new(); INCIDENTS];
    let mut seqs = vec![0u64; INCIDENTS];
    let write_commit = |stream: &mut dyn Write, at: DateTime<Utc>, message: &str, files: &[(&str, &str)]| {
        let ts = at.timestamp();
        write!(stream, "commit refs/heads/main\nauthor {AUTHOR} {ts} +0000\ncommitter {AUTHOR} {ts} +0000\n")
            .unwrap();
        write!(stream, "data {}\n{message}\n", message.len()).unwrap();
        for (path, content) in files {
            write!(stream, "M 100644 inline {path}\ndata {}\n{content}\n", content.len()).unwrap();
        }
    };
    write_commit(
        &mut stream,
        start,
        "store created\n\nSirt-Action: init\n",
        &[("sirt.toml", &Settings::initial_file()), (".gitignore", ".sirt-tmp-*\n")],
    );
    for c in 0..commits {
        let n = c % INCIDENTS;
        let at = start + Span::minutes(c as i64 + 1);
        seqs[n] += 1;
        let body = if seqs[n] == 1 {
            EventBody::Detected {
                title: format!("Synthetic incident {n}"),
                severity: Severity::Sev3,
                source: Source::Monitoring,
                started: None,
            }
        } else {
            EventBody::Note { text: format!("Step {} of the investigation: looked at the logs.", seqs[n]) }
        };
        let event = Event {
            id: id::event_id((c as u64) << 8 | 0x5a),
            seq: seqs[n],
            at,
            recorded_at: at,
            by: AUTHOR.into(),
            body,
        };
        if texts[n].is_empty() {
            texts[n] = format!("schema = 1\nid = \"{}\"\n", ids[n]);
        }
        texts[n].push('\n');
        texts[n].push_str(&event_table(&event).unwrap());
        let message = format!(
            "{}: {}\n\nSirt-Incident: {}\nSirt-Event: {}\nSirt-Kind: {}\n",
            ids[n],
            event.body.describe(),
            ids[n],
            event.id,
            event.body.kind()
        );
        let path = sirt::store::layout::Layout::Sharded.incident_path(&ids[n]);
        write_commit(&mut stream, at, &message, &[(&path, &texts[n])]);
    }
    drop(stream);
    assert!(import.wait().unwrap().success());
    git(store, &["reset", "-q", "--hard", "main"]);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}
