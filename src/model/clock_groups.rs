//! Clocks computed once per group. The affected tenants of one incident that share a limit and a
//! notification time share every clock but its party: each such clock is worked out once and
//! carries the tenants it is owed to, so a report over half a million affected tenants costs as
//! many clocks as there are groups. Expanding the groups gives back one clock per tenant, in the
//! order the per-tenant computation made and sorted them (the property test below holds the two
//! equal, clock for clock).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::deadline::{ClockKind, ContractClocks, Deadline, Limit, Rules, Status, TenantTerms};
use super::incident::Incident;

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

    fn add(&mut self, tenant: Arc<str>, order: u32, members: Members) {
        self.count += 1;
        if members == Members::All || self.members.len() < NAMED {
            self.members.push(Member { tenant: Some(tenant), order });
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

impl Rules<'_> {
    /// The clocks of one incident as of `now`, one per group of tenants that share them (in the
    /// order each group's first clock is made). `incident` is where it stands among the incidents
    /// reported together.
    pub fn groups<'t>(
        &self,
        incident: &Incident,
        index: u32,
        terms: impl Fn(&str) -> Option<TenantTerms<'t>>,
        now: DateTime<Utc>,
        members: Members,
    ) -> Vec<ClockGroup> {
        let mut groups: Vec<ClockGroup> = Vec::new();
        let mut order = 0u32;
        let mut next = || {
            order += 1;
            order - 1
        };
        let mut contract = ContractClocks::new(self, incident, now);
        if contract.running() {
            // Closed without naming a tenant: no one is left to notify, and `affected` is no
            // longer accepted, so this clock could never stop.
            if incident.affected.is_empty() && incident.closed_at.is_none() {
                groups.push(ClockGroup::new(contract.clock(None, None, None), index, next(), None));
            }
            let mut shared: HashMap<ContractKey, usize> = HashMap::new();
            for (tenant, affected) in &incident.affected {
                let terms = terms(tenant);
                let limit = terms.as_ref().and_then(|t| t.limit);
                let id = terms.map_or_else(|| Arc::from(tenant.as_str()), |t| t.id);
                let order = next();
                match shared.get(&(limit, affected.notified_at)) {
                    Some(&g) => groups[g].add(id, order, members),
                    None => {
                        shared.insert((limit, affected.notified_at), groups.len());
                        let clock = contract.clock(Some(id), affected.notified_at, limit);
                        groups.push(ClockGroup::new(clock, index, order, None));
                    }
                }
            }
        }
        for regime in self.settings.own_regimes.iter().filter_map(|id| self.catalog.get(id)) {
            for stage in &regime.stages {
                groups.push(ClockGroup::new(self.regime_clock(incident, regime, stage, now), index, next(), None));
            }
        }
        let incident_id: Arc<str> = Arc::from(incident.id.as_str());
        let mut shared: HashMap<TenantKey, usize> = HashMap::new();
        for (tenant, affected) in &incident.affected {
            let Some(terms) = terms(tenant) else { continue };
            let aware = affected.notified_at.filter(|t| *t <= now);
            for regime in terms.regimes.iter().filter_map(|id| self.catalog.get(id)) {
                for (n, stage) in regime.stages.iter().enumerate().filter(|(_, s)| s.anchor.is_none()) {
                    let order = next();
                    match shared.get(&(regime.id.as_str(), n, aware)) {
                        Some(&g) => groups[g].add(terms.id.clone(), order, members),
                        None => {
                            shared.insert((regime.id.as_str(), n, aware), groups.len());
                            let clock = self.tenant_clock(&incident_id, &terms.id, regime, stage, aware, now);
                            let to: Arc<str> = regime.recipient(stage).into();
                            groups.push(ClockGroup::new(clock, index, order, Some(to)));
                        }
                    }
                }
            }
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

/// The clocks of groups one by one. Groups that tie on urgency may interleave (their tenants
/// alternate in the made order): within each run of equal urgency the clocks are merged by
/// where they were made.
pub struct Expanded<'g> {
    groups: &'g [ClockGroup],
    next: usize,
    /// The next clock of each group of the current run: (incident, order), group, member.
    heap: BinaryHeap<Reverse<((u32, u32), usize, usize)>>,
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
pub(super) fn in_made_order(groups: &[ClockGroup]) -> Vec<Deadline> {
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

/// What clocks shown as one line share: incident, kind, rule, status, due time and start.
type AlikeKey = (u32, ClockKind, Arc<str>, Status, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Groups sorted by `sort_by_urgency`, joined where they read alike, in the same order. Clocks
/// owed to no tenant stand alone.
pub fn alike(groups: &[ClockGroup]) -> Vec<Alike<'_>> {
    let mut lines: Vec<(Alike, Vec<(u32, Arc<str>)>)> = Vec::new();
    let mut index: HashMap<AlikeKey, usize> = HashMap::new();
    for group in groups {
        let d = &group.clock;
        let named = group.members.iter().take(NAMED).map(|m| match &m.tenant {
            Some(tenant) => (m.order, group.party_of(tenant)),
            None => (m.order, d.party.clone()),
        });
        let key = d.tenant.is_some().then(|| (group.incident, d.clock, d.rule.clone(), d.status, d.due, d.started_at));
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
