//! The store's settings file, `sirt.toml`.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::counting::Limit;
use super::regime::{Catalog, LimitOverride, Regime};
use super::time::parse_span;

use super::contact::{EmailAddress, OneLine};

/// What `sirt init` writes until someone names the provider: `sirt notify` refuses to draft
/// while either is still there.
pub const PLACEHOLDER_ORGANISATION: &str = "Example Cloud";
pub const PLACEHOLDER_SENDER: &str = "security-response@example.com";

/// Version of the settings format, stored in the file.
pub const SCHEMA: u32 = 1;

/// The first sirt that writes the sharded layout (and appends to incident files, and knows
/// corrections); new and upgraded stores ask for it, so an older sirt cannot write flat files
/// into a sharded store or rewrite what it does not understand.
pub const MIN_WRITER_VERSION: &str = "0.3.0";

/// Where the store keeps its records (the paths themselves are `store::layout`'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// `incidents/<ID>.toml` and `tenants/<ID>.toml`: stores made before sirt 0.3.0, until
    /// `sirt upgrade`. A file without the key is flat.
    #[default]
    Flat,
    /// `incidents/<XX>/<ID>.toml` and `tenants/<XX>/<ID>.toml`.
    Sharded,
}

impl Layout {
    fn is_flat(&self) -> bool {
        *self == Layout::Flat
    }
}

/// The settings, each value read into its type when the file is read: a bad value is reported
/// with its line by every command that opens the store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub schema: u32,
    /// The oldest sirt that may write to this store; older ones refuse, so that a format they
    /// do not know is never written over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_writer_version: Option<String>,
    /// Where records are kept; changed only by `sirt upgrade`.
    #[serde(default, skip_serializing_if = "Layout::is_flat")]
    pub layout: Layout,
    /// The provider's name, as customers know it.
    pub organisation: String,
    /// How customers reach the security response team.
    pub response_contact: String,
    /// The address drafts are sent from (`From:`), checked when the store is opened.
    pub sender_address: EmailAddress,
    /// The name shown with it [default: "<organisation> Security Response"].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<OneLine>,
    /// Where replies go, if not to the sender address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<EmailAddress>,
    /// How long after the declaration every affected tenant must have been notified, unless its
    /// contract says less.
    #[serde(deserialize_with = "contract_limit")]
    pub contract_limit: Limit,
    /// A clock of a day or more is at risk with less than this left; shorter clocks use a quarter
    /// of their limit.
    pub at_risk_margin: Span,
    /// Regimes the provider itself answers to; each stage becomes a clock.
    pub own_regimes: Vec<String>,
    /// What `aware`-type triggers run from.
    pub aware_at: AwareAt,
    /// Days that business-day limits skip besides weekends, for the contract and for regimes that
    /// name no calendar.
    #[serde(deserialize_with = "dates")]
    pub holidays: Vec<NaiveDate>,
    /// Holidays per calendar (`us`, `br`, `eu-de`, …), for the regimes that name one.
    #[serde(deserialize_with = "calendars", skip_serializing_if = "BTreeMap::is_empty")]
    pub calendars: BTreeMap<String, Vec<NaiveDate>>,
    /// Severities whose tenants get a phone call script.
    pub phone_severities: Vec<super::vocab::Severity>,
    /// Severities whose eradication needs the executive incident manager's approval.
    pub eradication_approval: Vec<super::vocab::Severity>,
    /// Regimes added to the built-in catalog (same fields as `sirt regimes ID --format json`).
    #[serde(rename = "regime", skip_serializing_if = "Vec::is_empty")]
    pub regimes: Vec<Regime>,
    /// Limits that replace the catalog's for one stage.
    #[serde(rename = "limit", skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<LimitOverride>,
    /// Try a quick `sirt sync` after every change (never failing the change when offline).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sync_after_write: bool,
    /// Whether sirt signs the commits it writes, and whether `sirt verify` requires signatures.
    pub signing: Signing,
}

/// `signing = "off" | "sign" | "require"`: `sign` signs every commit sirt writes with git's
/// signing configuration; `require` also makes every unsigned commit, or one signed by a key
/// not in the store's `allowed_signers`, a finding of `sirt verify`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Signing {
    #[default]
    Off,
    Sign,
    Require,
}

/// What an `aware` trigger runs from: the declaration, or the detection for the cautious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AwareAt {
    Declaration,
    Detection,
}

/// A length of time written like `12h` or `90m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span(pub Duration);

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let seconds = self.0.num_seconds();
        let text = match seconds {
            s if s % 3600 == 0 => format!("{}h", s / 3600),
            s if s % 60 == 0 => format!("{}m", s / 60),
            s => format!("{s}s"),
        };
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_span(&text)
            .map(Span)
            .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not a duration like 12h or 90m")))
    }
}

fn contract_limit<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Limit, D::Error> {
    match Limit::deserialize(deserializer)? {
        Limit::Asap => Err(serde::de::Error::custom("contract_limit needs a time limit like 72h, not asap")),
        limit => Ok(limit),
    }
}

/// One holiday, read on its own so a bad one is reported at its own line.
struct Holiday(NaiveDate);

impl<'de> Deserialize<'de> for Holiday {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Holiday)
            .map_err(|_| serde::de::Error::custom(format!("holiday '{text}' is not a date like 2026-12-25")))
    }
}

fn dates<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
    Ok(Vec::<Holiday>::deserialize(deserializer)?.into_iter().map(|h| h.0).collect())
}

fn calendars<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Vec<NaiveDate>>, D::Error> {
    Ok(BTreeMap::<String, Vec<Holiday>>::deserialize(deserializer)?
        .into_iter()
        .map(|(name, days)| (name, days.into_iter().map(|h| h.0).collect()))
        .collect())
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema: SCHEMA,
            min_writer_version: Some(MIN_WRITER_VERSION.into()),
            layout: Layout::Sharded,
            organisation: PLACEHOLDER_ORGANISATION.into(),
            response_contact: "security-response@example.com".into(),
            sender_address: EmailAddress::try_from(PLACEHOLDER_SENDER.to_string()).expect("a valid address"),
            sender_name: None,
            reply_to: None,
            contract_limit: Limit::Minutes(72 * 60),
            at_risk_margin: Span(Duration::hours(12)),
            own_regimes: Vec::new(),
            aware_at: AwareAt::Declaration,
            holidays: Vec::new(),
            calendars: BTreeMap::new(),
            phone_severities: vec![super::vocab::Severity::Sev1, super::vocab::Severity::Sev2],
            eradication_approval: vec![super::vocab::Severity::Sev1],
            regimes: Vec::new(),
            limits: Vec::new(),
            sync_after_write: false,
            signing: Signing::Off,
        }
    }
}

/// Why a settings file cannot be used, and where in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Where the values that name other things sit in the file, to point at the one that is wrong.
#[derive(Deserialize)]
struct Places {
    #[serde(default)]
    own_regimes: Vec<toml::Spanned<String>>,
    #[serde(default, rename = "limit")]
    limits: Vec<toml::Spanned<toml::Value>>,
    #[serde(default, rename = "regime")]
    regimes: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    holidays: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    calendars: BTreeMap<String, Vec<toml::Spanned<toml::Value>>>,
}

impl Settings {
    /// Reads `sirt.toml`: every value into its type, and every regime, stage and calendar it
    /// names checked to exist.
    pub fn parse(text: &str) -> Result<Settings, Problem> {
        let located =
            |e: toml::de::Error| Problem { span: e.span(), message: e.message().trim().to_string() };
        let at = |span: Option<Range<usize>>, message: String| Problem { span, message };
        // Holidays first, each at its own line (a list's own error points at the list).
        if let Ok(places) = toml::from_str::<Places>(text) {
            for day in places.holidays.iter().chain(places.calendars.values().flatten()) {
                let good = day
                    .get_ref()
                    .as_str()
                    .is_some_and(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").is_ok());
                if !good {
                    return Err(at(
                        Some(day.span()),
                        format!("holiday {} is not a date like \"2026-12-25\"", day.get_ref()),
                    ));
                }
            }
        }
        let settings: Settings = toml::from_str(text).map_err(located)?;
        let places: Places = toml::from_str(text).map_err(located)?;
        // The built-in catalog is parsed only when something here names it: most commands of a
        // store that keeps to it never need it, and it is 70 KB of TOML.
        let built_in = if settings.limits.is_empty() { None } else { Some(Catalog::built_in()) };
        for (n, limit) in settings.limits.iter().enumerate() {
            let known = settings
                .regimes
                .iter()
                .chain(built_in.iter().flat_map(|c| &c.regimes))
                .find(|r| r.id == limit.regime)
                .is_some_and(|r| r.stages.iter().any(|s| s.name == limit.stage));
            if !known {
                return Err(at(
                    places.limits.get(n).map(|p| p.span()),
                    format!(
                        "[[limit]] names {} '{}', which is not in the catalog",
                        limit.regime, limit.stage
                    ),
                ));
            }
        }
        let all = if settings.own_regimes.is_empty() { None } else { Some(settings.catalog()) };
        for (n, id) in settings.own_regimes.iter().enumerate() {
            if !all.as_ref().is_some_and(|all| all.contains(id)) {
                return Err(at(
                    places.own_regimes.get(n).map(|p| p.span()),
                    format!("own_regimes names '{id}', which is not in the catalog (see: sirt regimes)"),
                ));
            }
        }
        for (n, regime) in settings.regimes.iter().enumerate() {
            if let Some(calendar) = &regime.calendar
                && !settings.calendars.contains_key(calendar)
            {
                return Err(at(
                    places.regimes.get(n).map(|p| p.span()),
                    format!(
                        "regime {} names calendar '{calendar}', which [calendars] does not list",
                        regime.id
                    ),
                ));
            }
        }
        Ok(settings)
    }

    /// The keys still holding what `sirt init` wrote in place of the provider's own values.
    pub fn placeholders(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.organisation.trim().is_empty() || self.organisation == PLACEHOLDER_ORGANISATION {
            keys.push("organisation");
        }
        if self.sender_address.as_str() == PLACEHOLDER_SENDER {
            keys.push("sender_address");
        }
        keys
    }

    /// The display name of the sender.
    pub fn sender_display_name(&self) -> String {
        match &self.sender_name {
            Some(name) => name.as_str().to_string(),
            None => format!("{} Security Response", self.organisation.trim()),
        }
    }

    /// The built-in catalog with this store's regimes and limits (checked when the file was read).
    pub fn catalog(&self) -> Catalog {
        Catalog::built_in().with(&self.regimes, &self.limits).unwrap_or_else(|_| Catalog::built_in())
    }

    /// The holidays a regime's business days skip: its calendar's, else the store's own.
    pub fn holidays_of(&self, regime: &Regime) -> &[NaiveDate] {
        match &regime.calendar {
            Some(calendar) => self.calendars.get(calendar).map_or(&[], Vec::as_slice),
            None => &self.holidays,
        }
    }

    /// The contractual limit in whole hours, for comparing a tenant's own limit with it.
    pub fn contract_limit_hours(&self) -> Result<i64, String> {
        Ok(self.contract_limit.nominal().map_or(0, |d| d.num_hours()))
    }

    /// The file written by `sirt init`: the defaults, with a word on what each one means.
    pub fn initial_file() -> String {
        let d = Settings::default();
        format!(
            "# sirt store settings. Every change to this file should be committed like any other.\n\
             schema = {}\n\n\
             # The oldest sirt that may write to this store.\n\
             min_writer_version = \"{}\"\n\n\
             # Records live in incidents/<XX>/<ID>.toml and tenants/<XX>/<ID>.toml.\n\
             layout = \"sharded\"\n\n\
             # The provider's name, as customers know it; used in notifications.\n\
             organisation = \"{}\"\n\n\
             # How customers reach the security response team; free text in the drafts' bodies.\n\
             response_contact = \"{}\"\n\n\
             # The address drafts are sent from, and the name shown with it (default: the\n\
             # organisation's name and \"Security Response\"). Set both with:\n\
             #   sirt config set organisation \"NAME\" && sirt config set sender_address EMAIL\n\
             sender_address = \"{}\"\n\
             # sender_name = \"Example Cloud Security Response\"\n\
             # Where replies go, if not to the sender address.\n\
             # reply_to = \"incident-desk@example.com\"\n\n\
             # Every affected tenant is notified within this long of the declaration, unless its\n\
             # contract says less (tenant notify_within).\n\
             contract_limit = \"{}\"\n\n\
             # A clock of a day or more is at risk when less than this is left; shorter clocks\n\
             # are at risk in their last quarter.\n\
             at_risk_margin = \"{}\"\n\n\
             # Regimes the provider itself answers to, ids from `sirt regimes`, e.g. [\"nis2-art23\"].\n\
             own_regimes = []\n\n\
             # What an `aware` trigger runs from: \"declaration\", or \"detection\" to be cautious.\n\
             aware_at = \"{}\"\n\n\
             # Days that business-day limits skip besides weekends, e.g. [\"2026-12-25\"]: for the\n\
             # contract, and for regimes that name no calendar of their own.\n\
             holidays = []\n\n\
             # Severities whose affected tenants get a phone call script from `sirt notify`.\n\
             phone_severities = [\"sev1\", \"sev2\"]\n\n\
             # Severities whose eradication needs the executive incident manager's approval.\n\
             eradication_approval = [\"sev1\"]\n\n\
             # Add a regime: [[regime]] with the fields `sirt regimes ID --format json` shows.\n\
             # Change a limit: [[limit]] regime = \"nis2-art23\"  stage = \"early warning\"  within = \"12h\"\n\
             # Holidays of the calendars regimes name (`sirt regimes ID` shows it), e.g.\n\
             # [calendars]  us = [\"2026-11-26\"]  br = [\"2026-11-20\"]\n",
            d.schema,
            MIN_WRITER_VERSION,
            d.organisation,
            d.response_contact,
            d.sender_address,
            d.contract_limit.text(),
            "12h",
            "declaration"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_initial_file_reads_back_as_the_defaults() {
        let parsed: Settings = toml::from_str(&Settings::initial_file()).unwrap();
        assert_eq!(parsed, Settings::default());
    }

    #[test]
    fn missing_keys_take_their_defaults() {
        let parsed: Settings = toml::from_str("schema = 1\norganisation = \"Acme\"").unwrap();
        assert_eq!(parsed.organisation, "Acme");
        assert_eq!(parsed.response_contact, Settings::default().response_contact);
    }

    /// The line a problem points at.
    fn line_of(text: &str) -> (usize, String) {
        let problem = Settings::parse(text).unwrap_err();
        let start = problem.span.expect("the problem has a place").start;
        (text[..start].matches('\n').count() + 1, problem.message)
    }

    #[test]
    fn values_are_typed_and_a_bad_one_is_found_at_its_line() {
        let s = Settings::parse("contract_limit = \"90m\"\nat_risk_margin = \"2h\"\naware_at = \"detection\"\nholidays = [\"2026-12-25\"]\n[calendars]\nbr = [\"2026-11-20\"]\n").unwrap();
        assert_eq!(s.contract_limit, Limit::Minutes(90));
        assert_eq!(s.at_risk_margin, Span(Duration::hours(2)));
        assert_eq!(s.aware_at, AwareAt::Detection);
        assert_eq!(s.calendars["br"], vec![NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()]);

        let (line, message) = line_of("schema = 1\n\ncontract_limit = \"soon\"\n");
        assert_eq!(line, 3);
        assert!(message.contains("'soon' is not a limit"), "{message}");
        let (line, message) = line_of("schema = 1\nholidays = [\n  \"2026-12-25\",\n  \"Christmas\",\n]\n");
        assert_eq!(line, 4);
        assert!(message.contains("holiday \"Christmas\""), "{message}");
        let (line, _) = line_of("aware_at = \"whenever\"\n");
        assert_eq!(line, 1);
        let (line, message) = line_of("schema = 1\nown_regimes = [\"gdpr-art33\",\n  \"made-up\"]\n");
        assert_eq!(line, 3);
        assert!(message.contains("'made-up'"), "{message}");
        let (line, message) =
            line_of("schema = 1\n\n[[limit]]\nregime = \"nis2-art23\"\nstage = \"nope\"\nwithin = \"12h\"\n");
        assert!((3..=4).contains(&line), "{line}");
        assert!(message.contains("not in the catalog"), "{message}");
        let (_, message) = line_of("contract_limit = \"asap\"\n");
        assert!(message.contains("not asap"), "{message}");
    }

    #[test]
    fn a_store_regime_may_be_named_among_its_own() {
        let s = Settings::parse("own_regimes = [\"acme\"]\n[[regime]]\nid = \"acme\"\nname = \"Acme\"\nnotifies = \"a → b\"\ntrigger = \"declared\"\nzone = \"America/Sao_Paulo\"\n[[regime.stage]]\nname = \"s\"\nwithin = \"3bd\"\ncounting = \"business_days\"\n").unwrap();
        assert_eq!(s.catalog().get("acme").unwrap().zone.name(), "America/Sao_Paulo");
    }
}
