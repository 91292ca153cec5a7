//! The command line: global options, one module per subcommand, and the dispatch.

mod act;
mod action;
mod adopt;
mod advise;
mod affected;
mod classify;
mod clone;
mod close;
mod config;
mod confirm;
mod contain;
mod correct;
mod deadlines;
mod demo;
mod describe;
mod detect;
mod dismiss;
pub mod docs;
mod edit;
mod engage;
mod eradicate;
mod export;
mod filed;
mod history;
mod impact;
mod init;
mod list;
mod note;
mod notified;
mod notify;
mod publish;
mod reading;
mod recover;
mod regimes;
mod report;
mod review;
mod show;
mod stats;
mod status;
mod sync;
mod tenant;
mod timeline;
mod upgrade;
mod verify;

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::clock;
use crate::error::UserError;
use crate::model::actor::Actor;
use crate::model::time::{parse_when, refusal_hint};
use crate::model::vocab::Words;
use crate::model::{EventBody, Incident};
use crate::ops::clocks::{format_local, local_zone};
use crate::ops::{self, Recorder};
use crate::output::{ColorChoice, Ui};
use crate::store::{self, Committed, Store};

const ABOUT: &str = "Security incident response: record each incident from detection to closure, \
keep the customer-notification clocks in sight, and write the notifications.";

#[derive(Debug, Parser)]
#[command(name = "sirt", version, about = ABOUT, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The store to use [default: $SIRT_STORE, else `store` in the config file, else the
    /// platform data directory]
    #[arg(
        long,
        global = true,
        env = "SIRT_STORE",
        hide_env_values = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub store: Option<PathBuf>,

    /// Who is recording: 'Name <email>' [default: $SIRT_ACTOR, else git's user.name/user.email]
    #[arg(
        long,
        global = true,
        env = "SIRT_ACTOR",
        hide_env_values = true,
        value_name = "NAME",
        help_heading = "Global options"
    )]
    pub actor: Option<String>,

    /// When to colour the output (NO_COLOR is honoured with auto)
    #[arg(
        long,
        global = true,
        value_enum,
        ignore_case = true,
        default_value_t,
        value_name = "WHEN",
        help_heading = "Global options"
    )]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
// Each subcommand's arguments are built only when it is chosen: building all of them cost every
// command half a millisecond. `command()` builds the whole tree for help, completions and man
// pages.
#[command(defer = true)]
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
    Adopt(adopt::AdoptArgs),
    Correct(correct::CorrectArgs),
    Retract(correct::RetractArgs),
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
    Clone(clone::CloneArgs),
    Sync(sync::SyncArgs),
    Status(status::StatusArgs),
    Completions(docs::CompletionsArgs),
    Verify(verify::VerifyArgs),
    Upgrade(upgrade::UpgradeArgs),
    Export(export::ExportArgs),
}

/// The clap definition, for completions and man pages: built whole, with every subcommand's
/// arguments (a command line that runs builds only its own subcommand's).
pub fn command() -> clap::Command {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    command
}

/// Runs one parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let ctx = Ctx {
        ui: Ui::new(cli.color),
        now: clock::now()?,
        store_dir: cli.store,
        actor: cli.actor,
        opened: std::cell::OnceCell::new(),
        opened_tip: std::cell::OnceCell::new(),
        upgrade_noted: std::cell::Cell::new(false),
    };
    let syncs = matches!(cli.command, Command::Sync(_));
    let code = dispatch(&ctx, cli.command);
    // A change was recorded: the store may ask for a quick sync after it.
    if let (Ok(_), Some(store), Some(before)) = (&code, ctx.opened.get(), ctx.opened_tip.get())
        && !syncs
        && store.tip() != *before
    {
        sync::after_write(&ctx);
    }
    // The process ends next. libgit2's maps of the packs and its caches are left to the kernel,
    // which frees them at exit faster than libgit2 takes them down one by one (half a
    // millisecond of every command on a big store). Nothing in the context writes when dropped.
    std::mem::forget(ctx);
    code
}

fn dispatch(ctx: &Ctx, command: Command) -> Result<i32> {
    match command {
        Command::Tenant(args) => return tenant::run(ctx, args),
        Command::Deadlines(args) => return deadlines::run(ctx, args),
        Command::Init(args) => init::run(ctx, args),
        Command::Detect(args) => detect::run(ctx, args),
        Command::Engage(args) => engage::run(ctx, args),
        Command::Confirm(args) => confirm::run(ctx, args),
        Command::Dismiss(args) => dismiss::run(ctx, args),
        Command::Impact(args) => impact::run(ctx, args),
        Command::Note(args) => note::run(ctx, args),
        Command::Affected(args) => affected::run(ctx, args),
        Command::Describe(args) => describe::run(ctx, args),
        Command::Act(args) => act::run(ctx, args),
        Command::Advise(args) => advise::run(ctx, args),
        Command::Publish(args) => publish::run(ctx, args),
        Command::Notify(args) => notify::run(ctx, args),
        Command::Contain(args) => contain::run(ctx, args),
        Command::Eradicate(args) => eradicate::run(ctx, args),
        Command::Recover(args) => recover::run(ctx, args),
        Command::Review(args) => review::run(ctx, args),
        Command::Action(args) => action::run(ctx, args),
        Command::Close(args) => close::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Adopt(args) => adopt::run(ctx, args),
        Command::Correct(args) => correct::correct(ctx, args),
        Command::Retract(args) => correct::retract(ctx, args),
        Command::Report(args) => report::run(ctx, args),
        Command::Stats(args) => stats::run(ctx, args),
        Command::Notified(args) => notified::run(ctx, args),
        Command::Classify(args) => classify::run(ctx, args),
        Command::Filed(args) => filed::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Timeline(args) => timeline::run(ctx, args),
        Command::History(args) => history::run(ctx, args),
        Command::Regimes(args) => regimes::run(ctx, args),
        Command::Demo(args) => demo::run(ctx, args),
        Command::Config(args) => config::run(ctx, args),
        Command::Verify(args) => return verify::run(ctx, args),
        Command::Upgrade(args) => upgrade::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Clone(args) => clone::run(ctx, args),
        Command::Sync(args) => sync::run(ctx, args),
        Command::Status(args) => status::run(ctx, args),
        Command::Completions(args) => docs::run(ctx, args),
    }?;
    Ok(crate::error::exit::OK)
}

/// clap's parser for a list of model words: they are offered as possible values in help and
/// completions, while the model itself knows nothing of clap. Read in any case (`SEV1`) where
/// the argument says `ignore_case = true`, as every one in sirt does.
pub fn words<T: Words + Send + Sync>() -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(T::ALL.iter().map(|w| w.as_str())).map(|text| {
        T::ALL.iter().copied().find(|w| w.as_str().eq_ignore_ascii_case(&text)).unwrap_or(T::ALL[0])
    })
}

/// `--at`, shared by every command that records a step.
#[derive(Debug, Clone, Args)]
pub struct AtArg {
    /// When the step really happened, if not now: 03:30, 'yesterday 14:00', 'monday 09:15',
    /// '2h ago', 2026-11-20T08:00:00Z and more (Times in the README)
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        long_help = crate::model::time::flag_help("When the step really happened, if not now")
    )]
    pub at: Option<String>,
}

/// `--for-customers`, shared by the response steps: their summary stays internal, and only
/// this sentence may reach customers.
#[derive(Debug, Clone, Args)]
pub struct ForCustomersArg {
    /// A sentence customers may read about this step (the summary stays internal)
    #[arg(long = "for-customers", value_name = "TEXT")]
    pub for_customers: Option<String>,
}

impl ForCustomersArg {
    /// The checked sentence, if one was given.
    pub fn sentence(&self) -> Result<Option<String>> {
        self.for_customers.as_deref().map(|t| require_text("sentence for customers", t)).transpose()
    }
}

/// What every command needs: where to print, the time, and how to find the store and the actor.
pub struct Ctx {
    pub ui: Ui,
    pub now: DateTime<Utc>,
    store_dir: Option<PathBuf>,
    actor: Option<String>,
    /// The store, opened on first use and shared by every step of the command.
    opened: std::cell::OnceCell<Store>,
    /// Whether this command said that the store can be upgraded.
    upgrade_noted: std::cell::Cell<bool>,
    /// The branch's tip when the store was opened, to tell whether this command changed it.
    opened_tip: std::cell::OnceCell<Option<String>>,
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
        let _ = self.opened_tip.set(store.tip());
        let recovered = store.recover_if_interrupted()?;
        if !recovered.is_empty() {
            self.ui.warn(&format!(
                "an earlier change was interrupted; put {} file(s) back in line with the last commit: {}",
                recovered.len(),
                crate::text::name_some(&recovered)
            ));
        }
        Ok(self.opened.get_or_init(|| store))
    }

    /// The store, who records, and the time: what a change needs.
    pub fn recorder(&self) -> Result<Recorder<'_>> {
        let store = self.store()?;
        Ok(Recorder { store, actor: self.actor(store)?, now: self.now })
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
        self.actor_or(|| store.git_identity())
    }

    /// `--actor`/`SIRT_ACTOR`, else `git_identity`; an error with a way out when neither is usable.
    fn actor_or(&self, git_identity: impl FnOnce() -> Option<Actor>) -> Result<Actor> {
        if let Some(text) = &self.actor {
            return Actor::parse(text).ok_or_else(|| {
                UserError::new(format!("'{text}' is not a usable actor"))
                    .hint("pass --actor 'Name <email>' or --actor Name")
                    .into()
            });
        }
        git_identity().ok_or_else(|| {
            UserError::new("no one to record this as: --actor is not given, SIRT_ACTOR is not set and git has no user.name/user.email")
                .hint("pass --actor 'Name <email>', export SIRT_ACTOR='Name <email>', or run: git config --global user.name 'Name' && git config --global user.email you@example.com")
                .into()
        })
    }

    /// The time of a step: `--at`, else now.
    pub fn when(&self, at: &AtArg) -> Result<DateTime<Utc>> {
        match &at.at {
            None => Ok(self.now),
            Some(text) => parse_when(text, self.now, local_zone())
                .map_err(|e| UserError::new(e).hint(refusal_hint(text, "--at")).into()),
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

/// Records one step through [`ops::record::record`] and says so: the path every recording
/// command takes. Returns the incident as it stands afterwards, if anything was recorded.
pub fn record(
    ctx: &Ctx,
    query: &str,
    at: &AtArg,
    decide: impl FnOnce(&Incident) -> Result<Option<EventBody>>,
) -> Result<Option<Incident>> {
    let rec = ctx.recorder()?;
    let id = ctx.resolve(rec.store, query)?;
    let at = ctx.when(at)?;
    let Some(recorded) = ops::record::record(&rec, &id, at, decide)? else {
        return Ok(None);
    };
    report_event(ctx, &recorded);
    Ok(Some(recorded.incident))
}

/// Warns that an incident holds events this sirt does not know and left out of its state.
pub fn warn_unknown_events(ctx: &Ctx, incident: &Incident) {
    warn_unknown_kinds(ctx, &incident.id, &incident.unknown_events);
}

/// The same, from an incident's id and the kinds left out.
pub fn warn_unknown_kinds(ctx: &Ctx, id: &str, kinds: &[String]) {
    if !kinds.is_empty() {
        ctx.ui.warn(&format!(
            "{id} has {} event(s) of kinds this sirt does not know ({}); they are left out — upgrade sirt to see them",
            kinds.len(),
            crate::text::name_some(kinds)
        ));
    }
}

/// Says on stderr what a recorded step was, when it happened if not now, and its commit.
pub fn report_event(ctx: &Ctx, recorded: &ops::record::Recorded) {
    let event = &recorded.event;
    let when = if event.at == ctx.now { String::new() } else { format!(" (at {})", format_local(event.at)) };
    report_commit_with(ctx, &recorded.committed, &when);
}

/// Says on stderr what a change recorded, with the start of its commit hash.
pub fn report_commit(ctx: &Ctx, committed: &Committed) {
    report_commit_with(ctx, committed, "");
}

fn report_commit_with(ctx: &Ctx, committed: &Committed, when: &str) {
    ctx.ui.status(&format!("{}{when} [{}]", committed.subject, &committed.hash[..10]));
}

/// The most sirt reads from one input file (a CSV, a list of ids): far above any real directory,
/// and low enough that `/dev/zero` is an error, not an exhausted machine.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an input file (`-` is stdin), refusing more than [`MAX_INPUT_BYTES`].
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let shown = crate::text::escape_controls(&path.display().to_string());
    let source: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot read {shown}"))?)
    };
    let mut bytes = Vec::new();
    source
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(UserError::new(format!(
            "{shown} is larger than {} MiB; nothing was read",
            MAX_INPUT_BYTES >> 20
        ))
        .hint("split the file and run the command once per part")
        .into());
    }
    Ok(bytes)
}

/// Text that may run over several lines (notes, summaries): not empty, and no control characters
/// but newlines and tabs, so nothing stored can drive a terminal or forge a line elsewhere.
pub fn require_text(what: &str, text: &str) -> Result<String> {
    checked_text(what, text, true)
}

/// A one-line value (titles, names, reasons): not empty, no control characters at all.
pub fn require_line(what: &str, text: &str) -> Result<String> {
    checked_text(what, text, false)
}

fn checked_text(what: &str, text: &str, multi_line: bool) -> Result<String> {
    crate::text::check_text(what, text, multi_line)
        .map_err(|(message, hint)| UserError::new(message).hint(hint).into())
}

#[cfg(test)]
mod tests {

    /// Every argument with a fixed set of values reads them in any case (`--severity SEV1`).
    #[test]
    fn every_word_argument_ignores_case() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let words = arg.get_action().takes_values() && !arg.get_possible_values().is_empty();
                if words && !arg.is_ignore_case_set() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::command(), "sirt", &mut missing);
        assert!(missing.is_empty(), "arguments without ignore_case = true: {missing:?}");
    }
}
