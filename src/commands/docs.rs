//! Documentation generated from the clap definitions: shell completions and man pages. The
//! committed `completions/` and `man/` come from here (a test keeps them fresh), and
//! `sirt completions SHELL` prints the same at run time.

use clap::{Args, ValueEnum};
use clap_complete::Shell;

use super::Ctx;

/// Print shell completions for sirt (bash, zsh, fish, powershell, elvish)
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

    fn shell(self) -> Shell {
        match self {
            ShellName::Bash => Shell::Bash,
            ShellName::Zsh => Shell::Zsh,
            ShellName::Fish => Shell::Fish,
            ShellName::Powershell => Shell::PowerShell,
            ShellName::Elvish => Shell::Elvish,
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

/// The completion script for one shell.
pub fn completions(shell: ShellName) -> Vec<u8> {
    let mut bytes = Vec::new();
    clap_complete::generate(shell.shell(), &mut super::command(), "sirt", &mut bytes);
    bytes
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
    (
        "STORE/incidents/XX/INC\\-....toml",
        "One incident: an append\\-only log of events. XX: the two characters after INC\\- (before sirt upgrade: STORE/incidents/INC\\-....toml).",
    ),
    (
        "STORE/tenants/XX/ID.toml",
        "One tenant: contacts, regions, regimes, contractual limit. XX: two hex digits of a hash of the id.",
    ),
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
        "sirt-adopt" => &["sirt adopt incidents/7K/INC\\-7K3M\\-9QX2.toml"],
        "sirt-tenant-import" => &["sirt tenant import tenants.csv"],
        "sirt-verify" => &[
            "sirt verify",
            "sirt verify \\-\\-since last \\-\\-format json",
            "sirt verify \\-\\-bundle evidence.tar",
        ],
        "sirt-export" => &["sirt export 7K3M \\-\\-bundle evidence.tar"],
        "sirt-completions" => &["sirt completions bash > ~/.local/share/bash\\-completion/completions/sirt"],
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
