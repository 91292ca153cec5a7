//! `sirt sync`: fetch the team's changes, merge them, push ours.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops::merge::FIELD_RULE;
use crate::ops::sync::{self, AfterWrite, Step, SyncOptions, Synced};
use crate::store::remote::REMOTE;
use crate::text::name_some;

/// Bring in the team's changes from the remote and push this clone's: fetch, merge, push
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Give up on the remote after this many seconds
    #[arg(long, default_value_t = sync::TIMEOUT.as_secs(), value_name = "SECONDS")]
    pub timeout: u64,
}

pub fn run(ctx: &Ctx, args: SyncArgs) -> Result<()> {
    let rec = ctx.recorder()?;
    let options = SyncOptions { timeout: std::time::Duration::from_secs(args.timeout.max(1)), quick: false };
    let steps = ctx.ui.steps();
    let synced = sync::sync(&rec, &options, &|step| {
        steps.step(&match step {
            Step::Fetching => format!("fetching from {REMOTE}"),
            Step::Merging => "merging their changes".to_string(),
            Step::Pushing => format!("pushing to {REMOTE}"),
        })
    })?;
    steps.finish();
    ctx.ui.print(&describe(&synced))?;
    Ok(())
}

/// The short block a sync prints: what came in, what went out, what needs a person.
pub fn describe(synced: &Synced) -> String {
    let report = &synced.report;
    let came_in = sync::summary(report);
    let went_out = match synced.pushed {
        0 => "nothing to push".to_string(),
        1 => "pushed 1 commit".to_string(),
        n => format!("pushed {n} commits"),
    };
    let mut text = format!("synced with {REMOTE}: came in: {came_in}; {went_out}\n");
    if synced.first_push {
        text.push_str(&format!("  {REMOTE} was empty; it now holds this store\n"));
    }
    if !report.new_incidents.is_empty() {
        text.push_str(&format!("  new incidents: {}\n", name_some(&report.new_incidents)));
    }
    let busiest: Vec<String> = report.events_in.iter().map(|(id, n)| format!("{id} +{n}")).collect();
    if !busiest.is_empty() {
        text.push_str(&format!("  events: {}\n", name_some(&busiest)));
    }
    if !report.tenants.is_empty() {
        text.push_str(&format!("  tenants changed: {}\n", name_some(&report.tenants)));
    }
    for s in &report.settled {
        text.push_str(&format!(
            "  {} {} changed on both sides; {FIELD_RULE}: kept {}, over {}\n",
            s.file, s.field, s.kept, s.lost
        ));
    }
    for r in &report.renamed {
        text.push_str(&format!(
            "  {} is now {} (another clone gave {} to a different incident): {}\n",
            r.from, r.to, r.from, r.title
        ));
    }
    if !report.attention.is_empty() {
        text.push_str("needs attention:\n");
        for a in &report.attention {
            text.push_str(&format!("  {}: {}\n    {}\n", a.incident, a.what, a.settle));
        }
    }
    text
}

/// After a change, when the store asks for it: one line at most, never a failure.
pub fn after_write(ctx: &Ctx) {
    let Ok(rec) = ctx.recorder() else { return };
    match sync::after_write(&rec) {
        AfterWrite::Off => {}
        AfterWrite::Synced(synced) => {
            if !synced.report.is_empty() {
                ctx.ui.status(&format!("synced with {REMOTE}: came in: {}", sync::summary(&synced.report)));
            }
        }
        AfterWrite::Offline { first, to_push } => {
            if first {
                ctx.ui.status(&format!(
                    "working offline: {REMOTE} is not reachable; {to_push} change(s) wait to be pushed (sirt status), and the next sync sends them"
                ));
            }
        }
        AfterWrite::Failed(error) => {
            ctx.ui.warn(&format!("the change is recorded here, but the sync after it failed: {error:#}"));
            ctx.ui.hint("run sirt sync to see why");
        }
    }
}
