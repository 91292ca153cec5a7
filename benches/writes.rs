//! The write path next to git's, on a release build:
//!
//!     cargo bench --bench writes
//!
//! Builds a store of 10,000 incidents and 10,000 tenants, and a plain git repository holding the
//! same files. Then, alternately in one run: one `sirt note` against `git add` + `git commit` of
//! the same appended bytes (git with `core.fsync=all`, as sirt fsyncs everything); `sirt tenant
//! import` of 10,000 rows into a new store against `git add` + `git commit` of the same 10,000
//! files; and the size of `.git` after many notes against the same store after `git gc`.
//! Prints medians and ratios; asserts nothing about time.
//!
//! `SIRT_BENCH_NOTES` sets how many notes the size figure makes (default 1000);
//! `SIRT_BENCH_KEEP=DIR` keeps the stores in DIR.

mod common;

use common::incident_id;

use common::{NOW, sirt};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::actor::Actor;
use sirt::model::event::SCHEMA;
use sirt::model::{Event, EventBody, IncidentLog, Role, Severity, Source, id};
use sirt::store::{Message, Store};

const INCIDENTS: usize = 10_000;
const TENANTS: usize = 10_000;
const ROUNDS: usize = 15;
const IMPORT_ROUNDS: usize = 3;

fn log_for(n: usize, now: DateTime<Utc>) -> IncidentLog {
    let detected = now - Span::hours((n % 5000) as i64 + 30);
    let event = |seq: u64, offset: i64, body: EventBody| Event {
        id: id::event_id(n as u64 * 16 + seq),
        seq,
        at: detected + Span::minutes(offset),
        recorded_at: detected + Span::minutes(offset),
        by: "Ana Lima <ana@example.com>".into(),
        body,
    };
    let title = format!("Synthetic incident number {n} seen by monitoring");
    let mut events = vec![
        event(
            1,
            0,
            EventBody::Detected {
                title,
                severity: Severity::Sev2,
                source: Source::Monitoring,
                started: None,
            },
        ),
        event(2, 10, EventBody::Engaged { role: Role::Oce, who: "Ana Lima".into() }),
        event(
            3,
            60,
            EventBody::Note { text: "Looked at the sign-in logs; token reuse from one network".into() },
        ),
    ];
    for k in 0..(n % 8) as u64 {
        events.push(event(4 + k, 90 + k as i64, EventBody::Note { text: format!("Follow-up {k}") }));
    }
    IncidentLog { schema: SCHEMA, id: incident_id(n), events, unknown: Vec::new() }
}

fn tenants_csv(count: usize) -> String {
    let mut csv = String::from("id,name,admin_email,region,regime\n");
    for n in 0..count {
        let regime = ["gdpr-art33;gdpr-art34", "dora-art19", "", "hipaa-breach-covered-entity"][n % 4];
        writeln!(csv, "tenant-{n:05},Tenant {n} Ltd,admin@t{n}.example,eu-west,{regime}").unwrap();
    }
    csv
}

fn git(dir: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsync=all", "-c", "core.fsyncMethod=fsync", "-c", "gc.auto=0"])
        .args(["-c", "user.name=Bench", "-c", "user.email=bench@example.com"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    start.elapsed()
}

fn size_of(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        total += if meta.is_dir() { size_of(&entry.path()) } else { meta.len() };
    }
    total
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, mine: Duration, peer_name: &str, peer: Duration) {
    println!(
        "{what:<40} sirt {:>10}   {peer_name:<34} {:>10}   ratio {:.2}x",
        ms(mine),
        ms(peer),
        mine.as_secs_f64() / peer.as_secs_f64()
    );
}

/// The store's path of an incident file, as its tree holds it.
fn incident_file(store: &Path, id: &str) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(store)
        .args(["ls-tree", "-r", "--name-only", "HEAD", "incidents/"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find(|line| line.ends_with(&format!("{id}.toml")))
        .expect("the incident is in the tree")
        .to_string()
}

fn main() {
    let keep = std::env::var_os("SIRT_BENCH_KEEP").map(PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    let base = keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&base).unwrap();
    let notes: usize = std::env::var("SIRT_BENCH_NOTES").ok().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let actor = Actor { name: "Bench".into(), email: "bench@example.com".into() };

    // tenant import of 10,000 rows into a new store, against git add + commit of the same files.
    let csv_path = base.join("tenants.csv");
    std::fs::write(&csv_path, tenants_csv(TENANTS)).unwrap();
    let (mut imports, mut adds) = (Vec::new(), Vec::new());
    for round in 0..IMPORT_ROUNDS {
        let store = base.join(format!("import-{round}"));
        sirt(&store, &["init", store.to_str().unwrap()]);
        let (took, _) = sirt(&store, &["tenant", "import", csv_path.to_str().unwrap()]);
        imports.push(took);
        let peer = base.join(format!("import-peer-{round}"));
        git(&base, &["init", "-q", "-b", "main", peer.to_str().unwrap()]);
        let tree =
            Command::new("git").arg("-C").arg(&store).args(["archive", "HEAD"]).output().unwrap().stdout;
        tar::Archive::new(tree.as_slice()).unpack(&peer).unwrap();
        adds.push(git(&peer, &["add", "-A"]) + git(&peer, &["commit", "-q", "-m", "import"]));
        if round > 0 {
            let _ = std::fs::remove_dir_all(&store);
            let _ = std::fs::remove_dir_all(&peer);
        }
    }
    row(
        &format!("tenant import, {TENANTS} rows"),
        median(imports),
        &format!("git add + commit of {TENANTS} files"),
        median(adds),
    );

    // The big store: 10,000 incidents next to the 10,000 tenants.
    let root = base.join("import-0");
    let store = Store::open(&root).unwrap();
    let mut txn = store.begin().unwrap();
    for n in 0..INCIDENTS {
        txn.create_incident(&log_for(n, now)).unwrap();
    }
    txn.commit(&Message::new("bench: 10,000 incidents").trailer("Sirt-Action", "bench"), &actor, now)
        .unwrap();
    drop(store);
    let _ = Command::new("git").arg("-C").arg(&root).args(["gc", "--quiet"]).status();
    let peer = base.join("peer");
    let _ = std::fs::remove_dir_all(&peer);
    git(&base, &["clone", "-q", "--no-hardlinks", root.to_str().unwrap(), peer.to_str().unwrap()]);

    // One note, alternately: sirt, then git add + commit of the same appended bytes.
    let ids: Vec<String> = (0..INCIDENTS).map(incident_id).collect();
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let target = &ids[(round * 613) % INCIDENTS];
        let path = incident_file(&root, target);
        let before = std::fs::read(root.join(&path)).unwrap();
        let (took, _) = sirt(&root, &["note", target, &format!("bench note {round}")]);
        mine.push(took);
        let after = std::fs::read(root.join(&path)).unwrap();
        let mut file = std::fs::OpenOptions::new().append(true).open(peer.join(&path)).unwrap();
        std::io::Write::write_all(&mut file, &after[before.len()..]).unwrap();
        drop(file);
        theirs.push(git(&peer, &["add", &path]) + git(&peer, &["commit", "-q", "-m", "note"]));
    }
    row("one note (whole process)", median(mine), "git add + commit (core.fsync=all)", median(theirs));

    // Store size after many notes, with whatever packing sirt does by itself, against git gc.
    let start = Instant::now();
    for n in 0..notes {
        sirt(&root, &["note", &ids[(n * 7) % INCIDENTS], &format!("size note {n}")]);
    }
    let per_note = start.elapsed() / notes as u32;
    let grown = size_of(&root.join(".git"));
    let packs = std::fs::read_dir(root.join(".git/objects/pack"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".pack"))
        .count();
    let copy = base.join("gc-copy");
    let _ = std::fs::remove_dir_all(&copy);
    git(&base, &["clone", "-q", "--no-hardlinks", root.to_str().unwrap(), copy.to_str().unwrap()]);
    git(&copy, &["gc", "-q", "--prune=now"]);
    let gced = size_of(&copy.join(".git"));
    println!(
        "after {notes} notes ({} each): .git is {:.1} MiB in {packs} pack(s); after git gc {:.1} MiB; ratio {:.2}x",
        ms(per_note),
        grown as f64 / 1048576.0,
        gced as f64 / 1048576.0,
        grown as f64 / gced as f64
    );
}
