//! The main track: `detect`, `engage`, `confirm`, `dismiss`, `impact`, `note`. Each success makes
//! exactly one commit saying what happened; each refusal says why and what to run, and changes
//! nothing.

use serde_json::Value;

use crate::support::hint_of;
use crate::support::{ACTOR, Env, NOW};

/// Checks that the step just run made exactly one commit on top of `commits_before`, authored by
/// `author`, whose subject names the incident and says `what`, and whose trailers name the
/// incident and the event just appended. Returns that event as `timeline --format json` shows it.
fn recorded_by(env: &Env, commits_before: usize, id: &str, what: &str, author: &str) -> Value {
    assert_eq!(env.commit_count(), commits_before + 1, "expected exactly one new commit for '{what}'");
    let message = env.git(&["log", "-1", "--format=%B"]);
    let subject = message.lines().next().unwrap();
    assert!(subject.starts_with(&format!("{id}: ")), "subject does not name {id}: {subject}");
    assert!(subject.contains(what), "subject does not say '{what}': {subject}");
    assert!(
        message.lines().any(|l| l == format!("Sirt-Incident: {id}")),
        "no Sirt-Incident trailer:\n{message}"
    );
    assert_eq!(env.trailer("Sirt-Incident"), id);
    assert_eq!(env.git(&["log", "-1", "--format=%an <%ae>"]).trim(), author);

    let timeline = env.json(&["timeline", id, "--format", "json"]);
    let newest =
        timeline.as_array().unwrap().iter().max_by_key(|e| e["seq"].as_u64().unwrap()).unwrap().clone();
    let event_id = newest["id"].as_str().unwrap();
    assert!(
        message.lines().any(|l| l == format!("Sirt-Event: {event_id}")),
        "no Sirt-Event: {event_id}:\n{message}"
    );
    assert_eq!(env.trailer("Sirt-Event"), event_id);
    assert_eq!(newest["by"], author);
    newest
}

fn recorded(env: &Env, commits_before: usize, id: &str, what: &str) -> Value {
    recorded_by(env, commits_before, id, what, ACTOR)
}

fn show(env: &Env, id: &str) -> Value {
    env.json(&["show", id, "--format", "json"])
}

/// The four characters after `INC-`.
fn short(id: &str) -> &str {
    &id[4..8]
}

// ---- detect ----

#[test]
fn detect_opens_an_incident_and_prints_its_id() {
    let env = Env::new();
    let before = env.commit_count();
    let out = env.run(&[
        "detect",
        "Unusual sign-ins to the admin API",
        "--severity",
        "sev2",
        "--source",
        "customer-report",
        "--started",
        "2026-11-20T06:30:00Z",
        "--at",
        "2026-11-20T08:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let id = stdout.trim();
    assert_eq!(stdout, format!("{id}\n"), "detect prints the id alone on stdout");
    assert!(id.len() == 13 && id.starts_with("INC-") && id.as_bytes()[8] == b'-', "not an incident id: {id}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("sirt engage {id} oce")), "no hint to engage:\n{stderr}");

    let event =
        recorded(&env, before, id, "detected (sev2, customer-report): Unusual sign-ins to the admin API");
    assert_eq!(event["kind"], "detected");
    assert_eq!(event["at"], "2026-11-20T08:00:00Z");
    assert_eq!(event["recorded_at"], NOW);

    let incident = show(&env, id);
    assert_eq!(incident["id"], id);
    assert_eq!(incident["title"], "Unusual sign-ins to the admin API");
    assert_eq!(incident["severity"], "sev2");
    assert_eq!(incident["source"], "customer-report");
    assert_eq!(incident["phase"], "detected");
    assert_eq!(incident["open"], true);
    assert_eq!(incident["started_at"], "2026-11-20T06:30:00Z");
    assert_eq!(incident["detected_at"], "2026-11-20T08:00:00Z");
    assert_eq!(incident["declared_at"], Value::Null);
    assert!(env.incident_file(id).is_file());
}

#[test]
fn detect_defaults_to_now_sev3_and_monitoring() {
    let env = Env::new();
    let id = env.detect("Port scan", &[]);
    let incident = show(&env, &id);
    assert_eq!(incident["severity"], "sev3");
    assert_eq!(incident["source"], "monitoring");
    assert_eq!(incident["detected_at"], NOW);
    assert_eq!(incident["started_at"], Value::Null);
}

#[test]
fn detect_refuses_an_empty_title() {
    let env = Env::new();
    let stderr = env.refused(&["detect", "  "]);
    assert!(stderr.contains("title"), "{stderr}");
    assert!(env.files_in("incidents").is_empty());
}

#[test]
fn detect_refuses_a_start_after_the_detection() {
    let env = Env::new();
    let stderr = env.refused(&[
        "detect",
        "Odd traffic",
        "--started",
        "2026-11-20T11:30:00Z",
        "--at",
        "2026-11-20T11:00:00Z",
    ]);
    assert!(stderr.contains("after it was detected"), "{stderr}");
    assert!(hint_of(&stderr).contains("--started"), "{stderr}");
    assert!(env.files_in("incidents").is_empty());
}

#[test]
fn detect_refuses_a_detection_in_the_future() {
    let env = Env::new();
    let stderr = env.refused(&["detect", "Odd traffic", "--at", "2026-11-20T12:30:00Z"]);
    assert!(stderr.contains("in the future"), "{stderr}");
    assert!(env.files_in("incidents").is_empty());
}

#[test]
fn detect_refuses_unreadable_times_listing_the_accepted_forms() {
    let env = Env::new();
    for args in [
        &["detect", "Odd traffic", "--started", "last tuesday"][..],
        &["detect", "Odd traffic", "--at", "yesterday"][..],
    ] {
        let stderr = env.refused(args);
        assert!(stderr.contains(&format!("'{}'", args[3])), "the error quotes the value:\n{stderr}");
        // The error lists the forms; the hint (issue 15) points at the one closest to the value.
        assert_lists_the_accepted_forms(stderr.lines().next().unwrap());
        assert!(!hint_of(&stderr).contains("RFC 3339"), "the hint repeats the list:\n{stderr}");
    }
    assert!(env.files_in("incidents").is_empty());
}

fn assert_lists_the_accepted_forms(hint: &str) {
    for form in ["RFC 3339", "YYYY-MM-DD HH:MM", "now", "-2h", "2h ago"] {
        assert!(hint.contains(form), "the error does not list '{form}': {hint}");
    }
}

// ---- engage ----

#[test]
fn engage_records_who_is_engaged_in_which_role() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);

    let before = env.commit_count();
    env.ok(&["engage", &id, "oce", "Bo Chen", "--at", "2026-11-20T08:10:00Z"]);
    let event = recorded(&env, before, &id, "on-call engineer engaged: Bo Chen");
    assert_eq!(event["kind"], "engaged");
    assert_eq!(event["at"], "2026-11-20T08:10:00Z");
    assert_eq!(show(&env, &id)["phase"], "oce-engaged");

    let before = env.commit_count();
    env.ok(&["engage", &id, "srt", "Carla Diaz"]);
    recorded(&env, before, &id, "security response team engaged: Carla Diaz");

    let incident = show(&env, &id);
    assert_eq!(incident["phase"], "srt-engaged");
    let engagements = incident["engagements"].as_array().unwrap();
    assert_eq!(engagements.len(), 2);
    assert_eq!(engagements[0]["role"], "oce");
    assert_eq!(engagements[0]["who"], "Bo Chen");
    assert_eq!(engagements[0]["at"], "2026-11-20T08:10:00Z");
    assert_eq!(engagements[1]["role"], "srt");
    assert_eq!(engagements[1]["who"], "Carla Diaz");
    assert_eq!(engagements[1]["at"], NOW);
}

#[test]
fn engaging_the_same_person_twice_changes_nothing() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    env.ok(&["engage", &id, "oce", "Bo Chen"]);

    let commits = env.commit_count();
    let files = env.files_in("incidents");
    for who in ["Bo Chen", "bo chen"] {
        let out = env.run(&["engage", &id, "oce", who]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("already engaged"), "{stderr}");
        assert!(!stderr.contains("error"), "{stderr}");
        assert_eq!(env.commit_count(), commits, "engaging {who} again made a commit");
        assert!(env.files_in("incidents") == files, "engaging {who} again changed the file");
    }
    assert_eq!(show(&env, &id)["engagements"].as_array().unwrap().len(), 1);

    // The same person in another role is a new engagement.
    env.ok(&["engage", &id, "srt", "Bo Chen"]);
    recorded(&env, commits, &id, "security response team engaged: Bo Chen");
}

#[test]
fn engage_refuses_an_empty_name() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    let stderr = env.refused(&["engage", &id, "oce", " "]);
    assert!(stderr.contains("name is empty"), "{stderr}");
}

#[test]
fn engage_with_an_unknown_role_is_a_usage_error() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    let commits = env.commit_count();
    let out = env.run(&["engage", &id, "janitor", "Bo Chen"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(env.commit_count(), commits);
}

// ---- confirm ----

#[test]
fn confirm_declares_the_incident() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--severity", "sev1", "--at", "2026-11-20T08:00:00Z"]);
    let before = env.commit_count();
    let out = env.run(&["confirm", &id, "--at", "2026-11-20T09:30:00Z"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("sirt impact"), "no hint to assess the impact:\n{stderr}");

    let event = recorded(&env, before, &id, "confirmed as a security incident");
    assert_eq!(event["kind"], "confirmed");
    assert_eq!(event["at"], "2026-11-20T09:30:00Z");
    let message = env.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.contains("2026-11-20T09:30:00Z"),
        "a backfilled commit says when it happened:\n{message}"
    );

    let incident = show(&env, &id);
    assert_eq!(incident["phase"], "confirmed");
    assert_eq!(incident["declared_at"], "2026-11-20T09:30:00Z");
    assert_eq!(incident["open"], true);
}

#[test]
fn confirming_twice_is_refused() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let stderr = env.refused(&["confirm", &id]);
    assert!(stderr.contains("already confirmed"), "{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt show {id}")), "{stderr}");
    assert_eq!(show(&env, &id)["declared_at"], "2026-11-20T09:00:00Z");
}

#[test]
fn confirming_a_dismissed_incident_is_refused() {
    let env = Env::new();
    let id = env.detect("Port scan", &["--at", "2026-11-20T08:00:00Z"]);
    env.ok(&["dismiss", &id, "--reason", "red-team exercise"]);
    let stderr = env.refused(&["confirm", &id]);
    assert!(stderr.starts_with(&format!("error: {id} was dismissed")), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt detect"), "{stderr}");
    assert_eq!(show(&env, &id)["phase"], "dismissed");
}

// ---- dismiss ----

#[test]
fn dismiss_closes_the_incident() {
    let env = Env::new();
    let id = env.detect("Port scan", &["--at", "2026-11-20T08:00:00Z"]);
    let before = env.commit_count();
    env.ok(&["dismiss", &id, "--reason", "scheduled red-team exercise", "--at", "2026-11-20T10:00:00Z"]);
    let event =
        recorded(&env, before, &id, "dismissed, not a security incident: scheduled red-team exercise");
    assert_eq!(event["kind"], "dismissed");

    let incident = show(&env, &id);
    assert_eq!(incident["phase"], "dismissed");
    assert_eq!(incident["open"], false);
    assert_eq!(incident["dismissed_at"], "2026-11-20T10:00:00Z");
    assert_eq!(incident["dismiss_reason"], "scheduled red-team exercise");
}

#[test]
fn dismissing_a_confirmed_incident_is_refused() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let stderr = env.refused(&["dismiss", &id, "--reason", "false alarm"]);
    assert!(stderr.contains("cannot be dismissed"), "{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt note {id}")), "{stderr}");
    assert_eq!(show(&env, &id)["phase"], "confirmed");
}

#[test]
fn dismissing_twice_is_refused() {
    let env = Env::new();
    let id = env.detect("Port scan", &[]);
    env.ok(&["dismiss", &id, "--reason", "drill"]);
    let stderr = env.refused(&["dismiss", &id, "--reason", "drill again"]);
    assert!(stderr.contains("dismissed"), "{stderr}");
}

#[test]
fn dismiss_refuses_an_empty_reason() {
    let env = Env::new();
    let id = env.detect("Port scan", &[]);
    let stderr = env.refused(&["dismiss", &id, "--reason", ""]);
    assert!(stderr.contains("reason is empty"), "{stderr}");

    let commits = env.commit_count();
    let out = env.run(&["dismiss", &id]);
    assert_eq!(out.status.code(), Some(2), "dismiss without --reason is a usage error");
    assert_eq!(env.commit_count(), commits);
}

// ---- impact ----

#[test]
fn impact_records_the_effects_and_the_summary() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let before = env.commit_count();
    env.ok(&[
        "impact",
        &id,
        "--effect",
        "access,disclosure",
        "--summary",
        "Mailboxes were read",
        "--at",
        "2026-11-20T10:00:00Z",
    ]);
    let event =
        recorded(&env, before, &id, "customer impact determined: disclosure, access — Mailboxes were read");
    assert_eq!(event["kind"], "impact-determined");

    let incident = show(&env, &id);
    assert_eq!(incident["phase"], "impact-determined");
    let impact = &incident["impact"];
    assert_eq!(impact["effects"], serde_json::json!(["disclosure", "access"]));
    assert_eq!(impact["summary"], "Mailboxes were read");
    assert_eq!(impact["at"], "2026-11-20T10:00:00Z");

    // A later assessment replaces the earlier one; --effect may also be repeated.
    let before = env.commit_count();
    env.ok(&[
        "impact",
        &id,
        "--effect",
        "loss",
        "--effect",
        "alteration",
        "--summary",
        "Rows were changed and lost",
    ]);
    recorded(&env, before, &id, "customer impact determined: loss, alteration — Rows were changed and lost");
    let impact = &show(&env, &id)["impact"];
    assert_eq!(impact["effects"], serde_json::json!(["loss", "alteration"]));
    assert_eq!(impact["at"], NOW);
}

#[test]
fn impact_none_records_no_effect_on_customer_data() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let before = env.commit_count();
    env.ok(&["impact", &id, "--none"]);
    recorded(&env, before, &id, "customer impact determined: no effect on customer data");
    let incident = show(&env, &id);
    assert_eq!(incident["phase"], "impact-determined");
    assert_eq!(incident["impact"]["effects"], serde_json::json!([]));
}

#[test]
fn impact_before_confirmation_is_refused() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let stderr = env.refused(&["impact", &id, "--effect", "access", "--summary", "Mailboxes were read"]);
    assert!(stderr.contains("not confirmed"), "the error names the missing step:\n{stderr}");
    assert_eq!(hint_of(&stderr), format!("sirt confirm {id}"));
    let stderr = env.refused(&["impact", &id, "--none"]);
    assert!(stderr.contains("not confirmed"), "{stderr}");
    assert_eq!(show(&env, &id)["impact"], Value::Null);
}

#[test]
fn impact_before_the_declaration_is_refused() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins"); // detected 08:00, declared 09:00
    let stderr = env.refused(&[
        "impact",
        &id,
        "--effect",
        "access",
        "--summary",
        "Mailboxes were read",
        "--at",
        "2026-11-20T08:30:00Z",
    ]);
    assert!(stderr.contains("before") && stderr.contains("confirmed"), "{stderr}");
    assert!(hint_of(&stderr).contains("--at"), "{stderr}");
}

#[test]
fn impact_without_a_complete_assessment_is_a_usage_error() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let commits = env.commit_count();
    let files = env.files_in("incidents");
    for args in [
        &["impact", &id, "--effect", "access"][..],
        &["impact", &id][..],
        &["impact", &id, "--effect", "access", "--none", "--summary", "x"][..],
        &["impact", &id, "--effect", "theft", "--summary", "x"][..],
    ] {
        let out = env.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} should be a usage error:\n{stderr}");
        assert!(stderr.starts_with("error:"), "{stderr}");
    }
    assert_eq!(env.commit_count(), commits);
    assert!(env.files_in("incidents") == files);
}

#[test]
fn impact_refuses_an_empty_summary() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    let stderr = env.refused(&["impact", &id, "--effect", "access", "--summary", " "]);
    assert!(stderr.contains("summary is empty"), "{stderr}");
}

// ---- note ----

#[test]
fn note_adds_to_the_timeline() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let before = env.commit_count();
    env.ok(&["note", &id, "Token minted by the support tool", "--at", "2026-11-20T08:45:00Z"]);
    let event = recorded(&env, before, &id, "note: Token minted by the support tool");
    assert_eq!(event["kind"], "note");
    assert_eq!(event["text"], "Token minted by the support tool");
    assert_eq!(event["at"], "2026-11-20T08:45:00Z");
    assert_eq!(show(&env, &id)["notes"], 1);

    // A dismissed incident still takes notes.
    env.ok(&["dismiss", &id, "--reason", "drill"]);
    let before = env.commit_count();
    env.ok(&["note", &id, "Drill report filed"]);
    recorded(&env, before, &id, "note: Drill report filed");
}

#[test]
fn note_refuses_empty_text() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    let stderr = env.refused(&["note", &id, ""]);
    assert!(stderr.contains("note is empty"), "{stderr}");
    env.refused(&["note", &id, " \t "]);
}

// ---- --at ----

#[test]
fn a_backfilled_time_before_the_detection_is_refused() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    for args in [
        &["confirm", &id, "--at", "2026-11-20T07:59:00Z"][..],
        &["engage", &id, "oce", "Bo Chen", "--at", "2026-11-20T07:00:00Z"][..],
        &["note", &id, "seen earlier", "--at", "2026-11-19 23:00"][..],
        &["dismiss", &id, "--reason", "drill", "--at", "5h ago"][..],
    ] {
        let stderr = env.refused(args);
        assert!(stderr.contains(&format!("before {id} was detected")), "{args:?}:\n{stderr}");
    }
    assert_eq!(show(&env, &id)["events"], 1);
}

#[test]
fn a_time_in_the_future_is_refused() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    for args in [
        &["note", &id, "later", "--at", "2026-11-20T12:01:00Z"][..],
        &["engage", &id, "eim", "Carla Diaz", "--at", "2026-11-21 09:00"][..],
        &["impact", &id, "--none", "--at", "2026-11-20T13:00:00+00:00"][..],
    ] {
        let stderr = env.refused(args);
        assert!(stderr.contains("in the future"), "{args:?}:\n{stderr}");
    }
}

#[test]
fn unreadable_at_values_are_refused_listing_the_accepted_forms() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    for (command, value) in [
        (&["note", &id, "x"][..], "yesterday"),
        (&["confirm", &id][..], "2h"),
        (&["engage", &id, "oce", "Bo Chen"][..], "2026-13-01 10:00"),
        (&["dismiss", &id, "--reason", "drill"][..], "soon"),
    ] {
        let mut args = command.to_vec();
        args.extend(["--at", value]);
        let stderr = env.refused(&args);
        assert!(stderr.contains(&format!("'{value}'")), "the error quotes the value:\n{stderr}");
        // The error lists the forms; the hint (issue 15) points at the one closest to the value.
        assert_lists_the_accepted_forms(stderr.lines().next().unwrap());
        assert!(!hint_of(&stderr).contains("RFC 3339"), "the hint repeats the list:\n{stderr}");
    }
}

#[test]
fn every_at_form_is_accepted_and_the_timeline_keeps_both_times() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T01:00:00+01:00"]); // 00:00Z
    for (value, at) in [
        ("2026-11-20T03:00:00Z", "2026-11-20T03:00:00Z"),
        ("2026-11-20 10:00", "2026-11-20T10:00:00Z"),
        ("--at=-2h", "2026-11-20T10:00:00Z"),
        ("2h ago", "2026-11-20T10:00:00Z"),
        ("90m ago", "2026-11-20T10:30:00Z"),
        ("now", NOW),
    ] {
        let before = env.commit_count();
        let text = format!("note at {value}");
        let mut args = vec!["note", &id, &text];
        if value.starts_with("--at=") {
            args.push(value);
        } else {
            args.extend(["--at", value]);
        }
        env.ok(&args);
        let event = recorded(&env, before, &id, &text);
        assert_eq!(event["at"], at, "--at {value}");
        assert_eq!(event["recorded_at"], NOW, "--at {value}");
    }
    let timeline = env.json(&["timeline", &id, "--format", "json"]);
    assert_eq!(timeline[0]["kind"], "detected");
    assert_eq!(timeline[0]["at"], "2026-11-20T00:00:00Z");
    assert_eq!(timeline[0]["recorded_at"], NOW);
}

#[test]
fn at_takes_a_leading_minus_as_a_separate_argument() {
    // `--at -2h` is one of the documented forms; it must not be read as an unknown flag.
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let before = env.commit_count();
    env.ok(&["note", &id, "two hours ago", "--at", "-2h"]);
    let event = recorded(&env, before, &id, "note: two hours ago");
    assert_eq!(event["at"], "2026-11-20T10:00:00Z");
}

#[test]
fn started_takes_a_leading_minus_as_a_separate_argument() {
    let env = Env::new();
    let out = env.run(&["detect", "Odd sign-ins", "--started", "-3h", "--at", "-2h"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let incident = show(&env, &id);
    assert_eq!(incident["started_at"], "2026-11-20T09:00:00Z");
    assert_eq!(incident["detected_at"], "2026-11-20T10:00:00Z");
}

// ---- the actor ----

#[test]
fn the_actor_flag_overrides_sirt_actor() {
    let env = Env::new();
    let bo = "Bo Chen <bo@example.com>";
    let before = env.commit_count();
    let out = env.cmd().args(["--actor", bo, "detect", "Odd sign-ins"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let event = recorded_by(&env, before, &id, "detected", bo);
    assert_eq!(event["by"], bo);

    // And without the flag, SIRT_ACTOR.
    let before = env.commit_count();
    env.ok(&["note", &id, "handing over"]);
    recorded(&env, before, &id, "note: handing over");
}

#[test]
fn without_an_actor_the_git_identity_of_the_store_is_used() {
    let env = Env::new();
    env.git(&["config", "user.name", "Dev Patel"]);
    env.git(&["config", "user.email", "dev@example.com"]);
    let before = env.commit_count();
    let out = env.cmd().env_remove("SIRT_ACTOR").args(["detect", "Odd sign-ins"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    recorded_by(&env, before, &id, "detected", "Dev Patel <dev@example.com>");
}

#[test]
fn without_an_actor_or_a_git_identity_recording_fails() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    let commits = env.commit_count();
    let files = env.files_in("incidents");
    for args in [&["detect", "Another"][..], &["note", &id, "hello"][..], &["confirm", &id][..]] {
        let out = env.cmd().env_remove("SIRT_ACTOR").args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}:\n{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains("--actor"), "{stderr}");
        assert!(hint_of(&stderr).contains("SIRT_ACTOR"), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing on stdout for a failed {args:?}");
    }
    assert_eq!(env.commit_count(), commits);
    assert!(env.files_in("incidents") == files);
}

#[test]
fn an_unusable_actor_is_refused() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    let commits = env.commit_count();
    let files = env.files_in("incidents");
    let out = env.cmd().args(["--actor", "Bo Chen <bo@example.com", "note", &id, "hello"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains("not a usable actor"), "{stderr}");
    assert!(hint_of(&stderr).contains("--actor"), "{stderr}");
    assert_eq!(env.commit_count(), commits);
    assert!(env.files_in("incidents") == files);
}

// ---- ids ----

#[test]
fn any_unique_prefix_of_an_id_is_accepted() {
    let env = Env::new();
    let other = env.detect("Unrelated", &["--at", "2026-11-20T07:00:00Z"]);
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    // Two random ids sharing their first four characters is a one in a million chance.
    assert_ne!(short(&id), short(&other));
    let four = short(&id).to_string();
    let lower = four.to_lowercase();
    let steps = [
        (
            vec!["engage".to_string(), four.clone(), "oce".into(), "Bo Chen".into()],
            "on-call engineer engaged",
        ),
        (vec!["confirm".to_string(), format!("inc-{lower}")], "confirmed as a security incident"),
        (
            vec!["note".to_string(), format!("INC-{four}"), "prefix with INC-".into()],
            "note: prefix with INC-",
        ),
        (vec!["note".to_string(), lower.clone(), "lowercase prefix".into()], "note: lowercase prefix"),
        (
            vec![
                "impact".to_string(),
                id.to_lowercase(),
                "--effect".into(),
                "access".into(),
                "--summary".into(),
                "read".into(),
            ],
            "customer impact determined: access",
        ),
    ];
    for (args, what) in steps {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let before = env.commit_count();
        env.ok(&args);
        recorded(&env, before, &id, what);
    }
    assert_eq!(show(&env, &other)["events"], 1, "the other incident was not touched");
}

#[test]
fn an_ambiguous_prefix_lists_the_candidates() {
    let env = Env::new();
    let mut ids: Vec<String> = Vec::new();
    let (first, second) = loop {
        assert!(ids.len() < 40, "40 random ids without two sharing a first character");
        let id = env.detect(&format!("Alert {}", ids.len()), &[]);
        if let Some(twin) = ids.iter().find(|other| other.as_bytes()[4] == id.as_bytes()[4]) {
            break (twin.clone(), id);
        }
        ids.push(id);
    };
    let letter = &first[4..5];
    for query in [letter.to_string(), format!("INC-{}", letter.to_lowercase())] {
        let stderr = env.refused(&["note", &query, "which one?"]);
        assert!(stderr.contains(&first) && stderr.contains(&second), "the candidates are listed:\n{stderr}");
        assert!(stderr.contains(&format!("'{query}'")), "{stderr}");
    }
}

#[test]
fn an_unknown_id_gives_a_hint() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &[]);
    // A prefix no incident has: the first character differs from the one id there is.
    let absent = if id.as_bytes()[4] == b'Z' { "Y" } else { "Z" };
    let stderr = env.refused(&["confirm", absent]);
    assert!(stderr.contains(&format!("no incident matches '{absent}'")), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt list"), "{stderr}");

    for nonsense in ["#42", "INC-", "INC-UUUU"] {
        let stderr = env.refused(&["note", nonsense, "x"]);
        assert!(stderr.contains("not an incident id"), "{stderr}");
        assert!(hint_of(&stderr).contains("INC-"), "the hint shows what an id looks like:\n{stderr}");
    }
}
