//! `sirt upgrade`: a store made before sirt 0.3.0 keeps records flat (`incidents/<ID>.toml`);
//! the upgrade moves them into shards in one commit, and everything reads as before.

use std::path::Path;
use std::process::Command;

use crate::support::{Env, assert_has_all, hints, incident_rel, tenant_rel};

/// Turns a fresh store into one as sirt 0.2 made it: no layout key, the older writer version.
/// Committed by hand at the pinned time.
fn flatten(env: &Env) {
    let path = env.store.join("sirt.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let flat: String = text
        .lines()
        .filter(|line| !line.starts_with("layout = ") && !line.contains("Records live in"))
        .map(|line| line.replace("min_writer_version = \"0.3.0\"", "min_writer_version = \"0.2.0\"") + "\n")
        .collect();
    assert_ne!(flat, text);
    std::fs::write(&path, flat).unwrap();
    git_dated(&env.store, &["commit", "-qam", "settings of sirt 0.2"]);
}

fn git_dated(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Ana Lima", "-c", "user.email=ana@example.com"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2026-11-20T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-20T12:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn flat_rel(id: &str) -> String {
    format!("incidents/{id}.toml")
}

/// Every file of `dir` in the working tree, relative to the store, sorted.
fn files(env: &Env, dir: &str) -> Vec<String> {
    let mut found: Vec<String> = env
        .files_in(dir)
        .into_iter()
        .map(|(path, _)| path.strip_prefix(&env.store).unwrap().display().to_string())
        .collect();
    found.sort();
    found
}

/// A flat store with tenants, incidents at several steps, and an adopted hand edit.
fn populated_flat_store() -> (Env, String, String) {
    let env = Env::new();
    flatten(&env);
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "sec@contoso.example"]);
    env.ok(&["tenant", "add", "fabrikam", "--name", "Fabrikam", "--admin-email", "sec@fabrikam.example"]);
    let declared = env.declared("Token theft");
    env.ok(&["affected", &declared, "contoso", "fabrikam"]);
    env.ok(&["note", &declared, "rotated the signing keys"]);
    let other = env.detect("Odd sign-ins", &["--severity", "sev3", "--at", "2026-11-20T10:00:00Z"]);
    // A hand edit: one more note appended with an editor, then adopted.
    let path = env.store.join(flat_rel(&other));
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[event]]\nid = \"EHANDNOTE0001\"\nseq = 2\nat = \"2026-11-20T10:30:00Z\"\nrecorded_at = \"2026-11-20T12:00:00Z\"\nby = \"Ana Lima <ana@example.com>\"\nkind = \"note\"\ntext = \"typed by hand\"\n",
    );
    std::fs::write(&path, text).unwrap();
    env.ok(&["adopt", &flat_rel(&other)]);
    assert!(files(&env, "incidents").contains(&flat_rel(&declared)));
    assert!(files(&env, "tenants").contains(&"tenants/contoso.toml".to_string()));
    (env, declared, other)
}

/// What people read of the store: every view the upgrade must leave as it was.
fn views(env: &Env, declared: &str, other: &str) -> Vec<(String, String)> {
    let reads: Vec<Vec<&str>> = vec![
        vec!["list", "--all"],
        vec!["list", "--all", "--format", "json"],
        vec!["show", declared],
        vec!["show", other, "--format", "json"],
        vec!["timeline", other],
        vec!["deadlines"],
        vec!["deadlines", "--format", "json"],
        vec!["history", declared],
        vec!["history", other, "--format", "json"],
        vec!["report", declared],
        vec!["tenant", "list"],
        vec!["tenant", "show", "contoso", "--format", "json"],
        vec!["stats", "--format", "json"],
    ];
    reads.into_iter().map(|args| (args.join(" "), env.ok(&args))).collect()
}

#[test]
fn a_flat_store_moves_into_shards_in_one_commit_and_reads_the_same() {
    let (env, declared, other) = populated_flat_store();
    let before = views(&env, &declared, &other);
    // Reading a flat store says once that it can be upgraded; JSON on stdout is untouched.
    let out = env.run(&["list", "--all", "--format", "json"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("sirt upgrade").count(), 1, "{stderr}");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();

    assert_eq!(
        env.code(&["verify"]),
        0,
        "{}",
        String::from_utf8_lossy(&env.run(&["verify", "--format", "json"]).stdout)
    );
    let commits = env.commit_count();
    let dry = String::from_utf8(env.run(&["upgrade", "--dry-run"]).stderr).unwrap();
    assert!(dry.contains("would move 2 incident file(s) and 2 tenant file(s)"), "{dry}");
    assert_eq!(env.commit_count(), commits, "a dry run committed");
    assert!(files(&env, "incidents").contains(&flat_rel(&declared)));

    let stderr = env.one_commit(&["upgrade"]);
    assert!(stderr.contains("moved 2 incident file(s) and 2 tenant file(s) into shards"), "{stderr}");
    assert_eq!(env.trailer("Sirt-Action"), "upgrade");
    // Moves only, bytes unchanged; sirt.toml names the layout and the writer it needs.
    let changes = env.git(&["show", "-M", "--name-status", "--format=", "HEAD"]);
    let mut expected: Vec<String> = [&declared, &other]
        .iter()
        .map(|id| format!("R100\t{}\t{}", flat_rel(id), incident_rel(id)))
        .chain(["contoso", "fabrikam"].iter().map(|t| format!("R100\ttenants/{t}.toml\t{}", tenant_rel(t))))
        .collect();
    expected.push("M\tsirt.toml".into());
    let mut changes: Vec<String> = changes.lines().map(String::from).collect();
    changes.sort();
    expected.sort();
    assert_eq!(changes, expected);
    let settings = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    assert!(settings.contains("min_writer_version = \"0.3.0\""), "{settings}");
    assert!(settings.contains("layout = \"sharded\""), "{settings}");
    let mut sharded = vec![incident_rel(&declared), incident_rel(&other)];
    sharded.sort();
    assert_eq!(files(&env, "incidents"), sharded);
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    let after = views(&env, &declared, &other);
    for ((args, was), (_, is)) in before.iter().zip(&after) {
        assert_eq!(was, is, "sirt {args} reads differently after the upgrade");
    }
    let out = env.run(&["list"]);
    assert!(!String::from_utf8(out.stderr).unwrap().contains("sirt upgrade"), "still offered");
    // The history of every incident spans the move, and verify accepts the upgrade commit.
    assert_eq!(
        env.code(&["verify"]),
        0,
        "{}",
        String::from_utf8_lossy(&env.run(&["verify", "--format", "json"]).stdout)
    );
    env.one_commit(&["note", &declared, "after the upgrade"]);
    assert!(std::fs::read_to_string(env.incident_file(&declared)).unwrap().contains("after the upgrade"));
    assert_eq!(env.code(&["verify"]), 0);
}

#[test]
fn upgrading_twice_is_up_to_date_and_new_stores_are_sharded() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    assert_eq!(files(&env, "incidents"), [incident_rel(&id)]);
    let commits = env.commit_count();
    let out = env.run(&["upgrade"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stderr).unwrap().contains("already up to date"));
    assert_eq!(env.commit_count(), commits);

    let (env, declared, _) = populated_flat_store();
    env.one_commit(&["upgrade"]);
    let commits = env.commit_count();
    let stderr = String::from_utf8(env.run(&["upgrade"]).stderr).unwrap();
    assert!(stderr.contains("already up to date"), "{stderr}");
    assert_eq!(env.commit_count(), commits);
    assert!(env.incident_file(&declared).is_file());
}

#[test]
fn an_upgrade_is_refused_while_a_file_holds_a_hand_edit() {
    let (env, declared, _) = populated_flat_store();
    let path = env.store.join(flat_rel(&declared));
    let edited = std::fs::read_to_string(&path).unwrap().replace("rotated", "ROTATED");
    std::fs::write(&path, &edited).unwrap();
    let commits = env.commit_count();
    let stderr = env.fails(&["upgrade"]);
    assert_has_all(
        &stderr,
        "the refusal",
        &["working tree differs", &flat_rel(&declared), "nothing was recorded"],
    );
    assert!(hints(&stderr).contains(&format!("sirt adopt {}", flat_rel(&declared))), "{stderr}");
    assert_eq!(env.commit_count(), commits);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "the hand edit was touched");
    let dry = env.fails(&["upgrade", "--dry-run"]);
    assert!(dry.contains("working tree differs"), "{dry}");
}

#[test]
fn a_clone_that_upgraded_and_one_that_did_not_still_merge_by_incident() {
    // The merge is made once on the flat clone, once on the upgraded one.
    for upgraded_pushes_first in [true, false] {
        merge_across_the_upgrade(upgraded_pushes_first);
    }
}

fn merge_across_the_upgrade(upgraded_pushes_first: bool) {
    let remote = tempfile::tempdir().unwrap();
    let bare = remote.path().join("team.git");
    let out = Command::new("git")
        .args(["init", "--bare", "-q", "-b", "main"])
        .arg(&bare)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success());
    let (ana, declared, other) = populated_flat_store();
    ana.git(&["remote", "add", "origin", bare.to_str().unwrap()]);
    ana.ok(&["sync", "--timeout", "30"]);
    let bo = Env::bare();
    // Each clone draws its own ids, as separate machines would.
    let seeds = std::sync::atomic::AtomicU64::new(0);
    let bo_ok = |args: &[&str]| -> String {
        let run = seeds.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let out = bo
            .cmd()
            .env("SIRT_SEED", format!("bo-{run}"))
            .env("SIRT_ACTOR", "Bo Chen <bo@example.com>")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "bo: sirt {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    bo_ok(&["clone", bare.to_str().unwrap(), bo.store.to_str().unwrap()]);

    // Ana upgrades and records on; Bo, still flat, changes the same incident, opens a new one,
    // and changes a tenant, all at the flat paths.
    ana.one_commit(&["upgrade"]);
    ana.ok(&["note", &declared, "from ana after the upgrade"]);
    bo_ok(&["note", &declared, "from bo, still flat"]);
    let new = bo_ok(&["detect", "Found by bo", "--severity", "sev2"]).trim().to_string();
    assert!(bo.store.join(flat_rel(&new)).is_file());
    bo_ok(&["tenant", "set", "fabrikam", "--name", "Fabrikam Group"]);
    if upgraded_pushes_first {
        ana.ok(&["sync", "--timeout", "30"]);
        bo_ok(&["sync", "--timeout", "30"]);
        ana.ok(&["sync", "--timeout", "30"]);
    } else {
        bo_ok(&["sync", "--timeout", "30"]);
        ana.ok(&["sync", "--timeout", "30"]);
        bo_ok(&["sync", "--timeout", "30"]);
    }

    for env in [&ana, &bo] {
        assert_eq!(env.git(&["rev-parse", "main"]), ana.git(&["rev-parse", "main"]));
        let mut sharded = vec![incident_rel(&declared), incident_rel(&other), incident_rel(&new)];
        sharded.sort();
        assert_eq!(files(env, "incidents"), sharded, "every incident sits in its shard");
        assert!(env.tenant_file("fabrikam").is_file() && env.tenant_file("contoso").is_file());
        assert_eq!(files(env, "tenants").len(), 2);
        let text = std::fs::read_to_string(env.incident_file(&declared)).unwrap();
        assert!(
            text.contains("from ana after the upgrade") && text.contains("from bo, still flat"),
            "{text}"
        );
        let tenant = std::fs::read_to_string(env.tenant_file("fabrikam")).unwrap();
        assert!(tenant.contains("Fabrikam Group"), "{tenant}");
        assert!(
            std::fs::read_to_string(env.store.join("sirt.toml")).unwrap().contains("layout = \"sharded\"")
        );
        assert_eq!(env.git(&["status", "--porcelain"]), "");
        assert_eq!(
            env.code(&["verify"]),
            0,
            "{}",
            String::from_utf8_lossy(&env.run(&["verify", "--format", "json"]).stdout)
        );
    }
    let shown = bo.json(&["show", &new, "--format", "json"]);
    assert_eq!(shown["title"], "Found by bo");
}

#[test]
fn an_upgrade_killed_at_any_step_leaves_a_store_the_next_command_puts_right() {
    // From `after-ref` on the branch has moved: the store is sharded, else it is still flat.
    for (step, moved) in
        [("after-commit", false), ("after-ref", true), ("after-worktree", true), ("after-index", true)]
    {
        let (env, declared, _) = populated_flat_store();
        let out = env.cmd().env("SIRT_FAILPOINT", step).args(["upgrade"]).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "sirt upgrade did not stop at {step}");
        let shown = env.json(&["show", &declared, "--format", "json"]);
        assert_eq!(shown["title"], "Token theft", "{step}");
        let expected = if moved { incident_rel(&declared) } else { flat_rel(&declared) };
        assert!(files(&env, "incidents").contains(&expected), "{step}: {:?}", files(&env, "incidents"));
        assert_eq!(env.git(&["status", "--porcelain", "--untracked-files=all"]), "", "dirty after {step}");
        assert!(!env.store.join(".git/sirt-pending").exists(), "{step}");
        let again = String::from_utf8(env.run(&["upgrade"]).stderr).unwrap();
        assert!(
            again.contains(if moved { "already up to date" } else { "moved 2 incident file(s)" }),
            "{step}: {again}"
        );
        assert_eq!(env.code(&["verify"]), 0, "{step}");
    }
}
