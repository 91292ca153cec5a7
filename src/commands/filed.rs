//! `sirt filed ID REGIME STAGE`: a regime's stage was filed. Stops its clock and starts any stage
//! anchored on it.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::EventBody;
use crate::ops::clocks::format_local;

/// Record that a regime's stage was filed with its authority
#[derive(Debug, Args)]
pub struct FiledArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Regime id, from `sirt regimes`
    pub regime: String,
    /// Stage name, as `sirt regimes REGIME` lists it
    pub stage: String,
    /// The authority's reference for the filing
    #[arg(long = "ref", value_name = "TEXT")]
    pub reference: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: FiledArgs) -> Result<()> {
    let store = ctx.store()?;
    let catalog = store.settings.catalog();
    let regime = catalog.get(&args.regime).ok_or_else(|| {
        UserError::new(format!("no regime '{}' in the catalog", args.regime))
            .hint(catalog.hint_for(&args.regime))
    })?;
    let stage =
        regime.stages.iter().find(|s| s.name.eq_ignore_ascii_case(args.stage.trim())).ok_or_else(|| {
            let names: Vec<String> = regime.stages.iter().map(|s| format!("\"{}\"", s.name)).collect();
            UserError::new(format!(
                "{} has no stage '{}'; its stages are {}",
                regime.id,
                args.stage,
                names.join(", ")
            ))
            .hint(format!("sirt regimes {}", regime.id))
        })?;
    let reference = args.reference.as_deref().map(|r| super::require_line("reference", r)).transpose()?;
    super::record(ctx, &args.id, &args.at, |incident| {
        if let Some(filed) = incident.filed_at(&regime.id, &stage.name) {
            return Err(UserError::new(format!(
                "{} {} was already recorded as filed on {}",
                regime.id,
                stage.name,
                format_local(filed)
            ))
            .hint(format!("record a follow-up as a note: sirt note {} \"…\"", incident.id))
            .into());
        }
        Ok(Some(EventBody::Filed { regime: regime.id.clone(), stage: stage.name.clone(), reference }))
    })?;
    Ok(())
}
