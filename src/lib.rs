//! sirt: security incident response tracker.
//!
//! Layout: `commands` (the command line, one file per subcommand) uses `model` (domain types,
//! no I/O), `store` (the git-backed files; `store::git` is the only code that talks to git) and
//! `output` (the only code that prints). `clock` is the only code that reads the time.

pub mod clock;
pub mod commands;
pub mod error;
pub mod model;
pub mod ops;
pub mod output;
pub mod parallel;
pub mod render;
pub mod store;
pub mod text;

use clap::Parser;

use error::{UserError, exit, is_broken_pipe};
use output::Ui;

/// Runs the command line of this process and returns its exit code.
pub fn main_entry() -> i32 {
    // The store holds names, emails and phone numbers: everything sirt creates is private.
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
    // A TAB in a shell: answered and exited before anything else runs.
    commands::docs::complete_when_asked();
    let cli = match commands::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // A subcommand's arguments and description are built only once it is chosen (see
            // `commands::Command`); help or an error that lists subcommands is made again from
            // the whole definition.
            let e = commands::command().try_get_matches().err().unwrap_or(e);
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    let ui = Ui::new(cli.color);
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => exit::OK,
        Err(error) => {
            report_error(&ui, &error);
            exit::ERROR
        }
    }
}

/// Prints an error as `error:` and, where there is one, `hint:`.
pub fn report_error(ui: &Ui, error: &anyhow::Error) {
    match error.chain().find_map(|cause| cause.downcast_ref::<UserError>()) {
        Some(user) => {
            // Context added on the way up tells where; the user error tells what and what next.
            let outer = error.to_string();
            let message = if outer == user.message {
                user.message.clone()
            } else {
                format!("{outer}: {}", user.message)
            };
            ui.error(&message, user.hint.as_deref())
        }
        None => ui.error(&format!("{error:#}"), None),
    }
}
