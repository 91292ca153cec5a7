//! `sirt history ID`: the git commits that touched an incident, the audit trail.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::model::time::rfc3339;
use crate::ops::clocks::format_local;
use crate::output::{Format, plain_rows};

/// Show the commits that recorded an incident's changes, newest first
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Ctx, args: HistoryArgs) -> Result<()> {
    // History lists commits, never files, so a hand edit in the working tree cannot change it:
    // the scan for one (most of a read's time in a store of 10,000 incidents) is skipped. A half
    // done git operation is still reported.
    let store = match ctx.store()?.git_operation() {
        Some(_) => ctx.store_to_read(&[])?,
        None => ctx.store()?,
    };
    let id = ctx.resolve(store, &args.id)?;
    let commits = store.incident_history(&id)?;
    match args.format {
        Format::Json => ctx.ui.json(&commits),
        Format::Csv => {
            let rows: Vec<Vec<String>> = commits
                .iter()
                .map(|c| vec![c.hash.clone(), rfc3339(Some(c.date)), c.author.clone(), c.subject.clone()])
                .collect();
            ctx.ui.csv(&["hash", "date", "author", "subject"], &rows)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = commits
                .iter()
                .map(|c| {
                    vec![c.hash[..10].to_string(), format_local(c.date), c.author.clone(), c.subject.clone()]
                })
                .collect();
            Ok(ctx.ui.table(&["COMMIT", "DATE", "AUTHOR", "MESSAGE"], plain_rows(&rows))?)
        }
    }
}
