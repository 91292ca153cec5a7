//! Incidents as the commit holds them: one file each (where: `layout.rs`), an append-only event log.

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};

use super::layout::{Layout, Record};
use super::{Store, Txn, toml_error, utf8};
use crate::error::UserError;
use crate::model::event::{self, Event};
use crate::model::{Incident, IncidentLog, id};

/// How the incidents of a store read: the good ones, and for each file that doesn't, why.
pub struct Loaded {
    pub incidents: Vec<Incident>,
    /// One line per incident file that could not be read; a gate that sees any fails closed.
    pub unreadable: Vec<String>,
}

impl Store {
    /// Ids of every incident file, sorted.
    pub fn incident_ids(&self) -> Result<Vec<String>> {
        if let Some(ids) = self.cached_incident_ids()? {
            return Ok(ids);
        }
        Ok(self.incident_blobs()?.into_iter().map(|(id, _)| id).collect())
    }

    /// Every incident file of the commit in view, by id: the one place that knows where they lie.
    pub(super) fn incident_blobs(&self) -> Result<Vec<(String, super::Oid)>> {
        let Some(tree) = self.tree() else { return Ok(Vec::new()) };
        self.incident_files_in(tree)
    }

    /// The full id of the one incident whose id starts with `query`.
    pub fn find_incident(&self, query: &str) -> Result<String> {
        if !id::is_valid_query(query) {
            return Err(UserError::new(format!(
                "'{}' is not an incident id",
                crate::text::escape_controls(query)
            ))
            .hint("incident ids look like INC-7K3M-9QX2; list them with: sirt list --all")
            .into());
        }
        // A whole id as sirt wrote it is looked up where it would be, without listing every id.
        if id::is_incident_id(query) && self.record_bytes(&Record::Incident(query.to_string()))?.is_some() {
            return Ok(query.to_string());
        }
        let wanted = id::canonical(query);
        let matches: Vec<String> =
            self.incident_ids()?.into_iter().filter(|id| id::canonical(id).starts_with(&wanted)).collect();
        let matches = if matches.is_empty() { self.incidents_known_as(&wanted)? } else { matches };
        match matches.as_slice() {
            [one] => Ok(one.clone()),
            [] => {
                // A whole id with a typo (a swapped or misheard character) gets a guess; a short
                // prefix is too little to guess from.
                let ids = self.incident_ids()?;
                let canonical: Vec<String> = ids.iter().map(|id| id::canonical(id)).collect();
                let guess = (wanted.len() == 8)
                    .then(|| crate::text::closest(&wanted, canonical.iter().map(String::as_str)))
                    .and_then(|close| close.first().and_then(|c| canonical.iter().position(|k| k == c)))
                    .map(|at| format!("did you mean {}?", ids[at]));
                Err(UserError::new(format!("no incident matches '{}'", crate::text::escape_controls(query)))
                    .hint(guess.unwrap_or_else(|| "list them with: sirt list --all".into()))
                    .into())
            }
            many => Err(UserError::new(format!(
                "'{query}' matches {} incidents: {}",
                many.len(),
                many.join(", ")
            ))
            .hint("type more of the id")
            .into()),
        }
    }

    /// Incidents renamed after an id collision between clones whose old id starts with
    /// `wanted` (canonical): an old id still finds its incident where no current id matches.
    fn incidents_known_as(&self, wanted: &str) -> Result<Vec<String>> {
        let mut found = Vec::new();
        for (id, blob) in self.incident_blobs()? {
            let bytes = self.git.blob(blob)?;
            let text = String::from_utf8_lossy(&bytes);
            if !text.contains("\naliases = ") {
                continue;
            }
            if let Ok(header) = event::parse_header(&text)
                && header.aliases.iter().any(|alias| id::canonical(alias).starts_with(wanted))
            {
                found.push(id);
            }
        }
        Ok(found)
    }

    /// The committed text of an incident file.
    pub fn incident_text(&self, id: &str) -> Result<String> {
        let path = self.incident_path(id);
        let bytes = self.record_bytes(&Record::Incident(id.to_string()))?.ok_or_else(|| {
            anyhow!(
                UserError::new(format!("no incident {id} in the store"))
                    .hint("list them with: sirt list --all")
            )
        })?;
        utf8(&self.root.join(&path).display().to_string(), bytes)
    }

    pub fn read_log(&self, id: &str) -> Result<IncidentLog> {
        parse_log(&self.root, self.layout(), id, &self.incident_text(id)?)
    }

    pub fn load_incident(&self, id: &str) -> Result<(IncidentLog, Incident)> {
        let log = self.read_log(id)?;
        let incident = fold(&self.root, self.layout(), &log)?;
        Ok((log, incident))
    }

    /// Every incident that reads; a file that doesn't is listed in `unreadable`. Read through
    /// the cache (`store/cache`), which parses only the files it has not seen.
    pub fn load_incidents(&self) -> Result<Loaded> {
        self.load_incidents_cached()
    }

    /// Every incident as it stood at `as_of` (only the events that had happened by then), or as
    /// it stands now (through the cache).
    pub fn load_incidents_as_of(&self, as_of: Option<DateTime<Utc>>) -> Result<Loaded> {
        match as_of {
            None => self.load_incidents_cached(),
            Some(_) => self.fold_incidents_as_of(as_of),
        }
    }

    /// Every incident folded from its file, as of `as_of`. Blobs are read in one pass, then
    /// parsed on every core: parsing is most of the time of a cold read.
    fn fold_incidents_as_of(&self, as_of: Option<DateTime<Utc>>) -> Result<Loaded> {
        let mut texts: Vec<(String, Vec<u8>)> = Vec::new();
        for (id, blob) in self.incident_blobs()? {
            texts.push((id, self.git.blob(blob)?));
        }
        let root = self.root.as_path();
        let layout = self.layout();
        let results = crate::parallel::by_chunks(&texts, crate::parallel::cores(), |part| {
            part.iter()
                .map(|(id, bytes)| {
                    let path = root.join(layout.incident_path(id)).display().to_string();
                    let text = utf8(&path, bytes.clone())?;
                    incident_as_of(root, layout, &parse_log(root, layout, id, &text)?, as_of)
                })
                .collect::<Vec<_>>()
        });
        let mut loaded = Loaded { incidents: Vec::with_capacity(texts.len()), unreadable: Vec::new() };
        for result in results.into_iter().flatten() {
            match result {
                Ok(Some(incident)) => loaded.incidents.push(incident),
                Ok(None) => {}
                Err(e) => loaded.unreadable.push(format!("{e:#}")),
            }
        }
        Ok(loaded)
    }

    /// One incident as it stood at `as_of` (or now, through the cache); `None` if it had not
    /// been detected by then.
    pub fn load_incident_as_of(&self, id: &str, as_of: Option<DateTime<Utc>>) -> Result<Option<Incident>> {
        match as_of {
            None => self.incident(id).map(Some),
            Some(_) => incident_as_of(&self.root, self.layout(), &self.read_log(id)?, as_of),
        }
    }
}

impl Txn<'_> {
    /// Writes a new incident file holding `log`, checked to read back as the same log.
    pub fn create_incident(&mut self, log: &IncidentLog) -> Result<()> {
        let text = toml::to_string(log).context("cannot encode the incident")?;
        let back =
            event::parse_log(&text).map_err(|e| anyhow!("the encoded incident does not read back: {e}"))?;
        if &back != log {
            return Err(anyhow!(
                "the encoded incident {} reads back differently; nothing was written",
                log.id
            ));
        }
        back.fold().map_err(|e| anyhow!("refusing to write an inconsistent incident {}: {e}", log.id))?;
        // A full-length identity tells this incident from one another clone gave the same id.
        let detection =
            log.events.first().map(|e| format!("{}|{}|{}", e.by, e.recorded_at, e.body.describe()));
        let random = [crate::clock::random_u64(), crate::clock::random_u64()];
        let line = format!("identity = \"{}\"", event::identity(random, &detection.unwrap_or_default()));
        let text = event::with_header_line(&text, &line).unwrap_or(text);
        self.write(self.store().incident_path(&log.id), text.into_bytes());
        Ok(())
    }

    /// Appends `events` to the incident's file as new `[[event]]` tables after the bytes this
    /// change builds on, which stay exactly as they are. The result must parse and fold.
    pub fn append_events(&mut self, id: &str, events: &[Event]) -> Result<(IncidentLog, Incident)> {
        let path = self.store().incident_path(id);
        let committed = self.read(&path)?.ok_or_else(|| anyhow!("no incident {id} to append to"))?;
        let mut text = String::from_utf8(committed).map_err(|_| anyhow!("{path} is not UTF-8 text"))?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for event in events {
            text.push('\n');
            text.push_str(&event::event_table(event).context("cannot encode the event")?);
        }
        let log = parse_log(self.store().root(), self.store().layout(), id, &text)
            .context("the incident file would not read after appending; nothing was written")?;
        for event in events {
            if !log.events.iter().any(|e| e == event) {
                return Err(anyhow!("event {} does not read back as written; nothing was written", event.id));
            }
        }
        let incident =
            log.fold().map_err(|e| anyhow!("refusing to write an inconsistent incident {id}: {e}"))?;
        self.write(path, text.into_bytes());
        Ok((log, incident))
    }
}

fn parse_log(root: &std::path::Path, layout: Layout, id: &str, text: &str) -> Result<IncidentLog> {
    let path = root.join(layout.incident_path(id));
    let log = event::parse_log(text).map_err(|e| match e {
        event::ParseError::Toml(e) => toml_error(&path, text, &e),
        event::ParseError::Schema(found) => anyhow!(
            UserError::new(format!(
                "{}: schema {found} is newer than this sirt reads ({})",
                path.display(),
                event::SCHEMA
            ))
            .hint("upgrade sirt to read this incident")
        ),
    })?;
    if log.id != id {
        return Err(UserError::new(format!("{} holds incident '{}', not {id}", path.display(), log.id))
            .hint(format!("see what changed it: git log -p -- {}", layout.incident_path(id)))
            .into());
    }
    Ok(log)
}

/// An incident file's state as it stands now, from its committed bytes.
pub(super) fn fold_file(root: &std::path::Path, layout: Layout, id: &str, bytes: &[u8]) -> Result<Incident> {
    let path = root.join(layout.incident_path(id)).display().to_string();
    let text = utf8(&path, bytes.to_vec())?;
    fold(root, layout, &parse_log(root, layout, id, &text)?)
}

fn fold(root: &std::path::Path, layout: Layout, log: &IncidentLog) -> Result<Incident> {
    log.fold().map_err(|e| {
        anyhow!(UserError::new(format!("{}: {e}", root.join(layout.incident_path(&log.id)).display())))
    })
}

fn incident_as_of(
    root: &std::path::Path,
    layout: Layout,
    log: &IncidentLog,
    as_of: Option<DateTime<Utc>>,
) -> Result<Option<Incident>> {
    match as_of {
        None => fold(root, layout, log).map(Some),
        Some(at) => log.as_of(at).map(|past| fold(root, layout, &past)).transpose(),
    }
}
