//! `sirt note ID TEXT`: anything else worth keeping on the timeline.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Add a note to an incident's timeline
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// The note
    pub text: String,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: NoteArgs) -> Result<()> {
    let text = super::require_text("note", &args.text)?;
    super::record(ctx, &args.id, &args.at, |_| Ok(Some(EventBody::Note { text })))?;
    Ok(())
}
