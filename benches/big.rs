//! sirt against git on a store of the size issue 16 names, on a release build:
//!
//!     cargo bench --bench big
//!
//! Builds (once; cached under the target directory, keyed by the generator's version and the
//! store's layout) a store of 10,000 tenants and 10,000 incidents of 5 to 12 events, 1,000 of
//! them open with 10 to 1,000 affected tenants each, in exactly 100,000 commits written with
//! `git fast-import`. Then, on a copy, times each piece of work of the issue's targets table
//! against its peer, alternately in one run, and prints the medians and their ratio. Nothing is
//! asserted about time.
//!
//! Settings: `SIRT_BIG_RUNS` (runs of each slow read, default 3), `SIRT_BIG_FAST_RUNS` (of each
//! fast command, 11), `SIRT_BIG_IMPORTS` (10,000-row imports, 3), `SIRT_BIG_GROWTH_NOTES` (notes
//! for the store-size row, 50; 0 skips the row and its `git gc`), `SIRT_BIG_REBUILD=1` (build the
//! store again).

mod common;
#[path = "big/measure.rs"]
mod measure;
#[path = "big/plan.rs"]
mod plan;
#[path = "big/stream.rs"]
mod stream;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

use chrono::{DateTime, Duration as Span, Utc};
use common::NOW;
use measure::{Row, Run, World, alternate, disk_usage, ms, print_table, run, setting};
use plan::{Lcg, Story};
use sirt::model::event::{self, Event, EventBody};
use sirt::model::id;
use sirt::store::layout::Layout;

const SEED: u64 = 16;

/// The span the history covers: three years up to a few days before the pinned now.
fn span() -> (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let init = now - Span::days(3 * 365);
    (init, stream::first_event_after(init) + Span::days(1), now - Span::days(3))
}

fn stories() -> (Vec<Story>, Lcg) {
    let (_, start, end) = span();
    let mut rng = Lcg(SEED);
    let stories = plan::stories(&mut rng, start, end);
    (stories, rng)
}

/// Where the built store is kept: its name changes with whatever would change its content.
fn cache_dir() -> PathBuf {
    let layout = Layout::Sharded.incident_path("INC-0000-0000").replace('/', "_");
    let name = format!(
        "big-store-g{}-e{}-t{}-{layout}",
        plan::GENERATOR_VERSION,
        event::SCHEMA,
        sirt::model::tenant::SCHEMA
    );
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn world(home: &Path, store: &Path) -> World {
    std::fs::create_dir_all(home).unwrap();
    std::fs::write(home.join(".gitconfig"), "").unwrap();
    World { home: home.to_path_buf(), store: store.to_path_buf() }
}

fn step<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let done = work();
    println!("  {what}: {:.1?}", start.elapsed());
    done
}

/// Builds the store in `cache`; returns a summary of what was built.
fn build(cache: &Path) -> String {
    let _ = std::fs::remove_dir_all(cache);
    let root = cache.join("store");
    let w = world(&cache.join("home"), &root);
    let (init, _, _) = span();
    let init_at = init.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    run(w.sirt(&["init", root.to_str().unwrap()]).env("SIRT_NOW", &init_at).current_dir(cache));
    let from = String::from_utf8(run(&mut w.git(&["rev-parse", "main"])).stdout).unwrap().trim().to_string();
    let (stories, mut rng) = stories();
    let schedule = plan::schedule(&mut rng, &stories, stream::first_event_after(init));
    let (written, texts) = step("git fast-import of the history", || {
        let mut importer = w.git(&["fast-import", "--quiet", "--done"]);
        let mut child = importer.stdin(Stdio::piped()).spawn().expect("git fast-import runs");
        let stdin = child.stdin.take().unwrap();
        let written =
            stream::write(stdin, &from, init + Span::hours(1), &stories, &schedule, &mut rng).unwrap();
        assert!(child.wait().unwrap().success(), "git fast-import failed");
        written
    });
    step("every incident file reads and folds", || {
        for text in &texts {
            let log = event::parse_log(text).expect("a generated file reads");
            log.fold().expect("a generated incident folds");
        }
    });
    step("checkout (git reset --hard)", || run(&mut w.git(&["reset", "--hard", "-q", "main"])));
    step("git commit-graph write --changed-paths (for the peer's git log)", || {
        run(&mut w.git(&["commit-graph", "write", "--reachable", "--changed-paths"]))
    });
    let commits = String::from_utf8(run(&mut w.git(&["rev-list", "--count", "main"])).stdout).unwrap();
    let verify = step("sirt verify", || verify_summary(&w));
    let summary = format!(
        "{} commits ({} written by fast-import, {:.0} MiB of file text), {} tenants, {} incidents ({} open, {} affected-tenant entries, {} closes forced), .git {:.0} MiB\nsirt verify: {verify}",
        commits.trim(),
        written.commits,
        written.bytes as f64 / (1 << 20) as f64,
        plan::TENANTS,
        plan::INCIDENTS,
        plan::OPEN,
        written.affected,
        written.forced_closes,
        disk_usage(&root.join(".git")) as f64 / (1 << 20) as f64,
    );
    std::fs::write(cache.join("complete"), &summary).unwrap();
    summary
}

/// What `sirt verify` says of the store: its exit code and first lines.
fn verify_summary(w: &World) -> String {
    let out = w.sirt(&["verify"]).output().unwrap();
    let text = [String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)].concat();
    let head: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(6).collect();
    format!("exit {:?}; {}", out.status.code(), head.join(" / "))
}

fn copy(from: &Path, to: &Path) {
    let status = std::process::Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
    assert!(status.success(), "cp -a {} {}", from.display(), to.display());
}

/// The open incident with the most affected tenants (for `show`) and a typical one (for `note`
/// and `history`): one per line, with its number of affected tenants.
fn print_targets() {
    let (stories, _) = stories();
    let mut open: Vec<(usize, &str)> =
        stories.iter().filter(|s| s.open).map(|s| (affected_count(s), s.id.as_str())).collect();
    open.sort();
    for (affected, id) in [open[open.len() - 1], open[open.len() / 2]] {
        println!("{id} {affected}");
    }
}

/// An incident the bench works on.
struct Named {
    id: String,
    affected: usize,
}

fn affected_count(story: &Story) -> usize {
    story
        .bodies
        .iter()
        .map(|b| match b {
            EventBody::TenantsAffected { tenants, .. } => tenants.len(),
            _ => 0,
        })
        .sum()
}

fn main() {
    let started = Instant::now();
    let runs = setting("SIRT_BIG_RUNS", 3);
    let fast = setting("SIRT_BIG_FAST_RUNS", 11);
    let imports = setting("SIRT_BIG_IMPORTS", 3);
    let growth = setting("SIRT_BIG_GROWTH_NOTES", 50);
    let cache = cache_dir();
    if std::env::var_os("SIRT_BIG_BUILD_ONLY").is_some() {
        step("whole build", || build(&cache));
        return;
    }
    if std::env::var_os("SIRT_BIG_TARGETS_ONLY").is_some() {
        print_targets();
        return;
    }
    if cache.join("complete").exists() && std::env::var("SIRT_BIG_REBUILD").is_err() {
        println!("reusing the store built in {}", cache.display());
    } else {
        // In a process of its own: what the build holds in memory must not count in the peak
        // memory of the commands measured after it (a child starts as a copy of its parent).
        println!("building the store in {} …", cache.display());
        let me = std::env::current_exe().unwrap();
        let status = std::process::Command::new(me).env("SIRT_BIG_BUILD_ONLY", "1").status().unwrap();
        assert!(status.success(), "the build failed");
    }
    println!("{}", std::fs::read_to_string(cache.join("complete")).unwrap());

    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let store = scratch.path().join("store");
    step("copying the store for this run", || copy(&cache.join("store"), &store));
    // The copy's 200 MB are still being written out for seconds after `cp` returns: every
    // change's flushes (sirt's and git's) would wait behind them.
    step("writing the copy out to disk", flush_filesystem);
    let w = world(&scratch.path().join("home"), &store);
    // A copy has new inodes: let git record them, as a checkout would have.
    step("git update-index --refresh on the copy", || run(&mut w.git(&["update-index", "-q", "--refresh"])));

    // Worked out in a child, so this process never holds the stories (see `measure::run`).
    let me = std::env::current_exe().unwrap();
    let targets = std::process::Command::new(me).env("SIRT_BIG_TARGETS_ONLY", "1").output().unwrap();
    let targets = String::from_utf8(targets.stdout).unwrap();
    let named: Vec<Named> = targets
        .lines()
        .filter_map(|line| {
            let (id, affected) = line.split_once(' ')?;
            Some(Named { id: id.to_string(), affected: affected.parse().ok()? })
        })
        .collect();
    let [biggest, typical] = <[Named; 2]>::try_from(named).ok().expect("two incidents to work on");
    println!(
        "show: {} ({} affected); note and history: {} ({} affected)",
        biggest.id, biggest.affected, typical.id, typical.affected
    );

    let first = run(&mut w.sirt(&["list", "--all"]));
    println!("  first list --all on the copy: {}", ms(first.took));
    let first = run(&mut w.sirt(&["history", &typical.id]));
    println!("  first history (builds the history index whole): {}", ms(first.took));

    let mut rows = Vec::new();
    let note_path = Layout::Sharded.incident_path(&typical.id);
    let (ours, theirs) = alternate(
        fast,
        |i| run(&mut w.sirt(&["note", &typical.id, &format!("bench note {i}")])),
        |i| git_note(&w, &typical.id, &note_path, i),
    );
    rows.push(Row::timed(
        "one mutation (`note`)",
        &ours,
        "git add + commit, fsync=all",
        &theirs,
        "≤ 10 ms, ≤ 0.25×",
    ));

    let ls_tree = || run(&mut w.git(&["ls-tree", "-r", "HEAD"]));
    // What an engineer sees after every change: the read that brings the cache up to the new
    // commit (the note itself is not timed).
    let (ours, theirs) = alternate(
        fast,
        |i| {
            run(&mut w.sirt(&["note", &typical.id, &format!("bench note before list {i}")]));
            run(&mut w.sirt(&["list"]))
        },
        |_| ls_tree(),
    );
    rows.push(Row::timed(
        "`list` right after a `note`",
        &ours,
        "git ls-tree -r HEAD",
        &theirs,
        "≤ 50 ms, ≤ 3×",
    ));
    for args in [&["list"][..], &["list", "--all"]] {
        let (ours, theirs) = alternate(runs, |_| run(&mut w.sirt(args)), |_| ls_tree());
        let work = format!("`{}` warm", args.join(" "));
        rows.push(Row::timed(&work, &ours, "git ls-tree -r HEAD", &theirs, "≤ 50 ms, ≤ 3×"));
    }

    let shown = format!("HEAD:{}", Layout::Sharded.incident_path(&biggest.id));
    let (ours, theirs) =
        alternate(fast, |_| run(&mut w.sirt(&["show", &biggest.id])), |_| run(&mut w.git(&["show", &shown])));
    let work = format!("`show ID` ({} affected)", biggest.affected);
    rows.push(Row::timed(&work, &ours, "git show HEAD:path", &theirs, "≤ 15 ms"));

    for (args, target) in [
        (&["deadlines"][..], "≤ 100 ms, memory flat"),
        (&["deadlines", "--check"], "≤ 100 ms, memory flat"),
        (&["deadlines", "--format", "json"], "streamed, memory flat"),
    ] {
        let (ours, theirs) =
            alternate(runs, |_| run(&mut w.sirt(args)), |_| run(&mut w.sirt(&["list", "--all"])));
        let work = format!("`{}` warm", args.join(" "));
        rows.push(Row::timed(&work, &ours, "sirt list --all", &theirs, target));
    }

    let (ours, theirs) = alternate(
        fast,
        |_| run(&mut w.sirt(&["history", &typical.id])),
        |_| run(&mut w.git(&["log", "--format=%H", "--", &note_path])),
    );
    rows.push(Row::timed(
        "`history ID`, 100,000 commits",
        &ours,
        "git log -- path (Bloom filters)",
        &theirs,
        "≤ 50 ms",
    ));

    let cache_dir = store.join(".git/sirt-cache");
    for args in [&["list", "--all"][..], &["deadlines"]] {
        let (ours, theirs) = alternate(
            runs,
            |_| {
                let _ = std::fs::remove_dir_all(&cache_dir);
                run(&mut w.sirt(args))
            },
            |_| run(&mut w.sirt(args)),
        );
        let work = format!("cold `{}` (no .git/sirt-cache)", args.join(" "));
        rows.push(Row::timed(&work, &ours, "the same, warm", &theirs, "≤ 2× today's, then warm"));
    }

    if growth > 0 {
        rows.push(store_growth(&w, scratch.path(), &typical.id, growth));
    }

    let (ours, theirs) = alternate(imports, |i| sirt_import(&w, scratch.path(), i), |i| git_import(&w, i));
    rows.push(Row::timed(
        "`tenant import`, 10,000 new rows",
        &ours,
        "git add + commit of 10k files",
        &theirs,
        "≤ 1 s",
    ));

    println!();
    print_table(&rows);
    println!("\nwhole run: {:.0?}", started.elapsed());
}

/// The peer of `note`: the same table appended to the same file, then `git add` and `git commit`.
fn git_note(w: &World, id: &str, path: &str, i: usize) -> Run {
    let file = w.store.join(path);
    let mut text = std::fs::read_to_string(&file).unwrap();
    let log = event::parse_log(&text).unwrap();
    let now: DateTime<Utc> = NOW.parse().unwrap();
    let mut event_id = id::event_id(0x5eed_0000 + i as u64);
    while log.events.iter().any(|e| e.id == event_id) {
        event_id = id::event_id(sirt::clock::random_u64());
    }
    let event = Event {
        id: event_id,
        seq: log.next_seq(),
        at: now,
        recorded_at: now,
        by: "Bench <bench@example.com>".into(),
        body: EventBody::Note { text: format!("peer note {i}") },
    };
    text.push('\n');
    text.push_str(&event::event_table(&event).unwrap());
    let message = sirt::ops::record::event_message(id, &event).text();
    let start = Instant::now();
    std::fs::write(&file, text).unwrap();
    let add = run(&mut w.git(&["add", path]));
    let commit = run(&mut w.git(&["commit", "-q", "-m", &message]));
    let took = start.elapsed();
    w.settle();
    Run { took, cpu: add.cpu + commit.cpu, peak_kib: add.peak_kib.max(commit.peak_kib), stdout: Vec::new() }
}

fn new_tenant(prefix: &str, i: usize, n: usize) -> sirt::model::tenant::Tenant {
    let mut t = plan::tenant(n);
    t.id = format!("{prefix}{i}-{n:05}");
    t
}

/// `sirt tenant import` of a CSV of 10,000 tenants the store does not have yet.
fn sirt_import(w: &World, dir: &Path, i: usize) -> Run {
    let csv = dir.join(format!("import-{i}.csv"));
    let mut out = csv::Writer::from_path(&csv).unwrap();
    out.write_record(sirt::model::tenant_csv::COLUMNS).unwrap();
    for n in 0..plan::TENANTS {
        out.write_record(new_tenant("bulk", i, n).to_columns()).unwrap();
    }
    out.flush().unwrap();
    flush_filesystem();
    run(&mut w.sirt(&["tenant", "import", csv.to_str().unwrap()]))
}

/// Writes out whatever is waiting in the page cache (the store copies made just before, the
/// other side's files), untimed: a change flushes its files, an import with one filesystem
/// sync, and should not be timed writing out what the bench itself left.
fn flush_filesystem() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// The peer of an import: 10,000 tenant files written, `git add`, `git commit`.
fn git_import(w: &World, i: usize) -> Run {
    let files: Vec<(String, String)> = (0..plan::TENANTS)
        .map(|n| {
            let t = new_tenant("peer", i, n);
            (Layout::Sharded.tenant_path(&t.id), toml::to_string(&t).unwrap())
        })
        .collect();
    flush_filesystem();
    let start = Instant::now();
    for (path, text) in &files {
        std::fs::write(w.store.join(path), text).unwrap();
    }
    let add = run(&mut w.git(&["add", "tenants"]));
    let commit = run(&mut w.git(&["commit", "-q", "-m", &format!("peer import {i}")]));
    let took = start.elapsed();
    w.settle();
    Run { took, cpu: add.cpu + commit.cpu, peak_kib: add.peak_kib.max(commit.peak_kib), stdout: Vec::new() }
}

/// The store's size after `notes` more notes, against the same store after `git gc`, in a copy.
fn store_growth(w: &World, dir: &Path, id: &str, notes: usize) -> Row {
    let git_dir = w.store.join(".git");
    let before = disk_usage(&git_dir);
    let start = Instant::now();
    for i in 0..notes {
        run(&mut w.sirt(&["note", id, &format!("growth note {i}")]));
    }
    let took = start.elapsed();
    let after = disk_usage(&git_dir);
    let copied = dir.join("gc-copy");
    copy(&w.store, &copied);
    let gc = World { home: w.home.clone(), store: copied.clone() };
    let gc_took = step("git gc in a copy", || run(&mut gc.git(&["gc", "-q"])).took);
    let packed = disk_usage(&copied.join(".git"));
    let mib = |b: u64| b as f64 / (1 << 20) as f64;
    Row {
        work: format!("store size (.git) after {notes} more notes"),
        sirt: format!("{:.0} MiB", mib(after)),
        peer_name: "the same after git gc".into(),
        peer: format!("{:.0} MiB", mib(packed)),
        ratio: after as f64 / packed.max(1) as f64,
        target: "≤ 2×, no user action".into(),
        note: format!(
            "+{:.1} MiB over {notes} notes (≈ {:.0} MiB per 1,000; {:.0} ms each); gc took {}",
            mib(after.saturating_sub(before)),
            mib(after.saturating_sub(before)) * 1000.0 / notes as f64,
            took.as_secs_f64() * 1000.0 / notes as f64,
            ms(gc_took)
        ),
    }
}
