//! The tenant directory: `tenant add`, `set`, `remove`, `list`, `show`, `export`, `import` and
//! `check`. Each change is one commit naming the tenant; each refusal says why and what to run,
//! and writes nothing.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::hint_of;
use crate::support::{ACTOR, Env, tenant_rel};

/// The CSV header of `tenant export`, `tenant list --format csv` and `tenant import`.
const HEADER: &str = "id,name,admin_email,admin_name,admin_phone,privacy_email,privacy_name,region,regime,notify_within,language,timezone";

fn subject(env: &Env) -> String {
    env.git(&["log", "-1", "--format=%s"]).trim().to_string()
}

/// The files the last commit touched.
fn last_commit_files(env: &Env) -> Vec<String> {
    let out = env.git(&["show", "--name-only", "--format=", "HEAD"]);
    out.lines().filter(|l| !l.is_empty()).map(String::from).collect()
}

fn tenant_file(env: &Env, id: &str) -> PathBuf {
    env.tenant_file(id)
}

fn tenant_json(env: &Env, id: &str) -> Value {
    env.json(&["tenant", "show", id, "--format", "json"])
}

/// Runs with and returns (exit code, stdout, stderr).
fn run(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.run(args);
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Writes a file into the test's HOME and returns its path as a string.
fn write_file(env: &Env, name: &str, bytes: &[u8]) -> String {
    let path = env.home.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn import(env: &Env, path: &str) -> (Option<i32>, String, String) {
    run(env, &["tenant", "import", path])
}

/// A tenant reachable on every channel.
fn add_contoso(env: &Env) {
    env.ok(&[
        "tenant",
        "add",
        "contoso",
        "--name",
        "Contoso Ltd",
        "--admin-email",
        "it@contoso.example",
        "--admin-name",
        "Ida Park",
        "--admin-phone",
        "+442071234567",
        "--privacy-email",
        "privacy@contoso.example",
        "--privacy-name",
        "Pia Lund",
        "--region",
        "eu-west",
        "--regime",
        "gdpr-art33",
    ]);
}

/// The line of a table whose first cell is `id`.
fn row<'a>(table: &'a str, id: &str) -> Option<&'a str> {
    table.lines().find(|line| line.split_whitespace().next() == Some(id))
}

/// How many cells of a table row are exactly `ok`.
fn oks(row: &str) -> usize {
    row.split("  ").filter(|cell| cell.trim() == "ok").count()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---- add ----

#[test]
fn add_records_every_flag_in_one_commit_naming_the_tenant() {
    let env = Env::new();
    let before = env.commit_count();
    let (code, _, stderr) = run(
        &env,
        &[
            "tenant",
            "add",
            "contoso",
            "--name",
            "Contoso Ltd",
            "--admin-email",
            "it@contoso.example",
            "--admin-email",
            "ops@contoso.example",
            "--admin-email",
            "night@contoso.example",
            "--admin-name",
            "Ida Park",
            "--admin-name",
            "Olu Obi",
            "--admin-phone",
            "+442071234567",
            "--privacy-email",
            "privacy@contoso.example",
            "--privacy-name",
            "Pia Lund",
            "--region",
            "eu-west",
            "--region",
            "us-east",
            "--regime",
            "gdpr-art33,nis2-art23",
            "--regime",
            "dora-art19",
            "--notify-within",
            "24h",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "a tenant reachable everywhere gets no warning:\n{stderr}");

    assert_eq!(env.commit_count(), before + 1, "one commit for one tenant");
    let subject = subject(&env);
    assert!(subject.contains("contoso") && subject.contains("added"), "{subject}");
    assert_eq!(env.trailer("Sirt-Tenant"), "contoso");
    assert_eq!(env.git(&["log", "-1", "--format=%an <%ae>"]).trim(), ACTOR);
    assert_eq!(last_commit_files(&env), [tenant_rel("contoso")]);
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    let file = tenant_file(&env, "contoso");
    assert!(file.is_file());
    assert_eq!(mode(&file), 0o600, "tenant files hold contact data and are private");

    let tenant = tenant_json(&env, "contoso");
    assert_eq!(tenant["schema"], 1);
    assert_eq!(tenant["id"], "contoso");
    assert_eq!(tenant["name"], "Contoso Ltd");
    assert_eq!(tenant["regions"], json!(["eu-west", "us-east"]));
    assert_eq!(tenant["regimes"], json!(["gdpr-art33", "nis2-art23", "dora-art19"]));
    assert_eq!(tenant["notify_within"], "24h");
    // Names and phones line up with the emails by position; the third admin has neither.
    assert_eq!(
        tenant["admin"],
        json!([
            {"email": "it@contoso.example", "name": "Ida Park", "phone": "+442071234567"},
            {"email": "ops@contoso.example", "name": "Olu Obi"},
            {"email": "night@contoso.example"},
        ])
    );
    assert_eq!(tenant["privacy"], json!({"email": "privacy@contoso.example", "name": "Pia Lund"}));
}

#[test]
fn add_warns_about_channels_that_cannot_reach_the_tenant() {
    let env = Env::new();
    let (code, _, stderr) = run(&env, &["tenant", "add", "bare", "--name", "Bare Inc"]);
    assert_eq!(code, Some(0), "a tenant without contacts can be added, with warnings:\n{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    for (channel, reason) in [
        ("message-center", "no administrator"),
        ("email-admin", "no administrator email"),
        ("email-privacy", "no Global Privacy Contact"),
        ("phone", "no administrator phone"),
    ] {
        assert!(
            warnings.iter().any(|w| w.contains("bare") && w.contains(channel) && w.contains(reason)),
            "no warning for {channel} ({reason}):\n{stderr}"
        );
    }
    assert!(tenant_file(&env, "bare").is_file());

    // Only the channels that fail are warned about.
    let (code, _, stderr) =
        run(&env, &["tenant", "add", "mail-only", "--name", "Mail Only", "--admin-email", "a@mail.example"]);
    assert_eq!(code, Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings.iter().any(|w| w.contains("email-privacy")), "{stderr}");
    assert!(warnings.iter().any(|w| w.contains("phone")), "{stderr}");
    assert!(!warnings.iter().any(|w| w.contains("email-admin") || w.contains("message-center")), "{stderr}");
}

#[test]
fn add_refuses_a_duplicate_id() {
    let env = Env::new();
    add_contoso(&env);
    let stderr = env.refused(&["tenant", "add", "contoso", "--name", "Another Contoso"]);
    assert!(stderr.contains("contoso") && stderr.contains("already"), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt tenant set contoso"), "{stderr}");
    assert_eq!(tenant_json(&env, "contoso")["name"], "Contoso Ltd");
}

#[test]
fn add_refuses_an_id_that_is_not_a_slug() {
    let env = Env::new();
    for id in ["a/b", "a b", "../escape", "a.b"] {
        let stderr = env.refused(&["tenant", "add", id, "--name", "Bad Id"]);
        assert!(stderr.contains(id), "the error names the id {id}:\n{stderr}");
    }
    assert!(env.files_in("tenants").is_empty());
    assert!(!env.home.join("escape.toml").exists() && !env.store.join("escape.toml").exists());
}

#[test]
fn add_refuses_a_malformed_email() {
    let env = Env::new();
    for email in ["not-an-email", "a@b", "a b@c.example", "a@b.example\r\nBcc: x@evil.example"] {
        let stderr = env.refused(&["tenant", "add", "x", "--name", "X", "--admin-email", email]);
        assert!(stderr.contains("email"), "{stderr}");
    }
    let stderr = env.refused(&["tenant", "add", "x", "--name", "X", "--privacy-email", "privacy.example"]);
    assert!(stderr.contains("privacy email"), "{stderr}");
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn add_refuses_a_phone_number_that_is_not_e164() {
    let env = Env::new();
    for phone in ["555-1234", "+1 415 555", "14155550123", "+1415555012x"] {
        let stderr = env.refused(&[
            "tenant",
            "add",
            "x",
            "--name",
            "X",
            "--admin-email",
            "a@x.example",
            "--admin-phone",
            phone,
        ]);
        assert!(stderr.contains(phone) && stderr.contains("E.164"), "{stderr}");
    }
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn add_refuses_control_characters_in_names() {
    let env = Env::new();
    let injection = "Eve\r\nBcc: x@evil.example";
    for args in [
        vec!["--name", "X", "--admin-email", "a@x.example", "--admin-name", injection],
        vec!["--name", "X", "--privacy-email", "p@x.example", "--privacy-name", injection],
        vec!["--name", injection],
        vec!["--name", "X", "--admin-email", "a@x.example", "--admin-name", "Eve\nBcc: x@evil.example"],
    ] {
        let mut full = vec!["tenant", "add", "x"];
        full.extend(args);
        let stderr = env.refused(&full);
        assert!(stderr.contains("control character"), "{stderr}");
    }
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn add_refuses_an_unknown_regime() {
    let env = Env::new();
    let stderr = env.refused(&["tenant", "add", "x", "--name", "X", "--regime", "gdpr-art33,made-up"]);
    assert!(stderr.contains("made-up"), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt regimes"), "{stderr}");
}

#[test]
fn add_refuses_a_limit_longer_than_the_store_default() {
    let env = Env::new();
    for limit in ["96h", "4d", "soon", "0h"] {
        let stderr = env.refused(&["tenant", "add", "x", "--name", "X", "--notify-within", limit]);
        assert!(stderr.contains(limit), "{stderr}");
    }
    // The default itself, and anything shorter, are fine.
    env.ok(&["tenant", "add", "x", "--name", "X", "--notify-within", "72h"]);
    env.ok(&["tenant", "add", "y", "--name", "Y", "--notify-within", "24h"]);
}

#[test]
fn add_refuses_more_admin_names_than_admin_emails() {
    let env = Env::new();
    let stderr = env.refused(&[
        "tenant",
        "add",
        "x",
        "--name",
        "X",
        "--admin-email",
        "a@x.example",
        "--admin-name",
        "A",
        "--admin-name",
        "B",
    ]);
    assert!(stderr.contains("2 administrator names"), "{stderr}");
    let stderr = env.refused(&[
        "tenant",
        "add",
        "x",
        "--name",
        "X",
        "--admin-email",
        "a@x.example",
        "--admin-phone",
        "+14155550123",
        "--admin-phone",
        "+14155550124",
    ]);
    assert!(stderr.contains("2 administrator phones"), "{stderr}");
}

#[test]
fn add_refuses_a_privacy_name_without_a_privacy_email() {
    let env = Env::new();
    let stderr = env.refused(&["tenant", "add", "x", "--name", "X", "--privacy-name", "Pia Lund"]);
    assert!(stderr.contains("privacy"), "{stderr}");
}

#[test]
fn add_without_a_name_is_a_usage_error() {
    let env = Env::new();
    let before = env.untouched();
    let (code, _, stderr) = run(&env, &["tenant", "add", "x", "--admin-email", "a@x.example"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--name"), "{stderr}");
    env.assert_untouched(&before, &["tenant", "add", "x"]);
}

// ---- set ----

#[test]
fn set_makes_one_commit_per_edit() {
    let env = Env::new();
    add_contoso(&env);
    let edits: [(&[&str], &str); 5] = [
        (&["--name", "Contoso Group"], "name"),
        (&["--admin-email", "ops@contoso.example", "--admin-email", "it@contoso.example"], "administrators"),
        (&["--regime", "gdpr-art33,nis2-art23"], "regimes"),
        (&["--notify-within", "24h"], "notification limit"),
        (&["--privacy-email", "dpo@contoso.example"], "privacy contact"),
    ];
    for (flags, part) in edits {
        let before = env.commit_count();
        let mut args = vec!["tenant", "set", "contoso"];
        args.extend(flags);
        env.ok(&args);
        assert_eq!(env.commit_count(), before + 1, "one commit for {flags:?}");
        let subject = subject(&env);
        assert!(subject.contains("contoso") && subject.contains(part), "{flags:?}: {subject}");
        assert_eq!(env.trailer("Sirt-Tenant"), "contoso");
        assert_eq!(last_commit_files(&env), [tenant_rel("contoso")]);
    }
    let tenant = tenant_json(&env, "contoso");
    assert_eq!(tenant["name"], "Contoso Group");
    // What is known of an administrator who stays is kept.
    assert_eq!(
        tenant["admin"],
        json!([
            {"email": "ops@contoso.example"},
            {"email": "it@contoso.example", "name": "Ida Park", "phone": "+442071234567"},
        ])
    );
    assert_eq!(tenant["regimes"], json!(["gdpr-art33", "nis2-art23"]));
    assert_eq!(tenant["notify_within"], "24h");
    // A new privacy email keeps the contact's name; the regions were not touched.
    assert_eq!(tenant["privacy"], json!({"email": "dpo@contoso.example", "name": "Pia Lund"}));
    assert_eq!(tenant["regions"], json!(["eu-west"]));
    assert_eq!(mode(&tenant_file(&env, "contoso")), 0o600);
}

#[test]
fn set_clear_privacy_removes_the_global_privacy_contact() {
    let env = Env::new();
    add_contoso(&env);
    let before = env.commit_count();
    env.ok(&["tenant", "set", "contoso", "--clear", "privacy"]);
    assert_eq!(env.commit_count(), before + 1);
    let tenant = tenant_json(&env, "contoso");
    assert!(tenant["privacy"].is_null(), "{tenant}");
    let reach = tenant["reach"].as_array().unwrap();
    let privacy = reach.iter().find(|r| r["channel"] == "email-privacy").unwrap();
    assert_eq!(privacy["reachable"], false);
    assert_eq!(privacy["problem"], "no Global Privacy Contact");
    assert!(!std::fs::read_to_string(tenant_file(&env, "contoso")).unwrap().contains("privacy@"));
}

#[test]
fn set_with_the_values_already_on_file_changes_nothing() {
    let env = Env::new();
    add_contoso(&env);
    let before = env.untouched();
    let (code, _, stderr) = run(
        &env,
        &[
            "tenant",
            "set",
            "contoso",
            "--name",
            "Contoso Ltd",
            "--region",
            "eu-west",
            "--regime",
            "gdpr-art33",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("nothing changed"), "{stderr}");
    env.assert_untouched(&before, &["tenant", "set"]);
}

#[test]
fn set_refuses_without_flags_an_unknown_tenant_and_bad_values() {
    let env = Env::new();
    add_contoso(&env);
    let stderr = env.refused(&["tenant", "set", "contoso"]);
    assert!(stderr.contains("nothing to change"), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt tenant set contoso"), "{stderr}");

    let stderr = env.refused(&["tenant", "set", "nosuch", "--name", "Nobody"]);
    assert!(stderr.contains("nosuch"), "{stderr}");
    assert!(hint_of(&stderr).contains("sirt tenant list"), "{stderr}");
    assert!(!tenant_file(&env, "nosuch").exists());

    let stderr = env.refused(&["tenant", "set", "contoso", "--admin-email", "broken"]);
    assert!(stderr.contains("broken"), "{stderr}");
    let stderr = env.refused(&["tenant", "set", "contoso", "--admin-name", "Eve\r\nBcc: x@evil.example"]);
    assert!(stderr.contains("control character"), "{stderr}");
    env.refused(&["tenant", "set", "contoso", "--regime", "made-up"]);
    env.refused(&["tenant", "set", "contoso", "--notify-within", "100h"]);
    assert_eq!(tenant_json(&env, "contoso")["admin"][0]["email"], "it@contoso.example");
}

// ---- remove ----

#[test]
fn remove_deletes_the_file_in_one_commit() {
    let env = Env::new();
    add_contoso(&env);
    env.ok(&["tenant", "add", "fabrikam", "--name", "Fabrikam Inc", "--admin-email", "it@fabrikam.example"]);
    let before = env.commit_count();
    env.ok(&["tenant", "remove", "contoso"]);
    assert_eq!(env.commit_count(), before + 1);
    let subject = subject(&env);
    assert!(subject.contains("contoso") && subject.contains("removed"), "{subject}");
    assert_eq!(env.trailer("Sirt-Tenant"), "contoso");
    assert!(!tenant_file(&env, "contoso").exists());
    assert!(tenant_file(&env, "fabrikam").is_file());
    let ids: Vec<Value> = env
        .json(&["tenant", "list", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids, [json!("fabrikam")]);

    let stderr = env.refused(&["tenant", "remove", "contoso"]);
    assert!(hint_of(&stderr).contains("sirt tenant list"), "{stderr}");
}

#[test]
fn remove_is_refused_while_an_open_incident_names_the_tenant() {
    let env = Env::new();
    add_contoso(&env);
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso"]);

    let stderr = env.refused(&["tenant", "remove", "contoso"]);
    assert!(stderr.contains(&id), "the error names the incident:\n{stderr}");
    assert!(hint_of(&stderr).contains(&format!("sirt affected {id} contoso --remove")), "{stderr}");
    assert!(tenant_file(&env, "contoso").is_file());
    assert_eq!(tenant_json(&env, "contoso")["open_incidents"], json!([id]));

    env.ok(&["affected", &id, "contoso", "--remove"]);
    let before = env.commit_count();
    env.ok(&["tenant", "remove", "contoso"]);
    assert_eq!(env.commit_count(), before + 1);
    assert!(!tenant_file(&env, "contoso").exists());
}

// ---- list, show, export ----

/// Contoso (everything), Bare (no contacts) and Northwind (two admins, the second with a phone
/// only, a region and a limit).
fn directory(env: &Env) {
    add_contoso(env);
    env.ok(&["tenant", "add", "bare", "--name", "Bare Inc"]);
    env.ok(&[
        "tenant",
        "add",
        "northwind",
        "--name",
        "Northwind, \"Traders\"",
        "--admin-email",
        "a@northwind.example",
        "--admin-email",
        "b@northwind.example",
        "--admin-phone",
        "+14155550100",
        "--admin-phone",
        "+14155550101",
        "--region",
        "us-east",
        "--notify-within",
        "48h",
    ]);
}

#[test]
fn list_json_has_the_stable_field_names() {
    let env = Env::new();
    directory(&env);
    let list = env.json(&["tenant", "list", "--format", "json"]);
    assert_eq!(
        list,
        json!([
            {
                "schema": 1, "id": "bare", "name": "Bare Inc",
                "regions": [], "regimes": [], "admin": [],
            },
            {
                "schema": 1, "id": "contoso", "name": "Contoso Ltd",
                "regions": ["eu-west"], "regimes": ["gdpr-art33"],
                "admin": [{"email": "it@contoso.example", "name": "Ida Park", "phone": "+442071234567"}],
                "privacy": {"email": "privacy@contoso.example", "name": "Pia Lund"},
            },
            {
                "schema": 1, "id": "northwind", "name": "Northwind, \"Traders\"",
                "regions": ["us-east"], "regimes": [], "notify_within": "48h",
                "admin": [
                    {"email": "a@northwind.example", "phone": "+14155550100"},
                    {"email": "b@northwind.example", "phone": "+14155550101"},
                ],
            },
        ])
    );
    assert_eq!(env.json(&["tenant", "export", "--format", "json"]), list, "export --format json is the list");
}

#[test]
fn list_table_and_csv() {
    let env = Env::new();
    directory(&env);
    let table = env.ok(&["tenant", "list"]);
    let header = table.lines().next().unwrap();
    for column in ["ID", "NAME", "ADMINS", "PRIVACY CONTACT", "REGIONS", "REGIMES", "LIMIT"] {
        assert!(header.contains(column), "no {column} column:\n{table}");
    }
    let contoso = row(&table, "contoso").unwrap_or_else(|| panic!("no contoso row:\n{table}"));
    for cell in ["Contoso Ltd", "it@contoso.example", "privacy@contoso.example", "eu-west", "gdpr-art33"] {
        assert!(contoso.contains(cell), "{contoso}");
    }
    let northwind = row(&table, "northwind").unwrap();
    assert!(
        northwind.contains("a@northwind.example, b@northwind.example") && northwind.contains("48h"),
        "{table}"
    );
    assert!(row(&table, "bare").unwrap().contains("Bare Inc"), "{table}");

    let csv = env.ok(&["tenant", "list", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            HEADER,
            "bare,Bare Inc,,,,,,,,,,",
            "contoso,Contoso Ltd,it@contoso.example,Ida Park,+442071234567,privacy@contoso.example,Pia Lund,eu-west,gdpr-art33,,,",
            "northwind,\"Northwind, \"\"Traders\"\"\",a@northwind.example;b@northwind.example,,+14155550100;+14155550101,,,us-east,,48h,,",
        ]
    );
    assert_eq!(env.ok(&["tenant", "export"]), csv, "export writes CSV by default, as list --format csv");
    assert_eq!(env.ok(&["tenant", "export", "--format", "csv"]), csv);
}

#[test]
fn list_of_an_empty_directory() {
    let env = Env::new();
    let (code, stdout, stderr) = run(&env, &["tenant", "list"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, "");
    assert!(stderr.contains("sirt tenant add"), "{stderr}");
    assert_eq!(env.json(&["tenant", "list", "--format", "json"]), json!([]));
    assert_eq!(env.ok(&["tenant", "export"]).trim_end(), HEADER);
}

#[test]
fn show_gives_contacts_reach_and_open_incidents() {
    let env = Env::new();
    directory(&env);
    let shown = tenant_json(&env, "contoso");
    assert_eq!(shown["id"], "contoso");
    assert_eq!(shown["name"], "Contoso Ltd");
    assert_eq!(
        shown["admin"],
        json!([{"email": "it@contoso.example", "name": "Ida Park", "phone": "+442071234567"}])
    );
    assert_eq!(shown["privacy"], json!({"email": "privacy@contoso.example", "name": "Pia Lund"}));
    assert_eq!(
        shown["reach"],
        json!([
            {"channel": "message-center", "reachable": true, "problem": null},
            {"channel": "email-admin", "reachable": true, "problem": null},
            {"channel": "email-privacy", "reachable": true, "problem": null},
            {"channel": "phone", "reachable": true, "problem": null},
        ])
    );
    assert_eq!(shown["open_incidents"], json!([]));

    let bare = tenant_json(&env, "bare");
    let reach = bare["reach"].as_array().unwrap();
    assert_eq!(reach.len(), 4);
    assert!(reach.iter().all(|r| r["reachable"] == false && r["problem"].is_string()), "{bare}");
    assert_eq!(reach[1]["channel"], "email-admin");
    assert_eq!(reach[1]["problem"], "no administrator email");

    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso"]);
    assert_eq!(tenant_json(&env, "contoso")["open_incidents"], json!([id]));
    assert_eq!(tenant_json(&env, "bare")["open_incidents"], json!([]));

    let table = env.ok(&["tenant", "show", "contoso"]);
    for text in [
        "Contoso Ltd",
        "Ida Park <it@contoso.example>, +442071234567",
        "Pia Lund <privacy@contoso.example>",
        "eu-west",
        "gdpr-art33",
        "Reachable",
        &id,
    ] {
        assert!(table.contains(text), "no {text}:\n{table}");
    }
    let table = env.ok(&["tenant", "show", "bare"]);
    assert!(
        table.contains("no Global Privacy Contact") && table.contains("no administrator email"),
        "{table}"
    );
    assert!(table.contains("72h"), "the store default limit is shown:\n{table}");

    let stderr = env.fails(&["tenant", "show", "contoso", "--format", "csv"]);
    assert!(hint_of(&stderr).contains("sirt tenant export"), "{stderr}");
    let stderr = env.fails(&["tenant", "show", "nosuch"]);
    assert!(hint_of(&stderr).contains("sirt tenant list"), "{stderr}");
}

// ---- import ----

const GOOD: &str = "\
id,name,admin_email,admin_name,admin_phone,privacy_email,privacy_name,region,regime,notify_within
alpha,Alpha AG,it@alpha.example;ops@alpha.example,Ada;,+41441234567;,dpo@alpha.example,Dora,eu-central,gdpr-art33;nis2-art23,24h
beta,Beta LLC,admin@beta.example,,,,,us-east,,
gamma,\"Gamma, Inc.\",root@gamma.example,Gus,,,,,,48h
";

#[test]
fn import_adds_every_tenant_of_a_good_file_in_one_commit() {
    let env = Env::new();
    let path = write_file(&env, "directory.csv", GOOD.as_bytes());
    let before = env.commit_count();
    let (code, _, stderr) = import(&env, &path);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(env.commit_count(), before + 1, "one commit for the whole file");
    let subject = subject(&env);
    assert!(subject.contains("directory.csv") && subject.contains("3 added"), "{subject}");
    let mut touched = last_commit_files(&env);
    touched.sort();
    let mut expected = vec![tenant_rel("alpha"), tenant_rel("beta"), tenant_rel("gamma")];
    expected.sort();
    assert_eq!(touched, expected);
    for id in ["alpha", "beta", "gamma"] {
        assert_eq!(mode(&tenant_file(&env, id)), 0o600);
    }
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    let alpha = tenant_json(&env, "alpha");
    assert_eq!(
        alpha["admin"],
        json!([
            {"email": "it@alpha.example", "name": "Ada", "phone": "+41441234567"},
            {"email": "ops@alpha.example"},
        ])
    );
    assert_eq!(alpha["privacy"], json!({"email": "dpo@alpha.example", "name": "Dora"}));
    assert_eq!(alpha["regions"], json!(["eu-central"]));
    assert_eq!(alpha["regimes"], json!(["gdpr-art33", "nis2-art23"]));
    assert_eq!(alpha["notify_within"], "24h");
    assert_eq!(tenant_json(&env, "gamma")["name"], "Gamma, Inc.");
    assert!(tenant_json(&env, "beta")["privacy"].is_null());

    // The same file again changes nothing and says so.
    let before = env.untouched();
    let (code, _, stderr) = import(&env, &path);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("nothing to change"), "{stderr}");
    env.assert_untouched(&before, &["tenant", "import", &path]);
}

/// `git fsck --strict` of the store: nothing reported (no errors, warnings or dangling objects).
fn assert_fsck_clean(env: &Env) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(&env.store)
        .args(["fsck", "--strict", "--no-progress"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.is_empty(), "git fsck --strict: {said}");
}

#[test]
fn git_accepts_every_object_of_notes_imports_and_removals() {
    let env = Env::new();
    let id = env.declared("tokens leaked");
    env.ok(&["note", &id, "rotating keys"]);
    let mut csv = format!("{HEADER}\n");
    for n in 0..40 {
        csv.push_str(&format!("bulk-{n:02},Bulk {n} Ltd,it@bulk{n}.example,,,,,eu-west,,24h,,\n"));
    }
    let path = write_file(&env, "bulk.csv", csv.as_bytes());
    env.ok(&["tenant", "import", &path]);
    env.ok(&["tenant", "import", &path]);
    let path = write_file(&env, "bulk-v2.csv", csv.replace("Bulk 7 Ltd", "Bulk Seven").as_bytes());
    env.ok(&["tenant", "import", &path]);
    env.ok(&["tenant", "remove", "bulk-03"]);
    env.ok(&["note", &id, "keys rotated"]);
    assert_fsck_clean(&env);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    // Every change went into a pack of its own: nothing is left loose.
    let counts = env.git(&["count-objects", "-v"]);
    assert!(counts.lines().any(|l| l == "count: 0"), "{counts}");
    assert_eq!(
        env.file_at("HEAD", &tenant_rel("bulk-07"))
            .map(|b| String::from_utf8(b).unwrap().contains("Bulk Seven")),
        Some(true)
    );
    assert_eq!(env.file_at("HEAD", &tenant_rel("bulk-03")), None);
}

#[test]
fn importing_an_updated_file_updates_only_what_changed() {
    let env = Env::new();
    add_contoso(&env);
    let path = write_file(&env, "directory.csv", GOOD.as_bytes());
    env.ok(&["tenant", "import", &path]);
    let untouched: Vec<(String, Vec<u8>)> = ["contoso", "alpha", "gamma"]
        .iter()
        .map(|id| (id.to_string(), std::fs::read(tenant_file(&env, id)).unwrap()))
        .collect();

    let updated = GOOD.replace("beta,Beta LLC,admin@beta.example", "beta,Beta Corp,security@beta.example");
    let path = write_file(&env, "directory-v2.csv", updated.as_bytes());
    let before = env.commit_count();
    env.ok(&["tenant", "import", &path]);
    assert_eq!(env.commit_count(), before + 1);
    let subject = subject(&env);
    assert!(subject.contains("0 added") && subject.contains("1 updated"), "{subject}");
    assert_eq!(last_commit_files(&env), [tenant_rel("beta")]);

    let beta = tenant_json(&env, "beta");
    assert_eq!(beta["name"], "Beta Corp");
    assert_eq!(beta["admin"], json!([{"email": "security@beta.example"}]));
    assert_eq!(beta["regions"], json!(["us-east"]));
    for (id, bytes) in untouched {
        assert!(std::fs::read(tenant_file(&env, &id)).unwrap() == bytes, "{id} changed");
    }
}

#[test]
fn importing_only_some_columns_keeps_the_other_fields() {
    let env = Env::new();
    add_contoso(&env);
    let before_json = tenant_json(&env, "contoso");
    let path = write_file(&env, "names.csv", b"id,name\ncontoso,Contoso Group\nnewco,New Co\n");
    let before = env.commit_count();
    env.ok(&["tenant", "import", &path]);
    assert_eq!(env.commit_count(), before + 1);

    let mut expected = before_json;
    expected["name"] = json!("Contoso Group");
    assert_eq!(tenant_json(&env, "contoso"), expected, "only the name changed");
    let newco = tenant_json(&env, "newco");
    assert_eq!(newco["name"], "New Co");
    assert_eq!(newco["admin"], json!([]));

    // A column present but empty leaves the field alone (issue 15 reversed the old clearing)...
    let path = write_file(&env, "no-privacy.csv", b"id,privacy_email\ncontoso,\n");
    env.ok(&["tenant", "import", &path]);
    assert_eq!(tenant_json(&env, "contoso")["privacy"]["email"], "privacy@contoso.example");
    // ...and clears it with --clear-empty.
    env.ok(&["tenant", "import", &path, "--clear-empty"]);
    let contoso = tenant_json(&env, "contoso");
    assert!(contoso["privacy"].is_null(), "{contoso}");
    assert_eq!(contoso["name"], "Contoso Group");
    assert_eq!(contoso["admin"][0]["email"], "it@contoso.example");
}

#[test]
fn import_with_bad_rows_writes_nothing_and_reports_every_one() {
    let env = Env::new();
    add_contoso(&env);
    let csv = "\
id,name,admin_email,regime
alpha,Alpha AG,it@alpha.example,gdpr-art33
beta,Beta LLC,not-an-email,
gamma,Gamma Inc,root@gamma.example,
delta,Delta plc,it@delta.example,made-up
alpha,Alpha again,other@alpha.example,
epsilon,Epsilon,it@epsilon.example,
";
    let path = write_file(&env, "bad.csv", csv.as_bytes());
    let stderr = env.refused(&["tenant", "import", &path]);
    let reported: Vec<&str> = stderr.lines().filter(|l| l.trim_start().starts_with("line ")).collect();
    assert_eq!(reported.len(), 3, "every bad row and only those:\n{stderr}");
    assert!(reported[0].contains("line 3") && reported[0].contains("not-an-email"), "{stderr}");
    assert!(reported[1].contains("line 5") && reported[1].contains("made-up"), "{stderr}");
    assert!(
        reported[2].contains("line 6") && reported[2].contains("alpha") && reported[2].contains("line 2"),
        "{stderr}"
    );
    for id in ["alpha", "beta", "gamma", "delta", "epsilon"] {
        assert!(!tenant_file(&env, id).exists(), "{id} was written");
    }
    assert_eq!(env.json(&["tenant", "list", "--format", "json"]).as_array().unwrap().len(), 1);
}

#[test]
fn import_reports_bad_values_of_every_kind() {
    let env = Env::new();
    let csv = "\
id,name,admin_email,admin_name,admin_phone,privacy_email,privacy_name,region,regime,notify_within
a/b,Slash,a@x.example,,,,,,,
phone,Phone,a@x.example,,555-1234,,,,,
limit,Limit,a@x.example,,,,,,,96h
names,Names,a@x.example,A;B,,,,,,
orphan,Orphan,a@x.example,,,,Pia,,,
region,Region,a@x.example,,,,,eu west,,
ok,Fine,a@x.example,,,,,,,
";
    let path = write_file(&env, "values.csv", csv.as_bytes());
    let stderr = env.refused(&["tenant", "import", &path]);
    for (line, why) in
        [(2, "a/b"), (3, "555-1234"), (4, "96h"), (5, "administrator names"), (6, "privacy"), (7, "eu west")]
    {
        let prefix = format!("line {line}:");
        assert!(
            stderr.lines().any(|l| l.trim_start().starts_with(&prefix) && l.contains(why)),
            "line {line} not reported with '{why}':\n{stderr}"
        );
    }
    assert!(!stderr.contains("line 8"), "{stderr}");
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn import_refuses_wrong_columns() {
    let env = Env::new();
    for (name, csv, says) in [
        ("unknown.csv", "id,name,email\nx,X,a@x.example\n", "email"),
        ("typo.csv", "id,nme\nx,X\n", "nme"),
        ("noid.csv", "name,admin_email\nX,a@x.example\n", "id"),
        ("twice.csv", "id,name,name\nx,X,Y\n", "name"),
        ("empty.csv", "", ""),
    ] {
        let path = write_file(&env, name, csv.as_bytes());
        let stderr = env.refused(&["tenant", "import", &path]);
        assert!(stderr.contains(says), "{name}:\n{stderr}");
    }
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn import_refuses_rows_with_the_wrong_number_of_fields() {
    let env = Env::new();
    // An unterminated quote swallows the rest of the file into one field: too few fields.
    let path = write_file(
        &env,
        "quote.csv",
        b"id,name,admin_email\nx,\"Unterminated,a@x.example\ny,Y,a@y.example\n",
    );
    let stderr = env.refused(&["tenant", "import", &path]);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("fields"), "{stderr}");

    let path =
        write_file(&env, "short.csv", b"id,name,admin_email\nx,X,a@x.example\ny,Y\nz,Z,a@z.example,extra\n");
    let stderr = env.refused(&["tenant", "import", &path]);
    assert!(stderr.contains("line 3") && stderr.contains("line 4"), "{stderr}");
    assert!(!stderr.contains("line 2"), "{stderr}");
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn import_refuses_a_file_that_is_not_utf8() {
    let env = Env::new();
    let path = write_file(&env, "latin1.csv", b"id,name\nx,\xff\xfe\n");
    let stderr = env.refused(&["tenant", "import", &path]);
    assert!(stderr.contains("UTF-8"), "{stderr}");
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn import_refuses_a_header_that_is_not_utf8() {
    let env = Env::new();
    let path = write_file(&env, "header.csv", b"id,n\xe4me\nx,X\n");
    let stderr = env.refused(&["tenant", "import", &path]);
    assert!(stderr.contains("UTF-8") && stderr.contains("header"), "{stderr}");
    assert!(env.files_in("tenants").is_empty());
}

#[test]
fn import_of_a_missing_file_is_an_error() {
    let env = Env::new();
    let before = env.untouched();
    let missing = env.home.join("missing.csv");
    let stderr = env.fails(&["tenant", "import", missing.to_str().unwrap()]);
    assert!(stderr.contains("missing.csv"), "{stderr}");
    env.assert_untouched(&before, &["tenant", "import"]);
}

#[test]
fn export_then_import_into_a_fresh_store_gives_the_same_directory() {
    let env = Env::new();
    directory(&env);
    env.ok(&[
        "tenant",
        "add",
        "many-admins",
        "--name",
        "Many Admins GmbH",
        "--admin-email",
        "one@many.example",
        "--admin-email",
        "two@many.example",
        "--admin-email",
        "three@many.example",
        "--admin-name",
        "Uno",
        "--admin-name",
        "Dos",
        "--admin-phone",
        "+4930123456",
        "--privacy-email",
        "privacy@many.example",
        "--region",
        "eu-central",
        "--region",
        "eu-west",
        "--regime",
        "gdpr-art33,gdpr-art34,nis2-art23",
        "--notify-within",
        "36h",
    ]);
    env.ok(&[
        "tenant",
        "add",
        "privacy_only",
        "--name",
        "Zoë's Café — Ünïcode",
        "--privacy-email",
        "p@cafe.example",
        "--privacy-name",
        "Zoë O'Brien",
    ]);
    let path = write_file(&env, "import.csv", GOOD.as_bytes());
    env.ok(&["tenant", "import", &path]);

    let exported = env.ok(&["tenant", "export"]);
    assert_eq!(exported.lines().count(), 1 + 8, "{exported}");
    let listed = env.json(&["tenant", "list", "--format", "json"]);

    let fresh = Env::new();
    let path = write_file(&fresh, "export.csv", exported.as_bytes());
    let before = fresh.commit_count();
    fresh.ok(&["tenant", "import", &path]);
    assert_eq!(fresh.commit_count(), before + 1);
    assert_eq!(fresh.ok(&["tenant", "export"]), exported, "export → import → export is byte-identical");
    assert_eq!(fresh.json(&["tenant", "list", "--format", "json"]), listed);
    for id in ["contoso", "bare", "northwind", "many-admins", "privacy_only", "alpha", "beta", "gamma"] {
        assert!(
            std::fs::read(tenant_file(&env, id)).unwrap() == std::fs::read(tenant_file(&fresh, id)).unwrap(),
            "{id}.toml differs after the round trip"
        );
    }

    // And importing the export into the store it came from changes nothing.
    let path = write_file(&env, "export.csv", exported.as_bytes());
    let before = env.untouched();
    let (code, _, stderr) = import(&env, &path);
    assert_eq!(code, Some(0), "{stderr}");
    env.assert_untouched(&before, &["tenant", "import", "export.csv"]);
}

/// Whatever `tenant add` accepts must survive the CSV round trip.
fn round_trips(env: &Env, id: &str) {
    let exported = env.ok(&["tenant", "export"]);
    let fresh = Env::new();
    let path = write_file(&fresh, "export.csv", exported.as_bytes());
    let (code, _, stderr) = import(&fresh, &path);
    assert_eq!(code, Some(0), "the export of {id} does not import:\n{exported}\n{stderr}");
    assert_eq!(fresh.ok(&["tenant", "export"]), exported, "{id} changed in the round trip");
    assert_eq!(tenant_json(&fresh, id), tenant_json(env, id), "{id} changed in the round trip");
}

#[test]
fn round_trip_keeps_a_semicolon_in_an_admin_name() {
    let env = Env::new();
    let args = [
        "tenant",
        "add",
        "semi",
        "--name",
        "Semi Co",
        "--admin-email",
        "a@semi.example",
        "--admin-email",
        "b@semi.example",
        "--admin-name",
        "Smith; John",
        "--admin-name",
        "Bo",
    ];
    // Either `add` refuses a name the CSV cannot carry, or the CSV carries it.
    if env.run(&args).status.success() {
        round_trips(&env, "semi");
    }
}

#[test]
fn round_trip_keeps_spaces_around_a_name() {
    let env = Env::new();
    let args = ["tenant", "add", "padded", "--name", "  Padded Ltd ", "--admin-email", "a@padded.example"];
    // Either `add` refuses or trims the spaces, or the CSV keeps them.
    if env.run(&args).status.success() {
        round_trips(&env, "padded");
    }
}

// ---- check ----

/// Contoso (reachable everywhere), bare (nothing), no-privacy (admin with phone, no privacy),
/// bad-phone (a phone edited by hand into a malformed one) and bad-email (likewise an email).
fn check_directory(env: &Env) {
    add_contoso(env);
    env.ok(&["tenant", "add", "bare", "--name", "Bare Inc"]);
    env.ok(&[
        "tenant",
        "add",
        "no-privacy",
        "--name",
        "No Privacy",
        "--admin-email",
        "it@np.example",
        "--admin-phone",
        "+14155550123",
    ]);
    env.ok(&[
        "tenant",
        "add",
        "bad-phone",
        "--name",
        "Bad Phone",
        "--admin-email",
        "it@bp.example",
        "--admin-phone",
        "+14155550199",
        "--privacy-email",
        "p@bp.example",
    ]);
    env.ok(&[
        "tenant",
        "add",
        "bad-email",
        "--name",
        "Bad Email",
        "--admin-email",
        "it@be.example",
        "--admin-phone",
        "+14155550177",
        "--privacy-email",
        "p@be.example",
    ]);
    // The CLI refuses malformed values, so make them by hand, as someone editing the file would.
    for (id, from, to) in
        [("bad-phone", "+14155550199", "555-1234"), ("bad-email", "it@be.example", "it(at)be.example")]
    {
        let file = tenant_file(env, id);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{text}");
        std::fs::write(&file, text.replace(from, to)).unwrap();
    }
    env.git(&[
        "-c",
        "user.name=Hand",
        "-c",
        "user.email=hand@example.com",
        "commit",
        "-qam",
        "edited by hand",
    ]);
}

#[test]
fn check_lists_every_tenant_and_channel_with_the_reason() {
    let env = Env::new();
    check_directory(&env);
    let (code, table, stderr) = run(&env, &["tenant", "check"]);
    assert_eq!(code, Some(0), "{stderr}");
    let header = table.lines().next().unwrap();
    for column in ["TENANT", "MESSAGE-CENTER", "EMAIL-ADMIN", "EMAIL-PRIVACY", "PHONE"] {
        assert!(header.contains(column), "no {column} column:\n{table}");
    }
    let contoso = row(&table, "contoso").unwrap_or_else(|| panic!("no contoso row:\n{table}"));
    assert_eq!(oks(contoso), 4, "{table}");
    let bare = row(&table, "bare").unwrap();
    assert_eq!(oks(bare), 0, "{table}");
    assert!(bare.contains("no administrator email"), "{table}");
    assert!(bare.contains("no Global Privacy Contact"), "{table}");
    let no_privacy = row(&table, "no-privacy").unwrap();
    assert_eq!(oks(no_privacy), 3, "{table}");
    assert!(no_privacy.contains("no Global Privacy Contact"), "{table}");
    let bad_phone = row(&table, "bad-phone").unwrap();
    assert_eq!(oks(bad_phone), 3, "{table}");
    assert!(bad_phone.contains("malformed phone number") && bad_phone.contains("555-1234"), "{table}");
    let bad_email = row(&table, "bad-email").unwrap();
    assert_eq!(oks(bad_email), 3, "{table}");
    assert!(bad_email.contains("malformed administrator email"), "{table}");
    assert!(stderr.contains("1 of 5"), "a summary of how many are reachable everywhere:\n{stderr}");

    // Issue 15: --problems lists the tenants email cannot reach; --all-channels adds the ones
    // missing only an optional channel (privacy contact, phone).
    let problems = env.ok(&["tenant", "check", "--problems"]);
    for id in ["contoso", "no-privacy", "bad-phone"] {
        assert!(row(&problems, id).is_none(), "{id} in --problems:\n{problems}");
    }
    for id in ["bare", "bad-email"] {
        assert!(row(&problems, id).is_some(), "{id} missing from --problems:\n{problems}");
    }
    let problems = env.ok(&["tenant", "check", "--problems", "--all-channels"]);
    assert!(row(&problems, "contoso").is_none(), "{problems}");
    for id in ["bare", "no-privacy", "bad-phone", "bad-email"] {
        assert!(row(&problems, id).is_some(), "{id} missing from --problems --all-channels:\n{problems}");
    }

    let limited = env.ok(&["tenant", "check", "bad-phone", "contoso"]);
    assert!(row(&limited, "bad-phone").is_some() && row(&limited, "contoso").is_some(), "{limited}");
    assert!(row(&limited, "bare").is_none() && row(&limited, "no-privacy").is_none(), "{limited}");
    let stderr = env.fails(&["tenant", "check", "nosuch"]);
    assert!(stderr.contains("nosuch"), "{stderr}");
}

#[test]
fn check_json_and_csv() {
    let env = Env::new();
    check_directory(&env);
    let rows = env.json(&["tenant", "check", "--format", "json"]);
    let rows = rows.as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["tenant"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bad-email", "bad-phone", "bare", "contoso", "no-privacy"]);
    for row in rows {
        let channels: Vec<&str> =
            row["channels"].as_array().unwrap().iter().map(|c| c["channel"].as_str().unwrap()).collect();
        assert_eq!(channels, ["message-center", "email-admin", "email-privacy", "phone"], "{row}");
        assert_eq!(row["open_incidents"], json!([]));
    }
    let bad_phone = rows.iter().find(|r| r["tenant"] == "bad-phone").unwrap();
    assert_eq!(bad_phone["name"], "Bad Phone");
    assert_eq!(bad_phone["channels"][3]["reachable"], false);
    assert!(
        bad_phone["channels"][3]["problem"].as_str().unwrap().contains("malformed phone number"),
        "{bad_phone}"
    );
    assert_eq!(
        bad_phone["channels"][1],
        json!({"channel": "email-admin", "reachable": true, "problem": null})
    );
    let bare = rows.iter().find(|r| r["tenant"] == "bare").unwrap();
    assert_eq!(bare["channels"][1]["problem"], "no administrator email");
    assert_eq!(bare["channels"][2]["problem"], "no Global Privacy Contact");

    let problems = env.json(&["tenant", "check", "--problems", "--format", "json"]);
    assert_eq!(problems.as_array().unwrap().len(), 2);
    let problems = env.json(&["tenant", "check", "--problems", "--all-channels", "--format", "json"]);
    assert_eq!(problems.as_array().unwrap().len(), 4);
    let one = env.json(&["tenant", "check", "no-privacy", "--format", "json"]);
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["tenant"], "no-privacy");

    let csv = env.ok(&["tenant", "check", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "tenant,message-center,email-admin,email-privacy,phone,open_incidents");
    assert!(lines.contains(&"contoso,ok,ok,ok,ok,"), "{csv}");
    assert_eq!(lines.len(), 6, "{csv}");
}

#[test]
fn check_flag_gates_on_affected_tenants_reachable_by_email() {
    let env = Env::new();
    add_contoso(&env);
    env.ok(&["tenant", "add", "bare", "--name", "Bare Inc"]);
    env.ok(&["tenant", "add", "no-privacy", "--name", "No Privacy", "--admin-email", "it@np.example"]);

    // Problems, but no incident names those tenants.
    let (code, _, stderr) = run(&env, &["tenant", "check", "--check"]);
    assert_eq!(code, Some(0), "unaffected tenants with problems do not trip --check:\n{stderr}");

    // Affected tenants that can be reached by email (lacking only a privacy contact) pass.
    let id = env.declared("Mailbox export");
    env.ok(&["affected", &id, "contoso", "no-privacy"]);
    let (code, _, stderr) = run(&env, &["tenant", "check", "--check"]);
    assert_eq!(code, Some(0), "{stderr}");

    // One without an administrator email does not.
    env.ok(&["affected", &id, "bare"]);
    let (code, table, stderr) = run(&env, &["tenant", "check", "--check"]);
    assert_eq!(code, Some(3), "an affected tenant without email must trip --check:\n{stderr}");
    assert!(
        stderr.lines().any(|l| l.starts_with("error: ") && l.contains("bare") && l.contains(&id)),
        "{stderr}"
    );
    assert!(hint_of(&stderr).contains("sirt tenant set bare --admin-email"), "{stderr}");
    assert!(row(&table, "bare").unwrap().contains(&id), "the table names the incident:\n{table}");
    let (code, _, _) = run(&env, &["tenant", "check"]);
    assert_eq!(code, Some(0), "without --check the exit is 0");
    let (code, _, _) = run(&env, &["tenant", "check", "--check", "contoso"]);
    assert_eq!(code, Some(0), "--check only looks at the tenants it checks");

    // Fixing the contact, or taking the tenant off the list, clears it.
    env.ok(&["tenant", "set", "bare", "--admin-email", "it@bare.example"]);
    let (code, _, stderr) = run(&env, &["tenant", "check", "--check"]);
    assert_eq!(code, Some(0), "{stderr}");
    env.ok(&["tenant", "add", "late", "--name", "Late"]);
    env.ok(&["affected", &id, "late"]);
    assert_eq!(run(&env, &["tenant", "check", "--check"]).0, Some(3));
    env.ok(&["affected", &id, "late", "--remove"]);
    assert_eq!(run(&env, &["tenant", "check", "--check"]).0, Some(0));
}
