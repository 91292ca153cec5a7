//! `deadlines` shows one line per group of tenants whose clocks read alike; `--each`, JSON and
//! CSV show one per tenant. The two views must agree: each line's count is the number of its
//! rows in `--each`, it names their first parties, and the lines come in the order of their
//! first rows.

use serde_json::Value;

use crate::support::{Env, on_pty};

/// Fourteen tenants: three with a 2h limit (overdue by noon), two with 24h and GDPR, the rest on
/// the store's 72h (two of them with GDPR). Incident A affects all, some notified at 10:00 and
/// one at 11:30; incident B affects five, none notified yet.
fn world() -> (Env, String, String) {
    let env = Env::new();
    for n in 1..=14 {
        let id = format!("t{n:02}");
        let email = format!("it@{id}.example");
        let mut args = vec!["tenant", "add", &id, "--name", &id, "--admin-email", &email];
        match n {
            1..=3 => args.extend(["--notify-within", "2h"]),
            4 | 5 => args.extend(["--notify-within", "24h", "--regime", "gdpr-art33"]),
            6 | 7 => args.extend(["--regime", "gdpr-art33"]),
            _ => {}
        }
        env.ok(&args);
    }
    let a = env.declared("Mail relay abused");
    let all: Vec<String> = (1..=14).map(|n| format!("t{n:02}")).collect();
    let mut args = vec!["affected", a.as_str()];
    args.extend(all.iter().map(String::as_str));
    env.ok(&args);
    env.ok(&[
        "notified",
        &a,
        "t01",
        "t04",
        "t06",
        "t08",
        "--via",
        "email-admin",
        "--at",
        "2026-11-20T10:00:00Z",
    ]);
    env.ok(&["notified", &a, "t09", "--via", "email-admin", "--at", "2026-11-20T11:30:00Z"]);
    let b = env.declared("Backup bucket listed");
    env.ok(&["affected", &b, "t02", "t05", "t10", "t11", "t12"]);
    (env, a, b)
}

/// The cells of a piped table's rows (columns are at least two spaces apart; no cell has two).
fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .skip_while(|l| !l.starts_with('─'))
        .skip(1)
        .map(|l| l.trim().split("  ").map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect())
        .collect()
}

/// What a grouped line stands for: incident, rule, started by, due and status.
fn key(row: &[String]) -> (String, String, String, String, String) {
    (row[0].clone(), row[2].clone(), row[3].clone(), row[4].clone(), row[6].clone())
}

/// A line's OWED TO cell: how many clocks, and the names it shows (`5 tenants: a, b, c and 2 more`).
fn owed_to(cell: &str) -> (usize, Vec<String>) {
    match cell.split_once(" tenants: ") {
        Some((count, names)) => {
            let names = names.split(" and ").next().unwrap();
            (count.parse().unwrap(), names.split(", ").map(String::from).collect())
        }
        None => (1, vec![cell.to_string()]),
    }
}

fn agree(env: &Env, extra: &[&str]) {
    let grouped = rows(&env.ok(&[&["deadlines"][..], extra].concat()));
    let each = rows(&env.ok(&[&["deadlines", "--each"][..], extra].concat()));
    assert!(grouped.len() < each.len(), "nothing was grouped:\n{grouped:?}");
    let mut keys: Vec<_> = grouped.iter().map(|r| key(r)).collect();
    // The lines come in the order of their first rows in --each.
    let mut firsts: Vec<_> = Vec::new();
    for row in &each {
        if !firsts.contains(&key(row)) {
            firsts.push(key(row));
        }
    }
    assert_eq!(keys, firsts, "lines and --each rows in different orders");
    keys.dedup();
    assert_eq!(keys.len(), grouped.len(), "two lines for the same clocks");
    let mut total = 0;
    for line in &grouped {
        let (count, names) = owed_to(&line[1]);
        let matching: Vec<&Vec<String>> = each.iter().filter(|r| key(r) == key(line)).collect();
        assert_eq!(count, matching.len(), "{line:?} stands for {matching:?}");
        let parties: Vec<&String> = matching.iter().map(|r| &r[1]).take(names.len()).collect();
        assert_eq!(names.iter().collect::<Vec<_>>(), parties, "{line:?} names others than its first rows");
        total += count;
    }
    assert_eq!(total, each.len());
    // JSON and CSV carry the same rows, in the same order.
    let mut args = vec!["deadlines", "--format", "json"];
    args.extend(extra);
    let json = env.json(&args);
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), each.len());
    for (row, clock) in each.iter().zip(json) {
        let party = clock["party"].as_str().unwrap();
        assert_eq!(
            (&row[0], &row[1], &row[6]),
            (
                &clock["incident"].as_str().unwrap().to_string(),
                &party.to_string(),
                &clock["status"].as_str().unwrap().to_string()
            )
        );
    }
    let mut args = vec!["deadlines", "--format", "csv"];
    args.extend(extra);
    let csv = env.ok(&args);
    assert_eq!(csv.lines().count(), each.len() + 1, "{csv}");
    for (line, clock) in csv.lines().skip(1).zip(json) {
        assert!(line.contains(clock["party"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn grouped_lines_and_each_agree_on_every_clock() {
    let (env, _, _) = world();
    agree(&env, &[]);
    agree(&env, &["--all"]);
    // A line per group names the first few of its tenants and counts the rest.
    let table = env.ok(&["deadlines"]);
    assert!(table.contains("6 tenants: t07, t10, t11 and 3 more"), "{table}");
    // The check counts every tenant's clock, grouped or not: t02 and t03 in A, t02 in B.
    let out = env.run(&["deadlines", "--check"]);
    assert_eq!(out.status.code(), Some(3));
    let first = String::from_utf8(out.stdout).unwrap();
    assert!(first.starts_with("3 overdue, 0 at risk, 11 running"), "{first}");
}

#[test]
fn each_reads_exactly_piped_and_at_80_columns() {
    let (env, a, b) = world();
    let anonymous = |text: &str| text.replace(&a, "INC-AAAA-AAAA").replace(&b, "INC-BBBB-BBBB");
    insta::assert_snapshot!("deadlines_each_piped", anonymous(&env.ok(&["deadlines", "--each"])));
    let mut cmd = on_pty(&env, &["deadlines", "--each"], 80, 60);
    cmd.env("NO_COLOR", "1");
    let out = match cmd.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::env::var("CI").is_err() => {
            eprintln!("skipped: script (util-linux) is not installed");
            return;
        }
        out => out.expect("script runs"),
    };
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n");
    assert!(shown.lines().all(|l| l.chars().count() <= 80), "wider than 80:\n{shown}");
    insta::assert_snapshot!("deadlines_each_at_80", anonymous(&shown));
}

/// A broken pipe while the rows stream out is not an error.
#[test]
fn streamed_rows_stop_quietly_when_the_reader_goes() {
    let (env, _, _) = world();
    for format in ["json", "csv"] {
        let mut child = env
            .std_cmd()
            .args(["deadlines", "--all", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
}

#[test]
fn an_empty_report_is_an_empty_list() {
    let env = Env::new();
    assert_eq!(env.ok(&["deadlines", "--format", "json"]), "[]\n");
    let csv = env.ok(&["deadlines", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1, "{csv}");
    let _: Value = serde_json::from_str(&env.ok(&["deadlines", "--format", "json", "--all"])).unwrap();
}
