//! `completions/` and `man/` are generated from the clap definitions and committed. This test
//! fails when they are stale; `SIRT_REGENERATE=1 cargo test --test cli generated` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sirt::commands::docs::{self, ShellName};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn completions() -> BTreeMap<PathBuf, Vec<u8>> {
    ShellName::ALL
        .iter()
        .map(|shell| (root().join("completions").join(shell.file_name()), docs::completions(*shell)))
        .collect()
}

fn man_pages() -> BTreeMap<PathBuf, Vec<u8>> {
    docs::man_pages().into_iter().map(|(name, page)| (root().join("man").join(name), page)).collect()
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

#[test]
fn man_pages_have_exit_status_environment_files_and_examples() {
    let pages = man_pages();
    let main = String::from_utf8(pages[&root().join("man/sirt.1")].clone()).unwrap();
    for section in [".SH \"EXIT STATUS\"", ".SH \"ENVIRONMENT\"", ".SH \"FILES\"", ".SH EXAMPLES"] {
        assert!(main.contains(section), "sirt.1 lacks {section}");
    }
    assert!(main.contains("SIRT_NOW"));
}

#[test]
fn completions_print_at_run_time_as_committed() {
    let env = crate::support::Env::bare();
    let printed = env.ok(&["completions", "bash"]);
    assert_eq!(printed.as_bytes(), std::fs::read(root().join("completions/sirt.bash")).unwrap());
}
