//! Domain types: incidents, events, settings. Plain data and pure functions; no I/O, no clock.

pub mod contact;
pub mod deadline;
pub mod id;
pub mod incident;
pub mod regime;
pub mod settings;
pub mod settings_edit;
pub mod stats;
pub mod tenant;
pub mod tenant_csv;
pub mod time;

pub use incident::{
    Classification, Effect, Engagement, Event, EventBody, Impact, Incident, IncidentLog, Phase, Refusal,
    Role, Severity, Source,
};
