//! The only code that prints: data to stdout (tables, JSON, CSV), messages to stderr.

use crate::text::escape_controls;
use std::io::{self, IsTerminal, Write};

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, TableComponent, presets};
use serde::Serialize;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// `--format` of the reading commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// How a table cell stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Alarm,
    Caution,
    Good,
    Dim,
}

pub struct Ui {
    color_out: bool,
    color_err: bool,
    terminal: bool,
}

fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn paint(text: &str, code: &str, on: bool) -> String {
    if on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}

impl Ui {
    pub fn new(choice: ColorChoice) -> Ui {
        let terminal = io::stdout().is_terminal();
        Ui {
            color_out: wants_color(choice, terminal),
            color_err: wants_color(choice, io::stderr().is_terminal()),
            terminal,
        }
    }

    /// Whether stdout is a person's terminal (for progress bars and summaries).
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    pub fn colored(&self) -> bool {
        self.color_out
    }

    /// Text for stdout, bold when colour is on.
    pub fn bold(&self, text: &str) -> String {
        paint(text, "1", self.color_out)
    }

    pub fn toned(&self, text: &str, tone: Tone) -> String {
        let code = match tone {
            Tone::Plain => return text.to_string(),
            Tone::Alarm => "1;31",
            Tone::Caution => "33",
            Tone::Good => "32",
            Tone::Dim => "2",
        };
        paint(text, code, self.color_out)
    }

    /// Writes text to stdout as is.
    pub fn print(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    pub fn line(&self, text: &str) -> io::Result<()> {
        self.print(&format!("{text}\n"))
    }

    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let mut text = serde_json::to_string_pretty(value)?;
        text.push('\n');
        Ok(self.print(&text)?)
    }

    pub fn csv(&self, headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
        let mut writer = csv::Writer::from_writer(io::stdout().lock());
        writer.write_record(headers)?;
        for row in rows {
            writer.write_record(row)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// A table of rows; each cell may carry a tone.
    pub fn table(&self, headers: &[&str], rows: Vec<Vec<(String, Tone)>>) -> io::Result<()> {
        let mut table = Table::new();
        // Borderless, with one rule under the header: reads well in a terminal and in a pasted ticket.
        table.load_preset(presets::NOTHING);
        table.set_style(TableComponent::HeaderLines, '─');
        table.set_style(TableComponent::MiddleHeaderIntersections, '─');
        if self.terminal {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        table.set_header(headers.iter().map(|h| {
            let cell = Cell::new(h);
            if self.color_out { cell.add_attribute(comfy_table::Attribute::Bold) } else { cell }
        }));
        for row in rows {
            table.add_row(row.into_iter().map(|(text, tone)| {
                let cell = Cell::new(text).set_alignment(CellAlignment::Left);
                match (self.color_out, tone) {
                    (false, _) | (_, Tone::Plain) => cell,
                    (true, Tone::Alarm) => cell.fg(Color::Red).add_attribute(comfy_table::Attribute::Bold),
                    (true, Tone::Caution) => cell.fg(Color::Yellow),
                    (true, Tone::Good) => cell.fg(Color::Green),
                    (true, Tone::Dim) => cell.add_attribute(comfy_table::Attribute::Dim),
                }
            }));
        }
        if self.color_out {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        self.line(&table.to_string())
    }

    /// Label/value lines, labels aligned.
    pub fn fields(&self, fields: &[(&str, String)]) -> io::Result<()> {
        let width = fields.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
        let mut text = String::new();
        for (label, value) in fields {
            let padded = format!("{label:width$}");
            text.push_str(&format!("{}  {value}\n", self.bold(&padded)));
        }
        self.print(&text)
    }

    /// A status message on stderr: what was done.
    // Messages can quote input (an actor, a file's line, a tenant id): control characters are
    // escaped on their way to the terminal, so input never drives it.
    pub fn status(&self, message: &str) {
        let _ = writeln!(io::stderr(), "{}", escape_controls(message));
    }

    pub fn warn(&self, message: &str) {
        let _ = writeln!(
            io::stderr(),
            "{} {}",
            paint("warning:", "1;33", self.color_err),
            escape_controls(message)
        );
    }

    /// One warning per store file that could not be read; the command goes on without it.
    pub fn skipped(&self, warnings: &[String]) {
        for warning in warnings {
            self.warn(&format!("skipped {warning}"));
        }
    }

    /// Says that a check could not read everything it should have.
    pub fn incomplete(&self, unreadable: usize) {
        self.warn(&format!(
            "the check is incomplete: {unreadable} record(s) could not be read, so it cannot say all is well"
        ));
    }

    pub fn hint(&self, message: &str) {
        let _ =
            writeln!(io::stderr(), "{} {}", paint("hint:", "1;36", self.color_err), escape_controls(message));
    }

    pub fn error(&self, message: &str, hint: Option<&str>) {
        let _ = writeln!(
            io::stderr(),
            "{} {}",
            paint("error:", "1;31", self.color_err),
            escape_controls(message)
        );
        if let Some(hint) = hint {
            self.hint(hint);
        }
    }
}

/// A progress line on stderr for long runs: shown only on a terminal and for at least
/// `threshold` items, updated every `every` items.
pub struct Progress {
    label: String,
    threshold: usize,
    every: usize,
    terminal: bool,
    total: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// Reports `done` of `total` (callable from several threads).
    pub fn update(&self, done: usize, total: usize) {
        self.total.store(total, std::sync::atomic::Ordering::Relaxed);
        if self.terminal && total >= self.threshold && done.is_multiple_of(self.every) {
            let _ = write!(io::stderr(), "\r{}: {done}/{total}", self.label);
        }
    }

    /// Ends the line with the total, if it was shown.
    pub fn finish(&self) {
        let total = self.total.load(std::sync::atomic::Ordering::Relaxed);
        if self.terminal && total >= self.threshold {
            let _ = writeln!(io::stderr(), "\r{}: {total}/{total}", self.label);
        }
    }
}

impl Ui {
    /// A progress line, e.g. `rendering drafts (tenants): 300/10000`.
    pub fn progress(&self, label: &str, threshold: usize, every: usize) -> Progress {
        Progress {
            label: label.to_string(),
            threshold,
            every: every.max(1),
            terminal: io::stderr().is_terminal(),
            total: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

/// Rows without tones, for commands whose tables carry no status.
pub fn plain_rows(rows: &[Vec<String>]) -> Vec<Vec<(String, Tone)>> {
    rows.iter().map(|row| row.iter().map(|cell| (cell.clone(), Tone::Plain)).collect()).collect()
}
