//! The catalog of notification regimes: who must notify whom, from which event, within what limit.
//! Built into the binary from `regimes.toml`; the facts come with their sources and how sure we
//! are of each (`verified`).

use serde::{Deserialize, Serialize};

const BUILT_IN: &str = include_str!("regimes.toml");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    pub schema: u32,
    #[serde(rename = "regime")]
    pub regimes: Vec<Regime>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Regime {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub notifies: String,
    /// What starts the clock: aware, declared, determined_material, classified_major,
    /// discovered or assessed.
    pub trigger: String,
    pub trigger_text: String,
    pub status: String,
    pub summary: String,
    #[serde(default)]
    pub exceptions: Vec<String>,
    pub source: String,
    #[serde(rename = "stage")]
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stage {
    pub name: String,
    /// `72h`, `3d`, `4bd`, `1mo`, or `asap`.
    pub within: String,
    /// hours, calendar_days, business_days, calendar_month, or none.
    pub counting: String,
    /// What the clock runs from when not the regime's trigger: `stage:<name>`, `aware`, ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_anchor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source: String,
    /// text, secondary or unverified.
    pub verified: String,
}

impl Catalog {
    /// The catalog shipped with sirt.
    pub fn built_in() -> Catalog {
        toml::from_str(BUILT_IN).expect("the built-in regime catalog is valid (checked by a test)")
    }

    pub fn get(&self, id: &str) -> Option<&Regime> {
        self.regimes.iter().find(|r| r.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_catalog_is_complete() {
        let catalog = Catalog::built_in();
        assert_eq!(catalog.schema, 1);
        assert_eq!(catalog.regimes.len(), 35);
        assert_eq!(catalog.regimes.iter().map(|r| r.stages.len()).sum::<usize>(), 75);
        assert!(catalog.contains("gdpr-art33"));
        assert!(!catalog.contains("made-up"));
        let mut ids: Vec<&str> = catalog.regimes.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 35, "regime ids are unique");
        for regime in &catalog.regimes {
            for stage in &regime.stages {
                assert!(
                    ["text", "secondary", "unverified"].contains(&stage.verified.as_str()),
                    "{}",
                    regime.id
                );
                assert!(!stage.description.is_empty(), "{} / {}", regime.id, stage.name);
            }
        }
    }
}
