//! Running `sirt` and its peers in an isolated environment, timing each process whole and
//! reading its peak memory from the kernel, and printing the comparison table.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::NOW;

/// Where commands run: a HOME and git configuration of their own, and the store.
pub struct World {
    pub home: PathBuf,
    pub store: PathBuf,
}

impl World {
    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_GLOBAL", self.home.join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Bench")
            .env("GIT_AUTHOR_EMAIL", "bench@example.com")
            .env("GIT_COMMITTER_NAME", "Bench")
            .env("GIT_COMMITTER_EMAIL", "bench@example.com")
            .env("TZ", "UTC")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .env("SIRT_NOW", NOW)
            .env("SIRT_ACTOR", "Ana Lima <ana@example.com>")
            .env("SIRT_STORE", &self.store)
            .current_dir(&self.store);
        cmd
    }

    pub fn sirt(&self, args: &[&str]) -> Command {
        let mut cmd = self.command(Path::new(env!("CARGO_BIN_EXE_sirt")));
        cmd.args(args);
        cmd
    }

    /// Waits, untimed, until no process but this one works in the store. A `git commit` starts
    /// git's maintenance in the background (`maintenance run --auto --detach`), and after an
    /// import of 10,000 files that maintenance repacks for seconds: it is git's work, and must
    /// not run on this machine's two cores while sirt's next run is timed.
    pub fn settle(&self) {
        let store = self.store.canonicalize().unwrap();
        let me = std::process::id().to_string();
        let deadline = Instant::now() + Duration::from_secs(300);
        let busy = || {
            std::fs::read_dir("/proc").unwrap().flatten().any(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                name.bytes().all(|b| b.is_ascii_digit())
                    && name != me
                    && std::fs::read_link(entry.path().join("cwd")).is_ok_and(|cwd| cwd.starts_with(&store))
            })
        };
        while busy() {
            assert!(
                Instant::now() < deadline,
                "something still works in {} after 5 minutes",
                store.display()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `git` in the store, with every write flushed to disk as sirt's are.
    pub fn git(&self, args: &[&str]) -> Command {
        let mut cmd = self.command(Path::new("git"));
        cmd.args(["-c", "core.fsync=all", "-c", "core.fsyncMethod=fsync"]).args(args);
        cmd
    }
}

/// How much of a command's output is kept.
const KEPT_OUTPUT: usize = 4096;

/// One finished process: how long it took, its peak resident memory, the start of its output.
pub struct Run {
    pub took: Duration,
    /// User and system time: what the work cost, whatever else the machine was doing.
    pub cpu: Duration,
    pub peak_kib: i64,
    pub stdout: Vec<u8>,
}

/// Runs `cmd` to the end; exit 0, or 3 (a check that found something), is success.
// The child is reaped by `wait4`, which also gives its resource usage; `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
pub fn run(cmd: &mut Command) -> Run {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    // Only the start of the output is kept: this process must stay small, since a child's peak
    // memory as the kernel reports it starts from its parent's (it begins as a copy of it).
    let mut stdout = Vec::new();
    let mut pipe = child.stdout.take().expect("piped");
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = pipe.read(&mut buffer).unwrap();
        if n == 0 {
            break;
        }
        let room = KEPT_OUTPUT.saturating_sub(stdout.len());
        stdout.extend_from_slice(&buffer[..n.min(room)]);
    }
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it in for the child this process made.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    let errors = errors.join().unwrap_or_default();
    assert!(reaped > 0, "wait4 failed for {cmd:?}");
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    assert!(matches!(code, 0 | 3), "{cmd:?} exited with {code}:\n{errors}");
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run { took, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peak_kib: usage.ru_maxrss, stdout }
}

/// `sirt` and its peer, alternately, `n` times each; returns their runs as (sirt, peer).
pub fn alternate(
    n: usize,
    mut sirt: impl FnMut(usize) -> Run,
    mut peer: impl FnMut(usize) -> Run,
) -> (Vec<Run>, Vec<Run>) {
    let mut ours = Vec::with_capacity(n);
    let mut theirs = Vec::with_capacity(n);
    for i in 0..n {
        ours.push(sirt(i));
        theirs.push(peer(i));
    }
    (ours, theirs)
}

pub fn median(runs: &[Run]) -> Duration {
    let mut times: Vec<Duration> = runs.iter().map(|r| r.took).collect();
    times.sort();
    times[times.len() / 2]
}

pub fn median_cpu(runs: &[Run]) -> Duration {
    let mut times: Vec<Duration> = runs.iter().map(|r| r.cpu).collect();
    times.sort();
    times[times.len() / 2]
}

pub fn peak_mib(runs: &[Run]) -> f64 {
    runs.iter().map(|r| r.peak_kib).max().unwrap_or(0) as f64 / 1024.0
}

/// One line of the table.
pub struct Row {
    pub work: String,
    pub sirt: String,
    pub peer_name: String,
    pub peer: String,
    pub ratio: f64,
    pub target: String,
    pub note: String,
}

impl Row {
    /// A row of two timed sets of runs.
    pub fn timed(work: &str, ours: &[Run], peer_name: &str, theirs: &[Run], target: &str) -> Row {
        let (a, b) = (median(ours), median(theirs));
        Row {
            work: work.to_string(),
            sirt: ms(a),
            peer_name: peer_name.to_string(),
            peer: ms(b),
            ratio: a.as_secs_f64() / b.as_secs_f64().max(1e-9),
            target: target.to_string(),
            note: format!(
                "cpu {} / {}; peak {:.0} / {:.0} MiB; n={}",
                ms(median_cpu(ours)),
                ms(median_cpu(theirs)),
                peak_mib(ours),
                peak_mib(theirs),
                ours.len()
            ),
        }
    }
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 100.0 { format!("{ms:.0} ms") } else { format!("{ms:.1} ms") }
}

pub fn print_table(rows: &[Row]) {
    let head = ["work", "sirt median", "peer", "peer median", "ratio", "target", "notes"];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.work.clone(),
                r.sirt.clone(),
                r.peer_name.clone(),
                r.peer.clone(),
                format!("{:.2}×", r.ratio),
                r.target.clone(),
                r.note.clone(),
            ]
        })
        .collect();
    let mut widths = head.map(str::len);
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("| {} |", padded.join(" | "));
    };
    line(&head.map(String::from));
    println!("|{}|", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("|"));
    for row in &cells {
        line(row);
    }
}

/// Bytes under `dir`, as `du` counts them (allocated blocks).
pub fn disk_usage(dir: &Path) -> u64 {
    let out = Command::new("du").arg("-sk").arg(dir).output().expect("du runs");
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().next().and_then(|k| k.parse::<u64>().ok()).unwrap_or(0) * 1024
}

/// A number from the environment, or `default`.
pub fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
