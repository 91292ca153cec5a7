//! How reading commands open the store: what they should know first (a git operation half
//! done, an old layout), and a warning once when what they read holds hand edits.

use anyhow::Result;

use super::Ctx;
use crate::store::{Draws, Store};

impl Ctx {
    /// The store, for a command that only reads what `draws` names: says once when the working
    /// tree holds hand edits there, which are not read (the commit is).
    pub fn store_to_read(&self, draws: &[Draws]) -> Result<&Store> {
        let (store, look) = self.open_to_read()?;
        if look {
            self.warn_hand_edits(store, draws)?;
        }
        Ok(store)
    }

    /// The store and the incident `query` names (an id or a unique prefix), for a command that
    /// reads that one incident: the hand-edit check looks at its file only.
    pub fn incident_to_read(&self, query: &str) -> Result<(&Store, String)> {
        let (store, look) = self.open_to_read()?;
        let id = self.resolve(store, query)?;
        if look {
            self.warn_hand_edits(store, &[Draws::Incident(&id)])?;
        }
        Ok((store, id))
    }

    /// The store, for a command that knows what it draws on only once it has read (`list`): it
    /// calls [`Ctx::look_for_hand_edits`] then, with `look` as given here.
    pub fn store_to_read_first(&self) -> Result<(&Store, bool)> {
        self.open_to_read()
    }

    /// Says once when what `draws` names holds hand edits (see [`Ctx::store_to_read_first`]).
    pub fn look_for_hand_edits(&self, store: &Store, look: bool, draws: &[Draws]) -> Result<()> {
        if look { self.warn_hand_edits(store, draws) } else { Ok(()) }
    }

    /// Opens the store for reading and says what a reader should know first; `false` when a
    /// half-done git operation explains any difference, so hand edits are not looked for.
    fn open_to_read(&self) -> Result<(&Store, bool)> {
        let store = self.store()?;
        if let Some(operation) = store.git_operation() {
            let (what, undo) = operation.describe();
            self.ui.warn(&format!("{what} in the store; showing the branch's last commit"));
            self.ui.hint(&format!(
                "undo it with: git -C {} {}",
                store.root().display(),
                undo.trim_start_matches("git ")
            ));
            return Ok((store, false));
        }
        if store.layout() == crate::store::layout::Layout::Flat && !self.upgrade_noted.replace(true) {
            self.ui.hint("this store has the flat layout of sirt 0.2; writes are faster after: sirt upgrade");
        }
        Ok((store, true))
    }

    fn warn_hand_edits(&self, store: &Store, draws: &[Draws]) -> Result<()> {
        let edits = store.hand_edits_in(draws)?;
        if let Some(first) = edits.first() {
            self.ui.warn(&format!(
                "the working tree differs from the last commit ({}); showing what is committed",
                crate::text::name_some(&edits)
            ));
            self.ui.hint(&format!(
                "record the edit: sirt adopt {first}, or discard it: git -C {} checkout -- {first}",
                store.root().display()
            ));
        }
        Ok(())
    }
}
