//! `sirt confirm ID`: the official declaration of a security incident. The clocks start here.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Declare a security incident: customer data was affected. Starts the notification clock
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: ConfirmArgs) -> Result<()> {
    if super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::Confirmed {})))?.is_some() {
        ctx.ui.hint(&format!(
            "determine the effect on customer data: sirt impact {} --effect access --summary \"…\"",
            args.id
        ));
    }
    Ok(())
}
