//! A corpus of hostile and malformed input: arguments, incident and tenant files committed by
//! hand, settings, CSV, and text aimed at headers and terminals. Every case must be answered
//! with an `error:` line (or, for reading commands, a warning and the rest of the store), never a
//! panic or a hang, and must leave the store exactly as it was.

use std::time::Duration;

use crate::support::Env;

/// What a case must get: refused (exit 1 with `error:`), or read around (exit 0 or a check's 3/4,
/// with a warning), but never a panic (101), a kill or a hang.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Answer {
    Refused,
    /// Any exit of 0, 1, 3 or 4, with no panic; used where reading around a bad record is right.
    Answered,
}

/// Runs one case with a time limit and checks the answer and that no control character reached
/// the terminal unescaped.
fn check(env: &Env, args: &[&str], answer: Answer, case: &str) {
    let child = env
        .std_cmd()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    // The output is drained on its own thread, so a long message cannot block the child.
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    let args: Vec<String> = args.iter().map(|a| shorten(a)).collect();
    let out = match result.recv_timeout(Duration::from_secs(30)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("case {case}: sirt {args:?} hung");
        }
    };
    let stderr = shorten(&String::from_utf8_lossy(&out.stderr));
    let code = out.status.code();
    assert_ne!(code, Some(101), "case {case}: sirt {args:?} panicked:\n{stderr}");
    assert!(code.is_some(), "case {case}: sirt {args:?} was killed:\n{stderr}");
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "case {case}: a control character reached the terminal:\n{stderr:?}"
    );
    match answer {
        Answer::Refused => {
            assert_eq!(code, Some(1), "case {case}: sirt {args:?} should be refused:\n{stderr}");
            assert!(stderr.starts_with("error: "), "case {case}: no error: line:\n{stderr}");
        }
        Answer::Answered => {
            assert!(matches!(code, Some(0..=4)), "case {case}: exit {code:?}:\n{stderr}");
            if code == Some(1) {
                assert!(stderr.contains("error: "), "case {case}: no error: line:\n{stderr}");
            }
        }
    }
}

/// The store's branch and working tree, to compare before and after a case.
fn state(env: &Env) -> (String, String) {
    (env.git(&["rev-parse", "HEAD"]), env.git(&["status", "--porcelain", "--untracked-files=all"]))
}

/// Long input, shortened for a failure message.
fn shorten(text: &str) -> String {
    if text.chars().count() > 300 {
        format!("{}… ({} chars)", text.chars().take(300).collect::<String>(), text.chars().count())
    } else {
        text.to_string()
    }
}

fn long(n: usize) -> String {
    "x".repeat(n)
}

#[test]
fn hostile_arguments_are_refused_and_change_nothing() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let id = env.declared("Odd sign-ins");
    // Linux caps one argument at 128 KiB.
    let huge = long(100_000);
    let escape = "\u{1b}[31mred\u{1b}[0m";
    let bell = "ring\u{7}";
    let line_break = "two\nlines";
    let ids = [
        "",
        " ",
        "INC-",
        "INC-ZZZZ-ZZZZ",
        "../../etc/passwd",
        escape,
        "INC-!!",
        &huge,
        "%s%n",
        "INC-0000-0000-0000",
    ];
    let times = [
        "-9999999999h",
        "9999999999h ago",
        "99999999999999-01-01",
        "2026-13-45 25:61",
        "yesterday-ish",
        "-",
        "ago",
        "1e9h",
        "-0x10h",
        escape,
        "2026-11-20T25:00:00Z",
        "+99999999999999h",
        &huge,
    ];
    let before = state(&env);
    let mut cases: Vec<Vec<String>> = Vec::new();
    for bad in ids {
        for command in ["show", "note", "confirm", "timeline", "history", "report", "close", "edit"] {
            let mut args = vec![command.to_string(), bad.to_string()];
            if command == "note" {
                args.push("text".into());
            }
            cases.push(args);
        }
    }
    for bad in times {
        for args in [
            vec!["note", &id, "text", "--at", bad],
            vec!["detect", "title", "--at", bad],
            vec!["detect", "title", "--started", bad],
            vec!["deadlines", "--at", bad],
            vec!["stats", "--since", bad],
            vec!["correct", &id, "confirmed", "--reason", "r", "--at", bad],
        ] {
            cases.push(args.into_iter().map(String::from).collect());
        }
    }
    for text in [escape, bell, line_break, "", "   ", &huge] {
        cases.push(vec!["detect".into(), text.into()]);
        cases.push(vec!["note".into(), id.clone(), text.into(), "--at".into(), escape.into()]);
        cases.push(vec!["dismiss".into(), id.clone(), "--reason".into(), text.into()]);
        cases.push(vec!["tenant".into(), "add".into(), text.into(), "--name".into(), "N".into()]);
        cases.push(vec!["affected".into(), id.clone(), text.into()]);
        cases.push(vec!["tenant".into(), "show".into(), text.into()]);
        cases.push(vec!["retract".into(), id.clone(), text.into(), "--reason".into(), "r".into()]);
    }
    for (flag, bad) in [
        ("--admin-email", "not-an-email"),
        ("--admin-email", "a@b.c>\r\nBcc: x@y.z"),
        ("--admin-phone", "12345"),
        ("--privacy-email", "p@\u{1b}.x"),
        ("--notify-within", "-5h"),
        ("--notify-within", "0h"),
        ("--notify-within", "9999999999999h"),
        ("--notify-within", "99999999999bd"),
        ("--regime", "no-such-regime"),
        ("--name", "Evil\r\nBcc: everyone@example.com"),
    ] {
        cases.push(
            ["tenant", "add", "evil", "--name", "Evil", "--admin-email", "it@evil.example", flag, bad]
                .into_iter()
                .map(String::from)
                .collect(),
        );
    }
    for args in [
        vec!["notified", &id, "contoso", "--via", "phone"],
        vec!["notified", &id, "nobody", "--via", "email-admin"],
        vec!["filed", &id, "no-such-regime", "stage"],
        vec!["action", "done", &id, "A99"],
        vec!["adopt", "incidents/nothing.toml"],
        vec!["adopt", "/etc/passwd"],
        vec!["eradicate", &id, "--summary", escape],
    ] {
        cases.push(args.into_iter().map(String::from).collect());
    }
    assert!(cases.len() >= 180, "only {} argument cases", cases.len());
    for (n, args) in cases.iter().enumerate() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let answer = match args[0] {
            "show" | "timeline" | "history" | "report" | "deadlines" | "stats" | "tenant" => Answer::Answered,
            _ => Answer::Refused,
        };
        check(&env, &args, answer, &format!("argument #{n}"));
        assert_eq!(state(&env), before, "argument case #{n} changed the store");
    }
}

/// Incident files as a hand commit could leave them. Each is committed, then read and written
/// around; the reset afterwards puts the store back.
#[test]
fn broken_incident_files_never_pass_a_gate() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let good = env.declared("Good one");
    let victim = env.declared("Victim");
    let path = env.incident_file(&victim);
    let original = std::fs::read_to_string(&path).unwrap();
    let base = env.git(&["rev-parse", "HEAD"]);
    let header = format!("schema = 1\nid = \"{victim}\"\n");
    let event = |fields: &str| format!("{header}\n[[event]]\n{fields}\n");
    let detected = "id = \"E0000000000A1\"\nseq = 1\nat = 2026-11-20T08:00:00Z\nrecorded_at = 2026-11-20T08:00:00Z\nby = \"x\"\nkind = \"detected\"\ntitle = \"t\"\nseverity = \"sev1\"\nsource = \"monitoring\"";
    let mut files: Vec<String> = vec![
        String::new(),
        "\0\0\0".into(),
        "\u{feff}schema = 1".into(),
        "[[event]\n".into(),
        header.clone(),
        format!("schema = 999\nid = \"{victim}\"\n"),
        format!("schema = \"one\"\nid = \"{victim}\"\n"),
        "schema = 1\nid = \"INC-0000-0000\"\n".into(),
        format!("{header}event = 5\n"),
        format!("{header}event = [1, 2]\n"),
        event(detected).replace("sev1", "sev9"),
        event(detected).replace("monitoring", "telepathy"),
        event(detected).replace("at = 2026-11-20T08:00:00Z\n", "at = \"yesterday\"\n"),
        event(detected).replace("seq = 1", "seq = -1"),
        event(detected).replace("seq = 1", "seq = 9223372036854775807"),
        event(detected).replace("seq = 1", "seq = 1.5"),
        event(detected).replace("kind = \"detected\"", "kind = \"confirmed\""),
        event(detected).replace("id = \"E0000000000A1\"\n", ""),
        event(detected).replace("title = \"t\"\n", ""),
        format!("{}\n[[event]]\n{detected}\n", event(detected)),
        format!("{}\n[[event]]\n{}\n", event(detected), detected.replace("A1", "A2")),
        format!(
            "{}\n[[event]]\nid = \"E0000000000A2\"\nseq = 2\nat = 2026-11-20T09:00:00Z\nrecorded_at = 2026-11-20T09:00:00Z\nby = \"x\"\nkind = \"corrected\"\nevent = \"E00000000NONE\"\nat_ = 1\nreason = \"r\"\n",
            event(detected)
        ),
        format!(
            "{}\n[[event]]\nid = \"E0000000000A2\"\nseq = 2\nat = 2026-11-20T09:00:00Z\nrecorded_at = 2026-11-20T09:00:00Z\nby = \"x\"\nkind = \"retracted\"\nevent = \"E00000000NONE\"\nreason = \"r\"\n",
            event(detected)
        ),
        format!(
            "{}\n[[event]]\nid = \"E0000000000A2\"\nseq = 2\nat = 2026-11-20T09:00:00Z\nrecorded_at = 2026-11-20T09:00:00Z\nby = \"x\"\nkind = \"notified\"\ntenants = [\"contoso\"]\nchannel = \"carrier-pigeon\"\n",
            event(detected)
        ),
        format!("{original}\n[[event]]\nid = 7\n"),
        format!("{original}\n\u{1b}[2J"),
        original.replace("kind = \"confirmed\"", "kind = \"note\"\ntext = \"was a declaration\""),
        original.replace("schema = 1", "schema = 1\nschema = 1"),
        format!(
            "{original}\n[[event]]\n{}\n",
            detected.replace("A1", "ZZ").replace("title = \"t\"", &format!("title = \"{}\"", long(100_000)))
        ),
        "x = ".repeat(10_000),
        "[".repeat(100_000),
        "a = [".repeat(5_000),
        "a = {".repeat(5_000),
    ];
    for n in 0..30 {
        // Truncations of a real file at many points: a torn write by some other tool.
        let cut = original.len() * n / 30;
        files.push(original[..original.floor_char_boundary(cut)].to_string());
    }
    assert!(files.len() >= 60, "only {} incident files", files.len());
    for (n, text) in files.iter().enumerate() {
        std::fs::write(&path, text).unwrap();
        env.commit_by_hand(&format!("hostile incident file #{n}"));
        let committed = state(&env);
        let case = format!("incident file #{n}");
        check(&env, &["show", &victim], Answer::Answered, &case);
        check(&env, &["list", "--all"], Answer::Answered, &case);
        check(&env, &["timeline", &victim], Answer::Answered, &case);
        // A gate never says "all clear" when it could not read the victim.
        let out = env.run(&["deadlines", "--check"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_ne!(out.status.code(), Some(101), "{case}: deadlines panicked:\n{stderr}");
        if out.status.code() == Some(0) {
            let shown = env.run(&["show", &victim]);
            assert!(
                shown.status.success(),
                "{case}: deadlines --check passed although {victim} does not read:\n{stderr}"
            );
        }
        check(&env, &["note", &good, "still works"], Answer::Answered, &case);
        env.git(&["reset", "-q", "--hard", committed.0.trim()]);
        assert_eq!(state(&env), committed, "{case}: a command changed the store");
        env.git(&["reset", "-q", "--hard", base.trim()]);
    }
}

#[test]
fn broken_tenant_files_and_settings_are_named() {
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let id = env.declared("Odd sign-ins");
    env.ok(&["affected", &id, "contoso"]);
    let base = env.git(&["rev-parse", "HEAD"]);
    let tenant = env.tenant_file("contoso");
    let original = std::fs::read_to_string(&tenant).unwrap();
    let tenants = [
        String::new(),
        "id = 5".into(),
        "id = \"fabrikam\"\nname = \"F\"".into(),
        original.replace("contoso", "\u{1b}[31m"),
        format!("{original}\nnotify_within = \"99999999999h\""),
        format!("{original}\nnotify_within = \"-1h\""),
        format!("{original}\nschema = 2"),
        original.replace("schema = 1", "schema = 2"),
        original.replace("it@contoso.example", "it@contoso.example>\r\nBcc: all@x.y"),
        "[[".repeat(50_000),
        original[..original.len() / 2].to_string(),
    ];
    for (n, text) in tenants.iter().enumerate() {
        std::fs::write(&tenant, text).unwrap();
        env.commit_by_hand(&format!("hostile tenant #{n}"));
        let committed = state(&env);
        let case = format!("tenant file #{n}");
        for args in [
            vec!["tenant", "show", "contoso"],
            vec!["tenant", "list"],
            vec!["tenant", "check", "--check"],
            vec!["deadlines", "--check"],
            vec!["show", &id],
            vec!["notify", &id],
            vec!["notified", &id, "contoso", "--via", "email-admin"],
            vec!["tenant", "set", "contoso", "--name", "C"],
        ] {
            check(&env, &args, Answer::Answered, &case);
        }
        env.git(&["reset", "-q", "--hard", committed.0.trim()]);
        env.git(&["reset", "-q", "--hard", base.trim()]);
    }

    // A tenant file in a newer format is refused by name, not read as if it were this one.
    std::fs::write(&tenant, original.replace("schema = 1", "schema = 2")).unwrap();
    env.commit_by_hand("a tenant from the future");
    let stderr = env.fails(&["tenant", "show", "contoso"]);
    assert!(stderr.contains("schema 2"), "{stderr}");
    env.git(&["reset", "-q", "--hard", base.trim()]);

    let settings = env.store.join("sirt.toml");
    let original = std::fs::read_to_string(&settings).unwrap();
    let variants = [
        String::new(),
        "schema = 9".into(),
        original.replace("schema = 1", "schema = \"x\""),
        original.replace("contract_limit = \"72h\"", "contract_limit = \"700000000000h\""),
        original.replace("contract_limit = \"72h\"", "contract_limit = \"0h\""),
        original.replace("contract_limit = \"72h\"", "contract_limit = \"soon\""),
        original.replace("at_risk_margin = \"12h\"", "at_risk_margin = \"-3h\""),
        format!(
            "{original}\n[[limit]]\nregime = \"nis2-art23\"\nstage = \"early warning\"\nwithin = \"99999999999bd\"\n"
        ),
        original.replace("holidays = []", "holidays = [\"2026-02-30\"]"),
        original.replace("own_regimes = []", "own_regimes = [\"made-up\"]"),
        original.replace("min_writer_version = \"0.3.0\"", "min_writer_version = \"99.0.0\""),
        "=".repeat(10_000),
    ];
    for (n, text) in variants.iter().enumerate() {
        std::fs::write(&settings, text).unwrap();
        env.commit_by_hand(&format!("hostile settings #{n}"));
        let committed = state(&env);
        let case = format!("settings #{n}");
        for args in [vec!["list"], vec!["deadlines", "--check"], vec!["show", &id], vec!["report", &id]] {
            check(&env, &args, Answer::Answered, &case);
        }
        assert_eq!(state(&env), committed, "{case}: a reading command changed the store");
        // Settings that read are settings; a write may go through, but never panics.
        check(&env, &["note", &id, "x"], Answer::Answered, &case);
        env.git(&["reset", "-q", "--hard", base.trim()]);
    }
}

#[test]
fn hostile_csv_imports_change_nothing() {
    let env = Env::new();
    let mut before = state(&env);
    let header =
        "id,name,admin_email,admin_name,admin_phone,privacy_email,privacy_name,region,regime,notify_within";
    let mut files: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xff\xfe\x00".to_vec(),
        b"id\n".to_vec(),
        b"name\nx\n".to_vec(),
        b"id,id\na,a\n".to_vec(),
        b"id,nme\na,b\n".to_vec(),
        format!("{header}\n\"unterminated,x\n").into_bytes(),
        format!("{header}\na,b\n").into_bytes(),
        format!("{header}\nBAD ID,Name,it@x.example,,,,,,,\n").into_bytes(),
        format!("{header}\na,Name,not-an-email,,,,,,,\n").into_bytes(),
        format!("{header}\na,Name,it@a.example,,12,,,,,\n").into_bytes(),
        format!("{header}\na,Name,it@a.example,,,,,,no-such-regime,\n").into_bytes(),
        format!("{header}\na,Name,it@a.example,,,,,,,-4h\n").into_bytes(),
        format!("{header}\na,Name,it@a.example,,,,,,,99999999999999h\n").into_bytes(),
        format!("{header}\na,\"Na\r\nme\",it@a.example,,,,,,,\n").into_bytes(),
        format!("{header}\na,Name\u{1b}[31m,it@a.example,,,,,,,\n").into_bytes(),
        format!("{header}\na,Name,it@a.example,,,,,,,\na,Again,it@a.example,,,,,,,\n").into_bytes(),
        format!("{header}\na,Name,\"it@a.example>\r\nBcc: x@y.z\",,,,,,,\n").into_bytes(),
        format!("{header}\n{}\n", "a,".repeat(10_000)).into_bytes(),
        format!("{header}\na,{},it@a.example,,,,,,,\n", long(1_000_000)).into_bytes(),
        format!("{header}\na,Name,it@a.example,\0,,,,,,\n").into_bytes(),
    ];
    for n in 0..20 {
        // Valid rows with one bad row in the middle: nothing is imported.
        let mut rows: Vec<String> = (0..20).map(|r| format!("t{r},T {r},it@t{r}.example,,,,,,,")).collect();
        rows[n] = format!("t{n},T,broken@@example,,,,,,,");
        files.push(format!("{header}\n{}\n", rows.join("\n")).into_bytes());
    }
    assert!(files.len() >= 40);
    for (n, bytes) in files.iter().enumerate() {
        let file = env.home.join(format!("hostile-{n}.csv"));
        std::fs::write(&file, bytes).unwrap();
        // A header and no rows is an empty import; a very long name is a name (no length limit yet).
        let answer = if bytes == b"id\n" || n == 19 { Answer::Answered } else { Answer::Refused };
        check(&env, &["tenant", "import", file.to_str().unwrap()], answer, &format!("csv #{n}"));
        if answer == Answer::Refused {
            assert_eq!(state(&env), before, "csv #{n} changed the store");
        }
        before = state(&env);
    }
    // A file of ids with NULs, escapes and a huge line.
    let id = env.declared("Odd sign-ins");
    let before = state(&env);
    for (n, text) in
        ["a\0b\n", "\u{1b}[31m\n", &long(1_000_000), "../x\n", "\u{202e}evil\n"].iter().enumerate()
    {
        let file = env.home.join(format!("ids-{n}.txt"));
        std::fs::write(&file, text).unwrap();
        check(
            &env,
            &["affected", &id, "--from-file", file.to_str().unwrap()],
            Answer::Refused,
            &format!("ids #{n}"),
        );
        assert_eq!(state(&env), before);
    }
}

#[test]
fn hostile_templates_end_in_an_error_and_read_nothing_outside_the_store() {
    let env = Env::new();
    env.ok(&["config", "set", "organisation", "Northwind Cloud"]);
    env.ok(&["config", "set", "sender_address", "security@northwind.example"]);
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let id = env.declared("Odd sign-ins");
    env.ok(&["impact", &id, "--effect", "access", "--summary", "Mail read"]);
    env.ok(&["affected", &id, "contoso"]);
    env.ok(&["describe", &id, "Someone read mail."]);
    env.ok(&["act", &id, "We revoked the token."]);
    env.ok(&["advise", &id, "Review your audit logs."]);
    let base = env.git(&["rev-parse", "HEAD"]);
    let dir = env.store.join("templates");
    let templates = [
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
        "{% for a in range(1000000) %}{{ incident.id }}{{ incident.id }}{{ incident.id }}{% endfor %}",
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "{% include 'email-admin.txt' %}",
        "{{ tenant.name ",
        "{% extends '/etc/passwd' %}",
    ];
    for (n, source) in templates.iter().enumerate() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("email-admin.txt"), source).unwrap();
        env.commit_by_hand(&format!("hostile template #{n}"));
        check(&env, &["notify", &id, "--channel", "email-admin"], Answer::Refused, &format!("template #{n}"));
        env.git(&["reset", "-q", "--hard", base.trim()]);
    }
    // A template that is a symbolic link is stored by git as the link's text, never followed.
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("email-admin.txt")).unwrap();
    env.commit_by_hand("a template that is a link");
    let out = env.run(&["notify", &id, "--channel", "email-admin"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("root:"), "a draft carries /etc/passwd:\n{text}");
}
