//! The response track and what comes out of it: `contain`, `eradicate` (the executive incident
//! manager's approval by severity), `recover` in steps, `review` and `action done`, `close` with
//! its checks, `edit` driven by a scripted editor, the post-incident `report` (checked against a
//! snapshot) and `stats` (medians and percentiles worked out by hand). Time is pinned throughout.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{ACTOR, Env};
use crate::support::{assert_has_all, hint_of};

// ---- helpers ----

fn show_json(env: &Env, id: &str) -> Value {
    env.json(&["show", id, "--format", "json"])
}

/// `response` of `sirt show ID --format json`.
fn response(env: &Env, id: &str) -> Value {
    show_json(env, id)["response"].clone()
}

/// An incident of `severity` detected at 08:00 and confirmed at 09:00 on the pinned day.
fn declared_as(env: &Env, title: &str, severity: &str) -> String {
    let id = env.detect(title, &["--severity", severity, "--at", "2026-11-20T08:00:00Z"]);
    env.ok(&["confirm", &id, "--at", "2026-11-20T09:00:00Z"]);
    id
}

/// A tenant in the directory with an administrator email, and any further `tenant add` flags.
fn tenant(env: &Env, id: &str, name: &str, extra: &[&str]) {
    let email = format!("it@{id}.example");
    let mut args = vec!["tenant", "add", id, "--name", name, "--admin-email", &email];
    args.extend(extra);
    env.ok(&args);
}

/// Edits the store's settings (`old` replaced once, then `append` added) and commits the change,
/// as a user would, so the store stays clean.
fn settings(env: &Env, old: &str, new: &str, append: &str) {
    let path = env.store.join("sirt.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(old), "sirt.toml has no {old:?}:\n{text}");
    let text = format!("{}{append}", text.replacen(old, new, 1));
    std::fs::write(&path, text).unwrap();
    env.git(&["-c", "user.name=t", "-c", "user.email=t@e.x", "commit", "-qam", "x"]);
}

/// The ids of `sirt list … --format json`.
fn listed(env: &Env, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "json"];
    args.extend(extra);
    env.json(&args).as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

// ---- contain ----

#[test]
fn contain_records_what_was_done_in_one_commit() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    assert_eq!(response(&env, &id)["contained_at"], Value::Null);

    let stderr = env.refused(&["contain", &id, "--summary", "  "]);
    assert!(stderr.contains("summary is empty"), "{stderr}");

    env.one_commit(&["contain", &id, "--summary", "Blocked the attacker's addresses", "--at", "-1h"]);
    let r = response(&env, &id);
    assert_eq!(r["contained_at"], "2026-11-20T11:00:00Z");
    assert_eq!(r["containment"], "Blocked the attacker's addresses");
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(subject.contains(&format!("{id}: contained: Blocked the attacker's addresses")), "{subject}");

    // A later containment replaces the summary; the time stays the first one.
    env.one_commit(&["contain", &id, "--summary", "Also disabled the support account"]);
    let r = response(&env, &id);
    assert_eq!(r["contained_at"], "2026-11-20T11:00:00Z");
    assert_eq!(r["containment"], "Also disabled the support account");
    let show = env.ok(&["show", &id]);
    assert!(show.contains("Also disabled the support account"), "{show}");
}

// ---- eradicate ----

#[test]
fn eradicating_a_sev1_needs_the_approval_of_someone_engaged_as_eim() {
    let env = Env::new();
    let id = declared_as(&env, "Ransomware on a build host", "sev1");

    let stderr = env.refused(&["eradicate", &id, "--summary", "Rebuilt the host"]);
    assert_has_all(&stderr, "the refusal", &["sev1", "approval"]);
    assert!(hint_of(&stderr).contains("--approved-by"), "{stderr}");

    let stderr =
        env.refused(&["eradicate", &id, "--summary", "Rebuilt the host", "--approved-by", "Eve Max"]);
    assert!(stderr.contains("Eve Max is not engaged"), "{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt engage {id} eim")), "{stderr}");

    // Engaged in another role is not enough.
    env.ok(&["engage", &id, "srt", "Eve Max"]);
    env.refused(&["eradicate", &id, "--summary", "Rebuilt the host", "--approved-by", "Eve Max"]);

    env.ok(&["engage", &id, "eim", "Eve Max"]);
    env.one_commit(&[
        "eradicate",
        &id,
        "--summary",
        "Rebuilt the host from a clean image",
        "--vulnerability",
        "Exposed RDP; now closed",
        "--approved-by",
        "Eve Max",
    ]);
    let r = response(&env, &id);
    assert_eq!(r["eradicated_at"], "2026-11-20T12:00:00Z");
    assert_eq!(r["eradication"], "Rebuilt the host from a clean image");
    assert_eq!(r["vulnerability"], "Exposed RDP; now closed");
    assert_eq!(r["approved_by"], "Eve Max");
    let timeline = env.ok(&["timeline", &id]);
    assert!(timeline.contains("eradicated (approved by Eve Max): Rebuilt the host"), "{timeline}");
}

#[test]
fn a_sev3_needs_no_approval_unless_the_settings_say_so() {
    let env = Env::new();
    let low = declared_as(&env, "Phishing mail opened", "sev3");
    env.one_commit(&["eradicate", &low, "--summary", "Reset the password", "--vulnerability", "unknown"]);
    let r = response(&env, &low);
    assert_eq!(r["eradication"], "Reset the password");
    assert_eq!(r["vulnerability"], "unknown");
    assert_eq!(r["approved_by"], Value::Null);

    // By default a sev2 needs none either.
    let before = declared_as(&env, "Leaked token", "sev2");
    env.one_commit(&["eradicate", &before, "--summary", "Revoked the token"]);

    settings(&env, "eradication_approval = [\"sev1\"]", "eradication_approval = [\"sev1\", \"sev2\"]", "");
    let sev2 = declared_as(&env, "Another leaked token", "sev2");
    let stderr = env.refused(&["eradicate", &sev2, "--summary", "Revoked the token"]);
    assert!(stderr.contains("sev2"), "{stderr}");
    assert!(hint_of(&stderr).contains("--approved-by"), "{stderr}");
    env.ok(&["engage", &sev2, "eim", "Eve Max"]);
    env.one_commit(&["eradicate", &sev2, "--summary", "Revoked the token", "--approved-by", "Eve Max"]);
    assert_eq!(response(&env, &sev2)["approved_by"], "Eve Max");
    // A sev3 still needs nothing.
    let sev3 = declared_as(&env, "Yet another token", "sev3");
    env.one_commit(&["eradicate", &sev3, "--summary", "Revoked the token"]);
}

// ---- recover ----

#[test]
fn recovery_is_recorded_in_steps_that_accumulate() {
    let env = Env::new();
    let id = env.declared("Defaced status page");

    let stderr = env.refused(&["recover", &id]);
    assert!(stderr.contains("nothing to record"), "{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt recover {id}")), "{stderr}");

    let stderr = env.refused(&["recover", &id, "--validated-by", "Sam Rao"]);
    assert!(stderr.contains("after heightened monitoring"), "{stderr}");
    assert!(hint_of(&stderr).contains("--monitoring"), "{stderr}");

    env.one_commit(&["recover", &id, "--last-known-good", "release 4.2.1", "--at", "2026-11-20T10:00:00Z"]);
    let r = response(&env, &id);
    assert_eq!(r["last_known_good"], "release 4.2.1");
    assert_eq!(r["recovery_started_at"], "2026-11-20T10:00:00Z");
    assert_eq!(r["recovered_at"], Value::Null);

    env.one_commit(&[
        "recover",
        &id,
        "--restored-from",
        "backup web-2026-11-19",
        "--at",
        "2026-11-20T10:30:00Z",
    ]);
    env.one_commit(&["recover", &id, "--inspected", "--at", "2026-11-20T11:00:00Z"]);
    let r = response(&env, &id);
    assert_eq!(r["last_known_good"], "release 4.2.1", "an earlier step is kept");
    assert_eq!(r["restored_from"], "backup web-2026-11-19");
    assert_eq!(r["inspected"], true);
    assert_eq!(r["monitoring"], false);
    let show = env.ok(&["show", &id]);
    assert!(show.contains("not yet validated"), "{show}");
    // Still not validated: the monitoring step is missing.
    env.refused(&["recover", &id, "--validated-by", "Sam Rao"]);

    env.one_commit(&["recover", &id, "--monitoring", "--at", "2026-11-20T11:30:00Z"]);
    assert_eq!(response(&env, &id)["monitoring"], true);
    env.one_commit(&["recover", &id, "--validated-by", "Sam Rao"]);
    let r = response(&env, &id);
    assert_eq!(r["last_known_good"], "release 4.2.1");
    assert_eq!(r["restored_from"], "backup web-2026-11-19");
    assert_eq!(r["inspected"], true);
    assert_eq!(r["monitoring"], true);
    assert_eq!(r["validated_by"], "Sam Rao");
    assert_eq!(r["recovered_at"], "2026-11-20T12:00:00Z");
    assert_eq!(r["recovery_started_at"], "2026-11-20T10:00:00Z");
    let show = env.ok(&["show", &id]);
    assert_has_all(
        &show,
        "show",
        &["last known good: release 4.2.1", "restored from backup web-2026-11-19", "validated by Sam Rao"],
    );
}

// ---- review and action items ----

#[test]
fn a_review_records_findings_and_action_items_that_are_closed_one_by_one() {
    let env = Env::new();
    let id = env.declared("Stolen laptop");

    let stderr = env.refused(&[
        "review",
        &id,
        "--root-cause",
        "x",
        "--action",
        "One",
        "--action",
        "Two",
        "--owner",
        "Bo Chen",
    ]);
    assert!(stderr.contains("every item needs an owner"), "{stderr}");
    assert!(hint_of(&stderr).contains("--owner"), "{stderr}");
    let stderr = env.refused(&[
        "review",
        &id,
        "--root-cause",
        "x",
        "--action",
        "One",
        "--owner",
        "Bo Chen",
        "--due",
        "2026-13-01",
    ]);
    assert!(stderr.contains("'2026-13-01' is not a date"), "{stderr}");
    assert!(hint_of(&stderr).contains("YYYY-MM-DD"), "{stderr}");

    env.one_commit(&[
        "review",
        &id,
        "--root-cause",
        "Disk encryption was off on one laptop",
        "--went-well",
        "The device was wiped remotely within the hour",
        "--went-badly",
        "Nobody knew which laptops were encrypted",
        "--action",
        "Enforce disk encryption",
        "--owner",
        "Bo Chen",
        "--due",
        "2026-12-01",
        "--action",
        "Inventory the laptops",
        "--owner",
        "Cy Dee",
    ]);
    let review = show_json(&env, &id)["review"].clone();
    assert_eq!(review["root_cause"], "Disk encryption was off on one laptop");
    assert_eq!(review["went_well"][0], "The device was wiped remotely within the hour");
    assert_eq!(review["went_badly"][0], "Nobody knew which laptops were encrypted");
    let items = review["action_items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (&items[0]["id"], &items[0]["owner"], &items[0]["due"]),
        (&"A1".into(), &"Bo Chen".into(), &"2026-12-01".into())
    );
    assert_eq!(
        (&items[1]["id"], &items[1]["owner"], &items[1]["due"]),
        (&"A2".into(), &"Cy Dee".into(), &Value::Null)
    );
    let show = env.ok(&["show", &id]);
    assert_has_all(
        &show,
        "show",
        &["A1 Enforce disk encryption (Bo Chen, due 2026-12-01)", "A2 Inventory the laptops (Cy Dee)"],
    );

    // Lower case is fine.
    env.one_commit(&["action", "done", &id, "a1", "--at", "-30m"]);
    let items = show_json(&env, &id)["review"]["action_items"].clone();
    assert_eq!(items[0]["done_at"], "2026-11-20T11:30:00Z");
    assert_eq!(items[1]["done_at"], Value::Null);
    let show = env.ok(&["show", &id]);
    assert!(!show.contains("A1 Enforce disk encryption"), "A1 is still listed as open:\n{show}");
    assert!(show.contains("A2 Inventory the laptops"), "{show}");

    let stderr = env.refused(&["action", "done", &id, "A1"]);
    assert!(stderr.contains("A1 is already done"), "{stderr}");
    let stderr = env.refused(&["action", "done", &id, "A9"]);
    assert!(stderr.contains("no action item 'A9'"), "{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt show {id}")), "{stderr}");

    env.one_commit(&["action", "done", &id, "A2"]);
    let show = env.ok(&["show", &id]);
    assert!(!show.contains("Open action"), "no item is open any more:\n{show}");
}

// ---- close ----

#[test]
fn close_is_refused_listing_what_is_missing_until_forced_with_a_reason() {
    let env = Env::new();
    tenant(&env, "contoso", "Contoso Ltd", &[]);
    tenant(&env, "fabrikam", "Fabrikam GmbH", &[]);
    let id = env.declared("Exposed storage bucket");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);
    env.ok(&["notified", &id, "contoso", "--via", "email-admin"]);

    let stderr = env.refused(&["close", &id]);
    assert_has_all(
        &stderr,
        "the refusal",
        &[
            "cannot be closed yet",
            "1 affected tenant(s) not notified: fabrikam",
            &format!("sirt notified {id} fabrikam --via email-admin"),
            "recovery is not validated",
            &format!("sirt recover {id} --validated-by WHO"),
            "no post-incident review is recorded",
            &format!("sirt review {id} --root-cause"),
        ],
    );
    assert!(hint_of(&stderr).contains(&format!("sirt close {id} --force --reason")), "{stderr}");

    // --force without --reason is a usage error.
    let commits = env.commit_count();
    let out = env.run(&["close", &id, "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--reason"));
    assert_eq!(env.commit_count(), commits);

    env.one_commit(&["close", &id, "--force", "--reason", "Fabrikam left as a customer"]);
    let shown = show_json(&env, &id);
    assert_eq!(shown["phase"], "closed");
    assert_eq!(shown["open"], false);
    assert_eq!(shown["closed_at"], "2026-11-20T12:00:00Z");
    assert_eq!(shown["close_reason"], "Fabrikam left as a customer");
    let timeline = env.ok(&["timeline", &id]);
    assert!(timeline.contains("closed without the usual checks: Fabrikam left as a customer"), "{timeline}");
    let show = env.ok(&["show", &id]);
    assert!(show.contains("2026-11-20 12:00Z — Fabrikam left as a customer"), "{show}");

    assert!(!listed(&env, &[]).contains(&id), "a closed incident is listed as open");
    assert!(listed(&env, &["--closed"]).contains(&id));
    // Closing again is refused.
    let stderr = env.refused(&["close", &id, "--force", "--reason", "again"]);
    assert!(stderr.contains("was closed on"), "{stderr}");
}

#[test]
fn a_complete_incident_closes_and_then_takes_only_notes_and_finished_action_items() {
    let env = Env::new();
    tenant(&env, "contoso", "Contoso Ltd", &[]);
    let id = env.declared("Credential stuffing");
    env.ok(&["affected", &id, "contoso"]);
    env.ok(&["notified", &id, "contoso", "--via", "email-admin"]);
    env.ok(&["recover", &id, "--monitoring", "--validated-by", "Sam Rao"]);
    env.ok(&[
        "review",
        &id,
        "--root-cause",
        "Reused passwords",
        "--action",
        "Rate-limit sign-ins",
        "--owner",
        "Bo Chen",
    ]);

    env.one_commit(&["close", &id]);
    let shown = show_json(&env, &id);
    assert_eq!(shown["phase"], "closed");
    assert_eq!(shown["close_reason"], Value::Null);
    let timeline = env.ok(&["timeline", &id]);
    assert!(!timeline.contains("without the usual checks"), "{timeline}");
    assert!(!listed(&env, &[]).contains(&id));
    assert!(listed(&env, &["--closed"]).contains(&id));

    for args in [
        vec!["contain", id.as_str(), "--summary", "late"],
        vec!["recover", id.as_str(), "--summary", "late"],
        vec!["act", id.as_str(), "late"],
        vec!["engage", id.as_str(), "eim", "Eve Max"],
    ] {
        let stderr = env.refused(&args);
        assert!(stderr.contains("only notes and finished action items"), "{args:?}: {stderr}");
        assert!(hint_of(&stderr).contains(&format!("sirt note {id}")), "{stderr}");
    }
    env.one_commit(&["note", &id, "Follow-up call with Contoso done"]);
    env.one_commit(&["action", "done", &id, "A1"]);
    assert_eq!(show_json(&env, &id)["phase"], "closed");
}

#[test]
fn a_dismissed_incident_closes_once_reviewed_without_recovery() {
    let env = Env::new();
    let id = env.detect("Alert storm", &["--at", "2026-11-20T10:00:00Z"]);
    env.ok(&["dismiss", &id, "--reason", "A misconfigured alert rule"]);

    let stderr = env.refused(&["close", &id]);
    assert!(stderr.contains("no post-incident review is recorded"), "{stderr}");
    assert!(!stderr.contains("recovery"), "a dismissed incident needs no recovery:\n{stderr}");
    assert!(!stderr.contains("tenant"), "a dismissed incident has no tenants to notify:\n{stderr}");

    // The refusal names `sirt review`: it must be possible to record one.
    env.one_commit(&["review", &id, "--root-cause", "An alert rule with the wrong threshold"]);
    env.one_commit(&["close", &id]);
    let shown = show_json(&env, &id);
    assert_eq!(shown["phase"], "closed");
    assert!(listed(&env, &["--closed"]).contains(&id));
}

// ---- the drafts say what we have done ----

#[test]
fn drafts_say_what_the_response_track_chose_to_tell_customers() {
    let env = Env::new();
    env.ok(&["config", "set", "organisation", "Northwind Cloud"]);
    env.ok(&["config", "set", "sender_address", "security@northwind.example"]);
    tenant(&env, "contoso", "Contoso Ltd", &[]);
    let id = env.declared("Mailbox rules planted");
    env.ok(&["impact", &id, "--effect", "access", "--summary", "Mail in two mailboxes was read."]);
    env.ok(&["describe", &id, "An attacker planted forwarding rules in two mailboxes."]);
    env.ok(&["advise", &id, "Review your forwarding rules."]);
    env.ok(&["affected", &id, "contoso"]);

    // A step without a sentence for customers tells them nothing: its summary is internal.
    env.ok(&["contain", &id, "--summary", "Removed rule fw-77 on host mx-04"]);
    let stderr = env.fails(&["notify", &id, "--format", "json"]);
    assert!(stderr.contains("what we have done"), "{stderr}");

    env.ok(&[
        "eradicate",
        &id,
        "--summary",
        "Reset the passwords of svc-mail-2",
        "--for-customers",
        "We reset the compromised passwords.",
    ]);
    env.ok(&[
        "recover",
        &id,
        "--summary",
        "Restored shard 12 from snapshot s-889",
        "--monitoring",
        "--validated-by",
        "Sam Rao",
        "--for-customers",
        "We restored the deleted mail.",
    ]);
    let json = env.json(&["notify", &id, "--format", "json"]);
    let drafts = json["drafts"].as_array().unwrap();
    assert!(!drafts.is_empty(), "{json:#}");
    for draft in drafts {
        let body = draft["body"].as_str().unwrap();
        assert_has_all(
            body,
            "a draft",
            &["We reset the compromised passwords.", "We restored the deleted mail."],
        );
        for internal in ["fw-77", "svc-mail-2", "s-889"] {
            assert!(!body.contains(internal), "an internal summary reached a customer:\n{body}");
        }
    }
    // The timeline keeps the internal summaries.
    let timeline = env.ok(&["timeline", &id]);
    assert_has_all(&timeline, "the timeline", &["fw-77", "svc-mail-2", "s-889"]);
}

// ---- edit ----

fn incident_file(env: &Env, id: &str) -> PathBuf {
    env.incident_file(id)
}

/// The next Lamport sequence number of the incident's file: one more than the largest `seq`.
fn next_seq(env: &Env, id: &str) -> u64 {
    let text = std::fs::read_to_string(incident_file(env, id)).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("seq = "))
        .map(|n| n.trim().parse::<u64>().unwrap())
        .max()
        .unwrap()
        + 1
}

/// A note event as an `[[event]]` table, to append by hand.
fn note_event(seq: u64, text: &str) -> String {
    format!(
        "\n[[event]]\nid = \"EHAND{seq:07}\"\nseq = {seq}\nat = \"2026-11-20T12:00:00Z\"\n\
         recorded_at = \"2026-11-20T12:00:00Z\"\nby = \"{ACTOR}\"\nkind = \"note\"\ntext = \"{text}\"\n"
    )
}

/// Writes an `sh` script into the temporary HOME; returns an EDITOR value that runs it.
fn editor(env: &Env, name: &str, script: &str) -> String {
    let path = env.home.join(name);
    std::fs::write(&path, script).unwrap();
    format!("sh {}", path.display())
}

/// A script that appends `text` to the file it is given.
fn appending(text: &str) -> String {
    format!("cat >> \"$1\" <<'SIRT_EOF'\n{text}SIRT_EOF\n")
}

/// `sirt edit ID` with the given environment variables: (exit code, stderr).
fn edit(env: &Env, id: &str, vars: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = env.cmd();
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let out = cmd.args(["edit", id]).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// `sirt edit ID` that must be refused: exit 1, nothing committed, the incident file unchanged.
/// Returns stderr.
fn edit_refused(env: &Env, id: &str, vars: &[(&str, &str)]) -> String {
    let commits = env.commit_count();
    let file = std::fs::read(incident_file(env, id)).unwrap();
    let (code, stderr) = edit(env, id, vars);
    assert_eq!(code, Some(1), "edit should be refused:\n{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(env.commit_count(), commits, "a refused edit made a commit");
    assert_eq!(std::fs::read(incident_file(env, id)).unwrap(), file, "a refused edit changed the incident");
    assert_eq!(env.git(&["status", "--porcelain"]), "", "a refused edit left the store dirty");
    stderr
}

/// Where a refused edit says the text is kept; checks it is the private draft under `.git/`.
fn kept_at(env: &Env, id: &str, stderr: &str) -> PathBuf {
    let (_, rest) =
        stderr.split_once("your text is kept in ").unwrap_or_else(|| panic!("no 'kept in' in:\n{stderr}"));
    let path = PathBuf::from(rest.lines().next().unwrap().trim());
    // One draft per attempt, so a refused edit's text is never overwritten: <ID>-<attempt>.toml.
    assert_eq!(path.parent(), Some(env.store.join(".git").join("sirt-edit").as_path()), "{stderr}");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("{id}-")) && name.ends_with(".toml"), "{stderr}");
    path
}

#[test]
fn a_valid_edit_appends_events_in_one_commit() {
    let env = Env::new();
    let id = env.declared("Suspicious VPN login");
    let seq = next_seq(&env, &id);
    let script = editor(&env, "append.sh", &appending(&note_event(seq, "Checked the VPN logs by hand")));

    let commits = env.commit_count();
    // VISUAL comes before EDITOR.
    let (code, stderr) = edit(&env, &id, &[("VISUAL", &script), ("EDITOR", "false")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(env.commit_count(), commits + 1);
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(subject.starts_with(&format!("{id}: edited by hand")), "{subject}");
    assert!(subject.contains("1 event(s) added"), "{subject}");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    let timeline = env.ok(&["timeline", &id]);
    assert!(timeline.contains("note: Checked the VPN logs by hand"), "{timeline}");
    assert_eq!(show_json(&env, &id)["notes"], 1);
    assert!(
        !env.store.join(".git/sirt-edit").join(format!("{id}.toml")).exists(),
        "the draft is left behind"
    );

    // An editor that changes nothing: no commit.
    let (code, stderr) = edit(&env, &id, &[("EDITOR", "true")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("no change"), "{stderr}");
    assert_eq!(env.commit_count(), commits + 1);
}

#[test]
fn an_invalid_edit_is_refused_and_the_text_kept() {
    let env = Env::new();
    let id = env.declared("Port scan");
    let garbage = "this is = = not toml\n";
    let script = editor(&env, "garbage.sh", &appending(garbage));
    let stderr = edit_refused(&env, &id, &[("EDITOR", &script)]);
    assert!(stderr.contains("not valid at line"), "{stderr}");
    assert!(stderr.contains("nothing was recorded"), "{stderr}");
    let kept = kept_at(&env, &id, &stderr);
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(text.ends_with(garbage), "the kept text is not the edited text:\n{text}");
    assert!(hint_of(&stderr).contains(&format!("sirt edit {id}")), "{stderr}");

    // A table that reads but does not make an event (no kind) is refused too.
    let seq = next_seq(&env, &id);
    let broken = note_event(seq, "x").replace("kind = \"note\"\n", "");
    let script = editor(&env, "broken.sh", &appending(&broken));
    edit_refused(&env, &id, &[("EDITOR", &script)]);
}

#[test]
fn an_edit_that_deletes_or_rewrites_an_event_is_refused_as_append_only() {
    let env = Env::new();
    let id = env.declared("Malware on a laptop");
    env.ok(&["note", &id, "first look by the on-call engineer"]);

    // Drop the last [[event]] table (the note).
    let delete = editor(
        &env,
        "delete.sh",
        "awk '/^\\[\\[event\\]\\]/ { n++ } { line[NR] = $0; table[NR] = n } \
         END { for (i = 1; i <= NR; i++) if (table[i] < n) print line[i] }' \"$1\" > \"$1.new\" \
         && mv \"$1.new\" \"$1\"\n",
    );
    let stderr = edit_refused(&env, &id, &[("EDITOR", &delete)]);
    assert_has_all(&stderr, "the refusal", &["(note) would be deleted", "append-only"]);
    let kept = std::fs::read_to_string(kept_at(&env, &id, &stderr)).unwrap();
    assert!(!kept.contains("first look"), "the kept text is not the edited text:\n{kept}");

    // Rewrite the note's text.
    let rewrite = editor(
        &env,
        "rewrite.sh",
        "sed 's/first look by the on-call engineer/nothing to see/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
    );
    let stderr = edit_refused(&env, &id, &[("EDITOR", &rewrite)]);
    assert_has_all(&stderr, "the refusal", &["(note) would be rewritten", "append-only"]);
    let timeline = env.ok(&["timeline", &id]);
    assert!(timeline.contains("note: first look by the on-call engineer"), "{timeline}");
    assert!(!timeline.contains("nothing to see"), "{timeline}");
}

#[test]
fn an_edit_is_refused_when_the_editor_fails_or_there_is_none() {
    let env = Env::new();
    let id = env.declared("Brute force on SSH");
    let seq = next_seq(&env, &id);
    // A valid addition, but the editor exits non-zero: nothing is recorded.
    let script =
        editor(&env, "fails.sh", &format!("{}exit 3\n", appending(&note_event(seq, "never recorded"))));
    let stderr = edit_refused(&env, &id, &[("EDITOR", &script)]);
    assert!(stderr.contains("the editor exited"), "{stderr}");
    assert!(stderr.contains("nothing was recorded"), "{stderr}");
    let timeline = env.ok(&["timeline", &id]);
    assert!(!timeline.contains("never recorded"), "{timeline}");

    // No VISUAL, no EDITOR.
    let stderr = edit_refused(&env, &id, &[]);
    assert!(stderr.contains("neither VISUAL nor EDITOR"), "{stderr}");
    assert!(hint_of(&stderr).contains("EDITOR"), "{stderr}");
}

// ---- report ----

const ID_PLACEHOLDER: &str = "INC-XXXX-XXXX";

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/snapshots/report.md")
}

/// Compares `actual` with the stored snapshot; `SIRT_REGENERATE=1` rewrites it instead.
fn check_snapshot(path: &Path, actual: &str) {
    if std::env::var_os("SIRT_REGENERATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let n = (0..e.len().max(a.len())).find(|&i| e.get(i) != a.get(i)).unwrap_or(0);
    panic!(
        "the report differs from {} (missing or out of date); first difference at line {}:\n  \
         expected: {:?}\n  actual:   {:?}\n\nfull report:\n{actual}\n\
         if the change is intended, regenerate it with: SIRT_REGENERATE=1 cargo test --test cli response::\n\
         and review it with: git diff tests/cli/snapshots/report.md",
        path.display(),
        n + 1,
        e.get(n),
        a.get(n)
    );
}

/// A realistic incident, recorded after the fact (everything backfilled with `--at`): three
/// tenants, Contoso (24h contract) notified late, a detection long before now with its start,
/// engagement, the main track, an own regime's filing, the response track with approval and
/// validation, the review with one of two items done, and the close. Returns the id.
fn realistic(env: &Env) -> String {
    settings(
        env,
        "own_regimes = []",
        "own_regimes = [\"acme-board\"]",
        "\n[[regime]]\nid = \"acme-board\"\nname = \"acme-board policy\"\nnotifies = \"provider → board\"\n\
         trigger = \"declared\"\n\n[[regime.stage]]\nname = \"tell the board\"\nwithin = \"48h\"\ncounting = \"hours\"\n",
    );
    tenant(env, "contoso", "Contoso Ltd", &["--notify-within", "24h"]);
    tenant(env, "fabrikam", "Fabrikam GmbH", &[]);
    tenant(env, "woodgrove", "Woodgrove Bank", &["--notify-within", "48h"]);
    let id = env.detect(
        "Stolen support credential used to read mailboxes",
        &[
            "--severity",
            "sev1",
            "--source",
            "customer-report",
            "--at",
            "2026-11-17T06:00:00Z",
            "--started",
            "2026-11-16T22:30:00Z",
        ],
    );
    let at = |args: &[&str], when: &str| {
        let mut all = args.to_vec();
        all.extend(["--at", when]);
        env.ok(&all);
    };
    at(&["engage", &id, "oce", "Oli Chen"], "2026-11-17T06:20:00Z");
    at(&["engage", &id, "srt", "Sam Rao"], "2026-11-17T07:00:00Z");
    at(&["engage", &id, "eim", "Eve Max"], "2026-11-17T08:00:00Z");
    at(&["confirm", &id], "2026-11-17T09:00:00Z");
    at(
        &[
            "impact",
            &id,
            "--effect",
            "access,disclosure",
            "--summary",
            "Mail in 14 mailboxes was read by an outsider.",
        ],
        "2026-11-17T10:00:00Z",
    );
    at(&["affected", &id, "contoso", "fabrikam", "woodgrove"], "2026-11-17T11:00:00Z");
    at(
        &[
            "describe",
            &id,
            "An attacker used a stolen support credential to read mail stored in our hosted mail service.",
        ],
        "2026-11-17T11:30:00Z",
    );
    at(&["act", &id, "We revoked the stolen credential."], "2026-11-17T12:00:00Z");
    at(&["advise", &id, "Review the mailbox audit log for 16 and 17 November."], "2026-11-17T12:15:00Z");
    at(
        &["contain", &id, "--summary", "Revoked the credential and closed every session it had opened"],
        "2026-11-17T13:00:00Z",
    );
    at(&["notified", &id, "fabrikam", "woodgrove", "--via", "email-admin"], "2026-11-17T15:00:00Z");
    at(&["filed", &id, "acme-board", "tell the board", "--ref", "BRD-7"], "2026-11-18T09:00:00Z");
    // Contoso's 24h ran out at 2026-11-18 09:00.
    at(&["notified", &id, "contoso", "--via", "email-admin"], "2026-11-18T14:00:00Z");
    at(
        &[
            "eradicate",
            &id,
            "--summary",
            "Removed the attacker's mail rules and rotated every support credential",
            "--vulnerability",
            "Support accounts had no second factor; now required",
            "--approved-by",
            "Eve Max",
        ],
        "2026-11-18T16:00:00Z",
    );
    at(
        &[
            "recover",
            &id,
            "--summary",
            "Restored the mail index",
            "--last-known-good",
            "snapshot of 16 Nov 20:00",
            "--restored-from",
            "backup mail-idx-2026-11-16",
            "--inspected",
        ],
        "2026-11-19T10:00:00Z",
    );
    at(&["recover", &id, "--monitoring"], "2026-11-19T12:00:00Z");
    at(&["recover", &id, "--validated-by", "Sam Rao"], "2026-11-19T18:00:00Z");
    at(
        &[
            "review",
            &id,
            "--root-cause",
            "A support credential phished from a contractor",
            "--went-well",
            "Containment within four hours of the declaration",
            "--went-badly",
            "Contoso was notified five hours late",
            "--action",
            "Require hardware keys for support staff",
            "--owner",
            "Oli Chen",
            "--due",
            "2026-12-01",
            "--action",
            "Alert on support access to customer mailboxes",
            "--owner",
            "Sam Rao",
        ],
        "2026-11-20T10:00:00Z",
    );
    at(&["action", "done", &id, "A2"], "2026-11-20T11:00:00Z");
    at(&["close", &id], "2026-11-20T11:30:00Z");
    id
}

/// The row of the report's Markdown table whose first cell starts with `first`.
fn row<'a>(report: &'a str, first: &str) -> &'a str {
    let prefix = format!("| {first}");
    let found: Vec<&str> = report.lines().filter(|l| l.starts_with(&prefix)).collect();
    assert_eq!(found.len(), 1, "expected one row starting {prefix:?} in:\n{report}");
    found[0]
}

#[test]
fn the_report_of_a_realistic_incident_matches_the_snapshot() {
    let env = Env::new();
    let id = realistic(&env);
    let report = env.ok(&["report", &id]);

    // Facts worked out by hand, whatever the snapshot says.
    assert!(
        report.starts_with(&format!("# Post-incident report: {id} — Stolen support credential")),
        "{report}"
    );
    assert_has_all(
        &report,
        "the report",
        &[
            "severity sev1",
            "phase closed",
            "An attacker used a stolen support credential",
            "Mail in 14 mailboxes was read by an outsider.",
            "- **Affected tenants:** 3",
            "- **Declared:** 2026-11-17 09:00Z",
            "- **Closed:** 2026-11-20 11:30Z",
        ],
    );
    // Start 22:30 → detection 06:00 → engagement 06:20 → declaration 09:00 (17 Nov); containment
    // 13:00; eradication 16:00 on 18 Nov (31h); recovery validated 18:00 on 19 Nov (57h); tenants
    // notified at 15:00 on 17 Nov (6h) and 14:00 on 18 Nov (29h).
    assert!(row(&report, "Event start → detection").ends_with("| 7h 30m |"), "{report}");
    assert!(row(&report, "Detection → first engagement").ends_with("| 20m |"), "{report}");
    assert!(row(&report, "First engagement → declaration").ends_with("| 2h 40m |"), "{report}");
    assert!(row(&report, "Declaration → containment").ends_with("| 4h 00m |"), "{report}");
    assert!(row(&report, "Declaration → eradication").ends_with("| 1d 7h |"), "{report}");
    assert!(row(&report, "Declaration → recovery validated").ends_with("| 2d 9h |"), "{report}");
    assert!(
        row(&report, "Declaration → tenants notified").ends_with("(first / last of 3) | 6h 00m / 1d 5h |"),
        "{report}"
    );
    // The notification table: contoso late against its 24h, the others on time.
    let contoso = row(&report, "Contoso Ltd (contoso)");
    assert_has_all(
        contoso,
        "contoso's row",
        &["| 24h |", "2026-11-18 09:00Z", "2026-11-18 14:00Z", "| LATE |"],
    );
    let woodgrove = row(&report, "Woodgrove Bank (woodgrove)");
    assert_has_all(
        woodgrove,
        "woodgrove's row",
        &["| 48h |", "2026-11-19 09:00Z", "2026-11-17 15:00Z", "| on time |"],
    );
    let fabrikam = row(&report, "Fabrikam GmbH (fabrikam)");
    assert_has_all(
        fabrikam,
        "fabrikam's row",
        &["| 72h |", "2026-11-20 09:00Z", "2026-11-17 15:00Z", "| on time |"],
    );
    // The timeline marks the backfilled detection.
    assert!(
        row(&report, "2026-11-17 06:00Z").contains("(recorded 2026-11-20 12:00Z)"),
        "the backfilled detection is not marked:\n{report}"
    );
    let filing = row(&report, "acme-board");
    assert_has_all(
        filing,
        "the filing",
        &["tell the board", "2026-11-19 09:00Z", "2026-11-18 09:00Z", "BRD-7", "met"],
    );
    assert_has_all(
        &report,
        "the review",
        &[
            "**Root cause:** A support credential phished from a contractor",
            "- Containment within four hours of the declaration",
            "- Contoso was notified five hours late",
        ],
    );
    assert!(row(&report, "A1 Require hardware keys").ends_with("| Oli Chen | 2026-12-01 | — |"), "{report}");
    assert!(
        row(&report, "A2 Alert on support access").ends_with("| Sam Rao | — | 2026-11-20 11:00Z |"),
        "{report}"
    );

    // --out writes the same text, and nothing to stdout.
    let out = env.home.join("report.md");
    let commits = env.commit_count();
    let stdout = env.ok(&["report", &id, "--out", out.to_str().unwrap()]);
    assert_eq!(stdout, "");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), report);
    assert_eq!(env.commit_count(), commits, "a report made a commit");

    check_snapshot(&snapshot_path(), &report.replace(&id, ID_PLACEHOLDER));
}

// ---- stats ----

/// The metric called `name` in `sirt stats --format json`.
fn metric<'a>(stats: &'a Value, name: &str) -> &'a Value {
    stats["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no metric {name:?} in:\n{stats:#}"))
}

/// (count, median seconds, 90th percentile seconds) of one metric.
fn measured(stats: &Value, name: &str) -> (u64, Option<f64>, Option<i64>) {
    let m = metric(stats, name);
    (m["count"].as_u64().unwrap(), m["median_seconds"].as_f64(), m["p90_seconds"].as_i64())
}

const HOUR: i64 = 3600;

#[test]
fn stats_over_five_incidents_match_the_figures_worked_out_by_hand() {
    let env = Env::new();
    for t in ["t1", "t2", "t4"] {
        tenant(&env, t, t, &[]);
    }
    tenant(&env, "t3", "t3", &["--notify-within", "24h"]);
    let at = |args: &[&str], when: &str| {
        let mut all = args.to_vec();
        all.extend(["--at", when]);
        env.ok(&all);
    };
    let detect = |title: &str, severity: &str, when: &str, started: Option<&str>| {
        let mut extra = vec!["--severity", severity, "--at", when];
        if let Some(started) = started {
            extra.extend(["--started", started]);
        }
        env.detect(title, &extra)
    };

    // A (sev1, closed): started 2h before detection, declared 1h after; t1 notified after 2h,
    // t2 after 6h; recovery validated 10h after the declaration.
    let a = detect("A", "sev1", "2026-11-10T00:00:00Z", Some("2026-11-09T22:00:00Z"));
    at(&["confirm", &a], "2026-11-10T01:00:00Z");
    at(&["affected", &a, "t1", "t2"], "2026-11-10T01:00:00Z");
    at(&["notified", &a, "t1", "--via", "email-admin"], "2026-11-10T03:00:00Z");
    at(&["notified", &a, "t2", "--via", "email-admin"], "2026-11-10T07:00:00Z");
    at(&["recover", &a, "--monitoring", "--validated-by", "Sam Rao"], "2026-11-10T11:00:00Z");
    at(&["review", &a, "--root-cause", "r"], "2026-11-11T00:00:00Z");
    at(&["close", &a], "2026-11-11T00:00:00Z");
    // B (sev2, open): started 4h before, declared 2h after; t3 (24h contract) notified after 30h,
    // late; recovered 20h after the declaration.
    let b = detect("B", "sev2", "2026-11-12T00:00:00Z", Some("2026-11-11T20:00:00Z"));
    at(&["confirm", &b], "2026-11-12T02:00:00Z");
    at(&["affected", &b, "t3"], "2026-11-12T02:00:00Z");
    at(&["notified", &b, "t3", "--via", "email-admin"], "2026-11-13T08:00:00Z");
    at(&["recover", &b, "--monitoring", "--validated-by", "Sam Rao"], "2026-11-12T22:00:00Z");
    // C (sev2, open): no start known, declared 4h after; t4 notified after 4h; recovered after 30h.
    let c = detect("C", "sev2", "2026-11-14T00:00:00Z", None);
    at(&["confirm", &c], "2026-11-14T04:00:00Z");
    at(&["affected", &c, "t4"], "2026-11-14T04:00:00Z");
    at(&["notified", &c, "t4", "--via", "email-admin"], "2026-11-14T08:00:00Z");
    at(&["recover", &c, "--monitoring", "--validated-by", "Sam Rao"], "2026-11-15T10:00:00Z");
    // D (sev3, open): started 1h before, declared 10h after, no tenants yet.
    let d = detect("D", "sev3", "2026-11-16T00:00:00Z", Some("2026-11-15T23:00:00Z"));
    at(&["confirm", &d], "2026-11-16T10:00:00Z");
    // E (sev3, dismissed).
    let e = detect("E", "sev3", "2026-11-18T00:00:00Z", None);
    at(&["dismiss", &e, "--reason", "a test alert"], "2026-11-18T01:00:00Z");

    let stats = env.json(&["stats", "--format", "json"]);
    assert_eq!(stats["incidents"], 5);
    assert_eq!(
        stats["by_severity"],
        serde_json::json!({
            "sev1": {"closed": 1},
            "sev2": {"open": 2},
            "sev3": {"open": 1, "dismissed": 1},
        })
    );
    // Detect 1h, 2h, 4h: median 2h; the 90th percentile is the 3rd of 3 (rank ⌈2.7⌉).
    assert_eq!(measured(&stats, "time to detect"), (3, Some((2 * HOUR) as f64), Some(4 * HOUR)));
    // Declare 1h, 2h, 4h, 10h: median (2h + 4h) / 2 = 3h; the 90th percentile is the 4th (⌈3.6⌉).
    assert_eq!(measured(&stats, "time to declare"), (4, Some(10800.0), Some(36000)));
    // Notify, per tenant, 2h, 4h, 6h, 30h: median 5h; 90th percentile 30h.
    assert_eq!(measured(&stats, "time to notify"), (4, Some((5 * HOUR) as f64), Some(30 * HOUR)));
    // Recover 10h, 20h, 30h: median 20h; 90th percentile 30h.
    assert_eq!(measured(&stats, "time to recover"), (3, Some((20 * HOUR) as f64), Some(30 * HOUR)));
    // t1, t2, t4 within their 72h; t3 late against its 24h.
    assert_eq!(stats["tenants_decided"], 4);
    assert_eq!(stats["tenants_notified_in_time"], 3);
    assert_eq!(stats["share_notified_in_time"].as_f64(), Some(0.75));

    // Detected at or after 13 Nov: C, D, E.
    let since = env.json(&["stats", "--format", "json", "--since", "2026-11-13T00:00:00Z"]);
    assert_eq!(since["incidents"], 3);
    assert_eq!(measured(&since, "time to declare"), (2, Some((7 * HOUR) as f64), Some(10 * HOUR)));
    assert_eq!(measured(&since, "time to notify"), (1, Some((4 * HOUR) as f64), Some(4 * HOUR)));
    assert_eq!((&since["tenants_decided"], &since["tenants_notified_in_time"]), (&1.into(), &1.into()));
    // Detected before 13 Nov: A and B.
    let until = env.json(&["stats", "--format", "json", "--until", "2026-11-13T00:00:00Z"]);
    assert_eq!(until["incidents"], 2);
    assert_eq!(measured(&until, "time to declare"), (2, Some(1.5 * HOUR as f64), Some(2 * HOUR)));
    assert_eq!(until["share_notified_in_time"].as_f64(), Some(2.0 / 3.0));
    // Both: only C. The until bound is exclusive: D, detected at 16 Nov 00:00, is out.
    let both = env.json(&[
        "stats",
        "--format",
        "json",
        "--since",
        "2026-11-13T00:00:00Z",
        "--until",
        "2026-11-16T00:00:00Z",
    ]);
    assert_eq!(both["incidents"], 1);
    assert_eq!(both["by_severity"], serde_json::json!({"sev2": {"open": 1}}));
    assert_eq!(measured(&both, "time to detect"), (0, None, None));

    let table = env.ok(&["stats"]);
    assert_has_all(
        &table,
        "the stats table",
        &[
            "5 incidents",
            "time to detect",
            "time to declare",
            "time to notify",
            "time to recover",
            "3h 00m",
            "3 of 4 affected tenants notified within their contract clock (75%)",
        ],
    );
}
