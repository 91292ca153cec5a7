//! Incident files changed on both sides: the union of their events by id, ids that collided
//! between clones, event kinds this sirt does not know, and concurrent steps that need a person.

use super::*;

impl Merger<'_> {
    /// Whether this sirt knows an event kind: it reads as something other than `Unknown`
    /// (a known kind missing its fields fails to read, which also means known).
    pub(super) fn is_known_kind(&mut self, kind: &str) -> bool {
        if let Some(known) = self.kinds.get(kind) {
            return *known;
        }
        let probe = toml::from_str::<EventBody>(&format!("kind = {}", toml::Value::String(kind.into())));
        let known = !matches!(probe, Ok(EventBody::Unknown));
        self.kinds.insert(kind.to_string(), known);
        known
    }

    pub(super) fn note_unknown(&mut self, stem: &str, log: &IncidentLog, new: &[&Event]) {
        let kinds: Vec<String> = log
            .unknown
            .iter()
            .filter(|(id, _)| new.iter().any(|e| &e.id == id))
            .map(|(_, kind)| kind.clone())
            .collect();
        self.report_unknown(stem, kinds);
    }

    pub(super) fn report_unknown(&mut self, stem: &str, kinds: Vec<String>) {
        if !kinds.is_empty() {
            self.report.attention.push(Attention {
                incident: stem.to_string(),
                what: format!(
                    "{} event(s) of a kind this sirt does not know ({}), kept as they are",
                    kinds.len(),
                    crate::text::name_some(&kinds)
                ),
                settle: "upgrade sirt to see them".into(),
            });
        }
    }

    pub(super) fn merge_incident(
        &mut self,
        path: &str,
        our_blob: Option<Oid>,
        their_blob: Option<Oid>,
    ) -> Result<()> {
        let stem = incident_stem(path).expect("checked").to_string();
        let (Some(ours), Some(theirs)) = (self.text_of(path, our_blob)?, self.text_of(path, their_blob)?)
        else {
            return Err(cannot_merge(self.store, path, "one side deleted it and the other changed it"));
        };
        let (our_identity, their_identity) = (identity_of(&ours)?, identity_of(&theirs)?);
        if our_identity == their_identity {
            let (merged, appended) = self.union(&stem, &ours, &theirs)?;
            self.attention(&stem, &ours, &theirs, &merged)?;
            if !appended.is_empty() {
                *self.report.events_in.entry(stem.clone()).or_default() += appended.len();
                let blob = self.store.write_blob(merged.as_bytes())?;
                self.out.insert(path.to_string(), Some(blob));
            }
            return Ok(());
        }
        // Two incidents under one id: the smaller identity keeps it.
        let ours_keeps = our_identity < their_identity;
        let (moving, moving_identity, kept) =
            if ours_keeps { (&theirs, &their_identity, &ours) } else { (&ours, &our_identity, &theirs) };
        if !ours_keeps {
            self.out.insert(path.to_string(), their_blob);
            self.report.events_in.insert(stem.clone(), event_ids(&theirs).len());
        }
        let new_id = self.free_id(moving_identity)?;
        let renamed = rename(moving, &stem, &new_id, &title_of(kept))?;
        let target = self.target.incident_path(&new_id);
        let record = Record::Incident(new_id.clone());
        let at_ours = self.record_at(self.ours, &record)?.map(|b| String::from_utf8_lossy(&b).into_owned());
        let at_theirs =
            self.record_at(self.theirs, &record)?.map(|b| String::from_utf8_lossy(&b).into_owned());
        let mut texts: Vec<String> = Vec::new();
        texts.extend(at_ours.clone());
        if !ours_keeps {
            texts.push(renamed.clone());
        }
        texts.extend(at_theirs);
        if ours_keeps {
            texts.push(renamed.clone());
        }
        let mut merged = texts.remove(0);
        for next in &texts {
            merged = self.union(&new_id, &merged, next)?.0;
        }
        if at_ours.as_deref() != Some(merged.as_str()) {
            let blob = self.store.write_blob(merged.as_bytes())?;
            self.out.insert(target, Some(blob));
        }
        if ours_keeps {
            self.report.new_incidents.push(new_id.clone());
            self.report.events_in.insert(new_id.clone(), event_ids(&merged).len());
        }
        self.report.renamed.push(Renamed { from: stem, to: new_id, title: title_of(moving) });
        Ok(())
    }

    /// An id for the incident with `identity`, derived from it so every clone picks the same,
    /// and free on both sides (or already this incident's).
    pub(super) fn free_id(&self, identity: &str) -> Result<String> {
        for attempt in 0u64.. {
            let seed = format!("{identity}/{attempt}")
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            let candidate = id::incident_id(seed);
            let record = Record::Incident(candidate.clone());
            let mut free = true;
            for side in [self.ours, self.theirs] {
                if let Some(bytes) = self.record_at(side, &record)? {
                    free &= identity_of(&String::from_utf8_lossy(&bytes))? == identity;
                }
            }
            if free {
                return Ok(candidate);
            }
        }
        unreachable!("an endless search ends")
    }

    /// `first` with the events of `second` it lacks appended; fails when one event id holds
    /// different events on the two sides.
    pub(super) fn union(&self, incident: &str, first: &str, second: &str) -> Result<(String, Vec<String>)> {
        let path = self.target.incident_path(incident);
        let ours =
            split_events(first).ok_or_else(|| cannot_merge(self.store, &path, "its events do not read"))?;
        let theirs =
            split_events(second).ok_or_else(|| cannot_merge(self.store, &path, "its events do not read"))?;
        let known: HashMap<&str, &toml::Value> = ours.iter().map(|c| (c.id.as_str(), &c.value)).collect();
        let mut text = first.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut appended = Vec::new();
        for chunk in &theirs {
            match known.get(chunk.id.as_str()) {
                Some(value) if **value == chunk.value => {}
                Some(_) => return Err(self.clash(incident, &chunk.id)),
                None => {
                    text.push('\n');
                    text.push_str(chunk.text.trim_end());
                    text.push('\n');
                    appended.push(chunk.id.clone());
                }
            }
        }
        if appended.is_empty() {
            return Ok((first.to_string(), appended));
        }
        let log = event::parse_log(&text)
            .map_err(|e| anyhow!("the merged {path} does not read: {e}; nothing was merged"))?;
        if log.events.len() != ours.len() + appended.len() {
            return Err(anyhow!("the merged {path} lost events; nothing was merged"));
        }
        log.fold().map_err(|e| anyhow!("the merged {path} does not fold: {e}; nothing was merged"))?;
        Ok((text, appended))
    }

    pub(super) fn clash(&self, incident: &str, event: &str) -> anyhow::Error {
        let find = |tip: Oid| {
            self.store.find_trailer_in("Sirt-Event", event, tip, self.base).ok().flatten().unwrap_or(tip)
        };
        let (ours, theirs) = (find(self.ours), find(self.theirs));
        UserError::new(format!(
            "{incident}: event {event} differs between commit {:.12} (here) and commit {:.12} (origin); nothing was merged or pushed",
            ours.to_string(),
            theirs.to_string()
        ))
        .hint(format!(
            "sirt never writes two events under one id, so one side was edited by hand; compare them: git -C {} diff {:.12} {:.12} -- {}",
            self.store.root().display(),
            ours.to_string(),
            theirs.to_string(),
            self.target.incident_path(incident)
        ))
        .into()
    }

    /// Contradictory concurrent steps the fold settled, for a person to confirm.
    pub(super) fn attention(&mut self, stem: &str, ours: &str, theirs: &str, merged: &str) -> Result<()> {
        let parse = |text: &str| event::parse_log(text).map_err(|e| anyhow!("{stem}: {e}"));
        let (ours, theirs) = (parse(ours)?, parse(theirs)?);
        let common: HashSet<&str> = ours
            .events
            .iter()
            .map(|e| e.id.as_str())
            .filter(|id| theirs.events.iter().any(|e| e.id == *id))
            .collect();
        let new = |log: &IncidentLog| -> Vec<Event> {
            log.events.iter().filter(|e| !common.contains(e.id.as_str())).cloned().collect()
        };
        let (our_new, their_new) = (new(&ours), new(&theirs));
        let has = |events: &[Event], kind: &str| events.iter().any(|e| e.body.kind() == kind);
        let mut add = |what: String, settle: String| {
            self.report.attention.push(Attention { incident: stem.to_string(), what, settle })
        };
        if (has(&our_new, "confirmed") && has(&their_new, "dismissed"))
            || (has(&our_new, "dismissed") && has(&their_new, "confirmed"))
        {
            add(
                "confirmed on one clone and dismissed on another; it now reads as confirmed".into(),
                format!("if it is no incident after all: sirt retract {stem} confirmed --reason \"…\""),
            );
        }
        for (closing, other) in [(&our_new, &their_new), (&their_new, &our_new)] {
            let recorded = other.iter().filter(|e| !matches!(e.body, EventBody::Closed { .. })).count();
            if has(closing, "closed") && recorded > 0 {
                add(
                    format!("closed on one clone while {recorded} step(s) were recorded on another"),
                    format!(
                        "review them: sirt timeline {stem}; to reopen: sirt retract {stem} closed --reason \"…\""
                    ),
                );
            }
        }
        if has(&our_new, "impact-determined") && has(&their_new, "impact-determined") {
            add(
                "two impact assessments were made at once; the later in the log stands".into(),
                format!("record the one that holds: sirt impact {stem} --effect … --summary \"…\""),
            );
        }
        let merged_log = parse(merged)?;
        let incoming: Vec<&Event> =
            their_new.iter().filter(|e| !our_new.iter().any(|o| o.id == e.id)).collect();
        let incoming: Vec<&Event> =
            merged_log.events.iter().filter(|e| incoming.iter().any(|i| i.id == e.id)).collect();
        self.note_unknown(stem, &merged_log, &incoming);
        Ok(())
    }
}
