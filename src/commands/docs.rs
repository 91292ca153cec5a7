//! Documentation generated from the clap definitions: shell completions and man pages. The
//! committed `completions/` and `man/` come from here (a test keeps them fresh), and
//! `sirt completions SHELL` prints the same at run time.
//!
//! Completions are dynamic (clap_complete's `CompleteEnv`): the script a shell sources calls
//! `COMPLETE=SHELL sirt -- WORDS…` at each TAB, and sirt answers with subcommands, options and
//! values, incident, tenant and regime ids included, read from the store the command line names.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::Ctx;
use crate::model::id;
use crate::store::{self, Store};

/// Print shell completions for sirt (bash, zsh, fish, powershell, elvish)
///
/// The script asks sirt itself at each TAB, so it offers the incident, tenant and regime ids of
/// the current store (--store, SIRT_STORE or the default one). Load it in bash with
/// `source <(sirt completions bash)`, in zsh with `source <(sirt completions zsh)`, and in fish
/// with `sirt completions fish | source`; `sirt` must be on PATH.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(ignore_case = true, value_enum)]
    pub shell: ShellName,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShellName {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl ShellName {
    pub const ALL: [ShellName; 5] =
        [ShellName::Bash, ShellName::Zsh, ShellName::Fish, ShellName::Powershell, ShellName::Elvish];

    fn shell(self) -> &'static dyn EnvCompleter {
        match self {
            ShellName::Bash => &Bash,
            ShellName::Zsh => &Zsh,
            ShellName::Fish => &Fish,
            ShellName::Powershell => &Powershell,
            ShellName::Elvish => &Elvish,
        }
    }

    /// The file name the completions are committed under in `completions/`.
    pub fn file_name(self) -> &'static str {
        match self {
            ShellName::Bash => "sirt.bash",
            ShellName::Zsh => "_sirt",
            ShellName::Fish => "sirt.fish",
            ShellName::Powershell => "_sirt.ps1",
            ShellName::Elvish => "sirt.elv",
        }
    }
}

pub fn run(ctx: &Ctx, args: CompletionsArgs) -> anyhow::Result<()> {
    ctx.ui.print(&String::from_utf8_lossy(&completions(args.shell)))?;
    Ok(())
}

/// The completion script for one shell: it registers `sirt` with the shell and calls `sirt` (from
/// PATH) back with `COMPLETE=SHELL` at each TAB.
pub fn completions(shell: ShellName) -> Vec<u8> {
    let mut bytes = Vec::new();
    shell
        .shell()
        .write_registration(COMPLETE, "sirt", "sirt", "sirt", &mut bytes)
        .expect("writing to memory");
    bytes
}

/// The variable that turns a run of sirt into a completion request.
const COMPLETE: &str = "COMPLETE";

/// Answers a completion request (`COMPLETE=SHELL sirt -- WORDS…`) and exits; returns at once on
/// any other run. Runs before the command line is parsed, so nothing else prints first.
pub fn complete_when_asked() {
    clap_complete::CompleteEnv::with_factory(completing_command).var(COMPLETE).complete();
}

/// What an argument names, for completion from the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    Incident,
    Tenant,
    Regime,
}

/// Which argument of which (sub)command names incidents, tenants or regimes; `path` is the
/// subcommand path (`["tenant", "show"]`), `arg` clap's id of the argument (its field's name).
fn names(path: &[&str], arg: &str) -> Option<Names> {
    match (path, arg) {
        (_, "tenants" | "tenant") => Some(Names::Tenant),
        (_, "regime") | (["regimes"], "id") => Some(Names::Regime),
        // A new tenant's id is made up, not completed.
        (["tenant", "add"], _) => None,
        (["tenant", ..], "id" | "ids") => Some(Names::Tenant),
        (["init" | "config" | "clone" | "demo" | "completions", ..], _) => None,
        (_, "id" | "incident") => Some(Names::Incident),
        _ => None,
    }
}

/// The command line with a store-reading completer on every argument that names an id.
pub fn completing_command() -> clap::Command {
    fn attach(mut command: clap::Command, path: &mut Vec<String>) -> clap::Command {
        let path_words: Vec<&str> = path.iter().map(String::as_str).collect();
        let named: Vec<(String, Names)> = command
            .get_arguments()
            .filter_map(|a| names(&path_words, a.get_id().as_str()).map(|n| (a.get_id().to_string(), n)))
            .collect();
        for (arg, what) in named {
            command = command.mut_arg(arg, |a| {
                a.add(ArgValueCompleter::new(move |typed: &OsStr| candidates(what, typed)))
            });
        }
        let subcommands: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in subcommands {
            path.push(name.clone());
            command = command.mut_subcommand(name, |sub| attach(sub, path));
            path.pop();
        }
        command
    }
    attach(super::command(), &mut Vec::new())
}

/// The ids of `what` in the store that start with `typed` (an incident's with or without `INC-`,
/// in any case). Any failure (no store, an unreadable one) offers nothing: a TAB never prints
/// an error, and nothing is written.
fn candidates(what: Names, typed: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = typed.to_str() else { return Vec::new() };
    let Some(store) = completion_store() else { return Vec::new() };
    let ids: Vec<String> = match what {
        Names::Incident => {
            let wanted = id::canonical(typed);
            let ids = store.incident_ids().unwrap_or_default();
            ids.into_iter().filter(|id| id::canonical(id).starts_with(&wanted)).collect()
        }
        Names::Tenant => {
            let wanted = typed.to_ascii_lowercase();
            store.tenant_ids().unwrap_or_default().into_iter().filter(|id| id.starts_with(&wanted)).collect()
        }
        Names::Regime => {
            let wanted = typed.to_ascii_lowercase();
            let catalog = store.settings.catalog();
            catalog.regimes.into_iter().map(|r| r.id).filter(|id| id.starts_with(&wanted)).collect()
        }
    };
    ids.into_iter().map(CompletionCandidate::new).collect()
}

/// The store a command on this line would use: `--store` among the words being completed, else
/// `SIRT_STORE`, else the config file's, else the default one if it exists (never created here).
fn completion_store() -> Option<Store> {
    let dir = store_in_words(std::env::args().skip_while(|a| a != "--"))
        .or_else(|| std::env::var_os("SIRT_STORE").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| super::configured_store().ok().flatten())
        .or_else(|| super::default_store_dir().ok().filter(|d| store::is_store(d)))?;
    Store::open(&dir).ok()
}

/// `--store DIR` or `--store=DIR` among the words, `~/` read as the home directory as the shell
/// would when running the command.
fn store_in_words(words: impl Iterator<Item = String>) -> Option<PathBuf> {
    let mut words = words.peekable();
    let mut found = None;
    while let Some(word) = words.next() {
        if word == "--store" {
            found = words.peek().cloned();
        } else if let Some(dir) = word.strip_prefix("--store=") {
            found = Some(dir.to_string());
        }
    }
    let dir = found.filter(|d| !d.is_empty())?;
    match dir.strip_prefix("~/").zip(dirs::home_dir()) {
        Some((rest, home)) => Some(home.join(rest)),
        None => Some(PathBuf::from(dir)),
    }
}

/// `(file name, page)` for `sirt` and for each subcommand, nested ones included
/// (`sirt-tenant-add.1`), with EXIT STATUS, ENVIRONMENT, FILES and EXAMPLES sections.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn add(pages: &mut Vec<(String, Vec<u8>)>, command: &clap::Command, name: String) {
        let man = clap_mangen::Man::new(command.clone().name(name.clone()));
        let mut page = Vec::new();
        man.render(&mut page).expect("rendering to memory does not fail");
        page.extend_from_slice(extra_sections(&name).as_bytes());
        pages.push((format!("{name}.1"), page));
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            add(pages, sub, format!("{name}-{}", sub.get_name()));
        }
    }
    let mut command = super::command();
    command.build();
    let mut pages = Vec::new();
    add(&mut pages, &command, "sirt".into());
    pages
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success; also when the reader of a pipe goes away."),
    (
        "1",
        "An error: an error: line on standard error, and a hint: line with the command to run where there is one.",
    ),
    ("2", "A usage error: an unknown command or option, or a missing argument."),
    (
        "3",
        "A check found something that needs attention (deadlines \\-\\-check, tenant check \\-\\-check, verify).",
    ),
    (
        "4",
        "A check could not read every record it should have, or verify could not check a signature, so it cannot say all is well.",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("SIRT_STORE", "The store to use, as \\-\\-store."),
    ("SIRT_ACTOR", "Who is recording, as \\-\\-actor; else git's user.name and user.email."),
    (
        "SIRT_NOW",
        "Pins the clock (RFC 3339): tests, replays, what a command would have said at another time.",
    ),
    ("SIRT_SEED", "Pins the random source, so new ids are the same on every run."),
    ("NO_COLOR", "No colour unless \\-\\-color always."),
    ("TZ", "The zone local times are read and shown in."),
    ("VISUAL, EDITOR", "The editor of sirt edit."),
];

const FILES: &[(&str, &str)] = &[
    ("STORE/sirt.toml", "The store's settings."),
    ("STORE/incidents/INC\\-....toml", "One incident: an append\\-only log of events."),
    ("STORE/tenants/ID.toml", "One tenant: contacts, regions, regimes, contractual limit."),
    ("STORE/templates/", "Templates that replace the built\\-in notification drafts."),
    ("STORE/allowed_signers", "The keys whose signatures the store accepts (ssh\\-keygen's format)."),
    ("STORE/.git/sirt\\-verified", "The last tip this clone verified clean, for sirt verify."),
    ("~/.config/sirt/config.toml", "The user's default store: store = \"/path\"."),
];

/// Examples per page; the main page shows a walk through an incident.
fn examples(page: &str) -> &'static [&'static str] {
    match page {
        "sirt" => &[
            "sirt init ~/incidents",
            "ID=$(sirt detect \"Unusual sign\\-ins\" \\-\\-severity sev1)",
            "sirt engage $ID oce \"Ana Lima\"",
            "sirt confirm $ID",
            "sirt affected $ID contoso fabrikam",
            "sirt deadlines \\-\\-check || page\\-oncall",
        ],
        "sirt-detect" => {
            &["sirt detect \"Port scan\" \\-\\-severity sev3 \\-\\-source monitoring \\-\\-at \"2h ago\""]
        }
        "sirt-confirm" => &["sirt confirm 7K3M", "sirt confirm 7K3M \\-\\-at \"2026\\-11\\-20 09:40\""],
        "sirt-affected" => {
            &["sirt affected 7K3M contoso fabrikam", "sirt affected 7K3M \\-\\-from\\-file ids.txt"]
        }
        "sirt-notified" => &["sirt notified 7K3M contoso \\-\\-via email\\-admin \\-\\-ref \"case 4711\""],
        "sirt-deadlines" => &["sirt deadlines", "sirt deadlines \\-\\-check \\-\\-format json"],
        "sirt-correct" => &[
            "sirt correct 7K3M confirmed \\-\\-at \"2026\\-11\\-20 09:40\" \\-\\-reason \"the call was at 09:40\"",
        ],
        "sirt-retract" => &["sirt retract 7K3M confirmed \\-\\-reason \"a red\\-team exercise\""],
        "sirt-adopt" => &["sirt adopt incidents/INC\\-7K3M\\-9QX2.toml"],
        "sirt-tenant-import" => &["sirt tenant import tenants.csv"],
        "sirt-verify" => &[
            "sirt verify",
            "sirt verify \\-\\-since last \\-\\-format json",
            "sirt verify \\-\\-bundle evidence.tar",
        ],
        "sirt-export" => &["sirt export 7K3M \\-\\-bundle evidence.tar"],
        "sirt-completions" => &[
            "source <(sirt completions bash)    # in ~/.bashrc",
            "sirt completions fish > ~/.config/fish/completions/sirt.fish",
            "source <(sirt completions zsh)    # in ~/.zshrc, after compinit",
        ],
        _ => &[],
    }
}

fn extra_sections(page: &str) -> String {
    let mut roff = String::new();
    let mut section = |title: &str, items: &[(&str, &str)]| {
        roff.push_str(&format!(".SH \"{title}\"\n"));
        for (term, text) in items {
            roff.push_str(&format!(".TP\n\\fB{term}\\fR\n{text}\n"));
        }
    };
    section("EXIT STATUS", EXIT_STATUS);
    section("ENVIRONMENT", ENVIRONMENT);
    section("FILES", FILES);
    let examples = examples(page);
    if !examples.is_empty() {
        roff.push_str(".SH EXAMPLES\n");
        for example in examples {
            roff.push_str(&format!(".PP\n.nf\n{example}\n.fi\n"));
        }
    }
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument that gets ids from the store, as `command path: argument → what`.
    fn completed(command: &clap::Command, path: &str, found: &mut Vec<String>) {
        for arg in command.get_arguments().filter(|a| a.get::<ArgValueCompleter>().is_some()) {
            let words: Vec<&str> = path.split(' ').filter(|w| !w.is_empty()).collect();
            found.push(format!(
                "{path}: {} → {:?}",
                arg.get_id(),
                names(&words, arg.get_id().as_str()).unwrap()
            ));
        }
        for sub in command.get_subcommands() {
            completed(sub, format!("{path} {}", sub.get_name()).trim(), found);
        }
    }

    #[test]
    fn ids_are_completed_where_a_command_takes_them_and_nowhere_else() {
        let mut found = Vec::new();
        completed(&completing_command(), "", &mut found);
        for expected in [
            "show: id → Incident",
            "affected: id → Incident",
            "affected: tenants → Tenant",
            "notify: tenants → Tenant",
            "deadlines: incident → Incident",
            "action done: id → Incident",
            "filed: regime → Regime",
            "regimes: id → Regime",
            "tenant show: id → Tenant",
            "tenant check: ids → Tenant",
            "tenant add: regime → Regime",
        ] {
            assert!(found.iter().any(|f| f == expected), "{expected} is missing from:\n{}", found.join("\n"));
        }
        for never in ["tenant add: id", "config", "init", "clone", "completions", "demo"] {
            assert!(!found.iter().any(|f| f.starts_with(never)), "{never}:\n{}", found.join("\n"));
        }
        // Every incident command: the ids of every command whose first argument is an incident.
        assert!(found.iter().filter(|f| f.ends_with("Incident")).count() >= 25, "{}", found.join("\n"));
    }
}
