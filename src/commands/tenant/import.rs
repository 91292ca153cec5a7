//! `sirt tenant import FILE.csv`: all or nothing, one commit for the whole file.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::commands::Ctx;
use crate::error::UserError;
use crate::model::regime::Catalog;
use crate::model::tenant::{COLUMNS, Tenant, TenantUpdate, check_slug};
use crate::model::tenant_csv::FieldChange;
use crate::ops;
use crate::store::Store;
use crate::text::one_line;

/// Import tenants from a CSV file with a header row; adds new tenants and updates the ones it names
#[derive(Debug, Args)]
#[command(after_long_help = "\
Columns (the header row names any of them; id is required):
  id              the tenant's id: lower-case letters, digits and dashes
  name            the customer's name
  admin_email     administrators' emails, separated by ;
  admin_name      their names, in the same order (; separated, a gap for none)
  admin_phone     their phones, in the same order
  privacy_email   the Global Privacy Contact's email
  privacy_name    the Global Privacy Contact's name
  region          data regions, separated by ;
  regime          regime ids from `sirt regimes`, separated by ;
  notify_within   the contractual notification limit, such as 24h
  language        the language of notifications, such as de
  timezone        an IANA zone such as Europe/Berlin

An empty cell leaves its field as it is; --clear-empty makes it clear the field.
`sirt tenant export` writes a file this command reads back.")]
pub struct ImportArgs {
    /// The CSV file, `-` for stdin; the columns are listed under --help
    pub file: PathBuf,
    /// Say what would change, tenant by tenant, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Let an empty cell clear its field (without this, empty cells leave fields alone)
    #[arg(long)]
    pub clear_empty: bool,
    /// List every tenant that changes, as --dry-run does (a large import otherwise shows the
    /// changes counted by field, and a few of them)
    #[arg(long, short)]
    pub verbose: bool,
}

/// Tenants whose changes a real import lists one by one; past this it counts them by field.
const EXAMPLES: usize = 5;
/// Invalid rows an error lists; the rest are counted.
const BAD_ROWS_SHOWN: usize = 20;

/// One bad row: its line in the file and what is wrong.
struct Bad {
    line: u64,
    reason: String,
}

pub fn run(ctx: &Ctx, args: ImportArgs) -> Result<()> {
    let bytes = crate::commands::read_input(&args.file)?;
    let rec = ctx.recorder()?;
    let catalog = Catalog::built_in();

    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            UserError::new(format!(
                "{}: the header row {}; nothing imported",
                args.file.display(),
                csv_reason(&e)
            ))
            .hint(format!(
                "the file must be UTF-8 CSV whose first row names columns from: {}",
                COLUMNS.join(",")
            ))
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    check_headers(&args.file, &headers)?;

    let name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Rows are read one by one against the directory: a bar over the file's lines (a quoted cell
    // may hold a line break, so the count is an upper bound; the bar finishes at the end anyway).
    let lines = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1).max(1);
    let progress = ctx.ui.progress("reading tenants", 200, true);
    let clear_empty = args.clear_empty;
    let imported = ops::tenants::import(&rec, &name, args.dry_run, |store| {
        let limit_hours = store.settings.contract_limit_hours().map_err(UserError::new)?;
        let mut bad: Vec<Bad> = Vec::new();
        let mut first_line: HashMap<String, u64> = HashMap::new();
        let mut tenants: Vec<(Tenant, Option<Tenant>)> = Vec::new();
        let mut rows = 0;
        for result in reader.records() {
            rows += 1;
            progress.update(rows.min(lines), lines);
            let record = match result {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    bad.push(Bad { line, reason: csv_reason(&e) });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let cells: Vec<(&str, &str)> = headers.iter().map(String::as_str).zip(record.iter()).collect();
            let id = cells.iter().find(|(c, _)| *c == "id").map(|(_, v)| v.trim()).unwrap_or("");
            if let Err(e) = check_slug(id) {
                bad.push(Bad { line, reason: format!("tenant id {e}") });
                continue;
            }
            if let Some(first) = first_line.insert(id.to_string(), line) {
                bad.push(Bad {
                    line,
                    reason: format!("tenant '{id}' appears again (first on line {first})"),
                });
                continue;
            }
            match row_tenant(store, &catalog, limit_hours, id, &cells, clear_empty) {
                Ok(tenant) => tenants.push(tenant),
                Err(reason) => bad.push(Bad { line, reason: format!("tenant '{id}': {reason}") }),
            }
        }
        if !bad.is_empty() {
            let mut lines: Vec<String> =
                bad.iter().take(BAD_ROWS_SHOWN).map(|b| format!("  line {}: {}", b.line, b.reason)).collect();
            if bad.len() > BAD_ROWS_SHOWN {
                lines.push(format!("  and {} more", bad.len() - BAD_ROWS_SHOWN));
            }
            return Err(UserError::new(format!(
                "nothing imported from {}: {} of {rows} rows are invalid\n{}",
                args.file.display(),
                bad.len(),
                lines.join("\n")
            ))
            .hint("correct those rows and import the file again")
            .into());
        }
        progress.finish();
        Ok(tenants)
    })?;
    ctx.ui.print(&summary(&imported.changes, args.dry_run || args.verbose, |line| ctx.ui.fitted(line)))?;
    let unchanged = imported.tenants.len() - imported.added - imported.updated;
    let counts = format!("{} added, {} updated, {unchanged} unchanged", imported.added, imported.updated);
    if args.dry_run {
        ctx.ui.status(&format!("dry run: {counts}; nothing was changed"));
        if imported.added + imported.updated > 0 {
            let flag = if args.clear_empty { " --clear-empty" } else { "" };
            let file = crate::text::shell_word(&args.file.display().to_string());
            ctx.ui.hint(&format!("import for real: sirt tenant import {file}{flag}"));
        }
        return Ok(());
    }
    let tenants = imported.tenants;
    match imported.committed {
        Some(committed) => {
            crate::commands::report_commit(ctx, &committed);
            ctx.ui.status(&counts);
        }
        None => {
            ctx.ui.status(&format!(
                "nothing to change: the {} tenants in {} are up to date",
                tenants.len(),
                args.file.display()
            ));
            return Ok(());
        }
    }
    let unreachable =
        tenants.iter().filter(|t| !t.reach_on(crate::model::tenant::Channel::EmailAdmin).reachable).count();
    if unreachable > 0 {
        ctx.ui.warn(&format!(
            "{unreachable} imported tenant(s) cannot be reached by email; see: sirt tenant check --problems"
        ));
    }
    Ok(())
}

/// What an import changes: every tenant's line when `every` is asked for or there are only a few;
/// past that, the changes counted by field and the first few tenants, so that a file of
/// thousands of rows says what it did on one screen.
/// The examples are cut to the terminal's width by `fit` (the full lines are for --verbose).
fn summary(
    changes: &[(String, bool, Vec<FieldChange>)],
    every: bool,
    fit: impl Fn(&str) -> String,
) -> String {
    let mut text = String::new();
    let few = changes.len() <= EXAMPLES;
    if every || few {
        for (id, new, fields) in changes {
            text.push_str(&describe(id, *new, fields));
            text.push('\n');
        }
        if few {
            return text;
        }
    }
    text.push_str("by field:\n");
    let width = COLUMNS.iter().map(|c| c.len()).max().unwrap_or(0);
    for (column, counts) in by_field(changes) {
        text.push_str(&format!("  {column:width$}  {counts}\n"));
    }
    if !every {
        text.push_str("for example:\n");
        for (id, new, fields) in changes.iter().take(EXAMPLES) {
            text.push_str(&format!("{}\n", fit(&format!("  {}", describe(id, *new, fields)))));
        }
        text.push_str(&format!(
            "  and {} more tenants (--verbose lists every one)\n",
            changes.len() - EXAMPLES
        ));
    }
    text
}

/// `(column, "3 added, 12 changed, 1 cleared")` for each column that changes, in column order.
fn by_field(changes: &[(String, bool, Vec<FieldChange>)]) -> Vec<(&'static str, String)> {
    // Per column: added, changed, cleared.
    let mut counts = [[0usize; 3]; COLUMNS.len()];
    for field in changes.iter().flat_map(|(_, _, fields)| fields) {
        let (column, kind) = match field {
            FieldChange::Added { column, .. } => (column, 0),
            FieldChange::Changed { column, .. } => (column, 1),
            FieldChange::Cleared { column, .. } => (column, 2),
        };
        if let Some(at) = COLUMNS.iter().position(|c| c == column) {
            counts[at][kind] += 1;
        }
    }
    COLUMNS
        .iter()
        .zip(counts)
        .filter(|(_, n)| n.iter().sum::<usize>() > 0)
        .map(|(column, [added, changed, cleared])| {
            let parts: Vec<String> = [(added, "added"), (changed, "changed"), (cleared, "cleared")]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
            (*column, parts.join(", "))
        })
        .collect()
}

/// `contoso: changed admin_email (a@x → b@x), cleared privacy_email (was p@x)`.
fn describe(id: &str, new: bool, changes: &[FieldChange]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match c {
            FieldChange::Added { column, to } => format!("added {column} ({})", one_line(to, 60)),
            FieldChange::Changed { column, from, to } => {
                format!("changed {column} ({} → {})", one_line(from, 40), one_line(to, 40))
            }
            FieldChange::Cleared { column, from } => format!("cleared {column} (was {})", one_line(from, 60)),
        })
        .collect();
    let label = if new { format!("{id} (new)") } else { id.to_string() };
    format!("{label}: {}", parts.join(", "))
}

fn check_headers(file: &std::path::Path, headers: &[String]) -> Result<()> {
    let unknown: Vec<&str> = headers.iter().map(String::as_str).filter(|h| !COLUMNS.contains(h)).collect();
    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<&str> = headers.iter().map(String::as_str).filter(|h| !seen.insert(*h)).collect();
    let problem = if !unknown.is_empty() {
        Some(format!("unknown column(s) {}", unknown.join(", ")))
    } else if !repeated.is_empty() {
        Some(format!("column(s) {} appear more than once", repeated.join(", ")))
    } else if !headers.iter().any(|h| h == "id") {
        Some("there is no id column".to_string())
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(UserError::new(format!("{}: {problem}; nothing imported", file.display()))
            .hint(format!("the header row names columns from: {}", COLUMNS.join(",")))
            .into()),
    }
}

/// The tenant a row describes (the directory's record with the row applied, or a new one), and
/// the directory's record as it is.
fn row_tenant(
    store: &Store,
    catalog: &Catalog,
    limit_hours: i64,
    id: &str,
    cells: &[(&str, &str)],
    clear_empty: bool,
) -> Result<(Tenant, Option<Tenant>), String> {
    let current = store.find_tenant(id).map_err(|e| format!("{e:#}"))?;
    let mut tenant = current.clone().unwrap_or_else(|| Tenant::new(id, ""));
    tenant.apply(TenantUpdate::from_columns(cells, clear_empty))?;
    let problems = tenant.problems(|id| catalog.contains(id), limit_hours);
    if problems.is_empty() { Ok((tenant, current)) } else { Err(problems.join("; ")) }
}

fn csv_reason(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text".into(),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("has {len} fields where the header has {expected_len} (check the quoting)")
        }
        _ => error.to_string(),
    }
}
