//! Parsing and displaying the times people type (`--at`, `--started`, `--since`) and the zones
//! they are shown in. Pure: the process's own zone is resolved at the edge and passed in.
//!
//! The parser is our own on purpose. The natural-date crates (interim, chrono-english,
//! fuzzydate, parse_datetime, dateparser) read a weekday as the coming one where a step that
//! happened needs the last one, accept `2h`, `25:00` or `yesterday` as some time rather than
//! refuse them, refuse a wall-clock time that daylight saving skips, or read the real clock.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

/// What `--at` and friends accept, for error messages and help texts: the one list of forms.
pub const ACCEPTED: &str = "RFC 3339 (2026-11-20T08:00:00Z), local 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD', \
     'HH:MM' (today), 'yesterday HH:MM', a weekday with a time ('monday 14:00', the most recent), \
     'now', '-2h' or '2h ago', '+2h' or 'in 2h'";

/// Every form a time flag accepts, shown by its `--help`: the same list as the README's Times
/// table (a test holds the two together).
pub const FORMS: &str = "\
Forms (in the local zone, TZ, unless they carry an offset):
  that instant:           2026-11-20T08:00:00Z,
                          2026-11-20T09:00:00+01:00
  that wall-clock time:   2026-11-20 08:00, 2026-11-20T08:00,
                          2026-11-20 08:00:30
  the start of that day:  2026-11-20
  that time today:        03:30, 03:30:15, today 03:30
  that time yesterday:    yesterday 14:00
  the last such day:      monday 14:00, Mon 14:00
  this instant:           now
  that long before now:   -2h, 2h ago, 1h30m ago, 3 days ago
  that long after now:    +2h, in 2h

Spans count s, m, h, d, w (or their names); words are read in any case;
a day alone (yesterday, monday) is refused.";

/// The long help (`--help`) of a time flag: what it means, then every form it accepts.
pub fn flag_help(what: &str) -> String {
    format!("{what}\n\n{FORMS}")
}

/// What `--tz` accepts, for error messages and help texts.
pub const ZONES_ACCEPTED: &str =
    "UTC, local, an IANA zone such as Europe/Berlin, or an offset such as +01:00";

/// A time zone: UTC, a fixed offset, or a zone of the IANA database whose offset changes with
/// daylight saving. Every time is shown with the offset in force at that instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Utc,
    Fixed(FixedOffset),
    Named(Tz),
}

impl Zone {
    /// `UTC`, `Z`, an offset such as `+01:00` or `-0500`, or an IANA name such as `Europe/Berlin`.
    /// (`local` is not a zone of its own: the caller resolves it.)
    pub fn parse(text: &str) -> Option<Zone> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("utc") || text == "Z" {
            return Some(Zone::Utc);
        }
        if let Some(offset) = parse_offset(text) {
            return Some(Zone::Fixed(offset));
        }
        text.parse::<Tz>().ok().map(Zone::Named)
    }

    /// The offset from UTC in force at `at`.
    pub fn offset_at(self, at: DateTime<Utc>) -> FixedOffset {
        match self {
            Zone::Utc => FixedOffset::east_opt(0).expect("zero offset"),
            Zone::Fixed(offset) => offset,
            Zone::Named(tz) => tz.offset_from_utc_datetime(&at.naive_utc()).fix(),
        }
    }

    /// The wall-clock reading of `at` in this zone.
    pub fn wall(self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.offset_at(at)).naive_local()
    }

    /// The instant a wall-clock reading names. In a repeated hour the earlier reading; in an hour
    /// the clocks skip, the same reading with the offset in force just before the gap. None only
    /// at the ends of the calendar.
    pub fn instant(self, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        let resolve = |offset: FixedOffset| {
            wall.checked_sub_signed(Duration::seconds(offset.local_minus_utc().into()))
                .map(|t| DateTime::<Utc>::from_naive_utc_and_offset(t, Utc))
        };
        match self {
            Zone::Utc => resolve(FixedOffset::east_opt(0).expect("zero offset")),
            Zone::Fixed(offset) => resolve(offset),
            Zone::Named(tz) => match tz.from_local_datetime(&wall).earliest() {
                Some(t) => Some(t.with_timezone(&Utc)),
                None => {
                    resolve(tz.offset_from_utc_datetime(&wall.checked_sub_signed(Duration::hours(3))?).fix())
                }
            },
        }
    }

    /// The last second of a calendar day in this zone.
    pub fn end_of_day(self, day: NaiveDate) -> Option<DateTime<Utc>> {
        let next = day.succ_opt()?.and_hms_opt(0, 0, 0)?;
        // Midnight itself may be skipped by daylight saving; the day ends a second before the next
        // day's first instant either way.
        self.instant(next)?.checked_sub_signed(Duration::seconds(1))
    }

    /// The zone's name as a person would type it.
    pub fn name(self) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::Fixed(offset) => offset.to_string(),
            Zone::Named(tz) => tz.name().into(),
        }
    }
}

impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Zone::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "zone '{text}' is not {}",
                "UTC, an IANA zone such as America/Sao_Paulo, or an offset such as +01:00"
            ))
        })
    }
}

/// `+01:00`, `-0500`.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Parses a point in time relative to `now`; wall-clock forms are read in `zone`.
pub fn parse_when(input: &str, now: DateTime<Utc>, zone: Zone) -> Result<DateTime<Utc>, String> {
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
    if let Some(ahead) = text.strip_prefix('+').or_else(|| strip_word(text, "in")) {
        return parse_span(ahead).and_then(|d| now.checked_add_signed(d)).ok_or_else(fail);
    }
    for pattern in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, pattern) {
            return zone.instant(naive).ok_or_else(fail);
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return zone.instant(day.and_hms_opt(0, 0, 0).expect("midnight exists")).ok_or_else(fail);
    }
    let today = zone.wall(now).date();
    if let Some(clock) = parse_clock(text) {
        return zone.instant(today.and_time(clock)).ok_or_else(fail);
    }
    let (word, clock) = text.split_once(char::is_whitespace).ok_or_else(fail)?;
    let clock = parse_clock(clock.trim()).ok_or_else(fail)?;
    if word.eq_ignore_ascii_case("today") {
        return zone.instant(today.and_time(clock)).ok_or_else(fail);
    }
    if word.eq_ignore_ascii_case("yesterday") {
        return today.pred_opt().and_then(|d| zone.instant(d.and_time(clock))).ok_or_else(fail);
    }
    let weekday = parse_weekday(word).ok_or_else(fail)?;
    // The most recent such day whose time has come: today if it has passed, else a week back.
    (0..=7)
        .filter_map(|back| today.checked_sub_signed(Duration::days(back)))
        .filter(|day| day.weekday() == weekday)
        .filter_map(|day| zone.instant(day.and_time(clock)))
        .find(|t| *t <= now)
        .ok_or_else(fail)
}

/// A hint for an unreadable time given to `flag`: what is closest to what was typed, not the
/// list the error already gives.
pub fn refusal_hint(input: &str, flag: &str) -> String {
    let text = input.trim().to_ascii_lowercase();
    let day =
        text.split_whitespace().find(|w| ["yesterday", "today"].contains(w) || parse_weekday(w).is_some());
    if let Some(day) = day {
        return format!("a day needs a time of day too: {flag} '{day} 14:00'");
    }
    if parse_span(&text).is_some() {
        return format!(
            "say which way the span goes: {flag} '{text} ago' (before now) or {flag} +{text} (after now)"
        );
    }
    if text.contains(':') && text.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return format!("a time of day runs from 00:00 to 23:59: {flag} 03:30 is today at 03:30");
    }
    format!(
        "for example {flag} 03:30 (today), {flag} '2h ago' or {flag} 2026-11-20T08:00:00Z; see Times in the README"
    )
}

/// `in 2h` -> `2h`; the word must stand alone.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let (head, rest) = text.split_once(char::is_whitespace)?;
    head.eq_ignore_ascii_case(word).then_some(rest)
}

/// `14:00`, `9:05`, `14:00:30`.
fn parse_clock(text: &str) -> Option<NaiveTime> {
    ["%H:%M", "%H:%M:%S"].iter().find_map(|p| NaiveTime::parse_from_str(text, p).ok())
}

/// `monday`, `Mon`, `TUESDAY`.
fn parse_weekday(text: &str) -> Option<Weekday> {
    let lower = text.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ]
    .into_iter()
    .find(|(name, _)| name.starts_with(&lower) && (lower.len() == 3 || lower == *name))
    .map(|(_, day)| day)
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

/// A time in the given zone with the offset in force at that instant, compact and unambiguous:
/// `2026-11-20 08:00Z`, `2026-03-30 14:00+02:00`.
pub fn format_in(at: DateTime<Utc>, zone: Zone) -> String {
    let offset = zone.offset_at(at);
    let local = at.with_timezone(&offset);
    if offset.local_minus_utc() == 0 {
        local.format("%Y-%m-%d %H:%MZ").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M%:z").to_string()
    }
}

/// RFC 3339 in UTC to the second, as CSV and commit messages carry it; empty when absent.
pub fn rfc3339(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-20T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn relative_forms() {
        assert_eq!(parse_when("now", now(), Zone::Utc).unwrap(), now());
        assert_eq!(parse_when("-2h", now(), Zone::Utc).unwrap(), now() - Duration::hours(2));
        assert_eq!(parse_when("2h ago", now(), Zone::Utc).unwrap(), now() - Duration::hours(2));
        assert_eq!(parse_when("1h30m ago", now(), Zone::Utc).unwrap(), now() - Duration::minutes(90));
        assert_eq!(parse_when("3 days ago", now(), Zone::Utc).unwrap(), now() - Duration::days(3));
    }

    #[test]
    fn absolute_forms() {
        let t = parse_when("2026-11-19T08:30:00+01:00", now(), Zone::Utc).unwrap();
        assert_eq!(t, "2026-11-19T07:30:00Z".parse::<DateTime<Utc>>().unwrap());
        assert!(parse_when("2026-11-19 08:30", now(), Zone::Utc).is_ok());
        assert!(parse_when("2026-11-19", now(), Zone::Utc).is_ok());
    }

    #[test]
    fn nonsense_is_refused_with_the_accepted_forms() {
        for bad in ["yesterday", "2h", "-", "ago", "2x ago", "2026-13-01 00:00"] {
            let err = parse_when(bad, now(), Zone::Utc).unwrap_err();
            assert!(err.contains("RFC 3339"), "{bad}: {err}");
        }
    }

    #[test]
    fn friendly_forms() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 2026-11-20 is a Friday.
        assert_eq!(parse_when("03:30", now(), Zone::Utc).unwrap(), at("2026-11-20T03:30:00Z"));
        assert_eq!(parse_when("today 9:05", now(), Zone::Utc).unwrap(), at("2026-11-20T09:05:00Z"));
        assert_eq!(parse_when("yesterday 14:00", now(), Zone::Utc).unwrap(), at("2026-11-19T14:00:00Z"));
        assert_eq!(parse_when("Yesterday 14:00:30", now(), Zone::Utc).unwrap(), at("2026-11-19T14:00:30Z"));
        assert_eq!(parse_when("monday 14:00", now(), Zone::Utc).unwrap(), at("2026-11-16T14:00:00Z"));
        assert_eq!(parse_when("FRI 11:00", now(), Zone::Utc).unwrap(), at("2026-11-20T11:00:00Z"));
        // Friday 13:00 has not come yet today: the one a week back.
        assert_eq!(parse_when("friday 13:00", now(), Zone::Utc).unwrap(), at("2026-11-13T13:00:00Z"));
        assert_eq!(parse_when("+2h", now(), Zone::Utc).unwrap(), at("2026-11-20T14:00:00Z"));
        assert_eq!(parse_when("in 1d", now(), Zone::Utc).unwrap(), at("2026-11-21T12:00:00Z"));
        // "Today" is the day in the zone given: at 12:00Z it is already the 21st in Auckland.
        let auckland = Zone::parse("Pacific/Auckland").unwrap();
        assert_eq!(parse_when("03:30", now(), auckland).unwrap(), at("2026-11-20T14:30:00Z"));
        for bad in ["25:00", "monday", "mo 14:00", "someday 14:00", "yesterday 14", "+", "in", "+2x"] {
            assert!(parse_when(bad, now(), Zone::Utc).is_err(), "{bad}");
        }
    }

    #[test]
    fn hints_point_at_what_was_typed() {
        assert_eq!(
            refusal_hint("yesterday", "--at"),
            "a day needs a time of day too: --at 'yesterday 14:00'"
        );
        assert_eq!(refusal_hint("Monday", "--at"), "a day needs a time of day too: --at 'monday 14:00'");
        assert!(refusal_hint("2h", "--at").contains("'2h ago'"));
        assert!(!refusal_hint("blue moon", "--at").contains("RFC 3339"));
    }

    #[test]
    fn wall_clock_forms_are_read_in_the_zone_given() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let t = parse_when("2026-11-19 08:30", now(), berlin).unwrap();
        assert_eq!(t, "2026-11-19T07:30:00Z".parse::<DateTime<Utc>>().unwrap());
        // The repeated hour of October reads as its first pass.
        let t = parse_when("2026-10-25 02:30", now(), berlin).unwrap();
        assert_eq!(t, "2026-10-25T00:30:00Z".parse::<DateTime<Utc>>().unwrap());
    }

    #[test]
    fn times_show_the_offset_in_force_at_that_instant() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(format_in(at("2026-03-27T12:00:00Z"), berlin), "2026-03-27 13:00+01:00");
        assert_eq!(format_in(at("2026-03-30T12:00:00Z"), berlin), "2026-03-30 14:00+02:00");
        assert_eq!(format_in(at("2026-10-25T00:30:00Z"), berlin), "2026-10-25 02:30+02:00");
        assert_eq!(format_in(at("2026-10-25T01:30:00Z"), berlin), "2026-10-25 02:30+01:00");
        assert_eq!(format_in(at("2026-03-30T12:00:00Z"), Zone::Utc), "2026-03-30 12:00Z");
        assert_eq!(
            format_in(at("2026-03-30T12:00:00Z"), Zone::parse("+05:30").unwrap()),
            "2026-03-30 17:30+05:30"
        );
        for bad in ["Mars/Olympus", "+1", "local", ""] {
            assert_eq!(Zone::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_day_ends_at_its_last_second_in_the_zone() {
        let sp = Zone::parse("America/Sao_Paulo").unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(sp.end_of_day(day), "2026-11-26T02:59:59Z".parse::<DateTime<Utc>>().ok());
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(format_span(Duration::minutes(45)), "45m");
        assert_eq!(format_span(Duration::minutes(320)), "5h 20m");
        assert_eq!(format_span(Duration::hours(51)), "2d 3h");
        assert_eq!(format_span(Duration::minutes(-90)), "-1h 30m");
    }
}
