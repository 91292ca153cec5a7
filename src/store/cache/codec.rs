//! The cache's own binary encoding of folded incidents: fixed-width little-endian numbers,
//! length-prefixed text, words by their place in the vocabulary. Decoding never panics: bytes
//! that do not read give [`Corrupt`], and the caller folds from the file instead.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::model::Incident;
use crate::model::incident::{
    ActionItem, ActionItemState, AffectedTenant, Classified, Correction, Engagement, Filing, Impact,
    Notification, Response, Review,
};
use crate::model::summary::IncidentSummary;
use crate::model::tenant::Channel;
use crate::model::vocab::{Classification, Effect, Phase, Role, Severity, Source};

pub use super::bytes::{Corrupt, Decoded, Reader, Writer, checksum};

pub fn put_summary(w: &mut Writer, s: &IncidentSummary) {
    w.str(&s.id);
    w.str(&s.title);
    w.word(Severity::ALL, &s.severity);
    w.word(Phase::ALL, &s.phase);
    w.bool(s.open);
    w.time(s.detected_at);
    w.opt_time(&s.declared_at);
    w.len(s.affected);
    w.strs(&s.first_affected);
    w.strs(&s.unknown_events);
}

pub fn get_summary(r: &mut Reader) -> Decoded<IncidentSummary> {
    Ok(IncidentSummary {
        id: r.str()?,
        title: r.str()?,
        severity: r.word(Severity::ALL)?,
        phase: r.word(Phase::ALL)?,
        open: r.bool()?,
        detected_at: r.time()?,
        declared_at: r.opt_time()?,
        affected: r.u32()? as usize,
        first_affected: r.strs()?,
        unknown_events: r.strs()?,
    })
}

pub fn put_incident(w: &mut Writer, i: &Incident) {
    w.str(&i.id);
    w.str(&i.title);
    w.word(Severity::ALL, &i.severity);
    w.word(Source::ALL, &i.source);
    w.word(Phase::ALL, &i.phase);
    w.bool(i.open);
    w.opt_time(&i.started_at);
    w.time(i.detected_at);
    w.opt_time(&i.declared_at);
    w.opt_time(&i.dismissed_at);
    w.opt_str(&i.dismiss_reason);
    w.opt(&i.impact, |w, m| {
        w.seq(&m.effects, |w, e| w.word(Effect::ALL, e));
        w.opt_str(&m.summary);
        w.time(m.at);
    });
    w.seq(&i.engagements, |w, e| {
        w.word(Role::ALL, &e.role);
        w.str(&e.who);
        w.time(e.at);
    });
    w.opt_str(&i.description);
    w.strs(&i.actions);
    w.strs(&i.advice);
    w.bool(i.public);
    w.opt_str(&i.public_text);
    put_response(w, &i.response);
    w.opt(&i.review, |w, r| {
        w.time(r.at);
        w.str(&r.root_cause);
        w.strs(&r.went_well);
        w.strs(&r.went_badly);
        w.seq(&r.action_items, |w, a| {
            w.str(&a.item.id);
            w.str(&a.item.text);
            w.str(&a.item.owner);
            w.opt(&a.item.due, |w, d| w.u32(d.num_days_from_ce() as u32));
            w.opt_time(&a.done_at);
        });
    });
    w.opt_time(&i.closed_at);
    w.opt_str(&i.close_reason);
    w.seq(&i.classifications, |w, c| {
        w.word(Classification::ALL, &c.class);
        w.time(c.at);
    });
    w.seq(&i.filings, |w, f| {
        w.str(&f.regime);
        w.str(&f.stage);
        w.time(f.at);
        w.str(&f.by);
        w.opt_str(&f.reference);
    });
    w.u64(i.notes as u64);
    w.u64(i.events as u64);
    w.seq(&i.corrections, |w, c| {
        w.str(&c.event);
        w.str(&c.kind);
        w.opt_time(&c.corrected_at);
        w.str(&c.reason);
        w.str(&c.by);
        w.time(c.recorded_at);
    });
    w.strs(&i.unknown_events);
    w.time(i.updated_at);
    w.u64(i.last_seq);
    // The per-tenant lists come last, each behind its length in bytes, so that the clocks can
    // read the rest without them and then walk the affected tenants without building a map:
    // the affected tenants, then when each was first notified and every notification.
    let mut affected = Writer::default();
    // Keys are the tenants' own ids, so the list alone rebuilds the map.
    affected.len(i.affected.len());
    for a in i.affected.values() {
        affected.str(&a.tenant);
        affected.opt_time(&a.notified_at);
        affected.time(a.since);
        affected.opt_str(&a.detail);
    }
    w.len(affected.bytes.len());
    w.raw(&affected.bytes);
    let mut notified = Writer::default();
    notified.len(i.first_notified.len());
    for (tenant, at) in &i.first_notified {
        notified.str(tenant);
        notified.time(*at);
    }
    notified.seq(&i.notifications, |w, n| {
        w.str(&n.tenant);
        w.word(&Channel::ALL, &n.channel);
        w.time(n.at);
        w.str(&n.by);
        w.opt_str(&n.reference);
    });
    w.len(notified.bytes.len());
    w.raw(&notified.bytes);
}

fn put_response(w: &mut Writer, r: &Response) {
    w.opt_time(&r.contained_at);
    w.opt_str(&r.containment);
    w.opt_time(&r.eradicated_at);
    w.opt_str(&r.eradication);
    w.opt_str(&r.vulnerability);
    w.opt_str(&r.approved_by);
    w.opt_str(&r.recovery);
    w.opt_time(&r.recovery_started_at);
    w.opt_str(&r.last_known_good);
    w.opt_str(&r.restored_from);
    w.bool(r.inspected);
    w.bool(r.monitoring);
    w.opt_str(&r.validated_by);
    w.opt_time(&r.recovered_at);
}

fn get_response(r: &mut Reader) -> Decoded<Response> {
    Ok(Response {
        contained_at: r.opt_time()?,
        containment: r.opt_str()?,
        eradicated_at: r.opt_time()?,
        eradication: r.opt_str()?,
        vulnerability: r.opt_str()?,
        approved_by: r.opt_str()?,
        recovery: r.opt_str()?,
        recovery_started_at: r.opt_time()?,
        last_known_good: r.opt_str()?,
        restored_from: r.opt_str()?,
        inspected: r.bool()?,
        monitoring: r.bool()?,
        validated_by: r.opt_str()?,
        recovered_at: r.opt_time()?,
    })
}

/// A map from items that each carry their key, in key order: built in one pass.
fn keyed<T>(items: Vec<T>, key: impl Fn(&T) -> &String) -> Decoded<BTreeMap<String, T>> {
    if items.windows(2).any(|pair| key(&pair[0]) >= key(&pair[1])) {
        return Err(Corrupt);
    }
    Ok(items.into_iter().map(|item| (key(&item).clone(), item)).collect())
}

/// A whole folded incident.
pub fn get_incident(r: &mut Reader) -> Decoded<Incident> {
    let (mut incident, affected) = get_incident_but_tenants(r)?;
    let mut r = Reader::new(affected.affected);
    let list = r.seq(|r| {
        let tenant = r.str()?;
        let notified_at = r.opt_time()?;
        Ok(AffectedTenant { tenant, notified_at, since: r.time()?, detail: r.opt_str()? })
    })?;
    if !r.is_done() {
        return Err(Corrupt);
    }
    incident.affected = keyed(list, |a| &a.tenant)?;
    let mut r = Reader::new(affected.notified);
    let first_notified = r.seq(|r| Ok((r.str()?, r.time()?)))?;
    incident.notifications = r.seq(|r| {
        Ok(Notification {
            tenant: r.str()?,
            channel: r.word(&Channel::ALL)?,
            at: r.time()?,
            by: r.str()?,
            reference: r.opt_str()?,
        })
    })?;
    if !r.is_done() || first_notified.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
        return Err(Corrupt);
    }
    incident.first_notified = first_notified.into_iter().collect();
    Ok(incident)
}

/// The encoded per-tenant lists of an incident, left undecoded.
pub struct TenantLists<'a> {
    affected: &'a [u8],
    notified: &'a [u8],
}

impl<'a> TenantLists<'a> {
    /// The affected tenants in id order, each with when it was first notified, borrowed from
    /// the encoding: no allocation per tenant. `into` is cleared first.
    pub fn affected(&self, into: &mut Vec<(&'a str, Option<DateTime<Utc>>)>) -> Decoded<()> {
        into.clear();
        let mut r = Reader::new(self.affected);
        let n = r.len()?;
        into.reserve(n);
        // Tenants are notified in batches: a time is made once per run of equal ones.
        let mut last: Option<(&[u8], DateTime<Utc>)> = None;
        for _ in 0..n {
            let tenant = r.str_ref()?;
            let notified = match r.u8()? {
                0 => None,
                1 => {
                    let raw = r.take(12)?;
                    match last {
                        Some((seen, at)) if seen == raw => Some(at),
                        _ => {
                            let at = Reader::new(raw).time()?;
                            last = Some((raw, at));
                            Some(at)
                        }
                    }
                }
                _ => return Err(Corrupt),
            };
            r.take(12)?;
            if r.u8()? == 1 {
                let len = r.len()?;
                r.take(len)?;
            }
            if into.last().is_some_and(|(last, _)| *last >= tenant) {
                return Err(Corrupt);
            }
            into.push((tenant, notified));
        }
        if r.is_done() { Ok(()) } else { Err(Corrupt) }
    }
}

/// An incident without its affected tenants, first notifications and notifications (left
/// empty), and those lists still encoded: what the clocks read of half a million affected tenants.
pub fn get_incident_but_tenants<'a>(r: &mut Reader<'a>) -> Decoded<(Incident, TenantLists<'a>)> {
    let id = r.str()?;
    let title = r.str()?;
    let severity = r.word(Severity::ALL)?;
    let source = r.word(Source::ALL)?;
    let phase = r.word(Phase::ALL)?;
    let open = r.bool()?;
    let started_at = r.opt_time()?;
    let detected_at = r.time()?;
    let declared_at = r.opt_time()?;
    let dismissed_at = r.opt_time()?;
    let dismiss_reason = r.opt_str()?;
    let impact = r.opt(|r| {
        Ok(Impact { effects: r.seq(|r| r.word(Effect::ALL))?, summary: r.opt_str()?, at: r.time()? })
    })?;
    let engagements = r.seq(|r| Ok(Engagement { role: r.word(Role::ALL)?, who: r.str()?, at: r.time()? }))?;
    let description = r.opt_str()?;
    let actions = r.strs()?;
    let advice = r.strs()?;
    let public = r.bool()?;
    let public_text = r.opt_str()?;
    let response = get_response(r)?;
    let review = r.opt(|r| {
        Ok(Review {
            at: r.time()?,
            root_cause: r.str()?,
            went_well: r.strs()?,
            went_badly: r.strs()?,
            action_items: r.seq(|r| {
                Ok(ActionItemState {
                    item: ActionItem {
                        id: r.str()?,
                        text: r.str()?,
                        owner: r.str()?,
                        due: r
                            .opt(|r| NaiveDate::from_num_days_from_ce_opt(r.u32()? as i32).ok_or(Corrupt))?,
                    },
                    done_at: r.opt_time()?,
                })
            })?,
        })
    })?;
    let closed_at = r.opt_time()?;
    let close_reason = r.opt_str()?;
    let classifications = r.seq(|r| Ok(Classified { class: r.word(Classification::ALL)?, at: r.time()? }))?;
    let filings = r.seq(|r| {
        Ok(Filing { regime: r.str()?, stage: r.str()?, at: r.time()?, by: r.str()?, reference: r.opt_str()? })
    })?;
    let notes = r.u64()? as usize;
    let events = r.u64()? as usize;
    let corrections = r.seq(|r| {
        Ok(Correction {
            event: r.str()?,
            kind: r.str()?,
            corrected_at: r.opt_time()?,
            reason: r.str()?,
            by: r.str()?,
            recorded_at: r.time()?,
        })
    })?;
    let unknown_events = r.strs()?;
    let updated_at = r.time()?;
    let last_seq = r.u64()?;
    let len = r.len()?;
    let affected = r.take(len)?;
    let len = r.len()?;
    let notified = r.take(len)?;
    let incident = Incident {
        id,
        title,
        severity,
        source,
        phase,
        open,
        started_at,
        detected_at,
        declared_at,
        dismissed_at,
        dismiss_reason,
        impact,
        engagements,
        description,
        actions,
        advice,
        public,
        public_text,
        notifications: Vec::new(),
        response,
        review,
        closed_at,
        close_reason,
        classifications,
        filings,
        notes,
        events,
        corrections,
        unknown_events,
        updated_at,
        last_seq,
        affected: BTreeMap::new(),
        first_notified: BTreeMap::new(),
    };
    Ok((incident, TenantLists { affected, notified }))
}
