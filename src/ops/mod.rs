//! The use cases: record a step, open an incident, change the tenant directory, edit or adopt a
//! file by hand, compute clocks, render drafts. Each change goes through one store transaction
//! ([`crate::store::Txn`]). Nothing here knows of clap or prints: commands turn arguments into
//! calls of this layer and its results into output.

pub mod adopt;
pub mod bundle;
pub mod clocks;
pub mod config;
pub mod correct;
pub mod drafts;
pub mod edit;
pub mod merge;
pub mod record;
pub mod report;
pub mod sync;
pub mod tenants;
pub mod upgrade;
pub mod verify;

use chrono::{DateTime, Utc};

use crate::model::actor::Actor;
use crate::store::Store;

/// What every change needs besides its own arguments: the store, who records, and the time.
pub struct Recorder<'a> {
    pub store: &'a Store,
    pub actor: Actor,
    pub now: DateTime<Utc>,
}
