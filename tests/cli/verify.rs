//! `sirt verify` and evidence bundles: histories tampered with by plain git, each named; a
//! long clean history; signatures made by sirt and accepted by git; bundles that round-trip.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{ACTOR, Env, incident_rel};

/// Runs git in the store as `Mallory`, with both dates pinned to `date`.
fn git_as(env: &Env, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(&env.store)
        .args(["-c", "user.name=Mallory", "-c", "user.email=mallory@example.com"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", &env.home)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const LATER: &str = "2026-11-20T13:00:00Z";

fn incident_file(env: &Env, id: &str) -> PathBuf {
    env.incident_file(id)
}

/// Edits the incident file with `change` and commits it with plain git as Mallory.
fn tamper(env: &Env, id: &str, message: &str, change: impl FnOnce(String) -> String) {
    let path = incident_file(env, id);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "the tampering changed nothing");
    std::fs::write(&path, changed).unwrap();
    git_as(env, LATER, &["commit", "-qam", message]);
}

/// `sirt verify --format json`, expected to exit `code`.
fn verify_json(env: &Env, args: &[&str], code: i32) -> serde_json::Value {
    let mut all = vec!["verify", "--format", "json"];
    all.extend(args);
    let out = env.run(&all);
    assert_eq!(
        out.status.code(),
        Some(code),
        "verify: {}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The findings' messages.
fn messages(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

fn one_with(report: &serde_json::Value, check: &str, words: &str) -> serde_json::Value {
    let found: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == check && f["message"].as_str().unwrap().contains(words))
        .collect();
    assert_eq!(found.len(), 1, "one {check} finding saying '{words}' in {:#?}", messages(report));
    found[0].clone()
}

/// The table of the event with this id in the file: from its `[[event]]` line to the next.
fn event_table(text: &str, event: &str) -> (usize, usize) {
    let at = text.find(&format!("id = \"{event}\"")).expect("event in file");
    let start = text[..at].rfind("[[event]]").unwrap();
    let end = text[at..].find("[[event]]").map(|n| at + n).unwrap_or(text.len());
    (start, end)
}

fn event_ids(env: &Env, id: &str) -> Vec<(String, String)> {
    let timeline = env.json(&["timeline", id, "--format", "json"]);
    timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().into(), e["id"].as_str().unwrap().into()))
        .collect()
}

fn event_of(env: &Env, id: &str, kind: &str) -> String {
    event_ids(env, id).into_iter().find(|(k, _)| k == kind).unwrap().1
}

/// A store with one declared incident and a note.
fn store_with_incident() -> (Env, String) {
    let env = Env::new();
    let id = env.declared("Odd logins");
    env.ok(&["note", &id, "Looked at the proxy logs."]);
    let clean = verify_json(&env, &[], 0);
    assert!(clean["findings"].as_array().unwrap().is_empty());
    (env, id)
}

#[test]
fn a_deleted_event_is_named() {
    let (env, id) = store_with_incident();
    let note = event_of(&env, &id, "note");
    tamper(&env, &id, "fix typo", |text| {
        let (start, end) = event_table(&text, &note);
        format!("{}{}", &text[..start], &text[end..])
    });
    let report = verify_json(&env, &[], 3);
    let finding = one_with(&report, "append-only", "was removed by commit");
    assert_eq!(finding["event"], note.as_str());
    assert_eq!(finding["file"], incident_rel(&id));
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains(&format!("event {note} (note, 2026-11-20 12:00Z)")), "{message}");
    assert!(message.contains("'fix typo' by Mallory <mallory@example.com>"), "{message}");
    one_with(&report, "outside-sirt", "was made outside sirt and changed incidents/");
    // The table names it too, and the exit code says it needs attention.
    let out = env.run(&["verify"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("was removed by commit"));
}

#[test]
fn a_changed_event_time_is_named() {
    let (env, id) = store_with_incident();
    let note = event_of(&env, &id, "note");
    tamper(&env, &id, "tidy", |text| {
        let (start, end) = event_table(&text, &note);
        let table =
            text[start..end].replacen("at = \"2026-11-20T12:00:00Z\"", "at = \"2026-11-20T10:30:00Z\"", 1);
        format!("{}{table}{}", &text[..start], &text[end..])
    });
    let report = verify_json(&env, &[], 3);
    let finding =
        one_with(&report, "append-only", "its time moved from 2026-11-20 12:00:00Z to 2026-11-20 10:30:00Z");
    assert_eq!(finding["event"], note.as_str());
}

#[test]
fn a_moved_declaration_is_named() {
    let (env, id) = store_with_incident();
    let confirmed = event_of(&env, &id, "confirmed");
    tamper(&env, &id, "fix typo", |text| text.replace("2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z"));
    let report = verify_json(&env, &[], 3);
    let finding = one_with(&report, "append-only", "the declaration");
    assert_eq!(finding["event"], confirmed.as_str());
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("was moved from 2026-11-20 09:00Z to 2026-11-20 11:00Z")
    );
}

#[test]
fn an_event_inserted_with_a_forged_author_is_named() {
    let (env, id) = store_with_incident();
    tamper(&env, &id, "add note", |mut text| {
        text.push_str(&format!(
            "\n[[event]]\nid = \"EFORGED00001\"\nseq = 9\nat = \"2026-11-20T13:00:00Z\"\nrecorded_at = \"2026-11-20T13:00:00Z\"\nby = \"{ACTOR}\"\nkind = \"note\"\ntext = \"All clear.\"\n"
        ));
        text
    });
    let report = verify_json(&env, &[], 3);
    let finding = one_with(&report, "consistency", "says it was recorded by Ana Lima <ana@example.com>");
    assert_eq!(finding["event"], "EFORGED00001");
    assert!(finding["message"].as_str().unwrap().contains("is by Mallory <mallory@example.com>"));
}

#[test]
fn a_commit_dated_before_its_parent_is_named() {
    let (env, _) = store_with_incident();
    std::fs::create_dir_all(env.store.join("templates")).unwrap();
    std::fs::write(env.store.join("templates/note.md"), "hello\n").unwrap();
    git_as(&env, "2026-11-19T08:00:00Z", &["add", "-A"]);
    git_as(&env, "2026-11-19T08:00:00Z", &["commit", "-qm", "add a template"]);
    let report = verify_json(&env, &[], 3);
    let finding = one_with(&report, "time", "is dated 2026-11-19 08:00:00Z, earlier than its parent");
    assert!(finding["message"].as_str().unwrap().contains("'add a template' by Mallory"));
    // The template itself, changed outside sirt, is information, not a finding.
    let info = report["information"].as_array().unwrap();
    assert!(
        info.iter().any(|i| i["message"].as_str().unwrap().contains("changed templates/note.md")),
        "{info:?}"
    );
}

#[test]
fn a_merge_that_drops_an_event_is_named_and_a_union_merge_is_clean() {
    let (env, id) = store_with_incident();
    let base = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    env.ok(&["note", &id, "From the first laptop."]);
    let first = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    let first_text = std::fs::read_to_string(incident_file(&env, &id)).unwrap();
    env.git(&["reset", "-q", "--hard", &base]);
    let mut later = env.cmd();
    later.env("SIRT_NOW", "2026-11-20T12:30:00Z").env("SIRT_SEED", "2").args([
        "note",
        &id,
        "From the second laptop.",
    ]);
    assert!(later.output().unwrap().status.success());
    let second_text = std::fs::read_to_string(incident_file(&env, &id)).unwrap();
    let base_len = {
        let base_text = env.git(&["show", &format!("{base}:{}", incident_rel(&id))]);
        base_text.len()
    };
    // The union: the second side's file plus the first side's appended table.
    let union = format!("{second_text}{}", &first_text[base_len..]);
    let out = Command::new("git")
        .arg("-C")
        .arg(&env.store)
        .args([
            "-c",
            "user.name=Ana Lima",
            "-c",
            "user.email=ana@example.com",
            "merge",
            "-q",
            "--no-edit",
            &first,
        ])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", LATER)
        .env("GIT_COMMITTER_DATE", LATER)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the two appends conflict as text");
    std::fs::write(incident_file(&env, &id), &union).unwrap();
    git_as(&env, LATER, &["commit", "-qam", "merge: both laptops"]);
    let clean = verify_json(&env, &[], 0);
    assert!(messages(&clean).is_empty());

    // Again, resolved by keeping one side only.
    let head = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    env.git(&["reset", "-q", "--hard", &format!("{head}^1")]);
    let out = Command::new("git")
        .arg("-C")
        .arg(&env.store)
        .args([
            "-c",
            "user.name=Mallory",
            "-c",
            "user.email=mallory@example.com",
            "merge",
            "-q",
            "-s",
            "ours",
            "--no-edit",
            &first,
        ])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", LATER)
        .env("GIT_COMMITTER_DATE", LATER)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = verify_json(&env, &["--accept-rewrite"], 3);
    let dropped = event_ids_in(&first_text).into_iter().find(|e| !second_text.contains(e.as_str())).unwrap();
    let finding = one_with(&report, "merge", "dropped event");
    assert_eq!(finding["event"], dropped.as_str());
    assert!(finding["message"].as_str().unwrap().contains(&format!("that parent {}", &first[..10])));
}

fn event_ids_in(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("id = \"E"))
        .map(|rest| format!("E{}", rest.trim_end_matches('"')))
        .collect()
}

#[test]
fn a_rewrite_after_a_verify_is_named_and_since_last_walks_only_new_commits() {
    let (env, id) = store_with_incident();
    env.ok(&["note", &id, "One more."]);
    verify_json(&env, &[], 0);
    env.ok(&["note", &id, "And another."]);
    let incremental = verify_json(&env, &["--since", "last"], 0);
    assert_eq!(incremental["commits"], 1, "only the commit after the verified tip");
    // Amend the last commit and force the branch to it.
    let old = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    // The same change, message and author; only the committer's date differs.
    let out = Command::new("git")
        .arg("-C")
        .arg(&env.store)
        .args([
            "-c",
            "user.name=Ana Lima",
            "-c",
            "user.email=ana@example.com",
            "commit",
            "-q",
            "--amend",
            "--no-edit",
        ])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_COMMITTER_DATE", LATER)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let new = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    env.git(&["update-ref", "refs/heads/main", &new]);
    let report = verify_json(&env, &[], 3);
    let finding = one_with(&report, "rewrite", "the history was rewritten");
    assert_eq!(finding["commit"], old.as_str());
    // It stays a finding until someone accepts it.
    verify_json(&env, &["--since", "last"], 3);
    verify_json(&env, &["--accept-rewrite"], 3);
    verify_json(&env, &[], 0);
}

#[test]
fn since_takes_a_revision_and_refuses_one_that_is_not_there() {
    let (env, _) = store_with_incident();
    let report = verify_json(&env, &["--since", "HEAD~1"], 0);
    assert_eq!(report["commits"], 1);
    let stderr = env.fails(&["verify", "--since", "no-such-thing"]);
    assert!(stderr.contains("'no-such-thing' names no commit of the store"), "{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
}

/// A clean history of a few hundred sirt commands, corrections and retractions among them.
#[test]
fn a_long_clean_history_verifies_with_no_findings() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let mut minute = 0;
    let mut at = || {
        minute += 1;
        format!("2026-11-20T{:02}:{:02}:00Z", 12 + minute / 60, minute % 60)
    };
    let run = |now: String, args: &[&str]| {
        let out = env.cmd().env("SIRT_NOW", &now).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let mut commands = 0;
    for n in 0..20 {
        let id = run(at(), &["detect", &format!("Alert {n}"), "--severity", "sev3"]).trim().to_string();
        let confirmed = at();
        run(confirmed.clone(), &["confirm", &id]);
        run(at(), &["affected", &id, "contoso"]);
        for k in 0..8 {
            run(at(), &["note", &id, &format!("Step {k}.")]);
        }
        let note = event_of(&env, &id, "note");
        run(at(), &["correct", &id, &note, "--at", &confirmed, "--reason", "clock skew"]);
        run(at(), &["retract", &id, &note, "--reason", "wrong incident"]);
        run(at(), &["contain", &id, "--summary", "Blocked the address."]);
        commands += 14;
    }
    assert!(commands >= 250);
    let report = verify_json(&env, &[], 0);
    assert!(messages(&report).is_empty(), "{:#?}", messages(&report));
    assert!(report["commits"].as_u64().unwrap() >= commands as u64);
    let out = env.run(&["verify"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no findings"));
}

// --- signing -------------------------------------------------------------------------------

/// An ed25519 key pair made by ssh-keygen; returns the private key's path and the public key.
fn key(env: &Env, name: &str) -> (PathBuf, String) {
    let path = env.home.join(format!("{name}_ed25519"));
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .output()
        .expect("ssh-keygen is needed for the signing tests");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    (path, public.trim().to_string())
}

/// A store that requires signed changes, with `ana`'s key in its allowed signers and git set up
/// to sign with it; the switch is made by sirt itself (a hand edit of sirt.toml, adopted).
fn signing_store() -> (Env, String, PathBuf) {
    let env = Env::new();
    let (private, public) = key(&env, "ana");
    env.git(&["config", "gpg.format", "ssh"]);
    env.git(&["config", "user.signingkey", private.to_str().unwrap()]);
    let signers = format!("ana@example.com namespaces=\"git\" {public}\n");
    std::fs::write(env.store.join("allowed_signers"), &signers).unwrap();
    git_as(&env, "2026-11-20T12:00:00Z", &["add", "allowed_signers"]);
    git_as(&env, "2026-11-20T12:00:00Z", &["commit", "-q", "-S", "-m", "allowed signers: ana"]);
    let settings = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    std::fs::write(env.store.join("sirt.toml"), format!("{settings}\nsigning = \"require\"\n")).unwrap();
    env.ok(&["adopt", "sirt.toml"]);
    let id = env.declared("Signed incident");
    env.git(&["config", "gpg.ssh.allowedSignersFile", env.store.join("allowed_signers").to_str().unwrap()]);
    (env, id, private)
}

#[test]
fn sirt_signs_its_commits_and_git_accepts_the_signatures() {
    let (env, id, _) = signing_store();
    env.ok(&["note", &id, "Signed note."]);
    env.git(&["verify-commit", "HEAD"]);
    let shown = env.git(&["log", "--show-signature", "-1"]);
    assert!(shown.contains("Good \"git\" signature for ana@example.com"), "{shown}");
    let report = verify_json(&env, &[], 0);
    assert!(report["signatures_good"].as_u64().unwrap() >= 3, "{report:#}");
    assert_eq!(report["signing"], "require");
}

#[test]
fn an_unsigned_commit_in_a_store_that_requires_signing_is_named() {
    let (env, _, _) = signing_store();
    std::fs::create_dir_all(env.store.join("templates")).unwrap();
    std::fs::write(env.store.join("templates/x.md"), "x\n").unwrap();
    git_as(&env, LATER, &["add", "-A"]);
    git_as(&env, LATER, &["-c", "commit.gpgsign=false", "commit", "-qm", "unsigned template"]);
    let report = verify_json(&env, &[], 3);
    one_with(&report, "signature", "'unsigned template' by Mallory <mallory@example.com> is not signed");
}

#[test]
fn a_commit_signed_by_a_key_not_allowed_is_named() {
    let (env, _, _) = signing_store();
    let (other, _) = key(&env, "mallory");
    std::fs::create_dir_all(env.store.join("templates")).unwrap();
    std::fs::write(env.store.join("templates/x.md"), "x\n").unwrap();
    git_as(&env, LATER, &["add", "-A"]);
    git_as(
        &env,
        LATER,
        &[
            "-c",
            &format!("user.signingkey={}", other.display()),
            "commit",
            "-q",
            "-S",
            "-m",
            "signed by another",
        ],
    );
    let report = verify_json(&env, &[], 3);
    let finding = one_with(&report, "signature", "which is not in the store's allowed_signers");
    assert!(finding["message"].as_str().unwrap().contains("'signed by another'"));
}

#[test]
fn signing_without_a_key_refuses_and_records_nothing() {
    let (env, id, _) = signing_store();
    env.git(&["config", "--unset", "user.signingkey"]);
    let before = env.commit_count();
    let stderr = env.fails(&["note", &id, "Unsigned?"]);
    assert!(stderr.contains("no signing key"), "{stderr}");
    assert_eq!(env.commit_count(), before);
}

// --- bundles -------------------------------------------------------------------------------

fn bundle_of(env: &Env, id: &str) -> PathBuf {
    let path = env.home.join("evidence.tar");
    env.ok(&["export", id, "--bundle", path.to_str().unwrap()]);
    path
}

/// The archive's files, as path and bytes.
fn read_tar(path: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let name = e.path().unwrap().to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

fn write_tar(path: &Path, files: &[(String, Vec<u8>)]) {
    let mut builder = tar::Builder::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, bytes.as_slice()).unwrap();
    }
    builder.finish().unwrap();
}

/// `sirt verify --bundle` run with no store at all.
fn verify_bundle(env: &Env, path: &Path, code: i32) -> serde_json::Value {
    let out = env
        .cmd()
        .env("SIRT_STORE", env.home.join("no-store-here"))
        .args(["verify", "--format", "json", "--bundle", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(code), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_bundle_round_trips() {
    let (env, id) = store_with_incident();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    env.ok(&["affected", &id, "contoso"]);
    env.ok(&["notified", &id, "contoso", "--via", "email-admin"]);
    let path = bundle_of(&env, &id);
    let files = read_tar(&path);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for wanted in [
        "report.md",
        "incident.toml",
        "timeline.json",
        "notifications.json",
        "filings.json",
        "history.bundle",
        "verify.json",
        "manifest.json",
    ] {
        assert!(names.contains(&format!("{id}/{wanted}").as_str()), "{wanted} in {names:?}");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&files.iter().find(|(n, _)| n.ends_with("manifest.json")).unwrap().1).unwrap();
    assert_eq!(manifest["commit"], env.git(&["rev-parse", "HEAD"]).trim());
    assert_eq!(manifest["verify"]["clean"], true);
    assert_eq!(manifest["signing"]["setting"], "off");
    let notifications =
        String::from_utf8(files.iter().find(|(n, _)| n.ends_with("notifications.json")).unwrap().1.clone())
            .unwrap();
    assert!(notifications.contains("notified via"), "{notifications}");
    let checked = verify_bundle(&env, &path, 0);
    assert!(checked["findings"].as_array().unwrap().is_empty());
    assert_eq!(checked["history"]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn a_bundle_with_a_tampered_file_fails() {
    let (env, id) = store_with_incident();
    let path = bundle_of(&env, &id);
    let mut files = read_tar(&path);
    for (name, bytes) in files.iter_mut() {
        if name.ends_with("report.md") {
            *bytes = String::from_utf8_lossy(bytes).replace("Odd logins", "Nothing to see").into_bytes();
        }
    }
    let tampered = env.home.join("tampered.tar");
    write_tar(&tampered, &files);
    let checked = verify_bundle(&env, &tampered, 3);
    let findings = checked["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["check"], "bundle");
    assert!(findings[0]["message"].as_str().unwrap().starts_with("report.md does not match the manifest"));

    // A forger who also rewrites the manifest's hash is caught by the history in the bundle.
    let mut files = read_tar(&path);
    let forged =
        String::from_utf8(files.iter().find(|(n, _)| n.ends_with("incident.toml")).unwrap().1.clone())
            .unwrap()
            .replace("2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z");
    let old_hash = sha256_hex(&files.iter().find(|(n, _)| n.ends_with("incident.toml")).unwrap().1);
    for (name, bytes) in files.iter_mut() {
        if name.ends_with("incident.toml") {
            *bytes = forged.clone().into_bytes();
        }
        if name.ends_with("manifest.json") {
            *bytes = String::from_utf8_lossy(bytes)
                .replace(&old_hash, &sha256_hex(forged.as_bytes()))
                .into_bytes();
        }
    }
    write_tar(&tampered, &files);
    let checked = verify_bundle(&env, &tampered, 3);
    let messages: Vec<&str> =
        checked["findings"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].starts_with("incident.toml differs from incidents/"), "{messages:?}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_file_that_is_not_a_bundle_is_refused_with_a_hint() {
    let env = Env::new();
    let path = env.home.join("notes.txt");
    std::fs::write(&path, "hello").unwrap();
    let stderr = env.fails(&["verify", "--bundle", path.to_str().unwrap()]);
    assert!(stderr.contains("is not a sirt evidence bundle"), "{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
}

/// What people read, pinned: the table of findings and the summary line.
#[test]
fn findings_read_as_a_table() {
    let (env, id) = store_with_incident();
    tamper(&env, &id, "fix typo", |text| text.replace("2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z"));
    let out = env.run(&["verify"]);
    // The commit's hash changes with anything in the store's first commits; it is named as such.
    let head = env.git(&["rev-parse", "HEAD"]);
    insta::assert_snapshot!(
        format!(
            "$ sirt verify\n{}--- stderr\n{}--- exit {}\n",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            out.status.code().unwrap_or(-1)
        )
        .replace(&head.trim()[..10], "[COMMIT]")
    );
    let out = Env::new().run(&["verify"]);
    insta::assert_snapshot!(
        "clean",
        format!(
            "$ sirt verify\n{}--- stderr\n{}--- exit {}\n",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            out.status.code().unwrap_or(-1)
        )
    );
}
