//! The planned history as a `git fast-import` stream: every commit as sirt itself would have
//! made it (the file bytes from the library's encoders, the message from the ops' own message
//! builders, author and time matching each event's `by` and `recorded_at`).

use std::io::{self, Write};

use chrono::{DateTime, Duration as Span, Utc};
use sirt::model::event::{self, SCHEMA};
use sirt::model::{Event, EventBody, IncidentLog, id};
use sirt::ops::record::event_message;
use sirt::store::Message;
use sirt::store::layout::Layout;

use super::plan::{Lcg, PEOPLE, Story, TENANTS, tenant};

/// What the stream holds once written.
pub struct Written {
    pub commits: usize,
    pub affected: usize,
    pub forced_closes: usize,
    pub bytes: u64,
}

struct Out<W: Write> {
    out: W,
    bytes: u64,
    commits: usize,
}

impl<W: Write> Out<W> {
    fn data(&mut self, bytes: &[u8]) -> io::Result<()> {
        writeln!(self.out, "data {}", bytes.len())?;
        self.out.write_all(bytes)?;
        self.out.write_all(b"\n")?;
        self.bytes += bytes.len() as u64;
        Ok(())
    }

    /// A commit on `main` by `who` at `at` changing `files`; the first names its parent.
    fn commit(
        &mut self,
        who: (&str, &str),
        at: DateTime<Utc>,
        message: &str,
        from: Option<&str>,
        files: &[(String, &[u8])],
    ) -> io::Result<()> {
        let (name, email) = who;
        let when = at.timestamp();
        write!(self.out, "commit refs/heads/main\nauthor {name} <{email}> {when} +0000\n")?;
        writeln!(self.out, "committer {name} <{email}> {when} +0000")?;
        self.data(message.as_bytes())?;
        if let Some(from) = from {
            writeln!(self.out, "from {from}")?;
        }
        for (path, content) in files {
            writeln!(self.out, "M 100644 inline {path}")?;
            self.data(content)?;
        }
        self.out.write_all(b"\n")?;
        self.commits += 1;
        if self.commits.is_multiple_of(10_000) {
            // fast-import echoes this on its standard output: the build's progress.
            writeln!(self.out, "progress   {} commits written", self.commits)?;
        }
        Ok(())
    }
}

/// Writes the tenant import at `imported`, then every event of `stories` at its scheduled time,
/// on top of the commit `from`. Returns the incidents' final texts too, to check they read.
pub fn write(
    out: impl Write,
    from: &str,
    imported: DateTime<Utc>,
    stories: &[Story],
    schedule: &[(usize, usize, DateTime<Utc>)],
    rng: &mut Lcg,
) -> io::Result<(Written, Vec<String>)> {
    let mut out = Out { out: io::BufWriter::with_capacity(1 << 20, out), bytes: 0, commits: 0 };
    let tenants: Vec<(String, Vec<u8>)> = (0..TENANTS)
        .map(|n| {
            let t = tenant(n);
            (Layout::Sharded.tenant_path(&t.id), toml::to_string(&t).expect("a tenant encodes").into_bytes())
        })
        .collect();
    let files: Vec<(String, &[u8])> = tenants.iter().map(|(p, c)| (p.clone(), c.as_slice())).collect();
    let message = Message::new(format!("tenants imported from tenants.csv: {TENANTS} added, 0 updated"))
        .trailer("Sirt-Action", "tenant-import");
    out.commit(PEOPLE[0], imported, &message.text(), Some(from), &files)?;

    let mut logs: Vec<IncidentLog> = stories
        .iter()
        .map(|s| IncidentLog { schema: SCHEMA, id: s.id.clone(), events: Vec::new(), unknown: Vec::new() })
        .collect();
    let mut texts: Vec<String> = vec![String::new(); stories.len()];
    let (mut affected, mut forced_closes) = (0, 0);
    for &(s, e, at) in schedule {
        let story = &stories[s];
        let who = PEOPLE[rng.next(PEOPLE.len() as u64) as usize];
        let mut body = story.bodies[e].clone();
        if let EventBody::Closed { .. } = body {
            let incident = logs[s].fold().expect("a planned story folds");
            if !incident.close_blockers().is_empty() {
                forced_closes += 1;
                body = EventBody::Closed {
                    forced: true,
                    reason: Some("no customer data involved; closed by the incident lead".into()),
                };
            }
        }
        if let EventBody::TenantsAffected { tenants, .. } = &body {
            affected += tenants.len();
        }
        let mut event_id = id::event_id(rng.raw());
        while logs[s].events.iter().any(|e| e.id == event_id) {
            event_id = id::event_id(rng.raw());
        }
        let event = Event {
            id: event_id,
            seq: e as u64 + 1,
            at,
            recorded_at: at,
            by: format!("{} <{}>", who.0, who.1),
            body,
        };
        let text = &mut texts[s];
        if e == 0 {
            let log = IncidentLog { events: vec![event.clone()], ..logs[s].clone() };
            let encoded = toml::to_string(&log).expect("an incident encodes");
            // As `Txn::create_incident` does: an identity line in the header.
            let detection = format!("{}|{}|{}", event.by, event.recorded_at, event.body.describe());
            let line = format!("identity = \"{}\"", event::identity([rng.raw(), rng.raw()], &detection));
            *text = event::with_header_line(&encoded, &line).unwrap_or(encoded);
        } else {
            // As `Txn::append_events` does: the committed bytes, then one more table.
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&event::event_table(&event).expect("an event encodes"));
        }
        let message = event_message(&story.id, &event).text();
        logs[s].events.push(event);
        let path = Layout::Sharded.incident_path(&story.id);
        out.commit(who, at, &message, None, &[(path, text.as_bytes())])?;
    }
    out.out.write_all(b"done\n")?;
    out.out.flush()?;
    let written = Written { commits: out.commits, affected, forced_closes, bytes: out.bytes };
    Ok((written, texts))
}

/// The earliest time an event may be scheduled: after `init` and the import.
pub fn first_event_after(init: DateTime<Utc>) -> DateTime<Utc> {
    init + Span::hours(2)
}
