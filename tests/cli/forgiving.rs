//! Issue 15: forgiving input — friendlier times, values in any case, "did you mean", imports
//! that say what they change.

use insta::assert_snapshot;

use crate::support::Env;

/// The command, its stdout, stderr and exit status, with the temporary home hidden.
fn transcript(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    let home = env.home.to_string_lossy().into_owned();
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&home, "[HOME]");
    format!(
        "$ sirt {}\n{}--- stderr\n{}--- exit {}\n",
        args.join(" ").replace(&home, "[HOME]"),
        clean(&out.stdout),
        clean(&out.stderr),
        out.status.code().map_or("signal".into(), |c| c.to_string())
    )
}

/// The time of the detection `detect --at VALUE` records, as JSON gives it.
fn detected_at(env: &Env, value: &str) -> String {
    let id = env.detect("Odd traffic", &["--at", value]);
    env.json(&["show", &id, "--format", "json"])["detected_at"].as_str().unwrap().to_string()
}

// ---- times ----

#[test]
fn friendly_times_are_read_in_the_local_zone() {
    // SIRT_NOW is Friday 2026-11-20 12:00Z; in Berlin it is 13:00.
    let env = Env::new();
    let berlin = |value: &str| {
        let id = {
            let out = env
                .cmd()
                .env("TZ", "Europe/Berlin")
                .args(["detect", "Odd traffic", "--at", value])
                .output()
                .unwrap();
            assert!(out.status.success(), "{value}: {}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        };
        env.json(&["show", &id, "--format", "json"])["detected_at"].as_str().unwrap().to_string()
    };
    assert_eq!(berlin("03:30"), "2026-11-20T02:30:00Z");
    assert_eq!(berlin("yesterday 14:00"), "2026-11-19T13:00:00Z");
    assert_eq!(berlin("Monday 14:00"), "2026-11-16T13:00:00Z");
    // Friday 13:30 in Berlin has not come yet: the Friday before.
    assert_eq!(berlin("fri 13:30"), "2026-11-13T12:30:00Z");
    assert_eq!(detected_at(&env, "today 09:15"), "2026-11-20T09:15:00Z");
}

#[test]
fn a_time_ahead_is_read_but_at_still_refuses_the_future() {
    let env = Env::new();
    let id = env.detect("Odd traffic", &["--at", "2026-11-20T08:00:00Z"]);
    assert_snapshot!("time_ahead_refused", transcript(&env, &["note", &id, "hello", "--at", "+2h"]));
    assert_snapshot!("time_later_today_refused", transcript(&env, &["note", &id, "hello", "--at", "13:00"]));
    // As an "as of" time, ahead is fine: deadlines two hours from now.
    assert_snapshot!("time_ahead_as_of", transcript(&env, &["deadlines", "--at", "in 2h"]));
}

#[test]
fn unreadable_times_get_a_hint_for_what_was_typed() {
    let env = Env::new();
    let id = env.detect("Odd traffic", &["--at", "2026-11-20T08:00:00Z"]);
    for (name, value) in [
        ("time_day_without_time", "yesterday"),
        ("time_weekday_without_time", "last tuesday"),
        ("time_span_without_direction", "2h"),
        ("time_nonsense", "last blue moon"),
        ("time_bad_clock", "25:00"),
    ] {
        assert_snapshot!(name, transcript(&env, &["note", &id, "hello", "--at", value]));
    }
    assert_snapshot!("time_started_hint", transcript(&env, &["detect", "Odd", "--started", "monday"]));
}

// ---- values in any case ----

/// The README's Times table is the one list of forms: each form in it is read, each is in the
/// `--help` of every time flag, and the help lists nothing the table does not.
#[test]
fn every_time_form_is_documented_once_and_read() {
    use sirt::model::time::{FORMS, Zone, parse_when};
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme.split("**Times**").nth(1).expect("a Times section").split("\n\n").nth(1).unwrap();
    let forms: Vec<&str> = table
        .lines()
        .skip(2)
        .filter_map(|row| row.split('|').nth(1))
        .flat_map(|cell| cell.split('`').skip(1).step_by(2))
        .collect();
    assert!(forms.len() >= 15, "{forms:?}");
    let now = "2026-11-20T12:00:00Z".parse().unwrap();
    for form in &forms {
        assert!(parse_when(form, now, Zone::Utc).is_ok(), "the README lists '{form}', which is refused");
        assert!(FORMS.contains(form), "'{form}' is not in the --help list");
    }
    // And the other way: every form --help lists is one the README lists.
    for line in FORMS.lines().filter(|l| l.starts_with("  ")) {
        let listed = line.split_once(":  ").map_or(line, |(_, f)| f);
        for form in listed.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            assert!(forms.contains(&form), "--help lists '{form}', the README does not");
        }
    }
    let env = Env::new();
    for args in
        [&["confirm", "--help"][..], &["detect", "--help"], &["correct", "--help"], &["stats", "--help"]]
    {
        let help = env.ok(args);
        assert!(help.contains("yesterday 14:00") && help.contains("1h30m ago"), "{args:?}:\n{help}");
    }
    assert_snapshot!("help_confirm", transcript(&env, &["confirm", "--help"]));
}

#[test]
fn values_are_read_in_any_case() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso Ltd", "--admin-email", "it@contoso.example"]);
    let id =
        env.detect("Odd sign-ins", &["--severity", "SEV1", "--source", "Customer-Report", "--at", "08:00"]);
    env.ok(&["confirm", &id, "--at", "08:30"]);
    env.ok(&["affected", &id, "contoso", "--at", "09:00"]);
    assert_snapshot!(
        "case_notified",
        transcript(&env, &["notified", &id, "contoso", "--via", "EMAIL-ADMIN", "--at", "10:00"])
    );
    assert_snapshot!("case_list", transcript(&env, &["list", "--severity", "Sev1", "--format", "CSV"]));
    // A value that is not one of the words is still refused, whatever its case.
    let out = env.run(&["detect", "x", "--severity", "SEV9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'SEV9'"));
}

// ---- did you mean ----

#[test]
fn regime_ids_and_settings_keys_get_close_matches() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso Ltd", "--admin-email", "it@contoso.example"]);
    let id = env.declared("Odd sign-ins");
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("mean_regimes_id", vec!["regimes", "gpdr"]),
        ("mean_regimes_id_close", vec!["regimes", "nis2-art32"]),
        ("mean_regimes_none", vec!["regimes", "zzzz"]),
        ("mean_filed_regime", vec!["filed", &id, "gdpr-art3", "notification"]),
        (
            "mean_tenant_add_regime",
            vec![
                "tenant",
                "add",
                "acme",
                "--name",
                "Acme",
                "--admin-email",
                "a@acme.example",
                "--regime",
                "dora",
            ],
        ),
        ("mean_tenant_set_regime", vec!["tenant", "set", "contoso", "--regime", "gdpr-art33,hipa"]),
        ("mean_config_get", vec!["config", "get", "sender_adress"]),
        ("mean_config_set", vec!["config", "set", "organization", "Contoso"]),
    ];
    for (name, args) in cases {
        assert_snapshot!(name, transcript(&env, &args));
    }
}

#[test]
fn a_store_that_is_not_one_never_gets_an_init_that_would_fail() {
    let env = Env::bare();
    let file = env.home.join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    let full = env.home.join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("x"), "x").unwrap();
    let spaced = env.home.join("new store");
    for (name, dir) in [("store_file", &file), ("store_full", &full), ("store_spaced", &spaced)] {
        let transcript = transcript(&env, &["--store", dir.to_str().unwrap(), "list"]);
        assert_snapshot!(name, transcript);
        // Where the hint names a directory to init, doing so works.
        if transcript.contains("create one: sirt init") {
            env.ok(&["init", dir.to_str().unwrap()]);
        } else {
            assert!(!env.run(&["init", dir.to_str().unwrap()]).status.success());
        }
    }
}

// ---- imports you can trust ----

#[test]
fn import_dry_run_says_what_would_change_and_changes_nothing() {
    let env = Env::new();
    env.ok(&[
        "tenant",
        "add",
        "contoso",
        "--name",
        "Contoso Ltd",
        "--admin-email",
        "it@contoso.example",
        "--privacy-email",
        "privacy@contoso.example",
        "--regime",
        "gdpr-art33-2",
    ]);
    let csv = env.home.join("tenants.csv");
    std::fs::write(
        &csv,
        "id,name,admin_email,privacy_email,regime,notify_within\n\
         contoso,Contoso Ltd,soc@contoso.example,,,24h\n\
         fabrikam,Fabrikam,ops@fabrikam.example,,,\n",
    )
    .unwrap();
    let file = csv.to_str().unwrap();
    let before = env.commit_count();
    let tenant_file = env.store.join("tenants").join("contoso.toml");
    let contoso = std::fs::read(&tenant_file).unwrap();
    assert_snapshot!("import_dry_run", transcript(&env, &["tenant", "import", file, "--dry-run"]));
    assert_snapshot!(
        "import_dry_run_clear_empty",
        transcript(&env, &["tenant", "import", file, "--dry-run", "--clear-empty"])
    );
    assert_eq!(env.commit_count(), before, "a dry run commits nothing");
    assert_eq!(std::fs::read(&tenant_file).unwrap(), contoso, "a dry run changes no file");
    assert!(!env.store.join("tenants").join("fabrikam.toml").exists());

    // The real import prints the same, counted, and keeps what the empty cells left alone.
    assert_snapshot!("import_real", transcript(&env, &["tenant", "import", file]));
    let shown = env.ok(&["tenant", "show", "contoso"]);
    assert!(shown.contains("privacy@contoso.example") && shown.contains("gdpr-art33-2"), "{shown}");
    assert_snapshot!("import_clear_empty", transcript(&env, &["tenant", "import", file, "--clear-empty"]));
    let shown = env.ok(&["tenant", "show", "contoso"]);
    assert!(!shown.contains("privacy@contoso.example"), "{shown}");
}

/// A CSV of `count` tenants, `t000`…, with an admin email at `host` and, every third row, a
/// privacy contact.
fn tenants_csv(count: usize, host: &str) -> String {
    let mut csv = String::from("id,name,admin_email,privacy_email\n");
    for n in 0..count {
        let privacy = if n % 3 == 0 { format!("privacy@t{n:03}.example") } else { String::new() };
        csv.push_str(&format!("t{n:03},Tenant {n},it@{host}{n:03}.example,{privacy}\n"));
    }
    csv
}

#[test]
fn a_large_import_counts_its_changes_by_field_and_shows_a_few() {
    let env = Env::new();
    std::fs::write(env.home.join("first.csv"), tenants_csv(300, "t")).unwrap();
    let out = env.ok(&["tenant", "import", "first.csv"]);
    assert!(out.lines().count() <= 15, "{out}");
    assert_snapshot!("import_large", out);

    // Half the emails change, and an empty cell clears with --clear-empty.
    let mut second = String::from("id,name,admin_email,privacy_email\n");
    for n in 0..300 {
        let host = if n % 2 == 0 { "ops.t" } else { "t" };
        second.push_str(&format!("t{n:03},Tenant {n},it@{host}{n:03}.example,\n"));
    }
    std::fs::write(env.home.join("second.csv"), second).unwrap();
    // A dry run lists every tenant, then the counts; --verbose does the same for real.
    let dry = env.ok(&["tenant", "import", "second.csv", "--clear-empty", "--dry-run"]);
    let tenant_lines = |text: &str| text.lines().filter(|l| l.starts_with('t')).count();
    assert_eq!(tenant_lines(&dry), 150 + 100 - 50, "{dry}");
    assert!(dry.contains("by field:\n  admin_email    150 changed\n  privacy_email  100 cleared\n"), "{dry}");
    let verbose = env.ok(&["tenant", "import", "second.csv", "--clear-empty", "--verbose"]);
    assert_eq!(verbose, dry);
    let t000 = env.ok(&["tenant", "show", "t000"]);
    assert!(t000.contains("it@ops.t000.example") && !t000.contains("privacy@t000.example"), "{t000}");
}

#[test]
fn an_import_with_many_bad_rows_names_the_first_few() {
    let env = Env::new();
    let mut csv = String::from("id,name,admin_email\n");
    for n in 0..50 {
        csv.push_str(&format!("Bad Id {n},Tenant {n},it@t.example\n"));
    }
    std::fs::write(env.home.join("bad.csv"), csv).unwrap();
    let stderr = env.fails(&["tenant", "import", "bad.csv"]);
    assert!(stderr.contains("50 of 50 rows are invalid"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("  line ")).count(), 20, "{stderr}");
    assert!(stderr.contains("\n  and 30 more\n"), "{stderr}");
}

#[test]
fn import_help_lists_the_columns() {
    let env = Env::new();
    let help = env.ok(&["tenant", "import", "--help"]);
    for column in [
        "id",
        "name",
        "admin_email",
        "admin_name",
        "admin_phone",
        "privacy_email",
        "privacy_name",
        "region",
        "regime",
        "notify_within",
        "language",
        "timezone",
    ] {
        assert!(help.lines().any(|l| l.trim_start().starts_with(&format!("{column} "))), "{column}:\n{help}");
    }
    assert!(!help.contains("see README"), "{help}");
}

// ---- tenant check ranks problems ----

#[test]
fn check_problems_lists_only_tenants_email_cannot_reach() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso Ltd", "--admin-email", "it@contoso.example"]);
    env.ok(&["tenant", "add", "quiet", "--name", "Quiet Co"]);
    assert_snapshot!("check_problems", transcript(&env, &["tenant", "check", "--problems"]));
    assert_snapshot!(
        "check_problems_all_channels",
        transcript(&env, &["tenant", "check", "--problems", "--all-channels"])
    );
}

#[test]
fn out_takes_a_bare_file_name() {
    let env = Env::new();
    let id = env.declared("Odd sign-ins");
    env.ok(&["report", &id, "--out", "report.md"]);
    let written = std::fs::read_to_string(env.home.join("report.md")).unwrap();
    assert!(written.contains(&id), "{written}");
}
