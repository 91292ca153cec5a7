//! Pictures: the report's timeline (Mermaid and SVG), the charts of `stats --chart`, and the bar
//! of `deadlines` on a terminal. The SVGs are parsed as XML and drawn to PNG by a real renderer
//! (`rsvg-convert`); the Mermaid blocks are parsed by Mermaid's own parser (tests/mermaid), and
//! checked line by line against the statements sirt writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::Env;

const ID: &str = "INC-XXXX-XXXX";

fn tenant(env: &Env, id: &str, name: &str, extra: &[&str]) {
    let email = format!("it@{id}.example");
    let mut args = vec!["tenant", "add", id, "--name", name, "--admin-email", &email];
    args.extend(extra);
    env.ok(&args);
}

/// Adds an own regime of two chained stages to the store's settings, committed as a user would.
fn board_regime(env: &Env) {
    let path = env.store.join("sirt.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("own_regimes = []"), "{text}");
    let text = text.replacen("own_regimes = []", "own_regimes = [\"acme-board\"]", 1)
        + "\n[[regime]]\nid = \"acme-board\"\nname = \"acme-board policy\"\nnotifies = \"provider → board\"\n\
           trigger = \"declared\"\n\n[[regime.stage]]\nname = \"early warning\"\nwithin = \"24h\"\ncounting = \"hours\"\n\
           \n[[regime.stage]]\nname = \"full report\"\nwithin = \"72h\"\ncounting = \"hours\"\nanchor = \"stage:early warning\"\n";
    std::fs::write(&path, text).unwrap();
    env.git(&["-c", "user.name=t", "-c", "user.email=t@e.x", "commit", "-qam", "board regime"]);
}

/// A realistic incident, recorded as it happened (each step at its own `SIRT_NOW`) except the
/// detection, backfilled 40 minutes late. Four tenants: Contoso (24h contract) notified late,
/// Fabrikam and Woodgrove on time, Northwind not yet. An own regime whose second stage starts
/// when the first is filed. Recovery is under way at "now", 19 Nov 12:00.
fn realistic(title: &str) -> (Env, String) {
    let mut env = Env::new();
    env.now = "2026-11-17T05:00:00Z".into();
    board_regime(&env);
    tenant(&env, "contoso", "Contoso Ltd", &["--notify-within", "24h"]);
    tenant(&env, "fabrikam", "Fabrikam GmbH", &[]);
    tenant(&env, "woodgrove", "Woodgrove Bank", &["--notify-within", "48h"]);
    tenant(&env, "northwind", "Northwind Traders", &[]);
    env.now = "2026-11-17T06:40:00Z".into();
    let id = env.detect(
        title,
        &[
            "--severity",
            "sev1",
            "--source",
            "customer-report",
            "--at",
            "2026-11-17T06:00:00Z",
            "--started",
            "2026-11-16T22:30:00Z",
        ],
    );
    let mut step = |now: &str, args: &[&str]| {
        env.now = now.into();
        env.ok(args);
    };
    step("2026-11-17T06:45:00Z", &["engage", &id, "oce", "Oli Chen"]);
    step("2026-11-17T07:00:00Z", &["engage", &id, "srt", "Sam Rao"]);
    step("2026-11-17T08:00:00Z", &["engage", &id, "eim", "Eve Max"]);
    step("2026-11-17T09:00:00Z", &["confirm", &id]);
    step("2026-11-17T10:00:00Z", &["impact", &id, "--effect", "access", "--summary", "Mail was read."]);
    step("2026-11-17T11:00:00Z", &["affected", &id, "contoso", "fabrikam", "woodgrove", "northwind"]);
    step("2026-11-17T13:00:00Z", &["contain", &id, "--summary", "Revoked the credential"]);
    step("2026-11-17T15:00:00Z", &["notified", &id, "fabrikam", "woodgrove", "--via", "email-admin"]);
    step("2026-11-18T08:00:00Z", &["filed", &id, "acme-board", "early warning"]);
    step("2026-11-18T14:00:00Z", &["notified", &id, "contoso", "--via", "email-admin"]);
    step(
        "2026-11-18T16:00:00Z",
        &["eradicate", &id, "--summary", "Rotated every support credential", "--approved-by", "Eve Max"],
    );
    step("2026-11-19T10:00:00Z", &["recover", &id, "--summary", "Restored the mail index"]);
    env.now = "2026-11-19T12:00:00Z".into();
    (env, id)
}

/// The lines from "## Timeline at a glance" up to the next section.
fn glance(report: &str) -> String {
    let start =
        report.find("## Timeline at a glance").unwrap_or_else(|| panic!("no timeline section:\n{report}"));
    let rest = &report[start..];
    let end = rest[3..].find("\n## ").map(|i| i + 4).unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The body of the report's ```mermaid block, without its fences.
fn mermaid_block(report: &str) -> String {
    let start = report.find("```mermaid\n").unwrap_or_else(|| panic!("no mermaid block:\n{report}"));
    let body = &report[start + "```mermaid\n".len()..];
    body[..body.find("```").expect("the block is closed")].to_string()
}

fn tool_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// `rsvg-convert` renders the SVG to PNG; returns (width, height, RGB pixels). `None` only when
/// the tool is missing outside CI (where it is installed by .ci/run, and its absence fails).
fn render_png(svg: &Path) -> Option<(u32, u32, Vec<[u8; 3]>)> {
    let png = svg.with_extension("png");
    let status = Command::new("rsvg-convert").arg("-o").arg(&png).arg(svg).status();
    match status {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(!tool_required(), "rsvg-convert is missing (apt-get install librsvg2-bin)");
            eprintln!("skipped: rsvg-convert is not installed (apt-get install librsvg2-bin)");
            return None;
        }
        status => assert!(status.unwrap().success(), "rsvg-convert failed on {}", svg.display()),
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(info.buffer_size());
    let channels = match info.color_type {
        png::ColorType::Rgba => 4,
        png::ColorType::Rgb => 3,
        other => panic!("rsvg-convert wrote {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    Some((info.width, info.height, pixels.chunks(channels).map(|p| [p[0], p[1], p[2]]).collect()))
}

/// Parses the SVG as XML and renders it; checks the size it declares is the size drawn and that
/// the picture is not blank. Returns the parsed text of every `<text>` element.
fn check_svg(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc =
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{} is not XML: {e}", path.display()));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let width: u32 = root.attribute("width").unwrap().parse().unwrap();
    let height: u32 = root.attribute("height").unwrap().parse().unwrap();
    let allowed = ["svg", "title", "desc", "rect", "line", "circle", "polygon", "text"];
    for node in doc.descendants().filter(|n| n.is_element()) {
        assert!(allowed.contains(&node.tag_name().name()), "unexpected element <{}>", node.tag_name().name());
        for attribute in node.attributes() {
            assert!(!attribute.name().starts_with("on"), "an event handler: {}", attribute.name());
            assert!(!attribute.name().contains("href"), "a link: {}", attribute.name());
        }
    }
    assert!(doc.descendants().any(|n| n.has_tag_name("desc") && n.text().is_some_and(|t| !t.is_empty())));
    if let Some((w, h, pixels)) = render_png(path) {
        assert_eq!((w, h), (width, height), "the PNG has the SVG's size");
        assert_eq!(pixels.len(), (w * h) as usize);
        let inked = pixels.iter().filter(|p| p.iter().any(|c| *c < 200)).count();
        let colours: std::collections::BTreeSet<&[u8; 3]> = pixels.iter().collect();
        assert!(inked > (w * h / 100) as usize, "the picture is almost blank: {inked} dark pixels");
        assert!(colours.len() > 8, "only {} colours drawn", colours.len());
    }
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").to_string()).collect()
}

/// Mermaid's own parser, run with node (tests/mermaid, installed by .ci/run with `npm ci`).
fn mermaid_parses(block: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid");
    if !dir.join("node_modules/mermaid").exists() {
        assert!(!tool_required(), "Mermaid's parser is not installed: npm ci --prefix tests/mermaid");
        eprintln!("skipped Mermaid's parser: run npm ci --prefix tests/mermaid");
        return;
    }
    let mut child = Command::new("node")
        .arg(dir.join("check.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), block.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.starts_with("ok gantt"),
        "Mermaid refuses the block: {said}\n{block}"
    );
}

/// Every line is one of the statements sirt writes, and no text carries a character Mermaid
/// would read as syntax: a hostile title can only ever be a task name.
fn mermaid_lines_are_sirt_statements(block: &str) {
    let mut lines = block.lines();
    assert_eq!(lines.next(), Some("gantt"));
    let clean = |text: &str| !text.contains([':', ';', '#', '%', '`', '<', '>', '"', '[', ']', '{', '}']);
    let date = |d: &str| d.len() == 16 && chrono::NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M").is_ok();
    for line in lines {
        let body = line.strip_prefix("    ").unwrap_or_else(|| panic!("not indented: {line:?}"));
        if let Some(rest) = body.strip_prefix("title ").or_else(|| body.strip_prefix("section ")) {
            assert!(clean(rest), "{line:?}");
            continue;
        }
        if ["accTitle: ", "accDescr: "].iter().any(|p| body.starts_with(p)) {
            assert!(clean(&body[10..]), "{line:?}");
            continue;
        }
        if ["dateFormat ", "axisFormat ", "todayMarker "].iter().any(|p| body.starts_with(p)) {
            continue;
        }
        let (name, data) = body.split_once(" :").unwrap_or_else(|| panic!("not a task: {line:?}"));
        assert!(clean(name) && !name.is_empty(), "task name {name:?}");
        let fields: Vec<&str> = data.split(", ").collect();
        let tags = ["active", "done", "crit", "milestone"];
        let first_data = fields.iter().position(|f| !tags.contains(f)).unwrap();
        let rest = &fields[first_data..];
        assert_eq!(rest.len(), 3, "{line:?}");
        assert!(
            rest[0].starts_with('s') && rest[0][1..].trim_end_matches('e').parse::<u32>().is_ok(),
            "{line:?}"
        );
        assert!(date(rest[1]), "{line:?}");
        assert!(date(rest[2]) || rest[2] == "0m", "{line:?}");
    }
}

fn out_dir(env: &Env, name: &str) -> PathBuf {
    env.home.join(name)
}

#[test]
fn the_report_draws_the_timeline_in_mermaid_and_svg() {
    let (env, id) = realistic("Stolen support credential used to read mailboxes");
    let report = env.ok(&["report", &id, "--tz", "UTC"]);
    let block = mermaid_block(&report);
    mermaid_lines_are_sirt_statements(&block);
    mermaid_parses(&block);
    insta::assert_snapshot!("report_timeline_glance", glance(&report).replace(&id, ID));

    // Facts, whatever the snapshot says: the backfilled detection is marked in the block and in
    // words; Contoso's 24h clock is late, Northwind's is still running at now.
    assert!(block.contains("Detected (customer-report) (backfilled) :active, milestone"), "{block}");
    assert!(report.contains("(backfilled: recorded 2026-11-17 06:40Z)"), "{report}");
    assert!(block.contains("contract 24h – contoso :crit"), "{block}");
    assert!(report.contains(
        "Clocks: 2026-11-17 09:00Z due 2026-11-18 09:00Z, late 2026-11-18 14:00Z: contract 24h – contoso"
    ));
    assert!(
        report.contains(
            "Clocks: 2026-11-17 09:00Z due 2026-11-20 09:00Z, running now: contract 72h – northwind"
        )
    );
    // The chained stage starts when the first is filed.
    assert!(report.contains("Clocks: 2026-11-18 08:00Z due 2026-11-21 08:00Z, running now"), "{report}");
    assert!(report.contains("Response track: 2026-11-18 16:00Z to now: Recovery (under way)"), "{report}");

    // --out DIR: the report refers to the SVG written beside it; the rest is the same.
    let dir = out_dir(&env, "review");
    let commits = env.commit_count();
    assert_eq!(env.ok(&["report", &id, "--tz", "UTC", "--out", dir.to_str().unwrap()]), "");
    assert_eq!(env.commit_count(), commits, "a report made a commit");
    let written = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let image = format!("![Timeline of {id} (the same facts follow in words)](timeline.svg)\n\n");
    assert!(written.contains(&image), "{written}");
    assert_eq!(written.replacen(&image, "", 1), report);
    let svg = std::fs::read_to_string(dir.join("timeline.svg")).unwrap();
    insta::assert_snapshot!("report_timeline_svg", svg.replace(&id, ID));
    let texts = check_svg(&dir.join("timeline.svg"));
    assert!(texts.iter().any(|t| t == "Detected (customer-report) (backfilled)"), "{texts:?}");

    // The same store, now and zone: the same bytes.
    env.ok(&["report", &id, "--tz", "UTC", "--out", dir.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(dir.join("timeline.svg")).unwrap(), svg);
}

/// A small incident declared on `day` at 09:00 (detected 08:00, started 06:00), its tenants
/// notified after the given hours (None: not yet), recovered after `recover` hours.
fn small(env: &Env, day: &str, tenants: &[(&str, Option<i64>)], recover: i64) -> String {
    let t = |h: i64| {
        (chrono::DateTime::parse_from_rfc3339(&format!("{day}T09:00:00Z")).unwrap()
            + chrono::Duration::hours(h))
        .to_rfc3339()
    };
    let started = t(-3);
    let id = env.detect("Odd sign-ins", &["--severity", "sev2", "--at", &t(-1), "--started", &started]);
    env.ok(&["engage", &id, "eim", "Eve Max", "--at", &t(-1)]);
    env.ok(&["confirm", &id, "--at", &t(0)]);
    let mut affected = vec!["affected", &id];
    affected.extend(tenants.iter().map(|(t, _)| *t));
    let at = t(1);
    affected.extend(["--at", &at]);
    env.ok(&affected);
    for (tenant, after) in tenants {
        if let Some(h) = after {
            env.ok(&["notified", &id, tenant, "--via", "email-admin", "--at", &t(*h)]);
        }
    }
    env.ok(&["contain", &id, "--summary", "Blocked", "--at", &t(2)]);
    env.ok(&["eradicate", &id, "--summary", "Fixed", "--approved-by", "Eve Max", "--at", &t(3)]);
    env.ok(&[
        "recover",
        &id,
        "--last-known-good",
        "snapshot",
        "--restored-from",
        "backup",
        "--inspected",
        "--at",
        &t(4),
    ]);
    env.ok(&["recover", &id, "--monitoring", "--validated-by", "Eve Max", "--at", &t(recover)]);
    id
}

#[test]
fn stats_charts_show_distributions_and_the_monthly_share_in_time() {
    let mut env = Env::new();
    env.now = "2027-02-01T00:00:00Z".into();
    for (id, name) in
        [("contoso", "Contoso Ltd"), ("fabrikam", "Fabrikam GmbH"), ("woodgrove", "Woodgrove Bank")]
    {
        tenant(&env, id, name, &[]);
    }
    // October: two tenants in time, one late (80h > 72h). November and December: none. January:
    // two in time.
    small(&env, "2026-10-05", &[("contoso", Some(5)), ("fabrikam", Some(80))], 30);
    small(&env, "2026-10-20", &[("woodgrove", Some(10))], 50);
    small(&env, "2027-01-10", &[("contoso", Some(2)), ("woodgrove", Some(30))], 6);
    let dir = out_dir(&env, "charts");
    let table = env.ok(&["stats", "--chart", dir.to_str().unwrap()]);
    assert!(table.contains("4 of 5 affected tenants notified within their contract clock (80%)"), "{table}");

    let words = std::fs::read_to_string(dir.join("charts.md")).unwrap();
    insta::assert_snapshot!("stats_charts_words", words);
    // Worked out by hand: notify after 2, 5, 10, 30, 80 hours → median 10h, p90 (nearest rank) 80h.
    assert!(words.contains("Time to notify (declaration → each tenant's first notification): 5 measured, median 10h 00m, 90th percentile 3d 8h"), "{words}");
    assert!(
        words.contains("- Oct 2026: 2 of 3 tenants notified within their contract clock (67%)."),
        "{words}"
    );
    assert!(
        words.contains("- Jan 2027: 2 of 2 tenants notified within their contract clock (100%)."),
        "{words}"
    );
    assert!(words.contains("- Dec 2026: no contract clock was met or ran out."), "{words}");
    assert!(words.contains("](time-to-respond.svg)") && words.contains("](notified-in-time.svg)"), "{words}");

    let json = env.json(&["stats", "--format", "json"]);
    assert_eq!(
        json["notified_in_time_by_month"][0],
        serde_json::json!({"month": "2026-10", "decided": 3, "in_time": 2})
    );

    for (file, snapshot) in
        [("time-to-respond.svg", "stats_durations_svg"), ("notified-in-time.svg", "stats_share_svg")]
    {
        let svg = std::fs::read_to_string(dir.join(file)).unwrap();
        insta::assert_snapshot!(snapshot, svg);
        let texts = check_svg(&dir.join(file));
        assert!(!texts.is_empty());
    }
    let durations = check_svg(&dir.join("time-to-respond.svg"));
    assert!(
        durations.iter().any(|t| t == "median 10h 00m")
            && durations.iter().any(|t| t == "90th percentile 3d 8h"),
        "{durations:?}"
    );
    let share = check_svg(&dir.join("notified-in-time.svg"));
    assert!(share.iter().any(|t| t == "67%") && share.iter().any(|t| t == "Jan 2027"), "{share:?}");

    // The same store and now: the same bytes; a file where the directory should be is refused.
    let before = std::fs::read(dir.join("time-to-respond.svg")).unwrap();
    env.ok(&["stats", "--chart", dir.to_str().unwrap()]);
    assert_eq!(std::fs::read(dir.join("time-to-respond.svg")).unwrap(), before);
    let file = env.home.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let stderr = env.fails(&["stats", "--chart", file.to_str().unwrap()]);
    assert!(stderr.contains("is a file, not a directory") && stderr.contains("hint:"), "{stderr}");
}

#[test]
fn stats_charts_of_an_empty_store_say_so() {
    let env = Env::new();
    let dir = out_dir(&env, "charts");
    env.ok(&["stats", "--chart", dir.to_str().unwrap()]);
    let words = std::fs::read_to_string(dir.join("charts.md")).unwrap();
    assert!(
        words.contains("nothing measured yet") && words.contains("No contract clock has been met"),
        "{words}"
    );
    for file in ["time-to-respond.svg", "notified-in-time.svg"] {
        check_svg(&dir.join(file));
    }
}

/// Text that means something to XML, HTML, Markdown or Mermaid, and one very long word.
fn hostile() -> String {
    format!(
        "</text><script>alert(1)</script> & \"q\" 'a' ]]> <!-- x --> section evil: #; %% click s1 call x() ``` \
         {{{{t}}}} [[a]] bell {}",
        "W".repeat(300)
    )
}

#[test]
fn hostile_titles_neither_break_nor_inject() {
    let (env, id) = realistic(&hostile());
    let who = "<img src=x onerror=alert(1)>: #evil; section x";
    env.ok(&["engage", &id, "comms", who]);
    let dir = out_dir(&env, "hostile");
    env.ok(&["report", &id, "--tz", "UTC", "--out", dir.to_str().unwrap()]);
    let report = std::fs::read_to_string(dir.join("report.md")).unwrap();

    // Mermaid: still the statements sirt writes, still three sections, accepted by Mermaid.
    let block = mermaid_block(&report);
    mermaid_lines_are_sirt_statements(&block);
    mermaid_parses(&block);
    assert_eq!(block.lines().filter(|l| l.starts_with("    section ")).count(), 3, "{block}");
    assert_eq!(report.matches("```").count(), 2, "the fence was broken:\n{report}");
    let title = block.lines().find(|l| l.starts_with("    title ")).unwrap();
    assert!(title.chars().count() <= 4 + 6 + 90, "the long word is cut: {title}");
    // The words beside it: Markdown and HTML characters escaped.
    let section = glance(&report);
    let words = &section[section.find("The timeline in words").unwrap()..];
    for (i, c) in words.char_indices().filter(|(_, c)| matches!(c, '<' | '>' | '`' | '[' | '&')) {
        assert!(words[..i].ends_with('\\'), "an unescaped {c:?} reached the Markdown:\n{words}");
    }
    assert!(section.contains(r"\<img src=x onerror=alert(1)\>"), "{section}");

    // SVG: well-formed, nothing but sirt's elements, the title carried as text.
    let texts = check_svg(&dir.join("timeline.svg"));
    let svg = std::fs::read_to_string(dir.join("timeline.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let name = doc.descendants().find(|n| n.has_tag_name("title")).unwrap().text().unwrap().to_string();
    assert!(
        name.starts_with(&format!("Timeline of {id}: </text><script>alert(1)</script> & \"q\" 'a' ]]>")),
        "{name}"
    );
    assert!(name.ends_with(&"W".repeat(300)), "the accessible name keeps the whole title");
    assert!(texts.iter().any(|t| t.starts_with("COMMS engaged: <img src=x onerror=alert(1)>")), "{texts:?}");
    let longest = texts.iter().map(|t| t.chars().count()).max().unwrap();
    assert!(longest <= 120, "a text of {longest} characters runs off the picture");
}

#[test]
fn notification_drafts_carry_no_pictures() {
    let (env, id) = realistic("Stolen support credential");
    env.ok(&["describe", &id, "Someone read mail."]);
    env.ok(&["act", &id, "We revoked the credential."]);
    env.ok(&["advise", &id, "Review the audit log."]);
    // Drafts are refused while sirt.toml holds the placeholders `init` writes.
    env.ok(&["config", "set", "organisation", "Northwind Cloud"]);
    env.ok(&["config", "set", "sender_address", "security@northwind.example"]);
    let drafts = env.ok(&["notify", &id, "--format", "markdown"]);
    assert!(drafts.contains("Someone read mail."), "{drafts}");
    for internal in ["mermaid", "gantt", "<svg", ".svg", "Timeline at a glance", "backfilled"] {
        assert!(!drafts.contains(internal), "a draft carries {internal:?}:\n{drafts}");
    }
}

/// Runs sirt on a pseudo-terminal (util-linux `script`, 200 columns), with the test's isolated
/// environment; returns what the terminal showed, `\r\n` made `\n`.
fn on_terminal(env: &Env, args: &[&str], color: bool) -> String {
    let mut cmd = crate::support::on_pty(env, args, 200, 50);
    if !color {
        cmd.env("NO_COLOR", "1");
    }
    let out = match cmd.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !tool_required() => {
            eprintln!("skipped: script (util-linux) is not installed");
            return String::new();
        }
        out => out.expect("script runs"),
    };
    assert!(
        out.status.success(),
        "sirt {args:?} on a terminal failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

#[test]
fn deadlines_draw_a_bar_of_time_used_on_a_terminal_only() {
    let env = Env::new();
    tenant(&env, "contoso", "Contoso Ltd", &["--notify-within", "24h"]);
    tenant(&env, "northwind", "Northwind Traders", &["--notify-within", "2h"]);
    let id = env.declared("Odd sign-ins");
    env.ok(&["affected", &id, "contoso", "northwind"]);

    let shown = on_terminal(&env, &["deadlines"], false);
    if shown.is_empty() {
        return;
    }
    // Declared at 09:00, now 12:00: 3h of 2h (150%) and of 24h (13%).
    let row = |text: &str, party: &str| -> String {
        text.lines()
            .find(|l| l.contains(party))
            .unwrap_or_else(|| panic!("no {party} row:\n{text}"))
            .to_string()
    };
    assert!(shown.contains("USED"), "{shown}");
    assert!(row(&shown, "northwind").contains("██████████ 150%"), "{shown}");
    assert!(row(&shown, "contoso").contains("█▎░░░░░░░░  13%"), "{shown}");
    insta::assert_snapshot!("deadlines_on_a_terminal", shown.replace(&id, ID));

    // Coloured by status: the overdue bar in red, as its status.
    let colored = on_terminal(&env, &["deadlines", "--color", "always"], true);
    let overdue = row(&colored, "northwind");
    let bar = overdue.find("██████████").unwrap();
    let before = &overdue[..bar];
    let style = before[before.rfind("\u{1b}[0m").map_or(0, |i| i + 4)..].trim();
    assert!(style.starts_with("\u{1b}["), "the bar is not coloured: {overdue:?}");
    assert!(overdue.contains(&format!("{style} overdue ")), "not in the status's colour: {overdue:?}");

    // Piped, or as JSON even on a terminal: no bar.
    let piped = env.ok(&["deadlines"]);
    assert!(!piped.contains("USED") && !piped.contains('█'), "{piped}");
    assert_eq!(
        piped.lines().count(),
        shown.lines().count() - 1,
        "only the hint line differs:\n{piped}\n{shown}"
    );
    let json = on_terminal(&env, &["deadlines", "--format", "json"], false);
    assert!(!json.contains('█'), "{json}");
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
}

#[test]
fn the_zone_moves_every_time_in_the_pictures_and_a_file_is_no_directory() {
    let (env, id) = realistic("Stolen support credential");
    let utc = env.ok(&["report", &id, "--tz", "UTC"]);
    let paris = env.ok(&["report", &id, "--tz", "+01:00"]);
    let (utc, paris) = (mermaid_block(&utc), mermaid_block(&paris));
    assert!(
        utc.contains("Detected (customer-report) (backfilled) :active, milestone, s2, 2026-11-17 06:00, 0m"),
        "{utc}"
    );
    assert!(
        paris
            .contains("Detected (customer-report) (backfilled) :active, milestone, s2, 2026-11-17 07:00, 0m"),
        "{paris}"
    );
    assert_eq!(utc.lines().count(), paris.lines().count());

    let file = env.home.join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let stderr = env.fails(&["report", &id, "--out", file.to_str().unwrap()]);
    assert!(stderr.contains("is a file, not a directory"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x", "the file was changed");
    let stderr = env.fails(&["report", &id, "--tz", "Mars/Olympus"]);
    assert!(stderr.contains("hint:"), "{stderr}");
}
