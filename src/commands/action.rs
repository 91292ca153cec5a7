//! `sirt action done ID ITEM`: action items from the review.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::{AtArg, Ctx};
use crate::model::EventBody;

/// Work with the review's action items
#[derive(Debug, Args)]
pub struct ActionArgs {
    #[command(subcommand)]
    pub command: ActionCommand,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Mark an action item done
    Done {
        /// Incident id, or any unique prefix of it
        id: String,
        /// The item, as `sirt show` lists it (A1, A2, …)
        item: String,
        #[command(flatten)]
        at: AtArg,
    },
}

pub fn run(ctx: &Ctx, args: ActionArgs) -> Result<()> {
    match args.command {
        ActionCommand::Done { id, item, at } => {
            let item = item.trim().to_ascii_uppercase();
            super::record(ctx, &id, &at, |_| Ok(Some(EventBody::ActionDone { item })))?;
        }
    }
    Ok(())
}
