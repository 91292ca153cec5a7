//! How a time limit is counted: elapsed hours, calendar days, business days or calendar months,
//! from the instant or in whole days, in the zone and with the holidays of the jurisdiction.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::time::{Zone, parse_span};

/// A time limit as the catalog and the settings write it: `72h`, `90m`, `3d`, `4bd`, `1mo`, `asap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Elapsed time, kept to the minute: `72h`, `30m`, `1h30m`.
    Minutes(i64),
    CalendarDays(u32),
    BusinessDays(u32),
    CalendarMonths(u32),
    /// "Without undue delay": no due time.
    Asap,
}

/// How the catalog says a stage is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    Hours,
    CalendarDays,
    BusinessDays,
    CalendarMonth,
    None,
}

impl Counting {
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Hours => "hours",
            Counting::CalendarDays => "calendar_days",
            Counting::BusinessDays => "business_days",
            Counting::CalendarMonth => "calendar_month",
            Counting::None => "none",
        }
    }
}

/// Where a limit counted in days starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Days {
    /// From the instant of the trigger, keeping its time of day (in the jurisdiction's zone).
    #[default]
    FromTheTime,
    /// Whole days after the day of the trigger, to the end of the last day ("3 days after the day").
    Whole,
    /// The text does not say; counted from the time of day, the earlier of the two readings.
    Unclear,
}

impl Limit {
    /// Reads the catalog notation, or a span such as `90m` or `1h30m`.
    pub fn parse(text: &str) -> Option<Limit> {
        let text = text.trim();
        if text == "asap" {
            return Some(Limit::Asap);
        }
        let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        if let Ok(n) = number.parse::<u32>()
            && n > 0
        {
            match unit {
                "d" => return Some(Limit::CalendarDays(n)),
                "bd" => return Some(Limit::BusinessDays(n)),
                "mo" => return Some(Limit::CalendarMonths(n)),
                _ => {}
            }
        }
        match parse_span(text) {
            Some(span) if span > Duration::zero() && span.num_seconds() % 60 == 0 => {
                // Whole days written as a span (`2 days`) stay elapsed time, not calendar days.
                Some(Limit::Minutes(span.num_minutes()))
            }
            _ => None,
        }
    }

    /// The counting this limit's notation implies.
    pub fn counting(self) -> Counting {
        match self {
            Limit::Minutes(_) => Counting::Hours,
            Limit::CalendarDays(_) => Counting::CalendarDays,
            Limit::BusinessDays(_) => Counting::BusinessDays,
            Limit::CalendarMonths(_) => Counting::CalendarMonth,
            Limit::Asap => Counting::None,
        }
    }

    /// The limit in the catalog's notation: `72h`, `90m`, `3d`, `4bd`, `1mo`, `asap`.
    pub fn text(self) -> String {
        match self {
            Limit::Minutes(m) if m % 60 == 0 => format!("{}h", m / 60),
            Limit::Minutes(m) => format!("{m}m"),
            Limit::CalendarDays(d) => format!("{d}d"),
            Limit::BusinessDays(d) => format!("{d}bd"),
            Limit::CalendarMonths(m) => format!("{m}mo"),
            Limit::Asap => "asap".into(),
        }
    }

    /// The limit in words: `72 hours`, `1 month`, `3 business days`.
    pub fn words(self) -> String {
        let plural = |n: i64, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
        match self {
            Limit::Minutes(m) if m % 60 == 0 => plural(m / 60, "hour"),
            Limit::Minutes(m) => plural(m, "minute"),
            Limit::CalendarDays(d) => plural(d.into(), "day"),
            Limit::BusinessDays(d) => plural(d.into(), "business day"),
            Limit::CalendarMonths(m) => plural(m.into(), "month"),
            Limit::Asap => "as soon as possible".into(),
        }
    }

    /// About how long the limit is, to size the at-risk margin.
    pub fn nominal(self) -> Option<Duration> {
        match self {
            Limit::Asap => None,
            Limit::Minutes(m) => Some(Duration::minutes(m)),
            Limit::CalendarDays(d) | Limit::BusinessDays(d) => Some(Duration::days(d.into())),
            Limit::CalendarMonths(m) => Some(Duration::days(30 * i64::from(m))),
        }
    }

    /// When a clock started at `start` runs out, counted the way `reckoning` says.
    pub fn due(self, start: DateTime<Utc>, reckoning: &Reckoning) -> Option<DateTime<Utc>> {
        let zone = reckoning.zone;
        let whole = reckoning.days == Days::Whole;
        let wall = zone.wall(start);
        let day = wall.date();
        // The last day counted, and the instant the limit ends on it.
        let ends = |last: NaiveDate| {
            if whole { zone.end_of_day(last) } else { zone.instant(last.and_time(wall.time())) }
        };
        match self {
            Limit::Asap => None,
            Limit::Minutes(m) => start.checked_add_signed(Duration::minutes(m)),
            Limit::CalendarDays(d) => day.checked_add_days(chrono::Days::new(d.into())).and_then(ends),
            Limit::CalendarMonths(m) => day.checked_add_months(Months::new(m)).and_then(ends),
            Limit::BusinessDays(n) => {
                let mut last = day;
                let mut counted = 0;
                while counted < n {
                    last = last.succ_opt()?;
                    if reckoning.is_business_day(last) {
                        counted += 1;
                    }
                }
                ends(last)
            }
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl Serialize for Limit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Limit::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("'{text}' is not a limit like 72h, 90m, 3d, 4bd, 1mo or asap"))
        })
    }
}

/// What counting in days needs: the jurisdiction's zone, its holidays, and where days start.
#[derive(Debug, Clone, Copy)]
pub struct Reckoning<'a> {
    pub zone: Zone,
    pub holidays: &'a [NaiveDate],
    pub days: Days,
}

impl Reckoning<'_> {
    /// Elapsed time in UTC with no holidays: how the contract's hours are counted.
    pub const UTC: Reckoning<'static> = Reckoning { zone: Zone::Utc, holidays: &[], days: Days::FromTheTime };

    /// Monday to Friday, less the holidays.
    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(holidays: &[NaiveDate]) -> Reckoning<'_> {
        Reckoning { zone: Zone::Utc, holidays, days: Days::FromTheTime }
    }

    #[test]
    fn limits_read_the_catalog_notation_and_spans() {
        assert_eq!(Limit::parse("72h"), Some(Limit::Minutes(72 * 60)));
        assert_eq!(Limit::parse("30m"), Some(Limit::Minutes(30)));
        assert_eq!(Limit::parse("90m"), Some(Limit::Minutes(90)));
        assert_eq!(Limit::parse("1h30m"), Some(Limit::Minutes(90)));
        assert_eq!(Limit::parse("3d"), Some(Limit::CalendarDays(3)));
        assert_eq!(Limit::parse("4bd"), Some(Limit::BusinessDays(4)));
        assert_eq!(Limit::parse("1mo"), Some(Limit::CalendarMonths(1)));
        assert_eq!(Limit::parse("asap"), Some(Limit::Asap));
        for bad in ["", "h", "0h", "3x", "-1d", "0d", "30s"] {
            assert_eq!(Limit::parse(bad), None, "{bad}");
        }
        assert_eq!(Limit::Minutes(90).text(), "90m");
        assert_eq!(Limit::Minutes(120).text(), "2h");
        assert_eq!(Limit::CalendarMonths(1).words(), "1 month");
        assert_eq!(Limit::BusinessDays(3).words(), "3 business days");
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Friday 2026-11-20 10:00 + 1 business day = Monday 10:00.
        let friday = at("2026-11-20T10:00:00Z");
        assert_eq!(Limit::BusinessDays(1).due(friday, &utc(&[])), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(Limit::BusinessDays(3).due(friday, &utc(&[])), Some(at("2026-11-25T10:00:00Z")));
        let holiday = [date("2026-11-23")];
        assert_eq!(Limit::BusinessDays(1).due(friday, &utc(&holiday)), Some(at("2026-11-24T10:00:00Z")));
        // Started on a Saturday: the first business day counted is Monday.
        assert_eq!(
            Limit::BusinessDays(1).due(at("2026-11-21T09:00:00Z"), &utc(&[])),
            Some(at("2026-11-23T09:00:00Z"))
        );
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        let r = utc(&[]);
        assert_eq!(
            Limit::CalendarMonths(1).due(at("2027-01-31T12:00:00Z"), &r),
            Some(at("2027-02-28T12:00:00Z"))
        );
        assert_eq!(
            Limit::CalendarMonths(1).due(at("2028-01-31T12:00:00Z"), &r),
            Some(at("2028-02-29T12:00:00Z"))
        );
        assert_eq!(
            Limit::CalendarMonths(1).due(at("2026-11-15T08:00:00Z"), &r),
            Some(at("2026-12-15T08:00:00Z"))
        );
    }

    #[test]
    fn whole_days_end_at_the_end_of_the_last_day_in_the_zone() {
        let singapore = Zone::parse("Asia/Singapore").unwrap();
        let whole = Reckoning { zone: singapore, holidays: &[], days: Days::Whole };
        // Assessed Monday 15:00 in Singapore: Tuesday, Wednesday, Thursday; due at Thursday's end.
        assert_eq!(
            Limit::CalendarDays(3).due(at("2026-11-23T07:00:00Z"), &whole),
            Some(at("2026-11-26T15:59:59Z"))
        );
        // A Friday evening in São Paulo is still Friday there, though Saturday in UTC.
        let sao_paulo = Zone::parse("America/Sao_Paulo").unwrap();
        let brazil = Reckoning { zone: sao_paulo, holidays: &[], days: Days::FromTheTime };
        assert_eq!(
            Limit::BusinessDays(1).due(at("2026-11-21T01:00:00Z"), &brazil),
            Some(at("2026-11-24T01:00:00Z")),
            "Friday 22:00 + 1 business day = Monday 22:00 in São Paulo"
        );
    }

    #[test]
    fn calendar_days_keep_the_wall_time_across_daylight_saving() {
        let berlin =
            Reckoning { zone: Zone::parse("Europe/Berlin").unwrap(), holidays: &[], days: Days::FromTheTime };
        // Friday 2026-03-27 13:00 in Berlin (+01:00) + 3 days = Monday 13:00 (+02:00).
        assert_eq!(
            Limit::CalendarDays(3).due(at("2026-03-27T12:00:00Z"), &berlin),
            Some(at("2026-03-30T11:00:00Z"))
        );
        // Hours are elapsed time, whatever the clocks do.
        assert_eq!(
            Limit::Minutes(72 * 60).due(at("2026-03-27T12:00:00Z"), &berlin),
            Some(at("2026-03-30T12:00:00Z"))
        );
    }

    #[test]
    fn hours_and_minutes_are_plain_arithmetic() {
        let start = at("2026-11-20T10:00:00Z");
        assert_eq!(Limit::Minutes(72 * 60).due(start, &Reckoning::UTC), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(Limit::Minutes(30).due(start, &Reckoning::UTC), Some(at("2026-11-20T10:30:00Z")));
        assert_eq!(Limit::CalendarDays(3).due(start, &Reckoning::UTC), Some(at("2026-11-23T10:00:00Z")));
        assert_eq!(Limit::Asap.due(start, &Reckoning::UTC), None);
    }
}
