//! The store: creation, resolution, privacy, atomicity and concurrency.

use std::os::unix::fs::PermissionsExt;

use crate::support::{Env, NOW, incident_rel};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_creates_a_private_store_with_one_commit() {
    let env = Env::new();
    let settings = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    assert!(settings.contains("schema = 1"), "{settings}");
    assert!(env.store.join(".git").is_dir());
    assert_eq!(mode(&env.store), 0o700);
    assert_eq!(mode(&env.store.join("sirt.toml")), 0o600);
    assert_eq!(env.commit_count(), 1);
    assert_eq!(env.git(&["log", "-1", "--format=%s"]).trim(), "store created");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn init_refuses_to_clobber() {
    let env = Env::new();
    let again = env.fails(&["init", env.store.to_str().unwrap()]);
    assert!(again.contains("already a sirt store"), "{again}");
    assert!(again.contains("hint:"), "{again}");

    let busy = env.home.join("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let refused = env.fails(&["init", busy.to_str().unwrap()]);
    assert!(refused.contains("not empty"), "{refused}");
    assert!(!busy.join(".git").exists());
    assert_eq!(std::fs::read_to_string(busy.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn incident_files_are_private() {
    let env = Env::new();
    let id = env.detect("odd sign-ins", &[]);
    assert_eq!(mode(&env.store.join("incidents")), 0o700);
    assert_eq!(mode(&env.incident_file(&id)), 0o600);
}

#[test]
fn the_store_flag_wins_over_the_environment() {
    let env = Env::new();
    let other = env.home.join("other");
    env.ok(&["init", other.to_str().unwrap()]);
    env.ok(&["--store", other.to_str().unwrap(), "detect", "in the other store"]);
    assert!(env.ok(&["list"]).trim().is_empty());
    assert!(env.ok(&["--store", other.to_str().unwrap(), "list"]).contains("in the other store"));
}

#[test]
fn the_config_file_names_the_store() {
    let env = Env::new();
    let config = env.home.join(".config/sirt");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("store = {:?}\n", env.store)).unwrap();
    env.detect("found through the config file", &[]);
    let listed = env.cmd().env_remove("SIRT_STORE").args(["list", "--format", "csv"]).output().unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("found through the config file"));
}

#[test]
fn without_any_setting_the_data_directory_is_used_and_created() {
    let env = Env::bare();
    let out = env.cmd().env_remove("SIRT_STORE").args(["detect", "first ever"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let data_store = env.home.join(".local/share/sirt");
    assert!(data_store.join("sirt.toml").is_file());
    assert!(String::from_utf8_lossy(&out.stderr).contains("created a new store"));
    let listed = env.cmd().env_remove("SIRT_STORE").args(["list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("first ever"));
}

#[test]
fn a_directory_that_is_not_a_store_is_refused_with_a_hint() {
    let env = Env::bare();
    let err = env.fails(&["list"]);
    assert!(err.contains("is not a sirt store"), "{err}");
    assert!(err.contains("hint: create one: sirt init"), "{err}");
}

#[test]
fn every_change_leaves_git_clean_and_consistent() {
    let env = Env::new();
    let id = env.declared("tokens leaked");
    env.ok(&["note", &id, "rotating keys"]);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    env.git(&["fsck", "--strict"]);
    assert_eq!(env.commit_count(), 4);
}

#[test]
fn concurrent_writers_are_serialized_and_nothing_is_lost() {
    let env = Env::new();
    let id = env.detect("many hands", &[]);
    let before = env.commit_count();
    std::thread::scope(|scope| {
        for writer in 0..8 {
            let env = &env;
            let id = &id;
            scope.spawn(move || {
                for n in 0..25 {
                    let text = format!("writer {writer} note {n}");
                    let out = env.run(&["note", id, &text]);
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            });
        }
    });
    assert_eq!(env.commit_count(), before + 200);
    let timeline = env.json(&["timeline", &id, "--format", "json"]);
    let events = timeline.as_array().unwrap();
    assert_eq!(events.len(), 201);
    let mut ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 201, "event ids are unique");
    env.git(&["fsck", "--strict"]);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn an_interrupted_change_is_rolled_back_by_the_next_writer() {
    let env = Env::new();
    let id = env.detect("half written", &[]);
    let path = env.incident_file(&id);
    let committed = std::fs::read_to_string(&path).unwrap();
    // What a crash between replacing the file and moving the branch leaves behind.
    std::fs::write(&path, "schema = 1\nid = \"garbage").unwrap();
    std::fs::write(env.store.join(".git/sirt-pending"), incident_rel(&id)).unwrap();

    let out = env.run(&["note", &id, "after the crash"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.starts_with(&committed[..committed.len() - 1]), "the committed events are back");
    assert!(now.contains("after the crash"));
    assert!(!env.store.join(".git/sirt-pending").exists());
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_bad_pinned_clock_is_an_error() {
    let env = Env::new();
    let out = env.cmd().env("SIRT_NOW", "tuesday").args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SIRT_NOW") && stderr.contains("hint:"), "{stderr}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let env = Env::new();
    assert_eq!(env.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(env.run(&["detect"]).status.code(), Some(2));
    assert_eq!(env.run(&["list", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(env.run(&["--help"]).status.code(), Some(0));
    assert_eq!(env.run(&["--version"]).status.code(), Some(0));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let env = Env::new();
    env.detect("colourful", &["--severity", "sev1"]);
    let always = env.ok(&["--color", "always", "list"]);
    assert!(always.contains("\x1b["), "{always:?}");
    let never = env.ok(&["--color", "never", "list"]);
    assert!(!never.contains("\x1b["));
    // Not a terminal, and NO_COLOR set: auto means none.
    assert!(!env.ok(&["list"]).contains("\x1b["));
}

#[test]
fn the_pinned_clock_dates_events_and_commits() {
    let env = Env::new();
    let id = env.detect("pinned", &[]);
    // 2026-11-20T12:00:00Z as a Unix time.
    assert_eq!(env.git(&["log", "-1", "--format=%at"]).trim(), "1795176000");
    let timeline = env.json(&["timeline", &id, "--format", "json"]);
    assert_eq!(timeline[0]["recorded_at"], NOW);
}
