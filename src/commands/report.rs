//! `sirt report ID [--out FILE]`: the post-incident report in Markdown.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use super::deadlines::{ClockSetup, display_zone};
use crate::render::report::report;
use crate::store;

/// Write the post-incident report (Markdown): summary, timeline, durations, notifications,
/// filings, review
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Write it to FILE instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<()> {
    let store = ctx.store_to_read()?;
    let id = ctx.resolve(store, &args.id)?;
    let (log, incident) = store.load_incident(&id)?;
    let clocks = ClockSetup::for_store(store)?.clocks(store, &[&incident], ctx.now, |_| true);
    let names: BTreeMap<String, String> = incident
        .affected
        .keys()
        .filter_map(|t| store.read_tenant(t).ok().map(|tenant| (t.clone(), tenant.name)))
        .collect();
    let text = report(
        &incident,
        &log,
        &clocks,
        &names,
        &store.settings.organisation,
        display_zone(None, ctx.now)?,
        ctx.now,
    );
    match &args.out {
        None => ctx.ui.print(&text)?,
        Some(path) => {
            store::write_atomic(path, text.as_bytes())?;
            ctx.ui.status(&format!("report written to {}", path.display()));
        }
    }
    Ok(())
}
