//! The catalog of notification regimes: who must notify whom, from which event, within what limit.
//! Built into the binary from `regimes.toml`; the facts come with their sources and how sure we
//! are of each (`verified`).

use serde::{Deserialize, Serialize};

const BUILT_IN: &str = include_str!("regimes.toml");

/// A regime a store adds is unverified unless it says otherwise.
fn unverified() -> String {
    "unverified".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    pub schema: u32,
    #[serde(rename = "regime")]
    pub regimes: Vec<Regime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regime {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub jurisdiction: String,
    pub notifies: String,
    /// What starts the clock: aware, declared, determined_material, classified_major,
    /// discovered or assessed.
    pub trigger: String,
    #[serde(default)]
    pub trigger_text: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub exceptions: Vec<String>,
    #[serde(default)]
    pub source: String,
    #[serde(rename = "stage")]
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub source: String,
    /// text, secondary or unverified.
    #[serde(default = "unverified")]
    pub verified: String,
}

impl Regime {
    /// Who a stage's notice goes to: the stage's own recipient, else the right side of the
    /// regime's "who → whom".
    pub fn recipient(&self, stage: &Stage) -> String {
        match &stage.to {
            Some(to) => to.clone(),
            None => self.notifies.rsplit('→').next().unwrap_or(&self.notifies).trim().to_string(),
        }
    }
}

impl Catalog {
    /// The catalog shipped with sirt.
    pub fn built_in() -> Catalog {
        toml::from_str(BUILT_IN).expect("the built-in regime catalog is valid (checked by a test)")
    }

    /// The built-in catalog with a store's additions and limit overrides applied.
    pub fn for_store(settings: &super::settings::Settings) -> Result<Catalog, String> {
        let mut catalog = Catalog::built_in();
        for added in &settings.regimes {
            for stage in &added.stages {
                if super::deadline::Limit::parse(&stage.within).is_none() {
                    return Err(format!(
                        "regime {} stage '{}' in sirt.toml: within '{}' is not like 72h, 3d, 4bd, 1mo or asap",
                        added.id, stage.name, stage.within
                    ));
                }
            }
            catalog.regimes.retain(|r| r.id != added.id);
            catalog.regimes.push(added.clone());
        }
        for limit in &settings.limits {
            if super::deadline::Limit::parse(&limit.within).is_none() {
                return Err(format!(
                    "[[limit]] for {} '{}' in sirt.toml: within '{}' is not like 72h, 3d, 4bd, 1mo or asap",
                    limit.regime, limit.stage, limit.within
                ));
            }
            let stage = catalog
                .regimes
                .iter_mut()
                .find(|r| r.id == limit.regime)
                .and_then(|r| r.stages.iter_mut().find(|s| s.name == limit.stage))
                .ok_or_else(|| {
                    format!(
                        "[[limit]] in sirt.toml names {} '{}', which is not in the catalog",
                        limit.regime, limit.stage
                    )
                })?;
            stage.within = limit.within.clone();
            stage.note = Some(format!(
                "limit set by this store's sirt.toml (the catalog says otherwise){}",
                stage.note.as_ref().map(|n| format!("; {n}")).unwrap_or_default()
            ));
        }
        for id in &settings.own_regimes {
            if !catalog.contains(id) {
                return Err(format!(
                    "own_regimes in sirt.toml names '{id}', which is not in the catalog (see: sirt regimes)"
                ));
            }
        }
        Ok(catalog)
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
    use crate::model::settings::{LimitOverride, Settings};

    #[test]
    fn a_store_adds_regimes_and_overrides_limits() {
        let mut settings: Settings = toml::from_str(
            "own_regimes = [\"acme-internal\"]\n[[regime]]\nid = \"acme-internal\"\nname = \"Acme policy\"\nnotifies = \"provider → board\"\ntrigger = \"declared\"\n[[regime.stage]]\nname = \"tell the board\"\nwithin = \"2bd\"\ncounting = \"business_days\"\n",
        )
        .unwrap();
        settings.limits.push(LimitOverride {
            regime: "nis2-art23".into(),
            stage: "early warning".into(),
            within: "12h".into(),
        });
        let catalog = Catalog::for_store(&settings).unwrap();
        assert_eq!(catalog.get("acme-internal").unwrap().stages[0].verified, "unverified");
        let nis2 = catalog.get("nis2-art23").unwrap();
        assert_eq!(nis2.stages[0].within, "12h");
        settings.limits[0].stage = "no such stage".into();
        assert!(Catalog::for_store(&settings).unwrap_err().contains("not in the catalog"));
        settings.limits.clear();
        settings.own_regimes = vec!["made-up".into()];
        assert!(Catalog::for_store(&settings).is_err());
    }

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
