//! Notification drafts: `sirt notify` (which drafts, what they say, the formats and files, header
//! injection, template overrides, the refusal listing what is missing), the commands that record
//! what the drafts say (`describe`, `act`, `advise`) and `sirt notified`. Time is pinned; every
//! `notify` is checked to leave the store exactly as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::assert_has_all;
use crate::support::{ACTOR, Env};

/// The declaration of the fixture's incident, as the drafts print it.
const DECLARED: &str = "20 November 2026, 09:00 UTC";
/// The status page's own text.
const PUBLIC_TEXT: &str = "Some customers' hosted mail was read by an outsider; we have stopped it.";
const ORG: &str = "Northwind Cloud";
const SENDER: &str = "security@northwind.example";
const DESCRIPTION: &str =
    "An attacker used a stolen support credential to read mail stored in our hosted mail service.";
const SUMMARY: &str = "Mail in a small number of mailboxes was opened and read by an outsider.";
const ACTIONS: [&str; 2] = [
    "We revoked the stolen credential and closed every session it had opened.",
    "We added a second approval step for support access to customer mailboxes.",
];
const ADVICE: [&str; 2] = [
    "Review the mailbox audit log for access between 18 and 20 November.",
    "Rotate application passwords used by your mail clients.",
];
const CONTACT: &str = "security-response@example.com";
const DETAIL: &str = "3 mailboxes read";

const FULL_ADMINS: [&str; 2] = ["ida.park@fabrikam.example", "olu.obi@fabrikam.example"];
const FULL_PHONES: [&str; 2] = ["+493012345678", "+493087654321"];
const FULL_PRIVACY: &str = "privacy@fabrikam.example";
const PLAIN_ADMIN: &str = "it@plain.example";
const DORA_ADMIN: &str = "ops@dorabank.example";

/// Tenant ids, names and contacts of the fixture: what must never reach the status page.
const TENANT_DATA: [&str; 12] = [
    "Fabrikam GmbH",
    "Plain Trading Co",
    "Dora Bank AG",
    FULL_ADMINS[0],
    FULL_ADMINS[1],
    FULL_PRIVACY,
    PLAIN_ADMIN,
    DORA_ADMIN,
    FULL_PHONES[0],
    FULL_PHONES[1],
    "Ida Park",
    DETAIL,
];

// ---- helpers ----

/// A store that names its provider and sender: `notify` refuses the placeholders `init` writes.
fn named() -> Env {
    let env = Env::new();
    env.ok(&["config", "set", "organisation", ORG]);
    env.ok(&["config", "set", "sender_address", SENDER]);
    env
}

/// The three tenants of the fixture: `full` (two named admins with phones, a Global Privacy
/// Contact, GDPR), `plain` (one admin email, nothing else), `dora` (DORA, a 24h contract limit).
fn tenants(env: &Env) {
    env.ok(&[
        "tenant",
        "add",
        "full",
        "--name",
        "Fabrikam GmbH",
        "--admin-email",
        FULL_ADMINS[0],
        "--admin-name",
        "Ida Park",
        "--admin-phone",
        FULL_PHONES[0],
        "--admin-email",
        FULL_ADMINS[1],
        "--admin-name",
        "Olu Obi",
        "--admin-phone",
        FULL_PHONES[1],
        "--privacy-email",
        FULL_PRIVACY,
        "--privacy-name",
        "Pia Lund",
        "--region",
        "eu-west",
        "--regime",
        "gdpr-art33,gdpr-art34",
    ]);
    env.ok(&["tenant", "add", "plain", "--name", "Plain Trading Co", "--admin-email", PLAIN_ADMIN]);
    env.ok(&[
        "tenant",
        "add",
        "dora",
        "--name",
        "Dora Bank AG",
        "--admin-email",
        DORA_ADMIN,
        "--regime",
        "dora-art19",
        "--notify-within",
        "24h",
    ]);
}

/// Everything a notification must say, recorded on a confirmed incident: impact, description,
/// two actions, two pieces of advice.
fn complete(env: &Env, id: &str) {
    env.ok(&["impact", id, "--effect", "access,disclosure", "--summary", SUMMARY]);
    env.ok(&["describe", id, DESCRIPTION]);
    for action in ACTIONS {
        env.ok(&["act", id, action]);
    }
    for advice in ADVICE {
        env.ok(&["advise", id, advice]);
    }
}

/// The realistic fixture: the three tenants, an incident of `severity` detected at 08:00 and
/// confirmed at 09:00, everything recorded, all three tenants affected and `full` with a detail
/// of its own. Returns the incident id. 13 invocations.
fn fixture(env: &Env, severity: &str) -> String {
    tenants(env);
    let id = env.detect(
        "Unauthorized access to hosted mailboxes",
        &["--severity", severity, "--at", "2026-11-20T08:00:00Z"],
    );
    env.ok(&["confirm", &id, "--at", "2026-11-20T09:00:00Z"]);
    complete(env, &id);
    env.ok(&["affected", &id, "full", "plain", "dora"]);
    env.ok(&["affected", &id, "full", "--detail", DETAIL]);
    id
}

/// What the store looks like to git: commit count, HEAD and the working-tree status.
fn store_state(env: &Env) -> (usize, String, String) {
    (
        env.commit_count(),
        env.git(&["rev-parse", "HEAD"]),
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
    )
}

/// Runs `sirt notify …` and checks that it changed nothing in the store, whatever its outcome.
/// Returns (exit code, stdout, stderr).
fn notify(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let before = store_state(env);
    let mut full = vec!["notify"];
    full.extend(args);
    let out = env.run(&full);
    let after = store_state(env);
    assert_eq!(after.0, before.0, "sirt {full:?} made a commit");
    assert_eq!(after.1, before.1, "sirt {full:?} moved HEAD");
    assert_eq!(after.2, before.2, "sirt {full:?} changed the store's working tree");
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// `sirt notify …` that must succeed; returns stdout.
fn notify_ok(env: &Env, args: &[&str]) -> String {
    let (code, stdout, stderr) = notify(env, args);
    assert_eq!(code, Some(0), "sirt notify {args:?} failed:\n{stderr}");
    stdout
}

/// `sirt notify …` that must be refused: exit 1, an `error:` and a `hint:` line. Returns stderr.
fn notify_refused(env: &Env, args: &[&str]) -> String {
    let (code, stdout, stderr) = notify(env, args);
    assert_eq!(
        code,
        Some(1),
        "sirt notify {args:?} should fail with 1; stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stderr.starts_with("error: "), "no error: line for notify {args:?}:\n{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("hint: ")), "no hint: line for notify {args:?}:\n{stderr}");
    stderr
}

/// `sirt notify ID --format json` with `extra` options.
fn notify_json(env: &Env, id: &str, extra: &[&str]) -> Value {
    let mut args = vec![id, "--format", "json"];
    args.extend(extra);
    let stdout = notify_ok(env, &args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("notify {args:?} is not JSON ({e}):\n{stdout}"))
}

fn drafts(json: &Value) -> &Vec<Value> {
    json["drafts"].as_array().unwrap_or_else(|| panic!("no drafts list in:\n{json:#}"))
}

fn skipped(json: &Value) -> &Vec<Value> {
    json["skipped"].as_array().unwrap_or_else(|| panic!("no skipped list in:\n{json:#}"))
}

/// The channels `tenant` got a draft on.
fn channels_of(json: &Value, tenant: &str) -> BTreeSet<String> {
    drafts(json)
        .iter()
        .filter(|d| d["tenant"] == tenant)
        .map(|d| d["channel"].as_str().unwrap().to_string())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The one draft for `tenant` on `channel`.
fn draft<'a>(json: &'a Value, tenant: &str, channel: &str) -> &'a Value {
    let found: Vec<&Value> =
        drafts(json).iter().filter(|d| d["tenant"] == tenant && d["channel"] == channel).collect();
    assert_eq!(found.len(), 1, "expected one {tenant} {channel} draft in:\n{json:#}");
    found[0]
}

/// The reason the `tenant` draft on `channel` was not produced.
fn skip_reason(json: &Value, tenant: Option<&str>, channel: &str) -> String {
    let tenant = tenant.map_or(Value::Null, Value::from);
    let found: Vec<&Value> =
        skipped(json).iter().filter(|s| s["tenant"] == tenant && s["channel"] == channel).collect();
    assert_eq!(found.len(), 1, "expected one skipped {tenant} {channel} in:\n{json:#}");
    found[0]["reason"].as_str().unwrap().to_string()
}

fn body(draft: &Value) -> &str {
    draft["body"].as_str().unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

/// The words of a text, split at anything that cannot be part of a tenant id.
fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn out_dir(env: &Env, name: &str) -> PathBuf {
    env.home.join(name)
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                found.insert(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut found = BTreeSet::new();
    walk(dir, dir, &mut found);
    found
}

/// The rows of `DIR/index.csv`, header checked.
fn index(dir: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(dir.join("index.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["tenant", "channel", "recipient", "file", "warning"]);
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

fn index_row<'a>(rows: &'a [Vec<String>], tenant: &str, channel: &str) -> &'a Vec<String> {
    let found: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == tenant && r[1] == channel).collect();
    assert_eq!(found.len(), 1, "expected one {tenant},{channel} row in index.csv: {rows:?}");
    found[0]
}

fn parse_mail(raw: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default()
        .parse(raw)
        .unwrap_or_else(|| panic!("not a message:\n{}", String::from_utf8_lossy(raw)))
}

/// The addresses of the To header.
fn to_addresses(message: &mail_parser::Message) -> Vec<String> {
    message
        .to()
        .unwrap_or_else(|| panic!("no To header"))
        .iter()
        .map(|a| a.address().unwrap_or_default().to_string())
        .collect()
}

/// The raw header block of an RFC 5322 message (before the first empty line).
fn header_block(raw: &str) -> &str {
    raw.split("\r\n\r\n").next().unwrap()
}

/// Writes a file in the store's `templates/` directory.
fn template(env: &Env, name: &str, text: &str) {
    let path = env.store.join("templates").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    env.commit_by_hand(&format!("template {name}"));
}

// ---- which drafts ----

#[test]
fn each_tenant_gets_the_drafts_its_contacts_allow_and_the_rest_are_explained() {
    let env = named();
    let id = fixture(&env, "sev1");
    let json = notify_json(&env, &id, &[]);
    assert_eq!(json["incident"], id.as_str());

    for d in drafts(&json) {
        for key in ["incident", "tenant", "channel", "recipients", "subject", "body", "gaps"] {
            assert!(d.get(key).is_some(), "a draft lacks {key}: {d:#}");
        }
        assert_eq!(d["incident"], id.as_str());
        assert_eq!(d["gaps"], serde_json::json!([]), "a complete incident has no gaps: {d:#}");
        let subject = d["subject"].as_str().unwrap();
        assert!(subject.contains(&id), "the subject names the incident: {subject}");
    }
    for s in skipped(&json) {
        for key in ["tenant", "channel", "reason"] {
            assert!(s.get(key).is_some(), "a skipped entry lacks {key}: {s:#}");
        }
    }

    assert_eq!(channels_of(&json, "full"), set(&["message-center", "email-admin", "email-privacy", "phone"]));
    assert_eq!(channels_of(&json, "plain"), set(&["message-center", "email-admin"]));
    assert_eq!(channels_of(&json, "dora"), set(&["message-center", "email-admin"]));

    assert_eq!(strings(&draft(&json, "full", "email-admin")["recipients"]), FULL_ADMINS);
    assert_eq!(strings(&draft(&json, "full", "email-privacy")["recipients"]), [FULL_PRIVACY]);
    assert_eq!(strings(&draft(&json, "full", "phone")["recipients"]), FULL_PHONES);
    assert_eq!(strings(&draft(&json, "plain", "email-admin")["recipients"]), [PLAIN_ADMIN]);
    assert_eq!(strings(&draft(&json, "dora", "email-admin")["recipients"]), [DORA_ADMIN]);
    let post = strings(&draft(&json, "full", "message-center")["recipients"]).join(" ");
    assert!(post.contains("full"), "the message-center post goes to the tenant's portal: {post}");
    assert!(body(draft(&json, "full", "message-center")).to_lowercase().contains("data privacy"));

    let privacy = skip_reason(&json, Some("plain"), "email-privacy");
    assert!(privacy.contains("no Global Privacy Contact"), "{privacy}");
    let phone = skip_reason(&json, Some("plain"), "phone");
    assert!(phone.contains("phone"), "{phone}");
    assert!(skip_reason(&json, Some("dora"), "email-privacy").contains("no Global Privacy Contact"));
    let status = skip_reason(&json, None, "status-page");
    assert!(status.contains(&format!("sirt publish {id}")), "{status}");
    assert!(!drafts(&json).iter().any(|d| d["channel"] == "status-page"));
    assert_eq!(skipped(&json).len(), 5, "{json:#}");

    // The text form: every draft headed by its tenant and channel, the skipped ones on stderr.
    let (code, stdout, stderr) = notify(&env, &[&id]);
    assert_eq!(code, Some(0), "{stderr}");
    for (tenant, channel) in [
        ("full", "message-center"),
        ("full", "email-admin"),
        ("full", "email-privacy"),
        ("full", "phone"),
        ("plain", "message-center"),
        ("plain", "email-admin"),
        ("dora", "message-center"),
        ("dora", "email-admin"),
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with("====") && words(l).contains(tenant) && l.contains(channel)),
            "no heading for {tenant} {channel}:\n{stdout}"
        );
    }
    assert!(stderr.contains("plain") && stderr.contains("no Global Privacy Contact"), "{stderr}");

    // Once published with its own text, exactly one public entry, with nothing of any tenant in it.
    env.ok(&["publish", &id, "--text", PUBLIC_TEXT]);
    let json = notify_json(&env, &id, &[]);
    let public: Vec<&Value> = drafts(&json).iter().filter(|d| d["channel"] == "status-page").collect();
    assert_eq!(public.len(), 1, "{json:#}");
    let entry = public[0];
    assert_eq!(entry["tenant"], Value::Null);
    assert!(!skipped(&json).iter().any(|s| s["channel"] == "status-page"), "{json:#}");
    let text = format!("{}\n{}\n{}", entry["subject"], entry["recipients"], body(entry));
    assert!(body(entry).contains(PUBLIC_TEXT), "{text}");
    assert!(!body(entry).contains(DESCRIPTION), "the tenants' description is not public:\n{text}");
    for tenant in ["full", "plain", "dora"] {
        assert!(!words(&text).contains(tenant), "the status page names tenant {tenant}:\n{text}");
    }
    for data in TENANT_DATA {
        assert!(!text.contains(data), "the status page carries tenant data {data:?}:\n{text}");
    }
}

#[test]
fn a_severity_outside_phone_severities_gets_no_call_script() {
    let env = named();
    let id = fixture(&env, "sev3");
    let json = notify_json(&env, &id, &[]);
    assert!(!drafts(&json).iter().any(|d| d["channel"] == "phone"), "{json:#}");
    assert_eq!(channels_of(&json, "full"), set(&["message-center", "email-admin", "email-privacy"]));
    let reason = skip_reason(&json, Some("full"), "phone");
    assert!(reason.contains("phone_severities"), "{reason}");
    assert!(reason.contains("sev3"), "{reason}");
}

// ---- what the drafts say ----

#[test]
fn every_tenant_draft_carries_every_required_piece() {
    let env = named();
    let id = fixture(&env, "sev1");
    let json = notify_json(&env, &id, &[]);
    let mut common = vec![
        id.as_str(),
        DECLARED,
        DESCRIPTION,
        "accessed without authorization",
        "disclosed without authorization",
        SUMMARY,
        "not an admission of fault or liability",
        CONTACT,
    ];
    common.extend(ACTIONS);
    common.extend(ADVICE);

    // The call script: verify first, then the key points in order, what to ask, what to record.
    let script = body(draft(&json, "full", "phone"));
    let lower = script.to_lowercase();
    let verify = lower.find("verif").unwrap_or_else(|| panic!("no verification step:\n{script}"));
    let told = script.find(DESCRIPTION).unwrap();
    assert!(verify < told, "the caller is verified before anything is disclosed:\n{script}");
    assert!(lower.contains("key points"), "{script}");
    let order = [DESCRIPTION, SUMMARY, ACTIONS[0], ADVICE[0]].map(|p| script.find(p).unwrap());
    assert!(order.windows(2).all(|w| w[0] < w[1]), "key points out of order:\n{script}");
    let after_points = &lower[order[3]..];
    let confirm = after_points
        .find("confirm")
        .unwrap_or_else(|| panic!("nothing to ask after the key points:\n{script}"));
    let record =
        after_points.rfind("record").unwrap_or_else(|| panic!("nothing to record afterwards:\n{script}"));
    assert!(confirm < record, "ask, then record:\n{script}");
    assert!(lower.contains("contact"), "the customer is asked to confirm their contacts:\n{script}");
    assert!(
        script.contains(&format!("sirt notified {id} full --via phone")),
        "the script says what to record afterwards:\n{script}"
    );
    for admin in FULL_ADMINS.iter().chain(&FULL_PHONES) {
        assert!(script.contains(admin), "the script lists who may be told ({admin}):\n{script}");
    }

    let tenant_drafts: Vec<&Value> = drafts(&json).iter().filter(|d| !d["tenant"].is_null()).collect();
    assert_eq!(tenant_drafts.len(), 8);
    // Every piece in every draft: collect what lacks what, so one report shows all of it.
    let mut lacking = Vec::new();
    for d in &tenant_drafts {
        let what = format!("the {} {} draft", d["tenant"], d["channel"]);
        let text = body(d);
        let missing: Vec<&&str> = common.iter().filter(|n| !text.contains(**n)).collect();
        if !missing.is_empty() {
            lacking.push(format!("{what} lacks {missing:?}"));
        }
        match d["tenant"].as_str().unwrap() {
            "full" => {
                assert_has_all(text, &what, &["GDPR Art. 33", "GDPR Art. 34", "72 hours", "help"]);
                assert!(!text.contains("DORA"), "{what} names dora's regime:\n{text}");
            }
            "plain" => {
                assert!(text.contains("controller"), "{what} has no controller paragraph:\n{text}");
                for regime in ["GDPR", "DORA", "72 hours"] {
                    assert!(
                        !text.contains(regime),
                        "{what} lists a regime ({regime}) plain does not have:\n{text}"
                    );
                }
            }
            "dora" => {
                assert!(text.contains("DORA"), "{what} does not name DORA:\n{text}");
                assert!(!text.contains("GDPR"), "{what} names full's regimes:\n{text}");
            }
            other => panic!("a draft for {other}"),
        }
    }
    assert!(lacking.is_empty(), "required pieces missing:\n{}", lacking.join("\n"));
}

#[test]
fn a_tenant_specific_detail_stays_in_its_own_tenants_drafts() {
    let env = named();
    let id = fixture(&env, "sev1");
    env.ok(&["publish", &id, "--text", PUBLIC_TEXT]);
    let json = notify_json(&env, &id, &[]);
    for d in drafts(&json) {
        let text = format!("{}\n{}\n{}", d["subject"], d["recipients"], body(d));
        if d["tenant"] == "full" {
            assert!(text.contains(DETAIL), "the {} full draft lacks its detail:\n{text}", d["channel"]);
        } else {
            assert!(
                !text.contains(DETAIL),
                "full's detail leaked into the {} {} draft:\n{text}",
                d["tenant"],
                d["channel"]
            );
        }
        // Nor does one tenant's name or contact reach another's draft.
        if d["tenant"] == "plain" || d["tenant"] == "dora" {
            for other in ["Fabrikam GmbH", FULL_ADMINS[0], FULL_PRIVACY] {
                assert!(
                    !text.contains(other),
                    "{other} is in the {} {} draft:\n{text}",
                    d["tenant"],
                    d["channel"]
                );
            }
        }
    }
    let text = notify_ok(&env, &[&id, "--tenant", "plain", "--tenant", "dora"]);
    assert!(!text.contains(DETAIL), "{text}");
}

// ---- filters ----

#[test]
fn tenant_and_channel_filters_narrow_the_drafts() {
    let env = named();
    let id = fixture(&env, "sev1");
    env.ok(&[
        "tenant",
        "add",
        "bystander",
        "--name",
        "Bystander Ltd",
        "--admin-email",
        "it@bystander.example",
    ]);

    let json = notify_json(&env, &id, &["--tenant", "plain"]);
    assert_eq!(channels_of(&json, "plain"), set(&["message-center", "email-admin"]));
    assert!(drafts(&json).iter().all(|d| d["tenant"] == "plain"), "{json:#}");

    let json = notify_json(&env, &id, &["--tenant", "full", "--tenant", "dora", "--channel", "email-admin"]);
    let got: BTreeSet<(String, String)> = drafts(&json)
        .iter()
        .map(|d| (d["tenant"].as_str().unwrap().to_string(), d["channel"].as_str().unwrap().to_string()))
        .collect();
    let want: BTreeSet<(String, String)> = [("dora", "email-admin"), ("full", "email-admin")]
        .iter()
        .map(|(t, c)| (t.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert!(skipped(&json).is_empty(), "only what was asked for is considered: {json:#}");

    let json = notify_json(&env, &id, &["--channel", "phone,email-privacy"]);
    let channels: BTreeSet<String> =
        drafts(&json).iter().map(|d| d["channel"].as_str().unwrap().to_string()).collect();
    assert_eq!(channels, set(&["phone", "email-privacy"]));
    assert_eq!(channels_of(&json, "full"), set(&["phone", "email-privacy"]));
    assert!(skipped(&json).iter().all(|s| s["channel"] == "phone" || s["channel"] == "email-privacy"));

    let json =
        notify_json(&env, &id, &["--channel", "phone", "--channel", "message-center", "--tenant", "full"]);
    assert_eq!(channels_of(&json, "full"), set(&["phone", "message-center"]));
    assert_eq!(drafts(&json).len(), 2);

    for stranger in ["bystander", "nosuch"] {
        let stderr = notify_refused(&env, &[&id, "--tenant", stranger]);
        assert!(stderr.contains(stranger), "the refusal names {stranger}:\n{stderr}");
        let hint = stderr.lines().find(|l| l.starts_with("hint: ")).unwrap();
        assert!(hint.contains("sirt affected"), "{hint}");
    }
    let stderr = notify_refused(&env, &[&id, "--tenant", "full", "--tenant", "bystander"]);
    assert!(stderr.contains("bystander"), "{stderr}");

    // Naming a tenant twice still gives one draft per channel.
    let json =
        notify_json(&env, &id, &["--tenant", "plain", "--tenant", "plain", "--channel", "email-admin"]);
    assert_eq!(drafts(&json).len(), 1, "one draft for plain's email-admin:\n{json:#}");
}

// ---- formats and files ----

#[test]
fn eml_drafts_parse_as_messages_to_the_right_recipients() {
    let env = named();
    let id = fixture(&env, "sev1");
    let dir = out_dir(&env, "eml");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml"]);

    let files = files_under(&dir);
    let want = set(&[
        "index.csv",
        ".sirt-drafts",
        "full/message-center.txt",
        "full/email-admin.eml",
        "full/email-privacy.eml",
        "full/phone.txt",
        "plain/message-center.txt",
        "plain/email-admin.eml",
        "dora/message-center.txt",
        "dora/email-admin.eml",
    ]);
    assert_eq!(files, want);

    let raw = std::fs::read(dir.join("full/email-admin.eml")).unwrap();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(
        !text.replace("\r\n", "").contains(['\n', '\r']),
        "the message does not use CRLF throughout:\n{text:?}"
    );
    let message = parse_mail(&raw);
    assert_eq!(to_addresses(&message), FULL_ADMINS);
    let subject = message.subject().unwrap_or_else(|| panic!("no Subject:\n{text}"));
    assert!(subject.contains(&id) && subject.contains("Fabrikam GmbH"), "{subject}");
    let date = message.date().unwrap_or_else(|| panic!("no Date:\n{text}"));
    assert_eq!(
        (date.year, date.month, date.day, date.hour, date.minute),
        (2026, 11, 20, 12, 0),
        "the pinned now"
    );
    let message_id = message.message_id().unwrap_or_else(|| panic!("no Message-ID:\n{text}"));
    assert!(message_id.contains('@'), "{message_id}");
    assert!(message.from().is_some(), "no From:\n{text}");
    assert!(message.bcc().is_none() && message.cc().is_none(), "{text}");
    let body = message.body_text(0).unwrap();
    assert_has_all(
        &body,
        "the full email-admin message body",
        &[DESCRIPTION, SUMMARY, ACTIONS[1], DETAIL, CONTACT],
    );

    let privacy = std::fs::read(dir.join("full/email-privacy.eml")).unwrap();
    let privacy = parse_mail(&privacy);
    assert_eq!(to_addresses(&privacy), [FULL_PRIVACY]);
    assert_ne!(privacy.message_id(), Some(message_id), "each message has its own Message-ID");

    for (tenant, admin) in [("plain", PLAIN_ADMIN), ("dora", DORA_ADMIN)] {
        let raw = std::fs::read(dir.join(format!("{tenant}/email-admin.eml"))).unwrap();
        let message = parse_mail(&raw);
        assert_eq!(to_addresses(&message), [admin]);
        let body = message.body_text(0).unwrap();
        assert!(body.contains(DESCRIPTION) && !body.contains(DETAIL), "{body}");
    }

    // On stdout, each email is a message too.
    let stdout = notify_ok(&env, &[&id, "--format", "eml", "--tenant", "plain", "--channel", "email-admin"]);
    let start = stdout.find("From: ").unwrap_or_else(|| panic!("no message on stdout:\n{stdout}"));
    let message = parse_mail(&stdout.as_bytes()[start..]);
    assert_eq!(to_addresses(&message), [PLAIN_ADMIN]);
}

#[test]
fn out_writes_one_file_per_draft_an_index_and_a_summary() {
    let env = named();
    let id = fixture(&env, "sev1");
    env.ok(&["publish", &id, "--text", PUBLIC_TEXT]);

    let dir = out_dir(&env, "drafts");
    let stdout = notify_ok(&env, &[&id, "--out", dir.to_str().unwrap()]);
    let want = set(&[
        "index.csv",
        ".sirt-drafts",
        "status-page.txt",
        "full/message-center.txt",
        "full/email-admin.txt",
        "full/email-privacy.txt",
        "full/phone.txt",
        "plain/message-center.txt",
        "plain/email-admin.txt",
        "dora/message-center.txt",
        "dora/email-admin.txt",
    ]);
    assert_eq!(files_under(&dir), want);

    let admin = std::fs::read_to_string(dir.join("full/email-admin.txt")).unwrap();
    assert_has_all(&admin, "full/email-admin.txt", &[FULL_ADMINS[0], FULL_ADMINS[1], DESCRIPTION, DETAIL]);
    let public = std::fs::read_to_string(dir.join("status-page.txt")).unwrap();
    assert!(
        public.contains(PUBLIC_TEXT) && !public.contains(DETAIL) && !public.contains("Fabrikam"),
        "{public}"
    );

    let rows = index(&dir);
    assert_eq!(rows.len(), 9 + 4, "every draft and every one not produced: {rows:?}");
    let row = index_row(&rows, "full", "email-admin");
    assert_eq!(row[2].split_whitespace().collect::<Vec<_>>(), FULL_ADMINS);
    assert_eq!(row[3], "full/email-admin.txt");
    assert_eq!(row[4], "");
    assert_eq!(index_row(&rows, "full", "phone")[2].split_whitespace().collect::<Vec<_>>(), FULL_PHONES);
    assert_eq!(index_row(&rows, "plain", "email-admin")[2], PLAIN_ADMIN);
    let public_row = rows.iter().find(|r| r[1] == "status-page").unwrap();
    assert_eq!(public_row[3], "status-page.txt");
    for (tenant, channel) in
        [("plain", "email-privacy"), ("plain", "phone"), ("dora", "email-privacy"), ("dora", "phone")]
    {
        let row = index_row(&rows, tenant, channel);
        assert!(row[4].starts_with("not produced: "), "{row:?}");
        assert_eq!(row[3], "", "no file for a draft not produced: {row:?}");
    }
    assert!(index_row(&rows, "plain", "email-privacy")[4].contains("no Global Privacy Contact"));

    // The summary table on stdout.
    assert!(stdout.contains("TENANT") && stdout.contains("CHANNEL") && stdout.contains("FILE"), "{stdout}");
    for file in ["full/email-admin.txt", "plain/message-center.txt", "status-page.txt"] {
        assert!(stdout.contains(file), "the summary lacks {file}:\n{stdout}");
    }
    assert!(stdout.contains("not produced: no Global Privacy Contact"), "{stdout}");
    assert!(stdout.lines().any(|l| l.contains("full") && l.contains(FULL_ADMINS[0])), "{stdout}");

    // Markdown: .md files.
    let md = out_dir(&env, "md");
    notify_ok(&env, &[&id, "--out", md.to_str().unwrap(), "--format", "markdown"]);
    let files = files_under(&md);
    assert!(files.contains("full/email-admin.md") && files.contains("status-page.md"), "{files:?}");
    assert!(files.iter().all(|f| f == "index.csv" || f == ".sirt-drafts" || f.ends_with(".md")), "{files:?}");
    assert_eq!(files.len(), want.len());
    assert!(index(&md).iter().any(|r| r[3] == "plain/email-admin.md"));
    let text = std::fs::read_to_string(md.join("plain/email-admin.md")).unwrap();
    assert!(text.contains(DESCRIPTION) && text.contains(PLAIN_ADMIN), "{text}");

    // JSON: .json files, each a draft with its metadata.
    let js = out_dir(&env, "json");
    notify_ok(&env, &[&id, "--out", js.to_str().unwrap(), "--format", "json"]);
    let files = files_under(&js);
    assert_eq!(files.len(), want.len(), "{files:?}");
    for file in files.iter().filter(|f| *f != "index.csv" && *f != ".sirt-drafts") {
        assert!(file.ends_with(".json"), "{file}");
        let text = std::fs::read_to_string(js.join(file)).unwrap();
        let d: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON ({e}):\n{text}"));
        let channel = file.rsplit('/').next().unwrap().trim_end_matches(".json");
        assert_eq!(d["channel"], channel, "{file}");
        assert_eq!(d["incident"], id.as_str());
        match file.split_once('/') {
            Some((tenant, _)) => assert_eq!(d["tenant"], tenant, "{file}"),
            None => assert_eq!(d["tenant"], Value::Null, "{file}"),
        }
        let text = if file == "status-page.json" { PUBLIC_TEXT } else { DESCRIPTION };
        assert!(body(&d).contains(text), "{file}");
    }
}

// ---- header injection ----

#[test]
fn tenant_data_cannot_inject_a_header() {
    let env = named();
    env.ok(&[
        "tenant",
        "add",
        "evil",
        "--name",
        "Evil Corp",
        "--admin-email",
        "it@evil.example",
        "--admin-phone",
        "+441632960001",
    ]);
    let path = env.tenant_file("evil");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name = \"Evil Corp\""), "{text}");
    let text = text.replace("name = \"Evil Corp\"", "name = \"Evil Corp\\r\\nBcc: evil@x.example\"");
    let text = format!(
        "{text}\n[[admin]]\nemail = \"ok@x.example\\r\\nBcc: evil@x.example\"\nname = \"Mal Lory\\r\\nBcc: evil@x.example\"\nphone = \"+441632960002\"\n\n[privacy]\nemail = \"privacy@evil.example\\r\\nBcc: evil@x.example\"\n"
    );
    std::fs::write(&path, text).unwrap();
    env.commit_by_hand("x");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    let tenant = env.json(&["tenant", "show", "evil", "--format", "json"]);
    assert!(tenant["name"].as_str().unwrap().contains("\r\nBcc:"), "{tenant:#}");
    assert!(tenant["admin"][1]["email"].as_str().unwrap().contains("\r\nBcc:"), "{tenant:#}");
    assert!(tenant["admin"][1]["name"].as_str().unwrap().contains("\r\nBcc:"), "{tenant:#}");

    let id = env.declared("Mailbox access");
    complete(&env, &id);
    env.ok(&["affected", &id, "evil"]);

    let json = notify_json(&env, &id, &[]);
    for d in drafts(&json) {
        let subject = d["subject"].as_str().unwrap();
        assert!(!subject.contains(['\r', '\n']), "a line break in the subject: {subject:?}");
        for r in strings(&d["recipients"]) {
            assert!(!r.contains(['\r', '\n']), "a line break in a recipient: {r:?}");
            assert!(!r.contains("evil@x.example"), "the injected address is a recipient: {r:?}");
        }
        for line in body(d).lines() {
            assert!(!line.starts_with("Bcc:"), "a Bcc line in the {} body:\n{}", d["channel"], body(d));
        }
    }
    let reason = skip_reason(&json, Some("evil"), "email-privacy");
    assert!(!reason.contains(['\r', '\n']), "a line break in the reason: {reason:?}");
    if let Some(d) = drafts(&json).iter().find(|d| d["channel"] == "email-admin") {
        assert_eq!(strings(&d["recipients"]), ["it@evil.example"], "only the valid address");
    }

    let dir = out_dir(&env, "eml");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml"]);
    let stdout = notify_ok(&env, &[&id, "--format", "eml"]);
    assert!(!stdout.lines().any(|l| l.starts_with("Bcc:")), "a Bcc line on stdout:\n{stdout}");
    for file in files_under(&dir) {
        let raw = std::fs::read_to_string(dir.join(&file)).unwrap();
        for line in raw.split(['\r', '\n']) {
            assert!(!line.starts_with("Bcc:"), "a Bcc line in {file}:\n{raw}");
        }
    }
    let eml = dir.join("evil/email-admin.eml");
    assert!(eml.is_file(), "the valid admin still gets the email: {:?}", files_under(&dir));
    let raw = std::fs::read(&eml).unwrap();
    let message = parse_mail(&raw);
    assert!(message.bcc().is_none(), "mail-parser finds a Bcc header");
    assert!(!message.headers().iter().any(|h| h.name().eq_ignore_ascii_case("bcc")));
    assert_eq!(to_addresses(&message), ["it@evil.example"]);
    let subject = message.subject().unwrap();
    assert!(subject.contains(&id), "{subject}");
}

#[test]
fn a_description_with_a_header_line_stays_in_the_body() {
    let env = named();
    env.ok(&["tenant", "add", "plain", "--name", "Plain Trading Co", "--admin-email", PLAIN_ADMIN]);
    let id = env.declared("Mailbox access");
    env.ok(&["impact", &id, "--effect", "access", "--summary", SUMMARY]);
    env.ok(&["describe", &id, "Mail was read.\nBcc: x@y.example"]);
    env.ok(&["act", &id, ACTIONS[0]]);
    env.ok(&["advise", &id, ADVICE[0]]);
    env.ok(&["affected", &id, "plain"]);

    let dir = out_dir(&env, "eml");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml", "--channel", "email-admin"]);
    let raw = std::fs::read(dir.join("plain/email-admin.eml")).unwrap();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(!header_block(&text).to_lowercase().contains("bcc"), "a Bcc in the headers:\n{text}");
    let message = parse_mail(&raw);
    assert!(message.bcc().is_none(), "mail-parser finds a Bcc header:\n{text}");
    assert!(!message.headers().iter().any(|h| h.name().eq_ignore_ascii_case("bcc")), "{text}");
    assert_eq!(to_addresses(&message), [PLAIN_ADMIN]);
    let body = message.body_text(0).unwrap();
    assert!(
        body.contains("Mail was read.") && body.contains("Bcc: x@y.example"),
        "the text stays in the body:\n{body}"
    );
}

#[test]
fn non_ascii_text_survives_the_eml_round_trip() {
    let env = named();
    env.ok(&[
        "tenant",
        "add",
        "soc",
        "--name",
        "Société Générale d'Exemple",
        "--admin-email",
        "it@soc.example",
    ]);
    let id = env.declared("Mailbox access");
    env.ok(&["impact", &id, "--effect", "access", "--summary", SUMMARY]);
    env.ok(&["describe", &id, "Mail in our München region was read — we are sorry."]);
    env.ok(&["act", &id, ACTIONS[0]]);
    env.ok(&["advise", &id, ADVICE[0]]);
    env.ok(&["affected", &id, "soc"]);

    let dir = out_dir(&env, "eml");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml", "--channel", "email-admin"]);
    let raw = std::fs::read(dir.join("soc/email-admin.eml")).unwrap();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(header_block(&text).is_ascii(), "raw non-ASCII in the headers:\n{text}");
    let message = parse_mail(&raw);
    let subject = message.subject().unwrap();
    assert!(subject.contains("Société Générale d'Exemple") && subject.contains(&id), "{subject}");
    let body = message.body_text(0).unwrap();
    assert!(body.contains("München region was read — we are sorry."), "{body}");
}

// ---- templates ----

#[test]
fn a_template_override_replaces_its_channel_only() {
    let env = named();
    env.ok(&["tenant", "add", "plain", "--name", "Plain Trading Co", "--admin-email", PLAIN_ADMIN]);
    let id = env.declared("Mailbox access");
    complete(&env, &id);
    env.ok(&["affected", &id, "plain"]);

    template(&env, "email-admin.txt", "Custom for {{ tenant.name }} about {{ incident.id }}\n");
    let json = notify_json(&env, &id, &[]);
    let custom = body(draft(&json, "plain", "email-admin"));
    assert_eq!(custom.trim(), format!("Custom for Plain Trading Co about {id}"));
    let post = body(draft(&json, "plain", "message-center"));
    assert_has_all(
        post,
        "the built-in message-center draft",
        &[DESCRIPTION, "not an admission of fault or liability", CONTACT],
    );

    // The subject has its own template.
    template(
        &env,
        "subject.txt",
        "[{{ incident.id }}] notice{% if tenant %} for {{ tenant.name }}{% endif %}",
    );
    let json = notify_json(&env, &id, &["--channel", "message-center"]);
    assert_eq!(
        draft(&json, "plain", "message-center")["subject"],
        format!("[{id}] notice for Plain Trading Co")
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    let env = named();
    env.ok(&["tenant", "add", "plain", "--name", "Plain Trading Co", "--admin-email", PLAIN_ADMIN]);
    let id = env.declared("Mailbox access");
    complete(&env, &id);
    env.ok(&["affected", &id, "plain"]);

    template(&env, "email-admin.txt", "Hello {{ tenant.name }},\n\n{% if incident.id %}\nno end\n");
    let stderr = notify_refused(&env, &[&id]);
    assert!(stderr.contains("templates/email-admin.txt:3"), "the error names the file and line:\n{stderr}");

    template(&env, "email-admin.txt", "Hello {{ tenant.name }},\n{{ customer.mood }}\n");
    let stderr = notify_refused(&env, &[&id]);
    assert!(stderr.contains("templates/email-admin.txt"), "the error names the file:\n{stderr}");
    assert!(stderr.contains("customer"), "the error names the variable:\n{stderr}");

    template(&env, "email-admin.txt", "Hello {{ tenant.nmae }}\n");
    let stderr = notify_refused(&env, &[&id, "--channel", "email-admin"]);
    assert!(stderr.contains("templates/email-admin.txt"), "{stderr}");

    // A misspelt file name is refused too, with the names that are known.
    std::fs::remove_file(env.store.join("templates/email-admin.txt")).unwrap();
    template(&env, "emial-admin.txt", "Custom\n");
    let stderr = notify_refused(&env, &[&id]);
    assert!(stderr.contains("emial-admin.txt"), "{stderr}");
    let hint = stderr.lines().find(|l| l.starts_with("hint: ")).unwrap();
    for name in [
        "email-admin.txt",
        "email-privacy.txt",
        "message-center.txt",
        "phone.txt",
        "status-page.txt",
        "subject.txt",
    ] {
        assert!(hint.contains(name), "the hint lacks {name}: {hint}");
    }

    // Gone again, notify works.
    std::fs::remove_file(env.store.join("templates/emial-admin.txt")).unwrap();
    env.commit_by_hand("template removed");
    notify_ok(&env, &[&id]);
}

// ---- what is missing ----

#[test]
fn notify_refuses_listing_every_missing_piece_and_incomplete_marks_them() {
    let env = named();
    let id = env.declared("Mailbox access");
    let stderr = notify_refused(&env, &[&id]);
    for (what, command) in [
        ("what happened", "sirt describe"),
        ("the effect on customer data", "sirt impact"),
        ("what we have done", "sirt act"),
        ("what customers should do", "sirt advise"),
        ("which tenants are affected", "sirt affected"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what} not listed:\n{stderr}"));
        assert!(line.contains(&format!("{command} {id}")), "{what} without its command: {line}");
    }
    let hint = stderr.lines().find(|l| l.starts_with("hint: ")).unwrap();
    assert!(hint.contains("--incomplete"), "{hint}");

    env.ok(&["tenant", "add", "plain", "--name", "Plain Trading Co", "--admin-email", PLAIN_ADMIN]);
    env.ok(&["affected", &id, "plain"]);
    let stderr = notify_refused(&env, &[&id]);
    assert!(!stderr.contains("which tenants are affected"), "{stderr}");
    assert!(stderr.contains("what happened"), "{stderr}");

    let json = notify_json(&env, &id, &["--incomplete"]);
    let d = draft(&json, "plain", "email-admin");
    let gaps = strings(&d["gaps"]);
    assert_eq!(gaps.len(), 4, "{gaps:?}");
    for (what, command) in [
        ("what happened", "sirt describe"),
        ("the effect on customer data", "sirt impact"),
        ("what we have done", "sirt act"),
        ("what customers should do", "sirt advise"),
    ] {
        assert!(gaps.iter().any(|g| g.contains(what)), "gaps lack {what}: {gaps:?}");
        let marker = body(d)
            .lines()
            .find(|l| l.contains("[MISSING: ") && l.contains(what))
            .unwrap_or_else(|| panic!("no [MISSING: {what}] marker:\n{}", body(d)));
        assert!(marker.contains(command), "{marker}");
    }
    for d in drafts(&json) {
        assert!(body(d).contains("[MISSING: "), "the {} draft is not marked:\n{}", d["channel"], body(d));
    }

    // The index flags the gaps too.
    let dir = out_dir(&env, "drafts");
    notify_ok(&env, &[&id, "--incomplete", "--out", dir.to_str().unwrap()]);
    let rows = index(&dir);
    assert!(index_row(&rows, "plain", "email-admin")[4].contains("what happened"), "{rows:?}");

    // Once recorded, the markers are gone.
    complete(&env, &id);
    let json = notify_json(&env, &id, &[]);
    assert!(
        drafts(&json).iter().all(|d| !body(d).contains("[MISSING") && d["gaps"] == serde_json::json!([]))
    );

    // Before the declaration, nothing is drafted, --incomplete or not.
    let early = env.detect("Odd login", &["--severity", "sev1", "--at", "2026-11-20T10:00:00Z"]);
    for args in [vec![early.as_str()], vec![early.as_str(), "--incomplete"]] {
        let stderr = notify_refused(&env, &args);
        assert!(stderr.contains("confirm"), "{stderr}");
    }
}

// ---- notified ----

#[test]
fn notified_records_each_tenant_and_all_at_once() {
    let env = named();
    let id = fixture(&env, "sev1");

    let before = env.commit_count();
    env.ok(&[
        "notified",
        &id,
        "full",
        "--via",
        "email-admin",
        "--at",
        "2026-11-20T10:30:00Z",
        "--ref",
        "MSG-1",
    ]);
    assert_eq!(env.commit_count(), before + 1);
    let show = env.json(&["show", &id, "--format", "json"]);
    assert_ne!(show["phase"], "notified", "two tenants are still waiting");
    let notes = show["notifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["tenant"], "full");
    assert_eq!(notes[0]["channel"], "email-admin");
    assert_eq!(notes[0]["at"], "2026-11-20T10:30:00Z");
    assert_eq!(notes[0]["by"], ACTOR);
    assert_eq!(notes[0]["reference"], "MSG-1");

    // Refusals record nothing.
    let count = env.commit_count();
    env.fails(&["notified", &id, "nosuch", "--via", "email-admin"]);
    let out = env.run(&["notified", &id, "full", "--via", "status-page"]);
    assert!(!out.status.success(), "status-page is not a tenant channel");
    assert_eq!(env.commit_count(), count);

    // --all: one commit, every affected tenant, by someone else.
    let out = env
        .cmd()
        .env("SIRT_ACTOR", "Bo Chen <bo@example.com>")
        .args(["notified", &id, "--all", "--via", "message-center"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(env.commit_count(), count + 1, "--all is one commit");
    let show = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(show["phase"], "notified");
    let notes = show["notifications"].as_array().unwrap();
    let bulk: BTreeSet<String> = notes
        .iter()
        .filter(|n| n["channel"] == "message-center")
        .inspect(|n| {
            assert_eq!(n["by"], "Bo Chen <bo@example.com>");
            assert_eq!(n["at"], "2026-11-20T12:00:00Z");
        })
        .map(|n| n["tenant"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bulk, set(&["full", "plain", "dora"]));

    let table = env.ok(&["show", &id]);
    let notified: Vec<&str> =
        table.lines().filter(|l| l.contains("email-admin") || l.contains("message-center")).collect();
    let notified = notified.join("\n");
    assert_has_all(
        &notified,
        "show's notification lines",
        &[
            "full",
            "plain",
            "dora",
            "email-admin",
            "message-center",
            "2026-11-20 10:30Z",
            "2026-11-20 12:00Z",
            "Ana Lima",
            "Bo Chen",
        ],
    );

    let timeline = env.ok(&["timeline", &id]);
    let first = timeline
        .lines()
        .find(|l| l.contains("email-admin"))
        .unwrap_or_else(|| panic!("no email-admin notification in the timeline:\n{timeline}"));
    assert_has_all(first, "the email-admin timeline line", &["2026-11-20 10:30Z", "full", "Ana Lima"]);
    let bulk = timeline
        .lines()
        .find(|l| l.contains("message-center"))
        .unwrap_or_else(|| panic!("no message-center notification in the timeline:\n{timeline}"));
    assert_has_all(
        bulk,
        "the message-center timeline line",
        &["2026-11-20 12:00Z", "full", "plain", "dora", "Bo Chen"],
    );

    // Drafts are unaffected by what was recorded as sent.
    notify_ok(&env, &[&id, "--channel", "email-admin"]);
}

// ---- describe, act, advise ----

#[test]
fn describe_act_and_advise_are_each_one_commit_and_describe_replaces() {
    let env = named();
    env.ok(&["tenant", "add", "plain", "--name", "Plain Trading Co", "--admin-email", PLAIN_ADMIN]);
    let id = env.declared("Mailbox access");
    env.ok(&["impact", &id, "--effect", "access", "--summary", SUMMARY]);
    env.ok(&["affected", &id, "plain"]);

    let first = "We found an outsider reading mail.";
    for args in [
        ["describe", id.as_str(), first],
        ["act", id.as_str(), ACTIONS[0]],
        ["act", id.as_str(), ACTIONS[1]],
        ["advise", id.as_str(), ADVICE[0]],
        ["advise", id.as_str(), ADVICE[1]],
        ["describe", id.as_str(), DESCRIPTION],
    ] {
        let before = env.commit_count();
        env.ok(&args);
        assert_eq!(env.commit_count(), before + 1, "{args:?} is one commit");
        assert_eq!(env.git(&["status", "--porcelain"]), "");
    }

    let show = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(show["description"], DESCRIPTION);
    assert_eq!(strings(&show["actions"]), ACTIONS);
    assert_eq!(strings(&show["advice"]), ADVICE);

    let json = notify_json(&env, &id, &["--channel", "email-admin"]);
    let text = body(draft(&json, "plain", "email-admin"));
    assert!(
        text.contains(DESCRIPTION) && !text.contains(first),
        "the later description replaces the first:\n{text}"
    );
    assert_has_all(text, "the email", &[ACTIONS[0], ACTIONS[1], ADVICE[0], ADVICE[1]]);

    let timeline = env.ok(&["timeline", &id]);
    assert!(
        timeline.contains(first) && timeline.contains(DESCRIPTION),
        "the history keeps both:\n{timeline}"
    );

    let count = env.commit_count();
    for command in ["describe", "act", "advise"] {
        for empty in ["", "   "] {
            let stderr = env.fails(&[command, &id, empty]);
            assert!(stderr.contains("empty"), "{stderr}");
        }
    }
    assert_eq!(env.commit_count(), count, "empty text records nothing");
}

// ---- issue 14: messages a customer and a mail system both accept ----

/// What Python's `email` package finds wrong with each message: `path: defect` lines, empty when
/// every message is clean. Under CI, a missing python3 fails the test; elsewhere it is skipped.
fn python_defects(paths: &[PathBuf]) -> Option<Vec<String>> {
    const SCRIPT: &str = r#"
import sys
from email import policy
from email.parser import BytesParser
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    found = []
    for part in msg.walk():
        found += [type(d).__name__ for d in part.defects]
        for name, value in part.items():
            found += [name + ": " + type(d).__name__ for d in getattr(value, "defects", ())]
        if not part.is_multipart():
            part.get_content()
    for to in msg.get_all("To", []):
        for a in to.addresses:
            print("TO", path, a.addr_spec)
    for a in msg["From"].addresses:
        print("FROM", path, a.addr_spec)
    for d in found:
        print("DEFECT", path, d)
"#;
    match std::process::Command::new("python3").arg("-c").arg(SCRIPT).args(paths).output() {
        Ok(out) => {
            assert!(out.status.success(), "python3 failed:\n{}", String::from_utf8_lossy(&out.stderr));
            Some(String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect())
        }
        Err(e) => {
            assert!(
                std::env::var("CI").is_err(),
                "python3 is needed to check messages with Python's email package ({e}); .ci/run installs it"
            );
            eprintln!("python3 not found: the Python email checks are skipped");
            None
        }
    }
}

/// Every `.eml` under `dir`.
fn emls(dir: &Path) -> Vec<PathBuf> {
    files_under(dir).into_iter().filter(|f| f.ends_with(".eml")).map(|f| dir.join(f)).collect()
}

/// Checks every message in `dir`: no defects for Python or mail-parser, From is the sender, and
/// To holds exactly `to[file]`.
fn assert_clean_messages(dir: &Path, to: &[(&str, Vec<&str>)]) {
    let paths = emls(dir);
    assert_eq!(paths.len(), to.len(), "{:?}", files_under(dir));
    for path in &paths {
        let raw = std::fs::read(path).unwrap();
        let text = String::from_utf8(raw.clone()).unwrap();
        assert!(text.is_ascii(), "a message must be 7-bit: {}", path.display());
        for line in text.split("\r\n") {
            assert!(line.len() <= 998, "a line over 998 characters in {}", path.display());
        }
        for line in header_block(&text).split("\r\n") {
            assert!(line.len() <= 78, "an unfolded header line in {}: {line}", path.display());
            for word in line.split(' ').filter(|w| w.starts_with("=?")) {
                assert!(word.len() <= 75, "an encoded-word over 75 characters: {word}");
            }
        }
        let message = parse_mail(&raw);
        let relative = path.strip_prefix(dir).unwrap().to_str().unwrap();
        let want = &to.iter().find(|(f, _)| *f == relative).unwrap_or_else(|| panic!("{relative}")).1;
        assert_eq!(&to_addresses(&message), want, "{relative}");
        let from: Vec<String> =
            message.from().unwrap().iter().map(|a| a.address().unwrap().to_string()).collect();
        assert_eq!(from, [SENDER], "{relative}");
        assert!(message.bcc().is_none() && message.cc().is_none(), "{relative}");
    }
    if let Some(lines) = python_defects(&paths) {
        let defects: Vec<&String> = lines.iter().filter(|l| l.starts_with("DEFECT")).collect();
        assert!(defects.is_empty(), "Python's email package finds defects:\n{defects:#?}");
        for path in &paths {
            let shown = path.display().to_string();
            let relative = path.strip_prefix(dir).unwrap().to_str().unwrap();
            let want = &to.iter().find(|(f, _)| *f == relative).unwrap().1;
            let got: Vec<&str> =
                lines.iter().filter_map(|l| l.strip_prefix(&format!("TO {shown} "))).collect();
            assert_eq!(&got, want, "Python reads other recipients in {relative}");
            assert!(lines.contains(&format!("FROM {shown} {SENDER}")), "{lines:#?}");
        }
    }
}

/// A tenant directory and an incident whose text is as hostile as it gets.
#[test]
fn hostile_text_still_makes_well_formed_messages_to_exactly_the_intended_recipients() {
    let env = Env::new();
    env.ok(&["config", "set", "organisation", "Contoso, Inc. \"Cloud\" <Security>; @Ops"]);
    env.ok(&["config", "set", "sender_address", SENDER]);
    env.ok(&[
        "tenant",
        "add",
        "quoted",
        "--name",
        "O'Brien, \"Müller\" & Co <legal@quoted.example>; Sales@",
        "--admin-email",
        "it@quoted.example",
        "--admin-name",
        "Doe, \"JJ\" <boss@evil.example> @home",
        "--admin-email",
        "ops@quoted.example",
        "--privacy-email",
        "dpo@quoted.example",
        "--privacy-name",
        "שרה כהן (DPO), Zoë",
    ]);
    env.ok(&[
        "tenant",
        "add",
        "rtl",
        "--name",
        "شركة المثال ‏RTL‎ e\u{301}\u{302}",
        "--admin-email",
        "it@rtl.example",
    ]);
    // Control characters only a hand edit can store: CR, LF, NUL and a line separator.
    env.ok(&["tenant", "add", "ctl", "--name", "Ctl", "--admin-email", "it@ctl.example"]);
    let path = env.tenant_file("ctl");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("name = \"Ctl\"", "name = \"Ctl\\r\\nBcc: evil@x.example\\u0000\\u2028To: evil@y.example\"");
    std::fs::write(&path, text).unwrap();
    env.commit_by_hand("x");

    let id = env.declared("Mailbox access");
    let long: String = "Zeile mit Umlauten äöü und eine sehr lange Beschreibung ohne Umbruch. ".repeat(140);
    assert!(long.len() > 10_000);
    let description = format!(
        "From the logs we learned what happened.\n>From quoted text too.\nA line\u{2028}split by a separator.\nמה קרה: עברית ו-English\n{long}"
    );
    env.ok(&["describe", &id, &description]);
    env.ok(&["impact", &id, "--effect", "access", "--summary", "From here on, mail was read."]);
    env.ok(&["act", &id, ACTIONS[0]]);
    env.ok(&["advise", &id, ADVICE[0]]);
    env.ok(&["affected", &id, "quoted", "rtl", "ctl"]);

    let dir = out_dir(&env, "eml");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml"]);
    assert_clean_messages(
        &dir,
        &[
            ("quoted/email-admin.eml", vec!["it@quoted.example", "ops@quoted.example"]),
            ("quoted/email-privacy.eml", vec!["dpo@quoted.example"]),
            ("rtl/email-admin.eml", vec!["it@rtl.example"]),
            ("ctl/email-admin.eml", vec!["it@ctl.example"]),
        ],
    );
    // The text survives: names decode as written, the long description whole.
    let raw = std::fs::read(dir.join("quoted/email-admin.eml")).unwrap();
    let message = parse_mail(&raw);
    assert!(message.subject().unwrap().contains("O'Brien, \"Müller\" & Co <legal@quoted.example>; Sales@"));
    let from = &message.from().unwrap().first().unwrap();
    assert_eq!(from.name().unwrap(), "Contoso, Inc. \"Cloud\" <Security>; @Ops Security Response");
    let body = message.body_text(0).unwrap();
    assert!(body.contains(&long.trim_end()[..2000]), "the long description is cut");
    assert!(body.contains("\nFrom the logs we learned"), "{body}");
    let names: Vec<Option<&str>> = message.to().unwrap().iter().map(|a| a.name()).collect();
    assert_eq!(names, [Some("Doe, \"JJ\" <boss@evil.example> @home"), None]);

    // On stdout: an mboxrd stream, one `From ` separator per message, body lines escaped.
    let stdout = notify_ok(&env, &[&id, "--format", "eml"]);
    let separators = stdout.lines().filter(|l| l.starts_with("From ")).count();
    assert_eq!(separators, 4, "a body line became a separator:\n{}", &stdout[..2000]);
    assert!(stdout.lines().all(|l| !l.starts_with("Bcc:")));
}

#[test]
fn messages_are_built_to_the_rfcs_and_python_reads_them_without_defects() {
    let env = named();
    env.ok(&["config", "set", "organisation", "Contoso, Inc."]);
    env.ok(&["config", "set", "reply_to", "desk@northwind.example"]);
    // Free text for the body only: it never becomes a header.
    env.ok(&["config", "set", "response_contact", "security@nimbus.example, +1 415 555 0100 (24x7)"]);
    let id = fixture(&env, "sev1");
    env.ok(&[
        "tenant",
        "set",
        "plain",
        "--name",
        "Plain Trading Company International Holdings and Subsidiaries of the Northern Hemisphere Ltd",
    ]);
    let dir = out_dir(&env, "eml");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml"]);
    assert_clean_messages(
        &dir,
        &[
            ("full/email-admin.eml", FULL_ADMINS.to_vec()),
            ("full/email-privacy.eml", vec![FULL_PRIVACY]),
            ("plain/email-admin.eml", vec![PLAIN_ADMIN]),
            ("dora/email-admin.eml", vec![DORA_ADMIN]),
        ],
    );
    let raw = std::fs::read(dir.join("plain/email-admin.eml")).unwrap();
    let text = String::from_utf8(raw.clone()).unwrap();
    let headers = header_block(&text);
    assert!(
        headers.contains("From: \"Contoso, Inc. Security Response\" <security@northwind.example>"),
        "{headers}"
    );
    assert!(headers.contains("Reply-To: <desk@northwind.example>"), "{headers}");
    assert!(
        headers.contains(&format!("Message-ID: <{id}.plain.email-admin@northwind.example>")),
        "{headers}"
    );
    assert!(!headers.contains("nimbus"), "{headers}");
    let message = parse_mail(&raw);
    assert!(message.subject().unwrap().ends_with("of the Northern Hemisphere Ltd"));
    assert!(message.body_text(0).unwrap().contains("security@nimbus.example, +1 415 555 0100 (24x7)"));
    // The named recipients carry their names.
    let raw = std::fs::read(dir.join("full/email-admin.eml")).unwrap();
    let message = parse_mail(&raw);
    let names: Vec<Option<&str>> = message.to().unwrap().iter().map(|a| a.name()).collect();
    assert_eq!(names, [Some("Ida Park"), Some("Olu Obi")]);
}

#[test]
fn drafts_are_refused_while_the_organisation_or_sender_is_a_placeholder() {
    let env = Env::new();
    let id = fixture(&env, "sev2");
    let stderr = notify_refused(&env, &[&id]);
    assert!(stderr.contains("organisation and sender_address"), "{stderr}");
    let hint = stderr.lines().find(|l| l.starts_with("hint: ")).unwrap();
    assert!(hint.contains("sirt config set organisation") && hint.contains("sender_address"), "{hint}");
    env.ok(&["config", "set", "organisation", ORG]);
    let stderr = notify_refused(&env, &[&id]);
    assert!(stderr.contains("sender_address") && !stderr.contains("organisation and"), "{stderr}");
    env.ok(&["config", "set", "sender_address", SENDER]);
    let json = notify_json(&env, &id, &[]);
    for d in drafts(&json) {
        assert!(!body(d).contains("Example Cloud"), "{}", body(d));
    }
}

#[test]
fn init_and_config_set_the_sender_keeping_the_comments_one_commit_each() {
    let env = Env::bare();
    env.ok(&["init", env.store.to_str().unwrap(), "--org", "Contoso, Inc.", "--sender", SENDER]);
    assert_eq!(env.commit_count(), 2, "the store, then its settings");
    assert!(env.git(&["log", "-1", "--format=%s"]).contains("organisation set to Contoso, Inc."));
    assert_eq!(env.ok(&["config", "get", "organisation"]), "Contoso, Inc.\n");
    assert_eq!(env.ok(&["config", "get", "sender_address"]), format!("{SENDER}\n"));

    let before = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    env.ok(&["config", "set", "sender_name", "Contoso Security"]);
    env.ok(&["config", "set", "phone_severities", "sev1,sev2,sev3"]);
    assert_eq!(env.commit_count(), 4, "one commit per change");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    let after = std::fs::read_to_string(env.store.join("sirt.toml")).unwrap();
    for comment in before.lines().filter(|l| l.starts_with('#')) {
        assert!(after.contains(comment), "the comment {comment:?} is gone:\n{after}");
    }
    assert!(after.contains("phone_severities = [\"sev1\", \"sev2\", \"sev3\"]"), "{after}");
    assert_eq!(env.ok(&["config", "get", "phone_severities"]), "sev1,sev2,sev3\n");

    // A value that does not fit is refused, and nothing is written.
    let count = env.commit_count();
    for (key, value) in [
        ("sender_address", "security@nimbus.example, +1 415 555 0100 (24x7)"),
        ("reply_to", "not an address"),
        ("contract_limit", "soon"),
        ("colour", "blue"),
    ] {
        let stderr = env.fails(&["config", "set", key, value]);
        assert!(stderr.lines().any(|l| l.starts_with("hint: ")), "{stderr}");
    }
    assert_eq!(env.commit_count(), count);
    assert_eq!(std::fs::read_to_string(env.store.join("sirt.toml")).unwrap(), after);
    let stderr = env.fails(&["init", env.home.join("other").to_str().unwrap(), "--sender", "nope"]);
    assert!(stderr.contains("nope"), "{stderr}");
    assert!(!env.home.join("other").exists(), "a refused init leaves nothing behind");

    // A committed hand edit that breaks the sender is reported by every command, with the line.
    let text = after.replace(&format!("sender_address = \"{SENDER}\""), "sender_address = \"a@b, c\"");
    std::fs::write(env.store.join("sirt.toml"), &text).unwrap();
    env.commit_by_hand("a bad sender");
    let line = text.lines().position(|l| l.starts_with("sender_address")).unwrap() + 1;
    for args in [vec!["list"], vec!["tenant", "list"], vec!["config", "get", "organisation"]] {
        let stderr = env.fails(&args);
        assert!(stderr.contains(&format!("sirt.toml:{line}")), "{args:?}: {stderr}");
    }
}

#[test]
fn internal_summaries_stay_in_the_store_and_the_status_page_has_its_own_text() {
    let env = named();
    let id = fixture(&env, "sev1");
    let internal = [
        "Revoked token svc-support-ro-7",
        "Rebuilt host mx-04 from image 2026.11.3",
        "Restored mailbox shard 12 from snapshot s-889",
    ];
    env.ok(&[
        "contain",
        &id,
        "--summary",
        internal[0],
        "--for-customers",
        "We stopped the outsider's access.",
    ]);
    env.ok(&["engage", &id, "eim", "Eve Im"]);
    env.ok(&["eradicate", &id, "--summary", internal[1], "--approved-by", "Eve Im"]);
    env.ok(&["recover", &id, "--summary", internal[2]]);
    env.ok(&["publish", &id]);

    let json = notify_json(&env, &id, &[]);
    assert!(skip_reason(&json, None, "status-page").contains("--text"), "{json:#}");
    let stderr = notify_refused(&env, &[&id, "--channel", "status-page"]);
    assert!(stderr.contains("public text"), "{stderr}");

    env.ok(&["publish", &id, "--text", PUBLIC_TEXT]);
    let json = notify_json(&env, &id, &[]);
    for d in drafts(&json) {
        let text = format!("{}\n{}", d["subject"], body(d));
        for secret in internal {
            assert!(!text.contains(secret), "an internal summary in the {} draft:\n{text}", d["channel"]);
        }
        if d["tenant"].is_null() {
            assert!(text.contains(PUBLIC_TEXT) && !text.contains(DESCRIPTION), "{text}");
            assert!(!text.contains("including yours") && !text.contains(ACTIONS[0]), "{text}");
            for data in TENANT_DATA {
                assert!(!text.contains(data), "tenant data {data:?} on the status page:\n{text}");
            }
        } else {
            assert!(text.contains("We stopped the outsider's access."), "the opted-in sentence:\n{text}");
            let own = d["tenant"].as_str().unwrap();
            for (tenant, name) in
                [("full", "Fabrikam GmbH"), ("plain", "Plain Trading Co"), ("dora", "Dora Bank AG")]
            {
                if tenant != own {
                    assert!(!text.contains(name), "{name} in {own}'s {} draft", d["channel"]);
                }
            }
        }
    }
}

#[test]
fn customers_read_times_for_people_in_their_own_zone() {
    let env = named();
    let id = fixture(&env, "sev1");
    env.ok(&["tenant", "set", "dora", "--timezone", "Europe/Berlin"]);
    env.ok(&["publish", &id, "--text", PUBLIC_TEXT]);
    let json = notify_json(&env, &id, &[]);
    for d in drafts(&json) {
        let text = body(d);
        assert!(!text.contains("09:00Z") && !text.contains("2026-11-20"), "a machine time:\n{text}");
        let want = if d["tenant"] == "dora" { "20 November 2026, 10:00 CET" } else { DECLARED };
        assert!(text.contains(want), "the {} {} draft lacks {want}:\n{text}", d["tenant"], d["channel"]);
    }
    let stderr = env.fails(&["tenant", "set", "dora", "--timezone", "Mars/Olympus"]);
    assert!(stderr.contains("time zone"), "{stderr}");
}

#[test]
fn a_tenant_gets_drafts_in_its_language_and_english_otherwise() {
    let env = named();
    let id = fixture(&env, "sev1");
    env.ok(&["tenant", "set", "full", "--language", "de", "--timezone", "Europe/Berlin"]);
    env.ok(&["tenant", "set", "dora", "--language", "xx"]);
    let json = notify_json(&env, &id, &[]);
    for d in drafts(&json) {
        let text = body(d);
        let what = format!("the {} {} draft", d["tenant"], d["channel"]);
        if d["tenant"] == "full" {
            assert_eq!(d["language"], "de", "{what}");
            assert!(d["subject"].as_str().unwrap().contains("Sicherheitsvorfall"), "{what}");
            if d["channel"] != "phone" {
                assert_has_all(
                    text,
                    &what,
                    &[
                        "Was geschehen ist",
                        "20. November 2026, 10:00 Uhr CET",
                        "Auf Daten wurde unbefugt zugegriffen",
                    ],
                );
                assert_has_all(text, &what, &["GDPR Art. 33", "innerhalb von 72 Stunden", "Verschuldens"]);
            } else {
                assert_has_all(text, &what, &["GESPRÄCHSLEITFADEN", "innerhalb von 72 Stunden"]);
            }
            assert!(!text.contains("What happened") && !text.contains("within 72 hours"), "{what}:\n{text}");
        } else {
            assert_eq!(d["language"], "en", "{what}");
            assert!(!text.contains("Was geschehen"), "{what}:\n{text}");
        }
    }

    // A store's own language: templates/fr/ with only a subject; the rest falls back to English.
    template(&env, "fr/subject.txt", "{{ org.name }} : incident de sécurité {{ incident.id }}");
    env.ok(&["tenant", "set", "plain", "--language", "fr"]);
    let json = notify_json(&env, &id, &["--tenant", "plain", "--channel", "email-admin"]);
    let d = draft(&json, "plain", "email-admin");
    assert_eq!(d["subject"], format!("{ORG} : incident de sécurité {id}"));
    assert!(body(d).contains("What happened"), "{}", body(d));

    // The CSV carries both fields.
    let csv = env.ok(&["tenant", "export"]);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",language,timezone"), "{header}");
    assert!(csv.lines().any(|l| l.starts_with("full,") && l.ends_with(",de,Europe/Berlin")), "{csv}");
    let file = env.home.join("t.csv");
    std::fs::write(
        &file,
        "id,name,admin_email,language,timezone\nnew,New Ltd,it@new.example,DE,Europe/Vienna\n",
    )
    .unwrap();
    env.ok(&["tenant", "import", file.to_str().unwrap()]);
    let shown = env.json(&["tenant", "show", "new", "--format", "json"]);
    assert_eq!((shown["language"].as_str(), shown["timezone"].as_str()), (Some("de"), Some("Europe/Vienna")));
}

#[test]
fn out_refuses_a_directory_it_did_not_write_and_replaces_its_own_cleanly() {
    let env = named();
    let id = fixture(&env, "sev1");
    let foreign = out_dir(&env, "foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let stderr = notify_refused(&env, &[&id, "--out", foreign.to_str().unwrap()]);
    assert!(stderr.contains("did not write"), "{stderr}");
    assert_eq!(files_under(&foreign), set(&["notes.txt"]));

    let dir = out_dir(&env, "drafts");
    notify_ok(&env, &[&id, "--out", dir.to_str().unwrap(), "--format", "eml"]);
    let stderr = notify_refused(&env, &[&id, "--out", dir.to_str().unwrap()]);
    assert!(stderr.contains("earlier") && stderr.contains("--force"), "{stderr}");

    // Replaced: no .eml is left beside the new .txt files, and the index matches the directory.
    env.ok(&["affected", &id, "dora", "--remove"]);
    let (code, _, stderr) = notify(&env, &[&id, "--out", dir.to_str().unwrap(), "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("replaced"), "{stderr}");
    let files = files_under(&dir);
    assert!(files.iter().all(|f| !f.ends_with(".eml") && !f.starts_with("dora")), "{files:?}");
    let listed: BTreeSet<String> =
        index(&dir).into_iter().map(|r| r[3].clone()).filter(|f| !f.is_empty()).collect();
    let present: BTreeSet<String> =
        files.iter().filter(|f| *f != "index.csv" && *f != ".sirt-drafts").cloned().collect();
    assert_eq!(listed, present, "index.csv lists exactly the drafts in the directory");

    // A file someone added is never removed, --force or not.
    std::fs::write(dir.join("full/reviewed.txt"), "edited by comms").unwrap();
    let stderr = notify_refused(&env, &[&id, "--out", dir.to_str().unwrap(), "--force"]);
    assert!(stderr.contains("full/reviewed.txt"), "{stderr}");
    assert!(dir.join("full/reviewed.txt").is_file());
}

#[test]
fn markdown_drafts_render_as_intended() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let env = named();
    let id = fixture(&env, "sev1");
    env.ok(&["describe", &id, "An outsider read *some* mail_boxes.\n# not a heading\n1. not a list"]);
    let stdout =
        notify_ok(&env, &[&id, "--format", "markdown", "--tenant", "plain", "--channel", "email-admin"]);
    // Where the impact summary sits: a paragraph of its own, never inside a list item.
    let mut depth = 0;
    let mut summary_in_item = None;
    let mut marks = Vec::new();
    for event in Parser::new(&stdout) {
        match event {
            Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::Item) => depth -= 1,
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Heading { .. }))
                if !matches!(tag, Tag::Heading { level: pulldown_cmark::HeadingLevel::H2, .. }) =>
            {
                marks.push(format!("{tag:?}"))
            }
            Event::Start(Tag::List(Some(_))) => marks.push("ordered list".into()),
            Event::Text(text) if text.contains(SUMMARY) => summary_in_item = Some(depth > 0),
            _ => {}
        }
    }
    assert_eq!(summary_in_item, Some(false), "the impact summary folded into a list item:\n{stdout}");
    let strong = stdout.matches("**").count() / 2;
    assert_eq!(
        marks.iter().filter(|m| !m.starts_with("Strong")).count(),
        0,
        "record text became Markdown: {marks:?}\n{stdout}"
    );
    assert_eq!(marks.len(), strong, "{marks:?}");
    let html = {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Parser::new(&stdout));
        out
    };
    assert!(html.contains("An outsider read *some* mail_boxes."), "{html}");
    assert!(html.contains("<li>Review the mailbox audit log"), "{html}");
}

// ---- exact output of what people read ----

/// `text` with the random incident id replaced, so a snapshot can pin the rest exactly.
fn pinned(text: &str, id: &str) -> String {
    text.replace(id, "INC-TEST-0001")
}

#[test]
fn snapshots_of_drafts_and_the_placeholder_refusal() {
    let env = Env::new();
    let id = fixture(&env, "sev1");
    let (_, _, stderr) = notify(&env, &[&id]);
    insta::assert_snapshot!("notify_placeholder_refusal", pinned(&stderr, &id));

    env.ok(&["config", "set", "organisation", "Contoso, Inc."]);
    env.ok(&["config", "set", "sender_address", SENDER]);
    env.ok(&["tenant", "set", "dora", "--language", "de", "--timezone", "Europe/Berlin"]);
    let text = notify_ok(&env, &[&id, "--tenant", "plain", "--channel", "email-admin"]);
    insta::assert_snapshot!("notify_text_plain_email_admin", pinned(&text, &id));
    let text = notify_ok(&env, &[&id, "--tenant", "dora", "--channel", "email-admin"]);
    insta::assert_snapshot!("notify_text_dora_email_admin_de", pinned(&text, &id));
    let mbox = notify_ok(&env, &[&id, "--tenant", "full", "--channel", "email-privacy", "--format", "eml"]);
    insta::assert_snapshot!("notify_eml_full_email_privacy", pinned(&mbox, &id));
    let md =
        notify_ok(&env, &[&id, "--tenant", "plain", "--channel", "message-center", "--format", "markdown"]);
    insta::assert_snapshot!("notify_markdown_plain_message_center", pinned(&md, &id));
}

#[test]
fn many_affected_tenants_each_get_their_own_drafts() {
    let env = named();
    // Over 50 tenants are read from the directory in one pass; each must still get its own.
    let mut csv = String::from("id,name,admin_email,language\n");
    for n in 0..60 {
        csv.push_str(&format!(
            "t{n:02},Tenant {n} Ltd,it@t{n}.example,{}\n",
            if n % 2 == 0 { "de" } else { "" }
        ));
    }
    let file = env.home.join("many.csv");
    std::fs::write(&file, csv).unwrap();
    env.ok(&["tenant", "import", file.to_str().unwrap()]);
    let id = env.declared("Mailbox access");
    complete(&env, &id);
    let ids = env.home.join("ids.txt");
    std::fs::write(&ids, (0..60).map(|n| format!("t{n:02}\n")).collect::<String>()).unwrap();
    env.ok(&["affected", &id, "--from-file", ids.to_str().unwrap()]);
    let json = notify_json(&env, &id, &["--channel", "email-admin"]);
    assert_eq!(drafts(&json).len(), 60, "{json:#}");
    for n in 0..60 {
        let d = draft(&json, &format!("t{n:02}"), "email-admin");
        assert_eq!(strings(&d["recipients"]), [format!("it@t{n}.example")]);
        assert_eq!(d["language"], if n % 2 == 0 { "de" } else { "en" });
        assert!(d["subject"].as_str().unwrap().contains(&format!("Tenant {n} Ltd")));
    }
}
