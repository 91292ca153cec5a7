//! Tenant-directory scale figures for the issue notes, on a release build:
//!
//!     cargo bench --bench tenants
//!
//! Imports 10,000 tenants from CSV into a fresh store, imports the same file again (no change),
//! records all 10,000 as affected by one incident with `--from-file`, and runs `tenant check`
//! over all of them. Prints wall-clock times of the `sirt` binary; asserts nothing about time.

mod common;

use common::sirt;

use std::fmt::Write as _;

const TENANTS: usize = 10_000;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store_arg = store.to_str().unwrap();
    sirt(&store, &["init", store_arg]);

    let mut csv = String::from(
        "id,name,admin_email,admin_name,admin_phone,privacy_email,privacy_name,region,regime,notify_within\n",
    );
    let mut ids = String::new();
    for n in 0..TENANTS {
        let privacy = if n % 3 == 0 { format!("privacy@t{n}.example") } else { String::new() };
        let regime = ["gdpr-art33;gdpr-art34", "dora-art19", "", "hipaa-breach-covered-entity"][n % 4];
        let limit = if n % 10 == 0 { "24h" } else { "" };
        writeln!(
            csv,
            "tenant-{n:05},Tenant {n} Ltd,admin@t{n}.example;ops@t{n}.example,Admin {n};,+1415555{:04},{privacy},,eu-west,{regime},{limit}",
            n % 10_000
        )
        .unwrap();
        writeln!(ids, "tenant-{n:05}").unwrap();
    }
    let csv_path = dir.path().join("tenants.csv");
    let ids_path = dir.path().join("affected.txt");
    std::fs::write(&csv_path, csv).unwrap();
    std::fs::write(&ids_path, ids).unwrap();

    let (took, _) = sirt(&store, &["tenant", "import", csv_path.to_str().unwrap()]);
    println!("tenant import, {TENANTS} new tenants, one commit:   {took:.2?}");
    let (took, _) = sirt(&store, &["tenant", "import", csv_path.to_str().unwrap()]);
    println!("tenant import, same file again (no change):     {took:.2?}");

    let (_, id) = sirt(&store, &["detect", "bench incident", "--at", "-3h"]);
    let id = id.trim().to_string();
    sirt(&store, &["confirm", &id, "--at", "-2h"]);
    let (took, _) = sirt(&store, &["affected", &id, "--from-file", ids_path.to_str().unwrap()]);
    println!("affected --from-file with {TENANTS} tenants:         {took:.2?}");

    let (took, out) = sirt(&store, &["tenant", "check"]);
    println!("tenant check over {TENANTS} tenants (table):       {took:.2?} ({} lines)", out.lines().count());
    let (took, _) = sirt(&store, &["tenant", "check", "--format", "json"]);
    println!("tenant check over {TENANTS} tenants (json):        {took:.2?}");
    let (took, _) = sirt(&store, &["tenant", "check", "--check", "--problems"]);
    println!("tenant check --check --problems:                {took:.2?}");
    let (took, _) = sirt(&store, &["show", &id]);
    println!("show, incident with {TENANTS} affected tenants:     {took:.2?}");
    let (took, _) = sirt(&store, &["note", &id, "one more mutation"]);
    println!("note on that incident (one mutation):           {took:.2?}");
}
