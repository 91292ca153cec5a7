//! What templates see: the incident, the tenant and the organisation as plain values, with record
//! text made safe and times written for people. Field names are the template variables README
//! documents; new fields may be added, none removed.

use chrono::{DateTime, Datelike, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};
use serde::Serialize;

use crate::model::regime::Catalog;
use crate::model::tenant::Tenant;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A moment as people read it. `text` is English ("23 November 2026, 03:50 UTC"); the parts let
/// another language's templates write it their own way.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Moment {
    pub text: String,
    pub day: u32,
    pub month: u32,
    pub year: i32,
    /// `03:50`, 24-hour.
    pub time: String,
    /// `UTC`, `CET`, or `UTC+04` where the zone has no common abbreviation.
    pub zone: String,
}

/// `at` in `zone` (UTC when `None`), for a customer.
pub fn moment(at: DateTime<Utc>, zone: Option<Tz>) -> Moment {
    let (local, zone_name) = match zone {
        None => (at.fixed_offset(), "UTC".to_string()),
        Some(tz) => {
            let local = tz.from_utc_datetime(&at.naive_utc());
            let name = match local.offset().abbreviation() {
                Some(abbr) if !abbr.starts_with(['+', '-']) => abbr.to_string(),
                _ => {
                    let seconds = local.offset().fix().local_minus_utc();
                    let sign = if seconds < 0 { '-' } else { '+' };
                    let (h, m) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
                    if m == 0 { format!("UTC{sign}{h:02}") } else { format!("UTC{sign}{h:02}:{m:02}") }
                }
            };
            (local.fixed_offset(), name)
        }
    };
    let time = local.format("%H:%M").to_string();
    Moment {
        text: format!(
            "{} {} {}, {time} {zone_name}",
            local.day(),
            MONTHS[local.month0() as usize],
            local.year()
        ),
        day: local.day(),
        month: local.month(),
        year: local.year(),
        time,
        zone: zone_name,
    }
}

pub use crate::text::{plain, prose};

/// "within 72 hours of becoming aware", "without undue delay", "within 3 business days of …":
/// the English sentence (`duty.when`); templates of other languages build theirs from `limit`.
pub fn when(within: &str, trigger: &str) -> String {
    let from = match trigger {
        "aware" => "of becoming aware of the breach",
        "discovered" => "of discovering it",
        "declared" => "of the declaration",
        "assessed" => "of determining that a breach occurred",
        "classified_major" => "of classifying the incident as major",
        "determined_material" => "of determining that it is material",
        _ => "of the triggering event",
    };
    let Some(limit) = Limit::parse(within) else { return "without undue delay".to_string() };
    let n = limit.count;
    let plural = |word: &str| if n == 1 { word.to_string() } else { format!("{word}s") };
    match limit.unit {
        "hours" => format!("within {n} {} {from}", plural("hour")),
        "days" => format!("within {n} calendar {} {from}", plural("day")),
        "business_days" => format!("within {n} business {} {from}", plural("day")),
        _ => format!("within {n} calendar {} {from}", plural("month")),
    }
}

/// A regime limit as template data: `{count: 72, unit: "hours"}`; `None` for `asap`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Limit {
    pub count: u32,
    /// `hours`, `days`, `business_days` or `months`.
    pub unit: &'static str,
}

impl Limit {
    pub fn parse(within: &str) -> Option<Limit> {
        let split = within.find(|c: char| !c.is_ascii_digit()).unwrap_or(within.len());
        let (n, unit) = within.split_at(split);
        let count = n.parse().ok()?;
        let unit = match unit {
            "h" => "hours",
            "d" => "days",
            "bd" => "business_days",
            "mo" => "months",
            _ => return None,
        };
        Some(Limit { count, unit })
    }
}

#[derive(Serialize)]
pub struct IncidentView {
    pub id: String,
    pub title: String,
    pub severity: String,
    /// Effects in English words (kept for templates written before `effect_keys`).
    pub effects: Vec<String>,
    /// `access`, `disclosure`, …: a template turns each into its own language's words.
    pub effect_keys: Vec<String>,
    pub impact_summary: String,
    pub no_effect: bool,
    pub description: String,
    /// What the provider did, as recorded for customers (`act`, `--for-customers`).
    pub actions: Vec<String>,
    pub advice: Vec<String>,
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub email: String,
    pub phone: Option<String>,
}

#[derive(Serialize)]
pub struct Duty {
    pub recipient: String,
    /// The English sentence.
    pub when: String,
    pub limit: Option<Limit>,
    pub trigger: String,
    pub unverified: bool,
}

#[derive(Serialize)]
pub struct RegimeView {
    pub id: String,
    pub name: String,
    pub duties: Vec<Duty>,
}

#[derive(Serialize)]
pub struct TenantView {
    pub id: String,
    pub name: String,
    pub admins: Vec<ContactView>,
    pub privacy: Option<ContactView>,
    pub detail: Option<String>,
    pub regimes: Vec<RegimeView>,
}

impl TenantView {
    pub fn new(tenant: &Tenant, detail: Option<&str>, catalog: &Catalog) -> TenantView {
        let contact = |name: &Option<String>, email: &str, phone: &Option<String>| ContactView {
            name: name.as_deref().map(plain),
            email: plain(email),
            phone: phone.as_deref().map(plain),
        };
        let regimes = tenant
            .regimes
            .iter()
            .filter_map(|id| catalog.get(id))
            .map(|regime| RegimeView {
                id: regime.id.clone(),
                name: plain(&regime.name),
                duties: regime
                    .stages
                    .iter()
                    .filter(|stage| stage.anchor.is_none())
                    .map(|stage| Duty {
                        recipient: plain(&regime.recipient(stage)),
                        when: when(&stage.within, &regime.trigger),
                        limit: Limit::parse(&stage.within),
                        trigger: regime.trigger.clone(),
                        unverified: stage.verified == "unverified",
                    })
                    .collect(),
            })
            .collect();
        TenantView {
            id: tenant.id.clone(),
            name: plain(&tenant.name),
            admins: tenant.admins.iter().map(|a| contact(&a.name, &a.email, &a.phone)).collect(),
            privacy: tenant.privacy.as_ref().map(|p| contact(&p.name, &p.email, &None)),
            detail: detail.map(prose),
            regimes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_sentences() {
        assert_eq!(when("72h", "aware"), "within 72 hours of becoming aware of the breach");
        assert_eq!(when("1mo", "declared"), "within 1 calendar month of the declaration");
        assert_eq!(when("3bd", "discovered"), "within 3 business days of discovering it");
        assert_eq!(when("asap", "aware"), "without undue delay");
        assert_eq!(Limit::parse("24h"), Some(Limit { count: 24, unit: "hours" }));
    }

    #[test]
    fn record_text_cannot_break_lines_where_it_must_not() {
        assert_eq!(plain("Eve\r\nBcc: x@evil.example"), "Eve  Bcc: x@evil.example");
        assert_eq!(plain("a\u{2028}b\u{0}c"), "a b c");
        assert_eq!(prose("line one\r\nline two\x1b[31m\u{2029}three"), "line one\nline two[31m\nthree");
    }

    #[test]
    fn times_are_written_for_people() {
        let at: DateTime<Utc> = "2026-11-23T03:50:00Z".parse().unwrap();
        assert_eq!(moment(at, None).text, "23 November 2026, 03:50 UTC");
        assert_eq!(moment(at, Some(chrono_tz::Europe::Berlin)).text, "23 November 2026, 04:50 CET");
        let summer: DateTime<Utc> = "2026-07-01T22:30:00Z".parse().unwrap();
        assert_eq!(moment(summer, Some(chrono_tz::Europe::Berlin)).text, "2 July 2026, 00:30 CEST");
        assert_eq!(moment(at, Some(chrono_tz::Asia::Dubai)).zone, "UTC+04");
        assert_eq!(moment(at, Some(chrono_tz::Asia::Kolkata)).zone, "IST");
    }
}
