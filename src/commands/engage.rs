//! `sirt engage ID ROLE WHO`.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::{EventBody, Role};

/// Record that someone is engaged on an incident in a role
#[derive(Debug, Args)]
pub struct EngageArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// oce: on-call engineer; srt: security response team; eim: executive incident manager;
    /// comms: communications; service: service team
    #[arg(ignore_case = true, value_parser = super::words::<Role>())]
    pub role: Role,
    /// Who, e.g. 'Ana Lima' or an on-call alias
    pub who: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: EngageArgs) -> Result<()> {
    let who = super::require_line("name", &args.who)?;
    super::record(ctx, &args.id, &args.at, |incident| {
        if incident.is_engaged(args.role, &who) {
            ctx.ui.status(&format!(
                "{who} is already engaged on {} as {}; nothing recorded",
                incident.id, args.role
            ));
            return Ok(None);
        }
        Ok(Some(EventBody::Engaged { role: args.role, who: who.clone() }))
    })?;
    Ok(())
}
