//! `sirt history` through its index in `.git/sirt-cache/`: whatever state the index is in
//! (absent, current, behind, damaged, from another version, left over from a rewritten
//! history), the answer is the one a walk of the whole history gives.

use std::path::{Path, PathBuf};

use crate::support::Env;

fn index_file(store: &Path) -> PathBuf {
    store.join(".git/sirt-cache/history-v1")
}

/// `history ID` in the three formats people and scripts read.
fn outputs(env: &Env, id: &str) -> [String; 3] {
    [
        env.ok(&["history", id]),
        env.ok(&["history", id, "--format", "json"]),
        env.ok(&["history", id, "--format", "csv"]),
    ]
}

/// The commits of the branch whose message has the line `Sirt-Incident: ID`, newest first, as
/// git itself lists them.
fn named_by_git(env: &Env, id: &str) -> Vec<String> {
    let log = env.git(&["log", "--format=%H%x00%B%x01", "main"]);
    log.split('\u{1}')
        .filter_map(|entry| {
            let (hash, message) = entry.trim_start_matches('\n').split_once('\0')?;
            message.lines().any(|l| l.trim_end() == format!("Sirt-Incident: {id}")).then(|| hash.to_string())
        })
        .collect()
}

fn hashes(env: &Env, id: &str) -> Vec<String> {
    let json = env.json(&["history", id, "--format", "json"]);
    json.as_array().unwrap().iter().map(|c| c["hash"].as_str().unwrap().to_string()).collect()
}

/// Two incidents, with their steps interleaved.
fn two_incidents(env: &Env) -> (String, String) {
    let first = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let second = env.detect("Unrelated", &["--at", "2026-11-20T08:30:00Z"]);
    env.ok(&["note", &first, "Token reuse from one network"]);
    env.ok(&["note", &second, "Nothing to do with the first"]);
    env.ok(&["engage", &first, "oce", "Bo Chen"]);
    (first, second)
}

#[test]
fn history_reads_the_same_with_no_index_a_warm_one_or_a_broken_one() {
    let env = Env::new();
    let (first, second) = two_incidents(&env);
    let index = index_file(&env.store);
    assert!(!index.exists());
    let fresh = outputs(&env, &first);
    assert!(index.exists(), "the first history leaves an index behind");
    assert_eq!(hashes(&env, &first), named_by_git(&env, &first));
    assert_eq!(hashes(&env, &second), named_by_git(&env, &second));
    assert_eq!(hashes(&env, &first).len(), 3);
    assert_eq!(outputs(&env, &first), fresh, "warm");

    let written = std::fs::read(&index).unwrap();
    std::fs::remove_file(&index).unwrap();
    assert_eq!(outputs(&env, &first), fresh, "deleted");

    let mut flipped = written.clone();
    let at = flipped.len() - 5;
    flipped[at] = if flipped[at] == b'a' { b'b' } else { b'a' };
    std::fs::write(&index, &flipped).unwrap();
    assert_eq!(outputs(&env, &first), fresh, "one byte changed");

    std::fs::write(&index, &written[..written.len() / 2]).unwrap();
    assert_eq!(outputs(&env, &first), fresh, "cut short, as by a crash mid-write");

    let text = String::from_utf8(written.clone()).unwrap();
    std::fs::write(&index, text.replacen("history index 1", "history index 0", 1)).unwrap();
    assert_eq!(outputs(&env, &first), fresh, "another version");

    std::fs::write(&index, b"\xff\xfe not an index at all").unwrap();
    assert_eq!(outputs(&env, &first), fresh, "garbage");
    assert_eq!(std::fs::read(&index).unwrap(), written, "rebuilt as it was");

    // An index whose lines were changed by hand to name another incident's commits.
    let (first_line, second_line) = {
        let lines: Vec<&str> = text.lines().collect();
        let find = |id: &str| lines.iter().find(|l| l.starts_with(id)).unwrap().to_string();
        (find(&first), find(&second))
    };
    let swapped = text.replace(&first_line, &format!("{first} {}", second_line.split_once(' ').unwrap().1));
    std::fs::write(&index, swapped).unwrap();
    assert_eq!(outputs(&env, &first), fresh, "an index naming other commits");
}

#[test]
fn an_index_that_cannot_be_written_changes_nothing() {
    let env = Env::new();
    let (first, _) = two_incidents(&env);
    let cache = env.store.join(".git/sirt-cache");
    std::fs::create_dir_all(&cache).unwrap();
    // A directory where the file should go: writing it fails, the command does not.
    std::fs::create_dir_all(index_file(&env.store)).unwrap();
    let out = env.run(&["history", &first]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "not a word about the cache: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(hashes(&env, &first), named_by_git(&env, &first));
}

#[test]
fn history_catches_up_with_new_commits_and_survives_a_rewrite() {
    let env = Env::new();
    let (first, second) = two_incidents(&env);
    let before = hashes(&env, &first);
    env.ok(&["note", &first, "More found"]);
    env.ok(&["note", &second, "Still unrelated"]);
    env.ok(&["confirm", &first]);
    let caught_up = outputs(&env, &first);
    assert_eq!(hashes(&env, &first), named_by_git(&env, &first));
    assert_eq!(hashes(&env, &first).len(), before.len() + 2);
    assert_eq!(hashes(&env, &first)[2..], before[..], "the older commits follow, in their order");
    std::fs::remove_file(index_file(&env.store)).unwrap();
    assert_eq!(outputs(&env, &first), caught_up, "the same as an index built whole");

    // Someone rewinds the branch with plain git and records something else on top: the index
    // reaches a commit the branch no longer holds.
    env.git(&["reset", "--hard", "-q", "HEAD~3"]);
    env.ok(&["note", &first, "After the rewind"]);
    let rewritten = hashes(&env, &first);
    assert_eq!(rewritten, named_by_git(&env, &first));
    assert_eq!(rewritten.len(), before.len() + 1);
    assert!(!rewritten.contains(&caught_up_hash(&caught_up)), "the dropped commits are gone");
    assert_eq!(hashes(&env, &second), named_by_git(&env, &second));
}

/// The newest commit of a `history --format csv` output.
fn caught_up_hash(outputs: &[String; 3]) -> String {
    outputs[2].lines().nth(1).unwrap().split(',').next().unwrap().to_string()
}

#[test]
fn history_follows_a_sync_merge() {
    let remote = tempfile::tempdir().unwrap();
    let bare = remote.path().join("team.git");
    let init = std::process::Command::new("git")
        .args(["init", "--bare", "-q", "-b", "main"])
        .arg(&bare)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(init.status.success());
    let url = bare.to_str().unwrap();

    let ana = Env::new();
    ana.git(&["remote", "add", "origin", url]);
    let (first, second) = two_incidents(&ana);
    ana.ok(&["sync", "--timeout", "30"]);
    let bo = Env::bare();
    bo.ok(&["clone", url, bo.store.to_str().unwrap()]);
    let bo_says = |args: &[&str]| {
        let out =
            bo.cmd().env("SIRT_SEED", "bo").env("SIRT_ACTOR", "Bo Chen <bo@example.com>").args(args).output();
        let out = out.unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let before = hashes(&bo, &first);

    // Both record on the same incident at once; Bo's sync makes a two-parent commit.
    ana.ok(&["note", &first, "Ana's finding"]);
    ana.ok(&["note", &second, "Ana again"]);
    ana.ok(&["sync", "--timeout", "30"]);
    bo_says(&["note", &first, "Bo's finding"]);
    bo_says(&["engage", &first, "comms", "Dev Patel"]);
    bo_says(&["sync", "--timeout", "30"]);
    let parents = bo.git(&["log", "-1", "--format=%P", "main"]);
    assert_eq!(parents.split_whitespace().count(), 2, "a merge: {parents}");

    let merged = outputs(&bo, &first);
    let listed = hashes(&bo, &first);
    let tip = bo.git(&["rev-parse", "main"]).trim().to_string();
    assert_eq!(listed[0], tip, "the merge names the incident it brought events to");
    assert_eq!(listed.len(), before.len() + 4, "Ana's note, Bo's two steps, the merge");
    let mut sorted = listed.clone();
    sorted.sort();
    let mut by_git = named_by_git(&bo, &first);
    by_git.sort();
    assert_eq!(sorted, by_git, "the same commits as git finds");
    std::fs::remove_file(index_file(&bo.store)).unwrap();
    assert_eq!(outputs(&bo, &first), merged, "the same as an index built whole");
    assert_eq!(hashes(&bo, &second).len(), named_by_git(&bo, &second).len());

    // On top of the merge, a line of history again: caught up from the merge commit.
    bo_says(&["note", &first, "After the merge"]);
    let caught_up = outputs(&bo, &first);
    assert_eq!(hashes(&bo, &first)[1..], listed[..]);
    std::fs::remove_file(index_file(&bo.store)).unwrap();
    assert_eq!(outputs(&bo, &first), caught_up, "the same as an index built whole");
}

#[test]
fn a_hand_edit_in_the_working_tree_does_not_change_history() {
    let env = Env::new();
    let (first, _) = two_incidents(&env);
    let before = outputs(&env, &first);
    let file = env.incident_file(&first);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n# edited by hand\n");
    std::fs::write(&file, text).unwrap();
    assert_eq!(outputs(&env, &first), before, "history lists commits, not the working tree");
}
