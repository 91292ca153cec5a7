//! Fuzzing every parser on stable Rust, as tests: random and mutated input for the incident file
//! and its fold, tenant files, settings, CSV rows and `--at` times. Each must answer with a value
//! or an error, never a panic. The suite runs a few thousand cases per target; a long run sets
//! `SIRT_FUZZ_CASES` (README: Development), e.g. `SIRT_FUZZ_CASES=2000000 cargo test --release
//! --test cli fuzz -- --nocapture`, and prints how many inputs each target ran.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use sirt::model::event;
use sirt::model::settings::Settings;
use sirt::model::tenant::{Tenant, TenantUpdate};
use sirt::model::time::parse_when;

fn cases() -> u32 {
    std::env::var("SIRT_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(3_000)
}

/// Runs `target` on `cases()` inputs from `strategy`, and reports the count.
fn fuzz<S: Strategy>(name: &str, strategy: S, target: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let runs = AtomicU64::new(0);
    let mut runner =
        TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    runner
        .run(&strategy, |input| {
            runs.fetch_add(1, Ordering::Relaxed);
            target(input);
            Ok(())
        })
        .unwrap();
    eprintln!("fuzz {name}: {} inputs", runs.load(Ordering::Relaxed));
}

const INCIDENT: &str = r#"schema = 1
id = "INC-7K3M-9QX2"

[[event]]
id = "E0M4K3ZP1Q9VA"
seq = 1
at = 2026-11-20T08:00:00Z
recorded_at = 2026-11-20T08:02:11Z
by = "Ana Lima <ana@example.com>"
kind = "detected"
title = "Unusual sign-ins"
severity = "sev1"
source = "monitoring"

[[event]]
id = "E0M4K3ZP1Q9VB"
seq = 2
at = 2026-11-20T09:00:00Z
recorded_at = 2026-11-20T09:00:00Z
by = "Ana Lima <ana@example.com>"
kind = "confirmed"

[[event]]
id = "E0M4K3ZP1Q9VC"
seq = 3
at = 2026-11-20T10:00:00Z
recorded_at = 2026-11-20T10:00:00Z
by = "Ana Lima <ana@example.com>"
kind = "tenants-affected"
tenants = ["contoso", "fabrikam"]

[[event]]
id = "E0M4K3ZP1Q9VD"
seq = 4
at = 2026-11-20T11:00:00Z
recorded_at = 2026-11-20T11:00:00Z
by = "Ana Lima <ana@example.com>"
kind = "corrected"
event = "E0M4K3ZP1Q9VB"
at_ = 2026-11-20T09:30:00Z
reason = "the call was later"
"#;

const TENANT: &str = r#"id = "contoso"
name = "Contoso Ltd"
regions = ["eu-west"]
regimes = ["gdpr-art33"]
notify_within = "24h"

[[admins]]
email = "it@contoso.example"
name = "Ida Ng"
phone = "+442071234567"

[privacy]
email = "privacy@contoso.example"
"#;

/// A valid text with a few bytes replaced, inserted or removed: most inputs get past the first
/// line, which purely random text rarely does.
fn mutations(base: &'static str) -> impl Strategy<Value = String> {
    let edits = prop::collection::vec((0..base.len(), 0u8..3, any::<char>(), 1usize..12), 1..6);
    edits.prop_map(move |edits| {
        let mut text: Vec<char> = base.chars().collect();
        for (at, op, c, len) in edits {
            let at = at.min(text.len());
            match op {
                0 => text.insert(at, c),
                1 => {
                    let end = (at + len).min(text.len());
                    text.drain(at..end);
                }
                _ => {
                    if at < text.len() {
                        text[at] = c;
                    }
                }
            }
        }
        text.into_iter().collect()
    })
}

/// Text the parsers see in practice, plus anything at all.
fn text(base: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![3 => mutations(base), 1 => any::<String>(), 1 => "[\\[\\]{}=\"a-z0-9 .,\n#-]{0,200}"]
}

#[test]
fn fuzz_incident_files_and_the_fold() {
    fuzz("incident file", text(INCIDENT), |text| {
        if let Ok(log) = event::parse_log(&text) {
            let _ = log.fold();
            let _ = log.effective();
            if let Some(event) = log.events.first() {
                let _ = event::event_table(event);
                let _ = log.as_of(event.at);
            }
            let _ = log.next_seq();
        }
    });
}

#[test]
fn fuzz_tenant_files() {
    fuzz("tenant file", text(TENANT), |text| {
        if let Ok(tenant) = toml::from_str::<Tenant>(&text) {
            let _ = tenant.reach();
            let _ = tenant.problems(|_| true, 72);
            let _ = tenant.to_columns();
        }
    });
}

#[test]
fn fuzz_settings() {
    let initial: &'static str = Box::leak(Settings::initial_file().into_boxed_str());
    fuzz("settings", text(initial), |text| {
        if let Ok(settings) = Settings::parse(&text) {
            let _ = settings.contract_limit_hours();
            let _ = settings.catalog();
        }
    });
}

#[test]
fn fuzz_csv_rows() {
    let columns = sirt::model::tenant::COLUMNS;
    let row = prop::collection::vec(prop_oneof![any::<String>(), "[a-z@.;+0-9 ]{0,40}"], columns.len());
    fuzz("csv row", row, |cells| {
        let pairs: Vec<(&str, &str)> =
            columns.iter().copied().zip(cells.iter().map(String::as_str)).collect();
        let mut tenant = Tenant::new("fuzz", "");
        let _ = tenant.apply(TenantUpdate::from_columns(&pairs, true));
        let _ = tenant.problems(|_| true, 72);
    });
}

#[test]
fn fuzz_times() {
    let now: DateTime<Utc> = "2026-11-20T12:00:00Z".parse().unwrap();
    let forms = prop_oneof![
        any::<String>(),
        "[-+]?[0-9]{0,20}[a-z ]{0,8}( ago)?",
        "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}[ T][0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?Z?",
    ];
    fuzz("--at time", forms, |text| {
        let _ = parse_when(&text, now, sirt::model::time::Zone::Utc);
        let _ = parse_when(&text, now, sirt::model::time::Zone::parse("America/Sao_Paulo").unwrap());
        let _ = sirt::model::time::parse_span(&text);
    });
}
