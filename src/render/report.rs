//! The post-incident report: Markdown, shareable as it is. A pure function of the incident, its
//! log, its clocks and the tenants' names.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::model::deadline::{ClockKind, Deadline, Status};
use crate::model::time::{format_in, format_span};
use crate::model::{Incident, IncidentLog};
use crate::render::timeline::{Timeline, timeline};
use crate::render::timeline_mermaid::timeline_mermaid;
use crate::render::timeline_svg::timeline_svg;

/// Markdown table cells: one line, no pipes, nothing Markdown or HTML acts on.
fn cell(text: &str) -> String {
    md_escape(text)
}

fn span(from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format_span(to - from),
        _ => "—".into(),
    }
}

/// What a report is written from.
pub struct ReportInput<'a> {
    pub incident: &'a Incident,
    pub log: &'a IncidentLog,
    /// The incident's clocks.
    pub clocks: &'a [Deadline],
    /// Tenant ids to names.
    pub names: &'a BTreeMap<String, String>,
    pub organisation: &'a str,
    pub zone: FixedOffset,
    pub now: DateTime<Utc>,
}

impl ReportInput<'_> {
    fn timeline(&self) -> Timeline {
        timeline(self.incident, self.log, self.clocks, self.now)
    }

    /// The timeline as a standalone SVG, the picture the report refers to as `svg_name`.
    pub fn timeline_svg(&self) -> String {
        timeline_svg(&self.timeline(), self.zone)
    }
}

/// Text in Markdown prose: characters Markdown or HTML would act on are escaped with a backslash.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The timeline section: the Mermaid block, the SVG when one is written beside the report, and
/// the same facts in words right after them.
fn timeline_section(md: &mut String, input: &ReportInput, svg_name: Option<&str>) {
    let timeline = input.timeline();
    let _ = writeln!(md, "## Timeline at a glance\n");
    md.push_str(&timeline_mermaid(&timeline, input.zone));
    md.push('\n');
    if let Some(name) = svg_name {
        let _ =
            writeln!(md, "![Timeline of {} (the same facts follow in words)]({name})\n", timeline.incident);
    }
    let _ = writeln!(md, "The timeline in words:\n");
    for line in timeline.words(input.zone) {
        let _ = writeln!(md, "- {}", md_escape(&line));
    }
    md.push('\n');
}

/// The report. With `svg_name`, it refers to the timeline picture written beside it.
pub fn report(input: &ReportInput, svg_name: Option<&str>) -> String {
    let ReportInput { incident, log, clocks, names, organisation, zone, now } = *input;
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
        incident
            .description
            .as_deref()
            .map(md_escape)
            .unwrap_or_else(|| "No customer-facing description was recorded.".into())
    );
    let impact = match &incident.impact {
        None => "not determined".to_string(),
        Some(i) if i.effects.is_empty() => "no effect on customer data".to_string(),
        Some(i) => {
            let effects: Vec<&str> = i.effects.iter().map(|e| e.plain()).collect();
            format!(
                "{}{}",
                effects.join("; "),
                i.summary.as_deref().map(|s| format!(". {}", md_escape(s))).unwrap_or_default()
            )
        }
    };
    let _ = writeln!(md, "- **Impact:** {impact}");
    let _ = writeln!(md, "- **Affected tenants:** {}", incident.affected.len());
    let _ = writeln!(md, "- **Declared:** {}", opt(incident.declared_at));
    if let Some(reason) = &incident.dismiss_reason {
        let _ = writeln!(md, "- **Dismissed:** {}", md_escape(reason));
    }
    if let Some(closed) = incident.closed_at {
        let _ = writeln!(
            md,
            "- **Closed:** {}{}",
            at(closed),
            incident.close_reason.as_deref().map(|r| format!(" ({})", md_escape(r))).unwrap_or_default()
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

    timeline_section(&mut md, input, svg_name);

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
            let _ = writeln!(md, "**Root cause:** {}\n", md_escape(&review.root_cause));
            for (title, items) in
                [("What went well", &review.went_well), ("What did not", &review.went_badly)]
            {
                let _ = writeln!(md, "**{title}**\n");
                if items.is_empty() {
                    let _ = writeln!(md, "- (none recorded)");
                }
                for item in items {
                    let _ = writeln!(md, "- {}", md_escape(item));
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
