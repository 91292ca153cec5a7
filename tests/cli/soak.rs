//! The soak suite: kill random writes, many times, and count what a crash can do. Ignored by
//! default; run it with
//! `cargo test --release --test cli soak -- --ignored --nocapture` (`SIRT_SOAK_ITERATIONS`
//! changes the 1,000 kills). Every count but `acknowledged` must be 0.

use std::time::{Duration, Instant};

use crate::support::{Env, incident_rel};

#[test]
#[ignore = "a soak run takes minutes; see README: Development"]
fn random_kills_lose_nothing_acknowledged() {
    let iterations: usize =
        std::env::var("SIRT_SOAK_ITERATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    let env = Env::new();
    env.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    let id = env.declared("Soak");
    let csv = env.home.join("tenants.csv");

    let (mut acknowledged, mut lost, mut corrupt, mut stale_lock, mut phantom) = (0, 0, 0, 0, 0);
    let mut kept: Vec<String> = Vec::new();
    let mut random = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        random
    };
    let started = Instant::now();
    for n in 0..iterations {
        let text = format!("soak {n}");
        let mut command = env.std_cmd();
        command.stderr(std::process::Stdio::null()).stdout(std::process::Stdio::null());
        let mut child = if n % 3 == 2 {
            // Every third write is a 200-tenant import with new names, whose commit takes longest.
            let rows: String = (0..200).map(|t| format!("t{t},Tenant {t} ({n}),it@t{t}.example\n")).collect();
            std::fs::write(&csv, format!("id,name,admin_email\n{rows}")).unwrap();
            command.args(["tenant", "import", csv.to_str().unwrap()]).spawn().unwrap()
        } else {
            command.args(["note", &id, &text]).spawn().unwrap()
        };
        std::thread::sleep(Duration::from_micros(next() % 150_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() && n % 3 != 2 {
            acknowledged += 1;
            kept.push(text);
        }
        // A reader right after the kill: it must work and see only what is committed.
        let out = env.run(&["timeline", &id, "--format", "json"]);
        if !out.status.success() {
            stale_lock += 1;
            continue;
        }
        let seen = String::from_utf8_lossy(&out.stdout).into_owned();
        let committed = env.git(&["show", &format!("HEAD:{}", incident_rel(&id))]);
        for line in seen.lines().filter(|l| l.contains("\"note: soak ")) {
            let note = line.split("note: ").nth(1).unwrap_or("").trim_end_matches(['"', ',']);
            if !committed.contains(&format!("\"{note}\"")) {
                phantom += 1;
            }
        }
        lost += kept.iter().filter(|k| !seen.contains(&format!("\"note: {k}\""))).count();
        kept.retain(|k| !seen.contains(&format!("\"note: {k}\"")));
        if n % 50 == 0 {
            let fsck = std::process::Command::new("git")
                .arg("-C")
                .arg(&env.store)
                .args(["fsck", "--no-progress"])
                .output()
                .unwrap();
            if !fsck.status.success() {
                corrupt += 1;
            }
        }
    }
    let status = env.git(&["status", "--porcelain", "--untracked-files=all"]);
    if !status.is_empty() {
        corrupt += 1;
    }
    eprintln!(
        "soak: {iterations} kills in {:.0?}: acknowledged {acknowledged}, lost {lost}, corrupt {corrupt}, stale-lock {stale_lock}, phantom reads {phantom}",
        started.elapsed()
    );
    assert_eq!((lost, corrupt, stale_lock, phantom), (0, 0, 0, 0));
}
