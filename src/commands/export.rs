//! `sirt export ID --bundle FILE`: an incident's evidence bundle for auditors.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops::bundle::{self, Parts, TIMELINE_SVG};
use crate::ops::clocks::display_zone;
use crate::ops::report::ReportFacts;
use crate::render::report::report;

/// Write an incident's evidence bundle for auditors (tar with a SHA-256 manifest)
///
/// One tar archive: the report (Markdown), the incident file, its timeline, notifications and
/// filings (JSON), the store's history as a git bundle, the verify result, and a manifest with the
/// SHA-256 of every file, the commit and the signing status.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// The archive to write (tar); check it later with: sirt verify --bundle FILE
    #[arg(long, value_name = "FILE")]
    pub bundle: PathBuf,
}

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<()> {
    let (store, id) = ctx.incident_to_read(&args.id)?;
    let facts = ReportFacts::load(store, &id, ctx.now)?;
    let input = facts.input(display_zone(None)?, ctx.now);
    let parts =
        Parts { report_markdown: report(&input, Some(TIMELINE_SVG)), timeline_svg: input.timeline_svg() };
    let manifest = bundle::export(store, &id, parts, ctx.now, &args.bundle)?;
    let verdict = if manifest.verify.clean {
        "history verified clean".to_string()
    } else {
        format!("history has {} finding(s): see sirt verify", manifest.verify.findings)
    };
    ctx.ui.status(&format!(
        "{id}: evidence bundle written to {} ({} files, commit {}, {verdict})",
        args.bundle.display(),
        manifest.files.len() + 1,
        &manifest.commit[..10]
    ));
    Ok(())
}
