//! `sirt tenant show ID`.

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::commands::Ctx;
use crate::error::UserError;
use crate::model::tenant::{Reach, Tenant};
use crate::output::{Format, Tone};
use crate::store::Draws;

/// Show a tenant: contacts, regimes, reachability and the open incidents affecting it
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The tenant's id
    pub id: String,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    tenant: &'a Tenant,
    reach: Vec<Reach>,
    open_incidents: Vec<String>,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> Result<()> {
    let store = ctx.store_to_read(&[Draws::Tenant(&args.id), Draws::Incidents])?;
    let tenant = store.read_tenant(&args.id)?;
    let open_incidents = crate::ops::tenants::open_incidents_naming(store, &tenant.id)?;
    let shown = Shown { tenant: &tenant, reach: tenant.reach(), open_incidents };
    match args.format {
        Format::Json => ctx.ui.json(&shown),
        Format::Csv => Err(UserError::new("tenant show has no CSV form")
            .hint("sirt tenant export, or sirt tenant show ID --format json")
            .into()),
        Format::Table => {
            let mut fields = vec![("Tenant", ctx.ui.bold(&tenant.id)), ("Name", tenant.name.clone())];
            if tenant.admins.is_empty() {
                fields.push(("Admins", "none on file".into()));
            }
            for (n, admin) in tenant.admins.iter().enumerate() {
                let mut line = admin.email.clone();
                if let Some(name) = &admin.name {
                    line = format!("{name} <{line}>");
                }
                if let Some(phone) = &admin.phone {
                    line.push_str(&format!(", {phone}"));
                }
                fields.push((if n == 0 { "Admins" } else { "" }, line));
            }
            fields.push((
                "Privacy",
                match &tenant.privacy {
                    Some(p) => p.name.as_ref().map_or(p.email.clone(), |n| format!("{n} <{}>", p.email)),
                    None => "no Global Privacy Contact".into(),
                },
            ));
            fields.push(("Regions", or_none(&tenant.regions.join(", "))));
            fields.push(("Regimes", or_none(&tenant.regimes.join(", "))));
            fields.push((
                "Notify within",
                tenant
                    .notify_within
                    .clone()
                    .unwrap_or_else(|| format!("{} (store default)", store.settings.contract_limit)),
            ));
            if let Some(language) = &tenant.language {
                fields.push(("Language", language.clone()));
            }
            if let Some(zone) = &tenant.timezone {
                fields.push(("Time zone", zone.clone()));
            }
            for (n, reach) in shown.reach.iter().enumerate() {
                let text = match &reach.problem {
                    None => format!("{:<15} {}", reach.channel.as_str(), ctx.ui.toned("ok", Tone::Good)),
                    Some(problem) => {
                        format!("{:<15} {}", reach.channel.as_str(), ctx.ui.toned(problem, Tone::Alarm))
                    }
                };
                fields.push((if n == 0 { "Reachable" } else { "" }, text));
            }
            fields.push(("Open incidents", or_none(&shown.open_incidents.join(", "))));
            Ok(ctx.ui.fields(&fields)?)
        }
    }
}

fn or_none(text: &str) -> String {
    if text.is_empty() { "none".into() } else { text.to_string() }
}
