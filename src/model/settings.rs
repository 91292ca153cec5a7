//! The store's settings file, `sirt.toml`.

use serde::{Deserialize, Serialize};

/// Version of the settings format, stored in the file.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub schema: u32,
    /// The provider's name, as customers know it.
    pub organisation: String,
    /// How customers reach the security response team.
    pub response_contact: String,
    /// How long after the declaration every affected tenant must have been notified, unless its
    /// contract says less.
    pub contract_limit: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema: SCHEMA,
            organisation: "Example Cloud".into(),
            response_contact: "security-response@example.com".into(),
            contract_limit: "72h".into(),
        }
    }
}

impl Settings {
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
             # The provider's name, as customers know it; used in notifications.\n\
             organisation = \"{}\"\n\n\
             # How customers reach the security response team; used in notifications.\n\
             response_contact = \"{}\"\n\n\
             # Every affected tenant is notified within this long of the declaration, unless its\n\
             # contract says less (tenant notify_within).\n\
             contract_limit = \"{}\"\n",
            d.schema, d.organisation, d.response_contact, d.contract_limit
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
