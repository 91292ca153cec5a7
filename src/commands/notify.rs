//! `sirt notify ID`: drafts for every affected tenant on every channel. Changes nothing in the
//! store; the work is `ops::drafts`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Ctx;
use crate::ops::drafts::{self, INDEX, Request};
use crate::output::plain_rows;
use crate::render::{Draft, DraftChannel, DraftFormat, Skipped};

/// Render notification drafts for the affected tenants (changes nothing in the store)
#[derive(Debug, Args)]
pub struct NotifyArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Only this tenant; repeat [default: every affected tenant]
    #[arg(long = "tenant", value_name = "TENANT")]
    pub tenants: Vec<String>,
    /// Only these channels; repeat or separate with commas [default: all]
    #[arg(ignore_case = true, long = "channel", value_enum, value_delimiter = ',', value_name = "CHANNEL")]
    pub channels: Vec<ChannelArg>,
    /// Write one file per tenant and channel under DIR, and print a summary
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the drafts an earlier run wrote to --out DIR
    #[arg(long, requires = "out")]
    pub force: bool,
    #[arg(ignore_case = true, long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Render even though pieces are missing; each gap is marked in the text
    #[arg(long)]
    pub incomplete: bool,
}

/// `--channel`, mapped to the renderer's channels here so that render carries no clap derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChannelArg {
    MessageCenter,
    EmailAdmin,
    EmailPrivacy,
    Phone,
    /// One public entry per incident: no tenant names, no customer data
    StatusPage,
}

impl From<ChannelArg> for DraftChannel {
    fn from(arg: ChannelArg) -> DraftChannel {
        match arg {
            ChannelArg::MessageCenter => DraftChannel::MessageCenter,
            ChannelArg::EmailAdmin => DraftChannel::EmailAdmin,
            ChannelArg::EmailPrivacy => DraftChannel::EmailPrivacy,
            ChannelArg::Phone => DraftChannel::Phone,
            ChannelArg::StatusPage => DraftChannel::StatusPage,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Markdown,
    /// RFC 5322 messages for the email channels (an mboxrd stream on stdout; other channels
    /// are written as text files with --out)
    Eml,
    Json,
}

impl From<FormatArg> for DraftFormat {
    fn from(arg: FormatArg) -> DraftFormat {
        match arg {
            FormatArg::Text => DraftFormat::Text,
            FormatArg::Markdown => DraftFormat::Markdown,
            FormatArg::Eml => DraftFormat::Eml,
            FormatArg::Json => DraftFormat::Json,
        }
    }
}

/// `--format json` on stdout: every draft with its metadata, and what was not produced.
#[derive(Serialize)]
struct Output<'a> {
    incident: &'a str,
    drafts: &'a [Draft],
    skipped: &'a [Skipped],
}

pub fn run(ctx: &Ctx, args: NotifyArgs) -> Result<()> {
    let store = ctx.store()?;
    let request = Request {
        id: ctx.resolve(store, &args.id)?,
        tenants: args.tenants,
        channels: args.channels.into_iter().map(DraftChannel::from).collect(),
        incomplete: args.incomplete,
    };
    let format = DraftFormat::from(args.format);
    let progress = ctx.ui.progress("rendering drafts (tenants)", 200, format != DraftFormat::Json);
    let rendered = drafts::render(store, &request, &|done, total| progress.update(done, total))?;
    progress.finish();
    let sender = drafts::sender(&store.settings);

    let Some(dir) = &args.out else {
        if format == DraftFormat::Json {
            ctx.ui.json(&Output {
                incident: &rendered.incident.id,
                drafts: &rendered.drafts,
                skipped: &rendered.skipped,
            })?;
        } else {
            ctx.ui.print(&drafts::stream(&rendered, format, &sender, ctx.now, |h| ctx.ui.bold(h)))?;
            if format == DraftFormat::Eml {
                let others = rendered.drafts.iter().filter(|d| !d.channel.is_email()).count();
                if others > 0 {
                    ctx.ui.status(&format!(
                        "{others} drafts on channels other than email are not messages; write them with --out DIR"
                    ));
                }
            }
        }
        report_skipped(ctx, &rendered.skipped);
        return Ok(());
    };

    let written = drafts::write_dir(&rendered, dir, format, &sender, ctx.now, args.force)?;
    if written.rows.len() <= 60 {
        ctx.ui.table(&["TENANT", "CHANNEL", "RECIPIENT", "FILE", "WARNING"], plain_rows(&written.rows))?;
    } else {
        let mut by_channel: Vec<Vec<String>> = Vec::new();
        for channel in DraftChannel::ALL {
            let done = rendered.drafts.iter().filter(|d| d.channel == channel).count();
            let not = rendered.skipped.iter().filter(|s| s.channel == channel).count();
            if done + not > 0 {
                by_channel.push(vec![channel.as_str().into(), done.to_string(), not.to_string()]);
            }
        }
        ctx.ui.table(&["CHANNEL", "WRITTEN", "NOT PRODUCED"], plain_rows(&by_channel))?;
        ctx.ui.line(&format!("every draft and every reason: {}", dir.join(INDEX).display()))?;
    }
    if written.replaced > 0 {
        ctx.ui.status(&format!("replaced {} files of an earlier run", written.replaced));
    }
    ctx.ui.status(&format!("{} drafts written to {}", rendered.drafts.len(), dir.display()));
    Ok(())
}

fn report_skipped(ctx: &Ctx, skipped: &[Skipped]) {
    for skip in skipped.iter().take(20) {
        ctx.ui.status(&format!(
            "not produced: {} {}: {}",
            skip.tenant.as_deref().unwrap_or("public"),
            skip.channel.as_str(),
            skip.reason
        ));
    }
    if skipped.len() > 20 {
        ctx.ui.status(&format!("… and {} more not produced", skipped.len() - 20));
    }
}
