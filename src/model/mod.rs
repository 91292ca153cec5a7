//! Domain types: incidents, events, settings. Plain data and pure functions; no I/O, no clock.

pub mod actor;
pub mod clock_groups;
pub mod contact;
pub mod counting;
pub mod deadline;
pub mod event;
pub mod id;
pub mod incident;
pub mod regime;
pub mod rules;
pub mod settings;
pub mod settings_edit;
pub mod state;
pub mod stats;
pub mod summary;
pub mod tenant;
pub mod tenant_csv;
pub mod time;
pub mod vocab;

pub use event::{Event, EventBody, IncidentLog};
pub use incident::{Engagement, Impact, Incident};
pub use rules::Refusal;
pub use vocab::{Classification, Effect, Phase, Role, Severity, Source};
