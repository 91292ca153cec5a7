//! The store: a git repository whose branch `main` holds `sirt.toml`, `incidents/<XX>/<ID>.toml`,
//! `tenants/<XX>/<ID>.toml` (see `layout.rs`; older stores are flat) and `templates/`.
//!
//! The commit is the record. Every read sees the tree of one commit (the branch's tip when the
//! store was opened, or when this command's transaction began), never whatever the working tree
//! holds; the working tree is a checkout kept in step for people and tools. Every change is one
//! [`Txn`]: lock, read, decide, write, commit, refresh the checkout.

mod cache;
mod fsutil;
mod git;
mod history;
mod history_index;
mod incidents;
pub mod layout;
pub mod remote;
mod signing;
mod tenants;
mod txn;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

pub use cache::{ClockTerms, Summaries, TenantTerms};
pub use fsutil::{create_private_dir, write_atomic, write_into};
pub use git::CommitInfo;
pub use git::Oid;
use git::{Git, Part};
pub use history::{Change, CommitFacts, History};
pub use incidents::Loaded;
pub use signing::{SignatureCheck, check as check_signature};
pub use tenants::tenant_text;
pub use txn::{Committed, Message, Txn};

use crate::error::UserError;
use crate::model::actor::Actor;
use crate::model::settings::Settings;

pub const SETTINGS_FILE: &str = "sirt.toml";
pub const INCIDENTS_DIR: &str = "incidents";
pub const TENANTS_DIR: &str = "tenants";
pub const TEMPLATES_DIR: &str = "templates";
/// The keys whose signatures the store accepts, in ssh-keygen's allowed-signers format.
pub const ALLOWED_SIGNERS_FILE: &str = "allowed_signers";
/// What sirt keeps in a store: where `status`, `adopt` and `sync` look for hand edits.
fn records() -> [Part<'static>; 4] {
    [Part::File(SETTINGS_FILE), Part::Dir(INCIDENTS_DIR), Part::Dir(TENANTS_DIR), Part::Dir(TEMPLATES_DIR)]
}

/// What a reading command draws on, so that it looks for hand edits only there (and in
/// `sirt.toml`, which every command reads): the cost of the look then follows the command, not
/// the size of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draws<'a> {
    /// One incident's file, by its exact id.
    Incident(&'a str),
    /// One tenant's file, by its id.
    Tenant(&'a str),
    /// Every incident.
    Incidents,
    /// Every tenant.
    Tenants,
}

/// The files of one directory of a tree: name to blob.
type DirIndex = HashMap<String, Oid>;

pub struct Store {
    root: PathBuf,
    pub settings: Settings,
    git: Git,
    /// The commit every read sees, and its tree.
    view: Cell<Option<(Oid, Oid)>>,
    /// Directory indexes by (tree, directory), so a record is found without re-reading its tree.
    dirs: RefCell<HashMap<(Oid, String), Rc<DirIndex>>>,
    /// The incident cache as last read or built, for the `incidents/` tree it describes.
    cache: RefCell<Option<Rc<cache::Snapshot>>>,
    /// The last few record blobs read: a change reads its incident to decide, again to append
    /// to it and again to compare, and each read would inflate it (and its deltas) anew.
    recent: RefCell<Vec<(Oid, Rc<[u8]>)>>,
}

/// How many record blobs [`Store::read_file`] keeps.
const RECENT_BLOBS: usize = 4;

/// Whether `dir` already is a store: a git repository whose branch holds `sirt.toml`.
pub fn is_store(dir: &Path) -> bool {
    dir.join(".git").exists()
        && Git::open(dir)
            .and_then(|git| match git.tip()? {
                Some(tip) => Ok(git.file_in(git.tree_of(tip)?, SETTINGS_FILE)?.is_some()),
                None => Ok(false),
            })
            .unwrap_or(false)
}

impl Store {
    /// Creates a store in `dir`, which must be absent or empty. Everything that could refuse is
    /// checked first; a failure part way removes what was made, so a failed `init` leaves nothing.
    pub fn init(dir: &Path, author: &Actor, at: DateTime<Utc>) -> Result<Store> {
        if is_store(dir) {
            return Err(UserError::new(format!("{} is already a sirt store", dir.display()))
                .hint(format!("use it: sirt --store {} list", dir.display()))
                .into());
        }
        let existed = dir.exists();
        if existed {
            let mut entries =
                std::fs::read_dir(dir).map_err(|e| anyhow!("cannot read {}: {e}", dir.display()))?;
            if entries.next().is_some() {
                return Err(UserError::new(format!(
                    "{} is not empty; a store needs a directory of its own",
                    dir.display()
                ))
                .hint("name a new or empty directory: sirt init DIR")
                .into());
            }
        }
        git::check_identity(&author.name, &author.email)?;
        let made = (|| {
            create_private_dir(dir)?;
            let git = Git::init(dir)?;
            let store = Store {
                root: dir.to_path_buf(),
                settings: Settings::default(),
                git,
                view: Cell::new(None),
                dirs: RefCell::default(),
                cache: RefCell::default(),
                recent: RefCell::default(),
            };
            let mut txn = store.begin_unchecked()?;
            txn.write(SETTINGS_FILE, Settings::initial_file().into_bytes());
            txn.write(".gitignore", format!("{}*\n", fsutil::TEMP_PREFIX).into_bytes());
            txn.commit(&Message::new("store created").trailer("Sirt-Action", "init"), author, at)?;
            Ok(store)
        })();
        if made.is_err() {
            // Only what this call made: the directory was absent or empty before.
            let _ = if existed { fsutil::empty_dir(dir) } else { std::fs::remove_dir_all(dir) };
        }
        made
    }

    /// Opens the store in `dir`, reading its settings from the branch's commit.
    pub fn open(dir: &Path) -> Result<Store> {
        let not_a_store = || -> anyhow::Error {
            let hint = if dir.exists()
                && std::fs::read_dir(dir).map(|mut e| e.next().is_some()).unwrap_or(true)
            {
                "point --store (or SIRT_STORE) at a sirt store, or create one in a new directory: sirt init DIR"
                    .to_string()
            } else {
                format!("create one: sirt init {}", crate::text::shell_word(&dir.display().to_string()))
            };
            UserError::new(format!("{} is not a sirt store", dir.display())).hint(hint).into()
        };
        if !dir.join(".git").exists() {
            return Err(not_a_store());
        }
        let git = Git::open(dir)?;
        let Some(tip) = git.tip()? else { return Err(not_a_store()) };
        let tree = git.tree_of(tip)?;
        let Some(bytes) = git.file_in(tree, SETTINGS_FILE)? else { return Err(not_a_store()) };
        let settings = parse_settings(dir, &bytes)?;
        Ok(Store {
            root: dir.to_path_buf(),
            settings,
            git,
            view: Cell::new(Some((tip, tree))),
            dirs: RefCell::default(),
            cache: RefCell::default(),
            recent: RefCell::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// git's own `user.name` / `user.email`, if set.
    pub fn git_identity(&self) -> Option<Actor> {
        self.git.configured_identity().map(|(name, email)| Actor { name, email })
    }

    /// The store's history, for reading it whole.
    pub fn history(&self) -> Result<History> {
        History::open(&self.git.git_dir())
    }

    /// The commit every read sees.
    pub fn tip(&self) -> Option<String> {
        self.view.get().map(|(commit, _)| commit.to_string())
    }

    fn tree(&self) -> Option<Oid> {
        self.view.get().map(|(_, tree)| tree)
    }

    /// A file as the commit holds it.
    pub fn read_file(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let Some(tree) = self.tree() else { return Ok(None) };
        // Records are looked up through an index of their directory, read once per commit:
        // asking git for `tenants/x.toml` would parse the 10,000-entry `tenants` tree each time.
        if let Some((dir, name)) = path.rsplit_once('/')
            && [INCIDENTS_DIR, TENANTS_DIR].contains(&dir.split('/').next().unwrap_or(dir))
        {
            return match self.dir_index(tree, dir)?.get(name) {
                Some(blob) => self.record_blob(*blob).map(|bytes| Some(bytes.to_vec())),
                None => Ok(None),
            };
        }
        self.git.file_in(tree, path)
    }

    /// A record's blob, from the few read last if it is one of them.
    fn record_blob(&self, blob: Oid) -> Result<Rc<[u8]>> {
        if let Some((_, bytes)) = self.recent.borrow().iter().find(|(id, _)| *id == blob) {
            return Ok(bytes.clone());
        }
        let bytes: Rc<[u8]> = self.git.blob(blob)?.into();
        let mut recent = self.recent.borrow_mut();
        if recent.len() == RECENT_BLOBS {
            recent.remove(0);
        }
        recent.push((blob, bytes.clone()));
        Ok(bytes)
    }

    /// The files of `dir` in `tree`, by name, read once and kept for the life of the store.
    fn dir_index(&self, tree: Oid, dir: &str) -> Result<Rc<DirIndex>> {
        let key = (tree, dir.to_string());
        if let Some(index) = self.dirs.borrow().get(&key) {
            return Ok(index.clone());
        }
        let index: Rc<DirIndex> = Rc::new(self.git.files_in(tree, dir)?.into_iter().collect());
        self.dirs.borrow_mut().insert(key, index.clone());
        Ok(index)
    }

    /// Files of the store whose working-tree version differs from the commit (hand edits),
    /// anywhere in its records. Files and directories `git checkout` left readable by others
    /// are made private on the way.
    pub fn hand_edits(&self) -> Result<Vec<String>> {
        let edits = self.git.worktree_changes(&records(), true)?;
        self.refresh_stale();
        Ok(edits)
    }

    /// Hand edits in what a reading command draws on, and in `sirt.toml`.
    pub fn hand_edits_in(&self, draws: &[Draws]) -> Result<Vec<String>> {
        let mut paths = Vec::new();
        let mut parts = vec![Part::File(SETTINGS_FILE)];
        for draw in draws {
            match draw {
                Draws::Incident(id) if crate::model::id::is_incident_id(id) => {
                    paths.push(self.incident_path(id))
                }
                Draws::Tenant(id) if crate::model::tenant::check_slug(id).is_ok() => {
                    paths.push(self.tenant_path(id))
                }
                // Not an id, so no file of the store: nothing of it to look at.
                Draws::Incident(_) | Draws::Tenant(_) => {}
                Draws::Incidents => parts.push(Part::Dir(INCIDENTS_DIR)),
                Draws::Tenants => parts.push(Part::Dir(TENANTS_DIR)),
            }
        }
        parts.extend(paths.iter().map(|path| Part::File(path)));
        let edits = self.git.worktree_changes(&parts, false)?;
        self.refresh_stale();
        Ok(edits)
    }

    /// Files a check read because their stat data changed though their content did not: their
    /// new stat data goes into the index, so later checks need not read them. Best effort, and
    /// only when sirt's lock is free at once: a reader never waits for a writer.
    fn refresh_stale(&self) {
        let stale = self.git.take_stale();
        if stale.is_empty() {
            return;
        }
        if let Some(_lock) = self.try_lock() {
            let _ = self.git.refresh_stat_data(&stale);
        }
    }

    pub fn commits_with_trailer(&self, key: &str, value: &str) -> Result<Vec<CommitInfo>> {
        self.git.commits_with_trailer(key, value)
    }

    /// The store's template files: path under `templates/` and source, in path order.
    pub fn template_files(&self) -> Result<Vec<(String, String)>> {
        let Some(tree) = self.tree() else { return Ok(Vec::new()) };
        let mut files = Vec::new();
        for (name, blob) in self.git.files_under(tree, TEMPLATES_DIR)? {
            let path = format!("{TEMPLATES_DIR}/{name}");
            files.push((name, utf8(&path, self.git.blob(blob)?)?));
        }
        Ok(files)
    }

    /// Where `sirt edit` keeps the text being edited: inside `.git/`, so never committed, and
    /// a new name for each attempt.
    pub fn edit_draft_path(&self, id: &str) -> PathBuf {
        let attempt = crate::clock::random_u64() & 0xffff_ffff;
        self.git.git_dir().join("sirt-edit").join(format!("{id}-{attempt:08x}.toml"))
    }
}

fn parse_settings(dir: &Path, bytes: &[u8]) -> Result<Settings> {
    let path = dir.join(SETTINGS_FILE);
    let text = utf8(&path.display().to_string(), bytes.to_vec())?;
    let settings = Settings::parse(&text).map_err(|p| located_error(&path, &text, p.span, &p.message))?;
    if settings.schema != crate::model::settings::SCHEMA {
        return Err(UserError::new(format!(
            "{} has schema {}, which this version of sirt does not read",
            path.display(),
            settings.schema
        ))
        .hint("upgrade sirt")
        .into());
    }
    Ok(settings)
}

/// An error naming the file and line of a TOML syntax or type error.
pub(crate) fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> anyhow::Error {
    located_error(path, text, error.span(), error.message())
}

/// An error naming the file and the line `span` starts on.
fn located_error(
    path: &Path,
    text: &str,
    span: Option<std::ops::Range<usize>>,
    message: &str,
) -> anyhow::Error {
    let line = span.map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let location = match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // The path in the store: up to the records' directory, in either layout.
    let dirs: Vec<String> = path
        .ancestors()
        .skip(1)
        .take(2)
        .filter_map(|d| Some(d.file_name()?.to_string_lossy().into_owned()))
        .collect();
    let relative = match dirs.as_slice() {
        [dir, ..] if [INCIDENTS_DIR, TENANTS_DIR, TEMPLATES_DIR].contains(&dir.as_str()) => {
            format!("{dir}/{name}")
        }
        [shard, dir] if [INCIDENTS_DIR, TENANTS_DIR].contains(&dir.as_str()) => {
            format!("{dir}/{shard}/{name}")
        }
        _ => name,
    };
    anyhow!(
        UserError::new(format!("{location}: {}", message.trim()))
            .hint(format!("the committed file is broken; see what changed it: git log -p -- {relative}"))
    )
}

fn utf8(path: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| anyhow!(UserError::new(format!("{path} is not UTF-8 text"))))
}

/// git's identity from the user's configuration, before any store exists.
pub fn git_identity_outside_store() -> Option<Actor> {
    git::global_identity().map(|(name, email)| Actor { name, email })
}
