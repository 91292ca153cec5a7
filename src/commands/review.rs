//! `sirt review ID --root-cause …`: the post-incident review.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::EventBody;
use crate::model::incident::ActionItem;

/// Record the post-incident review: root cause, what went well and badly, action items
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// The root cause
    #[arg(long = "root-cause", value_name = "TEXT")]
    pub root_cause: String,
    /// Something that went well; repeat
    #[arg(long = "went-well", value_name = "TEXT")]
    pub went_well: Vec<String>,
    /// Something that did not; repeat
    #[arg(long = "went-badly", value_name = "TEXT")]
    pub went_badly: Vec<String>,
    /// An action item; repeat, with --owner (and --due) in the same order
    #[arg(long = "action", value_name = "TEXT")]
    pub actions: Vec<String>,
    /// The owner of each action item, in order
    #[arg(long = "owner", value_name = "WHO")]
    pub owners: Vec<String>,
    /// Due dates (YYYY-MM-DD) of the action items, in order; fewer than items is fine
    #[arg(long = "due", value_name = "DATE")]
    pub dues: Vec<String>,
    #[command(flatten)]
    pub at: AtArg,
}

pub fn run(ctx: &Ctx, args: ReviewArgs) -> Result<()> {
    let root_cause = super::require_text("root cause", &args.root_cause)?;
    if args.owners.len() != args.actions.len() || args.dues.len() > args.actions.len() {
        return Err(UserError::new(format!(
            "{} action item(s), {} owner(s) and {} due date(s): every item needs an owner, in the same order",
            args.actions.len(),
            args.owners.len(),
            args.dues.len()
        ))
        .hint("--action \"Rotate the keys\" --owner \"Bo Chen\" --due 2026-12-01, repeated per item")
        .into());
    }
    let list = |what: &str, items: &[String]| {
        items.iter().map(|i| super::require_text(what, i)).collect::<Result<Vec<_>>>()
    };
    let went_well = list("item", &args.went_well)?;
    let went_badly = list("item", &args.went_badly)?;
    let mut items = Vec::new();
    for (n, (text, owner)) in args.actions.iter().zip(&args.owners).enumerate() {
        let due = match args.dues.get(n) {
            None => None,
            Some(date) => Some(NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
                UserError::new(format!("due date '{date}' is not a date"))
                    .hint("give due dates as YYYY-MM-DD")
            })?),
        };
        items.push((super::require_text("action item", text)?, super::require_line("owner", owner)?, due));
    }
    super::record(ctx, &args.id, &args.at, |incident| {
        // Items keep their ids across a revised review; new ones continue the numbering.
        let existing: Vec<ActionItem> =
            incident.review.iter().flat_map(|r| r.action_items.iter().map(|a| a.item.clone())).collect();
        let mut next = existing.len() + 1;
        let action_items = items
            .iter()
            .map(|(text, owner, due)| match existing.iter().find(|e| &e.text == text) {
                Some(kept) => ActionItem { owner: owner.clone(), due: *due, ..kept.clone() },
                None => {
                    let id = format!("A{next}");
                    next += 1;
                    ActionItem { id, text: text.clone(), owner: owner.clone(), due: *due }
                }
            })
            .collect();
        Ok(Some(EventBody::Reviewed { root_cause, went_well, went_badly, action_items }))
    })?;
    Ok(())
}
