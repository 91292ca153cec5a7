//! Progress on stderr for long work (indicatif): a bar when the work can be counted, a spinner
//! naming the step when it cannot. Only on a terminal; never in piped or JSON output.

use std::io::{self, IsTerminal};

use super::Ui;

/// A progress bar on stderr for long runs (indicatif), shown only when both stdout and stderr are
/// a terminal, the caller does not print JSON, and the work counts at least `threshold` items: a
/// short run does not flash a bar, and piped or JSON output never carries one.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    threshold: usize,
    shown: std::sync::atomic::AtomicBool,
}

impl Progress {
    /// Reports `done` of `total` (callable from several threads).
    pub fn update(&self, done: usize, total: usize) {
        let Some(bar) = &self.bar else { return };
        if total < self.threshold {
            return;
        }
        if !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed) {
            bar.set_length(total as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }

    /// Leaves the bar at its total, if it was shown.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar
            && self.shown.load(std::sync::atomic::Ordering::Relaxed)
        {
            bar.finish();
        }
    }
}

impl Ui {
    /// A progress bar, e.g. `rendering drafts (tenants) [####    ] 300/10000`; `shown` is false
    /// for output that must stay clean whatever the stream (JSON).
    pub fn progress(&self, label: &str, threshold: usize, shown: bool) -> Progress {
        let on = shown && self.terminal && io::stderr().is_terminal();
        let bar = on.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
            let style = indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(label.to_string());
            bar
        });
        Progress { bar, threshold: threshold.max(1), shown: std::sync::atomic::AtomicBool::new(false) }
    }
}

/// A spinner on stderr naming the step under way, for work of unknown length (waiting on a
/// remote): shown only when stdout and stderr are a terminal, and gone when the work ends, so
/// that what the command prints next stands alone.
pub struct Steps {
    bar: Option<indicatif::ProgressBar>,
}

impl Steps {
    pub fn step(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(what.to_string());
            bar.tick();
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Steps {
    // An error on the way out: the spinner goes before the error is printed.
    fn drop(&mut self) {
        self.finish();
    }
}

impl Ui {
    /// Steps of unknown length, e.g. `⠙ fetching from origin 2s`.
    pub fn steps(&self) -> Steps {
        let on = self.terminal && io::stderr().is_terminal();
        let bar = on.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            let style = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Steps { bar }
    }
}
