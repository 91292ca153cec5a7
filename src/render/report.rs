//! The post-incident report: Markdown, shareable as it is. A pure function of the incident, its
//! log, its clocks and the tenants' names.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::model::deadline::{ClockKind, Deadline, Status};
use crate::model::time::{format_in, format_span};
use crate::model::{Incident, IncidentLog};

/// Markdown table cells: one line, no pipes.
fn cell(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('|', "\\|")
}

fn span(from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format_span(to - from),
        _ => "—".into(),
    }
}

/// The report. `names` maps tenant ids to names; `clocks` are the incident's clocks.
pub fn report(
    incident: &Incident,
    log: &IncidentLog,
    clocks: &[Deadline],
    names: &BTreeMap<String, String>,
    organisation: &str,
    zone: FixedOffset,
    now: DateTime<Utc>,
) -> String {
    let at = |t: DateTime<Utc>| format_in(t, zone);
    let opt = |t: Option<DateTime<Utc>>| t.map(at).unwrap_or_else(|| "—".into());
    let mut md = String::new();
    let _ = writeln!(md, "# Post-incident report: {} — {}\n", incident.id, cell(&incident.title));
    let _ = writeln!(
        md,
        "{organisation} · severity {} · source {} · phase {} · report written {}\n",
        incident.severity,
        incident.source,
        incident.phase,
        at(now)
    );

    let _ = writeln!(md, "## Summary\n");
    let _ = writeln!(
        md,
        "{}\n",
        incident.description.as_deref().unwrap_or("No customer-facing description was recorded.")
    );
    let impact = match &incident.impact {
        None => "not determined".to_string(),
        Some(i) if i.effects.is_empty() => "no effect on customer data".to_string(),
        Some(i) => {
            let effects: Vec<&str> = i.effects.iter().map(|e| e.plain()).collect();
            format!(
                "{}{}",
                effects.join("; "),
                i.summary.as_deref().map(|s| format!(". {s}")).unwrap_or_default()
            )
        }
    };
    let _ = writeln!(md, "- **Impact:** {impact}");
    let _ = writeln!(md, "- **Affected tenants:** {}", incident.affected.len());
    let _ = writeln!(md, "- **Declared:** {}", opt(incident.declared_at));
    if let Some(reason) = &incident.dismiss_reason {
        let _ = writeln!(md, "- **Dismissed:** {reason}");
    }
    if let Some(closed) = incident.closed_at {
        let _ = writeln!(
            md,
            "- **Closed:** {}{}",
            at(closed),
            incident.close_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
        );
    }
    md.push('\n');

    let first_engaged = incident.engagements.iter().map(|e| e.at).min();
    let r = &incident.response;
    let _ = writeln!(md, "## Durations\n\n| Interval | Duration |\n|---|---|");
    for (what, from, to) in [
        ("Event start → detection", incident.started_at, Some(incident.detected_at)),
        ("Detection → first engagement", Some(incident.detected_at), first_engaged),
        ("First engagement → declaration", first_engaged, incident.declared_at),
        ("Declaration → containment", incident.declared_at, r.contained_at),
        ("Declaration → eradication", incident.declared_at, r.eradicated_at),
        ("Declaration → recovery validated", incident.declared_at, r.recovered_at),
    ] {
        let _ = writeln!(md, "| {what} | {} |", span(from, to));
    }
    let mut waits: Vec<Duration> =
        incident.affected.values().filter_map(|a| Some(a.notified_at? - incident.declared_at?)).collect();
    waits.sort();
    if let (Some(first), Some(last)) = (waits.first(), waits.last()) {
        let _ = writeln!(
            md,
            "| Declaration → tenants notified (first / last of {}) | {} / {} |",
            waits.len(),
            format_span(*first),
            format_span(*last)
        );
    }
    md.push('\n');

    let _ = writeln!(md, "## Timeline\n\n| When | What | Recorded by |\n|---|---|---|");
    let mut events = log.ordered();
    events.sort_by_key(|e| e.at);
    for event in events {
        let backfilled = if event.recorded_at != event.at {
            format!(" (recorded {})", at(event.recorded_at))
        } else {
            String::new()
        };
        let what = match incident.superseded(&event.id, at) {
            Some(note) => format!("{} ({note})", event.body.describe()),
            None => event.body.describe(),
        };
        let _ = writeln!(md, "| {} | {} | {}{backfilled} |", at(event.at), cell(&what), cell(&event.by));
    }
    md.push('\n');

    let _ = writeln!(
        md,
        "## Notifications\n\n| Tenant | Limit | Due | Notified | Channels | Against the clock |\n|---|---|---|---|---|---|"
    );
    for clock in clocks.iter().filter(|c| c.clock == ClockKind::Contract) {
        let tenant = clock.tenant.as_deref().unwrap_or("(not yet determined)");
        let name = names
            .get(tenant)
            .map(|n| format!("{} ({tenant})", cell(n)))
            .unwrap_or_else(|| tenant.to_string());
        let channels: Vec<String> = incident
            .notifications
            .iter()
            .filter(|n| n.tenant == tenant)
            .map(|n| format!("{} {}", n.channel, at(n.at)))
            .collect();
        let verdict = match clock.status {
            Status::Met => "on time",
            Status::Late => "LATE",
            Status::Overdue => "OVERDUE, not notified",
            _ => "not yet notified",
        };
        let _ = writeln!(
            md,
            "| {name} | {} | {} | {} | {} | {verdict} |",
            clock.limit,
            opt(clock.due),
            opt(clock.done_at),
            channels.join("; ")
        );
    }
    md.push('\n');

    let _ = writeln!(md, "## Filings\n");
    let own: Vec<&Deadline> = clocks.iter().filter(|c| c.clock == ClockKind::OwnRegime).collect();
    if incident.filings.is_empty() && own.is_empty() {
        let _ = writeln!(md, "No regulatory filings were due or recorded.\n");
    } else {
        let _ =
            writeln!(md, "| Regime | Stage | Due | Filed | Reference | Status |\n|---|---|---|---|---|---|");
        for clock in &own {
            let filing = incident.filings.iter().find(|f| {
                Some(f.regime.as_str()) == clock.regime.as_deref()
                    && Some(f.stage.as_str()) == clock.stage.as_deref()
            });
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                clock.regime.as_deref().unwrap_or(""),
                clock.stage.as_deref().unwrap_or(""),
                opt(clock.due),
                opt(clock.done_at),
                filing.and_then(|f| f.reference.as_deref()).map(cell).unwrap_or_default(),
                clock.status.as_str()
            );
        }
        for filing in incident.filings.iter().filter(|f| {
            !own.iter().any(|c| {
                c.regime.as_deref() == Some(f.regime.as_str()) && c.stage.as_deref() == Some(f.stage.as_str())
            })
        }) {
            let _ = writeln!(
                md,
                "| {} | {} | — | {} | {} | filed |",
                filing.regime,
                cell(&filing.stage),
                at(filing.at),
                filing.reference.as_deref().map(cell).unwrap_or_default()
            );
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## Review\n");
    match &incident.review {
        None => {
            let _ = writeln!(md, "No post-incident review has been recorded.");
        }
        Some(review) => {
            let _ = writeln!(md, "**Root cause:** {}\n", review.root_cause);
            for (title, items) in
                [("What went well", &review.went_well), ("What did not", &review.went_badly)]
            {
                let _ = writeln!(md, "**{title}**\n");
                if items.is_empty() {
                    let _ = writeln!(md, "- (none recorded)");
                }
                for item in items {
                    let _ = writeln!(md, "- {item}");
                }
                md.push('\n');
            }
            let _ = writeln!(md, "| Action item | Owner | Due | Done |\n|---|---|---|---|");
            for item in &review.action_items {
                let _ = writeln!(
                    md,
                    "| {} {} | {} | {} | {} |",
                    item.item.id,
                    cell(&item.item.text),
                    cell(&item.item.owner),
                    item.item.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                    opt(item.done_at)
                );
            }
        }
    }
    md
}
