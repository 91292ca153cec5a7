//! `sirt detect TITLE`: open an incident. Prints the new id on stdout, for scripts.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::{Severity, Source, time};
use crate::ops::{self, record::Detection};

/// Record a detected event; opens an incident and prints its id
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// What was seen, in a line
    pub title: String,
    /// How bad it is
    #[arg(ignore_case = true, long, value_parser = super::words::<Severity>(), default_value = "sev3")]
    pub severity: Severity,
    /// How it came to our attention
    #[arg(ignore_case = true, long, value_parser = super::words::<Source>(), default_value = "monitoring")]
    pub source: Source,
    /// When the event itself began, if known (often learned later)
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        long_help = crate::model::time::flag_help("When the event itself began, if known (often learned later)")
    )]
    pub started: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: DetectArgs) -> Result<()> {
    let title = super::require_line("title", &args.title)?;
    let rec = ctx.recorder()?;
    let at = ctx.when(&args.at)?;
    let started = args
        .started
        .as_deref()
        .map(|text| {
            time::parse_when(text, ctx.now, crate::ops::clocks::local_zone())
                .map_err(|e| UserError::new(e).hint(time::refusal_hint(text, "--started")))
        })
        .transpose()?;
    let detection = Detection { title, severity: args.severity, source: args.source, started, at };
    let recorded = ops::record::detect(&rec, detection)?;
    super::report_event(ctx, &recorded);
    let incident_id = &recorded.incident.id;
    ctx.ui.line(incident_id)?;
    ctx.ui.hint(&format!("engage the on-call engineer: sirt engage {incident_id} oce NAME"));
    Ok(())
}
