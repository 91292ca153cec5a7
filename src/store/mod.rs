//! The store: a git repository whose working tree holds `sirt.toml`, `incidents/<ID>.toml` and
//! (later) `tenants/` and `templates/`.
//!
//! A change goes: take the OS lock → prepare the commit objects → write a marker naming the
//! files → replace the files atomically → move the branch → refresh the index → drop the marker.
//! A crash at any point leaves the marker; the next writer puts every named file back to what the
//! branch says, so a change is either wholly in (files and commit) or wholly out.

mod git;

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};

pub use git::CommitInfo;
use git::{Author, Git};

use crate::error::UserError;
use crate::model::id;
use crate::model::settings::Settings;
use crate::model::tenant::{self, Tenant};
use crate::model::{Incident, IncidentLog};

pub const SETTINGS_FILE: &str = "sirt.toml";
pub const INCIDENTS_DIR: &str = "incidents";
pub const TENANTS_DIR: &str = "tenants";
pub const TEMPLATES_DIR: &str = "templates";
const LOCK_FILE: &str = "sirt.lock";
const PENDING_FILE: &str = "sirt-pending";
const TEMP_PREFIX: &str = ".sirt-tmp-";

pub struct Store {
    root: PathBuf,
    pub settings: Settings,
    git: Git,
}

/// Held while a change is made; the kernel releases it if the process dies.
pub struct WriteLock {
    _file: File,
    /// Files put back to their committed state after an interrupted change.
    pub recovered: Vec<String>,
}

/// Who made a change: the commit's author and the event's `by`.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub name: String,
    pub email: String,
}

impl Actor {
    /// Reads `Name <email>`, or just a name.
    pub fn parse(text: &str) -> Option<Actor> {
        let text = text.trim();
        if text.is_empty() || text.chars().any(char::is_control) {
            return None;
        }
        match text.split_once('<') {
            Some((name, rest)) => {
                let email = rest.strip_suffix('>')?.trim();
                let name = name.trim();
                (!name.is_empty() && !email.contains(['<', '>']))
                    .then(|| Actor { name: name.into(), email: email.into() })
            }
            None => (!text.contains('>')).then(|| Actor { name: text.into(), email: String::new() }),
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.email.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{} <{}>", self.name, self.email)
        }
    }
}

/// One change to the store: files to write (or delete, with `None`) and the commit that records it.
pub struct Change {
    pub files: Vec<(String, Option<Vec<u8>>)>,
    /// Subject line, saying in words what happened.
    pub subject: String,
    /// Optional paragraph after the subject.
    pub body: Option<String>,
    /// Machine-readable trailers (`Sirt-Incident: …`).
    pub trailers: Vec<(&'static str, String)>,
    pub author: Actor,
    pub at: DateTime<Utc>,
}

impl Change {
    fn message(&self) -> String {
        let mut message = format!("{}\n", self.subject);
        if let Some(body) = &self.body {
            message.push_str(&format!("\n{body}\n"));
        }
        if !self.trailers.is_empty() {
            message.push('\n');
            for (key, value) in &self.trailers {
                message.push_str(&format!("{key}: {value}\n"));
            }
        }
        message
    }
}

/// How the incidents of a store read: the good ones, and a warning for each file that doesn't.
pub struct Loaded {
    pub incidents: Vec<Incident>,
    pub warnings: Vec<String>,
}

/// Whether `dir` already is a store.
pub fn is_store(dir: &Path) -> bool {
    dir.join(SETTINGS_FILE).is_file() && dir.join(".git").exists()
}

impl Store {
    /// Creates a store in `dir`, which must be absent or empty.
    pub fn init(dir: &Path, author: &Actor, at: DateTime<Utc>) -> Result<Store> {
        if is_store(dir) {
            return Err(UserError::new(format!("{} is already a sirt store", dir.display()))
                .hint(format!("use it: sirt --store {} list", dir.display()))
                .into());
        }
        if dir.exists() {
            let mut entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
            if entries.next().is_some() {
                return Err(UserError::new(format!(
                    "{} is not empty; a store needs a directory of its own",
                    dir.display()
                ))
                .hint("name a new or empty directory: sirt init DIR")
                .into());
            }
        }
        create_private_dir(dir)?;
        let git = Git::init(dir)?;
        let store = Store { root: dir.to_path_buf(), settings: Settings::default(), git };
        let lock = store.lock()?;
        store.commit(
            &lock,
            Change {
                files: vec![
                    (SETTINGS_FILE.into(), Some(Settings::initial_file().into_bytes())),
                    (".gitignore".into(), Some(format!("{TEMP_PREFIX}*\n").into_bytes())),
                ],
                subject: "store created".into(),
                body: None,
                trailers: vec![("Sirt-Action", "init".into())],
                author: author.clone(),
                at,
            },
        )?;
        drop(lock);
        Ok(store)
    }

    /// Opens the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        if !is_store(dir) {
            return Err(UserError::new(format!("{} is not a sirt store", dir.display()))
                .hint(format!("create one: sirt init {}", dir.display()))
                .into());
        }
        let git = Git::open(dir)?;
        let settings_path = dir.join(SETTINGS_FILE);
        let text = read_text(&settings_path)?;
        let settings: Settings = toml::from_str(&text).map_err(|e| toml_error(&settings_path, &text, &e))?;
        if settings.schema != crate::model::settings::SCHEMA {
            return Err(UserError::new(format!(
                "{} has schema {}, which this version of sirt does not read",
                settings_path.display(),
                settings.schema
            ))
            .hint("upgrade sirt")
            .into());
        }
        Ok(Store { root: dir.to_path_buf(), settings, git })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// git's own `user.name` / `user.email`, if set.
    pub fn git_identity(&self) -> Option<Actor> {
        self.git.configured_identity().map(|(name, email)| Actor { name, email })
    }

    /// Takes the store's write lock, waiting for any other writer, then finishes undoing any
    /// change a crashed writer left half done.
    pub fn lock(&self) -> Result<WriteLock> {
        let path = self.git.git_dir().join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
        let recovered = self.recover()?;
        Ok(WriteLock { _file: file, recovered })
    }

    fn recover(&self) -> Result<Vec<String>> {
        let marker = self.git.git_dir().join(PENDING_FILE);
        let Ok(text) = fs::read_to_string(&marker) else {
            return Ok(Vec::new());
        };
        let paths: Vec<String> = text.lines().filter(|l| !l.is_empty()).map(String::from).collect();
        for path in &paths {
            let target = self.root.join(path);
            match self.git.committed_file(path)? {
                Some(content) => write_atomic(&target, &content)?,
                None if target.exists() => fs::remove_file(&target)?,
                None => {}
            }
        }
        self.git.refresh_index(&paths)?;
        fs::remove_file(&marker)?;
        Ok(paths)
    }

    /// Makes `change` as one commit. Returns the commit's hash.
    pub fn commit(&self, _lock: &WriteLock, change: Change) -> Result<String> {
        let message = change.message();
        let author = Author { name: &change.author.name, email: &change.author.email };
        let prepared = self.git.prepare(&change.files, &author, change.at, &message)?;
        let paths: Vec<String> = change.files.iter().map(|(p, _)| p.clone()).collect();
        let marker = self.git.git_dir().join(PENDING_FILE);
        write_atomic(&marker, paths.join("\n").as_bytes())?;
        replace_files(&self.root, &change.files)?;
        if let Err(e) = self.git.advance(&prepared, &change.subject) {
            self.recover()?;
            return Err(e);
        }
        self.git.refresh_index(&paths)?;
        fs::remove_file(&marker)?;
        self.git.maintain(&self.root);
        Ok(prepared.commit.to_string())
    }

    pub fn commits_with_trailer(&self, key: &str, value: &str) -> Result<Vec<CommitInfo>> {
        self.git.commits_with_trailer(key, value)
    }

    // ---- incidents ----

    pub fn incident_path(id: &str) -> String {
        format!("{INCIDENTS_DIR}/{id}.toml")
    }

    /// Ids of every incident file, sorted.
    pub fn incident_ids(&self) -> Result<Vec<String>> {
        self.stems(INCIDENTS_DIR, id::is_incident_id)
    }

    /// The names of the `.toml` files in `dir` that `valid` accepts, sorted.
    fn stems(&self, dir: &str, valid: impl Fn(&str) -> bool) -> Result<Vec<String>> {
        let dir = self.root.join(dir);
        let mut stems = Vec::new();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(stems),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        for entry in entries {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if let Some(stem) = name.strip_suffix(".toml")
                && valid(stem)
            {
                stems.push(stem.to_string());
            }
        }
        stems.sort();
        Ok(stems)
    }

    /// The full id of the one incident whose id starts with `query`.
    pub fn find_incident(&self, query: &str) -> Result<String> {
        if !id::is_valid_query(query) {
            return Err(UserError::new(format!("'{query}' is not an incident id"))
                .hint("incident ids look like INC-7K3M-9QX2; list them with: sirt list --all")
                .into());
        }
        let wanted = id::canonical(query);
        let matches: Vec<String> =
            self.incident_ids()?.into_iter().filter(|id| id::canonical(id).starts_with(&wanted)).collect();
        match matches.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(UserError::new(format!("no incident matches '{query}'"))
                .hint("list them with: sirt list --all")
                .into()),
            many => Err(UserError::new(format!(
                "'{query}' matches {} incidents: {}",
                many.len(),
                many.join(", ")
            ))
            .hint("type more of the id")
            .into()),
        }
    }

    pub fn read_log(&self, id: &str) -> Result<IncidentLog> {
        read_log(&self.root, id)
    }

    pub fn load_incident(&self, id: &str) -> Result<(IncidentLog, Incident)> {
        let log = self.read_log(id)?;
        let incident = fold(&self.root, &log)?;
        Ok((log, incident))
    }

    /// Every incident that reads; a file that doesn't is a warning, not a failure.
    pub fn load_incidents(&self) -> Result<Loaded> {
        self.load_incidents_as_of(None)
    }

    /// Every incident as it stood at `as_of` (only the events that had happened by then), or as
    /// it stands now. Files are parsed on every core: parsing is most of the time of `list` and
    /// `deadlines`.
    pub fn load_incidents_as_of(&self, as_of: Option<DateTime<Utc>>) -> Result<Loaded> {
        let ids = self.incident_ids()?;
        let root = self.root.as_path();
        let results = crate::parallel::by_chunks(&ids, crate::parallel::cores(), |part| {
            part.iter().map(|id| incident_as_of(root, id, as_of)).collect::<Vec<_>>()
        });
        let mut loaded = Loaded { incidents: Vec::with_capacity(ids.len()), warnings: Vec::new() };
        for result in results.into_iter().flatten() {
            match result {
                Ok(Some(incident)) => loaded.incidents.push(incident),
                Ok(None) => {}
                Err(e) => loaded.warnings.push(format!("{e:#}")),
            }
        }
        Ok(loaded)
    }

    /// One incident as it stood at `as_of`; `None` if it had not been detected by then.
    pub fn load_incident_as_of(&self, id: &str, as_of: Option<DateTime<Utc>>) -> Result<Option<Incident>> {
        incident_as_of(&self.root, id, as_of)
    }

    /// The file content for `log`, checked to read back as the same log before anything is written.
    pub fn incident_file(log: &IncidentLog) -> Result<(String, Option<Vec<u8>>)> {
        let text = toml::to_string(log).context("cannot encode the incident")?;
        let back: IncidentLog = toml::from_str(&text).context("the encoded incident does not read back")?;
        if &back != log {
            return Err(anyhow!(
                "the encoded incident {} reads back differently; nothing was written",
                log.id
            ));
        }
        back.fold().map_err(|e| anyhow!("refusing to write an inconsistent incident {}: {e}", log.id))?;
        Ok((Self::incident_path(&log.id), Some(text.into_bytes())))
    }
}

impl Store {
    // ---- tenants ----

    pub fn tenant_path(id: &str) -> String {
        format!("{TENANTS_DIR}/{id}.toml")
    }

    /// Ids of every tenant file, sorted.
    pub fn tenant_ids(&self) -> Result<Vec<String>> {
        self.stems(TENANTS_DIR, |stem| tenant::check_slug(stem).is_ok())
    }

    pub fn tenant_exists(&self, id: &str) -> bool {
        tenant::check_slug(id).is_ok() && self.root.join(Self::tenant_path(id)).is_file()
    }

    pub fn read_tenant(&self, id: &str) -> Result<Tenant> {
        if !self.tenant_exists(id) {
            return Err(UserError::new(format!("no tenant '{id}' in the directory"))
                .hint("list them with: sirt tenant list, or add it: sirt tenant add ID --name NAME --admin-email EMAIL")
                .into());
        }
        let path = self.root.join(Self::tenant_path(id));
        let text = read_text(&path)?;
        let tenant: Tenant = toml::from_str(&text).map_err(|e| toml_error(&path, &text, &e))?;
        if tenant.id != id {
            return Err(UserError::new(format!("{} holds tenant '{}', not {id}", path.display(), tenant.id))
                .hint("restore the file from history: git -C STORE checkout -- FILE")
                .into());
        }
        Ok(tenant)
    }

    /// Every tenant that reads; a file that doesn't is a warning.
    pub fn load_tenants(&self) -> Result<(Vec<Tenant>, Vec<String>)> {
        let mut tenants = Vec::new();
        let mut warnings = Vec::new();
        for id in self.tenant_ids()? {
            match self.read_tenant(&id) {
                Ok(tenant) => tenants.push(tenant),
                Err(e) => warnings.push(format!("{e:#}")),
            }
        }
        Ok((tenants, warnings))
    }

    /// The file content for `tenant`, checked to read back as the same tenant.
    pub fn tenant_file(tenant: &Tenant) -> Result<(String, Option<Vec<u8>>)> {
        let text = toml::to_string(tenant).context("cannot encode the tenant")?;
        let back: Tenant = toml::from_str(&text).context("the encoded tenant does not read back")?;
        if &back != tenant {
            return Err(anyhow!(
                "the encoded tenant {} reads back differently; nothing was written",
                tenant.id
            ));
        }
        Ok((Self::tenant_path(&tenant.id), Some(text.into_bytes())))
    }

    /// Where `sirt edit` keeps the text being edited: inside `.git/`, so never committed, and
    /// a new name for each attempt.
    pub fn edit_draft_path(&self, id: &str) -> PathBuf {
        let attempt = crate::clock::random_u64() & 0xffff_ffff;
        self.git.git_dir().join("sirt-edit").join(format!("{id}-{attempt:08x}.toml"))
    }

    /// The store's template files: `(path under templates/, source)` for each file in
    /// `templates/` and in its language folders (`templates/de/…`). Which names are valid is the
    /// renderer's business.
    pub fn template_overrides(&self) -> Result<Vec<(String, String)>> {
        let mut files = Vec::new();
        let dir = self.root.join(TEMPLATES_DIR);
        let visible = |path: &Path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (!name.starts_with('.')).then_some(name)
        };
        let Ok(entries) = fs::read_dir(&dir) else { return Ok(files) };
        for entry in entries {
            let path = entry?.path();
            let Some(name) = visible(&path) else { continue };
            if !path.is_dir() {
                files.push((name, read_text(&path)?));
                continue;
            }
            for inner in fs::read_dir(&path).with_context(|| format!("cannot read {}", path.display()))? {
                let inner = inner?.path();
                if let Some(file) = visible(&inner) {
                    files.push((format!("{name}/{file}"), read_text(&inner)?));
                }
            }
        }
        files.sort();
        Ok(files)
    }

    /// The committed bytes of a store file as they are in the working tree, if any.
    pub fn current_file(&self, path: &str) -> Option<Vec<u8>> {
        fs::read(self.root.join(path)).ok()
    }
}

fn read_log(root: &Path, id: &str) -> Result<IncidentLog> {
    let path = root.join(Store::incident_path(id));
    let text = read_text(&path)?;
    let log: IncidentLog = toml::from_str(&text).map_err(|e| toml_error(&path, &text, &e))?;
    if log.id != id {
        return Err(UserError::new(format!("{} holds incident '{}', not {id}", path.display(), log.id))
            .hint("restore the file from history: git -C STORE checkout -- FILE")
            .into());
    }
    Ok(log)
}

fn fold(root: &Path, log: &IncidentLog) -> Result<Incident> {
    log.fold().map_err(|e| {
        anyhow!(UserError::new(format!("{}: {e}", root.join(Store::incident_path(&log.id)).display())))
    })
}

fn incident_as_of(root: &Path, id: &str, as_of: Option<DateTime<Utc>>) -> Result<Option<Incident>> {
    let log = read_log(root, id)?;
    match as_of {
        None => fold(root, &log).map(Some),
        Some(at) => log.as_of(at).map(|past| fold(root, &past)).transpose(),
    }
}

/// An error naming the file and line of a TOML syntax or type error.
fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> anyhow::Error {
    let line = error.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let location = match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    };
    anyhow!(UserError::new(format!("{location}: {}", error.message().trim())).hint(format!(
        "fix the file by hand, or restore it: git -C {} checkout -- .",
        path.parent().and_then(Path::parent).unwrap_or(path).display()
    )))
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes)
        .map_err(|_| anyhow!(UserError::new(format!("{} is not UTF-8 text", path.display()))))
}

/// A directory only its owner can enter.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Replaces `path` with `content` so that a reader sees the old file or the new, never a mix:
/// temporary file beside it, fsync, rename, fsync of the directory.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let root = path.parent().context("a file to write has no directory")?;
    let name = path.file_name().context("a file to write has no name")?;
    replace_files(root, &[(name.to_string_lossy().into_owned(), Some(content.to_vec()))])
}

/// Replaces (or, for `None`, deletes) files under `root`, each atomically. Many files are
/// staged first and flushed with one filesystem sync, not one fsync each: importing 10,000
/// tenants would otherwise spend most of its time waiting on the disk.
fn replace_files(root: &Path, files: &[(String, Option<Vec<u8>>)]) -> Result<()> {
    let batch = files.len() > 8;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut dirs: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<()> {
        for (path, content) in files {
            let target = root.join(path);
            let dir = target.parent().context("a file to write has no directory")?.to_path_buf();
            if !dir.exists() {
                create_private_dir(&dir)?;
            }
            if !dirs.contains(&dir) {
                dirs.push(dir.clone());
            }
            if let Some(bytes) = content {
                let name = target.file_name().context("a file to write has no name")?.to_string_lossy();
                let temp = dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
                write_new(&temp, bytes, !batch)
                    .with_context(|| format!("cannot write {}", target.display()))?;
                staged.push((temp, target));
            }
        }
        if batch {
            sync_filesystem(root)?;
        }
        for (temp, target) in staged.drain(..) {
            fs::rename(&temp, &target).with_context(|| format!("cannot replace {}", target.display()))?;
        }
        for (path, content) in files {
            let target = root.join(path);
            if content.is_none() && target.exists() {
                fs::remove_file(&target).with_context(|| format!("cannot remove {}", target.display()))?;
            }
        }
        for dir in &dirs {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
    result
}

fn write_new(path: &Path, content: &[u8], fsync: bool) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(content)?;
    if fsync {
        file.sync_all()?;
    }
    Ok(())
}

/// Flushes every file of the filesystem holding `root` to disk.
fn sync_filesystem(root: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let dir = File::open(root)?;
        // SAFETY: syncfs takes an open file descriptor, which `dir` keeps alive for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error()).context("cannot flush the store to disk");
        }
    }
    #[cfg(not(target_os = "linux"))]
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe {
        libc::sync();
    }
    Ok(())
}

/// git's identity from the user's configuration, before any store exists.
pub fn git_identity_outside_store() -> Option<Actor> {
    git::global_identity().map(|(name, email)| Actor { name, email })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_read_with_or_without_email() {
        assert_eq!(
            Actor::parse("Ana Lima <ana@example.com>"),
            Some(Actor { name: "Ana Lima".into(), email: "ana@example.com".into() })
        );
        assert_eq!(Actor::parse("ana"), Some(Actor { name: "ana".into(), email: String::new() }));
        assert_eq!(Actor::parse(""), None);
        assert_eq!(Actor::parse("ana <a@b"), None);
        assert_eq!(Actor::parse("ana\n<a@b>"), None);
        assert_eq!(Actor::parse("<a@b>"), None);
    }

    #[test]
    fn messages_carry_subject_body_and_trailers() {
        let change = Change {
            files: vec![],
            subject: "INC-1: confirmed".into(),
            body: Some("Happened earlier.".into()),
            trailers: vec![("Sirt-Incident", "INC-1".into())],
            author: Actor { name: "a".into(), email: String::new() },
            at: DateTime::UNIX_EPOCH,
        };
        assert_eq!(change.message(), "INC-1: confirmed\n\nHappened earlier.\n\nSirt-Incident: INC-1\n");
    }
}
