//! The only code that prints: data to stdout (tables, JSON, CSV), messages to stderr.

mod progress;

pub use progress::{Progress, Steps};

use crate::text::escape_controls;
use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
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
    /// The width tables must fit: only on a terminal that reports a size (or with `COLUMNS`).
    width: Option<usize>,
}

/// How a table gives way on a narrow terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fit<'a> {
    /// Headers of the columns that may be left out, the first to go first; the others always stay.
    pub drop: &'a [&'a str],
    /// Headers of the columns whose cells may be cut short with `…`; `None`: every column.
    pub shrink: Option<&'a [&'a str]>,
}

/// The width of the terminal on stdout, or `None` when stdout is not one or it reports no size
/// (a 0×0 pseudo-terminal): then tables print in full. `COLUMNS` wins, as in most tools.
fn terminal_width(terminal: bool) -> Option<usize> {
    if !terminal {
        return None;
    }
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok())
        && columns > 0
    {
        return Some(columns);
    }
    match terminal_size::terminal_size() {
        Some((terminal_size::Width(w), terminal_size::Height(h))) if w > 0 && h > 0 => Some(w.into()),
        _ => None,
    }
}

fn text_width(text: &str) -> usize {
    text.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The cell cut to `width` columns, each line ending in `…` where it was cut; a cut never leaves
/// a dangling separator before the `…`.
fn truncate(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    let cut = |line: &str| -> String {
        if unicode_width::UnicodeWidthStr::width(line) <= width {
            return line.to_string();
        }
        let mut out = String::new();
        let mut used = 0;
        for c in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        let kept = out.trim_end_matches([' ', ',', ';', ':', '/', '-']).len();
        out.truncate(kept);
        out.push('…');
        out
    };
    text.lines().map(cut).collect::<Vec<_>>().join("\n")
}

/// A value cut to `width` columns (its first line): at the last space that fits when that keeps at least half of
/// the room (a word is not split), else within the one long word; `…` marks the cut, and a
/// separator left dangling before it goes. Text with escapes (bold) is measured without them.
fn fit_line(value: &str, width: usize) -> String {
    let plain = anstream::adapter::strip_str(value).to_string();
    let mut lines = plain.lines();
    let line = lines.next().unwrap_or_default();
    let more = lines.next().is_some();
    let line_width = unicode_width::UnicodeWidthStr::width(line);
    if line_width <= width && !more {
        return value.to_string();
    }
    // Only one line fits on a field's line; the rest is marked as cut.
    if line_width < width {
        return format!("{}…", line.trim_end());
    }
    let mut end = 0;
    let mut used = 0;
    let mut space = None;
    for (at, c) in line.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        if c == ' ' {
            space = Some((at, used));
        }
        used += w;
        end = at + c.len_utf8();
    }
    let cut = match space {
        Some((at, columns)) if columns * 2 >= width => at,
        _ => end,
    };
    let kept = line[..cut].trim_end_matches([' ', ',', ';', ':', '/', '-', '—', '(']);
    format!("{kept}…")
}

/// Which columns to show and how wide, so that the table is at most `total` columns wide. Each
/// column takes its width plus two of padding, and one between columns.
fn layout(headers: &[&str], rows: &[Vec<(String, Tone)>], fit: Fit, total: usize) -> Vec<(usize, usize)> {
    let natural: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|(t, _)| text_width(t))
                .chain([text_width(headers[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let shrinks = |i: usize| fit.shrink.is_none_or(|s| s.contains(&headers[i]));
    let least = |i: usize| {
        if shrinks(i) { natural[i].min(text_width(headers[i]).max(6)) } else { natural[i] }
    };
    // Columns drop while the ones that may shrink would have to go below a readable width.
    let readable = |i: usize| {
        if shrinks(i) { natural[i].min(text_width(headers[i]).max(20)) } else { natural[i] }
    };
    let total = total + 1;
    let mut shown: Vec<usize> = (0..headers.len()).collect();
    let mut drops = fit.drop.iter();
    while shown.iter().map(|&i| readable(i) + 3).sum::<usize>() > total {
        let Some(next) = drops.next() else { break };
        if shown.len() > 1 {
            shown.retain(|&i| headers[i] != *next);
        }
    }
    let mut widths: Vec<(usize, usize)> = shown.iter().map(|&i| (i, natural[i])).collect();
    let sum = |w: &[(usize, usize)]| w.iter().map(|(_, w)| w + 3).sum::<usize>();
    while sum(&widths) > total {
        // The widest column that may still give way; failing that, any column wider than 1.
        let pick = widths
            .iter()
            .enumerate()
            .filter(|(_, (i, w))| shrinks(*i) && *w > least(*i))
            .max_by_key(|(_, (_, w))| *w)
            .or_else(|| widths.iter().enumerate().filter(|(_, (_, w))| *w > 1).max_by_key(|(_, (_, w))| *w))
            .map(|(k, _)| k);
        match pick {
            Some(k) => widths[k].1 -= 1,
            None => break,
        }
    }
    widths
}

/// Whether to colour a stream. `--color always`/`never` decide; otherwise anstream's reading of
/// the environment, as clap and cargo do: `NO_COLOR` (set and not empty) turns colour off, then
/// `CLICOLOR_FORCE` turns it on even when piped, `CLICOLOR=0` off, and a terminal whose `TERM`
/// supports colour gets it.
fn wants_color(choice: ColorChoice, stream: &impl anstream::stream::RawStream) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never,
    }
}

const BOLD: Style = Style::new().bold();
const ALARM: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const CAUTION: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const GOOD: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const DIM: Style = Style::new().dimmed();
const WARNING: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const HINT: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

fn paint(text: &str, style: Style, on: bool) -> String {
    if on { format!("{style}{text}{style:#}") } else { text.to_string() }
}

impl Ui {
    pub fn new(choice: ColorChoice) -> Ui {
        let terminal = io::stdout().is_terminal();
        Ui {
            color_out: wants_color(choice, &io::stdout()),
            color_err: wants_color(choice, &io::stderr()),
            terminal,
            width: terminal_width(terminal),
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
        paint(text, BOLD, self.color_out)
    }

    pub fn toned(&self, text: &str, tone: Tone) -> String {
        let style = match tone {
            Tone::Plain => return text.to_string(),
            Tone::Alarm => ALARM,
            Tone::Caution => CAUTION,
            Tone::Good => GOOD,
            Tone::Dim => DIM,
        };
        paint(text, style, self.color_out)
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

    /// A JSON array written item by item as they come (the same text as `json` of a list), so a
    /// long report never sits in memory whole.
    pub fn json_stream<T: Serialize>(&self, items: impl Iterator<Item = T>) -> anyhow::Result<()> {
        let mut out = io::BufWriter::new(io::stdout().lock());
        // io::Error::from keeps a broken pipe a broken pipe (quiet), not a JSON error.
        serde::Serializer::collect_seq(&mut serde_json::Serializer::pretty(&mut out), items)
            .map_err(io::Error::from)?;
        out.write_all(b"\n")?;
        Ok(out.flush()?)
    }

    /// CSV rows written as they come.
    pub fn csv_stream(
        &self,
        headers: &[&str],
        rows: impl Iterator<Item = Vec<String>>,
    ) -> anyhow::Result<()> {
        let mut writer = csv::Writer::from_writer(io::stdout().lock());
        writer.write_record(headers)?;
        for row in rows {
            writer.write_record(&row)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// A table of rows; each cell may carry a tone. On a terminal it fits the width, cutting the
    /// widest cells short; piped, it prints in full.
    pub fn table(&self, headers: &[&str], rows: Vec<Vec<(String, Tone)>>) -> io::Result<()> {
        self.table_fit(headers, rows, Some(Fit::default()))
    }

    /// A table that gives way as `fit` says on a terminal; `None`: in full even there.
    pub fn table_fit(
        &self,
        headers: &[&str],
        rows: Vec<Vec<(String, Tone)>>,
        fit: Option<Fit>,
    ) -> io::Result<()> {
        if let (Some(fit), Some(total)) = (fit, self.width) {
            let columns = layout(headers, &rows, fit, total);
            let headers: Vec<String> = columns.iter().map(|&(i, w)| truncate(headers[i], w)).collect();
            let rows = rows
                .into_iter()
                .map(|row| {
                    columns
                        .iter()
                        .map(|&(i, w)| {
                            row.get(i).map(|(t, tone)| (truncate(t, w), *tone)).unwrap_or_default()
                        })
                        .collect()
                })
                .collect();
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            return self.render_table(&headers, rows);
        }
        self.render_table(headers, rows)
    }

    fn render_table(&self, headers: &[&str], rows: Vec<Vec<(String, Tone)>>) -> io::Result<()> {
        match self.plain_table(headers, &rows) {
            Some(text) => self.line(&text),
            None => self.line(&self.comfy_table(headers, rows)),
        }
    }

    fn comfy_table(&self, headers: &[&str], rows: Vec<Vec<(String, Tone)>>) -> String {
        let mut table = Table::new();
        // Borderless, with one rule under the header: reads well in a terminal and in a pasted ticket.
        table.load_preset(presets::NOTHING);
        table.set_style(TableComponent::HeaderLines, '─');
        table.set_style(TableComponent::MiddleHeaderIntersections, '─');
        // Cells are cut to fit beforehand (see `table_fit`): comfy-table never wraps them mid-token.
        table.set_content_arrangement(ContentArrangement::Disabled);
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
        table.to_string()
    }

    /// Without colour and with one-line printable ASCII cells, the table comfy-table would draw,
    /// drawn directly: `list --all` of 10,000 incidents spent a third of its time in comfy-table.
    fn plain_table(&self, headers: &[&str], rows: &[Vec<(String, Tone)>]) -> Option<String> {
        let plain = |text: &str| text.bytes().all(|b| (b' '..=b'~').contains(&b));
        if self.color_out
            || !headers.iter().all(|h| plain(h))
            || !rows.iter().all(|row| row.len() == headers.len() && row.iter().all(|(text, _)| plain(text)))
        {
            return None;
        }
        let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
        for row in rows {
            for (width, (text, _)) in widths.iter_mut().zip(row) {
                *width = (*width).max(text.len());
            }
        }
        // Each cell padded by a space either side, columns parted by a space (the preset's
        // blank rule), the header underlined across the whole width.
        let line_width: usize = widths.iter().map(|w| w + 3).sum::<usize>().saturating_sub(1);
        let mut out = String::with_capacity((line_width + 1) * (rows.len() + 2));
        let push_row = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
            for (n, (width, text)) in widths.iter().zip(cells).enumerate() {
                out.push_str(if n == 0 { " " } else { "  " });
                out.push_str(text);
                out.extend(std::iter::repeat_n(' ', width - text.len() + 1));
            }
        };
        push_row(&mut out, &mut headers.iter().copied());
        out.push('\n');
        out.extend(std::iter::repeat_n('─', line_width));
        for row in rows {
            out.push('\n');
            push_row(&mut out, &mut row.iter().map(|(text, _)| text.as_str()));
        }
        Some(out)
    }

    /// Label/value lines, labels aligned.
    pub fn fields(&self, fields: &[(&str, String)]) -> io::Result<()> {
        self.print_fields(fields, None)
    }

    /// Label/value lines that fit the terminal: a value too long for its line is cut at a word
    /// boundary with `…` (`show`); piped, or on a terminal of no size, every value is whole.
    pub fn fields_fitted(&self, fields: &[(&str, String)]) -> io::Result<()> {
        self.print_fields(fields, self.width)
    }

    /// One line cut to the terminal's width at a word, with `…`; whole when piped.
    pub fn fitted(&self, line: &str) -> String {
        match self.width {
            Some(width) => fit_line(line, width),
            None => line.to_string(),
        }
    }

    fn print_fields(&self, fields: &[(&str, String)], fit: Option<usize>) -> io::Result<()> {
        let width = fields.iter().map(|(label, _)| text_width(label)).max().unwrap_or(0);
        // A value keeps at least a few words however narrow the terminal.
        let room = fit.map(|total| total.saturating_sub(width + 2).max(12));
        let mut text = String::new();
        for (label, value) in fields {
            let padded = format!("{label:width$}");
            let value = match room {
                Some(room) => fit_line(value, room),
                None => value.clone(),
            };
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
            paint("warning:", WARNING, self.color_err),
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
            writeln!(io::stderr(), "{} {}", paint("hint:", HINT, self.color_err), escape_controls(message));
    }

    pub fn error(&self, message: &str, hint: Option<&str>) {
        let _ =
            writeln!(io::stderr(), "{} {}", paint("error:", ALARM, self.color_err), escape_controls(message));
        if let Some(hint) = hint {
            self.hint(hint);
        }
    }
}

/// Rows without tones, for commands whose tables carry no status.
pub fn plain_rows(rows: &[Vec<String>]) -> Vec<Vec<(String, Tone)>> {
    rows.iter().map(|row| row.iter().map(|cell| (cell.clone(), Tone::Plain)).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::{Tone, Ui, fit_line};

    #[test]
    fn a_plain_table_is_drawn_as_comfy_table_draws_it() {
        let ui = Ui { color_out: false, color_err: false, terminal: false, width: None };
        let cells = |rows: &[&[&str]]| -> Vec<Vec<(String, Tone)>> {
            rows.iter().map(|r| r.iter().map(|c| (c.to_string(), Tone::Plain)).collect()).collect()
        };
        type Rows = Vec<Vec<(String, Tone)>>;
        let tables: [(&[&str], Rows); 4] = [
            (
                &["ID", "SEV", "TITLE"],
                cells(&[&["INC-7K3M-9QX2", "sev1", "token reuse"], &["INC-1", "", "x"]]),
            ),
            (&["A LONG HEADER", "B"], cells(&[&["a", "b b  b"]])),
            (&["ONLY"], cells(&[&["one"], &["two words"]])),
            (&["EMPTY", "TABLE"], Vec::new()),
        ];
        for (headers, rows) in tables {
            let plain = ui.plain_table(headers, &rows).expect("plain cells");
            assert_eq!(plain, ui.comfy_table(headers, rows));
        }
        // Anything else is left to comfy-table.
        assert!(ui.plain_table(&["A"], &cells(&[&["tenant → regulator"]])).is_none());
        assert!(ui.plain_table(&["A"], &cells(&[&["two\nlines"]])).is_none());
    }

    #[test]
    fn a_field_is_cut_at_a_word_and_marked() {
        let text = "2 tenants: Contoso Limited (contoso), Northwind Traders (northwind)";
        assert_eq!(fit_line(text, 80), text);
        assert_eq!(fit_line(text, 40), "2 tenants: Contoso Limited (contoso)…");
        // One long word: cut inside it, as there is no better place.
        assert_eq!(fit_line("security-operations@contoso.example", 12), "security-op…");
        // A separator does not dangle before the mark.
        assert_eq!(fit_line("2026-11-20 09:00Z — contained the host", 19), "2026-11-20 09:00Z…");
        // A second line is not shown, and says so.
        assert_eq!(fit_line("first line\nsecond", 40), "first line…");
    }

    #[test]
    fn escapes_are_not_counted_and_wide_characters_are() {
        let bold = "\u{1b}[1mINC-7K3M-9QX2\u{1b}[0m";
        assert_eq!(fit_line(bold, 13), bold);
        assert_eq!(fit_line("事件 事件 事件", 8), "事件…");
        assert_eq!(fit_line("事件 事件 事件", 10), "事件 事件…");
        assert!(unicode_width::UnicodeWidthStr::width(fit_line("事件事件事件事件", 7).as_str()) <= 7);
    }
}
