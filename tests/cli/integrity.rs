//! The record is what happened (issue 9): reads come from the commit, writes append to it, a
//! write over a hand edit is refused until it is adopted or thrown away, events of a newer sirt survive, gates fail
//! closed, closed incidents keep the clocks owed to regulators, `edit` cannot forge authorship,
//! notifications only on channels that reach the tenant, `init` is all or nothing, and mistakes
//! are corrected by new events. Ends with a property: incident files only ever grow at the end,
//! except in commits made by `adopt`.

use proptest::prelude::*;
use serde_json::Value;

use crate::support::{ACTOR, Env, NOW, appending, incident_rel, tenant_rel};
use crate::support::{assert_has_all, hints};

// ---- helpers ----

/// `incidents/<ID>.toml`, as the store names it.
fn rel(id: &str) -> String {
    incident_rel(id)
}

/// Runs a command: (exit code, stdout, stderr).
fn run(env: &Env, args: &[&str]) -> (i32, String, String) {
    let out = env.run(args);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn show(env: &Env, id: &str) -> Value {
    env.json(&["show", id, "--format", "json"])
}

/// The rows of `sirt deadlines --format json` with `extra` options.
fn clocks(env: &Env, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["deadlines", "--format", "json"];
    args.extend(extra);
    env.json(&args).as_array().unwrap().clone()
}

/// The clocks of one incident, with `--all`.
fn clocks_of(env: &Env, id: &str) -> Vec<Value> {
    clocks(env, &["--all"]).into_iter().filter(|r| r["incident"] == id).collect()
}

fn contract<'a>(rows: &'a [Value], id: &str, tenant: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["incident"] == id && r["clock"] == "contract" && r["tenant"] == tenant)
        .unwrap_or_else(|| panic!("no contract clock of {id} for {tenant} in {rows:#?}"))
}

fn stage<'a>(rows: &'a [Value], id: &str, name: &str) -> Option<&'a Value> {
    rows.iter().find(|r| r["incident"] == id && r["clock"] == "own-regime" && r["stage"] == name)
}

/// A tenant with an administrator email, and any further `tenant add` flags.
fn tenant(env: &Env, id: &str, extra: &[&str]) {
    let email = format!("it@{id}.example");
    let mut args = vec!["tenant", "add", id, "--name", id, "--admin-email", &email];
    args.extend(extra);
    env.ok(&args);
}

/// The largest `seq` in an incident's committed file, plus one.
fn next_seq(env: &Env, id: &str) -> u64 {
    let text = String::from_utf8(env.file_at("HEAD", &rel(id)).unwrap()).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("seq = "))
        .map(|n| n.trim().parse::<u64>().unwrap())
        .max()
        .unwrap()
        + 1
}

/// An `[[event]]` table as a person (or another sirt) would append it.
fn event_table(event_id: &str, seq: u64, kind: &str, fields: &str) -> String {
    format!(
        "\n[[event]]\nid = \"{event_id}\"\nseq = {seq}\nat = \"2026-11-20T11:00:00Z\"\n\
         recorded_at = \"2026-11-20T11:30:00Z\"\nby = \"{ACTOR}\"\nkind = \"{kind}\"\n{fields}"
    )
}

fn append(env: &Env, id: &str, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(env.incident_file(id)).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

/// The stderr lines that say the working tree differs from the commit.
fn differs_warnings(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("warning:") && l.contains("working tree differs")).count()
}

/// Drops the last `[[event]]` table of a text.
fn without_last_event(text: &str) -> String {
    let at = text.rfind("\n[[event]]").unwrap();
    text[..at + 1].to_string()
}

// ---- the commit is the source of truth ----

/// Writes that would overwrite the hand-edited file are refused; writes elsewhere go through and
/// leave it alone (more in hand_edits.rs).
#[test]
fn a_hand_edit_stops_a_write_of_its_file_and_is_left_as_it_was() {
    let env = Env::new();
    tenant(&env, "contoso", &[]);
    let id = env.declared("Token theft");
    let committed = std::fs::read(env.incident_file(&id)).unwrap();
    // The declaration turned into a note by hand: this would silently stop the 72h clock.
    let edited = String::from_utf8(committed.clone())
        .unwrap()
        .replace("kind = \"confirmed\"", "kind = \"note\"\ntext = \"not really\"");
    std::fs::write(env.incident_file(&id), &edited).unwrap();
    let commits = env.commit_count();

    for args in
        [vec!["note", id.as_str(), "checked the proxy logs"], vec!["affected", id.as_str(), "contoso"]]
    {
        let stderr = env.refused(&args);
        assert_has_all(&stderr, "the refusal", &["working tree differs", &rel(&id), "nothing was recorded"]);
        assert_has_all(
            &hints(&stderr),
            "the hint",
            &[&format!("sirt adopt {}", rel(&id)), &format!("checkout -- {}", rel(&id))],
        );
    }
    env.one_commit(&["detect", "Another one"]);
    env.one_commit(&["tenant", "add", "fabrikam", "--name", "Fabrikam"]);
    assert_eq!(env.commit_count(), commits + 2);
    assert_eq!(std::fs::read_to_string(env.incident_file(&id)).unwrap(), edited, "the hand edit was touched");
    assert_eq!(env.file_at("HEAD", &rel(&id)).unwrap(), committed, "the commit changed");
    assert_eq!(env.git(&["status", "--porcelain"]).trim(), format!("M {}", rel(&id)));

    // Thrown away with git, the next write goes through and appends to the committed bytes.
    env.git(&["checkout", "--", &rel(&id)]);
    env.one_commit(&["note", &id, "checked the proxy logs"]);
    let after = env.file_at("HEAD", &rel(&id)).unwrap();
    assert!(after.starts_with(&committed), "the write did not append to the commit");
    assert_eq!(show(&env, &id)["declared_at"], "2026-11-20T09:00:00Z");
}

#[test]
fn reading_commands_warn_once_and_read_the_commit() {
    let env = Env::new();
    let id = env.declared("Token theft");
    let reads: Vec<Vec<&str>> = vec![
        vec!["show", &id],
        vec!["show", &id, "--format", "json"],
        vec!["list", "--format", "json"],
        vec!["timeline", &id],
        vec!["deadlines", "--format", "json"],
        vec!["report", &id],
    ];
    let before: Vec<String> = reads.iter().map(|args| env.ok(args)).collect();

    // The declaration deleted by hand, and a note added.
    let text = std::fs::read_to_string(env.incident_file(&id)).unwrap();
    let edited = format!(
        "{}{}",
        without_last_event(&text),
        event_table("EHANDNOTE0001", 9, "note", "text = \"hi\"\n")
    );
    std::fs::write(env.incident_file(&id), &edited).unwrap();

    for (args, expected) in reads.iter().zip(&before) {
        let (code, stdout, stderr) = run(&env, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(&stdout, expected, "sirt {args:?} did not read the commit");
        assert_eq!(differs_warnings(&stderr), 1, "sirt {args:?} should warn once:\n{stderr}");
        assert!(stderr.contains(&rel(&id)), "{stderr}");
        assert!(hints(&stderr).contains(&format!("sirt adopt {}", rel(&id))), "{stderr}");
    }
    // --check still judges the commit: the declaration's clock is there.
    assert_eq!(env.code(&["deadlines", "--check"]), 0);
    assert_eq!(std::fs::read_to_string(env.incident_file(&id)).unwrap(), edited);
}

// ---- adopt ----

#[test]
fn adopt_commits_a_valid_hand_edit_as_its_own_marked_change() {
    let env = Env::new();
    let id = env.declared("Phishing wave");
    let seq = next_seq(&env, &id);
    let added = event_table("EHAND00000001", seq, "note", "text = \"call with the CISO\"\n");
    append(&env, &id, &added);
    let edited = std::fs::read(env.incident_file(&id)).unwrap();

    let stderr = env.one_commit(&["adopt", &rel(&id)]);
    assert!(stderr.contains("hand edit adopted"), "{stderr}");
    assert_eq!(env.trailer("Sirt-Action"), "adopt");
    assert_eq!(env.trailer("Sirt-Path"), rel(&id));
    assert_eq!(env.trailer("Sirt-Incident"), id);
    assert_eq!(env.git(&["log", "-1", "--format=%an <%ae>"]).trim(), ACTOR);
    assert_eq!(
        env.git(&["show", "--name-only", "--format=", "HEAD"]).trim(),
        rel(&id),
        "only the adopted file"
    );
    assert_eq!(env.file_at("HEAD", &rel(&id)).unwrap(), edited, "adopt committed other bytes than the edit");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert!(env.ok(&["timeline", &id]).contains("note: call with the CISO"));
    assert_eq!(show(&env, &id)["notes"], 1);

    // Writes work again, after the adopted bytes.
    env.one_commit(&["note", &id, "next"]);
    assert!(env.file_at("HEAD", &rel(&id)).unwrap().starts_with(&edited));

    // Nothing to adopt: refused.
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert!(stderr.contains("no hand edit"), "{stderr}");
}

#[test]
fn adopt_refuses_a_hand_edit_that_deletes_or_rewrites_an_event() {
    let env = Env::new();
    let id = env.declared("Phishing wave");
    env.ok(&["note", &id, "first look"]);
    let committed = std::fs::read_to_string(env.incident_file(&id)).unwrap();
    let restore = |env: &Env| env.git(&["checkout", "--", &rel(&id)]);

    // The last event deleted.
    let deleted = without_last_event(&committed);
    std::fs::write(env.incident_file(&id), &deleted).unwrap();
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert_has_all(
        &stderr,
        "the refusal",
        &["(note) would be deleted", "append-only", "nothing was adopted"],
    );
    assert!(hints(&stderr).contains(&format!("checkout -- {}", rel(&id))), "{stderr}");
    assert_eq!(std::fs::read_to_string(env.incident_file(&id)).unwrap(), deleted, "the edit was touched");
    restore(&env);

    // The declaration rewritten into a note.
    let rewritten = committed.replace("kind = \"confirmed\"", "kind = \"note\"\ntext = \"no\"");
    std::fs::write(env.incident_file(&id), &rewritten).unwrap();
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert_has_all(&stderr, "the refusal", &["(confirmed) would be rewritten", "nothing was adopted"]);
    restore(&env);

    // The whole file deleted.
    std::fs::remove_file(env.incident_file(&id)).unwrap();
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert!(stderr.contains("would delete its history"), "{stderr}");
    restore(&env);

    // A file that does not parse.
    std::fs::write(env.incident_file(&id), format!("{committed}\n[[event]\n")).unwrap();
    env.refused(&["adopt", &rel(&id)]);
    restore(&env);

    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert_eq!(std::fs::read_to_string(env.incident_file(&id)).unwrap(), committed);
    assert_eq!(show(&env, &id)["declared_at"], "2026-11-20T09:00:00Z");
}

#[test]
fn adopt_refuses_a_rewrite_of_what_this_sirt_does_not_know() {
    let env = Env::new();
    let id = env.declared("Phishing wave");
    let seq = next_seq(&env, &id);
    append(&env, &id, &event_table("EFUTURE000001", seq, "containment-verified", "verified_by = \"Bo\"\n"));
    env.commit_by_hand("written by a newer sirt");
    let committed = std::fs::read_to_string(env.incident_file(&id)).unwrap();
    std::fs::write(
        env.incident_file(&id),
        committed.replace("verified_by = \"Bo\"", "verified_by = \"Mallory\""),
    )
    .unwrap();
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert!(stderr.contains("EFUTURE000001 (containment-verified) would be rewritten"), "{stderr}");
    env.git(&["checkout", "--", &rel(&id)]);

    // A field this sirt does not know, changed on an event it does know: the same.
    let text = std::fs::read_to_string(env.incident_file(&id)).unwrap();
    let seq = next_seq(&env, &id);
    append(&env, &id, &event_table("EHAND00000001", seq, "note", "text = \"x\"\nlanguage = \"en\"\n"));
    env.commit_by_hand("a note from a newer sirt");
    std::fs::write(
        env.incident_file(&id),
        format!("{text}{}", event_table("EHAND00000001", seq, "note", "text = \"x\"\nlanguage = \"de\"\n")),
    )
    .unwrap();
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert!(stderr.contains("EHAND00000001 (note) would be rewritten"), "{stderr}");
}

// ---- forward compatibility ----

#[test]
fn events_and_fields_of_a_newer_sirt_survive_ten_writes_byte_for_byte() {
    let env = Env::new();
    tenant(&env, "contoso", &[]);
    let id = env.declared("Supply-chain alert");
    // A newer sirt appended an event of a kind this one does not know, and a note with a field
    // this one does not know, in its own formatting.
    let seq = next_seq(&env, &id);
    let newer = format!(
        "{}{}",
        event_table(
            "EFUTURE000001",
            seq,
            "containment-verified",
            "verified_by = \"Bo Chen\"\nevidence = [ \"edr-123\",   \"fw-7\" ]   # kept as written\n"
        ),
        event_table("EFUTURE000002", seq + 1, "note", "text = \"from the future\"\nlanguage = \"en\"\n"),
    );
    append(&env, &id, &newer);
    env.commit_by_hand("written by sirt 9.0");
    let base = env.file_at("HEAD", &rel(&id)).unwrap();

    let writes: Vec<Vec<&str>> = vec![
        vec!["note", &id, "one"],
        vec!["engage", &id, "oce", "Sam Rao"],
        vec!["impact", &id, "--effect", "access", "--summary", "Two mailboxes read"],
        vec!["affected", &id, "contoso"],
        vec!["notified", &id, "contoso", "--via", "email-admin"],
        vec!["contain", &id, "--summary", "Tokens revoked"],
        vec!["describe", &id, "A stolen token was used."],
        vec!["note", &id, "two"],
        vec!["classify", &id, "major"],
        vec!["note", &id, "three"],
    ];
    let mut previous = base.clone();
    for args in &writes {
        env.one_commit(args);
        let now = env.file_at("HEAD", &rel(&id)).unwrap();
        assert!(now.starts_with(&previous), "sirt {args:?} rewrote what was there");
        previous = now;
    }
    assert!(previous.starts_with(&base));
    assert!(
        String::from_utf8(previous).unwrap().contains(&newer),
        "the newer events are not kept as written"
    );

    // The incident still reads; the unknown event is skipped with a warning.
    let (code, stdout, stderr) = run(&env, &["show", &id]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Supply-chain alert"), "{stdout}");
    assert_has_all(&stderr, "show's warning", &["does not know", "containment-verified"]);
    let shown = show(&env, &id);
    assert_eq!(shown["notes"], 4, "the note with an unknown field counts");
    assert_eq!(shown["response"]["containment"], "Tokens revoked");
    for args in [vec!["list"], vec!["deadlines"]] {
        let (code, _, stderr) = run(&env, &args);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("containment-verified"), "sirt {args:?} does not warn:\n{stderr}");
    }
    let listed = env.json(&["list", "--format", "json"]);
    assert!(listed.as_array().unwrap().iter().any(|i| i["id"] == id), "the incident is not listed");
    assert!(clocks(&env, &["--all"]).iter().any(|r| r["incident"] == id), "the incident has no clocks");
}

#[test]
fn a_store_that_asks_for_a_newer_sirt_is_not_written_by_this_one() {
    let env = Env::new();
    let id = env.declared("Supply-chain alert");
    let settings = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    let line =
        settings.lines().find(|l| l.starts_with("min_writer_version")).expect("init writes it").to_string();
    env.edit_settings(&[(&line, "min_writer_version = \"99.0.0\"")], "");
    let files = env.files_in("incidents");

    for args in [
        vec!["note", id.as_str(), "hello"],
        vec!["detect", "Another"],
        vec!["tenant", "add", "t1", "--name", "T"],
    ] {
        let stderr = env.refused(&args);
        assert!(stderr.contains("99.0.0"), "{stderr}");
        assert!(hints(&stderr).contains("upgrade"), "{stderr}");
    }
    assert_eq!(env.files_in("incidents"), files);
    // Reading still works.
    assert_eq!(show(&env, &id)["phase"], "confirmed");
    assert_eq!(env.code(&["deadlines", "--check"]), 0);
}

#[test]
fn adopt_too_refuses_when_the_store_asks_for_a_newer_sirt() {
    let env = Env::new();
    let id = env.declared("Supply-chain alert");
    let settings = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    let line = settings.lines().find(|l| l.starts_with("min_writer_version")).unwrap().to_string();
    env.edit_settings(&[(&line, "min_writer_version = \"99.0.0\"")], "");
    let seq = next_seq(&env, &id);
    append(&env, &id, &event_table("EHAND00000001", seq, "note", "text = \"x\"\n"));
    let stderr = env.refused(&["adopt", &rel(&id)]);
    assert!(stderr.contains("99.0.0"), "{stderr}");
}

// ---- gates fail closed ----

#[test]
fn deadlines_check_fails_closed_when_an_incident_file_cannot_be_read() {
    let mut env = Env::new();
    let healthy = env.declared("Healthy");
    let broken = env.declared("Broken by hand");
    assert_eq!(env.code(&["deadlines", "--check"]), 0);

    let path = env.incident_file(&broken);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("kind = \"confirmed\"", "kind = confirmed")).unwrap();
    env.commit_by_hand("a broken hand edit");

    let (code, stdout, stderr) = run(&env, &["deadlines", "--check"]);
    assert_eq!(code, 4, "an unreadable incident must not pass the gate:\n{stderr}");
    assert!(stderr.contains(&rel(&broken)), "the file is not named:\n{stderr}");
    assert!(stderr.contains("incomplete"), "{stderr}");
    assert!(stdout.contains(&healthy), "the readable incidents are still reported:\n{stdout}");
    assert_eq!(env.code(&["deadlines", "--check", "--format", "json"]), 4);
    // Without --check it reports what it can, warns, and exits 0.
    let (code, _, stderr) = run(&env, &["deadlines"]);
    assert_eq!(code, 0);
    assert!(stderr.contains(&rel(&broken)), "{stderr}");
    // Something that needs attention still says 3.
    env.now = "2026-11-23T09:30:00Z".into();
    assert_eq!(env.code(&["deadlines", "--check"]), 3);
    env.now = NOW.into();

    // An incident written in a schema this sirt does not read: the same.
    env.git(&["checkout", "HEAD~1", "--", &rel(&broken)]);
    let path = env.incident_file(&broken);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("schema = 1", "schema = 2", 1)).unwrap();
    env.commit_by_hand("an incident from a much newer sirt");
    let (code, _, stderr) = run(&env, &["deadlines", "--check"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains(&broken), "{stderr}");
}

#[test]
fn tenant_check_fails_closed_when_a_record_cannot_be_read() {
    let env = Env::new();
    tenant(&env, "contoso", &[]);
    tenant(&env, "fabrikam", &["--admin-phone", "+441234567890", "--privacy-email", "p@f.example"]);
    let id = env.declared("Tenant data");
    env.ok(&["affected", &id, "fabrikam"]);
    assert_eq!(env.code(&["tenant", "check", "--check"]), 0);

    std::fs::write(env.tenant_file("contoso"), "id = \"contoso\"\nname = [\n").unwrap();
    env.commit_by_hand("a broken tenant file");
    let (code, _, stderr) = run(&env, &["tenant", "check", "--check"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("contoso"), "{stderr}");
    env.git(&["checkout", "HEAD~1", "--", &tenant_rel("contoso")]);
    env.commit_by_hand("the tenant file put back");
    assert_eq!(env.code(&["tenant", "check", "--check"]), 0);

    let path = env.incident_file(&id);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n[[event]\n")).unwrap();
    env.commit_by_hand("a broken incident file");
    let (code, _, stderr) = run(&env, &["tenant", "check", "--check"]);
    assert_eq!(code, 4, "an unreadable incident may name an unreachable tenant:\n{stderr}");
    assert!(stderr.contains(&rel(&id)), "{stderr}");
}

// ---- clocks of closed incidents ----

/// An incident owed to NIS2 whose incident notification is filed, so the final report is due a
/// month later: 2026-12-22T10:00Z.
fn nis2_incident(env: &Env, title: &str) -> String {
    let id = env.declared(title);
    env.ok(&["filed", &id, "nis2-art23", "early warning", "--at", "2026-11-20T10:00:00Z"]);
    env.ok(&["filed", &id, "nis2-art23", "incident notification", "--at", "2026-11-22T10:00:00Z"]);
    id
}

#[test]
fn the_nis2_final_report_of_a_closed_incident_still_runs_and_trips_the_check() {
    let mut env = Env::new();
    env.edit_settings(&[("own_regimes = []", "own_regimes = [\"nis2-art23\"]")], "");
    tenant(&env, "contoso", &[]);
    env.now = "2026-11-23T12:00:00Z".into();
    // One closed with --force, one closed after every check passed.
    let forced = nis2_incident(&env, "Forced");
    env.ok(&["close", &forced, "--force", "--reason", "handed over to the customer"]);
    let proper = nis2_incident(&env, "Proper");
    env.ok(&["affected", &proper, "contoso"]);
    env.ok(&["notified", &proper, "contoso", "--via", "email-admin", "--at", "2026-11-20T11:00:00Z"]);
    env.ok(&["recover", &proper, "--monitoring", "--validated-by", "Sam Rao"]);
    env.ok(&["review", &proper, "--root-cause", "A leaked key"]);
    env.ok(&["close", &proper]);
    for id in [&forced, &proper] {
        assert_eq!(show(&env, id)["phase"], "closed");
    }

    // Running: in the default view.
    env.now = "2026-12-01T12:00:00Z".into();
    let rows = clocks(&env, &[]);
    for id in [&forced, &proper] {
        let fin = stage(&rows, id, "final report").unwrap_or_else(|| panic!("{id}: {rows:#?}"));
        assert_eq!(fin["due"], "2026-12-22T10:00:00Z");
        assert_eq!(fin["status"], "running");
    }
    let (code, out, _) = run(&env, &["deadlines", "--check"]);
    assert_eq!(code, 0, "{out}");

    // Overdue: the gate trips.
    env.now = "2026-12-22T10:01:00Z".into();
    assert_eq!(env.code(&["deadlines", "--check"]), 3);
    let rows = clocks(&env, &[]);
    for id in [&forced, &proper] {
        assert_eq!(stage(&rows, id, "final report").unwrap()["status"], "overdue");
    }
    // Filing it stops the clock, closed or not.
    env.one_commit(&["filed", &forced, "nis2-art23", "final report"]);
    assert_eq!(env.code(&["deadlines", "--check"]), 3, "the other one is still overdue");
    env.one_commit(&["filed", &proper, "nis2-art23", "final report"]);
    assert_eq!(env.code(&["deadlines", "--check"]), 0);
    // --all shows what closed incidents met and missed.
    let rows = clocks(&env, &["--all"]);
    for id in [&forced, &proper] {
        assert_eq!(stage(&rows, id, "final report").unwrap()["status"], "late");
        assert_eq!(stage(&rows, id, "early warning").unwrap()["status"], "met");
    }
    assert_eq!(contract(&rows, &proper, "contoso")["status"], "met");
    assert!(
        stage(&clocks(&env, &[]), &forced, "final report").is_none(),
        "a filed stage leaves the default view"
    );
}

#[test]
fn close_warns_about_the_stages_and_action_items_still_owed() {
    let mut env = Env::new();
    env.now = "2026-11-23T12:00:00Z".into();
    env.edit_settings(&[("own_regimes = []", "own_regimes = [\"nis2-art23\"]")], "");
    let id = nis2_incident(&env, "Forced");
    env.ok(&[
        "review",
        &id,
        "--root-cause",
        "A leaked key",
        "--action",
        "Rotate the keys",
        "--owner",
        "Bo Chen",
    ]);
    let stderr = env.one_commit(&["close", &id, "--force", "--reason", "handed over"]);
    let warning = stderr
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("not filed"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning.contains(&id), "{stderr}");
    assert_has_all(
        &stderr,
        "the warning",
        &["nis2-art23 final report: running, due 2026-12-22 10:00", "intermediate report"],
    );
    assert!(!stderr.contains("early warning:"), "a filed stage is not owed:\n{stderr}");
    assert!(hints(&stderr).contains(&format!("sirt filed {id} nis2-art23")), "{stderr}");
    assert!(
        stderr.lines().any(|l| l.starts_with("warning:") && l.contains("A1 (Rotate the keys, Bo Chen)")),
        "{stderr}"
    );
    assert!(hints(&stderr).contains(&format!("sirt action done {id} A1")), "{stderr}");

    // Nothing owed: no warning.
    let quiet = env.declared("Nothing owed");
    env.edit_settings(&[("own_regimes = [\"nis2-art23\"]", "own_regimes = []")], "");
    let stderr = env.one_commit(&["close", &quiet, "--force", "--reason", "a duplicate"]);
    assert!(!stderr.contains("warning:"), "{stderr}");
}

#[test]
fn a_tenant_left_unnotified_by_a_forced_close_can_still_be_notified() {
    let mut env = Env::new();
    tenant(&env, "contoso", &[]);
    let id = env.declared("Forced");
    env.ok(&["affected", &id, "contoso"]);
    env.ok(&["close", &id, "--force", "--reason", "the customer asked to handle it"]);
    env.now = "2026-11-24T12:00:00Z".into();
    // Still owed, so still on the gate, and it can be stopped.
    assert_eq!(env.code(&["deadlines", "--check"]), 3);
    env.one_commit(&["notified", &id, "contoso", "--via", "email-admin"]);
    assert_eq!(env.code(&["deadlines", "--check"]), 0);
    assert_eq!(contract(&clocks(&env, &["--all"]), &id, "contoso")["status"], "late");
    // Other steps stay refused after the close.
    let stderr = env.refused(&["contain", &id, "--summary", "late"]);
    assert!(stderr.contains("was closed"), "{stderr}");
}

#[test]
fn a_forced_close_without_tenants_leaves_no_clock_that_can_never_stop() {
    let mut env = Env::new();
    let id = env.declared("Forced early");
    env.ok(&["close", &id, "--force", "--reason", "a duplicate of another incident"]);
    env.now = "2026-11-24T12:00:00Z".into();
    assert_eq!(env.code(&["deadlines", "--check"]), 0);
    assert_eq!(clocks_of(&env, &id), Vec::<Value>::new());
}

// ---- edit: authorship ----

#[test]
fn edit_records_added_events_as_the_actor_now_with_the_next_seq() {
    let env = Env::new();
    let id = env.declared("Suspicious VPN login");
    env.ok(&["note", &id, "first"]);
    let committed = env.file_at("HEAD", &rel(&id)).unwrap();
    let seq = next_seq(&env, &id);
    // Someone else's name, a recording time in the past, a seq already taken.
    let forged = "\n[[event]]\nid = \"E0000000000A1\"\nseq = 1\nat = \"2026-11-20T10:00:00Z\"\n\
                  recorded_at = \"2020-01-01T00:00:00Z\"\nby = \"Mallory <m@evil.example>\"\n\
                  kind = \"note\"\ntext = \"forged\"\n";
    let script = env.editor("forge.sh", &appending(forged));
    let commits = env.commit_count();
    let out = env.cmd().env("EDITOR", &script).args(["edit", &id]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(env.commit_count(), commits + 1);
    assert_has_all(&stderr, "the notes", &["by of", "recorded_at of", "seq of"]);

    let after = env.file_at("HEAD", &rel(&id)).unwrap();
    assert!(after.starts_with(&committed), "edit rewrote the committed bytes");
    let timeline = env.json(&["timeline", &id, "--format", "json"]);
    let event = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "forged")
        .unwrap_or_else(|| panic!("{timeline:#}"));
    assert_eq!(event["by"], ACTOR);
    assert_eq!(event["recorded_at"], NOW);
    assert_eq!(event["seq"], seq);
    assert_eq!(event["at"], "2026-11-20T10:00:00Z", "when it happened is the editor's to say");
    assert!(!String::from_utf8(after).unwrap().contains("Mallory"));
    // The commit carries the trailers of any other change.
    assert_eq!(env.git(&["log", "-1", "--format=%an <%ae>"]).trim(), ACTOR);
    assert_eq!(env.trailer("Sirt-Incident"), id);
    assert_eq!(env.trailer("Sirt-Kind"), "edit");
    assert_eq!(env.trailer("Sirt-Event"), event["id"].as_str().unwrap());
}

#[test]
fn edit_does_not_drop_an_added_event_that_reuses_an_id() {
    let env = Env::new();
    let id = env.declared("Suspicious VPN login");
    let text = std::fs::read_to_string(env.incident_file(&id)).unwrap();
    let taken =
        text.lines().filter_map(|l| l.strip_prefix("id = \"E")).next_back().unwrap().trim_end_matches('"');
    let copy = event_table(&format!("E{taken}"), 2, "note", "text = \"copied the last table\"\n");
    let script = env.editor("copy.sh", &appending(&copy));
    let commits = env.commit_count();
    let out = env.cmd().env("EDITOR", &script).args(["edit", &id]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    match out.status.code() {
        Some(0) => {
            assert_eq!(env.commit_count(), commits + 1, "the added event was dropped:\n{stderr}");
            assert!(env.ok(&["timeline", &id]).contains("note: copied the last table"));
            assert_eq!(show(&env, &id)["declared_at"], "2026-11-20T09:00:00Z");
        }
        _ => assert!(stderr.contains("your text is kept"), "{stderr}"),
    }
}

// ---- reachable channels only ----

#[test]
fn notified_refuses_a_channel_that_cannot_reach_the_tenant() {
    let env = Env::new();
    tenant(&env, "contoso", &[]);
    env.ok(&["tenant", "add", "fabrikam", "--name", "Fabrikam"]);
    let id = env.declared("Tenant data");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);

    for via in ["email-admin", "message-center"] {
        let stderr = env.refused(&["notified", &id, "fabrikam", "--via", via]);
        assert_has_all(&stderr, "the refusal", &["fabrikam", via, "nothing recorded"]);
        assert!(hints(&stderr).contains("sirt tenant check fabrikam"), "{stderr}");
    }
    // contoso has no phone number on file.
    let stderr = env.refused(&["notified", &id, "contoso", "--via", "phone"]);
    assert!(stderr.contains("contoso"), "{stderr}");
    // Named together, nothing is recorded for either.
    env.refused(&["notified", &id, "contoso", "fabrikam", "--via", "email-admin"]);
    assert_eq!(contract(&clocks(&env, &["--all"]), &id, "contoso")["status"], "running");

    // --all records the reachable ones and says which it skipped.
    let stderr = env.one_commit(&["notified", &id, "--all", "--via", "email-admin"]);
    assert!(stderr.lines().any(|l| l.starts_with("warning:") && l.contains("fabrikam")), "{stderr}");
    let rows = clocks(&env, &["--all"]);
    assert_eq!(contract(&rows, &id, "contoso")["status"], "met");
    assert_eq!(contract(&rows, &id, "fabrikam")["status"], "running");
    let notified = show(&env, &id)["notifications"].clone();
    assert_eq!(notified.as_array().unwrap().len(), 1, "{notified:#}");
    assert!(!notified.to_string().contains("fabrikam"), "{notified:#}");
    // No one left that the channel reaches: refused.
    env.refused(&["notified", &id, "--all", "--via", "phone"]);
}

// ---- atomic init ----

#[test]
fn init_without_an_identity_leaves_nothing_behind() {
    let env = Env::bare();
    let out =
        env.cmd().env_remove("SIRT_ACTOR").args(["init", env.store.to_str().unwrap()]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(hints(&stderr).contains("--actor"), "no way out is named:\n{stderr}");
    assert!(!env.store.exists(), "a failed init left {}", env.store.display());

    // An empty directory stays empty.
    std::fs::create_dir_all(&env.store).unwrap();
    let out =
        env.cmd().env_remove("SIRT_ACTOR").args(["init", env.store.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(&env.store).unwrap().count(), 0, "a failed init left files behind");

    // With an identity, the same directory becomes a store.
    env.ok(&["init", env.store.to_str().unwrap()]);
    assert_eq!(env.commit_count(), 1);
    env.detect("First", &[]);
}

// ---- corrections ----

#[test]
fn correcting_the_declaration_time_moves_the_clocks_and_keeps_the_original() {
    let mut env = Env::new();
    tenant(&env, "contoso", &["--notify-within", "24h"]);
    let id = env.declared("Exposed bucket");
    env.ok(&["affected", &id, "contoso"]);
    assert_eq!(contract(&clocks(&env, &[]), &id, "contoso")["due"], "2026-11-21T09:00:00Z");
    let before = env.file_at("HEAD", &rel(&id)).unwrap();

    let stderr = env.one_commit(&[
        "correct",
        &id,
        "confirmed",
        "--at",
        "2026-11-20T10:30:00Z",
        "--reason",
        "the bridge call started at 10:30",
    ]);
    assert!(stderr.contains("corrected"), "{stderr}");
    assert_eq!(env.trailer("Sirt-Kind"), "corrected");
    assert_eq!(env.trailer("Sirt-Incident"), id);
    assert!(env.file_at("HEAD", &rel(&id)).unwrap().starts_with(&before), "the original was rewritten");

    let shown = show(&env, &id);
    assert_eq!(shown["declared_at"], "2026-11-20T10:30:00Z");
    let correction = &shown["corrections"][0];
    assert_eq!(correction["kind"], "confirmed");
    assert_eq!(correction["corrected_at"], "2026-11-20T10:30:00Z");
    assert_eq!(correction["reason"], "the bridge call started at 10:30");
    assert_eq!(correction["by"], ACTOR);
    let row = contract(&clocks(&env, &[]), &id, "contoso").clone();
    assert_eq!(row["started_at"], "2026-11-20T10:30:00Z");
    assert_eq!(row["due"], "2026-11-21T10:30:00Z");
    // Overdue as first recorded, at risk as corrected.
    env.now = "2026-11-21T09:30:00Z".into();
    assert_eq!(contract(&clocks(&env, &[]), &id, "contoso")["status"], "at-risk");
    env.now = NOW.into();

    // Both the original and the correction, with who and why, in timeline, report and history.
    let timeline = env.ok(&["timeline", &id]);
    assert_has_all(
        &timeline,
        "the timeline",
        &[
            "confirmed as a security incident",
            "time corrected to 2026-11-20 10:30Z",
            "the bridge call started at 10:30",
            "corrected: event",
        ],
    );
    let entries = env.json(&["timeline", &id, "--format", "json"]);
    let confirmed = entries.as_array().unwrap().iter().find(|e| e["kind"] == "confirmed").unwrap();
    assert_eq!(confirmed["at"], "2026-11-20T09:00:00Z", "the original time is kept");
    assert!(confirmed["superseded"].as_str().unwrap().contains(ACTOR), "{confirmed:#}");
    let report = env.ok(&["report", &id]);
    assert_has_all(
        &report,
        "the report",
        &["confirmed as a security incident (time corrected to", "corrected: event"],
    );
    let history = env.ok(&["history", &id]);
    assert_has_all(&history, "the history", &["confirmed as a security incident", "corrected: event"]);

    // The detection, named by the start of its event id.
    let detected = entries.as_array().unwrap().iter().find(|e| e["kind"] == "detected").unwrap();
    let prefix = &detected["id"].as_str().unwrap()[..6];
    env.one_commit(&[
        "correct",
        &id,
        prefix,
        "--at",
        "2026-11-20T07:45:00Z",
        "--reason",
        "first alert at 07:45",
    ]);
    assert_eq!(show(&env, &id)["detected_at"], "2026-11-20T07:45:00Z");

    // What cannot be: refused, nothing recorded.
    let stderr = env.refused(&["correct", &id, "confirmed", "--at", "2026-11-20T07:00:00Z", "--reason", "x"]);
    assert!(stderr.contains("before the incident was detected"), "{stderr}");
    let stderr = env.refused(&["correct", &id, "detected", "--at", "2026-11-20T11:00:00Z", "--reason", "x"]);
    assert!(stderr.contains("cannot move after"), "{stderr}");
    env.refused(&["correct", &id, "confirmed", "--at", "2026-11-20T10:30:00Z", "--reason", "same time"]);
    env.refused(&["correct", &id, "confirmed", "--at", "2026-11-21T10:30:00Z", "--reason", "future"]);
    env.refused(&["correct", &id, "contained", "--at", "2026-11-20T10:00:00Z", "--reason", "no such step"]);
    env.refused(&["correct", &id, "corrected", "--at", "2026-11-20T10:00:00Z", "--reason", "a correction"]);
    let out = env.run(&["correct", &id, "confirmed", "--at", "2026-11-20T10:00:00Z"]);
    assert_eq!(out.status.code(), Some(2), "--reason is required");
}

#[test]
fn retracting_the_declaration_stops_its_clocks_and_keeps_the_reason() {
    let mut env = Env::new();
    tenant(&env, "contoso", &[]);
    let id = env.declared("Odd sign-ins");
    env.ok(&["affected", &id, "contoso"]);
    env.now = "2026-11-24T12:00:00Z".into();
    assert_eq!(env.code(&["deadlines", "--check"]), 3, "overdue before the retraction");

    let stderr =
        env.one_commit(&["retract", &id, "confirmed", "--reason", "a red-team exercise, announced late"]);
    assert!(stderr.contains("no clock runs until it is confirmed"), "{stderr}");
    assert_eq!(env.trailer("Sirt-Kind"), "retracted");
    let shown = show(&env, &id);
    assert_eq!(shown["phase"], "detected");
    assert_eq!(shown["declared_at"], Value::Null);
    assert_eq!(shown["open"], true);
    let retraction = &shown["corrections"][0];
    assert_eq!(retraction["kind"], "confirmed");
    assert_eq!(retraction["corrected_at"], Value::Null);
    assert_eq!(retraction["reason"], "a red-team exercise, announced late");
    assert_eq!(clocks_of(&env, &id), Vec::<Value>::new(), "a retracted declaration leaves no clock");
    assert_eq!(env.code(&["deadlines", "--check"]), 0, "a retracted declaration runs no clock");

    for (what, text) in [
        ("timeline", env.ok(&["timeline", &id])),
        ("report", env.ok(&["report", &id])),
        ("history", env.ok(&["history", &id])),
    ] {
        assert!(text.contains("confirmed as a security incident"), "{what} lost the original:\n{text}");
        assert!(text.contains("a red-team exercise, announced late"), "{what} lacks the reason:\n{text}");
    }
    assert!(env.ok(&["timeline", &id]).contains(&format!("retracted by {ACTOR}")));

    // The incident is back before confirmation: it can be dismissed or confirmed again.
    let stderr = env.refused(&["retract", &id, "confirmed", "--reason", "again"]);
    assert!(stderr.contains("no event"), "{stderr}");
    let stderr = env.refused(&["retract", &id, "detected", "--reason", "never happened"]);
    assert!(hints(&stderr).contains("sirt dismiss"), "{stderr}");
    env.one_commit(&["confirm", &id]);
    let row = contract(&clocks(&env, &[]), &id, "contoso").clone();
    assert_eq!(row["started_at"], "2026-11-24T12:00:00Z");
    assert_eq!(row["status"], "running");
}

#[test]
fn a_tenant_added_by_mistake_is_removed_with_its_reason_kept() {
    let env = Env::new();
    tenant(&env, "contoso", &[]);
    tenant(&env, "fabrikam", &[]);
    let id = env.declared("Leaky export job");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);
    env.one_commit(&["affected", &id, "fabrikam", "--remove", "--reason", "wrong tenant id in the ticket"]);
    let affected: Vec<String> = show(&env, &id)["affected_tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["tenant"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(affected, ["contoso"]);
    let rows = clocks(&env, &["--all"]);
    assert!(!rows.iter().any(|r| r["tenant"] == "fabrikam"), "{rows:#?}");
    let timeline = env.ok(&["timeline", &id]);
    assert!(
        timeline.contains("not affected after all: fabrikam (wrong tenant id in the ticket)"),
        "{timeline}"
    );
    assert!(
        timeline.contains("affected: contoso, fabrikam")
            || timeline.contains("affected: contoso and fabrikam"),
        "{timeline}"
    );
    assert!(env.ok(&["report", &id]).contains("wrong tenant id in the ticket"));
}

// ---- property: incident files only grow at the end ----

/// One step of a random session.
#[derive(Debug, Clone)]
enum Step {
    Detect,
    Note(usize),
    Confirm(usize),
    Correct(usize, u32),
    Retract(usize),
    Edit(usize),
    /// A hand edit that appends an event (and, when the flag is set, also adds a comment at
    /// the top), then `sirt adopt`.
    HandAdopted(usize, bool),
    /// A hand edit that rewrites the file, a write that must be refused, then `git checkout`.
    HandDiscarded(usize),
    /// A newer sirt appends an event of a kind this one does not know (a plain commit).
    Newer(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => Just(Step::Detect),
        3 => (0..3usize).prop_map(Step::Note),
        2 => (0..3usize).prop_map(Step::Confirm),
        1 => ((0..3usize), 1..200u32).prop_map(|(i, m)| Step::Correct(i, m)),
        1 => (0..3usize).prop_map(Step::Retract),
        1 => (0..3usize).prop_map(Step::Edit),
        2 => ((0..3usize), any::<bool>()).prop_map(|(i, top)| Step::HandAdopted(i, top)),
        2 => (0..3usize).prop_map(Step::HandDiscarded),
        1 => (0..3usize).prop_map(Step::Newer),
    ]
}

/// Runs a write that may be refused by the rules; a refusal must commit nothing.
fn maybe(env: &Env, args: &[&str]) {
    let commits = env.commit_count();
    let (code, _, stderr) = run(env, args);
    match code {
        0 => {}
        1 => {
            assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
            assert_eq!(env.commit_count(), commits, "a refused {args:?} made a commit");
        }
        other => panic!("sirt {args:?} exited {other}:\n{stderr}"),
    }
}

fn play(env: &Env, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut ids: Vec<String> = vec![env.detect("Incident 0", &["--at", "2026-11-20T08:00:00Z"])];
    let mut hand = 0u32;
    for step in steps {
        let pick = |i: usize| ids[i % ids.len()].clone();
        match step {
            Step::Detect => {
                let id = env.detect(&format!("Incident {}", ids.len()), &["--at", "2026-11-20T08:00:00Z"]);
                ids.push(id);
            }
            Step::Note(i) => {
                env.ok(&["note", &pick(*i), "a note"]);
            }
            Step::Confirm(i) => maybe(env, &["confirm", &pick(*i), "--at", "2026-11-20T09:00:00Z"]),
            Step::Correct(i, minutes) => {
                let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T08:00:00Z").unwrap()
                    + chrono::Duration::minutes(i64::from(*minutes));
                let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                maybe(env, &["correct", &pick(*i), "note", "--at", &at, "--reason", "typo"]);
            }
            Step::Retract(i) => maybe(env, &["retract", &pick(*i), "note", "--reason", "wrong incident"]),
            Step::Edit(i) => {
                let script = env.editor(
                    "append.sh",
                    &appending(&event_table("EXXXXXXXXXXXX", 1, "note", "text = \"by edit\"\n")),
                );
                let out = env.cmd().env("EDITOR", &script).args(["edit", &pick(*i)]).output().unwrap();
                prop_assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
            }
            Step::HandAdopted(i, top) => {
                let id = pick(*i);
                hand += 1;
                let seq = next_seq(env, &id);
                append(
                    env,
                    &id,
                    &event_table(&format!("EHAND{hand:08}"), seq, "note", "text = \"by hand\"\n"),
                );
                if *top {
                    let path = env.incident_file(&id);
                    let text = std::fs::read_to_string(&path).unwrap();
                    std::fs::write(&path, format!("# reviewed by hand\n{text}")).unwrap();
                }
                let out = env.run(&["adopt", &rel(&id)]);
                prop_assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
            }
            Step::HandDiscarded(i) => {
                let id = pick(*i);
                let path = env.incident_file(&id);
                let text = std::fs::read_to_string(&path).unwrap();
                let edited = text.replacen("kind = \"detected\"", "kind = \"note\"\ntext = \"gone\"", 1);
                std::fs::write(&path, &edited).unwrap();
                let commits = env.commit_count();
                let (code, _, stderr) = run(env, &["note", &id, "refused"]);
                prop_assert_eq!(code, 1, "{}", stderr);
                prop_assert_eq!(env.commit_count(), commits);
                prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
                prop_assert_eq!(run(env, &["adopt", &rel(&id)]).0, 1, "a rewrite was adopted");
                env.git(&["checkout", "--", &rel(&id)]);
            }
            Step::Newer(i) => {
                let id = pick(*i);
                hand += 1;
                let seq = next_seq(env, &id);
                append(
                    env,
                    &id,
                    &event_table(&format!("EHAND{hand:08}"), seq, "triaged", "queue = \"soc-2\"\n"),
                );
                env.commit_by_hand("written by a newer sirt");
            }
        }
    }
    prop_assert_eq!(env.git(&["status", "--porcelain"]), "");
    Ok(())
}

/// For every pair of consecutive commits: each incident file of the first is a prefix of the
/// same file in the second, unless the second was made by `adopt`.
fn check_prefixes(env: &Env) -> Result<(), TestCaseError> {
    let commits: Vec<String> =
        env.git(&["rev-list", "--reverse", "HEAD"]).lines().map(String::from).collect();
    for pair in commits.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let adopted = env.git(&["log", "-1", "--format=%(trailers:key=Sirt-Action,valueonly)", after]).trim()
            == "adopt";
        let files = env.git(&["ls-tree", "-r", "--name-only", before, "incidents/"]);
        for path in files.lines() {
            let old = env.file_at(before, path).unwrap();
            let new = env.file_at(after, path);
            prop_assert!(new.is_some(), "{} vanished in {}", path, after);
            if !adopted {
                prop_assert!(
                    new.unwrap().starts_with(&old),
                    "{} at {} is not an extension of {}:\n{}",
                    path,
                    after,
                    before,
                    env.git(&["show", after, "--", path])
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn incident_files_only_grow_at_the_end_except_when_adopted(steps in prop::collection::vec(step(), 3..8)) {
        let env = Env::new();
        play(&env, &steps)?;
        check_prefixes(&env)?;
    }
}

#[test]
fn notify_drafts_no_post_for_a_tenant_with_no_administrator() {
    let env = Env::new();
    env.ok(&["config", "set", "organisation", "Northwind Cloud"]);
    env.ok(&["config", "set", "sender_address", "security@northwind.example"]);
    tenant(&env, "contoso", &[]);
    env.ok(&["tenant", "add", "quiet", "--name", "Quiet Co"]);
    let id = env.declared("Tenant data");
    env.ok(&["impact", &id, "--effect", "access", "--summary", "Mail read"]);
    env.ok(&["affected", &id, "contoso", "quiet"]);
    env.ok(&["describe", &id, "Someone read mail."]);
    env.ok(&["act", &id, "We revoked the token."]);
    env.ok(&["advise", &id, "Review your audit logs."]);
    let drafts = env.json(&["notify", &id, "--format", "json"]);
    let text = drafts.to_string();
    assert!(text.contains("contoso"), "{text}");
    let posts: Vec<&Value> =
        drafts["drafts"].as_array().unwrap().iter().filter(|d| d["tenant"] == "quiet").collect();
    assert!(posts.is_empty(), "a tenant with no administrator got a draft: {posts:?}");
    let skipped = drafts["skipped"].to_string();
    assert!(skipped.contains("quiet") && skipped.contains("no administrator"), "{skipped}");
}
