//! `sirt affected ID TENANT… [--remove] [--from-file FILE] [--detail TEXT]`: which tenants an
//! incident affects. Repeatable as the investigation widens; each call is one event.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::EventBody;
use crate::model::tenant::Channel;
use crate::text::name_some;

/// Record which tenants an incident affects (or, with --remove, does not after all)
#[derive(Debug, Args)]
pub struct AffectedArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Tenant ids
    pub tenants: Vec<String>,
    /// Also read tenant ids from a file, one per line ('#' starts a comment; '-' is stdin)
    #[arg(long = "from-file", value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// The tenants are not affected after all
    #[arg(long)]
    pub remove: bool,
    /// A detail for these tenants' drafts only, e.g. "3 mailboxes read"
    #[arg(long, conflicts_with = "remove")]
    pub detail: Option<String>,
    /// With --remove: why they are not affected (e.g. "added by mistake"), kept in the record
    #[arg(long, requires = "remove")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: AffectedArgs) -> Result<()> {
    let mut named = args.tenants.clone();
    if let Some(file) = &args.from_file {
        named.extend(read_list(file)?);
    }
    let mut seen = std::collections::HashSet::new();
    named.retain(|t| seen.insert(t.clone()));
    if named.is_empty() {
        return Err(UserError::new("no tenants named")
            .hint(format!("sirt affected {} TENANT…, or --from-file FILE", args.id))
            .into());
    }
    let detail = args.detail.as_deref().map(|d| super::require_line("detail", d)).transpose()?;
    let reason = args.reason.as_deref().map(|r| super::require_line("reason", r)).transpose()?;
    let store = ctx.store()?;
    // A long --from-file list is checked one tenant at a time: show how far it has got.
    let progress =
        ctx.ui.progress("checking tenants", if args.from_file.is_some() { 200 } else { usize::MAX }, true);
    let unknown: Vec<String> = named
        .iter()
        .enumerate()
        .filter(|(done, t)| {
            progress.update(done + 1, named.len());
            !store.tenant_exists(t)
        })
        .map(|(_, t)| t.clone())
        .collect();
    progress.finish();
    if !unknown.is_empty() && !args.remove {
        let known = store.tenant_ids()?;
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let hint = match crate::text::did_you_mean(&unknown[0], &known) {
            Some(guess) => format!("{}: {guess}", unknown[0]),
            None => format!(
                "add them first: sirt tenant add {} --name NAME --admin-email EMAIL (or sirt tenant import FILE.csv)",
                unknown[0]
            ),
        };
        return Err(UserError::new(format!(
            "{} tenant(s) are not in the directory: {}; nothing recorded",
            unknown.len(),
            name_some(&unknown)
        ))
        .hint(hint)
        .into());
    }

    let mut added = Vec::new();
    let recorded = super::record(ctx, &args.id, &args.at, |incident| {
        if args.remove {
            let listed: Vec<String> =
                named.iter().filter(|t| incident.affected.contains_key(*t)).cloned().collect();
            if listed.is_empty() {
                ctx.ui.status(&format!(
                    "none of those tenants is on {}'s affected list; nothing recorded",
                    incident.id
                ));
                return Ok(None);
            }
            return Ok(Some(EventBody::TenantsUnaffected { tenants: listed, reason: reason.clone() }));
        }
        let new: Vec<String> = named
            .iter()
            .filter(|t| detail.is_some() || !incident.affected.contains_key(*t))
            .cloned()
            .collect();
        if new.is_empty() {
            ctx.ui.status(&format!(
                "all {} tenant(s) are already on {}'s affected list; nothing recorded",
                named.len(),
                incident.id
            ));
            return Ok(None);
        }
        added = new.clone();
        Ok(Some(EventBody::TenantsAffected { tenants: new, detail: detail.clone() }))
    })?;
    if recorded.is_none() || added.is_empty() {
        return Ok(());
    }
    let unreachable: Vec<String> = added
        .iter()
        .filter(|id| {
            store.read_tenant(id).map(|t| !t.reach_on(Channel::EmailAdmin).reachable).unwrap_or(true)
        })
        .cloned()
        .collect();
    if !unreachable.is_empty() {
        ctx.ui.warn(&format!(
            "{} of the affected tenant(s) cannot be reached by email: {}",
            unreachable.len(),
            name_some(&unreachable)
        ));
        ctx.ui.hint(&format!(
            "see why: sirt tenant check {}",
            unreachable.iter().take(5).cloned().collect::<Vec<_>>().join(" ")
        ));
    }
    Ok(())
}

fn read_list(file: &std::path::Path) -> Result<Vec<String>> {
    let text = String::from_utf8(super::read_input(file)?).map_err(|_| {
        UserError::new(format!(
            "{} is not UTF-8 text",
            crate::text::escape_controls(&file.display().to_string())
        ))
        .hint("give one tenant id per line")
    })?;
    Ok(text
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(String::from)
        .collect())
}
