//! `completions/` and `man/` are generated from the clap definitions and committed. This test
//! fails when they are stale; `SIRT_REGENERATE=1 cargo test --test cli generated` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap_complete::Shell;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn completions() -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
        let mut bytes = Vec::new();
        clap_complete::generate(shell, &mut sirt::commands::command(), "sirt", &mut bytes);
        let name = match shell {
            Shell::Bash => "sirt.bash".to_string(),
            Shell::Zsh => "_sirt".to_string(),
            Shell::Fish => "sirt.fish".to_string(),
            Shell::PowerShell => "_sirt.ps1".to_string(),
            _ => "sirt.elv".to_string(),
        };
        files.insert(root().join("completions").join(name), bytes);
    }
    files
}

/// One page for `sirt` and one for each subcommand, nested ones included (`sirt-tenant-add.1`).
fn man_pages() -> BTreeMap<PathBuf, Vec<u8>> {
    fn add(files: &mut BTreeMap<PathBuf, Vec<u8>>, command: &clap::Command, name: String) {
        let mut bytes = Vec::new();
        clap_mangen::Man::new(command.clone().name(name.clone())).render(&mut bytes).unwrap();
        files.insert(root().join("man").join(format!("{name}.1")), bytes);
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            add(files, sub, format!("{name}-{}", sub.get_name()));
        }
    }
    let mut command = sirt::commands::command();
    command.build();
    let mut files = BTreeMap::new();
    add(&mut files, &command, "sirt".into());
    files
}

fn check(dir: &str, expected: BTreeMap<PathBuf, Vec<u8>>) {
    let dir = root().join(dir);
    if std::env::var_os("SIRT_REGENERATE").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (path, bytes) in &expected {
            std::fs::write(path, bytes).unwrap();
        }
        return;
    }
    let present: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    let mut stale: Vec<String> = Vec::new();
    for (path, bytes) in &expected {
        if std::fs::read(path).ok().as_ref() != Some(bytes) {
            stale.push(format!("{} is missing or out of date", rel(path)));
        }
    }
    for path in present.iter().filter(|p| !expected.contains_key(*p)) {
        stale.push(format!("{} is not generated any more", rel(path)));
    }
    assert!(
        stale.is_empty(),
        "generated files are stale:\n  {}\nregenerate them with: SIRT_REGENERATE=1 cargo test --test cli generated",
        stale.join("\n  ")
    );
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

#[test]
fn completions_are_fresh() {
    check("completions", completions());
}

#[test]
fn man_pages_are_fresh() {
    check("man", man_pages());
}
