//! Contact values: ids, one-line names, email addresses and phone numbers, each checked for
//! the shape a notification needs. Pure functions; the tenant and the settings both use them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Tenant ids and regions: letters, digits, `-` and `_`.
pub fn check_slug(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("is empty".into());
    }
    if value.len() > 64 {
        return Err("is longer than 64 characters".into());
    }
    if let Some(bad) = value.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("'{value}' has '{}'; use letters, digits, '-' and '_'", bad.escape_default()));
    }
    Ok(())
}

/// A one-line text: no control characters, so nothing can inject a header into an email draft.
pub fn check_line(what: &str, value: &str, required: bool) -> Result<(), String> {
    if required && value.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    if let Some(bad) = value.chars().find(|c| c.is_control()) {
        return Err(format!("{what} contains the control character {bad:?}"));
    }
    Ok(())
}

/// A syntactically valid address: `local@domain.tld`, the local part in the characters RFC 5322
/// allows unquoted, the domain in letters, digits and hyphens.
pub fn check_email(value: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("'{}' is not a valid email address ({why})", value.escape_default()));
    let Some((local, domain)) = value.rsplit_once('@') else {
        return bad("no @");
    };
    if local.is_empty() || local.len() > 64 {
        return bad("nothing before the @");
    }
    let local_ok = local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return bad("unexpected characters before the @");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return bad("the domain needs a dot");
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return bad("the domain has an invalid part");
        }
    }
    if labels.last().is_some_and(|tld| tld.len() < 2 || tld.chars().all(|c| c.is_ascii_digit())) {
        return bad("the domain ends oddly");
    }
    Ok(())
}

/// E.164: `+`, then 8 to 15 digits, the first not zero.
pub fn check_phone(value: &str) -> Result<(), String> {
    let digits = value.strip_prefix('+').unwrap_or("");
    let ok = (8..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}' is not an E.164 number (+ then 8 to 15 digits, e.g. +14155550123)",
            value.escape_default()
        ))
    }
}

/// A checked email address: settings that become headers hold this, never free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = String;
    fn try_from(value: String) -> Result<EmailAddress, String> {
        let value = value.trim().to_string();
        check_email(&value)?;
        Ok(EmailAddress(value))
    }
}

impl From<EmailAddress> for String {
    fn from(address: EmailAddress) -> String {
        address.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A checked one-line text (a display name): no control character can break a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OneLine(String);

impl OneLine {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OneLine {
    type Error = String;
    fn try_from(value: String) -> Result<OneLine, String> {
        let value = value.trim().to_string();
        check_line("the text", &value, true)?;
        Ok(OneLine(value))
    }
}

impl From<OneLine> for String {
    fn from(line: OneLine) -> String {
        line.0
    }
}

/// A language tag as templates are filed under: `de`, `fr`, `pt-br` (lower case).
pub fn check_language(value: &str) -> Result<(), String> {
    let mut parts = value.split('-');
    let primary = parts.next().unwrap_or("");
    let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    let rest_ok = parts.all(|p| {
        (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if primary_ok && rest_ok {
        Ok(())
    } else {
        Err(format!("'{}' is not a language tag like de, fr or pt-br", value.escape_default()))
    }
}

/// An IANA time zone name such as `Europe/Berlin`.
pub fn check_timezone(value: &str) -> Result<chrono_tz::Tz, String> {
    value.parse::<chrono_tz::Tz>().map_err(|_| {
        format!("'{}' is not a time zone name like Europe/Berlin or America/New_York", value.escape_default())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_shape() {
        for good in ["a@b.co", "first.last+tag@mail.example.org", "x_y@sub-domain.example.com"] {
            assert!(check_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@b.co",
            "a@.co",
            "a..b@c.co",
            "a@b..co",
            "a b@c.co",
            "a@b.co\r\nBcc: x@y.co",
            "a@-b.co",
            "a@b.1",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn phones_are_e164() {
        assert!(check_phone("+14155550123").is_ok());
        for bad in
            ["14155550123", "+1 415 555 0123", "+0123456789", "+123", "+1234567890123456", "+1415555012a"]
        {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_and_names_refuse_what_could_break_things() {
        assert!(check_slug("tenant_01-eu").is_ok());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("").is_err());
        assert!(check_line("name", "Ida\r\nBcc: evil@x.co", true).is_err());
        assert!(check_line("name", "  ", true).is_err());
    }

    #[test]
    fn languages_and_zones_are_checked() {
        for good in ["de", "fr", "pt-br", "gsw"] {
            assert!(check_language(good).is_ok(), "{good}");
        }
        for bad in ["", "DE", "german", "de_DE", "d"] {
            assert!(check_language(bad).is_err(), "{bad}");
        }
        assert!(check_timezone("Europe/Berlin").is_ok());
        assert!(check_timezone("Mars/Olympus").is_err());
    }

    #[test]
    fn a_sender_address_is_checked_when_read() {
        let ok: EmailAddress = "security@contoso.example".to_string().try_into().unwrap();
        assert_eq!(ok.domain(), "contoso.example");
        let bad: Result<EmailAddress, _> =
            "security@nimbus.example, +1 415 555 0100 (24x7)".to_string().try_into();
        assert!(bad.is_err());
    }
}
