//! Tables on a terminal: they fit its width, cells cut with `…` and columns dropped in each
//! table's own order; piped, or on a terminal that reports no size, they print in full.

use crate::support::Env;

const ID: &str = "INC-XXXX-XXXX";

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Runs sirt on a pseudo-terminal (util-linux `script`) of `cols`×50, with `COLUMNS` set to
/// `columns` when given; returns what the terminal showed, `\r\n` made `\n`. `None` when `script`
/// is missing outside CI (under CI=true its absence fails).
fn on_terminal(env: &Env, args: &[&str], cols: usize, columns: Option<usize>) -> Option<String> {
    let columns = columns.map(|c| c.to_string());
    let mut vars = vec![("NO_COLOR", "1")];
    if let Some(columns) = &columns {
        vars.push(("COLUMNS", columns));
    }
    pty(env, args, cols, &vars)
}

/// `on_terminal` with exactly these environment variables beyond the isolated ones.
fn pty(env: &Env, args: &[&str], cols: usize, vars: &[(&str, &str)]) -> Option<String> {
    let rows = if cols == 0 { 0 } else { 50 };
    let mut cmd = crate::support::on_pty(env, args, cols, rows);
    cmd.envs(vars.iter().copied());
    let out = match cmd.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required() => {
            eprintln!("skipped: script (util-linux) is not installed");
            return None;
        }
        out => out.expect("script runs"),
    };
    assert!(
        out.status.success(),
        "sirt {args:?} on a terminal failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    Some(String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n"))
}

/// A store with two tenants, one with long cells, and an incident affecting both.
fn world() -> (Env, String) {
    let env = Env::new();
    env.ok(&[
        "tenant",
        "add",
        "contoso",
        "--name",
        "Contoso Limited of Greater Europe and the Nordics",
        "--admin-email",
        "security-operations@contoso.example",
        "--region",
        "eu-central-1",
        "--region",
        "eu-north-1",
        "--notify-within",
        "24h",
    ]);
    env.ok(&[
        "tenant",
        "add",
        "northwind",
        "--name",
        "Northwind Traders",
        "--admin-email",
        "ops@northwind.example",
        "--region",
        "us-east-1",
        "--notify-within",
        "2h",
    ]);
    let id = env.declared("Odd sign-ins on the admin console from a country we do not operate in");
    env.ok(&["affected", &id, "contoso", "northwind"]);
    (env, id)
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn tables_fit_80_and_120_columns_on_a_terminal_and_print_in_full_when_piped() {
    let (env, id) = world();
    for args in [&["list"][..], &["tenant", "list"], &["deadlines"]] {
        let name = args.join("_");
        let piped = env.ok(args);
        assert!(!piped.contains('…'), "piped output is cut:\n{piped}");
        insta::assert_snapshot!(format!("{name}_piped"), piped.replace(&id, ID));
        for cols in [80, 120] {
            let Some(shown) = on_terminal(&env, args, 200, Some(cols)) else { return };
            assert!(widest(&shown) <= cols, "sirt {args:?} is wider than {cols}:\n{shown}");
            insta::assert_snapshot!(format!("{name}_at_{cols}"), shown.replace(&id, ID));
        }
    }
}

#[test]
fn cells_are_cut_with_an_ellipsis_never_wrapped_and_columns_drop_in_the_table_s_order() {
    let (env, id) = world();
    let Some(list) = on_terminal(&env, &["list"], 80, None) else { return };
    // Without COLUMNS, the terminal's own size; the title is cut, not wrapped onto a second line.
    assert_eq!(list.lines().count(), 3, "{list}");
    let row = list.lines().find(|l| l.contains(&id)).unwrap();
    assert!(row.contains("Odd sign-ins") && row.trim_end().ends_with('…'), "{list}");
    // The times go before the title does.
    assert!(!list.contains("DECLARED") && list.contains("TITLE"), "{list}");

    let Some(tenants) = on_terminal(&env, &["tenant", "list"], 80, None) else { return };
    assert!(tenants.contains("ADMINS") && !tenants.contains("PRIVACY CONTACT"), "{tenants}");
    // A region is whole or cut with `…`, never split over two lines (`eu-centra` / `l`).
    assert_eq!(tenants.lines().count(), 4, "{tenants}");

    // The compact deadlines view has what matters at 3 a.m.; --wide has every column.
    let Some(compact) = on_terminal(&env, &["deadlines"], 80, None) else { return };
    for header in ["INCIDENT", "OWED TO", "RULE", "DUE", "LEFT", "STATUS"] {
        assert!(compact.contains(header), "{header}:\n{compact}");
    }
    assert!(!compact.contains("STARTED BY") && !compact.contains('…'), "{compact}");
    let Some(wide) = on_terminal(&env, &["deadlines", "--wide"], 80, None) else { return };
    assert!(wide.contains("STARTED BY") && wide.contains("USED") && widest(&wide) > 80, "{wide}");
}

#[test]
fn a_terminal_of_no_size_gets_tables_in_full() {
    let (env, id) = world();
    let Some(shown) = on_terminal(&env, &["tenant", "list"], 0, None) else { return };
    let piped = env.ok(&["tenant", "list"]);
    assert_eq!(shown, piped, "a 0×0 terminal changed the table");
    let Some(shown) = on_terminal(&env, &["list"], 0, None) else { return };
    assert!(
        shown.contains("Odd sign-ins on the admin console from a country we do not operate in"),
        "{shown}"
    );
    assert!(shown.contains(&id) && !shown.contains('…'), "{shown}");
}

#[test]
fn colours_follow_no_color_clicolor_and_clicolor_force() {
    let (env, _) = world();
    let colored = |text: &str| text.contains("\u{1b}[");
    // On a terminal, colour by default; NO_COLOR or CLICOLOR=0 turn it off; --color always wins.
    let Some(shown) = pty(&env, &["deadlines"], 120, &[]) else { return };
    assert!(colored(&shown), "{shown:?}");
    for vars in
        [&[("NO_COLOR", "1")][..], &[("CLICOLOR", "0")], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]]
    {
        let shown = pty(&env, &["deadlines"], 120, vars).unwrap();
        assert!(!colored(&shown), "{vars:?}: {shown:?}");
    }
    let shown = pty(&env, &["deadlines", "--color", "always"], 120, &[("NO_COLOR", "1")]).unwrap();
    assert!(colored(&shown), "{shown:?}");
    let shown = pty(&env, &["deadlines", "--color", "never"], 120, &[]).unwrap();
    assert!(!colored(&shown), "{shown:?}");

    // Piped: plain, unless CLICOLOR_FORCE asks for colour anyway (on stdout and stderr alike).
    let piped = |vars: &[(&str, &str)]| {
        let out =
            env.cmd().env_remove("NO_COLOR").envs(vars.iter().copied()).args(["deadlines"]).output().unwrap();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (out, err) = piped(&[]);
    assert!(!colored(&out) && !colored(&err), "{out:?} {err:?}");
    let (out, err) = piped(&[("CLICOLOR_FORCE", "1")]);
    assert!(colored(&out) && colored(&err), "{out:?} {err:?}");
    assert!(out.starts_with("\u{1b}["), "the overdue summary is not coloured: {out:?}");
    assert!(err.contains("\u{1b}[1m\u{1b}[36mhint:\u{1b}[0m"), "{err:?}");
}

#[test]
fn progress_bars_appear_on_a_terminal_only_and_never_in_json() {
    let env = Env::new();
    let mut csv = String::from("id,name,admin_email\n");
    let mut list = String::new();
    for n in 0..250 {
        csv.push_str(&format!("t{n:03},Tenant {n},it@t{n:03}.example\n"));
        list.push_str(&format!("t{n:03}\n"));
    }
    std::fs::write(env.home.join("tenants.csv"), csv).unwrap();
    std::fs::write(env.home.join("affected.txt"), list).unwrap();
    let Some(shown) = pty(&env, &["tenant", "import", "tenants.csv"], 120, &[("NO_COLOR", "1")]) else {
        return;
    };
    assert!(shown.contains("reading tenants [") && shown.contains("250/250"), "{shown}");

    let id = env.declared("Odd sign-ins");
    // Piped: the same work, no bar on either stream.
    let out = env.cmd().args(["affected", &id, "--from-file", "affected.txt"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("checking tenants") && !stderr.contains("250/250"), "{stderr}");
    let shown =
        pty(&env, &["affected", &id, "--from-file", "affected.txt", "--remove"], 120, &[("NO_COLOR", "1")]);
    assert!(shown.unwrap().contains("checking tenants ["));
    env.ok(&["affected", &id, "--from-file", "affected.txt"]);

    env.ok(&["config", "set", "organisation", "Northwind Cloud"]);
    env.ok(&["config", "set", "sender_address", "security@northwind.example"]);
    // `--incomplete`: drafts without the incident's story, which this test does not need.
    let out = env.cmd().args(["notify", &id, "--format", "markdown", "--incomplete"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8(out.stderr).unwrap().contains("rendering drafts"));
    let shown =
        pty(&env, &["notify", &id, "--format", "markdown", "--incomplete"], 120, &[("NO_COLOR", "1")])
            .unwrap();
    assert!(shown.contains("rendering drafts (tenants) [") && shown.contains("250/250"), "{shown}");
    // JSON on a terminal: no bar; the terminal shows the JSON first (stderr's notes follow it).
    let json =
        pty(&env, &["notify", &id, "--format", "json", "--incomplete"], 120, &[("NO_COLOR", "1")]).unwrap();
    assert!(!json.contains("rendering drafts") && !json.contains("250/250"), "{json}");
    let first = serde_json::Deserializer::from_str(&json).into_iter::<serde_json::Value>().next();
    assert!(first.is_some_and(|v| v.is_ok()), "no JSON first:\n{json}");
}

#[test]
fn show_fits_its_lines_to_80_and_120_columns_and_prints_them_whole_when_piped() {
    let (env, id) = world();
    env.ok(&["engage", &id, "oce", "Ana Lima de Albuquerque e Vasconcelos"]);
    env.ok(&[
        "impact",
        &id,
        "--effect",
        "disclosure",
        "--summary",
        "session tokens of admin users were readable by a third party for about two hours, until the proxy was patched",
    ]);
    let piped = env.ok(&["show", &id]);
    assert!(!piped.contains('…') && widest(&piped) > 120, "{piped}");
    insta::assert_snapshot!("show_piped", piped.replace(&id, ID));
    for cols in [80, 120] {
        let Some(shown) = on_terminal(&env, &["show", &id], 200, Some(cols)) else { return };
        assert!(widest(&shown) <= cols, "wider than {cols}:\n{shown}");
        // Same lines, each whole or cut with `…`; never wrapped onto another.
        assert_eq!(shown.lines().count(), piped.lines().count(), "{shown}");
        insta::assert_snapshot!(format!("show_at_{cols}"), shown.replace(&id, ID));
    }
}

#[test]
fn a_large_import_s_examples_fit_the_terminal() {
    let env = Env::new();
    let mut csv = String::from("id,name,admin_email,privacy_email\n");
    for n in 0..300 {
        csv.push_str(&format!("t{n:03},Tenant {n},it@t{n:03}.example,privacy-office@t{n:03}.example\n"));
    }
    std::fs::write(env.home.join("tenants.csv"), csv).unwrap();
    let Some(shown) = on_terminal(&env, &["tenant", "import", "tenants.csv"], 200, Some(80)) else { return };
    let examples: Vec<&str> = shown.lines().filter(|l| l.contains("(new): added")).collect();
    assert_eq!(examples.len(), 5, "{shown}");
    for line in examples {
        assert!(line.chars().count() <= 80 && line.ends_with('…'), "{line}");
    }
    // Piped, the same examples are whole.
    let csv2 = std::fs::read_to_string(env.home.join("tenants.csv")).unwrap().replace("it@", "soc@");
    std::fs::write(env.home.join("tenants.csv"), csv2).unwrap();
    let piped = env.ok(&["tenant", "import", "tenants.csv"]);
    assert!(piped.contains("  t000: changed admin_email (it@t000.example → soc@t000.example)\n"), "{piped}");
}
