//! `sirt affected`: which tenants an incident affects. Each call is one event and one commit;
//! unknown tenants are refused and nothing is recorded; `show`, `list` and `timeline` name them.

use serde_json::{Value, json};

use crate::support::hint_of;
use crate::support::{ACTOR, Env, NOW};

fn show(env: &Env, id: &str) -> Value {
    env.json(&["show", id, "--format", "json"])
}

/// The ids on the incident's affected list, in order.
fn affected_ids(env: &Env, id: &str) -> Vec<String> {
    show(env, id)["affected_tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["tenant"].as_str().unwrap().to_string())
        .collect()
}

/// The newest event of the incident's timeline.
fn newest_event(env: &Env, id: &str) -> Value {
    let timeline = env.json(&["timeline", id, "--format", "json"]);
    timeline.as_array().unwrap().iter().max_by_key(|e| e["seq"].as_u64().unwrap()).unwrap().clone()
}

/// Checks that the call just made added exactly one commit, saying `what`, with the incident's
/// trailers and the event it appended. Returns that event.
fn recorded(env: &Env, commits_before: usize, id: &str, what: &str) -> Value {
    assert_eq!(env.commit_count(), commits_before + 1, "expected exactly one new commit for '{what}'");
    let subject = env.git(&["log", "-1", "--format=%s"]).trim().to_string();
    assert!(subject.starts_with(&format!("{id}: ")), "subject does not name {id}: {subject}");
    assert!(subject.contains(what), "subject does not say '{what}': {subject}");
    assert_eq!(env.trailer("Sirt-Incident"), id);
    assert_eq!(env.git(&["log", "-1", "--format=%an <%ae>"]).trim(), ACTOR);
    let event = newest_event(env, id);
    assert_eq!(env.trailer("Sirt-Event"), event["id"].as_str().unwrap());
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    event
}

/// Four tenants: contoso, fabrikam and woodgrove with an administrator email; bare without.
fn directory(env: &Env) {
    for (id, name, email) in [
        ("contoso", "Contoso Ltd", "it@contoso.example"),
        ("fabrikam", "Fabrikam Inc", "it@fabrikam.example"),
        ("woodgrove", "Woodgrove Bank", "sec@woodgrove.example"),
    ] {
        env.ok(&["tenant", "add", id, "--name", name, "--admin-email", email]);
    }
    env.ok(&["tenant", "add", "bare", "--name", "Bare Inc"]);
}

#[test]
fn affected_records_one_event_and_one_commit() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    assert_eq!(show(&env, &id)["phase"], "confirmed");

    let before = env.commit_count();
    let out = env.run(&["affected", &id, "contoso", "fabrikam"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "both tenants can be reached by email:\n{stderr}");
    let event = recorded(&env, before, &id, "affected: contoso, fabrikam");
    assert_eq!(event["kind"], "tenants-affected");
    assert_eq!(event["tenants"], json!(["contoso", "fabrikam"]));
    assert_eq!(event["at"], NOW);
    assert_eq!(event["by"], ACTOR);
    assert_eq!(env.trailer("Sirt-Kind"), "tenants-affected");

    let incident = show(&env, &id);
    assert_eq!(incident["phase"], "tenants-determined");
    assert_eq!(
        incident["affected_tenants"],
        json!([
            {"tenant": "contoso", "since": NOW, "detail": null, "notified_at": null},
            {"tenant": "fabrikam", "since": NOW, "detail": null, "notified_at": null},
        ])
    );
    assert_eq!(incident["events"], 3);
    // The tenants now know the incident.
    assert_eq!(env.json(&["tenant", "show", "contoso", "--format", "json"])["open_incidents"], json!([id]));
}

#[test]
fn repeated_calls_widen_the_list() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "fabrikam", "--at", "2026-11-20T10:00:00Z"]);
    let before = env.commit_count();
    env.ok(&["affected", &id, "woodgrove", "contoso"]);
    recorded(&env, before, &id, "affected: woodgrove, contoso");
    assert_eq!(affected_ids(&env, &id), ["contoso", "fabrikam", "woodgrove"]);
    let affected = show(&env, &id)["affected_tenants"].clone();
    assert_eq!(
        affected[1],
        json!({"tenant": "fabrikam", "since": "2026-11-20T10:00:00Z", "detail": null, "notified_at": null})
    );
    assert_eq!(affected[0]["since"], NOW);

    // Naming listed and new tenants together records only the new one.
    env.ok(&["tenant", "add", "tailspin", "--name", "Tailspin Toys", "--admin-email", "it@tailspin.example"]);
    let before = env.commit_count();
    env.ok(&["affected", &id, "contoso", "tailspin", "fabrikam"]);
    let event = recorded(&env, before, &id, "affected: tailspin");
    assert_eq!(event["tenants"], json!(["tailspin"]));
    assert_eq!(affected_ids(&env, &id), ["contoso", "fabrikam", "tailspin", "woodgrove"]);
    assert_eq!(show(&env, &id)["events"], 5);
}

#[test]
fn adding_tenants_already_listed_changes_nothing() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);
    let events = show(&env, &id)["events"].clone();
    env.nothing_recorded(&["affected", &id, "contoso"]);
    env.nothing_recorded(&["affected", &id, "fabrikam", "contoso", "fabrikam"]);
    assert_eq!(show(&env, &id)["events"], events);
    assert_eq!(affected_ids(&env, &id), ["contoso", "fabrikam"]);
}

#[test]
fn unknown_tenants_are_refused_and_nothing_is_recorded() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    let stderr = env.refused(&["affected", &id, "contoso", "nosuch", "fabrikam"]);
    assert!(stderr.contains("nosuch"), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt tenant add"), "{stderr}");
    assert_eq!(affected_ids(&env, &id), Vec::<String>::new(), "not even the known tenants are recorded");
    assert_eq!(show(&env, &id)["phase"], "confirmed");

    let stderr = env.refused(&["affected", &id, "ghost-1", "ghost-2"]);
    assert!(stderr.contains("ghost-1") && stderr.contains("ghost-2"), "{stderr}");
    let stderr = env.refused(&["affected", &id, "a/b"]);
    assert!(stderr.contains("a/b"), "{stderr}");

    let stderr = env.refused(&["affected", &id]);
    assert!(hint_of(&stderr).contains("--from-file"), "{stderr}");
    assert_eq!(show(&env, &id)["events"], 2);
}

#[test]
fn remove_takes_tenants_off_the_list() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso", "fabrikam", "woodgrove"]);

    let before = env.commit_count();
    env.ok(&["affected", &id, "fabrikam", "woodgrove", "--remove"]);
    let event = recorded(&env, before, &id, "not affected after all: fabrikam, woodgrove");
    assert_eq!(event["kind"], "tenants-unaffected");
    assert_eq!(affected_ids(&env, &id), ["contoso"]);
    assert_eq!(env.json(&["tenant", "show", "fabrikam", "--format", "json"])["open_incidents"], json!([]));

    // Tenants not on the list: nothing to take off.
    env.nothing_recorded(&["affected", &id, "fabrikam", "bare", "--remove"]);

    // Only the listed ones are recorded as removed.
    let before = env.commit_count();
    env.ok(&["affected", &id, "contoso", "bare", "--remove"]);
    let event = recorded(&env, before, &id, "not affected after all: contoso");
    assert_eq!(event["tenants"], json!(["contoso"]));
    let incident = show(&env, &id);
    assert_eq!(incident["affected_tenants"], json!([]));
    assert_eq!(incident["phase"], "confirmed", "with nobody affected the incident is back to confirmed");

    // A tenant can be added again later.
    env.ok(&["affected", &id, "fabrikam"]);
    assert_eq!(affected_ids(&env, &id), ["fabrikam"]);
}

#[test]
fn from_file_reads_one_id_per_line_with_comments_and_blank_lines() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    let list = env.home.join("tenants.txt");
    std::fs::write(
        &list,
        "# tenants whose mailboxes were exported\n\ncontoso\n   fabrikam   # the EU one\n\n# woodgrove was not\n",
    )
    .unwrap();
    let before = env.commit_count();
    env.ok(&["affected", &id, "--from-file", list.to_str().unwrap(), "woodgrove"]);
    recorded(&env, before, &id, "affected:");
    assert_eq!(affected_ids(&env, &id), ["contoso", "fabrikam", "woodgrove"]);
    let mut tenants: Vec<String> = newest_event(&env, &id)["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().into())
        .collect();
    tenants.sort();
    assert_eq!(tenants, ["contoso", "fabrikam", "woodgrove"], "one event for the file and the arguments");

    // An unknown id in the file is refused like one on the command line.
    let bad = env.home.join("bad.txt");
    std::fs::write(&bad, "bare\nnot-a-tenant\n").unwrap();
    let stderr = env.refused(&["affected", &id, "--from-file", bad.to_str().unwrap()]);
    assert!(stderr.contains("not-a-tenant"), "{stderr}");
    assert!(!affected_ids(&env, &id).contains(&"bare".to_string()));

    // A file of comments only names nobody.
    let empty = env.home.join("empty.txt");
    std::fs::write(&empty, "# nothing yet\n\n").unwrap();
    env.refused(&["affected", &id, "--from-file", empty.to_str().unwrap()]);
    let missing = env.home.join("missing.txt");
    let stderr = env.fails(&["affected", &id, "--from-file", missing.to_str().unwrap()]);
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn detail_is_stored_for_the_tenants_named_with_it_only() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);
    let before = env.commit_count();
    env.ok(&["affected", &id, "woodgrove", "fabrikam", "--detail", "3 mailboxes read"]);
    let event = recorded(&env, before, &id, "(3 mailboxes read)");
    assert_eq!(event["detail"], "3 mailboxes read");
    assert_eq!(
        show(&env, &id)["affected_tenants"],
        json!([
            {"tenant": "contoso", "since": NOW, "detail": null, "notified_at": null},
            {"tenant": "fabrikam", "since": NOW, "detail": "3 mailboxes read", "notified_at": null},
            {"tenant": "woodgrove", "since": NOW, "detail": "3 mailboxes read", "notified_at": null},
        ])
    );
    let table = env.ok(&["show", &id]);
    assert!(table.contains("Woodgrove Bank (woodgrove; 3 mailboxes read)"), "{table}");
    assert!(table.contains("Contoso Ltd (contoso)"), "{table}");

    let stderr = env.refused(&["affected", &id, "bare", "--detail", "line one\r\nBcc: x@evil.example"]);
    assert!(stderr.contains("detail"), "{stderr}");
    assert!(!affected_ids(&env, &id).contains(&"bare".to_string()));
    let out = env.run(&["affected", &id, "contoso", "--remove", "--detail", "x"]);
    assert_eq!(out.status.code(), Some(2), "--detail makes no sense with --remove");
}

#[test]
fn affected_before_confirm_is_refused() {
    let env = Env::new();
    directory(&env);
    let id = env.detect("Odd sign-ins", &["--severity", "sev2", "--at", "2026-11-20T08:00:00Z"]);
    let stderr = env.refused(&["affected", &id, "contoso"]);
    assert!(stderr.contains("not confirmed"), "{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt confirm {id}")), "{stderr}");
    assert_eq!(show(&env, &id)["affected_tenants"], json!([]));
    assert_eq!(show(&env, &id)["phase"], "detected");

    let dismissed = env.detect("Port scan", &[]);
    env.ok(&["dismiss", &dismissed, "--reason", "red-team exercise"]);
    env.refused(&["affected", &dismissed, "contoso"]);
    assert_eq!(env.json(&["tenant", "show", "contoso", "--format", "json"])["open_incidents"], json!([]));
}

#[test]
fn a_warning_names_added_tenants_that_cannot_be_reached_by_email() {
    let env = Env::new();
    directory(&env);
    env.ok(&["tenant", "add", "bare-two", "--name", "Bare Two"]);
    let id = env.declared("Mailbox export");
    let before = env.commit_count();
    let out = env.run(&["affected", &id, "contoso", "bare", "bare-two"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(env.commit_count(), before + 1, "unreachable tenants are recorded all the same");
    let warning = stderr.lines().find(|l| l.starts_with("warning: ")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning.contains("bare") && warning.contains("bare-two"), "{stderr}");
    assert!(!warning.contains("contoso"), "contoso can be reached:\n{stderr}");
    assert!(stderr.contains("sirt tenant check"), "{stderr}");
    assert_eq!(affected_ids(&env, &id), ["bare", "bare-two", "contoso"]);

    // The warning is about the tenants added by this call.
    let out = env.run(&["affected", &id, "fabrikam"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn show_list_and_timeline_name_the_affected_tenants() {
    let env = Env::new();
    directory(&env);
    let id = env.declared("Mailbox export");
    let other = env.declared("Port scan");
    let table = env.ok(&["show", &id]);
    assert!(table.lines().any(|l| l.starts_with("Affected") && l.contains("not yet determined")), "{table}");

    env.ok(&["affected", &id, "fabrikam", "contoso"]);
    let table = env.ok(&["show", &id]);
    let line = table.lines().find(|l| l.starts_with("Affected")).unwrap_or_else(|| panic!("{table}"));
    assert!(line.contains("2 tenants"), "{table}");
    assert!(line.contains("Contoso Ltd (contoso)") && line.contains("Fabrikam Inc (fabrikam)"), "{table}");
    assert!(table.contains("tenants-determined"), "{table}");

    let list = env.ok(&["list"]);
    let header = list.lines().next().unwrap();
    assert!(header.contains("AFFECTED"), "{list}");
    let column = header.find("AFFECTED").unwrap();
    let row = list.lines().find(|l| l.contains(&id)).unwrap();
    assert!(row[column..].starts_with("2: contoso, fabrikam"), "{list}");
    let row = list.lines().find(|l| l.contains(&other)).unwrap();
    assert!(row[column..].starts_with('-'), "nobody affected yet:\n{list}");

    let csv = env.ok(&["list", "--format", "csv"]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "affected").unwrap_or_else(|| panic!("{csv}"));
    let row: Vec<&str> = csv.lines().find(|l| l.starts_with(&id)).unwrap().split(',').collect();
    assert_eq!(row[at], "2");
    let listed = env.json(&["list", "--format", "json"]);
    let mine = listed.as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).unwrap();
    assert_eq!(mine["affected_tenants"].as_array().unwrap().len(), 2);

    env.ok(&["affected", &id, "contoso", "--remove"]);
    let timeline = env.ok(&["timeline", &id]);
    let added = timeline.find("affected: fabrikam, contoso").unwrap_or_else(|| panic!("{timeline}"));
    let removed = timeline.find("not affected after all: contoso").unwrap_or_else(|| panic!("{timeline}"));
    assert!(added < removed, "{timeline}");
    let kinds: Vec<Value> = env
        .json(&["timeline", &id, "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert_eq!(
        kinds,
        [json!("detected"), json!("confirmed"), json!("tenants-affected"), json!("tenants-unaffected")]
    );
    let line = env.ok(&["show", &id]);
    assert!(
        line.lines().any(|l| l.starts_with("Affected") && l.contains("1 tenant: Fabrikam Inc (fabrikam)")),
        "{line}"
    );
}
