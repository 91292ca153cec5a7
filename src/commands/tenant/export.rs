//! `sirt tenant export`: the directory as CSV (which `tenant import` reads back) or JSON.

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::commands::Ctx;
use crate::model::tenant::COLUMNS;
use crate::store::Draws;

/// Write the whole tenant directory to stdout, as CSV that `sirt tenant import` reads back, or JSON
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(ignore_case = true, long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<()> {
    let store = ctx.store_to_read(&[Draws::Tenants])?;
    let (tenants, warnings) = store.load_tenants()?;
    ctx.ui.skipped(&warnings);
    match args.format {
        ExportFormat::Json => ctx.ui.json(&tenants),
        ExportFormat::Csv => {
            let rows: Vec<Vec<String>> = tenants.iter().map(|t| t.to_columns()).collect();
            ctx.ui.csv(&COLUMNS, &rows)
        }
    }
}
