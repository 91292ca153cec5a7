use chrono::{DateTime, Utc};

use super::codec::{self, Corrupt, Reader, Writer};
use super::file::{self, Listed, NewBodies, State};
use crate::model::Incident;
use crate::model::event::{Event, EventBody, IncidentLog, SCHEMA};
use crate::model::incident::ActionItem;
use crate::model::summary::IncidentSummary;
use crate::model::tenant::Channel;
use crate::model::vocab::{Classification, Effect, Role, Severity, Source};
use crate::store::Oid;

fn t(hm: &str) -> DateTime<Utc> {
    format!("2026-11-20T{hm}:00.250Z").parse().unwrap()
}

/// An incident that touches every part of the state: corrections, a review, filings, tenants
/// affected, notified and dropped, and an event kind this sirt does not know.
fn rich() -> Incident {
    let mut seq = 0;
    let mut event = |id: &str, at: &str, body: EventBody| {
        seq += 1;
        Event { id: id.into(), seq, at: t(at), recorded_at: t(at), by: "Ana <ana@example.com>".into(), body }
    };
    let tenants = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let events = vec![
        event(
            "E1",
            "08:00",
            EventBody::Detected {
                title: "odd sign-ins — ünïcode".into(),
                severity: Severity::Sev1,
                source: Source::CustomerReport,
                started: Some(t("06:00")),
            },
        ),
        event("E2", "08:10", EventBody::Engaged { role: Role::Srt, who: "Bo".into() }),
        event("E3", "08:20", EventBody::Confirmed {}),
        event(
            "E4",
            "08:30",
            EventBody::ImpactDetermined {
                effects: vec![Effect::Access, Effect::Loss],
                summary: Some("read".into()),
            },
        ),
        event(
            "E5",
            "08:40",
            EventBody::TenantsAffected {
                tenants: tenants(&["b", "a", "c"]),
                detail: Some("3 mailboxes".into()),
            },
        ),
        event("E6", "08:50", EventBody::TenantsUnaffected { tenants: tenants(&["c"]), reason: None }),
        event(
            "E7",
            "09:00",
            EventBody::Notified {
                tenants: tenants(&["a", "z"]),
                channel: Channel::Phone,
                reference: Some("T-1".into()),
            },
        ),
        event("E8", "09:10", EventBody::Classified { class: Classification::Major }),
        event("E9", "09:20", EventBody::Described { text: "what happened".into() }),
        event(
            "E10",
            "09:30",
            EventBody::Contained { summary: "blocked".into(), customer: Some("we blocked".into()) },
        ),
        event(
            "E11",
            "09:40",
            EventBody::Eradicated {
                summary: "patched".into(),
                vulnerability: Some("CVE-1".into()),
                approved_by: Some("Eve".into()),
                customer: None,
            },
        ),
        event(
            "E12",
            "09:50",
            EventBody::Recovered {
                summary: Some("restored".into()),
                last_known_good: Some("v1".into()),
                restored_from: None,
                inspected: true,
                monitoring: true,
                validated_by: Some("Dan".into()),
                customer: None,
            },
        ),
        event(
            "E13",
            "10:00",
            EventBody::Reviewed {
                root_cause: "a token".into(),
                went_well: vec!["paging".into()],
                went_badly: vec![],
                action_items: vec![ActionItem {
                    id: "A1".into(),
                    text: "rotate".into(),
                    owner: "Bo".into(),
                    due: "2026-12-01".parse().ok(),
                }],
            },
        ),
        event("E14", "10:10", EventBody::ActionDone { item: "A1".into() }),
        event(
            "E15",
            "10:20",
            EventBody::Filed { regime: "gdpr".into(), stage: "initial".into(), reference: None },
        ),
        event("E16", "10:30", EventBody::Advised { text: "reset passwords".into() }),
        event("E17", "10:40", EventBody::ActionTaken { text: "revoked".into() }),
        event("E18", "10:50", EventBody::Published { public: true, text: Some("status".into()) }),
        event("E19", "11:00", EventBody::Note { text: "n".into() }),
        event(
            "E20",
            "11:10",
            EventBody::Corrected { event: "E3".into(), at: t("08:25"), reason: "late".into() },
        ),
        event("E21", "11:20", EventBody::Retracted { event: "E19".into(), reason: "wrong".into() }),
        event("E22", "11:30", EventBody::Closed { forced: false, reason: Some("done".into()) }),
    ];
    let log = IncidentLog {
        schema: SCHEMA,
        id: "INC-0000-0001".into(),
        events,
        unknown: vec![("kind = \"escalated\"".into(), "escalated".into())],
    };
    log.fold().unwrap()
}

fn round_trip(incident: &Incident) -> Incident {
    let mut w = Writer::default();
    codec::put_incident(&mut w, incident);
    let mut r = Reader::new(&w.bytes);
    let back = codec::get_incident(&mut r).unwrap();
    assert!(r.is_done());
    back
}

#[test]
fn a_folded_incident_reads_back_equal() {
    let incident = rich();
    assert_eq!(incident.affected.len(), 2);
    assert!(
        incident.review.is_some() && !incident.corrections.is_empty() && !incident.unknown_events.is_empty()
    );
    assert_eq!(round_trip(&incident), incident);
    // The JSON people read is the same too (it leaves out what equality alone would catch).
    assert_eq!(
        serde_json::to_string(&round_trip(&incident)).unwrap(),
        serde_json::to_string(&incident).unwrap()
    );
    // And so is what derived views compute from fields JSON leaves out.
    assert_eq!(round_trip(&incident).first_notified("z"), incident.first_notified("z"));
}

#[test]
fn a_summary_reads_back_equal() {
    let summary = IncidentSummary::of(&rich());
    let mut w = Writer::default();
    codec::put_summary(&mut w, &summary);
    let mut r = Reader::new(&w.bytes);
    assert_eq!(codec::get_summary(&mut r).unwrap(), summary);
    assert!(r.is_done());
}

#[test]
fn every_cut_and_every_flipped_byte_fails_or_reads_without_panicking() {
    let mut w = Writer::default();
    codec::put_incident(&mut w, &rich());
    for cut in 0..w.bytes.len() {
        assert_eq!(codec::get_incident(&mut Reader::new(&w.bytes[..cut])).err(), Some(Corrupt));
    }
    for at in 0..w.bytes.len() {
        let mut bytes = w.bytes.clone();
        bytes[at] ^= 0xff;
        let _ = codec::get_incident(&mut Reader::new(&bytes));
    }
}

#[test]
fn an_index_reads_back_and_any_damage_is_refused() {
    let blob = |n: u8| Oid::from_bytes(&[n; 20]).unwrap();
    let mut bodies = NewBodies::new();
    let (a, c) = (bodies.push(b"body-a"), bodies.push(b"body-cc"));
    let entries = vec![
        ("INC-A", blob(1), Listed::Folded { summary: b"sum-a", body: a }),
        ("INC-B", blob(2), Listed::Unreadable),
        ("INC-C", blob(3), Listed::Folded { summary: b"sum-c", body: c }),
    ];
    let index = file::index_bytes(Some(blob(9)), bodies.id, &entries);
    let read = file::parse_index(index.clone()).unwrap();
    assert_eq!((read.tree, read.bodies_id), (Some(blob(9)), bodies.id));
    assert_eq!(read.entries.len(), 3);
    assert_eq!(read.entries[1].state, State::Unreadable);
    let State::Folded { summary, body } = &read.entry("INC-C").unwrap().state else { panic!() };
    assert_eq!(read.summary_bytes(summary), b"sum-c");
    assert_eq!(file::body_in(&bodies.bytes, *body), Some(&b"body-cc"[..]));
    // A body that changed on disk does not pass for the one the index names.
    let mut other = bodies.bytes.clone();
    *other.last_mut().unwrap() ^= 1;
    assert_eq!(file::body_in(&other, *body), None);
    for cut in 0..index.len() {
        assert!(file::parse_index(index[..cut].to_vec()).is_err());
    }
    for at in 0..index.len() {
        let mut bytes = index.clone();
        bytes[at] ^= 0x20;
        assert!(file::parse_index(bytes).is_err(), "a flipped byte at {at} went unnoticed");
    }
}

#[test]
fn bodies_are_appended_to_their_own_file_only_and_not_past_twice_what_is_live() {
    let dir = tempfile::tempdir().unwrap();
    let mut bodies = NewBodies::new();
    let first = bodies.push(b"first");
    file::write_both(dir.path(), b"index", &bodies.bytes);
    assert!(file::has_bodies(dir.path(), bodies.id) && !file::has_bodies(dir.path(), bodies.id ^ 1));
    let refs = file::append(dir.path(), bodies.id, &[b"second", b"third"], 1000).unwrap();
    assert_eq!(file::read_body(dir.path(), bodies.id, refs[1]).as_deref(), Some(&b"third"[..]));
    assert_eq!(file::read_body(dir.path(), bodies.id, first).as_deref(), Some(&b"first"[..]));
    assert_eq!(file::read_body(dir.path(), bodies.id ^ 1, first), None);
    assert_eq!(file::append(dir.path(), bodies.id ^ 1, &[b"x"], 1000), None);
    // Mostly dead bodies: time to write the file anew.
    let dead = vec![0u8; 3 << 20];
    assert!(file::append(dir.path(), bodies.id, &[&dead], 4 << 20).is_some());
    assert_eq!(file::append(dir.path(), bodies.id, &[b"y"], 1000), None);
}
