//! Reading: `list`, `show`, `timeline`, `history`, their formats, a broken pipe and a store file
//! edited by hand into invalid TOML.

use std::io::Read;
use std::process::Stdio;

use serde_json::Value;

use crate::support::{ACTOR, Env, NOW, incident_rel, sirt_path};

/// The ids of a JSON array of incidents, in order.
fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

fn list_ids(env: &Env, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "json"];
    args.extend(filters);
    ids(&env.json(&args))
}

fn head(env: &Env) -> String {
    env.git(&["rev-parse", "HEAD"]).trim().to_string()
}

// ---- list ----

#[test]
fn list_shows_open_incidents_unless_told_otherwise() {
    let env = Env::new();
    let open = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let dismissed = env.detect("Port scan", &["--at", "2026-11-20T09:00:00Z"]);
    env.ok(&["dismiss", &dismissed, "--reason", "red-team exercise"]);
    let declared = env.declared("Mailbox export");

    let table = env.ok(&["list"]);
    assert!(table.contains(&open) && table.contains(&declared), "{table}");
    assert!(!table.contains(&dismissed), "a dismissed incident is not open:\n{table}");
    assert!(table.contains("Odd sign-ins"), "{table}");

    let mut default = list_ids(&env, &[]);
    default.sort();
    let mut expected = vec![open.clone(), declared.clone()];
    expected.sort();
    assert_eq!(default, expected);
    assert_eq!(list_ids(&env, &["--open"]), list_ids(&env, &[]));
    assert_eq!(list_ids(&env, &["--closed"]), vec![dismissed.clone()]);
    assert_eq!(list_ids(&env, &["--all"]).len(), 3);

    let table = env.ok(&["list", "--closed"]);
    assert!(table.contains(&dismissed) && !table.contains(&open), "{table}");
}

#[test]
fn list_filters_by_severity_and_phase() {
    let env = Env::new();
    let sev1 = env.detect("Ransomware note", &["--severity", "sev1"]);
    let sev2 = env.declared("Mailbox export"); // sev2, confirmed
    let sev3 = env.detect("Odd sign-ins", &["--severity", "sev3"]);
    let sev4 = env.detect("Port scan", &["--severity", "sev4"]);
    env.ok(&["engage", &sev3, "oce", "Bo Chen"]);

    let mut both = list_ids(&env, &["--severity", "sev1,sev2"]);
    both.sort();
    let mut expected = vec![sev1.clone(), sev2.clone()];
    expected.sort();
    assert_eq!(both, expected);
    assert_eq!(list_ids(&env, &["--severity", "sev4"]), vec![sev4.clone()]);
    assert_eq!(list_ids(&env, &["--phase", "confirmed"]), vec![sev2.clone()]);
    assert_eq!(list_ids(&env, &["--phase", "oce-engaged"]), vec![sev3.clone()]);
    assert_eq!(list_ids(&env, &["--phase", "confirmed", "--severity", "sev1"]), Vec::<String>::new());

    let out = env.run(&["list", "--severity", "sev9"]);
    assert_eq!(out.status.code(), Some(2), "an unknown severity is a usage error");
}

#[test]
fn list_shows_the_newest_detection_first() {
    let env = Env::new();
    let eight = env.detect("Eight", &["--at", "2026-11-20T08:00:00Z"]);
    let ten = env.detect("Ten", &["--at", "2026-11-20T10:00:00Z"]);
    let nine = env.detect("Nine", &["--at", "2026-11-20T09:00:00Z"]);
    let yesterday = env.detect("Yesterday", &["--at", "2026-11-19T23:00:00Z"]);
    let newest_first = vec![ten.clone(), nine.clone(), eight.clone(), yesterday.clone()];
    assert_eq!(list_ids(&env, &["--all"]), newest_first);

    let table = env.ok(&["list"]);
    let positions: Vec<usize> = newest_first.iter().map(|id| table.find(id.as_str()).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "table not newest first:\n{table}");

    let csv = env.ok(&["list", "--format", "csv"]);
    let column: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(column, newest_first.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn list_json_has_the_stable_field_names() {
    let env = Env::new();
    let id = env.detect(
        "Odd sign-ins",
        &["--severity", "sev2", "--started", "2026-11-20T07:00:00Z", "--at", "2026-11-20T08:00:00Z"],
    );
    env.ok(&["engage", &id, "oce", "Bo Chen", "--at", "2026-11-20T08:10:00Z"]);
    env.ok(&["confirm", &id, "--at", "2026-11-20T09:00:00Z"]);
    env.ok(&[
        "impact",
        &id,
        "--effect",
        "access",
        "--summary",
        "Mailboxes were read",
        "--at",
        "2026-11-20T10:00:00Z",
    ]);
    env.ok(&["note", &id, "Token minted by the support tool"]);

    let list = env.json(&["list", "--format", "json"]);
    let incidents = list.as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let incident = incidents[0].as_object().unwrap();
    let mut fields: Vec<&str> = incident.keys().map(String::as_str).collect();
    fields.sort();
    let mut stable = vec![
        "id",
        "title",
        "severity",
        "source",
        "phase",
        "open",
        "started_at",
        "detected_at",
        "declared_at",
        "dismissed_at",
        "dismiss_reason",
        "impact",
        "engagements",
        "affected_tenants",
        "description",
        "actions",
        "advice",
        "public",
        "public_text",
        "response",
        "review",
        "closed_at",
        "close_reason",
        "notifications",
        "classifications",
        "filings",
        "notes",
        "events",
        "corrections",
        "updated_at",
    ];
    stable.sort();
    assert_eq!(fields, stable);

    let incident = &list[0];
    assert_eq!(incident["id"], id.as_str());
    assert_eq!(incident["title"], "Odd sign-ins");
    assert_eq!(incident["severity"], "sev2");
    assert_eq!(incident["source"], "monitoring");
    assert_eq!(incident["phase"], "impact-determined");
    assert_eq!(incident["open"], true);
    assert_eq!(incident["started_at"], "2026-11-20T07:00:00Z");
    assert_eq!(incident["detected_at"], "2026-11-20T08:00:00Z");
    assert_eq!(incident["declared_at"], "2026-11-20T09:00:00Z");
    assert_eq!(incident["dismissed_at"], Value::Null);
    assert_eq!(incident["dismiss_reason"], Value::Null);
    assert_eq!(
        incident["impact"],
        serde_json::json!({"effects": ["access"], "summary": "Mailboxes were read", "at": "2026-11-20T10:00:00Z"})
    );
    assert_eq!(
        incident["engagements"],
        serde_json::json!([{"role": "oce", "who": "Bo Chen", "at": "2026-11-20T08:10:00Z"}])
    );
    assert_eq!(incident["notes"], 1);
    assert_eq!(incident["events"], 5);
    assert_eq!(incident["updated_at"], NOW);

    // `show --format json` is the same object, with the incident's clocks added.
    let mut shown = env.json(&["show", &id, "--format", "json"]);
    assert!(shown.as_object_mut().unwrap().remove("clocks").unwrap().is_array());
    assert_eq!(shown, list[0]);
}

#[test]
fn list_csv_starts_with_a_header_line() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins, and more");
    let csv = env.ok(&["list", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,severity,phase,open,detected_at,declared_at,affected,title"));
    assert_eq!(
        lines.next(),
        Some(format!("{id},sev2,confirmed,true,2026-11-20T08:00:00Z,2026-11-20T09:00:00Z,0,\"Odd sign-ins, and more\"").as_str())
    );
    assert_eq!(lines.next(), None);
}

#[test]
fn list_of_an_empty_store() {
    let env = Env::new();
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "no table without incidents");
    assert!(String::from_utf8(out.stderr).unwrap().contains("no incidents"));
    assert_eq!(env.json(&["list", "--format", "json"]), serde_json::json!([]));
    let csv = env.ok(&["list", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1, "only the header:\n{csv}");
}

// ---- show ----

#[test]
fn show_tells_where_the_incident_stands() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins to the admin API");
    env.ok(&["engage", &id, "oce", "Bo Chen", "--at", "2026-11-20T08:10:00Z"]);
    env.ok(&["engage", &id, "srt", "Carla Diaz", "--at", "2026-11-20T08:40:00Z"]);

    let before = env.ok(&["show", &id]);
    assert!(before.contains("not yet determined"), "{before}");

    env.ok(&["impact", &id, "--effect", "access,disclosure", "--summary", "Mailboxes were read"]);
    let table = env.ok(&["show", &id[..8]]);
    let field = |label: &str| -> String {
        table
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line:\n{table}"))
            .to_string()
    };
    assert!(field("Incident").contains(&id));
    assert!(field("Title").contains("Odd sign-ins to the admin API"));
    assert!(field("Severity").contains("sev2"));
    assert!(field("Phase").contains("impact-determined"));
    assert!(field("Detected").contains("2026-11-20 08:00"));
    assert!(
        field("Declared").contains("2026-11-20 09:00") && field("Declared").contains("3h 00m ago"),
        "{table}"
    );
    let impact = field("Impact");
    assert!(
        impact.contains("disclosure") && impact.contains("access") && impact.contains("Mailboxes were read"),
        "{table}"
    );
    let engaged = field("Engaged");
    assert!(engaged.contains("oce") && engaged.contains("Bo Chen"), "{table}");
    assert!(table.contains("Carla Diaz"), "every engagement is shown:\n{table}");

    let json = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(json["phase"], "impact-determined");
    assert_eq!(json["engagements"].as_array().unwrap().len(), 2);
}

#[test]
fn show_of_a_dismissed_incident_gives_the_reason() {
    let env = Env::new();
    let id = env.detect("Port scan", &["--at", "2026-11-20T08:00:00Z"]);
    env.ok(&["dismiss", &id, "--reason", "red-team exercise", "--at", "2026-11-20T09:00:00Z"]);
    let table = env.ok(&["show", &id]);
    let dismissed = table.lines().find(|l| l.starts_with("Dismissed")).expect(&table);
    assert!(dismissed.contains("2026-11-20 09:00") && dismissed.contains("red-team exercise"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("Engaged") && l.contains("nobody")), "{table}");
}

#[test]
fn show_has_no_csv_form() {
    let env = Env::new();
    let id = env.detect("Port scan", &[]);
    let stderr = env.fails(&["show", &id, "--format", "csv"]);
    assert!(stderr.contains("hint: "), "{stderr}");
}

// ---- timeline ----

/// An incident whose steps were recorded out of order: detected 08:00, a note now (12:00),
/// then the engagement (09:00) and the declaration (10:00) backfilled.
fn backfilled(env: &Env) -> String {
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    env.ok(&["note", &id, "Writing this up"]);
    env.ok(&["engage", &id, "oce", "Bo Chen", "--at", "2026-11-20T09:00:00Z"]);
    env.ok(&["confirm", &id, "--at", "2026-11-20T10:00:00Z"]);
    id
}

#[test]
fn timeline_lists_events_in_the_order_they_happened() {
    let env = Env::new();
    let id = backfilled(&env);
    let timeline = env.json(&["timeline", &id, "--format", "json"]);
    let entries = timeline.as_array().unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["detected", "engaged", "confirmed", "note"]);
    let at: Vec<&str> = entries.iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert_eq!(at, ["2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z", NOW]);
    let seq: Vec<u64> = entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seq, [1, 3, 4, 2], "seq keeps the order of recording");

    for entry in entries {
        let object = entry.as_object().unwrap();
        for field in ["id", "seq", "kind", "at", "recorded_at", "by", "description"] {
            assert!(object.contains_key(field), "no {field} in {entry}");
        }
        assert_eq!(entry["recorded_at"], NOW);
        assert_eq!(entry["by"], ACTOR);
        assert!(entry["id"].as_str().unwrap().starts_with('E'));
    }
    assert_eq!(entries[0]["description"], "detected (sev3, monitoring): Odd sign-ins");
    assert_eq!(entries[1]["description"], "on-call engineer engaged: Bo Chen");
    assert_eq!(entries[2]["description"], "confirmed as a security incident");
    assert_eq!(entries[3]["description"], "note: Writing this up");
    let mut event_ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    event_ids.sort();
    event_ids.dedup();
    assert_eq!(event_ids.len(), 4, "event ids are unique");

    let table = env.ok(&["timeline", &id]);
    let positions: Vec<usize> =
        ["detected (sev3", "engaged: Bo Chen", "confirmed as a security incident", "note: Writing this up"]
            .iter()
            .map(|what| table.find(what).unwrap_or_else(|| panic!("no '{what}' in:\n{table}")))
            .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "table not in order:\n{table}");
    let engaged = table.lines().find(|l| l.contains("Bo Chen")).unwrap();
    assert!(engaged.contains("2026-11-20 09:00") && engaged.contains("recorded 2026-11-20 12:00"), "{table}");
}

#[test]
fn timeline_csv() {
    let env = Env::new();
    let id = backfilled(&env);
    let json = env.json(&["timeline", &id, "--format", "json"]);
    let csv = env.ok(&["timeline", &id, "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("at,kind,description,by,recorded_at,event"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4);
    for (row, entry) in rows.iter().zip(json.as_array().unwrap()) {
        let at = entry["at"].as_str().unwrap();
        let kind = entry["kind"].as_str().unwrap();
        assert!(row.starts_with(&format!("{at},{kind},")), "{row}");
        assert!(row.ends_with(&format!(",{ACTOR},{NOW},{}", entry["id"].as_str().unwrap())), "{row}");
    }
}

// ---- history ----

#[test]
fn history_lists_the_commits_of_one_incident_newest_first() {
    let env = Env::new();
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let mut mine = vec![head(&env)];
    let other = env.detect("Unrelated", &["--at", "2026-11-20T08:30:00Z"]);
    env.ok(&["note", &other, "Nothing to do with the first"]);
    env.ok(&["engage", &id, "oce", "Bo Chen"]);
    mine.push(head(&env));
    env.ok(&["note", &other, "Still unrelated"]);
    let out = env.cmd().args(["--actor", "Bo Chen <bo@example.com>", "confirm", &id[..8]]).output().unwrap();
    assert!(out.status.success());
    mine.push(head(&env));
    mine.reverse();

    let history = env.json(&["history", &id[4..8], "--format", "json"]);
    let commits = history.as_array().unwrap();
    let hashes: Vec<&str> = commits.iter().map(|c| c["hash"].as_str().unwrap()).collect();
    assert_eq!(hashes, mine, "one row per commit of {id}, newest first");
    for commit in commits {
        let mut fields: Vec<&str> = commit.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort();
        assert_eq!(fields, ["author", "date", "hash", "message", "subject"]);
        assert_eq!(commit["date"], NOW);
        let message = commit["message"].as_str().unwrap();
        assert!(message.starts_with(commit["subject"].as_str().unwrap()));
        assert!(message.lines().any(|l| l == format!("Sirt-Incident: {id}")), "{message}");
        assert!(!message.contains(&other));
    }
    assert_eq!(commits[0]["author"], "Bo Chen <bo@example.com>");
    assert_eq!(commits[0]["subject"], format!("{id}: confirmed as a security incident"));
    assert_eq!(commits[1]["author"], ACTOR);
    assert_eq!(commits[1]["subject"], format!("{id}: on-call engineer engaged: Bo Chen"));
    assert_eq!(commits[2]["subject"], format!("{id}: detected (sev3, monitoring): Odd sign-ins"));

    let table = env.ok(&["history", &id]);
    let rows: Vec<&str> = table.lines().filter(|l| l.contains(&id)).collect();
    assert_eq!(rows.len(), 3, "{table}");
    assert!(rows[0].contains(&mine[0][..10]) && rows[0].contains("Bo Chen"), "{table}");
    assert!(!table.contains(&other), "{table}");

    let csv = env.ok(&["history", &id, "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("hash,date,author,subject"));
    let column: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(column, mine);
    assert_eq!(env.json(&["history", &other, "--format", "json"]).as_array().unwrap().len(), 3);
}

// ---- conventions ----

#[test]
fn a_broken_pipe_exits_quietly() {
    let env = Env::new();
    // One long description makes the output larger than a pipe's buffer, so the write really fails.
    let long = "x".repeat(65_000);
    let id = env.declared("Odd sign-ins");
    env.ok(&["describe", &id, &long]);
    env.detect("Port scan", &[]);

    let mut child = std::process::Command::new(sirt_path())
        .args(["list", "--format", "json"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("SIRT_NOW", &env.now)
        .env("SIRT_ACTOR", ACTOR)
        .env("SIRT_STORE", &env.store)
        .current_dir(&env.home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"[");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_corrupted_incident_file_is_named_with_its_line() {
    let env = Env::new();
    let good = env.declared("Odd sign-ins");
    let broken = env.detect("Port scan", &[]);
    let path = env.incident_file(&broken);
    std::fs::write(&path, format!("schema = 1\nid = \"{broken}\"\n[[event]\nid = \"E1\"\n")).unwrap();
    env.commit_by_hand("a broken hand edit");
    let commits = env.commit_count();
    let name = format!("{}:3", incident_rel(&broken));

    let stderr = env.fails(&["show", &broken]);
    assert!(stderr.lines().next().unwrap().contains(&name), "the error names the file and line:\n{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
    let stderr = env.fails(&["note", &broken, "x"]);
    assert!(stderr.contains(&name), "{stderr}");
    assert_eq!(env.commit_count(), commits);

    let out = env.run(&["list", "--all"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains(&good), "the other incidents are listed:\n{stdout}");
    let warning =
        stderr.lines().find(|l| l.starts_with("warning:")).unwrap_or_else(|| panic!("no warning:\n{stderr}"));
    assert!(warning.contains(&name), "the warning names the file:\n{stderr}");

    let out = env.run(&["list", "--all", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let list: Value = serde_json::from_slice(&out.stdout).expect("stdout stays valid JSON");
    assert_eq!(ids(&list), vec![good]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("warning:"));
}
