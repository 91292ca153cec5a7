//! Editing `sirt.toml` as text: one key at a time, keeping every comment and the layout, and
//! checking that the result still reads as settings. Pure: text in, text out.

use toml_edit::{Array, DocumentMut, Item, Value};

use super::settings::Settings;

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A list, given on the command line separated by commas.
    List,
    /// `true` or `false` (also `on` / `off`).
    Flag,
}

/// The keys `sirt config` reads and writes, with what each holds.
pub const KEYS: [(&str, Kind); 14] = [
    ("organisation", Kind::Text),
    ("response_contact", Kind::Text),
    ("sender_address", Kind::Text),
    ("sender_name", Kind::Text),
    ("reply_to", Kind::Text),
    ("contract_limit", Kind::Text),
    ("at_risk_margin", Kind::Text),
    ("aware_at", Kind::Text),
    ("own_regimes", Kind::List),
    ("holidays", Kind::List),
    ("phone_severities", Kind::List),
    ("eradication_approval", Kind::List),
    ("sync_after_write", Kind::Flag),
    ("schema", Kind::Text),
];

/// Keys that may be absent; an empty value removes them.
const OPTIONAL: [&str; 2] = ["sender_name", "reply_to"];

/// `did you mean sender_name?` for a key sirt does not know, when one is close.
pub fn suggest(key: &str) -> Option<String> {
    let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).filter(|k| *k != "schema").collect();
    crate::text::did_you_mean(key, &names)
}

fn kind(key: &str) -> Result<Kind, String> {
    KEYS.iter().find(|(k, _)| *k == key).map(|(_, kind)| *kind).ok_or_else(|| {
        let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).filter(|k| *k != "schema").collect();
        format!("'{key}' is not a setting sirt knows; the keys are: {}", names.join(", "))
    })
}

/// `text` with `key` set to `value`, and the settings it now reads as. Fails naming what is
/// wrong when the key is unknown or the value does not fit it.
pub fn set(text: &str, key: &str, value: &str) -> Result<(String, Settings), String> {
    let kind = kind(key)?;
    if key == "schema" {
        return Err("schema is the file format's version; sirt sets it".into());
    }
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    if value.trim().is_empty() && OPTIONAL.contains(&key) {
        // An optional key set to nothing goes back to its default.
        doc.remove(key);
        let edited = doc.to_string();
        let settings = check(&edited)?;
        return Ok((edited, settings));
    }
    let new = match kind {
        Kind::Text => Value::from(value.trim()),
        Kind::List => {
            let items: Array =
                value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(Value::from).collect();
            Value::Array(items)
        }
        Kind::Flag => match value.trim() {
            "true" | "on" | "yes" => Value::from(true),
            "false" | "off" | "no" => Value::from(false),
            other => return Err(format!("{key} takes true or false, not {other:?}")),
        },
    };
    match doc.get_mut(key) {
        // Keep the comments around the key; the value's own spacing is renewed.
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        _ => {
            doc.insert(key, Item::Value(new));
        }
    }
    let mut edited = doc.to_string();
    if !edited.ends_with('\n') {
        edited.push('\n');
    }
    let settings = check(&edited).map_err(|e| format!("{key} = {value:?} does not fit: {e}"))?;
    Ok((edited, settings))
}

/// The settings `text` reads as, with every value that is parsed later checked now too.
pub fn check(text: &str) -> Result<Settings, String> {
    // Typed settings check every value, and every regime, stage and calendar named, as they read.
    Settings::parse(text).map_err(|problem| problem.message)
}

/// The value of `key` as a person would type it back to `set`.
pub fn get(settings: &Settings, key: &str) -> Result<String, String> {
    kind(key)?;
    let table = toml::Table::try_from(settings).map_err(|e| e.to_string())?;
    Ok(match table.get(key) {
        None => String::new(),
        Some(toml::Value::String(text)) => text.clone(),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_a_key_keeps_the_comments() {
        let text = Settings::initial_file();
        let (edited, settings) = set(&text, "organisation", "Contoso, Inc.").unwrap();
        assert_eq!(settings.organisation, "Contoso, Inc.");
        assert!(edited.contains("# The provider's name, as customers know it"), "{edited}");
        assert!(edited.contains("organisation = \"Contoso, Inc.\"\n"), "{edited}");
        assert_eq!(edited.lines().count(), text.lines().count());
        let (edited, settings) = set(&edited, "phone_severities", "sev1, sev2,sev3").unwrap();
        assert_eq!(settings.phone_severities.len(), 3);
        assert_eq!(get(&settings, "phone_severities").unwrap(), "sev1,sev2,sev3");
        let (edited, settings) = set(&edited, "reply_to", "desk@contoso.example").unwrap();
        assert_eq!(get(&settings, "reply_to").unwrap(), "desk@contoso.example");
        let (edited, settings) = set(&edited, "reply_to", "").unwrap();
        assert_eq!(settings.reply_to, None);
        assert!(!edited.lines().any(|l| l.starts_with("reply_to")), "{edited}");
    }

    #[test]
    fn values_that_do_not_fit_are_refused() {
        let text = Settings::initial_file();
        assert!(set(&text, "sender_address", "security@nimbus.example, +1 415 555 0100 (24x7)").is_err());
        assert!(set(&text, "contract_limit", "soon").is_err());
        assert!(set(&text, "colour", "blue").unwrap_err().contains("the keys are"));
        assert!(set(&text, "schema", "2").is_err());
    }
}
