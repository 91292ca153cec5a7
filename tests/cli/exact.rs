//! Exact output: what people read, pinned byte for byte (stdout, stderr and exit status
//! together), with the temporary directory replaced by `[HOME]`. Ids are reproducible because
//! the tests pin `SIRT_SEED` and `SIRT_NOW`.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test --test cli exact`, then review the
//! diff of `tests/cli/snapshots/` before committing.

use insta::assert_snapshot;

use crate::support::Env;

/// A store with three tenants and three incidents: one declared with two tenants affected (one
/// notified), one only detected, one dismissed.
fn world() -> (Env, String) {
    let env = Env::new();
    env.ok(&[
        "tenant",
        "add",
        "contoso",
        "--name",
        "Contoso Ltd",
        "--admin-email",
        "it@contoso.example",
        "--admin-phone",
        "+442071234567",
        "--privacy-email",
        "privacy@contoso.example",
        "--notify-within",
        "24h",
    ]);
    env.ok(&["tenant", "add", "fabrikam", "--name", "Fabrikam", "--admin-email", "ops@fabrikam.example"]);
    env.ok(&["tenant", "add", "quiet", "--name", "Quiet Co", "--region", "eu-west"]);
    let id = env.declared("Unusual sign-ins to the admin API");
    env.ok(&["engage", &id, "oce", "Ana Lima", "--at", "2026-11-20T08:10:00Z"]);
    env.ok(&["impact", &id, "--effect", "access", "--summary", "Mailbox contents read"]);
    env.ok(&["affected", &id, "contoso", "fabrikam", "--at", "2026-11-20T10:00:00Z"]);
    env.ok(&["notified", &id, "contoso", "--via", "email-admin", "--at", "2026-11-20T11:00:00Z"]);
    env.detect("Port scan from one address", &["--severity", "sev4", "--at", "2026-11-20T11:30:00Z"]);
    let dismissed = env.detect("Alert on a test host", &["--at", "2026-11-20T07:00:00Z"]);
    env.ok(&["dismiss", &dismissed, "--reason", "scheduled red-team exercise"]);
    (env, id)
}

/// `$ sirt ARGS`, then stdout, stderr and the exit status, as one text.
fn transcript(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    let home = env.home.to_string_lossy().into_owned();
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&home, "[HOME]");
    format!(
        "$ sirt {}\n{}--- stderr\n{}--- exit {}\n",
        args.join(" "),
        clean(&out.stdout),
        clean(&out.stderr),
        out.status.code().map_or("signal".into(), |c| c.to_string())
    )
}

#[test]
fn list_tables() {
    let (env, _) = world();
    assert_snapshot!("list", transcript(&env, &["list"]));
    assert_snapshot!("list_all", transcript(&env, &["list", "--all"]));
}

#[test]
fn show_of_a_declared_incident() {
    let (env, id) = world();
    assert_snapshot!("show", transcript(&env, &["show", &id]));
}

#[test]
fn deadlines_table_and_check() {
    let (env, _) = world();
    assert_snapshot!("deadlines", transcript(&env, &["deadlines"]));
    assert_snapshot!("deadlines_check", transcript(&env, &["deadlines", "--check"]));
}

#[test]
fn tenant_check_table() {
    let (env, _) = world();
    assert_snapshot!("tenant_check", transcript(&env, &["tenant", "check"]));
    assert_snapshot!("tenant_check_gate", transcript(&env, &["tenant", "check", "--problems", "--check"]));
}

#[test]
fn help_of_the_main_command_and_a_subcommand() {
    let env = Env::bare();
    assert_snapshot!("help", transcript(&env, &["--help"]));
    assert_snapshot!("help_notified", transcript(&env, &["notified", "--help"]));
}

/// One refusal of each kind: a process rule, an unknown id, a bad time, bad input, an
/// unreachable channel, a hand edit in the way, and a usage error from the parser.
#[test]
fn refusals() {
    let (env, id) = world();
    let refusals: Vec<(&str, Vec<&str>)> = vec![
        ("refusal_malformed_id", vec!["impact", "INC-", "--none"]),
        ("refusal_unknown_incident", vec!["note", "ZZZZ", "hello"]),
        ("refusal_bad_time", vec!["note", &id, "hello", "--at", "last blue moon"]),
        ("refusal_future_time", vec!["note", &id, "hello", "--at", "2026-11-21T09:00:00Z"]),
        ("refusal_bad_input", vec!["note", &id, "   "]),
        ("refusal_unknown_tenant", vec!["affected", &id, "bluebank"]),
        ("refusal_tenant_typo", vec!["affected", &id, "contosso"]),
        ("refusal_unreachable_channel", vec!["notified", &id, "fabrikam", "--via", "phone"]),
        ("refusal_usage", vec!["engage", &id, "boss", "Ana"]),
    ];
    for (name, args) in refusals {
        assert_snapshot!(name, transcript(&env, &args));
    }
    let second = env.detect("Second look", &["--at", "2026-11-20T11:45:00Z"]);
    assert_snapshot!("refusal_process_order", transcript(&env, &["impact", &second, "--none"]));

    std::fs::write(env.incident_file(&id), "hand edit\n").unwrap();
    assert_snapshot!("refusal_hand_edit", transcript(&env, &["note", &id, "hello"]));
}
