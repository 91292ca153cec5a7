//! `sirt timeline ID`: every event in the order it happened, with who recorded it and when.

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::Ctx;
use crate::model::Event;
use crate::model::time::rfc3339;
use crate::ops::clocks::format_local;
use crate::output::{Format, Tone};

/// Show an incident's events in the order they happened
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

/// One timeline entry in JSON: the stored event plus its description, and what later corrected
/// or retracted it, if anything.
#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    event: &'a Event,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    superseded: Option<String>,
}

pub fn run(ctx: &Ctx, args: TimelineArgs) -> Result<()> {
    let (store, id) = ctx.incident_to_read(&args.id)?;
    let (log, incident) = store.load_incident(&id)?;
    // When it happened first; for equal times the order it was recorded in.
    let mut events = log.ordered();
    events.sort_by_key(|e| e.at);
    match args.format {
        Format::Json => {
            let entries: Vec<Entry> = events
                .iter()
                .map(|e| Entry {
                    event: e,
                    description: e.body.describe(),
                    superseded: incident.superseded(&e.id, format_local),
                })
                .collect();
            ctx.ui.json(&entries)
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        rfc3339(Some(e.at)),
                        e.body.kind().to_string(),
                        e.body.describe(),
                        e.by.clone(),
                        rfc3339(Some(e.recorded_at)),
                        e.id.clone(),
                    ]
                })
                .collect();
            ctx.ui.csv(&["at", "kind", "description", "by", "recorded_at", "event"], &rows)
        }
        Format::Table => {
            let rows = events
                .iter()
                .map(|e| {
                    let recorded = if e.recorded_at == e.at {
                        (String::new(), Tone::Plain)
                    } else {
                        (format!("recorded {}", format_local(e.recorded_at)), Tone::Dim)
                    };
                    let what = match incident.superseded(&e.id, format_local) {
                        Some(note) => (format!("{} [{note}]", e.body.describe()), Tone::Dim),
                        None => (e.body.describe(), Tone::Plain),
                    };
                    vec![(format_local(e.at), Tone::Plain), what, (e.by.clone(), Tone::Plain), recorded]
                })
                .collect();
            Ok(ctx.ui.table(&["WHEN", "WHAT", "BY", "BACKFILLED"], rows)?)
        }
    }
}
