//! The bar `sirt deadlines` draws on a terminal: how much of a clock's time is used.

use chrono::{DateTime, Utc};

use crate::model::deadline::{Deadline, Status};

/// Cells of the bar in `sirt deadlines`: short enough to leave the table its width.
pub const BAR_WIDTH: usize = 10;

/// Eighths of a cell, for a bar that moves smoothly.
const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The time used against the limit, `width` cells and a percentage: `███████▌░░░░  63%`.
/// Used time runs to the clock's stop when met or late, else to `now`. None for a clock that
/// has not started or has no fixed limit: there is nothing to measure against.
pub fn used_bar(d: &Deadline, now: DateTime<Utc>, width: usize) -> Option<String> {
    let (start, due) = (d.started_at?, d.due?);
    if d.status == Status::Pending {
        return None;
    }
    let end = match d.status {
        Status::Met | Status::Late => d.done_at.unwrap_or(now),
        _ => now,
    };
    let limit = (due - start).num_seconds().max(1) as f64;
    let used = ((end - start).num_seconds().max(0) as f64 / limit).max(0.0);
    let eighths = (used.min(1.0) * (width * 8) as f64).round() as usize;
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(PARTS[eighths % 8]);
    }
    let filled = bar.chars().count();
    bar.push_str(&"░".repeat(width.saturating_sub(filled)));
    Some(format!("{bar} {:>4}", format!("{}%", (used * 100.0).round() as i64)))
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::model::deadline::ClockKind;

    fn clock(status: Status, hours_used: i64, done: bool) -> (Deadline, DateTime<Utc>) {
        let start = DateTime::parse_from_rfc3339("2026-11-20T00:00:00Z").unwrap().to_utc();
        let at = start + Duration::hours(hours_used);
        let d = Deadline {
            incident: "INC-1".into(),
            clock: ClockKind::Contract,
            party: "contoso".into(),
            tenant: Some("contoso".into()),
            rule: "contract 24h".into(),
            regime: None,
            stage: None,
            limit: "24h".into(),
            verified: None,
            started_by: "declaration".into(),
            started_at: Some(start),
            due: Some(start + Duration::hours(24)),
            done_at: done.then_some(at),
            status,
        };
        (d, if done { start + Duration::hours(100) } else { at })
    }

    #[test]
    fn bars_by_hand() {
        let (d, now) = clock(Status::Running, 6, false);
        assert_eq!(used_bar(&d, now, 8).unwrap(), "██░░░░░░  25%");
        let (d, now) = clock(Status::Overdue, 36, false);
        assert_eq!(used_bar(&d, now, 8).unwrap(), "████████ 150%");
        // Met after 3 hours: the bar stops there, whatever the time now.
        let (d, now) = clock(Status::Met, 3, true);
        assert_eq!(used_bar(&d, now, 8).unwrap(), "█░░░░░░░  13%");
        let (d, now) = clock(Status::Running, 1, false);
        assert_eq!(used_bar(&d, now, 8).unwrap(), "▍░░░░░░░   4%");
        let (d, now) = clock(Status::Pending, 0, false);
        assert_eq!(used_bar(&d, now, 8), None);
    }
}
