//! `sirt notify ID`: drafts for every affected tenant on every channel. Changes nothing in the
//! store.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Ctx;
use super::deadlines::display_zone;
use crate::error::UserError;
use crate::model::Incident;
use crate::model::regime::Catalog;
use crate::model::tenant::Tenant;
use crate::output::plain_rows;
use crate::render::{self, Draft, DraftChannel, Drafting, Gap, Renderer, Setting, Skipped};
use crate::store::Store;
use crate::text::name_some;

/// Render notification drafts for the affected tenants (changes nothing in the store)
#[derive(Debug, Args)]
pub struct NotifyArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Only this tenant; repeat [default: every affected tenant]
    #[arg(long = "tenant", value_name = "TENANT")]
    pub tenants: Vec<String>,
    /// Only these channels; repeat or separate with commas [default: all]
    #[arg(long = "channel", value_enum, value_delimiter = ',', value_name = "CHANNEL")]
    pub channels: Vec<DraftChannel>,
    /// Write one file per tenant and channel under DIR, and print a summary
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// Render even though pieces are missing; each gap is marked in the text
    #[arg(long)]
    pub incomplete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    Text,
    Markdown,
    /// RFC 5322 messages for the email channels (other channels are written as text)
    Eml,
    Json,
}

/// `--format json` on stdout: every draft with its metadata, and what was not produced.
#[derive(Serialize)]
struct Output<'a> {
    incident: &'a str,
    drafts: &'a [Draft],
    skipped: &'a [Skipped],
}

pub fn run(ctx: &Ctx, args: NotifyArgs) -> Result<()> {
    let store = ctx.store()?;
    let id = ctx.resolve(store, &args.id)?;
    let (_, incident) = store.load_incident(&id)?;
    if incident.declared_at.is_none() {
        return Err(UserError::new(format!(
            "{id} is not confirmed as a security incident; customers are notified after the declaration"
        ))
        .hint(format!("sirt confirm {id}"))
        .into());
    }
    let channels: Vec<DraftChannel> =
        if args.channels.is_empty() { DraftChannel::ALL.to_vec() } else { dedup(args.channels.clone()) };
    let tenant_channels = channels.iter().any(|c| *c != DraftChannel::StatusPage);

    let strangers: Vec<String> =
        args.tenants.iter().filter(|t| !incident.affected.contains_key(*t)).cloned().collect();
    if !strangers.is_empty() {
        return Err(UserError::new(format!("not on {id}'s affected list: {}", name_some(&strangers)))
            .hint(format!("record it first: sirt affected {id} {}", strangers[0]))
            .into());
    }
    let mut gaps = render::gaps(&incident);
    if tenant_channels && incident.affected.is_empty() {
        gaps.push(Gap {
            what: "which tenants are affected", command: format!("sirt affected {id} TENANT…")
        });
    }
    if !gaps.is_empty() && !args.incomplete {
        let list: Vec<String> = gaps.iter().map(|g| format!("  - {}: {}", g.what, g.command)).collect();
        return Err(UserError::new(format!("{id} lacks what a notification must say:\n{}", list.join("\n")))
            .hint(format!(
                "record those, or render anyway with the gaps marked: sirt notify {id} --incomplete"
            ))
            .into());
    }

    let overrides = render::template_overrides(store.template_files()?)?;
    let renderer = Renderer::new(overrides).map_err(|e| {
        UserError::new(format!("template error: {e}"))
            .hint("fix the template, or delete it to use the built-in one")
    })?;
    let catalog = Catalog::for_store(&store.settings).map_err(UserError::new)?;
    let setting = Setting {
        organisation: &store.settings.organisation,
        contact: &store.settings.response_contact,
        catalog: &catalog,
        phone: store.settings.phone_severities.contains(&incident.severity),
        zone: display_zone(None, ctx.now)?,
    };
    let drafting = Drafting::new(&renderer, &setting, &incident, &gaps);

    let mut wanted: Vec<&String> = if args.tenants.is_empty() {
        incident.affected.keys().collect()
    } else {
        args.tenants.iter().collect()
    };
    wanted.sort();
    wanted.dedup();
    let (mut drafts, mut skipped) = render_all(store, &drafting, &wanted, &channels)?;
    if channels.contains(&DraftChannel::StatusPage) {
        match drafting.status_page().map_err(template_failure)? {
            Ok(draft) => drafts.push(draft),
            Err(skip) => skipped.push(skip),
        }
    }

    match &args.out {
        None => print_drafts(ctx, &incident, &drafts, &skipped, args.format),
        Some(dir) => write_drafts(ctx, store, &incident, dir, &drafts, &skipped, args.format),
    }
}

fn dedup(mut channels: Vec<DraftChannel>) -> Vec<DraftChannel> {
    channels.sort();
    channels.dedup();
    channels
}

fn template_failure(error: render::TemplateError) -> anyhow::Error {
    UserError::new(format!("template error: {error}"))
        .hint("fix the template, or delete it to use the built-in one")
        .into()
}

/// Renders every tenant's drafts, on every core; a progress line on a terminal for big runs.
fn render_all(
    store: &Store,
    drafting: &Drafting,
    wanted: &[&String],
    channels: &[DraftChannel],
) -> Result<(Vec<Draft>, Vec<Skipped>)> {
    let tenants: Vec<Result<Tenant, String>> =
        wanted.iter().map(|id| store.read_tenant(id).map_err(|_| id.to_string())).collect();
    let progress = std::io::stderr().is_terminal() && tenants.len() >= 200;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let parts =
        crate::parallel::by_chunks(&tenants, crate::parallel::cores(), |part| {
            let mut drafts = Vec::new();
            let mut skipped = Vec::new();
            for tenant in part {
                match tenant {
                    Ok(tenant) => {
                        let (d, s) = drafting.for_tenant(tenant, channels)?;
                        drafts.extend(d);
                        skipped.extend(s);
                    }
                    Err(id) => skipped.extend(
                        channels.iter().filter(|c| **c != DraftChannel::StatusPage).map(|&c| Skipped {
                            tenant: Some(id.clone()),
                            channel: c,
                            reason: "not in the tenant directory".into(),
                        }),
                    ),
                }
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if progress && n.is_multiple_of(100) {
                    eprint!("\rrendering drafts: {n}/{} tenants", wanted.len());
                }
            }
            Ok::<_, render::TemplateError>((drafts, skipped))
        });
    if progress {
        eprintln!("\rrendering drafts: {}/{} tenants", wanted.len(), wanted.len());
    }
    let mut drafts = Vec::new();
    let mut skipped = Vec::new();
    for part in parts {
        let (d, s) = part.map_err(template_failure)?;
        drafts.extend(d);
        skipped.extend(s);
    }
    Ok((drafts, skipped))
}

/// The draft as a file or a block of stdout, in the chosen format.
fn format_draft(
    store: &Store,
    incident: &Incident,
    draft: &Draft,
    format: DraftFormat,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let who = draft.tenant.as_deref().unwrap_or("public");
    match format {
        DraftFormat::Eml
            if matches!(draft.channel, DraftChannel::EmailAdmin | DraftChannel::EmailPrivacy) =>
        {
            let contact = &store.settings.response_contact;
            let domain = contact.rsplit_once('@').map_or("sirt.invalid", |(_, d)| d);
            render::eml::message(
                &format!("{} Security Response", store.settings.organisation),
                contact,
                &draft.recipients,
                &draft.subject,
                now,
                &format!("{}.{who}.{}@{domain}", incident.id, draft.channel.as_str()),
                &draft.body,
            )
        }
        DraftFormat::Markdown => format!(
            "## {who}: {}\n\n**To:** {}  \n**Subject:** {}\n\n{}\n",
            draft.channel.as_str(),
            draft.recipients.join(", "),
            draft.subject,
            draft.body.trim_end()
        ),
        DraftFormat::Json => serde_json::to_string_pretty(draft).unwrap_or_default() + "\n",
        DraftFormat::Text | DraftFormat::Eml => format!(
            "To: {}\nSubject: {}\n\n{}\n",
            draft.recipients.join(", "),
            draft.subject,
            draft.body.trim_end()
        ),
    }
}

fn print_drafts(
    ctx: &Ctx,
    incident: &Incident,
    drafts: &[Draft],
    skipped: &[Skipped],
    format: DraftFormat,
) -> Result<()> {
    let store = ctx.store()?;
    if format == DraftFormat::Json {
        return ctx.ui.json(&Output { incident: &incident.id, drafts, skipped });
    }
    let mut text = String::new();
    for draft in drafts {
        let who = draft.tenant.as_deref().unwrap_or("public");
        match format {
            DraftFormat::Eml => {
                // Several messages on stdout: the mbox convention separates them.
                let _ = writeln!(text, "From sirt {}", ctx.now.format("%a %b %e %H:%M:%S %Y"));
            }
            DraftFormat::Markdown => {}
            _ => {
                let _ = writeln!(
                    text,
                    "{}",
                    ctx.ui.bold(&format!("==== {who} · {} ====", draft.channel.as_str()))
                );
            }
        }
        text.push_str(&format_draft(store, incident, draft, format, ctx.now));
        text.push('\n');
    }
    ctx.ui.print(&text)?;
    report_skipped(ctx, skipped);
    Ok(())
}

fn report_skipped(ctx: &Ctx, skipped: &[Skipped]) {
    for skip in skipped.iter().take(20) {
        ctx.ui.status(&format!(
            "not produced: {} {}: {}",
            skip.tenant.as_deref().unwrap_or("public"),
            skip.channel.as_str(),
            skip.reason
        ));
    }
    if skipped.len() > 20 {
        ctx.ui.status(&format!("… and {} more not produced", skipped.len() - 20));
    }
}

fn extension(format: DraftFormat, channel: DraftChannel) -> &'static str {
    match format {
        DraftFormat::Eml if matches!(channel, DraftChannel::EmailAdmin | DraftChannel::EmailPrivacy) => "eml",
        DraftFormat::Markdown => "md",
        DraftFormat::Json => "json",
        _ => "txt",
    }
}

fn write_drafts(
    ctx: &Ctx,
    store: &Store,
    incident: &Incident,
    dir: &Path,
    drafts: &[Draft],
    skipped: &[Skipped],
    format: DraftFormat,
) -> Result<()> {
    crate::store::create_private_dir(dir)?;
    let files: Vec<(PathBuf, String)> = drafts
        .iter()
        .map(|draft| {
            let name = format!("{}.{}", draft.channel.as_str(), extension(format, draft.channel));
            let path = match &draft.tenant {
                Some(tenant) => dir.join(tenant).join(name),
                None => dir.join(name),
            };
            (path, format_draft(store, incident, draft, format, ctx.now))
        })
        .collect();
    write_files(&files)?;

    // Summary rows: every draft written and every one not produced, also kept as index.csv.
    let mut rows: Vec<Vec<String>> = drafts
        .iter()
        .zip(&files)
        .map(|(draft, (path, _))| {
            vec![
                draft.tenant.clone().unwrap_or_else(|| "public".into()),
                draft.channel.as_str().into(),
                draft.recipients.join(" "),
                path.strip_prefix(dir).unwrap_or(path).display().to_string(),
                if draft.gaps.is_empty() {
                    String::new()
                } else {
                    format!("gaps: {}", draft.gaps.join("; "))
                },
            ]
        })
        .collect();
    rows.extend(skipped.iter().map(|s| {
        vec![
            s.tenant.clone().unwrap_or_else(|| "public".into()),
            s.channel.as_str().into(),
            String::new(),
            String::new(),
            format!("not produced: {}", s.reason),
        ]
    }));
    let mut index = csv::Writer::from_writer(Vec::new());
    index.write_record(["tenant", "channel", "recipient", "file", "warning"])?;
    for row in &rows {
        index.write_record(row)?;
    }
    std::fs::write(dir.join("index.csv"), index.into_inner()?).context("cannot write index.csv")?;

    if rows.len() <= 60 {
        ctx.ui.table(&["TENANT", "CHANNEL", "RECIPIENT", "FILE", "WARNING"], plain_rows(&rows))?;
    } else {
        let mut by_channel: Vec<Vec<String>> = Vec::new();
        for channel in DraftChannel::ALL {
            let written = drafts.iter().filter(|d| d.channel == channel).count();
            let not = skipped.iter().filter(|s| s.channel == channel).count();
            if written + not > 0 {
                by_channel.push(vec![channel.as_str().into(), written.to_string(), not.to_string()]);
            }
        }
        ctx.ui.table(&["CHANNEL", "WRITTEN", "NOT PRODUCED"], plain_rows(&by_channel))?;
        ctx.ui.line(&format!("every draft and every reason: {}", dir.join("index.csv").display()))?;
    }
    ctx.ui.status(&format!("{} drafts written to {}", drafts.len(), dir.display()));
    Ok(())
}

/// Writes the drafts on every core: creating files dominates a run over thousands of tenants.
fn write_files(files: &[(PathBuf, String)]) -> Result<()> {
    // Twice as many writers as cores: creating directories and files mostly waits on the disk.
    // A tenant's drafts sit next to each other, so each directory is made by one writer.
    let written = crate::parallel::by_chunks(files, crate::parallel::cores() * 2, |part| -> Result<()> {
        let mut made: Option<&Path> = None;
        for (path, text) in part {
            let dir = path.parent().context("a draft path has no directory")?;
            if made != Some(dir) {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
                made = Some(dir);
            }
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    });
    written.into_iter().collect()
}
