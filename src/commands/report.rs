//! `sirt report ID [--out DIR|FILE.md] [--tz ZONE]`: the post-incident report in Markdown, with
//! its timeline drawn in Mermaid, and as an SVG beside it when written to a directory.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops::clocks::display_zone;
use crate::ops::report::ReportFacts;
use crate::render::report::report;
use crate::store;

/// File names written by `--out DIR`.
pub const REPORT_FILE: &str = "report.md";
pub const TIMELINE_FILE: &str = "timeline.svg";

/// Write the post-incident report (Markdown): summary, durations, a timeline diagram, the
/// timeline, notifications, filings, review
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Write report.md and timeline.svg into DIR (created if needed); a path ending in .md is
    /// written as that one file, without the SVG
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Show times in this zone: UTC, local, an IANA zone like Europe/Berlin, or an offset like
    /// +01:00 [default: the local zone]
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    pub tz: Option<String>,
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<()> {
    let zone = display_zone(args.tz.as_deref())?;
    let (store, id) = ctx.incident_to_read(&args.id)?;
    let facts = ReportFacts::load(store, &id, ctx.now)?;
    let input = facts.input(zone, ctx.now);
    match &args.out {
        None => ctx.ui.print(&report(&input, None))?,
        Some(path) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) => {
            store::write_atomic(path, report(&input, None).as_bytes())?;
            ctx.ui.status(&format!("report written to {}", path.display()));
        }
        Some(dir) => {
            let (markdown, svg) = (report(&input, Some(TIMELINE_FILE)), input.timeline_svg());
            store::write_into(dir, &[(TIMELINE_FILE, svg.as_bytes()), (REPORT_FILE, markdown.as_bytes())])?;
            ctx.ui.status(&format!(
                "report written to {} with {TIMELINE_FILE}",
                dir.join(REPORT_FILE).display()
            ));
        }
    }
    Ok(())
}
