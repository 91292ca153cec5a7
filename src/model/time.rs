//! Parsing and displaying the times people type: `--at`, `--started`, `--since`.

use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// What `--at` and friends accept, for error messages and help texts.
pub const ACCEPTED: &str =
    "RFC 3339 (2026-11-20T08:00:00Z), local 'YYYY-MM-DD HH:MM', 'now', '-2h' or '2h ago'";

/// Parses a point in time relative to `now`; wall-clock forms are read in the local zone.
pub fn parse_when(input: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = input.trim();
    let fail = || format!("cannot read '{input}' as a time; use {ACCEPTED}");
    if text.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    // Checked: a span too large for the calendar is an unreadable time, not a crash.
    if let Some(ago) = text.strip_prefix('-') {
        return parse_span(ago).and_then(|d| now.checked_sub_signed(d)).ok_or_else(fail);
    }
    if let Some(ago) = text.strip_suffix("ago") {
        return parse_span(ago.trim()).and_then(|d| now.checked_sub_signed(d)).ok_or_else(fail);
    }
    for pattern in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, pattern) {
            return local_to_utc(naive).ok_or_else(fail);
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return local_to_utc(day.and_hms_opt(0, 0, 0).expect("midnight exists")).ok_or_else(fail);
    }
    Err(fail())
}

fn local_to_utc(naive: NaiveDateTime) -> Option<DateTime<Utc>> {
    // In a DST fold the earlier reading is the one a person most likely meant.
    Local.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
}

/// A duration such as `2h`, `90m`, `3d`, `1w`, `2 hours`, `1h30m`.
pub fn parse_span(text: &str) -> Option<Duration> {
    let mut total = Duration::zero();
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        let amount: i64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = rest[unit_len..].trim_start();
        let step = match unit {
            "s" | "sec" | "secs" | "second" | "seconds" => Duration::try_seconds(amount)?,
            "m" | "min" | "mins" | "minute" | "minutes" => Duration::try_minutes(amount)?,
            "h" | "hr" | "hrs" | "hour" | "hours" => Duration::try_hours(amount)?,
            "d" | "day" | "days" => Duration::try_days(amount)?,
            "w" | "week" | "weeks" => Duration::try_weeks(amount)?,
            _ => return None,
        };
        total = total.checked_add(&step)?;
    }
    Some(total)
}

/// A duration the way a person on call reads it: `2d 3h`, `5h 20m`, `45m`.
pub fn format_span(span: Duration) -> String {
    let minutes = span.num_minutes().abs();
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let text = match (days, hours, mins) {
        (0, 0, m) => format!("{m}m"),
        (0, h, m) => format!("{h}h {m:02}m"),
        (d, h, _) => format!("{d}d {h}h"),
    };
    if span < Duration::zero() { format!("-{text}") } else { text }
}

/// A time in the given zone, compact and unambiguous: `2026-11-20 08:00Z`, `2026-11-20 09:00+01:00`.
pub fn format_in(at: DateTime<Utc>, zone: FixedOffset) -> String {
    let local = at.with_timezone(&zone);
    if zone.local_minus_utc() == 0 {
        local.format("%Y-%m-%d %H:%MZ").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M%:z").to_string()
    }
}

/// RFC 3339 in UTC to the second, as CSV and commit messages carry it; empty when absent.
pub fn rfc3339(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default()
}

/// A time in the machine's local zone (the `TZ` environment variable decides).
pub fn format_local(at: DateTime<Utc>) -> String {
    format_in(at, *at.with_timezone(&Local).offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-20T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn relative_forms() {
        assert_eq!(parse_when("now", now()).unwrap(), now());
        assert_eq!(parse_when("-2h", now()).unwrap(), now() - Duration::hours(2));
        assert_eq!(parse_when("2h ago", now()).unwrap(), now() - Duration::hours(2));
        assert_eq!(parse_when("1h30m ago", now()).unwrap(), now() - Duration::minutes(90));
        assert_eq!(parse_when("3 days ago", now()).unwrap(), now() - Duration::days(3));
    }

    #[test]
    fn absolute_forms() {
        let t = parse_when("2026-11-19T08:30:00+01:00", now()).unwrap();
        assert_eq!(t, "2026-11-19T07:30:00Z".parse::<DateTime<Utc>>().unwrap());
        assert!(parse_when("2026-11-19 08:30", now()).is_ok());
        assert!(parse_when("2026-11-19", now()).is_ok());
    }

    #[test]
    fn nonsense_is_refused_with_the_accepted_forms() {
        for bad in ["yesterday", "2h", "-", "ago", "2x ago", "2026-13-01 00:00"] {
            let err = parse_when(bad, now()).unwrap_err();
            assert!(err.contains("RFC 3339"), "{bad}: {err}");
        }
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(format_span(Duration::minutes(45)), "45m");
        assert_eq!(format_span(Duration::minutes(320)), "5h 20m");
        assert_eq!(format_span(Duration::hours(51)), "2d 3h");
        assert_eq!(format_span(Duration::minutes(-90)), "-1h 30m");
    }
}
