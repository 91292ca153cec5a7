//! The command line: global options, one module per subcommand, and the dispatch.

mod act;
mod action;
mod advise;
mod affected;
mod classify;
mod close;
mod config;
mod confirm;
mod contain;
mod deadlines;
mod demo;
mod describe;
mod detect;
mod dismiss;
mod edit;
mod engage;
mod eradicate;
mod filed;
mod history;
mod impact;
mod init;
mod list;
mod note;
mod notified;
mod notify;
mod publish;
mod recover;
mod regimes;
mod report;
mod review;
mod show;
mod stats;
mod tenant;
mod timeline;

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::clock;
use crate::error::UserError;
use crate::model::time::{ACCEPTED, format_local, parse_when};
use crate::model::{Event, EventBody, Incident, IncidentLog, id};
use crate::output::{ColorChoice, Ui};
use crate::store::{self, Actor, Change, Store};

const ABOUT: &str = "Security incident response: record each incident from detection to closure, \
keep the customer-notification clocks in sight, and write the notifications.";

#[derive(Debug, Parser)]
#[command(name = "sirt", version, about = ABOUT, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The store to use [default: $SIRT_STORE, else `store` in the config file, else the
    /// platform data directory]
    #[arg(long, global = true, env = "SIRT_STORE", hide_env_values = true, value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// Who is recording: 'Name <email>' [default: $SIRT_ACTOR, else git's user.name/user.email]
    #[arg(long, global = true, env = "SIRT_ACTOR", hide_env_values = true, value_name = "NAME")]
    pub actor: Option<String>,

    /// When to colour the output (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Config(config::ConfigArgs),
    Detect(detect::DetectArgs),
    Engage(engage::EngageArgs),
    Confirm(confirm::ConfirmArgs),
    Dismiss(dismiss::DismissArgs),
    Impact(impact::ImpactArgs),
    Note(note::NoteArgs),
    Affected(affected::AffectedArgs),
    Describe(describe::DescribeArgs),
    Act(act::ActArgs),
    Advise(advise::AdviseArgs),
    Publish(publish::PublishArgs),
    Notify(notify::NotifyArgs),
    Contain(contain::ContainArgs),
    Eradicate(eradicate::EradicateArgs),
    Recover(recover::RecoverArgs),
    Review(review::ReviewArgs),
    Action(action::ActionArgs),
    Close(close::CloseArgs),
    Edit(edit::EditArgs),
    Report(report::ReportArgs),
    Stats(stats::StatsArgs),
    Notified(notified::NotifiedArgs),
    Classify(classify::ClassifyArgs),
    Filed(filed::FiledArgs),
    Deadlines(deadlines::DeadlinesArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Timeline(timeline::TimelineArgs),
    History(history::HistoryArgs),
    Tenant(tenant::TenantArgs),
    Regimes(regimes::RegimesArgs),
    Demo(demo::DemoArgs),
}

/// The clap definition, for completions and man pages.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Runs one parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let ctx = Ctx {
        ui: Ui::new(cli.color),
        now: clock::now()?,
        store_dir: cli.store,
        actor: cli.actor,
        opened: std::cell::OnceCell::new(),
    };
    match cli.command {
        Command::Tenant(args) => return tenant::run(&ctx, args),
        Command::Deadlines(args) => return deadlines::run(&ctx, args),
        Command::Init(args) => init::run(&ctx, args),
        Command::Config(args) => config::run(&ctx, args),
        Command::Detect(args) => detect::run(&ctx, args),
        Command::Engage(args) => engage::run(&ctx, args),
        Command::Confirm(args) => confirm::run(&ctx, args),
        Command::Dismiss(args) => dismiss::run(&ctx, args),
        Command::Impact(args) => impact::run(&ctx, args),
        Command::Note(args) => note::run(&ctx, args),
        Command::Affected(args) => affected::run(&ctx, args),
        Command::Describe(args) => describe::run(&ctx, args),
        Command::Act(args) => act::run(&ctx, args),
        Command::Advise(args) => advise::run(&ctx, args),
        Command::Publish(args) => publish::run(&ctx, args),
        Command::Notify(args) => notify::run(&ctx, args),
        Command::Contain(args) => contain::run(&ctx, args),
        Command::Eradicate(args) => eradicate::run(&ctx, args),
        Command::Recover(args) => recover::run(&ctx, args),
        Command::Review(args) => review::run(&ctx, args),
        Command::Action(args) => action::run(&ctx, args),
        Command::Close(args) => close::run(&ctx, args),
        Command::Edit(args) => edit::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Stats(args) => stats::run(&ctx, args),
        Command::Notified(args) => notified::run(&ctx, args),
        Command::Classify(args) => classify::run(&ctx, args),
        Command::Filed(args) => filed::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Timeline(args) => timeline::run(&ctx, args),
        Command::History(args) => history::run(&ctx, args),
        Command::Regimes(args) => regimes::run(&ctx, args),
        Command::Demo(args) => demo::run(&ctx, args),
    }?;
    Ok(crate::error::exit::OK)
}

/// `--at`, shared by every command that records a step.
#[derive(Debug, Clone, Args)]
pub struct AtArg {
    /// When the step really happened, if not now: RFC 3339, local 'YYYY-MM-DD HH:MM', 'now',
    /// '-2h' or '2h ago'
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
}

/// What every command needs: where to print, the time, and how to find the store and the actor.
pub struct Ctx {
    pub ui: Ui,
    pub now: DateTime<Utc>,
    store_dir: Option<PathBuf>,
    actor: Option<String>,
    /// The store, opened on first use and shared by every step of the command.
    opened: std::cell::OnceCell<Store>,
}

#[derive(serde::Deserialize, Default)]
struct UserConfig {
    store: Option<PathBuf>,
}

impl Ctx {
    /// `--store`/`SIRT_STORE`, else `store` in the user's config file, else the platform data
    /// directory, which is created and initialized on first use. Opened once per command.
    pub fn store(&self) -> Result<&Store> {
        if let Some(store) = self.opened.get() {
            return Ok(store);
        }
        let store = self.open_store()?;
        Ok(self.opened.get_or_init(|| store))
    }

    fn open_store(&self) -> Result<Store> {
        if let Some(dir) = &self.store_dir {
            return Store::open(dir);
        }
        if let Some(dir) = configured_store()? {
            return Store::open(&dir);
        }
        let dir = default_store_dir()?;
        if store::is_store(&dir) {
            return Store::open(&dir);
        }
        let actor = self.actor_without_store().unwrap_or(Actor { name: "sirt".into(), email: String::new() });
        let created = Store::init(&dir, &actor, self.now)?;
        self.ui.status(&format!("created a new store in {}", dir.display()));
        Ok(created)
    }

    fn actor_without_store(&self) -> Option<Actor> {
        self.actor.as_deref().and_then(Actor::parse)
    }

    /// Who is recording: `--actor`/`SIRT_ACTOR`, else git's identity.
    pub fn actor(&self, store: &Store) -> Result<Actor> {
        if let Some(text) = &self.actor {
            return Actor::parse(text).ok_or_else(|| {
                UserError::new(format!("'{text}' is not a usable actor"))
                    .hint("pass --actor 'Name <email>' or --actor Name")
                    .into()
            });
        }
        store.git_identity().ok_or_else(|| {
            UserError::new("no one to record this as: --actor is not given, SIRT_ACTOR is not set and git has no user.name/user.email")
                .hint("pass --actor 'Name <email>', export SIRT_ACTOR='Name <email>', or run: git config --global user.name 'Name' && git config --global user.email you@example.com")
                .into()
        })
    }

    /// The time of a step: `--at`, else now.
    pub fn when(&self, at: &AtArg) -> Result<DateTime<Utc>> {
        match &at.at {
            None => Ok(self.now),
            Some(text) => parse_when(text, self.now)
                .map_err(|e| UserError::new(e).hint(format!("--at takes {ACCEPTED}")).into()),
        }
    }

    /// A full incident id from a prefix.
    pub fn resolve(&self, store: &Store, query: &str) -> Result<String> {
        store.find_incident(query)
    }
}

fn configured_store() -> Result<Option<PathBuf>> {
    let Some(path) = dirs::config_dir().map(|d| d.join("sirt").join("config.toml")) else {
        return Ok(None);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let config: UserConfig = toml::from_str(&text).map_err(|e| {
        UserError::new(format!("{}: {}", path.display(), e.message().trim()))
            .hint("the config file takes one key: store = \"/path/to/store\"")
    })?;
    Ok(config.store)
}

fn default_store_dir() -> Result<PathBuf> {
    dirs::data_dir().map(|d| d.join("sirt")).context("no data directory on this platform; pass --store DIR")
}

/// Appends one event to an incident and commits it: the path every recording command takes.
/// `decide` sees the current state and returns the event to record, or `None` when the step
/// would change nothing. Returns the incident as it stands afterwards, if anything was recorded.
pub fn record(
    ctx: &Ctx,
    query: &str,
    at: &AtArg,
    decide: impl FnOnce(&Incident) -> Result<Option<EventBody>>,
) -> Result<Option<Incident>> {
    let store = ctx.store()?;
    let actor = ctx.actor(store)?;
    let id = ctx.resolve(store, query)?;
    let at = ctx.when(at)?;
    let lock = store.lock()?;
    report_recovery(ctx, &lock);
    let (mut log, incident) = store.load_incident(&id)?;
    let Some(body) = decide(&incident)? else {
        return Ok(None);
    };
    incident.check(&body, at, ctx.now).map_err(UserError::from)?;
    let event = new_event(&log, &actor, at, ctx.now, body);
    log.events.push(event.clone());
    commit_event(ctx, store, &lock, &log, &event, &actor)?;
    Ok(Some(log.fold().map_err(anyhow::Error::msg)?))
}

pub fn new_event(
    log: &IncidentLog,
    actor: &Actor,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    body: EventBody,
) -> Event {
    let mut event_id = id::event_id(clock::random_u64());
    while log.events.iter().any(|e| e.id == event_id) {
        event_id = id::event_id(clock::random_u64());
    }
    Event { id: event_id, seq: log.next_seq(), at, recorded_at: now, by: actor.to_string(), body }
}

/// Writes `log` (which ends with `event`) as one commit, and says so on stderr.
pub fn commit_event(
    ctx: &Ctx,
    store: &Store,
    lock: &store::WriteLock,
    log: &IncidentLog,
    event: &Event,
    actor: &Actor,
) -> Result<()> {
    let subject = format!("{}: {}", log.id, event.body.describe());
    let body = (event.at != event.recorded_at).then(|| {
        format!(
            "Happened at {}; recorded at {}.",
            crate::model::time::rfc3339(Some(event.at)),
            crate::model::time::rfc3339(Some(event.recorded_at))
        )
    });
    let hash = store.commit(
        lock,
        Change {
            files: vec![Store::incident_file(log)?],
            subject: one_line(&subject),
            body,
            trailers: vec![
                ("Sirt-Incident", log.id.clone()),
                ("Sirt-Event", event.id.clone()),
                ("Sirt-Kind", event.body.kind().to_string()),
            ],
            author: actor.clone(),
            at: ctx.now,
        },
    )?;
    let when = if event.at == ctx.now { String::new() } else { format!(" (at {})", format_local(event.at)) };
    ctx.ui.status(&format!("{}{when} [{}]", one_line(&subject), &hash[..10]));
    Ok(())
}

/// A commit subject stays on one line, whatever text a user gave.
fn one_line(text: &str) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if flat.chars().count() > 120 {
        format!("{}…", flat.chars().take(119).collect::<String>())
    } else {
        flat
    }
}

pub fn report_recovery(ctx: &Ctx, lock: &store::WriteLock) {
    if !lock.recovered.is_empty() {
        ctx.ui.warn(&format!(
            "an earlier change was interrupted before it was committed; put back: {}",
            lock.recovered.join(", ")
        ));
    }
}

/// Text that may run over several lines (notes, summaries): not empty, and no control characters
/// but newlines and tabs, so nothing stored can drive a terminal or forge a line elsewhere.
pub fn require_text(what: &str, text: &str) -> Result<String> {
    checked_text(what, text, |c| c == '\n' || c == '\t')
}

/// A one-line value (titles, names, reasons): not empty, no control characters at all.
pub fn require_line(what: &str, text: &str) -> Result<String> {
    checked_text(what, text, |_| false)
}

fn checked_text(what: &str, text: &str, allowed: impl Fn(char) -> bool) -> Result<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(UserError::new(format!("the {what} is empty"))
            .hint(format!("give the {what} in quotes"))
            .into());
    }
    if let Some(bad) = trimmed.chars().find(|c| c.is_control() && !allowed(*c)) {
        return Err(UserError::new(format!("the {what} contains the control character {bad:?}"))
            .hint(format!("give the {what} as plain text"))
            .into());
    }
    Ok(trimmed.to_string())
}
