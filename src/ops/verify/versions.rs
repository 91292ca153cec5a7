//! Versions of incident files met on the walk: each blob read and parsed once, and a version
//! that only appended to the one before it parsed from its new bytes alone.

use std::collections::HashMap;
use std::rc::Rc;

use anyhow::Result;

use crate::model::event::{self, IncidentLog};
use crate::store::{History, Oid};

/// One version of an incident file.
pub struct Version {
    pub bytes: Vec<u8>,
    /// The parsed log, or why it does not parse.
    pub log: Result<IncidentLog, String>,
}

impl Version {
    /// Whether this version keeps every byte of `before` and only adds after them.
    pub fn appends_to(&self, before: &Version) -> bool {
        self.bytes.starts_with(&before.bytes)
    }
}

/// Versions recently met, per path: enough to find the parents' versions at a merge without
/// keeping the whole history in memory.
#[derive(Default)]
pub struct Versions {
    by_path: HashMap<String, Vec<(Oid, Rc<Version>)>>,
    /// Blobs read from the object database, for the figures.
    pub reads: usize,
}

const KEPT_PER_PATH: usize = 4;

impl Versions {
    /// The version of `path` held in `blob`. `before`, when given, is the version it follows:
    /// if the new bytes only append `[[event]]` tables to it, only those are parsed.
    pub fn get(
        &mut self,
        history: &History,
        path: &str,
        blob: Oid,
        before: Option<&Rc<Version>>,
    ) -> Result<Rc<Version>> {
        if let Some((_, version)) =
            self.by_path.get(path).and_then(|v| v.iter().find(|(oid, _)| *oid == blob))
        {
            return Ok(version.clone());
        }
        let bytes = history.blob(blob)?;
        self.reads += 1;
        let log = match before.and_then(|b| parse_appended(b, &bytes)) {
            Some(log) => log,
            None => parse(&bytes),
        };
        let version = Rc::new(Version { bytes, log });
        let kept = self.by_path.entry(path.to_string()).or_default();
        if kept.len() == KEPT_PER_PATH {
            kept.remove(0);
        }
        kept.push((blob, version.clone()));
        Ok(version)
    }
}

fn parse(bytes: &[u8]) -> Result<IncidentLog, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    event::parse_log(text).map_err(|e| e.to_string())
}

/// The log of `bytes` when they are `before`'s bytes followed by whole `[[event]]` tables:
/// `before`'s events and those of the tables. `None` when that shortcut does not apply.
fn parse_appended(before: &Version, bytes: &[u8]) -> Option<Result<IncidentLog, String>> {
    let old = before.log.as_ref().ok()?;
    if !bytes.starts_with(&before.bytes) || !(before.bytes.is_empty() || before.bytes.ends_with(b"\n")) {
        return None;
    }
    let added = std::str::from_utf8(&bytes[before.bytes.len()..]).ok()?;
    let first = added.lines().map(str::trim).find(|line| !line.is_empty() && !line.starts_with('#'));
    match first {
        None => return Some(Ok(old.clone())),
        Some("[[event]]") => {}
        Some(_) => return None,
    }
    // The tables alone, under the same schema and id, read exactly as they do after the old text.
    #[derive(serde::Serialize)]
    struct Header<'a> {
        schema: u32,
        id: &'a str,
    }
    let header = toml::to_string(&Header { schema: old.schema, id: &old.id }).ok()?;
    let alone = format!("{header}{added}");
    Some(event::parse_log(&alone).map_err(|e| e.to_string()).map(|tail| {
        let mut log = old.clone();
        log.events.extend(tail.events);
        log.unknown.extend(tail.unknown);
        log
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "schema = 1\nid = \"INC-1\"\n\n[[event]]\nid = \"EV-1\"\nseq = 1\nat = \"2026-11-20T08:00:00Z\"\nrecorded_at = \"2026-11-20T08:00:00Z\"\nby = \"Ana\"\nkind = \"confirmed\"\n";

    fn version(text: &str) -> Version {
        Version { bytes: text.as_bytes().to_vec(), log: parse(text.as_bytes()) }
    }

    #[test]
    fn appended_tables_read_as_a_full_parse_does() {
        let before = version(BASE);
        let after = format!(
            "{BASE}\n[[event]]\nid = \"EV-2\"\nseq = 2\nat = \"2026-11-20T09:00:00Z\"\nrecorded_at = \"2026-11-20T09:00:00Z\"\nby = \"Ana\"\nkind = \"note\"\ntext = \"hi\"\n"
        );
        let quick = parse_appended(&before, after.as_bytes()).expect("applies").unwrap();
        assert_eq!(quick, parse(after.as_bytes()).unwrap());
        assert_eq!(quick.events.len(), 2);
    }

    #[test]
    fn a_key_appended_to_the_last_event_takes_the_full_parse() {
        let before = version(BASE);
        assert!(parse_appended(&before, format!("{BASE}by = \"Eve\"\n").as_bytes()).is_none());
    }
}
