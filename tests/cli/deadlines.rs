//! The clocks: `sirt deadlines`, and the steps that start and stop them (`confirm`, `affected`,
//! `notified`, `classify`, `filed`). Each test pins "now" and walks an incident through time,
//! checking every change of status in the JSON report.

use serde_json::Value;

use crate::support::{Env, NOW};

/// The declaration of `Env::declared`: Friday 2026-11-20 09:00 UTC.
const DECLARED: &str = "2026-11-20T09:00:00Z";

/// The rows of `sirt deadlines --format json` with `extra` options, as of `env.now`.
fn clocks(env: &Env, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["deadlines", "--format", "json"];
    args.extend(extra);
    env.json(&args).as_array().unwrap_or_else(|| panic!("deadlines JSON is not a list")).clone()
}

/// The one row that matches, or a failure listing the rows.
fn one<'a>(rows: &'a [Value], what: &str, matches: impl Fn(&Value) -> bool) -> &'a Value {
    let found: Vec<&Value> = rows.iter().filter(|r| matches(r)).collect();
    assert_eq!(found.len(), 1, "expected exactly one {what} clock in:\n{}", pretty(rows));
    found[0]
}

fn pretty(rows: &[Value]) -> String {
    serde_json::to_string_pretty(rows).unwrap()
}

/// The contract clock owed to `tenant`.
fn contract<'a>(rows: &'a [Value], tenant: &str) -> &'a Value {
    one(rows, &format!("contract {tenant}"), |r| r["clock"] == "contract" && r["tenant"] == tenant)
}

/// Whether there is a contract clock owed to `tenant`.
fn has_contract(rows: &[Value], tenant: &str) -> bool {
    rows.iter().any(|r| r["clock"] == "contract" && r["tenant"] == tenant)
}

/// The own-regime clock of one stage.
fn stage<'a>(rows: &'a [Value], regime: &str, name: &str) -> &'a Value {
    one(rows, &format!("{regime} '{name}'"), |r| {
        r["clock"] == "own-regime" && r["regime"] == regime && r["stage"] == name
    })
}

/// The status of the contract clock owed to `tenant`, as of `env.now`.
fn contract_status(env: &Env, tenant: &str) -> String {
    contract(&clocks(env, &["--all"]), tenant)["status"].as_str().unwrap().to_string()
}

/// The status of one own-regime stage, as of `env.now`.
fn stage_status(env: &Env, regime: &str, name: &str) -> String {
    stage(&clocks(env, &["--all"]), regime, name)["status"].as_str().unwrap().to_string()
}

/// A tenant in the directory with an administrator email, and any further `tenant add` flags.
fn tenant(env: &Env, id: &str, extra: &[&str]) {
    let email = format!("it@{id}.example");
    let mut args = vec!["tenant", "add", id, "--name", id, "--admin-email", &email];
    args.extend(extra);
    env.ok(&args);
}

/// Edits the store's settings (each `(old, new)` replaced once, then `append` added at the end)
/// and commits the change, as a user would, so the store stays clean.
fn settings(env: &Env, replace: &[(&str, &str)], append: &str) {
    let path = env.store.join("sirt.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (old, new) in replace {
        assert!(text.contains(old), "sirt.toml has no {old:?}:\n{text}");
        text = text.replacen(old, new, 1);
    }
    text.push_str(append);
    std::fs::write(&path, text).unwrap();
    env.git(&["-c", "user.name=t", "-c", "user.email=t@e.x", "commit", "-qam", "settings"]);
}

/// The exit code of a run.
fn code(env: &Env, args: &[&str]) -> i32 {
    env.run(args).status.code().unwrap_or_else(|| panic!("sirt {args:?} was killed"))
}

/// Runs a step that must be refused: exit 1, `error:` and `hint:` lines, no commit, a clean store.
/// Returns stderr.
fn refused(env: &Env, args: &[&str]) -> String {
    let commits = env.commit_count();
    let stderr = env.fails(args);
    assert!(stderr.lines().any(|l| l.starts_with("hint: ")), "no hint: line for {args:?}:\n{stderr}");
    assert_eq!(env.commit_count(), commits, "a refused {args:?} made a commit");
    assert_eq!(env.git(&["status", "--porcelain"]), "", "a refused {args:?} left the store dirty");
    stderr
}

/// Runs a step that must succeed without recording anything. Returns stderr.
fn nothing_recorded(env: &Env, args: &[&str]) -> String {
    let commits = env.commit_count();
    let out = env.run(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "sirt {args:?}:\n{stderr}");
    assert_eq!(env.commit_count(), commits, "sirt {args:?} made a commit");
    assert!(
        stderr.contains("nothing recorded"),
        "sirt {args:?} does not say nothing was recorded:\n{stderr}"
    );
    stderr
}

/// Runs a step that must make exactly one commit.
fn one_commit(env: &Env, args: &[&str]) {
    let commits = env.commit_count();
    env.ok(args);
    assert_eq!(env.commit_count(), commits + 1, "sirt {args:?} should make exactly one commit");
}

/// An own regime added through the settings: `[[regime]]` with its stages, each `(name, within,
/// counting, anchor)`.
fn regime_toml(id: &str, trigger: &str, stages: &[(&str, &str, &str, Option<&str>)]) -> String {
    let mut text = format!(
        "\n[[regime]]\nid = \"{id}\"\nname = \"{id} policy\"\nnotifies = \"provider → board\"\ntrigger = \"{trigger}\"\n"
    );
    for (name, within, counting, anchor) in stages {
        text.push_str(&format!(
            "\n[[regime.stage]]\nname = \"{name}\"\nwithin = \"{within}\"\ncounting = \"{counting}\"\n"
        ));
        if let Some(anchor) = anchor {
            text.push_str(&format!("anchor = \"{anchor}\"\n"));
        }
    }
    text
}

const OWN_REGIMES: &str = "\nown_regimes = []\n";

fn own_regimes(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    format!("\nown_regimes = [{}]\n", quoted.join(", "))
}

// ---- the contract clock ----

#[test]
fn a_24h_contract_runs_goes_at_risk_then_overdue_and_is_met_or_late() {
    let mut env = Env::new();
    tenant(&env, "contoso", &["--notify-within", "24h"]);
    tenant(&env, "fabrikam", &["--notify-within", "24h"]);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);

    // 12:00, three hours after the declaration: 21 hours left.
    let rows = clocks(&env, &[]);
    assert_eq!(rows.len(), 2, "one contract clock per affected tenant:\n{}", pretty(&rows));
    let row = contract(&rows, "contoso");
    assert_eq!(row["incident"], id.as_str());
    assert_eq!(row["party"], "contoso");
    assert_eq!(row["rule"], "contract 24h");
    assert_eq!(row["limit"], "24h");
    assert_eq!(row["regime"], Value::Null);
    assert_eq!(row["stage"], Value::Null);
    assert_eq!(row["started_by"], "declaration");
    assert_eq!(row["started_at"], DECLARED);
    assert_eq!(row["due"], "2026-11-21T09:00:00Z");
    assert_eq!(row["done_at"], Value::Null);
    assert_eq!(row["status"], "running");
    assert_eq!(row["seconds_left"], 21 * 3600);
    assert!(row["stop"].as_str().unwrap().contains(&format!("sirt notified {id} contoso")), "{row}");

    // One minute before the 12-hour margin: still running; one minute into it: at risk.
    env.now = "2026-11-20T20:59:00Z".into();
    assert_eq!(contract_status(&env, "contoso"), "running");
    env.now = "2026-11-20T21:01:00Z".into();
    let rows = clocks(&env, &[]);
    assert_eq!(contract(&rows, "contoso")["status"], "at-risk");
    assert_eq!(contract(&rows, "contoso")["seconds_left"], 11 * 3600 + 59 * 60);
    // The same, asked from earlier with --at.
    env.now = NOW.into();
    let rows = clocks(&env, &["--at", "2026-11-20T21:01:00Z"]);
    assert_eq!(contract(&rows, "fabrikam")["status"], "at-risk");

    // A minute past the due time: overdue.
    env.now = "2026-11-21T09:01:00Z".into();
    let rows = clocks(&env, &[]);
    assert_eq!(contract(&rows, "contoso")["status"], "overdue");
    assert_eq!(contract(&rows, "contoso")["seconds_left"], -60);
    assert_eq!(contract(&rows, "fabrikam")["status"], "overdue");

    // contoso was in fact told half an hour before the due time: met.
    one_commit(&env, &["notified", &id, "contoso", "--via", "email-admin", "--at", "2026-11-21T08:30:00Z"]);
    let rows = clocks(&env, &[]);
    assert!(!has_contract(&rows, "contoso"), "a met clock is hidden by default:\n{}", pretty(&rows));
    assert_eq!(contract(&rows, "fabrikam")["status"], "overdue");
    let all = clocks(&env, &["--all"]);
    let row = contract(&all, "contoso");
    assert_eq!(row["status"], "met");
    assert_eq!(row["done_at"], "2026-11-21T08:30:00Z");

    // fabrikam is told now, after the due time: late.
    one_commit(&env, &["notified", &id, "fabrikam", "--via", "email-admin"]);
    let rows = clocks(&env, &[]);
    assert!(rows.is_empty(), "met and late clocks are hidden by default:\n{}", pretty(&rows));
    let all = clocks(&env, &["--all"]);
    assert_eq!(all.len(), 2, "{}", pretty(&all));
    let row = contract(&all, "fabrikam");
    assert_eq!(row["status"], "late");
    assert_eq!(row["done_at"], "2026-11-21T09:01:00Z");
    assert_eq!(contract(&all, "contoso")["status"], "met");

    // Days later, met stays met and late stays late.
    env.now = "2026-11-25T00:00:00Z".into();
    let all = clocks(&env, &["--all"]);
    assert_eq!(contract(&all, "contoso")["status"], "met");
    assert_eq!(contract(&all, "fabrikam")["status"], "late");
}

#[test]
fn before_any_tenant_is_determined_the_incident_has_one_contract_clock() {
    let env = Env::new();
    tenant(&env, "contoso", &[]);
    tenant(&env, "fabrikam", &["--notify-within", "24h"]);
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let rows = clocks(&env, &[]);
    assert!(
        rows.iter().all(|r| r["status"] == "pending"),
        "nothing runs before the declaration:\n{}",
        pretty(&rows)
    );

    env.ok(&["confirm", &id, "--at", DECLARED]);
    let rows = clocks(&env, &[]);
    assert_eq!(rows.len(), 1, "{}", pretty(&rows));
    let row = &rows[0];
    assert_eq!(row["incident"], id.as_str());
    assert_eq!(row["clock"], "contract");
    assert_eq!(row["party"], "tenants not yet determined");
    assert_eq!(row["tenant"], Value::Null);
    assert_eq!(row["limit"], "72h");
    assert_eq!(row["rule"], "contract 72h");
    assert_eq!(row["started_at"], DECLARED);
    assert_eq!(row["due"], "2026-11-23T09:00:00Z");
    assert_eq!(row["status"], "running");
    assert!(row["stop"].as_str().unwrap().contains(&format!("sirt affected {id}")), "{row}");

    // Once a tenant is named, its own clock replaces the incident's.
    env.ok(&["affected", &id, "contoso"]);
    let rows = clocks(&env, &[]);
    assert_eq!(rows.len(), 1, "{}", pretty(&rows));
    assert!(!rows.iter().any(|r| r["party"] == "tenants not yet determined"), "{}", pretty(&rows));
    let row = contract(&rows, "contoso");
    assert_eq!(row["limit"], "72h");
    assert_eq!(row["due"], "2026-11-23T09:00:00Z");

    // A tenant whose contract says 24h comes first: its clock runs out sooner.
    env.ok(&["affected", &id, "fabrikam"]);
    let rows = clocks(&env, &[]);
    assert_eq!(rows.len(), 2, "{}", pretty(&rows));
    assert_eq!(rows[0]["tenant"], "fabrikam", "most urgent first:\n{}", pretty(&rows));
    assert_eq!(rows[0]["due"], "2026-11-21T09:00:00Z");
    assert_eq!(rows[1]["tenant"], "contoso");

    // The store's contract limit is a setting.
    settings(&env, &[("contract_limit = \"72h\"", "contract_limit = \"48h\"")], "");
    let rows = clocks(&env, &[]);
    assert_eq!(contract(&rows, "contoso")["due"], "2026-11-22T09:00:00Z");
    assert_eq!(contract(&rows, "contoso")["limit"], "48h");
    assert_eq!(contract(&rows, "fabrikam")["due"], "2026-11-21T09:00:00Z");
}

// ---- counting ----

#[test]
fn a_business_day_limit_skips_the_weekend_and_the_holidays() {
    let mut env = Env::new();
    settings(
        &env,
        &[(OWN_REGIMES, &own_regimes(&["acme-bd"]))],
        &regime_toml("acme-bd", "declared", &[("tell the board", "2bd", "business_days", None)]),
    );
    // Confirmed on Friday 2026-11-20 at 09:00: two business days later is Tuesday 09:00.
    let id = env.declared("Payroll export");
    let rows = clocks(&env, &[]);
    let row = stage(&rows, "acme-bd", "tell the board");
    assert_eq!(row["incident"], id.as_str());
    assert_eq!(row["party"], "board", "the right side of the regime's 'provider → board'");
    assert_eq!(row["rule"], "acme-bd tell the board (2bd)");
    assert_eq!(row["limit"], "2bd");
    assert_eq!(row["verified"], "unverified");
    assert_eq!(row["started_by"], "declaration");
    assert_eq!(row["started_at"], DECLARED);
    assert_eq!(row["due"], "2026-11-24T09:00:00Z");
    assert_eq!(row["status"], "running");
    assert!(row["stop"].as_str().unwrap().contains(&format!("sirt filed {id} acme-bd")), "{row}");

    // Over the weekend it keeps running; Monday evening it is at risk; Tuesday 09:01 overdue.
    env.now = "2026-11-22T12:00:00Z".into();
    assert_eq!(stage_status(&env, "acme-bd", "tell the board"), "running");
    env.now = "2026-11-23T21:01:00Z".into();
    assert_eq!(stage_status(&env, "acme-bd", "tell the board"), "at-risk");
    env.now = "2026-11-24T09:01:00Z".into();
    let rows = clocks(&env, &[]);
    assert_eq!(stage(&rows, "acme-bd", "tell the board")["status"], "overdue");
    // The 72-hour contract clock counts hours, weekend or not.
    assert_eq!(rows.iter().find(|r| r["clock"] == "contract").unwrap()["due"], "2026-11-23T09:00:00Z");

    // Monday is a holiday: the limit runs to Wednesday, and Tuesday 09:01 is comfortable again.
    settings(&env, &[("\nholidays = []\n", "\nholidays = [\"2026-11-23\"]\n")], "");
    let rows = clocks(&env, &[]);
    let row = stage(&rows, "acme-bd", "tell the board");
    assert_eq!(row["due"], "2026-11-25T09:00:00Z");
    assert_eq!(row["status"], "running");
    assert_eq!(rows.iter().find(|r| r["clock"] == "contract").unwrap()["due"], "2026-11-23T09:00:00Z");
}

#[test]
fn a_month_limit_from_the_31st_ends_on_the_last_day_of_february() {
    let mut env = Env::new();
    settings(
        &env,
        &[(OWN_REGIMES, &own_regimes(&["acme-month"]))],
        &regime_toml(
            "acme-month",
            "declared",
            &[
                ("monthly review", "1mo", "calendar_month", None),
                ("follow-up", "1mo", "calendar_month", Some("stage:monthly review")),
            ],
        ),
    );
    env.now = "2027-01-31T12:00:00Z".into();
    let id = env.detect("Backup bucket exposed", &["--at", "2027-01-31T08:00:00Z"]);
    env.ok(&["confirm", &id, "--at", "2027-01-31T10:00:00Z"]);
    let rows = clocks(&env, &[]);
    let row = stage(&rows, "acme-month", "monthly review");
    assert_eq!(row["started_at"], "2027-01-31T10:00:00Z");
    assert_eq!(row["due"], "2027-02-28T10:00:00Z", "one month from 31 January is the end of February");
    assert_eq!(row["status"], "running");
    assert_eq!(stage(&rows, "acme-month", "follow-up")["status"], "pending");

    env.now = "2027-02-27T21:59:00Z".into();
    assert_eq!(stage_status(&env, "acme-month", "monthly review"), "running");
    env.now = "2027-02-27T22:01:00Z".into();
    assert_eq!(stage_status(&env, "acme-month", "monthly review"), "at-risk");
    env.now = "2027-02-28T10:01:00Z".into();
    assert_eq!(stage_status(&env, "acme-month", "monthly review"), "overdue");

    // Filed a minute after the due time: late; the stage anchored on it starts from the filing,
    // and a month from 28 February is 28 March.
    one_commit(&env, &["filed", &id, "acme-month", "monthly review"]);
    let rows = clocks(&env, &["--all"]);
    let row = stage(&rows, "acme-month", "monthly review");
    assert_eq!(row["status"], "late");
    assert_eq!(row["done_at"], "2027-02-28T10:01:00Z");
    let follow = stage(&rows, "acme-month", "follow-up");
    assert_eq!(follow["started_at"], "2027-02-28T10:01:00Z");
    assert_eq!(follow["due"], "2027-03-28T10:01:00Z");
    assert_eq!(follow["status"], "running");
}

// ---- own regimes ----

#[test]
fn a_stage_anchored_on_another_starts_when_that_one_is_filed() {
    let mut env = Env::new();
    settings(&env, &[(OWN_REGIMES, &own_regimes(&["nis2-art23"]))], "");
    let id = env.declared("Ransomware on build hosts");
    let rows = clocks(&env, &[]);
    let early = stage(&rows, "nis2-art23", "early warning");
    assert_eq!(
        (early["due"].as_str(), early["status"].as_str()),
        (Some("2026-11-21T09:00:00Z"), Some("running"))
    );
    assert_eq!(early["verified"], "text");
    let notification = stage(&rows, "nis2-art23", "incident notification");
    assert_eq!(notification["due"], "2026-11-23T09:00:00Z");
    assert_eq!(notification["status"], "running");
    let fin = stage(&rows, "nis2-art23", "final report");
    assert_eq!(fin["status"], "pending");
    assert_eq!(fin["started_at"], Value::Null);
    assert_eq!(fin["due"], Value::Null);
    assert_eq!(fin["started_by"], "waits for the filing of 'incident notification'");
    let asap = stage(&rows, "nis2-art23", "intermediate report");
    assert_eq!((asap["due"].clone(), asap["status"].as_str()), (Value::Null, Some("running")));

    // A stage name the regime does not have: the error lists the stages.
    let stderr = refused(&env, &["filed", &id, "nis2-art23", "interim report"]);
    for name in ["\"early warning\"", "\"incident notification\"", "\"final report\""] {
        assert!(stderr.contains(name), "the error does not list {name}:\n{stderr}");
    }
    let stderr = refused(&env, &["filed", &id, "nis3", "early warning"]);
    assert!(stderr.contains("nis3"), "{stderr}");

    // The early warning, filed in time (the stage name in any case): met.
    env.now = "2026-11-21T10:00:00Z".into();
    one_commit(&env, &["filed", &id, "nis2-art23", "EARLY WARNING", "--at", "2026-11-21T08:00:00Z"]);
    let rows = clocks(&env, &["--all"]);
    let early = stage(&rows, "nis2-art23", "early warning");
    assert_eq!(early["status"], "met");
    assert_eq!(early["done_at"], "2026-11-21T08:00:00Z");
    assert!(
        !clocks(&env, &[]).iter().any(|r| r["stage"] == "early warning"),
        "a filed stage leaves the default view"
    );

    // The incident notification, filed an hour after its due time: late; the final report starts.
    env.now = "2026-11-23T12:00:00Z".into();
    one_commit(
        &env,
        &[
            "filed",
            &id,
            "nis2-art23",
            "incident notification",
            "--at",
            "2026-11-23T10:00:00Z",
            "--ref",
            "CSIRT-1",
        ],
    );
    let rows = clocks(&env, &["--all"]);
    let notification = stage(&rows, "nis2-art23", "incident notification");
    assert_eq!(notification["status"], "late");
    assert_eq!(notification["done_at"], "2026-11-23T10:00:00Z");
    let fin = stage(&rows, "nis2-art23", "final report");
    assert_eq!(fin["started_by"], "incident notification filed");
    assert_eq!(fin["started_at"], "2026-11-23T10:00:00Z");
    assert_eq!(fin["due"], "2026-12-23T10:00:00Z");
    assert_eq!(fin["status"], "running");

    // Filing the same stage again is refused.
    let stderr = refused(&env, &["filed", &id, "nis2-art23", "incident notification"]);
    assert!(stderr.contains("already"), "{stderr}");

    // A month later the final report is overdue until it is filed.
    env.now = "2026-12-23T10:01:00Z".into();
    assert_eq!(stage_status(&env, "nis2-art23", "final report"), "overdue");
    one_commit(&env, &["filed", &id, "nis2-art23", "final report", "--at", "2026-12-23T09:30:00Z"]);
    assert_eq!(stage_status(&env, "nis2-art23", "final report"), "met");
}

#[test]
fn classifying_as_major_starts_the_stages_that_wait_for_it() {
    let mut env = Env::new();
    settings(
        &env,
        &[(OWN_REGIMES, &own_regimes(&["acme-major", "dora-art19"]))],
        &regime_toml("acme-major", "classified_major", &[("tell the regulator", "4h", "hours", None)]),
    );
    let id = env.declared("Payment API outage");
    let rows = clocks(&env, &[]);
    let row = stage(&rows, "acme-major", "tell the regulator");
    assert_eq!(row["status"], "pending");
    assert_eq!(row["started_at"], Value::Null);
    assert_eq!(row["due"], Value::Null);
    let waits = row["started_by"].as_str().unwrap();
    assert!(waits.starts_with("waits for") && waits.contains("sirt classify"), "{waits}");

    // Material is not major.
    one_commit(&env, &["classify", &id, "material"]);
    assert_eq!(stage_status(&env, "acme-major", "tell the regulator"), "pending");

    // Classified major at 07:00 the next day, recorded an hour later.
    env.now = "2026-11-21T08:00:00Z".into();
    one_commit(&env, &["classify", &id, "major", "--at", "2026-11-21T07:00:00Z"]);
    let rows = clocks(&env, &[]);
    let row = stage(&rows, "acme-major", "tell the regulator");
    assert_eq!(row["started_by"], "classified major");
    assert_eq!(row["started_at"], "2026-11-21T07:00:00Z");
    assert_eq!(row["due"], "2026-11-21T11:00:00Z");
    assert_eq!(row["status"], "running");
    // DORA's initial notification: 4h from the classification, but never later than 24h after
    // awareness (the declaration, 2026-11-20 09:00), so due at 09:00 with an hour left: at risk
    // (a clock shorter than a day is at risk in its last quarter).
    let dora = stage(&rows, "dora-art19", "initial notification");
    assert_eq!(dora["started_at"], "2026-11-21T07:00:00Z");
    assert_eq!(dora["due"], "2026-11-21T09:00:00Z");
    assert_eq!(dora["status"], "at-risk");
    assert_eq!(stage(&rows, "dora-art19", "intermediate report")["status"], "pending");

    // Classifying again records nothing and moves nothing.
    nothing_recorded(&env, &["classify", &id, "major"]);
    env.now = "2026-11-21T10:01:00Z".into();
    let rows = clocks(&env, &[]);
    let row = stage(&rows, "acme-major", "tell the regulator");
    assert_eq!(row["started_at"], "2026-11-21T07:00:00Z");
    assert_eq!(row["status"], "at-risk");
    env.now = "2026-11-21T11:01:00Z".into();
    assert_eq!(stage_status(&env, "acme-major", "tell the regulator"), "overdue");
}

// ---- backfilled events ----

#[test]
fn backfilled_events_count_from_when_they_happened() {
    let mut env = Env::new();
    tenant(&env, "contoso", &["--notify-within", "24h"]);
    tenant(&env, "fabrikam", &["--notify-within", "24h"]);
    let id = env.detect("Leaked API key", &["--at", "2026-11-20T06:00:00Z"]);
    // Confirmed five hours ago, recorded now (12:00): the clock started at 07:00.
    env.ok(&["confirm", &id, "--at", "-5h"]);
    let rows = clocks(&env, &[]);
    let row = &rows[0];
    assert_eq!(row["started_at"], "2026-11-20T07:00:00Z");
    assert_eq!(row["due"], "2026-11-23T07:00:00Z");
    env.ok(&["affected", &id, "contoso", "fabrikam"]);
    let rows = clocks(&env, &[]);
    assert_eq!(contract(&rows, "contoso")["due"], "2026-11-21T07:00:00Z");

    // Recorded the next day at noon, both clocks long past due.
    env.now = "2026-11-21T12:00:00Z".into();
    assert_eq!(contract_status(&env, "contoso"), "overdue");
    // contoso was told a minute before the due time, fabrikam a minute after.
    env.ok(&["notified", &id, "contoso", "--via", "email-admin", "--at", "2026-11-21T06:59:00Z"]);
    env.ok(&["notified", &id, "fabrikam", "--via", "email-admin", "--at", "2026-11-21T07:01:00Z"]);
    let all = clocks(&env, &["--all"]);
    assert_eq!(contract(&all, "contoso")["status"], "met");
    assert_eq!(contract(&all, "contoso")["done_at"], "2026-11-21T06:59:00Z");
    assert_eq!(contract(&all, "fabrikam")["status"], "late");
    assert_eq!(contract(&all, "fabrikam")["done_at"], "2026-11-21T07:01:00Z");

    // A call to fabrikam found later to have gone out the evening before: the earliest
    // notification counts, and the clock was met after all.
    env.ok(&["notified", &id, "fabrikam", "--via", "message-center", "--at", "2026-11-20T20:00:00Z"]);
    let all = clocks(&env, &["--all"]);
    assert_eq!(contract(&all, "fabrikam")["status"], "met");
    assert_eq!(contract(&all, "fabrikam")["done_at"], "2026-11-20T20:00:00Z");
}

#[test]
fn as_of_a_time_before_a_notification_the_clock_had_not_stopped() {
    let mut env = Env::new();
    tenant(&env, "contoso", &["--notify-within", "24h"]);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso"]);
    env.now = "2026-11-21T12:00:00Z".into();
    env.ok(&["notified", &id, "contoso", "--via", "email-admin", "--at", "2026-11-21T08:30:00Z"]);
    assert_eq!(contract_status(&env, "contoso"), "met");
    // "As of" Friday 21:01, nobody had been told yet: the clock was at risk then.
    let rows = clocks(&env, &["--all", "--at", "2026-11-20T21:01:00Z"]);
    let row = contract(&rows, "contoso");
    assert_eq!(row["status"], "at-risk", "{row}");
    assert_eq!(row["done_at"], Value::Null, "{row}");
}

// ---- --check and the report's options ----

#[test]
fn check_exits_3_while_a_clock_is_at_risk_or_overdue() {
    let mut env = Env::new();
    tenant(&env, "contoso", &["--notify-within", "24h"]);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso"]);
    let check = ["deadlines", "--check"];

    assert_eq!(code(&env, &check), 0, "21 hours left is comfortable");
    env.now = "2026-11-20T21:01:00Z".into();
    assert_eq!(code(&env, &check), 3, "at risk");
    assert_eq!(code(&env, &["deadlines", "--check", "--format", "json"]), 3);
    assert_eq!(code(&env, &["deadlines", "--check", "--at", "2026-11-20T20:00:00Z"]), 0, "as of 20:00");
    env.now = "2026-11-21T09:01:00Z".into();
    assert_eq!(code(&env, &check), 3, "overdue");
    assert_eq!(code(&env, &["deadlines"]), 0, "without --check the report exits 0");

    env.ok(&["notified", &id, "contoso", "--via", "email-admin"]);
    assert_eq!(code(&env, &check), 0, "the late clock is stopped; nothing left to chase");
}

#[test]
fn the_report_can_be_narrowed_shaped_and_shifted() {
    let env = Env::new();
    let first = env.declared("First");
    let second = env.detect("Second", &["--at", "2026-11-20T10:00:00Z"]);
    env.ok(&["confirm", &second, "--at", "2026-11-20T10:30:00Z"]);

    let rows = clocks(&env, &[]);
    assert_eq!(rows.len(), 2, "{}", pretty(&rows));
    assert_eq!(rows[0]["incident"], first.as_str(), "the first declared runs out first");
    let rows = clocks(&env, &["--incident", &second]);
    assert_eq!(rows.len(), 1, "{}", pretty(&rows));
    assert_eq!(rows[0]["incident"], second.as_str());

    let csv = env.ok(&["deadlines", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "incident,clock,party,rule,started_by,started_at,due,done_at,status,seconds_left,stop"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");

    let table = env.ok(&["deadlines", "--incident", &first]);
    assert_eq!(table.lines().next().unwrap(), "0 overdue, 0 at risk, 1 running", "{table}");
    assert!(table.contains("2026-11-23 09:00Z"), "{table}");
    let shifted = env.ok(&["deadlines", "--incident", &first, "--tz", "+01:00"]);
    assert!(shifted.contains("2026-11-23 10:00+01:00"), "due in +01:00:\n{shifted}");
    assert!(shifted.contains("2026-11-20 10:00+01:00"), "start in +01:00:\n{shifted}");
    assert!(!shifted.contains("2026-11-23 09:00Z"), "{shifted}");
    let utc = env.ok(&["deadlines", "--incident", &first, "--tz", "UTC"]);
    assert!(utc.contains("2026-11-23 09:00Z"), "{utc}");

    for args in [
        &["deadlines", "--tz", "Mars/Olympus"][..],
        &["deadlines", "--tz", "+1"][..],
        &["deadlines", "--at", "yesterday"][..],
    ] {
        let stderr = refused(&env, args);
        assert!(stderr.contains(&format!("'{}'", args[2])), "the error quotes the value:\n{stderr}");
    }
}

// ---- tenant-regime clocks ----

#[test]
fn a_tenants_own_clock_starts_at_our_notification_and_never_trips_the_check() {
    let mut env = Env::new();
    tenant(&env, "fabrikam", &["--regime", "gdpr-art33"]);
    let id = env.declared("CRM export");
    env.ok(&["affected", &id, "fabrikam"]);
    let rows = clocks(&env, &[]);
    assert!(
        !rows.iter().any(|r| r["clock"] == "tenant-regime"),
        "the tenant's clock waits, hidden, until we notify:\n{}",
        pretty(&rows)
    );
    let all = clocks(&env, &["--all"]);
    let waiting = one(&all, "tenant-regime", |r| r["clock"] == "tenant-regime");
    assert_eq!(waiting["status"], "pending");
    assert_eq!(waiting["started_by"], "waits for our notification");

    env.now = "2026-11-21T08:00:00Z".into();
    env.ok(&["notified", &id, "fabrikam", "--via", "email-admin"]);
    let rows = clocks(&env, &[]);
    let row = one(&rows, "tenant-regime", |r| r["clock"] == "tenant-regime");
    let party = row["party"].as_str().unwrap();
    assert!(party.starts_with("fabrikam") && party.contains("supervisory authority"), "{row}");
    assert_eq!(row["tenant"], "fabrikam");
    assert_eq!(row["regime"], "gdpr-art33");
    assert_eq!(row["stage"], "initial notification");
    assert_eq!(row["started_by"], "our notification");
    assert_eq!(row["started_at"], "2026-11-21T08:00:00Z");
    assert_eq!(row["due"], "2026-11-24T08:00:00Z");
    assert_eq!(row["done_at"], Value::Null);
    assert_eq!(row["status"], "running");
    assert_eq!(code(&env, &["deadlines", "--check"]), 0);

    // The tenant's clock is at risk, then past due: shown, but not ours to chase.
    env.now = "2026-11-23T21:00:00Z".into();
    let rows = clocks(&env, &[]);
    assert_eq!(one(&rows, "tenant-regime", |r| r["clock"] == "tenant-regime")["status"], "at-risk");
    assert_eq!(code(&env, &["deadlines", "--check"]), 0);
    env.now = "2026-11-24T09:00:00Z".into();
    let all = clocks(&env, &["--all"]);
    let row = one(&all, "tenant-regime", |r| r["clock"] == "tenant-regime");
    assert_eq!(row["status"], "overdue");
    assert_eq!(row["done_at"], Value::Null);
    assert_eq!(contract(&all, "fabrikam")["status"], "met");
    assert_eq!(code(&env, &["deadlines", "--check"]), 0);
}

// ---- notified ----

#[test]
fn notified_refuses_what_cannot_be_true_and_records_once() {
    let mut env = Env::new();
    for t in ["contoso", "fabrikam", "northwind"] {
        tenant(&env, t, &[]);
    }
    let id = env.detect("Odd sign-ins", &["--at", "2026-11-20T08:00:00Z"]);
    let stderr = refused(&env, &["notified", &id, "contoso", "--via", "email-admin"]);
    assert!(stderr.contains("not confirmed"), "{stderr}");
    assert!(stderr.contains(&format!("sirt confirm {id}")), "{stderr}");

    env.ok(&["confirm", &id, "--at", DECLARED]);
    let stderr = refused(&env, &["notified", &id, "contoso", "--via", "email-admin"]);
    assert!(stderr.contains("affected list"), "{stderr}");
    assert!(stderr.contains(&format!("sirt affected {id} contoso")), "{stderr}");
    let stderr = refused(&env, &["notified", &id, "--via", "email-admin"]);
    assert!(stderr.contains("no tenants named"), "{stderr}");
    refused(&env, &["notified", &id, "--all", "--via", "email-admin"]);

    let commits = env.commit_count();
    let out = env.run(&["notified", &id, "contoso", "--via", "carrier-pigeon"]);
    assert_eq!(out.status.code(), Some(2), "an unknown channel is a usage error");
    assert_eq!(env.commit_count(), commits);

    env.ok(&["affected", &id, "contoso", "fabrikam", "northwind"]);
    refused(&env, &["notified", &id, "contoso", "--via", "email-admin", "--at", "2026-11-20T08:30:00Z"]);
    refused(&env, &["notified", &id, "contoso", "--via", "email-admin", "--at", "2026-11-20T13:00:00Z"]);

    // --all: every affected tenant, in one commit.
    env.now = "2026-11-20T14:00:00Z".into();
    one_commit(&env, &["notified", &id, "--all", "--via", "message-center"]);
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(subject.contains("notified via message-center"), "{subject}");
    let all = clocks(&env, &["--all"]);
    for t in ["contoso", "fabrikam", "northwind"] {
        assert_eq!(contract(&all, t)["status"], "met", "{t}");
        assert_eq!(contract(&all, t)["done_at"], "2026-11-20T14:00:00Z", "{t}");
    }

    // The same tenant on the same channel again: nothing to record.
    env.now = "2026-11-20T15:00:00Z".into();
    nothing_recorded(&env, &["notified", &id, "contoso", "--via", "message-center"]);
    nothing_recorded(&env, &["notified", &id, "--all", "--via", "message-center"]);
    // Another channel is recorded, but the clock keeps the first notification.
    one_commit(&env, &["notified", &id, "contoso", "--via", "email-admin"]);
    let all = clocks(&env, &["--all"]);
    assert_eq!(contract(&all, "contoso")["done_at"], "2026-11-20T14:00:00Z");
}

// ---- show ----

#[test]
fn show_lists_the_incidents_clocks() {
    let mut env = Env::new();
    tenant(&env, "contoso", &["--notify-within", "24h"]);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso"]);

    let out = env.ok(&["show", &id]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.trim() == "Clocks").unwrap_or_else(|| panic!("no Clocks:\n{out}"));
    let section = lines[at..].join("\n");
    let row = section.lines().find(|l| l.contains("contoso")).unwrap_or_else(|| panic!("{out}"));
    for cell in ["contract 24h", "2026-11-21 09:00Z", "21h 00m left", "running"] {
        assert!(row.contains(cell), "the contoso clock does not show {cell:?}:\n{out}");
    }
    let clocks = &env.json(&["show", &id, "--format", "json"])["clocks"];
    assert_eq!(clocks.as_array().map(Vec::len), Some(1), "{clocks}");
    assert_eq!(clocks[0]["tenant"], "contoso");
    assert_eq!(clocks[0]["due"], "2026-11-21T09:00:00Z");

    env.now = "2026-11-21T10:00:00Z".into();
    env.ok(&["notified", &id, "contoso", "--via", "email-admin"]);
    let out = env.ok(&["show", &id]);
    let row = out.lines().skip_while(|l| l.trim() != "Clocks").find(|l| l.contains("contoso")).unwrap();
    assert!(row.contains("late"), "{out}");
}
