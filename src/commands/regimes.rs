//! `sirt regimes [ID]`: the catalog of notification regimes, with sources and how sure we are.

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::error::UserError;
use crate::model::counting::Days;
use crate::model::regime::{Catalog, Regime, Stage};
use crate::output::{Format, Tone, plain_rows};

/// List the notification regimes sirt knows, or show one with its stages and sources
#[derive(Debug, Args)]
pub struct RegimesArgs {
    /// A regime id, to show it in full
    pub id: Option<String>,
    #[arg(ignore_case = true, long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Ctx, args: RegimesArgs) -> Result<()> {
    let catalog = Catalog::built_in();
    match &args.id {
        None => list(ctx, &catalog, args.format),
        Some(id) => {
            let regime = catalog.get(id).ok_or_else(|| {
                UserError::new(format!("no regime '{id}' in the catalog")).hint(catalog.hint_for(id))
            })?;
            show(ctx, regime, args.format)
        }
    }
}

fn limits(regime: &Regime) -> String {
    regime.stages.iter().map(|s| s.within.text()).collect::<Vec<_>>().join(", ")
}

/// How a stage counts, with where its days start and end: `business days, whole`.
fn counting_words(stage: &Stage) -> String {
    let counting = stage.counting.as_str().replace('_', " ");
    match stage.days {
        Some(Days::Whole) => format!("{counting}, whole days"),
        Some(Days::Unclear) => format!("{counting}, days unclear"),
        _ => counting,
    }
}

fn list(ctx: &Ctx, catalog: &Catalog, format: Format) -> Result<()> {
    // id, jurisdiction, who notifies whom, trigger, limits, name: the table leaves out the name.
    let rows: Vec<Vec<String>> = catalog
        .regimes
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.jurisdiction.clone(),
                r.notifies.clone(),
                r.trigger.clone(),
                limits(r),
                r.name.clone(),
            ]
        })
        .collect();
    match format {
        Format::Json => ctx.ui.json(&catalog.regimes),
        Format::Csv => ctx.ui.csv(&["id", "jurisdiction", "notifies", "trigger", "limits", "name"], &rows),
        Format::Table => {
            let short: Vec<Vec<String>> = rows
                .into_iter()
                .map(|mut row| {
                    row.pop();
                    row
                })
                .collect();
            ctx.ui.table(
                &["ID", "JURISDICTION", "WHO NOTIFIES WHOM", "CLOCK STARTS", "LIMITS"],
                plain_rows(&short),
            )?;
            ctx.ui.status("show one with its stages and sources: sirt regimes ID");
            Ok(())
        }
    }
}

fn show(ctx: &Ctx, regime: &Regime, format: Format) -> Result<()> {
    match format {
        Format::Json => return ctx.ui.json(regime),
        Format::Csv => {
            let rows: Vec<Vec<String>> = regime
                .stages
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.within.text(),
                        s.counting.as_str().to_string(),
                        s.anchor.clone().unwrap_or_else(|| "trigger".into()),
                        s.verified.clone(),
                        s.source.clone(),
                    ]
                })
                .collect();
            return ctx.ui.csv(&["stage", "within", "counting", "from", "verified", "source"], &rows);
        }
        Format::Table => {}
    }
    let mut fields = vec![
        ("Regime", ctx.ui.bold(&regime.id)),
        ("Name", regime.name.clone()),
        ("Jurisdiction", regime.jurisdiction.clone()),
        (
            "Days counted in",
            match &regime.calendar {
                Some(calendar) => {
                    format!("{} (holidays: the '{calendar}' calendar of sirt.toml)", regime.zone.name())
                }
                None => regime.zone.name(),
            },
        ),
        ("Notifies", regime.notifies.clone()),
        ("Clock starts", format!("{} — {}", regime.trigger, regime.trigger_text)),
        ("Status", regime.status.clone()),
        ("Summary", regime.summary.clone()),
        ("Source", regime.source.clone()),
    ];
    for (n, exception) in regime.exceptions.iter().enumerate() {
        fields.push((if n == 0 { "Exceptions" } else { "" }, format!("- {exception}")));
    }
    ctx.ui.fields(&fields)?;
    let rows = regime
        .stages
        .iter()
        .map(|s| {
            let sureness = match s.verified.as_str() {
                "text" => ("text", Tone::Good),
                "secondary" => ("secondary", Tone::Caution),
                _ => ("UNVERIFIED", Tone::Alarm),
            };
            let mut what = s.description.clone();
            for extra in [&s.note, &s.guidance].into_iter().flatten() {
                what.push_str(&format!(" ({extra})"));
            }
            vec![
                (s.name.clone(), Tone::Plain),
                (s.within.text(), Tone::Plain),
                (counting_words(s), Tone::Plain),
                (s.anchor.clone().unwrap_or_else(|| "trigger".into()), Tone::Plain),
                (sureness.0.to_string(), sureness.1),
                (what, Tone::Plain),
            ]
        })
        .collect();
    ctx.ui.line("")?;
    ctx.ui.table(&["STAGE", "WITHIN", "COUNTING", "FROM", "VERIFIED", "WHAT"], rows)?;
    for stage in &regime.stages {
        ctx.ui.line(&format!("  {}: {}", stage.name, stage.source))?;
    }
    Ok(())
}
