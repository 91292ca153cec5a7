//! The incident and tenant caches in `.git/sirt-cache/`: whatever state they are in (missing,
//! warm, damaged, from another sirt, half written by a crash, paired with another writer's
//! file), every reading command prints exactly what it prints with no cache at all.

use std::path::PathBuf;

use crate::support::Env;

/// What one command printed, and how it ended.
type Outcome = (Option<i32>, String, String);

fn cache_dir(env: &Env) -> PathBuf {
    env.store.join(".git").join("sirt-cache")
}

fn index(env: &Env) -> PathBuf {
    cache_dir(env).join("incidents.idx")
}

fn bodies(env: &Env) -> PathBuf {
    cache_dir(env).join("incidents.dat")
}

fn tenants(env: &Env) -> PathBuf {
    cache_dir(env).join("tenants.idx")
}

fn forget(env: &Env) {
    let dir = cache_dir(env);
    if dir.is_dir() {
        std::fs::remove_dir_all(&dir).unwrap();
    } else if dir.exists() {
        std::fs::remove_file(&dir).unwrap();
    }
}

/// The reading commands whose output comes from the folded incidents, `show` first so that it
/// also meets a cache that does not hold the commit yet.
fn commands(ids: &[String]) -> Vec<Vec<String>> {
    let mut all: Vec<Vec<String>> = Vec::new();
    for id in ids {
        all.push(vec!["show".into(), id.clone()]);
        all.push(vec!["show".into(), id.clone(), "--format".into(), "json".into()]);
    }
    for args in [
        &["list"][..],
        &["list", "--all"],
        &["list", "--closed"],
        &["list", "--all", "--format", "csv"],
        &["list", "--all", "--format", "json"],
        &["deadlines"],
        &["deadlines", "--all", "--format", "json"],
        &["deadlines", "--check"],
        &["deadlines", "--at", "2026-11-20T10:00:00Z"],
        &["stats"],
        &["tenant", "check"],
    ] {
        all.push(args.iter().map(|a| a.to_string()).collect());
    }
    all
}

fn outcomes(env: &Env, ids: &[String], before_each: impl Fn()) -> Vec<Outcome> {
    commands(ids)
        .iter()
        .map(|args| {
            before_each();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = env.run(&args);
            assert_ne!(out.status.code(), Some(101), "sirt {args:?} panicked");
            (
                out.status.code(),
                String::from_utf8(out.stdout).unwrap(),
                String::from_utf8(out.stderr).unwrap(),
            )
        })
        .collect()
}

fn assert_same(env: &Env, ids: &[String], expected: &[Outcome], got: &[Outcome], case: &str) {
    for ((args, want), got) in commands(ids).iter().zip(expected).zip(got) {
        assert_eq!(got, want, "{case}: sirt {} differs from its output without a cache", args.join(" "));
    }
    assert!(
        std::fs::read(index(env)).is_ok_and(|b| b.starts_with(b"sirt-cache index format=")),
        "{case}: the cache was not rebuilt"
    );
}

/// A store with tenants, a declared incident with affected and notified tenants, a dismissed
/// one, a closed one, one with an event kind this sirt does not know, and one whose committed
/// file does not parse.
fn store() -> (Env, Vec<String>) {
    let env = Env::new();
    // Limits and regimes shared by some tenants and not others: the clocks group by them.
    let terms: [&[&str]; 6] = [
        &["--notify-within", "24h", "--regime", "gdpr-art33"],
        &["--notify-within", "24h"],
        &["--regime", "gdpr-art33,nis2-art23"],
        &["--notify-within", "24h", "--regime", "gdpr-art33"],
        &[],
        &["--notify-within", "4h"],
    ];
    for (tenant, terms) in
        ["contoso", "fabrikam", "woodgrove", "litware", "adatum", "tailspin"].iter().zip(terms)
    {
        let email = format!("it@{tenant}.example");
        let mut args = vec!["tenant", "add", tenant, "--name", tenant, "--admin-email", &email];
        args.extend(terms);
        env.ok(&args);
    }
    let declared = env.declared("token reuse");
    env.ok(&["affected", &declared, "contoso", "fabrikam", "woodgrove", "litware", "adatum", "tailspin"]);
    env.ok(&["notified", &declared, "contoso", "--via", "email-admin", "--at", "2026-11-20T10:00:00Z"]);
    let dismissed = env.detect("a drill", &["--at", "2026-11-20T07:00:00Z"]);
    env.ok(&["dismiss", &dismissed, "--reason", "only a drill"]);
    let closed = env.declared("old leak");
    env.ok(&["close", &closed, "--force", "--reason", "done elsewhere"]);
    let unknown = env.declared("from a newer sirt");
    let broken = env.detect("will be broken", &[]);
    let path = env.incident_file(&unknown);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[event]]\nid = \"EZZZZZZZZZZZ1\"\nseq = 99\nat = \"2026-11-20T09:30:00Z\"\n\
         recorded_at = \"2026-11-20T09:30:00Z\"\nby = \"x\"\nkind = \"escalated\"\n",
    );
    std::fs::write(&path, text).unwrap();
    std::fs::write(env.incident_file(&broken), "schema = 1\nid = \"broken\n").unwrap();
    // A tenant whose file does not read: its limit is unknown, so `deadlines --check` fails.
    std::fs::write(env.tenant_file("tailspin"), "schema = 1\nid = \"tailspin\n").unwrap();
    env.commit_by_hand("a newer sirt's event, a broken incident file and a broken tenant file");
    (env, vec![declared, dismissed, closed, unknown, broken])
}

#[test]
fn a_damaged_missing_or_foreign_cache_reads_as_no_cache() {
    let (env, ids) = store();
    let expected = outcomes(&env, &ids, || forget(&env));
    // The broken file is reported, never hidden, and a gate does not pass over it.
    assert!(expected.iter().any(|(_, _, err)| err.contains("will be broken") || err.contains(&ids[4])));
    assert!(expected.iter().any(|(_, _, err)| err.contains("escalated")));
    // `list` names the first affected tenants from the summary as it would from the whole list.
    assert!(env.ok(&["list"]).contains("6: adatum, contoso, fabrikam and 3 more"));

    let warm = outcomes(&env, &ids, || {});
    assert_same(&env, &ids, &expected, &warm, "warm");
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "warm again");

    forget(&env);
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "deleted");

    type Damage = fn(&[u8]) -> Vec<u8>;
    let damages: [(&str, Damage); 5] = [
        ("truncated", |b| b[..b.len() / 2].to_vec()),
        ("emptied", |_| Vec::new()),
        ("garbage", |b| (0..b.len()).map(|n| (n * 7 + 3) as u8).collect()),
        ("one byte flipped", |b| {
            let mut b = b.to_vec();
            let at = b.len() * 2 / 3;
            b[at] ^= 0x10;
            b
        }),
        ("from another version", |b| {
            String::from_utf8_lossy(b)
                .replacen(&format!("sirt={}", env!("CARGO_PKG_VERSION")), "sirt=0.0.1", 1)
                .into()
        }),
    ];
    for file in [index(&env), bodies(&env), tenants(&env)] {
        for (name, damage) in damages {
            outcomes(&env, &ids, || {});
            let bytes = std::fs::read(&file).unwrap();
            std::fs::write(&file, damage(&bytes)).unwrap();
            let case = format!("{} {name}", file.file_name().unwrap().to_string_lossy());
            assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), &case);
        }
    }

    // A crash mid-write leaves a temporary file beside the cache, or in place of it.
    outcomes(&env, &ids, || {});
    let whole = std::fs::read(bodies(&env)).unwrap();
    std::fs::write(cache_dir(&env).join("tmp-4242-1-incidents.dat"), &whole[..whole.len() / 3]).unwrap();
    std::fs::write(cache_dir(&env).join("tmp-4242-2-incidents.idx"), b"sirt-cache index").unwrap();
    let whole = std::fs::read(tenants(&env)).unwrap();
    std::fs::write(cache_dir(&env).join("tmp-4242-3-tenants.idx"), &whole[..whole.len() / 2]).unwrap();
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "leftover temporary files");
    std::fs::remove_file(index(&env)).unwrap();
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "bodies without an index");
    std::fs::remove_file(bodies(&env)).unwrap();
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "an index without bodies");
    std::fs::remove_file(tenants(&env)).unwrap();
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "no tenant cache");

    // A cache that cannot be written (here: a file where its directory should be) is skipped.
    forget(&env);
    std::fs::write(cache_dir(&env), b"not a directory").unwrap();
    let unwritable = outcomes(&env, &ids, || {});
    for ((args, want), got) in commands(&ids).iter().zip(&expected).zip(&unwritable) {
        assert_eq!(got, want, "unwritable cache: sirt {} differs", args.join(" "));
    }
    forget(&env);
}

#[test]
fn a_new_commit_updates_the_cache_and_a_stale_bodies_file_is_caught() {
    let (env, ids) = store();
    outcomes(&env, &ids, || {});
    let old_bodies = std::fs::read(bodies(&env)).unwrap();
    let declared = &ids[0];
    let events = |env: &Env| env.json(&["show", declared, "--format", "json"])["events"].as_u64().unwrap();
    let before = events(&env);
    env.ok(&["note", declared, "looked at the proxy logs"]);
    env.ok(&["affected", declared, "contoso", "--detail", "3 mailboxes read"]);
    // The cache still describes the commit before the note: `show` reads the file, then `list`
    // brings the cache up to date.
    assert_eq!(events(&env), before + 2);
    env.ok(&["list"]);
    assert_eq!(events(&env), before + 2);
    let expected = outcomes(&env, &ids, || forget(&env));
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "after a note");
    let json = env.json(&["list", "--all", "--format", "json"]);
    let incident = json.as_array().unwrap().iter().find(|i| i["id"] == declared.as_str()).unwrap();
    let contoso = incident["affected_tenants"].as_array().unwrap().iter().find(|t| t["tenant"] == "contoso");
    assert_eq!(contoso.unwrap()["detail"], "3 mailboxes read");

    // Another writer's bodies file under this index: every body is checked against the index.
    std::fs::write(bodies(&env), &old_bodies).unwrap();
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "a stale bodies file");
}

#[test]
fn readers_that_build_the_cache_at_once_agree() {
    let (env, _) = store();
    let expected = env.ok(&["list", "--all", "--format", "json"]);
    for _ in 0..3 {
        forget(&env);
        let children: Vec<_> = (0..6)
            .map(|n| {
                let args: &[&str] =
                    if n % 2 == 0 { &["list", "--all", "--format", "json"] } else { &["list", "--all"] };
                env.std_cmd().args(args).stdout(std::process::Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for (n, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success());
            if n % 2 == 0 {
                assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
            }
        }
        // Whatever the readers left behind reads as the commit does.
        assert_eq!(env.ok(&["list", "--all", "--format", "json"]), expected);
    }
}

#[test]
fn readers_and_writers_at_once_leave_a_cache_that_reads_as_the_commit() {
    use std::process::Stdio;
    let (env, ids) = store();
    let declared = ids[0].as_str();
    for round in 0..3 {
        let note = format!("round {round}");
        let mut runs: Vec<Vec<&str>> = vec![vec!["note", declared, &note]];
        for n in 0..4 {
            runs.push(if n % 2 == 0 {
                vec!["list", "--all", "--format", "json"]
            } else {
                vec!["show", declared]
            });
        }
        let children: Vec<std::process::Child> = runs
            .iter()
            .map(|args| {
                env.std_cmd().args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let warm = outcomes(&env, &ids, || {});
    let expected = outcomes(&env, &ids, || forget(&env));
    assert_same(&env, &ids, &expected, &warm, "after readers and writers at once");
    assert_eq!(env.json(&["show", declared, "--format", "json"])["notes"], 3);
}

#[test]
fn the_tenant_cache_follows_every_change_to_the_directory() {
    let (env, ids) = store();
    let declared = ids[0].as_str();
    // Reads warm the cache; each change below is then read through it, and must read as
    // without it.
    let check = |case: &str| {
        outcomes(&env, &ids, || {});
        assert!(tenants(&env).exists(), "{case}: no tenant cache was written");
        let warm = outcomes(&env, &ids, || {});
        let expected = outcomes(&env, &ids, || forget(&env));
        assert_same(&env, &ids, &expected, &warm, case);
        expected
    };
    let before = check("before");
    let table = |outcome: &[Outcome]| outcome.iter().map(|(_, out, _)| out.clone()).collect::<Vec<_>>();

    outcomes(&env, &ids, || {});
    env.ok(&["tenant", "set", "adatum", "--notify-within", "2h", "--regime", "nis2-art23"]);
    let after_set = check("after tenant set");
    assert_ne!(table(&after_set), table(&before), "a new limit changes the clocks");
    assert!(env.ok(&["deadlines", "--incident", declared]).contains("contract 2h"));

    outcomes(&env, &ids, || {});
    let file = env.home.join("tenants.csv");
    std::fs::write(
        &file,
        "id,name,admin_email,notify_within\nfabrikam,fabrikam,it@fabrikam.example,90m\nnorthwind,Northwind,it@northwind.example,\n",
    )
    .unwrap();
    env.ok(&["tenant", "import", file.to_str().unwrap()]);
    check("after tenant import");
    assert!(env.ok(&["deadlines", "--incident", declared]).contains("contract 90m"));

    // The broken tenant file removed by hand: the gate that failed closed on it now passes it.
    outcomes(&env, &ids, || {});
    std::fs::remove_file(env.tenant_file("tailspin")).unwrap();
    env.commit_by_hand("the broken tenant file goes");
    check("after a tenant file is removed");
    // A tenant cache from before the change, put back: keyed by the tree, it is not believed.
    outcomes(&env, &ids, || {});
    let stale = std::fs::read(tenants(&env)).unwrap();
    env.ok(&["tenant", "set", "contoso", "--notify-within", "1h"]);
    outcomes(&env, &ids, || {});
    std::fs::write(tenants(&env), &stale).unwrap();
    let expected = outcomes(&env, &ids, || forget(&env));
    std::fs::write(tenants(&env), &stale).unwrap();
    assert_same(&env, &ids, &expected, &outcomes(&env, &ids, || {}), "a stale tenant cache");
}
