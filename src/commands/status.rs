//! `sirt status`: where this clone stands with its remote.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::ops::clocks::format_local;
use crate::ops::sync;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StatusFormat {
    #[default]
    Text,
    Json,
}

/// Show the remote, what waits to be pushed or merged, the last sync, and whether the working tree is clean
#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: StatusFormat,
}

pub fn run(ctx: &Ctx, args: StatusArgs) -> Result<()> {
    let store = ctx.store()?;
    let status = sync::status(store)?;
    if args.format == StatusFormat::Json {
        return ctx.ui.json(&status);
    }
    let remote = match (&status.remote, &status.url) {
        (Some(name), Some(url)) => format!("{name} {url}"),
        _ => "none (share the store: git remote add origin URL, then sirt sync)".into(),
    };
    let mut fields = vec![("remote", remote)];
    if status.url.is_some() {
        fields.push(("to push", changes(status.to_push)));
        let to_merge = if status.fetched {
            changes(status.to_merge)
        } else {
            "unknown (never fetched; sirt sync fetches)".into()
        };
        fields.push(("to merge", format!("{to_merge} (as of the last fetch)")));
        let last = status.last_sync.map(format_local).unwrap_or_else(|| "never".into());
        fields.push(("last sync", last));
        if let Some(since) = status.offline_since {
            fields.push(("offline", format!("since {}", format_local(since))));
        }
        fields.push(("sync after write", if status.sync_after_write { "on" } else { "off" }.into()));
    }
    let tree = match (&status.git_operation, status.hand_edits.as_slice()) {
        (Some(operation), _) => format!("{operation}; writes are refused until it is undone"),
        (None, []) => "clean".into(),
        (None, edits) => format!("hand edits in {}", crate::text::name_some(edits)),
    };
    fields.push(("working tree", tree));
    ctx.ui.fields(&fields)?;
    Ok(())
}

fn changes(n: usize) -> String {
    match n {
        0 => "nothing".into(),
        1 => "1 commit".into(),
        n => format!("{n} commits"),
    }
}
