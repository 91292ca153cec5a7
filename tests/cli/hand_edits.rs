//! Where sirt looks for hand edits (issue 16): a write refuses only when a file it is about to
//! write, move or delete differs from the commit, and leaves hand edits elsewhere as they are;
//! a read warns about what it draws on; `status` looks everywhere. The index stays as git keeps
//! it, so `git status` agrees with sirt after every write.

use crate::support::{Env, assert_has_all, hints, incident_rel, tenant_rel};

/// The lines of stderr that warn about a hand edit.
fn differs_warnings(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("warning:") && l.contains("working tree differs")).count()
}

fn stderr_of(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(out.status.code(), Some(0), "sirt {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

/// Asserts that a write was refused for `path`, in the words every such refusal uses.
fn assert_refused_for(stderr: &str, path: &str) {
    assert_has_all(stderr, "the refusal", &["working tree differs", path, "nothing was recorded"]);
    assert_has_all(
        &hints(stderr),
        "the hint",
        &[&format!("sirt adopt {path}"), &format!("checkout -- {path}")],
    );
}

#[test]
fn a_hand_edit_of_one_incident_does_not_stop_a_note_on_another_and_survives_it() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let edited_id = env.declared("Token theft");
    let other = env.declared("Phishing wave");
    let path = env.incident_file(&edited_id);
    let mut edited = std::fs::read(&path).unwrap();
    edited.extend_from_slice(b"# looked at by hand\n");
    std::fs::write(&path, &edited).unwrap();
    let committed = env.file_at("HEAD", &incident_rel(&edited_id)).unwrap();

    env.one_commit(&["note", &other, "checked the proxy logs"]);
    env.one_commit(&["affected", &other, "contoso"]);
    env.one_commit(&["detect", "A third one"]);
    env.one_commit(&["tenant", "add", "fabrikam", "--name", "Fabrikam"]);

    assert_eq!(std::fs::read(&path).unwrap(), edited, "the hand edit was touched");
    assert_eq!(env.file_at("HEAD", &incident_rel(&edited_id)).unwrap(), committed);
    assert!(
        String::from_utf8(env.file_at("HEAD", &incident_rel(&other)).unwrap())
            .unwrap()
            .contains("checked the proxy logs")
    );
    // git sees the one hand edit and nothing else: the index followed every write.
    assert_eq!(
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
        format!(" M {}\n", incident_rel(&edited_id))
    );
    // Still reported by what looks there, and only there.
    let status = env.ok(&["status"]);
    assert!(status.contains(&incident_rel(&edited_id)), "{status}");
    assert_eq!(differs_warnings(&stderr_of(&env, &["show", &other])), 0);
    assert_eq!(differs_warnings(&stderr_of(&env, &["show", &edited_id])), 1);
    assert_eq!(differs_warnings(&stderr_of(&env, &["list"])), 1);
    assert_eq!(differs_warnings(&stderr_of(&env, &["tenant", "list"])), 0);
}

#[test]
fn a_hand_edit_of_the_incident_written_refuses_and_changes_nothing() {
    let env = Env::new();
    let id = env.declared("Token theft");
    let rel = incident_rel(&id);
    let path = env.incident_file(&id);
    let committed = std::fs::read(&path).unwrap();

    // Edited in place.
    let edited = String::from_utf8(committed.clone()).unwrap().replace("sev2", "sev1");
    std::fs::write(&path, &edited).unwrap();
    assert_refused_for(&env.refused(&["note", &id, "refused"]), &rel);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);

    // Staged with git: the file on disk matches the index, not the commit.
    env.git(&["add", &rel]);
    assert_refused_for(&env.refused(&["note", &id, "refused"]), &rel);
    env.git(&["reset", "-q", "--", &rel]);

    // Deleted.
    std::fs::remove_file(&path).unwrap();
    assert_refused_for(&env.refused(&["note", &id, "refused"]), &rel);
    assert!(!path.exists(), "the deleted file came back");

    // Put back as committed, the same write goes through.
    env.git(&["checkout", "--", &rel]);
    assert_eq!(std::fs::read(&path).unwrap(), committed);
    env.one_commit(&["note", &id, "now it goes"]);
    assert_eq!(env.git(&["status", "--porcelain", "--untracked-files=all"]), "");
}

#[test]
fn a_file_made_by_hand_where_a_new_record_goes_refuses() {
    // Ids are drawn from SIRT_SEED: a fresh store gives its first new incident the same id.
    let id = Env::new().detect("First", &[]);
    let env = Env::new();
    let incident = env.incident_file(&id);
    std::fs::create_dir_all(incident.parent().unwrap()).unwrap();
    std::fs::write(&incident, "title = \"made by hand\"\n").unwrap();
    assert_refused_for(&env.refused(&["detect", "First"]), &incident_rel(&id));
    assert_eq!(std::fs::read_to_string(&incident).unwrap(), "title = \"made by hand\"\n");

    let tenant = env.tenant_file("fabrikam");
    std::fs::create_dir_all(tenant.parent().unwrap()).unwrap();
    std::fs::write(&tenant, "id = \"fabrikam\"\n").unwrap();
    assert_refused_for(
        &env.refused(&["tenant", "add", "fabrikam", "--name", "Fabrikam"]),
        &tenant_rel("fabrikam"),
    );
    assert_eq!(std::fs::read_to_string(&tenant).unwrap(), "id = \"fabrikam\"\n");
    // Another tenant is not held up by them.
    env.one_commit(&["tenant", "add", "contoso", "--name", "Contoso"]);
}

#[test]
fn a_git_command_that_rewrites_the_index_changes_no_answer() {
    let env = Env::new();
    let a = env.declared("Token theft");
    let b = env.declared("Phishing wave");
    // `git status` refreshes stat data and rewrites the index; `touch` makes every file a suspect.
    env.git(&["status", "--porcelain"]);
    let now = std::time::SystemTime::now();
    for id in [&a, &b] {
        std::fs::File::options().append(true).open(env.incident_file(id)).unwrap().set_modified(now).unwrap();
    }
    assert_eq!(differs_warnings(&stderr_of(&env, &["list"])), 0);
    env.one_commit(&["note", &a, "after git status"]);
    // A staged change elsewhere: the index no longer holds the commit, and each check asks the
    // commit path by path.
    let path = env.incident_file(&b);
    let mut edited = std::fs::read(&path).unwrap();
    edited.extend_from_slice(b"# staged\n");
    std::fs::write(&path, &edited).unwrap();
    env.git(&["add", &incident_rel(&b)]);
    env.one_commit(&["note", &a, "with a staged edit elsewhere"]);
    assert_eq!(differs_warnings(&stderr_of(&env, &["show", &a])), 0);
    assert_eq!(differs_warnings(&stderr_of(&env, &["show", &b])), 1);
    let list = stderr_of(&env, &["list"]);
    assert_eq!(differs_warnings(&list), 1);
    assert!(list.contains(&incident_rel(&b)), "{list}");
    assert_eq!(env.git(&["status", "--porcelain"]), format!("M  {}\n", incident_rel(&b)));
}

#[test]
fn the_store_is_private_to_its_user_after_any_write() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let env = Env::new();
    let a = env.declared("Token theft");
    let b = env.declared("Phishing wave");
    // As a clone or `git checkout` with a loose umask leaves them.
    std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(env.incident_file(&b), std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["note", &a, "a write"]);
    assert_eq!(mode(&env.store), 0o700, "the store's top directory");
    assert_eq!(mode(&env.incident_file(&a)), 0o600, "a file sirt wrote");
    // A full scan makes the rest private too.
    env.ok(&["status"]);
    assert_eq!(mode(&env.incident_file(&b)), 0o600, "a file git left loose");
}

#[test]
fn files_touched_without_a_change_are_trusted_again_after_one_check() {
    let env = Env::new();
    let a = env.declared("Token theft");
    let b = env.declared("Phishing wave");
    // Each touch an hour further back: git compares whole seconds.
    let hours = std::cell::Cell::new(0);
    let touch = |id: &str| {
        hours.set(hours.get() + 1);
        let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(3600 * hours.get());
        std::fs::File::options()
            .append(true)
            .open(env.incident_file(id))
            .unwrap()
            .set_modified(earlier)
            .unwrap();
    };
    // git itself (without refreshing) sees the stat data differ from the index.
    let stat_dirty = || env.git(&["diff-files", "--name-only"]);
    touch(&a);
    touch(&b);
    assert_eq!(stat_dirty().lines().count(), 2);
    assert_eq!(differs_warnings(&stderr_of(&env, &["list"])), 0);
    assert_eq!(stat_dirty(), "", "the read entered the new stat data");
    // A read of one incident looks at its file only, and enters that.
    touch(&a);
    touch(&b);
    assert_eq!(differs_warnings(&stderr_of(&env, &["show", &a])), 0);
    assert_eq!(stat_dirty(), format!("{}\n", incident_rel(&b)));
    env.one_commit(&["note", &b, "after a touch"]);
    assert_eq!(stat_dirty(), "");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

/// Neither sirt nor git flushes the index to disk, so a power cut can leave it cut short. The
/// next command makes it again from the commit and answers as before; a hand edit made before
/// the cut is still found (by content: the rebuilt index has no stat data to trust).
#[test]
fn an_index_cut_short_is_made_again_from_the_commit() {
    let env = Env::new();
    let edited_id = env.declared("Token theft");
    let other = env.declared("Phishing wave");
    let listed = env.ok(&["list"]);
    let path = env.incident_file(&edited_id);
    let mut edited = std::fs::read(&path).unwrap();
    edited.extend_from_slice(b"# looked at by hand\n");
    std::fs::write(&path, &edited).unwrap();
    let index = env.store.join(".git/index");
    let whole = std::fs::read(&index).unwrap();
    for cut in [0, 7, whole.len() / 2, whole.len() - 1] {
        std::fs::write(&index, &whole[..cut]).unwrap();
        let out = env.run(&["list"]);
        assert_eq!(out.status.code(), Some(0), "cut at {cut}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), listed, "cut at {cut}");
        assert_eq!(differs_warnings(&String::from_utf8_lossy(&out.stderr)), 1, "cut at {cut}");
    }
    std::fs::write(&index, &whole[..whole.len() / 3]).unwrap();
    env.one_commit(&["note", &other, "after the power cut"]);
    assert_eq!(
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
        format!(" M {}\n", incident_rel(&edited_id))
    );
    let out = env.run(&["note", &edited_id, "on the edited one"]);
    assert_eq!(out.status.code(), Some(1));
    assert_refused_for(&String::from_utf8_lossy(&out.stderr), &incident_rel(&edited_id));
}

/// `list` looks at what it lists: by default the open incidents' files, so a hand edit of a
/// dismissed incident is not its business; `--all` and `--closed` list that one and say so, and
/// `--all` looks at the whole directory, where a file made by hand counts too.
#[test]
fn list_looks_at_the_incidents_it_lists() {
    let env = Env::new();
    let open = env.declared("Token theft");
    let dismissed = env.detect("A drill", &["--at", "2026-11-20T07:00:00Z"]);
    env.ok(&["dismiss", &dismissed, "--reason", "only a drill"]);
    let path = env.incident_file(&dismissed);
    let mut edited = std::fs::read(&path).unwrap();
    edited.extend_from_slice(b"# looked at by hand\n");
    std::fs::write(&path, &edited).unwrap();

    for args in [&["list"][..], &["list", "--format", "json"], &["list", "--severity", "sev2"]] {
        assert_eq!(differs_warnings(&stderr_of(&env, args)), 0, "{args:?}");
    }
    for args in [&["list", "--all"][..], &["list", "--closed"], &["list", "--all", "--format", "csv"]] {
        let stderr = stderr_of(&env, args);
        assert_eq!(differs_warnings(&stderr), 1, "{args:?}");
        assert!(stderr.contains(&incident_rel(&dismissed)), "{args:?}: {stderr}");
    }
    std::fs::write(&path, env.file_at("HEAD", &incident_rel(&dismissed)).unwrap()).unwrap();
    assert_eq!(differs_warnings(&stderr_of(&env, &["list", "--all"])), 0);

    let open_path = env.incident_file(&open);
    std::fs::write(&open_path, b"schema = 1\n").unwrap();
    assert_eq!(differs_warnings(&stderr_of(&env, &["list"])), 1);
    std::fs::write(&open_path, env.file_at("HEAD", &incident_rel(&open)).unwrap()).unwrap();

    let stray = env.incident_file("INC-ZZZZ-ZZZZ");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, b"made by hand\n").unwrap();
    assert_eq!(differs_warnings(&stderr_of(&env, &["list"])), 0);
    assert_eq!(differs_warnings(&stderr_of(&env, &["list", "--all"])), 1);
}

/// An import checks every tenant file it writes. When nothing proves that the index holds the
/// commit (git rewrote the index, or the note is gone), the files are looked up in the commit a
/// directory at a time, and a hand edit among them is still refused.
#[test]
fn an_import_finds_a_hand_edit_among_its_files_without_the_index_note() {
    let env = Env::new();
    let rows = |names: &[&str]| {
        let mut csv = String::from("id,name,admin_email\n");
        for name in names {
            csv.push_str(&format!("{name},{name},it@{name}.example\n"));
        }
        let file = env.home.join(format!("{}.csv", names.len()));
        std::fs::write(&file, csv).unwrap();
        file
    };
    let first: Vec<String> = (0..12).map(|n| format!("tenant-{n:02}")).collect();
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    env.ok(&["tenant", "import", rows(&first).to_str().unwrap()]);
    let edited = env.tenant_file("tenant-07");
    let mut text = std::fs::read(&edited).unwrap();
    text.extend_from_slice(b"# by hand\n");
    std::fs::write(&edited, &text).unwrap();
    let _ = std::fs::remove_file(env.store.join(".git/sirt-index"));
    env.git(&["update-index", "-q", "--refresh"]);

    let renamed: Vec<String> = first.iter().map(|id| format!("{id},Renamed {id}")).collect();
    let file = env.home.join("renamed.csv");
    std::fs::write(&file, format!("id,name\n{}\n", renamed.join("\n"))).unwrap();
    let out = env.run(&["tenant", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_refused_for(&String::from_utf8_lossy(&out.stderr), &tenant_rel("tenant-07"));
    assert_eq!(std::fs::read(&edited).unwrap(), text);
    // The eleven others, looked up the same way, are as committed: the import goes through.
    let _ = std::fs::remove_file(env.store.join(".git/sirt-index"));
    let rest: Vec<&String> = renamed.iter().filter(|row| !row.starts_with("tenant-07,")).collect();
    let rest: Vec<&str> = rest.iter().map(|row| row.as_str()).collect();
    std::fs::write(&file, format!("id,name\n{}\n", rest.join("\n"))).unwrap();
    env.one_commit(&["tenant", "import", file.to_str().unwrap()]);

    let others: Vec<String> = (20..32).map(|n| format!("tenant-{n:02}")).collect();
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    let _ = std::fs::remove_file(env.store.join(".git/sirt-index"));
    env.one_commit(&["tenant", "import", rows(&others).to_str().unwrap()]);
    assert_eq!(
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
        format!(" M {}\n", tenant_rel("tenant-07"))
    );
}
