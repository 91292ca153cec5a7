//! What a post-incident report is made of: the incident, its log, its clocks and the names of
//! its tenants, read once for `sirt report` and `sirt export`.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::clocks::ClockSetup;
use crate::model::deadline::Deadline;
use crate::model::time::Zone;
use crate::model::{Incident, IncidentLog};
use crate::render::report::ReportInput;
use crate::store::Store;

/// The facts of one incident's report, owned.
pub struct ReportFacts {
    pub log: IncidentLog,
    pub incident: Incident,
    pub clocks: Vec<Deadline>,
    /// Tenant ids to names.
    pub names: BTreeMap<String, String>,
    pub organisation: String,
}

impl ReportFacts {
    pub fn load(store: &Store, id: &str, now: DateTime<Utc>) -> Result<ReportFacts> {
        let (log, incident) = store.load_incident(id)?;
        let clocks = ClockSetup::for_store(store)?.clocks(store, &[&incident], now, |_| true)?;
        let names = incident
            .affected
            .keys()
            .filter_map(|t| store.read_tenant(t).ok().map(|tenant| (t.clone(), tenant.name)))
            .collect();
        Ok(ReportFacts { log, incident, clocks, names, organisation: store.settings.organisation.clone() })
    }

    /// The report's input, with times shown in `zone`.
    pub fn input(&self, zone: Zone, now: DateTime<Utc>) -> ReportInput<'_> {
        ReportInput {
            incident: &self.incident,
            log: &self.log,
            clocks: &self.clocks,
            names: &self.names,
            organisation: &self.organisation,
            zone,
            now,
        }
    }
}
