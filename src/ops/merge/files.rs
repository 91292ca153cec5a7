//! The text of the files a merge reads and writes: one value merged three ways, the
//! `[[event]]` tables of an incident file with their exact bytes, identities, and the file of
//! an incident renamed after an id collision.

use std::collections::HashSet;

use anyhow::{Result, anyhow};

use crate::model::event::{self, Event, EventBody};
use crate::model::id;

/// Three-way merge of one value; `settled` gets `(field, kept, lost)` for each field the rule
/// had to settle.
pub(super) fn merge_value(
    base: Option<&toml::Value>,
    ours: Option<&toml::Value>,
    theirs: Option<&toml::Value>,
    field: &str,
    ours_wins: bool,
    settled: &mut Vec<(String, String, String)>,
) -> Option<toml::Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if let (Some(toml::Value::Table(o)), Some(toml::Value::Table(t))) = (ours, theirs) {
        let empty = toml::Table::new();
        let b = match base {
            Some(toml::Value::Table(b)) => b,
            _ => &empty,
        };
        let keys: std::collections::BTreeSet<&String> = o.keys().chain(t.keys()).chain(b.keys()).collect();
        let mut table = toml::Table::new();
        for key in keys {
            let name = if field.is_empty() { key.clone() } else { format!("{field}.{key}") };
            if let Some(value) = merge_value(b.get(key), o.get(key), t.get(key), &name, ours_wins, settled) {
                table.insert(key.clone(), value);
            }
        }
        return Some(toml::Value::Table(table));
    }
    let (kept, lost) = if ours_wins { (ours, theirs) } else { (theirs, ours) };
    let show = |v: Option<&toml::Value>| v.map_or("(absent)".to_string(), |v| v.to_string());
    settled.push((
        if field.is_empty() { "(whole file)".into() } else { field.into() },
        show(kept),
        show(lost),
    ));
    kept.cloned()
}

/// One `[[event]]` table of a file: its id, its value, and its text as written.
pub(super) struct Chunk {
    pub(super) id: String,
    pub(super) value: toml::Value,
    pub(super) text: String,
}

/// The event tables of an incident file, each with its exact text. Boundaries are lines that
/// read `[[event]]`; a piece that does not read on its own (such a line inside a multi-line
/// string) is joined with the next.
pub(super) fn split_events(text: &str) -> Option<Vec<Chunk>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "[[event]]" {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(text.len());
    let mut chunks = Vec::new();
    let mut from = 0;
    while from + 1 < starts.len() {
        let mut to = from + 1;
        loop {
            let piece = &text[starts[from]..starts[to]];
            if let Some(chunk) = read_chunk(piece) {
                chunks.push(chunk);
                break;
            }
            to += 1;
            if to >= starts.len() {
                return None;
            }
        }
        from = to;
    }
    Some(chunks)
}

pub(super) fn read_chunk(piece: &str) -> Option<Chunk> {
    let table: toml::Table = piece.parse().ok()?;
    let events = table.get("event")?.as_array()?;
    let [value] = events.as_slice() else { return None };
    let id = value.get("id")?.as_str()?.to_string();
    Some(Chunk { id, value: value.clone(), text: piece.to_string() })
}

/// `(id, kind)` of each `[[event]]` table, read line by line as sirt writes them.
pub(super) fn scan_events(text: &str) -> Vec<(String, String)> {
    if text.contains("\"\"\"") || text.contains("'''") {
        // A multi-line string may hold a line that looks like a table: read it properly.
        let kind = |value: &toml::Value| value.get("kind").and_then(|k| k.as_str()).unwrap_or("").to_string();
        return split_events(text)
            .unwrap_or_default()
            .into_iter()
            .map(|c| (kind(&c.value), c))
            .map(|(k, c)| (c.id, k))
            .collect();
    }
    let mut events: Vec<(String, String)> = Vec::new();
    let mut inside = false;
    let value = |line: &str, key: &str| -> Option<String> {
        let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?.trim();
        format!("v = {rest}").parse::<toml::Table>().ok()?.get("v")?.as_str().map(String::from)
    };
    for line in text.lines() {
        if line.trim_end() == "[[event]]" {
            events.push((String::new(), String::new()));
            inside = true;
        } else if line.starts_with('[') {
            inside = false;
        } else if inside && let Some(last) = events.last_mut() {
            if last.0.is_empty()
                && let Some(id) = value(line, "id")
            {
                last.0 = id;
            } else if last.1.is_empty()
                && let Some(kind) = value(line, "kind")
            {
                last.1 = kind;
            }
        }
    }
    events
}

pub(super) fn event_ids(text: &str) -> HashSet<String> {
    split_events(text).unwrap_or_default().into_iter().map(|c| c.id).collect()
}

/// The identity of an incident file: its `identity`, or for files from before identities
/// existed, its detection event (the same incident has the same one on every clone).
pub(super) fn identity_of(text: &str) -> Result<String> {
    let header = event::parse_header(text).map_err(|e| anyhow!("an incident file does not read: {e}"))?;
    if let Some(identity) = header.identity {
        return Ok(identity);
    }
    let first = split_events(text).and_then(|chunks| chunks.into_iter().next());
    Ok(first.map(|c| format!("legacy:{}", c.value)).unwrap_or_default())
}

pub(super) fn title_of(text: &str) -> String {
    event::parse_log(text)
        .ok()
        .and_then(|log| {
            log.events.iter().find_map(|e| match &e.body {
                EventBody::Detected { title, .. } => Some(title.clone()),
                _ => None,
            })
        })
        .unwrap_or_default()
}

/// The file of an incident moved from `old` to `new`: the header names the new id and keeps the
/// old as an alias, the events stay as they are, and a note says what happened. Every clone
/// writes the same bytes: the note's id, time and author derive from the file.
pub(super) fn rename(text: &str, old: &str, new: &str, other_title: &str) -> Result<String> {
    let log = event::parse_log(text).map_err(|e| anyhow!("{old}: {e}"))?;
    let header = event::parse_header(text).map_err(|e| anyhow!("{old}: {e}"))?;
    let mut out = String::new();
    let mut replaced = false;
    for line in text.split_inclusive('\n') {
        if !replaced && (line.starts_with("id = ") || line.starts_with("id=")) {
            out.push_str(&format!("id = \"{new}\"\n"));
            replaced = true;
        } else if line.starts_with("aliases = ") || line.starts_with("aliases=") {
            continue;
        } else {
            out.push_str(line);
        }
    }
    if !replaced {
        return Err(anyhow!("{old}: no id line in the file header"));
    }
    let mut aliases = header.aliases.clone();
    if !aliases.iter().any(|a| a == old) {
        aliases.push(old.to_string());
    }
    let list: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
    let mut out = event::with_header_line(&out, &format!("aliases = [{}]", list.join(", ")))
        .ok_or_else(|| anyhow!("{old}: no id line in the file header"))?;
    // Placed right after the detection, whatever else either side recorded since, so that the
    // note is the same event on every clone that makes it.
    let detected = log.ordered().first().map(|e| (e.seq, e.recorded_at)).expect("a parsed log has events");
    let at = detected.1 + chrono::Duration::seconds(1);
    let seed = format!("{new}/renamed/{old}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let note = Event {
        id: id::event_id(seed),
        seq: detected.0,
        at,
        recorded_at: at,
        by: "sirt sync".into(),
        body: EventBody::Note {
            text: format!(
                "renamed from {old} to {new}: another clone had also given {old} to \"{other_title}\"; {old} still finds this incident where no other has that id"
            ),
        },
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&event::event_table(&note).map_err(|e| anyhow!("cannot encode a note: {e}"))?);
    Ok(out)
}
