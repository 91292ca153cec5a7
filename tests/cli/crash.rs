//! Crashes at every step of a commit (test builds stop at `SIRT_FAILPOINT`), and many writers at
//! once: the next command of any kind works with no human action, sees only committed data,
//! and leaves the store clean; nothing acknowledged is lost.

use crate::support::Env;

/// The steps of `Txn::commit`, in order; from `after-ref` on, the branch has moved.
const STEPS: [(&str, bool); 4] =
    [("after-commit", false), ("after-ref", true), ("after-worktree", true), ("after-index", true)];

/// Runs `args` with a failpoint; the process must die (no exit code of its own).
fn crash(env: &Env, step: &str, args: &[&str]) {
    let out = env.cmd().env("SIRT_FAILPOINT", step).args(args).output().unwrap();
    assert_ne!(out.status.code(), Some(0), "sirt {args:?} did not stop at {step}");
}

/// The store is clean: no hand edits, no stray temporary files, no git lock files, fsck passes.
fn assert_clean(env: &Env, when: &str) {
    assert_eq!(env.git(&["status", "--porcelain", "--untracked-files=all"]), "", "dirty {when}");
    for lock in ["index.lock", "refs/heads/main.lock", "sirt-pending"] {
        assert!(!env.store.join(".git").join(lock).exists(), "{lock} left {when}");
    }
    env.git(&["fsck", "--no-progress"]);
}

#[test]
fn a_note_killed_at_any_step_is_wholly_in_or_wholly_out() {
    for (step, moved) in STEPS {
        let env = Env::new();
        let id = env.declared("Odd sign-ins");
        let commits = env.commit_count();
        crash(&env, step, &["note", &id, "written when the lights went out"]);
        // A reading command comes first: it must already see only what is committed.
        let timeline = env.ok(&["timeline", &id, "--format", "json"]);
        assert_eq!(timeline.contains("lights went out"), moved, "after a crash {step}: {timeline}");
        assert_clean(&env, &format!("after a crash {step} and a read"));
        assert_eq!(env.commit_count(), commits + usize::from(moved), "{step}");
        // And the next write goes through.
        env.ok(&["note", &id, "after the crash"]);
        assert_clean(&env, &format!("after a crash {step} and a write"));
    }
}

#[test]
fn an_import_killed_at_any_step_is_never_seen_half_applied() {
    let rows: String = (0..40).map(|n| format!("t{n},Tenant {n},it@t{n}.example\n")).collect();
    for (step, moved) in STEPS {
        let env = Env::new();
        let file = env.home.join("tenants.csv");
        std::fs::write(&file, format!("id,name,admin_email\n{rows}")).unwrap();
        crash(&env, step, &["tenant", "import", file.to_str().unwrap()]);
        let listed = env.json(&["tenant", "list", "--format", "json"]);
        let count = listed.as_array().unwrap().len();
        assert_eq!(count, if moved { 40 } else { 0 }, "after a crash {step}, {count} tenants are seen");
        assert_clean(&env, &format!("after an import crashed {step}"));
        env.ok(&["tenant", "import", file.to_str().unwrap()]);
        assert_eq!(env.json(&["tenant", "list", "--format", "json"]).as_array().unwrap().len(), 40);
    }
}

#[test]
fn a_stale_git_lock_of_a_crashed_sirt_is_cleared_and_a_live_one_is_explained() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    crash(&env, "after-commit", &["note", &id, "first"]);
    // As if sirt had died holding git's branch lock: the marker says the lock is sirt's own.
    std::fs::write(env.store.join(".git/refs/heads/main.lock"), "").unwrap();
    env.ok(&["note", &id, "second"]);
    assert_clean(&env, "after a stale lock");

    // Without sirt's marker, a lock is someone else's (a running git): respected, and explained.
    std::fs::write(env.store.join(".git/refs/heads/main.lock"), "").unwrap();
    let stderr = env.fails(&["note", &id, "third"]);
    assert!(stderr.contains("git is working in this store"), "{stderr}");
    assert!(stderr.contains("hint: ") && stderr.contains("main.lock"), "{stderr}");
    std::fs::remove_file(env.store.join(".git/refs/heads/main.lock")).unwrap();
    env.ok(&["note", &id, "third"]);
}

#[test]
fn thirty_two_writers_at_once_lose_nothing() {
    let env = Env::new();
    let id = env.declared("Busy incident");
    let before = env.commit_count();
    let children: Vec<_> = (0..32)
        .map(|n| {
            env.std_cmd()
                .args(["note", &id, &format!("writer {n}")])
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(env.commit_count(), before + 32);
    let timeline = env.ok(&["timeline", &id, "--format", "json"]);
    for n in 0..32 {
        assert!(timeline.contains(&format!("\"note: writer {n}\"")), "writer {n} lost");
    }
    assert_clean(&env, "after 32 writers");
}

#[test]
fn every_kind_of_write_killed_after_the_branch_moved_is_finished_by_the_next_command() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let id = env.declared("Odd sign-ins");
    let writes: Vec<Vec<&str>> = vec![
        vec!["detect", "Another one"],
        vec!["affected", &id, "contoso"],
        vec!["engage", &id, "srt", "Bo Chen"],
        vec!["tenant", "add", "fabrikam", "--name", "Fabrikam", "--admin-email", "ops@fabrikam.example"],
        vec!["tenant", "set", "contoso", "--name", "Contoso Ltd"],
        vec!["correct", &id, "confirmed", "--at", "2026-11-20T09:30:00Z", "--reason", "the call was later"],
        vec!["config", "set", "organisation", "Northwind Cloud"],
    ];
    for args in writes {
        for (step, moved) in [("after-commit", false), ("after-worktree", true)] {
            let commits = env.commit_count();
            crash(&env, step, &args);
            env.ok(&["list", "--all"]);
            assert_clean(&env, &format!("after {args:?} crashed {step}"));
            // Killed before the branch moved, nothing happened, so the same write runs again
            // at the next step; killed after, the next command finished it.
            assert_eq!(env.commit_count(), commits + usize::from(moved), "{args:?} {step}");
        }
    }
}

#[test]
fn files_restored_with_git_are_made_private_again() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let file = env.incident_file(&id);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["note", &id, "after a checkout"]);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the incident file is {mode:o}");
}
