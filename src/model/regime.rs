//! The catalog of notification regimes: who must notify whom, from which event, within what limit.
//! Built into the binary from `regimes.toml`; the facts come with their sources and how sure we
//! are of each (`verified`).

use serde::{Deserialize, Serialize};

use super::counting::{Counting, Days, Limit};
use super::time::Zone;

const BUILT_IN: &str = include_str!("regimes.toml");

fn utc() -> Zone {
    Zone::Utc
}

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
    /// The zone the jurisdiction counts its days in.
    #[serde(default = "utc")]
    pub zone: Zone,
    /// The holiday calendar its business days skip (`us`, `br`, …), kept in the store's
    /// `[calendars]`; without one, the store's own `holidays`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
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
#[serde(try_from = "RawStage")]
pub struct Stage {
    pub name: String,
    pub within: Limit,
    pub counting: Counting,
    /// Where a limit counted in days starts and ends; absent for elapsed time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Days>,
    /// What the clock runs from when not the regime's trigger: `stage:<name>`, `aware`, ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Limit>,
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

/// A stage as written, before its limit and counting are checked against each other.
#[derive(Deserialize)]
struct RawStage {
    name: String,
    within: Limit,
    counting: Counting,
    #[serde(default)]
    days: Option<Days>,
    #[serde(default)]
    anchor: Option<String>,
    #[serde(default)]
    cap: Option<Limit>,
    #[serde(default)]
    cap_anchor: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    guidance: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    source: String,
    #[serde(default = "unverified")]
    verified: String,
}

impl TryFrom<RawStage> for Stage {
    type Error = String;

    fn try_from(raw: RawStage) -> Result<Stage, String> {
        let implied = raw.within.counting();
        if implied != raw.counting {
            return Err(format!(
                "stage '{}': within = \"{}\" counts {}, but counting = \"{}\"; write within as {} or counting = \"{}\"",
                raw.name,
                raw.within.text(),
                implied.as_str().replace('_', " "),
                raw.counting.as_str(),
                match raw.counting {
                    Counting::Hours => "hours (72h)",
                    Counting::CalendarDays => "days (3d)",
                    Counting::BusinessDays => "business days (3bd)",
                    Counting::CalendarMonth => "months (1mo)",
                    Counting::None => "asap",
                },
                implied.as_str()
            ));
        }
        if raw.cap == Some(Limit::Asap) {
            return Err(format!("stage '{}': a cap needs a time limit, not asap", raw.name));
        }
        if raw.cap.is_some() != raw.cap_anchor.is_some() {
            return Err(format!("stage '{}': cap and cap_anchor go together", raw.name));
        }
        Ok(Stage {
            name: raw.name,
            within: raw.within,
            counting: raw.counting,
            days: raw.days,
            anchor: raw.anchor,
            cap: raw.cap,
            cap_anchor: raw.cap_anchor,
            to: raw.to,
            guidance: raw.guidance,
            description: raw.description,
            note: raw.note,
            source: raw.source,
            verified: raw.verified,
        })
    }
}

impl Stage {
    /// How its days are counted: as the catalog says, else from the time of day.
    pub fn day_rule(&self) -> Days {
        self.days.unwrap_or_default()
    }
}

/// `[[limit]] regime = "…" stage = "…" within = "48h"` in a store's settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LimitOverride {
    pub regime: String,
    pub stage: String,
    pub within: Limit,
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
        // Read once per process: every store opened checks its settings against it.
        static BUILT: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(|| {
            toml::from_str(BUILT_IN).expect("the built-in regime catalog is valid (checked by a test)")
        });
        BUILT.clone()
    }

    /// The built-in catalog with a store's additions (replacing a built-in regime of the same id)
    /// and limit overrides applied.
    pub fn with(mut self, added: &[Regime], limits: &[LimitOverride]) -> Result<Catalog, String> {
        for regime in added {
            self.regimes.retain(|r| r.id != regime.id);
            self.regimes.push(regime.clone());
        }
        for limit in limits {
            let stage = self
                .regimes
                .iter_mut()
                .find(|r| r.id == limit.regime)
                .and_then(|r| r.stages.iter_mut().find(|s| s.name == limit.stage))
                .ok_or_else(|| {
                    format!("[[limit]] names {} '{}', which is not in the catalog", limit.regime, limit.stage)
                })?;
            stage.within = limit.within;
            stage.counting = limit.within.counting();
            stage.note = Some(format!(
                "limit set by this store's sirt.toml (the catalog says otherwise){}",
                stage.note.as_ref().map(|n| format!("; {n}")).unwrap_or_default()
            ));
        }
        Ok(self)
    }

    pub fn get(&self, id: &str) -> Option<&Regime> {
        self.regimes.iter().find(|r| r.id == id)
    }

    /// A hint for an id not in the catalog: the close ones, then where the whole list is.
    pub fn hint_for(&self, typed: &str) -> String {
        match self.did_you_mean(typed) {
            Some(close) => format!("{close} (every regime: sirt regimes)"),
            None => "list them with: sirt regimes".to_string(),
        }
    }

    /// `did you mean gdpr?` when an id in the catalog is close to `typed`.
    pub fn did_you_mean(&self, typed: &str) -> Option<String> {
        let ids: Vec<&str> = self.regimes.iter().map(|r| r.id.as_str()).collect();
        if let Some(close) = crate::text::did_you_mean(typed, &ids) {
            return Some(close);
        }
        // Ids are long (gdpr-art33-2): a typo of the law's name alone finds its ids.
        let head = |id: &str| id.split('-').next().unwrap_or(id).to_string();
        let heads: Vec<String> = ids.iter().map(|id| head(id)).collect();
        let close =
            crate::text::closest(typed.split('-').next().unwrap_or(typed), heads.iter().map(String::as_str));
        let matching: Vec<&str> =
            ids.iter().copied().filter(|id| close.contains(&head(id).as_str())).collect();
        crate::text::did_you_mean_of(&matching)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_adds_regimes_and_overrides_limits() {
        let added: Regime = toml::from_str(
            "id = \"acme-internal\"\nname = \"Acme policy\"\nnotifies = \"provider → board\"\ntrigger = \"declared\"\n[[stage]]\nname = \"tell the board\"\nwithin = \"2bd\"\ncounting = \"business_days\"\n",
        )
        .unwrap();
        let mut limits = vec![LimitOverride {
            regime: "nis2-art23".into(),
            stage: "early warning".into(),
            within: Limit::parse("12h").unwrap(),
        }];
        let catalog = Catalog::built_in().with(std::slice::from_ref(&added), &limits).unwrap();
        assert_eq!(catalog.get("acme-internal").unwrap().stages[0].verified, "unverified");
        assert_eq!(catalog.get("acme-internal").unwrap().zone, Zone::Utc);
        let nis2 = catalog.get("nis2-art23").unwrap();
        assert_eq!(nis2.stages[0].within, Limit::Minutes(12 * 60));
        limits[0].stage = "no such stage".into();
        assert!(Catalog::built_in().with(&[], &limits).unwrap_err().contains("not in the catalog"));
    }

    #[test]
    fn a_stage_whose_limit_and_counting_disagree_is_refused() {
        let bad = "id = \"x\"\nname = \"x\"\nnotifies = \"a → b\"\ntrigger = \"declared\"\n[[stage]]\nname = \"s\"\nwithin = \"3d\"\ncounting = \"business_days\"\n";
        let err = toml::from_str::<Regime>(bad).unwrap_err();
        assert!(err.message().contains("counts calendar days, but counting = \"business_days\""), "{err}");
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
                // Every limit counted in days says where its days start and end.
                let in_days = matches!(
                    stage.counting,
                    Counting::CalendarDays | Counting::BusinessDays | Counting::CalendarMonth
                );
                assert_eq!(stage.days.is_some(), in_days, "{} / {}: days", regime.id, stage.name);
            }
            if regime.stages.iter().any(|s| s.counting == Counting::BusinessDays) {
                assert!(regime.calendar.is_some() || regime.id == "pci-dss-visa", "{}: calendar", regime.id);
            }
        }
    }
}
