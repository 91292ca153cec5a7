//! Rendering an incident's notification drafts, and writing them to a directory: the use case
//! behind `sirt notify`. Reads the store, changes nothing in it, never prints.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::error::UserError;
use crate::model::Incident;
use crate::model::regime::Catalog;
use crate::model::settings::Settings;
use crate::model::tenant::Tenant;
use crate::render::eml::{self, Sender};
use crate::render::formats::{self, DraftFormat};
use crate::render::{self, Draft, DraftChannel, Drafting, Gap, Renderer, Setting, Skipped};
use crate::store::Store;
use crate::text::name_some;

/// What to draft.
pub struct Request {
    /// A full incident id.
    pub id: String,
    /// Only these tenants; empty for every affected tenant.
    pub tenants: Vec<String>,
    /// Only these channels; empty for all.
    pub channels: Vec<DraftChannel>,
    /// Render even with gaps, marking them.
    pub incomplete: bool,
}

/// The drafts of one incident, and those not produced with the reason.
pub struct Rendered {
    pub incident: Incident,
    pub drafts: Vec<Draft>,
    pub skipped: Vec<Skipped>,
}

/// The store's sender, as messages carry it.
pub fn sender(settings: &Settings) -> Sender<'_> {
    Sender {
        name: settings.sender_display_name(),
        address: &settings.sender_address,
        reply_to: settings.reply_to.as_ref(),
    }
}

fn template_failure(error: render::TemplateError) -> anyhow::Error {
    UserError::new(format!("template error: {error}"))
        .hint(format!(
            "fix the template, or delete it to use the built-in one; templates/ (and templates/LANG/) hold files named {}",
            render::templates::NAMES.join(", ")
        ))
        .into()
}

/// Every draft the request asks for. `progress` hears how many tenants of how many are done.
pub fn render(
    store: &Store,
    request: &Request,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Rendered> {
    let id = &request.id;
    let (_, incident) = store.load_incident(id)?;
    if incident.declared_at.is_none() {
        return Err(UserError::new(format!(
            "{id} is not confirmed as a security incident; customers are notified after the declaration"
        ))
        .hint(format!("sirt confirm {id}"))
        .into());
    }
    let placeholders = store.settings.placeholders();
    if !placeholders.is_empty() {
        return Err(UserError::new(format!(
            "sirt.toml still holds the example {} that sirt init wrote; drafts would go out under a name that is not yours",
            placeholders.join(" and ")
        ))
        .hint("sirt config set organisation \"Your Company\" && sirt config set sender_address security@your-company.example")
        .into());
    }
    let channels: Vec<DraftChannel> = if request.channels.is_empty() {
        DraftChannel::ALL.to_vec()
    } else {
        request.channels.iter().copied().collect::<BTreeSet<_>>().into_iter().collect()
    };
    let tenant_channels = channels.iter().any(|c| *c != DraftChannel::StatusPage);

    let strangers: Vec<String> =
        request.tenants.iter().filter(|t| !incident.affected.contains_key(*t)).cloned().collect();
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
    if !gaps.is_empty() && !request.incomplete {
        let list: Vec<String> = gaps.iter().map(|g| format!("  - {}: {}", g.what, g.command)).collect();
        return Err(UserError::new(format!("{id} lacks what a notification must say:\n{}", list.join("\n")))
            .hint(format!(
                "record those, or render anyway with the gaps marked: sirt notify {id} --incomplete"
            ))
            .into());
    }
    if channels == [DraftChannel::StatusPage] && (!incident.public || incident.public_text.is_none()) {
        return Err(UserError::new(format!(
            "{id} has no public text for the status page; the tenants' description is never used there"
        ))
        .hint(format!("write one for everyone to read: sirt publish {id} --text \"…\""))
        .into());
    }

    // Hidden files (an editor's swap file) are not templates.
    let files: Vec<(String, String)> = store
        .template_files()?
        .into_iter()
        .filter(|(path, _)| !path.split('/').any(|part| part.starts_with('.')))
        .collect();
    let renderer = Renderer::new(files).map_err(template_failure)?;
    let catalog = Catalog::for_store(&store.settings).map_err(UserError::new)?;
    let setting = Setting {
        organisation: &store.settings.organisation,
        contact: &store.settings.response_contact,
        catalog: &catalog,
        phone: store.settings.phone_severities.contains(&incident.severity),
    };
    let drafting = Drafting::new(&renderer, &setting, &incident, &gaps);
    let wanted: BTreeSet<&String> = if request.tenants.is_empty() {
        incident.affected.keys().collect()
    } else {
        request.tenants.iter().collect()
    };
    let wanted: Vec<&String> = wanted.into_iter().collect();
    let (mut drafts, mut skipped) = render_tenants(store, &drafting, &wanted, &channels, progress)?;
    if channels.contains(&DraftChannel::StatusPage) {
        match drafting.status_page().map_err(template_failure)? {
            Ok(draft) => drafts.push(draft),
            Err(skip) => skipped.push(skip),
        }
    }
    drop(drafting);
    Ok(Rendered { incident, drafts, skipped })
}

/// The wanted tenants' records, or the id of each one that does not read. Many are read from the
/// directory in one pass: looking each up in the commit's tree costs a pass over the tree.
fn read_tenants(store: &Store, wanted: &[&String]) -> Result<Vec<Result<Tenant, String>>> {
    if wanted.len() <= 50 {
        return Ok(wanted.iter().map(|id| store.read_tenant(id).map_err(|_| id.to_string())).collect());
    }
    let (all, _) = store.load_tenants()?;
    let mut by_id: std::collections::HashMap<String, Tenant> =
        all.into_iter().map(|t| (t.id.clone(), t)).collect();
    Ok(wanted.iter().map(|id| by_id.remove(id.as_str()).ok_or_else(|| id.to_string())).collect())
}

/// Renders every tenant's drafts, on every core.
fn render_tenants(
    store: &Store,
    drafting: &Drafting,
    wanted: &[&String],
    channels: &[DraftChannel],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Vec<Draft>, Vec<Skipped>)> {
    let tenants = read_tenants(store, wanted)?;
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
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, wanted.len());
            }
            Ok::<_, render::TemplateError>((drafts, skipped))
        });
    let mut drafts = Vec::new();
    let mut skipped = Vec::new();
    for part in parts {
        let (d, s) = part.map_err(template_failure)?;
        drafts.extend(d);
        skipped.extend(s);
    }
    Ok((drafts, skipped))
}

/// The drafts as one stream for stdout: text and Markdown blocks, or an mboxrd stream of the
/// email drafts. `heading` frames a text block (the command decides how it looks).
pub fn stream(
    rendered: &Rendered,
    format: DraftFormat,
    sender: &Sender,
    now: DateTime<Utc>,
    heading: impl Fn(&str) -> String,
) -> String {
    let mut text = String::new();
    for draft in &rendered.drafts {
        let who = draft.tenant.as_deref().unwrap_or("public");
        match format {
            DraftFormat::Eml if draft.channel.is_email() => {
                let message = formats::message(draft, sender, now);
                text.push_str(&eml::mbox_entry(&message, sender.address, now));
                continue;
            }
            // Other channels are not messages: an mbox stream carries only the emails.
            DraftFormat::Eml => continue,
            DraftFormat::Markdown => {}
            _ => {
                text.push_str(&heading(&format!("==== {who} · {} ====", draft.channel.as_str())));
                text.push('\n');
            }
        }
        text.push_str(&formats::file_text(draft, format, sender, now));
        text.push('\n');
    }
    text
}

/// Names the manifest that marks a directory as sirt's drafts: one path per line.
pub const MANIFEST: &str = ".sirt-drafts";
pub const INDEX: &str = "index.csv";

/// What `write_dir` did.
pub struct Written {
    /// One row per draft written and per draft not produced, as `index.csv` holds them.
    pub rows: Vec<Vec<String>>,
    /// Files of an earlier run that were removed first.
    pub replaced: usize,
}

pub const INDEX_HEADERS: [&str; 5] = ["tenant", "channel", "recipient", "file", "warning"];

/// Every file under `dir`, as paths relative to it with `/`.
fn files_under(dir: &Path) -> Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, found: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, found)?;
            } else {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut found = Vec::new();
    if dir.is_dir() {
        walk(dir, dir, &mut found)?;
    }
    found.sort();
    Ok(found)
}

/// Makes `dir` ready for new drafts: absent or empty is fine; a directory of sirt's earlier
/// drafts is emptied with `force`; anything else is refused. Returns how many files went.
fn prepare_dir(dir: &Path, force: bool) -> Result<usize> {
    let present = files_under(dir)?;
    if present.is_empty() {
        return Ok(0);
    }
    let shown = dir.display();
    let Ok(manifest) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Err(UserError::new(format!("{shown} is not empty and sirt did not write it"))
            .hint("name a new or empty directory for --out")
            .into());
    };
    let ours: BTreeSet<&str> = manifest.lines().chain([MANIFEST, INDEX]).collect();
    let foreign: Vec<String> = present.iter().filter(|p| !ours.contains(p.as_str())).cloned().collect();
    if !foreign.is_empty() {
        return Err(UserError::new(format!(
            "{shown} holds files sirt did not write: {}",
            name_some(&foreign)
        ))
        .hint("move them away, or name a new directory")
        .into());
    }
    if !force {
        return Err(UserError::new(format!("{shown} holds drafts from an earlier sirt notify")).hint(
            "replace them with: sirt notify … --out DIR --force (files you added there are never removed)",
        )
        .into());
    }
    // Every file there is ours: remove them on every core, then the emptied tenant folders.
    let removed = crate::parallel::by_chunks(&present, crate::parallel::cores() * 2, |part| -> Result<()> {
        for path in part {
            let file = dir.join(path);
            std::fs::remove_file(&file).with_context(|| format!("cannot remove {}", file.display()))?;
        }
        Ok(())
    });
    removed.into_iter().collect::<Result<()>>()?;
    let folders: BTreeSet<&str> = present.iter().filter_map(|p| p.rsplit_once('/').map(|(d, _)| d)).collect();
    for folder in folders {
        let _ = std::fs::remove_dir(dir.join(folder));
    }
    Ok(present.len())
}

/// Writes one file per draft under `dir` (`TENANT/CHANNEL.EXT`, the status page at the top), an
/// `index.csv` of every draft and every one not produced, and the manifest.
pub fn write_dir(
    rendered: &Rendered,
    dir: &Path,
    format: DraftFormat,
    sender: &Sender,
    now: DateTime<Utc>,
    force: bool,
) -> Result<Written> {
    let replaced = prepare_dir(dir, force)?;
    crate::store::create_private_dir(dir)?;
    let files: Vec<(String, String)> = rendered
        .drafts
        .iter()
        .map(|draft| {
            let name = format!("{}.{}", draft.channel.as_str(), formats::extension(format, draft.channel));
            let path = match &draft.tenant {
                Some(tenant) => format!("{tenant}/{name}"),
                None => name,
            };
            (path, formats::file_text(draft, format, sender, now))
        })
        .collect();
    write_files(dir, &files)?;

    let mut rows: Vec<Vec<String>> = rendered
        .drafts
        .iter()
        .zip(&files)
        .map(|(draft, (path, _))| {
            vec![
                draft.tenant.clone().unwrap_or_else(|| "public".into()),
                draft.channel.as_str().into(),
                draft.recipients.join(" "),
                path.clone(),
                if draft.gaps.is_empty() {
                    String::new()
                } else {
                    format!("gaps: {}", draft.gaps.join("; "))
                },
            ]
        })
        .collect();
    rows.extend(rendered.skipped.iter().map(|s| {
        vec![
            s.tenant.clone().unwrap_or_else(|| "public".into()),
            s.channel.as_str().into(),
            String::new(),
            String::new(),
            format!("not produced: {}", s.reason),
        ]
    }));
    let mut index = csv::Writer::from_writer(Vec::new());
    index.write_record(INDEX_HEADERS)?;
    for row in &rows {
        index.write_record(row)?;
    }
    std::fs::write(dir.join(INDEX), index.into_inner()?).context("cannot write index.csv")?;
    let manifest: String = files.iter().map(|(path, _)| format!("{path}\n")).collect();
    std::fs::write(dir.join(MANIFEST), manifest).context("cannot write the drafts manifest")?;
    Ok(Written { rows, replaced })
}

/// Writes the drafts on every core: creating files dominates a run over thousands of tenants.
fn write_files(dir: &Path, files: &[(String, String)]) -> Result<()> {
    // Twice as many writers as cores: creating directories and files mostly waits on the disk.
    // A tenant's drafts sit next to each other, so each directory is made by one writer.
    let written = crate::parallel::by_chunks(files, crate::parallel::cores() * 2, |part| -> Result<()> {
        let mut made: Option<PathBuf> = None;
        for (path, text) in part {
            let path = dir.join(path);
            let parent = path.parent().context("a draft path has no directory")?.to_path_buf();
            if made.as_ref() != Some(&parent) {
                std::fs::create_dir_all(&parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
                made = Some(parent);
            }
            std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    });
    written.into_iter().collect()
}
