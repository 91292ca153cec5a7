//! The parts of an incident's state: who is engaged, which tenants are affected, what was
//! notified, filed and done. Each is derived by the fold in `incident.rs`; field names are part
//! of the stable JSON of `sirt show --format json`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tenant::Channel;
use super::vocab::{Classification, Effect, Role};

/// Someone engaged in a role.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Engagement {
    pub role: Role,
    pub who: String,
    pub at: DateTime<Utc>,
}

/// A tenant on the incident's affected list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AffectedTenant {
    pub tenant: String,
    /// When it was found to be affected.
    pub since: DateTime<Utc>,
    /// What this tenant's drafts alone say, e.g. "3 mailboxes read".
    pub detail: Option<String>,
    /// Our first recorded notification of this tenant: when it became aware.
    pub notified_at: Option<DateTime<Utc>>,
}

/// An action item from the review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActionItem {
    /// `A1`, `A2`, … within the incident.
    pub id: String,
    pub text: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<chrono::NaiveDate>,
}

/// The response track: what has been done to contain, eradicate and recover.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Response {
    pub contained_at: Option<DateTime<Utc>>,
    pub containment: Option<String>,
    pub eradicated_at: Option<DateTime<Utc>>,
    pub eradication: Option<String>,
    pub vulnerability: Option<String>,
    pub approved_by: Option<String>,
    pub recovery: Option<String>,
    pub recovery_started_at: Option<DateTime<Utc>>,
    pub last_known_good: Option<String>,
    pub restored_from: Option<String>,
    pub inspected: bool,
    pub monitoring: bool,
    pub validated_by: Option<String>,
    pub recovered_at: Option<DateTime<Utc>>,
}

/// The post-incident review, with the state of its action items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Review {
    pub at: DateTime<Utc>,
    pub root_cause: String,
    pub went_well: Vec<String>,
    pub went_badly: Vec<String>,
    pub action_items: Vec<ActionItemState>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionItemState {
    #[serde(flatten)]
    pub item: ActionItem,
    pub done_at: Option<DateTime<Utc>>,
}

/// A notification recorded as sent.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Notification {
    pub tenant: String,
    pub channel: Channel,
    pub at: DateTime<Utc>,
    pub by: String,
    pub reference: Option<String>,
}

/// A classification and when it was made.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Classified {
    pub class: Classification,
    pub at: DateTime<Utc>,
}

/// A regime's stage recorded as filed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Filing {
    pub regime: String,
    pub stage: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub reference: Option<String>,
}

/// The latest impact assessment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Impact {
    pub effects: Vec<Effect>,
    pub summary: Option<String>,
    pub at: DateTime<Utc>,
}

/// An earlier event corrected (a new time) or retracted (`corrected_at` is `None`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Correction {
    pub event: String,
    pub kind: String,
    pub corrected_at: Option<DateTime<Utc>>,
    pub reason: String,
    pub by: String,
    pub recorded_at: DateTime<Utc>,
}
