//! `sirt edit ID`: the incident file in `$VISUAL`/`$EDITOR`. History is append-only: an edit may
//! add events, never delete or rewrite one.

use std::process::Command;

use anyhow::{Context, Result};
use clap::Args;

use super::Ctx;
use crate::error::UserError;
use crate::model::IncidentLog;
use crate::store::{self, Change, Store};

/// Open an incident in $VISUAL or $EDITOR; a valid edit (events added, none changed) is one commit
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
}

pub fn run(ctx: &Ctx, args: EditArgs) -> Result<()> {
    let store = ctx.store()?;
    let actor = ctx.actor(store)?;
    let id = ctx.resolve(store, &args.id)?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .ok_or_else(|| {
            UserError::new("no editor: neither VISUAL nor EDITOR is set").hint("export EDITOR=vi")
        })?;
    let before = store.read_log(&id)?;
    let original = std::fs::read_to_string(store.root().join(Store::incident_path(&id)))?;

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
    if edited == original {
        std::fs::remove_file(&draft)?;
        ctx.ui.status("no change");
        return Ok(());
    }
    let after: IncidentLog = match toml::from_str(&edited) {
        Ok(log) => log,
        Err(e) => {
            let line =
                e.span().map(|s| edited[..s.start.min(edited.len())].matches('\n').count() + 1).unwrap_or(0);
            return Err(kept(format!("the edited file is not valid at line {line}: {}", e.message().trim())));
        }
    };
    if let Err(why) = append_only(&before, &after) {
        return Err(kept(why));
    }
    if let Err(why) = after.fold() {
        return Err(kept(format!("the edited incident does not hold together: {why}")));
    }
    // Added events obey the same rules as the commands that record them.
    let mut so_far = before.clone();
    for event in after.ordered().into_iter().filter(|e| !before.events.iter().any(|b| b.id == e.id)) {
        let state = so_far
            .fold()
            .map_err(|why| kept(format!("the edited incident does not hold together: {why}")))?;
        if let Err(refusal) = state.check(&event.body, event.at, ctx.now, crate::ops::clocks::local_zone()) {
            return Err(kept(format!("added event {} is refused: {}", event.id, refusal.message)));
        }
        so_far.events.push(event.clone());
    }

    let lock = store.lock()?;
    super::report_recovery(ctx, &lock);
    if store.read_log(&id)? != before {
        return Err(kept(format!("{id} changed while you were editing")));
    }
    let added = after.events.len() - before.events.len();
    let hash = store.commit(
        &lock,
        Change {
            files: vec![Store::incident_file(&after)?],
            subject: format!("{id}: edited by hand, {added} event(s) added"),
            body: None,
            trailers: vec![("Sirt-Incident", id.clone()), ("Sirt-Kind", "edit".into())],
            author: actor,
            at: ctx.now,
        },
    )?;
    std::fs::remove_file(&draft)?;
    ctx.ui.status(&format!("{id}: edited by hand, {added} event(s) added [{}]", &hash[..10]));
    Ok(())
}

/// An edit may only add events: every event there before must still be there, unchanged.
fn append_only(before: &IncidentLog, after: &IncidentLog) -> Result<(), String> {
    if after.id != before.id || after.schema != before.schema {
        return Err("the id and schema of an incident cannot change".into());
    }
    for event in &before.events {
        match after.events.iter().find(|e| e.id == event.id) {
            None => {
                return Err(format!(
                    "event {} ({}) would be deleted; history is append-only",
                    event.id,
                    event.body.kind()
                ));
            }
            Some(edited) if edited != event => {
                return Err(format!(
                    "event {} ({}) would be rewritten; history is append-only",
                    event.id,
                    event.body.kind()
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
