//! `sirt detect TITLE`: open an incident. Prints the new id on stdout, for scripts.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::clock;
use crate::error::UserError;
use crate::model::event::SCHEMA;
use crate::model::rules::check_detection;
use crate::model::time::ACCEPTED;
use crate::model::{EventBody, IncidentLog, Severity, Source, id, time};

/// Record a detected event; opens an incident and prints its id
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// What was seen, in a line
    pub title: String,
    /// How bad it is
    #[arg(long, value_parser = super::words::<Severity>(), default_value = "sev3")]
    pub severity: Severity,
    /// How it came to our attention
    #[arg(long, value_parser = super::words::<Source>(), default_value = "monitoring")]
    pub source: Source,
    /// When the event itself began, if known (often learned later)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub started: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: DetectArgs) -> Result<()> {
    let title = super::require_line("title", &args.title)?;
    let store = ctx.store()?;
    let actor = ctx.actor(store)?;
    let detected = ctx.when(&args.at)?;
    let started = args
        .started
        .as_deref()
        .map(|text| time::parse_when(text, ctx.now))
        .transpose()
        .map_err(|e| UserError::new(e).hint(format!("--started takes {ACCEPTED}")))?;
    check_detection(detected, started, ctx.now).map_err(UserError::from)?;

    let lock = store.lock()?;
    super::report_recovery(ctx, &lock);
    let existing = store.incident_ids()?;
    let mut incident_id = id::incident_id(clock::random_u64());
    while existing.contains(&incident_id) {
        incident_id = id::incident_id(clock::random_u64());
    }
    let mut log = IncidentLog { schema: SCHEMA, id: incident_id.clone(), events: Vec::new() };
    let body = EventBody::Detected { title, severity: args.severity, source: args.source, started };
    let event = super::new_event(&log, &actor, detected, ctx.now, body);
    log.events.push(event.clone());
    super::commit_event(ctx, store, &lock, &log, &event, &actor)?;
    ctx.ui.line(&incident_id)?;
    ctx.ui.hint(&format!("engage the on-call engineer: sirt engage {incident_id} oce NAME"));
    Ok(())
}
