//! `sirt verify`: checks the store's history (or an evidence bundle) and names every finding.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::error::exit;
use crate::ops::bundle;
use crate::ops::verify::{self, Finding, Since, Verified};
use crate::output::{Format, Tone};

/// Check the store's history: append-only, consistent, signed, not rewritten
///
/// Walks every commit once and names each finding: events deleted or changed, events whose author
/// or time does not match their commit, commits dated before their parents, merges that are not
/// the union of their parents, versions that do not read, commits made outside sirt, unsigned
/// commits where signing is required, and a rewrite since the last verified tip. Exits 3 on a
/// finding, 4 when a check could not be made.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Check only the commits after REV; 'last' means after the last tip this clone verified
    /// clean
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Re-check an evidence bundle made by `sirt export ID --bundle FILE`; needs no store
    #[arg(long, value_name = "FILE", conflicts_with_all = ["since", "accept_rewrite"])]
    pub bundle: Option<PathBuf>,
    /// Remember the current tip as verified even with findings (after a rewrite was looked into)
    #[arg(long)]
    pub accept_rewrite: bool,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

/// Histories this long take about a second or more to check: they get a progress bar.
const PROGRESS_FROM: usize = 1000;

pub fn run(ctx: &Ctx, args: VerifyArgs) -> Result<i32> {
    if let Some(path) = &args.bundle {
        return run_bundle(ctx, path, args.format);
    }
    let store = ctx.store()?;
    let since = match args.since.as_deref() {
        None => Since::All,
        Some("last") => Since::LastVerified,
        Some(rev) => Since::Rev(rev.to_string()),
    };
    let progress = ctx.ui.progress("checking commits", PROGRESS_FROM, args.format != Format::Json);
    let verified = verify::verify_store(store, &since, args.accept_rewrite, &|done, total| {
        progress.update(done, total)
    })?;
    progress.finish();
    match args.format {
        Format::Json => ctx.ui.json(&verified)?,
        format => print_findings(ctx, format, &verified.findings, &verified.information)?,
    }
    summarise(ctx, &verified);
    Ok(code(verified.findings.is_empty(), verified.incomplete.is_empty()))
}

fn run_bundle(ctx: &Ctx, path: &std::path::Path, format: Format) -> Result<i32> {
    let checked = bundle::check(path)?;
    let mut findings = checked.findings.clone();
    let mut information = Vec::new();
    if let Some(history) = &checked.history {
        findings.extend(history.findings.iter().cloned());
        information.extend(history.information.iter().cloned());
    }
    match format {
        Format::Json => ctx.ui.json(&checked)?,
        format => print_findings(ctx, format, &findings, &information)?,
    }
    if let Some(manifest) = &checked.manifest {
        ctx.ui.status(&format!(
            "bundle of {} at commit {}, made {} ({} file(s) listed)",
            manifest.incident,
            &manifest.commit[..manifest.commit.len().min(10)],
            manifest.created_at.format("%Y-%m-%d %H:%MZ"),
            manifest.files.len()
        ));
    }
    match &checked.history {
        Some(history) => summarise(ctx, history),
        None => ctx.ui.warn("the bundled history could not be checked"),
    }
    let incomplete = checked.history.as_ref().is_none_or(|h| !h.incomplete.is_empty());
    if checked.findings.is_empty() && !incomplete && checked.clean() {
        ctx.ui.status("the bundle's files match its manifest");
    }
    Ok(code(findings.is_empty(), !incomplete))
}

fn code(no_findings: bool, complete: bool) -> i32 {
    match (no_findings, complete) {
        (false, _) => exit::ATTENTION,
        (true, false) => exit::INCOMPLETE,
        (true, true) => exit::OK,
    }
}

fn print_findings(ctx: &Ctx, format: Format, findings: &[Finding], information: &[Finding]) -> Result<()> {
    let all = findings.iter().map(|f| ("finding", f)).chain(information.iter().map(|f| ("info", f)));
    let cells = |f: &Finding| {
        [
            f.check.as_str().to_string(),
            f.commit[..f.commit.len().min(10)].to_string(),
            f.file.clone().unwrap_or_default(),
            f.event.clone().unwrap_or_default(),
            f.message.clone(),
        ]
    };
    if format == Format::Csv {
        let rows: Vec<Vec<String>> =
            all.map(|(level, f)| std::iter::once(level.to_string()).chain(cells(f)).collect()).collect();
        return ctx.ui.csv(&["level", "check", "commit", "file", "event", "message"], &rows);
    }
    if findings.is_empty() && information.is_empty() {
        return Ok(());
    }
    let rows = all
        .map(|(level, f)| {
            let tone = if level == "finding" { Tone::Alarm } else { Tone::Dim };
            let [check, commit, file, event, message] = cells(f);
            vec![
                (level.to_string(), tone),
                (check, Tone::Plain),
                (commit, Tone::Plain),
                (file, Tone::Plain),
                (event, Tone::Plain),
                (message, Tone::Plain),
            ]
        })
        .collect();
    Ok(ctx.ui.table(&["LEVEL", "CHECK", "COMMIT", "FILE", "EVENT", "WHAT"], rows)?)
}

/// One line on stderr: how much was checked and what came of it.
fn summarise(ctx: &Ctx, verified: &Verified) {
    let scope = match &verified.since {
        Some(since) => format!("{} commit(s) after {}", verified.commits, &since[..10]),
        None => format!("{} commit(s)", verified.commits),
    };
    let signed = format!("{} signed, signing {}", verified.signed, verified.signing);
    for why in &verified.incomplete {
        ctx.ui.warn(why);
    }
    if verified.findings.is_empty() && verified.incomplete.is_empty() {
        ctx.ui.status(&format!("history verified: {scope}, {signed}; no findings"));
    } else if verified.findings.is_empty() {
        ctx.ui.incomplete(verified.incomplete.len());
    } else {
        ctx.ui.status(&format!("checked {scope}, {signed}: {} finding(s)", verified.findings.len()));
    }
}
