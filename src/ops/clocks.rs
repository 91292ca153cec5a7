//! Computing the clocks of a store's incidents, and showing their times: what `deadlines`,
//! `show`, `report`, `stats` and `notify` share. The process's own zone is resolved here, at the
//! edge; the model only ever receives a zone.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;
use chrono::{DateTime, FixedOffset, Local, Utc};
use rustc_hash::FxHashMap;

use crate::error::UserError;
use crate::model::Incident;
use crate::model::clock_groups::{AffectedRef, ClockGroup, Members, affected_of, expand, sort_by_urgency};
use crate::model::deadline::{ClockKind, Deadline, Limit, Rules, Status, TenantTerms, limit_from_span};
use crate::model::regime::Catalog;
use crate::model::settings::Settings;
use crate::model::time::{ZONES_ACCEPTED, Zone, format_in, format_span};
use crate::output::Tone;
use crate::store::{ClockTerms, Store};

/// What the clocks of a store are computed with, read once from its settings (checked when the
/// store was opened).
pub struct ClockSetup {
    catalog: Catalog,
    settings: Settings,
}

/// The tenant directory as the clocks read it: each tenant's limit and regimes, tenants with the
/// same ones in one class (they share clocks), and the tenants named so far whose file does not
/// read.
pub struct Directory {
    /// `None`: the file does not read.
    tenants: FxHashMap<Arc<str>, Option<Terms>>,
    named_unreadable: Mutex<BTreeSet<Arc<str>>>,
}

struct Terms {
    limit: Option<Limit>,
    regimes: Vec<String>,
    class: u32,
}

impl Directory {
    /// The terms of tenant `id`: `None` when it is not in the directory or does not read.
    pub fn terms(&self, id: &str) -> Option<TenantTerms<'_>> {
        let (id, terms) = self.tenants.get_key_value(id)?;
        match terms {
            Some(t) => {
                Some(TenantTerms { id: id.clone(), limit: t.limit, regimes: &t.regimes, class: t.class })
            }
            None => {
                self.named_unreadable.lock().unwrap_or_else(|e| e.into_inner()).insert(id.clone());
                None
            }
        }
    }

    /// Why each tenant file named so far does not read (its limits are unknown, so a gate must
    /// not pass on them), in id order.
    pub fn unreadable(&self, store: &Store) -> Vec<String> {
        self.named_unreadable
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter_map(|id| store.read_tenant(id).err().map(|e| format!("{e:#}")))
            .collect()
    }
}

impl ClockSetup {
    pub fn for_store(store: &Store) -> Result<ClockSetup> {
        Ok(ClockSetup { catalog: store.settings.catalog(), settings: store.settings.clone() })
    }

    pub fn rules(&self) -> Rules<'_> {
        Rules { catalog: &self.catalog, settings: &self.settings }
    }

    /// The tenant directory of the commit in view, as the clocks read it (through the store's
    /// cache: one small file, not a file per tenant).
    pub fn directory(&self, store: &Store) -> Result<Directory> {
        self.directory_of(store, |_| true)
    }

    /// The same, holding only the tenants `wanted` says yes to.
    fn directory_of(&self, store: &Store, wanted: impl Fn(&str) -> bool) -> Result<Directory> {
        let mut classes: HashMap<(Option<Limit>, Vec<String>), u32> = HashMap::new();
        let mut tenants = FxHashMap::default();
        for (id, terms) in store.tenant_terms()?.into_iter().filter(|(id, _)| wanted(id)) {
            let terms = terms.map(|t: ClockTerms| {
                let limit = t.notify_within.as_deref().and_then(limit_from_span);
                let next = classes.len() as u32;
                let class = *classes.entry((limit, t.regimes.clone())).or_insert(next);
                Terms { limit, regimes: t.regimes, class }
            });
            tenants.insert(Arc::from(id), terms);
        }
        Ok(Directory { tenants, named_unreadable: Mutex::default() })
    }

    /// Every clock of these incidents as of `now`, one per tenant, most urgent first. `keep` is
    /// asked once per group of clocks alike but for their tenant (see `groups`).
    pub fn clocks(
        &self,
        store: &Store,
        incidents: &[&Incident],
        now: DateTime<Utc>,
        keep: impl Fn(&Deadline) -> bool,
    ) -> Result<Vec<Deadline>> {
        // One incident (`show`, `report`, `close`) names a few of the tenants: only theirs are
        // kept. Many (`stats`) may name them all.
        let named: BTreeSet<&str> = match incidents {
            [one] => one.affected.keys().map(String::as_str).collect(),
            _ => BTreeSet::new(),
        };
        let directory = self.directory_of(store, |id| incidents.len() != 1 || named.contains(id))?;
        let mut groups: Vec<ClockGroup> = Vec::new();
        for (n, incident) in incidents.iter().enumerate() {
            let affected = affected_of(incident);
            groups.extend(self.incident_groups(
                &directory,
                incident,
                &affected,
                n as u32,
                now,
                Members::All,
                &keep,
            ));
        }
        sort_by_urgency(&mut groups);
        Ok(expand(&groups).collect())
    }

    /// The clocks of one incident as of `now`, one per group of tenants that share them, unsorted
    /// (see `sort_by_urgency`). `keep` sees each group's clock as owed to its first tenant: what
    /// it asks must not depend on which tenant (kind, status, whether a tenant).
    #[allow(clippy::too_many_arguments)]
    pub fn incident_groups(
        &self,
        directory: &Directory,
        incident: &Incident,
        affected: &[AffectedRef],
        index: u32,
        now: DateTime<Utc>,
        members: Members,
        keep: impl Fn(&Deadline) -> bool,
    ) -> Vec<ClockGroup> {
        let mut groups =
            self.rules().groups(incident, affected, index, |id| directory.terms(id), now, members);
        groups.retain(|g| keep(&g.clock));
        groups
    }
}

/// The process's own zone: `TZ` when it names a zone of the database, else the system's zone,
/// else the system's current offset. Read once.
pub fn local_zone() -> Zone {
    static LOCAL: OnceLock<Zone> = OnceLock::new();
    *LOCAL.get_or_init(|| {
        let from_env = std::env::var("TZ").ok().map(|tz| tz.trim_start_matches(':').to_string());
        let named = |name: &str| Zone::parse(name);
        match from_env.as_deref() {
            Some("") => Some(Zone::Utc),
            Some(name) => named(name).or_else(|| named(name.rsplit("zoneinfo/").next().unwrap_or(name))),
            None => iana_time_zone::get_timezone().ok().and_then(|name| named(&name)),
        }
        .unwrap_or_else(|| {
            let offset: FixedOffset = *Utc::now().with_timezone(&Local).offset();
            Zone::Fixed(offset)
        })
    })
}

/// A time in the process's own zone, with the offset in force at that instant.
pub fn format_local(at: DateTime<Utc>) -> String {
    format_in(at, local_zone())
}

/// `--tz`: UTC, local, an IANA zone such as Europe/Berlin, or an offset; the local zone by default.
pub fn display_zone(tz: Option<&str>) -> Result<Zone> {
    let Some(text) = tz.map(str::trim) else { return Ok(local_zone()) };
    if text.eq_ignore_ascii_case("local") {
        return Ok(local_zone());
    }
    Zone::parse(text).ok_or_else(|| {
        UserError::new(format!("'{text}' is not a zone sirt understands"))
            .hint(format!("--tz takes {ZONES_ACCEPTED}"))
            .into()
    })
}

/// The time left in words: `5h 20m left`, `overdue by 2h 00m`, `met, 3h 10m early`.
pub fn left(d: &Deadline, now: DateTime<Utc>) -> String {
    match (d.status, d.due, d.started_at) {
        (Status::Pending, _, _) => "-".into(),
        (Status::Met, Some(due), _) => format!("met, {} early", format_span(due - d.done_at.unwrap_or(due))),
        (Status::Met, None, _) => "met".into(),
        (Status::Late, Some(due), _) => format!("late by {}", format_span(d.done_at.unwrap_or(due) - due)),
        (Status::Overdue, Some(due), _) => format!("overdue by {}", format_span(now - due)),
        (_, Some(due), _) => format!("{} left", format_span(due - now)),
        (_, None, Some(start)) => format!("{} since it started (no fixed limit)", format_span(now - start)),
        (_, None, None) => "-".into(),
    }
}

/// The due time, or the rule that will set it: `1 month after 'incident notification' is filed`.
pub fn due_text(d: &Deadline, zone: Zone) -> String {
    match d.due {
        Some(due) => format_in(due, zone),
        None if d.started_at.is_some() => "asap".into(),
        None => d.due_rule.to_string(),
    }
}

/// How a clock's status stands out: overdue and late in alarm, at risk in caution, met in green,
/// and what is only information (pending, the tenants' own) dimmed.
pub fn tone(d: &Deadline) -> Tone {
    match d.status {
        Status::Overdue | Status::Late => Tone::Alarm,
        Status::AtRisk => Tone::Caution,
        Status::Met => Tone::Good,
        Status::Pending => Tone::Dim,
        Status::Running if d.clock == ClockKind::TenantRegime => Tone::Dim,
        Status::Running => Tone::Plain,
    }
}
