//! `sirt tenant check [ID…]`: can every channel reach every tenant, and why not.

use std::collections::BTreeMap;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::commands::Ctx;
use crate::error::exit;
use crate::model::tenant::{Channel, Reach};
use crate::output::{Format, Tone};
use crate::store::Draws;

/// Show, for each tenant and channel, whether a notification can reach it, and why not
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only these tenants [default: all]
    pub ids: Vec<String>,
    /// Exit with 3 when a tenant named in an open, confirmed incident cannot be reached by email
    #[arg(long)]
    pub check: bool,
    /// Only tenants that cannot be reached by email (administrators' email)
    #[arg(long)]
    pub problems: bool,
    /// With --problems: also tenants missing an optional channel (privacy contact, phone)
    #[arg(long, requires = "problems")]
    pub all_channels: bool,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct Row {
    tenant: String,
    name: String,
    channels: Vec<Reach>,
    /// Open, confirmed incidents that name the tenant.
    open_incidents: Vec<String>,
}

pub fn run(ctx: &Ctx, args: CheckArgs) -> Result<i32> {
    let store = ctx.store_to_read(&[Draws::Incidents, Draws::Tenants])?;
    let mut unreadable = Vec::new();
    let tenants = if args.ids.is_empty() {
        let (tenants, broken) = store.load_tenants()?;
        unreadable.extend(broken);
        tenants
    } else {
        args.ids.iter().map(|id| store.read_tenant(id)).collect::<Result<Vec<_>>>()?
    };
    let loaded = store.load_incidents()?;
    unreadable.extend(loaded.unreadable);
    ctx.ui.skipped(&unreadable);
    let mut named: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for incident in loaded.incidents.into_iter().filter(|i| i.open && i.declared_at.is_some()) {
        for tenant in incident.affected.keys() {
            named.entry(tenant.clone()).or_default().push(incident.id.clone());
        }
    }
    let rows: Vec<Row> = tenants
        .iter()
        .map(|t| Row {
            tenant: t.id.clone(),
            name: t.name.clone(),
            channels: t.reach(),
            open_incidents: named.get(&t.id).cloned().unwrap_or_default(),
        })
        .filter(|row| {
            !args.problems
                || row
                    .channels
                    .iter()
                    .any(|c| !c.reachable && (args.all_channels || c.channel == Channel::EmailAdmin))
        })
        .collect();

    match args.format {
        Format::Json => ctx.ui.json(&rows)?,
        Format::Csv => {
            let mut headers = vec!["tenant"];
            headers.extend(Channel::ALL.iter().map(|c| c.as_str()));
            headers.push("open_incidents");
            let csv_rows: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    let mut cells = vec![row.tenant.clone()];
                    cells.extend(
                        row.channels.iter().map(|c| c.problem.clone().unwrap_or_else(|| "ok".into())),
                    );
                    cells.push(row.open_incidents.join(";"));
                    cells
                })
                .collect();
            ctx.ui.csv(&headers, &csv_rows)?
        }
        Format::Table => {
            let table_rows = rows
                .iter()
                .map(|row| {
                    let mut cells = vec![(row.tenant.clone(), Tone::Plain)];
                    for reach in &row.channels {
                        cells.push(match &reach.problem {
                            None => ("ok".into(), Tone::Good),
                            Some(problem) if !row.open_incidents.is_empty() => (problem.clone(), Tone::Alarm),
                            Some(problem) => (problem.clone(), Tone::Caution),
                        });
                    }
                    cells.push((row.open_incidents.join(", "), Tone::Plain));
                    cells
                })
                .collect();
            ctx.ui.table(
                &["TENANT", "MESSAGE-CENTER", "EMAIL-ADMIN", "EMAIL-PRIVACY", "PHONE", "OPEN INCIDENTS"],
                table_rows,
            )?;
        }
    }
    let all_ok = tenants.iter().filter(|t| t.reach().iter().all(|r| r.reachable)).count();
    ctx.ui.status(&format!("{all_ok} of {} tenants reachable on every channel", tenants.len()));

    let stranded: Vec<&Row> = rows
        .iter()
        .filter(|row| !row.open_incidents.is_empty())
        .filter(|row| row.channels.iter().any(|c| c.channel == Channel::EmailAdmin && !c.reachable))
        .collect();
    if args.check && !stranded.is_empty() {
        for row in &stranded {
            ctx.ui.error(
                &format!("{} (in {}) cannot be reached by email", row.tenant, row.open_incidents.join(", ")),
                None,
            );
        }
        ctx.ui.hint(&format!(
            "add an administrator email: sirt tenant set {} --admin-email EMAIL",
            stranded[0].tenant
        ));
        return Ok(exit::ATTENTION);
    }
    if args.check && !unreadable.is_empty() {
        ctx.ui.incomplete(unreadable.len());
        return Ok(exit::INCOMPLETE);
    }
    Ok(exit::OK)
}
