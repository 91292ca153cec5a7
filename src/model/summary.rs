//! What a listing shows of an incident: its heading fields and how many tenants it affects,
//! without the affected-tenant list itself, which can run to thousands of entries.

use chrono::{DateTime, Utc};

use super::incident::Incident;
use super::vocab::{Phase, Severity};

#[derive(Debug, Clone, PartialEq)]
pub struct IncidentSummary {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub phase: Phase,
    pub open: bool,
    pub detected_at: DateTime<Utc>,
    pub declared_at: Option<DateTime<Utc>>,
    /// How many tenants are affected.
    pub affected: usize,
    /// The first affected tenants by id, as many as a listing names.
    pub first_affected: Vec<String>,
    pub unknown_events: Vec<String>,
}

impl IncidentSummary {
    /// Enough names for [`crate::text::name_some_of`] to name them as it would the whole list.
    pub const NAMED: usize = 4;

    pub fn of(incident: &Incident) -> IncidentSummary {
        IncidentSummary {
            id: incident.id.clone(),
            title: incident.title.clone(),
            severity: incident.severity,
            phase: incident.phase,
            open: incident.open,
            detected_at: incident.detected_at,
            declared_at: incident.declared_at,
            affected: incident.affected.len(),
            first_affected: incident.affected.keys().take(Self::NAMED).cloned().collect(),
            unknown_events: incident.unknown_events.clone(),
        }
    }
}
