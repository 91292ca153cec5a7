use std::path::Path;
use std::process::Command;

use git2::{IndexAddOption, Repository};
use proptest::prelude::*;

use super::*;

/// A repository with files in nested directories, added through libgit2 (an index of
/// `version`) with its cached trees written, as a store's index is after a checkout.
fn repo_with_files(version: u32) -> (tempfile::TempDir, Repository) {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    for (path, text) in [
        ("sirt.toml", "schema = 1\n"),
        ("incidents/AB/INC-AB12-0000.toml", "one\n"),
        ("incidents/AB/INC-AB99-0000.toml", "two\n"),
        ("incidents/ZZ/INC-ZZ00-0000.toml", "three\n"),
        ("tenants/0f/acme.toml", "acme\n"),
        ("tenants/0f/acme-eu.toml", "acme eu\n"),
        ("tenants/a0/contoso.toml", "contoso\n"),
    ] {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    {
        let mut index = repo.index().unwrap();
        index.set_version(version).unwrap();
        index.add_all(["*"], IndexAddOption::DEFAULT, None).unwrap();
        index.write_tree().unwrap();
        index.write().unwrap();
    }
    (dir, repo)
}

fn libgit2_entries(repo: &Repository) -> Vec<(Vec<u8>, git2::Oid, u32, u32, u32)> {
    let mut index = repo.index().unwrap();
    index.read(true).unwrap();
    index.iter().map(|e| (e.path, e.id, e.mtime.nanoseconds(), e.ino, e.file_size)).collect()
}

fn ours(index: &Index) -> Vec<(Vec<u8>, git2::Oid, u32, u32, u32)> {
    index
        .entries()
        .iter()
        .map(|e| (e.path.clone(), git2::Oid::from_bytes(&e.id).unwrap(), e.mtime.1, e.ino, e.size))
        .collect()
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .ok()?;
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn reads_what_libgit2_wrote_in_every_version() {
    for version in [2, 3, 4] {
        let (dir, repo) = repo_with_files(version);
        let index = read(&dir.path().join(".git/index"), None).unwrap().unwrap();
        assert_eq!(ours(&index), libgit2_entries(&repo), "version {version}");
        assert!(index.trees.is_some(), "the cached trees are kept");
    }
}

#[test]
fn no_index_is_none_and_a_damaged_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(read(&dir.path().join("index"), None).unwrap().is_none());
    let (dir, _repo) = repo_with_files(4);
    let file = dir.path().join(".git/index");
    let bytes = std::fs::read(&file).unwrap();
    for cut in [0, 11, 40, 100, bytes.len() / 2] {
        std::fs::write(&file, &bytes[..cut]).unwrap();
        assert!(read(&file, None).is_err(), "cut at {cut}");
    }
    // Zeros where a block of entries was (a block lost in a power cut): the entries after it no
    // longer line up, and the file does not read, even with its cached trees complete.
    for version in [2, 4] {
        let (dir, _repo) = repo_with_files(version);
        let file = dir.path().join(".git/index");
        let mut zeroed = std::fs::read(&file).unwrap();
        zeroed[12..12 + 200].fill(0);
        std::fs::write(&file, &zeroed).unwrap();
        assert!(read(&file, None).is_err(), "version {version}");
    }
    // One bit flipped in a blob id of an index whose cached trees are not complete (one sirt
    // wrote after a change): the checksum no longer matches.
    std::fs::write(&file, &bytes).unwrap();
    let mut index = read(&file, None).unwrap().unwrap();
    let entry = index.get(b"sirt.toml").unwrap();
    index.set(entry);
    index.write(&dir.path().join(".git")).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let mut flipped = bytes.clone();
    flipped[12 + 45] ^= 1;
    std::fs::write(&file, &flipped).unwrap();
    assert!(read(&file, None).is_err());
    // Unless the checksum is one sirt noted after writing the file whole: like git, it then
    // trusts the file without hashing it.
    let sum: [u8; HASH] = flipped[flipped.len() - HASH..].try_into().unwrap();
    assert!(read(&file, Some(sum)).is_ok());
}

#[test]
fn a_patched_index_is_what_libgit2_and_git_read() {
    for version in [2, 4] {
        let (dir, repo) = repo_with_files(version);
        let root = dir.path();
        // A file rewritten, a file added in a new directory, a file removed.
        std::fs::write(root.join("incidents/AB/INC-AB12-0000.toml"), "one, changed\n").unwrap();
        std::fs::create_dir_all(root.join("incidents/CD")).unwrap();
        std::fs::write(root.join("incidents/CD/INC-CD00-0000.toml"), "new\n").unwrap();
        std::fs::remove_file(root.join("tenants/0f/acme.toml")).unwrap();
        let mut index = read(&root.join(".git/index"), None).unwrap().unwrap();
        for path in ["incidents/AB/INC-AB12-0000.toml", "incidents/CD/INC-CD00-0000.toml"] {
            let meta = std::fs::symlink_metadata(root.join(path)).unwrap();
            let id = git2::Oid::hash_file(git2::ObjectType::Blob, root.join(path)).unwrap();
            repo.blob(&std::fs::read(root.join(path)).unwrap()).unwrap();
            index.set(Entry::of_file(path, &meta, id));
        }
        index.remove(b"tenants/0f/acme.toml");
        index.remove(b"not/there.toml");
        index.write(&root.join(".git")).unwrap();
        assert!(!root.join(".git/index.lock").exists());
        let on_disk = std::fs::read(root.join(".git/index")).unwrap();
        assert_eq!(&on_disk[on_disk.len() - 20..], index.checksum);

        // libgit2 reads it (and checks its checksum) with exactly these entries.
        let theirs = libgit2_entries(&repo);
        assert_eq!(theirs, ours(&index));
        let back = read(&root.join(".git/index"), None).unwrap().unwrap();
        assert_eq!(back.entries(), index.entries());

        let Some(_) = git(root, &["--version"]) else { continue };
        // git agrees the working tree matches the index, and its cached trees (kept for the
        // untouched directories) give the same tree as hashing the index from scratch.
        assert_eq!(git(root, &["diff-files", "--name-only"]).unwrap(), "");
        let with_cache = git(root, &["write-tree"]).unwrap();
        let mut fresh = repo.index().unwrap();
        fresh.read(true).unwrap();
        fresh.clear().unwrap();
        fresh.add_all(["*"], IndexAddOption::DEFAULT, None).unwrap();
        assert_eq!(with_cache.trim(), fresh.write_tree().unwrap().to_string());
        git(root, &["fsck", "--no-dangling"]).unwrap();
    }
}

#[test]
fn only_the_directories_on_a_changed_path_lose_their_cached_tree() {
    let (dir, _repo) = repo_with_files(4);
    let mut index = read(&dir.path().join(".git/index"), None).unwrap().unwrap();
    let before = index.trees.clone().unwrap();
    let entry = index.get(b"incidents/AB/INC-AB12-0000.toml").unwrap();
    index.set(entry);
    index.settle_trees();
    let after = index.trees.clone().unwrap();
    let count = |data: &[u8], needle: &[u8]| data.windows(needle.len()).filter(|w| *w == needle).count();
    // The root, incidents/ and incidents/AB/ are unknown; incidents/ZZ and tenants/ still known.
    assert_eq!(count(&before, b"\0-1 "), 0);
    assert_eq!(count(&after, b"\0-1 "), 3);
    assert!(after.windows(3).any(|w| w == b"ZZ\0"));
}

#[test]
fn the_cached_root_is_the_tree_until_an_entry_changes() {
    let (dir, repo) = repo_with_files(2);
    let tree = {
        let mut index = repo.index().unwrap();
        index.write_tree().unwrap()
    };
    let mut index = read(&dir.path().join(".git/index"), None).unwrap().unwrap();
    assert_eq!(index.cached_root(), Some(*tree.as_bytes().first_chunk().unwrap()));
    let entry = index.get(b"sirt.toml").unwrap();
    index.set(entry);
    assert_eq!(index.cached_root(), None, "changed since it was read");
    index.write(&dir.path().join(".git")).unwrap();
    let back = read(&dir.path().join(".git/index"), None).unwrap().unwrap();
    assert_eq!(back.cached_root(), None, "unknown at the top once a path under it changed");
}

#[test]
fn a_held_lock_is_refused_and_left_alone() {
    let (dir, _repo) = repo_with_files(4);
    let git_dir = dir.path().join(".git");
    let mut index = read(&git_dir.join("index"), None).unwrap().unwrap();
    std::fs::write(git_dir.join("index.lock"), "someone else").unwrap();
    assert!(index.write(&git_dir).is_err());
    assert_eq!(std::fs::read_to_string(git_dir.join("index.lock")).unwrap(), "someone else");
}

proptest! {
    #[test]
    fn varints_read_back(value in 0u64..(1 << 40)) {
        let mut out = Vec::new();
        put_varint(&mut out, value);
        out.push(0xAA);
        prop_assert_eq!(varint(&out).unwrap(), (value as usize, out.len() - 1));
    }
}

/// Prints how long libgit2 and this module take to read and rewrite the index of a big store
/// (`SIRT_INDEX_BENCH=/path/to/store`); asserts nothing.
#[test]
#[ignore]
fn compare_with_libgit2() {
    let Some(store) = std::env::var_os("SIRT_INDEX_BENCH") else { return };
    let store = Path::new(&store);
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(store.join(".git/index"), scratch.path().join("index")).unwrap();
    let time = |what: &str, work: &mut dyn FnMut()| {
        let mut runs: Vec<_> = (0..9)
            .map(|_| {
                let start = std::time::Instant::now();
                work();
                start.elapsed()
            })
            .collect();
        runs.sort();
        println!("{what}: {:?}", runs[4]);
    };
    let path = scratch.path().join("index");
    time("libgit2 read", &mut || {
        git2::Index::open(&path).unwrap();
    });
    time("libgit2 read + add + write", &mut || {
        let mut index = git2::Index::open(&path).unwrap();
        let entry = index.iter().nth(5000).unwrap();
        index.add(&entry).unwrap();
        index.write().unwrap();
    });
    time("ours read, checksum hashed", &mut || {
        read(&path, None).unwrap().unwrap();
    });
    let mut written = read(&path, None).unwrap().unwrap();
    written.write(scratch.path()).unwrap();
    let trusted = Some(written.checksum);
    time("ours read, checksum trusted", &mut || {
        read(&path, trusted).unwrap().unwrap();
    });
    time("ours read + set + write", &mut || {
        let mut index = read(&path, trusted).unwrap().unwrap();
        let entry = index.entry(5000).unwrap().to_owned();
        index.set(entry);
        index.write(scratch.path()).unwrap();
    });
}

#[test]
fn an_index_in_conflict_is_read_but_not_written() {
    let (dir, repo) = repo_with_files(2);
    {
        let mut index = repo.index().unwrap();
        let mut entry = index.get_path(Path::new("sirt.toml"), 0).unwrap();
        index.remove_path(Path::new("sirt.toml")).unwrap();
        for stage in [2, 3] {
            entry.flags = (entry.flags & !0x3000) | (stage << 12);
            index.add(&entry).unwrap();
        }
        index.write().unwrap();
    }
    let git_dir = dir.path().join(".git");
    let mut index = read(&git_dir.join("index"), None).unwrap().unwrap();
    assert!(index.has_conflicts());
    assert_eq!(index.entries().iter().filter(|e| e.path == b"sirt.toml").count(), 2);
    assert!(index.write(&git_dir).is_err());
}

#[test]
fn setting_many_entries_at_once_is_setting_them_one_by_one() {
    let (dir, _repo) = repo_with_files(4);
    let file = dir.path().join(".git/index");
    let mut one_by_one = read(&file, None).unwrap().unwrap();
    let mut at_once = read(&file, None).unwrap().unwrap();
    let template = one_by_one.entries()[0].clone();
    let mut batch = Vec::new();
    for (n, path) in
        ["zz/last", "a-first", "incidents/AB/INC-AB50-0000.toml", "sirt.toml", "tenants/0f/b", "m"]
            .iter()
            .enumerate()
    {
        batch.push(Entry { path: path.as_bytes().to_vec(), size: n as u32 + 100, ..template.clone() });
    }
    for entry in batch.clone() {
        one_by_one.set(entry);
    }
    at_once.set_all(batch);
    assert_eq!(at_once.entries(), one_by_one.entries());
    assert!(at_once.entries().windows(2).all(|w| w[0].path < w[1].path), "sorted");
    assert_eq!(at_once.len(), 7 + 5);
}

/// The checksum carried on from the bytes hashed ahead is the file's own, whether the change
/// left those bytes alone, touched an entry inside them, or added one (a new count).
#[test]
fn a_checksum_hashed_ahead_is_the_written_files() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    std::fs::create_dir_all(dir.path().join("d")).unwrap();
    for n in 0..2000 {
        std::fs::write(dir.path().join(format!("d/f{n:04}.txt")), format!("{n}\n")).unwrap();
    }
    let mut index = repo.index().unwrap();
    index.add_all(["*"], IndexAddOption::DEFAULT, None).unwrap();
    index.write().unwrap();
    let git_dir = dir.path().join(".git");
    let file = git_dir.join("index");
    let changed = |index: &mut Index, path: &str, id: u8| {
        let mut entry = index.get(path.as_bytes()).unwrap_or_else(|| index.get(b"d/f0000.txt").unwrap());
        (entry.path, entry.id) = (path.as_bytes().to_vec(), [id; HASH]);
        index.set(entry);
    };
    // Whether the hash carries on: not when an entry before the one named ahead changed, nor
    // when the header did.
    for (ahead, touched, carried) in [
        ("d/f1500.txt", vec!["d/f1500.txt"], true),
        ("d/f1500.txt", vec!["d/f1500.txt", "d/f0100.txt"], false),
        ("d/f1500.txt", vec!["d/f1500.txt", "d/f0500-new.txt"], false),
        ("d/f1900.txt", vec!["d/f1900.txt", "d/f1999.txt"], true),
    ] {
        let mut index = read(&file, None).unwrap().unwrap();
        index.hash_ahead(ahead.as_bytes());
        assert!(index.ahead.is_some(), "{ahead} lies past the first 64 KiB");
        for (n, path) in touched.iter().enumerate() {
            changed(&mut index, path, n as u8 + 1);
        }
        index.write(&git_dir).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let (body, sum) = bytes.split_at(bytes.len() - HASH);
        assert_eq!(Sha1::digest(body).as_slice(), sum, "after {touched:?}");
        assert_eq!(CARRIED.get() > 0, carried, "after {touched:?}");
        assert!(read(&file, None).is_ok());
    }
    assert!(
        git(dir.path(), &["ls-files", "--stage", "d/f1999.txt"])
            .is_some_and(|out| out.contains("0202020202"))
    );
}
