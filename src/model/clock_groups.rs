//! Clocks computed once per group. The affected tenants of one incident that share a limit and a
//! notification time share every clock but its party: each such clock is worked out once and
//! carries the tenants it is owed to, so a report over half a million affected tenants costs as
//! many clocks as there are groups. Expanding the groups gives back one clock per tenant, in the
//! order the per-tenant computation made and sorted them (the property test below holds the two
//! equal, clock for clock).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use rustc_hash::FxHashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::deadline::{ClockKind, ContractClocks, Deadline, Limit, Rules, Status, TenantTerms};
use super::incident::Incident;
use super::regime::Regime;

/// How many tenants of a group are named where only a few are shown.
pub const NAMED: usize = 4;

/// Which tenants a group keeps: every one (to expand it into one clock per tenant), or only the
/// first few, to name them, when the count is all that is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Members {
    All,
    Named,
}

/// A tenant a group's clock is owed to (none for a clock owed to no tenant), and where its clock
/// falls among the incident's clocks when they are made one by one: that keeps the order of the
/// expanded clocks the order of the per-tenant ones.
#[derive(Debug, Clone)]
struct Member {
    tenant: Option<Arc<str>>,
    order: u32,
}

/// One clock shared by the tenants of one incident that share everything deciding it.
#[derive(Debug, Clone)]
pub struct ClockGroup {
    /// The clock of the group's first tenant.
    pub clock: Deadline,
    /// Where the incident stands in the list the groups were made from.
    incident: u32,
    count: usize,
    members: Vec<Member>,
    /// For a tenant's own clock, to whom the tenant owes it: part of each tenant's party.
    recipient: Option<Arc<str>>,
}

impl ClockGroup {
    fn new(clock: Deadline, incident: u32, order: u32, recipient: Option<Arc<str>>) -> ClockGroup {
        let member = Member { tenant: clock.tenant.clone(), order };
        ClockGroup { clock, incident, count: 1, members: vec![member], recipient }
    }

    /// Counts one more tenant; its id is made only when the group keeps it.
    fn add(&mut self, tenant: impl FnOnce() -> Arc<str>, order: u32, members: Members) {
        self.count += 1;
        if members == Members::All || self.members.len() < NAMED {
            self.members.push(Member { tenant: Some(tenant()), order });
        }
    }

    /// How many clocks the group stands for: one per tenant.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Whether every tenant is kept, so the group can be expanded.
    fn complete(&self) -> bool {
        self.members.len() == self.count
    }

    /// The group's clock as owed to one of its tenants.
    fn clock_of(&self, member: &Member) -> Deadline {
        let mut clock = self.clock.clone();
        if let Some(tenant) = &member.tenant
            && clock.tenant.as_ref() != Some(tenant)
        {
            clock.party = self.party_of(tenant);
            clock.tenant = Some(tenant.clone());
        }
        clock
    }

    fn party_of(&self, tenant: &Arc<str>) -> Arc<str> {
        match &self.recipient {
            Some(to) => format!("{tenant} → {to}").into(),
            None => tenant.clone(),
        }
    }

    /// Where the group's first clock falls: after the sort key, ties keep this order.
    fn first(&self) -> (u32, u32) {
        (self.incident, self.members[0].order)
    }
}

/// What, besides the tenant, decides a contract clock: the tenant's own limit and when it was
/// notified.
type ContractKey = (Option<Limit>, Option<DateTime<Utc>>);

/// What, besides the tenant, decides a tenant's own clock: the regime and stage, and when the
/// tenant became aware.
type TenantKey<'c> = (&'c str, usize, Option<DateTime<Utc>>);

/// An affected tenant as the groups need it: its terms (none when not in the directory), when
/// it was notified, and its id as the incident names it.
type Affected<'t, 'i> = (Option<TenantTerms<'t>>, Option<DateTime<Utc>>, &'i str);

/// An affected tenant as the clocks read it: its id, and when it was first notified.
pub type AffectedRef<'a> = (&'a str, Option<DateTime<Utc>>);

/// The affected tenants of an incident, in id order, as the clocks read them.
pub fn affected_of(incident: &Incident) -> Vec<AffectedRef<'_>> {
    incident.affected.iter().map(|(tenant, a)| (tenant.as_str(), a.notified_at)).collect()
}

impl Rules<'_> {
    /// Every clock of one incident as of `now`, one per tenant, in the order they are made:
    /// the incident's contract clocks by tenant, its own regimes' stages, then the tenants' own
    /// clocks by tenant, regime and stage. Events after `now` have not happened yet.
    pub fn clocks<'t>(
        &self,
        incident: &Incident,
        terms: impl Fn(&str) -> Option<TenantTerms<'t>>,
        now: DateTime<Utc>,
    ) -> Vec<Deadline> {
        in_made_order(&self.groups(incident, &affected_of(incident), 0, terms, now, Members::All))
    }

    /// The clocks of one incident as of `now`, one per group of tenants that share them (in the
    /// order each group's first clock is made). `affected` is its affected tenants in id order
    /// (see `affected_of`); `index` is where it stands among the incidents reported together.
    /// Tenants whose terms share a class, notified at one time, share every group: each
    /// tenant costs one lookup, however many regimes and stages it has.
    pub fn groups<'t>(
        &self,
        incident: &Incident,
        affected: &[AffectedRef],
        index: u32,
        terms: impl Fn(&str) -> Option<TenantTerms<'t>>,
        now: DateTime<Utc>,
        members: Members,
    ) -> Vec<ClockGroup> {
        let mut groups: Vec<ClockGroup> = Vec::new();
        let mut order = 0u32;
        // Each tenant's terms are looked up once and kept here for both kinds of clock.
        let tenants: Vec<Affected> =
            affected.iter().map(|(tenant, notified)| (terms(tenant), *notified, *tenant)).collect();
        let class = |terms: &Option<TenantTerms>| terms.as_ref().map(|t| t.class);
        let mut contract = ContractClocks::new(self, incident, now);
        if contract.running() {
            // Closed without naming a tenant: no one is left to notify, and `affected` is no
            // longer accepted, so this clock could never stop.
            if tenants.is_empty() && incident.closed_at.is_none() {
                groups.push(ClockGroup::new(contract.clock(None, None, None), index, order, None));
                order += 1;
            }
            let mut shared: FxHashMap<ContractKey, usize> = FxHashMap::default();
            let mut buckets: FxHashMap<(Option<u32>, Option<DateTime<Utc>>), usize> = FxHashMap::default();
            for (terms, notified, tenant) in &tenants {
                let id = || terms.as_ref().map_or_else(|| Arc::from(*tenant), |t| t.id.clone());
                match buckets.get(&(class(terms), *notified)) {
                    Some(&g) => groups[g].add(id, order, members),
                    None => {
                        let limit = terms.as_ref().and_then(|t| t.limit);
                        let g = match shared.get(&(limit, *notified)) {
                            Some(&g) => {
                                groups[g].add(id, order, members);
                                g
                            }
                            None => {
                                shared.insert((limit, *notified), groups.len());
                                let clock = contract.clock(Some(id()), *notified, limit);
                                groups.push(ClockGroup::new(clock, index, order, None));
                                groups.len() - 1
                            }
                        };
                        buckets.insert((class(terms), *notified), g);
                    }
                }
                order += 1;
            }
        }
        for regime in self.settings.own_regimes.iter().filter_map(|id| self.catalog.get(id)) {
            for stage in &regime.stages {
                groups.push(ClockGroup::new(
                    self.regime_clock(incident, regime, stage, now),
                    index,
                    order,
                    None,
                ));
                order += 1;
            }
        }
        let incident_id: Arc<str> = Arc::from(incident.id.as_str());
        let mut shared: FxHashMap<TenantKey, usize> = FxHashMap::default();
        let mut buckets: FxHashMap<(u32, Option<DateTime<Utc>>), Vec<usize>> = FxHashMap::default();
        // The catalog is a list: each regime id is looked up once per incident, not per tenant.
        let mut regimes: FxHashMap<&str, Option<&Regime>> = FxHashMap::default();
        for (terms, notified, _) in &tenants {
            let Some(terms) = terms else { continue };
            let aware = notified.filter(|t| *t <= now);
            if let Some(slots) = buckets.get(&(terms.class, aware)) {
                for &g in slots {
                    groups[g].add(|| terms.id.clone(), order, members);
                    order += 1;
                }
                continue;
            }
            // The first tenant of its class aware at this time: its clocks find or make the
            // groups every later one of them joins.
            let mut slots = Vec::new();
            for id in terms.regimes {
                let Some(regime) = *regimes.entry(id.as_str()).or_insert_with(|| self.catalog.get(id)) else {
                    continue;
                };
                for (n, stage) in regime.stages.iter().enumerate().filter(|(_, s)| s.anchor.is_none()) {
                    let g = match shared.get(&(regime.id.as_str(), n, aware)) {
                        Some(&g) => {
                            groups[g].add(|| terms.id.clone(), order, members);
                            g
                        }
                        None => {
                            shared.insert((regime.id.as_str(), n, aware), groups.len());
                            let clock = self.tenant_clock(&incident_id, &terms.id, regime, stage, aware, now);
                            let to: Arc<str> = regime.recipient(stage).into();
                            groups.push(ClockGroup::new(clock, index, order, Some(to)));
                            groups.len() - 1
                        }
                    };
                    slots.push(g);
                    order += 1;
                }
            }
            buckets.insert((terms.class, aware), slots);
        }
        groups
    }
}

/// Orders groups most urgent first: overdue first (most overdue first), then at risk, running
/// by due time, then clocks without a due time, then pending; ties in the order the clocks were
/// made (incident, then tenant).
pub fn sort_by_urgency(groups: &mut [ClockGroup]) {
    groups.sort_by_key(|g| (g.clock.urgency(), g.first()));
}

/// One clock per tenant, most urgent first, from groups sorted by `sort_by_urgency` and made
/// with `Members::All`: the same clocks in the same order as making every tenant's clock and
/// sorting them. Each is made when it is asked for, so the clocks can be written as they come.
pub fn expand(groups: &[ClockGroup]) -> Expanded<'_> {
    debug_assert!(groups.iter().all(ClockGroup::complete), "expanding groups that kept only names");
    Expanded { groups, next: 0, heap: BinaryHeap::new() }
}

/// The next clock of a group in the current run: where it was made (incident, order), the
/// group and the member.
type Next = ((u32, u32), usize, usize);

/// The clocks of groups one by one. Groups that tie on urgency may interleave (their tenants
/// alternate in the made order): within each run of equal urgency the clocks are merged by
/// where they were made.
pub struct Expanded<'g> {
    groups: &'g [ClockGroup],
    next: usize,
    heap: BinaryHeap<Reverse<Next>>,
}

impl Iterator for Expanded<'_> {
    type Item = Deadline;

    fn next(&mut self) -> Option<Deadline> {
        if self.heap.is_empty() {
            let urgency = self.groups.get(self.next)?.clock.urgency();
            while let Some(group) = self.groups.get(self.next).filter(|g| g.clock.urgency() == urgency) {
                self.heap.push(Reverse((group.first(), self.next, 0)));
                self.next += 1;
            }
        }
        let Reverse((_, g, m)) = self.heap.pop()?;
        let group = &self.groups[g];
        if let Some(member) = group.members.get(m + 1) {
            self.heap.push(Reverse(((group.incident, member.order), g, m + 1)));
        }
        Some(group.clock_of(&group.members[m]))
    }
}

/// One incident's groups expanded in the order the clocks are made, unsorted.
fn in_made_order(groups: &[ClockGroup]) -> Vec<Deadline> {
    let mut all: Vec<(u32, usize, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.members.iter().enumerate().map(move |(m, member)| (member.order, g, m)))
        .collect();
    all.sort_unstable();
    all.into_iter().map(|(_, g, m)| groups[g].clock_of(&groups[g].members[m])).collect()
}

/// Clocks that differ only in the tenant they are owed to (and, when met, in when), shown as one
/// line: 500 tenants notified by one deadline read as one line, not 500.
pub struct Alike<'g> {
    /// The first of them.
    pub clock: &'g Deadline,
    pub count: usize,
    /// The first few parties, in order.
    pub parties: Vec<Arc<str>>,
}

/// One of the first few parties of a group joined into a line, with where its clock was made.
type Named = (u32, Arc<str>);

/// What clocks shown as one line share: incident, kind, rule, status, due time and start.
type AlikeKey = (u32, ClockKind, Arc<str>, Status, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Groups sorted by `sort_by_urgency`, joined where they read alike, in the same order. Clocks
/// owed to no tenant stand alone.
pub fn alike(groups: &[ClockGroup]) -> Vec<Alike<'_>> {
    let mut lines: Vec<(Alike, Vec<Named>)> = Vec::new();
    let mut index: HashMap<AlikeKey, usize> = HashMap::new();
    for group in groups {
        let d = &group.clock;
        let named = group.members.iter().take(NAMED).map(|m| match &m.tenant {
            Some(tenant) => (m.order, group.party_of(tenant)),
            None => (m.order, d.party.clone()),
        });
        let key = d
            .tenant
            .is_some()
            .then(|| (group.incident, d.clock, d.rule.clone(), d.status, d.due, d.started_at));
        if let Some(&line) = key.as_ref().and_then(|key| index.get(key)) {
            let (alike, parties) = &mut lines[line];
            alike.count += group.count;
            parties.extend(named);
            continue;
        }
        if let Some(key) = key {
            index.insert(key, lines.len());
        }
        lines.push((Alike { clock: d, count: group.count, parties: Vec::new() }, named.collect()));
    }
    lines
        .into_iter()
        .map(|(mut alike, mut parties)| {
            parties.sort_by_key(|(order, _)| *order);
            alike.parties = parties.into_iter().take(NAMED).map(|(_, party)| party).collect();
            alike
        })
        .collect()
}

#[cfg(test)]
mod tests {
    //! The grouped clocks, expanded, against the per-tenant computation they replace: every
    //! tenant's clocks made one by one and sorted, as `deadlines` did before groups.

    use std::collections::BTreeMap;

    use chrono::Duration;
    use proptest::prelude::*;
    use proptest::sample::subsequence;

    use super::*;
    use crate::model::deadline::ContractClocks;
    use crate::model::event::{Event, EventBody, IncidentLog, SCHEMA};
    use crate::model::regime::Catalog;
    use crate::model::settings::{AwareAt, Settings, Span};
    use crate::model::state::AffectedTenant;
    use crate::model::{Severity, Source};

    /// The reference: one clock per tenant, in the order they are made (the algorithm before
    /// groups, kept here as it was).
    fn per_tenant<'t>(
        rules: &Rules,
        incident: &Incident,
        terms: impl Fn(&str) -> Option<TenantTerms<'t>>,
        now: DateTime<Utc>,
    ) -> Vec<Deadline> {
        let mut clocks = Vec::new();
        let incident_id: Arc<str> = Arc::from(incident.id.as_str());
        let mut contract = ContractClocks::new(rules, incident, now);
        if contract.running() {
            if incident.affected.is_empty() && incident.closed_at.is_none() {
                clocks.push(contract.clock(None, None, None));
            }
            for (tenant, affected) in &incident.affected {
                let terms = terms(tenant);
                let limit = terms.as_ref().and_then(|t| t.limit);
                let id = terms.map_or_else(|| Arc::from(tenant.as_str()), |t| t.id);
                clocks.push(contract.clock(Some(id), affected.notified_at, limit));
            }
        }
        for regime in rules.settings.own_regimes.iter().filter_map(|id| rules.catalog.get(id)) {
            for stage in &regime.stages {
                clocks.push(rules.regime_clock(incident, regime, stage, now));
            }
        }
        for (tenant, affected) in &incident.affected {
            let Some(terms) = terms(tenant) else { continue };
            let aware = affected.notified_at.filter(|t| *t <= now);
            for regime in terms.regimes.iter().filter_map(|id| rules.catalog.get(id)) {
                for stage in regime.stages.iter().filter(|s| s.anchor.is_none()) {
                    clocks.push(rules.tenant_clock(&incident_id, tenant, regime, stage, aware, now));
                }
            }
        }
        clocks
    }

    /// The sort before groups: stable, by urgency, so ties keep the made order.
    fn sorted(mut clocks: Vec<Deadline>) -> Vec<Deadline> {
        clocks.sort_by_key(Deadline::urgency);
        clocks
    }

    const POOL: usize = 8;
    const LIMITS: [Option<&str>; 7] =
        [None, Some("90m"), Some("24h"), Some("72h"), Some("3d"), Some("96h"), Some("1bd")];
    /// Tenant regimes: some with stages waiting for the tenant, one listed twice, one unknown.
    const REGIMES: [&str; 6] = [
        "gdpr-art33",
        "nis2-art23",
        "sec-8k-item-1-05",
        "hipaa-breach-covered-entity",
        "gdpr-art33",
        "no-such",
    ];
    /// Minutes after the base: few, so that tenants share notification times.
    const TIMES: [i64; 5] = [0, 30, 120, 1500, 4400];

    /// An incident: when declared (an index of `TIMES`), whether closed, and the affected
    /// tenants with when each was notified.
    type Generated = (Option<usize>, bool, Vec<(usize, Option<usize>)>);

    #[derive(Debug, Clone)]
    struct World {
        /// Per tenant: in the directory, its limit, its regimes.
        tenants: Vec<(bool, usize, Vec<usize>)>,
        /// Per incident: declared at, closed, affected tenants with when notified.
        incidents: Vec<Generated>,
        store_limit: usize,
        own: Vec<usize>,
        aware_at_detection: bool,
        now: i64,
        keep: usize,
    }

    fn world() -> impl Strategy<Value = World> {
        let tenant = (
            prop::bool::weighted(0.85),
            0..LIMITS.len(),
            subsequence((0..REGIMES.len()).collect::<Vec<_>>(), 0..=3),
        );
        let affected = prop::collection::btree_map(0..POOL, prop::option::of(0..TIMES.len()), 0..=POOL)
            .prop_map(|m| m.into_iter().collect::<Vec<_>>());
        let incident = (prop::option::weighted(0.85, 0..TIMES.len()), prop::bool::weighted(0.2), affected);
        (
            prop::collection::vec(tenant, POOL),
            prop::collection::vec(incident, 1..=4),
            0..3usize,
            subsequence(vec![0usize, 1, 2], 0..=2),
            any::<bool>(),
            -60..6000i64,
            0..3usize,
        )
            .prop_map(|(tenants, incidents, store_limit, own, aware_at_detection, now, keep)| {
                World { tenants, incidents, store_limit, own, aware_at_detection, now, keep }
            })
    }

    fn base() -> DateTime<Utc> {
        "2026-11-20T09:00:00Z".parse().unwrap()
    }

    fn at(n: usize) -> DateTime<Utc> {
        base() + Duration::minutes(TIMES[n])
    }

    fn name(n: usize) -> String {
        format!("t{n}")
    }

    fn incident(n: usize, (declared, closed, affected): &Generated) -> Incident {
        let detected = base() - Duration::hours(1);
        let detection = Event {
            id: "E1".into(),
            seq: 1,
            at: detected,
            recorded_at: detected,
            by: "Ana <ana@example.com>".into(),
            body: EventBody::Detected {
                title: "generated".into(),
                severity: Severity::Sev2,
                source: Source::Monitoring,
                started: None,
            },
        };
        let log = IncidentLog {
            schema: SCHEMA,
            id: format!("INC-PROP-{n:04}"),
            events: vec![detection],
            unknown: Vec::new(),
        };
        let mut incident = log.fold().unwrap();
        incident.declared_at = declared.map(at);
        incident.closed_at = closed.then(|| base() + Duration::days(2));
        incident.affected = affected
            .iter()
            .map(|(t, notified)| {
                let tenant = AffectedTenant {
                    tenant: name(*t),
                    since: base(),
                    detail: None,
                    notified_at: notified.map(at),
                };
                (name(*t), tenant)
            })
            .collect::<BTreeMap<_, _>>();
        incident
    }

    fn keep(which: usize, d: &Deadline) -> bool {
        match which {
            0 => true,
            1 => match d.clock {
                ClockKind::TenantRegime => matches!(d.status, Status::Running | Status::AtRisk),
                _ => d.status.is_live(),
            },
            _ => d.clock == ClockKind::Contract && d.tenant.is_some(),
        }
    }

    fn same_line(a: &Deadline, b: &Deadline) -> bool {
        (&a.incident, a.clock, &a.rule, a.status, a.due, a.started_at)
            == (&b.incident, b.clock, &b.rule, b.status, b.due, b.started_at)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn grouped_clocks_expand_to_the_per_tenant_clocks(world in world()) {
            let catalog = Catalog::built_in();
            let settings = Settings {
                contract_limit: Limit::parse(["72h", "24h", "48h"][world.store_limit]).unwrap(),
                at_risk_margin: Span(Duration::hours(12)),
                own_regimes: world.own.iter().map(|n| ["gdpr-art33", "nis2-art23", "dora-art19"][*n].to_string()).collect(),
                aware_at: if world.aware_at_detection { AwareAt::Detection } else { AwareAt::Declaration },
                ..Settings::default()
            };
            let rules = Rules { catalog: &catalog, settings: &settings };
            let regimes: Vec<Vec<String>> = world
                .tenants
                .iter()
                .map(|(_, _, r)| r.iter().map(|n| REGIMES[*n].to_string()).collect())
                .collect();
            let terms = |id: &str| {
                let n: usize = id[1..].parse().unwrap();
                let (known, limit, _) = world.tenants[n];
                // Tenants with the same limit and regimes share a class, as the store's do.
                let class = (0..=n).find(|&m| world.tenants[m].1 == limit && regimes[m] == regimes[n]);
                known.then(|| TenantTerms {
                    id: id.into(),
                    limit: LIMITS[limit].and_then(Limit::parse),
                    regimes: &regimes[n],
                    class: class.unwrap_or(n) as u32,
                })
            };
            let now = base() + Duration::minutes(world.now);
            let incidents: Vec<Incident> = world.incidents.iter().enumerate().map(|(n, i)| incident(n, i)).collect();

            // One incident, in the order the clocks are made: what `Rules::clocks` returns.
            for incident in &incidents {
                prop_assert_eq!(rules.clocks(incident, terms, now), per_tenant(&rules, incident, terms, now));
            }

            // Every incident, filtered and sorted: what `deadlines` writes per tenant.
            let reference: Vec<Deadline> = sorted(
                incidents.iter().flat_map(|i| per_tenant(&rules, i, terms, now)).filter(|d| keep(world.keep, d)).collect(),
            );
            let grouped = |members: Members| {
                let mut groups: Vec<ClockGroup> = incidents
                    .iter()
                    .enumerate()
                    .flat_map(|(n, i)| rules.groups(i, &affected_of(i), n as u32, terms, now, members))
                    .filter(|g| keep(world.keep, &g.clock))
                    .collect();
                sort_by_urgency(&mut groups);
                groups
            };
            let all = grouped(Members::All);
            let expanded: Vec<Deadline> = expand(&all).collect();
            prop_assert_eq!(&expanded, &reference);
            prop_assert_eq!(all.iter().map(ClockGroup::count).sum::<usize>(), reference.len());

            // The table's lines: each stands for the clocks alike it, and names the first few.
            let lines = alike(&all);
            for line in &lines {
                let matching: Vec<&Deadline> = match line.clock.tenant {
                    Some(_) => reference.iter().filter(|d| d.tenant.is_some() && same_line(d, line.clock)).collect(),
                    None => vec![line.clock],
                };
                prop_assert_eq!(line.count, matching.len());
                prop_assert!(matching[0] == line.clock, "a line shows its first clock");
                let parties: Vec<&str> = matching.iter().take(NAMED).map(|d| &*d.party).collect();
                prop_assert_eq!(line.parties.iter().map(|p| &**p).collect::<Vec<_>>(), parties);
            }
            prop_assert_eq!(lines.iter().map(|l| l.count).sum::<usize>(), reference.len());
            // Keeping only the first few tenants names and counts the same.
            let named = grouped(Members::Named);
            let short = alike(&named);
            prop_assert_eq!(short.len(), lines.len());
            for (a, b) in short.iter().zip(&lines) {
                prop_assert!(a.clock == b.clock && a.count == b.count && a.parties == b.parties);
            }
        }
    }
}
