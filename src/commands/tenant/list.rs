//! `sirt tenant list`.

use anyhow::Result;
use clap::Args;

use crate::commands::Ctx;
use crate::model::tenant::COLUMNS;
use crate::output::{Fit, Format, plain_rows};
use crate::store::Draws;

/// List the tenant directory
#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> Result<()> {
    let store = ctx.store_to_read(&[Draws::Tenants])?;
    let (tenants, warnings) = store.load_tenants()?;
    ctx.ui.skipped(&warnings);
    match args.format {
        Format::Json => ctx.ui.json(&tenants),
        Format::Csv => ctx.ui.csv(&COLUMNS, &tenants.iter().map(|t| t.to_columns()).collect::<Vec<_>>()),
        Format::Table => {
            if tenants.is_empty() {
                ctx.ui.status("no tenants; add one: sirt tenant add ID --name NAME --admin-email EMAIL");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = tenants
                .iter()
                .map(|t| {
                    vec![
                        t.id.clone(),
                        t.name.clone(),
                        t.admins.iter().map(|a| a.email.as_str()).collect::<Vec<_>>().join(", "),
                        t.privacy.as_ref().map(|p| p.email.clone()).unwrap_or_else(|| "-".into()),
                        t.regions.join(", "),
                        t.regimes.join(", "),
                        t.notify_within.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            // Narrow terminals keep who the tenant is and whom to write to.
            let fit = Fit {
                drop: &["PRIVACY CONTACT", "REGIMES", "REGIONS", "LIMIT"],
                shrink: Some(&["NAME", "ADMINS", "PRIVACY CONTACT", "REGIONS", "REGIMES"]),
            };
            Ok(ctx.ui.table_fit(
                &["ID", "NAME", "ADMINS", "PRIVACY CONTACT", "REGIONS", "REGIMES", "LIMIT"],
                plain_rows(&rows),
                Some(fit),
            )?)
        }
    }
}
