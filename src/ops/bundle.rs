//! Evidence bundles: one tar archive an auditor can keep, holding an incident's report, its
//! file, timeline, notifications and filings, a git bundle of the store's history, the verify
//! result, and a manifest with the SHA-256 of every file. [`check`] re-checks one with no store:
//! the hashes, the history in the git bundle (verified again), and the incident file against the
//! commit the manifest names.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::verify::{self, Check, Finding, Verified};
use crate::error::UserError;
use crate::model::time::rfc3339;
use crate::model::{EventBody, Incident, IncidentLog};
use crate::store::{History, Store, layout};

pub const FORMAT: &str = "sirt-evidence-bundle";
pub const SCHEMA: u32 = 1;
const MANIFEST: &str = "manifest.json";
const HISTORY: &str = "history.bundle";
const INCIDENT_FILE: &str = "incident.toml";

/// The manifest: what the bundle holds and what was true when it was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub schema: u32,
    pub incident: String,
    /// The store's commit the bundle was made from.
    pub commit: String,
    pub created_at: DateTime<Utc>,
    pub created_with: String,
    pub signing: SigningStatus,
    pub verify: VerifySummary,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SigningStatus {
    /// The store's `signing` setting at the commit.
    pub setting: String,
    /// Whether the commit itself carries a signature.
    pub commit_signed: bool,
    pub signed_commits: usize,
    pub signatures_checked_good: usize,
    pub commits: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifySummary {
    pub clean: bool,
    pub findings: usize,
    pub incomplete: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// The rendered parts of a bundle the command hands over (the report needs the clocks, which
/// the command layer computes).
pub struct Parts {
    /// The report, referring to its timeline picture as [`TIMELINE_SVG`].
    pub report_markdown: String,
    pub timeline_svg: String,
}

/// The report's timeline picture, beside it in the bundle.
pub const TIMELINE_SVG: &str = "timeline.svg";

/// Writes the evidence bundle of incident `id` to `out`; returns its manifest.
pub fn export(store: &Store, id: &str, parts: Parts, now: DateTime<Utc>, out: &Path) -> Result<Manifest> {
    let tip = store.tip().ok_or_else(|| anyhow!("the store has no commit"))?;
    let (log, incident) = store.load_incident(id)?;
    let history = store.history()?;
    let tip_oid = history.resolve(&tip).ok_or_else(|| anyhow!("commit {tip} is missing"))?;
    let verified = verify::verify_history(&history, tip_oid, None)?;
    let commit_signed = history.commit(tip_oid)?.signature.is_some();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("report.md".into(), parts.report_markdown.into_bytes()),
        (TIMELINE_SVG.into(), parts.timeline_svg.into_bytes()),
        (INCIDENT_FILE.into(), store.incident_text(id)?.into_bytes()),
        ("timeline.json".into(), json(&timeline(&log, &incident))?),
        ("notifications.json".into(), json(&of_kind(&log, |b| matches!(b, EventBody::Notified { .. })))?),
        ("filings.json".into(), json(&of_kind(&log, |b| matches!(b, EventBody::Filed { .. })))?),
        (HISTORY.into(), git_bundle(store.root())?),
        ("verify.json".into(), json(&verified)?),
    ];
    let manifest = Manifest {
        format: FORMAT.into(),
        schema: SCHEMA,
        incident: id.to_string(),
        commit: tip,
        created_at: now,
        created_with: format!("sirt {}", env!("CARGO_PKG_VERSION")),
        signing: SigningStatus {
            setting: verified.signing.clone(),
            commit_signed,
            signed_commits: verified.signed,
            signatures_checked_good: verified.signatures_good,
            commits: verified.commits,
        },
        verify: VerifySummary {
            clean: verified.clean(),
            findings: verified.findings.len(),
            incomplete: verified.incomplete.len(),
        },
        files: files.iter().map(|(path, bytes)| entry(path, bytes)).collect(),
    };
    files.push((MANIFEST.into(), json(&manifest)?));
    let mut archive = tar::Builder::new(Vec::new());
    for (path, bytes) in &files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(now.timestamp().max(0) as u64);
        header.set_entry_type(tar::EntryType::Regular);
        archive.append_data(&mut header, format!("{id}/{path}"), bytes.as_slice())?;
    }
    let bytes = archive.into_inner()?;
    crate::store::write_atomic(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(manifest)
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text.into_bytes())
}

fn entry(path: &str, bytes: &[u8]) -> FileEntry {
    FileEntry { path: path.to_string(), sha256: sha256(bytes), bytes: bytes.len() as u64 }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The timeline as `sirt timeline --format json` gives it: events in the order they happened,
/// each with its description and what corrected it.
fn timeline(log: &IncidentLog, incident: &Incident) -> Vec<serde_json::Value> {
    let mut events = log.ordered();
    events.sort_by_key(|e| e.at);
    events
        .into_iter()
        .map(|event| {
            let mut value = serde_json::to_value(event).unwrap_or_default();
            if let Some(map) = value.as_object_mut() {
                map.insert("description".into(), event.body.describe().into());
                if let Some(note) = incident.superseded(&event.id, |t| rfc3339(Some(t))) {
                    map.insert("superseded".into(), note.into());
                }
            }
            value
        })
        .collect()
}

fn of_kind(log: &IncidentLog, wanted: impl Fn(&EventBody) -> bool) -> Vec<serde_json::Value> {
    log.ordered()
        .into_iter()
        .filter(|e| wanted(&e.body))
        .map(|event| {
            let mut value = serde_json::to_value(event).unwrap_or_default();
            if let Some(map) = value.as_object_mut() {
                map.insert("description".into(), event.body.describe().into());
            }
            value
        })
        .collect()
}

/// `git bundle create` of the branch, through the git command line.
fn git_bundle(root: &Path) -> Result<Vec<u8>> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join(HISTORY);
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["bundle", "create", "--quiet"])
        .arg(&file)
        .arg("main")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            UserError::new(format!("cannot run git to bundle the store's history: {e}"))
                .hint("install git; sirt uses it for bundles")
        })?;
    if !out.status.success() {
        return Err(anyhow!("git bundle create failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(std::fs::read(&file)?)
}

/// What re-checking a bundle found.
#[derive(Debug, Serialize)]
pub struct BundleCheck {
    pub manifest: Option<Manifest>,
    /// Problems with the bundle itself: hashes, missing or extra files, the incident file.
    pub findings: Vec<Finding>,
    /// The history in the bundle, verified again.
    pub history: Option<Verified>,
}

impl BundleCheck {
    pub fn clean(&self) -> bool {
        self.findings.is_empty() && self.history.as_ref().is_some_and(Verified::clean)
    }
}

/// Re-checks the bundle at `path`, with no store.
pub fn check(path: &Path) -> Result<BundleCheck> {
    let file = std::fs::File::open(path).map_err(|e| {
        UserError::new(format!("cannot read {}: {e}", path.display()))
            .hint("name a bundle made by: sirt export ID --bundle FILE")
    })?;
    let not_a_bundle = |why: String| -> anyhow::Error {
        UserError::new(format!("{} is not a sirt evidence bundle: {why}", path.display()))
            .hint("name a bundle made by: sirt export ID --bundle FILE")
            .into()
    };
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut archive = tar::Archive::new(file);
    for entry in archive.entries().map_err(|e| not_a_bundle(e.to_string()))? {
        let mut entry = entry.map_err(|e| not_a_bundle(e.to_string()))?;
        let name = entry.path().map_err(|e| not_a_bundle(e.to_string()))?.to_string_lossy().into_owned();
        // `INC-…/report.md`: the part after the incident's folder.
        let inner = name.split_once('/').map(|(_, rest)| rest.to_string()).unwrap_or(name);
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| not_a_bundle(e.to_string()))?;
        files.insert(inner, bytes);
    }
    let manifest_bytes =
        files.remove(MANIFEST).ok_or_else(|| not_a_bundle(format!("it has no {MANIFEST}")))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| not_a_bundle(format!("{MANIFEST} does not read: {e}")))?;
    if manifest.format != FORMAT || manifest.schema != SCHEMA {
        return Err(not_a_bundle(format!(
            "its format is {} {}, not {FORMAT} {SCHEMA}",
            manifest.format, manifest.schema
        )));
    }
    let mut findings = Vec::new();
    let finding = |file: &str, message: String| Finding {
        check: Check::Bundle,
        commit: manifest.commit.clone(),
        file: Some(file.to_string()),
        event: None,
        message,
    };
    for listed in &manifest.files {
        match files.get(&listed.path) {
            None => findings.push(finding(
                &listed.path,
                format!("{} is listed in the manifest but missing", listed.path),
            )),
            Some(bytes) if sha256(bytes) != listed.sha256 => findings.push(finding(
                &listed.path,
                format!(
                    "{} does not match the manifest: its SHA-256 is {}, the manifest says {}",
                    listed.path,
                    sha256(bytes),
                    listed.sha256
                ),
            )),
            Some(_) => {}
        }
    }
    for extra in files.keys().filter(|p| !manifest.files.iter().any(|f| &f.path == *p)) {
        findings.push(finding(extra, format!("{extra} is in the bundle but not in the manifest")));
    }
    let history = match files.get(HISTORY) {
        Some(bytes) => check_history(&manifest, bytes, files.get(INCIDENT_FILE), &mut findings)?,
        None => None,
    };
    Ok(BundleCheck { manifest: Some(manifest), findings, history })
}

/// Clones the git bundle into a temporary repository, verifies its history up to the manifest's
/// commit, and compares the incident file with the one that commit holds.
fn check_history(
    manifest: &Manifest,
    bundle: &[u8],
    incident: Option<&Vec<u8>>,
    findings: &mut Vec<Finding>,
) -> Result<Option<Verified>> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join(HISTORY);
    std::fs::write(&file, bundle)?;
    let repo = dir.path().join("history.git");
    let out = Command::new("git")
        .args(["clone", "--bare", "--quiet"])
        .arg(&file)
        .arg(&repo)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            UserError::new(format!("cannot run git to read the bundled history: {e}")).hint("install git")
        })?;
    let at = |message: String| Finding {
        check: Check::Bundle,
        commit: manifest.commit.clone(),
        file: Some(HISTORY.into()),
        event: None,
        message,
    };
    if !out.status.success() {
        findings.push(at(format!(
            "the git bundle does not read: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
        return Ok(None);
    }
    let history = History::open(&repo)?;
    let Some(commit) = history.resolve(&manifest.commit) else {
        findings.push(at(format!(
            "the bundled history does not hold commit {}, which the manifest names",
            manifest.commit
        )));
        return Ok(None);
    };
    // The bundle's commit may be from before or after the store's upgrade to shards.
    let tree = history.tree_of(commit)?;
    let mut path = String::new();
    let mut committed = None;
    for candidate in layout::paths_of(&layout::Record::Incident(manifest.incident.clone())) {
        if let Some(blob) = history.entry(tree, &candidate)? {
            committed = Some(history.blob(blob)?);
            path = candidate;
            break;
        }
        if path.is_empty() {
            path = candidate;
        }
    }
    if committed.as_ref() != incident {
        findings.push(Finding {
            check: Check::Bundle,
            commit: manifest.commit.clone(),
            file: Some(INCIDENT_FILE.into()),
            event: None,
            message: format!(
                "{INCIDENT_FILE} differs from {path} as commit {} holds it",
                verify::short(commit)
            ),
        });
    }
    Ok(Some(verify::verify_history(&history, commit, None)?))
}
