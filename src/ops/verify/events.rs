//! The checks of the events of one version of an incident file against the version before it.

use std::collections::{BTreeSet, HashMap};

use super::checks::{At, event_words, trailers};
use super::versions::Version;
use super::{Check, Verified, commit_words, time_words};
use crate::model::{Event, EventBody};

/// Compares two versions of an incident file: every event of `before` must be in `after`,
/// unchanged. Returns the events `after` added, in file order, or `None` when `after` does not
/// read.
pub(super) fn compare(
    at: &At,
    stem: &str,
    before: Option<&Version>,
    after: &Version,
    out: &mut Verified,
) -> Option<Vec<Event>> {
    let commit = at.commit;
    let path = at.file.unwrap_or_default();
    let log = match &after.log {
        Ok(log) => log,
        Err(why) => {
            out.findings.push(at.finding(
                Check::Parsing,
                None,
                format!("{path} as {} left it does not read: {why}", commit_words(commit)),
            ));
            return None;
        }
    };
    if log.id != stem {
        out.findings.push(at.finding(
            Check::Parsing,
            None,
            format!("{path} holds incident '{}', not {stem}", log.id),
        ));
    }
    let old = before.and_then(|b| b.log.as_ref().ok());
    let held: HashMap<&str, &Event> = log.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut found_change = false;
    for event in old.iter().flat_map(|l| l.events.iter()) {
        match held.get(event.id.as_str()) {
            None => {
                found_change = true;
                out.findings.push(at.finding(
                    Check::AppendOnly,
                    Some(&event.id),
                    format!("{} was removed by {}", event_words(event), commit_words(commit)),
                ));
            }
            Some(now) if *now != event => {
                found_change = true;
                let what = if event.at != now.at && matches!(event.body, EventBody::Confirmed {}) {
                    format!(
                        "the declaration, {}, was moved from {} to {} by {}",
                        event_words(event),
                        event.at.format("%Y-%m-%d %H:%MZ"),
                        now.at.format("%Y-%m-%d %H:%MZ"),
                        commit_words(commit)
                    )
                } else {
                    format!(
                        "{} was changed by {}: {}",
                        event_words(event),
                        commit_words(commit),
                        differences(event, now)
                    )
                };
                out.findings.push(at.finding(Check::AppendOnly, Some(&event.id), what));
            }
            Some(_) => {}
        }
    }
    if let Some(before) = before
        && old.is_some()
        && !found_change
        && !after.appends_to(before)
        && !trailers(&commit.message).iter().any(|(k, v)| *k == "Sirt-Action" && *v == "adopt")
    {
        out.findings.push(at.finding(
            Check::AppendOnly,
            None,
            format!(
                "{} rewrote {path} instead of appending to it (its earlier bytes changed)",
                commit_words(commit)
            ),
        ));
    }
    let known: BTreeSet<&str> = old.iter().flat_map(|l| l.events.iter()).map(|e| e.id.as_str()).collect();
    let mut seen = known.clone();
    let mut added = Vec::new();
    let (mut last_seq, mut last_time) = old
        .iter()
        .flat_map(|l| l.events.iter())
        .fold((0, None), |(seq, time), e| (seq.max(e.seq), time.max(Some(e.recorded_at))));
    for event in &log.events {
        if known.contains(event.id.as_str()) {
            continue;
        }
        if !seen.insert(event.id.as_str()) {
            out.findings.push(at.finding(
                Check::Consistency,
                Some(&event.id),
                format!("{path} holds event id {} twice after {}", event.id, commit_words(commit)),
            ));
            continue;
        }
        if event.seq <= last_seq {
            out.findings.push(at.finding(
                Check::Time,
                Some(&event.id),
                format!(
                    "{} added by {} has sequence number {}, not after the {last_seq} of the event before it",
                    event_words(event),
                    commit_words(commit),
                    event.seq
                ),
            ));
        }
        if let Some(previous) = last_time
            && event.recorded_at < previous
        {
            out.findings.push(at.finding(
                Check::Time,
                Some(&event.id),
                format!(
                    "{} says it was recorded at {}, before the event it follows ({})",
                    event_words(event),
                    event.recorded_at.format("%Y-%m-%d %H:%M:%SZ"),
                    previous.format("%Y-%m-%d %H:%M:%SZ")
                ),
            ));
        }
        last_seq = last_seq.max(event.seq);
        last_time = last_time.max(Some(event.recorded_at));
        added.push(event.clone());
    }
    Some(added)
}

/// Each added event must be by the commit's author and recorded at the commit's time.
pub(super) fn consistent(at: &At, added: &[Event], out: &mut Verified) {
    let commit = at.commit;
    let author = commit.author();
    for event in added {
        if event.by != author {
            out.findings.push(at.finding(
                Check::Consistency,
                Some(&event.id),
                format!(
                    "{} says it was recorded by {}, but {} is by {author}",
                    event_words(event),
                    event.by,
                    super::short(commit.id)
                ),
            ));
        }
        if event.recorded_at.timestamp() != commit.time {
            out.findings.push(at.finding(
                Check::Consistency,
                Some(&event.id),
                format!(
                    "{} says it was recorded at {}, but {} was made at {}",
                    event_words(event),
                    event.recorded_at.format("%Y-%m-%d %H:%M:%SZ"),
                    commit_words(commit),
                    time_words(commit.time)
                ),
            ));
        }
    }
}

/// What differs between two versions of one event, in words.
pub(super) fn differences(before: &Event, after: &Event) -> String {
    let mut parts = Vec::new();
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M:%SZ").to_string();
    if before.at != after.at {
        parts.push(format!("its time moved from {} to {}", stamp(before.at), stamp(after.at)));
    }
    if before.recorded_at != after.recorded_at {
        parts.push(format!(
            "its recording time moved from {} to {}",
            stamp(before.recorded_at),
            stamp(after.recorded_at)
        ));
    }
    if before.by != after.by {
        parts.push(format!("who recorded it changed from {} to {}", before.by, after.by));
    }
    if before.seq != after.seq {
        parts.push(format!("its sequence number changed from {} to {}", before.seq, after.seq));
    }
    if before.body != after.body {
        if before.body.kind() != after.body.kind() {
            parts.push(format!("its kind changed from {} to {}", before.body.kind(), after.body.kind()));
        } else {
            parts.push(format!(
                "what it says changed from '{}' to '{}'",
                crate::text::one_line(&before.body.describe(), 80),
                crate::text::one_line(&after.body.describe(), 80)
            ));
        }
    }
    parts.join("; ")
}
