//! `sirt edit ID`: the incident file in `$VISUAL`/`$EDITOR`. History is append-only: an edit may
//! add events, never delete or rewrite one.

use std::process::Command;

use anyhow::{Context, Result};
use clap::Args;

use super::Ctx;
use crate::error::UserError;
use crate::ops;
use crate::store;

/// Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
}

pub fn run(ctx: &Ctx, args: EditArgs) -> Result<()> {
    let rec = ctx.recorder()?;
    let store = rec.store;
    let id = ctx.resolve(store, &args.id)?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .ok_or_else(|| {
            UserError::new("no editor: neither VISUAL nor EDITOR is set").hint("export EDITOR=vi")
        })?;
    let original = store.incident_text(&id)?;

    // The draft lives in .git/, private and out of the working tree, until the edit is accepted;
    // each attempt has its own, so a refused edit's text is never overwritten by the next one.
    let draft = store.edit_draft_path(&id);
    store::write_atomic(&draft, original.as_bytes())?;
    // Through the shell, so EDITOR may carry arguments ("code --wait").
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&draft)
        .status()
        .with_context(|| format!("cannot start the editor '{editor}'"))?;
    let kept = |why: String| -> anyhow::Error {
        UserError::new(format!("{why}; nothing was recorded, and your text is kept in {}", draft.display()))
            .hint(format!(
                "run sirt edit {id} again and copy in what you need; the file in incidents/ is unchanged"
            ))
            .into()
    };
    if !status.success() {
        return Err(kept(format!("the editor exited with {status}")));
    }
    let edited =
        std::fs::read_to_string(&draft).with_context(|| format!("cannot read {}", draft.display()))?;
    match ops::edit::apply(&rec, &id, &original, &edited)? {
        Err(why) => Err(kept(why)),
        Ok(None) => {
            std::fs::remove_file(&draft)?;
            ctx.ui.status("no change");
            Ok(())
        }
        Ok(Some(edited)) => {
            std::fs::remove_file(&draft)?;
            for change in &edited.normalised {
                ctx.ui.status(&format!("note: {change}"));
            }
            super::report_commit(ctx, &edited.committed);
            Ok(())
        }
    }
}
