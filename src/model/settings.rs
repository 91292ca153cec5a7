//! The store's settings file, `sirt.toml`.

use serde::{Deserialize, Serialize};

use super::contact::{EmailAddress, OneLine};

/// What `sirt init` writes until someone names the provider: `sirt notify` refuses to draft
/// while either is still there.
pub const PLACEHOLDER_ORGANISATION: &str = "Example Cloud";
pub const PLACEHOLDER_SENDER: &str = "security-response@example.com";

/// Version of the settings format, stored in the file.
pub const SCHEMA: u32 = 1;

/// The first sirt whose writes append to incident files and know corrections; new stores ask
/// for it, so an older sirt cannot rewrite what it does not understand.
pub const MIN_WRITER_VERSION: &str = "0.2.0";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub schema: u32,
    /// The oldest sirt that may write to this store; older ones refuse, so that a format they
    /// do not know is never written over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_writer_version: Option<String>,
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
    pub contract_limit: String,
    /// A clock of a day or more is at risk with less than this left; shorter clocks use a quarter
    /// of their limit.
    pub at_risk_margin: String,
    /// Regimes the provider itself answers to; each stage becomes a clock.
    pub own_regimes: Vec<String>,
    /// What `aware`-type triggers run from: `declaration`, or `detection` for the cautious.
    pub aware_at: String,
    /// Days business-day limits skip besides weekends, `YYYY-MM-DD`.
    pub holidays: Vec<String>,
    /// Severities whose tenants get a phone call script.
    pub phone_severities: Vec<super::vocab::Severity>,
    /// Severities whose eradication needs the executive incident manager's approval.
    pub eradication_approval: Vec<super::vocab::Severity>,
    /// Regimes added to the built-in catalog (same fields as `sirt regimes ID --format json`).
    #[serde(rename = "regime", skip_serializing_if = "Vec::is_empty")]
    pub regimes: Vec<super::regime::Regime>,
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

/// `[[limit]] regime = "…" stage = "…" within = "48h"`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LimitOverride {
    pub regime: String,
    pub stage: String,
    pub within: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema: SCHEMA,
            min_writer_version: Some(MIN_WRITER_VERSION.into()),
            organisation: PLACEHOLDER_ORGANISATION.into(),
            response_contact: "security-response@example.com".into(),
            sender_address: EmailAddress::try_from(PLACEHOLDER_SENDER.to_string()).expect("a valid address"),
            sender_name: None,
            reply_to: None,
            contract_limit: "72h".into(),
            at_risk_margin: "12h".into(),
            own_regimes: Vec::new(),
            aware_at: "declaration".into(),
            holidays: Vec::new(),
            phone_severities: vec![super::vocab::Severity::Sev1, super::vocab::Severity::Sev2],
            eradication_approval: vec![super::vocab::Severity::Sev1],
            regimes: Vec::new(),
            limits: Vec::new(),
            sync_after_write: false,
            signing: Signing::Off,
        }
    }
}

impl Settings {
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

    /// The holidays as dates, or the first one that is not a date.
    pub fn holiday_dates(&self) -> Result<Vec<chrono::NaiveDate>, String> {
        self.holidays
            .iter()
            .map(|d| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| format!("holiday '{d}' in sirt.toml is not a date like 2026-12-25"))
            })
            .collect()
    }

    pub fn at_risk_margin(&self) -> Result<chrono::Duration, String> {
        super::time::parse_span(&self.at_risk_margin).ok_or_else(|| {
            format!("at_risk_margin '{}' in sirt.toml is not a duration like 12h", self.at_risk_margin)
        })
    }

    pub fn aware_at_detection(&self) -> Result<bool, String> {
        match self.aware_at.as_str() {
            "declaration" => Ok(false),
            "detection" => Ok(true),
            other => Err(format!("aware_at '{other}' in sirt.toml must be \"declaration\" or \"detection\"")),
        }
    }

    /// The contractual limit in whole hours, or why it cannot be read.
    pub fn contract_limit_hours(&self) -> Result<i64, String> {
        match super::time::parse_span(&self.contract_limit) {
            Some(span) if span > chrono::Duration::zero() => Ok(span.num_hours()),
            _ => Err(format!(
                "contract_limit '{}' in sirt.toml is not a duration like 72h",
                self.contract_limit
            )),
        }
    }

    /// The file written by `sirt init`: the defaults, with a word on what each one means.
    pub fn initial_file() -> String {
        let d = Settings::default();
        format!(
            "# sirt store settings. Every change to this file should be committed like any other.\n\
             schema = {}\n\n\
             # The oldest sirt that may write to this store.\n\
             min_writer_version = \"{}\"\n\n\
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
             # Days that business-day limits skip besides weekends, e.g. [\"2026-12-25\"].\n\
             holidays = []\n\n\
             # Severities whose affected tenants get a phone call script from `sirt notify`.\n\
             phone_severities = [\"sev1\", \"sev2\"]\n\n\
             # Severities whose eradication needs the executive incident manager's approval.\n\
             eradication_approval = [\"sev1\"]\n\n\
             # Add a regime: [[regime]] with the fields `sirt regimes ID --format json` shows.\n\
             # Change a limit: [[limit]] regime = \"nis2-art23\"  stage = \"early warning\"  within = \"12h\"\n",
            d.schema,
            MIN_WRITER_VERSION,
            d.organisation,
            d.response_contact,
            d.sender_address,
            d.contract_limit,
            d.at_risk_margin,
            d.aware_at
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
}
