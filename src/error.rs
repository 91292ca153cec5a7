//! Errors a user can cause, with the command that puts things right, and the exit codes.

use std::fmt;

/// Exit codes, as documented in README.
pub mod exit {
    pub const OK: i32 = 0;
    pub const ERROR: i32 = 1;
    pub const USAGE: i32 = 2;
    /// A check (`deadlines --check`, `tenant check --check`) found something that needs attention.
    pub const ATTENTION: i32 = 3;
    /// A check could not read every record it should have, so it cannot say "all clear".
    pub const INCOMPLETE: i32 = 4;
}

/// A refusal or a problem the user can fix: printed as `error: …` and `hint: …`.
#[derive(Debug, Clone, PartialEq)]
pub struct UserError {
    pub message: String,
    pub hint: Option<String>,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> Self {
        UserError { message: message.into(), hint: None }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

impl From<crate::model::Refusal> for UserError {
    fn from(refusal: crate::model::Refusal) -> Self {
        UserError { message: refusal.message, hint: refusal.hint }
    }
}

/// Whether the error is a write to a closed pipe (`sirt list | head`), which is not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
