//! Team use through real remotes on this machine: a bare repository by path, `git daemon` with
//! pushing enabled, and OpenSSH's sshd, each started here on a free port and bounded in time. A
//! server that does not start fails its test.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::support::{Env, incident_rel, sirt_path, tenant_rel};

/// A plain git command with no user or system configuration.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn git_status(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

/// A server process, killed when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits (at most 10 s) until the server answers on `port`; a server that does not is a failure.
fn wait_for(server: &mut Server, port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Some(status) = server.0.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut err) = server.0.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut err, &mut stderr);
            }
            panic!("{what} exited ({status}) before listening: {stderr}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what} did not listen on 127.0.0.1:{port} within 10 s");
}

/// A bare repository that keeps a reflog of its branch, so tests can check it only moved forward.
fn bare_repo(path: &Path) {
    let out = Command::new("git")
        .args(["init", "--bare", "-q", "-b", "main"])
        .arg(path)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git init --bare: {}", String::from_utf8_lossy(&out.stderr));
    git(path, &["config", "core.logAllRefUpdates", "always"]);
}

/// Where the team's store lives, and the server in front of it.
struct Remote {
    dir: tempfile::TempDir,
    url: String,
    /// Extra environment every member needs (ssh's command and keys).
    env: Vec<(String, String)>,
    _server: Option<Server>,
}

impl Remote {
    fn bare_path(&self) -> PathBuf {
        self.dir.path().join("team.git")
    }

    fn by_path() -> Remote {
        let dir = tempfile::tempdir().unwrap();
        bare_repo(&dir.path().join("team.git"));
        let url = dir.path().join("team.git").display().to_string();
        Remote { dir, url, env: Vec::new(), _server: None }
    }

    fn git_daemon() -> Remote {
        let dir = tempfile::tempdir().unwrap();
        bare_repo(&dir.path().join("team.git"));
        let port = free_port();
        let child = Command::new("git")
            .arg("daemon")
            .arg("--reuseaddr")
            .arg("--export-all")
            .arg("--enable=receive-pack")
            .arg("--listen=127.0.0.1")
            .arg(format!("--port={port}"))
            .arg(format!("--base-path={}", dir.path().display()))
            .arg(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("git daemon must start");
        let mut server = Server(child);
        wait_for(&mut server, port, "git daemon");
        Remote {
            dir,
            url: format!("git://127.0.0.1:{port}/team.git"),
            env: Vec::new(),
            _server: Some(server),
        }
    }

    /// sshd from openssh-server on a free port, with a throwaway host key and user key, logging
    /// in as the user running the tests.
    fn ssh() -> Remote {
        let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"].into_iter().find(|p| Path::new(p).exists());
        let sshd = sshd.expect("sshd is missing: install openssh-server (.ci/run does)");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        bare_repo(&root.join("team.git"));
        for (key, kind) in [("host_key", "ed25519"), ("user_key", "ed25519")] {
            let out = Command::new("ssh-keygen")
                .args(["-q", "-t", kind, "-N", "", "-f"])
                .arg(root.join(key))
                .output()
                .expect("ssh-keygen must run");
            assert!(out.status.success(), "ssh-keygen: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::fs::copy(root.join("user_key.pub"), root.join("authorized_keys")).unwrap();
        let port = free_port();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {root}/host_key\nAuthorizedKeysFile {root}/authorized_keys\n\
             PidFile {root}/sshd.pid\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nAllowTcpForwarding no\nX11Forwarding no\n\
             LogLevel ERROR\nLoginGraceTime 20\n",
            root = root.display()
        );
        std::fs::write(root.join("sshd_config"), config).unwrap();
        // sshd run by root wants its privilege separation directory.
        let _ = std::fs::create_dir_all("/run/sshd");
        let child = Command::new(sshd)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(root.join("sshd_config"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sshd must start");
        let mut server = Server(child);
        wait_for(&mut server, port, "sshd");
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
        let ssh = format!(
            "ssh -F /dev/null -i {root}/user_key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no \
             -o UserKnownHostsFile={root}/known_hosts -o ConnectTimeout=10",
            root = root.display()
        );
        let url = format!("ssh://{}@127.0.0.1:{port}{}/team.git", user.trim(), root.display());
        Remote { dir, url, env: vec![("GIT_SSH_COMMAND".into(), ssh)], _server: Some(server) }
    }

    /// Every step the remote's branch took, checked to move only forward.
    fn assert_only_moved_forward(&self) {
        let log = std::fs::read_to_string(self.bare_path().join("logs/refs/heads/main")).unwrap();
        let mut steps = 0;
        for line in log.lines() {
            let mut parts = line.split(' ');
            let (old, new) = (parts.next().unwrap(), parts.next().unwrap());
            if old.bytes().all(|b| b == b'0') {
                continue;
            }
            assert!(
                git_status(&self.bare_path(), &["merge-base", "--is-ancestor", old, new]),
                "the remote's branch moved from {old} to {new}, which does not contain it"
            );
            steps += 1;
        }
        assert!(steps > 0, "the remote's reflog shows no pushes");
    }
}

/// One person's clone: its own HOME and store, and randomness of its own for every command.
struct Member {
    env: Env,
    name: &'static str,
    runs: AtomicU64,
    extra: Vec<(String, String)>,
}

impl Member {
    fn new(name: &'static str, remote: &Remote) -> Member {
        Member { env: Env::bare(), name, runs: AtomicU64::new(0), extra: remote.env.clone() }
    }

    /// The first member: creates the store and puts it on the remote.
    fn founder(name: &'static str, remote: &Remote) -> Member {
        let member = Member::new(name, remote);
        member.ok(&["init", member.env.store.to_str().unwrap()]);
        git(&member.env.store, &["remote", "add", "origin", &remote.url]);
        let out = member.ok(&["sync", "--timeout", "30"]);
        assert!(out.contains("it now holds this store"), "{out}");
        member
    }

    fn joiner(name: &'static str, remote: &Remote) -> Member {
        let member = Member::new(name, remote);
        let store = member.env.store.to_str().unwrap().to_string();
        member.ok(&["clone", &remote.url, &store]);
        member
    }

    fn cmd(&self) -> assert_cmd::Command {
        let run = self.runs.fetch_add(1, Ordering::Relaxed) + 1;
        let mut cmd = self.env.cmd();
        cmd.env("SIRT_SEED", format!("{}-{run}", self.name))
            .env("SIRT_ACTOR", format!("{0} <{0}@example.com>", self.name))
            .timeout(Duration::from_secs(120));
        for (key, value) in &self.extra {
            cmd.env(key, value);
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{}: sirt {args:?} failed ({:?}):\n{}",
            self.name,
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{}: sirt {args:?} should fail; stderr:\n{stderr}", self.name);
        assert!(stderr.starts_with("error: "), "no error: line:\n{stderr}");
        assert!(stderr.contains("\nhint: "), "no hint: line:\n{stderr}");
        stderr
    }

    fn sync(&self) -> String {
        self.ok(&["sync", "--timeout", "30"])
    }

    fn detect(&self, title: &str) -> String {
        self.ok(&["detect", title, "--severity", "sev2"]).trim().to_string()
    }

    fn tip(&self) -> String {
        git(&self.env.store, &["rev-parse", "main"]).trim().to_string()
    }

    fn file(&self, path: &str) -> String {
        std::fs::read_to_string(self.env.store.join(path)).unwrap()
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.ok(&["status", "--format", "json"])).unwrap()
    }
}

/// Event ids of an incident file, in file order.
fn event_ids(text: &str) -> Vec<String> {
    let value: toml::Table = text.parse().unwrap();
    value["event"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}

/// Events in every incident file of a member's working tree.
fn count_events(member: &Member) -> usize {
    member
        .env
        .files_in("incidents")
        .iter()
        .map(|(_, bytes)| event_ids(&String::from_utf8_lossy(bytes)).len())
        .sum()
}

/// Two people change the same incident at once through `remote`; both end with the same commit,
/// holding both changes, and the merge commit is a two-parent commit by the person who merged.
fn concurrent_notes(remote: &Remote) {
    let ana = Member::founder("ana", remote);
    let bo = Member::joiner("bo", remote);
    let id = ana.detect("Phishing wave");
    ana.sync();
    assert!(bo.sync().contains("1 new incident"));
    ana.ok(&["note", &id, "from ana"]);
    bo.ok(&["note", &id, "from bo"]);
    assert_eq!(bo.status()["to_push"], 1);
    bo.sync();
    let out = ana.sync();
    assert!(out.contains(&format!("{id} +1")), "{out}");
    assert!(out.contains("pushed 2 commits"), "{out}");
    bo.sync();
    assert_eq!(ana.tip(), bo.tip());
    let path = incident_rel(&id);
    let text = ana.file(&path);
    assert_eq!(event_ids(&text).len(), 3);
    assert!(text.contains("from ana") && text.contains("from bo"));
    let merge = git(&ana.env.store, &["log", "-1", "--format=%P%n%an%n%B", "main"]);
    let mut lines = merge.lines();
    assert_eq!(lines.next().unwrap().split(' ').count(), 2, "{merge}");
    assert_eq!(lines.next().unwrap(), "ana");
    assert!(
        merge.contains("Sirt-Action: merge") && merge.contains(&format!("Sirt-Incident: {id}")),
        "{merge}"
    );
    // The merged file keeps the first parent's bytes and appends.
    let first_parent = git(&ana.env.store, &["show", &format!("main^1:{path}")]);
    assert!(text.starts_with(&first_parent));
    for member in [&ana, &bo] {
        let status = member.status();
        assert_eq!((status["to_push"].as_u64(), status["to_merge"].as_u64()), (Some(0), Some(0)));
        assert_eq!(status["clean"], true);
        git(&member.env.store, &["fsck", "--strict", "--no-progress"]);
    }
    // sirt's own audit of the history holds the merges to be unions.
    let verified = ana.run(&["verify"]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
    remote.assert_only_moved_forward();
}

#[test]
fn a_bare_repository_by_path_shares_a_store() {
    concurrent_notes(&Remote::by_path());
}

#[test]
fn git_daemon_shares_a_store() {
    concurrent_notes(&Remote::git_daemon());
}

#[test]
fn ssh_shares_a_store() {
    concurrent_notes(&Remote::ssh());
}

#[test]
fn status_before_and_after_a_first_sync() {
    let remote = Remote::by_path();
    let ana = Member::new("ana", &remote);
    ana.ok(&["init", ana.env.store.to_str().unwrap()]);
    let text = ana.ok(&["status"]);
    assert!(text.contains("remote") && text.contains("none"), "{text}");
    git(&ana.env.store, &["remote", "add", "origin", &remote.url]);
    ana.detect("Before the first push");
    let status = ana.status();
    assert_eq!(status["to_push"], 2);
    assert_eq!(status["fetched"], false);
    assert_eq!(status["last_sync"], serde_json::Value::Null);
    let out = ana.sync();
    assert!(out.contains("pushed 2 commits") && out.contains("was empty"), "{out}");
    let status = ana.status();
    assert_eq!(status["to_push"], 0);
    assert_eq!(status["last_sync"], crate::support::NOW);
    insta::assert_snapshot!("status_text", ana.ok(&["status"]).replace(&remote.url, "[URL]"));
    // A clone of something that is not a store is refused and removed.
    let empty = Remote::by_path();
    let bo = Member::new("bo", &empty);
    let store = bo.env.store.to_str().unwrap().to_string();
    let err = bo.fails(&["clone", &empty.url, &store]);
    assert!(err.contains("cannot clone") || err.contains("does not hold a sirt store"), "{err}");
    assert!(!bo.env.store.exists());
}

#[test]
fn a_push_race_is_merged_and_pushed_again() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    let id = ana.detect("Race");
    ana.sync();
    bo.sync();
    ana.ok(&["note", &id, "ana's note"]);
    bo.ok(&["note", &id, "bo's note"]);
    // Between ana's fetch and ana's push, bo pushes: a pre-push hook in ana's store does it once.
    let marker = ana.env.home.join("raced");
    let hook = ana.env.store.join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ ! -e {marker} ]; then touch {marker}; GIT_CONFIG_GLOBAL=/dev/null git -C {bo} push -q origin main:main >/dev/null 2>&1; fi\nexit 0\n",
            marker = marker.display(),
            bo = bo.env.store.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = ana.sync();
    assert!(marker.exists(), "the hook did not run");
    assert!(out.contains(&format!("{id} +1")), "ana merged bo's note after the race: {out}");
    bo.sync();
    assert_eq!(ana.tip(), bo.tip());
    let text = bo.file(&incident_rel(&id));
    assert!(text.contains("ana's note") && text.contains("bo's note"));
    remote.assert_only_moved_forward();
}

#[test]
fn a_remote_that_refuses_every_push() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let hook = remote.bare_path().join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'branch main is frozen' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    ana.detect("Cannot go out");
    let err = ana.fails(&["sync", "--timeout", "30"]);
    assert!(err.contains("origin refused the push"), "{err}");
    assert_eq!(ana.status()["to_push"], 1);
    assert_eq!(ana.ok(&["list", "--format", "json"]).matches("Cannot go out").count(), 1);
}

#[test]
fn a_remote_that_is_down_and_sync_after_write_offline() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    // Point the store at a port nobody listens on.
    let port = free_port();
    git(&ana.env.store, &["remote", "set-url", "origin", &format!("git://127.0.0.1:{port}/team.git")]);
    let err = ana.fails(&["sync", "--timeout", "10"]);
    assert!(err.starts_with("error: cannot fetch from origin"), "{err}");
    // Turn on the sync after every write.
    ana.ok(&["config", "set", "sync_after_write", "true"]);
    let first = ana.run(&["detect", "Offline one", "--severity", "sev3"]);
    assert!(first.status.success());
    let said = String::from_utf8_lossy(&first.stderr).into_owned();
    assert!(said.contains("working offline"), "{said}");
    let second = ana.run(&["detect", "Offline two", "--severity", "sev3"]);
    assert!(second.status.success());
    assert!(!String::from_utf8_lossy(&second.stderr).contains("working offline"), "said only once");
    let status = ana.status();
    assert_eq!(status["to_push"], 3, "{status}"); // the setting and two detections
    assert!(status["offline_since"].is_string());
    // Back online: the next write syncs by itself.
    git(&ana.env.store, &["remote", "set-url", "origin", &remote.url]);
    ana.detect("Online again");
    let status = ana.status();
    assert_eq!(status["to_push"], 0, "{status}");
    assert!(status["offline_since"].is_null());
}

#[test]
fn divergent_edits_of_one_tenant_field_later_change_wins() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    ana.ok(&["tenant", "add", "contoso", "--name", "Contoso", "--admin-email", "it@contoso.example"]);
    ana.sync();
    let bo = Member::joiner("bo", &remote);
    ana.ok(&["tenant", "set", "contoso", "--name", "Contoso Ltd"]);
    let mut later = bo.cmd();
    later.env("SIRT_NOW", "2026-11-20T12:05:00Z").args([
        "tenant",
        "set",
        "contoso",
        "--name",
        "Contoso Group",
    ]);
    later.assert().success();
    ana.sync();
    let out = bo.sync();
    insta::assert_snapshot!("sync_field_settled", out);
    assert!(
        out.contains("later change wins") && out.contains("Contoso Group") && out.contains("Contoso Ltd"),
        "{out}"
    );
    ana.sync();
    assert_eq!(ana.tip(), bo.tip());
    assert!(ana.file(&tenant_rel("contoso")).contains("Contoso Group"));
    let message = git(&bo.env.store, &["log", "-1", "--format=%B", "main"]);
    assert!(
        message.contains("Sirt-Rule: later change wins") && message.contains("\"Contoso Ltd\""),
        "{message}"
    );
}

#[test]
fn an_id_collision_keeps_both_incidents() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    // The same pinned randomness on both clones mints the same id for two different incidents.
    let mut one = ana.cmd();
    one.env("SIRT_SEED", "77").args(["detect", "Ana's outage", "--severity", "sev2"]);
    let a_id = String::from_utf8(one.output().unwrap().stdout).unwrap().trim().to_string();
    let mut two = bo.cmd();
    two.env("SIRT_SEED", "77").args(["detect", "Bo's intrusion", "--severity", "sev1"]);
    let b_id = String::from_utf8(two.output().unwrap().stdout).unwrap().trim().to_string();
    assert_eq!(a_id, b_id, "pinned randomness gives both the same id");
    ana.sync();
    let out = bo.sync();
    assert!(out.contains(&format!("{a_id} is now")), "{out}");
    ana.sync();
    assert_eq!(ana.tip(), bo.tip());
    let list = ana.ok(&["list", "--all", "--format", "json"]);
    assert!(list.contains("Ana's outage") && list.contains("Bo's intrusion"), "{list}");
    let incidents: serde_json::Value = serde_json::from_str(&list).unwrap();
    let renamed = incidents
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .find(|id| *id != a_id)
        .unwrap();
    let text = ana.file(&incident_rel(&renamed));
    assert!(text.contains(&format!("aliases = [\"{a_id}\"]")), "{text}");
    let timeline = ana.ok(&["timeline", &renamed]);
    assert!(timeline.contains(&format!("renamed from {a_id} to {renamed}")), "{timeline}");
    // Both clones chose the same: syncing again changes nothing.
    assert!(bo.sync().contains("came in: no changes"));
    // The merge that renamed one of them keeps every event of both: verify finds no fault.
    let verified = ana.run(&["verify"]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
}

#[test]
fn contradictory_concurrent_steps_need_attention() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    let id = ana.detect("Odd traffic");
    let other = ana.detect("Leaked key");
    ana.ok(&["confirm", &other]);
    ana.sync();
    bo.sync();
    ana.ok(&["confirm", &id]);
    bo.ok(&["dismiss", &id, "--reason", "a load test"]);
    ana.ok(&["impact", &other, "--none"]);
    ana.ok(&["close", &other, "--force", "--reason", "duplicate"]);
    bo.ok(&["note", &other, "still looking"]);
    bo.ok(&["impact", &other, "--effect", "disclosure", "--summary", "keys read"]);
    ana.sync();
    let out = bo.sync();
    insta::assert_snapshot!("sync_needs_attention", out);
    assert!(out.contains("needs attention:"), "{out}");
    assert!(out.contains("confirmed on one clone and dismissed on another"), "{out}");
    assert!(out.contains(&format!("sirt retract {id} confirmed")), "{out}");
    assert!(out.contains("closed on one clone while"), "{out}");
    assert!(out.contains("two impact assessments"), "{out}");
    let shown = bo.ok(&["show", &id, "--format", "json"]);
    assert!(shown.contains("\"phase\": \"confirmed\""), "{shown}");
    bo.ok(&["show", &other]);
}

#[test]
fn an_event_of_an_unknown_kind_comes_in_byte_for_byte() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    let id = ana.detect("From the future");
    ana.sync();
    bo.sync();
    let path = incident_rel(&id);
    // A newer sirt on bo's side appends a kind this one does not know.
    let future = "\n[[event]]\nid = \"EFUTURE000001\"\nseq = 2\nat = \"2026-11-20T12:00:00Z\"\nrecorded_at = \"2026-11-20T12:00:00Z\"\nby = \"bo\"\nkind = \"quarantined\"\nhosts = [\"web-1\", \"web-2\"]\n";
    let mut text = bo.file(&path);
    text.push_str(future);
    std::fs::write(bo.env.store.join(&path), &text).unwrap();
    git(
        &bo.env.store,
        &["-c", "user.name=bo", "-c", "user.email=bo@example.com", "commit", "-qam", "newer sirt"],
    );
    git(&bo.env.store, &["push", "-q", "origin", "main"]);
    ana.ok(&["note", &id, "meanwhile"]);
    let out = ana.sync();
    assert!(out.contains("quarantined"), "{out}");
    let merged = ana.file(&path);
    assert!(merged.contains(future.trim_end()), "{merged}");
    assert_eq!(event_ids(&merged).len(), 3);
}

#[test]
fn a_half_done_git_pull_is_detected() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    let id = ana.detect("Pulled by hand");
    ana.sync();
    bo.sync();
    ana.ok(&["note", &id, "ana"]);
    ana.sync();
    bo.ok(&["note", &id, "bo"]);
    // Plain git pull: both appended to the same file, so git stops on a conflict.
    let pulled = Command::new("git")
        .arg("-C")
        .arg(&bo.env.store)
        .args([
            "-c",
            "user.name=bo",
            "-c",
            "user.email=bo@example.com",
            "pull",
            "--no-rebase",
            "-q",
            "origin",
            "main",
        ])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(!pulled.status.success());
    let err = bo.fails(&["note", &id, "more"]);
    assert!(err.contains("git merge (or git pull) is half done") && err.contains("merge --abort"), "{err}");
    let read = bo.run(&["show", &id]);
    assert!(read.status.success());
    assert!(String::from_utf8_lossy(&read.stderr).contains("half done"));
    let status = bo.status();
    assert_eq!(status["clean"], false);
    git(&bo.env.store, &["merge", "--abort"]);
    bo.sync();
    assert!(bo.file(&incident_rel(&id)).contains("\"ana\""));
}

#[test]
fn a_sync_killed_at_several_points_loses_nothing() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    let id = ana.detect("Killed");
    ana.sync();
    bo.sync();
    let mut expected = 1; // the detection, then a note per round from each side
    // Kill sirt from git hooks: while fetching (the tracking ref moves) and before pushing.
    // Only a sirt, and only once: the git it started lives on and must not kill anything else.
    let once = ana.env.home.join("killed-once");
    let kill = format!(
        "#!/bin/sh\ngp=$(awk '{{print $4}}' /proc/$PPID/stat)\nif [ \"$(cat /proc/$gp/comm 2>/dev/null)\" = sirt ] && mkdir {} 2>/dev/null; then kill -9 $gp; fi\nexit 0\n",
        once.display()
    );
    for (round, hook) in ["reference-transaction", "pre-push", "", "", "", ""].iter().enumerate() {
        ana.ok(&["note", &id, &format!("ana {round}")]);
        bo.ok(&["note", &id, &format!("bo {round}")]);
        expected += 2;
        bo.sync();
        let hook_path = ana.env.store.join(".git/hooks").join(hook);
        if !hook.is_empty() {
            std::fs::write(&hook_path, &kill).unwrap();
            std::fs::set_permissions(&hook_path, std::os::unix::fs::PermissionsExt::from_mode(0o755))
                .unwrap();
            let out = ana.run(&["sync", "--timeout", "30"]);
            assert!(!out.status.success(), "the hook should have killed the sync");
            std::fs::remove_file(&hook_path).unwrap();
            let _ = std::fs::remove_dir(&once);
        } else {
            // Timed kills land anywhere: before, during or after the merge.
            let mut child = Command::new(sirt_path());
            child
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", &ana.env.home)
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("SIRT_NOW", crate::support::NOW)
                .env("SIRT_ACTOR", "ana <ana@example.com>")
                .env("SIRT_STORE", &ana.env.store)
                .args(["sync", "--timeout", "30"])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let mut running = child.spawn().unwrap();
            std::thread::sleep(Duration::from_millis(3 + 9 * round as u64));
            let _ = running.kill();
            let _ = running.wait();
        }
        // The next command accepts the store, and a second sync completes.
        ana.ok(&["list", "--all"]);
        ana.sync();
        bo.sync();
        ana.sync();
        assert_eq!(ana.tip(), bo.tip());
        let ids = event_ids(&ana.file(&incident_rel(&id)));
        assert_eq!(ids.len(), expected, "round {round}");
        git(&ana.env.store, &["fsck", "--no-progress"]);
        assert_eq!(ana.status()["clean"], true);
    }
    remote.assert_only_moved_forward();
}

/// Three clones each make 500 changes offline, then sync in rounds until nothing moves.
#[test]
fn three_clones_offline_converge() {
    const CHANGES: usize = 500;
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    for tenant in ["contoso", "fabrikam", "tailspin"] {
        ana.ok(&[
            "tenant",
            "add",
            tenant,
            "--name",
            tenant,
            "--admin-email",
            &format!("it@{tenant}.example"),
        ]);
    }
    let shared: Vec<String> = (0..3).map(|n| ana.detect(&format!("Shared {n}"))).collect();
    for id in &shared {
        ana.ok(&["confirm", id]);
        ana.ok(&["affected", id, "contoso", "fabrikam", "tailspin"]);
    }
    ana.sync();
    let base_events = count_events(&ana);
    let bo = Member::joiner("bo", &remote);
    let cy = Member::joiner("cy", &remote);
    let members = [&ana, &bo, &cy];
    std::thread::scope(|scope| {
        let handles: Vec<_> = members
            .iter()
            .enumerate()
            .map(|(m, member)| {
                let shared = &shared;
                scope.spawn(move || {
                    let mut own: Vec<String> = Vec::new();
                    for n in 0..CHANGES {
                        let target = if n % 3 == 0 || own.is_empty() {
                            shared[n % shared.len()].clone()
                        } else {
                            own[n % own.len()].clone()
                        };
                        let tenant = ["contoso", "fabrikam", "tailspin"][(n + m) % 3];
                        match n % 7 {
                            0 => {
                                let id = member.detect(&format!("{} {n}", member.name));
                                member.ok(&["confirm", &id]);
                                own.push(id);
                                continue;
                            }
                            1 => member.ok(&["engage", &target, "srt", &format!("{}{n}", member.name)]),
                            2 => member.ok(&["affected", &target, tenant]),
                            3 if shared.contains(&target) => member.ok(&[
                                "notified",
                                &target,
                                tenant,
                                "--via",
                                "email-admin",
                                "--ref",
                                &format!("{}-{n}", member.name),
                            ]),
                            4 => member.ok(&[
                                "tenant",
                                "set",
                                tenant,
                                "--name",
                                &format!("{tenant} {} {n}", member.name),
                            ]),
                            _ => member.ok(&["note", &target, &format!("{} note {n}", member.name)]),
                        };
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
    });
    // Each clone's own events: what it holds now beyond what all started from.
    let made: usize = members.iter().map(|m| count_events(m) - base_events).sum();
    // Rounds until a whole round moves nothing.
    let mut quiet = false;
    for _round in 0..8 {
        let before: Vec<String> = members.iter().map(|m| m.tip()).collect();
        for member in members {
            member.sync();
        }
        let after: Vec<String> = members.iter().map(|m| m.tip()).collect();
        if before == after && after.iter().all(|t| *t == after[0]) {
            quiet = true;
            break;
        }
    }
    assert!(quiet, "the clones did not settle within 8 rounds");
    let trees: Vec<String> =
        members.iter().map(|m| git(&m.env.store, &["rev-parse", "main^{tree}"])).collect();
    assert!(trees.iter().all(|t| *t == trees[0]));
    // Every event exactly once: what all started from plus what each clone made.
    let mut all_ids = Vec::new();
    for (_, bytes) in ana.env.files_in("incidents") {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"));
        all_ids.extend(event_ids(&text));
    }
    let unique: std::collections::HashSet<&String> = all_ids.iter().collect();
    assert_eq!(unique.len(), all_ids.len(), "an event appears twice");
    assert_eq!(all_ids.len(), base_events + made);
    for member in members {
        let out = member.run(&["list", "--all", "--format", "json"]);
        assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        git(&member.env.store, &["fsck", "--strict", "--no-progress"]);
        assert_eq!(member.status()["clean"], true);
    }
    let verified = ana.run(&["verify"]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
    remote.assert_only_moved_forward();
}

#[test]
fn a_remote_whose_history_was_rewritten_is_not_followed() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let first = git(&remote.bare_path(), &["rev-parse", "main"]).trim().to_string();
    ana.detect("Pushed, then rewritten away");
    ana.sync();
    // Someone force-pushes the branch back to an older commit.
    git(&remote.bare_path(), &["update-ref", "refs/heads/main", &first]);
    ana.detect("Later");
    let err = ana.fails(&["sync", "--timeout", "30"]);
    assert!(err.contains("was rewritten"), "{err}");
    assert_eq!(ana.status()["to_push"], 1);
    // And a store without any remote says how to add one.
    let solo = Member::new("solo", &remote);
    solo.ok(&["init", solo.env.store.to_str().unwrap()]);
    let err = solo.fails(&["sync"]);
    assert!(err.contains("no remote named origin") && err.contains("git -C"), "{err}");
}

#[test]
fn one_event_id_with_two_contents_stops_the_sync() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    let id = ana.detect("Edited by hand on two machines");
    ana.sync();
    bo.sync();
    let path = incident_rel(&id);
    let event = |text: &str| {
        format!(
            "\n[[event]]\nid = \"EDUP00000000A\"\nseq = 2\nat = \"2026-11-20T12:00:00Z\"\nrecorded_at = \"2026-11-20T12:00:00Z\"\nby = \"x\"\nkind = \"note\"\ntext = \"{text}\"\n"
        )
    };
    for (member, text) in [(&ana, "one"), (&bo, "two")] {
        let mut file = member.file(&path);
        file.push_str(&event(text));
        std::fs::write(member.env.store.join(&path), file).unwrap();
        git(
            &member.env.store,
            &["-c", "user.name=x", "-c", "user.email=x@example.com", "commit", "-qam", text],
        );
    }
    git(&bo.env.store, &["push", "-q", "origin", "main"]);
    let before = ana.tip();
    let remote_before = git(&remote.bare_path(), &["rev-parse", "main"]);
    let err = ana.fails(&["sync", "--timeout", "30"]);
    assert!(err.contains(&id) && err.contains("event EDUP00000000A differs between commit"), "{err}");
    assert!(err.contains(&before[..12]), "names our commit: {err}");
    assert_eq!(ana.tip(), before, "nothing was merged");
    assert_eq!(git(&remote.bare_path(), &["rev-parse", "main"]), remote_before, "nothing was pushed");
}

#[test]
fn a_template_changed_on_both_sides_stops_the_sync_before_committing() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let template = "templates/closing.txt";
    std::fs::create_dir_all(ana.env.store.join("templates")).unwrap();
    std::fs::write(ana.env.store.join(template), "Regards,\nSecurity\n").unwrap();
    ana.ok(&["adopt", template]);
    ana.sync();
    let bo = Member::joiner("bo", &remote);
    for (member, text) in [(&ana, "Kind regards,\nSecurity\n"), (&bo, "Best,\nThe security team\n")] {
        std::fs::write(member.env.store.join(template), text).unwrap();
        member.ok(&["adopt", template]);
    }
    ana.sync();
    let before = bo.tip();
    let err = bo.fails(&["sync", "--timeout", "30"]);
    assert!(
        err.contains("cannot merge templates/closing.txt") && err.contains("nothing was merged"),
        "{err}"
    );
    assert!(err.contains("sirt adopt templates/closing.txt"), "{err}");
    assert_eq!(bo.tip(), before);
    assert!(!bo.file(template).contains("<<<<<<<"));
    // Making both sides agree settles it.
    std::fs::write(bo.env.store.join(template), "Kind regards,\nSecurity\n").unwrap();
    bo.ok(&["adopt", template]);
    bo.sync();
    ana.sync();
    assert_eq!(ana.tip(), bo.tip());
}

#[test]
fn a_sync_that_always_loses_the_race_gives_up_and_keeps_its_commits() {
    let remote = Remote::by_path();
    let ana = Member::founder("ana", &remote);
    let bo = Member::joiner("bo", &remote);
    ana.detect("Never gets out");
    // Before each of ana's pushes, bo pushes a new commit first.
    let hook = ana.env.store.join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nexport GIT_CONFIG_GLOBAL=/dev/null\ngit -C {bo} -c user.name=bo -c user.email=bo@example.com commit -q --allow-empty -m again\ngit -C {bo} push -q origin main:main >/dev/null 2>&1\nexit 0\n",
            bo = bo.env.store.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let err = ana.fails(&["sync", "--timeout", "30"]);
    assert!(err.contains("gave up after 5 attempts"), "{err}");
    assert!(ana.status()["to_push"].as_u64().unwrap() >= 2, "the detection and the merges wait to be pushed");
    std::fs::remove_file(&hook).unwrap();
    ana.sync();
    assert_eq!(ana.status()["to_push"], 0);
    remote.assert_only_moved_forward();
}
